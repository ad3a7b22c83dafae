//! "Buat cadangan" and "Pulihkan dari cadangan": a consistent snapshot of the case book (SQLite
//! online backup) sealed with the office's passphrase (`domain::backup`) and handed to the
//! platform (share sheet on Android, a file on desktop); and the way back: a picked file is
//! opened, checked and described first, and only on confirmation swapped in, with the current
//! database kept aside under a new name. A wrong passphrase, a damaged file or a backup from a
//! newer app changes nothing.

use std::path::{Path, PathBuf};
use std::sync::MutexGuard;

use crate::domain::backup::{self, BackupError, Fresh, KdfCost, Manifest};
use crate::domain::time;
use crate::store::Store;

use super::book_files::{file_stamp, move_aside_as, remove_db_files, rename_db_files, DAMAGE_MARK};
use super::{App, AppError, FieldError};

/// Staging file of a backup being restored, next to the database.
const STAGING_FILE: &str = "pulihkan-sementara.db";
/// The clean case book built from the backup's rows, waiting for "Ya, pulihkan".
const CLEAN_FILE: &str = "pulihkan-bersih.db";
/// The MIME type backups are shared with.
pub const BACKUP_MIME: &str = "application/octet-stream";

/// A backup that was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupMade {
    pub file_name: String,
    /// Where it went, in words ("Unduhan/…", a path, "dibagikan").
    pub place: String,
    pub cases: u64,
    pub bytes: u64,
}

/// What a picked backup holds, shown before anything is replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPreview {
    pub file_name: String,
    pub village: String,
    /// When it was made, in WIB words.
    pub created: String,
    pub cases: u64,
    pub app_version: String,
    /// Cases in the book that the restore would set aside.
    pub current_cases: u64,
}

/// A finished restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub cases: u64,
    /// File name the previous database was kept under.
    pub kept_as: String,
}

/// A backup checked and unpacked into the staging file, waiting for the official's "Ya".
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    preview: BackupPreview,
}

/// Fresh salt and nonce prefix from the operating system.
pub(super) fn fresh() -> Result<Fresh, AppError> {
    Ok(Fresh {
        salt: super::os_random()?,
        nonce_prefix: super::os_random()?,
    })
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> AppError + '_ {
    move |source| AppError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Checks the two passphrase fields of the "Buat cadangan" form (`sandi`, `sandi2`).
pub fn check_passphrase_form(passphrase: &str, repeat: &str) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if let Err(e) = backup::check_new_passphrase(passphrase) {
        errors.push(FieldError {
            field: "sandi".into(),
            message: e.to_string(),
        });
    } else if passphrase != repeat {
        errors.push(FieldError {
            field: "sandi2".into(),
            message: "Kata sandi ulangan tidak sama.".into(),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Form(errors))
    }
}

/// "Buat kata sandi acak": four words from the list in `domain::passphrase`, chosen with the
/// operating system's random source (44 bits).
pub fn new_passphrase() -> Result<String, AppError> {
    Ok(crate::domain::passphrase::from_random(&super::os_random()?))
}

/// Settings that never enter a backup.
pub const SECRET_SETTINGS: &[&str] = &[
    super::offsite::key::PASSWORD,
    super::offsite::key::PASSPHRASE,
    super::lock::key::PIN_HASH,
    // A wipe asked for on the phone that made the backup is that phone's business: carried
    // in a backup, it would let a restore skip the day's wait.
    super::lock::key::WIPE_ASKED,
    // The phone's id in the journal: a book restored from a backup takes a new one (its old
    // places beyond the backup may already be with the office's other phones).
    crate::store::PHONE_ID_KEY,
];

/// The file name of the book a restore set aside, written into the restored book: "Batalkan
/// pemulihan" puts back exactly that file, never whichever set-aside name sorts last (names
/// carry the phone's clock, which anyone can move).
pub const SET_ASIDE_KEY: &str = "pulihan_menyisihkan";

/// Settings that belong to this phone, not to the case book: where its copies go, whose
/// catalogs it trusts, what it was told about new versions. A restore keeps this phone's
/// values whatever the backup holds (a planted backup cannot redirect the copy or bring a
/// catalog key); the lock settings are carried the same way by `put_lock_after_restore`.
pub const PHONE_SETTINGS: &[&str] = &[
    super::offsite::key::URL,
    super::offsite::key::USER,
    super::offsite::key::PASSWORD,
    super::offsite::key::PASSPHRASE,
    super::offsite::key::KEEP,
    super::offsite::key::LAST_SUCCESS,
    super::offsite::key::LAST_NAME,
    super::offsite::key::LAST_ERROR,
    super::catalog_update::key::URL,
    super::catalog_update::key::KEYS,
    super::catalog_update::key::LAST_CHECK,
    super::catalog_update::key::LAST_RESULT,
    super::catalog_update::key::LAST_SUCCESS,
    super::catalog_update::key::APP_RELEASE,
    // How this phone's rounds through the office's folder stand.
    super::sync_folder::key::LAST,
    super::sync_folder::key::ERROR,
    super::sync_folder::key::SENT,
    crate::store::REWRITE_DUE_KEY,
];

impl App {
    /// This phone's [`PHONE_SETTINGS`] as they are now, to write back after a swap of books.
    fn phone_settings(&self) -> Result<Vec<(&'static str, String)>, AppError> {
        PHONE_SETTINGS
            .iter()
            .map(|k| Ok((*k, self.stored_setting(k)?.unwrap_or_default())))
            .collect()
    }

    /// The folder of the database (the platform's data directory).
    pub(crate) fn data_dir_of(store: &Store) -> Result<PathBuf, AppError> {
        store
            .path()
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| AppError::NoDataDir)
    }

    /// The sealed backup file: `(file name, bytes, manifest)`. `cost` is the argon2id cost
    /// (`KdfCost::DEFAULT` outside tests).
    pub fn backup_bytes(
        &self,
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<(String, Vec<u8>, Manifest), AppError> {
        backup::check_new_passphrase(passphrase).map_err(|e| {
            AppError::Form(vec![FieldError {
                field: "sandi".into(),
                message: e.to_string(),
            }])
        })?;
        let book = self.book()?;
        let dir = Self::data_dir_of(&book.store)?;
        let now = book.now_ms();
        let snapshot = dir.join(format!("cadangan-sementara-{now}.db"));
        let _ = std::fs::remove_file(&snapshot);
        // Secrets never enter a backup: whoever holds the file and its passphrase gets the
        // case book, not the WebDAV login, the automatic copy's passphrase or the PIN hash.
        let taken = book
            .store
            .backup_without_settings(&snapshot, SECRET_SETTINGS);
        let facts = taken.and_then(|()| Store::inspect_file(&snapshot));
        drop(book);
        let result = facts.map_err(AppError::from).and_then(|facts| {
            let database = std::fs::read(&snapshot).map_err(io(&snapshot))?;
            let manifest = Manifest {
                app_version: env!("CARGO_PKG_VERSION").to_string(),
                schema_version: facts.user_version.max(0) as u32,
                village: self.office().village,
                created_at_ms: now,
                cases: facts.cases,
                database_bytes: database.len() as u64,
            };
            let plain = backup::pack(&manifest, &database)?;
            let sealed = backup::seal(&plain, passphrase, cost, fresh()?)?;
            let stamp = time::to_wib(now).map_or_else(
                || now.to_string(),
                |t| t.format("%Y-%m-%d-%H%M").to_string(),
            );
            Ok((
                backup::file_name(&manifest.village, &stamp),
                sealed,
                manifest,
            ))
        });
        // The plain snapshot never outlives this call.
        let _ = std::fs::remove_file(&snapshot);
        result
    }

    /// "Buat cadangan": seals the case book and hands the file to the platform (Android: the
    /// share sheet, after a copy in Unduhan; desktop: a file in Dokumen).
    pub fn create_backup(
        &self,
        passphrase: &str,
        repeat: &str,
        pin: &str,
    ) -> Result<BackupMade, AppError> {
        check_passphrase_form(passphrase, repeat)?;
        // The whole book leaves the phone under a passphrase of the caller's choosing: a
        // relative with the unlocked app must not be able to do that (field `cadangan-pin`).
        self.confirm_pin(pin, "cadangan-pin")?;
        let (file_name, bytes, manifest) = self.backup_bytes(passphrase, KdfCost::DEFAULT)?;
        let place =
            self.platform
                .share_file(&file_name, BACKUP_MIME, &bytes, "Kirim cadangan ke")?;
        Ok(BackupMade {
            file_name,
            place,
            cases: manifest.cases,
            bytes: bytes.len() as u64,
        })
    }

    /// Asks the platform for a backup file (Android: the system file picker). The file
    /// arrives later through `take_picked_file`.
    pub fn pick_backup_file(&self) -> Result<(), AppError> {
        self.set_picking(super::Picking::Backup);
        Ok(self.platform.pick_file(BACKUP_MIME)?)
    }

    /// The backup the official picked, once: `(name, bytes)`. A file picked for "Terima dari
    /// HP lain" is that screen's (`take_picked_sync_file`), one opened with the app goes there
    /// too (`take_file_opened_with`).
    pub fn take_picked_file(&self) -> Result<Option<(String, Vec<u8>)>, AppError> {
        if self.picking() != super::Picking::Backup {
            return Ok(None);
        }
        let file = self.platform.take_picked_file()?;
        if file.is_some() {
            self.set_picking(super::Picking::Nothing);
        }
        Ok(file.map(|f| (f.name, f.bytes)))
    }

    /// Opens a backup with its passphrase, checks everything in it, and unpacks it next to the
    /// database, without touching the database. Returns what it holds for the official to
    /// confirm; `restore_backup` then swaps it in.
    pub fn inspect_backup(
        &self,
        file_name: &str,
        file: &[u8],
        passphrase: &str,
    ) -> Result<BackupPreview, AppError> {
        self.cancel_restore();
        if passphrase.is_empty() {
            return Err(AppError::field("sandi-pulih", "Isi kata sandi cadangan."));
        }
        // A wrong passphrase belongs under the passphrase field (`sandi-pulih`); every other
        // problem is the file's.
        let plain = backup::open(file, passphrase).map_err(|e| match e {
            BackupError::WrongPassphrase => AppError::Form(vec![FieldError {
                field: "sandi-pulih".into(),
                message: e.to_string(),
            }]),
            other => other.into(),
        })?;
        let (manifest, database) = backup::unpack(&plain)?;
        if manifest.schema_version as usize > crate::store::schema_version() {
            return Err(BackupError::NewerFormat.into());
        }
        let book = self.book()?;
        let dir = Self::data_dir_of(&book.store)?;
        let current_cases = book.store.case_count()?;
        drop(book);
        let staging = dir.join(STAGING_FILE);
        remove_db_files(&staging);
        std::fs::write(&staging, database).map_err(io(&staging))?;
        let facts = match Store::inspect_file(&staging) {
            Ok(facts) => facts,
            Err(e) => {
                remove_db_files(&staging);
                return Err(AppError::BackupDatabase(e.to_string()));
            }
        };
        if facts.cases != manifest.cases || facts.user_version != manifest.schema_version as i64 {
            remove_db_files(&staging);
            return Err(BackupError::BadManifest("jumlah berkas tidak cocok".into()).into());
        }
        // What is restored is a fresh database of this app holding the backup's rows, never
        // the file itself: its own tables, triggers and views stay behind.
        let clean = dir.join(CLEAN_FILE);
        let built = Store::clean_copy(&staging, &clean)
            .and_then(|()| Store::inspect_file(&clean))
            .map_err(|e| AppError::BackupDatabase(e.to_string()))
            .and_then(|facts| {
                if facts.cases == manifest.cases {
                    Ok(())
                } else {
                    Err(BackupError::BadManifest("jumlah berkas tidak cocok".into()).into())
                }
            });
        remove_db_files(&staging);
        if let Err(e) = built {
            remove_db_files(&clean);
            return Err(e);
        }
        let staging = clean;
        let preview = BackupPreview {
            file_name: file_name.to_string(),
            village: manifest.village,
            created: time::format_wib(manifest.created_at_ms),
            cases: manifest.cases,
            app_version: manifest.app_version,
            current_cases,
        };
        *self.staged() = Some(Staged {
            path: staging,
            preview: preview.clone(),
        });
        Ok(preview)
    }

    fn staged(&self) -> MutexGuard<'_, Option<Staged>> {
        self.restore.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The backup waiting for confirmation, if any.
    pub fn staged_backup(&self) -> Option<BackupPreview> {
        self.staged().as_ref().map(|s| s.preview.clone())
    }

    /// Drops a checked backup that the official did not confirm.
    pub fn cancel_restore(&self) {
        if let Some(staged) = self.staged().take() {
            remove_db_files(&staged.path);
        }
    }

    /// Puts the checked backup in place of the case book. The current database (with its WAL)
    /// is renamed `layanan-desa.db.sebelum-pulih-<time>` first, never deleted; if anything
    /// fails on the way, it is put back.
    pub fn restore_backup(&self) -> Result<Restored, AppError> {
        let staged = self
            .staged()
            .take()
            .ok_or_else(|| AppError::NothingStaged)?;
        // The restored database must not bring back another PIN: the phone's lock settings
        // are written over it, or cleared when this restore is the way out of a forgotten PIN.
        let status = self.lock_status()?;
        let forgot_pin = !matches!(status, super::lock::LockStatus::Open { .. });
        // Restored from the lock screen ("Lupa PIN"), by someone who did not know the PIN.
        let past_a_pin = matches!(status, super::lock::LockStatus::Locked { .. });
        let lock_before = self.lock_snapshot()?;
        let phone_before = self.phone_settings()?;
        let _care = self.care_guard();
        let mut book = self.book()?;
        let db = book.store.path().to_path_buf();
        let stamp = file_stamp(book.now_ms());
        // Close the current file (its WAL is folded in on close) before it is moved.
        let current = std::mem::replace(&mut book.store, Store::in_memory()?);
        drop(current);
        let kept = match move_aside_as(&db, "sebelum-pulih", &stamp) {
            Ok(kept) => kept,
            Err(e) => {
                book.store = Store::open(&db)?;
                return Err(e);
            }
        };
        let put_back = |book: &mut super::CaseBook| -> Result<(), AppError> {
            remove_db_files(&db);
            rename_db_files(&kept, &db)?;
            book.store = Store::open(&db)?;
            Ok(())
        };
        if let Err(e) = std::fs::rename(&staged.path, &db) {
            put_back(&mut book)?;
            return Err(io(&staged.path)(e));
        }
        match Store::open(&db) {
            Ok(store) => book.store = store,
            Err(e) => {
                put_back(&mut book)?;
                return Err(e.into());
            }
        }
        let cases = book.store.case_count()?;
        // Damage the daily check found belonged to the file now set aside.
        if let Some(dir) = db.parent() {
            let _ = std::fs::remove_file(dir.join(DAMAGE_MARK));
        }
        // This phone's network, trust and release settings, whatever the backup said. After
        // "Lupa PIN" the WebDAV password and the copy's passphrase are not handed to whoever
        // sets the new PIN: they are typed again (the address and the rest stay).
        let phone_before: Vec<(&'static str, String)> = if past_a_pin {
            phone_before
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        if SECRET_SETTINGS.contains(&k) {
                            String::new()
                        } else {
                            v
                        },
                    )
                })
                .collect()
        } else {
            phone_before
        };
        put_phone_settings(&mut book, &phone_before)?;
        let kept_as = kept
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let now = book.now_ms();
        book.store.set_settings(&[(SET_ASIDE_KEY, &kept_as)], now)?;
        drop(book);
        self.put_lock_after_restore(&lock_before, forgot_pin)?;
        self.reload_from_store()?;
        self.drop_code_of_the_old_phone()?;
        Ok(Restored { cases, kept_as })
    }
}

impl App {
    /// The book the restore that made this one set aside (`layanan-desa.db.sebelum-pulih-<time>`),
    /// if it is still on the phone: its file name, for "Batalkan pemulihan".
    pub fn restore_undo_available(&self) -> Result<Option<String>, AppError> {
        let book = self.book()?;
        let db = book.store.path().to_path_buf();
        drop(book);
        Ok(self
            .set_aside_by_restore(&db)?
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())))
    }

    /// The file the restore that made the current book set aside, named in the book itself
    /// (`SET_ASIDE_KEY`) and still beside it.
    fn set_aside_by_restore(&self, db: &Path) -> Result<Option<PathBuf>, AppError> {
        let Some(name) = self.stored_setting(SET_ASIDE_KEY)? else {
            return Ok(None);
        };
        let (Some(dir), Some(own)) = (db.parent(), db.file_name()) else {
            return Ok(None);
        };
        let prefix = format!("{}.sebelum-pulih-", own.to_string_lossy());
        // Only a plain file name of ours: a value from anywhere else names nothing.
        let ours = name.starts_with(&prefix) && !name.contains(['/', '\\']) && !name.contains("..");
        let path = dir.join(&name);
        Ok((ours && path.is_file()).then_some(path))
    }

    /// "Batalkan pemulihan": puts back the book the restore that made this one set aside. The
    /// restored book is not deleted either: it is kept as `layanan-desa.db.batal-pulih-<time>`.
    /// The book put back comes back exactly as it was set aside: its own PIN, network and
    /// trust settings. So whoever restored through "Lupa PIN" and then set a PIN, a WebDAV
    /// server or a catalog key of their own cannot carry any of it into the office's book,
    /// and the app locks when the PINs differ. Settings changed since the restore are undone
    /// with it. Returns the number of cases in the book put back.
    pub fn undo_restore(&self) -> Result<u64, AppError> {
        self.cancel_restore();
        let pin_before = self.stored_setting(super::lock::key::PIN_HASH)?;
        let _care = self.care_guard();
        let db = self.book()?.store.path().to_path_buf();
        let kept = self
            .set_aside_by_restore(&db)?
            .ok_or_else(|| AppError::NoEarlierBook)?;
        let mut book = self.book()?;
        let stamp = file_stamp(book.now_ms());
        let current = std::mem::replace(&mut book.store, Store::in_memory()?);
        drop(current);
        let restored = match move_aside_as(&db, "batal-pulih", &stamp) {
            Ok(path) => path,
            Err(e) => {
                book.store = Store::open(&db)?;
                return Err(e);
            }
        };
        let opened =
            rename_db_files(&kept, &db).and_then(|()| Store::open(&db).map_err(AppError::from));
        match opened {
            Ok(store) => book.store = store,
            Err(e) => {
                // Everything back where it was: the set-aside book, then the restored one.
                let _ = rename_db_files(&db, &kept);
                rename_db_files(&restored, &db)?;
                book.store = Store::open(&db)?;
                return Err(e);
            }
        }
        let cases = book.store.case_count()?;
        drop(book);
        let pin_now = self.stored_setting(super::lock::key::PIN_HASH)?;
        if pin_now.unwrap_or_default() != pin_before.unwrap_or_default() {
            self.lock_now();
        }
        self.reload_from_store()?;
        Ok(cases)
    }
}

/// Writes `before` (from [`App::phone_settings`]) into the book now in place, only where it
/// differs, so a swap that changes nothing leaves the rows as they were.
fn put_phone_settings(
    book: &mut super::CaseBook,
    before: &[(&'static str, String)],
) -> Result<(), AppError> {
    let changed: Vec<(&str, &str)> = before
        .iter()
        .filter(|(k, v)| book.store.setting(k).ok().flatten().unwrap_or_default() != *v)
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    if !changed.is_empty() {
        let now = book.now_ms();
        book.store.set_settings(&changed, now)?;
    }
    Ok(())
}

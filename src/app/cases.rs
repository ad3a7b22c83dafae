//! Case book use cases: open the database safely (a damaged file is moved aside, never deleted,
//! and the last automatic backup takes its place), take the daily backup, open a case, move its
//! status, tick its checklist, note and log replies. Owns the store and the clock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

use crate::domain::case::{Channel, ItemState, Nik, Status};
use crate::domain::catalog::{Catalog, Need};
use crate::domain::hours::OfficeHours;
use crate::domain::phone::WaNumber;
use crate::domain::time;
use crate::store::{CaseDetail, CaseRow, EventKind, NewCase, Store, StoreError};

use super::{AppError, FieldError};

/// The current time, injected so tests can freeze it.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch, UTC.
    fn now_ms(&self) -> i64;

    /// Milliseconds on a clock nobody can set, that only moves forward, counted from a fixed
    /// point in this run of the app (the PIN wait uses it besides `now_ms`, so moving the
    /// phone's clock does not end a wait while the app keeps running).
    fn elapsed_ms(&self) -> i64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        let start = START.get_or_init(std::time::Instant::now);
        i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX)
    }
}

/// A shared clock (tests keep one handle to move time while the case book holds the other).
impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now_ms(&self) -> i64 {
        (**self).now_ms()
    }

    fn elapsed_ms(&self) -> i64 {
        (**self).elapsed_ms()
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that stands still until moved; for tests and the seeder. `advance` and a `set`
/// forward are time passing (the elapsed clock moves too); `set` backward and `move_wall`
/// are someone changing the phone's clock (the elapsed clock stays).
#[derive(Debug, Default)]
pub struct FixedClock {
    wall: AtomicI64,
    elapsed: AtomicI64,
}

impl FixedClock {
    pub fn new(ms: i64) -> FixedClock {
        FixedClock {
            wall: AtomicI64::new(ms),
            elapsed: AtomicI64::new(0),
        }
    }

    pub fn set(&self, ms: i64) {
        let before = self.wall.swap(ms, Ordering::SeqCst);
        if ms > before {
            self.elapsed.fetch_add(ms - before, Ordering::SeqCst);
        }
    }

    pub fn advance(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
        self.elapsed.fetch_add(ms.max(0), Ordering::SeqCst);
    }

    /// The phone's clock set by hand: the wall clock jumps, no time passes.
    pub fn move_wall(&self, ms: i64) {
        self.wall.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now_ms(&self) -> i64 {
        self.wall.load(Ordering::SeqCst)
    }

    fn elapsed_ms(&self) -> i64 {
        self.elapsed.load(Ordering::SeqCst)
    }
}

/// A new id: UUID v7, unique across phones and sortable by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The database file name inside the data directory.
pub const DB_FILE: &str = "layanan-desa.db";
/// Folder of the automatic daily backups inside the data directory.
pub const BACKUP_DIR: &str = "cadangan";
/// How many daily backups are kept.
pub const BACKUPS_KEPT: usize = 7;

/// The result of opening the case book: the store, and what to tell the official when the
/// file had to be replaced.
pub struct Opened {
    pub store: Store,
    pub notice: Option<String>,
}

/// Opens `data_dir/layanan-desa.db`. A damaged or too-new file is renamed with a timestamp
/// (with its -wal and -shm companions) and the newest backup that opens cleanly is restored;
/// with no usable backup the book starts empty. Nothing is ever deleted.
pub fn open_case_book(data_dir: &Path, clock: &dyn Clock) -> Result<Opened, AppError> {
    std::fs::create_dir_all(data_dir).map_err(|source| AppError::Io {
        path: data_dir.display().to_string(),
        source,
    })?;
    let db = data_dir.join(DB_FILE);
    let mark = data_dir.join(DAMAGE_MARK);
    // Damage found by the daily check in an earlier session is dealt with now, as damage found
    // while opening is.
    let found_earlier = std::fs::read_to_string(&mark).ok();
    let _ = std::fs::remove_file(&mark);
    let first_error = match found_earlier {
        Some(reason) if db.exists() => StoreError::Damaged(reason.trim().to_string()),
        _ => match Store::open(&db) {
            Ok(store) => {
                return Ok(Opened {
                    store,
                    notice: None,
                })
            }
            Err(e) if e.is_damaged_file() => e,
            Err(e) => return Err(e.into()),
        },
    };
    let stamp = file_stamp(clock.now_ms());
    let aside = move_aside(&db, &stamp)?;
    let mut notice = format!(
        "File data tidak bisa dipakai ({first_error}) Berkas lama tidak dihapus: disimpan sebagai {}.",
        aside.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    );
    for backup in backups(data_dir)?.into_iter().rev() {
        // Like every restore, through a fresh database holding the copy's rows: the copy in
        // `cadangan/` itself is only read (through a scratch copy), never put in place.
        let staging = data_dir.join("pulihkan-sementara.db");
        std::fs::copy(&backup, &staging).map_err(|source| AppError::Io {
            path: backup.display().to_string(),
            source,
        })?;
        let built = Store::clean_copy(&staging, &db);
        remove_db_files(&staging);
        let opened = match built {
            Ok(()) => Store::open(&db),
            // Whatever stopped the copy, this automatic copy is not usable: try an older one.
            Err(e) => Err(StoreError::Damaged(e.to_string())),
        };
        match opened {
            Ok(store) => {
                let name = backup
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                notice.push_str(&format!(
                    " Data dipulihkan dari cadangan otomatis {name}; perubahan sesudah cadangan itu perlu dicatat ulang."
                ));
                return Ok(Opened {
                    store,
                    notice: Some(notice),
                });
            }
            Err(e) if e.is_damaged_file() => {
                // What was built from a bad copy is set aside too, and the next older copy is
                // tried.
                if db.exists() {
                    move_aside(&db, &format!("{stamp}-cadangan"))?;
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let store = Store::open(&db)?;
    notice.push_str(" Tidak ada cadangan yang bisa dipakai, jadi buku berkas mulai kosong.");
    Ok(Opened {
        store,
        notice: Some(notice),
    })
}

/// `20261128-201500` in WIB, for file names.
pub(crate) fn file_stamp(ms: i64) -> String {
    time::to_wib(ms).map_or_else(|| ms.to_string(), |t| t.format("%Y%m%d-%H%M%S").to_string())
}

/// Removes a database file with its -wal and -shm companions (working files, never the book).
pub(crate) fn remove_db_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Renames a database file and whichever of its -wal and -shm companions exist to `to`.
pub(crate) fn rename_db_files(from: &Path, to: &Path) -> Result<(), AppError> {
    for suffix in ["", "-wal", "-shm"] {
        let a = PathBuf::from(format!("{}{suffix}", from.display()));
        if a.exists() {
            let b = PathBuf::from(format!("{}{suffix}", to.display()));
            std::fs::rename(&a, &b).map_err(|source| AppError::Io {
                path: a.display().to_string(),
                source,
            })?;
        }
    }
    Ok(())
}

/// Renames the database and its WAL/SHM files to `<name>.rusak-<stamp>`; returns the new path.
fn move_aside(db: &Path, stamp: &str) -> Result<PathBuf, AppError> {
    move_aside_as(db, "rusak", stamp)
}

/// Renames the database and its WAL/SHM files to `<name>.<label>-<stamp>` (numbered if that
/// exists); returns the new path.
pub(crate) fn move_aside_as(db: &Path, label: &str, stamp: &str) -> Result<PathBuf, AppError> {
    let name = db
        .file_name()
        .map_or_else(|| DB_FILE.to_string(), |n| n.to_string_lossy().into_owned());
    let mut target = db.with_file_name(format!("{name}.{label}-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = db.with_file_name(format!("{name}.{label}-{stamp}-{n}"));
    }
    rename_db_files(db, &target)?;
    Ok(target)
}

/// Removes every file of the case book from `data_dir`: the database with its WAL/SHM, the
/// copies set aside after damage or before a restore, the automatic backups, and temporary
/// snapshots or staged restores. Other files are left alone.
pub(crate) fn remove_case_book_files(data_dir: &Path) -> Result<(), AppError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| AppError::Io { path, source }
    };
    remove_backups(data_dir)?;
    for entry in std::fs::read_dir(data_dir).map_err(io(data_dir))? {
        let path = entry.map_err(io(data_dir))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = name.starts_with(DB_FILE) || PLAIN_LEFTOVERS.iter().any(|p| name.starts_with(p));
        if ours && path.is_file() {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// Plain files a backup or a restore writes for the length of one call (a snapshot before it
/// is sealed, a backup's database before "Ya, pulihkan"). Killed midway, the app leaves them
/// behind; they hold residents' data unencrypted, outside retention and erasure.
const PLAIN_LEFTOVERS: &[&str] = &[
    "cadangan-sementara-",
    "pulihkan-sementara.db",
    "pulihkan-bersih.db",
];

/// Removes [`PLAIN_LEFTOVERS`] from the data folder and half-written automatic copies
/// (`cadangan/*.sementara`, left when the app was killed while copying) from the backup
/// folder (at every start); returns how many.
pub(crate) fn remove_plain_leftovers(data_dir: &Path) -> usize {
    let in_data = |name: &str| PLAIN_LEFTOVERS.iter().any(|p| name.starts_with(p));
    let in_backups = |name: &str| name.contains(".sementara");
    let mut removed = 0;
    for (dir, leftover) in [
        (data_dir.to_path_buf(), &in_data as &dyn Fn(&str) -> bool),
        (data_dir.join(BACKUP_DIR), &in_backups),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if leftover(&name)
                && entry.path().is_file()
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// Removes the folder of automatic backups with everything in it (none there is fine).
pub(crate) fn remove_backups(data_dir: &Path) -> Result<(), AppError> {
    let backups = data_dir.join(BACKUP_DIR);
    match std::fs::remove_dir_all(&backups) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::Io {
            path: backups.display().to_string(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The automatic backups, oldest first (their names sort by date).
pub fn backups(data_dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    let dir = data_dir.join(BACKUP_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(AppError::Io {
                path: dir.display().to_string(),
                source,
            })
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("otomatis-"))
                && p.extension().is_some_and(|e| e == "db")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Written next to the database when the daily check finds it damaged while the app runs; the
/// next start then moves the file aside and restores the newest automatic copy. Holds
/// SQLite's words about the damage.
pub const DAMAGE_MARK: &str = "layanan-desa.db.kerusakan";

/// Records damage found by the daily check, for the next start.
pub(crate) fn mark_damaged(data_dir: &Path, reason: &str) -> Result<(), AppError> {
    let mark = data_dir.join(DAMAGE_MARK);
    std::fs::write(&mark, reason).map_err(|source| AppError::Io {
        path: mark.display().to_string(),
        source,
    })
}

/// The file of today's automatic backup (WIB date), whether taken yet or not.
pub fn todays_backup(data_dir: &Path, clock: &dyn Clock) -> PathBuf {
    let day = time::to_wib(clock.now_ms()).map_or_else(
        || "00000000".to_string(),
        |t| t.format("%Y%m%d").to_string(),
    );
    data_dir.join(BACKUP_DIR).join(format!("otomatis-{day}.db"))
}

/// Takes today's automatic backup (WIB date) of the database file `db` unless it exists, and
/// keeps the newest seven. Written to a temporary name first, so a half-written file is never
/// taken as a backup. Reads through its own connection: callers need not hold the case book.
pub fn daily_backup(
    db: &Path,
    data_dir: &Path,
    clock: &dyn Clock,
) -> Result<Option<PathBuf>, AppError> {
    let dir = data_dir.join(BACKUP_DIR);
    let io = |source, path: &Path| AppError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
    let target = todays_backup(data_dir, clock);
    if target.exists() {
        return Ok(None);
    }
    let partial = target.with_extension("db.sementara");
    let _ = std::fs::remove_file(&partial);
    Store::copy_file(db, &partial)?;
    std::fs::rename(&partial, &target).map_err(|e| io(e, &partial))?;
    let all = backups(data_dir)?;
    for old in all.iter().take(all.len().saturating_sub(BACKUPS_KEPT)) {
        std::fs::remove_file(old).map_err(|e| io(e, old))?;
    }
    Ok(Some(target))
}

/// What the new-case form delivers, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseForm {
    pub resident_name: String,
    pub phone: String,
    pub nik: String,
    pub dusun: String,
    pub rt: String,
    pub rw: String,
    pub service_id: String,
    pub channel: Option<Channel>,
    pub handler: String,
    pub notes: String,
    /// "Pesan masuk": when the resident wrote, as typed or picked (WIB); empty = the moment
    /// the case is saved.
    pub message_at: String,
}

impl CaseForm {
    /// The form's fields by the short keys the screen and the stored draft use.
    pub fn fields(&self) -> [(&'static str, String); 11] {
        [
            ("nama", self.resident_name.clone()),
            ("hp", self.phone.clone()),
            ("nik", self.nik.clone()),
            ("dusun", self.dusun.clone()),
            ("rt", self.rt.clone()),
            ("rw", self.rw.clone()),
            ("layanan", self.service_id.clone()),
            ("saluran", self.channel.map_or("", Channel::key).to_string()),
            ("petugas", self.handler.clone()),
            ("catatan", self.notes.clone()),
            ("pesan-masuk", self.message_at.clone()),
        ]
    }

    /// Sets one field by its key; an unknown key changes nothing (a draft from a newer app).
    pub fn set(&mut self, key: &str, value: String) {
        match key {
            "nama" => self.resident_name = value,
            "hp" => self.phone = value,
            "nik" => self.nik = value,
            "dusun" => self.dusun = value,
            "rt" => self.rt = value,
            "rw" => self.rw = value,
            "layanan" => self.service_id = value,
            "saluran" => self.channel = Channel::from_key(&value),
            "petugas" => self.handler = value,
            "catatan" => self.notes = value,
            "pesan-masuk" => self.message_at = value,
            _ => {}
        }
    }
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Checks a form and turns it into a `NewCase`, or says in Indonesian what is wrong with each
/// field (`AppError::Form`, keyed `nama`, `layanan`, `hp`, `nik`, `saluran`, `pesan-masuk` like
/// the form). "Pesan masuk" left empty is the moment of saving, `received_at_ms`.
pub fn validate_form(
    form: &CaseForm,
    catalog: &Catalog,
    received_at_ms: i64,
) -> Result<NewCase, AppError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut error = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_string(),
            message,
        })
    };
    let name = form.resident_name.trim();
    if name.is_empty() {
        error("nama", "Nama warga wajib diisi.".into());
    }
    let service = catalog.service(form.service_id.trim());
    if service.is_none() {
        error("layanan", "Pilih layanan yang diminta warga.".into());
    }
    let phone = match optional(&form.phone).map(|raw| WaNumber::parse(&raw)) {
        Some(Ok(number)) => Some(number),
        Some(Err(e)) => {
            error("hp", e.to_string());
            None
        }
        None => None,
    };
    let nik = match optional(&form.nik).map(|raw| Nik::parse(&raw)) {
        Some(Ok(nik)) => Some(nik),
        Some(Err(e)) => {
            error("nik", e.to_string());
            None
        }
        None => None,
    };
    let channel = form.channel.unwrap_or(if phone.is_some() {
        Channel::WhatsApp
    } else {
        Channel::WalkIn
    });
    if channel == Channel::WhatsApp && phone.is_none() && optional(&form.phone).is_none() {
        error(
            "hp",
            "Permintaan lewat WhatsApp perlu nomor WhatsApp warga.".into(),
        );
    }
    let message_at_ms = match optional(&form.message_at) {
        None => received_at_ms,
        Some(text) => time::check_message_time(&text, received_at_ms, None).unwrap_or_else(|e| {
            error("pesan-masuk", e.to_string());
            received_at_ms
        }),
    };
    let Some(service) = service.filter(|_| errors.is_empty()) else {
        return Err(AppError::Form(errors));
    };
    Ok(NewCase {
        resident_name: name.to_string(),
        phone,
        nik,
        dusun: optional(&form.dusun),
        rt: optional(&form.rt),
        rw: optional(&form.rw),
        service_id: service.id.to_string(),
        service_name: service.name.clone(),
        outcome: service.outcome,
        catalog_version: catalog.meta.version,
        requirements: service.requirements.clone(),
        channel,
        received_at_ms,
        message_at_ms,
        year: time::wib_year(received_at_ms),
        handler: optional(&form.handler),
        notes: optional(&form.notes),
        out_of_hours: false,
    })
}

/// The case book: the store and the clock behind the case use cases.
pub struct CaseBook {
    pub store: Store,
    clock: Box<dyn Clock>,
}

impl CaseBook {
    pub fn new(store: Store, clock: Box<dyn Clock>) -> CaseBook {
        CaseBook { store, clock }
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// See [`Clock::elapsed_ms`].
    pub fn elapsed_ms(&self) -> i64 {
        self.clock.elapsed_ms()
    }

    pub fn open_case(
        &mut self,
        form: &CaseForm,
        catalog: &Catalog,
        actor: &str,
        hours: &OfficeHours,
    ) -> Result<CaseRow, AppError> {
        let now = self.clock.now_ms();
        let mut new = validate_form(form, catalog, now)?;
        new.out_of_hours = !hours.is_open(new.message_at_ms);
        Ok(self
            .store
            .create_case(&new, actor, &new_id(), [&new_id(), &new_id()])?)
    }

    pub fn detail(&self, id: &str) -> Result<CaseDetail, AppError> {
        self.store
            .case(id)?
            .ok_or_else(|| StoreError::NotFound(id.to_string()).into())
    }

    /// Corrects "Pesan masuk" of a case: never in the future, never after the case's first
    /// recorded event; the out-of-hours mark follows the new time. Errors are keyed
    /// `pesan-masuk` for the field.
    pub fn set_message_time(
        &mut self,
        id: &str,
        text: &str,
        hours: &OfficeHours,
        actor: &str,
    ) -> Result<CaseRow, AppError> {
        let detail = self.detail(id)?;
        let first = detail.events.iter().map(|e| e.at_ms).min();
        let now = self.clock.now_ms();
        let at = time::check_message_time(text, now, first).map_err(|e| {
            AppError::Form(vec![FieldError {
                field: "pesan-masuk".into(),
                message: e.to_string(),
            }])
        })?;
        Ok(self
            .store
            .set_message_time(id, at, !hours.is_open(at), actor, now, &new_id())?)
    }

    pub fn change_status(
        &mut self,
        id: &str,
        to: &Status,
        actor: &str,
    ) -> Result<CaseRow, AppError> {
        Ok(self
            .store
            .change_status(id, to, actor, self.clock.now_ms(), &new_id())?)
    }

    pub fn receive(&mut self, id: &str, position: usize, actor: &str) -> Result<(), AppError> {
        let now = self.clock.now_ms();
        Ok(self.store.set_item(
            id,
            position,
            &ItemState::Received { at_ms: now },
            actor,
            now,
            &new_id(),
        )?)
    }

    pub fn not_applicable(
        &mut self,
        id: &str,
        position: usize,
        reason: &str,
        actor: &str,
    ) -> Result<(), AppError> {
        let state = ItemState::NotApplicable {
            reason: reason.trim().to_string(),
        };
        Ok(self
            .store
            .set_item(id, position, &state, actor, self.clock.now_ms(), &new_id())?)
    }

    /// Only a conditional item can be said to apply; the others always do.
    pub fn mark_needed(&mut self, id: &str, position: usize, actor: &str) -> Result<(), AppError> {
        let detail = self.detail(id)?;
        match detail.checklist.items.get(position) {
            Some(item) if matches!(item.requirement.need, Need::When(_)) => {}
            Some(_) => {
                return Err(AppError::Invalid(
                    "Hanya syarat bersyarat yang bisa ditandai Perlu.".into(),
                ))
            }
            None => return Err(StoreError::NoSuchItem(position + 1).into()),
        }
        Ok(self.store.set_item(
            id,
            position,
            &ItemState::Needed,
            actor,
            self.clock.now_ms(),
            &new_id(),
        )?)
    }

    pub fn reset_item(&mut self, id: &str, position: usize, actor: &str) -> Result<(), AppError> {
        Ok(self.store.set_item(
            id,
            position,
            &ItemState::Pending,
            actor,
            self.clock.now_ms(),
            &new_id(),
        )?)
    }

    pub fn add_note(&mut self, id: &str, text: &str, actor: &str) -> Result<(), AppError> {
        if text.trim().is_empty() {
            return Err(AppError::Invalid("Catatan kosong.".into()));
        }
        let kind = EventKind::Note {
            text: text.trim().to_string(),
        };
        Ok(self
            .store
            .append_event(id, &kind, actor, self.clock.now_ms(), &new_id())?)
    }

    pub fn log_message(
        &mut self,
        id: &str,
        template: &str,
        text: &str,
        actor: &str,
    ) -> Result<(), AppError> {
        let kind = EventKind::MessageSent {
            template: template.to_string(),
            text: text.to_string(),
        };
        Ok(self
            .store
            .append_event(id, &kind, actor, self.clock.now_ms(), &new_id())?)
    }
}

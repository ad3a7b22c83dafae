//! The automatic half of sync (issue 22): when the office set up its WebDAV folder (the one of
//! the daily copies) and this phone has its code, each round, while the app is on screen,
//! reads the other phones' new files from the folder and merges them (as "Terima dari HP
//! lain" does), then uploads this phone's own new operations as one sealed file, first under a
//! temporary name and MOVEd into place only when whole (`Folder::put_atomic`). Small files of
//! one phone are merged once there are many; after an erasure the round writes again every
//! file of the folder that still holds the erased data, and the backups there (see
//! ARCHITECTURE.md, "Sync through the folder").

use std::time::Duration;

use crate::domain::backup::{self, KdfCost};
use crate::domain::sync_file::{self, SyncManifest};
use crate::net::webdav::Folder;
use crate::store::{Entry, Operation};

use super::offsite::key as dav;
use super::{App, AppError};

/// Settings keys of this phone: never an operation, and kept by a restore
/// (`backup::PHONE_SETTINGS`).
pub mod key {
    /// When the last round ended well (ms).
    pub const LAST: &str = "sinkron_terakhir";
    /// What went wrong last, with its time; empty after a good round.
    pub const ERROR: &str = "sinkron_galat";
    /// The place of this phone's newest operation in the folder, as of the last round.
    pub const SENT: &str = "sinkron_terkirim";
}

/// How every sync file in the folder begins: `sinkron-<phone id>-<first>-<last>.ldsync`.
pub const PREFIX: &str = "sinkron-";
/// The most one file of the folder may weigh (a whole 50,000-case book is about 40 MB).
pub const FILE_MAX: usize = 256 * 1024 * 1024;
/// Between two good rounds.
pub const ROUND_EVERY: Duration = Duration::from_secs(60);
/// How long one request of a round may take.
pub const ROUND_TIMEOUT: Duration = Duration::from_secs(300);
/// Own files in the folder beyond which the newest small ones are merged into one.
pub const MERGE_AFTER: usize = 16;
/// A file of at least this many operations is full: never merged again.
pub const FULL_FILE_OPS: u64 = 1000;

/// One sync file of the folder, as its name tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub name: String,
    /// The id of the phone whose operations it holds.
    pub phone: String,
    /// Its first and last place.
    pub from: u64,
    pub to: u64,
}

/// The name of the file of `phone`'s operations `from..=to`.
pub fn folder_file_name(phone: &str, from: u64, to: u64) -> String {
    format!(
        "{PREFIX}{phone}-{from:010}-{to:010}.{}",
        sync_file::EXTENSION
    )
}

/// Reads a file name of the folder; `None` for anything else (backups, `.part` uploads,
/// "Kirim ke HP lain" files someone dropped there).
pub fn parse_folder_file(name: &str) -> Option<FolderFile> {
    let rest = name
        .strip_prefix(PREFIX)?
        .strip_suffix(sync_file::EXTENSION)?
        .strip_suffix('.')?;
    let mut parts = rest.rsplitn(3, '-');
    let to: u64 = parts.next()?.parse().ok()?;
    let from: u64 = parts.next()?.parse().ok()?;
    let phone = parts.next()?;
    let id_like = !phone.is_empty() && phone.chars().all(|c| c.is_ascii_alphanumeric());
    (id_like && from >= 1 && from <= to).then(|| FolderFile {
        name: name.to_string(),
        phone: phone.to_string(),
        from,
        to,
    })
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderRound {
    /// Files of other phones read and merged.
    pub files_read: usize,
    pub new_cases: usize,
    pub changes: usize,
    /// This phone's operations uploaded.
    pub sent: u64,
    /// Files written again without erased data.
    pub rewritten: usize,
    /// Files left aside, each with its reason, and phones left out for their clocks.
    pub refused: Vec<String>,
}

impl FolderRound {
    /// "Sinkron selesai: 2 berkas baru, 5 perubahan masuk, 3 perubahan terkirim."
    pub fn summary(&self) -> String {
        let mut text = if self.new_cases == 0 && self.changes == 0 && self.sent == 0 {
            "Sinkron selesai: tidak ada yang baru.".to_string()
        } else {
            format!(
                "Sinkron selesai: {} berkas baru, {} perubahan masuk, {} perubahan terkirim.",
                self.new_cases, self.changes, self.sent
            )
        };
        if self.rewritten > 0 {
            text.push_str(&format!(
                " {} berkas di folder ditulis ulang tanpa data yang dihapus.",
                self.rewritten
            ));
        }
        for r in &self.refused {
            text.push(' ');
            text.push_str(r);
        }
        text
    }
}

/// Beranda's and Pengaturan's view of the folder sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStatus {
    /// `Rab 2 Des 2026 10.05 WIB`, `None` before the first good round.
    pub last: Option<String>,
    /// This phone's changes not yet in the folder.
    pub pending: u64,
    pub error: Option<String>,
}

impl SyncStatus {
    /// "Terakhir sinkron: Rab 2 Des 2026 10.05 WIB · 3 perubahan menunggu dikirim".
    pub fn line(&self) -> String {
        let last = match &self.last {
            Some(at) => format!("Terakhir sinkron: {at}"),
            None => "Belum pernah sinkron lewat folder kantor".to_string(),
        };
        match self.pending {
            0 => format!("{last} · semua perubahan sudah terkirim"),
            n => format!("{last} · {n} perubahan menunggu dikirim"),
        }
    }
}

impl App {
    /// Whether the rounds run: a folder is set and this phone has its code.
    pub fn folder_sync_on(&self) -> Result<bool, AppError> {
        Ok(!self.text_setting(dav::URL)?.is_empty() && !self.phone_code().is_none())
    }

    /// The folder sync as it stands, `None` when it is off.
    pub fn sync_status(&self) -> Result<Option<SyncStatus>, AppError> {
        if !self.folder_sync_on()? {
            return Ok(None);
        }
        let sent = self.text_setting(key::SENT)?.parse::<u64>().unwrap_or(0);
        let mine = self.book()?.store.own_last_place()?;
        let error = self.text_setting(key::ERROR)?;
        Ok(Some(SyncStatus {
            last: self
                .time_setting(key::LAST)?
                .map(crate::domain::time::format_wib),
            pending: mine.saturating_sub(sent),
            error: (!error.is_empty()).then_some(error),
        }))
    }

    /// "Sinkron sekarang": one round at the production key cost.
    pub async fn sync_folder_now(&self) -> Result<FolderRound, AppError> {
        self.sync_folder_round(KdfCost::DEFAULT, ROUND_TIMEOUT)
            .await
    }

    /// One round with the key cost and request timeout given (tests use cheap ones); the
    /// outcome is kept for Beranda and Pengaturan.
    pub async fn sync_folder_round(
        &self,
        cost: KdfCost,
        timeout: Duration,
    ) -> Result<FolderRound, AppError> {
        let result = self.folder_round(cost, timeout).await;
        let mut book = self.book()?;
        let now = book.now_ms();
        let error = match &result {
            Ok(round) => {
                book.store
                    .set_settings(&[(key::LAST, &now.to_string())], now)?;
                round.refused.join(" ")
            }
            Err(e) => format!("{}: {e}", crate::domain::time::format_wib(now)),
        };
        book.store.set_settings(&[(key::ERROR, &error)], now)?;
        result
    }

    /// One round in the background: every minute while all goes well, backing off (5 minutes
    /// doubling to 6 hours) while it fails; `true` when something came in.
    pub async fn sync_auto_round(&self, failures: &mut u32) -> (Duration, bool) {
        if !matches!(self.folder_sync_on(), Ok(true)) {
            return (Duration::from_secs(5 * 60), false);
        }
        match self.while_on_screen(self.sync_folder_now()).await {
            // Went to the background: the request was dropped (a `.part` at most stays).
            None => (Duration::from_secs(60), false),
            Some(Ok(round)) => {
                *failures = 0;
                (ROUND_EVERY, round.new_cases + round.changes > 0)
            }
            Some(Err(_)) => (super::failed_round_wait(failures), false),
        }
    }

    async fn folder_round(
        &self,
        cost: KdfCost,
        timeout: Duration,
    ) -> Result<FolderRound, AppError> {
        // One round at a time ("Sinkron sekarang" while the automatic one runs): a round that
        // uploads what the other just wrote again without erased data would undo it.
        let _one = self.sync_round.lock().await;
        let url = self.text_setting(dav::URL)?;
        if url.is_empty() {
            return Err(AppError::NoOffsiteFolder);
        }
        if self.phone_code().is_none() {
            return Err(AppError::NoPhoneCode);
        }
        let passphrase = self.sync_passphrase("")?;
        let folder = Folder::new(
            &url,
            &self.text_setting(dav::USER)?,
            &self.text_setting(dav::PASSWORD)?,
            timeout,
        )?;
        folder.ensure().await?;
        let files: Vec<FolderFile> = folder
            .entries()
            .await?
            .iter()
            .filter_map(|e| parse_folder_file(&e.name))
            .collect();
        let (me, have, rewrite) = {
            let book = self.book()?;
            (
                book.store.phone_id().to_string(),
                book.store.have()?,
                book.store.rewrite_due()?,
            )
        };
        let mut round = FolderRound::default();
        // Whether every file of the folder was read (after an erasure: and written again).
        let mut all_read = true;
        // The others' files first, each phone's in the order of its places: a phone new to the
        // office joins the office of the folder before it writes there.
        let mut others: Vec<&FolderFile> = files.iter().filter(|f| f.phone != me).collect();
        others.sort_by(|a, b| (&a.phone, a.from, a.to).cmp(&(&b.phone, b.from, b.to)));
        let mut read_back: Vec<(&FolderFile, Vec<u8>)> = Vec::new();
        for file in others {
            let held = have.get(&file.phone).copied().unwrap_or(0);
            if file.to <= held && rewrite.is_none() {
                continue;
            }
            // A file gone since the listing (merged by its phone) or refused by the server is
            // said and left for the next round; the rest of the round goes on.
            let bytes = match folder.get(&file.name, FILE_MAX).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    all_read = false;
                    round
                        .refused
                        .push(format!("Berkas {} belum terbaca: {e}", file.name));
                    continue;
                }
            };
            if file.to > held {
                match self.merge_sync_file(&bytes, &passphrase, true) {
                    Ok(got) => {
                        round.files_read += 1;
                        round.new_cases += got.new_cases;
                        round.changes += got.changes;
                        round.refused.extend(got.refused);
                    }
                    Err(e) => round
                        .refused
                        .push(format!("Berkas {} dilewati: {e}", file.name)),
                }
            }
            if rewrite.is_some() {
                read_back.push((file, bytes));
            }
        }
        // This phone's new operations go up before anything that may fail for another
        // phone's file.
        let mut own: Vec<FolderFile> = files.iter().filter(|f| f.phone == me).cloned().collect();
        let uploaded = own.iter().map(|f| f.to).max().unwrap_or(0);
        let ops = self.book()?.store.own_operations_after(uploaded)?;
        let mut sent_to = uploaded;
        if let (Some(first), Some(last)) = (ops.first(), ops.last()) {
            let name = folder_file_name(&me, first.seq, last.seq);
            let bytes = self.folder_file_bytes(&ops, &passphrase, cost)?;
            folder.put_atomic(&name, bytes).await?;
            round.sent = ops.len() as u64;
            sent_to = last.seq;
            own.push(FolderFile {
                name,
                phone: me.clone(),
                from: first.seq,
                to: last.seq,
            });
        }
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store
                .set_settings(&[(key::SENT, &sent_to.to_string())], now)?;
        }
        // After an erasure, every file still holding the erased data is written again, this
        // phone's and the others' (each file is whole under the office passphrase).
        if let Some(token) = rewrite {
            for file in files.iter().filter(|f| f.phone == me) {
                match folder.get(&file.name, FILE_MAX).await {
                    Ok(bytes) => read_back.push((file, bytes)),
                    Err(_) => all_read = false,
                }
            }
            for (file, bytes) in read_back {
                if let Some(clean) = self.without_erased(&bytes, &passphrase, cost)? {
                    folder.put_atomic(&file.name, clean).await?;
                    round.rewritten += 1;
                }
            }
            self.replace_backups_in(&folder, &passphrase, cost).await?;
            // Due again next round while a file could not be read.
            if all_read {
                self.book()?.store.clear_rewrite_due(&token)?;
            }
        }
        self.merge_small_files(&folder, &own, &passphrase, cost)
            .await?;
        Ok(round)
    }

    /// This phone's operations sealed for the folder, with what it holds of every phone.
    fn folder_file_bytes(
        &self,
        ops: &[Operation],
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<Vec<u8>, AppError> {
        let office = self.office_id()?;
        let (phone_id, have) = {
            let book = self.book()?;
            (book.store.phone_id().to_string(), book.store.have()?)
        };
        let manifest = SyncManifest {
            format: 0,
            office,
            phone: self.phone_code().as_str().to_string(),
            ops: 0,
            phone_id,
            official: self.office().official,
            have,
        };
        Ok(sync_file::write_with(
            manifest,
            ops,
            passphrase,
            cost,
            super::backup::fresh()?,
        )?)
    }

    /// The file sealed again with this book's copy of each operation, when an erasure
    /// changed any of them; `None` when nothing changed or the file is not one this phone can
    /// open (another office's: not this phone's to touch).
    fn without_erased(
        &self,
        bytes: &[u8],
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<Option<Vec<u8>>, AppError> {
        let Ok((manifest, ops)) = sync_file::open::<Entry>(bytes, passphrase) else {
            return Ok(None);
        };
        let held = self
            .book()?
            .store
            .operations_with_ids(ops.iter().map(|op| op.id.as_str()))?;
        let mut changed = false;
        let ops: Vec<Operation> = ops
            .into_iter()
            .map(|op| match held.get(&op.id) {
                Some(ours) if ours.change != op.change => {
                    changed = true;
                    ours.clone()
                }
                _ => op,
            })
            .collect();
        if !changed {
            return Ok(None);
        }
        Ok(Some(sync_file::write_with(
            manifest,
            &ops,
            passphrase,
            cost,
            super::backup::fresh()?,
        )?))
    }

    /// After an erasure: a backup of the book as it is now goes to the folder and the older
    /// backups there, which still hold the erased data, are removed.
    async fn replace_backups_in(
        &self,
        folder: &Folder,
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<(), AppError> {
        let old: Vec<String> = folder
            .list()
            .await?
            .into_iter()
            .filter(|n| {
                n.starts_with("cadangan-") && n.ends_with(&format!(".{}", backup::EXTENSION))
            })
            .collect();
        if old.is_empty() {
            return Ok(());
        }
        let (name, bytes, _) = self.backup_bytes(passphrase, cost)?;
        folder.put_atomic(&name, bytes).await?;
        for n in old.iter().filter(|n| **n != name) {
            folder.delete(n).await?;
        }
        Ok(())
    }

    /// Once this phone has more than `MERGE_AFTER` files in the folder, its newest small ones
    /// (after its last full file) become one; the merged file goes up before the small ones
    /// are removed, so a phone reading meanwhile finds every operation in one or the other.
    async fn merge_small_files(
        &self,
        folder: &Folder,
        own: &[FolderFile],
        passphrase: &str,
        cost: KdfCost,
    ) -> Result<(), AppError> {
        if own.len() <= MERGE_AFTER {
            return Ok(());
        }
        let full_to = own
            .iter()
            .filter(|f| f.to - f.from + 1 >= FULL_FILE_OPS)
            .map(|f| f.to)
            .max()
            .unwrap_or(0);
        let small: Vec<&FolderFile> = own.iter().filter(|f| f.from > full_to).collect();
        let (Some(from), Some(to)) = (
            small.iter().map(|f| f.from).min(),
            small.iter().map(|f| f.to).max(),
        ) else {
            return Ok(());
        };
        if small.len() < 2 {
            return Ok(());
        }
        let ops: Vec<Operation> = self
            .book()?
            .store
            .own_operations_after(from - 1)?
            .into_iter()
            .filter(|op| op.seq <= to)
            .collect();
        let me = self.sync_phone_id()?;
        let name = folder_file_name(&me, from, to);
        folder
            .put_atomic(&name, self.folder_file_bytes(&ops, passphrase, cost)?)
            .await?;
        for f in small.iter().filter(|f| f.name != name) {
            folder.delete(&f.name).await?;
        }
        Ok(())
    }
}

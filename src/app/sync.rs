//! Sync between the office's phones (issue 22), the use cases under "Kirim ke HP lain",
//! "Terima dari HP lain" and the WebDAV rounds: what this phone holds (`sync_have`), what
//! another phone lacks (`sync_operations_after`), and applying what another phone sent
//! (`apply_sync_operations`), after which the office profile is read again (its settings
//! may have come with them). The sealed files and the folder build on these.

use std::collections::BTreeMap;

use super::{App, AppError, Picking};
use crate::store::{Applied, Operation};

impl App {
    /// Of each phone, how many of its operations this book holds without a gap.
    pub fn sync_have(&self) -> Result<BTreeMap<String, u64>, AppError> {
        Ok(self.book()?.store.have()?)
    }

    /// The operations a phone that holds `have` lacks, in stamp order.
    pub fn sync_operations_after(
        &self,
        have: &BTreeMap<String, u64>,
    ) -> Result<Vec<Operation>, AppError> {
        Ok(self.book()?.store.operations_after(have)?)
    }

    /// Applies operations another phone sent: all or nothing, each phone far ahead left out
    /// and named.
    pub fn apply_sync_operations(&self, ops: Vec<Operation>) -> Result<Applied, AppError> {
        let applied = {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.apply_operations(ops, now)?
        };
        self.load_office()?;
        if applied.catalog_changed {
            self.reload_catalog()?;
        }
        Ok(applied)
    }

    /// This phone's id in the journal.
    pub fn sync_phone_id(&self) -> Result<String, AppError> {
        Ok(self.book()?.store.phone_id().to_string())
    }

    /// The shared part of the book as sorted text: equal on two phones that hold the same
    /// operations (tests and the two-phone browser flow compare it).
    pub fn canonical_dump(&self) -> Result<String, AppError> {
        Ok(self.book()?.store.canonical_dump()?)
    }
}

/// The office's id in sync files (a setting of the office, carried in backups): a file of
/// another office is refused even under the same passphrase.
pub const OFFICE_ID_KEY: &str = "id_kantor";

/// What "Kirim ke HP lain" made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFileMade {
    pub file_name: String,
    /// Where it went, in words (the platform's answer).
    pub place: String,
    pub operations: u64,
    pub bytes: u64,
}

/// What opening a sync file did, for the official.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReceived {
    /// "HP B" (its code), or "HP lain" for a phone without one.
    pub from: String,
    pub new_cases: usize,
    /// New operations other than case openings.
    pub changes: usize,
    /// One sentence per phone left out because its clock is far ahead.
    pub refused: Vec<String>,
}

impl SyncReceived {
    /// "12 berkas baru, 30 perubahan dari HP B", or that nothing was new.
    pub fn summary(&self) -> String {
        let mut text = if self.new_cases == 0 && self.changes == 0 {
            format!(
                "Tidak ada yang baru dari {}: semua isinya sudah ada di HP ini.",
                self.from
            )
        } else {
            format!(
                "{} berkas baru, {} perubahan dari {}.",
                self.new_cases, self.changes, self.from
            )
        };
        for r in &self.refused {
            text.push(' ');
            text.push_str(r);
        }
        text
    }
}

/// One of the office's phones, for Pengaturan › HP kantor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficePhoneView {
    /// "HP B", or "HP (belum berkode)".
    pub label: String,
    pub official: String,
    /// "terakhir terdengar Sel 1 Des 2026 10.05 WIB", or where the phone was heard of.
    pub heard: String,
    pub this_phone: bool,
}

fn phone_label(code: &str) -> String {
    if code.is_empty() {
        "HP lain".to_string()
    } else {
        format!("HP {code}")
    }
}

impl App {
    /// The office passphrase typed, or the one saved for the WebDAV copies (field
    /// `sandi-sinkron` when neither).
    pub(super) fn sync_passphrase(&self, typed: &str) -> Result<String, AppError> {
        let typed = typed.trim();
        if !typed.is_empty() {
            return Ok(typed.to_string());
        }
        match self.text_setting(super::offsite::key::PASSPHRASE)? {
            saved if !saved.is_empty() => Ok(saved),
            _ => Err(AppError::field(
                "sandi-sinkron",
                "Isi kata sandi kantor: sama di semua HP kantor, seperti kata sandi cadangan.",
            )),
        }
    }

    /// The office's id, made here by the first phone that writes a sync file.
    pub(super) fn office_id(&self) -> Result<String, AppError> {
        let mut book = self.book()?;
        let now = book.now_ms();
        Ok(match book.store.setting(OFFICE_ID_KEY)? {
            Some(id) if !id.is_empty() => id,
            _ => {
                let id = uuid::Uuid::now_v7().simple().to_string();
                book.store.set_settings(&[(OFFICE_ID_KEY, &id)], now)?;
                id
            }
        })
    }

    /// The sealed file of everything the office's other phones may lack (all of it when this
    /// phone has heard from none): `(file name, bytes, operations)`. `cost` is the argon2id
    /// cost (`KdfCost::DEFAULT` outside tests).
    pub fn sync_file_bytes(
        &self,
        passphrase: &str,
        cost: crate::domain::backup::KdfCost,
    ) -> Result<(String, Vec<u8>, u64), AppError> {
        self.sync_file_bytes_with(passphrase, cost, false)
    }

    /// `sync_file_bytes`, or with `everything` the whole book ("Kirim semua"): for a new or
    /// replacement phone, which none of the phones heard from holds for.
    pub fn sync_file_bytes_with(
        &self,
        passphrase: &str,
        cost: crate::domain::backup::KdfCost,
        everything: bool,
    ) -> Result<(String, Vec<u8>, u64), AppError> {
        let passphrase = self.sync_passphrase(passphrase)?;
        let code = self.phone_code();
        if code.is_none() {
            return Err(AppError::NoPhoneCode);
        }
        let office = self.office_id()?;
        let (ops, have, phone_id, now) = {
            let book = self.book()?;
            let peers = book.store.peers()?;
            let me = book.store.phone_id().to_string();
            let others: Vec<_> = peers.iter().filter(|p| p.heard_at_ms.is_some()).collect();
            // What every phone heard from holds for sure: the least of their counts.
            let mut floor: BTreeMap<String, u64> = BTreeMap::new();
            if !others.is_empty() && !everything {
                for phone in book.store.have()?.keys() {
                    let least = others
                        .iter()
                        .map(|p| p.have.get(phone).copied().unwrap_or(0))
                        .min()
                        .unwrap_or(0);
                    floor.insert(phone.clone(), least);
                }
            }
            (
                book.store.operations_after(&floor)?,
                book.store.have()?,
                me,
                book.now_ms(),
            )
        };
        let manifest = crate::domain::sync_file::SyncManifest {
            format: 0,
            office,
            phone: code.as_str().to_string(),
            ops: 0,
            phone_id,
            official: self.office().official,
            have,
        };
        let bytes = crate::domain::sync_file::write_with(
            manifest,
            &ops,
            &passphrase,
            cost,
            super::backup::fresh()?,
        )?;
        let stamp = crate::domain::time::to_wib(now).map_or_else(
            || now.to_string(),
            |t| t.format("%Y-%m-%d-%H%M").to_string(),
        );
        let name = format!(
            "sinkron-{}-{stamp}.{}",
            code.as_str().to_lowercase(),
            crate::domain::sync_file::EXTENSION
        );
        Ok((name, bytes, ops.len() as u64))
    }

    /// "Kirim ke HP lain" (or, with `everything`, "Kirim semua ke HP baru"): the sync file to
    /// the share sheet (WhatsApp, Bluetooth, Quick Share, e-mail).
    pub fn send_sync_file(
        &self,
        passphrase: &str,
        everything: bool,
    ) -> Result<SyncFileMade, AppError> {
        let (file_name, bytes, operations) = self.sync_file_bytes_with(
            passphrase,
            crate::domain::backup::KdfCost::DEFAULT,
            everything,
        )?;
        let place = self.platform.share_file(
            &file_name,
            super::backup::BACKUP_MIME,
            &bytes,
            "Kirim ke HP lain",
        )?;
        Ok(SyncFileMade {
            file_name,
            place,
            operations,
            bytes: bytes.len() as u64,
        })
    }

    /// "Terima dari HP lain": opens a sync file and merges it. A refused file (another office,
    /// a changed byte, cut, newer format, wrong passphrase) changes nothing.
    pub fn receive_sync_file(
        &self,
        bytes: &[u8],
        passphrase: &str,
    ) -> Result<SyncReceived, AppError> {
        self.merge_sync_file(bytes, passphrase, false)
    }

    /// Opens a sync file and merges it. A file from the office's own WebDAV folder
    /// (`from_folder`) is never refused for its office id: the folder is the office, and two
    /// phones that wrote there first at the same moment each made an id; every phone then
    /// keeps the smaller of the ids it meets, so they all end with the same one.
    pub(super) fn merge_sync_file(
        &self,
        bytes: &[u8],
        passphrase: &str,
        from_folder: bool,
    ) -> Result<SyncReceived, AppError> {
        use crate::domain::sync_file::{open, SyncFileError};
        let passphrase = self.sync_passphrase(passphrase)?;
        let (ours, me, heard_from_others) = {
            let book = self.book()?;
            let me = book.store.phone_id().to_string();
            let others = book.store.have()?.keys().any(|p| p != &me);
            (book.store.setting(OFFICE_ID_KEY)?, me, others)
        };
        // The office id is checked here, not by `read`: a phone that has not yet heard from
        // any other phone joins the office of the file.
        let (manifest, ops) =
            open::<crate::store::Entry>(bytes, &passphrase).map_err(|e| match e {
                SyncFileError::WrongPassphrase => AppError::field("sandi-sinkron", &e.to_string()),
                other => other.into(),
            })?;
        let ours = ours.filter(|o| !o.is_empty());
        let office = match &ours {
            Some(office) if office != &manifest.office && heard_from_others && !from_folder => {
                return Err(SyncFileError::OtherOffice {
                    office: phone_label(&manifest.phone),
                }
                .into())
            }
            Some(office) if from_folder => office.clone().min(manifest.office.clone()),
            _ => manifest.office.clone(),
        };
        if manifest.phone_id == me {
            return Err(AppError::OwnSyncFile);
        }
        let applied = {
            let mut book = self.book()?;
            let now = book.now_ms();
            let applied = book.store.apply_operations(ops, now)?;
            book.store.set_settings(&[(OFFICE_ID_KEY, &office)], now)?;
            if !manifest.phone_id.is_empty() {
                book.store.put_peer(
                    &manifest.phone_id,
                    &manifest.phone,
                    &manifest.official,
                    &manifest.have,
                    now,
                )?;
            }
            applied
        };
        self.load_office()?;
        if applied.catalog_changed {
            self.reload_catalog()?;
        }
        let codes: BTreeMap<String, String> = self
            .book()?
            .store
            .peers()?
            .into_iter()
            .map(|p| (p.phone, p.code))
            .collect();
        Ok(SyncReceived {
            from: phone_label(&manifest.phone),
            new_cases: applied.new_cases,
            changes: applied.new.saturating_sub(applied.new_cases),
            refused: applied
                .refused
                .into_iter()
                .map(|mut r| {
                    r.phone = codes
                        .get(&r.phone)
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .unwrap_or_else(|| r.phone.chars().take(6).collect());
                    r.to_string()
                })
                .collect(),
        })
    }

    /// Opens the file picker for a sync file; the file comes back through
    /// `take_picked_sync_file`.
    pub fn pick_sync_file(&self) -> Result<(), AppError> {
        self.set_picking(Picking::Sync);
        Ok(self.platform.pick_file(super::backup::BACKUP_MIME)?)
    }

    /// The sync file picked, or opened with the app, since the last call; taken once.
    pub fn take_picked_sync_file(&self) -> Result<Option<(String, Vec<u8>)>, AppError> {
        if let Some(file) = self.opened_file.lock().ok().and_then(|mut f| f.take()) {
            return Ok(Some(file));
        }
        if self.picking() != Picking::Sync {
            return Ok(None);
        }
        let file = self.platform.take_picked_file()?;
        if file.is_some() {
            self.set_picking(Picking::Nothing);
        }
        Ok(file.map(|f| (f.name, f.bytes)))
    }

    /// A file opened with the app ("Buka dengan" in WhatsApp or a file manager) while no
    /// picker was asked for: kept for Pengaturan › HP kantor, which the screen then shows.
    /// `true` when one came.
    pub fn take_file_opened_with(&self) -> Result<bool, AppError> {
        if self.picking() != Picking::Nothing {
            return Ok(false);
        }
        let Some(file) = self.platform.take_picked_file()? else {
            return Ok(false);
        };
        if let Ok(mut opened) = self.opened_file.lock() {
            *opened = Some((file.name, file.bytes));
        }
        Ok(true)
    }

    /// The screen that opened the picker is left: a file that arrives after is one opened
    /// with the app, not that screen's (a cancelled picker says nothing).
    pub fn stop_picking(&self) {
        self.set_picking(Picking::Nothing);
    }

    pub(super) fn picking(&self) -> Picking {
        self.picking.lock().map(|p| *p).unwrap_or_default()
    }

    pub(super) fn set_picking(&self, what: Picking) {
        if let Ok(mut p) = self.picking.lock() {
            *p = what;
        }
    }

    /// The office's phones by id, as people name them ("HP B"; "HP lain" without a code);
    /// `None` while this phone knows of no other.
    pub(super) fn phone_codes(&self) -> Result<Option<BTreeMap<String, String>>, AppError> {
        let book = self.book()?;
        let peers = book.store.peers()?;
        let me = book.store.phone_id().to_string();
        drop(book);
        if peers.iter().all(|p| p.phone == me) {
            return Ok(None);
        }
        let mut codes: BTreeMap<String, String> = peers
            .into_iter()
            .map(|p| (p.phone, phone_label(&p.code)))
            .collect();
        let mine = self.phone_code();
        codes.insert(
            me,
            if mine.is_none() {
                "HP ini".to_string()
            } else {
                phone_label(mine.as_str())
            },
        );
        Ok(Some(codes))
    }

    /// "Sudah dicek" on a case marked "diubah di dua HP".
    pub fn mark_case_looked(&self, case_id: &str) -> Result<(), AppError> {
        let mut book = self.book()?;
        let now = book.now_ms();
        Ok(book.store.mark_case_looked(case_id, now)?)
    }

    /// The office's phones as this phone knows them, this phone first.
    pub fn office_phones(&self) -> Result<Vec<OfficePhoneView>, AppError> {
        let (peers, me) = {
            let book = self.book()?;
            (book.store.peers()?, book.store.phone_id().to_string())
        };
        let my_code = self.phone_code();
        let mut list: Vec<OfficePhoneView> = Vec::new();
        list.push(OfficePhoneView {
            label: if my_code.is_none() {
                "HP ini (belum berkode)".into()
            } else {
                format!("HP {} (HP ini)", my_code.as_str())
            },
            official: self.office().official,
            heard: String::new(),
            this_phone: true,
        });
        for p in peers.into_iter().filter(|p| p.phone != me) {
            let heard = match (p.heard_at_ms, p.newest_ms) {
                (Some(at), _) => {
                    format!("terakhir terdengar {}", crate::domain::time::format_wib(at))
                }
                (None, Some(at)) => format!(
                    "lewat HP lain; perubahan terakhir {}",
                    crate::domain::time::format_wib(at)
                ),
                (None, None) => "belum terdengar".into(),
            };
            list.push(OfficePhoneView {
                label: if p.code.is_empty() {
                    "HP (kode belum diketahui)".into()
                } else {
                    format!("HP {}", p.code)
                },
                official: p.official,
                heard,
                this_phone: false,
            });
        }
        Ok(list)
    }
}

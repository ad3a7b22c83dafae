//! The case book: opening the database safely (a damaged file is moved aside, never deleted,
//! and the newest daily copy takes its place), and `CaseBook`, the store and the clock behind
//! the case use cases: open a case, move its status, tick its checklist, note and log replies.

use std::path::Path;

use crate::domain::case::{ItemState, Status};
use crate::domain::catalog::{Catalog, Need};
use crate::domain::hours::OfficeHours;
use crate::domain::time;
use crate::store::{CaseDetail, CaseRow, EventKind, Store, StoreError};

use super::book_files::{file_stamp, move_aside, remove_db_files, DAMAGE_MARK};
use super::case_form::{validate_form, CaseForm};
use super::clock::Clock;
use super::daily_copy::daily_copies;
use super::{AppError, FieldError};

/// A new id: UUID v7, unique across phones and sortable by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The database file name inside the data directory.
pub const DB_FILE: &str = "layanan-desa.db";

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
    for backup in daily_copies(data_dir)?.into_iter().rev() {
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
        new.phone_code = super::phone_code::stored(&self.store)?;
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
            Some(_) => return Err(AppError::NotConditional),
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
            return Err(AppError::EmptyNote);
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

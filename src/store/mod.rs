//! The case book on disk: one SQLite file (bundled SQLite, WAL, foreign keys on, synchronous
//! FULL so an acknowledged write survives a crash), versioned migrations with
//! `rusqlite_migration`, and the queries the use cases need. The only module that knows SQL.
//! Every write that changes a case appends its event in the same transaction.

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use rusqlite_migration::{Migrations, M};
use thiserror::Error;

use crate::domain::case::{
    check_transition, CaseNumber, Channel, Checklist, ChecklistItem, ItemState, Nik, Stage, Status,
    StatusKind, TransitionError,
};
use crate::domain::catalog::{Need, Outcome, PaperForm, Requirement};
use crate::domain::phone::WaNumber;
use crate::domain::report::{CaseFacts, StatusFacts, StatusStep};

/// `(case number, name, wa.me digits, NIK)` of one case.
pub type CaseContact = (CaseNumber, String, Option<String>, Option<String>);

/// What erased personal text is replaced with (the events trigger allows exactly this).
pub const ERASED: &str = "(dihapus)";

/// Schema migrations, oldest first. Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_case_book.sql"),
    include_str!("migrations/002_office.sql"),
    include_str!("migrations/003_catalog_updates.sql"),
    include_str!("migrations/004_erasure.sql"),
    include_str!("migrations/005_report_milestones.sql"),
    include_str!("migrations/006_message_time.sql"),
    include_str!("migrations/007_waits_on_the_row.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build knows.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("File data tidak bisa dibuka ({path}): {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("File data rusak atau bukan database ({0}).")]
    Damaged(String),
    #[error("File data dibuat oleh versi aplikasi yang lebih baru (skema {found}, aplikasi ini mengenal {known}). Perbarui aplikasi.")]
    TooNew { found: i64, known: usize },
    #[error("Pembaruan struktur data gagal: {0}")]
    Migration(String),
    #[error("Penyimpanan gagal: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("Berkas {0} tidak ditemukan.")]
    NotFound(String),
    #[error("{0}")]
    Transition(#[from] TransitionError),
    #[error("Syarat nomor {0} tidak ada di daftar berkas ini.")]
    NoSuchItem(usize),
    #[error("Data tersimpan tidak sesuai ({0}).")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the file itself is unusable (moved aside and replaced by the app), as opposed
    /// to one failed query.
    pub fn is_damaged_file(&self) -> bool {
        match self {
            StoreError::Damaged(_) | StoreError::TooNew { .. } => true,
            StoreError::Open { source, .. } | StoreError::Sql(source) => is_damage(source),
            _ => false,
        }
    }
}

/// `Damaged` when SQLite says the file is broken, a plain SQL error otherwise (busy, I/O ...).
fn damage_or_sql(e: rusqlite::Error) -> StoreError {
    if is_damage(&e) {
        StoreError::Damaged(e.to_string())
    } else {
        StoreError::Sql(e)
    }
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// What `Store::inspect_file` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    pub user_version: i64,
    pub cases: u64,
}

/// A new case as the form delivers it, already validated by the domain types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub resident_name: String,
    pub phone: Option<WaNumber>,
    pub nik: Option<Nik>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub outcome: Outcome,
    pub catalog_version: u32,
    pub requirements: Vec<Requirement>,
    pub channel: Channel,
    /// When the case was entered: the time of its "created" event.
    pub received_at_ms: i64,
    /// When the resident wrote ("Pesan masuk"): at or before `received_at_ms`.
    pub message_at_ms: i64,
    /// The year of the case number, in WIB (computed by the caller from `received_at_ms`).
    pub year: i32,
    pub handler: Option<String>,
    pub notes: Option<String>,
    /// Written outside office hours (decided by the caller from `message_at_ms`).
    pub out_of_hours: bool,
}

/// A stored case without its checklist and timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: String,
    pub number: CaseNumber,
    pub resident_name: String,
    pub phone: Option<String>,
    pub nik: Option<String>,
    pub dusun: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub outcome: Outcome,
    pub catalog_version: u32,
    pub channel: Channel,
    pub received_at_ms: i64,
    /// When the resident wrote ("Pesan masuk").
    pub message_at_ms: i64,
    pub handler: Option<String>,
    pub status: Status,
    pub updated_at_ms: i64,
    pub out_of_hours: bool,
}

/// One line of the Berkas list: only what the list shows and its cursor needs (the list is
/// read on every keystroke of a search; the other columns stay on disk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedCase {
    pub id: String,
    pub number: CaseNumber,
    pub resident_name: String,
    pub nik: Option<String>,
    pub service_name: String,
    pub status: Status,
    pub received_at_ms: i64,
    /// "Pesan masuk": what the lists show as "Masuk".
    pub message_at_ms: i64,
    pub updated_at_ms: i64,
}

impl CaseRow {
    /// This case as a line of a list.
    pub fn listed(&self) -> ListedCase {
        ListedCase {
            id: self.id.clone(),
            number: self.number,
            resident_name: self.resident_name.clone(),
            nik: self.nik.clone(),
            service_name: self.service_name.clone(),
            status: self.status.clone(),
            received_at_ms: self.received_at_ms,
            message_at_ms: self.message_at_ms,
            updated_at_ms: self.updated_at_ms,
        }
    }
}

/// What happened to a case, one line of its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    Created,
    StatusChanged {
        status: Status,
    },
    ItemReceived {
        position: usize,
    },
    ItemNotApplicable {
        position: usize,
        reason: String,
    },
    ItemReset {
        position: usize,
    },
    /// A conditional item was said to apply ("Perlu").
    ItemNeeded {
        position: usize,
    },
    Note {
        text: String,
    },
    MessageSent {
        template: String,
        text: String,
    },
    /// The resident's personal data was erased (on request, or when the retention period ran
    /// out); `reason` says which, never what was erased.
    PersonalDataErased {
        reason: String,
    },
    /// "Pesan masuk" was corrected to this time.
    MessageTimeSet {
        at_ms: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub at_ms: i64,
    pub actor: String,
    pub kind: EventKind,
}

/// A case with everything the detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub checklist: Checklist,
    pub events: Vec<Event>,
}

/// Filters of the Berkas list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub status: Option<StatusKind>,
    pub service_id: Option<String>,
    /// Name prefix (case-insensitive), phone digits, or a case number `2026-0042`.
    pub search: Option<String>,
}

/// Where the next page starts: the last row's `(updated_at, id)` (keyset paging, no OFFSET).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub updated_at_ms: i64,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<ListedCase>,
    pub next: Option<Cursor>,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const CASE_COLUMNS: &str = "id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
     outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours, message_at";

/// The columns of a `ListedCase`, in the order `listed_from_row` reads them.
const LIST_COLUMNS: &str = "id, year, seq, resident_name, nik, service_name, status, stage, status_reason, received_at, updated_at, message_at";

impl Store {
    /// Opens (or creates) the database, checks it, and migrates it to the latest schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, false)
    }

    /// [`Store::open`]; `untrusted` (a file from outside: a backup) first switches on SQLite's
    /// defensive mode and turns `trusted_schema` off, so the file's own triggers and views can
    /// neither corrupt it through special writes nor call functions with side effects while
    /// this app's migrations run on it.
    fn open_with(path: &Path, untrusted: bool) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        if untrusted {
            harden(&conn)?;
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(damage_or_sql)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(damage_or_sql)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(damage_or_sql)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(damage_or_sql)?;
        // Deleted or overwritten content is zeroed on disk, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")
            .map_err(damage_or_sql)?;
        // A cheap look at the structure (the header, the page count against the file's length,
        // the schema): it catches a file that is not a database or was cut short. The full
        // page-by-page check is `check_file`, run once a day off the start path (it reads the
        // whole file: 0.4 s for a ten-year book here, seconds on a cheap phone).
        conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(damage_or_sql)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(damage_or_sql)?;
        if found > schema_version() as i64 || found < 0 {
            return Err(StoreError::TooNew {
                found,
                known: schema_version(),
            });
        }
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } if is_damage(&err) => {
                StoreError::Damaged(err.to_string())
            }
            other => StoreError::Migration(other.to_string()),
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A throwaway database in memory (holds the place of the file while it is swapped).
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::open(Path::new(":memory:"))
    }

    /// Looks into a database file without changing it: the full integrity check, its schema
    /// version and number of cases. For a backup about to be restored.
    pub fn inspect_file(path: &Path) -> Result<FileFacts, StoreError> {
        let conn = Self::reader(path)?;
        let damaged = |e: rusqlite::Error| StoreError::Damaged(e.to_string());
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(damaged)?;
        if check != "ok" {
            return Err(StoreError::Damaged(check));
        }
        let user_version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(damaged)?;
        let has_cases: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases')",
                [],
                |r| r.get(0),
            )
            .map_err(damaged)?;
        let cases: i64 = if has_cases {
            conn.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
                .map_err(damaged)?
        } else {
            0
        };
        Ok(FileFacts {
            user_version,
            cases: cases.max(0) as u64,
        })
    }

    pub fn user_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// SQLite's `quick_check` of the whole file, through its own read-only connection, so it
    /// can run in the background while the app keeps working (WAL: readers never block the
    /// writer). `Damaged` with SQLite's words when a page is broken.
    pub fn check_file(path: &Path) -> Result<(), StoreError> {
        let conn = Self::reader(path)?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(damage_or_sql)?;
        if check != "ok" {
            return Err(StoreError::Damaged(check));
        }
        Ok(())
    }

    /// A consistent copy of the database file at `path` to `dest`, taken with SQLite's online
    /// backup API in one read transaction of its own connection: the app's connection (and
    /// the lock around it) stays free while a large book is copied.
    pub fn copy_file(path: &Path, dest: &Path) -> Result<(), StoreError> {
        let conn = Self::reader(path)?;
        let mut out = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&conn, &mut out)?;
        // -1: every page in one step, so the copy is one snapshot even while the app writes
        // (in WAL mode the reader does not block the writer). Busy only while another
        // connection holds an exclusive lock: waited out for up to 10 s.
        for _ in 0..200 {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
        Err(StoreError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("salinan tidak selesai: file data terus dikunci".into()),
        )))
    }

    fn reader(path: &Path) -> Result<Connection, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(conn)
    }

    /// Builds a clean case book at `dest` from an untrusted database file (a backup about to
    /// be restored; it is changed: brought to this app's schema). `dest` is created and
    /// migrated by this app, then only the tables and columns of this app's schema are copied
    /// from the file: its own tables, views, triggers and indexes never reach the case book.
    /// A name of ours that is something other than a table there, or rows that break a
    /// foreign key, refuse the file.
    pub fn clean_copy(untrusted: &Path, dest: &Path) -> Result<(), StoreError> {
        drop(Self::open_with(untrusted, true)?);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", dest.display()));
        }
        let fresh = Store::open(dest)?;
        let conn = &fresh.conn;
        harden(conn)?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        conn.execute(
            "ATTACH DATABASE ?1 AS src",
            [untrusted.to_string_lossy().as_ref()],
        )?;
        let copied = (|| -> Result<(), StoreError> {
            let tables: Vec<String> = conn
                .prepare(
                    "SELECT name FROM main.sqlite_schema WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let columns = |schema: &str, table: &str| -> Result<Vec<String>, StoreError> {
                Ok(conn
                    .prepare("SELECT name FROM pragma_table_info(?1, ?2)")?
                    .query_map([table, schema], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            };
            let tx = conn.unchecked_transaction()?;
            for table in &tables {
                let kind: Option<String> = tx
                    .query_row(
                        "SELECT type FROM src.sqlite_schema WHERE name = ?1",
                        [table],
                        |r| r.get(0),
                    )
                    .optional()?;
                match kind.as_deref() {
                    None => continue,
                    Some("table") => {}
                    Some(other) => {
                        return Err(StoreError::Damaged(format!(
                            "\"{table}\" di cadangan berupa {other}, bukan tabel"
                        )))
                    }
                }
                let theirs = columns("src", table)?;
                let shared: Vec<String> = columns("main", table)?
                    .into_iter()
                    .filter(|c| theirs.contains(c))
                    .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                    .collect();
                if shared.is_empty() {
                    continue;
                }
                let list = shared.join(", ");
                tx.execute(
                    &format!(
                        "INSERT INTO main.\"{table}\" ({list}) SELECT {list} FROM src.\"{table}\""
                    ),
                    [],
                )?;
            }
            tx.commit()?;
            Ok(())
        })();
        conn.execute("DETACH DATABASE src", [])?;
        copied?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let broken: i64 =
            conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Damaged(format!(
                "{broken} baris di cadangan merujuk ke data yang tidak ada"
            )));
        }
        Ok(())
    }

    /// A consistent copy of the database at `dest`, taken with SQLite's online backup API.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        let mut out = Connection::open(dest)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        Ok(())
    }

    /// [`Store::backup_to`] without the settings named in `secrets` (passwords, the PIN hash):
    /// the rows are deleted in the copy with `secure_delete` on and the copy is vacuumed, so
    /// not a byte of them is left in the file.
    pub fn backup_without_settings(&self, dest: &Path, secrets: &[&str]) -> Result<(), StoreError> {
        self.backup_to(dest)?;
        let out = Connection::open(dest)?;
        out.pragma_update(None, "secure_delete", "ON")?;
        for key in secrets {
            out.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        }
        out.execute_batch("VACUUM")?;
        // Fold any WAL back into the file before it is read as one file.
        out.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        drop(out);
        Ok(())
    }

    /// Creates a case with its checklist snapshot, its "created" event, and the notes as the
    /// first note. Returns the stored row.
    pub fn create_case(
        &mut self,
        new: &NewCase,
        actor: &str,
        id: &str,
        event_ids: [&str; 2],
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let seq: u32 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?1",
            [new.year],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO cases (id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
             outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours, message_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, NULL, NULL, ?15, ?18, ?19)",
            params![
                id,
                new.year,
                seq,
                new.resident_name,
                new.phone.as_ref().map(|p| p.digits().to_string()),
                new.nik.as_ref().map(|n| n.digits().to_string()),
                new.dusun,
                new.rt,
                new.rw,
                new.service_id,
                new.service_name,
                new.outcome.key(),
                new.catalog_version,
                new.channel.key(),
                new.received_at_ms,
                new.handler,
                StatusKind::New.key(),
                new.out_of_hours,
                new.message_at_ms,
            ],
        )?;
        for (position, req) in new.requirements.iter().enumerate() {
            let (need, when) = match &req.need {
                Need::Always => ("always", None),
                Need::Optional => ("optional", None),
                Need::When(w) => ("when", Some(w.as_str())),
            };
            tx.execute(
                "INSERT INTO checklist_items (case_id, position, label, form, count, detail, need, need_when) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, position as i64, req.label, req.form.map(PaperForm::key), req.count, req.detail, need, when],
            )?;
        }
        insert_event(
            &tx,
            event_ids[0],
            id,
            new.received_at_ms,
            actor,
            &EventKind::Created,
        )?;
        if let Some(notes) = new.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            insert_event(
                &tx,
                event_ids[1],
                id,
                new.received_at_ms,
                actor,
                &EventKind::Note {
                    text: notes.to_string(),
                },
            )?;
        }
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.commit()?;
        Ok(row)
    }

    pub fn case(&self, id: &str) -> Result<Option<CaseDetail>, StoreError> {
        let Some(case) = read_case(&self.conn, id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT label, form, count, detail, need, need_when, state, state_at, state_reason \
             FROM checklist_items WHERE case_id = ?1 ORDER BY position",
        )?;
        let items = stmt
            .query_map([id], item_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, kind, status, stage, reason, position, template, body \
             FROM events WHERE case_id = ?1 ORDER BY at, id",
        )?;
        let events = stmt
            .query_map([id], event_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(CaseDetail {
            case,
            checklist: Checklist { items },
            events,
        }))
    }

    /// Moves a case to a new status if the status machine allows it.
    pub fn change_status(
        &mut self,
        id: &str,
        to: &Status,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let case = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        check_transition(&case.status, to, case.outcome)?;
        tx.execute(
            "UPDATE cases SET status = ?2, stage = ?3, status_reason = ?4, updated_at = MAX(updated_at, ?5) WHERE id = ?1",
            params![id, to.kind().key(), to.stage().map(Stage::key), to.reason(), at_ms],
        )?;
        insert_event(
            &tx,
            event_id,
            id,
            at_ms,
            actor,
            &EventKind::StatusChanged { status: to.clone() },
        )?;
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.commit()?;
        Ok(row)
    }

    /// Corrects "Pesan masuk" and the out-of-hours mark that follows from it, with a
    /// `MessageTimeSet` event. The caller has checked the time against the clock and the
    /// timeline.
    pub fn set_message_time(
        &mut self,
        id: &str,
        message_at_ms: i64,
        out_of_hours: bool,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<CaseRow, StoreError> {
        let tx = self.conn.savepoint()?;
        let changed = tx.execute(
            "UPDATE cases SET message_at = ?2, out_of_hours = ?3, updated_at = MAX(updated_at, ?4) \
             WHERE id = ?1",
            params![id, message_at_ms, out_of_hours, at_ms],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id.to_string()));
        }
        insert_event(
            &tx,
            event_id,
            id,
            at_ms,
            actor,
            &EventKind::MessageTimeSet {
                at_ms: message_at_ms,
            },
        )?;
        let row = read_case(&tx, id)?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.commit()?;
        Ok(row)
    }

    /// Ticks, sets aside or resets one checklist item.
    pub fn set_item(
        &mut self,
        id: &str,
        position: usize,
        state: &ItemState,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        let (state_key, state_at, reason, kind) = match state {
            ItemState::Pending => ("pending", None, None, EventKind::ItemReset { position }),
            ItemState::Needed => ("needed", None, None, EventKind::ItemNeeded { position }),
            ItemState::Received { at_ms } => (
                "received",
                Some(*at_ms),
                None,
                EventKind::ItemReceived { position },
            ),
            ItemState::NotApplicable { reason } => {
                if reason.trim().is_empty() {
                    return Err(TransitionError::ReasonRequired.into());
                }
                (
                    "not-applicable",
                    None,
                    Some(reason.as_str()),
                    EventKind::ItemNotApplicable {
                        position,
                        reason: reason.clone(),
                    },
                )
            }
        };
        let changed = tx.execute(
            "UPDATE checklist_items SET state = ?3, state_at = ?4, state_reason = ?5 WHERE case_id = ?1 AND position = ?2",
            params![id, position as i64, state_key, state_at, reason],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchItem(position + 1));
        }
        touch(&tx, id, at_ms)?;
        insert_event(&tx, event_id, id, at_ms, actor, &kind)?;
        tx.commit()?;
        Ok(())
    }

    /// Appends a note or a sent message to the timeline.
    pub fn append_event(
        &mut self,
        id: &str,
        kind: &EventKind,
        actor: &str,
        at_ms: i64,
        event_id: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        if read_case(&tx, id)?.is_none() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        touch(&tx, id, at_ms)?;
        insert_event(&tx, event_id, id, at_ms, actor, kind)?;
        tx.commit()?;
        Ok(())
    }

    /// One page of the Berkas list, newest activity first.
    pub fn list_cases(
        &self,
        filter: &CaseFilter,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page, StoreError> {
        let mut sql = format!("SELECT {LIST_COLUMNS} FROM cases WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: rusqlite::types::Value, args: &mut Vec<rusqlite::types::Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(status) = filter.status {
            let p = arg(status.key().to_string().into(), &mut args);
            sql.push_str(&format!(" AND status = {p}"));
        }
        if let Some(service) = &filter.service_id {
            let p = arg(service.clone().into(), &mut args);
            sql.push_str(&format!(" AND service_id = {p}"));
        }
        if let Some(search) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if let Some(number) = CaseNumber::parse(search) {
                let y = arg(i64::from(number.year).into(), &mut args);
                let s = arg(i64::from(number.seq).into(), &mut args);
                sql.push_str(&format!(" AND year = {y} AND seq = {s}"));
            } else if search
                .chars()
                .all(|c| c.is_ascii_digit() || " +-.".contains(c))
            {
                let digits: String = search.chars().filter(char::is_ascii_digit).collect();
                let digits = digits
                    .strip_prefix('0')
                    .map(|d| format!("62{d}"))
                    .unwrap_or(digits);
                let p = arg(format!("%{digits}%").into(), &mut args);
                sql.push_str(&format!(" AND phone LIKE {p}"));
            } else {
                // A name prefix (any word of the name), case-insensitive; `%` and `_` typed by
                // the official are taken literally.
                let escaped = search
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let p1 = arg(format!("{escaped}%").into(), &mut args);
                let p2 = arg(format!("% {escaped}%").into(), &mut args);
                sql.push_str(&format!(" AND (resident_name LIKE {p1} ESCAPE '\\' OR resident_name LIKE {p2} ESCAPE '\\')"));
            }
        }
        if let Some(cursor) = after {
            let u = arg(cursor.updated_at_ms.into(), &mut args);
            let i = arg(cursor.id.clone().into(), &mut args);
            sql.push_str(&format!(
                " AND (updated_at < {u} OR (updated_at = {u} AND id < {i}))"
            ));
        }
        // The limit is written into the SQL, not bound: SQLite plans with a bound LIMIT's value
        // and so prepares such a statement again at every run (measured: 10 of 10).
        sql.push_str(&format!(
            " ORDER BY updated_at DESC, id DESC LIMIT {}",
            limit.saturating_add(1)
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), listed_from_row)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| Cursor {
                updated_at_ms: r.updated_at_ms,
                id: r.id.clone(),
            })
        } else {
            None
        };
        Ok(Page { rows, next })
    }

    /// Every open case (for Beranda's queues); few compared with the whole book.
    pub fn open_cases(&self) -> Result<Vec<CaseRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE status IN ({}) ORDER BY message_at, received_at, id",
            open_statuses()
        ))?;
        let rows = stmt
            .query_map([], case_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// The cases of one resident: the same WhatsApp number or the same NIK as the given case;
    /// with neither, the same name (ignoring case). Erased cases are left out.
    pub fn cases_of_resident(&self, case_id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id FROM cases c JOIN cases o ON \
               (c.phone IS NOT NULL AND o.phone = c.phone) \
               OR (c.nik IS NOT NULL AND o.nik = c.nik) \
               OR (c.phone IS NULL AND c.nik IS NULL AND o.phone IS NULL AND o.nik IS NULL \
                   AND o.resident_name = c.resident_name COLLATE NOCASE) \
             WHERE c.id = ?1 AND o.resident_name != ?2 ORDER BY o.year, o.seq",
        )?;
        let ids = stmt
            .query_map(params![case_id, ERASED], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// Closed cases (Selesai or Dibatalkan) with no activity since `before_ms` whose personal
    /// data is still there: what the retention period erases.
    pub fn closed_cases_before(&self, before_ms: i64) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM cases WHERE status IN ('selesai', 'dibatalkan') \
             AND updated_at < ?1 AND resident_name != ?2 ORDER BY year, seq",
        )?;
        let ids = stmt
            .query_map(params![before_ms, ERASED], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// Erases the personal data of these cases in one transaction: name, number, NIK and
    /// address; every free text (notes, messages sent, reasons) becomes the marker
    /// `(dihapus)`. Service, dates, statuses and checklist states stay, so reports do not
    /// change. Each case gets a `PersonalDataErased` event saying why (never what). Then call
    /// [`Store::compact`] so the old bytes leave the file.
    pub fn erase_personal_data(
        &mut self,
        case_ids: &[String],
        reason: &str,
        actor: &str,
        at_ms: i64,
        mut new_id: impl FnMut() -> String,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut erased = 0;
        for id in case_ids {
            let changed = tx.execute(
                "UPDATE cases SET resident_name = ?2, phone = NULL, nik = NULL, dusun = NULL, \
                 rt = NULL, rw = NULL, \
                 status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE ?2 END \
                 WHERE id = ?1",
                params![id, ERASED],
            )?;
            if changed == 0 {
                continue;
            }
            tx.execute(
                "UPDATE checklist_items SET state_reason = ?2 \
                 WHERE case_id = ?1 AND state_reason IS NOT NULL",
                params![id, ERASED],
            )?;
            tx.execute(
                "UPDATE events SET \
                   body = CASE WHEN body IS NULL THEN NULL ELSE ?2 END, \
                   reason = CASE WHEN reason IS NULL THEN NULL ELSE ?2 END \
                 WHERE case_id = ?1 AND (body IS NOT NULL OR reason IS NOT NULL)",
                params![id, ERASED],
            )?;
            insert_event(
                &tx,
                &new_id(),
                id,
                at_ms,
                actor,
                &EventKind::PersonalDataErased {
                    reason: reason.to_string(),
                },
            )?;
            erased += 1;
        }
        tx.commit()?;
        Ok(erased)
    }

    /// Rewrites the file without free pages (`VACUUM`) and empties the WAL, so erased bytes
    /// are gone from both files (with `secure_delete` on, freed pages are zeroed as well).
    pub fn compact(&mut self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.execute_batch("VACUUM")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn case_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// One setting of this phone, `None` when never set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Writes several settings in one transaction: all or none.
    pub fn set_settings(&mut self, values: &[(&str, &str)], at_ms: i64) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        for (key, value) in values {
            tx.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![key, value, at_ms],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The office's holidays, `(ISO date, name)`, oldest first.
    pub fn holidays(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date, name FROM holidays ORDER BY date")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Adds or renames holidays (an imported yearly list), in one transaction.
    pub fn put_holidays(&mut self, holidays: &[(String, String)]) -> Result<(), StoreError> {
        let tx = self.conn.savepoint()?;
        for (date, name) in holidays {
            tx.execute(
                "INSERT INTO holidays (date, name) VALUES (?1, ?2) \
                 ON CONFLICT (date) DO UPDATE SET name = excluded.name",
                params![date, name],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_holiday(&mut self, date: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM holidays WHERE date = ?1", [date])?;
        Ok(())
    }

    /// `(case number, name, wa.me digits, NIK)` of every case, for an export with contact data.
    pub fn case_contacts(&self) -> Result<Vec<CaseContact>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year, seq, resident_name, phone, nik FROM cases")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    CaseNumber {
                        year: r.get(0)?,
                        seq: r.get(1)?,
                    },
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The facts of the report, each case once, in no particular order: every case whose
    /// resident wrote in `[from_ms, to_ms)`, every case first ready in that range, and every
    /// open case (for their ages).
    pub fn report_facts(&self, from_ms: i64, to_ms: i64) -> Result<Vec<CaseFacts>, StoreError> {
        // Three index searches: the written ones from the covering index `cases_report`, the
        // ready ones from `cases_by_ready` (its expression, word for word), the open ones
        // through `cases_by_status`. The milestones, the first Diproses outside the village
        // and the spans in Belum lengkap are kept on the case row by the `events_keep_*`
        // triggers, so no timeline is read.
        let columns = "year, seq, service_id, service_name, message_at, out_of_hours, status, \
                       first_reply_at, ready_at, done_at, cancelled_at, id, left_village_at, \
                       incomplete_spans";
        // Disjoint branches (UNION ALL) and no ORDER BY: no temporary B-tree to sort or
        // deduplicate twenty thousand rows; the caller orders what it shows.
        let ready = "coalesce(min(ready_at, done_at), ready_at, done_at)";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {columns} FROM cases WHERE message_at >= ?1 AND message_at < ?2 \
             UNION ALL \
             SELECT {columns} FROM cases WHERE {ready} >= ?1 AND {ready} < ?2 \
               AND NOT (message_at >= ?1 AND message_at < ?2) \
             UNION ALL \
             SELECT {columns} FROM cases WHERE status IN ({}) \
               AND NOT (message_at >= ?1 AND message_at < ?2) \
               AND NOT coalesce({ready} >= ?1 AND {ready} < ?2, 0)",
            open_statuses()
        ))?;
        let rows = stmt
            .query_map(params![from_ms, to_ms], |r| {
                let status = r.get_ref(6)?.as_str()?;
                let Some(status) = StatusKind::from_key(status) else {
                    return Ok(Err(corrupt("status", status)));
                };
                let spans = r.get_ref(13)?.as_str_or_null()?;
                let Some(incomplete) = spans.map_or(Some(Vec::new()), parse_spans) else {
                    return Ok(Err(corrupt("incomplete_spans", spans.unwrap_or(""))));
                };
                let number = CaseNumber {
                    year: r.get(0)?,
                    seq: r.get(1)?,
                };
                Ok(Ok(CaseFacts {
                    number: number.to_string(),
                    service_id: r.get(2)?,
                    service_name: r.get(3)?,
                    message_ms: r.get(4)?,
                    out_of_hours: r.get(5)?,
                    status,
                    first_reply_ms: r.get(7)?,
                    ready_ms: r.get(8)?,
                    done_ms: r.get(9)?,
                    cancelled_ms: r.get(10)?,
                    expected_days: None,
                    left_village_ms: r.get(12)?,
                    incomplete,
                }))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    /// A case's status changes in time order, as the timeline has them (for checking what the
    /// triggers keep on the case row).
    pub fn status_steps(&self, case_id: &str) -> Result<Vec<StatusStep>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, status, stage FROM events WHERE case_id = ?1 AND kind = 'status' ORDER BY at, id",
        )?;
        let rows = stmt
            .query_map([case_id], |r| {
                let at_ms: i64 = r.get(0)?;
                let status: Option<String> = r.get(1)?;
                let stage: Option<String> = r.get(2)?;
                Ok((at_ms, status, stage))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(at_ms, status, stage)| {
                let key = status.unwrap_or_default();
                let status = StatusKind::from_key(&key).ok_or_else(|| corrupt("status", &key))?;
                let stage = match stage {
                    Some(key) => Some(Stage::from_key(&key).ok_or_else(|| corrupt("stage", &key))?),
                    None => None,
                };
                Ok(StatusStep {
                    at_ms,
                    status,
                    stage,
                })
            })
            .collect()
    }

    /// The spans in Belum lengkap and the first Diproses outside the village as kept on the
    /// case row.
    pub fn kept_status_facts(&self, case_id: &str) -> Result<StatusFacts, StoreError> {
        let (left, spans): (Option<i64>, Option<String>) = self.conn.query_row(
            "SELECT left_village_at, incomplete_spans FROM cases WHERE id = ?1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let incomplete = match spans.as_deref() {
            None => Vec::new(),
            Some(text) => parse_spans(text).ok_or_else(|| corrupt("incomplete_spans", text))?,
        };
        Ok(StatusFacts {
            incomplete,
            left_village_ms: left,
        })
    }

    /// Office-written templates, `(id, name, text)`.
    pub fn templates(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, body FROM templates ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Saves a template the caller has already validated.
    pub fn save_template(
        &mut self,
        id: &str,
        name: &str,
        text: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO templates (id, name, body, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at",
            params![id, name, text, at_ms],
        )?;
        Ok(())
    }

    pub fn delete_template(&mut self, id: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM templates WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn save_draft(&mut self, form: &str, body: &str, at_ms: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO drafts (form, body, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (form) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![form, body, at_ms],
        )?;
        Ok(())
    }

    pub fn draft(&self, form: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT body FROM drafts WHERE form = ?1", [form], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn delete_draft(&mut self, form: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM drafts WHERE form = ?1", [form])?;
        Ok(())
    }

    /// The last applied catalog bundle: `(version, bundle file)`.
    pub fn catalog_bundle(&self) -> Result<Option<(u32, Vec<u8>)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, bytes FROM catalog_bundle WHERE id = 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )
            .optional()?
            .map(|(v, b)| (v.clamp(0, u32::MAX as i64) as u32, b)))
    }

    /// Replaces the applied catalog bundle (one row, one statement: atomic).
    pub fn put_catalog_bundle(
        &mut self,
        version: u32,
        bytes: &[u8],
        at_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO catalog_bundle (id, version, bytes, applied_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET version = ?1, bytes = ?2, applied_at = ?3",
            params![version, bytes, at_ms],
        )?;
        Ok(())
    }

    /// The office's own catalog files, `(name, TOML)`, by name.
    pub fn overlay_files(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, text FROM catalog_overlay ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn delete_overlay_file(&mut self, name: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM catalog_overlay WHERE name = ?1", [name])?;
        Ok(())
    }

    pub fn put_overlay_file(
        &mut self,
        name: &str,
        text: &str,
        at_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO catalog_overlay (name, text, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET text = ?2, updated_at = ?3",
            params![name, text, at_ms],
        )?;
        Ok(())
    }

    /// Runs `f` in one transaction (used by the seeder to write many cases quickly).
    pub fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN")?;
        // Every write method uses a savepoint, which nests inside this transaction.
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn touch(tx: &Connection, id: &str, at_ms: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE cases SET updated_at = MAX(updated_at, ?2) WHERE id = ?1",
        params![id, at_ms],
    )?;
    Ok(())
}

/// The optional columns of one event row.
#[derive(Default)]
struct EventColumns<'a> {
    status: Option<&'a str>,
    stage: Option<&'a str>,
    reason: Option<&'a str>,
    position: Option<i64>,
    template: Option<&'a str>,
    body: Option<&'a str>,
}

fn insert_event(
    tx: &Connection,
    event_id: &str,
    case_id: &str,
    at_ms: i64,
    actor: &str,
    kind: &EventKind,
) -> Result<(), StoreError> {
    let at = |p: &usize| Some(*p as i64);
    let (key, c) = match kind {
        EventKind::Created => ("created", EventColumns::default()),
        EventKind::StatusChanged { status } => (
            "status",
            EventColumns {
                status: Some(status.kind().key()),
                stage: status.stage().map(Stage::key),
                reason: status.reason(),
                ..Default::default()
            },
        ),
        EventKind::ItemReceived { position } => (
            "item-received",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::ItemNotApplicable { position, reason } => (
            "item-not-applicable",
            EventColumns {
                position: at(position),
                reason: Some(reason),
                ..Default::default()
            },
        ),
        EventKind::ItemReset { position } => (
            "item-reset",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::ItemNeeded { position } => (
            "item-needed",
            EventColumns {
                position: at(position),
                ..Default::default()
            },
        ),
        EventKind::Note { text } => (
            "note",
            EventColumns {
                body: Some(text),
                ..Default::default()
            },
        ),
        EventKind::MessageTimeSet { at_ms } => (
            "message-time",
            // The new time rides in `position`, the one integer column of an event.
            EventColumns {
                position: Some(*at_ms),
                ..Default::default()
            },
        ),
        EventKind::PersonalDataErased { reason } => (
            "erased",
            EventColumns {
                reason: Some(reason),
                ..Default::default()
            },
        ),
        EventKind::MessageSent { template, text } => (
            "message",
            EventColumns {
                template: Some(template),
                body: Some(text),
                ..Default::default()
            },
        ),
    };
    tx.execute(
        "INSERT INTO events (id, case_id, at, actor, kind, status, stage, reason, position, template, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![event_id, case_id, at_ms, actor, key, c.status, c.stage, c.reason, c.position, c.template, c.body],
    )?;
    Ok(())
}

fn read_case(conn: &Connection, id: &str) -> Result<Option<CaseRow>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))?;
    match stmt.query_row([id], case_from_row).optional()? {
        Some(row) => Ok(Some(row?)),
        None => Ok(None),
    }
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} \"{value}\""))
}

/// Reads a row; a value this build does not know is a `Corrupt` error, never a panic.
fn case_from_row(r: &Row<'_>) -> rusqlite::Result<Result<CaseRow, StoreError>> {
    let outcome: String = r.get(11)?;
    let channel: String = r.get(13)?;
    let status: String = r.get(16)?;
    let stage: Option<String> = r.get(17)?;
    let reason: Option<String> = r.get(18)?;
    let build = || -> Result<CaseRow, StoreError> {
        Ok(CaseRow {
            id: String::new(),
            number: CaseNumber { year: 0, seq: 0 },
            resident_name: String::new(),
            phone: None,
            nik: None,
            dusun: None,
            rt: None,
            rw: None,
            service_id: String::new(),
            service_name: String::new(),
            outcome: Outcome::from_key(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
            catalog_version: 0,
            channel: Channel::from_key(&channel).ok_or_else(|| corrupt("channel", &channel))?,
            received_at_ms: 0,
            message_at_ms: 0,
            handler: None,
            status: status_from_columns(&status, stage.as_deref(), reason.clone())?,
            updated_at_ms: 0,
            out_of_hours: false,
        })
    };
    let mut row = match build() {
        Ok(row) => row,
        Err(e) => return Ok(Err(e)),
    };
    row.id = r.get(0)?;
    row.number = CaseNumber {
        year: r.get(1)?,
        seq: r.get(2)?,
    };
    row.resident_name = r.get(3)?;
    row.phone = r.get(4)?;
    row.nik = r.get(5)?;
    row.dusun = r.get(6)?;
    row.rt = r.get(7)?;
    row.rw = r.get(8)?;
    row.service_id = r.get(9)?;
    row.service_name = r.get(10)?;
    row.catalog_version = r.get(12)?;
    row.received_at_ms = r.get(14)?;
    row.handler = r.get(15)?;
    row.updated_at_ms = r.get(19)?;
    row.out_of_hours = r.get(20)?;
    row.message_at_ms = r.get(21)?;
    Ok(Ok(row))
}

/// `"1900-,1700-1800"` -> `[(1700, Some(1800)), (1900, None)]`, sorted by start; `None` when
/// unreadable.
fn parse_spans(text: &str) -> Option<Vec<(i64, Option<i64>)>> {
    let mut spans = text
        .split(',')
        .map(|span| {
            let (start, end) = span.split_once('-')?;
            let end = match end {
                "" => None,
                end => Some(end.parse().ok()?),
            };
            Some((start.parse().ok()?, end))
        })
        .collect::<Option<Vec<_>>>()?;
    spans.sort_unstable();
    Some(spans)
}

/// The keys of the open statuses, quoted for an `IN (...)` list. A positive list (not `NOT IN`
/// the closed ones) lets SQLite search `cases_by_status` for the few hundred open cases. The
/// keys are the domain's constants, never typed text. No ANALYZE is run: without statistics
/// SQLite's default estimates pick these indexes.
fn open_statuses() -> String {
    StatusKind::ALL
        .iter()
        .filter(|k| k.is_open())
        .map(|k| format!("'{}'", k.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A case's status from its `status`, `stage` and `status_reason` columns.
fn status_from_columns(
    status: &str,
    stage: Option<&str>,
    reason: Option<String>,
) -> Result<Status, StoreError> {
    let kind = StatusKind::from_key(status).ok_or_else(|| corrupt("status", status))?;
    let stage = match stage {
        Some(s) => Some(Stage::from_key(s).ok_or_else(|| corrupt("stage", s))?),
        None => None,
    };
    Status::from_parts(kind, stage, reason).ok_or_else(|| corrupt("status", status))
}

fn listed_from_row(r: &Row<'_>) -> rusqlite::Result<Result<ListedCase, StoreError>> {
    let status = match status_from_columns(
        r.get_ref(6)?.as_str()?,
        r.get_ref(7)?.as_str_or_null()?,
        r.get(8)?,
    ) {
        Ok(status) => status,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(ListedCase {
        id: r.get(0)?,
        number: CaseNumber {
            year: r.get(1)?,
            seq: r.get(2)?,
        },
        resident_name: r.get(3)?,
        nik: r.get(4)?,
        service_name: r.get(5)?,
        status,
        received_at_ms: r.get(9)?,
        updated_at_ms: r.get(10)?,
        message_at_ms: r.get(11)?,
    }))
}

/// SQLite's defensive mode: no writes to the schema or to shadow tables by SQL, no
/// `PRAGMA writable_schema` tricks, for a connection that touches a file from outside.
fn harden(conn: &Connection) -> Result<(), StoreError> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Result<ChecklistItem, StoreError>> {
    let label: String = r.get(0)?;
    let form: Option<String> = r.get(1)?;
    let count: Option<u8> = r.get(2)?;
    let detail: Option<String> = r.get(3)?;
    let need: String = r.get(4)?;
    let need_when: Option<String> = r.get(5)?;
    let state: String = r.get(6)?;
    let state_at: Option<i64> = r.get(7)?;
    let state_reason: Option<String> = r.get(8)?;
    let form = match form {
        Some(f) => match PaperForm::from_key(&f) {
            Some(f) => Some(f),
            None => return Ok(Err(corrupt("form", &f))),
        },
        None => None,
    };
    let need = match (need.as_str(), need_when) {
        ("always", _) => Need::Always,
        ("optional", _) => Need::Optional,
        ("when", Some(w)) => Need::When(w),
        (other, _) => return Ok(Err(corrupt("need", other))),
    };
    let state = match (state.as_str(), state_at, state_reason) {
        ("pending", _, _) => ItemState::Pending,
        ("needed", _, _) => ItemState::Needed,
        ("received", Some(at_ms), _) => ItemState::Received { at_ms },
        ("not-applicable", _, Some(reason)) => ItemState::NotApplicable { reason },
        (other, _, _) => return Ok(Err(corrupt("state", other))),
    };
    Ok(Ok(ChecklistItem {
        requirement: Requirement {
            label,
            form,
            count,
            detail,
            need,
        },
        state,
    }))
}

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Result<Event, StoreError>> {
    let id: String = r.get(0)?;
    let at_ms: i64 = r.get(1)?;
    let actor: String = r.get(2)?;
    let kind_key: String = r.get(3)?;
    let status: Option<String> = r.get(4)?;
    let stage: Option<String> = r.get(5)?;
    let reason: Option<String> = r.get(6)?;
    let message_time: Option<i64> = r.get(7)?;
    let position: Option<usize> = message_time.and_then(|p| usize::try_from(p).ok());
    let template: Option<String> = r.get(8)?;
    let body: Option<String> = r.get(9)?;
    let kind = match (kind_key.as_str(), position) {
        ("created", _) => Some(EventKind::Created),
        ("status", _) => status
            .as_deref()
            .and_then(StatusKind::from_key)
            .and_then(|k| {
                Status::from_parts(
                    k,
                    stage.as_deref().and_then(Stage::from_key),
                    reason.clone(),
                )
            })
            .map(|status| EventKind::StatusChanged { status }),
        ("item-received", Some(position)) => Some(EventKind::ItemReceived { position }),
        ("item-not-applicable", Some(position)) => reason
            .clone()
            .map(|reason| EventKind::ItemNotApplicable { position, reason }),
        ("item-reset", Some(position)) => Some(EventKind::ItemReset { position }),
        ("item-needed", Some(position)) => Some(EventKind::ItemNeeded { position }),
        ("note", _) => body.clone().map(|text| EventKind::Note { text }),
        ("message-time", _) => message_time.map(|at_ms| EventKind::MessageTimeSet { at_ms }),
        ("erased", _) => reason
            .clone()
            .map(|reason| EventKind::PersonalDataErased { reason }),
        ("message", _) => match (template, body) {
            (Some(template), Some(text)) => Some(EventKind::MessageSent { template, text }),
            _ => None,
        },
        _ => None,
    };
    Ok(match kind {
        Some(kind) => Ok(Event {
            id,
            at_ms,
            actor,
            kind,
        }),
        None => Err(corrupt("event", &kind_key)),
    })
}

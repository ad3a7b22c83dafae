//! The case book on disk: one SQLite file (bundled SQLite, WAL, foreign keys on, synchronous
//! FULL so an acknowledged write survives a crash), versioned migrations with
//! `rusqlite_migration`, and the queries the use cases need. The only module that knows SQL.
//! Every write that changes a case appends its event in the same transaction.
//!
//! This file holds `Store` itself (open, migrations, transactions) and `StoreError`; the
//! queries live by responsibility: `cases` (cases and checklists), `events` (the timeline),
//! `list` (the Berkas list), `files` (the file as a whole: checks, copies, backups),
//! `privacy` (erasure, contacts), `report` (the Laporan's facts), `settings` (settings,
//! holidays, templates, drafts, catalog bundle and office files).

use std::path::{Path, PathBuf};

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};
use rusqlite_migration::{Migrations, M};
use thiserror::Error;

use crate::domain::case::{
    check_transition, CaseNumber, Channel, Checklist, ChecklistItem, ItemState, Nik, PhoneCode,
    Salutation, Stage, Status, StatusKind, TransitionError,
};
use crate::domain::catalog::{Need, Outcome, PaperForm, Requirement};
use crate::domain::phone::WaNumber;
use crate::domain::report::{CaseFacts, StatusFacts, StatusStep};

mod adopt;
mod cases;
mod events;
mod files;
mod journal;
mod list;
mod peers;
mod privacy;
mod projection;
mod report;
mod settings;
mod two_phones;

pub use cases::*;
pub use events::*;
pub use files::*;
pub use journal::{
    Entry, OpenedCase, OpenedItem, Operation, OFFICE_SETTINGS, PHONE_ID_KEY, REWRITE_DUE_KEY,
};
pub use list::*;
pub use peers::PeerRow;
pub use privacy::*;
pub use projection::{Applied, MAX_SERVICE_FILE};

/// Schema migrations, oldest first. Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_case_book.sql"),
    include_str!("migrations/002_office.sql"),
    include_str!("migrations/003_catalog_updates.sql"),
    include_str!("migrations/004_erasure.sql"),
    include_str!("migrations/005_report_milestones.sql"),
    include_str!("migrations/006_message_time.sql"),
    include_str!("migrations/007_waits_on_the_row.sql"),
    include_str!("migrations/008_salutation.sql"),
    include_str!("migrations/009_phone_code.sql"),
    include_str!("migrations/010_journal.sql"),
    include_str!("migrations/011_sync_peers.sql"),
    include_str!("migrations/012_two_phones.sql"),
];

/// The first schema with the journal: a book older than this becomes the first phone of its
/// office when it is opened (`Store::adopt_book`).
const JOURNAL_SCHEMA: i64 = 10;

/// The first schema whose office catalog files are operations: a book of 10 or 11 writes
/// them into its journal once (`Store::journal_office_files`).
const SERVICES_SCHEMA: i64 = 12;

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
    #[error("Nomor berkas {0} sudah dipakai berkas lain di HP ini. Setiap HP kantor perlu kode sendiri (Pengaturan › HP kantor). Tidak ada yang dipakai dari berkas sinkron ini.")]
    NumberTaken(String),
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

pub struct Store {
    conn: Connection,
    path: PathBuf,
    journal: journal::Journal,
}

impl Store {
    /// Rows written through this connection since it opened: a cheap "did anything change"
    /// for work that follows the book (the reminders' plan).
    pub fn changes(&self) -> u64 {
        self.conn.total_changes()
    }

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
        conn.pragma_update(None, "foreign_keys", "OFF")
            .map_err(damage_or_sql)?;
        // Foreign keys stay off while the migrations run (010 builds `cases` again, SQLite's
        // documented way) and are checked before they are switched on.
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } if is_damage(&err) => {
                StoreError::Damaged(err.to_string())
            }
            other => StoreError::Migration(other.to_string()),
        })?;
        let broken: i64 = if found < schema_version() as i64 {
            conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(damage_or_sql)?
        } else {
            0
        };
        if broken > 0 {
            return Err(StoreError::Migration(format!(
                "{broken} baris merujuk berkas yang tidak ada"
            )));
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(damage_or_sql)?;
        let journal = journal::Journal::load(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            journal,
        };
        if found > 0 && found < JOURNAL_SCHEMA {
            store.adopt_book()?;
        } else if found > 0 && found < SERVICES_SCHEMA {
            store.journal_office_files()?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A throwaway database in memory (holds the place of the file while it is swapped).
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::open(Path::new(":memory:"))
    }

    pub fn user_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
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

/// A stored WhatsApp number (digits with the country code) as the typed number, checked for
/// shape only (`WaNumber::from_stored`: listing cases must not load the numbering plan); a
/// value of another shape reads as none rather than failing the row.
fn wa_number(digits: Option<String>) -> Option<WaNumber> {
    digits.as_deref().and_then(WaNumber::from_stored)
}

/// A stored NIK as the typed NIK; one that no longer parses reads as none.
fn nik(digits: Option<String>) -> Option<Nik> {
    digits.and_then(|d| Nik::parse(&d).ok())
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} \"{value}\""))
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

/// SQLite's defensive mode: no writes to the schema or to shadow tables by SQL, no
/// `PRAGMA writable_schema` tricks, for a connection that touches a file from outside.
fn harden(conn: &Connection) -> Result<(), StoreError> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

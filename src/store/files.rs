//! The book as a file: inspecting, checking and copying it without opening it for writing,
//! the clean copy an untrusted file is restored through, online backups, compaction.

use super::*;

/// What `Store::inspect_file` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    pub user_version: i64,
    pub cases: u64,
}

impl Store {
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

    pub(super) fn reader(path: &Path) -> Result<Connection, StoreError> {
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
        // A clean copy is a book put back from a copy: it takes a new phone id in the journal
        // (its old places beyond the copy may already be with the office's other phones).
        let fresh_id = fresh.journal.phone.clone();
        conn.execute("DELETE FROM main.settings", [])?;
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
            tx.execute(
                "INSERT INTO main.settings (key, value, updated_at) VALUES (?1, ?2, 0) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![PHONE_ID_KEY, fresh_id],
            )?;
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
}

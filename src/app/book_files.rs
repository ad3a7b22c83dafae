//! The case book's files on disk: the database with its `-wal`/`-shm` companions, moved aside
//! (never deleted) when damaged, renamed together, removed when the phone is wiped, plain
//! leftovers of older versions, and the mark the daily check leaves on damage for the next start.

use std::path::{Path, PathBuf};

use crate::domain::time;

use super::daily_copy::{remove_daily_copies, COPY_DIR};
use super::{AppError, DB_FILE};

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
pub(crate) fn move_aside(db: &Path, stamp: &str) -> Result<PathBuf, AppError> {
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
    remove_daily_copies(data_dir)?;
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
        (data_dir.join(COPY_DIR), &in_backups),
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

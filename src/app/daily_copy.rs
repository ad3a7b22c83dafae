//! Salinan harian: the plain copy of the case book the daily care takes once a day (WIB date)
//! into `cadangan/` next to the database, the newest seven kept, the way back when the book is
//! damaged. Not the encrypted backup (`backup.rs`), which is sealed with the office passphrase
//! and leaves the phone.

use std::path::{Path, PathBuf};

use crate::domain::time;
use crate::store::Store;

use super::clock::Clock;
use super::AppError;

/// Folder of the daily copies inside the data directory (named so since the first release).
pub const COPY_DIR: &str = "cadangan";
/// How many daily copies are kept.
pub const COPIES_KEPT: usize = 7;

/// Removes the folder of automatic backups with everything in it (none there is fine).
pub(crate) fn remove_daily_copies(data_dir: &Path) -> Result<(), AppError> {
    let backups = data_dir.join(COPY_DIR);
    match std::fs::remove_dir_all(&backups) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::Io {
            path: backups.display().to_string(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The automatic backups, oldest first (their names sort by date).
pub fn daily_copies(data_dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    let dir = data_dir.join(COPY_DIR);
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

/// The file of today's automatic backup (WIB date), whether taken yet or not.
pub fn todays_copy(data_dir: &Path, clock: &dyn Clock) -> PathBuf {
    let day = time::to_wib(clock.now_ms()).map_or_else(
        || "00000000".to_string(),
        |t| t.format("%Y%m%d").to_string(),
    );
    data_dir.join(COPY_DIR).join(format!("otomatis-{day}.db"))
}

/// Takes today's automatic backup (WIB date) of the database file `db` unless it exists, and
/// keeps the newest seven. Written to a temporary name first, so a half-written file is never
/// taken as a backup. Reads through its own connection: callers need not hold the case book.
pub fn daily_copy(
    db: &Path,
    data_dir: &Path,
    clock: &dyn Clock,
) -> Result<Option<PathBuf>, AppError> {
    let dir = data_dir.join(COPY_DIR);
    let io = |source, path: &Path| AppError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
    let target = todays_copy(data_dir, clock);
    if target.exists() {
        return Ok(None);
    }
    let partial = target.with_extension("db.sementara");
    let _ = std::fs::remove_file(&partial);
    Store::copy_file(db, &partial)?;
    std::fs::rename(&partial, &target).map_err(|e| io(e, &partial))?;
    let all = daily_copies(data_dir)?;
    for old in all.iter().take(all.len().saturating_sub(COPIES_KEPT)) {
        std::fs::remove_file(old).map_err(|e| io(e, old))?;
    }
    Ok(Some(target))
}

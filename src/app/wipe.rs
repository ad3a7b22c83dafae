//! "Lupa PIN" -> "Hapus semua data": typed HAPUS schedules the wipe a day ahead (the right PIN
//! cancels it; a clock moved forward or back does not shorten the day), asked again after the
//! day it removes the case book, its copies and any staged restore, and starts an empty book.

use super::lock::{field, key, LockRuntime};
use super::App;
use super::AppError;

/// How long "Hapus semua data" waits after it was asked for: a relative who typed HAPUS on a
/// borrowed phone does not destroy the office's book at once; the right PIN cancels it.
pub const WIPE_COOL_OFF_MS: i64 = 24 * 60 * 60 * 1000;

/// When a wipe asked for at `asked_ms` may happen, as the official reads it.
fn wipe_time(asked_ms: i64) -> String {
    crate::domain::time::format_wib(asked_ms.saturating_add(WIPE_COOL_OFF_MS))
}

/// What "Hapus semua data" did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WipeOutcome {
    /// Asked for; everything stays until this time (`Sel 1 Des 2026 19.30 WIB`).
    Scheduled { at: String },
    /// The case book and every copy are gone; the app asks for a new PIN.
    Wiped,
}

/// What "Hapus semua data" needs typed to go ahead.
pub const WIPE_WORD: &str = "HAPUS";

impl App {
    /// When a wipe that was asked for will happen, for the lock screen: `None` when none is.
    pub fn wipe_scheduled(&self) -> Result<Option<String>, AppError> {
        Ok(self.wipe_asked()?.map(wipe_time))
    }

    pub(super) fn wipe_asked(&self) -> Result<Option<i64>, AppError> {
        self.time_setting(key::WIPE_ASKED)
    }

    /// "Lupa PIN" -> "Hapus semua data", after the official types HAPUS. The first time, the
    /// wipe is only scheduled a day ahead and nothing is removed; opening the app with the
    /// right PIN cancels it. Asked again once the day has passed, it removes the case book,
    /// its automatic and set-aside copies and any staged restore from this phone, and starts
    /// an empty case book (the app then asks for a new PIN). Field error `hapus`.
    pub fn wipe_all_data(&self, typed: &str) -> Result<WipeOutcome, AppError> {
        if typed.trim() != WIPE_WORD {
            return Err(AppError::Form(vec![field(
                "hapus",
                format!("Ketik {WIPE_WORD} (huruf besar) untuk menghapus semua data."),
            )]));
        }
        let now = self.book()?.now_ms();
        let elapsed = self.book()?.elapsed_ms();
        // While the app has run since the request, a clock moved forward does not end the day.
        let day_not_over_here = self
            .runtime()
            .wipe_asked_elapsed
            .is_some_and(|asked| elapsed.saturating_sub(asked) < WIPE_COOL_OFF_MS);
        match self.wipe_asked()? {
            None => {
                let mut book = self.book()?;
                book.store
                    .set_settings(&[(key::WIPE_ASKED, &now.to_string())], now)?;
                drop(book);
                self.runtime().wipe_asked_elapsed = Some(elapsed);
                return Ok(WipeOutcome::Scheduled { at: wipe_time(now) });
            }
            // A clock moved back past the request counts from now: the day is never skipped.
            Some(asked) if now < asked || now - asked < WIPE_COOL_OFF_MS || day_not_over_here => {
                let at = wipe_time(asked.min(now));
                return Err(AppError::Form(vec![field(
                    "hapus",
                    format!("Penghapusan sudah dijadwalkan: semua data terhapus setelah {at}. Bila PIN teringat, buka aplikasi dengan PIN: penghapusan batal."),
                )]));
            }
            Some(_) => {}
        }
        self.cancel_restore();
        let _care = self.care_guard();
        let mut book = self.book()?;
        let db = book.store.path().to_path_buf();
        let dir = Self::data_dir_of(&book.store)?;
        let current = std::mem::replace(&mut book.store, crate::store::Store::in_memory()?);
        drop(current);
        super::book_files::remove_case_book_files(&dir)?;
        book.store = crate::store::Store::open(&db)?;
        drop(book);
        self.clear_private_shares()?;
        *self.runtime() = LockRuntime::default();
        self.reload_from_store()?;
        Ok(WipeOutcome::Wiped)
    }
}

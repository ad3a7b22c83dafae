//! How big the app's text is on this phone. The setting belongs to this phone only (like the
//! PIN it never goes to the office's other phones) and comes on top of Android's own font
//! size, which the WebView already follows.

use super::{App, AppError};

/// Where the choice is kept.
const KEY: &str = "ukuran_teks_persen";

/// The sizes offered, in percent of the normal text, with the words the official reads.
pub const TEXT_SCALES: [(u16, &str); 4] = [
    (100, "Biasa"),
    (115, "Besar"),
    (130, "Lebih besar"),
    (150, "Paling besar"),
];

impl App {
    /// The chosen text size in percent; 100 before a case book is open or when never chosen
    /// (a hand-edited value that is not offered reads as 100 too).
    pub fn text_scale(&self) -> u16 {
        if !self.has_case_book() {
            return 100;
        }
        let stored = self.number_setting(KEY, 100..=150, 100).unwrap_or(100);
        if offered(stored) {
            stored
        } else {
            100
        }
    }

    /// Keeps a new text size for this phone (field `ukuran-teks` when it is not one offered).
    pub fn set_text_scale(&self, pct: u16) -> Result<(), AppError> {
        if !offered(pct) {
            return Err(AppError::field(
                "ukuran-teks",
                "Pilih salah satu ukuran tulisan yang ada.",
            ));
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(&[(KEY, &pct.to_string())], now)?;
        Ok(())
    }
}

fn offered(pct: u16) -> bool {
    TEXT_SCALES.iter().any(|(offered, _)| *offered == pct)
}

//! Pengaturan › HP kantor: this phone's short code ("A", "B" ...), shown in the case numbers it
//! gives out from then on (`2026-B0042`), so the office's phones never give out the same
//! number once they share their cases (issue 22). Numbers made before keep their form. The
//! code belongs to this phone only: a code another phone of the office is known to use is
//! refused, and a book restored from a backup in an office of several phones loses the old
//! phone's code (the restored phone must not give out the numbers the old one gave after its
//! backup).

use crate::domain::case::{CaseNumber, PhoneCode};
use crate::domain::time;
use crate::store::Store;

use super::{App, AppError};

/// Where the code is kept ("": none).
pub const KEY: &str = "kode_hp";

/// The code kept in `store` (none when never chosen or unreadable).
pub(super) fn stored(store: &Store) -> Result<PhoneCode, AppError> {
    Ok(store
        .setting(KEY)?
        .map_or(PhoneCode::NONE, |c| PhoneCode::stored(&c)))
}

impl App {
    /// This phone's code, none before the office chooses one.
    pub fn phone_code(&self) -> PhoneCode {
        self.book()
            .ok()
            .and_then(|b| stored(&b.store).ok())
            .unwrap_or(PhoneCode::NONE)
    }

    /// The number the next case made on this phone gets (`2026-B0043`).
    pub fn next_case_number(&self) -> Result<CaseNumber, AppError> {
        let book = self.book()?;
        let year = time::wib_year(book.now_ms());
        let code = stored(&book.store)?;
        Ok(book.store.next_case_number(year, code)?)
    }

    /// Keeps this phone's code (field `kode-hp`: one or two letters; empty removes it) and says
    /// what the next number will look like.
    pub fn set_phone_code(&self, text: &str) -> Result<String, AppError> {
        let code = if text.trim().is_empty() {
            PhoneCode::NONE
        } else {
            PhoneCode::parse(text).map_err(|e| AppError::field("kode-hp", &e.to_string()))?
        };
        {
            let mut book = self.book()?;
            if book.store.code_used_by_another_phone(code.as_str())? {
                return Err(AppError::field(
                    "kode-hp",
                    &format!(
                        "Kode {} sudah dipakai HP lain di kantor ini (juga HP lama yang cadangannya dipulihkan di sini). Pilih kode lain.",
                        code.as_str()
                    ),
                ));
            }
            let now = book.now_ms();
            book.store.set_settings(&[(KEY, code.as_str())], now)?;
        }
        let next = self.next_case_number()?;
        Ok(if code.is_none() {
            format!("Kode HP dihapus. Berkas baru berikutnya: {next}.")
        } else {
            format!("Kode HP disimpan. Berkas baru berikutnya: {next}.")
        })
    }
}

impl App {
    /// After a restore: the book came from another phone's backup (its cases carry the code
    /// under the old phone's id). When that code is another phone's now, it goes, and Beranda
    /// says to choose a new one; `true` when so.
    pub(super) fn drop_code_of_the_old_phone(&self) -> Result<bool, AppError> {
        let mut book = self.book()?;
        let code = stored(&book.store)?;
        if code.is_none() || !book.store.code_used_by_another_phone(code.as_str())? {
            return Ok(false);
        }
        let now = book.now_ms();
        book.store.set_settings(&[(KEY, "")], now)?;
        drop(book);
        self.add_notice(format!(
            "Buku ini dipulihkan dari cadangan HP {}. Beri HP ini kode baru di Pengaturan › HP kantor (misalnya huruf yang belum dipakai), lalu minta HP kantor lain \"Kirim semua ke HP baru\" sebelum membuat berkas baru.",
            code.as_str()
        ));
        Ok(true)
    }
}

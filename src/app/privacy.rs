//! Residents' data kept no longer than needed (UU 27/2022): the retention period after which
//! closed cases lose their personal data while the anonymous facts stay for the reports, and
//! "Hapus data warga", which erases one resident's personal data across their cases on
//! request. Every erasure is recorded on the case (that it happened and why, never what), the
//! file is compacted so the bytes are gone, and the automatic daily copies are taken again
//! from the erased book. Also a reply copied to the clipboard, cleared a minute later.

use chrono::Months;

use crate::domain::time;

use super::daily_copy;
use super::{new_id, ManualClock};
use super::{App, AppError, FieldError};

/// Settings key: months a closed case keeps its personal data.
pub const RETENTION_KEY: &str = "masa_simpan_bulan";
/// Two years after Selesai or Dibatalkan, unless the office sets otherwise.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;
/// The shortest and longest period the office can choose.
pub const RETENTION_RANGE: (u32, u32) = (6, 120);

/// Why personal data was erased, as the timeline says it.
pub const REASON_REQUEST: &str = "atas permintaan warga";
pub const REASON_RETENTION: &str = "masa simpan habis";

/// What "Hapus data warga" would touch, shown before the official confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasurePreview {
    /// Case numbers (`2026-0042`) whose personal data would be erased.
    pub cases: Vec<String>,
}

impl App {
    /// The retention period in months.
    pub fn retention_months(&self) -> Result<u32, AppError> {
        let (min, max) = RETENTION_RANGE;
        self.number_setting(RETENTION_KEY, min..=max, DEFAULT_RETENTION_MONTHS)
    }

    /// Saves the retention period (field `masa-simpan`) and applies it at once; returns how many
    /// cases were erased. A shorter period erases at once, so it needs the PIN (when one is
    /// set; field `masa-simpan-pin`); a longer one keeps more and needs none.
    pub fn set_retention_months(&self, typed: &str, pin: &str) -> Result<usize, AppError> {
        let (min, max) = RETENTION_RANGE;
        let months = typed
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (min..=max).contains(m))
            .ok_or_else(|| {
                AppError::Form(vec![FieldError {
                    field: "masa-simpan".into(),
                    message: format!("Isi jumlah bulan dari {min} sampai {max}."),
                }])
            })?;
        if months < self.retention_months()? {
            self.confirm_pin(pin, "masa-simpan-pin")?;
        }
        let _care = self.care_guard();
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store
                .set_settings(&[(RETENTION_KEY, &months.to_string())], now)?;
        }
        self.apply_retention()
    }

    /// Erases the personal data of cases closed (Selesai/Dibatalkan) longer ago than the
    /// retention period. Run by the daily care and when the period changes; returns the count.
    pub fn apply_retention(&self) -> Result<usize, AppError> {
        let months = self.retention_months()?;
        let now = self.book()?.now_ms();
        let cutoff = time::to_wib(now)
            .and_then(|t| t.checked_sub_months(Months::new(months)))
            .map_or(i64::MIN, |t| t.timestamp_millis());
        let ids = self.book()?.store.closed_cases_before(cutoff)?;
        self.erase(&ids, REASON_RETENTION)
    }

    /// Every case of the resident of `case_id`: linked by the same WhatsApp number or NIK, also
    /// through another case (a number on one case, the NIK on the next); with neither, the
    /// same name.
    fn resident_cases(&self, case_id: &str) -> Result<Vec<String>, AppError> {
        let book = self.book()?;
        let mut found = book.store.cases_of_resident(case_id)?;
        let mut next = 0;
        while next < found.len() {
            for id in book.store.cases_of_resident(&found[next])? {
                if !found.contains(&id) {
                    found.push(id);
                }
            }
            next += 1;
        }
        Ok(found)
    }

    /// The cases "Hapus data warga" would erase for the resident of `case_id`.
    pub fn resident_erasure_preview(&self, case_id: &str) -> Result<ErasurePreview, AppError> {
        let ids = self.resident_cases(case_id)?;
        let book = self.book()?;
        let mut cases = Vec::new();
        for id in &ids {
            if let Some(detail) = book.store.case(id)? {
                cases.push(detail.case.number.to_string());
            }
        }
        Ok(ErasurePreview { cases })
    }

    /// "Hapus data warga", after the official confirmed: erases the resident's personal data
    /// across their cases; returns how many.
    ///
    /// The erasure cannot be undone, so it needs the PIN (when one is set; field
    /// `hapus-warga-pin`): someone holding the unlocked app cannot wipe residents out.
    pub fn erase_resident(&self, case_id: &str, pin: &str) -> Result<usize, AppError> {
        self.confirm_pin(pin, "hapus-warga-pin")?;
        let _care = self.care_guard();
        let ids = self.resident_cases(case_id)?;
        if ids.is_empty() {
            return Err(AppError::AlreadyErased);
        }
        self.erase(&ids, REASON_REQUEST)
    }

    fn erase(&self, ids: &[String], reason: &str) -> Result<usize, AppError> {
        if ids.is_empty() {
            return Ok(0);
        }
        let actor = self.office().official;
        let mut book = self.book()?;
        let now = book.now_ms();
        let erased = book
            .store
            .erase_personal_data(ids, reason, &actor, now, new_id)?;
        book.store.compact()?;
        // The automatic copies still hold what was erased: take them again from this book.
        let dir = Self::data_dir_of(&book.store)?;
        daily_copy::remove_daily_copies(&dir)?;
        daily_copy::daily_copy(book.store.path(), &dir, &ManualClock::new(now))?;
        drop(book);
        // A case list shared with contacts may still wait in the share folder.
        self.clear_private_shares()?;
        Ok(erased)
    }

    /// Empties the folder privately shared files wait in ([`Platform::private_share_dir`]):
    /// after an erasure and a wipe, so no list with residents' data outlives them. Returns
    /// how many files went.
    ///
    /// [`Platform::private_share_dir`]: crate::platform::Platform::private_share_dir
    pub(crate) fn clear_private_shares(&self) -> Result<usize, AppError> {
        let Some(dir) = self.platform.private_share_dir() else {
            return Ok(0);
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(0);
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                std::fs::remove_file(&path).map_err(|source| AppError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// How long a reply copied with "Salin teks" stays on the clipboard.
pub const CLIPBOARD_CLEAR_AFTER_MS: i64 = 60_000;

/// The label of the app's clips (Android shows it to apps that read the clipboard).
const CLIP_LABEL: &str = "Layanan Desa";

impl App {
    /// "Salin teks": puts `text` on the phone's clipboard through the platform and remembers
    /// it, so that it is cleared a minute later. `Ok(false)` when the platform leaves copying
    /// to the WebView (the desktop preview), which then does it without the clearing.
    pub fn copy_text(&self, text: &str) -> Result<bool, AppError> {
        if !self.platform.copy_text(CLIP_LABEL, text)? {
            return Ok(false);
        }
        if let Ok(now) = self.book().map(|b| b.now_ms()) {
            *self.copied.lock().unwrap_or_else(|e| e.into_inner()) = Some((text.to_string(), now));
        }
        Ok(true)
    }

    /// Called every second by the screen's timer: a minute after "Salin teks", empties the
    /// clipboard if it still holds that text. When the clipboard holds something else, that
    /// is the official's and is left alone. When Android does not let the app read it (10+,
    /// while another app is on screen), it is tried again once the app is back on screen.
    pub fn clipboard_tick(&self) -> Result<(), AppError> {
        let result = self.clear_copied_when_due();
        if let Err(e) = &result {
            // It is tried again every second; the official is told once.
            self.add_notice(format!(
                "Teks yang disalin belum bisa dihapus dari papan klip ({e}). Hapus sendiri bila \
                 berisi data warga."
            ));
        }
        result
    }

    fn clear_copied_when_due(&self) -> Result<(), AppError> {
        let Some((text, at)) = self
            .copied
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        else {
            return Ok(());
        };
        let now = self.book()?.now_ms();
        // A clock moved back counts as time passed.
        if (at..at.saturating_add(CLIPBOARD_CLEAR_AFTER_MS)).contains(&now) {
            return Ok(());
        }
        if self.platform.clear_copied_text(&text)?.is_some() {
            *self.copied.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
        Ok(())
    }
}

//! The guided first start ("Siapkan HP ini"): a new phone is set up in three short steps, the
//! office (village and its WhatsApp number), its hours confirmed, the official's name, each
//! saved on its own and each skippable, then the first case. Offered once on a new, empty case
//! book; Pengaturan offers it again.

use super::office::{key, stored_phone, trimmed};
use super::{App, AppError, FieldError};

/// Where the guide stands: never decided (offered on an empty book), done or skipped, or asked
/// for again from Pengaturan.
const KEY: &str = "panduan_awal";
const DONE: &str = "selesai";
const AGAIN: &str = "ulang";

/// What the guide shows, filled from the office profile as it is now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstStartView {
    pub village: String,
    pub district: String,
    pub regency: String,
    pub office_phone: String,
    pub official: String,
    /// The hours as the office reads them (`Senin–Kamis 08.00–14.00, …`).
    pub hours_text: String,
    pub hours_confirmed: bool,
}

impl App {
    /// Whether the guide is shown now: on a new, empty book whose hours nobody confirmed yet,
    /// or when Pengaturan asked for it again. Never before a case book is open.
    pub fn first_start_due(&self) -> bool {
        if !self.has_case_book() {
            return false;
        }
        match self.stored_setting(KEY).ok().flatten().as_deref() {
            Some(AGAIN) => true,
            Some(_) => false,
            None => {
                let empty = self
                    .book()
                    .and_then(|b| Ok(b.store.case_count()?))
                    .is_ok_and(|n| n == 0);
                empty && !self.office().hours_confirmed
            }
        }
    }

    pub fn first_start_view(&self) -> FirstStartView {
        let form = self.settings_view();
        FirstStartView {
            village: form.form.village,
            district: form.form.district,
            regency: form.form.regency,
            office_phone: form.form.office_phone,
            official: form.form.official,
            hours_text: form.hours_text,
            hours_confirmed: form.hours_confirmed,
        }
    }

    /// Step 1: the village and the office's WhatsApp number (fields `village`, `office_phone`).
    pub fn save_first_office(
        &self,
        village: &str,
        district: &str,
        regency: &str,
        office_phone: &str,
    ) -> Result<(), AppError> {
        let mut errors = Vec::new();
        let village = trimmed(village);
        if village.is_empty() {
            errors.push(field("village", "Nama desa wajib diisi."));
        }
        let phone = stored_phone("office_phone", office_phone, &mut errors);
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }
        self.save_office_values(&[
            (key::VILLAGE, &village),
            (key::DISTRICT, &trimmed(district)),
            (key::REGENCY, &trimmed(regency)),
            (key::OFFICE_PHONE, &phone),
        ])
    }

    /// Step 2: the hours shown are the office's (they can be changed in Pengaturan any time).
    pub fn confirm_first_hours(&self) -> Result<(), AppError> {
        self.save_office_values(&[(key::HOURS_CONFIRMED, "ya")])
    }

    /// Step 3: the official using this phone (field `official`).
    pub fn save_first_official(&self, name: &str) -> Result<(), AppError> {
        let name = trimmed(name);
        if name.is_empty() {
            return Err(AppError::Form(vec![field(
                "official",
                "Tulis nama petugas, atau tekan \"Lewati\".",
            )]));
        }
        self.save_office_values(&[(key::OFFICIAL, &name)])
    }

    /// The guide is finished or skipped: not offered again unless Pengaturan asks.
    pub fn end_first_start(&self) -> Result<(), AppError> {
        self.set_guide(DONE)
    }

    /// "Panduan awal" in Pengaturan: the guide shows again.
    pub fn restart_first_start(&self) -> Result<(), AppError> {
        self.set_guide(AGAIN)
    }

    /// Where the guide stands is no part of the office profile: stored, nothing read again.
    fn set_guide(&self, value: &str) -> Result<(), AppError> {
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(&[(KEY, value)], now)?;
        Ok(())
    }
}

fn field(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: message.to_string(),
    }
}

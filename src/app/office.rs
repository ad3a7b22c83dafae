//! The office profile (village, kecamatan, kabupaten, the office's WhatsApp number, the
//! kepala desa's number for reports, the official using this phone, office hours and holidays):
//! read from and saved to the store's settings, checked before saving, with the hours first
//! confirmed by the office on first start. Also the WhatsApp Business set-up kit built from it.

use chrono::NaiveDate;

use crate::domain::hours::{parse_date, parse_holidays, Holiday, OfficeHours, Schedule};
use crate::domain::phone::WaNumber;
use crate::domain::wa_kit::{self, OfficeIdentity};
use crate::store::Store;

pub use super::FieldError;
use super::{App, AppError};

/// The office the app works for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeProfile {
    pub village: String,
    pub district: String,
    pub regency: String,
    /// The office's WhatsApp (Business) number as wa.me digits, when set.
    pub office_phone: Option<String>,
    /// The kepala desa's WhatsApp, for the monthly summary, when set.
    pub head_phone: Option<String>,
    /// The official using this phone, recorded as the actor of every event.
    pub official: String,
    pub hours: OfficeHours,
    /// False until the office has looked at the suggested hours and saved them.
    pub hours_confirmed: bool,
}

impl Default for OfficeProfile {
    /// Desa Wonojati, with the hours the office is asked to confirm on first start.
    fn default() -> Self {
        OfficeProfile {
            village: "Wonojati".into(),
            district: "Jenggawah".into(),
            regency: "Jember".into(),
            office_phone: None,
            head_phone: None,
            official: "Petugas desa".into(),
            hours: OfficeHours::new(Schedule::suggested(), []),
            hours_confirmed: false,
        }
    }
}

pub(super) mod key {
    pub const VILLAGE: &str = "desa";
    pub const DISTRICT: &str = "kecamatan";
    pub const REGENCY: &str = "kabupaten";
    pub const OFFICE_PHONE: &str = "wa_kantor";
    pub const HEAD_PHONE: &str = "wa_kepala_desa";
    pub const OFFICIAL: &str = "nama_petugas";
    pub const SCHEDULE: &str = "jam_layanan";
    pub const HOURS_CONFIRMED: &str = "jam_layanan_dikonfirmasi";
}

impl OfficeProfile {
    /// The stored profile; what was never saved keeps its default. A stored schedule that no
    /// longer parses falls back to the suggestion and is reported, never a crash.
    pub fn load(store: &Store) -> Result<(OfficeProfile, Option<String>), AppError> {
        let mut profile = OfficeProfile::default();
        let mut notice = None;
        let text = |k: &str| store.setting(k);
        if let Some(v) = text(key::VILLAGE)? {
            profile.village = v;
        }
        if let Some(v) = text(key::DISTRICT)? {
            profile.district = v;
        }
        if let Some(v) = text(key::REGENCY)? {
            profile.regency = v;
        }
        if let Some(v) = text(key::OFFICIAL)? {
            profile.official = v;
        }
        profile.office_phone = text(key::OFFICE_PHONE)?.filter(|v| !v.is_empty());
        profile.head_phone = text(key::HEAD_PHONE)?.filter(|v| !v.is_empty());
        let schedule = match text(key::SCHEDULE)? {
            Some(stored) => match Schedule::parse(&stored) {
                Ok(schedule) => schedule,
                Err(e) => {
                    notice = Some(format!(
                        "Jam layanan tersimpan tidak terbaca ({e}); jam usulan dipakai, periksa Pengaturan."
                    ));
                    Schedule::suggested()
                }
            },
            None => Schedule::suggested(),
        };
        let mut holidays = Vec::new();
        for (date, name) in store.holidays()? {
            if let Some(date) = parse_date(&date) {
                holidays.push(Holiday { date, name });
            }
        }
        profile.hours = OfficeHours::new(schedule, holidays);
        profile.hours_confirmed = text(key::HOURS_CONFIRMED)?.as_deref() == Some("ya");
        Ok((profile, notice))
    }

    pub fn identity(&self) -> OfficeIdentity {
        OfficeIdentity {
            village: self.village.clone(),
            district: self.district.clone(),
            regency: self.regency.clone(),
            hours: self.hours.describe(),
        }
    }
}

/// The Pengaturan form, every field as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsForm {
    pub village: String,
    pub district: String,
    pub regency: String,
    pub office_phone: String,
    pub head_phone: String,
    pub official: String,
    /// One text per weekday, Monday first: `08.00–12.00, 12.30–14.00` or `tutup`.
    pub days: [String; 7],
}

impl SettingsForm {
    /// Sets one field by the key the screen uses (`village`, `day-0` … `day-6`); unknown keys
    /// are ignored.
    pub fn set(&mut self, key: &str, value: String) {
        match key {
            "village" => self.village = value,
            "district" => self.district = value,
            "regency" => self.regency = value,
            "office_phone" => self.office_phone = value,
            "head_phone" => self.head_phone = value,
            "official" => self.official = value,
            other => {
                let day = other
                    .strip_prefix("day-")
                    .and_then(|d| d.parse::<usize>().ok());
                if let Some(slot) = day.and_then(|d| self.days.get_mut(d)) {
                    *slot = value;
                }
            }
        }
    }
}

/// The Pengaturan screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsView {
    pub form: SettingsForm,
    pub day_names: [&'static str; 7],
    pub hours_text: String,
    pub hours_confirmed: bool,
    /// `(ISO date, "Jumat 25 Desember 2026", name)`.
    pub holidays: Vec<(String, String, String)>,
}

/// The WhatsApp Business kit screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaKitView {
    pub greeting: String,
    pub away: String,
    /// `(shortcut without "/", service name, text)`, unique shortcuts.
    pub quick_replies: Vec<(String, String, String)>,
    /// Said when the catalog (with the office's own services) has more services than
    /// WhatsApp Business keeps quick replies.
    pub quick_reply_warning: Option<String>,
    /// The away schedule knows no holidays: what to do on one.
    pub away_note: &'static str,
    /// The click-to-chat link, when the office number is set.
    pub link: Option<String>,
    /// The A4 poster as SVG, when the office number is set.
    pub poster_svg: Option<String>,
    pub office_phone: Option<String>,
}

pub(super) fn trimmed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A WhatsApp number typed into a form, as stored: its digits, or empty when none was typed.
/// A wrong one adds its error under `field` and stores nothing.
pub(super) fn stored_phone(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> String {
    if raw.trim().is_empty() {
        return String::new();
    }
    match WaNumber::parse(raw) {
        Ok(n) => n.digits().to_string(),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_string(),
                message: e.to_string(),
            });
            String::new()
        }
    }
}

impl App {
    /// A copy of the current profile (the settings screen may change it at any time).
    pub fn office(&self) -> OfficeProfile {
        self.office
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn load_office(&self) -> Result<Option<String>, AppError> {
        let (profile, notice) = OfficeProfile::load(&self.book()?.store)?;
        *self.office.write().unwrap_or_else(|e| e.into_inner()) = profile;
        Ok(notice)
    }

    pub fn settings_view(&self) -> SettingsView {
        let office = self.office();
        let days = crate::domain::hours::WEEK.map(|day| {
            let spans = office.hours.schedule.day(day);
            spans
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        });
        let display = |digits: &Option<String>| {
            digits
                .as_ref()
                .and_then(|d| WaNumber::parse(&format!("+{d}")).ok())
                .map(|n| n.display())
                .unwrap_or_default()
        };
        SettingsView {
            form: SettingsForm {
                village: office.village.clone(),
                district: office.district.clone(),
                regency: office.regency.clone(),
                office_phone: display(&office.office_phone),
                head_phone: display(&office.head_phone),
                official: office.official.clone(),
                days,
            },
            day_names: crate::domain::hours::WEEK.map(crate::domain::hours::day_name),
            hours_text: office.hours.describe(),
            hours_confirmed: office.hours_confirmed,
            holidays: office
                .hours
                .holidays()
                .map(|h| {
                    (
                        h.date.to_string(),
                        format!(
                            "{} {}",
                            crate::domain::hours::day_name(chrono::Datelike::weekday(&h.date)),
                            crate::domain::hours::long_date(h.date)
                        ),
                        h.name,
                    )
                })
                .collect(),
        }
    }

    /// Checks every field; saves all of them (and marks the hours confirmed) or nothing.
    pub fn save_settings(&self, form: &SettingsForm) -> Result<(), AppError> {
        let mut errors: Vec<FieldError> = Vec::new();
        let error = |errors: &mut Vec<FieldError>, field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_string(),
                message,
            })
        };
        let village = trimmed(&form.village);
        if village.is_empty() {
            error(&mut errors, "village", "Nama desa wajib diisi.".into());
        }
        let official = trimmed(&form.official);
        if official.is_empty() {
            error(&mut errors, "official", "Nama petugas wajib diisi.".into());
        }
        let office_phone = stored_phone("office_phone", &form.office_phone, &mut errors);
        let head_phone = stored_phone("head_phone", &form.head_phone, &mut errors);
        let mut schedule = Schedule::default();
        for (i, day) in crate::domain::hours::WEEK.iter().enumerate() {
            if let Err(e) =
                Schedule::parse_day(&form.days[i]).and_then(|s| schedule.set_day(*day, s))
            {
                error(&mut errors, &format!("day-{i}"), e.to_string());
            }
        }
        if errors.is_empty() && schedule.is_closed_all_week() {
            error(
                &mut errors,
                "day-0",
                "Isi jam layanan paling sedikit untuk satu hari.".into(),
            );
        }
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }
        let schedule_text = schedule.to_text();
        let values = [
            (key::VILLAGE, village.as_str()),
            (key::DISTRICT, &trimmed(&form.district)),
            (key::REGENCY, &trimmed(&form.regency)),
            (key::OFFICE_PHONE, office_phone.as_str()),
            (key::HEAD_PHONE, head_phone.as_str()),
            (key::OFFICIAL, official.as_str()),
            (key::SCHEDULE, schedule_text.as_str()),
            (key::HOURS_CONFIRMED, "ya"),
        ];
        self.save_office_values(&values)
    }

    /// Stores values of the office profile and reads the profile again.
    pub(super) fn save_office_values(&self, values: &[(&str, &str)]) -> Result<(), AppError> {
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.set_settings(values, now)?;
        }
        self.load_office().map(|_| ())
    }

    /// Adds one holiday typed by the office.
    pub fn add_holiday(&self, date: &str, name: &str) -> Result<(), AppError> {
        let parsed =
            parse_date(date).ok_or_else(|| AppError::UnknownDate(date.trim().to_string()))?;
        let name = trimmed(name);
        if name.is_empty() {
            return Err(AppError::NoHolidayName);
        }
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store
                .put_holidays(&[(parsed.to_string(), name)], now)?;
        }
        self.load_office()?;
        Ok(())
    }

    pub fn delete_holiday(&self, date: &str) -> Result<(), AppError> {
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.delete_holiday(date.trim(), now)?;
        }
        self.load_office()?;
        Ok(())
    }

    /// Imports a yearly holiday list (CSV text). Every line is checked first; on any error
    /// nothing is saved and every bad line is named. Returns how many were imported.
    pub fn import_holidays(&self, text: &str) -> Result<usize, AppError> {
        let holidays = parse_holidays(text).map_err(|errors| {
            AppError::HolidayList(
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let rows: Vec<(String, String)> = holidays
            .iter()
            .map(|h| (h.date.to_string(), h.name.clone()))
            .collect();
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.put_holidays(&rows, now)?;
        }
        self.load_office()?;
        Ok(rows.len())
    }

    /// Is the office open now, and when does it open next (`Senin 30 November 2026 pukul 08.00`)?
    pub fn office_status(&self) -> Result<(bool, String), AppError> {
        let now = self.book()?.now_ms();
        let hours = self.office().hours;
        Ok((hours.is_open(now), hours.opening_text(now)))
    }

    pub fn wa_kit(&self) -> Result<WaKitView, AppError> {
        let office = self.office();
        let identity = office.identity();
        let number = office
            .office_phone
            .as_ref()
            .and_then(|d| WaNumber::parse(&format!("+{d}")).ok());
        let loaded = self.loaded();
        let services = &loaded.catalog.services;
        let shortcuts = wa_kit::unique_shortcuts(services.iter().map(|s| s.id.as_str()));
        let mut quick_replies = Vec::with_capacity(services.len());
        for (service, shortcut) in services.iter().zip(shortcuts) {
            quick_replies.push((
                shortcut,
                service.name.clone(),
                self.requirements_message(service.id.as_str())?,
            ));
        }
        let quick_reply_warning = (quick_replies.len() > wa_kit::QUICK_REPLY_MAX).then(|| {
            format!(
                "Ada {} layanan, sedangkan WhatsApp Business hanya menyimpan {} balasan cepat: pilih {} layanan yang paling sering ditanyakan, sisanya kirim dari aplikasi ini.",
                quick_replies.len(),
                wa_kit::QUICK_REPLY_MAX,
                wa_kit::QUICK_REPLY_MAX
            )
        });
        let poster_svg = match &number {
            Some(n) => Some(wa_kit::poster_svg(&identity, n)?),
            None => None,
        };
        Ok(WaKitView {
            greeting: wa_kit::greeting_message(&identity),
            away: wa_kit::away_message(&identity),
            quick_replies,
            quick_reply_warning,
            away_note: wa_kit::AWAY_HOLIDAY_NOTE,
            link: number.as_ref().map(wa_kit::click_to_chat_link),
            poster_svg,
            office_phone: number.map(|n| n.display()),
        })
    }

    /// Writes the poster through the platform (a file on desktop, Downloads on Android).
    pub fn save_poster(&self) -> Result<String, AppError> {
        let kit = self.wa_kit()?;
        let svg = kit.poster_svg.ok_or_else(|| AppError::NoOfficePhone)?;
        let name = format!(
            "poster-wa-desa-{}.svg",
            self.office().village.to_lowercase().replace(' ', "-")
        );
        Ok(self
            .platform
            .save_file(&name, "image/svg+xml", svg.as_bytes())?)
    }
}

/// Today's date in WIB at `ms`.
pub fn wib_date(ms: i64) -> Option<NaiveDate> {
    crate::domain::time::to_wib(ms).map(|t| t.date_naive())
}

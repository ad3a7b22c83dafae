//! The Laporan use cases: build the report of a period from the case book and the office hours,
//! export it as CSV through the platform, and send the summary to the kepala desa over
//! WhatsApp. The numbers are computed once, in `domain::report`; this module only gathers the
//! facts and hands the results on.

use chrono::{Duration, NaiveDate};

use crate::domain::catalog::Catalog;
use crate::domain::hours::OfficeHours;
use crate::domain::report::{self, CaseFacts, Period, Report, Scope};
use crate::domain::time::WIB;
use crate::domain::whatsapp::ChatTarget;
use crate::store::Store;

use super::{App, AppError};

/// Which CSV of a period's report to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    /// Numbers per service (`…-ringkasan.csv`).
    Summary,
    /// One row per case (`…-berkas.csv`), with residents' contacts only when asked.
    Cases,
}

/// `[from, to)` in UTC milliseconds for the WIB dates of a period.
fn period_ms(period: Period) -> (i64, i64) {
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(WIB).single())
            .map_or(0, |t| t.timestamp_millis())
    };
    let end = period
        .to
        .checked_add_signed(Duration::days(1))
        .map_or(i64::MAX, start);
    (start(period.from), end)
}

/// The facts of a period and of the period before it (for the comparison) from a store, with
/// each service's processing duration from the catalog.
pub fn facts(store: &Store, catalog: &Catalog, period: Period) -> Result<Vec<CaseFacts>, AppError> {
    let (from, _) = period_ms(period.previous());
    let (_, to) = period_ms(period);
    facts_between(store, catalog, from, to)
}

/// The facts of the open cases only (for Beranda's overdue list): an empty range.
pub fn facts_of_open(store: &Store, catalog: &Catalog) -> Result<Vec<CaseFacts>, AppError> {
    facts_between(store, catalog, 0, 0)
}

/// `Store::report_facts` of `[from_ms, to_ms)` with each service's processing duration.
fn facts_between(
    store: &Store,
    catalog: &Catalog,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<CaseFacts>, AppError> {
    let mut facts = store.report_facts(from_ms, to_ms)?;
    for fact in &mut facts {
        fact.expected_days = catalog
            .service(&fact.service_id)
            .map(|s| s.duration.max_days);
    }
    Ok(facts)
}

/// The report of a store, as the CLI and the screen build it.
pub fn report_of(
    store: &Store,
    catalog: &Catalog,
    hours: &OfficeHours,
    scope: impl Into<Scope>,
    now_ms: i64,
) -> Result<Report, AppError> {
    let scope = scope.into();
    Ok(report::build(
        &facts(store, catalog, scope.period)?,
        scope.period,
        scope.basis,
        hours,
        now_ms,
    ))
}

impl App {
    /// The month that holds today (WIB): the Laporan screen's first period.
    pub fn this_month(&self) -> Result<Period, AppError> {
        let now = self.book()?.now_ms();
        let today = super::office::wib_date(now).ok_or_else(|| AppError::BadPhoneClock)?;
        Ok(Period::month_of(today))
    }

    pub fn report(&self, scope: impl Into<Scope>) -> Result<Report, AppError> {
        let office = self.office();
        let book = self.book()?;
        report_of(
            &book.store,
            &self.catalog(),
            &office.hours,
            scope,
            book.now_ms(),
        )
    }

    /// The summary and the case list of the period as CSV, with the file names' stem.
    /// `with_contacts`: the official ticked "Sertakan nama, nomor HP dan NIK" (the NIK then
    /// masked); otherwise the case list holds no personal data.
    fn report_csvs(
        &self,
        scope: Scope,
        with_contacts: bool,
    ) -> Result<(String, Vec<u8>, Vec<u8>), AppError> {
        let office = self.office();
        let Scope { period, basis } = scope;
        let (summary, cases) = {
            let book = self.book()?;
            let facts = facts(&book.store, &self.catalog(), period)?;
            let report = report::build(&facts, period, basis, &office.hours, book.now_ms());
            let cases = if with_contacts {
                let contacts = book
                    .store
                    .case_contacts()?
                    .into_iter()
                    .map(|(number, name, phone, nik)| {
                        let contact = report::Contact {
                            name,
                            phone: phone.map(|n| n.display()).unwrap_or_default(),
                            nik_masked: nik.map(|n| n.masked()).unwrap_or_default(),
                        };
                        (number.to_string(), contact)
                    })
                    .collect();
                report::cases_csv_with_contacts(&facts, period, basis, &office.hours, &contacts)
            } else {
                report::cases_csv(&facts, period, basis, &office.hours)
            };
            (report::summary_csv(&report)?, cases?)
        };
        let stem = format!(
            "laporan-{}-{}-{}_{}",
            slug(&office.village),
            basis.key(),
            period.from,
            period.to
        );
        Ok((stem, summary, cases))
    }

    /// "Bagikan …": one CSV of the period handed to the share sheet from the app's private
    /// cache, so no copy lands where other apps read (Android: Downloads is outside the
    /// sandbox, retention and erasure). Returns where it went, in words.
    ///
    /// `contacts`: `Some(pin)` when the official ticked "Sertakan nama, nomor HP dan NIK": the
    /// list of every resident leaves the phone in one file, so the PIN (when one is set) is
    /// asked again (field `csv-pin`), as for every other way data leaves.
    pub fn share_report_csv(
        &self,
        scope: impl Into<Scope>,
        file: ReportFile,
        contacts: Option<&str>,
    ) -> Result<String, AppError> {
        let with_contacts = file == ReportFile::Cases && contacts.is_some();
        if let (true, Some(pin)) = (with_contacts, contacts) {
            self.confirm_pin(pin, "csv-pin")?;
        }
        let (stem, summary, cases) = self.report_csvs(scope.into(), with_contacts)?;
        let (name, bytes, title) = match file {
            ReportFile::Summary => (
                format!("{stem}-ringkasan.csv"),
                summary,
                "Bagikan ringkasan laporan",
            ),
            ReportFile::Cases if with_contacts => (
                format!("{stem}-berkas.csv"),
                cases,
                "Bagikan daftar berkas (berisi data warga)",
            ),
            ReportFile::Cases => (format!("{stem}-berkas.csv"), cases, "Bagikan daftar berkas"),
        };
        Ok(self
            .platform
            .share_private(&name, "text/csv", &bytes, title)?)
    }

    /// "Simpan ke Unduhan", only when the official asks: both CSVs of the period, never with
    /// residents' contacts, saved where other apps on the phone can read them (the screen says
    /// so). Returns where.
    pub fn save_report_csv(&self, scope: impl Into<Scope>) -> Result<Vec<String>, AppError> {
        let (stem, summary, cases) = self.report_csvs(scope.into(), false)?;
        Ok(vec![
            self.platform
                .save_file(&format!("{stem}-ringkasan.csv"), "text/csv", &summary)?,
            self.platform
                .save_file(&format!("{stem}-berkas.csv"), "text/csv", &cases)?,
        ])
    }

    /// Both CSV files of the period without contacts, `(summary, case list)`: what the command
    /// line writes.
    pub fn report_csv_bytes(
        &self,
        scope: impl Into<Scope>,
    ) -> Result<(Vec<u8>, Vec<u8>), AppError> {
        let (_, summary, cases) = self.report_csvs(scope.into(), false)?;
        Ok((summary, cases))
    }

    /// The summary text of the period, as sent to the kepala desa.
    pub fn summary_text(&self, scope: impl Into<Scope>) -> Result<String, AppError> {
        Ok(report::summary_text(
            &self.report(scope)?,
            &self.office().village,
        ))
    }

    /// Opens WhatsApp with the summary to the kepala desa's number; without a number, the share
    /// sheet lets the official pick the chat.
    pub fn send_summary(&self, scope: impl Into<Scope>) -> Result<Option<ChatTarget>, AppError> {
        let text = self.summary_text(scope)?;
        match self.office().head_phone {
            Some(digits) => {
                let chat = self.prepare_chat(&format!("+{digits}"), &text)?;
                Ok(Some(self.open_chat(&chat)?))
            }
            None => {
                self.share_text(&text)?;
                Ok(None)
            }
        }
    }
}

fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

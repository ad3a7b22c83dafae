//! Waiting-time reports: from the facts of each case (received, first reply, ready, done,
//! cancelled) and the office hours, the numbers of the Laporan screen, of `layanan-desa
//! report`, of the CSV export and of the summary sent to the kepala desa. One computation feeds
//! all four, so they cannot disagree. Pure: "now" is a parameter.
//!
//! Definitions (also in the README):
//! - The period selects cases by the WIB date of their **Pesan masuk** (when the resident
//!   wrote; `message_ms`), both ends included.
//! - **Ready** is the first time a case reached Dokumen terbit, Siap diambil or Selesai.
//! - **First reply**: minutes from Pesan masuk to the first message sent from the case.
//! - **Calendar days** between two moments: the difference of their WIB dates.
//! - **Working days**: the office's working days after the first date up to and including the
//!   second (see `OfficeHours::working_days`).
//! - **Median**: the middle value of the sorted list; with an even count, the mean of the two
//!   middle values.
//! - **P90** (90th percentile), nearest rank: the value at rank ⌈0.9 × n⌉ of the list sorted
//!   from small to large, so at least 90% of the cases took that long or less.
//! - **Open cases by age** are a snapshot at "now" of every open case, whatever its period: age
//!   in calendar days (0–2, 3–7, 8–14, >14), overdue when its working days exceed the longest
//!   duration the catalog gives for its service and it is not yet ready (a case waiting at
//!   Dokumen terbit or Siap diambil waits for the resident, not for the office).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::case::StatusKind;
use super::hours::{long_date, OfficeHours};
use super::time::to_wib;

/// What a report needs of one case; the store reads it from the case and its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub number: String,
    pub service_id: String,
    pub service_name: String,
    pub message_ms: i64,
    pub out_of_hours: bool,
    pub status: StatusKind,
    pub first_reply_ms: Option<i64>,
    pub ready_ms: Option<i64>,
    pub done_ms: Option<i64>,
    pub cancelled_ms: Option<i64>,
    /// The longest duration in working days the catalog gives, when it gives one.
    pub expected_days: Option<u16>,
}

/// WIB dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("Tanggal \"{0}\" tidak dikenal. Tulis seperti 2026-11-01 atau 01/11/2026.")]
    BadDate(String),
    #[error("Tanggal akhir ({to}) lebih awal dari tanggal awal ({from}).")]
    Reversed { from: String, to: String },
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::Reversed {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Period { from, to })
    }

    pub fn parse(from: &str, to: &str) -> Result<Period, PeriodError> {
        let parse = |t: &str| {
            super::hours::parse_date(t).ok_or_else(|| PeriodError::BadDate(t.trim().to_string()))
        };
        Period::new(parse(from)?, parse(to)?)
    }

    /// The calendar month holding `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        let from = date.with_day(1).unwrap_or(date);
        let next = if from.month() == 12 {
            NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
        };
        let to = next.and_then(|n| n.pred_opt()).unwrap_or(from);
        Period { from, to }
    }

    pub fn contains_ms(&self, ms: i64) -> bool {
        to_wib(ms).is_some_and(|t| (self.from..=self.to).contains(&t.date_naive()))
    }

    /// `1–30 November 2026`, or both dates in full.
    pub fn label(&self) -> String {
        if self.from.year() == self.to.year() && self.from.month() == self.to.month() {
            format!("{}–{}", self.from.day(), long_date(self.to))
        } else {
            format!("{} – {}", long_date(self.from), long_date(self.to))
        }
    }
}

/// Median and P90 of a list of values, as defined at the top of this file.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stats {
    pub count: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

impl Stats {
    pub fn of(values: &[i64]) -> Stats {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        let n = sorted.len();
        if n == 0 {
            return Stats::default();
        }
        let median = if n % 2 == 1 {
            sorted[n / 2] as f64
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
        };
        // Nearest rank ⌈0.9 n⌉, 1-based; integer arithmetic avoids float rounding at n = 10.
        let rank = (9 * n).div_ceil(10).max(1);
        Stats {
            count: n,
            median: Some(median),
            p90: Some(sorted[rank - 1] as f64),
        }
    }
}

/// Waiting time to one milestone, in both units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Wait {
    pub working_days: Stats,
    pub calendar_days: Stats,
}

/// One line of the report: a service, or all services together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRow {
    pub service_id: String,
    pub service_name: String,
    pub received: usize,
    pub done: usize,
    pub cancelled: usize,
    pub open: usize,
    pub out_of_hours: usize,
    pub to_ready: Wait,
    pub to_done: Wait,
    /// Minutes from received to the first message sent.
    pub first_reply_minutes: Stats,
}

impl ReportRow {
    /// Share of requests received outside office hours, 0–100.
    pub fn out_of_hours_percent(&self) -> Option<f64> {
        (self.received > 0).then(|| 100.0 * self.out_of_hours as f64 / self.received as f64)
    }
}

/// One age group of the open cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeBucket {
    pub label: &'static str,
    pub count: usize,
    pub overdue: usize,
}

/// An open case past its service's longest duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueCase {
    pub number: String,
    pub service_name: String,
    pub working_days: i64,
    pub expected_days: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub now_ms: i64,
    /// Services with at least one case received in the period, most requested first.
    pub rows: Vec<ReportRow>,
    pub total: ReportRow,
    pub open_by_age: Vec<AgeBucket>,
    pub overdue: Vec<OverdueCase>,
}

pub const AGE_LABELS: [&str; 4] = ["0–2 hari", "3–7 hari", "8–14 hari", "> 14 hari"];

fn age_bucket(days: i64) -> usize {
    match days {
        i64::MIN..=2 => 0,
        3..=7 => 1,
        8..=14 => 2,
        _ => 3,
    }
}

/// Calendar days between two moments: the difference of their WIB dates.
pub fn calendar_days(from_ms: i64, to_ms: i64) -> i64 {
    match (to_wib(from_ms), to_wib(to_ms)) {
        (Some(a), Some(b)) => (b.date_naive() - a.date_naive()).num_days().max(0),
        _ => 0,
    }
}

/// Per-case figures, shared by the report and the case CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseWaits {
    pub ready_working: Option<i64>,
    pub ready_calendar: Option<i64>,
    pub done_working: Option<i64>,
    pub done_calendar: Option<i64>,
    pub first_reply_minutes: Option<i64>,
}

impl CaseFacts {
    /// The first of Dokumen terbit / Siap diambil / Selesai.
    pub fn ready_at(&self) -> Option<i64> {
        match (self.ready_ms, self.done_ms) {
            (Some(r), Some(d)) => Some(r.min(d)),
            (r, d) => r.or(d),
        }
    }

    pub fn waits(&self, hours: &OfficeHours) -> CaseWaits {
        let received = self.message_ms;
        CaseWaits {
            ready_working: self.ready_at().map(|t| hours.working_days(received, t)),
            ready_calendar: self.ready_at().map(|t| calendar_days(received, t)),
            done_working: self.done_ms.map(|t| hours.working_days(received, t)),
            done_calendar: self.done_ms.map(|t| calendar_days(received, t)),
            first_reply_minutes: self.first_reply_ms.map(|t| (t - received).max(0) / 60_000),
        }
    }
}

#[derive(Default)]
struct Collect {
    row: ReportRow,
    ready_working: Vec<i64>,
    ready_calendar: Vec<i64>,
    done_working: Vec<i64>,
    done_calendar: Vec<i64>,
    first_reply: Vec<i64>,
}

impl Collect {
    fn add(&mut self, case: &CaseFacts, waits: CaseWaits) {
        let row = &mut self.row;
        row.received += 1;
        match case.status {
            StatusKind::Done => row.done += 1,
            StatusKind::Cancelled => row.cancelled += 1,
            _ => row.open += 1,
        }
        row.out_of_hours += usize::from(case.out_of_hours);
        let pairs = [
            (waits.ready_working, &mut self.ready_working),
            (waits.ready_calendar, &mut self.ready_calendar),
            (waits.done_working, &mut self.done_working),
            (waits.done_calendar, &mut self.done_calendar),
            (waits.first_reply_minutes, &mut self.first_reply),
        ];
        for (value, list) in pairs {
            list.extend(value);
        }
    }

    fn finish(mut self) -> ReportRow {
        self.row.to_ready = Wait {
            working_days: Stats::of(&self.ready_working),
            calendar_days: Stats::of(&self.ready_calendar),
        };
        self.row.to_done = Wait {
            working_days: Stats::of(&self.done_working),
            calendar_days: Stats::of(&self.done_calendar),
        };
        self.row.first_reply_minutes = Stats::of(&self.first_reply);
        self.row
    }
}

/// The report for `period` as seen at `now_ms`.
pub fn build(cases: &[CaseFacts], period: Period, hours: &OfficeHours, now_ms: i64) -> Report {
    let mut per_service: BTreeMap<&str, Collect> = BTreeMap::new();
    let mut total = Collect::default();
    total.row.service_name = "Semua layanan".into();
    let mut buckets: Vec<AgeBucket> = AGE_LABELS
        .iter()
        .map(|&label| AgeBucket {
            label,
            count: 0,
            overdue: 0,
        })
        .collect();
    let mut overdue = Vec::new();
    for case in cases {
        if period.contains_ms(case.message_ms) {
            let waits = case.waits(hours);
            let entry = per_service.entry(&case.service_id).or_insert_with(|| {
                let mut c = Collect::default();
                c.row.service_id = case.service_id.clone();
                c.row.service_name = case.service_name.clone();
                c
            });
            entry.add(case, waits);
            total.add(case, waits);
        }
        if case.status.is_open() && case.message_ms <= now_ms {
            let bucket = &mut buckets[age_bucket(calendar_days(case.message_ms, now_ms))];
            bucket.count += 1;
            let worked = hours.working_days(case.message_ms, now_ms);
            let ready = matches!(case.status, StatusKind::Issued | StatusKind::ReadyForPickup);
            let late = case
                .expected_days
                .filter(|&e| !ready && worked > i64::from(e));
            if let Some(expected) = late {
                bucket.overdue += 1;
                overdue.push(OverdueCase {
                    number: case.number.clone(),
                    service_name: case.service_name.clone(),
                    working_days: worked,
                    expected_days: expected,
                });
            }
        }
    }
    let mut rows: Vec<ReportRow> = per_service.into_values().map(Collect::finish).collect();
    rows.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then_with(|| a.service_name.cmp(&b.service_name))
    });
    overdue.sort_by(|a, b| {
        b.working_days
            .cmp(&a.working_days)
            .then_with(|| a.number.cmp(&b.number))
    });
    Report {
        period,
        now_ms,
        rows,
        total: total.finish(),
        open_by_age: buckets,
        overdue,
    }
}

/// `2`, `2,5`: Indonesian decimal comma, at most one decimal.
pub fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

/// `35 menit`, `5,5 jam`, `2,1 hari`.
pub fn minutes_text(minutes: f64) -> String {
    if minutes < 60.0 {
        format!("{} menit", number(minutes))
    } else if minutes < 48.0 * 60.0 {
        format!("{} jam", number(minutes / 60.0))
    } else {
        format!("{} hari", number(minutes / 1440.0))
    }
}

/// The words for the second figure, in words an official uses: "90% selesai dalam" from 10
/// cases up; with fewer cases the nearest-rank P90 is the longest one, said as "paling lama"
/// (a 90% of 4 cases means nothing to a reader).
pub fn spread_words(count: usize, done: &'static str) -> String {
    if count >= 10 {
        format!("90% {done} dalam")
    } else {
        "paling lama".to_string()
    }
}

/// `nilai tengah 3 hari kerja (4 hari kalender), 90% selesai dalam 6 hari kerja` (or
/// `paling lama 6 hari kerja` under 10 cases), or `belum ada`.
pub fn wait_text(wait: &Wait) -> String {
    match (
        wait.working_days.median,
        wait.working_days.p90,
        wait.calendar_days.median,
    ) {
        (Some(median), Some(p90), Some(calendar)) => format!(
            "nilai tengah {} hari kerja ({} hari kalender), {} {} hari kerja",
            number(median),
            number(calendar),
            spread_words(wait.working_days.count, "selesai"),
            number(p90)
        ),
        _ => "belum ada".to_string(),
    }
}

/// `nilai tengah 30 menit, 90% dibalas dalam 18 jam` (`paling lama` under 10 replies), `None`
/// before any reply: the summary and the Laporan screen say it the same way.
pub fn reply_text(minutes: &Stats) -> Option<String> {
    match (minutes.median, minutes.p90) {
        (Some(m), Some(p)) => Some(format!(
            "nilai tengah {}, {} {}",
            minutes_text(m),
            spread_words(minutes.count, "dibalas"),
            minutes_text(p)
        )),
        _ => None,
    }
}

/// The text sent to the kepala desa over WhatsApp: the same figures as the screen.
pub fn summary_text(report: &Report, village: &str) -> String {
    let t = &report.total;
    let mut lines = vec![
        format!("*Ringkasan layanan Desa {village}*"),
        report.period.label(),
        String::new(),
    ];
    let ooh = t
        .out_of_hours_percent()
        .map(|p| format!(" ({} di luar jam layanan, {}%)", t.out_of_hours, number(p)))
        .unwrap_or_default();
    lines.push(format!("Berkas masuk: {}{ooh}", t.received));
    lines.push(format!(
        "Selesai: {} · Dibatalkan: {} · Masih berjalan: {}",
        t.done, t.cancelled, t.open
    ));
    lines.push(format!("Lama sampai siap: {}", wait_text(&t.to_ready)));
    lines.push(format!("Lama sampai selesai: {}", wait_text(&t.to_done)));
    let reply = reply_text(&t.first_reply_minutes).unwrap_or_else(|| "belum ada".into());
    lines.push(format!("Balasan pertama: {reply}"));
    if !report.rows.is_empty() {
        lines.push(String::new());
        lines.push("Per layanan (masuk · selesai · nilai tengah sampai siap):".into());
        for row in report.rows.iter().take(8) {
            let median = row
                .to_ready
                .working_days
                .median
                .map(|m| format!("{} hari kerja", number(m)))
                .unwrap_or_else(|| "–".into());
            lines.push(format!(
                "- {}: {} · {} · {median}",
                row.service_name, row.received, row.done
            ));
        }
        if report.rows.len() > 8 {
            lines.push(format!("- dan {} layanan lain", report.rows.len() - 8));
        }
    }
    let open: usize = report.open_by_age.iter().map(|b| b.count).sum();
    lines.push(String::new());
    lines.push(format!(
        "Berkas terbuka saat ini: {open}, {} melewati perkiraan waktu.",
        report.overdue.len()
    ));
    lines.join("\n")
}

/// Errors writing CSV into memory (practically none, but never unwrapped).
#[derive(Debug, Error)]
#[error("CSV tidak bisa dibuat: {0}")]
pub struct CsvError(String);

impl From<csv::Error> for CsvError {
    fn from(e: csv::Error) -> Self {
        CsvError(e.to_string())
    }
}

/// UTF-8 with a byte-order mark (Excel needs it to read UTF-8), comma separated, Indonesian
/// headers, decimal point in numbers (so both LibreOffice and Excel read them as numbers).
fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, CsvError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| as_text(cell).into_owned()))?;
        }
        writer.flush().map_err(|e| CsvError(e.to_string()))?;
    }
    Ok(out)
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(...)` in a resident's name from a
/// shared message, `+`, `-`, `@`, or a tab/CR before them) gets a leading apostrophe, so Excel
/// and LibreOffice show it as text (OWASP "CSV injection"). The app's own numbers are never
/// negative, so no number is touched.
pub fn as_text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn opt(value: Option<f64>) -> String {
    value
        .map(|v| format!("{}", (v * 10.0).round() / 10.0))
        .unwrap_or_default()
}

fn opt_int(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn wib_cell(ms: Option<i64>) -> String {
    ms.and_then(to_wib)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub const SUMMARY_HEADER: [&str; 16] = [
    "Layanan",
    "Masuk",
    "Selesai",
    "Dibatalkan",
    "Masih berjalan",
    "Masuk di luar jam layanan",
    "Nilai tengah hari kerja sampai siap",
    "90% siap dalam (hari kerja)",
    "Nilai tengah hari kalender sampai siap",
    "90% siap dalam (hari kalender)",
    "Nilai tengah hari kerja sampai selesai",
    "90% selesai dalam (hari kerja)",
    "Nilai tengah hari kalender sampai selesai",
    "90% selesai dalam (hari kalender)",
    "Nilai tengah menit sampai balasan pertama",
    "90% dibalas dalam (menit)",
];

/// The summary as CSV: one line per service, then all services.
pub fn summary_csv(report: &Report) -> Result<Vec<u8>, CsvError> {
    let rows = report
        .rows
        .iter()
        .chain(std::iter::once(&report.total))
        .map(|r| {
            vec![
                r.service_name.clone(),
                r.received.to_string(),
                r.done.to_string(),
                r.cancelled.to_string(),
                r.open.to_string(),
                r.out_of_hours.to_string(),
                opt(r.to_ready.working_days.median),
                opt(r.to_ready.working_days.p90),
                opt(r.to_ready.calendar_days.median),
                opt(r.to_ready.calendar_days.p90),
                opt(r.to_done.working_days.median),
                opt(r.to_done.working_days.p90),
                opt(r.to_done.calendar_days.median),
                opt(r.to_done.calendar_days.p90),
                opt(r.first_reply_minutes.median),
                opt(r.first_reply_minutes.p90),
            ]
        })
        .collect();
    csv_bytes(&SUMMARY_HEADER, rows)
}

pub const CASES_HEADER: [&str; 14] = [
    "Nomor berkas",
    "Layanan",
    "Pesan masuk (WIB)",
    "Di luar jam layanan",
    "Status",
    "Balasan pertama (WIB)",
    "Siap (WIB)",
    "Selesai (WIB)",
    "Dibatalkan (WIB)",
    "Hari kerja sampai siap",
    "Hari kalender sampai siap",
    "Hari kerja sampai selesai",
    "Hari kalender sampai selesai",
    "Menit sampai balasan pertama",
];

/// The contact columns an export may add when the official asks for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    /// `+62 812-3456-7890`, or empty.
    pub phone: String,
    /// Masked (`3509••••••••0001`), or empty: a full NIK never leaves in an export.
    pub nik_masked: String,
}

/// Extra columns of [`cases_csv_with_contacts`].
pub const CONTACT_HEADER: [&str; 3] = ["Nama warga", "Nomor WhatsApp", "NIK (disamarkan)"];

/// The cases of the period as CSV, without personal data (number and service only).
pub fn cases_csv(
    cases: &[CaseFacts],
    period: Period,
    hours: &OfficeHours,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, hours, None);
    csv_bytes(&header, rows)
}

/// [`cases_csv`] plus name, WhatsApp number and masked NIK of each case (by case number), for
/// when the official explicitly asked for contact data.
pub fn cases_csv_with_contacts(
    cases: &[CaseFacts],
    period: Period,
    hours: &OfficeHours,
    contacts: &std::collections::BTreeMap<String, Contact>,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, hours, Some(contacts));
    csv_bytes(&header, rows)
}

fn case_rows(
    cases: &[CaseFacts],
    period: Period,
    hours: &OfficeHours,
    contacts: Option<&std::collections::BTreeMap<String, Contact>>,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut selected: Vec<&CaseFacts> = cases
        .iter()
        .filter(|c| period.contains_ms(c.message_ms))
        .collect();
    selected.sort_by(|a, b| {
        a.message_ms
            .cmp(&b.message_ms)
            .then_with(|| a.number.cmp(&b.number))
    });
    let rows = selected
        .into_iter()
        .map(|c| {
            let w = c.waits(hours);
            let mut row = vec![
                c.number.clone(),
                c.service_name.clone(),
                wib_cell(Some(c.message_ms)),
                if c.out_of_hours { "ya" } else { "tidak" }.to_string(),
                c.status.label().to_string(),
                wib_cell(c.first_reply_ms),
                wib_cell(c.ready_at()),
                wib_cell(c.done_ms),
                wib_cell(c.cancelled_ms),
                opt_int(w.ready_working),
                opt_int(w.ready_calendar),
                opt_int(w.done_working),
                opt_int(w.done_calendar),
                opt_int(w.first_reply_minutes),
            ];
            if let Some(contacts) = contacts {
                let contact = contacts.get(&c.number).cloned().unwrap_or_default();
                row.extend([contact.name, contact.phone, contact.nik_masked]);
            }
            row
        })
        .collect();
    let mut header = CASES_HEADER.to_vec();
    if contacts.is_some() {
        header.extend(CONTACT_HEADER);
    }
    (header, rows)
}

//! Waiting-time reports: from the facts of each case (when the resident wrote, its status
//! changes, first reply, ready, done, cancelled) and the office hours, the numbers of the
//! Laporan screen, of `layanan-desa report`, of the CSV export and of the summary sent to the
//! kepala desa. One computation feeds all four, so they cannot disagree. Pure: "now" is a
//! parameter.
//!
//! Definitions (also in the README):
//! - **Pesan masuk** (`message_ms`): when the resident wrote.
//! - **Ready** is the first time a case reached Dokumen terbit, Siap diambil or Selesai.
//! - The period selects cases by the WIB date of their Pesan masuk ("berkas yang masuk",
//!   [`Basis::Written`]) or of their ready moment ("berkas yang siap", [`Basis::Ready`]), both
//!   ends included.
//! - **Spans in Belum lengkap**: from each change to Belum lengkap to the next change to another
//!   status (or to ready, or to now for an open case). The case then waits for the resident.
//! - **Office time** ("waktu di kantor"): the office's working days from Pesan masuk to ready
//!   without the spans in Belum lengkap, on the office's clock (`OfficeHours::office_days`):
//!   only opening hours count, each working day by the share of its hours, so the count starts
//!   at the next opening after the message and nights, weekends and holidays add nothing.
//! - **At the village / outside** ("di desa" / "di luar desa"): office time until the first
//!   Diproses at another place (J-Lahbako, kecamatan, Dispendukcapil, another office), and
//!   after it. The village controls the first part.
//! - **Resident time** ("waktu di warga"): the length of the spans in Belum lengkap before
//!   ready, in days of 24 hours.
//! - **Resident's wait** ("lama bagi warga"): calendar days from Pesan masuk to ready, the
//!   difference of the two WIB dates.
//! - **First reply**: minutes the office was open between Pesan masuk and the first message
//!   sent from the case (`OfficeHours::open_minutes`); for the cases written outside office
//!   hours also in wall-clock minutes.
//! - **Median**: the middle value of the sorted list; with an even count, the mean of the two
//!   middle values.
//! - **P90** (90th percentile), nearest rank: the value at rank ⌈0.9 × n⌉ of the list sorted
//!   from small to large, so at least 90% of the cases took that long or less. Under 10 cases
//!   that is the longest one and is said "paling lama".
//! - **n**: every wait says how many ready cases it is of and how many of the period's cases
//!   are still open; when more than half are open the report says the waits are not yet
//!   representative.
//! - **Before and after**: the period is compared with the one before it (the previous
//!   calendar month for a calendar month, otherwise as many days just before) by the median
//!   office time, in words, only when both have at least [`MIN_COMPARED`] ready cases.
//! - **Open cases by age** are a snapshot at "now" of every open case, whatever its period: age
//!   in calendar days since Pesan masuk (0–2, 3–7, 8–14, >14); **overdue** when its office time
//!   so far (a running Belum lengkap span counted out) exceeds the longest processing duration
//!   the catalog gives for its service and it is not yet ready.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use thiserror::Error;

use super::case::{Stage, StatusKind};
use super::hours::{long_date, OfficeHours};
use super::time::to_wib;

/// One status change of a case, as the report reads the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusStep {
    pub at_ms: i64,
    pub status: StatusKind,
    pub stage: Option<Stage>,
}

/// What a report needs of one case; the store reads it from the case and its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub number: String,
    pub service_id: String,
    pub service_name: String,
    /// Pesan masuk: when the resident wrote.
    pub message_ms: i64,
    pub out_of_hours: bool,
    pub status: StatusKind,
    pub first_reply_ms: Option<i64>,
    pub ready_ms: Option<i64>,
    pub done_ms: Option<i64>,
    pub cancelled_ms: Option<i64>,
    /// The longest processing duration in working days the catalog gives, when it gives one
    /// (a lead time such as izin keramaian's is not one).
    pub expected_days: Option<u16>,
    /// The first Diproses at a place other than the village.
    pub left_village_ms: Option<i64>,
    /// The spans in Belum lengkap, `(start, end)`; the last one has no end while it lasts.
    pub incomplete: Vec<(i64, Option<i64>)>,
}

/// What the report reads of a case's status changes (in any order): the spans in Belum
/// lengkap, from each change to Belum lengkap after another status (or as the first change)
/// to the next change to another status, and the first Diproses at a place other than the
/// village. The store keeps the same on the case row; a test holds the two together.
pub fn status_facts(steps: &[StatusStep]) -> StatusFacts {
    let mut steps = steps.to_vec();
    steps.sort_by_key(|s| s.at_ms);
    let mut spans = Vec::new();
    let mut since: Option<i64> = None;
    for step in &steps {
        match (step.status == StatusKind::Incomplete, since) {
            (true, None) => since = Some(step.at_ms),
            (false, Some(start)) => {
                spans.push((start, Some(step.at_ms)));
                since = None;
            }
            _ => {}
        }
    }
    if let Some(start) = since {
        spans.push((start, None));
    }
    let left = steps
        .iter()
        .filter(|s| {
            s.status == StatusKind::InProcess
                && s.stage.is_some_and(|stage| stage != Stage::Village)
        })
        .map(|s| s.at_ms)
        .min();
    StatusFacts {
        incomplete: spans,
        left_village_ms: left,
    }
}

/// See [`status_facts`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatusFacts {
    /// `(start, end)`, the last without an end while it lasts.
    pub incomplete: Vec<(i64, Option<i64>)>,
    pub left_village_ms: Option<i64>,
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

    /// A whole calendar month?
    pub fn is_month(&self) -> bool {
        Period::month_of(self.from) == *self
    }

    /// The period compared with this one: the month before a calendar month, otherwise as many
    /// days just before it.
    pub fn previous(&self) -> Period {
        let before = self.from.pred_opt().unwrap_or(self.from);
        if self.is_month() {
            return Period::month_of(before);
        }
        let days = (self.to - self.from).num_days();
        Period {
            from: before
                .checked_sub_signed(Duration::days(days))
                .unwrap_or(before),
            to: before,
        }
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

/// Which cases a period holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Basis {
    /// "Berkas yang masuk": Pesan masuk in the period.
    #[default]
    Written,
    /// "Berkas yang siap": ready in the period.
    Ready,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Written => "masuk",
            Basis::Ready => "siap",
        }
    }

    pub fn from_key(key: &str) -> Option<Basis> {
        match key.trim() {
            "masuk" => Some(Basis::Written),
            "siap" => Some(Basis::Ready),
            _ => None,
        }
    }

    /// `berkas yang masuk`, `berkas yang siap`.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Written => "berkas yang masuk",
            Basis::Ready => "berkas yang siap",
        }
    }
}

/// A period and which of its cases: what a report is asked for. A bare period means the cases
/// written in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub period: Period,
    pub basis: Basis,
}

impl From<Period> for Scope {
    fn from(period: Period) -> Scope {
        Scope {
            period,
            basis: Basis::Written,
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
    pub fn of(values: &[f64]) -> Stats {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        if n == 0 {
            return Stats::default();
        }
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        // Nearest rank ⌈0.9 n⌉, 1-based; integer arithmetic avoids float rounding at n = 10.
        let rank = (9 * n).div_ceil(10).max(1);
        Stats {
            count: n,
            median: Some(median),
            p90: Some(sorted[rank - 1]),
        }
    }

    /// [`Stats::of`] whole numbers (minutes, calendar days).
    pub fn of_whole(values: &[i64]) -> Stats {
        Stats::of(&values.iter().map(|&v| v as f64).collect::<Vec<_>>())
    }
}

/// One line of the report: a service, or all services together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRow {
    pub service_id: String,
    pub service_name: String,
    /// The cases of the period (by the report's basis).
    pub cases: usize,
    /// Of them, ready (Dokumen terbit, Siap diambil or Selesai at some time).
    pub ready: usize,
    pub done: usize,
    pub cancelled: usize,
    pub open: usize,
    pub out_of_hours: usize,
    /// Office time to ready, in working days.
    pub office: Stats,
    /// Of it, at the village and outside it (only cases that left the village).
    pub village: Stats,
    pub outside: Stats,
    /// Time in Belum lengkap before ready, in days of 24 hours (every ready case, 0 included).
    pub resident: Stats,
    /// The resident's wait to ready, in calendar days.
    pub calendar: Stats,
    /// Office minutes from Pesan masuk to the first reply.
    pub first_reply: Stats,
    /// Wall-clock minutes to the first reply of the cases written outside office hours.
    pub first_reply_out_of_hours: Stats,
}

impl ReportRow {
    /// Share of requests written outside office hours, 0–100.
    pub fn out_of_hours_percent(&self) -> Option<f64> {
        (self.cases > 0).then(|| 100.0 * self.out_of_hours as f64 / self.cases as f64)
    }

    /// More than half of the period's cases still open: the waits are not yet representative.
    pub fn mostly_open(&self) -> bool {
        self.cases > 0 && self.open * 2 > self.cases
    }
}

/// One age group of the open cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeBucket {
    pub label: &'static str,
    pub count: usize,
    pub overdue: usize,
}

/// An open case past its service's longest processing duration, on office time.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueCase {
    pub number: String,
    pub service_name: String,
    /// Office time so far, in working days.
    pub office_days: f64,
    pub expected_days: u16,
}

/// The period before, for the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub period: Period,
    pub total: ReportRow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub basis: Basis,
    pub now_ms: i64,
    /// Services with at least one case in the period, most requested first.
    pub rows: Vec<ReportRow>,
    pub total: ReportRow,
    pub previous: Previous,
    pub open_by_age: Vec<AgeBucket>,
    pub overdue: Vec<OverdueCase>,
}

pub const AGE_LABELS: [&str; 4] = ["0–2 hari", "3–7 hari", "8–14 hari", "> 14 hari"];

/// Ready cases each period needs before the report compares them in words.
pub const MIN_COMPARED: usize = 10;

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

const DAY_MS: f64 = 86_400_000.0;

/// Per-case figures, shared by the report and the case CSV. `None` where the case has not
/// reached the milestone.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CaseWaits {
    pub office_days: Option<f64>,
    pub village_days: Option<f64>,
    /// `None` also when the case never left the village.
    pub outside_days: Option<f64>,
    pub resident_days: Option<f64>,
    pub calendar_days: Option<i64>,
    pub first_reply_office_minutes: Option<i64>,
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

    /// The spans in Belum lengkap between Pesan masuk and `end`, in order, clipped to them
    /// (a span still open ends at `end`).
    pub fn incomplete_spans(&self, end: i64) -> Vec<(i64, i64)> {
        let mut spans: Vec<(i64, i64)> = self
            .incomplete
            .iter()
            .map(|&(a, b)| (a.max(self.message_ms), b.unwrap_or(end).min(end)))
            .filter(|(a, b)| b > a)
            .collect();
        spans.sort_unstable();
        spans
    }

    /// When the case first went to be processed at another place than the village.
    pub fn left_village_at(&self) -> Option<i64> {
        self.left_village_ms
    }

    /// The stretches of `[Pesan masuk, end)` the case was with the office: outside the spans
    /// in Belum lengkap.
    fn with_office(&self, end: i64) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let mut at = self.message_ms;
        for (a, b) in self.incomplete_spans(end) {
            if a > at {
                out.push((at, a));
            }
            at = at.max(b);
        }
        if end > at {
            out.push((at, end));
        }
        out
    }

    /// Office time from Pesan masuk to `end`, split at the first Diproses outside the
    /// village: `(at the village, outside)`.
    fn office_time(&self, end: i64, hours: &OfficeHours) -> (f64, Option<f64>) {
        let left = self.left_village_at().filter(|&t| t < end);
        let split = left.unwrap_or(end);
        let (mut village, mut outside) = (0.0, 0.0);
        for (a, b) in self.with_office(end) {
            village += hours.office_days(a, b.min(split));
            outside += hours.office_days(a.max(split), b);
        }
        (village, left.map(|_| outside))
    }

    /// Office time so far at `now_ms` (for an open case).
    pub fn office_days_until(&self, now_ms: i64, hours: &OfficeHours) -> f64 {
        let (village, outside) = self.office_time(now_ms, hours);
        village + outside.unwrap_or(0.0)
    }

    pub fn waits(&self, hours: &OfficeHours) -> CaseWaits {
        let message = self.message_ms;
        let ready = self.ready_at().filter(|&t| t >= message);
        let office = ready.map(|t| self.office_time(t, hours));
        let resident = ready.map(|t| {
            self.incomplete_spans(t)
                .iter()
                .map(|(a, b)| (b - a) as f64 / DAY_MS)
                // From +0.0: an empty f64 sum is -0.0, which a CSV would print as "-0".
                .fold(0.0, |sum, d| sum + d)
        });
        CaseWaits {
            office_days: office.map(|(v, o)| v + o.unwrap_or(0.0)),
            village_days: office.map(|(v, _)| v),
            outside_days: office.and_then(|(_, o)| o),
            resident_days: resident,
            calendar_days: ready.map(|t| calendar_days(message, t)),
            first_reply_office_minutes: self.first_reply_ms.map(|t| hours.open_minutes(message, t)),
            first_reply_minutes: self.first_reply_ms.map(|t| (t - message).max(0) / 60_000),
        }
    }

    /// `Some` when this open case, not yet ready, has been with the office longer than its
    /// service's processing duration (office time so far, a running Belum lengkap span
    /// counted out).
    pub fn overdue(&self, hours: &OfficeHours, now_ms: i64) -> Option<OverdueCase> {
        let ready = self.ready_at().is_some()
            || matches!(self.status, StatusKind::Issued | StatusKind::ReadyForPickup);
        if !self.status.is_open() || ready || self.message_ms > now_ms {
            return None;
        }
        let expected = self.expected_days?;
        let office_days = self.office_days_until(now_ms, hours);
        (office_days > f64::from(expected)).then(|| OverdueCase {
            number: self.number.clone(),
            service_name: self.service_name.clone(),
            office_days,
            expected_days: expected,
        })
    }

    /// The moment that places the case in a period of this basis.
    fn dated(&self, basis: Basis) -> Option<i64> {
        match basis {
            Basis::Written => Some(self.message_ms),
            Basis::Ready => self.ready_at(),
        }
    }
}

#[derive(Default)]
struct Collect {
    row: ReportRow,
    office: Vec<f64>,
    village: Vec<f64>,
    outside: Vec<f64>,
    resident: Vec<f64>,
    calendar: Vec<f64>,
    first_reply: Vec<f64>,
    first_reply_out_of_hours: Vec<f64>,
}

impl Collect {
    fn add(&mut self, case: &CaseFacts, waits: CaseWaits) {
        let row = &mut self.row;
        row.cases += 1;
        match case.status {
            StatusKind::Done => row.done += 1,
            StatusKind::Cancelled => row.cancelled += 1,
            _ => row.open += 1,
        }
        row.ready += usize::from(waits.office_days.is_some());
        row.out_of_hours += usize::from(case.out_of_hours);
        self.office.extend(waits.office_days);
        self.village.extend(waits.village_days);
        self.outside.extend(waits.outside_days);
        self.resident.extend(waits.resident_days);
        self.calendar.extend(waits.calendar_days.map(|d| d as f64));
        self.first_reply
            .extend(waits.first_reply_office_minutes.map(|m| m as f64));
        if case.out_of_hours {
            self.first_reply_out_of_hours
                .extend(waits.first_reply_minutes.map(|m| m as f64));
        }
    }

    fn finish(mut self) -> ReportRow {
        self.row.office = Stats::of(&self.office);
        self.row.village = Stats::of(&self.village);
        self.row.outside = Stats::of(&self.outside);
        self.row.resident = Stats::of(&self.resident);
        self.row.calendar = Stats::of(&self.calendar);
        self.row.first_reply = Stats::of(&self.first_reply);
        self.row.first_reply_out_of_hours = Stats::of(&self.first_reply_out_of_hours);
        self.row
    }
}

fn total_of<'a>(cases: impl Iterator<Item = &'a CaseFacts>, hours: &OfficeHours) -> ReportRow {
    let mut total = Collect::default();
    total.row.service_name = "Semua layanan".into();
    for case in cases {
        total.add(case, case.waits(hours));
    }
    total.finish()
}

/// The report for `period` (cases chosen by `basis`) as seen at `now_ms`. `cases` may hold
/// more than the period (the period before it, open cases): each part picks its own.
pub fn build(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
    now_ms: i64,
) -> Report {
    let mut per_service: BTreeMap<&str, Collect> = BTreeMap::new();
    let mut buckets: Vec<AgeBucket> = AGE_LABELS
        .iter()
        .map(|&label| AgeBucket {
            label,
            count: 0,
            overdue: 0,
        })
        .collect();
    let mut overdue = Vec::new();
    let in_period =
        |case: &&CaseFacts, p: Period| case.dated(basis).is_some_and(|t| p.contains_ms(t));
    let mut total = Collect::default();
    total.row.service_name = "Semua layanan".into();
    for case in cases.iter().filter(|c| in_period(c, period)) {
        let entry = per_service.entry(&case.service_id).or_insert_with(|| {
            let mut c = Collect::default();
            c.row.service_id = case.service_id.clone();
            c.row.service_name = case.service_name.clone();
            c
        });
        let waits = case.waits(hours);
        entry.add(case, waits);
        total.add(case, waits);
    }
    for case in cases {
        if !(case.status.is_open() && case.message_ms <= now_ms) {
            continue;
        }
        let bucket = &mut buckets[age_bucket(calendar_days(case.message_ms, now_ms))];
        bucket.count += 1;
        if let Some(late) = case.overdue(hours, now_ms) {
            bucket.overdue += 1;
            overdue.push(late);
        }
    }
    let mut rows: Vec<ReportRow> = per_service.into_values().map(Collect::finish).collect();
    rows.sort_by(|a, b| {
        b.cases
            .cmp(&a.cases)
            .then_with(|| a.service_name.cmp(&b.service_name))
    });
    overdue.sort_by(|a, b| {
        b.office_days
            .total_cmp(&a.office_days)
            .then_with(|| a.number.cmp(&b.number))
    });
    let before = period.previous();
    Report {
        period,
        basis,
        now_ms,
        rows,
        total: total.finish(),
        previous: Previous {
            period: before,
            total: total_of(cases.iter().filter(|c| in_period(c, before)), hours),
        },
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

/// Wall-clock minutes: `35 menit`, `5,5 jam`, `2,1 hari`.
pub fn minutes_text(minutes: f64) -> String {
    if minutes < 60.0 {
        format!("{} menit", number(minutes))
    } else if minutes < 48.0 * 60.0 {
        format!("{} jam", number(minutes / 60.0))
    } else {
        format!("{} hari", number(minutes / 1440.0))
    }
}

/// Office minutes: `35 menit`, `14 jam` (hours the office was open; never "days").
pub fn office_minutes_text(minutes: f64) -> String {
    if minutes < 60.0 {
        format!("{} menit", number(minutes))
    } else {
        format!("{} jam", number(minutes / 60.0))
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

/// `nilai tengah 1,5 hari kerja, 90% siap dalam 3 hari kerja` (`paling lama` under 10), or
/// `None` when the list is empty. `unit` formats one value.
pub fn stats_text(
    stats: &Stats,
    done: &'static str,
    unit: &dyn Fn(f64) -> String,
) -> Option<String> {
    match (stats.median, stats.p90) {
        (Some(median), Some(p90)) => Some(format!(
            "nilai tengah {}, {} {}",
            unit(median),
            spread_words(stats.count, done),
            unit(p90)
        )),
        _ => None,
    }
}

fn working_days(v: f64) -> String {
    format!("{} hari kerja", number(v))
}

fn days(v: f64) -> String {
    format!("{} hari", number(v))
}

fn calendar(v: f64) -> String {
    format!("{} hari kalender", number(v))
}

/// `dari 42 berkas yang sudah siap; 7 masih berjalan`.
pub fn n_text(row: &ReportRow) -> String {
    format!(
        "dari {} berkas yang sudah siap; {} masih berjalan",
        row.ready, row.open
    )
}

/// The wait lines of a row, as `(label, text)`, in the order the screen and the summary
/// show them: office time (with its n), at the village, outside, the resident's time, the
/// resident's whole wait, first reply, first reply to out-of-hours messages.
pub fn wait_lines(row: &ReportRow) -> Vec<(&'static str, String)> {
    let none = || "belum ada berkas yang sudah siap".to_string();
    let office = match stats_text(&row.office, "siap", &working_days) {
        Some(text) => format!("{text} ({})", n_text(row)),
        None => format!("{} ({} masih berjalan)", none(), row.open),
    };
    let mut lines = vec![("Waktu di kantor sampai siap", office)];
    if let Some(text) = stats_text(&row.village, "siap", &working_days) {
        lines.push(("  di desa", text));
    }
    if let Some(text) = stats_text(&row.outside, "siap", &working_days) {
        lines.push((
            "  di luar desa",
            format!("{text} ({} berkas diteruskan)", row.outside.count),
        ));
    }
    lines.push((
        "Waktu di warga (Belum lengkap)",
        stats_text(&row.resident, "dilengkapi", &days).unwrap_or_else(none),
    ));
    lines.push((
        "Lama bagi warga sampai siap",
        stats_text(&row.calendar, "siap", &calendar).unwrap_or_else(none),
    ));
    lines.push((
        "Balasan pertama (jam kantor)",
        stats_text(&row.first_reply, "dibalas", &office_minutes_text)
            .map(|t| {
                format!(
                    "{t} (dari {} berkas yang sudah dibalas)",
                    row.first_reply.count
                )
            })
            .unwrap_or_else(|| "belum ada balasan".into()),
    ));
    if let Some(text) = stats_text(&row.first_reply_out_of_hours, "dibalas", &minutes_text) {
        lines.push((
            "Pesan di luar jam layanan dibalas (jam dinding)",
            format!(
                "{text} (dari {} berkas)",
                row.first_reply_out_of_hours.count
            ),
        ));
    }
    lines
}

/// How the previous period is named: `bulan lalu`, or `periode sebelumnya (1–15 November 2026)`.
pub fn previous_name(report: &Report) -> String {
    if report.period.is_month() {
        "bulan lalu".to_string()
    } else {
        format!("periode sebelumnya ({})", report.previous.period.label())
    }
}

/// Before and after, in words: `Waktu di kantor lebih cepat 1,5 hari kerja dari bulan lalu
/// (nilai tengah 2 → 0,5 hari kerja).`, or why there is no comparison yet.
pub fn comparison_text(report: &Report) -> String {
    let (now, before) = (&report.total.office, &report.previous.total.office);
    let name = previous_name(report);
    match (now.median, before.median) {
        (Some(m), Some(b)) if now.count >= MIN_COMPARED && before.count >= MIN_COMPARED => {
            let change = number((b - m).abs());
            let figures = format!("nilai tengah {} → {} hari kerja", number(b), number(m));
            if change == "0" {
                format!("Waktu di kantor sama dengan {name} ({figures}).")
            } else if m < b {
                format!("Waktu di kantor lebih cepat {change} hari kerja dari {name} ({figures}).")
            } else {
                format!("Waktu di kantor lebih lambat {change} hari kerja dari {name} ({figures}).")
            }
        }
        _ => format!(
            "Belum dibandingkan dengan {name}: perlu sedikitnya {MIN_COMPARED} berkas yang sudah \
             siap di kedua periode (sekarang {}, sebelumnya {}).",
            now.count, before.count
        ),
    }
}

/// The warning when most of the period's cases are still open, or `None`.
pub fn mostly_open_text(row: &ReportRow) -> Option<String> {
    row.mostly_open().then(|| {
        format!(
            "Sebagian besar berkas periode ini masih berjalan ({} dari {}): waktu tunggunya belum \
             terhitung, jadi angka di atas bisa tampak lebih cepat dari kenyataan.",
            row.open, row.cases
        )
    })
}

/// The text sent to the kepala desa over WhatsApp: the same figures as the screen.
pub fn summary_text(report: &Report, village: &str) -> String {
    let t = &report.total;
    let mut lines = vec![
        format!("*Ringkasan layanan Desa {village}*"),
        format!("{} · {}", report.period.label(), report.basis.label()),
        String::new(),
    ];
    let ooh = t
        .out_of_hours_percent()
        .map(|p| format!(" ({} di luar jam layanan, {}%)", t.out_of_hours, number(p)))
        .unwrap_or_default();
    let counted = match report.basis {
        Basis::Written => "Berkas masuk",
        Basis::Ready => "Berkas siap",
    };
    lines.push(format!("{counted}: {}{ooh}", t.cases));
    lines.push(format!(
        "Sudah siap: {} · Selesai: {} · Dibatalkan: {} · Masih berjalan: {}",
        t.ready, t.done, t.cancelled, t.open
    ));
    for (label, text) in wait_lines(t) {
        match label.strip_prefix("  ") {
            Some(sub) => lines.push(format!("- {sub}: {text}")),
            None => lines.push(format!("{label}: {text}")),
        }
    }
    lines.push(comparison_text(report));
    lines.extend(mostly_open_text(t));
    if !report.rows.is_empty() {
        lines.push(String::new());
        lines.push("Per layanan (berkas · siap · nilai tengah waktu di kantor):".into());
        for row in report.rows.iter().take(8) {
            let median = row
                .office
                .median
                .map(working_days)
                .unwrap_or_else(|| "–".into());
            lines.push(format!(
                "- {}: {} · {} · {median}",
                row.service_name, row.cases, row.ready
            ));
        }
        if report.rows.len() > 8 {
            lines.push(format!("- dan {} layanan lain", report.rows.len() - 8));
        }
    }
    let open: usize = report.open_by_age.iter().map(|b| b.count).sum();
    lines.push(String::new());
    lines.push(format!(
        "Berkas terbuka saat ini: {open}, {} melewati perkiraan waktu (dihitung dengan jam kantor).",
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
fn csv_bytes(header: &[String], rows: Vec<Vec<String>>) -> Result<Vec<u8>, CsvError> {
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

/// A number with at most `places` decimals and a decimal point; empty for none.
fn decimal(value: Option<f64>, places: i32) -> String {
    let scale = 10f64.powi(places);
    // `+ 0.0` turns a -0.0 into 0.
    value
        .map(|v| format!("{}", (v * scale).round() / scale + 0.0))
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

/// The waits of the summary CSV: `(name, unit, figure of a row)`; each gives three columns
/// (median, P90, n).
type Figure = fn(&ReportRow) -> &Stats;

const SUMMARY_WAITS: [(&str, &str, Figure); 7] = [
    ("waktu di kantor sampai siap", "hari kerja", |r| &r.office),
    ("di desa", "hari kerja", |r| &r.village),
    ("di luar desa", "hari kerja", |r| &r.outside),
    ("waktu di warga (Belum lengkap)", "hari", |r| &r.resident),
    ("lama bagi warga sampai siap", "hari kalender", |r| {
        &r.calendar
    }),
    ("balasan pertama", "menit jam kantor", |r| &r.first_reply),
    (
        "balasan pesan di luar jam layanan",
        "menit jam dinding",
        |r| &r.first_reply_out_of_hours,
    ),
];

/// The summary CSV's header.
pub fn summary_header() -> Vec<String> {
    let mut header: Vec<String> = [
        "Periode",
        "Berkas menurut",
        "Layanan",
        "Berkas",
        "Sudah siap",
        "Selesai",
        "Dibatalkan",
        "Masih berjalan",
        "Di luar jam layanan",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (name, unit, _) in SUMMARY_WAITS {
        header.push(format!("Nilai tengah {name} ({unit})"));
        header.push(format!("P90 {name} ({unit})"));
        header.push(format!("Jumlah berkas {name}"));
    }
    header
}

/// The summary as CSV: one line per service, all services, then all services in the period
/// before (for the comparison).
pub fn summary_csv(report: &Report) -> Result<Vec<u8>, CsvError> {
    let line = |period: &Period, r: &ReportRow| {
        let mut cells = vec![
            format!("{} s/d {}", period.from, period.to),
            report.basis.label().to_string(),
            r.service_name.clone(),
            r.cases.to_string(),
            r.ready.to_string(),
            r.done.to_string(),
            r.cancelled.to_string(),
            r.open.to_string(),
            r.out_of_hours.to_string(),
        ];
        for (_, _, figure) in SUMMARY_WAITS {
            let stats = figure(r);
            cells.push(decimal(stats.median, 2));
            cells.push(decimal(stats.p90, 2));
            cells.push(stats.count.to_string());
        }
        cells
    };
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .chain(std::iter::once(&report.total))
        .map(|r| line(&report.period, r))
        .collect();
    let mut before = report.previous.total.clone();
    before.service_name = "Semua layanan (periode sebelumnya)".into();
    rows.push(line(&report.previous.period, &before));
    csv_bytes(&summary_header(), rows)
}

pub const CASES_HEADER: [&str; 17] = [
    "Nomor berkas",
    "Layanan",
    "Pesan masuk (WIB)",
    "Di luar jam layanan",
    "Status",
    "Balasan pertama (WIB)",
    "Siap (WIB)",
    "Selesai (WIB)",
    "Dibatalkan (WIB)",
    "Diteruskan keluar desa (WIB)",
    "Waktu di kantor (hari kerja)",
    "Di desa (hari kerja)",
    "Di luar desa (hari kerja)",
    "Waktu di warga (hari)",
    "Lama bagi warga (hari kalender)",
    "Balasan pertama (menit jam kantor)",
    "Balasan pertama (menit jam dinding)",
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

/// The cases of the period (by `basis`) as CSV, without personal data (number and service
/// only).
pub fn cases_csv(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, basis, hours, None);
    csv_bytes(&header, rows)
}

/// [`cases_csv`] plus name, WhatsApp number and masked NIK of each case (by case number), for
/// when the official explicitly asked for contact data.
pub fn cases_csv_with_contacts(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
    contacts: &std::collections::BTreeMap<String, Contact>,
) -> Result<Vec<u8>, CsvError> {
    let (header, rows) = case_rows(cases, period, basis, hours, Some(contacts));
    csv_bytes(&header, rows)
}

fn case_rows(
    cases: &[CaseFacts],
    period: Period,
    basis: Basis,
    hours: &OfficeHours,
    contacts: Option<&std::collections::BTreeMap<String, Contact>>,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut selected: Vec<&CaseFacts> = cases
        .iter()
        .filter(|c| c.dated(basis).is_some_and(|t| period.contains_ms(t)))
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
            let left = c
                .left_village_at()
                .filter(|&t| c.ready_at().is_none_or(|r| t < r));
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
                wib_cell(left),
                decimal(w.office_days, 2),
                decimal(w.village_days, 2),
                decimal(w.outside_days, 2),
                decimal(w.resident_days, 2),
                opt_int(w.calendar_days),
                opt_int(w.first_reply_office_minutes),
                opt_int(w.first_reply_minutes),
            ];
            if let Some(contacts) = contacts {
                let contact = contacts.get(&c.number).cloned().unwrap_or_default();
                row.extend([contact.name, contact.phone, contact.nik_masked]);
            }
            row
        })
        .collect();
    let mut header: Vec<String> = CASES_HEADER.iter().map(|s| s.to_string()).collect();
    if contacts.is_some() {
        header.extend(CONTACT_HEADER.iter().map(|s| s.to_string()));
    }
    (header, rows)
}

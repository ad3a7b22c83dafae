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

mod csv_export;
mod period;
mod words;

pub use csv_export::*;
pub use period::*;
pub use words::*;

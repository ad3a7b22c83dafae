//! Office hours in WIB: a weekly schedule of open spans per weekday (a break is the gap between
//! two spans, a span may run past midnight), the holidays the office enters or imports, and what
//! follows from them: open or closed at a moment, the next opening, working days between two
//! moments, and the texts `{jam_layanan}` and `{hari_buka}`. Times are UTC milliseconds, read in
//! WIB whatever zone the phone is set to. Pure: "now" is always a parameter.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Weekday};
use thiserror::Error;

use super::time::{to_wib, WIB};

mod holidays;

pub use holidays::{parse_date, parse_holidays, HolidayError};

/// Monday first, as Indonesian calendars print the week.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

const DAY_NAMES: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const MONTH_NAMES: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const DAY_MINUTES: u16 = 24 * 60;
/// How far ahead `next_opening` looks: a year and a bit covers any run of holidays.
const LOOKAHEAD_DAYS: i64 = 400;

pub fn day_name(day: Weekday) -> &'static str {
    DAY_NAMES[day.num_days_from_monday() as usize]
}

/// `30 November 2026`.
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTH_NAMES[date.month0() as usize],
        date.year()
    )
}

/// One open span of a day, in minutes from that day's midnight (WIB). `end` is past `start`;
/// above 24.00 it runs into the next day (a night shift `22.00–02.00` is 1320..1560).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    start: u16,
    end: u16,
}

impl Span {
    pub fn new(start: u16, end: u16) -> Result<Span, HoursError> {
        if start >= DAY_MINUTES || end <= start || end - start > DAY_MINUTES {
            return Err(HoursError::BadSpan(format!(
                "{}–{}",
                clock(start),
                clock(end)
            )));
        }
        Ok(Span { start, end })
    }

    pub fn start(self) -> u16 {
        self.start
    }

    pub fn end(self) -> u16 {
        self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", clock(self.start), clock(self.end))
    }
}

/// `08.00`, the Indonesian way; minutes past midnight wrap to the next day's clock.
fn clock(minutes: u16) -> String {
    let m = minutes % DAY_MINUTES;
    format!("{:02}.{:02}", m / 60, m % 60)
}

/// Why a schedule or a holiday could not be read; one Indonesian sentence each.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoursError {
    #[error("Jam \"{0}\" tidak dikenal. Tulis seperti 08.00–14.00.")]
    BadTime(String),
    #[error("Rentang jam \"{0}\" tidak masuk akal: jam tutup harus sesudah jam buka.")]
    BadSpan(String),
    #[error("Jam {day} bertumpuk: {first} dan {second}.")]
    Overlap {
        day: &'static str,
        first: String,
        second: String,
    },
    #[error(
        "Hari \"{0}\" tidak dikenal. Tulis Senin, Selasa, Rabu, Kamis, Jumat, Sabtu atau Minggu."
    )]
    BadDay(String),
    #[error("Baris \"{0}\" tidak dikenal. Tulis seperti \"Senin: 08.00–14.00\".")]
    BadLine(String),
    #[error("Hari {0} ditulis dua kali.")]
    DuplicateDay(&'static str),
}

/// The open spans of each weekday, Monday first. A day without spans is closed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    days: [Vec<Span>; 7],
}

impl Schedule {
    /// Senin–Kamis 08.00–14.00 and Jumat 08.00–11.00: what the office confirms or corrects on
    /// first start (no published rule for Jember villages exists).
    pub fn suggested() -> Schedule {
        let mut schedule = Schedule::default();
        for day in 0..4 {
            schedule.days[day] = vec![Span {
                start: 8 * 60,
                end: 14 * 60,
            }];
        }
        schedule.days[4] = vec![Span {
            start: 8 * 60,
            end: 11 * 60,
        }];
        schedule
    }

    pub fn day(&self, day: Weekday) -> &[Span] {
        &self.days[day.num_days_from_monday() as usize]
    }

    /// Replaces one day's spans; they are sorted and must not overlap.
    pub fn set_day(&mut self, day: Weekday, mut spans: Vec<Span>) -> Result<(), HoursError> {
        spans.sort();
        for pair in spans.windows(2) {
            if pair[1].start < pair[0].end {
                return Err(HoursError::Overlap {
                    day: day_name(day),
                    first: pair[0].to_string(),
                    second: pair[1].to_string(),
                });
            }
        }
        self.days[day.num_days_from_monday() as usize] = spans;
        Ok(())
    }

    pub fn is_closed_all_week(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// One day's spans from text: `08.00–12.00, 12.30–14.00`; empty, `tutup` or `libur` is
    /// closed. Accepts `.` or `:` in times and `-`, `–`, `—`, `s/d` or `sampai` between them.
    pub fn parse_day(text: &str) -> Result<Vec<Span>, HoursError> {
        let text = text.trim();
        let lower = text.to_lowercase();
        if lower.is_empty() || lower == "tutup" || lower == "libur" || lower == "-" {
            return Ok(Vec::new());
        }
        let mut spans = Vec::new();
        for part in lower.split([',', ';']).flat_map(|p| p.split(" dan ")) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let normalised = part
                .replace("s/d", "-")
                .replace("sampai", "-")
                .replace(['–', '—'], "-");
            let Some((a, b)) = normalised.split_once('-') else {
                return Err(HoursError::BadTime(part.to_string()));
            };
            let start = parse_clock(a).ok_or_else(|| HoursError::BadTime(part.to_string()))?;
            let mut end = parse_clock(b).ok_or_else(|| HoursError::BadTime(part.to_string()))?;
            if end == start {
                return Err(HoursError::BadSpan(part.to_string()));
            }
            if end < start {
                end += DAY_MINUTES; // runs past midnight
            }
            spans.push(Span::new(start, end)?);
        }
        Ok(spans)
    }

    /// The whole week from lines `Senin: 08.00–14.00`; days not named are closed.
    pub fn parse(text: &str) -> Result<Schedule, HoursError> {
        let mut schedule = Schedule::default();
        let mut seen = [false; 7];
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let Some((day, spans)) = line.split_once(':') else {
                return Err(HoursError::BadLine(line.to_string()));
            };
            let day = parse_day_name(day).ok_or_else(|| HoursError::BadDay(day.trim().into()))?;
            let index = day.num_days_from_monday() as usize;
            if seen[index] {
                return Err(HoursError::DuplicateDay(day_name(day)));
            }
            seen[index] = true;
            schedule.set_day(day, Schedule::parse_day(spans)?)?;
        }
        Ok(schedule)
    }

    /// The form `parse` reads back, every day on its own line.
    pub fn to_text(&self) -> String {
        WEEK.iter()
            .map(|&day| format!("{}: {}", day_name(day), day_text(self.day(day))))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB`: runs of days with the same spans,
    /// a break shown as two spans joined by "dan".
    pub fn describe(&self) -> String {
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for i in 0..7 {
            if self.days[i].is_empty() {
                continue;
            }
            match groups.last_mut() {
                Some((_, last)) if *last + 1 == i && self.days[*last] == self.days[i] => *last = i,
                _ => groups.push((i, i)),
            }
        }
        if groups.is_empty() {
            return "belum diatur".to_string();
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|&(first, last)| {
                let days = if first == last {
                    DAY_NAMES[first].to_string()
                } else {
                    format!("{}–{}", DAY_NAMES[first], DAY_NAMES[last])
                };
                format!("{days} {}", day_text(&self.days[first]))
            })
            .collect();
        format!("{} WIB", parts.join(", "))
    }
}

fn day_text(spans: &[Span]) -> String {
    if spans.is_empty() {
        return "tutup".to_string();
    }
    spans
        .iter()
        .map(Span::to_string)
        .collect::<Vec<_>>()
        .join(" dan ")
}

fn parse_clock(text: &str) -> Option<u16> {
    let text = text.trim().trim_end_matches("wib").trim();
    let (h, m) = match text.split_once(['.', ':']) {
        Some((h, m)) => (h.trim(), m.trim()),
        None => (text, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    match (h, m) {
        (24, 0) => Some(DAY_MINUTES),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

fn parse_day_name(text: &str) -> Option<Weekday> {
    let folded: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let index = match folded.as_str() {
        "senin" => 0,
        "selasa" => 1,
        "rabu" => 2,
        "kamis" => 3,
        "jumat" => 4,
        "sabtu" => 5,
        "minggu" | "ahad" => 6,
        _ => return None,
    };
    Some(WEEK[index])
}

/// A day the office is closed although the schedule says open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// The schedule and the holidays together: everything `is_open` needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfficeHours {
    pub schedule: Schedule,
    holidays: BTreeMap<NaiveDate, String>,
}

impl OfficeHours {
    pub fn new(schedule: Schedule, holidays: impl IntoIterator<Item = Holiday>) -> OfficeHours {
        OfficeHours {
            schedule,
            holidays: holidays.into_iter().map(|h| (h.date, h.name)).collect(),
        }
    }

    pub fn holiday(&self, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&date).map(String::as_str)
    }

    pub fn holidays(&self) -> impl Iterator<Item = Holiday> + '_ {
        self.holidays.iter().map(|(date, name)| Holiday {
            date: *date,
            name: name.clone(),
        })
    }

    /// The spans that start on `date`: none on a holiday.
    fn spans_of(&self, date: NaiveDate) -> &[Span] {
        if self.holidays.contains_key(&date) {
            return &[];
        }
        self.schedule.day(date.weekday())
    }

    /// A day with at least one open span that is not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.spans_of(date).is_empty()
    }

    /// Open at this moment? A span belongs to the day it starts on, so a holiday closes the
    /// spans that start on it, and yesterday's night span still counts after midnight.
    pub fn is_open(&self, at_ms: i64) -> bool {
        let Some((date, minute)) = wib_minute(at_ms) else {
            return false;
        };
        let today = self
            .spans_of(date)
            .iter()
            .any(|s| s.start <= minute && minute < s.end);
        let from_yesterday = date.pred_opt().is_some_and(|y| {
            self.spans_of(y)
                .iter()
                .any(|s| s.end > DAY_MINUTES && minute + DAY_MINUTES < s.end)
        });
        today || from_yesterday
    }

    /// The first moment at or after `at_ms` when the office is open: `at_ms` itself when open,
    /// otherwise the start of the next span (to the minute). `None` when nothing opens in the
    /// next 400 days (an empty schedule).
    pub fn next_opening(&self, at_ms: i64) -> Option<DateTime<FixedOffset>> {
        if self.is_open(at_ms) {
            return to_wib(at_ms);
        }
        let local = to_wib(at_ms)?;
        let (date, minute) = wib_minute(at_ms)?;
        let after_minute = if local.second() > 0 || local.nanosecond() > 0 {
            minute + 1
        } else {
            minute
        };
        for offset in 0..LOOKAHEAD_DAYS {
            let day = date.checked_add_signed(Duration::days(offset))?;
            for span in self.spans_of(day) {
                if offset == 0 && span.start < after_minute {
                    continue;
                }
                let start =
                    day.and_hms_opt(u32::from(span.start / 60), u32::from(span.start % 60), 0)?;
                return start.and_local_timezone(WIB).single();
            }
        }
        None
    }

    /// The first opening of each working day after `at_ms` (strictly later), in order: the
    /// moments a morning reminder goes off. A day already open at `at_ms` is not counted.
    pub fn day_openings_after(
        &self,
        at_ms: i64,
    ) -> impl Iterator<Item = DateTime<FixedOffset>> + '_ {
        let first = wib_minute(at_ms).map(|(date, _)| date);
        (0..LOOKAHEAD_DAYS).filter_map(move |offset| {
            let day = first?.checked_add_signed(Duration::days(offset))?;
            let span = self.spans_of(day).first()?;
            let start = day
                .and_hms_opt(u32::from(span.start / 60), u32::from(span.start % 60), 0)?
                .and_local_timezone(WIB)
                .single()?;
            (start.timestamp_millis() > at_ms).then_some(start)
        })
    }

    /// Working days from one moment to a later one: the working days after the first moment's
    /// date, up to and including the second's (received Monday, ready Wednesday = 2; received
    /// Saturday, ready Monday = 1; the same day = 0). Negative spans count 0.
    pub fn working_days(&self, from_ms: i64, to_ms: i64) -> i64 {
        let (Some(from), Some(to)) = (to_wib(from_ms), to_wib(to_ms)) else {
            return 0;
        };
        let (from, to) = (from.date_naive(), to.date_naive());
        let mut count = 0;
        let mut day = from;
        while day < to {
            let Some(next) = day.succ_opt() else { break };
            day = next;
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }

    /// The open spans of each day that touch `[from_ms, to_ms)`, as `(open ms in the span, the
    /// day's total open ms)`: the office's clock, read by [`Self::open_minutes`] and
    /// [`Self::office_days`]. A night span belongs to the day it starts on.
    fn open_overlaps(&self, from_ms: i64, to_ms: i64) -> Vec<(i64, i64)> {
        let (Some(from), Some(to)) = (to_wib(from_ms), to_wib(to_ms)) else {
            return Vec::new();
        };
        if to_ms <= from_ms {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut day = from.date_naive().pred_opt().unwrap_or(from.date_naive());
        while day <= to.date_naive() {
            let midnight = day
                .and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(WIB).single())
                .map(|t| t.timestamp_millis());
            let spans = self.spans_of(day);
            if let (Some(midnight), false) = (midnight, spans.is_empty()) {
                let total: i64 = spans
                    .iter()
                    .map(|s| i64::from(s.end - s.start) * 60_000)
                    .sum();
                let inside: i64 = spans
                    .iter()
                    .map(|s| {
                        let start = midnight + i64::from(s.start) * 60_000;
                        let end = midnight + i64::from(s.end) * 60_000;
                        (end.min(to_ms) - start.max(from_ms)).max(0)
                    })
                    .sum();
                if inside > 0 {
                    out.push((inside, total));
                }
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }

    /// Minutes the office was open between two moments, as configured (holidays closed): the
    /// office's own clock, which nights and weekends do not move. 0 when `to_ms` is not later.
    pub fn open_minutes(&self, from_ms: i64, to_ms: i64) -> i64 {
        self.open_overlaps(from_ms, to_ms)
            .iter()
            .map(|(inside, _)| inside)
            .sum::<i64>()
            / 60_000
    }

    /// Working days of the office between two moments: each working day counts by the share
    /// of its opening hours that lies between them, so a whole day's hours is 1 (Senin
    /// 10.00 to Selasa 10.00 with 08.00–14.00 hours is 4/6 + 2/6 = 1) and a message on
    /// Saturday night answered Monday 09.00 is 1/6, not a day. Nights, weekends and holidays
    /// add nothing. 0 when `to_ms` is not later.
    pub fn office_days(&self, from_ms: i64, to_ms: i64) -> f64 {
        self.open_overlaps(from_ms, to_ms)
            .iter()
            .map(|&(inside, total)| inside as f64 / total as f64)
            // From +0.0: an empty f64 sum is -0.0.
            .fold(0.0, |sum, share| sum + share)
    }

    /// `{jam_layanan}`: the schedule in words.
    pub fn describe(&self) -> String {
        self.schedule.describe()
    }

    /// `{hari_buka}`, said at `now_ms`: `besok, Senin 30 November 2026, mulai pukul 08.00 WIB`,
    /// `hari ini mulai pukul 13.00 WIB`, or the date when it is further away.
    pub fn opening_text(&self, now_ms: i64) -> String {
        let (Some(now), Some(next)) = (to_wib(now_ms), self.next_opening(now_ms)) else {
            return "pada hari kerja berikutnya".to_string();
        };
        let day = next.date_naive();
        let time = format!("pukul {:02}.{:02} WIB", next.hour(), next.minute());
        let when = format!("{} {}", day_name(day.weekday()), long_date(day));
        match (day - now.date_naive()).num_days() {
            0 => format!("hari ini mulai {time}"),
            1 => format!("besok, {when}, mulai {time}"),
            _ => format!("hari {when} mulai {time}"),
        }
    }
}

fn wib_minute(at_ms: i64) -> Option<(NaiveDate, u16)> {
    let t = to_wib(at_ms)?;
    Some((t.date_naive(), (t.hour() * 60 + t.minute()) as u16))
}

//! Times as officials read them: stored as UTC milliseconds, shown in WIB (UTC+7, no daylight
//! saving), whatever time zone the phone is set to. Pure: the current time is always passed in.

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike, Utc};

/// Western Indonesian Time, UTC+7 all year (checked at compile time).
pub const WIB: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

pub fn wib() -> FixedOffset {
    WIB
}

pub fn to_wib(ms: i64) -> Option<DateTime<FixedOffset>> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.with_timezone(&wib()))
}

/// The calendar year in WIB (the year of the case number).
pub fn wib_year(ms: i64) -> i32 {
    to_wib(ms).map_or(1970, |t| t.year())
}

const DAYS: [&str; 7] = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// `Sab 28 Nov 2026 20.15 WIB`.
pub fn format_wib(ms: i64) -> String {
    match to_wib(ms) {
        Some(t) => format!(
            "{} {} {} {} {:02}.{:02} WIB",
            DAYS[t.weekday().num_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month0() as usize],
            t.year(),
            t.hour(),
            t.minute()
        ),
        None => "(waktu tidak valid)".to_string(),
    }
}

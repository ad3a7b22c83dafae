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
/// The day a moment falls on in WIB, short, for a list row: `Sen 30 Nov`.
pub fn format_day(ms: i64) -> String {
    match to_wib(ms) {
        Some(t) => format!(
            "{} {} {}",
            DAYS[t.weekday().num_days_from_monday() as usize],
            t.day(),
            MONTHS[t.month0() as usize],
        ),
        None => "(waktu tidak valid)".to_string(),
    }
}

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

/// Why a "Pesan masuk" time cannot be taken; one Indonesian sentence each, shown under the
/// field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageTimeError {
    #[error("Tanggal dan jam \"{0}\" tidak dikenal. Tulis seperti 28/11/2026 20.14.")]
    Unreadable(String),
    #[error("Pesan masuk tidak boleh di masa depan (sekarang {now}).")]
    Future { now: String },
    #[error(
        "Pesan masuk tidak boleh sesudah catatan pertama berkas ini ({first}): warga menulis \
         sebelum berkasnya dicatat."
    )]
    AfterFirstEvent { first: String },
}

/// A WIB wall-clock date and time as typed or picked: `2026-11-28T20:14` (what a
/// `datetime-local` field gives), `2026-11-28 20:14`, `28/11/2026 20.14`, `28/11/26 20:14`,
/// `28-11-2026 20.14`; seconds are allowed and dropped.
pub fn parse_wib_input(text: &str) -> Option<chrono::NaiveDateTime> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let date = parse_day(date.trim())?;
    let mut parts = time.trim().split(['.', ':']);
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: &str = parts.next()?;
    if minute.len() != 2 {
        return None;
    }
    let minute: u32 = minute.parse().ok()?;
    if let Some(second) = parts.next() {
        second.parse::<u32>().ok().filter(|s| *s < 60)?;
    }
    if parts.next().is_some() {
        return None;
    }
    date.and_hms_opt(hour, minute, 0)
}

fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    if let Some(date) = super::hours::parse_date(text) {
        return Some(date);
    }
    // `28/11/26`: a two-digit year is this century's, as WhatsApp writes it.
    let mut parts = text.split(['/', '-']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 2 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(
        2000 + y.parse::<i32>().ok()?,
        m.parse().ok()?,
        d.parse().ok()?,
    )
}

/// A date field's value in the words officials read, whatever order the phone's date picker
/// shows it in (the WebView follows the phone's language, the desktop preview its own):
/// `2026-12-08` → `Selasa, 8 Desember 2026`, `2026-12-08T19:45` → `Selasa, 8 Desember 2026,
/// pukul 19.45 WIB`. `None` for an empty or unreadable value.
pub fn spell_input_date(value: &str) -> Option<String> {
    let value = value.trim();
    if let Some(at) = parse_wib_input(value) {
        let day = at.date();
        return Some(format!(
            "{}, {}, pukul {} WIB",
            super::hours::day_name(day.weekday()),
            super::hours::long_date(day),
            at.format("%H.%M")
        ));
    }
    let day = parse_day(value)?;
    Some(format!(
        "{}, {}",
        super::hours::day_name(day.weekday()),
        super::hours::long_date(day)
    ))
}

/// UTC milliseconds of a WIB wall-clock time.
pub fn wib_ms(local: chrono::NaiveDateTime) -> Option<i64> {
    local
        .and_local_timezone(WIB)
        .single()
        .map(|t| t.timestamp_millis())
}

/// The value a `datetime-local` field shows for a moment: `2026-11-28T20:14` (WIB).
pub fn wib_input(ms: i64) -> String {
    to_wib(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// "Pesan masuk" checked: readable, not after `now_ms` (the minute now is allowed), and not
/// after the case's first recorded event when it already has one. Returns UTC milliseconds.
pub fn check_message_time(
    text: &str,
    now_ms: i64,
    first_event_ms: Option<i64>,
) -> Result<i64, MessageTimeError> {
    let ms = parse_wib_input(text)
        .and_then(wib_ms)
        .ok_or_else(|| MessageTimeError::Unreadable(text.trim().to_string()))?;
    if ms > now_ms {
        return Err(MessageTimeError::Future {
            now: format_wib(now_ms),
        });
    }
    if let Some(first) = first_event_ms.filter(|&first| ms > first) {
        return Err(MessageTimeError::AfterFirstEvent {
            first: format_wib(first),
        });
    }
    Ok(ms)
}

#[cfg(test)]
mod tests {
    use super::spell_input_date;

    #[test]
    fn date_fields_are_spelled_in_indonesian_order() {
        let cases = [
            ("2026-12-08", Some("Selasa, 8 Desember 2026")),
            (
                "2026-12-08T19:45",
                Some("Selasa, 8 Desember 2026, pukul 19.45 WIB"),
            ),
            (
                "08/12/2026 07.05",
                Some("Selasa, 8 Desember 2026, pukul 07.05 WIB"),
            ),
            ("2027-01-01", Some("Jumat, 1 Januari 2027")),
            ("", None),
            ("2026-02-30", None),
            ("besok", None),
            ("2026-12-08T25:00", None),
        ];
        for (value, expected) in cases {
            assert_eq!(spell_input_date(value).as_deref(), expected, "{value:?}");
        }
    }
}

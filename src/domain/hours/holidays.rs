//! A yearly holiday list typed or pasted by the office: CSV read line by line, every bad line
//! named, dates in the orders Indonesians write them.

use super::*;

/// A problem in one line of an imported holiday list.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HolidayError {
    #[error(
        "Baris {line}: tanggal \"{text}\" tidak dikenal. Tulis seperti 2027-01-01 atau 01/01/2027."
    )]
    BadDate { line: u64, text: String },
    #[error("Baris {line}: keterangan hari libur kosong.")]
    NoName { line: u64 },
    #[error("Baris {line}: tanggal {date} ditulis dua kali.")]
    Duplicate { line: u64, date: String },
    #[error("Berkas daftar libur tidak bisa dibaca: {0}")]
    Unreadable(String),
    #[error("Berkas daftar libur kosong.")]
    Empty,
}

/// Reads a yearly holiday list: CSV with the date and the name, comma or semicolon separated,
/// with or without a header row (`tanggal,keterangan`), UTF-8 with or without BOM. Dates are
/// `2027-01-01`, `01/01/2027` or `01-01-2027`. Every bad line is reported, none is guessed.
pub fn parse_holidays(text: &str) -> Result<Vec<Holiday>, Vec<HolidayError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut holidays: Vec<Holiday> = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(HolidayError::Unreadable(e.to_string()));
                break;
            }
        };
        let line = record.position().map_or(index as u64 + 1, |p| p.line());
        let date_text = record.get(0).unwrap_or("").trim();
        if date_text.is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(date) = parse_date(date_text) else {
            let lower = date_text.to_lowercase();
            if index == 0 && (lower.contains("tanggal") || lower.contains("date")) {
                continue; // the header row
            }
            errors.push(HolidayError::BadDate {
                line,
                text: date_text.to_string(),
            });
            continue;
        };
        let name = record
            .iter()
            .skip(1)
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if name.is_empty() {
            errors.push(HolidayError::NoName { line });
            continue;
        }
        if holidays.iter().any(|h| h.date == date) {
            errors.push(HolidayError::Duplicate {
                line,
                date: date.to_string(),
            });
            continue;
        }
        holidays.push(Holiday { date, name });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if holidays.is_empty() {
        return Err(vec![HolidayError::Empty]);
    }
    holidays.sort_by_key(|h| h.date);
    Ok(holidays)
}

/// `2027-01-01`, `01/01/2027` or `01-01-2027` (day first, as Indonesians write dates).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .ok()
        .filter(|d| (1900..=2999).contains(&d.year()))
}

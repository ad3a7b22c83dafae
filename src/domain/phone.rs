//! Phone numbers as WhatsApp wants them: every common way of writing an Indonesian mobile
//! number, and foreign mobiles written with `+`, become the bare international digits that
//! `wa.me` takes. Numbering rules come from libphonenumber's data (the `phonenumber` crate);
//! this file only reads the way people write numbers. It never guesses a foreign country.

use std::fmt;

use phonenumber::{country, metadata::DATABASE, PhoneNumber, Type};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// A number WhatsApp can open a chat with: international digits without `+`, e.g.
/// `6281234567890`. Made by [`WaNumber::parse`] from what people type, or by
/// [`WaNumber::from_stored`] from digits a parsed number wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WaNumber(String);

/// Why a typed number cannot be used for WhatsApp. Each message says why in plain Indonesian.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("Nomor HP belum diisi.")]
    Empty,
    #[error("Nomor HP berisi huruf \"{0}\": tulis angkanya saja, misalnya 0812 3456 7890.")]
    Letter(char),
    #[error("Nomor HP berisi tanda \"{0}\" yang tidak dikenal: tulis angkanya saja, misalnya 0812 3456 7890.")]
    Symbol(char),
    #[error("Tanda + hanya boleh di depan nomor, diikuti kode negara (misalnya +62 atau +60).")]
    MisplacedPlus,
    #[error("Nomor HP terlalu pendek ({digits} angka): nomor HP Indonesia biasanya 10 sampai 13 angka, diawali 08.")]
    TooShort { digits: usize },
    #[error("Nomor HP terlalu panjang ({digits} angka): periksa lagi, mungkin ada angka yang tertulis dua kali.")]
    TooLong { digits: usize },
    #[error("Ini nomor telepon rumah/kantor (telepon tetap), bukan nomor HP: WhatsApp perlu nomor HP, misalnya 0812 3456 7890.")]
    Landline,
    #[error("Nomor luar negeri harus ditulis dengan + dan kode negara, misalnya +60 12 345 6789 (Malaysia) atau +852 9123 4567 (Hong Kong).")]
    ForeignWithoutPlus,
    #[error("Kode negara +{0} tidak dikenal.")]
    UnknownCountryCode(String),
    #[error("Nomor ini bukan nomor HP yang berlaku: periksa lagi angkanya.")]
    NotMobile,
    #[error("Nomor HP Indonesia diawali 08, 628 atau +628; \"{0}\" tidak cocok.")]
    BadStart(String),
}

/// Dashes people paste from other apps: hyphen-minus, hyphen, non-breaking hyphen, figure
/// dash, en dash, em dash, horizontal bar, minus sign, small and full-width hyphen-minus.
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
    '\u{fe63}', '\u{ff0d}',
];

/// Characters that may separate digit groups and mean nothing.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || DASHES.contains(&c)
        || matches!(
            c,
            '.' | '('
                | ')'
                | '['
                | ']'
                | '/'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'
                | '\u{202c}'
                | '\u{2066}'
                | '\u{2069}'
        )
}

impl WaNumber {
    /// Reads a number as an official types or pastes it: `0812-3456-7890`, `+62 812 3456 7890`,
    /// `62812...`, `812...`, `WA: 0812 3456 7890`, `081234567890 (WA)`, `+60 12-345 6789`.
    pub fn parse(raw: &str) -> Result<WaNumber, PhoneError> {
        // NFKC turns full-width digits and plus signs (from some keyboards) into ASCII ones.
        let folded: String = raw.nfkc().collect();
        let number_part = strip_note(strip_label(folded.trim()));
        if number_part.is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut digits = String::new();
        let mut plus = false;
        for c in number_part.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if c == '+' {
                if plus || !digits.is_empty() {
                    return Err(PhoneError::MisplacedPlus);
                }
                plus = true;
            } else if is_separator(c) {
                continue;
            } else if c.is_alphabetic() {
                return Err(PhoneError::Letter(c));
            } else {
                return Err(PhoneError::Symbol(c));
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        if plus {
            return parse_international(&digits);
        }
        if let Some(rest) = digits.strip_prefix("00") {
            // 00 is the international call prefix used from many countries.
            return parse_international(rest);
        }
        if let Some(national) = digits.strip_prefix("62") {
            return parse_indonesian(national, digits.len());
        }
        if let Some(national) = digits.strip_prefix('0') {
            return parse_indonesian(national, digits.len());
        }
        if digits.starts_with('8') {
            return parse_indonesian(&digits, digits.len() + 1);
        }
        if digits.len() >= 10 {
            return Err(PhoneError::ForeignWithoutPlus);
        }
        Err(PhoneError::BadStart(number_part.trim().to_string()))
    }

    /// A number as the case book stored it (the `digits` of a number parsed when it was
    /// typed): checked for its shape only, 8 to 15 digits, not parsed again. Parsing needs
    /// libphonenumber's numbering data, whose first load costs tens of milliseconds on the
    /// start path (Beranda lists every open case); a stored value of another shape (edited by
    /// hand) reads as no number.
    pub fn from_stored(digits: &str) -> Option<WaNumber> {
        (8..=15)
            .contains(&digits.len())
            .then_some(())
            .filter(|()| digits.bytes().all(|b| b.is_ascii_digit()))
            .map(|()| WaNumber(digits.to_string()))
    }

    /// The digits for `wa.me`, e.g. `6281234567890`.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The number the way people read it back: `+62 812-3456-7890`.
    pub fn display(&self) -> String {
        match phonenumber::parse(None, format!("+{}", self.0)) {
            Ok(number) => number
                .format()
                .mode(phonenumber::Mode::International)
                .to_string(),
            Err(_) => format!("+{}", self.0),
        }
    }
}

impl fmt::Display for WaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Drops a note written after the number, as contact cards and lists do: `081234567890 (WA)`,
/// `0812 3456 7890 Pak RT`. A note starts with a space or an opening bracket after the last
/// digit of a number of at least 9 digits, holds no digit and at least two letters; a letter
/// among or right after the digits (`0812-34a6-7890`, `0812 3456 789O`) stays in and is
/// refused.
fn strip_note(s: &str) -> &str {
    let Some(last_digit) = s.rfind(|c: char| c.is_ascii_digit()) else {
        return s;
    };
    let (number, note) = s.split_at(last_digit + 1);
    let starts_apart = note.starts_with(|c: char| c.is_whitespace() || matches!(c, '(' | '['));
    let letters = note.chars().filter(|c| c.is_alphabetic()).count();
    // Only after a number that looks whole: "0812 ABC" is a number with letters, not a note.
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if starts_apart && letters >= 2 && digits >= 9 {
        number
    } else {
        s
    }
}

/// Drops a leading label such as `WA:`, `No. HP`, `Telp.` or `Nomor WA -`: letters before the
/// first digit or `+` are a label only when a separator or colon ends them, so `abc0812` still
/// reports the letter.
fn strip_label(s: &str) -> &str {
    let Some(start) = s.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(') else {
        // "WA:" with the number not yet typed is an empty number, not a letter.
        return if s.ends_with(':')
            && s.chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace() || c == ':' || c == '.')
        {
            ""
        } else {
            s
        };
    };
    let (label, rest) = s.split_at(start);
    if label.is_empty() {
        return s;
    }
    let label_chars_ok = label.chars().all(|c| {
        c.is_alphabetic()
            || c.is_whitespace()
            || matches!(c, ':' | '.' | '/')
            || DASHES.contains(&c)
    });
    let ends_with_break =
        label.ends_with(|c: char| c.is_whitespace() || c == ':' || c == '.' || DASHES.contains(&c));
    if label_chars_ok && ends_with_break && label.chars().any(char::is_alphabetic) {
        rest
    } else {
        s
    }
}

/// Length limits of Indonesian mobile numbers: digits after the leading 0 (national
/// significant number), read from libphonenumber's data for ID.
fn indonesian_mobile_lengths() -> (usize, usize) {
    DATABASE
        .by_id("ID")
        .and_then(|meta| meta.descriptors().mobile())
        .map(|desc| desc.possible_length())
        .and_then(|lengths| Some((*lengths.first()? as usize, *lengths.last()? as usize)))
        // Should the data ever lack the entry, the 2024 plan's range keeps working.
        .unwrap_or((9, 12))
}

fn parse_indonesian(national: &str, written_len: usize) -> Result<WaNumber, PhoneError> {
    let national = national.strip_prefix('0').unwrap_or(national);
    let (min, max) = indonesian_mobile_lengths();
    let number = phonenumber::parse(Some(country::Id::ID), format!("0{national}"));
    if let Ok(number) = &number {
        match number.number_type(&DATABASE) {
            Type::Mobile | Type::FixedLineOrMobile => return Ok(to_wa(number)),
            Type::FixedLine => return Err(PhoneError::Landline),
            _ => {}
        }
    }
    if !national.starts_with('8') {
        // Indonesian mobiles all start 08; anything else is a landline or a service number.
        return if national.len() < 7 {
            Err(PhoneError::TooShort {
                digits: written_len,
            })
        } else {
            Err(PhoneError::Landline)
        };
    }
    if national.len() < min {
        Err(PhoneError::TooShort {
            digits: written_len,
        })
    } else if national.len() > max {
        Err(PhoneError::TooLong {
            digits: written_len,
        })
    } else {
        Err(PhoneError::NotMobile)
    }
}

fn parse_international(digits: &str) -> Result<WaNumber, PhoneError> {
    if let Some(national) = digits.strip_prefix("62") {
        return parse_indonesian(national, digits.len());
    }
    if digits.len() < 6 {
        return Err(PhoneError::TooShort {
            digits: digits.len(),
        });
    }
    // E.164 allows at most 15 digits including the country code.
    if digits.len() > 15 {
        return Err(PhoneError::TooLong {
            digits: digits.len(),
        });
    }
    let number = match phonenumber::parse(None, format!("+{digits}")) {
        Ok(number) => number,
        Err(phonenumber::ParseError::InvalidCountryCode) => {
            return Err(PhoneError::UnknownCountryCode(
                digits.chars().take(3).collect(),
            ))
        }
        Err(phonenumber::ParseError::TooLong) => {
            return Err(PhoneError::TooLong {
                digits: digits.len(),
            })
        }
        Err(_) => {
            return Err(PhoneError::TooShort {
                digits: digits.len(),
            })
        }
    };
    if DATABASE.region(&number.code().value()).is_none() {
        return Err(PhoneError::UnknownCountryCode(
            number.code().value().to_string(),
        ));
    }
    match number.number_type(&DATABASE) {
        Type::Mobile | Type::FixedLineOrMobile => Ok(to_wa(&number)),
        Type::FixedLine => Err(PhoneError::Landline),
        _ => Err(length_error(&number, digits.len())),
    }
}

/// Too short, too long, or simply not a mobile number of that country.
fn length_error(number: &PhoneNumber, written_len: usize) -> PhoneError {
    let national_len = number.national().to_string().len();
    let lengths = DATABASE
        .by_code(&number.code().value())
        .and_then(|metas| metas.into_iter().next())
        .and_then(|meta| {
            meta.descriptors()
                .mobile()
                .map(|d| d.possible_length().to_vec())
        });
    match lengths.as_deref() {
        Some([first, ..]) if national_len < *first as usize => PhoneError::TooShort {
            digits: written_len,
        },
        Some([.., last]) if national_len > *last as usize => PhoneError::TooLong {
            digits: written_len,
        },
        _ => PhoneError::NotMobile,
    }
}

fn to_wa(number: &PhoneNumber) -> WaNumber {
    WaNumber(format!("{}{}", number.code().value(), number.national()))
}

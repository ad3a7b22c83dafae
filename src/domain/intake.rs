//! Intake of text shared into the app (a resident's WhatsApp message, a forwarded contact, a
//! pasted number): which service it is probably about, the WhatsApp number and the name if the
//! text carries them. The text itself is never changed: it becomes the first note, except that
//! of a whole exported chat only the last messages are kept (`split_chat`), the rest offered.
//! `message_time` reads when the resident wrote from WhatsApp's export lines ("Pesan masuk").

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::phone::WaNumber;
use super::search::SearchIndex;

/// What a shared text suggests for a new case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// Best first; at most three.
    pub services: Vec<String>,
    pub phone: Option<WaNumber>,
    pub name: Option<String>,
    /// The shared text, whole.
    pub text: String,
}

/// Reads a shared text. Never fails: what it cannot find stays empty.
pub fn read(text: &str, index: &SearchIndex) -> Intake {
    let services = index
        .search(text)
        .into_iter()
        .take(3)
        .map(|h| h.id.to_string())
        .collect();
    Intake {
        services,
        phone: find_phone(text),
        name: find_name(text),
        text: text.to_string(),
    }
}

/// The first run of digits (with `+`, spaces, dots, dashes, brackets) that is a usable
/// WhatsApp number.
pub fn find_phone(text: &str) -> Option<WaNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit()
            || (c == '+'
                && chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_digit() || *n == ' '))
            || c == '('
        {
            let start = i;
            let mut digits = 0;
            let mut end = i;
            while end < chars.len() {
                let d = chars[end];
                if d.is_ascii_digit() {
                    digits += 1;
                } else if !(matches!(d, ' ' | '-' | '.' | '(' | ')' | '\u{2013}' | '\u{2011}')
                    || (d == '+' && end == start))
                {
                    break;
                }
                end += 1;
            }
            if (9..=16).contains(&digits) {
                let candidate: String = chars[start..end].iter().collect();
                if let Ok(number) = WaNumber::parse(candidate.trim()) {
                    return Some(number);
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// A name from a vCard (`FN:`), a WhatsApp chat export line (`[28/11/26 08.15] Siti: ...`,
/// `28/11/26 08.15 - Siti: ...`), or "nama saya Siti Aminah" / "Nama: Siti Aminah".
pub fn find_name(text: &str) -> Option<String> {
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line
            .strip_prefix("FN:")
            .or_else(|| line.strip_prefix("FN;CHARSET=UTF-8:"))
        {
            return clean_name(name);
        }
    }
    for line in text.lines() {
        if let Some(name) = chat_export_sender(line.trim()) {
            return Some(name);
        }
    }
    let lower = text.to_lowercase();
    for key in [
        "nama saya ",
        "nama: ",
        "nama :",
        "atas nama ",
        "a.n. ",
        "a.n ",
    ] {
        if let Some(pos) = lower.find(key) {
            // Byte offsets of the lowercase text match the original for the ASCII keys above
            // only when the prefix is ASCII too; fall back to nothing otherwise.
            let Some(rest) = text.get(pos + key.len()..) else {
                continue;
            };
            let words: Vec<&str> = rest
                .split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .take(4)
                .collect();
            if !words.is_empty() {
                return clean_name(&words.join(" "));
            }
        }
    }
    None
}

/// A shared text with at least this many WhatsApp export messages is a whole chat.
pub const WHOLE_CHAT_MESSAGES: usize = 6;
/// The messages of a whole chat the case keeps: the last ones, where the request is.
pub const KEPT_MESSAGES: usize = 3;

/// Splits a shared whole-chat export (WhatsApp's "Ekspor chat": a line per message starting
/// with its date and time) into the part the case keeps, the last [`KEPT_MESSAGES`] messages
/// with their continuation lines, and the earlier part, which the app only offers and never
/// stores unless the official adds it. Any other text is kept whole (`None`).
pub fn split_chat(text: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| chat_export_message(l.trim()).is_some())
        .map(|(i, _)| i)
        .collect();
    if starts.len() < WHOLE_CHAT_MESSAGES {
        return (text.to_string(), None);
    }
    let cut = starts[starts.len() - KEPT_MESSAGES];
    let earlier = lines[..cut].join("\n");
    let kept = lines[cut..].join("\n");
    (kept, (!earlier.trim().is_empty()).then_some(earlier))
}

/// `[28/11/26 08.15] Siti Aminah: ...` or `28/11/26 08.15 - Siti Aminah: ...` -> the sender,
/// unless the sender is only a phone number.
fn chat_export_sender(line: &str) -> Option<String> {
    let sender = chat_export_message(line)?;
    if sender.chars().any(char::is_alphabetic) {
        clean_name(sender)
    } else {
        None
    }
}

/// The sender of a WhatsApp export message line (`[28/11/26 08.15] Siti: ...`,
/// `28/11/26 08.15 - +62 812-3456-7890: ...`, `28/11/26 8.15 PM - Siti: ...`), whatever it is.
fn chat_export_message(line: &str) -> Option<&str> {
    let after = export_stamp(line)?
        .tail
        .trim_start_matches([']', ' ', '-'])
        .trim_start();
    let (sender, _) = after.split_once(": ")?;
    Some(sender)
}

/// The date-and-time stamp a WhatsApp export line starts with, as written, and what follows.
struct ExportStamp<'a> {
    bracketed: bool,
    /// `28/11/26`, `28/11/2026`.
    date: &'a str,
    /// `20.14`, `20:14:05`, `8.14` (with `pm`).
    clock: &'a str,
    /// `Some(true)` after `PM`, `Some(false)` after `AM`, `None` on a 24-hour clock.
    pm: Option<bool>,
    /// The rest of the line after the stamp (and its `AM`/`PM`), from `]` or `- ` on.
    tail: &'a str,
}

/// Reads the stamp at the start of `line` (`[28/11/26, 20.14.05] …`, `28/11/26 8.14 PM - …`);
/// `None` when the line does not start with a date and a time.
fn export_stamp(line: &str) -> Option<ExportStamp<'_>> {
    let bracketed = line.starts_with('[');
    let rest = line.strip_prefix('[').unwrap_or(line);
    let date_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '/'))?;
    let date = &rest[..date_len];
    if date.matches('/').count() != 2 || date_len < 6 {
        return None;
    }
    let after = rest[date_len..].trim_start_matches([',', ' ']);
    let time_len = after
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(after.len());
    if time_len < 4 {
        return None;
    }
    let clock = after[..time_len].trim_end_matches(['.', ':']);
    let mut tail = after[time_len..].trim_start();
    let mut pm = None;
    for (mark, is_pm) in [("AM", false), ("PM", true), ("am", false), ("pm", true)] {
        if let Some(rest) = tail.strip_prefix(mark) {
            pm = Some(is_pm);
            tail = rest.trim_start();
            break;
        }
    }
    Some(ExportStamp {
        bracketed,
        date,
        clock,
        pm,
        tail,
    })
}

fn clean_name(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c == '.' || c == '~')
        .trim();
    (!name.is_empty() && name.chars().count() <= 80 && name.chars().any(char::is_alphabetic))
        .then(|| name.to_string())
}

/// When the resident wrote, read from the text's WhatsApp export lines (`[28/11/26 20.14]`,
/// `[28/11/26 20.14.05] Siti: ...`, `28/11/26 20.14 - Siti: ...`, also `8.14 PM` and `20:14`,
/// and four-digit years): the earliest message time in the text, as the phone's local time
/// (WIB), the start of the exchange the case is about. `None` when no line carries a time.
/// Dates are read day first, as Indonesian phones write them, unless the first number cannot
/// be a month's day order (`11/28/26` is month first).
pub fn message_time(text: &str) -> Option<NaiveDateTime> {
    text.lines()
        .filter_map(|l| export_line_time(l.trim().trim_start_matches(['\u{200e}', '\u{200f}'])))
        .min()
}

/// The date and time at the start of one WhatsApp export line.
fn export_line_time(line: &str) -> Option<NaiveDateTime> {
    let stamp = export_stamp(line)?;
    // What makes it an export line and not a date in a sentence: `]` after a bracketed
    // stamp, ` - ` after a plain one.
    let closed = if stamp.bracketed {
        stamp.tail.starts_with(']')
    } else {
        stamp.tail.starts_with("- ") || stamp.tail.starts_with("– ")
    };
    if !closed {
        return None;
    }
    let date = parse_export_date(stamp.date)?;
    let time = parse_export_time(stamp.clock, stamp.pm)?;
    Some(date.and_time(time))
}

/// `28/11/26`, `28/11/2026`; day first unless the second number is over 12.
fn parse_export_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.is_empty() || b.is_empty() {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let year: i32 = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    let (day, month) = if b > 12 { (b, a) } else { (a, b) };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `20.14`, `20:14`, `20.14.05`, `8.14` with `PM`.
fn parse_export_time(text: &str, pm: Option<bool>) -> Option<NaiveTime> {
    let mut parts = text.split(['.', ':']);
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute_text = parts.next()?;
    if minute_text.len() != 2 {
        return None;
    }
    let minute: u32 = minute_text.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) if s.len() == 2 => s.parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match pm {
        None => hour,
        Some(_) if hour == 0 || hour > 12 => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

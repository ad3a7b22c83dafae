//! Intake of text shared into the app (a resident's WhatsApp message, a forwarded contact, a
//! pasted number): which service it is probably about, the WhatsApp number and the name if the
//! text carries them. The text itself is never changed: it becomes the first note, except that
//! of a whole exported chat only the last messages are kept (`split_chat`), the rest offered.

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
/// `28/11/26 08.15 - +62 812-3456-7890: ...`), whatever it is.
fn chat_export_message(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[').unwrap_or(line);
    let date_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '/'))?;
    let date = &rest[..date_len];
    if date.matches('/').count() != 2 || date_len < 6 {
        return None;
    }
    let after = rest[date_len..].trim_start_matches([',', ' ']);
    let time_len = after.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))?;
    if time_len < 4 {
        return None;
    }
    let after = after[time_len..]
        .trim_start_matches([']', ' ', '-'])
        .trim_start();
    let (sender, _) = after.split_once(": ")?;
    Some(sender)
}

fn clean_name(raw: &str) -> Option<String> {
    let name = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c == '.' || c == '~')
        .trim();
    (!name.is_empty() && name.chars().count() <= 80 && name.chars().any(char::is_alphabetic))
        .then(|| name.to_string())
}

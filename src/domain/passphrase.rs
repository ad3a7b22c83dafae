//! Generated backup passphrases ("Buat kata sandi acak"): four words from a list of exactly
//! 2048 Indonesian words (`assets/passphrase/`), 11 random bits each, so every word is equally
//! likely (no modulo bias) and a passphrase carries 44 bits. The random bytes come from the
//! caller (`app` reads the operating system's source); here it is a pure function. Also the
//! QR code of a passphrase for the sheet kept in the office safe.

use crate::domain::wa_kit::{qr_path, PosterError};

/// Words in a generated passphrase.
pub const WORDS_PER_PASSPHRASE: usize = 4;

/// Random bytes one passphrase needs (11 bits a word, rounded up).
pub const RANDOM_BYTES: usize = (WORDS_PER_PASSPHRASE * 11).div_ceil(8);

const WORD_FILE: &str = include_str!("../../assets/passphrase/words-id.txt");

/// The word list, in file order.
pub fn words() -> impl Iterator<Item = &'static str> {
    WORD_FILE.lines().map(str::trim).filter(|w| !w.is_empty())
}

/// Bits of a generated passphrase: `WORDS_PER_PASSPHRASE` × log2 of the list's length.
pub fn entropy_bits() -> f64 {
    WORDS_PER_PASSPHRASE as f64 * (words().count() as f64).log2()
}

/// Four words chosen by `random` (at least [`RANDOM_BYTES`] bytes), separated by spaces:
/// `kopi sawah lampu jeruk`. The list has 2048 words (checked by the tests), so 11 bits of
/// `random` pick each word with equal chance.
pub fn from_random(random: &[u8; RANDOM_BYTES]) -> String {
    let list: Vec<&str> = words().collect();
    let mut bits: u64 = 0;
    for b in random {
        bits = (bits << 8) | u64::from(*b);
    }
    let spare = RANDOM_BYTES * 8 - WORDS_PER_PASSPHRASE * 11;
    bits >>= spare;
    let mut chosen = Vec::with_capacity(WORDS_PER_PASSPHRASE);
    for i in (0..WORDS_PER_PASSPHRASE).rev() {
        let index = ((bits >> (i * 11)) & 0x7ff) as usize;
        // The list has 2048 words; a shorter one (a broken build) wraps rather than panics.
        chosen.push(list.get(index % list.len().max(1)).copied().unwrap_or(""));
    }
    chosen.join(" ")
}

/// The passphrase as an SVG QR code (a quiet zone of 4 modules included, `size` pixels
/// square), for the sheet the office keeps in its safe.
pub fn qr_svg(passphrase: &str, size: u32) -> Result<String, PosterError> {
    let (path, modules) = qr_path(passphrase)?;
    let side = modules + 8;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"-4 -4 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect x=\"-4\" y=\"-4\" width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

//! The PIN lock's rules, without storage or clock: what a valid PIN is, how it is hashed
//! (argon2id, PHC string, salt from the caller), how long a wrong guess makes the next one wait,
//! and when an app that left the screen must lock again. `app::lock` keeps the state in the
//! settings table and reads the clock.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use thiserror::Error;

/// Digits in a PIN.
pub const PIN_LEN: usize = 6;
/// Wrong PINs allowed before each further try has to wait.
pub const FREE_TRIES: u32 = 5;
/// The first wait (after the fifth wrong PIN); it doubles with every further wrong PIN.
pub const FIRST_WAIT_S: u64 = 30;
/// The longest wait: an hour. Guessing 1,000,000 PINs at 24 a day takes over a century.
pub const MAX_WAIT_S: u64 = 60 * 60;
/// Minutes in the background after which the app locks again, unless the office changes it.
pub const DEFAULT_LOCK_AFTER_MIN: u32 = 5;
/// Longest choosable lock delay (a day).
pub const MAX_LOCK_AFTER_MIN: u32 = 24 * 60;

/// The argon2id cost of the PIN hash: OWASP's 19 MiB, 2 passes (tens of milliseconds here,
/// about a tenth of a second on a cheap phone, once per unlock).
pub const PIN_COST: (u32, u32, u32) = (19 * 1024, 2, 1);

/// Why a PIN cannot be used or checked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PinError {
    #[error("PIN harus 6 angka.")]
    WrongLength,
    #[error("PIN hanya boleh berisi angka 0–9.")]
    NotDigits,
    #[error("PIN ini terlalu mudah ditebak (angka sama semua atau berurutan). Pilih yang lain.")]
    TooEasy,
    #[error("Kedua PIN tidak sama. Ketik ulang PIN yang sama.")]
    Mismatch,
    #[error("PIN salah.")]
    Wrong,
    #[error("PIN tersimpan rusak; pakai \"Lupa PIN\".")]
    DamagedHash,
    #[error("PIN tidak bisa diproses: {0}")]
    Hash(String),
}

/// Checks a PIN chosen by the official: six ASCII digits, not all the same, not a run like
/// 123456 or 987654.
pub fn check_new_pin(pin: &str) -> Result<(), PinError> {
    if pin.chars().count() != PIN_LEN {
        return Err(PinError::WrongLength);
    }
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|&s| s == 0)
        || steps.iter().all(|&s| s == 1)
        || steps.iter().all(|&s| s == -1)
    {
        return Err(PinError::TooEasy);
    }
    Ok(())
}

fn hasher() -> Result<Argon2<'static>, PinError> {
    let (m, t, p) = PIN_COST;
    let params = Params::new(m, t, p, None).map_err(|e| PinError::Hash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a new PIN into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`); the PIN
/// itself is never stored. `salt` comes from the operating system's randomness.
pub fn hash_pin(pin: &str, salt: &[u8; 16]) -> Result<String, PinError> {
    check_new_pin(pin)?;
    let salt = SaltString::encode_b64(salt).map_err(|e| PinError::Hash(e.to_string()))?;
    Ok(hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|e| PinError::Hash(e.to_string()))?
        .to_string())
}

/// Checks a typed PIN against the stored hash (in constant time, with the cost the hash names).
pub fn verify_pin(pin: &str, stored: &str) -> Result<(), PinError> {
    let hash = PasswordHash::new(stored).map_err(|_| PinError::DamagedHash)?;
    if hash.algorithm.as_str() != "argon2id" {
        return Err(PinError::DamagedHash);
    }
    match hasher()?.verify_password(pin.as_bytes(), &hash) {
        Ok(()) => Ok(()),
        Err(argon2::password_hash::Error::Password) => Err(PinError::Wrong),
        Err(_) => Err(PinError::DamagedHash),
    }
}

/// Wrong PINs in a row after which this phone takes no more tries: the waits follow the
/// phone's clock, which anyone holding it can move forward, so the number of guesses is capped
/// too. What is left is "Lupa PIN" (restore a backup, or the wipe after a day's wait).
pub const MAX_TRIES: u32 = 20;

/// Whether `failures` wrong PINs in a row have used up every try.
pub fn tries_used_up(failures: u32) -> bool {
    failures >= MAX_TRIES
}

/// Seconds the next try must wait after `failures` wrong PINs in a row: none for the first
/// five, then 30 s, doubling up to an hour.
pub fn wait_after(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (FIRST_WAIT_S << doublings).min(MAX_WAIT_S)
}

/// Whether an app that left the screen at `left_ms` must be locked at `now_ms`. A clock that
/// went backwards locks too (it cannot tell how long the phone was away).
pub fn must_relock(left_ms: i64, now_ms: i64, lock_after_min: u32) -> bool {
    let away = now_ms.saturating_sub(left_ms);
    away < 0 || away >= i64::from(lock_after_min) * 60_000
}

/// A leaving of the screen this soon after the app opened WhatsApp (or the share sheet) is the
/// official going to that chat.
pub const HANDOFF_WINDOW_MS: i64 = 15_000;

/// How long a chat the app opened may keep the official away without the PIN being asked:
/// the time in that chat does not count up to this, so replying to a resident does not lock,
/// but a phone left in WhatsApp over a long break still is.
pub const CHAT_AWAY_MAX_MIN: u32 = 60;

/// `must_relock` for an absence that began at `left_ms`, where `handoff_ms` is when the app last
/// opened a chat or the share sheet: an absence that began with that hand-off may last up to
/// `CHAT_AWAY_MAX_MIN` (or the office's own time, if longer).
pub fn must_relock_after(
    left_ms: i64,
    now_ms: i64,
    lock_after_min: u32,
    handoff_ms: Option<i64>,
) -> bool {
    let to_chat = handoff_ms.is_some_and(|h| {
        let gap = left_ms.saturating_sub(h);
        (0..=HANDOFF_WINDOW_MS).contains(&gap)
    });
    let allowed = if to_chat {
        lock_after_min.max(CHAT_AWAY_MAX_MIN)
    } else {
        lock_after_min
    };
    must_relock(left_ms, now_ms, allowed)
}

/// "30 detik", "2 menit", "1 jam" for a wait.
pub fn wait_text(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds} detik"),
        60..=3599 => format!("{} menit", seconds.div_ceil(60)),
        _ => format!("{} jam", seconds.div_ceil(3600)),
    }
}

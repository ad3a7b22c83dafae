//! The PIN lock as the screens use it: first-start choice (set a PIN or skip it, with a warning
//! that stays in Pengaturan), unlock with a growing wait after wrong PINs that survives a
//! restart, locking again after minutes in the background, changing or removing the PIN, and
//! "Lupa PIN": restore from an encrypted backup (the PIN is then chosen anew) or wipe the phone's
//! data. The rules are in `domain::lock`; the state lives in the settings table.
//!
//! The lock guards the screens of a phone someone else holds (family, a finder). The data file
//! itself is protected by Android's app sandbox and device encryption, see SECURITY.md.

use crate::domain::lock::{self, PinError};

use super::{App, AppError, FieldError};

/// Settings keys.
pub mod key {
    /// The PHC string of the PIN's argon2id hash.
    pub const PIN_HASH: &str = "pin_hash";
    /// "1" when the official chose to use the app without a PIN.
    pub const SKIPPED: &str = "pin_dilewati";
    /// Wrong PINs in a row.
    pub const FAILURES: &str = "pin_salah_beruntun";
    /// UTC milliseconds before which no PIN is checked.
    pub const NEXT_TRY: &str = "pin_coba_lagi_ms";
    /// Minutes in the background before the app locks again.
    pub const LOCK_AFTER: &str = "kunci_setelah_menit";
    /// "0" when the official allowed screenshots and the recent-apps preview.
    pub const SECURE_SCREEN: &str = "layar_aman";
    /// When "Hapus semua data" was asked for (UTC ms); the wipe waits a day.
    pub const WIPE_ASKED: &str = "hapus_diminta_ms";
}

/// What the screen shows before anything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockStatus {
    /// First start: set a PIN or skip.
    Setup,
    /// Ask for the PIN; `wait_s` > 0 while wrong guesses make it wait.
    Locked { wait_s: u64, failures: u32 },
    /// The app is open; `without_pin` when the office skipped the PIN.
    Open { without_pin: bool },
}

/// Kept in memory only: unlocked or not, and the background period being watched.
#[derive(Debug, Default)]
pub(crate) struct LockRuntime {
    unlocked: bool,
    /// When the screen timer first saw the app in the background.
    away_since: Option<i64>,
    /// The platform's last "left the screen" time already taken into account.
    seen_left_at: Option<i64>,
    /// When the app last opened WhatsApp or the share sheet: the absence that follows is that
    /// chat, and its time does not count (up to `lock::CHAT_AWAY_MAX_MIN`).
    handed_off_at: Option<i64>,
    /// The end of the current PIN wait on the elapsed clock (`Clock::elapsed_ms`), which
    /// nobody can set: while the app runs, moving the phone's clock forward does not end it.
    wait_until_elapsed: Option<i64>,
    /// When the wipe was asked for on the elapsed clock, while the app has run since: the
    /// day's wait is measured on it too.
    pub(super) wipe_asked_elapsed: Option<i64>,
}

/// Pengaturan's view of the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockSettings {
    pub has_pin: bool,
    pub lock_after_min: u32,
    pub secure_screen: bool,
}

pub(super) fn field(name: &str, e: impl ToString) -> FieldError {
    FieldError {
        field: name.to_string(),
        message: e.to_string(),
    }
}

/// The `pin-lama` field error when the typed current PIN does not match the stored hash.
fn old_pin_error(typed: &str, stored: &str) -> Option<FieldError> {
    match lock::verify_pin(typed, stored) {
        Ok(()) => None,
        Err(PinError::Wrong) => Some(field("pin-lama", "PIN lama salah.")),
        Err(e) => Some(field("pin-lama", e)),
    }
}

impl App {
    pub(super) fn runtime(&self) -> std::sync::MutexGuard<'_, LockRuntime> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Opens the app without the PIN: the phone confirmed the official's fingerprint
    /// (`app::fingerprint`). The wrong-PIN count stays as it is.
    pub(super) fn open_by_fingerprint(&self) {
        let mut rt = self.runtime();
        rt.unlocked = true;
        rt.away_since = None;
    }

    /// The app is opening WhatsApp or the share sheet now (see `LockRuntime::handed_off_at`).
    pub(super) fn note_handoff(&self) {
        let now = self.book().map(|b| b.now_ms());
        if let Ok(now) = now {
            self.runtime().handed_off_at = Some(now);
        }
    }

    /// The stored PIN hash (`None`: no PIN set, or removed).
    fn pin_hash(&self) -> Result<Option<String>, AppError> {
        Ok(self
            .stored_setting(key::PIN_HASH)?
            .filter(|h| !h.is_empty()))
    }

    /// Whether the screens may show the case book now.
    pub fn lock_status(&self) -> Result<LockStatus, AppError> {
        if !self.has_case_book() {
            // Without a case book there is nothing personal to guard (catalog only).
            return Ok(LockStatus::Open { without_pin: false });
        }
        if self.pin_hash()?.is_none() {
            let skipped = self.stored_setting(key::SKIPPED)?.as_deref() == Some("1");
            return Ok(if skipped {
                LockStatus::Open { without_pin: true }
            } else {
                LockStatus::Setup
            });
        }
        if self.runtime().unlocked {
            return Ok(LockStatus::Open { without_pin: false });
        }
        let (failures, next_try) = self.attempts()?;
        let now = self.book()?.now_ms();
        let wait_ms = next_try
            .saturating_sub(now)
            .max(self.elapsed_wait_ms()?)
            .max(0);
        Ok(LockStatus::Locked {
            wait_s: (wait_ms as u64).div_ceil(1000),
            failures,
        })
    }

    /// Wrong PINs in a row and when the next try is allowed. The stored time is never more
    /// than the longest wait ahead of the clock: a phone clock moved back (a year, by hand or
    /// a dead battery) cannot lock the official out for longer than an hour.
    fn attempts(&self) -> Result<(u32, i64), AppError> {
        let failures = self
            .stored_setting(key::FAILURES)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let next_try: i64 = self
            .stored_setting(key::NEXT_TRY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut book = self.book()?;
        let now = book.now_ms();
        let latest = now.saturating_add(lock::MAX_WAIT_S as i64 * 1000);
        if next_try > latest {
            // Kept, so the hour runs from here instead of sliding with the clock.
            book.store
                .set_settings(&[(key::NEXT_TRY, &latest.to_string())], now)?;
            return Ok((failures, latest));
        }
        Ok((failures, next_try))
    }

    /// Sets a new PIN (first start, or Pengaturan). When a PIN exists, `current` must match it.
    /// Field errors: `pin-lama`, `pin`, `pin2`.
    pub fn set_pin(&self, current: Option<&str>, pin: &str, repeat: &str) -> Result<(), AppError> {
        let mut errors = Vec::new();
        if let Some(stored) = self.pin_hash()? {
            errors.extend(old_pin_error(current.unwrap_or(""), &stored));
        }
        let pin = pin.trim();
        if let Err(e) = lock::check_new_pin(pin) {
            errors.push(field("pin", e));
        } else if pin != repeat.trim() {
            errors.push(field("pin2", PinError::Mismatch));
        }
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }
        let salt: [u8; 16] = super::os_random()?;
        let hash = lock::hash_pin(pin, &salt).map_err(|e| AppError::Form(vec![field("pin", e)]))?;
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(
            &[
                (key::PIN_HASH, &hash),
                (key::SKIPPED, ""),
                (key::FAILURES, "0"),
                (key::NEXT_TRY, "0"),
            ],
            now,
        )?;
        drop(book);
        let mut rt = self.runtime();
        rt.unlocked = true;
        rt.wait_until_elapsed = None;
        Ok(())
    }

    /// First start: go on without a PIN (Pengaturan keeps warning).
    pub fn skip_pin(&self) -> Result<(), AppError> {
        if self.lock_status()? != LockStatus::Setup {
            return Err(AppError::PinAlreadySet);
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(&[(key::SKIPPED, "1")], now)?;
        Ok(())
    }

    /// Pengaturan: removes the PIN after checking it (the app then opens without one).
    pub fn remove_pin(&self, current: &str) -> Result<(), AppError> {
        let stored = self.pin_hash()?.ok_or_else(|| AppError::NoPin)?;
        if let Some(error) = old_pin_error(current, &stored) {
            return Err(AppError::Form(vec![error]));
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .set_settings(&[(key::PIN_HASH, ""), (key::SKIPPED, "1")], now)?;
        Ok(())
    }

    /// Checks a typed PIN. A wrong one counts; from the fifth on, the next try waits (30 s,
    /// doubling to an hour), and the wait is stored so a restart does not shorten it.
    /// Field error `pin`.
    pub fn unlock(&self, pin: &str) -> Result<(), AppError> {
        self.check_pin_counted(pin, "pin")?;
        let mut rt = self.runtime();
        rt.unlocked = true;
        rt.away_since = None;
        Ok(())
    }

    /// Asks the PIN again before a change to where data goes or how it is protected (the
    /// WebDAV copy, the catalog's trusted keys, the re-lock time, the private screen): someone
    /// holding the unlocked phone for a minute cannot redirect the office's data. Without a
    /// PIN there is nothing to ask. Wrong PINs count and wait exactly as at the lock screen.
    /// The error is said under `field`.
    pub fn confirm_pin(&self, typed: &str, field_name: &str) -> Result<(), AppError> {
        if typed.trim().is_empty() && self.pin_hash()?.is_some() {
            // Not a guess: an empty field does not count against the official.
            return Err(AppError::Form(vec![field(
                field_name,
                "Isi PIN untuk menyimpan perubahan ini.",
            )]));
        }
        self.check_pin_counted(typed, field_name)
    }

    /// The PIN check shared by the lock screen and [`App::confirm_pin`].
    fn check_pin_counted(&self, pin: &str, field_name: &str) -> Result<(), AppError> {
        let stored = match self.pin_hash()? {
            Some(stored) => stored,
            None => return Ok(()),
        };
        let (failures, next_try) = self.attempts()?;
        let now = self.book()?.now_ms();
        if lock::tries_used_up(failures) {
            // Not even the right PIN is checked: the cap is what stops a guesser who moves
            // the clock past every wait.
            return Err(AppError::Form(vec![field(field_name, used_up_text())]));
        }
        let still = next_try.saturating_sub(now).max(self.elapsed_wait_ms()?);
        if still > 0 {
            let wait = (still as u64).div_ceil(1000);
            return Err(AppError::Form(vec![field(
                field_name,
                format!(
                    "Terlalu banyak PIN salah. Coba lagi dalam {}.",
                    lock::wait_text(wait)
                ),
            )]));
        }
        match lock::verify_pin(pin.trim(), &stored) {
            Ok(()) => {
                {
                    let mut rt = self.runtime();
                    rt.wait_until_elapsed = None;
                    rt.wipe_asked_elapsed = None;
                }
                // The right PIN also cancels a wipe someone asked for.
                let wipe_asked = self.wipe_asked()?.is_some();
                if failures > 0 || next_try > 0 || wipe_asked {
                    let mut book = self.book()?;
                    book.store.set_settings(
                        &[
                            (key::FAILURES, "0"),
                            (key::NEXT_TRY, "0"),
                            (key::WIPE_ASKED, ""),
                        ],
                        now,
                    )?;
                }
                Ok(())
            }
            Err(PinError::Wrong) => {
                let failures = failures.saturating_add(1);
                let wait = lock::wait_after(failures);
                let next = now.saturating_add(wait as i64 * 1000);
                let elapsed = self.book()?.elapsed_ms();
                self.runtime().wait_until_elapsed =
                    (wait > 0).then(|| elapsed.saturating_add(wait as i64 * 1000));
                let mut book = self.book()?;
                book.store.set_settings(
                    &[
                        (key::FAILURES, &failures.to_string()),
                        (key::NEXT_TRY, &next.to_string()),
                    ],
                    now,
                )?;
                let left = lock::MAX_TRIES.saturating_sub(failures);
                let message = if lock::tries_used_up(failures) {
                    used_up_text()
                } else if wait > 0 && left <= 5 {
                    format!(
                        "PIN salah. Coba lagi dalam {}. Tinggal {left} kali coba; sesudahnya PIN tidak bisa dicoba lagi di HP ini.",
                        lock::wait_text(wait)
                    )
                } else if wait > 0 {
                    format!("PIN salah. Coba lagi dalam {}.", lock::wait_text(wait))
                } else {
                    let left = lock::FREE_TRIES - failures;
                    format!("PIN salah. Sisa {left} kali sebelum harus menunggu.")
                };
                Err(AppError::Form(vec![field(field_name, message)]))
            }
            Err(e) => Err(AppError::Form(vec![field(field_name, e)])),
        }
    }

    /// What is left of the PIN wait on the elapsed clock, in milliseconds (0 when none).
    fn elapsed_wait_ms(&self) -> Result<i64, AppError> {
        let Some(until) = self.runtime().wait_until_elapsed else {
            return Ok(0);
        };
        let elapsed = self.book()?.elapsed_ms();
        Ok(until.saturating_sub(elapsed).max(0))
    }

    /// Whether every PIN try on this phone is used up ([`lock::MAX_TRIES`] wrong in a row).
    pub fn pin_tries_used_up(&self) -> Result<bool, AppError> {
        if self.pin_hash()?.is_none() {
            return Ok(false);
        }
        Ok(lock::tries_used_up(self.attempts()?.0))
    }

    /// Locks at once (the lock button).
    pub fn lock_now(&self) {
        self.runtime().unlocked = false;
    }

    /// Called by the screen's timer every second: locks when the app was away from the screen
    /// for the set minutes (also when it is still away, so it comes back locked). Fails
    /// closed: when the lock state cannot be worked out (the book cannot be read), the app
    /// locks and Beranda says why; the error is returned too.
    pub fn lock_tick(&self) -> Result<(), AppError> {
        let result = self.lock_step();
        if let Err(e) = &result {
            self.lock_now();
            self.add_notice(format!(
                "Kunci aplikasi tidak bisa diperiksa ({e}), jadi aplikasi dikunci. Bila terus \
                 terjadi, tutup dan buka lagi aplikasi."
            ));
        }
        result
    }

    fn lock_step(&self) -> Result<(), AppError> {
        if !self.has_case_book() {
            return Ok(());
        }
        let now = self.book()?.now_ms();
        let after = self.lock_settings()?.lock_after_min;
        let on_screen = self.platform.in_foreground();
        let left_at = self.platform.left_screen_at_ms();
        let mut rt = self.runtime();
        // A leaving the platform reported that was not counted yet.
        let fresh_left = left_at.filter(|&at| Some(at) != rt.seen_left_at);
        if fresh_left.is_some() {
            rt.seen_left_at = fresh_left;
        }
        let handoff = rt.handed_off_at;
        let relock = if !on_screen {
            let since = *rt.away_since.get_or_insert(fresh_left.unwrap_or(now));
            lock::must_relock_after(since, now, after, handoff)
        } else if let Some(since) = rt.away_since.take().or(fresh_left) {
            // Back on screen: the period the timer watched, or one it did not see (Android
            // may pause the timer while the app is in the background). The next absence is
            // not that chat any more.
            rt.handed_off_at = None;
            lock::must_relock_after(since, now, after, handoff)
        } else {
            false
        };
        if relock {
            rt.unlocked = false;
        }
        Ok(())
    }

    /// The lock part of Pengaturan.
    pub fn lock_settings(&self) -> Result<LockSettings, AppError> {
        let after = self.number_setting(
            key::LOCK_AFTER,
            1..=lock::MAX_LOCK_AFTER_MIN,
            lock::DEFAULT_LOCK_AFTER_MIN,
        )?;
        Ok(LockSettings {
            has_pin: self.pin_hash()?.is_some(),
            lock_after_min: after,
            secure_screen: self.stored_setting(key::SECURE_SCREEN)?.as_deref() != Some("0"),
        })
    }

    /// The phone itself has no screen lock (so Android does not encrypt the files at rest
    /// with a secret): Pengaturan says so. False when the platform cannot tell. A call into
    /// Android, so kept out of `lock_settings`, which the one-second lock timer and every
    /// screen read.
    pub fn phone_without_screen_lock(&self) -> bool {
        self.platform.device_secure() == Some(false)
    }

    /// Saves the minutes before locking again (field `kunci-menit`, 1 to 1440). A longer time
    /// than now asks for the PIN (field `pin-lama`, as when changing the PIN) when one is set.
    pub fn set_lock_after(&self, minutes: &str, pin: &str) -> Result<(), AppError> {
        let parsed = minutes
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=lock::MAX_LOCK_AFTER_MIN).contains(m))
            .ok_or_else(|| {
                AppError::Form(vec![field(
                    "kunci-menit",
                    format!(
                        "Isi angka menit dari 1 sampai {}.",
                        lock::MAX_LOCK_AFTER_MIN
                    ),
                )])
            })?;
        // A shorter wait protects more and needs no PIN; a longer one does.
        if parsed > self.lock_settings()?.lock_after_min {
            self.confirm_pin(pin, "pin-lama")?;
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .set_settings(&[(key::LOCK_AFTER, &parsed.to_string())], now)?;
        Ok(())
    }

    /// Turns the private screen (no screenshots, blank recent-apps preview) on or off and tells
    /// the platform at once. Turning it off asks for the PIN when one is
    /// set (field `pin-lama`); turning it on never does.
    pub fn set_secure_screen(&self, on: bool, pin: &str) -> Result<(), AppError> {
        if !on {
            self.confirm_pin(pin, "pin-lama")?;
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .set_settings(&[(key::SECURE_SCREEN, if on { "1" } else { "0" })], now)?;
        drop(book);
        self.platform.set_secure_screen(on)?;
        Ok(())
    }

    /// Applies the stored private-screen setting (at start).
    pub fn apply_secure_screen(&self) -> Result<(), AppError> {
        let on = !self.has_case_book() || self.lock_settings()?.secure_screen;
        self.platform.set_secure_screen(on)?;
        Ok(())
    }

    /// The lock settings to carry over a restore, so a restored database does not bring back
    /// another PIN. `None` values are written as empty.
    pub(crate) fn lock_snapshot(&self) -> Result<Vec<(&'static str, String)>, AppError> {
        let mut out = Vec::new();
        for k in [
            key::PIN_HASH,
            key::SKIPPED,
            key::FAILURES,
            key::NEXT_TRY,
            key::LOCK_AFTER,
            key::SECURE_SCREEN,
            key::WIPE_ASKED,
        ] {
            out.push((k, self.stored_setting(k)?.unwrap_or_default()));
        }
        Ok(out)
    }

    /// After a restore: the phone's lock settings as they were (unlocked path), or none at all
    /// when the restore was the way out of a forgotten PIN (the official then sets a new one).
    /// Only settings that differ are written, so a restore that changes nothing about the lock
    /// leaves the restored rows exactly as in the backup.
    pub(crate) fn put_lock_after_restore(
        &self,
        before: &[(&'static str, String)],
        forgot_pin: bool,
    ) -> Result<(), AppError> {
        let wanted: Vec<(&str, String)> = if forgot_pin {
            vec![
                (key::PIN_HASH, String::new()),
                (key::SKIPPED, String::new()),
                (key::FAILURES, String::new()),
                (key::NEXT_TRY, String::new()),
                // The restore was the way out; a wipe asked for before it is not carried on.
                (key::WIPE_ASKED, String::new()),
            ]
        } else {
            before.iter().map(|(k, v)| (*k, v.clone())).collect()
        };
        let mut changes = Vec::new();
        for (k, v) in &wanted {
            let now_there = self.stored_setting(k)?.unwrap_or_default();
            let same = now_there == *v
                || (matches!(*k, key::FAILURES | key::NEXT_TRY)
                    && now_there.parse::<i64>().unwrap_or(0) == v.parse::<i64>().unwrap_or(0));
            if !same {
                changes.push((*k, v.as_str()));
            }
        }
        if !changes.is_empty() {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.set_settings(&changes, now)?;
        }
        if forgot_pin {
            let mut rt = self.runtime();
            rt.unlocked = false;
            rt.wait_until_elapsed = None;
            rt.wipe_asked_elapsed = None;
        }
        Ok(())
    }
}

/// What the PIN field says once every try is used up.
fn used_up_text() -> String {
    format!(
        "PIN sudah {} kali salah berturut-turut. Demi data warga, PIN tidak bisa dicoba lagi di HP ini. Pakai \"Lupa PIN?\": pulihkan dari cadangan, atau hapus semua data.",
        lock::MAX_TRIES
    )
}

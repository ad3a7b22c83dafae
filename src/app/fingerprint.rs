//! "Buka dengan sidik jari": the phone's own fingerprint check (Android's BiometricPrompt)
//! opens the app in place of typing the PIN. Off until the official turns it on with the PIN
//! (Pengaturan › Kunci & privasi), only while a PIN is set, and only where the phone can check
//! a fingerprint. The PIN stays the way in that always works ("Pakai PIN" on the prompt).
//!
//! Any fingerprint enrolled on the phone opens the app, so Pengaturan says so. Like the PIN
//! itself, the choice belongs to this phone only.

use super::{App, AppError};

/// Where the choice is kept ("1": on).
const KEY: &str = "buka_sidik_jari";

impl App {
    /// Whether the phone can check a fingerprint at all (Pengaturan offers the switch only
    /// then). A call into Android: not for the one-second timer.
    pub fn fingerprint_possible(&self) -> bool {
        self.platform.can_use_fingerprint()
    }

    /// Whether the lock screen offers the fingerprint: turned on, and a PIN is set.
    pub fn fingerprint_unlock_on(&self) -> bool {
        self.has_case_book()
            && self.lock_settings().is_ok_and(|s| s.has_pin)
            && self
                .stored_setting(KEY)
                .ok()
                .flatten()
                .is_some_and(|v| v == "1")
    }

    /// Turns "Buka dengan sidik jari" on or off. Both ask for the PIN (field `pin-lama`): it
    /// changes how the app is opened. Turning it on needs a PIN and a phone that can check a
    /// fingerprint (field `sidik-jari`).
    pub fn set_fingerprint_unlock(&self, on: bool, pin: &str) -> Result<(), AppError> {
        if on && !self.lock_settings()?.has_pin {
            return Err(AppError::field(
                "sidik-jari",
                "Pasang PIN dulu: sidik jari menjadi jalan pintas untuk PIN itu.",
            ));
        }
        self.confirm_pin(pin, "pin-lama")?;
        if on && !self.fingerprint_possible() {
            return Err(AppError::field(
                "sidik-jari",
                "HP ini belum bisa memeriksa sidik jari. Daftarkan sidik jari di Setelan HP › \
                 Keamanan, lalu coba lagi.",
            ));
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .set_settings(&[(KEY, if on { "1" } else { "0" })], now)?;
        Ok(())
    }

    /// Shows the phone's fingerprint prompt while the app is locked (the answer arrives in
    /// `fingerprint_tick`). Does nothing when the app is open, the choice is off, or wrong
    /// PINs used up the tries (then only "Lupa PIN" opens the book again, as without it).
    pub fn ask_fingerprint(&self) -> Result<(), AppError> {
        let locked = matches!(self.lock_status()?, super::lock::LockStatus::Locked { .. });
        if locked && self.fingerprint_unlock_on() && !self.pin_tries_used_up()? {
            self.platform.ask_fingerprint("Buka Layanan Desa")?;
        }
        Ok(())
    }

    /// Once a second from the screen: takes the prompt's answer. A confirmed fingerprint opens
    /// the app when the choice is still on, a PIN still set and the tries not used up; anything
    /// else changes nothing.
    /// True when the app opened.
    pub fn fingerprint_tick(&self) -> bool {
        match self.platform.take_fingerprint_result() {
            Some(true)
                if self.fingerprint_unlock_on() && self.pin_tries_used_up().is_ok_and(|u| !u) =>
            {
                self.open_by_fingerprint();
                true
            }
            _ => false,
        }
    }
}

//! The phone or computer the app runs on, behind one trait: opening a WhatsApp chat, the data
//! directory, shared text in and out, and saving exported files. The only module with `cfg(target_os)` and `jni`.
//! Implementations: `desktop` (the preview), `recording` (tests record calls instead of
//! leaving the machine), `android` (JNI through `jni_bridge`, whose calls are tested on a
//! desktop JVM).

use std::sync::Arc;

use thiserror::Error;

use crate::domain::reminder::{Reminder, ReminderKind};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};

#[cfg(target_os = "android")]
pub mod android;
pub mod android_api;
#[cfg(not(target_os = "android"))]
pub mod desktop;
pub mod jni_bridge;
pub mod recording;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlatformError {
    #[error("WhatsApp tidak ditemukan di HP ini, dan tautan wa.me juga tidak bisa dibuka. Salin teksnya lalu kirim manual.")]
    NoWhatsApp,
    #[error("Tautan WhatsApp tidak bisa dibuka: {0}. Salin teksnya lalu kirim manual.")]
    OpenFailed(String),
    #[error("Folder data aplikasi tidak ditemukan: {0}")]
    NoDataDir(String),
    #[error("Android menolak permintaan: {0}")]
    Android(String),
    #[error("{0} tidak tersedia di perangkat ini.")]
    Unsupported(&'static str),
    #[error("Berkas tidak bisa disimpan di {path}: {reason}")]
    SaveFailed { path: String, reason: String },
    #[error("Berkas yang dipilih tidak bisa dibaca: {0}")]
    ReadFailed(String),
}

/// What the app asks of the device.
/// Where a file shared with `Platform::share_private` went, in words (Android and the test
/// double say the same).
pub fn private_share_place(name: &str) -> String {
    format!("lembar berbagi ({name}; tidak disimpan di Unduhan)")
}

pub trait Platform: Send + Sync + 'static {
    /// Opens the chat with the first target that works, and says which one did.
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError>;

    /// Where the app keeps its database and backups.
    fn data_dir(&self) -> Result<std::path::PathBuf, PlatformError>;

    /// The share sheet with plain text, for when no WhatsApp number is known.
    fn share_text(&self, text: &str) -> Result<(), PlatformError>;

    /// Text another app shared into this one (a resident's WhatsApp message), taken once.
    fn take_shared_text(&self) -> Result<Option<String>, PlatformError>;

    /// Saves an exported file (CSV report, poster) where the official finds it, and says
    /// where in words ("Disimpan di ...").
    fn save_file(&self, name: &str, mime: &str, bytes: &[u8]) -> Result<String, PlatformError>;

    /// Saves a file and offers it to other apps (Android: a copy in Unduhan, then the share
    /// sheet titled `title`); says where it went, in words.
    fn share_file(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        title: &str,
    ) -> Result<String, PlatformError>;

    /// Asks the official to pick a file (Android: the system file picker). The choice arrives
    /// later through `take_picked_file`; cancelling delivers nothing.
    fn pick_file(&self, mime: &str) -> Result<(), PlatformError>;

    /// The file picked since the last call, taken once.
    fn take_picked_file(&self) -> Result<Option<PickedFile>, PlatformError>;

    /// Opens a web page in the browser (the download page of a new app version).
    fn open_url(&self, url: &str) -> Result<(), PlatformError>;

    /// Whether the app is on screen. Background network jobs run only then, and a running one
    /// is dropped when the app goes to the background (Android: onPause).
    fn in_foreground(&self) -> bool {
        true
    }

    /// When the app last left the screen (UTC milliseconds, the device's clock), `None` if it
    /// never did. The PIN lock uses it to lock again after a while in the background, even when
    /// the screen's own timer did not run meanwhile.
    fn left_screen_at_ms(&self) -> Option<i64> {
        None
    }

    /// Keeps the app's screen out of screenshots, screen recordings and the recent-apps
    /// preview (Android: `FLAG_SECURE` on the activity's window), or allows them again.
    fn set_secure_screen(&self, _on: bool) -> Result<(), PlatformError> {
        Ok(())
    }

    /// The share sheet with a file that never becomes public (Android: kept in the app's
    /// private cache, readable only by the app the official picks). For files holding
    /// residents' data. Returns where it went, in words. The desktop preview has no share
    /// sheet: it saves like `save_file` and says so.
    fn share_private(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        title: &str,
    ) -> Result<String, PlatformError> {
        let _ = title;
        self.save_file(name, mime, bytes)
    }

    /// The private folder files shared with `share_private` wait in until the receiving app
    /// has read them (Android: `cacheDir/berbagi`); `None` where shares leave no file the app
    /// owns. Emptied after an erasure, so a list with a resident's data does not outlive it.
    fn private_share_dir(&self) -> Option<std::path::PathBuf> {
        None
    }

    /// Puts a reply on the phone's clipboard (Android: `ClipboardManager`). `Ok(false)` where
    /// the platform leaves copying to the WebView (the desktop preview).
    fn copy_text(&self, _label: &str, _text: &str) -> Result<bool, PlatformError> {
        Ok(false)
    }

    /// What the clipboard holds, for "Tempel pesan WA" (Android: `ClipboardManager`, read while
    /// the app is on screen). `Paste::LeftToPage` where the platform leaves reading it to the
    /// WebView (the desktop preview).
    fn paste_text(&self) -> Result<Paste, PlatformError> {
        Ok(Paste::LeftToPage)
    }

    /// Empties the clipboard when it still holds exactly `text`: `Some(true)` emptied,
    /// `Some(false)` it holds something else (left alone), `None` the platform cannot tell
    /// now (Android 10+ while the app is not on screen; the desktop preview).
    fn clear_copied_text(&self, _text: &str) -> Result<Option<bool>, PlatformError> {
        Ok(None)
    }

    /// Whether the phone itself has a screen lock (PIN, pattern, password): Android's file
    /// encryption, which protects the case book at rest, depends on it. `None` where the
    /// platform cannot tell (the desktop preview).
    fn device_secure(&self) -> Option<bool> {
        None
    }

    /// Whether the phone can check the official's fingerprint (Android: BiometricPrompt with a
    /// fingerprint or face set up). The desktop preview cannot.
    fn can_use_fingerprint(&self) -> bool {
        false
    }

    /// Shows the phone's fingerprint prompt titled `title`; its answer arrives later through
    /// `take_fingerprint_result`.
    fn ask_fingerprint(&self, _title: &str) -> Result<(), PlatformError> {
        Err(PlatformError::Unsupported("Sidik jari"))
    }

    /// The prompt's answer since the last call, taken once: `true` for a confirmed
    /// fingerprint, `false` for "Pakai PIN", a cancel or too many tries.
    fn take_fingerprint_result(&self) -> Option<bool> {
        None
    }

    /// Arms `plan` in place of every reminder armed before (an empty plan cancels them all),
    /// and says how they will reach the official. Android: notifications through AlarmManager,
    /// armed again after a restart of the phone. Elsewhere the app shows them on screen.
    fn set_reminders(&self, _plan: &[Reminder]) -> Result<ReminderDelivery, PlatformError> {
        Ok(ReminderDelivery::OnScreen)
    }

    /// The reminder the official tapped to open the app, taken once.
    fn take_opened_reminder(&self) -> Result<Option<ReminderKind>, PlatformError> {
        Ok(None)
    }

    /// Whether notifications can show; where the phone asks first (Android 13+), asks now and
    /// answers for the moment before the official chose (`false`).
    fn allow_notifications(&self) -> Result<bool, PlatformError> {
        Ok(true)
    }
}

/// How armed reminders reach the official.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderDelivery {
    /// The phone shows them even when the app is closed.
    Notifications,
    /// The app shows them on its own screen once their moment came (the desktop preview).
    OnScreen,
}

/// The plan as `MainActivity.setReminders` reads it: a JSON array of `{id, at, title, text,
/// open}`, `open` being the list the tap opens (`ReminderKind::key`).
pub fn reminders_json(plan: &[Reminder]) -> String {
    let items: Vec<serde_json::Value> = plan
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "at": r.at_ms,
                "title": r.title,
                "text": r.text,
                "open": r.kind.key(),
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// What the clipboard held when the official tapped "Tempel".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paste {
    Text(String),
    /// Nothing, or nothing that is text.
    Empty,
    /// The platform does not read the clipboard; the page asks the WebView.
    LeftToPage,
}

/// A file the official picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The largest file the app reads from a picker (a backup of 50,000 cases is far smaller).
pub const MAX_PICKED_BYTES: usize = 512 * 1024 * 1024;

/// The platform of the machine the app was built for.
#[cfg(not(target_os = "android"))]
pub fn native() -> Arc<dyn Platform> {
    Arc::new(desktop::Desktop)
}

/// The platform of the machine the app was built for.
#[cfg(target_os = "android")]
pub fn native() -> Arc<dyn Platform> {
    Arc::new(android::Android)
}

/// `name`, or `name (2)`, `name (3)` ... before the extension: the first that does not exist.
pub fn free_name(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let candidate = dir.join(name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, format!(".{ext}")),
        None => (name, String::new()),
    };
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(candidate)
}

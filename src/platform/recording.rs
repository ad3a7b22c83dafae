//! A platform for tests and the browser test host: it records every request instead of leaving
//! the machine, and plays a phone with a chosen set of installed apps, so the fallback order
//! (WhatsApp Business, WhatsApp, browser) can be checked without a phone.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::domain::reminder::{Reminder, ReminderKind};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::{PickedFile, Platform, PlatformError};

/// Which apps the pretend phone has.
#[derive(Debug, Clone)]
pub struct Device {
    pub installed_packages: Vec<&'static str>,
    pub has_browser: bool,
    /// Whether the pretend phone has a screen lock (`None`: cannot tell).
    pub screen_lock: Option<bool>,
    /// Shows notifications itself (an Android phone), instead of leaving reminders to the
    /// app's screen (the desktop preview).
    pub notifications: bool,
    /// Has a fingerprint set up that the app may ask for.
    pub fingerprint: bool,
}

impl Default for Device {
    /// A phone with WhatsApp Business and a browser, the office's usual set-up.
    fn default() -> Self {
        Device {
            installed_packages: vec![crate::domain::whatsapp::WHATSAPP_BUSINESS],
            has_browser: true,
            screen_lock: Some(true),
            notifications: false,
            fingerprint: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Recording {
    device: Device,
    chats: Arc<Mutex<Vec<ChatRequest>>>,
    shares: Arc<Mutex<Vec<String>>>,
    /// Texts "shared into the app", handed out oldest first.
    incoming: Arc<Mutex<Vec<String>>>,
    saved: Arc<Mutex<Vec<SavedFile>>>,
    shared_files: Arc<Mutex<Vec<SavedFile>>>,
    /// Files shared from the private cache (never saved anywhere public).
    private_shares: Arc<Mutex<Vec<SavedFile>>>,
    /// The file the pretend picker offers next (`None`: the official cancels).
    offered: Arc<Mutex<Option<PickedFile>>>,
    picked: Arc<Mutex<Option<PickedFile>>>,
    picks: Arc<Mutex<Vec<String>>>,
    urls: Arc<Mutex<Vec<String>>>,
    background: Arc<std::sync::atomic::AtomicBool>,
    left_at_ms: Arc<std::sync::atomic::AtomicI64>,
    /// How often the app asked when it left the screen: once per lock tick.
    left_screen_reads: Arc<std::sync::atomic::AtomicU64>,
    secure: Arc<Mutex<Option<bool>>>,
    /// The phone's clipboard, as Android's `ClipboardManager` holds it.
    clipboard: Arc<Mutex<Option<String>>>,
    /// The reminders armed last (`None`: never asked).
    reminders: Arc<Mutex<Option<Vec<Reminder>>>>,
    /// How often the app armed reminders.
    reminder_calls: Arc<std::sync::atomic::AtomicU64>,
    /// The reminder the official "tapped", until the app takes it.
    tapped: Arc<Mutex<Option<ReminderKind>>>,
    /// Titles of the fingerprint prompts shown, and the answer waiting for the app.
    fingerprint_asks: Arc<Mutex<Vec<String>>>,
    fingerprint_answer: Arc<Mutex<Option<bool>>>,
    data_dir: Option<PathBuf>,
    /// Where private shares are also written as files, as Android's `cacheDir/berbagi`.
    share_dir: Option<PathBuf>,
}

/// A file the app asked to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFile {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl Recording {
    pub fn new(device: Device) -> Recording {
        Recording {
            device,
            chats: Arc::default(),
            shares: Arc::default(),
            incoming: Arc::default(),
            saved: Arc::default(),
            shared_files: Arc::default(),
            private_shares: Arc::default(),
            offered: Arc::default(),
            picked: Arc::default(),
            picks: Arc::default(),
            urls: Arc::default(),
            background: Arc::default(),
            left_at_ms: Arc::default(),
            left_screen_reads: Arc::default(),
            secure: Arc::default(),
            clipboard: Arc::default(),
            reminders: Arc::default(),
            reminder_calls: Arc::default(),
            tapped: Arc::default(),
            fingerprint_asks: Arc::default(),
            fingerprint_answer: Arc::default(),
            data_dir: None,
            share_dir: None,
        }
    }

    /// The pretend phone keeps its files in `dir` (a temp dir in tests).
    pub fn with_data_dir(mut self, dir: PathBuf) -> Recording {
        self.data_dir = Some(dir);
        self
    }

    /// The reminders armed last (`None` if the app never armed any).
    pub fn reminders(&self) -> Option<Vec<Reminder>> {
        self.reminders.lock().ok().and_then(|r| r.clone())
    }

    /// How many times the app armed reminders (it should only when the plan changed).
    pub fn reminder_calls(&self) -> u64 {
        self.reminder_calls
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// The titles of the fingerprint prompts the app showed, oldest first.
    pub fn fingerprint_asks(&self) -> Vec<String> {
        self.fingerprint_asks
            .lock()
            .map(|a| a.clone())
            .unwrap_or_default()
    }

    /// Pretends the official answered the fingerprint prompt (`true`: a finger the phone knows).
    pub fn answer_fingerprint(&self, passed: bool) {
        if let Ok(mut answer) = self.fingerprint_answer.lock() {
            *answer = Some(passed);
        }
    }

    /// Pretends the official tapped a reminder's notification.
    pub fn tap_reminder(&self, kind: ReminderKind) {
        if let Ok(mut tapped) = self.tapped.lock() {
            *tapped = Some(kind);
        }
    }

    /// Pretends another app shared `text` into this one.
    pub fn receive_share(&self, text: &str) {
        if let Ok(mut incoming) = self.incoming.lock() {
            incoming.push(text.to_string());
        }
    }

    /// Every text sent to the share sheet so far.
    pub fn shares(&self) -> Vec<String> {
        self.shares.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Every file saved so far, oldest first.
    pub fn saved(&self) -> Vec<SavedFile> {
        self.saved.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Every file offered to other apps through the share sheet, oldest first.
    /// Files handed to the share sheet from the private cache, oldest first.
    pub fn private_shares(&self) -> Vec<SavedFile> {
        self.private_shares
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    pub fn shared_files(&self) -> Vec<SavedFile> {
        self.shared_files
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    /// The file the next `pick_file` will deliver, as if the official chose it.
    pub fn offer_file(&self, name: &str, bytes: Vec<u8>) {
        if let Ok(mut offered) = self.offered.lock() {
            *offered = Some(PickedFile {
                name: name.to_string(),
                bytes,
            });
        }
    }

    /// A file opened with the app ("Buka dengan" in WhatsApp): delivered as the picker's
    /// answer is, without any picker asked for (what `MainActivity` does with ACTION_VIEW).
    pub fn open_with(&self, name: &str, bytes: Vec<u8>) {
        if let Ok(mut picked) = self.picked.lock() {
            *picked = Some(PickedFile {
                name: name.to_string(),
                bytes,
            });
        }
    }

    /// The MIME types the picker was opened with, oldest first.
    pub fn picks(&self) -> Vec<String> {
        self.picks.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Pretends the official switched to another app (`true`) or back (`false`).
    pub fn set_background(&self, background: bool) {
        self.background
            .store(background, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many lock ticks have run so far (each asks once when the app left the screen): a
    /// test waits for ticks instead of sleeping and hoping one ran.
    pub fn lock_checks(&self) -> u64 {
        self.left_screen_reads
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Pretends Android reported leaving the screen at `at_ms` (the screen's timer may not
    /// have seen it).
    pub fn set_left_screen_at(&self, at_ms: i64) {
        self.left_at_ms
            .store(at_ms, std::sync::atomic::Ordering::SeqCst);
    }

    /// The last private-screen switch the app made (`None`: never asked).
    /// Private shares also land as files in `dir` (one at a time, as `MainActivity` keeps
    /// them), for tests of what the app leaves there.
    pub fn with_private_share_dir(mut self, dir: PathBuf) -> Recording {
        self.share_dir = Some(dir);
        self
    }

    /// What the clipboard holds now.
    pub fn clipboard(&self) -> Option<String> {
        self.clipboard.lock().map(|c| c.clone()).unwrap_or(None)
    }

    /// The official copies something in another app.
    pub fn copy_elsewhere(&self, text: &str) {
        if let Ok(mut c) = self.clipboard.lock() {
            *c = Some(text.to_string());
        }
    }

    pub fn secure_screen(&self) -> Option<bool> {
        self.secure.lock().map(|s| *s).unwrap_or(None)
    }

    /// Every web page opened so far, oldest first.
    pub fn opened_urls(&self) -> Vec<String> {
        self.urls.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// Every chat request received so far, oldest first.
    pub fn chats(&self) -> Vec<ChatRequest> {
        self.chats.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

impl Platform for Recording {
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError> {
        if let Ok(mut chats) = self.chats.lock() {
            chats.push(chat.clone());
        }
        chat.targets
            .iter()
            .find(|t| match t {
                ChatTarget::App { package, .. } => self.device.installed_packages.contains(package),
                ChatTarget::Browser { .. } => self.device.has_browser,
            })
            .cloned()
            .ok_or(PlatformError::NoWhatsApp)
    }

    fn data_dir(&self) -> Result<PathBuf, PlatformError> {
        self.data_dir
            .clone()
            .ok_or_else(|| PlatformError::NoDataDir("perangkat uji tanpa folder data".into()))
    }

    fn share_text(&self, text: &str) -> Result<(), PlatformError> {
        if let Ok(mut shares) = self.shares.lock() {
            shares.push(text.to_string());
        }
        Ok(())
    }

    fn take_shared_text(&self) -> Result<Option<String>, PlatformError> {
        Ok(self
            .incoming
            .lock()
            .ok()
            .and_then(|mut q| (!q.is_empty()).then(|| q.remove(0))))
    }

    fn save_file(&self, name: &str, mime: &str, bytes: &[u8]) -> Result<String, PlatformError> {
        record(&self.saved, name, mime, bytes);
        Ok(format!("Unduhan/{name}"))
    }

    fn share_file(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        _title: &str,
    ) -> Result<String, PlatformError> {
        record(&self.shared_files, name, mime, bytes);
        Ok(format!("Unduhan/Layanan Desa/{name}, lalu dibagikan"))
    }

    fn share_private(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        _title: &str,
    ) -> Result<String, PlatformError> {
        record(&self.private_shares, name, mime, bytes);
        if let Some(dir) = &self.share_dir {
            // As MainActivity.sharePrivate: the previous share goes, this one stays.
            let _ = std::fs::remove_dir_all(dir);
            let failed = |e: std::io::Error| PlatformError::SaveFailed {
                path: dir.display().to_string(),
                reason: e.to_string(),
            };
            std::fs::create_dir_all(dir).map_err(failed)?;
            std::fs::write(dir.join(name), bytes).map_err(failed)?;
        }
        Ok(super::private_share_place(name))
    }

    fn pick_file(&self, mime: &str) -> Result<(), PlatformError> {
        if let Ok(mut picks) = self.picks.lock() {
            picks.push(mime.to_string());
        }
        let offered = self.offered.lock().ok().and_then(|mut o| o.take());
        if let (Some(file), Ok(mut picked)) = (offered, self.picked.lock()) {
            *picked = Some(file);
        }
        Ok(())
    }

    fn in_foreground(&self) -> bool {
        !self.background.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn left_screen_at_ms(&self) -> Option<i64> {
        self.left_screen_reads
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let at = self.left_at_ms.load(std::sync::atomic::Ordering::SeqCst);
        (at != 0).then_some(at)
    }

    fn device_secure(&self) -> Option<bool> {
        self.device.screen_lock
    }

    fn private_share_dir(&self) -> Option<PathBuf> {
        self.share_dir.clone()
    }

    fn copy_text(&self, _label: &str, text: &str) -> Result<bool, PlatformError> {
        self.copy_elsewhere(text);
        Ok(true)
    }

    fn paste_text(&self) -> Result<super::Paste, PlatformError> {
        Ok(match self.clipboard() {
            Some(text) if !text.trim().is_empty() && self.in_foreground() => {
                super::Paste::Text(text)
            }
            _ => super::Paste::Empty,
        })
    }

    /// As Android 10+: the clipboard cannot be read while the app is in the background.
    fn clear_copied_text(&self, text: &str) -> Result<Option<bool>, PlatformError> {
        if !self.in_foreground() {
            return Ok(None);
        }
        let Ok(mut c) = self.clipboard.lock() else {
            return Ok(None);
        };
        if c.as_deref() != Some(text) {
            return Ok(Some(false));
        }
        *c = None;
        Ok(Some(true))
    }

    fn set_secure_screen(&self, on: bool) -> Result<(), PlatformError> {
        if let Ok(mut secure) = self.secure.lock() {
            *secure = Some(on);
        }
        Ok(())
    }

    fn open_url(&self, url: &str) -> Result<(), PlatformError> {
        if let Ok(mut urls) = self.urls.lock() {
            urls.push(url.to_string());
        }
        Ok(())
    }

    fn set_reminders(&self, plan: &[Reminder]) -> Result<super::ReminderDelivery, PlatformError> {
        if let Ok(mut armed) = self.reminders.lock() {
            *armed = Some(plan.to_vec());
        }
        self.reminder_calls
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        Ok(if self.device.notifications {
            super::ReminderDelivery::Notifications
        } else {
            super::ReminderDelivery::OnScreen
        })
    }

    fn can_use_fingerprint(&self) -> bool {
        self.device.fingerprint
    }

    fn ask_fingerprint(&self, title: &str) -> Result<(), PlatformError> {
        if !self.device.fingerprint {
            return Err(PlatformError::Unsupported("Sidik jari"));
        }
        if let Ok(mut asks) = self.fingerprint_asks.lock() {
            asks.push(title.to_string());
        }
        Ok(())
    }

    fn take_fingerprint_result(&self) -> Option<bool> {
        self.fingerprint_answer
            .lock()
            .ok()
            .and_then(|mut a| a.take())
    }

    fn take_opened_reminder(&self) -> Result<Option<ReminderKind>, PlatformError> {
        Ok(self.tapped.lock().ok().and_then(|mut t| t.take()))
    }

    fn take_picked_file(&self) -> Result<Option<PickedFile>, PlatformError> {
        Ok(self.picked.lock().ok().and_then(|mut p| p.take()))
    }
}

/// Keeps a copy of a file the app handed to the pretend phone.
fn record(list: &Mutex<Vec<SavedFile>>, name: &str, mime: &str, bytes: &[u8]) {
    if let Ok(mut files) = list.lock() {
        files.push(SavedFile {
            name: name.to_string(),
            mime: mime.to_string(),
            bytes: bytes.to_vec(),
        });
    }
}

//! The Android edge: the JNI exports Kotlin calls (`notify*`: atomics only, nothing that can
//! panic), and the `Platform` calls, each run through `jni_bridge::with_current_activity`
//! (the activity looked up anew through `ndk-context`, an error instead of a panic when it is
//! gone), whose calls are tested on a desktop JVM. Compiled only for Android.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use jni::objects::{JClass, JObject};
use jni::JNIEnv;

use crate::domain::reminder::{Reminder, ReminderKind};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::jni_bridge::{self, BridgeError};
use super::{PickedFile, Platform, PlatformError, ReminderDelivery, MAX_PICKED_BYTES};

pub struct Android;

/// Set by `MainActivity.onNewIntent` (through `notifySharedText`) when a share arrives while
/// the app runs; the UI checks it cheaply and then takes the text.
static SHARE_WAITING: AtomicBool = AtomicBool::new(true);

/// Whether a share may be waiting (always true at start, so the launch intent is read once).
pub fn share_waiting() -> bool {
    SHARE_WAITING.load(Ordering::Acquire)
}

/// Set by `MainActivity.onActivityResult` (through `notifyPickedFile`) when the file picker
/// returns, or a file was opened with the app, so the UI's polling costs no JNI call while
/// nothing happened. True at start: the launch intent may carry a file ("Buka dengan").
static PICK_WAITING: AtomicBool = AtomicBool::new(true);

/// Called from Kotlin: `external fun notifyPickedFile()` in `dev.dioxus.main.MainActivity`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_notifyPickedFile(
    _env: JNIEnv,
    _this: JClass,
) {
    PICK_WAITING.store(true, Ordering::Release);
}

/// False between `onPause` and `onResume` (through `notifyForeground`).
static FOREGROUND: AtomicBool = AtomicBool::new(true);

/// Called from Kotlin: `external fun notifyForeground(onScreen: Boolean)`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_notifyForeground(
    _env: JNIEnv,
    _this: JClass,
    on_screen: jni::sys::jboolean,
) {
    FOREGROUND.store(on_screen != 0, Ordering::Release);
    if on_screen == 0 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        LEFT_AT_MS.store(now, Ordering::Release);
    }
}

/// When `notifyForeground(false)` last came (0: never).
static LEFT_AT_MS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Called from Kotlin: `external fun notifySharedText()` in `dev.dioxus.main.MainActivity`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_notifySharedText(
    _env: JNIEnv,
    _this: JClass,
) {
    SHARE_WAITING.store(true, Ordering::Release);
}

/// Set by `MainActivity` (through `notifyReminderOpened`) when a tapped reminder opened or
/// reached the app; true at start, so the launch intent is read once.
static REMINDER_WAITING: AtomicBool = AtomicBool::new(true);

/// Called from Kotlin: `external fun notifyReminderOpened()` in `dev.dioxus.main.MainActivity`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_notifyReminderOpened(
    _env: JNIEnv,
    _this: JClass,
) {
    REMINDER_WAITING.store(true, Ordering::Release);
}

/// The fingerprint prompt's answer (through `notifyFingerprint`): 0 none, 1 confirmed,
/// 2 "Pakai PIN", cancelled or refused.
static FINGERPRINT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Called from Kotlin: `external fun notifyFingerprint(passed: Boolean)`.
#[no_mangle]
pub extern "system" fn Java_dev_dioxus_main_MainActivity_notifyFingerprint(
    _env: JNIEnv,
    _this: JClass,
    passed: jni::sys::jboolean,
) {
    FINGERPRINT.store(if passed != 0 { 1 } else { 2 }, Ordering::Release);
}

/// Every call into Java: the activity ndk-context holds now, or a typed error when there is
/// none (before create, after destroy); never a panic across the JNI boundary.
fn with_activity<T>(
    f: impl FnOnce(&mut JNIEnv, &JObject) -> Result<T, BridgeError>,
) -> Result<T, PlatformError> {
    Ok(jni_bridge::with_current_activity(f)?)
}

impl Platform for Android {
    fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, PlatformError> {
        with_activity(|env, activity| jni_bridge::open_chat(env, activity, chat))
    }

    fn data_dir(&self) -> Result<PathBuf, PlatformError> {
        with_activity(jni_bridge::files_dir)
    }

    fn share_text(&self, text: &str) -> Result<(), PlatformError> {
        with_activity(|env, activity| jni_bridge::share_text(env, activity, text, "Kirim lewat"))
    }

    fn save_file(&self, name: &str, mime: &str, bytes: &[u8]) -> Result<String, PlatformError> {
        with_activity(|env, activity| jni_bridge::save_download(env, activity, name, mime, bytes))
    }

    fn share_file(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        title: &str,
    ) -> Result<String, PlatformError> {
        with_activity(|env, activity| {
            jni_bridge::share_file(env, activity, name, mime, bytes, title)
        })
    }

    fn in_foreground(&self) -> bool {
        FOREGROUND.load(Ordering::Acquire)
    }

    fn left_screen_at_ms(&self) -> Option<i64> {
        let at = LEFT_AT_MS.load(Ordering::Acquire);
        (at != 0).then_some(at)
    }

    fn share_private(
        &self,
        name: &str,
        mime: &str,
        bytes: &[u8],
        title: &str,
    ) -> Result<String, PlatformError> {
        with_activity(|env, activity| {
            jni_bridge::share_private(env, activity, name, mime, bytes, title)
        })?;
        Ok(super::private_share_place(name))
    }

    fn private_share_dir(&self) -> Option<PathBuf> {
        with_activity(jni_bridge::cache_dir)
            .ok()
            .map(|dir| dir.join(crate::platform::android_api::PRIVATE_SHARE_FOLDER))
    }

    fn copy_text(&self, label: &str, text: &str) -> Result<bool, PlatformError> {
        with_activity(|env, activity| jni_bridge::copy_text(env, activity, label, text))?;
        Ok(true)
    }

    fn paste_text(&self) -> Result<super::Paste, PlatformError> {
        let text = with_activity(jni_bridge::clipboard_text)?;
        Ok(match text {
            Some(text) if !text.trim().is_empty() => super::Paste::Text(text),
            _ => super::Paste::Empty,
        })
    }

    fn clear_copied_text(&self, text: &str) -> Result<Option<bool>, PlatformError> {
        Ok(with_activity(|env, activity| {
            jni_bridge::clear_clipboard_if(env, activity, text)
        })?)
    }

    fn device_secure(&self) -> Option<bool> {
        with_activity(|env, activity| jni_bridge::device_secure(env, activity)).ok()
    }

    fn set_secure_screen(&self, on: bool) -> Result<(), PlatformError> {
        with_activity(|env, activity| jni_bridge::set_secure_screen(env, activity, on))
    }

    fn open_url(&self, url: &str) -> Result<(), PlatformError> {
        with_activity(|env, activity| jni_bridge::open_link(env, activity, url))
    }

    fn pick_file(&self, mime: &str) -> Result<(), PlatformError> {
        with_activity(|env, activity| jni_bridge::pick_document(env, activity, mime))
    }

    fn take_picked_file(&self) -> Result<Option<PickedFile>, PlatformError> {
        if !PICK_WAITING.swap(false, Ordering::AcqRel) {
            return Ok(None);
        }
        with_activity(|env, activity| jni_bridge::take_picked_file(env, activity, MAX_PICKED_BYTES))
            .map_err(|e| match e {
                PlatformError::Android(why) => PlatformError::ReadFailed(why),
                other => other,
            })
    }

    fn can_use_fingerprint(&self) -> bool {
        with_activity(jni_bridge::can_use_fingerprint).unwrap_or(false)
    }

    fn ask_fingerprint(&self, title: &str) -> Result<(), PlatformError> {
        FINGERPRINT.store(0, Ordering::Release);
        with_activity(|env, activity| jni_bridge::ask_fingerprint(env, activity, title))
    }

    fn take_fingerprint_result(&self) -> Option<bool> {
        match FINGERPRINT.swap(0, Ordering::AcqRel) {
            1 => Some(true),
            2 => Some(false),
            _ => None,
        }
    }

    fn set_reminders(&self, plan: &[Reminder]) -> Result<ReminderDelivery, PlatformError> {
        with_activity(|env, activity| jni_bridge::set_reminders(env, activity, plan))?;
        Ok(ReminderDelivery::Notifications)
    }

    fn take_opened_reminder(&self) -> Result<Option<ReminderKind>, PlatformError> {
        if !REMINDER_WAITING.swap(false, Ordering::AcqRel) {
            return Ok(None);
        }
        with_activity(jni_bridge::take_opened_reminder)
    }

    fn allow_notifications(&self) -> Result<bool, PlatformError> {
        with_activity(jni_bridge::allow_notifications)
    }

    fn take_shared_text(&self) -> Result<Option<String>, PlatformError> {
        if !SHARE_WAITING.swap(false, Ordering::AcqRel) {
            return Ok(None);
        }
        with_activity(jni_bridge::take_shared_text)
    }
}

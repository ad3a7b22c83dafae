//! The Android calls, written against a `JNIEnv` and a context object so that the same code
//! runs on a phone and, in the tests, on a desktop JVM with stand-in classes. Every member it
//! calls comes from `android_api`. No Java exception, null or JNI failure panics: each becomes a
//! `BridgeError`, and a pending exception is always cleared before returning.

use std::path::PathBuf;

use jni::objects::{JObject, JValue, JValueOwned};
use jni::{JNIEnv, JavaVM};
use thiserror::Error;

use crate::domain::whatsapp::{ChatRequest, ChatTarget};

use super::android_api::{self as api, Kind, Member};
use super::PlatformError;

mod device;
mod intents;
mod reminders;

pub use device::*;
pub use intents::*;
pub use reminders::*;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BridgeError {
    /// No app on the phone handles the intent (Android threw ActivityNotFoundException).
    #[error("tidak ada aplikasi yang bisa membukanya")]
    ActivityNotFound,
    /// Java threw something else while `call` ran.
    #[error("Java melempar {exception} saat {call}")]
    JavaException {
        call: &'static str,
        exception: String,
    },
    /// A call that must return an object returned null.
    #[error("{0} mengembalikan null")]
    Null(&'static str),
    /// The JNI layer itself failed (wrong type, detached thread ...).
    #[error("JNI gagal pada {call}: {message}")]
    Jni { call: &'static str, message: String },
    /// A picked file is larger than the app reads.
    #[error("berkas lebih besar dari {0} bita")]
    TooLarge(usize),
    /// No activity to call: before Android created it, or after it was destroyed (a closing
    /// app, a background job finishing late).
    #[error("aplikasi sedang ditutup atau belum siap; buka lagi lalu coba sekali lagi")]
    NoActivity,
}

impl From<jni::errors::Error> for BridgeError {
    fn from(e: jni::errors::Error) -> Self {
        BridgeError::Jni {
            call: "local frame",
            message: e.to_string(),
        }
    }
}

impl From<BridgeError> for PlatformError {
    fn from(e: BridgeError) -> Self {
        match e {
            BridgeError::ActivityNotFound => PlatformError::NoWhatsApp,
            other => PlatformError::Android(other.to_string()),
        }
    }
}

/// Runs `f` with the JavaVM and the activity that tao registers with `ndk-context` in the
/// activity's `onCreate` and releases in its `onDestroy`, looked up anew on every call (the
/// activity can be re-created). `ndk_context::android_context` panics when nothing is
/// registered; a panic must never unwind into Java, so it is caught here and becomes
/// `NoActivity`. Used by `platform::android` for every call; tested on a desktop JVM.
pub fn with_current_activity<T>(
    f: impl FnOnce(&mut JNIEnv, &JObject) -> Result<T, BridgeError>,
) -> Result<T, BridgeError> {
    let ctx = std::panic::catch_unwind(ndk_context::android_context)
        .map_err(|_| BridgeError::NoActivity)?;
    if ctx.vm().is_null() || ctx.context().is_null() {
        return Err(BridgeError::NoActivity);
    }
    // SAFETY: ndk-context holds the process's JavaVM pointer while an activity is registered.
    let vm = unsafe { JavaVM::from_raw(ctx.vm().cast()) }.map_err(|e| BridgeError::Jni {
        call: "JavaVM",
        message: e.to_string(),
    })?;
    let mut env = vm.attach_current_thread().map_err(|e| BridgeError::Jni {
        call: "attach_current_thread",
        message: e.to_string(),
    })?;
    // SAFETY: a global reference to the activity, owned by tao; only borrowed here, never
    // deleted.
    let activity = unsafe { JObject::from_raw(ctx.context().cast()) };
    f(&mut env, &activity)
}

/// Turns a JNI result into ours, clearing and describing any pending Java exception.
pub(super) fn checked<T>(
    env: &mut JNIEnv,
    call: &'static str,
    result: jni::errors::Result<T>,
) -> Result<T, BridgeError> {
    let pending = env.exception_check().unwrap_or(false);
    if !pending {
        return result.map_err(|e| BridgeError::Jni {
            call,
            message: e.to_string(),
        });
    }
    let throwable = env.exception_occurred();
    // Clear first: no other JNI call is allowed while an exception is pending.
    let _ = env.exception_clear();
    let Ok(throwable) = throwable else {
        return Err(BridgeError::JavaException {
            call,
            exception: "(tidak diketahui)".into(),
        });
    };
    if env
        .is_instance_of(&throwable, api::ACTIVITY_NOT_FOUND)
        .unwrap_or(false)
    {
        let _ = env.exception_clear();
        return Err(BridgeError::ActivityNotFound);
    }
    let exception = describe(env, &throwable);
    Err(BridgeError::JavaException { call, exception })
}

/// `Throwable.toString()`, or a placeholder when even that fails.
pub(super) fn describe(env: &mut JNIEnv, throwable: &JObject) -> String {
    let text = env
        .call_method(
            throwable,
            api::THROWABLE_TO_STRING.name,
            api::THROWABLE_TO_STRING.descriptor,
            &[],
        )
        .and_then(|v| v.l());
    let _ = env.exception_clear();
    match text {
        Ok(obj) if !obj.is_null() => {
            let s = jni::objects::JString::from(obj);
            env.get_string(&s)
                .map(String::from)
                .unwrap_or_else(|_| "(tidak terbaca)".into())
        }
        _ => "(tidak terbaca)".into(),
    }
}

pub(super) fn call<'l>(
    env: &mut JNIEnv<'l>,
    obj: &JObject,
    m: Member,
    args: &[JValue],
) -> Result<JValueOwned<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::Method);
    let r = env.call_method(obj, m.name, m.descriptor, args);
    checked(env, m.name, r)
}

pub(super) fn call_static<'l>(
    env: &mut JNIEnv<'l>,
    m: Member,
    args: &[JValue],
) -> Result<JValueOwned<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::StaticMethod);
    let r = env.call_static_method(m.class, m.name, m.descriptor, args);
    checked(env, m.name, r)
}

pub(super) fn new_object<'l>(
    env: &mut JNIEnv<'l>,
    m: Member,
    args: &[JValue],
) -> Result<JObject<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::Constructor);
    let r = env.new_object(m.class, m.descriptor, args);
    checked(env, "new Intent", r)
}

/// An object result, or `Null` when Java returned null.
pub(super) fn object<'l>(
    env: &mut JNIEnv<'l>,
    call: &'static str,
    value: JValueOwned<'l>,
) -> Result<JObject<'l>, BridgeError> {
    let obj = checked(env, call, value.l())?;
    if obj.is_null() {
        Err(BridgeError::Null(call))
    } else {
        Ok(obj)
    }
}

/// A Java string result; `None` for null.
pub(super) fn string(
    env: &mut JNIEnv,
    call: &'static str,
    value: JValueOwned,
) -> Result<Option<String>, BridgeError> {
    let obj = checked(env, call, value.l())?;
    if obj.is_null() {
        return Ok(None);
    }
    let s = jni::objects::JString::from(obj);
    let r = env.get_string(&s).map(String::from);
    checked(env, call, r).map(Some)
}

pub(super) fn jstring<'l>(env: &mut JNIEnv<'l>, text: &str) -> Result<JObject<'l>, BridgeError> {
    let r = env.new_string(text).map(JObject::from);
    checked(env, "new String", r)
}

pub(super) fn jbytes<'l>(env: &mut JNIEnv<'l>, bytes: &[u8]) -> Result<JObject<'l>, BridgeError> {
    let r = env.byte_array_from_slice(bytes).map(JObject::from);
    checked(env, "new byte[]", r)
}

/// Runs `f` in a local reference frame, so a long-lived thread never piles up references.
pub(super) fn framed<T>(
    env: &mut JNIEnv,
    f: impl FnOnce(&mut JNIEnv) -> Result<T, BridgeError>,
) -> Result<T, BridgeError> {
    env.with_local_frame(16, |env| -> Result<T, BridgeError> { f(env) })
}

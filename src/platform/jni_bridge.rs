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
fn checked<T>(
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
fn describe(env: &mut JNIEnv, throwable: &JObject) -> String {
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

fn call<'l>(
    env: &mut JNIEnv<'l>,
    obj: &JObject,
    m: Member,
    args: &[JValue],
) -> Result<JValueOwned<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::Method);
    let r = env.call_method(obj, m.name, m.descriptor, args);
    checked(env, m.name, r)
}

fn call_static<'l>(
    env: &mut JNIEnv<'l>,
    m: Member,
    args: &[JValue],
) -> Result<JValueOwned<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::StaticMethod);
    let r = env.call_static_method(m.class, m.name, m.descriptor, args);
    checked(env, m.name, r)
}

fn new_object<'l>(
    env: &mut JNIEnv<'l>,
    m: Member,
    args: &[JValue],
) -> Result<JObject<'l>, BridgeError> {
    debug_assert_eq!(m.kind, Kind::Constructor);
    let r = env.new_object(m.class, m.descriptor, args);
    checked(env, "new Intent", r)
}

/// An object result, or `Null` when Java returned null.
fn object<'l>(
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
fn string(
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

fn jstring<'l>(env: &mut JNIEnv<'l>, text: &str) -> Result<JObject<'l>, BridgeError> {
    let r = env.new_string(text).map(JObject::from);
    checked(env, "new String", r)
}

fn jbytes<'l>(env: &mut JNIEnv<'l>, bytes: &[u8]) -> Result<JObject<'l>, BridgeError> {
    let r = env.byte_array_from_slice(bytes).map(JObject::from);
    checked(env, "new byte[]", r)
}

/// Runs `f` in a local reference frame, so a long-lived thread never piles up references.
fn framed<T>(
    env: &mut JNIEnv,
    f: impl FnOnce(&mut JNIEnv) -> Result<T, BridgeError>,
) -> Result<T, BridgeError> {
    env.with_local_frame(16, |env| -> Result<T, BridgeError> { f(env) })
}

/// `ACTION_VIEW` on the target's URI, restricted to its package if it has one, as a new task.
fn start_view(env: &mut JNIEnv, context: &JObject, target: &ChatTarget) -> Result<(), BridgeError> {
    framed(env, |env| {
        let uri_text = jstring(env, target.uri())?;
        let uri = call_static(env, api::URI_PARSE, &[JValue::Object(&uri_text)])?;
        let uri = object(env, "Uri.parse", uri)?;
        let action = jstring(env, api::ACTION_VIEW)?;
        let intent = new_object(
            env,
            api::INTENT_NEW_ACTION_URI,
            &[JValue::Object(&action), JValue::Object(&uri)],
        )?;
        if let ChatTarget::App { package, .. } = target {
            let package = jstring(env, package)?;
            call(
                env,
                &intent,
                api::INTENT_SET_PACKAGE,
                &[JValue::Object(&package)],
            )?;
        }
        call(
            env,
            &intent,
            api::INTENT_ADD_FLAGS,
            &[JValue::Int(api::FLAG_ACTIVITY_NEW_TASK)],
        )?;
        call(
            env,
            context,
            api::CONTEXT_START_ACTIVITY,
            &[JValue::Object(&intent)],
        )?;
        Ok(())
    })
}

/// Tries WhatsApp Business, then WhatsApp, then the plain link, as `chat.targets` orders them.
/// An app that is not installed is skipped; any other failure stops and is reported.
pub fn open_chat(
    env: &mut JNIEnv,
    context: &JObject,
    chat: &ChatRequest,
) -> Result<ChatTarget, BridgeError> {
    for target in &chat.targets {
        match start_view(env, context, target) {
            Ok(()) => return Ok(target.clone()),
            Err(BridgeError::ActivityNotFound) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(BridgeError::ActivityNotFound)
}

/// `ACTION_VIEW` on a web link in whatever browser the phone has, as a new task.
pub fn open_link(env: &mut JNIEnv, context: &JObject, url: &str) -> Result<(), BridgeError> {
    start_view(
        env,
        context,
        &ChatTarget::Browser {
            uri: url.to_string(),
        },
    )
}

/// The system share sheet with `text` as plain text (for when no number is known).
pub fn share_text(
    env: &mut JNIEnv,
    context: &JObject,
    text: &str,
    title: &str,
) -> Result<(), BridgeError> {
    framed(env, |env| {
        let action = jstring(env, api::ACTION_SEND)?;
        let intent = new_object(env, api::INTENT_NEW_ACTION, &[JValue::Object(&action)])?;
        let mime = jstring(env, api::TEXT_PLAIN)?;
        call(env, &intent, api::INTENT_SET_TYPE, &[JValue::Object(&mime)])?;
        let key = jstring(env, api::EXTRA_TEXT)?;
        let value = jstring(env, text)?;
        call(
            env,
            &intent,
            api::INTENT_PUT_EXTRA_STRING,
            &[JValue::Object(&key), JValue::Object(&value)],
        )?;
        let title = jstring(env, title)?;
        let chooser = call_static(
            env,
            api::INTENT_CREATE_CHOOSER,
            &[JValue::Object(&intent), JValue::Object(&title)],
        )?;
        let chooser = object(env, "Intent.createChooser", chooser)?;
        call(
            env,
            &chooser,
            api::INTENT_ADD_FLAGS,
            &[JValue::Int(api::FLAG_ACTIVITY_NEW_TASK)],
        )?;
        call(
            env,
            context,
            api::CONTEXT_START_ACTIVITY,
            &[JValue::Object(&chooser)],
        )?;
        Ok(())
    })
}

/// `activity.saveToDownloads(name, mime, bytes)` (our MainActivity): writes an exported file to
/// the phone's Downloads and returns where, in words.
pub fn save_download(
    env: &mut JNIEnv,
    activity: &JObject,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> Result<String, BridgeError> {
    framed(env, |env| {
        let name = jstring(env, name)?;
        let mime = jstring(env, mime)?;
        let array = jbytes(env, bytes)?;
        let place = call(
            env,
            activity,
            api::MAIN_ACTIVITY_SAVE_TO_DOWNLOADS,
            &[
                JValue::Object(&name),
                JValue::Object(&mime),
                JValue::Object(&array),
            ],
        )?;
        string(env, "saveToDownloads", place)?.ok_or(BridgeError::Null("saveToDownloads"))
    })
}

/// `activity.shareFile(name, mime, bytes, title)` (our MainActivity): a copy in Downloads, then
/// the share sheet with the file; returns where the copy is, in words.
pub fn share_file(
    env: &mut JNIEnv,
    activity: &JObject,
    name: &str,
    mime: &str,
    bytes: &[u8],
    title: &str,
) -> Result<String, BridgeError> {
    framed(env, |env| {
        let place = call_with_file(
            env,
            activity,
            api::MAIN_ACTIVITY_SHARE_FILE,
            [name, mime, title],
            bytes,
        )?;
        string(env, "shareFile", place)?.ok_or(BridgeError::Null("shareFile"))
    })
}

/// Calls a MainActivity member taking `(name, mime, bytes, title)`: the two share methods.
fn call_with_file<'l>(
    env: &mut JNIEnv<'l>,
    activity: &JObject,
    member: Member,
    [name, mime, title]: [&str; 3],
    bytes: &[u8],
) -> Result<JValueOwned<'l>, BridgeError> {
    let name = jstring(env, name)?;
    let mime = jstring(env, mime)?;
    let title = jstring(env, title)?;
    let array = jbytes(env, bytes)?;
    call(
        env,
        activity,
        member,
        &[
            JValue::Object(&name),
            JValue::Object(&mime),
            JValue::Object(&array),
            JValue::Object(&title),
        ],
    )
}

/// `activity.sharePrivate(...)` (our MainActivity): the share sheet with a file that stays in
/// the app's private cache.
pub fn share_private(
    env: &mut JNIEnv,
    activity: &JObject,
    name: &str,
    mime: &str,
    bytes: &[u8],
    title: &str,
) -> Result<(), BridgeError> {
    framed(env, |env| {
        call_with_file(
            env,
            activity,
            api::MAIN_ACTIVITY_SHARE_PRIVATE,
            [name, mime, title],
            bytes,
        )?;
        Ok(())
    })
}

/// `activity.setSecureScreen(on)` (our MainActivity): keeps the app out of screenshots and the
/// recent-apps preview, or allows them again.
pub fn set_secure_screen(
    env: &mut JNIEnv,
    activity: &JObject,
    on: bool,
) -> Result<(), BridgeError> {
    framed(env, |env| {
        call(
            env,
            activity,
            api::MAIN_ACTIVITY_SET_SECURE_SCREEN,
            &[JValue::Bool(u8::from(on))],
        )?;
        Ok(())
    })
}

/// Opens the system file picker (`ACTION_OPEN_DOCUMENT`, openable documents of `mime`) for a
/// result; `MainActivity.onActivityResult` keeps the chosen document for `take_picked_file`.
/// No FLAG_ACTIVITY_NEW_TASK here: a picker started in a new task returns no result.
pub fn pick_document(env: &mut JNIEnv, activity: &JObject, mime: &str) -> Result<(), BridgeError> {
    framed(env, |env| {
        let action = jstring(env, api::ACTION_OPEN_DOCUMENT)?;
        let intent = new_object(env, api::INTENT_NEW_ACTION, &[JValue::Object(&action)])?;
        let category = jstring(env, api::CATEGORY_OPENABLE)?;
        call(
            env,
            &intent,
            api::INTENT_ADD_CATEGORY,
            &[JValue::Object(&category)],
        )?;
        let mime = jstring(env, mime)?;
        call(env, &intent, api::INTENT_SET_TYPE, &[JValue::Object(&mime)])?;
        call(
            env,
            activity,
            api::ACTIVITY_START_ACTIVITY_FOR_RESULT,
            &[JValue::Object(&intent), JValue::Int(api::REQUEST_PICK_FILE)],
        )?;
        Ok(())
    })
}

/// The document picked since the last call, read whole through
/// `getContentResolver().openInputStream(uri)`; `None` when nothing was picked. A file larger
/// than `max` bytes is refused (and its stream closed) rather than read into memory.
pub fn take_picked_file(
    env: &mut JNIEnv,
    activity: &JObject,
    max: usize,
) -> Result<Option<super::PickedFile>, BridgeError> {
    framed(env, |env| {
        let uri = call(env, activity, api::MAIN_ACTIVITY_TAKE_PICKED_URI, &[])?;
        let uri = checked(env, "takePickedUri", uri.l())?;
        if uri.is_null() {
            return Ok(None);
        }
        let segment = call(env, &uri, api::URI_GET_LAST_PATH_SEGMENT, &[])?;
        let name = string(env, "getLastPathSegment", segment)?
            .map(|s| s.rsplit('/').next().unwrap_or_default().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "berkas".to_string());
        let resolver = call(env, activity, api::CONTEXT_GET_CONTENT_RESOLVER, &[])?;
        let resolver = object(env, "getContentResolver", resolver)?;
        let stream = call(
            env,
            &resolver,
            api::CONTENT_RESOLVER_OPEN_INPUT_STREAM,
            &[JValue::Object(&uri)],
        )?;
        let stream = object(env, "openInputStream", stream)?;
        let read = read_all(env, &stream, max);
        // Closed whatever happened; a failure to close only matters if the read went well.
        let closed = call(env, &stream, api::INPUT_STREAM_CLOSE, &[]).map(|_| ());
        let bytes = read?;
        closed?;
        Ok(Some(super::PickedFile { name, bytes }))
    })
}

fn read_all(env: &mut JNIEnv, stream: &JObject, max: usize) -> Result<Vec<u8>, BridgeError> {
    const BUFFER: i32 = 64 * 1024;
    let buffer = env.new_byte_array(BUFFER);
    let buffer = checked(env, "new byte[]", buffer)?;
    let mut out = Vec::new();
    let mut chunk = vec![0i8; BUFFER as usize];
    loop {
        let n = call(
            env,
            stream,
            api::INPUT_STREAM_READ,
            &[JValue::Object(&buffer)],
        )?;
        let n = checked(env, "read", n.i())?;
        if n < 0 {
            return Ok(out);
        }
        let n = (n as usize).min(chunk.len());
        if out.len() + n > max {
            return Err(BridgeError::TooLarge(max));
        }
        let r = env.get_byte_array_region(&buffer, 0, &mut chunk[..n]);
        checked(env, "read", r)?;
        out.extend(chunk[..n].iter().map(|b| *b as u8));
    }
}

/// `context.getFilesDir().getAbsolutePath()`: the app's private data directory.
pub fn files_dir(env: &mut JNIEnv, context: &JObject) -> Result<PathBuf, BridgeError> {
    context_dir(env, context, api::CONTEXT_GET_FILES_DIR)
}

/// The app's cache directory (`Context.getCacheDir`).
pub fn cache_dir(env: &mut JNIEnv, context: &JObject) -> Result<PathBuf, BridgeError> {
    context_dir(env, context, api::CONTEXT_GET_CACHE_DIR)
}

/// A directory a `Context` getter returns (`getFilesDir`, `getCacheDir`), as a path.
fn context_dir(
    env: &mut JNIEnv,
    context: &JObject,
    getter: Member,
) -> Result<PathBuf, BridgeError> {
    framed(env, |env| {
        let dir = call(env, context, getter, &[])?;
        let dir = object(env, getter.name, dir)?;
        let path = call(env, &dir, api::FILE_GET_ABSOLUTE_PATH, &[])?;
        string(env, "getAbsolutePath", path)?
            .map(PathBuf::from)
            .ok_or(BridgeError::Null("getAbsolutePath"))
    })
}

/// Whether the phone itself is locked with a PIN, pattern or password
/// (`KeyguardManager.isDeviceSecure`): Android's file encryption, which protects the case
/// book at rest, is tied to it.
pub fn device_secure(env: &mut JNIEnv, context: &JObject) -> Result<bool, BridgeError> {
    framed(env, |env| {
        let name = jstring(env, api::KEYGUARD_SERVICE)?;
        let service = call(
            env,
            context,
            api::CONTEXT_GET_SYSTEM_SERVICE,
            &[JValue::Object(&name)],
        )?;
        let keyguard = object(env, "getSystemService", service)?;
        let secure = call(env, &keyguard, api::KEYGUARD_IS_DEVICE_SECURE, &[])?;
        checked(env, "isDeviceSecure", secure.z())
    })
}

/// The clipboard manager (`Context.getSystemService("clipboard")`).
fn clipboard<'l>(env: &mut JNIEnv<'l>, context: &JObject) -> Result<JObject<'l>, BridgeError> {
    let name = jstring(env, api::CLIPBOARD_SERVICE)?;
    let service = call(
        env,
        context,
        api::CONTEXT_GET_SYSTEM_SERVICE,
        &[JValue::Object(&name)],
    )?;
    object(env, "getSystemService", service)
}

/// Puts `text` on the clipboard as a plain-text clip labelled `label`.
pub fn copy_text(
    env: &mut JNIEnv,
    context: &JObject,
    label: &str,
    text: &str,
) -> Result<(), BridgeError> {
    framed(env, |env| {
        let manager = clipboard(env, context)?;
        let (label, text) = (jstring(env, label)?, jstring(env, text)?);
        let clip = call_static(
            env,
            api::CLIP_DATA_NEW_PLAIN_TEXT,
            &[JValue::Object(&label), JValue::Object(&text)],
        )?;
        let clip = object(env, "newPlainText", clip)?;
        call(
            env,
            &manager,
            api::CLIPBOARD_SET_PRIMARY_CLIP,
            &[JValue::Object(&clip)],
        )?;
        Ok(())
    })
}

/// Empties the clipboard when it still holds exactly `text`: `Some(true)` when emptied,
/// `Some(false)` when it holds something else now (left alone), `None` when Android does not
/// let the app read it (Android 10+ while another app is on screen).
pub fn clear_clipboard_if(
    env: &mut JNIEnv,
    context: &JObject,
    text: &str,
) -> Result<Option<bool>, BridgeError> {
    framed(env, |env| {
        let manager = clipboard(env, context)?;
        let now = call(env, &manager, api::CLIPBOARD_GET_TEXT, &[])?;
        let now = checked(env, "getText", now.l())?;
        if now.is_null() {
            return Ok(None);
        }
        let now = call(env, &now, api::OBJECT_TO_STRING, &[])?;
        if string(env, "toString", now)?.as_deref() != Some(text) {
            return Ok(Some(false));
        }
        call(env, &manager, api::CLIPBOARD_CLEAR_PRIMARY_CLIP, &[])?;
        Ok(Some(true))
    })
}

/// The text shared into the app (`ACTION_SEND` with `EXTRA_TEXT`), read once: the activity's
/// intent is then replaced by a plain `ACTION_MAIN` one, so a restart does not read it again.
pub fn take_shared_text(
    env: &mut JNIEnv,
    activity: &JObject,
) -> Result<Option<String>, BridgeError> {
    framed(env, |env| {
        let intent = call(env, activity, api::ACTIVITY_GET_INTENT, &[])?;
        let intent = checked(env, "getIntent", intent.l())?;
        if intent.is_null() {
            return Ok(None);
        }
        let action = call(env, &intent, api::INTENT_GET_ACTION, &[])?;
        if string(env, "getAction", action)?.as_deref() != Some(api::ACTION_SEND) {
            return Ok(None);
        }
        let key = jstring(env, api::EXTRA_TEXT)?;
        let text = call(
            env,
            &intent,
            api::INTENT_GET_STRING_EXTRA,
            &[JValue::Object(&key)],
        )?;
        let text = string(env, "getStringExtra", text)?;
        let main = jstring(env, api::ACTION_MAIN)?;
        let plain = new_object(env, api::INTENT_NEW_ACTION, &[JValue::Object(&main)])?;
        call(
            env,
            activity,
            api::ACTIVITY_SET_INTENT,
            &[JValue::Object(&plain)],
        )?;
        Ok(text.filter(|t| !t.trim().is_empty()))
    })
}

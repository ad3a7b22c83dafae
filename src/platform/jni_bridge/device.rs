//! The bridge's calls on the phone itself: the private screen, the fingerprint prompt, the document picker and the file
//! it picked, the app's folders, whether the phone has a screen lock, the clipboard, and text
//! shared into the app.

use super::*;

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

/// `activity.canUseFingerprint()`: whether BiometricPrompt can check a fingerprint now.
pub fn can_use_fingerprint(env: &mut JNIEnv, activity: &JObject) -> Result<bool, BridgeError> {
    framed(env, |env| {
        let can = call(env, activity, api::MAIN_ACTIVITY_CAN_USE_FINGERPRINT, &[])?;
        checked(env, "canUseFingerprint", can.z())
    })
}

/// `activity.askFingerprint(title)`: shows the system's fingerprint prompt (on the UI thread,
/// in Kotlin); the answer comes back through `notifyFingerprint`.
pub fn ask_fingerprint(
    env: &mut JNIEnv,
    activity: &JObject,
    title: &str,
) -> Result<(), BridgeError> {
    framed(env, |env| {
        let title = jstring(env, title)?;
        call(
            env,
            activity,
            api::MAIN_ACTIVITY_ASK_FINGERPRINT,
            &[JValue::Object(&title)],
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
) -> Result<Option<crate::platform::PickedFile>, BridgeError> {
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
        Ok(Some(crate::platform::PickedFile { name, bytes }))
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

/// The clipboard's text now (`ClipboardManager.getText()`), `None` when it holds none or
/// Android does not let the app read it (Android 10+ while another app is on screen).
pub fn clipboard_text(env: &mut JNIEnv, context: &JObject) -> Result<Option<String>, BridgeError> {
    framed(env, |env| {
        let manager = clipboard(env, context)?;
        held_text(env, &manager)
    })
}

/// The text the clipboard `manager` holds, if any.
fn held_text(env: &mut JNIEnv, manager: &JObject) -> Result<Option<String>, BridgeError> {
    let now = call(env, manager, api::CLIPBOARD_GET_TEXT, &[])?;
    let now = checked(env, "getText", now.l())?;
    if now.is_null() {
        return Ok(None);
    }
    let now = call(env, &now, api::OBJECT_TO_STRING, &[])?;
    string(env, "toString", now)
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
        let Some(now) = held_text(env, &manager)? else {
            return Ok(None);
        };
        if now != text {
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

//! The bridge's intents: a chat opened in WhatsApp Business, WhatsApp or the browser, a link,
//! text and files handed to the share sheet, a file saved to Downloads.

use super::*;

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

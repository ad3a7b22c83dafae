//! The JNI bridge on a real JVM: the Java stand-ins in `tests/java/` have the Android SDK's class
//! names, method names and descriptors and record what they receive; the real bridge code runs
//! against them. Also checks every member and constant the bridge relies on against the table
//! read from a real API 16 android.jar (`../shared/reference/android-api16-signatures.tsv`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use jni::objects::{JObject, JString, JValue};
use jni::{InitArgsBuilder, JNIEnv, JNIVersion, JavaVM};
use layanan_desa::domain::phone::WaNumber;
use layanan_desa::domain::whatsapp::{ChatRequest, ChatTarget, WHATSAPP, WHATSAPP_BUSINESS};
use layanan_desa::platform::android_api::{self as api, Constant, Kind};
use layanan_desa::platform::jni_bridge::{self as bridge, BridgeError};

fn javac() -> PathBuf {
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        let p = Path::new(&home).join("bin/javac");
        if p.exists() {
            return p;
        }
    }
    PathBuf::from("javac")
}

/// Compiles the stand-ins once and starts the one JVM this process may have.
fn jvm() -> &'static JavaVM {
    static JVM: OnceLock<JavaVM> = OnceLock::new();
    JVM.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("layanan-desa-jni-{}", std::process::id()));
        std::fs::create_dir_all(&out).expect("class dir");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/java");
        let mut sources = Vec::new();
        for dir in [
            "android/content",
            "android/net",
            "android/app",
            "dev/dioxus/main",
        ] {
            for entry in std::fs::read_dir(src.join(dir)).expect("java sources") {
                sources.push(entry.expect("entry").path());
            }
        }
        let status = Command::new(javac())
            .arg("-d")
            .arg(&out)
            .args(&sources)
            .status()
            .expect("javac runs (install a JDK 17: ./dev test does)");
        assert!(status.success(), "javac failed");
        let args = InitArgsBuilder::new()
            .version(JNIVersion::V8)
            .option(format!("-Djava.class.path={}", out.display()))
            .option("-Xcheck:jni")
            .build()
            .expect("JVM args");
        JavaVM::new(args).expect("start the JVM")
    })
}

fn chat() -> ChatRequest {
    ChatRequest::new(
        WaNumber::parse("0812-3456-7890").expect("number"),
        "Syarat *KK*:\n1. A & B",
    )
}

const LINK: &str = "https://wa.me/6281234567890?text=Syarat%20%2AKK%2A%3A%0A1.%20A%20%26%20B";

/// A stand-in `Context` (or `Activity`) with these packages installed.
fn context<'l>(
    env: &mut JNIEnv<'l>,
    class: &str,
    installed: &[&str],
    browser: bool,
) -> JObject<'l> {
    let ctx = env.new_object(class, "()V", &[]).expect("new context");
    let set = env
        .get_field(&ctx, "installed", "Ljava/util/Set;")
        .and_then(|v| v.l())
        .expect("set");
    for package in installed {
        let p = env.new_string(package).expect("string");
        env.call_method(&set, "add", "(Ljava/lang/Object;)Z", &[JValue::Object(&p)])
            .expect("add");
    }
    env.set_field(
        &ctx,
        "browserInstalled",
        "Z",
        JValue::Bool(u8::from(browser)),
    )
    .expect("browser");
    ctx
}

fn started(env: &mut JNIEnv, ctx: &JObject) -> Vec<String> {
    let log = env
        .call_method(ctx, "startedLog", "()Ljava/lang/String;", &[])
        .and_then(|v| v.l())
        .expect("log");
    let log: String = env.get_string(&JString::from(log)).expect("utf").into();
    log.lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

fn no_pending(env: &mut JNIEnv) {
    assert!(
        !env.exception_check().expect("check"),
        "a Java exception was left pending"
    );
}

#[test]
fn open_chat_prefers_whatsapp_business() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(
        &mut env,
        "android/content/Context",
        &[WHATSAPP_BUSINESS, WHATSAPP],
        true,
    );
    let got = bridge::open_chat(&mut env, &ctx, &chat()).expect("opens");
    assert!(matches!(
        got,
        ChatTarget::App {
            package: WHATSAPP_BUSINESS,
            ..
        }
    ));
    assert_eq!(started(&mut env, &ctx), [format!("action=android.intent.action.VIEW data={LINK} package=com.whatsapp.w4b type=null flags=268435456")]);
    no_pending(&mut env);
}

#[test]
fn open_chat_falls_back_to_whatsapp_then_the_browser() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[WHATSAPP], true);
    let got = bridge::open_chat(&mut env, &ctx, &chat()).expect("opens");
    assert!(matches!(
        got,
        ChatTarget::App {
            package: WHATSAPP,
            ..
        }
    ));
    assert_eq!(started(&mut env, &ctx), [format!("action=android.intent.action.VIEW data={LINK} package=com.whatsapp type=null flags=268435456")]);
    no_pending(&mut env);

    let ctx = context(&mut env, "android/content/Context", &[], true);
    let got = bridge::open_chat(&mut env, &ctx, &chat()).expect("opens");
    assert!(matches!(got, ChatTarget::Browser { .. }));
    assert_eq!(
        started(&mut env, &ctx),
        [format!(
            "action=android.intent.action.VIEW data={LINK} package=null type=null flags=268435456"
        )]
    );
    no_pending(&mut env);
}

#[test]
fn open_chat_with_nothing_installed_is_an_error_not_a_crash() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], false);
    assert_eq!(
        bridge::open_chat(&mut env, &ctx, &chat()),
        Err(BridgeError::ActivityNotFound)
    );
    no_pending(&mut env);
    assert!(started(&mut env, &ctx).is_empty());
    let shown =
        layanan_desa::platform::PlatformError::from(BridgeError::ActivityNotFound).to_string();
    assert!(shown.contains("WhatsApp tidak ditemukan"), "{shown}");
}

#[test]
fn share_text_goes_through_the_chooser() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    bridge::share_text(&mut env, &ctx, "Syarat KIA:\n1. Akta", "Kirim lewat").expect("share");
    assert_eq!(
        started(&mut env, &ctx),
        ["action=android.intent.action.CHOOSER data=null package=null type=null flags=268435456 \
          extra:android.intent.extra.INTENT={action=android.intent.action.SEND data=null package=null type=text/plain flags=0 \
          extra:android.intent.extra.TEXT=Syarat KIA:"
            .to_string()
            + "\n1. Akta} extra:android.intent.extra.TITLE=Kirim lewat"]
        .iter()
        .flat_map(|s| s.lines().map(str::to_string))
        .collect::<Vec<_>>()
    );
    no_pending(&mut env);
}

#[test]
fn files_dir_and_its_failures() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    assert_eq!(
        bridge::files_dir(&mut env, &ctx),
        Ok(PathBuf::from("/data/user/0/id.desa.wonojati.layanan/files"))
    );

    let why = env.new_string("penyimpanan belum siap").expect("s");
    let failure = env
        .new_object(
            "java/lang/IllegalStateException",
            "(Ljava/lang/String;)V",
            &[JValue::Object(&why)],
        )
        .expect("exception");
    env.set_field(
        &ctx,
        "filesDirFailure",
        "Ljava/lang/RuntimeException;",
        JValue::Object(&failure),
    )
    .expect("set");
    match bridge::files_dir(&mut env, &ctx) {
        Err(BridgeError::JavaException {
            call: "getFilesDir",
            exception,
        }) => {
            assert!(
                exception.contains("IllegalStateException")
                    && exception.contains("penyimpanan belum siap"),
                "{exception}"
            )
        }
        other => panic!("expected a Java exception, got {other:?}"),
    }
    no_pending(&mut env);

    env.set_field(
        &ctx,
        "filesDirFailure",
        "Ljava/lang/RuntimeException;",
        JValue::Object(&JObject::null()),
    )
    .expect("unset");
    env.set_field(
        &ctx,
        "filesDir",
        "Ljava/io/File;",
        JValue::Object(&JObject::null()),
    )
    .expect("null dir");
    assert_eq!(
        bridge::files_dir(&mut env, &ctx),
        Err(BridgeError::Null("getFilesDir"))
    );
    no_pending(&mut env);
}

fn set_intent(env: &mut JNIEnv, activity: &JObject, action: Option<&str>, text: Option<&str>) {
    let intent = match action {
        Some(action) => {
            let a = env.new_string(action).expect("s");
            env.new_object(
                "android/content/Intent",
                "(Ljava/lang/String;)V",
                &[JValue::Object(&a)],
            )
            .expect("intent")
        }
        None => JObject::null(),
    };
    if let (false, Some(text)) = (intent.is_null(), text) {
        let k = env.new_string(api::EXTRA_TEXT).expect("s");
        let v = env.new_string(text).expect("s");
        env.call_method(
            &intent,
            "putExtra",
            "(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
            &[JValue::Object(&k), JValue::Object(&v)],
        )
        .expect("put");
    }
    env.call_method(
        activity,
        "setIntent",
        "(Landroid/content/Intent;)V",
        &[JValue::Object(&intent)],
    )
    .expect("set");
}

#[test]
fn shared_text_is_read_once_and_nulls_are_handled() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = context(&mut env, "android/app/Activity", &[], true);
    let message = "[28/11/26 08.15] Siti: pak, akte lahir syaratnya apa? 🙏";
    set_intent(&mut env, &activity, Some(api::ACTION_SEND), Some(message));
    assert_eq!(
        bridge::take_shared_text(&mut env, &activity),
        Ok(Some(message.to_string()))
    );
    assert_eq!(
        bridge::take_shared_text(&mut env, &activity),
        Ok(None),
        "a share is taken once"
    );

    set_intent(&mut env, &activity, Some(api::ACTION_SEND), None);
    assert_eq!(
        bridge::take_shared_text(&mut env, &activity),
        Ok(None),
        "EXTRA_TEXT null"
    );
    set_intent(&mut env, &activity, None, None);
    assert_eq!(
        bridge::take_shared_text(&mut env, &activity),
        Ok(None),
        "getIntent null"
    );
    set_intent(&mut env, &activity, Some(api::ACTION_MAIN), Some("x"));
    assert_eq!(
        bridge::take_shared_text(&mut env, &activity),
        Ok(None),
        "a normal start"
    );
    no_pending(&mut env);
}

/// Rows of the API 16 table: `(class, member, descriptor or value, kind)`.
fn reference_table() -> Vec<(String, String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/android-api16-signatures.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} must exist beside the repository (CI copies shared/ there): {e}",
            path.display()
        )
    });
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((
                f.next()?.to_string(),
                f.next()?.to_string(),
                f.next()?.to_string(),
                f.next()?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn every_member_and_constant_matches_the_android_jar() {
    let table = reference_table();
    assert!(
        table.len() > 1000,
        "table looks truncated: {} rows",
        table.len()
    );
    let mut checked = 0;
    let not_android = |m: &api::Member| {
        m.class.starts_with("java/lang/")
            || m.class == api::INPUT_STREAM
            || m.class == api::MAIN_ACTIVITY
    };
    let mut finals = 0;
    let mut later = 0;
    for m in api::MEMBERS {
        if !m.in_table {
            // `final` methods are not in the table; make sure that is why they are missing:
            // the class is there, the member is not (the stand-in test calls it for real).
            assert!(table.iter().any(|r| r.0 == m.class), "{m:?}: class unknown");
            assert!(
                !table.iter().any(|r| r.0 == m.class && r.1 == m.name),
                "{m:?} is in the table after all: mark it in_table"
            );
            finals += 1;
            continue;
        }
        if not_android(m) {
            // Core Java is on every Android; the table lists Android classes and java/io/File.
            // Our own activity is checked against its Kotlin source below.
            continue;
        }
        assert!(m.since_api >= 16);
        if m.since_api > 16 {
            assert!(
                !table
                    .iter()
                    .any(|r| r.0 == m.class && r.1 == m.name && r.2 == m.descriptor),
                "{m:?} is in API 16 after all"
            );
            later += 1;
            continue;
        }
        let kind = match m.kind {
            Kind::Constructor => "constructor",
            Kind::Method => "method",
            Kind::StaticMethod => "static-method",
        };
        let found = table
            .iter()
            .any(|r| r.0 == m.class && r.1 == m.name && r.2 == m.descriptor && r.3 == kind);
        assert!(
            found,
            "{}.{}{} ({kind}) is not in android.jar (API 16)",
            m.class, m.name, m.descriptor
        );
        checked += 1;
    }
    for class in api::CLASSES {
        assert!(
            table.iter().any(|r| r.0 == *class),
            "class {class} not in android.jar"
        );
    }
    for (class, name, value) in api::CONSTANTS {
        let expected = match value {
            Constant::Text(s) => format!("\"{s}\""),
            Constant::Int(n) => n.to_string(),
        };
        let row = table
            .iter()
            .find(|r| r.0 == *class && r.1 == *name && r.3 == "constant");
        assert_eq!(
            row.map(|r| r.2.as_str()),
            Some(expected.as_str()),
            "{class}.{name}"
        );
        checked += 1;
    }
    let skipped = api::MEMBERS.iter().filter(|m| not_android(m)).count();
    // Object.toString joined the core-Java members (the clipboard's CharSequence as text); the
    // reminders added three members of our own MainActivity, the fingerprint two.
    assert_eq!(skipped, 14);
    assert_eq!(finals, 1);
    // KeyguardManager.isDeviceSecure (API 23) and ClipboardManager.clearPrimaryClip (API 28),
    // checked against the Android reference by hand.
    assert_eq!(later, 2);
    assert_eq!(
        checked,
        api::MEMBERS.len() - skipped - finals - later + api::CONSTANTS.len()
    );
}

/// The JNI descriptor of a Kotlin function declared as `fun name(a: String, b: ByteArray): String`.
fn kotlin_descriptor(source: &str, name: &str) -> Option<String> {
    let start = source.find(&format!("fun {name}("))?;
    let rest = &source[start + name.len() + 5..];
    let (params, after) = rest.split_once(')')?;
    let jni = |t: &str| match t.trim() {
        "String" => Some("Ljava/lang/String;".to_string()),
        "ByteArray" => Some("[B".to_string()),
        "Int" => Some("I".to_string()),
        "Boolean" => Some("Z".to_string()),
        "Uri?" | "Uri" => Some("Landroid/net/Uri;".to_string()),
        "String?" => Some("Ljava/lang/String;".to_string()),
        "" | "Unit" => Some("V".to_string()),
        _ => None,
    };
    let mut descriptor = String::from("(");
    for param in params.split(',').filter(|p| !p.trim().is_empty()) {
        descriptor.push_str(&jni(param.split_once(':')?.1)?);
    }
    descriptor.push(')');
    let ret = after
        .trim_start()
        .strip_prefix(':')
        .map_or("", |r| r.split(['{', '=']).next().unwrap_or(""));
    descriptor.push_str(&jni(ret)?);
    Some(descriptor)
}

#[test]
fn main_activity_members_match_the_kotlin_source() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("android/MainActivity.kt"),
    )
    .expect("android/MainActivity.kt");
    assert!(source.contains("package dev.dioxus.main"));
    let mut seen = 0;
    for m in api::MEMBERS
        .iter()
        .filter(|m| m.class == api::MAIN_ACTIVITY)
    {
        assert_eq!(
            kotlin_descriptor(&source, m.name).as_deref(),
            Some(m.descriptor),
            "MainActivity.{} in the Kotlin source",
            m.name
        );
        seen += 1;
    }
    assert_eq!(seen, 10);
    assert!(
        source.contains(&format!(
            "const val REQUEST_PICK_FILE = {}",
            api::REQUEST_PICK_FILE
        )),
        "the request code of the picker must match android_api::REQUEST_PICK_FILE"
    );
    assert!(source.contains("external fun notifyPickedFile()"));
    assert!(source.contains("external fun notifyReminderOpened()"));
    assert!(source.contains("external fun notifyFingerprint(passed: Boolean)"));
}

#[test]
fn save_download_hands_the_bytes_to_the_activity_and_reports_failures() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let dir = tempfile::tempdir().expect("tmp");
    let activity = activity_saving_to(&mut env, dir.path());
    // Bytes of every value, a BOM and an en dash included, arrive unchanged.
    let bytes: Vec<u8> = "\u{feff}Layanan,Masuk\r\nSurat pengantar nikah (N1–N4),3\r\n"
        .bytes()
        .chain(0u8..=255)
        .collect();
    let place = bridge::save_download(&mut env, &activity, "laporan.csv", "text/csv", &bytes);
    assert_eq!(
        place.as_deref(),
        Ok("Unduhan/Layanan Desa/laporan.csv (text/csv)")
    );
    assert_eq!(
        std::fs::read(dir.path().join("laporan.csv")).expect("written"),
        bytes
    );
    no_pending(&mut env);

    let why = env.new_string("ruang penyimpanan penuh").expect("s");
    env.set_field(
        &activity,
        "failure",
        "Ljava/lang/String;",
        JValue::Object(&why),
    )
    .expect("set failure");
    match bridge::save_download(
        &mut env,
        &activity,
        "poster.svg",
        "image/svg+xml",
        b"<svg/>",
    ) {
        Err(BridgeError::JavaException {
            call: "saveToDownloads",
            exception,
        }) => assert!(
            exception.contains("IOException") && exception.contains("ruang penyimpanan penuh"),
            "{exception}"
        ),
        other => panic!("expected a Java exception, got {other:?}"),
    }
    no_pending(&mut env);
}

fn main_activity<'l>(env: &mut JNIEnv<'l>) -> JObject<'l> {
    env.new_object(api::MAIN_ACTIVITY, "()V", &[])
        .expect("activity")
}

#[test]
fn the_file_picker_is_started_for_a_result_without_a_new_task() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = main_activity(&mut env);
    bridge::pick_document(&mut env, &activity, "application/octet-stream").expect("picker");
    assert_eq!(
        started(&mut env, &activity),
        vec![
            "forResult=4711 action=android.intent.action.OPEN_DOCUMENT data=null package=null \
              type=application/octet-stream flags=0 categories=[android.intent.category.OPENABLE]"
                .to_string()
        ]
    );
    no_pending(&mut env);
}

/// A stand-in MainActivity whose Downloads folder is `dir`.
fn activity_saving_to<'l>(env: &mut JNIEnv<'l>, dir: &Path) -> JObject<'l> {
    let activity = main_activity(env);
    let path = env.new_string(dir.display().to_string()).expect("path");
    let file = env
        .new_object(
            "java/io/File",
            "(Ljava/lang/String;)V",
            &[JValue::Object(&path)],
        )
        .expect("file");
    env.set_field(
        &activity,
        "downloads",
        "Ljava/io/File;",
        JValue::Object(&file),
    )
    .expect("downloads dir");
    activity
}

fn set_picked(env: &mut JNIEnv, activity: &JObject, uri: &str, bytes: Option<&[u8]>) {
    let text = env.new_string(uri).expect("s");
    let parsed = env
        .call_static_method(
            api::URI,
            "parse",
            "(Ljava/lang/String;)Landroid/net/Uri;",
            &[JValue::Object(&text)],
        )
        .and_then(|v| v.l())
        .expect("uri");
    env.set_field(
        activity,
        "picked",
        "Landroid/net/Uri;",
        JValue::Object(&parsed),
    )
    .expect("picked");
    if let Some(bytes) = bytes {
        let resolver = env
            .get_field(activity, "resolver", "Landroid/content/ContentResolver;")
            .and_then(|v| v.l())
            .expect("resolver");
        let array = env.byte_array_from_slice(bytes).expect("bytes");
        env.call_method(
            &resolver,
            "put",
            "(Ljava/lang/String;[B)V",
            &[JValue::Object(&text), JValue::Object(&array)],
        )
        .expect("put");
    }
}

fn resolver_count(env: &mut JNIEnv, activity: &JObject, field: &str) -> i32 {
    let resolver = env
        .get_field(activity, "resolver", "Landroid/content/ContentResolver;")
        .and_then(|v| v.l())
        .expect("resolver");
    env.get_field(&resolver, field, "I")
        .and_then(|v| v.i())
        .expect("count")
}

#[test]
fn a_picked_document_is_read_whole_once_through_the_content_resolver() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = main_activity(&mut env);
    assert_eq!(
        bridge::take_picked_file(&mut env, &activity, 1 << 20),
        Ok(None),
        "nothing picked"
    );
    // 200 KB with every byte value, read in the provider's small pieces.
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let uri = "content://com.android.externalstorage.documents/document/\
               primary%3ADownload%2FLayanan%20Desa%2Fcadangan-wonojati-2026-11-28-1930.cadangan";
    set_picked(&mut env, &activity, uri, Some(&bytes));
    let picked = bridge::take_picked_file(&mut env, &activity, 1 << 20)
        .expect("read")
        .expect("a file");
    assert_eq!(picked.name, "cadangan-wonojati-2026-11-28-1930.cadangan");
    assert_eq!(picked.bytes, bytes);
    assert_eq!(resolver_count(&mut env, &activity, "closed"), 1);
    assert_eq!(
        bridge::take_picked_file(&mut env, &activity, 1 << 20),
        Ok(None),
        "taken once"
    );

    // Larger than allowed: refused, and the stream is still closed.
    set_picked(&mut env, &activity, uri, None);
    assert_eq!(
        bridge::take_picked_file(&mut env, &activity, 100_000),
        Err(BridgeError::TooLarge(100_000))
    );
    assert_eq!(resolver_count(&mut env, &activity, "closed"), 2);

    // A document that went away: Java's exception becomes a typed error.
    set_picked(&mut env, &activity, "content://x/document/hilang", None);
    match bridge::take_picked_file(&mut env, &activity, 1 << 20) {
        Err(BridgeError::JavaException { call, exception }) => {
            assert_eq!(call, "openInputStream");
            assert!(exception.contains("FileNotFoundException"), "{exception}");
        }
        other => panic!("expected FileNotFoundException, got {other:?}"),
    }
    no_pending(&mut env);
}

#[test]
fn share_file_saves_then_opens_the_chooser() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let dir = tempfile::tempdir().expect("tmp");
    let activity = activity_saving_to(&mut env, dir.path());
    let bytes: Vec<u8> = (0u8..=255).cycle().take(70_000).collect();
    let place = bridge::share_file(
        &mut env,
        &activity,
        "cadangan-wonojati.cadangan",
        "application/octet-stream",
        &bytes,
        "Kirim cadangan ke",
    );
    assert_eq!(
        place.as_deref(),
        Ok("Unduhan/Layanan Desa/cadangan-wonojati.cadangan (application/octet-stream)")
    );
    assert_eq!(
        std::fs::read(dir.path().join("cadangan-wonojati.cadangan")).expect("written"),
        bytes
    );
    assert_eq!(
        started(&mut env, &activity),
        vec!["chooser title=Kirim cadangan ke stream=cadangan-wonojati.cadangan".to_string()]
    );
    no_pending(&mut env);
}

/// The table proves the API level matters: ACTION_OPEN_DOCUMENT arrived in API 19 (Android
/// 4.4), so it is absent from API 16; the bridge states its value itself.
#[test]
fn later_api_levels_are_not_in_the_api16_table() {
    let table = reference_table();
    assert_eq!(
        api::ACTION_OPEN_DOCUMENT,
        "android.intent.action.OPEN_DOCUMENT"
    );
    let later = [("android/content/Intent", "ACTION_OPEN_DOCUMENT", 19u8)];
    for (class, name, api_level) in later {
        assert!(api_level > 16);
        assert!(
            !table.iter().any(|r| r.0 == class && r.1 == name),
            "{class}.{name} (API {api_level}) must not be in the API 16 table"
        );
    }
}

/// A typo in a descriptor must fail: the stand-ins refuse a wrong one like Android would.
#[test]
fn a_wrong_descriptor_is_a_typed_error_not_a_crash() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    let r = env.call_method(
        &ctx,
        "startActivity",
        "(Landroid/content/Intnet;)V",
        &[JValue::Object(&JObject::null())],
    );
    assert!(r.is_err());
    assert!(
        env.exception_check().expect("check"),
        "NoSuchMethodError is pending"
    );
    env.exception_clear().expect("clear");
}

#[test]
fn a_download_page_opens_in_the_browser_as_a_new_task() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    let url = "https://contoh.jemberkab.go.id/layanan-desa.apk";
    bridge::open_link(&mut env, &ctx, url).expect("open");
    assert_eq!(
        started(&mut env, &ctx),
        vec![format!(
            "action=android.intent.action.VIEW data={url} package=null type=null flags=268435456"
        )]
    );
    let none = context(&mut env, "android/content/Context", &[], false);
    assert_eq!(
        bridge::open_link(&mut env, &none, url),
        Err(BridgeError::ActivityNotFound)
    );
    no_pending(&mut env);
}

#[test]
fn the_private_screen_is_switched_on_the_activity() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = main_activity(&mut env);
    let secure = |env: &mut JNIEnv, activity: &JObject| {
        env.get_field(activity, "secure", "Z")
            .and_then(|v| v.z())
            .expect("secure field")
    };
    assert!(!secure(&mut env, &activity));
    bridge::set_secure_screen(&mut env, &activity, true).expect("on");
    assert!(secure(&mut env, &activity));
    bridge::set_secure_screen(&mut env, &activity, false).expect("off");
    assert!(!secure(&mut env, &activity));
    no_pending(&mut env);
}

#[test]
fn reminders_reach_the_activity_as_json_and_the_tapped_list_comes_back_once() {
    use layanan_desa::domain::reminder::{Reminder, ReminderKind};
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = main_activity(&mut env);
    let plan = vec![
        Reminder {
            id: 1,
            kind: ReminderKind::OutOfHours,
            at_ms: 1_796_691_600_000,
            title: "3 permintaan masuk saat kantor tutup".into(),
            text: "Ketuk untuk membuka antrean \"pagi\" ini.".into(),
        },
        Reminder {
            id: 102,
            kind: ReminderKind::Overdue,
            at_ms: 1_796_864_400_000,
            title: "2 berkas terlambat".into(),
            text: "Sudah lewat.".into(),
        },
    ];
    bridge::set_reminders(&mut env, &activity, &plan).expect("armed");
    let held = |env: &mut JNIEnv| -> String {
        let held = env
            .get_field(&activity, "reminders", "Ljava/lang/String;")
            .and_then(|v| v.l())
            .expect("reminders field");
        env.get_string(&JString::from(held))
            .expect("a string")
            .into()
    };
    let held_now = held(&mut env);
    // What Kotlin's JSONArray reads: every field of every item, quotes escaped.
    let parsed: serde_json::Value = serde_json::from_str(&held_now).expect("JSON");
    assert_eq!(parsed[0]["id"], 1);
    assert_eq!(parsed[0]["at"], 1_796_691_600_000_i64);
    assert_eq!(parsed[0]["open"], "luar-jam");
    assert_eq!(
        parsed[0]["text"],
        "Ketuk untuk membuka antrean \"pagi\" ini."
    );
    assert_eq!(parsed[1]["open"], "terlambat");
    assert_eq!(parsed[1]["title"], "2 berkas terlambat");
    bridge::set_reminders(&mut env, &activity, &[]).expect("cancelled");
    assert_eq!(held(&mut env), "[]");

    let tap = |env: &mut JNIEnv, key: &str| {
        let key = env.new_string(key).expect("string");
        env.set_field(
            &activity,
            "openedReminder",
            "Ljava/lang/String;",
            JValue::Object(&key),
        )
        .expect("set");
    };
    assert_eq!(bridge::take_opened_reminder(&mut env, &activity), Ok(None));
    tap(&mut env, "terlambat");
    assert_eq!(
        bridge::take_opened_reminder(&mut env, &activity),
        Ok(Some(ReminderKind::Overdue))
    );
    assert_eq!(bridge::take_opened_reminder(&mut env, &activity), Ok(None));
    // A list this version does not know opens nothing, and is not an error.
    tap(&mut env, "daftar-baru");
    assert_eq!(bridge::take_opened_reminder(&mut env, &activity), Ok(None));

    assert_eq!(bridge::allow_notifications(&mut env, &activity), Ok(false));
    env.set_field(&activity, "notificationsAllowed", "Z", JValue::Bool(1))
        .expect("allow");
    assert_eq!(bridge::allow_notifications(&mut env, &activity), Ok(true));
    let asked = env
        .get_field(&activity, "asked", "I")
        .and_then(|v| v.i())
        .expect("asked");
    assert_eq!(asked, 2);
    no_pending(&mut env);
}

#[test]
fn the_fingerprint_prompt_is_asked_of_the_activity() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let activity = main_activity(&mut env);
    assert_eq!(bridge::can_use_fingerprint(&mut env, &activity), Ok(false));
    env.set_field(&activity, "fingerprint", "Z", JValue::Bool(1))
        .expect("set");
    assert_eq!(bridge::can_use_fingerprint(&mut env, &activity), Ok(true));
    bridge::ask_fingerprint(&mut env, &activity, "Buka Layanan Desa").expect("asked");
    let prompts = env
        .get_field(&activity, "prompts", "Ljava/util/List;")
        .and_then(|v| v.l())
        .expect("prompts");
    let first = env
        .call_method(&prompts, "get", "(I)Ljava/lang/Object;", &[JValue::Int(0)])
        .and_then(|v| v.l())
        .expect("first prompt");
    let title: String = env
        .get_string(&JString::from(first))
        .expect("a string")
        .into();
    assert_eq!(title, "Buka Layanan Desa");
    no_pending(&mut env);
}

/// tao registers the activity with ndk-context in onCreate and releases it in onDestroy; after
/// that `ndk_context::android_context` panics. Every platform call goes through
/// `with_current_activity`, which must answer with an error then, never unwind into Java.
#[test]
fn a_destroyed_activity_is_an_error_not_a_panic() {
    let vm = jvm();
    let files = |env: &mut JNIEnv, activity: &JObject| bridge::files_dir(env, activity);
    // Before any activity was created.
    assert_eq!(
        bridge::with_current_activity(files),
        Err(BridgeError::NoActivity)
    );

    let mut env = vm.attach_current_thread().expect("attach");
    let activity = context(&mut env, "android/content/Context", &[], true);
    let activity = env.new_global_ref(activity).expect("global ref");
    // SAFETY: a live JavaVM and a global reference that outlives the registration, as tao
    // hands them over in onCreate.
    unsafe {
        ndk_context::initialize_android_context(
            vm.get_java_vm_pointer().cast(),
            activity.as_obj().as_raw().cast(),
        );
    }
    let alive = bridge::with_current_activity(files);
    // SAFETY: registered just above, as tao's onDestroy releases it.
    unsafe { ndk_context::release_android_context() };
    assert_eq!(
        alive,
        Ok(PathBuf::from("/data/user/0/id.desa.wonojati.layanan/files"))
    );

    // After onDestroy: an error the UI can show, the same every time.
    for _ in 0..2 {
        let gone = bridge::with_current_activity(files);
        assert_eq!(gone, Err(BridgeError::NoActivity));
        let said = layanan_desa::platform::PlatformError::from(BridgeError::NoActivity).to_string();
        assert!(said.contains("aplikasi sedang ditutup"), "{said}");
    }
    no_pending(&mut env);
}

/// The screen-lock check on the JVM: `getSystemService("keyguard")` then `isDeviceSecure()`,
/// with the descriptors of the bridge's table; both answers of the phone come through.
#[test]
fn the_phones_screen_lock_is_read_through_the_keyguard() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    assert_eq!(bridge::device_secure(&mut env, &ctx), Ok(true));
    let keyguard = env
        .get_field(&ctx, "keyguard", "Landroid/app/KeyguardManager;")
        .and_then(|v| v.l())
        .expect("keyguard");
    env.set_field(&keyguard, "deviceSecure", "Z", JValue::Bool(0))
        .expect("no screen lock");
    assert_eq!(bridge::device_secure(&mut env, &ctx), Ok(false));
    no_pending(&mut env);
}

/// The folder private shares wait in is found from the activity's cache directory, as
/// `MainActivity.privateDir` names it.
#[test]
fn the_private_share_folder_is_under_the_cache_directory() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    assert_eq!(
        bridge::cache_dir(&mut env, &ctx),
        Ok(PathBuf::from("/data/user/0/id.desa.wonojati.layanan/cache"))
    );
    let kotlin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("android/MainActivity.kt"),
    )
    .expect("MainActivity.kt");
    assert!(
        kotlin.contains(&format!(
            "File(ctx.cacheDir, \"{}\")",
            api::PRIVATE_SHARE_FOLDER
        )),
        "MainActivity.privateDir and PRIVATE_SHARE_FOLDER disagree"
    );
    no_pending(&mut env);
}

/// "Salin teks" on the JVM: the reply becomes a plain-text clip labelled "Layanan Desa";
/// a minute later it is cleared when the clipboard still holds it, left alone when it holds
/// something the official copied since, and not touched while Android hides the clipboard
/// from the app (Android 10+ in the background).
#[test]
fn a_copied_reply_is_cleared_only_while_it_is_still_ours() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    let reply = "Bapak Budi, berkas KTP-el sudah siap diambil.";
    bridge::copy_text(&mut env, &ctx, "Layanan Desa", reply).expect("copy");
    let clipboard = env
        .get_field(&ctx, "clipboard", "Landroid/content/ClipboardManager;")
        .and_then(|v| v.l())
        .expect("clipboard");
    let clip_text = |env: &mut jni::JNIEnv| -> Option<String> {
        let clip = env
            .get_field(&clipboard, "clip", "Landroid/content/ClipData;")
            .and_then(|v| v.l())
            .expect("clip");
        if clip.is_null() {
            return None;
        }
        let text = env
            .get_field(&clip, "text", "Ljava/lang/CharSequence;")
            .and_then(|v| v.l())
            .expect("text");
        let text = env
            .call_method(&text, "toString", "()Ljava/lang/String;", &[])
            .and_then(|v| v.l())
            .expect("toString");
        Some(env.get_string(&text.into()).expect("utf").into())
    };
    assert_eq!(clip_text(&mut env).as_deref(), Some(reply));

    // In the background: unreadable, nothing cleared.
    env.set_field(&clipboard, "readable", "Z", JValue::Bool(0))
        .expect("hide");
    assert_eq!(bridge::clear_clipboard_if(&mut env, &ctx, reply), Ok(None));
    assert_eq!(clip_text(&mut env).as_deref(), Some(reply));
    env.set_field(&clipboard, "readable", "Z", JValue::Bool(1))
        .expect("show");
    // Something else on the clipboard: left alone.
    assert_eq!(
        bridge::clear_clipboard_if(&mut env, &ctx, "teks lain"),
        Ok(Some(false))
    );
    assert_eq!(clip_text(&mut env).as_deref(), Some(reply));
    // Still ours: cleared.
    assert_eq!(
        bridge::clear_clipboard_if(&mut env, &ctx, reply),
        Ok(Some(true))
    );
    assert_eq!(clip_text(&mut env), None);
    no_pending(&mut env);
}

/// "Tempel pesan WA" on the JVM: the text a resident's message left on the clipboard (copied
/// in WhatsApp, with its emoji and line breaks) comes back whole; an empty clipboard, or one
/// Android hides from an app not on screen, reads as nothing.
#[test]
fn a_message_copied_in_whatsapp_is_read_from_the_clipboard() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let ctx = context(&mut env, "android/content/Context", &[], true);
    assert_eq!(
        bridge::clipboard_text(&mut env, &ctx),
        Ok(None),
        "nothing copied yet"
    );
    let copied = "[30/11/26 08.14] Siti Aminah: pak mau buat surat domisili 🙏\nWA 0812 3456 7890";
    bridge::copy_text(&mut env, &ctx, "WhatsApp", copied).expect("copied in WhatsApp");
    assert_eq!(
        bridge::clipboard_text(&mut env, &ctx),
        Ok(Some(copied.to_string()))
    );
    let clipboard = env
        .get_field(&ctx, "clipboard", "Landroid/content/ClipboardManager;")
        .and_then(|v| v.l())
        .expect("clipboard");
    env.set_field(&clipboard, "readable", "Z", JValue::Bool(0))
        .expect("hide");
    assert_eq!(
        bridge::clipboard_text(&mut env, &ctx),
        Ok(None),
        "hidden by Android"
    );
    no_pending(&mut env);
}

/// The private share on the JVM: the bytes go to the activity's private cache (`berbagi/`),
/// nothing to the downloads folder, and the chooser gets the private Uri; a second share
/// leaves only its own file behind.
#[test]
fn share_private_keeps_the_file_out_of_downloads() {
    let mut env = jvm().attach_current_thread().expect("attach");
    let downloads = tempfile::tempdir().expect("tmp");
    let cache = tempfile::tempdir().expect("tmp");
    let activity = activity_saving_to(&mut env, downloads.path());
    let path = env
        .new_string(cache.path().display().to_string())
        .expect("path");
    let file = env
        .new_object(
            "java/io/File",
            "(Ljava/lang/String;)V",
            &[JValue::Object(&path)],
        )
        .expect("file");
    env.set_field(&activity, "cache", "Ljava/io/File;", JValue::Object(&file))
        .expect("cache");
    for name in ["laporan-berkas-1.csv", "laporan-berkas-2.csv"] {
        bridge::share_private(
            &mut env,
            &activity,
            name,
            "text/csv",
            b"Nomor,Nama\r\n2026-0001,Siti Aminah\r\n",
            "Bagikan daftar berkas",
        )
        .expect("shared");
    }
    let kept: Vec<String> = std::fs::read_dir(cache.path().join("berbagi"))
        .expect("cache dir")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept, vec!["laporan-berkas-2.csv".to_string()]);
    assert_eq!(
        std::fs::read_dir(downloads.path()).expect("dl").count(),
        0,
        "nothing public"
    );
    assert_eq!(
        started(&mut env, &activity).last().map(String::as_str),
        Some("chooser title=Bagikan daftar berkas stream=pribadi/laporan-berkas-2.csv (text/csv)")
    );
    no_pending(&mut env);
}

//! What `dx bundle` builds from `android/` and `Dioxus.toml` cannot be built here (no Android
//! SDK), so these tests read the files dx copies verbatim and check what would otherwise only
//! fail on a phone or in the release build: the manifest and the Kotlin agree (components,
//! private file provider, singleTask, INTERNET only, no adb backup); the activity carries the
//! `BuildConfig` alias dx's own template writes, for the identifier in `Dioxus.toml`; the
//! manifest carries what dx's manifest template sets (cleartext to 127.0.0.1 for the WebView,
//! native library flags), every configuration change a phone can make, data extraction rules
//! that keep the case book on the phone, and only resources that exist; every Kotlin member
//! that Rust calls through JNI is kept from R8 (checked against `android_api.rs`, and the
//! rules run through a real ProGuard on the JVM stand-in); Gradle's minSdk equals the API level
//! the Rust library is linked for.

use std::path::Path;

use layanan_desa::platform::android_api as api;

const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn attr<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((ANDROID_NS, name))
}

#[test]
fn manifest_and_kotlin_agree() {
    let manifest = read("android/AndroidManifest.xml");
    let kotlin = read("android/MainActivity.kt");
    let doc = roxmltree::Document::parse(&manifest).expect("AndroidManifest.xml is XML");

    let permissions: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("uses-permission"))
        .filter_map(|n| attr(n, "name"))
        .collect();
    // INTERNET, the reminders' (notifications on Android 13+, arming again after a restart)
    // and the fingerprint prompt's. No exact alarms, no storage, no contacts.
    assert_eq!(
        permissions,
        [
            "android.permission.INTERNET",
            "android.permission.POST_NOTIFICATIONS",
            "android.permission.RECEIVE_BOOT_COMPLETED",
            "android.permission.USE_BIOMETRIC",
        ]
    );

    let application = doc
        .descendants()
        .find(|n| n.has_tag_name("application"))
        .expect("an <application>");
    assert_eq!(attr(application, "allowBackup"), Some("false"));

    let components: Vec<_> = application
        .children()
        .filter(|n| {
            n.is_element()
                && ["activity", "provider", "receiver"]
                    .iter()
                    .any(|tag| n.has_tag_name(*tag))
        })
        .collect();
    assert!(
        components.len() >= 4,
        "activity, provider and two receivers expected"
    );
    for component in &components {
        let name = attr(*component, "name").expect("component has a name");
        let class = name
            .strip_prefix("dev.dioxus.main.")
            .unwrap_or_else(|| panic!("{name} is not in MainActivity.kt's package"));
        assert!(
            kotlin.contains(&format!("class {class} ")),
            "{name} is named in the manifest but MainActivity.kt has no class {class}"
        );
    }

    let activity = components
        .iter()
        .find(|n| n.has_tag_name("activity"))
        .expect("an activity");
    assert_eq!(attr(*activity, "launchMode"), Some("singleTask"));
    // No task hijacking: another app's activity with our affinity cannot sit in our task and
    // pose as a screen of ours (StrandHogg); an empty affinity joins no task by name.
    assert_eq!(attr(*activity, "taskAffinity"), Some(""));

    // The alarm receiver posts what its intent says: only our own PendingIntents may reach it.
    // The restart receiver is exported for the system's protected broadcasts only.
    let receiver = |class: &str| {
        components
            .iter()
            .find(|n| attr(**n, "name") == Some(&format!("dev.dioxus.main.{class}")[..]))
            .copied()
            .unwrap_or_else(|| panic!("the manifest declares no {class}"))
    };
    assert_eq!(attr(receiver("ReminderAlarm"), "exported"), Some("false"));
    let boot = receiver("ReminderBoot");
    let actions: Vec<&str> = boot
        .descendants()
        .filter(|n| n.has_tag_name("action"))
        .filter_map(|n| attr(n, "name"))
        .collect();
    assert_eq!(
        actions,
        [
            "android.intent.action.BOOT_COMPLETED",
            "android.intent.action.MY_PACKAGE_REPLACED"
        ]
    );
    assert!(kotlin.contains("Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_MY_PACKAGE_REPLACED ->"));

    let provider = components
        .iter()
        .find(|n| n.has_tag_name("provider"))
        .expect("the file provider");
    assert_eq!(
        attr(*provider, "exported"),
        Some("false"),
        "provider must stay private"
    );
    assert_eq!(attr(*provider, "grantUriPermissions"), Some("true"));
    let authority = attr(*provider, "authorities").expect("authorities");
    let suffix = authority
        .strip_prefix("${applicationId}")
        .expect("authority built on the application id");
    assert!(
        kotlin.contains(&format!(".authority(ctx.packageName + \"{suffix}\")")),
        "Kotlin builds Uris for an authority other than {authority}"
    );
    assert!(
        kotlin.contains("if (mode != \"r\")"),
        "the provider must refuse any mode but read"
    );
}

fn dioxus_toml() -> toml::Table {
    read("Dioxus.toml")
        .parse::<toml::Table>()
        .expect("Dioxus.toml is TOML")
}

fn table<'a>(t: &'a toml::Table, key: &str) -> &'a toml::Table {
    t.get(key)
        .and_then(|v| v.as_table())
        .unwrap_or_else(|| panic!("Dioxus.toml has no [{key}]"))
}

fn manifest_doc(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).expect("AndroidManifest.xml is XML")
}

fn application<'a>(doc: &'a roxmltree::Document<'a>) -> roxmltree::Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.has_tag_name("application"))
        .expect("an <application>")
}

/// wry's Logger.kt uses `BuildConfig.DEBUG` in package dev.dioxus.main; Gradle generates
/// BuildConfig in the namespace, which dx sets to the bundle identifier. dx's own activity
/// template writes the alias; ours is copied verbatim, so it must carry it.
#[test]
fn the_activity_aliases_build_config_of_the_bundle_identifier() {
    let config = dioxus_toml();
    // dx takes [android] identifier over [bundle] identifier when both are set.
    let identifier = table(&config, "android")
        .get("identifier")
        .or_else(|| table(&config, "bundle").get("identifier"))
        .and_then(|v| v.as_str())
        .expect("Dioxus.toml names the bundle identifier");
    let kotlin = read("android/MainActivity.kt");
    let lines: Vec<&str> = kotlin.lines().map(str::trim).collect();
    let alias_at = lines
        .iter()
        .position(|l| l.starts_with("typealias BuildConfig"))
        .expect("MainActivity.kt has no `typealias BuildConfig = <identifier>.BuildConfig`");
    assert_eq!(
        lines[alias_at],
        format!("typealias BuildConfig = {identifier}.BuildConfig"),
        "the BuildConfig alias must name [bundle] identifier of Dioxus.toml"
    );
    // Kotlin allows top-level declarations only after the package line and every import.
    let package_at = lines
        .iter()
        .position(|l| l.starts_with("package "))
        .expect("a package line");
    let last_import = lines.iter().rposition(|l| l.starts_with("import "));
    assert!(
        alias_at > package_at && last_import.is_none_or(|i| alias_at > i),
        "the alias must come after the package line and the imports"
    );
}

/// What dx's manifest template puts on `<application>` and a verbatim manifest must carry.
#[test]
fn the_application_carries_what_dx_template_sets() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    let app = application(&doc);
    // dx always writes res/xml/network_security_config.xml (cleartext to 127.0.0.1 only); the
    // WebView gets every screen edit over ws://127.0.0.1, refused without this on API 28+.
    assert_eq!(
        attr(app, "networkSecurityConfig"),
        Some("@xml/network_security_config"),
        "without the network security config the WebView cannot reach ws://127.0.0.1: blank screen"
    );
    assert_eq!(attr(app, "allowNativeHeapPointerTagging"), Some("false"));
    assert_eq!(attr(app, "extractNativeLibs"), Some("true"));
    assert_eq!(attr(app, "hasCode"), Some("true"));
    assert_eq!(attr(app, "fullBackupContent"), Some("false"));
}

/// Any change the activity does not handle re-creates it, which runs Rust's main() a second
/// time; ndk-context aborts on a second activity.
#[test]
fn config_changes_cover_every_change_a_phone_makes() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    let activity = doc
        .descendants()
        .find(|n| n.has_tag_name("activity"))
        .expect("an activity");
    let changes: Vec<&str> = attr(activity, "configChanges")
        .expect("configChanges")
        .split('|')
        .collect();
    for needed in [
        // Sizes: rotation, split screen, freeform windows, foldables, display size setting.
        "orientation",
        "screenSize",
        "smallestScreenSize",
        "screenLayout",
        "density",
        // The rest a phone can change under a running app.
        "keyboard",
        "keyboardHidden",
        "navigation",
        "touchscreen",
        "mcc",
        "mnc",
        "locale",
        "layoutDirection",
        "fontScale",
        "uiMode",
    ] {
        assert!(
            changes.contains(&needed),
            "configChanges misses {needed}: the activity would be re-created"
        );
    }
}

/// Resources dx writes into the Gradle project itself (android.rs, build_android_app_dir).
const DX_RESOURCES: &[&str] = &[
    "xml/network_security_config",
    "mipmap/ic_launcher",
    "style/AppTheme",
    "string/app_name",
];

/// Every `@type/name` the manifest names exists: in dx's generated project or in android/res,
/// which the Gradle init script adds. A missing one stops the build.
#[test]
fn every_resource_the_manifest_names_exists() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    let res = Path::new(env!("CARGO_MANIFEST_DIR")).join("android/res");
    let mut named = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            if let Some(reference) = a.value().strip_prefix('@') {
                named.push(reference.to_string());
            }
        }
    }
    assert!(named.len() >= 5, "expected icon, theme and xml references");
    for reference in &named {
        if DX_RESOURCES.contains(&reference.as_str()) {
            continue;
        }
        let (kind, name) = reference.split_once('/').expect("@type/name");
        assert!(
            name.starts_with("ic_layanan_desa") || name.starts_with("layanan_desa_"),
            "{reference}: our resources carry our prefix so they never clash with dx's"
        );
        let found = std::fs::read_dir(&res)
            .expect("android/res")
            .filter_map(Result::ok)
            .filter(|d| {
                let dir = d.file_name().to_string_lossy().to_string();
                dir == kind || dir.starts_with(&format!("{kind}-"))
            })
            .any(|d| {
                std::fs::read_dir(d.path())
                    .expect("res folder")
                    .filter_map(Result::ok)
                    .any(|f| f.path().file_stem().is_some_and(|s| s == name))
            });
        assert!(
            found,
            "@{reference} is in the manifest but not in android/res"
        );
    }
    // The init script adds this folder to dx's Gradle project: ./dev apk fills in its path.
    let init = read("android/layanan-desa.init.gradle");
    assert!(init.contains("sourceSet.res.srcDir(ownRes)"));
    assert!(init.contains("def ownRes = new File('@RES@')"));
    let dev = read("dev");
    assert!(dev.contains(r#"-e "s|@RES@|$PWD/android/res|""#));
    assert!(dev.contains("android/layanan-desa.init.gradle"));
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    assert_eq!(&bytes[12..16], b"IHDR");
    let n =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (n(16), n(20))
}

/// "Buka dengan" from WhatsApp: the activity takes a VIEW of a content Uri of the MIME type
/// sync files are shared with, and the Kotlin keeps it as the picker's answer, at a cold start
/// (before Rust starts, which then looks once) and while running (telling Rust).
#[test]
fn a_sync_file_opened_with_the_app_reaches_the_activity() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    let activity = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("activity") && attr(*n, "name") == Some("dev.dioxus.main.MainActivity")
        })
        .expect("MainActivity in the manifest");
    let view = activity
        .children()
        .filter(|n| n.has_tag_name("intent-filter"))
        .find(|f| {
            f.children().any(|a| {
                a.has_tag_name("action") && attr(a, "name") == Some("android.intent.action.VIEW")
            })
        })
        .expect("an ACTION_VIEW intent filter on MainActivity");
    assert!(view.children().any(|c| c.has_tag_name("category")
        && attr(c, "name") == Some("android.intent.category.DEFAULT")));
    let data: Vec<(Option<&str>, Option<&str>)> = view
        .children()
        .filter(|d| d.has_tag_name("data"))
        .map(|d| (attr(d, "scheme"), attr(d, "mimeType")))
        .collect();
    assert!(data.contains(&(Some("content"), None)), "{data:?}");
    assert!(
        data.contains(&(None, Some(layanan_desa::app::backup::BACKUP_MIME))),
        "the MIME type sync files are shared with: {data:?}"
    );

    let kotlin = read("android/MainActivity.kt");
    let on_create = kotlin
        .split("override fun onCreate(")
        .nth(1)
        .and_then(|rest| rest.split("super.onCreate(").next())
        .expect("MainActivity.onCreate");
    assert!(
        on_create.contains("keepViewedFile(intent)"),
        "a cold start by \"Buka dengan\" keeps the file before Rust starts"
    );
    let on_new_intent = kotlin
        .split("override fun onNewIntent(")
        .nth(1)
        .and_then(|rest| rest.split("\n    }").next())
        .expect("MainActivity.onNewIntent");
    assert!(
        on_new_intent.contains("if (keepViewedFile(intent)) {")
            && on_new_intent.contains("notifyPickedFile()"),
        "{on_new_intent}"
    );
    assert!(
        kotlin.contains("@Volatile\n    private var pickedUri: Uri?"),
        "pickedUri is read from Rust's thread"
    );
}

/// The launcher icon in every density Android picks from (48 dp).
#[test]
fn the_launcher_icon_comes_in_every_density() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    assert_eq!(
        attr(application(&doc), "icon"),
        Some("@mipmap/ic_layanan_desa"),
        "the APK must show the app's own icon, not Dioxus's"
    );
    let res = Path::new(env!("CARGO_MANIFEST_DIR")).join("android/res");
    for (density, px) in [
        ("mdpi", 48),
        ("hdpi", 72),
        ("xhdpi", 96),
        ("xxhdpi", 144),
        ("xxxhdpi", 192),
    ] {
        let path = res.join(format!("mipmap-{density}/ic_layanan_desa.png"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(png_size(&bytes), (px, px), "{}", path.display());
    }
}

/// Android 12+: allowBackup="false" no longer stops a device-to-device transfer; the rules must
/// exclude every domain from both cloud backup and device transfer.
#[test]
fn data_extraction_rules_keep_everything_on_the_phone() {
    let manifest = read("android/AndroidManifest.xml");
    let doc = manifest_doc(&manifest);
    let rules = attr(application(&doc), "dataExtractionRules")
        .expect("<application> needs android:dataExtractionRules (Android 12+ device transfer)");
    let name = rules.strip_prefix("@xml/").expect("an @xml/ resource");
    let xml = read(&format!("android/res/xml/{name}.xml"));
    let rules = roxmltree::Document::parse(&xml).expect("extraction rules are XML");
    for section in ["cloud-backup", "device-transfer"] {
        let node = rules
            .descendants()
            .find(|n| n.has_tag_name(section))
            .unwrap_or_else(|| panic!("no <{section}>"));
        assert!(
            !node.children().any(|c| c.has_tag_name("include")),
            "<{section}> must include nothing"
        );
        let excluded: Vec<(&str, &str)> = node
            .children()
            .filter(|c| c.has_tag_name("exclude"))
            .map(|c| {
                (
                    c.attribute("domain").unwrap_or(""),
                    c.attribute("path").unwrap_or(""),
                )
            })
            .collect();
        for domain in [
            "root",
            "file",
            "database",
            "sharedpref",
            "external",
            "device_root",
            "device_file",
            "device_database",
            "device_sharedpref",
        ] {
            assert!(
                excluded.contains(&(domain, ".")),
                "<{section}> does not exclude the whole {domain} domain"
            );
        }
    }
}

/// Gradle's minSdk ([android] min_sdk) is the oldest Android that installs the APK; the Rust
/// library is linked for [application] android_min_sdk_version (dx's default 28). An APK that
/// installs where its library cannot load crashes at start.
#[test]
fn min_sdk_is_the_api_level_the_library_is_linked_for() {
    let config = dioxus_toml();
    let android = table(&config, "android");
    let int = |t: &toml::Table, key: &str| {
        t.get(key)
            .and_then(|v| v.as_integer())
            .unwrap_or_else(|| panic!("Dioxus.toml must set {key}"))
    };
    let gradle_min = int(android, "min_sdk");
    let linked = int(table(&config, "application"), "android_min_sdk_version");
    assert_eq!(
        gradle_min, linked,
        "Gradle minSdk and the .so's API level differ"
    );
    assert!(
        linked >= 28,
        "dx 0.7.10 links the Rust library for API 28 and up"
    );
    // androidx webkit/material 1.13.0 are built against API 35.
    assert!(int(android, "compile_sdk") >= 35);
    assert!(int(android, "target_sdk") <= int(android, "compile_sdk"));
}

/// One JNI field type at the start of `d`, as Java writes it, and the rest of `d`.
fn java_type(d: &str) -> (String, &str) {
    let (first, rest) = d.split_at(1);
    let simple = match first {
        "Z" => "boolean",
        "B" => "byte",
        "C" => "char",
        "S" => "short",
        "I" => "int",
        "J" => "long",
        "F" => "float",
        "D" => "double",
        "V" => "void",
        "[" => {
            let (inner, rest) = java_type(rest);
            return (format!("{inner}[]"), rest);
        }
        "L" => {
            let end = rest.find(';').expect("object type ends with ;");
            return (rest[..end].replace('/', "."), &rest[end + 1..]);
        }
        other => panic!("unknown descriptor type {other}"),
    };
    (simple.to_string(), rest)
}

/// `public <return> name(<args>);` for a JNI method descriptor, the way keep rules write it.
fn keep_line(name: &str, descriptor: &str) -> String {
    let inner = descriptor.strip_prefix('(').expect("a method descriptor");
    let (mut args_part, ret) = inner.split_once(')').expect("(args)return");
    let mut args = Vec::new();
    while !args_part.is_empty() {
        let (t, rest) = java_type(args_part);
        args.push(t);
        args_part = rest;
    }
    let (ret, tail) = java_type(ret);
    assert!(tail.is_empty());
    format!("public {ret} {name}({});", args.join(", "))
}

/// The members of MainActivity that Rust calls, as keep-rule lines.
fn members_rust_calls() -> Vec<String> {
    let members: Vec<String> = api::MEMBERS
        .iter()
        .filter(|m| m.class == api::MAIN_ACTIVITY)
        .map(|m| keep_line(m.name, m.descriptor))
        .collect();
    assert!(
        members.len() >= 4,
        "saveToDownloads, shareFile, takePickedUri, setSecureScreen"
    );
    members
}

const KEEP_FILE: &str = "android/proguard-layanan-desa.pro";

/// R8 runs on every release build and removes what nothing in Java/Kotlin calls; the rules dx
/// and wry supply keep only native methods and wry's own members.
#[test]
fn every_kotlin_member_rust_calls_is_kept_from_r8() {
    let config = dioxus_toml();
    let rules: Vec<&str> = table(&config, "android")
        .get("proguard_rules")
        .and_then(|v| v.as_array())
        .expect("[android] proguard_rules in Dioxus.toml")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        rules.contains(&KEEP_FILE),
        "Dioxus.toml must hand {KEEP_FILE} to dx"
    );
    let text = read(KEEP_FILE);
    let block = text
        .split("-keep class dev.dioxus.main.MainActivity {")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .expect("a -keep block for dev.dioxus.main.MainActivity");
    let mut kept: Vec<String> = block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut wanted = members_rust_calls();
    kept.sort();
    wanted.sort();
    assert_eq!(
        kept, wanted,
        "{KEEP_FILE} must keep exactly the MainActivity members android_api.rs lists"
    );
}

/// Runs ProGuard (same rule language as R8) over the JVM stand-ins in tests/java with wry's
/// rule and, when `ours`, our keep file; returns `javap -s` of the shrunk MainActivity.
fn shrunk_main_activity(dir: &Path, ours: bool) -> String {
    use std::process::Command;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let classes = dir.join("classes");
    std::fs::create_dir_all(&classes).expect("class dir");
    let mut sources = Vec::new();
    let mut stack = vec![root.join("tests/java")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("java sources").flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                sources.push(e.path());
            }
        }
    }
    // ProGuard 6.2 reads class files up to Java 13.
    let ok = Command::new("javac")
        .args(["--release", "11", "-d"])
        .arg(&classes)
        .args(&sources)
        .status()
        .expect("javac runs (./dev test installs a JDK)");
    assert!(ok.success(), "javac failed");
    let input = dir.join("in.jar");
    let ok = Command::new("jar")
        .arg("cf")
        .arg(&input)
        .arg("-C")
        .arg(&classes)
        .arg(".")
        .status()
        .expect("jar runs");
    assert!(ok.success());
    let output = dir.join(if ours { "kept.jar" } else { "bare.jar" });
    let mut config = format!(
        "-injars {}\n-outjars {}\n-ignorewarnings\n-dontnote\n\
         # The framework is a library on a phone: never renamed or removed.\n\
         -keep class android.** {{ *; }}\n\
         # wry's rule (proguard-wry.pro, copied by dx).\n\
         -keep class dev.dioxus.main.* {{ native <methods>; }}\n",
        input.display(),
        output.display()
    );
    if ours {
        config.push_str(&format!("-include {}\n", root.join(KEEP_FILE).display()));
    }
    let pro = dir.join(if ours { "kept.pro" } else { "bare.pro" });
    std::fs::write(&pro, config).expect("write rules");
    let run = Command::new("proguard")
        .arg(format!("@{}", pro.display()))
        .output()
        .expect("proguard runs (./dev test installs Debian's proguard-cli)");
    assert!(
        run.status.success(),
        "proguard failed: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let javap = Command::new("javap")
        .args(["-s", "-cp"])
        .arg(&output)
        .arg("dev.dioxus.main.MainActivity")
        .output()
        .expect("javap runs");
    assert!(javap.status.success(), "MainActivity itself was removed");
    String::from_utf8_lossy(&javap.stdout).into_owned()
}

/// The keep file, run through a real shrinker: with it every member Rust calls survives with
/// the descriptor the bridge uses; without it the same shrinker removes them, as R8 would.
#[test]
fn the_keep_rules_survive_a_real_shrinker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kept = shrunk_main_activity(dir.path(), true);
    let bare = shrunk_main_activity(dir.path(), false);
    for m in api::MEMBERS
        .iter()
        .filter(|m| m.class == api::MAIN_ACTIVITY)
    {
        let signature = format!("descriptor: {}", m.descriptor);
        let has = |javap: &str| {
            javap
                .lines()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0].contains(&format!(" {}(", m.name)) && w[1].trim() == signature)
        };
        assert!(
            has(&kept),
            "{} {} was shrunk away:\n{kept}",
            m.name,
            m.descriptor
        );
        assert!(
            !has(&bare),
            "{} survived without the keep file: this check would prove nothing",
            m.name
        );
    }
}

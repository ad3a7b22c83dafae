//! The Android manifest and the Kotlin activity are only built by `dx bundle` (no SDK here), so
//! this test reads both and checks that they agree: every component the manifest names exists in
//! `MainActivity.kt`, the file provider is private with read grants only and serves the authority
//! the Kotlin builds its Uris with, the activity is singleTask, and the app asks for no
//! permission beyond INTERNET and allows no adb backup.

use std::path::Path;

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
    assert_eq!(permissions, ["android.permission.INTERNET"]);

    let application = doc
        .descendants()
        .find(|n| n.has_tag_name("application"))
        .expect("an <application>");
    assert_eq!(attr(application, "allowBackup"), Some("false"));

    let components: Vec<_> = application
        .children()
        .filter(|n| n.is_element() && (n.has_tag_name("activity") || n.has_tag_name("provider")))
        .collect();
    assert!(components.len() >= 2, "activity and provider expected");
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

//! Every Android framework member the JNI bridge touches, in one table: class, name, JNI
//! descriptor, static or not, and the constant values it relies on. The bridge uses nothing
//! that is not listed here, and a test checks each row against a table read from a real
//! API 16 android.jar, so a typo in a descriptor fails a test instead of a phone.

/// What kind of member a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Constructor,
    Method,
    StaticMethod,
}

/// One Java member the bridge calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub class: &'static str,
    pub name: &'static str,
    pub descriptor: &'static str,
    pub kind: Kind,
    /// The API level that added it, when later than 16 (the test then skips the table lookup
    /// and checks the level is stated).
    pub since_api: u8,
    /// False for the few `final` methods the API 16 table leaves out (it lists overridable
    /// public methods); the test checks they are indeed absent and calls them on stand-ins.
    pub in_table: bool,
}

const fn member(
    class: &'static str,
    name: &'static str,
    descriptor: &'static str,
    kind: Kind,
) -> Member {
    Member {
        class,
        name,
        descriptor,
        kind,
        since_api: 16,
        in_table: true,
    }
}

/// A `final` method (present since API 1, not in the API 16 table); see `Member::in_table`.
const fn final_member(class: &'static str, name: &'static str, descriptor: &'static str) -> Member {
    Member {
        class,
        name,
        descriptor,
        kind: Kind::Method,
        since_api: 16,
        in_table: false,
    }
}

pub const INTENT: &str = "android/content/Intent";
pub const URI: &str = "android/net/Uri";
pub const CONTEXT: &str = "android/content/Context";
pub const ACTIVITY: &str = "android/app/Activity";
pub const FILE: &str = "java/io/File";
pub const CONTENT_RESOLVER: &str = "android/content/ContentResolver";
pub const INPUT_STREAM: &str = "java/io/InputStream";
pub const ACTIVITY_NOT_FOUND: &str = "android/content/ActivityNotFoundException";
pub const CLIP_DATA: &str = "android/content/ClipData";
pub const CLIPBOARD_MANAGER: &str = "android/content/ClipboardManager";
pub const KEYGUARD_MANAGER: &str = "android/app/KeyguardManager";
/// Our own activity (android/MainActivity.kt), not a framework class: its members are checked
/// against the Kotlin source instead of android.jar.
pub const MAIN_ACTIVITY: &str = "dev/dioxus/main/MainActivity";

pub const URI_PARSE: Member = member(
    URI,
    "parse",
    "(Ljava/lang/String;)Landroid/net/Uri;",
    Kind::StaticMethod,
);
pub const INTENT_NEW_ACTION: Member =
    member(INTENT, "<init>", "(Ljava/lang/String;)V", Kind::Constructor);
pub const INTENT_NEW_ACTION_URI: Member = member(
    INTENT,
    "<init>",
    "(Ljava/lang/String;Landroid/net/Uri;)V",
    Kind::Constructor,
);
pub const INTENT_SET_PACKAGE: Member = member(
    INTENT,
    "setPackage",
    "(Ljava/lang/String;)Landroid/content/Intent;",
    Kind::Method,
);
pub const INTENT_ADD_FLAGS: Member = member(
    INTENT,
    "addFlags",
    "(I)Landroid/content/Intent;",
    Kind::Method,
);
pub const INTENT_SET_TYPE: Member = member(
    INTENT,
    "setType",
    "(Ljava/lang/String;)Landroid/content/Intent;",
    Kind::Method,
);
pub const INTENT_PUT_EXTRA_STRING: Member = member(
    INTENT,
    "putExtra",
    "(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;",
    Kind::Method,
);
pub const INTENT_CREATE_CHOOSER: Member = member(
    INTENT,
    "createChooser",
    "(Landroid/content/Intent;Ljava/lang/CharSequence;)Landroid/content/Intent;",
    Kind::StaticMethod,
);
pub const INTENT_GET_ACTION: Member =
    member(INTENT, "getAction", "()Ljava/lang/String;", Kind::Method);
pub const INTENT_GET_STRING_EXTRA: Member = member(
    INTENT,
    "getStringExtra",
    "(Ljava/lang/String;)Ljava/lang/String;",
    Kind::Method,
);
pub const CONTEXT_START_ACTIVITY: Member = member(
    CONTEXT,
    "startActivity",
    "(Landroid/content/Intent;)V",
    Kind::Method,
);
pub const CONTEXT_GET_FILES_DIR: Member =
    member(CONTEXT, "getFilesDir", "()Ljava/io/File;", Kind::Method);
pub const CONTEXT_GET_CACHE_DIR: Member =
    member(CONTEXT, "getCacheDir", "()Ljava/io/File;", Kind::Method);
pub const FILE_GET_ABSOLUTE_PATH: Member = member(
    FILE,
    "getAbsolutePath",
    "()Ljava/lang/String;",
    Kind::Method,
);
pub const ACTIVITY_GET_INTENT: Member = member(
    ACTIVITY,
    "getIntent",
    "()Landroid/content/Intent;",
    Kind::Method,
);
pub const ACTIVITY_SET_INTENT: Member = member(
    ACTIVITY,
    "setIntent",
    "(Landroid/content/Intent;)V",
    Kind::Method,
);
/// Core Java, present on every Android version (the API 16 table lists Android classes only).
pub const THROWABLE_TO_STRING: Member = member(
    "java/lang/Throwable",
    "toString",
    "()Ljava/lang/String;",
    Kind::Method,
);

/// `MainActivity.saveToDownloads(name, mime, bytes)`: the Android API calls of saving a file
/// are written in Kotlin, where the compiler checks them against android.jar.
pub const MAIN_ACTIVITY_SAVE_TO_DOWNLOADS: Member = member(
    MAIN_ACTIVITY,
    "saveToDownloads",
    "(Ljava/lang/String;Ljava/lang/String;[B)Ljava/lang/String;",
    Kind::Method,
);

/// `MainActivity.shareFile(name, mime, bytes, title)`: saves to Downloads and opens the share
/// sheet with the file (MediaStore and the chooser in Kotlin, checked by its compiler).
pub const MAIN_ACTIVITY_SHARE_FILE: Member = member(
    MAIN_ACTIVITY,
    "shareFile",
    "(Ljava/lang/String;Ljava/lang/String;[BLjava/lang/String;)Ljava/lang/String;",
    Kind::Method,
);
/// `MainActivity.sharePrivate(name, mime, bytes, title)`: the share sheet with a file kept in
/// the app's private cache only (no copy in Downloads).
pub const MAIN_ACTIVITY_SHARE_PRIVATE: Member = member(
    MAIN_ACTIVITY,
    "sharePrivate",
    "(Ljava/lang/String;Ljava/lang/String;[BLjava/lang/String;)V",
    Kind::Method,
);
/// `MainActivity.takePickedUri()`: the document the system picker returned to
/// `onActivityResult`, handed out once (null when none).
pub const MAIN_ACTIVITY_TAKE_PICKED_URI: Member = member(
    MAIN_ACTIVITY,
    "takePickedUri",
    "()Landroid/net/Uri;",
    Kind::Method,
);
/// `MainActivity.setSecureScreen(on)`: `FLAG_SECURE` on the window (set on the UI thread in
/// Kotlin), so the screen stays out of screenshots and the recent-apps preview.
pub const MAIN_ACTIVITY_SET_SECURE_SCREEN: Member =
    member(MAIN_ACTIVITY, "setSecureScreen", "(Z)V", Kind::Method);
/// `MainActivity.setReminders(plan)`: the reminders as JSON (`platform::reminders_json`),
/// armed through AlarmManager in Kotlin and kept for a restart of the phone.
pub const MAIN_ACTIVITY_SET_REMINDERS: Member = member(
    MAIN_ACTIVITY,
    "setReminders",
    "(Ljava/lang/String;)V",
    Kind::Method,
);
/// `MainActivity.takeOpenedReminder()`: the list key of the tapped notification, once (null
/// when none).
pub const MAIN_ACTIVITY_TAKE_OPENED_REMINDER: Member = member(
    MAIN_ACTIVITY,
    "takeOpenedReminder",
    "()Ljava/lang/String;",
    Kind::Method,
);
/// `MainActivity.allowNotifications()`: whether notifications can show (Android 13+ asks).
pub const MAIN_ACTIVITY_ALLOW_NOTIFICATIONS: Member =
    member(MAIN_ACTIVITY, "allowNotifications", "()Z", Kind::Method);
/// `MainActivity.canUseFingerprint()`: BiometricManager (API 29+) or the fingerprint feature
/// (API 28), checked in Kotlin.
pub const MAIN_ACTIVITY_CAN_USE_FINGERPRINT: Member =
    member(MAIN_ACTIVITY, "canUseFingerprint", "()Z", Kind::Method);
/// `MainActivity.askFingerprint(title)`: BiometricPrompt with "Pakai PIN" as its way out.
pub const MAIN_ACTIVITY_ASK_FINGERPRINT: Member = member(
    MAIN_ACTIVITY,
    "askFingerprint",
    "(Ljava/lang/String;)V",
    Kind::Method,
);
pub const INTENT_ADD_CATEGORY: Member = member(
    INTENT,
    "addCategory",
    "(Ljava/lang/String;)Landroid/content/Intent;",
    Kind::Method,
);
pub const ACTIVITY_START_ACTIVITY_FOR_RESULT: Member = member(
    ACTIVITY,
    "startActivityForResult",
    "(Landroid/content/Intent;I)V",
    Kind::Method,
);
pub const CONTEXT_GET_CONTENT_RESOLVER: Member = member(
    CONTEXT,
    "getContentResolver",
    "()Landroid/content/ContentResolver;",
    Kind::Method,
);
pub const URI_GET_LAST_PATH_SEGMENT: Member = member(
    URI,
    "getLastPathSegment",
    "()Ljava/lang/String;",
    Kind::Method,
);
/// `public final InputStream openInputStream(Uri)`, API 1.
pub const CONTENT_RESOLVER_OPEN_INPUT_STREAM: Member = final_member(
    CONTENT_RESOLVER,
    "openInputStream",
    "(Landroid/net/Uri;)Ljava/io/InputStream;",
);
/// Core Java.
pub const CONTEXT_GET_SYSTEM_SERVICE: Member = member(
    CONTEXT,
    "getSystemService",
    "(Ljava/lang/String;)Ljava/lang/Object;",
    Kind::Method,
);
/// API 23: whether the phone has a PIN, pattern or password (a SIM lock does not count).
pub const KEYGUARD_IS_DEVICE_SECURE: Member = Member {
    since_api: 23,
    ..member(KEYGUARD_MANAGER, "isDeviceSecure", "()Z", Kind::Method)
};
/// A plain-text clip, `(label, text)`.
pub const CLIP_DATA_NEW_PLAIN_TEXT: Member = member(
    CLIP_DATA,
    "newPlainText",
    "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;",
    Kind::StaticMethod,
);
pub const CLIPBOARD_SET_PRIMARY_CLIP: Member = member(
    CLIPBOARD_MANAGER,
    "setPrimaryClip",
    "(Landroid/content/ClipData;)V",
    Kind::Method,
);
/// The clipboard's text, or null (Android 10+: also while the app is not on screen).
pub const CLIPBOARD_GET_TEXT: Member = member(
    CLIPBOARD_MANAGER,
    "getText",
    "()Ljava/lang/CharSequence;",
    Kind::Method,
);
/// API 28: empties the clipboard.
pub const CLIPBOARD_CLEAR_PRIMARY_CLIP: Member = Member {
    since_api: 28,
    ..member(CLIPBOARD_MANAGER, "clearPrimaryClip", "()V", Kind::Method)
};
/// A `CharSequence` as a `String`.
pub const OBJECT_TO_STRING: Member = member(
    "java/lang/Object",
    "toString",
    "()Ljava/lang/String;",
    Kind::Method,
);
pub const INPUT_STREAM_READ: Member = member(INPUT_STREAM, "read", "([B)I", Kind::Method);
pub const INPUT_STREAM_CLOSE: Member = member(INPUT_STREAM, "close", "()V", Kind::Method);

/// Every member above, for the signature test.
pub const MEMBERS: &[Member] = &[
    URI_PARSE,
    INTENT_NEW_ACTION,
    INTENT_NEW_ACTION_URI,
    INTENT_SET_PACKAGE,
    INTENT_ADD_FLAGS,
    INTENT_SET_TYPE,
    INTENT_PUT_EXTRA_STRING,
    INTENT_CREATE_CHOOSER,
    INTENT_GET_ACTION,
    INTENT_GET_STRING_EXTRA,
    CONTEXT_START_ACTIVITY,
    CONTEXT_GET_FILES_DIR,
    FILE_GET_ABSOLUTE_PATH,
    ACTIVITY_GET_INTENT,
    ACTIVITY_SET_INTENT,
    THROWABLE_TO_STRING,
    MAIN_ACTIVITY_SAVE_TO_DOWNLOADS,
    MAIN_ACTIVITY_SHARE_FILE,
    MAIN_ACTIVITY_TAKE_PICKED_URI,
    MAIN_ACTIVITY_SET_SECURE_SCREEN,
    MAIN_ACTIVITY_SHARE_PRIVATE,
    MAIN_ACTIVITY_SET_REMINDERS,
    MAIN_ACTIVITY_TAKE_OPENED_REMINDER,
    MAIN_ACTIVITY_ALLOW_NOTIFICATIONS,
    MAIN_ACTIVITY_CAN_USE_FINGERPRINT,
    MAIN_ACTIVITY_ASK_FINGERPRINT,
    INTENT_ADD_CATEGORY,
    ACTIVITY_START_ACTIVITY_FOR_RESULT,
    CONTEXT_GET_CONTENT_RESOLVER,
    URI_GET_LAST_PATH_SEGMENT,
    CONTENT_RESOLVER_OPEN_INPUT_STREAM,
    INPUT_STREAM_READ,
    INPUT_STREAM_CLOSE,
    CONTEXT_GET_SYSTEM_SERVICE,
    KEYGUARD_IS_DEVICE_SECURE,
    CONTEXT_GET_CACHE_DIR,
    CLIP_DATA_NEW_PLAIN_TEXT,
    CLIPBOARD_SET_PRIMARY_CLIP,
    CLIPBOARD_GET_TEXT,
    CLIPBOARD_CLEAR_PRIMARY_CLIP,
    OBJECT_TO_STRING,
];

/// Classes the bridge names without calling a member (exception checks).
pub const CLASSES: &[&str] = &[ACTIVITY_NOT_FOUND];

/// Android constants the bridge hard-codes, as `(class, name, value)`; values written the way
/// javap prints them (strings quoted).
pub const ACTION_MAIN: &str = "android.intent.action.MAIN";
pub const ACTION_VIEW: &str = "android.intent.action.VIEW";
pub const ACTION_SEND: &str = "android.intent.action.SEND";
pub const EXTRA_TEXT: &str = "android.intent.extra.TEXT";
pub const FLAG_ACTIVITY_NEW_TASK: i32 = 0x1000_0000;
/// API 19 (Android 4.4), the storage access framework's picker; not in the API 16 table, so
/// its value is taken from the Android reference (Intent.ACTION_OPEN_DOCUMENT).
pub const ACTION_OPEN_DOCUMENT: &str = "android.intent.action.OPEN_DOCUMENT";
pub const CATEGORY_OPENABLE: &str = "android.intent.category.OPENABLE";
pub const KEYGUARD_SERVICE: &str = "keyguard";
pub const CLIPBOARD_SERVICE: &str = "clipboard";
/// The folder in the cache directory `MainActivity.sharePrivate` writes shared files into
/// (`MainActivity.privateDir`); the app empties it after an erasure.
pub const PRIVATE_SHARE_FOLDER: &str = "berbagi";
/// The request code of the file picker; `MainActivity.onActivityResult` answers to it.
pub const REQUEST_PICK_FILE: i32 = 4711;

pub const CONSTANTS: &[(&str, &str, Constant)] = &[
    (INTENT, "ACTION_MAIN", Constant::Text(ACTION_MAIN)),
    (INTENT, "ACTION_VIEW", Constant::Text(ACTION_VIEW)),
    (INTENT, "ACTION_SEND", Constant::Text(ACTION_SEND)),
    (INTENT, "EXTRA_TEXT", Constant::Text(EXTRA_TEXT)),
    (
        INTENT,
        "FLAG_ACTIVITY_NEW_TASK",
        Constant::Int(FLAG_ACTIVITY_NEW_TASK),
    ),
    (
        INTENT,
        "CATEGORY_OPENABLE",
        Constant::Text(CATEGORY_OPENABLE),
    ),
    (
        CONTEXT,
        "KEYGUARD_SERVICE",
        Constant::Text(KEYGUARD_SERVICE),
    ),
    (
        CONTEXT,
        "CLIPBOARD_SERVICE",
        Constant::Text(CLIPBOARD_SERVICE),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constant {
    Text(&'static str),
    Int(i32),
}

/// The MIME type of shared plain text.
pub const TEXT_PLAIN: &str = "text/plain";

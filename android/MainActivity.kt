// Layanan Desa's activity for dx bundle ([application] android_main_activity in Dioxus.toml).
// It is Dioxus's WryActivity plus two things:
// - a share that arrives while the app runs (launchMode singleTask) replaces the activity's
//   intent and tells Rust, which then reads ACTION_SEND / EXTRA_TEXT through JNI
//   (src/platform/android.rs and jni_bridge.rs);
// - saveToDownloads, called from Rust through JNI, writes an exported file (CSV report, QR
//   poster) where the official finds it; shareFile does the same and then opens the share
//   sheet with it (encrypted backups go to the office's WhatsApp, Drive, e-mail ...);
//   sharePrivate opens the share sheet with a file kept in the private cache only (the case
//   list with residents' contacts never lands in Downloads);
// - onPause/onResume tell Rust whether the app is on screen (background network jobs, and the
//   PIN lock's "lock again after N minutes away");
// - FLAG_SECURE from onCreate, switched by Rust through setSecureScreen (Pengaturan);
// - every member Rust calls (and nothing in Kotlin does) is kept from R8 by
//   android/proguard-layanan-desa.pro; tests/android_build.rs checks the list against
//   src/platform/android_api.rs;
// - the system file picker (ACTION_OPEN_DOCUMENT, started from Rust) answers in
//   onActivityResult; the chosen document's Uri waits in takePickedUri for Rust, which reads it
//   through ContentResolver.openInputStream. The Android API calls live here, in Kotlin, so the
//   compiler checks them against android.jar at `dx bundle` time; Rust calls this one method,
//   whose descriptor a test checks against this file. A sync file opened with the app
//   ("Buka dengan" in WhatsApp: ACTION_VIEW, see the manifest) arrives the same way.
// - reminders (Pengaturan › Pengingat, off by default): Rust hands setReminders its whole plan
//   as JSON whenever it changes; Reminders arms each item with AlarmManager (inexact, allowed
//   while idle: a few minutes late at opening time is fine and needs no exact-alarm
//   permission) and keeps the plan, so ReminderBoot arms it again after the phone restarts or
//   the app is updated. ReminderAlarm posts the notification; tapping it opens this activity
//   with the list to show, which Rust takes through takeOpenedReminder. The texts carry counts
//   only (they show on the lock screen). allowNotifications asks for POST_NOTIFICATIONS on
//   Android 13+.
// - "Buka dengan sidik jari" (off until turned on with the PIN): askFingerprint shows the
//   framework's BiometricPrompt (API 28, so no androidx library) with "Pakai PIN" as its way
//   out, and answers through notifyFingerprint; canUseFingerprint asks BiometricManager
//   (API 29+) or, on Android 9, whether the phone has a fingerprint reader.
package dev.dioxus.main

import android.Manifest
import android.app.Activity
import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.content.Intent
import android.database.Cursor
import android.content.pm.PackageManager
import android.hardware.biometrics.BiometricManager
import android.hardware.biometrics.BiometricPrompt
import android.database.MatrixCursor
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.os.CancellationSignal
import android.os.Environment
import android.os.ParcelFileDescriptor
import android.provider.MediaStore
import android.provider.OpenableColumns
import android.view.WindowManager
import java.io.File
import java.io.FileNotFoundException
import java.io.IOException
import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

// wry's Logger.kt (copied into this package by dx) reads BuildConfig.DEBUG unqualified; Gradle
// generates BuildConfig in the namespace, which dx sets to [bundle] identifier in Dioxus.toml.
// dx's own template writes this alias; a custom activity must carry it by hand.
// tests/android_build.rs checks it names the identifier in Dioxus.toml.
typealias BuildConfig = id.desa.wonojati.layanan.BuildConfig

class MainActivity : WryActivity() {
    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        notifySharedText()
        if (keepOpenedReminder(intent)) {
            notifyReminderOpened()
        }
        if (keepViewedFile(intent)) {
            notifyPickedFile()
        }
    }

    /** A file opened with the app ("Buka dengan" in WhatsApp or a file manager: ACTION_VIEW
     * of a content Uri, read permission granted with it) is kept as the picker's answer would
     * be; Rust takes it through takePickedUri and, no picker being asked for, hands it to
     * Pengaturan › HP kantor. Once: the action is cleared, so a re-created activity does not
     * open it again. True when the intent carried one. */
    private fun keepViewedFile(intent: Intent?): Boolean {
        if (intent == null || intent.action != Intent.ACTION_VIEW) return false
        val uri = intent.data ?: return false
        intent.action = null
        pickedUri = uri
        return true
    }

    // FLAG_SECURE from the first frame: resident data never shows in the recent-apps preview,
    // screenshots or screen recordings. Rust applies the office's setting (Pengaturan) right
    // after start through setSecureScreen.
    override fun onCreate(savedInstanceState: Bundle?) {
        window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
        // Before super.onCreate, which starts Rust's main thread: Rust reads this once at start
        // without being told (its flag starts set). Not when the activity is re-created or
        // reopened from recents, whose launch intent still carries the old tap.
        if (savedInstanceState == null &&
            (intent.flags and Intent.FLAG_ACTIVITY_LAUNCHED_FROM_HISTORY) == 0
        ) {
            keepOpenedReminder(intent)
            // Rust looks for a picked file once at start without being told.
            keepViewedFile(intent)
        }
        super.onCreate(savedInstanceState)
    }

    /** The list of the reminder whose notification opened the app, until Rust takes it (read
     * from Rust's thread). */
    @Volatile
    private var openedReminder: String? = null

    /** Keeps the list a tapped reminder asks for, once; true when the intent carried one. */
    private fun keepOpenedReminder(intent: Intent?): Boolean {
        val open = intent?.getStringExtra(Reminders.EXTRA_OPEN) ?: return false
        intent.removeExtra(Reminders.EXTRA_OPEN)
        openedReminder = open
        return true
    }

    private external fun notifyReminderOpened()

    /** Called from Rust: arms `plan` (JSON) in place of the reminders armed before. */
    fun setReminders(plan: String) {
        Reminders.arm(this, plan)
    }

    /** Called from Rust: the list of the tapped reminder ("luar-jam", "terlambat"), once. */
    fun takeOpenedReminder(): String? {
        val open = openedReminder
        openedReminder = null
        return open
    }

    /**
     * Called from Rust: whether notifications can show. On Android 13+ the permission is
     * asked for when missing (the answer comes later; Pengaturan tells the official).
     */
    fun allowNotifications(): Boolean {
        Reminders.ensureChannel(this)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU &&
            checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            runOnUiThread {
                requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), REQUEST_NOTIFICATIONS)
            }
            return false
        }
        return getSystemService(NotificationManager::class.java)?.areNotificationsEnabled() ?: false
    }

    /** Called from Rust: the private screen on or off (on the UI thread, as Android requires). */
    fun setSecureScreen(on: Boolean) {
        runOnUiThread {
            if (on) {
                window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
            } else {
                window.clearFlags(WindowManager.LayoutParams.FLAG_SECURE)
            }
        }
    }

    private external fun notifyFingerprint(passed: Boolean)

    /** Called from Rust: whether BiometricPrompt can check the official's fingerprint now. */
    fun canUseFingerprint(): Boolean {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            val manager = getSystemService(BiometricManager::class.java) ?: return false
            @Suppress("DEPRECATION")
            return manager.canAuthenticate() == BiometricManager.BIOMETRIC_SUCCESS
        }
        return packageManager.hasSystemFeature(PackageManager.FEATURE_FINGERPRINT)
    }

    /**
     * Called from Rust: the system's fingerprint prompt. A confirmed finger answers true; "Pakai
     * PIN", a cancel, a lock-out or no finger enrolled answer false (the PIN box stays). A
     * finger the phone does not know leaves the prompt open for another try.
     */
    fun askFingerprint(title: String) {
        runOnUiThread {
            val prompt = BiometricPrompt.Builder(this)
                .setTitle(title)
                .setNegativeButton("Pakai PIN", mainExecutor) { _, _ -> notifyFingerprint(false) }
                .build()
            prompt.authenticate(
                CancellationSignal(),
                mainExecutor,
                object : BiometricPrompt.AuthenticationCallback() {
                    override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                        notifyFingerprint(true)
                    }

                    override fun onAuthenticationError(errorCode: Int, errString: CharSequence) {
                        notifyFingerprint(false)
                    }
                },
            )
        }
    }

    private external fun notifySharedText()

    private external fun notifyPickedFile()

    private external fun notifyForeground(onScreen: Boolean)

    // Background network jobs (catalog check, WebDAV copy) run only while the app is on
    // screen; Rust drops a running one when this says false.
    override fun onResume() {
        super.onResume()
        notifyForeground(true)
    }

    override fun onPause() {
        notifyForeground(false)
        super.onPause()
    }

    /** The document the picker returned (or a file opened with the app), until Rust takes it
     * (from Rust's thread). */
    @Volatile
    private var pickedUri: Uri? = null

    // The Activity Result API needs androidx.activity wiring that WryActivity does not have;
    // the classic callback works on every Android version.
    @Suppress("DEPRECATION", "OVERRIDE_DEPRECATION")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        if (requestCode == REQUEST_PICK_FILE) {
            // A cancelled picker leaves a file opened with the app meanwhile in place.
            if (resultCode == Activity.RESULT_OK) {
                pickedUri = data?.data
            }
            notifyPickedFile()
        }
    }

    /** Called from Rust: the picked document, once. */
    fun takePickedUri(): Uri? {
        val uri = pickedUri
        pickedUri = null
        return uri
    }

    /**
     * Saves `bytes` like saveToDownloads, then opens the share sheet with the file (read
     * permission granted to the receiving app only). Android 10+ shares the MediaStore item;
     * older Android shares the copy in the app's folder through SharedFileProvider below.
     */
    fun shareFile(name: String, mime: String, bytes: ByteArray, title: String): String {
        val uri: Uri
        val place: String
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            val saved = insertDownload(name, mime, bytes)
            uri = saved.first
            place = saved.second
        } else {
            place = saveToDownloads(name, mime, bytes)
            uri = SharedFileProvider.uriFor(this, File(place))
        }
        val send = Intent(Intent.ACTION_SEND).apply {
            type = mime
            putExtra(Intent.EXTRA_STREAM, uri)
            addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        }
        val chooser = Intent.createChooser(send, title)
        chooser.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_GRANT_READ_URI_PERMISSION)
        startActivity(chooser)
        return place
    }

    /**
     * Called from Rust: opens the share sheet with `bytes` kept in the app's private cache
     * (cacheDir/berbagi), never in Downloads: only the app the official picks gets a one-off
     * read grant, through SharedFileProvider. Earlier private shares are removed first, so at
     * most one such file exists. For files with residents' data (the case list with contacts).
     */
    fun sharePrivate(name: String, mime: String, bytes: ByteArray, title: String) {
        val dir = SharedFileProvider.privateDir(this)
        if (!dir.isDirectory && !dir.mkdirs()) {
            throw IOException("folder ${dir.absolutePath} tidak bisa dibuat")
        }
        dir.listFiles()?.forEach { it.delete() }
        val file = File(dir, name)
        file.writeBytes(bytes)
        val send = Intent(Intent.ACTION_SEND).apply {
            type = mime
            putExtra(Intent.EXTRA_STREAM, SharedFileProvider.privateUriFor(this@MainActivity, file))
            addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        }
        val chooser = Intent.createChooser(send, title)
        chooser.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_GRANT_READ_URI_PERMISSION)
        startActivity(chooser)
    }

    /** Android 10+: writes into Download/Layanan Desa through MediaStore. */
    private fun insertDownload(name: String, mime: String, bytes: ByteArray): Pair<Uri, String> {
        val values = ContentValues().apply {
            put(MediaStore.MediaColumns.DISPLAY_NAME, name)
            put(MediaStore.MediaColumns.MIME_TYPE, mime)
            put(MediaStore.MediaColumns.RELATIVE_PATH, Environment.DIRECTORY_DOWNLOADS + "/Layanan Desa")
            put(MediaStore.MediaColumns.IS_PENDING, 1)
        }
        val resolver = contentResolver
        val uri = resolver.insert(MediaStore.Downloads.EXTERNAL_CONTENT_URI, values)
            ?: throw IOException("folder Unduhan menolak berkas baru")
        try {
            val out = resolver.openOutputStream(uri) ?: throw IOException("berkas tidak bisa dibuka untuk ditulis")
            out.use { it.write(bytes) }
            val done = ContentValues().apply { put(MediaStore.MediaColumns.IS_PENDING, 0) }
            resolver.update(uri, done, null, null)
        } catch (e: Exception) {
            // Never leave a half-written file behind under the real name.
            resolver.delete(uri, null, null)
            throw e
        }
        return Pair(uri, "Unduhan/Layanan Desa/$name")
    }

    companion object {
        /** Same value as REQUEST_PICK_FILE in src/platform/android_api.rs (a test checks). */
        const val REQUEST_PICK_FILE = 4711

        /** The request code of the notification permission (the answer needs no handling). */
        const val REQUEST_NOTIFICATIONS = 4712
    }

    /**
     * Saves `bytes` as `name` and returns where, in words the official can follow.
     * Android 10+ (API 29): the shared Downloads folder, "Download/Layanan Desa", through
     * MediaStore (no storage permission needed). Older Android: the app's folder on the
     * phone storage (Android/data/<package>/files/Layanan Desa), which file managers show
     * there. Throws IOException on failure; the Rust bridge turns it into a message.
     */
    fun saveToDownloads(name: String, mime: String, bytes: ByteArray): String {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) {
            return insertDownload(name, mime, bytes).second
        }
        val dir = SharedFileProvider.sharedDir(this)
        if (!dir.isDirectory && !dir.mkdirs()) {
            throw IOException("folder ${dir.absolutePath} tidak bisa dibuat")
        }
        val file = File(dir, name)
        val tmp = File(dir, ".$name.sementara")
        tmp.writeBytes(bytes)
        if (!tmp.renameTo(file)) {
            tmp.delete()
            throw IOException("berkas ${file.absolutePath} tidak bisa ditulis")
        }
        return file.absolutePath
    }
}

/**
 * The reminders' plan on the Android side: kept in private SharedPreferences, each item still
 * to come armed with AlarmManager (request code = the item's id, so a new plan replaces the
 * old alarms), and the notification shown when one goes off.
 */
object Reminders {
    /** The extra naming the list a tapped reminder opens (ReminderKind::key in Rust). */
    const val EXTRA_OPEN = "layanan_desa.pengingat"
    private const val CHANNEL = "pengingat"
    private const val PREFS = "pengingat"
    private const val PLAN = "rencana"

    fun ensureChannel(ctx: Context) {
        val manager = ctx.getSystemService(NotificationManager::class.java) ?: return
        val channel = NotificationChannel(CHANNEL, "Pengingat kantor", NotificationManager.IMPORTANCE_DEFAULT)
        channel.description = "Permintaan yang masuk saat kantor tutup, dan berkas terlambat"
        manager.createNotificationChannel(channel)
    }

    /** Cancels the alarms of the plan kept before, keeps `plan` and arms it. */
    fun arm(ctx: Context, plan: String) {
        val prefs = ctx.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
        val alarms = ctx.getSystemService(AlarmManager::class.java) ?: return
        for (item in items(prefs.getString(PLAN, "[]") ?: "[]")) {
            alarms.cancel(alarmIntent(ctx, item))
        }
        prefs.edit().putString(PLAN, plan).apply()
        armKept(ctx)
    }

    /** Arms the kept plan's items still to come: after `arm`, a restart or an update. */
    fun armKept(ctx: Context) {
        val prefs = ctx.getSharedPreferences(PREFS, Context.MODE_PRIVATE)
        val alarms = ctx.getSystemService(AlarmManager::class.java) ?: return
        val now = System.currentTimeMillis()
        for (item in items(prefs.getString(PLAN, "[]") ?: "[]")) {
            val at = item.optLong("at", 0L)
            if (at > now) {
                alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, alarmIntent(ctx, item))
            }
        }
    }

    private fun items(json: String): List<JSONObject> = try {
        val array = JSONArray(json)
        (0 until array.length()).mapNotNull { array.optJSONObject(it) }
    } catch (e: JSONException) {
        emptyList()
    }

    private fun alarmIntent(ctx: Context, item: JSONObject): PendingIntent {
        val id = item.optInt("id", 0)
        val intent = Intent(ctx, ReminderAlarm::class.java).apply {
            putExtra("id", id)
            putExtra("title", item.optString("title"))
            putExtra("text", item.optString("text"))
            putExtra(EXTRA_OPEN, item.optString("open"))
        }
        return PendingIntent.getBroadcast(
            ctx,
            id,
            intent,
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
    }

    /** Posts the notification of an alarm that went off; tapping it opens its list. */
    fun show(ctx: Context, alarm: Intent) {
        val manager = ctx.getSystemService(NotificationManager::class.java) ?: return
        if (!manager.areNotificationsEnabled()) {
            return
        }
        ensureChannel(ctx)
        val id = alarm.getIntExtra("id", 0)
        val text = alarm.getStringExtra("text") ?: ""
        val open = Intent(ctx, MainActivity::class.java).apply {
            putExtra(EXTRA_OPEN, alarm.getStringExtra(EXTRA_OPEN))
            addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
        }
        val tap = PendingIntent.getActivity(
            ctx,
            id,
            open,
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = Notification.Builder(ctx, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(alarm.getStringExtra("title") ?: "Layanan Desa")
            .setContentText(text)
            .setStyle(Notification.BigTextStyle().bigText(text))
            .setContentIntent(tap)
            .setAutoCancel(true)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .build()
        try {
            manager.notify(id, notification)
        } catch (e: SecurityException) {
            // The permission was taken back between the check and the post: nothing to show.
        }
    }
}

/** An alarm of the plan went off (not exported: only our own PendingIntents reach it). */
class ReminderAlarm : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        Reminders.show(context, intent)
    }
}

/**
 * The phone restarted or the app was updated, which clears alarms: arm the kept plan again.
 * Exported for the system's broadcasts, which no other app can send; anything else is ignored.
 */
class ReminderBoot : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        when (intent.action) {
            Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_MY_PACKAGE_REPLACED -> Reminders.armKept(context)
        }
    }
}

/**
 * Lets the app the official picks in the share sheet read one file: on Android 9 and older a
 * saved file in the app's own "Layanan Desa" folder (content://<package>.berkas/<name>), and
 * on every version the private share in cacheDir/berbagi (content://<package>.berkas/pribadi/
 * <name>), through the one-off read grant of the share intent. A few lines instead of androidx's FileProvider (which
 * would need an XML path resource and manifest meta-data of its own). Not exported
 * (AndroidManifest.xml), read-only, and it serves nothing outside that one folder.
 */
class SharedFileProvider : ContentProvider() {
    override fun onCreate(): Boolean = true

    private fun fileFor(uri: Uri): File {
        val ctx = context ?: throw FileNotFoundException("penyedia berkas belum siap")
        val name = uri.lastPathSegment ?: throw FileNotFoundException("Uri tanpa nama berkas")
        val segments = uri.pathSegments
        val dir = when {
            segments.size == 1 -> sharedDir(ctx)
            segments.size == 2 && segments[0] == PRIVATE_SEGMENT -> privateDir(ctx)
            else -> throw FileNotFoundException("Uri tidak dikenal")
        }.canonicalFile
        val file = File(dir, name).canonicalFile
        if (file.parentFile != dir || !file.isFile) {
            throw FileNotFoundException("berkas $name tidak ada")
        }
        return file
    }

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor? {
        if (mode != "r") {
            throw SecurityException("berkas hanya boleh dibaca")
        }
        return ParcelFileDescriptor.open(fileFor(uri), ParcelFileDescriptor.MODE_READ_ONLY)
    }

    override fun query(
        uri: Uri,
        projection: Array<String>?,
        selection: String?,
        selectionArgs: Array<String>?,
        sortOrder: String?,
    ): Cursor? {
        val file = fileFor(uri)
        val columns = projection ?: arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)
        val row = arrayOfNulls<Any>(columns.size)
        for ((i, column) in columns.withIndex()) {
            row[i] = when (column) {
                OpenableColumns.DISPLAY_NAME -> file.name
                OpenableColumns.SIZE -> file.length()
                else -> null
            }
        }
        val cursor = MatrixCursor(columns)
        cursor.addRow(row)
        return cursor
    }

    override fun getType(uri: Uri): String? = when (uri.lastPathSegment?.substringAfterLast('.')) {
        "csv" -> "text/csv"
        "png" -> "image/png"
        else -> "application/octet-stream"
    }

    override fun insert(uri: Uri, values: ContentValues?): Uri? =
        throw UnsupportedOperationException("hanya baca")

    override fun delete(uri: Uri, selection: String?, selectionArgs: Array<String>?): Int =
        throw UnsupportedOperationException("hanya baca")

    override fun update(
        uri: Uri,
        values: ContentValues?,
        selection: String?,
        selectionArgs: Array<String>?,
    ): Int = throw UnsupportedOperationException("hanya baca")

    companion object {
        /** The first path segment of files shared from the private cache. */
        const val PRIVATE_SEGMENT = "pribadi"

        /** Where sharePrivate keeps the one file it shares (inside the app's sandbox). */
        fun privateDir(ctx: Context): File = File(ctx.cacheDir, "berbagi")

        /** The Uri this provider serves a file of privateDir under. */
        fun privateUriFor(ctx: Context, file: File): Uri = Uri.Builder()
            .scheme("content")
            .authority(ctx.packageName + ".berkas")
            .appendPath(PRIVATE_SEGMENT)
            .appendPath(file.name)
            .build()

        /** Where saveToDownloads puts files on Android 9 and older. */
        fun sharedDir(ctx: Context): File =
            File(ctx.getExternalFilesDir(null) ?: ctx.filesDir, "Layanan Desa")

        /** The Uri this provider serves `file` under (authority declared in the manifest). */
        fun uriFor(ctx: Context, file: File): Uri = Uri.Builder()
            .scheme("content")
            .authority(ctx.packageName + ".berkas")
            .appendPath(file.name)
            .build()
    }
}

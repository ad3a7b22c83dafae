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
//   whose descriptor a test checks against this file.
package dev.dioxus.main

import android.app.Activity
import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.content.Intent
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.os.Environment
import android.os.ParcelFileDescriptor
import android.provider.MediaStore
import android.provider.OpenableColumns
import android.view.WindowManager
import java.io.File
import java.io.FileNotFoundException
import java.io.IOException

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
    }

    // FLAG_SECURE from the first frame: resident data never shows in the recent-apps preview,
    // screenshots or screen recordings. Rust applies the office's setting (Pengaturan) right
    // after start through setSecureScreen.
    override fun onCreate(savedInstanceState: Bundle?) {
        window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
        super.onCreate(savedInstanceState)
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

    /** The document the picker returned, until Rust takes it. */
    private var pickedUri: Uri? = null

    // The Activity Result API needs androidx.activity wiring that WryActivity does not have;
    // the classic callback works on every Android version.
    @Suppress("DEPRECATION", "OVERRIDE_DEPRECATION")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        if (requestCode == REQUEST_PICK_FILE) {
            pickedUri = if (resultCode == Activity.RESULT_OK) data?.data else null
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

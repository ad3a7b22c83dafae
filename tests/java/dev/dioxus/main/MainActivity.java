// Stand-in for Layanan Desa's MainActivity (android/MainActivity.kt): saveToDownloads and
// shareFile with the same signatures, writing into a folder the test chooses, or failing the
// way the real one does (an IOException) when told to; takePickedUri hands out `picked` once.
package dev.dioxus.main;

import android.app.Activity;
import android.net.Uri;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

public class MainActivity extends Activity {
    public File downloads = new File(System.getProperty("java.io.tmpdir"));
    public String failure;

    public String saveToDownloads(String name, String mime, byte[] bytes) throws IOException {
        if (failure != null) {
            throw new IOException(failure);
        }
        File file = new File(downloads, name);
        Files.write(file.toPath(), bytes);
        return "Unduhan/Layanan Desa/" + name + " (" + mime + ")";
    }

    public Uri picked;
    public String sharedTitle;

    public Uri takePickedUri() {
        Uri uri = picked;
        picked = null;
        return uri;
    }

    public boolean secure;

    public void setSecureScreen(boolean on) {
        secure = on;
    }

    /** The private cache of the stand-in: sharePrivate writes here, never to `downloads`. */
    public File cache = new File(System.getProperty("java.io.tmpdir"), "layanan-desa-cache");

    public void sharePrivate(String name, String mime, byte[] bytes, String title) throws IOException {
        if (failure != null) {
            throw new IOException(failure);
        }
        File dir = new File(cache, "berbagi");
        dir.mkdirs();
        File[] old = dir.listFiles();
        if (old != null) {
            for (File f : old) {
                f.delete();
            }
        }
        Files.write(new File(dir, name).toPath(), bytes);
        sharedTitle = title;
        started.add("chooser title=" + title + " stream=pribadi/" + name + " (" + mime + ")");
    }

    public String shareFile(String name, String mime, byte[] bytes, String title) throws IOException {
        String place = saveToDownloads(name, mime, bytes);
        sharedTitle = title;
        started.add("chooser title=" + title + " stream=" + name);
        return place;
    }

    /** The plan setReminders was handed last (JSON), as the real one keeps it. */
    public String reminders;
    /** The list of a tapped reminder, until takeOpenedReminder. */
    public String openedReminder;
    /** What allowNotifications answers; `asked` counts the questions. */
    public boolean notificationsAllowed;
    public int asked;

    public void setReminders(String plan) {
        reminders = plan;
    }

    public String takeOpenedReminder() {
        String open = openedReminder;
        openedReminder = null;
        return open;
    }

    public boolean allowNotifications() {
        asked++;
        return notificationsAllowed;
    }

    /** What canUseFingerprint answers, and the titles of the prompts shown. */
    public boolean fingerprint;
    public java.util.List<String> prompts = new java.util.ArrayList<>();

    public boolean canUseFingerprint() {
        return fingerprint;
    }

    public void askFingerprint(String title) {
        prompts.add(title);
    }
}

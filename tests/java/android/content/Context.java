// Stand-in for android.content.Context: records every startActivity, plays a phone on which
// some packages are not installed (ActivityNotFoundException, as Android throws), and has a
// files directory, a keyguard service and a clipboard.
package android.content;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public class Context {
    public final List<String> started = new ArrayList<>();
    public final Set<String> installed = new HashSet<>();
    public boolean browserInstalled = true;
    public File filesDir = new File("/data/user/0/id.desa.wonojati.layanan/files");
    /** When set, getFilesDir throws this, to test exception handling. */
    public RuntimeException filesDirFailure;
    public final ContentResolver resolver = new ContentResolver();
    public final android.app.KeyguardManager keyguard = new android.app.KeyguardManager();
    public final ClipboardManager clipboard = new ClipboardManager();

    /** As Android: the named system service, or null for a name it does not know. */
    public Object getSystemService(String name) {
        if ("keyguard".equals(name)) {
            return keyguard;
        }
        return "clipboard".equals(name) ? clipboard : null;
    }

    public ContentResolver getContentResolver() {
        return resolver;
    }

    public void startActivity(Intent intent) {
        if (Intent.ACTION_CHOOSER.equals(intent.action)) {
            started.add(intent.describe());
            return;
        }
        boolean ok = intent.packageName == null ? browserInstalled : installed.contains(intent.packageName);
        if (!ok) {
            throw new ActivityNotFoundException("No Activity found to handle " + intent.describe());
        }
        started.add(intent.describe());
    }

    public File cacheDir = new File("/data/user/0/id.desa.wonojati.layanan/cache");

    public File getCacheDir() {
        return cacheDir;
    }

    public File getFilesDir() {
        if (filesDirFailure != null) {
            throw filesDirFailure;
        }
        return filesDir;
    }

    public String startedLog() {
        return String.join("\n", started);
    }
}

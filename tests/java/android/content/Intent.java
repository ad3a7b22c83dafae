// Stand-in for android.content.Intent: the constants and methods the Rust bridge calls, with the
// same names and descriptors as the Android SDK, keeping what it receives for the tests to read.
package android.content;

import android.net.Uri;
import java.util.HashMap;
import java.util.Map;

public class Intent {
    public static final String ACTION_VIEW = "android.intent.action.VIEW";
    public static final String ACTION_SEND = "android.intent.action.SEND";
    public static final String ACTION_CHOOSER = "android.intent.action.CHOOSER";
    public static final String EXTRA_TEXT = "android.intent.extra.TEXT";
    public static final String EXTRA_INTENT = "android.intent.extra.INTENT";
    public static final String EXTRA_TITLE = "android.intent.extra.TITLE";
    public static final int FLAG_ACTIVITY_NEW_TASK = 268435456;

    public String action;
    public Uri data;
    public String packageName;
    public String type;
    public int flags;
    public final Map<String, Object> extras = new HashMap<>();
    public final java.util.TreeSet<String> categories = new java.util.TreeSet<>();

    public Intent() {}

    public Intent(String action) {
        this.action = action;
    }

    public Intent(String action, Uri uri) {
        this.action = action;
        this.data = uri;
    }

    public static Intent createChooser(Intent target, CharSequence title) {
        Intent chooser = new Intent(ACTION_CHOOSER);
        chooser.extras.put(EXTRA_INTENT, target);
        if (title != null) {
            chooser.extras.put(EXTRA_TITLE, title.toString());
        }
        return chooser;
    }

    public Intent setPackage(String packageName) {
        this.packageName = packageName;
        return this;
    }

    public Intent addFlags(int flags) {
        this.flags |= flags;
        return this;
    }

    public Intent addCategory(String category) {
        categories.add(category);
        return this;
    }

    public Intent setType(String type) {
        this.type = type;
        return this;
    }

    public Intent putExtra(String name, String value) {
        extras.put(name, value);
        return this;
    }

    public String getAction() {
        return action;
    }

    public String getStringExtra(String name) {
        Object value = extras.get(name);
        return value instanceof String ? (String) value : null;
    }

    /** For the tests: one line that says everything the bridge set. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("action=").append(action);
        s.append(" data=").append(data);
        s.append(" package=").append(packageName);
        s.append(" type=").append(type);
        s.append(" flags=").append(flags);
        if (!categories.isEmpty()) {
            s.append(" categories=").append(categories);
        }
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(extras).entrySet()) {
            Object v = e.getValue();
            s.append(" extra:").append(e.getKey()).append("=")
                .append(v instanceof Intent ? "{" + ((Intent) v).describe() + "}" : String.valueOf(v));
        }
        return s.toString();
    }
}

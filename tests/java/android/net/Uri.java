// Stand-in for android.net.Uri with the one static factory the bridge calls.
package android.net;

public class Uri {
    private final String value;

    private Uri(String value) {
        this.value = value;
    }

    public static Uri parse(String uriString) {
        if (uriString == null) {
            throw new NullPointerException("uriString");
        }
        return new Uri(uriString);
    }

    /** The decoded last segment of the path, like Android's. */
    public String getLastPathSegment() {
        String path = value.replaceFirst("^[a-z]+://[^/]*", "");
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        String[] parts = path.split("/");
        if (parts.length == 0) {
            return null;
        }
        return java.net.URLDecoder.decode(parts[parts.length - 1], java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return value;
    }
}

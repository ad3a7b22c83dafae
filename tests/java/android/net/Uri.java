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

    @Override
    public String toString() {
        return value;
    }
}

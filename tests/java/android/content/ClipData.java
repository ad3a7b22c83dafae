// Stand-in for android.content.ClipData: a plain-text clip with its label, made the way the
// bridge makes one (the static newPlainText).
package android.content;

public class ClipData {
    public final CharSequence label;
    public final CharSequence text;

    private ClipData(CharSequence label, CharSequence text) {
        this.label = label;
        this.text = text;
    }

    public static ClipData newPlainText(CharSequence label, CharSequence text) {
        return new ClipData(label, text);
    }
}

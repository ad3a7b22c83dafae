// Stand-in for android.content.ClipboardManager: holds one clip. With `readable` false it
// plays Android 10+ for an app that is not on screen: getText answers null. clearPrimaryClip
// is API 28.
package android.content;

public class ClipboardManager {
    public ClipData clip;
    public boolean readable = true;

    public void setPrimaryClip(ClipData clip) {
        this.clip = clip;
    }

    /** As Android: the clip's text (a CharSequence, here a StringBuilder), or null. */
    public CharSequence getText() {
        if (!readable || clip == null) {
            return null;
        }
        return new StringBuilder(clip.text);
    }

    public void clearPrimaryClip() {
        clip = null;
    }
}

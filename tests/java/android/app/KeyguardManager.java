// Stand-in for android.app.KeyguardManager: only isDeviceSecure (API 23), whose answer the test
// sets, as a phone with or without a screen lock would give it.
package android.app;

public class KeyguardManager {
    public boolean deviceSecure = true;

    public boolean isDeviceSecure() {
        return deviceSecure;
    }
}

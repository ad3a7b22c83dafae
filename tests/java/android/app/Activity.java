// Stand-in for android.app.Activity: a Context with the intent that started it.
package android.app;

import android.content.Context;
import android.content.Intent;

public class Activity extends Context {
    private Intent intent;

    public Intent getIntent() {
        return intent;
    }

    public void setIntent(Intent newIntent) {
        this.intent = newIntent;
    }
}

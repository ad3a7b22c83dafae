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

    public void startActivityForResult(Intent intent, int requestCode) {
        started.add("forResult=" + requestCode + " " + intent.describe());
    }
}

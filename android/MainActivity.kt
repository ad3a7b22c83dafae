// Layanan Desa's activity for dx bundle ([application] android_main_activity in Dioxus.toml).
// It is Dioxus's WryActivity plus one thing: a share that arrives while the app runs
// (launchMode singleTask) replaces the activity's intent and tells Rust, which then reads
// ACTION_SEND / EXTRA_TEXT through JNI (src/platform/android.rs and jni_bridge.rs).
package dev.dioxus.main

import android.content.Intent

class MainActivity : WryActivity() {
    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        notifySharedText()
    }

    private external fun notifySharedText()
}

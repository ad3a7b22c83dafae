//! The bridge's reminder calls: arming the plan (our MainActivity hands it to AlarmManager and
//! keeps it for a restart of the phone), the reminder whose notification opened the app, and
//! asking whether notifications may show.

use super::*;
use crate::domain::reminder::{Reminder, ReminderKind};

/// `activity.setReminders(plan)`: arms `plan` in place of the reminders armed before (an
/// empty plan cancels them), as the JSON of `platform::reminders_json`.
pub fn set_reminders(
    env: &mut JNIEnv,
    activity: &JObject,
    plan: &[Reminder],
) -> Result<(), BridgeError> {
    framed(env, |env| {
        let json = jstring(env, &crate::platform::reminders_json(plan))?;
        call(
            env,
            activity,
            api::MAIN_ACTIVITY_SET_REMINDERS,
            &[JValue::Object(&json)],
        )?;
        Ok(())
    })
}

/// `activity.takeOpenedReminder()`: the list of the notification the official tapped, once.
/// A value this version does not know (an older plan after an update) opens nothing.
pub fn take_opened_reminder(
    env: &mut JNIEnv,
    activity: &JObject,
) -> Result<Option<ReminderKind>, BridgeError> {
    framed(env, |env| {
        let key = call(env, activity, api::MAIN_ACTIVITY_TAKE_OPENED_REMINDER, &[])?;
        let key = string(env, "takeOpenedReminder", key)?;
        Ok(key.as_deref().and_then(ReminderKind::from_key))
    })
}

/// `activity.allowNotifications()`: whether notifications can show; on Android 13+ it asks
/// the official first when they were never asked.
pub fn allow_notifications(env: &mut JNIEnv, activity: &JObject) -> Result<bool, BridgeError> {
    framed(env, |env| {
        let allowed = call(env, activity, api::MAIN_ACTIVITY_ALLOW_NOTIFICATIONS, &[])?;
        checked(env, "allowNotifications", allowed.z())
    })
}

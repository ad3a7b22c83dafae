//! Reminders through the app on a real SQLite file and the recording platform: off until this
//! phone turns them on, armed again only when the plan changes, gone when the queue is
//! handled, shown on screen where the platform has no notifications, and the tapped
//! notification opening its list once.

mod common;

use std::sync::Arc;

use chrono::TimeZone;
use common::TestPhone;
use layanan_desa::app::{App, CaseForm, ManualClock};
use layanan_desa::domain::reminder::ReminderKind;
use layanan_desa::domain::time::WIB;
use layanan_desa::platform::recording::{Device, Recording};

/// December 2026 in WIB; the 7th is a Monday.
fn wib(day: u32, hour: u32, minute: u32) -> i64 {
    WIB.with_ymd_and_hms(2026, 12, day, hour, minute, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .expect("a real date")
}

/// A request written at `message_at` (WIB, as the form takes it).
fn request(app: &App, name: &str, message_at: &str) -> String {
    let form = CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: "sktm".into(),
        message_at: message_at.into(),
        ..CaseForm::default()
    };
    app.create_case(&form).expect("case saved")
}

fn phone(
    dir: &std::path::Path,
    clock: &Arc<ManualClock>,
    device: Device,
) -> (TestPhone, Recording) {
    let platform = Recording::new(device).with_data_dir(dir.to_path_buf());
    let phone = TestPhone::new(dir).clock(clock).platform(platform.clone());
    (phone, platform)
}

#[test]
fn reminders_stay_off_until_turned_on_and_follow_the_queue() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(wib(7, 20, 0)));
    let (phone, platform) = phone(dir.path(), &clock, Device::default());
    let app = phone.start();
    let id = request(&app, "Siti Aminah", "2026-12-07T19:45");
    assert_eq!(app.home().expect("home").out_of_hours.len(), 1);

    // Off by default: whatever was armed is cancelled, nothing is planned.
    assert!(!app.reminders_on());
    app.reminder_tick().expect("tick");
    assert_eq!(platform.reminders(), Some(vec![]));

    let said = app.set_reminders_on(true).expect("on");
    assert!(said.starts_with("Pengingat aktif"), "{said}");
    let armed = platform.reminders().expect("armed");
    // The morning reminder first; the request, left alone, turns overdue later in the week.
    let morning = &armed[0];
    assert!(armed[1..]
        .iter()
        .all(|r| r.kind == ReminderKind::Overdue && r.at_ms > morning.at_ms));
    assert_eq!(morning.kind, ReminderKind::OutOfHours);
    assert_eq!(morning.title, "1 permintaan masuk saat kantor tutup");
    let opening = app
        .office()
        .hours
        .next_opening(wib(7, 20, 0))
        .expect("opens");
    assert_eq!(morning.at_ms, opening.timestamp_millis());
    assert!(!morning.title.contains("Siti") && !morning.text.contains("Siti"));

    // Ticks without change arm nothing new; a second request changes the count.
    let calls = platform.reminder_calls();
    for _ in 0..5 {
        app.reminder_tick().expect("tick");
    }
    assert_eq!(platform.reminder_calls(), calls);
    request(&app, "Budi Santoso", "2026-12-07T19:50");
    app.reminder_tick().expect("tick");
    let armed = platform.reminders().expect("armed");
    assert_eq!(armed[0].title, "2 permintaan masuk saat kantor tutup");

    // The setting belongs to the book of this phone: it survives a restart.
    drop(app);
    let app = phone.start();
    assert!(app.reminders_on());

    // Handling the requests removes the morning reminder from the plan.
    app.apply_action(&id, "belum-lengkap", None)
        .expect("handled");
    for case in app.home().expect("home").out_of_hours {
        app.apply_action(&case.id, "belum-lengkap", None)
            .expect("handled");
    }
    app.reminder_tick().expect("tick");
    let armed = platform.reminders().expect("armed");
    assert!(
        armed.iter().all(|r| r.kind != ReminderKind::OutOfHours),
        "{armed:?}"
    );

    // Off again: every reminder cancelled.
    assert_eq!(
        app.set_reminders_on(false).expect("off"),
        "Pengingat dimatikan."
    );
    assert_eq!(platform.reminders(), Some(vec![]));
}

#[test]
fn on_screen_reminders_show_when_their_moment_comes_and_close_for_good() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(wib(7, 20, 0)));
    let (phone, _platform) = phone(dir.path(), &clock, Device::default());
    let app = phone.start();
    request(&app, "Siti Aminah", "2026-12-07T19:45");
    let said = app.set_reminders_on(true).expect("on");
    assert!(said.contains("di layar aplikasi"), "{said}");
    assert!(!app.reminder_tick().expect("tick"));
    assert!(app.shown_reminders().is_empty());

    let opening = app
        .office()
        .hours
        .next_opening(wib(7, 20, 0))
        .expect("opens");
    clock.set(opening.timestamp_millis() - 1_000);
    assert!(!app.reminder_tick().expect("tick"));
    clock.set(opening.timestamp_millis() + 5_000);
    assert!(
        app.reminder_tick().expect("tick"),
        "the reminder's moment came"
    );
    let shown = app.shown_reminders();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].title, "1 permintaan masuk saat kantor tutup");

    app.dismiss_reminder(ReminderKind::OutOfHours);
    for _ in 0..3 {
        clock.advance(61_000);
        app.reminder_tick().expect("tick");
    }
    assert!(app.shown_reminders().is_empty(), "closed for good");
}

#[test]
fn a_phone_with_notifications_leaves_them_to_the_phone_and_opens_the_tapped_list() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(wib(7, 20, 0)));
    let device = Device {
        notifications: true,
        ..Device::default()
    };
    let (phone, platform) = phone(dir.path(), &clock, device);
    let app = phone.start();
    request(&app, "Siti Aminah", "2026-12-07T19:45");
    let said = app.set_reminders_on(true).expect("on");
    assert!(said.contains("HP ini memberi tahu"), "{said}");
    let opening = app
        .office()
        .hours
        .next_opening(wib(7, 20, 0))
        .expect("opens");
    clock.set(opening.timestamp_millis() + 5_000);
    assert!(
        !app.reminder_tick().expect("tick"),
        "the phone showed it, not the app"
    );
    assert!(app.shown_reminders().is_empty());

    assert_eq!(app.take_opened_reminder().expect("take"), None);
    platform.tap_reminder(ReminderKind::OutOfHours);
    assert_eq!(
        app.take_opened_reminder().expect("take"),
        Some(ReminderKind::OutOfHours)
    );
    assert_eq!(
        app.take_opened_reminder().expect("take"),
        None,
        "taken once"
    );
}

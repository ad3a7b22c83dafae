//! "Buka dengan sidik jari" through the app on a real SQLite file and the recording platform:
//! off until turned on with the PIN, only on a phone that can check a finger, the prompt asked
//! only while locked, and only a confirmed finger with the choice still on opens the app.

mod common;

use std::sync::Arc;

use common::TestPhone;
use layanan_desa::app::lock::LockStatus;
use layanan_desa::app::{App, AppError, ManualClock};
use layanan_desa::platform::recording::{Device, Recording};

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const PIN: &str = "258014";
const OPEN: LockStatus = LockStatus::Open { without_pin: false };

fn fields(result: Result<(), AppError>) -> Vec<String> {
    match result {
        Err(AppError::Form(errors)) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn new_phone(dir: &std::path::Path, fingerprint: bool) -> (TestPhone, Recording) {
    let platform = Recording::new(Device {
        fingerprint,
        ..Device::default()
    })
    .with_data_dir(dir.to_path_buf());
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = TestPhone::new(dir).clock(&clock).platform(platform.clone());
    (phone, platform)
}

fn locked(app: &App) -> bool {
    matches!(app.lock_status(), Ok(LockStatus::Locked { .. }))
}

#[test]
fn a_confirmed_finger_opens_the_app_only_while_the_choice_is_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let (phone, platform) = new_phone(dir.path(), true);
    let app = phone.start();
    assert!(app.fingerprint_possible());
    // A shortcut for a PIN needs the PIN first.
    assert_eq!(fields(app.set_fingerprint_unlock(true, "")), ["sidik-jari"]);
    app.set_pin(None, PIN, PIN).expect("pin");
    assert_eq!(fields(app.set_fingerprint_unlock(true, "")), ["pin-lama"]);
    assert_eq!(
        fields(app.set_fingerprint_unlock(true, "111112")),
        ["pin-lama"]
    );
    assert!(!app.fingerprint_unlock_on());
    app.set_fingerprint_unlock(true, PIN).expect("on");
    assert!(app.fingerprint_unlock_on());

    // Open: nothing is asked, and a stray answer changes nothing.
    app.ask_fingerprint().expect("no-op");
    assert!(platform.fingerprint_asks().is_empty());

    // A restart comes back locked; the prompt is asked; "Pakai PIN" leaves it locked.
    drop(app);
    let app = phone.start();
    assert!(locked(&app));
    app.ask_fingerprint().expect("asked");
    assert_eq!(platform.fingerprint_asks(), ["Buka Layanan Desa"]);
    platform.answer_fingerprint(false);
    assert!(!app.fingerprint_tick());
    assert!(locked(&app));
    assert!(!app.fingerprint_tick(), "nothing waiting");
    platform.answer_fingerprint(true);
    assert!(app.fingerprint_tick());
    assert_eq!(app.lock_status().expect("status"), OPEN);

    // Off again (with the PIN): a confirmed finger no longer opens the locked app.
    app.set_fingerprint_unlock(false, PIN).expect("off");
    app.lock_now();
    app.ask_fingerprint().expect("no-op");
    assert_eq!(platform.fingerprint_asks().len(), 1, "not asked while off");
    platform.answer_fingerprint(true);
    assert!(!app.fingerprint_tick());
    assert!(locked(&app));
}

#[test]
fn removing_the_pin_ends_the_shortcut_and_a_phone_without_a_reader_is_told() {
    let dir = tempfile::tempdir().expect("tmp");
    let (phone, platform) = new_phone(dir.path(), true);
    let app = phone.start();
    app.set_pin(None, PIN, PIN).expect("pin");
    app.set_fingerprint_unlock(true, PIN).expect("on");
    app.remove_pin(PIN).expect("removed");
    assert!(!app.fingerprint_unlock_on());
    platform.answer_fingerprint(true);
    assert!(!app.fingerprint_tick());

    let other = tempfile::tempdir().expect("tmp");
    let (phone, platform) = new_phone(other.path(), false);
    let app = phone.start();
    app.set_pin(None, PIN, PIN).expect("pin");
    assert!(!app.fingerprint_possible());
    match app.set_fingerprint_unlock(true, PIN) {
        Err(AppError::Form(errors)) => {
            assert_eq!(errors[0].field, "sidik-jari");
            assert!(
                errors[0].message.contains("Daftarkan sidik jari"),
                "{}",
                errors[0].message
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!app.fingerprint_unlock_on());
    app.lock_now();
    app.ask_fingerprint().expect("no-op");
    assert!(platform.fingerprint_asks().is_empty());
}

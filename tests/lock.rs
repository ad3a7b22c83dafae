//! The PIN lock through `App` on real SQLite files with a clock the test moves: first-start
//! choice, PIN rules, the argon2id hash (never the PIN) in the database, wrong PINs and the
//! growing wait that a restart does not shorten, locking again after minutes away from the
//! screen, changing and removing the PIN, "Lupa PIN" by restoring a backup or wiping, the
//! private-screen switch handed to the platform, and the PIN asked again for every setting that
//! changes where data goes or how it is protected (a relative with the unlocked phone).

mod common;
use common::TestPhone;

use std::path::Path;
use std::sync::Arc;

use layanan_desa::app::catalog_update::key as catalog_key;
use layanan_desa::app::lock::LockStatus;
use layanan_desa::app::offsite::{key as dav_key, OffsiteForm};
use layanan_desa::app::wipe::{WipeOutcome, WIPE_COOL_OFF_MS};
use layanan_desa::app::{App, AppError};
use layanan_desa::app::{CaseForm, Clock, ManualClock};
use layanan_desa::domain::backup::KdfCost;
use layanan_desa::domain::bundle;
use layanan_desa::domain::lock;
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::{CaseFilter, Store};

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const PIN: &str = "258014";
const MINUTE: i64 = 60_000;

struct Phone {
    app: App,
    platform: Recording,
    clock: Arc<ManualClock>,
}

/// Opens the app on `dir` as a start of the phone would (a fresh `App`, nothing in memory).
fn start(dir: &Path, clock: &Arc<ManualClock>) -> Phone {
    let platform = Recording::new(Device::default()).with_data_dir(dir.to_path_buf());
    let app = TestPhone::new(dir)
        .clock(clock)
        .platform(platform.clone())
        .start();
    Phone {
        app,
        platform,
        clock: clock.clone(),
    }
}

fn field_errors(result: Result<(), AppError>) -> Vec<(String, String)> {
    match result {
        Err(AppError::Form(errors)) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn status(phone: &Phone) -> LockStatus {
    phone.app.lock_status().expect("status")
}

const OPEN: LockStatus = LockStatus::Open { without_pin: false };

fn cases(app: &App) -> usize {
    app.case_list(&CaseFilter::default(), None)
        .expect("list")
        .rows
        .len()
}

fn add_case(app: &App, name: &str) {
    let form = CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: "ktp-baru".into(),
        ..CaseForm::default()
    };
    app.create_case(&form).expect("case");
}

#[test]
fn first_start_asks_for_a_pin_and_checks_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    assert_eq!(status(&phone), LockStatus::Setup);

    for (pin, repeat, field, message) in [
        ("12345", "12345", "pin", "PIN harus 6 angka."),
        (
            "12a456",
            "12a456",
            "pin",
            "PIN hanya boleh berisi angka 0–9.",
        ),
        ("123456", "123456", "pin", "terlalu mudah"),
        ("777777", "777777", "pin", "terlalu mudah"),
        ("987654", "987654", "pin", "terlalu mudah"),
        (PIN, "258041", "pin2", "Kedua PIN tidak sama"),
    ] {
        let errors = field_errors(phone.app.set_pin(None, pin, repeat));
        assert_eq!(errors.len(), 1, "{pin}: {errors:?}");
        assert_eq!(errors[0].0, field, "{pin}");
        assert!(errors[0].1.contains(message), "{pin}: {}", errors[0].1);
        assert_eq!(status(&phone), LockStatus::Setup, "{pin} saved nothing");
    }
    phone.app.set_pin(None, PIN, PIN).expect("a good PIN");
    assert_eq!(status(&phone), OPEN);
    drop(phone);

    // Only an argon2id hash is in the file; the PIN itself is nowhere in it.
    let db = std::fs::read(dir.path().join("layanan-desa.db")).expect("db");
    let text = String::from_utf8_lossy(&db);
    assert!(text.contains("$argon2id$v=19$m=19456,t=2,p=1$"));
    assert!(!text.contains(PIN));

    // The next start opens locked.
    let phone = start(dir.path(), &clock);
    assert_eq!(
        status(&phone),
        LockStatus::Locked {
            wait_s: 0,
            failures: 0
        }
    );
    phone.app.unlock(PIN).expect("right PIN");
    assert_eq!(status(&phone), OPEN);
}

#[test]
fn wrong_pins_wait_longer_and_a_restart_does_not_shorten_the_wait() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    start(dir.path(), &clock)
        .app
        .set_pin(None, PIN, PIN)
        .expect("pin");
    let phone = start(dir.path(), &clock);

    for left in (1..=4).rev() {
        let errors = field_errors(phone.app.unlock("111112"));
        assert_eq!(
            errors,
            [(
                "pin".to_string(),
                format!("PIN salah. Sisa {left} kali sebelum harus menunggu.")
            )]
        );
    }
    let errors = field_errors(phone.app.unlock("111112"));
    assert_eq!(errors[0].1, "PIN salah. Coba lagi dalam 30 detik.");
    assert_eq!(
        status(&phone),
        LockStatus::Locked {
            wait_s: 30,
            failures: 5
        }
    );
    // Even the right PIN is not checked while waiting.
    let errors = field_errors(phone.app.unlock(PIN));
    assert_eq!(
        errors[0].1,
        "Terlalu banyak PIN salah. Coba lagi dalam 30 detik."
    );
    drop(phone);

    // A restart 10 s later: the wait goes on.
    clock.advance(10_000);
    let phone = start(dir.path(), &clock);
    assert_eq!(
        status(&phone),
        LockStatus::Locked {
            wait_s: 20,
            failures: 5
        }
    );
    assert!(phone.app.unlock(PIN).is_err());

    // After the wait, one more wrong PIN doubles it; the waits grow to an hour at most.
    clock.advance(20_000);
    let errors = field_errors(phone.app.unlock("111112"));
    assert_eq!(errors[0].1, "PIN salah. Coba lagi dalam 1 menit.");
    clock.advance(60_000);
    let errors = field_errors(phone.app.unlock("111112"));
    assert_eq!(errors[0].1, "PIN salah. Coba lagi dalam 2 menit.");
    assert_eq!(lock::wait_after(30), lock::MAX_WAIT_S);

    clock.advance(120_000);
    phone.app.unlock(PIN).expect("right PIN after the wait");
    assert_eq!(status(&phone), OPEN);
    // The count starts again.
    phone.app.lock_now();
    assert_eq!(
        status(&phone),
        LockStatus::Locked {
            wait_s: 0,
            failures: 0
        }
    );
}

#[test]
fn the_app_locks_again_after_minutes_away_from_the_screen() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    let tick = |p: &Phone| p.app.lock_tick().expect("tick");

    // Away 4 minutes: still open.
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(4 * MINUTE);
    tick(&phone);
    phone.platform.set_background(false);
    tick(&phone);
    assert_eq!(status(&phone), OPEN);

    // Away 5 minutes: locked already while away, so it comes back locked.
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(5 * MINUTE);
    tick(&phone);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    phone.platform.set_background(false);
    tick(&phone);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    phone.app.unlock(PIN).expect("unlock");

    // Android said it left 6 minutes ago, though the timer never saw it (paused meanwhile).
    phone
        .platform
        .set_left_screen_at(phone.clock.now_ms() - 6 * MINUTE);
    tick(&phone);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    phone.app.unlock(PIN).expect("unlock");
    tick(&phone);
    assert_eq!(status(&phone), OPEN, "the same absence counts once");

    // The office sets 10 minutes; bad values are refused under their field.
    for bad in ["0", "abc", "1441", ""] {
        let errors = field_errors(phone.app.set_lock_after(bad, PIN));
        assert_eq!(errors[0].0, "kunci-menit", "{bad}");
    }
    phone.app.set_lock_after("10", PIN).expect("10 minutes");
    assert_eq!(
        phone.app.lock_settings().expect("settings").lock_after_min,
        10
    );
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(9 * MINUTE);
    tick(&phone);
    phone.platform.set_background(false);
    tick(&phone);
    assert_eq!(status(&phone), OPEN);
}

#[test]
fn skipping_changing_and_removing_the_pin() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.skip_pin().expect("skip");
    let without = LockStatus::Open { without_pin: true };
    assert_eq!(status(&phone), without);
    drop(phone);
    let phone = start(dir.path(), &clock);
    assert_eq!(status(&phone), without, "the choice is kept");
    assert!(!phone.app.lock_settings().expect("settings").has_pin);

    // Later, from Pengaturan.
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    assert!(
        phone.app.skip_pin().is_err(),
        "no skipping once a PIN is set"
    );
    let errors = field_errors(phone.app.set_pin(Some("000001"), "314159", "314159"));
    assert_eq!(
        errors[0],
        ("pin-lama".to_string(), "PIN lama salah.".to_string())
    );
    phone
        .app
        .set_pin(Some(PIN), "314159", "314159")
        .expect("change");
    phone.app.lock_now();
    assert!(phone.app.unlock(PIN).is_err());
    phone.app.unlock("314159").expect("new PIN");

    let errors = field_errors(phone.app.remove_pin("000001"));
    assert_eq!(errors[0].0, "pin-lama");
    phone.app.remove_pin("314159").expect("remove");
    assert_eq!(status(&phone), without);
}

#[test]
fn forgot_pin_restores_a_backup_and_asks_for_a_new_pin() {
    let old = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(old.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&phone.app, "Siti Aminah");
    add_case(&phone.app, "Budi Santoso");
    let cheap = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    let pass = "Kantor Desa Wonojati 2026";
    let (name, bytes, _) = phone.app.backup_bytes(pass, cheap).expect("backup");
    drop(phone);

    // The same phone, PIN forgotten: locked, restore from the backup.
    let phone = start(old.path(), &clock);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    let preview = phone
        .app
        .inspect_backup(&name, &bytes, pass)
        .expect("inspect");
    assert_eq!(preview.cases, 2);
    phone.app.restore_backup().expect("restore");
    assert_eq!(status(&phone), LockStatus::Setup, "a new PIN is chosen");
    phone
        .app
        .set_pin(None, "630417", "630417")
        .expect("new pin");
    assert_eq!(cases(&phone.app), 2);

    // A restore while unlocked keeps this phone's PIN, not the one inside the backup.
    let other = tempfile::tempdir().expect("tmp");
    let second = start(other.path(), &clock);
    second.app.set_pin(None, "147036", "147036").expect("pin");
    second
        .app
        .inspect_backup(&name, &bytes, pass)
        .expect("inspect");
    second.app.restore_backup().expect("restore");
    assert_eq!(status(&second), OPEN);
    second.app.lock_now();
    assert!(second.app.unlock(PIN).is_err(), "the backup's PIN");
    second.app.unlock("147036").expect("this phone's PIN");
}

/// The attack: a guesser who moves the phone's clock forward past every wait. The waits
/// alone would give unlimited guesses; after `MAX_TRIES` wrong PINs in a row no PIN is
/// checked at all, not even the right one, and "Lupa PIN" is the way left.
#[test]
fn a_guesser_moving_the_clock_gets_twenty_tries_and_no_more() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&phone.app, "Siti Aminah");
    phone.app.lock_now();
    let mut last = Vec::new();
    for guess in 0..lock::MAX_TRIES {
        assert!(!phone.app.pin_tries_used_up().expect("tries"));
        // The clock moved past the wait before each guess.
        clock.advance(2 * lock::MAX_WAIT_S as i64 * 1000);
        last = field_errors(phone.app.unlock(&format!("{:06}", 700_001 + guess)));
    }
    assert!(last[0].1.contains("tidak bisa dicoba lagi"), "{last:?}");
    assert!(phone.app.pin_tries_used_up().expect("tries"));
    clock.advance(365 * 24 * 60 * MINUTE);
    let errors = field_errors(phone.app.unlock(PIN));
    assert!(errors[0].1.contains("Lupa PIN"), "{errors:?}");
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    // A restart changes nothing.
    drop(phone);
    let phone = start(dir.path(), &clock);
    assert!(phone.app.unlock(PIN).is_err());
    // "Lupa PIN": the wipe after a day's wait still works, and a new PIN can be set.
    assert!(matches!(
        phone.app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    clock.advance(WIPE_COOL_OFF_MS);
    assert_eq!(
        phone.app.wipe_all_data("HAPUS").expect("wipe"),
        WipeOutcome::Wiped
    );
    assert_eq!(status(&phone), LockStatus::Setup);
    phone
        .app
        .set_pin(None, "630417", "630417")
        .expect("new pin");
    assert!(!phone.app.pin_tries_used_up().expect("fresh"));
}

/// The attack: a wrong-PIN wait, and the phone's clock moved forward two hours while the app
/// keeps running. The wait is also measured on a clock nobody can set, so it still runs;
/// only time really passing ends it. (A restart forgets that clock: the 20-try cap holds.)
#[test]
fn moving_the_clock_forward_does_not_end_a_wait_while_the_app_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    phone.app.lock_now();
    for guess in 0..lock::FREE_TRIES {
        let _ = phone.app.unlock(&format!("{:06}", 700_001 + guess));
    }
    let LockStatus::Locked { wait_s, .. } = status(&phone) else {
        panic!("locked")
    };
    assert_eq!(wait_s, lock::FIRST_WAIT_S);
    clock.move_wall(2 * 60 * MINUTE);
    let LockStatus::Locked { wait_s, .. } = status(&phone) else {
        panic!("locked")
    };
    assert_eq!(wait_s, lock::FIRST_WAIT_S, "the wait still runs");
    let errors = field_errors(phone.app.unlock(PIN));
    assert!(
        errors[0].1.contains("Coba lagi dalam 30 detik"),
        "{errors:?}"
    );
    clock.advance(lock::FIRST_WAIT_S as i64 * 1000);
    phone.app.unlock(PIN).expect("after the real wait");
}

/// The attack: HAPUS, the phone's clock moved a day forward, HAPUS again, without closing
/// the app. The day is also measured on the clock nobody can set, so nothing is wiped until a
/// day has really passed.
#[test]
fn moving_the_clock_forward_does_not_end_the_wipes_day_while_the_app_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&phone.app, "Siti Aminah");
    phone.app.lock_now();
    assert!(matches!(
        phone.app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    clock.move_wall(2 * WIPE_COOL_OFF_MS);
    let errors = field_errors(phone.app.wipe_all_data("HAPUS").map(drop));
    assert!(errors[0].1.contains("sudah dijadwalkan"), "{errors:?}");
    assert_eq!(cases(&phone.app), 1, "nothing wiped");
    clock.advance(WIPE_COOL_OFF_MS);
    assert_eq!(
        phone.app.wipe_all_data("HAPUS").expect("a real day later"),
        WipeOutcome::Wiped
    );
}

/// Five wrong PINs before the last: the message says how many tries are left.
#[test]
fn the_last_tries_are_counted_down() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    phone.app.lock_now();
    let mut messages = Vec::new();
    for guess in 0..lock::MAX_TRIES - 1 {
        clock.advance(2 * lock::MAX_WAIT_S as i64 * 1000);
        messages.push(
            field_errors(phone.app.unlock(&format!("{:06}", 700_001 + guess)))[0]
                .1
                .clone(),
        );
    }
    assert!(
        messages[13].ends_with("Coba lagi dalam 1 jam."),
        "{}",
        messages[13]
    );
    assert!(
        messages[14].contains("Tinggal 5 kali coba"),
        "{}",
        messages[14]
    );
    assert!(
        messages[18].contains("Tinggal 1 kali coba"),
        "{}",
        messages[18]
    );
    // The right PIN on the last try still opens, and the count starts again.
    clock.advance(2 * lock::MAX_WAIT_S as i64 * 1000);
    phone.app.unlock(PIN).expect("right PIN");
    assert!(!phone.app.pin_tries_used_up().expect("reset"));
}

/// The attack: a relative with the unlocked app for a minute sends the whole book away under
/// a passphrase of their own, or the list of every resident with their numbers, or points
/// the catalog updates (only the address) at another server. Each needs the PIN; nothing
/// reaches the share sheet without it.
#[test]
fn a_relative_with_the_unlocked_app_cannot_send_the_book_or_the_contacts_away() {
    use layanan_desa::app::report::ReportFile;
    use layanan_desa::domain::report::Period;
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    let app = &phone.app;
    app.set_pin(None, PIN, PIN).expect("pin");
    add_case(app, "Siti Aminah");
    let office_key = bundle::public_key_text(&[7; 32]);
    app.save_catalog_source("https://jemberkab.go.id/katalog.json", &office_key, PIN)
        .expect("the office's source");

    let pass = "kata sandi si penyusup";
    for typed in ["", "000000"] {
        let errors = field_errors(app.create_backup(pass, pass, typed).map(drop));
        assert_eq!(errors[0].0, "cadangan-pin", "{errors:?}");
    }
    let november = Period::month_of(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    let errors = field_errors(
        app.share_report_csv(november, ReportFile::Cases, Some(""))
            .map(drop),
    );
    assert_eq!(errors[0].0, "csv-pin");
    let errors = field_errors(
        app.save_catalog_source("https://katalog.penyerang.example/k.json", &office_key, "")
            .map(drop),
    );
    assert_eq!(errors[0].0, "katalog-pin");
    assert!(phone.platform.shared_files().is_empty(), "no backup shared");
    assert!(phone.platform.private_shares().is_empty(), "no list shared");
    assert_eq!(
        app.catalog_source_view().expect("view").url,
        "https://jemberkab.go.id/katalog.json"
    );
    // Nor can they erase: a resident, or every older closed case through a shorter period.
    let id = app
        .case_list(&CaseFilter::default(), None)
        .expect("list")
        .rows[0]
        .id
        .clone();
    let errors = field_errors(app.erase_resident(&id, "").map(drop));
    assert_eq!(errors[0].0, "hapus-warga-pin");
    let errors = field_errors(app.set_retention_months("6", "000000").map(drop));
    assert_eq!(errors[0].0, "masa-simpan-pin");
    assert_eq!(
        app.case_view(&id).expect("view").name,
        "Siti Aminah",
        "nothing erased"
    );
    // Keeping longer needs no PIN.
    app.set_retention_months("36", "").expect("longer");
    // Without contacts the list needs no PIN (case numbers, services and times only).
    app.share_report_csv(november, ReportFile::Cases, None)
        .expect("plain list");
    // The office, with the PIN.
    app.share_report_csv(november, ReportFile::Cases, Some(PIN))
        .expect("with the PIN");
    assert_eq!(phone.platform.private_shares().len(), 2);
}

const CHEAP: KdfCost = KdfCost {
    memory_kib: 64,
    iterations: 1,
    lanes: 1,
};

/// The attack: someone without the PIN takes "Lupa PIN", restores a backup of their own, sets
/// a PIN of their own, then taps "Batalkan pemulihan" to get the office's book back open. A
/// set-aside file with a later clock in its name (the phone's clock moved) must not be picked
/// either. The book put back keeps its own PIN: the app locks, and only the office's PIN opens.
#[test]
fn undoing_a_forgot_pin_restore_brings_the_old_book_back_locked_with_its_own_pin() {
    let clock = Arc::new(ManualClock::new(NOW));
    let own = tempfile::tempdir().expect("tmp");
    let attacker = start(own.path(), &clock);
    attacker.app.set_pin(None, "630417", "630417").expect("pin");
    add_case(&attacker.app, "Orang Lain");
    let pass = "kata sandi si penyusup";
    let (name, bytes, _) = attacker.app.backup_bytes(pass, CHEAP).expect("backup");

    let dir = tempfile::tempdir().expect("tmp");
    let office = start(dir.path(), &clock);
    office.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&office.app, "Siti Aminah");
    add_case(&office.app, "Budi Santoso");
    let office_copy = OffsiteForm {
        url: "https://awan.desa.id/dav/cadangan".into(),
        user: "desa".into(),
        password: "SandiDavKantor".into(),
        passphrase: "Kantor Desa Wonojati 2026".into(),
        keep: "7".into(),
        pin: PIN.into(),
    };
    office
        .app
        .save_offsite(&office_copy)
        .expect("the office's copy");
    drop(office);
    let stored = |k: &str| {
        Store::open(&dir.path().join("layanan-desa.db"))
            .expect("open")
            .setting(k)
            .expect("setting")
            .unwrap_or_default()
    };
    let phone = start(dir.path(), &clock);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    phone
        .app
        .inspect_backup(&name, &bytes, pass)
        .expect("inspect");
    phone.app.restore_backup().expect("restore");
    // Whoever comes through "Lupa PIN" does not get the office's WebDAV login.
    assert_eq!(stored(dav_key::URL), office_copy.url, "the address stays");
    assert_eq!(stored(dav_key::PASSWORD), "", "the password is typed again");
    assert_eq!(stored(dav_key::PASSPHRASE), "", "so is the passphrase");
    phone
        .app
        .set_pin(None, "630417", "630417")
        .expect("their PIN");
    assert_eq!(cases(&phone.app), 1);
    // With their own PIN they point the copy at their server and trust their own key.
    phone
        .app
        .save_offsite(&OffsiteForm {
            url: "https://dav.penyerang.example/curian".into(),
            password: "punya-mereka".into(),
            passphrase: "kata sandi mereka sendiri".into(),
            pin: "630417".into(),
            ..office_copy.clone()
        })
        .expect("their copy, in their book");
    phone
        .app
        .save_catalog_source(
            "https://katalog.penyerang.example/k.json",
            &bundle::public_key_text(&[9; 32]),
            "630417",
        )
        .expect("their key, in their book");
    // A later-named set-aside file, as a moved clock would make: a copy of their own book.
    std::fs::copy(
        dir.path().join("layanan-desa.db"),
        dir.path()
            .join("layanan-desa.db.sebelum-pulih-29991231-235959"),
    )
    .expect("plant");
    assert!(phone
        .app
        .restore_undo_available()
        .expect("undo")
        .is_some_and(|n| !n.contains("2999")));

    assert_eq!(
        phone.app.undo_restore().expect("undo"),
        2,
        "the office's book"
    );
    assert!(
        matches!(status(&phone), LockStatus::Locked { .. }),
        "the old book came back locked"
    );
    assert!(
        phone.app.unlock("630417").is_err(),
        "their PIN opens nothing"
    );
    phone.app.unlock(PIN).expect("the office's PIN");
    assert_eq!(cases(&phone.app), 2);
    assert_eq!(phone.app.restore_undo_available().expect("again"), None);
    // Nothing of theirs came along: the office's copy, login and trust as they were.
    assert_eq!(stored(dav_key::URL), office_copy.url);
    assert_eq!(stored(dav_key::PASSWORD), office_copy.password);
    assert_eq!(stored(dav_key::PASSPHRASE), office_copy.passphrase);
    assert!(!stored(catalog_key::KEYS).contains(&bundle::public_key_text(&[9; 32])));
    assert_eq!(
        phone.app.home().expect("home").offsite_target.as_deref(),
        Some("awan.desa.id")
    );
}

/// The attack: a backup made while a wipe was scheduled (long ago, on the attacker's phone)
/// is restored through "Lupa PIN"; typing HAPUS after it must still wait a day, and a restore
/// on an open phone does not bring a scheduled wipe either.
#[test]
fn a_backup_never_carries_a_scheduled_wipe() {
    let clock = Arc::new(ManualClock::new(NOW));
    let own = tempfile::tempdir().expect("tmp");
    let attacker = start(own.path(), &clock);
    attacker.app.set_pin(None, "630417", "630417").expect("pin");
    add_case(&attacker.app, "Orang Lain");
    attacker.app.lock_now();
    assert!(matches!(
        attacker.app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    clock.advance(2 * WIPE_COOL_OFF_MS);
    let pass = "kata sandi si penyusup";
    let (name, bytes, _) = attacker.app.backup_bytes(pass, CHEAP).expect("backup");

    let dir = tempfile::tempdir().expect("tmp");
    let office = start(dir.path(), &clock);
    office.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&office.app, "Siti Aminah");
    drop(office);
    let phone = start(dir.path(), &clock);
    phone
        .app
        .inspect_backup(&name, &bytes, pass)
        .expect("inspect");
    phone.app.restore_backup().expect("restore");
    assert_eq!(phone.app.wipe_scheduled().expect("none"), None);
    phone
        .app
        .set_pin(None, "630417", "630417")
        .expect("their PIN");
    phone.app.lock_now();
    assert!(matches!(
        phone.app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    assert!(
        dir.path()
            .read_dir()
            .expect("dir")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains("sebelum-pulih")),
        "the office's book is still set aside"
    );

    // On an open phone too.
    let other = tempfile::tempdir().expect("tmp");
    let second = start(other.path(), &clock);
    second.app.set_pin(None, "147036", "147036").expect("pin");
    second
        .app
        .inspect_backup(&name, &bytes, pass)
        .expect("inspect");
    second.app.restore_backup().expect("restore");
    assert_eq!(second.app.wipe_scheduled().expect("none"), None);
}

#[test]
fn forgot_pin_can_wipe_everything_after_typing_hapus() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    add_case(&phone.app, "Siti Aminah");
    drop(phone);
    // Copies that hold resident data: an automatic backup and a set-aside database.
    std::fs::create_dir_all(dir.path().join("cadangan")).expect("dir");
    std::fs::copy(
        dir.path().join("layanan-desa.db"),
        dir.path().join("cadangan/otomatis-2026-11-28.db"),
    )
    .expect("copy");
    std::fs::copy(
        dir.path().join("layanan-desa.db"),
        dir.path().join("layanan-desa.db.rusak-20261101-080000"),
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("catatan-lain.txt"),
        "bukan milik buku berkas",
    )
    .expect("w");

    let phone = start(dir.path(), &clock);
    for typed in ["", "hapus", "HAPUS SEMUA"] {
        let errors = field_errors(phone.app.wipe_all_data(typed).map(drop));
        assert_eq!(errors[0].0, "hapus");
    }
    assert_eq!(cases(&phone.app), 1, "nothing wiped yet");
    // The attack: someone holding the phone types HAPUS, twice. The first only schedules the
    // wipe a day ahead, the second is refused; nothing and no copy is removed.
    assert!(matches!(
        phone.app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    let errors = field_errors(phone.app.wipe_all_data("HAPUS").map(drop));
    assert!(errors[0].1.contains("sudah dijadwalkan"), "{errors:?}");
    clock.advance(WIPE_COOL_OFF_MS - MINUTE);
    assert!(phone.app.wipe_all_data("HAPUS").is_err(), "a minute early");
    assert_eq!(cases(&phone.app), 1);
    assert!(dir.path().join("cadangan/otomatis-2026-11-28.db").exists());
    assert!(dir
        .path()
        .join("layanan-desa.db.rusak-20261101-080000")
        .exists());
    assert!(phone.app.wipe_scheduled().expect("scheduled").is_some());
    // The official remembers the PIN: the wipe is cancelled.
    phone.app.unlock(PIN).expect("right PIN");
    assert_eq!(phone.app.wipe_scheduled().expect("none"), None);
    phone.app.lock_now();
    clock.advance(2 * WIPE_COOL_OFF_MS);
    assert!(matches!(
        phone.app.wipe_all_data("HAPUS").expect("asked again"),
        WipeOutcome::Scheduled { .. }
    ));
    // Nobody cancels; a day later, asked again, it goes.
    clock.advance(WIPE_COOL_OFF_MS);
    assert_eq!(
        phone.app.wipe_all_data("HAPUS").expect("wipe"),
        WipeOutcome::Wiped
    );
    assert_eq!(status(&phone), LockStatus::Setup);
    assert_eq!(cases(&phone.app), 0);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(
        left.iter()
            .all(|n| n == "catatan-lain.txt" || n.starts_with("layanan-desa.db")),
        "{left:?}"
    );
    assert!(!left.iter().any(|n| n.contains("rusak")), "{left:?}");
    assert!(!dir.path().join("cadangan").exists());
    for file in &left {
        let bytes = std::fs::read(dir.path().join(file)).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Siti Aminah"),
            "{file} still holds the name"
        );
    }
}

#[test]
fn the_private_screen_is_on_unless_the_office_turns_it_off() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.apply_secure_screen().expect("apply");
    assert_eq!(phone.platform.secure_screen(), Some(true));
    phone
        .app
        .set_secure_screen(false, "")
        .expect("off (no PIN set)");
    assert_eq!(phone.platform.secure_screen(), Some(false));
    drop(phone);
    let phone = start(dir.path(), &clock);
    assert!(!phone.app.lock_settings().expect("settings").secure_screen);
    phone.app.apply_secure_screen().expect("apply");
    assert_eq!(phone.platform.secure_screen(), Some(false));
}

/// The attack: the office set a PIN, a WebDAV copy and a trusted catalog key; a relative holds
/// the unlocked phone for a minute. Without the PIN they can neither send the daily copy (and
/// the saved login) to their own server, nor trust their own catalog key, nor keep the app
/// open for a day, nor allow screenshots. With the PIN the office can, and a new address never
/// inherits the saved WebDAV password.
#[test]
fn a_relative_with_the_unlocked_phone_cannot_redirect_or_weaken_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    let app = &phone.app;
    app.set_pin(None, PIN, PIN).expect("pin");
    let office = OffsiteForm {
        url: "https://awan.desa.id/dav/cadangan".into(),
        user: "desa".into(),
        password: "SandiDavKantor".into(),
        passphrase: "Kantor Desa Wonojati 2026".into(),
        keep: "7".into(),
        pin: PIN.into(),
    };
    app.save_offsite(&office).expect("the office sets its copy");
    let office_key = bundle::public_key_text(&[7; 32]);
    let set_keys = |keys: &str, pin: &str| {
        app.save_catalog_source("https://jemberkab.go.id/katalog.json", keys, pin)
    };
    set_keys(&office_key, PIN).expect("the office trusts its key");
    let stored = |k: &str| {
        Store::open(&dir.path().join("layanan-desa.db"))
            .expect("open")
            .setting(k)
            .expect("setting")
            .unwrap_or_default()
    };
    let before: Vec<String> = [dav_key::URL, dav_key::PASSWORD, catalog_key::KEYS]
        .iter()
        .map(|k| stored(k))
        .collect();
    assert_eq!(
        app.home().expect("home").offsite_target.as_deref(),
        Some("awan.desa.id")
    );

    // The relative: only the address changed, password left empty ("keeps the saved one").
    let theirs = OffsiteForm {
        url: "https://dav.penyerang.example/curian".into(),
        password: String::new(),
        passphrase: String::new(),
        pin: String::new(),
        ..office.clone()
    };
    let errors = field_errors(app.save_offsite(&theirs));
    assert_eq!(errors[0].0, "dav-pin", "{errors:?}");
    let errors = field_errors(app.save_offsite(&OffsiteForm {
        pin: "000000".into(),
        ..theirs.clone()
    }));
    assert_eq!(errors[0].0, "dav-pin");
    assert!(errors[0].1.contains("PIN salah"), "{errors:?}");
    let their_key = bundle::public_key_text(&[9; 32]);
    assert_eq!(field_errors(set_keys(&their_key, ""))[0].0, "katalog-pin");
    assert_eq!(
        field_errors(app.set_lock_after("1440", ""))[0].0,
        "pin-lama"
    );
    assert_eq!(
        field_errors(app.set_secure_screen(false, "123456"))[0].0,
        "pin-lama"
    );
    let after: Vec<String> = [dav_key::URL, dav_key::PASSWORD, catalog_key::KEYS]
        .iter()
        .map(|k| stored(k))
        .collect();
    assert_eq!(after, before, "nothing changed without the PIN");
    let settings = app.lock_settings().expect("settings");
    assert_eq!(settings.lock_after_min, lock::DEFAULT_LOCK_AFTER_MIN);
    assert!(settings.secure_screen);
    assert_eq!(
        app.home().expect("home").offsite_target.as_deref(),
        Some("awan.desa.id")
    );
    // Their wrong guesses count like the lock screen's: two so far, not free.
    let failures: u32 = stored("pin_salah_beruntun").parse().unwrap_or(0);
    assert_eq!(failures, 2);

    // A shorter re-lock time protects more and needs no PIN; turning the private screen on
    // neither.
    app.set_lock_after("2", "")
        .expect("shorter is always allowed");
    app.set_secure_screen(true, "")
        .expect("on is always allowed");

    // The office, with the PIN, moves to a new server: the saved login does not follow.
    app.save_offsite(&OffsiteForm {
        url: "https://nextcloud.jemberkab.go.id/dav/wonojati".into(),
        password: String::new(),
        passphrase: String::new(),
        pin: PIN.into(),
        ..office.clone()
    })
    .expect("with the PIN");
    assert_eq!(
        stored(dav_key::PASSWORD),
        "",
        "a new address gets no old password"
    );
    assert_eq!(
        app.home().expect("home").offsite_target.as_deref(),
        Some("nextcloud.jemberkab.go.id")
    );
    // The same address again (a trailing slash aside) keeps a password typed for it.
    app.save_offsite(&OffsiteForm {
        url: "https://nextcloud.jemberkab.go.id/dav/wonojati".into(),
        password: "SandiBaru2026".into(),
        passphrase: String::new(),
        pin: PIN.into(),
        ..office.clone()
    })
    .expect("password for the new server");
    app.save_offsite(&OffsiteForm {
        url: "https://nextcloud.jemberkab.go.id/dav/wonojati/".into(),
        password: String::new(),
        passphrase: String::new(),
        pin: PIN.into(),
        ..office.clone()
    })
    .expect("same server");
    assert_eq!(stored(dav_key::PASSWORD), "SandiBaru2026");
    assert_eq!(
        stored("pin_salah_beruntun"),
        "0",
        "the right PIN resets the count"
    );
}

/// The attack on the wait: after wrong PINs the phone's clock is moved back a year (by hand,
/// or a flat battery resets it). The wait shown and enforced is never more than the longest
/// wait, an hour, so the official is not locked out for a year; the right PIN works after it.
#[test]
fn a_clock_moved_back_a_year_never_locks_out_for_more_than_an_hour() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    phone.app.lock_now();
    for _ in 0..lock::FREE_TRIES {
        let _ = phone.app.unlock("111112");
    }
    assert!(matches!(
        status(&phone),
        LockStatus::Locked {
            wait_s: 30,
            failures: 5
        }
    ));
    clock.set(NOW - 365 * 24 * 60 * MINUTE);
    let LockStatus::Locked { wait_s, .. } = status(&phone) else {
        panic!("still locked");
    };
    assert!(wait_s <= lock::MAX_WAIT_S, "waits {wait_s} s");
    let errors = field_errors(phone.app.unlock(PIN));
    assert!(errors[0].1.contains("1 jam"), "{errors:?}");
    clock.set(NOW - 365 * 24 * 60 * MINUTE + 60 * MINUTE);
    phone
        .app
        .unlock(PIN)
        .expect("an hour later the right PIN opens");
}

/// A phone without its own screen lock has no secret behind Android's file encryption:
/// Pengaturan says so; with a screen lock, or where the platform cannot tell, it does not.
#[test]
fn pengaturan_warns_when_the_phone_has_no_screen_lock() {
    for (screen_lock, warned) in [(Some(false), true), (Some(true), false), (None, false)] {
        let dir = tempfile::tempdir().expect("tmp");
        let platform = Recording::new(Device {
            screen_lock,
            ..Device::default()
        });
        let app = TestPhone::new(dir.path())
            .at(NOW)
            .platform(platform.clone())
            .start();
        assert_eq!(app.phone_without_screen_lock(), warned, "{screen_lock:?}");
    }
}

/// The lock fails closed (issue 20): when the screen timer's tick cannot read what it needs
/// (here the "lock after" setting is a damaged row), the app locks at once and Beranda says
/// why, instead of the error being dropped and the app staying open.
#[test]
fn a_lock_tick_that_cannot_read_its_settings_locks_and_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    phone.app.lock_tick().expect("tick");
    assert_eq!(status(&phone), OPEN);
    let raw = rusqlite::Connection::open(dir.path().join("layanan-desa.db")).expect("raw");
    raw.execute(
        "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('kunci_setelah_menit', X'C328FF', 0)",
        [],
    )
    .expect("damage");
    assert!(phone.app.lock_tick().is_err(), "the error is not dropped");
    assert!(
        matches!(status(&phone), LockStatus::Locked { .. }),
        "{:?}",
        status(&phone)
    );
    phone.app.unlock(PIN).expect("the PIN still opens it");
    let notice = phone.app.home().expect("home").notice.unwrap_or_default();
    assert!(
        notice.contains("Kunci aplikasi tidak bisa diperiksa") && notice.contains("dikunci"),
        "{notice}"
    );
}

/// Ukuran tulisan is this phone's: kept across a restart, only the sizes offered, and a
/// hand-edited value that is not offered reads as the normal size instead of breaking a screen.
#[test]
fn text_size_is_kept_across_a_restart_and_only_offered_sizes_are_taken() {
    use layanan_desa::app::display::TEXT_SCALES;
    let dir = tempfile::tempdir().expect("temp dir");
    let phone = TestPhone::new(dir.path()).at(NOW);
    let app = phone.start();
    assert_eq!(app.text_scale(), 100, "never chosen: the normal size");
    app.set_text_scale(130).expect("130% is offered");
    assert_eq!(app.text_scale(), 130);
    let refused = app.set_text_scale(120).expect_err("120% is not offered");
    let errors = refused.into_field_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "ukuran-teks");
    assert_eq!(app.text_scale(), 130, "a refused size changes nothing");
    drop(app);
    let app = phone.start();
    assert_eq!(app.text_scale(), 130, "kept across a restart");
    for (pct, words) in TEXT_SCALES {
        app.set_text_scale(pct)
            .expect("every offered size is taken");
        assert_eq!(app.text_scale(), pct, "{words}");
    }

    let edited = tempfile::tempdir().expect("temp dir");
    for stored in ["120", "abc", "999", ""] {
        let phone = TestPhone::new(&edited.path().join(stored.len().to_string() + stored))
            .at(NOW)
            .setting("ukuran_teks_persen", stored);
        assert_eq!(phone.start().text_scale(), 100, "stored {stored:?}");
    }
}

/// Time in a WhatsApp chat the app opened does not count toward the re-lock (up to an hour);
/// an absence that did not start with such a chat counts as before, and so does the next one.
#[test]
fn replying_in_a_chat_the_app_opened_does_not_lock_it() {
    use layanan_desa::domain::lock::CHAT_AWAY_MAX_MIN;
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let phone = start(dir.path(), &clock);
    phone.app.set_pin(None, PIN, PIN).expect("pin");
    let tick = |p: &Phone| p.app.lock_tick().expect("tick");
    let chat = phone
        .app
        .prepare_chat("0812 3456 7890", "Berkas Bapak sudah siap diambil.")
        .expect("chat");

    // Opens WhatsApp and stays 20 minutes in the chat (the office's time is 5): still open.
    phone.app.open_chat(&chat).expect("whatsapp");
    phone.clock.advance(2_000);
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(20 * MINUTE);
    tick(&phone);
    phone.platform.set_background(false);
    tick(&phone);
    assert_eq!(status(&phone), OPEN, "20 minutes replying in the chat");

    // The next absence is not that chat: 6 minutes away locks.
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(6 * MINUTE);
    tick(&phone);
    phone.platform.set_background(false);
    tick(&phone);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
    phone.app.unlock(PIN).expect("unlock");

    // The share sheet counts as a chat too; past the hour, a phone left in WhatsApp locks.
    phone.app.share_text("Ringkasan").expect("share sheet");
    phone.platform.set_background(true);
    tick(&phone);
    phone
        .clock
        .advance(i64::from(CHAT_AWAY_MAX_MIN) * MINUTE - MINUTE);
    tick(&phone);
    assert_eq!(status(&phone), OPEN, "within the hour");
    phone.clock.advance(MINUTE);
    tick(&phone);
    assert!(
        matches!(status(&phone), LockStatus::Locked { .. }),
        "left in WhatsApp"
    );
    phone.platform.set_background(false);
    tick(&phone);
    phone.app.unlock(PIN).expect("unlock");

    // Leaving long after the chat was opened (the official read the reply first, then went
    // elsewhere) is an ordinary absence.
    phone.app.open_chat(&chat).expect("whatsapp");
    phone.clock.advance(MINUTE);
    phone.platform.set_background(true);
    tick(&phone);
    phone.clock.advance(6 * MINUTE);
    tick(&phone);
    assert!(matches!(status(&phone), LockStatus::Locked { .. }));
}

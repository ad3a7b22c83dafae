//! "Kirim ke HP lain" / "Terima dari HP lain" through the app on real SQLite files (issue 22):
//! a file made on one phone and opened on another merges and says what came in; opening it
//! twice changes nothing; the answer file carries only what the first phone lacks; the list
//! of the office's phones; and every refusal (wrong passphrase, changed byte, cut file,
//! another office, this phone's own file, no phone code) leaves the book as it was; and
//! "diubah di dua HP" when two phones changed one thing of a case apart.

mod common;

use std::sync::Arc;

use common::TestPhone;
use layanan_desa::app::{App, AppError, CaseForm, ManualClock};
use layanan_desa::domain::backup::KdfCost;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const PASS: &str = "Sandi Kantor Wonojati 2026";
/// Cheap argon2 for speed; the layout is the same as with the real cost.
const CHEAP: KdfCost = KdfCost {
    memory_kib: 256,
    iterations: 1,
    lanes: 1,
};

struct Phone {
    _dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    app: App,
}

fn phone(code: Option<&str>) -> Phone {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let app = TestPhone::new(dir.path()).clock(&clock).start();
    if let Some(code) = code {
        app.set_phone_code(code).expect("code");
    }
    Phone {
        _dir: dir,
        clock,
        app,
    }
}

fn new_case(app: &App, name: &str) -> String {
    let form = CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: "sktm".into(),
        ..CaseForm::default()
    };
    app.create_case(&form).expect("case")
}

fn file(p: &Phone) -> Vec<u8> {
    p.app.sync_file_bytes(PASS, CHEAP).expect("sync file").1
}

#[test]
fn a_file_from_one_phone_merges_on_another_and_says_what_came_in() {
    let a = phone(Some("A"));
    let b = phone(Some("B"));
    let siti = new_case(&a.app, "Siti Aminah");
    new_case(&a.app, "Budi Santoso");
    a.app.set_item(&siti, 0, true).expect("tick");
    let (name, bytes, operations) = a.app.sync_file_bytes(PASS, CHEAP).expect("file");
    assert!(name.starts_with("sinkron-a-2026-11-28-") && name.ends_with(".ldsync"));
    assert!(operations >= 3);
    assert!(
        !bytes.windows(5).any(|w| w == b"Siti "),
        "the file is sealed"
    );

    let got = b.app.receive_sync_file(&bytes, PASS).expect("received");
    assert_eq!(got.summary(), "2 berkas baru, 1 perubahan dari HP A.");
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
    let again = b.app.receive_sync_file(&bytes, PASS).expect("again");
    assert_eq!(
        again.summary(),
        "Tidak ada yang baru dari HP A: semua isinya sudah ada di HP ini."
    );

    // B works on A's case and answers; A sees it.
    b.clock.advance(60_000);
    b.app.set_item(&siti, 1, true).expect("b ticks");
    let dedi = new_case(&b.app, "Dedi");
    let answer = b.app.sync_file_bytes(PASS, CHEAP).expect("answer");
    let got = a
        .app
        .receive_sync_file(&answer.1, PASS)
        .expect("answer received");
    assert_eq!(got.summary(), "1 berkas baru, 1 perubahan dari HP B.");
    assert!(a.app.case_view(&siti).expect("view").items[1].received);
    assert_eq!(a.app.case_view(&dedi).expect("view").number, "2026-B0001");
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
    // A has heard from B: its next file leaves out what B already holds.
    a.clock.advance(60_000);
    a.app.add_case_note(&dedi, "dicek A").expect("note");
    let (_, _, operations) = a.app.sync_file_bytes(PASS, CHEAP).expect("small file");
    assert_eq!(operations, 1, "only the note is new to B");

    let phones = a.app.office_phones().expect("phones");
    assert_eq!(phones[0].label, "HP A (HP ini)");
    let b_row = phones
        .iter()
        .find(|p| p.label == "HP B")
        .expect("B in A's list");
    assert!(
        b_row
            .heard
            .starts_with("terakhir terdengar Sab 28 Nov 2026"),
        "{}",
        b_row.heard
    );
}

#[test]
fn refused_files_change_nothing() {
    let a = phone(Some("A"));
    let b = phone(Some("B"));
    new_case(&a.app, "Siti");
    let bytes = file(&a);
    new_case(&b.app, "Budi");
    let before = b.app.canonical_dump().expect("b");

    match b
        .app
        .receive_sync_file(&bytes, "sandi yang lain sama sekali")
    {
        Err(AppError::Form(errors)) => assert_eq!(errors[0].field, "sandi-sinkron"),
        other => panic!("wrong passphrase: {other:?}"),
    }
    let mut flipped = bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 1;
    let damaged = b
        .app
        .receive_sync_file(&flipped, PASS)
        .expect_err("flipped");
    assert!(damaged.to_string().contains("rusak"), "{damaged}");
    let cut = b
        .app
        .receive_sync_file(&bytes[..bytes.len() / 2], PASS)
        .expect_err("cut");
    assert!(cut.to_string().contains("terpotong"), "{cut}");
    let own = b.app.receive_sync_file(&file(&b), PASS).expect_err("own");
    assert!(matches!(own, AppError::OwnSyncFile), "{own}");
    assert_eq!(
        b.app.canonical_dump().expect("b"),
        before,
        "nothing applied"
    );

    // A phone that has heard from its office refuses a file of another office.
    let c = phone(Some("C"));
    c.app
        .receive_sync_file(&bytes, PASS)
        .expect("C joins A's office");
    let other_office = phone(Some("X"));
    new_case(&other_office.app, "Orang desa lain");
    let before = c.app.canonical_dump().expect("c");
    let refused = c
        .app
        .receive_sync_file(&file(&other_office), PASS)
        .expect_err("another office");
    assert!(refused.to_string().contains("kantor lain"), "{refused}");
    assert_eq!(c.app.canonical_dump().expect("c"), before);

    // No code, no file: numbers of two phones without codes would be the same.
    let nameless = phone(None);
    assert!(matches!(
        nameless.app.sync_file_bytes(PASS, CHEAP),
        Err(AppError::NoPhoneCode)
    ));
}

/// "Diubah di dua HP": two phones that change one thing of a case to different values without
/// seeing each other's change both see the mark, the later change counts, both stay in the
/// timeline with the phone that made them; "Sudah dicek" on one phone takes the mark away on
/// the other at its next file. A change made after seeing the other's, or the same value on
/// both, is no conflict.
#[test]
fn two_phones_changing_one_thing_are_shown_until_someone_looks() {
    let a = phone(Some("A"));
    let b = phone(Some("B"));
    let siti = new_case(&a.app, "Siti Aminah");
    let budi = new_case(&a.app, "Budi Santoso");
    b.app.receive_sync_file(&file(&a), PASS).expect("b joins");

    // Apart: both tick Siti's first document (same value: fine), A marks Siti complete while
    // B cancels it a little later; on Budi's case B moves it after seeing A's move.
    a.clock.advance(60_000);
    a.app.set_item(&siti, 0, true).expect("a ticks");
    a.app.apply_action(&siti, "lengkap", None).expect("a moves");
    a.app
        .apply_action(&budi, "lengkap", None)
        .expect("a moves budi");
    b.clock.advance(120_000);
    b.app.set_item(&siti, 0, true).expect("b ticks too");
    b.app
        .apply_action(&siti, "dibatalkan", Some("pindah ke Surabaya"))
        .expect("b moves later");
    assert!(!b.app.case_view(&siti).expect("view").changed_on_two_phones);
    b.app.receive_sync_file(&file(&a), PASS).expect("a to b");
    b.clock.advance(60_000);
    b.app
        .apply_action(&budi, "diproses:desa", None)
        .expect("b moves budi after seeing a's move");
    a.app.receive_sync_file(&file(&b), PASS).expect("b to a");
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );

    for p in [&a, &b] {
        let view = p.app.case_view(&siti).expect("view");
        assert!(view.changed_on_two_phones, "both phones show the mark");
        assert_eq!(view.status_key, "dibatalkan", "the later change counts");
        let moves: Vec<(String, Option<String>)> = view
            .timeline
            .iter()
            .filter(|t| t.text.starts_with("Status:"))
            .map(|t| (t.text.clone(), t.phone.clone()))
            .collect();
        assert_eq!(
            moves,
            [
                ("Status: Lengkap".to_string(), Some("HP A".to_string())),
                (
                    "Status: Dibatalkan: pindah ke Surabaya".to_string(),
                    Some("HP B".to_string()),
                ),
            ]
        );
        assert!(!p.app.case_view(&budi).expect("budi").changed_on_two_phones);
        let listed = p
            .app
            .case_list(&Default::default(), None)
            .expect("list")
            .rows;
        let marked: Vec<&str> = listed
            .iter()
            .filter(|r| r.changed_on_two_phones)
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(marked, ["Siti Aminah"], "Berkas shows the mark too");
    }

    // B looks; A's mark goes with B's next file, and both books stay equal.
    b.clock.advance(60_000);
    b.app.mark_case_looked(&siti).expect("looked");
    assert!(!b.app.case_view(&siti).expect("view").changed_on_two_phones);
    a.app.receive_sync_file(&file(&b), PASS).expect("b to a");
    assert!(!a.app.case_view(&siti).expect("view").changed_on_two_phones);
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
}

/// "Buka dengan" from WhatsApp: a file opened with the app while no picker was asked for is
/// kept for Pengaturan › HP kantor and merges from there; a file the official picked for a
/// restore stays the restore's.
#[test]
fn a_file_opened_with_the_app_waits_for_hp_kantor() {
    let a = phone(Some("A"));
    new_case(&a.app, "Siti Aminah");
    let (name, bytes, _) = a.app.sync_file_bytes(PASS, CHEAP).expect("file");
    let dir = tempfile::tempdir().expect("tmp");
    let b = TestPhone::new(dir.path()).at(NOW);
    let app = b.start();
    app.set_phone_code("B").expect("code");

    assert!(!app.take_file_opened_with().expect("nothing yet"));
    b.platform.open_with(&name, bytes.clone());
    assert!(app.take_file_opened_with().expect("opened"));
    let (got_name, got) = app
        .take_picked_sync_file()
        .expect("take")
        .expect("waiting for HP kantor");
    assert_eq!(got_name, name);
    assert_eq!(app.take_picked_sync_file().expect("once"), None);
    assert_eq!(
        app.receive_sync_file(&got, PASS).expect("merged").summary(),
        "1 berkas baru, 0 perubahan dari HP A."
    );

    // While the restore screen waits for its picker, a file that arrives is the restore's.
    app.pick_backup_file().expect("picker");
    b.platform
        .open_with("cadangan.ldbackup", b"picked for the restore".to_vec());
    assert!(!app.take_file_opened_with().expect("not taken"));
    assert_eq!(app.take_picked_sync_file().expect("not sync's"), None);
    assert_eq!(
        app.take_picked_file().expect("restore's").map(|f| f.0),
        Some("cadangan.ldbackup".to_string())
    );

    // A picker cancelled, its screen left: a file that comes after is one opened with the app.
    app.pick_backup_file().expect("picker");
    app.stop_picking();
    b.platform.open_with(&name, bytes);
    assert!(app.take_file_opened_with().expect("opened"));
    assert_eq!(
        app.take_picked_sync_file().expect("take").map(|f| f.0),
        Some(name)
    );
}

/// The office's own services ("Layanan tambahan kantor") travel: a catalog file saved on one
/// phone is in the other's catalog after its file, and removing it there removes it here.
#[test]
fn the_office_services_travel_with_the_files() {
    let own_service = common::office_service("sk-ternak", "Surat keterangan ternak", 1);
    let a = phone(Some("A"));
    let b = phone(Some("B"));
    // A file another phone would refuse is refused here, under its field.
    let huge = format!("{own_service}\n# {}\n", "x".repeat(600 * 1024));
    let err = a
        .app
        .save_office_catalog_file("besar.toml", &huge)
        .expect_err("too large to travel");
    assert!(err.to_string().contains("paling besar 512 KB"), "{err}");
    a.app
        .save_office_catalog_file("ternak.toml", &own_service)
        .expect("office service");
    assert!(b.app.catalog().service("sk-ternak").is_none());
    b.app.receive_sync_file(&file(&a), PASS).expect("a to b");
    assert_eq!(
        b.app.office_catalog_files().expect("files"),
        [("ternak.toml".to_string(), own_service.clone())]
    );
    assert!(
        b.app.catalog().service("sk-ternak").is_some(),
        "in B's catalog at once"
    );
    // B takes a case of it; then B removes the file, and A follows.
    let id = b
        .app
        .create_case(&CaseForm {
            resident_name: "Pak Kadés".into(),
            service_id: "sk-ternak".into(),
            ..CaseForm::default()
        })
        .expect("case of the office's service");
    b.clock.advance(60_000);
    b.app
        .delete_office_catalog_file("ternak.toml")
        .expect("removed");
    a.app.receive_sync_file(&file(&b), PASS).expect("b to a");
    assert!(a.app.office_catalog_files().expect("files").is_empty());
    assert!(a.app.catalog().service("sk-ternak").is_none());
    assert_eq!(
        a.app.case_view(&id).expect("the case stays").service,
        "Surat keterangan ternak"
    );
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
}

/// Joining: a replacement phone put back from the broken phone's backup, then given the whole
/// book by another phone ("Kirim semua ke HP baru"), holds everything, also what the broken
/// phone made after its backup, and continues under a code of its own, so no number is given
/// twice.
#[test]
fn a_replacement_phone_joins_from_a_backup_and_a_whole_book_file() {
    const DAY: i64 = 24 * 3600 * 1000;
    let a = phone(Some("A"));
    let b = phone(Some("B"));
    new_case(&a.app, "Siti Aminah");
    b.app.receive_sync_file(&file(&a), PASS).expect("b joins");
    new_case(&b.app, "Budi Santoso");
    a.app.receive_sync_file(&file(&b), PASS).expect("a hears b");
    // A phone's code is its own: A cannot take B's, and keeps its own.
    let err = a.app.set_phone_code("B").expect_err("B's");
    assert!(err.to_string().contains("sudah dipakai HP lain"), "{err}");
    a.app.set_phone_code("A").expect("its own again");
    // B's backup tonight; the next day B takes one more case, sends it to A, and breaks.
    let (name, backup, _) = b.app.backup_bytes(PASS, CHEAP).expect("backup");
    b.clock.advance(DAY);
    let citra = new_case(&b.app, "Citra Lestari");
    a.app
        .receive_sync_file(&file(&b), PASS)
        .expect("a has Citra");

    let dir = tempfile::tempdir().expect("tmp");
    let c = TestPhone::new(dir.path()).at(NOW + 2 * DAY).start();
    c.inspect_backup(&name, &backup, PASS).expect("inspect");
    c.restore_backup().expect("restored");
    assert!(c.phone_code().is_none(), "B's code stays with B");
    let notice = c.home().expect("Beranda").notice.unwrap_or_default();
    assert!(notice.contains("Beri HP ini kode baru"), "{notice}");
    assert!(c.case_view(&citra).is_err(), "not in last night's backup");
    // A's usual file leaves out what B (heard from) held; the whole book does not.
    let (_, usual, _) = a.app.sync_file_bytes(PASS, CHEAP).expect("usual");
    c.receive_sync_file(&usual, PASS).expect("usual file");
    assert!(c.case_view(&citra).is_err(), "the usual file lacks it");
    let (_, everything, _) = a
        .app
        .sync_file_bytes_with(PASS, CHEAP, true)
        .expect("everything");
    let got = c.receive_sync_file(&everything, PASS).expect("joined");
    assert_eq!(got.new_cases, 1, "{}", got.summary());
    assert_eq!(c.case_view(&citra).expect("Citra").number, "2026-B0002");
    // The replacement does not give out B's numbers again: B's code went with the restore
    // (Beranda says so), B is refused, and it goes on under a code of its own.
    let err = c.set_phone_code("b").expect_err("B is the old phone's");
    assert!(err.to_string().contains("sudah dipakai HP lain"), "{err}");
    c.set_phone_code("c").expect("a new code");
    let dedi = new_case(&c, "Dedi Kurniawan");
    assert_eq!(c.case_view(&dedi).expect("Dedi").number, "2026-C0001");
    let (_, from_c, _) = c.sync_file_bytes(PASS, CHEAP).expect("c's file");
    let got = a.app.receive_sync_file(&from_c, PASS).expect("a hears c");
    assert_eq!(got.new_cases, 1, "{}", got.summary());
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        c.canonical_dump().expect("c")
    );
}

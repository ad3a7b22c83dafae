//! Retention and erasure on real SQLite files: after the retention period closed cases lose
//! name, number, NIK, address and every free text while the report numbers stay identical; a
//! sample NIK is then absent from the raw bytes of the database, its WAL and the automatic
//! copies. "Hapus data warga" erases one resident across their cases and nobody else, with an
//! event that says that (not what); the timeline stays append-only for everything else. A
//! reply copied with "Salin teks" leaves the clipboard a minute later, unless the official
//! has copied something else since.

mod common;
use common::TestPhone;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use layanan_desa::app::report::ReportFile;
use layanan_desa::app::{App, AppError};
use layanan_desa::app::{CaseForm, ManualClock};
use layanan_desa::domain::report::Period;
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::{CaseFilter, Store};

/// 1 June 2023 09.00 WIB, when the old cases were handled.
const THEN: i64 = 1_685_584_800_000;
/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;

const OLD_NIK: &str = "3509124107850003";
const OLD_NAME: &str = "Siti Marwiyah";
const OLD_PHONE: &str = "0812 3456 7001";
const OPEN_NIK: &str = "3509125507900004";

fn start(dir: &Path, clock: &Arc<ManualClock>) -> App {
    TestPhone::new(dir).clock(clock).start()
}

/// Seeds `cases` cases of every status, handled from June 2023 on, into the folder's book.
fn seed_from_2023(dir: &Path, cases: usize) {
    let app = App::builtin(Arc::new(Recording::new(Device::default()))).expect("app");
    let mut store = Store::open(&dir.join("layanan-desa.db")).expect("open");
    layanan_desa::app::seed::seed(&mut store, &app.catalog(), cases, THEN, 5).expect("seed");
}

fn new_case(app: &App, name: &str, phone: &str, nik: &str, service: &str) -> String {
    let form = CaseForm {
        resident_name: name.into(),
        phone: phone.into(),
        nik: nik.into(),
        dusun: "Krajan".into(),
        rt: "002".into(),
        rw: "005".into(),
        service_id: service.into(),
        notes: format!("Pesan WA dari {name}: mohon dibantu, NIK saya {nik}"),
        ..CaseForm::default()
    };
    app.create_case(&form).expect("case")
}

/// Every file of the data folder (database, WAL, automatic copies) as one byte string.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.extend(std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn all_years() -> Period {
    Period {
        from: NaiveDate::from_ymd_opt(2020, 1, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
    }
}

#[test]
fn the_daily_care_applies_retention_and_tells_it_as_information_not_as_a_problem() {
    let dir = tempfile::tempdir().expect("tmp");
    seed_from_2023(dir.path(), 100);
    let clock = Arc::new(ManualClock::new(NOW));
    let app = start(dir.path(), &clock);
    assert!(app.daily_care().expect("care"), "the official is told");
    assert_eq!(
        app.apply_retention().expect("after"),
        0,
        "the care applied it"
    );
    let home = app.home().expect("home");
    assert_eq!(home.notice, None, "nothing is wrong");
    let info = home.info.expect("told for information");
    assert!(
        info.starts_with("Data pribadi ") && info.contains("berkas lama dihapus"),
        "{info}"
    );
    // Later the same day: nothing more to do, and the words are not said twice.
    assert!(!app.daily_care().expect("again"));
    assert_eq!(app.home().expect("home").info, Some(info));
}

#[test]
fn retention_erases_personal_data_of_old_closed_cases_and_keeps_the_report() {
    let dir = tempfile::tempdir().expect("tmp");
    // A realistic book from 2023: 300 seeded cases of every status.
    seed_from_2023(dir.path(), 300);
    let clock = Arc::new(ManualClock::new(THEN));
    let app = start(dir.path(), &clock);
    let old = new_case(&app, OLD_NAME, OLD_PHONE, OLD_NIK, "sktm");
    app.add_case_note(&old, "Ibu Siti Marwiyah datang dengan anaknya")
        .expect("note");
    app.apply_action(&old, "dibatalkan", Some("Siti Marwiyah pindah ke Surabaya"))
        .expect("cancel");
    clock.set(NOW - 3 * 86_400_000);
    let open = new_case(
        &app,
        "Bagus Wicaksono",
        "0812 3456 7002",
        OPEN_NIK,
        "ktp-baru",
    );
    clock.set(NOW);
    let before_report = app.report(all_years()).expect("report");
    let before_rows = app.case_list(&CaseFilter::default(), None).expect("list");
    assert!(
        contains(&all_bytes(dir.path()), OLD_NIK),
        "the sample is there at first"
    );

    // The default period: 24 months. Everything closed before November 2024 is erased.
    assert_eq!(app.retention_months().expect("months"), 24);
    let erased = app.apply_retention().expect("retention");
    assert!(erased > 50, "{erased} erased");
    assert_eq!(app.apply_retention().expect("again"), 0, "erased once only");

    assert_eq!(app.report(all_years()).expect("report"), before_report);
    let after_rows = app.case_list(&CaseFilter::default(), None).expect("list");
    assert_eq!(
        after_rows.rows.len(),
        before_rows.rows.len(),
        "no case removed"
    );

    let old_view = app.case_view(&old).expect("old case");
    assert_eq!(old_view.name, "(dihapus)");
    assert_eq!(old_view.phone, None);
    assert_eq!(old_view.nik, None);
    assert_eq!(old_view.address, None);
    let timeline: Vec<String> = old_view.timeline.iter().map(|t| t.text.clone()).collect();
    assert!(
        timeline
            .iter()
            .any(|t| t == "Data pribadi warga dihapus (masa simpan habis)"),
        "{timeline:?}"
    );
    assert!(
        !timeline.iter().any(|t| t.contains("Marwiyah")),
        "{timeline:?}"
    );
    let open_view = app.case_view(&open).expect("open case");
    assert_eq!(open_view.name, "Bagus Wicaksono");
    assert!(open_view.nik.is_some(), "open cases keep their data");

    // The bytes are gone from the database, its WAL and the automatic copies.
    let bytes = all_bytes(dir.path());
    assert!(!contains(&bytes, OLD_NIK), "NIK still in the files");
    assert!(!contains(&bytes, "Marwiyah"), "name still in the files");
    assert!(
        !contains(&bytes, "6281234567001"),
        "number still in the files"
    );
    assert!(contains(&bytes, OPEN_NIK), "the open case's NIK is kept");
    assert!(
        dir.path()
            .join("cadangan")
            .read_dir()
            .expect("copies")
            .count()
            >= 1
    );

    // The period is the office's choice, within limits.
    for bad in ["0", "5", "121", "dua"] {
        match app.set_retention_months(bad, "") {
            Err(AppError::Form(errors)) => assert_eq!(errors[0].field, "masa-simpan"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(app.set_retention_months("36", "").expect("36"), 0);
    assert_eq!(app.retention_months().expect("months"), 36);
}

#[test]
fn one_resident_is_erased_across_their_cases_and_nobody_else() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let app = start(dir.path(), &clock);
    let first = new_case(&app, OLD_NAME, OLD_PHONE, OLD_NIK, "sktm");
    let second = new_case(&app, "Bu Siti M.", OLD_PHONE, "", "domisili");
    let third = new_case(&app, "Siti", "", OLD_NIK, "ktp-baru");
    let other = new_case(&app, "Bagus Wicaksono", "0812 3456 7002", OPEN_NIK, "sktm");
    app.add_case_note(&other, "Bagus tanya soal SKTM")
        .expect("note");

    let preview = app.resident_erasure_preview(&second).expect("preview");
    assert_eq!(preview.cases.len(), 3, "{preview:?}");
    assert_eq!(app.erase_resident(&second, "").expect("erase"), 3);
    for id in [&first, &second, &third] {
        let view = app.case_view(id).expect("view");
        assert_eq!(view.name, "(dihapus)");
        assert_eq!((view.phone.clone(), view.nik.clone()), (None, None));
        assert!(view
            .timeline
            .iter()
            .any(|t| t.text == "Data pribadi warga dihapus (atas permintaan warga)"));
    }
    let kept = app.case_view(&other).expect("other");
    assert_eq!(kept.name, "Bagus Wicaksono");
    assert!(kept.timeline.iter().any(|t| t.text.contains("Bagus tanya")));
    assert!(matches!(
        app.erase_resident(&first, ""),
        Err(AppError::AlreadyErased)
    ));

    let bytes = all_bytes(dir.path());
    for gone in [OLD_NIK, "Marwiyah", "Bu Siti M.", "6281234567001"] {
        assert!(!contains(&bytes, gone), "{gone} still in the files");
    }
    assert!(contains(&bytes, OPEN_NIK));
    drop(app);

    // The timeline is still append-only for anything but erasing free text.
    let conn = rusqlite::Connection::open(dir.path().join("layanan-desa.db")).expect("raw");
    assert!(conn
        .execute("UPDATE events SET kind = 'note' WHERE kind = 'created'", [])
        .is_err());
    assert!(conn
        .execute(
            "UPDATE events SET body = 'diganti' WHERE body IS NOT NULL",
            []
        )
        .is_err());
    assert!(conn.execute("DELETE FROM events", []).is_err());
}

#[test]
fn nik_is_masked_in_lists_detail_templates_and_exports() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let platform = Recording::new(Device::default()).with_data_dir(dir.path().to_path_buf());
    let app = TestPhone::new(dir.path())
        .clock(&clock)
        .platform(platform.clone())
        .start();
    let id = new_case(&app, OLD_NAME, OLD_PHONE, OLD_NIK, "sktm");
    let masked = "3509••••••••0003";

    let list = app.case_list(&CaseFilter::default(), None).expect("list");
    assert_eq!(list.rows[0].nik.as_deref(), Some(masked));
    let found = app
        .case_list(
            &CaseFilter {
                search: Some("siti".into()),
                ..CaseFilter::default()
            },
            None,
        )
        .expect("search");
    assert_eq!(found.rows[0].nik.as_deref(), Some(masked));
    let view = app.case_view(&id).expect("view");
    assert_eq!(view.nik.as_deref(), Some(masked));
    assert_eq!(view.nik_full.as_deref(), Some(OLD_NIK), "only on request");

    // No reply template carries the NIK into a WhatsApp text.
    let templates = app.template_list();
    assert!(templates.len() >= 5);
    for (template_id, _, _) in &templates {
        if let Ok(text) = app.reply_text(&id, template_id) {
            assert!(!text.contains(OLD_NIK), "{template_id}: {text}");
            assert!(!text.contains("4107850003"), "{template_id}: {text}");
        }
    }

    // The CSV export holds no contact data unless asked; then the NIK only masked. Shared
    // files go from the private cache; only "Simpan keduanya ke Unduhan" saves publicly, and
    // never with contacts.
    let period = Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    app.save_report_csv(period).expect("save");
    app.share_report_csv(period, ReportFile::Summary, None)
        .expect("share summary");
    app.share_report_csv(period, ReportFile::Cases, None)
        .expect("share plain list");
    app.share_report_csv(period, ReportFile::Cases, Some(""))
        .expect("share with contacts");
    let saved = platform.saved();
    let private = platform.private_shares();
    assert_eq!(
        saved.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        vec![
            "laporan-wonojati-masuk-2026-11-01_2026-11-30-ringkasan.csv",
            "laporan-wonojati-masuk-2026-11-01_2026-11-30-berkas.csv"
        ],
        "only the two files asked for are saved where other apps read"
    );
    assert_eq!(private.len(), 3);
    let plain = String::from_utf8(saved[1].bytes.clone()).expect("utf8");
    let with = String::from_utf8(private[2].bytes.clone()).expect("utf8");
    assert_eq!(
        private[1].bytes, saved[1].bytes,
        "the plain list either way"
    );
    assert!(private[2].name.ends_with("-berkas.csv"));
    for file in &saved {
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(
            !text.contains(OLD_NAME),
            "{} is public and names a resident",
            file.name
        );
    }
    for personal in [OLD_NAME, "812-3456-7001", OLD_NIK, masked] {
        assert!(!plain.contains(personal), "{personal} in the plain export");
    }
    assert!(
        with.contains("Nama warga,Nomor WhatsApp,NIK (disamarkan)"),
        "{with}"
    );
    assert!(with.contains(OLD_NAME) && with.contains(masked), "{with}");
    assert!(!with.contains(OLD_NIK), "full NIK in an export");
}

/// The risk: a reply with a resident's name and number stays on the clipboard, where any app
/// (or keyboard with clipboard history) reads it later. A minute after "Salin teks" it is
/// cleared; what the official copied since is left alone; while Android hides the clipboard
/// from the app (in the background) nothing happens until the app is back on screen.
#[test]
fn a_copied_reply_leaves_the_clipboard_after_a_minute() {
    use layanan_desa::app::privacy::CLIPBOARD_CLEAR_AFTER_MS;
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(NOW));
    let platform = Recording::new(Device::default()).with_data_dir(dir.path().to_path_buf());
    let app = TestPhone::new(dir.path())
        .clock(&clock)
        .platform(platform.clone())
        .start();
    let reply = "Bu Siti Marwiyah (0812 3456 7001), KTP-el sudah siap diambil.";
    assert!(app.copy_text(reply).expect("copy"));
    assert_eq!(platform.clipboard().as_deref(), Some(reply));
    clock.advance(CLIPBOARD_CLEAR_AFTER_MS - 1000);
    app.clipboard_tick().expect("tick");
    assert_eq!(platform.clipboard().as_deref(), Some(reply), "not yet");
    clock.advance(1000);
    app.clipboard_tick().expect("tick");
    assert_eq!(platform.clipboard(), None, "cleared after a minute");

    // Copied, then the official copies something else: theirs stays.
    app.copy_text(reply).expect("copy");
    platform.copy_elsewhere("nomor antrean 12");
    clock.advance(CLIPBOARD_CLEAR_AFTER_MS);
    app.clipboard_tick().expect("tick");
    assert_eq!(platform.clipboard().as_deref(), Some("nomor antrean 12"));

    // Copied, then WhatsApp on screen for ten minutes: cleared once the app is back.
    app.copy_text(reply).expect("copy");
    platform.set_background(true);
    clock.advance(10 * CLIPBOARD_CLEAR_AFTER_MS);
    app.clipboard_tick().expect("tick");
    assert_eq!(
        platform.clipboard().as_deref(),
        Some(reply),
        "unreadable meanwhile"
    );
    platform.set_background(false);
    app.clipboard_tick().expect("tick");
    assert_eq!(platform.clipboard(), None);
}

/// The risk: the case list with contacts shared just before an erasure still waits in the
/// private share folder (Android's `cacheDir/berbagi`), so the erased resident lives on in a
/// file. The erasure empties that folder; so does "Hapus semua data".
#[test]
fn an_erasure_leaves_no_shared_list_behind() {
    use layanan_desa::app::wipe::{WipeOutcome, WIPE_COOL_OFF_MS};
    let dir = tempfile::tempdir().expect("tmp");
    let shares = dir.path().join("cache/berbagi");
    let clock = Arc::new(ManualClock::new(NOW));
    let platform = Recording::new(Device::default())
        .with_data_dir(dir.path().to_path_buf())
        .with_private_share_dir(shares.clone());
    let app = TestPhone::new(dir.path())
        .clock(&clock)
        .platform(platform.clone())
        .start();
    let id = new_case(&app, OLD_NAME, OLD_PHONE, OLD_NIK, "sktm");
    let period = Period::month_of(NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    let in_shares = || -> bool {
        std::fs::read_dir(&shares).is_ok_and(|d| {
            d.flatten()
                .any(|e| contains(&std::fs::read(e.path()).unwrap_or_default(), OLD_NAME))
        })
    };
    app.share_report_csv(period, ReportFile::Cases, Some(""))
        .expect("share with contacts");
    assert!(in_shares(), "the shared list waits in the folder");
    app.erase_resident(&id, "").expect("erase");
    assert!(!in_shares(), "the erasure emptied the share folder");

    // "Hapus semua data" too.
    new_case(&app, OLD_NAME, OLD_PHONE, OLD_NIK, "sktm");
    app.share_report_csv(period, ReportFile::Cases, Some(""))
        .expect("share again");
    assert!(in_shares());
    assert!(matches!(
        app.wipe_all_data("HAPUS").expect("asked"),
        WipeOutcome::Scheduled { .. }
    ));
    clock.advance(WIPE_COOL_OFF_MS);
    assert_eq!(
        app.wipe_all_data("HAPUS").expect("wipe"),
        WipeOutcome::Wiped
    );
    assert!(!in_shares(), "the wipe emptied the share folder");
}

//! Phone codes in case numbers (issue 22's first visible step), on a real SQLite file: numbers
//! read and written with and without a code, the code chosen in Pengaturan (refused under its
//! field when it is not one or two letters), new cases numbered with it while older numbers
//! stay as they were, and the search finding a case by its coded number only.

mod common;

use common::TestPhone;
use layanan_desa::app::{App, AppError, CaseForm};
use layanan_desa::domain::case::{CaseNumber, PhoneCode};
use layanan_desa::store::CaseFilter;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;

fn new_case(app: &App, name: &str) -> String {
    let form = CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: "sktm".into(),
        ..CaseForm::default()
    };
    let id = app.create_case(&form).expect("case");
    app.case_view(&id).expect("view").number
}

fn found(app: &App, search: &str) -> Vec<String> {
    let filter = CaseFilter {
        search: Some(search.into()),
        ..CaseFilter::default()
    };
    app.case_list(&filter, None)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn numbers_read_and_write_with_and_without_a_code() {
    let cases: [(&str, Option<&str>); 9] = [
        ("2026-0042", Some("2026-0042")),
        ("2026-42", Some("2026-0042")),
        ("2026-B0042", Some("2026-B0042")),
        (" 2026-b42 ", Some("2026-B0042")),
        ("2026-AB7", Some("2026-AB0007")),
        ("2026-ABC1", None),
        ("2026-B", None),
        ("2026-B0", None),
        ("1999-B0001", None),
    ];
    for (raw, expected) in cases {
        assert_eq!(
            CaseNumber::parse(raw).map(|n| n.to_string()).as_deref(),
            expected,
            "{raw:?}"
        );
    }
    assert!(PhoneCode::parse("1").is_err());
    assert!(PhoneCode::parse("É").is_err());
    assert_eq!(PhoneCode::stored("x!").as_str(), "");
    assert_eq!(
        PhoneCode::parse(" c ").map(|c| c.as_str().to_string()),
        Ok("C".into())
    );
}

#[test]
fn a_code_numbers_new_cases_and_leaves_the_old_ones() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = std::sync::Arc::new(layanan_desa::app::ManualClock::new(NOW));
    let phone = TestPhone::new(dir.path()).clock(&clock);
    let app = phone.start();
    assert!(app.phone_code().is_none());
    assert_eq!(new_case(&app, "Siti Aminah"), "2026-0001");

    for bad in ["B1", "ABC", "?"] {
        match app.set_phone_code(bad) {
            Err(AppError::Form(errors)) => {
                assert_eq!(errors[0].field, "kode-hp");
                assert_eq!(
                    errors[0].message,
                    "Kode HP 1 atau 2 huruf saja, misalnya A atau B."
                );
            }
            other => panic!("{bad:?}: expected a refusal, got {other:?}"),
        }
    }
    assert!(app.phone_code().is_none(), "nothing kept after a refusal");

    let said = app.set_phone_code("b").expect("kept");
    assert_eq!(
        said,
        "Kode HP disimpan. Berkas baru berikutnya: 2026-B0001."
    );
    assert_eq!(new_case(&app, "Budi Santoso"), "2026-B0001");
    // The code is kept across a restart; the old number is unchanged.
    drop(app);
    let app = phone.start();
    assert_eq!(app.phone_code().as_str(), "B");
    assert_eq!(new_case(&app, "Dewi Lestari"), "2026-B0002");
    let numbers: Vec<String> = app
        .case_list(&CaseFilter::default(), None)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.number)
        .collect();
    assert!(numbers.contains(&"2026-0001".to_string()), "{numbers:?}");

    // The search finds a case by its number as people say it, code and all.
    assert_eq!(found(&app, "2026-B0001"), ["Budi Santoso"]);
    assert_eq!(found(&app, "2026-b1"), ["Budi Santoso"]);
    assert_eq!(found(&app, "2026-0001"), ["Siti Aminah"]);
    assert!(found(&app, "2026-0002").is_empty());

    // The Laporan reads the coded number too: a month later every case is overdue.
    phone.clock.set(NOW + 30 * 24 * 3600 * 1000);
    let period = layanan_desa::domain::report::Period {
        from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
    };
    let overdue: Vec<String> = app
        .report(period)
        .expect("report")
        .overdue
        .into_iter()
        .map(|o| o.number)
        .collect();
    assert!(overdue.contains(&"2026-B0001".to_string()), "{overdue:?}");
    assert!(overdue.contains(&"2026-0001".to_string()), "{overdue:?}");
    phone.clock.set(NOW);

    let said = app.set_phone_code("").expect("removed");
    assert_eq!(said, "Kode HP dihapus. Berkas baru berikutnya: 2026-0002.");
}

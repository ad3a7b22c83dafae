//! The case book on real SQLite files in a temp dir: migrations, the status machine (every legal
//! and illegal move), checklist snapshots, the timeline, paging and search, the daily backups,
//! damaged databases (moved aside, never deleted, restored from backup), and SIGKILL durability.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use layanan_desa::app::daily_copy::{daily_copies, daily_copy};
use layanan_desa::app::{open_case_book, CaseBook, CaseForm, ManualClock, DB_FILE};
use layanan_desa::app::{App, AppError};
use layanan_desa::domain::case::{
    check_transition, Channel, ItemState, Nik, NikError, Stage, Status, StatusKind, TransitionError,
};
use layanan_desa::domain::catalog::Outcome;
use layanan_desa::platform::recording::Recording;
use layanan_desa::store::{CaseFilter, EventKind, Store, StoreError};
use rusqlite::Connection;

/// 2026-11-28 09:00 WIB.
const T0: i64 = 1_795_831_200_000;
const MINUTE: i64 = 60_000;

fn app() -> App {
    App::builtin(Arc::new(Recording::default())).expect("built-in app")
}

fn book(dir: &Path, now: i64) -> CaseBook {
    let store = Store::open(&dir.join(DB_FILE)).expect("open store");
    CaseBook::new(store, Box::new(ManualClock::new(now)))
}

fn form(name: &str, service: &str) -> CaseForm {
    CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: service.into(),
        ..CaseForm::default()
    }
}

#[test]
fn migrations_run_from_empty_and_are_valid() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a.db");
    let store = Store::open(&path).expect("fresh database");
    assert_eq!(
        store.user_version().expect("version"),
        layanan_desa::store::schema_version() as i64
    );
    drop(store);
    // Opening again is a no-op, and the pragmas hold on every connection.
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.case_count().expect("count"), 0);
    let conn = Connection::open(&path).expect("raw");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    assert_eq!(
        tables,
        [
            "cases",
            "catalog_bundle",
            "catalog_overlay",
            "checklist_items",
            "drafts",
            "events",
            "holidays",
            "operations",
            "settings",
            "sync_peers",
            "templates"
        ]
    );
}

/// The schema this build writes (the number of migrations), never a number typed here.
fn latest() -> i64 {
    layanan_desa::store::schema_version() as i64
}

/// Every migration script, oldest first, as the releases shipped them.
const SCRIPTS: [&str; 12] = [
    include_str!("../src/store/migrations/001_case_book.sql"),
    include_str!("../src/store/migrations/002_office.sql"),
    include_str!("../src/store/migrations/003_catalog_updates.sql"),
    include_str!("../src/store/migrations/004_erasure.sql"),
    include_str!("../src/store/migrations/005_report_milestones.sql"),
    include_str!("../src/store/migrations/006_message_time.sql"),
    include_str!("../src/store/migrations/007_waits_on_the_row.sql"),
    include_str!("../src/store/migrations/008_salutation.sql"),
    include_str!("../src/store/migrations/009_phone_code.sql"),
    include_str!("../src/store/migrations/010_journal.sql"),
    include_str!("../src/store/migrations/011_sync_peers.sql"),
    include_str!("../src/store/migrations/012_two_phones.sql"),
];

/// The office's own catalog files of a book from before they were shared (schema 9 through
/// 11) reach its journal once, so they travel to the office's other phones; opening the book
/// again adds nothing.
#[test]
fn office_catalog_files_of_an_older_book_enter_the_journal_once() {
    for version in [9usize, 10, 11] {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = Connection::open(&path).expect("raw");
            for sql in &SCRIPTS[..version] {
                conn.execute_batch(sql).expect("old schema");
            }
            conn.execute_batch(&format!(
                "INSERT INTO catalog_overlay (name, text, updated_at) \
                 VALUES ('kantor.toml', '# layanan kantor', 1764300000000); \
                 PRAGMA user_version = {version};"
            ))
            .expect("an office file");
        }
        let services = |store: &Store| -> Vec<String> {
            store
                .operations_after(&Default::default())
                .expect("journal")
                .into_iter()
                .filter_map(|op| match op.change {
                    layanan_desa::store::Entry::Service { name, text, .. } => {
                        Some(format!("{name}: {}", text.unwrap_or_default()))
                    }
                    _ => None,
                })
                .collect()
        };
        let store = Store::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        assert_eq!(
            services(&store),
            ["kantor.toml: # layanan kantor"],
            "schema {version}"
        );
        drop(store);
        let store = Store::open(&path).expect("again");
        assert_eq!(services(&store).len(), 1, "schema {version}: once");
    }
}

/// A journal of schema 11 kept no `field` for status moves and item states: migration 12 names
/// them as `Entry::field` does, so a change made now finds the one it follows.
#[test]
fn older_changes_get_the_field_they_change() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v11.db");
    {
        let conn = Connection::open(&path).expect("raw");
        for sql in &SCRIPTS[..11] {
            conn.execute_batch(sql).expect("old schema");
        }
        conn.execute_batch(
            r#"INSERT INTO operations (id, phone, place, stamp, subject, field, body) VALUES
             ('p:1', 'p', 1, '0000000000000001', 'k1', NULL, '{"kind":"event","event":{"id":"e1","case_id":"k1","at":1,"actor":"a","kind":"status","status":"lengkap"}}'),
             ('p:2', 'p', 2, '0000000000000002', 'k1', NULL, '{"kind":"event","event":{"id":"e2","case_id":"k1","at":2,"actor":"a","kind":"item-received","position":3}}'),
             ('p:3', 'p', 3, '0000000000000003', 'k1', NULL, '{"kind":"event","event":{"id":"e3","case_id":"k1","at":3,"actor":"a","kind":"note","body":"x"}}'),
             ('p:4', 'p', 4, '0000000000000004', 'setting:desa', 'value', '{"kind":"setting","key":"desa","value":"Wonojati"}');
             PRAGMA user_version = 11;"#,
        )
        .expect("a journal of schema 11");
    }
    drop(Store::open(&path).expect("upgraded"));
    let conn = Connection::open(&path).expect("raw");
    let fields: Vec<Option<String>> = conn
        .prepare("SELECT field FROM operations ORDER BY place")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("fields");
    assert_eq!(
        fields,
        [
            Some("status".to_string()),
            Some("item:3".to_string()),
            None,
            Some("value".to_string())
        ]
    );
}

/// A book written by each earlier release (schema 1, 2, 3 … made by that release's own
/// scripts, with a case, its timeline and a Belum lengkap span) upgrades to the latest and
/// keeps the case whole, with its creation time as Pesan masuk and the span on the row.
#[test]
fn a_book_from_every_earlier_schema_upgrades_and_keeps_its_cases() {
    assert_eq!(
        SCRIPTS.len() as i64,
        latest(),
        "a new migration is listed here too"
    );
    for version in 1..latest() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = Connection::open(&path).expect("raw");
            for sql in &SCRIPTS[..version as usize] {
                conn.execute_batch(sql).expect("old schema");
            }
            conn.execute_batch(
                "INSERT INTO cases (id, year, seq, resident_name, phone, service_id, service_name, outcome, \
                 catalog_version, channel, received_at, status, updated_at) VALUES \
                 ('0190', 2026, 1, 'Siti Aminah', '6281234567890', 'kia', 'KIA', 'kartu', 1, 'whatsapp', \
                 1764300000000, 'lengkap', 1764400000000); \
                 INSERT INTO events (id, case_id, at, actor, kind) VALUES ('e1', '0190', 1764300000000, 'op', 'created'); \
                 INSERT INTO events (id, case_id, at, actor, kind, status, reason) \
                   VALUES ('e2', '0190', 1764310000000, 'op', 'status', 'belum-lengkap', 'KK'); \
                 INSERT INTO events (id, case_id, at, actor, kind, status) \
                   VALUES ('e3', '0190', 1764400000000, 'op', 'status', 'lengkap');",
            )
            .expect("old case");
            if version >= 6 {
                // Releases from schema 6 on write "Pesan masuk" with every case.
                conn.execute_batch("UPDATE cases SET message_at = received_at")
                    .expect("message time");
            }
            conn.pragma_update(None, "user_version", version)
                .expect("version");
        }
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        // A book from before the journal (schema 10) became the first phone of its office: its
        // journal makes the same tables. (Rows written here straight into a schema-10 book
        // bypass the journal, which the app never does.)
        if version < 10 {
            assert!(
                store.operation_count().expect("count") >= 3,
                "the case and its events are operations, from {version}"
            );
        }
        let before = store.canonical_dump().expect("dump");
        store.project_all().expect("projection");
        assert_eq!(
            store.canonical_dump().expect("dump"),
            before,
            "the journal makes the book it was written from, from {version}"
        );
        assert_eq!(
            store.user_version().expect("version"),
            latest(),
            "from {version}"
        );
        let detail = store.case("0190").expect("read").expect("kept");
        assert_eq!(detail.case.resident_name, "Siti Aminah", "from {version}");
        assert_eq!(
            detail.case.number.to_string(),
            "2026-0001",
            "old numbers stay, from {version}"
        );
        assert_eq!(
            detail.case.message_at_ms, 1_764_300_000_000,
            "from {version}"
        );
        assert_eq!(detail.events.len(), 3, "from {version}");
        assert_eq!(
            detail.case.salutation,
            layanan_desa::domain::case::Salutation::Either,
            "an older case says \"Bapak/Ibu\", from {version}"
        );
        assert_eq!(
            store.kept_status_facts("0190").expect("kept").incomplete,
            [(1_764_310_000_000, Some(1_764_400_000_000))],
            "from {version}"
        );
    }
}

#[test]
fn a_version_1_book_upgrades_and_keeps_its_cases() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("v1.db");
    {
        // The book as the previous release wrote it: schema 1 and one case.
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch(include_str!("../src/store/migrations/001_case_book.sql"))
            .expect("schema 1");
        conn.execute_batch(
            "INSERT INTO cases (id, year, seq, resident_name, phone, service_id, service_name, outcome, \
             catalog_version, channel, received_at, status, updated_at) VALUES \
             ('0190', 2026, 1, 'Siti Aminah', '6281234567890', 'kia', 'KIA', 'kartu', 1, 'whatsapp', \
             1764300000000, 'baru', 1764300000000); PRAGMA user_version = 1;",
        )
        .expect("old case");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.user_version().expect("version"), latest());
    let case = store.case("0190").expect("read").expect("kept").case;
    assert_eq!(case.resident_name, "Siti Aminah");
    assert!(!case.out_of_hours, "old cases are not marked out of hours");
    assert_eq!(store.setting("desa").expect("setting"), None);
}

#[test]
fn a_newer_schema_is_refused_not_migrated() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a.db");
    drop(Store::open(&path).expect("fresh"));
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump");
    match Store::open(&path) {
        Err(e @ StoreError::TooNew { found: 99, .. }) => {
            assert!(e.is_damaged_file() && e.to_string().contains("lebih baru"))
        }
        other => panic!("expected TooNew, got {:?}", other.err()),
    }
}

fn all_statuses() -> Vec<Status> {
    let mut all = vec![
        Status::New,
        Status::Incomplete {
            reason: "KK belum ada".into(),
        },
        Status::Complete,
        Status::Issued,
        Status::ReadyForPickup,
        Status::Done,
        Status::Cancelled {
            reason: "batal".into(),
        },
    ];
    all.extend(Stage::ALL.iter().map(|s| Status::InProcess(*s)));
    all
}

/// The expected answer for every pair, written out as the rule in words, not by calling the code.
fn legal(from: &Status, to: &Status, outcome: Outcome) -> bool {
    use StatusKind as K;
    let (f, t) = (from.kind(), to.kind());
    if matches!(f, K::Done | K::Cancelled) || from == to {
        return false;
    }
    match t {
        K::Cancelled => true,
        K::New => false,
        K::Incomplete => matches!(f, K::New | K::Incomplete | K::Complete | K::InProcess),
        K::Complete => matches!(f, K::New | K::Incomplete),
        K::InProcess => matches!(f, K::Complete | K::InProcess),
        // A digital document is issued; an IKD is activated on the spot (nothing issued or
        // collected); everything else is collected.
        K::Issued => f == K::InProcess && outcome == Outcome::DigitalDocument,
        K::ReadyForPickup => {
            f == K::InProcess
                && !matches!(outcome, Outcome::DigitalDocument | Outcome::DigitalIdentity)
        }
        K::Done => {
            matches!(f, K::Issued | K::ReadyForPickup)
                || (f == K::InProcess && outcome == Outcome::DigitalIdentity)
        }
    }
}

/// The step offered first on the case screen, by hand for each status: forward only, where
/// the service is processed, ready as the outcome says; nothing while papers are missing or
/// once the case is closed; and always a move the status machine allows.
#[test]
fn the_likely_next_step_moves_forward() {
    use layanan_desa::domain::case::likely_next;
    use layanan_desa::domain::catalog::Office;
    let incomplete = Status::Incomplete {
        reason: "KK belum ada".into(),
    };
    let cases: Vec<(Status, Outcome, Office, bool, Option<Status>)> = vec![
        (
            Status::New,
            Outcome::Card,
            Office::Dispendukcapil,
            false,
            None,
        ),
        (
            Status::New,
            Outcome::Card,
            Office::Dispendukcapil,
            true,
            Some(Status::Complete),
        ),
        (
            incomplete.clone(),
            Outcome::VillageLetter,
            Office::Village,
            true,
            Some(Status::Complete),
        ),
        (
            incomplete,
            Outcome::VillageLetter,
            Office::Village,
            false,
            None,
        ),
        (
            Status::Complete,
            Outcome::Card,
            Office::Dispendukcapil,
            true,
            Some(Status::InProcess(Stage::Dispendukcapil)),
        ),
        (
            Status::Complete,
            Outcome::VillageLetter,
            Office::Village,
            true,
            Some(Status::InProcess(Stage::Village)),
        ),
        (
            Status::Complete,
            Outcome::DigitalDocument,
            Office::JLahbako,
            true,
            Some(Status::InProcess(Stage::JLahbako)),
        ),
        (
            Status::Complete,
            Outcome::OtherOfficeLetter,
            Office::Kua,
            true,
            Some(Status::InProcess(Stage::OtherOffice)),
        ),
        (
            Status::InProcess(Stage::Village),
            Outcome::VillageLetter,
            Office::Village,
            true,
            Some(Status::ReadyForPickup),
        ),
        (
            Status::InProcess(Stage::JLahbako),
            Outcome::DigitalDocument,
            Office::JLahbako,
            true,
            Some(Status::Issued),
        ),
        (
            Status::InProcess(Stage::Dispendukcapil),
            Outcome::DigitalIdentity,
            Office::Dispendukcapil,
            true,
            Some(Status::Done),
        ),
        (
            Status::Issued,
            Outcome::DigitalDocument,
            Office::JLahbako,
            true,
            Some(Status::Done),
        ),
        (
            Status::ReadyForPickup,
            Outcome::Card,
            Office::Dispendukcapil,
            true,
            Some(Status::Done),
        ),
        (
            Status::Done,
            Outcome::Card,
            Office::Dispendukcapil,
            true,
            None,
        ),
        (
            Status::Cancelled {
                reason: "batal".into(),
            },
            Outcome::Card,
            Office::Village,
            true,
            None,
        ),
    ];
    for (from, outcome, office, complete, expected) in cases {
        let next = likely_next(&from, outcome, office, complete);
        assert_eq!(
            next, expected,
            "{from:?} {outcome:?} {office:?} complete={complete}"
        );
        if let Some(next) = next {
            assert!(
                check_transition(&from, &next, outcome).is_ok(),
                "{from:?} -> {next:?}"
            );
        }
    }
}

#[test]
fn status_machine_every_move() {
    let outcomes = [
        Outcome::Card,
        Outcome::DigitalDocument,
        Outcome::VillageLetter,
        Outcome::OtherOfficeLetter,
        Outcome::DigitalIdentity,
        Outcome::Legalized,
    ];
    let mut checked = 0;
    for outcome in outcomes {
        for from in all_statuses() {
            for to in all_statuses() {
                let got = check_transition(&from, &to, outcome);
                assert_eq!(
                    got.is_ok(),
                    legal(&from, &to, outcome),
                    "{from} -> {to} ({outcome:?}): {got:?}"
                );
                if let Err(e) = got {
                    assert!(e.to_string().ends_with('.'), "{e}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 6 * 12 * 12);
    // Reasons are required where they are sent to the resident.
    for to in [
        Status::Incomplete { reason: " ".into() },
        Status::Cancelled {
            reason: String::new(),
        },
    ] {
        assert_eq!(
            check_transition(&Status::New, &to, Outcome::Card),
            Err(TransitionError::ReasonRequired)
        );
    }
    assert!(matches!(
        check_transition(
            &Status::Done,
            &Status::Cancelled { reason: "x".into() },
            Outcome::Card
        ),
        Err(TransitionError::Closed(_))
    ));
}

#[test]
fn nik_is_checked_and_masked() {
    let nik = Nik::parse("3509 1201 0790 0001").expect("valid");
    assert_eq!(nik.masked(), "3509••••••••0001");
    let women = Nik::parse("3509124107900002").expect("women add 40 to the day");
    assert_eq!(women.digits(), "3509124107900002");
    for (raw, err) in [
        ("35091234567800", NikError::Length(14)),
        ("350912345678000A", NikError::NotDigits),
        ("0509123456780001", NikError::Province("05".into())),
        ("3509123213900001", NikError::BirthDate),
        ("3509121503900000", NikError::Serial),
    ] {
        assert_eq!(Nik::parse(raw), Err(err), "{raw}");
    }
}

#[test]
fn a_case_lives_its_whole_life_with_a_timeline() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let mut book = book(dir.path(), T0);
    let mut f = form("Siti Aminah", "akta-kelahiran");
    f.nik = "3509124107900002".into();
    f.notes = "Assalamualaikum, mau urus akte anak".into();
    let case = book
        .open_case(&f, &app.catalog(), "Bu Lilik", &app.office().hours)
        .expect("open");
    assert_eq!(case.number.to_string(), "2026-0001");
    assert_eq!(
        case.phone.as_ref().map(|n| n.digits()),
        Some("6281234567890")
    );
    assert_eq!(case.channel, Channel::WhatsApp);
    assert_eq!(case.status, Status::New);

    let detail = book.detail(&case.id).expect("detail");
    assert_eq!(detail.checklist.items.len(), 6);
    // Six requirements: four always, missing until received; two conditional, undecided
    // (neither missing nor complete) until the official says whether they apply.
    assert_eq!(detail.checklist.missing().len(), 4);
    assert_eq!(detail.checklist.undecided().len(), 2);
    for p in [0, 2, 3] {
        book.receive(&case.id, p, "Bu Lilik").expect("tick");
    }
    book.not_applicable(&case.id, 4, "ada surat bidan", "Bu Lilik")
        .expect("n/a");
    let labels = |detail: &layanan_desa::store::CaseDetail| -> Vec<String> {
        detail
            .checklist
            .missing()
            .iter()
            .map(|i| i.requirement.label.clone())
            .collect()
    };
    let detail = book.detail(&case.id).expect("detail");
    assert_eq!(
        labels(&detail),
        ["Buku nikah / kutipan akta perkawinan orang tua"]
    );
    assert!(!detail.checklist.suggests_complete(&detail.case.status));
    // An always-required item cannot be "said to apply"; it changes nothing.
    assert!(book.mark_needed(&case.id, 0, "Bu Lilik").is_err());
    book.mark_needed(&case.id, 5, "Bu Lilik").expect("perlu");
    let detail = book.detail(&case.id).expect("detail");
    assert_eq!(
        labels(&detail),
        [
            "Buku nikah / kutipan akta perkawinan orang tua",
            "SPTJM kebenaran pasangan suami istri"
        ]
    );
    assert!(detail
        .checklist
        .missing_list()
        .starts_with("1. Fotokopi buku nikah"));
    book.change_status(
        &case.id,
        &Status::Incomplete {
            reason: detail.checklist.missing_list(),
        },
        "Bu Lilik",
    )
    .expect("belum lengkap");
    book.log_message(&case.id, "belum-lengkap", "Mohon lengkapi ...", "Bu Lilik")
        .expect("log");
    book.receive(&case.id, 1, "Bu Lilik").expect("tick");
    book.not_applicable(&case.id, 5, "punya buku nikah", "Bu Lilik")
        .expect("n/a");
    let detail = book.detail(&case.id).expect("detail");
    assert!(detail.checklist.suggests_complete(&detail.case.status));
    for to in [
        Status::Complete,
        Status::InProcess(Stage::JLahbako),
        Status::InProcess(Stage::Dispendukcapil),
    ] {
        book.change_status(&case.id, &to, "Bu Lilik").expect("move");
    }
    let err = book
        .change_status(&case.id, &Status::ReadyForPickup, "Bu Lilik")
        .expect_err("akta is digital");
    assert!(err.to_string().contains("Dokumen terbit"), "{err}");
    book.change_status(&case.id, &Status::Issued, "Bu Lilik")
        .expect("terbit");
    book.change_status(&case.id, &Status::Done, "Bu Lilik")
        .expect("selesai");
    let err = book
        .change_status(
            &case.id,
            &Status::Cancelled { reason: "x".into() },
            "Bu Lilik",
        )
        .expect_err("closed");
    assert!(err.to_string().contains("tidak bisa diubah"));

    let detail = book.detail(&case.id).expect("detail");
    let kinds: Vec<String> = detail
        .events
        .iter()
        .map(|e| match &e.kind {
            EventKind::Created => "created".to_string(),
            EventKind::StatusChanged { status } => status.kind().key().to_string(),
            EventKind::ItemReceived { position } => format!("tick{position}"),
            EventKind::ItemNotApplicable { position, .. } => format!("na{position}"),
            EventKind::ItemReset { position } => format!("reset{position}"),
            EventKind::ItemNeeded { position } => format!("needed{position}"),
            EventKind::Note { .. } => "note".to_string(),
            EventKind::MessageSent { template, .. } => format!("msg:{template}"),
            EventKind::PersonalDataErased { .. } => "erased".to_string(),
            EventKind::MessageTimeSet { at_ms } => format!("message-time:{at_ms}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "created",
            "note",
            "tick0",
            "tick2",
            "tick3",
            "na4",
            "needed5",
            "belum-lengkap",
            "msg:belum-lengkap",
            "tick1",
            "na5",
            "lengkap",
            "diproses",
            "diproses",
            "dokumen-terbit",
            "selesai"
        ]
    );
    assert!(detail.events.iter().all(|e| e.actor == "Bu Lilik"));
    assert_eq!(
        detail.case.nik.as_ref().map(|n| n.digits()),
        Some("3509124107900002")
    );
}

#[test]
fn events_are_append_only_and_checklists_are_snapshots() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let mut book = book(dir.path(), T0);
    let case = book
        .open_case(
            &form("Agus", "kia"),
            &app.catalog(),
            "op",
            &app.office().hours,
        )
        .expect("open");
    drop(book);
    let conn = Connection::open(dir.path().join(DB_FILE)).expect("raw");
    assert!(conn.execute("UPDATE events SET actor = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM events", []).is_err());
    // A later catalog edit does not touch an open case: the checklist lives in the case.
    let book = book_reopen(dir.path());
    let detail = book.detail(&case.id).expect("detail");
    let labels: Vec<_> = detail
        .checklist
        .items
        .iter()
        .map(|i| i.requirement.label.as_str())
        .collect();
    let catalog = app.catalog();
    let catalog_labels: Vec<_> = catalog
        .service("kia")
        .expect("kia")
        .requirements
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels, catalog_labels);
    assert_eq!(detail.case.catalog_version, app.catalog().meta.version);
}

fn book_reopen(dir: &Path) -> CaseBook {
    book(dir, T0)
}

#[test]
fn bad_form_input_gets_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let mut book = book(dir.path(), T0);
    let cases: &[(CaseForm, &str)] = &[
        (form("  ", "kia"), "Nama warga wajib diisi"),
        (form("Agus", "tidak-ada"), "Pilih layanan"),
        (
            CaseForm {
                phone: "0331 487123".into(),
                ..form("Agus", "kia")
            },
            "telepon rumah",
        ),
        (
            CaseForm {
                nik: "12345".into(),
                ..form("Agus", "kia")
            },
            "16 angka",
        ),
        (
            CaseForm {
                phone: String::new(),
                channel: Some(Channel::WhatsApp),
                ..form("Agus", "kia")
            },
            "perlu nomor WhatsApp",
        ),
    ];
    for (f, msg) in cases {
        let err = book
            .open_case(f, &app.catalog(), "op", &app.office().hours)
            .expect_err("refused");
        assert!(err.to_string().contains(msg), "{err}");
    }
    assert_eq!(book.store.case_count().expect("count"), 0);
    let err = book
        .receive("tidak-ada", 0, "op")
        .expect_err("unknown case");
    assert!(
        matches!(err, AppError::Store(StoreError::NoSuchItem(1))),
        "{err:?}"
    );
}

#[test]
fn list_pages_by_activity_and_finds_by_name_number_and_phone() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let clock = Arc::new(ManualClock::new(T0));
    let store = Store::open(&dir.path().join(DB_FILE)).expect("open");
    struct Shared(Arc<ManualClock>);
    impl layanan_desa::app::Clock for Shared {
        fn now_ms(&self) -> i64 {
            self.0.now_ms()
        }
    }
    let mut book = CaseBook::new(store, Box::new(Shared(clock.clone())));
    let services = ["kia", "sktm", "akta-kelahiran"];
    let mut ids = Vec::new();
    for i in 0..120 {
        clock.advance(MINUTE);
        let mut f = form(&format!("Warga {i:03} Wonojati"), services[i % 3]);
        if i == 7 {
            f.resident_name = "Siti 100% Aminah_".into();
            f.phone = "0857-3000-1234".into();
        }
        ids.push(
            book.open_case(&f, &app.catalog(), "op", &app.office().hours)
                .expect("open")
                .id,
        );
    }
    // Activity on an old case moves it to the top.
    clock.advance(MINUTE);
    book.add_note(&ids[0], "warga menelepon", "op")
        .expect("note");

    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = book
            .store
            .list_cases(&CaseFilter::default(), cursor.as_ref(), 50)
            .expect("page");
        seen.extend(page.rows.iter().map(|r| r.id.clone()));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 120);
    assert_eq!(seen[0], ids[0]);
    assert_eq!(seen[1], ids[119]);

    let find = |f: CaseFilter| book.store.list_cases(&f, None, 50).expect("page").rows;
    assert_eq!(
        find(CaseFilter {
            service_id: Some("sktm".into()),
            ..Default::default()
        })
        .len(),
        40
    );
    assert_eq!(
        find(CaseFilter {
            status: Some(StatusKind::New),
            ..Default::default()
        })
        .len(),
        50
    );
    assert_eq!(
        find(CaseFilter {
            search: Some("warga 01".into()),
            ..Default::default()
        })
        .len(),
        10
    );
    assert_eq!(
        find(CaseFilter {
            search: Some("wonojati".into()),
            ..Default::default()
        })
        .len(),
        50
    );
    assert_eq!(
        find(CaseFilter {
            search: Some("2026-0008".into()),
            ..Default::default()
        })[0]
            .id,
        ids[7]
    );
    assert_eq!(
        find(CaseFilter {
            search: Some("0857 3000".into()),
            ..Default::default()
        })[0]
            .id,
        ids[7]
    );
    // `%` and `_` are literal characters, not wildcards.
    assert_eq!(
        find(CaseFilter {
            search: Some("100%".into()),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        find(CaseFilter {
            search: Some("%".into()),
            ..Default::default()
        })
        .len(),
        0
    );

    // "Berjalan", where Berkas opens: closed cases are left out, across every page, and the
    // other filters still hold with it.
    for id in [&ids[7], &ids[40]] {
        book.change_status(
            id,
            &Status::Cancelled {
                reason: "pindah".into(),
            },
            "op",
        )
        .expect("cancel");
    }
    let open_only = CaseFilter {
        open_only: true,
        ..Default::default()
    };
    let mut open = Vec::new();
    let mut cursor = None;
    loop {
        let page = book
            .store
            .list_cases(&open_only, cursor.as_ref(), 50)
            .expect("page");
        open.extend(page.rows.into_iter().map(|r| r.id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(open.len(), 118);
    assert!(!open.contains(&ids[7]) && !open.contains(&ids[40]));
    let find = |f: CaseFilter| book.store.list_cases(&f, None, 50).expect("page").rows;
    assert!(find(CaseFilter {
        search: Some("2026-0008".into()),
        ..open_only.clone()
    })
    .is_empty());
    assert_eq!(
        find(CaseFilter {
            search: Some("2026-0008".into()),
            ..Default::default()
        })
        .len(),
        1,
        "\"Semua\" still finds it"
    );
}

#[test]
fn daily_backups_keep_seven_and_never_a_partial_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let clock = ManualClock::new(T0);
    let opened = open_case_book(dir.path(), &clock).expect("open");
    assert!(opened.notice.is_none());
    let mut book = CaseBook::new(opened.store, Box::new(ManualClock::new(T0)));
    book.open_case(
        &form("Agus", "kia"),
        &app.catalog(),
        "op",
        &app.office().hours,
    )
    .expect("open");
    for day in 0..10 {
        clock.set(T0 + day * 86_400_000);
        let made = daily_copy(book.store.path(), dir.path(), &clock).expect("backup");
        assert!(made.is_some(), "day {day}");
        assert!(
            daily_copy(book.store.path(), dir.path(), &clock)
                .expect("again")
                .is_none(),
            "one a day"
        );
    }
    let kept = daily_copies(dir.path()).expect("list");
    assert_eq!(kept.len(), 7);
    assert!(
        kept[0].to_string_lossy().ends_with("otomatis-20261201.db"),
        "{kept:?}"
    );
    let restored = Store::open(&kept[6]).expect("a backup is a working database");
    assert_eq!(restored.case_count().expect("count"), 1);
}

/// Damages the database in a way, then opens the case book: the file is moved aside (never
/// deleted), the official is told, and the newest usable backup is restored.
fn damaged_case(damage: impl Fn(&Path), with_backup: bool) -> (Option<String>, u64, Vec<String>) {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let clock = ManualClock::new(T0);
    let opened = open_case_book(dir.path(), &clock).expect("open");
    let mut book = CaseBook::new(opened.store, Box::new(ManualClock::new(T0)));
    for i in 0..30 {
        book.open_case(
            &form(&format!("Warga {i}"), "sktm"),
            &app.catalog(),
            "op",
            &app.office().hours,
        )
        .expect("open");
    }
    if with_backup {
        daily_copy(book.store.path(), dir.path(), &clock).expect("backup");
    }
    book.open_case(
        &form("Sesudah cadangan", "sktm"),
        &app.catalog(),
        "op",
        &app.office().hours,
    )
    .expect("open");
    drop(book);
    let db = dir.path().join(DB_FILE);
    damage(&db);
    let before = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    clock.set(T0 + 3_600_000);
    let opened = open_case_book(dir.path(), &clock).expect("the app still starts");
    let count = opened.store.case_count().expect("count");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains(".rusak-"))
        .collect();
    names.sort();
    // The damaged bytes are still there, under the new name.
    let aside = dir.path().join(
        names
            .iter()
            .find(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .expect("aside file"),
    );
    assert_eq!(
        std::fs::metadata(aside).map(|m| m.len()).unwrap_or(0),
        before
    );
    (opened.notice, count, names)
}

fn checkpointed(db: &Path) {
    let conn = Connection::open(db).expect("raw");
    conn.pragma_update(None, "journal_mode", "DELETE")
        .expect("leave WAL");
}

#[test]
fn damaged_databases_are_moved_aside_and_restored_from_backup() {
    let truncate = |db: &Path| {
        checkpointed(db);
        let len = std::fs::metadata(db).expect("meta").len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(db)
            .expect("open");
        f.set_len(len / 2).expect("truncate");
    };
    let garbage = |db: &Path| {
        checkpointed(db);
        let mut bytes = std::fs::read(db).expect("read");
        for (i, b) in bytes.iter_mut().enumerate().take(4096) {
            *b = (i * 7 + 13) as u8;
        }
        std::fs::write(db, bytes).expect("write");
    };
    let newer = |db: &Path| {
        Connection::open(db)
            .and_then(|c| c.pragma_update(None, "user_version", 99))
            .expect("bump");
    };
    for (name, damage) in [
        ("truncated", &truncate as &dyn Fn(&Path)),
        ("garbage", &garbage),
        ("newer schema", &newer),
    ] {
        let (notice, count, aside) = damaged_case(damage, true);
        let notice = notice.unwrap_or_else(|| panic!("{name}: the official must be told"));
        assert!(
            notice.contains("tidak dihapus") && notice.contains("otomatis-20261128.db"),
            "{name}: {notice}"
        );
        assert_eq!(count, 30, "{name}: the backup's 30 cases are back");
        assert!(
            aside[0].starts_with("layanan-desa.db.rusak-20261128-"),
            "{name}: {aside:?}"
        );

        let (notice, count, _) = damaged_case(damage, false);
        assert!(notice.expect("told").contains("mulai kosong"), "{name}");
        assert_eq!(count, 0);
    }
}

#[test]
fn garbage_in_place_of_a_database_never_crashes() {
    for bytes in [
        b"".to_vec(),
        b"hello".to_vec(),
        vec![0u8; 100],
        vec![0xFFu8; 8192],
        b"SQLite format 3\0garbage".to_vec(),
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join(DB_FILE), &bytes).expect("write");
        let opened = open_case_book(dir.path(), &ManualClock::new(T0)).expect("starts");
        assert_eq!(opened.store.case_count().expect("count"), 0);
    }
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("kill.db");
    let mut acknowledged: Vec<String> = Vec::new();
    let mut notes: Vec<(String, String)> = Vec::new();
    // Deterministic "random" kill moments between 30 and 400 ms.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(30 + seed % 370);
        let mut child = Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
            .args(["dev", "write-loop", "--db"])
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(l).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
        });
        // Start the clock at the first committed write, so every kill lands mid-writing.
        let mut lines = vec![rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the writer starts writing")];
        let started = Instant::now();
        while started.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        reader.join().expect("reader");
        lines.extend(rx.try_iter());
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("case"), Some(id), None) => acknowledged.push(id.to_string()),
                (Some("note"), Some(id), Some(text)) => {
                    notes.push((id.to_string(), text.to_string()))
                }
                _ => panic!("round {round}: unexpected line {line:?}"),
            }
        }
    }
    assert!(
        acknowledged.len() > 20,
        "the writer should have committed cases, got {}",
        acknowledged.len()
    );
    let conn = Connection::open(&db).expect("raw");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    drop(conn);
    let store = Store::open(&db).expect("reopen");
    let mut lost = Vec::new();
    for id in &acknowledged {
        if store.case(id).expect("read").is_none() {
            lost.push(id.clone());
        }
    }
    for (id, text) in &notes {
        let detail = store.case(id).expect("read").expect("case of a note");
        if !detail
            .events
            .iter()
            .any(|e| e.kind == EventKind::Note { text: text.clone() })
        {
            lost.push(format!("{id}: {text}"));
        }
        assert!(matches!(
            detail.checklist.items[0].state,
            ItemState::Received { .. }
        ));
    }
    assert!(lost.is_empty(), "lost acknowledged writes: {lost:?}");
    eprintln!(
        "kill test: {} cases and {} notes acknowledged over 20 kills, 0 lost",
        acknowledged.len(),
        notes.len()
    );
}

#[test]
fn seeded_books_look_like_years_of_work() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let mut store = Store::open(&dir.path().join("seed.db")).expect("open");
    layanan_desa::app::seed::seed(&mut store, &app.catalog(), 300, T0, 7).expect("seed");
    assert_eq!(store.case_count().expect("count"), 300);
    let conn = Connection::open(dir.path().join("seed.db")).expect("raw");
    let events: i64 = conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .expect("events");
    assert!(
        (300 * 5..=300 * 16).contains(&events),
        "{events} events for 300 cases"
    );
    let (first, last): (i64, i64) = conn
        .query_row(
            "SELECT MIN(received_at), MAX(received_at) FROM cases",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("span");
    assert!(
        last - first > 4 * 365 * 86_400_000,
        "spread over about five years"
    );
    let services: i64 = conn
        .query_row("SELECT COUNT(DISTINCT service_id) FROM cases", [], |r| {
            r.get(0)
        })
        .expect("services");
    assert!(services >= 20, "{services} services");
    let done: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM cases WHERE status = 'selesai'",
            [],
            |r| r.get(0),
        )
        .expect("done");
    assert!(done > 200, "most old cases are finished: {done}");
    // Every stored row reads back through the typed store.
    let mut cursor = None;
    let mut seen = 0;
    loop {
        let page = store
            .list_cases(&CaseFilter::default(), cursor.as_ref(), 100)
            .expect("page");
        for row in &page.rows {
            store.case(&row.id).expect("detail").expect("exists");
        }
        seen += page.rows.len();
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, 300);
}

/// `(case id, [first reply, ready, done, cancelled])` for every case, by id, as `sql` reads them.
fn milestones(db: &Path, sql: &str) -> Vec<(String, [Option<i64>; 4])> {
    let conn = Connection::open(db).expect("raw");
    let mut stmt = conn.prepare(sql).expect("sql");
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
        })
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows
}

/// Straight from the timeline: what the report computed before the milestones were kept on the
/// case row.
fn milestones_from_events(db: &Path) -> Vec<(String, [Option<i64>; 4])> {
    milestones(
        db,
        "SELECT c.id, \
           (SELECT MIN(at) FROM events e WHERE e.case_id = c.id AND e.kind = 'message'), \
           (SELECT MIN(at) FROM events e WHERE e.case_id = c.id AND e.kind = 'status' \
              AND e.status IN ('dokumen-terbit', 'siap-diambil')), \
           (SELECT MIN(at) FROM events e WHERE e.case_id = c.id AND e.kind = 'status' AND e.status = 'selesai'), \
           (SELECT MIN(at) FROM events e WHERE e.case_id = c.id AND e.kind = 'status' AND e.status = 'dibatalkan') \
         FROM cases c ORDER BY c.id",
    )
}

fn milestones_kept(db: &Path) -> Vec<(String, [Option<i64>; 4])> {
    milestones(
        db,
        "SELECT id, first_reply_at, ready_at, done_at, cancelled_at FROM cases ORDER BY id",
    )
}

#[test]
fn report_milestones_on_the_case_row_match_the_timeline_kept_and_upgraded() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join(DB_FILE);
    let app = app();
    {
        let mut store = Store::open(&db).expect("open");
        layanan_desa::app::seed::seed(&mut store, &app.catalog(), 400, T0, 7).expect("seed");
        // A late-filed event older than the first: the earliest still wins.
        let mut book = CaseBook::new(store, Box::new(ManualClock::new(T0 - 400 * 86_400_000)));
        let done = book
            .store
            .list_cases(
                &CaseFilter {
                    status: Some(StatusKind::Done),
                    ..CaseFilter::default()
                },
                None,
                1,
            )
            .expect("list")
            .rows
            .pop()
            .expect("a closed case");
        book.log_message(&done.id, "persyaratan", "teks", "op")
            .expect("log");
    }
    let from_events = milestones_from_events(&db);
    let seen = |i: usize| from_events.iter().filter(|(_, m)| m[i].is_some()).count();
    assert!(
        seen(0) > 100 && seen(1) > 100 && seen(2) > 100 && seen(3) > 0,
        "the seeded book has every kind of milestone"
    );
    // Kept by the trigger as events were written.
    assert_eq!(milestones_kept(&db), from_events);
    assert!(
        status_facts_kept_match_the_timeline(&db, "as seeded") > 20,
        "the seeded book has spans in Belum lengkap"
    );

    // A book from before the milestones (schema 4) gets them filled in by the upgrade.
    {
        let conn = Connection::open(&db).expect("raw");
        // Schema 4's case table: schema 1's columns and the out-of-hours mark, the number
        // unique per year (010 made it per year and phone code: built again, as SQLite asks).
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; \
             DROP TRIGGER events_keep_milestones; DROP TRIGGER events_keep_waits; \
             DROP TABLE operations; DROP TABLE sync_peers; DELETE FROM settings WHERE key = 'id_hp'; \
             CREATE TABLE cases4 (id TEXT PRIMARY KEY, year INTEGER NOT NULL, seq INTEGER NOT NULL, \
               resident_name TEXT NOT NULL, phone TEXT, nik TEXT, dusun TEXT, rt TEXT, rw TEXT, \
               service_id TEXT NOT NULL, service_name TEXT NOT NULL, outcome TEXT NOT NULL, \
               catalog_version INTEGER NOT NULL, channel TEXT NOT NULL, received_at INTEGER NOT NULL, \
               handler TEXT, status TEXT NOT NULL, stage TEXT, status_reason TEXT, \
               updated_at INTEGER NOT NULL, out_of_hours INTEGER NOT NULL DEFAULT 0, UNIQUE (year, seq)); \
             INSERT INTO cases4 SELECT id, year, seq, resident_name, phone, nik, dusun, rt, rw, \
               service_id, service_name, outcome, catalog_version, channel, received_at, handler, \
               status, stage, status_reason, updated_at, out_of_hours FROM cases; \
             DROP TABLE cases; ALTER TABLE cases4 RENAME TO cases; \
             CREATE INDEX cases_by_activity ON cases (updated_at DESC, id DESC); \
             CREATE INDEX cases_by_status ON cases (status, updated_at DESC, id DESC); \
             CREATE INDEX cases_by_service ON cases (service_id, updated_at DESC, id DESC); \
             CREATE INDEX cases_by_name ON cases (resident_name COLLATE NOCASE); \
             CREATE INDEX cases_by_received ON cases (received_at); \
             PRAGMA user_version = 4;",
        )
        .expect("back to schema 4");
    }
    let store = Store::open(&db).expect("upgrade");
    assert_eq!(store.user_version().expect("version"), latest());
    drop(store);
    assert_eq!(milestones_kept(&db), from_events);
    status_facts_kept_match_the_timeline(&db, "after the upgrade from schema 4");
}

/// Issue 19: the spans in Belum lengkap and the first Diproses outside the village kept on
/// the case row by `events_keep_waits` equal what the domain derives from the timeline, for
/// every case of the file.
fn status_facts_kept_match_the_timeline(db: &Path, when: &str) -> usize {
    let store = Store::open(db).expect("open");
    let conn = Connection::open(db).expect("raw");
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM cases ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("ids");
    let mut with_spans = 0;
    for id in &ids {
        let derived =
            layanan_desa::domain::report::status_facts(&store.status_steps(id).expect("steps"));
        let kept = store.kept_status_facts(id).expect("kept");
        assert_eq!(kept, derived, "case {id}, {when}");
        with_spans += usize::from(!kept.incomplete.is_empty());
    }
    with_spans
}

/// Belum lengkap twice, forwarding, a late-filed status change older than the others: the row
/// keeps what the timeline says, at every step.
#[test]
fn spans_in_belum_lengkap_and_forwarding_are_kept_on_the_case_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join(DB_FILE);
    let clock = Arc::new(ManualClock::new(T0));
    let mut book = CaseBook::new(Store::open(&db).expect("open"), Box::new(clock.clone()));
    let app = app();
    let case = book
        .open_case(
            &form("Siti", "ktp-baru"),
            &app.catalog(),
            "op",
            &app.office().hours,
        )
        .expect("open");
    let missing = |what: &str| Status::Incomplete {
        reason: what.into(),
    };
    // Belum lengkap twice in a row is one span.
    let steps = [
        missing("KK"),
        missing("KK dan akta"),
        Status::Complete,
        Status::InProcess(Stage::Village),
        Status::InProcess(Stage::Kecamatan),
        missing("Surat pengantar"),
    ];
    for (i, status) in steps.iter().enumerate() {
        clock.set(T0 + (i as i64 + 1) * 3_600_000);
        book.change_status(&case.id, status, "op").expect("step");
        let kept = book.store.kept_status_facts(&case.id).expect("kept");
        let derived = layanan_desa::domain::report::status_facts(
            &book.store.status_steps(&case.id).expect("steps"),
        );
        assert_eq!(kept, derived, "after step {i}");
    }
    let h = |n: i64| T0 + n * 3_600_000;
    assert_eq!(
        book.store.kept_status_facts(&case.id).expect("kept"),
        layanan_desa::domain::report::StatusFacts {
            incomplete: vec![(h(1), Some(h(3))), (h(6), None)],
            left_village_ms: Some(h(5)),
        }
    );
    // A status change filed late, older than all the others, still lands in order.
    clock.set(T0 + 1_800_000);
    book.change_status(&case.id, &Status::Complete, "op")
        .expect("late");
    assert_eq!(
        book.store
            .kept_status_facts(&case.id)
            .expect("kept")
            .incomplete,
        vec![(h(1), Some(h(3))), (h(6), None)]
    );
    drop(book);
    status_facts_kept_match_the_timeline(&db, "after the steps");
}

/// The case book of `dir` with `n` cases opened at `now`, as an app.
fn app_with_cases(dir: &Path, now: i64, n: usize, name: &str) -> App {
    let catalog_app = app();
    let mut book = book(dir, now);
    for i in 0..n {
        book.open_case(
            &form(&format!("{name} {i}"), "sktm"),
            &catalog_app.catalog(),
            "op",
            &catalog_app.office().hours,
        )
        .expect("open");
    }
    app().with_case_book(book, None).expect("app")
}

#[test]
fn the_daily_care_checks_every_page_off_the_start_path_and_never_copies_damage() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join(DB_FILE);
    let app = app_with_cases(dir.path(), T0, 30, "Warga");
    assert!(!app.daily_care().expect("care"), "nothing to tell");
    let kept = daily_copies(dir.path()).expect("list");
    assert_eq!(kept.len(), 1, "today's copy taken");
    assert_eq!(
        Store::open(&kept[0])
            .expect("copy")
            .case_count()
            .expect("n"),
        30
    );
    assert!(!app.daily_care().expect("again"));
    assert_eq!(daily_copies(dir.path()).expect("list").len(), 1);
    drop(app);
    drop(app_with_cases(dir.path(), T0 + MINUTE, 20, "Sesudah"));

    // A page of the timeline goes bad (a worn flash cell, a cut power line).
    break_root_page(&db, "events");
    // Opening looks only at the structure (fast at start), so the damage is not seen yet ...
    let store = Store::open(&db).expect("opens");
    assert!(Store::check_file(&db).is_err_and(|e| e.is_damaged_file()));
    drop(store);

    // ... the next day's care finds it, says so, and takes no copy of it.
    let next_day = T0 + 24 * 60 * MINUTE;
    let app = app_with_cases(dir.path(), next_day, 0, "");
    assert!(app.daily_care().expect("care"), "the official is told");
    let notice = app.startup_notice().expect("notice");
    assert!(
        notice.contains("kerusakan") && notice.contains("tutup dan buka lagi"),
        "{notice}"
    );
    assert_eq!(
        daily_copies(dir.path()).expect("list").len(),
        1,
        "no copy of a damaged file"
    );
    assert!(dir.path().join(layanan_desa::app::DAMAGE_MARK).exists());
    assert!(
        !app.daily_care().expect("again"),
        "told once, not every half hour"
    );
    drop(app);

    // The next start moves the file aside and restores the last good copy.
    let opened = open_case_book(dir.path(), &ManualClock::new(next_day + MINUTE)).expect("start");
    let notice = opened.notice.expect("told");
    assert!(
        notice.contains("tidak dihapus") && notice.contains("otomatis-20261128.db"),
        "{notice}"
    );
    assert_eq!(opened.store.case_count().expect("count"), 30);
    assert!(!dir.path().join(layanan_desa::app::DAMAGE_MARK).exists());
    let aside = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".rusak-"))
        .count();
    assert!(aside >= 1, "the damaged file is kept aside");
}

/// Overwrites the first page of a table's or index's b-tree with 0xFF (the rest intact).
fn break_root_page(db: &Path, table: &str) {
    checkpointed(db);
    let (root, page): (i64, i64) = {
        let conn = Connection::open(db).expect("raw");
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .expect("root page");
        let page = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .expect("page size");
        (root, page)
    };
    let mut bytes = std::fs::read(db).expect("read");
    let start = ((root - 1) * page) as usize;
    bytes[start..start + page as usize].fill(0xFF);
    std::fs::write(db, bytes).expect("write");
}

#[test]
fn damage_met_while_starting_is_dealt_with_like_damage_at_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join(DB_FILE);
    let app = app_with_cases(dir.path(), T0, 12, "Warga");
    app.daily_care().expect("care");
    drop(app);
    // The settings' key index, read by every start after the file opened.
    break_root_page(&db, "sqlite_autoindex_settings_1");
    let platform = Recording::default().with_data_dir(dir.path().to_path_buf());
    let app = App::start(Arc::new(platform)).expect("the app still starts");
    let notice = app.startup_notice().expect("told");
    assert!(
        notice.contains("tidak dihapus") && notice.contains("otomatis-20261128.db"),
        "{notice}"
    );
    assert_eq!(app.home().expect("home").open_count, 12);
    assert!(!dir.path().join(layanan_desa::app::DAMAGE_MARK).exists());
}

/// Recovery after damage is a restore too: the newest automatic copy arrives as rows in a
/// fresh database, so anything else the copy file held (here a table and a trigger added to
/// it behind the app's back) stays behind; the copy itself is left as it was.
#[test]
fn recovery_from_an_automatic_copy_brings_rows_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = app();
    let clock = ManualClock::new(T0);
    let opened = open_case_book(dir.path(), &clock).expect("open");
    let mut book = CaseBook::new(opened.store, Box::new(ManualClock::new(T0)));
    book.open_case(
        &form("Warga", "sktm"),
        &app.catalog(),
        "op",
        &app.office().hours,
    )
    .expect("open");
    let copy = daily_copy(book.store.path(), dir.path(), &clock)
        .expect("backup")
        .expect("made");
    drop(book);
    Connection::open(&copy)
        .and_then(|c| {
            c.execute_batch(
                "CREATE TABLE versteckt (x TEXT);
                 CREATE TRIGGER salin AFTER UPDATE ON cases BEGIN
                   INSERT INTO versteckt VALUES (old.resident_name);
                 END;
                 PRAGMA journal_mode = DELETE;",
            )
        })
        .expect("plant");
    let planted = std::fs::read(&copy).expect("copy");
    let db = dir.path().join(DB_FILE);
    Connection::open(&db)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("damage");
    let opened = open_case_book(dir.path(), &clock).expect("recovered");
    assert_eq!(opened.store.case_count().expect("count"), 1);
    drop(opened);
    let names: Vec<String> = Connection::open(&db)
        .expect("raw")
        .prepare("SELECT name FROM sqlite_schema")
        .expect("schema")
        .query_map([], |r| r.get(0))
        .expect("q")
        .collect::<Result<_, _>>()
        .expect("names");
    assert!(
        !names.iter().any(|n| n == "versteckt" || n == "salin"),
        "{names:?}"
    );
    assert_eq!(
        std::fs::read(&copy).expect("copy"),
        planted,
        "the copy is untouched"
    );
}

/// Issue 19: a book written by the release before "Pesan masuk" (schema 5, made here by that
/// release's own migration scripts) upgrades keeping every case, each with its creation time as
/// "Pesan masuk" (nothing else is known, so nothing is guessed) and its out-of-hours mark.
#[test]
fn a_schema_5_book_upgrades_and_old_cases_get_their_creation_time_as_pesan_masuk() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join(DB_FILE);
    let created = |i: i64| T0 - i * 86_400_000 - i * 3_600_000;
    {
        let conn = Connection::open(&path).expect("raw");
        for sql in [
            include_str!("../src/store/migrations/001_case_book.sql"),
            include_str!("../src/store/migrations/002_office.sql"),
            include_str!("../src/store/migrations/003_catalog_updates.sql"),
            include_str!("../src/store/migrations/004_erasure.sql"),
            include_str!("../src/store/migrations/005_report_milestones.sql"),
        ] {
            conn.execute_batch(sql).expect("old schema");
        }
        for i in 0..40_i64 {
            conn.execute(
                "INSERT INTO cases (id, year, seq, resident_name, service_id, service_name, outcome, \
                 catalog_version, channel, received_at, status, updated_at, out_of_hours) VALUES \
                 (?1, 2026, ?2, ?3, 'sktm', 'SKTM', 'surat-desa', 1, 'whatsapp', ?4, 'baru', ?4, ?5)",
                rusqlite::params![format!("c{i:02}"), i + 1, format!("Warga {i}"), created(i), i % 3 == 0],
            )
            .expect("case");
            conn.execute(
                "INSERT INTO events (id, case_id, at, actor, kind) VALUES (?1, ?2, ?3, 'op', 'created')",
                rusqlite::params![format!("e{i:02}"), format!("c{i:02}"), created(i)],
            )
            .expect("event");
        }
        conn.pragma_update(None, "user_version", 5)
            .expect("version 5");
    }
    let store = Store::open(&path).expect("upgrade");
    assert_eq!(store.user_version().expect("version"), latest());
    for i in 0..40_i64 {
        let case = store
            .case(&format!("c{i:02}"))
            .expect("read")
            .unwrap_or_else(|| panic!("case {i} kept"))
            .case;
        assert_eq!(case.resident_name, format!("Warga {i}"));
        assert_eq!(case.received_at_ms, created(i));
        assert_eq!(
            case.message_at_ms,
            created(i),
            "Pesan masuk = creation time"
        );
        assert_eq!(case.out_of_hours, i % 3 == 0, "the mark is kept");
    }
    // The report reads them by that time.
    let facts = store.report_facts(created(39), T0 + 1).expect("facts");
    assert_eq!(facts.len(), 40);
}

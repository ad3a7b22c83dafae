//! The journal on real SQLite files (issue 22): every shared change is an operation and the
//! tables are their projection; phones that exchange operations in any order, duplicated and
//! in parts, end with the same book and the same Laporan, equal to a phone that received
//! everything at once; concurrent edits of one case settle on the later stamp on every phone;
//! an erasure travels and leaves the name in no table and no operation; a set holding one bad
//! operation is refused whole; a phone a year ahead is refused and named, one two days
//! behind still syncs, and started again it stamps after the newest change it holds.

mod common;

use std::sync::Arc;

use common::TestPhone;
use layanan_desa::app::{App, CaseForm, ManualClock};
use layanan_desa::domain::report::Period;
use layanan_desa::store::{Entry, Operation, Store};
use rusqlite::Connection;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const DAY: i64 = 24 * 3600 * 1000;

struct Phone {
    _dir: tempfile::TempDir,
    phone: TestPhone,
    clock: Arc<ManualClock>,
    app: App,
}

fn phone(code: &str, now: i64) -> Phone {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(now));
    let phone = TestPhone::new(dir.path()).clock(&clock);
    let app = phone.start();
    app.set_phone_code(code).expect("code");
    Phone {
        _dir: dir,
        phone,
        clock,
        app,
    }
}

fn new_case(app: &App, name: &str, service: &str) -> String {
    let form = CaseForm {
        resident_name: name.into(),
        phone: "0812 3456 7890".into(),
        service_id: service.into(),
        notes: format!("Catatan untuk {name}"),
        ..CaseForm::default()
    };
    app.create_case(&form).expect("case")
}

/// A few steps on a case: an item, a status move forward, a note.
fn work_on(app: &App, id: &str, note: &str) {
    app.set_item(id, 0, true).expect("item");
    let forward = app
        .case_view(id)
        .expect("view")
        .actions
        .into_iter()
        .find(|a| !a.backward && !a.needs_reason);
    if let Some(action) = forward {
        app.apply_action(id, &action.key, None).expect("status");
    }
    app.add_case_note(id, note).expect("note");
}

/// A small shuffle, the same for the same seed.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..out.len()).rev() {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (s >> 33) as usize % (i + 1);
        out.swap(i, j);
    }
    out
}

/// Everything `from` has that `to` lacks, delivered in a shuffled order, partly twice, in two
/// files whose later one arrives first.
fn exchange(from: &Phone, to: &Phone, seed: u64) {
    let ops = from
        .app
        .sync_operations_after(&to.app.sync_have().expect("have"))
        .expect("ops");
    let mut ops = shuffled(&ops, seed);
    let again: Vec<Operation> = ops.iter().step_by(3).cloned().collect();
    ops.extend(again);
    let half = ops.len() / 2;
    let (first, second) = ops.split_at(half);
    to.app
        .apply_sync_operations(second.to_vec())
        .expect("second part");
    to.app
        .apply_sync_operations(first.to_vec())
        .expect("first part");
}

fn report(app: &App) -> Vec<u8> {
    let year = Period::parse("2026-01-01", "2026-12-31").expect("year");
    let (summary, cases) = app.report_csv_bytes(year).expect("report");
    [summary, cases].concat()
}

#[test]
fn every_shared_change_is_an_operation_and_the_tables_are_their_projection() {
    let a = phone("A", NOW);
    let siti = new_case(&a.app, "Siti Aminah", "sktm");
    let budi = new_case(&a.app, "Budi Santoso", "kia");
    work_on(&a.app, &siti, "KK asli sudah dilihat");
    a.app
        .set_item_not_applicable(&budi, 1, "tidak punya")
        .expect("set aside");
    a.app.set_salutation(&budi, "bapak").expect("salutation");
    a.app
        .add_holiday("2026-12-25", "Hari Raya Natal")
        .expect("holiday");
    a.app
        .add_template("Libur", "Kantor libur, {sapaan}.")
        .expect("template");
    let ops = a
        .app
        .sync_operations_after(&Default::default())
        .expect("all");
    let count = |what: fn(&Entry) -> bool| ops.iter().filter(|op| what(&op.change)).count();
    assert_eq!(count(|e| matches!(e, Entry::Opened { .. })), 2);
    assert!(count(|e| matches!(e, Entry::Event { .. })) >= 4);
    assert_eq!(count(|e| matches!(e, Entry::Salutation { .. })), 1);
    assert_eq!(count(|e| matches!(e, Entry::Holiday { .. })), 1);
    assert_eq!(count(|e| matches!(e, Entry::Template { .. })), 1);
    // This phone's own things never become operations.
    let before = ops.len();
    a.app.set_text_scale(130).expect("text size");
    a.app.set_phone_code("B").expect("code");
    assert_eq!(
        a.app
            .sync_operations_after(&Default::default())
            .expect("all")
            .len(),
        before,
        "text size and phone code stay on the phone"
    );
    assert!(ops.iter().all(|op| match &op.change {
        Entry::Setting { key, .. } => !key.contains("kode") && !key.contains("ukuran"),
        _ => true,
    }));

    // The tables made again from the journal are the tables.
    let dump = a.app.canonical_dump().expect("dump");
    let mut raw = Store::open(&a.phone.db()).expect("second connection");
    raw.project_all().expect("projection");
    assert_eq!(a.app.canonical_dump().expect("dump"), dump);
}

#[test]
fn phones_that_saw_the_same_operations_show_the_same_book_and_laporan() {
    let a = phone("A", NOW);
    let b = phone("B", NOW + 60_000);
    let mut a_cases = Vec::new();
    for (i, name) in ["Siti", "Budi", "Wati", "Joko"].iter().enumerate() {
        let id = new_case(&a.app, name, if i % 2 == 0 { "sktm" } else { "kia" });
        if i % 2 == 0 {
            work_on(&a.app, &id, "dicek");
        }
        a_cases.push(id);
        a.clock.advance(60_000);
    }
    for name in ["Ani", "Dedi", "Rina"] {
        let id = new_case(&b.app, name, "sktm");
        work_on(&b.app, &id, "lanjut");
        b.clock.advance(60_000);
    }
    exchange(&a, &b, 1);
    exchange(&b, &a, 2);
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
    assert_eq!(
        a.app.case_view(&a_cases[0]).expect("on b too").number,
        "2026-A0001"
    );
    assert!(b.app.case_view(&a_cases[0]).is_ok());

    // Both phones change the same case without seeing each other: the later stamp wins on
    // both, and every note stays in the timeline.
    let shared = &a_cases[1];
    a.app.set_item(shared, 0, true).expect("a ticks");
    a.app.add_case_note(shared, "dari HP A").expect("a note");
    b.clock.advance(5 * 60_000);
    b.app
        .set_item_not_applicable(shared, 0, "sudah ada di desa")
        .expect("b sets aside");
    b.app.add_case_note(shared, "dari HP B").expect("b note");
    exchange(&a, &b, 3);
    exchange(&b, &a, 4);
    let dump = a.app.canonical_dump().expect("a");
    assert_eq!(dump, b.app.canonical_dump().expect("b"));
    assert_eq!(report(&a.app), report(&b.app), "the same Laporan");
    for app in [&a.app, &b.app] {
        let view = app.case_view(shared).expect("view");
        assert!(!view.items[0].received, "B's later change counts");
        let notes: Vec<_> = view
            .timeline
            .iter()
            .filter(|t| t.text.contains("dari HP"))
            .collect();
        assert_eq!(notes.len(), 2, "both notes stay");
    }

    // Opening the same operations again changes nothing.
    let all = a
        .app
        .sync_operations_after(&Default::default())
        .expect("all");
    let again = b.app.apply_sync_operations(all.clone()).expect("again");
    assert_eq!(again.new, 0);
    assert_eq!(b.app.canonical_dump().expect("b"), dump);

    // A new phone that receives everything at once, in clock order, shows the same book.
    let c = phone("C", NOW + DAY);
    let applied = c.app.apply_sync_operations(all).expect("join");
    assert_eq!(applied.new_cases, 7);
    assert_eq!(c.app.canonical_dump().expect("c"), dump);
    assert_eq!(report(&c.app), report(&a.app));
}

#[test]
fn an_erasure_travels_and_leaves_the_name_nowhere() {
    let a = phone("A", NOW);
    let b = phone("B", NOW);
    let id = new_case(&a.app, "Siti Aminah", "sktm");
    work_on(&a.app, &id, "Siti Aminah membawa KK");
    exchange(&a, &b, 5);
    // B writes about her before it hears of the erasure.
    b.app
        .add_case_note(&id, "Telepon Siti Aminah")
        .expect("b note");
    a.clock.advance(60_000);
    a.app.erase_resident(&id, "").expect("erase");
    exchange(&a, &b, 6);
    b.clock.advance(120_000);
    exchange(&b, &a, 7);
    for p in [&a, &b] {
        assert_eq!(p.app.case_view(&id).expect("view").name, "(dihapus)");
        let conn = Connection::open(p.phone.db()).expect("raw");
        for sql in [
            "SELECT COUNT(*) FROM operations WHERE body GLOB '*Aminah*'",
            "SELECT COUNT(*) FROM events WHERE body GLOB '*Aminah*' OR reason GLOB '*Aminah*'",
            "SELECT COUNT(*) FROM cases WHERE resident_name GLOB '*Aminah*'",
        ] {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0)).expect("count");
            assert_eq!(n, 0, "{sql}");
        }
    }
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        b.app.canonical_dump().expect("b")
    );
}

#[test]
fn a_set_with_one_bad_operation_is_refused_whole() {
    let a = phone("A", NOW);
    let b = phone("B", NOW);
    new_case(&a.app, "Siti", "sktm");
    new_case(&a.app, "Budi", "sktm");
    let mut ops = a
        .app
        .sync_operations_after(&Default::default())
        .expect("ops");
    if let Some(Entry::Opened { case, .. }) =
        ops.iter_mut().rev().find_map(|op| match &mut op.change {
            e @ Entry::Opened { .. } => Some(e),
            _ => None,
        })
    {
        case.outcome = "hologram".into();
    }
    let dump = b.app.canonical_dump().expect("b");
    let refused = b.app.apply_sync_operations(ops).expect_err("refused");
    assert!(refused.to_string().contains("hologram"), "{refused}");
    assert_eq!(b.app.canonical_dump().expect("b"), dump, "nothing applied");
    let a_id = a.app.sync_phone_id().expect("id");
    assert!(!b.app.sync_have().expect("have").contains_key(&a_id));
}

#[test]
fn a_phone_a_year_ahead_is_refused_and_one_two_days_behind_syncs() {
    let a = phone("A", NOW);
    let ahead = phone("C", NOW + 365 * DAY);
    let behind = phone("D", NOW - 2 * DAY);
    new_case(&ahead.app, "Dari masa depan", "sktm");
    let ops = ahead
        .app
        .sync_operations_after(&Default::default())
        .expect("ops");
    let applied = a.app.apply_sync_operations(ops).expect("file read");
    assert_eq!(applied.new, 0);
    assert_eq!(applied.refused.len(), 1);
    let message = applied.refused[0].to_string();
    assert!(message.contains("365 hari"), "{message}");

    // Two days behind: its later edit still sorts after what it received.
    let id = new_case(&a.app, "Siti", "sktm");
    a.app.set_item(&id, 0, true).expect("a ticks");
    exchange(&a, &behind, 8);
    behind
        .app
        .set_item_not_applicable(&id, 0, "sudah ada")
        .expect("behind sets aside");
    exchange(&behind, &a, 9);
    for p in [&a, &behind] {
        assert!(!p.app.case_view(&id).expect("view").items[0].received);
    }
    assert_eq!(
        a.app.canonical_dump().expect("a"),
        behind.app.canonical_dump().expect("d")
    );
}

/// A phone behind the others, started again, resumes its clock after the newest stamp in its
/// book (found phone by phone): its next change still comes after the value it changes, and
/// wins on both phones.
#[test]
fn a_phone_behind_started_again_stamps_after_what_it_holds() {
    let a = phone("A", NOW + DAY);
    let b = phone("B", NOW - DAY);
    let id = new_case(&a.app, "Siti Aminah", "sktm");
    a.app.apply_action(&id, "lengkap", None).expect("a moves");
    exchange(&a, &b, 1);
    // B starts again (nothing of its clock in memory), then moves the case back.
    let b_again = b.phone.start();
    b_again
        .apply_action(&id, "belum-lengkap", Some("KK belum ada"))
        .expect("b moves after");
    let mine = b_again
        .sync_operations_after(&Default::default())
        .expect("ops")
        .into_iter()
        .filter(|op| op.change.subject() == id)
        .max_by(|x, y| x.stamp.cmp(&y.stamp))
        .expect("b's move");
    assert_eq!(mine.stamp.phone, b_again.sync_phone_id().expect("id"));
    let all = b_again
        .sync_operations_after(&a.app.sync_have().expect("have"))
        .expect("b's");
    a.app.apply_sync_operations(all).expect("a gets it");
    assert_eq!(a.app.case_view(&id).expect("a").status_key, "belum-lengkap");
    assert_eq!(
        b_again.case_view(&id).expect("b").status_key,
        "belum-lengkap"
    );
}

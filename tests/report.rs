//! Reports against a hand-computed fixture: 34 cases with known timestamps are entered through
//! the app (a real SQLite file, a frozen clock moved by hand, a recording platform), and every
//! number of the November 2026 report is compared with figures worked out by hand below (not
//! by the code under test). Then the same database goes through `layanan-desa report`, whose
//! output must be the summary the screen shows, and through the CSV export.
//!
//! Office hours: Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB; Rabu 18 November is entered as
//! a holiday. November 2026 starts on a Sunday. Working days in November: 2–6, 9–13, 16, 17,
//! 19, 20, 23–27, 30. "Now" is Senin 30 November 2026 10.00 WIB.

use std::process::Command;
use std::sync::Arc;

use chrono::{FixedOffset, TimeZone};
use layanan_desa::app::cases::{CaseBook, CaseForm, FixedClock};
use layanan_desa::app::App;
use layanan_desa::domain::report::{Period, Stats};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::Store;

/// Milliseconds of a WIB wall-clock time written `11-02 09:00` (November 2026, or October
/// when the month is 10).
fn at(text: &str) -> i64 {
    let (date, time) = text.split_once(' ').unwrap_or_else(|| panic!("{text}"));
    let (m, d) = date.split_once('-').unwrap_or_else(|| panic!("{text}"));
    let (h, mi) = time.split_once(':').unwrap_or_else(|| panic!("{text}"));
    let n = |s: &str| s.parse::<u32>().unwrap_or_else(|_| panic!("{text}"));
    FixedOffset::east_opt(7 * 3600)
        .and_then(|z| {
            z.with_ymd_and_hms(2026, n(m), n(d), n(h), n(mi), 0)
                .single()
        })
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|| panic!("{text}"))
}

const SKTM: &str = "sktm";
const AKTA: &str = "akta-kelahiran";
const KTP: &str = "ktp-baru";

/// What happens to a case after it is received.
enum End {
    Open,
    /// Moved to Lengkap (still open).
    Complete,
    /// Moved to Diproses (still open).
    InProcess,
    /// Ready (Dokumen terbit / Siap diambil) at this time, not collected yet.
    Ready(&'static str),
    /// Ready, then Selesai.
    Done(&'static str, &'static str),
    Cancelled(&'static str),
}

struct Fixture {
    name: &'static str,
    service: &'static str,
    received: &'static str,
    /// Hand-judged: received outside office hours?
    out_of_hours: bool,
    reply: Option<&'static str>,
    end: End,
}

use End::*;

#[rustfmt::skip]
fn fixture() -> Vec<Fixture> {
    let f = |name, service, received, out_of_hours, reply, end| Fixture { name, service, received, out_of_hours, reply, end };
    vec![
        // Before the period: X1 still open (in the age snapshot), X2 closed (nowhere).
        f("X1", SKTM, "10-28 09:00", false, None, Open),
        f("X2", AKTA, "10-20 09:00", false, Some("10-20 09:30"), Done("10-21 10:00", "10-22 10:00")),
        // SKTM (longest duration 1 working day).
        f("A1", SKTM, "11-02 09:00", false, Some("11-02 09:20"), Done("11-02 13:00", "11-03 10:00")),
        f("A2", SKTM, "11-02 19:00", true,  Some("11-03 08:10"), Done("11-03 10:00", "11-04 09:00")),
        f("A3", SKTM, "11-03 10:00", false, Some("11-03 10:05"), Done("11-03 11:00", "11-03 11:30")),
        f("A4", SKTM, "11-06 15:00", true,  Some("11-09 08:30"), Done("11-09 12:00", "11-10 09:00")),
        f("A5", SKTM, "11-07 10:00", true,  Some("11-07 10:30"), Done("11-09 09:00", "11-09 13:00")),
        f("A6", SKTM, "11-10 08:30", false, Some("11-10 08:45"), Done("11-12 09:00", "11-13 10:00")),
        f("A7", SKTM, "11-17 09:00", false, Some("11-17 09:40"), Done("11-19 09:00", "11-19 12:00")),
        f("A8", SKTM, "11-18 09:00", true,  Some("11-18 09:10"), Done("11-19 10:00", "11-20 09:00")),
        f("A9", SKTM, "11-23 13:30", false, Some("11-23 13:31"), Cancelled("11-24 09:00")),
        f("A10", SKTM, "11-24 09:00", false, None, Open),
        f("A11", SKTM, "11-26 20:00", true,  None, Open),
        f("A12", SKTM, "11-27 10:00", false, Some("11-27 10:20"), Ready("11-27 10:50")),
        // Akta kelahiran (longest 3 working days).
        f("B1", AKTA, "11-02 10:00", false, Some("11-02 10:30"), Done("11-04 10:00", "11-05 09:00")),
        f("B2", AKTA, "11-03 16:00", true,  Some("11-04 08:00"), Done("11-06 10:00", "11-09 09:00")),
        f("B3", AKTA, "11-05 09:00", false, Some("11-05 09:05"), Done("11-05 13:00", "11-06 10:00")),
        f("B4", AKTA, "11-09 11:00", false, Some("11-09 12:00"), Done("11-12 11:00", "11-16 09:00")),
        f("B5", AKTA, "11-11 09:00", false, Some("11-11 09:15"), Cancelled("11-13 10:00")),
        f("B6", AKTA, "11-13 09:00", false, Some("11-13 09:10"), Done("11-19 10:00", "11-20 10:00")),
        f("B7", AKTA, "11-16 14:30", true,  Some("11-17 08:05"), Ready("11-20 09:00")),
        f("B8", AKTA, "11-23 09:00", false, Some("11-23 09:30"), InProcess),
        f("B9", AKTA, "11-25 08:00", false, None, Complete),
        f("B10", AKTA, "11-29 07:00", true, None, Open),
        // KTP-el baru (longest 4 working days).
        f("C1", KTP, "11-02 08:00", false, Some("11-02 08:30"), Done("11-05 10:00", "11-06 09:00")),
        f("C2", KTP, "11-04 14:00", true,  Some("11-05 08:00"), Done("11-10 10:00", "11-12 10:00")),
        f("C3", KTP, "11-06 10:59", false, Some("11-06 11:30"), Done("11-11 09:00", "11-11 10:00")),
        f("C4", KTP, "11-14 09:00", true,  Some("11-16 08:00"), Done("11-20 09:00", "11-23 09:00")),
        f("C5", KTP, "11-17 13:00", false, Some("11-17 13:20"), Done("11-24 10:00", "11-25 09:00")),
        f("C6", KTP, "11-19 10:00", false, None, Cancelled("11-20 09:00")),
        f("C7", KTP, "11-20 09:00", false, Some("11-20 09:30"), InProcess),
        f("C8", KTP, "11-23 10:00", false, Some("11-23 10:10"), Ready("11-27 09:00")),
        f("C9", KTP, "11-26 09:00", false, Some("11-26 09:05"), Complete),
        f("C10", KTP, "11-30 08:30", false, None, Open),
    ]
}

const NOW: &str = "11-30 10:00";

struct Built {
    app: App,
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    platform: Recording,
}

fn build() -> Built {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("layanan-desa.db");
    let platform = Recording::new(Device::default());
    let clock = Arc::new(FixedClock::new(at("10-01 09:00")));
    let book = CaseBook::new(Store::open(&db).expect("open"), Box::new(clock.clone()));
    let app = App::builtin(Arc::new(platform.clone()))
        .expect("app")
        .with_case_book(book, None)
        .expect("book");
    app.add_holiday("2026-11-18", "Libur contoh")
        .expect("holiday");
    for case in fixture() {
        clock.set(at(case.received));
        let id = app
            .create_case(&CaseForm {
                resident_name: format!("Warga {}", case.name),
                phone: "0812 3456 7890".into(),
                service_id: case.service.into(),
                ..CaseForm::default()
            })
            .expect("create");
        if let Some(reply) = case.reply {
            clock.set(at(reply));
            app.send_case_reply(&id, "salam", "Terima kasih, permohonan sudah kami catat.")
                .expect("reply");
        }
        let step = |time: &str, key: &str, reason: Option<&str>| {
            clock.set(at(time));
            app.apply_action(&id, key, reason)
                .unwrap_or_else(|e| panic!("{} {key}: {e}", case.name));
        };
        let ready_key = match case.service {
            AKTA => "dokumen-terbit",
            _ => "siap-diambil",
        };
        // Lengkap and Diproses a minute after receiving (or before ready): they do not count.
        let start = at(case.received) + 60_000;
        let received_plus = |ms: i64| {
            chrono::Utc
                .timestamp_millis_opt(ms)
                .single()
                .map(|t| t.with_timezone(&FixedOffset::east_opt(7 * 3600).expect("wib")))
                .map(|t| t.format("%m-%d %H:%M").to_string())
                .expect("time")
        };
        let early = received_plus(start);
        match case.end {
            Open => {}
            Complete => step(&early, "lengkap", None),
            InProcess => {
                step(&early, "lengkap", None);
                step(&early, "diproses:desa", None);
            }
            Ready(ready) => {
                step(&early, "lengkap", None);
                step(&early, "diproses:desa", None);
                step(ready, ready_key, None);
            }
            Done(ready, done) => {
                step(&early, "lengkap", None);
                step(&early, "diproses:desa", None);
                step(ready, ready_key, None);
                step(done, "selesai", None);
            }
            Cancelled(when) => step(when, "dibatalkan", Some("Warga membatalkan")),
        }
    }
    clock.set(at(NOW));
    Built {
        app,
        _dir: dir,
        db,
        platform,
    }
}

fn november() -> Period {
    Period::parse("2026-11-01", "30/11/2026").expect("period")
}

fn stats(count: usize, median: f64, p90: f64) -> Stats {
    Stats {
        count,
        median: Some(median),
        p90: Some(p90),
    }
}

/// Laporan speaks an official's words: "nilai tengah", "90% selesai dalam"; under 10 cases the
/// nearest-rank P90 is the longest case, and is said as "paling lama".
#[test]
fn small_numbers_say_paling_lama_instead_of_a_percentile() {
    use layanan_desa::domain::report::{wait_text, Wait};
    let few = Wait {
        working_days: stats(4, 2.0, 5.0),
        calendar_days: stats(4, 3.0, 7.0),
    };
    assert_eq!(
        wait_text(&few),
        "nilai tengah 2 hari kerja (3 hari kalender), paling lama 5 hari kerja"
    );
    let ten = Wait {
        working_days: stats(10, 2.0, 5.0),
        calendar_days: stats(10, 3.0, 7.0),
    };
    assert_eq!(
        wait_text(&ten),
        "nilai tengah 2 hari kerja (3 hari kalender), 90% selesai dalam 5 hari kerja"
    );
    // With fewer than 10 values the nearest-rank P90 is indeed the largest one.
    for n in 1..10 {
        let values: Vec<i64> = (1..=n).collect();
        assert_eq!(Stats::of(&values).p90, Some(n as f64), "n = {n}");
    }
}

#[test]
fn median_and_p90_follow_their_written_definitions() {
    assert_eq!(Stats::of(&[]), Stats::default());
    assert_eq!(Stats::of(&[7]), stats(1, 7.0, 7.0));
    assert_eq!(Stats::of(&[4, 1]), stats(2, 2.5, 4.0));
    // n = 10: P90 is rank ⌈9.0⌉ = 9, the ninth smallest.
    assert_eq!(
        Stats::of(&[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
        stats(10, 5.5, 9.0)
    );
    // n = 11: rank ⌈9.9⌉ = 10.
    assert_eq!(
        Stats::of(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        stats(11, 6.0, 10.0)
    );
}

#[test]
fn the_november_report_matches_the_hand_computed_figures() {
    let built = build();
    let app = &built.app;
    let report = app.report(november()).expect("report");

    // Out-of-hours marks as the app decided them when each case arrived.
    let marked: Vec<bool> = fixture().iter().map(|c| c.out_of_hours).collect();
    let stored: Vec<bool> = {
        let store = Store::open(&built.db).expect("reopen");
        let mut facts = store.report_facts(0, i64::MAX).expect("facts");
        facts.sort_by(|a, b| a.number.cmp(&b.number));
        facts.iter().map(|f| f.out_of_hours).collect()
    };
    // X2 is closed and outside the period, so report_facts(0, MAX) still lists it (received
    // in range): all 34 in creation order.
    assert_eq!(stored, marked);

    let names: Vec<&str> = report
        .rows
        .iter()
        .map(|r| r.service_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Surat keterangan tidak mampu (SKTM)",
            "Akta kelahiran",
            "KTP-el baru (rekam pertama)"
        ]
    );
    let [sktm, akta, ktp] = [&report.rows[0], &report.rows[1], &report.rows[2]];

    // SKTM: A1–A12.
    assert_eq!(
        (
            sktm.received,
            sktm.done,
            sktm.cancelled,
            sktm.open,
            sktm.out_of_hours
        ),
        (12, 8, 1, 3, 5)
    );
    // Ready, working days: A1 0, A2 1, A3 0, A4 1, A5 1, A6 2, A7 1 (18th is a holiday), A8 1,
    // A12 0 → [0,0,0,1,1,1,1,1,2]: median 1, P90 rank 9 → 2.
    assert_eq!(sktm.to_ready.working_days, stats(9, 1.0, 2.0));
    // Calendar: 0,1,0,3,2,2,2,1,0 → [0,0,0,1,1,2,2,2,3]: median 1, P90 3.
    assert_eq!(sktm.to_ready.calendar_days, stats(9, 1.0, 3.0));
    // Done, working: 1,2,0,2,1,3,1,2 → [0,1,1,1,2,2,2,3]: median (1+2)/2, P90 rank 8 → 3.
    assert_eq!(sktm.to_done.working_days, stats(8, 1.5, 3.0));
    // Calendar: 1,2,0,4,2,3,2,2 → [0,1,2,2,2,2,3,4]: median 2, P90 4.
    assert_eq!(sktm.to_done.calendar_days, stats(8, 2.0, 4.0));
    // First reply, minutes: 20, 790, 5, 3930, 30, 15, 40, 10, 1, 20 → median 20, P90 rank 9 → 790.
    assert_eq!(sktm.first_reply_minutes, stats(10, 20.0, 790.0));

    // Akta kelahiran: B1–B10.
    assert_eq!(
        (
            akta.received,
            akta.done,
            akta.cancelled,
            akta.open,
            akta.out_of_hours
        ),
        (10, 5, 1, 4, 3)
    );
    // Ready, working: B1 2, B2 3, B3 0, B4 3, B6 3 (16, 17, 19), B7 3 → [0,2,3,3,3,3].
    assert_eq!(akta.to_ready.working_days, stats(6, 3.0, 3.0));
    // Calendar: 2, 3, 0, 3, 6, 4 → [0,2,3,3,4,6].
    assert_eq!(akta.to_ready.calendar_days, stats(6, 3.0, 6.0));
    // Done, working: 3, 4, 1, 5, 4 → [1,3,4,4,5]; calendar 3, 6, 1, 7, 7 → [1,3,6,7,7].
    assert_eq!(akta.to_done.working_days, stats(5, 4.0, 5.0));
    assert_eq!(akta.to_done.calendar_days, stats(5, 6.0, 7.0));
    // Reply: 30, 960, 5, 60, 15, 10, 1055, 30 → median 30, P90 rank 8 → 1055.
    assert_eq!(akta.first_reply_minutes, stats(8, 30.0, 1055.0));

    // KTP-el: C1–C10.
    assert_eq!(
        (
            ktp.received,
            ktp.done,
            ktp.cancelled,
            ktp.open,
            ktp.out_of_hours
        ),
        (10, 5, 1, 4, 2)
    );
    // Ready, working: 3, 4, 3, 4, 4, 4 (C8); calendar 3, 6, 5, 6, 7, 4.
    assert_eq!(ktp.to_ready.working_days, stats(6, 4.0, 4.0));
    assert_eq!(ktp.to_ready.calendar_days, stats(6, 5.5, 7.0));
    // Done, working: 4, 6, 3, 5, 5; calendar 4, 8, 5, 9, 8.
    assert_eq!(ktp.to_done.working_days, stats(5, 5.0, 6.0));
    assert_eq!(ktp.to_done.calendar_days, stats(5, 8.0, 9.0));
    // Reply: 30, 1080, 31, 2820, 20, 30, 10, 5 → median 30, P90 2820.
    assert_eq!(ktp.first_reply_minutes, stats(8, 30.0, 2820.0));

    // All services: 32 received (X1, X2 are October), 10 out of hours = 31.25%.
    let t = &report.total;
    assert_eq!(
        (t.received, t.done, t.cancelled, t.open, t.out_of_hours),
        (32, 18, 3, 11, 10)
    );
    assert_eq!(t.out_of_hours_percent(), Some(31.25));
    // 21 ready values: four 0, five 1, two 2, six 3, four 4 → median (11th) 2, P90 (19th) 4.
    assert_eq!(t.to_ready.working_days, stats(21, 2.0, 4.0));
    // Calendar: four 0, two 1, four 2, four 3, two 4, one 5, three 6, one 7 → 3 and 6.
    assert_eq!(t.to_ready.calendar_days, stats(21, 3.0, 6.0));
    // 18 done values, working: one 0, four 1, three 2, three 3, three 4, three 5, one 6 →
    // median (9th + 10th)/2 = 3, P90 (17th) 5.
    assert_eq!(t.to_done.working_days, stats(18, 3.0, 5.0));
    // Calendar: one 0, two 1, four 2, two 3, two 4, one 5, one 6, two 7, two 8, one 9 →
    // (3 + 4)/2 = 3.5, P90 8.
    assert_eq!(t.to_done.calendar_days, stats(18, 3.5, 8.0));
    // 26 replies: the 13th and 14th are 30; the 24th is 1080.
    assert_eq!(t.first_reply_minutes, stats(26, 30.0, 1080.0));

    // Open now, by age in calendar days: B10, C10 | A10, A11, A12, B8, B9, C8, C9 | B7, C7 | X1.
    let ages: Vec<(&str, usize, usize)> = report
        .open_by_age
        .iter()
        .map(|b| (b.label, b.count, b.overdue))
        .collect();
    // Overdue (working days over the longest duration, ready ones excepted): A10 (4 > 1),
    // A11 (2 > 1), B8 (5 > 3), C7 (6 > 4), X1 (22 > 1).
    assert_eq!(
        ages,
        [
            ("0–2 hari", 2, 0),
            ("3–7 hari", 7, 3),
            ("8–14 hari", 2, 1),
            ("> 14 hari", 1, 1)
        ]
    );
    let overdue: Vec<(&str, i64, u16)> = report
        .overdue
        .iter()
        .map(|o| (o.number.as_str(), o.working_days, o.expected_days))
        .collect();
    // Case numbers follow creation order: X1 0001, X2 0002, A1 0003 …, B1 0015 …, C1 0025 ….
    assert_eq!(
        overdue,
        [
            ("2026-0001", 22, 1),
            ("2026-0031", 6, 4),
            ("2026-0022", 5, 3),
            ("2026-0012", 4, 1),
            ("2026-0013", 2, 1)
        ]
    );
}

const SUMMARY: &str = "*Ringkasan layanan Desa Wonojati*
1–30 November 2026

Berkas masuk: 32 (10 di luar jam layanan, 31,3%)
Selesai: 18 · Dibatalkan: 3 · Masih berjalan: 11
Lama sampai siap: nilai tengah 2 hari kerja (3 hari kalender), 90% selesai dalam 4 hari kerja
Lama sampai selesai: nilai tengah 3 hari kerja (3,5 hari kalender), 90% selesai dalam 5 hari kerja
Balasan pertama: nilai tengah 30 menit, 90% dibalas dalam 18 jam

Per layanan (masuk · selesai · nilai tengah sampai siap):
- Surat keterangan tidak mampu (SKTM): 12 · 8 · 1 hari kerja
- Akta kelahiran: 10 · 5 · 3 hari kerja
- KTP-el baru (rekam pertama): 10 · 5 · 4 hari kerja

Berkas terbuka saat ini: 12, 5 melewati perkiraan waktu.";

#[test]
fn the_summary_goes_to_the_kepala_desa_and_the_cli_prints_the_same() {
    let built = build();
    let app = &built.app;
    assert_eq!(app.summary_text(november()).expect("summary"), SUMMARY);

    // Without the kepala desa's number, the share sheet; with it, a WhatsApp chat.
    assert_eq!(app.send_summary(november()).expect("share"), None);
    assert_eq!(built.platform.shares(), [SUMMARY]);
    let mut form = app.settings_view().form;
    form.head_phone = "0811-3322-110".into();
    app.save_settings(&form).expect("settings");
    app.send_summary(november()).expect("chat");
    let chat = built.platform.chats().pop().expect("chat opened");
    assert!(chat.link.starts_with("https://wa.me/628113322110?text="));

    // The CLI on the same file (a copy, so the app's open connection does not matter).
    let copy = built.db.with_file_name("salinan.db");
    let store = Store::open(&built.db).expect("open");
    store.backup_to(&copy).expect("copy");
    let csv = built.db.with_file_name("ringkasan.csv");
    let cases_csv = built.db.with_file_name("berkas.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
        .args(["report", "--db"])
        .arg(&copy)
        .args(["--from", "2026-11-01", "--to", "2026-11-30", "--csv"])
        .arg(&csv)
        .arg("--cases-csv")
        .arg(&cases_csv)
        .args(["--now-ms", &at(NOW).to_string()])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), SUMMARY);

    // The CSV: UTF-8 with BOM, Indonesian headers, one line per service and the total.
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("Layanan,Masuk,Selesai,Dibatalkan,Masih berjalan,"));
    assert_eq!(
        lines[4],
        "Semua layanan,32,18,3,11,10,2,4,3,6,3,5,3.5,8,30,1080"
    );
    assert_eq!(
        lines[1],
        "Surat keterangan tidak mampu (SKTM),12,8,1,3,5,1,2,1,3,1.5,3,2,4,20,790"
    );
    let cases = std::fs::read_to_string(&cases_csv).expect("cases csv");
    assert_eq!(cases.lines().count(), 33, "header and 32 cases");
    assert!(cases.contains("2026-0004,Surat keterangan tidak mampu (SKTM),2026-11-02 19:00,ya,Selesai,2026-11-03 08:10,2026-11-03 10:00,2026-11-04 09:00,,1,1,2,2,790"));
    assert!(!cases.contains("Warga"), "no personal data in the export");

    // "Simpan keduanya ke Unduhan" writes the same two files through the platform.
    let saved = app.save_report_csv(november()).expect("export");
    assert_eq!(saved.len(), 2);
    let files = built.platform.saved();
    assert_eq!(
        files[0].name,
        "laporan-wonojati-2026-11-01_2026-11-30-ringkasan.csv"
    );
    assert_eq!(files[0].bytes, std::fs::read(&csv).expect("csv"));
    assert_eq!(files[1].bytes, std::fs::read(&cases_csv).expect("cases"));

    // Bad dates are refused with a clear message and a failing exit code.
    let out = Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
        .args(["report", "--db"])
        .arg(&copy)
        .args(["--from", "2026-11-31", "--to", "2026-11-30"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "Tanggal \"2026-11-31\" tidak dikenal. Tulis seperti 2026-11-01 atau 01/11/2026."
    );
}

#[test]
fn a_saturday_night_request_waits_in_the_out_of_hours_queue_with_its_own_reply() {
    let built = build();
    let app = &built.app;
    // Sunday night 29 November: B10 (Sunday 07.00) and A11 (Thursday 20.00) are new and came
    // in out of hours; a new one arrives now.
    let home = app.home().expect("home");
    let queue: Vec<&str> = home.out_of_hours.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(queue, ["Warga A11", "Warga B10"], "oldest first");
    assert!(home.office_open, "Monday 10.00 is open");
    assert_eq!(home.next_opening, None);

    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(FixedClock::new(at("11-28 20:00")));
    let platform = Recording::new(Device::default());
    let book = CaseBook::new(
        Store::open(&dir.path().join("b.db")).expect("open"),
        Box::new(clock.clone()),
    );
    let app = App::builtin(Arc::new(platform))
        .expect("app")
        .with_case_book(book, None)
        .expect("book");
    let id = app
        .create_case(&CaseForm {
            resident_name: "Bu Sri".into(),
            phone: "0812 3456 7890".into(),
            service_id: AKTA.into(),
            ..CaseForm::default()
        })
        .expect("create");
    let home = app.home().expect("home");
    assert_eq!(home.out_of_hours.len(), 1);
    assert!(!home.office_open);
    assert_eq!(
        home.next_opening.as_deref(),
        Some("hari Senin 30 November 2026 mulai pukul 08.00 WIB")
    );
    assert!(
        home.hours_unconfirmed,
        "first start asks to confirm the hours"
    );
    let view = app.case_view(&id).expect("case");
    let reply = view.reply.expect("reply");
    assert_eq!(reply.template_id, "di-luar-jam");
    assert!(
        reply.text.contains(
            "Saat ini kantor desa sedang tutup. Permohonan akan kami proses hari Senin 30 November 2026 mulai pukul 08.00 WIB."
        ),
        "{}",
        reply.text
    );
    // Once acknowledged, the usual first reply is suggested; the case stays in the queue for
    // Monday morning until someone handles it.
    app.send_case_reply(&id, &reply.template_id, &reply.text)
        .expect("send");
    assert_eq!(
        app.case_view(&id)
            .expect("case")
            .reply
            .expect("r")
            .template_id,
        "salam"
    );
    clock.set(at("11-30 08:00"));
    let home = app.home().expect("home");
    assert!(home.office_open);
    assert_eq!(home.out_of_hours.len(), 1);
    // Handling it (Lengkap) takes it off the queue.
    app.apply_action(&id, "lengkap", None).expect("lengkap");
    assert!(app.home().expect("home").out_of_hours.is_empty());
}

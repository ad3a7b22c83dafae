//! Reports against a hand-written fixture (issue 19): 44 cases with known times are entered
//! through the app (a real SQLite file, a frozen clock moved by hand, a recording platform),
//! and every figure of the November 2026 report is compared with values worked out by hand
//! below, case by case and then as medians, 90% figures and counts (not by the code under
//! test). The same database then goes through `layanan-desa report`, whose output must be the
//! summary the screen shows, and through both CSV exports.
//!
//! Office hours: Senin–Kamis 08.00–14.00 (6 hours), Jumat 08.00–11.00 (3 hours) WIB; Rabu
//! 18 November is entered as a holiday. October 2026 starts on a Thursday, November on a
//! Sunday. "Now" is Senin 30 November 2026 10.00 WIB.
//!
//! How the hand figures are worked out (the definitions in the README):
//! - office time: the opening hours between Pesan masuk and ready, without the spans in Belum
//!   lengkap, each day's hours divided by that day's opening hours (6, or 3 on a Friday):
//!   written below as `mt(hours)` for Monday–Thursday hours and `fr(hours)` for Friday hours;
//! - at the village: office time until the first Diproses at kecamatan / Dispendukcapil;
//! - resident time: the hours in Belum lengkap divided by 24;
//! - calendar days: the difference of the WIB dates;
//! - first reply: the opening minutes between Pesan masuk and the first message, and the
//!   wall-clock minutes.

mod common;
use common::TestPhone;

use std::process::Command;
use std::sync::Arc;

use chrono::{FixedOffset, TimeZone};
use layanan_desa::app::App;
use layanan_desa::app::{CaseForm, ManualClock};
use layanan_desa::domain::report::{Basis, Period, Scope, Stats};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::Store;

/// Milliseconds of a WIB wall-clock time in 2026 written `11-02 09:00`.
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

/// `11-02 09:00` as the "Pesan masuk" field takes it.
fn field(text: &str) -> String {
    let (date, time) = text.split_once(' ').unwrap_or_else(|| panic!("{text}"));
    format!("2026-{date}T{time}")
}

const SKTM: &str = "sktm";
const AKTA: &str = "akta-kelahiran";
const KTP: &str = "ktp-baru";

/// Hours of a Monday–Thursday (6 opening hours) as working days.
fn mt(hours: f64) -> f64 {
    hours / 6.0
}

/// Hours of a Friday (3 opening hours) as working days.
fn fr(hours: f64) -> f64 {
    hours / 3.0
}

/// What the hand says about one case; `None` where the case has not got there.
#[derive(Clone, Copy, Default)]
struct Hand {
    out_of_hours: bool,
    office: Option<f64>,
    village: Option<f64>,
    outside: Option<f64>,
    resident: Option<f64>,
    calendar: Option<i64>,
    reply_office: Option<i64>,
    reply_wall: Option<i64>,
}

struct Case {
    name: &'static str,
    service: &'static str,
    /// Pesan masuk.
    message: &'static str,
    /// When the official entered it (the clock at "Buat berkas").
    entered: &'static str,
    reply: Option<&'static str>,
    /// `(time, action)` in order.
    steps: Vec<(&'static str, &'static str)>,
    hand: Hand,
}

/// A case whose office time is all at the village and has no Belum lengkap.
fn plain(office: f64, calendar: i64, reply: Option<(i64, i64)>, out_of_hours: bool) -> Hand {
    Hand {
        out_of_hours,
        office: Some(office),
        village: Some(office),
        outside: None,
        resident: Some(0.0),
        calendar: Some(calendar),
        reply_office: reply.map(|r| r.0),
        reply_wall: reply.map(|r| r.1),
    }
}

/// A case not (yet) ready.
fn unready(reply: Option<(i64, i64)>, out_of_hours: bool) -> Hand {
    Hand {
        out_of_hours,
        reply_office: reply.map(|r| r.0),
        reply_wall: reply.map(|r| r.1),
        ..Hand::default()
    }
}

/// October: SKTM cases in office hours, Lengkap and Diproses a minute or two after the
/// message, Siap diambil at the given time and Selesai half an hour later.
fn october(
    name: &'static str,
    message: &'static str,
    ready: &'static str,
    office: f64,
    calendar: i64,
) -> Case {
    let plus = |ms: i64| wib(at(message) + ms);
    Case {
        name,
        service: SKTM,
        message,
        entered: message,
        reply: None,
        steps: vec![
            (leak(plus(60_000)), "lengkap"),
            (leak(plus(120_000)), "diproses:desa"),
            (ready, "siap-diambil"),
            (leak(wib(at(ready) + 1_800_000)), "selesai"),
        ],
        hand: plain(office, calendar, None, false),
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// `MM-DD HH:MM` of a moment, WIB.
fn wib(ms: i64) -> String {
    chrono::Utc
        .timestamp_millis_opt(ms)
        .single()
        .map(|t| t.with_timezone(&FixedOffset::east_opt(7 * 3600).expect("wib")))
        .map(|t| t.format("%m-%d %H:%M").to_string())
        .expect("time")
}

#[rustfmt::skip]
fn fixture() -> Vec<Case> {
    let c = |name, service, message, entered, reply, steps: &[(&'static str, &'static str)], hand| Case {
        name, service, message, entered, reply, steps: steps.to_vec(), hand,
    };
    vec![
        // October (the month before): 13 ready, 1 still open.
        october("O1", "10-05 09:00", "10-05 12:00", mt(3.0), 0),
        october("O2", "10-05 10:00", "10-06 10:00", mt(4.0 + 2.0), 1),
        october("O3", "10-06 08:00", "10-07 14:00", mt(6.0 + 6.0), 1),
        october("O4", "10-07 09:00", "10-08 12:00", mt(5.0 + 4.0), 1),
        october("O5", "10-08 13:00", "10-09 10:00", mt(1.0) + fr(2.0), 1),
        october("O6", "10-12 09:00", "10-14 09:00", mt(5.0 + 6.0 + 1.0), 2),
        october("O7", "10-13 08:00", "10-13 11:00", mt(3.0), 0),
        october("O8", "10-14 11:00", "10-15 11:00", mt(3.0 + 3.0), 1),
        october("O9", "10-19 08:00", "10-21 11:00", mt(6.0 + 6.0 + 3.0), 2),
        october("O10", "10-20 12:00", "10-22 12:00", mt(2.0 + 6.0 + 4.0), 2),
        october("O11", "10-26 09:00", "10-27 13:00", mt(5.0 + 5.0), 1),
        october("O12", "10-27 10:00", "10-29 10:00", mt(4.0 + 6.0 + 2.0), 2),
        // Still New on 30 November: overdue for a long time.
        c("O13", SKTM, "10-28 09:00", "10-28 09:00", None, &[], unready(None, false)),
        // Ready on Monday 2 November, never collected: October by Pesan masuk, November by
        // ready date. Thursday 13–14, all of Friday, Monday 08–09.
        c("O14", SKTM, "10-29 13:00", "10-29 13:00", None,
          &[("10-29 13:10", "lengkap"), ("10-29 13:11", "diproses:desa"), ("11-02 09:00", "siap-diambil")],
          plain(mt(1.0) + fr(3.0) + mt(1.0), 4, None, false)),

        // November, SKTM (processing at most 1 working day).
        c("S1", SKTM, "11-02 09:00", "11-02 09:00", Some("11-02 09:20"),
          &[("11-02 09:30", "lengkap"), ("11-02 09:31", "diproses:desa"), ("11-02 13:00", "siap-diambil")],
          plain(mt(4.0), 0, Some((20, 20)), false)),
        // Monday night, entered Tuesday morning: the office clock starts at 08.00.
        c("S2", SKTM, "11-02 19:00", "11-03 08:05", Some("11-03 08:10"),
          &[("11-03 08:20", "lengkap"), ("11-03 08:21", "diproses:desa"), ("11-03 10:00", "siap-diambil"), ("11-04 09:00", "selesai")],
          plain(mt(2.0), 1, Some((10, 13 * 60 + 10)), true)),
        // Friday after closing, entered Monday.
        c("S3", SKTM, "11-06 15:00", "11-09 08:00", Some("11-09 08:30"),
          &[("11-09 08:40", "lengkap"), ("11-09 08:41", "diproses:desa"), ("11-09 12:00", "siap-diambil"), ("11-10 09:00", "selesai")],
          plain(mt(4.0), 3, Some((30, 65 * 60 + 30)), true)),
        // Saturday; Belum lengkap from Monday 08.30 to Wednesday 10.00 (49.5 hours with the
        // resident); office: Monday 08.00–08.30 and Wednesday 10.00–13.00.
        c("S4", SKTM, "11-07 10:00", "11-09 08:15", Some("11-09 08:20"),
          &[("11-09 08:30", "belum-lengkap"), ("11-11 10:00", "lengkap"), ("11-11 10:01", "diproses:desa"), ("11-11 13:00", "siap-diambil")],
          Hand { resident: Some(49.5 / 24.0), ..plain(mt(0.5 + 3.0), 4, Some((20, 46 * 60 + 20)), true) }),
        c("S5", SKTM, "11-10 08:30", "11-10 08:30", Some("11-10 08:45"),
          &[("11-10 09:00", "lengkap"), ("11-10 09:01", "diproses:desa"), ("11-12 09:00", "siap-diambil"), ("11-13 10:00", "selesai")],
          plain(mt(5.5 + 6.0 + 1.0), 2, Some((15, 15)), false)),
        // Across the holiday: Tuesday 13–14 and Thursday 08–09.
        c("S6", SKTM, "11-17 13:00", "11-17 13:00", Some("11-17 13:40"),
          &[("11-17 13:50", "lengkap"), ("11-17 13:51", "diproses:desa"), ("11-19 09:00", "siap-diambil")],
          plain(mt(1.0 + 1.0), 2, Some((40, 40)), false)),
        // Written on the holiday.
        c("S7", SKTM, "11-18 09:00", "11-19 08:00", Some("11-19 08:05"),
          &[("11-19 08:10", "lengkap"), ("11-19 08:11", "diproses:desa"), ("11-19 10:00", "siap-diambil"), ("11-20 09:00", "selesai")],
          plain(mt(2.0), 1, Some((5, 23 * 60 + 5)), true)),
        c("S8", SKTM, "11-23 13:30", "11-23 13:30", Some("11-23 13:31"),
          &[("11-24 09:00", "dibatalkan")],
          unready(Some((1, 1)), false)),
        // Open New: Tuesday 09–14, Wednesday, Thursday, Friday, Monday 08–10 = 4.17 > 1.
        c("S9", SKTM, "11-24 09:00", "11-24 09:00", None, &[], unready(None, false)),
        // Thursday night; in Belum lengkap since Friday 08.30: 0.5 hour with the office, so not
        // overdue although two working days passed.
        c("S10", SKTM, "11-26 20:00", "11-27 08:00", None,
          &[("11-27 08:30", "belum-lengkap")],
          unready(None, true)),

        // Akta kelahiran (at most 3 working days), forwarded to Dispendukcapil.
        c("A1", AKTA, "11-02 10:00", "11-02 10:00", Some("11-02 10:30"),
          &[("11-02 10:40", "lengkap"), ("11-02 10:41", "diproses:desa"), ("11-03 10:00", "diproses:dispendukcapil"), ("11-04 10:00", "dokumen-terbit"), ("11-05 09:00", "selesai")],
          Hand { village: Some(mt(4.0 + 2.0)), outside: Some(mt(4.0 + 2.0)), ..plain(mt(4.0 + 6.0 + 2.0), 2, Some((30, 30)), false) }),
        c("A2", AKTA, "11-03 16:00", "11-04 08:00", Some("11-04 08:00"),
          &[("11-04 08:10", "lengkap"), ("11-04 08:11", "diproses:desa"), ("11-04 12:00", "diproses:dispendukcapil"), ("11-06 10:00", "dokumen-terbit"), ("11-09 09:00", "selesai")],
          Hand { village: Some(mt(4.0)), outside: Some(mt(2.0 + 6.0) + fr(2.0)), ..plain(mt(6.0 + 6.0) + fr(2.0), 3, Some((0, 16 * 60)), true) }),
        c("A3", AKTA, "11-05 09:00", "11-05 09:00", Some("11-05 09:05"),
          &[("11-05 09:10", "lengkap"), ("11-05 09:11", "diproses:desa"), ("11-05 13:00", "dokumen-terbit"), ("11-06 10:00", "selesai")],
          plain(mt(4.0), 0, Some((5, 5)), false)),
        // Belum lengkap Monday 12.30 to Thursday 09.00 (68.5 hours); office Monday 11–12.30,
        // Thursday 09–14, Friday, Monday 16th 08–11; it left the village Thursday 12.00.
        c("A4", AKTA, "11-09 11:00", "11-09 11:00", Some("11-09 12:00"),
          &[("11-09 12:30", "belum-lengkap"), ("11-12 09:00", "lengkap"), ("11-12 09:01", "diproses:desa"), ("11-12 12:00", "diproses:dispendukcapil"), ("11-16 11:00", "dokumen-terbit"), ("11-17 09:00", "selesai")],
          Hand {
              village: Some(mt(1.5 + 3.0)),
              outside: Some(mt(2.0) + fr(3.0) + mt(3.0)),
              resident: Some(68.5 / 24.0),
              ..plain(mt(1.5 + 5.0) + fr(3.0) + mt(3.0), 7, Some((60, 60)), false)
          }),
        c("A5", AKTA, "11-11 09:00", "11-11 09:00", Some("11-11 09:15"),
          &[("11-13 10:00", "dibatalkan")],
          unready(Some((15, 15)), false)),
        c("A6", AKTA, "11-13 09:00", "11-13 09:00", Some("11-13 09:10"),
          &[("11-13 09:20", "lengkap"), ("11-13 09:21", "diproses:desa"), ("11-16 09:00", "diproses:dispendukcapil"), ("11-19 10:00", "dokumen-terbit"), ("11-20 10:00", "selesai")],
          Hand { village: Some(fr(2.0) + mt(1.0)), outside: Some(mt(5.0 + 6.0 + 2.0)), ..plain(fr(2.0) + mt(6.0 + 6.0 + 2.0), 6, Some((10, 10)), false) }),
        // Monday after closing; Dokumen terbit Friday 09.00, not collected yet.
        c("A7", AKTA, "11-16 14:30", "11-17 08:00", Some("11-17 08:05"),
          &[("11-17 08:10", "lengkap"), ("11-17 08:11", "diproses:desa"), ("11-17 10:00", "diproses:dispendukcapil"), ("11-20 09:00", "dokumen-terbit")],
          Hand { village: Some(mt(2.0)), outside: Some(mt(4.0 + 6.0) + fr(1.0)), ..plain(mt(6.0 + 6.0) + fr(1.0), 4, Some((5, 17 * 60 + 35)), true) }),
        // At Dispendukcapil since 24th: 5.17 office days > 3, overdue.
        c("A8", AKTA, "11-23 09:00", "11-23 09:00", Some("11-23 09:30"),
          &[("11-23 09:40", "lengkap"), ("11-23 09:41", "diproses:desa"), ("11-24 09:00", "diproses:dispendukcapil")],
          unready(Some((30, 30)), false)),
        // Lengkap since Wednesday 08.00: 3.33 office days > 3, overdue.
        c("A9", AKTA, "11-25 08:00", "11-25 08:00", None, &[("11-25 08:01", "lengkap")], unready(None, false)),
        // Sunday morning, entered Monday.
        c("A10", AKTA, "11-29 07:00", "11-30 08:00", None, &[], unready(None, true)),

        // KTP-el baru (at most 4 working days), forwarded to the kecamatan.
        c("K1", KTP, "11-02 08:00", "11-02 08:00", Some("11-02 08:30"),
          &[("11-02 08:40", "lengkap"), ("11-02 08:41", "diproses:desa"), ("11-03 08:00", "diproses:kecamatan"), ("11-05 10:00", "siap-diambil"), ("11-06 09:00", "selesai")],
          Hand { village: Some(mt(6.0)), outside: Some(mt(6.0 + 6.0 + 2.0)), ..plain(mt(6.0 + 6.0 + 6.0 + 2.0), 3, Some((30, 30)), false) }),
        // Wednesday 14.00 sharp is closed.
        c("K2", KTP, "11-04 14:00", "11-05 08:00", Some("11-05 08:00"),
          &[("11-05 08:05", "lengkap"), ("11-05 08:06", "diproses:desa"), ("11-06 08:00", "diproses:kecamatan"), ("11-10 10:00", "siap-diambil"), ("11-12 10:00", "selesai")],
          Hand { village: Some(mt(6.0)), outside: Some(fr(3.0) + mt(6.0 + 2.0)), ..plain(mt(6.0) + fr(3.0) + mt(6.0 + 2.0), 6, Some((0, 18 * 60)), true) }),
        // One minute before Friday's closing: 1/180 of Friday.
        c("K3", KTP, "11-06 10:59", "11-06 10:59", Some("11-06 11:30"),
          &[("11-06 11:31", "lengkap"), ("11-06 11:32", "diproses:desa"), ("11-11 09:00", "siap-diambil"), ("11-11 10:00", "selesai")],
          plain(fr(1.0 / 60.0) + mt(6.0 + 6.0 + 1.0), 5, Some((1, 31)), false)),
        // Saturday; Belum lengkap twice: Monday 08.30 to Tuesday 13.00 at the village (28.5 h)
        // and Friday 08.00 to Monday 08.00 at the kecamatan (72 h).
        c("K4", KTP, "11-14 09:00", "11-16 08:00", Some("11-16 08:00"),
          &[("11-16 08:30", "belum-lengkap"), ("11-17 13:00", "lengkap"), ("11-17 13:01", "diproses:desa"), ("11-19 08:00", "diproses:kecamatan"),
            ("11-20 08:00", "belum-lengkap"), ("11-23 08:00", "lengkap"), ("11-23 08:01", "diproses:kecamatan"), ("11-24 10:00", "siap-diambil")],
          Hand {
              village: Some(mt(0.5 + 1.0)),
              outside: Some(mt(6.0 + 6.0 + 2.0)),
              resident: Some((28.5 + 72.0) / 24.0),
              ..plain(mt(0.5 + 1.0 + 6.0 + 6.0 + 2.0), 10, Some((0, 47 * 60)), true)
          }),
        c("K5", KTP, "11-17 13:00", "11-17 13:00", Some("11-17 13:20"),
          &[("11-17 13:30", "lengkap"), ("11-17 13:31", "diproses:desa"), ("11-19 09:00", "diproses:kecamatan"), ("11-24 10:00", "siap-diambil"), ("11-25 09:00", "selesai")],
          Hand { village: Some(mt(1.0 + 1.0)), outside: Some(mt(5.0) + fr(3.0) + mt(6.0 + 2.0)), ..plain(mt(1.0 + 6.0) + fr(3.0) + mt(6.0 + 2.0), 7, Some((20, 20)), false) }),
        c("K6", KTP, "11-19 10:00", "11-19 10:00", None, &[("11-20 09:00", "dibatalkan")], unready(None, false)),
        // At the kecamatan since the 23rd: 6 office days > 4, overdue.
        c("K7", KTP, "11-20 09:00", "11-20 09:00", Some("11-20 09:30"),
          &[("11-20 09:40", "lengkap"), ("11-20 09:41", "diproses:desa"), ("11-23 09:00", "diproses:kecamatan")],
          unready(Some((30, 30)), false)),
        c("K8", KTP, "11-23 10:00", "11-23 10:00", Some("11-23 10:10"),
          &[("11-23 10:20", "lengkap"), ("11-23 10:21", "diproses:desa"), ("11-27 09:00", "siap-diambil")],
          plain(mt(4.0 + 6.0 + 6.0 + 6.0) + fr(1.0), 4, Some((10, 10)), false)),
        c("K9", KTP, "11-26 09:00", "11-26 09:00", Some("11-26 09:05"), &[("11-26 09:10", "lengkap")], unready(Some((5, 5)), false)),
        // Monday 07.00, before opening, entered at once.
        c("K10", KTP, "11-30 07:00", "11-30 07:00", None, &[], unready(None, true)),
    ]
}

const NOW: &str = "11-30 10:00";

struct Built {
    app: App,
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    platform: Recording,
    /// Case number of each fixture name.
    numbers: std::collections::BTreeMap<&'static str, String>,
}

fn build() -> Built {
    let dir = tempfile::tempdir().expect("tmp");
    let phone = TestPhone::new(dir.path()).at(at("10-01 09:00"));
    let (db, platform, clock) = (phone.db(), phone.platform.clone(), phone.clock.clone());
    let app = phone.start();
    app.add_holiday("2026-11-18", "Libur contoh")
        .expect("holiday");
    let mut numbers = std::collections::BTreeMap::new();
    for case in fixture() {
        clock.set(at(case.entered));
        let id = app
            .create_case(&CaseForm {
                resident_name: format!("Warga {}", case.name),
                phone: "0812 3456 7890".into(),
                service_id: case.service.into(),
                message_at: field(case.message),
                ..CaseForm::default()
            })
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        numbers.insert(case.name, app.case_view(&id).expect("case").number);
        if let Some(reply) = case.reply {
            clock.set(at(reply));
            app.send_case_reply(&id, "salam", "Terima kasih, permohonan sudah kami catat.")
                .expect("reply");
        }
        for (time, key) in &case.steps {
            clock.set(at(time));
            let reason = (*key == "dibatalkan").then_some("Warga membatalkan");
            app.apply_action(&id, key, reason)
                .unwrap_or_else(|e| panic!("{} {key}: {e}", case.name));
        }
    }
    clock.set(at(NOW));
    Built {
        app,
        _dir: dir,
        db,
        platform,
        numbers,
    }
}

fn november() -> Period {
    Period::parse("2026-11-01", "30/11/2026").expect("period")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// `Stats` compared with hand values to a millionth (the hand writes 2/3, the code sums
/// minutes).
#[track_caller]
fn assert_stats(actual: &Stats, count: usize, median: f64, p90: f64) {
    assert!(
        actual.count == count
            && actual.median.is_some_and(|m| close(m, median))
            && actual.p90.is_some_and(|p| close(p, p90)),
        "expected n {count}, median {median}, P90 {p90}; got {actual:?}"
    );
}

/// Laporan speaks an official's words: "biasanya", "9 dari 10 siap dalam"; under 10 cases the
/// nearest-rank P90 is the longest case, and is said as "paling lama".
#[test]
fn small_numbers_say_paling_lama_instead_of_a_percentile() {
    use layanan_desa::domain::report::stats_text;
    let unit = |v: f64| format!("{v} hari kerja");
    let few = Stats {
        count: 4,
        median: Some(2.0),
        p90: Some(5.0),
    };
    assert_eq!(
        stats_text(&few, "siap", &unit).as_deref(),
        Some("biasanya 2 hari kerja, paling lama 5 hari kerja")
    );
    let ten = Stats { count: 10, ..few };
    assert_eq!(
        stats_text(&ten, "siap", &unit).as_deref(),
        Some("biasanya 2 hari kerja, 9 dari 10 siap dalam 5 hari kerja")
    );
    assert_eq!(stats_text(&Stats::default(), "siap", &unit), None);
    // With fewer than 10 values the nearest-rank P90 is indeed the largest one.
    for n in 1..10 {
        let values: Vec<f64> = (1..=n).map(f64::from).collect();
        assert_eq!(Stats::of(&values).p90, Some(f64::from(n)), "n = {n}");
    }
}

#[test]
fn median_and_p90_follow_their_written_definitions() {
    let stats = |count, median, p90| Stats {
        count,
        median: Some(median),
        p90: Some(p90),
    };
    assert_eq!(Stats::of(&[]), Stats::default());
    assert_eq!(Stats::of(&[7.0]), stats(1, 7.0, 7.0));
    assert_eq!(Stats::of_whole(&[4, 1]), stats(2, 2.5, 4.0));
    // n = 10: P90 is rank ⌈9.0⌉ = 9, the ninth smallest.
    assert_eq!(
        Stats::of_whole(&[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
        stats(10, 5.5, 9.0)
    );
    // n = 11: rank ⌈9.9⌉ = 10.
    assert_eq!(
        Stats::of_whole(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
        stats(11, 6.0, 10.0)
    );
}

/// Every case's own figures in the case CSV (the code's per-case answer) against the hand.
#[test]
fn each_case_matches_its_hand_computed_times() {
    let built = build();
    let all = Period::parse("2026-10-01", "2026-11-30").expect("period");
    let (_, bytes) = {
        built.app.save_report_csv(all).expect("save");
        let files = built.platform.saved();
        let cases = files
            .iter()
            .find(|f| f.name.ends_with("-berkas.csv"))
            .expect("cases csv");
        (cases.name.clone(), cases.bytes.clone())
    };
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let fixture = fixture();
    assert_eq!(rows.len(), fixture.len(), "every case of both months");
    for case in &fixture {
        let number = &built.numbers[case.name];
        let row = rows
            .iter()
            .find(|r| &r[col("Nomor berkas")] == number)
            .unwrap_or_else(|| panic!("{} not in the CSV", case.name));
        let hand = case.hand;
        let days = |name: &str, want: Option<f64>| {
            let cell = &row[col(name)];
            match want {
                None => assert_eq!(cell, "", "{} {name}", case.name),
                Some(v) => {
                    let got: f64 = cell
                        .parse()
                        .unwrap_or_else(|_| panic!("{} {name}: {cell:?}", case.name));
                    assert!(
                        (got - v).abs() <= 0.005,
                        "{} {name}: {got} vs hand {v}",
                        case.name
                    );
                }
            }
        };
        let whole = |name: &str, want: Option<i64>| {
            assert_eq!(
                row[col(name)].to_string(),
                want.map(|v| v.to_string()).unwrap_or_default(),
                "{} {name}",
                case.name
            );
        };
        assert_eq!(
            &row[col("Pesan masuk (WIB)")],
            format!("2026-{}", case.message),
            "{}",
            case.name
        );
        assert_eq!(
            &row[col("Di luar jam layanan")],
            if hand.out_of_hours { "ya" } else { "tidak" },
            "{}",
            case.name
        );
        days("Waktu di kantor (hari kerja)", hand.office);
        days("Di desa (hari kerja)", hand.village);
        days("Di luar desa (hari kerja)", hand.outside);
        days("Waktu di warga (hari)", hand.resident);
        whole("Lama bagi warga (hari kalender)", hand.calendar);
        whole("Balasan pertama (menit jam kantor)", hand.reply_office);
        whole("Balasan pertama (menit jam dinding)", hand.reply_wall);
    }
    assert!(
        !String::from_utf8_lossy(&bytes).contains("Warga"),
        "no personal data"
    );
}

#[test]
fn the_november_report_matches_the_hand_computed_figures() {
    let built = build();
    let app = &built.app;
    let report = app.report(november()).expect("report");
    let t = &report.total;

    // 30 cases written in November; 19 ready; Selesai S2 S3 S5 S7 A1 A2 A3 A4 A6 K1 K2 K3 K5;
    // cancelled S8 A5 K6; out of hours S2 S3 S4 S7 S10 A2 A7 A10 K2 K4 K10 (11 of 30).
    assert_eq!(
        (
            t.cases,
            t.ready,
            t.done,
            t.cancelled,
            t.open,
            t.out_of_hours
        ),
        (30, 19, 13, 3, 14, 11)
    );
    assert!(!t.mostly_open());
    // Office time of the 19 ready cases, sorted: S2 S6 S7 1/3, S4 0.58, S1 S3 A3 2/3, A1 2,
    // S5 2.08, K3 2.17 (10th, the median), A7 2.33, A4 K4 2.58, A2 2.67, A6 3, K1 K2 3.33,
    // K5 3.5 (18th = rank ⌈0.9 × 19⌉, the 90% figure), K8 4.
    assert_stats(&t.office, 19, fr(1.0 / 60.0) + mt(13.0), 3.5);
    // At the village: K4 0.25, five 1/3 (S2 S6 S7 A7 K5), S4 0.58, four 2/3 (S1 S3 A2 A3),
    // A4 0.75, A6 0.83, three 1 (A1 K1 K2), S5 2.08, K3 2.17, K8 4: 10th 2/3, 18th K3.
    assert_stats(&t.village, 19, mt(4.0), fr(1.0 / 60.0) + mt(13.0));
    // Outside the village, the 9 forwarded: A1 1, A4 1.83, A2 A7 2, A6 2.17, K1 K2 K4 2.33,
    // K5 3.17: 5th 2.17, rank 9 the longest.
    assert_stats(&t.outside, 9, mt(13.0), mt(5.0) + fr(3.0) + mt(8.0));
    // With the resident: 16 ready cases never in Belum lengkap, S4 2.06, A4 2.85, K4 4.19.
    assert_stats(&t.resident, 19, 0.0, 68.5 / 24.0);
    // Calendar days: 0 0 1 1 2 2 2 3 3 3 4 4 4 5 6 6 7 7 10.
    assert_stats(&t.calendar, 19, 3.0, 7.0);
    // First reply in office minutes, 24 replies: 0 0 0 1 1 5 5 5 5 10 10 10 | 15 15 20 20 20
    // 30 30 30 30 30 40 60: median (10 + 15) / 2, rank 22 is 30.
    assert_stats(&t.first_reply, 24, 12.5, 30.0);
    // Wall clock for the 8 replied out-of-hours messages: 790 960 1055 1080 | 1385 2780 2820
    // 3930.
    assert_stats(
        &t.first_reply_out_of_hours,
        8,
        (1080.0 + 1385.0) / 2.0,
        3930.0,
    );

    // Per service, most cases first, then by name (all have 10).
    let ids: Vec<&str> = report.rows.iter().map(|r| r.service_id.as_str()).collect();
    assert_eq!(ids, [AKTA, KTP, SKTM]);
    let [akta, ktp, sktm] = [&report.rows[0], &report.rows[1], &report.rows[2]];
    assert_eq!(
        (
            sktm.cases,
            sktm.ready,
            sktm.done,
            sktm.cancelled,
            sktm.open,
            sktm.out_of_hours
        ),
        (10, 7, 4, 1, 5, 5)
    );
    // SKTM: 1/3 1/3 1/3 0.58 2/3 2/3 2.08 → 4th, and the longest (under 10).
    assert_stats(&sktm.office, 7, mt(3.5), mt(12.5));
    assert_eq!(
        (
            akta.cases,
            akta.ready,
            akta.done,
            akta.cancelled,
            akta.open,
            akta.out_of_hours
        ),
        (10, 6, 5, 1, 4, 3)
    );
    // Akta: 2/3 2 2.33 2.58 2.67 3 → (2.33 + 2.58) / 2.
    assert_stats(
        &akta.office,
        6,
        (mt(12.0) + fr(1.0) + mt(1.5 + 5.0) + fr(3.0) + mt(3.0)) / 2.0,
        3.0,
    );
    assert_eq!(
        (
            ktp.cases,
            ktp.ready,
            ktp.done,
            ktp.cancelled,
            ktp.open,
            ktp.out_of_hours
        ),
        (10, 6, 4, 1, 5, 3)
    );
    // KTP: 2.17 2.58 3.33 3.33 3.5 4.
    assert_stats(&ktp.office, 6, mt(20.0), 4.0);

    // October, the month before: 14 written, 13 ready, office time 1/2 1/2 0.83 1 1 1.33
    // 1.5 (7th) 1.67 2 2 2 2 (12th) 2.5.
    assert_eq!(
        report.previous.period,
        Period::parse("2026-10-01", "2026-10-31").expect("october")
    );
    let o = &report.previous.total;
    assert_eq!(
        (o.cases, o.ready, o.done, o.open, o.out_of_hours),
        (14, 13, 12, 2, 0)
    );
    assert_stats(&o.office, 13, 1.5, 2.0);

    // Open now, by age since Pesan masuk: A10 K10 | S9 S10 A8 A9 K8 K9 | S6 A7 K7 |
    // S1 S4 K4 O13 O14. Overdue on office time, ready ones and S10 (0.17 with the office)
    // excepted: S9 4.17 > 1, A8 5.17 > 3, A9 3.33 > 3, K7 6 > 4, O13 22.17 > 1.
    let ages: Vec<(&str, usize, usize)> = report
        .open_by_age
        .iter()
        .map(|b| (b.label, b.count, b.overdue))
        .collect();
    assert_eq!(
        ages,
        [
            ("0–2 hari", 2, 0),
            ("3–7 hari", 6, 3),
            ("8–14 hari", 3, 1),
            ("> 14 hari", 5, 1)
        ]
    );
    let overdue: Vec<(&str, f64, u16)> = report
        .overdue
        .iter()
        .map(|o| (o.number.as_str(), o.office_days, o.expected_days))
        .collect();
    let n = |name: &str| built.numbers[name].as_str();
    let hand = [
        (n("O13"), mt(5.0) + mt(6.0) + fr(3.0) + 19.0 + mt(2.0), 1),
        (n("K7"), fr(2.0) + 5.0 + mt(2.0), 4),
        (n("A8"), mt(5.0) + 4.0 + mt(2.0), 3),
        (n("S9"), mt(5.0) + 3.0 + mt(2.0), 1),
        (n("A9"), 3.0 + mt(2.0), 3),
    ];
    assert_eq!(overdue.len(), hand.len(), "{overdue:?}");
    for ((number, days, expected), (h_number, h_days, h_expected)) in overdue.iter().zip(hand) {
        assert_eq!((*number, *expected), (h_number, h_expected));
        assert!(close(*days, h_days), "{number}: {days} vs {h_days}");
    }
    // Beranda says the same cases are overdue.
    let home = app.home().expect("home");
    let mut late: Vec<String> = home.overdue.iter().map(|c| c.number.clone()).collect();
    late.sort();
    let mut want: Vec<String> = hand.iter().map(|h| h.0.to_string()).collect();
    want.sort();
    assert_eq!(late, want);
}

const SUMMARY: &str = "*Ringkasan layanan Desa Wonojati*
1–30 November 2026 · berkas yang masuk

Berkas masuk: 30 (11 di antaranya di luar jam layanan)
Sudah siap: 19 · Selesai: 13 · Dibatalkan: 3 · Masih berjalan: 14
Waktu di kantor sampai siap: biasanya 2,2 hari kerja, 9 dari 10 siap dalam 3,5 hari kerja (dari 19 berkas yang sudah siap; 14 masih berjalan)
- di desa: biasanya 0,7 hari kerja, 9 dari 10 siap dalam 2,2 hari kerja
- di luar desa: biasanya 2,2 hari kerja, paling lama 3,2 hari kerja (9 berkas diteruskan)
Waktu di warga (Belum lengkap): biasanya 0 hari, 9 dari 10 dilengkapi dalam 2,9 hari
Lama bagi warga sampai siap: biasanya 3 hari kalender, 9 dari 10 siap dalam 7 hari kalender
Balasan pertama (jam kantor): biasanya 12,5 menit, 9 dari 10 dibalas dalam 30 menit (dari 24 berkas yang sudah dibalas)
Pesan di luar jam layanan dibalas (jam dinding): biasanya 20,5 jam, paling lama 2,7 hari (dari 8 berkas)
Waktu di kantor lebih lambat 0,7 hari kerja dari bulan lalu (biasanya 1,5 → 2,2 hari kerja).

Per layanan (berkas · siap · biasanya di kantor):
- Akta kelahiran: 10 · 6 · 2,5 hari kerja
- KTP-el baru (rekam pertama): 10 · 6 · 3,3 hari kerja
- Surat keterangan tidak mampu (SKTM): 10 · 7 · 0,6 hari kerja

Berkas terbuka saat ini: 16, 5 melewati perkiraan waktu (dihitung dengan jam kantor).";

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
    let cli = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
            .args(["report", "--db"])
            .arg(&copy)
            .args([
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--now-ms",
                &at(NOW).to_string(),
            ])
            .args(extra)
            .output()
            .expect("run")
    };
    let out = cli(&[
        "--csv",
        &csv.to_string_lossy(),
        "--cases-csv",
        &cases_csv.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), SUMMARY);

    // The summary CSV: UTF-8 with BOM, Indonesian headers, one line per service, the total,
    // and the total of October for the comparison.
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with(
        "Periode,Berkas menurut,Layanan,Berkas,Sudah siap,Selesai,Dibatalkan,Masih berjalan,Di luar jam layanan,\
         Nilai tengah waktu di kantor sampai siap (hari kerja),P90 waktu di kantor sampai siap (hari kerja),\
         Jumlah berkas waktu di kantor sampai siap,"
    ), "{}", lines[0]);
    assert_eq!(
        lines[4],
        "2026-11-01 s/d 2026-11-30,berkas yang masuk,Semua layanan,30,19,13,3,14,11,\
         2.17,3.5,19,0.67,2.17,19,2.17,3.17,9,0,2.85,19,3,7,19,12.5,30,24,1232.5,3930,8"
    );
    assert_eq!(
        lines[5],
        "2026-10-01 s/d 2026-10-31,berkas yang masuk,Semua layanan (periode sebelumnya),14,13,12,0,2,0,\
         1.5,2,13,1.5,2,13,,,0,0,0,13,1,2,13,,,0,,,0"
    );
    let cases = std::fs::read_to_string(&cases_csv).expect("cases csv");
    assert_eq!(cases.lines().count(), 31, "header and 30 November cases");
    assert!(!cases.contains("Warga"), "no personal data in the export");

    // "Simpan keduanya ke Unduhan" writes the same two files through the platform.
    let saved = app.save_report_csv(november()).expect("export");
    assert_eq!(saved.len(), 2);
    let files = built.platform.saved();
    assert_eq!(
        files[0].name,
        "laporan-wonojati-masuk-2026-11-01_2026-11-30-ringkasan.csv"
    );
    assert_eq!(files[0].bytes, std::fs::read(&csv).expect("csv"));
    assert_eq!(files[1].bytes, std::fs::read(&cases_csv).expect("cases"));

    // "Berkas yang siap bulan ini": the screen and `--menurut siap` agree too.
    let ready = Scope {
        period: november(),
        basis: Basis::Ready,
    };
    let out = cli(&["--menurut", "siap"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        app.summary_text(ready).expect("ready summary")
    );

    // Bad dates and an unknown basis are refused with a clear message and a failing code.
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
    let out = cli(&["--menurut", "selesai"]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "--menurut \"selesai\" tidak dikenal: tulis \"masuk\" atau \"siap\"."
    );
}

/// "Berkas yang siap bulan ini" holds the cases ready in November, whenever they were
/// written: the 19 of November and O14 (written in October, ready 2 November).
#[test]
fn cases_ready_this_month_are_counted_by_their_ready_date() {
    let built = build();
    let report = built
        .app
        .report(Scope {
            period: november(),
            basis: Basis::Ready,
        })
        .expect("report");
    let t = &report.total;
    // Out of hours among them: S2 S3 S4 S7 A2 A7 K2 K4; not collected: S1 S4 S6 A7 K4 K8 O14.
    assert_eq!(
        (
            t.cases,
            t.ready,
            t.done,
            t.cancelled,
            t.open,
            t.out_of_hours
        ),
        (20, 20, 13, 0, 7, 8)
    );
    // The November list with O14's 1.33 added: 10th 2.08 and 11th 2.17; 18th 3.33.
    assert_stats(
        &t.office,
        20,
        (mt(12.5) + fr(1.0 / 60.0) + mt(13.0)) / 2.0,
        mt(20.0),
    );
    // October by ready date: O1–O12, 6th 1.5 and 7th 1.67.
    assert_stats(
        &report.previous.total.office,
        12,
        (1.5 + mt(10.0)) / 2.0,
        2.0,
    );
    assert_eq!(
        layanan_desa::domain::report::comparison_text(&report),
        "Waktu di kantor lebih lambat 0,5 hari kerja dari bulan lalu (biasanya 1,6 → 2,1 hari kerja)."
    );
    let summary = built
        .app
        .summary_text(Scope {
            period: november(),
            basis: Basis::Ready,
        })
        .expect("summary");
    assert!(summary.starts_with("*Ringkasan layanan Desa Wonojati*\n1–30 November 2026 · berkas yang siap\n\nBerkas siap: 20 (8 di antaranya di luar jam layanan)\n"), "{summary}");
}

/// A week whose cases are mostly still open says so, and a comparison needs enough cases on
/// both sides.
#[test]
fn a_mostly_open_period_says_so_and_small_periods_are_not_compared() {
    let built = build();
    let week = Period::parse("2026-11-23", "2026-11-30").expect("week");
    let report = built.app.report(week).expect("report");
    // Written 23–30: S8 (cancelled) S9 S10 A8 A9 A10 K8 K9 K10: 8 of 9 open.
    assert_eq!((report.total.cases, report.total.open), (9, 8));
    assert!(report.total.mostly_open());
    // The 8 days before: 15–22 November, with 4 ready cases (S6 S7 A7 K5); this week 1 (K8).
    assert_eq!(
        report.previous.period,
        Period::parse("2026-11-15", "2026-11-22").expect("before")
    );
    let summary = built.app.summary_text(week).expect("summary");
    assert!(summary.contains(
        "Belum dibandingkan dengan periode sebelumnya (15–22 November 2026): perlu sedikitnya 10 berkas yang sudah siap di kedua periode (sekarang 1, sebelumnya 4)."
    ), "{summary}");
    assert!(summary.contains(
        "Sebagian besar berkas periode ini masih berjalan (8 dari 9): waktu tunggunya belum terhitung, jadi angka di atas bisa tampak lebih cepat dari kenyataan."
    ), "{summary}");
}

#[test]
fn a_saturday_night_request_waits_in_the_out_of_hours_queue_with_its_own_reply() {
    let built = build();
    let app = &built.app;
    // Monday 30 November 10.00: A10 (Sunday 07.00) and K10 (Monday 07.00) are new and were
    // written out of hours; the queue is in the order the residents wrote.
    let home = app.home().expect("home");
    let queue: Vec<&str> = home.out_of_hours.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(queue, ["Warga A10", "Warga K10"], "oldest message first");
    assert!(home.office_open, "Monday 10.00 is open");
    assert_eq!(home.next_opening, None);

    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(at("11-28 20:00")));
    let platform = Recording::new(Device::default());
    let app = TestPhone::new(dir.path())
        .clock(&clock)
        .platform(platform.clone())
        .start();
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

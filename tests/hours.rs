//! Office hours: open or closed across midnight, breaks, Friday, holidays, phones set to other
//! time zones and the turn of the year; the next opening; working days; the texts; and the
//! import of a yearly holiday list.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use layanan_desa::domain::hours::{parse_holidays, Holiday, HolidayError, OfficeHours, Schedule};

/// Milliseconds of a WIB wall-clock time.
fn wib(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    FixedOffset::east_opt(7 * 3600)
        .and_then(|z| z.with_ymd_and_hms(y, mo, d, h, mi, 0).single())
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|| panic!("bad test time {y}-{mo}-{d} {h}:{mi}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("bad test date"))
}

fn holiday(y: i32, m: u32, d: u32, name: &str) -> Holiday {
    Holiday {
        date: date(y, m, d),
        name: name.into(),
    }
}

fn suggested() -> OfficeHours {
    OfficeHours::new(Schedule::suggested(), [])
}

fn with_break() -> OfficeHours {
    let schedule = Schedule::parse(
        "Senin: 08.00–12.00, 12.30–14.00\nSelasa: 08.00-12.00 dan 12.30-14.00\nJumat: 08:00 s/d 11:00",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    OfficeHours::new(schedule, [])
}

fn opening(hours: &OfficeHours, at: i64) -> String {
    hours
        .next_opening(at)
        .map(|t| t.format("%a %Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "never".into())
}

#[test]
fn the_suggested_week_is_monday_to_thursday_and_a_short_friday() {
    let h = suggested();
    // 2026-11-23 is a Monday.
    let cases = [
        (wib(2026, 11, 23, 7, 59), false, "before opening"),
        (wib(2026, 11, 23, 8, 0), true, "opening minute"),
        (wib(2026, 11, 23, 13, 59), true, "last minute"),
        (wib(2026, 11, 23, 14, 0), false, "closing minute is closed"),
        (wib(2026, 11, 26, 10, 0), true, "Thursday"),
        (wib(2026, 11, 27, 10, 59), true, "Friday morning"),
        (wib(2026, 11, 27, 11, 0), false, "Friday closes at 11"),
        (wib(2026, 11, 27, 13, 0), false, "Friday afternoon"),
        (wib(2026, 11, 28, 10, 0), false, "Saturday"),
        (wib(2026, 11, 29, 10, 0), false, "Sunday"),
    ];
    for (at, open, why) in cases {
        assert_eq!(h.is_open(at), open, "{why}");
    }
    assert_eq!(
        h.describe(),
        "Senin–Kamis 08.00–14.00, Jumat 08.00–11.00 WIB"
    );
}

#[test]
fn a_break_closes_the_office_between_its_spans() {
    let h = with_break();
    assert!(h.is_open(wib(2026, 11, 23, 11, 59)));
    assert!(!h.is_open(wib(2026, 11, 23, 12, 0)));
    assert!(!h.is_open(wib(2026, 11, 23, 12, 29)));
    assert!(h.is_open(wib(2026, 11, 23, 12, 30)));
    assert_eq!(
        opening(&h, wib(2026, 11, 23, 12, 10)),
        "Mon 2026-11-23 12:30"
    );
    assert_eq!(
        h.opening_text(wib(2026, 11, 23, 12, 10)),
        "hari ini mulai pukul 12.30 WIB"
    );
    assert_eq!(
        h.describe(),
        "Senin–Selasa 08.00–12.00 dan 12.30–14.00, Jumat 08.00–11.00 WIB"
    );
}

#[test]
fn after_closing_the_next_opening_is_the_next_working_morning() {
    let h = suggested();
    // Thursday evening → Friday 08.00; Friday noon → Monday 08.00 (the weekend is skipped).
    assert_eq!(
        opening(&h, wib(2026, 11, 26, 20, 0)),
        "Fri 2026-11-27 08:00"
    );
    assert_eq!(
        opening(&h, wib(2026, 11, 27, 11, 0)),
        "Mon 2026-11-30 08:00"
    );
    // Saturday 20.00, the case in the issue.
    let saturday = wib(2026, 11, 28, 20, 0);
    assert_eq!(opening(&h, saturday), "Mon 2026-11-30 08:00");
    assert_eq!(
        h.opening_text(saturday),
        "hari Senin 30 November 2026 mulai pukul 08.00 WIB"
    );
    // Sunday → "besok".
    assert_eq!(
        h.opening_text(wib(2026, 11, 29, 21, 30)),
        "besok, Senin 30 November 2026, mulai pukul 08.00 WIB"
    );
    // Open now: the next opening is now.
    let now = wib(2026, 11, 23, 9, 15);
    assert_eq!(h.next_opening(now).map(|t| t.timestamp_millis()), Some(now));
    // Seconds past the opening minute on a closed moment round up to the next minute.
    let before = wib(2026, 11, 23, 7, 59) + 30_000;
    assert_eq!(opening(&h, before), "Mon 2026-11-23 08:00");
}

#[test]
fn a_span_past_midnight_belongs_to_the_day_it_starts() {
    // A night service (a village with a night market post), Friday 22.00 to Saturday 02.00.
    let schedule = Schedule::parse("Jumat: 22.00–02.00").unwrap_or_else(|e| panic!("{e}"));
    let holiday_saturday = holiday(2026, 11, 28, "Libur Sabtu");
    let h = OfficeHours::new(schedule.clone(), []);
    assert!(h.is_open(wib(2026, 11, 27, 23, 30)));
    assert!(h.is_open(wib(2026, 11, 28, 0, 0)), "midnight itself");
    assert!(h.is_open(wib(2026, 11, 28, 1, 59)));
    assert!(!h.is_open(wib(2026, 11, 28, 2, 0)));
    assert!(!h.is_open(wib(2026, 11, 27, 21, 59)));
    assert_eq!(opening(&h, wib(2026, 11, 28, 3, 0)), "Fri 2026-12-04 22:00");
    // A holiday on Saturday does not cut Friday's night short; a holiday on Friday removes it.
    let h = OfficeHours::new(schedule.clone(), [holiday_saturday]);
    assert!(h.is_open(wib(2026, 11, 28, 1, 0)));
    let h = OfficeHours::new(schedule, [holiday(2026, 11, 27, "Libur Jumat")]);
    assert!(!h.is_open(wib(2026, 11, 27, 23, 0)));
    assert!(!h.is_open(wib(2026, 11, 28, 1, 0)));
    assert_eq!(h.describe(), "Jumat 22.00–02.00 WIB");
}

#[test]
fn holidays_close_the_office_and_push_the_next_opening() {
    let h = OfficeHours::new(
        Schedule::suggested(),
        [
            holiday(2026, 12, 24, "Cuti bersama Natal"),
            holiday(2026, 12, 25, "Hari Raya Natal"),
            holiday(2027, 1, 1, "Tahun Baru 2027 Masehi"),
        ],
    );
    assert!(
        !h.is_open(wib(2026, 12, 24, 9, 0)),
        "Thursday, cuti bersama"
    );
    assert!(!h.is_open(wib(2026, 12, 25, 9, 0)), "Friday, Christmas");
    assert!(h.is_open(wib(2026, 12, 23, 9, 0)));
    assert_eq!(h.holiday(date(2026, 12, 25)), Some("Hari Raya Natal"));
    // Wednesday afternoon before Christmas → Monday 28th.
    assert_eq!(
        opening(&h, wib(2026, 12, 23, 15, 0)),
        "Mon 2026-12-28 08:00"
    );
}

#[test]
fn the_turn_of_the_year_is_crossed_by_the_next_opening() {
    let h = OfficeHours::new(
        Schedule::suggested(),
        [holiday(2027, 1, 1, "Tahun Baru 2027 Masehi")],
    );
    // Thursday 31 December 2026 after closing; Friday 1 January is a holiday; so Monday 4th.
    let new_years_eve = wib(2026, 12, 31, 23, 59);
    assert_eq!(opening(&h, new_years_eve), "Mon 2027-01-04 08:00");
    assert_eq!(
        h.opening_text(new_years_eve),
        "hari Senin 4 Januari 2027 mulai pukul 08.00 WIB"
    );
    // 2027-01-01 00.30 WIB is still 2026-12-31 in UTC: the WIB date decides.
    assert!(!h.is_open(wib(2027, 1, 1, 0, 30)));
    assert_eq!(
        h.working_days(wib(2026, 12, 31, 10, 0), wib(2027, 1, 4, 9, 0)),
        1
    );
}

#[test]
fn the_phone_time_zone_does_not_change_the_answer() {
    let h = suggested();
    // The same instant written by a phone in WIT (UTC+9, Papua), in UTC and in Europe (UTC+1):
    // Monday 08.30 WIB.
    let zones = [9 * 3600, 0, 3600, -5 * 3600, 7 * 3600];
    let expected = wib(2026, 11, 23, 8, 30);
    for offset in zones {
        let zone = FixedOffset::east_opt(offset).unwrap_or_else(|| panic!("offset"));
        let local = zone.timestamp_millis_opt(expected).single();
        let ms = local.map(|t| t.timestamp_millis());
        assert_eq!(ms, Some(expected));
        assert!(h.is_open(expected), "offset {offset}");
    }
    // A phone in WIT reads 16.00 on Monday: the office (WIB) is still open until 14.00 WIB = 16.00 WIT.
    let wit = FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| panic!("offset"));
    let at = wit
        .with_ymd_and_hms(2026, 11, 23, 15, 59, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .unwrap_or_default();
    assert!(h.is_open(at));
    assert!(!h.is_open(at + 60_000));
    // And with the process time zone set somewhere else, nothing moves (no Local time used).
    std::env::set_var("TZ", "America/New_York");
    assert!(h.is_open(expected));
    assert_eq!(
        opening(&h, wib(2026, 11, 28, 20, 0)),
        "Mon 2026-11-30 08:00"
    );
}

#[test]
fn working_days_count_open_days_after_the_first_date() {
    let h = OfficeHours::new(
        Schedule::suggested(),
        [holiday(2026, 11, 25, "Hari Guru (contoh libur)")],
    );
    let mon = wib(2026, 11, 23, 9, 0);
    assert_eq!(h.working_days(mon, wib(2026, 11, 23, 13, 0)), 0, "same day");
    assert_eq!(h.working_days(mon, wib(2026, 11, 24, 9, 0)), 1);
    assert_eq!(
        h.working_days(mon, wib(2026, 11, 26, 9, 0)),
        2,
        "Wed is a holiday"
    );
    assert_eq!(
        h.working_days(mon, wib(2026, 11, 30, 9, 0)),
        4,
        "weekend skipped"
    );
    assert_eq!(
        h.working_days(wib(2026, 11, 28, 20, 0), wib(2026, 11, 30, 9, 0)),
        1,
        "Saturday to Monday"
    );
    assert_eq!(h.working_days(mon, mon - 86_400_000), 0, "backwards");
}

#[test]
fn schedules_round_trip_and_bad_text_is_named() {
    let text = with_break().schedule.to_text();
    assert_eq!(
        text,
        "Senin: 08.00–12.00 dan 12.30–14.00\nSelasa: 08.00–12.00 dan 12.30–14.00\nRabu: tutup\n\
         Kamis: tutup\nJumat: 08.00–11.00\nSabtu: tutup\nMinggu: tutup"
    );
    assert_eq!(Schedule::parse(&text), Ok(with_break().schedule));
    assert_eq!(Schedule::parse(""), Ok(Schedule::default()));
    assert!(Schedule::default().is_closed_all_week());
    assert!(suggested().next_opening(0).is_some());
    assert_eq!(OfficeHours::default().next_opening(0), None, "never opens");
    assert_eq!(OfficeHours::default().describe(), "belum diatur");

    let bad = [
        ("Senin: 8 pagi", "Jam \"8 pagi\" tidak dikenal. Tulis seperti 08.00–14.00."),
        ("Senin: 25.00–14.00", "Jam \"25.00–14.00\" tidak dikenal. Tulis seperti 08.00–14.00."),
        (
            "Senin: 08.00–12.00, 11.00–14.00",
            "Jam Senin bertumpuk: 08.00–12.00 dan 11.00–14.00.",
        ),
        (
            "Snein: 08.00–12.00",
            "Hari \"Snein\" tidak dikenal. Tulis Senin, Selasa, Rabu, Kamis, Jumat, Sabtu atau Minggu.",
        ),
        (
            "Senin 08.00–12.00",
            "Baris \"Senin 08.00–12.00\" tidak dikenal. Tulis seperti \"Senin: 08.00–14.00\".",
        ),
        ("Senin: 08.00–12.00\nsenin: tutup", "Hari Senin ditulis dua kali."),
        (
            "Senin: 08.00–08.00",
            "Rentang jam \"08.00–08.00\" tidak masuk akal: jam tutup harus sesudah jam buka.",
        ),
    ];
    for (text, message) in bad {
        let error = Schedule::parse(text).err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some(message),
            "{text}"
        );
    }
}

#[test]
fn holiday_lists_import_from_csv_in_the_forms_offices_have() {
    let file = "\u{feff}tanggal;keterangan\n01/01/2027;Tahun Baru 2027 Masehi\n\n2027-03-10; Isra Mikraj Nabi Muhammad SAW\n17-08-2027;Hari Kemerdekaan RI\n";
    let holidays = parse_holidays(file).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        holidays,
        vec![
            holiday(2027, 1, 1, "Tahun Baru 2027 Masehi"),
            holiday(2027, 3, 10, "Isra Mikraj Nabi Muhammad SAW"),
            holiday(2027, 8, 17, "Hari Kemerdekaan RI"),
        ]
    );
    // Comma separated, no header, a quoted name with a comma.
    let file = "2027-12-24,\"Cuti bersama, Natal\"\n2027-12-25,Hari Raya Natal";
    let holidays = parse_holidays(file).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(holidays[0].name, "Cuti bersama, Natal");

    let bad =
        "tanggal,keterangan\n2027-02-30,Tanggal salah\n2027-05-01,\n2027-06-01,A\n2027-06-01,B\n";
    let errors = parse_holidays(bad).err().unwrap_or_default();
    assert_eq!(
        errors,
        vec![
            HolidayError::BadDate {
                line: 2,
                text: "2027-02-30".into()
            },
            HolidayError::NoName { line: 3 },
            HolidayError::Duplicate {
                line: 5,
                date: "2027-06-01".into()
            },
        ]
    );
    assert_eq!(
        errors[0].to_string(),
        "Baris 2: tanggal \"2027-02-30\" tidak dikenal. Tulis seperti 2027-01-01 atau 01/01/2027."
    );
    assert_eq!(parse_holidays("").err(), Some(vec![HolidayError::Empty]));
    assert_eq!(
        parse_holidays("tanggal,keterangan\n").err(),
        Some(vec![HolidayError::Empty])
    );
}

/// The office's clock (issue 19): minutes open between two moments and working days as shares
/// of each day's opening hours, worked out by hand for the built-in hours (Senin–Kamis
/// 08.00–14.00 = 360 minutes, Jumat 08.00–11.00 = 180 minutes).
#[test]
fn the_office_clock_counts_only_opening_hours() {
    let hours = suggested();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // Saturday night to Monday 09.00: one hour of Monday, 1/6 of a working day.
    let (sat, mon9) = (wib(2026, 11, 28, 20, 14), wib(2026, 11, 30, 9, 0));
    assert_eq!(hours.open_minutes(sat, mon9), 60);
    assert!(close(hours.office_days(sat, mon9), 1.0 / 6.0));
    // Monday 10.00 to Tuesday 10.00: 4 + 2 hours = one whole day.
    let (mon10, tue10) = (wib(2026, 11, 30, 10, 0), wib(2026, 12, 1, 10, 0));
    assert_eq!(hours.open_minutes(mon10, tue10), 360);
    assert!(close(hours.office_days(mon10, tue10), 1.0));
    // Thursday 13.00 to Monday 09.00: 1 hour of Thursday (1/6), all of the short Friday (1),
    // 1 hour of Monday (1/6).
    let (thu13, mon9b) = (wib(2026, 12, 3, 13, 0), wib(2026, 12, 7, 9, 0));
    assert_eq!(hours.open_minutes(thu13, mon9b), 60 + 180 + 60);
    assert!(close(
        hours.office_days(thu13, mon9b),
        1.0 / 6.0 + 1.0 + 1.0 / 6.0
    ));
    // Inside one closed stretch, backwards, or the same moment: nothing.
    assert_eq!(
        hours.open_minutes(wib(2026, 11, 30, 15, 0), wib(2026, 12, 1, 7, 59)),
        0
    );
    assert_eq!(hours.open_minutes(tue10, mon10), 0);
    assert!(close(hours.office_days(mon10, mon10), 0.0));
    // A holiday on Tuesday: Monday 10.00 to Wednesday 10.00 is again one day.
    let with_holiday = OfficeHours::new(
        Schedule::suggested(),
        [holiday(2026, 12, 1, "Libur contoh")],
    );
    let wed10 = wib(2026, 12, 2, 10, 0);
    assert_eq!(with_holiday.open_minutes(mon10, wed10), 360);
    assert!(close(with_holiday.office_days(mon10, wed10), 1.0));
    // A night span belongs to the day it starts on: Monday 23.00 to Tuesday 01.00 is half of
    // Monday's 22.00–02.00.
    let night = OfficeHours::new(
        Schedule::parse("Senin: 22.00–02.00").unwrap_or_else(|e| panic!("{e}")),
        [],
    );
    let (a, b) = (wib(2026, 11, 30, 23, 0), wib(2026, 12, 1, 1, 0));
    assert_eq!(night.open_minutes(a, b), 120);
    assert!(close(night.office_days(a, b), 0.5));
}

//! Reminders that reach the official while the app is closed: at the office's opening time when
//! requests came in while it was closed ("3 permintaan masuk saat kantor tutup"), and at the
//! first opening of each of the next working days when cases are overdue. The plan is a pure
//! function of the book and the hours, computed anew whenever the app runs; the platform arms
//! it (Android: notifications through AlarmManager) or the app shows it on screen.
//!
//! The texts show on a lock screen, so they carry counts only: no names, numbers or services.

use super::hours::OfficeHours;
use super::report::CaseFacts;

/// Which list a reminder opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    /// Requests received while the office was closed, waiting for the morning.
    OutOfHours,
    /// Open cases past their service's processing time.
    Overdue,
}

keyed!(ReminderKind, list_name {
    OutOfHours => "luar-jam", "Permintaan di luar jam";
    Overdue => "terlambat", "Berkas terlambat";
});

impl ReminderKind {
    /// The id of Beranda's section the reminder opens.
    pub fn anchor(self) -> &'static str {
        match self {
            ReminderKind::OutOfHours => "antrean-luar-jam",
            ReminderKind::Overdue => "antrean-terlambat",
        }
    }
}

/// One notification at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Stable per slot (the notification replaces an older one with the same id).
    pub id: i32,
    pub kind: ReminderKind,
    /// When it goes off, UTC milliseconds.
    pub at_ms: i64,
    pub title: String,
    pub text: String,
}

/// How many working days ahead the overdue reminder is planned: the plan holds even when the
/// app is not opened for a week.
pub const OVERDUE_DAYS: usize = 7;

/// The id of the out-of-hours reminder; overdue ones take `OVERDUE_FIRST_ID + day`.
pub const OUT_OF_HOURS_ID: i32 = 1;
pub const OVERDUE_FIRST_ID: i32 = 100;

/// Everything to arm at `now_ms`, in time order.
///
/// - `waiting`: requests received outside office hours and still new. They can only change
///   while the app runs (a request arrives by being shared into it), so the count holds until
///   the app plans again. While the office is open there is no morning to remind of.
/// - `open`: the open cases' facts; each overdue reminder counts the cases overdue at its own
///   moment, since cases become overdue while the phone lies in a drawer.
pub fn plan(now_ms: i64, hours: &OfficeHours, waiting: usize, open: &[CaseFacts]) -> Vec<Reminder> {
    let mut plan = Vec::new();
    if waiting > 0 && !hours.is_open(now_ms) {
        if let Some(at) = hours.next_opening(now_ms) {
            plan.push(Reminder {
                id: OUT_OF_HOURS_ID,
                kind: ReminderKind::OutOfHours,
                at_ms: at.timestamp_millis(),
                title: format!("{waiting} permintaan masuk saat kantor tutup"),
                text: "Ketuk untuk membuka antrean dan membalas warga.".to_string(),
            });
        }
    }
    for (day, at) in (0..).zip(hours.day_openings_after(now_ms).take(OVERDUE_DAYS)) {
        let at_ms = at.timestamp_millis();
        let late = open
            .iter()
            .filter(|f| f.overdue(hours, at_ms).is_some())
            .count();
        if late > 0 {
            plan.push(Reminder {
                id: OVERDUE_FIRST_ID + day,
                kind: ReminderKind::Overdue,
                at_ms,
                title: format!("{late} berkas terlambat"),
                text: "Sudah melewati lama proses layanannya. Ketuk untuk melihat daftarnya."
                    .to_string(),
            });
        }
    }
    plan.sort_by_key(|r| (r.at_ms, r.id));
    plan
}

/// The reminders of `armed` whose moment came by `now_ms`: what the app shows on screen where
/// the platform has no notifications.
pub fn due(armed: &[Reminder], now_ms: i64) -> impl Iterator<Item = &Reminder> {
    armed.iter().filter(move |r| r.at_ms <= now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::StatusKind;
    use crate::domain::hours::Schedule;
    use crate::domain::time::WIB;
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32) -> i64 {
        // December 2026: the 7th is a Monday.
        WIB.with_ymd_and_hms(2026, 12, d, h, m, 0)
            .single()
            .map(|t| t.timestamp_millis())
            .unwrap_or_default()
    }

    fn hours() -> OfficeHours {
        OfficeHours::new(Schedule::suggested(), [])
    }

    fn open_case(number: &str, received: i64, days: u16) -> CaseFacts {
        CaseFacts {
            number: number.into(),
            service_id: "ktp".into(),
            service_name: "KTP-el".into(),
            message_ms: received,
            out_of_hours: false,
            status: StatusKind::InProcess,
            first_reply_ms: None,
            ready_ms: None,
            done_ms: None,
            cancelled_ms: None,
            expected_days: Some(days),
            left_village_ms: None,
            incomplete: Vec::new(),
        }
    }

    #[test]
    fn a_closed_office_with_waiting_requests_is_reminded_at_opening() {
        let evening = at(7, 20, 0);
        let plan = plan(evening, &hours(), 3, &[]);
        assert_eq!(plan.len(), 1);
        let r = &plan[0];
        assert_eq!(r.kind, ReminderKind::OutOfHours);
        assert_eq!(
            r.at_ms,
            hours()
                .next_opening(evening)
                .map(|t| t.timestamp_millis())
                .unwrap_or(0)
        );
        assert!(r.at_ms > evening);
        assert_eq!(r.title, "3 permintaan masuk saat kantor tutup");
    }

    #[test]
    fn nothing_waiting_or_an_open_office_plans_no_morning_reminder() {
        assert!(plan(at(7, 20, 0), &hours(), 0, &[]).is_empty());
        let opening = hours()
            .next_opening(at(7, 20, 0))
            .map(|t| t.timestamp_millis());
        let during = opening.unwrap_or_default() + 60_000;
        assert!(hours().is_open(during));
        assert!(plan(during, &hours(), 4, &[]).is_empty());
    }

    #[test]
    fn overdue_reminders_count_the_cases_late_on_each_morning() {
        // Received Monday morning with one working day to go: not late on Tuesday's opening,
        // late from a later morning on, so the count starts on a later day and stays.
        let monday = at(7, 9, 0);
        let cases = [
            open_case("2026-0001", monday, 1),
            open_case("2026-0002", monday, 3),
        ];
        let plan = plan(at(7, 20, 0), &hours(), 0, &cases);
        assert!(!plan.is_empty());
        assert!(plan.len() <= OVERDUE_DAYS);
        assert!(plan.iter().all(|r| r.kind == ReminderKind::Overdue));
        let counts: Vec<usize> = plan
            .iter()
            .map(|r| {
                r.title
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0)
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert_eq!(counts.last(), Some(&2));
        assert_eq!(counts.first(), Some(&1));
        // One per working day: never two on one date, never on a closed day.
        let dates: Vec<_> = plan
            .iter()
            .filter_map(|r| crate::domain::time::to_wib(r.at_ms).map(|t| t.date_naive()))
            .collect();
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
        assert!(dates.iter().all(|d| hours().is_working_day(*d)));
        let ids: std::collections::HashSet<i32> = plan.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), plan.len());
    }

    #[test]
    fn texts_name_no_resident_and_due_picks_the_past_ones() {
        let cases = [open_case("2026-0001", at(1, 9, 0), 1)];
        let plan = plan(at(7, 20, 0), &hours(), 2, &cases);
        for r in &plan {
            assert!(!r.title.contains("2026-") && !r.text.contains("2026-"));
            assert!(!r.text.contains("KTP"));
        }
        let first = plan.first().map(|r| r.at_ms).unwrap_or_default();
        assert_eq!(due(&plan, first - 1).count(), 0);
        assert!(due(&plan, first).count() >= 1);
        assert_eq!(
            ReminderKind::from_key("luar-jam"),
            Some(ReminderKind::OutOfHours)
        );
        assert_eq!(ReminderKind::from_key("lain"), None);
    }
}

//! Reminders that reach the official: off until this phone turns them on (Pengaturan), then
//! planned by `domain::reminder` from the open cases and the office hours, and handed to the
//! platform whenever the plan changes (Android arms notifications that go off with the app
//! closed). Where the platform has no notifications (the desktop preview) a reminder whose
//! moment came shows on the app's own screen until it is opened or closed.
//!
//! The setting belongs to this phone only: a reminder is for the official who holds it.

use crate::domain::case::StatusKind;
use crate::domain::reminder::{self, Reminder, ReminderKind};
use crate::platform::ReminderDelivery;

use super::{App, AppError};

/// Where the choice is kept ("1": on).
const KEY: &str = "pengingat";

/// The plan is made again at least this often while the app runs (cases become overdue, the
/// office closes), and at once when the book changed.
const REPLAN_MS: i64 = 60_000;

/// What the reminders did so far in this run.
#[derive(Debug, Default)]
pub(crate) struct ReminderState {
    /// The plan handed to the platform last, and how it delivers it.
    armed: Option<(Vec<Reminder>, ReminderDelivery)>,
    /// `(store changes, when)` of the last plan.
    planned: Option<(u64, i64)>,
    /// Whether the app was on screen at the last tick.
    on_screen: bool,
    /// Reminders whose moment came, shown on screen (on-screen delivery only).
    shown: Vec<Reminder>,
}

impl App {
    /// Whether this phone reminds its official (off until turned on).
    pub fn reminders_on(&self) -> bool {
        self.has_case_book()
            && self
                .book()
                .ok()
                .and_then(|b| b.store.setting(KEY).ok().flatten())
                .is_some_and(|v| v == "1")
    }

    /// Turns the reminders on or off for this phone, arms or cancels them at once, and says in
    /// words what the official can expect.
    pub fn set_reminders_on(&self, on: bool) -> Result<String, AppError> {
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store
                .set_settings(&[(KEY, if on { "1" } else { "0" })], now)?;
        }
        if !on {
            self.reminder_state().shown.clear();
            self.plan_reminders()?;
            return Ok("Pengingat dimatikan.".to_string());
        }
        let delivery = self.plan_reminders()?;
        let allowed = self.platform.allow_notifications()?;
        Ok(match (delivery, allowed) {
            (ReminderDelivery::OnScreen, _) => "Pengingat aktif. Di komputer ini pengingat muncul \
                di layar aplikasi, tidak sebagai notifikasi."
                .to_string(),
            (ReminderDelivery::Notifications, true) => "Pengingat aktif. HP ini memberi tahu pada \
                jam buka kantor bila ada permintaan yang masuk saat kantor tutup, dan tiap pagi \
                bila ada berkas terlambat."
                .to_string(),
            (ReminderDelivery::Notifications, false) => "Pengingat aktif, tetapi notifikasi \
                belum diizinkan. Pilih \"Izinkan\" saat HP bertanya, atau buka Setelan Android › \
                Aplikasi › Layanan Desa › Notifikasi."
                .to_string(),
        })
    }

    /// Once a second from the screen: shows the reminders whose moment came (on-screen
    /// delivery), and plans again when the book changed, a minute passed or the app left the
    /// screen. True when the reminders on screen changed.
    pub fn reminder_tick(&self) -> Result<bool, AppError> {
        if !self.has_case_book() {
            return Ok(false);
        }
        let (now, changes) = {
            let book = self.book()?;
            (book.now_ms(), book.store.changes())
        };
        let on_screen = self.platform.in_foreground();
        let (fired, replan) = {
            let mut state = self.reminder_state();
            let mut fired = false;
            if let Some((armed, ReminderDelivery::OnScreen)) = &mut state.armed {
                let due: Vec<Reminder> = reminder::due(armed, now).cloned().collect();
                armed.retain(|r| r.at_ms > now);
                for r in due {
                    state.shown.retain(|s| s.kind != r.kind);
                    state.shown.push(r);
                    fired = true;
                }
            }
            let left_screen = state.on_screen && !on_screen;
            state.on_screen = on_screen;
            let replan = left_screen
                || state
                    .planned
                    .is_none_or(|(seen, at)| seen != changes || now - at >= REPLAN_MS || now < at);
            (fired, replan)
        };
        if replan {
            self.plan_reminders()?;
        }
        Ok(fired)
    }

    /// The reminders shown on screen now, oldest first.
    pub fn shown_reminders(&self) -> Vec<Reminder> {
        self.reminder_state().shown.clone()
    }

    /// "Tutup" on an on-screen reminder, or it was opened.
    pub fn dismiss_reminder(&self, kind: ReminderKind) {
        self.reminder_state().shown.retain(|r| r.kind != kind);
    }

    /// The reminder whose notification the official tapped to open the app, taken once.
    pub fn take_opened_reminder(&self) -> Result<Option<ReminderKind>, AppError> {
        let kind = self.platform.take_opened_reminder()?;
        if let Some(kind) = kind {
            self.dismiss_reminder(kind);
        }
        Ok(kind)
    }

    /// Makes the plan from the book as it is now and hands it to the platform when it differs
    /// from the one armed; an empty plan while the reminders are off.
    fn plan_reminders(&self) -> Result<ReminderDelivery, AppError> {
        let on = self.reminders_on();
        let (now, changes, facts) = {
            let book = self.book()?;
            let facts = if on {
                super::report::facts_of_open(&book.store, &self.catalog())?
            } else {
                Vec::new()
            };
            (book.now_ms(), book.store.changes(), facts)
        };
        let plan = if on {
            let waiting = facts
                .iter()
                .filter(|f| f.out_of_hours && f.status == StatusKind::New)
                .count();
            reminder::plan(now, &self.office().hours, waiting, &facts)
        } else {
            Vec::new()
        };
        let mut state = self.reminder_state();
        state.planned = Some((changes, now));
        if let Some((armed, delivery)) = &state.armed {
            if *armed == plan {
                return Ok(*delivery);
            }
        }
        let delivery = self.platform.set_reminders(&plan)?;
        state.armed = Some((plan, delivery));
        Ok(delivery)
    }

    fn reminder_state(&self) -> std::sync::MutexGuard<'_, ReminderState> {
        // Nothing in the state can be half-written by a panic that matters; carry on with it.
        self.reminders.lock().unwrap_or_else(|e| e.into_inner())
    }
}

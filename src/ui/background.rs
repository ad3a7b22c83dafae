//! The work the app does while a screen is up, started once by the root: the daily care (the
//! whole-file check, retention and the daily copy), the signed catalog updates and the
//! off-phone copy with their back-off, and the one-second tick of the lock, the clipboard,
//! WhatsApp messages shared into the app and sync files opened with it.

use std::sync::Arc;
use std::time::Duration;

use dioxus::prelude::*;

use crate::app::lock::LockStatus;
use crate::app::{App, AppError};

use super::nav::{Screen, Session};

/// Runs slow work (argon2 in a backup, the daily care) on tokio's blocking pool so the screen
/// keeps drawing.
pub(super) async fn off_the_screen_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(AppError::WorkStopped(e.to_string())))
}

/// Runs network work on tokio's worker threads, not the screen's (the argon2 of a sync file
/// takes a second); `None` when the task died.
pub(super) async fn off_the_screen<T: Send + 'static>(
    work: impl std::future::Future<Output = T> + Send + 'static,
) -> Option<T> {
    tokio::spawn(work).await.ok()
}

/// Starts the three loops for the root's lifetime.
pub(super) fn use_background_work(app: Arc<App>, session: Session) {
    let care = app.clone();
    use_future(move || daily_care(care.clone(), session));
    let net = app.clone();
    use_future(move || network_rounds(net.clone(), session));
    use_future(move || every_second(app.clone(), session));
}

/// The daily care off the start path, once the first screen is up; then every half hour, for
/// the next day's copy when the app stays open past midnight (a cheap look for today's file
/// otherwise).
async fn daily_care(app: Arc<App>, session: Session) {
    if !app.has_case_book() {
        return;
    }
    loop {
        let worker = app.clone();
        if let Ok(true) = off_the_screen_thread(move || worker.daily_care()).await {
            session.refresh();
        }
        tokio::time::sleep(Duration::from_secs(30 * 60)).await;
    }
}

/// Signed catalog updates and the off-phone backup copy, each at most daily, and the rounds
/// of sync through the office's folder, every minute; each backs off while there is no signal
/// (`catalog_auto_check`/`offsite_auto_upload`/`sync_auto_round` say how long to wait; the
/// loop sleeps the shortest). What a sync round brought in is drawn at once (only then: a
/// redraw every minute would be wasted on a phone that only sends).
async fn network_rounds(app: Arc<App>, session: Session) {
    if !app.has_case_book() {
        return;
    }
    use tokio::time::Instant;
    let (mut catalog_failures, mut offsite_failures, mut sync_failures) = (0u32, 0u32, 0u32);
    let mut next_catalog = Instant::now();
    let mut next_offsite = Instant::now();
    let mut next_sync = Instant::now();
    loop {
        if Instant::now() >= next_catalog {
            next_catalog = Instant::now() + app.catalog_auto_check(&mut catalog_failures).await;
        }
        if Instant::now() >= next_offsite {
            next_offsite = Instant::now() + app.offsite_auto_upload(&mut offsite_failures).await;
        }
        if Instant::now() >= next_sync {
            let worker = app.clone();
            let mut failures = sync_failures;
            let (wait, came_in) = off_the_screen(async move {
                let outcome = worker.sync_auto_round(&mut failures).await;
                (outcome, failures)
            })
            .await
            .map_or(
                (std::time::Duration::from_secs(60), false),
                |(outcome, f)| {
                    sync_failures = f;
                    outcome
                },
            );
            next_sync = Instant::now() + wait;
            if came_in {
                session.refresh();
            }
        }
        tokio::time::sleep_until(next_catalog.min(next_offsite).min(next_sync)).await;
    }
}

/// Once a second: lock again after minutes away, clear a copied reply from the clipboard after
/// a minute, and open the new-case form, prefilled, for a WhatsApp message shared into the app
/// (a cheap flag on Android; nothing on desktop). A failing tick is told on Beranda by the app.
async fn every_second(app: Arc<App>, mut session: Session) {
    // The lock status last drawn: compared across ticks, so a wait counting down or a clock
    // that moved between two ticks redraws the lock screen too.
    let mut drawn = app.lock_status().ok();
    loop {
        if app.lock_tick().is_err() {
            session.refresh();
        }
        if app.clipboard_tick().is_err() {
            session.refresh();
        }
        // A fingerprint the phone confirmed opens the app.
        if app.fingerprint_tick() {
            session.refresh();
        }
        let now = app.lock_status().ok();
        if now != drawn {
            session.refresh();
            drawn = now.clone();
        }
        // Reminders: arm the plan anew when the book changed, show the ones due on screen.
        if app.reminder_tick().unwrap_or(false) {
            session.refresh();
        }
        // While locked, a shared text and a tapped reminder wait on the platform until the PIN
        // is in.
        if matches!(now, Some(LockStatus::Open { .. })) {
            // A sync file opened with the app waits in Pengaturan › HP kantor.
            if let Ok(true) = app.take_file_opened_with() {
                session.go(Screen::Settings);
                session.refresh();
            }
            if let Ok(Some(kind)) = app.take_opened_reminder() {
                super::reminders::open_list(session, kind);
            }
            match app.take_share_into_draft() {
                Ok(true) => {
                    session.new_case.with_mut(|s| {
                        s.error = None;
                        s.rev += 1;
                    });
                    session.go(Screen::NewCase);
                }
                Ok(false) => {}
                Err(e) => session.new_case.with_mut(|s| s.error = Some(e.to_string())),
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

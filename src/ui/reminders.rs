//! Reminders on the app's own screen (where the platform has no notifications: the desktop
//! preview), and opening the list a reminder names, from that banner or from a tapped Android
//! notification.

use dioxus::prelude::*;

use crate::domain::reminder::ReminderKind;

use super::nav::{use_session, Screen, Session};
use super::use_app;

/// Beranda, scrolled to the reminder's queue (after the new screen scrolled itself to the top).
pub(super) fn open_list(session: Session, kind: ReminderKind) {
    session.go(Screen::Home);
    // The banner closed: redraw what watches the session, not only the route.
    session.refresh();
    document::eval(&format!(
        "setTimeout(() => document.getElementById('{}')?.scrollIntoView({{block: 'start'}}), 150)",
        kind.anchor()
    ));
}

/// The reminders whose moment came, above the screen, each with "Buka daftar" and "Tutup".
#[component]
pub(super) fn ReminderBanner() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let shown = app.shown_reminders();
    rsx! {
        for r in shown {
            div { key: "{r.id}", class: "notice reminder", role: "status",
                p { strong { "{r.title}" } }
                div { class: "actions",
                    button {
                        class: "primary",
                        onclick: {
                            let app = app.clone();
                            move |_| {
                                app.dismiss_reminder(r.kind);
                                open_list(session, r.kind);
                            }
                        },
                        "Buka daftar"
                    }
                    button {
                        class: "secondary",
                        onclick: {
                            let app = app.clone();
                            move |_| {
                                app.dismiss_reminder(r.kind);
                                session.refresh();
                            }
                        },
                        "Tutup"
                    }
                }
            }
        }
    }
}

//! Dioxus screens. Each screen is a component that renders a plain state struct from `app` and
//! turns taps into `app` calls; its route component (in the same file) takes the app and the
//! session from context and wires the two. The root here only draws the frame (header, the open
//! route, the tab bar) and starts the background work. No SQL, HTTP or JNI here.

mod background;
mod backup;
mod case;
mod case_list;
mod catalog;
mod catalog_update;
mod first_start;
mod home;
mod lock;
mod nav;
mod new_case;
mod offsite;
mod reminders;
mod report;
mod send;
mod settings;
mod sync;
mod tell_ready;
mod templates;
mod wa_kit;
mod widgets;

use std::sync::Arc;

use dioxus::prelude::*;

use crate::app::lock::LockStatus;
use crate::app::App;
pub use backup::BackupScreen;
pub use case::{CaseDraft, CaseScreen};
pub use case_list::CaseListScreen;
pub use catalog::{CatalogScreen, ServiceScreen};
pub use first_start::FirstStartScreen;
pub use home::HomeScreen;
pub use lock::{EraseResidentSection, LockGate, LockSettingsSection};
pub use new_case::NewCaseScreen;
pub use report::{ExportAsk, ReportScreen};
pub use send::{SendScreen, SendState};
pub use settings::SettingsScreen;
pub use tell_ready::TellReadyScreen;
pub use templates::{TemplateEdit, TemplateScreen, TemplatesScreen};
pub use wa_kit::WaKitScreen;
pub use widgets::{CopyButton, Flash, WaBubble};

use nav::{Screen, Session, Tab};

/// The content security policy of the app's page: nothing is allowed unless named here.
/// Everything the app shows is its own (text rendered as text by Dioxus, the stylesheet
/// inline, the poster a data: image); links leave only through the platform layer. What is
/// named is exactly what Dioxus's own page needs:
/// - scripts: its inline module loader and `document::eval` (run as `new AsyncFunction`), so
///   `'unsafe-inline' 'unsafe-eval'`, from the page's own origin only;
/// - styles: our inline stylesheet and Dioxus's `style` attributes;
/// - images: the page's own assets and `data:` (the QR poster, the backup QR);
/// - connections: the page's own origin (`dioxus://index.html` on Linux,
///   `https://dioxus.index.html` on Android, the test host in the browser tests) for events
///   and files, and the edits WebSocket Dioxus opens on `ws://127.0.0.1:<port>`.
///
/// So a script that got in anyway could not send anything to another server (a fetch, an
/// image, a form, a frame, a worker): `e2e/tests/flow-i-safe-render.test.mjs` tries each.
pub const CSP: &str = "default-src 'none'; \
                       script-src 'self' 'unsafe-inline' 'unsafe-eval'; \
                       style-src 'self' 'unsafe-inline'; \
                       img-src 'self' data:; \
                       font-src 'self'; \
                       connect-src 'self' ws://127.0.0.1:* ws://localhost:*; \
                       object-src 'none'; frame-src 'none'; worker-src 'none'; \
                       base-uri 'none'; form-action 'none'";

/// `CSP` as the meta tag put into the page's head.
pub fn csp_meta() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")
}

/// The stylesheet, embedded so the app looks the same offline on every platform.
pub const CSS: &str = include_str!("../../assets/style.css");

/// The app's use cases, shared with every component through Dioxus context.
#[derive(Clone)]
pub struct AppHandle(pub Arc<App>);

/// The app from context.
fn use_app() -> Arc<App> {
    use_context::<AppHandle>().0
}

/// The open screen's route: each takes what it needs from context.
#[component]
fn Route(screen: Screen) -> Element {
    match screen {
        Screen::Home => rsx! { home::HomeRoute {} },
        Screen::Cases => rsx! { case_list::CasesRoute {} },
        Screen::Case(id) => rsx! { case::CaseRoute { id } },
        Screen::NewCase => rsx! { new_case::NewCaseRoute {} },
        Screen::Catalog => rsx! { catalog::CatalogRoute {} },
        Screen::Service(id) => rsx! { catalog::ServiceRoute { id } },
        Screen::Send(_) => rsx! { send::SendRoute {} },
        Screen::Templates => rsx! { templates::TemplatesRoute {} },
        Screen::Template(_) => rsx! { templates::TemplateRoute {} },
        Screen::Report => rsx! { report::ReportRoute {} },
        Screen::Settings => rsx! { settings::SettingsRoute {} },
        Screen::WaKit => rsx! { wa_kit::WaKitRoute {} },
        Screen::Backup => rsx! { BackupScreen {} },
        Screen::More => rsx! { home::MoreRoute {} },
        Screen::TellReady => rsx! { tell_ready::TellReadyRoute {} },
    }
}

/// The root component: header, the open screen (or the lock gate), the tab bar.
#[component]
pub fn Root() -> Element {
    let app = use_app();
    let start = if app.has_case_book() {
        Screen::Home
    } else {
        Screen::Catalog
    };
    let session = use_context_provider(move || Session::new(start));
    // The private screen as the office set it (Android starts with it on, see MainActivity).
    let startup_error = use_hook({
        let app = app.clone();
        move || app.apply_secure_screen().err().map(|e| e.to_string())
    });
    background::use_background_work(app.clone(), session);
    // Every new screen starts at its top, not at the scroll position of the previous one.
    use_effect(move || {
        let _ = (session.screen)();
        document::eval("window.scrollTo(0, 0)");
    });
    session.watch();
    let lock_status = app.lock_status().unwrap_or(LockStatus::Locked {
        wait_s: 0,
        failures: 0,
    });
    let is_open = matches!(lock_status, LockStatus::Open { .. });
    // A new phone is set up first ("Siapkan HP ini"), in place of the screens and the tabs.
    let setting_up = is_open && app.first_start_due();
    let has_pin = is_open && app.lock_settings().is_ok_and(|s| s.has_pin);
    let current = (session.screen)();
    let back = current.back().filter(|_| is_open && !setting_up);
    let title = if setting_up {
        "Siapkan HP ini"
    } else if is_open {
        current.title()
    } else {
        "Layanan Desa"
    };
    let tab = current.tab();
    // The text size of this phone: every size in the stylesheet is in rem, so the root's size
    // scales them all (Android's own font size already scales the WebView's text under it).
    let scale = app.text_scale();
    let root_size = format!(
        ":root {{ font-size: {}px; }}",
        16.0 * f64::from(scale) / 100.0
    );
    rsx! {
        style { {CSS} }
        if scale != 100 {
            style { {root_size} }
        }
        div { class: "app",
            header { class: "bar",
                if let Some(target) = back {
                    button {
                        class: "back",
                        "aria-label": "Kembali",
                        onclick: move |_| session.go(target.clone()),
                        "‹"
                    }
                }
                h1 { "{title}" }
                if has_pin {
                    button {
                        class: "lock-now",
                        "aria-label": "Kunci aplikasi",
                        onclick: {
                            let app = app.clone();
                            move |_| { app.lock_now(); session.refresh(); }
                        },
                        "Kunci"
                    }
                }
            }
            main { class: "content",
                if !app.has_case_book() {
                    if let Some(notice) = app.startup_notice() {
                        widgets::ErrorNotice { message: notice }
                    }
                }
                if let Some(message) = startup_error {
                    widgets::ErrorNotice { message }
                }
                if setting_up {
                    first_start::FirstStartRoute {}
                } else if is_open {
                    reminders::ReminderBanner {}
                    Route { screen: current }
                } else {
                    LockGate { status: lock_status.clone(), on_change: move |_| session.refresh() }
                }
            }
            if app.has_case_book() && is_open && !setting_up {
                nav { class: "tabs", "aria-label": "Menu utama",
                    for t in Tab::ALL {
                        button {
                            key: "{t.label()}",
                            class: if t == tab { "tab active" } else { "tab" },
                            "aria-current": if t == tab { "page" } else { "false" },
                            onclick: move |_| session.open_tab(t),
                            svg {
                                class: "tab-icon",
                                "aria-hidden": "true",
                                view_box: "0 0 24 24",
                                path { d: "{t.icon_path()}" }
                            }
                            span { "{t.label()}" }
                        }
                    }
                }
            }
        }
    }
}

/// Opens the desktop preview at phone size (about 390x800).
#[cfg(feature = "desktop")]
pub fn launch_desktop(app: Arc<App>) {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
    let window = WindowBuilder::new()
        .with_title("Layanan Desa")
        .with_inner_size(LogicalSize::new(390.0, 800.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(window)
                .with_menu(None)
                .with_custom_head(csp_meta()),
        )
        .with_context(AppHandle(app))
        .launch(Root);
}

/// Starts the app inside the Android activity (`dx bundle --android`), with the app `main`
/// built on the platform it picked.
#[cfg(all(feature = "mobile", not(feature = "desktop")))]
pub fn launch_mobile(app: Arc<App>) {
    dioxus::LaunchBuilder::mobile()
        .with_cfg(dioxus::mobile::Config::new().with_custom_head(csp_meta()))
        .with_context(AppHandle(app))
        .launch(Root);
}

//! Dioxus screens. Each screen is a component that renders a plain state struct from `app` and
//! turns taps into `app` calls; the root keeps which screen is open. No SQL, HTTP or JNI here.

mod screens;

use std::sync::Arc;

use dioxus::prelude::*;

use crate::app::App;
pub use screens::{CatalogScreen, SendScreen, SendState, ServiceScreen};

/// The stylesheet, embedded so the app looks the same offline on every platform.
pub const CSS: &str = include_str!("../../assets/style.css");

/// The app's use cases, shared with every component through Dioxus context.
#[derive(Clone)]
pub struct AppHandle(pub Arc<App>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Screen {
    Catalog,
    Service(String),
    Send(String),
}

/// The root component: header, the open screen, and navigation between them.
#[component]
pub fn Root() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut screen = use_signal(|| Screen::Catalog);
    let mut query = use_signal(String::new);
    let mut send = use_signal(SendState::default);

    let body = match screen() {
        Screen::Catalog => {
            let results = app.catalog_list(&query());
            rsx! {
                CatalogScreen {
                    query: query(),
                    results,
                    on_query: move |q: String| query.set(q),
                    on_open: move |id: String| screen.set(Screen::Service(id)),
                }
            }
        }
        Screen::Service(id) => match app.service_view(&id) {
            Ok(service) => {
                let app = app.clone();
                rsx! {
                    ServiceScreen {
                        service,
                        on_send: move |id: String| {
                            send.set(SendState::start(&app, &id));
                            screen.set(Screen::Send(id));
                        },
                    }
                }
            }
            Err(e) => rsx! { p { class: "error", role: "alert", "{e}" } },
        },
        Screen::Send(_) => {
            let app_phone = app.clone();
            let app_open = app.clone();
            rsx! {
                SendScreen {
                    state: send(),
                    on_phone: move |raw: String| send.with_mut(|s| s.set_phone(&app_phone, raw)),
                    on_text: move |text: String| send.with_mut(|s| s.set_text(text)),
                    on_open: move |_| send.with_mut(|s| s.open(&app_open)),
                }
            }
        }
    };

    let back = match screen() {
        Screen::Catalog => None,
        Screen::Service(_) => Some(Screen::Catalog),
        Screen::Send(id) => Some(Screen::Service(id)),
    };
    let title = match screen() {
        Screen::Catalog => "Layanan Desa".to_string(),
        Screen::Service(_) => "Persyaratan".to_string(),
        Screen::Send(_) => "Kirim via WhatsApp".to_string(),
    };

    rsx! {
        style { {CSS} }
        div { class: "app",
            header { class: "bar",
                if let Some(target) = back {
                    button {
                        class: "back",
                        "aria-label": "Kembali",
                        onclick: move |_| screen.set(target.clone()),
                        "‹"
                    }
                }
                h1 { "{title}" }
            }
            main { class: "content", {body} }
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
        .with_cfg(Config::new().with_window(window).with_menu(None))
        .with_context(AppHandle(app))
        .launch(Root);
}

/// Starts the app inside the Android activity (`dx bundle --android`).
#[cfg(not(feature = "desktop"))]
pub fn launch_mobile() {
    let app = match App::builtin(crate::platform::native()) {
        Ok(app) => app,
        Err(e) => {
            // The built-in catalog is checked by the tests; reaching this is a build mistake.
            eprintln!("{e}");
            return;
        }
    };
    dioxus::LaunchBuilder::mobile()
        .with_context(AppHandle(Arc::new(app)))
        .launch(Root);
}

//! The catalog: the service list with search, and a service's requirements with the quick
//! send of the requirement list by WhatsApp and "Buat berkas untuk layanan ini".

use dioxus::prelude::*;

use crate::app::{ServiceSummary, ServiceView};

use super::nav::{use_session, Screen};
use super::send::{QuickSend, SendState};
use super::use_app;
use super::widgets::{ErrorNotice, SearchBox};

/// The list with the app's search; opening a service starts its send form.
#[component]
pub(super) fn CatalogRoute() -> Element {
    let app = use_app();
    let session = use_session();
    let mut query = session.catalog_query;
    let mut send = session.send;
    let results = app.catalog_list(&query());
    rsx! {
        CatalogScreen {
            query: query(),
            results,
            on_query: move |q: String| query.set(q),
            on_open: move |id: String| {
                send.set(SendState::start(&app, &id));
                session.go(Screen::Service(id));
            },
        }
    }
}

/// A service with the app's data. The send form was started when the service was opened from
/// the catalog, and is kept (number and text) while the official visits the full send screen.
#[component]
pub(super) fn ServiceRoute(id: String) -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut send = session.send;
    let service = match app.service_view(&id) {
        Ok(service) => service,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    let on_new_case = app.has_case_book().then(|| {
        let app = app.clone();
        let mut state = session.new_case;
        EventHandler::new(move |id: String| {
            if let Err(e) = app.update_draft(|form| form.service_id = id) {
                state.with_mut(|s| s.error = Some(e.to_string()));
            }
            session.go(Screen::NewCase);
        })
    });
    let (a1, a2, a3) = (app.clone(), app.clone(), app);
    rsx! {
        ServiceScreen {
            service,
            on_send: move |id: String| session.go(Screen::Send(id)),
            on_new_case,
            send: Some(send()),
            on_phone: move |raw: String| send.with_mut(|s| s.set_phone(&a1, raw)),
            on_open: move |_| send.with_mut(|s| s.open(&a2)),
            on_paste: move |_| super::send::paste_number(a3.clone(), send),
        }
    }
}

#[component]
pub fn CatalogScreen(
    query: String,
    results: Vec<ServiceSummary>,
    on_query: EventHandler<String>,
    on_open: EventHandler<String>,
) -> Element {
    let searching = !query.trim().is_empty();
    rsx! {
        SearchBox { id: "cari", label: "Cari layanan", placeholder: "Cari: akte lahir, ktp hilang, sktm…", inputmode: "search", value: query.clone(), on_input: on_query }
        if searching && results.is_empty() {
            p { class: "empty", role: "status",
                "Tidak ada layanan yang cocok dengan \"{query}\". Coba kata lain, misalnya \"kk\", \"akta\" atau \"domisili\"."
            }
        } else {
            p { class: "count", role: "status",
                if searching { "{results.len()} layanan cocok" } else { "{results.len()} layanan" }
            }
        }
        ul { class: "services",
            for service in results {
                li { key: "{service.id}",
                    button {
                        class: "service",
                        "data-id": "{service.id}",
                        onclick: {
                            let id = service.id.clone();
                            move |_| on_open.call(id.clone())
                        },
                        span { class: "name", "{service.name}" }
                        span { class: "meta", "{service.category} · {service.requirement_count} syarat · {service.duration}" }
                    }
                }
            }
        }
    }
}

#[component]
pub fn ServiceScreen(
    service: ServiceView,
    on_send: EventHandler<String>,
    on_new_case: Option<EventHandler<String>>,
    /// The quick send right on this screen: type the number, open WhatsApp (3 taps from the
    /// app's start). Without it, only the button to the full send screen shows.
    send: Option<SendState>,
    on_phone: Option<EventHandler<String>>,
    on_open: Option<EventHandler<()>>,
    /// "Tempel" by the number.
    #[props(default)]
    on_paste: EventHandler<()>,
) -> Element {
    let id = service.id.clone();
    let new_id = service.id.clone();
    rsx! {
        article { class: "detail",
            h2 { "{service.name}" }
            p { class: "category", "{service.category}" }
            // The number and "Buka WhatsApp" first, on screen as it opens (no scroll before
            // sending); the requirements follow and are in the message too.
            if let (Some(state), Some(on_phone), Some(on_open)) = (send, on_phone, on_open) {
                section { class: "quick-send",
                    h3 { "Kirim persyaratan via WhatsApp" }
                    QuickSend { state, on_phone, on_open, on_paste }
                    button {
                        class: "secondary",
                        onclick: move |_| on_send.call(id.clone()),
                        "Lihat atau ubah pesan dulu"
                    }
                }
            } else {
                button {
                    class: "primary",
                    onclick: move |_| on_send.call(id.clone()),
                    "Kirim persyaratan via WhatsApp"
                }
            }
            section {
                h3 { "Syarat yang dibawa" }
                ol { class: "checklist",
                    for req in service.requirements.iter() {
                        li {
                            span { class: "req", "{req.label}" }
                            if let Some(detail) = &req.detail {
                                span { class: "req-detail", "{detail}" }
                            }
                            if let Some(condition) = &req.condition {
                                span { class: "req-when", "{condition}" }
                            }
                        }
                    }
                }
            }
            if let Some(on_new_case) = on_new_case {
                button {
                    class: "secondary",
                    onclick: move |_| on_new_case.call(new_id.clone()),
                    "Buat berkas untuk layanan ini"
                }
            }
            section {
                h3 { "Langkah" }
                ol { class: "steps",
                    for step in service.steps.iter() {
                        li { "{step}" }
                    }
                }
            }
            dl { class: "facts",
                dt { "Diproses di" }
                dd { "{service.place}" }
                dt { "Perkiraan waktu" }
                dd { "{service.duration}" }
                if let Some(lead) = &service.lead {
                    dt { "Batas pengajuan" }
                    dd { "{lead}" }
                }
                dt { "Hasil" }
                dd { "{service.outcome}" }
                dt { "Biaya" }
                dd { "{service.fee}" }
            }
            if let Some(note) = &service.note {
                p { class: "note", "{note}" }
            }
            details { class: "sources",
                summary { "Dasar hukum dan sumber" }
                ul {
                    for basis in service.legal_basis.iter() {
                        li { "{basis}" }
                    }
                    for source in service.source.iter() {
                        li { class: "source", "Sumber: {source}" }
                    }
                }
            }
        }
    }
}

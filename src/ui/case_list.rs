//! Berkas: the paged list of cases with search, status chips (opening on the cases in
//! progress) and the service filter folded away; its two-line rows are also Beranda's.

use dioxus::prelude::*;

use crate::app::case_views::{CaseListView, CaseSummary};
use crate::domain::case::{CaseFilter, StatusKind};

use super::nav::use_session;
use super::use_app;
use super::widgets::{ErrorNotice, SearchBox};

/// Berkas with the app's data: the loaded pages for the session's filters.
#[component]
pub(super) fn CasesRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut list = session.case_list;
    let state = list();
    let filter = CaseFilter {
        status: StatusKind::from_key(&state.status),
        open_only: state.status == OPEN_CHIP,
        service_id: Some(state.service.clone()).filter(|s| !s.is_empty()),
        search: Some(state.search.clone()).filter(|s| !s.trim().is_empty()),
    };
    // Keyset paging: follow the cursor once per loaded page.
    let mut view = CaseListView::default();
    let mut cursor = None;
    let mut failed = None;
    for _ in 0..state.pages {
        match app.case_list(&filter, cursor.as_ref()) {
            Ok(page) => {
                view.rows.extend(page.rows);
                view.services = page.services;
                cursor = page.next.clone();
                view.next = page.next;
                if cursor.is_none() {
                    break;
                }
            }
            Err(e) => {
                failed = Some(e.to_string());
                break;
            }
        }
    }
    rsx! {
        if let Some(message) = failed {
            ErrorNotice { message }
        }
        CaseListScreen {
            view,
            search: state.search,
            status: state.status,
            service: state.service,
            on_search: move |q: String| list.with_mut(|l| { l.search = q; l.pages = 1 }),
            on_status: move |s: String| list.with_mut(|l| { l.status = s; l.pages = 1 }),
            on_service: move |s: String| list.with_mut(|l| { l.service = s; l.pages = 1 }),
            on_open: move |id: String| session.open_case(&app, id),
            on_more: move |_| list.with_mut(|l| l.pages += 1),
        }
    }
}

/// The chip of cases still in progress, the one Berkas opens on.
pub(super) const OPEN_CHIP: &str = "berjalan";

/// The status chips, in the order an official looks: what is in progress, what is ready, who
/// must bring papers, what just came in, what is finished, and everything.
const STATUS_CHIPS: [(&str, &str); 6] = [
    (OPEN_CHIP, "Berjalan"),
    ("siap-diambil", "Siap diambil"),
    ("belum-lengkap", "Menunggu warga"),
    ("baru", "Baru"),
    ("selesai", "Selesai"),
    ("", "Semua"),
];

#[component]
pub(super) fn CaseRows(rows: Vec<CaseSummary>, on_open: EventHandler<String>) -> Element {
    rsx! {
        ul { class: "cases",
            for row in rows {
                li { key: "{row.id}",
                    button {
                        class: "case",
                        "data-id": "{row.id}",
                        onclick: {
                            let id = row.id.clone();
                            move |_| on_open.call(id.clone())
                        },
                        // Two lines: who and where the case is; what and since when.
                        span { class: "line1",
                            span { class: "name", "{row.name}" }
                            span { class: "status status-{row.status_key}", "{row.status}" }
                        }
                        if row.changed_on_two_phones {
                            span { class: "two-phones-chip", "diubah di dua HP" }
                        }
                        // One line, cut with "…" when long: the full time is on the case.
                        span { class: "meta line2",
                            "{row.received_day} · {row.number} · {row.service}"
                            if let Some(nik) = &row.nik {
                                " · NIK {nik}"
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
pub fn CaseListScreen(
    view: CaseListView,
    search: String,
    status: String,
    service: String,
    on_search: EventHandler<String>,
    on_status: EventHandler<String>,
    on_service: EventHandler<String>,
    on_open: EventHandler<String>,
    on_more: EventHandler<()>,
) -> Element {
    rsx! {
        SearchBox { id: "cari-berkas", label: "Cari berkas", placeholder: "Nama, nomor HP atau nomor berkas", value: search, on_input: on_search }
        // One row that scrolls sideways, so the list starts high on the screen.
        nav { class: "chips", "aria-label": "Saring menurut status",
            for (key, label) in STATUS_CHIPS {
                button {
                    key: "{key}",
                    class: "chip",
                    "data-status": "{key}",
                    "aria-pressed": if status == key { "true" } else { "false" },
                    onclick: move |_| on_status.call(key.to_string()),
                    "{label}"
                }
            }
        }
        details { class: "later", open: !service.is_empty(),
            summary { "Saring menurut layanan" }
            label { r#for: "saring-layanan", class: "sr-only", "Layanan" }
            select {
                id: "saring-layanan",
                onchange: move |e| on_service.call(e.value()),
                option { value: "", selected: service.is_empty(), "Semua layanan" }
                for (id, name) in view.services.iter() {
                    option { value: "{id}", selected: *id == service, "{name}" }
                }
            }
        }
        if view.rows.is_empty() {
            p { class: "empty", role: "status", "Belum ada berkas yang cocok." }
        }
        CaseRows { rows: view.rows, on_open }
        if view.next.is_some() {
            button { class: "secondary", onclick: move |_| on_more.call(()), "Muat lebih banyak" }
        }
    }
}

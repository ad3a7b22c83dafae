//! Beranda: a search over every case at the top, the office's state now, "+ Berkas baru",
//! "Kabari semua yang siap diambil", today's queues (out of hours, overdue, new, waiting for
//! documents, ready), and "Lainnya" (templates, the WA guide, settings).

use dioxus::prelude::*;

use crate::app::case_views::{CaseSummary, HomeView};
use crate::domain::case::CaseFilter;

use super::case_list::CaseRows;
use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::{ErrorNotice, SearchBox};

/// Beranda with the app's data.
#[component]
pub(super) fn HomeRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut query = session.home_query;
    let q = query();
    // While the official searches, Beranda lists what it finds instead of the queues.
    let found = if q.trim().is_empty() {
        None
    } else {
        let filter = CaseFilter {
            search: Some(q.clone()),
            ..CaseFilter::default()
        };
        match app.case_list(&filter, None) {
            Ok(list) => Some(list.rows),
            Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
        }
    };
    match app.home() {
        Ok(view) => {
            let (settings_app, update_app, app_dismiss) = (app.clone(), app.clone(), app.clone());
            let tell_app = app.clone();
            rsx! {
                HomeScreen {
                    view,
                    query: q,
                    found,
                    on_query: move |text: String| query.set(text),
                    on_open: move |id: String| session.open_case(&app, id),
                    on_new: move |_| session.open_new_case(),
                    on_settings: move |_| session.open_settings(&settings_app),
                    on_tell_ready: move |_| session.open_tell_ready(&tell_app),
                    on_dismiss_info: {
                        let app = app_dismiss.clone();
                        move |_| { app.dismiss_info(); session.refresh() }
                    },
                    // Only the browser opens; if it cannot, Cadangan & pembaruan shows the link to copy.
                    on_app_update: move |_| if update_app.open_app_download().is_err() { session.go(Screen::Backup) },
                }
            }
        }
        Err(e) => rsx! { ErrorNotice { message: e.to_string() } },
    }
}

/// One of Beranda's queues; an empty one takes no room (the counters say it is empty).
#[component]
fn Queue(
    id: String,
    title: String,
    rows: Vec<CaseSummary>,
    on_open: EventHandler<String>,
) -> Element {
    rsx! {
        if !rows.is_empty() {
            section { class: "queue", id: "{id}",
                h2 { "{title} ({rows.len()})" }
                CaseRows { rows, on_open }
            }
        }
    }
}

/// The row of counters at the top of Beranda: every queue in one line, a tap away.
#[component]
fn Counters(counts: Vec<(String, String, usize)>) -> Element {
    rsx! {
        nav { class: "counters", "aria-label": "Antrean hari ini",
            for (id, label, n) in counts {
                if n > 0 {
                    button {
                        key: "{id}",
                        class: "counter",
                        // The queue's section, scrolled into view (the header stays above it).
                        onclick: move |_| {
                            document::eval(&format!("document.getElementById('{id}')?.scrollIntoView({{block: 'start'}})"));
                        },
                        strong { "{n}" }
                        " {label}"
                    }
                } else {
                    span { key: "{id}", class: "counter empty", strong { "0" } " {label}" }
                }
            }
        }
    }
}

#[component]
pub fn HomeScreen(
    view: HomeView,
    on_open: EventHandler<String>,
    on_new: EventHandler<()>,
    on_settings: EventHandler<()>,
    on_app_update: EventHandler<()>,
    /// "Tutup" on the information notice.
    #[props(default)]
    on_dismiss_info: EventHandler<()>,
    /// "Kabari semua yang siap diambil".
    #[props(default)]
    on_tell_ready: EventHandler<()>,
    /// The search at the top, and the cases it found (`None` while it is empty).
    #[props(default)]
    query: String,
    #[props(default)] found: Option<Vec<CaseSummary>>,
    #[props(default)] on_query: EventHandler<String>,
) -> Element {
    let counts = vec![
        (
            "antrean-luar-jam".to_string(),
            "di luar jam".to_string(),
            view.out_of_hours.len(),
        ),
        (
            "antrean-terlambat".to_string(),
            "terlambat".to_string(),
            view.overdue.len(),
        ),
        (
            "antrean-baru".to_string(),
            "baru".to_string(),
            view.new.len(),
        ),
        (
            "antrean-menunggu".to_string(),
            "menunggu warga".to_string(),
            view.waiting.len(),
        ),
        (
            "antrean-siap".to_string(),
            "siap".to_string(),
            view.ready.len(),
        ),
    ];
    rsx! {
        // One search field whatever follows, so typing keeps the keyboard.
        SearchBox { id: "cari-beranda", label: "Cari berkas", placeholder: "Cari nama, nomor HP atau nomor berkas", value: query.clone(), on_input: on_query }
        if let Some(rows) = found {
            if rows.is_empty() {
                p { class: "empty", role: "status", "Tidak ada berkas yang cocok dengan \"{query}\"." }
            } else {
                section { class: "queue", id: "hasil-cari",
                    h2 { "Hasil pencarian ({rows.len()})" }
                    CaseRows { rows, on_open }
                }
            }
        } else {
            Counters { counts }
            if let Some(notice) = &view.notice {
                p { class: "notice error", role: "alert", "{notice}" }
            }
            if let Some(info) = &view.info {
                div { class: "notice ok dismissible", role: "status",
                    p { "{info}" }
                    button { class: "small", onclick: move |_| on_dismiss_info.call(()), "Tutup" }
                }
            }
            if let Some((version, changes)) = &view.app_update {
                div { class: "notice ok", role: "status",
                    p { "Versi baru tersedia: {version}. {changes}" }
                    button { class: "secondary", onclick: move |_| on_app_update.call(()), "Buka halaman unduhan" }
                }
            }
            if view.hours_unconfirmed {
                div { class: "notice warn", role: "status",
                    p { "Jam layanan kantor belum dikonfirmasi. Periksa dulu agar balasan di luar jam dan laporan memakai jam yang benar." }
                    button { class: "secondary", onclick: move |_| on_settings.call(()), "Periksa jam layanan" }
                }
            }
            p { class: if view.office_open { "office-state open" } else { "office-state closed" },
                if view.office_open {
                    "Kantor buka sekarang."
                } else if let Some(next) = &view.next_opening {
                    "Kantor tutup. Buka lagi {next}."
                } else {
                    "Kantor tutup."
                }
            }
            button { class: "primary", onclick: move |_| on_new.call(()), "+ Berkas baru" }
            if view.to_tell > 0 {
                button { class: "secondary tell-ready", onclick: move |_| on_tell_ready.call(()),
                    "Kabari semua yang siap diambil ({view.to_tell})"
                }
            }
            p { class: "count", "{view.open_count} berkas masih berjalan" }
            if let Some(server) = &view.offsite_target {
                p { class: "hint offsite-target", "Salinan harian ke: {server}" }
            }
            if let Some(line) = &view.sync_line {
                p { class: "hint sync-line", id: "beranda-sinkron", "{line}" }
            }
            Queue { id: "antrean-luar-jam", title: "Masuk di luar jam layanan", rows: view.out_of_hours, on_open }
            Queue { id: "antrean-terlambat", title: "Terlambat", rows: view.overdue, on_open }
            Queue { id: "antrean-baru", title: "Baru masuk", rows: view.new, on_open }
            Queue { id: "antrean-menunggu", title: "Menunggu kelengkapan warga", rows: view.waiting, on_open }
            Queue { id: "antrean-siap", title: "Siap diambil / dokumen terbit", rows: view.ready, on_open }
            if view.open_count == 0 {
                p { class: "hint", "Belum ada berkas yang berjalan. Berkas baru dibuat dari pesan WhatsApp yang dibagikan ke aplikasi, atau dengan \"+ Berkas baru\"." }
            }
        }
    }
}

/// "Lainnya": the office's tools that are not daily work, one tap from every screen.
#[component]
pub(super) fn MoreRoute() -> Element {
    let app = use_app();
    let session = use_session();
    rsx! {
        nav { class: "more", "aria-label": "Lainnya",
            button { class: "secondary", onclick: move |_| session.go(Screen::Templates), "Templat balasan" }
            button { class: "secondary", onclick: move |_| session.open_wa_kit(), "Panduan WA Bisnis" }
            button { class: "secondary", onclick: move |_| session.open_settings(&app), "Pengaturan" }
        }
    }
}

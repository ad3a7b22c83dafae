//! Beranda: the office's state now, "+ Berkas baru", today's queues (out of hours, overdue,
//! new, waiting for documents, ready) and the way to templates, the WA guide and settings.

use dioxus::prelude::*;

use crate::app::case_views::{CaseSummary, HomeView};

use super::case_list::CaseRows;
use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::ErrorNotice;

/// Beranda with the app's data.
#[component]
pub(super) fn HomeRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    match app.home() {
        Ok(view) => {
            let (settings_app, update_app) = (app.clone(), app.clone());
            rsx! {
                HomeScreen {
                    view,
                    on_open: move |id: String| session.open_case(&app, id),
                    on_new: move |_| session.open_new_case(),
                    on_templates: move |_| session.go(Screen::Templates),
                    on_settings: move |_| session.open_settings(&settings_app),
                    on_wa_kit: move |_| session.open_wa_kit(),
                    // Only the browser opens; if it cannot, Cadangan & pembaruan shows the link to copy.
                    on_app_update: move |_| if update_app.open_app_download().is_err() { session.go(Screen::Backup) },
                }
            }
        }
        Err(e) => rsx! { ErrorNotice { message: e.to_string() } },
    }
}

#[component]
fn Queue(
    title: String,
    empty: String,
    rows: Vec<CaseSummary>,
    on_open: EventHandler<String>,
) -> Element {
    rsx! {
        section { class: "queue",
            h2 { "{title} ({rows.len()})" }
            if rows.is_empty() {
                p { class: "hint", "{empty}" }
            } else {
                CaseRows { rows, on_open }
            }
        }
    }
}

#[component]
pub fn HomeScreen(
    view: HomeView,
    on_open: EventHandler<String>,
    on_new: EventHandler<()>,
    on_templates: EventHandler<()>,
    on_settings: EventHandler<()>,
    on_wa_kit: EventHandler<()>,
    on_app_update: EventHandler<()>,
) -> Element {
    rsx! {
        if let Some(notice) = &view.notice {
            p { class: "notice error", role: "alert", "{notice}" }
        }
        if let Some(info) = &view.info {
            p { class: "notice ok", role: "status", "{info}" }
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
        p { class: "count", "{view.open_count} berkas masih berjalan" }
        if let Some(server) = &view.offsite_target {
            p { class: "hint offsite-target", "Salinan harian ke: {server}" }
        }
        Queue { title: "Masuk di luar jam layanan", empty: "Tidak ada pesan yang masuk saat kantor tutup.", rows: view.out_of_hours, on_open }
        Queue { title: "Terlambat", empty: "Tidak ada berkas yang melewati perkiraan waktu.", rows: view.overdue, on_open }
        Queue { title: "Baru masuk", empty: "Tidak ada permohonan baru.", rows: view.new, on_open }
        Queue { title: "Menunggu kelengkapan", empty: "Tidak ada berkas yang menunggu syarat.", rows: view.waiting, on_open }
        Queue { title: "Siap diambil / dokumen terbit", empty: "Tidak ada dokumen yang menunggu diambil.", rows: view.ready, on_open }
        nav { class: "more", "aria-label": "Lainnya",
            button { class: "secondary", onclick: move |_| on_templates.call(()), "Templat balasan" }
            button { class: "secondary", onclick: move |_| on_wa_kit.call(()), "Panduan WA Bisnis" }
            button { class: "secondary", onclick: move |_| on_settings.call(()), "Pengaturan" }
        }
    }
}

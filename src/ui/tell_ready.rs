//! "Kabari semua yang siap diambil": one resident at a time, the message drawn as the bubble
//! they will get, "Kirim via WA" and "Lewati" fixed in reach. Each sent message is recorded in
//! the case's timeline, which takes the case off the list, so the next resident shows at once
//! when the official comes back from WhatsApp: twenty residents, twenty taps.

use dioxus::prelude::*;

use crate::app::tell_ready::ToTell;

use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::{flash_of, ErrorNotice, Flash, Toast, WaBubble};

/// How far the walk is: how many were told or skipped since it started.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TellWalk {
    /// Residents on the list when the walk started (grows if more become ready meanwhile).
    pub total: usize,
    pub told: usize,
    /// Cases passed over with "Lewati", not offered again in this walk.
    pub skipped: Vec<String>,
    pub flash: Flash,
}

#[component]
pub(super) fn TellReadyRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut walk = session.tell;
    let state = walk();
    let left: Vec<String> = match app.residents_to_tell() {
        Ok(ids) => ids
            .into_iter()
            .filter(|id| !state.skipped.contains(id))
            .collect(),
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    // Only the resident on screen gets their message filled in.
    let next = match left.first().map(|id| app.resident_to_tell(id)).transpose() {
        Ok(next) => next,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    let done = state.told + state.skipped.len();
    let total = state.total.max(done + left.len());
    let open_app = app.clone();
    rsx! {
        TellReadyScreen {
            next,
            position: done + 1,
            total,
            told: state.told,
            skipped: state.skipped.len(),
            flash: state.flash,
            on_send: move |case_id: String| {
                let result = app.tell_resident(&case_id);
                let told = result.is_ok();
                walk.with_mut(|w| {
                    w.flash = Some(flash_of(result.map(|(name, target)| {
                        format!("Pesan untuk {name} disiapkan di {}, tercatat di riwayat.", target.label())
                    })));
                    if told {
                        w.told += 1;
                    }
                });
                session.refresh();
            },
            on_skip: move |case_id: String| walk.with_mut(|w| {
                w.skipped.push(case_id);
                w.flash = None;
            }),
            on_open: move |case_id: String| session.open_case(&open_app, case_id),
            on_home: move |_| session.go(Screen::Home),
        }
    }
}

/// The walk's screen: the resident `next` (or the end), `position` of `total`.
#[component]
pub fn TellReadyScreen(
    next: Option<ToTell>,
    position: usize,
    total: usize,
    told: usize,
    skipped: usize,
    flash: Flash,
    on_send: EventHandler<String>,
    on_skip: EventHandler<String>,
    on_open: EventHandler<String>,
    on_home: EventHandler<()>,
) -> Element {
    rsx! {
        Toast { flash }
        match next {
            Some(t) => {
                let (send_id, skip_id, open_id) = (t.case_id.clone(), t.case_id.clone(), t.case_id.clone());
                rsx! {
                    article { class: "tell-ready",
                        p { class: "progress", "Warga ke-{position} dari {total}" }
                        h2 { "{t.name}" }
                        p { class: "category", "Berkas {t.number} · {t.service}" }
                        p { class: "status", "{t.status}" }
                        match &t.phone {
                            Some(phone) => rsx! { p { class: "meta", "WhatsApp: {phone}" } },
                            None => rsx! {
                                p { class: "notice warn", role: "status",
                                    "Berkas ini tidak punya nomor WhatsApp. Kabari warga dengan cara lain, lalu tekan \"Lewati\"."
                                }
                            },
                        }
                        h3 { "Pesan yang dikirim" }
                        WaBubble { text: t.text.clone() }
                        button { class: "secondary", onclick: move |_| on_open.call(open_id.clone()), "Buka berkas" }
                    }
                    // Room under the last line for the bar fixed above the tabs.
                    div { class: "stepbar-space" }
                    div { class: "stepbar", role: "group", "aria-label": "Kabari warga",
                        if t.phone.is_some() {
                            button { class: "primary", onclick: move |_| on_send.call(send_id.clone()), "Kirim via WA" }
                        }
                        button { class: "secondary", onclick: move |_| on_skip.call(skip_id.clone()), "Lewati" }
                    }
                }
            }
            None => rsx! {
                article { class: "tell-ready",
                    h2 { "Semua sudah dikabari" }
                    p { role: "status",
                        if skipped > 0 {
                            "{told} warga dikabari, {skipped} dilewati. Yang dilewati tetap ada di antrean \"Siap\" di Beranda."
                        } else if told > 0 {
                            "{told} warga dikabari. Setiap pesan tercatat di riwayat berkasnya."
                        } else {
                            "Tidak ada warga yang menunggu kabar: setiap berkas yang siap sudah dikirimi pesan."
                        }
                    }
                    button { class: "primary", onclick: move |_| on_home.call(()), "Kembali ke Beranda" }
                }
            },
        }
    }
}

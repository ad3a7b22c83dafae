//! The case detail: its facts with "Pesan masuk" to correct, the checklist to tick, the next
//! status steps, the reason or note, the WhatsApp reply for its status and the timeline.

use std::sync::Arc;

use dioxus::prelude::*;

use crate::app::case_views::{CaseView, ItemMark, ItemView};
use crate::app::{App, AppError};
use crate::domain::case::Salutation;

use super::lock::EraseResidentSection;
use super::nav::use_session;
use super::use_app;
use super::widgets::{flash_of, CopyButton, DateWords, ErrorNotice, FieldMessage, Toast, WaBubble};

/// The case screen's working state for a case: the reply picked for its status.
pub(super) fn case_draft(app: &App, id: &str) -> CaseDraft {
    match app.case_view(id) {
        Ok(view) => match view.reply {
            Some(reply) => CaseDraft {
                template_id: reply.template_id,
                reply: reply.text,
                ..CaseDraft::default()
            },
            None => CaseDraft::default(),
        },
        Err(_) => CaseDraft::default(),
    }
}

/// A case with the app's data; every step is told in the toast and the case read again.
#[component]
pub(super) fn CaseRoute(id: String) -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let view = match app.case_view(&id) {
        Ok(view) => view,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    let mut draft = session.case;
    // Says how a step went, and has every screen read again. (Handlers copy what they need out
    // of the draft first: a read still held while this writes would be a double borrow.)
    let mut report = move |result: Result<String, AppError>| {
        draft.with_mut(|d| d.flash = Some(flash_of(result)));
        session.refresh();
    };
    // A step that used the reason clears it.
    let mut report_clearing = move |result: Result<String, AppError>| {
        let ok = result.is_ok();
        report(result);
        if ok {
            draft.with_mut(|d| d.reason.clear());
        }
    };
    let ctx = Ctx {
        app: app.clone(),
        id: id.clone(),
    };
    rsx! {
        CaseScreen {
            view,
            draft: draft(),
            on_mark: {
                let c = ctx.clone();
                move |(p, mark): (usize, ItemMark)| report(c.app.mark_item(&c.id, p, mark).map(|_| mark.done_text().into()))
            },
            on_not_applicable: {
                let c = ctx.clone();
                move |p: usize| {
                    let reason = draft.peek().reason.clone();
                    report_clearing(c.app.set_item_not_applicable(&c.id, p, &reason).map(|_| "Syarat ditandai tidak perlu.".into()))
                }
            },
            on_action: {
                let c = ctx.clone();
                move |key: String| {
                    let reason = draft.peek().reason.clone();
                    let result = c.app.apply_action(&c.id, &key, Some(&reason));
                    let ok = result.is_ok();
                    report_clearing(result.map(|_| "Status diperbarui. Balasan untuk status ini sudah disiapkan di bawah.".into()));
                    if ok {
                        let fresh = case_draft(&c.app, &c.id);
                        draft.with_mut(|d| { d.template_id = fresh.template_id; d.reply = fresh.reply; });
                    }
                }
            },
            on_template: {
                let c = ctx.clone();
                move |t: String| match c.app.reply_text(&c.id, &t) {
                    Ok(text) => draft.with_mut(|d| { d.template_id = t; d.reply = text; d.flash = None; }),
                    Err(e) => draft.with_mut(|d| d.flash = Some((false, e.to_string()))),
                }
            },
            on_reply: move |text: String| draft.with_mut(|d| d.reply = text),
            on_chat: {
                let c = ctx.clone();
                move |_| report(c.app.open_resident_chat(&c.id).map(|t| format!("Chat warga dibuka di {}.", t.label())))
            },
            on_salutation: {
                let c = ctx.clone();
                move |key: String| {
                    let template = draft.peek().template_id.clone();
                    let result = c.app.set_salutation(&c.id, &key).and_then(|()| c.app.reply_text(&c.id, &template));
                    match result {
                        // The reply is written again with the new greeting.
                        Ok(text) => { draft.with_mut(|d| { d.reply = text; d.flash = None; }); session.refresh(); }
                        Err(e) => report(Err(e)),
                    }
                }
            },
            on_reason: move |text: String| draft.with_mut(|d| d.reason = text),
            on_send: {
                let c = ctx.clone();
                move |_| {
                    let d = draft.peek().clone();
                    report(c.app.send_case_reply(&c.id, &d.template_id, &d.reply).map(|t| format!("Pesan disiapkan di {}, tercatat di riwayat.", t.label())));
                }
            },
            on_share: {
                let c = ctx.clone();
                move |_| {
                    let reply = draft.peek().reply.clone();
                    report(c.app.share_text(&reply).map(|_| "Lembar berbagi dibuka.".to_string()))
                }
            },
            on_note: {
                let c = ctx.clone();
                move |_| {
                    let reason = draft.peek().reason.clone();
                    report_clearing(c.app.add_case_note(&c.id, &reason).map(|_| "Catatan disimpan.".into()))
                }
            },
            on_looked: {
                let c = ctx.clone();
                move |_| report(c.app.mark_case_looked(&c.id).map(|_| "Tanda \"diubah di dua HP\" dihapus.".into()))
            },
            on_message_time: {
                let c = ctx.clone();
                move |text: String| match c.app.set_message_time(&c.id, &text) {
                    Ok(()) => { session.refresh(); None }
                    Err(AppError::Form(errors)) => errors.first().map(|e| e.message.clone()),
                    Err(e) => Some(e.to_string()),
                }
            },
        }
        EraseResidentSection { case_id: id.clone(), on_done: move |_| session.refresh() }
        // Room under the last section for the bar fixed above the tabs.
        div { class: "stepbar-space" }
    }
}

/// The app and the open case's id, cloned into each handler.
#[derive(Clone)]
struct Ctx {
    app: Arc<App>,
    id: String,
}

/// "Pesan masuk" of a case with "Ubah": a date-time field, refused under it when in the
/// future or after the case's first recorded event.
#[component]
fn MessageTimeField(
    shown: String,
    value: String,
    on_save: Callback<String, Option<String>>,
) -> Element {
    let mut editing = use_signal(|| None::<String>);
    let mut error = use_signal(|| None::<String>);
    rsx! {
        dt { "Pesan masuk" }
        dd {
            match editing() {
                None => rsx! {
                    "{shown} "
                    button {
                        class: "small",
                        onclick: {
                            let value = value.clone();
                            move |_| { error.set(None); editing.set(Some(value.clone())) }
                        },
                        "Ubah"
                    }
                },
                Some(text) => rsx! {
                    input { id: "ubah-pesan-masuk", r#type: "datetime-local", "aria-label": "Pesan masuk (WIB)", initial_value: "{text}", "aria-invalid": error().is_some(), oninput: move |e| editing.set(Some(e.value())) }
                    DateWords { value: text.clone() }
                    FieldMessage { message: error() }
                    button {
                        class: "small",
                        onclick: move |_| match on_save.call(text.clone()) {
                            None => { error.set(None); editing.set(None) }
                            Some(message) => error.set(Some(message)),
                        },
                        "Simpan"
                    }
                    button { class: "small secondary", onclick: move |_| { error.set(None); editing.set(None) }, "Batal" }
                },
            }
        }
    }
}

/// What the case screen keeps while the official works on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub template_id: String,
    pub reply: String,
    pub reason: String,
    pub flash: Option<(bool, String)>,
}

#[component]
pub fn CaseScreen(
    view: CaseView,
    draft: CaseDraft,
    on_mark: EventHandler<(usize, ItemMark)>,
    on_not_applicable: EventHandler<usize>,
    on_action: EventHandler<String>,
    on_template: EventHandler<String>,
    on_reply: EventHandler<String>,
    /// "Sapa warga sebagai": Bapak, Ibu or Bapak/Ibu (a `Salutation` key).
    #[props(default)]
    on_salutation: EventHandler<String>,
    /// The resident's number tapped: their chat opens.
    #[props(default)]
    on_chat: EventHandler<()>,
    on_reason: EventHandler<String>,
    on_send: EventHandler<()>,
    on_share: EventHandler<()>,
    on_note: EventHandler<()>,
    /// "Pesan masuk" corrected: `None` when saved, else the message for under the field.
    on_message_time: Callback<String, Option<String>>,
    /// "Sudah dicek" under "Diubah di dua HP".
    #[props(default)]
    on_looked: EventHandler<()>,
) -> Element {
    let open = view.is_open;
    let mut show_nik = use_signal(|| false);
    rsx! {
        article { class: "detail has-stepbar",
            h2 { "{view.name}" }
            p { class: "category", "Berkas {view.number} · {view.service}" }
            p { class: "status status-{view.status_key}", role: "status", "{view.status}" }
            Toast { flash: draft.flash.clone() }
            if view.changed_on_two_phones {
                div { class: "notice warn two-phones", role: "status",
                    p {
                        strong { "Diubah di dua HP. " }
                        "Dua petugas mengubah hal yang sama di berkas ini di HP yang berbeda, tanpa saling tahu. Yang berlaku perubahan terakhir; keduanya ada di Riwayat di bawah, dengan nama petugas dan HP-nya."
                    }
                    button { class: "small", onclick: move |_| on_looked.call(()), "Sudah dicek" }
                }
            }
            dl { class: "facts",
                MessageTimeField { shown: view.message.clone(), value: view.message_input.clone(), on_save: on_message_time }
                dt { "Dicatat" }
                dd { "{view.received} ({view.channel})" }
                if let Some(phone) = &view.phone {
                    dt { "WhatsApp" }
                    dd {
                        // A tap opens the resident's chat, nothing typed.
                        button { class: "small", "aria-label": "Buka chat WhatsApp {phone}", onclick: move |_| on_chat.call(()), "{phone}" }
                    }
                }
                if let (Some(nik), Some(full)) = (&view.nik, &view.nik_full) {
                    dt { "NIK" }
                    dd {
                        if show_nik() { "{full} " } else { "{nik} " }
                        button {
                            class: "small",
                            "aria-pressed": show_nik(),
                            onclick: move |_| show_nik.toggle(),
                            if show_nik() { "Sembunyikan" } else { "Tampilkan NIK" }
                        }
                    }
                }
                if let Some(address) = &view.address {
                    dt { "Alamat" }
                    dd { "{address}" }
                }
            }
            section {
                h3 { "Syarat ({view.missing_count} masih kurang)" }
                if open && view.undecided_count > 0 {
                    p { class: "notice undecided",
                        "{view.undecided_count} syarat bersyarat belum diputuskan: pilih Perlu atau Tidak perlu. Yang belum diputuskan tidak ikut di daftar kekurangan."
                    }
                }
                // A complete checklist folds to one line; the next step comes into reach.
                if let Some(done) = view.checklist_done.clone() {
                    details { class: "folded",
                        summary { "{done}" }
                        ItemList { items: view.items.clone(), open, on_mark, on_not_applicable }
                    }
                } else {
                    ItemList { items: view.items.clone(), open, on_mark, on_not_applicable }
                }
                if view.suggest_complete {
                    p { class: "notice ok", "Semua syarat sudah ada: berkas bisa ditandai Lengkap." }
                }
            }
            if open {
                section {
                    h3 { if view.next.is_some() { "Langkah lain" } else { "Langkah berikutnya" } }
                    div { class: "actions",
                        for action in view.actions.iter() {
                            button {
                                key: "{action.key}",
                                class: if action.backward { "action backward" } else { "action" },
                                "data-action": "{action.key}",
                                onclick: {
                                    let key = action.key.clone();
                                    move |_| on_action.call(key.clone())
                                },
                                "{action.label}"
                            }
                        }
                    }
                }
            }
            label { r#for: "alasan", "Alasan atau catatan" }
            textarea {
                // Re-created after each recorded step, so a used reason does not linger.
                key: "alasan-{view.timeline.len()}",
                id: "alasan",
                rows: "2",
                initial_value: "{draft.reason}",
                placeholder: "Wajib untuk Batalkan dan Tidak perlu; juga untuk catatan",
                oninput: move |e| on_reason.call(e.value()),
            }
            button { class: "secondary", onclick: move |_| on_note.call(()), "Simpan sebagai catatan" }
            section { class: "reply",
                h3 { "Balasan WhatsApp" }
                p { class: "label", id: "sapaan-label", "Sapa warga sebagai" }
                div { class: "chips", role: "group", "aria-labelledby": "sapaan-label",
                    for s in Salutation::ALL.iter().copied() {
                        button {
                            key: "{s.key()}",
                            class: "chip",
                            "data-sapaan": "{s.key()}",
                            "aria-pressed": if s == view.salutation { "true" } else { "false" },
                            onclick: move |_| on_salutation.call(s.key().to_string()),
                            "{s.words()}"
                        }
                    }
                }
                label { r#for: "templat", "Templat" }
                select {
                    id: "templat",
                    onchange: move |e| on_template.call(e.value()),
                    for (id, name) in view.reply_options.iter() {
                        option { value: "{id}", selected: *id == draft.template_id, "{name}" }
                    }
                }
                label { r#for: "balasan", "Pesan (boleh diubah)" }
                textarea {
                    // Re-created when the template or the salutation changes, so the new text
                    // shows.
                    key: "{draft.template_id}-{view.salutation.key()}",
                    id: "balasan",
                    // As tall as its text: the whole message reads without scrolling inside it.
                    rows: "{reply_rows(&draft.reply)}",
                    initial_value: "{draft.reply}",
                    oninput: move |e| on_reply.call(e.value()),
                }
                p { class: "hint", "Seperti ini di WhatsApp warga:" }
                WaBubble { text: draft.reply.clone() }
                if view.phone.is_some() {
                    CopyButton { text: draft.reply.clone() }
                } else {
                    p { class: "hint", "Berkas ini tidak punya nomor WhatsApp: bagikan pesannya lewat aplikasi lain, atau sampaikan langsung kepada warga." }
                }
            }
            section {
                h3 { "Riwayat" }
                ol { class: "timeline",
                    for entry in view.timeline.iter().rev() {
                        li {
                            span { class: "when",
                                "{entry.at} · {entry.actor}"
                                if let Some(phone) = &entry.phone { " · {phone}" }
                            }
                            span { class: "what", "{entry.text}" }
                        }
                    }
                }
            }
            // The likely next step and the reply, fixed above the tabs: always under the thumb.
            div { class: "stepbar", role: "group", "aria-label": "Langkah cepat",
                if let Some(next) = view.next.clone() {
                    button {
                        class: "primary",
                        "data-action": "{next.key}",
                        onclick: move |_| on_action.call(next.key.clone()),
                        "{next.label}"
                    }
                }
                if view.phone.is_some() {
                    button { class: "secondary", onclick: move |_| on_send.call(()), "Balas via WA" }
                } else {
                    button { class: "secondary", onclick: move |_| on_share.call(()), "Bagikan pesan" }
                }
            }
        }
    }
}

/// The checklist's items with their ticks, "Perlu" and "Tidak perlu".
#[component]
fn ItemList(
    items: Vec<ItemView>,
    open: bool,
    on_mark: EventHandler<(usize, ItemMark)>,
    on_not_applicable: EventHandler<usize>,
) -> Element {
    rsx! {
    ul { class: "checklist ticks",
        for item in items.iter() {
            li { key: "{item.position}", class: "item item-{item.state}",
                label { class: "tick",
                    input {
                        r#type: "checkbox",
                        checked: item.received,
                        disabled: !open,
                        onchange: {
                            let p = item.position;
                            move |e: FormEvent| {
                                let mark = if e.checked() { ItemMark::Received } else { ItemMark::Reset };
                                on_mark.call((p, mark))
                            }
                        },
                    }
                    span { class: "req", "{item.label}" }
                }
                if let Some(detail) = &item.detail {
                    span { class: "req-detail", "{detail}" }
                }
                if let Some(condition) = &item.condition {
                    span { class: "req-when", "{condition}" }
                }
                if let Some(text) = &item.state_text {
                    span { class: "req-state", "{text}" }
                }
                if open && item.undecided {
                    button {
                        class: "small",
                        onclick: {
                            let p = item.position;
                            move |_| on_mark.call((p, ItemMark::Needed))
                        },
                        "Perlu"
                    }
                }
                if open && item.can_set_aside {
                    button {
                        class: "small",
                        onclick: {
                            let p = item.position;
                            move |_| on_not_applicable.call(p)
                        },
                        "Tidak perlu (isi alasan di bawah)"
                    }
                }
            }
        }
    }
    }
}

/// Rows for the reply box so the whole message shows: each line wraps at about 34 letters on
/// a 360-pixel phone.
fn reply_rows(text: &str) -> usize {
    text.lines()
        .map(|line| 1 + line.chars().count() / 34)
        .sum::<usize>()
        .clamp(4, 60)
}

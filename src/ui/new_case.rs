//! Berkas baru: the new-case form, kept as a draft while it is filled, with "Isi dari pesan"
//! for a pasted WhatsApp message and "Sertakan percakapan sebelumnya" for a whole shared chat.

use dioxus::prelude::*;

use crate::app::case_views::NewCaseView;
use crate::app::{AppError, FieldError};
use crate::domain::intake::KEPT_MESSAGES;

use super::nav::use_session;
use super::use_app;
use super::widgets::{error_of, ErrorNotice, FieldMessage, TextField};

/// The form with the app's draft; a made case opens at once.
#[component]
pub(super) fn NewCaseRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut state = session.new_case;
    let view = match app.new_case_view(None) {
        Ok(view) => view,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    let mut fail = move |e: AppError| state.with_mut(|s| s.error = Some(e.to_string()));
    let (a1, a2, a3, a4) = (app.clone(), app.clone(), app.clone(), app);
    let now = state();
    rsx! {
        NewCaseScreen {
            view,
            error: now.error,
            errors: now.errors,
            rev: now.rev,
            on_include_earlier: move |_| {
                if let Err(e) = a4.include_earlier_chat() {
                    fail(e);
                }
                state.with_mut(|s| s.rev += 1);
            },
            on_fill: move |_| {
                let app = a3.clone();
                match a3.update_draft(|form| *form = app.fill_form_from_notes(form)) {
                    Ok(_) => state.with_mut(|s| s.error = None),
                    Err(e) => fail(e),
                }
                state.with_mut(|s| s.rev += 1);
            },
            on_field: move |(field, value): (&'static str, String)| {
                if let Err(e) = a1.update_draft(|form| form.set(field, value)) {
                    fail(e);
                }
            },
            on_submit: move |_| {
                // A draft that cannot be read is not turned into a case.
                let form = match a2.load_draft() {
                    Ok(form) => form.unwrap_or_default(),
                    Err(e) => return fail(e),
                };
                match a2.create_case(&form) {
                    Err(AppError::Form(errors)) => state.with_mut(|s| {
                        s.error = None;
                        s.errors = errors;
                    }),
                    Ok(id) => {
                        a2.drop_earlier_chat();
                        state.with_mut(|s| {
                            s.error = None;
                            s.errors.clear();
                        });
                        session.refresh();
                        session.open_case(&a2, id);
                    }
                    Err(e) => fail(e),
                }
            },
        }
    }
}

#[component]
pub fn NewCaseScreen(
    view: NewCaseView,
    error: Option<String>,
    /// Problems of single fields, each shown under its field.
    #[props(default)]
    errors: Vec<FieldError>,
    /// Bumped when the form is filled by the app, so the inputs show the new values.
    rev: u64,
    on_field: EventHandler<(&'static str, String)>,
    on_fill: EventHandler<()>,
    on_submit: EventHandler<()>,
    /// "Sertakan percakapan sebelumnya" (a whole shared chat's earlier part).
    #[props(default)]
    on_include_earlier: EventHandler<()>,
) -> Element {
    let f = &view.form;
    let channel = f.channel.map_or("", |c| c.key()).to_string();
    let message_shown = if f.message_at.trim().is_empty() {
        view.message_default.clone()
    } else {
        f.message_at.clone()
    };
    // The draft's key for each field: what `on_field` reports and `errors` name.
    let field = move |key: &'static str| move |value: String| on_field.call((key, value));
    rsx! {
        form {
            key: "{rev}",
            class: "new-case",
            onsubmit: move |e| {
                e.prevent_default();
                on_submit.call(());
            },
            p { class: "hint", "Isian tersimpan otomatis sebagai draf sampai berkas dibuat." }
            TextField { id: "f-nama", label: "Nama warga *", value: f.resident_name.clone(), autocomplete: "off", error: error_of(&errors, "nama"), on_input: field("nama") }
            label { r#for: "f-layanan", "Layanan *" }
            select { id: "f-layanan", onchange: move |e| on_field.call(("layanan", e.value())),
                option { value: "", selected: f.service_id.is_empty(), "Pilih layanan…" }
                for (id, name) in view.services.iter() {
                    option { value: "{id}", selected: *id == f.service_id, "{name}" }
                }
            }
            FieldMessage { message: error_of(&errors, "layanan") }
            TextField { id: "f-hp", label: "Nomor WhatsApp", kind: "tel", inputmode: "tel", value: f.phone.clone(), error: error_of(&errors, "hp"), on_input: field("hp") }
            label { r#for: "f-saluran", "Masuk lewat" }
            select { id: "f-saluran", onchange: move |e| on_field.call(("saluran", e.value())),
                option { value: "", selected: channel.is_empty(), "Otomatis (WhatsApp bila ada nomor)" }
                for (key, label) in view.channels.iter() {
                    option { value: "{key}", selected: *key == channel, "{label}" }
                }
            }
            TextField {
                id: "f-pesan-masuk",
                label: "Pesan masuk (WIB)",
                hint: "Kapan warga mengirim pesan. Terisi sendiri dari pesan WhatsApp yang dibagikan; biarkan bila pesan baru saja masuk.",
                kind: "datetime-local",
                value: message_shown,
                error: error_of(&errors, "pesan-masuk"),
                on_input: field("pesan-masuk"),
            }
            TextField { id: "f-nik", label: "NIK (boleh kosong)", inputmode: "numeric", value: f.nik.clone(), error: error_of(&errors, "nik"), on_input: field("nik") }
            div { class: "row3",
                div {
                    TextField { id: "f-dusun", label: "Dusun", value: f.dusun.clone(), error: None, on_input: field("dusun") }
                }
                div {
                    TextField { id: "f-rt", label: "RT", inputmode: "numeric", value: f.rt.clone(), error: None, on_input: field("rt") }
                }
                div {
                    TextField { id: "f-rw", label: "RW", inputmode: "numeric", value: f.rw.clone(), error: None, on_input: field("rw") }
                }
            }
            TextField {
                id: "f-catatan",
                label: "Catatan / pesan warga",
                hint: "Tempel pesan WhatsApp warga di sini, lalu tekan \"Isi dari pesan\": layanan, nomor dan nama diisi bila ada di pesan.",
                rows: 3,
                value: f.notes.clone(),
                error: None,
                on_input: field("catatan"),
            }
            button { class: "secondary", r#type: "button", onclick: move |_| on_fill.call(()), "Isi dari pesan" }
            if let Some(lines) = view.earlier_chat_lines {
                p { class: "notice", role: "status",
                    "Yang dibagikan adalah seluruh percakapan: hanya {KEPT_MESSAGES} pesan terakhir yang masuk catatan. {lines} baris sebelumnya tidak disimpan kecuali Anda menyertakannya."
                }
                button { class: "secondary", r#type: "button", onclick: move |_| on_include_earlier.call(()), "Sertakan percakapan sebelumnya" }
            }
            FieldMessage { message: error }
            button { class: "primary", r#type: "submit", "Buat berkas" }
        }
    }
}

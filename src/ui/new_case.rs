//! Berkas baru: the new-case form, kept as a draft while it is filled. "Tempel pesan WA" comes
//! first (the copied message fills name, number and service), then the three fields a case
//! needs, the service found by search, the rest folded under "Boleh diisi nanti", and "Simpan
//! berkas" fixed in reach. "Sertakan percakapan sebelumnya" for a whole shared chat.

use dioxus::prelude::*;

use crate::app::case_views::NewCaseView;
use crate::app::{AppError, FieldError};
use crate::domain::intake::KEPT_MESSAGES;

use super::nav::use_session;
use super::use_app;
use super::widgets::{
    error_of, page_clipboard_text, DateWords, ErrorNotice, FieldMessage, TextField,
};

/// How many found services the search shows.
const SHOWN_MATCHES: usize = 6;

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
    let now = state();
    // The services the search finds, best first; a handful is enough to tap.
    let service_matches: Vec<(String, String)> = if now.service_query.trim().is_empty() {
        Vec::new()
    } else {
        app.catalog_list(&now.service_query)
            .into_iter()
            .take(SHOWN_MATCHES)
            .map(|s| (s.id, s.name))
            .collect()
    };
    let mut pasted = move |result: Result<(), AppError>| {
        state.with_mut(|s| {
            s.rev += 1;
            s.errors = match result {
                Ok(()) => Vec::new(),
                Err(e) => vec![FieldError {
                    field: "tempel".into(),
                    message: e.to_string(),
                }],
            };
        });
    };
    let (a1, a2, a3, a4, a5) = (app.clone(), app.clone(), app.clone(), app.clone(), app);
    rsx! {
        NewCaseScreen {
            view,
            error: now.error,
            errors: now.errors,
            rev: now.rev,
            service_query: now.service_query,
            service_matches,
            on_service_query: move |q: String| state.with_mut(|s| s.service_query = q),
            on_paste: move |_| match a5.paste_clipboard_into_draft() {
                Ok(true) => pasted(Ok(())),
                Err(e) => pasted(Err(e)),
                // The desktop preview: the WebView reads its own clipboard.
                Ok(false) => {
                    let app = a5.clone();
                    spawn(async move {
                        let text = page_clipboard_text().await;
                        pasted(app.paste_into_draft(&text));
                    });
                }
            },
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

/// The draft's fields that may wait ("Boleh diisi nanti"), folded until one has an error.
const LATER_FIELDS: [&str; 6] = ["saluran", "pesan-masuk", "nik", "dusun", "rt", "rw"];

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
    /// "Tempel pesan WA": the copied message into the form.
    #[props(default)]
    on_paste: EventHandler<()>,
    /// What the official typed to find the service, and the services it finds.
    #[props(default)]
    service_query: String,
    #[props(default)] service_matches: Vec<(String, String)>,
    #[props(default)] on_service_query: EventHandler<String>,
) -> Element {
    let f = &view.form;
    let channel = f.channel.map_or("", |c| c.key()).to_string();
    let message_shown = if f.message_at.trim().is_empty() {
        view.message_default.clone()
    } else {
        f.message_at.clone()
    };
    let chosen = view
        .services
        .iter()
        .find(|(id, _)| *id == f.service_id)
        .cloned();
    let later_open = LATER_FIELDS.iter().any(|k| error_of(&errors, k).is_some());
    // The draft's key for each field: what `on_field` reports and `errors` name.
    let field = move |key: &'static str| move |value: String| on_field.call((key, value));
    rsx! {
        form {
            key: "{rev}",
            id: "berkas-baru",
            class: "new-case",
            onsubmit: move |e| {
                e.prevent_default();
                on_submit.call(());
            },
            section { class: "paste-first",
                button { class: "primary", r#type: "button", onclick: move |_| on_paste.call(()), "Tempel pesan WA" }
                p { class: "hint",
                    "Di WhatsApp tekan lama pesan warga, pilih Salin, lalu tekan \"Tempel pesan WA\": nama, nomor dan layanan terisi sendiri bila ada di pesan."
                }
                FieldMessage { message: error_of(&errors, "tempel") }
                TextField {
                    id: "f-catatan",
                    label: "Pesan warga / catatan",
                    rows: 3,
                    value: f.notes.clone(),
                    error: None,
                    on_input: field("catatan"),
                }
                if !f.notes.trim().is_empty() {
                    button { class: "secondary", r#type: "button", onclick: move |_| on_fill.call(()), "Isi dari pesan" }
                }
                if let Some(lines) = view.earlier_chat_lines {
                    p { class: "notice", role: "status",
                        "Yang dibagikan adalah seluruh percakapan: hanya {KEPT_MESSAGES} pesan terakhir yang masuk catatan. {lines} baris sebelumnya tidak disimpan kecuali Anda menyertakannya."
                    }
                    button { class: "secondary", r#type: "button", onclick: move |_| on_include_earlier.call(()), "Sertakan percakapan sebelumnya" }
                }
            }
            TextField { id: "f-nama", label: "Nama warga *", value: f.resident_name.clone(), autocomplete: "off", error: error_of(&errors, "nama"), on_input: field("nama") }
            TextField { id: "f-hp", label: "Nomor WhatsApp", kind: "tel", inputmode: "tel", placeholder: "Ketik atau tempel nomor", value: f.phone.clone(), error: error_of(&errors, "hp"), on_input: field("hp") }
            ServicePicker {
                chosen,
                query: service_query,
                matches: service_matches,
                error: error_of(&errors, "layanan"),
                on_query: on_service_query,
                on_pick: move |id: String| on_field.call(("layanan", id)),
            }
            details { class: "later", open: later_open,
                summary { "Boleh diisi nanti: cara masuk, waktu pesan, NIK, alamat" }
                label { r#for: "f-saluran", "Masuk lewat" }
                select { id: "f-saluran", "aria-invalid": error_of(&errors, "saluran").is_some(), onchange: move |e| on_field.call(("saluran", e.value())),
                    option { value: "", selected: channel.is_empty(), "Otomatis (WhatsApp bila ada nomor)" }
                    for (key, label) in view.channels.iter() {
                        option { value: "{key}", selected: *key == channel, "{label}" }
                    }
                }
                FieldMessage { message: error_of(&errors, "saluran") }
                TextField {
                    id: "f-pesan-masuk",
                    label: "Pesan masuk (WIB)",
                    hint: "Kapan warga mengirim pesan. Terisi sendiri dari pesan WhatsApp yang ditempel atau dibagikan; biarkan bila pesan baru saja masuk.",
                    kind: "datetime-local",
                    value: message_shown.clone(),
                    error: error_of(&errors, "pesan-masuk"),
                    on_input: field("pesan-masuk"),
                }
                DateWords { value: message_shown }
                TextField { id: "f-nik", label: "NIK", inputmode: "numeric", value: f.nik.clone(), error: error_of(&errors, "nik"), on_input: field("nik") }
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
            }
            p { class: "hint", "Isian tersimpan otomatis sebagai draf sampai berkas disimpan." }
            FieldMessage { message: error }
        }
        // Room under the last line for the bar fixed above the tabs, and the bar: its button
        // submits the form from outside it.
        div { class: "stepbar-space" }
        div { class: "stepbar",
            button { class: "primary", r#type: "submit", form: "berkas-baru", "Simpan berkas" }
        }
    }
}

/// "Layanan *": the chosen service with "Ganti", or a search box and the services it finds
/// (a tap picks one), instead of a list of every service.
#[component]
fn ServicePicker(
    chosen: Option<(String, String)>,
    query: String,
    matches: Vec<(String, String)>,
    error: Option<String>,
    on_query: EventHandler<String>,
    on_pick: EventHandler<String>,
) -> Element {
    rsx! {
        div { class: "field service-picker",
            match chosen {
                Some((id, name)) => rsx! {
                    p { class: "label", id: "f-layanan-label", "Layanan *" }
                    div { class: "service-chosen", "data-id": "{id}", "aria-labelledby": "f-layanan-label",
                        strong { "{name}" }
                        button {
                            class: "small",
                            r#type: "button",
                            onclick: move |_| { on_pick.call(String::new()); on_query.call(String::new()) },
                            "Ganti"
                        }
                    }
                },
                None => rsx! {
                    TextField {
                        id: "f-layanan-cari",
                        label: "Layanan *",
                        hint: "Ketik nama layanan, mis. akta, KK, domisili, SKTM.",
                        kind: "search",
                        autocomplete: "off",
                        value: query.clone(),
                        error: error.clone(),
                        boxed: false,
                        on_input: move |q: String| on_query.call(q),
                    }
                    if !query.trim().is_empty() {
                        if matches.is_empty() {
                            p { class: "hint", role: "status", "Tidak ada layanan yang cocok. Coba kata lain, mis. \"akta\" atau \"KK\"." }
                        } else {
                            ul { class: "service-results", "aria-label": "Layanan yang cocok",
                                for (id, name) in matches {
                                    li { key: "{id}",
                                        button {
                                            class: "service-option",
                                            r#type: "button",
                                            "data-id": "{id}",
                                            // The draft first, then the query goes (which
                                            // draws the form again with the choice).
                                            onclick: move |_| { on_pick.call(id.clone()); on_query.call(String::new()) },
                                            "{name}"
                                        }
                                    }
                                }
                            }
                        }
                    }
                },
            }
        }
    }
}

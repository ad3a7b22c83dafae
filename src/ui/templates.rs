//! Templat balasan: the list of reply templates and the editor, with the placeholders a
//! template may use.

use dioxus::prelude::*;

use crate::app::AppError;

use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::TextField;

/// The list with the app's templates; editing one keeps its form in the session.
#[component]
pub(super) fn TemplatesRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut edit = session.template;
    let list = app.template_list();
    rsx! {
        TemplatesScreen {
            templates: list.clone(),
            on_edit: move |id: String| {
                let (name, text) = list.iter().find(|(i, _, _)| *i == id).map(|(_, n, t)| (n.clone(), t.clone())).unwrap_or_default();
                edit.set(TemplateEdit { id: id.clone(), name, text, ..TemplateEdit::default() });
                session.go(Screen::Template(id));
            },
            on_new: move |_| {
                edit.set(TemplateEdit { is_new: true, ..TemplateEdit::default() });
                session.go(Screen::Template(String::new()));
            },
        }
    }
}

/// The editor of the session's template; saving says under which field what is wrong.
#[component]
pub(super) fn TemplateRoute() -> Element {
    let app = use_app();
    let mut edit = use_session().template;
    rsx! {
        TemplateScreen {
            edit: edit(),
            on_field: move |(field, value): (&'static str, String)| edit.with_mut(|t| {
                match field {
                    "nama" => t.name = value,
                    _ => t.text = value,
                }
                t.saved = false;
            }),
            on_save: move |_| {
                let t = edit();
                // A new template gets its code from its name; the official never sees codes.
                let result = if t.is_new {
                    app.add_template(&t.name, &t.text)
                } else {
                    app.save_template(&t.id, &t.name, &t.text).map(|()| t.id.clone())
                };
                edit.with_mut(|t| match result {
                    Ok(id) => { t.id = id; t.error = None; t.error_field.clear(); t.saved = true; t.is_new = false; }
                    Err(AppError::Form(errors)) => {
                        let first = errors.into_iter().next();
                        t.error_field = first.as_ref().map(|e| e.field.clone()).unwrap_or_default();
                        t.error = first.map(|e| e.message);
                        t.saved = false;
                    }
                    Err(e) => { t.error = Some(e.to_string()); t.error_field.clear(); t.saved = false; }
                });
            },
        }
    }
}

/// The template editor's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateEdit {
    pub id: String,
    pub name: String,
    pub text: String,
    pub is_new: bool,
    pub error: Option<String>,
    /// The field the error belongs to (`nama`, `teks`); any other shows under the text.
    pub error_field: String,
    pub saved: bool,
}

#[component]
pub fn TemplatesScreen(
    templates: Vec<(String, String, String)>,
    on_edit: EventHandler<String>,
    on_new: EventHandler<()>,
) -> Element {
    rsx! {
        p { class: "hint", "Templat dipakai untuk balasan WhatsApp. Kolom seperti {{nama}} diisi otomatis dari data berkas." }
        button { class: "primary", onclick: move |_| on_new.call(()), "+ Templat baru" }
        ul { class: "cases",
            for (id, name, text) in templates {
                li { key: "{id}",
                    button {
                        class: "case",
                        onclick: {
                            let id = id.clone();
                            move |_| on_edit.call(id.clone())
                        },
                        span { class: "name", "{name}" }
                        span { class: "meta", "{text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default()}" }
                    }
                }
            }
        }
    }
}

#[component]
pub fn TemplateScreen(
    edit: TemplateEdit,
    on_field: EventHandler<(&'static str, String)>,
    on_save: EventHandler<()>,
) -> Element {
    let error_at = |field: &str| {
        let here = match edit.error_field.as_str() {
            "nama" => edit.error_field.as_str() == field,
            _ => field == "teks",
        };
        edit.error.clone().filter(|_| here)
    };
    let fields: Vec<String> = crate::domain::template::Placeholder::ALL
        .iter()
        .map(|p| format!("{{{}}}: {}", p.key(), p.description()))
        .collect();
    rsx! {
        form {
            class: "template",
            onsubmit: move |e| {
                e.prevent_default();
                on_save.call(());
            },
            TextField { id: "t-nama", label: "Nama", value: edit.name.clone(), error: error_at("nama"), on_input: move |v| on_field.call(("nama", v)) }
            TextField { id: "t-teks", label: "Teks", rows: 12, value: edit.text.clone(), error: error_at("teks"), on_input: move |v| on_field.call(("teks", v)) }
            if edit.saved {
                p { class: "field-ok", role: "status", "Templat disimpan." }
            }
            button { class: "primary", r#type: "submit", "Simpan templat" }
            details { class: "sources",
                summary { "Kolom yang tersedia" }
                ul {
                    for field in fields {
                        li { "{field}" }
                    }
                }
            }
        }
    }
}

//! The shared widgets every screen draws with: one `TextField` (label, hint, input, the error
//! under it), the error paragraph of a field, the one lookup of a field's error among those
//! `app` returned, the flash line after an action, the error notice of a screen that could not
//! be read, and "Salin teks".

use dioxus::prelude::*;

use crate::app::{AppError, FieldError};

use super::AppHandle;

/// A message after an action: `(ok, text)`.
pub type Flash = Option<(bool, String)>;

/// The flash line for what `app` answered: its sentence when done, the error's words when not.
pub(crate) fn flash_of(result: Result<String, AppError>) -> (bool, String) {
    match result {
        Ok(msg) => (true, msg),
        Err(e) => (false, e.to_string()),
    }
}

/// The message for `field` among the errors a form got back from `app`, if it has one.
pub(crate) fn error_of(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// What a form shows once `app` answered, the one way every form settles: saved, its errors
/// go and `ok` (when given) is told; wrong fields, each message goes under its field and an
/// old message above the form goes; anything else is said above the form. True when saved.
pub(crate) fn settle(
    result: Result<(), AppError>,
    ok: Option<&str>,
    mut errors: Signal<Vec<FieldError>>,
    mut flash: Signal<Flash>,
) -> bool {
    match result {
        Ok(()) => {
            errors.set(Vec::new());
            if let Some(ok) = ok {
                flash.set(Some((true, ok.to_string())));
            }
            true
        }
        Err(AppError::Form(e)) => {
            flash.set(None);
            errors.set(e);
            false
        }
        Err(e) => {
            flash.set(Some((false, e.to_string())));
            false
        }
    }
}

/// The red line under a field; nothing when there is no message.
#[component]
pub fn FieldMessage(message: Option<String>, #[props(default)] id: Option<String>) -> Element {
    rsx! {
        if let Some(message) = message {
            p { id, class: "field-error", role: "alert", "{message}" }
        }
    }
}

/// One form field: its label, an optional hint under the label, the input (or a text area
/// when `rows` is given) marked invalid when `error` is set, and the error under it.
/// `controlled` fields follow `value` on every draw (forms the screen clears itself); the
/// others take it once, so fast typing on a slow phone never loses letters.
#[component]
pub fn TextField(
    id: String,
    label: String,
    #[props(default)] value: String,
    error: Option<String>,
    on_input: EventHandler<String>,
    /// The input's `type` (`tel`, `password`, `date`, `datetime-local` ...).
    #[props(default)]
    kind: Option<String>,
    /// A text area of this many rows instead of a one-line input.
    #[props(default)]
    rows: Option<u32>,
    #[props(default)] placeholder: Option<String>,
    #[props(default)] inputmode: Option<String>,
    #[props(default)] autocomplete: Option<String>,
    #[props(default)] hint: Option<String>,
    #[props(default)] disabled: bool,
    #[props(default)] controlled: bool,
    /// Wrapped in `div.field` (the settings and backup forms space their fields so).
    #[props(default)]
    boxed: bool,
) -> Element {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    // Taken once by every field; a controlled field also follows it on every draw.
    let initial = value.clone();
    let value = controlled.then_some(value);
    let invalid = error.is_some();
    let inner = rsx! {
        label { r#for: "{id}", "{label}" }
        if let Some(hint) = hint {
            p { class: "hint", id: hint_id.clone(), "{hint}" }
        }
        // `value` is written only on a controlled field: a `value` attribute without a value
        // would empty the field on every draw.
        match (rows, value) {
            (Some(rows), Some(value)) => rsx! {
                textarea { id: "{id}", rows: "{rows}", placeholder, value: "{value}", disabled, "aria-invalid": invalid, "aria-describedby": hint_id, oninput: move |e| on_input.call(e.value()) }
            },
            (Some(rows), None) => rsx! {
                textarea { id: "{id}", rows: "{rows}", placeholder, initial_value: "{initial}", disabled, "aria-invalid": invalid, "aria-describedby": hint_id, oninput: move |e| on_input.call(e.value()) }
            },
            (None, Some(value)) => rsx! {
                input { id: "{id}", r#type: kind, inputmode, autocomplete, placeholder, value: "{value}", disabled, "aria-invalid": invalid, "aria-describedby": hint_id, oninput: move |e| on_input.call(e.value()) }
            },
            (None, None) => rsx! {
                input { id: "{id}", r#type: kind, inputmode, autocomplete, placeholder, initial_value: "{initial}", disabled, "aria-invalid": invalid, "aria-describedby": hint_id, oninput: move |e| on_input.call(e.value()) }
            },
        }
        FieldMessage { message: error }
    };
    if boxed {
        rsx! { div { class: "field", {inner} } }
    } else {
        inner
    }
}

/// Under a date field: its value in Indonesian words (`Selasa, 8 Desember 2026`), so the order
/// the field itself shows (the phone's language in the WebView, the machine's in the desktop
/// preview) never leaves a date in doubt.
#[component]
pub fn DateWords(value: String) -> Element {
    rsx! {
        if let Some(words) = crate::domain::time::spell_input_date(&value) {
            p { class: "hint date-words", "aria-live": "polite", "{words}" }
        }
    }
}

/// What happened after an action, as a notice.
#[component]
pub fn FlashLine(flash: Flash) -> Element {
    rsx! {
        if let Some((ok, text)) = flash {
            p { class: if ok { "notice ok" } else { "notice error" }, role: "status", "{text}" }
        }
    }
}

/// A screen that could not be read says why, in place of its content.
#[component]
pub fn ErrorNotice(message: String) -> Element {
    rsx! { p { class: "notice error", role: "alert", "{message}" } }
}

/// "Salin teks": copies `text` through the platform (Android's clipboard, cleared again a
/// minute later by `App::clipboard_tick`), or with the WebView's clipboard API where the
/// platform leaves it to the page (the desktop preview), for when WhatsApp cannot be opened
/// or the official prefers to paste.
#[component]
pub fn CopyButton(text: String) -> Element {
    let mut status = use_signal(|| None::<(bool, &'static str)>);
    let app = try_consume_context::<AppHandle>();
    rsx! {
        button {
            class: "secondary",
            r#type: "button",
            onclick: move |_| {
                let text = text.clone();
                if let Some(AppHandle(app)) = &app {
                    if let Ok(true) = app.copy_text(&text) {
                        status.set(Some((true, "Teks tersalin. Tempel di WhatsApp atau aplikasi lain. Setelah 1 menit teks dihapus dari papan klip.")));
                        return;
                    }
                }
                spawn(async move {
                    let eval = document::eval(
                        "const t = await dioxus.recv(); await navigator.clipboard.writeText(t); return true;",
                    );
                    let sent = eval.send(text).is_ok();
                    let ok = sent && eval.await.is_ok();
                    status.set(Some(if ok {
                        (true, "Teks tersalin. Tempel di WhatsApp atau aplikasi lain.")
                    } else {
                        (false, "Teks tidak bisa disalin otomatis: tekan lama pada kotak pesan, pilih semua, lalu salin.")
                    }));
                });
            },
            "Salin teks"
        }
        if let Some((ok, msg)) = status() {
            p { class: if ok { "field-ok" } else { "field-error" }, role: "status", "{msg}" }
        }
    }
}

/// A message as the resident's WhatsApp will draw it: a chat bubble, with WhatsApp's
/// `*tebal*`, `_miring_` and `~coret~` drawn instead of shown as marks.
#[component]
pub fn WaBubble(text: String) -> Element {
    let runs = crate::domain::wa_text::runs(&text);
    rsx! {
        div { class: "wa-chat",
            div { class: "wa-bubble",
                for (i, run) in runs.into_iter().enumerate() {
                    span {
                        key: "{i}",
                        class: if run.bold { "wa-b" },
                        class: if run.italic { "wa-i" },
                        class: if run.strike { "wa-s" },
                        "{run.text}"
                    }
                }
            }
        }
    }
}

/// A search box with its (screen-reader) label. Uncontrolled: a controlled `value` races fast
/// typing on slow phones and drops letters, so `value` is taken once.
#[component]
pub fn SearchBox(
    id: String,
    label: String,
    placeholder: String,
    value: String,
    on_input: EventHandler<String>,
    #[props(default)] inputmode: Option<String>,
) -> Element {
    rsx! {
        div { class: "search",
            label { r#for: "{id}", class: "sr-only", "{label}" }
            input {
                id: "{id}",
                r#type: "search",
                inputmode,
                autocomplete: "off",
                placeholder: "{placeholder}",
                initial_value: "{value}",
                oninput: move |e| on_input.call(e.value()),
            }
        }
    }
}

/// What happened, as a toast above the bar at the foot: seen wherever the screen is scrolled,
/// and it pushes nothing down between two taps.
#[component]
pub fn Toast(flash: Flash) -> Element {
    rsx! {
        if let Some((ok, msg)) = flash {
            p { class: if ok { "toast ok above-bar" } else { "toast error above-bar" }, role: if ok { "status" } else { "alert" }, "{msg}" }
        }
    }
}

/// The text on the WebView's own clipboard, where the platform leaves reading it to the page
/// (the desktop preview); empty when the page may not read it.
pub(crate) async fn page_clipboard_text() -> String {
    document::eval("return await navigator.clipboard.readText();")
        .join::<String>()
        .await
        .unwrap_or_default()
}

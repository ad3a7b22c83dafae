//! "Kirim persyaratan via WhatsApp": the send form (`SendState`) that checks the number and
//! opens the chat through `app`, the quick send on the service screen and the full screen
//! where the message can be changed first. Both draw the same `QuickSend`.

use dioxus::prelude::*;

use std::sync::Arc;

use crate::app::{App, AppError};
use crate::domain::whatsapp::ChatRequest;

use super::nav::use_session;
use super::use_app;
use super::widgets::{page_clipboard_text, CopyButton, FieldMessage};

/// "Tempel" by the number: the platform's clipboard, or the WebView's where the platform
/// leaves it to the page (the desktop preview).
pub(super) fn paste_number(app: Arc<App>, mut send: Signal<SendState>) {
    match app.paste_number() {
        Ok(Some(number)) => send.with_mut(|s| s.pasted(&app, Ok(number))),
        Err(e) => send.with_mut(|s| s.pasted(&app, Err(e))),
        Ok(None) => {
            spawn(async move {
                let found = app.number_in(&page_clipboard_text().await);
                send.with_mut(|s| s.pasted(&app, found));
            });
        }
    }
}

/// The full send screen on the session's send form.
#[component]
pub(super) fn SendRoute() -> Element {
    let app = use_app();
    let mut send = use_session().send;
    let (a1, a2) = (app.clone(), app.clone());
    rsx! {
        SendScreen {
            state: send(),
            on_phone: move |raw: String| send.with_mut(|s| s.set_phone(&a1, raw)),
            on_text: move |text: String| send.with_mut(|s| s.set_text(text)),
            on_open: move |_| send.with_mut(|s| s.open(&app)),
            on_paste: move |_| paste_number(a2.clone(), send),
        }
    }
}

/// The number field, its check, "Buka WhatsApp" and what happened: shared by the service
/// screen's quick send and the full send screen.
/// `children` go between the number and the button (the full screen's message box). The
/// button is never off: tapped without a number, it says under the field what is missing.
#[component]
pub(super) fn QuickSend(
    state: SendState,
    on_phone: EventHandler<String>,
    on_open: EventHandler<()>,
    /// "Tempel": the copied number into the field.
    #[props(default)]
    on_paste: EventHandler<()>,
    #[props(default)] children: Element,
) -> Element {
    let invalid = state.phone_error.is_some();
    rsx! {
        label { r#for: "nomor", "Nomor WhatsApp warga" }
        div { class: "number-row",
            input {
                // Drawn afresh when "Tempel" filled it, so the pasted number shows.
                key: "{state.pasted}",
                id: "nomor",
                r#type: "tel",
                inputmode: "tel",
                autocomplete: "off",
                // Not a number that looks typed: what to do.
                placeholder: "Ketik atau tempel nomor",
                initial_value: "{state.phone}",
                "aria-invalid": if invalid { "true" } else { "false" },
                "aria-describedby": "nomor-info",
                oninput: move |e| on_phone.call(e.value()),
            }
            button { class: "secondary paste", r#type: "button", onclick: move |_| on_paste.call(()), "Tempel" }
        }
        if state.phone_error.is_some() {
            FieldMessage { id: "nomor-info", message: state.phone_error.clone() }
        } else if let Some(chat) = &state.chat {
            p { id: "nomor-info", class: "field-ok", "Dikirim ke {chat.number.display()}" }
        } else {
            p { id: "nomor-info", class: "hint", "Boleh ditulis 0812…, +62 812…, atau nomor luar negeri dengan +." }
        }
        {children}
        button {
            class: "primary",
            onclick: move |_| on_open.call(()),
            "Buka WhatsApp"
        }
        match &state.notice {
            Some(Notice::Opened(msg)) => rsx! { p { class: "notice ok", role: "status", "{msg}" } },
            Some(Notice::Failed(msg)) => rsx! {
                p { class: "notice error", role: "alert", "{msg}" }
                CopyButton { text: state.text.clone() }
            },
            None => rsx! {},
        }
    }
}

/// What the official sees after tapping "Buka WhatsApp".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Opened(String),
    Failed(String),
}

/// The "Kirim via WhatsApp" form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendState {
    pub service_name: String,
    pub phone: String,
    pub text: String,
    /// Set when the typed number is usable.
    pub chat: Option<ChatRequest>,
    pub phone_error: Option<String>,
    pub notice: Option<Notice>,
    /// Bumped when "Tempel" filled the number.
    pub pasted: u32,
}

impl SendState {
    /// The form for a service, with its requirement message rendered.
    pub fn start(app: &App, service_id: &str) -> SendState {
        let mut state = SendState::default();
        match (
            app.service_view(service_id),
            app.requirements_message(service_id),
        ) {
            (Ok(view), Ok(text)) => {
                state.service_name = view.name;
                state.text = text;
            }
            (Err(e), _) | (_, Err(e)) => state.notice = Some(Notice::Failed(e.to_string())),
        }
        state
    }

    pub fn set_phone(&mut self, app: &App, raw: String) {
        self.phone = raw;
        self.notice = None;
        self.refresh(app);
    }

    /// What "Tempel" found: the number into the field, or why not under it.
    pub fn pasted(&mut self, app: &App, found: Result<String, AppError>) {
        match found {
            Ok(number) => {
                self.set_phone(app, number);
                self.pasted += 1;
            }
            Err(e) => {
                self.notice = None;
                self.phone_error = Some(e.to_string());
            }
        }
    }

    pub fn set_text(&mut self, text: String) {
        self.text = text;
        self.notice = None;
        if let Some(chat) = &self.chat {
            self.chat = Some(ChatRequest::new(chat.number.clone(), self.text.clone()));
        }
    }

    fn refresh(&mut self, app: &App) {
        if self.phone.trim().is_empty() {
            self.chat = None;
            self.phone_error = None;
            return;
        }
        match app.prepare_chat(&self.phone, &self.text) {
            Ok(chat) => {
                self.chat = Some(chat);
                self.phone_error = None;
            }
            Err(e) => {
                self.chat = None;
                self.phone_error = Some(e.to_string());
            }
        }
    }

    pub fn open(&mut self, app: &App) {
        let Some(chat) = &self.chat else {
            self.refresh(app);
            if self.phone.trim().is_empty() {
                self.phone_error =
                    Some("Isi nomor dulu: ketik atau tempel nomor WhatsApp warga.".to_string());
            }
            return;
        };
        self.notice = Some(match app.open_chat(chat) {
            Ok(target) => Notice::Opened(format!(
                "Pesan disiapkan di {}. Periksa lalu tekan kirim di WhatsApp.",
                target.label()
            )),
            Err(e) => Notice::Failed(e.to_string()),
        });
    }
}

#[component]
pub fn SendScreen(
    state: SendState,
    on_phone: EventHandler<String>,
    on_text: EventHandler<String>,
    on_open: EventHandler<()>,
    #[props(default)] on_paste: EventHandler<()>,
) -> Element {
    let long = state.chat.as_ref().is_some_and(ChatRequest::is_long);
    rsx! {
        div { class: "send",
            h2 { "{state.service_name}" }
            QuickSend { state: state.clone(), on_phone, on_open, on_paste,
                label { r#for: "pesan", "Pesan (boleh diubah sebelum dikirim)" }
                textarea {
                    id: "pesan",
                    rows: "14",
                    initial_value: "{state.text}",
                    oninput: move |e| on_text.call(e.value()),
                }
                if long {
                    p { class: "hint warn", "Pesan lebih dari 2.000 huruf; WhatsApp mungkin memotongnya. Pertimbangkan untuk meringkas." }
                }
            }
        }
    }
}

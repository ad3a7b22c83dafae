//! The three screens of the catalog: list with search, service detail with the checklist, and
//! "Kirim persyaratan via WhatsApp". Each renders the props it is given; `SendState` holds the
//! send form and asks `app` to check the number and open the chat.

use dioxus::prelude::*;

use super::AppHandle;

use crate::app::{App, ServiceSummary, ServiceView};
use crate::domain::whatsapp::ChatRequest;

#[component]
pub fn CatalogScreen(
    query: String,
    results: Vec<ServiceSummary>,
    on_query: EventHandler<String>,
    on_open: EventHandler<String>,
) -> Element {
    let searching = !query.trim().is_empty();
    rsx! {
        div { class: "search",
            label { r#for: "cari", class: "sr-only", "Cari layanan" }
            input {
                id: "cari",
                r#type: "search",
                inputmode: "search",
                autocomplete: "off",
                placeholder: "Cari: akte lahir, ktp hilang, sktm…",
                // Uncontrolled: a controlled `value` races fast typing on slow phones and drops letters.
                initial_value: "{query}",
                oninput: move |e| on_query.call(e.value()),
            }
        }
        if searching && results.is_empty() {
            p { class: "empty", role: "status",
                "Tidak ada layanan yang cocok dengan \"{query}\". Coba kata lain, misalnya \"kk\", \"akta\" atau \"domisili\"."
            }
        } else {
            p { class: "count", role: "status",
                if searching { "{results.len()} layanan cocok" } else { "{results.len()} layanan" }
            }
        }
        ul { class: "services",
            for service in results {
                li { key: "{service.id}",
                    button {
                        class: "service",
                        "data-id": "{service.id}",
                        onclick: {
                            let id = service.id.clone();
                            move |_| on_open.call(id.clone())
                        },
                        span { class: "name", "{service.name}" }
                        span { class: "meta", "{service.category} · {service.requirement_count} syarat · {service.duration}" }
                    }
                }
            }
        }
    }
}

#[component]
pub fn ServiceScreen(
    service: ServiceView,
    on_send: EventHandler<String>,
    on_new_case: Option<EventHandler<String>>,
    /// The quick send right on this screen: type the number, open WhatsApp (3 taps from the
    /// app's start). Without it, only the button to the full send screen shows.
    send: Option<SendState>,
    on_phone: Option<EventHandler<String>>,
    on_open: Option<EventHandler<()>>,
) -> Element {
    let id = service.id.clone();
    let new_id = service.id.clone();
    rsx! {
        article { class: "detail",
            h2 { "{service.name}" }
            p { class: "category", "{service.category}" }
            section {
                h3 { "Syarat yang dibawa" }
                ol { class: "checklist",
                    for req in service.requirements.iter() {
                        li {
                            span { class: "req", "{req.label}" }
                            if let Some(detail) = &req.detail {
                                span { class: "req-detail", "{detail}" }
                            }
                            if let Some(condition) = &req.condition {
                                span { class: "req-when", "{condition}" }
                            }
                        }
                    }
                }
            }
            if let (Some(state), Some(on_phone), Some(on_open)) = (send, on_phone, on_open) {
                section { class: "quick-send",
                    h3 { "Kirim persyaratan via WhatsApp" }
                    QuickSend { state, on_phone, on_open }
                    button {
                        class: "secondary",
                        onclick: move |_| on_send.call(id.clone()),
                        "Lihat atau ubah pesan dulu"
                    }
                }
            } else {
                button {
                    class: "primary",
                    onclick: move |_| on_send.call(id.clone()),
                    "Kirim persyaratan via WhatsApp"
                }
            }
            if let Some(on_new_case) = on_new_case {
                button {
                    class: "secondary",
                    onclick: move |_| on_new_case.call(new_id.clone()),
                    "Buat berkas untuk layanan ini"
                }
            }
            section {
                h3 { "Langkah" }
                ol { class: "steps",
                    for step in service.steps.iter() {
                        li { "{step}" }
                    }
                }
            }
            dl { class: "facts",
                dt { "Diproses di" }
                dd { "{service.place}" }
                dt { "Perkiraan waktu" }
                dd { "{service.duration}" }
                if let Some(lead) = &service.lead {
                    dt { "Batas pengajuan" }
                    dd { "{lead}" }
                }
                dt { "Hasil" }
                dd { "{service.outcome}" }
                dt { "Biaya" }
                dd { "{service.fee}" }
            }
            if let Some(note) = &service.note {
                p { class: "note", "{note}" }
            }
            details { class: "sources",
                summary { "Dasar hukum dan sumber" }
                ul {
                    for basis in service.legal_basis.iter() {
                        li { "{basis}" }
                    }
                    for source in service.source.iter() {
                        li { class: "source", "Sumber: {source}" }
                    }
                }
            }
        }
    }
}

/// The number field, its check, "Buka WhatsApp" and what happened: shared by the service
/// screen's quick send and the full send screen.
#[component]
fn QuickSend(
    state: SendState,
    on_phone: EventHandler<String>,
    on_open: EventHandler<()>,
) -> Element {
    let invalid = state.phone_error.is_some();
    rsx! {
        label { r#for: "nomor", "Nomor WhatsApp warga" }
        input {
            id: "nomor",
            r#type: "tel",
            inputmode: "tel",
            autocomplete: "off",
            placeholder: "0812 3456 7890",
            initial_value: "{state.phone}",
            "aria-invalid": if invalid { "true" } else { "false" },
            "aria-describedby": "nomor-info",
            oninput: move |e| on_phone.call(e.value()),
        }
        if let Some(error) = &state.phone_error {
            p { id: "nomor-info", class: "field-error", role: "alert", "{error}" }
        } else if let Some(chat) = &state.chat {
            p { id: "nomor-info", class: "field-ok", "Dikirim ke {chat.number.display()}" }
        } else {
            p { id: "nomor-info", class: "hint", "Boleh ditulis 0812…, +62 812…, atau nomor luar negeri dengan +." }
        }
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
                self.phone_error = Some("Isi dulu nomor WhatsApp warga.".to_string());
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
) -> Element {
    let invalid = state.phone_error.is_some();
    let long = state.chat.as_ref().is_some_and(ChatRequest::is_long);
    rsx! {
        div { class: "send",
            h2 { "{state.service_name}" }
            label { r#for: "nomor", "Nomor WhatsApp warga" }
            input {
                id: "nomor",
                r#type: "tel",
                inputmode: "tel",
                autocomplete: "off",
                placeholder: "0812 3456 7890",
                initial_value: "{state.phone}",
                "aria-invalid": if invalid { "true" } else { "false" },
                "aria-describedby": "nomor-info",
                oninput: move |e| on_phone.call(e.value()),
            }
            if let Some(error) = &state.phone_error {
                p { id: "nomor-info", class: "field-error", role: "alert", "{error}" }
            } else if let Some(chat) = &state.chat {
                p { id: "nomor-info", class: "field-ok", "Dikirim ke {chat.number.display()}" }
            } else {
                p { id: "nomor-info", class: "hint", "Boleh ditulis 0812…, +62 812…, atau nomor luar negeri dengan +." }
            }
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
            button {
                class: "primary",
                disabled: state.chat.is_none(),
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

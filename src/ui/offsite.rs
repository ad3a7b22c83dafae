//! Salinan otomatis: the office's WebDAV folder the encrypted backup goes to once a day, with
//! "Kirim sekarang" and the last result.

use dioxus::prelude::*;

use crate::app::offsite::OffsiteForm;
use crate::app::FieldError;

use super::backup::PassphraseMaker;
use super::lock::PinField;
use super::widgets::{error_of, settle, ErrorNotice, FlashLine, TextField};
use super::AppHandle;

/// Salinan otomatis: the WebDAV folder the encrypted backup goes to once a day.
#[component]
pub fn OffsiteSection() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut form = use_signal(OffsiteForm::default);
    let mut errors = use_signal(Vec::<FieldError>::new);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut busy = use_signal(|| false);
    let mut rev = use_signal(|| 0u64);
    // A generated passphrase, written into its field (re-created by `made_rev`).
    let mut made = use_signal(String::new);
    let mut made_rev = use_signal(|| 0u64);
    let has_pin = app.lock_settings().is_ok_and(|s| s.has_pin);
    let view = match app.offsite_view() {
        Ok(view) => view,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    {
        let (url, user, keep) = (view.url.clone(), view.user.clone(), view.keep.to_string());
        use_hook(move || {
            form.set(OffsiteForm {
                url,
                user,
                keep,
                ..OffsiteForm::default()
            })
        });
    }
    let (a_save, a_now) = (app.clone(), app.clone());
    let errors_now = errors();
    let _ = rev();
    // Only the passphrase field is drawn anew with a generated value; the others keep what
    // the official typed.
    let field_rev = move |id: &str| {
        if id == "dav-sandi-cadangan" {
            made_rev()
        } else {
            0
        }
    };
    let fields: [(&str, &str, &str, String, &str); 5] = [
        (
            "dav-url",
            "Alamat folder WebDAV",
            "url",
            view.url.clone(),
            "https://awan.desa.id/remote.php/dav/files/desa/cadangan",
        ),
        (
            "dav-pengguna",
            "Nama pengguna",
            "text",
            view.user.clone(),
            "",
        ),
        (
            "dav-sandi",
            "Kata sandi WebDAV (kosongkan bila tidak diubah)",
            "password",
            String::new(),
            "",
        ),
        (
            "dav-sandi-cadangan",
            "Kata sandi cadangan (kosongkan bila tidak diubah)",
            "password",
            made(),
            "",
        ),
        (
            "dav-simpan",
            "Jumlah salinan yang disimpan",
            "number",
            view.keep.to_string(),
            "7",
        ),
    ];
    rsx! {
        section { class: "offsite",
            h2 { "Salinan otomatis ke server (WebDAV)" }
            p { class: "hint",
                "Bila diisi, sekali sehari saat ada sinyal cadangan terkunci dikirim ke folder WebDAV kantor (Nextcloud dan sejenisnya). Server hanya menerima isi yang terkunci. Kata sandi cadangan disimpan di HP ini agar salinan berjalan sendiri: kunci HP dengan PIN atau sidik jari."
            }
            if let Some(server) = view.server.clone() {
                p { class: "hint", "Salinan harian ke: {server}" }
            }
            if let Some(last) = view.last_success.clone() {
                p { class: "hint", "Terakhir berhasil: {last}" }
            }
            if let Some(error) = view.last_error.clone() {
                p { class: "notice error", role: "status", "Gagal terakhir: {error}" }
            }
            FlashLine { flash: flash() }
            for (id, label, kind, value, placeholder) in fields {
                TextField {
                    key: "{id}-{field_rev(id)}",
                    id,
                    label,
                    kind,
                    placeholder: Some(placeholder.to_string()).filter(|p| !p.is_empty()),
                    value,
                    boxed: true,
                    error: error_of(&errors_now, id),
                    on_input: move |v: String| form.with_mut(|f| match id {
                        "dav-url" => f.url = v,
                        "dav-pengguna" => f.user = v,
                        "dav-sandi" => f.password = v,
                        "dav-sandi-cadangan" => f.passphrase = v,
                        _ => f.keep = v,
                    }),
                }
            }
            PassphraseMaker {
                id: "dav-sandi-acak",
                on_made: move |words: String| {
                    form.with_mut(|f| f.passphrase = words.clone());
                    errors.with_mut(|e| e.retain(|x| x.field != "dav-sandi-cadangan"));
                    made.set(words);
                    made_rev += 1;
                },
            }
            if has_pin {
                PinField { id: "dav-pin", label: "PIN aplikasi (wajib untuk menyimpan perubahan)", error: error_of(&errors_now, "dav-pin"), on_input: move |v| form.with_mut(|f| f.pin = v) }
            }
            button {
                class: "secondary",
                onclick: move |_| {
                    if settle(a_save.save_offsite(&form()), Some("Salinan otomatis disimpan."), errors, flash) {
                        rev += 1;
                    }
                },
                "Simpan salinan otomatis"
            }
            if view.enabled {
                button {
                    class: "primary",
                    disabled: busy(),
                    onclick: move |_| {
                        let app = a_now.clone();
                        busy.set(true);
                        flash.set(Some((true, "Mengunggah…".into())));
                        spawn(async move {
                            let result = app.upload_backup_now().await;
                            flash.set(Some(match result {
                                Ok(name) => (true, format!("Terkirim: {name}.")),
                                Err(e) => (false, e.to_string()),
                            }));
                            busy.set(false);
                            rev += 1;
                        });
                    },
                    if busy() { "Mengunggah…" } else { "Unggah cadangan sekarang" }
                }
            }
        }
    }
}

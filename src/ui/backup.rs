//! Cadangan & pembaruan: make an encrypted backup with a passphrase (shared through the phone's
//! share sheet) and restore one picked with the system file picker after showing what it holds
//! and asking. The screen also holds the daily off-phone copy (`offsite.rs`) and the catalog
//! updates and office services (`catalog_update.rs`). Wrong passphrases and damaged files are
//! said in words under their field.

use dioxus::prelude::*;

use crate::app::backup::BackupPreview;
use crate::app::{AppError, FieldError};
use crate::domain::passphrase;

use super::background::off_the_screen_thread;
use super::catalog_update::{CatalogUpdateSection, OfficeCatalogSection};
use super::lock::PinField;
use super::offsite::OffsiteSection;
use super::widgets::{error_of, FlashLine, TextField};
use super::AppHandle;

/// `12,3 KB` / `4,5 MB`, the Indonesian way.
fn size_text(bytes: usize) -> String {
    let kb = bytes as f64 / 1024.0;
    let text = if kb < 1024.0 {
        format!("{kb:.1} KB")
    } else {
        format!("{:.1} MB", kb / 1024.0)
    };
    text.replace('.', ",")
}

/// "Buat kata sandi acak (4 kata)": makes a passphrase, hands it to the form (`on_made`) and
/// shows the words large with their QR code, to be written down or photographed for the
/// office safe.
#[component]
pub(super) fn PassphraseMaker(id: String, on_made: EventHandler<String>) -> Element {
    let mut made = use_signal(|| None::<String>);
    let mut error = use_signal(|| None::<String>);
    let qr_src = made().and_then(|words| {
        passphrase::qr_svg(&words, 180).ok().map(|svg| {
            format!(
                "data:image/svg+xml;charset=utf-8,{}",
                percent_encoding::utf8_percent_encode(&svg, percent_encoding::NON_ALPHANUMERIC)
            )
        })
    });
    rsx! {
        button {
            id: "{id}",
            class: "secondary",
            r#type: "button",
            onclick: move |_| match crate::app::backup::new_passphrase() {
                Ok(words) => {
                    error.set(None);
                    made.set(Some(words.clone()));
                    on_made.call(words);
                }
                Err(e) => error.set(Some(e.to_string())),
            },
            "Buat kata sandi acak (4 kata)"
        }
        if let Some(message) = error() {
            p { class: "notice error", role: "alert", "{message}" }
        }
        if let Some(words) = made() {
            div { class: "made-passphrase", role: "status",
                p { "Kata sandi baru, sudah diisikan ke kolomnya:" }
                p { class: "passphrase-words", "{words}" }
                if let Some(src) = qr_src {
                    img { src: "{src}", width: "180", height: "180", alt: "Kode QR kata sandi cadangan" }
                }
                p { class: "hint",
                    "Tulis keempat kata ini di kertas (atau potret kode QR-nya dengan HP lain) dan simpan di brankas kantor. Tanpa kata sandi ini, cadangan tidak bisa dibuka siapa pun, termasuk kantor."
                }
            }
        }
    }
}

#[component]
pub fn BackupScreen() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut passphrase = use_signal(String::new);
    let mut repeat = use_signal(String::new);
    let mut make_errors = use_signal(Vec::<FieldError>::new);
    let mut make_flash = use_signal(|| None::<(bool, String)>);
    let mut make_pin = use_signal(String::new);
    let has_pin = app.lock_settings().is_ok_and(|s| s.has_pin);
    // Sealing a backup runs argon2 (64 MiB): off the screen's thread, button off meanwhile.
    let mut working = use_signal(|| false);

    let a_make = app.clone();
    let make = move |_| {
        make_flash.set(Some((true, "Mengunci cadangan…".into())));
        working.set(true);
        let (app, pass, again, pin) = (a_make.clone(), passphrase(), repeat(), make_pin());
        spawn(async move {
            let made = off_the_screen_thread(move || app.create_backup(&pass, &again, &pin)).await;
            working.set(false);
            match made {
                Ok(made) => {
                    make_errors.set(Vec::new());
                    make_flash.set(Some((
                    true,
                    format!(
                        "Cadangan {} berkas dibuat ({}): {}. Simpan kata sandinya di tempat aman: tanpa kata sandi, cadangan tidak bisa dibuka.",
                        made.cases,
                        size_text(made.bytes as usize),
                        made.place
                    ),
                )));
                }
                Err(AppError::Form(errors)) => {
                    make_flash.set(None);
                    make_errors.set(errors)
                }
                Err(e) => make_flash.set(Some((false, e.to_string()))),
            }
        });
    };
    let make_errors_now = make_errors();
    rsx! {
        section { class: "backup",
            h2 { "Buat cadangan" }
            p { class: "hint",
                "Seluruh buku berkas, templat dan pengaturan dikunci dengan kata sandi kantor, lalu dikirim lewat lembar berbagi HP (ke chat WhatsApp kantor sendiri, Drive atau surel). Salinannya juga tersimpan di Unduhan. Tanpa kata sandi, isi cadangan tidak bisa dibaca siapa pun."
            }
            FlashLine { flash: make_flash() }
            TextField { id: "sandi-baru", label: "Kata sandi cadangan (minimal 12 huruf/angka; sebuah kalimat lebih mudah diingat)", kind: "password", autocomplete: "new-password", value: passphrase(), controlled: true, boxed: true, error: error_of(&make_errors_now, "sandi"), on_input: move |v| passphrase.set(v) }
            TextField { id: "sandi-ulang", label: "Ulangi kata sandi", kind: "password", autocomplete: "new-password", value: repeat(), controlled: true, boxed: true, error: error_of(&make_errors_now, "sandi2"), on_input: move |v| repeat.set(v) }
            PassphraseMaker {
                id: "sandi-acak",
                on_made: move |words: String| {
                    passphrase.set(words.clone());
                    repeat.set(words);
                    make_errors.with_mut(|e| e.retain(|x| x.field != "sandi" && x.field != "sandi2"));
                },
            }
            if has_pin {
                PinField { id: "cadangan-pin", label: "PIN aplikasi (wajib untuk membuat cadangan)", error: error_of(&make_errors_now, "cadangan-pin"), on_input: move |v| make_pin.set(v) }
            }
            button { class: "primary", disabled: working(), onclick: make, "Buat cadangan" }

        }
        section { class: "backup",
            RestoreSection { on_restored: move |_| {} }
        }
        OffsiteSection {}
        CatalogUpdateSection {}
        OfficeCatalogSection {}
    }
}

/// Pulihkan dari cadangan: pick a backup file, type its passphrase, see what it holds, say
/// "Ya, pulihkan". Also the way out of a forgotten PIN (the lock screen shows it alone).
#[component]
pub fn RestoreSection(on_restored: EventHandler<()>) -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut picked = use_signal(|| None::<(String, Vec<u8>)>);
    let mut restore_pass = use_signal(String::new);
    let mut restore_errors = use_signal(Vec::<FieldError>::new);
    let mut restore_flash = use_signal(|| None::<(bool, String)>);
    let mut preview = use_signal(|| None::<BackupPreview>);
    // Opening a backup runs argon2 (64 MiB): off the screen's thread, buttons off meanwhile.
    let mut working = use_signal(|| false);

    // The picker answers later (Android: onActivityResult); look for its file twice a second
    // while this screen is open. Once it is left, a file that arrives is not this screen's.
    {
        let app = app.clone();
        use_drop(move || app.stop_picking());
    }
    {
        let app = app.clone();
        use_future(move || {
            let app = app.clone();
            async move {
                loop {
                    match app.take_picked_file() {
                        Ok(Some(file)) => {
                            app.cancel_restore();
                            preview.set(None);
                            restore_errors.set(Vec::new());
                            restore_flash.set(None);
                            picked.set(Some(file));
                        }
                        Ok(None) => {}
                        Err(e) => restore_flash.set(Some((false, e.to_string()))),
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
            }
        });
    }

    let (a_pick, a_check, a_yes, a_no) = (app.clone(), app.clone(), app.clone(), app.clone());
    let a_undo = app.clone();
    // After a restore in this screen: the book set aside, which "Batalkan pemulihan" puts back.
    let mut undo_ready = use_signal(|| false);
    let check = move |_| {
        restore_flash.set(None);
        restore_errors.set(Vec::new());
        let Some((name, bytes)) = picked() else {
            restore_flash.set(Some((false, "Pilih dulu berkas cadangannya.".into())));
            return;
        };
        working.set(true);
        let (app, pass) = (a_check.clone(), restore_pass());
        spawn(async move {
            let checked =
                off_the_screen_thread(move || app.inspect_backup(&name, &bytes, &pass)).await;
            working.set(false);
            match checked {
                Ok(p) => preview.set(Some(p)),
                Err(AppError::Form(errors)) => restore_errors.set(errors),
                Err(e) => restore_flash.set(Some((false, e.to_string()))),
            }
        });
    };

    let restore_errors_now = restore_errors();
    rsx! {
            h2 { "Pulihkan dari cadangan" }
            p { class: "hint",
                "Untuk HP baru atau setelah HP diganti. Isi cadangan diperiksa dan ditampilkan dulu; buku berkas yang ada di HP ini tidak dihapus, tetapi disimpan di samping."
            }
            FlashLine { flash: restore_flash() }
            button {
                class: "secondary",
                onclick: move |_| {
                    // A new choice replaces the old one; the fields return with the new file.
                    restore_flash.set(None);
                    restore_errors.set(Vec::new());
                    preview.set(None);
                    picked.set(None);
                    a_pick.cancel_restore();
                    if let Err(e) = a_pick.pick_backup_file() {
                        restore_flash.set(Some((false, e.to_string())));
                    }
                },
                "Pilih berkas cadangan"
            }
            if let Some((name, bytes)) = picked() {
                p { class: "hint picked", "Berkas: {name} ({size_text(bytes.len())})" }
                TextField { id: "sandi-pulih", label: "Kata sandi cadangan", kind: "password", autocomplete: "current-password", boxed: true, error: error_of(&restore_errors_now, "sandi-pulih"), on_input: move |v| restore_pass.set(v) }
                button { class: "primary", disabled: working(), onclick: check, "Periksa cadangan" }
            }
            if let Some(p) = preview() {
                div { class: "card preview", role: "region", "aria-label": "Isi cadangan",
                    h3 { "Isi cadangan" }
                    ul {
                        li { "Desa: {p.village}" }
                        li { "Dibuat: {p.created}" }
                        li { "Jumlah berkas: {p.cases}" }
                        li { "Versi aplikasi: {p.app_version}" }
                    }
                    p { class: "notice warn",
                        "Buku berkas di HP ini ({p.current_cases} berkas) akan diganti isi cadangan ini. Buku yang sekarang disimpan di samping dengan nama baru, tidak dihapus."
                    }
                    button {
                        class: "primary",
                        onclick: move |_| {
                            match a_yes.restore_backup() {
                                Ok(done) => {
                                    preview.set(None);
                                    picked.set(None);
                                    undo_ready.set(true);
                                    on_restored.call(());
                                    restore_flash.set(Some((true, format!(
                                        "Cadangan dipulihkan: {} berkas. Buku sebelumnya disimpan sebagai {}.",
                                        done.cases, done.kept_as
                                    ))));
                                }
                                Err(e) => restore_flash.set(Some((false, e.to_string()))),
                            }
                        },
                        "Ya, pulihkan"
                    }
                    button {
                        class: "secondary",
                        onclick: move |_| {
                            a_no.cancel_restore();
                            preview.set(None);
                            restore_flash.set(Some((true, "Pemulihan dibatalkan; tidak ada yang berubah.".into())));
                        },
                        "Batal"
                    }
                }
            }
            if undo_ready() {
                button {
                    class: "secondary",
                    onclick: move |_| match a_undo.undo_restore() {
                        Ok(cases) => {
                            undo_ready.set(false);
                            on_restored.call(());
                            restore_flash.set(Some((true, format!(
                                "Pemulihan dibatalkan: buku sebelumnya ({cases} berkas) dipakai lagi. Buku hasil pemulihan tetap disimpan di samping."
                            ))));
                        }
                        Err(e) => restore_flash.set(Some((false, e.to_string()))),
                    },
                    "Batalkan pemulihan"
                }
            }
    }
}

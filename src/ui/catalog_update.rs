//! Katalog: where signed catalog updates come from (address, trusted keys, check now, the last
//! result, a newer app when one is announced) and the office's own services laid over the
//! published catalog.

use dioxus::prelude::*;

use crate::app::{AppError, FieldError};

use super::lock::PinField;
use super::widgets::{error_of, settle, ErrorNotice, FlashLine, TextField};
use super::AppHandle;

/// Layanan tambahan kantor: the office's own catalog files (TOML, as in assets/catalog),
/// laid over the published catalog and kept through updates.
#[component]
pub fn OfficeCatalogSection() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut name = use_signal(|| "kantor.toml".to_string());
    let mut text = use_signal(String::new);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut rev = use_signal(|| 0u64);
    let _ = rev();
    let files = app.office_catalog_files().unwrap_or_default();
    let mut asked = use_signal(|| None::<String>);
    let (a_save, a_delete) = (app.clone(), app.clone());
    rsx! {
        section { class: "office-catalog",
            h2 { "Layanan tambahan kantor" }
            p { class: "hint",
                "Layanan khas desa ini, atau syarat yang berbeda di desa ini, ditulis seperti file katalog (TOML). Layanan dengan id yang sama menggantikan layanan katalog; isinya diperiksa dulu dan tetap ada walau katalog diperbarui. Berbeda dengan katalog terbitan, file ini tidak ditandatangani penerbit: yang menjamin isinya adalah kantor desa sendiri."
            }
            if files.is_empty() {
                p { class: "hint", "Belum ada layanan tambahan." }
            } else {
                ul { class: "holidays",
                    for (file, body) in files.clone() {
                        li { key: "{file}",
                            span { "{file} ({body.matches(\"[[service]]\").count()} layanan, buatan kantor, tanpa tanda tangan penerbit)" }
                            if asked().as_deref() == Some(file.as_str()) {
                                button {
                                    class: "secondary small",
                                    onclick: {
                                        let (app, file) = (a_delete.clone(), file.clone());
                                        move |_| {
                                            asked.set(None);
                                            flash.set(Some(match app.delete_office_catalog_file(&file) {
                                                Ok(()) => (true, format!("{file} dihapus; layanan katalog terbitan dipakai lagi.")),
                                                Err(e) => (false, e.to_string()),
                                            }));
                                            rev += 1;
                                        }
                                    },
                                    "Ya, hapus"
                                }
                            } else {
                                button {
                                    class: "secondary small",
                                    "aria-label": "Hapus {file}",
                                    onclick: {
                                        let file = file.clone();
                                        move |_| asked.set(Some(file.clone()))
                                    },
                                    "Hapus"
                                }
                            }
                        }
                    }
                }
            }
            FlashLine { flash: flash() }
            TextField { id: "katalog-kantor-nama", label: "Nama file", kind: "text", value: "kantor.toml", boxed: true, error: None, on_input: move |v| name.set(v) }
            TextField { id: "katalog-kantor-isi", label: "Isi (TOML)", rows: 8, boxed: true, error: None, on_input: move |v| text.set(v) }
            button {
                class: "secondary",
                onclick: move |_| {
                    let file = name().trim().to_string();
                    match a_save.save_office_catalog_file(&file, &text()) {
                        Ok(()) => {
                            flash.set(Some((true, format!("{file} disimpan dan dipakai."))));
                            rev += 1;
                        }
                        Err(e) => flash.set(Some((false, e.to_string()))),
                    }
                },
                "Simpan layanan kantor"
            }
        }
    }
}

/// Pembaruan katalog: the source address, trusted keys, the catalog in use and the last check.
#[component]
pub fn CatalogUpdateSection() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut rev = use_signal(|| 0u64);
    let mut url = use_signal(String::new);
    let mut keys = use_signal(String::new);
    let mut pin = use_signal(String::new);
    let has_pin = app.lock_settings().is_ok_and(|s| s.has_pin);
    let errors = use_signal(Vec::<FieldError>::new);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut busy = use_signal(|| false);
    let view = match app.catalog_source_view() {
        Ok(view) => view,
        Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
    };
    // The fields start from what is saved; typing only changes the signals.
    {
        let (u, k) = (view.url.clone(), view.keys.clone());
        use_hook(move || {
            url.set(u);
            keys.set(k);
        });
    }
    let (a_save, a_check, a_open) = (app.clone(), app.clone(), app.clone());
    let errors_now = errors();
    let _ = rev();
    rsx! {
        section { class: "catalog-update",
            h2 { "Pembaruan katalog" }
            p { class: "hint",
                "Saat ada sinyal, aplikasi mengambil sekali sehari daftar persyaratan terbaru yang ditandatangani penerbit (kabupaten atau proyek). Katalog hanya diganti bila tanda tangannya sah dan versinya lebih baru; layanan tambahan kantor tetap ada, dan berkas yang sudah dibuka memakai daftar syarat saat dibuka."
            }
            p { "Katalog dipakai: versi {view.version} ({view.date})" }
            if let Some(release) = app.app_update() {
                div { class: "notice ok", role: "status",
                    p { "Versi baru tersedia: {release.version}. {release.changes}" }
                    p { class: "hint link", "Unduh: {release.apk_url}" }
                    p { class: "hint link", "SHA-256: {release.sha256}" }
                    p { class: "hint", "Pasang sendiri dari berkas APK; aplikasi tidak mengunduh atau memasang apa pun tanpa Anda." }
                    button {
                        class: "secondary",
                        onclick: move |_| {
                            if let Err(e) = a_open.open_app_download() {
                                flash.set(Some((false, e.to_string())));
                            }
                        },
                        "Buka halaman unduhan"
                    }
                }
            }
            if let Some(last) = view.last.clone() {
                p { class: "hint", "Pemeriksaan terakhir: {last}" }
            }
            FlashLine { flash: flash() }
            TextField { id: "katalog-url", label: "Alamat berkas katalog", kind: "url", placeholder: "https://…/katalog.json", value: view.url.clone(), boxed: true, error: error_of(&errors_now, "katalog-url"), on_input: move |v| url.set(v) }
            TextField { id: "katalog-kunci", label: "Kunci publik penerbit (satu per baris)", rows: 3, value: view.keys.clone(), boxed: true, error: error_of(&errors_now, "katalog-kunci"), on_input: move |v| keys.set(v) }
            if has_pin {
                PinField { id: "katalog-pin", label: "PIN aplikasi (wajib untuk menyimpan perubahan)", error: error_of(&errors_now, "katalog-pin"), on_input: move |v| pin.set(v) }
            }
            button {
                class: "secondary",
                onclick: move |_| {
                    let saved = a_save.save_catalog_source(&url(), &keys(), &pin());
                    if settle(saved, Some("Sumber pembaruan katalog disimpan."), errors, flash) {
                        rev += 1;
                    }
                },
                "Simpan sumber katalog"
            }
            button {
                class: "primary",
                disabled: busy(),
                onclick: move |_| {
                    let app = a_check.clone();
                    let target = url().trim().to_string();
                    if target.is_empty() {
                        flash.set(Some((false, "Isi dulu alamat berkas katalog.".into())));
                        return;
                    }
                    busy.set(true);
                    flash.set(Some((true, "Memeriksa…".into())));
                    spawn(async move {
                        let result = app.update_catalog_from(&target).await;
                        flash.set(Some(match result {
                            Ok(done) => (true, done.describe()),
                            Err(AppError::OlderCatalog { offered, current }) if offered == current => {
                                (true, format!("Katalog sudah yang terbaru (versi {current})."))
                            }
                            Err(e) => (false, e.to_string()),
                        }));
                        busy.set(false);
                        rev += 1;
                    });
                },
                if busy() { "Memeriksa…" } else { "Periksa pembaruan sekarang" }
            }
        }
    }
}

//! Pengaturan: the office profile, the weekly hours and the holidays, with the PIN and privacy
//! part below and the way to Cadangan & pembaruan.

use dioxus::prelude::*;

use crate::app::display::TEXT_SCALES;
use crate::app::office::SettingsView;
use crate::app::{AppError, FieldError};

use super::lock::LockSettingsSection;
use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::{error_of, flash_of, DateWords, FieldMessage, Flash, FlashLine, TextField};

/// Pengaturan with the session's form; holidays are saved at once, the rest on "Simpan".
#[component]
pub(super) fn SettingsRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut state = session.settings;
    let now = state();
    let mut after = move |result: Result<String, AppError>| {
        state.with_mut(|s| s.flash = Some(flash_of(result)));
        session.refresh();
    };
    let (a1, a2, a3, a4) = (app.clone(), app.clone(), app.clone(), app.clone());
    let scale_app = app.clone();
    let guide_app = app.clone();
    let remind_app = app.clone();
    let mut remind_said = use_signal(|| None::<(bool, String)>);
    let code_app = app.clone();
    let mut code_said = use_signal(|| None::<(bool, String)>);
    let mut code_error = use_signal(|| None::<String>);
    rsx! {
        section { class: "settings",
            button {
                class: "secondary",
                onclick: {
                    let app = guide_app.clone();
                    move |_| if app.restart_first_start().is_ok() { session.refresh() }
                },
                "Panduan awal: siapkan HP ini lagi"
            }
        }
        TextSizeSection {
            scale: app.text_scale(),
            on_pick: move |pct: u16| after(scale_app.set_text_scale(pct).map(|_| "Ukuran tulisan diubah.".to_string())),
        }
        ReminderSection {
            on: app.reminders_on(),
            said: remind_said(),
            on_pick: move |on: bool| {
                remind_said.set(Some(flash_of(remind_app.set_reminders_on(on))));
                session.refresh();
            },
        }
        PhoneCodeSection {
            code: app.phone_code().as_str().to_string(),
            next: app.next_case_number().map(|n| n.to_string()).unwrap_or_default(),
            said: code_said(),
            error: code_error(),
            on_save: move |text: String| {
                match code_app.set_phone_code(&text) {
                    Ok(message) => {
                        code_error.set(None);
                        code_said.set(Some((true, message)));
                    }
                    Err(e) => {
                        code_said.set(None);
                        code_error.set(error_of(&e.into_field_errors(), "kode-hp"));
                    }
                }
                session.refresh();
            },
        }
        super::sync::SyncSection {}
        SettingsScreen {
            view: app.settings_view(),
            errors: now.errors,
            flash: now.flash,
            rev: now.rev,
            on_field: move |(key, value): (String, String)| state.with_mut(|s| s.form.set(&key, value)),
            on_save: move |_| {
                let result = a1.save_settings(&state.peek().form);
                state.with_mut(|s| match result {
                    Ok(()) => {
                        s.errors.clear();
                        s.flash = Some((true, "Pengaturan disimpan.".to_string()));
                    }
                    Err(e) => {
                        s.errors = e.into_field_errors();
                        s.flash = Some((false, "Belum disimpan: periksa kolom yang ditandai.".to_string()));
                    }
                });
                session.refresh();
            },
            on_add_holiday: move |(date, name): (String, String)| after(a2.add_holiday(&date, &name).map(|_| "Hari libur ditambahkan.".to_string())),
            on_delete_holiday: move |date: String| after(a3.delete_holiday(&date).map(|_| "Hari libur dihapus.".to_string())),
            on_import: move |text: String| after(a4.import_holidays(&text).map(|n| format!("{n} hari libur diimpor."))),
            on_backup: move |_| session.go(Screen::Backup),
        }
        LockSettingsSection { on_change: move |_| session.refresh() }
    }
}

/// Pengaturan: the office profile, the weekly hours and the holidays.
#[component]
pub fn SettingsScreen(
    view: SettingsView,
    errors: Vec<FieldError>,
    flash: Flash,
    rev: u64,
    on_field: EventHandler<(String, String)>,
    on_save: EventHandler<()>,
    on_add_holiday: EventHandler<(String, String)>,
    on_delete_holiday: EventHandler<String>,
    on_import: EventHandler<String>,
    on_backup: EventHandler<()>,
) -> Element {
    let error_for = |field: &str| error_of(&errors, field);
    let form = view.form.clone();
    let text_fields: Vec<(&str, &str, String, &str, &str)> = vec![
        (
            "village",
            "Nama desa",
            form.village.clone(),
            "text",
            "Wonojati",
        ),
        (
            "district",
            "Kecamatan",
            form.district.clone(),
            "text",
            "Jenggawah",
        ),
        (
            "regency",
            "Kabupaten",
            form.regency.clone(),
            "text",
            "Jember",
        ),
        (
            "office_phone",
            "Nomor WhatsApp kantor desa",
            form.office_phone.clone(),
            "tel",
            "0812 3456 7890",
        ),
        (
            "head_phone",
            "Nomor WhatsApp Kepala Desa (untuk ringkasan)",
            form.head_phone.clone(),
            "tel",
            "0812 …",
        ),
        (
            "official",
            "Nama petugas di HP ini",
            form.official.clone(),
            "text",
            "Bu Lilik",
        ),
    ];
    let mut holiday_date = use_signal(String::new);
    let mut holiday_name = use_signal(String::new);
    let mut import_text = use_signal(String::new);
    rsx! {
        section { class: "settings", key: "{rev}",
            if !view.hours_confirmed {
                p { class: "notice warn", role: "status",
                    "Periksa jam layanan di bawah: jam ini usulan awal. Setelah disimpan, jam ini dipakai untuk balasan di luar jam, antrean pagi dan laporan."
                }
            }
            FlashLine { flash }
            button {
                class: "secondary",
                onclick: move |_| on_backup.call(()),
                "Cadangan, pemulihan & pembaruan katalog"
            }
            FieldMessage { message: error_for("form") }
            h2 { "Profil kantor" }
            for (key, label, value, kind, placeholder) in text_fields {
                TextField {
                    key: "{key}",
                    id: "atur-{key}",
                    label,
                    kind,
                    placeholder,
                    value,
                    boxed: true,
                    error: error_for(key),
                    on_input: move |v| on_field.call((key.to_string(), v)),
                }
            }
            h2 { "Jam layanan (WIB)" }
            p { class: "hint", "Tulis seperti 08.00–14.00; istirahat: 08.00–12.00, 12.30–14.00; kosongkan hari tutup." }
            for (i, name) in view.day_names.iter().enumerate() {
                TextField {
                    key: "{i}",
                    id: "atur-day-{i}",
                    label: "{name}",
                    kind: "text",
                    placeholder: "tutup",
                    value: form.days[i].clone(),
                    boxed: true,
                    error: error_for(&format!("day-{i}")),
                    on_input: move |v| on_field.call((format!("day-{i}"), v)),
                }
            }
            p { class: "hint", "Sekarang: {view.hours_text}" }
            button { class: "primary", onclick: move |_| on_save.call(()), "Simpan pengaturan" }

            h2 { "Hari libur" }
            p { class: "hint", "Libur nasional dan cuti bersama: kantor dianggap tutup seharian." }
            if view.holidays.is_empty() {
                p { class: "hint", "Belum ada hari libur." }
            } else {
                ul { class: "holidays",
                    for (date, label, name) in view.holidays.clone() {
                        li { key: "{date}",
                            span { "{label}: {name}" }
                            button {
                                class: "secondary small",
                                "aria-label": "Hapus libur {label}",
                                onclick: move |_| on_delete_holiday.call(date.clone()),
                                "Hapus"
                            }
                        }
                    }
                }
            }
            div { class: "field",
                label { r#for: "libur-tanggal", "Tanggal" }
                input { id: "libur-tanggal", r#type: "date", oninput: move |e| holiday_date.set(e.value()) }
                DateWords { value: holiday_date() }
                label { r#for: "libur-nama", "Keterangan" }
                input { id: "libur-nama", r#type: "text", placeholder: "Cuti bersama Natal", oninput: move |e| holiday_name.set(e.value()) }
                button { class: "secondary", onclick: move |_| on_add_holiday.call((holiday_date(), holiday_name())), "Tambah hari libur" }
            }
            div { class: "field",
                label { r#for: "libur-impor", "Impor daftar libur setahun" }
                p { class: "hint", "Tempel isi file CSV: satu baris per hari, tanggal lalu keterangan, dipisah koma atau titik koma (2027-01-01;Tahun Baru)." }
                textarea { id: "libur-impor", rows: "5", oninput: move |e| import_text.set(e.value()) }
                button { class: "secondary", onclick: move |_| on_import.call(import_text()), "Impor" }
            }
        }
    }
}

/// Ukuran tulisan: the text size of this phone, on top of Android's own font size.
#[component]
pub fn TextSizeSection(scale: u16, on_pick: EventHandler<u16>) -> Element {
    rsx! {
        section { class: "settings text-size",
            h2 { id: "ukuran-tulisan", "Ukuran tulisan" }
            p { class: "hint",
                "Berlaku di HP ini saja, di atas ukuran huruf dari pengaturan Android."
            }
            div { class: "choices", role: "group", "aria-labelledby": "ukuran-tulisan",
                for (pct, words) in TEXT_SCALES {
                    button {
                        key: "{pct}",
                        class: "secondary",
                        "aria-pressed": if pct == scale { "true" } else { "false" },
                        onclick: move |_| on_pick.call(pct),
                        "{words}"
                    }
                }
            }
        }
    }
}

/// Pengingat: this phone's reminders at opening time, off until the official turns them on.
#[component]
pub fn ReminderSection(on: bool, said: Flash, on_pick: EventHandler<bool>) -> Element {
    rsx! {
        section { class: "settings reminders",
            h2 { id: "pengingat", "Pengingat" }
            p { class: "hint",
                "Pada jam buka kantor, HP ini memberi tahu bila ada permintaan yang masuk saat kantor tutup, dan tiap pagi bila ada berkas terlambat. Berlaku di HP ini saja."
            }
            div { class: "choices", role: "group", "aria-labelledby": "pengingat",
                for (value, words) in [(false, "Mati"), (true, "Nyala")] {
                    button {
                        key: "{words}",
                        class: "secondary",
                        "aria-pressed": if value == on { "true" } else { "false" },
                        onclick: move |_| on_pick.call(value),
                        "{words}"
                    }
                }
            }
            FlashLine { flash: said }
        }
    }
}

/// HP kantor: this phone's code in the case numbers it gives out.
#[component]
pub fn PhoneCodeSection(
    code: String,
    /// The next case number as it will read (`2026-B0043`).
    next: String,
    said: Flash,
    error: Option<String>,
    on_save: EventHandler<String>,
) -> Element {
    let mut typed = use_signal(|| None::<String>);
    let shown = code.clone();
    rsx! {
        section { class: "settings phone-code",
            h2 { "HP kantor" }
            TextField {
                id: "kode-hp",
                label: "Kode HP ini (1–2 huruf)",
                hint: "Tampil di nomor berkas yang dibuat di HP ini, misalnya 2026-B0042. Pakai kode yang berbeda untuk tiap HP kantor; nomor berkas lama tidak berubah. Kosongkan bila kantor hanya memakai satu HP.",
                placeholder: "A",
                value: shown,
                boxed: true,
                error,
                on_input: move |v: String| typed.set(Some(v)),
            }
            if !next.is_empty() {
                p { class: "hint", "Berkas baru berikutnya: {next}" }
            }
            button {
                class: "secondary",
                onclick: move |_| on_save.call(typed().unwrap_or_else(|| code.clone())),
                "Simpan kode HP"
            }
            FlashLine { flash: said }
        }
    }
}

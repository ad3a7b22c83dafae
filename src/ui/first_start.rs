//! "Siapkan HP ini": the guided first start, shown in place of the screens (and without the
//! tabs) until it is finished or skipped. Three steps, each saved on its own and each with
//! "Lewati", then the first case. Pengaturan offers it again.

use dioxus::prelude::*;

use crate::app::first_start::FirstStartView;
use crate::app::{AppError, FieldError};

use super::nav::{use_session, Screen};
use super::use_app;
use super::widgets::{error_of, FieldMessage, TextField};

/// The guide's place and what was typed, kept while it is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct FirstStartState {
    pub step: usize,
    /// Filled from the office profile when the guide opens.
    pub form: Option<FirstStartView>,
    pub errors: Vec<FieldError>,
}

/// The steps, in order: what each is called in the heading.
const STEPS: [&str; 3] = ["Kantor desa", "Jam layanan", "Petugas di HP ini"];

#[component]
pub(super) fn FirstStartRoute() -> Element {
    let app = use_app();
    let session = use_session();
    let mut state = session.first_start;
    if state.peek().form.is_none() {
        let view = app.first_start_view();
        state.with_mut(|s| s.form = Some(view));
    }
    let now = state();
    let form = now.form.clone().unwrap_or_default();
    // A step's answer: on, or its errors under its fields.
    let mut settle = move |result: Result<(), AppError>| {
        state.with_mut(|s| match result {
            Ok(()) => {
                s.errors.clear();
                s.step += 1;
            }
            Err(e) => s.errors = e.into_field_errors(),
        })
    };
    let (a1, a2, a3, a4, a5) = (app.clone(), app.clone(), app.clone(), app.clone(), app);
    let mut finish = move |then: Screen| {
        let result = a4.end_first_start();
        state.set(FirstStartState::default());
        match result {
            Ok(()) => {
                session.refresh();
                if then == Screen::NewCase {
                    session.open_new_case();
                } else {
                    session.go(then);
                }
            }
            Err(e) => state.with_mut(|s| s.errors = e.into_field_errors()),
        }
    };
    rsx! {
        FirstStartScreen {
            step: now.step,
            form,
            errors: now.errors,
            on_field: move |(key, value): (&'static str, String)| state.with_mut(|s| {
                if let Some(f) = s.form.as_mut() {
                    match key {
                        "village" => f.village = value,
                        "district" => f.district = value,
                        "regency" => f.regency = value,
                        "office_phone" => f.office_phone = value,
                        _ => f.official = value,
                    }
                }
            }),
            on_next: move |_| {
                let f = state.peek().form.clone().unwrap_or_default();
                let step = state.peek().step;
                match step {
                    0 => settle(a1.save_first_office(&f.village, &f.district, &f.regency, &f.office_phone)),
                    1 => settle(a2.confirm_first_hours()),
                    _ => settle(a3.save_first_official(&f.official)),
                }
            },
            on_skip: move |_| state.with_mut(|s| { s.errors.clear(); s.step += 1; }),
            on_finish: move |first_case: bool| finish(if first_case { Screen::NewCase } else { Screen::Home }),
            on_settings: move |_| {
                let _ = a5.end_first_start();
                state.set(FirstStartState::default());
                session.refresh();
                session.open_settings(&a5);
            },
        }
    }
}

#[component]
pub fn FirstStartScreen(
    step: usize,
    form: FirstStartView,
    errors: Vec<FieldError>,
    on_field: EventHandler<(&'static str, String)>,
    on_next: EventHandler<()>,
    on_skip: EventHandler<()>,
    /// `true`: "Buat berkas pertama"; `false`: to Beranda.
    on_finish: EventHandler<bool>,
    on_settings: EventHandler<()>,
) -> Element {
    let field = move |key: &'static str| move |value: String| on_field.call((key, value));
    rsx! {
        section { class: "first-start", key: "{step}",
            if let Some(title) = STEPS.get(step) {
                p { class: "progress", "Langkah {step + 1} dari {STEPS.len()}" }
                h2 { "{title}" }
            }
            match step {
                0 => rsx! {
                    p { class: "hint", "Dipakai di balasan dan poster WhatsApp kantor. Semua bisa diubah nanti di Pengaturan." }
                    TextField { id: "awal-desa", label: "Nama desa", value: form.village.clone(), boxed: true, error: error_of(&errors, "village"), on_input: field("village") }
                    TextField { id: "awal-kecamatan", label: "Kecamatan", value: form.district.clone(), boxed: true, error: None, on_input: field("district") }
                    TextField { id: "awal-kabupaten", label: "Kabupaten", value: form.regency.clone(), boxed: true, error: None, on_input: field("regency") }
                    TextField { id: "awal-wa-kantor", label: "Nomor WhatsApp kantor desa", kind: "tel", inputmode: "tel", placeholder: "Ketik atau tempel nomor", value: form.office_phone.clone(), boxed: true, error: error_of(&errors, "office_phone"), on_input: field("office_phone") }
                },
                1 => rsx! {
                    p { "Jam layanan kantor yang dipakai untuk balasan di luar jam, antrean pagi dan laporan:" }
                    p { class: "hours-text", "{form.hours_text}" }
                    p { class: "hint", "Bila berbeda, lewati langkah ini lalu ubah jamnya di Pengaturan." }
                },
                2 => rsx! {
                    p { class: "hint", "Nama ini tercatat di riwayat setiap berkas yang Anda tangani dari HP ini." }
                    TextField { id: "awal-petugas", label: "Nama petugas", value: form.official.clone(), autocomplete: "off", boxed: true, error: error_of(&errors, "official"), on_input: field("official") }
                },
                _ => rsx! {
                    h2 { "HP ini siap dipakai" }
                    p { "Permintaan warga dari WhatsApp dicatat sebagai berkas: salin pesan warga, lalu \"Tempel pesan WA\"." }
                    button { class: "primary", onclick: move |_| on_finish.call(true), "+ Buat berkas pertama" }
                    button { class: "secondary", onclick: move |_| on_finish.call(false), "Ke Beranda" }
                },
            }
            FieldMessage { message: error_of(&errors, "form") }
            if step < STEPS.len() {
                button {
                    class: "primary",
                    onclick: move |_| on_next.call(()),
                    match step {
                        1 => "Jam ini sudah benar",
                        2 => "Simpan",
                        _ => "Lanjut",
                    }
                }
                button { class: "secondary", onclick: move |_| on_skip.call(()), "Lewati" }
                if step == 1 {
                    button { class: "secondary", onclick: move |_| on_settings.call(()), "Ubah jam di Pengaturan" }
                }
            }
        }
    }
}

//! Pengaturan › HP kantor, the sync part (issue 22): the office's phones as this phone knows
//! them, "Kirim ke HP lain" (the sync file to the share sheet; "Kirim semua ke HP baru" the
//! whole book) and "Terima dari HP lain" (a sync file from the picker, merged, and what came
//! in said in one line), and, when the office's WebDAV folder is set, how the automatic
//! rounds stand and "Sinkron sekarang". The file buttons run argon2 off the screen's thread,
//! with the buttons off meanwhile.

use dioxus::prelude::*;

use crate::app::{AppError, FieldError};

use super::background::off_the_screen_thread;
use super::nav::use_session;
use super::use_app;
use super::widgets::{error_of, FlashLine, TextField};

#[component]
pub fn SyncSection() -> Element {
    let app = use_app();
    let session = use_session();
    let mut pass = use_signal(String::new);
    let mut errors = use_signal(Vec::<FieldError>::new);
    let mut said = use_signal(|| None::<(bool, String)>);
    let mut working = use_signal(|| false);
    let mut picked = use_signal(|| None::<(String, Vec<u8>)>);

    // The picker answers later (Android: onActivityResult): look for the file twice a second.
    // Once this screen is left, a file that arrives is one opened with the app.
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
                    match app.take_picked_sync_file() {
                        Ok(Some(file)) => {
                            said.set(None);
                            picked.set(Some(file));
                        }
                        Ok(None) => {}
                        Err(e) => said.set(Some((false, e.to_string()))),
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
            }
        });
    }

    let mut finish = move |result: Result<String, AppError>| {
        working.set(false);
        match result {
            Ok(text) => {
                errors.set(Vec::new());
                said.set(Some((true, text)));
            }
            Err(AppError::Form(list)) => {
                said.set(None);
                errors.set(list);
            }
            Err(e) => {
                errors.set(Vec::new());
                said.set(Some((false, e.to_string())));
            }
        }
        session.refresh();
    };
    let (a_send, a_pick, a_open) = (app.clone(), app.clone(), app.clone());
    let send = Callback::new(move |everything: bool| {
        said.set(None);
        working.set(true);
        let (app, typed) = (a_send.clone(), pass());
        spawn(async move {
            let made = off_the_screen_thread(move || app.send_sync_file(&typed, everything)).await;
            finish(made.map(|m| {
                format!(
                    "Berkas sinkron dibuat ({} perubahan): {}. Kirim ke HP kantor yang lain, lalu buka di sana lewat \"Terima dari HP lain\".",
                    m.operations, m.place
                )
            }));
        });
    });
    let open = move |_| {
        said.set(None);
        let Some((_, bytes)) = picked() else {
            said.set(Some((false, "Pilih dulu berkas sinkronnya.".into())));
            return;
        };
        working.set(true);
        let (app, typed) = (a_open.clone(), pass());
        spawn(async move {
            let got = off_the_screen_thread(move || app.receive_sync_file(&bytes, &typed)).await;
            if got.is_ok() {
                picked.set(None);
            }
            finish(got.map(|r| r.summary()));
        });
    };
    let a_round = app.clone();
    let sync_now = move |_| {
        said.set(None);
        working.set(true);
        let app = a_round.clone();
        spawn(async move {
            let round =
                super::background::off_the_screen(async move { app.sync_folder_now().await })
                    .await
                    .unwrap_or_else(|| Err(AppError::WorkStopped("sinkron".into())));
            finish(round.map(|r| r.summary()));
        });
    };
    let status = app.sync_status().ok().flatten();
    let phones = app.office_phones().unwrap_or_default();
    let errors_now = errors();
    rsx! {
        section { class: "settings sync", "aria-label": "Sinkron antar-HP",
            h3 { "HP kantor yang dikenal" }
            ul { class: "office-phones",
                for phone in phones {
                    li {
                        strong { "{phone.label}" }
                        if !phone.official.is_empty() { " · {phone.official}" }
                        if !phone.heard.is_empty() {
                            br {}
                            span { class: "hint", "{phone.heard}" }
                        }
                    }
                }
            }
            p { class: "hint",
                "Berkas sinkron membawa berkas warga dan perubahan dari HP ini ke HP kantor yang lain, terkunci dengan kata sandi kantor. Kirim lewat WhatsApp, Bluetooth atau Quick Share."
            }
            TextField {
                id: "sandi-sinkron",
                label: "Kata sandi kantor",
                hint: "Sama di semua HP kantor. Boleh kosong bila sudah disimpan di Cadangan ke server.",
                kind: "password",
                autocomplete: "current-password",
                boxed: true,
                error: error_of(&errors_now, "sandi-sinkron"),
                on_input: move |v| pass.set(v),
            }
            div { class: "row",
                button { class: "secondary", disabled: working(), onclick: move |_| send.call(false), "Kirim ke HP lain" }
                button {
                    class: "secondary",
                    disabled: working(),
                    onclick: move |_| {
                        said.set(None);
                        picked.set(None);
                        if let Err(e) = a_pick.pick_sync_file() {
                            said.set(Some((false, e.to_string())));
                        }
                    },
                    "Terima dari HP lain"
                }
            }
            p { class: "hint",
                "HP baru atau pengganti (juga yang dipulihkan dari cadangan): kirimi semua isi buku, lalu buka di sana sebelum membuat berkas baru."
            }
            button { class: "secondary", disabled: working(), onclick: move |_| send.call(true), "Kirim semua ke HP baru" }
            if let Some(status) = status {
                h3 { "Sinkron lewat folder kantor" }
                p { class: "hint", id: "sinkron-status",
                    "{status.line()}. Berjalan sendiri tiap menit selama aplikasi terbuka dan ada sinyal."
                }
                if let Some(error) = &status.error {
                    p { class: "hint error", "Terakhir: {error}" }
                }
                button { class: "secondary", disabled: working(), onclick: sync_now, "Sinkron sekarang" }
            }
            if let Some((name, _)) = picked() {
                // Brought into view: a file opened with the app lands here from WhatsApp.
                p {
                    class: "hint picked",
                    onmounted: move |e: MountedEvent| async move {
                        let _ = e.scroll_to(ScrollBehavior::Smooth).await;
                    },
                    "Berkas: {name}"
                }
                button { class: "primary", disabled: working(), onclick: open, "Buka berkas sinkron" }
            }
            if working() {
                p { class: "hint", role: "status", "Sedang dikerjakan…" }
            }
            FlashLine { flash: said() }
        }
    }
}

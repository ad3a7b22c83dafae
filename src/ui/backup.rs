//! Cadangan & pembaruan: make an encrypted backup with a passphrase (shared through the phone's
//! share sheet), restore one picked with the system file picker after showing what it holds and
//! asking, and set where signed catalog updates come from (check now, last result). Wrong
//! passphrases, damaged files and bad addresses are said in words under their field.

use dioxus::prelude::*;

use crate::app::backup::BackupPreview;
use crate::app::offsite::{OffsiteForm, UPLOAD_TIMEOUT};
use crate::app::{AppError, FieldError};
use crate::domain::backup::BackupError;
use crate::domain::backup::KdfCost;
use crate::domain::passphrase;

use super::lock::PinField;
use super::office::FlashLine;
use super::AppHandle;

/// Runs slow work (argon2 in a backup) on tokio's blocking pool so the screen keeps drawing.
pub(super) async fn off_the_screen_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(AppError::Invalid(format!("Pekerjaan terhenti: {e}"))))
}

pub(super) fn field_error(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

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
fn PassphraseMaker(id: String, on_made: EventHandler<String>) -> Element {
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
            div { class: "field",
                label { r#for: "sandi-baru", "Kata sandi cadangan (minimal 12 huruf/angka; sebuah kalimat lebih mudah diingat)" }
                input {
                    id: "sandi-baru",
                    r#type: "password",
                    autocomplete: "new-password",
                    value: "{passphrase}",
                    "aria-invalid": field_error(&make_errors_now, "sandi").is_some(),
                    oninput: move |e| passphrase.set(e.value()),
                }
                if let Some(message) = field_error(&make_errors_now, "sandi") {
                    p { class: "field-error", role: "alert", "{message}" }
                }
            }
            div { class: "field",
                label { r#for: "sandi-ulang", "Ulangi kata sandi" }
                input {
                    id: "sandi-ulang",
                    r#type: "password",
                    autocomplete: "new-password",
                    value: "{repeat}",
                    "aria-invalid": field_error(&make_errors_now, "sandi2").is_some(),
                    oninput: move |e| repeat.set(e.value()),
                }
                if let Some(message) = field_error(&make_errors_now, "sandi2") {
                    p { class: "field-error", role: "alert", "{message}" }
                }
            }
            PassphraseMaker {
                id: "sandi-acak",
                on_made: move |words: String| {
                    passphrase.set(words.clone());
                    repeat.set(words);
                    make_errors.with_mut(|e| e.retain(|x| x.field != "sandi" && x.field != "sandi2"));
                },
            }
            if has_pin {
                PinField { id: "cadangan-pin", label: "PIN aplikasi (wajib untuk membuat cadangan)", error: field_error(&make_errors_now, "cadangan-pin"), on_input: move |v| make_pin.set(v) }
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
    // while this screen is open.
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
        if restore_pass().is_empty() {
            restore_errors.set(vec![FieldError {
                field: "sandi-pulih".into(),
                message: "Isi kata sandi cadangan.".into(),
            }]);
            return;
        }
        working.set(true);
        let (app, pass) = (a_check.clone(), restore_pass());
        spawn(async move {
            let checked =
                off_the_screen_thread(move || app.inspect_backup(&name, &bytes, &pass)).await;
            working.set(false);
            match checked {
                Ok(p) => preview.set(Some(p)),
                Err(AppError::Backup(BackupError::WrongPassphrase)) => {
                    restore_errors.set(vec![FieldError {
                        field: "sandi-pulih".into(),
                        message: BackupError::WrongPassphrase.to_string(),
                    }])
                }
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
                div { class: "field",
                    label { r#for: "sandi-pulih", "Kata sandi cadangan" }
                    input {
                        id: "sandi-pulih",
                        r#type: "password",
                        autocomplete: "current-password",
                        "aria-invalid": field_error(&restore_errors_now, "sandi-pulih").is_some(),
                        oninput: move |e| restore_pass.set(e.value()),
                    }
                    if let Some(message) = field_error(&restore_errors_now, "sandi-pulih") {
                        p { class: "field-error", role: "alert", "{message}" }
                    }
                }
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
            div { class: "field",
                label { r#for: "katalog-kantor-nama", "Nama file" }
                input {
                    id: "katalog-kantor-nama",
                    r#type: "text",
                    initial_value: "kantor.toml",
                    oninput: move |e| name.set(e.value()),
                }
            }
            div { class: "field",
                label { r#for: "katalog-kantor-isi", "Isi (TOML)" }
                textarea {
                    id: "katalog-kantor-isi",
                    rows: "8",
                    oninput: move |e| text.set(e.value()),
                }
            }
            button {
                class: "secondary",
                onclick: move |_| {
                    let file = name().trim().to_string();
                    if !file.ends_with(".toml") || file.contains('/') {
                        flash.set(Some((false, "Nama file harus diakhiri .toml, tanpa garis miring.".into())));
                        return;
                    }
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
        Err(e) => return rsx! { p { class: "notice error", role: "alert", "{e}" } },
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
                div { class: "field", key: "{id}-{field_rev(id)}",
                    label { r#for: "{id}", "{label}" }
                    input {
                        id: "{id}",
                        r#type: "{kind}",
                        placeholder: "{placeholder}",
                        initial_value: "{value}",
                        "aria-invalid": field_error(&errors_now, id).is_some(),
                        oninput: move |e| form.with_mut(|f| match id {
                            "dav-url" => f.url = e.value(),
                            "dav-pengguna" => f.user = e.value(),
                            "dav-sandi" => f.password = e.value(),
                            "dav-sandi-cadangan" => f.passphrase = e.value(),
                            _ => f.keep = e.value(),
                        }),
                    }
                    if let Some(message) = field_error(&errors_now, id) {
                        p { class: "field-error", role: "alert", "{message}" }
                    }
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
                PinField { id: "dav-pin", label: "PIN aplikasi (wajib untuk menyimpan perubahan)", error: field_error(&errors_now, "dav-pin"), on_input: move |v| form.with_mut(|f| f.pin = v) }
            }
            button {
                class: "secondary",
                onclick: move |_| match a_save.save_offsite(&form()) {
                    Ok(()) => {
                        errors.set(Vec::new());
                        flash.set(Some((true, "Salinan otomatis disimpan.".into())));
                        rev += 1;
                    }
                    Err(AppError::Form(e)) => errors.set(e),
                    Err(e) => flash.set(Some((false, e.to_string()))),
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
                            let result = app.upload_backup_now(KdfCost::DEFAULT, UPLOAD_TIMEOUT).await;
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

/// Pembaruan katalog: the source address, trusted keys, the catalog in use and the last check.
#[component]
pub fn CatalogUpdateSection() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut rev = use_signal(|| 0u64);
    let mut url = use_signal(String::new);
    let mut keys = use_signal(String::new);
    let mut pin = use_signal(String::new);
    let has_pin = app.lock_settings().is_ok_and(|s| s.has_pin);
    let mut errors = use_signal(Vec::<FieldError>::new);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut busy = use_signal(|| false);
    let view = match app.catalog_source_view() {
        Ok(view) => view,
        Err(e) => return rsx! { p { class: "notice error", role: "alert", "{e}" } },
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
            div { class: "field",
                label { r#for: "katalog-url", "Alamat berkas katalog" }
                input {
                    id: "katalog-url",
                    r#type: "url",
                    placeholder: "https://…/katalog.json",
                    initial_value: "{view.url}",
                    "aria-invalid": field_error(&errors_now, "katalog-url").is_some(),
                    oninput: move |e| url.set(e.value()),
                }
                if let Some(message) = field_error(&errors_now, "katalog-url") {
                    p { class: "field-error", role: "alert", "{message}" }
                }
            }
            div { class: "field",
                label { r#for: "katalog-kunci", "Kunci publik penerbit (satu per baris)" }
                textarea {
                    id: "katalog-kunci",
                    rows: "3",
                    initial_value: "{view.keys}",
                    "aria-invalid": field_error(&errors_now, "katalog-kunci").is_some(),
                    oninput: move |e| keys.set(e.value()),
                }
                if let Some(message) = field_error(&errors_now, "katalog-kunci") {
                    p { class: "field-error", role: "alert", "{message}" }
                }
            }
            if has_pin {
                PinField { id: "katalog-pin", label: "PIN aplikasi (wajib untuk menyimpan perubahan)", error: field_error(&errors_now, "katalog-pin"), on_input: move |v| pin.set(v) }
            }
            button {
                class: "secondary",
                onclick: move |_| match a_save.save_catalog_source(&url(), &keys(), &pin()) {
                    Ok(()) => {
                        errors.set(Vec::new());
                        flash.set(Some((true, "Sumber pembaruan katalog disimpan.".into())));
                        rev += 1;
                    }
                    Err(AppError::Form(e)) => errors.set(e),
                    Err(e) => flash.set(Some((false, e.to_string()))),
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

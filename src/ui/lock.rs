//! The PIN lock on screen: the gate shown instead of every other screen (first-start PIN or
//! skip, the PIN pad with its wait after wrong PINs, "Lupa PIN" with restore or wipe), and the
//! "Kunci & privasi" part of Pengaturan (set, change or remove the PIN, minutes before locking
//! again, the private screen).

use dioxus::prelude::*;

use crate::app::lock::LockStatus;
use crate::app::wipe::{WipeOutcome, WIPE_WORD};
use crate::app::{AppError, FieldError};
use crate::domain::lock as rules;

use super::background::off_the_screen_thread;
use super::backup::RestoreSection;
use super::widgets::{error_of, settle, FieldMessage, FlashLine, TextField};
use super::AppHandle;

/// One PIN box: six digits, hidden, the number pad on phones.
#[component]
pub(crate) fn PinField(
    id: String,
    label: String,
    error: Option<String>,
    on_input: EventHandler<String>,
) -> Element {
    rsx! {
        div { class: "field",
            label { r#for: "{id}", "{label}" }
            input {
                id: "{id}",
                class: "pin",
                r#type: "password",
                inputmode: "numeric",
                autocomplete: "off",
                maxlength: 6,
                "aria-invalid": error.is_some(),
                oninput: move |e| on_input.call(e.value()),
            }
            FieldMessage { message: error.clone() }
        }
    }
}

/// Shown instead of the app while it is not open: `status` says which part.
#[component]
pub fn LockGate(status: LockStatus, on_change: EventHandler<()>) -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut pin = use_signal(String::new);
    let mut repeat = use_signal(String::new);
    let mut errors = use_signal(Vec::<FieldError>::new);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut forgot = use_signal(|| false);
    let mut wipe_word = use_signal(String::new);
    let mut working = use_signal(|| false);
    // Bumped after a wrong PIN: the PIN box is drawn anew, empty, for the next try.
    let mut tries = use_signal(|| 0u32);
    // While a wait runs, the screen counts it down.
    let mut tick = use_signal(|| 0u64);
    use_future(move || async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            tick += 1;
        }
    });
    let _ = tick();

    let errors_now = errors();
    let wipe_at = app.wipe_scheduled().ok().flatten();
    let used_up = app.pin_tries_used_up().unwrap_or(false);
    let (a_set, a_skip, a_unlock, a_wipe) = (app.clone(), app.clone(), app.clone(), app.clone());
    // Checks a PIN (argon2, off the screen's thread); a wrong one is said under the box, which
    // is emptied for the next try.
    let unlock = Callback::new(move |typed: String| {
        working.set(true);
        let app = a_unlock.clone();
        spawn(async move {
            let done = off_the_screen_thread(move || app.unlock(&typed)).await;
            working.set(false);
            match done {
                Ok(()) => {
                    errors.set(Vec::new());
                    on_change.call(())
                }
                Err(AppError::Form(e)) => {
                    errors.set(e);
                    pin.set(String::new());
                    tries += 1;
                    on_change.call(())
                }
                Err(e) => flash.set(Some((false, e.to_string()))),
            }
        });
    });
    let waiting = matches!(status, LockStatus::Locked { wait_s, .. } if wait_s > 0);
    // The fingerprint prompt comes up by itself once when the lock screen appears.
    let fingerprint = app.fingerprint_unlock_on() && !used_up;
    let a_finger = app.clone();
    let finger_error = use_hook(|| a_finger.ask_fingerprint().err().map(|e| e.to_string()));
    let a_finger = app.clone();
    match status {
        LockStatus::Open { .. } => rsx! {},
        LockStatus::Setup => rsx! {
            section { class: "lock",
                h2 { "Buat PIN" }
                p { class: "hint",
                    "PIN 6 angka menjaga nama, nomor HP dan NIK warga bila HP dipinjam keluarga atau hilang. Aplikasi terkunci setiap kali dibuka dan setelah {rules::DEFAULT_LOCK_AFTER_MIN} menit di latar belakang."
                }
                FlashLine { flash: flash() }
                PinField { id: "pin-baru", label: "PIN baru (6 angka)", error: error_of(&errors_now, "pin"), on_input: move |v| pin.set(v) }
                PinField { id: "pin-ulang", label: "Ulangi PIN", error: error_of(&errors_now, "pin2"), on_input: move |v| repeat.set(v) }
                button {
                    class: "primary",
                    disabled: working(),
                    onclick: move |_| {
                        working.set(true);
                        let (app, p, r) = (a_set.clone(), pin(), repeat());
                        spawn(async move {
                            let done = off_the_screen_thread(move || app.set_pin(None, &p, &r)).await;
                            working.set(false);
                            if settle(done, None, errors, flash) {
                                on_change.call(());
                            }
                        });
                    },
                    "Simpan PIN"
                }
                h3 { "Tanpa PIN" }
                p { class: "notice warn",
                    "Tanpa PIN, siapa pun yang memegang HP ini bisa membaca data warga. Peringatan ini tetap tampil di Pengaturan sampai PIN dipasang."
                }
                button {
                    class: "secondary",
                    onclick: move |_| match a_skip.skip_pin() {
                        Ok(()) => on_change.call(()),
                        Err(e) => flash.set(Some((false, e.to_string()))),
                    },
                    "Lewati, pakai tanpa PIN"
                }
            }
        },
        LockStatus::Locked { wait_s, .. } if !forgot() => rsx! {
            section { class: "lock",
                h2 { if used_up { "PIN terkunci" } else { "Masukkan PIN" } }
                FlashLine { flash: flash() }
                if let Some(at) = wipe_at.clone() {
                    p { class: "notice warn", role: "status",
                        if used_up {
                            "Ada permintaan menghapus semua data di HP ini, berlaku setelah {at}."
                        } else {
                            "Ada permintaan menghapus semua data di HP ini, berlaku setelah {at}. Buka dengan PIN yang benar untuk membatalkannya."
                        }
                    }
                }
                if used_up {
                    p { class: "notice error", role: "alert",
                        "PIN sudah {rules::MAX_TRIES} kali salah berturut-turut. Demi data warga, PIN tidak bisa dicoba lagi di HP ini. Pakai \"Lupa PIN?\" di bawah: pulihkan dari cadangan (perlu kata sandi cadangan), atau hapus semua data lalu pulihkan."
                    }
                } else if wait_s > 0 {
                    p { class: "notice warn", role: "status",
                        "Terlalu banyak PIN salah. Coba lagi dalam {rules::wait_text(wait_s)}."
                    }
                }
                if !used_up {
                PinField {
                    key: "{tries}",
                    id: "pin-buka",
                    label: "PIN",
                    error: error_of(&errors_now, "pin"),
                    // The sixth digit opens the app: no button to find after typing.
                    on_input: move |v: String| {
                        pin.set(v.clone());
                        if v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) && !working() && !waiting {
                            unlock.call(v);
                        }
                    },
                }
                button {
                    class: "primary",
                    disabled: working() || wait_s > 0,
                    onclick: move |_| unlock.call(pin()),
                    "Buka"
                }
                if fingerprint {
                    button {
                        class: "secondary",
                        onclick: move |_| {
                            if let Err(e) = a_finger.ask_fingerprint() {
                                flash.set(Some((false, e.to_string())));
                            }
                        },
                        "Buka dengan sidik jari"
                    }
                    if let Some(message) = finger_error.clone() {
                        p { class: "notice error", role: "status", "{message}" }
                    }
                }
                }
                button {
                    class: if used_up { "primary" } else { "secondary" },
                    onclick: move |_| { errors.set(Vec::new()); forgot.set(true) },
                    "Lupa PIN?"
                }
            }
        },
        LockStatus::Locked { .. } => rsx! {
            section { class: "lock",
                h2 { "Lupa PIN" }
                p { class: "hint",
                    "PIN tidak disimpan di HP ini, jadi tidak ada yang bisa melihat atau mengirimkannya lagi, termasuk pembuat aplikasi. Ada dua jalan keluar:"
                }
                h3 { "1. Pulihkan dari cadangan" }
                p { class: "hint",
                    "Pilih file cadangan kantor (yang dibuat di Pengaturan › Cadangan) dan ketik kata sandi cadangannya. Sesudah itu Anda membuat PIN baru."
                }
                RestoreSection { on_restored: move |_| on_change.call(()) }
                h3 { "2. Hapus semua data di HP ini" }
                p { class: "notice warn",
                    if used_up {
                        "Semua berkas warga, templat dan pengaturan di HP ini dihapus, termasuk salinan otomatisnya. Yang sudah dikirim sebagai cadangan tidak ikut terhapus. Penghapusan baru terjadi bila diminta lagi sehari kemudian. Sesudahnya, pulihkan dari cadangan atau salinan di server kantor."
                    } else {
                        "Semua berkas warga, templat dan pengaturan di HP ini dihapus, termasuk salinan otomatisnya. Yang sudah dikirim sebagai cadangan tidak ikut terhapus. Penghapusan baru terjadi bila diminta lagi sehari kemudian; sampai saat itu PIN yang benar membatalkannya."
                    }
                }
                FlashLine { flash: flash() }
                TextField { id: "hapus-konfirmasi", label: "Ketik {WIPE_WORD} untuk menghapus", autocomplete: "off", boxed: true, error: error_of(&errors_now, "hapus"), on_input: move |v| wipe_word.set(v) }
                button {
                    class: "secondary danger",
                    onclick: move |_| match a_wipe.wipe_all_data(&wipe_word()) {
                        Ok(WipeOutcome::Scheduled { at }) => {
                            errors.set(Vec::new());
                            flash.set(Some((true, format!("Penghapusan dijadwalkan: semua data terhapus setelah {at} bila diminta lagi. Sampai saat itu tidak ada yang dihapus; membuka aplikasi dengan PIN yang benar membatalkannya."))));
                        }
                        Ok(WipeOutcome::Wiped) => { errors.set(Vec::new()); forgot.set(false); on_change.call(()) }
                        Err(AppError::Form(e)) => errors.set(e),
                        Err(e) => flash.set(Some((false, e.to_string()))),
                    },
                    "Hapus semua data"
                }
                if !used_up {
                    button {
                        class: "secondary",
                        onclick: move |_| { errors.set(Vec::new()); forgot.set(false) },
                        "Kembali ke PIN"
                    }
                }
            }
        },
    }
}

/// Pengaturan › Kunci & privasi.
#[component]
pub fn LockSettingsSection(on_change: EventHandler<()>) -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let mut old = use_signal(String::new);
    let mut pin = use_signal(String::new);
    let mut repeat = use_signal(String::new);
    let mut minutes = use_signal(|| None::<String>);
    let errors = use_signal(Vec::<FieldError>::new);
    let flash = use_signal(|| None::<(bool, String)>);
    let mut rev = use_signal(|| 0u64);
    let _ = rev();
    let settings = match app.lock_settings() {
        Ok(s) => s,
        Err(e) => return rsx! { p { class: "notice error", role: "alert", "{e}" } },
    };
    let errors_now = errors();
    let mut done = move |result: Result<(), AppError>, ok: &str| {
        if settle(result, Some(ok), errors, flash) {
            rev += 1;
            on_change.call(());
        }
    };
    let (a_set, a_remove, a_lock, a_minutes, a_secure, a_finger) = (
        app.clone(),
        app.clone(),
        app.clone(),
        app.clone(),
        app.clone(),
        app.clone(),
    );
    // A call into Android: read when the section is drawn, not by the one-second timer.
    let finger_possible = settings.has_pin && app.fingerprint_possible();
    let finger_on = app.fingerprint_unlock_on();
    let has_pin = settings.has_pin;
    let secure = settings.secure_screen;
    let after = settings.lock_after_min;
    rsx! {
        section { class: "lock-settings", "aria-labelledby": "kunci-judul",
            h2 { id: "kunci-judul", "Kunci & privasi" }
            FlashLine { flash: flash() }
            if app.phone_without_screen_lock() {
                p { class: "notice warn", role: "status",
                    "HP ini tidak memakai kunci layar (PIN, pola atau sandi HP). Tanpa itu, isi HP, termasuk data warga, tidak terkunci bila HP hilang. Pasang kunci layar di Setelan HP › Keamanan."
                }
            }
            if !has_pin {
                p { class: "notice warn", role: "status",
                    "Aplikasi tanpa PIN: siapa pun yang memegang HP ini bisa membuka data warga. Pasang PIN 6 angka di bawah."
                }
            } else {
                PinField { id: "pin-lama", label: "PIN sekarang (juga untuk memperlama waktu kunci atau mematikan layar pribadi)", error: error_of(&errors_now, "pin-lama"), on_input: move |v| old.set(v) }
            }
            PinField { id: "pin-baru", label: if has_pin { "PIN baru" } else { "PIN (6 angka)" }, error: error_of(&errors_now, "pin"), on_input: move |v| pin.set(v) }
            PinField { id: "pin-ulang", label: "Ulangi PIN", error: error_of(&errors_now, "pin2"), on_input: move |v| repeat.set(v) }
            button {
                class: "secondary",
                onclick: move |_| {
                    let current = old();
                    let current = has_pin.then_some(current.as_str());
                    done(a_set.set_pin(current, &pin(), &repeat()), if has_pin { "PIN diganti." } else { "PIN dipasang." })
                },
                if has_pin { "Ganti PIN" } else { "Pasang PIN" }
            }
            if has_pin {
                button {
                    class: "secondary",
                    onclick: move |_| done(a_remove.remove_pin(&old()), "PIN dihapus. Aplikasi kini terbuka tanpa PIN."),
                    "Hapus PIN"
                }
                button {
                    class: "secondary",
                    onclick: move |_| { a_lock.lock_now(); on_change.call(()) },
                    "Kunci sekarang"
                }
            }
            TextField { id: "kunci-menit", label: "Kunci lagi setelah di latar belakang (menit)", inputmode: "numeric", value: after.to_string(), boxed: true, error: error_of(&errors_now, "kunci-menit"), on_input: move |v| minutes.set(Some(v)) }
            button {
                class: "secondary",
                onclick: move |_| {
                    let typed = minutes().unwrap_or_else(|| after.to_string());
                    done(a_minutes.set_lock_after(&typed, &old()), "Waktu kunci disimpan.")
                },
                "Simpan waktu kunci"
            }
            // A switch button rather than a checkbox: a change refused for want of the PIN
            // leaves nothing toggled in the page.
            button {
                id: "layar-aman",
                class: "secondary",
                role: "switch",
                "aria-checked": if secure { "true" } else { "false" },
                onclick: move |_| {
                    let on = !secure;
                    done(a_secure.set_secure_screen(on, &old()), if on { "Layar pribadi dinyalakan." } else { "Layar pribadi dimatikan." })
                },
                if secure { "Layar pribadi: menyala (disarankan)" } else { "Layar pribadi: mati" }
            }
            if finger_possible {
                button {
                    id: "sidik-jari",
                    class: "secondary",
                    role: "switch",
                    "aria-checked": if finger_on { "true" } else { "false" },
                    onclick: move |_| {
                        let on = !finger_on;
                        done(a_finger.set_fingerprint_unlock(on, &old()), if on { "Buka dengan sidik jari dinyalakan." } else { "Buka dengan sidik jari dimatikan." })
                    },
                    if finger_on { "Buka dengan sidik jari: menyala" } else { "Buka dengan sidik jari: mati" }
                }
                FieldMessage { message: error_of(&errors_now, "sidik-jari") }
                p { class: "hint",
                    "Perlu PIN sekarang di atas. Sidik jari siapa pun yang terdaftar di HP ini bisa membuka aplikasi, jadi nyalakan hanya bila hanya sidik jari Anda yang terdaftar. PIN tetap bisa dipakai kapan saja."
                }
            }
            p { class: "hint",
                "Saat menyala, isi aplikasi tidak tampil di daftar aplikasi terbaru dan tidak bisa di-screenshot atau direkam aplikasi lain. Matikan hanya sebentar bila perlu tangkapan layar, misalnya untuk melaporkan masalah, lalu nyalakan lagi."
            }
        }
    }
}

/// "Hapus data warga" at the foot of a case: shows which cases of this resident would lose
/// their personal data, then erases after "Ya, hapus".
#[component]
pub fn EraseResidentSection(case_id: String, on_done: EventHandler<()>) -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    // Kept with the case it belongs to: the section stays mounted when another case opens.
    let mut preview = use_signal(|| None::<(String, Vec<String>)>);
    let mut flash = use_signal(|| None::<(bool, String)>);
    let mut pin = use_signal(String::new);
    let mut pin_error = use_signal(|| None::<String>);
    let has_pin = app.lock_settings().is_ok_and(|s| s.has_pin);
    let (a_preview, a_erase) = (app.clone(), app.clone());
    let (id1, id2) = (case_id.clone(), case_id.clone());
    rsx! {
        section { class: "erase", "aria-labelledby": "hapus-warga-judul",
            h3 { id: "hapus-warga-judul", "Hapus data warga" }
            p { class: "hint",
                "Atas permintaan warga (UU 27/2022): nama, nomor HP, NIK, alamat dan semua catatan berkasnya dihapus dari HP ini. Layanan, tanggal dan status tetap, jadi laporan tidak berubah."
            }
            FlashLine { flash: flash() }
            match preview().filter(|(id, _)| *id == case_id).map(|(_, cases)| cases) {
                None => rsx! {
                    button {
                        class: "secondary danger",
                        onclick: move |_| match a_preview.resident_erasure_preview(&id1) {
                            Ok(p) if p.cases.is_empty() => flash.set(Some((true, "Data pribadi berkas ini sudah dihapus.".into()))),
                            Ok(p) => { flash.set(None); preview.set(Some((id1.clone(), p.cases))) }
                            Err(e) => flash.set(Some((false, e.to_string()))),
                        },
                        "Hapus data warga…"
                    }
                },
                Some(cases) => rsx! {
                    p { class: "notice warn", role: "status",
                        "Data pribadi di {cases.len()} berkas akan dihapus dan tidak bisa dikembalikan: {cases.join(\", \")}."
                    }
                    if has_pin {
                        PinField { id: "hapus-warga-pin", label: "PIN aplikasi (wajib untuk menghapus)", error: pin_error(), on_input: move |v| pin.set(v) }
                    }
                    button {
                        class: "secondary danger",
                        onclick: move |_| {
                            match a_erase.erase_resident(&id2, &pin()) {
                                Ok(n) => flash.set(Some((true, format!("Data pribadi warga dihapus dari {n} berkas.")))),
                                // A wrong PIN stays on the question, said under its field.
                                Err(AppError::Form(errors)) => {
                                    pin_error.set(errors.first().map(|e| e.message.clone()));
                                    return;
                                }
                                Err(e) => flash.set(Some((false, e.to_string()))),
                            }
                            pin_error.set(None);
                            preview.set(None);
                            on_done.call(());
                        },
                        "Ya, hapus data warga"
                    }
                    button {
                        class: "secondary",
                        onclick: move |_| preview.set(None),
                        "Batal"
                    }
                },
            }
        }
    }
}

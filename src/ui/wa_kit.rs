//! Panduan WA Bisnis: the set-up guide, the greeting and away texts to copy, quick replies and
//! the QR poster to print.

use dioxus::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use crate::app::office::WaKitView;

use super::nav::use_session;
use super::use_app;
use super::widgets::{flash_of, CopyButton, ErrorNotice, Flash, FlashLine};

/// The guide with the app's texts and poster.
#[component]
pub(super) fn WaKitRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut flash = session.kit_flash;
    match app.wa_kit() {
        Ok(kit) => {
            let settings_app = app.clone();
            rsx! {
                WaKitScreen {
                    kit,
                    flash: flash(),
                    on_save_poster: move |_| flash.set(Some(flash_of(
                        app.save_poster().map(|path| format!("Poster tersimpan: {path}. Cetak di kertas A4.")),
                    ))),
                    on_settings: move |_| session.open_settings(&settings_app),
                }
            }
        }
        Err(e) => rsx! { ErrorNotice { message: e.to_string() } },
    }
}

/// Panduan WA Bisnis: the guide, texts to copy, quick replies and the poster.
#[component]
pub fn WaKitScreen(
    kit: WaKitView,
    flash: Flash,
    on_save_poster: EventHandler<()>,
    on_settings: EventHandler<()>,
) -> Element {
    let poster_src = kit.poster_svg.as_ref().map(|svg| {
        format!(
            "data:image/svg+xml;charset=utf-8,{}",
            utf8_percent_encode(svg, NON_ALPHANUMERIC)
        )
    });
    rsx! {
        section { class: "kit",
            FlashLine { flash }
            h2 { "Langkah menyiapkan WhatsApp Business" }
            ol { class: "steps",
                li { "Pasang aplikasi WhatsApp Business dari Play Store di HP kantor (bukan HP pribadi bila bisa)." }
                li { "Daftarkan nomor kantor desa; kode verifikasi dikirim lewat SMS atau telepon ke nomor itu." }
                li { "Isi profil bisnis: nama \"Pemerintah Desa …\", kategori Layanan Pemerintah, alamat balai desa, dan jam buka sesuai jam layanan." }
                li { "Buka Alat Bisnis › Pesan salam: aktifkan, lalu tempel teks salam di bawah." }
                li { "Buka Alat Bisnis › Pesan tidak di tempat: aktifkan, pilih \"Di luar jam kerja\", lalu tempel teks di bawah." }
                li { "Buka Alat Bisnis › Balasan cepat: tambahkan setiap balasan di bawah dengan pintasannya." }
                li { "Cetak poster kode QR dan tempel di papan pengumuman balai desa." }
                li { "Isi nomor WhatsApp kantor di Pengaturan aplikasi ini agar poster dan tautan memakai nomor yang benar." }
            }
            h3 { "Pesan salam" }
            pre { class: "summary", "{kit.greeting}" }
            CopyButton { text: kit.greeting.clone() }
            h3 { "Pesan di luar jam kerja" }
            pre { class: "summary", "{kit.away}" }
            CopyButton { text: kit.away.clone() }
            p { class: "notice warn", "{kit.away_note}" }
            h3 { "Balasan cepat ({kit.quick_replies.len()})" }
            p { class: "hint", "Di kolom Pintasan tulis tanpa garis miring, misalnya sktm; di chat ketik /sktm lalu pilih balasannya." }
            if let Some(warning) = kit.quick_reply_warning.clone() {
                p { class: "notice warn", "{warning}" }
            }
            for (shortcut, name, text) in kit.quick_replies.clone() {
                details { class: "quick", key: "{shortcut}",
                    summary { span { class: "shortcut", "/{shortcut}" } " {name}" }
                    pre { class: "summary", "{text}" }
                    CopyButton { text: text.clone() }
                }
            }
            h3 { "Poster kode QR" }
            match (poster_src, kit.link.clone()) {
                (Some(src), Some(link)) => rsx! {
                    p { class: "hint", "Warga memindai kode ini dan langsung membuka chat ke {kit.office_phone.clone().unwrap_or_default()}." }
                    img { class: "poster", src: "{src}", alt: "Poster A4: kode QR WhatsApp kantor desa dan jam layanan" }
                    p { class: "hint link", "{link}" }
                    button { class: "primary", onclick: move |_| on_save_poster.call(()), "Simpan poster (A4, SVG) untuk dicetak" }
                },
                _ => rsx! {
                    p { class: "hint", "Isi dulu nomor WhatsApp kantor di Pengaturan untuk membuat poster." }
                    button { class: "secondary", onclick: move |_| on_settings.call(()), "Buka Pengaturan" }
                },
            }
        }
    }
}

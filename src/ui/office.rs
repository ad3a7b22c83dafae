//! The office screens: Laporan (period, numbers, SVG charts drawn here, CSV export and the
//! summary for the kepala desa), Pengaturan (office profile, hours, holidays) and Panduan WA
//! Bisnis (the set-up guide, texts to copy, quick replies and the QR poster).

use dioxus::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use crate::app::office::{FieldError, SettingsView, WaKitView};
use crate::app::report::ReportFile;

use super::lock::PinField;
use crate::domain::report::{
    comparison_text, mostly_open_text, number, wait_lines, Basis, Report, ReportRow, Stats,
};

use super::screens::CopyButton;

/// A message after an action: `(ok, text)`.
pub type Flash = Option<(bool, String)>;

#[component]
pub(super) fn FlashLine(flash: Flash) -> Element {
    rsx! {
        if let Some((ok, text)) = flash {
            p { class: if ok { "notice ok" } else { "notice error" }, role: "status", "{text}" }
        }
    }
}

fn wait_cell(stats: &Stats) -> String {
    match (stats.median, stats.p90) {
        (Some(m), Some(p)) => format!("{} / {}", number(m), number(p)),
        _ => "–".to_string(),
    }
}

/// Horizontal bars, one per row: `(label, value, highlighted part)`, drawn as SVG so it needs
/// no chart library and scales to the phone's width.
#[component]
fn BarChart(
    title: String,
    rows: Vec<(String, usize, usize)>,
    legend: Vec<(String, String)>,
) -> Element {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    // Long service names are cut so they stay inside the drawing.
    let rows: Vec<(String, usize, usize)> = rows
        .into_iter()
        .map(|(label, value, part)| {
            let short = if label.chars().count() > 46 {
                format!("{}…", label.chars().take(45).collect::<String>())
            } else {
                label
            };
            (short, value, part)
        })
        .collect();
    let row_h = 34usize;
    let height = rows.len() * row_h + 8;
    rsx! {
        figure { class: "chart",
            figcaption { "{title}" }
            svg {
                view_box: "0 0 320 {height}",
                width: "100%",
                role: "img",
                "aria-label": "{title}",
                for (i, (label, value, part)) in rows.iter().enumerate() {
                    {
                        let y = i * row_h;
                        let full = 200.0 * (*value as f64) / (max as f64);
                        let highlighted = 200.0 * (*part as f64) / (max as f64);
                        rsx! {
                            text { x: "0", y: "{y + 14}", font_size: "12", fill: "#1b1f1d", "{label}" }
                            rect { x: "0", y: "{y + 18}", width: "{full:.1}", height: "12", rx: "3", fill: "#9fd3bf" }
                            rect { x: "0", y: "{y + 18}", width: "{highlighted:.1}", height: "12", rx: "3", fill: "#0b6b4f" }
                            text { x: "{full + 6.0:.1}", y: "{y + 29}", font_size: "12", fill: "#1b1f1d", "{value}" }
                        }
                    }
                }
            }
            if !legend.is_empty() {
                p { class: "legend",
                    for (color, text) in legend {
                        span { class: "key", span { class: "swatch", style: "background:{color}" } "{text}" }
                    }
                }
            }
        }
    }
}

/// The Laporan screen.
/// What the official asked of the report's CSV files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportAsk {
    /// One file through the share sheet from the private cache; `Some(pin)`: with residents'
    /// contacts, and the PIN typed for them.
    Share(ReportFile, Option<String>),
    /// Both files, without contacts, into Downloads.
    SaveToDownloads,
}

#[component]
pub fn ReportScreen(
    report: Report,
    summary: String,
    from: String,
    to: String,
    flash: Flash,
    on_period: EventHandler<(String, String)>,
    on_month: EventHandler<i32>,
    /// "Berkas yang masuk" / "Berkas yang siap".
    #[props(default)]
    on_basis: EventHandler<Basis>,
    on_export: EventHandler<ExportAsk>,
    on_send: EventHandler<()>,
    /// A PIN is set: the list with contacts asks for it.
    #[props(default)]
    has_pin: bool,
) -> Element {
    // Contact data goes into the CSV only when the official ticks it, each time.
    let mut with_contacts = use_signal(|| false);
    let mut pin = use_signal(String::new);
    let t = report.total.clone();
    let ooh = t
        .out_of_hours_percent()
        .map_or_else(|| "–".to_string(), |p| format!("{}%", number(p)));
    let mut from_value = use_signal(|| from.clone());
    let mut to_value = use_signal(|| to.clone());
    let service_bars: Vec<(String, usize, usize)> = report
        .rows
        .iter()
        .map(|r| (r.service_name.clone(), r.cases, r.ready))
        .collect();
    let age_bars: Vec<(String, usize, usize)> = report
        .open_by_age
        .iter()
        .map(|b| (b.label.to_string(), b.count, b.overdue))
        .collect();
    let waits = wait_lines(&t);
    let comparison = comparison_text(&report);
    let mostly_open = mostly_open_text(&t);
    let basis = report.basis;
    let (counted, hint) = match basis {
        Basis::Written => (
            "Masuk",
            "Dihitung dari berkas yang pesannya masuk dalam periode ini (menurut \"Pesan masuk\").",
        ),
        Basis::Ready => (
            "Siap",
            "Dihitung dari berkas yang menjadi siap dalam periode ini, kapan pun pesannya masuk.",
        ),
    };
    rsx! {
        section { class: "report",
            div { class: "period",
                button { class: "secondary", onclick: move |_| on_month.call(0), "Bulan ini" }
                button { class: "secondary", onclick: move |_| on_month.call(-1), "Bulan lalu" }
            }
            div { class: "dates",
                div {
                    label { r#for: "lapor-dari", "Dari tanggal" }
                    input { id: "lapor-dari", r#type: "date", initial_value: "{from}", oninput: move |e| from_value.set(e.value()) }
                }
                div {
                    label { r#for: "lapor-sampai", "Sampai tanggal" }
                    input { id: "lapor-sampai", r#type: "date", initial_value: "{to}", oninput: move |e| to_value.set(e.value()) }
                }
            }
            button { class: "secondary", onclick: move |_| on_period.call((from_value(), to_value())), "Tampilkan" }
            div { class: "period", role: "group", "aria-label": "Berkas yang dihitung",
                button { class: "secondary", "aria-pressed": basis == Basis::Written, onclick: move |_| on_basis.call(Basis::Written), "Berkas yang masuk" }
                button { class: "secondary", "aria-pressed": basis == Basis::Ready, onclick: move |_| on_basis.call(Basis::Ready), "Berkas yang siap" }
            }
            FlashLine { flash }
            h2 { "{report.period.label()}" }
            p { class: "hint", "{hint}" }
            dl { class: "cards",
                div { dt { "{counted}" } dd { "{t.cases}" } }
                div { dt { "Sudah siap" } dd { "{t.ready}" } }
                div { dt { "Selesai" } dd { "{t.done}" } }
                div { dt { "Dibatalkan" } dd { "{t.cancelled}" } }
                div { dt { "Masih berjalan" } dd { "{t.open}" } }
                div { dt { "Di luar jam" } dd { "{ooh}" } }
            }
            h3 { "Lama menunggu" }
            p { class: "hint", "Waktu di kantor dihitung dengan jam layanan saja (hari kerja = jam buka satu hari), tanpa waktu menunggu warga melengkapi syarat." }
            dl { class: "facts waits",
                for (label, text) in waits {
                    dt { class: if label.starts_with("  ") { "sub" } else { "" }, "{label.trim()}" }
                    dd { "{text}" }
                }
            }
            p { class: "comparison", "{comparison}" }
            if let Some(text) = mostly_open {
                p { class: "notice warn", role: "status", "{text}" }
            }
            if !service_bars.is_empty() {
                BarChart {
                    title: "Berkas per layanan",
                    rows: service_bars,
                    legend: vec![("#9fd3bf".to_string(), counted.to_lowercase()), ("#0b6b4f".to_string(), "sudah siap".to_string())],
                }
            }
            h3 { "Per layanan" }
            p { class: "hint", "Waktu di kantor sampai siap: nilai tengah / 90% siap dalam (paling lama bila kurang dari 10 berkas), dalam hari kerja." }
            div { class: "table-wrap",
                table { class: "per-service",
                    thead { tr { th { "Layanan" } th { class: "num", "{counted}" } th { class: "num", "Siap" } th { "Waktu di kantor" } } }
                    tbody {
                        for row in report.rows.iter().chain(std::iter::once(&report.total)) {
                            ServiceLine { row: row.clone() }
                        }
                    }
                }
            }
            BarChart {
                title: "Berkas terbuka saat ini menurut umur",
                rows: age_bars,
                legend: vec![("#9fd3bf".to_string(), "terbuka".to_string()), ("#0b6b4f".to_string(), "melewati perkiraan".to_string())],
            }
            if !report.overdue.is_empty() {
                h3 { "Melewati perkiraan waktu ({report.overdue.len()})" }
                ul { class: "overdue",
                    for o in report.overdue.iter() {
                        li { key: "{o.number}", "{o.number} · {o.service_name}: {number(o.office_days)} hari kerja di kantor (perkiraan paling lama {o.expected_days})" }
                    }
                }
            }
            h3 { "Ringkasan untuk Kepala Desa" }
            pre { class: "summary", "{summary}" }
            button { class: "primary", onclick: move |_| on_send.call(()), "Kirim ringkasan via WhatsApp" }
            CopyButton { text: summary.clone() }
            label { class: "tick",
                input {
                    id: "csv-kontak",
                    r#type: "checkbox",
                    checked: with_contacts(),
                    onchange: move |e| with_contacts.set(e.checked()),
                }
                span { "Sertakan nama, nomor HP dan NIK (disamarkan) warga" }
            }
            if with_contacts() && has_pin {
                PinField { id: "csv-pin", label: "PIN aplikasi (wajib untuk daftar berisi data warga)", error: None, on_input: move |v| pin.set(v) }
            }
            button { class: "secondary", onclick: move |_| on_export.call(ExportAsk::Share(ReportFile::Summary, None)), "Bagikan ringkasan (CSV)" }
            button { class: "secondary", onclick: move |_| on_export.call(ExportAsk::Share(ReportFile::Cases, with_contacts().then_some(pin.cloned()))), "Bagikan daftar berkas (CSV)" }
            p { class: "hint",
                "Dibagikan lewat lembar berbagi HP, tanpa salinan di HP ini. Bila perlu berkasnya di HP (tanpa data warga), simpan ke Unduhan: di sana aplikasi lain bisa membacanya."
            }
            if !with_contacts() {
                button { class: "secondary", onclick: move |_| on_export.call(ExportAsk::SaveToDownloads), "Simpan keduanya ke Unduhan" }
            }
        }
    }
}

#[component]
fn ServiceLine(row: ReportRow) -> Element {
    let office = wait_cell(&row.office);
    rsx! {
        tr {
            td { "{row.service_name}" }
            td { class: "num", "{row.cases}" }
            td { class: "num", "{row.ready}" }
            td { class: "num", "{office}" }
        }
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
    let error_for = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
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
            if let Some(message) = error_for("form") {
                p { class: "field-error", role: "alert", "{message}" }
            }
            h2 { "Profil kantor" }
            for (key, label, value, kind, placeholder) in text_fields {
                div { class: "field",
                    label { r#for: "atur-{key}", "{label}" }
                    input {
                        id: "atur-{key}",
                        r#type: "{kind}",
                        placeholder: "{placeholder}",
                        initial_value: "{value}",
                        "aria-invalid": error_for(key).is_some(),
                        oninput: move |e| on_field.call((key.to_string(), e.value())),
                    }
                    if let Some(message) = error_for(key) {
                        p { class: "field-error", role: "alert", "{message}" }
                    }
                }
            }
            h2 { "Jam layanan (WIB)" }
            p { class: "hint", "Tulis seperti 08.00–14.00; istirahat: 08.00–12.00, 12.30–14.00; kosongkan hari tutup." }
            for (i, name) in view.day_names.iter().enumerate() {
                div { class: "field",
                    label { r#for: "atur-day-{i}", "{name}" }
                    input {
                        id: "atur-day-{i}",
                        r#type: "text",
                        placeholder: "tutup",
                        initial_value: "{form.days[i]}",
                        "aria-invalid": error_for(&format!("day-{i}")).is_some(),
                        oninput: move |e| on_field.call((format!("day-{i}"), e.value())),
                    }
                    if let Some(message) = error_for(&format!("day-{i}")) {
                        p { class: "field-error", role: "alert", "{message}" }
                    }
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

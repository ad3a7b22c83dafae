//! Laporan: the period and its basis, the numbers in plain words, SVG bar charts drawn here,
//! the CSV export and the summary for the kepala desa.

use dioxus::prelude::*;

use crate::app::report::ReportFile;
use crate::domain::report::{
    comparison_text, mostly_open_text, number, wait_lines, Basis, Period, Report, ReportRow, Scope,
    Stats,
};

use super::lock::PinField;
use super::nav::use_session;
use super::use_app;
use super::widgets::{flash_of, CopyButton, DateWords, ErrorNotice, Flash, Toast};

/// Laporan with the app's figures for the session's period (this month until one is picked).
#[component]
pub(super) fn ReportRoute() -> Element {
    let app = use_app();
    let session = use_session();
    session.watch();
    let mut state = session.report;
    let now = state();
    let period = match now.period {
        Some(p) => Ok(p),
        None => app.this_month(),
    };
    let basis = now.basis;
    let scope = |period| Scope { period, basis };
    let (period, report, summary) =
        match period.and_then(|p| Ok((p, app.report(scope(p))?, app.summary_text(scope(p))?))) {
            Ok(all) => all,
            Err(e) => return rsx! { ErrorNotice { message: e.to_string() } },
        };
    let scope = scope(period);
    let mut flash = move |f: (bool, String)| state.with_mut(|s| s.flash = Some(f));
    let (a1, a2, a3) = (app.clone(), app.clone(), app.clone());
    rsx! {
        ReportScreen {
            key: "{period.from}-{period.to}-{basis.key()}",
            report,
            summary,
            has_pin: app.lock_settings().is_ok_and(|s| s.has_pin),
            from: period.from.to_string(),
            to: period.to.to_string(),
            flash: now.flash,
            on_period: move |(from, to): (String, String)| match Period::parse(&from, &to) {
                Ok(p) => state.with_mut(|s| { s.period = Some(p); s.flash = None }),
                Err(e) => flash((false, e.to_string())),
            },
            on_month: move |offset: i32| {
                if let Ok(this) = a3.this_month() {
                    let p = if offset < 0 {
                        this.from.pred_opt().map_or(this, Period::month_of)
                    } else {
                        this
                    };
                    state.with_mut(|s| { s.period = Some(p); s.flash = None });
                }
            },
            on_basis: move |b: Basis| state.with_mut(|s| { s.basis = b; s.flash = None }),
            on_export: move |ask: ExportAsk| flash(match ask {
                ExportAsk::Share(file, contacts) => flash_of(a1.share_report_csv(scope, file, contacts.as_deref()).map(|place| {
                    if contacts.is_some() && file == ReportFile::Cases {
                        format!("Daftar berkas berisi data pribadi warga: dikirim lewat {place}. Kirim hanya ke yang berhak.")
                    } else {
                        format!("Dikirim lewat {place}.")
                    }
                })),
                ExportAsk::SaveToDownloads => flash_of(a1.save_report_csv(scope).map(|paths| {
                    format!("Tersimpan: {}. Berkas di Unduhan bisa dibuka aplikasi lain di HP ini dan tidak ikut terhapus oleh aplikasi ini.", paths.join(" dan "))
                })),
            }),
            on_send: move |_| flash(flash_of(a2.send_summary(scope).map(|target| match target {
                Some(target) => format!("Ringkasan disiapkan di {}.", target.label()),
                None => "Nomor Kepala Desa belum diisi di Pengaturan: pilih chat di lembar berbagi.".to_string(),
            }))),
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
    // Counted, not a percentage: "of what?" answers itself.
    let ooh = format!("{} dari {}", t.out_of_hours, t.cases);
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
                // A picked date shows its period at once (no "Tampilkan" step).
                div {
                    label { r#for: "lapor-dari", "Dari tanggal" }
                    input {
                        id: "lapor-dari",
                        r#type: "date",
                        initial_value: "{from}",
                        onchange: move |e| {
                            from_value.set(e.value());
                            on_period.call((from_value(), to_value()));
                        },
                    }
                    DateWords { value: from_value() }
                }
                div {
                    label { r#for: "lapor-sampai", "Sampai tanggal" }
                    input {
                        id: "lapor-sampai",
                        r#type: "date",
                        initial_value: "{to}",
                        onchange: move |e| {
                            to_value.set(e.value());
                            on_period.call((from_value(), to_value()));
                        },
                    }
                    DateWords { value: to_value() }
                }
            }
            div { class: "period", role: "group", "aria-label": "Berkas yang dihitung",
                button { class: "secondary", "aria-pressed": basis == Basis::Written, onclick: move |_| on_basis.call(Basis::Written), "Berkas yang masuk" }
                button { class: "secondary", "aria-pressed": basis == Basis::Ready, onclick: move |_| on_basis.call(Basis::Ready), "Berkas yang siap" }
            }
            // The answer to "Kirim ke Kepala Desa" is seen wherever the screen is scrolled.
            Toast { flash: flash.clone() }
            h2 { "{report.period.label()}" }
            p { class: "hint", "{hint}" }
            dl { class: "cards",
                div { dt { "{counted}" } dd { "{t.cases}" } }
                div { dt { "Sudah siap" } dd { "{t.ready}" } }
                div { dt { "Selesai" } dd { "{t.done}" } }
                div { dt { "Dibatalkan" } dd { "{t.cancelled}" } }
                div { dt { "Masih berjalan" } dd { "{t.open}" } }
                div { dt { "Masuk di luar jam" } dd { "{ooh}" } }
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
            p { class: "hint", "Waktu di kantor sampai siap, dalam hari kerja: biasanya / 9 dari 10 siap dalam (paling lama, bila kurang dari 10 berkas)." }
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
        // The summary to the kepala desa, in reach from anywhere on the long screen.
        div { class: "stepbar-space" }
        div { class: "stepbar",
            button { class: "primary", onclick: move |_| on_send.call(()), "Kirim ke Kepala Desa" }
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

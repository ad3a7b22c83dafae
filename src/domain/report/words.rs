//! The report in words: Indonesian numbers ("2,5"), waits as an official says them ("biasanya
//! …, 9 dari 10 siap dalam …", or "paling lama" under 10 cases: the median and the 90th
//! percentile without their names), the comparison with the period before, and the summary
//! sent to the kepala desa.

use super::*;

/// `2`, `2,5`: Indonesian decimal comma, at most one decimal.
pub fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

/// Wall-clock minutes: `35 menit`, `5,5 jam`, `2,1 hari`.
pub fn minutes_text(minutes: f64) -> String {
    if minutes < 60.0 {
        format!("{} menit", number(minutes))
    } else if minutes < 48.0 * 60.0 {
        format!("{} jam", number(minutes / 60.0))
    } else {
        format!("{} hari", number(minutes / 1440.0))
    }
}

/// Office minutes: `35 menit`, `14 jam` (hours the office was open; never "days").
pub fn office_minutes_text(minutes: f64) -> String {
    if minutes < 60.0 {
        format!("{} menit", number(minutes))
    } else {
        format!("{} jam", number(minutes / 60.0))
    }
}

/// The words for the second figure, in words an official uses: "9 dari 10 siap dalam" from
/// 10 cases up; with fewer cases the nearest-rank P90 is the longest one, said as "paling lama"
/// (nine in ten of 4 cases means nothing to a reader).
pub fn spread_words(count: usize, done: &'static str) -> String {
    if count >= 10 {
        format!("9 dari 10 {done} dalam")
    } else {
        "paling lama".to_string()
    }
}

/// `biasanya 1,5 hari kerja, 9 dari 10 siap dalam 3 hari kerja` (`paling lama` under 10), or
/// `None` when the list is empty. `unit` formats one value.
pub fn stats_text(
    stats: &Stats,
    done: &'static str,
    unit: &dyn Fn(f64) -> String,
) -> Option<String> {
    match (stats.median, stats.p90) {
        (Some(median), Some(p90)) => Some(format!(
            "biasanya {}, {} {}",
            unit(median),
            spread_words(stats.count, done),
            unit(p90)
        )),
        _ => None,
    }
}

fn working_days(v: f64) -> String {
    format!("{} hari kerja", number(v))
}

fn days(v: f64) -> String {
    format!("{} hari", number(v))
}

fn calendar(v: f64) -> String {
    format!("{} hari kalender", number(v))
}

/// `dari 42 berkas yang sudah siap; 7 masih berjalan`.
pub fn n_text(row: &ReportRow) -> String {
    format!(
        "dari {} berkas yang sudah siap; {} masih berjalan",
        row.ready, row.open
    )
}

/// The wait lines of a row, as `(label, text)`, in the order the screen and the summary
/// show them: office time (with its n), at the village, outside, the resident's time, the
/// resident's whole wait, first reply, first reply to out-of-hours messages.
pub fn wait_lines(row: &ReportRow) -> Vec<(&'static str, String)> {
    let none = || "belum ada berkas yang sudah siap".to_string();
    let office = match stats_text(&row.office, "siap", &working_days) {
        Some(text) => format!("{text} ({})", n_text(row)),
        None => format!("{} ({} masih berjalan)", none(), row.open),
    };
    let mut lines = vec![("Waktu di kantor sampai siap", office)];
    if let Some(text) = stats_text(&row.village, "siap", &working_days) {
        lines.push(("  di desa", text));
    }
    if let Some(text) = stats_text(&row.outside, "siap", &working_days) {
        lines.push((
            "  di luar desa",
            format!("{text} ({} berkas diteruskan)", row.outside.count),
        ));
    }
    lines.push((
        "Waktu di warga (Belum lengkap)",
        stats_text(&row.resident, "dilengkapi", &days).unwrap_or_else(none),
    ));
    lines.push((
        "Lama bagi warga sampai siap",
        stats_text(&row.calendar, "siap", &calendar).unwrap_or_else(none),
    ));
    lines.push((
        "Balasan pertama (jam kantor)",
        stats_text(&row.first_reply, "dibalas", &office_minutes_text)
            .map(|t| {
                format!(
                    "{t} (dari {} berkas yang sudah dibalas)",
                    row.first_reply.count
                )
            })
            .unwrap_or_else(|| "belum ada balasan".into()),
    ));
    if let Some(text) = stats_text(&row.first_reply_out_of_hours, "dibalas", &minutes_text) {
        lines.push((
            "Pesan di luar jam layanan dibalas (jam dinding)",
            format!(
                "{text} (dari {} berkas)",
                row.first_reply_out_of_hours.count
            ),
        ));
    }
    lines
}

/// How the previous period is named: `bulan lalu`, or `periode sebelumnya (1–15 November 2026)`.
pub fn previous_name(report: &Report) -> String {
    if report.period.is_month() {
        "bulan lalu".to_string()
    } else {
        format!("periode sebelumnya ({})", report.previous.period.label())
    }
}

/// Before and after, in words: `Waktu di kantor lebih cepat 1,5 hari kerja dari bulan lalu
/// (nilai tengah 2 → 0,5 hari kerja).`, or why there is no comparison yet.
pub fn comparison_text(report: &Report) -> String {
    let (now, before) = (&report.total.office, &report.previous.total.office);
    let name = previous_name(report);
    match (now.median, before.median) {
        (Some(m), Some(b)) if now.count >= MIN_COMPARED && before.count >= MIN_COMPARED => {
            let change = number((b - m).abs());
            let figures = format!("biasanya {} → {} hari kerja", number(b), number(m));
            if change == "0" {
                format!("Waktu di kantor sama dengan {name} ({figures}).")
            } else if m < b {
                format!("Waktu di kantor lebih cepat {change} hari kerja dari {name} ({figures}).")
            } else {
                format!("Waktu di kantor lebih lambat {change} hari kerja dari {name} ({figures}).")
            }
        }
        _ => format!(
            "Belum dibandingkan dengan {name}: perlu sedikitnya {MIN_COMPARED} berkas yang sudah \
             siap di kedua periode (sekarang {}, sebelumnya {}).",
            now.count, before.count
        ),
    }
}

/// The warning when most of the period's cases are still open, or `None`.
pub fn mostly_open_text(row: &ReportRow) -> Option<String> {
    row.mostly_open().then(|| {
        format!(
            "Sebagian besar berkas periode ini masih berjalan ({} dari {}): waktu tunggunya belum \
             terhitung, jadi angka di atas bisa tampak lebih cepat dari kenyataan.",
            row.open, row.cases
        )
    })
}

/// The text sent to the kepala desa over WhatsApp: the same figures as the screen.
pub fn summary_text(report: &Report, village: &str) -> String {
    let t = &report.total;
    let mut lines = vec![
        format!("*Ringkasan layanan Desa {village}*"),
        format!("{} · {}", report.period.label(), report.basis.label()),
        String::new(),
    ];
    let ooh = t
        .out_of_hours_percent()
        .map(|_| format!(" ({} di antaranya di luar jam layanan)", t.out_of_hours))
        .unwrap_or_default();
    let counted = match report.basis {
        Basis::Written => "Berkas masuk",
        Basis::Ready => "Berkas siap",
    };
    lines.push(format!("{counted}: {}{ooh}", t.cases));
    lines.push(format!(
        "Sudah siap: {} · Selesai: {} · Dibatalkan: {} · Masih berjalan: {}",
        t.ready, t.done, t.cancelled, t.open
    ));
    for (label, text) in wait_lines(t) {
        match label.strip_prefix("  ") {
            Some(sub) => lines.push(format!("- {sub}: {text}")),
            None => lines.push(format!("{label}: {text}")),
        }
    }
    lines.push(comparison_text(report));
    lines.extend(mostly_open_text(t));
    if !report.rows.is_empty() {
        lines.push(String::new());
        lines.push("Per layanan (berkas · siap · biasanya di kantor):".into());
        for row in report.rows.iter().take(8) {
            let median = row
                .office
                .median
                .map(working_days)
                .unwrap_or_else(|| "–".into());
            lines.push(format!(
                "- {}: {} · {} · {median}",
                row.service_name, row.cases, row.ready
            ));
        }
        if report.rows.len() > 8 {
            lines.push(format!("- dan {} layanan lain", report.rows.len() - 8));
        }
    }
    let open: usize = report.open_by_age.iter().map(|b| b.count).sum();
    lines.push(String::new());
    lines.push(format!(
        "Berkas terbuka saat ini: {open}, {} melewati perkiraan waktu (dihitung dengan jam kantor).",
        report.overdue.len()
    ));
    lines.join("\n")
}

//! Requirement checklists as people read them: the numbered list that goes into a WhatsApp
//! reply (`{daftar_syarat}`), with originals/copies, counts and conditions spelled out.
//! The per-case checklist with ticks comes with the case book.

use super::catalog::{Need, PaperForm, Requirement};

/// One line of a requirement as a village office writes it, without numbering: "Fotokopi
/// Kartu Keluarga (KK)", "KTP-el ayah dan ibu asli untuk ditunjukkan", "Formulir pindah
/// F-1.03 (formulir tersedia di kantor desa)", "Pas foto berwarna 2x3, 2 lembar"; the detail
/// in brackets, a condition in italics.
pub fn requirement_line(req: &Requirement) -> String {
    let label = req.label.as_str();
    let mut line = match req.form {
        Some(PaperForm::Copy) => format!("Fotokopi {}", lower_common_noun(label)),
        Some(PaperForm::Original) => format!("{label} asli"),
        Some(PaperForm::OriginalAndCopy) => format!("{label} asli dan fotokopinya"),
        Some(PaperForm::ShowOriginal) => format!("{label} asli untuk ditunjukkan"),
        Some(PaperForm::Form) => format!("{label} (formulir tersedia di kantor desa)"),
        None => label.to_string(),
    };
    if let Some(n) = req.count.filter(|n| *n > 1) {
        line.push_str(&format!(", {n} lembar"));
    }
    if let Some(detail) = &req.detail {
        line.push_str(&format!(" ({detail})"));
    }
    match &req.need {
        Need::Always => {}
        Need::Optional => line.push_str(" _(bila ada)_"),
        Need::When(condition) => line.push_str(&format!(" _(jika {})_", strip_jika(condition))),
    }
    line
}

/// "Buku nikah" reads "Fotokopi buku nikah"; names and abbreviations ("Kartu Keluarga",
/// "KTP-el", "SKPWNI") keep their capitals.
fn lower_common_noun(label: &str) -> String {
    const COMMON: &[&str] = &[
        "Buku",
        "Surat",
        "Akta",
        "Pas",
        "Foto",
        "Kutipan",
        "Penetapan",
        "Ijazah",
        "Sertifikat",
        "Bukti",
        "Formulir",
    ];
    let first = label.split(' ').next().unwrap_or("");
    if COMMON.contains(&first) {
        let mut chars = label.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        label.to_string()
    }
}

/// Conditions are written "jika ..." or just "...": never print "jika jika".
fn strip_jika(condition: &str) -> &str {
    let lower = condition.to_lowercase();
    for prefix in ["jika ", "bila ", "kalau ", "apabila "] {
        if lower.starts_with(prefix) {
            return condition[prefix.len()..].trim_start();
        }
    }
    condition
}

/// The numbered requirement list for a WhatsApp message, one requirement a line.
pub fn requirement_list(requirements: &[Requirement]) -> String {
    numbered(requirements.iter().map(requirement_line))
}

/// `1. a\n2. b` from any lines.
pub fn numbered(lines: impl IntoIterator<Item = String>) -> String {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| format!("{}. {line}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

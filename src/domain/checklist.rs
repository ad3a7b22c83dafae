//! Requirement checklists as people read them: the numbered list that goes into a WhatsApp
//! reply (`{daftar_syarat}`), with originals/copies, counts and conditions spelled out.
//! The per-case checklist with ticks comes with the case book.

use super::catalog::{Need, Requirement};

/// One line of a requirement, without numbering: `KTP-el orang tua (fotokopi, 2 lembar)`.
pub fn requirement_line(req: &Requirement) -> String {
    let mut line = req.label.clone();
    if let Some(detail) = req.detail_text() {
        line.push_str(&format!(" ({detail})"));
    }
    match &req.need {
        Need::Always => {}
        Need::Optional => line.push_str(" _(bila ada)_"),
        Need::When(condition) => line.push_str(&format!(" _(jika {})_", strip_jika(condition))),
    }
    line
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

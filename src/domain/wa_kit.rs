//! The WhatsApp Business set-up kit, as content: the greeting and away messages built from the
//! office's hours, the quick-reply shortcuts derived from service ids, the click-to-chat text,
//! and the A4 poster with the office's click-to-chat QR code, drawn as SVG. Pure: the app
//! decides where the poster goes.

use qrcode::{Color, EcLevel, QrCode};
use thiserror::Error;

use super::phone::WaNumber;
use super::whatsapp::wa_me_link;

/// The text a resident's chat starts with after scanning the poster; they finish the sentence.
pub const CLICK_TO_CHAT_TEXT: &str = "Halo, saya ingin mengurus ";

/// WhatsApp Business caps a quick-reply shortcut at 25 characters, typed without the "/".
pub const SHORTCUT_MAX: usize = 25;

/// WhatsApp Business keeps at most 50 quick replies.
pub const QUICK_REPLY_MAX: usize = 50;

/// What the office is told about the away message: WhatsApp Business's "outside business
/// hours" schedule knows the weekly hours but no holidays.
pub const AWAY_HOLIDAY_NOTE: &str = "Jadwal \"Di luar jam kerja\" di WhatsApp Business tidak mengenal hari libur: pada hari libur nasional atau cuti bersama, ubah pesan tidak di tempat ke \"Selalu kirim\", lalu kembalikan ke \"Di luar jam kerja\" pada hari kerja berikutnya.";

/// Long words of service ids said the short way residents and officials say them, so the
/// shortcuts stay easy to remember (`akta-kelahiran` -> `aktalahir`); `None` drops the word.
const SHORT_WORDS: &[(&str, Option<&str>)] = &[
    ("kelahiran", Some("lahir")),
    ("kematian", Some("mati")),
    ("keterangan", Some("ket")),
    ("kehilangan", Some("hilang")),
    ("perubahan", Some("ubah")),
    ("kabupaten", Some("kab")),
    ("anggota", None),
    ("pengantar", None),
];

/// Who the office is, as printed on the poster and in the messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeIdentity {
    pub village: String,
    pub district: String,
    pub regency: String,
    /// `describe()` of the office hours.
    pub hours: String,
}

impl OfficeIdentity {
    /// `Kecamatan Jenggawah, Kabupaten Jember`, leaving out what is not filled in.
    pub fn region(&self) -> String {
        let mut parts = Vec::new();
        if !self.district.trim().is_empty() {
            parts.push(format!("Kecamatan {}", self.district.trim()));
        }
        if !self.regency.trim().is_empty() {
            parts.push(format!("Kabupaten {}", self.regency.trim()));
        }
        parts.join(", ")
    }
}

/// The greeting WhatsApp Business sends on a first message.
pub fn greeting_message(office: &OfficeIdentity) -> String {
    format!(
        "Selamat datang di layanan WhatsApp Pemerintah Desa {village} 🙏\n\n\
         Silakan tulis nama Bapak/Ibu dan layanan yang ingin diurus (misalnya: KTP-el, Kartu \
         Keluarga, akta kelahiran, surat domisili, SKTM). Kami kirimkan daftar syaratnya.\n\n\
         Jam layanan: {hours}.",
        village = office.village,
        hours = office.hours
    )
}

/// The away message for "outside business hours".
pub fn away_message(office: &OfficeIdentity) -> String {
    format!(
        "Terima kasih, pesan Bapak/Ibu sudah kami terima. Kantor Desa {village} sedang tutup; \
         pesan ini kami balas pada jam layanan berikutnya.\n\n\
         Jam layanan: {hours}.\n\n\
         Mohon tulis nama dan layanan yang ingin diurus agar bisa langsung kami siapkan.",
        village = office.village,
        hours = office.hours
    )
}

/// The quick-reply shortcut as typed into WhatsApp Business's "Pintasan" field (without the
/// "/"): `aktalahir` from `akta-kelahiran`, `kkbaru` from `kk-baru`. Long words are shortened
/// (`SHORT_WORDS`), then letters and digits only, at most 25 characters.
pub fn shortcut(service_id: &str) -> String {
    let mut out = String::new();
    for word in service_id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let word = word.to_ascii_lowercase();
        match SHORT_WORDS.iter().find(|(long, _)| *long == word) {
            Some((_, Some(short))) => out.push_str(short),
            Some((_, None)) => {}
            None => out.push_str(&word),
        }
    }
    // An id made only of dropped words keeps its letters.
    if out.is_empty() {
        out = service_id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    out.chars().take(SHORTCUT_MAX).collect()
}

/// One shortcut per service id, in order, none taken twice: an id that shortens like an
/// earlier one (an office service beside a built-in one) gets a number, still at most 25
/// characters.
pub fn unique_shortcuts<'a>(service_ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in service_ids {
        let base = shortcut(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            let suffix = n.to_string();
            let keep = SHORTCUT_MAX.saturating_sub(suffix.len());
            candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The wa.me link the poster's QR code carries.
pub fn click_to_chat_link(office_number: &WaNumber) -> String {
    wa_me_link(office_number, CLICK_TO_CHAT_TEXT)
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PosterError {
    #[error("Tautan terlalu panjang untuk kode QR.")]
    TooLong,
}

/// The QR code of `data` as an SVG path of unit squares (quiet zone not included) and its
/// size in modules. Level Q: a quarter of the code may be dirty or torn and it still scans.
pub fn qr_path(data: &str) -> Result<(String, usize), PosterError> {
    let code =
        QrCode::with_error_correction_level(data, EcLevel::Q).map_err(|_| PosterError::TooLong)?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width, i / width));
        }
    }
    Ok((path, width))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Splits `text` into lines of at most `max` characters at spaces, for SVG text.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The A4 notice-board poster (210 × 297 mm): village, region, "scan to chat", the QR code of
/// the office's click-to-chat link, the number written out, and the hours.
pub fn poster_svg(
    office: &OfficeIdentity,
    office_number: &WaNumber,
) -> Result<String, PosterError> {
    let link = click_to_chat_link(office_number);
    let (path, modules) = qr_path(&link)?;
    // 130 mm square for the code with a 4-module quiet zone, centred.
    let side = 130.0_f64;
    let quiet = 4.0;
    let scale = side / (modules as f64 + 2.0 * quiet);
    let left = (210.0 - side) / 2.0;
    let top = 78.0;
    let mut svg = String::new();
    svg.push_str(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" \
         viewBox=\"0 0 210 297\" font-family=\"Noto Sans, DejaVu Sans, Arial, sans-serif\">\n",
    );
    svg.push_str("<rect width=\"210\" height=\"297\" fill=\"#ffffff\"/>\n");
    svg.push_str("<rect width=\"210\" height=\"12\" fill=\"#0b6e4f\"/>\n");
    let mut y = 32.0;
    svg.push_str(&format!(
        "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" \
         fill=\"#0b3d2e\">Layanan Administrasi</text>\n"
    ));
    y += 13.0;
    svg.push_str(&format!(
        "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" \
         fill=\"#0b3d2e\">Desa {}</text>\n",
        escape(&office.village)
    ));
    let region = office.region();
    if !region.is_empty() {
        y += 9.0;
        svg.push_str(&format!(
            "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"5.5\" \
             fill=\"#333333\">{}</text>\n",
            escape(&region)
        ));
    }
    svg.push_str(&format!(
        "<text x=\"105\" y=\"{}\" text-anchor=\"middle\" font-size=\"6.5\" fill=\"#111111\">\
         Pindai kode ini untuk chat WhatsApp kantor desa</text>\n",
        top - 6.0
    ));
    svg.push_str(&format!(
        "<rect x=\"{left}\" y=\"{top}\" width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/>\n"
    ));
    svg.push_str(&format!(
        "<path transform=\"translate({x} {y}) scale({scale})\" fill=\"#000000\" \
         shape-rendering=\"crispEdges\" d=\"{path}\"/>\n",
        x = left + quiet * scale,
        y = top + quiet * scale,
    ));
    let mut y = top + side + 14.0;
    svg.push_str(&format!(
        "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"8\" font-weight=\"700\" \
         fill=\"#0b3d2e\">WhatsApp: {}</text>\n",
        escape(&office_number.display())
    ));
    y += 12.0;
    svg.push_str(&format!(
        "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"6\" font-weight=\"700\" \
         fill=\"#111111\">Jam layanan</text>\n"
    ));
    for line in wrap(&office.hours, 48) {
        y += 8.0;
        svg.push_str(&format!(
            "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"6\" \
             fill=\"#111111\">{}</text>\n",
            escape(&line)
        ));
    }
    y += 12.0;
    for line in wrap(
        "Pesan di luar jam layanan tetap kami terima dan kami balas pada jam layanan berikutnya.",
        60,
    ) {
        svg.push_str(&format!(
            "<text x=\"105\" y=\"{y}\" text-anchor=\"middle\" font-size=\"4.5\" \
             fill=\"#333333\">{}</text>\n",
            escape(&line)
        ));
        y += 6.0;
    }
    svg.push_str("<rect y=\"285\" width=\"210\" height=\"12\" fill=\"#0b6e4f\"/>\n");
    svg.push_str("</svg>\n");
    Ok(svg)
}

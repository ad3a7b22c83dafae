//! Reply templates with `{placeholder}` fields. A template is checked when it is saved or
//! loaded: an unknown or unclosed placeholder is an error there, and a known placeholder without
//! a value is an error when rendering, so no reply ever goes out with a silent gap. Everything
//! else, WhatsApp's `*bold*` and `_italic_` included, is copied as written. `{{` and `}}` write
//! a literal brace.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use thiserror::Error;

/// Every field a template may use. The key is what officials write between braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placeholder {
    Name,
    Service,
    RequirementList,
    Missing,
    VillageName,
    OfficialName,
    OfficeHours,
    CaseNumber,
    Reason,
    NextOpening,
    Place,
    Duration,
    Fee,
    Outcome,
    Steps,
    SubmitPlace,
    PickupPlace,
    Salutation,
}

keyed!(Placeholder, description {
    Name => "nama", "nama warga";
    Service => "layanan", "nama layanan";
    RequirementList => "daftar_syarat", "daftar syarat layanan, bernomor";
    Missing => "kekurangan", "syarat yang masih kurang";
    VillageName => "nama_desa", "nama desa";
    OfficialName => "nama_petugas", "nama petugas";
    OfficeHours => "jam_layanan", "jam layanan kantor desa";
    CaseNumber => "nomor_berkas", "nomor berkas";
    Reason => "alasan", "alasan (belum lengkap / dibatalkan)";
    NextOpening => "hari_buka", "hari dan jam kantor buka berikutnya";
    Place => "tempat_proses", "tempat layanan diproses";
    Duration => "lama_proses", "perkiraan lama proses";
    Fee => "biaya", "biaya";
    Outcome => "hasil_layanan", "hasil yang diterima warga";
    Steps => "langkah", "langkah-langkah, bernomor";
    SubmitPlace => "tempat_berkas", "tempat warga membawa berkas (kantor desa, kantor kecamatan ...)";
    PickupPlace => "tempat_ambil", "tempat hasilnya diambil (kantor desa, kantor kecamatan ...)";
    Salutation => "sapaan", "sapaan warga: Bapak, Ibu, atau Bapak/Ibu bila belum dipilih";
});

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    #[error("Kolom {{{name}}} tidak dikenal (karakter ke-{position}). Kolom yang tersedia: {available}.")]
    UnknownPlaceholder {
        name: String,
        position: usize,
        available: String,
    },
    #[error("Tanda {{ di karakter ke-{position} tidak ditutup dengan }}. Untuk menulis tanda kurung kurawal biasa, tulis {{{{.")]
    Unclosed { position: usize },
    #[error("Tanda }} di karakter ke-{position} tidak punya pasangan {{. Untuk menulis tanda kurung kurawal biasa, tulis }}}}.")]
    StrayClose { position: usize },
    #[error("Kolom {{{0}}} belum ada isinya untuk pesan ini.")]
    MissingValue(&'static str),
    #[error("Teks balasan kosong.")]
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Placeholder),
}

/// A parsed, valid template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    source: String,
    pieces: Vec<Piece>,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        if text.trim().is_empty() {
            return Err(TemplateError::Empty);
        }
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '{' if chars.get(i + 1) == Some(&'{') => {
                    literal.push('{');
                    i += 2;
                }
                '}' if chars.get(i + 1) == Some(&'}') => {
                    literal.push('}');
                    i += 2;
                }
                '{' => {
                    let close = chars[i + 1..]
                        .iter()
                        .position(|&c| c == '}' || c == '{' || c == '\n');
                    let Some(len) = close.filter(|&len| chars[i + 1 + len] == '}') else {
                        return Err(TemplateError::Unclosed { position: i + 1 });
                    };
                    let name: String = chars[i + 1..i + 1 + len].iter().collect();
                    let field = Placeholder::from_key(name.trim()).ok_or_else(|| {
                        TemplateError::UnknownPlaceholder {
                            name: name.clone(),
                            position: i + 1,
                            available: Placeholder::ALL
                                .iter()
                                .map(|p| format!("{{{}}}", p.key()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        }
                    })?;
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Field(field));
                    i += len + 2;
                }
                '}' => return Err(TemplateError::StrayClose { position: i + 1 }),
                c => {
                    literal.push(c);
                    i += 1;
                }
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Template {
            source: text.to_string(),
            pieces,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The fields this template uses, in order of first use.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let mut out = Vec::new();
        for piece in &self.pieces {
            if let Piece::Field(p) = piece {
                if !out.contains(p) {
                    out.push(*p);
                }
            }
        }
        out
    }

    pub fn render(&self, values: &Values) -> Result<String, TemplateError> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Field(p) => {
                    out.push_str(values.get(*p).ok_or(TemplateError::MissingValue(p.key()))?)
                }
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Values for the fields of one message. Every message has `{sapaan}`: "Bapak/Ibu" until a
/// case says whom it addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values(BTreeMap<Placeholder, String>);

impl Default for Values {
    fn default() -> Self {
        let mut values = Values(BTreeMap::new());
        values.set(
            Placeholder::Salutation,
            super::case::Salutation::default().words(),
        );
        values
    }
}

impl Values {
    pub fn set(&mut self, p: Placeholder, value: impl Into<String>) -> &mut Self {
        self.0.insert(p, value.into());
        self
    }

    pub fn get(&self, p: Placeholder) -> Option<&str> {
        self.0.get(&p).map(String::as_str)
    }

    /// What a service itself fills in, the one way both the requirement list and a case's
    /// replies get it: its name, requirements and steps (numbered), where it is processed,
    /// brought and picked up, how long it takes, the fee and what the resident receives.
    pub fn with_service(&mut self, service: &super::catalog::Service) -> &mut Self {
        self.set(Placeholder::Service, &service.name)
            .set(
                Placeholder::RequirementList,
                super::checklist::requirement_list(&service.requirements),
            )
            .set(
                Placeholder::Steps,
                super::checklist::numbered(service.steps.iter().cloned()),
            )
            .set(Placeholder::Place, service.processed_at.label())
            .set(Placeholder::SubmitPlace, service.submit_place())
            .set(Placeholder::PickupPlace, service.pickup_place())
            .set(Placeholder::Duration, service.duration.label())
            .set(Placeholder::Fee, service.fee_label())
            .set(Placeholder::Outcome, service.outcome.label())
    }
}

/// A named template, as shipped in `assets/templates/` or written by the office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedTemplate {
    pub id: String,
    pub name: String,
    pub template: Template,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateFileError {
    #[error("{file}: penulisan TOML salah: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: templat \"{id}\": {source}")]
    Template {
        file: String,
        id: String,
        source: TemplateError,
    },
    #[error("{file}: templat \"{id}\" ganda")]
    Duplicate { file: String, id: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    #[serde(default)]
    template: Vec<TemplateRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateRaw {
    id: String,
    name: String,
    text: String,
}

/// Reads `(file name, TOML text)` pairs of `[[template]]` tables (id, name, text).
pub fn load_templates(files: &[(&str, &str)]) -> Result<Vec<NamedTemplate>, TemplateFileError> {
    let mut out: Vec<NamedTemplate> = Vec::new();
    for (file, text) in files {
        let parsed: TemplateFile = toml::from_str(text).map_err(|e| TemplateFileError::Syntax {
            file: file.to_string(),
            message: e.to_string().trim().to_string(),
        })?;
        for raw in parsed.template {
            if out.iter().any(|t| t.id == raw.id) {
                return Err(TemplateFileError::Duplicate {
                    file: file.to_string(),
                    id: raw.id,
                });
            }
            let template =
                Template::parse(&raw.text).map_err(|source| TemplateFileError::Template {
                    file: file.to_string(),
                    id: raw.id.clone(),
                    source,
                })?;
            out.push(NamedTemplate {
                id: raw.id,
                name: raw.name,
                template,
            });
        }
    }
    Ok(out)
}

/// The stored code of a new template, made from its name (`Jadwal rekam KTP` ->
/// `jadwal-rekam-ktp`) and not among `taken` (`-2`, `-3` ... added); the official never types
/// or sees it. A name without letters or digits gives `templat`.
pub fn code_for(name: &str, taken: &[&str]) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "templat" } else { base };
    let mut code = base.to_string();
    let mut n = 2;
    while taken.contains(&code.as_str()) {
        code = format!("{base}-{n}");
        n += 1;
    }
    code
}

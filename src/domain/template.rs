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
}

impl Placeholder {
    pub const ALL: &'static [Placeholder] = &[
        Placeholder::Name,
        Placeholder::Service,
        Placeholder::RequirementList,
        Placeholder::Missing,
        Placeholder::VillageName,
        Placeholder::OfficialName,
        Placeholder::OfficeHours,
        Placeholder::CaseNumber,
        Placeholder::Reason,
        Placeholder::NextOpening,
        Placeholder::Place,
        Placeholder::Duration,
        Placeholder::Fee,
        Placeholder::Outcome,
        Placeholder::Steps,
        Placeholder::SubmitPlace,
        Placeholder::PickupPlace,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Placeholder::Name => "nama",
            Placeholder::Service => "layanan",
            Placeholder::RequirementList => "daftar_syarat",
            Placeholder::Missing => "kekurangan",
            Placeholder::VillageName => "nama_desa",
            Placeholder::OfficialName => "nama_petugas",
            Placeholder::OfficeHours => "jam_layanan",
            Placeholder::CaseNumber => "nomor_berkas",
            Placeholder::Reason => "alasan",
            Placeholder::NextOpening => "hari_buka",
            Placeholder::Place => "tempat_proses",
            Placeholder::Duration => "lama_proses",
            Placeholder::Fee => "biaya",
            Placeholder::Outcome => "hasil_layanan",
            Placeholder::Steps => "langkah",
            Placeholder::SubmitPlace => "tempat_berkas",
            Placeholder::PickupPlace => "tempat_ambil",
        }
    }

    /// What the field holds, for the template editor.
    pub fn description(self) -> &'static str {
        match self {
            Placeholder::Name => "nama warga",
            Placeholder::Service => "nama layanan",
            Placeholder::RequirementList => "daftar syarat layanan, bernomor",
            Placeholder::Missing => "syarat yang masih kurang",
            Placeholder::VillageName => "nama desa",
            Placeholder::OfficialName => "nama petugas",
            Placeholder::OfficeHours => "jam layanan kantor desa",
            Placeholder::CaseNumber => "nomor berkas",
            Placeholder::Reason => "alasan (belum lengkap / dibatalkan)",
            Placeholder::NextOpening => "hari dan jam kantor buka berikutnya",
            Placeholder::Place => "tempat layanan diproses",
            Placeholder::Duration => "perkiraan lama proses",
            Placeholder::Fee => "biaya",
            Placeholder::Outcome => "hasil yang diterima warga",
            Placeholder::Steps => "langkah-langkah, bernomor",
            Placeholder::SubmitPlace => {
                "tempat warga membawa berkas (kantor desa, kantor kecamatan ...)"
            }
            Placeholder::PickupPlace => {
                "tempat hasilnya diambil (kantor desa, kantor kecamatan ...)"
            }
        }
    }

    pub fn from_key(key: &str) -> Option<Placeholder> {
        Placeholder::ALL.iter().copied().find(|p| p.key() == key)
    }
}

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

/// Values for the fields of one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<Placeholder, String>);

impl Values {
    pub fn set(&mut self, p: Placeholder, value: impl Into<String>) -> &mut Self {
        self.0.insert(p, value.into());
        self
    }

    pub fn get(&self, p: Placeholder) -> Option<&str> {
        self.0.get(&p).map(String::as_str)
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

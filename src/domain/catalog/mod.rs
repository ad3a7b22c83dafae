//! The service catalog: what each service (layanan) needs, where it is processed, what the
//! resident receives. Loaded from TOML texts and validated with errors that name the file,
//! the service and the field, so kabupaten staff can fix a catalog before publishing it.
//! Pure: the caller reads the files; nothing here touches the disk.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;
use thiserror::Error;

mod load;
mod reader;

pub use load::{load, load_with};
pub use reader::Places;

/// A service id: lowercase letters, digits and dashes, e.g. `akta-kelahiran`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ServiceId(String);

impl ServiceId {
    pub fn parse(raw: &str) -> Option<ServiceId> {
        let ok = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !raw.starts_with('-')
            && !raw.ends_with('-');
        ok.then(|| ServiceId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The two families of services: population documents from Dukcapil, and letters the village
/// signs itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Dukcapil,
    VillageLetter,
}

keyed!(Category, label {
    Dukcapil => "dukcapil", "Dokumen kependudukan (Dukcapil)";
    VillageLetter => "surat-desa", "Surat dari desa";
});

/// Where a request is finally processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Office {
    Village,
    JLahbako,
    Kecamatan,
    Dispendukcapil,
    Kua,
    Polsek,
}

keyed!(Office, label {
    Village => "desa", "Kantor desa";
    JLahbako => "j-lahbako", "Diajukan operator desa lewat J-Lahbako ke Dispendukcapil Jember";
    Kecamatan => "kecamatan", "Kantor kecamatan";
    Dispendukcapil => "dispendukcapil", "Dispendukcapil Kabupaten Jember";
    Kua => "kua", "KUA kecamatan";
    Polsek => "polsek", "Polsek";
});

impl Office {
    /// The places a resident can be sent to (`submit_at`, `pickup_at`): every office but
    /// J-Lahbako, which is the desa operator's online channel, not a counter.
    const PLACE_KEYS: &'static [(&'static str, Office)] = &[
        ("desa", Office::Village),
        ("kecamatan", Office::Kecamatan),
        ("dispendukcapil", Office::Dispendukcapil),
        ("kua", Office::Kua),
        ("polsek", Office::Polsek),
    ];

    /// The place as it reads in a sentence ("bawa berkas ke ...", "diambil di ...").
    pub fn place(self) -> &'static str {
        match self {
            // The desa operator submits through J-Lahbako: residents come to the desa.
            Office::Village | Office::JLahbako => "kantor desa",
            Office::Kecamatan => "kantor kecamatan",
            Office::Dispendukcapil => "Dispendukcapil Jember",
            Office::Kua => "KUA kecamatan",
            Office::Polsek => "Polsek",
        }
    }
}

/// What the resident finally holds in hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A physical card to collect (KTP-el, KIA).
    Card,
    /// A document with an electronic signature (QR), printed on plain HVS paper.
    DigitalDocument,
    /// A letter signed and stamped by the village.
    VillageLetter,
    /// A letter or document issued by another office (Polsek, KUA) after the village pengantar.
    OtherOfficeLetter,
    /// The Identitas Kependudukan Digital activated on the resident's own phone, in front of
    /// an officer: nothing to hand over, the case is done when it is active.
    DigitalIdentity,
    /// Photocopies of an older (wet-signed) document legalised by Dispendukcapil, collected.
    Legalized,
}

keyed!(Outcome, label {
    Card => "kartu", "Kartu fisik, diambil";
    DigitalDocument => "dokumen-digital", "Dokumen digital bertanda tangan elektronik (QR), dicetak di kertas HVS A4";
    VillageLetter => "surat-desa", "Surat bertanda tangan Kepala Desa";
    OtherOfficeLetter => "surat-instansi", "Surat dari instansi tujuan (dengan pengantar desa)";
    DigitalIdentity => "ikd", "IKD aktif di HP warga sendiri; KTP-el fisik tetap berlaku";
    Legalized => "legalisir", "Fotokopi dokumen lama yang dilegalisir, diambil";
});

/// Whether a paper is an original, a photocopy, or an original only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperForm {
    Original,
    Copy,
    OriginalAndCopy,
    ShowOriginal,
    Form,
}

keyed!(PaperForm, label {
    Original => "asli", "asli";
    Copy => "fotokopi", "fotokopi";
    OriginalAndCopy => "asli-dan-fotokopi", "asli dan fotokopi";
    ShowOriginal => "tunjukkan-asli", "asli ditunjukkan";
    Form => "formulir", "formulir diisi";
});

/// Whether a requirement is always needed, optional, or needed only in a case said in words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Need {
    Always,
    Optional,
    When(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Requirement {
    pub label: String,
    pub form: Option<PaperForm>,
    pub count: Option<u8>,
    pub detail: Option<String>,
    pub need: Need,
}

impl Requirement {
    /// "fotokopi, 2 lembar; dari rumah sakit" — form, count and detail in one short phrase.
    pub fn detail_text(&self) -> Option<String> {
        let mut parts = Vec::new();
        match (self.form, self.count) {
            (Some(form), Some(n)) if n > 1 => parts.push(format!("{}, {n} lembar", form.label())),
            (Some(form), _) => parts.push(form.label().to_string()),
            (None, Some(n)) if n > 1 => parts.push(format!("{n} lembar")),
            _ => {}
        }
        if let Some(detail) = &self.detail {
            parts.push(detail.clone());
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// When the requirement applies, as the screens show it under its label: "Bila ada" for an
    /// optional paper, the condition with a capital for a conditional one, nothing otherwise.
    /// (The WhatsApp list writes the same facts inline, see `checklist::requirement_list`.)
    pub fn condition_text(&self) -> Option<String> {
        match &self.need {
            Need::Always => None,
            Need::Optional => Some("Bila ada".to_string()),
            Need::When(condition) => {
                let mut chars = condition.chars();
                chars
                    .next()
                    .map(|first| first.to_uppercase().chain(chars).collect())
            }
        }
    }
}

/// Working days a service usually takes, as an inclusive range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    pub min_days: u16,
    pub max_days: u16,
}

impl Duration {
    pub fn label(self) -> String {
        match (self.min_days, self.max_days) {
            (0, 0) => "Selesai di hari yang sama".to_string(),
            (0, max) => format!("Hari itu juga, paling lama {max} hari kerja"),
            (min, max) if min == max => format!("{min} hari kerja"),
            (min, max) => format!("{min}–{max} hari kerja"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub category: Category,
    pub requirements: Vec<Requirement>,
    pub steps: Vec<String>,
    pub processed_at: Office,
    /// Where the resident brings the papers (`submit_at`).
    pub submit_at: Office,
    /// Where the resident picks up the result (`pickup_at`).
    pub pickup_at: Office,
    pub outcome: Outcome,
    /// How long the processing takes, in working days (what "overdue" is measured against).
    pub duration: Duration,
    /// A lead time, when the service has one (`lead_days`): the request must be made at least
    /// this many working days before the event (izin keramaian). Not a processing time.
    pub lead_days: Option<u16>,
    /// Fee in rupiah; adminduk is free by law (UU 24/2013 Pasal 79A).
    pub fee: u32,
    pub fee_note: Option<String>,
    pub legal_basis: Vec<String>,
    pub source: Vec<String>,
    pub note: Option<String>,
}

impl Service {
    /// `Ajukan paling lambat 14 hari kerja sebelum acara.`, when the service has a lead time.
    pub fn lead_label(&self) -> Option<String> {
        self.lead_days
            .map(|days| format!("Ajukan paling lambat {days} hari kerja sebelum acara."))
    }

    /// Where the resident brings the papers, as it reads in a sentence ("kantor kecamatan").
    pub fn submit_place(&self) -> &'static str {
        self.submit_at.place()
    }

    /// Where the result is picked up, as it reads in a sentence.
    pub fn pickup_place(&self) -> &'static str {
        self.pickup_at.place()
    }

    pub fn fee_label(&self) -> String {
        let base = if self.fee == 0 {
            "Gratis".to_string()
        } else {
            format!("Rp{}", group_thousands(self.fee))
        };
        match &self.fee_note {
            Some(note) => format!("{base} ({note})"),
            None => base,
        }
    }
}

fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Words for search: informal spellings mapped to catalog words, and filler words to ignore.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub synonyms: BTreeMap<String, String>,
    pub stopwords: Vec<String>,
    /// Words of intent that re-rank, as resident word -> catalog word: loss or damage
    /// ("ilang" -> "hilang", "sobek" -> "rusak") and direction ("dari", "pindahan" ->
    /// "datang"; "ke" -> "keluar"). Read from the whole message, filler words included; they
    /// never make a service a hit on their own, but among hits the services whose own words
    /// carry the intent rank first ("kartu keluarga hilang": KK hilang before KK baru).
    pub modifiers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogMeta {
    pub name: String,
    pub version: u32,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub meta: CatalogMeta,
    pub services: Vec<Service>,
    pub vocabulary: Vocabulary,
}

impl Catalog {
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id.as_str() == id)
    }
}

/// What kind of problem a catalog has; tests and tools match on this, people read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    Syntax,
    UnknownField,
    MissingField,
    EmptyField,
    InvalidValue,
    DuplicateId,
    NoMeta,
    NoServices,
}

/// One problem in one place of a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogIssue {
    pub file: String,
    pub service: Option<String>,
    pub field: Option<String>,
    pub kind: IssueKind,
    pub message: String,
}

impl fmt::Display for CatalogIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(service) = &self.service {
            write!(f, ": layanan \"{service}\"")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": kolom \"{field}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a catalog, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct CatalogErrors(pub Vec<CatalogIssue>);

impl fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Katalog tidak valid ({} masalah):", self.0.len())?;
        for issue in &self.0 {
            writeln!(f, "- {issue}")?;
        }
        Ok(())
    }
}

//! The service catalog: what each service (layanan) needs, where it is processed, what the
//! resident receives. Loaded from TOML texts and validated with errors that name the file,
//! the service and the field, so kabupaten staff can fix a catalog before publishing it.
//! Pure: the caller reads the files; nothing here touches the disk.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Deserialize;
use thiserror::Error;

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

impl Category {
    const KEYS: &'static [(&'static str, Category)] = &[
        ("dukcapil", Category::Dukcapil),
        ("surat-desa", Category::VillageLetter),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Dukcapil => "Dokumen kependudukan (Dukcapil)",
            Category::VillageLetter => "Surat dari desa",
        }
    }
}

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

impl Office {
    const KEYS: &'static [(&'static str, Office)] = &[
        ("desa", Office::Village),
        ("j-lahbako", Office::JLahbako),
        ("kecamatan", Office::Kecamatan),
        ("dispendukcapil", Office::Dispendukcapil),
        ("kua", Office::Kua),
        ("polsek", Office::Polsek),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Office::Village => "Kantor desa",
            Office::JLahbako => "Diajukan operator desa lewat J-Lahbako ke Dispendukcapil Jember",
            Office::Kecamatan => "Kantor kecamatan",
            Office::Dispendukcapil => "Dispendukcapil Kabupaten Jember",
            Office::Kua => "KUA kecamatan",
            Office::Polsek => "Polsek",
        }
    }

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

impl Outcome {
    /// The key used in catalog files and in the database.
    pub fn key(self) -> &'static str {
        Self::KEYS
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(k, _)| k)
    }

    pub fn from_key(key: &str) -> Option<Outcome> {
        Self::KEYS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    const KEYS: &'static [(&'static str, Outcome)] = &[
        ("kartu", Outcome::Card),
        ("dokumen-digital", Outcome::DigitalDocument),
        ("surat-desa", Outcome::VillageLetter),
        ("surat-instansi", Outcome::OtherOfficeLetter),
        ("ikd", Outcome::DigitalIdentity),
        ("legalisir", Outcome::Legalized),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Card => "Kartu fisik, diambil",
            Outcome::DigitalDocument => {
                "Dokumen digital bertanda tangan elektronik (QR), dicetak di kertas HVS A4"
            }
            Outcome::VillageLetter => "Surat bertanda tangan Kepala Desa",
            Outcome::OtherOfficeLetter => "Surat dari instansi tujuan (dengan pengantar desa)",
            Outcome::DigitalIdentity => "IKD aktif di HP warga sendiri; KTP-el fisik tetap berlaku",
            Outcome::Legalized => "Fotokopi dokumen lama yang dilegalisir, diambil",
        }
    }
}

/// Whether a paper is an original, a photocopy, or an original only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperForm {
    Original,
    Copy,
    OriginalAndCopy,
    ShowOriginal,
    Form,
}

impl PaperForm {
    /// The key used in catalog files and in the database.
    pub fn key(self) -> &'static str {
        Self::KEYS
            .iter()
            .find(|(_, v)| *v == self)
            .map_or("", |(k, _)| k)
    }

    pub fn from_key(key: &str) -> Option<PaperForm> {
        Self::KEYS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    const KEYS: &'static [(&'static str, PaperForm)] = &[
        ("asli", PaperForm::Original),
        ("fotokopi", PaperForm::Copy),
        ("asli-dan-fotokopi", PaperForm::OriginalAndCopy),
        ("tunjukkan-asli", PaperForm::ShowOriginal),
        ("formulir", PaperForm::Form),
    ];

    pub fn label(self) -> &'static str {
        match self {
            PaperForm::Original => "asli",
            PaperForm::Copy => "fotokopi",
            PaperForm::OriginalAndCopy => "asli dan fotokopi",
            PaperForm::ShowOriginal => "asli ditunjukkan",
            PaperForm::Form => "formulir diisi",
        }
    }
}

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

const FILE_KEYS: &[&str] = &["catalog", "vocabulary", "service"];
const META_KEYS: &[&str] = &["name", "version", "date"];
const VOCABULARY_KEYS: &[&str] = &["synonyms", "stopwords", "modifiers"];
const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "keywords",
    "category",
    "requirement",
    "steps",
    "processed_at",
    "submit_at",
    "pickup_at",
    "outcome",
    "duration_days",
    "lead_days",
    "fee",
    "fee_note",
    "legal_basis",
    "source",
    "note",
];
const REQUIREMENT_KEYS: &[&str] = &["label", "form", "count", "detail", "optional", "when"];
const DURATION_KEYS: &[&str] = &["min", "max"];

/// Collects issues for one file while it is read.
struct Reader<'a> {
    file: &'a str,
    issues: Vec<CatalogIssue>,
    places: Places,
}

/// Whether a service must name its places (`submit_at`, `pickup_at`) or may leave them to be
/// derived from `processed_at` and `outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// Published catalogs (built-in, signed bundles, `catalog check`): both places named.
    Named,
    /// The office's own service files stored before the two fields existed: a missing place
    /// is derived (the kecamatan for what is processed there, a card where it is printed,
    /// else the kantor desa), so an upgrade does not drop the office's services.
    DeriveMissing,
}

impl Reader<'_> {
    fn push(
        &mut self,
        service: Option<&str>,
        field: Option<&str>,
        kind: IssueKind,
        message: impl Into<String>,
    ) {
        self.issues.push(CatalogIssue {
            file: self.file.to_string(),
            service: service.map(str::to_string),
            field: field.map(str::to_string),
            kind,
            message: message.into(),
        });
    }

    fn check_keys(
        &mut self,
        table: &toml::Table,
        allowed: &[&str],
        service: Option<&str>,
        prefix: &str,
    ) {
        for key in table.keys() {
            if !allowed.contains(&key.as_str()) {
                self.push(
                    service,
                    Some(&format!("{prefix}{key}")),
                    IssueKind::UnknownField,
                    format!("kolom tidak dikenal; yang boleh: {}", allowed.join(", ")),
                );
            }
        }
    }

    fn text(
        &mut self,
        table: &toml::Table,
        key: &str,
        service: Option<&str>,
        required: bool,
    ) -> Option<String> {
        match table.get(key) {
            None if required => {
                self.push(service, Some(key), IssueKind::MissingField, "wajib diisi");
                None
            }
            None => None,
            Some(toml::Value::String(s)) if s.trim().is_empty() => {
                self.push(
                    service,
                    Some(key),
                    IssueKind::EmptyField,
                    "tidak boleh kosong",
                );
                None
            }
            Some(toml::Value::String(s)) => Some(s.trim().to_string()),
            Some(other) => {
                self.push(
                    service,
                    Some(key),
                    IssueKind::InvalidValue,
                    format!("harus berupa teks, bukan {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A list of texts; `required` means it must exist and have at least one item.
    fn texts(
        &mut self,
        table: &toml::Table,
        key: &str,
        service: Option<&str>,
        required: bool,
    ) -> Vec<String> {
        let Some(value) = table.get(key) else {
            if required {
                self.push(
                    service,
                    Some(key),
                    IssueKind::MissingField,
                    "wajib diisi (daftar teks)",
                );
            }
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            self.push(
                service,
                Some(key),
                IssueKind::InvalidValue,
                "harus berupa daftar teks, misalnya [\"...\", \"...\"]",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str().map(str::trim) {
                Some("") => self.push(
                    service,
                    Some(&format!("{key}[{}]", i + 1)),
                    IssueKind::EmptyField,
                    "teks kosong",
                ),
                Some(s) => out.push(s.to_string()),
                None => self.push(
                    service,
                    Some(&format!("{key}[{}]", i + 1)),
                    IssueKind::InvalidValue,
                    "harus berupa teks",
                ),
            }
        }
        if required && items.is_empty() {
            self.push(
                service,
                Some(key),
                IssueKind::EmptyField,
                "daftar tidak boleh kosong",
            );
        }
        out
    }

    fn choice<T: Copy>(
        &mut self,
        table: &toml::Table,
        key: &str,
        service: Option<&str>,
        options: &[(&str, T)],
        required: bool,
    ) -> Option<T> {
        let raw = self.text(table, key, service, required)?;
        match options.iter().find(|(k, _)| *k == raw) {
            Some((_, v)) => Some(*v),
            None => {
                let names: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
                self.push(
                    service,
                    Some(key),
                    IssueKind::InvalidValue,
                    format!(
                        "nilai \"{raw}\" tidak dikenal; pilih salah satu: {}",
                        names.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn integer(
        &mut self,
        table: &toml::Table,
        key: &str,
        service: Option<&str>,
        max: i64,
    ) -> Option<i64> {
        match table.get(key)? {
            toml::Value::Integer(n) if (0..=max).contains(n) => Some(*n),
            toml::Value::Integer(n) => {
                self.push(
                    service,
                    Some(key),
                    IssueKind::InvalidValue,
                    format!("angka {n} di luar batas 0 sampai {max}"),
                );
                None
            }
            other => {
                self.push(
                    service,
                    Some(key),
                    IssueKind::InvalidValue,
                    format!("harus berupa angka, bukan {}", other.type_str()),
                );
                None
            }
        }
    }

    fn table<'t>(
        &mut self,
        value: &'t toml::Value,
        service: Option<&str>,
        field: &str,
    ) -> Option<&'t toml::Table> {
        let table = value.as_table();
        if table.is_none() {
            self.push(
                service,
                Some(field),
                IssueKind::InvalidValue,
                "harus berupa tabel",
            );
        }
        table
    }

    fn service(&mut self, value: &toml::Value, index: usize) -> Option<Service> {
        let fallback = format!("#{}", index + 1);
        let table = self.table(value, Some(&fallback), "service")?;
        let id_raw = table.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let label = id_raw.clone().unwrap_or(fallback);
        let svc = Some(label.as_str());
        self.check_keys(table, SERVICE_KEYS, svc, "");
        let before = self.issues.len();

        let id = match self.text(table, "id", svc, true) {
            Some(raw) => {
                let id = ServiceId::parse(&raw);
                if id.is_none() {
                    self.push(
                        svc,
                        Some("id"),
                        IssueKind::InvalidValue,
                        "hanya huruf kecil, angka dan tanda minus, misalnya \"akta-kelahiran\"",
                    );
                }
                id
            }
            None => None,
        };
        let name = self.text(table, "name", svc, true);
        let aliases = self.texts(table, "aliases", svc, false);
        let keywords = self.texts(table, "keywords", svc, false);
        let category = self.choice(table, "category", svc, Category::KEYS, true);
        let processed_at = self.choice(table, "processed_at", svc, Office::KEYS, true);
        let outcome = self.choice(table, "outcome", svc, Outcome::KEYS, true);
        let named = self.places == Places::Named;
        let submit_at = self.choice(table, "submit_at", svc, Office::PLACE_KEYS, named);
        let pickup_at = self.choice(table, "pickup_at", svc, Office::PLACE_KEYS, named);
        let steps = self.texts(table, "steps", svc, true);
        let legal_basis = self.texts(table, "legal_basis", svc, false);
        let source = self.texts(table, "source", svc, true);
        let note = self.text(table, "note", svc, false);
        let fee_note = self.text(table, "fee_note", svc, false);
        let fee = match table.get("fee") {
            None => {
                self.push(
                    svc,
                    Some("fee"),
                    IssueKind::MissingField,
                    "wajib diisi (0 bila gratis)",
                );
                None
            }
            Some(_) => self
                .integer(table, "fee", svc, 100_000_000)
                .map(|n| n as u32),
        };
        let duration = self.duration(table, svc);
        let lead_days = self.integer(table, "lead_days", svc, 365).map(|n| n as u16);
        let requirements = self.requirements(table, svc);

        if category == Some(Category::Dukcapil) && fee.is_some_and(|f| f > 0) {
            self.push(
                svc,
                Some("fee"),
                IssueKind::InvalidValue,
                "layanan adminduk wajib gratis (UU 24/2013 Pasal 79A)",
            );
        }
        // A stamped statement costs the resident a meterai (Rp10.000, UU 10/2020): a service
        // said to be free may not ask for one unless its fee note names that cost.
        let stamp = |text: &str| {
            let folded = crate::domain::search::fold(text)
                .replace("tanpa meterai", "")
                .replace("tanpa materai", "");
            folded.contains("meterai") || folded.contains("materai")
        };
        if fee == Some(0) && !fee_note.as_deref().is_some_and(stamp) {
            for req in &requirements {
                if stamp(&req.label) || req.detail.as_deref().is_some_and(stamp) {
                    self.push(svc, Some("requirement"), IssueKind::InvalidValue, format!("\"{}\": meterai berarti biaya (Rp10.000, UU 10/2020), padahal layanan ini tertulis gratis; hapus meterainya atau tulis biayanya di fee atau fee_note", req.label));
                }
            }
        }
        if category == Some(Category::Dukcapil) {
            // Perpres 96/2018 dropped the RT/RW and village pengantar for dukcapil services.
            if let Some(req) = requirements.iter().find(|r| {
                let label = r.label.to_lowercase();
                label.contains("pengantar rt") || label.contains("pengantar desa")
            }) {
                self.push(svc, Some("requirement"), IssueKind::InvalidValue, format!("\"{}\": layanan Dukcapil tidak memerlukan surat pengantar RT/RW atau desa (Perpres 96/2018)", req.label));
            }
            // An SKPWNI is only for a move across kabupaten/kota (Permendagri 108/2019 Pasal 29
            // and 30): asked for by a move out of or into the kabupaten, or under a condition
            // that says "dari luar Kab./kota".
            let across = |text: &str| {
                let folded = crate::domain::search::fold(text);
                folded.contains("luar kab") || folded.contains("luar kota")
            };
            let service_across = name.as_deref().is_some_and(across);
            for req in &requirements {
                let asks_skpwni = crate::domain::search::fold(&req.label).contains("skpwni");
                let conditioned_across = matches!(&req.need, Need::When(when) if across(when));
                if asks_skpwni && !service_across && !conditioned_across {
                    self.push(svc, Some("requirement"), IssueKind::InvalidValue, format!("\"{}\": SKPWNI hanya untuk pindah antar kabupaten/kota (Permendagri 108/2019 Pasal 29 dan 30); beri syarat \"when\" yang menyebut \"dari luar Kab. ...\", atau jadikan layanan pindah ke/dari luar kabupaten", req.label));
                }
            }
        }

        if self.issues.len() > before {
            return None;
        }
        let (processed_at, outcome) = (processed_at?, outcome?);
        // Only reached without a named place under `Places::DeriveMissing`.
        let submit_at = submit_at.unwrap_or(match processed_at {
            Office::Kecamatan => Office::Kecamatan,
            _ => Office::Village,
        });
        let pickup_at = pickup_at.unwrap_or(match (outcome, processed_at) {
            (Outcome::Card, Office::JLahbako) => Office::Village,
            (Outcome::Card, at) => at,
            _ => Office::Village,
        });
        Some(Service {
            id: id?,
            name: name?,
            aliases,
            keywords,
            category: category?,
            requirements,
            steps,
            processed_at,
            submit_at,
            pickup_at,
            outcome,
            duration: duration?,
            lead_days,
            fee: fee?,
            fee_note,
            legal_basis,
            source,
            note,
        })
    }

    fn duration(&mut self, table: &toml::Table, svc: Option<&str>) -> Option<Duration> {
        let Some(value) = table.get("duration_days") else {
            self.push(
                svc,
                Some("duration_days"),
                IssueKind::MissingField,
                "wajib diisi, misalnya { min = 1, max = 3 } (hari kerja)",
            );
            return None;
        };
        let t = self.table(value, svc, "duration_days")?;
        self.check_keys(t, DURATION_KEYS, svc, "duration_days.");
        let min = self.integer(t, "min", svc, 365);
        let max = self.integer(t, "max", svc, 365);
        match (min, max) {
            (Some(min), Some(max)) if min <= max => Some(Duration {
                min_days: min as u16,
                max_days: max as u16,
            }),
            (Some(_), Some(_)) => {
                self.push(
                    svc,
                    Some("duration_days"),
                    IssueKind::InvalidValue,
                    "min tidak boleh lebih besar dari max",
                );
                None
            }
            _ => {
                if !t.contains_key("min") || !t.contains_key("max") {
                    self.push(
                        svc,
                        Some("duration_days"),
                        IssueKind::MissingField,
                        "min dan max wajib diisi",
                    );
                }
                None
            }
        }
    }

    fn requirements(&mut self, table: &toml::Table, svc: Option<&str>) -> Vec<Requirement> {
        let Some(value) = table.get("requirement") else {
            self.push(
                svc,
                Some("requirement"),
                IssueKind::MissingField,
                "setiap layanan wajib punya daftar syarat ([[service.requirement]])",
            );
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            self.push(
                svc,
                Some("requirement"),
                IssueKind::InvalidValue,
                "harus berupa daftar [[service.requirement]]",
            );
            return Vec::new();
        };
        if items.is_empty() {
            self.push(
                svc,
                Some("requirement"),
                IssueKind::EmptyField,
                "daftar syarat tidak boleh kosong",
            );
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let field = format!("requirement[{}]", i + 1);
            let Some(t) = self.table(item, svc, &field) else {
                continue;
            };
            self.check_keys(t, REQUIREMENT_KEYS, svc, &format!("{field}."));
            let before = self.issues.len();
            let label = self.text(t, "label", svc, true);
            let form = self.choice(t, "form", svc, PaperForm::KEYS, false);
            let count = self.integer(t, "count", svc, 20).map(|n| n as u8);
            let detail = self.text(t, "detail", svc, false);
            let when = self.text(t, "when", svc, false);
            let optional = match t.get("optional") {
                None => false,
                Some(toml::Value::Boolean(b)) => *b,
                Some(_) => {
                    self.push(
                        svc,
                        Some(&format!("{field}.optional")),
                        IssueKind::InvalidValue,
                        "harus true atau false",
                    );
                    false
                }
            };
            if optional && when.is_some() {
                self.push(
                    svc,
                    Some(&field),
                    IssueKind::InvalidValue,
                    "pilih salah satu: optional = true atau when = \"...\"",
                );
            }
            // Name the requirement's place in the list in the messages above.
            for issue in &mut self.issues[before..] {
                if let Some(f) = &issue.field {
                    if !f.starts_with("requirement") {
                        issue.field = Some(format!("{field}.{f}"));
                    }
                }
            }
            if self.issues.len() > before {
                continue;
            }
            let need = match (optional, when) {
                (true, _) => Need::Optional,
                (false, Some(w)) => Need::When(w),
                (false, None) => Need::Always,
            };
            if let Some(label) = label {
                out.push(Requirement {
                    label,
                    form,
                    count,
                    detail,
                    need,
                });
            }
        }
        out
    }
}

#[derive(Deserialize)]
struct MetaRaw {
    name: String,
    version: u32,
    date: String,
}

#[derive(Deserialize, Default)]
struct VocabularyRaw {
    #[serde(default)]
    synonyms: BTreeMap<String, String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    modifiers: BTreeMap<String, String>,
}

/// Reads a catalog from `(file name, TOML text)` pairs. Every problem in every file is
/// reported, not just the first, so one round of fixes is enough.
pub fn load(files: &[(&str, &str)]) -> Result<Catalog, CatalogErrors> {
    load_with(files, Places::Named)
}

/// [`load`] with a choice of how strictly the places are read.
pub fn load_with(files: &[(&str, &str)], places: Places) -> Result<Catalog, CatalogErrors> {
    let mut issues = Vec::new();
    let mut services: Vec<Service> = Vec::new();
    let mut first_file: HashMap<ServiceId, String> = HashMap::new();
    let mut meta: Option<(CatalogMeta, String)> = None;
    let mut vocabulary = Vocabulary::default();

    for (file, text) in files {
        let mut reader = Reader {
            file,
            issues: Vec::new(),
            places,
        };
        let doc: toml::Table = match text.parse() {
            Ok(doc) => doc,
            Err(e) => {
                reader.push(
                    None,
                    None,
                    IssueKind::Syntax,
                    format!("penulisan TOML salah: {}", e.to_string().trim()),
                );
                issues.extend(reader.issues);
                continue;
            }
        };
        reader.check_keys(&doc, FILE_KEYS, None, "");
        if let Some(value) = doc.get("catalog") {
            if let Some(t) = reader.table(value, None, "catalog") {
                reader.check_keys(t, META_KEYS, None, "catalog.");
                match value.clone().try_into::<MetaRaw>() {
                    Ok(raw) => {
                        if let Some((_, other)) = &meta {
                            reader.push(
                                None,
                                Some("catalog"),
                                IssueKind::DuplicateId,
                                format!("bagian [catalog] sudah ada di {other}; cukup satu"),
                            );
                        } else {
                            meta = Some((
                                CatalogMeta {
                                    name: raw.name,
                                    version: raw.version,
                                    date: raw.date,
                                },
                                file.to_string(),
                            ));
                        }
                    }
                    Err(e) => reader.push(
                        None,
                        Some("catalog"),
                        IssueKind::InvalidValue,
                        format!(
                            "name, version (angka) dan date wajib diisi: {}",
                            e.message()
                        ),
                    ),
                }
            }
        }
        if let Some(value) = doc.get("vocabulary") {
            if let Some(t) = reader.table(value, None, "vocabulary") {
                reader.check_keys(t, VOCABULARY_KEYS, None, "vocabulary.");
                match value.clone().try_into::<VocabularyRaw>() {
                    Ok(raw) => {
                        vocabulary.synonyms.extend(raw.synonyms);
                        vocabulary.stopwords.extend(raw.stopwords);
                        vocabulary.modifiers.extend(raw.modifiers);
                    }
                    Err(e) => reader.push(
                        None,
                        Some("vocabulary"),
                        IssueKind::InvalidValue,
                        format!(
                            "synonyms dan modifiers harus tabel teks, stopwords daftar teks: {}",
                            e.message()
                        ),
                    ),
                }
            }
        }
        if let Some(value) = doc.get("service") {
            match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(service) = reader.service(item, i) {
                            if let Some(other) = first_file.get(&service.id) {
                                let msg = format!("id ganda: sudah dipakai di {other}");
                                reader.push(
                                    Some(service.id.as_str()),
                                    Some("id"),
                                    IssueKind::DuplicateId,
                                    msg,
                                );
                            } else {
                                first_file.insert(service.id.clone(), file.to_string());
                                services.push(service);
                            }
                        }
                    }
                }
                None => reader.push(
                    None,
                    Some("service"),
                    IssueKind::InvalidValue,
                    "layanan ditulis sebagai [[service]]",
                ),
            }
        }
        issues.extend(reader.issues);
    }

    if meta.is_none() && !issues.iter().any(|i| i.kind == IssueKind::Syntax) {
        issues.push(CatalogIssue {
            file: files
                .first()
                .map_or("(folder kosong)", |(f, _)| *f)
                .to_string(),
            service: None,
            field: Some("catalog".into()),
            kind: IssueKind::NoMeta,
            message: "tidak ada bagian [catalog] (name, version, date) di file mana pun".into(),
        });
    }
    if services.is_empty() && issues.is_empty() {
        issues.push(CatalogIssue {
            file: files
                .first()
                .map_or("(folder kosong)", |(f, _)| *f)
                .to_string(),
            service: None,
            field: None,
            kind: IssueKind::NoServices,
            message: "katalog tidak berisi satu layanan pun".into(),
        });
    }
    match meta {
        Some((meta, _)) if issues.is_empty() => Ok(Catalog {
            meta,
            services,
            vocabulary,
        }),
        _ => Err(CatalogErrors(issues)),
    }
}

//! Reading a catalog from its TOML files: every key checked against the ones a file may have,
//! every value against its kind, every problem collected with its file, service and field (not
//! just the first), and the services merged in file order.

use super::*;

pub(super) const FILE_KEYS: &[&str] = &["catalog", "vocabulary", "service"];
pub(super) const META_KEYS: &[&str] = &["name", "version", "date"];
pub(super) const VOCABULARY_KEYS: &[&str] = &["synonyms", "stopwords", "modifiers"];
pub(super) const SERVICE_KEYS: &[&str] = &[
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
pub(super) const REQUIREMENT_KEYS: &[&str] =
    &["label", "form", "count", "detail", "optional", "when"];
pub(super) const DURATION_KEYS: &[&str] = &["min", "max"];

/// Collects issues for one file while it is read.
pub(super) struct Reader<'a> {
    pub(super) file: &'a str,
    pub(super) issues: Vec<CatalogIssue>,
    pub(super) places: Places,
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
    pub(super) fn push(
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

    pub(super) fn check_keys(
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

    pub(super) fn text(
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
    pub(super) fn texts(
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

    pub(super) fn choice<T: Copy>(
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

    pub(super) fn integer(
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

    pub(super) fn table<'t>(
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

    pub(super) fn service(&mut self, value: &toml::Value, index: usize) -> Option<Service> {
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

    pub(super) fn duration(&mut self, table: &toml::Table, svc: Option<&str>) -> Option<Duration> {
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

    pub(super) fn requirements(
        &mut self,
        table: &toml::Table,
        svc: Option<&str>,
    ) -> Vec<Requirement> {
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
pub(super) struct MetaRaw {
    pub(super) name: String,
    pub(super) version: u32,
    pub(super) date: String,
}

#[derive(Deserialize, Default)]
pub(super) struct VocabularyRaw {
    #[serde(default)]
    pub(super) synonyms: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) stopwords: Vec<String>,
    #[serde(default)]
    pub(super) modifiers: BTreeMap<String, String>,
}

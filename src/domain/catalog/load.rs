//! Loading a whole catalog: every file read, the services merged in file order (a later file
//! may not silently redefine a service), the vocabulary gathered, and the catalog checked as a
//! whole before it is returned.

use super::reader::*;
use super::*;

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

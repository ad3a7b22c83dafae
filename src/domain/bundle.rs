//! Signed catalog bundles: what a kabupaten or the project publishes so every phone gets a
//! changed requirement without retyping it. Pure: signing takes the key bytes, verifying takes
//! the trusted public keys; nothing here fetches, reads files or knows the clock.
//!
//! A bundle is a JSON envelope `{"format":1,"payload":"<base64>","signatures":[{"key":
//! "<base64 public key>","signature":"<base64>"}]}`. The signature covers the payload bytes
//! exactly (no re-encoding, so no canonical-JSON question). The payload is JSON too: the catalog
//! version and date, the catalog's TOML files, and optionally the newest app release.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::catalog::{Catalog, Service};

/// The envelope and payload format this build writes and reads.
pub const FORMAT: u32 = 1;
/// The largest bundle accepted (the built-in catalog is about 60 KB).
pub const MAX_BUNDLE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleError {
    #[error("Berkas pembaruan katalog bukan JSON yang benar: {0}")]
    NotJson(String),
    #[error("Berkas pembaruan katalog memakai format {0} yang belum dikenal aplikasi ini. Perbarui aplikasi.")]
    NewerFormat(u32),
    #[error("Berkas pembaruan katalog terlalu besar ({0} bita).")]
    TooLarge(usize),
    #[error("Tanda tangan katalog tidak sah: isi berkas sudah berubah atau rusak. Katalog tidak diganti.")]
    BadSignature,
    #[error(
        "Katalog ini ditandatangani kunci yang tidak dipercaya aplikasi. Katalog tidak diganti."
    )]
    UnknownKey,
    #[error("Berkas pembaruan katalog tidak bertanda tangan.")]
    Unsigned,
    #[error("Kunci atau tanda tangan tidak terbaca: {0}")]
    BadKey(String),
    #[error("Versi di berkas katalog ({files}) tidak sama dengan versi terbitan ({published}).")]
    VersionMismatch { files: u32, published: u32 },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Envelope {
    format: u32,
    payload: String,
    signatures: Vec<SignatureEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SignatureEntry {
    key: String,
    signature: String,
}

/// What a bundle carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub format: u32,
    /// Same as the `[catalog]` version inside the files; must grow with every publication.
    pub version: u32,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The catalog's TOML files, `(file name, text)`, as `catalog check` reads a folder.
    pub files: Vec<CatalogFile>,
    /// The newest app release, when the publisher names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<AppRelease>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogFile {
    pub name: String,
    pub text: String,
}

/// A sideloaded app's "store entry": shown, never installed silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppRelease {
    pub version: String,
    pub apk_url: String,
    pub sha256: String,
    /// What changed, in Indonesian, for the "Versi baru tersedia" notice.
    pub changes: String,
}

impl AppRelease {
    /// Whether the release can be shown: an https download link and a SHA-256 in hex.
    pub fn is_well_formed(&self) -> bool {
        self.apk_url.starts_with("https://")
            && !self.apk_url.contains(char::is_whitespace)
            && self.sha256.len() == 64
            && self.sha256.chars().all(|c| c.is_ascii_hexdigit())
            && version_parts(&self.version).is_some()
    }
}

fn version_parts(v: &str) -> Option<Vec<u64>> {
    v.trim()
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse().ok())
        .collect()
}

/// Whether version `offered` (`0.2.0`) is later than `running`; unreadable versions never are.
pub fn is_newer_version(offered: &str, running: &str) -> bool {
    match (version_parts(offered), version_parts(running)) {
        (Some(a), Some(b)) => a > b,
        _ => false,
    }
}

/// A public key as the office types or pastes it (base64 of the 32 bytes).
pub fn parse_public_key(text: &str) -> Result<[u8; 32], BundleError> {
    let bytes = B64
        .decode(text.trim())
        .map_err(|e| BundleError::BadKey(e.to_string()))?;
    let key: [u8; 32] = bytes
        .try_into()
        .map_err(|_| BundleError::BadKey("kunci publik harus 32 bita".into()))?;
    let point = VerifyingKey::from_bytes(&key).map_err(|e| BundleError::BadKey(e.to_string()))?;
    // A small-order point "verifies" forged signatures: never a key the phone trusts.
    if point.is_weak() {
        return Err(BundleError::BadKey(
            "kunci lemah (titik berorde kecil)".into(),
        ));
    }
    Ok(key)
}

/// The public key of a secret key (both as 32 raw bytes), base64 for people.
pub fn public_key_text(secret: &[u8; 32]) -> String {
    B64.encode(SigningKey::from_bytes(secret).verifying_key().as_bytes())
}

/// Signs `payload` with `secret` (the 32-byte Ed25519 seed) into a bundle file.
pub fn sign(payload: &Payload, secret: &[u8; 32]) -> Result<Vec<u8>, BundleError> {
    let bytes = serde_json::to_vec(payload).map_err(|e| BundleError::NotJson(e.to_string()))?;
    let key = SigningKey::from_bytes(secret);
    let signature = key.sign(&bytes);
    let envelope = Envelope {
        format: FORMAT,
        payload: B64.encode(&bytes),
        signatures: vec![SignatureEntry {
            key: B64.encode(key.verifying_key().as_bytes()),
            signature: B64.encode(signature.to_bytes()),
        }],
    };
    serde_json::to_vec_pretty(&envelope).map_err(|e| BundleError::NotJson(e.to_string()))
}

/// Checks a bundle file against the trusted keys and returns its payload. A bundle needs one
/// valid signature by a trusted key; a signature by an unknown key is ignored, a broken one by
/// a trusted key refuses the bundle.
pub fn verify(file: &[u8], trusted: &[[u8; 32]]) -> Result<Payload, BundleError> {
    if file.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge(file.len()));
    }
    let envelope: Envelope =
        serde_json::from_slice(file).map_err(|e| BundleError::NotJson(e.to_string()))?;
    if envelope.format > FORMAT {
        return Err(BundleError::NewerFormat(envelope.format));
    }
    if envelope.signatures.is_empty() {
        return Err(BundleError::Unsigned);
    }
    let bytes = B64
        .decode(envelope.payload.as_bytes())
        .map_err(|e| BundleError::NotJson(format!("payload: {e}")))?;
    let mut verified = false;
    for entry in &envelope.signatures {
        let Ok(key) = parse_public_key(&entry.key) else {
            continue;
        };
        if !trusted.contains(&key) {
            continue;
        }
        let signature = B64
            .decode(entry.signature.as_bytes())
            .ok()
            .and_then(|s| Signature::from_slice(&s).ok())
            .ok_or(BundleError::BadSignature)?;
        let key = VerifyingKey::from_bytes(&key).map_err(|e| BundleError::BadKey(e.to_string()))?;
        // Strict: no small-order keys or R, no non-canonical encodings (RFC 8032 §5.1.7).
        key.verify_strict(&bytes, &signature)
            .map_err(|_| BundleError::BadSignature)?;
        verified = true;
    }
    if !verified {
        return Err(BundleError::UnknownKey);
    }
    let payload: Payload =
        serde_json::from_slice(&bytes).map_err(|e| BundleError::NotJson(e.to_string()))?;
    if payload.format > FORMAT {
        return Err(BundleError::NewerFormat(payload.format));
    }
    Ok(payload)
}

/// What an update changed, for "3 layanan diperbarui: ...".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogDiff {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl CatalogDiff {
    pub fn between(old: &Catalog, new: &Catalog) -> CatalogDiff {
        let index = |c: &Catalog| -> BTreeMap<String, Service> {
            c.services
                .iter()
                .map(|s| (s.id.to_string(), s.clone()))
                .collect()
        };
        let (old, new) = (index(old), index(new));
        let mut diff = CatalogDiff::default();
        for (id, service) in &new {
            match old.get(id) {
                None => diff.added.push(service.name.clone()),
                Some(before) if before != service => diff.changed.push(service.name.clone()),
                Some(_) => {}
            }
        }
        for (id, service) in &old {
            if !new.contains_key(id) {
                diff.removed.push(service.name.clone());
            }
        }
        diff
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// `3 layanan diperbarui: A, B, C. 1 layanan baru: D.` (or "Tidak ada layanan yang berubah.")
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (names, what) in [
            (&self.changed, "diperbarui"),
            (&self.added, "baru"),
            (&self.removed, "dihapus"),
        ] {
            if !names.is_empty() {
                let label = if what == "baru" {
                    format!("{} layanan baru", names.len())
                } else {
                    format!("{} layanan {what}", names.len())
                };
                parts.push(format!("{label}: {}.", names.join(", ")));
            }
        }
        if parts.is_empty() {
            "Tidak ada layanan yang berubah.".into()
        } else {
            parts.join(" ")
        }
    }
}

/// The published catalog with the office's own files on top: a service in an office file
/// replaces the published one with the same id, a new id is added. Office files come last so
/// the loader's "first file wins" rule does not apply: they are merged here instead.
pub fn with_overlay(published: &Catalog, office: &Catalog) -> Catalog {
    let mut merged = published.clone();
    for service in &office.services {
        match merged.services.iter_mut().find(|s| s.id == service.id) {
            Some(slot) => *slot = service.clone(),
            None => merged.services.push(service.clone()),
        }
    }
    for (from, to) in &office.vocabulary.synonyms {
        merged.vocabulary.synonyms.insert(from.clone(), to.clone());
    }
    merged
}

//! Signed catalog updates and the office's own catalog files. The catalog in use is: the newest
//! of the built-in catalog and the last applied signed bundle (verified again at every start),
//! with the office's own files laid on top (`domain::bundle::with_overlay`). An update is
//! verified, checked to be newer, validated like `catalog check`, stored in one statement and
//! only then swapped in; anything wrong leaves the catalog as it was. Open cases keep their own
//! requirement snapshot and catalog version, so an update never changes them.

use crate::domain::bundle::{self, AppRelease, BundleError, CatalogDiff, Payload};
use crate::domain::catalog::{self, Catalog};
use crate::net::{self, Limits};

use super::{App, AppError};

/// Public keys (base64 Ed25519) whose bundles every build trusts. Empty until the project
/// publishes catalogs itself: `layanan-desa catalog keygen` makes a pair, the public half goes
/// here, the secret half stays with the maintainer. Offices add their kabupaten's key in
/// Pengaturan (setting `katalog_kunci`).
pub const PINNED_KEYS: &[&str] = &[];

/// Settings keys of the update check.
pub mod key {
    pub const URL: &str = "katalog_url";
    pub const KEYS: &str = "katalog_kunci";
    pub const LAST_CHECK: &str = "katalog_cek_terakhir";
    pub const LAST_RESULT: &str = "katalog_hasil_terakhir";
    /// When a check last reached the server and got a valid answer (applied or up to date).
    pub const LAST_SUCCESS: &str = "katalog_berhasil_terakhir";
    /// The last verified bundle that named an app release, as the signed file itself: the
    /// notice is read from it only after its signature is checked again (`App::app_update`).
    pub const APP_RELEASE: &str = "aplikasi_versi_baru";
}

/// At most one automatic check a day.
pub const CHECK_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

/// Pengaturan's view of catalog updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogSourceView {
    pub url: String,
    pub keys: String,
    pub version: u32,
    pub date: String,
    /// `Sab 28 Nov 2026 19.30 WIB: Katalog sudah terbaru (versi 2).`
    pub last: Option<String>,
}

/// Header of the synthetic file that gives the office's own files a `[catalog]` table.
const OVERLAY_META: &str =
    "[catalog]\nname = \"Tambahan kantor desa\"\nversion = 0\ndate = \"2000-01-01\"\n";

/// What an applied update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogUpdate {
    pub version: u32,
    pub date: String,
    pub diff: CatalogDiff,
    /// A newer app named by the bundle, if any (shown, never installed).
    pub app: Option<AppRelease>,
}

impl CatalogUpdate {
    /// `Katalog versi 3 (2026-12-01) dipakai. 2 layanan diperbarui: …`
    pub fn describe(&self) -> String {
        format!(
            "Katalog versi {} ({}) dipakai. {}",
            self.version,
            self.date,
            self.diff.describe()
        )
    }
}

/// The office's own catalog files as one catalog (services only).
fn overlay_catalog(files: &[(String, String)]) -> Result<Option<Catalog>, AppError> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut all: Vec<(&str, &str)> = vec![("(kantor desa)", OVERLAY_META)];
    all.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    // Files stored before services named their places keep working (places derived).
    Ok(Some(catalog::load_with(
        &all,
        catalog::Places::DeriveMissing,
    )?))
}

impl App {
    /// Trusted public keys: the pinned ones and the office's own.
    pub fn trusted_keys(&self) -> Result<Vec<[u8; 32]>, AppError> {
        let configured = self.book()?.store.setting(key::KEYS)?.unwrap_or_default();
        Ok(PINNED_KEYS
            .iter()
            .copied()
            .chain(configured.lines())
            .filter_map(|k| bundle::parse_public_key(k).ok())
            .collect())
    }

    /// The published catalog: the last applied bundle when it still verifies and is newer than
    /// the built-in one, else the built-in catalog. Says why a stored bundle was not used.
    fn published_catalog(&self) -> Result<(Catalog, Option<String>), AppError> {
        let builtin = (*self.base).clone();
        let stored = self.book()?.store.catalog_bundle()?;
        let Some((_, bytes)) = stored else {
            return Ok((builtin, None));
        };
        let checked = bundle::verify(&bytes, &self.trusted_keys()?)
            .map_err(AppError::from)
            .and_then(|payload| {
                // A bundle the app has since outgrown is not read at all: its files follow an
                // older catalog format, and the built-in catalog replaces it anyway.
                if payload.version <= builtin.meta.version {
                    return Ok(None);
                }
                catalog_of(&payload).map(Some)
            });
        match checked {
            Ok(Some(published)) => Ok((published, None)),
            Ok(None) => Ok((builtin, None)),
            Err(e) => Ok((
                builtin,
                Some(format!(
                    "Pembaruan katalog yang tersimpan tidak dipakai ({e}); katalog bawaan dipakai."
                )),
            )),
        }
    }

    /// Builds the catalog in use from the store (at start and after a restore).
    pub(crate) fn reload_catalog(&self) -> Result<Option<String>, AppError> {
        let files = self.book()?.store.overlay_files()?;
        let no_bundle = self.book()?.store.catalog_bundle()?.is_none();
        if no_bundle && files.is_empty() {
            // The usual start: nothing stored. Keep the catalog and search index built at
            // construction instead of building both again; only undo a customised one.
            if self.loaded().catalog != *self.base {
                self.set_catalog((*self.base).clone());
            }
            return Ok(None);
        }
        let (published, notice) = self.published_catalog()?;
        let overlay = overlay_catalog(&files);
        let (merged, notice) = match overlay {
            Ok(Some(office)) => (bundle::with_overlay(&published, &office), notice),
            Ok(None) => (published, notice),
            Err(e) => (
                published,
                Some(format!("Layanan tambahan kantor tidak dipakai: {e}")),
            ),
        };
        self.set_catalog(merged);
        Ok(notice)
    }

    /// The version of the published catalog in use (without the office's files).
    pub fn published_version(&self) -> Result<u32, AppError> {
        Ok(self.published_catalog()?.0.meta.version)
    }

    /// Applies a signed bundle: verified against the trusted keys, newer than the catalog in
    /// use, valid as a catalog; stored, then swapped in with the office's files on top.
    pub fn apply_catalog_bundle(&self, bytes: &[u8]) -> Result<CatalogUpdate, AppError> {
        let payload = bundle::verify(bytes, &self.trusted_keys()?)?;
        // A publisher may announce a new app without a new catalog: noted either way.
        self.note_release(bytes, payload.app.as_ref())?;
        let current = self.published_version()?;
        if payload.version <= current {
            return Err(AppError::OlderCatalog {
                offered: payload.version,
                current,
            });
        }
        let published = catalog_of(&payload)?;
        let overlay = overlay_catalog(&self.book()?.store.overlay_files()?)?;
        let merged = match &overlay {
            Some(office) => bundle::with_overlay(&published, office),
            None => published,
        };
        let before = self.catalog();
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.put_catalog_bundle(payload.version, bytes, now)?;
        }
        let diff = CatalogDiff::between(&before, &merged);
        self.set_catalog(merged);
        Ok(CatalogUpdate {
            version: payload.version,
            date: payload.date,
            diff,
            app: payload.app,
        })
    }

    /// Adds or replaces one of the office's own catalog files (services that are the village's
    /// own, or local changes to a published one). Checked like `catalog check` first.
    pub fn save_office_catalog_file(&self, name: &str, text: &str) -> Result<(), AppError> {
        let name = name.trim();
        if name.len() <= ".toml".len() || !name.ends_with(".toml") || name.contains(['/', '\\']) {
            return Err(AppError::field(
                "nama-file",
                "Nama file harus diakhiri .toml, tanpa garis miring, misalnya kantor.toml.",
            ));
        }
        if text.len() > crate::store::MAX_SERVICE_FILE {
            return Err(AppError::field(
                "isi-file",
                &format!(
                    "File layanan kantor paling besar {} KB.",
                    crate::store::MAX_SERVICE_FILE / 1024
                ),
            ));
        }
        let mut files = self.book()?.store.overlay_files()?;
        match files.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text.to_string(),
            None => files.push((name.to_string(), text.to_string())),
        }
        // A file saved now must name its places; only files stored earlier get them derived.
        catalog::load(&[("(kantor desa)", OVERLAY_META), (name, text)])?;
        overlay_catalog(&files)?;
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.put_overlay_file(name, text, now)?;
        }
        self.reload_catalog()?;
        Ok(())
    }

    /// Removes one of the office's own catalog files; the published services come back.
    pub fn delete_office_catalog_file(&self, name: &str) -> Result<(), AppError> {
        {
            let mut book = self.book()?;
            let now = book.now_ms();
            book.store.delete_overlay_file(name, now)?;
        }
        self.reload_catalog()?;
        Ok(())
    }

    /// The office's own catalog files, `(name, TOML)`.
    pub fn office_catalog_files(&self) -> Result<Vec<(String, String)>, AppError> {
        Ok(self.book()?.store.overlay_files()?)
    }

    /// Downloads the bundle at `url` and applies it; the result (or the reason it was refused)
    /// is kept in the settings for Pengaturan.
    pub async fn update_catalog_from(&self, url: &str) -> Result<CatalogUpdate, AppError> {
        let limits = Limits {
            max_bytes: bundle::MAX_BUNDLE_BYTES,
            ..Limits::default()
        };
        let result = match net::fetch(url, limits).await {
            Ok(bytes) => self.apply_catalog_bundle(&bytes),
            Err(e) => Err(e.into()),
        };
        let (text, reached) = match &result {
            Ok(update) => (update.describe(), true),
            Err(AppError::OlderCatalog { offered, current }) if offered == current => (
                format!("Katalog sudah yang terbaru (versi {current})."),
                true,
            ),
            Err(e) => (e.to_string(), false),
        };
        let mut book = self.book()?;
        let now = book.now_ms();
        let now_text = now.to_string();
        let mut values = vec![
            (key::LAST_CHECK, now_text.as_str()),
            (key::LAST_RESULT, text.as_str()),
        ];
        if reached {
            values.push((key::LAST_SUCCESS, now_text.as_str()));
        }
        book.store.set_settings(&values, now)?;
        drop(book);
        result
    }
}

impl App {
    pub fn catalog_source_view(&self) -> Result<CatalogSourceView, AppError> {
        let book = self.book()?;
        let setting = |k| book.store.setting(k).map(Option::unwrap_or_default);
        let (url, keys) = (setting(key::URL)?, setting(key::KEYS)?);
        let last_at = setting(key::LAST_CHECK)?.parse::<i64>().ok();
        let last_text = setting(key::LAST_RESULT)?;
        drop(book);
        let catalog = self.catalog();
        Ok(CatalogSourceView {
            url,
            keys,
            version: catalog.meta.version,
            date: catalog.meta.date.clone(),
            last: last_at.map(|at| format!("{}: {last_text}", crate::domain::time::format_wib(at))),
        })
    }

    /// Saves where updates come from and whose signatures count. Each wrong field is said
    /// under it (`katalog-url`, `katalog-kunci`, `katalog-pin`); nothing is saved then. The
    /// PIN is asked first when one is set: the keys decide which catalogs the phone trusts.
    pub fn save_catalog_source(&self, url: &str, keys: &str, pin: &str) -> Result<(), AppError> {
        self.confirm_pin(pin, "katalog-pin")?;
        let mut errors = Vec::new();
        let url = url.trim();
        if !url.is_empty()
            && (url.contains(char::is_whitespace) || net::check_address(url).is_err())
        {
            errors.push(super::FieldError {
                field: "katalog-url".into(),
                message:
                    "Alamat harus diawali https:// (contoh: https://jemberkab.go.id/katalog.json)."
                        .into(),
            });
        }
        let mut clean = Vec::new();
        for (n, line) in keys
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            match bundle::parse_public_key(line) {
                Ok(_) => clean.push(line.to_string()),
                Err(e) => errors.push(super::FieldError {
                    field: "katalog-kunci".into(),
                    message: format!("Kunci baris {}: {e}", n + 1),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store
            .set_settings(&[(key::URL, url), (key::KEYS, &clean.join("\n"))], now)?;
        drop(book);
        // Other keys may make the stored bundle usable (or not) now.
        self.reload_catalog()?;
        Ok(())
    }

    /// The URL to check now, if an automatic check is due: a source is set and the last check
    /// that reached the server is a day old or more.
    pub fn catalog_check_due(&self) -> Result<Option<String>, AppError> {
        let book = self.book()?;
        let url = book.store.setting(key::URL)?.unwrap_or_default();
        if url.trim().is_empty() {
            return Ok(None);
        }
        let last = book
            .store
            .setting(key::LAST_SUCCESS)?
            .and_then(|t| t.parse::<i64>().ok());
        let due = last.is_none_or(|at| book.now_ms() - at >= CHECK_EVERY_MS);
        Ok(due.then_some(url))
    }
}

impl App {
    /// One round of the background job: checks the catalog source when due and says how long
    /// to wait before the next round. A failed check (no signal, server down) waits with
    /// exponential backoff and jitter, 5 minutes doubling up to 6 hours; no busy loop.
    pub async fn catalog_auto_check(&self, failures: &mut u32) -> std::time::Duration {
        use std::time::Duration;
        let idle = Duration::from_secs(30 * 60);
        let url = match self.catalog_check_due() {
            Ok(Some(url)) => url,
            _ => return idle,
        };
        let Some(result) = self.while_on_screen(self.update_catalog_from(&url)).await else {
            // Went to the background: try again soon after it is back, no failure counted.
            return Duration::from_secs(60);
        };
        match result {
            Ok(_) | Err(AppError::OlderCatalog { .. }) => {
                *failures = 0;
                idle
            }
            Err(_) => super::failed_round_wait(failures),
        }
    }
}

impl App {
    /// Keeps the signed bundle that named a release (not the release alone), so whatever is
    /// shown later is checked against the trusted keys again at that moment.
    fn note_release(&self, bytes: &[u8], release: Option<&AppRelease>) -> Result<(), AppError> {
        if !release.is_some_and(AppRelease::is_well_formed) {
            return Ok(());
        }
        // `verify` has parsed the file as JSON, so it is UTF-8.
        let text = std::str::from_utf8(bytes).map_err(|e| AppError::AppRelease(e.to_string()))?;
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(&[(key::APP_RELEASE, text)], now)?;
        Ok(())
    }

    /// "Versi baru tersedia": the newest release a bundle named, when that bundle's signature
    /// still checks against the keys trusted now and the release is newer than this app. A
    /// value planted in the database (a crafted backup, an older app's plain JSON) or signed by
    /// a key no longer trusted shows nothing. Only shown; the official opens the link and
    /// installs it herself.
    pub fn app_update(&self) -> Option<AppRelease> {
        let signed = self.book().ok()?.store.setting(key::APP_RELEASE).ok()??;
        let payload = bundle::verify(signed.as_bytes(), &self.trusted_keys().ok()?).ok()?;
        let release = payload.app?;
        (release.is_well_formed()
            && bundle::is_newer_version(&release.version, env!("CARGO_PKG_VERSION")))
        .then_some(release)
    }

    /// Opens the download page of the new version in the browser (never downloads itself).
    pub fn open_app_download(&self) -> Result<(), AppError> {
        let release = self.app_update().ok_or_else(|| AppError::NoNewerApp)?;
        Ok(self.platform.open_url(&release.apk_url)?)
    }
}

/// A new Ed25519 secret key (the 32-byte seed) from the operating system.
pub fn new_secret_key() -> Result<[u8; 32], AppError> {
    super::os_random()
}

/// The text of a key file: `layanan-desa-katalog-kunci-rahasia <base64>`.
pub fn secret_key_text(secret: &[u8; 32]) -> String {
    use base64::Engine;
    format!(
        "layanan-desa-katalog-kunci-rahasia {}\n",
        base64::engine::general_purpose::STANDARD.encode(secret)
    )
}

/// Reads a key file written by `secret_key_text`.
pub fn parse_secret_key(text: &str) -> Result<[u8; 32], AppError> {
    use base64::Engine;
    let encoded = text
        .trim()
        .strip_prefix("layanan-desa-katalog-kunci-rahasia ")
        .ok_or_else(|| AppError::NotASigningKey)?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| AppError::DamagedSigningKey)
}

/// Signs the catalog folder `dir` into a bundle (`catalog publish`): version and date come from
/// its `[catalog]` table; the folder must pass `catalog check`.
pub fn publish_dir(
    dir: &std::path::Path,
    secret: &[u8; 32],
    app: Option<AppRelease>,
) -> Result<Vec<u8>, AppError> {
    let (catalog, files) = super::read_catalog_dir(dir)?;
    let payload = Payload {
        format: bundle::FORMAT,
        version: catalog.meta.version,
        date: catalog.meta.date.clone(),
        files: files
            .into_iter()
            .map(|(name, text)| bundle::CatalogFile { name, text })
            .collect(),
        app,
    };
    Ok(bundle::sign(&payload, secret)?)
}

/// The catalog inside a verified payload; its `[catalog]` version must be the payload's.
fn catalog_of(payload: &Payload) -> Result<Catalog, AppError> {
    let files: Vec<(&str, &str)> = payload
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    let catalog = catalog::load(&files)?;
    if catalog.meta.version != payload.version {
        return Err(AppError::Bundle(BundleError::VersionMismatch {
            files: catalog.meta.version,
            published: payload.version,
        }));
    }
    Ok(catalog)
}

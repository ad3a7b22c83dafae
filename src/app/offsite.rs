//! The automatic off-phone copy: once a day, when the network is there, the encrypted backup
//! (`App::backup_bytes`) goes to the office's WebDAV folder (`net::webdav`), and only the newest
//! N copies are kept there. The server only sees ciphertext. The last success and the last
//! error are kept in the settings for Pengaturan; a failure waits with exponential backoff.

use std::time::Duration;

use crate::domain::backup::{self, KdfCost};
use crate::net::webdav::{Folder, PART_SUFFIX};

use super::{App, AppError, FieldError};

/// Settings keys.
pub mod key {
    pub const URL: &str = "webdav_url";
    pub const USER: &str = "webdav_pengguna";
    pub const PASSWORD: &str = "webdav_sandi";
    /// The backup passphrase, kept on the phone so the copy can run unattended.
    pub const PASSPHRASE: &str = "webdav_sandi_cadangan";
    pub const KEEP: &str = "webdav_simpan";
    pub const LAST_SUCCESS: &str = "webdav_berhasil_terakhir";
    pub const LAST_NAME: &str = "webdav_berkas_terakhir";
    pub const LAST_ERROR: &str = "webdav_galat_terakhir";
}

/// Copies kept on the server unless the office says otherwise.
pub const DEFAULT_KEEP: usize = 7;
/// The most copies the folder keeps.
pub const MAX_KEEP: usize = 60;
/// At most one automatic copy a day.
pub const UPLOAD_EVERY_MS: i64 = 24 * 60 * 60 * 1000;

/// What the office set, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsiteForm {
    pub url: String,
    pub user: String,
    pub password: String,
    pub passphrase: String,
    pub keep: String,
    /// The app's PIN, asked again for every change here (field `dav-pin`) when one is set.
    pub pin: String,
}

/// Pengaturan's view of the automatic copy (never the passwords).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsiteView {
    pub url: String,
    /// The server the copy goes to ("awan.desa.id"), `None` when off.
    pub server: Option<String>,
    pub user: String,
    pub keep: usize,
    pub enabled: bool,
    /// `Sab 28 Nov 2026 19.30 WIB (cadangan-…)`.
    pub last_success: Option<String>,
    pub last_error: Option<String>,
}

/// How long a whole upload may take (a stalled server is given up after this).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(120);

impl App {
    /// Where the daily copy goes, for Beranda: the server's name, or `None` when off.
    pub fn offsite_target(&self) -> Result<Option<String>, AppError> {
        Ok(crate::net::host_of(&self.text_setting(key::URL)?))
    }

    pub fn offsite_view(&self) -> Result<OffsiteView, AppError> {
        let url = self.text_setting(key::URL)?;
        let last_success = self.time_setting(key::LAST_SUCCESS)?;
        let last_name = self.text_setting(key::LAST_NAME)?;
        let last_error = self.text_setting(key::LAST_ERROR)?;
        Ok(OffsiteView {
            enabled: !url.is_empty(),
            server: crate::net::host_of(&url),
            url,
            user: self.text_setting(key::USER)?,
            keep: self.number_setting(key::KEEP, 1..=MAX_KEEP, DEFAULT_KEEP)?,
            last_success: last_success
                .map(|at| format!("{} ({last_name})", crate::domain::time::format_wib(at))),
            last_error: (!last_error.is_empty()).then_some(last_error),
        })
    }

    /// Saves the WebDAV folder; an empty address switches the copy off. Each wrong field is
    /// said under it (`dav-url`, `dav-sandi-cadangan`, `dav-simpan`, `dav-pin`); nothing saved
    /// then. The PIN is asked first when one is set: the copy decides where the office's data
    /// goes. An empty passphrase keeps the saved one; an empty password keeps the saved one
    /// only for the same address: a new address gets no login it was not given.
    pub fn save_offsite(&self, form: &OffsiteForm) -> Result<(), AppError> {
        self.confirm_pin(&form.pin, "dav-pin")?;
        let mut errors = Vec::new();
        let url = form.url.trim();
        let mut error = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        if !url.is_empty() {
            if let Err(e) = Folder::new(url, "", "", UPLOAD_TIMEOUT) {
                error("dav-url", e.to_string());
            }
            let saved = self.text_setting(key::PASSPHRASE)?;
            if form.passphrase.is_empty() && saved.is_empty() {
                error(
                    "dav-sandi-cadangan",
                    "Isi kata sandi cadangan: salinan otomatis dikunci dengannya.".into(),
                );
            } else if !form.passphrase.is_empty() {
                if let Err(e) = backup::check_new_passphrase(&form.passphrase) {
                    error("dav-sandi-cadangan", e.to_string());
                }
            }
        }
        let keep = match form.keep.trim() {
            "" => DEFAULT_KEEP,
            text => match text.parse::<usize>() {
                Ok(n) if (1..=MAX_KEEP).contains(&n) => n,
                _ => {
                    error("dav-simpan", format!("Isi angka 1 sampai {MAX_KEEP}."));
                    DEFAULT_KEEP
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }
        let keep = keep.to_string();
        let mut values = vec![
            (key::URL, url),
            (key::USER, form.user.trim()),
            (key::KEEP, keep.as_str()),
        ];
        let same_server = crate::net::same_address(&self.text_setting(key::URL)?, url);
        if !form.password.is_empty() || !same_server {
            values.push((key::PASSWORD, form.password.as_str()));
        }
        if !form.passphrase.is_empty() {
            values.push((key::PASSPHRASE, form.passphrase.as_str()));
        }
        let mut book = self.book()?;
        let now = book.now_ms();
        book.store.set_settings(&values, now)?;
        Ok(())
    }

    /// Whether the daily copy is due: a folder is set and the last success is a day old.
    pub fn offsite_due(&self) -> Result<bool, AppError> {
        if self.text_setting(key::URL)?.is_empty() {
            return Ok(false);
        }
        let last = self.time_setting(key::LAST_SUCCESS)?;
        let now = self.book()?.now_ms();
        Ok(last.is_none_or(|at| now - at >= UPLOAD_EVERY_MS))
    }

    /// "Kirim sekarang": the encrypted backup at the production key cost, uploaded within
    /// `UPLOAD_TIMEOUT`. Returns the file name.
    pub async fn upload_backup_now(&self) -> Result<String, AppError> {
        self.upload_backup_with(KdfCost::DEFAULT, UPLOAD_TIMEOUT)
            .await
    }

    /// Makes the encrypted backup and uploads it now; then removes the oldest copies beyond
    /// the number kept. The outcome is recorded for Pengaturan. Returns the file name.
    pub async fn upload_backup_with(
        &self,
        cost: KdfCost,
        timeout: Duration,
    ) -> Result<String, AppError> {
        let result = self.upload(cost, timeout).await;
        let mut book = self.book()?;
        let now = book.now_ms();
        match &result {
            Ok(name) => book.store.set_settings(
                &[
                    (key::LAST_SUCCESS, &now.to_string()),
                    (key::LAST_NAME, name),
                    (key::LAST_ERROR, ""),
                ],
                now,
            )?,
            Err(e) => book.store.set_settings(
                &[(
                    key::LAST_ERROR,
                    &format!("{}: {e}", crate::domain::time::format_wib(now)),
                )],
                now,
            )?,
        }
        result
    }

    async fn upload(&self, cost: KdfCost, timeout: Duration) -> Result<String, AppError> {
        let url = self.text_setting(key::URL)?;
        if url.is_empty() {
            return Err(AppError::NoOffsiteFolder);
        }
        let passphrase = self.text_setting(key::PASSPHRASE)?;
        let folder = Folder::new(
            &url,
            &self.text_setting(key::USER)?,
            &self.text_setting(key::PASSWORD)?,
            timeout,
        )?;
        let keep = self.number_setting(key::KEEP, 1..=MAX_KEEP, DEFAULT_KEEP)?;
        let (name, bytes, _) = self.backup_bytes(&passphrase, cost)?;
        folder.ensure().await?;
        folder.put_atomic(&name, bytes).await?;
        let mut ours: Vec<String> = folder
            .list()
            .await?
            .into_iter()
            .filter(|n| {
                n.starts_with("cadangan-")
                    && n.ends_with(&format!(".{}", backup::EXTENSION))
                    && !n.ends_with(PART_SUFFIX)
            })
            .collect();
        // Names end in the date and time, so name order is age order within one village.
        ours.sort();
        let excess = ours.len().saturating_sub(keep);
        for old in ours.iter().take(excess) {
            folder.delete(old).await?;
        }
        Ok(name)
    }

    /// One round of the background job for the off-phone copy: uploads when due and says how
    /// long to wait. Failures back off (5 minutes doubling to 6 hours, with jitter).
    pub async fn offsite_auto_upload(&self, failures: &mut u32) -> Duration {
        self.offsite_round(failures, KdfCost::DEFAULT, UPLOAD_TIMEOUT)
            .await
    }

    /// `offsite_auto_upload` with the cost and timeout given (tests use cheap ones).
    pub async fn offsite_round(
        &self,
        failures: &mut u32,
        cost: KdfCost,
        timeout: Duration,
    ) -> Duration {
        let idle = Duration::from_secs(30 * 60);
        if !matches!(self.offsite_due(), Ok(true)) {
            return idle;
        }
        let Some(result) = self
            .while_on_screen(self.upload_backup_with(cost, timeout))
            .await
        else {
            // Went to the background mid-upload: the request was dropped (a `.part` at most
            // stays on the server, never the real name); retried once the app is back.
            return Duration::from_secs(60);
        };
        match result {
            Ok(_) => {
                *failures = 0;
                idle
            }
            Err(_) => super::failed_round_wait(failures),
        }
    }
}

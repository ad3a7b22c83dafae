//! A WebDAV folder (Nextcloud, ownCloud, `rclone serve webdav` ...) as the off-phone place of
//! encrypted backups and of the office's sync files (`app::sync_folder`): upload under a
//! temporary `.part` name and MOVE it to the real name only when the whole body arrived, list
//! the folder (PROPFIND, depth 1), read a file back (GET, capped), delete old copies. The
//! server only ever receives ciphertext; credentials go as HTTP Basic over the given URL.

use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::{Method, StatusCode};

use super::{classify, NetError};

/// Everything but RFC 3986's unreserved characters is escaped in a file name.
const NAME: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The most a folder listing may weigh: about 10,000 files' entries.
pub const LISTING_MAX: usize = 4 * 1024 * 1024;

/// The suffix of a file still being uploaded; never counted as a backup.
pub const PART_SUFFIX: &str = ".part";

/// One WebDAV folder with its credentials.
#[derive(Clone)]
pub struct Folder {
    base: reqwest::Url,
    user: String,
    password: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        write!(f, "Folder({}, {})", self.base, self.user)
    }
}

impl Folder {
    /// `url` is the folder (a trailing `/` is added); `timeout` bounds each whole request, so a
    /// server that stalls mid-upload costs at most that long.
    pub fn new(
        url: &str,
        user: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<Folder, NetError> {
        let mut text = url.trim().to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        let base =
            reqwest::Url::parse(&text).map_err(|e| NetError::BadUrl(format!("{url}: {e}")))?;
        super::check_scheme(&base, url)?;
        let client = reqwest::Client::builder()
            // As `fetch`: every redirect hop must be https too, at most five.
            .redirect(super::redirect_policy())
            .connect_timeout(Duration::from_secs(10))
            .timeout(timeout)
            .user_agent(concat!("layanan-desa/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| NetError::Other(e.to_string()))?;
        Ok(Folder {
            base,
            user: user.to_string(),
            password: password.to_string(),
            client,
        })
    }

    fn url_of(&self, name: &str) -> Result<reqwest::Url, NetError> {
        let encoded = utf8_percent_encode(name, NAME).to_string();
        self.base
            .join(&encoded)
            .map_err(|e| NetError::BadUrl(e.to_string()))
    }

    async fn send(
        &self,
        method: Method,
        url: reqwest::Url,
        headers: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<reqwest::Response, NetError> {
        let mut request = self
            .client
            .request(method, url)
            .basic_auth(&self.user, Some(&self.password));
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        request.send().await.map_err(|e| classify(&e))
    }

    fn check(status: StatusCode) -> Result<(), NetError> {
        match status.as_u16() {
            200..=299 => Ok(()),
            401 | 403 => Err(NetError::Denied),
            code => Err(NetError::Status(code)),
        }
    }

    /// Creates the folder if it is not there (an existing one is fine).
    pub async fn ensure(&self) -> Result<(), NetError> {
        let response = self
            .send(
                Method::from_bytes(b"MKCOL").map_err(|e| NetError::Other(e.to_string()))?,
                self.base.clone(),
                &[],
                None,
            )
            .await?;
        match response.status().as_u16() {
            // 405: it exists already.
            405 => Ok(()),
            _ => Self::check(response.status()),
        }
    }

    /// Uploads `bytes` as `name`: first as `name.<random>.part`, then MOVEd into place, so a cut or
    /// stalled upload never leaves a file under the real name. A failed upload's `.part` is
    /// removed when the server still answers.
    pub async fn put_atomic(&self, name: &str, bytes: Vec<u8>) -> Result<(), NetError> {
        // A suffix of its own: two phones writing the same name at once (the rewrite after an
        // erasure) never move or delete each other's half upload.
        let mut draw = [0u8; 4];
        getrandom::getrandom(&mut draw).map_err(|e| NetError::Other(e.to_string()))?;
        let own = u32::from_le_bytes(draw);
        let part = self.url_of(&format!("{name}.{own:08x}{PART_SUFFIX}"))?;
        let target = self.url_of(name)?;
        let uploaded = async {
            let response = self
                .send(Method::PUT, part.clone(), &[], Some(bytes))
                .await?;
            Self::check(response.status())?;
            let response = self
                .send(
                    Method::from_bytes(b"MOVE").map_err(|e| NetError::Other(e.to_string()))?,
                    part.clone(),
                    &[
                        ("Destination", target.to_string()),
                        ("Overwrite", "T".into()),
                    ],
                    None,
                )
                .await?;
            Self::check(response.status())
        }
        .await;
        if uploaded.is_err() {
            let _ = self.send(Method::DELETE, part, &[], None).await;
        }
        uploaded
    }

    /// The names of the files in the folder (not the folder itself, not subfolders).
    pub async fn list(&self) -> Result<Vec<String>, NetError> {
        Ok(self.entries().await?.into_iter().map(|e| e.name).collect())
    }

    /// The files in the folder with their size, etag and time where the server gives them.
    pub async fn entries(&self) -> Result<Vec<super::propfind::Entry>, NetError> {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/><getcontentlength/><getetag/><getlastmodified/></prop></propfind>"#;
        let response = self
            .send(
                Method::from_bytes(b"PROPFIND").map_err(|e| NetError::Other(e.to_string()))?,
                self.base.clone(),
                &[
                    ("Depth", "1".into()),
                    ("Content-Type", "application/xml".into()),
                ],
                Some(body.as_bytes().to_vec()),
            )
            .await?;
        Self::check(response.status())?;
        // A hostile server cannot make the phone read an endless listing.
        let body = super::read_capped(response, LISTING_MAX).await?;
        let text =
            String::from_utf8(body).map_err(|_| NetError::BadListing("bukan teks UTF-8".into()))?;
        super::propfind::entries(&text)
    }

    /// Downloads one file whole, refusing one above `max` bytes or cut short.
    pub async fn get(&self, name: &str, max: usize) -> Result<Vec<u8>, NetError> {
        let response = self
            .send(Method::GET, self.url_of(name)?, &[], None)
            .await?;
        Self::check(response.status())?;
        super::read_capped(response, max).await
    }

    pub async fn delete(&self, name: &str) -> Result<(), NetError> {
        let response = self
            .send(Method::DELETE, self.url_of(name)?, &[], None)
            .await?;
        Self::check(response.status())
    }
}

/// The file names in a PROPFIND answer (see `propfind::entries`).
pub fn file_names(xml: &str) -> Result<Vec<String>, NetError> {
    Ok(super::propfind::entries(xml)?
        .into_iter()
        .map(|e| e.name)
        .collect())
}

//! The network: HTTPS through reqwest with rustls (never OpenSSL), with connect and read
//! timeouts and a hard cap on what a response may weigh, so a stalled or hostile server costs a
//! bounded time and memory. The only module that knows HTTP. Callers run it on a background
//! task; nothing here retries in a loop (see `Backoff` for the caller's schedule).

use std::time::Duration;

pub mod propfind;
pub mod webdav;

use thiserror::Error;

/// Why a download failed, in words for Pengaturan.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NetError {
    #[error("Alamat tidak sah: {0}")]
    BadUrl(String),
    #[error("Server tidak bisa dihubungi (tidak ada sinyal atau server mati).")]
    Unreachable,
    #[error("Server terlalu lama menjawab; dicoba lagi nanti.")]
    Timeout,
    #[error("Server menjawab dengan kode {0}.")]
    Status(u16),
    #[error("Server menolak nama pengguna atau kata sandi.")]
    Denied,
    #[error("Jawaban server terlalu besar (lebih dari {0} bita); diabaikan.")]
    TooLarge(usize),
    #[error("Unduhan terputus sebelum selesai; dicoba lagi nanti.")]
    Truncated,
    #[error("Gangguan jaringan: {0}")]
    Other(String),
    #[error("Daftar berkas dari server tidak terbaca ({0}). Periksa alamat folder WebDAV.")]
    BadListing(String),
}

/// Limits of one request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub connect: Duration,
    /// Longest silence between two pieces of the response.
    pub read: Duration,
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            read: Duration::from_secs(20),
            max_bytes: 2 * 1024 * 1024,
        }
    }
}

fn classify(e: &reqwest::Error) -> NetError {
    if e.is_timeout() {
        NetError::Timeout
    } else if e.is_connect() {
        NetError::Unreachable
    } else if e.is_body() || e.is_decode() {
        NetError::Truncated
    } else if e.is_redirect() {
        let reason = std::error::Error::source(&e)
            .map_or_else(|| e.to_string(), std::string::ToString::to_string);
        NetError::BadUrl(reason)
    } else if e.is_builder() {
        NetError::BadUrl(e.to_string())
    } else {
        NetError::Other(e.to_string())
    }
}

/// Redirects a server may send before the request gives up.
const MAX_REDIRECTS: usize = 5;

/// A redirect the app refuses to follow, with the reason in words.
#[derive(Debug)]
struct RedirectRefused(String);

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedirectRefused {}

/// Every hop of a redirect must pass [`check_scheme`] too: an https server (or a hostile
/// network in front of a loopback test server) cannot send the request on to plain http.
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            let refused = RedirectRefused("server mengalihkan terlalu sering".into());
            return attempt.error(refused);
        }
        match check_scheme(attempt.url(), attempt.url().as_str()) {
            Ok(()) => attempt.follow(),
            Err(e) => attempt.error(RedirectRefused(format!("server mengalihkan ke {e}"))),
        }
    })
}

fn client(limits: Limits) -> Result<reqwest::Client, NetError> {
    reqwest::Client::builder()
        .redirect(redirect_policy())
        .connect_timeout(limits.connect)
        .read_timeout(limits.read)
        .user_agent(concat!("layanan-desa/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| NetError::Other(e.to_string()))
}

/// Only `https://`: a hostile Wi-Fi must not read a WebDAV login or swap a catalog file's
/// unsigned parts. Plain `http://` is allowed for this phone itself (`127.0.0.1`, `::1`,
/// `localhost`) only, where nothing crosses a network (test servers).
pub(crate) fn check_scheme(url: &reqwest::Url, typed: &str) -> Result<(), NetError> {
    let loopback = url.host_str().is_some_and(|host| {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        bare.eq_ignore_ascii_case("localhost")
            || bare
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(NetError::BadUrl(format!(
            "{}: alamat harus diawali https://",
            typed.trim()
        ))),
    }
}

/// Whether `url` is an address the app will talk to (see [`check_scheme`]), for settings
/// forms that check before saving.
pub fn check_address(url: &str) -> Result<(), NetError> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| NetError::BadUrl(format!("{}: {e}", url.trim())))?;
    check_scheme(&parsed, url)
}

/// The server an address points at, lowercased and without any login written into it
/// (`https://desa:x@Awan.Desa.id/dav` -> `awan.desa.id`), for saying where data goes.
pub fn host_of(url: &str) -> Option<String> {
    let parsed = reqwest::Url::parse(url.trim()).ok()?;
    parsed.host_str().map(str::to_string)
}

/// Whether two addresses name the same place: the same scheme, server, port and path (the
/// case of scheme and server and a trailing slash aside). Unreadable addresses never match.
pub fn same_address(a: &str, b: &str) -> bool {
    let parse = |u: &str| reqwest::Url::parse(u.trim().trim_end_matches('/')).ok();
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => {
            (
                a.scheme(),
                a.host_str(),
                a.port_or_known_default(),
                a.path().trim_end_matches('/'),
            ) == (
                b.scheme(),
                b.host_str(),
                b.port_or_known_default(),
                b.path().trim_end_matches('/'),
            )
        }
        _ => false,
    }
}

/// Reads a response body whole, refusing a declared or actual body above `max` without
/// reading the rest, and a body shorter than its declared length.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, NetError> {
    let declared = response.content_length();
    if declared.is_some_and(|n| n > max as u64) {
        return Err(NetError::TooLarge(max));
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(max as u64) as usize);
    while let Some(piece) = response.chunk().await.map_err(|e| classify(&e))? {
        if body.len() + piece.len() > max {
            return Err(NetError::TooLarge(max));
        }
        body.extend_from_slice(&piece);
    }
    if declared.is_some_and(|n| n != body.len() as u64) {
        return Err(NetError::Truncated);
    }
    Ok(body)
}

/// GETs `url` whole. Refuses a declared or actual body above `limits.max_bytes` without
/// reading the rest, and a body shorter than its declared length.
pub async fn fetch(url: &str, limits: Limits) -> Result<Vec<u8>, NetError> {
    let typed = url;
    let url = reqwest::Url::parse(url).map_err(|e| NetError::BadUrl(format!("{url}: {e}")))?;
    check_scheme(&url, typed)?;
    let response = client(limits)?
        .get(url)
        .send()
        .await
        .map_err(|e| classify(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(NetError::Status(status.as_u16()));
    }
    read_capped(response, limits.max_bytes).await
}

/// Exponential backoff with full jitter: the wait before retry `attempt` (0-based) is a random
/// share of `base * 2^attempt`, capped. `unit` in [0, 1) is the caller's random draw, so the
/// schedule itself stays a plain function.
pub fn backoff(attempt: u32, base: Duration, cap: Duration, unit: f64) -> Duration {
    let ceiling = base
        .saturating_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX))
        .min(cap);
    ceiling.mul_f64(unit.clamp(0.0, 1.0))
}

//! The encrypted backup file ("berkas cadangan"): format, sealing and opening, with one
//! Indonesian message per way a file can be wrong. Pure: the caller brings the randomness
//! (salt, nonce prefix) and the bytes; nothing here touches files or the clock.
//!
//! Layout (integers little-endian), 137 header bytes then the sealed chunks:
//!
//! | bytes   | field |
//! |---------|-------|
//! | 0..16   | magic `LAYANANDESA-BAK\n` |
//! | 16      | format version (1) |
//! | 17      | flags (0) |
//! | 18..30  | argon2id memory (KiB), iterations, lanes: u32 each |
//! | 30..46  | salt |
//! | 46..65  | STREAM nonce prefix (XChaCha20: 24 - 5 bytes) |
//! | 65..73  | plaintext length, u64 |
//! | 73..105 | HMAC-SHA256 of bytes 0..73 under the check key (wrong passphrase) |
//! | 105..137| SHA-256 of bytes 0..105 (a damaged header, told apart from a wrong passphrase) |
//!
//! argon2id(passphrase NFC, salt) gives 64 bytes: the first 32 are the XChaCha20-Poly1305 key,
//! the last 32 the check key. The plaintext is cut into 64 KiB chunks sealed with the STREAM
//! construction (`aead::stream`, big-endian 32-bit counter and a last-chunk flag), each with
//! the whole header as associated data. Because the header states the plaintext length, a
//! short file is "terpotong" before any decryption, and a changed byte anywhere after the
//! header fails its chunk's tag ("rusak atau diubah").
//!
//! The plaintext is `u32 manifest length`, the manifest (TOML), then the SQLite database.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::{KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// The first bytes of every backup file.
pub const MAGIC: &[u8; 16] = b"LAYANANDESA-BAK\n";
/// The format this build writes and the newest it reads.
pub const FORMAT_VERSION: u8 = 1;
/// File name extension of backups.
pub const EXTENSION: &str = "cadangan";
/// Bytes before the first sealed chunk.
pub const HEADER_LEN: usize = 137;
/// Plaintext bytes per sealed chunk.
pub const CHUNK: usize = 64 * 1024;
/// Bytes a sealed chunk adds (the Poly1305 tag).
const TAG: usize = 16;
/// Salt bytes.
pub const SALT_LEN: usize = 16;
/// STREAM nonce prefix bytes for XChaCha20-Poly1305 with a 32-bit counter.
pub const NONCE_PREFIX_LEN: usize = 19;
/// The shortest passphrase accepted for a new backup.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The argon2id cost of turning a passphrase into keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCost {
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
}

impl KdfCost {
    /// RFC 9106's second recommendation (64 MiB, 3 passes, 1 lane): about a second on a cheap
    /// phone, costly for anyone guessing passphrases of a leaked file.
    pub const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        iterations: 3,
        lanes: 1,
    };
    /// The most a file may ask for; a header asking more is refused before any work is done
    /// (a crafted file must not make the phone allocate gigabytes).
    pub const MAX: KdfCost = KdfCost {
        memory_kib: 256 * 1024,
        iterations: 10,
        lanes: 4,
    };

    fn within(&self, limit: KdfCost) -> bool {
        self.memory_kib >= 8 * self.lanes.max(1)
            && self.memory_kib <= limit.memory_kib
            && (1..=limit.iterations).contains(&self.iterations)
            && (1..=limit.lanes).contains(&self.lanes)
    }
}

/// What a backup says about itself, stored encrypted inside it and shown before a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Version of the app that wrote it (Cargo package version).
    pub app_version: String,
    /// The database schema version (`PRAGMA user_version`) of the enclosed database.
    pub schema_version: u32,
    /// The village named in the office profile, or empty.
    pub village: String,
    /// When the backup was made, UTC milliseconds.
    pub created_at_ms: i64,
    /// Number of cases in the enclosed database.
    pub cases: u64,
    /// Size of the enclosed database file.
    pub database_bytes: u64,
}

/// Why a backup cannot be made or opened. Every variant is one sentence an official can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("Kata sandi cadangan minimal {MIN_PASSPHRASE_CHARS} huruf/angka.")]
    PassphraseTooShort,
    #[error("Berkas ini bukan berkas cadangan Layanan Desa.")]
    NotABackup,
    #[error("Cadangan ini dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi Layanan Desa dulu, lalu pulihkan lagi.")]
    NewerFormat,
    #[error("Bagian awal berkas cadangan rusak. Ambil lagi berkas aslinya (dari WhatsApp, Drive atau surel).")]
    DamagedHeader,
    #[error("Kata sandi cadangan salah. Periksa huruf besar/kecil lalu coba lagi.")]
    WrongPassphrase,
    #[error("Berkas cadangan terpotong: hanya {have} dari {want} bita yang ada. Unduh atau kirim ulang berkasnya sampai selesai.")]
    Truncated { have: u64, want: u64 },
    #[error("Isi berkas cadangan rusak atau sudah diubah (bagian ke-{chunk}). Berkas ini tidak dipakai.")]
    Tampered { chunk: u64 },
    #[error("Berkas cadangan berisi data tambahan di bagian akhir; berkas ini tidak dipakai.")]
    TrailingBytes,
    #[error("Keterangan di dalam cadangan tidak terbaca: {0}")]
    BadManifest(String),
    #[error("Cadangan terlalu besar untuk dibuat di HP ini.")]
    TooLarge,
    #[error("Enkripsi gagal: {0}")]
    Crypto(String),
}

/// The randomness a new backup needs; the caller fills it from the operating system.
#[derive(Debug, Clone, Copy)]
pub struct Fresh {
    pub salt: [u8; SALT_LEN],
    pub nonce_prefix: [u8; NONCE_PREFIX_LEN],
}

/// Checks a passphrase chosen for a new backup.
pub fn check_new_passphrase(passphrase: &str) -> Result<(), BackupError> {
    if passphrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(BackupError::PassphraseTooShort);
    }
    Ok(())
}

/// The file name of a backup: `cadangan-<village>-<YYYY-MM-DD-HHMM>.cadangan`.
pub fn file_name(village: &str, wib_stamp: &str) -> String {
    let slug: String = crate::domain::search::fold(village)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "desa")
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "desa".to_string()
    } else {
        slug
    };
    format!("cadangan-{slug}-{wib_stamp}.{EXTENSION}")
}

/// Joins manifest and database into the plaintext of a backup.
pub fn pack(manifest: &Manifest, database: &[u8]) -> Result<Vec<u8>, BackupError> {
    let text = toml::to_string(manifest).map_err(|e| BackupError::BadManifest(e.to_string()))?;
    let len = u32::try_from(text.len()).map_err(|_| BackupError::TooLarge)?;
    let mut out = Vec::with_capacity(4 + text.len() + database.len());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(database);
    Ok(out)
}

/// Splits the plaintext of a backup into its manifest and database bytes.
pub fn unpack(plain: &[u8]) -> Result<(Manifest, &[u8]), BackupError> {
    let bad = |why: &str| BackupError::BadManifest(why.to_string());
    let len_bytes: [u8; 4] = plain
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| bad("terlalu pendek"))?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    let text = plain
        .get(4..4 + len)
        .ok_or_else(|| bad("panjang keterangan tidak cocok"))?;
    let text = std::str::from_utf8(text).map_err(|_| bad("bukan UTF-8"))?;
    let manifest: Manifest = toml::from_str(text).map_err(|e| bad(&e.to_string()))?;
    let database = &plain[4 + len..];
    if database.len() as u64 != manifest.database_bytes {
        return Err(bad("ukuran basis data tidak cocok"));
    }
    Ok((manifest, database))
}

type HmacSha256 = Hmac<Sha256>;

struct Keys {
    aead: [u8; 32],
    check: [u8; 32],
}

fn derive(passphrase: &str, salt: &[u8], cost: KdfCost) -> Result<Keys, BackupError> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.lanes, Some(64))
        .map_err(|e| BackupError::Crypto(e.to_string()))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let normalised: String = passphrase.nfc().collect();
    let mut out = [0u8; 64];
    argon
        .hash_password_into(normalised.as_bytes(), salt, &mut out)
        .map_err(|e| BackupError::Crypto(e.to_string()))?;
    let mut keys = Keys {
        aead: [0; 32],
        check: [0; 32],
    };
    keys.aead.copy_from_slice(&out[..32]);
    keys.check.copy_from_slice(&out[32..]);
    Ok(keys)
}

fn header_mac(check_key: &[u8; 32], bytes: &[u8]) -> Result<HmacSha256, BackupError> {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(check_key)
        .map_err(|e| BackupError::Crypto(e.to_string()))?;
    mac.update(bytes);
    Ok(mac)
}

/// Number of sealed chunks for a plaintext of `len` bytes (an empty plaintext is one chunk).
fn chunk_count(len: u64) -> u64 {
    len.div_ceil(CHUNK as u64).max(1)
}

/// The full file size for a plaintext of `len` bytes.
pub fn sealed_len(len: u64) -> u64 {
    // Saturating: a header may claim any length (it is only trusted after the HMAC check).
    (HEADER_LEN as u64)
        .saturating_add(len)
        .saturating_add((TAG as u64).saturating_mul(chunk_count(len)))
}

/// Encrypts `plain` under `passphrase` into a complete backup file.
pub fn seal(
    plain: &[u8],
    passphrase: &str,
    cost: KdfCost,
    fresh: Fresh,
) -> Result<Vec<u8>, BackupError> {
    seal_as(MAGIC, plain, passphrase, cost, fresh)
}

/// [`seal`] under another file kind's magic (the sync files of `domain::sync_file` share the
/// layout, so a backup is never taken for a sync file, nor the other way round).
pub fn seal_as(
    magic: &[u8; 16],
    plain: &[u8],
    passphrase: &str,
    cost: KdfCost,
    fresh: Fresh,
) -> Result<Vec<u8>, BackupError> {
    check_new_passphrase(passphrase)?;
    let keys = derive(passphrase, &fresh.salt, cost)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(magic);
    header.push(FORMAT_VERSION);
    header.push(0);
    header.extend_from_slice(&cost.memory_kib.to_le_bytes());
    header.extend_from_slice(&cost.iterations.to_le_bytes());
    header.extend_from_slice(&cost.lanes.to_le_bytes());
    header.extend_from_slice(&fresh.salt);
    header.extend_from_slice(&fresh.nonce_prefix);
    header.extend_from_slice(&(plain.len() as u64).to_le_bytes());
    let mac = header_mac(&keys.check, &header)?.finalize().into_bytes();
    header.extend_from_slice(&mac);
    let sum = Sha256::digest(&header);
    header.extend_from_slice(&sum);
    debug_assert_eq!(header.len(), HEADER_LEN);

    let cipher = XChaCha20Poly1305::new((&keys.aead).into());
    let mut stream = EncryptorBE32::from_aead(cipher, (&fresh.nonce_prefix).into());
    let mut out = Vec::with_capacity(sealed_len(plain.len() as u64) as usize);
    out.extend_from_slice(&header);
    let chunks = chunk_count(plain.len() as u64) as usize;
    let crypto = |e: chacha20poly1305::aead::Error| BackupError::Crypto(e.to_string());
    for (i, piece) in plain
        .chunks(CHUNK)
        .chain(std::iter::once(&[][..]))
        .take(chunks)
        .enumerate()
    {
        let payload = Payload {
            msg: piece,
            aad: &header,
        };
        if i + 1 == chunks {
            out.extend_from_slice(&stream.encrypt_last(payload).map_err(crypto)?);
            break;
        }
        out.extend_from_slice(&stream.encrypt_next(payload).map_err(crypto)?);
    }
    Ok(out)
}

/// What the header says, read before the passphrase is asked for the keys.
struct Header<'a> {
    bytes: &'a [u8],
    cost: KdfCost,
    salt: &'a [u8],
    nonce_prefix: &'a [u8],
    plain_len: u64,
    mac: &'a [u8],
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

fn read_header<'a>(
    magic: &[u8; 16],
    file: &'a [u8],
    limit: KdfCost,
) -> Result<Header<'a>, BackupError> {
    if file.len() < magic.len() || &file[..magic.len()] != magic {
        return Err(BackupError::NotABackup);
    }
    if file.len() < HEADER_LEN {
        return Err(BackupError::Truncated {
            have: file.len() as u64,
            want: HEADER_LEN as u64,
        });
    }
    let bytes = &file[..HEADER_LEN];
    let version = bytes[16];
    let sum_ok = Sha256::digest(&bytes[..105]).as_slice() == &bytes[105..HEADER_LEN];
    // Later formats keep magic, version byte and this 137-byte header with its SHA-256 at
    // 105..137 (new fields go into the encrypted manifest), so a newer file is recognised.
    if version > FORMAT_VERSION && sum_ok {
        return Err(BackupError::NewerFormat);
    }
    if !sum_ok || version == 0 || bytes[17] != 0 {
        return Err(BackupError::DamagedHeader);
    }
    let cost = KdfCost {
        memory_kib: u32_at(bytes, 18),
        iterations: u32_at(bytes, 22),
        lanes: u32_at(bytes, 26),
    };
    if !cost.within(limit) {
        return Err(BackupError::DamagedHeader);
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[65..73]);
    Ok(Header {
        bytes,
        cost,
        salt: &bytes[30..46],
        nonce_prefix: &bytes[46..65],
        plain_len: u64::from_le_bytes(len),
        mac: &bytes[73..105],
    })
}

/// Decrypts a backup file: checks the header, the passphrase, the length, then every chunk.
/// Nothing is returned unless the whole file is intact.
pub fn open(file: &[u8], passphrase: &str) -> Result<Vec<u8>, BackupError> {
    open_within(file, passphrase, KdfCost::MAX)
}

/// [`open`] with a lower ceiling on the argon2id cost a header may ask for (a header above it
/// is a `DamagedHeader`); the fuzz target uses it so that each run stays fast.
pub fn open_within(file: &[u8], passphrase: &str, limit: KdfCost) -> Result<Vec<u8>, BackupError> {
    open_as(MAGIC, file, passphrase, limit)
}

/// [`open_within`] for a file kind with another magic (see [`seal_as`]).
pub fn open_as(
    magic: &[u8; 16],
    file: &[u8],
    passphrase: &str,
    limit: KdfCost,
) -> Result<Vec<u8>, BackupError> {
    let header = read_header(magic, file, limit)?;
    let keys = derive(passphrase, header.salt, header.cost)?;
    header_mac(&keys.check, &header.bytes[..73])?
        .verify_slice(header.mac)
        .map_err(|_| BackupError::WrongPassphrase)?;
    let want = sealed_len(header.plain_len);
    let have = file.len() as u64;
    if have < want {
        return Err(BackupError::Truncated { have, want });
    }
    if have > want {
        return Err(BackupError::TrailingBytes);
    }
    let cipher = XChaCha20Poly1305::new((&keys.aead).into());
    let mut nonce = [0u8; NONCE_PREFIX_LEN];
    nonce.copy_from_slice(header.nonce_prefix);
    let mut stream = DecryptorBE32::from_aead(cipher, (&nonce).into());
    let body = &file[HEADER_LEN..];
    let chunks = chunk_count(header.plain_len) as usize;
    let mut plain = Vec::with_capacity(header.plain_len as usize);
    for (i, piece) in body.chunks(CHUNK + TAG).enumerate() {
        let payload = Payload {
            msg: piece,
            aad: header.bytes,
        };
        let tampered = |_| BackupError::Tampered {
            chunk: i as u64 + 1,
        };
        if i + 1 == chunks {
            plain.extend_from_slice(&stream.decrypt_last(payload).map_err(tampered)?);
            break;
        }
        plain.extend_from_slice(&stream.decrypt_next(payload).map_err(tampered)?);
    }
    Ok(plain)
}

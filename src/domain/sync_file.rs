//! The sync file ("berkas sinkron", `.ldsync`) that carries operations from one of the office's
//! phones to another: sealed like a backup (office passphrase, argon2id, XChaCha20-Poly1305
//! STREAM; `domain::backup`'s layout under its own magic), holding a small manifest (format,
//! office, phone, number of operations) and the operations as JSON. Pure: the caller brings the
//! randomness and the bytes.
//!
//! Reading is all or nothing: a file of another office, a changed byte, a cut file, a backup
//! given instead, or a newer format is refused with one Indonesian sentence, and
//! `receive_into` leaves the book untouched then.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::backup::{self, BackupError, Fresh, KdfCost};
use super::sync::{Book, Clock, Op, TooFarAhead};

/// The first bytes of every sync file (a backup starts `LAYANANDESA-BAK\n`).
pub const MAGIC: &[u8; 16] = b"LAYANANDESA-SYN\n";
/// The format this build writes and the newest it reads (inside the sealed part). 2: the
/// operations may be office catalog files and "Sudah dicek", and changes carry `after`; a
/// build that reads only 1 says "perbarui" instead of refusing them as damaged, and cannot
/// store them without `after`. Files of format 1 are still read.
pub const FORMAT: u32 = 2;
/// File name extension of sync files.
pub const EXTENSION: &str = "ldsync";

/// What a sync file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncManifest {
    pub format: u32,
    /// The office's id: a file of another office is refused even under the same passphrase.
    pub office: String,
    /// The short code of the phone that wrote it ("A", "B" ...).
    pub phone: String,
    pub ops: u64,
    /// The writing phone's id in the journal.
    #[serde(default)]
    pub phone_id: String,
    /// Its official, for the list of the office's phones.
    #[serde(default)]
    pub official: String,
    /// Of each phone, how many operations the writer held: what the reader need not send
    /// back to it.
    #[serde(default)]
    pub have: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SyncFileError {
    #[error("Berkas ini bukan berkas sinkron Layanan Desa.")]
    NotASyncFile,
    #[error("Berkas ini berkas cadangan, bukan berkas sinkron. Pulihkan lewat Pengaturan › Cadangan, atau minta HP lain membuat \"Kirim ke HP lain\".")]
    ABackup,
    #[error("Berkas sinkron ini dibuat oleh versi aplikasi yang lebih baru. Perbarui Layanan Desa di HP ini dulu, lalu buka lagi berkasnya.")]
    NewerFormat,
    #[error("Berkas sinkron ini tidak bisa dibuka dengan kata sandi kantor di HP ini: berkas dari kantor lain, atau kata sandi kantor di salah satu HP berbeda.")]
    WrongPassphrase,
    #[error("Berkas sinkron ini milik kantor lain ({office}). Tidak ada yang dipakai.")]
    OtherOffice { office: String },
    #[error("Berkas sinkron terpotong: hanya {have} dari {want} bita yang ada. Kirim ulang berkasnya sampai selesai. Tidak ada yang dipakai.")]
    Truncated { have: u64, want: u64 },
    #[error("Berkas sinkron rusak atau sudah diubah. Tidak ada yang dipakai; minta HP pengirim membuatnya lagi.")]
    Damaged,
    #[error("Berkas sinkron tidak bisa dibuat: {0}")]
    Seal(String),
}

impl From<BackupError> for SyncFileError {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::NotABackup => SyncFileError::NotASyncFile,
            BackupError::NewerFormat => SyncFileError::NewerFormat,
            BackupError::WrongPassphrase => SyncFileError::WrongPassphrase,
            BackupError::Truncated { have, want } => SyncFileError::Truncated { have, want },
            BackupError::DamagedHeader
            | BackupError::Tampered { .. }
            | BackupError::TrailingBytes
            | BackupError::BadManifest(_) => SyncFileError::Damaged,
            other => SyncFileError::Seal(other.to_string()),
        }
    }
}

/// The plaintext: `u32` manifest length, the manifest (JSON), then the operations (JSON,
/// deflated).
#[derive(Serialize, Deserialize)]
struct Body<C> {
    ops: Vec<Op<C>>,
}

/// A sealed sync file of `ops`, written by phone `phone` of office `office`.
pub fn write<C: Serialize>(
    office: &str,
    phone: &str,
    ops: &[Op<C>],
    passphrase: &str,
    cost: KdfCost,
    fresh: Fresh,
) -> Result<Vec<u8>, SyncFileError> {
    let manifest = SyncManifest {
        format: FORMAT,
        office: office.to_string(),
        phone: phone.to_string(),
        ops: 0,
        phone_id: String::new(),
        official: String::new(),
        have: Default::default(),
    };
    write_with(manifest, ops, passphrase, cost, fresh)
}

/// A sealed sync file of `ops` under `manifest` (its format and count are set here).
pub fn write_with<C: Serialize>(
    mut manifest: SyncManifest,
    ops: &[Op<C>],
    passphrase: &str,
    cost: KdfCost,
    fresh: Fresh,
) -> Result<Vec<u8>, SyncFileError> {
    manifest.format = FORMAT;
    manifest.ops = ops.len() as u64;
    let head = serde_json::to_vec(&manifest).map_err(|e| SyncFileError::Seal(e.to_string()))?;
    let body = serde_json::to_vec(&serde_json::json!({ "ops": ops }))
        .map_err(|e| SyncFileError::Seal(e.to_string()))?;
    let len = u32::try_from(head.len()).map_err(|e| SyncFileError::Seal(e.to_string()))?;
    let mut plain = Vec::with_capacity(4 + head.len() + body.len());
    plain.extend_from_slice(&len.to_le_bytes());
    plain.extend_from_slice(&head);
    plain.extend_from_slice(&deflate(&body)?);
    Ok(backup::seal_as(MAGIC, &plain, passphrase, cost, fresh)?)
}

/// Opens a sync file of office `office`: every check passes or nothing is returned.
pub fn read<C: DeserializeOwned>(
    file: &[u8],
    office: &str,
    passphrase: &str,
) -> Result<(SyncManifest, Vec<Op<C>>), SyncFileError> {
    let (manifest, ops) = open::<C>(file, passphrase)?;
    if manifest.office != office {
        return Err(SyncFileError::OtherOffice {
            office: manifest.office,
        });
    }
    Ok((manifest, ops))
}

/// Opens a sync file of any office (the caller decides whether its office is this one's):
/// every other check passes or nothing is returned.
pub fn open<C: DeserializeOwned>(
    file: &[u8],
    passphrase: &str,
) -> Result<(SyncManifest, Vec<Op<C>>), SyncFileError> {
    if file.starts_with(backup::MAGIC) {
        return Err(SyncFileError::ABackup);
    }
    // Sync files are written with the default cost and fetched without anyone asking: a header
    // asking more is refused before any work (the header's checksum is not keyed).
    let plain =
        backup::open_as(MAGIC, file, passphrase, KdfCost::DEFAULT).map_err(|e| match e {
            BackupError::Crypto(_) => SyncFileError::Damaged,
            other => other.into(),
        })?;
    let (len, rest) = plain.split_at_checked(4).ok_or(SyncFileError::Damaged)?;
    let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    let (head, body) = rest.split_at_checked(len).ok_or(SyncFileError::Damaged)?;
    // The format first: a newer file may hold operations this build cannot read.
    let format = serde_json::from_slice::<serde_json::Value>(head)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_u64()))
        .ok_or(SyncFileError::Damaged)?;
    if format > u64::from(FORMAT) {
        return Err(SyncFileError::NewerFormat);
    }
    let manifest: SyncManifest =
        serde_json::from_slice(head).map_err(|_| SyncFileError::Damaged)?;
    let body = inflate(body)?;
    let body: Body<C> = serde_json::from_slice(&body).map_err(|_| SyncFileError::Damaged)?;
    if body.ops.len() as u64 != manifest.ops {
        return Err(SyncFileError::Damaged);
    }
    Ok((manifest, body.ops))
}

/// The most a sync file's operations may take once inflated (a ten-year book of 50,000 cases
/// is about 250 MB): more is refused as damaged rather than filling the phone's memory.
const MAX_INFLATED: u64 = 1 << 30;

fn deflate(body: &[u8]) -> Result<Vec<u8>, SyncFileError> {
    use std::io::Write;
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(body)
        .and_then(|()| encoder.finish())
        .map_err(|e| SyncFileError::Seal(e.to_string()))
}

fn inflate(body: &[u8]) -> Result<Vec<u8>, SyncFileError> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(body)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|_| SyncFileError::Damaged)?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(SyncFileError::Damaged);
    }
    Ok(out)
}

/// What opening a sync file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub manifest: SyncManifest,
    /// Operations new to the book.
    pub new: usize,
    /// Phones whose operations were left out because their clock is far ahead, one each.
    pub refused: Vec<TooFarAhead>,
}

/// Opens a sync file and applies it to `book`, each operation's stamp first taken by `clock`
/// at wall time `now_ms` (a phone far ahead is refused and named). On a refusal of the file
/// the book is exactly as before.
pub fn receive_into(
    book: &mut Book,
    clock: &mut Clock,
    now_ms: i64,
    file: &[u8],
    office: &str,
    passphrase: &str,
) -> Result<Received, SyncFileError> {
    let (manifest, ops) = read::<super::sync::Change>(file, office, passphrase)?;
    let mut refused: Vec<TooFarAhead> = Vec::new();
    let mut accepted = Vec::with_capacity(ops.len());
    for op in ops {
        match clock.receive(&op.stamp, now_ms) {
            Ok(()) => accepted.push(op),
            Err(e) => {
                if !refused.iter().any(|r| r.phone == e.phone) {
                    refused.push(e);
                }
            }
        }
    }
    let new = book.apply(accepted);
    Ok(Received {
        manifest,
        new,
        refused,
    })
}

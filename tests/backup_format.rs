//! The backup file format on its own (`domain::backup`): round trips at chunk edges, one error
//! per fault (wrong passphrase, truncation, trailing bytes, a flipped byte in header or body,
//! reordered chunks, not a backup), and plain ASCII file names. Cheap argon2 cost for speed;
//! tests/backup.rs uses the real cost.

use layanan_desa::domain::backup::*;

const CHEAP: KdfCost = KdfCost {
    memory_kib: 64,
    iterations: 1,
    lanes: 1,
};

fn fresh(seed: u8) -> Fresh {
    Fresh {
        salt: [seed; SALT_LEN],
        nonce_prefix: [seed.wrapping_add(1); NONCE_PREFIX_LEN],
    }
}

#[test]
fn round_trips_at_chunk_edges() {
    for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK] {
        let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let file = seal(&plain, "rahasia desa", CHEAP, fresh(7)).unwrap();
        assert_eq!(file.len() as u64, sealed_len(len as u64), "len {len}");
        assert_eq!(open(&file, "rahasia desa").unwrap(), plain, "len {len}");
    }
}

#[test]
fn each_fault_has_its_own_error() {
    let plain = vec![42u8; 2 * CHUNK + 10];
    let file = seal(&plain, "rahasia desa", CHEAP, fresh(1)).unwrap();
    assert_eq!(
        open(&file, "rahasia dusun"),
        Err(BackupError::WrongPassphrase)
    );
    assert!(matches!(
        open(&file[..file.len() - 1], "rahasia desa"),
        Err(BackupError::Truncated { .. })
    ));
    let mut longer = file.clone();
    longer.push(0);
    assert_eq!(
        open(&longer, "rahasia desa"),
        Err(BackupError::TrailingBytes)
    );
    let mut flipped = file.clone();
    flipped[HEADER_LEN + CHUNK + 20] ^= 1;
    assert_eq!(
        open(&flipped, "rahasia desa"),
        Err(BackupError::Tampered { chunk: 2 })
    );
    let mut head = file.clone();
    head[40] ^= 1;
    assert_eq!(open(&head, "rahasia desa"), Err(BackupError::DamagedHeader));
    assert_eq!(open(b"PK\x03\x04", "x"), Err(BackupError::NotABackup));
}

#[test]
fn swapped_chunks_are_refused() {
    let plain: Vec<u8> = (0..3 * CHUNK).map(|i| (i / CHUNK) as u8).collect();
    let file = seal(&plain, "rahasia desa", CHEAP, fresh(3)).unwrap();
    let mut swapped = file[..HEADER_LEN].to_vec();
    let c = CHUNK + 16; // the Poly1305 tag
    swapped.extend_from_slice(&file[HEADER_LEN + c..HEADER_LEN + 2 * c]);
    swapped.extend_from_slice(&file[HEADER_LEN..HEADER_LEN + c]);
    swapped.extend_from_slice(&file[HEADER_LEN + 2 * c..]);
    assert!(matches!(
        open(&swapped, "rahasia desa"),
        Err(BackupError::Tampered { chunk: 1 })
    ));
}

#[test]
fn file_names_are_plain_ascii() {
    assert_eq!(
        file_name("Desa Wonojati", "2026-11-28-1930"),
        "cadangan-wonojati-2026-11-28-1930.cadangan"
    );
    assert_eq!(
        file_name("", "2026-01-02-0800"),
        "cadangan-desa-2026-01-02-0800.cadangan"
    );
}

#[test]
fn a_newer_format_is_recognised_not_called_damaged() {
    use sha2::{Digest, Sha256};
    let mut file = seal(b"isi", "rahasia desa", CHEAP, fresh(5)).unwrap();
    file[16] = FORMAT_VERSION + 1;
    let sum = Sha256::digest(&file[..105]);
    file[105..HEADER_LEN].copy_from_slice(&sum);
    assert_eq!(open(&file, "rahasia desa"), Err(BackupError::NewerFormat));
    // The same byte changed without a matching sum is plain damage.
    let mut damaged = seal(b"isi", "rahasia desa", CHEAP, fresh(5)).unwrap();
    damaged[16] = FORMAT_VERSION + 1;
    assert_eq!(
        open(&damaged, "rahasia desa"),
        Err(BackupError::DamagedHeader)
    );
}

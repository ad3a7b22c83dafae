//! Sync files (`domain::sync_file`): what one phone writes, another opens into the same book;
//! and every refusal the issue names, each with its Indonesian sentence and with nothing
//! applied: another office (other passphrase, or the same passphrase and another office id),
//! a flipped bit anywhere, a cut file, a newer format (in the header and inside), and a backup
//! given instead. A phone a year ahead is left out and named; the rest of the file is applied.

use std::collections::BTreeMap;

use layanan_desa::domain::backup::{self, Fresh, KdfCost};
use layanan_desa::domain::sync::{Book, Change, Clock, Op};
use layanan_desa::domain::sync_file::{self, SyncFileError, MAGIC};
use proptest::prelude::*;
use sha2::Digest;

const PASS: &str = "Sandi Kantor Wonojati 2026";
const OFFICE: &str = "kantor-wonojati";
const NOW: i64 = 1_796_000_000_000;
/// Cheap argon2 for speed; the layout is the same as with the real cost.
const CHEAP: KdfCost = KdfCost {
    memory_kib: 256,
    iterations: 1,
    lanes: 1,
};
const FRESH: Fresh = Fresh {
    salt: [7; 16],
    nonce_prefix: [9; 19],
};

fn ops(phone: &str, cases: usize) -> Vec<Op> {
    let mut clock = Clock::new(phone);
    let mut out = Vec::new();
    for n in 1..=cases {
        let fields = BTreeMap::from([
            ("nama".to_string(), format!("Warga {n}")),
            ("hp".to_string(), "6281234567890".to_string()),
        ]);
        out.push(Op {
            id: format!("{phone}-{n}"),
            stamp: clock.stamp(NOW + n as i64),
            seq: n as u64,
            change: Change::Opened {
                case: format!("k{phone}{n}"),
                number: format!("2026-{phone}{n:04}"),
                service: "sktm".into(),
                fields,
            },
        });
    }
    out
}

fn file(ops: &[Op]) -> Vec<u8> {
    sync_file::write(OFFICE, "A", ops, PASS, CHEAP, FRESH).expect("written")
}

/// Opens `bytes` into a book that already holds something: the refusal, and the book unchanged.
fn refused(bytes: &[u8]) -> SyncFileError {
    let mut book = Book::default();
    book.apply(ops("B", 2));
    let before = book.clone();
    let mut clock = Clock::new("B");
    let e = sync_file::receive_into(&mut book, &mut clock, NOW, bytes, OFFICE, PASS)
        .expect_err("refused");
    assert_eq!(book, before, "nothing applied");
    e
}

#[test]
fn what_one_phone_writes_the_other_opens_into_the_same_book() {
    let sent = ops("A", 30);
    let bytes = file(&sent);
    let (manifest, got) = sync_file::read(&bytes, OFFICE, PASS).expect("read");
    assert_eq!(manifest.phone, "A");
    assert_eq!(manifest.ops, 30);
    assert_eq!(got, sent);
    let mut a = Book::default();
    a.apply(sent);
    let mut b = Book::default();
    let mut clock = Clock::new("B");
    let got = sync_file::receive_into(&mut b, &mut clock, NOW, &bytes, OFFICE, PASS).expect("in");
    assert_eq!(got.new, 30);
    assert!(got.refused.is_empty());
    assert_eq!(a.canonical_dump(), b.canonical_dump());
    // Twice changes nothing.
    let again = sync_file::receive_into(&mut b, &mut clock, NOW, &bytes, OFFICE, PASS).expect("in");
    assert_eq!(again.new, 0);
    assert_eq!(a.canonical_dump(), b.canonical_dump());
}

#[test]
fn another_office_a_backup_and_a_cut_file_are_refused() {
    let bytes = file(&ops("A", 5));
    let other_pass = sync_file::write(
        OFFICE,
        "A",
        &ops("A", 5),
        "Sandi Kantor Lain 2026",
        CHEAP,
        FRESH,
    )
    .expect("written");
    let e = refused(&other_pass);
    assert_eq!(e, SyncFileError::WrongPassphrase);
    assert!(e.to_string().contains("kantor lain"), "{e}");
    let other_id = sync_file::write("kantor-sukamaju", "A", &ops("A", 5), PASS, CHEAP, FRESH)
        .expect("written");
    let e = refused(&other_id);
    assert_eq!(
        e,
        SyncFileError::OtherOffice {
            office: "kantor-sukamaju".into()
        }
    );
    assert!(
        e.to_string().contains("kantor lain (kantor-sukamaju)"),
        "{e}"
    );

    let a_backup = backup::seal(b"isi cadangan", PASS, CHEAP, FRESH).expect("backup");
    let e = refused(&a_backup);
    assert_eq!(e, SyncFileError::ABackup);
    assert!(e.to_string().contains("berkas cadangan"), "{e}");
    assert_eq!(
        refused(b"PK\x03\x04 bukan berkas"),
        SyncFileError::NotASyncFile
    );

    for cut in [bytes.len() - 1, bytes.len() / 2, 200, 137, 100] {
        let e = refused(&bytes[..cut]);
        assert!(
            matches!(e, SyncFileError::Truncated { .. }),
            "cut at {cut}: {e:?}"
        );
        assert!(e.to_string().contains("terpotong"), "{e}");
    }
}

#[test]
fn a_newer_format_is_named_in_the_header_and_inside() {
    // Header: version byte 2, its checksum renewed (a later build's file).
    let mut newer = file(&ops("A", 3));
    newer[16] = 2;
    let sum = sha2::Sha256::digest(&newer[..105]);
    newer[105..137].copy_from_slice(&sum);
    let e = refused(&newer);
    assert_eq!(e, SyncFileError::NewerFormat);
    assert!(e.to_string().contains("Perbarui Layanan Desa"), "{e}");

    // Inside: a manifest of the next format with operations of a kind this build does not know.
    let head = format!(
        r#"{{"format":{},"office":"kantor-wonojati","phone":"A","ops":1}}"#,
        sync_file::FORMAT + 1
    );
    let body = br#"{"ops":[{"id":"A-1","kind":"case_merged"}]}"#;
    let mut plain = (head.len() as u32).to_le_bytes().to_vec();
    plain.extend_from_slice(head.as_bytes());
    plain.extend_from_slice(body);
    let sealed = backup::seal_as(MAGIC, &plain, PASS, CHEAP, FRESH).expect("sealed");
    assert_eq!(refused(&sealed), SyncFileError::NewerFormat);
}

/// A file of format 1 (the first builds with sync) is still read by this one.
#[test]
fn a_file_of_the_first_format_is_still_read() {
    let made = file(&ops("A", 2));
    let (manifest, ops) = sync_file::open::<Change>(&made, PASS).expect("this build's");
    assert_eq!(manifest.format, sync_file::FORMAT);
    let head = format!(
        r#"{{"format":1,"office":"{}","phone":"A","ops":{}}}"#,
        manifest.office,
        ops.len()
    );
    let body = serde_json::to_vec(&serde_json::json!({ "ops": ops })).expect("json");
    let mut deflated =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut deflated, &body).expect("deflate");
    let mut plain = (head.len() as u32).to_le_bytes().to_vec();
    plain.extend_from_slice(head.as_bytes());
    plain.extend_from_slice(&deflated.finish().expect("deflated"));
    let sealed = backup::seal_as(MAGIC, &plain, PASS, CHEAP, FRESH).expect("sealed");
    let (old, read) = sync_file::open::<Change>(&sealed, PASS).expect("format 1 reads");
    assert_eq!((old.format, read), (1, ops));
}

#[test]
fn a_phone_a_year_ahead_is_left_out_and_named() {
    let mut ahead = ops("C", 2);
    let mut far = Clock::new("C");
    for op in &mut ahead {
        op.stamp = far.stamp(NOW + 365 * 24 * 3600 * 1000);
    }
    let mut all = ops("A", 3);
    all.extend(ahead);
    let bytes = file(&all);
    let mut book = Book::default();
    let mut clock = Clock::new("B");
    let got =
        sync_file::receive_into(&mut book, &mut clock, NOW, &bytes, OFFICE, PASS).expect("in");
    assert_eq!(got.new, 3);
    assert_eq!(got.refused.len(), 1);
    assert!(
        got.refused[0].to_string().contains("HP C"),
        "{}",
        got.refused[0]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_flipped_bit_is_refused_and_nothing_applied(at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut bytes = file(&ops("A", 8));
        let i = at.index(bytes.len());
        bytes[i] ^= 1 << bit;
        let e = refused(&bytes);
        prop_assert!(
            matches!(e, SyncFileError::Damaged | SyncFileError::NotASyncFile),
            "byte {} bit {}: {:?}", i, bit, e
        );
    }
}

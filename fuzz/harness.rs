//! What each fuzz target checks, shared by the libFuzzer targets (`fuzz/fuzz_targets/`) and by
//! `tests/fuzz_corpus.rs`, which replays the kept corpus and every past crash on stable Rust.
//! A target fails on a panic anywhere in the app's code and on a broken property: an error
//! without a message, a parsed value that does not hold what it promises, a tampered backup
//! that opens to different bytes.
#![allow(dead_code)]

use std::sync::OnceLock;

use layanan_desa::app::builtin_catalog_files;
use layanan_desa::domain::backup::{self, Fresh, KdfCost, Manifest};
use layanan_desa::domain::search::SearchIndex;
use layanan_desa::domain::template::{load_templates, Placeholder, Template, Values};
use layanan_desa::domain::{bundle, catalog, hours, intake, phone::WaNumber, whatsapp};

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Phone normaliser: a number it accepts is all digits, of a length WhatsApp can use, and reads
/// back the same with a `+`; a refusal always says why.
pub fn phone(data: &[u8]) {
    let raw = text(data);
    match WaNumber::parse(&raw) {
        Ok(number) => {
            let digits = number.digits();
            assert!(
                digits.bytes().all(|b| b.is_ascii_digit()),
                "non-digit in {digits:?}"
            );
            // libphonenumber knows mobiles with short national numbers (South Africa's 5-digit
            // 8x numbers: "+2 782971" is valid there, the first input this target kept).
            assert!(
                (6..=15).contains(&digits.len()),
                "length {} of {digits:?}",
                digits.len()
            );
            let again = WaNumber::parse(&format!("+{digits}"))
                .unwrap_or_else(|e| panic!("{digits:?} accepted, +{digits} refused: {e}"));
            assert_eq!(again.digits(), digits);
            assert!(!number.display().is_empty());
            let link = whatsapp::wa_me_link(&number, &raw);
            assert!(link.starts_with("https://wa.me/"));
            assert!(
                !link.contains(' ') && !link.contains('\n'),
                "raw text in {link:?}"
            );
        }
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
}

/// Template parser and renderer, and template files (TOML): a parsed template keeps its source,
/// renders once every field it uses has a value, and refuses to render a missing one.
pub fn template(data: &[u8]) {
    let source = text(data);
    match Template::parse(&source) {
        Ok(t) => {
            assert_eq!(t.source(), source);
            let mut all = Values::default();
            for p in Placeholder::ALL {
                all.set(*p, format!("<{}>", p.key()));
            }
            let out = t
                .render(&all)
                .unwrap_or_else(|e| panic!("all values given, still {e}"));
            for p in t.placeholders() {
                assert!(out.contains(&format!("<{}>", p.key())), "{} lost", p.key());
            }
            // Without values only the fields that have a default (`{sapaan}`) are filled.
            let defaults = Values::default();
            let none = t.render(&defaults);
            let unfilled = t.placeholders().iter().any(|p| defaults.get(*p).is_none());
            assert_eq!(none.is_err(), unfilled);
        }
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
    if let Err(e) = load_templates(&[("fuzz.toml", &source)]) {
        assert!(!e.to_string().trim().is_empty());
    }
}

fn builtin_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| match catalog::load(builtin_catalog_files()) {
        Ok(c) => SearchIndex::new(&c),
        Err(e) => panic!("built-in catalog: {e}"),
    })
}

/// Intake of shared text: never fails, keeps the text whole, suggests at most three services,
/// a number it finds is a valid one, and a message time comes from a line with a date.
pub fn intake(data: &[u8]) {
    let shared = text(data);
    let read = intake::read(&shared, builtin_index());
    assert_eq!(read.text, shared);
    assert!(read.services.len() <= 3);
    if let Some(number) = &read.phone {
        assert!(WaNumber::parse(&format!("+{}", number.digits())).is_ok());
    }
    if let Some(name) = &read.name {
        assert!(!name.trim().is_empty());
    }
    // "Pesan masuk": a time read from the text is one written in it, at one of its lines.
    if let Some(at) = intake::message_time(&shared) {
        let (day, minute) = (at.format("%-d").to_string(), at.format("%M").to_string());
        assert!(
            shared
                .lines()
                .any(|l| l.contains('/') && l.contains(&day) && l.contains(&minute)),
            "{at} from no line with its date and minute"
        );
    }
}

/// A key no bundle in the corpus is signed with: verification must refuse, never panic.
const STRANGER_KEY: [u8; 32] = [7; 32];

/// Catalog loader and signed bundles: a catalog that loads can be indexed and searched; every
/// refusal names its problems; a bundle not signed by a trusted key never verifies.
pub fn catalog(data: &[u8]) {
    let source = text(data);
    match catalog::load(&[("fuzz.toml", &source)]) {
        Ok(c) => {
            let index = SearchIndex::new(&c);
            let _ = index.search(&source.chars().take(40).collect::<String>());
            let _ = bundle::CatalogDiff::between(&c, &c).describe();
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for issue in &errors.0 {
                assert!(!issue.to_string().trim().is_empty());
            }
        }
    }
    match bundle::verify(data, &[STRANGER_KEY]) {
        Ok(_) => panic!("a bundle verified against a key nobody has"),
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
}

/// The cheapest cost argon2 allows, so that each run takes microseconds.
const FUZZ_COST: KdfCost = KdfCost {
    memory_kib: 8,
    iterations: 1,
    lanes: 1,
};
const PASSPHRASE: &str = "kata sandi kantor desa";
const PLAIN_LEN: usize = 70_000;

/// A real backup (two chunks) sealed once with the fuzz cost.
fn sealed() -> &'static (Vec<u8>, Vec<u8>) {
    static SEALED: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    SEALED.get_or_init(|| {
        let manifest = Manifest {
            app_version: "0.1.0".into(),
            schema_version: 3,
            village: "Wonojati".into(),
            created_at_ms: 1_800_000_000_000,
            cases: 2,
            database_bytes: PLAIN_LEN as u64,
        };
        let database: Vec<u8> = (0..PLAIN_LEN).map(|i| (i * 31 % 251) as u8).collect();
        let plain = match backup::pack(&manifest, &database) {
            Ok(p) => p,
            Err(e) => panic!("pack: {e}"),
        };
        let fresh = Fresh {
            salt: [3; backup::SALT_LEN],
            nonce_prefix: [5; backup::NONCE_PREFIX_LEN],
        };
        match backup::seal(&plain, PASSPHRASE, FUZZ_COST, fresh) {
            Ok(file) => (plain, file),
            Err(e) => panic!("seal: {e}"),
        }
    })
}

/// Backup decoder. The first byte picks what the rest is:
/// - 0: the plaintext of a backup (manifest + database), split by `unpack`;
/// - 1: a whole file, opened with the right passphrase;
/// - otherwise: edits to a real backup (pairs of a 16-bit position and a byte to XOR there,
///   then a cut length). Whatever the edits, the file either opens to exactly the original
///   bytes or is refused with a message: a changed file never opens to changed contents.
pub fn backup(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => match backup::unpack(rest) {
            Ok((manifest, database)) => {
                assert!(database.len() <= rest.len());
                let again = backup::pack(&manifest, database)
                    .unwrap_or_else(|e| panic!("unpacked, cannot pack again: {e}"));
                let (manifest2, database2) = backup::unpack(&again)
                    .unwrap_or_else(|e| panic!("packed, cannot unpack again: {e}"));
                assert_eq!(manifest2, manifest);
                assert_eq!(database2, database);
            }
            Err(e) => assert!(!e.to_string().trim().is_empty()),
        },
        1 => {
            if let Err(e) = backup::open_within(rest, PASSPHRASE, FUZZ_COST) {
                assert!(!e.to_string().trim().is_empty());
            }
        }
        _ => {
            let (plain, file) = sealed();
            let mut changed = file.clone();
            let mut edits = rest.chunks_exact(3);
            for edit in edits.by_ref() {
                let at = u16::from_le_bytes([edit[0], edit[1]]) as usize;
                // Positions spread over the whole file (header, both chunks, tags).
                let at = at * changed.len() / (u16::MAX as usize + 1);
                changed[at] ^= edit[2];
            }
            match edits.remainder() {
                [cut] => changed.truncate(changed.len() * *cut as usize / 256),
                [cut, extra] => changed.extend(std::iter::repeat_n(*extra, *cut as usize)),
                _ => {}
            }
            match backup::open_within(&changed, PASSPHRASE, FUZZ_COST) {
                Ok(opened) => {
                    assert_eq!(&opened, plain, "a changed backup opened to other bytes");
                    assert_eq!(&changed, file, "a changed backup opened at all");
                }
                Err(e) => assert!(!e.to_string().trim().is_empty()),
            }
        }
    }
}

/// Holiday CSV import and the office-hours text: a list that parses has a name for every day;
/// a refusal names each bad line.
pub fn holidays(data: &[u8]) {
    let source = text(data);
    match hours::parse_holidays(&source) {
        Ok(list) => {
            for day in &list {
                assert!(
                    !day.name.trim().is_empty(),
                    "holiday {} without a name",
                    day.date
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(!e.to_string().trim().is_empty());
            }
        }
    }
    match hours::Schedule::parse(&source) {
        Ok(schedule) => {
            let again = hours::Schedule::parse(&schedule.to_text())
                .unwrap_or_else(|e| panic!("own text refused: {e}"));
            assert_eq!(again, schedule);
            let _ = schedule.describe();
        }
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
}

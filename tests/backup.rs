//! Encrypted backups end to end on real SQLite files: 5,000 seeded cases backed up through the
//! platform's share sheet (recording platform), restored into a fresh data directory with every
//! row equal; a wrong passphrase, a truncated file, a flipped byte, a backup from a newer app and
//! a file that is no backup are each refused with their own message while the existing
//! database stays exactly as it was.

mod common;
use common::TestPhone;

use std::path::Path;

use layanan_desa::app::backup::SET_ASIDE_KEY;
use layanan_desa::app::CaseForm;
use layanan_desa::app::{App, AppError};
use layanan_desa::domain::backup::{self, BackupError, Fresh, KdfCost, Manifest};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::{Store, PHONE_ID_KEY};
use rusqlite::types::Value;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const PASS: &str = "Kantor Desa Wonojati 2026";

fn app_in(dir: &Path) -> (App, Recording) {
    let platform = Recording::new(Device::default()).with_data_dir(dir.to_path_buf());
    let app = TestPhone::new(dir)
        .at(NOW)
        .platform(platform.clone())
        .start();
    (app, platform)
}

fn seeded(dir: &Path, cases: usize) -> (App, Recording) {
    let phone = TestPhone::new(dir).at(NOW).seeded(cases, 11);
    (phone.start(), phone.platform)
}

/// Every row of every table, in rowid order: the whole content of a database file.
fn dump(db: &Path) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open dump");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("q")
        .collect::<Result<_, _>>()
        .expect("names");
    tables.retain(|t| !t.starts_with("sqlite_"));
    tables
        .into_iter()
        .map(|t| {
            // Ordered by every column: some tables are WITHOUT ROWID.
            let n = conn
                .prepare(&format!("SELECT * FROM \"{t}\""))
                .expect("select")
                .column_count();
            let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT * FROM \"{t}\" ORDER BY {}",
                    order.join(", ")
                ))
                .expect("select");
            let mut rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .expect("rows")
                .collect::<Result<Vec<Vec<Value>>, _>>()
                .expect("collect");
            // The one row a restore adds: which book it set aside (checked where it matters),
            // and the phone's id in the journal, new in every restored book
            // (`a_restored_book_takes_a_new_phone_id`).
            if t == "settings" {
                rows.retain(|r| {
                    r.first() != Some(&Value::Text(SET_ASIDE_KEY.into()))
                        && r.first() != Some(&Value::Text(PHONE_ID_KEY.into()))
                });
            }
            (t, rows)
        })
        .collect()
}

fn case_count(db: &Path) -> usize {
    dump(db)
        .into_iter()
        .find(|(t, _)| t == "cases")
        .map_or(0, |(_, rows)| rows.len())
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

fn make_backup(app: &App, platform: &Recording) -> (String, Vec<u8>) {
    let made = app.create_backup(PASS, PASS, "").expect("backup");
    let shared = platform.shared_files();
    let file = shared.last().expect("shared").clone();
    assert_eq!(file.name, made.file_name);
    assert_eq!(file.bytes.len() as u64, made.bytes);
    assert_eq!(file.mime, "application/octet-stream");
    (file.name, file.bytes)
}

/// Whether an error is the expected one.
type Check = Box<dyn Fn(&AppError) -> bool>;

#[test]
fn five_thousand_cases_round_trip_into_a_fresh_phone() {
    let old_phone = tempfile::tempdir().expect("tmp");
    let (app, platform) = seeded(old_phone.path(), 5000);
    let (name, bytes) = make_backup(&app, &platform);
    assert_eq!(name, "cadangan-wonojati-2026-11-28-1930.cadangan");
    // The file is sealed: no resident name from the database appears in it.
    let before = dump(&old_phone.path().join("layanan-desa.db"));
    let some_name = before
        .iter()
        .find(|(t, _)| t == "cases")
        .and_then(|(_, rows)| rows.first())
        .and_then(|row| {
            row.iter().find_map(|v| match v {
                Value::Text(s) if s.contains(' ') && s.len() > 6 => Some(s.clone()),
                _ => None,
            })
        })
        .expect("a name in the first case");
    assert!(!bytes
        .windows(some_name.len())
        .any(|w| w == some_name.as_bytes()));
    assert!(
        !bytes.windows(6).any(|w| w == b"SQLite"),
        "no plain database inside"
    );
    // No plain snapshot is left behind next to the database.
    assert!(
        files(old_phone.path())
            .iter()
            .all(|f| !f.contains("sementara")),
        "{:?}",
        files(old_phone.path())
    );

    let new_phone = tempfile::tempdir().expect("tmp");
    let (fresh, _) = app_in(new_phone.path());
    let preview = fresh.inspect_backup(&name, &bytes, PASS).expect("inspect");
    assert_eq!(preview.cases, 5000);
    assert_eq!(preview.village, "Wonojati");
    assert_eq!(preview.current_cases, 0);
    assert_eq!(preview.created, "Sab 28 Nov 2026 19.30 WIB");
    assert_eq!(preview.app_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(fresh.staged_backup(), Some(preview));
    let restored = fresh.restore_backup().expect("restore");
    assert_eq!(restored.cases, 5000);
    assert!(restored
        .kept_as
        .starts_with("layanan-desa.db.sebelum-pulih-20261128-193000"));
    assert!(
        new_phone.path().join(&restored.kept_as).exists(),
        "old book kept aside"
    );
    assert_eq!(dump(&new_phone.path().join("layanan-desa.db")), before);
    // The restored book keeps the old phone's operations and takes a new phone id: places of
    // the old id beyond the backup may already be with the office's other phones.
    let old_id = app.sync_phone_id().expect("old id");
    let new_id = fresh.sync_phone_id().expect("new id");
    assert_ne!(new_id, old_id, "a restored book takes a new phone id");
    assert!(fresh.sync_have().expect("have")[&old_id] > 5000);
    // The app works on the restored book straight away.
    assert!(fresh.home().expect("home").open_count > 0);
    assert_eq!(fresh.staged_backup(), None);
}

/// Each broken file gets its own message, and the book it would have replaced is untouched.
#[test]
fn broken_backups_are_refused_and_change_nothing() {
    let source = tempfile::tempdir().expect("tmp");
    let (app, platform) = seeded(source.path(), 40);
    let (name, bytes) = make_backup(&app, &platform);

    let target = tempfile::tempdir().expect("tmp");
    let (victim, _) = seeded(target.path(), 3);
    let db = target.path().join("layanan-desa.db");
    let before = dump(&db);
    let listing = files(target.path());

    let mut flipped_body = bytes.clone();
    let at = bytes.len() / 2;
    flipped_body[at] ^= 0x20;
    let mut flipped_header = bytes.clone();
    flipped_header[50] ^= 0x01;
    let newer = {
        let plain = backup::pack(
            &Manifest {
                app_version: "9.0.0".into(),
                schema_version: 99,
                village: "Wonojati".into(),
                created_at_ms: NOW,
                cases: 0,
                database_bytes: 3,
            },
            b"abc",
        )
        .expect("pack");
        let fresh = Fresh {
            salt: [9; backup::SALT_LEN],
            nonce_prefix: [8; backup::NONCE_PREFIX_LEN],
        };
        backup::seal(&plain, PASS, KdfCost::DEFAULT, fresh).expect("seal")
    };
    let cases: Vec<(&str, Vec<u8>, &str, Check)> = vec![
        (
            "wrong passphrase",
            bytes.clone(),
            "Kantor Desa Wonojati 2025",
            Box::new(|e| {
                matches!(e, AppError::Form(fields) if fields.len() == 1
                    && fields[0].field == "sandi-pulih"
                    && fields[0].message == BackupError::WrongPassphrase.to_string())
            }),
        ),
        (
            "truncated",
            bytes[..bytes.len() * 2 / 3].to_vec(),
            PASS,
            Box::new(|e| matches!(e, AppError::Backup(BackupError::Truncated { .. }))),
        ),
        (
            "flipped byte in the body",
            flipped_body,
            PASS,
            Box::new(|e| matches!(e, AppError::Backup(BackupError::Tampered { .. }))),
        ),
        (
            "flipped byte in the header",
            flipped_header,
            PASS,
            Box::new(|e| matches!(e, AppError::Backup(BackupError::DamagedHeader))),
        ),
        (
            "from a newer app",
            newer,
            PASS,
            Box::new(|e| matches!(e, AppError::Backup(BackupError::NewerFormat))),
        ),
        (
            "not a backup",
            b"SQLite format 3\0 and so on".to_vec(),
            PASS,
            Box::new(|e| matches!(e, AppError::Backup(BackupError::NotABackup))),
        ),
        (
            "no passphrase typed",
            bytes.clone(),
            "",
            Box::new(|e| {
                matches!(e, AppError::Form(fields) if fields.len() == 1
                    && fields[0].field == "sandi-pulih"
                    && fields[0].message == "Isi kata sandi cadangan.")
            }),
        ),
    ];
    let mut messages = Vec::new();
    for (what, file, passphrase, expected) in cases {
        let err = victim
            .inspect_backup(&name, &file, passphrase)
            .expect_err(what);
        assert!(expected(&err), "{what}: {err:?}");
        let text = err.to_string();
        assert!(
            !text.is_empty() && !messages.contains(&text),
            "{what}: {text}"
        );
        messages.push(text);
        assert_eq!(victim.staged_backup(), None, "{what}");
        assert!(
            victim.restore_backup().is_err(),
            "{what}: nothing to restore"
        );
        assert_eq!(dump(&db), before, "{what}: database changed");
        assert_eq!(files(target.path()), listing, "{what}: files changed");
    }
    assert!(
        messages[0].contains("Kata sandi cadangan salah"),
        "{}",
        messages[0]
    );
    assert!(messages[1].contains("terpotong"), "{}", messages[1]);
    assert!(
        messages[2].contains("rusak atau sudah diubah"),
        "{}",
        messages[2]
    );
    assert!(
        messages[4].contains("versi aplikasi yang lebih baru"),
        "{}",
        messages[4]
    );
    // The book still works after all that.
    assert_eq!(case_count(&db), 3);
    assert!(victim.home().is_ok());
}

#[test]
fn a_checked_backup_waits_for_yes_and_the_old_book_is_kept() {
    let source = tempfile::tempdir().expect("tmp");
    let (app, platform) = seeded(source.path(), 25);
    let (name, bytes) = make_backup(&app, &platform);

    let target = tempfile::tempdir().expect("tmp");
    let (victim, _) = seeded(target.path(), 3);
    let db = target.path().join("layanan-desa.db");
    let before = dump(&db);
    let preview = victim.inspect_backup(&name, &bytes, PASS).expect("inspect");
    assert_eq!((preview.cases, preview.current_cases), (25, 3));
    // Checking alone changes nothing; cancelling removes the unpacked copy.
    assert_eq!(dump(&db), before);
    victim.cancel_restore();
    assert_eq!(victim.staged_backup(), None);
    for left in ["pulihkan-sementara.db", "pulihkan-bersih.db"] {
        assert!(!target.path().join(left).exists(), "{left} left behind");
    }
    assert!(victim.restore_backup().is_err());

    victim.inspect_backup(&name, &bytes, PASS).expect("inspect");
    let restored = victim.restore_backup().expect("restore");
    assert_eq!(restored.cases, 25);
    assert_eq!(dump(&db), dump(&source.path().join("layanan-desa.db")));
    let kept = target.path().join(&restored.kept_as);
    assert_eq!(dump(&kept), before, "the previous book is kept whole");
    let note: String = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SET_ASIDE_KEY],
            |r| r.get(0),
        )
        .expect("the restored book names the book it set aside");
    assert_eq!(note, restored.kept_as);
    // A new case goes into the restored book.
    let form = CaseForm {
        resident_name: "Siti Aminah".into(),
        service_id: "kk-baru".into(),
        ..CaseForm::default()
    };
    victim.create_case(&form).expect("new case");
    assert_eq!(case_count(&db), 26);

    // "Batalkan pemulihan": the book set aside comes back whole; the restored one (with the
    // case added since) is kept too, never deleted.
    assert_eq!(
        victim.restore_undo_available().expect("undo").as_deref(),
        Some(restored.kept_as.as_str())
    );
    assert_eq!(victim.undo_restore().expect("undo"), 3);
    assert_eq!(
        dump(&db),
        before,
        "the book from before the restore, row for row"
    );
    assert_eq!(
        victim
            .case_list(&layanan_desa::store::CaseFilter::default(), None)
            .expect("list")
            .rows
            .len(),
        3,
        "the app shows the book put back"
    );
    let undone: Vec<String> = std::fs::read_dir(target.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".batal-pulih-") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(undone.len(), 1, "{undone:?}");
    assert_eq!(case_count(&target.path().join(&undone[0])), 26);
    assert_eq!(victim.restore_undo_available().expect("undo"), None);
    assert!(victim.undo_restore().is_err(), "nothing left to undo");
}

#[test]
fn the_backup_form_checks_its_passphrase_fields() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, platform) = app_in(dir.path());
    match app.create_backup("pendek", "pendek", "") {
        Err(AppError::Form(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, "sandi");
            assert!(
                errors[0].message.contains("minimal 12"),
                "{}",
                errors[0].message
            );
        }
        other => panic!("expected a form error, got {other:?}"),
    }
    // Eleven characters: refused since issue 18 (eight were accepted before).
    match app.create_backup("desa kita 1", "desa kita 1", "") {
        Err(AppError::Form(errors)) => assert_eq!(errors[0].field, "sandi"),
        other => panic!("expected a form error, got {other:?}"),
    }
    match app.create_backup("rahasia desa kita", "rahasia desa kami", "") {
        Err(AppError::Form(errors)) => assert_eq!(errors[0].field, "sandi2"),
        other => panic!("expected a form error, got {other:?}"),
    }
    assert!(platform.shared_files().is_empty(), "nothing shared");
}

#[test]
fn the_picker_hands_over_the_chosen_file_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, platform) = app_in(dir.path());
    app.pick_backup_file().expect("pick");
    assert_eq!(app.take_picked_file().expect("take"), None, "cancelled");
    platform.offer_file("cadangan-x.cadangan", vec![1, 2, 3]);
    app.pick_backup_file().expect("pick");
    assert_eq!(
        app.take_picked_file().expect("take"),
        Some(("cadangan-x.cadangan".to_string(), vec![1, 2, 3]))
    );
    assert_eq!(app.take_picked_file().expect("take"), None);
    assert_eq!(platform.picks(), vec!["application/octet-stream"; 2]);
}

/// The attacks on a backup file: (1) whoever holds a backup and its passphrase searches it for
/// the phone's secrets: the WebDAV password, the automatic copy's passphrase and the PIN hash
/// are nowhere in the database inside; (2) a planted backup carries another WebDAV server,
/// login, catalog key and "new version" notice: after restoring it, this phone still copies to
/// its own server with its own login, trusts its own keys, and shows no notice.
#[test]
fn backups_carry_no_secrets_and_a_restore_keeps_this_phones_settings() {
    use layanan_desa::app::catalog_update::key as catalog_key;
    use layanan_desa::app::offsite::{key as dav_key, OffsiteForm};
    let cheap = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    let dav_password = "SandiDavRahasiaKantor77";
    let copy_passphrase = "Kalimat sandi salinan otomatis 2026";
    let pin = "258014";

    // Phone A: the office's phone with every secret set.
    let a = tempfile::tempdir().expect("tmp");
    let (app_a, _) = app_in(a.path());
    app_a.set_pin(None, pin, pin).expect("pin");
    app_a
        .save_offsite(&OffsiteForm {
            url: "https://awan.desa.id/dav/a".into(),
            user: "desa".into(),
            password: dav_password.into(),
            passphrase: copy_passphrase.into(),
            keep: "7".into(),
            pin: pin.into(),
        })
        .expect("copy settings");
    app_a
        .create_case(&CaseForm {
            resident_name: "Siti Aminah".into(),
            phone: "0812 3456 7890".into(),
            service_id: "domisili".into(),
            ..CaseForm::default()
        })
        .expect("case");
    let (_, file, _) = app_a.backup_bytes(PASS, cheap).expect("backup");
    let plain = backup::open(&file, PASS).expect("open");
    let (_, database) = backup::unpack(&plain).expect("unpack");
    let haystack = String::from_utf8_lossy(database);
    for secret in [dav_password, copy_passphrase, "$argon2id$"] {
        assert!(!haystack.contains(secret), "{secret} is in the backup");
    }
    assert!(haystack.contains("Siti Aminah"), "the case book is");
    assert!(
        haystack.contains("awan.desa.id"),
        "so is where A copies to (not a secret)"
    );
    // Phone A itself still has them.
    let stored = |dir: &Path, k: &str| {
        Store::open(&dir.join("layanan-desa.db"))
            .expect("open")
            .setting(k)
            .expect("setting")
            .unwrap_or_default()
    };
    drop(app_a);
    assert_eq!(stored(a.path(), dav_key::PASSWORD), dav_password);

    // Phone B: its own server and trusted key; it restores A's backup as a planted file.
    let b = tempfile::tempdir().expect("tmp");
    let (app_b, _) = app_in(b.path());
    app_b
        .save_offsite(&OffsiteForm {
            url: "https://nextcloud.jemberkab.go.id/dav/b".into(),
            user: "kantor-b".into(),
            password: "SandiB-12345".into(),
            passphrase: "Kalimat sandi HP kantor B".into(),
            keep: "5".into(),
            pin: String::new(),
        })
        .expect("B's copy");
    let key_b = layanan_desa::domain::bundle::public_key_text(&[7; 32]);
    app_b
        .save_catalog_source("https://jemberkab.go.id/katalog.json", &key_b, "")
        .expect("B's key");
    // The planted file also says "new version" and trusts another key: write them into A's
    // database before backing it up, as a crafted backup would.
    {
        let mut store = Store::open(&a.path().join("layanan-desa.db")).expect("open");
        store
            .set_settings(
                &[
                    (catalog_key::KEYS, &layanan_desa::domain::bundle::public_key_text(&[9; 32])),
                    (catalog_key::URL, "https://penyerang.example/katalog.json"),
                    (
                        catalog_key::APP_RELEASE,
                        r#"{"version":"99.0.0","apk_url":"https://penyerang.example/app.apk","sha256":"0000000000000000000000000000000000000000000000000000000000000000","changes":"Pasang segera"}"#,
                    ),
                ],
                NOW,
            )
            .expect("crafted");
    }
    let (app_a, _) = app_in(a.path());
    let (name, file, _) = app_a.backup_bytes(PASS, cheap).expect("planted backup");
    drop(app_a);
    let before: Vec<String> = PHONE_KEYS.iter().map(|k| stored(b.path(), k)).collect();
    app_b.inspect_backup(&name, &file, PASS).expect("inspect");
    let restored = app_b.restore_backup().expect("restore");
    assert_eq!(restored.cases, 1);
    let after: Vec<String> = PHONE_KEYS.iter().map(|k| stored(b.path(), k)).collect();
    assert_eq!(after, before, "B's own settings survive the restore");
    assert_eq!(
        stored(b.path(), dav_key::URL),
        "https://nextcloud.jemberkab.go.id/dav/b"
    );
    assert_eq!(stored(b.path(), dav_key::PASSWORD), "SandiB-12345");
    assert!(
        app_b.app_update().is_none(),
        "no notice from the planted file"
    );
    assert_eq!(
        app_b.offsite_target().expect("target").as_deref(),
        Some("nextcloud.jemberkab.go.id")
    );
}

const PHONE_KEYS: &[&str] = layanan_desa::app::backup::PHONE_SETTINGS;

/// The attack: a planted backup whose database carries its own hidden table, a trigger that
/// copies every name an erasure overwrites into it, a view and an index. Restored, none of
/// them exists in the case book (a fresh database of this app received the rows), and after
/// the resident is erased the name is in no byte of the database or its WAL.
#[test]
fn a_crafted_backup_brings_rows_never_its_own_tables_or_triggers() {
    let cheap = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    let a = tempfile::tempdir().expect("tmp");
    let (app_a, _) = app_in(a.path());
    app_a
        .create_case(&CaseForm {
            resident_name: "Wiji Lestari Rahasia".into(),
            phone: "0812 3456 7890".into(),
            service_id: "domisili".into(),
            ..CaseForm::default()
        })
        .expect("case");
    let (name, file, _) = app_a.backup_bytes(PASS, cheap).expect("backup");
    drop(app_a);
    // Open the backup, plant the extras in its database, seal it again.
    let plain = backup::open(&file, PASS).expect("open");
    let (manifest, database) = backup::unpack(&plain).expect("unpack");
    let work = a.path().join("tanam.db");
    std::fs::write(&work, database).expect("write");
    {
        let conn = rusqlite::Connection::open(&work).expect("open crafted");
        conn.execute_batch(
            "CREATE TABLE versteckt (x TEXT);
             CREATE TRIGGER salin AFTER UPDATE ON cases BEGIN
               INSERT INTO versteckt VALUES (old.resident_name);
             END;
             CREATE VIEW lihat AS SELECT resident_name FROM cases;
             CREATE INDEX idx_tanam ON cases (resident_name);
             PRAGMA journal_mode = DELETE;",
        )
        .expect("plant");
    }
    let crafted = std::fs::read(&work).expect("read");
    let manifest = Manifest {
        database_bytes: crafted.len() as u64,
        ..manifest
    };
    let plain = backup::pack(&manifest, &crafted).expect("pack");
    let fresh = Fresh {
        salt: [3; backup::SALT_LEN],
        nonce_prefix: [4; backup::NONCE_PREFIX_LEN],
    };
    let planted = backup::seal(&plain, PASS, cheap, fresh).expect("seal");

    let b = tempfile::tempdir().expect("tmp");
    let (app_b, _) = app_in(b.path());
    app_b
        .inspect_backup(&name, &planted, PASS)
        .expect("inspect");
    assert_eq!(app_b.restore_backup().expect("restore").cases, 1);
    let db = b.path().join("layanan-desa.db");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        let names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema")
            .expect("schema")
            .query_map([], |r| r.get(0))
            .expect("q")
            .collect::<Result<_, _>>()
            .expect("names");
        for planted in ["versteckt", "salin", "lihat", "idx_tanam"] {
            assert!(!names.iter().any(|n| n == planted), "{planted} came along");
        }
    }
    let id = app_b
        .case_list(&layanan_desa::store::CaseFilter::default(), None)
        .expect("list")
        .rows[0]
        .id
        .clone();
    app_b.erase_resident(&id, "").expect("erase");
    drop(app_b);
    for file in ["layanan-desa.db", "layanan-desa.db-wal"] {
        let path = b.path().join(file);
        if let Ok(bytes) = std::fs::read(&path) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("Wiji Lestari Rahasia"),
                "the erased name survives in {file}"
            );
        }
    }
}

/// A backup or a restore killed midway (the phone switched off, Android killed the app) leaves
/// the plain database it was working on next to the book. The next start removes it; other
/// files in the folder stay.
#[test]
fn plain_copies_left_by_a_killed_backup_or_restore_are_removed_at_start() {
    let dir = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(dir.path());
    app.create_case(&CaseForm {
        resident_name: "Siti Aminah".into(),
        phone: "0812 3456 7890".into(),
        service_id: "domisili".into(),
        ..CaseForm::default()
    })
    .expect("case");
    drop(app);
    let db = dir.path().join("layanan-desa.db");
    let leftovers = [
        "cadangan-sementara-1795869000000.db",
        "pulihkan-sementara.db",
        "pulihkan-sementara.db-wal",
        "pulihkan-bersih.db",
        "pulihkan-bersih.db-journal",
    ];
    for name in leftovers {
        std::fs::copy(&db, dir.path().join(name)).expect("leftover");
    }
    std::fs::write(dir.path().join("catatan-lain.txt"), "bukan milik aplikasi").expect("w");
    // An automatic copy the app was killed while writing.
    let half_copy = dir.path().join("cadangan/otomatis-20261130.db.sementara");
    std::fs::create_dir_all(dir.path().join("cadangan")).expect("dir");
    std::fs::copy(&db, &half_copy).expect("leftover");
    let (app, _) = app_in(dir.path());
    for name in leftovers {
        assert!(!dir.path().join(name).exists(), "{name} still there");
    }
    assert!(
        !half_copy.exists(),
        "a half-written automatic copy is removed"
    );
    assert!(dir.path().join("catatan-lain.txt").exists());
    assert_eq!(
        app.home().expect("home").open_count,
        1,
        "the book itself is untouched"
    );
}

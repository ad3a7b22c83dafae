//! Sync through the office's WebDAV folder (issue 22) with a real server (`rclone serve
//! webdav` on 127.0.0.1) and real SQLite files: three phones agree after rounds, one of them
//! away for three days and coming back; an erasure on one phone leaves no file in the folder
//! (sync files and backups) that decrypts to the erased data; and a phone killed (SIGKILL)
//! in the middle of its upload leaves nothing another phone can see, then sends all of it at
//! its next round.

mod common;
use common::dav::Dav;
use common::TestPhone;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use layanan_desa::app::offsite::OffsiteForm;
use layanan_desa::app::sync_folder::parse_folder_file;
use layanan_desa::app::{App, CaseForm, ManualClock};
use layanan_desa::domain::backup::{self, KdfCost};
use layanan_desa::domain::report::Period;
use layanan_desa::domain::sync_file;
use layanan_desa::store::Entry;

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;
const HOUR: i64 = 3600 * 1000;
const DAY: i64 = 24 * HOUR;
const PASS: &str = "Sandi Kantor Wonojati 2026";
/// Cheap argon2 for speed; the layout is the same as with the real cost.
const CHEAP: KdfCost = KdfCost {
    memory_kib: 256,
    iterations: 1,
    lanes: 1,
};
const TIMEOUT: Duration = Duration::from_secs(30);

struct Phone {
    clock: Arc<ManualClock>,
    app: App,
}

fn phone(dir: &Path, code: &str, url: &str) -> Phone {
    let clock = Arc::new(ManualClock::new(NOW));
    let app = TestPhone::new(dir).clock(&clock).start();
    app.set_phone_code(code).expect("code");
    set_folder(&app, url);
    Phone { clock, app }
}

/// The office's folder: `rclone serve webdav` over a new temporary folder, the sync folder
/// `kantor` in it made by `prepare` before the server starts; the phones' folders go in `tmp`.
struct Office {
    dav: Dav,
    folder: PathBuf,
    url: String,
    tmp: tempfile::TempDir,
}

impl Office {
    fn start(prepare: impl FnOnce(&Path)) -> Office {
        let tmp = tempfile::tempdir().expect("tmp");
        let served = tmp.path().join("server");
        let folder = served.join("kantor");
        std::fs::create_dir_all(&folder).expect("dir");
        prepare(&folder);
        let dav = Dav::start(&served, 0);
        let url = format!("http://127.0.0.1:{}/kantor", dav.port);
        Office {
            dav,
            folder,
            url,
            tmp,
        }
    }
}

fn set_folder(app: &App, url: &str) {
    app.save_offsite(&OffsiteForm {
        url: url.into(),
        user: "desa".into(),
        password: "rahasia".into(),
        passphrase: PASS.into(),
        keep: String::new(),
        pin: String::new(),
    })
    .expect("folder saved");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn round(rt: &tokio::runtime::Runtime, p: &Phone) -> layanan_desa::app::sync_folder::FolderRound {
    rt.block_on(p.app.sync_folder_round(CHEAP, TIMEOUT))
        .expect("round")
}

fn new_case(app: &App, name: &str, nik: &str) -> String {
    // Each resident their own WhatsApp number ("Hapus data warga" takes all cases of one).
    let digits: u32 = name.bytes().map(u32::from).sum();
    app.create_case(&CaseForm {
        resident_name: name.into(),
        phone: format!("0812 3456 {:04}", digits % 10_000),
        nik: nik.into(),
        service_id: "sktm".into(),
        ..CaseForm::default()
    })
    .expect("case")
}

fn report(app: &App) -> Vec<u8> {
    let year = Period::parse("2026-01-01", "2026-12-31").expect("year");
    let (summary, cases) = app.report_csv_bytes(year).expect("report");
    [summary, cases].concat()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn assert_same_books(phones: &[&Phone]) {
    let dump = phones[0].app.canonical_dump().expect("dump");
    let laporan = report(&phones[0].app);
    for (i, p) in phones.iter().enumerate().skip(1) {
        let other = p.app.canonical_dump().expect("dump");
        if other != dump {
            let a: std::collections::BTreeSet<&str> = dump.lines().collect();
            let b: std::collections::BTreeSet<&str> = other.lines().collect();
            eprintln!("ONLY0 {:?}", a.difference(&b).collect::<Vec<_>>());
            eprintln!("ONLYi {:?}", b.difference(&a).collect::<Vec<_>>());
        }
        assert!(other == dump, "phone {i} differs from phone 0");
        assert_eq!(report(&p.app), laporan, "Laporan of phone {i}");
    }
}

#[test]
fn three_phones_agree_through_the_folder_and_one_comes_back_after_three_days() {
    let office = Office::start(|_| {});
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let a = phone(&tmp.path().join("a"), "A", url);
    let b = phone(&tmp.path().join("b"), "B", url);
    let c = phone(&tmp.path().join("c"), "C", url);
    let rt = runtime();

    // A takes in two cases; B and C join the office through the folder.
    let siti = new_case(&a.app, "Siti Aminah", "3509014101900001");
    new_case(&a.app, "Budi Santoso", "");
    let status = a.app.sync_status().expect("status").expect("on");
    assert!(status.pending >= 2, "{status:?}");
    assert!(status.line().starts_with("Belum pernah sinkron"));
    let sent = round(&rt, &a);
    assert!(sent.sent >= 2 && sent.files_read == 0, "{sent:?}");
    let status = a.app.sync_status().expect("status").expect("on");
    assert_eq!(status.pending, 0);
    assert_eq!(
        status.line(),
        "Terakhir sinkron: Sab 28 Nov 2026 19.30 WIB · semua perubahan sudah terkirim"
    );
    let got = round(&rt, &b);
    assert_eq!((got.new_cases, got.files_read), (2, 1), "{got:?}");
    round(&rt, &c);
    // B and C wrote too when they joined (the office's id): A reads them at its next round.
    round(&rt, &a);
    round(&rt, &b);
    assert_same_books(&[&a, &b, &c]);
    assert!(
        names_in(&office.folder.clone())
            .iter()
            .all(|n| parse_folder_file(n).is_some()),
        "only whole sync files: {:?}",
        names_in(&office.folder.clone())
    );

    // C goes where there is no signal for three days and keeps working; A and B go on with
    // rounds every few hours.
    for day in 0..3 {
        for p in [&a, &b, &c] {
            p.clock.advance(DAY);
        }
        new_case(&a.app, &format!("Warga A{day}"), "");
        b.app
            .add_case_note(&siti, &format!("dicek B hari {day}"))
            .expect("note");
        new_case(&c.app, &format!("Warga C{day}"), "");
        round(&rt, &a);
        round(&rt, &b);
        round(&rt, &a);
    }
    // Both A and C moved Siti's case while apart: the later move counts, both are kept.
    a.app.apply_action(&siti, "lengkap", None).expect("A moves");
    c.clock.advance(HOUR);
    c.app.set_item(&siti, 0, true).expect("C ticks");
    c.app
        .apply_action(&siti, "dibatalkan", Some("pindah ke Surabaya"))
        .expect("C moves later");
    assert!(c.app.sync_status().expect("status").expect("on").pending >= 5);
    assert_ne!(
        a.app.canonical_dump().expect("a"),
        c.app.canonical_dump().expect("c")
    );

    // C is back: one round brings it everything, then the others get C's three days.
    let back = round(&rt, &c);
    assert!(back.new_cases >= 3 && back.sent >= 5, "{back:?}");
    round(&rt, &a);
    round(&rt, &b);
    // A's move since its last round reaches C at C's next one.
    round(&rt, &c);
    assert_same_books(&[&a, &b, &c]);
    let view = a.app.case_view(&siti).expect("view");
    assert_eq!(view.status_key, "dibatalkan", "C's later move counts");
    assert!(view.items[0].received, "C's tick arrived");
    // Each phone's rounds left few files: the small ones are merged past 16.
    let files = names_in(&office.folder.clone());
    assert!(files.len() <= 3 * 17, "{files:?}");
    let phones = a.app.office_phones().expect("phones");
    assert!(
        phones
            .iter()
            .any(|p| p.label == "HP C" && p.heard.starts_with("terakhir terdengar")),
        "{phones:?}"
    );
}

#[test]
fn small_files_of_one_phone_are_merged_and_nothing_is_lost() {
    let office = Office::start(|_| {});
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let a = phone(&tmp.path().join("a"), "A", url);
    let b = phone(&tmp.path().join("b"), "B", url);
    let rt = runtime();
    let mut cases = Vec::new();
    for i in 0..20 {
        cases.push(new_case(&a.app, &format!("Warga {i}"), ""));
        a.clock.advance(60_000);
        round(&rt, &a);
        // B reads now and then: some files it read are merged away after.
        if i % 7 == 0 {
            round(&rt, &b);
        }
    }
    let files = names_in(&office.folder.clone());
    assert!(files.len() <= 17, "merged: {files:?}");
    round(&rt, &b);
    assert_same_books(&[&a, &b]);
    // A phone that starts from nothing reads the merged files and has every case.
    let fresh = phone(&tmp.path().join("c"), "C", url);
    assert_eq!(round(&rt, &fresh).new_cases, 20);
    assert_same_books(&[&a, &b, &fresh]);
}

/// Everything a sync file or a backup holds, as text, opened with the office passphrase.
fn decrypted(name: &str, bytes: &[u8]) -> String {
    if parse_folder_file(name).is_some() {
        let (_, ops) = sync_file::open::<Entry>(bytes, PASS).expect("a sync file opens");
        return serde_json::to_string(&ops.iter().map(|o| &o.change).collect::<Vec<_>>())
            .expect("json");
    }
    if name.starts_with("cadangan-") && !name.ends_with(".part") {
        let plain = backup::open(bytes, PASS).expect("a backup opens");
        let (_, db) = backup::unpack(&plain).expect("unpacks");
        return String::from_utf8_lossy(db).into_owned();
    }
    panic!("unexpected file in the folder: {name}");
}

#[test]
fn an_erasure_on_one_phone_reaches_every_file_in_the_folder() {
    let office = Office::start(|_| {});
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let a = phone(&tmp.path().join("a"), "A", url);
    let b = phone(&tmp.path().join("b"), "B", url);
    let rt = runtime();

    let siti = new_case(&a.app, "Siti Aminah", "3509014101900001");
    new_case(&a.app, "Budi Santoso", "3509010101800002");
    a.app
        .add_case_note(&siti, "Siti Aminah titip KK di meja")
        .expect("note");
    round(&rt, &a);
    // The daily copy of A is in the same folder, with Siti in it.
    rt.block_on(a.app.upload_backup_with(CHEAP, TIMEOUT))
        .expect("backup");
    round(&rt, &b);
    b.clock.advance(HOUR);
    b.app
        .add_case_note(&siti, "Siti Aminah datang lagi")
        .expect("note");
    round(&rt, &b);
    let folder = office.folder.clone();
    let holds = |needle: &str| -> Vec<String> {
        names_in(&folder)
            .into_iter()
            .filter(|n| {
                let bytes = std::fs::read(folder.join(n)).expect("read");
                decrypted(n, &bytes).contains(needle)
            })
            .collect()
    };
    assert!(
        holds("Siti Aminah").len() >= 3,
        "{:?}",
        holds("Siti Aminah")
    );

    // B erases Siti; its next round writes the folder's files again, A's too, and replaces
    // the backup.
    b.clock.advance(HOUR);
    assert_eq!(b.app.erase_resident(&siti, "").expect("erased"), 1);
    let cleaned = round(&rt, &b);
    assert!(cleaned.rewritten >= 2, "{cleaned:?}");
    for needle in ["Siti Aminah", "3509014101900001", "titip KK"] {
        assert_eq!(holds(needle), Vec::<String>::new(), "{needle} still in");
    }
    assert!(!holds("Budi Santoso").is_empty(), "the others stay");
    assert!(
        names_in(&folder).iter().any(|n| n.starts_with("cadangan-")),
        "a backup stays, without Siti"
    );
    // A gets the erasure at its round and has nothing left to write again.
    let got = round(&rt, &a);
    assert_eq!(got.rewritten, 0, "{got:?}");
    assert_same_books(&[&a, &b]);
    assert!(!a
        .app
        .canonical_dump()
        .expect("dump")
        .contains("Siti Aminah"));
}

// --- SIGKILL in the middle of an upload --------------------------------------------------

const CHILD_DIR: &str = "LAYANAN_SYNC_CHILD_DIR";

/// Run by `a_phone_killed_mid_upload_leaves_nothing_half_visible` as a child process: one
/// round of the phone in the given folder, which it never finishes (killed).
#[test]
#[ignore = "run as a child process by the SIGKILL test"]
fn child_round() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let app = TestPhone::new(&PathBuf::from(dir)).at(NOW).start();
    let result = runtime().block_on(app.sync_folder_round(CHEAP, Duration::from_secs(600)));
    panic!("the round should have been killed, it ended: {result:?}");
}

/// A proxy in front of the server that passes everything until an upload (PUT) starts, then
/// only its first `keep` bytes, and tells when it holds the rest back.
fn stalling_proxy(server: u16, keep: usize) -> (u16, mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", server)) else {
                return;
            };
            let (mut back_from, mut back_to) = (
                upstream.try_clone().expect("clone"),
                client.try_clone().expect("clone"),
            );
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut back_from, &mut back_to);
            });
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut seen: Vec<u8> = Vec::new();
                let mut buf = [0u8; 512];
                let mut budget: Option<usize> = None;
                loop {
                    let n = match client.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    let mut chunk = &buf[..n];
                    if budget.is_none() {
                        seen.extend_from_slice(chunk);
                        if let Some(at) = seen.windows(4).position(|w| w == b"PUT ") {
                            // Pass what came before the PUT and `keep` bytes of it.
                            let before = seen.len() - n;
                            let start = at.saturating_sub(before);
                            let _ = upstream.write_all(&chunk[..start]);
                            chunk = &chunk[start..];
                            budget = Some(keep);
                        }
                    }
                    if let Some(left) = budget.as_mut() {
                        let pass = chunk.len().min(*left);
                        let _ = upstream.write_all(&chunk[..pass]);
                        *left -= pass;
                        if *left == 0 {
                            let _ = tx.send(());
                            // Hold the rest back until the phone is gone; then the server
                            // sees the connection cut, as it would from a killed phone.
                            while matches!(client.read(&mut buf), Ok(n) if n > 0) {}
                            let _ = upstream.shutdown(std::net::Shutdown::Both);
                            return;
                        }
                    } else {
                        let _ = upstream.write_all(chunk);
                    }
                }
            });
        }
    });
    (port, rx)
}

#[test]
fn a_phone_killed_mid_upload_leaves_nothing_half_visible() {
    let office = Office::start(|_| {});
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let (proxy, stalled) = stalling_proxy(office.dav.port, 700);
    let a_dir = tmp.path().join("a");
    {
        // A's book, with enough cases that its file is far more than what the proxy passes,
        // and its folder set to go through the proxy.
        let a = TestPhone::new(&a_dir).at(NOW).seeded(200, 5).start();
        a.set_phone_code("A").expect("code");
        set_folder(&a, &format!("http://127.0.0.1:{proxy}/kantor"));
    }
    let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["--ignored", "--exact", "child_round", "--nocapture"])
        .env(CHILD_DIR, &a_dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("child");
    let held = stalled.recv_timeout(Duration::from_secs(120));
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    held.expect("the child's upload started");

    // Nothing of A under a real name; another phone finds nothing to read.
    let folder = office.folder.clone();
    let seen = names_in(&folder);
    assert!(
        seen.iter().all(|n| parse_folder_file(n).is_none()),
        "{seen:?}"
    );
    let rt = runtime();
    let b = phone(&tmp.path().join("b"), "B", url);
    let got = round(&rt, &b);
    assert_eq!((got.files_read, got.new_cases), (0, 0), "{got:?}");

    // A starts again, on the real address: its next round sends everything.
    let a_phone = TestPhone::new(&a_dir).at(NOW + HOUR);
    let a = a_phone.start();
    set_folder(&a, url);
    let a = Phone {
        clock: a_phone.clock.clone(),
        app: a,
    };
    let sent = round(&rt, &a);
    assert!(sent.sent > 200, "{sent:?}");
    let got = round(&rt, &b);
    assert_eq!(got.new_cases, 200, "{got:?}");
    assert_same_books(&[&a, &b]);
}

/// Two phones that wrote to the folder first at the same moment each made an office id; they
/// end with the same one (the smaller), and go on exchanging both ways.
#[test]
fn two_phones_that_started_at_once_end_in_one_office() {
    let office = Office::start(|_| {});
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let a = phone(&tmp.path().join("a"), "A", url);
    let b = phone(&tmp.path().join("b"), "B", url);
    let rt = runtime();
    new_case(&a.app, "Siti Aminah", "");
    new_case(&b.app, "Budi Santoso", "");
    // A uploads; B lists the folder before A's file is in place (hidden here) and uploads
    // under an office id of its own.
    round(&rt, &a);
    let folder = office.folder.clone();
    let a_file = names_in(&folder)
        .into_iter()
        .find(|n| parse_folder_file(n).is_some())
        .expect("A's file");
    std::fs::rename(folder.join(&a_file), folder.join("tersembunyi")).expect("hide");
    round(&rt, &b);
    std::fs::rename(folder.join("tersembunyi"), folder.join(&a_file)).expect("back");
    for _ in 0..2 {
        for p in [&a, &b] {
            let r = round(&rt, p);
            assert_eq!(r.refused, Vec::<String>::new());
        }
    }
    a.clock.advance(HOUR);
    new_case(&a.app, "Warga A", "");
    b.clock.advance(HOUR);
    new_case(&b.app, "Warga B", "");
    for p in [&a, &b, &a] {
        let r = round(&rt, p);
        assert_eq!(r.refused, Vec::<String>::new());
    }
    assert_same_books(&[&a, &b]);
    assert_eq!(
        a.app
            .case_list(&Default::default(), None)
            .expect("list")
            .rows
            .len(),
        4
    );
}

/// A file of the folder that cannot be read (here one larger than a phone takes) is said and
/// skipped: the round still reads the rest and sends this phone's changes.
#[test]
fn a_file_that_cannot_be_read_does_not_stop_the_round() {
    let big = format!("sinkron-{}-0000000001-0000000009.ldsync", "f".repeat(32));
    let office = Office::start(|folder| {
        std::fs::File::create(folder.join(&big))
            .and_then(|f| f.set_len(300 * 1024 * 1024))
            .expect("a sparse file too large to take");
    });
    let (tmp, url) = (&office.tmp, office.url.as_str());
    let a = phone(&tmp.path().join("a"), "A", url);
    let b = phone(&tmp.path().join("b"), "B", url);
    let rt = runtime();
    new_case(&a.app, "Siti Aminah", "");
    let sent = round(&rt, &a);
    assert!(sent.sent >= 1, "{sent:?}");
    assert!(
        sent.refused
            .iter()
            .any(|r| r.contains(&big) && r.contains("belum terbaca")),
        "{sent:?}"
    );
    let got = round(&rt, &b);
    assert_eq!(got.new_cases, 1, "{got:?}");
}

//! The automatic off-phone copy against a real WebDAV server from Debian (`rclone serve
//! webdav` on 127.0.0.1, with a user and password) and a raw TCP server for the faults: daily
//! copies uploaded and pruned to the newest N, each one a backup that restores; a wrong
//! password, a server that is down and then comes back, HTTP 500, and a server that stalls
//! mid-upload. A `.part` file is never counted, and a failed upload is never MOVEd into place.

mod common;
use common::dav::Dav;
use common::TestPhone;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use layanan_desa::app::offsite::OffsiteForm;
use layanan_desa::app::ManualClock;
use layanan_desa::app::{App, AppError};
use layanan_desa::domain::backup::{self, KdfCost};
use layanan_desa::net::NetError;
use layanan_desa::platform::recording::{Device, Recording};

const NOW: i64 = 1_795_869_000_000;
const DAY: i64 = 24 * 3600 * 1000;
const PASS: &str = "Sandi Cadangan Kantor";
/// Cheap argon2 for speed; the format is the same (tests/backup.rs uses the real cost).
const CHEAP: KdfCost = KdfCost {
    memory_kib: 256,
    iterations: 1,
    lanes: 1,
};

fn app_in(dir: &Path, cases: usize) -> (App, Arc<ManualClock>) {
    let phone = TestPhone::new(dir).at(NOW).seeded(cases, 3);
    (phone.start(), phone.clock)
}

fn form(url: &str, password: &str) -> OffsiteForm {
    OffsiteForm {
        url: url.into(),
        user: "desa".into(),
        password: password.into(),
        passphrase: PASS.into(),
        keep: "3".into(),
        pin: String::new(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn daily_copies_reach_the_server_and_only_the_newest_are_kept() {
    let tmp = tempfile::tempdir().expect("tmp");
    let served = tmp.path().join("server");
    std::fs::create_dir_all(served.join("cadangan-desa")).expect("dir");
    // A stray half upload from another time: never counted, never deleted.
    let stray = "cadangan-wonojati-2026-01-01-0000.cadangan.part";
    std::fs::write(served.join("cadangan-desa").join(stray), b"half").expect("stray");
    let dav = Dav::start(&served, 0);
    let phone = tmp.path().join("hp");
    std::fs::create_dir_all(&phone).expect("phone");
    let (app, clock) = app_in(&phone, 30);
    app.save_offsite(&form(&dav.url(), "rahasia"))
        .expect("settings");
    let rt = runtime();

    assert!(app.offsite_due().expect("due"));
    let mut names = Vec::new();
    for _ in 0..5 {
        let name = rt
            .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(30)))
            .expect("upload");
        assert!(!app.offsite_due().expect("due"), "done for today");
        names.push(name);
        clock.advance(DAY);
        assert!(app.offsite_due().expect("due"), "due again a day later");
    }
    let on_server = files(&served.join("cadangan-desa"));
    let mut expected: Vec<String> = names[2..].to_vec();
    expected.push(stray.to_string());
    expected.sort();
    assert_eq!(on_server, expected, "the newest 3 and the stray part file");
    let view = app.offsite_view().expect("view");
    assert!(view.last_success.expect("success").contains(&names[4]));
    assert_eq!(view.last_error, None);

    // What the server holds is ciphertext that restores on a new phone.
    let newest = std::fs::read(served.join("cadangan-desa").join(&names[4])).expect("read");
    assert!(!newest.windows(6).any(|w| w == b"SQLite"));
    let plain = backup::open(&newest, PASS).expect("opens with the passphrase");
    let (manifest, _) = backup::unpack(&plain).expect("manifest");
    assert_eq!(manifest.cases, 30);
    let fresh_dir = tmp.path().join("hp-baru");
    std::fs::create_dir_all(&fresh_dir).expect("dir");
    let (fresh, _) = app_in(&fresh_dir, 0);
    assert_eq!(
        fresh
            .inspect_backup(&names[4], &newest, PASS)
            .expect("inspect")
            .cases,
        30
    );
    assert_eq!(fresh.restore_backup().expect("restore").cases, 30);

    // A wrong password is refused by the server and said in Pengaturan.
    app.save_offsite(&form(&dav.url(), "salah"))
        .expect("settings");
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(30)))
        .expect_err("denied");
    assert!(matches!(err, AppError::Net(NetError::Denied)), "{err:?}");
    let view = app.offsite_view().expect("view");
    assert!(view
        .last_error
        .expect("error")
        .ends_with("Server menolak nama pengguna atau kata sandi."),);
}

#[test]
fn a_server_that_is_down_is_retried_and_recovers() {
    let tmp = tempfile::tempdir().expect("tmp");
    let served = tmp.path().join("server");
    std::fs::create_dir_all(&served).expect("dir");
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}/cadangan-desa");
    let phone = tmp.path().join("hp");
    std::fs::create_dir_all(&phone).expect("phone");
    let (app, _) = app_in(&phone, 5);
    app.save_offsite(&form(&url, "rahasia")).expect("settings");
    let rt = runtime();
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(5)))
        .expect_err("down");
    assert!(
        matches!(err, AppError::Net(NetError::Unreachable)),
        "{err:?}"
    );
    assert!(app.offsite_due().expect("due"), "still due");
    // The background job backs off instead of retrying at once.
    let mut failures = 0;
    let wait = rt.block_on(app.offsite_auto_upload(&mut failures));
    assert_eq!(failures, 1);
    assert!(wait >= Duration::from_secs(60), "{wait:?}");

    let _dav = Dav::start(&served, port);
    let name = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(30)))
        .expect("recovered");
    assert_eq!(files(&served.join("cadangan-desa")), vec![name]);
    assert_eq!(app.offsite_view().expect("view").last_error, None);
}

/// A raw server: answers MKCOL with `mkcol`, then either answers every PUT with 500 or reads
/// the PUT's headers and never answers. Records the request lines it saw.
fn raw_server(mode: &'static str, log: Arc<Mutex<Vec<String>>>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let log = log.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                loop {
                    let mut request = String::new();
                    if reader.read_line(&mut request).unwrap_or(0) == 0 {
                        return;
                    }
                    let mut length = 0usize;
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        line.clear();
                    }
                    if let Ok(mut l) = log.lock() {
                        l.push(request.trim().to_string());
                    }
                    let method = request.split_whitespace().next().unwrap_or("");
                    if method == "PUT" && mode == "macet" {
                        // Read a little of the body, then go silent.
                        std::thread::sleep(Duration::from_secs(30));
                        return;
                    }
                    let mut body = vec![0u8; length];
                    let _ = std::io::Read::read_exact(&mut reader, &mut body);
                    if method == "PROPFIND" && mode == "besar" {
                        // An endless listing: chunk after chunk until the client hangs up.
                        let _ = stream.write_all(
                            b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n",
                        );
                        let chunk = "<d:response><d:href>/d/x</d:href></d:response>".repeat(1400);
                        let framed = format!("{:x}\r\n{chunk}\r\n", chunk.len());
                        let mut sent = 0usize;
                        while stream.write_all(framed.as_bytes()).is_ok() {
                            sent += chunk.len();
                            if sent > 64 * 1024 * 1024 {
                                // Never reached with the cap; a bound for the test itself.
                                break;
                            }
                        }
                        if let Ok(mut l) = log.lock() {
                            l.push(format!("PROPFIND sent {sent}"));
                        }
                        return;
                    }
                    if mode == "pindah" {
                        // A hostile network's answer to everything: "moved to plain http",
                        // with the method and body kept (307).
                        let _ = stream.write_all(
                            b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://dav.contoh.invalid/curian/\r\nContent-Length: 0\r\n\r\n",
                        );
                        continue;
                    }
                    let status = match (method, mode) {
                        ("MKCOL", _) => "201 Created",
                        (_, "rusak") => "500 Internal Server Error",
                        _ => "204 No Content",
                    };
                    let _ = stream.write_all(
                        format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").as_bytes(),
                    );
                }
            });
        }
    });
    port
}

#[test]
fn http_500_and_a_stalled_upload_fail_cleanly_and_nothing_is_moved_into_place() {
    let tmp = tempfile::tempdir().expect("tmp");
    let phone = tmp.path().join("hp");
    std::fs::create_dir_all(&phone).expect("phone");
    let (app, _) = app_in(&phone, 5);
    let rt = runtime();

    let log = Arc::new(Mutex::new(Vec::new()));
    let port = raw_server("rusak", log.clone());
    app.save_offsite(&form(&format!("http://127.0.0.1:{port}/d"), "x"))
        .expect("settings");
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(5)))
        .expect_err("500");
    assert!(
        matches!(err, AppError::Net(NetError::Status(500))),
        "{err:?}"
    );
    let seen = log.lock().expect("log").clone();
    assert!(
        seen.iter()
            .any(|l| l.starts_with("PUT /d/") && l.contains(".part")),
        "{seen:?}"
    );
    assert!(!seen.iter().any(|l| l.starts_with("MOVE")), "{seen:?}");

    let log = Arc::new(Mutex::new(Vec::new()));
    let port = raw_server("macet", log.clone());
    app.save_offsite(&form(&format!("http://127.0.0.1:{port}/d"), "x"))
        .expect("settings");
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(2)))
        .expect_err("stall");
    assert!(matches!(err, AppError::Net(NetError::Timeout)), "{err:?}");
    let seen = log.lock().expect("log").clone();
    assert!(!seen.iter().any(|l| l.starts_with("MOVE")), "{seen:?}");
    assert!(app
        .offsite_view()
        .expect("view")
        .last_error
        .expect("error")
        .contains("terlalu lama"));
    assert_eq!(app.offsite_view().expect("view").last_success, None);
}

#[test]
fn the_settings_form_says_what_is_wrong_under_each_field() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(tmp.path(), 0);
    let bad = OffsiteForm {
        url: "ftp://nextcloud.desa".into(),
        user: "desa".into(),
        password: "x".into(),
        passphrase: "pendek".into(),
        keep: "banyak".into(),
        pin: String::new(),
    };
    match app.save_offsite(&bad) {
        Err(AppError::Form(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["dav-url", "dav-sandi-cadangan", "dav-simpan"]);
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert!(!app.offsite_view().expect("view").enabled, "nothing saved");
}

#[test]
fn network_jobs_wait_while_the_app_is_in_the_background_and_stop_when_it_goes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let phone = tmp.path().join("hp");
    std::fs::create_dir_all(&phone).expect("phone");
    let platform = Recording::new(Device::default());
    let app = TestPhone::new(&phone)
        .at(NOW)
        .platform(platform.clone())
        .start();
    let log = Arc::new(Mutex::new(Vec::new()));
    let port = raw_server("macet", log.clone());
    app.save_offsite(&form(&format!("http://127.0.0.1:{port}/d"), "x"))
        .expect("settings");
    let rt = runtime();

    // In the background nothing goes out at all.
    platform.set_background(true);
    let mut failures = 0;
    let wait = rt.block_on(app.offsite_round(&mut failures, CHEAP, Duration::from_secs(60)));
    assert_eq!(wait, Duration::from_secs(60));
    assert_eq!(failures, 0);
    assert!(
        log.lock().expect("log").is_empty(),
        "no request while in the background"
    );

    // On screen, the upload starts; going to the background drops it long before the 60 s
    // timeout, without counting a failure or recording a success.
    platform.set_background(false);
    let switcher = {
        let platform = platform.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(800));
            platform.set_background(true);
        })
    };
    let wait = rt.block_on(app.offsite_round(&mut failures, CHEAP, Duration::from_secs(60)));
    switcher.join().expect("switch");
    assert_eq!(wait, Duration::from_secs(60));
    assert_eq!(failures, 0, "a cancelled job is not a failure");
    let seen = log.lock().expect("log").clone();
    assert!(seen.iter().any(|l| l.starts_with("PUT")), "{seen:?}");
    assert!(!seen.iter().any(|l| l.starts_with("MOVE")), "{seen:?}");
    let view = app.offsite_view().expect("view");
    assert_eq!(view.last_success, None);
    assert!(app.offsite_due().expect("due"), "still due when back");
}

/// The attacks of a hostile network or server: a plain `http://` address (a Wi-Fi in between
/// would read the login) is refused before anything is saved or sent, for the WebDAV copy and
/// the catalog source alike; an endless folder listing is cut at `LISTING_MAX` instead of
/// filling the phone's memory.
#[test]
fn plain_http_is_refused_and_an_endless_listing_is_cut() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (app, _) = app_in(tmp.path(), 0);
    for url in [
        "http://nextcloud.desa.id/dav/cadangan",
        "http://192.168.1.10/dav",
        "HTTP://awan.desa.id/dav",
    ] {
        match app.save_offsite(&form(url, "rahasia")) {
            Err(AppError::Form(errors)) => {
                assert_eq!(errors[0].field, "dav-url", "{url}");
                assert!(errors[0].message.contains("https://"), "{errors:?}");
            }
            other => panic!("{url} must be refused, got {other:?}"),
        }
        match app.save_catalog_source(url, "", "") {
            Err(AppError::Form(errors)) => assert_eq!(errors[0].field, "katalog-url"),
            other => panic!("{url} must be refused, got {other:?}"),
        }
    }
    assert!(!app.offsite_view().expect("view").enabled, "nothing saved");
    let rt = runtime();
    assert!(matches!(
        rt.block_on(layanan_desa::net::fetch(
            "http://jemberkab.go.id/katalog.json",
            layanan_desa::net::Limits::default()
        )),
        Err(NetError::BadUrl(_))
    ));
    // This phone itself (test servers) stays allowed, https anywhere.
    for url in [
        "http://127.0.0.1:8080/d",
        "http://localhost/d",
        "http://[::1]/d",
        "https://awan.desa.id/d",
    ] {
        assert!(layanan_desa::net::check_address(url).is_ok(), "{url}");
    }

    // The endless listing, after a good upload.
    let log = Arc::new(Mutex::new(Vec::new()));
    let port = raw_server("besar", log.clone());
    app.save_offsite(&form(&format!("http://127.0.0.1:{port}/d"), "x"))
        .expect("settings");
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(60)))
        .expect_err("an endless listing is an error");
    assert!(
        matches!(
            err,
            AppError::Net(NetError::TooLarge(n)) if n == layanan_desa::net::webdav::LISTING_MAX
        ),
        "{err:?}"
    );
    drop(rt);
    let sent_bytes = || {
        log.lock().expect("log").iter().find_map(|l| {
            l.strip_prefix("PROPFIND sent ")
                .and_then(|n| n.parse::<usize>().ok())
        })
    };
    let mut waited = 0;
    while sent_bytes().is_none() && waited < 100 {
        std::thread::sleep(Duration::from_millis(100));
        waited += 1;
    }
    let sent = sent_bytes().expect("the server saw the client hang up");
    assert!(
        sent < 16 * 1024 * 1024,
        "read on long after the cap: {sent}"
    );

    // A redirect to plain http (the login and the file would follow it): refused at the
    // first request, which is the only one the server sees.
    let rt = runtime();
    let log = Arc::new(Mutex::new(Vec::new()));
    let port = raw_server("pindah", log.clone());
    app.save_offsite(&form(&format!("http://127.0.0.1:{port}/d"), "x"))
        .expect("settings");
    let err = rt
        .block_on(app.upload_backup_with(CHEAP, Duration::from_secs(60)))
        .expect_err("a redirect to http is an error");
    assert!(
        matches!(&err, AppError::Net(NetError::BadUrl(m)) if m.contains("mengalihkan")),
        "{err:?}"
    );
    assert_eq!(
        log.lock().expect("log").len(),
        1,
        "nothing after the redirect"
    );
}

//! Signed catalog updates against real HTTP servers on 127.0.0.1: Python's `http.server` serves
//! the published bundles as static files, and a small raw TCP server in this file plays the
//! bad networks (HTTP 500, a cut-off body, a stall, an endless chunked body). A good bundle is
//! applied and survives a restart; a bad signature, an unknown key, an older version, a
//! truncated download, non-JSON, a 50 MB body, a dead server and a stall are each refused with
//! the catalog unchanged; the office's own files survive an update; open cases keep their list.

mod common;
use common::TestPhone;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use layanan_desa::app::catalog_update::{key, publish_dir, CatalogUpdate};
use layanan_desa::app::{App, AppError};
use layanan_desa::app::{CaseForm, ManualClock};
use layanan_desa::domain::bundle::{self, BundleError};
use layanan_desa::net::{Limits, NetError};
use layanan_desa::platform::recording::Recording;
use layanan_desa::store::Store;

const NOW: i64 = 1_795_869_000_000;
const OFFICE_KEY: [u8; 32] = [7; 32];
const STRANGER_KEY: [u8; 32] = [9; 32];
const SKTM_PHOTO: &str = "label = \"Foto rumah tampak depan\"";

/// A phone that trusts the office's key.
fn app_in(dir: &Path) -> App {
    TestPhone::new(dir)
        .at(NOW)
        .setting(key::KEYS, &bundle::public_key_text(&OFFICE_KEY))
        .start()
}

/// The built-in catalog's version and date (`assets/catalog/catalog.toml`); a test below checks
/// them, so a bump of the catalog is a one-line change here.
const BUILTIN: u32 = 4;
const BUILTIN_DATE: &str = "2026-12-02";
/// A published catalog newer than the built-in one.
const NEWER: u32 = BUILTIN + 1;

#[test]
fn the_constants_match_the_builtin_catalog() {
    let app = App::builtin(Arc::new(Recording::default())).expect("app");
    assert_eq!(app.catalog().meta.version, BUILTIN);
    assert_eq!(app.catalog().meta.date, BUILTIN_DATE);
}

/// A copy of the built-in catalog folder at `version`, SKTM's photo requirement reworded when
/// newer than the built-in one.
fn catalog_dir(root: &Path, version: u32) -> PathBuf {
    let dir = root.join(format!("katalog-{version}"));
    std::fs::create_dir_all(&dir).expect("dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog");
    for entry in std::fs::read_dir(&src).expect("assets") {
        let path = entry.expect("entry").path();
        let mut text = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().expect("name").to_owned();
        if name == "catalog.toml" {
            text = text.replacen(
                &format!("version = {BUILTIN}"),
                &format!("version = {version}"),
                1,
            );
        }
        if version > BUILTIN && text.contains(SKTM_PHOTO) {
            text = text.replacen(
                SKTM_PHOTO,
                "label = \"Foto rumah tampak depan dan dalam\"",
                1,
            );
        }
        std::fs::write(dir.join(name), text).expect("write");
    }
    dir
}

/// The SKTM block of the built-in catalog, as an office would copy it.
fn sktm_block() -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalog/surat-desa.toml"),
    )
    .expect("surat-desa");
    let at = text.find("id = \"sktm\"").expect("sktm");
    let start = text[..at].rfind("[[service]]").expect("start");
    let end = text[at..]
        .find("\n[[service]]\n")
        .map_or(text.len(), |e| at + e + 1);
    text[start..end].to_string()
}

/// `python3 -m http.server` on 127.0.0.1 serving `dir`.
struct StaticServer {
    child: Child,
    port: u16,
}

impl StaticServer {
    fn start(dir: &Path) -> StaticServer {
        let mut child = Command::new("python3")
            .args([
                "-u",
                "-m",
                "http.server",
                "0",
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 http.server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("banner");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let port = line
            .split("port ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        StaticServer { child, port }
    }

    fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP server for the bad cases; answers by path, forever, on its own thread.
fn raw_server(body: Vec<u8>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let body = body.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let _ = match path.as_str() {
                    // A hostile network's answer: "the file moved to plain http".
                    "/pindah" => stream.write_all(
                        b"HTTP/1.1 302 Found\r\nLocation: http://katalog.contoh.invalid/katalog.json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                    // A redirect to itself, forever.
                    "/putar" => stream.write_all(
                        b"HTTP/1.1 302 Found\r\nLocation: /putar\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                    "/500" => stream.write_all(
                        b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\nerror",
                    ),
                    "/terpotong" => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        stream
                            .write_all(head.as_bytes())
                            .and_then(|()| stream.write_all(&body[..body.len() / 2]))
                    }
                    "/macet" => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(&body[..100]);
                        std::thread::sleep(Duration::from_secs(30));
                        Ok(())
                    }
                    "/tanpa-ujung" => {
                        // Chunked, no declared length: 1 MB pieces until the client gives up.
                        let _ = stream.write_all(
                            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                        );
                        let piece = vec![b'{'; 1 << 20];
                        for _ in 0..60 {
                            let head = format!("{:x}\r\n", piece.len());
                            if stream
                                .write_all(head.as_bytes())
                                .and_then(|()| stream.write_all(&piece))
                                .and_then(|()| stream.write_all(b"\r\n"))
                                .is_err()
                            {
                                break;
                            }
                        }
                        Ok(())
                    }
                    _ => stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
                };
                // Hang up: for /terpotong this is the connection dropping mid-download.
                let _ = stream.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    port
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn sktm_photo_labels(app: &App) -> Vec<String> {
    app.catalog()
        .service("sktm")
        .expect("sktm")
        .requirements
        .iter()
        .map(|r| r.label.clone())
        .filter(|l| l.starts_with("Foto rumah"))
        .collect()
}

fn update(app: &App, url: &str) -> Result<CatalogUpdate, AppError> {
    runtime().block_on(app.update_catalog_from(url))
}

#[test]
fn a_good_bundle_is_applied_and_kept_across_a_restart() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).expect("site");
    let v2 = publish_dir(&catalog_dir(tmp.path(), NEWER), &OFFICE_KEY, None).expect("publish");
    std::fs::write(site.join("katalog.json"), &v2).expect("write");
    let server = StaticServer::start(&site);
    let data = tmp.path().join("hp");
    std::fs::create_dir_all(&data).expect("data");
    let app = app_in(&data);

    // An open case made under version 1 keeps its list.
    let form = CaseForm {
        resident_name: "Siti Aminah".into(),
        service_id: "sktm".into(),
        ..CaseForm::default()
    };
    let case_id = app.create_case(&form).expect("case");
    let before_items = app.case_view(&case_id).expect("view").items;

    assert_eq!(sktm_photo_labels(&app), vec!["Foto rumah tampak depan"]);
    let done = update(&app, &server.url("katalog.json")).expect("update");
    assert_eq!(done.version, NEWER);
    assert_eq!(
        done.describe(),
        format!("Katalog versi {NEWER} ({BUILTIN_DATE}) dipakai. 1 layanan diperbarui: Surat keterangan tidak mampu (SKTM).")
    );
    assert_eq!(app.catalog().meta.version, NEWER);
    assert_eq!(
        sktm_photo_labels(&app),
        vec!["Foto rumah tampak depan dan dalam"]
    );
    assert_eq!(app.case_view(&case_id).expect("view").items, before_items);
    drop(app);

    let again = app_in(&data);
    assert_eq!(
        again.catalog().meta.version,
        NEWER,
        "the stored bundle is used after a restart"
    );
    assert_eq!(
        sktm_photo_labels(&again),
        vec!["Foto rumah tampak depan dan dalam"]
    );
    // The same version again is refused as not newer.
    assert!(matches!(
        update(&again, &server.url("katalog.json")),
        Err(AppError::OlderCatalog {
            offered: NEWER,
            current: NEWER
        })
    ));
    drop(again);

    // The attack: the stored bundle edited in the database file (a requirement dropped from
    // the signed payload). At the next start the signature is checked again: the built-in
    // catalog is used and the official is told why.
    {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let conn = rusqlite::Connection::open(data.join("layanan-desa.db")).expect("open");
        let bytes: Vec<u8> = conn
            .query_row("SELECT bytes FROM catalog_bundle WHERE id = 1", [], |r| {
                r.get(0)
            })
            .expect("stored bundle");
        let mut envelope: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        let payload = b64
            .decode(envelope["payload"].as_str().expect("payload"))
            .expect("b64");
        let edited = String::from_utf8(payload)
            .expect("utf8")
            .replace("Foto rumah tampak depan dan dalam", "Tidak perlu foto");
        envelope["payload"] = serde_json::Value::String(b64.encode(edited));
        conn.execute(
            "UPDATE catalog_bundle SET bytes = ?1 WHERE id = 1",
            [envelope.to_string().into_bytes()],
        )
        .expect("tamper");
    }
    let tampered = app_in(&data);
    assert_eq!(tampered.catalog().meta.version, BUILTIN, "built-in again");
    assert_eq!(
        sktm_photo_labels(&tampered),
        vec!["Foto rumah tampak depan"]
    );
    let notice = tampered.home().expect("home").notice.unwrap_or_default();
    assert!(
        notice.contains("Pembaruan katalog yang tersimpan tidak dipakai"),
        "{notice}"
    );
}

#[test]
fn bad_bundles_and_bad_networks_leave_the_catalog_unchanged() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).expect("site");
    let dir2 = catalog_dir(tmp.path(), NEWER);
    let good = publish_dir(&dir2, &OFFICE_KEY, None).expect("publish");
    let stranger = publish_dir(&dir2, &STRANGER_KEY, None).expect("publish");
    let older = publish_dir(&catalog_dir(tmp.path(), BUILTIN), &OFFICE_KEY, None).expect("publish");
    // Same envelope, payload changed after signing: one letter of the base64 payload.
    let text = String::from_utf8(good.clone()).expect("utf8");
    let at = text.find("\"payload\": \"").expect("payload") + 40;
    let mut forged = text.into_bytes();
    forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
    let files: [(&str, &[u8]); 5] = [
        ("palsu.json", &forged),
        ("orang-lain.json", &stranger),
        ("lama.json", &older),
        (
            "bukan.json",
            b"<html><body>Halaman tidak ditemukan</body></html>",
        ),
        ("besar.json", &vec![b' '; 50 * 1024 * 1024]),
    ];
    for (name, bytes) in files {
        std::fs::write(site.join(name), bytes).expect("write");
    }
    let server = StaticServer::start(&site);
    let raw = raw_server(good.clone());
    let dead = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let data = tmp.path().join("hp");
    std::fs::create_dir_all(&data).expect("data");
    let app = app_in(&data);
    let before: layanan_desa::domain::catalog::Catalog = (*app.catalog()).clone();

    type Check = fn(&AppError) -> bool;
    let cases: Vec<(&str, String, Check)> = vec![
        ("bad signature", server.url("palsu.json"), |e| {
            matches!(e, AppError::Bundle(BundleError::BadSignature))
        }),
        ("unknown key", server.url("orang-lain.json"), |e| {
            matches!(e, AppError::Bundle(BundleError::UnknownKey))
        }),
        ("older version", server.url("lama.json"), |e| {
            matches!(
                e,
                AppError::OlderCatalog {
                    offered: BUILTIN,
                    current: BUILTIN
                }
            )
        }),
        ("not JSON", server.url("bukan.json"), |e| {
            matches!(e, AppError::Bundle(BundleError::NotJson(_)))
        }),
        ("50 MB", server.url("besar.json"), |e| {
            matches!(e, AppError::Net(NetError::TooLarge(_)))
        }),
        (
            "endless body",
            format!("http://127.0.0.1:{raw}/tanpa-ujung"),
            |e| matches!(e, AppError::Net(NetError::TooLarge(_))),
        ),
        (
            "truncated",
            format!("http://127.0.0.1:{raw}/terpotong"),
            |e| matches!(e, AppError::Net(NetError::Truncated)),
        ),
        (
            "redirect to plain http",
            format!("http://127.0.0.1:{raw}/pindah"),
            |e| {
                matches!(e, AppError::Net(NetError::BadUrl(m))
                    if m.contains("mengalihkan") && m.contains("https://"))
            },
        ),
        (
            "endless redirects",
            format!("http://127.0.0.1:{raw}/putar"),
            |e| matches!(e, AppError::Net(NetError::BadUrl(m)) if m.contains("terlalu sering")),
        ),
        ("HTTP 500", format!("http://127.0.0.1:{raw}/500"), |e| {
            matches!(e, AppError::Net(NetError::Status(500)))
        }),
        (
            "server down",
            format!("http://127.0.0.1:{dead}/katalog.json"),
            |e| matches!(e, AppError::Net(NetError::Unreachable)),
        ),
        ("missing file", server.url("tidak-ada.json"), |e| {
            matches!(e, AppError::Net(NetError::Status(404)))
        }),
    ];
    for (what, url, expected) in cases {
        let err = update(&app, &url).expect_err(what);
        assert!(expected(&err), "{what}: {err:?}");
        assert_eq!(*app.catalog(), before, "{what}: catalog changed");
    }
    // The last result is kept for Pengaturan, in words.
    let data_db = Store::open(&data.join("layanan-desa.db")).expect("open");
    assert_eq!(
        data_db.setting(key::LAST_RESULT).expect("setting"),
        Some(AppError::Net(NetError::Status(404)).to_string())
    );
    assert_eq!(
        data_db
            .setting(key::LAST_RESULT)
            .expect("setting")
            .as_deref(),
        Some("Server menjawab dengan kode 404.")
    );

    // A stall mid-body ends at the read timeout, not never.
    let stalled = runtime().block_on(layanan_desa::net::fetch(
        &format!("http://127.0.0.1:{raw}/macet"),
        Limits {
            read: Duration::from_millis(700),
            ..Limits::default()
        },
    ));
    assert_eq!(stalled, Err(NetError::Timeout));
    // After all that, the good bundle still applies.
    std::fs::write(site.join("katalog.json"), &good).expect("write");
    assert_eq!(
        update(&app, &server.url("katalog.json"))
            .expect("good")
            .version,
        NEWER
    );
}

#[test]
fn the_offices_own_services_survive_an_update() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(
        site.join("katalog.json"),
        publish_dir(&catalog_dir(tmp.path(), NEWER), &OFFICE_KEY, None).expect("publish"),
    )
    .expect("write");
    let server = StaticServer::start(&site);
    let data = tmp.path().join("hp");
    std::fs::create_dir_all(&data).expect("data");
    let app = app_in(&data);

    // The village's own service, and its own wording of SKTM's photo.
    let own = sktm_block()
        .replace("id = \"sktm\"", "id = \"sk-ternak\"")
        .replace(
            "Surat keterangan tidak mampu (SKTM)",
            "Surat keterangan kepemilikan ternak",
        )
        .replace("aliases = [", "aliases = [\"surat ternak\", \"sapi\", ");
    let edited = sktm_block().replace(SKTM_PHOTO, "label = \"Foto rumah (difoto petugas desa)\"");
    app.save_office_catalog_file("kantor.toml", &format!("{own}\n{edited}"))
        .expect("office file");
    assert_eq!(
        sktm_photo_labels(&app),
        vec!["Foto rumah (difoto petugas desa)"]
    );
    assert_eq!(
        app.search_ids("surat ternak").first().map(String::as_str),
        Some("sk-ternak")
    );

    // A broken office file is refused and changes nothing.
    assert!(matches!(
        app.save_office_catalog_file("rusak.toml", "[[service]]\nid = 3"),
        Err(AppError::Catalog(_))
    ));
    // So is a name that is not a plain `*.toml` file name, whatever it holds.
    for name in [
        "kantor.txt",
        ".toml",
        "../kantor.toml",
        "a\\b.toml",
        "",
        "kantor",
    ] {
        let refused = app
            .save_office_catalog_file(name, &format!("{own}\n{edited}"))
            .expect_err(name);
        assert_eq!(
            refused.into_field_errors()[0].field,
            "nama-file",
            "{name:?}"
        );
    }

    update(&app, &server.url("katalog.json")).expect("update");
    assert_eq!(app.catalog().meta.version, NEWER);
    assert_eq!(
        sktm_photo_labels(&app),
        vec!["Foto rumah (difoto petugas desa)"]
    );
    assert!(app.catalog().service("sk-ternak").is_some());
    assert_eq!(
        app.search_ids("surat ternak").first().map(String::as_str),
        Some("sk-ternak")
    );
    drop(app);
    let again = app_in(&data);
    assert_eq!(again.catalog().meta.version, NEWER);
    assert!(again.catalog().service("sk-ternak").is_some());
    assert_eq!(
        sktm_photo_labels(&again),
        vec!["Foto rumah (difoto petugas desa)"]
    );

    // Removing the office's file brings back the published services, nothing else.
    again
        .delete_office_catalog_file("kantor.toml")
        .expect("delete");
    assert!(again.catalog().service("sk-ternak").is_none());
    assert_eq!(
        sktm_photo_labels(&again),
        vec!["Foto rumah tampak depan dan dalam"]
    );
    assert_eq!(again.catalog().meta.version, NEWER);
}

#[test]
fn automatic_checks_run_at_most_daily_and_back_off_without_signal() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(
        site.join("katalog.json"),
        publish_dir(&catalog_dir(tmp.path(), BUILTIN), &OFFICE_KEY, None).expect("publish"),
    )
    .expect("write");
    let server = StaticServer::start(&site);
    let clock = Arc::new(ManualClock::new(NOW));
    let app = TestPhone::new(tmp.path()).clock(&clock).start();
    assert_eq!(app.catalog_check_due().expect("due"), None, "no source set");

    // No signal: each failed round waits longer (with jitter), and never less than a minute.
    let dead = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    app.save_catalog_source(&format!("http://127.0.0.1:{dead}/k.json"), "", "")
        .expect("source");
    let rt = runtime();
    let mut failures = 0;
    let waits: Vec<Duration> = (0..6)
        .map(|_| rt.block_on(app.catalog_auto_check(&mut failures)))
        .collect();
    assert_eq!(failures, 6);
    assert!(
        waits.iter().all(|w| *w >= Duration::from_secs(60)),
        "{waits:?}"
    );
    assert!(
        waits.iter().all(|w| *w <= Duration::from_secs(6 * 3600)),
        "{waits:?}"
    );
    assert!(
        layanan_desa::net::backoff(5, Duration::from_secs(300), Duration::from_secs(21600), 1.0)
            > layanan_desa::net::backoff(
                1,
                Duration::from_secs(300),
                Duration::from_secs(21600),
                1.0
            )
    );
    assert!(app.catalog_check_due().expect("due").is_some(), "still due");

    // The server answers "nothing newer": that counts, the next check is a day later.
    app.save_catalog_source(
        &server.url("katalog.json"),
        &bundle::public_key_text(&OFFICE_KEY),
        "",
    )
    .expect("source");
    rt.block_on(app.catalog_auto_check(&mut failures));
    assert_eq!(failures, 0);
    assert_eq!(app.catalog_check_due().expect("due"), None);
    assert!(app
        .catalog_source_view()
        .expect("view")
        .last
        .expect("last")
        .ends_with(&format!("Katalog sudah yang terbaru (versi {BUILTIN}).")));
    clock.advance(23 * 3600 * 1000);
    assert_eq!(app.catalog_check_due().expect("due"), None);
    clock.advance(3600 * 1000);
    assert!(app.catalog_check_due().expect("due").is_some());
}

#[test]
fn a_newer_app_is_announced_never_installed() {
    use layanan_desa::domain::bundle::AppRelease;
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).expect("site");
    let release = |version: &str| AppRelease {
        version: version.into(),
        apk_url: "https://contoh.jemberkab.go.id/layanan-desa.apk".into(),
        sha256: "ab".repeat(32),
        changes: "Pencarian lebih cepat.".into(),
    };
    // Same catalog version as the built-in one: the catalog stays, the release is noted.
    std::fs::write(
        site.join("lama.json"),
        publish_dir(
            &catalog_dir(tmp.path(), BUILTIN),
            &OFFICE_KEY,
            Some(release("0.0.9")),
        )
        .expect("p"),
    )
    .expect("write");
    std::fs::write(
        site.join("baru.json"),
        publish_dir(
            &catalog_dir(tmp.path(), BUILTIN),
            &OFFICE_KEY,
            Some(release("99.1.0")),
        )
        .expect("p"),
    )
    .expect("write");
    let server = StaticServer::start(&site);
    let phone = TestPhone::new(tmp.path())
        .at(NOW)
        .setting(key::KEYS, &bundle::public_key_text(&OFFICE_KEY));
    let platform = phone.platform.clone();
    let app = phone.start();

    assert!(
        update(&app, &server.url("lama.json")).is_err(),
        "catalog not newer"
    );
    assert_eq!(app.app_update(), None, "0.0.9 is older than this app");
    assert!(app.home().expect("home").app_update.is_none());
    assert!(app.open_app_download().is_err());

    assert!(
        update(&app, &server.url("baru.json")).is_err(),
        "catalog not newer"
    );
    assert_eq!(app.app_update(), Some(release("99.1.0")));
    assert_eq!(
        app.home().expect("home").app_update,
        Some(("99.1.0".to_string(), "Pencarian lebih cepat.".to_string()))
    );
    assert!(
        platform.opened_urls().is_empty(),
        "nothing opened by itself"
    );
    app.open_app_download().expect("open");
    assert_eq!(
        platform.opened_urls(),
        vec!["https://contoh.jemberkab.go.id/layanan-desa.apk"]
    );
    assert!(bundle::is_newer_version("0.10.0", "0.9.3"));
    assert!(!bundle::is_newer_version("0.1.0", "0.1.0"));
    assert!(!bundle::is_newer_version("besok", "0.1.0"));
}

/// The attack: a "new version" notice planted straight into the database (a crafted backup,
/// a tampered file, the plain JSON an older build stored) or signed by a key the phone no
/// longer trusts would send the official to a forged APK. The notice is read only from a
/// bundle whose signature checks against the keys trusted at the moment it is shown.
#[test]
fn a_release_notice_is_shown_only_from_a_bundle_that_verifies_when_shown() {
    use layanan_desa::domain::bundle::AppRelease;
    let tmp = tempfile::tempdir().expect("tmp");
    let forged = AppRelease {
        version: "99.0.0".into(),
        apk_url: "https://jahat.example/layanan-desa.apk".into(),
        sha256: "cd".repeat(32),
        changes: "Wajib pasang versi ini.".into(),
    };
    let genuine = AppRelease {
        apk_url: "https://contoh.jemberkab.go.id/layanan-desa.apk".into(),
        ..forged.clone()
    };
    let phone = TestPhone::new(tmp.path())
        .at(NOW)
        .setting(key::KEYS, &bundle::public_key_text(&OFFICE_KEY));
    let app = phone.start();
    // The attacker writes to the same database file through a connection of its own.
    let plant = |value: &str| {
        Store::open(&phone.db())
            .expect("second connection")
            .set_settings(&[(key::APP_RELEASE, value)], NOW)
            .expect("plant");
    };

    // The release alone, as plain JSON.
    plant(&serde_json::to_string(&forged).expect("json"));
    assert_eq!(app.app_update(), None, "plain JSON is not a signed bundle");
    // A bundle signed by a stranger's key.
    let by_stranger = publish_dir(
        &catalog_dir(tmp.path(), BUILTIN),
        &STRANGER_KEY,
        Some(forged.clone()),
    )
    .expect("p");
    plant(std::str::from_utf8(&by_stranger).expect("utf8"));
    assert_eq!(app.app_update(), None, "an untrusted signature");
    assert!(app.home().expect("home").app_update.is_none());
    assert!(app.open_app_download().is_err());
    // A genuine bundle whose link was edited after signing.
    let signed = publish_dir(
        &catalog_dir(tmp.path(), BUILTIN),
        &OFFICE_KEY,
        Some(genuine.clone()),
    )
    .expect("p");
    let text = String::from_utf8(signed.clone()).expect("utf8");
    plant(&text);
    assert_eq!(
        app.app_update(),
        Some(genuine.clone()),
        "the genuine one shows"
    );
    let mut envelope: serde_json::Value = serde_json::from_str(&text).expect("envelope");
    let payload = envelope["payload"].as_str().expect("payload").to_string();
    let tampered = String::from_utf8(bundle_payload_with(
        &payload,
        "contoh.jemberkab.go.id",
        "jahat.example",
    ))
    .expect("utf8");
    envelope["payload"] = serde_json::Value::String(tampered);
    plant(&envelope.to_string());
    assert_eq!(app.app_update(), None, "an edited payload");
    // Genuine, but the office has since stopped trusting its key.
    plant(&text);
    Store::open(&phone.db())
        .expect("second connection")
        .set_settings(&[(key::KEYS, "")], NOW)
        .expect("untrust");
    assert_eq!(app.app_update(), None, "the key is no longer trusted");
}

/// The base64 payload of a bundle with `from` replaced by `to` inside, base64 again.
fn bundle_payload_with(payload: &str, from: &str, to: &str) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let inner = String::from_utf8(b64.decode(payload).expect("b64")).expect("utf8");
    assert!(inner.contains(from), "the payload names {from}");
    b64.encode(inner.replace(from, to)).into_bytes()
}

/// The office's own file as written before services named their places (`submit_at`,
/// `pickup_at`): already stored, it keeps working with the places derived; saved anew, it is
/// refused with the missing field named, so new files follow the published rule.
#[test]
fn office_files_stored_before_places_keep_working() {
    let tmp = tempfile::tempdir().expect("tmp");
    let old = sktm_block()
        .replace("id = \"sktm\"", "id = \"sk-ternak\"")
        .replace(
            "Surat keterangan tidak mampu (SKTM)",
            "Surat keterangan kepemilikan ternak",
        )
        .replace("submit_at = \"desa\"\n", "")
        .replace("pickup_at = \"desa\"\n", "");
    assert!(!old.contains("submit_at") && !old.contains("pickup_at"));
    {
        let mut store = Store::open(&tmp.path().join("layanan-desa.db")).expect("open");
        store
            .put_overlay_file("lama.toml", &old, NOW)
            .expect("an office file from an older app");
    }
    let app = app_in(tmp.path());
    assert_eq!(app.startup_notice(), None);
    let own = app.catalog().service("sk-ternak").cloned().expect("kept");
    assert_eq!(
        (own.submit_place(), own.pickup_place()),
        ("kantor desa", "kantor desa")
    );
    match app.save_office_catalog_file("baru.toml", &old.replace("sk-ternak", "sk-kambing")) {
        Err(AppError::Catalog(errors)) => assert!(
            errors
                .0
                .iter()
                .any(|i| i.field.as_deref() == Some("submit_at")),
            "{errors}"
        ),
        other => panic!("a new file without places must be refused: {other:?}"),
    }
    assert!(app.catalog().service("sk-kambing").is_none());
}

/// A signed bundle no newer than the built-in catalog is not read at all: its files may follow
/// an older format, and the phone says nothing about a bundle the app has outgrown.
#[test]
fn an_outgrown_bundle_is_set_aside_quietly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let payload = bundle::Payload {
        format: bundle::FORMAT,
        version: BUILTIN - 1,
        date: "2026-11-28".into(),
        files: vec![bundle::CatalogFile {
            name: "lama.toml".into(),
            text: "[catalog]\nname = \"lama\"\nversion = 1\ndate = \"2026-11-28\"\n\
                   [[service]]\nid = \"lama\"\n"
                .into(),
        }],
        app: None,
    };
    let bytes = bundle::sign(&payload, &OFFICE_KEY).expect("sign");
    {
        let mut store = Store::open(&tmp.path().join("layanan-desa.db")).expect("open");
        store
            .put_catalog_bundle(BUILTIN - 1, &bytes, NOW)
            .expect("an old bundle");
    }
    let app = app_in(tmp.path());
    assert_eq!(app.startup_notice(), None);
    assert_eq!(app.catalog().meta.version, BUILTIN);
    assert!(app.catalog().service("lama").is_none());
}

/// The attack on catalog trust: the identity point as a "public key" (a small-order key) with
/// the signature (R = identity, s = 0) "verifies" any payload under a lax check. Such a key is
/// refused where the office types it, and a forged bundle naming it is refused even when the
/// key is handed to `verify` directly.
#[test]
fn a_weak_key_never_verifies_a_forged_bundle() {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let weak = b64.encode(identity);
    assert!(matches!(
        bundle::parse_public_key(&weak),
        Err(BundleError::BadKey(_))
    ));
    let tmp = tempfile::tempdir().expect("tmp");
    let app = app_in(tmp.path());
    assert!(matches!(
        app.save_catalog_source("", &weak, ""),
        Err(AppError::Form(_))
    ));
    let payload = bundle::Payload {
        format: bundle::FORMAT,
        version: NEWER + 40,
        date: "2026-12-02".into(),
        files: vec![],
        app: None,
    };
    let mut signature = [0u8; 64];
    signature[0] = 1;
    let forged = serde_json::json!({
        "format": bundle::FORMAT,
        "payload": b64.encode(serde_json::to_vec(&payload).expect("json")),
        "signatures": [{ "key": weak, "signature": b64.encode(signature) }],
    });
    let bytes = serde_json::to_vec(&forged).expect("json");
    assert!(bundle::verify(&bytes, &[identity]).is_err());
}

//! Nothing personal reaches the logs. Every tracing and `log` record at TRACE level (what
//! Dioxus, reqwest and hyper emit, and anything the app might ever log; on Android these go
//! to logcat) is captured while the app handles a resident's case end to end: PIN, new case
//! with name, number, NIK and note, reply, status with a reason, CSV export with contacts, a
//! backup with its passphrase, an off-phone copy with a WebDAV password to a server that is
//! not there, and the screens rendered. None of those values may appear in the records.

mod common;
use common::TestPhone;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dioxus::prelude::*;
use layanan_desa::app::offsite::OffsiteForm;
use layanan_desa::app::report::ReportFile;
use layanan_desa::app::CaseForm;
use layanan_desa::domain::backup::KdfCost;
use layanan_desa::domain::report::Period;
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::CaseFilter;
use layanan_desa::ui::{AppHandle, Root};

/// Saturday 28 November 2026 19.30 WIB.
const NOW: i64 = 1_795_869_000_000;

const SECRETS: &[&str] = &[
    "Siti Marwiyah",
    "6281234567001",
    "812-3456-7001",
    "3509124107850003",
    "anaknya sakit",
    "pindah ke Surabaya",
    "258014",
    "Kantor Desa Wonojati 2026",
    "RahasiaDav123",
];

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_personal_data_or_secret_reaches_the_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber of this test binary");
    tracing::info!("canary: capture works");

    let dir = tempfile::tempdir().expect("tmp");
    let platform = Recording::new(Device::default()).with_data_dir(dir.path().to_path_buf());
    let app = TestPhone::new(dir.path())
        .at(NOW)
        .platform(platform.clone())
        .start();
    app.set_pin(None, "258014", "258014").expect("pin");
    app.lock_now();
    assert!(app.unlock("111112").is_err());
    app.unlock("258014").expect("unlock");

    let id = app
        .create_case(&CaseForm {
            resident_name: "Siti Marwiyah".into(),
            phone: "0812 3456 7001".into(),
            nik: "3509124107850003".into(),
            service_id: "sktm".into(),
            notes: "Mohon dibantu, anaknya sakit".into(),
            ..CaseForm::default()
        })
        .expect("case");
    let reply = app.reply_text(&id, "persyaratan").expect("reply");
    app.send_case_reply(&id, "persyaratan", &reply)
        .expect("reply sent");
    app.apply_action(&id, "dibatalkan", Some("pindah ke Surabaya"))
        .expect("cancel");
    let period = Period::month_of(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    app.share_report_csv(period, ReportFile::Cases, Some("258014"))
        .expect("export");
    let cheap = KdfCost {
        memory_kib: 64,
        iterations: 1,
        lanes: 1,
    };
    app.backup_bytes("Kantor Desa Wonojati 2026", cheap)
        .expect("backup");
    app.save_offsite(&OffsiteForm {
        url: "http://127.0.0.1:9/dav/".into(),
        user: "desa".into(),
        password: "RahasiaDav123".into(),
        passphrase: "Kantor Desa Wonojati 2026".into(),
        keep: "7".into(),
        pin: "258014".into(),
    })
    .expect("offsite settings");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    assert!(runtime
        .block_on(app.upload_backup_with(cheap, Duration::from_secs(5)))
        .is_err());

    let app = Arc::new(app);
    assert_eq!(
        app.case_list(&CaseFilter::default(), None)
            .expect("list")
            .rows
            .len(),
        1
    );
    let mut dom = VirtualDom::new(Root).with_root_context(AppHandle(app.clone()));
    dom.rebuild_in_place();
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("Beranda"), "{html}");

    let logs =
        String::from_utf8_lossy(&captured.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    assert!(logs.contains("canary: capture works"));
    assert!(
        logs.lines().count() > 5,
        "the libraries logged too little to prove anything:\n{logs}"
    );
    for secret in SECRETS {
        assert!(!logs.contains(secret), "{secret:?} in the logs:\n{logs}");
    }
}

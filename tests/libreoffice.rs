//! The exported CSV opened by a real LibreOffice Calc (headless): the Indonesian headers and a
//! service name with an en dash and an accent (an office's own service, "Surat keterangan
//! ternak – sapi/kambing (Pak Kadés)") arrive intact, the BOM does not leak into the first
//! cell, and medians arrive as numbers. LibreOffice 7.4 headless takes the charset from the
//! filter options instead of asking, so the import names UTF-8 as the import dialog (and Excel,
//! through the BOM) would; the same file read as the locale's Latin-1 would show "â€“".

mod common;
use common::{office_service, TestPhone};

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use layanan_desa::app::report::ReportFile;
use layanan_desa::app::{CaseForm, ManualClock};
use layanan_desa::domain::report::{summary_csv, Period};

/// Monday 2 November 2026 09.00 WIB.
const T0: i64 = 1_793_584_800_000;

fn soffice_to_fods(csv: &Path, out_dir: &Path, profile: &Path) -> String {
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "fods",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(csv)
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice not found ({e}); `./dev test` installs libreoffice-calc-nogui")
        });
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let name = csv.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    std::fs::read_to_string(out_dir.join(format!("{name}.fods"))).expect("fods written")
}

/// The office's own service, named with an en dash and an accented letter.
const OWN_NAME: &str = "Surat keterangan ternak – sapi/kambing (Pak Kadés)";

#[test]
fn the_summary_csv_opens_in_libreoffice_without_mojibake() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(T0));
    let app = TestPhone::new(dir.path()).clock(&clock).start();
    app.save_office_catalog_file("ternak.toml", &office_service("sk-ternak", OWN_NAME, 1))
        .expect("office service");
    for (i, service) in ["sk-ternak", "sktm", "sktm"].iter().enumerate() {
        let id = app
            .create_case(&CaseForm {
                resident_name: format!("Warga {i}"),
                phone: "0812 3456 7890".into(),
                service_id: service.to_string(),
                ..CaseForm::default()
            })
            .expect("case");
        app.apply_action(&id, "lengkap", None).expect("lengkap");
        app.apply_action(&id, "diproses:desa", None)
            .expect("proses");
        clock.advance(86_400_000 * (i as i64 + 1));
        app.apply_action(&id, "siap-diambil", None).expect("siap");
    }
    let period = Period::month_of(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    let csv = summary_csv(&app.report(period).expect("report")).expect("csv");
    let path = dir.path().join("ringkasan.csv");
    std::fs::write(&path, &csv).expect("write");

    let fods = soffice_to_fods(&path, &dir.path().join("out"), &dir.path().join("profil"));
    for cell in [
        "<text:p>Layanan</text:p>",
        "<text:p>Surat keterangan ternak – sapi/kambing (Pak Kadés)</text:p>",
        "<text:p>Nilai tengah waktu di kantor sampai siap (hari kerja)</text:p>",
        "<text:p>Semua layanan</text:p>",
    ] {
        assert!(fods.contains(cell), "{cell} missing");
    }
    for mojibake in ["â€", "Ã", "ï»¿"] {
        assert!(!fods.contains(mojibake), "mojibake {mojibake}");
    }
    // SKTM: two cases ready after 2 and 3 days → median 2.5 calendar days, read as a number.
    assert!(
        fods.contains("office:value-type=\"float\" office:value=\"2.5\""),
        "2.5 should be a number"
    );
}

/// The attack: a shared WhatsApp message names the resident `=HYPERLINK(...)`, and an office
/// service name starts with `@`. The case list exported with contacts, opened in a real
/// LibreOffice Calc, shows both as text: no cell of the file is a formula (before the fix the
/// name was a live link "Klik").
#[test]
fn a_formula_in_a_residents_name_stays_text_in_libreoffice() {
    let dir = tempfile::tempdir().expect("tmp");
    let clock = Arc::new(ManualClock::new(T0));
    let phone = TestPhone::new(dir.path()).clock(&clock);
    let platform = phone.platform.clone();
    let app = phone.start();
    app.save_office_catalog_file(
        "ternak.toml",
        &office_service("sk-ternak", "@SUM(1+1) surat ternak", 1),
    )
    .expect("office service");
    let evil = "=HYPERLINK(\"https://contoh.invalid/curi\",\"Klik\")";
    for (name, service) in [(evil, "sktm"), ("-1+2 Warga", "sk-ternak")] {
        app.create_case(&CaseForm {
            resident_name: name.into(),
            phone: "0812 3456 7890".into(),
            service_id: service.into(),
            ..CaseForm::default()
        })
        .expect("case");
    }
    let period = Period::month_of(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"));
    app.share_report_csv(period, ReportFile::Summary, None)
        .expect("export");
    app.share_report_csv(period, ReportFile::Cases, Some(""))
        .expect("export");
    // Both go out through the private share; the case list with contacts.
    let saved: Vec<_> = platform
        .saved()
        .into_iter()
        .chain(platform.private_shares())
        .collect();
    assert_eq!(saved.len(), 2, "summary and case list");
    for file in &saved {
        let path = dir.path().join(&file.name);
        std::fs::write(&path, &file.bytes).expect("write");
        let fods = soffice_to_fods(&path, &dir.path().join("out"), &dir.path().join("profil"));
        assert!(
            !fods.contains("table:formula"),
            "{}: a cell became a formula",
            file.name
        );
        if file.name.ends_with("-berkas.csv") {
            for shown in [
                "=HYPERLINK(&quot;https://contoh.invalid/curi&quot;,&quot;Klik&quot;)",
                "-1+2 Warga",
                "@SUM(1+1) surat ternak",
                "+62 812-3456-7890",
            ] {
                assert!(fods.contains(shown), "{shown} not shown as text");
            }
        }
    }
}

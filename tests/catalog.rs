//! The service catalog through its public doors: the built-in catalog loads and is complete,
//! broken catalogs are refused with messages naming file, service and field (library and
//! `layanan-desa catalog check`), and search puts the right service first for the way
//! officials and residents really type.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use layanan_desa::app::{self, App};
use layanan_desa::domain::catalog::{self, Category, IssueKind, Need};
use layanan_desa::platform::recording::Recording;

fn app() -> App {
    match App::builtin(Arc::new(Recording::default())) {
        Ok(app) => app,
        Err(e) => panic!("built-in catalog must load: {e}"),
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_layanan-desa"))
}

fn catalog_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/catalog"))
}

#[test]
fn builtin_catalog_is_complete() {
    let app = app();
    let catalog = app.catalog();
    assert!(
        catalog.services.len() >= 24,
        "only {} services",
        catalog.services.len()
    );
    let required = [
        "ktp-baru",
        "ktp-hilang",
        "ktp-rusak",
        "ktp-perubahan",
        "kk-baru",
        "kk-tambah-anggota",
        "kk-perubahan",
        "kk-hilang-rusak",
        "akta-kelahiran",
        "akta-kematian",
        "pindah-keluar",
        "pindah-dalam-kabupaten",
        "pindah-datang",
        "kia",
        "domisili",
        "sktm",
        "keterangan-usaha",
        "pengantar-skck",
        "pengantar-nikah",
        "keterangan-kehilangan",
        "sk-kelahiran",
        "sk-kematian",
        "beda-identitas",
        "izin-keramaian",
        "ahli-waris",
        // The services offices are asked most (issue 17).
        "aktivasi-ikd",
        "pembetulan-data",
        "izin-keluarga-pmi",
        "pengantar-bansos-dtsen",
        "keterangan-janda-duda",
        "keterangan-ghaib",
        "riwayat-tanah",
        "pengantar-jual-beli-tanah",
        "legalisir",
    ];
    for id in required {
        let s = catalog
            .service(id)
            .unwrap_or_else(|| panic!("service {id} missing"));
        assert!(
            !s.requirements.is_empty() && !s.steps.is_empty() && !s.source.is_empty(),
            "{id} incomplete"
        );
    }
    for s in &catalog.services {
        if s.category == Category::Dukcapil {
            assert_eq!(s.fee, 0, "{}: adminduk is free", s.id);
            for r in &s.requirements {
                assert!(
                    !r.label.to_lowercase().contains("pengantar"),
                    "{}: Perpres 96/2018 dropped pengantar: {}",
                    s.id,
                    r.label
                );
            }
        }
        for r in &s.requirements {
            if let Need::When(w) = &r.need {
                assert!(
                    w.starts_with("jika "),
                    "{}: write conditions as \"jika ...\": {w}",
                    s.id
                );
            }
        }
    }
    // The vocabulary and its synonyms came from data, not code.
    assert_eq!(
        catalog.vocabulary.synonyms.get("akte").map(String::as_str),
        Some("akta")
    );
}

#[test]
fn cli_check_accepts_the_builtin_catalog() {
    let out = bin()
        .args(["catalog", "check"])
        .arg(catalog_dir())
        .output()
        .expect("run binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("valid") && stdout.contains("layanan"),
        "{stdout}"
    );
}

/// Copies the built-in catalog into a temp dir and applies `edit` to one file.
fn broken_copy(file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in app::builtin_catalog_files() {
        let text = if *name == file {
            edit(text)
        } else {
            text.to_string()
        };
        std::fs::write(dir.path().join(name), text).expect("write copy");
    }
    dir
}

fn check_fails_naming(dir: &Path, needles: &[&str]) {
    let out = bin()
        .args(["catalog", "check"])
        .arg(dir)
        .output()
        .expect("run binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a broken catalog must fail");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "message should name {needle:?}:\n{stderr}"
        );
    }
}

/// Moving inside one kabupaten needs no SKPWNI (Permendagri 108/2019 Pasal 29): the three
/// moves are apart, only the moves across the kabupaten ask for it, and every condition that
/// asks for one says "dari luar Kab. Jember".
#[test]
fn an_skpwni_is_asked_only_for_a_move_across_the_kabupaten() {
    let app = app();
    let catalog = app.catalog();
    let within = catalog
        .service("pindah-dalam-kabupaten")
        .expect("the move inside Kab. Jember");
    assert!(
        within
            .requirements
            .iter()
            .all(|r| !r.label.to_lowercase().contains("skpwni")),
        "a move inside the kabupaten asks for no SKPWNI"
    );
    for id in ["pindah-keluar", "pindah-datang"] {
        let s = catalog.service(id).expect(id);
        assert!(s.name.contains("luar Kab. Jember"), "{}", s.name);
        assert!(
            s.requirements
                .iter()
                .any(|r| r.label.to_lowercase().contains("skpwni"))
                || s.steps.iter().any(|t| t.contains("SKPWNI")),
            "{id} is the SKPWNI move"
        );
    }
    let mut conditioned = 0;
    for s in &catalog.services {
        for r in &s.requirements {
            if let Need::When(when) = &r.need {
                if r.label.contains("SKPWNI") {
                    conditioned += 1;
                    assert!(when.contains("dari luar Kab. Jember"), "{}: {when}", s.id);
                }
            }
        }
    }
    assert!(
        conditioned >= 3,
        "KK baru, tambah anggota, KTP-el perubahan"
    );
    // Residents' words for a move inside Jember find it first.
    for query in [
        "pindah alamat",
        "pindah ke Ambulu",
        "pindah dari desa sebelah",
    ] {
        assert_eq!(
            app.search_ids(query).first().map(String::as_str),
            Some("pindah-dalam-kabupaten"),
            "{query}"
        );
    }
}

#[test]
fn cli_check_rejects_an_skpwni_for_a_move_inside_the_kabupaten() {
    let dir = broken_copy("dukcapil.toml", |t| {
        t.replacen(
            "when = \"jika datang dari luar Kab. Jember\"",
            "when = \"jika datang dari desa/kabupaten lain\"",
            1,
        )
    });
    check_fails_naming(
        dir.path(),
        &[
            "dukcapil.toml",
            "layanan \"kk-baru\"",
            "kolom \"requirement\"",
            "SKPWNI hanya untuk pindah antar kabupaten/kota",
        ],
    );
    // An SKPWNI added to the move inside the kabupaten is refused as well.
    let dir = broken_copy("dukcapil.toml", |t| {
        t.replacen(
            "label = \"Formulir biodata penduduk (F-1.01)\"",
            "label = \"SKPWNI dari desa asal\"",
            1,
        )
    });
    check_fails_naming(
        dir.path(),
        &["layanan \"pindah-dalam-kabupaten\"", "SKPWNI hanya untuk"],
    );
}

#[test]
fn cli_check_rejects_a_stamp_in_a_free_service() {
    let dir = broken_copy("surat-desa.toml", |t| {
        t.replacen(
            "detail = \"ditandatangani pemohon, tanpa meterai\"",
            "detail = \"ditandatangani pemohon di atas meterai\"",
            1,
        )
    });
    check_fails_naming(
        dir.path(),
        &[
            "layanan \"sktm\"",
            "kolom \"requirement\"",
            "meterai berarti biaya",
        ],
    );
}

/// Corrections a reviewer who knows adminduk asked for (issue 17), each in the catalog.
#[test]
fn reviewed_corrections_stay_in_the_catalog() {
    let app = app();
    let catalog = app.catalog();
    let service = |id: &str| catalog.service(id).unwrap_or_else(|| panic!("{id}"));
    // Pengantar nikah: the desa letter is free, a wedding outside the KUA or its hours is not.
    let nikah = service("pengantar-nikah");
    let fee = nikah.fee_label();
    assert!(
        fee.contains("Rp600.000") && fee.contains("PP 59/2018"),
        "{fee}"
    );
    assert!(nikah.name.contains("N1") && !nikah.name.contains("N4"));
    for needed in [
        "dispensasi kawin",
        "rekomendasi nikah",
        "dispensasi dari Camat",
    ] {
        assert!(
            nikah
                .requirements
                .iter()
                .any(|r| r.label.contains(needed) && matches!(r.need, Need::When(_))),
            "pengantar nikah lacks the condition {needed}"
        );
    }
    // KIA: KK and the parents' KTP-el are originals to be checked, and nothing claims the
    // kecamatan prints it without a source.
    let kia = service("kia");
    for label in ["KK orang tua atau wali", "KTP-el ayah dan ibu"] {
        let r = kia
            .requirements
            .iter()
            .find(|r| r.label == label)
            .expect(label);
        assert_eq!(
            r.detail_text().as_deref(),
            Some("asli ditunjukkan"),
            "{label}"
        );
    }
    assert!(kia
        .steps
        .iter()
        .all(|s| !s.contains("dicetak di kecamatan")));
    // SKTM is free and asks for no stamp.
    let sktm = service("sktm");
    assert_eq!(sktm.fee_label(), "Gratis");
    // A name change is no typo fix; education is not on the card.
    let ktp = service("ktp-perubahan");
    assert!(!ktp.aliases.iter().any(|a| a.contains("salah nama")));
    let note = ktp.note.as_deref().unwrap_or("");
    assert!(
        note.contains("Pasal 52") && note.contains("Pendidikan"),
        "{note}"
    );
    // A KK with a QR code is reprinted from its PDF: no police letter for it.
    let kk = service("kk-hilang-rusak");
    let police = kk
        .requirements
        .iter()
        .find(|r| r.label.contains("kepolisian"))
        .expect("police letter");
    assert!(matches!(&police.need, Need::When(w) if w.contains("tanpa kode QR")));
    // The heirs' letter comes from the desa where the deceased last lived.
    assert!(service("ahli-waris")
        .steps
        .iter()
        .any(|s| s.contains("tempat tinggal terakhir pewaris")));
}

#[test]
fn cli_check_rejects_a_duplicate_id() {
    let dir = broken_copy("surat-desa.toml", |t| {
        t.replacen("id = \"sktm\"", "id = \"domisili\"", 1)
    });
    check_fails_naming(
        dir.path(),
        &[
            "surat-desa.toml",
            "layanan \"domisili\"",
            "kolom \"id\"",
            "ganda",
        ],
    );
}

#[test]
fn cli_check_rejects_a_missing_source() {
    let dir = broken_copy("dukcapil.toml", |t| {
        t.replacen(
            "source = [\"Praktik layanan Dukcapil; J-Lahbako Dispendukcapil Jember (tambah anggota)\"]\n",
            "",
            1,
        )
    });
    check_fails_naming(
        dir.path(),
        &[
            "dukcapil.toml",
            "layanan \"kk-tambah-anggota\"",
            "kolom \"source\"",
            "wajib diisi",
        ],
    );
}

#[test]
fn cli_check_rejects_unknown_keys_empty_requirements_and_bad_toml() {
    let dir = broken_copy("dukcapil.toml", |t| {
        t.replacen("id = \"kia\"", "id = \"kia\"\nsumber = \"x\"", 1)
    });
    check_fails_naming(
        dir.path(),
        &[
            "dukcapil.toml",
            "layanan \"kia\"",
            "kolom \"sumber\"",
            "tidak dikenal",
        ],
    );

    let dir = broken_copy("surat-desa.toml", |t| {
        t.replacen("[[service]]\nid = \"domisili\"", "[[service]]\nid = \"domisili\"\nrequirement = []", 1).replace("[[service.requirement]]\nlabel = \"Surat pengantar RT/RW\"\nform = \"asli\"\n\n[[service.requirement]]\nlabel = \"KTP-el\"\nform = \"fotokopi\"\n\n[[service.requirement]]\nlabel = \"Kartu Keluarga (KK)\"\nform = \"fotokopi\"\n\n[[service]]\nid = \"sktm\"", "[[service]]\nid = \"sktm\"")
    });
    check_fails_naming(
        dir.path(),
        &[
            "surat-desa.toml",
            "layanan \"domisili\"",
            "kolom \"requirement\"",
            "tidak boleh kosong",
        ],
    );

    let dir = broken_copy("catalog.toml", |t| format!("{t}\n[vocabulary\n"));
    check_fails_naming(dir.path(), &["catalog.toml", "TOML"]);

    let out = bin()
        .args(["catalog", "check", "/nonexistent/katalog"])
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak bisa dibaca"));
}

/// Each row: a catalog text, and the (service, field, kind) of the issue it must produce.
#[test]
fn validation_names_service_field_and_kind() {
    let meta = "[catalog]\nname = \"uji\"\nversion = 1\ndate = \"2026-11-28\"\n";
    let good = r#"
[[service]]
id = "uji"
name = "Layanan uji"
category = "surat-desa"
processed_at = "desa"
submit_at = "desa"
pickup_at = "desa"
outcome = "surat-desa"
duration_days = { min = 0, max = 1 }
fee = 0
steps = ["datang"]
source = ["uji"]
[[service.requirement]]
label = "KTP-el"
"#;
    let cases: &[(&str, &str, Option<&str>, IssueKind)] = &[
        (
            "id = \"uji\"",
            "id = \"Uji Salah\"",
            Some("id"),
            IssueKind::InvalidValue,
        ),
        (
            "name = \"Layanan uji\"\n",
            "",
            Some("name"),
            IssueKind::MissingField,
        ),
        (
            "category = \"surat-desa\"",
            "category = \"lain\"",
            Some("category"),
            IssueKind::InvalidValue,
        ),
        (
            "processed_at = \"desa\"",
            "processed_at = \"kelurahan\"",
            Some("processed_at"),
            IssueKind::InvalidValue,
        ),
        // Every published service names where the resident goes and picks up the result.
        (
            "submit_at = \"desa\"\n",
            "",
            Some("submit_at"),
            IssueKind::MissingField,
        ),
        (
            "pickup_at = \"desa\"\n",
            "",
            Some("pickup_at"),
            IssueKind::MissingField,
        ),
        // J-Lahbako is the operator's online channel, not a counter a resident walks to.
        (
            "submit_at = \"desa\"",
            "submit_at = \"j-lahbako\"",
            Some("submit_at"),
            IssueKind::InvalidValue,
        ),
        (
            "fee = 0",
            "fee = \"gratis\"",
            Some("fee"),
            IssueKind::InvalidValue,
        ),
        (
            "duration_days = { min = 0, max = 1 }",
            "duration_days = { min = 3, max = 1 }",
            Some("duration_days"),
            IssueKind::InvalidValue,
        ),
        (
            "steps = [\"datang\"]",
            "steps = []",
            Some("steps"),
            IssueKind::EmptyField,
        ),
        (
            "source = [\"uji\"]",
            "source = [\"\"]",
            Some("source[1]"),
            IssueKind::EmptyField,
        ),
        (
            "label = \"KTP-el\"",
            "label = \"KTP-el\"\nform = \"salinan\"",
            Some("requirement[1].form"),
            IssueKind::InvalidValue,
        ),
        (
            "label = \"KTP-el\"",
            "label = \"KTP-el\"\noptional = true\nwhen = \"jika ada\"",
            Some("requirement[1]"),
            IssueKind::InvalidValue,
        ),
        (
            "label = \"KTP-el\"",
            "labels = \"KTP-el\"",
            Some("requirement[1].labels"),
            IssueKind::UnknownField,
        ),
    ];
    let ok = catalog::load(&[("a.toml", &format!("{meta}{good}"))]);
    assert!(ok.is_ok(), "{ok:?}");
    for (from, to, field, kind) in cases {
        let text = format!("{meta}{}", good.replacen(from, to, 1));
        let errors = match catalog::load(&[("a.toml", &text)]) {
            Ok(_) => panic!("{to:?} must be refused"),
            Err(e) => e,
        };
        assert!(
            errors
                .0
                .iter()
                .any(|i| i.file == "a.toml" && i.field.as_deref() == *field && i.kind == *kind),
            "{to:?}: expected {field:?} {kind:?}, got {errors}"
        );
    }
    // Adminduk is free by law.
    let text = format!(
        "{meta}{}",
        good.replacen("surat-desa\"", "dukcapil\"", 1)
            .replace("fee = 0", "fee = 5000")
    );
    let errors = catalog::load(&[("a.toml", &text)]).expect_err("a fee on dukcapil must fail");
    assert!(
        errors
            .0
            .iter()
            .any(|i| i.field.as_deref() == Some("fee") && i.message.contains("gratis")),
        "{errors}"
    );
    // A dukcapil service asking for an RT/RW pengantar breaks Perpres 96/2018.
    let text = format!(
        "{meta}{}",
        good.replacen("surat-desa\"", "dukcapil\"", 1)
            .replace("label = \"KTP-el\"", "label = \"Surat pengantar RT/RW\"")
    );
    assert!(catalog::load(&[("a.toml", &text)]).is_err());
    // No [catalog] section anywhere.
    let errors = catalog::load(&[("a.toml", good)]).expect_err("no meta must fail");
    assert!(errors.0.iter().any(|i| i.kind == IssueKind::NoMeta));
    // The same id in two files names the second file and the first.
    let errors =
        catalog::load(&[("a.toml", &format!("{meta}{good}")), ("b.toml", good)]).expect_err("dup");
    let dup = errors
        .0
        .iter()
        .find(|i| i.kind == IssueKind::DuplicateId)
        .expect("duplicate issue");
    assert_eq!(
        (dup.file.as_str(), dup.service.as_deref()),
        ("b.toml", Some("uji"))
    );
    assert!(dup.message.contains("a.toml"));
}

/// Realistic queries, informal and with typos, and the service that must come first.
const QUERIES: &[(&str, &str)] = &[
    ("akte lahir", "akta-kelahiran"),
    ("akta kelahiran", "akta-kelahiran"),
    ("bikin akte anak", "akta-kelahiran"),
    ("akta kelahran", "akta-kelahiran"),
    ("Akté Lahir", "akta-kelahiran"),
    ("akte mati", "akta-kematian"),
    ("akta kematain", "akta-kematian"),
    ("surat kematian dari desa", "sk-kematian"),
    ("surat lahir dari desa", "sk-kelahiran"),
    ("ktp ilang", "ktp-hilang"),
    ("e-ktp hilang", "ktp-hilang"),
    ("ktp rusak", "ktp-rusak"),
    ("e-ktp rusak", "ktp-rusak"),
    ("ktp patah", "ktp-rusak"),
    ("bikin ktp", "ktp-baru"),
    ("rekam ktp", "ktp-baru"),
    ("ktp-el baru", "ktp-baru"),
    ("ganti data ktp", "ktp-perubahan"),
    ("kk", "kk-baru"),
    ("bikin kk", "kk-baru"),
    ("pecah kk", "kk-baru"),
    ("tambah anak di kk", "kk-tambah-anggota"),
    ("kk ilang", "kk-hilang-rusak"),
    ("kk sobek", "kk-hilang-rusak"),
    ("ubah kk", "kk-perubahan"),
    ("surat pindah", "pindah-keluar"),
    ("skpwni", "pindah-keluar"),
    ("pindah masuk", "pindah-datang"),
    ("kartu anak", "kia"),
    ("kia", "kia"),
    ("sktm", "sktm"),
    ("surat miskin", "sktm"),
    ("surat tidak mampu buat sekolah", "sktm"),
    ("domisili", "domisili"),
    ("surat domisli", "domisili"),
    ("sku", "keterangan-usaha"),
    ("surat usaha buat kur", "keterangan-usaha"),
    ("skck", "pengantar-skck"),
    ("surat kelakuan baik", "pengantar-skck"),
    ("pengantar nikah", "pengantar-nikah"),
    ("mau nikah", "pengantar-nikah"),
    ("n1", "pengantar-nikah"),
    ("surat kehilangan dompet", "keterangan-kehilangan"),
    ("beda nama di ijazah", "beda-identitas"),
    ("ijin hajatan", "izin-keramaian"),
    ("izin keramean", "izin-keramaian"),
    ("warisan", "ahli-waris"),
    ("surat ahli waris", "ahli-waris"),
    ("belum nikah", "belum-menikah"),
    (
        "surat penghasilan ortu buat beasiswa",
        "keterangan-penghasilan",
    ),
    // Words of loss and damage outweigh the bare document name (issue 17).
    ("kartu keluarga hilang", "kk-hilang-rusak"),
    ("pak kartu keluarga saya ilang", "kk-hilang-rusak"),
    ("kartu keluarga saya rusak kena banjir", "kk-hilang-rusak"),
    ("kk sobek", "kk-hilang-rusak"),
    ("kartu keluarga", "kk-baru"),
    ("bikin kartu keluarga", "kk-baru"),
    ("ktp saya ilang pak", "ktp-hilang"),
    ("e-ktp robek", "ktp-rusak"),
    // Words of direction choose between the two moves.
    ("Saya pindahan dari Banyuwangi", "pindah-datang"),
    ("pindah dari surabaya ke wonojati", "pindah-datang"),
    ("mau pindah ke surabaya", "pindah-keluar"),
    ("surat pindah keluar", "pindah-keluar"),
    // The three moves (issue 17): inside Kab. Jember needs no SKPWNI.
    ("pindah alamat", "pindah-dalam-kabupaten"),
    ("pindah domisili ke desa lain", "pindah-dalam-kabupaten"),
    ("pindahan dari kaliwates", "pindah-dalam-kabupaten"),
    ("pindah ke luar jember", "pindah-keluar"),
    // The services added for issue 17, as residents write them.
    ("ktp digital", "aktivasi-ikd"),
    ("ktp di hp gimana caranya", "aktivasi-ikd"),
    ("mau aktivasi ikd", "aktivasi-ikd"),
    ("akte salah nama", "pembetulan-data"),
    ("kk salah ketik", "pembetulan-data"),
    ("nama di akta beda sama ijazah", "pembetulan-data"),
    ("surat izin tkw", "izin-keluarga-pmi"),
    (
        "mau kerja ke malaysia butuh surat izin",
        "izin-keluarga-pmi",
    ),
    ("daftar bpjs pbi", "pengantar-bansos-dtsen"),
    ("bpjs saya nonaktif", "pengantar-bansos-dtsen"),
    ("daftar bansos pkh", "pengantar-bansos-dtsen"),
    ("surat keterangan janda", "keterangan-janda-duda"),
    ("surat rondo buat pensiun", "keterangan-janda-duda"),
    ("surat ghoib", "keterangan-ghaib"),
    ("suami minggat mau cerai", "keterangan-ghaib"),
    ("riwayat tanah", "riwayat-tanah"),
    ("daftar ptsl", "riwayat-tanah"),
    ("letter c", "riwayat-tanah"),
    ("jual beli tanah", "pengantar-jual-beli-tanah"),
    ("ajb", "pengantar-jual-beli-tanah"),
    ("legalisir kk", "legalisir"),
    ("legalisir akte kelahiran buat daftar sekolah", "legalisir"),
    // ... and the old ones keep their place beside them.
    ("surat miskin buat bpjs", "sktm"),
];

#[test]
fn search_puts_the_right_service_first() {
    let app = app();
    assert!(QUERIES.len() >= 40);
    let mut wrong = Vec::new();
    for (query, expected) in QUERIES {
        let ids = app.search_ids(query);
        if ids.first().map(String::as_str) != Some(*expected) {
            wrong.push(format!(
                "{query:?}: expected {expected}, got {:?}",
                ids.iter().take(3).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn search_finds_nothing_for_nonsense_and_ignores_filler() {
    let app = app();
    assert!(app.search_ids("qwertyuiop").is_empty());
    assert!(app.search_ids("").is_empty());
    assert!(app.search_ids("  pak, mohon info ").is_empty());
    // A word of intent alone is no service: "dari", "ke", "hilang" re-rank, never find.
    assert!(app.search_ids("dari ke").is_empty());
    // ... and never lifts a service that shares only a common word with the message.
    assert_eq!(
        app.search_ids("surat domisili, pengantar dari RT")
            .first()
            .map(String::as_str),
        Some("domisili")
    );
    // An empty query lists the whole catalog in its own order.
    assert_eq!(app.catalog_list("").len(), app.catalog().services.len());
}

#[test]
fn cli_search_prints_ranked_ids() {
    let out = bin()
        .args(["catalog", "search", "akte lahir"])
        .output()
        .expect("run binary");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().next(), Some("akta-kelahiran"), "{stdout}");

    let out = bin()
        .args(["catalog", "search", "zzzz"])
        .output()
        .expect("run binary");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Tidak ada layanan"));
}

/// Issue 19: a lead time is not a processing time. Izin keramaian's "14 hari kerja sebelum
/// acara" is its `lead_days`, shown as "Batas pengajuan"; its processing at the village is
/// 0–1 working day, which is what the Laporan measures overdue against. A bad `lead_days` is
/// refused by `catalog check` naming the service and the field.
#[test]
fn a_lead_time_is_its_own_field_and_not_the_processing_time() {
    let app = app();
    let catalog = app.catalog();
    let keramaian = catalog.service("izin-keramaian").expect("izin keramaian");
    assert_eq!(keramaian.lead_days, Some(14));
    assert_eq!(keramaian.duration.max_days, 1);
    let view = app.service_view("izin-keramaian").expect("view");
    assert_eq!(
        view.lead.as_deref(),
        Some("Ajukan paling lambat 14 hari kerja sebelum acara.")
    );
    assert_eq!(
        catalog
            .services
            .iter()
            .filter(|s| s.lead_days.is_some())
            .count(),
        1
    );
    let dir = broken_copy("surat-desa.toml", |text| {
        text.replace("lead_days = 14", "lead_days = \"dua minggu\"")
    });
    check_fails_naming(
        dir.path(),
        &["izin-keramaian", "lead_days", "harus berupa angka"],
    );
}

//! Launch only: with no arguments the desktop preview opens at phone size; the maintainer
//! commands (`catalog check|search|keygen|publish`, `wa-link`, `intake`, `report`, `dev seed`)
//! print to the terminal.

#[cfg(feature = "desktop")]
mod cli {
    //! The command line of the desktop build.
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::sync::Arc;

    use clap::{Parser, Subcommand};
    use layanan_desa::app::{self, App};
    use layanan_desa::platform;

    #[derive(Parser)]
    #[command(
        name = "layanan-desa",
        version,
        about = "Layanan Desa: persyaratan, berkas dan balasan WhatsApp untuk perangkat desa"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Katalog layanan: periksa folder katalog atau cari layanan.
        Catalog {
            #[command(subcommand)]
            command: CatalogCommand,
        },
        /// Cetak tautan wa.me untuk nomor dan teks, atau alasan nomor ditolak.
        WaLink {
            #[arg(long)]
            phone: String,
            #[arg(long, default_value = "")]
            text: String,
        },
        /// Baca pesan warga: layanan yang disarankan, nomor WhatsApp dan nama bila ada.
        Intake { text: String },
        /// Laporan waktu tunggu satu periode dari file database (sama dengan layar Laporan).
        Report {
            #[arg(long)]
            db: PathBuf,
            /// Tanggal awal (menurut "Pesan masuk", atau tanggal siap dengan --menurut siap),
            /// mis. 2026-11-01 atau 01/11/2026.
            #[arg(long)]
            from: String,
            /// Tanggal akhir, ikut dihitung.
            #[arg(long)]
            to: String,
            /// Berkas yang dihitung: "masuk" (pesan masuk dalam periode, bawaan) atau "siap"
            /// (menjadi siap dalam periode).
            #[arg(long, default_value = "masuk")]
            menurut: String,
            /// Tulis ringkasan per layanan ke file CSV ini.
            #[arg(long)]
            csv: Option<PathBuf>,
            /// Tulis daftar berkas periode ini ke file CSV ini.
            #[arg(long)]
            cases_csv: Option<PathBuf>,
            /// Waktu "sekarang" dalam milidetik UTC (untuk uji; bawaan: jam komputer).
            #[arg(long, hide = true)]
            now_ms: Option<i64>,
        },
        /// Perintah pemelihara: data sintetis dan uji ketahanan.
        Dev {
            #[command(subcommand)]
            command: DevCommand,
        },
    }

    #[derive(Subcommand)]
    enum DevCommand {
        /// Isi file database dengan N berkas sintetis (untuk benchmark).
        Seed {
            #[arg(long)]
            cases: usize,
            #[arg(long)]
            db: PathBuf,
            #[arg(long, default_value_t = 42)]
            seed: u64,
        },
        /// Tulis berkas dan peristiwa terus-menerus, cetak setiap id yang sudah tersimpan
        /// (dipakai uji SIGKILL).
        #[command(hide = true)]
        WriteLoop {
            #[arg(long)]
            db: PathBuf,
        },
    }

    #[derive(Subcommand)]
    enum CatalogCommand {
        /// Periksa semua file .toml di folder katalog; keluar dengan kode bukan 0 bila ada masalah.
        Check { dir: PathBuf },
        /// Buat pasangan kunci penandatangan katalog: kunci rahasia ke file, kunci publik dicetak.
        Keygen {
            /// File kunci rahasia (tidak ditimpa bila sudah ada).
            #[arg(long)]
            out: PathBuf,
        },
        /// Tandatangani folder katalog menjadi berkas pembaruan yang diperiksa aplikasi.
        Publish {
            dir: PathBuf,
            /// File kunci rahasia dari `catalog keygen`.
            #[arg(long)]
            key: PathBuf,
            /// Berkas pembaruan yang ditulis (JSON bertanda tangan).
            #[arg(long)]
            out: PathBuf,
            /// Versi aplikasi terbaru (opsional, bersama --apk-url dan --apk-sha256).
            #[arg(long, requires_all = ["apk_url", "apk_sha256"])]
            app_version: Option<String>,
            #[arg(long)]
            apk_url: Option<String>,
            #[arg(long)]
            apk_sha256: Option<String>,
            /// Apa yang berubah di versi aplikasi itu.
            #[arg(long, default_value = "")]
            app_changes: String,
        },
        /// Cetak id layanan yang cocok, terbaik dulu.
        Search {
            query: String,
            /// Folder katalog lain (bawaan: katalog di dalam aplikasi).
            #[arg(long)]
            dir: Option<PathBuf>,
        },
    }

    pub fn run() -> anyhow::Result<ExitCode> {
        let cli = Cli::parse();
        let Some(command) = cli.command else {
            let app = App::start_or_catalog_only(platform::native())?;
            layanan_desa::ui::launch_desktop(Arc::new(app));
            return Ok(ExitCode::SUCCESS);
        };
        match command {
            Command::Catalog {
                command: CatalogCommand::Check { dir },
            } => match app::check_catalog_dir(&dir) {
                Ok(catalog) => {
                    println!(
                        "Katalog \"{}\" versi {} ({}) valid: {} layanan.",
                        catalog.meta.name,
                        catalog.meta.version,
                        catalog.meta.date,
                        catalog.services.len()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprint!("{e}");
                    Ok(ExitCode::FAILURE)
                }
            },
            Command::Catalog {
                command: CatalogCommand::Search { query, dir },
            } => {
                let app = match dir {
                    Some(dir) => {
                        let catalog = match app::check_catalog_dir(&dir) {
                            Ok(catalog) => catalog,
                            Err(e) => {
                                eprint!("{e}");
                                return Ok(ExitCode::FAILURE);
                            }
                        };
                        App::new(catalog, Vec::new(), Default::default(), platform::native())
                    }
                    None => App::builtin(platform::native())?,
                };
                let ids = app.search_ids(&query);
                if ids.is_empty() {
                    eprintln!("Tidak ada layanan yang cocok dengan \"{query}\".");
                    return Ok(ExitCode::FAILURE);
                }
                for id in ids {
                    println!("{id}");
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Catalog {
                command: CatalogCommand::Keygen { out },
            } => {
                use layanan_desa::app::catalog_update::{new_secret_key, secret_key_text};
                if out.exists() {
                    eprintln!("{} sudah ada; kunci lama tidak ditimpa.", out.display());
                    return Ok(ExitCode::FAILURE);
                }
                let secret = new_secret_key()?;
                crate::write_private(&out, secret_key_text(&secret).as_bytes())?;
                println!(
                    "Kunci rahasia: {} (simpan baik-baik, jangan dibagikan)",
                    out.display()
                );
                println!(
                    "Kunci publik: {}",
                    layanan_desa::domain::bundle::public_key_text(&secret)
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::Catalog {
                command:
                    CatalogCommand::Publish {
                        dir,
                        key,
                        out,
                        app_version,
                        apk_url,
                        apk_sha256,
                        app_changes,
                    },
            } => {
                use layanan_desa::app::catalog_update::{parse_secret_key, publish_dir};
                let secret = parse_secret_key(&std::fs::read_to_string(&key)?)?;
                let app = match (app_version, apk_url, apk_sha256) {
                    (Some(version), Some(apk_url), Some(sha256)) => {
                        Some(layanan_desa::domain::bundle::AppRelease {
                            version,
                            apk_url,
                            sha256,
                            changes: app_changes,
                        })
                    }
                    _ => None,
                };
                match publish_dir(&dir, &secret, app) {
                    Ok(bytes) => {
                        let tmp = out.with_extension("sementara");
                        std::fs::write(&tmp, &bytes)?;
                        std::fs::rename(&tmp, &out)?;
                        println!(
                            "Berkas pembaruan ditulis: {} ({} bita).",
                            out.display(),
                            bytes.len()
                        );
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        Ok(ExitCode::FAILURE)
                    }
                }
            }
            Command::Dev {
                command: DevCommand::Seed { cases, db, seed },
            } => {
                let app = App::builtin(platform::native())?;
                let mut store = layanan_desa::store::Store::open(&db)?;
                let now = chrono::Utc::now().timestamp_millis();
                let started = std::time::Instant::now();
                layanan_desa::app::seed::seed(&mut store, &app.catalog(), cases, now, seed)?;
                println!(
                    "{} berkas sintetis ditulis ke {} dalam {:.1} detik (total {} berkas).",
                    cases,
                    db.display(),
                    started.elapsed().as_secs_f64(),
                    store.case_count()?
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::Dev {
                command: DevCommand::WriteLoop { db },
            } => crate::write_loop::run(&db),
            Command::Report {
                db,
                from,
                to,
                menurut,
                csv,
                cases_csv,
                now_ms,
            } => crate::report::run(&db, &from, &to, &menurut, csv, cases_csv, now_ms),
            Command::Intake { text } => {
                let app = App::builtin(platform::native())?;
                let intake = app.intake(&text);
                for id in &intake.services {
                    println!("layanan: {id}");
                }
                if let Some(phone) = &intake.phone {
                    println!("nomor: {}", phone.digits());
                }
                if let Some(name) = &intake.name {
                    println!("nama: {name}");
                }
                if intake.services.is_empty() && intake.phone.is_none() && intake.name.is_none() {
                    eprintln!("Tidak ada layanan, nomor atau nama yang dikenali; pesan tetap bisa dicatat sebagai berkas.");
                    return Ok(ExitCode::FAILURE);
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::WaLink { phone, text } => {
                let app = App::builtin(platform::native())?;
                match app.prepare_chat(&phone, &text) {
                    Ok(chat) => {
                        println!("{}", chat.link);
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        eprintln!("{e}");
                        Ok(ExitCode::FAILURE)
                    }
                }
            }
        }
    }
}

/// Writes a file only its owner can read (a secret key).
#[cfg(feature = "desktop")]
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

#[cfg(feature = "desktop")]
mod report {
    //! `layanan-desa report`: the Laporan of a database file, printed as the screen shows it.
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use layanan_desa::app::office::OfficeProfile;
    use layanan_desa::app::report::{facts, report_of};
    use layanan_desa::app::App;
    use layanan_desa::domain::report::{self, Basis, Period, Scope};
    use layanan_desa::platform;
    use layanan_desa::store::Store;

    pub fn run(
        db: &Path,
        from: &str,
        to: &str,
        basis: &str,
        csv: Option<PathBuf>,
        cases_csv: Option<PathBuf>,
        now_ms: Option<i64>,
    ) -> anyhow::Result<ExitCode> {
        let period = match Period::parse(from, to) {
            Ok(period) => period,
            Err(e) => {
                eprintln!("{e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        let Some(basis) = Basis::from_key(basis.trim()) else {
            eprintln!("--menurut \"{basis}\" tidak dikenal: tulis \"masuk\" atau \"siap\".");
            return Ok(ExitCode::FAILURE);
        };
        if !db.is_file() {
            eprintln!("File database {} tidak ditemukan.", db.display());
            return Ok(ExitCode::FAILURE);
        }
        let app = App::builtin(platform::native())?;
        let store = Store::open(db)?;
        let (office, notice) = OfficeProfile::load(&store)?;
        if let Some(notice) = notice {
            eprintln!("{notice}");
        }
        let now = now_ms.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
        let scope = Scope { period, basis };
        let report = report_of(&store, &app.catalog(), &office.hours, scope, now)?;
        println!("{}", report::summary_text(&report, &office.village));
        if let Some(path) = csv {
            std::fs::write(&path, report::summary_csv(&report)?)?;
            eprintln!("Ringkasan CSV ditulis ke {}", path.display());
        }
        if let Some(path) = cases_csv {
            let facts = facts(&store, &app.catalog(), period)?;
            let csv = report::cases_csv(&facts, period, basis, &office.hours)?;
            std::fs::write(&path, csv)?;
            eprintln!("Daftar berkas CSV ditulis ke {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(feature = "desktop")]
mod write_loop {
    //! The child process of the durability test: writes cases and events forever and prints
    //! each id only after its transaction committed, so every printed id must survive SIGKILL.
    use std::io::Write;
    use std::path::Path;
    use std::process::ExitCode;

    use layanan_desa::app::App;
    use layanan_desa::app::{CaseBook, CaseForm, SystemClock};
    use layanan_desa::platform;
    use layanan_desa::store::Store;

    pub fn run(db: &Path) -> anyhow::Result<ExitCode> {
        let app = App::builtin(platform::native())?;
        let ids: Vec<String> = app
            .catalog()
            .services
            .iter()
            .map(|s| s.id.to_string())
            .collect();
        let mut book = CaseBook::new(Store::open(db)?, Box::new(SystemClock));
        let mut out = std::io::stdout().lock();
        for n in 0u64.. {
            let form = CaseForm {
                resident_name: format!("Warga Uji {n}"),
                phone: "0812 3456 7890".into(),
                service_id: ids[(n as usize) % ids.len()].clone(),
                ..CaseForm::default()
            };
            let case = book.open_case(&form, &app.catalog(), "uji", &app.office().hours)?;
            writeln!(out, "case {}", case.id)?;
            out.flush()?;
            book.receive(&case.id, 0, "uji")?;
            book.add_note(&case.id, &format!("catatan {n}"), "uji")?;
            writeln!(out, "note {} catatan {n}", case.id)?;
            out.flush()?;
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(feature = "desktop")]
fn main() -> anyhow::Result<std::process::ExitCode> {
    cli::run()
}

#[cfg(all(feature = "mobile", not(feature = "desktop")))]
fn main() {
    match layanan_desa::app::App::start_or_catalog_only(layanan_desa::platform::native()) {
        Ok(app) => layanan_desa::ui::launch_mobile(std::sync::Arc::new(app)),
        // The built-in catalog is checked by the tests; reaching this is a build mistake.
        Err(e) => eprintln!("{e}"),
    }
}

/// Built as a library only (the fuzz targets): there is nothing to launch.
#[cfg(not(any(feature = "desktop", feature = "mobile")))]
fn main() {
    eprintln!(
        "layanan-desa dibangun tanpa fitur `desktop` atau `mobile`: tidak ada yang dijalankan."
    );
}

//! The command line of the desktop build: maintainer commands that print to the terminal
//! (`catalog check|search|keygen|publish`, `report`, `wa-link`, `intake`, `dev seed`). Each goes
//! through the same `app` entry points the screens use; `main` hands in the platform.

mod catalog;
mod dev;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use layanan_desa::app::App;
use layanan_desa::platform::Platform;

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
pub enum Command {
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
pub enum DevCommand {
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
pub enum CatalogCommand {
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

/// The command asked for; `None` opens the desktop preview.
pub fn parse() -> Option<Command> {
    Cli::parse().command
}

pub fn run(command: Command, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    match command {
        Command::Catalog { command } => catalog::run(command, platform),
        Command::Report {
            db,
            from,
            to,
            menurut,
            csv,
            cases_csv,
            now_ms,
        } => report::run(
            platform,
            report::Ask {
                db,
                from,
                to,
                basis: menurut,
                csv,
                cases_csv,
                now_ms,
            },
        ),
        Command::Dev { command } => dev::run(command, platform),
        Command::Intake { text } => intake(&text, platform),
        Command::WaLink { phone, text } => wa_link(&phone, &text, platform),
    }
}

/// `intake`: what the app reads from a resident's message.
fn intake(text: &str, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    let app = App::builtin(platform)?;
    let intake = app.intake(text);
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

/// `wa-link`: the wa.me link for a number and text, or why the number is refused.
fn wa_link(phone: &str, text: &str, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    let app = App::builtin(platform)?;
    match app.prepare_chat(phone, text) {
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

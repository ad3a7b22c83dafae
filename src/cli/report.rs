//! `report --db`: the Laporan of a case-book file, printed as the screen shows it, with both
//! CSV files on request. The book is read through the same app entry points as the screen
//! (its own catalog, office profile and hours), so the two cannot disagree.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use layanan_desa::app::App;
use layanan_desa::domain::report::{Basis, Period, Scope};
use layanan_desa::platform::Platform;

/// What was asked on the command line.
pub struct Ask {
    pub db: PathBuf,
    pub from: String,
    pub to: String,
    /// `masuk` or `siap`.
    pub basis: String,
    pub csv: Option<PathBuf>,
    pub cases_csv: Option<PathBuf>,
    pub now_ms: Option<i64>,
}

pub fn run(platform: Arc<dyn Platform>, ask: Ask) -> anyhow::Result<ExitCode> {
    let period = match Period::parse(&ask.from, &ask.to) {
        Ok(period) => period,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let Some(basis) = Basis::from_key(ask.basis.trim()) else {
        eprintln!(
            "--menurut \"{}\" tidak dikenal: tulis \"masuk\" atau \"siap\".",
            ask.basis
        );
        return Ok(ExitCode::FAILURE);
    };
    if !ask.db.is_file() {
        eprintln!("File database {} tidak ditemukan.", ask.db.display());
        return Ok(ExitCode::FAILURE);
    }
    let app = App::over_book_file(platform, &ask.db, ask.now_ms)?;
    if let Some(notice) = app.startup_notice() {
        eprintln!("{notice}");
    }
    let scope = Scope { period, basis };
    println!("{}", app.summary_text(scope)?);
    if ask.csv.is_some() || ask.cases_csv.is_some() {
        let (summary, cases) = app.report_csv_bytes(scope)?;
        if let Some(path) = ask.csv {
            std::fs::write(&path, summary)?;
            eprintln!("Ringkasan CSV ditulis ke {}", path.display());
        }
        if let Some(path) = ask.cases_csv {
            std::fs::write(&path, cases)?;
            eprintln!("Daftar berkas CSV ditulis ke {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

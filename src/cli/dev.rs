//! `dev seed|write-loop`: maintainer tools. `seed` fills a case-book file with synthetic cases
//! for the benchmarks; `write-loop` is the child process of the durability test: it writes
//! cases and events forever and prints each id only after its transaction committed, so every
//! printed id must survive SIGKILL.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use layanan_desa::app::{App, CaseBook, CaseForm, SystemClock};
use layanan_desa::platform::Platform;
use layanan_desa::store::Store;

use super::DevCommand;

pub fn run(command: DevCommand, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    match command {
        DevCommand::Seed { cases, db, seed } => {
            let app = App::builtin(platform)?;
            let mut store = Store::open(&db)?;
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
        DevCommand::WriteLoop { db } => write_loop(&db, platform),
    }
}

fn write_loop(db: &Path, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    let app = App::builtin(platform)?;
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

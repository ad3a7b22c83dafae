//! `catalog check|search|keygen|publish`: the kabupaten's and maintainers' catalog work. A
//! folder is checked with every problem named; a secret key is written only its owner can
//! read; a bundle is written under a temporary name, then moved.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use layanan_desa::app::catalog_update::{
    new_secret_key, parse_secret_key, publish_dir, secret_key_text,
};
use layanan_desa::app::{self, App};
use layanan_desa::domain::bundle::{public_key_text, AppRelease};
use layanan_desa::platform::Platform;

use super::CatalogCommand;

pub fn run(command: CatalogCommand, platform: Arc<dyn Platform>) -> anyhow::Result<ExitCode> {
    match command {
        CatalogCommand::Check { dir } => match app::check_catalog_dir(&dir) {
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
        CatalogCommand::Search { query, dir } => {
            let app = match dir {
                Some(dir) => match app::check_catalog_dir(&dir) {
                    Ok(catalog) => App::new(catalog, Vec::new(), Default::default(), platform),
                    Err(e) => {
                        eprint!("{e}");
                        return Ok(ExitCode::FAILURE);
                    }
                },
                None => App::builtin(platform)?,
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
        CatalogCommand::Keygen { out } => {
            if out.exists() {
                eprintln!("{} sudah ada; kunci lama tidak ditimpa.", out.display());
                return Ok(ExitCode::FAILURE);
            }
            let secret = new_secret_key()?;
            write_private(&out, secret_key_text(&secret).as_bytes())?;
            println!(
                "Kunci rahasia: {} (simpan baik-baik, jangan dibagikan)",
                out.display()
            );
            println!("Kunci publik: {}", public_key_text(&secret));
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Publish {
            dir,
            key,
            out,
            app_version,
            apk_url,
            apk_sha256,
            app_changes,
        } => {
            let secret = parse_secret_key(&std::fs::read_to_string(&key)?)?;
            let release = match (app_version, apk_url, apk_sha256) {
                (Some(version), Some(apk_url), Some(sha256)) => Some(AppRelease {
                    version,
                    apk_url,
                    sha256,
                    changes: app_changes,
                }),
                _ => None,
            };
            match publish_dir(&dir, &secret, release) {
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
    }
}

/// Writes a file only its owner can read (a secret key).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

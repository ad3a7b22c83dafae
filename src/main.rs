//! Launch only: with no arguments the desktop preview opens at phone size; the maintainer
//! commands (`catalog check`, `catalog search`, `wa-link`) print to the terminal.

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
    }

    #[derive(Subcommand)]
    enum CatalogCommand {
        /// Periksa semua file .toml di folder katalog; keluar dengan kode bukan 0 bila ada masalah.
        Check { dir: PathBuf },
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
            layanan_desa::ui::launch_desktop(Arc::new(App::builtin(platform::native())?));
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

#[cfg(feature = "desktop")]
fn main() -> anyhow::Result<std::process::ExitCode> {
    cli::run()
}

#[cfg(not(feature = "desktop"))]
fn main() {
    layanan_desa::ui::launch_mobile();
}

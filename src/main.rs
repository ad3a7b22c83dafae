//! Entry points only: `main` picks the platform, then opens the desktop preview at phone size
//! (no arguments), runs a maintainer command (`src/cli/`), or starts the app inside the
//! Android activity.

#[cfg(feature = "desktop")]
mod cli;

#[cfg(feature = "desktop")]
fn main() -> anyhow::Result<std::process::ExitCode> {
    let platform = layanan_desa::platform::native();
    match cli::parse() {
        Some(command) => cli::run(command, platform),
        None => {
            let app = layanan_desa::app::App::start_or_catalog_only(platform)?;
            layanan_desa::ui::launch_desktop(std::sync::Arc::new(app));
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
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

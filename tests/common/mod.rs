//! The test phone: one way for a test to get an `App` over a real SQLite file in its own
//! folder, with a clock it moves by hand and the recording platform, seeded or with settings
//! written before the app starts. Replaces the Store -> CaseBook -> App set-up each test file
//! used to copy.
//!
//! ```ignore
//! let phone = TestPhone::new(dir.path()).at(NOW).seeded(40, 7);
//! let app = phone.start();
//! phone.platform.opened(); // what the app asked of the phone
//! ```
#![allow(dead_code)] // each test file uses the part it needs

pub mod dav;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use layanan_desa::app::{App, CaseBook, ManualClock, DB_FILE};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::Store;

pub struct TestPhone {
    /// The phone's data folder; the case book is `DB_FILE` in it.
    pub dir: PathBuf,
    pub platform: Recording,
    pub clock: Arc<ManualClock>,
    seed: Option<(usize, u64)>,
    settings: Vec<(String, String)>,
    /// Seeds and settings are written at the first start only.
    started: Cell<bool>,
}

impl TestPhone {
    /// A phone keeping its data in `dir`, a default device, its clock at 0 until `at`.
    pub fn new(dir: &Path) -> TestPhone {
        TestPhone {
            dir: dir.to_path_buf(),
            platform: Recording::new(Device::default()).with_data_dir(dir.to_path_buf()),
            clock: Arc::new(ManualClock::new(0)),
            seed: None,
            settings: Vec::new(),
            started: Cell::new(false),
        }
    }

    /// The clock stands at `now_ms`.
    pub fn at(mut self, now_ms: i64) -> TestPhone {
        self.clock = Arc::new(ManualClock::new(now_ms));
        self
    }

    /// A clock the test keeps to move time.
    pub fn clock(mut self, clock: &Arc<ManualClock>) -> TestPhone {
        self.clock = clock.clone();
        self
    }

    /// Another platform (a chosen device, a share folder); the test keeps a clone to read it.
    pub fn platform(mut self, platform: Recording) -> TestPhone {
        self.platform = platform;
        self
    }

    /// `cases` synthetic cases (`dev seed`) written before the app starts, from `seed`.
    pub fn seeded(mut self, cases: usize, seed: u64) -> TestPhone {
        self.seed = Some((cases, seed));
        self
    }

    /// A setting written into the book before the app starts.
    pub fn setting(mut self, key: &str, value: &str) -> TestPhone {
        self.settings.push((key.to_string(), value.to_string()));
        self
    }

    pub fn db(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// Starts the app on the phone's folder, as a start of the phone would (nothing in memory
    /// from an earlier start). May be called again for the next start.
    pub fn start(&self) -> App {
        std::fs::create_dir_all(&self.dir).expect("phone folder");
        let mut store = Store::open(&self.db()).expect("open the case book");
        let now = {
            use layanan_desa::app::Clock;
            self.clock.now_ms()
        };
        let first = !self.started.replace(true);
        if let Some((cases, seed)) = self.seed.filter(|_| first) {
            let catalog = App::builtin(Arc::new(Recording::new(Device::default())))
                .expect("built-in app")
                .catalog();
            layanan_desa::app::seed::seed(&mut store, &catalog, cases, now, seed).expect("seed");
        }
        if first && !self.settings.is_empty() {
            let pairs: Vec<(&str, &str)> = self
                .settings
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            store.set_settings(&pairs, now).expect("settings");
        }
        App::builtin(Arc::new(self.platform.clone()))
            .expect("built-in app")
            .with_case_book(CaseBook::new(store, Box::new(self.clock.clone())), None)
            .expect("case book")
    }
}

/// An office catalog file ("Layanan tambahan kantor") with one village letter of its own:
/// `id`, `name`, done within `max_days` days, one requirement (a copy of the KTP-el).
pub fn office_service(id: &str, name: &str, max_days: u8) -> String {
    format!(
        r#"[[service]]
id = "{id}"
name = "{name}"
category = "surat-desa"
processed_at = "desa"
submit_at = "desa"
pickup_at = "desa"
outcome = "surat-desa"
duration_days = {{ min = 0, max = {max_days} }}
fee = 0
steps = ["Bawa berkas ke kantor desa."]
source = ["Kantor Desa Wonojati"]

[[service.requirement]]
label = "KTP-el"
form = "fotokopi"
"#
    )
}

//! Use cases: what an official does, in the words of the domain, with the catalog, templates,
//! office profile and platform owned here. Screens call these and render the plain view
//! structs they return; nothing here knows Dioxus.

pub mod backup;
mod book_files;
pub mod case_book;
pub mod case_form;
pub mod case_steps;
pub mod case_views;
pub mod catalog_update;
pub mod clock;
pub mod daily_copy;
pub mod display;
mod drafts;
mod error;
pub mod fingerprint;
pub mod first_start;
mod intake;
pub mod lock;
mod messages;
pub mod office;
pub mod offsite;
pub mod phone_code;
pub mod privacy;
pub mod reminders;
mod reply_templates;
pub mod report;
pub mod seed;
mod services;
pub mod sync;
pub mod sync_folder;
pub mod tell_ready;
pub mod views;
pub mod wipe;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::domain::catalog::{self, Catalog};
use crate::domain::search::SearchIndex;
use crate::domain::template::{self, NamedTemplate};
use crate::platform::Platform;
use crate::store::Store;

use book_files::{mark_damaged, remove_plain_leftovers};
use daily_copy::{daily_copy, todays_copy};

pub use book_files::DAMAGE_MARK;
pub use case_book::{new_id, open_case_book, CaseBook, Opened, DB_FILE};
pub use case_form::{validate_form, CaseForm};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{AppError, FieldError};
pub use office::OfficeProfile;
pub use services::{check_catalog_dir, read_catalog_dir};
pub use views::{RequirementView, ServiceSummary, ServiceView};

mod embedded {
    //! The catalog and templates shipped inside the binary (see build.rs).
    include!(concat!(env!("OUT_DIR"), "/embedded_assets.rs"));
}

/// The built-in catalog files, `(file name, TOML)`.
pub fn builtin_catalog_files() -> &'static [(&'static str, &'static str)] {
    embedded::CATALOG_FILES
}

/// The id of the template that sends a service's requirements.
pub const REQUIREMENTS_TEMPLATE: &str = "persyaratan";

/// How long a background job waits after a failed round (no signal, server down): exponential
/// backoff from 5 minutes to 6 hours with full jitter, never under a minute. Counts the failure.
/// `N` bytes from the operating system's random source, or the error in words.
pub(crate) fn os_random<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|e| AppError::NoRandomness(e.to_string()))?;
    Ok(bytes)
}

pub(crate) fn failed_round_wait(failures: &mut u32) -> std::time::Duration {
    use std::time::Duration;
    let mut draw = [0u8; 4];
    let unit = match getrandom::getrandom(&mut draw) {
        Ok(()) => f64::from(u32::from_le_bytes(draw)) / f64::from(u32::MAX),
        Err(_) => 0.5,
    };
    let wait = crate::net::backoff(
        *failures,
        Duration::from_secs(5 * 60),
        Duration::from_secs(6 * 60 * 60),
        unit,
    );
    *failures = failures.saturating_add(1);
    wait.max(Duration::from_secs(60))
}

/// Adds `text` to what a slot tells, once: the same words twice are said once.
fn append_once(slot: &Mutex<Option<String>>, text: String) {
    let mut current = slot.lock().unwrap_or_else(|e| e.into_inner());
    *current = Some(match current.take() {
        Some(old) if !old.contains(&text) => format!("{old} {text}"),
        Some(old) => old,
        None => text,
    });
}

/// The office's stored templates replace defaults with the same id; one that no longer parses
/// is skipped and named in the returned list.
fn merge_stored_templates(
    templates: &mut Vec<NamedTemplate>,
    store: &crate::store::Store,
) -> Result<Vec<String>, AppError> {
    let mut problems = Vec::new();
    for (id, name, text) in store.templates()? {
        match template::Template::parse(&text) {
            Ok(template) => {
                let named = NamedTemplate {
                    id: id.clone(),
                    name,
                    template,
                };
                match templates.iter_mut().find(|t| t.id == id) {
                    Some(slot) => *slot = named,
                    None => templates.push(named),
                }
            }
            Err(e) => problems.push(format!("Templat \"{id}\" dilewati: {e}")),
        }
    }
    Ok(problems)
}

/// A catalog with its search index, built once per catalog.
pub struct Loaded {
    pub catalog: Catalog,
    pub index: SearchIndex,
    /// `(id, name)` of every service, for the lists' filter (built once per catalog).
    pub service_options: Arc<[(String, String)]>,
}

impl Loaded {
    fn new(catalog: Catalog) -> Loaded {
        let index = SearchIndex::new(&catalog);
        let service_options = catalog
            .services
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()))
            .collect();
        Loaded {
            catalog,
            index,
            service_options,
        }
    }
}

/// A handle on the catalog in use; derefs to `Catalog`.
#[derive(Clone)]
pub struct CatalogRef(Arc<Loaded>);

impl std::ops::Deref for CatalogRef {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.0.catalog
    }
}

/// Everything the screens need, shared across them.
pub struct App {
    /// The catalog in use (built-in or the last signed update, with the office's own files on
    /// top) and its search index; replaced whole when an update is applied.
    loaded: RwLock<Arc<Loaded>>,
    /// The catalog the app was built with (the built-in one): what signed updates must beat,
    /// and what is used when no update or office file applies.
    base: Arc<Catalog>,
    /// Defaults from assets, replaced or extended by the office's own (stored in SQLite).
    templates: Mutex<Vec<NamedTemplate>>,
    office: RwLock<OfficeProfile>,
    platform: Arc<dyn Platform>,
    cases: Option<Mutex<CaseBook>>,
    /// What the official must be told; grows when the daily care finds something later.
    notice: Mutex<Option<String>>,
    /// What the official is told for information, not a problem (the retention period applied).
    info: Mutex<Option<String>>,
    /// Held by the daily care and by whatever replaces or removes the case book's files
    /// (restore, wipe, erasure), so a copy is never taken of a file being swapped or wiped.
    care: Mutex<()>,
    /// A backup checked and unpacked, waiting for the official to confirm the restore.
    restore: Mutex<Option<backup::Staged>>,
    /// Unlocked or not (never stored: every start begins locked).
    lock: Mutex<lock::LockRuntime>,
    /// The earlier part of a whole chat shared into the app: offered on the new-case form,
    /// never stored unless the official adds it to the notes.
    earlier_chat: Mutex<Option<String>>,
    /// The last text "Salin teks" put on the clipboard and when (case-book clock), until it is
    /// cleared a minute later or the clipboard holds something else.
    copied: Mutex<Option<(String, i64)>>,
    /// The reminders armed and the ones shown on screen.
    reminders: Mutex<reminders::ReminderState>,
    /// What the file picker was opened for, so each screen takes only its own file and a
    /// file opened with the app ("Buka dengan") is told apart.
    picking: Mutex<Picking>,
    /// A file opened with the app, waiting for Pengaturan › HP kantor to take it.
    opened_file: Mutex<Option<(String, Vec<u8>)>>,
    /// Held by the WebDAV sync round that runs (one at a time).
    sync_round: tokio::sync::Mutex<()>,
}

/// What the file picker was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Picking {
    /// Nothing: a file the platform delivers was opened with the app ("Buka dengan").
    #[default]
    Nothing,
    /// A backup to restore.
    Backup,
    /// A sync file ("Terima dari HP lain").
    Sync,
}

impl App {
    pub fn new(
        catalog: Catalog,
        templates: Vec<NamedTemplate>,
        office: OfficeProfile,
        platform: Arc<dyn Platform>,
    ) -> App {
        App {
            base: Arc::new(catalog.clone()),
            loaded: RwLock::new(Arc::new(Loaded::new(catalog))),
            templates: Mutex::new(templates),
            office: RwLock::new(office),
            platform,
            cases: None,
            notice: Mutex::new(None),
            info: Mutex::new(None),
            care: Mutex::new(()),
            restore: Mutex::new(None),
            lock: Mutex::new(lock::LockRuntime::default()),
            earlier_chat: Mutex::new(None),
            picking: Mutex::default(),
            opened_file: Mutex::new(None),
            sync_round: tokio::sync::Mutex::new(()),
            copied: Mutex::new(None),
            reminders: Mutex::default(),
        }
    }

    /// Attaches the case book; the office's stored templates replace defaults with the same id.
    /// A stored template that no longer parses is skipped and named in the notice.
    pub fn with_case_book(self, book: CaseBook, notice: Option<String>) -> Result<App, AppError> {
        self.attach(book, notice, true)
    }

    /// The app over a case-book file someone hands the command line (`report --db`): the book's
    /// own templates, office profile, hours and catalog, exactly as its Laporan reads them, with
    /// "now" at `now_ms` (or the computer's clock). Nothing around the file is touched.
    pub fn over_book_file(
        platform: Arc<dyn Platform>,
        db: &Path,
        now_ms: Option<i64>,
    ) -> Result<App, AppError> {
        let clock: Box<dyn Clock> = match now_ms {
            Some(ms) => Box::new(ManualClock::new(ms)),
            None => Box::new(SystemClock),
        };
        let book = CaseBook::new(Store::open(db)?, clock);
        App::builtin(platform)?.attach(book, None, false)
    }

    /// Attaches the case book; `tidy_folder`: remove the plain leftovers a backup or restore
    /// killed midway left next to it (the phone's own folder only).
    fn attach(
        mut self,
        book: CaseBook,
        notice: Option<String>,
        tidy_folder: bool,
    ) -> Result<App, AppError> {
        let problems = {
            let templates = self.templates.get_mut().unwrap_or_else(|e| e.into_inner());
            merge_stored_templates(templates, &book.store)?
        };
        let (office, office_notice) = OfficeProfile::load(&book.store)?;
        *self.office.get_mut().unwrap_or_else(|e| e.into_inner()) = office;
        let notices: Vec<String> = [
            notice,
            (!problems.is_empty()).then(|| problems.join(" ")),
            office_notice,
        ]
        .into_iter()
        .flatten()
        .collect();
        *self.notice.get_mut().unwrap_or_else(|e| e.into_inner()) =
            (!notices.is_empty()).then(|| notices.join(" "));
        // A backup or restore killed midway left a plain copy of the book: gone at start.
        if let Some(dir) = book
            .store
            .path()
            .parent()
            .filter(|d| tidy_folder && d.is_dir())
        {
            remove_plain_leftovers(dir);
        }
        self.cases = Some(Mutex::new(book));
        if let Some(catalog_notice) = self.reload_catalog()? {
            self.add_notice(catalog_notice);
        }
        Ok(self)
    }

    /// [`App::start`], or when the case book cannot be opened, the catalog alone with a notice
    /// saying why (the catalog and the WhatsApp hand-off still work): what both launchers use.
    /// Fails only when the built-in catalog does not load (a build mistake the tests catch).
    pub fn start_or_catalog_only(platform: Arc<dyn Platform>) -> Result<App, AppError> {
        match App::start(platform.clone()) {
            Ok(app) => Ok(app),
            Err(e) => {
                Ok(App::builtin(platform)?
                    .with_notice(format!("Buku berkas tidak bisa dibuka: {e}")))
            }
        }
    }

    /// The app as the official starts it: built-in catalog, the case book in the platform's
    /// data directory (opened safely). The whole-file check, the retention period and the
    /// daily backup are `daily_care`, which the screen runs in the background once started.
    pub fn start(platform: Arc<dyn Platform>) -> Result<App, AppError> {
        let dir = platform.data_dir()?;
        match Self::start_in(&dir, platform.clone()) {
            // Opening looks only at the file's structure; a broken page met while reading the
            // settings or templates is damage all the same: recorded, and dealt with by
            // opening again (the file moved aside, the newest good copy restored).
            Err(AppError::Store(e)) if e.is_damaged_file() => {
                mark_damaged(&dir, &e.to_string())?;
                Self::start_in(&dir, platform)
            }
            other => other,
        }
    }

    fn start_in(dir: &Path, platform: Arc<dyn Platform>) -> Result<App, AppError> {
        let clock = SystemClock;
        let opened = open_case_book(dir, &clock)?;
        let book = CaseBook::new(opened.store, Box::new(clock));
        App::builtin(platform)?.with_case_book(book, opened.notice)
    }

    /// Once a day (the first call after today's automatic copy is missing; later calls only
    /// look for that file): checks every page of the database, applies the retention period,
    /// then takes the automatic copy. Damage is told at once and dealt with at the next start
    /// (the file moved aside, the newest good copy restored); a damaged file is never copied
    /// over the good ones. Blocking, for a background thread; the case book stays usable
    /// meanwhile except while retention erases. Returns whether the notice grew.
    pub fn daily_care(&self) -> Result<bool, AppError> {
        let _care = self.care.lock().unwrap_or_else(|e| e.into_inner());
        let (db, dir, now) = {
            let book = self.book()?;
            let dir = Self::data_dir_of(&book.store)?;
            (book.store.path().to_path_buf(), dir, book.now_ms())
        };
        let clock = ManualClock::new(now);
        // Done for today, or damage already found and told (the next start deals with it).
        if todays_copy(&dir, &clock).exists() || dir.join(DAMAGE_MARK).exists() {
            return Ok(false);
        }
        if let Err(e) = Store::check_file(&db) {
            if !e.is_damaged_file() {
                // Could not even read the file for the check: said, and tried again later.
                self.add_notice(format!("Pemeriksaan harian file data gagal: {e}"));
                return Ok(true);
            }
            if let Err(mark) = mark_damaged(&dir, &e.to_string()) {
                self.add_notice(format!("Catatan kerusakan tidak bisa disimpan: {mark}"));
            }
            self.add_notice(format!(
                "Pemeriksaan harian menemukan kerusakan pada file data: {e} Cadangan otomatis hari \
                 ini tidak diambil, agar cadangan yang baik tidak tertimpa. Catat pekerjaan baru di \
                 kertas, lalu tutup dan buka lagi aplikasi: file rusak disimpan terpisah (tidak \
                 dihapus) dan data dipulihkan dari cadangan otomatis terakhir."
            ));
            return Ok(true);
        }
        let mut told = false;
        // The retention period: closed cases older than it lose their personal data (which
        // also takes the copies again).
        match self.apply_retention() {
            Ok(0) => {}
            Ok(n) => {
                append_once(
                    &self.info,
                    format!(
                        "Data pribadi {n} berkas lama dihapus karena masa simpannya habis; angka laporan tetap."
                    ),
                );
                told = true;
            }
            Err(e) => {
                self.add_notice(format!("Masa simpan data tidak bisa diterapkan: {e}"));
                told = true;
            }
        }
        if let Err(e) = daily_copy(&db, &dir, &clock) {
            // A failed backup must not stop the office's work; it is said, and tried again.
            self.add_notice(format!("Cadangan otomatis gagal: {e}"));
            told = true;
        }
        Ok(told)
    }

    /// One stored setting of the case book (`None`: never set).
    pub(crate) fn stored_setting(&self, key: &str) -> Result<Option<String>, AppError> {
        Ok(self.book()?.store.setting(key)?)
    }

    /// A text setting; never set reads as empty.
    pub(crate) fn text_setting(&self, key: &str) -> Result<String, AppError> {
        Ok(self.stored_setting(key)?.unwrap_or_default())
    }

    /// A number setting, read the one way every number setting is: never set, unreadable or
    /// outside `range` reads as `default` (a hand-edited or older value never breaks a screen).
    pub(crate) fn number_setting<T>(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<T>,
        default: T,
    ) -> Result<T, AppError>
    where
        T: std::str::FromStr + PartialOrd,
    {
        Ok(self
            .stored_setting(key)?
            .and_then(|v| v.trim().parse::<T>().ok())
            .filter(|v| range.contains(v))
            .unwrap_or(default))
    }

    /// A moment kept in settings (UTC milliseconds, positive), or `None`.
    pub(crate) fn time_setting(&self, key: &str) -> Result<Option<i64>, AppError> {
        Ok(self
            .stored_setting(key)?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|&at| at > 0))
    }

    /// Held while files of the case book are replaced or removed (see `care`).
    pub(crate) fn care_guard(&self) -> MutexGuard<'_, ()> {
        self.care.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn add_notice(&self, notice: String) {
        append_once(&self.notice, notice);
    }

    /// What the official must be told now (start-up and daily care).
    pub(crate) fn notice_now(&self) -> Option<String> {
        self.notice
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// What the official is told for information now (the daily care's retention).
    pub(crate) fn info_now(&self) -> Option<String> {
        self.info.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// "Tutup" on Beranda's information (what the retention did): read, it goes away until
    /// something new is told. Problems (`notice`) stay until they are solved.
    pub fn dismiss_info(&self) {
        *self.info.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The app with the catalog and templates shipped in the binary.
    pub fn builtin(platform: Arc<dyn Platform>) -> Result<App, AppError> {
        let catalog = catalog::load(embedded::CATALOG_FILES)?;
        let templates = template::load_templates(embedded::TEMPLATE_FILES)?;
        Ok(App::new(
            catalog,
            templates,
            OfficeProfile::default(),
            platform,
        ))
    }

    /// Reads templates and office profile again from the case book (after a restore put
    /// another database in place); returns what was skipped.
    pub(crate) fn reload_from_store(&self) -> Result<Option<String>, AppError> {
        let mut defaults = template::load_templates(embedded::TEMPLATE_FILES)?;
        let problems = merge_stored_templates(&mut defaults, &self.book()?.store)?;
        *self.templates.lock().unwrap_or_else(|e| e.into_inner()) = defaults;
        let office_notice = self.load_office()?;
        let catalog_notice = self.reload_catalog()?;
        let notices: Vec<String> = [
            (!problems.is_empty()).then(|| problems.join(" ")),
            office_notice,
            catalog_notice,
        ]
        .into_iter()
        .flatten()
        .collect();
        Ok((!notices.is_empty()).then(|| notices.join(" ")))
    }

    /// Runs a background job's future while the app stays on screen: `None` when the app went
    /// to the background first (the future is dropped, which closes its connection).
    pub async fn while_on_screen<T>(&self, job: impl std::future::Future<Output = T>) -> Option<T> {
        if !self.platform.in_foreground() {
            return None;
        }
        let gone = async {
            while self.platform.in_foreground() {
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
        };
        tokio::select! {
            value = job => Some(value),
            () = gone => None,
        }
    }

    pub fn has_case_book(&self) -> bool {
        self.cases.is_some()
    }

    /// Adds a message for the official to the start-up notice.
    pub fn with_notice(self, notice: String) -> App {
        self.add_notice(notice);
        self
    }

    /// The catalog in use now (a cheap handle; an update swaps in a new one).
    pub fn catalog(&self) -> CatalogRef {
        CatalogRef(self.loaded())
    }

    pub(crate) fn loaded(&self) -> Arc<Loaded> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Puts another catalog in use (a signed update, or the office's own files changed).
    pub(crate) fn set_catalog(&self, catalog: Catalog) {
        *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Loaded::new(catalog));
    }
}

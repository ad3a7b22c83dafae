//! Use cases: what an official does, in the words of the domain, with the catalog, templates,
//! office profile and platform owned here. Screens call these and render the plain view
//! structs they return; nothing here knows Dioxus.

pub mod backup;
pub mod book;
pub mod cases;
pub mod catalog_update;
pub mod lock;
pub mod office;
pub mod offsite;
pub mod privacy;
pub mod report;
pub mod seed;
pub mod views;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use thiserror::Error;

use crate::domain::catalog::{self, Catalog, CatalogErrors, CatalogIssue, IssueKind};
use crate::domain::checklist;
use crate::domain::phone::{PhoneError, WaNumber};
use crate::domain::search::SearchIndex;
use crate::domain::template::{
    self, NamedTemplate, Placeholder, TemplateError, TemplateFileError, Values,
};
use crate::domain::whatsapp::{ChatRequest, ChatTarget};
use crate::platform::{Platform, PlatformError};
use crate::store::Store;

pub use office::OfficeProfile;
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

/// One error type for the use cases; each message is one Indonesian sentence for the screen.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("Layanan \"{0}\" tidak ada di katalog.")]
    UnknownService(String),
    #[error("{0}")]
    Phone(#[from] PhoneError),
    #[error("Templat balasan bermasalah: {0}")]
    Template(#[from] TemplateError),
    #[error("Templat bawaan rusak: {0}")]
    TemplateFile(#[from] TemplateFileError),
    #[error("Templat \"{0}\" tidak ditemukan.")]
    MissingTemplate(String),
    #[error("{0}")]
    Catalog(#[from] CatalogErrors),
    #[error("{0}")]
    Platform(#[from] PlatformError),
    #[error("{path} tidak bisa dibaca atau ditulis: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Invalid(String),
    #[error("Buku berkas belum dibuka.")]
    NoCaseBook,
    #[error("{0}")]
    Backup(#[from] crate::domain::backup::BackupError),
    #[error("{0}")]
    Bundle(#[from] crate::domain::bundle::BundleError),
    #[error("{0}")]
    Net(#[from] crate::net::NetError),
    #[error("Katalog versi {offered} tidak lebih baru dari yang dipakai (versi {current}); katalog tidak diganti.")]
    OlderCatalog { offered: u32, current: u32 },
    /// Several fields of a form are wrong; each message belongs next to its field.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Form(Vec<FieldError>),
}

impl AppError {
    /// What a form shows: the fields' own errors, or any other failure as an error of the whole
    /// form (field `form`, shown above its fields).
    pub fn into_field_errors(self) -> Vec<FieldError> {
        match self {
            AppError::Form(errors) => errors,
            other => vec![FieldError {
                field: "form".into(),
                message: other.to_string(),
            }],
        }
    }
}

/// A problem with one field of a form, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form's key for the field (`nama`, `hp`, `village`, `day-0` ...).
    pub field: String,
    pub message: String,
}

/// How long a background job waits after a failed round (no signal, server down): exponential
/// backoff from 5 minutes to 6 hours with full jitter, never under a minute. Counts the failure.
/// `N` bytes from the operating system's random source, or the error in words.
pub(crate) fn os_random<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| AppError::Invalid(format!("Sumber acak sistem tidak tersedia: {e}")))?;
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
    cases: Option<Mutex<cases::CaseBook>>,
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
            copied: Mutex::new(None),
        }
    }

    /// Attaches the case book; the office's stored templates replace defaults with the same id.
    /// A stored template that no longer parses is skipped and named in the notice.
    pub fn with_case_book(
        mut self,
        book: cases::CaseBook,
        notice: Option<String>,
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
        if let Some(dir) = book.store.path().parent().filter(|d| d.is_dir()) {
            cases::remove_plain_leftovers(dir);
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
                cases::mark_damaged(&dir, &e.to_string())?;
                Self::start_in(&dir, platform)
            }
            other => other,
        }
    }

    fn start_in(dir: &Path, platform: Arc<dyn Platform>) -> Result<App, AppError> {
        let clock = cases::SystemClock;
        let opened = cases::open_case_book(dir, &clock)?;
        let book = cases::CaseBook::new(opened.store, Box::new(clock));
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
        let clock = cases::FixedClock::new(now);
        // Done for today, or damage already found and told (the next start deals with it).
        if cases::todays_backup(&dir, &clock).exists() || dir.join(cases::DAMAGE_MARK).exists() {
            return Ok(false);
        }
        if let Err(e) = Store::check_file(&db) {
            if !e.is_damaged_file() {
                // Could not even read the file for the check: said, and tried again later.
                self.add_notice(format!("Pemeriksaan harian file data gagal: {e}"));
                return Ok(true);
            }
            if let Err(mark) = cases::mark_damaged(&dir, &e.to_string()) {
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
        if let Err(e) = cases::daily_backup(&db, &dir, &clock) {
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

    /// The catalog screen: every service for an empty query, else the ranked matches.
    pub fn catalog_list(&self, query: &str) -> Vec<ServiceSummary> {
        if query.trim().is_empty() {
            return self
                .catalog()
                .services
                .iter()
                .map(ServiceSummary::from)
                .collect();
        }
        let loaded = self.loaded();
        loaded
            .index
            .search(query)
            .iter()
            .filter_map(|hit| loaded.catalog.service(hit.id.as_str()))
            .map(ServiceSummary::from)
            .collect()
    }

    /// What a shared or pasted text suggests (the `intake` command and the share target).
    pub fn intake(&self, text: &str) -> crate::domain::intake::Intake {
        crate::domain::intake::read(text, &self.loaded().index)
    }

    /// A new-case form prefilled from a shared text; the text itself becomes the first note.
    pub fn form_from_text(&self, text: &str) -> cases::CaseForm {
        let intake = self.intake(text);
        cases::CaseForm {
            resident_name: intake.name.unwrap_or_default(),
            phone: intake
                .phone
                .map(|p| format!("+{}", p.digits()))
                .unwrap_or_default(),
            service_id: intake.services.into_iter().next().unwrap_or_default(),
            channel: Some(crate::domain::case::Channel::WhatsApp),
            notes: intake.text,
            // WhatsApp export lines carry when the resident wrote.
            message_at: crate::domain::intake::message_time(text)
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            ..cases::CaseForm::default()
        }
    }

    /// Fills the empty fields of a form from the message pasted into its notes.
    pub fn fill_form_from_notes(&self, form: &cases::CaseForm) -> cases::CaseForm {
        let found = self.form_from_text(&form.notes);
        let pick = |mine: &str, theirs: String| {
            if mine.trim().is_empty() {
                theirs
            } else {
                mine.to_string()
            }
        };
        cases::CaseForm {
            resident_name: pick(&form.resident_name, found.resident_name),
            phone: pick(&form.phone, found.phone),
            service_id: pick(&form.service_id, found.service_id),
            channel: form.channel.or(found.channel),
            message_at: pick(&form.message_at, found.message_at),
            ..form.clone()
        }
    }

    /// Takes a text shared into the app, if one arrived, into the new-case draft (the whole text
    /// as its notes, service, number and name prefilled). Returns whether one did, so the UI
    /// opens the form.
    pub fn take_share_into_draft(&self) -> Result<bool, AppError> {
        let Some(shared) = self.platform.take_shared_text()? else {
            return Ok(false);
        };
        // A whole exported chat: the case keeps its last messages; the rest is only offered.
        let (text, earlier) = crate::domain::intake::split_chat(&shared);
        *self.earlier_chat.lock().unwrap_or_else(|e| e.into_inner()) = earlier;
        let mut form = self.form_from_text(&text);
        // A draft being typed is not thrown away: the share is appended to its notes.
        if let Some(old) = self
            .load_draft()?
            .filter(|d| *d != cases::CaseForm::default())
        {
            form = cases::CaseForm {
                notes: [old.notes.as_str(), text.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                ..self.fill_form_from_notes(&cases::CaseForm {
                    notes: text.clone(),
                    ..old
                })
            };
        }
        self.save_draft(&form)?;
        Ok(true)
    }

    /// How many lines of an exported chat were left out of the draft's notes (offered on the
    /// new-case form), if any.
    pub fn earlier_chat_lines(&self) -> Option<usize> {
        self.earlier_chat
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|t| t.lines().count())
    }

    /// "Sertakan percakapan sebelumnya": puts the earlier part of the shared chat in front of
    /// the draft's notes (now it is stored, with the draft).
    pub fn include_earlier_chat(&self) -> Result<cases::CaseForm, AppError> {
        let earlier = self
            .earlier_chat
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let mut form = self.load_draft()?.unwrap_or_default();
        if let Some(earlier) = earlier {
            form.notes = [earlier.as_str(), form.notes.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            self.save_draft(&form)?;
        }
        Ok(form)
    }

    /// Forgets the earlier part of a shared chat (the case is saved or the form cleared).
    pub fn drop_earlier_chat(&self) {
        *self.earlier_chat.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The share sheet with a text (when the resident has no WhatsApp number).
    pub fn share_text(&self, text: &str) -> Result<(), AppError> {
        Ok(self.platform.share_text(text)?)
    }

    /// Ranked service ids for a query (the `catalog search` command).
    pub fn search_ids(&self, query: &str) -> Vec<String> {
        self.loaded()
            .index
            .search(query)
            .into_iter()
            .map(|h| h.id.to_string())
            .collect()
    }

    pub fn service_view(&self, id: &str) -> Result<ServiceView, AppError> {
        self.loaded()
            .catalog
            .service(id)
            .map(ServiceView::from)
            .ok_or_else(|| AppError::UnknownService(id.to_string()))
    }

    /// The "persyaratan" message for a service, ready to send.
    pub fn requirements_message(&self, id: &str) -> Result<String, AppError> {
        let catalog = self.catalog();
        let service = catalog
            .service(id)
            .ok_or_else(|| AppError::UnknownService(id.to_string()))?;
        let office = self.office();
        let templates = self.templates.lock().unwrap_or_else(|e| e.into_inner());
        let template = templates
            .iter()
            .find(|t| t.id == REQUIREMENTS_TEMPLATE)
            .ok_or_else(|| AppError::MissingTemplate(REQUIREMENTS_TEMPLATE.into()))?;
        let mut values = Values::default();
        values
            .set(Placeholder::Service, &service.name)
            .set(
                Placeholder::RequirementList,
                checklist::requirement_list(&service.requirements),
            )
            .set(
                Placeholder::Steps,
                checklist::numbered(service.steps.iter().cloned()),
            )
            .set(Placeholder::Place, service.processed_at.label())
            .set(Placeholder::SubmitPlace, service.submit_place())
            .set(Placeholder::PickupPlace, service.pickup_place())
            .set(Placeholder::Duration, service.duration.label())
            .set(Placeholder::Fee, service.fee_label())
            .set(Placeholder::Outcome, service.outcome.label())
            .set(Placeholder::VillageName, &office.village)
            .set(Placeholder::OfficeHours, office.hours.describe());
        Ok(template.template.render(&values)?)
    }

    /// Checks the number and builds the chat; nothing leaves the app yet.
    pub fn prepare_chat(&self, raw_phone: &str, text: &str) -> Result<ChatRequest, AppError> {
        let number = WaNumber::parse(raw_phone)?;
        Ok(ChatRequest::new(number, text))
    }

    /// Hands the chat to the device: WhatsApp Business, else WhatsApp, else the link.
    pub fn open_chat(&self, chat: &ChatRequest) -> Result<ChatTarget, AppError> {
        Ok(self.platform.open_chat(chat)?)
    }
}

/// Reads every `*.toml` in a catalog folder and validates it (the `catalog check` command).
pub fn check_catalog_dir(dir: &Path) -> Result<Catalog, AppError> {
    read_catalog_dir(dir).map(|(catalog, _)| catalog)
}

/// Reads and checks every `*.toml` of a catalog folder: the catalog and its files, by name.
pub fn read_catalog_dir(dir: &Path) -> Result<(Catalog, Vec<(String, String)>), AppError> {
    let io = |source| AppError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((name, text)),
                Err(_) => unreadable.push(issue(&name, "file bukan teks UTF-8")),
            },
            Err(e) => unreadable.push(issue(&name, &format!("tidak bisa dibaca: {e}"))),
        }
    }
    if files.is_empty() && unreadable.is_empty() {
        unreadable.push(issue(
            &dir.display().to_string(),
            "tidak ada file .toml di folder ini",
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let loaded = catalog::load(&refs);
    drop(refs);
    match loaded {
        Ok(catalog) if unreadable.is_empty() => Ok((catalog, files)),
        Ok(_) => Err(CatalogErrors(unreadable).into()),
        Err(CatalogErrors(mut issues)) => {
            unreadable.append(&mut issues);
            Err(CatalogErrors(unreadable).into())
        }
    }
}

fn issue(file: &str, message: &str) -> CatalogIssue {
    CatalogIssue {
        file: file.to_string(),
        service: None,
        field: None,
        kind: IssueKind::Syntax,
        message: message.to_string(),
    }
}

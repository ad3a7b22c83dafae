//! Navigation: the screens there are, where "‹" leads back from each, their titles and tabs,
//! and the `Session`: the state that outlives one screen (the open case's draft reply, the
//! send form between the service and the full send screen, the list filters, the forms being
//! filled), shared with the route components through Dioxus context.

use dioxus::prelude::*;

use crate::app::office::SettingsForm;
use crate::app::{App, FieldError};
use crate::domain::report::{Basis, Period};

use super::case::{case_draft, CaseDraft};
use super::first_start::FirstStartState;
use super::send::SendState;
use super::tell_ready::TellWalk;
use super::templates::TemplateEdit;
use super::widgets::Flash;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Screen {
    Home,
    Cases,
    Case(String),
    NewCase,
    Catalog,
    Service(String),
    Send(String),
    Templates,
    /// The template editor; an empty id is a new template.
    Template(String),
    Report,
    Settings,
    WaKit,
    Backup,
    /// "Lainnya": templates, the WA Business guide, settings and backups.
    More,
    /// "Kabari semua yang siap diambil": the ready residents one by one.
    TellReady,
}

/// The four tabs of the bar at the bottom, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tab {
    Home,
    Cases,
    Catalog,
    Report,
    More,
}

impl Tab {
    pub(super) const ALL: [Tab; 5] = [Tab::Home, Tab::Cases, Tab::Catalog, Tab::Report, Tab::More];

    pub(super) fn label(self) -> &'static str {
        match self {
            Tab::Home => "Beranda",
            Tab::Cases => "Berkas",
            Tab::Catalog => "Layanan",
            Tab::Report => "Laporan",
            Tab::More => "Lainnya",
        }
    }

    /// The tab's icon: a 24x24 outline drawn inline (no icon font to load).
    pub(super) fn icon_path(self) -> &'static str {
        match self {
            Tab::Home => "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z",
            Tab::Cases => "M4 4h11l5 5v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM8 12h8M8 16h8M14 4v5h5",
            Tab::Catalog => "M10 4a6 6 0 1 1 0 12a6 6 0 0 1 0-12zM15 15l5 5",
            Tab::Report => "M4 20V10M10 20V4M16 20v-7M3 20h18",
            Tab::More => "M4 12h2M11 12h2M18 12h2",
        }
    }
}

impl Screen {
    pub(super) fn back(&self) -> Option<Screen> {
        match self {
            Screen::Home | Screen::Cases | Screen::Catalog | Screen::Report => None,
            Screen::More => None,
            Screen::Settings | Screen::WaKit => Some(Screen::More),
            Screen::Backup => Some(Screen::Settings),
            Screen::Case(_) => Some(Screen::Cases),
            Screen::NewCase | Screen::TellReady => Some(Screen::Home),
            Screen::Service(_) => Some(Screen::Catalog),
            Screen::Send(id) => Some(Screen::Service(id.clone())),
            Screen::Templates => Some(Screen::More),
            Screen::Template(_) => Some(Screen::Templates),
        }
    }

    pub(super) fn title(&self) -> &'static str {
        match self {
            Screen::Home => "Beranda",
            Screen::Cases => "Berkas",
            Screen::Case(_) => "Detail berkas",
            Screen::NewCase => "Berkas baru",
            Screen::Catalog => "Layanan Desa",
            Screen::Service(_) => "Persyaratan",
            Screen::Send(_) => "Kirim via WhatsApp",
            Screen::Templates => "Templat balasan",
            Screen::Template(_) => "Ubah templat",
            Screen::Report => "Laporan",
            Screen::Settings => "Pengaturan",
            Screen::WaKit => "Panduan WA Bisnis",
            Screen::Backup => "Cadangan & pembaruan",
            Screen::More => "Lainnya",
            Screen::TellReady => "Kabari warga",
        }
    }

    /// The tab a screen belongs to (highlighted while it is open).
    pub(super) fn tab(&self) -> Tab {
        match self {
            Screen::Home | Screen::NewCase | Screen::TellReady => Tab::Home,
            Screen::More
            | Screen::Templates
            | Screen::Template(_)
            | Screen::Settings
            | Screen::Backup
            | Screen::WaKit => Tab::More,
            Screen::Cases | Screen::Case(_) => Tab::Cases,
            Screen::Report => Tab::Report,
            Screen::Catalog | Screen::Service(_) | Screen::Send(_) => Tab::Catalog,
        }
    }
}

/// The new-case form's messages; `rev` is bumped when the app filled the form, so its inputs
/// show the new values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct NewCaseState {
    pub error: Option<String>,
    pub errors: Vec<FieldError>,
    pub rev: u64,
    /// What the official typed to find the service.
    pub service_query: String,
}

/// Pengaturan being filled; `rev` is bumped when the form is loaded afresh.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct SettingsState {
    pub form: SettingsForm,
    pub errors: Vec<FieldError>,
    pub flash: Flash,
    pub rev: u64,
}

/// The Laporan's choices: no period yet means this month.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ReportState {
    pub period: Option<Period>,
    pub basis: Basis,
    pub flash: Flash,
}

/// The Berkas list's filters and how many pages are loaded.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CaseListState {
    pub search: String,
    pub status: String,
    pub service: String,
    pub pages: usize,
}

impl Default for CaseListState {
    fn default() -> Self {
        CaseListState {
            search: String::new(),
            status: super::case_list::OPEN_CHIP.to_string(),
            service: String::new(),
            pages: 1,
        }
    }
}

/// What outlives one screen. Every field is a signal, so the session is `Copy` and each route
/// takes it from context with `use_session()`.
#[derive(Clone, Copy)]
pub(super) struct Session {
    pub screen: Signal<Screen>,
    /// Bumped after every write, so the screens read the store again.
    pub version: Signal<u64>,
    pub case: Signal<CaseDraft>,
    pub send: Signal<SendState>,
    pub new_case: Signal<NewCaseState>,
    pub settings: Signal<SettingsState>,
    pub template: Signal<TemplateEdit>,
    pub report: Signal<ReportState>,
    pub kit_flash: Signal<Flash>,
    pub case_list: Signal<CaseListState>,
    pub catalog_query: Signal<String>,
    pub tell: Signal<TellWalk>,
    /// Beranda's search.
    pub home_query: Signal<String>,
    /// "Siapkan HP ini", while it is open.
    pub first_start: Signal<FirstStartState>,
}

impl Session {
    /// The session of a newly started app, opening on `start`; created once by the root.
    pub(super) fn new(start: Screen) -> Session {
        Session {
            screen: Signal::new(start),
            version: Signal::new(0),
            case: Signal::new(CaseDraft::default()),
            send: Signal::new(SendState::default()),
            new_case: Signal::new(NewCaseState::default()),
            settings: Signal::new(SettingsState::default()),
            template: Signal::new(TemplateEdit::default()),
            report: Signal::new(ReportState::default()),
            kit_flash: Signal::new(None),
            case_list: Signal::new(CaseListState::default()),
            catalog_query: Signal::new(String::new()),
            tell: Signal::new(TellWalk::default()),
            home_query: Signal::new(String::new()),
            first_start: Signal::new(FirstStartState::default()),
        }
    }

    pub(super) fn go(mut self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Something was written: every screen on view reads again.
    pub(super) fn refresh(mut self) {
        self.version += 1;
    }

    /// Subscribes the calling component to `refresh`.
    pub(super) fn watch(self) {
        let _ = (self.version)();
    }

    /// "Kabari semua yang siap diambil", from its first resident.
    pub(super) fn open_tell_ready(mut self, app: &App) {
        let total = app.residents_to_tell().map_or(0, |ids| ids.len());
        self.tell.set(TellWalk {
            total,
            ..TellWalk::default()
        });
        self.go(Screen::TellReady);
    }

    /// The case screen, with the reply picked for the case's status.
    pub(super) fn open_case(mut self, app: &App, id: String) {
        self.case.set(case_draft(app, &id));
        self.go(Screen::Case(id));
    }

    /// Pengaturan, loaded afresh from the store.
    pub(super) fn open_settings(mut self, app: &App) {
        let rev = self.settings.peek().rev + 1;
        self.settings.set(SettingsState {
            form: app.settings_view().form,
            rev,
            ..SettingsState::default()
        });
        self.go(Screen::Settings);
    }

    /// A tab of the bar; Laporan opens without the message of an earlier visit.
    pub(super) fn open_tab(mut self, tab: Tab) {
        let screen = match tab {
            Tab::Home => Screen::Home,
            Tab::Cases => Screen::Cases,
            Tab::Catalog => Screen::Catalog,
            Tab::Report => {
                self.report.with_mut(|r| r.flash = None);
                Screen::Report
            }
            Tab::More => Screen::More,
        };
        self.go(screen);
    }

    /// Panduan WA Bisnis, without the message of an earlier visit.
    pub(super) fn open_wa_kit(mut self) {
        self.kit_flash.set(None);
        self.go(Screen::WaKit);
    }

    /// The new-case form, without the messages of an earlier try.
    pub(super) fn open_new_case(mut self) {
        self.new_case.with_mut(|s| {
            s.error = None;
            s.errors.clear();
            s.service_query.clear();
        });
        self.go(Screen::NewCase);
    }
}

/// The session from context.
pub(super) fn use_session() -> Session {
    use_context::<Session>()
}

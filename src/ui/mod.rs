//! Dioxus screens. Each screen is a component that renders a plain state struct from `app` and
//! turns taps into `app` calls; the root keeps which screen is open. No SQL, HTTP or JNI here.

mod backup;
mod cases;
mod lock;
mod office;
mod screens;

use std::sync::Arc;

use dioxus::prelude::*;

use crate::app::book::{CaseListView, ItemMark};
use crate::app::lock::LockStatus;
use crate::app::office::{FieldError, SettingsForm};
use crate::app::report::ReportFile;
use crate::app::App;
use crate::domain::case::CaseFilter;
use crate::domain::case::StatusKind;
use crate::domain::report::{Basis, Period, Scope};
pub use backup::BackupScreen;
pub use cases::{
    CaseDraft, CaseListScreen, CaseScreen, HomeScreen, NewCaseScreen, TemplateEdit, TemplateScreen,
    TemplatesScreen,
};
pub use lock::{EraseResidentSection, LockGate, LockSettingsSection};
pub use office::{ExportAsk, ReportScreen, SettingsScreen, WaKitScreen};
pub use screens::{CatalogScreen, SendScreen, SendState, ServiceScreen};

/// The content security policy of the app's page: nothing is allowed unless named here.
/// Everything the app shows is its own (text rendered as text by Dioxus, the stylesheet
/// inline, the poster a data: image); links leave only through the platform layer. What is
/// named is exactly what Dioxus's own page needs:
/// - scripts: its inline module loader and `document::eval` (run as `new AsyncFunction`), so
///   `'unsafe-inline' 'unsafe-eval'`, from the page's own origin only;
/// - styles: our inline stylesheet and Dioxus's `style` attributes;
/// - images: the page's own assets and `data:` (the QR poster, the backup QR);
/// - connections: the page's own origin (`dioxus://index.html` on Linux,
///   `https://dioxus.index.html` on Android, the test host in the browser tests) for events
///   and files, and the edits WebSocket Dioxus opens on `ws://127.0.0.1:<port>`.
///
/// So a script that got in anyway could not send anything to another server (a fetch, an
/// image, a form, a frame, a worker): `e2e/tests/flow-i-safe-render.test.mjs` tries each.
pub const CSP: &str = "default-src 'none'; \
                       script-src 'self' 'unsafe-inline' 'unsafe-eval'; \
                       style-src 'self' 'unsafe-inline'; \
                       img-src 'self' data:; \
                       font-src 'self'; \
                       connect-src 'self' ws://127.0.0.1:* ws://localhost:*; \
                       object-src 'none'; frame-src 'none'; worker-src 'none'; \
                       base-uri 'none'; form-action 'none'";

/// `CSP` as the meta tag put into the page's head.
pub fn csp_meta() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">")
}

/// The stylesheet, embedded so the app looks the same offline on every platform.
pub const CSS: &str = include_str!("../../assets/style.css");

/// The app's use cases, shared with every component through Dioxus context.
#[derive(Clone)]
pub struct AppHandle(pub Arc<App>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Screen {
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
}

impl Screen {
    fn back(&self) -> Option<Screen> {
        match self {
            Screen::Home | Screen::Cases | Screen::Catalog | Screen::Report => None,
            Screen::Settings | Screen::WaKit => Some(Screen::Home),
            Screen::Backup => Some(Screen::Settings),
            Screen::Case(_) => Some(Screen::Cases),
            Screen::NewCase => Some(Screen::Home),
            Screen::Service(_) => Some(Screen::Catalog),
            Screen::Send(id) => Some(Screen::Service(id.clone())),
            Screen::Templates => Some(Screen::Home),
            Screen::Template(_) => Some(Screen::Templates),
        }
    }

    fn title(&self) -> &'static str {
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
        }
    }
}

/// The case screen's working state for a case: the reply picked for its status.
fn case_draft(app: &App, id: &str) -> CaseDraft {
    match app.case_view(id) {
        Ok(view) => match view.reply {
            Some(reply) => CaseDraft {
                template_id: reply.template_id,
                reply: reply.text,
                ..CaseDraft::default()
            },
            None => CaseDraft::default(),
        },
        Err(_) => CaseDraft::default(),
    }
}

/// The root component: header, the open screen, the tab bar, and navigation between them.
#[component]
pub fn Root() -> Element {
    let AppHandle(app) = use_context::<AppHandle>();
    let start = if app.has_case_book() {
        Screen::Home
    } else {
        Screen::Catalog
    };
    let mut screen = use_signal(move || start);
    // The private screen as the office set it (Android starts with it on, see MainActivity).
    let mut startup_error = use_signal(|| None::<String>);
    {
        let app = app.clone();
        use_hook(move || {
            if let Err(e) = app.apply_secure_screen() {
                startup_error.set(Some(e.to_string()));
            }
        });
    }
    let mut query = use_signal(String::new);
    let mut send = use_signal(SendState::default);
    // Bumped after every write so the screens re-read the store.
    let mut version = use_signal(|| 0u64);
    let mut case_search = use_signal(String::new);
    let mut case_status = use_signal(String::new);
    let mut case_service = use_signal(String::new);
    let mut template_edit = use_signal(TemplateEdit::default);
    let mut pages = use_signal(|| 1usize);
    let mut draft = use_signal(CaseDraft::default);
    let mut form_error = use_signal(|| None::<String>);
    let mut form_errors = use_signal(Vec::<FieldError>::new);
    let mut form_rev = use_signal(|| 0u64);
    let mut settings_form = use_signal(SettingsForm::default);
    let mut settings_errors = use_signal(Vec::<FieldError>::new);
    let mut settings_flash = use_signal(|| None::<(bool, String)>);
    let mut settings_rev = use_signal(|| 0u64);
    let mut report_period = use_signal(|| None::<Period>);
    let mut report_basis = use_signal(Basis::default);
    let mut report_flash = use_signal(|| None::<(bool, String)>);
    let mut kit_flash = use_signal(|| None::<(bool, String)>);

    // The daily care (whole-file check, retention, automatic copy) off the start path, in the
    // background once the first screen is up; then every half hour, for the next day's copy
    // when the app stays open past midnight (a cheap look for today's file otherwise).
    {
        let app = app.clone();
        use_future(move || {
            let app = app.clone();
            async move {
                if !app.has_case_book() {
                    return;
                }
                loop {
                    let worker = app.clone();
                    if let Ok(true) =
                        backup::off_the_screen_thread(move || worker.daily_care()).await
                    {
                        version += 1;
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(30 * 60)).await;
                }
            }
        });
    }
    // Signed catalog updates and the off-phone backup copy: each at most daily, backing off
    // while there is no signal (`catalog_auto_check`/`offsite_auto_upload` say how long to
    // wait; the loop sleeps the shorter).
    {
        let app = app.clone();
        use_future(move || {
            let app = app.clone();
            async move {
                if !app.has_case_book() {
                    return;
                }
                use tokio::time::Instant;
                let (mut catalog_failures, mut offsite_failures) = (0u32, 0u32);
                let (mut next_catalog, mut next_offsite) = (Instant::now(), Instant::now());
                loop {
                    if Instant::now() >= next_catalog {
                        next_catalog =
                            Instant::now() + app.catalog_auto_check(&mut catalog_failures).await;
                    }
                    if Instant::now() >= next_offsite {
                        next_offsite =
                            Instant::now() + app.offsite_auto_upload(&mut offsite_failures).await;
                    }
                    tokio::time::sleep_until(next_catalog.min(next_offsite)).await;
                }
            }
        });
    }
    // A WhatsApp message shared into the app opens the new-case form, prefilled. Checked at
    // start and every second (a cheap flag on Android; nothing on desktop).
    {
        let app = app.clone();
        use_future(move || {
            let app = app.clone();
            async move {
                // The lock status last drawn: compared across ticks, so a wait counting down
                // or a clock that moved between two ticks redraws the lock screen too.
                let mut drawn = app.lock_status().ok();
                loop {
                    // The PIN lock: lock again after minutes away; redraw when that changes.
                    // A failing tick locks and is told on Beranda (by the app); redraw for it.
                    if app.lock_tick().is_err() {
                        version += 1;
                    }
                    // A reply copied with "Salin teks" leaves the clipboard after a minute; a
                    // failure is told on Beranda and tried again next second.
                    if app.clipboard_tick().is_err() {
                        version += 1;
                    }
                    let now = app.lock_status().ok();
                    if now != drawn {
                        version += 1;
                        drawn = now.clone();
                    }
                    // While locked, a shared text waits on the platform until the PIN is in.
                    if !matches!(now, Some(LockStatus::Open { .. })) {
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                        continue;
                    }
                    match app.take_share_into_draft() {
                        Ok(true) => {
                            form_error.set(None);
                            form_rev += 1;
                            screen.set(Screen::NewCase);
                        }
                        Ok(false) => {}
                        Err(e) => form_error.set(Some(e.to_string())),
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        });
    }
    let _ = version();
    // Every new screen starts at its top, not at the scroll position of the previous one.
    use_effect(move || {
        let _ = screen();
        document::eval("window.scrollTo(0, 0)");
    });
    let mut open_case = {
        let app = app.clone();
        move |id: String| {
            draft.set(case_draft(&app, &id));
            screen.set(Screen::Case(id));
        }
    };
    let mut open_settings = {
        let app = app.clone();
        move || {
            settings_form.set(app.settings_view().form);
            settings_errors.set(Vec::new());
            settings_flash.set(None);
            settings_rev += 1;
            screen.set(Screen::Settings);
        }
    };
    let lock_status = app.lock_status().unwrap_or(LockStatus::Locked {
        wait_s: 0,
        failures: 0,
    });
    let is_open = matches!(lock_status, LockStatus::Open { .. });
    let has_pin = is_open && app.lock_settings().is_ok_and(|s| s.has_pin);
    let body = if !is_open {
        rsx! {
            LockGate { status: lock_status.clone(), on_change: move |_| version += 1 }
        }
    } else {
        match screen() {
            Screen::Report => {
                let period = match report_period() {
                    Some(p) => Ok(p),
                    None => app.this_month(),
                };
                let basis = report_basis();
                let scope = |period| Scope { period, basis };
                match period
                    .and_then(|p| Ok((p, app.report(scope(p))?, app.summary_text(scope(p))?)))
                {
                    Ok((period, report, summary)) => {
                        let scope = scope(period);
                        let (a1, a2, a3) = (app.clone(), app.clone(), app.clone());
                        rsx! {
                            ReportScreen {
                                key: "{period.from}-{period.to}-{basis.key()}",
                                report,
                                summary,
                                has_pin: app.lock_settings().is_ok_and(|s| s.has_pin),
                                from: period.from.to_string(),
                                to: period.to.to_string(),
                                flash: report_flash(),
                                on_period: move |(from, to): (String, String)| match Period::parse(&from, &to) {
                                    Ok(p) => { report_period.set(Some(p)); report_flash.set(None) }
                                    Err(e) => report_flash.set(Some((false, e.to_string()))),
                                },
                                on_month: move |offset: i32| {
                                    if let Ok(this) = a3.this_month() {
                                        let p = if offset < 0 {
                                            this.from.pred_opt().map_or(this, Period::month_of)
                                        } else {
                                            this
                                        };
                                        report_period.set(Some(p));
                                        report_flash.set(None);
                                    }
                                },
                                on_basis: move |b: Basis| { report_basis.set(b); report_flash.set(None) },
                                on_export: move |ask: ExportAsk| report_flash.set(Some(match ask {
                                    ExportAsk::Share(file, contacts) => match a1.share_report_csv(scope, file, contacts.as_deref()) {
                                        Ok(place) if contacts.is_some() && file == ReportFile::Cases => (true, format!("Daftar berkas berisi data pribadi warga: dikirim lewat {place}. Kirim hanya ke yang berhak.")),
                                        Ok(place) => (true, format!("Dikirim lewat {place}.")),
                                        Err(e) => (false, e.to_string()),
                                    },
                                    ExportAsk::SaveToDownloads => match a1.save_report_csv(scope) {
                                        Ok(paths) => (true, format!("Tersimpan: {}. Berkas di Unduhan bisa dibuka aplikasi lain di HP ini dan tidak ikut terhapus oleh aplikasi ini.", paths.join(" dan "))),
                                        Err(e) => (false, e.to_string()),
                                    },
                                })),
                                on_send: move |_| report_flash.set(Some(match a2.send_summary(scope) {
                                    Ok(Some(target)) => (true, format!("Ringkasan disiapkan di {}.", target.label())),
                                    Ok(None) => (true, "Nomor Kepala Desa belum diisi di Pengaturan: pilih chat di lembar berbagi.".to_string()),
                                    Err(e) => (false, e.to_string()),
                                })),
                            }
                        }
                    }
                    Err(e) => rsx! { p { class: "notice error", role: "alert", "{e}" } },
                }
            }
            Screen::Settings => {
                let (a1, a2, a3, a4) = (app.clone(), app.clone(), app.clone(), app.clone());
                let after = move |result: Result<String, crate::app::AppError>| {
                    settings_flash.set(Some(match result {
                        Ok(msg) => (true, msg),
                        Err(e) => (false, e.to_string()),
                    }));
                    version += 1;
                };
                let (mut after1, mut after2, mut after3) = (after, after, after);
                rsx! {
                    SettingsScreen {
                        view: app.settings_view(),
                        errors: settings_errors(),
                        flash: settings_flash(),
                        rev: settings_rev(),
                        on_field: move |(key, value): (String, String)| settings_form.with_mut(|f| f.set(&key, value)),
                        on_save: move |_| match a1.save_settings(&settings_form()) {
                            Ok(()) => {
                                settings_errors.set(Vec::new());
                                settings_flash.set(Some((true, "Pengaturan disimpan.".to_string())));
                                version += 1;
                            }
                            Err(errors) => {
                                settings_errors.set(errors);
                                settings_flash.set(Some((false, "Belum disimpan: periksa kolom yang ditandai.".to_string())));
                            }
                        },
                        on_add_holiday: move |(date, name): (String, String)| after1(a2.add_holiday(&date, &name).map(|_| "Hari libur ditambahkan.".to_string())),
                        on_delete_holiday: move |date: String| after2(a3.delete_holiday(&date).map(|_| "Hari libur dihapus.".to_string())),
                        on_import: move |text: String| after3(a4.import_holidays(&text).map(|n| format!("{n} hari libur diimpor."))),
                        on_backup: move |_| screen.set(Screen::Backup),
                    }
                    LockSettingsSection { on_change: move |_| version += 1 }
                }
            }
            Screen::Backup => rsx! { BackupScreen {} },
            Screen::WaKit => match app.wa_kit() {
                Ok(kit) => {
                    let a1 = app.clone();
                    rsx! {
                        WaKitScreen {
                            kit,
                            flash: kit_flash(),
                            on_save_poster: move |_| kit_flash.set(Some(match a1.save_poster() {
                                Ok(path) => (true, format!("Poster tersimpan: {path}. Cetak di kertas A4.")),
                                Err(e) => (false, e.to_string()),
                            })),
                            on_settings: move |_| open_settings(),
                        }
                    }
                }
                Err(e) => rsx! { p { class: "notice error", role: "alert", "{e}" } },
            },
            Screen::Home => match app.home() {
                Ok(view) => {
                    let a_update = app.clone();
                    rsx! {
                    HomeScreen {
                        view,
                        on_open: move |id: String| open_case(id),
                        on_new: move |_| { form_error.set(None); form_errors.set(Vec::new()); screen.set(Screen::NewCase) },
                        on_templates: move |_| screen.set(Screen::Templates),
                        on_settings: move |_| open_settings(),
                        on_wa_kit: move |_| { kit_flash.set(None); screen.set(Screen::WaKit) },
                        on_app_update: move |_| {
                            // Only the browser opens; if it cannot, Cadangan & pembaruan shows the link to copy.
                            if a_update.open_app_download().is_err() {
                                screen.set(Screen::Backup);
                            }
                        },
                    }
                    }
                }
                Err(e) => rsx! { p { class: "notice error", role: "alert", "{e}" } },
            },
            Screen::Cases => {
                let filter = CaseFilter {
                    status: StatusKind::from_key(&case_status()),
                    service_id: Some(case_service()).filter(|s| !s.is_empty()),
                    search: Some(case_search()).filter(|s| !s.trim().is_empty()),
                };
                // Keyset paging: follow the cursor once per loaded page.
                let mut view = CaseListView::default();
                let mut cursor = None;
                let mut failed = None;
                for _ in 0..pages() {
                    match app.case_list(&filter, cursor.as_ref()) {
                        Ok(page) => {
                            view.rows.extend(page.rows);
                            view.services = page.services;
                            cursor = page.next.clone();
                            view.next = page.next;
                            if cursor.is_none() {
                                break;
                            }
                        }
                        Err(e) => {
                            failed = Some(e.to_string());
                            break;
                        }
                    }
                }
                rsx! {
                    if let Some(e) = failed {
                        p { class: "notice error", role: "alert", "{e}" }
                    }
                    CaseListScreen {
                        view,
                        search: case_search(),
                        status: case_status(),
                        service: case_service(),
                        on_search: move |q: String| { case_search.set(q); pages.set(1) },
                        on_status: move |s: String| { case_status.set(s); pages.set(1) },
                        on_service: move |s: String| { case_service.set(s); pages.set(1) },
                        on_open: move |id: String| open_case(id),
                        on_more: move |_| pages += 1,
                    }
                }
            }
            Screen::Case(id) => match app.case_view(&id) {
                Ok(view) => {
                    let (a1, a2, a3, a4, a5, a6) = (
                        app.clone(),
                        app.clone(),
                        app.clone(),
                        app.clone(),
                        app.clone(),
                        app.clone(),
                    );
                    let (a8, i8) = (app.clone(), id.clone());
                    let (i1, i2, i3, i4, i5, i6) = (
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                    );
                    let report = move |result: Result<String, crate::app::AppError>| {
                        draft.with_mut(|d| {
                            d.flash = Some(match result {
                                Ok(msg) => (true, msg),
                                Err(e) => (false, e.to_string()),
                            })
                        });
                        version += 1;
                    };
                    let mut report1 = report;
                    let mut report2 = report;
                    let mut report3 = report;
                    let mut report4 = report;
                    let mut report5 = report;
                    let mut report6 = report;
                    let a7 = app.clone();
                    rsx! {
                        CaseScreen {
                            view,
                            draft: draft(),
                            on_mark: move |(p, mark): (usize, ItemMark)| report1(a1.mark_item(&i1, p, mark).map(|_| mark.done_text().into())),
                            on_not_applicable: move |p: usize| {
                                let reason = draft().reason;
                                let result = a2.set_item_not_applicable(&i2, p, &reason);
                                let ok = result.is_ok();
                                report2(result.map(|_| "Syarat ditandai tidak perlu.".into()));
                                if ok {
                                    draft.with_mut(|d| d.reason.clear());
                                }
                            },
                            on_action: move |key: String| {
                                let reason = draft().reason;
                                let result = a3.apply_action(&i3, &key, Some(&reason));
                                let ok = result.is_ok();
                                report3(result.map(|_| "Status diperbarui. Balasan untuk status ini sudah disiapkan di bawah.".into()));
                                if ok {
                                    let fresh = case_draft(&a3, &i3);
                                    draft.with_mut(|d| { d.template_id = fresh.template_id; d.reply = fresh.reply; d.reason.clear(); });
                                }
                            },
                            on_template: move |t: String| {
                                let text = a4.reply_text(&i4, &t);
                                match text {
                                    Ok(text) => draft.with_mut(|d| { d.template_id = t; d.reply = text; d.flash = None; }),
                                    Err(e) => draft.with_mut(|d| d.flash = Some((false, e.to_string()))),
                                }
                            },
                            on_reply: move |text: String| draft.with_mut(|d| d.reply = text),
                            on_reason: move |text: String| draft.with_mut(|d| d.reason = text),
                            on_send: move |_| {
                                let d = draft();
                                report4(a5.send_case_reply(&i5, &d.template_id, &d.reply).map(|t| format!("Pesan disiapkan di {}, tercatat di riwayat.", t.label())));
                            },
                            on_share: move |_| {
                                let d = draft();
                                report6(a7.share_text(&d.reply).map(|_| "Lembar berbagi dibuka.".to_string()));
                            },
                            on_note: move |_| {
                                let reason = draft().reason;
                                let result = a6.add_case_note(&i6, &reason);
                                let ok = result.is_ok();
                                report5(result.map(|_| "Catatan disimpan.".into()));
                                if ok {
                                    draft.with_mut(|d| d.reason.clear());
                                }
                            },
                            on_message_time: move |text: String| match a8.set_message_time(&i8, &text) {
                                Ok(()) => { version += 1; None }
                                Err(crate::app::AppError::Form(errors)) => errors.first().map(|e| e.message.clone()),
                                Err(e) => Some(e.to_string()),
                            },
                        }
                        EraseResidentSection { case_id: id.clone(), on_done: move |_| version += 1 }
                    }
                }
                Err(e) => rsx! { p { class: "notice error", role: "alert", "{e}" } },
            },
            Screen::NewCase => match app.new_case_view(None) {
                Ok(view) => {
                    let (a1, a2, a3, a4) = (app.clone(), app.clone(), app.clone(), app.clone());
                    rsx! {
                        NewCaseScreen {
                            view,
                            error: form_error(),
                            errors: form_errors(),
                            rev: form_rev(),
                            on_include_earlier: move |_| {
                                if let Err(e) = a4.include_earlier_chat() {
                                    form_error.set(Some(e.to_string()));
                                }
                                form_rev += 1;
                            },
                            on_fill: move |_| {
                                let app = a3.clone();
                                match a3.update_draft(|form| *form = app.fill_form_from_notes(form)) {
                                    Ok(_) => form_error.set(None),
                                    Err(e) => form_error.set(Some(e.to_string())),
                                }
                                form_rev += 1;
                            },
                            on_field: move |(field, value): (&'static str, String)| {
                                if let Err(e) = a1.update_draft(|form| form.set(field, value)) {
                                    form_error.set(Some(e.to_string()));
                                }
                            },
                            on_submit: move |_| {
                                // A draft that cannot be read is not turned into a case.
                                let form = match a2.load_draft() {
                                    Ok(form) => form.unwrap_or_default(),
                                    Err(e) => return form_error.set(Some(e.to_string())),
                                };
                                match a2.create_case(&form) {
                                    Err(crate::app::AppError::Form(errors)) => {
                                        form_error.set(None);
                                        form_errors.set(errors);
                                    }
                                    Ok(id) => {
                                        a2.drop_earlier_chat();
                                        form_error.set(None);
                                        form_errors.set(Vec::new());
                                        version += 1;
                                        draft.set(case_draft(&a2, &id));
                                        screen.set(Screen::Case(id));
                                    }
                                    Err(e) => form_error.set(Some(e.to_string())),
                                }
                            },
                        }
                    }
                }
                Err(e) => rsx! { p { class: "notice error", role: "alert", "{e}" } },
            },
            Screen::Templates => {
                let app = app.clone();
                let list = app.template_list();
                rsx! {
                    TemplatesScreen {
                        templates: list.clone(),
                        on_edit: move |id: String| {
                            let (name, text) = list.iter().find(|(i, _, _)| *i == id).map(|(_, n, t)| (n.clone(), t.clone())).unwrap_or_default();
                            template_edit.set(TemplateEdit { id: id.clone(), name, text, ..TemplateEdit::default() });
                            screen.set(Screen::Template(id));
                        },
                        on_new: move |_| {
                            template_edit.set(TemplateEdit { is_new: true, ..TemplateEdit::default() });
                            screen.set(Screen::Template(String::new()));
                        },
                    }
                }
            }
            Screen::Template(_) => {
                let app = app.clone();
                rsx! {
                    TemplateScreen {
                        edit: template_edit(),
                        on_field: move |(field, value): (&'static str, String)| template_edit.with_mut(|t| {
                            match field {
                                "kode" => t.id = value,
                                "nama" => t.name = value,
                                _ => t.text = value,
                            }
                            t.saved = false;
                        }),
                        on_save: move |_| {
                            let t = template_edit();
                            let result = app.save_template(&t.id, &t.name, &t.text);
                            template_edit.with_mut(|t| match result {
                                Ok(()) => { t.error = None; t.error_field.clear(); t.saved = true; t.is_new = false; }
                                Err(crate::app::AppError::Form(errors)) => {
                                    let first = errors.into_iter().next();
                                    t.error_field = first.as_ref().map(|e| e.field.clone()).unwrap_or_default();
                                    t.error = first.map(|e| e.message);
                                    t.saved = false;
                                }
                                Err(e) => { t.error = Some(e.to_string()); t.error_field.clear(); t.saved = false; }
                            });
                        },
                    }
                }
            }
            Screen::Catalog => {
                let results = app.catalog_list(&query());
                rsx! {
                    CatalogScreen {
                        query: query(),
                        results,
                        on_query: move |q: String| query.set(q),
                        on_open: {
                            let app = app.clone();
                            move |id: String| {
                                send.set(SendState::start(&app, &id));
                                screen.set(Screen::Service(id));
                            }
                        },
                    }
                }
            }
            Screen::Service(id) => match app.service_view(&id) {
                Ok(service) => {
                    let a2 = app.clone();
                    let on_new_case = app.has_case_book().then(|| {
                        EventHandler::new(move |id: String| {
                            if let Err(e) = a2.update_draft(|form| form.service_id = id) {
                                form_error.set(Some(e.to_string()));
                            }
                            screen.set(Screen::NewCase);
                        })
                    });
                    // The send state is started when the service is opened from the catalog, and
                    // kept (number and text) while the official visits the full send screen.
                    let (a3, a4) = (app.clone(), app.clone());
                    rsx! {
                        ServiceScreen {
                            service,
                            on_send: move |id: String| screen.set(Screen::Send(id)),
                            on_new_case,
                            send: Some(send()),
                            on_phone: move |raw: String| send.with_mut(|s| s.set_phone(&a3, raw)),
                            on_open: move |_| send.with_mut(|s| s.open(&a4)),
                        }
                    }
                }
                Err(e) => rsx! { p { class: "error", role: "alert", "{e}" } },
            },
            Screen::Send(_) => {
                let app_phone = app.clone();
                let app_open = app.clone();
                rsx! {
                    SendScreen {
                        state: send(),
                        on_phone: move |raw: String| send.with_mut(|s| s.set_phone(&app_phone, raw)),
                        on_text: move |text: String| send.with_mut(|s| s.set_text(text)),
                        on_open: move |_| send.with_mut(|s| s.open(&app_open)),
                    }
                }
            }
        }
    };

    let current = screen();
    let back = current.back().filter(|_| is_open);
    let title = if is_open {
        current.title()
    } else {
        "Layanan Desa"
    };
    let tab = match &current {
        Screen::Home
        | Screen::NewCase
        | Screen::Templates
        | Screen::Template(_)
        | Screen::Settings
        | Screen::Backup
        | Screen::WaKit => 0,
        Screen::Cases | Screen::Case(_) => 1,
        Screen::Report => 3,
        _ => 2,
    };
    rsx! {
        style { {CSS} }
        div { class: "app",
            header { class: "bar",
                if let Some(target) = back {
                    button {
                        class: "back",
                        "aria-label": "Kembali",
                        onclick: move |_| screen.set(target.clone()),
                        "‹"
                    }
                }
                h1 { "{title}" }
                if has_pin {
                    button {
                        class: "lock-now",
                        "aria-label": "Kunci aplikasi",
                        onclick: {
                            let app = app.clone();
                            move |_| { app.lock_now(); version += 1; }
                        },
                        "Kunci"
                    }
                }
            }
            main { class: "content",
                if !app.has_case_book() {
                    if let Some(notice) = app.startup_notice() {
                        p { class: "notice error", role: "alert", "{notice}" }
                    }
                }
                if let Some(error) = startup_error() {
                    p { class: "notice error", role: "alert", "{error}" }
                }
                {body}
            }
            if app.has_case_book() && is_open {
                nav { class: "tabs", "aria-label": "Menu utama",
                    button { class: if tab == 0 { "tab active" } else { "tab" }, onclick: move |_| screen.set(Screen::Home), "Beranda" }
                    button { class: if tab == 1 { "tab active" } else { "tab" }, onclick: move |_| screen.set(Screen::Cases), "Berkas" }
                    button { class: if tab == 2 { "tab active" } else { "tab" }, onclick: move |_| screen.set(Screen::Catalog), "Layanan" }
                    button { class: if tab == 3 { "tab active" } else { "tab" }, onclick: move |_| { report_flash.set(None); screen.set(Screen::Report) }, "Laporan" }
                }
            }
        }
    }
}

/// Opens the desktop preview at phone size (about 390x800).
#[cfg(feature = "desktop")]
pub fn launch_desktop(app: Arc<App>) {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
    let window = WindowBuilder::new()
        .with_title("Layanan Desa")
        .with_inner_size(LogicalSize::new(390.0, 800.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(
            Config::new()
                .with_window(window)
                .with_menu(None)
                .with_custom_head(csp_meta()),
        )
        .with_context(AppHandle(app))
        .launch(Root);
}

/// Starts the app inside the Android activity (`dx bundle --android`), with the app `main`
/// built on the platform it picked.
#[cfg(all(feature = "mobile", not(feature = "desktop")))]
pub fn launch_mobile(app: Arc<App>) {
    dioxus::LaunchBuilder::mobile()
        .with_cfg(dioxus::mobile::Config::new().with_custom_head(csp_meta()))
        .with_context(AppHandle(app))
        .launch(Root);
}

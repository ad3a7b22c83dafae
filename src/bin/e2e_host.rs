//! The browser test host (feature `e2e`, never in the APK): the app's real `Root`, served over
//! Dioxus LiveView on 127.0.0.1 so Chromium can drive it at phone size, with a SQLite file in
//! the given folder, a clock the tests set, and the recording platform, whose calls the tests
//! read back over a small JSON API under `/test-api/`.
//!
//! `e2e-host --data-dir D [--port 0] [--now-ms MS] [--seed-cases N]` prints
//! `LISTENING http://127.0.0.1:<port>` once it accepts connections.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::{get, post};
use axum::{Json, Router};
use dioxus::prelude::*;
use dioxus_liveview::{axum_socket, interpreter_glue, LiveViewPool};
use layanan_desa::app::lock::LockStatus;
use layanan_desa::app::App;
use layanan_desa::app::{open_case_book, CaseBook, ManualClock};
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::ui::{AppHandle, Root};
use serde::Deserialize;

/// Thursday 26 November 2026 09.00 WIB: inside office hours, unless a test moves the clock.
const DEFAULT_NOW_MS: i64 = 1_795_658_400_000;

struct Args {
    data_dir: PathBuf,
    port: u16,
    now_ms: i64,
    seed_cases: usize,
    /// `skip`, `setup` or a PIN: see `main`.
    lock: String,
    /// `guide`: a new, empty book shows "Siapkan HP ini" as on a new phone; otherwise the
    /// guide counts as done (the other flows open on Beranda as before).
    first_start: String,
    /// `yes`: the pretend phone has a fingerprint set up (the lock screen then offers it).
    fingerprint: bool,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        data_dir: PathBuf::new(),
        port: 0,
        now_ms: DEFAULT_NOW_MS,
        seed_cases: 0,
        lock: "skip".into(),
        first_start: String::new(),
        fingerprint: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} perlu nilai"))?;
        let number = |v: &str| v.parse::<i64>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag.as_str() {
            "--data-dir" => args.data_dir = PathBuf::from(value),
            "--port" => args.port = u16::try_from(number(&value)?).map_err(|e| e.to_string())?,
            "--now-ms" => args.now_ms = number(&value)?,
            "--lock" => args.lock = value,
            "--first-start" => args.first_start = value,
            "--fingerprint" => args.fingerprint = value == "yes",
            "--seed-cases" => {
                args.seed_cases = usize::try_from(number(&value)?).map_err(|e| e.to_string())?
            }
            other => return Err(format!("argumen tidak dikenal: {other}")),
        }
    }
    if args.data_dir.as_os_str().is_empty() {
        return Err("--data-dir wajib".into());
    }
    Ok(args)
}

#[derive(Clone)]
struct TestState {
    app: Arc<App>,
    platform: Recording,
    clock: Arc<ManualClock>,
}

#[derive(Deserialize)]
struct ClockQuery {
    ms: i64,
}

/// Every recorded call so far, as JSON for the browser tests.
async fn recorded(State(state): State<TestState>) -> Json<serde_json::Value> {
    let chats: Vec<serde_json::Value> = state
        .platform
        .chats()
        .iter()
        .map(|c| {
            serde_json::json!({
                "number": c.number.digits(),
                "text": c.text,
                "link": c.link,
            })
        })
        .collect();
    let saved: Vec<serde_json::Value> = state
        .platform
        .saved()
        .iter()
        .map(|f| serde_json::json!({ "name": f.name, "mime": f.mime, "size": f.bytes.len() }))
        .collect();
    let shared_files: Vec<serde_json::Value> = state
        .platform
        .shared_files()
        .iter()
        .map(|f| serde_json::json!({ "name": f.name, "mime": f.mime, "size": f.bytes.len() }))
        .collect();
    let private_shares: Vec<serde_json::Value> = state
        .platform
        .private_shares()
        .iter()
        .map(|f| serde_json::json!({ "name": f.name, "mime": f.mime, "size": f.bytes.len() }))
        .collect();
    Json(serde_json::json!({
        "chats": chats,
        "shares": state.platform.shares(),
        "saved": saved,
        "sharedFiles": shared_files,
        "privateShares": private_shares,
        "clipboard": state.platform.clipboard(),
        // Wrong PINs in a row as the app counts them (null when not locked).
        "pinFailures": match state.app.lock_status() {
            Ok(LockStatus::Locked { failures, .. }) => Some(failures),
            _ => None,
        },
        "picks": state.platform.picks(),
        // Lock ticks run so far (the screen's timer, once a second).
        "lockChecks": state.platform.lock_checks(),
        "secureScreen": state.platform.secure_screen(),
        "fingerprintAsks": state.platform.fingerprint_asks(),
        // The reminders armed last: `[{kind, at, title}]`, null when never armed.
        "reminders": state.platform.reminders().map(|plan| {
            plan.iter()
                .map(|r| serde_json::json!({ "kind": r.kind.key(), "at": r.at_ms, "title": r.title }))
                .collect::<Vec<_>>()
        }),
    }))
}

/// Pretends WhatsApp shared `body` into the app.
async fn share(State(state): State<TestState>, body: String) -> &'static str {
    state.platform.receive_share(&body);
    "ok"
}

/// The official copies a text in another app (a resident's message in WhatsApp).
async fn copy_elsewhere(State(state): State<TestState>, body: String) -> &'static str {
    state.platform.copy_elsewhere(&body);
    "ok"
}

#[derive(Deserialize)]
struct FingerprintQuery {
    passed: bool,
}

/// Pretends the official answered the phone's fingerprint prompt.
async fn answer_fingerprint(
    State(state): State<TestState>,
    Query(q): Query<FingerprintQuery>,
) -> &'static str {
    state.platform.answer_fingerprint(q.passed);
    "ok"
}

#[derive(Deserialize)]
struct OfferQuery {
    /// Flip one bit of the byte at this offset (a damaged file).
    flip: Option<usize>,
    /// Keep only this many bytes (an interrupted download).
    cut: Option<usize>,
}

/// The pretend file picker will hand out the last file the app shared (a backup), as is or
/// damaged as asked.
async fn offer_shared(State(state): State<TestState>, Query(q): Query<OfferQuery>) -> String {
    let Some(file) = state.platform.shared_files().pop() else {
        return "ERROR nothing shared yet".into();
    };
    let mut bytes = file.bytes;
    if let Some(at) = q.flip.filter(|at| *at < bytes.len()) {
        bytes[at] ^= 0x04;
    }
    if let Some(cut) = q.cut {
        bytes.truncate(cut);
    }
    state.platform.offer_file(&file.name, bytes);
    "ok".into()
}

/// The last file this phone handed to the share sheet, as bytes, its name in `x-file-name`
/// (a second phone's picker gets it through `/test-api/offer-file`).
async fn last_shared_file(State(state): State<TestState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.platform.shared_files().pop() {
        Some(file) => ([("x-file-name", file.name)], file.bytes).into_response(),
        None => (axum::http::StatusCode::NOT_FOUND, "nothing shared yet").into_response(),
    }
}

#[derive(Deserialize)]
struct OfferFileQuery {
    name: String,
}

/// The pretend file picker offers these bytes under `name` (a file another phone sent).
async fn offer_file(
    State(state): State<TestState>,
    Query(q): Query<OfferFileQuery>,
    body: axum::body::Bytes,
) -> &'static str {
    state.platform.offer_file(&q.name, body.to_vec());
    "ok"
}

/// A file opened with the app ("Buka dengan" in WhatsApp), as `MainActivity` hands it over.
async fn open_with(
    State(state): State<TestState>,
    Query(q): Query<OfferFileQuery>,
    body: axum::body::Bytes,
) -> &'static str {
    state.platform.open_with(&q.name, body.to_vec());
    "ok"
}

#[derive(Deserialize)]
struct BackgroundQuery {
    on: bool,
}

/// Pretends the official switched to another app (`on=true`) or back. Leaving also records the
/// time, as Android's `notifyForeground(false)` does, so the lock does not depend on when the
/// screen's timer happens to run.
async fn background(
    State(state): State<TestState>,
    Query(q): Query<BackgroundQuery>,
) -> &'static str {
    if q.on {
        let now = layanan_desa::app::Clock::now_ms(state.clock.as_ref());
        state.platform.set_left_screen_at(now);
    }
    state.platform.set_background(q.on);
    "ok"
}

async fn set_clock(State(state): State<TestState>, Query(q): Query<ClockQuery>) -> &'static str {
    state.clock.set(q.ms);
    "ok"
}

/// The summary text of the current month, as `layanan-desa report` would print it.
async fn summary(State(state): State<TestState>) -> String {
    match state
        .app
        .this_month()
        .and_then(|p| state.app.summary_text(p))
    {
        Ok(text) => text,
        Err(e) => format!("ERROR {e}"),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let clock = Arc::new(ManualClock::new(args.now_ms));
    let platform = Recording::new(Device {
        fingerprint: args.fingerprint,
        ..Device::default()
    })
    .with_data_dir(args.data_dir.clone());
    let opened = match open_case_book(&args.data_dir, clock.as_ref()) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut store = opened.store;
    let built = App::builtin(Arc::new(platform.clone()));
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if args.seed_cases > 0 {
        if let Err(e) = layanan_desa::app::seed::seed(
            &mut store,
            &app.catalog(),
            args.seed_cases,
            args.now_ms,
            7,
        ) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    let book = CaseBook::new(store, Box::new(clock.clone()));
    let app = match app.with_case_book(book, opened.notice) {
        Ok(app) => Arc::new(app),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    // The PIN lock at start: `skip` (the other flows: the app opens as before; a folder started
    // again keeps its choice), `setup` (the first-start screen) or a PIN (set, and the app
    // opens locked as after a restart).
    let locked = match args.lock.as_str() {
        "setup" => Ok(()),
        "skip" => match app.lock_status() {
            Ok(LockStatus::Setup) => app.skip_pin(),
            other => other.map(|_| ()),
        },
        pin => app.set_pin(None, pin, pin).map(|()| app.lock_now()),
    };
    if let Err(e) = locked {
        eprintln!("--lock {}: {e}", args.lock);
        return ExitCode::FAILURE;
    }
    if args.first_start != "guide" && app.first_start_due() {
        if let Err(e) = app.end_first_start() {
            eprintln!("--first-start: {e}");
            return ExitCode::FAILURE;
        }
    }
    let state = TestState {
        app: app.clone(),
        platform,
        clock,
    };
    let api = Router::new()
        .route("/test-api/recorded", get(recorded))
        .route("/test-api/share", post(share))
        .route("/test-api/clipboard", post(copy_elsewhere))
        .route("/test-api/fingerprint", post(answer_fingerprint))
        .route("/test-api/clock", post(set_clock))
        .route("/test-api/summary", get(summary))
        .route("/test-api/offer-shared", post(offer_shared))
        .route("/test-api/shared-file", get(last_shared_file))
        .route("/test-api/offer-file", post(offer_file))
        .route("/test-api/open-with", post(open_with))
        .route("/test-api/background", post(background))
        .with_state(state);
    // Our own page rather than the adapter's: the phone viewport meta tag and `lang="id"` are
    // what Android's WebView page has, and what layout and accessibility checks need.
    let page = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Layanan Desa</title>{}</head><body><div id=\"main\"></div>{}</body></html>",
        layanan_desa::ui::csp_meta(),
        interpreter_glue("/ws")
    );
    let pool = LiveViewPool::new();
    let router = Router::new()
        .merge(api)
        .route(
            "/",
            get(move || {
                let page = page.clone();
                async move { Html(page) }
            }),
        )
        .route(
            "/ws",
            get(move |ws: WebSocketUpgrade| {
                let (pool, app) = (pool.clone(), app.clone());
                async move {
                    ws.on_upgrade(move |socket| async move {
                        let _ = pool
                            .launch_virtualdom(axum_socket(socket), move || {
                                VirtualDom::new(Root).with_root_context(AppHandle(app))
                            })
                            .await;
                    })
                }
            }),
        );
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("LISTENING http://{addr}"),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = axum::serve(listener, router.into_make_service()).await {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

//! The speed budgets of issue 9, measured on a ten-year case book (`layanan-desa dev seed
//! --cases 50000`: about ten events per case, five years of timestamps), release profile.
//! Each figure is the median of many runs; the database paths are also measured as a minimal
//! direct rusqlite query fetching the same rows, and reported with the ratio (the cost of the
//! app's own layers). Prints a table of figure, median, budget, ratio and verdict, and exits
//! non-zero when a budget is broken. Run with `./dev bench` (not part of `./dev test`: a
//! benchmark is not a test). `--rss-probe` is the headless run whose peak memory is reported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dioxus::prelude::*;
use layanan_desa::app::book::{CaseListView, HomeView};
use layanan_desa::app::cases::{CaseBook, FixedClock};
use layanan_desa::app::App;
use layanan_desa::domain::case::StatusKind;
use layanan_desa::domain::phone::WaNumber;
use layanan_desa::domain::report::Period;
use layanan_desa::domain::whatsapp::wa_me_link;
use layanan_desa::platform::recording::{Device, Recording};
use layanan_desa::store::{CaseFilter, Store};
use layanan_desa::ui::{CaseListScreen, HomeScreen};

/// Saturday 28 November 2026 19.30 WIB: the seeded book ends here.
const NOW: i64 = 1_795_869_000_000;
const CASES: usize = 50_000;
const SEED: u64 = 42;

struct Figure {
    name: &'static str,
    median: Duration,
    budget: Duration,
    baseline: Option<Duration>,
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Median of `n` runs after `n / 10 + 1` warm-up runs.
fn measure<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..n / 10 + 1 {
        std::hint::black_box(f());
    }
    let runs = (0..n)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    median(runs)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn book_path() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("layanan-desa-{CASES}-{SEED}.db"))
}

/// The seeded book, made once and reused (the seed is fixed, so it is always the same).
fn ensure_book(path: &Path) -> Result<(), String> {
    if let Ok(store) = Store::open(path) {
        if store.case_count().map_err(|e| e.to_string())? == CASES as u64 {
            return Ok(());
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    eprintln!("Seeding {CASES} cases into {} …", path.display());
    let started = Instant::now();
    let app =
        App::builtin(Arc::new(Recording::new(Device::default()))).map_err(|e| e.to_string())?;
    let mut store = Store::open(path).map_err(|e| e.to_string())?;
    layanan_desa::app::seed::seed(&mut store, &app.catalog(), CASES, NOW, SEED)
        .map_err(|e| e.to_string())?;
    eprintln!("… in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What an official's phone does at start: open the file (checks, migrations), the app with
/// its catalog, settings and office profile, and the Beranda queue.
fn start(path: &Path) -> Result<App, String> {
    let store = Store::open(path).map_err(|e| e.to_string())?;
    let book = CaseBook::new(store, Box::new(FixedClock::new(NOW)));
    let app = App::builtin(Arc::new(Recording::new(Device::default())))
        .map_err(|e| e.to_string())?
        .with_case_book(book, None)
        .map_err(|e| e.to_string())?;
    app.home().map_err(|e| e.to_string())?;
    Ok(app)
}

fn home_harness(view: HomeView) -> Element {
    rsx! { HomeScreen { view, on_open: |_| {}, on_new: |_| {}, on_templates: |_| {}, on_settings: |_| {}, on_wa_kit: |_| {}, on_app_update: |_| {} } }
}

fn list_harness(view: CaseListView) -> Element {
    rsx! { CaseListScreen { view, search: String::new(), status: String::new(), service: String::new(), on_search: |_| {}, on_status: |_| {}, on_service: |_| {}, on_open: |_| {}, on_more: |_| {} } }
}

/// Builds the screen's VirtualDom and diffs a re-render, as a tap that changes a screen does.
fn render<P: Clone + 'static>(component: fn(P) -> Element, props: P) {
    let mut dom = VirtualDom::new_with_props(component, props);
    let mut mutations = dioxus::dioxus_core::NoOpMutations;
    dom.rebuild(&mut mutations);
    dom.mark_dirty(ScopeId::APP);
    dom.render_immediate(&mut mutations);
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The headless run: start, then load each screen's data once; prints the peak RSS in KiB.
fn rss_probe(path: &Path) -> Result<(), String> {
    let app = start(path)?;
    let e = |e: layanan_desa::app::AppError| e.to_string();
    let page = app.case_list(&CaseFilter::default(), None).map_err(e)?;
    if let Some(first) = page.rows.first() {
        app.case_view(&first.id).map_err(e)?;
    }
    app.catalog_list("akte lahir");
    let all = Period {
        from: NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?,
        to: NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?,
    };
    app.report(all).map_err(e)?;
    app.settings_view();
    app.template_list();
    app.wa_kit().map_err(e)?;
    println!("{}", peak_rss_kib().ok_or("no /proc/self/status")?);
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this binary without it
    // (in the debug profile, where the figures mean nothing), so it only says how to run it.
    if !args.iter().any(|a| a == "--bench" || a == "--rss-probe") {
        println!("budgets: run with `./dev bench` (cargo bench --bench budgets)");
        return Ok(true);
    }
    let path = book_path();
    ensure_book(&path)?;
    if args.iter().any(|a| a == "--rss-probe") {
        rss_probe(&path)?;
        return Ok(true);
    }
    let e = |e: layanan_desa::app::AppError| e.to_string();
    let mut figures = Vec::new();

    // Start-up (each run opens the file afresh).
    let startup = measure(20, || start(&path).map(|_| ()));
    figures.push(Figure {
        name: "start-up (open, checks, settings, Beranda)",
        median: startup,
        budget: Duration::from_millis(50),
        baseline: None,
    });

    // Where start-up goes (no budgets of their own; they explain the one above).
    let open_only = measure(10, || {
        Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
    });
    let builtin = measure(10, || {
        App::builtin(Arc::new(Recording::new(Device::default())))
            .map(|_| ())
            .map_err(e)
    });
    eprintln!(
        "start-up parts: Store::open {}, App::builtin (catalog + index) {}",
        ms(open_only),
        ms(builtin)
    );

    let app = start(&path)?;
    let raw = rusqlite::Connection::open(&path).map_err(|e| e.to_string())?;

    // Berkas: first page of 50 with a status filter.
    // "Selesai": the status with the most cases (47,000 of 50,000 in the seeded book).
    let by_status = CaseFilter {
        status: Some(StatusKind::Done),
        ..CaseFilter::default()
    };
    let page = measure(200, || app.case_list(&by_status, None).map_err(e));
    let mut list_sql = raw
        .prepare(
            "SELECT id, year, seq, resident_name, nik, service_name, status, received_at, updated_at \
             FROM cases WHERE status = ?1 ORDER BY updated_at DESC, id DESC LIMIT 51",
        )
        .map_err(|e| e.to_string())?;
    let page_raw = measure(200, || {
        list_sql
            .query_map(["selesai"], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
    });
    figures.push(Figure {
        name: "Berkas: page of 50, status filter",
        median: page,
        budget: Duration::from_millis(4),
        baseline: Some(page_raw),
    });

    // Berkas: a name prefix.
    let by_name = CaseFilter {
        search: Some("sit".into()),
        ..CaseFilter::default()
    };
    let search = measure(200, || app.case_list(&by_name, None).map_err(e));
    let mut name_sql = raw
        .prepare(
            "SELECT id, year, seq, resident_name, nik, service_name, status, received_at \
             FROM cases WHERE resident_name LIKE 'sit%' OR resident_name LIKE '% sit%' \
             ORDER BY updated_at DESC, id DESC LIMIT 51",
        )
        .map_err(|e| e.to_string())?;
    let search_raw = measure(200, || {
        name_sql
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
    });
    figures.push(Figure {
        name: "Berkas: name prefix \"sit\"",
        median: search,
        budget: Duration::from_millis(4),
        baseline: Some(search_raw),
    });

    // Case detail: case + checklist + timeline.
    let first = app
        .case_list(&CaseFilter::default(), None)
        .map_err(e)?
        .rows
        .first()
        .map(|r| r.id.clone())
        .ok_or("empty book")?;
    let detail = measure(500, || app.case_view(&first).map_err(e));
    let mut case_sql = raw
        .prepare(
            "SELECT id, resident_name, phone, nik, status, service_name FROM cases WHERE id = ?1",
        )
        .map_err(|e| e.to_string())?;
    let mut items_sql = raw
        .prepare("SELECT position, label, state FROM checklist_items WHERE case_id = ?1 ORDER BY position")
        .map_err(|e| e.to_string())?;
    let mut events_sql = raw
        .prepare("SELECT at, actor, kind, status, reason, body FROM events WHERE case_id = ?1 ORDER BY at, id")
        .map_err(|e| e.to_string())?;
    let detail_raw = measure(500, || -> rusqlite::Result<usize> {
        let case: (String, String) =
            case_sql.query_row([&first], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let items = items_sql
            .query_map([&first], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let events = events_sql
            .query_map([&first], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(case.0.len() + items.len() + events.len())
    });
    figures.push(Figure {
        name: "case detail (case, checklist, timeline)",
        median: detail,
        budget: Duration::from_millis(2),
        baseline: Some(detail_raw),
    });

    // Catalog search per keystroke.
    let typed = [
        "a",
        "ak",
        "akt",
        "akte",
        "akte ",
        "akte l",
        "akte la",
        "akte lah",
        "akte lahi",
        "akte lahir",
    ];
    let mut k = 0;
    let keystroke = measure(2000, || {
        k = (k + 1) % typed.len();
        app.catalog_list(typed[k])
    });
    figures.push(Figure {
        name: "catalog search, one keystroke",
        median: keystroke,
        budget: Duration::from_micros(500),
        baseline: None,
    });

    // Laporan.
    let year = Period {
        from: NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?,
        to: NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?,
    };
    let all = Period {
        from: NaiveDate::from_ymd_opt(2020, 1, 1).ok_or("date")?,
        to: NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date")?,
    };
    figures.push(Figure {
        name: "Laporan, one year",
        median: measure(10, || app.report(year).map_err(e)),
        budget: Duration::from_millis(40),
        baseline: None,
    });
    figures.push(Figure {
        name: "Laporan, all years",
        median: measure(5, || app.report(all).map_err(e)),
        budget: Duration::from_millis(200),
        baseline: None,
    });

    // A checklist tick: one durable write (on, then off again).
    let new_cases = CaseFilter {
        status: Some(StatusKind::New),
        ..CaseFilter::default()
    };
    let open_case = app
        .case_list(&new_cases, None)
        .map_err(e)?
        .rows
        .first()
        .map(|r| r.id.clone())
        .ok_or("no open case")?;
    let mut on = true;
    let tick = measure(100, || {
        let r = app.set_item(&open_case, 0, on);
        on = !on;
        r.map_err(e)
    });
    figures.push(Figure {
        name: "checklist tick (durable write)",
        median: tick,
        budget: Duration::from_millis(5),
        baseline: None,
    });

    // Rendering.
    let home = app.home().map_err(e)?;
    figures.push(Figure {
        name: "render Beranda (build + diff)",
        median: measure(200, || render(home_harness, home.clone())),
        budget: Duration::from_millis(4),
        baseline: None,
    });
    let list = app.case_list(&CaseFilter::default(), None).map_err(e)?;
    figures.push(Figure {
        name: "render Berkas, 50 rows (build + diff)",
        median: measure(200, || render(list_harness, list.clone())),
        budget: Duration::from_millis(4),
        baseline: None,
    });

    // Template and link.
    let number = WaNumber::parse("0812 3456 7890").map_err(|e| e.to_string())?;
    figures.push(Figure {
        name: "reply template + wa.me link",
        median: measure(2000, || {
            app.reply_text(&open_case, "persyaratan")
                .map(|text| wa_me_link(&number, &text))
                .map_err(e)
        }),
        budget: Duration::from_millis(2),
        baseline: None,
    });

    // Peak memory of a headless run, in its own process.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe)
        .arg("--rss-probe")
        .output()
        .map_err(|e| e.to_string())?;
    let rss_kib: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| format!("RSS probe failed: {}", String::from_utf8_lossy(&out.stderr)))?;

    println!(
        "Layanan Desa budgets, {CASES} cases, release, {}",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    println!();
    println!("| Figure | Median | Budget | Store/baseline | Verdict |");
    println!("|---|---:|---:|---:|---|");
    let mut all_ok = true;
    for f in &figures {
        let ratio = f
            .baseline
            .map(|b| f.median.as_secs_f64() / b.as_secs_f64().max(1e-9));
        let ok = f.median <= f.budget && ratio.is_none_or(|r| r <= 1.5);
        all_ok &= ok;
        println!(
            "| {} | {} | {} | {} | {} |",
            f.name,
            ms(f.median),
            ms(f.budget),
            ratio.map_or("–".to_string(), |r| format!(
                "{r:.2} (raw {})",
                ms(f.baseline.unwrap_or_default())
            )),
            if ok { "ok" } else { "OVER" }
        );
    }
    let rss_ok = rss_kib <= 60 * 1024;
    all_ok &= rss_ok;
    println!(
        "| peak RSS, headless run of every screen's data | {:.1} MB | 60.0 MB | – | {} |",
        rss_kib as f64 / 1024.0,
        if rss_ok { "ok" } else { "OVER" }
    );
    Ok(all_ok)
}

//! The speed budgets of issue 9, measured on a ten-year case book (`layanan-desa dev seed
//! --cases 50000`: about ten events per case, five years of timestamps), release profile.
//! Each figure is the median of many runs of the use case as a screen calls it. The database
//! paths are also measured as the app's `Store` call alone and as a minimal direct rusqlite
//! query fetching the same rows and columns (every value as SQLite's own `Value`): "store / raw"
//! is the cost of the store layer (budget 1.5), "use case / raw" adds the view building (shown,
//! no budget). Prints the table and exits non-zero when a budget is broken. Run with `./dev bench` (not part of `./dev test`: a
//! benchmark is not a test). `--rss-probe` is the headless run whose peak memory is reported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dioxus::prelude::*;
use layanan_desa::app::case_views::{CaseListView, HomeView};
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
    /// The whole use case, as a screen calls it.
    median: Duration,
    budget: Duration,
    /// For the database paths: the app's `Store` call alone, and the raw baseline.
    store: Option<Duration>,
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

/// The columns the app's queries read, copied here so the baseline fetches the same data.
const LIST_COLUMNS: &str = "id, year, seq, resident_name, nik, service_name, status, stage, status_reason, received_at, updated_at";
const CASE_COLUMNS: &str = "id, year, seq, resident_name, phone, nik, dusun, rt, rw, service_id, service_name, \
     outcome, catalog_version, channel, received_at, handler, status, stage, status_reason, updated_at, out_of_hours";

/// The baseline: every column of every row as SQLite's own values, nothing else.
fn rows(
    stmt: &mut rusqlite::Statement<'_>,
    params: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Vec<rusqlite::types::Value>>> {
    let n = stmt.column_count();
    stmt.query_map(params, |r| (0..n).map(|i| r.get(i)).collect())?
        .collect()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// The app's data directory for the benchmark: the seeded book as `layanan-desa.db`.
fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/bench-data/book-{CASES}-{SEED}"));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn book_path() -> PathBuf {
    data_dir().join(layanan_desa::app::DB_FILE)
}

/// Sync (issue 22): the whole book as one sync file into an empty phone (sealed, opened,
/// applied), and a file of 100 new operations applied to a phone that has the rest. Returns
/// the figures and the file's size per 1,000 operations in bytes.
fn sync_figures(app: &App) -> Result<(Vec<Figure>, f64), String> {
    use layanan_desa::domain::backup::{Fresh, KdfCost};
    use layanan_desa::domain::sync_file;
    use layanan_desa::store::Entry;
    let e = |e: layanan_desa::app::AppError| e.to_string();
    let fresh = Fresh {
        salt: [7; 16],
        nonce_prefix: [9; 19],
    };
    let pass = "Sandi Kantor Wonojati 2026";
    let all = app.sync_operations_after(&Default::default()).map_err(e)?;
    let n = all.len();
    let sealed = sync_file::write("bench", "A", &all, pass, KdfCost::DEFAULT, fresh)
        .map_err(|e| e.to_string())?;
    let per_1000 = sealed.len() as f64 * 1000.0 / n.max(1) as f64;
    drop(all);

    let dir = data_dir().join("sync-bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut empty = Store::open(&dir.join("b.db")).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let opened = Instant::now();
    let (_, ops) = sync_file::open::<Entry>(&sealed, pass).map_err(|e| e.to_string())?;
    let open_time = opened.elapsed();
    drop(sealed);
    empty
        .apply_operations(ops, NOW)
        .map_err(|e| e.to_string())?;
    let whole = started.elapsed();
    eprintln!(
        "sync: whole book {n} operations, file {:.1} MB; opened (argon2 + decrypt + JSON) in {},          applied in {}",
        per_1000 * n as f64 / 1000.0 / 1_048_576.0,
        ms(open_time),
        ms(whole - open_time)
    );

    // 100 new operations on the bench phone (ticks on and off), applied to the other. On the
    // last new case, not the first: the tick and reply rows above use that one, and these
    // rounds lengthen the timeline of the case they use.
    let open_case = app
        .case_list(
            &CaseFilter {
                status: Some(StatusKind::New),
                ..CaseFilter::default()
            },
            None,
        )
        .map_err(e)?
        .rows
        .last()
        .map(|r| r.id.clone())
        .ok_or("no open case")?;
    let mut runs = Vec::new();
    for round in 0..5 {
        for i in 0..100 {
            app.set_item(&open_case, 0, (round * 100 + i) % 2 == 0)
                .map_err(e)?;
        }
        let have = empty.have().map_err(|e| e.to_string())?;
        let ops = app.sync_operations_after(&have).map_err(e)?;
        if ops.len() != 100 {
            return Err(format!("expected 100 new operations, got {}", ops.len()));
        }
        let start = Instant::now();
        empty
            .apply_operations(ops, NOW)
            .map_err(|e| e.to_string())?;
        runs.push(start.elapsed());
    }
    drop(empty);
    let _ = std::fs::remove_dir_all(&dir);
    Ok((
        vec![
            Figure {
                name: "sync: whole 50,000-case book into an empty phone (open + apply)",
                median: whole,
                budget: Duration::from_secs(30),
                store: None,
                baseline: None,
            },
            Figure {
                name: "sync: a file of 100 operations applied",
                median: median(runs),
                budget: Duration::from_millis(50),
                store: None,
                baseline: None,
            },
        ],
        per_1000,
    ))
}

/// The seeded book, made once and reused (the seed is fixed, so it is always the same).
fn ensure_book(path: &Path) -> Result<(), String> {
    let opened = Instant::now();
    if let Ok(mut store) = Store::open(path) {
        // A book seeded by a build before the journal is adopted on this open (once).
        eprintln!("opened the book in {}", ms(opened.elapsed()));
        if store.case_count().map_err(|e| e.to_string())? == CASES as u64 {
            // Ten years kept: the retention period must not empty the book under the benchmark.
            store
                .set_settings(&[("masa_simpan_bulan", "120")], NOW)
                .map_err(|e| e.to_string())?;
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
    store
        .set_settings(&[("masa_simpan_bulan", "120")], NOW)
        .map_err(|e| e.to_string())?;
    eprintln!("… in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What an official's phone does at start: `App::start` (open the file safely, migrations,
/// the catalog, settings, templates and office profile), then the Beranda queue.
fn start() -> Result<App, String> {
    let platform = Recording::new(Device::default()).with_data_dir(data_dir());
    let app = App::start(Arc::new(platform)).map_err(|e| e.to_string())?;
    app.home().map_err(|e| e.to_string())?;
    Ok(app)
}

fn home_harness(view: HomeView) -> Element {
    rsx! { HomeScreen { view, on_open: |_| {}, on_new: |_| {}, on_settings: |_| {}, on_app_update: |_| {} } }
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

/// The headless run in a fresh process, as a phone starts the app: the first start (every
/// first-call cost included, such as loading libphonenumber's data if anything on the path
/// parsed a number), then each screen's data once. Prints the first start in microseconds and
/// the peak RSS in KiB.
fn rss_probe() -> Result<(), String> {
    let started = Instant::now();
    let app = start()?;
    let cold = started.elapsed();
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
    println!(
        "{} {}",
        cold.as_micros(),
        peak_rss_kib().ok_or("no /proc/self/status")?
    );
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
        rss_probe()?;
        return Ok(true);
    }
    let e = |e: layanan_desa::app::AppError| e.to_string();
    let mut figures = Vec::new();

    // Start-up (each run opens the file afresh).
    let startup = measure(20, || start().map(|_| ()));
    figures.push(Figure {
        name: "start-up (open, checks, settings, Beranda), warm",
        median: startup,
        budget: Duration::from_millis(50),
        store: None,
        baseline: None,
    });

    // Where start-up goes (no budgets of their own; they explain the one above).
    let open_only = measure(10, || {
        Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
    });
    let app_start = measure(10, || {
        let platform = Recording::new(Device::default()).with_data_dir(data_dir());
        App::start(Arc::new(platform)).map(|_| ()).map_err(e)
    });
    let builtin = measure(10, || {
        App::builtin(Arc::new(Recording::new(Device::default())))
            .map(|_| ())
            .map_err(e)
    });
    eprintln!(
        "start-up parts: Store::open {}, App::builtin (catalog + index) {}, App::start {} \
         (the rest of start-up is the Beranda queue)",
        ms(open_only),
        ms(builtin),
        ms(app_start)
    );
    // The daily care, in the background after start (no budget: nobody waits for it).
    let check = measure(3, || Store::check_file(&path).map_err(|e| e.to_string()));
    let copy_to = data_dir().join("salinan-bench.db");
    let copy = measure(3, || {
        let _ = std::fs::remove_file(&copy_to);
        Store::copy_file(&path, &copy_to).map_err(|e| e.to_string())
    });
    let _ = std::fs::remove_file(&copy_to);
    eprintln!(
        "daily care in the background: whole-file check {}, automatic copy {}",
        ms(check),
        ms(copy)
    );

    let app = start()?;
    let raw = rusqlite::Connection::open(&path).map_err(|e| e.to_string())?;
    // A second connection for the `Store` calls alone (the app holds its own).
    let reader = Store::open(&path).map_err(|e| e.to_string())?;

    // Berkas: first page of 50 with a status filter.
    // "Selesai": the status with the most cases (47,000 of 50,000 in the seeded book).
    let by_status = CaseFilter {
        status: Some(StatusKind::Done),
        ..CaseFilter::default()
    };
    let page = measure(500, || app.case_list(&by_status, None).map_err(e));
    let mut list_sql = raw
        .prepare(&format!(
            "SELECT {LIST_COLUMNS} FROM cases WHERE status = ?1 \
             ORDER BY updated_at DESC, id DESC LIMIT 51"
        ))
        .map_err(|e| e.to_string())?;
    let page_raw = measure(500, || rows(&mut list_sql, &[&"selesai"]));
    let page_store = measure(500, || reader.list_cases(&by_status, None, 50));
    figures.push(Figure {
        name: "Berkas: page of 50, status filter",
        median: page,
        budget: Duration::from_millis(4),
        store: Some(page_store),
        baseline: Some(page_raw),
    });

    // Berkas as it opens: "Berjalan", the cases in progress (fewer than 3,000 of 50,000), newest
    // first.
    let open_only = CaseFilter {
        open_only: true,
        ..CaseFilter::default()
    };
    let open_page = measure(500, || app.case_list(&open_only, None).map_err(e));
    let open_store = measure(500, || reader.list_cases(&open_only, None, 50));
    figures.push(Figure {
        name: "Berkas: page of 50, Berjalan (as it opens)",
        median: open_page,
        budget: Duration::from_millis(4),
        store: Some(open_store),
        baseline: None,
    });

    // Berkas: a name prefix.
    let by_name = CaseFilter {
        search: Some("sit".into()),
        ..CaseFilter::default()
    };
    let search = measure(500, || app.case_list(&by_name, None).map_err(e));
    let mut name_sql = raw
        .prepare(&format!(
            "SELECT {LIST_COLUMNS} FROM cases \
             WHERE (resident_name LIKE ?1 ESCAPE '\\' OR resident_name LIKE ?2 ESCAPE '\\') \
             ORDER BY updated_at DESC, id DESC LIMIT 51"
        ))
        .map_err(|e| e.to_string())?;
    let search_raw = measure(500, || rows(&mut name_sql, &[&"sit%", &"% sit%"]));
    figures.push(Figure {
        name: "Berkas: name prefix \"sit\"",
        median: search,
        budget: Duration::from_millis(4),
        store: Some(measure(500, || reader.list_cases(&by_name, None, 50))),
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
        .prepare(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1"))
        .map_err(|e| e.to_string())?;
    let mut items_sql = raw
        .prepare(
            "SELECT label, form, count, detail, need, need_when, state, state_at, state_reason \
             FROM checklist_items WHERE case_id = ?1 ORDER BY position",
        )
        .map_err(|e| e.to_string())?;
    let mut events_sql = raw
        .prepare(
            "SELECT id, at, actor, kind, status, stage, reason, position, template, body \
             FROM events WHERE case_id = ?1 ORDER BY at, id",
        )
        .map_err(|e| e.to_string())?;
    let detail_raw = measure(500, || -> rusqlite::Result<usize> {
        let case = rows(&mut case_sql, &[&first])?;
        let items = rows(&mut items_sql, &[&first])?;
        let events = rows(&mut events_sql, &[&first])?;
        Ok(case.len() + items.len() + events.len())
    });
    figures.push(Figure {
        name: "case detail (case, checklist, timeline)",
        median: detail,
        budget: Duration::from_millis(2),
        store: Some(measure(500, || reader.case(&first))),
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
        store: None,
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
        store: None,
        baseline: None,
    });
    figures.push(Figure {
        name: "Laporan, all years",
        median: measure(5, || app.report(all).map_err(e)),
        budget: Duration::from_millis(200),
        store: None,
        baseline: None,
    });
    // The reminders' plan: made on the screen's tick once a minute and after each change
    // (open cases' facts, then each of the next seven mornings counted).
    figures.push(Figure {
        name: "reminder plan (facts of open cases, 7 mornings)",
        median: measure(10, || app.set_reminders_on(true).map_err(e)),
        budget: Duration::from_millis(20),
        store: None,
        baseline: None,
    });
    // Where the Laporan goes: the facts read from the book, then the figures computed.
    for (label, period) in [("one year", year), ("all years", all)] {
        let catalog = app.catalog();
        let facts = measure(5, || {
            layanan_desa::app::report::facts(&reader, &catalog, period).map_err(e)
        });
        let read = layanan_desa::app::report::facts(&reader, &catalog, period).map_err(e)?;
        let hours = app.office().hours;
        let build = measure(5, || {
            layanan_desa::domain::report::build(
                &read,
                period,
                layanan_desa::domain::report::Basis::Written,
                &hours,
                NOW,
            )
        });
        eprintln!(
            "Laporan {label}: {} cases read in {}, figures computed in {}",
            read.len(),
            ms(facts),
            ms(build)
        );
    }

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
        store: None,
        baseline: None,
    });

    // Rendering.
    let home = app.home().map_err(e)?;
    figures.push(Figure {
        name: "render Beranda (build + diff)",
        median: measure(200, || render(home_harness, home.clone())),
        budget: Duration::from_millis(4),
        store: None,
        baseline: None,
    });
    let list = app.case_list(&CaseFilter::default(), None).map_err(e)?;
    figures.push(Figure {
        name: "render Berkas, 50 rows (build + diff)",
        median: measure(200, || render(list_harness, list.clone())),
        budget: Duration::from_millis(4),
        store: None,
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
        store: None,
        baseline: None,
    });

    // Sync between phones (issue 22).
    let (sync, size_per_1000) = sync_figures(&app)?;
    figures.extend(sync);

    // The first start and the peak memory of a headless run, each in a fresh process.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut colds = Vec::new();
    let mut rss_kib = 0u64;
    for _ in 0..7 {
        let out = std::process::Command::new(&exe)
            .arg("--rss-probe")
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut words = text.split_whitespace().map(str::parse::<u64>);
        let (Some(Ok(cold)), Some(Ok(rss))) = (words.next(), words.next()) else {
            return Err(format!(
                "probe failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        };
        colds.push(Duration::from_micros(cold));
        rss_kib = rss_kib.max(rss);
    }
    figures.insert(
        1,
        Figure {
            name: "start-up, first in a fresh process",
            median: median(colds),
            budget: Duration::from_millis(50),
            store: None,
            baseline: None,
        },
    );

    println!(
        "Layanan Desa budgets, {CASES} cases, release, {}",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    println!();
    println!("| Figure | Median | Budget | Store / raw | Use case / raw | Verdict |");
    println!("|---|---:|---:|---:|---:|---|");
    let mut all_ok = true;
    let ratio = |a: Option<Duration>, b: Option<Duration>| {
        a.zip(b)
            .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64().max(1e-9))
    };
    for f in &figures {
        let store_ratio = ratio(f.store, f.baseline);
        let case_ratio = ratio(Some(f.median), f.baseline);
        let ok = f.median <= f.budget && store_ratio.is_none_or(|r| r <= 1.5);
        all_ok &= ok;
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            f.name,
            ms(f.median),
            ms(f.budget),
            store_ratio.map_or("–".to_string(), |r| format!(
                "{r:.2} ({} / {})",
                ms(f.store.unwrap_or_default()),
                ms(f.baseline.unwrap_or_default())
            )),
            case_ratio.map_or("–".to_string(), |r| format!("{r:.2}")),
            if ok { "ok" } else { "OVER" }
        );
    }
    println!(
        "| sync file size per 1,000 operations (whole book, sealed) | {:.1} KB | – | – | – | no budget |",
        size_per_1000 / 1024.0
    );
    let rss_ok = rss_kib <= 60 * 1024;
    all_ok &= rss_ok;
    println!(
        "| peak RSS, headless run of every screen's data (highest of 7) | {:.1} MB | 60.0 MB | – | – | {} |",
        rss_kib as f64 / 1024.0,
        if rss_ok { "ok" } else { "OVER" }
    );
    Ok(all_ok)
}

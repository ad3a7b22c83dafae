//! House rules that nothing else enforces: the module boundaries of ARCHITECTURE.md, a `//!`
//! summary atop every Rust file, and no `unwrap()`/`expect()` in `src/` (data from users, files,
//! the network or Java must never crash the app). A boundary nothing checks wears away.

use std::path::{Path, PathBuf};

/// Code (not comments) that must not appear in a module, with the reason shown on failure.
struct Rule {
    /// Applies to files whose path (relative to the crate, with `/`) starts with one of these.
    inside: &'static [&'static str],
    /// Files under these prefixes are exempt.
    except: &'static [&'static str],
    needles: &'static [&'static str],
    why: &'static str,
}

const RULES: &[Rule] = &[
    Rule {
        inside: &["src/domain/"],
        except: &[],
        needles: &[
            "rusqlite",
            "dioxus::",
            "use dioxus",
            "reqwest",
            "jni::",
            "use jni",
            "tokio",
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
            "SystemTime::now",
            "Instant::now",
            "Utc::now",
            "Local::now",
        ],
        why: "domain is pure: no IO, no clock, no async, no UI, no SQL",
    },
    Rule {
        inside: &["src/"],
        except: &["src/platform/"],
        needles: &[
            "jni::",
            "use jni",
            "ndk_context",
            "cfg(target_os",
            "cfg(not(target_os",
        ],
        why: "only src/platform/ knows the operating system and JNI",
    },
    Rule {
        inside: &["src/"],
        except: &["src/store/"],
        needles: &["rusqlite"],
        why: "only src/store/ knows SQL",
    },
    Rule {
        inside: &["src/"],
        except: &["src/net/"],
        needles: &["reqwest"],
        why: "only src/net/ knows HTTP",
    },
    Rule {
        inside: &["src/app/", "src/platform/", "src/store/", "src/net/"],
        except: &[],
        needles: &["dioxus::", "use dioxus"],
        why: "only src/ui/ (and main.rs) know Dioxus",
    },
    Rule {
        inside: &["src/"],
        except: &["src/bin/e2e_host.rs"],
        needles: &["axum", "dioxus_liveview"],
        why: "only the browser test host serves HTTP (LiveView over axum)",
    },
    Rule {
        inside: &["src/ui/"],
        except: &[],
        needles: &["crate::store", "store::"],
        why: "the screens talk to app, never to the store (its filters and cursor are domain data)",
    },
    Rule {
        inside: &["src/"],
        except: &["src/main.rs", "src/bin/", "src/platform/"],
        needles: &["platform::native"],
        why: "only main (and the test hosts) pick the real platform; the rest is handed one",
    },
    Rule {
        inside: &["src/"],
        except: &[],
        needles: &[".unwrap()", ".expect("],
        why: "no unwrap/expect in src/: return a typed error instead",
    },
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The most lines a file in `src/` may have: past it a file carries more than one
/// responsibility (issue 20). A data table that must be longer gets named here with its reason.
const MAX_LINES: usize = 600;
const LONG_DATA_TABLES: &[&str] = &[];

/// Every violation in one file's text, as "path:line: needle (why)".
fn violations(rel: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lines = text.lines().count();
    if rel.starts_with("src/") && lines > MAX_LINES && !LONG_DATA_TABLES.contains(&rel) {
        found.push(format!(
            "{rel}:{lines}: {lines} lines, more than {MAX_LINES}: split it along its responsibilities"
        ));
    }
    if !text.trim_start().starts_with("//!") {
        found.push(format!(
            "{rel}:1: the file must start with a `//!` summary of what it is for"
        ));
    }
    for rule in RULES {
        let applies = rule.inside.iter().any(|p| rel.starts_with(p))
            && !rule.except.iter().any(|p| rel.starts_with(p));
        if !applies {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for needle in rule.needles {
                if code.contains(needle) {
                    found.push(format!("{rel}:{}: `{needle}` ({})", n + 1, rule.why));
                }
            }
        }
    }
    found
}

#[test]
fn the_checker_catches_what_it_should() {
    assert_eq!(
        violations("src/domain/x.rs", "//! ok\nuse rusqlite::Connection;\n").len(),
        2
    );
    assert_eq!(
        violations("src/ui/x.rs", "//! ok\n#[cfg(target_os = \"android\")]\n").len(),
        1
    );
    assert_eq!(
        violations(
            "src/platform/x.rs",
            "//! ok\n#[cfg(target_os = \"android\")]\nuse jni::JNIEnv;\n"
        )
        .len(),
        0
    );
    assert_eq!(violations("src/app/x.rs", "fn f() {}\n").len(), 1);
    assert_eq!(
        violations("src/app/x.rs", "//! ok\nlet n = s.parse().unwrap();\n").len(),
        1
    );
    assert_eq!(
        violations(
            "src/domain/x.rs",
            "//! ok\n// Utc::now is never read here\n"
        )
        .len(),
        0
    );
    // Issue 20: the screens never import the store; only main picks the real platform.
    assert_eq!(
        violations("src/ui/x.rs", "//! ok\nuse crate::store::CaseFilter;\n").len(),
        2
    );
    assert_eq!(
        violations(
            "src/ui/x.rs",
            "//! ok\nlet app = App::start(crate::platform::native());\n"
        )
        .len(),
        1
    );
    assert_eq!(
        violations(
            "src/main.rs",
            "//! ok\nlet app = App::start(platform::native());\n"
        )
        .len(),
        0
    );
    assert_eq!(
        violations(
            "src/bin/e2e_host.rs",
            "//! ok\nlet p = platform::native();\n"
        )
        .len(),
        0
    );
    // A file too long to have one responsibility; tests may be longer.
    let long = format!("//! ok\n{}", "fn f() {}\n".repeat(MAX_LINES));
    assert_eq!(violations("src/app/x.rs", &long).len(), 1);
    assert_eq!(violations("tests/x.rs", &long).len(), 0);
    let fits = format!("//! ok\n{}", "fn f() {}\n".repeat(MAX_LINES - 1));
    assert_eq!(violations("src/app/x.rs", &fits).len(), 0);
}

#[test]
fn house_rules_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.push(root.join("build.rs"));
    assert!(files.len() > 10, "found only {} files", files.len());
    let mut all = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        all.extend(violations(&rel, &text));
    }
    assert!(all.is_empty(), "house rules broken:\n{}", all.join("\n"));
}

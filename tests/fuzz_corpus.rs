//! Replays every kept fuzz input (`fuzz/corpus/<target>/`) and every past crash
//! (`fuzz/regressions/<target>/`) through the same checks the libFuzzer targets make
//! (`fuzz/harness.rs`), on stable Rust, so a bug the fuzzer once found stays found. Also feeds
//! each target a few hand-picked inputs, so that the checks run even before any corpus exists.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("phone", harness::phone),
    ("template", harness::template),
    ("intake", harness::intake),
    ("catalog", harness::catalog),
    ("backup", harness::backup),
    ("holidays", harness::holidays),
];

fn replay(dir: &Path, target: Target) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let caught = std::panic::catch_unwind(|| target(&data));
        assert!(caught.is_ok(), "{} fails its target", file.display());
    }
    files.len()
}

#[test]
fn every_kept_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut total = 0;
    for (name, target) in TARGETS {
        // The corpus is committed: a target whose folder is missing or empty lost its kept
        // inputs, and replaying nothing must not pass (regressions exist only where the fuzzer
        // once found a bug).
        let corpus = root.join("corpus").join(name);
        let kept = replay(&corpus, *target);
        assert!(
            kept > 0,
            "{} holds no kept inputs: the corpus of `{name}` is missing",
            corpus.display()
        );
        total += kept + replay(&root.join("regressions").join(name), *target);
    }
    eprintln!("{total} kept fuzz inputs replayed");
}

#[test]
fn hand_picked_inputs_pass() {
    let samples: &[&[u8]] = &[
        b"",
        b"0812-3456-7890",
        b"+62 812 3456 7890",
        b"Halo Pak, saya mau urus akta kelahiran anak. WA 0812 3456 7890, Bu Siti",
        b"Halo {nama}, berkas {layanan} sudah {{siap}}.",
        b"{nama",
        b"2027-01-01,Tahun Baru\n17/08/2027;Hari Kemerdekaan",
        b"senin 08:00-12:00, 13:00-15:00",
        b"[[layanan]]\nid = \"x\"\n",
        b"\x00\x01\x02",
        b"\x02\x10\x00\x01\x80",
        b"\x02",
        b"\x01LAYANANDESA-BAK\n",
    ];
    for sample in samples {
        for (_, target) in TARGETS {
            target(sample);
        }
    }
}

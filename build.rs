//! Embeds every file of `assets/catalog/` and `assets/templates/` into the binary, so the
//! built-in catalog works offline and a new data file needs no code change.
use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let mut code = String::new();
    for (name, dir) in [
        ("CATALOG_FILES", "assets/catalog"),
        ("TEMPLATE_FILES", "assets/templates"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        code.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("asset names are UTF-8");
            let abs = fs::canonicalize(&path).expect("asset path resolves");
            code.push_str(&format!(
                "    ({file_name:?}, include_str!({:?})),\n",
                abs.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    fs::write(Path::new(&out).join("embedded_assets.rs"), code).expect("write embedded_assets.rs");
}

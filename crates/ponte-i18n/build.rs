//! Embeds every `locales/<lang>/<file>.ftl` of the workspace into the crate, so the
//! library never reads files at run time and a new locale or file needs no code change.

use std::{env, fmt::Write as _, fs, path::PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    if let Ok(dirs) = fs::read_dir(&root) {
        for dir in dirs.flatten() {
            let path = dir.path();
            if !path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let lang = dir.file_name().to_string_lossy().into_owned();
            if let Ok(files) = fs::read_dir(&path) {
                for file in files.flatten() {
                    let fpath = file.path();
                    if fpath.extension().and_then(|e| e.to_str()) == Some("ftl") {
                        println!("cargo:rerun-if-changed={}", fpath.display());
                        let name = file.file_name().to_string_lossy().into_owned();
                        let abs = fs::canonicalize(&fpath).unwrap_or(fpath);
                        entries.push((lang.clone(), name, abs));
                    }
                }
            }
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// Every embedded Fluent file: (locale, file name, source).\npub static FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (lang, name, path) in &entries {
        let _ = writeln!(
            out,
            "    ({lang:?}, {name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("locales.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}

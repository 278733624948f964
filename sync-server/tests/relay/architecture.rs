//! Architecture invariants, checked on the manifests (`cargo metadata`) and the
//! sources: the relay cannot read what it stores because it cannot link the code
//! that would.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Workspace crates that can read a record (model, documents, the encrypted store,
/// keys and decryption). The relay must never depend on them, directly or not.
const READERS: &[&str] = &["ponte-model", "ponte-doc", "ponte-store", "ponte-crypto"];

/// The host target triple, from `rustc -vV`.
fn host() -> &'static str {
    static HOST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let out = Command::new(rustc).arg("-vV").output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("host: "))
            .unwrap()
            .to_owned()
    })
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        // Host platform only: resolving every target would need crates (for Android,
        // Windows...) that a build on this machine never downloads.
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            host(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn package<'a>(metadata: &'a Value, name: &str) -> &'a Value {
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()
}

/// Names of a package's declared dependencies of one kind (`None` = normal).
fn declared(package: &Value, kind: Option<&str>) -> Vec<String> {
    package["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].as_str() == kind)
        .map(|d| d["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Every package `root` depends on, transitively, over every dependency kind.
fn closure(metadata: &Value, root: &str) -> Vec<String> {
    let nodes = metadata["resolve"]["nodes"].as_array().unwrap();
    let id_of = |name: &str| package(metadata, name)["id"].as_str().unwrap().to_owned();
    let name_of = |id: &str| {
        metadata["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let mut seen = vec![id_of(root)];
    let mut i = 0;
    while i < seen.len() {
        let node = nodes.iter().find(|n| n["id"] == seen[i].as_str()).unwrap();
        for dep in node["dependencies"].as_array().unwrap() {
            let dep = dep.as_str().unwrap().to_owned();
            if !seen.contains(&dep) {
                seen.push(dep);
            }
        }
        i += 1;
    }
    seen.iter().map(|id| name_of(id)).collect()
}

/// **Architecture Invariant:** the relay depends on the wire-protocol crate and on
/// none of the crates that can read a record, not even through a dev-dependency.
#[test]
fn the_relay_depends_on_the_protocol_crate_only() {
    let metadata = metadata();
    let relay = package(&metadata, "sync-server");
    assert!(declared(relay, None).contains(&"ponte-proto".to_owned()));
    let everything = closure(&metadata, "sync-server");
    for reader in READERS {
        assert!(
            !everything.contains(&(*reader).to_owned()),
            "sync-server depends on {reader}"
        );
    }
    let workspace: Vec<&str> = everything
        .iter()
        .map(String::as_str)
        .filter(|name| name.starts_with("ponte-"))
        // The PostgreSQL test fixture: a dev-dependency that starts a server, and
        // has no dependency of its own on any Ponte crate.
        .filter(|name| *name != "ponte-pgtest")
        .collect();
    assert_eq!(
        workspace,
        ["ponte-proto"],
        "the only workspace crate the relay links"
    );
}

/// **Architecture Invariant:** `ponte-proto` is serde types and encode/decode only:
/// no crypto, no IO, nothing that would not build for wasm32.
#[test]
fn the_protocol_crate_has_no_crypto_and_no_io() {
    let metadata = metadata();
    let proto = package(&metadata, "ponte-proto");
    let mut normal = declared(proto, None);
    normal.sort();
    assert_eq!(normal, ["hex", "postcard", "serde", "thiserror"]);
    assert!(declared(proto, Some("build")).is_empty());
    let everything = closure(&metadata, "ponte-proto");
    for forbidden in [
        "ring",
        "x25519-dalek",
        "tokio",
        "rusqlite",
        "libsqlite3-sys",
        "openssl",
        "aws-lc-rs",
    ] {
        // Dev-dependencies (proptest) are in the closure; none of them pulls these.
        assert!(
            !everything.contains(&forbidden.to_owned()),
            "ponte-proto pulls in {forbidden}"
        );
    }
}

/// **Architecture Invariant:** the relay uses `ring` only to verify Ed25519
/// signatures and hash, in one module; no AEAD, key agreement or key derivation.
#[test]
fn the_relay_uses_ring_only_to_verify_and_hash() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut users = Vec::new();
    visit(&src, &mut |path, text| {
        // Unit tests may make keys to check verification against.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        if uses_ring(text) {
            users.push(path.strip_prefix(&src).unwrap().display().to_string());
        }
        for forbidden in [
            "ring::aead",
            "ring::agreement",
            "ring::hkdf",
            "ring::pbkdf2",
            "ring::hmac",
            "Ed25519KeyPair",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} uses {forbidden}",
                path.display()
            );
        }
    });
    assert_eq!(users, ["auth.rs"]);
}

/// `ring::` as a path of its own, not the end of `String::`.
fn uses_ring(text: &str) -> bool {
    text.match_indices("ring::").any(|(i, _)| {
        i == 0
            || !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn visit(dir: &Path, f: &mut dyn FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "rs") {
            f(&path, &std::fs::read_to_string(&path).unwrap());
        }
    }
}

//! Architecture invariants of the whole workspace, checked on the real dependency
//! graph (`cargo metadata`, every target platform: the screens build for wasm32):
//!
//! - only the app shell (`ponte-app`) depends on Tauri; only the screens
//!   (`ponte-app-ui`) on Leptos; only the relay (`sync-server`) on axum. No other
//!   workspace crate may reach them, even through other crates (a third-party crate
//!   that uses Tauri is fine inside the shell's own graph);
//! - the screens never link storage, keys or sync, even through other crates:
//!   `ponte-store`, `ponte-crypto`, `ponte-sync`, `ponte-device`, `rusqlite`, `ring`;
//! - the relay links no `ponte-*` crate but the wire protocol, `ponte-proto`;
//! - the front ends (`ponte-app`, `ponte-cli`) name no `ponte-*` crate but the device
//!   services and the types they present (`ponte-device`, `ponte-ipc`, `ponte-model`,
//!   `ponte-store`, `ponte-i18n`): sync, reports, sheets and crypto are reached only
//!   through `ponte-device`, so a rule cannot be written again in a front end.
//!
//! Normal dependencies count, transitively: what ends up in a binary. Dev- and
//! build-dependencies do not (the relay's tests use `ponte-pgtest`; `ponte-tests` runs
//! the relay). The checker is a function over a small graph type, so the tests below
//! also feed it graphs that break each rule and show that it says so.
//!
//! The relay's own checks, on its manifest and sources (no crate that can read a
//! record even as a dev-dependency, `ring` only to verify and hash), are in
//! `sync-server/tests/relay/architecture.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::process::Command;

use serde_json::{Value, json};

/// Who alone may depend on a crate: `(crate, the only workspace package that may,
/// what that package is)`.
const EXCLUSIVE: &[(&str, &str, &str)] = &[
    ("tauri", "ponte-app", "the app shell"),
    ("leptos", "ponte-app-ui", "the screens"),
    ("axum", "sync-server", "the relay"),
];

/// The screens' package.
const SCREENS: &str = "ponte-app-ui";

/// What the screens must never link, even through another crate.
const SCREENS_NEVER: &[&str] = &[
    "ponte-store",
    "ponte-crypto",
    "ponte-sync",
    "ponte-device",
    "rusqlite",
    "ring",
];

/// The relay's package.
const RELAY: &str = "sync-server";

/// The only `ponte-*` crate the relay may link.
const RELAY_MAY: &[&str] = &["ponte-proto"];

/// The front ends: the app shell and the CLI.
const FRONT_ENDS: &[&str] = &["ponte-app", "ponte-cli"];

/// The only `ponte-*` crates a front end may name as a dependency of its own.
const FRONT_ENDS_MAY: &[&str] = &[
    "ponte-device",
    "ponte-ipc",
    "ponte-model",
    "ponte-store",
    "ponte-i18n",
];

/// Packages the rules are about: if one is missing (renamed, say), its rules would
/// check nothing, so that is reported too.
const REQUIRED: &[&str] = &["ponte-app", "ponte-cli", SCREENS, RELAY];

/// The dependency graph: each package's normal dependencies, by package name (two
/// versions of one crate are one node), and which packages are the workspace's.
#[derive(Debug, Clone, Default)]
struct Graph {
    deps: BTreeMap<String, BTreeSet<String>>,
    workspace: BTreeSet<String>,
}

impl Graph {
    /// A graph from edges `(package, normal dependency)` and the workspace's packages.
    fn new(workspace: &[&str], edges: &[(&str, &str)]) -> Graph {
        let mut graph = Graph::default();
        for member in workspace {
            graph.workspace.insert((*member).to_owned());
            graph.deps.entry((*member).to_owned()).or_default();
        }
        for (from, to) in edges {
            graph.add(from, to);
        }
        graph
    }

    fn add(&mut self, from: &str, to: &str) {
        self.deps
            .entry(from.to_owned())
            .or_default()
            .insert(to.to_owned());
        self.deps.entry(to.to_owned()).or_default();
    }

    /// The graph of `cargo metadata --format-version 1`: its `resolve` nodes, keeping
    /// an edge if any of its `dep_kinds` is normal (`kind: null`), whatever the target.
    fn from_metadata(metadata: &Value) -> Graph {
        let name_of: BTreeMap<&str, &str> = metadata["packages"]
            .as_array()
            .expect("metadata has no packages")
            .iter()
            .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
            .collect();
        let name = |id: &Value| -> String {
            let id = id.as_str().unwrap();
            (*name_of
                .get(id)
                .unwrap_or_else(|| panic!("{id} is not among the packages")))
            .to_owned()
        };
        let mut graph = Graph::default();
        for id in metadata["workspace_members"].as_array().unwrap() {
            graph.workspace.insert(name(id));
        }
        let nodes = metadata["resolve"]["nodes"]
            .as_array()
            .expect("metadata has no resolve graph");
        for node in nodes {
            let from = name(&node["id"]);
            graph.deps.entry(from.clone()).or_default();
            for dep in node["deps"].as_array().unwrap() {
                let kinds = dep["dep_kinds"]
                    .as_array()
                    .unwrap_or_else(|| panic!("no dep_kinds in {dep}: cargo too old?"));
                if kinds.iter().any(|k| k["kind"].is_null()) {
                    graph.add(&from, &name(&dep["pkg"]));
                }
            }
        }
        graph
    }

    /// Every package `from` depends on, directly or not, `from` itself included.
    fn reachable(&self, from: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::from([from.to_owned()]);
        let mut queue = VecDeque::from([from.to_owned()]);
        while let Some(package) = queue.pop_front() {
            for dep in self.deps.get(&package).into_iter().flatten() {
                if seen.insert(dep.clone()) {
                    queue.push_back(dep.clone());
                }
            }
        }
        seen
    }

    /// A shortest chain of normal dependencies from `from` to `to` (both included).
    fn path(&self, from: &str, to: &str) -> Option<Vec<String>> {
        let mut parent: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = VecDeque::from([from.to_owned()]);
        let mut seen = BTreeSet::from([from.to_owned()]);
        while let Some(package) = queue.pop_front() {
            if package == to {
                let mut path = vec![package];
                while let Some(up) = parent.get(path.last().unwrap()) {
                    path.push(up.clone());
                }
                path.reverse();
                return Some(path);
            }
            for dep in self.deps.get(&package).into_iter().flatten() {
                if seen.insert(dep.clone()) {
                    parent.insert(dep.clone(), package.clone());
                    queue.push_back(dep.clone());
                }
            }
        }
        None
    }
}

/// A broken rule: `package` depends on `forbidden` through `path` (from `package` to
/// `forbidden`); a missing package has an empty path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    package: String,
    forbidden: String,
    path: Vec<String>,
    rule: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.package, self.rule)
        } else {
            write!(
                f,
                "{} depends on {} through {}: {}",
                self.package,
                self.forbidden,
                self.path.join(" -> "),
                self.rule
            )
        }
    }
}

/// Every rule `graph` breaks, in a stable order.
fn check(graph: &Graph) -> Vec<Violation> {
    let mut out = Vec::new();
    for package in REQUIRED {
        if !graph.deps.contains_key(*package) {
            out.push(Violation {
                package: (*package).to_owned(),
                forbidden: String::new(),
                path: Vec::new(),
                rule: "no such package in the dependency graph, so the rules about it \
                       check nothing (renamed?)"
                    .to_owned(),
            });
        }
    }
    for (dep, owner, role) in EXCLUSIVE {
        for member in graph.workspace.iter().filter(|m| m.as_str() != *owner) {
            if let Some(path) = graph.path(member, dep) {
                out.push(Violation {
                    package: member.clone(),
                    forbidden: (*dep).to_owned(),
                    path,
                    rule: format!("only {owner} ({role}) may depend on {dep}"),
                });
            }
        }
    }
    if graph.deps.contains_key(SCREENS) {
        for dep in SCREENS_NEVER {
            if let Some(path) = graph.path(SCREENS, dep) {
                out.push(Violation {
                    package: SCREENS.to_owned(),
                    forbidden: (*dep).to_owned(),
                    path,
                    rule: format!(
                        "the screens must never link {}, not even through another crate",
                        SCREENS_NEVER.join(", ")
                    ),
                });
            }
        }
    }
    for front in FRONT_ENDS {
        for dep in graph
            .deps
            .get(*front)
            .into_iter()
            .flatten()
            .filter(|d| d.starts_with("ponte-") && !FRONT_ENDS_MAY.contains(&d.as_str()))
        {
            out.push(Violation {
                package: (*front).to_owned(),
                forbidden: dep.clone(),
                path: vec![(*front).to_owned(), dep.clone()],
                rule: format!(
                    "a front end may name {} and no other ponte-* crate (the rest is \
                     reached through ponte-device)",
                    FRONT_ENDS_MAY.join(", ")
                ),
            });
        }
    }
    if graph.deps.contains_key(RELAY) {
        let linked = graph.reachable(RELAY);
        for dep in linked
            .iter()
            .filter(|d| d.starts_with("ponte-") && !RELAY_MAY.contains(&d.as_str()))
        {
            out.push(Violation {
                package: RELAY.to_owned(),
                forbidden: dep.clone(),
                path: graph.path(RELAY, dep).unwrap(),
                rule: format!(
                    "the relay may link {} and no other ponte-* crate",
                    RELAY_MAY.join(", ")
                ),
            });
        }
    }
    out
}

fn report(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(|v| format!("  - {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `cargo metadata` for the whole workspace, every target platform, as locked.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .unwrap_or_else(|e| panic!("could not run {cargo} metadata: {e}"));
    assert!(
        output.status.success(),
        "cargo metadata --locked failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata printed no JSON")
}

/// **Architecture Invariant:** the workspace's real dependency graph keeps every rule.
#[test]
fn the_workspace_dependency_graph_keeps_the_architecture() {
    let graph = Graph::from_metadata(&metadata());
    // Controls: the graph read from cargo holds the edges the rules are about, or
    // every rule would pass on an empty graph.
    for (from, to) in [
        ("ponte-app", "tauri"),
        ("ponte-app", "ponte-device"),
        ("ponte-cli", "ponte-device"),
        (SCREENS, "leptos"),
        (SCREENS, "ponte-ipc"),
        (RELAY, "axum"),
        (RELAY, "ponte-proto"),
    ] {
        assert!(
            graph.path(from, to).is_some(),
            "the graph from cargo metadata has no {from} -> {to}: misread, or the crate changed"
        );
    }
    for member in ["ponte-app", SCREENS, RELAY, "ponte-store", "ponte-cli"] {
        assert!(
            graph.workspace.contains(member),
            "{member} is not a workspace member"
        );
    }
    let violations = check(&graph);
    assert!(
        violations.is_empty(),
        "the dependency graph breaks the architecture:\n{}",
        report(&violations)
    );
    // Control: the same graph with three forbidden edges added fails.
    let mut broken = graph.clone();
    broken.add(SCREENS, "ponte-store");
    broken.add("ponte-cli", "tauri");
    broken.add("ponte-cli", "ponte-sync");
    let found = check(&broken);
    for (package, forbidden) in [
        (SCREENS, "ponte-store"),
        ("ponte-cli", "tauri"),
        ("ponte-cli", "ponte-sync"),
    ] {
        assert!(
            found
                .iter()
                .any(|v| v.package == package && v.forbidden == forbidden),
            "{package} -> {forbidden} added, not reported:\n{}",
            report(&found)
        );
    }
}

// ---------------------------------------------------------------------------------
// The checker itself, on graphs made up for it.

/// The workspace's packages.
const MEMBERS: &[&str] = &[
    "ponte-model",
    "ponte-crypto",
    "ponte-doc",
    "ponte-store",
    "ponte-i18n",
    "ponte-cli",
    "ponte-tests",
    "ponte-e2e",
    "ponte-proto",
    "sync-server",
    "ponte-sync",
    "ponte-pgtest",
    "ponte-report",
    "ponte-sheet",
    "ponte-ipc",
    "ponte-device",
    "ponte-app",
    "ponte-app-ui",
];

/// A graph shaped like the workspace's (normal dependencies only), keeping every rule.
const GOOD: &[(&str, &str)] = &[
    ("ponte-crypto", "ring"),
    ("ponte-store", "ponte-crypto"),
    ("ponte-store", "ponte-doc"),
    ("ponte-store", "ponte-model"),
    ("ponte-store", "ponte-proto"),
    ("ponte-store", "rusqlite"),
    ("ponte-sync", "ponte-store"),
    ("ponte-sync", "ponte-proto"),
    ("ponte-sync", "reqwest"),
    ("reqwest", "rustls"),
    ("rustls", "ring"),
    ("ponte-report", "ponte-model"),
    ("ponte-report", "ponte-i18n"),
    ("ponte-sheet", "ponte-model"),
    ("ponte-sheet", "ponte-i18n"),
    ("ponte-ipc", "ponte-model"),
    ("ponte-ipc", "ponte-i18n"),
    ("ponte-device", "ponte-store"),
    ("ponte-device", "ponte-crypto"),
    ("ponte-device", "ponte-sync"),
    ("ponte-device", "ponte-report"),
    ("ponte-device", "ponte-sheet"),
    ("ponte-device", "ponte-ipc"),
    ("ponte-device", "ponte-i18n"),
    ("ponte-device", "ponte-model"),
    ("ponte-cli", "ponte-device"),
    ("ponte-cli", "ponte-store"),
    ("ponte-cli", "ponte-model"),
    ("ponte-cli", "ponte-i18n"),
    ("ponte-app", "tauri"),
    ("tauri", "tauri-runtime-wry"),
    ("ponte-app", "tauri-plugin-dialog"),
    ("tauri-plugin-dialog", "tauri"),
    ("ponte-app", "ponte-device"),
    ("ponte-app", "ponte-ipc"),
    ("ponte-app", "ponte-store"),
    ("ponte-app", "ponte-model"),
    ("ponte-app", "ponte-i18n"),
    ("ponte-app-ui", "leptos"),
    ("leptos", "wasm-bindgen"),
    ("ponte-app-ui", "ponte-ipc"),
    ("ponte-app-ui", "ponte-i18n"),
    ("ponte-app-ui", "ponte-model"),
    ("sync-server", "axum"),
    ("axum", "tokio"),
    ("sync-server", "ponte-proto"),
    ("sync-server", "ring"),
    ("sync-server", "rusqlite"),
    ("ponte-tests", "ponte-pgtest"),
    ("ponte-tests", "reqwest"),
];

/// The good graph plus `extra` edges.
fn good_plus(extra: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new(MEMBERS, GOOD);
    for (from, to) in extra {
        graph.add(from, to);
    }
    graph
}

/// `(package, forbidden, path)` of each violation, for comparing.
fn found(graph: &Graph) -> Vec<(String, String, String)> {
    check(graph)
        .iter()
        .map(|v| (v.package.clone(), v.forbidden.clone(), v.path.join(" -> ")))
        .collect()
}

fn triple(package: &str, forbidden: &str, path: &str) -> (String, String, String) {
    (package.to_owned(), forbidden.to_owned(), path.to_owned())
}

#[test]
fn a_graph_that_keeps_the_rules_passes() {
    let graph = Graph::new(MEMBERS, GOOD);
    assert!(check(&graph).is_empty(), "{}", report(&check(&graph)));
}

#[test]
fn the_screens_depending_on_the_store_and_the_cli_on_tauri_are_both_reported() {
    let graph = good_plus(&[("ponte-app-ui", "ponte-store"), ("ponte-cli", "tauri")]);
    let violations = check(&graph);
    let messages = report(&violations);
    assert_eq!(
        found(&graph),
        [
            triple("ponte-cli", "tauri", "ponte-cli -> tauri"),
            triple("ponte-app-ui", "ponte-store", "ponte-app-ui -> ponte-store"),
            triple(
                "ponte-app-ui",
                "ponte-crypto",
                "ponte-app-ui -> ponte-store -> ponte-crypto"
            ),
            triple(
                "ponte-app-ui",
                "rusqlite",
                "ponte-app-ui -> ponte-store -> rusqlite"
            ),
            triple(
                "ponte-app-ui",
                "ring",
                "ponte-app-ui -> ponte-store -> ponte-crypto -> ring"
            ),
        ],
        "{messages}"
    );
    // The messages say which package, what it must not depend on, and through what.
    assert!(
        messages.contains(
            "ponte-cli depends on tauri through ponte-cli -> tauri: only ponte-app (the app \
             shell) may depend on tauri"
        ),
        "{messages}"
    );
    assert!(
        messages.contains(
            "ponte-app-ui depends on ring through ponte-app-ui -> ponte-store -> ponte-crypto \
             -> ring: the screens must never link"
        ),
        "{messages}"
    );
}

/// A broken graph: what is wrong, the edges added to [`GOOD`], and the violations
/// expected `(package, forbidden, path)`, in the checker's order.
type Case<'a> = (
    &'a str,
    &'a [(&'a str, &'a str)],
    &'a [(&'a str, &'a str, &'a str)],
);

#[test]
fn each_rule_broken_alone_is_reported() {
    let cases: &[Case] = &[
        (
            "Tauri through a plugin, outside the shell",
            &[("ponte-cli", "tauri-plugin-dialog")],
            &[(
                "ponte-cli",
                "tauri",
                "ponte-cli -> tauri-plugin-dialog -> tauri",
            )],
        ),
        (
            "Leptos in a crate the shell and the CLI use",
            &[
                ("ponte-report", "leptos-charts"),
                ("leptos-charts", "leptos"),
            ],
            &[
                (
                    "ponte-app",
                    "leptos",
                    "ponte-app -> ponte-device -> ponte-report -> leptos-charts -> leptos",
                ),
                (
                    "ponte-cli",
                    "leptos",
                    "ponte-cli -> ponte-device -> ponte-report -> leptos-charts -> leptos",
                ),
                (
                    "ponte-device",
                    "leptos",
                    "ponte-device -> ponte-report -> leptos-charts -> leptos",
                ),
                (
                    "ponte-report",
                    "leptos",
                    "ponte-report -> leptos-charts -> leptos",
                ),
            ],
        ),
        (
            "axum in the sync client",
            &[("ponte-sync", "axum")],
            &[
                (
                    "ponte-app",
                    "axum",
                    "ponte-app -> ponte-device -> ponte-sync -> axum",
                ),
                (
                    "ponte-cli",
                    "axum",
                    "ponte-cli -> ponte-device -> ponte-sync -> axum",
                ),
                ("ponte-device", "axum", "ponte-device -> ponte-sync -> axum"),
                ("ponte-sync", "axum", "ponte-sync -> axum"),
            ],
        ),
        (
            "the CLI on sync and the shell on reports, beside the device services",
            &[("ponte-cli", "ponte-sync"), ("ponte-app", "ponte-report")],
            &[
                ("ponte-app", "ponte-report", "ponte-app -> ponte-report"),
                ("ponte-cli", "ponte-sync", "ponte-cli -> ponte-sync"),
            ],
        ),
        (
            "the shell on crypto",
            &[("ponte-app", "ponte-crypto")],
            &[("ponte-app", "ponte-crypto", "ponte-app -> ponte-crypto")],
        ),
        (
            "the relay on the model",
            &[("sync-server", "ponte-model")],
            &[("sync-server", "ponte-model", "sync-server -> ponte-model")],
        ),
        (
            "the relay on crypto through the protocol crate",
            &[("ponte-proto", "ponte-crypto")],
            &[(
                "sync-server",
                "ponte-crypto",
                "sync-server -> ponte-proto -> ponte-crypto",
            )],
        ),
        (
            "the screens on ring through a third-party crate",
            &[("ponte-app-ui", "reqwest")],
            &[(
                "ponte-app-ui",
                "ring",
                "ponte-app-ui -> reqwest -> rustls -> ring",
            )],
        ),
        (
            "the screens on sync",
            &[("ponte-app-ui", "ponte-sync")],
            &[
                (
                    "ponte-app-ui",
                    "ponte-store",
                    "ponte-app-ui -> ponte-sync -> ponte-store",
                ),
                (
                    "ponte-app-ui",
                    "ponte-crypto",
                    "ponte-app-ui -> ponte-sync -> ponte-store -> ponte-crypto",
                ),
                ("ponte-app-ui", "ponte-sync", "ponte-app-ui -> ponte-sync"),
                (
                    "ponte-app-ui",
                    "rusqlite",
                    "ponte-app-ui -> ponte-sync -> ponte-store -> rusqlite",
                ),
                (
                    "ponte-app-ui",
                    "ring",
                    "ponte-app-ui -> ponte-sync -> ponte-store -> ponte-crypto -> ring",
                ),
            ],
        ),
    ];
    for (what, extra, expected) in cases {
        let graph = good_plus(extra);
        let expected: Vec<_> = expected
            .iter()
            .map(|(p, f, path)| triple(p, f, path))
            .collect();
        assert_eq!(
            found(&graph),
            expected,
            "{what}:\n{}",
            report(&check(&graph))
        );
    }
}

#[test]
fn the_screens_reaching_ponte_device_are_reported_and_the_shell_using_it_is_not() {
    let mut graph = Graph::new(MEMBERS, GOOD);
    graph.add("ponte-ipc", "ponte-device");
    let violations = found(&graph);
    assert!(
        violations.contains(&triple(
            "ponte-app-ui",
            "ponte-device",
            "ponte-app-ui -> ponte-ipc -> ponte-device"
        )),
        "{}",
        report(&check(&graph))
    );
    // Everything reported is about the screens: the shell may use ponte-device.
    assert!(
        violations.iter().all(|(p, _, _)| p == "ponte-app-ui"),
        "{}",
        report(&check(&graph))
    );
    // And ponte-device pulling in Tauri would be reported (it is not the shell), and
    // the CLI with it.
    let mut graph = Graph::new(MEMBERS, GOOD);
    graph.add("ponte-device", "tauri");
    assert_eq!(
        found(&graph),
        [
            triple("ponte-cli", "tauri", "ponte-cli -> ponte-device -> tauri"),
            triple("ponte-device", "tauri", "ponte-device -> tauri"),
        ]
    );
}

#[test]
fn a_missing_package_is_reported_rather_than_passing_every_rule() {
    let members: Vec<&str> = MEMBERS
        .iter()
        .copied()
        .filter(|m| *m != "ponte-app-ui")
        .collect();
    let edges: Vec<(&str, &str)> = GOOD
        .iter()
        .copied()
        .filter(|(from, _)| *from != "ponte-app-ui")
        .collect();
    let graph = Graph::new(&members, &edges);
    let violations = check(&graph);
    assert_eq!(violations.len(), 1, "{}", report(&violations));
    assert_eq!(violations[0].package, "ponte-app-ui");
    assert!(violations[0].to_string().contains("no such package"));
}

/// Only normal edges are read from `cargo metadata`, for any target; dev- and
/// build-only edges are not.
#[test]
fn dev_and_build_dependencies_do_not_count() {
    let package = |name: &str| json!({ "id": format!("{name}-id"), "name": name });
    let node = |name: &str, deps: Value| json!({ "id": format!("{name}-id"), "deps": deps });
    let dep = |name: &str, kinds: Value| {
        let pkg = format!("{name}-id");
        json!({ "name": name, "pkg": pkg, "dep_kinds": kinds })
    };
    let normal = json!({ "kind": null, "target": null });
    let wasm = json!({ "kind": null, "target": "cfg(target_arch = \"wasm32\")" });
    let dev = json!({ "kind": "dev", "target": null });
    let build = json!({ "kind": "build", "target": null });
    let names = [
        "screens",
        "wasm-only",
        "dev-only",
        "build-only",
        "dev-and-normal",
    ];
    let metadata = json!({
        "packages": names.map(package),
        "workspace_members": ["screens-id"],
        "resolve": {
            "nodes": [
                node("screens", json!([
                    dep("wasm-only", json!([wasm])),
                    dep("dev-only", json!([dev])),
                    dep("build-only", json!([build])),
                    dep("dev-and-normal", json!([dev, normal])),
                ])),
                node("wasm-only", json!([])),
                node("dev-only", json!([])),
                node("build-only", json!([])),
                node("dev-and-normal", json!([])),
            ],
        },
    });
    let graph = Graph::from_metadata(&metadata);
    assert_eq!(graph.workspace, BTreeSet::from(["screens".to_owned()]));
    let deps: Vec<&str> = graph.deps["screens"].iter().map(String::as_str).collect();
    assert_eq!(deps, ["dev-and-normal", "wasm-only"]);
}

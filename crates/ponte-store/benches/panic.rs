//! The panic wipe over 10,000 persons: time from the start of the wipe to "the store
//! no longer opens" (the master key, salt and keyring destroyed) and to "the files are
//! gone", median of a few runs, for a locked store (no handle), a store open in another
//! handle with a live WAL, and a store whose write lock another handle holds (the key
//! pages are overwritten in place after [`ponte_store::panic::BUSY_WAIT`]). Prints a
//! Markdown table (docs/BENCHMARKS.md).
//!
//! Run: `cargo bench -p ponte-store --bench panic` (PONTE_BENCH_N to change the size,
//! PONTE_BENCH_RUNS the number of runs).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

use std::path::Path;
use std::time::{Duration, Instant};

use ponte_model::Kind;
use ponte_store::panic::{self, KeyDestruction};
use ponte_store::{ImportItem, InitOptions, RecordId, Store};
use serde_json::json;

const PASS: &str = "benchmark passphrase";
const NATIONS: &[&str] = &["IN", "PK", "BD", "SN", "MA"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Locked,
    OpenElsewhere,
    WriteLockHeld,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// One wipe of a copy of `master` in `scenario`: (key destroyed, files gone).
fn run(master: &Path, id: &RecordId, scenario: Scenario) -> (Duration, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::copy(Store::db_path(master), Store::db_path(&home)).unwrap();
    let mut other = None;
    if scenario != Scenario::Locked {
        let mut store = Store::open(&home, PASS).unwrap();
        // A live WAL: a durable edit not yet checkpointed.
        store
            .edit(id, Some(Kind::Person), &json!({"notes": "edited"}))
            .unwrap();
        other = Some(store);
    }
    let locker = (scenario == Scenario::WriteLockHeld).then(|| {
        let conn = rusqlite::Connection::open(Store::db_path(&home)).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE;").unwrap();
        conn
    });
    let t = Instant::now();
    let key = panic::destroy_key(&home);
    let key_gone = t.elapsed();
    let expected = if scenario == Scenario::WriteLockHeld {
        KeyDestruction::Overwritten
    } else {
        KeyDestruction::Erased
    };
    assert!(key == expected);
    let t = Instant::now();
    let wiped = panic::remove_files(&home, key);
    let files_gone = key_gone + t.elapsed();
    assert!(wiped.complete());
    drop(locker);
    drop(other);
    assert!(Store::open(&home, PASS).is_err());
    (key_gone, files_gone)
}

fn main() {
    let n: usize = std::env::var("PONTE_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("PONTE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let master = dir.path().join("master");
    let first = {
        let mut store = Store::init(&master, PASS, &InitOptions::default()).unwrap();
        let items: Vec<ImportItem> = (0..n)
            .map(|i| {
                ImportItem::Create(json!({
                    "alias": format!("Person {i}"),
                    "sex": if i % 2 == 0 { "male" } else { "female" },
                    "birth_year": 1960 + (i % 45) as i64,
                    "nationality": NATIONS[i % NATIONS.len()],
                    "sector": "agriculture",
                    "notes": "Met at the pick-up point at 5 a.m.; documents kept by the employer; \
                              paid 3 euro an hour, 12 hours a day.",
                    "encounters": {"e1": {"date": "2026-11-02"}},
                }))
            })
            .collect();
        store.import(Kind::Person, &items).unwrap()[0]
    };
    let size = std::fs::metadata(Store::db_path(&master)).unwrap().len();
    println!(
        "Panic wipe, {n} persons (database {:.1} MB), median of {runs} runs:\n",
        size as f64 / 1e6
    );
    println!("| store at the wipe | key destroyed (no longer opens) | files gone |");
    println!("|---|---|---|");
    for (label, scenario) in [
        ("locked (no handle)", Scenario::Locked),
        ("open in another handle, live WAL", Scenario::OpenElsewhere),
        (
            "write lock held elsewhere (key pages overwritten in place)",
            Scenario::WriteLockHeld,
        ),
    ] {
        let (keys, files): (Vec<_>, Vec<_>) =
            (0..runs).map(|_| run(&master, &first, scenario)).unzip();
        println!("| {label} | {} | {} |", ms(median(keys)), ms(median(files)));
    }
}

//! Store benchmark over 10,000 persons: open + list after unlock (KDF excluded),
//! search, durable edit p50/p99. Prints a Markdown table (docs/BENCHMARKS.md).
//!
//! Run: `cargo bench -p ponte-store --bench store` (PONTE_BENCH_N to change the size).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

use std::time::{Duration, Instant};

use ponte_model::{Kind, summary::Query};
use ponte_store::{ImportItem, InitOptions, RecordId, Store};
use serde_json::{Value, json};

const PASS: &str = "benchmark passphrase";
const NAMES: &[&str] = &[
    "Raju", "Amadou", "Bilal", "Fatou", "Gurpreet", "Hassan", "Ion", "Jamal", "Karim", "Lamine",
    "Mohammed", "Nasir", "Omar", "Pritam", "Rahim", "Sadia", "Tariq", "Uche", "Vikram", "Yusuf",
];
const NATIONS: &[&str] = &[
    "IN", "PK", "BD", "SN", "MA", "TN", "NG", "AL", "RO", "ML", "GM", "GH",
];
const LANGS: &[&str] = &["pa", "ur", "bn", "wo", "ar", "fr", "en", "sq", "ro", "hi"];
const SECTORS: &[&str] = &["agriculture", "construction", "logistics", "hospitality"];
const STATUS: &[&str] = &[
    "contacted",
    "interviewed",
    "in_charge",
    "referred",
    "follow_up",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

/// A person at one of the team's `places` (ids of its list: new records name a place
/// of the list, never a typed label).
fn person(rng: &mut Rng, i: usize, places: &[String]) -> Value {
    let answer = |r: &mut Rng| ["yes", "no", "unknown"][r.next() % 3];
    let sex = ["male", "female"][rng.next() % 2];
    json!({
        "alias": format!("{} {}", rng.pick(NAMES), i),
        "sex": sex,
        "birth_year": 1960 + (rng.next() % 45) as i64,
        "nationality": rng.pick(NATIONS),
        "languages": [rng.pick(LANGS), rng.pick(LANGS)],
        "sector": rng.pick(SECTORS),
        "place_id": places[rng.next() % places.len()],
        "housing": "informal_settlement",
        "notes": format!("Met at the pick-up point at dawn, works {} hours a day, paid by the crate.", 8 + rng.next() % 6),
        "screening": {"s603": {"pay": {"answer": answer(rng)}, "hours": {"answer": answer(rng), "note": "no rest day"}},
                      "ilo": {"withholding_wages": {"answer": answer(rng)}}},
        "needs": ["legal_aid", "health"],
        "status": {"code": rng.pick(STATUS)},
        "encounters": {"e1": {"date": "2026-10-01", "place_id": places[1], "note": "first contact"}},
        "followups": {"f1": {"due": format!("2026-12-{:02}", 1 + rng.next() % 28)}}
    })
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let n: usize = std::env::var("PONTE_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let t = Instant::now();
    let mut store = Store::init(&home, PASS, &InitOptions::default()).unwrap();
    let init = t.elapsed();
    let places: Vec<String> = (0..8)
        .map(|i| {
            let place = json!({"name": format!("Place {i}"), "type": "pickup_point"});
            store.create(Kind::Place, &place).unwrap().to_hex()
        })
        .collect();
    let items: Vec<ImportItem> = (0..n)
        .map(|i| ImportItem::Create(person(&mut rng, i, &places)))
        .collect();
    let t = Instant::now();
    let ids: Vec<RecordId> = store.import(Kind::Person, &items).unwrap();
    let import = t.elapsed();
    store.checkpoint().unwrap();
    drop(store);
    let db_size = std::fs::metadata(Store::db_path(&home)).unwrap().len();

    // KDF alone, to subtract from open.
    let salt = [7u8; 16];
    let t = Instant::now();
    let _ =
        ponte_crypto::derive_kek(PASS.as_bytes(), &salt, ponte_crypto::PBKDF2_ITERATIONS).unwrap();
    let kdf = t.elapsed();

    let mut open_list = Vec::new();
    let mut opens = Vec::new();
    let mut lists = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(&home, PASS).unwrap();
        let opened = t.elapsed();
        let t = Instant::now();
        let list = store
            .list(&Query {
                kind: Some(Kind::Person),
                ..Query::default()
            })
            .unwrap();
        let listed = t.elapsed();
        assert_eq!(list.len(), n);
        opens.push(opened.saturating_sub(kdf));
        lists.push(listed);
        open_list.push(opened.saturating_sub(kdf) + listed);
    }
    open_list.sort();
    opens.sort();
    lists.sort();

    let mut store = Store::open(&home, PASS).unwrap();
    let queries = ["raju", "karim 12", "pick-up dawn", "zzz-no-match"];
    let mut searches = Vec::new();
    let mut hits = Vec::new();
    for _ in 0..5 {
        for q in queries {
            let t = Instant::now();
            let found = store
                .list(&Query {
                    kind: Some(Kind::Person),
                    text: Some(q.into()),
                    ..Query::default()
                })
                .unwrap();
            searches.push(t.elapsed());
            hits.push(found.len());
        }
    }
    searches.sort();
    let t = Instant::now();
    let filtered = store
        .list(&Query {
            kind: Some(Kind::Person),
            nationality: Some("PK".into()),
            status: Some("referred".into()),
            ..Query::default()
        })
        .unwrap();
    let filter = t.elapsed();

    let mut edits = Vec::new();
    for i in 0..1_000 {
        let id = ids[rng.next() % ids.len()];
        let patch = json!({"notes": format!("edited {i}"), "followups": {format!("f{i}"): {"due": "2027-01-10"}}});
        let t = Instant::now();
        store.edit(&id, Some(Kind::Person), &patch).unwrap();
        edits.push(t.elapsed());
    }
    edits.sort();
    let mut creates = Vec::new();
    for i in 0..200 {
        let p = person(&mut rng, n + i, &places);
        let t = Instant::now();
        store.create(Kind::Person, &p).unwrap();
        creates.push(t.elapsed());
    }
    creates.sort();

    println!(
        "Ponte store benchmark, {n} persons, db {:.1} MiB",
        db_size as f64 / 1048576.0
    );
    println!();
    println!("| measure | result | budget |");
    println!("|---|---|---|");
    println!("| init (incl. PBKDF2 600k) | {} | |", ms(init));
    println!("| import {n} persons, one transaction | {} | |", ms(import));
    println!("| PBKDF2-HMAC-SHA256, 600,000 rounds | {} | |", ms(kdf));
    println!(
        "| open after unlock (KDF excluded), median of 5 | {} | |",
        ms(pct(&opens, 0.5))
    );
    println!(
        "| list {n} persons (decrypt summaries), median of 5 | {} | |",
        ms(pct(&lists, 0.5))
    );
    println!(
        "| **open + list, KDF excluded**, median / worst of 5 | {} / {} | < 300 ms |",
        ms(pct(&open_list, 0.5)),
        ms(pct(&open_list, 1.0))
    );
    println!(
        "| **search** over {n} ({} queries), p50 / max | {} / {} | < 50 ms |",
        searches.len(),
        ms(pct(&searches, 0.5)),
        ms(pct(&searches, 1.0))
    );
    println!(
        "| filter nationality+status ({} hits) | {} | |",
        filtered.len(),
        ms(filter)
    );
    println!(
        "| **durable edit** (fsync'd commit), 1,000 edits, p50 / p99 / max | {} / {} / {} | p99 < 10 ms |",
        ms(pct(&edits, 0.5)),
        ms(pct(&edits, 0.99)),
        ms(pct(&edits, 1.0))
    );
    println!(
        "| durable create, 200, p50 / p99 | {} / {} | |",
        ms(pct(&creates, 0.5)),
        ms(pct(&creates, 0.99))
    );
    let _ = hits;
}

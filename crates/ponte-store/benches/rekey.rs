//! The cost of re-keying records after a revocation (a team key rotation), for a
//! team of 10,000 persons. Ponte re-keys lazily: the first change to a record after
//! a rotation starts a new data-key generation (a fresh key, its key entry, the body
//! sealed again). This measures, on one device: the rotation itself; one durable edit
//! of every record before the rotation (the baseline), right after it (each edit
//! starts a generation) and once more (back to the baseline); the bytes each pass
//! queues for the relay; and applying each pass on a second device. Prints a Markdown
//! table (docs/BENCHMARKS.md).
//!
//! Run: `cargo bench -p ponte-store --bench rekey` (PONTE_BENCH_N to change the size).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs
)]

use std::time::{Duration, Instant};

use ponte_model::Kind;
use ponte_store::sync::{EntryKind, Incoming};
use ponte_store::{ImportItem, InitOptions, RecordId, Store};
use serde_json::json;

const PASS: &str = "benchmark passphrase";

/// What one pass of edits queued for the relay.
struct Queued {
    entries: Vec<Incoming>,
    keys: usize,
    bytes: usize,
}

/// Moves a device's outbox to the toy relay log (as a sync would), returning it.
fn drain(store: &mut Store, log_len: &mut u64) -> Queued {
    let out = store.outgoing(usize::MAX).unwrap();
    let me = store.device_id();
    let mut pushed = Vec::new();
    let mut entries = Vec::new();
    for o in out {
        *log_len += 1;
        pushed.push((o.local_seq, Some(*log_len)));
        entries.push(Incoming {
            seq: *log_len,
            record_id: o.record_id,
            author: me,
            kind: o.kind,
            ciphertext: o.ciphertext,
        });
    }
    let cursor = store.cursor().unwrap();
    store
        .sync_commit(
            &pushed,
            &[],
            cursor.max(*log_len),
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    Queued {
        keys: entries.iter().filter(|e| e.kind == EntryKind::Key).count(),
        bytes: entries.iter().map(|e| e.ciphertext.len()).sum(),
        entries,
    }
}

/// One durable edit of every record; the edit times, sorted.
fn edit_all(store: &mut Store, ids: &[RecordId], pass: usize) -> Vec<Duration> {
    let mut times: Vec<Duration> = ids
        .iter()
        .map(|id| {
            let t = Instant::now();
            store
                .edit(id, None, &json!({"notes": format!("pass {pass}")}))
                .unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn apply(store: &mut Store, q: &Queued) -> Duration {
    let head = q.entries.last().map_or(0, |e| e.seq);
    let t = Instant::now();
    let applied = store
        .sync_commit(
            &[],
            &q.entries,
            head,
            &ponte_store::sync::without_roster(|_, _| false),
        )
        .unwrap();
    let took = t.elapsed();
    assert_eq!(applied.rejected, 0);
    took
}

fn main() {
    let n: usize = std::env::var("PONTE_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::init(&dir.path().join("a"), PASS, &InitOptions::default()).unwrap();
    let mut b = Store::init(&dir.path().join("b"), PASS, &InitOptions::default()).unwrap();
    b.adopt_team_keys(a.team_keys()).unwrap();
    let items: Vec<ImportItem> = (0..n)
        .map(|i| {
            ImportItem::Create(json!({
                "alias": format!("Person {i}"),
                "nationality": "IN",
                "notes": "Met at the pick-up point at dawn, works 11 hours a day, paid by the crate.",
                "needs": ["legal_aid", "health"],
            }))
        })
        .collect();
    let ids = a.import(Kind::Person, &items).unwrap();
    let mut log = 0;
    let created = drain(&mut a, &mut log);
    apply(&mut b, &created);

    let before = edit_all(&mut a, &ids, 0);
    let q_before = drain(&mut a, &mut log);
    let b_before = apply(&mut b, &q_before);

    let t = Instant::now();
    a.rotate_team_key().unwrap();
    let rotate = t.elapsed();
    b.add_team_keys(a.team_keys()).unwrap();

    let first = edit_all(&mut a, &ids, 1);
    let q_first = drain(&mut a, &mut log);
    let b_first = apply(&mut b, &q_first);
    assert_eq!(q_first.keys, n, "every record started a generation");

    let again = edit_all(&mut a, &ids, 2);
    let q_again = drain(&mut a, &mut log);
    let b_again = apply(&mut b, &q_again);
    assert_eq!(q_again.keys, 0);

    let sum = |v: &[Duration]| v.iter().sum::<Duration>();
    println!("Re-keying after a revocation, {n} persons, one device (lazy generations)\n");
    println!(
        "| pass | edits total | edit p50 / p99 | entries queued (key entries) | bytes queued | applied on a second device |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, times, q, applied) in [
        (
            "edit every record, before the rotation",
            &before,
            &q_before,
            b_before,
        ),
        (
            "edit every record, first after the rotation",
            &first,
            &q_first,
            b_first,
        ),
        (
            "edit every record, second after the rotation",
            &again,
            &q_again,
            b_again,
        ),
    ] {
        println!(
            "| {name} | {} | {} / {} | {} ({}) | {:.2} MiB | {} |",
            ms(sum(times)),
            ms(pct(times, 0.5)),
            ms(pct(times, 0.99)),
            q.entries.len(),
            q.keys,
            q.bytes as f64 / (1024.0 * 1024.0),
            ms(applied),
        );
    }
    println!(
        "\nrotation itself (new team key, one keyring row): {}",
        ms(rotate)
    );
    // The second pass after the rotation makes the same kind of change as the first,
    // in the new generation: the difference is what starting the generation cost.
    println!(
        "starting the generations, all {n} records: {} of edit time ({} per record at p50), {} bytes per record, {} more to apply on a second device",
        ms(sum(&first).saturating_sub(sum(&again))),
        ms(pct(&first, 0.5).saturating_sub(pct(&again, 0.5))),
        (q_first.bytes.saturating_sub(q_again.bytes)) / n.max(1),
        ms(b_first.saturating_sub(b_again)),
    );
}

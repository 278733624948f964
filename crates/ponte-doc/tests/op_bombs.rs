//! An "op-count bomb" from another device costs neither time nor memory: a change of
//! a few dozen bytes declaring ten million (or a trillion) operations, which Automerge
//! would build one by one (some 3 GB for ten million; a device with a phone's memory
//! aborted), is refused from its run lengths alone. Its own process (one test in this
//! file), so the peak memory it reads is this test's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/op_bombs.rs"]
mod op_bombs;

use op_bombs::Shape;
use ponte_doc::{DocError, RecordDoc};
use serde_json::json;

/// The process's peak resident memory in bytes (Linux), if known.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn a_change_declaring_ten_million_operations_is_refused_at_once_in_no_memory() {
    let original = json!({"alias": "a", "notes": "kept"});
    let mut doc = RecordDoc::from_json(b"me", &original).unwrap();
    let mut inputs = Vec::new();
    for n in [10_000_000, 1_000_000_000, 1 << 40] {
        for shape in [Shape::Writes, Shape::Preds] {
            let bomb = op_bombs::change(b"mallory", n, shape);
            inputs.push(op_bombs::compressed(&bomb));
            inputs.push(bomb);
        }
        inputs.push(op_bombs::document(b"mallory", n));
    }
    // The review's change: ten million writes in 73 bytes or fewer.
    assert!(inputs[1].len() <= 73, "{}", inputs[1].len());

    let before = peak_rss();
    let started = std::time::Instant::now();
    for bytes in &inputs {
        assert!(matches!(doc.merge_bytes(bytes), Err(DocError::TooLarge)));
        assert!(matches!(
            RecordDoc::load_local(bytes, b"me"),
            Err(DocError::TooLarge)
        ));
        assert!(matches!(
            ponte_doc::only_authored_by(bytes, b"mallory"),
            Err(DocError::TooLarge)
        ));
    }
    let took = started.elapsed();
    let grew = peak_rss()
        .zip(before)
        .map(|(after, before)| after.saturating_sub(before));
    eprintln!(
        "{} readings of {} bombs: {took:?} in all, peak memory grew by {grew:?} bytes",
        3 * inputs.len(),
        inputs.len()
    );
    // 45 readings, each of a few dozen bytes: the time is printed (and benchmarked),
    // the memory held is asserted.
    if let Some(grew) = grew {
        assert!(grew < 1 << 20, "peak grew by {grew} bytes");
    }
    assert_eq!(doc.to_json(), original);
}

//! A "zip bomb" from another device costs little memory: a compressed change that
//! inflates to 256 MiB is refused after at most `MAX_INFLATED` bytes were inflated, in a
//! small buffer. Its own process (one test in this file), so the peak memory it reads
//! is this test's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use ponte_doc::{DocError, MAX_INFLATED, RecordDoc};
use serde_json::json;

/// The process's peak resident memory in bytes (Linux), if known.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn a_compressed_change_inflating_to_256_mib_is_refused_in_little_memory() {
    // Raw DEFLATE of 256 MiB of zeros, made 1 MiB at a time: about 250 KiB.
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let piece = vec![0u8; 1 << 20];
    for _ in 0..256 {
        encoder.write_all(&piece).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    // A compressed change chunk (type 2) around it.
    let mut bytes = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 2];
    let mut len = bomb.len();
    while len >= 0x80 {
        bytes.push((len & 0x7f) as u8 | 0x80);
        len >>= 7;
    }
    bytes.push(len as u8);
    bytes.extend_from_slice(&bomb);

    let before = peak_rss();
    let started = std::time::Instant::now();
    let mut doc = RecordDoc::from_json(b"me", &json!({"alias": "a"})).unwrap();
    assert!(matches!(doc.merge_bytes(&bytes), Err(DocError::TooLarge)));
    assert!(matches!(
        ponte_doc::only_authored_by(&bytes, b"me"),
        Err(DocError::TooLarge)
    ));
    eprintln!("refused in {:?}", started.elapsed());
    assert_eq!(doc.to_json(), json!({"alias": "a"}));
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        // Nothing near the cap, let alone 256 MiB, was ever held.
        assert!(
            after.saturating_sub(before) < MAX_INFLATED / 4,
            "peak grew by {} bytes",
            after - before
        );
    }
}

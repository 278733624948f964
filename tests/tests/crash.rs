//! A writer killed with SIGKILL at random points loses no acknowledged edit, never
//! leaves half an edit, and the audit chain still verifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Write as _};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ponte_tests::{Device, Rng};
use serde_json::json;

const EDITS: usize = 1_000;

#[test]
fn sigkill_during_1000_edits_loses_no_acknowledged_edit() {
    let mut rng = Rng::from_env();
    let device = Device::new();
    let person = device.add("person", &json!({"alias": "K", "notes": ""}));
    let mut acknowledged: BTreeSet<usize> = BTreeSet::new();
    let mut next = 0;
    let mut kills = 0;
    while next < EDITS {
        // One writer process: stream edits to it and kill it after a random number of
        // acknowledgements (sometimes 0) plus a random delay, mid-transaction.
        let mut child = device
            .command(&["batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let first = next;
        let round = (EDITS - next).min(50 + rng.below(250) as usize);
        let writer = {
            let person = person.clone();
            std::thread::spawn(move || {
                for i in first..first + round {
                    let op = json!({"op": "edit", "id": person,
                        "patch": {"encounters": {format!("e{i}"): {"date": "2026-11-24", "note": format!("edit {i}")}}}});
                    if writeln!(stdin, "{op}").is_err() {
                        break;
                    }
                }
            })
        };
        let kill_after = rng.below(round as u64) as usize;
        let mut acked_this_round = 0;
        let deadline = Instant::now() + Duration::from_secs(120);
        while acked_this_round < kill_after && Instant::now() < deadline {
            let Ok(line) = rx.recv_timeout(Duration::from_secs(30)) else {
                break;
            };
            let ack: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(ack["ok"], true, "{ack}");
            let line_no = ack["line"].as_u64().unwrap() as usize;
            acknowledged.insert(first + line_no - 1);
            acked_this_round += 1;
        }
        std::thread::sleep(Duration::from_micros(rng.below(3_000)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        kills += 1;
        // Acknowledgements already written before the kill also count.
        let _ = writer.join();
        let _ = reader.join();
        while let Ok(line) = rx.try_recv() {
            let ack: serde_json::Value = serde_json::from_str(&line).unwrap();
            if ack["ok"] == true {
                acknowledged.insert(first + ack["line"].as_u64().unwrap() as usize - 1);
            }
        }
        // Reopen: the store opens, every acknowledged edit is there, nothing partial.
        let shown = device.json(&["person", "show", &person], None);
        let encounters = shown["encounters"].as_object().cloned().unwrap_or_default();
        for i in &acknowledged {
            let entry = encounters
                .get(&format!("e{i}"))
                .unwrap_or_else(|| panic!("acknowledged edit {i} lost"));
            assert_eq!(entry["note"], format!("edit {i}"), "edit {i} half applied");
        }
        for (key, entry) in &encounters {
            assert_eq!(entry["date"], "2026-11-24", "{key} half applied");
        }
        let audit = device.json(&["audit"], None);
        assert_eq!(audit["verified"], true);
        // Continue after the last edit that made it (acknowledged or not).
        next = (first..first + round)
            .rev()
            .find(|i| encounters.contains_key(&format!("e{i}")))
            .map_or(first, |i| i + 1);
        if next == first {
            next = first + 1; // the kill came before any commit: move on anyway
        }
    }
    eprintln!(
        "{kills} kills, {} acknowledged edits verified",
        acknowledged.len()
    );
    assert!(kills >= 3, "the writer was killed only {kills} times");
    assert!(
        acknowledged.len() >= EDITS / 4,
        "too few acknowledged edits ({}) to mean anything",
        acknowledged.len()
    );
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ponte_crypto as crypto;
use ponte_model::Kind;
use serde_json::{Map, Value, json};

use super::round::last_of;
use super::ship::cut;
use super::*;
use crate::audit;
use crate::{RecordId, Store, StoreError};

fn entry(n: u64, action: &str) -> TrailEntry {
    TrailEntry {
        n,
        seq: i64::try_from(n).unwrap(),
        at: 1_700_000_000_000 + i64::try_from(n).unwrap() * 7,
        action: action.to_owned(),
        kind: Some("person".into()),
        record: Some("cd".repeat(16)),
        detail: None,
    }
}

#[test]
fn rounds_read_back_what_was_written_in_a_line_an_entry() {
    let mut marker = TrailEntry::marker(AUDIT_BROKEN, Some("log-restarted shipped=3 now=1".into()));
    marker.at = 1_700_000_000_100;
    let mut odd = entry(0, "team");
    odd.kind = None;
    odd.record = None;
    odd.detail = Some("two\nlines \\ and\\n spaces ".into());
    odd.at = 1_699_999_999_000;
    let mut empty = entry(0, "search");
    empty.detail = Some(String::new());
    let mut entries = vec![entry(1, "view"), entry(2, "view"), entry(3, "view")];
    entries.push(TrailEntry {
        seq: 5,
        ..entry(4, "edit")
    });
    entries.push(marker);
    entries.push(TrailEntry { seq: 1, ..odd });
    entries.push(TrailEntry { seq: 2, ..empty });
    entries.push(TrailEntry {
        seq: 3,
        ..entry(0, "create")
    });
    entries.push(TrailEntry {
        seq: 4,
        record: Some("ef".repeat(16)),
        ..entry(0, "create")
    });
    for (i, e) in entries.iter_mut().enumerate() {
        e.n = 41 + i as u64;
    }
    let text = encode_round(&entries);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), entries.len(), "{text}");
    // Same action and kind, the next seq, no detail: the time and the id only.
    let id = URL_SAFE_NO_PAD.encode([0xcd; 16]);
    assert_eq!(lines[0], format!("1 1700000000007 view person {id}"));
    assert_eq!(lines[1], format!("7 {id}"));
    assert_eq!(lines[3], format!("2 7 edit person {id}"));
    assert_eq!(
        lines[4],
        "-5 72 audit-broken - - log-restarted shipped=3 now=1"
    );
    assert_eq!(
        lines[5],
        "1 -1100 team - - two\\nlines \\\\ and\\\\n spaces "
    );
    assert_eq!(lines[6], format!("1 1000 search person {id} "));
    assert_eq!(decode_round(41, &text), Some(entries.clone()));
    // One entry of 22 + 2 bytes for a run of views.
    assert!(lines[2].len() < 30);

    // A line that does not read makes the round unreadable.
    for bad in [
        "",
        "1 2 view person\n",
        "1 2 View person - \n",
        "1 2 view person AAAA\n",
        "7 -\n",
        "x 2 view - -\n",
        "1 2 view - - bad\\escape\n",
        "1 -5 view - -\n",
        "1 2 view - -",
    ] {
        assert_eq!(decode_round(1, bad), None, "{bad:?}");
    }
}

#[test]
fn entries_read_back_sorted_and_bad_rounds_counted() {
    let mut map = Map::new();
    map.insert("4".into(), Value::String(encode_round(&[entry(4, "edit")])));
    map.insert(
        "1".into(),
        Value::String(encode_round(&[
            entry(1, "view"),
            entry(2, "view"),
            entry(3, "view"),
        ])),
    );
    map.insert("9".into(), json!("garbage"));
    map.insert("x".into(), Value::String(encode_round(&[entry(1, "view")])));
    map.insert("12".into(), json!(12));
    let (entries, malformed) = trail_entries(&json!({ "rounds": map }));
    assert_eq!(
        entries.iter().map(|e| e.n).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(entries[3].action, "edit");
    assert_eq!(malformed, 3);
    let (n, last) = last_of(&json!({ "rounds": map }));
    // "12" is not text and "x" not a number: the highest round is "9", unreadable,
    // one line.
    assert_eq!((n, last), (9, None));
    map.remove("12");
    map.remove("9");
    map.remove("x");
    assert_eq!(
        last_of(&json!({ "rounds": map })),
        (4, Some(entry(4, "edit")))
    );
    assert_eq!(last_of(&json!({})), (0, None));
}

#[test]
fn trail_ids_differ_by_team_and_device() {
    let a = trail_id(&[1; 16], &[2; 16]);
    assert_eq!(a, trail_id(&[1; 16], &[2; 16]));
    assert_ne!(a, trail_id(&[1; 16], &[3; 16]));
    assert_ne!(a, trail_id(&[4; 16], &[2; 16]));
    let hash = crypto::sha256(&[TRAIL_CONTEXT, &[1; 16], &[2; 16]].concat());
    assert_eq!(a.0, hash[..16]);
}

fn trail_bytes(store: &Store, id: &RecordId) -> (i64, i64) {
    store
        .conn
        .query_row(
            "SELECT (SELECT length(body) FROM records WHERE id = ?1),
                    (SELECT COALESCE(SUM(length(change)), 0) FROM outbox WHERE record_id = ?1)",
            [&id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn shipping_appends_each_entry_once_marks_a_lost_log_and_grows_some_thirty_bytes_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
    let team = [9u8; 16];
    let trail = trail_id(&team, &store.device_id());
    let service = json!({"name": "Sportello", "type": "legal_aid"});
    let record = store.create(Kind::Service, &service).unwrap();
    let logged = store.audit_log().unwrap().len();
    let first = store.ship_audit_trail(&team).unwrap();
    assert_eq!(
        first,
        Shipped {
            appended: logged,
            markers: 0
        }
    );
    assert_eq!(
        store.audit_log().unwrap().len(),
        logged,
        "shipping is not audited"
    );
    assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());

    // 100 views: what one entry adds to the sealed document and to the relay.
    let (body, queued) = trail_bytes(&store, &trail);
    for _ in 0..100 {
        store.get(&record, None).unwrap();
    }
    let shipped = store.ship_audit_trail(&team).unwrap();
    assert_eq!(shipped.appended, 100);
    let (body_after, queued_after) = trail_bytes(&store, &trail);
    let per_entry_body = (body_after - body) / 100;
    let per_entry_sent = (queued_after - queued) / 100;
    // A run of views of one record: 24 bytes a line (the time since the one before,
    // the record's id); the stored document compresses what repeats.
    assert!(per_entry_body <= 40, "{per_entry_body}");
    assert!((20..=40).contains(&per_entry_sent), "{per_entry_sent}");

    // Nobody lists it, shows it or erases it.
    assert!(
        store
            .list(&Default::default())
            .unwrap()
            .iter()
            .all(|l| l.id != trail)
    );
    assert!(matches!(
        store.get(&trail, None),
        Err(StoreError::AuditTrail)
    ));
    assert!(matches!(
        store.erase(&trail, None),
        Err(StoreError::AuditTrail)
    ));

    // The log deleted: one marker while it stays so, then the restart, then the new
    // log from its first entry.
    store
        .conn
        .execute_batch("DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';")
        .unwrap();
    assert_eq!(
        store.ship_audit_trail(&team).unwrap(),
        Shipped {
            appended: 1,
            markers: 1
        }
    );
    assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());
    store.get(&record, None).unwrap();
    assert_eq!(
        store.ship_audit_trail(&team).unwrap(),
        Shipped {
            appended: 2,
            markers: 1
        }
    );
    let held = store.audit_trails().unwrap();
    assert_eq!(held.len(), 1);
    let t = &held[0];
    assert!(t.only_device);
    assert_eq!(t.malformed, 0);
    let n = logged + 100 + 3;
    assert_eq!(t.entries.len(), n);
    assert!(
        t.entries
            .iter()
            .enumerate()
            .all(|(i, e)| e.n == i as u64 + 1)
    );
    let tail: Vec<(&str, Option<&str>, i64)> = t.entries[n - 3..]
        .iter()
        .map(|e| (e.action.as_str(), e.detail.as_deref(), e.seq))
        .collect();
    let last_seq = i64::try_from(logged + 100).unwrap();
    let restarted = format!("log-restarted shipped={last_seq} now=1");
    assert_eq!(
        tail,
        [
            (AUDIT_BROKEN, Some("log-unreadable at=0"), 0),
            (AUDIT_BROKEN, Some(restarted.as_str()), 0),
            ("view", None, 1),
        ]
    );

    // The trail lost here although one was shipped: it starts again, marked.
    store
        .conn
        .execute_batch(&format!(
            "DELETE FROM records WHERE id = x'{0}'; DELETE FROM summaries WHERE id = x'{0}';",
            trail.to_hex()
        ))
        .unwrap();
    let again = store.ship_audit_trail(&team).unwrap();
    assert_eq!(
        again,
        Shipped {
            appended: 2,
            markers: 1
        }
    );
    let held = store.audit_trails().unwrap();
    assert_eq!(held[0].entries[0].action, TRAIL_RESTARTED);
    assert_eq!(held[0].entries[1].seq, 1);
}

/// The trail's entries after the first `skip`, as (action, detail, seq).
fn tail(store: &Store, skip: usize) -> Vec<(String, Option<String>, i64)> {
    let held = store.audit_trails().unwrap();
    assert!(
        held[0]
            .entries
            .iter()
            .enumerate()
            .all(|(i, e)| e.n == i as u64 + 1)
    );
    held[0].entries[skip..]
        .iter()
        .map(|e| (e.action.clone(), e.detail.clone(), e.seq))
        .collect()
}

fn view(seq: i64) -> (String, Option<String>, i64) {
    ("view".into(), None, seq)
}

#[test]
fn a_log_deleted_with_its_shipped_position_is_marked_not_continued() {
    // Regression: with the sealed position deleted too, the position was taken from
    // the trail's last entry, and a new log's first entries, numbered as the ones
    // shipped, were skipped without a marker.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
    let team = [9u8; 16];
    let service = json!({"name": "Sportello", "type": "legal_aid"});
    let record = store.create(Kind::Service, &service).unwrap();
    for _ in 0..3 {
        store.get(&record, None).unwrap();
    }
    let shipped = store.ship_audit_trail(&team).unwrap().appended;
    let last_shipped = i64::try_from(shipped).unwrap();
    store
        .conn
        .execute_batch(
            "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';
             DELETE FROM keyring WHERE name = 'setting/audit-trail-shipped';",
        )
        .unwrap();
    for _ in 0..4 {
        store.get(&record, None).unwrap();
    }
    assert_eq!(
        store.ship_audit_trail(&team).unwrap(),
        Shipped {
            appended: 5,
            markers: 1
        }
    );
    let restarted = format!("log-restarted shipped={last_shipped} now=4");
    let mut expected = vec![(AUDIT_BROKEN.to_owned(), Some(restarted), 0)];
    expected.extend((1..=4).map(view));
    assert_eq!(tail(&store, shipped), expected);
    // From there on the new log ships as any, the marker not repeated.
    assert_eq!(store.ship_audit_trail(&team).unwrap(), Shipped::default());
    store.get(&record, None).unwrap();
    assert_eq!(
        store.ship_audit_trail(&team).unwrap(),
        Shipped {
            appended: 1,
            markers: 0
        }
    );
    assert_eq!(tail(&store, shipped + 5), [view(5)]);

    // Deleted again, synced before any new entry: the log does not verify (one
    // marker, not repeated), then the new log ships after the restart marker.
    store
        .conn
        .execute_batch(
            "DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';
             DELETE FROM keyring WHERE name = 'setting/audit-trail-shipped';",
        )
        .unwrap();
    for _ in 0..2 {
        let round = store.ship_audit_trail(&team).unwrap();
        assert!(round.markers == round.appended && round.appended <= 1);
    }
    store.get(&record, None).unwrap();
    store.ship_audit_trail(&team).unwrap();
    assert_eq!(
        tail(&store, shipped + 6),
        [
            (
                AUDIT_BROKEN.to_owned(),
                Some("log-unreadable at=0".into()),
                0
            ),
            (
                AUDIT_BROKEN.to_owned(),
                Some("log-restarted shipped=5 now=1".into()),
                0
            ),
            view(1),
        ]
    );
}

#[test]
fn a_shipped_position_from_an_older_copy_of_the_store_does_not_continue_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
    let team = [9u8; 16];
    let service = json!({"name": "Sportello", "type": "legal_aid"});
    let record = store.create(Kind::Service, &service).unwrap();
    let first = store.ship_audit_trail(&team).unwrap().appended;
    let setting = |store: &Store| -> Vec<u8> {
        store
            .conn
            .query_row(
                "SELECT wrapped FROM keyring WHERE name = 'setting/audit-trail-shipped'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let older = setting(&store);
    for _ in 0..2 {
        store.get(&record, None).unwrap();
    }
    store.ship_audit_trail(&team).unwrap();
    // The log still holds the older position, but the trail went on past it: the
    // log is shipped again from its start, after a marker, not appended as new.
    store
        .conn
        .execute(
            "UPDATE keyring SET wrapped = ?1 WHERE name = 'setting/audit-trail-shipped'",
            [&older],
        )
        .unwrap();
    let head = i64::try_from(first + 2).unwrap();
    assert_eq!(
        store.ship_audit_trail(&team).unwrap(),
        Shipped {
            appended: first + 3,
            markers: 1
        }
    );
    let (action, detail, _) = tail(&store, first + 2).remove(0);
    assert_eq!(action, AUDIT_BROKEN);
    assert_eq!(
        detail.as_deref(),
        Some(format!("log-restarted shipped={head} now={head}").as_str())
    );
}

#[test]
fn the_log_is_verified_from_the_last_shipped_entry_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::init(dir.path(), "correct horse battery", &Default::default()).unwrap();
    let service = json!({"name": "Sportello", "type": "legal_aid"});
    let record = store.create(Kind::Service, &service).unwrap();
    for _ in 0..4 {
        store.get(&record, None).unwrap();
    }
    let all = store.audit_log().unwrap();
    let chain_at = |store: &Store, seq: i64| -> [u8; 32] {
        let c: Vec<u8> = store
            .conn
            .query_row("SELECT chain FROM audit WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })
            .unwrap();
        c.try_into().unwrap()
    };
    let at3 = (3, chain_at(&store, 3));
    let after = audit::read_verified_after(&store.conn, &store.keys.audit, at3).unwrap();
    assert_eq!(after, all[3..].to_vec());
    // Another chain value where the position is: refused there.
    let wrong = (3, [7; 32]);
    assert!(matches!(
        audit::read_verified_after(&store.conn, &store.keys.audit, wrong),
        Err(StoreError::AuditBroken { seq: 3 })
    ));
    // An entry after it swapped for an earlier one: refused at it.
    store
        .conn
        .execute(
            "UPDATE audit SET entry = (SELECT entry FROM audit WHERE seq = 2) WHERE seq = 5",
            [],
        )
        .unwrap();
    assert!(matches!(
        audit::read_verified_after(&store.conn, &store.keys.audit, at3),
        Err(StoreError::AuditBroken { seq: 5 })
    ));
    // The device's own view of its log reads it whole, and refuses it too.
    assert!(store.audit_log().is_err());
}

#[test]
fn details_are_cut_on_a_character_boundary() {
    let long = "é".repeat(MAX_DETAIL);
    let cut = cut(&long);
    assert!(cut.len() <= MAX_DETAIL);
    assert!(long.starts_with(&cut));
    assert_eq!(super::ship::cut("short"), "short");
}

//! Sync under faults, end to end (real `ponte` and `sync-server` processes): the relay
//! killed with SIGKILL in the middle of pushes and pulls, and a proxy that drops,
//! delays, cuts and duplicates traffic between devices and relay. Each failed
//! `ponte sync` says so in one line; afterwards no acknowledged edit is lost, the
//! relay holds no entry twice (one key entry per record, each change once until a
//! snapshot compacts it), and every device shows the same records.
//!
//! Each test runs twice, on a relay storing to SQLite and on one storing to PostgreSQL
//! (a cluster of the test's own, which a killed relay leaves running): one body, the
//! relay's log read through `Relay::sql_rows` whatever the backend.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read as _, Write as _};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::{Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ponte_i18n::Translator;
use ponte_model::Kind;
use ponte_model::summary::Query;
use ponte_store::Store;
use ponte_tests::{Device, PASSPHRASE, Relay, Rng, hex_bytes, team};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------
// Shared helpers.

/// The English messages of these error codes, as `ponte` prints them after "ponte: ".
fn messages(codes: &[&str]) -> Vec<String> {
    let tr = Translator::new(Some("en"));
    codes
        .iter()
        .map(|c| format!("ponte: {}", tr.t(&format!("error-{c}"), &[])))
        .collect()
}

/// A failed `ponte sync`: exit status 1, nothing on stdout, exactly one line on
/// stderr, one of `allowed` (never the panic hook's "internal error"). Returns it.
fn failure_line(out: &Output, allowed: &[String]) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{:?}: {stderr:?}", out.status);
    assert!(out.stdout.is_empty(), "a failed sync printed a report");
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(stderr.ends_with('\n'), "{stderr:?}");
    let line = stderr.trim_end().to_owned();
    assert!(
        line.starts_with("ponte: ") && !line.contains("panicked"),
        "{line:?}"
    );
    assert!(
        allowed.contains(&line),
        "unexpected error line {line:?}, expected one of {allowed:?}"
    );
    line
}

/// A successful `ponte sync`'s report; a complete sync leaves nothing pending.
fn report(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "sync failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["pending"], 0, "{report}");
    report
}

fn sync_ok(device: &Device) -> Value {
    report(&device.run(&["sync"], None))
}

/// Every person on a device as `person show` prints it, minus `updated` (the local
/// time of the last local write, which differs per device), read in-process with one
/// unlock; also checks the outbox is empty and the list holds each record once.
fn records_on(device: &Device) -> BTreeMap<String, Value> {
    let mut store = Store::open(device.home(), PASSPHRASE).unwrap();
    assert_eq!(store.outbox_len().unwrap(), 0, "entries left to push");
    let query = Query {
        kind: Some(Kind::Person),
        ..Query::default()
    };
    let ids: Vec<_> = store.list(&query).unwrap().iter().map(|l| l.id).collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let mut shown = store.get(&id, Some(Kind::Person)).unwrap().to_output();
        shown.as_object_mut().unwrap().remove("updated");
        assert!(
            out.insert(id.to_hex(), shown).is_none(),
            "{} listed twice",
            id.to_hex()
        );
    }
    out
}

/// `person show` through the CLI, minus `updated`.
fn show(device: &Device, id: &str) -> Value {
    let mut shown = device.json(&["person", "show", id], None);
    shown.as_object_mut().unwrap().remove("updated");
    shown
}

/// Every device holds the same persons, field for field; returns them.
fn assert_converged(devices: &[&Device], rng: &mut Rng) -> BTreeMap<String, Value> {
    let first = records_on(devices[0]);
    for (d, device) in devices.iter().enumerate().skip(1) {
        let other = records_on(device);
        let ids: BTreeSet<&String> = first.keys().collect();
        let other_ids: BTreeSet<&String> = other.keys().collect();
        assert_eq!(
            ids, other_ids,
            "device {d} holds other records than device 0"
        );
        for (id, record) in &first {
            assert_eq!(&other[id], record, "record {id} differs on device {d}");
        }
    }
    // And the CLI shows the same thing, for a few of them.
    let ids: Vec<&String> = first.keys().collect();
    for _ in 0..3.min(ids.len()) {
        let id = ids[rng.below(ids.len() as u64) as usize];
        // Fields two devices set while apart are listed as conflicts by `person show`
        // (not part of the record): the same list on every device.
        let conflicts = show(devices[0], id).get("conflicts").cloned();
        for device in devices {
            let mut shown = show(device, id);
            let listed = shown.as_object_mut().unwrap().remove("conflicts");
            assert_eq!(listed, conflicts, "`person show {id}` conflicts");
            assert_eq!(&shown, &first[id], "`person show {id}`");
        }
    }
    first
}

/// What the relay's log holds per record (lower-case hex id): `[changes, snapshots,
/// tombstones, keys]` (`StoredKind` in sync-server/src/storage.rs numbers them 0..3),
/// read from its storage, SQLite or PostgreSQL.
fn relay_log(relay: &Relay) -> BTreeMap<String, [usize; 4]> {
    let number = |text: &str| -> usize { text.parse().unwrap() };
    let counts = relay.sql_rows("SELECT COUNT(*), COUNT(DISTINCT entry_id) FROM entries");
    assert_eq!(
        counts[0][0], counts[0][1],
        "the relay stored an entry twice"
    );
    let mut log: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let record = relay.sql_hex("record_id");
    for row in relay.sql_rows(&format!(
        "SELECT {record}, kind, COUNT(*) FROM entries GROUP BY 1, 2"
    )) {
        log.entry(row[0].clone()).or_default()[number(&row[1])] = number(&row[2]);
    }
    // The devices' audit trails (one record per device, `ponte_store::trail_id` of its
    // team and its id, pushed by that device) are not the records the test made.
    let (team, author) = (relay.sql_hex("team_id"), relay.sql_hex("author"));
    for row in relay.sql_rows(&format!("SELECT DISTINCT {team}, {author} FROM entries")) {
        let id = |hex: &str| -> [u8; 16] { hex_bytes(hex).try_into().unwrap() };
        log.remove(&ponte_store::trail_id(&id(&row[0]), &id(&row[1])).to_hex());
    }
    log
}

/// The relay holds each record's entries once: one key entry per record, no other
/// record, and `changes[id]` change entries (its creation and each acknowledged edit)
/// -- or, once a device compacted the record with a snapshot, no more than that.
/// Returns how many records were compacted.
fn assert_relay_log(relay: &Relay, changes: &BTreeMap<String, usize>) -> usize {
    let log = relay_log(relay);
    let ids: BTreeSet<&String> = log.keys().collect();
    let expected: BTreeSet<&String> = changes.keys().collect();
    assert_eq!(ids, expected, "records on the relay");
    let mut compacted = 0;
    for (id, [change, snapshot, tombstone, key]) in &log {
        assert_eq!(
            (*key, *tombstone),
            (1, 0),
            "key entries, tombstones of {id}"
        );
        if *snapshot == 0 {
            assert_eq!(*change, changes[id], "change entries of {id}");
        } else {
            assert!(*change <= changes[id], "{change} change entries of {id}");
            compacted += 1;
        }
    }
    compacted
}

/// The relay's storage backend, for the summaries the tests print.
fn backend(relay: &Relay) -> &'static str {
    if relay.pg.is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

/// Import JSON Lines on a device; returns the ids, one per line in order.
fn import(device: &Device, lines: &[Value]) -> Vec<String> {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let out = device.json(&["person", "import", "--jsonl", "-"], Some(&text));
    assert_eq!(out["imported"], lines.len(), "{out}");
    out["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Poll `probe` every millisecond until it is true or `deadline` passes.
fn poll_until(deadline: Instant, mut probe: impl FnMut() -> bool) -> bool {
    while Instant::now() < deadline {
        if probe() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

// ---------------------------------------------------------------------------------
// 1. The relay killed with SIGKILL mid-push and mid-pull.
//
// A push takes one round trip per 1,000 entries and a pull one per 2,000, so with
// more than 500 new persons (a key and a change entry each) a push has a middle to
// kill the relay in, and with more than 1,000 a pull has one.

/// When to kill the relay during a `ponte sync`.
#[derive(Debug, Clone, Copy)]
enum Trigger {
    /// This long after `ponte sync` started.
    After(Duration),
    /// As soon as the relay committed a push (its head moved past this seq): the
    /// entries are stored, the answer may not have left.
    RelayHeadAbove(i64),
    /// As soon as the device committed a pulled page (its cursor moved past this).
    CursorAbove(i64),
}

/// The relay's head (its last stored seq), -1 while it cannot be read. Cheap enough to
/// poll every millisecond on either backend ([`Relay::sql_rows`]).
fn relay_head(relay: &Relay) -> i64 {
    relay
        .try_sql_rows("SELECT MAX(head) FROM teams")
        .ok()
        .and_then(|rows| rows.first()?.first()?.parse().ok())
        .unwrap_or(-1)
}

fn device_cursor(device: &Device) -> i64 {
    rusqlite::Connection::open_with_flags(
        Store::db_path(device.home()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .and_then(|c| {
        c.query_row(
            "SELECT COALESCE(MAX(value), 0) FROM sync_state WHERE key = 'cursor'",
            [],
            |r| r.get(0),
        )
    })
    .unwrap_or(-1)
}

#[derive(Debug, Default)]
struct Kills {
    kills: usize,
    /// Syncs the kill broke (they exited 1 with the network message).
    interrupted: usize,
    /// ... of which had already committed part of their work (a push acknowledged,
    /// or a page pulled) when it broke.
    midway: usize,
    /// Syncs that finished before the kill mattered.
    finished_first: usize,
}

/// Run `ponte sync` on `device`, SIGKILL the relay at `trigger`, restart it (at once,
/// or only once the sync has given up), and check the sync either completed or
/// failed with the one-line network message. A failed sync is run again: with the
/// relay back, that must complete. Returns how long the interrupted sync ran.
fn sync_through_kill(
    relay: &mut Relay,
    device: &Device,
    trigger: Trigger,
    restart_at_once: bool,
    kills: &mut Kills,
) -> Duration {
    let started = Instant::now();
    let head_before = relay_head(relay);
    let cursor_before = device_cursor(device);
    let mut child = device
        .command(&["sync"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut exited = || child.try_wait().ok().flatten().is_some();
    match trigger {
        Trigger::After(delay) => {
            poll_until(started + delay, &mut exited);
        }
        Trigger::RelayHeadAbove(head) => {
            poll_until(deadline, || exited() || relay_head(relay) > head);
        }
        Trigger::CursorAbove(cursor) => {
            poll_until(deadline, || exited() || device_cursor(device) > cursor);
        }
    }
    relay.kill();
    kills.kills += 1;
    if restart_at_once {
        relay.restart();
    }
    let out = child.wait_with_output().unwrap();
    let took = started.elapsed();
    if !restart_at_once {
        relay.restart();
    }
    if out.status.success() {
        report(&out);
        kills.finished_first += 1;
    } else {
        failure_line(&out, &messages(&["network"]));
        kills.interrupted += 1;
        if relay_head(relay) > head_before || device_cursor(device) > cursor_before {
            kills.midway += 1;
        }
        sync_ok(device);
    }
    took
}

/// A trigger for the next kill: right after the first commit, or a random moment of
/// the sync (aimed past the unlock, which takes about as long as an idle sync).
fn pick_trigger(rng: &mut Rng, idle: Duration, last: Duration, commit: Trigger) -> Trigger {
    if rng.below(2) == 0 {
        return commit;
    }
    let from = idle.mul_f64(0.6).as_millis() as u64;
    let span = last.max(Duration::from_millis(300)).as_millis() as u64;
    Trigger::After(Duration::from_millis(from + rng.below(span)))
}

/// Expected state of one person.
#[derive(Debug, Clone)]
struct Person {
    alias: String,
    notes: String,
    encounters: BTreeMap<String, String>,
    /// Change entries: its creation and each edit.
    changes: usize,
}

/// `n` new persons, as import lines, and what they will hold.
fn new_persons(prefix: &str, n: usize) -> (Vec<Value>, Vec<Person>) {
    (0..n)
        .map(|i| {
            let person = Person {
                alias: format!("{prefix}{i}"),
                notes: format!("first met as {prefix}{i}"),
                encounters: BTreeMap::new(),
                changes: 1,
            };
            (
                json!({"alias": person.alias, "notes": person.notes}),
                person,
            )
        })
        .unzip()
}

#[test]
fn relay_sigkilled_mid_push_and_mid_pull_loses_and_duplicates_nothing_on_sqlite() {
    sigkilled_mid_push_and_mid_pull(Relay::start());
}

/// On PostgreSQL the relay's process dies and the cluster stays up: what a killed
/// transaction left is what the restarted relay finds.
#[test]
fn relay_sigkilled_mid_push_and_mid_pull_loses_and_duplicates_nothing_on_postgres() {
    sigkilled_mid_push_and_mid_pull(Relay::start_postgres());
}

fn sigkilled_mid_push_and_mid_pull(mut relay: Relay) {
    let started = Instant::now();
    let mut rng = Rng::from_env();
    let devices = team(&relay, 1);
    let (supervisor, member) = (&devices[0], &devices[1]);
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let changes = |people: &BTreeMap<String, Person>| -> BTreeMap<String, usize> {
        people
            .iter()
            .map(|(id, p)| (id.clone(), p.changes))
            .collect()
    };
    let idle_started = Instant::now();
    sync_ok(member);
    let idle = idle_started.elapsed();

    // Push: the supervisor adds 500 to 700 persons and edits earlier ones, then syncs
    // (two round trips) while the relay dies.
    let mut push = Kills::default();
    let mut last = idle * 2;
    let mut round = 0;
    while round < 3 || (push.midway < 1 && round < 6) {
        round += 1;
        let n = 520 + rng.below(200) as usize;
        let (mut lines, persons) = new_persons(&format!("P{round}-"), n);
        let existing: Vec<String> = people.keys().cloned().collect();
        let mut edited = BTreeSet::new();
        for _ in 0..existing.len().min(40) {
            edited.insert(existing[rng.below(existing.len() as u64) as usize].clone());
        }
        for id in &edited {
            lines.push(json!({"id": id, "notes": format!("edited in round {round}")}));
        }
        let ids = import(supervisor, &lines);
        people.extend(ids.into_iter().zip(persons));
        for id in &edited {
            let person = people.get_mut(id).unwrap();
            person.notes = format!("edited in round {round}");
            person.changes += 1;
        }
        // Until one broke midway: right after the first of two pushes, with the relay
        // down until the sync gives up, so the second push fails.
        let commit = Trigger::RelayHeadAbove(relay_head(&relay));
        let (trigger, at_once) = if push.midway == 0 {
            (commit, false)
        } else {
            (
                pick_trigger(&mut rng, idle, last, commit),
                rng.below(3) == 0,
            )
        };
        last = sync_through_kill(&mut relay, supervisor, trigger, at_once, &mut push);
        assert_eq!(assert_relay_log(&relay, &changes(&people)), 0);
    }

    // Pull: the member pulls everything (first in two pages or more) and pushes
    // encounters it added, while the relay dies; between attempts the supervisor
    // adds more.
    let mut pull = Kills::default();
    let mut on_member: Vec<String> = Vec::new();
    let mut attempt = 0;
    while attempt < 3 || (pull.midway < 1 && attempt < 6) {
        attempt += 1;
        if attempt > 1 {
            // Until a pull broke midway, enough for two pages again.
            let n = if pull.midway == 0 {
                1_050
            } else {
                200 + rng.below(400) as usize
            };
            let (lines, persons) = new_persons(&format!("Q{attempt}-"), n);
            people.extend(import(supervisor, &lines).into_iter().zip(persons));
            sync_ok(supervisor);
        }
        let mut lines = Vec::new();
        for k in 0..on_member.len().min(30) {
            let id = &on_member[rng.below(on_member.len() as u64) as usize];
            let entry = format!("m{attempt}x{k}");
            let note = format!("member visit {attempt}.{k}");
            lines.push(json!({"id": id, "encounters": {entry.clone(): {"date": "2026-11-24", "note": note}}}));
            let person = people.get_mut(id).unwrap();
            person.encounters.insert(entry, note);
            person.changes += 1;
        }
        if !lines.is_empty() {
            import(member, &lines);
        }
        // Until one broke midway (more than 2,000 entries due): right after the first
        // page, with the relay down until the sync gives up, so the second fails.
        let commit = Trigger::CursorAbove(device_cursor(member));
        let (trigger, at_once) = if pull.midway == 0 {
            (commit, false)
        } else {
            (
                pick_trigger(&mut rng, idle, last, commit),
                rng.below(3) == 0,
            )
        };
        last = sync_through_kill(&mut relay, member, trigger, at_once, &mut pull);
        on_member = people.keys().cloned().collect();
        assert_eq!(assert_relay_log(&relay, &changes(&people)), 0);
    }

    // Settle: the supervisor takes the member's encounters; one more round each.
    for device in [supervisor, member, supervisor, member] {
        sync_ok(device);
    }
    let shown = assert_converged(&[supervisor, member], &mut rng);
    assert_eq!(shown.len(), people.len(), "persons lost or duplicated");
    for (id, person) in &people {
        let record = shown.get(id).unwrap_or_else(|| panic!("person {id} lost"));
        assert_eq!(record["alias"], person.alias.as_str(), "{id}");
        assert_eq!(record["notes"], person.notes.as_str(), "last edit of {id}");
        let encounters: BTreeMap<String, String> = record["encounters"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v["note"].as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(encounters, person.encounters, "encounters of {id}");
    }
    // Few edits per record: nothing was compacted, so every count is exact.
    assert_eq!(assert_relay_log(&relay, &changes(&people)), 0);
    eprintln!(
        "{}: {} persons; push: {push:?}; pull: {pull:?}; {:.1?}",
        backend(&relay),
        people.len(),
        started.elapsed()
    );
    assert!(
        push.midway >= 1 && pull.midway >= 1,
        "no kill broke a sync midway (push {push:?}, pull {pull:?}): the test tested nothing"
    );
}

// ---------------------------------------------------------------------------------
// 2. A faulty network between devices and relay.

/// What the proxy does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    /// Forward it and answer.
    Pass,
    /// Close the connection before forwarding: the relay never sees the request.
    DropRequest,
    /// Forward it, then close without answering: the relay applied it, the device
    /// never learns.
    DropResponse,
    /// Hold the request, then the answer, up to 300 ms each (devices syncing at the
    /// same time reach the relay in another order).
    Delay,
    /// Answer in small pieces.
    Dribble,
    /// Cut the answer short (headers or body) and close.
    Truncate,
    /// Cut the body short and send a content-length that matches: well-formed HTTP
    /// whose body does not decode.
    ShortBody,
    /// Send the request to the relay twice (it must be idempotent; the second copy is
    /// refused as a replay) and answer with either reply.
    Duplicate,
}

/// The faults and their weights.
const FAULTS: &[(Fault, u64)] = &[
    (Fault::Pass, 3),
    (Fault::DropRequest, 1),
    (Fault::DropResponse, 2),
    (Fault::Delay, 1),
    (Fault::Dribble, 1),
    (Fault::Truncate, 1),
    (Fault::ShortBody, 1),
    (Fault::Duplicate, 2),
];

#[derive(Debug)]
struct ProxyState {
    rng: Rng,
    counts: BTreeMap<Fault, usize>,
}

impl ProxyState {
    fn pick(&mut self, faults_on: bool) -> (Fault, u64) {
        let fault = if faults_on {
            let total: u64 = FAULTS.iter().map(|(_, w)| w).sum();
            let mut roll = self.rng.below(total);
            let mut chosen = Fault::Pass;
            for (fault, weight) in FAULTS {
                if roll < *weight {
                    chosen = *fault;
                    break;
                }
                roll -= weight;
            }
            chosen
        } else {
            Fault::Pass
        };
        *self.counts.entry(fault).or_default() += 1;
        (fault, self.rng.next_u64())
    }
}

/// An HTTP/1.1 proxy on loopback in front of the relay: one request per connection
/// (it answers with `connection: close`), each meeting a fault from a seeded RNG
/// while faults are on. When devices sync at once, which request draws which fault
/// depends on timing: a seed replays the edits and sync orders, not every fault.
struct Proxy {
    url: String,
    addr: SocketAddr,
    faults_on: Arc<AtomicBool>,
    state: Arc<Mutex<ProxyState>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Proxy {
    fn start(upstream: SocketAddr, seed: u64) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let faults_on = Arc::new(AtomicBool::new(false));
        let state = Arc::new(Mutex::new(ProxyState {
            rng: Rng::new(seed),
            counts: BTreeMap::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (faults_on, state, stop) = (
                Arc::clone(&faults_on),
                Arc::clone(&state),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (faults_on, state) = (Arc::clone(&faults_on), Arc::clone(&state));
                    std::thread::spawn(move || {
                        let (fault, param) = {
                            let on = faults_on.load(Ordering::SeqCst);
                            state.lock().unwrap().pick(on)
                        };
                        serve(conn, upstream, fault, param);
                    });
                }
            })
        };
        Proxy {
            url: format!("http://{addr}"),
            addr,
            faults_on,
            state,
            stop,
            accept: Some(accept),
        }
    }

    fn faults(&self, on: bool) {
        self.faults_on.store(on, Ordering::SeqCst);
    }

    fn counts(&self) -> BTreeMap<Fault, usize> {
        self.state.lock().unwrap().counts.clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Split an HTTP message into its header lines (without the blank line) and body.
fn split_message(bytes: &[u8]) -> Option<(Vec<String>, Vec<u8>)> {
    let end = find(bytes, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let lines = head.split("\r\n").map(str::to_owned).collect();
    Some((lines, bytes[end + 4..].to_vec()))
}

fn content_length(lines: &[String]) -> Option<usize> {
    lines.iter().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })
}

/// The message with `connection: close` (and, if given, this content-length)
/// instead of the sender's.
fn rebuild(lines: &[String], body: &[u8], length: Option<usize>) -> Vec<u8> {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let name = line.split(':').next().unwrap_or_default().trim();
        if i > 0
            && (name.eq_ignore_ascii_case("connection")
                || (length.is_some() && name.eq_ignore_ascii_case("content-length")))
        {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    if let Some(length) = length {
        out.push_str(&format!("content-length: {length}\r\n"));
    }
    out.push_str("connection: close\r\n\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Read one request (headers, then content-length bytes of body).
fn read_request(conn: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let (lines, _) = split_message(&buf)?;
            let want = end + 4 + content_length(&lines).unwrap_or(0);
            if buf.len() >= want {
                buf.truncate(want);
                return Some(buf);
            }
        }
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Send a request to the relay on a new connection; its whole answer, or `None`.
fn forward(upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let mut conn = TcpStream::connect_timeout(&upstream, Duration::from_secs(5)).ok()?;
    conn.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    conn.write_all(request).ok()?;
    let mut answer = Vec::new();
    conn.read_to_end(&mut answer).ok()?;
    (!answer.is_empty()).then_some(answer)
}

fn serve(mut client: TcpStream, upstream: SocketAddr, fault: Fault, param: u64) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
    let Some(request) = read_request(&mut client) else {
        return;
    };
    if fault == Fault::DropRequest {
        return; // dropping `client` closes the connection
    }
    let Some((lines, body)) = split_message(&request) else {
        return;
    };
    let request = rebuild(&lines, &body, None);
    let delay = |bits: u64| std::thread::sleep(Duration::from_millis(bits % 300));
    if fault == Fault::Delay {
        delay(param);
    }
    let Some(mut answer) = forward(upstream, &request) else {
        return;
    };
    if fault == Fault::Duplicate {
        let second = forward(upstream, &request);
        if param.is_multiple_of(2)
            && let Some(second) = second
        {
            answer = second;
        }
    }
    let Some((lines, body)) = split_message(&answer) else {
        return;
    };
    let body = match content_length(&lines) {
        Some(n) if n <= body.len() => body[..n].to_vec(),
        _ => body,
    };
    let answer = rebuild(&lines, &body, None);
    let _ = match fault {
        Fault::DropResponse => Ok(()),
        Fault::Truncate => {
            let cut = 1 + (param as usize) % (answer.len() - 1);
            client.write_all(&answer[..cut])
        }
        Fault::ShortBody if !body.is_empty() => {
            let cut = (param as usize) % body.len();
            client.write_all(&rebuild(&lines, &body[..cut], Some(cut)))
        }
        Fault::Dribble => answer
            .chunks(1 + (param % 64) as usize)
            .try_for_each(|piece| {
                std::thread::sleep(Duration::from_micros(200));
                client.write_all(piece)
            }),
        Fault::Delay => {
            delay(param >> 32);
            client.write_all(&answer)
        }
        _ => client.write_all(&answer),
    };
    let _ = client.shutdown(Shutdown::Both);
}

/// What every device must show at the end for one person.
#[derive(Debug, Default)]
struct Wanted {
    alias: String,
    encounters: BTreeMap<String, String>,
    fragments: Vec<String>,
    /// Change entries: its creation and each acknowledged edit.
    changes: usize,
}

/// Run JSON Lines operations through `ponte batch`; every one must be acknowledged.
fn batch(device: &Device, ops: &[Value]) -> Vec<String> {
    let text: String = ops.iter().map(|op| format!("{op}\n")).collect();
    let out = device.run(&["batch"], Some(&text));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let acks: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(acks.len(), ops.len());
    acks.iter()
        .map(|ack| {
            assert_eq!(ack["ok"], true, "{ack}");
            ack["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

const SECTORS: &[&str] = &["agriculture", "construction", "logistics", "hospitality"];

#[test]
fn faulty_network_between_devices_and_relay_converges_with_honest_errors_on_sqlite() {
    faulty_network_converges(Relay::start());
}

#[test]
fn faulty_network_between_devices_and_relay_converges_with_honest_errors_on_postgres() {
    faulty_network_converges(Relay::start_postgres());
}

fn faulty_network_converges(relay: Relay) {
    const ROUNDS: usize = 12;
    let started = Instant::now();
    let mut rng = Rng::from_env();
    let upstream: SocketAddr = relay.url.trim_start_matches("http://").parse().unwrap();
    let proxy = Proxy::start(upstream, rng.next_u64());
    let devices = ponte_tests::team_at(&proxy.url, 2, |device| {
        sync_ok(device);
    });
    let all: Vec<&Device> = devices.iter().collect();

    // Two persons everyone holds before the faults start. Most edits go to them, so
    // they pass the compaction threshold: devices push snapshots under faults too.
    let mut wanted: BTreeMap<String, Wanted> = BTreeMap::new();
    let mut hot = Vec::new();
    for alias in ["Karim", "Ana"] {
        let id = devices[0].add("person", &json!({"alias": alias, "notes": "start."}));
        hot.push(id.clone());
        wanted.insert(
            id,
            Wanted {
                alias: alias.into(),
                changes: 1,
                ..Wanted::default()
            },
        );
    }
    for device in &devices {
        sync_ok(device);
    }
    // What each device is known to hold, and what has reached the relay.
    let mut holds: Vec<BTreeSet<String>> = vec![wanted.keys().cloned().collect(); devices.len()];
    let mut on_relay: BTreeSet<String> = wanted.keys().cloned().collect();

    let allowed = messages(&[
        "network",
        "protocol",
        "relay-replayed-request",
        "relay-unknown",
    ]);
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    let (mut syncs, mut failed) = (0, 0);
    proxy.faults(true);
    for round in 0..ROUNDS {
        // Edits, offline: each device edits persons it holds and sometimes adds one.
        for (d, device) in devices.iter().enumerate() {
            let held: Vec<&String> = holds[d].iter().collect();
            let pick = |rng: &mut Rng| -> String {
                if rng.below(3) == 0 {
                    held[rng.below(held.len() as u64) as usize].clone()
                } else {
                    hot[rng.below(2) as usize].clone()
                }
            };
            let focus = pick(&mut rng);
            let current = show(device, &focus);
            let fragment = format!("[r{round}d{d}]");
            let notes = format!("{} {fragment}", current["notes"].as_str().unwrap());
            let sector = SECTORS
                .iter()
                .find(|s| current["sector"] != **s && rng.below(2) == 0)
                .unwrap_or(&SECTORS[3]);
            let mut ops = vec![json!({"op": "edit", "id": focus, "patch": {"notes": notes}})];
            wanted.get_mut(&focus).unwrap().fragments.push(fragment);
            if current["sector"] != *sector {
                ops.push(json!({"op": "edit", "id": focus, "patch": {"sector": sector}}));
            }
            for k in 0..1 + rng.below(3) {
                let id = &pick(&mut rng);
                let entry = format!("r{round}d{d}k{k}");
                let note = format!("visit {round}.{d}.{k}");
                ops.push(json!({"op": "edit", "id": id,
                    "patch": {"encounters": {entry.clone(): {"date": "2026-11-24", "note": note}}}}));
                wanted.get_mut(id).unwrap().encounters.insert(entry, note);
            }
            let add = rng.below(3) == 0;
            let alias = format!("New {round}.{d}");
            if add {
                ops.push(json!({"op": "add", "kind": "person",
                    "record": {"alias": alias, "notes": "new."}}));
            }
            let ids = batch(device, &ops);
            for (op, id) in ops.iter().zip(&ids) {
                if op["op"] == "edit" {
                    wanted.get_mut(id).unwrap().changes += 1;
                }
            }
            if add {
                let id = ids.last().unwrap().clone();
                holds[d].insert(id.clone());
                wanted.insert(
                    id,
                    Wanted {
                        alias,
                        changes: 1,
                        ..Wanted::default()
                    },
                );
            }
        }
        // Syncs through the proxy: all at once (the relay sees them interleaved) or one
        // after another in a random order.
        let mut order: Vec<usize> = (0..devices.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let outputs: Vec<(usize, Output)> = if rng.below(2) == 0 {
            std::thread::scope(|s| {
                let handles: Vec<_> = order
                    .iter()
                    .map(|&d| {
                        let device = &devices[d];
                        s.spawn(move || (d, device.run(&["sync"], None)))
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            })
        } else {
            order
                .iter()
                .map(|&d| (d, devices[d].run(&["sync"], None)))
                .collect()
        };
        let before = on_relay.clone();
        for (d, out) in outputs {
            syncs += 1;
            if out.status.success() {
                report(&out);
                // Everything it had is on the relay; it holds what was there before.
                on_relay.extend(holds[d].iter().cloned());
                holds[d].extend(before.iter().cloned());
            } else {
                failed += 1;
                *errors.entry(failure_line(&out, &allowed)).or_default() += 1;
            }
        }
    }

    // Faults off: two complete passes bring every device up to date.
    proxy.faults(false);
    for _ in 0..2 {
        for device in &devices {
            sync_ok(device);
        }
    }
    let shown = assert_converged(&all, &mut rng);
    assert_eq!(shown.len(), wanted.len(), "persons lost or duplicated");
    for (id, want) in &wanted {
        let record = shown.get(id).unwrap_or_else(|| panic!("person {id} lost"));
        assert_eq!(record["alias"], want.alias.as_str());
        for (entry, note) in &want.encounters {
            assert_eq!(
                record["encounters"][entry]["note"],
                note.as_str(),
                "acknowledged encounter {entry} of {id} lost"
            );
        }
        let count = record["encounters"].as_object().map_or(0, |m| m.len());
        assert_eq!(count, want.encounters.len(), "{id}: {record}");
        let notes = record["notes"].as_str().unwrap_or_default();
        for fragment in &want.fragments {
            assert!(
                notes.contains(fragment.as_str()),
                "acknowledged note {fragment} of {id} lost: {notes:?}"
            );
        }
    }
    let changes: BTreeMap<String, usize> = wanted
        .iter()
        .map(|(id, w)| (id.clone(), w.changes))
        .collect();
    let compacted = assert_relay_log(&relay, &changes);
    let log = relay_log(&relay);
    for (id, n) in &changes {
        if *n >= ponte_sync::engine::SNAPSHOT_AFTER as usize {
            assert!(log[id][1] >= 1, "{id} has {n} changes and no snapshot");
        }
    }

    // A device that joins now gets the compacted log, and shows the same records.
    let late = Device::new();
    let code = devices[0].json(&["invite"], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    late.json(&["join", &code, "--name", "late"], None);
    devices[0].json(&["approve", "--all"], None);
    sync_ok(&late);
    let mut all = all;
    all.push(&late);
    assert_eq!(
        assert_converged(&all, &mut rng),
        shown,
        "the late device differs"
    );

    let counts = proxy.counts();
    eprintln!(
        "{}: {syncs} syncs under faults, {failed} failed: {errors:?}; proxy: {counts:?}; {} persons, {} compacted; {:.1?}",
        backend(&relay),
        wanted.len(),
        compacted,
        started.elapsed()
    );
    assert!(
        failed >= 3,
        "only {failed} of {syncs} syncs failed: the faults did not bite"
    );
    assert!(
        syncs - failed >= 3,
        "only {} of {syncs} syncs got through the faults",
        syncs - failed
    );
    let faulted: usize = counts
        .iter()
        .filter(|(f, _)| **f != Fault::Pass)
        .map(|(_, n)| n)
        .sum();
    assert!(faulted >= 10, "only {faulted} faults injected");
}

//! Property: whatever three devices edit offline and in whatever order they sync, once
//! every device has synced twice they all hold the same records, field for field, and
//! nothing any device wrote is missing.
//!
//! In-process for speed: the relay (`sync_server`) is served on loopback by a tokio
//! runtime, and each device is a `ponte_store::Store` driven through `ponte_sync` (the
//! same calls the CLI makes). Each case costs three store creations (PBKDF2 at 600,000
//! rounds), so there are few cases. The seed is printed (`PONTE_TEST_SEED`) and
//! replays the whole run.
//!
//! The property is checked twice, with the same cases for a seed: on a relay storing
//! to SQLite, and on one storing to PostgreSQL (a cluster of the test's own, its
//! schema made afresh for each case).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use ponte_model::Kind;
use ponte_model::summary::{Query, Summary};
use ponte_pgtest::PgCluster;
use ponte_store::{InitOptions, RecordId, Store};
use ponte_sync::{engine, team};
use ponte_tests::{PASSPHRASE, Rng, hex_bytes};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde_json::{Value, json};
use sync_server::{Clock, Limits, PostgresStorage, SqliteStorage, Storage};

const DEVICES: usize = 3;
const ALIASES: &[&str] = &["Karim", "Gurpreet", "Ana", "Sunil"];
const SECTORS: &[&str] = &["agriculture", "construction", "logistics", "hospitality"];
const NATIONALITIES: &[&str] = &["IN", "PK", "MA", "RO", "NG"];
const NEEDS: &[&str] = &["legal_aid", "permit", "health", "housing", "wage_claim"];

/// One edit a device makes while offline.
#[derive(Debug, Clone)]
enum Edit {
    /// Set the shared person's alias (a register: one value wins everywhere).
    Alias(usize),
    /// Set its sector.
    Sector(usize),
    /// Set its nationality.
    Nationality(usize),
    /// Append a fragment to its notes (text: every append survives).
    AppendNote,
    /// Add an encounter with a fresh entry id (collection: every entry survives).
    Encounter,
    /// Replace its needs.
    Needs(Vec<usize>),
    /// Set its plan's operator (a key of a nested map).
    PlanAssigned,
    /// Append to its plan's goals (another key of the same nested map).
    PlanGoals,
    /// Create a new person.
    NewPerson,
    /// Append a fragment to the notes of any person this device holds (index mod count).
    OtherNote(usize),
}

#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Edit),
    Sync(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (0..ALIASES.len()).prop_map(Edit::Alias),
        1 => (0..SECTORS.len()).prop_map(Edit::Sector),
        1 => (0..NATIONALITIES.len()).prop_map(Edit::Nationality),
        2 => Just(Edit::AppendNote),
        2 => Just(Edit::Encounter),
        1 => proptest::collection::vec(0..NEEDS.len(), 1..4).prop_map(Edit::Needs),
        1 => Just(Edit::PlanAssigned),
        1 => Just(Edit::PlanGoals),
        1 => Just(Edit::NewPerson),
        1 => any::<usize>().prop_map(Edit::OtherNote),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..DEVICES, edit()).prop_map(|(d, e)| Step::Edit(d, e)),
        2 => (0..DEVICES).prop_map(Step::Sync),
    ]
}

/// What every device must hold at the end, whatever the merge chose.
#[derive(Debug, Default)]
struct Expected {
    /// Record -> note fragments appended to it.
    fragments: BTreeMap<RecordId, Vec<String>>,
    /// Encounter id -> its note, on the shared person.
    encounters: BTreeMap<String, String>,
    /// Fragments appended to the shared person's plan goals.
    goals: Vec<String>,
    /// Operators the plan was assigned to (one of them must win).
    assigned: BTreeSet<String>,
    /// Persons created during the run.
    created: BTreeSet<RecordId>,
    /// Change entries each record was given: its creation and each edit that changed
    /// something.
    changes: BTreeMap<RecordId, usize>,
}

fn config() -> Config {
    let seed = Rng::from_env().next_u64();
    Config {
        cases: 8,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 64,
        ..Config::default()
    }
}

#[test]
fn random_edits_and_sync_orders_on_three_devices_converge_on_sqlite() {
    converge(Backend::Sqlite);
}

#[test]
fn random_edits_and_sync_orders_on_three_devices_converge_on_postgres() {
    let cluster = PgCluster::start();
    converge(Backend::Postgres(&cluster));
}

/// The relay's storage: a fresh SQLite file per case, or one PostgreSQL cluster for
/// the whole run whose schema each case starts afresh.
#[derive(Clone, Copy)]
enum Backend<'a> {
    Sqlite,
    Postgres(&'a PgCluster),
}

/// The property on one backend: what `proptest!` would run, with the backend given.
fn converge(backend: Backend<'_>) {
    let mut runner = TestRunner::new(config());
    let steps = proptest::collection::vec(step(), 20..120);
    let result = runner.run(&steps, |steps| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(run(backend, &steps))
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}

fn fail(what: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(what.to_string())
}

/// A relay served in this process on a fresh SQLite file or PostgreSQL schema.
struct TestRelay<'a> {
    url: String,
    dir: tempfile::TempDir,
    pg: Option<&'a PgCluster>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl<'a> TestRelay<'a> {
    async fn start(backend: Backend<'a>) -> TestRelay<'a> {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let stopped = async {
            let _ = stopped.await;
        };
        let (server, pg) = match backend {
            Backend::Sqlite => {
                let storage = SqliteStorage::open(&dir.path().join("relay.db")).unwrap();
                (serve(storage, listener, stopped), None)
            }
            Backend::Postgres(pg) => {
                // Whatever the previous case stored goes (its runtime, and so its
                // connections, are gone); the storage makes its schema again.
                pg.psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
                let storage = PostgresStorage::connect(&pg.url(), 4).await.unwrap();
                (serve(storage, listener, stopped), Some(pg))
            }
        };
        TestRelay {
            url,
            dir,
            pg,
            stop: Some(stop),
            server,
        }
    }

    /// The rows of `sql` on the relay's storage, each column as text (integers in
    /// decimal); `{record}` stands for the record id in lower-case hex.
    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let Some(pg) = self.pg else {
            let sql = sql.replace("{record}", "lower(hex(record_id))");
            let conn = rusqlite::Connection::open_with_flags(
                self.dir.path().join("relay.db"),
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .unwrap();
            let mut stmt = conn.prepare(&sql).unwrap();
            let columns = stmt.column_count();
            return stmt
                .query_map([], |r| {
                    (0..columns)
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                                other => other.as_str()?.to_owned(),
                            })
                        })
                        .collect()
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        };
        let sql = sql.replace("{record}", "encode(record_id, 'hex')");
        pg.psql(&sql)
            .lines()
            .map(|l| l.split('|').map(str::to_owned).collect())
            .collect()
    }

    /// Per record: `[changes, snapshots, tombstones, keys]` in the relay's log
    /// (`StoredKind` in sync-server/src/storage.rs numbers them 0..3). Checks first
    /// that no entry is stored twice.
    fn log(&self) -> BTreeMap<[u8; 16], [usize; 4]> {
        let counts = self.rows("SELECT COUNT(*), COUNT(DISTINCT entry_id) FROM entries");
        assert_eq!(counts[0][0], counts[0][1], "an entry stored twice");
        let mut log: BTreeMap<[u8; 16], [usize; 4]> = BTreeMap::new();
        for row in self.rows("SELECT {record}, kind, COUNT(*) FROM entries GROUP BY 1, 2") {
            let id: [u8; 16] = hex_bytes(&row[0]).try_into().unwrap();
            let (kind, n): (usize, usize) = (row[1].parse().unwrap(), row[2].parse().unwrap());
            log.entry(id).or_default()[kind] = n;
        }
        log
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.server).await;
    }
}

/// Serve a relay on `storage` until `stopped` resolves.
fn serve<S: Storage>(
    storage: S,
    listener: tokio::net::TcpListener,
    stopped: impl Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<std::io::Result<()>> {
    let creation = sync_server::TeamCreation::with_codes([ponte_tests::RELAY_CODE]).unwrap();
    let relay = Arc::new(
        sync_server::Relay::new(storage, Limits::default(), Clock::system())
            .with_team_creation(creation),
    );
    tokio::spawn(sync_server::serve(listener, relay, stopped))
}

/// Sync one device completely.
async fn sync(store: &mut Store) -> Result<(), TestCaseError> {
    let report = engine::sync(store)
        .await
        .map_err(|e| fail(format!("sync: {e}")))?;
    prop_assert_eq!(report.pending, 0);
    Ok(())
}

fn person_ids(store: &Store) -> Vec<RecordId> {
    let query = Query {
        kind: Some(Kind::Person),
        ..Query::default()
    };
    let mut ids: Vec<RecordId> = store.list(&query).unwrap().iter().map(|l| l.id).collect();
    ids.sort();
    ids
}

fn text(record: &Value, pointer: &str) -> String {
    record
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

async fn run(backend: Backend<'_>, steps: &[Step]) -> Result<(), TestCaseError> {
    let relay = TestRelay::start(backend).await;
    let homes: Vec<tempfile::TempDir> =
        (0..DEVICES).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut stores: Vec<Store> = homes
        .iter()
        .map(|h| Store::init(h.path(), PASSPHRASE, &InitOptions::default()).unwrap())
        .collect();

    // The team: device 0 supervises, 1 and 2 join; then device 0 creates the shared
    // person and everyone syncs it. Its free-text fields exist from the start: a text
    // field that two devices both *create* offline keeps only one device's text today
    // (two Automerge text objects at one key; the merge shows one), so appends here
    // go to texts that already exist.
    team::create(
        &mut stores[0],
        &relay.url,
        "supervisor",
        Some(ponte_tests::RELAY_CODE),
    )
    .await
    .map_err(fail)?;
    for d in 1..DEVICES {
        let invite = team::invite(&mut stores[0], team::DEFAULT_INVITE_TTL_MS)
            .await
            .map_err(fail)?;
        team::join(&mut stores[d], &invite, &format!("phone {d}"))
            .await
            .map_err(fail)?;
        let approvals = team::approve(&mut stores[0], None, ponte_sync::Role::Operator)
            .await
            .map_err(fail)?;
        prop_assert!(approvals.iter().all(|a| a.approved), "{approvals:?}");
        sync(&mut stores[d]).await?;
    }
    let shared = stores[0]
        .create(
            Kind::Person,
            &json!({"alias": "Shared", "notes": "start.", "plan": {"goals": "start."}}),
        )
        .unwrap();
    for store in &mut stores {
        sync(store).await?;
    }

    let mut expected = Expected::default();
    expected.changes.insert(shared, 1);
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Sync(d) => sync(&mut stores[*d]).await?,
            Step::Edit(d, edit) => {
                apply(&mut stores[*d], *d, i, &shared, edit, &mut expected)?;
            }
        }
    }

    // Everyone syncs twice: the first pass pushes everything, the second pulls it.
    for _ in 0..2 {
        for store in &mut stores {
            sync(store).await?;
        }
    }

    // Same persons, same summaries (lists), same documents (show) everywhere.
    let ids = person_ids(&stores[0]);
    let lists: Vec<Vec<(RecordId, Summary)>> = stores
        .iter()
        .map(|s| {
            let mut rows: Vec<(RecordId, Summary)> = s
                .list(&Query::default())
                .unwrap()
                .into_iter()
                .map(|l| (l.id, l.summary))
                .collect();
            rows.sort_by_key(|(id, _)| *id);
            rows
        })
        .collect();
    for (d, list) in lists.iter().enumerate().skip(1) {
        prop_assert!(
            list == &lists[0],
            "device {d}'s list differs from device 0's"
        );
    }
    let mut records: Vec<BTreeMap<RecordId, Value>> = Vec::new();
    for store in &mut stores {
        prop_assert_eq!(store.outbox_len().unwrap(), 0);
        let mut docs = BTreeMap::new();
        for id in &ids {
            docs.insert(*id, store.get(id, Some(Kind::Person)).map_err(fail)?.json);
        }
        records.push(docs);
    }
    for (d, docs) in records.iter().enumerate().skip(1) {
        for id in &ids {
            prop_assert_eq!(
                &docs[id],
                &records[0][id],
                "record {} differs between device {} and device 0",
                id.to_hex(),
                d
            );
        }
    }

    // Nothing anyone wrote is missing.
    let all: BTreeSet<RecordId> = ids.iter().copied().collect();
    prop_assert!(all.contains(&shared));
    for id in &expected.created {
        prop_assert!(all.contains(id), "created person {} missing", id.to_hex());
    }
    prop_assert_eq!(all.len(), expected.created.len() + 1, "unexpected persons");
    let docs = &records[0];
    for (id, fragments) in &expected.fragments {
        let notes = text(&docs[id], "/notes");
        for fragment in fragments {
            prop_assert!(
                notes.contains(fragment.as_str()),
                "fragment {fragment:?} missing from the notes of {}: {notes:?}",
                id.to_hex()
            );
        }
    }
    let person = &docs[&shared];
    for (entry, note) in &expected.encounters {
        prop_assert_eq!(
            person.pointer(&format!("/encounters/{entry}/note")),
            Some(&json!(note)),
            "encounter {} missing: {}",
            entry,
            person
        );
    }
    let encounters = person["encounters"].as_object().map_or(0, |m| m.len());
    prop_assert_eq!(encounters, expected.encounters.len(), "{}", person);
    let goals = text(person, "/plan/goals");
    for fragment in &expected.goals {
        prop_assert!(
            goals.contains(fragment.as_str()),
            "goal {fragment:?} missing: {person}"
        );
    }
    if !expected.assigned.is_empty() {
        let assigned = text(person, "/plan/assigned_to");
        prop_assert!(
            expected.assigned.contains(&assigned),
            "plan operator lost: {person}"
        );
    }

    // The relay stored each entry once: one key entry per record, and each change
    // once (fewer once a snapshot compacted the record).
    let log = relay.log();
    prop_assert_eq!(log.len(), all.len());
    let compacted = log
        .values()
        .filter(|[_, snapshots, _, _]| *snapshots > 0)
        .count();
    eprintln!(
        "{} steps, {} persons, {} encounters, {} compacted",
        steps.len(),
        all.len(),
        expected.encounters.len(),
        compacted
    );
    for id in &all {
        let [changes, snapshots, tombstones, keys] = log[&id.0];
        let want = expected.changes[id];
        prop_assert_eq!((keys, tombstones), (1, 0));
        if snapshots == 0 {
            prop_assert_eq!(changes, want, "change entries of {}", id.to_hex());
            prop_assert!(
                want < engine::SNAPSHOT_AFTER as usize,
                "{} not compacted",
                id.to_hex()
            );
        } else {
            prop_assert!(changes <= want, "change entries of {}", id.to_hex());
        }
    }

    // A device that joins now gets the compacted log, and holds the same records.
    let late_home = tempfile::tempdir().unwrap();
    let mut late = Store::init(late_home.path(), PASSPHRASE, &InitOptions::default()).unwrap();
    let invite = team::invite(&mut stores[0], team::DEFAULT_INVITE_TTL_MS)
        .await
        .map_err(fail)?;
    team::join(&mut late, &invite, "late").await.map_err(fail)?;
    team::approve(&mut stores[0], None, ponte_sync::Role::Operator)
        .await
        .map_err(fail)?;
    sync(&mut late).await?;
    let mut rows: Vec<(RecordId, Summary)> = late
        .list(&Query::default())
        .unwrap()
        .into_iter()
        .map(|l| (l.id, l.summary))
        .collect();
    rows.sort_by_key(|(id, _)| *id);
    prop_assert!(rows == lists[0], "the late device's list differs");
    for id in &ids {
        let json = late.get(id, Some(Kind::Person)).map_err(fail)?.json;
        prop_assert_eq!(
            &json,
            &records[0][id],
            "record {} on the late device",
            id.to_hex()
        );
    }

    relay.stop().await;
    Ok(())
}

/// Apply one edit on device `d` (step `i`) and note what must survive.
fn apply(
    store: &mut Store,
    d: usize,
    i: usize,
    shared: &RecordId,
    edit: &Edit,
    expected: &mut Expected,
) -> Result<(), TestCaseError> {
    let current = store.get(shared, Some(Kind::Person)).map_err(fail)?.json;
    let fragment = format!(" [d{d}s{i}]");
    let (target, patch) = match edit {
        Edit::Alias(n) => (*shared, json!({"alias": ALIASES[*n]})),
        Edit::Sector(n) => (*shared, json!({"sector": SECTORS[*n]})),
        Edit::Nationality(n) => (*shared, json!({"nationality": NATIONALITIES[*n]})),
        Edit::Needs(codes) => {
            let codes: Vec<&str> = codes.iter().map(|c| NEEDS[*c]).collect();
            (*shared, json!({"needs": codes}))
        }
        Edit::AppendNote => {
            expected
                .fragments
                .entry(*shared)
                .or_default()
                .push(fragment.clone());
            let notes = text(&current, "/notes") + &fragment;
            (*shared, json!({"notes": notes}))
        }
        Edit::Encounter => {
            let entry = format!("e{i}");
            let note = format!("met on step {i} by device {d}");
            expected.encounters.insert(entry.clone(), note.clone());
            (
                *shared,
                json!({"encounters": {entry: {"date": "2026-11-24", "note": note}}}),
            )
        }
        Edit::PlanAssigned => {
            let operator = format!("op-{d}-{i}");
            expected.assigned.insert(operator.clone());
            (*shared, json!({"plan": {"assigned_to": operator}}))
        }
        Edit::PlanGoals => {
            expected.goals.push(fragment.clone());
            let goals = text(&current, "/plan/goals") + &fragment;
            (*shared, json!({"plan": {"goals": goals}}))
        }
        Edit::NewPerson => {
            let id = store
                .create(
                    Kind::Person,
                    &json!({"alias": format!("New {d}-{i}"), "notes": ""}),
                )
                .map_err(fail)?;
            expected.created.insert(id);
            expected.changes.insert(id, 1);
            return Ok(());
        }
        Edit::OtherNote(n) => {
            let ids = person_ids(store);
            let id = ids[n % ids.len()];
            let notes = text(
                &store.get(&id, Some(Kind::Person)).map_err(fail)?.json,
                "/notes",
            );
            expected
                .fragments
                .entry(id)
                .or_default()
                .push(fragment.clone());
            (id, json!({"notes": notes + &fragment}))
        }
    };
    let before = store.outbox_len().unwrap();
    store
        .edit(&target, Some(Kind::Person), &patch)
        .map_err(|e| fail(format!("device {d}, step {i}: edit {edit:?} refused: {e}")))?;
    // An edit that changes nothing queues nothing; one that does, one change.
    *expected.changes.entry(target).or_default() += store.outbox_len().unwrap() - before;
    Ok(())
}

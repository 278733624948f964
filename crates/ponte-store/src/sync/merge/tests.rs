//! What a member sends cannot stop the team: each kind of bad change is refused with
//! its code and the rest of the batch applies (directly on [`merge_pulled`]), and
//! random, mutated, deep, off-schema, forged, inflating and op-count-bomb changes and
//! snapshots, and documents that made Automerge panic, go through
//! [`Store::sync_commit`] without stopping it (property test).

use std::cell::RefCell;
use std::io::Write;

use ponte_crypto as crypto;
use ponte_doc::{MAX_CHANGE_OPS, MAX_LIVE_VALUES, MAX_RECORD_OPS, RecordDoc};
use ponte_model::{Kind, validate::NOTES_MAX};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::{Merged, Pulled, Rejection, merge_pulled};
use crate::aad::change_aad;
use crate::row::{open_row, read_row};
use crate::sync::{EntryKind, Incoming};
use crate::{InitOptions, RecordId, Store};

/// Hostile Automerge bytes declaring many operations in few bytes, shared with
/// `ponte-doc`'s tests.
#[path = "../../../../ponte-doc/tests/support/op_bombs.rs"]
mod op_bombs;

const A: [u8; 16] = [0xa; 16];
const P: [u8; 16] = [0xb; 16];

/// A change of `actor`'s declaring `n` operations laid out as `shape`, with the
/// checksum Automerge checks.
fn op_bomb(actor: &[u8], n: u64, shape: op_bombs::Shape) -> Vec<u8> {
    op_bombs::checksummed(op_bombs::change(actor, n, shape), crypto::sha256)
}

/// Raw DEFLATE of `len` zero bytes, made 1 MiB at a time.
fn deflated_zeros(len: usize) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let piece = vec![0u8; 1 << 20];
    for _ in 0..len >> 20 {
        encoder.write_all(&piece).unwrap();
    }
    encoder.finish().unwrap()
}

fn leb(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// An Automerge chunk: magic, checksum, type, length, body.
fn chunk(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, kind];
    leb(&mut out, body.len());
    out.extend_from_slice(body);
    out
}

/// A compressed change (chunk type 2) and a document with a compressed column that
/// inflate to 32 MiB, twice the limit.
fn bombs() -> (Vec<u8>, Vec<u8>) {
    let zeros = deflated_zeros(32 << 20);
    let mut body = vec![1, 16];
    body.extend_from_slice(&P);
    body.extend([0, 1, 0x18]);
    leb(&mut body, zeros.len());
    body.push(0);
    body.extend_from_slice(&zeros);
    (chunk(2, &zeros), chunk(0, &body))
}

fn person() -> Value {
    json!({
        "alias": "Gurpreet", "nationality": "IN", "notes": "met at dawn",
        "consents": {"c1": {"purpose": "intake", "given": true, "language": "pa",
                            "date": "2026-11-24"}}
    })
}

/// A change by `actor` on top of `base`.
fn change(base: &mut RecordDoc, actor: &[u8], patch: &Value) -> Vec<u8> {
    let mut fork = base.fork(actor);
    fork.apply_patch(patch).unwrap();
    fork.take_change()
}

fn pulled(author: [u8; 16], bytes: Vec<u8>) -> Pulled {
    Pulled {
        author,
        snapshot: false,
        bytes: Zeroizing::new(bytes),
    }
}

/// `{"plan": {"x": {"x": ... 1}}}`, `depth` maps deep.
fn deep(depth: usize) -> Value {
    let mut value = json!(1);
    for _ in 0..depth {
        value = json!({ "x": value });
    }
    json!({ "plan": value })
}

/// A member's device id (and so its actor).
fn member(n: u8) -> [u8; 16] {
    [n; 16]
}

fn merge(doc: &mut RecordDoc, kind: Kind, changes: &[Pulled]) -> Merged {
    let before = doc.save();
    merge_pulled(doc, &A, kind, changes, || Ok(RecordDoc::load(&before, &A)?)).unwrap()
}

fn record(kind: Kind, json: &Value) -> RecordDoc {
    RecordDoc::with_containers(&A, ponte_model::containers(kind), json).unwrap()
}

#[test]
fn rejection_codes_are_stable() {
    let codes = [
        Rejection::Unmergeable,
        Rejection::TooDeep,
        Rejection::OffSchema,
        Rejection::WrongAuthor,
        Rejection::TooLarge,
    ]
    .map(|r| {
        assert_eq!(serde_json::to_value(r).unwrap(), r.code());
        r.to_string()
    });
    assert_eq!(
        codes,
        [
            "unmergeable",
            "too-deep",
            "off-schema",
            "wrong-author",
            "too-large"
        ]
    );
}

/// Each bad change from its own member (a member's later changes build on its
/// earlier ones, so one refused change holds back that member's next ones).
#[test]
fn each_bad_change_is_refused_with_its_code_and_the_rest_applies() {
    let mut doc = record(Kind::Person, &person());
    let (bomb, bomb_document) = bombs();
    let mut snapshot = pulled(member(9), {
        let mut whole = doc.fork(&member(7));
        whole
            .apply_patch(&json!({"sector": "agriculture"}))
            .unwrap();
        let mut other = whole.fork(&member(8));
        other
            .apply_patch(&json!({"housing": "employer_provided"}))
            .unwrap();
        other.save()
    });
    snapshot.snapshot = true;
    let changes = [
        pulled(member(1), b"not automerge".to_vec()),
        pulled(member(1), bomb),
        pulled(member(1), bomb_document),
        // Written as A, pushed by member 1.
        pulled(member(1), change(&mut doc, &A, &json!({"phone": "forged"}))),
        pulled(member(2), change(&mut doc, &member(2), &deep(40))),
        pulled(
            member(3),
            change(&mut doc, &member(3), &json!({"Mario Rossi": "x"})),
        ),
        pulled(
            member(4),
            change(
                &mut doc,
                &member(4),
                &json!({"plan": {"goals": "n".repeat(NOTES_MAX + 1)}}),
            ),
        ),
        pulled(
            member(5),
            change(&mut doc, &member(5), &json!({"nationality": "PK"})),
        ),
        // Another member's whole document, with others' changes: snapshots come from
        // the supervisor only (the relay's rule), so any actor is taken.
        snapshot,
        // Ten million writes in 73 bytes, alone and compressed; a document of as many.
        pulled(
            member(6),
            op_bomb(&member(6), 10_000_000, op_bombs::Shape::Writes),
        ),
        pulled(
            member(6),
            op_bombs::compressed(&op_bomb(&member(6), 10_000_000, op_bombs::Shape::Writes)),
        ),
        Pulled {
            author: member(9),
            snapshot: true,
            bytes: Zeroizing::new(op_bombs::checksummed(
                op_bombs::document(&member(6), 10_000_000),
                crypto::sha256,
            )),
        },
        // A member's own whole document pointing past its changes: Automerge panicked.
        pulled(
            member(6),
            op_bombs::checksummed(
                op_bombs::dangling(&member(6), op_bombs::Dangling::Dependency),
                crypto::sha256,
            ),
        ),
        pulled(
            member(6),
            op_bombs::checksummed(
                op_bombs::dangling(&member(6), op_bombs::Dangling::Groups),
                crypto::sha256,
            ),
        ),
    ];
    let merged = merge(&mut doc, Kind::Person, &changes);
    assert_eq!(
        merged.rejected,
        [
            Rejection::Unmergeable,
            Rejection::TooLarge,
            Rejection::TooLarge,
            Rejection::WrongAuthor,
            Rejection::TooDeep,
            Rejection::OffSchema,
            Rejection::TooLarge,
            Rejection::TooLarge,
            Rejection::TooLarge,
            Rejection::Unmergeable,
            Rejection::Unmergeable,
        ]
    );
    assert!(merged.changed);
    let json = doc.to_json_checked().unwrap();
    assert_eq!(merged.json.as_ref(), Some(&json));
    assert_eq!(json["nationality"], "PK");
    assert_eq!(json["sector"], "agriculture");
    assert_eq!(json["housing"], "employer_provided");
    assert_eq!(json["notes"], "met at dawn");
    assert!(json.get("phone").is_none());
    // An over-long text is taken: merges of valid edits make them too.
    assert_eq!(
        json["plan"]["goals"].as_str().map(str::len),
        Some(NOTES_MAX + 1)
    );
    // Good changes only: merged at once, nothing refused.
    let fine = change(&mut doc, &member(5), &json!({"sector": "construction"}));
    let merged = merge(&mut doc, Kind::Person, &[pulled(member(5), fine)]);
    assert!(merged.changed && merged.rejected.is_empty());
    assert_eq!(doc.to_json()["sector"], "construction");
}

/// Members who each push tens of thousands of values of one field (each change alone
/// is taken) fill the record up to what it may show and no further: the change that
/// would take it past is refused, what the record holds loads again, and a small
/// edit still merges.
#[test]
fn changes_filling_a_record_past_its_live_values_are_refused_and_it_stays_loadable() {
    let mut doc = record(Kind::Person, &person());
    let each = 40_000;
    let changes: Vec<Pulled> = (1..=3)
        .map(|i| {
            pulled(
                member(i),
                op_bomb(&member(i), each, op_bombs::Shape::Writes),
            )
        })
        .collect();
    let merged = merge(&mut doc, Kind::Person, &changes);
    assert_eq!(merged.rejected, [Rejection::TooLarge]);
    assert!(merged.changed);
    assert!(doc.fits());
    let loaded = RecordDoc::load(&doc.save(), &A).unwrap();
    assert_eq!(loaded.to_json()["alias"], "Gurpreet");
    let fine = change(&mut doc, &member(7), &json!({"sector": "construction"}));
    let merged = merge(&mut doc, Kind::Person, &[pulled(member(7), fine)]);
    assert!(merged.rejected.is_empty(), "{:?}", merged.rejected);
    assert_eq!(doc.to_json()["sector"], "construction");
    // Two of them fit in what a record may show, not three.
    let each = each as usize;
    assert!(2 * each < MAX_LIVE_VALUES && 3 * each > MAX_LIVE_VALUES);
    assert!(3 * each < MAX_CHANGE_OPS && MAX_CHANGE_OPS < MAX_RECORD_OPS);
}

#[test]
fn a_merge_of_valid_edits_breaking_a_rule_between_fields_applies() {
    let outreach = json!({"date": "2026-11-24", "outreach_type": "street",
        "people_met": {"total": 10, "women": 2, "men": 2}});
    let mut doc = record(Kind::Outreach, &outreach);
    // Each device counts the people it met again: each edit is valid, not both.
    let women = change(&mut doc, &member(1), &json!({"people_met": {"women": 8}}));
    let men = change(&mut doc, &member(2), &json!({"people_met": {"men": 5}}));
    let merged = merge(
        &mut doc,
        Kind::Outreach,
        &[pulled(member(1), women), pulled(member(2), men)],
    );
    assert!(merged.rejected.is_empty(), "{:?}", merged.rejected);
    let json = doc.to_json();
    assert_eq!(
        json["people_met"],
        json!({"total": 10, "women": 8, "men": 5})
    );
    assert!(ponte_model::validate(Kind::Outreach, &json).is_err());
    assert_eq!(
        ponte_model::validate::structure(Kind::Outreach, &json),
        Ok(())
    );
}

#[test]
fn a_record_already_off_its_shape_is_judged_on_what_a_change_adds() {
    // A record from before the check, with a key the format does not have.
    let mut legacy = person();
    legacy["legacy"] = json!(1);
    let mut doc = record(Kind::Person, &legacy);
    let fine = change(&mut doc, &member(1), &json!({"sector": "construction"}));
    let worse = change(&mut doc, &member(2), &json!({"plan": {"extra": true}}));
    let merged = merge(
        &mut doc,
        Kind::Person,
        &[pulled(member(1), fine), pulled(member(2), worse)],
    );
    assert_eq!(merged.rejected, [Rejection::OffSchema]);
    let json = doc.to_json();
    assert_eq!(json["sector"], "construction");
    assert_eq!(json["legacy"], 1);
    assert!(json.get("plan").is_none());
}

// ---- through the store

const PASS: &str = "merge test passphrase";

/// A device `a` that writes records, and `b` that receives them with the same team
/// keys; entries are numbered as a relay would.
struct Team {
    _dirs: [tempfile::TempDir; 2],
    a: Store,
    b: Store,
    seq: u64,
}

impl Team {
    fn new() -> Team {
        let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
        let init = |d: &tempfile::TempDir| {
            Store::init(&d.path().join("h"), PASS, &InitOptions::default()).unwrap()
        };
        let a = init(&dirs[0]);
        let mut b = init(&dirs[1]);
        b.adopt_team_keys(a.team_keys()).unwrap();
        Team {
            _dirs: dirs,
            a,
            b,
            seq: 0,
        }
    }

    /// What `a` has to push, as the relay hands it out.
    fn pushed_by_a(&mut self) -> Vec<Incoming> {
        let out = self.a.outgoing(10_000).unwrap();
        let mut acks = Vec::new();
        let mut entries = Vec::new();
        for o in out {
            self.seq += 1;
            acks.push((o.local_seq, Some(self.seq)));
            entries.push(Incoming {
                seq: self.seq,
                record_id: o.record_id,
                author: self.a.device_id(),
                kind: o.kind,
                ciphertext: o.ciphertext,
            });
        }
        let cursor = self.a.cursor().unwrap();
        self.a
            .sync_commit(
                &acks,
                &[],
                cursor,
                &crate::sync::without_roster(|_, _| false),
            )
            .unwrap();
        entries
    }

    /// An entry for `id` holding `bytes`, sealed as `b` opens the record's changes.
    fn entry(
        &mut self,
        id: &RecordId,
        author: [u8; 16],
        kind: EntryKind,
        bytes: &[u8],
    ) -> Incoming {
        let row = read_row(&self.b.conn, id).unwrap().unwrap();
        let (loaded, key) = open_row(&self.b.keys, &self.b.device_id, id, &row).unwrap();
        self.seq += 1;
        Incoming {
            seq: self.seq,
            record_id: *id,
            author,
            kind,
            ciphertext: crypto::seal(&key, &change_aad(id, loaded.kind, loaded.epoch), bytes)
                .unwrap(),
        }
    }

    /// `b`'s document of `id`.
    fn doc(&self, id: &RecordId) -> RecordDoc {
        let row = read_row(&self.b.conn, id).unwrap().unwrap();
        open_row(&self.b.keys, &self.b.device_id, id, &row)
            .unwrap()
            .0
            .doc
    }

    /// `b` applies `batch`; the cursor moves to its end.
    fn pull(&mut self, batch: &[Incoming]) -> crate::sync::Applied {
        let applied = self
            .b
            .sync_commit(
                &[],
                batch,
                self.seq,
                &crate::sync::without_roster(|_, _| false),
            )
            .unwrap();
        assert_eq!(self.b.cursor().unwrap(), self.seq);
        applied
    }

    fn show(&mut self, id: &RecordId) -> Value {
        self.b.get(id, None).unwrap().json
    }
}

/// Something a member may send for the record under attack.
#[derive(Debug, Clone)]
enum Poison {
    /// Bytes that may start like Automerge.
    Random { magic: bool, bytes: Vec<u8> },
    /// A valid change of the member's with bits flipped (never a zero mask).
    Flipped(Vec<(usize, u8)>),
    /// A valid change cut short (at least one byte kept).
    Truncated(usize),
    /// The start of one valid change and the end of another.
    Spliced(usize, usize),
    /// Maps nested `depth` deep.
    Deep(usize),
    /// Keys the format does not have.
    UnknownKeys(usize),
    /// Free text past its length.
    LongNotes(usize),
    /// Text where an object is expected.
    WrongType,
    /// A change written as `a`, pushed by the member.
    Forged,
    /// A compressed change inflating to 32 MiB.
    Bomb,
    /// A document with a compressed column inflating to 32 MiB, as a snapshot.
    BombSnapshot,
    /// A change of a few dozen bytes declaring more operations than a change may hold
    /// (`ops`), laid out as `shape`, compressed or not.
    OpBomb {
        ops: u64,
        shape: op_bombs::Shape,
        compressed: bool,
    },
    /// A document declaring more operations than a record may hold, as a snapshot.
    OpBombSnapshot(u64),
    /// The member's own whole document pointing past its changes (Automerge 0.12
    /// panicked on it), as a change.
    Dangling(op_bombs::Dangling),
    /// A whole document with a key the format does not have, as a snapshot.
    OffSchemaSnapshot,
    /// Garbage as a snapshot.
    GarbageSnapshot(Vec<u8>),
    /// A ciphertext not sealed with the record's key.
    Unsealed(Vec<u8>),
    /// A change for a record nobody has.
    Stranger,
}

impl Poison {
    /// Whether it is refused whatever the random parts are.
    fn always_refused(&self) -> bool {
        // Over-long text is a record's own business (two appends merge past a limit
        // too): it is taken, and sync must go on with it.
        !matches!(self, Poison::Random { bytes, .. } if bytes.is_empty())
            && !matches!(self, Poison::LongNotes(_))
    }
}

fn poison() -> impl Strategy<Value = Poison> {
    prop_oneof![
        (any::<bool>(), prop::collection::vec(any::<u8>(), 0..300))
            .prop_map(|(magic, bytes)| Poison::Random { magic, bytes }),
        prop::collection::vec((any::<usize>(), 1..=255u8), 1..6).prop_map(Poison::Flipped),
        any::<usize>().prop_map(Poison::Truncated),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Poison::Spliced(a, b)),
        (17..80usize).prop_map(Poison::Deep),
        (1..200usize).prop_map(Poison::UnknownKeys),
        (1..50_000usize).prop_map(|extra| Poison::LongNotes(NOTES_MAX + extra)),
        Just(Poison::WrongType),
        Just(Poison::Forged),
        Just(Poison::Bomb),
        Just(Poison::BombSnapshot),
        (
            prop_oneof![
                Just(MAX_CHANGE_OPS as u64 + 1),
                MAX_CHANGE_OPS as u64 + 1..=10_000_000,
                10_000_000..1u64 << 50,
            ],
            prop::sample::select(op_bombs::SHAPES.to_vec()),
            any::<bool>(),
        )
            .prop_map(|(ops, shape, compressed)| Poison::OpBomb {
                ops,
                shape,
                compressed
            }),
        prop_oneof![
            Just(MAX_RECORD_OPS as u64 + 1),
            MAX_RECORD_OPS as u64 + 1..1u64 << 50,
        ]
        .prop_map(Poison::OpBombSnapshot),
        prop_oneof![
            Just(op_bombs::Dangling::Dependency),
            Just(op_bombs::Dangling::Groups)
        ]
        .prop_map(Poison::Dangling),
        Just(Poison::OffSchemaSnapshot),
        prop::collection::vec(any::<u8>(), 1..300).prop_map(Poison::GarbageSnapshot),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Poison::Unsealed),
        Just(Poison::Stranger),
    ]
}

/// An entry carrying `poison` for `id`, pushed by the member `P`.
fn entry_for(
    team: &mut Team,
    id: &RecordId,
    poison: &Poison,
    bombs: &(Vec<u8>, Vec<u8>),
) -> Incoming {
    let snapshot = EntryKind::Snapshot { covers: team.seq };
    let mut doc = team.doc(id);
    let a = team.a.device_id();
    let valid = |doc: &mut RecordDoc, sector: &str| change(doc, &P, &json!({"sector": sector}));
    let (kind, bytes) = match poison {
        Poison::Random { magic, bytes } => {
            let mut out = if *magic {
                vec![0x85, 0x6f, 0x4a, 0x83]
            } else {
                Vec::new()
            };
            out.extend_from_slice(bytes);
            (EntryKind::Change, out)
        }
        Poison::Flipped(flips) => {
            let mut bytes = valid(&mut doc, "construction");
            for (at, mask) in flips {
                let len = bytes.len();
                bytes[at % len] ^= mask;
            }
            (EntryKind::Change, bytes)
        }
        Poison::Truncated(at) => {
            let mut bytes = valid(&mut doc, "construction");
            bytes.truncate(1 + at % (bytes.len() - 1));
            (EntryKind::Change, bytes)
        }
        Poison::Spliced(x, y) => {
            let one = valid(&mut doc, "construction");
            let two = change(&mut doc, &P, &json!({"housing": "none"}));
            let mut bytes = one[..x % one.len()].to_vec();
            bytes.extend_from_slice(&two[1 + y % (two.len() - 1)..]);
            (EntryKind::Change, bytes)
        }
        Poison::Deep(depth) => (EntryKind::Change, change(&mut doc, &P, &deep(*depth))),
        Poison::UnknownKeys(n) => {
            let keys: serde_json::Map<String, Value> =
                (0..*n).map(|i| (format!("k{i}"), json!(i))).collect();
            (
                EntryKind::Change,
                change(&mut doc, &P, &Value::Object(keys)),
            )
        }
        Poison::LongNotes(len) => (
            EntryKind::Change,
            change(&mut doc, &P, &json!({"notes": "n".repeat(*len)})),
        ),
        Poison::WrongType => (
            EntryKind::Change,
            change(&mut doc, &P, &json!({"consents": "all of them"})),
        ),
        Poison::Forged => (
            EntryKind::Change,
            change(&mut doc, &a, &json!({"alias": "forged"})),
        ),
        Poison::Bomb => (EntryKind::Change, bombs.0.clone()),
        Poison::BombSnapshot => (snapshot, bombs.1.clone()),
        Poison::OpBomb {
            ops,
            shape,
            compressed,
        } => {
            let bomb = op_bomb(&P, *ops, *shape);
            let bytes = if *compressed {
                op_bombs::compressed(&bomb)
            } else {
                bomb
            };
            (EntryKind::Change, bytes)
        }
        Poison::OpBombSnapshot(ops) => (
            snapshot,
            op_bombs::checksummed(op_bombs::document(&P, *ops), crypto::sha256),
        ),
        Poison::Dangling(how) => (
            EntryKind::Change,
            op_bombs::checksummed(op_bombs::dangling(&P, *how), crypto::sha256),
        ),
        Poison::OffSchemaSnapshot => {
            let mut whole = doc.fork(&P);
            whole.apply_patch(&json!({"Mario Rossi": true})).unwrap();
            (snapshot, whole.save())
        }
        Poison::GarbageSnapshot(bytes) => (snapshot, bytes.clone()),
        Poison::Unsealed(ciphertext) => {
            team.seq += 1;
            return Incoming {
                seq: team.seq,
                record_id: *id,
                author: P,
                kind: EntryKind::Change,
                ciphertext: ciphertext.clone(),
            };
        }
        Poison::Stranger => {
            team.seq += 1;
            return Incoming {
                seq: team.seq,
                record_id: RecordId([0x5a; 16]),
                author: P,
                kind: EntryKind::Change,
                ciphertext: valid(&mut doc, "construction"),
            };
        }
    };
    team.entry(id, P, kind, &bytes)
}

/// Random, mutated, deep, off-schema, forged, inflating, op-count-bomb and panicking
/// changes and snapshots for one record, then a valid change from `a` in the same batch and another in the
/// next: `sync_commit` succeeds each time, the cursor moves, both valid changes
/// apply, the record keeps its shape and the other records are untouched.
#[test]
fn poison_changes_never_stop_sync() {
    let mut team = Team::new();
    let target = team
        .a
        .create(
            Kind::Person,
            &json!({"alias": "Gurpreet", "nationality": "IN"}),
        )
        .unwrap();
    let other = team
        .a
        .create(Kind::Person, &json!({"alias": "Harjit", "notes": "n"}))
        .unwrap();
    let service = team
        .a
        .create(
            Kind::Service,
            &json!({"name": "Numero Verde", "type": "antitrafficking_helpline"}),
        )
        .unwrap();
    let first = team.pushed_by_a();
    assert_eq!(team.pull(&first).created, 3);
    let bystanders = [(other, team.show(&other)), (service, team.show(&service))];
    let bombs = bombs();
    let team = RefCell::new(team);
    let round = RefCell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases: 48,
        // The store carries over from case to case: a shrunk case would not show
        // what failed.
        max_shrink_iters: 0,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(poison(), 1..6), |poisons| {
            let mut team = team.borrow_mut();
            let mut round = round.borrow_mut();
            *round += 1;
            let mut batch: Vec<Incoming> = poisons
                .iter()
                .map(|p| entry_for(&mut team, &target, p, &bombs))
                .collect();
            let area = format!("area {round}");
            team.a
                .edit(&target, None, &json!({"employer_area": area}))
                .unwrap();
            batch.extend(team.pushed_by_a());
            let applied = team.pull(&batch);
            let refused = poisons.iter().filter(|p| p.always_refused()).count();
            prop_assert!(applied.rejected >= refused, "{applied:?}");
            prop_assert_eq!(&team.show(&target)["employer_area"], &json!(area));
            // The next batch: only a valid change.
            let point = format!("lp-{round}");
            team.a
                .edit(&target, None, &json!({"listening_point": point}))
                .unwrap();
            let next = team.pushed_by_a();
            let applied = team.pull(&next);
            prop_assert_eq!(applied.rejected, 0);
            let record = team.show(&target);
            prop_assert_eq!(&record["listening_point"], &json!(point));
            prop_assert_eq!(&record["alias"], &json!("Gurpreet"));
            prop_assert_eq!(
                ponte_model::validate::structure(Kind::Person, &record),
                Ok(())
            );
            for (id, before) in &bystanders {
                prop_assert_eq!(&team.show(id), before);
            }
            Ok(())
        })
        .unwrap();
}

//! Hostile Automerge bytes built by hand, as a member holding a record's data key can
//! write them: chunks whose run-length-encoded columns declare far more operations
//! than their size suggests (a change of 73 bytes declaring ten million writes aborted
//! every device's sync before `ponte_doc` counted operations). The layout is
//! Automerge's (<https://alexjg.github.io/automerge-storage-docs/>).
//!
//! One file shared by the tests of `ponte-doc`, of `ponte-store`'s merge and of the
//! end-to-end suite (`#[path]`), none of which may depend on the others' test code.
//! Chunks are built with a zero checksum: [`checksummed`] writes the real one with the
//! SHA-256 the caller has (Automerge checks it; `ponte-doc` refuses before it matters).

#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;

/// How a change lays out its hostile rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `n` writes of null to `notes`, every column one run of `n` (the review's
    /// attack: `n` concurrent values of one field).
    Writes,
    /// One write whose list of predecessors names `n` operations.
    Preds,
    /// An action column of `n` nulls, the other columns one row each.
    NullActions,
    /// `n` writes, `notes` given as a literal run of one and then a null run of
    /// `n - 1` keys.
    NullKeys,
    /// A new list at `notes` and `n - 1` nulls inserted at its head: no operation a
    /// live map value but the one making the list, like text typed.
    Inserts,
}

/// Every [`Shape`].
pub const SHAPES: [Shape; 5] = [
    Shape::Writes,
    Shape::Preds,
    Shape::NullActions,
    Shape::NullKeys,
    Shape::Inserts,
];

impl Shape {
    /// Whether each of its operations is a live map value (a new value nothing
    /// precedes).
    pub fn live(self) -> bool {
        !matches!(self, Shape::Preds | Shape::Inserts)
    }
}

/// Appends `n` as unsigned LEB128.
pub fn uleb(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends `n` as signed LEB128.
pub fn sleb(out: &mut Vec<u8>, mut n: i64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if (n == 0 && byte & 0x40 == 0) || (n == -1 && byte & 0x40 != 0) {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A run-length column: one run of `n` copies of the value `value` writes (for one,
/// a literal run: Automerge refuses a repeat run of fewer than two).
fn run(n: u64, value: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    sleb(&mut out, if n == 1 { -1 } else { n });
    value(&mut out);
    out
}

/// A run-length column: `n` nulls.
fn nulls(n: u64) -> Vec<u8> {
    let mut out = vec![0];
    uleb(&mut out, n);
    out
}

/// A boolean column: `n` times false.
fn falses(n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    uleb(&mut out, n);
    out
}

fn notes(out: &mut Vec<u8>) {
    uleb(out, 5);
    out.extend_from_slice(b"notes");
}

fn set(out: &mut Vec<u8>) {
    uleb(out, 1);
}

fn null(out: &mut Vec<u8>) {
    uleb(out, 0);
}

/// Column specifications (`id << 4 | type`) and data, in order.
type Columns = Vec<(u64, Vec<u8>)>;

/// Appends the column specifications and then their data.
fn columns(body: &mut Vec<u8>, columns: &Columns) {
    uleb(body, columns.len() as u64);
    for (spec, data) in columns {
        uleb(body, *spec);
        uleb(body, data.len() as u64);
    }
    for (_, data) in columns {
        body.extend_from_slice(data);
    }
}

/// A chunk of `kind` around `body`, its checksum zero.
fn chunk(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, kind];
    uleb(&mut out, body.len() as u64);
    out.extend_from_slice(body);
    out
}

/// A change chunk by `actor` (its first change) declaring `n` operations laid out as
/// `shape`: a few dozen bytes whatever `n`.
pub fn change(actor: &[u8], n: u64, shape: Shape) -> Vec<u8> {
    let n = n.max(1);
    let cols: Columns = match shape {
        Shape::Writes => vec![
            (0x15, run(n, notes)),
            (0x34, falses(n)),
            (0x42, run(n, set)),
            (0x56, run(n, null)),
            (0x70, run(n, null)),
        ],
        Shape::Preds => vec![
            (0x15, run(1, notes)),
            (0x34, falses(1)),
            (0x42, run(1, set)),
            (0x56, run(1, null)),
            (0x70, run(1, |out| uleb(out, n))),
            // Predecessors 1, 2, 3, ... of this actor (delta 1 each).
            (0x71, run(n, null)),
            (0x73, run(n, |out| sleb(out, 1))),
        ],
        Shape::NullActions => vec![
            (0x15, run(1, notes)),
            (0x34, falses(1)),
            (0x42, nulls(n)),
            (0x56, run(1, null)),
            (0x70, run(1, null)),
        ],
        Shape::Inserts => {
            let n = n.max(2);
            let mut keys = Vec::new();
            sleb(&mut keys, -1);
            notes(&mut keys);
            keys.extend(nulls(n - 1));
            let mut inserts = Vec::new();
            uleb(&mut inserts, 1); // the list: not inserted
            uleb(&mut inserts, n - 1); // its elements: inserted
            let mut actions = Vec::new();
            sleb(&mut actions, -1);
            uleb(&mut actions, 2); // make a list
            actions.extend(run(n - 1, set));
            vec![
                // Object: the root, then the list (operation 1 of actor 0).
                (0x01, [nulls(1), run(n - 1, null)].concat()),
                (0x02, [nulls(1), run(n - 1, |out| uleb(out, 1))].concat()),
                // Key: `notes`, then the list's head (no actor, counter 0).
                (0x11, nulls(n)),
                (0x13, [nulls(1), run(n - 1, |out| sleb(out, 0))].concat()),
                (0x15, keys),
                (0x34, inserts),
                (0x42, actions),
                (0x56, run(n, null)),
                (0x70, run(n, null)),
            ]
        }
        Shape::NullKeys => {
            let mut keys = Vec::new();
            sleb(&mut keys, -1);
            notes(&mut keys);
            keys.extend(nulls(n - 1));
            vec![
                (0x15, keys),
                (0x34, falses(n)),
                (0x42, run(n, set)),
                (0x56, run(n, null)),
                (0x70, run(n, null)),
            ]
        }
    };
    // A predecessor's counter is below the operation's.
    let start_op = if shape == Shape::Preds { n + 1 } else { 1 };
    let mut body = Vec::new();
    uleb(&mut body, 0); // dependencies
    uleb(&mut body, actor.len() as u64);
    body.extend_from_slice(actor);
    uleb(&mut body, 1); // seq
    uleb(&mut body, start_op);
    sleb(&mut body, 0); // time
    uleb(&mut body, 0); // message
    uleb(&mut body, 0); // other actors
    columns(&mut body, &cols);
    chunk(1, &body)
}

/// A document chunk naming only `actor`, whose one change holds `n` writes of null to
/// `notes` (op columns one run of `n` each), all of them live: what a snapshot or a
/// saved record body would be. Automerge loads it (without checking its head, which is
/// not the change's hash: `RecordDoc::load_local` does not).
pub fn document(actor: &[u8], n: u64) -> Vec<u8> {
    document_with(actor, n, vec![(0x40, run(1, null))], false)
}

/// A document chunk as [`document`] whose operations are all flagged as inserted
/// (none of them a live map value), as a text's characters are: for the framing only.
pub fn inserts_document(actor: &[u8], n: u64) -> Vec<u8> {
    document_with(actor, n, vec![(0x40, run(1, null))], true)
}

/// How [`dangling`] points past a document's changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dangling {
    /// Its one change depends on the document's sixth change.
    Dependency,
    /// Its dependency column counts dependencies for two changes.
    Groups,
}

/// A document of three writes whose table of changes points past its one change, as
/// `how` says: Automerge 0.12 indexes with it unchecked and panics.
pub fn dangling(actor: &[u8], how: Dangling) -> Vec<u8> {
    let deps = match how {
        Dangling::Dependency => vec![
            (0x40, run(1, |out| uleb(out, 1))),
            (0x43, run(1, |out| sleb(out, 5))),
        ],
        Dangling::Groups => vec![(0x40, run(2, null))],
    };
    document_with(actor, 3, deps, false)
}

/// A document as [`document`], its dependency columns `deps`, its operations flagged
/// as `inserted` or not.
fn document_with(actor: &[u8], n: u64, deps: Columns, inserted: bool) -> Vec<u8> {
    let n = n.max(1);
    let mut changes: Columns = vec![
        (0x01, run(1, null)),                      // actor
        (0x03, run(1, |out| sleb(out, 1))),        // seq
        (0x13, run(1, |out| sleb(out, n as i64))), // max op
        (0x23, run(1, |out| sleb(out, 0))),        // time
        (0x35, nulls(1)),                          // message
    ];
    changes.extend(deps); // dependencies: how many, which
    changes.push((0x56, run(1, null))); // extra bytes
    let ops: Columns = vec![
        (0x15, run(n, notes)),              // key
        (0x21, run(n, null)),               // id: actor 0
        (0x23, run(n, |out| sleb(out, 1))), // id: counters 1, 2, ...
        (
            0x34,
            if inserted {
                [vec![0], falses(n)].concat()
            } else {
                falses(n)
            },
        ), // insert
        (0x42, run(n, set)),                // action
        (0x56, run(n, null)),               // value: null
        (0x80, run(n, null)),               // no successors
    ];
    let mut body = Vec::new();
    uleb(&mut body, 1);
    uleb(&mut body, actor.len() as u64);
    body.extend_from_slice(actor);
    uleb(&mut body, 1);
    body.extend_from_slice(&[0; 32]); // the head (not its hash: refused before it counts)
    for cols in [&changes, &ops] {
        uleb(&mut body, cols.len() as u64);
        for (spec, data) in cols.iter() {
            uleb(&mut body, *spec);
            uleb(&mut body, data.len() as u64);
        }
    }
    for (_, data) in changes.iter().chain(&ops) {
        body.extend_from_slice(data);
    }
    uleb(&mut body, 0); // head index
    chunk(0, &body)
}

/// `chunk` with its checksum: the first four bytes of the SHA-256 of its type, length
/// and body.
pub fn checksummed(mut chunk: Vec<u8>, sha256: impl Fn(&[u8]) -> [u8; 32]) -> Vec<u8> {
    let hash = sha256(&chunk[8..]);
    chunk[4..8].copy_from_slice(&hash[..4]);
    chunk
}

/// A change chunk (type 1) as a compressed change (type 2): its body raw-DEFLATEd,
/// its checksum kept (Automerge checks the inflated change's).
pub fn compressed(change: &[u8]) -> Vec<u8> {
    let mut at = 9;
    let mut len = 0u64;
    let mut shift = 0;
    loop {
        let byte = change[at];
        at += 1;
        len |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            break;
        }
    }
    let body = &change[at..at + len as usize];
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).unwrap();
    let deflated = encoder.finish().unwrap();
    let mut out = change[..8].to_vec();
    out.push(2);
    uleb(&mut out, deflated.len() as u64);
    out.extend_from_slice(&deflated);
    out
}

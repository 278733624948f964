//! The framing of Automerge's binary format, read without Automerge: what bytes from
//! another device cost once inflated, how many operations they make Automerge build,
//! and which actors wrote them, known before Automerge parses them.
//!
//! Automerge inflates DEFLATE-compressed parts whole, with no limit: a change of a
//! few kilobytes can inflate to gigabytes. And its columns are run-length encoded: a
//! change of 73 bytes can declare ten million operations, each of which Automerge
//! builds in memory when it applies the change (some 500 bytes each, whatever the
//! operation) before anything can look at what they do. Every input is therefore read
//! here first, in one pass: its compressed parts inflated in a small buffer and
//! counted against [`MAX_INFLATED`], and the rows of every column counted from its run
//! lengths (without expanding a run) against [`MAX_CHANGE_OPS`] for a change and
//! [`MAX_RECORD_OPS`] for a document and for the whole input; past a limit it is
//! refused with [`DocError::TooLarge`]. Map values that nothing precedes (in a
//! change) or replaced (in a document) are counted too, against [`MAX_LIVE_VALUES`]:
//! every one of them is a value Automerge shows, and thousands of them at one field
//! (a conflict) cost far more to read than text. Only the two columns that tell them
//! are held whole (inflated if compressed), to walk them side by side. The actors a chunk names, and the
//! changes a change depends on, are held to [`MAX_ACTORS`], and every actor a column
//! refers to must be one the chunk names, every change a document's dependencies
//! point at one it holds ([`DocError::Corrupt`] otherwise): Automerge indexes tables
//! with them unchecked.
//!
//! The format (<https://alexjg.github.io/automerge-storage-docs/>) is a sequence of
//! chunks, each `magic (85 6f 4a 83) ‖ checksum (4) ‖ type (1) ‖ LEB128 length ‖
//! body`:
//!
//! | type | body | compressed parts |
//! |---|---|---|
//! | 0 document | actors, heads, change and op column specs, column data, head indices | each column whose spec has the DEFLATE bit (`0x08`) |
//! | 1 change | deps, actor, seq, start op, time, message, other actors, op column specs, column data, extra bytes | none (Automerge refuses compressed columns in a change) |
//! | 2 compressed change | a change body, DEFLATE-compressed whole | the whole body |
//! | 3 bundle | several changes, columns | refused here: no Ponte device writes one |
//!
//! A column's specification is `id << 4 | deflate << 3 | type`, and its type says how
//! its rows are encoded:
//!
//! | type | encoding | rows |
//! |---|---|---|
//! | 0 group, 1 actor, 2 integer, 6 value metadata | run-length, LEB128 values | the runs' lengths |
//! | 3 delta integer | run-length, signed LEB128 values | the same |
//! | 5 string | run-length, length-prefixed UTF-8 values | the same |
//! | 4 boolean | lengths of alternating runs of false and true | their sum |
//! | 7 value | raw bytes (value metadata gives their lengths) | none |
//!
//! A run-length column is a sequence of `signed LEB128 n` then: one value repeated
//! `n` times (`n > 0`), `-n` values (`n < 0`), or, for `n = 0`, an unsigned LEB128
//! count of nulls.
//!
//! What Automerge builds grows with these rows: the operations of a change are the
//! rows of its columns (the action column's, the others read in step), a
//! predecessor or successor list is one row of the group column's sub-columns per
//! entry, a document's changes and dependencies are the rows of its change columns.
//! Bounding every column bounds them all. A live map value is a row whose insert flag
//! (column 3, boolean) is false and whose predecessors (a change's column 7) or
//! successors (a document's column 8) number 0, found by walking the two columns'
//! runs side by side.

use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;

use crate::DocError;

/// The most bytes an input to Automerge (a saved document, or a batch of changes) may
/// amount to once every compressed part is inflated: 16 MiB. A record holding
/// everything docs/records.md allows, with a long history, is far below it.
pub const MAX_INFLATED: usize = 16 * 1024 * 1024;

/// The most operations one change may hold (more exactly: the most rows any column of
/// a change chunk may hold), and the most a device merges at once: 250,000. One edit
/// writes a few operations a field and one a character of free text: the longest
/// free text (20,000 characters) written whole is 20,000, twelve of them at once
/// 240,000. Applying a change at this limit takes some 110 MB while it applies and
/// up to a second; ten million, which 73 bytes can declare, would take gigabytes (a
/// device with 3 GB aborted).
pub const MAX_CHANGE_OPS: usize = 250_000;

/// The most operations a record's document may hold (the most rows any column of a
/// document chunk may hold), and the most an input may bring in all (summed over its
/// chunks): 2,500,000. Every character ever typed into a record's free text stays an
/// operation of its document (deleted ones too): a person with a hundred encounters
/// whose notes are all at their longest holds 2,000,000. Opening a record at this
/// limit takes some 2 s and 250 MB.
pub const MAX_RECORD_OPS: usize = 2_500_000;

/// The most live map values a document may hold (values of fields nothing replaced,
/// conflicting ones included), and the most new ones an input may bring: 100,000.
/// A record shows a few hundred fields, a few thousand with every entry of a long
/// history. Opening a record showing this many values of one field, and reading it,
/// takes some 0.1 s and 60 MB.
pub const MAX_LIVE_VALUES: usize = 100_000;

/// The most actors (devices that wrote it) a document or a change may name, and the
/// most changes a change may depend on (at most one head an actor): 10,000, ten times
/// the devices a roster may list.
pub const MAX_ACTORS: usize = 10_000;

/// The most columns a chunk may specify: Automerge writes 16 at most.
const MAX_COLUMNS: usize = 64;

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];

/// Bytes of a change hash (a dependency or a head).
const HASH_LEN: usize = 32;

/// Bit of a column specification saying its data is DEFLATE-compressed.
const DEFLATE_BIT: u64 = 0b1000;

/// Specifications of a document's change columns: each change's actor, how many
/// changes it depends on, and which (indexes into the document's changes).
const CHANGE_ACTOR: u64 = 0x01;
const DEPS_COUNT: u64 = 0x40;
const DEPS_INDEX: u64 = 0x43;

/// Specifications of operation columns: whether an operation inserts into a text or
/// a list, its action, how many operations it replaces (a change's predecessors) or
/// replaced it (a document's successors).
const INSERT: u64 = 0x34;
const ACTION: u64 = 0x42;
const PREDECESSORS: u64 = 0x70;
const SUCCESSORS: u64 = 0x80;

/// Column types (the low three bits of a specification).
const ACTOR: u64 = 1;
const DELTA: u64 = 3;
const BOOLEAN: u64 = 4;
const STRING: u64 = 5;
const VALUE: u64 = 7;

/// What a chunk, or several, declare.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Declared {
    /// The operations they make Automerge build: for each chunk the most rows one of
    /// its columns holds, a change's dependencies if more, and at least 1; summed.
    pub(crate) ops: usize,
    /// The live map values they hold (a document) or bring (a change); summed.
    pub(crate) live: usize,
}

impl Declared {
    fn add(&mut self, other: Declared) -> Result<(), DocError> {
        self.ops = self
            .ops
            .checked_add(other.ops)
            .filter(|&ops| ops <= MAX_RECORD_OPS)
            .ok_or(DocError::TooLarge)?;
        self.live = self
            .live
            .checked_add(other.live)
            .filter(|&live| live <= MAX_LIVE_VALUES)
            .ok_or(DocError::TooLarge)?;
        Ok(())
    }
}

/// What the framing of Automerge bytes says.
#[derive(Debug, Default)]
pub(crate) struct Framing {
    /// Their size with every compressed part inflated (at most [`MAX_INFLATED`]);
    /// the tests compare it with what Automerge writes uncompressed.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) inflated: usize,
    /// What their change chunks declare.
    pub(crate) changes: Declared,
    /// What their document chunks declare.
    pub(crate) documents: Declared,
    /// The most operations one of their document chunks declares.
    pub(crate) largest_document: usize,
    /// The actors whose changes they may hold: each change's actor, and every actor
    /// a document names.
    pub(crate) authors: Vec<Vec<u8>>,
    /// Where each chunk is, whole (header included), in order.
    pub(crate) chunks: Vec<Chunk>,
}

impl Framing {
    /// What all their chunks declare.
    pub(crate) fn declared(&self) -> Declared {
        Declared {
            ops: self.changes.ops + self.documents.ops,
            live: self.changes.live + self.documents.live,
        }
    }
}

/// One chunk of the input.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// A document (else a change, compressed or not).
    pub(crate) document: bool,
    /// Its bytes in the input, header included.
    pub(crate) range: Range<usize>,
}

/// Reads the framing of `bytes`: [`DocError::Corrupt`] if they are not a sequence of
/// document and change chunks, [`DocError::TooLarge`] if they inflate past
/// [`MAX_INFLATED`] or declare more operations, live values, actors or dependencies
/// than the limits.
pub(crate) fn read(bytes: &[u8]) -> Result<Framing, DocError> {
    let mut budget = Budget::new(bytes.len())?;
    let mut framing = Framing::default();
    let mut all = Declared::default();
    let mut input = Input(bytes);
    while !input.0.is_empty() {
        let start = bytes.len() - input.0.len();
        if input.take(MAGIC.len())? != MAGIC {
            return Err(DocError::Corrupt);
        }
        input.take(4)?; // checksum
        let kind = input.take(1)?;
        let len = input.len()?;
        let body = input.take(len)?;
        let declared = match kind {
            [0] => {
                let declared = document(body, &mut budget, &mut framing.authors)?;
                framing.documents.add(declared)?;
                framing.largest_document = framing.largest_document.max(declared.ops);
                declared
            }
            [1] => {
                let declared = change(&mut Input(body), &mut framing.authors)?;
                framing.changes.add(declared)?;
                declared
            }
            [2] => {
                budget.refund(body.len());
                let mut inflating = Inflating::new(body, &mut budget);
                let declared = change(&mut inflating, &mut framing.authors)?;
                // Whatever follows the columns is inflated and counted too.
                inflating.skip_rest()?;
                framing.changes.add(declared)?;
                declared
            }
            _ => return Err(DocError::Corrupt),
        };
        all.add(declared)?;
        framing.chunks.push(Chunk {
            document: kind == [0],
            range: start..bytes.len() - input.0.len(),
        });
    }
    framing.inflated = budget.spent;
    Ok(framing)
}

/// A document chunk's body: its actors are noted, its columns counted (compressed
/// ones inflated first), its dependencies checked.
fn document(
    body: &[u8],
    budget: &mut Budget,
    authors: &mut Vec<Vec<u8>>,
) -> Result<Declared, DocError> {
    let mut input = Input(body);
    let actors = count(&mut input, MAX_ACTORS)?;
    for _ in 0..actors {
        let len = input.len()?;
        authors.push(input.take(len)?.to_vec());
    }
    let heads = count(&mut input, MAX_ACTORS)?;
    input.take(heads.checked_mul(HASH_LEN).ok_or(DocError::Corrupt)?)?;
    let change_columns = columns(&mut input)?;
    let op_columns = columns(&mut input)?;
    let of_changes = change_columns.len();
    let mut most = 1;
    let mut ops = 0;
    // The document's changes (one row each in its actor column), and where their
    // dependencies point: Automerge 0.12 indexes its table of changes with both
    // unchecked, and panics on a document that points past it.
    let (mut changes, mut with_deps, mut deps) = (0, 0, None);
    let (mut inserts, mut successors) = (None, None);
    for (i, (spec, len)) in change_columns.into_iter().chain(op_columns).enumerate() {
        let raw = input.take(len)?;
        let deflated = spec & DEFLATE_BIT != 0;
        let walked = i >= of_changes && matches!(spec & !DEFLATE_BIT, INSERT | SUCCESSORS);
        // The two columns walked side by side are kept (inflated if need be); the
        // others are read as they are inflated, in a small buffer.
        let kept = match (deflated, walked) {
            (false, _) => Some(Cow::Borrowed(raw)),
            (true, true) => {
                budget.refund(len);
                Some(Cow::Owned(inflate(raw, budget)?))
            }
            (true, false) => None,
        };
        let counted = match &kept {
            Some(data) => rows(spec, &mut Input(data), MAX_RECORD_OPS, actors)?,
            None => {
                budget.refund(len);
                let mut inflating = Inflating::new(raw, budget);
                rows(spec, &mut inflating, MAX_RECORD_OPS, actors)?
            }
        };
        most = most.max(counted.rows);
        match (i < of_changes, spec & !DEFLATE_BIT) {
            (true, CHANGE_ACTOR) => changes = counted.rows,
            (true, DEPS_COUNT) => with_deps = counted.rows,
            (true, DEPS_INDEX) => deps = counted.values,
            (true, _) => {}
            (false, spec) => {
                ops = ops.max(counted.rows);
                match spec {
                    INSERT => inserts = kept,
                    SUCCESSORS => successors = kept,
                    _ => {}
                }
            }
        }
    }
    let within = |index: i128| usize::try_from(index).is_ok_and(|i| i < changes);
    if with_deps > changes || deps.is_some_and(|(low, high)| !within(low) || !within(high)) {
        return Err(DocError::Corrupt);
    }
    Ok(Declared {
        ops: most,
        live: live(inserts.as_deref(), successors.as_deref(), ops)?,
    })
}

/// A change's body, from `source`: `deps ‖ actor ‖ seq ‖ start op ‖ time ‖ message ‖
/// other actors ‖ column specs ‖ column data ‖ extra bytes`. Its actor is noted and
/// its columns counted (up to the extra bytes, left in `source`); only the two columns
/// walked side by side are kept. Its operations are the most rows a column holds, or
/// its dependencies if more (a document holds them as rows), and at least 1 (a
/// document holds a row for each change).
fn change(source: &mut impl Source, authors: &mut Vec<Vec<u8>>) -> Result<Declared, DocError> {
    let deps = count(source, MAX_ACTORS)?;
    source.skip(deps.checked_mul(HASH_LEN).ok_or(DocError::Corrupt)?)?;
    let len = source.len()?;
    authors.push(source.take_vec(len)?);
    source.uleb()?; // seq
    source.uleb()?; // start op
    source.sleb()?; // time
    let message = source.len()?;
    source.skip(message)?;
    let others = count(source, MAX_ACTORS - 1)?;
    for _ in 0..others {
        let len = source.len()?;
        source.skip(len)?;
    }
    let columns = columns(source)?;
    let mut most = deps.max(1);
    let (mut ops, mut inserts, mut predecessors) = (0, None, None);
    for (spec, len) in columns {
        if spec & DEFLATE_BIT != 0 {
            return Err(DocError::Corrupt);
        }
        let counted = if matches!(spec, INSERT | PREDECESSORS) {
            let data = source.take_vec(len)?;
            let counted = rows(spec, &mut Input(&data), MAX_CHANGE_OPS, 1 + others)?;
            if spec == INSERT {
                inserts = Some(data);
            } else {
                predecessors = Some(data);
            }
            counted
        } else {
            let mut data = Limited {
                source: &mut *source,
                left: len,
            };
            rows(spec, &mut data, MAX_CHANGE_OPS, 1 + others)?
        };
        most = most.max(counted.rows);
        if spec == ACTION {
            ops = counted.rows;
        }
    }
    Ok(Declared {
        ops: most,
        live: live(inserts.as_deref(), predecessors.as_deref(), ops)?,
    })
}

/// Of the first `ops` rows, those whose insert flag (`inserts`, a boolean column) is
/// false and whose count (`counts`, a group column) is 0: live map values. A column
/// shorter than `ops` (or absent) reads as false, or 0, past its end, as Automerge
/// fills it. Walks the runs of both side by side, never a row at a time.
fn live(inserts: Option<&[u8]>, counts: Option<&[u8]>, ops: usize) -> Result<usize, DocError> {
    let mut flags = Flags {
        input: Input(inserts.unwrap_or_default()),
        next: false,
    };
    let mut counts = Counts {
        input: Input(counts.unwrap_or_default()),
        literal: 0,
    };
    let (mut flag, mut flagged) = (false, 0usize);
    let (mut count, mut counted) = (0u64, 0usize);
    let (mut left, mut live) = (ops, 0usize);
    while left > 0 {
        if flagged == 0 {
            (flagged, flag) = flags.run()?;
            continue;
        }
        if counted == 0 {
            (counted, count) = counts.run()?;
            continue;
        }
        let k = flagged.min(counted).min(left);
        if !flag && count == 0 {
            live += k;
            if live > MAX_LIVE_VALUES {
                return Err(DocError::TooLarge);
            }
        }
        flagged -= k;
        counted -= k;
        left -= k;
    }
    Ok(live)
}

/// The runs of a boolean column, false first; past its end, false for ever.
struct Flags<'a> {
    input: Input<'a>,
    next: bool,
}

impl Flags<'_> {
    fn run(&mut self) -> Result<(usize, bool), DocError> {
        if self.input.0.is_empty() {
            return Ok((usize::MAX, false));
        }
        let len = self.input.len()?;
        let value = self.next;
        self.next = !value;
        Ok((len, value))
    }
}

/// The runs of a group column (one row a value of a literal run, a null read as 0);
/// past its end, 0 for ever.
struct Counts<'a> {
    input: Input<'a>,
    /// Values of a literal run still to read.
    literal: u64,
}

impl Counts<'_> {
    fn run(&mut self) -> Result<(usize, u64), DocError> {
        if self.literal > 0 {
            self.literal -= 1;
            return Ok((1, self.input.uleb()?));
        }
        if self.input.0.is_empty() {
            return Ok((usize::MAX, 0));
        }
        let n = self.input.sleb()?;
        let len = |n: u64| usize::try_from(n).map_err(|_| DocError::TooLarge);
        if n > 0 {
            Ok((len(n.unsigned_abs())?, self.input.uleb()?))
        } else if n < 0 {
            self.literal = n.unsigned_abs() - 1;
            Ok((1, self.input.uleb()?))
        } else {
            Ok((len(self.input.uleb()?)?, 0))
        }
    }
}

/// A count of things that follow (actors, heads, dependencies): more than `max` is
/// [`DocError::TooLarge`].
fn count(source: &mut impl Source, max: usize) -> Result<usize, DocError> {
    let n = source.len()?;
    if n > max {
        return Err(DocError::TooLarge);
    }
    Ok(n)
}

/// Column specifications and their data's lengths.
fn columns(source: &mut impl Source) -> Result<Vec<(u64, usize)>, DocError> {
    let n = source.len()?;
    if n > MAX_COLUMNS {
        return Err(DocError::Corrupt);
    }
    let mut columns = Vec::with_capacity(n);
    for _ in 0..n {
        let spec = source.uleb()?;
        if spec > u64::from(u32::MAX) {
            return Err(DocError::Corrupt);
        }
        columns.push((spec, source.len()?));
    }
    Ok(columns)
}

/// Raw DEFLATE data inflated whole, every inflated byte counted against `budget`
/// (refused as soon as it runs out, so what is held is at most [`MAX_INFLATED`]).
fn inflate(data: &[u8], budget: &mut Budget) -> Result<Vec<u8>, DocError> {
    let mut inflating = Inflating::new(data, budget);
    let mut out = Vec::new();
    loop {
        let ready = inflating.peek()?;
        if ready.is_empty() {
            return Ok(out);
        }
        out.extend_from_slice(ready);
        let n = ready.len();
        inflating.consume(n);
    }
}

/// What a column's data holds.
#[derive(Debug, Default, PartialEq)]
struct Counted {
    /// Its rows.
    rows: usize,
    /// For a delta column, the least and the greatest value it decodes to (the
    /// running sums of its deltas); `None` if it holds no value.
    values: Option<(i128, i128)>,
}

impl Counted {
    fn saw(&mut self, value: i128) {
        let (low, high) = self.values.unwrap_or((value, value));
        self.values = Some((low.min(value), high.max(value)));
    }
}

/// The rows of a column of specification `spec` whose data is all of `data` (see the
/// module's table), refused past `max` as soon as a run's length says so, without
/// expanding any run. An actor value must index one of the chunk's `actors`.
fn rows(spec: u64, data: &mut impl Source, max: usize, actors: usize) -> Result<Counted, DocError> {
    let kind = spec & 0b111;
    let mut counted = Counted::default();
    // The running sum of a delta column.
    let mut sum = 0i128;
    match kind {
        VALUE => data.skip_rest()?,
        BOOLEAN => {
            while !data.at_end()? {
                grow(&mut counted.rows, data.uleb()?, max)?;
            }
        }
        _ => {
            while !data.at_end()? {
                let n = data.sleb()?;
                if n > 0 {
                    grow(&mut counted.rows, n.unsigned_abs(), max)?;
                    if let Some(delta) = value(kind, data, actors)? {
                        // n copies of one delta: the sums move from first to last.
                        counted.saw(sum + delta);
                        sum += delta * i128::from(n);
                        counted.saw(sum);
                    }
                } else if n < 0 {
                    grow(&mut counted.rows, n.unsigned_abs(), max)?;
                    for _ in 0..n.unsigned_abs() {
                        if let Some(delta) = value(kind, data, actors)? {
                            sum += delta;
                            counted.saw(sum);
                        }
                    }
                } else {
                    grow(&mut counted.rows, data.uleb()?, max)?;
                }
            }
        }
    }
    Ok(counted)
}

/// Adds `n` rows to `rows` (at most `max`): [`DocError::TooLarge`] past `max`.
fn grow(rows: &mut usize, n: u64, max: usize) -> Result<(), DocError> {
    let room = max.saturating_sub(*rows);
    match usize::try_from(n) {
        Ok(n) if n <= room => {
            *rows += n;
            Ok(())
        }
        _ => Err(DocError::TooLarge),
    }
}

/// Reads past one value of a run-length column of type `kind`; a delta's value.
fn value(kind: u64, data: &mut impl Source, actors: usize) -> Result<Option<i128>, DocError> {
    match kind {
        DELTA => return Ok(Some(i128::from(data.sleb()?))),
        STRING => {
            let len = data.len()?;
            data.skip(len)?;
        }
        ACTOR => {
            let index = data.uleb()?;
            if usize::try_from(index).ok().is_none_or(|i| i >= actors) {
                return Err(DocError::Corrupt);
            }
        }
        _ => {
            data.uleb()?;
        }
    }
    Ok(None)
}

/// What an input may still amount to.
struct Budget {
    spent: usize,
}

impl Budget {
    /// A budget with the input's own `len` bytes spent.
    fn new(len: usize) -> Result<Self, DocError> {
        let mut budget = Budget { spent: 0 };
        budget.spend(len)?;
        Ok(budget)
    }

    fn spend(&mut self, n: usize) -> Result<(), DocError> {
        self.spent = self
            .spent
            .checked_add(n)
            .filter(|&spent| spent <= MAX_INFLATED)
            .ok_or(DocError::TooLarge)?;
        Ok(())
    }

    /// Gives back bytes counted as they are (compressed), before counting them inflated.
    fn refund(&mut self, n: usize) {
        self.spent = self.spent.saturating_sub(n);
    }
}

/// Bytes read one after the other, from memory or as they are inflated.
trait Source {
    /// What can be read next without waiting: empty at the end.
    fn peek(&mut self) -> Result<&[u8], DocError>;

    /// Moves past `n` bytes of what [`Source::peek`] gave.
    fn consume(&mut self, n: usize);

    fn at_end(&mut self) -> Result<bool, DocError> {
        Ok(self.peek()?.is_empty())
    }

    fn byte(&mut self) -> Result<u8, DocError> {
        let byte = *self.peek()?.first().ok_or(DocError::Corrupt)?;
        self.consume(1);
        Ok(byte)
    }

    /// Moves past `n` bytes: [`DocError::Corrupt`] if fewer are left.
    fn skip(&mut self, mut n: usize) -> Result<(), DocError> {
        while n > 0 {
            let ready = self.peek()?.len();
            if ready == 0 {
                return Err(DocError::Corrupt);
            }
            let k = ready.min(n);
            self.consume(k);
            n -= k;
        }
        Ok(())
    }

    /// Moves to the end.
    fn skip_rest(&mut self) -> Result<(), DocError> {
        loop {
            let ready = self.peek()?.len();
            if ready == 0 {
                return Ok(());
            }
            self.consume(ready);
        }
    }

    /// The next `n` bytes, copied as they come (a length read from the input reserves
    /// nothing): [`DocError::Corrupt`] if fewer are left.
    fn take_vec(&mut self, mut n: usize) -> Result<Vec<u8>, DocError> {
        let mut out = Vec::new();
        while n > 0 {
            let ready = self.peek()?;
            if ready.is_empty() {
                return Err(DocError::Corrupt);
            }
            let k = ready.len().min(n);
            out.extend_from_slice(ready.get(..k).unwrap_or_default());
            self.consume(k);
            n -= k;
        }
        Ok(out)
    }

    /// An unsigned LEB128 number of at most 64 bits.
    fn uleb(&mut self) -> Result<u64, DocError> {
        let mut value = 0u64;
        let mut shift = 0;
        while shift < 64 {
            let byte = self.byte()?;
            let low = u64::from(byte & 0x7f);
            if shift == 63 && low > 1 {
                return Err(DocError::Corrupt);
            }
            value |= low << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
            shift += 7;
        }
        Err(DocError::Corrupt)
    }

    /// A signed LEB128 number of at most 64 bits.
    fn sleb(&mut self) -> Result<i64, DocError> {
        let mut value = 0i64;
        let mut shift = 0;
        while shift < 64 {
            let byte = self.byte()?;
            // The tenth byte holds the sign bit only: all zeros or all ones.
            if shift == 63 && byte != 0 && byte != 0x7f {
                return Err(DocError::Corrupt);
            }
            value |= i64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                if shift < 57 && byte & 0x40 != 0 {
                    value |= -1i64 << (shift + 7);
                }
                return Ok(value);
            }
            shift += 7;
        }
        Err(DocError::Corrupt)
    }

    /// A length or a count.
    fn len(&mut self) -> Result<usize, DocError> {
        usize::try_from(self.uleb()?).map_err(|_| DocError::Corrupt)
    }
}

/// Bytes in memory not yet read.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DocError> {
        let (head, rest) = self.0.split_at_checked(n).ok_or(DocError::Corrupt)?;
        self.0 = rest;
        Ok(head)
    }
}

impl Source for Input<'_> {
    fn peek(&mut self) -> Result<&[u8], DocError> {
        Ok(self.0)
    }

    fn consume(&mut self, n: usize) {
        self.0 = self.0.get(n..).unwrap_or_default();
    }

    // What a column's rows are read with, byte by byte: kept short for unoptimised
    // builds, where a 16 MiB column is read in a fraction of a second.
    fn at_end(&mut self) -> Result<bool, DocError> {
        Ok(self.0.is_empty())
    }

    fn byte(&mut self) -> Result<u8, DocError> {
        let (&byte, rest) = self.0.split_first().ok_or(DocError::Corrupt)?;
        self.0 = rest;
        Ok(byte)
    }
}

/// The next `left` bytes of another source (a column's data inside a change).
struct Limited<'s, S> {
    source: &'s mut S,
    left: usize,
}

impl<S: Source> Source for Limited<'_, S> {
    fn peek(&mut self) -> Result<&[u8], DocError> {
        let left = self.left;
        let ready = self.source.peek()?;
        Ok(ready.get(..left.min(ready.len())).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.left);
        self.source.consume(n);
        self.left -= n;
    }

    fn at_end(&mut self) -> Result<bool, DocError> {
        Ok(self.left == 0 || self.source.at_end()?)
    }

    fn byte(&mut self) -> Result<u8, DocError> {
        if self.left == 0 {
            return Err(DocError::Corrupt);
        }
        let byte = self.source.byte()?;
        self.left -= 1;
        Ok(byte)
    }
}

/// Raw DEFLATE data inflated as it is read, in a small buffer, every inflated byte
/// counted against a [`Budget`] (refused as soon as it runs out).
struct Inflating<'a, 'b> {
    decoder: flate2::bufread::DeflateDecoder<&'a [u8]>,
    budget: &'b mut Budget,
    buf: Box<[u8; 8192]>,
    ready: Range<usize>,
}

impl<'a, 'b> Inflating<'a, 'b> {
    fn new(data: &'a [u8], budget: &'b mut Budget) -> Self {
        Inflating {
            decoder: flate2::bufread::DeflateDecoder::new(data),
            budget,
            buf: Box::new([0; 8192]),
            ready: 0..0,
        }
    }
}

impl Source for Inflating<'_, '_> {
    fn peek(&mut self) -> Result<&[u8], DocError> {
        if self.ready.is_empty() {
            let n = self
                .decoder
                .read(self.buf.as_mut_slice())
                .map_err(|_| DocError::Corrupt)?;
            self.budget.spend(n)?;
            self.ready = 0..n;
        }
        Ok(self.buf.get(self.ready.clone()).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        self.ready.start = self.ready.start.saturating_add(n).min(self.ready.end);
    }

    fn at_end(&mut self) -> Result<bool, DocError> {
        Ok(self.ready.is_empty() && self.peek()?.is_empty())
    }

    fn byte(&mut self) -> Result<u8, DocError> {
        if self.ready.is_empty() && self.peek()?.is_empty() {
            return Err(DocError::Corrupt);
        }
        let byte = *self.buf.get(self.ready.start).ok_or(DocError::Corrupt)?;
        self.ready.start += 1;
        Ok(byte)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn leb128_reads_what_it_should_and_refuses_overflow() {
        assert_eq!(Input(&[0x00]).uleb().unwrap(), 0);
        assert_eq!(Input(&[0xe5, 0x8e, 0x26]).uleb().unwrap(), 624_485);
        let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert_eq!(Input(&max).uleb().unwrap(), u64::MAX);
        let over = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
        assert!(Input(&over).uleb().is_err());
        assert!(Input(&[0x80; 11]).uleb().is_err());
        assert!(Input(&[0x80]).uleb().is_err());
    }

    #[test]
    fn signed_leb128_reads_what_it_should_and_refuses_overflow() {
        let check = |bytes: &[u8], expected: i64| {
            assert_eq!(Input(bytes).sleb().unwrap(), expected, "{bytes:x?}");
        };
        check(&[0x00], 0);
        check(&[0x01], 1);
        check(&[0x7f], -1);
        check(&[0x3f], 63);
        check(&[0x40], -64);
        check(&[0xc0, 0x00], 64);
        check(&[0xc0, 0xbb, 0x78], -123_456);
        check(
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f],
            i64::MIN,
        );
        check(
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
            i64::MAX,
        );
        // Every value round-trips through an encoder written independently.
        for n in [5_i64, -5, 1 << 20, -(1 << 40), 10_000_000, i64::MIN + 1] {
            let mut out = Vec::new();
            sleb_encode(&mut out, n);
            check(&out, n);
        }
        let over = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert!(Input(&over).sleb().is_err());
        assert!(Input(&[0x80; 11]).sleb().is_err());
        assert!(Input(&[0xff]).sleb().is_err());
    }

    fn sleb_encode(out: &mut Vec<u8>, mut n: i64) {
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

    /// The rows of a column of type `kind` (no actors) whose data is `data`.
    fn rows_of(kind: u64, data: &[u8]) -> Result<usize, DocError> {
        rows(kind, &mut Input(data), MAX_RECORD_OPS, 0).map(|c| c.rows)
    }

    #[test]
    fn rows_are_counted_from_run_lengths() {
        // Integer: a run of 3, a literal run of 2, a null run of 4.
        assert_eq!(
            rows_of(2, &[0x03, 0x07, 0x7e, 0x01, 0x02, 0x00, 0x04]).unwrap(),
            9
        );
        // Delta: values are signed.
        assert_eq!(rows_of(3, &[0x7e, 0x7f, 0x01, 0x02, 0x01]).unwrap(), 4);
        // String: length-prefixed values.
        assert_eq!(
            rows_of(5, &[0x02, 0x02, b'a', b'b', 0x7f, 0x01, b'c']).unwrap(),
            3
        );
        // Boolean: alternating run lengths.
        assert_eq!(rows_of(4, &[0x02, 0x00, 0x05]).unwrap(), 7);
        // Raw values have no rows.
        assert_eq!(rows_of(7, &[0xff; 10]).unwrap(), 0);
        // A value cut short, a literal run missing values.
        assert!(matches!(
            rows_of(5, &[0x01, 0x05, b'a']),
            Err(DocError::Corrupt)
        ));
        assert!(matches!(rows_of(2, &[0x7d, 0x01]), Err(DocError::Corrupt)));
        // An actor must be one the chunk names.
        assert_eq!(rows(1, &mut Input(&[0x02, 0x01]), 10, 2).unwrap().rows, 2);
        // A delta column's values: 5, then 4 and 3, then 10, 17, 24.
        let counted = rows(3, &mut Input(&[0x7f, 0x05, 0x02, 0x7f, 0x03, 0x07]), 10, 0);
        assert_eq!(counted.unwrap().values, Some((3, 24)));
        assert!(matches!(
            rows(1, &mut Input(&[0x02, 0x02]), 10, 2),
            Err(DocError::Corrupt)
        ));
    }

    #[test]
    fn live_values_are_found_by_walking_two_columns_runs() {
        // Insert flags: 2 false, 3 true, 4 false. Counts: a run of four 0s, a literal
        // run (1, 0), a null run of three (read as 0).
        let flags = [0x02, 0x03, 0x04];
        let counts = [0x04, 0x00, 0x7e, 0x01, 0x00, 0x00, 0x03];
        // Rows 0, 1, 5, 6, 7, 8.
        assert_eq!(live(Some(&flags), Some(&counts), 9).unwrap(), 6);
        // Past their end (or absent), columns read as false and 0.
        assert_eq!(live(None, None, 7).unwrap(), 7);
        assert_eq!(live(Some(&[0x00, 0x05]), None, 8).unwrap(), 3);
        // A run past the limit, without walking it row by row.
        let mut zeros = Vec::new();
        sleb_encode(&mut zeros, MAX_LIVE_VALUES as i64 + 1);
        zeros.push(0x00);
        assert!(matches!(
            live(None, Some(&zeros), usize::MAX),
            Err(DocError::TooLarge)
        ));
        assert_eq!(
            live(None, Some(&zeros), MAX_LIVE_VALUES).unwrap(),
            MAX_LIVE_VALUES
        );
    }

    #[test]
    fn a_run_past_the_limit_is_refused_without_expanding_it() {
        for n in [i64::from(u32::MAX), i64::MAX, i64::MIN] {
            // A run of n, a literal run of -n, a null run of n.
            let mut run = Vec::new();
            sleb_encode(&mut run, n);
            run.push(0x01);
            let mut nulls = vec![0x00];
            let mut count = n.unsigned_abs();
            while count >= 0x80 {
                nulls.push((count & 0x7f) as u8 | 0x80);
                count >>= 7;
            }
            nulls.push(count as u8);
            for data in [run, nulls] {
                assert!(matches!(rows_of(2, &data), Err(DocError::TooLarge)), "{n}");
            }
        }
        let mut limit = Vec::new();
        sleb_encode(&mut limit, MAX_RECORD_OPS as i64);
        limit.push(0x01);
        assert_eq!(rows_of(2, &limit).unwrap(), MAX_RECORD_OPS);
        // Runs that each fit add up past it.
        let twice = [limit.clone(), vec![0x01, 0x02]].concat();
        assert!(matches!(rows_of(2, &twice), Err(DocError::TooLarge)));
    }

    #[test]
    fn garbage_and_bundles_are_refused() {
        assert!(matches!(read(b"not automerge"), Err(DocError::Corrupt)));
        let mut bundle = MAGIC.to_vec();
        bundle.extend([0, 0, 0, 0, 3, 0]);
        assert!(matches!(read(&bundle), Err(DocError::Corrupt)));
        // A length past the end.
        let mut short = MAGIC.to_vec();
        short.extend([0, 0, 0, 0, 1, 5, 0]);
        assert!(matches!(read(&short), Err(DocError::Corrupt)));
        assert_eq!(read(&[]).unwrap().inflated, 0);
    }
}

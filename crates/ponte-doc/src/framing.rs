//! The framing of Automerge's binary format, read without Automerge: what bytes from
//! another device cost once inflated, and which actors wrote them, known before
//! Automerge parses them.
//!
//! Automerge inflates DEFLATE-compressed parts whole, with no limit: a change of a
//! few kilobytes can inflate to gigabytes. Every input is read here first, its
//! compressed parts inflated in a small buffer and counted, and refused with
//! [`DocError::TooLarge`] past [`MAX_INFLATED`].
//!
//! The format (<https://alexjg.github.io/automerge-storage-docs/>) is a sequence of
//! chunks, each `magic (85 6f 4a 83) ‖ checksum (4) ‖ type (1) ‖ LEB128 length ‖
//! body`:
//!
//! | type | body | compressed parts |
//! |---|---|---|
//! | 0 document | actors, heads, change and op column specs, column data, head indices | each column whose spec has the DEFLATE bit (`0x08`) |
//! | 1 change | deps, actor, seq, ops... | none (Automerge refuses compressed columns in a change) |
//! | 2 compressed change | a change body, DEFLATE-compressed whole | the whole body |
//! | 3 bundle | several changes, columns | refused here: no Ponte device writes one |

use std::io::Read;
use std::ops::Range;

use crate::DocError;

/// The most bytes an input to Automerge (a saved document, or a batch of changes) may
/// amount to once every compressed part is inflated: 16 MiB. A record holding
/// everything docs/records.md allows, with a long history, is far below it.
pub const MAX_INFLATED: usize = 16 * 1024 * 1024;

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];

/// Bytes of a change hash (a dependency or a head).
const HASH_LEN: usize = 32;

/// How much of an inflated change body is kept to read its actor from: its
/// dependencies (32 bytes each) and the actor come first.
const CHANGE_PREFIX_MAX: usize = 4096;

/// Bit of a column specification saying its data is DEFLATE-compressed.
const DEFLATE_BIT: u64 = 0b1000;

/// What the framing of Automerge bytes says.
#[derive(Debug, Default)]
pub(crate) struct Framing {
    /// Their size with every compressed part inflated (at most [`MAX_INFLATED`]);
    /// the tests compare it with what Automerge writes uncompressed.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) inflated: usize,
    /// The actors whose changes they may hold: each change's actor, and every actor
    /// a document names.
    pub(crate) authors: Vec<Vec<u8>>,
    /// Where each chunk is, whole (header included), in order.
    pub(crate) chunks: Vec<Chunk>,
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
/// [`MAX_INFLATED`].
pub(crate) fn read(bytes: &[u8]) -> Result<Framing, DocError> {
    let mut budget = Budget::new(bytes.len())?;
    let mut authors = Vec::new();
    let mut chunks = Vec::new();
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
        match kind {
            [0] => document(body, &mut budget, &mut authors)?,
            [1] => authors.push(change_actor(body)?),
            [2] => {
                budget.refund(body.len());
                let mut prefix = Vec::new();
                inflate(body, &mut budget, &mut prefix)?;
                authors.push(change_actor(&prefix)?);
            }
            _ => return Err(DocError::Corrupt),
        }
        chunks.push(Chunk {
            document: kind == [0],
            range: start..bytes.len() - input.0.len(),
        });
    }
    Ok(Framing {
        inflated: budget.spent,
        authors,
        chunks,
    })
}

/// A document chunk's body: its actors are noted, its compressed columns inflated
/// and counted.
fn document(body: &[u8], budget: &mut Budget, authors: &mut Vec<Vec<u8>>) -> Result<(), DocError> {
    let mut input = Input(body);
    for _ in 0..input.len()? {
        let len = input.len()?;
        authors.push(input.take(len)?.to_vec());
    }
    let heads = input.len()?;
    input.take(heads.checked_mul(HASH_LEN).ok_or(DocError::Corrupt)?)?;
    let change_columns = columns(&mut input)?;
    let op_columns = columns(&mut input)?;
    for (deflated, len) in change_columns.into_iter().chain(op_columns) {
        let data = input.take(len)?;
        if deflated {
            budget.refund(len);
            inflate(data, budget, &mut Vec::new())?;
        }
    }
    Ok(())
}

/// Column specifications: whether each column is compressed, and its length.
fn columns(input: &mut Input<'_>) -> Result<Vec<(bool, usize)>, DocError> {
    let mut columns = Vec::new();
    for _ in 0..input.len()? {
        let spec = input.uleb()?;
        if spec > u64::from(u32::MAX) {
            return Err(DocError::Corrupt);
        }
        columns.push((spec & DEFLATE_BIT != 0, input.len()?));
    }
    Ok(columns)
}

/// The actor of a change, from the start of its body: `deps ‖ actor ‖ ...`.
fn change_actor(body: &[u8]) -> Result<Vec<u8>, DocError> {
    let mut input = Input(body);
    let deps = input.len()?;
    input.take(deps.checked_mul(HASH_LEN).ok_or(DocError::Corrupt)?)?;
    let len = input.len()?;
    Ok(input.take(len)?.to_vec())
}

/// Inflates `data` (raw DEFLATE) in a small buffer, counting it against `budget`
/// (refused as soon as it runs out) and keeping its first [`CHANGE_PREFIX_MAX`] bytes
/// in `prefix`.
fn inflate(data: &[u8], budget: &mut Budget, prefix: &mut Vec<u8>) -> Result<(), DocError> {
    let mut decoder = flate2::bufread::DeflateDecoder::new(data);
    let mut buf = [0u8; 8192];
    loop {
        let n = decoder.read(&mut buf).map_err(|_| DocError::Corrupt)?;
        if n == 0 {
            return Ok(());
        }
        budget.spend(n)?;
        let keep = CHANGE_PREFIX_MAX.saturating_sub(prefix.len()).min(n);
        prefix.extend_from_slice(buf.get(..keep).unwrap_or_default());
    }
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

/// Bytes not yet read.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DocError> {
        let (head, rest) = self.0.split_at_checked(n).ok_or(DocError::Corrupt)?;
        self.0 = rest;
        Ok(head)
    }

    /// An unsigned LEB128 number of at most 64 bits.
    fn uleb(&mut self) -> Result<u64, DocError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first().ok_or(DocError::Corrupt)?;
            let low = u64::from(byte & 0x7f);
            if shift == 63 && low > 1 {
                return Err(DocError::Corrupt);
            }
            value |= low << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DocError::Corrupt)
    }

    /// A length or a count.
    fn len(&mut self) -> Result<usize, DocError> {
        usize::try_from(self.uleb()?).map_err(|_| DocError::Corrupt)
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

//! Erasure on the team's behalf: the supervisor's signed tombstone, sealing it for the
//! relay and checking one pulled from it.

use ponte_crypto as crypto;
use ponte_model::Kind;
use rusqlite::Connection;

use super::authority::Authority;
use super::settings::{open_setting, seal_setting};
use super::split_epoch;
use crate::aad::tombstone_aad;
use crate::keys::Keys;
use crate::{RecordId, Result, Store};

/// The sealed setting that keeps the erasures this device made or accepted, each as
/// `record id (16) ‖ signature (64)`, oldest first: a supervisor's device vouches for
/// the ones signed by a supervisor it removes or demotes, in the roster that does it.
const SIGNED_ERASURES: &str = "signed-erasures";
/// An Ed25519 signature's length.
const SIGNATURE_LEN: usize = 64;
/// Most erasures kept (the oldest dropped first): as many as one roster can vouch for.
const KEEP_ERASURES: usize = ponte_proto::limits::MAX_VOUCHED_ERASURES;

/// What the supervisor signs to erase a record: binds team and record.
pub fn tombstone_signing_input(team_id: &[u8; 16], id: &RecordId) -> Vec<u8> {
    [b"ponte/erase/v1".as_slice(), team_id, &id.0].concat()
}

impl Store {
    /// Erase a record and queue its tombstone (supervisor): `signature` is the
    /// supervisor's signature of [`tombstone_signing_input`].
    pub fn erase_for_team(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        signature: &[u8],
    ) -> Result<()> {
        let team = self.keys.current_team()?;
        let sealed = crypto::seal(team.key(), &tombstone_aad(id), signature)?;
        let payload = [team.epoch.to_be_bytes().as_slice(), &sealed].concat();
        self.erase_with(id, expected, Some((&payload, signature)))
    }

    /// The erasures this device made or accepted from the team (the latest
    /// [`ponte_proto::limits::MAX_VOUCHED_ERASURES`]), oldest first, each with its
    /// signature of [`tombstone_signing_input`].
    pub fn signed_erasures(&self) -> Result<Vec<(RecordId, Vec<u8>)>> {
        read_signed(&self.conn, &self.keys)
    }
}

fn read_signed(conn: &Connection, keys: &Keys) -> Result<Vec<(RecordId, Vec<u8>)>> {
    let Some(bytes) = open_setting(conn, &keys.master, SIGNED_ERASURES)? else {
        return Ok(Vec::new());
    };
    Ok(bytes
        .chunks_exact(16 + SIGNATURE_LEN)
        .filter_map(|c| {
            let id: [u8; 16] = c[..16].try_into().ok()?;
            Some((RecordId(id), c[16..].to_vec()))
        })
        .collect())
}

/// Keep `erasures` (record id, signature) among the signed ones, in the caller's
/// transaction: a record already kept keeps its place, the oldest go past
/// [`KEEP_ERASURES`].
pub(crate) fn remember_signed(
    conn: &Connection,
    keys: &Keys,
    erasures: &[(RecordId, Vec<u8>)],
) -> Result<()> {
    let fresh: Vec<&(RecordId, Vec<u8>)> = erasures
        .iter()
        .filter(|(_, sig)| sig.len() == SIGNATURE_LEN)
        .collect();
    if fresh.is_empty() {
        return Ok(());
    }
    let mut all = read_signed(conn, keys)?;
    for (id, sig) in fresh {
        if !all.iter().any(|(kept, _)| kept == id) {
            all.push((*id, sig.clone()));
        }
    }
    let skip = all.len().saturating_sub(KEEP_ERASURES);
    let bytes: Vec<u8> = all[skip..]
        .iter()
        .flat_map(|(id, sig)| id.0.iter().chain(sig).copied())
        .collect();
    seal_setting(conn, &keys.master, SIGNED_ERASURES, &bytes)
}

/// The signature of a pulled tombstone if it is sealed with a team key this device
/// holds and `authority` takes it as an erasure.
pub(super) fn tombstone_signature(
    keys: &Keys,
    id: &RecordId,
    ciphertext: &[u8],
    authority: &dyn Authority,
) -> Option<Vec<u8>> {
    let (epoch, sealed) = split_epoch(ciphertext)?;
    let team = keys.team(epoch).ok()?;
    crypto::open(team.key(), &tombstone_aad(id), sealed)
        .ok()
        .filter(|signature| authority.erases(id, signature))
        .map(|signature| signature.to_vec())
}

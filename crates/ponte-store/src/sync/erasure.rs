//! Erasure on the team's behalf: the supervisor's signed tombstone, sealing it for the
//! relay and checking one pulled from it.

use ponte_crypto as crypto;
use ponte_model::Kind;

use super::split_epoch;
use crate::aad::tombstone_aad;
use crate::keys::Keys;
use crate::{RecordId, Result, Store};

/// Verifies a tombstone's signature: (record id, signature) -> valid. The store does
/// not know the roster; the sync engine does.
pub type TombstoneCheck<'a> = &'a (dyn Fn(&RecordId, &[u8]) -> bool + Sync);

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
        self.erase_with(id, expected, Some(&payload))
    }
}

/// Whether a pulled tombstone is sealed with a team key this device holds and carries
/// a signature `check` accepts.
pub(super) fn tombstone_valid(
    keys: &Keys,
    id: &RecordId,
    ciphertext: &[u8],
    check: TombstoneCheck<'_>,
) -> bool {
    let Some((epoch, sealed)) = split_epoch(ciphertext) else {
        return false;
    };
    let Ok(team) = keys.team(epoch) else {
        return false;
    };
    crypto::open(team.key(), &tombstone_aad(id), sealed)
        .is_ok_and(|signature| check(id, &signature))
}

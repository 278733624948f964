//! Team keys: adopting a team's keys, adding and rotating them, and the key entries
//! that carry a record's data key to the team under one.

use ponte_crypto::{self as crypto, SecretKey, TeamKey};
use ponte_model::Kind;
use rusqlite::{TransactionBehavior, params};
use zeroize::Zeroizing;

use super::outbox::push_entry;
use super::{EntryKind, split_epoch};
use crate::aad::{change_aad, key_entry_aad};
use crate::keys::{Keys, wrap_into_keyring};
use crate::row::{RecordRow, record_row_columns};
use crate::{RecordId, Result, Store, StoreError, time};

/// A key entry's payload: the record's kind and data key sealed with the team key.
pub(crate) fn key_entry(
    team: &TeamKey,
    id: &RecordId,
    kind: Kind,
    data_key: &SecretKey,
) -> Result<Vec<u8>> {
    let mut plain = Zeroizing::new(Vec::with_capacity(33));
    plain.push(kind.as_u8());
    plain.extend_from_slice(data_key.expose());
    let sealed = crypto::seal(team.key(), &key_entry_aad(id, team.epoch), &plain)?;
    Ok([team.epoch.to_be_bytes().as_slice(), &sealed].concat())
}

/// Opens a key entry's payload: the record's kind, epoch and data key, or `None` if
/// it is malformed or not sealed with a team key this device holds.
pub(super) fn open_key_entry(
    keys: &Keys,
    id: &RecordId,
    ciphertext: &[u8],
) -> Option<(Kind, u32, SecretKey)> {
    let (epoch, sealed) = split_epoch(ciphertext)?;
    let team = keys.team(epoch).ok()?;
    let plain = crypto::open(team.key(), &key_entry_aad(id, epoch), sealed).ok()?;
    let (kind, key) = plain.split_first()?;
    let kind = Kind::from_u8(*kind)?;
    let key: [u8; 32] = key.try_into().ok()?;
    Some((kind, epoch, SecretKey::from_bytes(key)))
}

impl Store {
    /// Every team key this device holds, by epoch (to seal them to a new device).
    pub fn team_keys(&self) -> Vec<(u32, SecretKey)> {
        self.keys
            .team
            .iter()
            .map(|k| (k.epoch, SecretKey::from_bytes(*k.key().expose())))
            .collect()
    }

    /// The current team key epoch.
    pub fn team_epoch(&self) -> Result<u32> {
        Ok(self.keys.current_team()?.epoch)
    }

    /// Take a team's keys in place of this device's own (on joining, when the
    /// supervisor's roster approves it).
    ///
    /// Records made on this device before that (offline before joining, or while it
    /// waited for approval) are sealed under its own team key: each one's data key is
    /// wrapped again under the team's current key and its body sealed again, and its
    /// pending entries are replaced by a key entry and the whole document, so the
    /// team receives the record as it is. All in one transaction.
    pub fn adopt_team_keys(&mut self, keys: Vec<(u32, SecretKey)>) -> Result<()> {
        let adopted: Vec<TeamKey> = keys
            .into_iter()
            .map(|(e, k)| TeamKey::from_parts(e, k))
            .collect();
        let current = adopted
            .iter()
            .max_by_key(|k| k.epoch)
            .ok_or(StoreError::Corrupt)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows: Vec<(RecordId, RecordRow)> = {
            let mut stmt = tx.prepare(concat!(
                "SELECT id, ",
                record_row_columns!(),
                " FROM records"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok((RecordId(r.get(0)?), RecordRow::from_sql(r, 1)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        // Everything pending was sealed for no team: the records go out whole instead.
        tx.execute("DELETE FROM outbox", [])?;
        tx.execute("DELETE FROM record_sync", [])?;
        // Before joining, a record has one generation; none under the own key is kept.
        tx.execute("DELETE FROM record_keys", [])?;
        let now = time::now_ms();
        for (id, row) in rows {
            let kind = row.kind().ok_or(StoreError::Corrupt)?;
            let old_aad = crypto::record_aad(&id.0, kind.as_u8(), row.epoch);
            let data_key =
                crypto::unwrap_key(self.keys.team(row.epoch)?.key(), &old_aad, &row.wrapped)?;
            let doc = crypto::open(&data_key, &old_aad, &row.body)?;
            let new_aad = crypto::record_aad(&id.0, kind.as_u8(), current.epoch);
            tx.execute(
                "UPDATE records SET epoch = ?2, wrapped_key = ?3, body = ?4 WHERE id = ?1",
                params![
                    &id.0,
                    current.epoch,
                    crypto::wrap_key(current.key(), &new_aad, &data_key)?,
                    crypto::seal(&data_key, &new_aad, &doc)?
                ],
            )?;
            push_entry(
                &tx,
                &id,
                EntryKind::Key,
                &key_entry(current, &id, kind, &data_key)?,
                now,
            )?;
            // A whole document merges like a change on the receiving side.
            let change = crypto::seal(&data_key, &change_aad(&id, kind, current.epoch), &doc)?;
            push_entry(&tx, &id, EntryKind::Change, &change, now)?;
        }
        tx.execute("DELETE FROM keyring WHERE name = 'team'", [])?;
        for key in &adopted {
            wrap_into_keyring(
                &tx,
                &self.keys.master,
                "team",
                key.epoch,
                key.key().expose(),
            )?;
        }
        tx.commit()?;
        self.keys.team = adopted;
        Ok(())
    }

    /// Add team keys received later (after a rotation); existing epochs are kept.
    pub fn add_team_keys(&mut self, keys: Vec<(u32, SecretKey)>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = Vec::new();
        for (epoch, key) in keys {
            if self.keys.team.iter().any(|k| k.epoch == epoch) {
                continue;
            }
            wrap_into_keyring(&tx, &self.keys.master, "team", epoch, key.expose())?;
            added.push(TeamKey::from_parts(epoch, key));
        }
        tx.commit()?;
        self.keys.team.extend(added);
        Ok(())
    }

    /// A new team key with the next epoch (after a revocation); new records use it.
    pub fn rotate_team_key(&mut self) -> Result<u32> {
        let epoch = self.keys.current_team()?.epoch + 1;
        let key = SecretKey::generate()?;
        self.add_team_keys(vec![(epoch, key)])?;
        Ok(epoch)
    }
}

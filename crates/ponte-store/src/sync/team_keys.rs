//! Team keys: adopting a team's keys, adding and rotating them, and the key entries
//! that carry a record's data key to the team under one.

use ponte_crypto::{self as crypto, AgreementKey, SecretKey, TeamKey};
use ponte_model::Kind;
use rusqlite::{TransactionBehavior, params};
use zeroize::Zeroizing;

use super::authority::access_signing_input;
use super::outbox::push_entry;
use super::{EntryKind, split_epoch};
use crate::aad::{change_aad, key_entry_aad, reader_aad};
use crate::access::Reader;
use crate::keys::{Keys, wrap_into_keyring};
use crate::row::{RecordRow, record_row_columns};
use crate::{RecordId, Result, Store, StoreError, time};

/// A record's data key in a key entry's `plain` part: for every team device, or
/// for the listed devices only (need-to-know, see [`crate::access`]).
pub(crate) enum Grant<'a> {
    /// The data key itself: every device holding the team key reads the record.
    Team,
    /// The data key sealed to each reader's X25519 key.
    Only(&'a [Reader]),
}

/// Layout version of a key entry's `plain` (the legacy 33-byte form has none): 3, the
/// signed layout (version 2, unsigned, is refused: a change of access must be signed,
/// see [`super::authority`]).
const LAYOUT_V3: u8 = 3;
/// An Ed25519 signature's length, at the end of a signed `plain`.
const SIGNATURE: usize = 64;
/// `version ‖ kind ‖ serial (u32 BE) ‖ readers (u8)`.
const HEADER: usize = 7;
/// A data key sealed to an X25519 key ([`ponte_crypto::seal_key_to`]): the
/// ephemeral public key, then the data key sealed (flag, nonce, key, tag).
pub(crate) const WRAP_LEN: usize = 32 + 1 + 12 + 32 + 16;
/// One reader's slot: `device id ‖ wrap`.
const SLOT: usize = 16 + WRAP_LEN;
/// Slots every entry of the versioned layout has room for: one restricted to up to
/// this many devices, and an open one after a lift, have the same size.
pub(crate) const MIN_SLOTS: usize = 4;
/// Most readers a restricted record may list.
pub(crate) const MAX_READERS: usize = 64;

/// The size of `plain` for `readers` listed devices: room for [`MIN_SLOTS`], or the
/// next power of two above that, and the author's signature.
pub(crate) fn padded_len(readers: usize) -> usize {
    HEADER + SLOT * readers.next_power_of_two().max(MIN_SLOTS) + SIGNATURE
}

/// A key entry's payload: the record's kind, its access serial and its data key
/// (for the team, or wrapped for each listed reader), padded to a fixed size, signed by
/// `signer` (this device, [`super::authority`]) and sealed with the team key. A record
/// whose access never changed (serial 0, for the team) gets the compact legacy form,
/// unsigned (`signer` may then be `None`): any member may create a record or start its
/// next generation. Any other form without a signer is [`StoreError::Corrupt`].
pub(crate) fn key_entry(
    team: &TeamKey,
    id: &RecordId,
    kind: Kind,
    serial: u32,
    data_key: &SecretKey,
    grant: Grant<'_>,
    signer: Option<&crypto::SigningKey>,
) -> Result<Vec<u8>> {
    let listed = match grant {
        Grant::Team => 0,
        Grant::Only([]) => return Err(StoreError::NotInRoster),
        Grant::Only(readers) => readers.len(),
    };
    let count = u8::try_from(listed).map_err(|_| StoreError::TooManyReaders)?;
    if listed > MAX_READERS {
        return Err(StoreError::TooManyReaders);
    }
    if listed == 0 && serial == 0 {
        // A record whose access never changed: the compact form every team device
        // reads, as before need-to-know records (66 bytes on the relay). Padding it to
        // a restricted entry's size would cost 410 bytes a record on every sync of
        // every team; the relay may therefore tell restricted records from open ones
        // by size (ARCHITECTURE.md, "Need-to-know records").
        let mut plain = Zeroizing::new(Vec::with_capacity(33));
        plain.push(kind.as_u8());
        plain.extend_from_slice(data_key.expose());
        let sealed = crypto::seal(team.key(), &key_entry_aad(id, team.epoch), &plain)?;
        return Ok([team.epoch.to_be_bytes().as_slice(), &sealed].concat());
    }
    let signer = signer.ok_or(StoreError::Corrupt)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(padded_len(listed)));
    plain.extend_from_slice(&[LAYOUT_V3, kind.as_u8()]);
    plain.extend_from_slice(&serial.to_be_bytes());
    plain.push(count);
    match grant {
        Grant::Team => plain.extend_from_slice(data_key.expose()),
        Grant::Only(readers) => {
            for reader in readers {
                let aad = reader_aad(id, team.epoch, serial, &reader.device_id);
                let wrap = crypto::seal_key_to(&reader.agreement_pk, &aad, data_key)?;
                if wrap.len() != WRAP_LEN {
                    return Err(StoreError::Corrupt);
                }
                plain.extend_from_slice(&reader.device_id);
                plain.extend_from_slice(&wrap);
            }
        }
    }
    plain.resize(padded_len(listed) - SIGNATURE, 0);
    let signature = signer.sign(&access_signing_input(id, team.epoch, &plain));
    plain.extend_from_slice(&signature);
    let sealed = crypto::seal(team.key(), &key_entry_aad(id, team.epoch), &plain)?;
    Ok([team.epoch.to_be_bytes().as_slice(), &sealed].concat())
}

/// The signature of a signed key entry and what it signs.
pub(crate) struct SignedAccess {
    /// [`access_signing_input`] of the entry.
    pub(crate) input: Vec<u8>,
    /// The author's Ed25519 signature of it.
    pub(crate) signature: [u8; SIGNATURE],
}

/// A key entry opened with the team key.
pub(crate) struct KeyEntry {
    /// The record's kind.
    pub(crate) kind: Kind,
    /// The team key epoch it is sealed under (the generation's epoch).
    pub(crate) epoch: u32,
    /// The record's access serial: raised by each change of who may read it (0 for a
    /// record never restricted, and for every legacy entry).
    pub(crate) serial: u32,
    /// The data key, if this device may read the record (`None`: restricted to other
    /// devices).
    pub(crate) key: Option<SecretKey>,
    /// The listed devices (empty: the whole team).
    pub(crate) readers: Vec<[u8; 16]>,
    /// The author's signature (`None`: the compact form of a record open to the team,
    /// which needs none).
    pub(crate) signed: Option<SignedAccess>,
}

/// Who opens a key entry: this device's id and X25519 key (`None`: a store that has
/// no such key opens only entries for the whole team).
pub(crate) type Me<'a> = Option<(&'a [u8; 16], &'a AgreementKey)>;

/// Opens a key entry's payload, or `None` if it is malformed, not sealed with a team
/// key this device holds, or lists this device with a wrap that does not open. The
/// legacy form (`kind ‖ data key`, 33 bytes) is still read.
pub(crate) fn open_key_entry(
    keys: &Keys,
    me: Me<'_>,
    id: &RecordId,
    ciphertext: &[u8],
) -> Option<KeyEntry> {
    let (epoch, sealed) = split_epoch(ciphertext)?;
    let team = keys.team(epoch).ok()?;
    let plain = crypto::open(team.key(), &key_entry_aad(id, epoch), sealed).ok()?;
    if plain.len() == 33 {
        let (kind, key) = plain.split_first()?;
        let key: [u8; 32] = key.try_into().ok()?;
        return Some(KeyEntry {
            kind: Kind::from_u8(*kind)?,
            epoch,
            serial: 0,
            key: Some(SecretKey::from_bytes(key)),
            readers: Vec::new(),
            signed: None,
        });
    }
    let (head, body) = plain.split_at_checked(HEADER)?;
    if head[0] != LAYOUT_V3 {
        return None;
    }
    let kind = Kind::from_u8(head[1])?;
    let serial = u32::from_be_bytes(head[2..6].try_into().ok()?);
    let count = usize::from(head[6]);
    if plain.len() != padded_len(count) {
        return None;
    }
    let (signed_part, signature) = plain.split_at(plain.len() - SIGNATURE);
    let signed = Some(SignedAccess {
        input: access_signing_input(id, epoch, signed_part),
        signature: signature.try_into().ok()?,
    });
    if count == 0 {
        let key: [u8; 32] = body.get(..32)?.try_into().ok()?;
        return Some(KeyEntry {
            kind,
            epoch,
            serial,
            key: Some(SecretKey::from_bytes(key)),
            readers: Vec::new(),
            signed,
        });
    }
    let mut readers = Vec::with_capacity(count);
    let mut key = None;
    for slot in body.chunks_exact(SLOT).take(count) {
        let (device, wrap) = slot.split_first_chunk::<16>()?;
        readers.push(*device);
        if let Some((my_id, my_key)) = me
            && device == my_id
        {
            let aad = reader_aad(id, epoch, serial, device);
            key = Some(crypto::open_key_from(my_key, &aad, wrap).ok()?);
        }
    }
    Some(KeyEntry {
        kind,
        epoch,
        serial,
        key,
        readers,
        signed,
    })
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
                &key_entry(current, &id, kind, 0, &data_key, Grant::Team, None)?,
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn signer() -> crypto::SigningKey {
        crypto::SigningKey::generate().unwrap()
    }

    fn keys() -> Keys {
        Keys::for_tests(vec![TeamKey::from_parts(3, SecretKey::from_bytes([7; 32]))])
    }

    fn reader(n: u8) -> (AgreementKey, Reader) {
        let key = AgreementKey::from_bytes([n; 32]);
        let reader = Reader {
            device_id: [n; 16],
            agreement_pk: key.public_key(),
        };
        (key, reader)
    }

    #[test]
    fn the_legacy_33_byte_form_is_still_read() {
        let keys = keys();
        let team = keys.current_team().unwrap();
        let id = RecordId([1; 16]);
        let mut plain = vec![Kind::Person.as_u8()];
        plain.extend_from_slice(&[9; 32]);
        let sealed = crypto::seal(team.key(), &key_entry_aad(&id, 3), &plain).unwrap();
        let entry = [3u32.to_be_bytes().as_slice(), &sealed].concat();
        assert_eq!(entry.len(), 66);
        let opened = open_key_entry(&keys, None, &id, &entry).unwrap();
        assert_eq!(opened.kind, Kind::Person);
        assert_eq!((opened.epoch, opened.serial), (3, 0));
        assert!(opened.key.unwrap().same_as(&SecretKey::from_bytes([9; 32])));
        assert!(opened.readers.is_empty());
    }

    #[test]
    fn restricted_and_lifted_entries_have_one_size_up_to_four_readers() {
        let keys = keys();
        let team = keys.current_team().unwrap();
        let id = RecordId([1; 16]);
        let data = SecretKey::from_bytes([5; 32]);
        // A record whose access never changed: the compact form, 66 bytes.
        let never = key_entry(
            team,
            &id,
            Kind::Person,
            0,
            &data,
            Grant::Team,
            Some(&signer()),
        )
        .unwrap();
        assert_eq!(never.len(), 4 + 29 + 33);
        let opened = open_key_entry(&keys, None, &id, &never).unwrap();
        assert_eq!((opened.kind, opened.serial), (Kind::Person, 0));
        assert!(opened.key.unwrap().same_as(&data));
        // Lifted (open again after a restriction): the versioned form, padded.
        let open = key_entry(
            team,
            &id,
            Kind::Person,
            2,
            &data,
            Grant::Team,
            Some(&signer()),
        )
        .unwrap();
        // epoch, then the seal (flag, nonce, tag) of a plain of 7 + 4 slots + signature.
        assert_eq!(open.len(), 4 + 29 + 7 + 4 * (16 + WRAP_LEN) + 64);
        assert_eq!(open.len(), 540);
        let opened = open_key_entry(&keys, None, &id, &open).unwrap();
        assert_eq!(opened.serial, 2);
        assert!(opened.key.unwrap().same_as(&data));
        let readers: Vec<Reader> = (1..=9).map(|n| reader(n).1).collect();
        for n in 1..=4 {
            let r = key_entry(
                team,
                &id,
                Kind::Person,
                1,
                &data,
                Grant::Only(&readers[..n]),
                Some(&signer()),
            );
            assert_eq!(r.unwrap().len(), open.len(), "{n} readers");
        }
        let five = key_entry(
            team,
            &id,
            Kind::Person,
            1,
            &data,
            Grant::Only(&readers[..5]),
            Some(&signer()),
        );
        assert_eq!(five.unwrap().len(), 4 + 29 + 7 + 8 * (16 + WRAP_LEN) + 64);
        let nine = key_entry(
            team,
            &id,
            Kind::Person,
            1,
            &data,
            Grant::Only(&readers[..9]),
            Some(&signer()),
        );
        assert_eq!(nine.unwrap().len(), 4 + 29 + 7 + 16 * (16 + WRAP_LEN) + 64);
        assert!(
            key_entry(
                team,
                &id,
                Kind::Person,
                1,
                &data,
                Grant::Only(&[]),
                Some(&signer())
            )
            .is_err()
        );
    }

    #[test]
    fn a_listed_device_opens_its_wrap_and_another_learns_only_that_it_is_not_for_it() {
        let keys = keys();
        let team = keys.current_team().unwrap();
        let id = RecordId([1; 16]);
        let data = SecretKey::from_bytes([5; 32]);
        let (a_key, a) = reader(1);
        let (b_key, b) = reader(2);
        let (c_key, _) = reader(3);
        let entry = key_entry(
            team,
            &id,
            Kind::Person,
            4,
            &data,
            Grant::Only(&[a, b]),
            Some(&signer()),
        )
        .unwrap();
        for (me, key) in [(&a.device_id, &a_key), (&b.device_id, &b_key)] {
            let opened = open_key_entry(&keys, Some((me, key)), &id, &entry).unwrap();
            assert!(opened.key.unwrap().same_as(&data));
            assert_eq!(opened.serial, 4);
            assert_eq!(opened.readers, vec![a.device_id, b.device_id]);
        }
        let not_me = open_key_entry(&keys, Some((&[3; 16], &c_key)), &id, &entry).unwrap();
        assert!(not_me.key.is_none());
        assert_eq!(not_me.kind, Kind::Person);
        // A device listed under another's id cannot open that one's wrap.
        assert!(open_key_entry(&keys, Some((&a.device_id, &c_key)), &id, &entry).is_none());
        // Bound to its record.
        assert!(
            open_key_entry(
                &keys,
                Some((&a.device_id, &a_key)),
                &RecordId([2; 16]),
                &entry
            )
            .is_none()
        );
        // An open entry gives the key to every team device.
        let open = key_entry(
            team,
            &id,
            Kind::Person,
            5,
            &data,
            Grant::Team,
            Some(&signer()),
        )
        .unwrap();
        let opened = open_key_entry(&keys, Some((&[3; 16], &c_key)), &id, &open).unwrap();
        assert!(opened.key.unwrap().same_as(&data));
        assert_eq!(opened.serial, 5);
    }
}

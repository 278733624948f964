//! `POST /v2/sync`: push a batch of entries and pull what others pushed, in one
//! round trip.

use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, RecordId, TeamId};

/// What an entry is, as far as the relay needs to know to keep the log small and to
/// erase. Everything else about an entry is inside its ciphertext.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    /// An incremental change of a record.
    Change,
    /// The whole record, including every change of it up to seq `covers`. After
    /// storing it the relay drops the record's changes and snapshots with
    /// `seq <= covers`; it refuses a `covers` at or beyond the snapshot's own seq.
    Snapshot {
        /// The highest seq of this record that the snapshot includes.
        covers: u64,
    },
    /// The record was erased (supervisor only). The relay deletes every entry of
    /// the record, keeps only this one, and refuses later entries for it.
    Tombstone,
    /// Key material: the team key sealed to a device (`record_id` = the recipient's
    /// device id) or a record's data key wrapped by the team key (`record_id` = the
    /// record). Stored and served like any other entry.
    Key,
}

impl EntryKind {
    /// A short stable name for logs and storage.
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Change => "change",
            Self::Snapshot { .. } => "snapshot",
            Self::Tombstone => "tombstone",
            Self::Key => "key",
        }
    }

    /// The code this kind is stored under, by the relay and in a device's outbox
    /// (with [`EntryKind::covers`] beside it): 0 change, 1 snapshot, 2 tombstone,
    /// 3 key, its index on the wire. Databases in the field hold these codes: they
    /// never change, and a new kind takes the next one.
    pub const fn code(&self) -> u8 {
        match self {
            Self::Change => 0,
            Self::Snapshot { .. } => 1,
            Self::Tombstone => 2,
            Self::Key => 3,
        }
    }

    /// What a snapshot covers, stored beside its [`EntryKind::code`]; `None` for the
    /// other kinds.
    pub const fn covers(&self) -> Option<u64> {
        match self {
            Self::Snapshot { covers } => Some(*covers),
            _ => None,
        }
    }

    /// The kind stored as `code` with `covers` ([`EntryKind::code`] and
    /// [`EntryKind::covers`] reversed). `None` for an unknown code or a snapshot
    /// without `covers`: storage that holds either is corrupt. A `covers` beside
    /// another kind is ignored.
    pub const fn from_code(code: u8, covers: Option<u64>) -> Option<Self> {
        Some(match (code, covers) {
            (0, _) => Self::Change,
            (1, Some(covers)) => Self::Snapshot { covers },
            (2, _) => Self::Tombstone,
            (3, _) => Self::Key,
            _ => return None,
        })
    }
}

/// An entry as a device pushes it. The relay assigns `seq`, takes `author_device`
/// from the request signature and computes the entry id (SHA-256 of `ciphertext`)
/// itself, so none of them is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEntry {
    /// The record this entry belongs to.
    pub record_id: RecordId,
    /// What kind of entry it is.
    pub kind: EntryKind,
    /// Opaque to the relay.
    #[serde(with = "crate::ids::bytes")]
    pub ciphertext: Vec<u8>,
}

/// An entry of a team's log as the relay serves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the team's log: strictly increasing, assigned by the relay.
    pub seq: u64,
    /// The record this entry belongs to.
    pub record_id: RecordId,
    /// The device whose signed request pushed it.
    pub author_device: DeviceId,
    /// What kind of entry it is.
    pub kind: EntryKind,
    /// Opaque to the relay.
    #[serde(with = "crate::ids::bytes")]
    pub ciphertext: Vec<u8>,
}

/// Body of `POST /v2/sync`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The team whose log this is.
    pub team_id: TeamId,
    /// Pull entries with `seq > cursor`. A device advances its cursor only after it
    /// applied and committed what it pulled.
    pub cursor: u64,
    /// Entries to append, stored atomically (all or none) in this order.
    #[serde(with = "compact::push")]
    pub push: Vec<NewEntry>,
    /// At most this many entries back; capped by the relay at
    /// [`crate::limits::MAX_PULL_LIMIT`]. `0` pulls nothing (push only).
    pub pull_limit: u32,
}

/// What became of one pushed entry, in push order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pushed {
    /// Stored, or already stored before (a retried push): its seq either way.
    Stored {
        /// The entry's seq in the team log.
        seq: u64,
    },
    /// Refused: the record has been erased (code `record-erased`). The tombstone
    /// arrives with the pull; the device deletes the record and drops the entry.
    RecordErased,
}

impl Pushed {
    /// The seq if the entry was stored.
    pub const fn seq(&self) -> Option<u64> {
        match self {
            Self::Stored { seq } => Some(*seq),
            Self::RecordErased => None,
        }
    }
}

/// Response to `POST /v2/sync`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// One outcome per pushed entry, in push order.
    pub pushed: Vec<Pushed>,
    /// Entries with `seq > cursor`, ascending, written by other devices (a device
    /// already has its own), at most `pull_limit` of them and at most
    /// [`crate::limits::PULL_BYTE_BUDGET`] bytes of ciphertext (always at least one
    /// entry if any is due).
    #[serde(with = "compact::entries")]
    pub entries: Vec<Entry>,
    /// More entries are due: sync again with `cursor` below.
    pub more: bool,
    /// The cursor to send next, once `entries` are applied and committed. It can be
    /// past the last entry returned (the skipped entries were the device's own).
    pub cursor: u64,
    /// The highest seq of the team log when the request was answered.
    pub head: u64,
    /// The latest roster version: a device that sees it grow fetches the roster.
    pub roster_version: u64,
}

/// The entry lists of a sync in a compact form: a record id or author equal to the
/// previous entry's is sent as "same" (one byte instead of 17), and each seq after
/// the first as its distance from the previous one. A new record travels as a key
/// entry followed by its first change, both of one record and usually of one author,
/// so this saves about 50 of the roughly 520 bytes a new record costs on the way
/// down, and 16 on the way up.
mod compact {
    use serde::{Deserialize, Serialize};

    use crate::ids::{DeviceId, RecordId};

    use super::{Entry, EntryKind, NewEntry};

    /// `Some(value)` unless it equals `previous`.
    fn unless_same<T: PartialEq + Copy>(value: T, previous: &mut Option<T>) -> Option<T> {
        let same = *previous == Some(value);
        *previous = Some(value);
        (!same).then_some(value)
    }

    /// `value`, or the previous one if `None`; an error if there is none.
    fn or_previous<T: Copy, E: serde::de::Error>(
        value: Option<T>,
        previous: &mut Option<T>,
    ) -> Result<T, E> {
        let value = value
            .or(*previous)
            .ok_or_else(|| E::custom("first entry without an id"))?;
        *previous = Some(value);
        Ok(value)
    }

    pub(super) mod push {
        use serde::ser::SerializeSeq;
        use serde::{Deserializer, Serializer};

        use super::*;

        #[derive(Serialize)]
        struct Out<'a> {
            record_id: Option<RecordId>,
            kind: EntryKind,
            #[serde(with = "crate::ids::bytes")]
            ciphertext: &'a [u8],
        }

        #[derive(Deserialize)]
        struct In {
            record_id: Option<RecordId>,
            kind: EntryKind,
            #[serde(with = "crate::ids::bytes")]
            ciphertext: Vec<u8>,
        }

        pub(crate) fn serialize<S: Serializer>(
            entries: &[NewEntry],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(entries.len()))?;
            let mut record = None;
            for e in entries {
                seq.serialize_element(&Out {
                    record_id: unless_same(e.record_id, &mut record),
                    kind: e.kind,
                    ciphertext: &e.ciphertext,
                })?;
            }
            seq.end()
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<NewEntry>, D::Error> {
            let compact = Vec::<In>::deserialize(deserializer)?;
            let mut record = None;
            compact
                .into_iter()
                .map(|e| {
                    Ok(NewEntry {
                        record_id: or_previous(e.record_id, &mut record)?,
                        kind: e.kind,
                        ciphertext: e.ciphertext,
                    })
                })
                .collect()
        }
    }

    pub(super) mod entries {
        use serde::ser::SerializeSeq;
        use serde::{Deserializer, Serializer};

        use super::*;

        #[derive(Serialize)]
        struct Out<'a> {
            /// The seq of the first entry; for the others, the distance to the
            /// previous one (wrapping, so any sequence survives the round trip).
            seq: u64,
            record_id: Option<RecordId>,
            author_device: Option<DeviceId>,
            kind: EntryKind,
            #[serde(with = "crate::ids::bytes")]
            ciphertext: &'a [u8],
        }

        #[derive(Deserialize)]
        struct In {
            seq: u64,
            record_id: Option<RecordId>,
            author_device: Option<DeviceId>,
            kind: EntryKind,
            #[serde(with = "crate::ids::bytes")]
            ciphertext: Vec<u8>,
        }

        pub(crate) fn serialize<S: Serializer>(
            entries: &[Entry],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(entries.len()))?;
            let (mut record, mut author, mut last) = (None, None, 0u64);
            for e in entries {
                seq.serialize_element(&Out {
                    seq: e.seq.wrapping_sub(last),
                    record_id: unless_same(e.record_id, &mut record),
                    author_device: unless_same(e.author_device, &mut author),
                    kind: e.kind,
                    ciphertext: &e.ciphertext,
                })?;
                last = e.seq;
            }
            seq.end()
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<Entry>, D::Error> {
            let compact = Vec::<In>::deserialize(deserializer)?;
            let (mut record, mut author, mut last) = (None, None, 0u64);
            compact
                .into_iter()
                .map(|e| {
                    last = last.wrapping_add(e.seq);
                    Ok(Entry {
                        seq: last,
                        record_id: or_previous(e.record_id, &mut record)?,
                        author_device: or_previous(e.author_device, &mut author)?,
                        kind: e.kind,
                        ciphertext: e.ciphertext,
                    })
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::EntryKind;

    const ALL: [EntryKind; 4] = [
        EntryKind::Change,
        EntryKind::Snapshot { covers: 7 },
        EntryKind::Tombstone,
        EntryKind::Key,
    ];

    #[test]
    fn stored_codes_never_change() {
        let codes: Vec<(u8, Option<u64>)> = ALL.iter().map(|k| (k.code(), k.covers())).collect();
        assert_eq!(codes, [(0, None), (1, Some(7)), (2, None), (3, None)]);
    }

    #[test]
    fn a_code_is_the_wire_index() {
        for kind in ALL {
            assert_eq!(crate::encode(&kind).unwrap()[0], kind.code(), "{kind:?}");
        }
    }

    #[test]
    fn codes_read_back_and_corrupt_ones_are_refused() {
        for kind in ALL {
            assert_eq!(EntryKind::from_code(kind.code(), kind.covers()), Some(kind));
        }
        assert_eq!(
            EntryKind::from_code(1, None),
            None,
            "a snapshot without covers"
        );
        assert_eq!(EntryKind::from_code(4, None), None);
        assert_eq!(EntryKind::from_code(u8::MAX, Some(1)), None);
        assert_eq!(EntryKind::from_code(0, Some(3)), Some(EntryKind::Change));
    }
}

//! The audit log: who did what to which record, hash-chained and encrypted.
//!
//! Entry `n` is sealed with the audit key (aad = its sequence number) and its plaintext
//! names the chain value of entry `n-1`. The chain value stored beside each entry is
//! `sha256(chain[n-1] || n || ciphertext[n])`; the newest chain value and sequence are
//! also kept sealed in `meta.audit_head`, so removing entries from the end, the middle
//! or the start, editing one, or reordering them is detected by [`read_verified`].
//! Chain values are hashes of ciphertext and reveal nothing.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_model::Kind;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::{RecordId, Result, Store, StoreError, time};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A record was created.
    Create,
    /// A record was opened and shown.
    View,
    /// A record was changed.
    Edit,
    /// A record was erased.
    Erase,
    /// Data left the device (report, export).
    Export,
    /// An action this device may not take was asked for and refused; nothing
    /// happened (e.g. a report on a team member's device).
    Refused,
    /// A team action: creating or joining a team, an invite, an approval, a
    /// revocation.
    Team,
    /// A search of the records (which filters, how many results; never the words).
    Search,
    /// Entries pulled from the team were refused and not applied (how many, by
    /// reason; never their content).
    Quarantine,
    /// A referral sheet was made for a person (which referral, which copy, which
    /// service; never the sheet's content).
    ReferralSheet,
}

/// One decrypted audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Sequence number, from 1.
    pub seq: i64,
    /// Time, ms since the epoch.
    pub at_ms: i64,
    /// Device that acted (hex).
    pub device: String,
    /// What happened.
    pub action: AuditAction,
    /// Kind of record, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Record id (hex), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// What was exported (period, format); never record content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    prev: String,
    #[serde(flatten)]
    entry: AuditEntry,
}

impl Store {
    /// Record an export (reports) in the audit log; `detail` names what was exported
    /// (period, format), never record content.
    pub fn audit_export(&mut self, detail: &str) -> Result<()> {
        self.audit_note(AuditAction::Export, detail)
    }

    /// Record a refused action in the audit log; `detail` names what was asked (never
    /// record content).
    pub fn audit_refused(&mut self, detail: &str) -> Result<()> {
        self.audit_note(AuditAction::Refused, detail)
    }

    /// Record a team action or a search in the audit log (`Team`, `Search`, or any
    /// action without a record); `detail` never holds record content.
    pub fn audit_note(&mut self, action: AuditAction, detail: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        append(&tx, &self.keys.audit, action, None, None, Some(detail))?;
        tx.commit()?;
        Ok(())
    }

    /// Record an action about one record (a referral sheet) in the audit log;
    /// `detail` never holds record content.
    pub fn audit_record(
        &mut self,
        action: AuditAction,
        kind: Kind,
        id: &RecordId,
        detail: &str,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        append(
            &tx,
            &self.keys.audit,
            action,
            Some(kind),
            Some(id),
            Some(detail),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Decrypt the audit log after verifying its hash chain end to end.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        read_verified(&self.conn, &self.keys.audit)
    }
}

fn entry_aad(seq: i64) -> Vec<u8> {
    [b"ponte/audit/v1".as_slice(), &seq.to_be_bytes()].concat()
}

const HEAD_AAD: &[u8] = b"ponte/audit-head/v1";

fn chain(prev: &[u8; 32], seq: i64, ciphertext: &[u8]) -> [u8; 32] {
    crypto::sha256(&[prev.as_slice(), &seq.to_be_bytes(), ciphertext].concat())
}

fn head(conn: &Connection, key: &SecretKey) -> Result<(i64, [u8; 32])> {
    let sealed: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = 'audit_head'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(sealed) = sealed else {
        return Ok((0, [0; 32]));
    };
    let plain = crypto::open(key, HEAD_AAD, &sealed)?;
    if plain.len() != 40 {
        return Err(StoreError::Corrupt);
    }
    let seq = i64::from_be_bytes(plain[..8].try_into().map_err(|_| StoreError::Corrupt)?);
    let hash: [u8; 32] = plain[8..].try_into().map_err(|_| StoreError::Corrupt)?;
    Ok((seq, hash))
}

/// Append one entry inside the caller's transaction.
pub(crate) fn append(
    conn: &Connection,
    key: &SecretKey,
    action: AuditAction,
    kind: Option<Kind>,
    record: Option<&RecordId>,
    detail: Option<&str>,
) -> Result<()> {
    let (last_seq, last_chain) = head(conn, key)?;
    let device: Vec<u8> =
        conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })?;
    let seq = last_seq + 1;
    let sealed = Sealed {
        prev: hex::encode(last_chain),
        entry: AuditEntry {
            seq,
            at_ms: time::now_ms(),
            device: hex::encode(device),
            action,
            kind: kind.map(|k| k.as_str().to_owned()),
            record: record.map(RecordId::to_hex),
            detail: detail.map(str::to_owned),
        },
    };
    let plain = serde_json::to_vec(&sealed).map_err(|_| StoreError::Corrupt)?;
    let ciphertext = crypto::seal(key, &entry_aad(seq), &plain)?;
    let next = chain(&last_chain, seq, &ciphertext);
    conn.execute(
        "INSERT INTO audit(seq, entry, chain) VALUES (?1, ?2, ?3)",
        params![seq, ciphertext, next],
    )?;
    let head_plain = [seq.to_be_bytes().as_slice(), &next].concat();
    let head_sealed = crypto::seal(key, HEAD_AAD, &head_plain)?;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('audit_head', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [head_sealed],
    )?;
    Ok(())
}

/// Whether this store holds, or ever held, something only an audited action puts
/// there: a record (records, their summaries, outbox entries or sync marks, or an
/// outbox seq ever used: SQLite keeps the highest in `sqlite_sequence` after the rows
/// are gone), or a team (the team's state, its roster or the audit trail's shipping
/// mark, `audit_trail`'s `SHIPPED`, among the sealed settings; or a sync cursor). A record reaches a store only through an
/// audited action (a create, an import, or a team created or joined), and a team only
/// through `team create`, `join` or a recovery, each audited, so such a store has a
/// non-empty log. A team device that holds no record yet (waiting for approval, or on
/// a team with none) is covered by the second half.
fn ever_held_something(conn: &Connection) -> Result<bool> {
    let used: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM records) OR EXISTS (SELECT 1 FROM summaries)
             OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM record_sync)
             OR EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox' AND seq > 0)
             OR EXISTS (SELECT 1 FROM keyring WHERE epoch = 0 AND name IN
                 ('setting/team', 'setting/roster', 'setting/audit-trail-shipped'))
             OR EXISTS (SELECT 1 FROM sync_state)",
        [],
        |r| r.get(0),
    )?;
    Ok(used)
}

/// Every entry, oldest first, after checking the whole chain against the sealed head.
/// An empty log with no head is accepted only from a store that never held a record
/// nor joined a team: a log deleted together with its head is reported as broken.
pub(crate) fn read_verified(conn: &Connection, key: &SecretKey) -> Result<Vec<AuditEntry>> {
    read_verified_after(conn, key, (0, [0; 32]))
}

/// The entries after `after` (a sequence number and its chain value, `(0, zeros)` for
/// the whole log), oldest first, after checking that the row at `after` still holds
/// that chain value and that the chain runs from it to the sealed head. For a log
/// already verified up to `after` (an audit trail ships from the last entry it
/// shipped), so a long log is not read again at every sync.
pub(crate) fn read_verified_after(
    conn: &Connection,
    key: &SecretKey,
    after: (i64, [u8; 32]),
) -> Result<Vec<AuditEntry>> {
    let has_head: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'audit_head')",
        [],
        |r| r.get(0),
    )?;
    if !has_head && ever_held_something(conn)? {
        return Err(StoreError::AuditBroken { seq: 0 });
    }
    let (head_seq, head_chain) = head(conn, key).map_err(|_| StoreError::AuditBroken { seq: 0 })?;
    let (from, mut prev) = after;
    if from > 0 {
        let stored: Option<Vec<u8>> = conn
            .query_row("SELECT chain FROM audit WHERE seq = ?1", [from], |r| {
                r.get(0)
            })
            .optional()?;
        if stored.as_deref() != Some(prev.as_slice()) {
            return Err(StoreError::AuditBroken { seq: from });
        }
    }
    let mut stmt =
        conn.prepare("SELECT seq, entry, chain FROM audit WHERE seq > ?1 ORDER BY seq")?;
    let mut rows = stmt.query([from])?;
    let mut expected_seq = from + 1;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let ciphertext: Vec<u8> = row.get(1)?;
        let stored: Vec<u8> = row.get(2)?;
        let broken = StoreError::AuditBroken { seq: expected_seq };
        if seq != expected_seq || stored.as_slice() != chain(&prev, seq, &ciphertext) {
            return Err(broken);
        }
        let plain = crypto::open(key, &entry_aad(seq), &ciphertext)
            .map_err(|_| StoreError::AuditBroken { seq })?;
        let sealed: Sealed =
            serde_json::from_slice(&plain).map_err(|_| StoreError::AuditBroken { seq })?;
        if sealed.prev != hex::encode(prev) || sealed.entry.seq != seq {
            return Err(StoreError::AuditBroken { seq });
        }
        prev = chain(&prev, seq, &ciphertext);
        out.push(sealed.entry);
        expected_seq += 1;
    }
    if expected_seq - 1 != head_seq || prev != head_chain {
        return Err(StoreError::AuditBroken { seq: expected_seq });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::InitOptions;

    const PASS: &str = "correct horse battery";

    /// What someone with the phone's files (not its passphrase) can do: delete every
    /// entry and the sealed head with them.
    fn empty_the_log(store: &Store) {
        store
            .conn
            .execute_batch("DELETE FROM audit; DELETE FROM meta WHERE key = 'audit_head';")
            .unwrap();
    }

    /// Review finding: a device in a team that held no record yet (it joined, then
    /// searched) had its log emptied, and the empty log verified, because only records
    /// counted as proof that something had been audited. The team's state, its roster,
    /// the trail's shipping mark and a sync cursor count now.
    #[test]
    fn an_emptied_log_of_a_team_device_without_records_is_broken() {
        for held in ["team", "roster", "audit-trail-shipped", "cursor"] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::init(dir.path(), PASS, &InitOptions::default()).unwrap();
            if held == "cursor" {
                store
                    .conn
                    .execute(
                        "INSERT INTO sync_state(key, value) VALUES ('cursor', 0)",
                        [],
                    )
                    .unwrap();
            } else {
                store.set_setting(held, b"{}").unwrap();
            }
            store
                .audit_note(AuditAction::Team, "team join team=00")
                .unwrap();
            store
                .audit_note(AuditAction::Search, "search kind=person words=1")
                .unwrap();
            assert_eq!(store.audit_log().unwrap().len(), 2, "{held}");
            empty_the_log(&store);
            assert!(
                matches!(store.audit_log(), Err(StoreError::AuditBroken { seq: 0 })),
                "{held}: an emptied log verified"
            );
        }
    }

    /// The rule's other side: a new store, or one holding only a device setting (no
    /// record, no team), has an empty log that verifies.
    #[test]
    fn a_store_that_never_held_a_record_nor_a_team_has_an_empty_log() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::init(dir.path(), PASS, &InitOptions::default()).unwrap();
        assert!(store.audit_log().unwrap().is_empty());
        store.set_setting("listening_point", b"station").unwrap();
        assert!(store.audit_log().unwrap().is_empty());
    }
}

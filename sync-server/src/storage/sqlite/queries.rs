//! Reads on the reader connections: a pull's page and the look-ups (devices, team
//! keys, rosters, pending joins), with their statements and row mappings.

use ponte_proto::{
    AgreementPublicKey, DeviceId, Entry, JoinMac, Notice, PendingJoin, ProtoError, RecordId,
    SigningPublicKey, TeamId, TokenHash,
};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::storage::{
    DeviceLookup, DeviceStatus, PullRequest, RosterPage, StorageError, SyncOutcome, TEAM_GONE,
    fits, kind_from_columns, next_cursor, role_from_code, to_i64, to_u64,
};

/// Converts a BLOB column to a fixed-size id.
pub(super) fn fixed<T>(
    bytes: &[u8],
    make: fn(&[u8]) -> Result<T, ProtoError>,
    what: &'static str,
) -> Result<T, StorageError> {
    make(bytes).map_err(|_| StorageError::Corrupt(what))
}

/// How a device stands in a team and its role, or `None` if the team is unknown.
pub(super) fn lookup_device(
    conn: &Connection,
    team: &TeamId,
    device: &DeviceId,
) -> Result<Option<DeviceLookup>, StorageError> {
    let row = conn
        .prepare_cached(
            "SELECT d.signing_pk, d.active, d.role, p.signing_pk, t.roster_version
             FROM teams t
             LEFT JOIN devices d ON d.team_id = t.team_id AND d.device_id = ?2
             LEFT JOIN pending_joins p ON p.team_id = t.team_id AND p.device_id = ?2
             WHERE t.team_id = ?1",
        )?
        .query_row(params![&team.0[..], &device.0[..]], |row| {
            Ok((
                row.get::<_, Option<Vec<u8>>>(0)?,
                row.get::<_, Option<bool>>(1)?,
                row.get::<_, Option<i64>>(2)?,
                row.get::<_, Option<Vec<u8>>>(3)?,
                row.get::<_, i64>(4)?,
            ))
        })
        .optional()?;
    let Some((device_pk, active, role, pending_pk, roster_version)) = row else {
        return Ok(None);
    };
    let key = |bytes: &[u8]| fixed(bytes, SigningPublicKey::from_slice, "signing key");
    let (status, role) = match (device_pk, active, pending_pk) {
        (Some(pk), Some(true), _) => (
            DeviceStatus::Active(key(&pk)?),
            role.map(role_from_code).transpose()?,
        ),
        (Some(pk), _, _) => (DeviceStatus::Revoked(key(&pk)?), None),
        (None, _, Some(pk)) => (DeviceStatus::Pending(key(&pk)?), None),
        (None, _, None) => (DeviceStatus::Unknown, None),
    };
    Ok(Some(DeviceLookup {
        status,
        role,
        roster_version: to_u64(roster_version)?,
    }))
}

/// A team's latest encoded `SignedRoster`, or `None` if the team is unknown.
pub(super) fn roster(conn: &Connection, team: &TeamId) -> Result<Option<Vec<u8>>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT roster FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| row.get(0))
        .optional()?)
}

/// A team's stored rosters after `since`, oldest first, as many as fit in `budget`
/// bytes (at least one).
pub(super) fn rosters(
    conn: &Connection,
    team: &TeamId,
    since: u64,
    budget: usize,
) -> Result<RosterPage, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT signed FROM rosters WHERE team_id = ?1 AND version > ?2 ORDER BY version",
    )?;
    let mut rows = stmt.query(params![&team.0[..], to_i64(since)?])?;
    let mut page = RosterPage::default();
    let mut bytes = 0usize;
    while let Some(row) = rows.next()? {
        let signed = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
        if !fits(page.rosters.len(), bytes, signed.len(), u32::MAX, budget) {
            page.more = true;
            break;
        }
        bytes = bytes.saturating_add(signed.len());
        page.rosters.push(signed.to_vec());
    }
    Ok(page)
}

/// A team's pending joins, oldest first.
pub(super) fn pending(conn: &Connection, team: &TeamId) -> Result<Vec<PendingJoin>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash
         FROM pending_joins WHERE team_id = ?1 ORDER BY created_at, device_id",
    )?;
    let rows = stmt.query_map([&team.0[..]], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, Vec<u8>>(2)?,
            row.get::<_, Vec<u8>>(3)?,
            row.get::<_, Vec<u8>>(4)?,
            row.get::<_, Vec<u8>>(5)?,
        ))
    })?;
    let mut joins = Vec::new();
    for row in rows {
        let (device, signing, agreement, name_sealed, mac, token_hash) = row?;
        joins.push(PendingJoin {
            device_id: fixed(&device, DeviceId::from_slice, "device id")?,
            signing_pk: fixed(&signing, SigningPublicKey::from_slice, "signing key")?,
            agreement_pk: fixed(&agreement, AgreementPublicKey::from_slice, "agreement key")?,
            name_sealed,
            mac: fixed(&mac, JoinMac::from_slice, "mac")?,
            token_hash: fixed(&token_hash, TokenHash::from_slice, "token hash")?,
        });
    }
    Ok(joins)
}

/// A team's notices, oldest first.
pub(super) fn notices(conn: &Connection, team: &TeamId) -> Result<Vec<Notice>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT device_id, received_at, sealed FROM notices WHERE team_id = ?1
         ORDER BY received_at, device_id",
    )?;
    let rows = stmt.query_map([&team.0[..]], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut notices = Vec::new();
    for row in rows {
        let (device, received_at, sealed) = row?;
        notices.push(Notice {
            device_id: fixed(&device, DeviceId::from_slice, "device id")?,
            received_at: to_u64(received_at)?,
            sealed,
        });
    }
    Ok(notices)
}

/// One page of the team's log for `pull`, read in one transaction.
pub(super) fn pull(
    conn: &mut Connection,
    team: &TeamId,
    pull: &PullRequest,
) -> Result<SyncOutcome, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let page = pull_in(&tx, team, pull)?;
    tx.commit()?;
    Ok(page)
}

/// The entries after a cursor, up to a head, not by the requester: a pull's page.
pub(super) const PULL_PAGE: &str =
    "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries
     WHERE team_id = ?1 AND seq > ?2 AND seq <= ?3 AND author <> ?4
     ORDER BY seq LIMIT ?5";

/// Reads one page of the team's log for `pull`, in the caller's transaction.
fn pull_in(
    tx: &Connection,
    team: &TeamId,
    pull: &PullRequest,
) -> Result<SyncOutcome, StorageError> {
    let (head, roster_version): (i64, i64) = tx
        .prepare_cached("SELECT head, roster_version FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or(TEAM_GONE)?;
    let head = to_u64(head)?;
    let cursor = to_i64(pull.cursor)?;
    // One pass: rows come in seq order with their ciphertext; the first that does not
    // fit the page says there is more.
    let mut stmt = tx.prepare_cached(PULL_PAGE)?;
    let mut rows = stmt.query(params![
        &team.0[..],
        cursor,
        to_i64(head)?,
        &pull.requester.0[..],
        i64::from(pull.limit) + 1
    ])?;
    let mut entries = Vec::new();
    let mut bytes = 0usize;
    let mut more = false;
    while let Some(row) = rows.next()? {
        let len = row
            .get_ref(5)?
            .as_blob()
            .map_err(rusqlite::Error::from)?
            .len();
        if !fits(entries.len(), bytes, len, pull.limit, pull.byte_budget) {
            more = true;
            break;
        }
        bytes = bytes.saturating_add(len);
        entries.push(Entry {
            seq: to_u64(row.get(0)?)?,
            record_id: fixed(
                row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?,
                RecordId::from_slice,
                "record id",
            )?,
            author_device: fixed(
                row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?,
                DeviceId::from_slice,
                "device id",
            )?,
            kind: kind_from_columns(row.get(3)?, row.get(4)?)?,
            ciphertext: row.get(5)?,
        });
    }
    let last = entries.last().map(|e| e.seq);
    Ok(SyncOutcome {
        pushed: Vec::new(),
        entries,
        more,
        cursor: next_cursor(pull.cursor, last, more, head),
        head,
        roster_version: to_u64(roster_version)?,
        erased: false,
    })
}

//! Reads: a pull's page and the look-ups (devices, rosters, pending joins,
//! notices), with their row mappings.

use deadpool_postgres::Client;
use ponte_proto::{
    AgreementPublicKey, DeviceId, Entry, JoinMac, Notice, PendingJoin, RecordId, SigningPublicKey,
    TeamId, TokenHash,
};
use tokio_postgres::IsolationLevel;

use super::fixed;
use crate::storage::{
    DeviceLookup, DeviceStatus, PullRequest, RosterPage, StorageError, SyncOutcome, TEAM_GONE,
    fits, kind_from_columns, next_cursor, role_from_code, to_i64, to_u64,
};

/// A device's standing in a team, or `None` if the team is unknown.
pub(super) async fn lookup_device(
    client: &Client,
    team: TeamId,
    device: DeviceId,
) -> Result<Option<DeviceLookup>, StorageError> {
    let stmt = client
        .prepare_cached(
            "SELECT d.signing_pk, d.active, d.role, p.signing_pk, t.roster_version
             FROM teams t
             LEFT JOIN devices d ON d.team_id = t.team_id AND d.device_id = $2
             LEFT JOIN pending_joins p ON p.team_id = t.team_id AND p.device_id = $2
             WHERE t.team_id = $1",
        )
        .await?;
    let Some(row) = client
        .query_opt(&stmt, &[&&team.0[..], &&device.0[..]])
        .await?
    else {
        return Ok(None);
    };
    let device_pk: Option<&[u8]> = row.try_get(0)?;
    let active: Option<bool> = row.try_get(1)?;
    let role: Option<i16> = row.try_get(2)?;
    let pending_pk: Option<&[u8]> = row.try_get(3)?;
    let roster_version: i64 = row.try_get(4)?;
    let key = |bytes: &[u8]| {
        SigningPublicKey::from_slice(bytes).map_err(|_| StorageError::Corrupt("signing key"))
    };
    let (status, role) = match (device_pk, active, pending_pk) {
        (Some(pk), Some(true), _) => (
            DeviceStatus::Active(key(pk)?),
            role.map(|r| role_from_code(i64::from(r))).transpose()?,
        ),
        (Some(pk), _, _) => (DeviceStatus::Revoked(key(pk)?), None),
        (None, _, Some(pk)) => (DeviceStatus::Pending(key(pk)?), None),
        (None, _, None) => (DeviceStatus::Unknown, None),
    };
    Ok(Some(DeviceLookup {
        status,
        role,
        roster_version: u64::try_from(roster_version)
            .map_err(|_| StorageError::Corrupt("roster version"))?,
    }))
}

/// One page of a team's log for `pull` (no push outcomes), read in a read-only
/// REPEATABLE READ transaction, so the head and the page come from one snapshot.
pub(super) async fn pull(
    client: &mut Client,
    team: &TeamId,
    pull: PullRequest,
) -> Result<SyncOutcome, StorageError> {
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let row = tx
        .query_opt(
            "SELECT head, roster_version FROM teams WHERE team_id = $1",
            &[&&team.0[..]],
        )
        .await?
        .ok_or(TEAM_GONE)?;
    let head = to_u64(row.try_get(0)?)?;
    let roster_version = to_u64(row.try_get(1)?)?;

    // Two queries, in the read's snapshot: the due entries' lengths (at most
    // `limit + 1`) decide the page, then the page is read. (One query with a
    // running total in a window was slower here: 23 s against 14 s a round in the
    // load bench's one-team case.)
    let cursor = to_i64(pull.cursor)?;
    let due = tx
        .query(
            "SELECT seq, octet_length(ciphertext) FROM entries
             WHERE team_id = $1 AND seq > $2 AND seq <= $3 AND author <> $4
             ORDER BY seq LIMIT $5",
            &[
                &&team.0[..],
                &cursor,
                &to_i64(head)?,
                &&pull.requester.0[..],
                &(i64::from(pull.limit) + 1),
            ],
        )
        .await?;
    let (mut taken, mut bytes) = (0usize, 0usize);
    let mut last = None;
    for row in &due {
        let len: i32 = row.try_get(1)?;
        let len = usize::try_from(len).map_err(|_| StorageError::Corrupt("length"))?;
        if !fits(taken, bytes, len, pull.limit, pull.byte_budget) {
            break;
        }
        taken += 1;
        bytes += len;
        last = Some(to_u64(row.try_get(0)?)?);
    }
    let more = taken < due.len();
    let mut entries = Vec::with_capacity(taken);
    if let Some(last) = last {
        let rows = tx
            .query(
                "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries
                 WHERE team_id = $1 AND seq > $2 AND seq <= $3 AND author <> $4
                 ORDER BY seq",
                &[
                    &&team.0[..],
                    &cursor,
                    &to_i64(last)?,
                    &&pull.requester.0[..],
                ],
            )
            .await?;
        for row in rows {
            let kind: i16 = row.try_get(3)?;
            entries.push(Entry {
                seq: to_u64(row.try_get(0)?)?,
                record_id: fixed(&row, 1, RecordId::from_slice, "record id")?,
                author_device: fixed(&row, 2, DeviceId::from_slice, "device id")?,
                kind: kind_from_columns(i64::from(kind), row.try_get(4)?)?,
                ciphertext: row.try_get(5)?,
            });
        }
    }
    tx.commit().await?;
    Ok(SyncOutcome {
        pushed: Vec::new(),
        entries,
        more,
        cursor: next_cursor(pull.cursor, last, more, head),
        head,
        roster_version,
        erased: false,
    })
}

/// The latest encoded roster.
pub(super) async fn roster(client: &Client, team: TeamId) -> Result<Option<Vec<u8>>, StorageError> {
    let stmt = client
        .prepare_cached("SELECT roster FROM teams WHERE team_id = $1")
        .await?;
    let row = client.query_opt(&stmt, &[&&team.0[..]]).await?;
    Ok(row.map(|row| row.try_get(0)).transpose()?)
}

/// One page of the roster history after `since`, in one snapshot.
pub(super) async fn rosters(
    client: &mut Client,
    team: TeamId,
    since: u64,
    budget: usize,
) -> Result<RosterPage, StorageError> {
    // The sizes decide the page, then the page is read, in one snapshot.
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let since = to_i64(since)?;
    let sizes = tx
        .query(
            "SELECT version, octet_length(signed) FROM rosters
             WHERE team_id = $1 AND version > $2 ORDER BY version",
            &[&&team.0[..], &since],
        )
        .await?;
    let (mut taken, mut bytes, mut last) = (0usize, 0usize, None);
    for row in &sizes {
        let len: i32 = row.try_get(1)?;
        let len = usize::try_from(len).map_err(|_| StorageError::Corrupt("length"))?;
        if !fits(taken, bytes, len, u32::MAX, budget) {
            break;
        }
        taken += 1;
        bytes += len;
        last = Some(row.try_get::<_, i64>(0)?);
    }
    let mut page = RosterPage {
        rosters: Vec::with_capacity(taken),
        more: taken < sizes.len(),
    };
    if let Some(last) = last {
        for row in tx
            .query(
                "SELECT signed FROM rosters
                 WHERE team_id = $1 AND version > $2 AND version <= $3 ORDER BY version",
                &[&&team.0[..], &since, &last],
            )
            .await?
        {
            page.rosters.push(row.try_get(0)?);
        }
    }
    tx.commit().await?;
    Ok(page)
}

/// Pending joins of a team, oldest first.
pub(super) async fn pending(
    client: &Client,
    team: TeamId,
) -> Result<Vec<PendingJoin>, StorageError> {
    let rows = client
        .query(
            "SELECT device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash
             FROM pending_joins WHERE team_id = $1 ORDER BY created_at, device_id",
            &[&&team.0[..]],
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok(PendingJoin {
                device_id: fixed(row, 0, DeviceId::from_slice, "device id")?,
                signing_pk: fixed(row, 1, SigningPublicKey::from_slice, "signing key")?,
                agreement_pk: fixed(row, 2, AgreementPublicKey::from_slice, "agreement key")?,
                name_sealed: row.try_get(3)?,
                mac: fixed(row, 4, JoinMac::from_slice, "mac")?,
                token_hash: fixed(row, 5, TokenHash::from_slice, "token hash")?,
            })
        })
        .collect()
}

/// The notices of a team's devices, oldest first.
pub(super) async fn notices(client: &Client, team: TeamId) -> Result<Vec<Notice>, StorageError> {
    let rows = client
        .query(
            "SELECT device_id, received_at, sealed FROM notices WHERE team_id = $1
             ORDER BY received_at, device_id",
            &[&&team.0[..]],
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Notice {
                device_id: fixed(row, 0, DeviceId::from_slice, "device id")?,
                received_at: to_u64(row.try_get(1)?)?,
                sealed: row.try_get(2)?,
            })
        })
        .collect()
}

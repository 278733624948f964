//! Writes, each one transaction: pushes appended to their team's log under its row
//! lock, and teams, rosters, invites, joins and notices.

use std::collections::HashMap;

use deadpool_postgres::{Client, Transaction};
use ponte_proto::{
    DeviceId, EntryId, EntryKind, PendingJoin, Pushed, RecordId, Role, TeamId, TokenHash,
};

use super::fixed;
use crate::storage::{
    Created, InviteFound, JoinOutcome, JoinPlan, NewTeam, NoticeStored, Plan, PreparedEntry,
    RosterStored, RosterUpdate, StorageError, TEAM_GONE, check_covers, kind_columns, plan_entry,
    plan_join, role_code, to_i64, to_u64,
};

/// Creates a team with its first roster, in its history, and its devices.
pub(super) async fn create_team(
    client: &mut Client,
    team: NewTeam,
) -> Result<Created, StorageError> {
    let tx = client.transaction().await?;
    let inserted = tx
        .execute(
            "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
             VALUES ($1, $2, $3, $4, $5, (extract(epoch from now()) * 1000)::bigint)
             ON CONFLICT (team_id) DO NOTHING",
            &[
                &&team.team_id.0[..],
                &&team.creator.0[..],
                &&team.creator_pk.0[..],
                &to_i64(team.roster.version)?,
                &team.roster.signed,
            ],
        )
        .await?;
    if inserted == 0 {
        return Ok(Created::Exists);
    }
    keep_in_history(&tx, &team.team_id, &team.roster).await?;
    set_devices(&tx, &team.team_id, &team.roster).await?;
    tx.commit().await?;
    Ok(Created::Created)
}

/// Stores a roster that follows the stored one, in force and in the history.
pub(super) async fn put_roster(
    client: &mut Client,
    team: TeamId,
    roster: RosterUpdate,
) -> Result<RosterStored, StorageError> {
    let tx = client.transaction().await?;
    let updated = tx
        .execute(
            "UPDATE teams SET roster_version = $2, roster = $3
             WHERE team_id = $1 AND roster_version = $4",
            &[
                &&team.0[..],
                &to_i64(roster.version)?,
                &roster.signed,
                &to_i64(roster.version.saturating_sub(1))?,
            ],
        )
        .await?;
    if updated == 0 {
        return Ok(RosterStored::Stale);
    }
    keep_in_history(&tx, &team, &roster).await?;
    set_devices(&tx, &team, &roster).await?;
    tx.commit().await?;
    Ok(RosterStored::Stored)
}

/// Registers an invite token hash.
pub(super) async fn create_invite(
    client: &Client,
    team: TeamId,
    token_hash: TokenHash,
    expires_at: u64,
) -> Result<Created, StorageError> {
    let inserted = client
        .execute(
            "INSERT INTO invites (team_id, token_hash, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (team_id, token_hash) DO NOTHING",
            &[&&team.0[..], &&token_hash.0[..], &to_i64(expires_at)?],
        )
        .await?;
    Ok(if inserted == 1 {
        Created::Created
    } else {
        Created::Exists
    })
}

/// Uses an invite: checks it ([`plan_join`]), marks it used by the joining device
/// and stores the pending join.
pub(super) async fn join(
    client: &mut Client,
    team: TeamId,
    join: PendingJoin,
    now: u64,
) -> Result<JoinOutcome, StorageError> {
    let tx = client.transaction().await?;
    let invite = tx
        .query_opt(
            "SELECT expires_at, used_by, used_pk FROM invites
             WHERE team_id = $1 AND token_hash = $2 FOR UPDATE",
            &[&&team.0[..], &&join.token_hash.0[..]],
        )
        .await?;
    let found = match &invite {
        Some(invite) => Some(InviteFound {
            expires_at: invite.try_get(0)?,
            used_by: invite.try_get(1)?,
            used_pk: invite.try_get(2)?,
            device_known: tx
                .query_opt(
                    "SELECT 1 FROM devices WHERE team_id = $1 AND device_id = $2",
                    &[&&team.0[..], &&join.device_id.0[..]],
                )
                .await?
                .is_some(),
        }),
        None => None,
    };
    if let JoinPlan::Answer(outcome) = plan_join(found, &join, now)? {
        return Ok(outcome);
    }
    tx.execute(
        "UPDATE invites SET used_by = $3, used_pk = $4 WHERE team_id = $1 AND token_hash = $2",
        &[
            &&team.0[..],
            &&join.token_hash.0[..],
            &&join.device_id.0[..],
            &&join.signing_pk.0[..],
        ],
    )
    .await?;
    tx.execute(
        "INSERT INTO pending_joins
         (team_id, device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (team_id, device_id) DO UPDATE SET
         signing_pk = EXCLUDED.signing_pk, agreement_pk = EXCLUDED.agreement_pk,
         name_sealed = EXCLUDED.name_sealed, mac = EXCLUDED.mac,
         token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at",
        &[
            &&team.0[..],
            &&join.device_id.0[..],
            &&join.signing_pk.0[..],
            &&join.agreement_pk.0[..],
            &join.name_sealed,
            &&join.mac.0[..],
            &&join.token_hash.0[..],
            &to_i64(now)?,
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(JoinOutcome::Accepted)
}

/// Keeps a notice of a device unless it already has `max` kept.
pub(super) async fn leave_notice(
    client: &mut Client,
    team: TeamId,
    device: DeviceId,
    sealed: Vec<u8>,
    now: u64,
    max: usize,
) -> Result<NoticeStored, StorageError> {
    let max = i64::try_from(max).map_err(|_| StorageError::Corrupt("notice limit"))?;
    let tx = client.transaction().await?;
    // The device's row lock serialises two notices of one device from two relay
    // processes, so the count holds.
    tx.execute(
        "SELECT 1 FROM devices WHERE team_id = $1 AND device_id = $2 FOR UPDATE",
        &[&&team.0[..], &&device.0[..]],
    )
    .await?;
    let kept: i64 = tx
        .query_one(
            "SELECT COUNT(*) FROM notices WHERE team_id = $1 AND device_id = $2",
            &[&&team.0[..], &&device.0[..]],
        )
        .await?
        .try_get(0)?;
    if kept >= max {
        return Ok(NoticeStored::Full);
    }
    tx.execute(
        "INSERT INTO notices (team_id, device_id, received_at, sealed) VALUES ($1, $2, $3, $4)",
        &[&&team.0[..], &&device.0[..], &to_i64(now)?, &sealed],
    )
    .await?;
    tx.commit().await?;
    Ok(NoticeStored::Stored)
}

/// Appends `push` to the team's log as `author` and commits, so the team's row
/// lock is held only while entries are appended, not while a page is read.
pub(super) async fn push(
    client: &mut Client,
    team: &TeamId,
    author: &DeviceId,
    push: &[PreparedEntry],
) -> Result<Appended, StorageError> {
    let tx = client.transaction().await?;
    let row = tx
        .query_opt(
            "SELECT head FROM teams WHERE team_id = $1 FOR UPDATE",
            &[&&team.0[..]],
        )
        .await?
        .ok_or(TEAM_GONE)?;
    let appended = push_in(&tx, team, author, push, to_u64(row.try_get(0)?)?).await?;
    tx.commit().await?;
    Ok(appended)
}

/// What a push did.
pub(super) struct Appended {
    /// One outcome per pushed entry, in order.
    pub(super) pushed: Vec<Pushed>,
    /// A tombstone was stored (and its record's other entries deleted).
    pub(super) erased: bool,
}

/// Appends a push in the caller's transaction, which holds the team's row lock and
/// read `head` under it. A handful of round trips whatever the push's size: one
/// look-up of the entry ids already stored, one of the records' tombstones, one
/// insert of every new entry; compaction and erasure (rare) one statement each.
async fn push_in(
    tx: &Transaction<'_>,
    team: &TeamId,
    author: &DeviceId,
    push: &[PreparedEntry],
    mut head: u64,
) -> Result<Appended, StorageError> {
    let team_b = &team.0[..];
    let entry_ids: Vec<&[u8]> = push.iter().map(|e| &e.entry_id.0[..]).collect();
    let records: Vec<&[u8]> = push.iter().map(|e| &e.record_id.0[..]).collect();
    let mut known: HashMap<EntryId, u64> = HashMap::new();
    for row in tx
        .query(
            "SELECT entry_id, seq FROM entries WHERE team_id = $1 AND entry_id = ANY($2)",
            &[&team_b, &entry_ids],
        )
        .await?
    {
        known.insert(
            fixed(&row, 0, EntryId::from_slice, "entry id")?,
            to_u64(row.try_get(1)?)?,
        );
    }
    let mut erased_at: HashMap<RecordId, u64> = HashMap::new();
    for row in tx
        .query(
            "SELECT record_id, min(seq) FROM entries
             WHERE team_id = $1 AND record_id = ANY($2) AND kind = 2 GROUP BY record_id",
            &[&team_b, &records],
        )
        .await?
    {
        erased_at.insert(
            fixed(&row, 0, RecordId::from_slice, "record id")?,
            to_u64(row.try_get(1)?)?,
        );
    }

    let mut pushed = Vec::with_capacity(push.len());
    let mut erased = false;
    // The new rows, as columns for one `UNNEST` insert.
    let (mut seqs, mut ids, mut kinds, mut coverses, mut texts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut new_records: Vec<&[u8]> = Vec::new();
    // Compactions and erasures to run after the insert: (record, whether a snapshot
    // compacts, covers or the tombstone's seq).
    let mut deletes: Vec<(RecordId, bool, i64)> = Vec::new();
    for entry in push {
        let plan = plan_entry(
            entry.kind,
            known.get(&entry.entry_id).copied(),
            erased_at.get(&entry.record_id).copied(),
        );
        match plan {
            Plan::Existing(seq) => pushed.push(Pushed::Stored { seq }),
            Plan::Erased => pushed.push(Pushed::RecordErased),
            Plan::Append => {
                let seq = head + 1;
                check_covers(entry.kind.covers(), seq)?;
                let seq_i = to_i64(seq)?;
                let (kind, covers) = kind_columns(entry.kind)?;
                seqs.push(seq_i);
                new_records.push(&entry.record_id.0[..]);
                ids.push(&entry.entry_id.0[..]);
                kinds.push(kind);
                coverses.push(covers);
                texts.push(&entry.ciphertext[..]);
                // A later entry of this push with the same id is a retry of this one.
                known.insert(entry.entry_id, seq);
                match (entry.kind, covers) {
                    (EntryKind::Snapshot { .. }, Some(covers)) => {
                        deletes.push((entry.record_id, true, covers));
                    }
                    (EntryKind::Tombstone, _) => {
                        deletes.push((entry.record_id, false, seq_i));
                        erased_at.insert(entry.record_id, seq);
                        erased = true;
                    }
                    _ => {}
                }
                head = seq;
                pushed.push(Pushed::Stored { seq });
            }
        }
    }
    if !seqs.is_empty() {
        let insert = tx
            .prepare_cached(
                "INSERT INTO entries (team_id, author, seq, record_id, entry_id, kind, covers, ciphertext)
                 SELECT $1, $2, * FROM UNNEST($3::bigint[], $4::bytea[], $5::bytea[], $6::smallint[], $7::bigint[], $8::bytea[])",
            )
            .await?;
        tx.execute(
            &insert,
            &[
                &team_b,
                &&author.0[..],
                &seqs,
                &new_records,
                &ids,
                &kinds,
                &coverses,
                &texts,
            ],
        )
        .await?;
    }
    // In push order, after every row is in: a snapshot's compaction spares later
    // entries (`seq <= covers`), an erasure spares only its tombstone (`seq < own`).
    for (record, compacts, bound) in deletes {
        let sql = if compacts {
            "DELETE FROM entries WHERE team_id = $1 AND record_id = $2 AND kind IN (0, 1) AND seq <= $3"
        } else {
            "DELETE FROM entries WHERE team_id = $1 AND record_id = $2 AND seq < $3"
        };
        tx.execute(sql, &[&team_b, &&record.0[..], &bound]).await?;
    }
    tx.execute(
        "UPDATE teams SET head = $2 WHERE team_id = $1",
        &[&team_b, &to_i64(head)?],
    )
    .await?;
    Ok(Appended { pushed, erased })
}

/// Adds a roster to the team's history.
async fn keep_in_history(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO rosters (team_id, version, signed) VALUES ($1, $2, $3)",
        &[&&team.0[..], &to_i64(roster.version)?, &roster.signed],
    )
    .await?;
    Ok(())
}

/// Replaces the team's device list with the roster's: listed devices become
/// active (with the roster's key and role), all others revoked; their pending joins
/// go. A recovery entry the roster no longer lists is forgotten (a used or replaced
/// kit is unknown to the relay from then on).
async fn set_devices(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "DELETE FROM devices WHERE team_id = $1 AND role = $2",
        &[&&team.0[..], &role_code(Role::Recovery)],
    )
    .await?;
    tx.execute(
        "UPDATE devices SET active = FALSE WHERE team_id = $1",
        &[&&team.0[..]],
    )
    .await?;
    let upsert = tx
        .prepare_cached(
            "INSERT INTO devices (team_id, device_id, signing_pk, active, role)
             VALUES ($1, $2, $3, TRUE, $4)
             ON CONFLICT (team_id, device_id) DO UPDATE SET
             signing_pk = EXCLUDED.signing_pk, active = TRUE, role = EXCLUDED.role",
        )
        .await?;
    let clear = tx
        .prepare_cached("DELETE FROM pending_joins WHERE team_id = $1 AND device_id = $2")
        .await?;
    for (device, key, role) in &roster.devices {
        tx.execute(
            &upsert,
            &[&&team.0[..], &&device.0[..], &&key.0[..], &role_code(*role)],
        )
        .await?;
        tx.execute(&clear, &[&&team.0[..], &&device.0[..]]).await?;
    }
    // A removed device's notices go with it.
    tx.execute(
        "DELETE FROM notices WHERE team_id = $1 AND device_id IN
         (SELECT device_id FROM devices WHERE team_id = $1 AND NOT active)",
        &[&&team.0[..]],
    )
    .await?;
    Ok(())
}

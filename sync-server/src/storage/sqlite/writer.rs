//! Writes, all on the one writer connection: pushes group-committed (one
//! transaction, a savepoint per push) and appended to their team's log, and the
//! one-transaction writes of teams, rosters, invites, joins and purges.

use std::collections::HashMap;
use std::sync::Arc;

use ponte_proto::{DeviceId, EntryKind, PendingJoin, Pushed, RecordId, Role, TeamId, TokenHash};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::nonces::{self, PendingNonce, write_nonces};
use super::upkeep::truncate_wal;
use super::{Inner, SqliteStorage, lock};
use crate::storage::{
    Created, INVITE_GRACE_MS, InviteFound, JoinOutcome, JoinPlan, NewTeam, NoticeStored,
    PENDING_TTL_MS, Plan, PreparedEntry, RosterStored, RosterUpdate, StorageError, TEAM_GONE,
    check_covers, kind_columns, plan_entry, plan_join, role_code, to_i64, to_u64,
};

/// One queued push and where its outcome goes.
pub(super) struct PushJob {
    /// The team whose log it goes to.
    team: TeamId,
    /// The device that pushed it.
    author: DeviceId,
    /// Its entries, in order.
    push: Vec<PreparedEntry>,
    /// Where its outcome goes.
    reply: tokio::sync::oneshot::Sender<Result<Appended, StorageError>>,
}

impl std::fmt::Debug for PushJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushJob")
            .field("entries", &self.push.len())
            .finish()
    }
}

/// What a push did.
#[derive(Debug)]
pub(super) struct Appended {
    /// One outcome per pushed entry, in order.
    pub(super) pushed: Vec<Pushed>,
    /// A tombstone was stored (and the WAL truncated after the commit).
    pub(super) erased: bool,
}

impl SqliteStorage {
    /// Queues a push for the next group commit, runs one (unless another task took
    /// the queue first) and waits for this push's outcome.
    pub(super) async fn append(
        &self,
        team: TeamId,
        author: DeviceId,
        push: Vec<PreparedEntry>,
    ) -> Result<Appended, StorageError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        lock(&self.inner.queue).push(PushJob {
            team,
            author,
            push,
            reply,
        });
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || inner.commit_queued()).await?;
        answer
            .await
            .map_err(|_| StorageError::Batch("push dropped from the queue".into()))?
    }
}

impl Inner {
    /// Group commit: runs every queued push in one transaction on the writer and
    /// answers each. Returns at once if another task already took the queue.
    pub(super) fn commit_queued(&self) {
        let mut conn = lock(&self.writer);
        let jobs = std::mem::take(&mut *lock(&self.queue));
        if jobs.is_empty() {
            return;
        }
        let nonces = lock(&self.nonces).take_pending();
        match run_batch(&mut conn, &nonces, &jobs) {
            Ok(outcomes) => {
                let erased = outcomes
                    .iter()
                    .any(|o| matches!(o, Ok(Appended { erased: true, .. })));
                if erased && let Err(error) = truncate_wal(&conn) {
                    tracing::warn!(%error, "wal checkpoint after erasure failed");
                }
                for (job, outcome) in jobs.into_iter().zip(outcomes) {
                    // The request may have gone (client disconnected): nothing to do.
                    let _ = job.reply.send(outcome);
                }
            }
            Err(error) => {
                lock(&self.nonces).restore(nonces);
                let message = error.to_string();
                for job in jobs {
                    let _ = job.reply.send(Err(StorageError::Batch(message.clone())));
                }
            }
        }
    }
}

/// One transaction: the pending nonces, then each push in a savepoint.
fn run_batch(
    conn: &mut Connection,
    nonces: &[PendingNonce],
    jobs: &[PushJob],
) -> Result<Vec<Result<Appended, StorageError>>, StorageError> {
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    write_nonces(&tx, nonces)?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        let savepoint = tx.savepoint()?;
        match push_in(&savepoint, &job.team, &job.author, &job.push) {
            Ok(appended) => {
                savepoint.commit()?;
                outcomes.push(Ok(appended));
            }
            // Dropping the savepoint rolls this push back, and only this one.
            Err(error) => outcomes.push(Err(error)),
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

/// Creates a team with its first roster, unless it exists.
pub(super) fn create_team(conn: &mut Connection, team: &NewTeam) -> Result<Created, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let inserted = tx.execute(
        "INSERT INTO teams (team_id, supervisor, supervisor_pk, roster_version, roster, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%s','now') * 1000)
         ON CONFLICT (team_id) DO NOTHING",
        params![
            &team.team_id.0[..],
            &team.creator.0[..],
            &team.creator_pk.0[..],
            to_i64(team.roster.version)?,
            &team.roster.signed
        ],
    )?;
    if inserted == 0 {
        return Ok(Created::Exists);
    }
    keep_in_history(&tx, &team.team_id, &team.roster)?;
    set_devices(&tx, &team.team_id, &team.roster)?;
    tx.commit()?;
    Ok(Created::Created)
}

/// Stores a roster if the stored one is the version just before it, keeps it in the
/// team's history and puts its devices in force.
pub(super) fn put_roster(
    conn: &mut Connection,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<RosterStored, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let updated = tx.execute(
        "UPDATE teams SET roster_version = ?2, roster = ?3
         WHERE team_id = ?1 AND roster_version = ?2 - 1",
        params![&team.0[..], to_i64(roster.version)?, &roster.signed],
    )?;
    if updated == 0 {
        return Ok(RosterStored::Stale);
    }
    keep_in_history(&tx, team, roster)?;
    set_devices(&tx, team, roster)?;
    tx.commit()?;
    Ok(RosterStored::Stored)
}

/// Adds a roster to the team's history.
fn keep_in_history(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.prepare_cached("INSERT INTO rosters (team_id, version, signed) VALUES (?1, ?2, ?3)")?
        .execute(params![
            &team.0[..],
            to_i64(roster.version)?,
            &roster.signed
        ])?;
    Ok(())
}

/// Replaces the team's device list with the roster's: listed devices become
/// active (with the roster's key and role), all others revoked; their pending joins
/// go. A recovery entry the roster no longer lists is forgotten (a used or replaced
/// kit is unknown to the relay from then on).
fn set_devices(
    tx: &Transaction<'_>,
    team: &TeamId,
    roster: &RosterUpdate,
) -> Result<(), StorageError> {
    tx.execute(
        "DELETE FROM devices WHERE team_id = ?1 AND role = ?2",
        params![&team.0[..], role_code(Role::Recovery)],
    )?;
    tx.execute(
        "UPDATE devices SET active = 0 WHERE team_id = ?1",
        [&team.0[..]],
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO devices (team_id, device_id, signing_pk, active, role) VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (team_id, device_id) DO UPDATE SET
         signing_pk = excluded.signing_pk, active = 1, role = excluded.role",
    )?;
    let mut clear =
        tx.prepare_cached("DELETE FROM pending_joins WHERE team_id = ?1 AND device_id = ?2")?;
    for (device, key, role) in &roster.devices {
        upsert.execute(params![
            &team.0[..],
            &device.0[..],
            &key.0[..],
            role_code(*role)
        ])?;
        clear.execute(params![&team.0[..], &device.0[..]])?;
    }
    // A removed device's notices go with it.
    tx.execute(
        "DELETE FROM notices WHERE team_id = ?1 AND device_id IN
         (SELECT device_id FROM devices WHERE team_id = ?1 AND active = 0)",
        [&team.0[..]],
    )?;
    Ok(())
}

/// Keeps a device's notice unless it has `max` kept already.
pub(super) fn leave_notice(
    conn: &mut Connection,
    team: &TeamId,
    device: &DeviceId,
    sealed: &[u8],
    now: u64,
    max: usize,
) -> Result<NoticeStored, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let kept: i64 = tx.query_row(
        "SELECT COUNT(*) FROM notices WHERE team_id = ?1 AND device_id = ?2",
        params![&team.0[..], &device.0[..]],
        |row| row.get(0),
    )?;
    if usize::try_from(kept).unwrap_or(usize::MAX) >= max {
        return Ok(NoticeStored::Full);
    }
    tx.execute(
        "INSERT INTO notices (team_id, device_id, received_at, sealed) VALUES (?1, ?2, ?3, ?4)",
        params![&team.0[..], &device.0[..], to_i64(now)?, sealed],
    )?;
    tx.commit()?;
    Ok(NoticeStored::Stored)
}

/// Registers an invite token hash, unless the team has it already.
pub(super) fn create_invite(
    conn: &Connection,
    team: &TeamId,
    token_hash: &TokenHash,
    expires_at: u64,
) -> Result<Created, StorageError> {
    let inserted = conn.execute(
        "INSERT INTO invites (team_id, token_hash, expires_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (team_id, token_hash) DO NOTHING",
        params![&team.0[..], &token_hash.0[..], to_i64(expires_at)?],
    )?;
    Ok(if inserted == 1 {
        Created::Created
    } else {
        Created::Exists
    })
}

/// Uses an invite: checks it, marks it used by the joining device and stores the
/// pending join.
pub(super) fn join(
    conn: &mut Connection,
    team: &TeamId,
    join: &PendingJoin,
    now: u64,
) -> Result<JoinOutcome, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let invite = tx
        .query_row(
            "SELECT expires_at, used_by, used_pk FROM invites WHERE team_id = ?1 AND token_hash = ?2",
            params![&team.0[..], &join.token_hash.0[..]],
            |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Option<Vec<u8>>>(1)?, row.get::<_, Option<Vec<u8>>>(2)?))
            },
        )
        .optional()?;
    let invite = match &invite {
        Some((expires_at, used_by, used_pk)) => Some(InviteFound {
            expires_at: *expires_at,
            used_by: used_by.as_deref(),
            used_pk: used_pk.as_deref(),
            device_known: tx
                .query_row(
                    "SELECT 1 FROM devices WHERE team_id = ?1 AND device_id = ?2",
                    params![&team.0[..], &join.device_id.0[..]],
                    |_| Ok(()),
                )
                .optional()?
                .is_some(),
        }),
        None => None,
    };
    if let JoinPlan::Answer(outcome) = plan_join(invite, join, now)? {
        return Ok(outcome);
    }
    tx.execute(
        "UPDATE invites SET used_by = ?3, used_pk = ?4 WHERE team_id = ?1 AND token_hash = ?2",
        params![
            &team.0[..],
            &join.token_hash.0[..],
            &join.device_id.0[..],
            &join.signing_pk.0[..]
        ],
    )?;
    tx.execute(
        "INSERT INTO pending_joins
         (team_id, device_id, signing_pk, agreement_pk, name_sealed, mac, token_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (team_id, device_id) DO UPDATE SET
         signing_pk = excluded.signing_pk, agreement_pk = excluded.agreement_pk,
         name_sealed = excluded.name_sealed, mac = excluded.mac,
         token_hash = excluded.token_hash, created_at = excluded.created_at",
        params![
            &team.0[..],
            &join.device_id.0[..],
            &join.signing_pk.0[..],
            &join.agreement_pk.0[..],
            &join.name_sealed,
            &join.mac.0[..],
            &join.token_hash.0[..],
            to_i64(now)?
        ],
    )?;
    tx.commit()?;
    Ok(JoinOutcome::Accepted)
}

/// Deletes expired nonces, invites past their grace and stale pending joins, in
/// one transaction; returns how many rows went.
pub(super) fn purge(conn: &mut Connection, now: u64) -> Result<u64, StorageError> {
    let now = to_i64(now)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut purged = nonces::delete_expired(&tx, now)?;
    purged += tx.execute(
        "DELETE FROM invites WHERE expires_at < ?1",
        [now - INVITE_GRACE_MS],
    )?;
    purged += tx.execute(
        "DELETE FROM pending_joins WHERE created_at < ?1",
        [now - PENDING_TTL_MS],
    )?;
    tx.commit()?;
    Ok(u64::try_from(purged).unwrap_or(u64::MAX))
}

/// Appends a push to the team's log, in the caller's transaction (or savepoint).
fn push_in(
    tx: &Connection,
    team: &TeamId,
    author: &DeviceId,
    push: &[PreparedEntry],
) -> Result<Appended, StorageError> {
    let head: i64 = tx
        .prepare_cached("SELECT head FROM teams WHERE team_id = ?1")?
        .query_row([&team.0[..]], |row| row.get(0))
        .optional()?
        .ok_or(TEAM_GONE)?;
    let mut head = to_u64(head)?;
    let mut pushed = Vec::with_capacity(push.len());
    let mut erased = false;
    let mut existing =
        tx.prepare_cached("SELECT seq FROM entries WHERE team_id = ?1 AND entry_id = ?2")?;
    let mut tombstone = tx.prepare_cached(
        "SELECT seq FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind = 2 LIMIT 1",
    )?;
    // `DO NOTHING` on a known entry id: the insert itself finds a retried entry, and
    // only then is its seq looked up.
    let mut insert = tx.prepare_cached(
        "INSERT INTO entries (team_id, seq, record_id, entry_id, author, kind, covers, ciphertext)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (team_id, entry_id) DO NOTHING",
    )?;
    let mut compact = tx.prepare_cached(
        "DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND kind IN (0, 1) AND seq <= ?3",
    )?;
    let mut erase = tx
        .prepare_cached("DELETE FROM entries WHERE team_id = ?1 AND record_id = ?2 AND seq < ?3")?;
    // Each record's tombstone seq, looked up once per push (a new record comes as a
    // key entry and a change).
    let mut erased_at: HashMap<RecordId, Option<u64>> = HashMap::new();
    for entry in push {
        let record = &entry.record_id.0[..];
        let tombstone_seq = match erased_at.get(&entry.record_id) {
            Some(seq) => *seq,
            None => {
                let seq: Option<i64> = tombstone
                    .query_row(params![&team.0[..], record], |row| row.get(0))
                    .optional()?;
                let seq = seq.map(to_u64).transpose()?;
                erased_at.insert(entry.record_id, seq);
                seq
            }
        };
        let mut find_existing = || -> Result<Option<u64>, StorageError> {
            let found: Option<i64> = existing
                .query_row(params![&team.0[..], &entry.entry_id.0[..]], |row| {
                    row.get(0)
                })
                .optional()?;
            found.map(to_u64).transpose()
        };
        // Of an erased record only a retried entry is answered with its seq.
        let plan = if tombstone_seq.is_some() {
            plan_entry(entry.kind, find_existing()?, tombstone_seq)
        } else {
            Plan::Append
        };
        match plan {
            Plan::Existing(seq) => pushed.push(Pushed::Stored { seq }),
            Plan::Erased => pushed.push(Pushed::RecordErased),
            Plan::Append => {
                let seq = head + 1;
                let (kind, covers) = kind_columns(entry.kind)?;
                let inserted = insert.execute(params![
                    &team.0[..],
                    to_i64(seq)?,
                    record,
                    &entry.entry_id.0[..],
                    &author.0[..],
                    kind,
                    covers,
                    &entry.ciphertext
                ])?;
                if inserted == 0 {
                    let seq = find_existing()?.ok_or(StorageError::Corrupt("entry id conflict"))?;
                    pushed.push(Pushed::Stored { seq });
                    continue;
                }
                // Checked after the insert, which is undone with the push if it fails.
                check_covers(entry.kind.covers(), seq)?;
                match entry.kind {
                    EntryKind::Snapshot { covers } => {
                        compact.execute(params![&team.0[..], record, to_i64(covers)?])?;
                    }
                    EntryKind::Tombstone => {
                        erase.execute(params![&team.0[..], record, to_i64(seq)?])?;
                        erased_at.insert(entry.record_id, Some(seq));
                        erased = true;
                    }
                    _ => {}
                }
                head = seq;
                pushed.push(Pushed::Stored { seq });
            }
        }
    }
    tx.prepare_cached("UPDATE teams SET head = ?2 WHERE team_id = ?1")?
        .execute(params![&team.0[..], to_i64(head)?])?;
    Ok(Appended { pushed, erased })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use ponte_proto::{EntryId, EntryKind, SigningPublicKey};

    use super::*;
    use crate::storage::{PullRequest, Storage};

    async fn team(storage: &SqliteStorage) -> (TeamId, DeviceId) {
        let team = TeamId([1; 16]);
        let device = DeviceId([2; 16]);
        let key = SigningPublicKey([3; 32]);
        let created = storage
            .create_team(NewTeam {
                team_id: team,
                creator: device,
                creator_pk: key,
                roster: RosterUpdate {
                    version: 1,
                    signed: vec![0],
                    devices: vec![(device, key, Role::Supervisor)],
                },
            })
            .await
            .unwrap();
        assert_eq!(created, Created::Created);
        (team, device)
    }

    fn entry(n: u8, kind: EntryKind) -> PreparedEntry {
        PreparedEntry {
            record_id: RecordId([n; 16]),
            entry_id: EntryId([n; 32]),
            kind,
            ciphertext: vec![n; 10],
        }
    }

    fn pull(requester: DeviceId) -> PullRequest {
        PullRequest {
            cursor: 0,
            limit: 1000,
            byte_budget: 1 << 20,
            requester,
        }
    }

    /// Pushes that arrive together share commits: each gets its own seqs, in one
    /// strictly increasing log, and a push that fails (a snapshot covering its own
    /// seq) is undone alone.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_pushes_are_committed_together_and_fail_alone() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(&dir.path().join("relay.db")).unwrap();
        let (team, device) = team(&storage).await;
        let mut tasks = Vec::new();
        for n in 0..40u8 {
            let storage = storage.clone();
            tasks.push(tokio::spawn(async move {
                let push = if n == 13 {
                    vec![
                        entry(200, EntryKind::Change),
                        entry(
                            201,
                            EntryKind::Snapshot {
                                covers: u64::MAX >> 2,
                            },
                        ),
                    ]
                } else {
                    vec![
                        entry(n * 2, EntryKind::Key),
                        entry(n * 2 + 1, EntryKind::Change),
                    ]
                };
                storage
                    .sync(team, device, push, pull(DeviceId([0; 16])))
                    .await
            }));
        }
        let mut seqs = Vec::new();
        for (n, task) in tasks.into_iter().enumerate() {
            match task.await.unwrap() {
                Ok(outcome) => {
                    assert_ne!(n, 13);
                    let got: Vec<u64> = outcome.pushed.iter().filter_map(Pushed::seq).collect();
                    assert_eq!(got.len(), 2);
                    assert_eq!(got[1], got[0] + 1, "a push's entries are consecutive");
                    seqs.extend(got);
                }
                Err(StorageError::CoversBeyondHead { .. }) => assert_eq!(n, 13),
                Err(other) => panic!("push {n}: {other}"),
            }
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=78).collect::<Vec<u64>>());
        let page = storage
            .sync(team, device, vec![], pull(DeviceId([0; 16])))
            .await
            .unwrap();
        assert_eq!(page.head, 78);
        assert_eq!(page.entries.len(), 78);
        assert!(
            page.entries.iter().all(|e| e.record_id.0[0] < 80),
            "the failed push left nothing"
        );
    }

    /// Each kind is stored under its code of the file format (`EntryKind::code`), with
    /// `covers` beside a snapshot's, and read back as the same kind.
    #[tokio::test]
    async fn entry_kinds_keep_their_codes_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("relay.db");
        let storage = SqliteStorage::open(&path).unwrap();
        let (team, device) = team(&storage).await;
        let kinds = [
            EntryKind::Change,
            EntryKind::Snapshot { covers: 1 },
            EntryKind::Tombstone,
            EntryKind::Key,
        ];
        let push = (0u8..).zip(kinds).map(|(n, kind)| entry(n, kind)).collect();
        let page = storage
            .sync(team, device, push, pull(DeviceId([0; 16])))
            .await
            .unwrap();
        let read: Vec<EntryKind> = page.entries.iter().map(|e| e.kind).collect();
        assert_eq!(read, kinds);
        let conn = Connection::open(&path).unwrap();
        let mut stmt = conn
            .prepare("SELECT kind, covers FROM entries ORDER BY seq")
            .unwrap();
        let stored: Vec<(i64, Option<i64>)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(stored, [(0, None), (1, Some(1)), (2, None), (3, None)]);
    }
}

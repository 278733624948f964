//! Where the relay keeps teams, rosters, invites, nonces and entry logs.
//!
//! [`Storage`] is one trait with two implementations: [`SqliteStorage`] (embedded,
//! one process) and [`PostgresStorage`] (several relay processes on one database).
//! Each method is one atomic operation; the rules that decide what an operation
//! does with an entry or a join (`plan_entry`, `plan_join`, `fits`), and how an
//! entry's kind is stored (`kind_columns`, the proto's `EntryKind::code`), are plain
//! functions here, shared by both backends, so the two only differ in SQL.
//!
//! Storage sees ids, sizes, times and ciphertext, never a key or a plaintext.

mod postgres;
mod sqlite;

use std::future::Future;

use ponte_proto::{
    DeviceId, EntryId, EntryKind, Nonce, Notice, PendingJoin, Pushed, RecordId, Role, SignedRoster,
    SigningPublicKey, TeamId, TokenHash,
};

pub use postgres::PostgresStorage;
pub use sqlite::SqliteStorage;

/// Invites are purged this long after they expire, so a device retrying its join
/// shortly after expiry still finds the invite it used.
const INVITE_GRACE_MS: i64 = 24 * 60 * 60 * 1000;
/// Join requests the supervisor never approved are purged after this long.
const PENDING_TTL_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A failure of the storage backend. Domain refusals are not errors: they are the
/// `Ok` values of each operation ([`Created::Exists`], [`JoinOutcome::BadToken`],
/// ...), except [`StorageError::CoversBeyondHead`], which aborts a whole push.
///
/// Messages never contain stored bytes: backend errors are reduced to a code and a
/// message without PostgreSQL's `DETAIL` (which can echo key values).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// A snapshot claims to cover seq `covers`, but it would itself get seq `seq`.
    #[error("snapshot covers seq {covers}, not below its own seq {seq}")]
    CoversBeyondHead {
        /// Claimed coverage.
        covers: u64,
        /// The snapshot's own seq.
        seq: u64,
    },
    /// SQLite failed.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL failed.
    #[error("postgres: {0}")]
    Postgres(String),
    /// No PostgreSQL connection could be had from the pool.
    #[error("postgres pool: {0}")]
    Pool(String),
    /// A blocking storage task panicked or was cancelled.
    #[error("storage task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// The database holds something this code never writes.
    #[error("corrupt row: {0}")]
    Corrupt(&'static str),
    /// The database URL or path is unusable.
    #[error("bad database location: {0}")]
    Config(String),
    /// A group commit failed: every push in it failed with it (nothing stored).
    #[error("group commit failed: {0}")]
    Batch(String),
}

impl From<tokio_postgres::Error> for StorageError {
    fn from(error: tokio_postgres::Error) -> Self {
        // `Display` of a database error includes DETAIL, which can quote key values;
        // keep the SQLSTATE and the message only.
        match error.as_db_error() {
            Some(db) => Self::Postgres(format!("{} {}", db.code().code(), db.message())),
            None => Self::Postgres(error.to_string()),
        }
    }
}

impl From<deadpool_postgres::PoolError> for StorageError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        match error {
            deadpool_postgres::PoolError::Backend(e) => e.into(),
            other => Self::Pool(other.to_string()),
        }
    }
}

/// A new team: the device that created it and the first roster.
#[derive(Clone, Debug)]
pub struct NewTeam {
    /// The team.
    pub team_id: TeamId,
    /// The device that created the team (kept for the record: who may sign the next
    /// roster is decided by the roster chain, never by this).
    pub creator: DeviceId,
    /// Its signing key.
    pub creator_pk: SigningPublicKey,
    /// The first roster.
    pub roster: RosterUpdate,
}

/// A checked roster, ready to store.
#[derive(Clone, Debug)]
pub struct RosterUpdate {
    /// Its version.
    pub version: u64,
    /// The encoded `SignedRoster`, served as is by `GET /v1/roster`.
    pub signed: Vec<u8>,
    /// The devices it lists, their signing keys and roles: these authenticate from now
    /// on, with these roles; any other device the team had is revoked (a recovery
    /// entry no longer listed is forgotten).
    pub devices: Vec<(DeviceId, SigningPublicKey, Role)>,
}

/// Result of creating something that must be unique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    /// Stored.
    Created,
    /// One with the same key exists; nothing changed.
    Exists,
}

/// Result of storing a roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterStored {
    /// Stored and in force.
    Stored,
    /// The stored roster is no longer the one it follows (another relay process
    /// stored the next version meanwhile).
    Stale,
}

/// One page of a team's roster history (`GET /v2/rosters`).
#[derive(Clone, Debug, Default)]
pub struct RosterPage {
    /// Encoded `SignedRoster`s, oldest first.
    pub rosters: Vec<Vec<u8>>,
    /// Newer rosters remain.
    pub more: bool,
}

/// How a device stands in a team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceStatus {
    /// In the latest roster.
    Active(SigningPublicKey),
    /// In an earlier roster, not in the latest.
    Revoked(SigningPublicKey),
    /// Not in a roster yet, but has a pending join request.
    Pending(SigningPublicKey),
    /// Never seen in this team.
    Unknown,
}

/// A device looked up in an existing team.
#[derive(Clone, Copy, Debug)]
pub struct DeviceLookup {
    /// The device.
    pub status: DeviceStatus,
    /// Its role in the latest roster, for an active device (`None` otherwise, or for
    /// a device of a roster the relay could not read when it added roles).
    pub role: Option<Role>,
    /// The version of the team's latest roster.
    pub roster_version: u64,
}

/// The `(kind, covers)` columns an entry kind is stored in: [`EntryKind::code`]
/// and [`EntryKind::covers`], the one mapping the relay and the devices' outboxes
/// share. The SQL of both backends names the codes of tombstones (2) and of changes
/// and snapshots (0, 1) itself.
pub(crate) fn kind_columns(kind: EntryKind) -> Result<(i16, Option<i64>), StorageError> {
    Ok((
        i16::from(kind.code()),
        kind.covers().map(to_i64).transpose()?,
    ))
}

/// The entry kind stored in `(kind, covers)` columns ([`kind_columns`] reversed): an
/// unknown code or a snapshot without `covers` is corrupt.
pub(crate) fn kind_from_columns(code: i64, covers: Option<i64>) -> Result<EntryKind, StorageError> {
    let code = u8::try_from(code).map_err(|_| StorageError::Corrupt("entry kind"))?;
    let covers = covers.map(to_u64).transpose()?;
    EntryKind::from_code(code, covers).ok_or(StorageError::Corrupt("entry kind"))
}

/// An entry checked by the relay, ready to append.
#[derive(Clone, Debug)]
pub struct PreparedEntry {
    /// The record.
    pub record_id: RecordId,
    /// SHA-256 of `ciphertext`, computed by the relay.
    pub entry_id: EntryId,
    /// Its kind.
    pub kind: EntryKind,
    /// The bytes.
    pub ciphertext: Vec<u8>,
}

/// What to pull.
#[derive(Clone, Copy, Debug)]
pub struct PullRequest {
    /// Entries with `seq > cursor`.
    pub cursor: u64,
    /// At most this many (already capped by the relay).
    pub limit: u32,
    /// At most this many bytes of ciphertext, but at least one entry.
    pub byte_budget: usize,
    /// Leave out this device's own entries.
    pub requester: DeviceId,
}

/// Result of a sync: the push outcomes and one page of the log.
#[derive(Clone, Debug)]
pub struct SyncOutcome {
    /// One per pushed entry, in order.
    pub pushed: Vec<Pushed>,
    /// The page.
    pub entries: Vec<ponte_proto::Entry>,
    /// More entries are due after this page.
    pub more: bool,
    /// The cursor to send next.
    pub cursor: u64,
    /// Highest seq of the log.
    pub head: u64,
    /// Latest roster version.
    pub roster_version: u64,
    /// A tombstone was stored: the backend has purged the erased bytes.
    pub erased: bool,
}

/// Result of a join request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinOutcome {
    /// Stored as pending (or the same device retried a join it already made).
    Accepted,
    /// No invite of this team has this token hash.
    BadToken,
    /// The invite was used by another device.
    TokenUsed,
    /// The invite expired.
    Expired,
    /// The device is (or was) in the team's roster.
    DeviceExists,
}

/// Result of leaving a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeStored {
    /// Kept for the supervisor.
    Stored,
    /// The device already has the most notices kept for one; nothing changed.
    Full,
}

/// The relay's persistent state. Every method is atomic.
///
/// Methods return `impl Future + Send` so handlers can be spawned on a
/// multi-threaded runtime; implementations write them as `async fn`.
pub trait Storage: Send + Sync + 'static {
    /// Creates a team with its first roster (and it as the first of its history).
    fn create_team(
        &self,
        team: NewTeam,
    ) -> impl Future<Output = Result<Created, StorageError>> + Send;

    /// The device's standing and role, or `None` if the team is unknown.
    fn lookup_device(
        &self,
        team: TeamId,
        device: DeviceId,
    ) -> impl Future<Output = Result<Option<DeviceLookup>, StorageError>> + Send;

    /// Records a request nonce until `expires_at`. `false` if `device` already used
    /// this nonce and it has not expired (a replay). The relay passes the device *of a
    /// team* here (`relay::nonce_holder`), so an id copied into another team has
    /// nonces of its own.
    fn remember_nonce(
        &self,
        device: DeviceId,
        nonce: Nonce,
        expires_at: u64,
        now: u64,
    ) -> impl Future<Output = Result<bool, StorageError>> + Send;

    /// Appends `push` (all or nothing) as `author`, then reads one page of the log
    /// for `pull`, in one transaction. Applies compaction and erasure.
    fn sync(
        &self,
        team: TeamId,
        author: DeviceId,
        push: Vec<PreparedEntry>,
        pull: PullRequest,
    ) -> impl Future<Output = Result<SyncOutcome, StorageError>> + Send;

    /// Stores a roster if the stored one is the version just before it (else
    /// [`RosterStored::Stale`]), in force and in the team's history; updates who may
    /// authenticate and with which role, clears the pending joins of devices it lists
    /// and deletes the notices of devices it no longer lists.
    fn put_roster(
        &self,
        team: TeamId,
        roster: RosterUpdate,
    ) -> impl Future<Output = Result<RosterStored, StorageError>> + Send;

    /// The latest encoded `SignedRoster`.
    fn roster(
        &self,
        team: TeamId,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StorageError>> + Send;

    /// The team's stored rosters with a version above `since`, oldest first, as many
    /// as fit in `budget` bytes together (at least one if any is due).
    fn rosters(
        &self,
        team: TeamId,
        since: u64,
        budget: usize,
    ) -> impl Future<Output = Result<RosterPage, StorageError>> + Send;

    /// Registers an invite token hash.
    fn create_invite(
        &self,
        team: TeamId,
        token_hash: TokenHash,
        expires_at: u64,
    ) -> impl Future<Output = Result<Created, StorageError>> + Send;

    /// Uses an invite: checks it, marks it used by `join.device_id` and stores the
    /// pending join.
    fn join(
        &self,
        team: TeamId,
        join: PendingJoin,
        now: u64,
    ) -> impl Future<Output = Result<JoinOutcome, StorageError>> + Send;

    /// Pending joins of a team, oldest first.
    fn pending(
        &self,
        team: TeamId,
    ) -> impl Future<Output = Result<Vec<PendingJoin>, StorageError>> + Send;

    /// Keeps `sealed` as a notice of `device` (an active device of `team`) received
    /// at `now`, unless the device already has `max` notices kept.
    fn leave_notice(
        &self,
        team: TeamId,
        device: DeviceId,
        sealed: Vec<u8>,
        now: u64,
        max: usize,
    ) -> impl Future<Output = Result<NoticeStored, StorageError>> + Send;

    /// The notices of a team's devices, oldest first. Notices of a device a roster
    /// removed are deleted by [`Storage::put_roster`].
    fn notices(
        &self,
        team: TeamId,
    ) -> impl Future<Output = Result<Vec<Notice>, StorageError>> + Send;

    /// Deletes expired nonces and invites; returns how many rows went.
    fn purge_expired(&self, now: u64) -> impl Future<Output = Result<u64, StorageError>> + Send;
}

/// What to do with one pushed entry, given what the log holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// Already stored (a retry), or a second tombstone of an erased record: answer
    /// with this seq, store nothing.
    Existing(u64),
    /// The record was erased: refuse.
    Erased,
    /// Append with the next seq.
    Append,
}

/// Decides what becomes of a pushed entry. `existing` is the seq of an entry with
/// the same entry id, `tombstone` the seq of the record's tombstone, if any.
pub(crate) fn plan_entry(kind: EntryKind, existing: Option<u64>, tombstone: Option<u64>) -> Plan {
    match (existing, tombstone) {
        (Some(seq), _) => Plan::Existing(seq),
        (None, Some(seq)) if kind == EntryKind::Tombstone => Plan::Existing(seq),
        (None, Some(_)) => Plan::Erased,
        (None, None) => Plan::Append,
    }
}

/// An invite as a join request finds it (locked), and what else decides the join.
#[derive(Clone, Copy, Debug)]
pub(crate) struct InviteFound<'a> {
    /// When it expires (unix ms, as stored).
    pub(crate) expires_at: i64,
    /// The device that used it, if one did.
    pub(crate) used_by: Option<&'a [u8]>,
    /// That device's signing key.
    pub(crate) used_pk: Option<&'a [u8]>,
    /// The joining device is (or was) in the team's roster.
    pub(crate) device_known: bool,
}

/// What to do with a join request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JoinPlan {
    /// Answer this, store nothing.
    Answer(JoinOutcome),
    /// Mark the invite used by the device, store the pending join (replacing one the
    /// device made before) and answer [`JoinOutcome::Accepted`].
    Store,
}

/// Decides what becomes of a join request, given the invite with its token hash
/// (`None`: the team has no such invite).
pub(crate) fn plan_join(
    invite: Option<InviteFound<'_>>,
    join: &PendingJoin,
    now: u64,
) -> Result<JoinPlan, StorageError> {
    let Some(invite) = invite else {
        return Ok(JoinPlan::Answer(JoinOutcome::BadToken));
    };
    if let Some(used_by) = invite.used_by {
        // The same device retrying (its first answer was lost) is not a reuse.
        let same = used_by == join.device_id.0 && invite.used_pk == Some(&join.signing_pk.0[..]);
        return Ok(JoinPlan::Answer(if same {
            JoinOutcome::Accepted
        } else {
            JoinOutcome::TokenUsed
        }));
    }
    if to_u64(invite.expires_at)? <= now {
        return Ok(JoinPlan::Answer(JoinOutcome::Expired));
    }
    if invite.device_known {
        return Ok(JoinPlan::Answer(JoinOutcome::DeviceExists));
    }
    Ok(JoinPlan::Store)
}

/// Checks a snapshot's `covers` against the seq it gets: it can only cover what the
/// log held before it.
pub(crate) fn check_covers(covers: Option<u64>, seq: u64) -> Result<(), StorageError> {
    match covers {
        Some(covers) if covers >= seq => Err(StorageError::CoversBeyondHead { covers, seq }),
        _ => Ok(()),
    }
}

/// Whether a page that holds `taken` entries of `bytes` ciphertext bytes takes one
/// more of `len` bytes: at most `limit` entries and `budget` bytes, but at least
/// one. SQLite applies it row by row; PostgreSQL's pull query says the same in SQL
/// (a running total); the relay tests hold both to it.
pub(crate) fn fits(taken: usize, bytes: usize, len: usize, limit: u32, budget: usize) -> bool {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    taken < limit && (taken == 0 || bytes.saturating_add(len) <= budget)
}

/// The cursor a device should send next.
pub(crate) fn next_cursor(cursor: u64, last_taken: Option<u64>, more: bool, head: u64) -> u64 {
    match (more, last_taken) {
        (true, Some(seq)) => seq,
        (true, None) => cursor,
        (false, _) => head,
    }
}

/// The code a role is stored under: its wire index.
pub(crate) fn role_code(role: Role) -> i16 {
    match role {
        Role::Supervisor => 0,
        Role::Operator => 1,
        Role::Mediator => 2,
        Role::Recovery => 3,
    }
}

/// The role stored under `code`.
pub(crate) fn role_from_code(code: i64) -> Result<Role, StorageError> {
    usize::try_from(code)
        .ok()
        .and_then(|i| Role::ALL.get(i).copied())
        .ok_or(StorageError::Corrupt("role"))
}

/// The roles a stored roster (an encoded `SignedRoster`) gives its devices, or `None`
/// if it does not decode. Used once, when a database made before roles gets them.
pub(crate) fn stored_roles(signed: &[u8]) -> Option<Vec<(DeviceId, Role)>> {
    let signed: SignedRoster = ponte_proto::decode(signed).ok()?;
    let body = signed.decode_body().ok()?;
    Some(body.devices.iter().map(|d| (d.device_id, d.role)).collect())
}

/// A sync authenticated a device of a team the database no longer has.
pub(crate) const TEAM_GONE: StorageError =
    StorageError::Corrupt("team of an authenticated device is gone");

pub(crate) fn to_i64(value: u64) -> Result<i64, StorageError> {
    i64::try_from(value).map_err(|_| StorageError::Corrupt("value beyond i64"))
}

pub(crate) fn to_u64(value: i64) -> Result<u64, StorageError> {
    u64::try_from(value).map_err(|_| StorageError::Corrupt("negative value"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn plan_table() {
        use EntryKind::*;
        let snapshot = Snapshot { covers: 1 };
        let cases = [
            (Change, None, None, Plan::Append),
            (Change, Some(4), None, Plan::Existing(4)),
            (Change, None, Some(9), Plan::Erased),
            (snapshot, None, Some(9), Plan::Erased),
            (Key, None, Some(9), Plan::Erased),
            (Tombstone, None, Some(9), Plan::Existing(9)),
            (Tombstone, Some(9), Some(9), Plan::Existing(9)),
            (Tombstone, None, None, Plan::Append),
        ];
        for (kind, existing, tombstone, expected) in cases {
            assert_eq!(
                plan_entry(kind, existing, tombstone),
                expected,
                "{kind:?} {existing:?} {tombstone:?}"
            );
        }
    }

    #[test]
    fn kinds_keep_their_codes_in_storage() {
        let kinds = [
            EntryKind::Change,
            EntryKind::Snapshot { covers: 5 },
            EntryKind::Tombstone,
            EntryKind::Key,
        ];
        for (code, kind) in (0..).zip(kinds) {
            let (stored, covers) = kind_columns(kind).unwrap();
            assert_eq!(stored, code, "{kind:?}");
            assert_eq!(kind_from_columns(i64::from(stored), covers).unwrap(), kind);
        }
        assert!(
            kind_from_columns(1, None).is_err(),
            "a snapshot without covers"
        );
        assert!(kind_from_columns(4, None).is_err());
        assert!(kind_from_columns(-1, None).is_err());
        assert!(kind_from_columns(1, Some(-1)).is_err());
    }

    #[test]
    fn join_table() {
        use JoinOutcome::*;
        use JoinPlan::*;
        let join = PendingJoin {
            device_id: DeviceId([1; 16]),
            signing_pk: SigningPublicKey([2; 32]),
            agreement_pk: ponte_proto::AgreementPublicKey([3; 32]),
            name_sealed: vec![4],
            mac: ponte_proto::JoinMac([5; 32]),
            token_hash: TokenHash([6; 32]),
        };
        let (me, my_pk, other) = (&[1u8; 16][..], &[2u8; 32][..], &[9u8; 32][..]);
        let invite = |expires_at, used_by, used_pk, device_known| InviteFound {
            expires_at,
            used_by,
            used_pk,
            device_known,
        };
        let cases = [
            (None, Answer(BadToken)),
            (Some(invite(100, None, None, false)), Store),
            (Some(invite(50, None, None, false)), Answer(Expired)),
            (Some(invite(100, None, None, true)), Answer(DeviceExists)),
            (
                Some(invite(100, Some(me), Some(my_pk), true)),
                Answer(Accepted),
            ),
            (
                Some(invite(50, Some(me), Some(my_pk), false)),
                Answer(Accepted),
            ),
            (
                Some(invite(100, Some(me), Some(other), false)),
                Answer(TokenUsed),
            ),
            (
                Some(invite(100, Some(other), Some(my_pk), false)),
                Answer(TokenUsed),
            ),
            (Some(invite(100, Some(me), None, false)), Answer(TokenUsed)),
        ];
        for (found, expected) in cases {
            assert_eq!(plan_join(found, &join, 50).unwrap(), expected, "{found:?}");
        }
        assert!(plan_join(Some(invite(-1, None, None, false)), &join, 50).is_err());
    }

    #[test]
    fn covers_must_be_below_the_snapshot_seq() {
        assert!(check_covers(None, 1).is_ok());
        assert!(check_covers(Some(4), 5).is_ok());
        assert!(check_covers(Some(5), 5).is_err());
        assert!(check_covers(Some(u64::MAX), 5).is_err());
    }

    #[test]
    fn page_table() {
        // (taken, bytes, len, limit, budget) -> fits
        assert!(fits(0, 0, 10, 10, 100));
        assert!(fits(2, 20, 10, 10, 100));
        assert!(!fits(2, 20, 10, 2, 100), "limit reached");
        assert!(!fits(2, 20, 10, 10, 25), "over the budget");
        assert!(
            fits(0, 0, 500, 10, 25),
            "one entry always goes, even over the budget"
        );
        assert!(!fits(0, 0, 10, 0, 100), "a limit of 0 takes nothing");
    }

    #[test]
    fn roles_keep_their_wire_index_in_storage() {
        for (i, role) in Role::ALL.into_iter().enumerate() {
            assert_eq!(usize::try_from(role_code(role)).unwrap(), i);
            assert_eq!(role_from_code(i64::from(role_code(role))).unwrap(), role);
        }
        assert!(role_from_code(4).is_err());
        assert!(role_from_code(-1).is_err());
    }

    #[test]
    fn cursor_table() {
        assert_eq!(next_cursor(5, Some(9), true, 20), 9);
        assert_eq!(next_cursor(5, None, true, 20), 5);
        assert_eq!(next_cursor(5, Some(9), false, 20), 20);
        assert_eq!(next_cursor(5, None, false, 20), 20);
    }
}

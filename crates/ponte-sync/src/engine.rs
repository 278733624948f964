//! The sync loop: push the outbox, pull after the cursor, commit both with the new
//! cursor in one store transaction, repeat until nothing is left either way.
//!
//! The loop is split so that the decision logic ([`plan`], [`incoming`], [`settle`])
//! takes and returns plain values and can be tested without a network; [`sync`]
//! drives it over a [`Client`].

use std::sync::atomic::Ordering;

use ponte_proto::{
    self as proto, ErrorCode, NewEntry, Pushed, RecordId as WireRecordId, SyncRequest,
    SyncResponse, TeamId, limits, paths,
};
use ponte_store::sync::{Applied, Incoming, Outgoing, Rejections};
use ponte_store::{RecordId, Store};
use serde::Serialize;

use crate::client::Client;
use crate::team::{self, TeamState};
use crate::{Result, SyncError};

/// Entries pulled per round trip.
pub const PULL_LIMIT: u32 = limits::MAX_PULL_LIMIT;
/// Ciphertext bytes pushed per round trip (well under the relay's body limit).
pub const PUSH_BYTE_BUDGET: usize = 2 * 1024 * 1024;

/// What one `sync` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Entries the relay stored for us.
    pub pushed: usize,
    /// Entries pulled from other devices.
    pub pulled: usize,
    /// Records created, updated, erased here; entries rejected.
    pub applied: AppliedCounts,
    /// HTTP round trips.
    pub round_trips: u64,
    /// Bytes sent (bodies + headers, as counted by the client).
    pub bytes_sent: u64,
    /// Bytes received.
    pub bytes_received: u64,
    /// The cursor after the sync.
    pub cursor: u64,
    /// Entries still waiting to be pushed (0 after a complete sync).
    pub pending: usize,
}

/// Sum of [`Applied`] over round trips.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct AppliedCounts {
    /// Records created here.
    pub created: usize,
    /// Records updated here.
    pub updated: usize,
    /// Records erased here.
    pub erased: usize,
    /// Entries not applied.
    pub rejected: usize,
    /// The entries not applied, by reason (`ponte_store::sync::Rejection` codes).
    pub rejected_by: Rejections,
    /// Records this device held that were restricted to other devices: deleted here.
    pub withheld: usize,
}

impl AppliedCounts {
    fn add(&mut self, a: Applied) {
        self.created += a.created;
        self.updated += a.updated;
        self.erased += a.erased;
        self.rejected += a.rejected;
        self.rejected_by.absorb(a.rejected_by);
        self.withheld += a.withheld;
    }
}

/// The next request: as much of the outbox as fits the budgets.
pub fn plan(team_id: [u8; 16], cursor: u64, outbox: &[Outgoing]) -> (SyncRequest, Vec<i64>) {
    let mut push = Vec::new();
    let mut seqs = Vec::new();
    let mut bytes = 0;
    for entry in outbox {
        if push.len() >= limits::MAX_PUSH_ENTRIES
            || (bytes + entry.ciphertext.len() > PUSH_BYTE_BUDGET && !push.is_empty())
        {
            break;
        }
        bytes += entry.ciphertext.len();
        push.push(NewEntry {
            record_id: WireRecordId(entry.record_id.0),
            kind: entry.kind,
            ciphertext: entry.ciphertext.clone(),
        });
        seqs.push(entry.local_seq);
    }
    (
        SyncRequest {
            team_id: TeamId(team_id),
            cursor,
            push,
            pull_limit: PULL_LIMIT,
        },
        seqs,
    )
}

/// Which outbox entries the relay took care of, with the seq each got: stored, or
/// refused because the record was erased (`None`; the tombstone arrives with the
/// pull). Errs if the answer does not match the request.
pub fn settle(sent: &[i64], pushed: &[Pushed]) -> Result<Vec<(i64, Option<u64>)>> {
    if sent.len() != pushed.len() {
        return Err(SyncError::Protocol);
    }
    Ok(sent
        .iter()
        .zip(pushed)
        .map(|(local, p)| (*local, p.seq()))
        .collect())
}

/// A record gets a snapshot once it has this many changes on the relay since the
/// last one.
pub const SNAPSHOT_AFTER: u32 = 32;

/// Pulled entries in the store's terms.
pub fn incoming(response: &SyncResponse) -> Vec<Incoming> {
    response
        .entries
        .iter()
        .map(|e| Incoming {
            seq: e.seq,
            record_id: RecordId(e.record_id.0),
            author: e.author_device.0,
            kind: e.kind,
            ciphertext: e.ciphertext.clone(),
        })
        .collect()
}

/// Sync this device with its team's relay until both directions are empty.
pub async fn sync(store: &mut Store) -> Result<SyncReport> {
    sync_prepared(store, &mut |_| {}).await
}

/// As [`sync`], calling `before_push` before the first push, when the device holds
/// the roster this sync brought if it was waiting for its approval (so what it queues
/// there, as an approved member, goes with the first request), and again after each
/// newer roster the sync brings (what it queues for that roster goes in this sync).
pub async fn sync_prepared(
    store: &mut Store,
    before_push: &mut (dyn FnMut(&mut Store) + Send),
) -> Result<SyncReport> {
    let mut state = team::require(store)?;
    let client = team::client(store, &state.relay)?;
    let result = sync_with(store, &client, &mut state, before_push).await;
    if let Err(SyncError::Relay(ErrorCode::DeviceRevoked)) = result {
        // The relay's word is not enough to act on: only the roster the supervisor
        // signed can say this device was removed.
        return Err(prove_removal(store, &client, &mut state).await);
    }
    result
}

/// After the relay said "revoked": fetch and check the signed roster. Its proof gives
/// [`SyncError::RemovedFromTeam`]; anything else (no roster, a bad or older one, one
/// that still lists this device) gives [`SyncError::RevocationUnproven`].
async fn prove_removal(store: &mut Store, client: &Client, state: &mut TeamState) -> SyncError {
    match team::refresh_roster(store, client, state).await {
        Err(SyncError::RemovedFromTeam) => SyncError::RemovedFromTeam,
        _ => SyncError::RevocationUnproven,
    }
}

/// As [`sync_prepared`], over a given client (tests use it to count traffic).
pub async fn sync_with(
    store: &mut Store,
    client: &Client,
    state: &mut TeamState,
    before_push: &mut (dyn FnMut(&mut Store) + Send),
) -> Result<SyncReport> {
    if !state.approved {
        team::refresh_roster(store, client, state).await?;
    }
    before_push(store);
    // Edits queued before this device learned of a rotation go out under a new
    // generation (`Store::reseal_queued`).
    store.reseal_queued()?;
    let team_id = state.team_id()?;
    let mut signers = team::signers(store, state)?;
    let mut roster_version = team::local_roster(store)?.map_or(0, |r| r.version);
    let mut report = SyncReport::default();
    let mut compacted = false;
    // Told once that its roster is behind; a relay that says it again after the
    // refresh is not believed further (`roster-behind` ends the sync).
    let mut roster_behind = false;
    loop {
        let outbox = store.outgoing(limits::MAX_PUSH_ENTRIES)?;
        let (request, sent) = plan(team_id, store.cursor()?, &outbox);
        // The roster this device verified goes with the push: a relay that holds a
        // later one (a removal and its rotation this device has not seen) stores
        // nothing of it, and the device fetches the roster and seals its queue again.
        let seen = roster_version.to_string();
        let response: SyncResponse = match client
            .post_with(paths::SYNC, &request, &[(proto::HEADER_ROSTER, &seen)])
            .await
        {
            Err(SyncError::Relay(ErrorCode::RosterBehind)) if !roster_behind => {
                roster_behind = true;
                (roster_version, signers) = catch_up(store, client, state, before_push).await?;
                continue;
            }
            other => other?,
        };
        let done = settle(&sent, &response.pushed)?;
        if response.roster_version > roster_version {
            // New keys (rotation) must be in the store before entries sealed with them
            // are applied.
            (roster_version, signers) = catch_up(store, client, state, before_push).await?;
        }
        let pulled = incoming(&response);
        // An erasure or a change of who reads a record signed by a supervisor (a
        // deputy's too), or by a supervisor since removed or demoted for a record a
        // roster vouched for (`team::Signers`).
        let applied = store.sync_commit(&done, &pulled, response.cursor, &signers)?;
        if applied.erasure_unproven > 0 && !response.more {
            // Everything was pulled and no signed erasure came: the relay refuses
            // changes on a word it cannot back. They stay queued; sync stops here.
            return Err(SyncError::ErasureUnproven);
        }
        report.pushed += response.pushed.iter().filter(|p| p.seq().is_some()).count();
        report.pulled += pulled.len();
        report.applied.add(applied);
        report.cursor = response.cursor;
        if response.more && response.cursor <= request.cursor {
            // An honest relay that says "more" served entries and moved the cursor past
            // them; an answer that does not would have this device ask for the same
            // page for ever (battery, data, and a lease never renewed).
            return Err(SyncError::Protocol);
        }
        if !response.more && sent.len() == outbox.len() && store.outbox_len()? == 0 {
            // Everything is exchanged: compact what grew long, then push that.
            // Only the supervisor's device compacts: the relay takes snapshots from it
            // alone (a member's could drop history it does not hold).
            if state.supervisor && !compacted && store.queue_snapshots(SNAPSHOT_AFTER)? > 0 {
                compacted = true;
                continue;
            }
            break;
        }
    }
    report.pending = store.outbox_len()?;
    report.round_trips = client.traffic.round_trips.load(Ordering::Relaxed);
    report.bytes_sent = client.traffic.sent.load(Ordering::Relaxed);
    report.bytes_received = client.traffic.received.load(Ordering::Relaxed);
    Ok(report)
}

/// Take a roster newer than the one this device held: fetched and verified, the
/// signers it names, what the device queues for it (re-wrapped records and trail for
/// supervisors named in it) and what it queued before it knew of a rotation, sealed
/// again under a new generation. Answers the roster's version and its signers.
async fn catch_up(
    store: &mut Store,
    client: &Client,
    state: &mut TeamState,
    before_push: &mut (dyn FnMut(&mut Store) + Send),
) -> Result<(u64, team::Signers)> {
    let version = team::refresh_roster(store, client, state).await?.version;
    let signers = team::signers(store, state)?;
    before_push(store);
    store.reseal_queued()?;
    Ok((version, signers))
}

/// Encode a request (for size accounting in benchmarks).
pub fn encoded_len(request: &SyncRequest) -> usize {
    proto::encode(request).map_or(0, |b| b.len())
}

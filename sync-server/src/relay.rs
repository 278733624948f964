//! What the relay does for each request, independent of HTTP: authenticate the
//! caller, check limits and rules, call storage. Handlers in [`crate::routes`]
//! only decode, call one method here and encode.

use axum::body::Bytes;
use ponte_proto::{
    CreateInvite, CreateTeam, DeviceId, EntryId, EntryKind, ErrorCode, JoinRequest, LeaveNotice,
    Notices, PendingJoin, PendingJoins, PutRoster, RequestAuth, Role, RosterChain, SignedRoster,
    SigningPublicKey, SyncRequest, SyncResponse, TIME_WINDOW_MS, TeamId, TokenHash, decode, limits,
    signing_input,
};

use std::net::{IpAddr, Ipv4Addr};

use crate::auth::{sha256, verify};
use crate::config::{Clock, Limits, TeamCreation};
use crate::error::AppError;
use crate::rate::{RateLimiter, client_key};
use crate::roster::{check_first_roster, check_next_roster};
use crate::storage::{
    Created, DeviceStatus, JoinOutcome, NewTeam, NoticeStored, PreparedEntry, PullRequest,
    RosterStored, Storage, StorageError,
};

/// A request as received: what the signature covers, plus the parsed headers.
#[derive(Clone, Debug)]
pub struct SignedRequest {
    /// `GET`, `POST`.
    pub method: String,
    /// Path and query exactly as sent.
    pub target: String,
    /// The signature headers, `None` if missing or garbled.
    pub auth: Option<RequestAuth>,
    /// The raw body.
    pub body: Bytes,
    /// The roster version the device says it verified ([`ponte_proto::HEADER_ROSTER`]),
    /// if it sent one.
    pub roster_seen: Option<u64>,
    /// The address the connection came from, when served by [`crate::serve`] (behind a
    /// proxy: the proxy's). `None` otherwise; such requests count as one address.
    pub client: Option<IpAddr>,
}

/// Who may call an endpoint. The role is the one the team's latest roster gives the
/// caller; a caller whose role does not fit is refused with `not-supervisor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// A device of the team's latest roster, whatever its role, except the recovery
    /// kit's entry (not a device: it never syncs nor leaves notices).
    Device,
    /// A supervisor of the team's latest roster (any of them).
    Supervisor,
    /// Who may post the next roster: a supervisor, or the recovery kit's entry (the
    /// chain rule then decides whether its roster is taken).
    RosterSigner,
    /// A roster device (the recovery kit's entry included), a device whose join
    /// request is pending, or a device the roster removed: it may read the signed
    /// roster that removed it, the proof it needs before wiping itself.
    AnyKnown,
}

impl Access {
    /// Whether an active device of `role` (`None`: no role known) may call.
    fn admits(self, role: Option<Role>) -> bool {
        match self {
            Access::Device => role != Some(Role::Recovery),
            Access::Supervisor => role == Some(Role::Supervisor),
            Access::RosterSigner => role.is_some_and(Role::signs_rosters),
            Access::AnyKnown => true,
        }
    }
}

/// An authenticated caller.
#[derive(Clone, Copy, Debug)]
struct Caller {
    device: DeviceId,
    /// Its role in the latest roster (`None` for a pending or removed device).
    role: Option<Role>,
    /// The version of the team's latest roster.
    roster_version: u64,
}

/// The relay: storage plus the rules around it.
#[derive(Debug)]
pub struct Relay<S> {
    storage: S,
    limits: Limits,
    clock: Clock,
    rate: RateLimiter,
    team_creation: TeamCreation,
    creations: RateLimiter<IpAddr>,
}

impl<S: Storage> Relay<S> {
    /// A relay over `storage`. Its team creation is closed with no code (nobody can
    /// create a team) until [`Relay::with_team_creation`] says otherwise.
    pub fn new(storage: S, limits: Limits, clock: Clock) -> Self {
        let rate = RateLimiter::new(limits.rate_burst, limits.rate_per_second);
        let creations = RateLimiter::per_hour(limits.team_creations_per_hour);
        Self {
            storage,
            limits,
            clock,
            rate,
            team_creation: TeamCreation::closed(),
            creations,
        }
    }

    /// Who may create a team on this relay: only with one of its codes, or anyone.
    #[must_use]
    pub fn with_team_creation(mut self, team_creation: TeamCreation) -> Self {
        self.team_creation = team_creation;
        self
    }

    /// Who may create a team on this relay.
    pub fn team_creation(&self) -> &TeamCreation {
        &self.team_creation
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The relay's clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The storage.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// `POST /v1/teams`: signed by the key in the body, presenting `code` (the
    /// team-creation code header) unless the relay is open.
    ///
    /// Every attempt counts against its client address's team-creation rate first
    /// (429 `rate-limited`), refused ones too, so codes cannot be guessed at speed; then
    /// a closed relay refuses a request without one of its codes (403
    /// `team-creation-closed`) before any signature is checked or anything stored.
    pub async fn create_team(
        &self,
        request: &SignedRequest,
        code: Option<&[u8]>,
        body: CreateTeam,
    ) -> Result<(), AppError> {
        let client = client_key(request.client.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        if !self.creations.allow(client, self.clock.now_ms()) {
            return Err(ErrorCode::RateLimited.into());
        }
        if !self.team_creation.admits(code) {
            return Err(ErrorCode::TeamCreationClosed.into());
        }
        self.authenticate_with_key(request, body.team_id, body.device_id, &body.signing_pk)
            .await?;
        let (roster, roster_body) = check_first_roster(
            &body.roster,
            &body.team_id,
            &body.device_id,
            &body.signing_pk,
            &self.limits,
        )?;
        let consistent = roster_body
            .device(&body.device_id)
            .is_some_and(|d| d.agreement_pk == body.agreement_pk);
        if !consistent {
            return Err(ErrorCode::BadRoster.into());
        }
        let team = NewTeam {
            team_id: body.team_id,
            creator: body.device_id,
            creator_pk: body.signing_pk,
            roster: roster.update,
        };
        match self.storage.create_team(team).await? {
            Created::Created => {
                tracing::info!(team = %body.team_id, "team created");
                Ok(())
            }
            Created::Exists => Err(ErrorCode::TeamExists.into()),
        }
    }

    /// `POST /v2/sync`.
    pub async fn sync(
        &self,
        request: &SignedRequest,
        body: SyncRequest,
    ) -> Result<SyncResponse, AppError> {
        let caller = self
            .authenticate(request, body.team_id, Access::Device)
            .await?;
        if body.push.len() > self.limits.max_push_entries {
            return Err(ErrorCode::TooLarge.into());
        }
        // A device that has not seen the team's latest roster may have sealed what it
        // pushes before a rotation, under keys a removed device holds: stored here,
        // a later breach would hand them over. Nothing is stored; it fetches the
        // roster and seals them again.
        if !body.push.is_empty()
            && request
                .roster_seen
                .is_some_and(|seen| seen < caller.roster_version)
        {
            return Err(ErrorCode::RosterBehind.into());
        }
        if i64::try_from(body.cursor).is_err() {
            return Err(ErrorCode::Malformed.into());
        }
        let mut push = Vec::with_capacity(body.push.len());
        for entry in body.push {
            if entry.ciphertext.len() > self.limits.max_ciphertext_bytes {
                return Err(ErrorCode::TooLarge.into());
            }
            if entry.ciphertext.is_empty() {
                return Err(ErrorCode::Malformed.into());
            }
            // A seq is an i64 in both databases: a `covers` beyond it is bad input
            // (400), never a storage failure (500).
            if let EntryKind::Snapshot { covers } = entry.kind
                && i64::try_from(covers).is_err()
            {
                return Err(ErrorCode::Malformed.into());
            }
            // An entry that makes the relay delete others is taken only from the
            // supervisor: a tombstone erases a record, a snapshot drops the history it
            // covers. A member's junk "snapshot" could otherwise destroy a record's
            // history for every device that joins later. Any supervisor may.
            if matches!(
                entry.kind,
                EntryKind::Tombstone | EntryKind::Snapshot { .. }
            ) && caller.role != Some(Role::Supervisor)
            {
                return Err(ErrorCode::NotSupervisor.into());
            }
            push.push(PreparedEntry {
                record_id: entry.record_id,
                entry_id: EntryId(sha256(&entry.ciphertext)),
                kind: entry.kind,
                ciphertext: entry.ciphertext,
            });
        }
        let pull = PullRequest {
            cursor: body.cursor,
            limit: body.pull_limit.min(self.limits.max_pull_limit),
            byte_budget: self.limits.pull_byte_budget,
            requester: caller.device,
        };
        let outcome = self
            .storage
            .sync(body.team_id, caller.device, push, pull)
            .await?;
        if outcome.erased {
            tracing::info!(team = %body.team_id, "record erased");
        }
        Ok(SyncResponse {
            pushed: outcome.pushed,
            entries: outcome.entries,
            more: outcome.more,
            cursor: outcome.cursor,
            head: outcome.head,
            roster_version: outcome.roster_version,
        })
    }

    /// `POST /v1/invites` (any supervisor).
    pub async fn create_invite(
        &self,
        request: &SignedRequest,
        body: CreateInvite,
    ) -> Result<(), AppError> {
        self.authenticate(request, body.team_id, Access::Supervisor)
            .await?;
        let now = self.clock.now_ms();
        let lifetime = body.expires_at.saturating_sub(now);
        if body.expires_at <= now || lifetime > self.limits.max_invite_lifetime_ms {
            return Err(ErrorCode::Malformed.into());
        }
        match self
            .storage
            .create_invite(body.team_id, body.token_hash, body.expires_at)
            .await?
        {
            Created::Created => Ok(()),
            Created::Exists => Err(ErrorCode::InviteExists.into()),
        }
    }

    /// `POST /v1/join`: signed by the key in the body.
    pub async fn join(&self, request: &SignedRequest, body: JoinRequest) -> Result<(), AppError> {
        self.authenticate_with_key(request, body.team_id, body.device_id, &body.signing_pk)
            .await?;
        if body.name_sealed.len() > self.limits.max_name_sealed_bytes {
            return Err(ErrorCode::TooLarge.into());
        }
        let pending = PendingJoin {
            device_id: body.device_id,
            signing_pk: body.signing_pk,
            agreement_pk: body.agreement_pk,
            name_sealed: body.name_sealed,
            mac: body.mac,
            token_hash: TokenHash(sha256(body.token.as_bytes())),
        };
        match self
            .storage
            .join(body.team_id, pending, self.clock.now_ms())
            .await?
        {
            JoinOutcome::Accepted => Ok(()),
            JoinOutcome::BadToken => Err(ErrorCode::BadToken.into()),
            JoinOutcome::TokenUsed => Err(ErrorCode::TokenUsed.into()),
            JoinOutcome::Expired => Err(ErrorCode::InviteExpired.into()),
            JoinOutcome::DeviceExists => Err(ErrorCode::DeviceExists.into()),
        }
    }

    /// `GET /v1/pending?team=HEX` (any supervisor).
    pub async fn pending(
        &self,
        request: &SignedRequest,
        team: TeamId,
    ) -> Result<PendingJoins, AppError> {
        self.authenticate(request, team, Access::Supervisor).await?;
        Ok(PendingJoins {
            joins: self.storage.pending(team).await?,
        })
    }

    /// `POST /v1/roster` (a supervisor, or the recovery kit's entry): the next roster
    /// of the chain. Taken only if it is exactly the next version (`stale-roster` for
    /// one not newer, `bad-roster` for a gap) and signed by a supervisor of the stored
    /// roster or its recovery kit (`bad-roster-signature`), as
    /// `ponte_proto::check_chain_step` says.
    pub async fn put_roster(
        &self,
        request: &SignedRequest,
        body: PutRoster,
    ) -> Result<(), AppError> {
        self.authenticate(request, body.team_id, Access::RosterSigner)
            .await?;
        let latest = self.latest_roster(body.team_id).await?;
        let checked = check_next_roster(&body.roster, &body.team_id, &latest, &self.limits)?;
        let version = checked.update.version;
        match self
            .storage
            .put_roster(body.team_id, checked.update)
            .await?
        {
            RosterStored::Stored if checked.recovery => {
                tracing::info!(team = %body.team_id, version, "roster stored: recovery");
                Ok(())
            }
            RosterStored::Stored => {
                tracing::info!(team = %body.team_id, version, "roster stored");
                Ok(())
            }
            RosterStored::Stale => Err(ErrorCode::StaleRoster.into()),
        }
    }

    /// `GET /v1/roster?team=HEX`: the encoded latest `SignedRoster`.
    pub async fn roster(&self, request: &SignedRequest, team: TeamId) -> Result<Vec<u8>, AppError> {
        self.authenticate(request, team, Access::AnyKnown).await?;
        self.storage
            .roster(team)
            .await?
            .ok_or(AppError::Refused(ErrorCode::UnknownDevice))
    }

    /// `GET /v2/rosters?team=HEX&since=N` (the callers of `GET /v1/roster`): the
    /// stored rosters after version `since`, oldest first, as many as fit together in
    /// the relay's body limit (at least one if any is due), and whether more remain.
    /// A `since` at or above the latest version gets an empty chain.
    pub async fn rosters(
        &self,
        request: &SignedRequest,
        team: TeamId,
        since: u64,
    ) -> Result<RosterChain, AppError> {
        self.authenticate(request, team, Access::AnyKnown).await?;
        if i64::try_from(since).is_err() {
            return Err(ErrorCode::Malformed.into());
        }
        let page = self
            .storage
            .rosters(team, since, self.limits.max_body_bytes)
            .await?;
        let rosters = page
            .rosters
            .iter()
            .map(|bytes| decode::<SignedRoster>(bytes))
            .collect::<Result<_, _>>()
            .map_err(|_| StorageError::Corrupt("stored roster"))?;
        Ok(RosterChain {
            rosters,
            more: page.more,
        })
    }

    /// The team's roster in force, decoded.
    async fn latest_roster(&self, team: TeamId) -> Result<ponte_proto::RosterBody, AppError> {
        let stored = self
            .storage
            .roster(team)
            .await?
            .ok_or(AppError::Refused(ErrorCode::UnknownDevice))?;
        let corrupt = |_| StorageError::Corrupt("stored roster");
        let signed: SignedRoster = decode(&stored).map_err(corrupt)?;
        Ok(signed.decode_body().map_err(corrupt)?)
    }

    /// `POST /v2/notices`: a device of the team's latest roster leaves its supervisors a
    /// sealed notice (opaque here). Refused for the recovery kit's entry
    /// (`not-supervisor`), a device the roster removed (`device-revoked`) or never
    /// listed (`unknown-device`), over
    /// [`limits::MAX_NOTICE_SEALED_BYTES`] (`too-large`), empty (`malformed`), or past
    /// [`limits::MAX_NOTICES_PER_DEVICE`] kept (`notice-limit`); rate-limited like
    /// every signed request.
    pub async fn leave_notice(
        &self,
        request: &SignedRequest,
        body: LeaveNotice,
    ) -> Result<(), AppError> {
        let caller = self
            .authenticate(request, body.team_id, Access::Device)
            .await?;
        if body.sealed.is_empty() {
            return Err(ErrorCode::Malformed.into());
        }
        if body.sealed.len() > limits::MAX_NOTICE_SEALED_BYTES {
            return Err(ErrorCode::TooLarge.into());
        }
        match self
            .storage
            .leave_notice(
                body.team_id,
                caller.device,
                body.sealed,
                self.clock.now_ms(),
                limits::MAX_NOTICES_PER_DEVICE,
            )
            .await?
        {
            NoticeStored::Stored => Ok(()),
            NoticeStored::Full => Err(ErrorCode::NoticeLimit.into()),
        }
    }

    /// `GET /v2/notices?team=HEX` (any supervisor): the notices the team's devices left.
    pub async fn notices(
        &self,
        request: &SignedRequest,
        team: TeamId,
    ) -> Result<Notices, AppError> {
        self.authenticate(request, team, Access::Supervisor).await?;
        Ok(Notices {
            notices: self.storage.notices(team).await?,
        })
    }

    /// Deletes expired nonces, invites and stale join requests.
    pub async fn purge_expired(&self) -> Result<u64, AppError> {
        Ok(self.storage.purge_expired(self.clock.now_ms()).await?)
    }

    /// Authenticates a device of `team` by its roster key (or pending-join key).
    async fn authenticate(
        &self,
        request: &SignedRequest,
        team: TeamId,
        access: Access,
    ) -> Result<Caller, AppError> {
        let auth = request
            .auth
            .as_ref()
            .ok_or(AppError::Refused(ErrorCode::BadSignature))?;
        let now = self.check_time(auth)?;
        let lookup = self
            .storage
            .lookup_device(team, auth.device)
            .await?
            .ok_or(AppError::Refused(ErrorCode::UnknownDevice))?;
        let (key, revoked) = match lookup.status {
            DeviceStatus::Active(key) => (key, false),
            DeviceStatus::Revoked(key) => (key, true),
            DeviceStatus::Pending(key) if access == Access::AnyKnown => (key, false),
            DeviceStatus::Pending(_) | DeviceStatus::Unknown => {
                return Err(ErrorCode::UnknownDevice.into());
            }
        };
        check_signature(request, auth, &key)?;
        // The key is the device's: its rate limit and nonces apply, a removed device's
        // too (its requests would otherwise cost a lookup and a signature check each,
        // without limit, and could be replayed).
        self.check_fresh(team, auth, now).await?;
        // Only after the signature, and only to the device itself. A client does not
        // wipe on this answer: it fetches the signed roster (which it may, below).
        if revoked && access != Access::AnyKnown {
            return Err(ErrorCode::DeviceRevoked.into());
        }
        let role = match lookup.status {
            DeviceStatus::Active(_) => lookup.role,
            _ => None,
        };
        if !access.admits(role) {
            return Err(ErrorCode::NotSupervisor.into());
        }
        Ok(Caller {
            device: auth.device,
            role,
            roster_version: lookup.roster_version,
        })
    }

    /// Authenticates a device the relay does not know yet, by the key it presents.
    async fn authenticate_with_key(
        &self,
        request: &SignedRequest,
        team: TeamId,
        device: DeviceId,
        key: &SigningPublicKey,
    ) -> Result<(), AppError> {
        let auth = request
            .auth
            .as_ref()
            .ok_or(AppError::Refused(ErrorCode::BadSignature))?;
        if auth.device != device {
            return Err(ErrorCode::BadSignature.into());
        }
        let now = self.check_time(auth)?;
        check_signature(request, auth, key)?;
        self.check_fresh(team, auth, now).await
    }

    /// The request time must be within the window around the relay's clock.
    fn check_time(&self, auth: &RequestAuth) -> Result<u64, AppError> {
        let now = self.clock.now_ms();
        if now.abs_diff(auth.time_ms) > TIME_WINDOW_MS {
            return Err(ErrorCode::StaleRequest.into());
        }
        Ok(now)
    }

    /// Rate limit, then the nonce must be new. Only called once the signature
    /// verified, and both kept per device *of a team*, so nobody can spend another
    /// device's tokens or nonces, even by copying its id into a team of its own.
    async fn check_fresh(
        &self,
        team: TeamId,
        auth: &RequestAuth,
        now: u64,
    ) -> Result<(), AppError> {
        if !self.rate.allow((team, auth.device), now) {
            return Err(ErrorCode::RateLimited.into());
        }
        // A replay is refused by the time check once the original is older than the
        // window, so the nonce need not be kept longer.
        let expires_at = auth.time_ms.saturating_add(TIME_WINDOW_MS + 1);
        if !self
            .storage
            .remember_nonce(nonce_holder(team, auth.device), auth.nonce, expires_at, now)
            .await?
        {
            return Err(ErrorCode::ReplayedRequest.into());
        }
        Ok(())
    }
}

/// Whose nonces these are: the device *in its team*, as the 16 bytes the storage keys
/// nonces by (`SHA-256("ponte-nonce-holder-v1" || team || device)`, truncated), so the
/// same device id in another team has nonces of its own. No storage format changes.
fn nonce_holder(team: TeamId, device: DeviceId) -> DeviceId {
    let mut input = Vec::with_capacity(22 + 32);
    input.extend_from_slice(b"ponte-nonce-holder-v1");
    input.extend_from_slice(&team.0);
    input.extend_from_slice(&device.0);
    let digest = sha256(&input);
    let mut holder = [0u8; 16];
    holder.copy_from_slice(&digest[..16]);
    DeviceId(holder)
}

fn check_signature(
    request: &SignedRequest,
    auth: &RequestAuth,
    key: &SigningPublicKey,
) -> Result<(), AppError> {
    let message = signing_input(
        &request.method,
        &request.target,
        auth.time_ms,
        &auth.nonce,
        &sha256(&request.body),
    );
    if verify(key, &message, &auth.signature) {
        Ok(())
    } else {
        Err(ErrorCode::BadSignature.into())
    }
}

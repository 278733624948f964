//! Team membership: create, invite, join, approve, revoke, roles and handover, erase
//! for the team; the roster chain walked and published.
//!
//! The team's state on this device (team id, relay URL, role, the latest verified
//! roster, the secrets of open invites) is kept in the store as sealed settings.
//!
//! | module | job |
//! |---|---|
//! | this one | the team's state, create, invite, join, approve, the chain walked and published, devices, revoke, roles, handover, erase |
//! | `signers` | who may erase or change who reads a record ([`Signers`]), and what a roster that removes a supervisor vouches for |
//! | `recover` | the recovery kit: a new one (the key rotates), taking the team over, recoveries seen |
//! | `rules` | the team settings carried in the roster |

use ponte_crypto::{self as crypto, SecretKey};
use ponte_model::Kind;
use ponte_proto::{
    AgreementPublicKey, CreateInvite, CreateTeam, DeviceId, InviteToken, JoinMac, JoinRequest,
    PendingJoins, PutRoster, Role, RosterBody, RosterChain, SignedRoster, SigningPublicKey, TeamId,
    TokenHash, paths,
};
use ponte_store::{RecordId, Store};
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::invite::Invite;
use crate::recovery::Kit;
use crate::roster::{self, Member, Signer};
use crate::settings::TeamSettings;
use crate::{Result, SyncError};

mod recover;
mod rules;
mod signers;

use recover::note_recoveries;
pub use recover::{Recovery, new_recovery_kit, recover, recoveries};
use rules::apply_settings;
pub use rules::{change_settings, settings};
use signers::vouch;
pub use signers::{Signers, signers};

/// How long an invite is valid unless said otherwise.
pub const DEFAULT_INVITE_TTL_MS: u64 = 24 * 60 * 60 * 1000;
/// The shortest lifetime of an invite: a second.
pub const MIN_INVITE_TTL_MS: u64 = 1000;
/// The longest lifetime of an invite: what the relay accepts
/// (`ponte_proto::limits::MAX_INVITE_LIFETIME_MS`, 30 days).
pub const MAX_INVITE_TTL_MS: u64 = ponte_proto::limits::MAX_INVITE_LIFETIME_MS;

/// Checks an invite's lifetime ([`MIN_INVITE_TTL_MS`] to [`MAX_INVITE_TTL_MS`]) before
/// anything is sent: a relay refuses any other as malformed.
pub fn check_invite_ttl(ttl_ms: u64) -> Result<()> {
    if (MIN_INVITE_TTL_MS..=MAX_INVITE_TTL_MS).contains(&ttl_ms) {
        Ok(())
    } else {
        Err(bad_invite_ttl())
    }
}

fn bad_invite_ttl() -> SyncError {
    SyncError::BadInviteTtl {
        max_days: MAX_INVITE_TTL_MS / (24 * 60 * 60 * 1000),
    }
}

/// The team as this device knows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TeamState {
    /// Team id (hex).
    pub team_id: String,
    /// Relay base URL.
    pub relay: String,
    /// Whether this device holds the supervisor role (in the latest roster it verified).
    pub supervisor: bool,
    /// This device's name.
    pub name: String,
    /// The Ed25519 key of the supervisor who invited this device, or its own: the
    /// anchor the roster chain is checked from before this device holds a roster (hex).
    pub supervisor_pk: String,
    /// Whether this device has received the team keys (joined devices wait for approval).
    pub approved: bool,
    /// This device's role in the latest roster it verified (`None` before approval, and
    /// in states kept before roles: then [`TeamState::supervisor`] says).
    #[serde(default)]
    pub role: Option<Role>,
    /// The Ed25519 key of every supervisor of every roster this device verified (hex):
    /// an erasure signed by one of them is the team's while it is a supervisor, and,
    /// once removed or demoted, only for a record in [`TeamState::vouched_erasures`].
    #[serde(default)]
    pub supervisor_keys: Vec<String>,
    /// The records (hex ids) whose erasure a roster of the chain vouched for: a
    /// former supervisor's tombstone is accepted for these alone.
    #[serde(default)]
    pub vouched_erasures: Vec<String>,
}

impl TeamState {
    /// The state of this device as the supervisor of `team_id` on `relay` (as it
    /// creates a team, or takes it over with the recovery kit), signing with the key
    /// whose public half is `signing_pk`.
    pub(crate) fn new_supervisor(
        team_id: &[u8; 16],
        relay: String,
        name: &str,
        signing_pk: &[u8],
    ) -> TeamState {
        TeamState {
            team_id: hex::encode(team_id),
            relay,
            supervisor: true,
            name: name.to_owned(),
            supervisor_pk: hex::encode(signing_pk),
            approved: true,
            role: Some(Role::Supervisor),
            supervisor_keys: Vec::new(),
            vouched_erasures: Vec::new(),
        }
    }

    /// Team id bytes.
    pub fn team_id(&self) -> Result<[u8; 16]> {
        hex::decode(&self.team_id)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(SyncError::Protocol)
    }
    /// Supervisor key bytes.
    pub fn supervisor_pk(&self) -> Result<[u8; 32]> {
        hex_key(&self.supervisor_pk).ok_or(SyncError::Protocol)
    }

    /// This device's role (older states: supervisor or operator).
    pub fn role(&self) -> Role {
        self.role.unwrap_or(if self.supervisor {
            Role::Supervisor
        } else {
            Role::Operator
        })
    }

    /// Keep `keys` (supervisors of rosters this device verified) among the keys it
    /// accepts an erasure from, each once.
    fn remember_supervisors(&mut self, keys: &[[u8; 32]]) {
        for key in keys.iter().map(hex::encode) {
            if key != self.supervisor_pk && !self.supervisor_keys.contains(&key) {
                self.supervisor_keys.push(key);
            }
        }
    }

    /// Keep `ids` (erasures a roster of the chain vouched for), each once; past
    /// [`KEEP_VOUCHED`] the oldest go.
    fn remember_vouched(&mut self, ids: &[ponte_proto::RecordId]) {
        for id in ids.iter().map(|id| id.to_hex()) {
            if !self.vouched_erasures.contains(&id) {
                self.vouched_erasures.push(id);
            }
        }
        let skip = self.vouched_erasures.len().saturating_sub(KEEP_VOUCHED);
        self.vouched_erasures.drain(..skip);
    }

    /// Every supervisor key of the chain this device walked: the anchor and the
    /// supervisors of every roster it verified.
    fn chain_supervisor_keys(&self) -> Vec<[u8; 32]> {
        std::iter::once(&self.supervisor_pk)
            .chain(&self.supervisor_keys)
            .filter_map(|k| hex_key(k))
            .collect()
    }
}

/// Most vouched erasures a device keeps (the oldest go first).
const KEEP_VOUCHED: usize = 4 * ponte_proto::limits::MAX_VOUCHED_ERASURES;

fn hex_key(text: &str) -> Option<[u8; 32]> {
    hex::decode(text).ok().and_then(|b| b.try_into().ok())
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Invites {
    open: Vec<OpenInvite>,
}

#[derive(Debug, Serialize, Deserialize)]
struct OpenInvite {
    token_hash: String,
    secret: String,
    expires_ms: u64,
}

fn now_ms() -> u64 {
    u64::try_from(ponte_store::time::now_ms()).unwrap_or(0)
}

/// The team state, if this device is in a team.
pub fn state(store: &Store) -> Result<Option<TeamState>> {
    match store.setting("team")? {
        None => Ok(None),
        Some(bytes) => Ok(Some(
            serde_json::from_slice(&bytes).map_err(|_| SyncError::Protocol)?,
        )),
    }
}

/// The team state, or [`SyncError::NoTeam`].
pub fn require(store: &Store) -> Result<TeamState> {
    state(store)?.ok_or(SyncError::NoTeam)
}

fn save_state(store: &mut Store, state: &TeamState) -> Result<()> {
    let bytes = serde_json::to_vec(state).map_err(|_| SyncError::Protocol)?;
    Ok(store.set_setting("team", &bytes)?)
}

/// The latest verified roster this device holds.
pub fn local_roster(store: &Store) -> Result<Option<SignedRoster>> {
    match store.setting("roster")? {
        None => Ok(None),
        Some(bytes) => Ok(Some(ponte_proto::decode(&bytes)?)),
    }
}

fn save_roster(store: &mut Store, roster: &SignedRoster) -> Result<()> {
    Ok(store.set_setting("roster", &ponte_proto::encode(roster)?)?)
}

/// A client for the team's relay, signing as this device.
pub fn client(store: &Store, relay: &str) -> Result<Client> {
    Client::new(relay, store.device_id(), store.signing_key()?)
}

fn me_as_member(store: &Store, name: &str, role: Role) -> Result<Member> {
    Ok(Member {
        device_id: store.device_id(),
        signing_pk: store.signing_key()?.public_key(),
        agreement_pk: store.agreement_key()?.public_key(),
        role,
        name: name.to_owned(),
    })
}

/// Whether `code` has the form of a relay's team-creation code (what a supervisor
/// enters as the relay code): visible ASCII, 1 to 256 characters
/// (`ponte_proto::is_team_creation_code`).
pub fn is_relay_code(code: &str) -> bool {
    ponte_proto::is_team_creation_code(code)
}

/// Create a team on `relay` with this device as its supervisor, presenting
/// `relay_code` (the team-creation code whoever runs the relay gave, if any: a relay
/// closed to team creation, the default, refuses without one with
/// `relay-team-creation-closed`). Records already on the device become the team's
/// (their keys are the team key's first epoch). Nothing is kept of a refused attempt,
/// so it can be made again, with a code. Returns the team and its recovery kit, to be
/// printed now: the device does not keep it.
pub async fn create(
    store: &mut Store,
    relay: &str,
    device_name: &str,
    relay_code: Option<&str>,
) -> Result<(TeamState, Kit)> {
    if state(store)?.is_some() {
        return Err(SyncError::AlreadyInTeam);
    }
    let relay = relay.trim_end_matches('/');
    let team_id: [u8; 16] = crypto::random_array()?;
    let signing = store.signing_key()?;
    let me = me_as_member(store, device_name, Role::Supervisor)?;
    let kit = Kit::generate(relay, team_id, signing.public_key())?;
    let signed = roster::build(
        &Signer {
            key: &signing,
            device_id: store.device_id(),
            recovered_by: None,
            vouched: Vec::new(),
        },
        &team_id,
        1,
        &store.team_keys(),
        &[me, kit.member()?],
        &TeamSettings::default(),
    )?;
    let client = client(store, relay)?;
    let body = CreateTeam {
        team_id: TeamId(team_id),
        device_id: DeviceId(store.device_id()),
        signing_pk: SigningPublicKey(signing.public_key()),
        agreement_pk: AgreementPublicKey(store.agreement_key()?.public_key()),
        roster: signed.clone(),
    };
    let headers: &[(&str, &str)] = match relay_code {
        Some(code) => &[(ponte_proto::HEADER_TEAM_CREATION_CODE, code)],
        None => &[],
    };
    client.post_empty_with(paths::TEAMS, &body, headers).await?;
    let state = TeamState::new_supervisor(
        &team_id,
        relay.to_owned(),
        device_name,
        &signing.public_key(),
    );
    save_state(store, &state)?;
    save_roster(store, &signed)?;
    apply_settings(store, &TeamSettings::default())?;
    audit(store, &format!("team create team={}", state.team_id))?;
    Ok((state, kit))
}

/// A team action in this device's audit log (ids and dates only).
fn audit(store: &mut Store, detail: &str) -> Result<()> {
    Ok(store.audit_note(ponte_store::AuditAction::Team, detail)?)
}

/// Register a one-time invite on the relay and return it (supervisor). Its lifetime is
/// checked first ([`check_invite_ttl`]).
pub async fn invite(store: &mut Store, ttl_ms: u64) -> Result<Invite> {
    check_invite_ttl(ttl_ms)?;
    let state = require(store)?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let token: [u8; 32] = crypto::random_array()?;
    let secret: [u8; 32] = crypto::random_array()?;
    let expires_ms = now_ms().checked_add(ttl_ms).ok_or_else(bad_invite_ttl)?;
    let token_hash = crypto::sha256(&token);
    let client = client(store, &state.relay)?;
    let body = CreateInvite {
        team_id: TeamId(state.team_id()?),
        token_hash: TokenHash(token_hash),
        expires_at: expires_ms,
    };
    client.post_empty(paths::INVITES, &body).await?;
    let mut invites = load_invites(store)?;
    invites.open.retain(|i| i.expires_ms > now_ms());
    invites.open.push(OpenInvite {
        token_hash: hex::encode(token_hash),
        secret: hex::encode(secret),
        expires_ms,
    });
    save_invites(store, &invites)?;
    audit(
        store,
        &format!(
            "invite team={} expires={}",
            state.team_id,
            ponte_store::time::date_of(i64::try_from(expires_ms).unwrap_or(i64::MAX))
        ),
    )?;
    Ok(Invite {
        team_id: state.team_id()?,
        supervisor_pk: state.supervisor_pk()?,
        relay: state.relay,
        token,
        secret,
        expires_ms,
    })
}

fn load_invites(store: &Store) -> Result<Invites> {
    match store.setting("invites")? {
        None => Ok(Invites::default()),
        Some(b) => serde_json::from_slice(&b).map_err(|_| SyncError::Protocol),
    }
}

fn save_invites(store: &mut Store, invites: &Invites) -> Result<()> {
    let bytes =
        zeroize::Zeroizing::new(serde_json::to_vec(invites).map_err(|_| SyncError::Protocol)?);
    Ok(store.set_setting("invites", &bytes)?)
}

fn invite_name_key(secret: &[u8; 32]) -> SecretKey {
    crypto::hkdf(
        &SecretKey::from_bytes(*secret),
        b"ponte",
        b"ponte/invite-name/v1",
    )
}

/// Ask to join the team of an invite. The device is a member once the supervisor
/// approves (see [`refresh_roster`]); records it already holds then go to the team
/// (see [`Store::adopt_team_keys`]).
pub async fn join(store: &mut Store, invite: &Invite, device_name: &str) -> Result<TeamState> {
    if state(store)?.is_some() {
        return Err(SyncError::AlreadyInTeam);
    }
    let device = store.device_id();
    let signing_pk = store.signing_key()?.public_key();
    let agreement_pk = store.agreement_key()?.public_key();
    let name_sealed = crypto::seal(
        &invite_name_key(&invite.secret),
        &device,
        device_name.as_bytes(),
    )?;
    let team = TeamId(invite.team_id);
    let input = ponte_proto::join_mac_input(
        &team,
        &DeviceId(device),
        &SigningPublicKey(signing_pk),
        &AgreementPublicKey(agreement_pk),
        &name_sealed,
    );
    let mac = crypto::hmac_sha256(&invite.secret, &input);
    let body = JoinRequest {
        team_id: team,
        token: InviteToken(invite.token),
        device_id: DeviceId(device),
        signing_pk: SigningPublicKey(signing_pk),
        agreement_pk: AgreementPublicKey(agreement_pk),
        name_sealed,
        mac: JoinMac(mac),
    };
    client(store, &invite.relay)?
        .post_empty(paths::JOIN, &body)
        .await?;
    let state = TeamState {
        team_id: hex::encode(invite.team_id),
        relay: invite.relay.clone(),
        supervisor: false,
        name: device_name.to_owned(),
        supervisor_pk: hex::encode(invite.supervisor_pk),
        approved: false,
        role: None,
        supervisor_keys: Vec::new(),
        vouched_erasures: Vec::new(),
    };
    save_state(store, &state)?;
    audit(store, &format!("team join team={}", state.team_id))?;
    Ok(state)
}

/// What a walk along the roster chain found.
struct Walk {
    /// The latest roster that checked, with its body (`None`: none yet, e.g. a device
    /// waiting for approval whose anchor signed nothing the relay served).
    latest: Option<(SignedRoster, RosterBody)>,
    /// The recoveries among the steps walked.
    recoveries: Vec<Recovery>,
    /// The keys of the supervisors of every roster walked.
    supervisors: Vec<[u8; 32]>,
    /// The erasures the rosters walked vouched for.
    vouched: Vec<ponte_proto::RecordId>,
}

/// Walk the relay's roster chain from `from` (the roster this device holds), or,
/// without one, from the first roster `anchor` signed. Every step must follow from the
/// one before ([`roster::verify_step`]): a roster signed by anyone but a supervisor of
/// the previous one (or the recovery kit, once), an older or a skipped version, is
/// refused with [`SyncError::BadRoster`], whatever the relay says. A relay can withhold
/// newer rosters, never roll a device back.
async fn walk(
    client: &Client,
    team_id: &[u8; 16],
    from: Option<(SignedRoster, RosterBody)>,
    anchor: &[u8; 32],
) -> Result<Walk> {
    let mut since = from.as_ref().map_or(0, |(r, _)| r.version);
    let mut walk = Walk {
        latest: from,
        recoveries: Vec::new(),
        supervisors: Vec::new(),
        vouched: Vec::new(),
    };
    loop {
        let chain: RosterChain = client
            .get(&format!(
                "{}?team={}&since={since}",
                paths::ROSTERS,
                hex::encode(team_id)
            ))
            .await?;
        if chain.rosters.is_empty() {
            break;
        }
        for signed in chain.rosters {
            if signed.version <= since {
                return Err(SyncError::BadRoster);
            }
            let body = match &walk.latest {
                Some((_, previous)) => {
                    let (body, recovery) = roster::verify_step(previous, &signed)?;
                    if recovery {
                        walk.recoveries.push(Recovery {
                            version: body.version,
                            at_ms: body.signed_at_ms,
                            by: body.recovered_by.map(|d| d.to_hex()).unwrap_or_default(),
                        });
                    }
                    body
                }
                // Before the anchor's first roster: not ours to judge, skipped.
                None => match roster::verify_anchored(&signed, anchor, team_id) {
                    Ok(body) => body,
                    Err(_) => {
                        since = signed.version;
                        continue;
                    }
                },
            };
            walk.supervisors
                .extend(body.supervisors().map(|d| d.signing_pk.0));
            walk.vouched.extend_from_slice(&body.vouched_erasures);
            since = signed.version;
            walk.latest = Some((signed, body));
        }
        // Each answer moves `since` on, so asking again always progresses.
        if !chain.more {
            break;
        }
    }
    Ok(walk)
}

/// Fetch the rosters after the one this device holds, check every step of the chain,
/// and take what the latest brings: the team keys on first approval or after a
/// rotation, this device's role, the team settings; every recovery met on the way is
/// kept (and audited) for the team screen. Returns the latest roster body.
pub async fn refresh_roster(
    store: &mut Store,
    client: &Client,
    state: &mut TeamState,
) -> Result<RosterBody> {
    let team_id = state.team_id()?;
    let from = match local_roster(store)? {
        Some(r) => {
            let body = roster::kept(&r, &team_id)?;
            Some((r, body))
        }
        None => None,
    };
    let walk = walk(client, &team_id, from, &state.supervisor_pk()?).await?;
    let Some((signed, body)) = walk.latest else {
        return Err(if state.approved {
            SyncError::BadRoster
        } else {
            SyncError::NotApproved
        });
    };
    note_recoveries(store, state, &walk.recoveries)?;
    state.remember_supervisors(&walk.supervisors);
    state.remember_vouched(&walk.vouched);
    let me = store.device_id();
    let Some(entry) = body
        .device(&DeviceId(me))
        .filter(|d| d.role != Role::Recovery)
    else {
        // Proof of removal: a roster the chain leads to from the one this device
        // held, without this device.
        save_state(store, state)?;
        return Err(if state.approved {
            SyncError::RemovedFromTeam
        } else {
            SyncError::NotApproved
        });
    };
    let keys = roster::open_team_keys(&team_id, &me, &store.agreement_key()?, &entry.keys_sealed)?;
    if state.approved {
        store.add_team_keys(keys)?;
    } else {
        store.adopt_team_keys(keys)?;
        state.approved = true;
    }
    let role = entry.role;
    if state.role != Some(role) {
        if state.role.is_some() {
            audit(
                store,
                &format!("role team={} role={}", state.team_id, role_name(role)),
            )?;
        }
        state.role = Some(role);
        state.supervisor = role == Role::Supervisor;
    }
    save_state(store, state)?;
    let settings = TeamSettings::open(&store.team_keys(), &team_id, &body.settings_sealed)?;
    save_roster(store, &signed)?;
    apply_settings(store, &settings)?;
    Ok(body)
}

/// A role's name, as the CLI, the screens and the audit log write it.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Supervisor => "supervisor",
        Role::Operator => "operator",
        Role::Mediator => "mediator",
        Role::Recovery => "recovery",
    }
}

/// The role a name says (`member` is the old name of `operator`); the recovery kit's
/// role is never given, only made.
pub fn role_named(name: &str) -> Option<Role> {
    match name.trim().to_ascii_lowercase().as_str() {
        "supervisor" => Some(Role::Supervisor),
        "operator" | "member" => Some(Role::Operator),
        "mediator" => Some(Role::Mediator),
        _ => None,
    }
}

/// Outcome of [`approve`] for one pending device.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    /// Device id (hex).
    pub device: String,
    /// Its name, opened with the invite secret.
    pub name: String,
    /// Whether it was added (false: the MAC did not check, or no open invite matched).
    pub approved: bool,
}

/// Approve pending joins (all, or the one with this device id hex) in `role`: check
/// each MAC with the invite's secret (so a supervisor approves the devices of the
/// invites it made), then publish a roster that includes the devices and seals the team
/// keys to them (supervisor).
pub async fn approve(store: &mut Store, only: Option<&str>, role: Role) -> Result<Vec<Approval>> {
    if role == Role::Recovery {
        return Err(SyncError::NoSuchDevice);
    }
    let mut state = require(store)?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let team_id = state.team_id()?;
    let client = client(store, &state.relay)?;
    let body = refresh_roster(store, &client, &mut state).await?;
    let pending: PendingJoins = client
        .get(&format!("{}?team={}", paths::PENDING, state.team_id))
        .await?;
    let mut invites = load_invites(store)?;
    let keys = store.team_keys();
    let mut members = roster::members(&body, &keys);
    let mut outcome = Vec::new();
    for join in pending.joins {
        let device_hex = join.device_id.to_hex();
        if only.is_some_and(|d| !d.eq_ignore_ascii_case(&device_hex)) {
            continue;
        }
        let token_hex = hex::encode(join.token_hash.0);
        let secret = invites
            .open
            .iter()
            .find(|i| i.token_hash == token_hex)
            .and_then(|i| hex::decode(&i.secret).ok())
            .and_then(|s| <[u8; 32]>::try_from(s).ok());
        let checked = secret.filter(|secret| {
            let input = ponte_proto::join_mac_input(
                &TeamId(team_id),
                &join.device_id,
                &join.signing_pk,
                &join.agreement_pk,
                &join.name_sealed,
            );
            crypto::hmac_sha256_verify(secret, &input, &join.mac.0).is_ok()
        });
        let name = checked
            .and_then(|s| {
                crypto::open(&invite_name_key(&s), &join.device_id.0, &join.name_sealed).ok()
            })
            .and_then(|p| String::from_utf8(p.to_vec()).ok());
        match (checked, name) {
            (Some(_), Some(name)) => {
                members.retain(|m| m.device_id != join.device_id.0);
                members.push(Member {
                    device_id: join.device_id.0,
                    signing_pk: join.signing_pk.0,
                    agreement_pk: join.agreement_pk.0,
                    role,
                    name: name.clone(),
                });
                invites.open.retain(|i| i.token_hash != token_hex);
                outcome.push(Approval {
                    device: device_hex,
                    name,
                    approved: true,
                });
            }
            _ => outcome.push(Approval {
                device: device_hex,
                name: String::new(),
                approved: false,
            }),
        }
    }
    if only.is_some() && outcome.is_empty() {
        return Err(SyncError::NoSuchDevice);
    }
    if outcome.iter().any(|a| a.approved) {
        publish_next(store, &client, &state, &body, &keys, &members).await?;
        save_invites(store, &invites)?;
    }
    for a in &outcome {
        let verdict = if a.approved { "approved" } else { "refused" };
        audit(
            store,
            &format!(
                "approve team={} device={} {verdict}",
                state.team_id, a.device
            ),
        )?;
    }
    Ok(outcome)
}

/// Publish the roster after `body` with `members` and the team settings this device
/// holds, unchanged.
async fn publish_next(
    store: &mut Store,
    client: &Client,
    state: &TeamState,
    body: &RosterBody,
    keys: &[(u32, SecretKey)],
    members: &[Member],
) -> Result<()> {
    let settings = settings(store)?;
    publish(store, client, state, body, keys, members, &settings).await
}

/// Publish the roster after `previous` with `members`, signed by this device: it
/// vouches for the erasures of the supervisors it removes or demotes ([`vouch`]).
async fn publish(
    store: &mut Store,
    client: &Client,
    state: &TeamState,
    previous: &RosterBody,
    keys: &[(u32, SecretKey)],
    members: &[Member],
    settings: &TeamSettings,
) -> Result<()> {
    let team_id = state.team_id()?;
    let signer = Signer {
        key: &store.signing_key()?,
        device_id: store.device_id(),
        recovered_by: None,
        vouched: vouch(store, &team_id, previous, members)?,
    };
    let signed = sign_and_post(
        client,
        &team_id,
        &signer,
        previous.version + 1,
        keys,
        members,
        settings,
    )
    .await?;
    save_roster(store, &signed)
}

/// Build the roster `version` signed by `signer` and post it to the relay (which takes
/// it only as the next step of the chain); answers it, to be kept once taken.
async fn sign_and_post(
    client: &Client,
    team_id: &[u8; 16],
    signer: &Signer<'_>,
    version: u64,
    keys: &[(u32, SecretKey)],
    members: &[Member],
    settings: &TeamSettings,
) -> Result<SignedRoster> {
    let signed = roster::build(signer, team_id, version, keys, members, settings)?;
    client
        .post_empty(
            paths::ROSTER,
            &PutRoster {
                team_id: TeamId(*team_id),
                roster: signed.clone(),
            },
        )
        .await?;
    Ok(signed)
}

/// A device of the team as [`devices`] lists it.
#[derive(Debug, Clone)]
pub struct TeamDevice {
    /// Device id (hex).
    pub id: String,
    /// Its name.
    pub name: String,
    /// It holds the supervisor role.
    pub supervisor: bool,
    /// Its role.
    pub role: Role,
    /// The notices it left the supervisor that opened and verified (supervisor only;
    /// empty when the relay could not be asked), oldest first.
    pub notices: Vec<crate::notice::Opened>,
}

/// The devices of the team, from the latest roster (fetched when the relay answers),
/// with the notices they left (on the supervisor's device, when the relay answers).
pub async fn devices(store: &mut Store) -> Result<Vec<TeamDevice>> {
    let mut state = require(store)?;
    let client = client(store, &state.relay)?;
    let (body, online) = match refresh_roster(store, &client, &mut state).await {
        Ok(body) => (body, true),
        Err(SyncError::Network) => match local_roster(store)? {
            Some(r) => (roster::kept(&r, &state.team_id()?)?, false),
            None => return Err(SyncError::Network),
        },
        Err(e) => return Err(e),
    };
    // A relay that cannot be asked (or an older one without notices) leaves the list
    // without them; the devices are still shown.
    let notices = if online && state.supervisor {
        let agreement = store.agreement_key()?;
        crate::notice::fetch(&agreement, &client, &state, &body)
            .await
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let keys = store.team_keys();
    Ok(roster::members(&body, &keys)
        .into_iter()
        .filter(|m| m.role != Role::Recovery)
        .map(|m| TeamDevice {
            id: hex::encode(m.device_id),
            notices: notices
                .iter()
                .filter(|n| n.device_id == m.device_id)
                .copied()
                .collect(),
            name: m.name,
            supervisor: m.role == Role::Supervisor,
            role: m.role,
        })
        .collect())
}

/// Remove a device from the team and rotate the team key (supervisor; a deputy
/// supervisor's device too, e.g. a lost one). Returns the new key epoch.
pub async fn revoke(store: &mut Store, device_hex: &str) -> Result<u32> {
    let mut state = require(store)?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let client = client(store, &state.relay)?;
    let body = refresh_roster(store, &client, &mut state).await?;
    let keys_before = store.team_keys();
    let mut members = roster::members(&body, &keys_before);
    // Not this device (hand the role over first), not the recovery kit (replace it).
    let me = store.device_id();
    let before = members.len();
    members.retain(|m| {
        !hex::encode(m.device_id).eq_ignore_ascii_case(device_hex.trim())
            || m.role == Role::Recovery
            || m.device_id == me
    });
    if members.len() == before {
        return Err(SyncError::NoSuchDevice);
    }
    let epoch = store.rotate_team_key()?;
    let keys = store.team_keys();
    publish_next(store, &client, &state, &body, &keys, &members).await?;
    audit(
        store,
        &format!(
            "revoke team={} device={} key_epoch={epoch}",
            state.team_id,
            device_hex.trim().to_ascii_lowercase()
        ),
    )?;
    Ok(epoch)
}

/// The latest roster, refreshed, on a supervisor's device: the supervisor role is
/// checked before asking the relay and again on the roster it serves (a supervisor
/// whose role was changed elsewhere learns it here).
async fn supervisor_roster(store: &mut Store) -> Result<(TeamState, Client, RosterBody)> {
    let mut state = require(store)?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    let client = client(store, &state.relay)?;
    let body = refresh_roster(store, &client, &mut state).await?;
    if !state.supervisor {
        return Err(SyncError::NotSupervisor);
    }
    Ok((state, client, body))
}

/// Where another device of the team (not this one, not the recovery kit) is among
/// `members`, by its id in hex.
fn other_device(members: &[Member], me: &[u8; 16], device_hex: &str) -> Result<usize> {
    members
        .iter()
        .position(|m| {
            m.role != Role::Recovery
                && m.device_id != *me
                && hex::encode(m.device_id).eq_ignore_ascii_case(device_hex.trim())
        })
        .ok_or(SyncError::NoSuchDevice)
}

/// Change a device's role (supervisor): `Role::Supervisor` makes it a deputy, another
/// role takes the supervisor role from it. This device's own role changes only by
/// [`handover`]. A roster change like any other: signed, on the relay, audited.
pub async fn set_role(store: &mut Store, device_hex: &str, role: Role) -> Result<()> {
    if role == Role::Recovery {
        return Err(SyncError::NoSuchDevice);
    }
    let (state, client, body) = supervisor_roster(store).await?;
    let me = store.device_id();
    let keys = store.team_keys();
    let mut members = roster::members(&body, &keys);
    let target = other_device(&members, &me, device_hex)?;
    let device = hex::encode(members[target].device_id);
    members[target].role = role;
    publish_next(store, &client, &state, &body, &keys, &members).await?;
    audit(
        store,
        &format!(
            "role team={} device={device} role={}",
            state.team_id,
            role_name(role)
        ),
    )?;
    Ok(())
}

/// Hand the supervisor role to another device of the team (supervisor): it becomes a
/// supervisor and this device an operator, in one signed roster.
pub async fn handover(store: &mut Store, device_hex: &str) -> Result<()> {
    let (mut state, client, body) = supervisor_roster(store).await?;
    let me = store.device_id();
    let keys = store.team_keys();
    let mut members = roster::members(&body, &keys);
    let target = other_device(&members, &me, device_hex)?;
    members[target].role = Role::Supervisor;
    let device = hex::encode(members[target].device_id);
    for m in members.iter_mut().filter(|m| m.device_id == me) {
        m.role = Role::Operator;
    }
    publish_next(store, &client, &state, &body, &keys, &members).await?;
    state.supervisor = false;
    state.role = Some(Role::Operator);
    save_state(store, &state)?;
    audit(
        store,
        &format!("handover team={} to={device}", state.team_id),
    )?;
    Ok(())
}

/// Erase a record on every device of the team: delete it here and queue a tombstone
/// signed by the supervisor (supervisor only). Outside a team, a plain local erase.
pub fn erase(store: &mut Store, id: &RecordId, kind: Option<Kind>) -> Result<()> {
    match state(store)? {
        None => Ok(store.erase(id, kind)?),
        Some(s) if !s.supervisor => Err(SyncError::NotSupervisor),
        Some(s) => {
            let input = ponte_store::sync::tombstone_signing_input(&s.team_id()?, id);
            let signature = store.signing_key()?.sign(&input);
            Ok(store.erase_for_team(id, kind, &signature)?)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_invite_lifetime_is_what_the_relay_accepts() {
        for ok in [MIN_INVITE_TTL_MS, DEFAULT_INVITE_TTL_MS, MAX_INVITE_TTL_MS] {
            assert!(check_invite_ttl(ok).is_ok(), "{ok}");
        }
        for bad in [0, MIN_INVITE_TTL_MS - 1, MAX_INVITE_TTL_MS + 1, u64::MAX] {
            let e = check_invite_ttl(bad).unwrap_err();
            assert!(
                matches!(e, SyncError::BadInviteTtl { max_days: 30 }),
                "{bad}: {e:?}"
            );
            assert_eq!(e.code(), "invite-bad-ttl");
        }
    }

    #[test]
    fn vouched_erasures_are_kept_once_and_bounded() {
        let mut state = TeamState {
            team_id: hex::encode([3u8; 16]),
            relay: String::new(),
            supervisor: false,
            name: String::new(),
            supervisor_pk: hex::encode([4u8; 32]),
            approved: true,
            role: None,
            supervisor_keys: Vec::new(),
            vouched_erasures: Vec::new(),
        };
        let id = |n: usize| {
            ponte_proto::RecordId(*crypto::sha256(&n.to_be_bytes()).first_chunk().unwrap())
        };
        state.remember_vouched(&[id(1), id(1), id(2)]);
        assert_eq!(state.vouched_erasures.len(), 2);
        let many: Vec<_> = (0..KEEP_VOUCHED + 5).map(id).collect();
        state.remember_vouched(&many);
        assert_eq!(state.vouched_erasures.len(), KEEP_VOUCHED);
        assert_eq!(
            state.vouched_erasures.last(),
            Some(&id(KEEP_VOUCHED + 4).to_hex())
        );
    }
}

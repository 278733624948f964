//! Load benchmark of the relay: 200 devices syncing at once on loopback, as 20 teams
//! of 10, then as one team of 200.
//!
//! Starts the real `sync-server` binary (the release build `cargo bench` makes) on
//! 127.0.0.1:0 with SQLite in a temp dir, then again on PostgreSQL if a throwaway
//! cluster can be started with `ponte-pgtest`. Enrols the devices the way a team
//! does it (team, one invite each, joins, the supervisor's roster listing them all;
//! not timed), then runs rounds of an end-of-day sync on every device at once, each
//! with its own HTTP client (so its own connection), as `ponte-sync`'s engine does
//! it: one request pushes the day's outbox and pulls up to 2,000 entries, further
//! requests pull until `more == false`; once every device is done, each catches up
//! with what was pushed after its last pull, then all reconnect with nothing new.
//! Prints one Markdown table (docs/BENCHMARKS.md, "Relay under load").
//!
//! Run: `cargo bench -p sync-server --bench load`
//!
//! Environment: `PONTE_BENCH_TEAMS` (`20,1`: the team counts to run, the devices split
//! evenly), `PONTE_BENCH_DEVICES` (200), `PONTE_BENCH_RECORDS` (new records per
//! device per round, 50), `PONTE_BENCH_ROUNDS` (2), `PONTE_BENCH_PULL_LIMIT` (2000),
//! `PONTE_BENCH_SQLITE` and `PONTE_BENCH_PG` (`0` skips that backend),
//! `PONTE_BENCH_SPREAD_MS` (0: every device starts at the same instant; otherwise
//! their starts are spread evenly over that many milliseconds).
//!
//! Answers 429 (retried after 100 ms) and 5xx (retried after 1 s, as a device would
//! sync again later; at most 5 per step) are counted in the table, not hidden, and
//! left out of the percentiles. A round fails (the table so far is still printed,
//! then the failure and the relay's ERROR lines) on any other answer, or if a device
//! does not end up with exactly the entries the others stored.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ponte_proto::{
    AgreementPublicKey, CONTENT_TYPE, CreateInvite, CreateTeam, DeviceId, EntryKind, InviteToken,
    JoinMac, JoinRequest, NewEntry, Nonce, PendingJoins, PutRoster, RecordId, RequestAuth, Role,
    RosterBody, RosterDevice, Signature, SignedRoster, SigningPublicKey, SyncRequest, SyncResponse,
    TeamId, TokenHash, decode, encode, paths, roster_signing_input, signing_input,
};
use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom as _, SystemRandom};
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use tokio::sync::Barrier;

/// The team-creation code the bench's relay is started with and its set-up presents.
const TEAM_CREATION_CODE: &str = "load-bench-team-creation-code";

/// Entries pulled per request: what `ponte-sync`'s engine asks for (`PULL_LIMIT`).
const PULL_LIMIT: u32 = ponte_proto::limits::MAX_PULL_LIMIT;
/// A record's `Key` entry: epoch (4) + AES-GCM header (13) + kind and data key (33)
/// + tag (16), as `ponte-store` makes it.
const KEY_ENTRY_BYTES: usize = 66;
/// A new record's first `Change` entry: about 700 bytes, 600 to 800.
const CHANGE_BYTES: (usize, usize) = (600, 800);
/// Sealed device name and sealed team keys in a roster entry, about a real one's size.
const NAME_SEALED_BYTES: usize = 60;
const KEYS_SEALED_BYTES: usize = 160;

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    SystemRandom::new().fill(&mut bytes).unwrap();
    bytes
}

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    SystemRandom::new().fill(&mut bytes).unwrap();
    bytes
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    digest(&SHA256, bytes).as_ref().try_into().unwrap()
}

fn now_ms() -> u64 {
    u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------
// Devices and signed requests.

/// A device: an id and an Ed25519 key pair (the agreement key is random bytes: the
/// relay never uses it).
struct Device {
    id: DeviceId,
    pair: Ed25519KeyPair,
    agreement_pk: AgreementPublicKey,
}

impl Device {
    fn new() -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
        Self {
            id: DeviceId(random()),
            pair: Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap(),
            agreement_pk: AgreementPublicKey(random()),
        }
    }

    fn signing_pk(&self) -> SigningPublicKey {
        SigningPublicKey::from_slice(self.pair.public_key().as_ref()).unwrap()
    }

    fn sign(&self, message: &[u8]) -> Signature {
        Signature::from_slice(self.pair.sign(message).as_ref()).unwrap()
    }

    fn roster_entry(&self, role: Role) -> RosterDevice {
        RosterDevice {
            device_id: self.id,
            signing_pk: self.signing_pk(),
            agreement_pk: self.agreement_pk,
            role,
            name_sealed: random_bytes(NAME_SEALED_BYTES),
            keys_sealed: random_bytes(KEYS_SEALED_BYTES),
        }
    }
}

/// An answer, with the time from sending the request to having read the whole body.
struct Reply {
    status: u16,
    body: Vec<u8>,
    elapsed: Duration,
}

impl Reply {
    fn expect(self, status: u16, what: &str) -> Result<Self, String> {
        if self.status == status {
            Ok(self)
        } else {
            Err(format!(
                "{what}: status {} {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            ))
        }
    }
}

/// Signs (fresh time and nonce) and sends one request.
async fn send(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    method: &str,
    target: &str,
    body: Vec<u8>,
) -> Result<Reply, String> {
    let time_ms = now_ms();
    let nonce = Nonce(random());
    let message = signing_input(method, target, time_ms, &nonce, &sha256(&body));
    let auth = RequestAuth {
        device: device.id,
        time_ms,
        nonce,
        signature: device.sign(&message),
    };
    let method: reqwest::Method = method.parse().map_err(|_| "bad method".to_owned())?;
    let mut request = http
        .request(method, format!("{base}{target}"))
        .header("content-type", CONTENT_TYPE);
    for (name, value) in auth.headers() {
        request = request.header(name, value);
    }
    if target == paths::TEAMS {
        request = request.header(ponte_proto::HEADER_TEAM_CREATION_CODE, TEAM_CREATION_CODE);
    }
    let request = request.body(body);
    let started = Instant::now();
    let response = request.send().await.map_err(|e| format!("{target}: {e}"))?;
    let status = response.status().as_u16();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| format!("{target}: {e}"))?;
    let elapsed = started.elapsed();
    Ok(Reply {
        status,
        body: bytes.to_vec(),
        elapsed,
    })
}

/// As [`send`], waiting and retrying while the device is rate limited (set-up only:
/// the supervisor registers more invites than its burst allows).
async fn send_patiently(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    method: &str,
    target: &str,
    body: &[u8],
) -> Result<Reply, String> {
    loop {
        let reply = send(http, base, device, method, target, body.to_vec()).await?;
        if reply.status != 429 {
            return Ok(reply);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------------------------
// The relay process.

/// A `sync-server` process; killed when dropped.
struct RelayProcess {
    child: Child,
    url: String,
}

impl RelayProcess {
    /// Spawns the binary on `db`, port 0, logging (at the default `info`: one line
    /// per request) to `log`; waits for its `listening on` line. Team creation is
    /// closed with [`TEAM_CREATION_CODE`], which the set-up presents, and allows all
    /// the bench's teams from this one address (a settings file beside the log).
    fn spawn(db: &str, log: &Path) -> Result<Self, String> {
        let config = log.with_extension("toml");
        std::fs::write(&config, "[limits]\nteam_creations_per_hour = 10000\n")
            .map_err(|e| e.to_string())?;
        let log = std::fs::File::create(log).map_err(|e| e.to_string())?;
        let mut child = Command::new(env!("CARGO_BIN_EXE_sync-server"))
            .args(["--db", db, "--listen", "127.0.0.1:0"])
            .env_remove("RUST_LOG")
            .env("PONTE_CONFIG", &config)
            .env("PONTE_TEAM_CREATION_CODES", TEAM_CREATION_CODE)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start sync-server: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.to_owned();
                    }
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("sync-server exited before listening (see its log)".to_owned());
                }
            }
        };
        // Keep draining stdout (it prints nothing more, but never block the relay).
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Self { child, url })
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The relay's memory: (VmHWM, VmRSS) in KiB, from `/proc/PID/status`.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// CPU time (user + system, all threads) of `pid`, or of this process, in seconds,
/// from `/proc/PID/stat` (in clock ticks: 100 a second on Linux).
fn cpu_seconds(pid: Option<u32>) -> f64 {
    let path = pid.map_or_else(
        || "/proc/self/stat".to_owned(),
        |p| format!("/proc/{p}/stat"),
    );
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    };
    f64::from(ticks(11)) / 100.0 + f64::from(ticks(12)) / 100.0
}

/// The 1-minute load average (other work on the machine skews every figure).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

fn mib(kib: u64) -> f64 {
    // KiB counts of a process stay far below 2^52.
    #[allow(clippy::cast_precision_loss)]
    let kib = kib as f64;
    kib / 1024.0
}

// ---------------------------------------------------------------------------------
// Set-up: a team of `n` devices enrolled through invites (not timed).

struct Team {
    id: TeamId,
    members: Vec<Arc<Device>>,
}

fn signed_roster(
    team_id: TeamId,
    version: u64,
    supervisor: &Device,
    members: &[RosterDevice],
) -> SignedRoster {
    let mut devices = vec![supervisor.roster_entry(Role::Supervisor)];
    devices.extend(members.iter().cloned());
    let body = encode(&RosterBody {
        team_id,
        version,
        epoch: 1,
        signer: supervisor.id,
        devices,
        settings_sealed: Vec::new(),
        signed_at_ms: 0,
        recovered_by: None,
        vouched_erasures: Vec::new(),
    })
    .unwrap();
    SignedRoster {
        version,
        signature: supervisor.sign(&roster_signing_input(&body)),
        body,
    }
}

async fn set_up(base: &str, n: usize) -> Result<Team, String> {
    let http = reqwest::Client::new();
    let supervisor = Device::new();
    let team_id = TeamId(random());
    let create = CreateTeam {
        team_id,
        device_id: supervisor.id,
        signing_pk: supervisor.signing_pk(),
        agreement_pk: supervisor.agreement_pk,
        roster: signed_roster(team_id, 1, &supervisor, &[]),
    };
    send_patiently(
        &http,
        base,
        &supervisor,
        "POST",
        paths::TEAMS,
        &encode(&create).unwrap(),
    )
    .await?
    .expect(201, "create team")?;

    let mut members = Vec::with_capacity(n);
    for _ in 0..n {
        let token = InviteToken(random());
        let invite = CreateInvite {
            team_id,
            token_hash: TokenHash(sha256(token.as_bytes())),
            expires_at: now_ms() + 24 * 60 * 60 * 1000,
        };
        send_patiently(
            &http,
            base,
            &supervisor,
            "POST",
            paths::INVITES,
            &encode(&invite).unwrap(),
        )
        .await?
        .expect(201, "invite")?;
        let device = Device::new();
        let join = JoinRequest {
            team_id,
            token,
            device_id: device.id,
            signing_pk: device.signing_pk(),
            agreement_pk: device.agreement_pk,
            name_sealed: random_bytes(NAME_SEALED_BYTES),
            mac: JoinMac(random()),
        };
        send_patiently(
            &http,
            base,
            &device,
            "POST",
            paths::JOIN,
            &encode(&join).unwrap(),
        )
        .await?
        .expect(202, "join")?;
        members.push(device);
    }

    let pending_target = format!("{}?team={}", paths::PENDING, team_id.to_hex());
    let pending: PendingJoins = decode(
        &send_patiently(&http, base, &supervisor, "GET", &pending_target, &[])
            .await?
            .expect(200, "pending")?
            .body,
    )
    .map_err(|e| e.to_string())?;
    if pending.joins.len() != n {
        return Err(format!("{} pending joins, not {n}", pending.joins.len()));
    }

    let listed: Vec<RosterDevice> = members
        .iter()
        .map(|d| d.roster_entry(Role::Operator))
        .collect();
    let put = PutRoster {
        team_id,
        roster: signed_roster(team_id, 2, &supervisor, &listed),
    };
    send_patiently(
        &http,
        base,
        &supervisor,
        "POST",
        paths::ROSTER,
        &encode(&put).unwrap(),
    )
    .await?
    .expect(204, "roster")?;
    Ok(Team {
        id: team_id,
        members: members.into_iter().map(Arc::new).collect(),
    })
}

// ---------------------------------------------------------------------------------
// One device's end-of-day sync.

/// Which step of the sync a request was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Carries the day's outbox (and pulls, as every request of the engine does).
    Push,
    /// Pulls only: the rest of the first sync, and the catch-up.
    Pull,
    /// The reconnect with nothing new on either side.
    Idle,
}

const STEPS: [Step; 3] = [Step::Push, Step::Pull, Step::Idle];

impl Config {
    /// How the devices are grouped, for the table.
    fn label(&self) -> String {
        let teams = if self.teams == 1 {
            format!("1 team of {}", self.devices)
        } else {
            format!("{} teams of {}", self.teams, self.devices / self.teams)
        };
        if self.spread.is_zero() {
            teams
        } else {
            format!("{teams}, starts over {} ms", self.spread.as_millis())
        }
    }
}

impl Step {
    const fn index(self) -> usize {
        match self {
            Self::Push => 0,
            Self::Pull => 1,
            Self::Idle => 2,
        }
    }

    const fn name(self) -> &'static str {
        match self {
            Self::Push => "push (+pull)",
            Self::Pull => "pull",
            Self::Idle => "idle reconnect",
        }
    }
}

/// 5xx answers a device retries (after a second) per step before giving up.
const MAX_FAILURES: u64 = 5;

/// What one device saw in one round.
#[derive(Default)]
struct Seen {
    /// Latency of every answered (200) request, by step.
    latencies: [Vec<Duration>; 3],
    /// 429 answers, by step (retried after 100 ms; not in `latencies`).
    rate_limited: [u64; 3],
    /// 5xx answers, by step (retried after 1 s; not in `latencies`).
    failed: [u64; 3],
    /// Entries of other devices pulled.
    pulled: usize,
    /// Request and answer body bytes.
    bytes_up: usize,
    bytes_down: usize,
    /// The whole first sync: from sending the push to `more == false`.
    sync_time: Option<Duration>,
    /// Whether the relay stored the push.
    pushed: bool,
}

/// What a device works with during a round.
struct Ctx {
    http: reqwest::Client,
    base: Arc<str>,
    team: TeamId,
    device: Arc<Device>,
}

/// One `POST /v2/sync`, retried while rate limited.
async fn sync_once(
    ctx: &Ctx,
    request: &SyncRequest,
    step: Step,
    seen: &mut Seen,
) -> Result<SyncResponse, String> {
    let body = encode(request).map_err(|e| e.to_string())?;
    loop {
        let reply = send(
            &ctx.http,
            &ctx.base,
            &ctx.device,
            "POST",
            paths::SYNC,
            body.clone(),
        )
        .await?;
        seen.bytes_up += body.len();
        seen.bytes_down += reply.body.len();
        match reply.status {
            200 => {
                seen.latencies[step.index()].push(reply.elapsed);
                return decode(&reply.body).map_err(|e| e.to_string());
            }
            429 => {
                seen.rate_limited[step.index()] += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            status if status >= 500 && seen.failed[step.index()] < MAX_FAILURES => {
                // A real device reports the failure and syncs again later.
                seen.failed[step.index()] += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            status => {
                return Err(format!(
                    "{}: status {status} {}",
                    step.name(),
                    String::from_utf8_lossy(&reply.body)
                ));
            }
        }
    }
}

/// Pushes `push` (if any) and pulls until `more == false`, as the engine's loop does.
async fn sync_loop(
    ctx: &Ctx,
    cursor: &mut u64,
    mut push: Vec<NewEntry>,
    seen: &mut Seen,
    pull_limit: u32,
) -> Result<(), String> {
    loop {
        let step = if push.is_empty() {
            Step::Pull
        } else {
            Step::Push
        };
        let request = SyncRequest {
            team_id: ctx.team,
            cursor: *cursor,
            push: std::mem::take(&mut push),
            pull_limit,
        };
        let response = sync_once(ctx, &request, step, seen).await?;
        if response.pushed.len() != request.push.len()
            || response.pushed.iter().any(|p| p.seq().is_none())
        {
            return Err("push not stored".to_owned());
        }
        if step == Step::Push {
            seen.pushed = true;
        }
        if response
            .entries
            .iter()
            .any(|e| e.author_device == ctx.device.id)
        {
            return Err("pulled its own entry".to_owned());
        }
        seen.pulled += response.entries.len();
        *cursor = response.cursor;
        if !response.more {
            return Ok(());
        }
    }
}

/// The day's outbox: per new record a `Key` entry and a first `Change`.
fn outbox(records: usize) -> Vec<NewEntry> {
    let mut entries = Vec::with_capacity(2 * records);
    for _ in 0..records {
        let record = RecordId(random());
        let [spread] = random::<1>();
        let change_len = CHANGE_BYTES.0
            + usize::from(spread) * (CHANGE_BYTES.1 - CHANGE_BYTES.0) / usize::from(u8::MAX);
        entries.push(NewEntry {
            record_id: record,
            kind: EntryKind::Key,
            ciphertext: random_bytes(KEY_ENTRY_BYTES),
        });
        entries.push(NewEntry {
            record_id: record,
            kind: EntryKind::Change,
            ciphertext: random_bytes(change_len),
        });
    }
    entries
}

struct Gates {
    start: Barrier,
    pushed: Barrier,
    caught_up: Barrier,
}

/// One device's round: sync (push + pull), then, once every device did, catch up,
/// then, once every device did, the idle reconnect. Waits at every gate even after
/// an error, so the other devices are not left waiting.
async fn device_round(
    ctx: Ctx,
    mut cursor: u64,
    push: Vec<NewEntry>,
    gates: Arc<Gates>,
    pull_limit: u32,
    delay: Duration,
) -> (u64, Seen, Result<(), String>) {
    let mut seen = Seen::default();
    gates.start.wait().await;
    tokio::time::sleep(delay).await;
    let started = Instant::now();
    let mut result = sync_loop(&ctx, &mut cursor, push, &mut seen, pull_limit).await;
    seen.sync_time = Some(started.elapsed());
    gates.pushed.wait().await;
    if result.is_ok() {
        result = sync_loop(&ctx, &mut cursor, Vec::new(), &mut seen, pull_limit).await;
    }
    gates.caught_up.wait().await;
    if result.is_ok() {
        let request = SyncRequest {
            team_id: ctx.team,
            cursor,
            push: Vec::new(),
            pull_limit,
        };
        result = match sync_once(&ctx, &request, Step::Idle, &mut seen).await {
            Ok(r) if r.entries.is_empty() && !r.more && r.cursor == cursor => Ok(()),
            Ok(r) => Err(format!(
                "idle reconnect pulled {} entries (more: {})",
                r.entries.len(),
                r.more
            )),
            Err(e) => Err(e),
        };
    }
    (cursor, seen, result)
}

/// What the bench runs.
#[derive(Clone, Copy)]
struct Config {
    devices: usize,
    /// The devices are split evenly over this many teams.
    teams: usize,
    /// Devices start within this window (evenly spread) instead of all at the same
    /// instant.
    spread: Duration,
    /// New records per device per round.
    records: usize,
    rounds: usize,
    pull_limit: u32,
}

/// Everything measured in one round.
struct Round {
    latencies: [Vec<Duration>; 3],
    rate_limited: [u64; 3],
    failed: [u64; 3],
    /// Each device's whole first sync (push, then pulls until done).
    sync_times: Vec<Duration>,
    wall: Duration,
    bytes_up: usize,
    bytes_down: usize,
    /// (VmHWM, VmRSS) of the relay after the round, KiB.
    memory: (u64, u64),
    /// CPU seconds the relay and this load generator used during the round.
    cpu: (f64, f64),
}

async fn round(
    base: &Arc<str>,
    teams: &[Team],
    cursors: &mut [Vec<u64>],
    config: Config,
    pid: u32,
) -> Result<Round, String> {
    let n: usize = teams.iter().map(|t| t.members.len()).sum();
    let gates = Arc::new(Gates {
        start: Barrier::new(n + 1),
        pushed: Barrier::new(n),
        caught_up: Barrier::new(n),
    });
    let mut tasks = Vec::with_capacity(n);
    let members = teams
        .iter()
        .zip(cursors.iter())
        .flat_map(|(team, cursors)| {
            team.members
                .iter()
                .zip(cursors.iter())
                .map(move |(device, cursor)| (team.id, device, cursor))
        });
    for (team, device, cursor) in members {
        let ctx = Ctx {
            // One client per device: its own connection, as on a real phone.
            http: reqwest::Client::new(),
            base: Arc::clone(base),
            team,
            device: Arc::clone(device),
        };
        let push = outbox(config.records);
        #[allow(clippy::cast_possible_truncation)]
        let delay = config.spread * tasks.len() as u32 / n.max(1) as u32;
        tasks.push(tokio::spawn(device_round(
            ctx,
            *cursor,
            push,
            Arc::clone(&gates),
            config.pull_limit,
            delay,
        )));
    }
    gates.start.wait().await;
    let started = Instant::now();
    let cpu_before = (cpu_seconds(Some(pid)), cpu_seconds(None));
    let mut merged = Seen::default();
    let mut sync_times = Vec::with_capacity(n);
    let mut done = Vec::with_capacity(n);
    let mut tasks = tasks.into_iter();
    for (t, cursors) in cursors.iter_mut().enumerate() {
        for cursor in cursors.iter_mut() {
            let task = tasks.next().ok_or("a device task is missing")?;
            let (after, seen, result) = task.await.map_err(|e| e.to_string())?;
            *cursor = after;
            done.push((t, seen, result));
        }
    }
    let wall = started.elapsed();
    let cpu = (
        cpu_seconds(Some(pid)) - cpu_before.0,
        cpu_seconds(None) - cpu_before.1,
    );
    // Every device that finished must have pulled every entry the others of its
    // team stored, and nothing of another team.
    let mut stored_in = vec![0usize; teams.len()];
    for (t, seen, _) in &done {
        stored_in[*t] += usize::from(seen.pushed);
    }
    let stored: usize = stored_in.iter().sum();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for (device, (t, seen, result)) in done.iter().enumerate() {
        let problem = match result {
            Err(e) => Some(e.clone()),
            Ok(()) => {
                let expected = (stored_in[*t] - usize::from(seen.pushed)) * 2 * config.records;
                (seen.pulled != expected).then(|| {
                    format!(
                        "device {device} pulled {} entries, not the {expected} the others stored",
                        seen.pulled
                    )
                })
            }
        };
        if let Some(problem) = problem {
            *errors.entry(problem).or_default() += 1;
        }
    }
    for (_, seen, _) in done {
        for step in STEPS {
            let i = step.index();
            merged.latencies[i].extend(&seen.latencies[i]);
            merged.rate_limited[i] += seen.rate_limited[i];
            merged.failed[i] += seen.failed[i];
        }
        merged.bytes_up += seen.bytes_up;
        merged.bytes_down += seen.bytes_down;
        sync_times.extend(seen.sync_time);
    }
    if !errors.is_empty() {
        let failed: usize = errors.values().sum();
        let mut message = format!("{failed} of {n} devices failed ({stored} pushes stored):");
        for (error, count) in errors {
            let _ = write!(message, "\n  {count} x {error}");
        }
        return Err(message);
    }
    Ok(Round {
        latencies: merged.latencies,
        rate_limited: merged.rate_limited,
        failed: merged.failed,
        sync_times,
        wall,
        bytes_up: merged.bytes_up,
        bytes_down: merged.bytes_down,
        memory: memory(pid),
        cpu,
    })
}

// ---------------------------------------------------------------------------------
// A backend's run and the table.

/// Nearest-rank percentile of sorted samples, in ms.
fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// The first columns of a row: who, what, how many, the percentiles.
fn latency_cells(out: &mut String, backend: &str, round: &str, what: &str, samples: &[Duration]) {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let _ = write!(
        out,
        "| {backend} | {round} | {what} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
        sorted.len(),
        percentile(&sorted, 0.50),
        percentile(&sorted, 0.95),
        percentile(&sorted, 0.99),
        percentile(&sorted, 1.0),
    );
}

/// The table's header.
const HEADER: &str = "| backend | teams, round | what | n | p50 ms | p95 ms | p99 ms | max ms | 429 / 5xx | wall | req/s | MiB up / down | CPU s relay / bench | relay VmHWM / VmRSS MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

fn round_rows(out: &mut String, backend: &str, label: &str, result: &Round) {
    for step in STEPS {
        let i = step.index();
        latency_cells(out, backend, label, step.name(), &result.latencies[i]);
        let _ = writeln!(
            out,
            " {} / {} | | | | | |",
            result.rate_limited[i], result.failed[i]
        );
    }
    let all: Vec<Duration> = result.latencies.iter().flatten().copied().collect();
    let limited: u64 = result.rate_limited.iter().sum();
    let failed: u64 = result.failed.iter().sum();
    latency_cells(out, backend, label, "**all requests**", &all);
    let wall = result.wall.as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let per_second = all.len() as f64 / wall;
    #[allow(clippy::cast_precision_loss)]
    let (up, down) = (
        result.bytes_up as f64 / 1_048_576.0,
        result.bytes_down as f64 / 1_048_576.0,
    );
    let _ = writeln!(
        out,
        " {limited} / {failed} | {wall:.2} s | {per_second:.0} | {up:.1} / {down:.1} | {:.1} / {:.1} | {:.1} / {:.1} |",
        result.cpu.0,
        result.cpu.1,
        mib(result.memory.0),
        mib(result.memory.1),
    );
    latency_cells(
        out,
        backend,
        label,
        "a device's whole sync (push, pulls to the end)",
        &result.sync_times,
    );
    out.push_str(" | | | | | |\n");
}

/// Runs set-up and the rounds on one relay; appends the table rows to `out`.
async fn run(
    backend: &str,
    db: &str,
    dir: &Path,
    config: Config,
    out: &mut String,
) -> Result<(), String> {
    let log = dir.join("relay.log");
    let relay = RelayProcess::spawn(db, &log)?;
    let pid = relay.pid();
    let base: Arc<str> = Arc::from(relay.url.as_str());

    let result = async {
        let started = Instant::now();
        let mut teams = Vec::with_capacity(config.teams);
        for t in 0..config.teams {
            // Spread the devices: the first teams take one more if they do not divide.
            let size = config.devices / config.teams + usize::from(t < config.devices % config.teams);
            teams.push(set_up(&base, size).await?);
        }
        let set_up_time = started.elapsed();
        let (hwm, rss) = memory(pid);
        let label = config.label();
        let _ = writeln!(
            out,
            "| {backend} | {label} | set-up: {} team(s), {} invites and joins, rosters (not timed below) | | | | | | | {:.1} s | | | | {:.1} / {:.1} |",
            config.teams,
            config.devices,
            set_up_time.as_secs_f64(),
            mib(hwm),
            mib(rss),
        );
        let mut cursors: Vec<Vec<u64>> = teams.iter().map(|t| vec![0; t.members.len()]).collect();
        for r in 1..=config.rounds {
            let result = round(&base, &teams, &mut cursors, config, pid)
                .await
                .map_err(|e| format!("round {r}: {e}"))?;
            round_rows(out, backend, &format!("{label}, round {r}"), &result);
        }
        Ok::<(), String>(())
    }
    .await;

    drop(relay);
    // The relay's own account of failures (its log holds no content).
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    let problems: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(" ERROR ") || l.contains(" WARN "))
        .collect();
    let mut report = String::new();
    if !problems.is_empty() {
        let _ = write!(
            report,
            "\nthe relay logged {} ERROR/WARN line(s), the first:",
            problems.len()
        );
        for line in problems.iter().take(5) {
            let _ = write!(report, "\n  {line}");
        }
    }
    match result {
        Ok(()) => {
            if !report.is_empty() {
                eprintln!("{backend}:{report}");
            }
            Ok(())
        }
        Err(e) => Err(format!("{e}{report}")),
    }
}

fn main() {
    // Team sizes to run, as numbers of teams over the same devices: by default 20
    // teams of 10 (a relay serving several équipes), then the stress case of one
    // team of 200, where every device downloads what 199 others pushed.
    let team_counts: Vec<usize> = std::env::var("PONTE_BENCH_TEAMS")
        .unwrap_or_else(|_| "20,1".into())
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .filter(|&t| t > 0)
        .collect();
    let config = Config {
        teams: 1,
        spread: Duration::from_millis(env_or("PONTE_BENCH_SPREAD_MS", 0) as u64),
        devices: env_or("PONTE_BENCH_DEVICES", 200),
        records: env_or("PONTE_BENCH_RECORDS", 50),
        rounds: env_or("PONTE_BENCH_ROUNDS", 2),
        pull_limit: u32::try_from(env_or("PONTE_BENCH_PULL_LIMIT", PULL_LIMIT as usize))
            .unwrap_or(PULL_LIMIT),
    };
    let off = |name: &str| std::env::var(name).is_ok_and(|v| v == "0");
    let (sqlite, postgres) = (!off("PONTE_BENCH_SQLITE"), !off("PONTE_BENCH_PG"));
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);

    // When the whole workspace is built, the device crate turns on reqwest's rustls
    // support (without a built-in crypto provider): install ring's, as the relay
    // tests do, or building a client fails. The bench itself speaks plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();

    // The load generator's runtime: one worker per core, on the cores the relay
    // uses too.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();

    let mut rows = String::new();
    let mut notes = Vec::new();
    let load_before = load_average();

    let mut failures = Vec::new();

    let configs: Vec<Config> = team_counts
        .iter()
        .map(|&teams| Config {
            teams: teams.min(config.devices.max(1)),
            ..config
        })
        .collect();

    if sqlite {
        for &config in &configs {
            let dir = tempfile::tempdir().unwrap();
            let db = format!("sqlite:{}", dir.path().join("relay.sqlite3").display());
            if let Err(e) = runtime.block_on(run("SQLite", &db, dir.path(), config, &mut rows)) {
                failures.push(format!("SQLite, {}: {e}", config.label()));
            }
        }
    } else {
        notes.push("SQLite skipped (PONTE_BENCH_SQLITE=0).");
    }

    if postgres {
        // `PgCluster::start` panics with its reason when PostgreSQL is not installed.
        match std::panic::catch_unwind(ponte_pgtest::PgCluster::start) {
            Ok(cluster) => {
                for &config in &configs {
                    let dir = tempfile::tempdir().unwrap();
                    let result = runtime.block_on(run(
                        "PostgreSQL",
                        &cluster.url(),
                        dir.path(),
                        config,
                        &mut rows,
                    ));
                    if let Err(e) = result {
                        failures.push(format!("PostgreSQL, {}: {e}", config.label()));
                    }
                }
                drop(cluster);
            }
            Err(_) => notes.push("PostgreSQL skipped: no cluster could be started (see above)."),
        }
    } else {
        notes.push("PostgreSQL skipped (PONTE_BENCH_PG=0).");
    }

    println!(
        "Relay under load: {} devices at once, in {}; per device and round {} new records \
         (a {KEY_ENTRY_BYTES} B key entry + a {}-{} B change each) in one push, pulls of up to {} \
         entries; {cores} cores shared by the relay and this load generator.\n",
        config.devices,
        configs
            .iter()
            .map(Config::label)
            .collect::<Vec<_>>()
            .join(", then "),
        config.records,
        CHANGE_BYTES.0,
        CHANGE_BYTES.1,
        config.pull_limit,
    );
    println!("{HEADER}");
    print!("{rows}");
    println!(
        "\n1-minute load average before / after: {load_before} / {}.",
        load_average()
    );
    for note in notes {
        println!("\n{note}");
    }
    if !failures.is_empty() {
        for failure in &failures {
            println!("\n**FAILED** {failure}");
        }
        std::process::exit(1);
    }
}

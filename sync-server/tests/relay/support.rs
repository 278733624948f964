//! Test fixtures: relays on either backend, a throwaway PostgreSQL cluster, and a
//! small signing client (the real client lives in a device-side crate; this one
//! signs with `ring` directly).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ponte_proto::{
    AgreementPublicKey, CreateInvite, CreateTeam, DeviceId, EntryKind, ErrorBody, InviteToken,
    JoinMac, JoinRequest, NewEntry, Nonce, PutRoster, RecordId, RequestAuth, Role, RosterBody,
    RosterDevice, Signature, SignedRoster, SigningPublicKey, SyncRequest, SyncResponse, TeamId,
    TokenHash, decode, encode, paths, roster_signing_input, signing_input,
};
use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom as _, SystemRandom};
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use sync_server::{Clock, Limits, PostgresStorage, Relay, SqliteStorage, Storage, TeamCreation};
use tempfile::TempDir;
use tokio::sync::oneshot;

/// Which storage a relay runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The team-creation code every relay of these tests is configured with (in process
/// and as the binary), and that [`Client`] presents when it creates a team.
pub const TEAM_CREATION_CODE: &str = "relay-tests-team-creation-code-1";

pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    SystemRandom::new().fill(&mut bytes).unwrap();
    bytes
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    digest(&SHA256, bytes).as_ref().try_into().unwrap()
}

// ---------------------------------------------------------------------------------
// A relay under test.

/// What the relay stores on: kept alive as long as the relay.
enum Store {
    Sqlite {
        dir: TempDir,
    },
    Postgres {
        cluster: PgCluster,
    },
    /// A database the test keeps (and looks at) itself.
    Elsewhere,
}

/// A relay served in this process on 127.0.0.1, on a fresh database. Its team creation
/// is closed with [`TEAM_CREATION_CODE`], which its client presents, and allows 1,000
/// creations an hour from one address: these tests are about other things (the
/// creation rules against the real binary are in `process.rs`).
pub struct TestRelay {
    pub client: Client,
    pub clock: Clock,
    shutdown: Option<oneshot::Sender<()>>,
    // Declared last: dropped after the relay stopped.
    store: Store,
}

impl TestRelay {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, Limits::default()).await
    }

    pub async fn start_with(backend: Backend, mut limits: Limits) -> Self {
        limits.team_creations_per_hour = limits.team_creations_per_hour.max(1000);
        let clock = Clock::system();
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let storage = SqliteStorage::open(&dir.path().join("relay.sqlite3")).unwrap();
                Self::serve(storage, limits, clock, Store::Sqlite { dir }).await
            }
            Backend::Postgres => {
                let cluster = tokio::task::spawn_blocking(PgCluster::start).await.unwrap();
                let storage = PostgresStorage::connect(&cluster.url(), 8).await.unwrap();
                Self::serve(storage, limits, clock, Store::Postgres { cluster }).await
            }
        }
    }

    /// A relay on `storage`, a database the test made (and keeps alive) itself.
    pub async fn start_on<S: Storage>(storage: S) -> Self {
        let limits = Limits {
            team_creations_per_hour: 1000,
            ..Limits::default()
        };
        Self::serve(storage, limits, Clock::system(), Store::Elsewhere).await
    }

    async fn serve<S: Storage>(storage: S, limits: Limits, clock: Clock, store: Store) -> Self {
        let creation = TeamCreation::with_codes([TEAM_CREATION_CODE]).unwrap();
        let relay =
            Arc::new(Relay::new(storage, limits, clock.clone()).with_team_creation(creation));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel();
        tokio::spawn(sync_server::serve(listener, relay, async {
            let _ = rx.await;
        }));
        Self {
            client: Client::new(format!("http://{addr}"), clock.clone()),
            clock,
            shutdown: Some(tx),
            store,
        }
    }

    /// How many times `needle` is stored where the relay keeps entries: every byte
    /// of the SQLite file, its WAL and shared-memory file; for PostgreSQL, the
    /// ciphertexts readable through SQL.
    pub async fn count_stored(&self, needle: &[u8]) -> usize {
        match &self.store {
            Store::Sqlite { dir } => count_in_files(dir.path(), needle),
            Store::Postgres { cluster } => {
                let client = sql(cluster).await;
                let n: i64 = client
                    .query_one(
                        "SELECT count(*) FROM entries WHERE position($1::bytea in ciphertext) > 0",
                        &[&needle],
                    )
                    .await
                    .unwrap()
                    .get(0);
                usize::try_from(n).unwrap()
            }
            Store::Elsewhere => panic!("the test looks at its own database"),
        }
    }

    pub fn cluster(&self) -> Option<&PgCluster> {
        match &self.store {
            Store::Postgres { cluster } => Some(cluster),
            Store::Sqlite { .. } | Store::Elsewhere => None,
        }
    }

    /// `GET /health` answers 200 `{"status":"ok"}`.
    pub async fn assert_healthy(&self) {
        let reply = self.client.get_unsigned(paths::HEALTH).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body, br#"{"status":"ok"}"#);
    }
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Occurrences of `needle` in every file under `dir`, recursively.
pub fn count_in_files(dir: &Path, needle: &[u8]) -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            total += count_in_files(&path, needle);
        } else if let Ok(bytes) = std::fs::read(&path) {
            total += count(&bytes, needle);
        }
    }
    total
}

pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() || haystack.len() < needle.len() {
        return 0;
    }
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

// ---------------------------------------------------------------------------------
// Devices and the signing client.

/// A device: an id and an Ed25519 key pair. The agreement key is random bytes: the
/// relay never uses it.
pub struct Device {
    pub id: DeviceId,
    pair: Ed25519KeyPair,
    pub agreement_pk: AgreementPublicKey,
}

impl Device {
    pub fn new() -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
        Self {
            id: DeviceId(random()),
            pair: Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap(),
            agreement_pk: AgreementPublicKey(random()),
        }
    }

    pub fn signing_pk(&self) -> SigningPublicKey {
        SigningPublicKey::from_slice(self.pair.public_key().as_ref()).unwrap()
    }

    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature::from_slice(self.pair.sign(message).as_ref()).unwrap()
    }

    /// A device with its own key but someone else's id (an attacker who learnt it).
    pub fn with_id(id: DeviceId) -> Self {
        Self { id, ..Self::new() }
    }

    /// Signature headers for a request, as a real client makes them.
    pub fn sign_request(
        &self,
        method: &str,
        target: &str,
        time_ms: u64,
        body: &[u8],
    ) -> RequestAuth {
        self.sign_request_with_nonce(method, target, time_ms, body, Nonce(random()))
    }

    /// As [`Device::sign_request`], with a chosen nonce.
    pub fn sign_request_with_nonce(
        &self,
        method: &str,
        target: &str,
        time_ms: u64,
        body: &[u8],
        nonce: Nonce,
    ) -> RequestAuth {
        let message = signing_input(method, target, time_ms, &nonce, &sha256(body));
        RequestAuth {
            device: self.id,
            time_ms,
            nonce,
            signature: self.sign(&message),
        }
    }

    pub fn roster_entry(&self, role: Role) -> RosterDevice {
        RosterDevice {
            device_id: self.id,
            signing_pk: self.signing_pk(),
            agreement_pk: self.agreement_pk,
            role,
            name_sealed: b"sealed name".to_vec(),
            keys_sealed: b"sealed team keys".to_vec(),
        }
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Reply {
    /// The error code of a JSON error body.
    pub fn code(&self) -> String {
        let body: ErrorBody = serde_json::from_slice(&self.body).unwrap_or_else(|_| {
            panic!(
                "status {} without a JSON code: {:?}",
                self.status, self.body
            )
        });
        body.code.as_str().to_owned()
    }

    /// Asserts status and code.
    #[track_caller]
    pub fn assert_refused(&self, status: u16, code: &str) {
        assert_eq!(
            (self.status, self.code().as_str()),
            (status, code),
            "body {:?}",
            String::from_utf8_lossy(&self.body)
        );
    }

    #[track_caller]
    pub fn assert_status(&self, status: u16) {
        assert_eq!(
            self.status,
            status,
            "body {:?}",
            String::from_utf8_lossy(&self.body)
        );
    }

    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        assert_eq!(
            self.status,
            200,
            "body {:?}",
            String::from_utf8_lossy(&self.body)
        );
        decode(&self.body).unwrap()
    }
}

/// A client that signs its requests like a device does, and presents a team-creation
/// code (by default [`TEAM_CREATION_CODE`]) with every `POST /v1/teams`.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    pub base: String,
    pub clock: Clock,
    pub creation_code: Option<String>,
}

impl Client {
    pub fn new(base: String, clock: Clock) -> Self {
        Self::build(base, clock, None)
    }

    /// A client whose connections come from `local` (another loopback address, say:
    /// another client address for the relay).
    pub fn from_address(base: String, clock: Clock, local: std::net::IpAddr) -> Self {
        Self::build(base, clock, Some(local))
    }

    fn build(base: String, clock: Clock, local: Option<std::net::IpAddr>) -> Self {
        // When the whole workspace is built, the device crate turns on reqwest's
        // rustls support (without a built-in crypto provider): install ring's, as the
        // device does, or building a client fails.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            http: reqwest::Client::builder()
                .local_address(local)
                .build()
                .unwrap(),
            base,
            clock,
            creation_code: Some(TEAM_CREATION_CODE.to_owned()),
        }
    }

    /// The same client presenting `code` (or none) when it creates a team.
    pub fn with_creation_code(&self, code: Option<&str>) -> Self {
        Self {
            creation_code: code.map(str::to_owned),
            ..self.clone()
        }
    }

    /// Signs and sends.
    pub async fn send(&self, device: &Device, method: &str, target: &str, body: Vec<u8>) -> Reply {
        let auth = device.sign_request(method, target, self.clock.now_ms(), &body);
        self.send_signed(method, target, &auth, body).await
    }

    /// Sends with the given signature headers.
    pub async fn send_signed(
        &self,
        method: &str,
        target: &str,
        auth: &RequestAuth,
        body: Vec<u8>,
    ) -> Reply {
        let headers: Vec<(String, String)> = auth
            .headers()
            .into_iter()
            .map(|(n, v)| (n.to_owned(), v))
            .collect();
        self.send_raw(method, target, &headers, body).await
    }

    pub async fn send_raw(
        &self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method.parse().unwrap(), format!("{}{}", self.base, target));
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if let Some(code) = &self.creation_code
            && method == "POST"
            && target == paths::TEAMS
        {
            request = request.header(ponte_proto::HEADER_TEAM_CREATION_CODE, code.as_str());
        }
        let response = request.body(body).send().await.unwrap();
        Reply {
            status: response.status().as_u16(),
            body: response.bytes().await.unwrap().to_vec(),
        }
    }

    pub async fn get_unsigned(&self, target: &str) -> Reply {
        self.send_raw("GET", target, &[], Vec::new()).await
    }

    pub async fn sync_reply(&self, device: &Device, request: &SyncRequest) -> Reply {
        self.send(device, "POST", paths::SYNC, encode(request).unwrap())
            .await
    }

    pub async fn sync(
        &self,
        device: &Device,
        team: TeamId,
        cursor: u64,
        push: Vec<NewEntry>,
        limit: u32,
    ) -> SyncResponse {
        self.sync_reply(
            device,
            &SyncRequest {
                team_id: team,
                cursor,
                push,
                pull_limit: limit,
            },
        )
        .await
        .decode()
    }

    /// Pulls everything after `cursor`, page by page.
    pub async fn pull_all(
        &self,
        device: &Device,
        team: TeamId,
        mut cursor: u64,
    ) -> Vec<ponte_proto::Entry> {
        let mut entries = Vec::new();
        loop {
            let page = self.sync(device, team, cursor, vec![], 1000).await;
            entries.extend(page.entries);
            cursor = page.cursor;
            if !page.more {
                return entries;
            }
        }
    }
}

pub fn entry(record: RecordId, kind: EntryKind, ciphertext: impl Into<Vec<u8>>) -> NewEntry {
    NewEntry {
        record_id: record,
        kind,
        ciphertext: ciphertext.into(),
    }
}

pub fn change(record: RecordId, ciphertext: impl Into<Vec<u8>>) -> NewEntry {
    entry(record, EntryKind::Change, ciphertext)
}

pub fn seqs(response: &SyncResponse) -> Vec<u64> {
    response.pushed.iter().map(|p| p.seq().unwrap()).collect()
}

// ---------------------------------------------------------------------------------
// A team, driven by its supervisor.

pub struct Team {
    pub id: TeamId,
    pub supervisor: Device,
    /// Devices of the latest roster besides the supervisor.
    pub members: Vec<RosterDevice>,
    pub version: u64,
    pub epoch: u64,
}

impl Team {
    /// Creates a team with only its supervisor.
    pub async fn create(client: &Client) -> Self {
        Self::create_as(client, Device::new()).await
    }

    /// Creates a team whose supervisor is `supervisor`.
    pub async fn create_as(client: &Client, supervisor: Device) -> Self {
        let mut team = Self {
            id: TeamId(random()),
            supervisor,
            members: Vec::new(),
            version: 1,
            epoch: 1,
        };
        let reply = client
            .send(
                &team.supervisor,
                "POST",
                paths::TEAMS,
                encode(&team.create_body()).unwrap(),
            )
            .await;
        reply.assert_status(201);
        team.version = 1;
        team
    }

    pub fn create_body(&self) -> CreateTeam {
        CreateTeam {
            team_id: self.id,
            device_id: self.supervisor.id,
            signing_pk: self.supervisor.signing_pk(),
            agreement_pk: self.supervisor.agreement_pk,
            roster: self.signed_roster(self.version),
        }
    }

    pub fn roster_body(&self, version: u64) -> RosterBody {
        let mut devices = vec![self.supervisor.roster_entry(Role::Supervisor)];
        devices.extend(self.members.iter().cloned());
        RosterBody {
            team_id: self.id,
            version,
            epoch: self.epoch,
            signer: self.supervisor.id,
            devices,
            settings_sealed: Vec::new(),
            signed_at_ms: 1_800_000_000_000 + version,
            recovered_by: None,
            vouched_erasures: Vec::new(),
        }
    }

    /// The roster body of `version` as `signer` (a deputy, say) signs it.
    pub fn roster_body_by(&self, version: u64, signer: &Device) -> RosterBody {
        RosterBody {
            signer: signer.id,
            ..self.roster_body(version)
        }
    }

    /// Sends `roster` as `POST /v1/roster`, signed (request) by `caller`.
    pub async fn put_roster(
        &self,
        client: &Client,
        caller: &Device,
        roster: SignedRoster,
    ) -> Reply {
        let body = PutRoster {
            team_id: self.id,
            roster,
        };
        client
            .send(caller, "POST", paths::ROSTER, encode(&body).unwrap())
            .await
    }

    pub fn sign_body(&self, body: &RosterBody, signer: &Device) -> SignedRoster {
        let bytes = encode(body).unwrap();
        SignedRoster {
            version: body.version,
            signature: signer.sign(&roster_signing_input(&bytes)),
            body: bytes,
        }
    }

    pub fn signed_roster(&self, version: u64) -> SignedRoster {
        self.sign_body(&self.roster_body(version), &self.supervisor)
    }

    /// Publishes the next roster version with the current `members`.
    pub async fn publish(&mut self, client: &Client) -> Reply {
        let roster = self.signed_roster(self.version + 1);
        let body = PutRoster {
            team_id: self.id,
            roster,
        };
        let reply = client
            .send(
                &self.supervisor,
                "POST",
                paths::ROSTER,
                encode(&body).unwrap(),
            )
            .await;
        if reply.status == 204 {
            self.version += 1;
        }
        reply
    }

    pub async fn add(&mut self, client: &Client, device: &Device) {
        self.members.push(device.roster_entry(Role::Operator));
        self.publish(client).await.assert_status(204);
    }

    pub async fn remove(&mut self, client: &Client, device: &Device) {
        self.members.retain(|d| d.device_id != device.id);
        self.epoch += 1;
        self.publish(client).await.assert_status(204);
    }

    /// A device enrolled the quick way (roster only, no invite).
    pub async fn member(&mut self, client: &Client) -> Device {
        let device = Device::new();
        self.add(client, &device).await;
        device
    }

    /// Registers an invite expiring `ms` from now; returns its token.
    pub async fn invite(&self, client: &Client, ms: u64) -> InviteToken {
        let token = InviteToken(random());
        let body = CreateInvite {
            team_id: self.id,
            token_hash: TokenHash(sha256(token.as_bytes())),
            expires_at: client.clock.now_ms() + ms,
        };
        client
            .send(
                &self.supervisor,
                "POST",
                paths::INVITES,
                encode(&body).unwrap(),
            )
            .await
            .assert_status(201);
        token
    }

    pub fn roster_target(&self) -> String {
        format!("{}?team={}", paths::ROSTER, self.id)
    }

    pub fn rosters_target(&self, since: u64) -> String {
        format!("{}?team={}&since={since}", paths::ROSTERS, self.id)
    }

    pub fn pending_target(&self) -> String {
        format!("{}?team={}", paths::PENDING, self.id)
    }
}

pub fn join_request(team: TeamId, token: InviteToken, device: &Device) -> JoinRequest {
    JoinRequest {
        team_id: team,
        token,
        device_id: device.id,
        signing_pk: device.signing_pk(),
        agreement_pk: device.agreement_pk,
        name_sealed: b"sealed name".to_vec(),
        mac: JoinMac(random()),
    }
}

pub async fn join(client: &Client, team: TeamId, token: InviteToken, device: &Device) -> Reply {
    client
        .send(
            device,
            "POST",
            paths::JOIN,
            encode(&join_request(team, token, device)).unwrap(),
        )
        .await
}

// ---------------------------------------------------------------------------------
// A throwaway PostgreSQL cluster (crate ponte-pgtest), plus an async SQL client.

pub use ponte_pgtest::PgCluster;

/// A plain SQL connection, for looking at what the relay stored.
pub async fn sql(cluster: &PgCluster) -> tokio_postgres::Client {
    let (client, connection) = tokio_postgres::connect(&cluster.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    client
}

// ---------------------------------------------------------------------------------
// The real binary.

/// A `sync-server` process; killed when dropped.
pub struct RelayProcess {
    child: Child,
    pub url: String,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<std::thread::JoinHandle<()>>,
}

impl RelayProcess {
    /// Spawns the binary on `db` with port 0 and waits for its `listening on` line. Its
    /// team creation is closed with [`TEAM_CREATION_CODE`] (in
    /// `PONTE_TEAM_CREATION_CODES`) unless `env` says otherwise.
    pub fn spawn(db: &str, env: &[(&str, &str)]) -> Self {
        Self::spawn_with(db, &[], env)
    }

    /// [`RelayProcess::spawn`] with more arguments.
    pub fn spawn_with(db: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        use std::io::{BufRead as _, BufReader, Read as _};

        let mut command = Command::new(env!("CARGO_BIN_EXE_sync-server"));
        command
            .args(["--db", db, "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("RUST_LOG")
            .env_remove("PONTE_CONFIG")
            .env("PONTE_TEAM_CREATION_CODES", TEAM_CREATION_CODE)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().unwrap();
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        let stderr_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.to_owned();
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    panic!(
                        "relay did not start: {}",
                        String::from_utf8_lossy(&stderr.lock().unwrap())
                    );
                }
            }
        };
        Self {
            child,
            url,
            stderr,
            stderr_thread: Some(stderr_thread),
        }
    }

    /// Sends SIGTERM and waits for a clean exit; returns everything it logged.
    pub fn terminate(mut self) -> String {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        let exit = loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                break exit;
            }
            assert!(Instant::now() < deadline, "relay did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(thread) = self.stderr_thread.take() {
            thread.join().unwrap();
        }
        let log = String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned();
        assert!(exit.success(), "relay exited with {exit}: {log}");
        log
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (with padding), enough to look for a marker in a log.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Every way `secret` could show up in a text log: as is, lower/upper-case hex,
/// base64 at any alignment, and Rust's debug rendering of a byte array.
pub fn renderings(secret: &[u8]) -> Vec<String> {
    let mut out = vec![
        String::from_utf8_lossy(secret).into_owned(),
        hex::encode(secret),
        hex::encode_upper(secret),
        format!("{:?}", &secret[..8.min(secret.len())])
            .trim_end_matches(']')
            .to_owned(),
    ];
    for offset in 0..3 {
        let encoded = base64(&secret[offset..]);
        // The last 4 characters may depend on padding; the rest appears whenever the
        // secret starts at this alignment in a longer encoded stream.
        out.push(encoded[..encoded.len().saturating_sub(4)].to_owned());
    }
    out.retain(|s| s.len() >= 8);
    out
}

/// Runs a backend-generic test case once per backend.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::Backend::Postgres).await;
                }
            )*
        }
    };
}
pub(crate) use on_both_backends;

/// The body of a sync that pushes nothing and pulls nothing new.
pub fn idle(team: TeamId) -> Vec<u8> {
    encode(&SyncRequest {
        team_id: team,
        cursor: 0,
        push: vec![],
        pull_limit: 10,
    })
    .unwrap()
}

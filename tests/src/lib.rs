//! Helpers for Ponte's cross-crate and end-to-end tests (the tests themselves are in
//! `tests/tests/`): locating the `ponte` binary and driving a device home directory.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

pub mod gate;
pub mod ui;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Passphrase every test device uses.
pub const PASSPHRASE: &str = "correct horse battery staple";

/// What a condition polled by [`wait_until`] answers: a `bool` (`true` once met) or an
/// `Option` (`Some(value)` once met; the wait returns the value).
pub trait Condition {
    /// What the wait returns once the condition is met.
    type Value;
    /// `Some` once the condition is met.
    fn met(self) -> Option<Self::Value>;
}

impl Condition for bool {
    type Value = ();
    fn met(self) -> Option<()> {
        self.then_some(())
    }
}

impl<T> Condition for Option<T> {
    type Value = T;
    fn met(self) -> Option<T> {
        self
    }
}

/// How often [`wait_until`] checks its condition.
pub const POLL: Duration = Duration::from_millis(20);

/// Wait for an event, not for a time: check `condition` every [`POLL`] until it is
/// met and return what it answered; panic naming `what` was awaited if it is still not
/// met after `timeout`. The condition is checked at least once, and once more at the
/// deadline.
///
/// ```
/// use std::time::Duration;
/// let mut n = 0;
/// let three = ponte_tests::wait_until("n to reach 3", Duration::from_secs(5), || {
///     n += 1;
///     (n == 3).then_some(n)
/// });
/// assert_eq!(three, 3);
/// ```
pub fn wait_until<C: Condition>(
    what: &str,
    timeout: Duration,
    condition: impl FnMut() -> C,
) -> C::Value {
    poll_until(timeout, POLL, condition)
        .unwrap_or_else(|waited| panic!("timed out after {waited:?} waiting for {what}"))
}

/// [`wait_until`] with a polling interval of its own, answering `Err(time waited)`
/// instead of panicking, for callers that report a timeout their own way.
pub fn poll_until<C: Condition>(
    timeout: Duration,
    every: Duration,
    mut condition: impl FnMut() -> C,
) -> Result<C::Value, Duration> {
    let start = Instant::now();
    loop {
        if let Some(value) = condition().met() {
            return Ok(value);
        }
        let waited = start.elapsed();
        if waited >= timeout {
            return Err(waited);
        }
        std::thread::sleep(every.min(timeout - waited));
    }
}

/// The cargo arguments that build the binaries the tests run as `scripts/test` builds
/// them: the same packages, so the same features, and of their targets only the
/// integration tests of the packages with a binary (building one builds its package's
/// binaries).
pub const BINS_BUILD: &[&str] = &[
    "test",
    "--workspace",
    "--exclude",
    "ponte-app-ui",
    "--no-run",
    "--quiet",
    // ponte-cli: `ponte`
    "--test",
    "usage",
    // ponte-app: `ponte-app`
    "--test",
    "commands",
    // sync-server: `sync-server`
    "--test",
    "relay",
];

/// Path of a workspace binary built by `cargo test` (`target/<profile>/<name>`), built
/// on demand when a test runs alone.
pub fn workspace_bin(name: &str) -> PathBuf {
    static BUILT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let exe = std::env::current_exe().unwrap_or_default();
    // target/<profile>/deps/<test> -> target/<profile>/<name>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let bin = profile_dir.join(name);
    // `cargo test -p ponte-tests` does not rebuild other packages' binaries: build
    // them once per test process so a test never runs a stale binary. They are built
    // as `scripts/test` builds the suite ([`BINS_BUILD`]), never with `cargo build
    // --bin`: that resolves the dependencies' features without the dev-dependencies'
    // (Tauri's `test`, more of tokio) and would compile the binaries and much of their
    // graph a second time. A no-op when `scripts/test` has just built the suite.
    let mut built = BUILT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if built.is_empty() {
        let release = profile_dir.ends_with("release");
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(BINS_BUILD)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().ok();
        assert!(
            status.is_some_and(|s| s.success()),
            "could not build the workspace's binaries for {name}"
        );
        built.push(name.to_owned());
    }
    assert!(bin.is_file(), "{} was not built", bin.display());
    bin
}

/// A device: a fresh home directory driven through the `ponte` binary.
#[derive(Debug)]
pub struct Device {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
    /// The `ponte` binary.
    pub bin: PathBuf,
}

impl Default for Device {
    fn default() -> Self {
        Device::new()
    }
}

impl Device {
    /// A device with an initialised store.
    pub fn new() -> Device {
        let device = Device::uninitialised();
        let out = device.run(&["init"], None);
        assert!(
            out.status.success(),
            "init failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        device
    }

    /// A device whose home directory is still empty.
    pub fn uninitialised() -> Device {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        Device {
            dir,
            bin: workspace_bin("ponte"),
        }
    }

    /// The home directory.
    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// A `ponte` command for this device with the test passphrase and English messages.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("--home").arg(self.home()).args(args);
        cmd.env("PONTE_PASSPHRASE", PASSPHRASE)
            .env("PONTE_LANG", "en")
            .env_remove("RUST_BACKTRACE");
        cmd
    }

    /// Run `ponte` with optional stdin.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run_with(self.command(args), stdin)
    }

    /// Run and parse stdout as JSON; panics with stderr on failure.
    pub fn json(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "ponte {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is not JSON: {e}"))
    }

    /// Add a record of `kind` from JSON; returns its id.
    pub fn add(&self, kind: &str, record: &Value) -> String {
        let out = self.json(&[kind, "add", "--json", "-"], Some(&record.to_string()));
        out["id"].as_str().unwrap_or_default().to_owned()
    }

    /// This device's id (hex), as `ponte status` gives it.
    pub fn device_id(&self) -> String {
        self.json(&["status"], None)["device"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Every file under the home directory with its bytes.
    pub fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        files_under(self.home())
    }

    /// The sync cursor kept in this device's store file (0 before the first sync).
    pub fn cursor(&self) -> i64 {
        let Ok(conn) = rusqlite::Connection::open(self.home().join("ponte.db")) else {
            return 0;
        };
        conn.query_row(
            "SELECT value FROM sync_state WHERE key = 'cursor'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0)
    }
}

/// Run a prepared command, feeding `stdin` if given.
pub fn run_with(mut cmd: Command, stdin: Option<&str>) -> Output {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn ponte: {e}"));
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        let _ = pipe.write_all(text.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"))
}

/// How many times `needle` occurs in `haystack`.
pub fn count_occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() || haystack.len() < needle.len() {
        return 0;
    }
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// A small deterministic PRNG (xorshift64*) so failures can be replayed from a seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator (a zero seed is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// Seed from `PONTE_TEST_SEED` or the clock; printed so a failure can be replayed.
    pub fn from_env() -> Rng {
        let seed = std::env::var("PONTE_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        eprintln!("PONTE_TEST_SEED={seed}");
        Rng::new(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// The team-creation code every test relay is started with ([`Relay::start`]): what a
/// supervisor gives as the relay code (`ponte team create --relay-code`, the app's
/// "Relay code" field).
pub const RELAY_CODE: &str = "ponte-tests-relay-code-Xk4q9Tz2";

/// A real relay process (`sync-server`) on loopback with its SQLite file in a
/// temporary directory; killed on drop. Restartable on the same port and file. Its
/// team creation is closed, with [`RELAY_CODE`] (or open, [`Relay::start_open`]), and
/// allows the default 5 creations an hour from one address.
#[derive(Debug)]
pub struct Relay {
    /// Holds the database file.
    pub dir: tempfile::TempDir,
    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub url: String,
    /// Started with `--open-team-creation`.
    pub open: bool,
    port: u16,
    child: Option<std::process::Child>,
    /// The `psql` session [`Relay::sql_rows`] keeps open on the PostgreSQL cluster
    /// (dropped before the cluster is).
    psql: std::sync::Mutex<Option<Psql>>,
    /// The PostgreSQL cluster, when the relay runs on PostgreSQL.
    pub pg: Option<ponte_pgtest::PgCluster>,
    /// What the relay wrote on stderr (its log), collected by a thread.
    log: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

impl Relay {
    /// Start a relay on a free port, on SQLite (the embedded default), closed to team
    /// creation but with [`RELAY_CODE`].
    pub fn start() -> Relay {
        Relay::start_on(None, false)
    }

    /// Start a relay on a free port, on SQLite, open to team creation
    /// (`--open-team-creation`): anyone may create a team, without a code.
    pub fn start_open() -> Relay {
        Relay::start_on(None, true)
    }

    /// Start a relay on a free port, on a PostgreSQL cluster of its own (closed, with
    /// [`RELAY_CODE`]).
    pub fn start_postgres() -> Relay {
        Relay::start_on(Some(ponte_pgtest::PgCluster::start()), false)
    }

    fn start_on(pg: Option<ponte_pgtest::PgCluster>, open: bool) -> Relay {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut relay = Relay {
            dir,
            url: format!("http://127.0.0.1:{port}"),
            open,
            port,
            child: None,
            psql: std::sync::Mutex::default(),
            pg,
            log: std::sync::Arc::default(),
        };
        // The port was free a moment ago; another process of the suite may take it
        // before the relay binds it: then start again on another.
        for _ in 0..5 {
            match relay.try_spawn() {
                Ok(()) => return relay,
                Err(e) if e.contains("in use") => relay.port = free_port(),
                Err(e) => panic!("the relay did not start: {e}"),
            }
            relay.url = format!("http://127.0.0.1:{}", relay.port);
        }
        panic!("the relay found no free port in 5 tries")
    }

    /// The relay's database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("relay.db")
    }

    /// Play a breached relay (SQLite): stop the process, append entries of the
    /// attacker's own to the team's log as the relay's writer would (record, author,
    /// kind code as stored: 0 change, 2 tombstone; ciphertext), and start it again on
    /// the same address.
    pub fn forge_entries(&mut self, entries: &[ForgedEntry<'_>]) {
        self.kill();
        {
            let conn = rusqlite::Connection::open(self.db())
                .unwrap_or_else(|e| panic!("open the relay's file: {e}"));
            for (record, author, kind, ciphertext) in entries {
                forge_entry(&conn, record, author, *kind, ciphertext);
            }
        }
        self.spawn();
    }

    /// Play a breached relay that serves the team garbage: a change of a record no
    /// device has, unreadable, under an author no device has. Every device that pulls
    /// it refuses it (`unknown-record`).
    pub fn forge_garbage_change(&mut self) {
        self.forge_entries(&[(&[0x42; 16], &[0x99; 16], 0, &[7; 90])]);
    }

    /// Start the relay on its port, or panic with what it said.
    fn spawn(&mut self) {
        if let Err(e) = self.try_spawn() {
            panic!("the relay did not start: {e}");
        }
    }

    /// Start the relay on its port; `Err`: what it said when it did not.
    fn try_spawn(&mut self) -> Result<(), String> {
        let bin = workspace_bin("sync-server");
        let db = match &self.pg {
            Some(pg) => pg.url(),
            None => format!("sqlite:{}", self.db().display()),
        };
        let mut command = Command::new(bin);
        command
            .arg("--db")
            .arg(db)
            .arg("--listen")
            .arg(format!("127.0.0.1:{}", self.port))
            .env_remove("PONTE_CONFIG");
        if self.open {
            command
                .arg("--open-team-creation")
                .env_remove("PONTE_TEAM_CREATION_CODES");
        } else {
            command.env("PONTE_TEAM_CREATION_CODES", RELAY_CODE);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn sync-server: {e}"));
        let stdout = child.stdout.take().unwrap();
        let mut first = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
        let mut stderr = child.stderr.take().unwrap();
        if !first.starts_with("listening on") {
            let _ = child.wait();
            let mut said = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut said);
            return Err(format!("{first}{said}"));
        }
        let log = std::sync::Arc::clone(&self.log);
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stderr);
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
                if n == 0 {
                    break;
                }
                log.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        self.child = Some(child);
        Ok(())
    }

    /// SIGKILL the relay.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start it again on the same port and database.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Every byte of the relay's storage: the SQLite files (db, WAL, shm), or every
    /// file of the PostgreSQL cluster after a CHECKPOINT (tables, indexes, WAL) plus
    /// the text of every stored row.
    pub fn storage_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let Some(pg) = &self.pg else {
            return files_under(self.dir.path());
        };
        pg.psql("CHECKPOINT");
        let mut out = files_under(pg.data_dir());
        for table in [
            "teams",
            "devices",
            "entries",
            "invites",
            "pending_joins",
            "nonces",
            "notices",
        ] {
            let rows = pg.psql(&format!("SELECT t::text FROM {table} t"));
            out.push((PathBuf::from(format!("table {table}")), rows.into_bytes()));
        }
        out
    }

    /// What the relay logged so far.
    pub fn log(&self) -> Vec<u8> {
        self.log.lock().unwrap().clone()
    }

    /// Run a query on the relay's storage, whichever the backend (the tables and
    /// columns are the same on both), and return its rows, each column as text:
    /// numbers in decimal, NULL as an empty string. Select a BLOB/BYTEA column through
    /// [`Relay::sql_hex`]; text with a newline or `|` is not supported (PostgreSQL
    /// answers through `psql`'s unaligned output). On SQLite the file is opened
    /// read-only for the query; on PostgreSQL one `psql` session is kept open, so a
    /// query costs a round trip, well under a millisecond (cheap enough to poll every
    /// millisecond). Panics on an error.
    pub fn sql_rows(&self, sql: &str) -> Vec<Vec<String>> {
        self.try_sql_rows(sql)
            .unwrap_or_else(|e| panic!("query {sql:?} on the relay's storage: {e}"))
    }

    /// [`Relay::sql_rows`], answering an error (a locked or half-written SQLite file,
    /// say) instead of panicking: for a probe polled while the relay writes.
    pub fn try_sql_rows(&self, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let Some(pg) = &self.pg else {
            return sqlite_rows(&self.db(), sql);
        };
        let mut session = self
            .psql
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if session.is_none() {
            *session = Some(Psql::open(&pg.psql_path(), &pg.url())?);
        }
        let result = session.as_mut().map_or(Ok(Vec::new()), |s| s.query(sql));
        if result.is_err() {
            // It exited (`ON_ERROR_STOP`): the next query opens a new one.
            *session = None;
        }
        result
    }

    /// The SQL giving `column` (a BLOB/BYTEA) as lower-case hex on this relay's
    /// backend, for [`Relay::sql_rows`]: `lower(hex(column))` on SQLite,
    /// `encode(column, 'hex')` on PostgreSQL.
    pub fn sql_hex(&self, column: &str) -> String {
        if self.pg.is_some() {
            format!("encode({column}, 'hex')")
        } else {
            format!("lower(hex({column}))")
        }
    }
}

/// The rows of `sql` on the SQLite file `db`, opened read-only ([`Relay::sql_rows`]).
fn sqlite_rows(db: &Path, sql: &str) -> Result<Vec<Vec<String>>, String> {
    use rusqlite::types::ValueRef;
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| e.to_string())?;
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(|e| e.to_string())? {
        let mut values = Vec::with_capacity(columns);
        for i in 0..columns {
            values.push(match row.get_ref(i).map_err(|e| e.to_string())? {
                ValueRef::Null => String::new(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => x.to_string(),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                ValueRef::Blob(_) => {
                    return Err(format!("column {i} is a BLOB: select it through sql_hex"));
                }
            });
        }
        out.push(values);
    }
    Ok(out)
}

/// A `psql` session on a PostgreSQL cluster (unaligned, tuples only, stopping at the
/// first error), fed one query at a time on its standard input.
#[derive(Debug)]
struct Psql {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
}

/// What [`Psql`] echoes after each query's rows: no row is this line.
const PSQL_END: &str = "--ponte-tests-end-of-rows--";

impl Psql {
    fn open(bin: &Path, url: &str) -> Result<Psql, String> {
        let mut child = Command::new(bin)
            .args(["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", url])
            .env_remove("PGPASSWORD")
            // Its stderr is read only once it failed: no notices to fill the pipe.
            .env("PGOPTIONS", "-c client_min_messages=error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("spawn psql: {e}"))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("psql has no pipes".into());
        };
        Ok(Psql {
            child,
            stdin,
            stdout: std::io::BufReader::new(stdout),
        })
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Vec<String>>, String> {
        let sql = sql.trim().trim_end_matches(';');
        let sent =
            write!(self.stdin, "{sql};\n\\echo {PSQL_END}\n").and_then(|()| self.stdin.flush());
        let mut rows = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            let read = std::io::BufRead::read_line(&mut self.stdout, &mut line);
            if sent.is_err() || !matches!(read, Ok(n) if n > 0) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let mut stderr = String::new();
                if let Some(mut pipe) = self.child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
                }
                return Err(format!("psql: {}", stderr.trim()));
            }
            let line = line.strip_suffix('\n').unwrap_or(&line);
            if line == PSQL_END {
                return Ok(rows);
            }
            rows.push(line.split('|').map(str::to_owned).collect());
        }
    }
}

impl Drop for Psql {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file under `dir`, recursively, with its bytes.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, bytes));
            }
        }
    }
    out
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A team on a relay: the supervisor and `members` approved devices, all synced.
pub fn team(relay: &Relay, members: usize) -> Vec<Device> {
    team_at(&relay.url, members, |device| {
        device.json(&["sync"], None);
    })
}

/// A team whose relay is at `url` (the relay itself, or a proxy in front of it): the
/// supervisor (who gives [`RELAY_CODE`] on standard input) and `members` approved
/// devices, each brought up to date by `sync` (which may retry, behind a faulty proxy).
pub fn team_at(url: &str, members: usize, sync: impl Fn(&Device)) -> Vec<Device> {
    team_made(url, members, sync).0
}

/// [`team`], with the recovery kit the supervisor was given at team creation (its
/// `ponterec1:` code).
pub fn team_with_kit(relay: &Relay, members: usize) -> (Vec<Device>, String) {
    let (devices, created) = team_made(&relay.url, members, |device| {
        device.json(&["sync"], None);
    });
    let kit = created["recovery_kit"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (devices, kit)
}

/// [`team_at`], with what `team create` answered.
fn team_made(url: &str, members: usize, sync: impl Fn(&Device)) -> (Vec<Device>, Value) {
    let supervisor = Device::new();
    let created = supervisor.json(
        &[
            "team",
            "create",
            "--name",
            "test team",
            "--relay",
            url,
            "--relay-code",
            "-",
        ],
        Some(RELAY_CODE),
    );
    let mut devices = vec![supervisor];
    for i in 0..members {
        let device = Device::new();
        let code = devices[0].json(&["invite"], None)["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        device.json(&["join", &code, "--name", &format!("phone {i}")], None);
        let approved = devices[0].json(&["approve", "--all"], None);
        assert_eq!(approved["approvals"][0]["approved"], true, "{approved}");
        sync(&device);
        devices.push(device);
    }
    (devices, created)
}

/// A copy of a device's home taken now (a phone copied by whoever holds it, or kept
/// aside by a test): every file of `from`, into `to`.
#[allow(clippy::unwrap_used)]
pub fn copy_home(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// The titles (aliases) of the people `device` lists, sorted.
#[allow(clippy::unwrap_used)]
pub fn aliases(device: &Device) -> Vec<String> {
    let mut out: Vec<String> = device
        .json(&["person", "list"], None)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_owned())
        .collect();
    out.sort();
    out
}

/// The id of the team device called `name`, as `ponte devices` on `device` lists it.
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub fn device_id_named(device: &Device, name: &str) -> String {
    let listed = device.json(&["devices"], None);
    listed
        .as_array()
        .expect("devices is a list")
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("no device {name} in {listed}"))["device"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Each of `markers` found in a file under `dir`, as "MARKER in PATH" (empty: none).
pub fn markers_left(dir: &Path, markers: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in files_under(dir) {
        for marker in markers {
            if count_occurrences(&bytes, marker.as_bytes()) > 0 {
                found.push(format!("{marker} in {}", path.display()));
            }
        }
    }
    found
}

/// The one translated line a failed `ponte` command prints: one line, `ponte: ...`,
/// never a panic. Fails the test if the command succeeded.
#[allow(clippy::panic)]
pub fn one_line_error(out: &Output) -> String {
    assert!(!out.status.success(), "succeeded: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with("ponte: ") && !stderr.contains("panicked"),
        "{stderr:?}"
    );
    stderr
}

/// An entry a breached relay writes into a team's log: record, author, kind code as
/// stored (0 change, 2 tombstone), ciphertext.
pub type ForgedEntry<'a> = (&'a [u8], &'a [u8], i64, &'a [u8]);

/// Appends an entry to the team's log in a relay's SQLite file (the relay stopped), as
/// its own writer would, moving the team's head: what a breached relay serves.
pub fn forge_entry(
    conn: &rusqlite::Connection,
    record: &[u8],
    author: &[u8],
    kind: i64,
    ciphertext: &[u8],
) {
    let (team, head): (Vec<u8>, i64) = conn
        .query_row("SELECT team_id, head FROM teams", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap_or_else(|e| panic!("read the team's head: {e}"));
    let mut entry_id = ciphertext.to_vec();
    entry_id.extend_from_slice(&head.to_be_bytes());
    entry_id.resize(32, 0x5a);
    entry_id.truncate(32);
    entry_id[31] ^= head.to_be_bytes()[7];
    conn.execute(
        "INSERT INTO entries(team_id, seq, record_id, entry_id, author, kind, covers, ciphertext)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
        rusqlite::params![team, head + 1, record, entry_id, author, kind, ciphertext],
    )
    .unwrap_or_else(|e| panic!("write the forged entry: {e}"));
    conn.execute("UPDATE teams SET head = ?1", [head + 1])
        .unwrap_or_else(|e| panic!("move the head: {e}"));
}

/// The bytes of a hex string (ids as the CLI prints them).
pub fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .filter_map(|i| hex.get(i..i + 2))
        .map(|pair| u8::from_str_radix(pair, 16).unwrap_or_else(|e| panic!("hex {hex}: {e}")))
        .collect()
}

/// `cmd` run under `prlimit --as=<bytes>` (util-linux): its address space capped, so
/// that a runaway allocation makes the command fail (an abort) instead of taking the
/// machine's memory. `None` where `prlimit` cannot run: the caller runs `cmd` as is.
pub fn address_space_capped(cmd: &Command, bytes: u64) -> Option<Command> {
    let available = Command::new("prlimit")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        return None;
    }
    let mut capped = Command::new("prlimit");
    capped
        .arg(format!("--as={bytes}"))
        .arg("--")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => capped.env(key, value),
            None => capped.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        capped.current_dir(dir);
    }
    Some(capped)
}

//! `sync-server`: runs the relay.
//!
//! ```text
//! sync-server --db sqlite:relay.sqlite3 --listen 127.0.0.1:8787
//! sync-server --db postgres://relay@db/ponte --listen 0.0.0.0:8787
//! ```
//!
//! Settings come from, in increasing priority: built-in defaults, a TOML file
//! (`--config FILE` or `PONTE_CONFIG`; `relay.example.toml` shows every key), the
//! `PONTE_DB`, `PONTE_LISTEN` and `PONTE_PG_POOL` variables, then the flags. Prints `listening on http://ADDR`
//! on stdout once bound (so a test can ask for port 0 and read the port), logs to
//! stderr (`RUST_LOG` filters; bodies are never logged), and stops gracefully on
//! SIGTERM or ctrl-c.
//!
//! Team creation is closed unless configured: the codes come from the file
//! (`team_creation_codes`, or their SHA-256 in `team_creation_code_sha256`) and from
//! `PONTE_TEAM_CREATION_CODES` (never from an argument: every user of the machine can
//! read those); `--open-team-creation` (or `team_creation = "open"`) lets anyone create
//! teams, and says so on stderr at start.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use sync_server::{
    Clock, Database, Limits, PostgresStorage, Relay, SqliteStorage, Storage, TeamCreation, serve,
};
use tracing_subscriber::EnvFilter;

/// The variable holding team-creation codes, separated by commas or whitespace.
const CODES_VAR: &str = "PONTE_TEAM_CREATION_CODES";

/// Ponte's blind sync relay.
#[derive(Debug, Parser)]
#[command(
    version,
    after_help = "Team creation (POST /v1/teams) is closed by default: a team is created only \
for a request presenting one of the team-creation codes configured in the settings file \
(team_creation_codes, or their SHA-256 in team_creation_code_sha256) or in the \
PONTE_TEAM_CREATION_CODES variable (separated by commas or spaces; 16 to 256 visible ASCII \
characters each, e.g. from `openssl rand -base64 24`). Give a code to each supervisor who \
may create a team; they enter it as the relay code. With no code configured nobody can \
create a team. Codes are never taken from arguments, which every user of the machine can \
read. Team creations are limited per client address (team_creations_per_hour in [limits], \
default 5), open or not."
)]
struct Args {
    /// Settings file (TOML); see relay.example.toml.
    #[arg(long, env = "PONTE_CONFIG")]
    config: Option<std::path::PathBuf>,
    /// Database: `sqlite:PATH` or `postgres://...` [default: sqlite:ponte-relay.sqlite3].
    #[arg(long, env = "PONTE_DB")]
    db: Option<Database>,
    /// Address to listen on (port 0 picks a free port) [default: 127.0.0.1:8787].
    #[arg(long, env = "PONTE_LISTEN")]
    listen: Option<SocketAddr>,
    /// Most PostgreSQL connections this process opens [default: 16].
    #[arg(long, env = "PONTE_PG_POOL")]
    pg_pool: Option<usize>,
    /// Let ANYONE who can reach this relay create teams on it, without a team-creation
    /// code (as `team_creation = "open"` in the settings file). For a relay on loopback
    /// or a closed network; prints a warning at start.
    #[arg(long)]
    open_team_creation: bool,
}

/// The settings file. Every key is optional; unknown keys are an error, so a typo
/// does not silently fall back to a default.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    db: Option<String>,
    listen: Option<SocketAddr>,
    pg_pool: Option<usize>,
    team_creation: Option<CreationMode>,
    #[serde(default)]
    team_creation_codes: Codes,
    #[serde(default)]
    team_creation_code_sha256: Codes,
    #[serde(default)]
    limits: FileLimits,
}

/// Team-creation codes (or their digests) from the settings file; never printed.
#[derive(Default, serde::Deserialize)]
#[serde(transparent)]
struct Codes(Vec<String>);

impl std::fmt::Debug for Codes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} redacted>", self.0.len())
    }
}

/// `team_creation` in the settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum CreationMode {
    /// Only with a configured code (the default).
    Closed,
    /// Anyone who can reach the relay.
    Open,
}

/// Limits a deployment may tune (see `sync_server::Limits`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLimits {
    max_body_bytes: Option<usize>,
    max_push_entries: Option<usize>,
    max_ciphertext_bytes: Option<usize>,
    max_pull_limit: Option<u32>,
    pull_byte_budget: Option<usize>,
    rate_burst: Option<u32>,
    rate_per_second: Option<u32>,
    header_read_timeout_ms: Option<u64>,
    request_timeout_ms: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_address: Option<usize>,
    team_creations_per_hour: Option<u32>,
}

/// The resolved settings.
#[derive(Debug)]
struct Settings {
    db: Database,
    listen: SocketAddr,
    pg_pool: usize,
    limits: Limits,
    team_creation: TeamCreation,
}

fn parse_file(text: &str) -> Result<FileConfig, String> {
    toml::from_str(text).map_err(|e| format!("invalid settings file: {}", e.message()))
}

/// Who may create teams: open by the flag or the file, else closed with the codes of
/// the file and of `env_codes` (the value of `PONTE_TEAM_CREATION_CODES`). Open with
/// codes configured is an error: one of the two is a mistake.
fn team_creation(
    open_flag: bool,
    file: &FileConfig,
    env_codes: Option<&str>,
) -> Result<TeamCreation, String> {
    let env_codes: Vec<&str> = env_codes
        .unwrap_or_default()
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .collect();
    let configured = !(env_codes.is_empty()
        && file.team_creation_codes.0.is_empty()
        && file.team_creation_code_sha256.0.is_empty());
    if open_flag || file.team_creation == Some(CreationMode::Open) {
        if configured {
            return Err(format!(
                "team creation is open but team-creation codes are configured (settings file \
                 or {CODES_VAR}): remove the codes or the open setting"
            ));
        }
        return Ok(TeamCreation::open());
    }
    let mut creation = TeamCreation::closed();
    for code in file
        .team_creation_codes
        .0
        .iter()
        .map(String::as_str)
        .chain(env_codes)
    {
        creation.add_code(code).map_err(|e| e.to_string())?;
    }
    for digest in &file.team_creation_code_sha256.0 {
        creation.add_digest(digest).map_err(|e| e.to_string())?;
    }
    Ok(creation)
}

/// `value` of the limit `name`, unless it is above the protocol's `protocol` (what
/// devices are built to read back).
fn at_most(name: &str, value: usize, protocol: usize) -> Result<usize, String> {
    if value > protocol {
        return Err(format!(
            "{name} = {value} is above the protocol's {protocol} bytes: devices would refuse \
             this relay's answers; set it to {protocol} or less"
        ));
    }
    Ok(value)
}

fn resolve(args: Args, file: FileConfig, env_codes: Option<&str>) -> Result<Settings, String> {
    let team_creation = team_creation(args.open_team_creation, &file, env_codes)?;
    let db = match (args.db, file.db) {
        (Some(db), _) => db,
        (None, Some(text)) => text
            .parse()
            .map_err(|_| "invalid db in the settings file".to_owned())?,
        (None, None) => "sqlite:ponte-relay.sqlite3"
            .parse()
            .map_err(|_| "invalid default db".to_owned())?,
    };
    let mut limits = Limits::default();
    let l = file.limits;
    // Devices read at most what a relay within the protocol's limits can answer: a
    // relay that took larger bodies or entries would serve answers every device
    // refuses (`relay-answer-too-large`), at every sync, for ever.
    if let Some(v) = l.max_body_bytes {
        limits.max_body_bytes = at_most("max_body_bytes", v, ponte_proto::limits::MAX_BODY_BYTES)?;
    }
    if let Some(v) = l.max_push_entries {
        limits.max_push_entries = v;
    }
    if let Some(v) = l.max_ciphertext_bytes {
        limits.max_ciphertext_bytes = at_most(
            "max_ciphertext_bytes",
            v,
            ponte_proto::limits::MAX_CIPHERTEXT_BYTES,
        )?;
    }
    if let Some(v) = l.max_pull_limit {
        limits.max_pull_limit = v;
    }
    if let Some(v) = l.pull_byte_budget {
        limits.pull_byte_budget =
            at_most("pull_byte_budget", v, ponte_proto::limits::PULL_BYTE_BUDGET)?;
    }
    if let Some(v) = l.rate_burst {
        limits.rate_burst = v;
    }
    if let Some(v) = l.rate_per_second {
        limits.rate_per_second = v;
    }
    if let Some(v) = l.header_read_timeout_ms {
        limits.header_read_timeout_ms = v;
    }
    if let Some(v) = l.request_timeout_ms {
        limits.request_timeout_ms = v;
    }
    if let Some(v) = l.max_connections {
        limits.max_connections = v;
    }
    if let Some(v) = l.max_connections_per_address {
        limits.max_connections_per_address = v;
    }
    if let Some(v) = l.team_creations_per_hour {
        if v == 0 {
            return Err("team_creations_per_hour must be at least 1".to_owned());
        }
        limits.team_creations_per_hour = v;
    }
    Ok(Settings {
        db,
        listen: args
            .listen
            .or(file.listen)
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8787))),
        pg_pool: args.pg_pool.or(file.pg_pool).unwrap_or(16),
        limits,
        team_creation,
    })
}

fn settings(args: Args) -> Result<Settings, String> {
    let file = match &args.config {
        None => FileConfig::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the settings file: {e}"))?;
            parse_file(&text)?
        }
    };
    resolve(args, file, std::env::var(CODES_VAR).ok().as_deref())
}

/// Crates whose debug/trace output could quote SQL parameters or protocol bytes:
/// capped whatever `RUST_LOG` says.
const QUIET: &[&str] = &[
    "tokio_postgres=info",
    "postgres_protocol=info",
    "hyper=info",
    "hyper_util=info",
    "h2=info",
];

fn main() -> ExitCode {
    let args = Args::parse();
    init_logging();
    let settings = match settings(args) {
        Ok(settings) => settings,
        Err(error) => {
            tracing::error!(%error, "bad settings");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the runtime");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "relay stopped");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let mut filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    for directive in QUIET {
        if let Ok(directive) = directive.parse() {
            filter = filter.add_directive(directive);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

async fn run(settings: Settings) -> Result<(), Box<dyn std::error::Error>> {
    tracing::info!(storage = settings.db.kind(), "opening storage");
    let Settings {
        db,
        listen: addr,
        pg_pool,
        limits,
        team_creation,
    } = settings;
    match &db {
        Database::Sqlite(path) => {
            let path = path.clone();
            let storage = tokio::task::spawn_blocking(move || SqliteStorage::open(&path)).await??;
            listen(storage, addr, limits, team_creation).await
        }
        Database::Postgres(url) => {
            listen(
                PostgresStorage::connect(url, pg_pool).await?,
                addr,
                limits,
                team_creation,
            )
            .await
        }
    }
}

/// Says at start who may create teams: a warning line on stderr, whatever `RUST_LOG`
/// says, when anyone may; the number of codes (never a code) otherwise.
fn announce(team_creation: &TeamCreation, limits: &Limits) {
    let per_hour = limits.team_creations_per_hour;
    if team_creation.is_open() {
        eprintln!(
            "WARNING: team creation is OPEN (--open-team-creation): anyone who can reach \
             this relay can create teams on it (at most {per_hour} per hour per address)"
        );
    } else if team_creation.code_count() == 0 {
        eprintln!(
            "team creation is closed and no team-creation code is configured: no new team \
             can be created on this relay (see --help)"
        );
    } else {
        tracing::info!(
            codes = team_creation.code_count(),
            per_hour,
            "team creation closed: only with a team-creation code"
        );
    }
}

async fn listen<S: Storage>(
    storage: S,
    addr: SocketAddr,
    limits: Limits,
    team_creation: TeamCreation,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    announce(&team_creation, &limits);
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{bound}")?;
        stdout.flush()?;
    }
    tracing::info!(%bound, "listening");
    let relay =
        Arc::new(Relay::new(storage, limits, Clock::system()).with_team_creation(team_creation));
    serve(listener, relay, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Completes on SIGTERM or ctrl-c.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Args {
        Args::try_parse_from(std::iter::once("sync-server").chain(list.iter().copied())).unwrap()
    }

    #[test]
    fn the_example_file_parses_and_sets_every_key() {
        let file = parse_file(include_str!("../relay.example.toml")).unwrap();
        let settings = resolve(args(&[]), file, None).unwrap();
        assert_eq!(settings.listen, "127.0.0.1:8787".parse().unwrap());
        assert_eq!(settings.db.kind(), "sqlite");
        assert_eq!(settings.limits.rate_burst, 120);
        assert_eq!(settings.limits.team_creations_per_hour, 5);
        // The example is closed, without a code.
        assert!(!settings.team_creation.is_open());
        assert_eq!(settings.team_creation.code_count(), 0);
    }

    const CODE: &str = "correct-horse-battery-9";

    #[test]
    fn team_creation_is_closed_unless_opened_and_takes_codes_from_file_and_env() {
        // Nothing configured: closed, no code.
        let settings = resolve(args(&[]), FileConfig::default(), None).unwrap();
        assert!(!settings.team_creation.is_open());
        assert_eq!(settings.team_creation.code_count(), 0);
        // Codes in the file, as digests in the file, and in the variable.
        let digest = hex::encode(sha256(CODE));
        let file = parse_file(&format!(
            "team_creation = \"closed\"\nteam_creation_codes = [\"{CODE}\"]\n\
             team_creation_code_sha256 = [\"{digest}\"]\n"
        ))
        .unwrap();
        let env = "another-code-0000000001, yet-another-code-000002\nthird-code-000000000003";
        let settings = resolve(args(&[]), file, Some(env)).unwrap();
        assert!(!settings.team_creation.is_open());
        assert_eq!(settings.team_creation.code_count(), 5);
        // Opened by the flag or by the file.
        let open = resolve(args(&["--open-team-creation"]), FileConfig::default(), None).unwrap();
        assert!(open.team_creation.is_open());
        let file = parse_file("team_creation = \"open\"").unwrap();
        assert!(
            resolve(args(&[]), file, None)
                .unwrap()
                .team_creation
                .is_open()
        );
    }

    #[test]
    fn team_creation_settings_that_contradict_or_are_weak_are_errors_that_name_no_code() {
        let open_with_codes = [
            (
                args(&["--open-team-creation"]),
                format!("team_creation_codes = [\"{CODE}\"]"),
                None,
            ),
            (
                args(&[]),
                format!("team_creation = \"open\"\nteam_creation_codes = [\"{CODE}\"]"),
                None,
            ),
            (args(&["--open-team-creation"]), String::new(), Some(CODE)),
        ];
        for (args, file, env) in open_with_codes {
            let error = resolve(args, parse_file(&file).unwrap(), env).unwrap_err();
            assert!(error.contains("open") && !error.contains(CODE), "{error}");
        }
        for (file, env) in [
            ("team_creation_codes = [\"QQshort\"]", None),
            (
                "team_creation_codes = [\"QQ has a space, long enough\"]",
                None,
            ),
            (r#"team_creation_codes = ["QQèèèèèèèèèèèèèèèè"]"#, None),
            ("", Some("QQtiny")),
            ("team_creation_code_sha256 = [\"QQabcd\"]", None),
            ("[limits]\nteam_creations_per_hour = 0", None),
        ] {
            let error = resolve(args(&[]), parse_file(file).unwrap(), env).unwrap_err();
            assert!(!error.contains("QQ"), "{error}");
        }
        assert!(parse_file("team_creation = \"ajar\"").is_err());
        assert!(parse_file("team_creation_code = [\"x\"]").is_err());
        // The settings never print a code.
        let file = parse_file(&format!("team_creation_codes = [\"{CODE}\"]")).unwrap();
        assert!(!format!("{file:?}").contains(CODE));
        let settings = resolve(args(&[]), file, None).unwrap();
        assert!(!format!("{settings:?}").contains(CODE));
    }

    fn sha256(code: &str) -> Vec<u8> {
        ring::digest::digest(&ring::digest::SHA256, code.as_bytes())
            .as_ref()
            .to_vec()
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let file =
            parse_file("listen = \"0.0.0.0:9000\"\npg_pool = 4\n[limits]\nrate_per_second = 5\n")
                .unwrap();
        let settings = resolve(args(&["--listen", "127.0.0.1:1234"]), file, None).unwrap();
        assert_eq!(settings.listen, "127.0.0.1:1234".parse().unwrap());
        assert_eq!(settings.pg_pool, 4);
        assert_eq!(settings.limits.rate_per_second, 5);
        assert_eq!(settings.limits.rate_burst, Limits::default().rate_burst);
    }

    /// Review finding: only `pull_byte_budget` was checked against what devices read;
    /// a relay taking larger bodies or entries than the protocol's served answers every
    /// device refused (`relay-answer-too-large`) at every sync. It does not start.
    #[test]
    fn limits_above_the_protocols_are_refused_at_start_and_named() {
        use ponte_proto::limits::{MAX_BODY_BYTES, MAX_CIPHERTEXT_BYTES, PULL_BYTE_BUDGET};
        for (key, protocol) in [
            ("max_body_bytes", MAX_BODY_BYTES),
            ("max_ciphertext_bytes", MAX_CIPHERTEXT_BYTES),
            ("pull_byte_budget", PULL_BYTE_BUDGET),
        ] {
            let above = parse_file(&format!("[limits]\n{key} = {}\n", protocol + 1)).unwrap();
            let error = resolve(args(&[]), above, None).unwrap_err();
            assert!(
                error.contains(key) && error.contains(&protocol.to_string()),
                "{error}"
            );
            for ok in [protocol, protocol / 2] {
                let file = parse_file(&format!("[limits]\n{key} = {ok}\n")).unwrap();
                let limits = resolve(args(&[]), file, None).unwrap().limits;
                let set = match key {
                    "max_body_bytes" => limits.max_body_bytes,
                    "max_ciphertext_bytes" => limits.max_ciphertext_bytes,
                    _ => limits.pull_byte_budget,
                };
                assert_eq!(set, ok, "{key}");
            }
        }
    }

    #[test]
    fn a_typo_in_the_file_is_an_error_not_a_default() {
        assert!(parse_file("lissen = \"0.0.0.0:9000\"").is_err());
        assert!(parse_file("[limits]\nrate_brust = 3").is_err());
    }
}

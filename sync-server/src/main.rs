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

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use sync_server::{Clock, Database, Limits, PostgresStorage, Relay, SqliteStorage, Storage, serve};
use tracing_subscriber::EnvFilter;

/// Ponte's blind sync relay.
#[derive(Debug, Parser)]
#[command(version)]
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
}

/// The settings file. Every key is optional; unknown keys are an error, so a typo
/// does not silently fall back to a default.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    db: Option<String>,
    listen: Option<SocketAddr>,
    pg_pool: Option<usize>,
    #[serde(default)]
    limits: FileLimits,
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
}

/// The resolved settings.
#[derive(Debug)]
struct Settings {
    db: Database,
    listen: SocketAddr,
    pg_pool: usize,
    limits: Limits,
}

fn parse_file(text: &str) -> Result<FileConfig, String> {
    toml::from_str(text).map_err(|e| format!("invalid settings file: {}", e.message()))
}

fn resolve(args: Args, file: FileConfig) -> Result<Settings, String> {
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
    if let Some(v) = l.max_body_bytes {
        limits.max_body_bytes = v;
    }
    if let Some(v) = l.max_push_entries {
        limits.max_push_entries = v;
    }
    if let Some(v) = l.max_ciphertext_bytes {
        limits.max_ciphertext_bytes = v;
    }
    if let Some(v) = l.max_pull_limit {
        limits.max_pull_limit = v;
    }
    if let Some(v) = l.pull_byte_budget {
        // Devices refuse a sync answer larger than the protocol's page allows.
        if v > ponte_proto::limits::PULL_BYTE_BUDGET {
            return Err(format!(
                "pull_byte_budget above the protocol's {} bytes",
                ponte_proto::limits::PULL_BYTE_BUDGET
            ));
        }
        limits.pull_byte_budget = v;
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
    Ok(Settings {
        db,
        listen: args
            .listen
            .or(file.listen)
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8787))),
        pg_pool: args.pg_pool.or(file.pg_pool).unwrap_or(16),
        limits,
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
    resolve(args, file)
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
    match &settings.db {
        Database::Sqlite(path) => {
            let path = path.clone();
            let storage = tokio::task::spawn_blocking(move || SqliteStorage::open(&path)).await??;
            listen(storage, settings.listen, settings.limits).await
        }
        Database::Postgres(url) => {
            listen(
                PostgresStorage::connect(url, settings.pg_pool).await?,
                settings.listen,
                settings.limits,
            )
            .await
        }
    }
}

async fn listen<S: Storage>(
    storage: S,
    addr: SocketAddr,
    limits: Limits,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{bound}")?;
        stdout.flush()?;
    }
    tracing::info!(%bound, "listening");
    let relay = Arc::new(Relay::new(storage, limits, Clock::system()));
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
        let settings = resolve(args(&[]), file).unwrap();
        assert_eq!(settings.listen, "127.0.0.1:8787".parse().unwrap());
        assert_eq!(settings.db.kind(), "sqlite");
        assert_eq!(settings.limits.rate_burst, 120);
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let file =
            parse_file("listen = \"0.0.0.0:9000\"\npg_pool = 4\n[limits]\nrate_per_second = 5\n")
                .unwrap();
        let settings = resolve(args(&["--listen", "127.0.0.1:1234"]), file).unwrap();
        assert_eq!(settings.listen, "127.0.0.1:1234".parse().unwrap());
        assert_eq!(settings.pg_pool, 4);
        assert_eq!(settings.limits.rate_per_second, 5);
        assert_eq!(settings.limits.rate_burst, Limits::default().rate_burst);
    }

    #[test]
    fn a_typo_in_the_file_is_an_error_not_a_default() {
        assert!(parse_file("lissen = \"0.0.0.0:9000\"").is_err());
        assert!(parse_file("[limits]\nrate_brust = 3").is_err());
    }
}

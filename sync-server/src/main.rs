//! `sync-server`: runs the relay.
//!
//! ```text
//! sync-server --db sqlite:relay.sqlite3 --listen 127.0.0.1:8787
//! sync-server --db postgres://relay@db/ponte --listen 0.0.0.0:8787
//! ```
//!
//! Also read from `PONTE_DB` and `PONTE_LISTEN`. Prints `listening on http://ADDR`
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
    /// Database: `sqlite:PATH` or `postgres://...`.
    #[arg(long, env = "PONTE_DB", default_value = "sqlite:ponte-relay.sqlite3")]
    db: Database,
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "PONTE_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Most PostgreSQL connections this process opens.
    #[arg(long, env = "PONTE_PG_POOL", default_value_t = 16)]
    pg_pool: usize,
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
    match runtime.block_on(run(args)) {
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

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    tracing::info!(storage = args.db.kind(), "opening storage");
    match &args.db {
        Database::Sqlite(path) => {
            let path = path.clone();
            let storage = tokio::task::spawn_blocking(move || SqliteStorage::open(&path)).await??;
            listen(storage, args.listen).await
        }
        Database::Postgres(url) => {
            listen(
                PostgresStorage::connect(url, args.pg_pool).await?,
                args.listen,
            )
            .await
        }
    }
}

async fn listen<S: Storage>(
    storage: S,
    addr: SocketAddr,
) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "listening on http://{bound}")?;
        stdout.flush()?;
    }
    tracing::info!(%bound, "listening");
    let relay = Arc::new(Relay::new(storage, Limits::default(), Clock::system()));
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

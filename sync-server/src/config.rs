//! Settings the relay is built with: limits, the clock, the database location.
//!
//! The library never reads the environment or files; the binary parses its
//! arguments (and `PONTE_*` variables) and passes these in.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use ponte_proto::limits;

/// Size and rate limits. Defaults are the protocol's ([`ponte_proto::limits`]).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest request body in bytes (413 `too-large` above).
    pub max_body_bytes: usize,
    /// Most entries in one push (413 `too-large` above).
    pub max_push_entries: usize,
    /// Largest ciphertext of one entry (413 `too-large` above).
    pub max_ciphertext_bytes: usize,
    /// Cap on `pull_limit`.
    pub max_pull_limit: u32,
    /// Ciphertext bytes per pull page.
    pub pull_byte_budget: usize,
    /// Most devices in a roster.
    pub max_roster_devices: usize,
    /// Largest sealed device name.
    pub max_name_sealed_bytes: usize,
    /// How far in the future an invite may expire.
    pub max_invite_lifetime_ms: u64,
    /// Requests a device may make in a burst.
    pub rate_burst: u32,
    /// Requests per second a device regains.
    pub rate_per_second: u32,
    /// A connection must send a request's whole head within this many ms of being
    /// opened or of its previous answer, else it is closed (slow-loris).
    pub header_read_timeout_ms: u64,
    /// A request must be read and answered within this many ms, body included, else
    /// 408 `request-timeout` and the connection closes.
    pub request_timeout_ms: u64,
    /// Most connections open at once; more are closed as soon as accepted.
    pub max_connections: usize,
    /// Most connections open at once from one address (0: no per-address cap, for a
    /// relay behind a proxy that connects from one address).
    pub max_connections_per_address: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: limits::MAX_BODY_BYTES,
            max_push_entries: limits::MAX_PUSH_ENTRIES,
            max_ciphertext_bytes: limits::MAX_CIPHERTEXT_BYTES,
            max_pull_limit: limits::MAX_PULL_LIMIT,
            pull_byte_budget: limits::PULL_BYTE_BUDGET,
            max_roster_devices: limits::MAX_ROSTER_DEVICES,
            max_name_sealed_bytes: limits::MAX_NAME_SEALED_BYTES,
            max_invite_lifetime_ms: limits::MAX_INVITE_LIFETIME_MS,
            // A device syncing at base pages through a large team quickly, then
            // goes quiet: a generous burst, a modest steady rate.
            rate_burst: 120,
            rate_per_second: 20,
            header_read_timeout_ms: 10_000,
            request_timeout_ms: 60_000,
            max_connections: 4096,
            max_connections_per_address: 256,
        }
    }
}

/// The relay's clock, in unix milliseconds. Tests shift it to reach expiry without
/// sleeping; in production the offset stays zero.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// Now, in unix milliseconds.
    pub fn now_ms(&self) -> u64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let system = i64::try_from(system).unwrap_or(i64::MAX);
        u64::try_from(system.saturating_add(self.offset_ms.load(Ordering::Relaxed))).unwrap_or(0)
    }

    /// Moves this clock (and its clones) by `ms`.
    pub fn advance(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

/// Where the relay keeps its data: `sqlite:PATH` or a `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            // The URL may carry a password.
            Self::Postgres(_) => f.write_str("Postgres(<redacted>)"),
        }
    }
}

impl Database {
    /// A name for logs that reveals no credentials.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// A database location that is neither `sqlite:` nor `postgres://`.
#[derive(Debug, thiserror::Error)]
#[error("database must be sqlite:PATH or postgres://...")]
pub struct BadDatabase;

impl FromStr for Database {
    type Err = BadDatabase;

    fn from_str(text: &str) -> Result<Self, BadDatabase> {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(Self::Postgres(text.to_owned()));
        }
        let path = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"))
            .ok_or(BadDatabase)?;
        if path.is_empty() {
            return Err(BadDatabase);
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn database_locations() {
        let check = |text: &str, expected: Option<Database>| {
            assert_eq!(text.parse::<Database>().ok(), expected, "{text}");
        };
        check("sqlite:relay.db", Some(Database::Sqlite("relay.db".into())));
        check(
            "sqlite:///var/lib/relay.db",
            Some(Database::Sqlite("/var/lib/relay.db".into())),
        );
        check(
            "postgres://u:p@h/db",
            Some(Database::Postgres("postgres://u:p@h/db".into())),
        );
        check(
            "postgresql://h/db",
            Some(Database::Postgres("postgresql://h/db".into())),
        );
        check("sqlite:", None);
        check("mysql://h/db", None);
        check("relay.db", None);
    }

    #[test]
    fn postgres_url_never_prints() {
        let db: Database = "postgres://u:secret@h/db".parse().unwrap();
        assert!(!format!("{db:?}").contains("secret"));
    }

    #[test]
    fn clock_advances() {
        let clock = Clock::system();
        let before = clock.now_ms();
        clock.clone().advance(60_000);
        assert!(clock.now_ms() >= before + 60_000);
    }
}

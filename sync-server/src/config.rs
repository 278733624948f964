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
    /// Most connections open at once from one address, an IPv6 address counted by its
    /// /64 (0: no per-address cap, for a relay behind a proxy that connects from one
    /// address).
    pub max_connections_per_address: usize,
    /// Team creations (`POST /v1/teams`, refused ones included) one client address may
    /// attempt per hour, as a burst that refills evenly over the hour; more answer 429
    /// `rate-limited`. Counted whether team creation is open or closed. An IPv6
    /// address counts by its /64. At least 1.
    pub team_creations_per_hour: u32,
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
            // A supervisor creates a team once; a few retries fit, guessing codes
            // does not.
            team_creations_per_hour: 5,
        }
    }
}

/// Shortest team-creation code an operator may configure (a digest configured instead
/// of a code cannot be checked for it).
pub const MIN_TEAM_CREATION_CODE_CHARS: usize = 16;

/// Who may create a team on this relay (`POST /v1/teams`).
///
/// Closed by default: only a request presenting one of the configured team-creation
/// codes ([`ponte_proto::HEADER_TEAM_CREATION_CODE`]) creates a team, and with no code
/// configured nobody can. The codes are kept as SHA-256 digests only and compared in
/// constant time; [`TeamCreation::open`] lets anyone who reaches the relay create
/// teams. Creations are rate-limited per client address either way
/// ([`Limits::team_creations_per_hour`]).
#[derive(Clone, Default)]
pub struct TeamCreation {
    open: bool,
    digests: Vec<[u8; 32]>,
}

/// A team-creation code or digest that cannot be used. Says nothing of the value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BadTeamCreationCode {
    /// A code shorter than [`MIN_TEAM_CREATION_CODE_CHARS`], longer than
    /// [`ponte_proto::MAX_TEAM_CREATION_CODE_BYTES`], or with a character other than
    /// visible ASCII.
    #[error(
        "a team-creation code must be {MIN_TEAM_CREATION_CODE_CHARS} to {} visible ASCII characters (no spaces)",
        ponte_proto::MAX_TEAM_CREATION_CODE_BYTES
    )]
    Code,
    /// A digest that is not 64 hex digits.
    #[error("a team-creation code digest must be the SHA-256 of the code, 64 hex digits")]
    Digest,
}

impl TeamCreation {
    /// Closed, with no code yet: nobody can create a team (the default).
    pub fn closed() -> Self {
        Self::default()
    }

    /// Open: anyone who can reach the relay may create a team.
    pub fn open() -> Self {
        Self {
            open: true,
            digests: Vec::new(),
        }
    }

    /// Closed, accepting these codes.
    pub fn with_codes<S: AsRef<str>>(
        codes: impl IntoIterator<Item = S>,
    ) -> Result<Self, BadTeamCreationCode> {
        let mut creation = Self::closed();
        for code in codes {
            creation.add_code(code.as_ref())?;
        }
        Ok(creation)
    }

    /// Accept `code` too (only its SHA-256 is kept).
    pub fn add_code(&mut self, code: &str) -> Result<(), BadTeamCreationCode> {
        if code.len() < MIN_TEAM_CREATION_CODE_CHARS || !ponte_proto::is_team_creation_code(code) {
            return Err(BadTeamCreationCode::Code);
        }
        self.digests.push(crate::auth::sha256(code.as_bytes()));
        Ok(())
    }

    /// Accept the code whose SHA-256 is `digest` (64 hex digits), so the settings need
    /// not hold the code itself.
    pub fn add_digest(&mut self, digest: &str) -> Result<(), BadTeamCreationCode> {
        let bytes = hex::decode(digest.trim()).map_err(|_| BadTeamCreationCode::Digest)?;
        let digest: [u8; 32] = bytes.try_into().map_err(|_| BadTeamCreationCode::Digest)?;
        self.digests.push(digest);
        Ok(())
    }

    /// Whether anyone may create a team.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// How many codes are accepted (on a closed relay).
    pub fn code_count(&self) -> usize {
        self.digests.len()
    }

    /// Whether a request presenting `code` (or none) may create a team: on a closed
    /// relay, whether the code's SHA-256 equals one of the configured digests, compared
    /// in constant time against every one of them.
    pub(crate) fn admits(&self, code: Option<&[u8]>) -> bool {
        if self.open {
            return true;
        }
        match code {
            Some(code) => crate::auth::digest_listed(&crate::auth::sha256(code), &self.digests),
            None => false,
        }
    }
}

impl std::fmt::Debug for TeamCreation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The digests stay out of logs too.
        f.debug_struct("TeamCreation")
            .field("open", &self.open)
            .field("codes", &self.digests.len())
            .finish()
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
    fn team_creation_is_closed_by_default_and_takes_only_its_codes() {
        let code = "a-long-enough-code-1234";
        assert!(!TeamCreation::default().admits(None));
        assert!(!TeamCreation::default().admits(Some(code.as_bytes())));
        let closed = TeamCreation::with_codes([code]).unwrap();
        assert!(closed.admits(Some(code.as_bytes())));
        assert!(!closed.admits(None));
        assert!(!closed.admits(Some(b"a-long-enough-code-1235")));
        assert!(!closed.admits(Some(b"")));
        // A digest configured instead of the code.
        let mut by_digest = TeamCreation::closed();
        by_digest
            .add_digest(&hex::encode(crate::auth::sha256(code.as_bytes())))
            .unwrap();
        assert!(by_digest.admits(Some(code.as_bytes())));
        assert!(TeamCreation::open().admits(None));
        // Codes too short, with spaces or non-ASCII, digests not of 32 bytes.
        for bad in [
            "short",
            "a long enough code with spaces",
            "caff\u{e8}-caff\u{e8}-caff\u{e8}-x",
        ] {
            assert_eq!(
                TeamCreation::with_codes([bad]).unwrap_err(),
                BadTeamCreationCode::Code
            );
        }
        for bad in ["00", "zz".repeat(32).as_str(), &"00".repeat(33)] {
            assert_eq!(
                TeamCreation::closed().add_digest(bad).unwrap_err(),
                BadTeamCreationCode::Digest
            );
        }
        // Neither a code nor its digest prints.
        let printed = format!("{closed:?} {by_digest:?}");
        let digest = hex::encode(crate::auth::sha256(code.as_bytes()));
        assert!(
            !printed.contains(code) && !printed.contains(&digest[..8]),
            "{printed}"
        );
    }

    #[test]
    fn clock_advances() {
        let clock = Clock::system();
        let before = clock.now_ms();
        clock.clone().advance(60_000);
        assert!(clock.now_ms() >= before + 60_000);
    }
}

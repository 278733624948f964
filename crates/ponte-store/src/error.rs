//! The store's one error type. No variant carries a record's content: what a person
//! sees is [`StoreError::code`] (plus the validation list) translated elsewhere.

use ponte_model::ValidationError;

/// Failure of a store operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No store exists in the home directory.
    #[error("no store in this home directory")]
    NotInitialized,
    /// `init` on a home directory that already has a store.
    #[error("a store already exists in this home directory")]
    AlreadyInitialized,
    /// The passphrase is shorter than the minimum.
    #[error("passphrase too short")]
    PassphraseTooShort {
        /// Minimum number of characters.
        min: usize,
    },
    /// The passphrase does not unlock the device key.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The passphrase does not unlock the device key, and only `left` more wrong
    /// passphrases in a row are allowed before the device erases itself.
    #[error("wrong passphrase ({left} tries left before erasure)")]
    WrongPassphraseFinalTries {
        /// Wrong passphrases still allowed.
        left: u32,
    },
    /// Too many wrong passphrases in a row: the next attempt is allowed in `seconds`.
    /// Nothing was tried or counted.
    #[error("unlock delayed for {seconds} s")]
    UnlockDelayed {
        /// Seconds to wait.
        seconds: u64,
    },
    /// The store was erased after `attempts` wrong passphrases in a row (the team's
    /// limit): keys first, then the files.
    #[error("store erased after {attempts} wrong passphrases")]
    ErasedAfterFailures {
        /// The limit that was reached.
        attempts: u32,
    },
    /// The duress passphrase given is the store's passphrase.
    #[error("duress passphrase same as the passphrase")]
    DuressSameAsPassphrase,
    /// The database file or an encrypted value in it is damaged or was tampered with.
    #[error("store damaged or tampered with")]
    Corrupt,
    /// The store was made by a newer version of Ponte (its schema version is later
    /// than this build knows): it is left as it is.
    #[error("store made by a newer version")]
    NewerVersion,
    /// No record with this id.
    #[error("record not found")]
    NotFound,
    /// The id names a record of another kind.
    #[error("record is of another kind")]
    WrongKind,
    /// The record or edit fails validation.
    #[error("record invalid ({} problems)", .0.len())]
    Invalid(Vec<ValidationError>),
    /// The audit chain does not verify at this sequence number.
    #[error("audit log broken at entry {seq}")]
    AuditBroken {
        /// First entry that does not verify.
        seq: i64,
    },
    /// Another process holds the database for too long.
    #[error("store busy")]
    Busy,
    /// Creating the home directory or a file failed.
    #[error("file system error: {0}")]
    Io(std::io::ErrorKind),
    /// SQLite failed in a way that is not corruption (full disk, permissions).
    #[error("database error {0}")]
    Database(i32),
    /// The change is larger than one sync entry may be
    /// (`ponte_proto::limits::MAX_CIPHERTEXT_BYTES`): queued, it would stop this
    /// device's sync for good, so the edit is refused and nothing is written.
    #[error("change too large to sync")]
    TooLargeToSync,
    /// A device a record was to be restricted to is not in the team's roster.
    #[error("device not in the roster")]
    NotInRoster,
    /// More devices than a restricted record may list.
    #[error("too many devices listed")]
    TooManyReaders,
    /// The record is a device's audit trail (`Kind::Audit`): only that device's sync
    /// writes it, and only the audit review reads it.
    #[error("record is an audit trail")]
    AuditTrail,
}

impl StoreError {
    /// Stable code, translated through Fluent as `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotInitialized => "not-initialized",
            StoreError::AlreadyInitialized => "already-initialized",
            StoreError::PassphraseTooShort { .. } => "passphrase-too-short",
            StoreError::WrongPassphrase => "wrong-passphrase",
            StoreError::WrongPassphraseFinalTries { .. } => "wrong-passphrase-final-tries",
            StoreError::UnlockDelayed { .. } => "unlock-delayed",
            StoreError::ErasedAfterFailures { .. } => "erased-after-failures",
            StoreError::DuressSameAsPassphrase => "duress-same-as-passphrase",
            StoreError::Corrupt => "corrupt",
            StoreError::NewerVersion => "store-newer-version",
            StoreError::NotFound => "not-found",
            StoreError::WrongKind => "wrong-kind",
            StoreError::Invalid(_) => "invalid",
            StoreError::AuditBroken { .. } => "audit-broken",
            StoreError::Busy => "busy",
            StoreError::Io(_) => "io",
            StoreError::Database(_) => "database",
            StoreError::TooLargeToSync => "too-large-to-sync",
            StoreError::NotInRoster => "not-in-roster",
            StoreError::TooManyReaders => "too-many-readers",
            StoreError::AuditTrail => "audit-trail-record",
        }
    }

    /// Every code [`StoreError::code`] can return (the locale tests use it).
    pub const CODES: &'static [&'static str] = &[
        "not-initialized",
        "already-initialized",
        "passphrase-too-short",
        "wrong-passphrase",
        "wrong-passphrase-final-tries",
        "unlock-delayed",
        "erased-after-failures",
        "duress-same-as-passphrase",
        "corrupt",
        "store-newer-version",
        "not-found",
        "wrong-kind",
        "invalid",
        "audit-broken",
        "busy",
        "io",
        "database",
        "too-large-to-sync",
        "not-in-roster",
        "too-many-readers",
        "audit-trail-record",
    ];
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseCorrupt | C::NotADatabase) => StoreError::Corrupt,
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy,
            Some(_) => StoreError::Database(e.sqlite_error().map_or(0, |s| s.extended_code)),
            // Type conversions and missing rows mean the file does not hold what
            // this version wrote: treat as damage, never as a panic.
            None => StoreError::Corrupt,
        }
    }
}

impl From<ponte_crypto::CryptoError> for StoreError {
    fn from(_: ponte_crypto::CryptoError) -> Self {
        StoreError::Corrupt
    }
}

impl From<ponte_doc::DocError> for StoreError {
    fn from(_: ponte_doc::DocError) -> Self {
        StoreError::Corrupt
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e.kind())
    }
}

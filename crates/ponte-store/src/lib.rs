//! Ponte's encrypted local store: one SQLite file (WAL mode) per device.
//!
//! What is in the clear on disk: random record ids, record kinds, key epochs, sizes,
//! creation/update times and sequence numbers: what sync needs and nothing more.
//! Everything else is sealed with AES-256-GCM:
//!
//! | table | content | sealed with |
//! |---|---|---|
//! | `meta` | salt, KDF rounds, device id in the clear; the device master key | key derived from the passphrase (PBKDF2) |
//! | `keyring` | team keys per epoch, Ed25519 and X25519 device keys | device master key |
//! | `records.wrapped_key` | the record's own data key | team key of the record's epoch |
//! | `records.body` | the Automerge document | record data key, aad = id, kind, epoch |
//! | `records.summary` | what lists, search and filters read | index key (HKDF of master key) |
//! | `outbox` | Automerge changes waiting for sync | record data key |
//! | `audit` | hash-chained audit entries | audit key (HKDF of master key) |
//!
//! Lists and search decrypt the small per-record summaries, never the documents
//! (DESIGN.md: 10,000 documents take ~0.7 s to load, 10,000 summaries a few ms).
//!
//! Every mutation is one `BEGIN IMMEDIATE` transaction holding the record, its
//! summary, its outbox change and its audit entry, committed with `synchronous=FULL`:
//! a crash loses nothing acknowledged and never leaves half an edit.
//!
//! Erasure is crypto-shredding: the row holding the record's wrapped data key and body
//! is deleted with `secure_delete` on (freed cells are zeroed) and the WAL is truncated,
//! so neither the key nor the ciphertext survive in free pages or old WAL frames.
//!
//! This crate does not know about sync transport, the UI, or how a passphrase is asked.

mod audit;
mod error;
pub mod sync;
pub mod time;

use std::path::{Path, PathBuf};

use ponte_crypto::{self as crypto, SecretKey, TeamKey};
use ponte_doc::{RecordDoc, merge_patch};
use ponte_model::{
    Kind,
    summary::{Query, Summary},
};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;
use zeroize::Zeroizing;

pub use audit::{AuditAction, AuditEntry};
pub use error::StoreError;

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Name of the database file inside the home directory.
pub const DB_FILE: &str = "ponte.db";
/// Minimum passphrase length in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const SCHEMA_VERSION: i64 = 1;
/// Keys a client may send back from [`Record::to_output`] that are computed, not stored.
pub const OUTPUT_ONLY_KEYS: &[&str] = &["id", "kind", "risk", "updated"];

/// A random 16-byte record id, shown as 32 lowercase hex characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub [u8; 16]);

impl RecordId {
    /// A fresh random id.
    pub fn generate() -> Result<Self> {
        Ok(RecordId(crypto::random_array()?))
    }
    /// Parse 32 hex characters.
    pub fn parse(s: &str) -> Option<Self> {
        let bytes = hex::decode(s.trim()).ok()?;
        Some(RecordId(bytes.try_into().ok()?))
    }
    /// Lowercase hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl std::fmt::Debug for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecordId({})", self.to_hex())
    }
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Settings for [`Store::init`].
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// PBKDF2 rounds; never fewer than [`ponte_crypto::PBKDF2_ITERATIONS`].
    pub kdf_iterations: u32,
}

impl Default for InitOptions {
    fn default() -> Self {
        InitOptions {
            kdf_iterations: crypto::PBKDF2_ITERATIONS,
        }
    }
}

/// A decrypted record.
#[derive(Debug, Clone)]
pub struct Record {
    /// Its id.
    pub id: RecordId,
    /// Its kind.
    pub kind: Kind,
    /// Its fields, as in `docs/records.md`.
    pub json: Value,
    /// Creation time, ms since the epoch.
    pub created_ms: i64,
    /// Last update time, ms since the epoch.
    pub updated_ms: i64,
}

impl Record {
    /// The record as the CLI and the app show it: its fields plus the output-only
    /// keys `id`, `kind`, `updated` and, for a person, the `risk` (derived and effective).
    pub fn to_output(&self) -> Value {
        let mut out = self.json.clone();
        if let Value::Object(map) = &mut out {
            map.insert("id".into(), Value::String(self.id.to_hex()));
            map.insert("kind".into(), Value::String(self.kind.as_str().into()));
            map.insert(
                "updated".into(),
                Value::String(time::date_of(self.updated_ms)),
            );
            if self.kind == Kind::Person {
                let (derived, effective) = ponte_model::screening::effective_risk(&self.json);
                map.insert(
                    "risk".into(),
                    serde_json::json!({"derived": derived, "effective": effective}),
                );
            }
        }
        out
    }
}

/// One line of a list: a record's id and its decrypted summary.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Record id.
    pub id: RecordId,
    /// Decrypted summary.
    pub summary: Summary,
    /// Last update time, ms since the epoch.
    pub updated_ms: i64,
}

/// One item of a bulk import: a new record, or a patch of an existing one.
#[derive(Debug, Clone)]
pub enum ImportItem {
    /// Create a record with these fields.
    Create(Value),
    /// Merge-patch an existing record.
    Patch(RecordId, Value),
}

/// Errors of one import item, with its position in the input (0-based).
#[derive(Debug, Clone)]
pub struct ItemError {
    /// Index in the import list.
    pub index: usize,
    /// Error code (`StoreError::code`).
    pub code: &'static str,
    /// Validation problems, if the code is `invalid`.
    pub problems: Vec<ponte_model::ValidationError>,
}

struct Keys {
    master: SecretKey,
    team: Vec<TeamKey>,
    index: SecretKey,
    audit: SecretKey,
}

impl Keys {
    fn team(&self, epoch: u32) -> Result<&TeamKey> {
        self.team
            .iter()
            .find(|k| k.epoch == epoch)
            .ok_or(StoreError::Corrupt)
    }
    fn current_team(&self) -> Result<&TeamKey> {
        self.team
            .iter()
            .max_by_key(|k| k.epoch)
            .ok_or(StoreError::Corrupt)
    }
}

/// An unlocked store. Dropping it drops (and zeroizes) every key.
pub struct Store {
    conn: Connection,
    keys: Keys,
    device_id: [u8; 16],
    home: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("home", &self.home)
            .field("keys", &"<redacted>")
            .finish()
    }
}

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keyring (name TEXT NOT NULL, epoch INTEGER NOT NULL, wrapped BLOB NOT NULL,
    PRIMARY KEY (name, epoch)) WITHOUT ROWID;
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    kind INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE summaries (
    rid INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    kind INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    summary BLOB NOT NULL
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id BLOB NOT NULL,
    kind INTEGER NOT NULL,
    covers INTEGER,
    change BLOB NOT NULL,
    created INTEGER NOT NULL
);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE record_sync (
    id BLOB PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    since_snapshot INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX outbox_record ON outbox(record_id);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, chain BLOB NOT NULL);
";

fn aad(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn master_aad(device_id: &[u8; 16]) -> Vec<u8> {
    aad(&[b"ponte/master/v1", device_id])
}

fn keyring_aad(name: &str, epoch: u32) -> Vec<u8> {
    aad(&[
        b"ponte/keyring/v1/",
        name.as_bytes(),
        b"/",
        &epoch.to_be_bytes(),
    ])
}

fn summary_aad(id: &RecordId, kind: Kind) -> Vec<u8> {
    aad(&[b"ponte/summary/v1", &id.0, &[kind.as_u8()]])
}

fn change_aad(id: &RecordId, kind: Kind, epoch: u32) -> Vec<u8> {
    aad(&[
        b"ponte/change/v1",
        &crypto::record_aad(&id.0, kind.as_u8(), epoch),
    ])
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // secure_delete: freed cells are zeroed, so an erased record's key and ciphertext
    // do not linger in free pages. synchronous=FULL: a commit is on disk when it returns.
    conn.execute_batch(
        "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    // One plan per statement whatever the bound values: without this, the bundled
    // SQLite (built with STAT4) re-prepares a cached statement with a range on an
    // indexed column at every run.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn get_meta(conn: &Connection, key: &str) -> Result<Vec<u8>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::Corrupt)
}

fn put_meta(conn: &Connection, key: &str, value: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn wrap_into_keyring(
    conn: &Connection,
    master: &SecretKey,
    name: &str,
    epoch: u32,
    secret: &[u8],
) -> Result<()> {
    let sealed = crypto::seal(master, &keyring_aad(name, epoch), secret)?;
    conn.execute(
        "INSERT INTO keyring(name, epoch, wrapped) VALUES (?1, ?2, ?3)",
        params![name, epoch, sealed],
    )?;
    Ok(())
}

fn derive_keys(master: SecretKey, team: Vec<TeamKey>) -> Keys {
    Keys {
        index: crypto::hkdf(&master, b"ponte", b"ponte/index/v1"),
        audit: crypto::hkdf(&master, b"ponte", b"ponte/audit/v1"),
        master,
        team,
    }
}

/// The team keys in the keyring, unwrapped with the master key.
fn load_team_keys(conn: &Connection, master: &SecretKey) -> Result<Vec<TeamKey>> {
    let mut team = Vec::new();
    let mut stmt = conn.prepare("SELECT epoch, wrapped FROM keyring WHERE name = 'team'")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    for row in rows {
        let (epoch, wrapped) = row?;
        let bytes = crypto::open(master, &keyring_aad("team", epoch), &wrapped)?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        team.push(TeamKey::from_parts(epoch, SecretKey::from_bytes(key)));
    }
    Ok(team)
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

impl Store {
    /// Path of the database file under `home`.
    pub fn db_path(home: &Path) -> PathBuf {
        home.join(DB_FILE)
    }

    /// Whether `home` holds a store.
    pub fn exists(home: &Path) -> bool {
        Self::db_path(home).exists()
    }

    /// Create a new device store: random device id, master key, first team key and
    /// device key pairs, all wrapped as described in the crate docs.
    pub fn init(home: &Path, passphrase: &str, options: &InitOptions) -> Result<Store> {
        check_passphrase(passphrase)?;
        if Self::exists(home) {
            return Err(StoreError::AlreadyInitialized);
        }
        std::fs::create_dir_all(home)?;
        restrict_permissions(home);
        let path = Self::db_path(home);
        // Build the store in a temporary file and rename it into place, so a crash
        // during init never leaves a half-made store that `open` would call corrupt.
        let tmp = home.join(format!("{DB_FILE}.init"));
        let _ = std::fs::remove_file(&tmp);
        {
            let conn = Connection::open(&tmp)?;
            conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
            configure(&conn)?;
            let device_id: [u8; 16] = crypto::random_array()?;
            let salt: [u8; crypto::SALT_LEN] = crypto::random_array()?;
            let kek = crypto::derive_kek(passphrase.as_bytes(), &salt, options.kdf_iterations)
                .map_err(|_| StoreError::Corrupt)?;
            let master = SecretKey::generate()?;
            let team = TeamKey::generate(1)?;
            let signing = crypto::SigningKey::generate()?;
            let agreement = crypto::AgreementKey::generate()?;
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(SCHEMA)?;
            put_meta(&tx, "schema", &SCHEMA_VERSION.to_be_bytes())?;
            put_meta(&tx, "device_id", &device_id)?;
            put_meta(&tx, "kdf_salt", &salt)?;
            put_meta(&tx, "kdf_iterations", &options.kdf_iterations.to_be_bytes())?;
            put_meta(
                &tx,
                "master_key",
                &crypto::wrap_key(&kek, &master_aad(&device_id), &master)?,
            )?;
            wrap_into_keyring(&tx, &master, "team", 1, team.key().expose())?;
            wrap_into_keyring(&tx, &master, "signing", 0, signing.pkcs8())?;
            wrap_into_keyring(&tx, &master, "agreement", 0, agreement.to_bytes().as_ref())?;
            tx.commit()?;
        }
        std::fs::rename(&tmp, &path)?;
        let store = Self::open(home, passphrase)?;
        store.conn.execute_batch("PRAGMA journal_mode = WAL;")?;
        Ok(store)
    }

    /// Unlock the store in `home`. A wrong passphrase changes nothing on disk.
    pub fn open(home: &Path, passphrase: &str) -> Result<Store> {
        let path = Self::db_path(home);
        if !path.is_file() {
            return Err(StoreError::NotInitialized);
        }
        let conn = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Corrupt);
        }
        let schema = get_meta(&conn, "schema")?;
        if schema != SCHEMA_VERSION.to_be_bytes() {
            return Err(StoreError::Corrupt);
        }
        let device_id: [u8; 16] = get_meta(&conn, "device_id")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let salt: [u8; crypto::SALT_LEN] = get_meta(&conn, "kdf_salt")?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let iterations = u32::from_be_bytes(
            get_meta(&conn, "kdf_iterations")?
                .try_into()
                .map_err(|_| StoreError::Corrupt)?,
        );
        let wrapped_master = get_meta(&conn, "master_key")?;
        let kek = crypto::derive_kek(passphrase.as_bytes(), &salt, iterations)
            .map_err(|_| StoreError::Corrupt)?;
        let master = crypto::unwrap_key(&kek, &master_aad(&device_id), &wrapped_master)
            .map_err(|_| StoreError::WrongPassphrase)?;
        let team = load_team_keys(&conn, &master)?;
        let store = Store {
            keys: derive_keys(master, team),
            conn,
            device_id,
            home: home.to_path_buf(),
        };
        store.keys.current_team()?;
        Ok(store)
    }

    /// A second handle on the same unlocked store: a new database connection with the
    /// team keys read afresh from the keyring, without asking for the passphrase again.
    /// The app syncs on one handle while the screens read and write on another, and
    /// reopens the screens' handle after a sync that brought new team keys.
    pub fn reopen(&self) -> Result<Store> {
        let conn = Connection::open_with_flags(
            Self::db_path(&self.home),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        let master = SecretKey::from_bytes(*self.keys.master.expose());
        let team = load_team_keys(&conn, &master)?;
        let store = Store {
            keys: derive_keys(master, team),
            conn,
            device_id: self.device_id,
            home: self.home.clone(),
        };
        store.keys.current_team()?;
        Ok(store)
    }

    /// This device's random id.
    pub fn device_id(&self) -> [u8; 16] {
        self.device_id
    }

    /// The home directory.
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// The device's Ed25519 signing key.
    pub fn signing_key(&self) -> Result<crypto::SigningKey> {
        let bytes = self.keyring_secret("signing", 0)?;
        Ok(crypto::SigningKey::from_pkcs8(&bytes)?)
    }

    /// The device's X25519 key (team keys are sealed to it).
    pub fn agreement_key(&self) -> Result<crypto::AgreementKey> {
        let bytes = self.keyring_secret("agreement", 0)?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        Ok(crypto::AgreementKey::from_bytes(key))
    }

    fn keyring_secret(&self, name: &str, epoch: u32) -> Result<Zeroizing<Vec<u8>>> {
        let sealed: Vec<u8> = self
            .conn
            .query_row(
                "SELECT wrapped FROM keyring WHERE name = ?1 AND epoch = ?2",
                params![name, epoch],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::Corrupt)?;
        Ok(crypto::open(
            &self.keys.master,
            &keyring_aad(name, epoch),
            &sealed,
        )?)
    }

    /// Create a record after validating it; returns its new id.
    pub fn create(&mut self, kind: Kind, fields: &Value) -> Result<RecordId> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = create_in(&tx, &self.keys, &self.device_id, kind, fields)?;
        tx.commit()?;
        Ok(id)
    }

    /// Merge-patch a record (RFC 7396) after validating the result.
    pub fn edit(&mut self, id: &RecordId, expected: Option<Kind>, patch: &Value) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        edit_in(&tx, &self.keys, &self.device_id, id, expected, patch)?;
        tx.commit()?;
        Ok(())
    }

    /// Decrypt one record, logging the view in the audit log.
    pub fn get(&mut self, id: &RecordId, expected: Option<Kind>) -> Result<Record> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (record, _) = load_in(&tx, &self.keys, &self.device_id, id)?;
        if expected.is_some_and(|k| k != record.kind) {
            return Err(StoreError::WrongKind);
        }
        let record = Record {
            id: *id,
            kind: record.kind,
            json: record.doc.to_json(),
            created_ms: record.created_ms,
            updated_ms: record.updated_ms,
        };
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::View,
            Some(record.kind),
            Some(id),
            None,
        )?;
        tx.commit()?;
        Ok(record)
    }

    /// Every record of `kind`, decrypted, for computing aggregates on the device
    /// (reports). Not audited per record: the caller records what leaves the device
    /// with [`Store::audit_export`].
    pub fn records(&self, kind: Kind) -> Result<Vec<Record>> {
        let ids: Vec<[u8; 16]> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM records WHERE kind = ?1")?;
            let rows = stmt.query_map([kind.as_u8()], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let id = RecordId(id);
            let (loaded, _) = load_in(&self.conn, &self.keys, &self.device_id, &id)?;
            out.push(Record {
                id,
                kind: loaded.kind,
                json: loaded.doc.to_json(),
                created_ms: loaded.created_ms,
                updated_ms: loaded.updated_ms,
            });
        }
        Ok(out)
    }

    /// Summaries of every record matching `query`, newest update first.
    pub fn list(&self, query: &Query) -> Result<Vec<Listed>> {
        let mut stmt = self.conn.prepare_cached(match query.kind {
            Some(_) => "SELECT id, kind, summary, updated FROM summaries WHERE kind = ?1",
            None => "SELECT id, kind, summary, updated FROM summaries WHERE ?1 IS NULL OR 1",
        })?;
        let kind_param = query.kind.map(|k| i64::from(k.as_u8()));
        let mut rows = stmt.query([kind_param])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id = RecordId(row.get::<_, [u8; 16]>(0)?);
            let kind = Kind::from_u8(row.get::<_, u8>(1)?).ok_or(StoreError::Corrupt)?;
            let sealed = row.get_ref(2)?.as_blob().map_err(|_| StoreError::Corrupt)?;
            let plain = crypto::open(&self.keys.index, &summary_aad(&id, kind), sealed)?;
            let summary: Summary =
                serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?;
            if summary.matches(query) {
                out.push(Listed {
                    id,
                    summary,
                    updated_ms: row.get(3)?,
                });
            }
        }
        out.sort_by_key(|b| std::cmp::Reverse(b.updated_ms));
        Ok(out)
    }

    /// Number of records of each kind (no decryption).
    pub fn count(&self, kind: Kind) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM records WHERE kind = ?1",
            [kind.as_u8()],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Erase a record by crypto-shredding: its wrapped data key, body, summary and
    /// pending changes are deleted (zeroed in place), then the WAL is truncated.
    pub fn erase(&mut self, id: &RecordId, expected: Option<Kind>) -> Result<()> {
        self.erase_with(id, expected, None)
    }

    fn erase_with(
        &mut self,
        id: &RecordId,
        expected: Option<Kind>,
        tombstone: Option<&[u8]>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kind: Option<u8> = tx
            .query_row("SELECT kind FROM records WHERE id = ?1", [&id.0], |r| {
                r.get(0)
            })
            .optional()?;
        let kind = Kind::from_u8(kind.ok_or(StoreError::NotFound)?).ok_or(StoreError::Corrupt)?;
        if expected.is_some_and(|k| k != kind) {
            return Err(StoreError::WrongKind);
        }
        tx.execute("DELETE FROM records WHERE id = ?1", [&id.0])?;
        tx.execute("DELETE FROM summaries WHERE id = ?1", [&id.0])?;
        tx.execute("DELETE FROM outbox WHERE record_id = ?1", [&id.0])?;
        tx.execute("DELETE FROM record_sync WHERE id = ?1", [&id.0])?;
        if let Some(payload) = tombstone {
            sync::push_entry(&tx, id, sync::EntryKind::Tombstone, payload, time::now_ms())?;
        }
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::Erase,
            Some(kind),
            Some(id),
            None,
        )?;
        tx.commit()?;
        self.checkpoint()?;
        Ok(())
    }

    /// Destroy this device's data (a revoked device): every key and record is
    /// deleted with secure delete, the WAL truncated, then the files removed.
    pub fn wipe(self) -> Result<()> {
        self.conn.execute_batch(
            "BEGIN IMMEDIATE; DELETE FROM keyring; DELETE FROM meta; DELETE FROM records;
             DELETE FROM summaries; DELETE FROM outbox; DELETE FROM audit; DELETE FROM sync_state;
             DELETE FROM record_sync;
             COMMIT;",
        )?;
        self.checkpoint()?;
        let home = self.home.clone();
        drop(self);
        for suffix in ["", "-wal", "-shm"] {
            let path = home.join(format!("{DB_FILE}{suffix}"));
            if path.exists() {
                std::fs::remove_file(path)?;
            }
        }
        Ok(())
    }

    /// Copy every WAL frame into the database and truncate the WAL to zero bytes.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Apply a whole import in one transaction: either every item is applied or, if
    /// any item fails, none is and every failing item is reported.
    pub fn import(
        &mut self,
        kind: Kind,
        items: &[ImportItem],
    ) -> Result<Vec<RecordId>, Vec<ItemError>> {
        let fail = |e: StoreError| {
            vec![ItemError {
                index: usize::MAX,
                code: e.code(),
                problems: Vec::new(),
            }]
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| fail(e.into()))?;
        let mut ids = Vec::with_capacity(items.len());
        let mut errors = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let result = match item {
                ImportItem::Create(fields) => {
                    create_in(&tx, &self.keys, &self.device_id, kind, fields)
                }
                ImportItem::Patch(id, patch) => {
                    edit_in(&tx, &self.keys, &self.device_id, id, Some(kind), patch).map(|()| *id)
                }
            };
            match result {
                Ok(id) => ids.push(id),
                Err(StoreError::Invalid(problems)) => errors.push(ItemError {
                    index,
                    code: "invalid",
                    problems,
                }),
                Err(e) => errors.push(ItemError {
                    index,
                    code: e.code(),
                    problems: Vec::new(),
                }),
            }
        }
        if !errors.is_empty() {
            // Dropping the transaction rolls it back: nothing of the file is imported.
            return Err(errors);
        }
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(ids)
    }

    /// Record an export (reports) in the audit log; `detail` names what was exported
    /// (period, format), never record content.
    pub fn audit_export(&mut self, detail: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        audit::append(
            &tx,
            &self.keys.audit,
            AuditAction::Export,
            None,
            None,
            Some(detail),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Decrypt the audit log after verifying its hash chain end to end.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        audit::read_verified(&self.conn, &self.keys.audit)
    }

    /// Number of Automerge changes waiting for sync.
    pub fn outbox_len(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM outbox", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Drop output-only keys a client may have copied from a shown record.
fn strip_output_keys(fields: &Value) -> Value {
    let mut fields = fields.clone();
    if let Value::Object(map) = &mut fields {
        for key in OUTPUT_ONLY_KEYS {
            map.remove(*key);
        }
    }
    fields
}

fn validate(kind: Kind, value: &Value) -> Result<()> {
    ponte_model::validate::validate(kind, value).map_err(StoreError::Invalid)
}

/// An edit is refused only for problems it introduces. Merging two devices' valid
/// edits can make a record invalid (one closes the case with a reason while the other
/// reopens it; one withdraws a consent while the other refers on it); such a record
/// must stay editable, so that someone can fix it and edit everything else meanwhile.
fn validate_edit(kind: Kind, before: &Value, after: &Value) -> Result<()> {
    let Err(problems) = ponte_model::validate::validate(kind, after) else {
        return Ok(());
    };
    let existing = ponte_model::validate::validate(kind, before)
        .err()
        .unwrap_or_default();
    let new: Vec<_> = problems
        .into_iter()
        .filter(|p| !existing.contains(p))
        .collect();
    if new.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(new))
    }
}

fn create_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    kind: Kind,
    fields: &Value,
) -> Result<RecordId> {
    let mut fields = strip_output_keys(fields);
    if !fields.is_object() {
        return Err(StoreError::Invalid(vec![ponte_model::ValidationError {
            code: ponte_model::ErrorCode::NotAnObject,
            path: String::new(),
        }]));
    }
    let now = time::now_ms();
    if let (Kind::Person, Value::Object(map)) = (kind, &mut fields) {
        map.entry("created")
            .or_insert_with(|| Value::String(time::date_of(now)));
    }
    validate(kind, &fields)?;
    let id = RecordId::generate()?;
    let team = keys.current_team()?;
    let record_aad = crypto::record_aad(&id.0, kind.as_u8(), team.epoch);
    let data_key = SecretKey::generate()?;
    let wrapped = crypto::wrap_key(team.key(), &record_aad, &data_key)?;
    let mut doc = RecordDoc::with_containers(device, ponte_model::containers(kind), &fields)?;
    let change = doc.take_change();
    let body = crypto::seal(&data_key, &record_aad, &doc.save())?;
    let summary = seal_summary(keys, &id, kind, &doc.to_json())?;
    tx.execute(
        "INSERT INTO records(id, kind, epoch, created, updated, wrapped_key, body)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
        params![&id.0, kind.as_u8(), team.epoch, now, wrapped, body],
    )?;
    tx.execute(
        "INSERT INTO summaries(id, kind, updated, summary) VALUES (?1, ?2, ?3, ?4)",
        params![&id.0, kind.as_u8(), now, summary],
    )?;
    let key_entry = sync::key_entry(team, &id, kind, &data_key)?;
    sync::push_entry(tx, &id, sync::EntryKind::Key, &key_entry, now)?;
    push_change(tx, &data_key, &id, kind, team.epoch, &change, now)?;
    audit::append(
        tx,
        &keys.audit,
        AuditAction::Create,
        Some(kind),
        Some(&id),
        None,
    )?;
    Ok(id)
}

fn seal_summary(keys: &Keys, id: &RecordId, kind: Kind, json: &Value) -> Result<Vec<u8>> {
    let summary = ponte_model::summary::summarize(kind, json);
    let plain = Zeroizing::new(serde_json::to_vec(&summary).map_err(|_| StoreError::Corrupt)?);
    Ok(crypto::seal(&keys.index, &summary_aad(id, kind), &plain)?)
}

fn push_change(
    tx: &Connection,
    data_key: &SecretKey,
    id: &RecordId,
    kind: Kind,
    epoch: u32,
    change: &[u8],
    now: i64,
) -> Result<()> {
    if change.is_empty() {
        return Ok(());
    }
    let sealed = crypto::seal(data_key, &change_aad(id, kind, epoch), change)?;
    sync::push_entry(tx, id, sync::EntryKind::Change, &sealed, now)
}

pub(crate) struct Loaded {
    kind: Kind,
    epoch: u32,
    doc: RecordDoc,
    created_ms: i64,
    updated_ms: i64,
}

/// A record's row as stored: sealed, not yet opened.
pub(crate) struct RecordRow {
    kind: u8,
    epoch: u32,
    wrapped: Vec<u8>,
    body: Vec<u8>,
    created_ms: i64,
    updated_ms: i64,
}

/// The columns [`RecordRow::from_sql`] reads, in its order, as a literal for
/// `concat!` (the statements stay constant strings, prepared once).
macro_rules! record_row_columns {
    () => {
        "kind, epoch, wrapped_key, body, created, updated"
    };
}
pub(crate) use record_row_columns;

impl RecordRow {
    /// The record's kind, if the stored code is one.
    pub(crate) fn kind(&self) -> Option<Kind> {
        Kind::from_u8(self.kind)
    }

    /// A row selected with [`record_row_columns`] starting at column `at`.
    pub(crate) fn from_sql(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<RecordRow> {
        Ok(RecordRow {
            kind: r.get(at)?,
            epoch: r.get(at + 1)?,
            wrapped: r.get(at + 2)?,
            body: r.get(at + 3)?,
            created_ms: r.get(at + 4)?,
            updated_ms: r.get(at + 5)?,
        })
    }
}

/// Reads a record's sealed row (`None` if there is no such record).
pub(crate) fn read_row(tx: &Connection, id: &RecordId) -> Result<Option<RecordRow>> {
    Ok(tx
        .prepare_cached(concat!(
            "SELECT ",
            record_row_columns!(),
            " FROM records WHERE id = ?1"
        ))?
        .query_row([&id.0], |r| RecordRow::from_sql(r, 0))
        .optional()?)
}

/// Unwraps a row's data key and opens its document (no database access: this is the
/// CPU-bound part of loading, which sync runs on several threads).
pub(crate) fn open_row(
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    row: &RecordRow,
) -> Result<(Loaded, SecretKey)> {
    let kind = row.kind().ok_or(StoreError::Corrupt)?;
    let record_aad = crypto::record_aad(&id.0, kind.as_u8(), row.epoch);
    let data_key = crypto::unwrap_key(keys.team(row.epoch)?.key(), &record_aad, &row.wrapped)?;
    let plain = crypto::open(&data_key, &record_aad, &row.body)?;
    let doc = RecordDoc::load_local(&plain, device)?;
    Ok((
        Loaded {
            kind,
            epoch: row.epoch,
            doc,
            created_ms: row.created_ms,
            updated_ms: row.updated_ms,
        },
        data_key,
    ))
}

fn load_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
) -> Result<(Loaded, SecretKey)> {
    let row = read_row(tx, id)?.ok_or(StoreError::NotFound)?;
    open_row(keys, device, id, &row)
}

fn edit_in(
    tx: &Connection,
    keys: &Keys,
    device: &[u8; 16],
    id: &RecordId,
    expected: Option<Kind>,
    patch: &Value,
) -> Result<()> {
    let patch = strip_output_keys(patch);
    if !patch.is_object() {
        return Err(StoreError::Invalid(vec![ponte_model::ValidationError {
            code: ponte_model::ErrorCode::NotAnObject,
            path: String::new(),
        }]));
    }
    let (mut loaded, data_key) = load_in(tx, keys, device, id)?;
    if expected.is_some_and(|k| k != loaded.kind) {
        return Err(StoreError::WrongKind);
    }
    let current = loaded.doc.to_json();
    let mut merged = current.clone();
    merge_patch(&mut merged, &patch);
    validate_edit(loaded.kind, &current, &merged)?;
    loaded.doc.apply_patch(&patch)?;
    let change = loaded.doc.take_change();
    if change.is_empty() {
        return Ok(());
    }
    let now = time::now_ms();
    let record_aad = crypto::record_aad(&id.0, loaded.kind.as_u8(), loaded.epoch);
    let body = crypto::seal(&data_key, &record_aad, &loaded.doc.save())?;
    let summary = seal_summary(keys, id, loaded.kind, &loaded.doc.to_json())?;
    tx.execute(
        "UPDATE records SET body = ?2, updated = ?3 WHERE id = ?1",
        params![&id.0, body, now],
    )?;
    tx.execute(
        "UPDATE summaries SET summary = ?2, updated = ?3 WHERE id = ?1",
        params![&id.0, summary, now],
    )?;
    push_change(tx, &data_key, id, loaded.kind, loaded.epoch, &change, now)?;
    audit::append(
        tx,
        &keys.audit,
        AuditAction::Edit,
        Some(loaded.kind),
        Some(id),
        None,
    )?;
    Ok(())
}

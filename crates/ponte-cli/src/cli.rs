//! Arguments and the thin glue from each subcommand to `ponte-store`.

use std::io::{BufRead as _, Write as _};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use ponte_model::{Kind, screening::RiskLevel, summary::Query};
use ponte_store::{ImportItem, InitOptions, Listed, RecordId, Store, StoreError};
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::input;
use ponte_sync::team;

/// Run a future on a one-thread runtime: the CLI does one thing at a time.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    match runtime {
        Ok(rt) => rt.block_on(future),
        Err(_) => std::process::exit(70),
    }
}

/// Ponte, headless: an encrypted field device on the command line.
#[derive(Debug, Parser)]
#[command(name = "ponte", version, about)]
pub struct Cli {
    /// Device home directory (holds the encrypted store).
    #[arg(long, env = "PONTE_HOME", global = true)]
    pub home: Option<PathBuf>,
    /// Language of messages (it, en, ...); default from PONTE_LANG, then LANG.
    #[arg(long, env = "PONTE_LANG", global = true)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create this device's encrypted store (passphrase from PONTE_PASSPHRASE or a prompt).
    Init,
    /// People met: intake, screening, referrals, follow-ups.
    #[command(subcommand)]
    Person(RecordCmd),
    /// Outreach sessions at listening points.
    #[command(subcommand)]
    Outreach(RecordCmd),
    /// The referral directory.
    #[command(subcommand)]
    Service(RecordCmd),
    /// Show the audit log after verifying its hash chain.
    Audit,
    /// Run JSON Lines operations from stdin with one unlock; each is committed and
    /// acknowledged on stdout before the next is read.
    Batch,
    /// Create a team on a relay, with this device as its supervisor.
    #[command(subcommand)]
    Team(TeamCmd),
    /// Print a one-time invite code for a new device (supervisor).
    Invite {
        /// Seconds the invite stays valid (default one day).
        #[arg(long, default_value_t = 86_400)]
        ttl_seconds: u64,
        /// Also write the code as a QR code image (PNG) to this file.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Ask to join a team with an invite code.
    Join {
        /// The invite code (ponte1:...).
        code: String,
        /// This device's name, shown to the team.
        #[arg(long)]
        name: String,
    },
    /// Approve devices waiting to join (supervisor): --all, or one device id.
    Approve {
        /// Approve every pending device whose invite checks.
        #[arg(long)]
        all: bool,
        /// The device id to approve.
        device: Option<String>,
    },
    /// Sync with the team's relay; prints a JSON summary.
    Sync,
    /// List the team's devices.
    Devices,
    /// Remove a device from the team and rotate the team key (supervisor).
    Revoke {
        /// The device id.
        device: String,
    },
    /// Write the funder report for a period (small counts suppressed; audited).
    Report(crate::report::ReportArgs),
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Create a team on a relay; this device becomes its supervisor.
    Create {
        /// Team name (kept on this device).
        #[arg(long)]
        name: String,
        /// Relay URL, e.g. `https://relay.example.org` or `http://127.0.0.1:8080`.
        #[arg(long)]
        relay: String,
        /// This device's name, shown to the team.
        #[arg(long, default_value = "supervisor")]
        device_name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RecordCmd {
    /// Add a record from JSON; prints {"id": ...}.
    Add(JsonArg),
    /// Merge-patch a record's fields (RFC 7396).
    Edit {
        /// Record id (32 hex characters).
        id: String,
        #[command(flatten)]
        json: JsonArg,
    },
    /// Show one record as JSON.
    Show {
        /// Record id.
        id: String,
    },
    /// List records (JSON array), optionally filtered.
    List(ListArgs),
    /// Erase a record everywhere on this device (crypto-shredding).
    Erase {
        /// Record id.
        id: String,
    },
    /// Import JSON Lines: one record a line; a line with an "id" patches that record.
    /// All or nothing: a file with any bad line imports nothing.
    Import {
        /// File, or - for stdin.
        #[arg(long)]
        jsonl: String,
    },
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// File, or - for stdin.
    #[arg(long)]
    json: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Words to search for (every word must match).
    #[arg(long)]
    query: Option<String>,
    /// Person status code.
    #[arg(long)]
    status: Option<String>,
    /// Effective risk level (not_screened, low, medium, high).
    #[arg(long)]
    risk: Option<String>,
    /// Listening point code.
    #[arg(long)]
    listening_point: Option<String>,
    /// Nationality (ISO 3166-1 alpha-2).
    #[arg(long)]
    nationality: Option<String>,
}

type Outcome = Result<(), Failure>;

/// Run one parsed command.
pub fn run(cli: Cli) -> Outcome {
    let home = cli.home.clone().unwrap_or_else(default_home);
    match cli.command {
        Command::Init => {
            if Store::exists(&home) {
                return Err(StoreError::AlreadyInitialized.into());
            }
            let pass = input::passphrase(true)?;
            let store = Store::init(&home, &pass, &InitOptions::default())?;
            print_json(&json!({"device": hex(&store.device_id()), "home": home}))
        }
        Command::Person(cmd) => record_cmd(&home, Kind::Person, cmd),
        Command::Outreach(cmd) => record_cmd(&home, Kind::Outreach, cmd),
        Command::Service(cmd) => record_cmd(&home, Kind::Service, cmd),
        Command::Audit => {
            let store = unlock(&home)?;
            let log = store.audit_log()?;
            print_json(&json!({"verified": true, "entries": log}))
        }
        Command::Batch => batch(&home),
        Command::Team(TeamCmd::Create {
            name,
            relay,
            device_name,
        }) => {
            let mut store = unlock(&home)?;
            let state = block_on(team::create(&mut store, &relay, &device_name))?;
            let _ = name;
            print_json(
                &json!({"team": state.team_id, "relay": state.relay, "device": hex(&store.device_id()), "role": "supervisor"}),
            )
        }
        Command::Invite { ttl_seconds, qr } => {
            let mut store = unlock(&home)?;
            let invite = block_on(team::invite(&mut store, ttl_seconds.saturating_mul(1000)))?;
            if let Some(path) = qr {
                crate::qr::write_png(&invite.to_code(), &path)?;
            }
            print_json(
                &json!({"code": invite.to_code().as_str(), "expires": ponte_store::time::date_of(i64::try_from(invite.expires_ms).unwrap_or(0))}),
            )
        }
        Command::Join { code, name } => {
            let invite = ponte_sync::invite::Invite::from_code(&code)?;
            let mut store = unlock(&home)?;
            let state = block_on(team::join(&mut store, &invite, &name))?;
            print_json(
                &json!({"team": state.team_id, "device": hex(&store.device_id()), "status": "waiting-for-approval"}),
            )
        }
        Command::Approve { all, device } => {
            if all == device.is_some() {
                return Err(Failure::msg("usage"));
            }
            let mut store = unlock(&home)?;
            let outcome = block_on(team::approve(&mut store, device.as_deref()))?;
            print_json(&json!({"approvals": outcome}))
        }
        Command::Sync => {
            let mut store = unlock(&home)?;
            match block_on(ponte_sync::engine::sync(&mut store)) {
                Ok(report) => print_json(&serde_json::to_value(report).unwrap_or(Value::Null)),
                Err(ponte_sync::SyncError::Revoked) => {
                    store.wipe()?;
                    Err(ponte_sync::SyncError::Revoked.into())
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Devices => {
            let mut store = unlock(&home)?;
            let devices = block_on(team::devices(&mut store))?;
            let rows: Vec<Value> = devices
                .into_iter()
                .map(|(id, name, supervisor)| json!({"device": id, "name": name, "role": if supervisor { "supervisor" } else { "member" }}))
                .collect();
            print_json(&Value::Array(rows))
        }
        Command::Revoke { device } => {
            let mut store = unlock(&home)?;
            let epoch = block_on(team::revoke(&mut store, &device))?;
            print_json(&json!({"revoked": device, "key_epoch": epoch}))
        }
        Command::Report(args) => {
            let request = crate::report::prepare(args)?;
            crate::report::run(&mut unlock(&home)?, cli.lang.as_deref(), request)
        }
    }
}

fn default_home() -> PathBuf {
    std::env::var_os("HOME").map_or_else(
        || PathBuf::from(".ponte"),
        |h| PathBuf::from(h).join(".ponte"),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unlock(home: &std::path::Path) -> Result<Store, Failure> {
    if !Store::exists(home) {
        return Err(StoreError::NotInitialized.into());
    }
    let pass = input::passphrase(false)?;
    Ok(Store::open(home, &pass)?)
}

fn parse_id(s: &str) -> Result<RecordId, Failure> {
    RecordId::parse(s).ok_or(Failure::msg("bad-id"))
}

fn print_json(value: &Value) -> Outcome {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|_| Failure::msg("write-output"))?;
    writeln!(out).map_err(|_| Failure::msg("write-output"))
}

fn record_cmd(home: &std::path::Path, kind: Kind, cmd: RecordCmd) -> Outcome {
    match cmd {
        RecordCmd::Add(arg) => {
            let value = input::parse_json(&input::read_source(&arg.json)?)?;
            let mut store = unlock(home)?;
            let id = store.create(kind, &value)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        RecordCmd::Edit { id, json } => {
            let id = parse_id(&id)?;
            let patch = input::parse_json(&input::read_source(&json.json)?)?;
            let mut store = unlock(home)?;
            store.edit(&id, Some(kind), &patch)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        RecordCmd::Show { id } => {
            let id = parse_id(&id)?;
            let mut store = unlock(home)?;
            let record = store.get(&id, Some(kind))?;
            print_json(&record.to_output())
        }
        RecordCmd::List(args) => {
            let query = build_query(kind, args)?;
            let store = unlock(home)?;
            let rows: Vec<Value> = store.list(&query)?.iter().map(list_row).collect();
            print_json(&Value::Array(rows))
        }
        RecordCmd::Erase { id } => {
            let id = parse_id(&id)?;
            let mut store = unlock(home)?;
            team::erase(&mut store, &id, Some(kind))?;
            print_json(&json!({"erased": id.to_hex()}))
        }
        RecordCmd::Import { jsonl } => import(home, kind, &jsonl),
    }
}

fn build_query(kind: Kind, args: ListArgs) -> Result<Query, Failure> {
    let risk = match args.risk.as_deref() {
        None => None,
        Some(r) => Some(
            serde_json::from_value::<RiskLevel>(Value::String(r.to_owned()))
                .map_err(|_| Failure::msg("bad-filter"))?,
        ),
    };
    Ok(Query {
        text: args.query,
        kind: Some(kind),
        status: args.status,
        risk,
        listening_point: args.listening_point,
        nationality: args.nationality,
    })
}

fn list_row(item: &Listed) -> Value {
    let s = &item.summary;
    let mut row = json!({
        "id": item.id.to_hex(),
        "title": s.title,
        "updated": ponte_store::time::date_of(item.updated_ms),
    });
    if let Value::Object(map) = &mut row {
        let optional = [
            ("nationality", s.nationality.clone().map(Value::String)),
            ("status", s.status.clone().map(Value::String)),
            (
                "risk",
                s.risk
                    .map(|r| serde_json::to_value(r).unwrap_or(Value::Null)),
            ),
            (
                "listening_point",
                s.listening_point.clone().map(Value::String),
            ),
            ("next_followup", s.next_followup.clone().map(Value::String)),
            ("date", s.date.clone().map(Value::String)),
            ("type", s.service_type.clone().map(Value::String)),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                map.insert(key.into(), v);
            }
        }
        if !s.languages.is_empty() {
            map.insert("languages".into(), json!(s.languages));
        }
    }
    row
}

/// Parse a JSON Lines file into import items; line numbers are 1-based and blank
/// lines are skipped.
fn parse_jsonl(text: &str) -> Result<Vec<(usize, ImportItem)>, Failure> {
    let mut items = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let item_error = |code: &'static str| ponte_store::ItemError {
            index: n,
            code,
            problems: Vec::new(),
        };
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(mut map)) => match map.remove("id") {
                None => items.push((line_no, ImportItem::Create(Value::Object(map)))),
                Some(Value::String(id)) => match RecordId::parse(&id) {
                    Some(id) => items.push((line_no, ImportItem::Patch(id, Value::Object(map)))),
                    None => bad.push((line_no, item_error("bad-id"))),
                },
                Some(_) => bad.push((line_no, item_error("bad-id"))),
            },
            Ok(_) => bad.push((line_no, item_error("not-an-object"))),
            Err(_) => bad.push((line_no, item_error("bad-json-line"))),
        }
    }
    if bad.is_empty() {
        Ok(items)
    } else {
        Err(Failure::Import(bad))
    }
}

fn import(home: &std::path::Path, kind: Kind, source: &str) -> Outcome {
    let items = parse_jsonl(&input::read_source(source)?)?;
    let mut store = unlock(home)?;
    let (lines, items): (Vec<usize>, Vec<ImportItem>) = items.into_iter().unzip();
    match store.import(kind, &items) {
        Ok(ids) => {
            let created = items
                .iter()
                .filter(|i| matches!(i, ImportItem::Create(_)))
                .count();
            print_json(&json!({
                "imported": ids.len(),
                "created": created,
                "patched": ids.len() - created,
                "ids": ids.iter().map(RecordId::to_hex).collect::<Vec<_>>(),
            }))
        }
        Err(errors) => Err(Failure::Import(
            errors
                .into_iter()
                .map(|e| (lines.get(e.index).copied().unwrap_or(0), e))
                .collect(),
        )),
    }
}

/// One line of `ponte batch`.
#[derive(serde::Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
enum BatchOp {
    Add { kind: String, record: Value },
    Edit { id: String, patch: Value },
    Erase { id: String },
}

fn batch(home: &std::path::Path) -> Outcome {
    let mut store = unlock(home)?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|_| Failure::msg("read-input"))?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match run_batch_op(&mut store, &line) {
            Ok(id) => json!({"line": n + 1, "ok": true, "id": id.to_hex()}),
            Err(code) => json!({"line": n + 1, "ok": false, "code": code}),
        };
        // The acknowledgement is written only after the commit returned.
        writeln!(out, "{reply}").map_err(|_| Failure::msg("write-output"))?;
        out.flush().map_err(|_| Failure::msg("write-output"))?;
    }
    Ok(())
}

fn run_batch_op(store: &mut Store, line: &str) -> Result<RecordId, String> {
    let op: BatchOp = serde_json::from_str(line).map_err(|_| "bad-json-line".to_owned())?;
    let code = |e: StoreError| match e {
        StoreError::Invalid(problems) => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
            format!("invalid:{}", codes.join(","))
        }
        other => other.code().to_owned(),
    };
    match op {
        BatchOp::Add { kind, record } => {
            let kind: Kind = kind.parse().map_err(|_| "bad-kind".to_owned())?;
            store.create(kind, &record).map_err(code)
        }
        BatchOp::Edit { id, patch } => {
            let id = RecordId::parse(&id).ok_or_else(|| "bad-id".to_owned())?;
            store.edit(&id, None, &patch).map_err(code).map(|()| id)
        }
        BatchOp::Erase { id } => {
            let id = RecordId::parse(&id).ok_or_else(|| "bad-id".to_owned())?;
            store.erase(&id, None).map_err(code).map(|()| id)
        }
    }
}

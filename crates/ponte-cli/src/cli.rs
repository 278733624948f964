//! Arguments and the thin glue from each subcommand to `ponte-store`.

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use ponte_device::records::{self, Filter};
use ponte_device::{Failure, hex, session, team};
use ponte_model::Kind;
use ponte_store::{Listed, RecordId, Store};
use serde_json::{Value, json};

use crate::input;

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

/// A recovery kit made by this command: its QR written where asked, then handed out
/// (printed on standard output by the caller), so the device forgets it. Answers the
/// code.
fn hand_out_kit(
    store: &mut Store,
    kit: &team::RecoveryKit,
    qr: Option<&Path>,
) -> Result<String, Failure> {
    if let Some(path) = qr {
        let png = ponte_device::qr::png(&kit.code)?;
        ponte_device::qr::write_private(path, &png)?;
    }
    team::recovery_kit_printed(store)?;
    Ok(kit.code.clone())
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

/// `ponte audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Every device's audit trail, its state (ok, broken, missing) and its entries,
    /// newest first, as JSON (supervisor; audited).
    Review {
        /// Only this device's entries: its id (or a prefix of 4 or more characters) or
        /// its name.
        #[arg(long)]
        device: Option<String>,
        /// Only the entries about this record (its id).
        #[arg(long)]
        record: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create this device's encrypted store (passphrase from PONTE_PASSPHRASE or a prompt).
    Init,
    /// People met: intake, screening, referrals, follow-ups.
    #[command(subcommand)]
    Person(RecordCmd),
    /// Outreach sessions at listening points, their tally, members and group sessions.
    #[command(subcommand)]
    Outreach(crate::outreach::OutreachCmd),
    /// The referral directory.
    #[command(subcommand)]
    Service(RecordCmd),
    /// The team's list of places (listening points, pick-up points...): the record
    /// commands, retire and reinstate.
    #[command(subcommand)]
    Place(crate::contact::PlaceCmd),
    /// Quick contacts: a first meeting in one command, and its intake.
    #[command(subcommand)]
    Contact(crate::contact::ContactCmd),
    /// Show the audit log after verifying its hash chain; `audit review`: the team's
    /// audit trails (supervisor).
    Audit {
        #[command(subcommand)]
        cmd: Option<AuditCmd>,
    },
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
    /// Ask to join a team with an invite code: `-` reads it from stdin (recommended:
    /// an argument is visible to every process of the machine), `--code-file` from a
    /// file.
    Join {
        /// The invite code (ponte1:...), or - to read it from stdin.
        #[arg(required_unless_present = "code_file")]
        code: Option<String>,
        /// Read the invite code from this file.
        #[arg(long, conflicts_with = "code")]
        code_file: Option<PathBuf>,
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
        /// Their role: operator (the default), mediator or supervisor (a deputy).
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
    },
    /// Sync with the team's relay; prints a JSON summary.
    Sync,
    /// This device, its team and role, and the days left on its key lease (null for
    /// the supervisor's device, exempt, or outside a team), as JSON.
    Status,
    /// List the team's devices.
    Devices,
    /// Remove a device from the team and rotate the team key (supervisor).
    Revoke {
        /// The device id.
        device: String,
    },
    /// Write the funder report for a period (small counts suppressed; audited).
    Report(crate::report::ReportArgs),
    /// Programme reports across teams: the coordinator's key, teams' sealed and signed
    /// packages of exact counts, and the combined report with small counts suppressed.
    #[command(subcommand)]
    Programme(crate::programme::ProgrammeCmd),
    /// Referral sheets (PDF, audited) and the referring team they name.
    #[command(subcommand)]
    Referral(crate::referral::ReferralCmd),
    /// Consents: withdraw one.
    #[command(subcommand)]
    Consent(crate::referral::ConsentCmd),
    /// A person's case: taken in charge, goals, closed with a reason, reopened.
    #[command(subcommand)]
    Case(crate::case::CaseCmd),
    /// Follow-ups: done, moved, and what is due (overdue first).
    #[command(subcommand)]
    Followup(crate::case::FollowupCmd),
    /// Destroy this device's store at once: the key first, then every file. No
    /// passphrase, no question.
    Panic,
    /// The duress passphrase: entered at unlock, it destroys this store and opens an
    /// empty one in its place.
    #[command(subcommand)]
    Duress(DuressCmd),
}

#[derive(Debug, Subcommand)]
pub enum DuressCmd {
    /// Set (or replace) the duress passphrase, from PONTE_DURESS_PASSPHRASE or a
    /// prompt; the store's own passphrase from PONTE_PASSPHRASE or a prompt.
    Set,
}

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Create a team on a relay; this device becomes its supervisor.
    Create {
        /// Team name (1 to 80 characters; kept sealed on this device and shown by
        /// `team show` as `team_name`; never sent to the relay).
        #[arg(long)]
        name: String,
        /// Relay URL, e.g. `https://relay.example.org` or `http://127.0.0.1:8080`.
        #[arg(long)]
        relay: String,
        /// This device's name, shown to the team.
        #[arg(long, default_value = "supervisor")]
        device_name: String,
        /// The relay code, if whoever runs the relay gave one (a relay is closed to
        /// new teams unless its operator opened it): `-` reads it from standard input
        /// (recommended). Given as CODE it is visible to every process of the machine,
        /// like any argument.
        #[arg(long, value_name = "CODE|-")]
        relay_code: Option<String>,
        /// Read the relay code from this file.
        #[arg(long, value_name = "FILE", conflicts_with = "relay_code")]
        relay_code_file: Option<PathBuf>,
        /// Also write the recovery kit's QR code to this PNG file (the code itself is
        /// printed): print both for the office safe.
        #[arg(long, value_name = "FILE.png")]
        recovery_qr: Option<PathBuf>,
    },
    /// The team as this device knows it: its role, and every recovery it saw.
    Show,
    /// Give a device a role (supervisor): operator, mediator, or supervisor (a deputy).
    Role {
        /// The device id.
        device: String,
        /// operator, mediator or supervisor.
        role: String,
    },
    /// Hand the supervisor role to another device (supervisor): it becomes supervisor,
    /// this device an operator.
    Handover {
        /// The device id.
        device: String,
    },
    /// Make a new recovery kit (supervisor); the old one stops working. Prints the code.
    RecoveryKit {
        /// Also write its QR code to this PNG file.
        #[arg(long, value_name = "FILE.png")]
        qr: Option<PathBuf>,
    },
    /// Take over the supervisor role with the team's recovery kit, on a device in no
    /// team, when every supervisor device is lost. The kit's code is read from standard
    /// input (or --kit-file); prints the new kit, which replaces the used one.
    Recover {
        /// This device's name, shown to the team.
        #[arg(long)]
        name: String,
        /// Read the kit's code from this file instead of standard input.
        #[arg(long, value_name = "FILE")]
        kit_file: Option<PathBuf>,
        /// Also write the new kit's QR code to this PNG file.
        #[arg(long, value_name = "FILE.png")]
        recovery_qr: Option<PathBuf>,
    },
    /// Show the team settings as JSON; with a flag, change them (supervisor): every
    /// device applies them at its next sync.
    Settings {
        /// Wrong passphrases in a row after which a device erases itself: 5 to 50, or
        /// off.
        #[arg(long, value_name = "N|off")]
        unlock_attempts: Option<String>,
        /// Days without a completed sync after which a device's keys expire: 1 to 365.
        #[arg(long, value_name = "N")]
        lease_days: Option<String>,
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
    /// Keep one value of a field two devices set while apart (listed by `show` under
    /// `conflicts`): the value a device wrote, or another.
    Resolve {
        /// Record id.
        id: String,
        /// The conflict's field path (dotted, as `show` lists it).
        #[arg(long)]
        path: String,
        /// Keep the value this device wrote (its id or its name).
        #[arg(
            long,
            value_name = "DEVICE",
            conflicts_with = "value",
            required_unless_present = "value"
        )]
        value_of: Option<String>,
        /// Write this JSON value instead (null deletes the field).
        #[arg(long, value_name = "JSON")]
        value: Option<String>,
    },
    /// Restrict a record to named team devices (need-to-know; supervisors only): only
    /// they, this device and the team's supervisors can read it. Or lift it.
    Restrict {
        /// Record id.
        id: String,
        /// Devices, by id or by name (as `ponte devices` lists them), comma-separated.
        #[arg(
            long,
            value_name = "DEVICE",
            value_delimiter = ',',
            conflicts_with = "open",
            required_unless_present = "open"
        )]
        to: Vec<String>,
        /// Lift the restriction: the whole team reads the record again.
        #[arg(long)]
        open: bool,
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
    /// Listening point: a place of the team's list (its name or id), or an older
    /// record's label.
    #[arg(long)]
    listening_point: Option<String>,
    /// Nationality (ISO 3166-1 alpha-2).
    #[arg(long)]
    nationality: Option<String>,
}

pub type Outcome = Result<(), Failure>;

/// Run one parsed command.
pub fn run(cli: Cli) -> Outcome {
    let home = cli.home.clone().unwrap_or_else(default_home);
    match cli.command {
        Command::Init => {
            if session::exists(&home) {
                return Err(ponte_store::StoreError::AlreadyInitialized.into());
            }
            let pass = input::passphrase(true)?;
            let store = session::init(&home, &pass)?;
            print_json(&json!({"device": hex(&store.device_id()), "home": home}))
        }
        Command::Person(cmd) => record_cmd(&home, Kind::Person, cmd),
        Command::Outreach(cmd) => crate::outreach::outreach(&home, cmd),
        Command::Service(cmd) => record_cmd(&home, Kind::Service, cmd),
        Command::Place(cmd) => crate::contact::place(&home, cmd),
        Command::Contact(cmd) => crate::contact::contact(&home, cmd),
        Command::Audit { cmd: None } => {
            let store = unlock(&home)?;
            let log = ponte_device::audit_review::own_log(&store)?;
            print_json(&json!({"verified": true, "entries": log}))
        }
        Command::Audit {
            cmd: Some(AuditCmd::Review { device, record }),
        } => {
            let mut store = unlock(&home)?;
            let review = ponte_device::audit_review::review(
                &mut store,
                device.as_deref(),
                record.as_deref(),
            )?;
            print_json(&serde_json::to_value(&review).map_err(|_| Failure::code("write-output"))?)
        }
        Command::Batch => batch(&home),
        Command::Team(TeamCmd::Create {
            name,
            relay,
            device_name,
            relay_code,
            relay_code_file,
            recovery_qr,
        }) => {
            let code = input::relay_code(relay_code.as_deref(), relay_code_file.as_deref())?;
            let code = code.as_ref().map(|c| c.as_str());
            team::check_create(&relay, &device_name, code)?;
            team::check_team_name(&name)?;
            let mut store = unlock(&home)?;
            let (state, kit) = block_on(team::create(&mut store, &relay, &device_name, code))?;
            team::set_team_name(&mut store, &name)?;
            let kit = hand_out_kit(&mut store, &kit, recovery_qr.as_deref())?;
            print_json(
                &json!({"team": state.team_id, "relay": state.relay, "device": hex(&store.device_id()), "role": team::ROLE_SUPERVISOR, "recovery_kit": kit}),
            )
        }
        Command::Team(TeamCmd::Show) => {
            let store = unlock(&home)?;
            let team = team::view(&store).ok_or_else(|| Failure::code("no-team"))?;
            let recoveries: Vec<Value> = team
                .recoveries
                .iter()
                .map(|r| json!({"at": ponte_store::time::date_of(r.at_ms), "at_ms": r.at_ms, "by": r.by, "by_name": r.by_name}))
                .collect();
            print_json(&json!({
                "team": team.team_id,
                "relay": team.relay,
                "device": hex(&store.device_id()),
                "name": team.device_name,
                // The team's name as given to `team create` on this device (never sent).
                "team_name": team::team_name(&store),
                // Empty while waiting for approval, as before roles were typed.
                "role": team.role.map_or("", |r| r.as_str()),
                "approved": team.approved,
                "recoveries": recoveries,
            }))
        }
        Command::Team(TeamCmd::Role { device, role }) => {
            team::check_role(&role)?;
            let mut store = unlock(&home)?;
            block_on(team::set_role(&mut store, &device, &role))?;
            print_json(
                &json!({"device": device.trim().to_ascii_lowercase(), "role": team::role_name(team::check_role(&role)?)}),
            )
        }
        Command::Team(TeamCmd::Handover { device }) => {
            let mut store = unlock(&home)?;
            block_on(team::handover(&mut store, &device))?;
            print_json(
                &json!({"supervisor": device.trim().to_ascii_lowercase(), "role": team::ROLE_OPERATOR}),
            )
        }
        Command::Team(TeamCmd::RecoveryKit { qr }) => {
            let mut store = unlock(&home)?;
            let kit = block_on(team::new_recovery_kit(&mut store))?;
            let kit = hand_out_kit(&mut store, &kit, qr.as_deref())?;
            print_json(&json!({"recovery_kit": kit}))
        }
        Command::Team(TeamCmd::Recover {
            name,
            kit_file,
            recovery_qr,
        }) => {
            let code = input::recovery_kit(kit_file.as_deref())?;
            team::check_recover(&code, &name)?;
            let mut store = unlock(&home)?;
            let (state, kit) = block_on(team::recover(&mut store, &code, &name))?;
            let kit = hand_out_kit(&mut store, &kit, recovery_qr.as_deref())?;
            print_json(
                &json!({"team": state.team_id, "relay": state.relay, "device": hex(&store.device_id()), "role": team::ROLE_SUPERVISOR, "recovery_kit": kit}),
            )
        }
        Command::Team(TeamCmd::Settings {
            unlock_attempts,
            lease_days,
        }) => {
            let change = team::check_settings(unlock_attempts.as_deref(), lease_days.as_deref())?;
            let mut store = unlock(&home)?;
            let settings = block_on(team::settings(&mut store, change))?;
            print_json(&serde_json::to_value(settings).unwrap_or(Value::Null))
        }
        Command::Invite { ttl_seconds, qr } => {
            let mut store = unlock(&home)?;
            let (invite, expires_ms) =
                block_on(team::invite(&mut store, ttl_seconds.saturating_mul(1000)))?;
            if let Some(path) = qr {
                let png = ponte_device::qr::png(&invite.code)?;
                ponte_device::qr::write_private(&path, &png)?;
            }
            print_json(
                &json!({"code": invite.code, "expires": ponte_store::time::date_of(expires_ms)}),
            )
        }
        Command::Join {
            code,
            code_file,
            name,
        } => {
            let code = input::invite_code(code.as_deref(), code_file.as_deref())?;
            team::check_join(&code, &name)?;
            let mut store = unlock(&home)?;
            let state = block_on(team::join(&mut store, &code, &name))?;
            print_json(
                &json!({"team": state.team_id, "device": hex(&store.device_id()), "status": "waiting-for-approval"}),
            )
        }
        Command::Approve { all, device, role } => {
            if all == device.is_some() {
                return Err(Failure::usage());
            }
            role.as_deref().map(team::check_role).transpose()?;
            let mut store = unlock(&home)?;
            let approved = block_on(team::approve(
                &mut store,
                device.as_deref(),
                role.as_deref(),
            ))?;
            let rows: Vec<Value> = approved
                .into_iter()
                .map(|a| json!({"device": a.id, "name": a.name, "approved": a.approved}))
                .collect();
            print_json(&json!({"approvals": rows}))
        }
        Command::Sync => {
            let store = unlock(&home)?;
            let (_, result) = block_on(ponte_device::sync::sync(store));
            print_json(&serde_json::to_value(result?).unwrap_or(Value::Null))
        }
        Command::Status => {
            let store = unlock(&home)?;
            let team = team::view(&store);
            let lease = ponte_device::lease::status(&store);
            print_json(&json!({
                "device": hex(&store.device_id()),
                "team": team.as_ref().map(|t| t.team_id.clone()),
                "role": team.as_ref().and_then(|t| t.role),
                "lease_exempt": lease == ponte_device::lease::Lease::Exempt,
                "lease_days_left": lease.days_left(),
            }))
        }
        Command::Devices => {
            let mut store = unlock(&home)?;
            let devices = block_on(team::devices(&mut store))?;
            let rows: Vec<Value> = devices
                .into_iter()
                .map(|d| {
                    let notices: Vec<Value> = d
                        .notices
                        .iter()
                        .map(|n| json!({"kind": n.kind, "at_ms": n.at_ms}))
                        .collect();
                    json!({"device": d.id, "name": d.name, "role": d.role, "notices": notices})
                })
                .collect();
            print_json(&Value::Array(rows))
        }
        Command::Revoke { device } => {
            let mut store = unlock(&home)?;
            let epoch = block_on(team::revoke(&mut store, &device))?;
            print_json(&json!({"revoked": device, "key_epoch": epoch}))
        }
        Command::Referral(cmd) => crate::referral::referral(&home, cmd),
        Command::Consent(cmd) => crate::referral::consent(&home, cmd),
        Command::Case(cmd) => crate::case::case(&home, cmd),
        Command::Followup(cmd) => crate::case::followup(&home, cmd),
        Command::Report(args) => {
            let request = crate::report::prepare(args)?;
            crate::report::run(&mut unlock(&home)?, cli.lang.as_deref(), request)
        }
        Command::Programme(cmd) => crate::programme::programme(&home, cli.lang.as_deref(), cmd),
        Command::Duress(DuressCmd::Set) => {
            session::check_present(&home)?;
            let duress = input::duress_passphrase()?;
            let mut store = unlock(&home)?;
            session::set_duress(&mut store, &duress)?;
            print_json(&json!({"duress": "set"}))
        }
        Command::Panic => {
            let report = ponte_device::panic::wipe(&home)?;
            print_json(&serde_json::to_value(&report).unwrap_or(Value::Null))?;
            // The key is destroyed either way; a file that could not be unlinked is
            // still a failed wipe for a script.
            if report.wiped {
                Ok(())
            } else {
                Err(Failure::code("io"))
            }
        }
    }
}

fn default_home() -> PathBuf {
    std::env::var_os("HOME").map_or_else(
        || PathBuf::from(".ponte"),
        |h| PathBuf::from(h).join(".ponte"),
    )
}

pub fn unlock(home: &Path) -> Result<Store, Failure> {
    session::check_present(home)?;
    let pass = input::passphrase(false)?;
    session::unlock(home, &pass)
}

/// Print a JSON value, pretty, on stdout.
pub fn print_json(value: &Value) -> Outcome {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|_| Failure::code("write-output"))?;
    writeln!(out).map_err(|_| Failure::code("write-output"))
}

pub fn record_cmd(home: &Path, kind: Kind, cmd: RecordCmd) -> Outcome {
    match cmd {
        RecordCmd::Add(arg) => {
            let value = records::parse_json(&input::read_source(&arg.json)?)?;
            let mut store = unlock(home)?;
            let id = records::create(&mut store, kind, &value)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        RecordCmd::Edit { id, json } => {
            records::parse_id(&id)?;
            let patch = records::parse_json(&input::read_source(&json.json)?)?;
            let mut store = unlock(home)?;
            let id = records::edit(&mut store, &id, Some(kind), &patch)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        RecordCmd::Show { id } => {
            records::parse_id(&id)?;
            let mut store = unlock(home)?;
            print_json(&records::show(&mut store, &id, Some(kind))?)
        }
        RecordCmd::List(args) => {
            let query = records::query(
                kind,
                Filter {
                    text: args.query,
                    status: args.status,
                    risk: args.risk,
                    listening_point: args.listening_point,
                    nationality: args.nationality,
                },
            )?;
            let mut store = unlock(home)?;
            let rows: Vec<Value> = records::list(&mut store, &query)?
                .iter()
                .map(list_row)
                .collect();
            print_json(&Value::Array(rows))
        }
        RecordCmd::Erase { id } => {
            records::parse_id(&id)?;
            let mut store = unlock(home)?;
            let id = records::erase(&mut store, &id, Some(kind))?;
            print_json(&json!({"erased": id.to_hex()}))
        }
        RecordCmd::Resolve {
            id,
            path,
            value_of,
            value,
        } => {
            records::parse_id(&id)?;
            let value = value.as_deref().map(records::parse_json).transpose()?;
            let choice = ponte_device::conflict::Choice::from_parts(value_of, value)?;
            let mut store = unlock(home)?;
            let id = ponte_device::conflict::resolve(&mut store, &id, Some(kind), &path, &choice)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        RecordCmd::Restrict { id, to, open } => {
            records::parse_id(&id)?;
            let mut store = unlock(home)?;
            let to = (!open).then_some(to.as_slice());
            let id = ponte_device::restrict::restrict(&mut store, &id, Some(kind), to)?;
            // The devices that read it (`null`: the whole team), each also with its
            // name in the roster.
            let access = ponte_device::restrict::access(&store, &id)?;
            let ids: Vec<&str> = access.readers.iter().map(|m| m.device.as_str()).collect();
            let restricted_to = access.restricted.then_some(ids);
            print_json(&json!({"id": id.to_hex(), "restricted_to": restricted_to,
                               "readers": access.readers}))
        }
        RecordCmd::Import { jsonl } => {
            let text = input::read_source(&jsonl)?;
            let mut store = unlock(home)?;
            let done = records::import(&mut store, kind, &text)?;
            print_json(&json!({
                "imported": done.ids.len(),
                "created": done.created,
                "patched": done.patched,
                "ids": done.ids.iter().map(RecordId::to_hex).collect::<Vec<_>>(),
            }))
        }
    }
}

/// One line of `list`: id, title, last update, and the summary fields a record has.
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
            ("stage", s.stage.clone().map(Value::String)),
            ("place_id", s.place_id.clone().map(Value::String)),
            ("place_type", s.place_type.clone().map(Value::String)),
            ("retired", s.retired.then_some(Value::Bool(true))),
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

/// `ponte batch`: one unlock, then each JSON line is run and acknowledged on stdout
/// only after its commit returned.
fn batch(home: &Path) -> Outcome {
    let mut store = unlock(home)?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|_| Failure::code("read-input"))?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match records::batch_op(&mut store, &line) {
            Ok(id) => json!({"line": n + 1, "ok": true, "id": id.to_hex()}),
            Err(code) => json!({"line": n + 1, "ok": false, "code": code}),
        };
        writeln!(out, "{reply}").map_err(|_| Failure::code("write-output"))?;
        out.flush().map_err(|_| Failure::code("write-output"))?;
    }
    Ok(())
}

//! `ponte programme`: programme reports across teams. Glue only: arguments and files
//! are read and checked before the passphrase is asked; `ponte_device::programme`
//! holds every rule (who may publish, what a package must be to be kept, how the
//! teams' counts are added up and suppressed, what is audited); then what was written
//! is printed as JSON.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use ponte_device::Failure;
use ponte_device::programme;
use ponte_device::report;
use serde_json::json;

use crate::cli::{print_json, unlock};
use crate::report::ExportArgs;

/// `ponte programme ...`.
#[derive(Debug, Subcommand)]
pub enum ProgrammeCmd {
    /// Make this store (in no team) a programme coordinator, with keys of its own.
    Init {
        /// The programme's name (kept sealed in this store; shown to supervisors).
        #[arg(long)]
        name: String,
    },
    /// Print the coordinator code the teams' supervisors publish to.
    Key {
        /// Also write the code as a QR code image (PNG) to this file.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Print this team's code for the coordinator (a supervisor's device).
    TeamCode {
        /// The team's name as the programme should show it.
        #[arg(long, default_value = "")]
        name: String,
        /// Also write the code as a QR code image (PNG) to this file.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Write the team's exact counts for a period, sealed to the coordinator and
    /// signed by this device (a supervisor's device, a period in which the team
    /// reached at least 5 people; audited).
    Publish {
        /// The coordinator code (ponteprog1:...).
        #[arg(long)]
        coordinator: String,
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day of the period (YYYY-MM-DD), included.
        #[arg(long)]
        to: String,
        /// The package file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Pin a team (its code from `programme team-code`) so its packages are accepted.
    AddTeam {
        /// The team code (ponteteam1:...).
        code: String,
        /// The team's name in the programme's reports (default: the one in the code).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import package files; all are checked first, and nothing is kept if one fails.
    Import {
        /// Package files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The pinned teams and the periods received from each.
    List,
    /// Write the programme's report for a period: the teams' counts added up, small
    /// counts suppressed (audited). A period's first report fixes its packages and
    /// threshold: later reports of it repeat them, and later packages are refused.
    Report {
        #[command(flatten)]
        export: ExportArgs,
        /// Hide counts of people under this number, and the cells that would give
        /// them back (5 to 100; audited).
        #[arg(long, alias = "suppress", default_value_t = report::DEFAULT_THRESHOLD)]
        threshold: u64,
    },
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|_| Failure::code("report-write"))
}

fn write_qr(path: Option<&Path>, code: &str) -> Result<(), Failure> {
    if let Some(path) = path {
        let png = ponte_device::qr::png(code)?;
        std::fs::write(path, png).map_err(|_| Failure::code("write-output"))?;
    }
    Ok(())
}

/// Run one `ponte programme` command.
pub fn programme(home: &Path, lang: Option<&str>, cmd: ProgrammeCmd) -> Result<(), Failure> {
    match cmd {
        ProgrammeCmd::Init { name } => {
            let mut store = unlock(home)?;
            let code = programme::init(&mut store, &name)?;
            print_json(&json!({
                "name": code.name,
                "code": code.encode(),
                "fingerprint": code.fingerprint(),
            }))
        }
        ProgrammeCmd::Key { qr } => {
            let store = unlock(home)?;
            let code = programme::key(&store)?;
            write_qr(qr.as_deref(), &code.encode())?;
            print_json(&json!({
                "name": code.name,
                "code": code.encode(),
                "fingerprint": code.fingerprint(),
            }))
        }
        ProgrammeCmd::TeamCode { name, qr } => {
            let mut store = unlock(home)?;
            let code = programme::team_code(&mut store, &name)?;
            write_qr(qr.as_deref(), &code.encode())?;
            print_json(&json!({"team": code.team, "code": code.encode()}))
        }
        ProgrammeCmd::Publish {
            coordinator,
            from,
            to,
            out,
        } => {
            let request = programme::package_period(&from, &to)?;
            programme::CoordinatorCode::parse(&coordinator)?;
            let mut store = unlock(home)?;
            let package = programme::publish(&mut store, &coordinator, &request)?;
            write(&out, &package.bytes)?;
            print_json(&json!({
                "out": out,
                "team": package.team,
                "period": {"from": request.from.to_string(), "to": request.to.to_string()},
                "coordinator": package.coordinator,
            }))
        }
        ProgrammeCmd::AddTeam { code, name } => {
            programme::TeamCode::parse(&code)?;
            let mut store = unlock(home)?;
            let team = programme::add_team(&mut store, &code, name.as_deref())?;
            print_json(&serde_json::to_value(team).unwrap_or_default())
        }
        ProgrammeCmd::Import { files } => {
            let mut read = Vec::new();
            for path in &files {
                let bytes = programme::read_package(path)?;
                read.push((path.display().to_string(), bytes));
            }
            let mut store = unlock(home)?;
            let done = programme::import(&mut store, &read)?;
            print_json(&json!({"imported": done}))
        }
        ProgrammeCmd::List => {
            let store = unlock(home)?;
            print_json(&serde_json::to_value(programme::list(&store)?).unwrap_or_default())
        }
        ProgrammeCmd::Report { export, threshold } => {
            let (request, font) = export.prepare(threshold)?;
            let mut store = unlock(home)?;
            let tr = crate::report::translator(lang);
            let made = programme::report(&mut store, &request, export.format.into(), &tr, font)?;
            let charts = export.write(&made.body, &made.charts, "programme")?;
            let mut printed = export.printed(&made.published, &charts);
            printed["programme"] = json!(made.published.team);
            printed["teams"] = json!(made.published.teams);
            print_json(&printed)
        }
    }
}

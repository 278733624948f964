//! `ponte programme`: programme reports across teams. Glue only: arguments and files
//! are read and checked before the passphrase is asked; `ponte_device::programme`
//! holds every rule (who may publish, what a package must be to be kept, how the
//! teams' counts are added up and suppressed, what is audited); then what was written
//! is printed as JSON.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use ponte_device::Failure;
use ponte_device::programme;
use ponte_device::report::{self, Request};
use serde_json::json;

use crate::cli::{print_json, unlock};
use crate::report::Format;

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
        /// First day of the period (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Last day of the period (YYYY-MM-DD), included.
        #[arg(long)]
        to: String,
        /// File format.
        #[arg(long, value_enum)]
        format: Format,
        /// File to write.
        #[arg(long)]
        out: PathBuf,
        /// Also draw the charts, as SVG and PNG, into this directory.
        #[arg(long)]
        charts: Option<PathBuf>,
        /// Hide counts of people under this number, and the cells that would give
        /// them back (5 to 100; audited).
        #[arg(long, alias = "suppress", default_value_t = report::DEFAULT_THRESHOLD)]
        threshold: u64,
        /// TrueType/OpenType font for chart text (default: DejaVu Sans from the system).
        #[arg(long)]
        font: Option<PathBuf>,
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
        ProgrammeCmd::Report {
            from,
            to,
            format,
            out,
            charts,
            threshold,
            font,
        } => {
            let request = report::request(&from, &to, threshold)?;
            let font = match (&charts, &font) {
                (None, _) => None,
                (Some(_), Some(path)) => Some(report::read_font(path)?),
                (Some(_), None) => {
                    Some(report::system_font().ok_or(Failure::code("report-no-font"))?)
                }
            };
            let mut store = unlock(home)?;
            run_report(
                &mut store,
                lang,
                &request,
                format,
                &out,
                charts.as_deref(),
                font,
            )
        }
    }
}

fn run_report(
    store: &mut ponte_store::Store,
    lang: Option<&str>,
    request: &Request,
    format: Format,
    out: &Path,
    charts: Option<&Path>,
    font: Option<&'static [u8]>,
) -> Result<(), Failure> {
    let lang = lang
        .map(str::to_owned)
        .or_else(|| std::env::var("LANG").ok());
    let tr = ponte_i18n::Translator::new(lang.as_deref());
    let export = programme::report(store, request, format.into(), &tr, font)?;
    write(out, &export.body)?;
    let mut chart_files = Vec::new();
    if let Some(dir) = charts {
        std::fs::create_dir_all(dir).map_err(|_| Failure::code("report-write"))?;
        for chart in &export.charts {
            for (ext, bytes) in [("svg", chart.svg.as_bytes()), ("png", chart.png.as_slice())] {
                let path = dir.join(format!("programme-{}.{ext}", chart.name));
                write(&path, bytes)?;
                chart_files.push(path);
            }
        }
    }
    let published = &export.published;
    let hidden = published.suppression.as_ref();
    print_json(&json!({
        "out": out,
        "format": report::Format::from(format).as_str(),
        "programme": published.team,
        "period": published.period,
        "teams": published.teams,
        "suppression": {
            "threshold": published.threshold(),
            "primary": hidden.map_or(0, |s| s.primary),
            "complementary": hidden.map_or(0, |s| s.complementary),
        },
        "charts": chart_files,
    }))
}

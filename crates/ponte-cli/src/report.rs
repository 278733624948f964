//! `ponte report`: the funder report for a period, from this device's records.
//!
//! Glue only: parse the arguments, read the font, decrypt the records, let
//! `ponte-report` compute, suppress and render, record the export in the audit log,
//! then write the files. Nothing is written unless the audit entry is committed.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ponte_model::{Date, Kind};
use ponte_report::{Dataset, Input, Params};
use ponte_store::{Store, time};
use serde_json::json;

use crate::failure::Failure;

/// File format of `ponte report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The report structure, codes only; hidden cells are null.
    Json,
    /// One line per cell, codes only; hidden cells are "x".
    Csv,
    /// A workbook: an "About" sheet, then one sheet per breakdown, labels in --lang.
    Xlsx,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Arguments of `ponte report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
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
    /// Hide counts of people under this number, and the cells that would give them
    /// back (0 or 1: hide nothing; the export is audited either way).
    #[arg(long, default_value_t = ponte_report::DEFAULT_THRESHOLD)]
    suppress: u64,
    /// TrueType/OpenType font for chart text (default: DejaVu Sans from the system).
    #[arg(long)]
    font: Option<PathBuf>,
}

/// Checked arguments, before the store is unlocked.
#[derive(Debug)]
pub struct Request {
    from: Date,
    to: Date,
    args: ReportArgs,
    font: Option<&'static [u8]>,
}

/// Where Debian, Fedora and Arch keep DejaVu Sans.
const SYSTEM_FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// Check the arguments and read the font, so that a mistake costs no passphrase.
pub fn prepare(args: ReportArgs) -> Result<Request, Failure> {
    let (Some(from), Some(to)) = (Date::parse(&args.from), Date::parse(&args.to)) else {
        return Err(Failure::msg("report-bad-date"));
    };
    if from > to {
        return Err(Failure::msg(ponte_report::ReportError::BadPeriod.code()));
    }
    let font = match (&args.charts, &args.font) {
        (None, _) => None,
        (Some(_), Some(path)) => Some(read_font(path)?),
        (Some(_), None) => Some(
            SYSTEM_FONTS
                .iter()
                .find_map(|p| read_font(Path::new(p)).ok())
                .ok_or(Failure::msg("report-no-font"))?,
        ),
    };
    Ok(Request {
        from,
        to,
        args,
        font,
    })
}

fn print(value: &serde_json::Value) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|_| Failure::msg("write-output"))?;
    writeln!(out).map_err(|_| Failure::msg("write-output"))
}

/// The font lives as long as the process: plotters keeps fonts in a global table.
fn read_font(path: &Path) -> Result<&'static [u8], Failure> {
    let bytes = std::fs::read(path).map_err(|_| Failure::msg("report-no-font"))?;
    Ok(Box::leak(bytes.into_boxed_slice()))
}

fn report_error(e: &ponte_report::ReportError) -> Failure {
    Failure::msg(e.code())
}

fn date_of(ms: i64) -> Option<Date> {
    Date::parse(&time::date_of(ms))
}

/// Compute, render, audit, write; print what was written.
pub fn run(store: &mut Store, lang: Option<&str>, req: Request) -> Result<(), Failure> {
    let team = ponte_sync::team::state(store)?.map_or_else(|| "local".to_owned(), |t| t.team_id);
    let persons = store
        .records(Kind::Person)?
        .into_iter()
        .map(|r| Input {
            created: date_of(r.created_ms),
            json: r.json,
        })
        .collect();
    let outreach = store
        .records(Kind::Outreach)?
        .into_iter()
        .map(|r| r.json)
        .collect();
    let params = Params {
        from: req.from,
        to: req.to,
        team: team.clone(),
        generated: date_of(time::now_ms()).unwrap_or(req.to),
    };
    let data = Dataset { persons, outreach };
    let published = ponte_report::compute(&data, &params)
        .map_err(|e| report_error(&e))?
        .publish(req.args.suppress);

    let lang = lang
        .map(str::to_owned)
        .or_else(|| std::env::var("LANG").ok());
    let tr = ponte_i18n::Translator::new(lang.as_deref());
    let body = match req.args.format {
        Format::Json => ponte_report::render::to_json(&published),
        Format::Csv => Ok(ponte_report::render::to_csv(&published).into_bytes()),
        Format::Xlsx => ponte_report::render::to_xlsx(&published, &tr),
    }
    .map_err(|e| report_error(&e))?;
    let charts = match req.font {
        Some(font) => {
            ponte_report::chart::charts(&published, &tr, font).map_err(|e| report_error(&e))?
        }
        None => Vec::new(),
    };

    // Who (the device, in the entry), when, which period, how it was protected.
    let detail = format!(
        "report team={team} from={} to={} format={} threshold={} charts={}",
        params.from,
        params.to,
        req.args.format.as_str(),
        published.threshold(),
        charts.len()
    );
    store.audit_export(&detail)?;

    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|_| Failure::msg("report-write"))
    };
    write(&req.args.out, &body)?;
    let mut chart_files = Vec::new();
    if let Some(dir) = &req.args.charts {
        std::fs::create_dir_all(dir).map_err(|_| Failure::msg("report-write"))?;
        for chart in &charts {
            for (ext, bytes) in [("svg", chart.svg.as_bytes()), ("png", chart.png.as_slice())] {
                let path = dir.join(format!("report-{}.{ext}", chart.name));
                write(&path, bytes)?;
                chart_files.push(path);
            }
        }
    }
    let hidden = published.suppression.as_ref();
    print(&json!({
        "out": req.args.out,
        "format": req.args.format.as_str(),
        "team": team,
        "period": published.period,
        "suppression": {
            "threshold": published.threshold(),
            "primary": hidden.map_or(0, |s| s.primary),
            "complementary": hidden.map_or(0, |s| s.complementary),
        },
        "charts": chart_files,
    }))
}

//! `ponte report`: the funder report for a period. Glue only: the arguments are checked
//! and the font read before the passphrase is asked; `ponte_device::report` computes,
//! suppresses, renders and audits (the same rules as the app's Reports screen); then
//! the files are written and what was written is printed.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ponte_device::Failure;
use ponte_device::report::{self, Request};
use ponte_store::Store;
use serde_json::json;

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

impl From<Format> for report::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Json => report::Format::Json,
            Format::Csv => report::Format::Csv,
            Format::Xlsx => report::Format::Xlsx,
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
    /// back (5 to 100, as the app's 5 at least; the export is audited with it).
    #[arg(long, default_value_t = report::DEFAULT_THRESHOLD)]
    suppress: u64,
    /// TrueType/OpenType font for chart text (default: DejaVu Sans from the system).
    #[arg(long)]
    font: Option<PathBuf>,
}

/// Checked arguments, before the store is unlocked.
#[derive(Debug)]
pub struct Prepared {
    request: Request,
    args: ReportArgs,
    font: Option<&'static [u8]>,
}

/// Check the arguments and read the font, so that a mistake costs no passphrase.
pub fn prepare(args: ReportArgs) -> Result<Prepared, Failure> {
    let request = report::request(&args.from, &args.to, args.suppress)?;
    let font = match (&args.charts, &args.font) {
        (None, _) => None,
        (Some(_), Some(path)) => Some(report::read_font(path)?),
        (Some(_), None) => Some(report::system_font().ok_or(Failure::code("report-no-font"))?),
    };
    Ok(Prepared {
        request,
        args,
        font,
    })
}

/// Let the device make the report, then write the files; print what was written.
pub fn run(store: &mut Store, lang: Option<&str>, prepared: Prepared) -> Result<(), Failure> {
    let Prepared {
        request,
        args,
        font,
    } = prepared;
    let lang = lang
        .map(str::to_owned)
        .or_else(|| std::env::var("LANG").ok());
    let tr = ponte_i18n::Translator::new(lang.as_deref());
    let export = report::export(store, &request, args.format.into(), &tr, font)?;

    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|_| Failure::code("report-write"))
    };
    write(&args.out, &export.body)?;
    let mut chart_files = Vec::new();
    if let Some(dir) = &args.charts {
        std::fs::create_dir_all(dir).map_err(|_| Failure::code("report-write"))?;
        for chart in &export.charts {
            for (ext, bytes) in [("svg", chart.svg.as_bytes()), ("png", chart.png.as_slice())] {
                let path = dir.join(format!("report-{}.{ext}", chart.name));
                write(&path, bytes)?;
                chart_files.push(path);
            }
        }
    }
    let published = &export.published;
    let hidden = published.suppression.as_ref();
    crate::cli::print_json(&json!({
        "out": args.out,
        "format": report::Format::from(args.format).as_str(),
        "team": export.team,
        "period": published.period,
        "suppression": {
            "threshold": published.threshold(),
            "primary": hidden.map_or(0, |s| s.primary),
            "complementary": hidden.map_or(0, |s| s.complementary),
        },
        "charts": chart_files,
    }))
}

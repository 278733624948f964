//! `ponte report`: the funder report for a period. Glue only: the arguments are checked
//! and the font read before the passphrase is asked; `ponte_device::report` computes,
//! suppresses, renders and audits (the same rules as the app's Reports screen); then
//! the files are written and what was written is printed. The period, file and chart
//! arguments ([`ExportArgs`]) are `ponte programme report`'s too.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ponte_device::Failure;
use ponte_device::report::{self, Chart, Published, Request};
use ponte_store::Store;
use serde_json::{Value, json};

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

/// The period, the file and the charts of a report: `ponte report` and `ponte
/// programme report` alike.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: String,
    /// Last day of the period (YYYY-MM-DD), included.
    #[arg(long)]
    pub to: String,
    /// File format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// File to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Also draw the charts, as SVG and PNG, into this directory.
    #[arg(long)]
    pub charts: Option<PathBuf>,
    /// TrueType/OpenType font for chart text (default: DejaVu Sans from the system).
    #[arg(long)]
    pub font: Option<PathBuf>,
}

impl ExportArgs {
    /// The request at `threshold` and the charts' font, checked and read before the
    /// passphrase is asked, so that a mistake costs no unlock.
    pub fn prepare(&self, threshold: u64) -> Result<(Request, Option<&'static [u8]>), Failure> {
        let request = report::request(&self.from, &self.to, threshold)?;
        let font = report::chart_font(self.charts.is_some(), self.font.as_deref())?;
        Ok((request, font))
    }

    /// Write the file and the charts (`<prefix>-<chart>.svg` and `.png`); the chart
    /// files written.
    pub fn write(
        &self,
        body: &[u8],
        charts: &[Chart],
        prefix: &str,
    ) -> Result<Vec<PathBuf>, Failure> {
        let write = |path: &Path, bytes: &[u8]| {
            std::fs::write(path, bytes).map_err(|_| Failure::code("report-write"))
        };
        write(&self.out, body)?;
        let mut files = Vec::new();
        if let Some(dir) = &self.charts {
            std::fs::create_dir_all(dir).map_err(|_| Failure::code("report-write"))?;
            for chart in charts {
                for (ext, bytes) in [("svg", chart.svg.as_bytes()), ("png", chart.png.as_slice())] {
                    let path = dir.join(format!("{prefix}-{}.{ext}", chart.name));
                    write(&path, bytes)?;
                    files.push(path);
                }
            }
        }
        Ok(files)
    }

    /// What `ponte report` and `ponte programme report` print besides their own keys.
    pub fn printed(&self, published: &Published, charts: &[PathBuf]) -> Value {
        let hidden = published.suppression.as_ref();
        json!({
            "out": self.out,
            "format": report::Format::from(self.format).as_str(),
            "period": published.period,
            "suppression": {
                "threshold": published.threshold(),
                "primary": hidden.map_or(0, |s| s.primary),
                "complementary": hidden.map_or(0, |s| s.complementary),
            },
            "charts": charts,
        })
    }
}

/// The translator of the report's labels: `--lang`, else `LANG`.
pub fn translator(lang: Option<&str>) -> ponte_i18n::Translator {
    let lang = lang
        .map(str::to_owned)
        .or_else(|| std::env::var("LANG").ok());
    ponte_i18n::Translator::new(lang.as_deref())
}

/// Arguments of `ponte report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    export: ExportArgs,
    /// Hide counts of people under this number, and the cells that would give them
    /// back (5 to 100, as the app's 5 at least; the export is audited with it).
    #[arg(long, default_value_t = report::DEFAULT_THRESHOLD)]
    suppress: u64,
}

/// Checked arguments, before the store is unlocked.
#[derive(Debug)]
pub struct Prepared {
    request: Request,
    export: ExportArgs,
    font: Option<&'static [u8]>,
}

/// Check the arguments and read the font, so that a mistake costs no passphrase.
pub fn prepare(args: ReportArgs) -> Result<Prepared, Failure> {
    let (request, font) = args.export.prepare(args.suppress)?;
    Ok(Prepared {
        request,
        export: args.export,
        font,
    })
}

/// Let the device make the report, then write the files; print what was written.
pub fn run(store: &mut Store, lang: Option<&str>, prepared: Prepared) -> Result<(), Failure> {
    let Prepared {
        request,
        export: args,
        font,
    } = prepared;
    let tr = translator(lang);
    let export = report::export(store, &request, args.format.into(), &tr, font)?;
    let charts = args.write(&export.body, &export.charts, "report")?;
    let mut printed = args.printed(&export.published, &charts);
    printed["team"] = json!(export.team);
    crate::cli::print_json(&printed)
}

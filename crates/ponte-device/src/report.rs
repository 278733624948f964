//! The funder report, the one way both front ends make it: only the supervisor's
//! device (or a device outside any team) may; the period and the suppression threshold
//! are checked before anything is decrypted; counts are computed on the device and
//! suppressed before anything is rendered; the audit entry (team, period, format,
//! threshold, charts) is committed before a byte is handed back to be shown or
//! written.

use std::path::Path;
use std::sync::OnceLock;

use base64::Engine as _;
use ponte_i18n::Translator;
use ponte_ipc::{ReportTable, ReportView};
use ponte_model::{Date, Kind};
use ponte_report::labels::Labels;
use ponte_report::{Cell, Dataset, Input, Params, ReportError};

/// A chart (SVG and PNG) and what a report holds, as both front ends write them.
pub use ponte_report::{Published, chart::Chart};
use ponte_store::{Store, time};

use crate::failure::{REPORT_BAD_DATE, REPORT_BAD_THRESHOLD, REPORT_NO_FONT};
use crate::{Failure, Result};

/// The format name of a report shown on the Reports screen, in its audit entry.
pub(crate) const SCREEN: &str = "screen";

/// The threshold unless the supervisor chooses another: counts under 5 are hidden.
pub const DEFAULT_THRESHOLD: u64 = ponte_report::DEFAULT_THRESHOLD;
/// The lowest threshold accepted, for one team's report and a programme's alike: the
/// Reports screen's 5. A count of 2 to 4 people of one nationality at one pick-up
/// point can name them in a small community, and a file leaves the device; the
/// supervisor's own analysis needs no file, as the device shows every record.
pub const MIN_THRESHOLD: u64 = 5;
/// The highest threshold accepted.
pub const MAX_THRESHOLD: u64 = 100;

/// A threshold under [`MIN_THRESHOLD`] was asked for.
pub const LOW_THRESHOLD: &str = "report-low-threshold";

/// A period's day outside the years records may hold (`Date::in_supported_range`):
/// `$first` and `$last` the first and last year a period may cover.
pub const PERIOD_RANGE: &str = "report-period-range";

/// Every code of this module beside the crate's shared ones.
pub const CODES: &[&str] = &[LOW_THRESHOLD, PERIOD_RANGE];

/// The file a report is written as (on the Reports screen it is shown instead: its
/// audit entry says `format=screen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The report structure, codes only; hidden cells are null.
    Json,
    /// One line per cell, codes only; hidden cells are "x".
    Csv,
    /// A workbook labelled in the reader's language.
    Xlsx,
}

impl Format {
    /// Its name in the audit log and in the CLI's answer.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// A checked report request. Only [`request`] makes one, so its threshold is never
/// under [`MIN_THRESHOLD`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
    /// Counts of people under this are hidden (with the cells that would give them
    /// back).
    threshold: u64,
}

impl Request {
    /// Counts of people under this are hidden.
    pub fn threshold(&self) -> u64 {
        self.threshold
    }
}

/// Check a period (`YYYY-MM-DD`, both days included) and a threshold
/// ([`MIN_THRESHOLD`] to [`MAX_THRESHOLD`]).
pub fn request(from: &str, to: &str, threshold: u64) -> Result<Request> {
    let (from, to) = period(from, to)?;
    if threshold < MIN_THRESHOLD {
        return Err(Failure::with_args(
            LOW_THRESHOLD,
            &[("min", MIN_THRESHOLD.to_string())],
        ));
    }
    if threshold > MAX_THRESHOLD {
        return Err(Failure::with_args(
            REPORT_BAD_THRESHOLD,
            &[("max", MAX_THRESHOLD.to_string())],
        ));
    }
    Ok(Request {
        from,
        to,
        threshold,
    })
}

/// Check a period: two days (`YYYY-MM-DD`) within the years records may hold
/// ([`PERIOD_RANGE`]), the first not after the last.
pub(crate) fn period(from: &str, to: &str) -> Result<(Date, Date)> {
    let (Some(from), Some(to)) = (Date::parse(from.trim()), Date::parse(to.trim())) else {
        return Err(Failure::code(REPORT_BAD_DATE));
    };
    if !from.in_supported_range() || !to.in_supported_range() {
        return Err(Failure::with_args(
            PERIOD_RANGE,
            &[
                ("first", Date::MIN_YEAR.to_string()),
                ("last", Date::MAX_YEAR.to_string()),
            ],
        ));
    }
    if from > to {
        return Err(ReportError::BadPeriod.into());
    }
    Ok((from, to))
}

/// A report ready to be written: the rendered file, the charts, and what they hold.
#[derive(Debug)]
pub struct Export {
    /// The team the report is about (`local` outside a team).
    pub team: String,
    /// The suppressed report.
    pub published: Published,
    /// The file's bytes.
    pub body: Vec<u8>,
    /// The charts (SVG and PNG), when a font was given.
    pub charts: Vec<Chart>,
}

pub(crate) fn date_of(ms: i64) -> Option<Date> {
    Date::parse(&time::date_of(ms))
}

/// Compute and suppress the report of `req` from this device's records. A team
/// member's device is refused, and the refusal is in its audit log.
fn publish(store: &mut Store, req: &Request, format: &str) -> Result<(String, Published)> {
    let team = ponte_sync::team::state(store)?;
    crate::roles::require(
        store,
        crate::roles::Action::ExportReport,
        &format!(
            "team={} from={} to={} format={format}",
            team.as_ref().map_or("local", |t| t.team_id.as_str()),
            req.from,
            req.to
        ),
    )?;
    let team = team.map_or_else(|| "local".to_owned(), |t| t.team_id);
    let published = exact(store, req, &team)?.publish(req.threshold);
    Ok((team, published))
}

/// The exact counts of `req` over this device's records, for `team`: what
/// [`export`] suppresses, and what a supervisor hands sealed to a programme
/// ([`crate::programme`]). The caller applies the supervisor rule.
pub(crate) fn exact(store: &Store, req: &Request, team: &str) -> Result<ponte_report::Report> {
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
    // The team's places, so that records naming one by id are grouped under its name.
    let places = store
        .records(Kind::Place)?
        .into_iter()
        .filter_map(|r| {
            Some((
                r.id.to_hex(),
                ponte_model::record::str_at(&r.json, "name")?.to_owned(),
            ))
        })
        .collect();
    let params = Params {
        from: req.from,
        to: req.to,
        team: team.to_owned(),
        generated: date_of(time::now_ms()).unwrap_or(req.to),
    };
    Ok(ponte_report::compute(
        &Dataset {
            persons,
            outreach,
            places,
        },
        &params,
    )?)
}

/// Who (the device, in the entry), when, which team and period, which format, how it
/// was protected: the one audit text of every report.
fn audit(
    store: &mut Store,
    team: &str,
    req: &Request,
    format: &str,
    published: &Published,
    charts: usize,
) -> Result<()> {
    store.audit_export(&format!(
        "report team={team} from={} to={} format={format} threshold={} charts={charts}",
        req.from,
        req.to,
        published.threshold()
    ))?;
    Ok(())
}

/// The report of `req` as a file in `format` (labels in `tr`'s language for XLSX and
/// charts), with the charts when `font` is given; audited before it is returned.
pub fn export(
    store: &mut Store,
    req: &Request,
    format: Format,
    tr: &Translator,
    font: Option<&'static [u8]>,
) -> Result<Export> {
    let (team, published) = publish(store, req, format.as_str())?;
    let (body, charts) = render(&published, format, tr, font)?;
    audit(store, &team, req, format.as_str(), &published, charts.len())?;
    Ok(Export {
        team,
        published,
        body,
        charts,
    })
}

/// A published report as a file in `format`, and its charts when `font` is given.
pub(crate) fn render(
    published: &Published,
    format: Format,
    tr: &Translator,
    font: Option<&'static [u8]>,
) -> Result<(Vec<u8>, Vec<Chart>)> {
    let body = match format {
        Format::Json => ponte_report::render::to_json(published)?,
        Format::Csv => ponte_report::render::to_csv(published).into_bytes(),
        Format::Xlsx => ponte_report::render::to_xlsx(published, tr)?,
    };
    let charts = match font {
        Some(font) => ponte_report::chart::charts(published, tr, font)?,
        None => Vec::new(),
    };
    Ok((body, charts))
}

fn cell(c: Cell) -> String {
    c.count().map_or_else(|| "x".to_owned(), |n| n.to_string())
}

/// The report of `req` labelled in `locale` for the Reports screen, its charts as SVG
/// `data:` URLs (shown in `<img>`, so nothing in them can run); audited.
pub fn view(store: &mut Store, req: &Request, locale: &str) -> Result<ReportView> {
    let (team, published) = publish(store, req, SCREEN)?;
    let tr = Translator::with_isolation(Some(locale), true);
    let charts = screen_charts(&published, &tr);
    audit(store, &team, req, SCREEN, &published, charts.len())?;
    Ok(labelled(&published, &tr, charts))
}

/// A published report labelled by `tr` for a screen, with its `charts`.
pub(crate) fn labelled(
    published: &Published,
    tr: &Translator,
    charts: Vec<(String, String)>,
) -> ReportView {
    let labels = Labels::new(tr);
    let report = published.report();
    let tables = report
        .tables
        .iter()
        .map(|t| ReportTable {
            id: t.id.clone(),
            title: labels.table(&t.id),
            columns: t
                .columns
                .iter()
                .map(|c| labels.category(&t.dimension, c))
                .collect(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    (
                        labels.indicator(&r.indicator),
                        r.cells.iter().map(|c| cell(*c)).collect(),
                        r.total.map(cell).unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .collect();
    let hidden = report
        .suppression
        .as_ref()
        .map_or(0, |s| s.primary + s.complementary);
    ReportView {
        from: report.period.from.clone(),
        to: report.period.to.clone(),
        threshold: published.threshold(),
        hidden,
        tables,
        charts,
    }
}

/// The charts of a published report for a screen (drawn on the screen's narrower
/// canvas, `ponte_report::chart::screen_charts`): SVG `data:` URLs with their titles
/// (none when the system has no font to lay them out).
pub(crate) fn screen_charts(published: &Published, tr: &Translator) -> Vec<(String, String)> {
    let Some(font) = system_font() else {
        return Vec::new();
    };
    let Ok(charts) = ponte_report::chart::screen_charts(published, tr, font) else {
        return Vec::new();
    };
    charts
        .into_iter()
        .map(|(name, svg)| {
            let title = match name {
                "people-reached-per-month" => tr.t("report-chart-reached-title", &[]),
                "referrals-by-destination" => tr.t("report-chart-referrals-title", &[]),
                _ => tr.t("report-chart-prevalence-title", &[]),
            };
            let data = base64::engine::general_purpose::STANDARD.encode(svg.as_bytes());
            (title, format!("data:image/svg+xml;base64,{data}"))
        })
        .collect()
}

/// Where Debian, Fedora and Arch keep DejaVu Sans, which lays out the charts' text.
const SYSTEM_FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// The system's chart font, read once for the life of the process (plotters keeps
/// fonts in a global table, so a font must live as long as the process).
pub fn system_font() -> Option<&'static [u8]> {
    static FONT: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    *FONT.get_or_init(|| {
        SYSTEM_FONTS
            .iter()
            .find_map(|p| read_font(Path::new(p)).ok())
    })
}

/// The font charts are drawn with: none when no charts are asked for, else the file
/// given or the system's (`report-no-font` when there is none). Read before the
/// passphrase is asked, so that a missing font costs no unlock.
pub fn chart_font(charts: bool, path: Option<&Path>) -> Result<Option<&'static [u8]>> {
    match (charts, path) {
        (false, _) => Ok(None),
        (true, Some(path)) => read_font(path).map(Some),
        (true, None) => system_font().map(Some).ok_or(Failure::code(REPORT_NO_FONT)),
    }
}

/// A font file, kept for the life of the process.
pub fn read_font(path: &Path) -> Result<&'static [u8]> {
    let bytes = std::fs::read(path).map_err(|_| Failure::code(REPORT_NO_FONT))?;
    Ok(Box::leak(bytes.into_boxed_slice()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_thresholds_are_checked_before_anything_else() {
        assert_eq!(
            request("2026-13-01", "2026-12-31", 5)
                .unwrap_err()
                .as_code(),
            "report-bad-date"
        );
        assert_eq!(
            request("2026-02-01", "2026-01-31", 5)
                .unwrap_err()
                .as_code(),
            "report-bad-period"
        );
        for (from, to) in [
            ("0001-01-01", "9999-12-31"),
            ("1899-12-31", "2026-01-31"),
            ("2026-01-01", "2101-01-01"),
        ] {
            let refused = request(from, to, 5).unwrap_err();
            assert_eq!(refused.as_code(), PERIOD_RANGE, "{from} {to}");
            assert_eq!(
                refused.as_ipc().args,
                [
                    ("first".to_owned(), "1900".to_owned()),
                    ("last".to_owned(), "2100".to_owned())
                ]
            );
        }
        assert!(request("1900-01-01", "2100-12-31", 5).is_ok());
        assert_eq!(
            request("2026-01-01", "2026-01-31", 101)
                .unwrap_err()
                .as_code(),
            "report-bad-threshold"
        );
        for low in [0, 1, MIN_THRESHOLD - 1] {
            let refused = request("2026-01-01", "2026-01-31", low).unwrap_err();
            assert_eq!(refused.as_code(), LOW_THRESHOLD, "{low}");
            assert_eq!(
                refused.as_ipc().args,
                vec![("min".to_owned(), MIN_THRESHOLD.to_string())]
            );
        }
        assert_eq!(
            request("2026-01-01", "2026-01-31", MIN_THRESHOLD)
                .unwrap()
                .threshold(),
            MIN_THRESHOLD
        );
        assert_eq!(
            MIN_THRESHOLD, DEFAULT_THRESHOLD,
            "the screens use the floor"
        );
    }

    #[test]
    fn a_report_is_audited_with_its_format_and_threshold() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let req = request("2026-01-01", "2026-12-31", 5).unwrap();
        let tr = Translator::new(Some("en"));
        let out = export(&mut store, &req, Format::Csv, &tr, None).unwrap();
        assert_eq!(out.team, "local");
        assert!(!out.body.is_empty());
        let log = store.audit_log().unwrap();
        let last = serde_json::to_value(log.last().unwrap())
            .unwrap()
            .to_string();
        assert!(
            last.contains(
                "report team=local from=2026-01-01 to=2026-12-31 format=csv threshold=5 charts=0"
            ),
            "{last}"
        );
    }
}

//! The Reports screen's commands: the funder report for a period, computed on this
//! device from its decrypted records, suppressed before anything leaves the core, and
//! written to the audit log (who, when, which period, which threshold) before it is
//! shown or exported. Supervisor only (or a device outside any team).

use std::path::PathBuf;
use std::sync::OnceLock;

use base64::Engine as _;

use ponte_i18n::Translator;
use ponte_ipc::{IpcError, ReportTable, ReportView};
use ponte_model::{Date, Kind};
use ponte_report::labels::Labels;
use ponte_report::{Cell, Dataset, Input, Params, Published};
use ponte_store::{Store, time};

use crate::state::{store_error, sync_error};

/// The published (suppressed) report of `from..=to`, after its audit entry.
pub fn published(
    store: &mut Store,
    from: &str,
    to: &str,
    what: &str,
) -> Result<Published, IpcError> {
    let team = ponte_sync::team::state(store).map_err(sync_error)?;
    if team.as_ref().is_some_and(|t| !t.supervisor) {
        return Err(IpcError::code("not-supervisor"));
    }
    let (Some(from), Some(to)) = (Date::parse(from), Date::parse(to)) else {
        return Err(IpcError::code("report-bad-date"));
    };
    if from > to {
        return Err(IpcError::code("report-bad-period"));
    }
    let date_of = |ms: i64| Date::parse(&time::date_of(ms));
    let persons = store
        .records(Kind::Person)
        .map_err(store_error)?
        .into_iter()
        .map(|r| Input {
            created: date_of(r.created_ms),
            json: r.json,
        })
        .collect();
    let outreach = store
        .records(Kind::Outreach)
        .map_err(store_error)?
        .into_iter()
        .map(|r| r.json)
        .collect();
    let team = team.map_or_else(|| "local".to_owned(), |t| t.team_id);
    let params = Params {
        from,
        to,
        team: team.clone(),
        generated: date_of(time::now_ms()).unwrap_or(to),
    };
    let published = ponte_report::compute(&Dataset { persons, outreach }, &params)
        .map_err(|e| IpcError::code(e.code()))?
        .publish(ponte_report::DEFAULT_THRESHOLD);
    store
        .audit_export(&format!(
            "report team={team} from={from} to={to} format={what} threshold={}",
            published.threshold()
        ))
        .map_err(store_error)?;
    Ok(published)
}

fn cell(c: Cell) -> String {
    c.count().map_or_else(|| "x".to_owned(), |n| n.to_string())
}

/// The report labelled in `locale`.
pub fn view(published: &Published, locale: &str) -> ReportView {
    let tr = Translator::with_isolation(Some(locale), true);
    let labels = Labels::new(&tr);
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
        charts: charts(published, &tr),
    }
}

/// Where Debian, Fedora and Arch keep DejaVu Sans, which lays out the charts' text.
const SYSTEM_FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// The font, read once for the life of the process (plotters keeps fonts globally).
fn font() -> Option<&'static [u8]> {
    static FONT: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    *FONT.get_or_init(|| {
        SYSTEM_FONTS
            .iter()
            .find_map(|p| std::fs::read(p).ok())
            .map(|bytes| &*Box::leak(bytes.into_boxed_slice()))
    })
}

/// The charts as SVG images (`data:` URLs: shown in `<img>`, so nothing in them can
/// run), with their translated titles.
fn charts(published: &Published, tr: &Translator) -> Vec<(String, String)> {
    let Some(font) = font() else {
        return Vec::new();
    };
    let Ok(charts) = ponte_report::chart::charts(published, tr, font) else {
        return Vec::new();
    };
    charts
        .into_iter()
        .map(|c| {
            let title = match c.name {
                "people-reached-per-month" => tr.t("report-chart-reached-title", &[]),
                "referrals-by-destination" => tr.t("report-chart-referrals-title", &[]),
                _ => tr.t("report-chart-prevalence-title", &[]),
            };
            let data = base64::engine::general_purpose::STANDARD.encode(c.svg.as_bytes());
            (title, format!("data:image/svg+xml;base64,{data}"))
        })
        .collect()
}

/// Where an exported workbook goes: `<home>/exports/`.
pub fn export_path(home: &std::path::Path, from: &str, to: &str) -> PathBuf {
    home.join("exports")
        .join(format!("ponte-report-{from}-{to}.xlsx"))
}

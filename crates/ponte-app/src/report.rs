//! The Reports screen's commands: the funder report for a period, computed on this
//! device from its decrypted records, suppressed before anything leaves the core, and
//! written to the audit log (who, when, which period, which threshold) before it is
//! shown or exported. Supervisor only (or a device outside any team).

use std::path::PathBuf;

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
        from: report.period.from.to_string(),
        to: report.period.to.to_string(),
        threshold: published.threshold(),
        hidden,
        tables,
    }
}

/// Where an exported workbook goes: `<home>/exports/`.
pub fn export_path(home: &std::path::Path, from: &str, to: &str) -> PathBuf {
    home.join("exports")
        .join(format!("ponte-report-{from}-{to}.xlsx"))
}

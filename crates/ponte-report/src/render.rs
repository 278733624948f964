//! Files from a [`Published`] report: JSON (the report struct as it is), CSV (one long
//! table, codes only) and XLSX (an "About" sheet, then one sheet per table).

use ponte_i18n::Translator;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use crate::ReportError;
use crate::labels::Labels;
use crate::table::{Cell, MARKER, Published, Table};

/// The report as pretty JSON: codes, `null` for a hidden cell.
pub fn to_json(report: &Published) -> Result<Vec<u8>, ReportError> {
    let mut out = serde_json::to_vec_pretty(report).map_err(|_| ReportError::Json)?;
    out.push(b'\n');
    Ok(out)
}

/// A CSV field: quoted when it needs to be, and with a leading `'` when a spreadsheet
/// would take it for a formula (listening point codes are typed by the team).
fn field(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn cell_text(cell: Cell) -> String {
    match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Suppressed => MARKER.to_owned(),
    }
}

fn percent_text(p: Option<f64>) -> String {
    p.map_or_else(|| MARKER.to_owned(), |v| format!("{v:.1}"))
}

/// The report as CSV: `#` comment lines naming the report, team, period and threshold,
/// then one line per cell: `table,dimension,category,indicator,unit,value`, the
/// category `total` for a row's total, `x` for a hidden cell, percentages with one
/// decimal.
pub fn to_csv(report: &Published) -> String {
    let mut out = String::new();
    let mut line = |fields: &[&str]| {
        let joined: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&joined.join(","));
        out.push_str("\r\n");
    };
    line(&["# ponte report", &report.format]);
    line(&["# team", &report.team]);
    line(&["# period", &report.period.from, &report.period.to]);
    line(&["# suppression_threshold", &report.threshold().to_string()]);
    line(&["# hidden_cell", MARKER]);
    line(&["# generated", &report.generated]);
    // A programme report names the teams whose figures it holds, and those missing.
    for (key, included) in [("# teams_included", true), ("# teams_missing", false)] {
        if report.teams.is_empty() {
            break;
        }
        let mut fields = vec![key];
        fields.extend(
            report
                .teams
                .iter()
                .filter(|t| t.included == included)
                .map(|t| t.name.as_str()),
        );
        line(&fields);
    }
    line(&[
        "table",
        "dimension",
        "category",
        "indicator",
        "unit",
        "value",
    ]);
    for t in &report.tables {
        for row in &t.rows {
            let unit = serde_json::to_value(row.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            for (col, cell) in t.columns.iter().zip(&row.cells) {
                line(&[
                    &t.id,
                    &t.dimension,
                    col,
                    &row.indicator,
                    &unit,
                    &cell_text(*cell),
                ]);
            }
            if let Some(total) = row.total {
                line(&[
                    &t.id,
                    &t.dimension,
                    "total",
                    &row.indicator,
                    &unit,
                    &cell_text(total),
                ]);
            }
        }
        for share in &t.shares {
            for (col, p) in t.columns.iter().zip(&share.cells) {
                line(&[
                    &t.id,
                    &t.dimension,
                    col,
                    &share.indicator,
                    "percent",
                    &percent_text(*p),
                ]);
            }
            line(&[
                &t.id,
                &t.dimension,
                "total",
                &share.indicator,
                "percent",
                &percent_text(share.total),
            ]);
        }
    }
    out
}

fn xlsx(_: XlsxError) -> ReportError {
    ReportError::Xlsx
}

fn num(n: u64) -> f64 {
    u32::try_from(n).map_or(f64::from(u32::MAX), f64::from)
}

/// Excel's sheet-name rules: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let base: String = clean.trim().trim_matches('\'').chars().take(31).collect();
    let mut name = if base.is_empty() {
        "Sheet".to_owned()
    } else {
        base
    };
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" {n}");
        let keep: String = name.chars().take(31 - suffix.len()).collect();
        name = format!("{keep}{suffix}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

struct Formats {
    bold: Format,
    code: Format,
    percent: Format,
    hidden: Format,
}

/// Column of the first category in a table sheet (A: label, B: code).
pub const FIRST_CATEGORY_COLUMN: u16 = 2;
/// Row of the first indicator in a table sheet (1: labels, 2: codes).
pub const FIRST_INDICATOR_ROW: u32 = 2;

/// The report as an XLSX workbook, labels in `tr`'s language: an "About" sheet
/// (team, period, threshold, what a hidden cell means), then one sheet per table.
/// In a table sheet, row 1 holds the labels and row 2 the codes of the columns; from
/// row 3, column A is the indicator's label, B its code, then one column per category
/// and the total. Percentages follow the counts, after an empty row.
pub fn to_xlsx(report: &Published, tr: &Translator) -> Result<Vec<u8>, ReportError> {
    let labels = Labels::new(tr);
    let f = Formats {
        bold: Format::new().set_bold(),
        code: Format::new().set_italic().set_font_color(Color::Gray),
        percent: Format::new().set_num_format("0.0%"),
        hidden: Format::new().set_font_color(Color::Gray),
    };
    let mut wb = Workbook::new();
    let mut taken = Vec::new();
    let about = wb.add_worksheet();
    about
        .set_name(sheet_name(&labels.t("report-sheet-about", &[]), &mut taken))
        .map_err(xlsx)?;
    write_about(about, report, &labels, &f)?;
    for t in &report.tables {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&labels.table(&t.id), &mut taken))
            .map_err(xlsx)?;
        write_table(ws, t, &labels, &f)?;
    }
    wb.save_to_buffer().map_err(xlsx)
}

fn write_about(
    ws: &mut Worksheet,
    report: &Published,
    labels: &Labels<'_>,
    f: &Formats,
) -> Result<(), ReportError> {
    let threshold = report.threshold();
    let s = report.suppression.as_ref();
    let mut lines: Vec<(String, String)> = vec![
        (labels.t("report-about-report", &[]), report.format.clone()),
        (labels.t("report-about-team", &[]), report.team.clone()),
        (
            labels.t("report-about-from", &[]),
            report.period.from.clone(),
        ),
        (labels.t("report-about-to", &[]), report.period.to.clone()),
        (
            labels.t("report-about-threshold", &[]),
            threshold.to_string(),
        ),
        (
            labels.t("report-about-hidden", &[]),
            labels.t(
                "report-about-hidden-meaning",
                &[
                    ("marker", MARKER.into()),
                    ("threshold", threshold_arg(threshold)),
                ],
            ),
        ),
        (
            labels.t("report-about-hidden-count", &[]),
            s.map_or(0, |s| s.primary + s.complementary).to_string(),
        ),
        (
            labels.t("report-about-generated", &[]),
            report.generated.clone(),
        ),
        (
            labels.t("report-about-definitions", &[]),
            labels.t("report-about-definitions-text", &[]),
        ),
        (
            labels.t("report-about-contacts", &[]),
            labels.t("report-about-contacts-text", &[]),
        ),
    ];
    if !report.teams.is_empty() {
        let names = |included: bool| -> String {
            let list: Vec<&str> = report
                .teams
                .iter()
                .filter(|t| t.included == included)
                .map(|t| t.name.as_str())
                .collect();
            if list.is_empty() {
                "-".to_owned()
            } else {
                list.join(", ")
            }
        };
        lines.insert(
            2,
            (labels.t("report-about-teams-included", &[]), names(true)),
        );
        lines.insert(
            3,
            (labels.t("report-about-teams-missing", &[]), names(false)),
        );
    }
    ws.set_column_width(0, 32).map_err(xlsx)?;
    ws.set_column_width(1, 100).map_err(xlsx)?;
    for (r, (k, v)) in (0u32..).zip(&lines) {
        ws.write_string_with_format(r, 0, k, &f.bold)
            .map_err(xlsx)?;
        ws.write_string(r, 1, v).map_err(xlsx)?;
    }
    Ok(())
}

fn threshold_arg(threshold: u64) -> ponte_i18n::Arg {
    ponte_i18n::Arg::Num(num(threshold))
}

fn write_table(
    ws: &mut Worksheet,
    t: &Table,
    labels: &Labels<'_>,
    f: &Formats,
) -> Result<(), ReportError> {
    let c0 = FIRST_CATEGORY_COLUMN;
    let total_col = c0 + u16::try_from(t.columns.len()).unwrap_or(u16::MAX - c0 - 1);
    ws.set_column_width(0, 44).map_err(xlsx)?;
    ws.set_column_width(1, 34).map_err(xlsx)?;
    ws.write_string_with_format(0, 0, labels.t("report-header-indicator", &[]), &f.bold)
        .map_err(xlsx)?;
    ws.write_string_with_format(0, 1, labels.t("report-header-code", &[]), &f.bold)
        .map_err(xlsx)?;
    ws.write_string_with_format(1, 1, &t.dimension, &f.code)
        .map_err(xlsx)?;
    for (col, code) in (c0..).zip(&t.columns) {
        ws.set_column_width(col, 13).map_err(xlsx)?;
        ws.write_string_with_format(0, col, labels.category(&t.dimension, code), &f.bold)
            .map_err(xlsx)?;
        ws.write_string_with_format(1, col, code, &f.code)
            .map_err(xlsx)?;
    }
    ws.set_column_width(total_col, 13).map_err(xlsx)?;
    ws.write_string_with_format(0, total_col, labels.t("report-header-total", &[]), &f.bold)
        .map_err(xlsx)?;
    ws.write_string_with_format(1, total_col, "total", &f.code)
        .map_err(xlsx)?;
    ws.set_freeze_panes(FIRST_INDICATOR_ROW, c0).map_err(xlsx)?;

    let put = |ws: &mut Worksheet, r: u32, c: u16, cell: Cell| -> Result<(), ReportError> {
        match cell {
            Cell::Count(n) => ws.write_number(r, c, num(n)).map(|_| ()),
            Cell::Suppressed => ws
                .write_string_with_format(r, c, MARKER, &f.hidden)
                .map(|_| ()),
        }
        .map_err(xlsx)
    };
    let mut r = FIRST_INDICATOR_ROW;
    for row in &t.rows {
        ws.write_string(r, 0, labels.indicator(&row.indicator))
            .map_err(xlsx)?;
        ws.write_string_with_format(r, 1, &row.indicator, &f.code)
            .map_err(xlsx)?;
        for (col, cell) in (c0..).zip(&row.cells) {
            put(ws, r, col, *cell)?;
        }
        if let Some(total) = row.total {
            put(ws, r, total_col, total)?;
        }
        r += 1;
    }
    if !t.shares.is_empty() {
        r += 1;
    }
    let put_share =
        |ws: &mut Worksheet, r: u32, c: u16, p: Option<f64>| -> Result<(), ReportError> {
            match p {
                Some(v) => ws
                    .write_number_with_format(r, c, v / 100.0, &f.percent)
                    .map(|_| ()),
                None => ws
                    .write_string_with_format(r, c, MARKER, &f.hidden)
                    .map(|_| ()),
            }
            .map_err(xlsx)
        };
    for share in &t.shares {
        ws.write_string(r, 0, labels.indicator(&share.indicator))
            .map_err(xlsx)?;
        ws.write_string_with_format(r, 1, &share.indicator, &f.code)
            .map_err(xlsx)?;
        for (col, p) in (c0..).zip(&share.cells) {
            put_share(ws, r, col, *p)?;
        }
        put_share(ws, r, total_col, share.total)?;
        r += 1;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("lp-1"), "lp-1");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("Età: fasce/anni", &mut taken), "Età  fasce anni");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        let again = sheet_name(&long, &mut taken);
        assert_eq!(again.chars().count(), 31);
        assert!(again.ends_with(" 2"));
    }
}

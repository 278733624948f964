//! Reading a report's JSON (what `ponte report --format json` and `ponte programme
//! report --format json` write), and writing JSON Lines for `import`.

use serde_json::Value;

/// JSON Lines of `values`, one per line.
#[allow(dead_code)]
pub fn jsonl(values: impl Iterator<Item = Value>) -> String {
    values.map(|v| v.to_string() + "\n").collect()
}

/// The cell of a report's JSON: `Some(Some(n))` a count, `Some(None)` hidden, `None`
/// no such table, row or column.
pub fn cell(report: &Value, table: &str, indicator: &str, column: &str) -> Option<Option<u64>> {
    let t = report["tables"]
        .as_array()?
        .iter()
        .find(|t| t["id"] == table)?;
    let row = t["rows"]
        .as_array()?
        .iter()
        .find(|r| r["indicator"] == indicator)?;
    let v = if column == "total" {
        row.get("total")?
    } else {
        let i = t["columns"].as_array()?.iter().position(|c| c == column)?;
        &row["cells"][i]
    };
    Some(v.as_u64())
}

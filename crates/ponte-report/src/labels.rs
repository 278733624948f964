//! Labels for people: the Fluent message ids (`locales/<lang>/report.ftl`) behind sheet
//! names, headers and chart titles. Codes stay codes everywhere else.
//!
//! | what | message id |
//! |---|---|
//! | a table (sheet name) | `report-table-<table id, dots as dashes>` |
//! | an indicator | `report-indicator-<code, dots as dashes>` |
//! | a screening row | `report-screening-<answered/yes/no/prevalence>` with `$item` = `report-item-<item>` |
//! | a category | `report-category-<dimension>-<code>`; `report-category-unknown`; nationality, listening point, month and team codes are shown as they are |

use ponte_i18n::Translator;

use crate::compute::{NOT_STATED, UNKNOWN};

/// Translates report codes for one locale.
#[derive(Debug)]
pub struct Labels<'a> {
    tr: &'a Translator,
}

fn dashed(code: &str) -> String {
    code.replace('.', "-")
}

impl<'a> Labels<'a> {
    /// Labels in the translator's locale.
    pub fn new(tr: &'a Translator) -> Labels<'a> {
        Labels { tr }
    }

    /// A message by id with arguments.
    pub fn t(&self, id: &str, args: &[(&str, ponte_i18n::Arg)]) -> String {
        self.tr.t(id, args)
    }

    /// Message id of a table's title.
    pub fn table_id(table: &str) -> String {
        format!("report-table-{}", dashed(table))
    }

    /// A table's title.
    pub fn table(&self, table: &str) -> String {
        self.tr.t(&Self::table_id(table), &[])
    }

    /// Message id of an indicator, and the item id for a screening row.
    pub fn indicator_ids(code: &str) -> (String, Option<String>) {
        let parts: Vec<&str> = code.split('.').collect();
        match parts.as_slice() {
            ["screening", _group, item, part] => (
                format!("report-screening-{part}"),
                Some(format!("report-item-{item}")),
            ),
            _ => (format!("report-indicator-{}", dashed(code)), None),
        }
    }

    /// An indicator's label.
    pub fn indicator(&self, code: &str) -> String {
        match Self::indicator_ids(code) {
            (id, Some(item)) => self.tr.t(&id, &[("item", self.tr.t(&item, &[]).into())]),
            (id, None) => self.tr.t(&id, &[]),
        }
    }

    /// A screening item's short name (`pay`, `debt_bondage`).
    pub fn item(&self, item: &str) -> String {
        self.tr.t(&format!("report-item-{item}"), &[])
    }

    /// Message id of a category, or `None` when the code is shown as it is.
    pub fn category_id(dimension: &str, code: &str) -> Option<String> {
        if code == UNKNOWN || code == NOT_STATED {
            return Some(format!("report-category-{code}"));
        }
        match dimension {
            "nationality" | "listening_point" | "month" | "team" => None,
            _ => Some(format!("report-category-{dimension}-{code}")),
        }
    }

    /// A category's label (a code outside the vocabulary is shown as it is).
    pub fn category(&self, dimension: &str, code: &str) -> String {
        match Self::category_id(dimension, code) {
            Some(id) if self.tr.has(&id) || self.has_fallback(&id) => self.tr.t(&id, &[]),
            _ => code.to_owned(),
        }
    }

    fn has_fallback(&self, id: &str) -> bool {
        self.tr.t(id, &[]) != id
    }
}

//! Exploitation screening: the indicators, the answers and the derived risk level.
//!
//! A person's `screening` object holds three groups of items and an optional override:
//!
//! | key | items | source |
//! |---|---|---|
//! | `s603` | [`INDICES_603BIS`]: `pay`, `hours`, `safety`, `degrading` | art. 603-bis c.p., third paragraph (indices of exploitation) |
//! | `aggravating` | [`AGGRAVATING_603BIS`]: `more_than_three_workers`, `minors`, `serious_danger` | art. 603-bis c.p., fourth paragraph |
//! | `ilo` | [`ILO_INDICATORS`]: the eleven ILO (2012) indicators of forced labour | ILO |
//! | `override` | `{"level": ..., "reason": ...}` | the team's judgement |
//!
//! Each item is `{"answer": "yes" | "no" | "unknown", "note": "..."}`.
//!
//! # The risk rule
//!
//! The level is a **guide for the team, never a verdict**: the ILO itself notes that one
//! indicator can be enough in some cases and several are needed in others. It is derived
//! as follows, checked top to bottom:
//!
//! 1. `not_screened`: no item (of any group) answered `yes` or `no`; everything is missing
//!    or `unknown`.
//! 2. `high`, if any of:
//!    - a *strong* ILO indicator ([`STRONG_ILO_INDICATORS`]: `physical_sexual_violence`,
//!      `retention_of_documents`, `debt_bondage`, `restriction_of_movement`) is `yes`;
//!    - two or more 603-bis indices are `yes`;
//!    - an aggravating circumstance is `yes` together with at least one index `yes`;
//!    - three or more ILO indicators are `yes`;
//!    - at least one index `yes` and at least one ILO indicator `yes`.
//! 3. `medium`: exactly one 603-bis index `yes`, or one or two ILO indicators `yes`, or an
//!    aggravating circumstance `yes` on its own (a `yes` is never `low`).
//! 4. `low`: otherwise: something was answered and nothing is `yes`.
//!
//! `screening.override = {"level": "...", "reason": "..."}` replaces the derived level;
//! the reason is required and must not be blank. [`effective_risk`] returns both levels so
//! the UI can show the derived one beside an override.
//!
//! The functions here read leniently and never fail: what they cannot read (a group that
//! is not an object, an unknown answer) counts as not answered. Validation reports such
//! problems separately.

use crate::record::{self, str_at};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Key of the 603-bis indices group in `screening`.
pub const GROUP_603BIS: &str = "s603";
/// Key of the 603-bis aggravating circumstances group in `screening`.
pub const GROUP_AGGRAVATING: &str = "aggravating";
/// Key of the ILO indicators group in `screening`.
pub const GROUP_ILO: &str = "ilo";
/// Key of the override in `screening`.
pub const OVERRIDE: &str = "override";

/// The four indices of exploitation, art. 603-bis c.p., third paragraph: repeated pay
/// clearly below collective agreements or out of proportion to the work; repeated breaches
/// of working time, rest and leave rules; breaches of health and safety rules; degrading
/// working conditions, surveillance methods or housing.
pub const INDICES_603BIS: &[&str] = &["pay", "hours", "safety", "degrading"];

/// Aggravating circumstances, art. 603-bis c.p., fourth paragraph: more than three workers
/// recruited; minors below working age recruited; workers exposed to serious danger.
pub const AGGRAVATING_603BIS: &[&str] = &["more_than_three_workers", "minors", "serious_danger"];

/// The eleven ILO indicators of forced labour (2012).
pub const ILO_INDICATORS: &[&str] = &[
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_documents",
    "withholding_wages",
    "debt_bondage",
    "abusive_conditions",
    "excessive_overtime",
];

/// ILO indicators any one of which makes the derived level `high`.
pub const STRONG_ILO_INDICATORS: &[&str] = &[
    "physical_sexual_violence",
    "retention_of_documents",
    "debt_bondage",
    "restriction_of_movement",
];

/// Answer codes, as stored.
pub const ANSWERS: &[&str] = &["yes", "no", "unknown"];

/// Risk level codes, as stored, lowest first.
pub const RISK_LEVELS: &[&str] = &["not_screened", "low", "medium", "high"];

/// The answer to one screening item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The indicator is present.
    Yes,
    /// The indicator is absent.
    No,
    /// Asked and not known, or not asked yet.
    Unknown,
}

impl Answer {
    /// Every answer.
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Unknown];

    /// The stored code.
    pub const fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        }
    }

    /// The answer for a stored code.
    pub fn parse(code: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.as_str() == code)
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The risk level of a person, derived from the screening or set by an override.
/// Orders from `NotScreened` (lowest) to `High`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Nothing answered yes or no yet.
    #[default]
    NotScreened,
    /// Answered, nothing points to exploitation.
    Low,
    /// Some signs; see the rule in the module documentation.
    Medium,
    /// Strong or several signs.
    High,
}

impl RiskLevel {
    /// Every level, lowest first.
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::NotScreened,
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
    ];

    /// The stored code (`"not_screened"`, `"low"`, `"medium"`, `"high"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            RiskLevel::NotScreened => "not_screened",
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    /// The level for a stored code.
    pub fn parse(code: &str) -> Option<RiskLevel> {
        RiskLevel::ALL.into_iter().find(|l| l.as_str() == code)
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counts of `yes` answers per group: everything the risk rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Items of any group answered `yes` or `no`.
    pub answered: usize,
    /// 603-bis indices answered `yes`.
    pub indices_yes: usize,
    /// Aggravating circumstances answered `yes`.
    pub aggravating_yes: usize,
    /// ILO indicators answered `yes`.
    pub ilo_yes: usize,
    /// Strong ILO indicators ([`STRONG_ILO_INDICATORS`]) answered `yes`; also counted in
    /// `ilo_yes`.
    pub strong_ilo_yes: usize,
}

impl Tally {
    /// Counts the answers in a `screening` object. Reads leniently: unknown keys, items
    /// that are not objects and unknown answers are not counted.
    pub fn from_screening(screening: &Value) -> Tally {
        let mut tally = Tally::default();
        let groups: [(&str, &[&str]); 3] = [
            (GROUP_603BIS, INDICES_603BIS),
            (GROUP_AGGRAVATING, AGGRAVATING_603BIS),
            (GROUP_ILO, ILO_INDICATORS),
        ];
        for (group, ids) in groups {
            for &id in ids {
                match record::answer(screening, group, id) {
                    Some(Answer::Yes) => {
                        tally.answered += 1;
                        match group {
                            GROUP_603BIS => tally.indices_yes += 1,
                            GROUP_AGGRAVATING => tally.aggravating_yes += 1,
                            _ => {
                                tally.ilo_yes += 1;
                                if STRONG_ILO_INDICATORS.contains(&id) {
                                    tally.strong_ilo_yes += 1;
                                }
                            }
                        }
                    }
                    Some(Answer::No) => tally.answered += 1,
                    Some(Answer::Unknown) | None => {}
                }
            }
        }
        tally
    }

    /// Applies the risk rule (see the module documentation).
    pub fn level(&self) -> RiskLevel {
        let t = self;
        if t.answered == 0 {
            return RiskLevel::NotScreened;
        }
        let high = t.strong_ilo_yes >= 1
            || t.indices_yes >= 2
            || (t.aggravating_yes >= 1 && t.indices_yes >= 1)
            || t.ilo_yes >= 3
            || (t.indices_yes >= 1 && t.ilo_yes >= 1);
        if high {
            return RiskLevel::High;
        }
        if t.indices_yes == 1 || (1..=2).contains(&t.ilo_yes) || t.aggravating_yes >= 1 {
            return RiskLevel::Medium;
        }
        RiskLevel::Low
    }
}

/// The risk level derived from a `screening` object (not the whole person).
pub fn derive_risk(screening: &Value) -> RiskLevel {
    Tally::from_screening(screening).level()
}

/// The override's level, if the `screening` object has a usable override: a known level
/// and a reason that is a non-blank string. An override without a reason is ignored here
/// (and rejected by validation).
pub fn override_level(screening: &Value) -> Option<RiskLevel> {
    let o = record::at(screening, OVERRIDE)?;
    let level = str_at(o, "level").and_then(RiskLevel::parse)?;
    let reason = str_at(o, "reason")?;
    (!reason.trim().is_empty()).then_some(level)
}

/// `(derived, effective)` risk levels of a person record: the level derived from
/// `person.screening`, and the override's level if there is a usable one, else the derived
/// level again. A person without screening is `(NotScreened, NotScreened)`.
pub fn effective_risk(person: &Value) -> (RiskLevel, RiskLevel) {
    let Some(screening) = record::at(person, "screening") else {
        return (RiskLevel::NotScreened, RiskLevel::NotScreened);
    };
    let derived = derive_risk(screening);
    (derived, override_level(screening).unwrap_or(derived))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Builds a screening object from `(group, id, answer)` triples.
    fn screening(items: &[(&str, &str, &str)]) -> Value {
        let mut s = json!({});
        for (group, id, answer) in items {
            s[*group][*id] = json!({ "answer": answer, "note": "n" });
        }
        s
    }

    fn check(items: &[(&str, &str, &str)], expected: RiskLevel) {
        let s = screening(items);
        assert_eq!(derive_risk(&s), expected, "{items:?}");
    }

    const I: &str = GROUP_603BIS;
    const A: &str = GROUP_AGGRAVATING;
    const L: &str = GROUP_ILO;

    #[test]
    fn risk_rule_table() {
        use RiskLevel::*;
        // not_screened: nothing answered yes or no
        check(&[], NotScreened);
        check(
            &[(I, "pay", "unknown"), (L, "deception", "unknown")],
            NotScreened,
        );
        check(&[(I, "pay", "maybe")], NotScreened);
        check(&[(I, "not_an_index", "yes")], NotScreened);
        // low: answered, nothing yes
        check(&[(I, "pay", "no")], Low);
        check(&[(A, "minors", "no")], Low);
        check(
            &[
                (I, "pay", "no"),
                (I, "hours", "unknown"),
                (L, "isolation", "no"),
            ],
            Low,
        );
        // medium: exactly one index yes
        check(&[(I, "pay", "yes")], Medium);
        check(&[(I, "degrading", "yes"), (I, "hours", "no")], Medium);
        // medium: one or two (non-strong) ILO indicators yes
        check(&[(L, "deception", "yes")], Medium);
        check(&[(L, "deception", "yes"), (L, "isolation", "yes")], Medium);
        // medium: an aggravating circumstance alone
        check(&[(A, "serious_danger", "yes")], Medium);
        check(
            &[(A, "serious_danger", "yes"), (A, "minors", "yes")],
            Medium,
        );
        // high: any strong ILO indicator
        for id in STRONG_ILO_INDICATORS {
            check(&[(L, id, "yes")], High);
        }
        // high: two or more indices
        check(&[(I, "pay", "yes"), (I, "hours", "yes")], High);
        check(
            &[
                (I, "pay", "yes"),
                (I, "hours", "yes"),
                (I, "safety", "yes"),
                (I, "degrading", "yes"),
            ],
            High,
        );
        // high: aggravating with an index
        check(
            &[(A, "more_than_three_workers", "yes"), (I, "safety", "yes")],
            High,
        );
        // high: three ILO indicators
        check(
            &[
                (L, "deception", "yes"),
                (L, "isolation", "yes"),
                (L, "excessive_overtime", "yes"),
            ],
            High,
        );
        // high: an index and an ILO indicator
        check(&[(I, "pay", "yes"), (L, "withholding_wages", "yes")], High);
    }

    #[test]
    fn tally_counts_each_group() {
        let s = screening(&[
            (I, "pay", "yes"),
            (I, "hours", "no"),
            (A, "minors", "yes"),
            (L, "debt_bondage", "yes"),
            (L, "isolation", "yes"),
            (L, "deception", "unknown"),
        ]);
        assert_eq!(
            Tally::from_screening(&s),
            Tally {
                answered: 5,
                indices_yes: 1,
                aggravating_yes: 1,
                ilo_yes: 2,
                strong_ilo_yes: 1
            }
        );
    }

    #[test]
    fn override_replaces_derived_level_only_with_a_reason() {
        let mut person = json!({ "alias": "a", "screening": screening(&[(I, "pay", "yes")]) });
        assert_eq!(
            effective_risk(&person),
            (RiskLevel::Medium, RiskLevel::Medium)
        );
        person["screening"][OVERRIDE] = json!({ "level": "high", "reason": "seen at the farm" });
        assert_eq!(
            effective_risk(&person),
            (RiskLevel::Medium, RiskLevel::High)
        );
        person["screening"][OVERRIDE] = json!({ "level": "low", "reason": "  " });
        assert_eq!(
            effective_risk(&person),
            (RiskLevel::Medium, RiskLevel::Medium)
        );
        person["screening"][OVERRIDE] = json!({ "level": "extreme", "reason": "r" });
        assert_eq!(
            effective_risk(&person),
            (RiskLevel::Medium, RiskLevel::Medium)
        );
        assert_eq!(
            effective_risk(&json!({ "alias": "a" })),
            (RiskLevel::NotScreened, RiskLevel::NotScreened)
        );
        assert_eq!(
            effective_risk(&json!(42)),
            (RiskLevel::NotScreened, RiskLevel::NotScreened)
        );
    }

    #[test]
    fn codes_round_trip_and_order() {
        for (l, code) in RiskLevel::ALL.into_iter().zip(RISK_LEVELS) {
            assert_eq!(l.as_str(), *code);
            assert_eq!(RiskLevel::parse(code), Some(l));
            assert_eq!(serde_json::to_value(l).unwrap(), json!(code));
        }
        assert!(RiskLevel::NotScreened < RiskLevel::Low);
        assert!(RiskLevel::Low < RiskLevel::Medium);
        assert!(RiskLevel::Medium < RiskLevel::High);
        for (a, code) in Answer::ALL.into_iter().zip(ANSWERS) {
            assert_eq!(a.as_str(), *code);
            assert_eq!(Answer::parse(code), Some(a));
            assert_eq!(serde_json::to_value(a).unwrap(), json!(code));
        }
        assert_eq!(ILO_INDICATORS.len(), 11);
        assert!(
            STRONG_ILO_INDICATORS
                .iter()
                .all(|s| ILO_INDICATORS.contains(s))
        );
    }
}

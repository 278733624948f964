//! `ponte case`, `ponte followup` and `ponte referral outcome`: parse, call
//! `ponte_device::case`, print what was recorded as JSON.

use std::path::Path;

use clap::{Args, Subcommand};
use ponte_device::case::{self, By, Step};
use ponte_device::records::parse_id;
use serde_json::json;

use crate::cli::{Outcome, print_json, unlock};

/// Who and when of a step.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Who did it (default: this device's name in its team).
    #[arg(long)]
    by: Option<String>,
    /// The day it happened (YYYY-MM-DD; default today).
    #[arg(long)]
    date: Option<String>,
    /// A note on the step.
    #[arg(long)]
    note: Option<String>,
}

impl WhoArgs {
    fn by(&self) -> By<'_> {
        By {
            by: self.by.as_deref(),
            date: self.date.as_deref(),
            note: self.note.as_deref(),
        }
    }

    /// Check what can be checked before the passphrase is asked for.
    fn check(&self) -> Outcome {
        case::check_past_date(self.date.as_deref())?;
        if let Some(by) = &self.by {
            case::check_name(by)?;
        }
        Ok(())
    }
}

#[derive(Debug, Subcommand)]
pub enum CaseCmd {
    /// Take the case in charge (presa in carico) with the operator responsible.
    Take {
        /// The person's record id.
        person: String,
        /// The operator responsible for the case.
        #[arg(long)]
        operator: String,
        #[command(flatten)]
        who: WhoArgs,
    },
    /// Add a goal to the case plan (--add TEXT), mark one done (--done GOAL) or drop
    /// one no longer pursued (--drop GOAL; --note may say why).
    Goal {
        /// The person's record id.
        person: String,
        /// The goal's text.
        #[arg(long, required_unless_present_any = ["done", "drop"], conflicts_with_all = ["done", "drop"])]
        add: Option<String>,
        /// The goal's id (a key of the person's `case_goals`).
        #[arg(long, conflicts_with = "drop")]
        done: Option<String>,
        /// The id of an open goal given up (a key of the person's `case_goals`).
        #[arg(long)]
        drop: Option<String>,
        #[command(flatten)]
        who: WhoArgs,
    },
    /// Close the case with a reason (goal_reached, moved_away, lost_contact, declined,
    /// referred_on, deceased, other).
    Close {
        /// The person's record id.
        person: String,
        /// The closing reason's code.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        who: WhoArgs,
    },
    /// Reopen a closed case.
    Reopen {
        /// The person's record id.
        person: String,
        #[command(flatten)]
        who: WhoArgs,
    },
    /// Record an encounter (a meeting with the person) at today's listening point.
    Encounter {
        /// The person's record id.
        person: String,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FollowupCmd {
    /// Add an open follow-up due on a day.
    Add {
        /// The person's record id.
        person: String,
        /// The due date (YYYY-MM-DD).
        #[arg(long)]
        due: String,
    },
    /// Mark a follow-up done (today, or --date), with an optional note.
    Done {
        /// The person's record id.
        person: String,
        /// The follow-up's id (a key of the person's `followups`).
        followup: String,
        #[command(flatten)]
        who: WhoArgs,
    },
    /// Move an open follow-up to a new due date.
    Move {
        /// The person's record id.
        person: String,
        /// The follow-up's id.
        followup: String,
        /// The new due date (YYYY-MM-DD).
        #[arg(long)]
        due: String,
    },
    /// The people with an open follow-up, earliest due first (overdue ones first).
    Due,
}

/// The arguments of `ponte referral outcome`.
#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The person's record id.
    person: String,
    /// The referral's entry id (a key of the person's `referrals`).
    referral: String,
    /// The outcome: pending, accepted, completed, declined, no_show.
    outcome: String,
    #[command(flatten)]
    who: WhoArgs,
}

fn step(person: &str, what: &str, s: &Step) -> Outcome {
    print_json(&json!({
        "person": person,
        what: s.entry,
        "date": s.date.to_string(),
        "by": s.by,
    }))
}

pub fn case(home: &Path, cmd: CaseCmd) -> Outcome {
    match cmd {
        CaseCmd::Take {
            person,
            operator,
            who,
        } => {
            parse_id(&person)?;
            case::check_name(&operator)?;
            who.check()?;
            let mut store = unlock(home)?;
            let s = case::take(&mut store, &person, &operator, &who.by())?;
            step(&person, "event", &s)
        }
        CaseCmd::Goal {
            person,
            add,
            done,
            drop,
            who,
        } => {
            parse_id(&person)?;
            who.check()?;
            match (add, done, drop) {
                (Some(text), None, None) => {
                    let mut store = unlock(home)?;
                    let s = case::add_goal(&mut store, &person, &text, &who.by())?;
                    step(&person, "goal", &s)
                }
                (None, Some(goal), None) => {
                    let mut store = unlock(home)?;
                    let s = case::goal_done(&mut store, &person, &goal, &who.by())?;
                    step(&person, "event", &s)
                }
                (None, None, Some(goal)) => {
                    let mut store = unlock(home)?;
                    let s = case::goal_drop(&mut store, &person, &goal, &who.by())?;
                    step(&person, "event", &s)
                }
                _ => Err(ponte_device::Failure::usage()),
            }
        }
        CaseCmd::Close {
            person,
            reason,
            who,
        } => {
            parse_id(&person)?;
            case::check_reason(&reason)?;
            who.check()?;
            let mut store = unlock(home)?;
            let s = case::close(&mut store, &person, &reason, &who.by())?;
            step(&person, "event", &s)
        }
        CaseCmd::Reopen { person, who } => {
            parse_id(&person)?;
            who.check()?;
            let mut store = unlock(home)?;
            let s = case::reopen(&mut store, &person, &who.by())?;
            step(&person, "event", &s)
        }
        CaseCmd::Encounter { person, date } => {
            parse_id(&person)?;
            case::check_date(date.as_deref())?;
            let mut store = unlock(home)?;
            let entry = case::encounter_add(&mut store, &person, date.as_deref())?;
            print_json(&json!({"person": person, "encounter": entry}))
        }
    }
}

pub fn followup(home: &Path, cmd: FollowupCmd) -> Outcome {
    match cmd {
        FollowupCmd::Add { person, due } => {
            parse_id(&person)?;
            let due = case::check_date(Some(&due))?.to_string();
            let mut store = unlock(home)?;
            let entry = case::followup_add(&mut store, &person, &due)?;
            print_json(&json!({"person": person, "followup": entry, "due": due}))
        }
        FollowupCmd::Done {
            person,
            followup,
            who,
        } => {
            parse_id(&person)?;
            who.check()?;
            let mut store = unlock(home)?;
            let s = case::followup_done(&mut store, &person, &followup, &who.by())?;
            step(&person, "followup", &s)
        }
        FollowupCmd::Move {
            person,
            followup,
            due,
        } => {
            parse_id(&person)?;
            case::check_date(Some(&due))?;
            let mut store = unlock(home)?;
            let due = case::followup_move(&mut store, &person, &followup, &due)?;
            print_json(&json!({"person": person, "followup": followup, "due": due.to_string()}))
        }
        FollowupCmd::Due => {
            let today = case::check_date(None)?;
            let mut store = unlock(home)?;
            let rows: Vec<serde_json::Value> = case::due(&mut store, today)?
                .into_iter()
                .map(|d| {
                    json!({"person": d.person, "title": d.title, "due": d.due.to_string(),
                           "overdue": d.overdue, "kind": d.kind})
                })
                .collect();
            print_json(&serde_json::Value::Array(rows))
        }
    }
}

pub fn outcome(home: &Path, args: OutcomeArgs) -> Outcome {
    parse_id(&args.person)?;
    case::check_outcome(&args.outcome)?;
    args.who.check()?;
    let mut store = unlock(home)?;
    let s = case::outcome(
        &mut store,
        &args.person,
        &args.referral,
        &args.outcome,
        &args.who.by(),
    )?;
    print_json(&json!({
        "person": args.person,
        "referral": args.referral,
        "outcome": args.outcome,
        "step": s.entry,
        "date": s.date.to_string(),
        "by": s.by,
    }))
}

//! `ponte referral` and `ponte consent`: parse, call `ponte_device::referral`, write
//! the sheet's file (a temporary file renamed into place, readable by its owner only,
//! so a failed write leaves no half-written sheet), print what was done.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use ponte_device::referral::{self, Recipient};
use serde_json::json;

use crate::cli::{Outcome, print_json};

#[derive(Debug, Subcommand)]
pub enum ReferralCmd {
    /// Write the referral sheet of a person's referral as PDF: for the receiving
    /// service in Italian (only the fields the person consented to share), or with
    /// --worker the worker's own copy in their language. Audited.
    Sheet {
        /// The person's record id.
        person: String,
        /// The referral's entry id (a key of the person's `referrals`).
        referral: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// Make the worker's copy in this language (it, en, fr, ar, pa, ur, bn).
        #[arg(long)]
        worker: Option<String>,
    },
    /// Record a referral's next outcome (pending, accepted, completed, declined,
    /// no_show) with its date and a note; earlier steps are kept as history.
    Outcome(crate::case::OutcomeArgs),
    /// Set the referring team printed on this device's referral sheets.
    Sender {
        /// The organisation or team that refers.
        #[arg(long)]
        team: String,
        /// How the service and the worker reach the team (phone, e-mail).
        #[arg(long)]
        contact: String,
        /// The operator who follows referrals, if one is named.
        #[arg(long)]
        operator: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConsentCmd {
    /// Withdraw a consent (GDPR art. 7(3)): referrals made under it stay as made; new
    /// ones, and sheets for the service, are refused. Once: a withdrawn consent is not
    /// withdrawn again (a new consent is a new entry).
    Withdraw {
        /// The person's record id.
        person: String,
        /// The consent's entry id (a key of the person's `consents`).
        consent: String,
        /// The day it was withdrawn (YYYY-MM-DD); today if not given.
        #[arg(long)]
        date: Option<String>,
        /// Who recorded the withdrawal (default: this device's name in its team).
        #[arg(long)]
        by: Option<String>,
    },
}

pub fn referral(home: &Path, cmd: ReferralCmd) -> Outcome {
    match cmd {
        ReferralCmd::Outcome(args) => crate::case::outcome(home, args),
        ReferralCmd::Sheet {
            person,
            referral: entry,
            out,
            worker,
        } => {
            let copy = match worker.as_deref() {
                Some(lang) => Recipient::Worker(lang),
                None => Recipient::Service,
            };
            ponte_device::records::parse_id(&person)?;
            referral::check_recipient(copy)?;
            referral::sheet_dir(&out)?;
            let mut store = crate::cli::unlock(home)?;
            let made = referral::sheet(&mut store, &person, &entry, copy)?;
            referral::write_sheet(&out, &made.pdf)?;
            print_json(&json!({
                "sheet": out.display().to_string(),
                "copy": if worker.is_some() { "worker" } else { "service" },
                "language": made.language,
                "bytes": made.pdf.len(),
            }))
        }
        ReferralCmd::Sender {
            team,
            contact,
            operator,
        } => {
            let mut store = crate::cli::unlock(home)?;
            referral::set_sender(&mut store, &team, operator.as_deref(), &contact)?;
            print_json(&json!({"sender": "set"}))
        }
    }
}

pub fn consent(home: &Path, cmd: ConsentCmd) -> Outcome {
    match cmd {
        ConsentCmd::Withdraw {
            person,
            consent,
            date,
            by,
        } => {
            ponte_device::records::parse_id(&person)?;
            if let Some(by) = by.as_deref() {
                ponte_device::case::check_name(by)?;
            }
            let mut store = crate::cli::unlock(home)?;
            let on = referral::withdraw_consent_by(
                &mut store,
                &person,
                &consent,
                date.as_deref(),
                by.as_deref(),
            )?;
            print_json(&json!({"consent": consent, "withdrawn": on.to_string()}))
        }
    }
}

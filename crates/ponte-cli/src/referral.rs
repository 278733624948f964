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
    /// Refer a person today to a destination (a service type): refused without a
    /// consent covering it, and on a closed case; the status becomes referred unless
    /// the case moved further.
    Add {
        /// The person's record id.
        person: String,
        /// The destination's code (trade_union, legal_aid, health, ...).
        destination: String,
        /// The service of the directory (its record id).
        #[arg(long)]
        service: Option<String>,
        /// The appointment's day (YYYY-MM-DD).
        #[arg(long)]
        appointment_date: Option<String>,
        /// The appointment's time.
        #[arg(long)]
        appointment_time: Option<String>,
        /// Whom to ask for at the appointment.
        #[arg(long)]
        ask_for: Option<String>,
        /// What to bring to the appointment.
        #[arg(long)]
        bring: Option<String>,
        /// A note for the service.
        #[arg(long)]
        note: Option<String>,
        /// Who refers (default: this device's name in its team; outside a team,
        /// nobody is named).
        #[arg(long)]
        by: Option<String>,
    },
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
    /// Record a consent given today, read in the worker's language: intake, or
    /// referral to a destination with the fields the person agrees to share (the name
    /// and languages always).
    Add {
        /// The person's record id.
        person: String,
        /// intake or referral.
        #[arg(long)]
        purpose: String,
        /// A referral consent's destination (a service type code).
        #[arg(long)]
        destination: Option<String>,
        /// The language the consent text was read in.
        #[arg(long)]
        language: String,
        /// A referral consent: the fields shared, comma-separated (birth_year, sex, ...).
        #[arg(long, value_delimiter = ',')]
        share: Vec<String>,
    },
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
        ReferralCmd::Add {
            person,
            destination,
            service,
            appointment_date,
            appointment_time,
            ask_for,
            bring,
            note,
            by,
        } => {
            ponte_device::records::parse_id(&person)?;
            let mut store = crate::cli::unlock(home)?;
            let new = ponte_device::case::NewReferral {
                destination: &destination,
                service: service.as_deref(),
                appointment: ponte_device::case::NewReferral::appointment(
                    appointment_date.as_deref(),
                    appointment_time.as_deref(),
                    ask_for.as_deref(),
                    bring.as_deref(),
                ),
                note: note.as_deref(),
                by: by.as_deref(),
            };
            let entry = ponte_device::case::referral_add(&mut store, &person, &new)?;
            print_json(&json!({"person": person, "referral": entry}))
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
        ConsentCmd::Add {
            person,
            purpose,
            destination,
            language,
            share,
        } => {
            ponte_device::records::parse_id(&person)?;
            referral::consent_text_version(&purpose).ok_or_else(ponte_device::Failure::usage)?;
            let mut store = crate::cli::unlock(home)?;
            let entry = referral::consent_add(
                &mut store,
                &person,
                &referral::NewConsent {
                    purpose: &purpose,
                    destination: destination.as_deref(),
                    language: &language,
                    share: &share,
                },
            )?;
            print_json(&json!({"person": person, "consent": entry}))
        }
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

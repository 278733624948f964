//! `ponte contact` (a quick contact, and turning it into an intake) and `ponte place`
//! (the team's list of places: the record commands, retire and reinstate): parse,
//! call `ponte_device::contact` / `ponte_device::place`, print JSON.

use std::path::Path;

use clap::Subcommand;
use ponte_device::contact::{self, QuickContact};
use ponte_device::records::parse_id;
use ponte_device::{case, place};
use ponte_model::Kind;
use serde_json::json;

use crate::cli::{Outcome, RecordCmd, print_json, record_cmd, unlock};

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Record a quick contact (a first meeting without a full interview); prints
    /// {"id": ...}, the new person's record id.
    Add {
        /// The name the person gave, or a description ("man in the red cap").
        #[arg(long)]
        alias: String,
        /// Where: a place of the team's list (`ponte place list`), by its record id or
        /// its name (compared without case and extra spaces).
        #[arg(long, value_name = "PLACE")]
        place: Option<String>,
        /// The language spoken: a language tag (pa, pa-Guru, wo...).
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
        /// What was handed out: material codes, comma separated
        /// (rights_leaflet,helpline_card,...).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        given: Vec<String>,
        /// What was said, as a short note.
        #[arg(long, value_name = "TEXT")]
        said: Option<String>,
        /// Agrees to be contacted again: yes or no (must be asked).
        #[arg(long, value_name = "yes|no")]
        recontact: Option<String>,
        /// How the person agreed to be contacted again (only with --recontact yes):
        /// at_place, phone, mediator, sportello; comma separated or repeated.
        #[arg(long, value_delimiter = ',', value_name = "WAYS")]
        recontact_how: Vec<String>,
        /// The person's phone number (only with --recontact-how phone).
        #[arg(long, value_name = "NUMBER")]
        phone: Option<String>,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
        /// Who met the person (default: this device's name in its team).
        #[arg(long)]
        by: Option<String>,
    },
    /// Turn a quick contact into an intake: the interview goes on on the same record
    /// (`person edit`). Refused if the person is an intake already.
    Intake {
        /// The person's record id.
        person: String,
        /// Who started the intake (default: this device's name in its team).
        #[arg(long)]
        by: Option<String>,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlaceCmd {
    #[command(flatten)]
    Record(RecordCmd),
    /// Retire a place no longer used: it stays, so the records that name it still
    /// show its name, but new quick contacts refuse it.
    Retire {
        /// The place's record id.
        id: String,
        /// From the day (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Put a retired place back in use.
    Reinstate {
        /// The place's record id.
        id: String,
    },
}

/// `ponte contact ...`.
pub fn contact(home: &Path, cmd: ContactCmd) -> Outcome {
    match cmd {
        ContactCmd::Add {
            alias,
            place,
            language,
            given,
            said,
            recontact,
            recontact_how,
            phone,
            date,
            by,
        } => {
            let recontact = recontact.as_deref().map(contact::recontact).transpose()?;
            let c = QuickContact {
                alias: &alias,
                place: place.as_deref(),
                language: language.as_deref(),
                given: &given,
                said: said.as_deref(),
                recontact,
                recontact_how: &recontact_how,
                phone: phone.as_deref(),
                date: date.as_deref(),
                by: by.as_deref(),
            };
            // What needs no store is checked before the passphrase is asked for.
            contact::check(&c)?;
            let mut store = unlock(home)?;
            let id = contact::add(&mut store, &c)?;
            print_json(&json!({"id": id.to_hex()}))
        }
        ContactCmd::Intake { person, by, date } => {
            parse_id(&person)?;
            case::check_date(date.as_deref())?;
            let mut store = unlock(home)?;
            let day = contact::intake(&mut store, &person, by.as_deref(), date.as_deref())?;
            print_json(&json!({"id": person.trim(), "intake_started": day.to_string()}))
        }
    }
}

/// `ponte place ...`.
pub fn place(home: &Path, cmd: PlaceCmd) -> Outcome {
    match cmd {
        PlaceCmd::Record(cmd) => record_cmd(home, Kind::Place, cmd),
        PlaceCmd::Retire { id, date } => {
            case::check_date(date.as_deref())?;
            let mut store = unlock(home)?;
            let day = place::retire(&mut store, &id, date.as_deref())?;
            print_json(&json!({"id": id.trim(), "retired": day.to_string()}))
        }
        PlaceCmd::Reinstate { id } => {
            let mut store = unlock(home)?;
            place::reinstate(&mut store, &id)?;
            print_json(&json!({"id": id.trim(), "retired": null}))
        }
    }
}

//! `ponte outreach`: the record commands (add, edit, show, list, erase, import) and
//! outreach counting: `tally`, `counts`, `members`, `group add`, `group follow-up`.
//! Parse, call `ponte_device::outreach`, print JSON.

use std::path::Path;

use clap::{Args, Subcommand};
use ponte_device::outreach::{self, Counter, FollowUpContact, Group, OutreachCounts, Tap};
use ponte_device::records::parse_id;
use ponte_model::Kind;
use serde_json::{Value, json};

use crate::cli::{Outcome, RecordCmd, print_json, record_cmd, unlock};

#[derive(Debug, Subcommand)]
pub enum OutreachCmd {
    #[command(flatten)]
    Record(RecordCmd),
    /// Count at the pick-up point: +1 / -1 taps, printed as the new counts. A woman,
    /// a man or a person whose sex is not stated also counts in the total; minors are
    /// among the people met (tap their sex as well).
    Tally(TallyArgs),
    /// Show an outreach session's counts.
    Counts {
        /// The outreach record id.
        id: String,
    },
    /// Set the team members of a session: device ids from the team (see `ponte
    /// devices`); replaces the list. An id not in the team is refused.
    Members {
        /// The outreach record id.
        id: String,
        /// The members' device ids.
        devices: Vec<String>,
    },
    /// Group sessions held during an outreach session.
    #[command(subcommand)]
    Group(GroupCmd),
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    /// The outreach record id.
    id: String,
    /// Women met: +1, -1, +N.
    #[arg(long, allow_hyphen_values = true, value_name = "+N|-N")]
    women: Option<String>,
    /// Men met.
    #[arg(long, allow_hyphen_values = true, value_name = "+N|-N")]
    men: Option<String>,
    /// People met whose sex is not stated.
    #[arg(long, allow_hyphen_values = true, value_name = "+N|-N")]
    not_stated: Option<String>,
    /// Of the people met, minors.
    #[arg(long, allow_hyphen_values = true, value_name = "+N|-N")]
    minors: Option<String>,
    /// A nationality seen, as COUNTRY=+N (ISO 3166-1 alpha-2, e.g. NG=+1); repeatable.
    #[arg(long, allow_hyphen_values = true, value_name = "CC=+N")]
    nationality: Vec<String>,
    /// A material handed out, as CODE=+N (e.g. rights_leaflet=+2); repeatable.
    #[arg(long, allow_hyphen_values = true, value_name = "CODE=+N")]
    material: Vec<String>,
}

impl TallyArgs {
    /// The taps, checked (before the passphrase is asked for).
    fn taps(&self) -> Result<Vec<Tap>, ponte_device::Failure> {
        let mut taps = Vec::new();
        for (what, delta) in [
            (Counter::Women, &self.women),
            (Counter::Men, &self.men),
            (Counter::NotStated, &self.not_stated),
            (Counter::Minors, &self.minors),
        ] {
            if let Some(d) = delta {
                taps.push(Tap {
                    what,
                    delta: outreach::parse_delta(d)?,
                });
            }
        }
        for pair in &self.nationality {
            let (code, delta) = outreach::parse_pair(pair)?;
            taps.push(Tap {
                what: Counter::Nationality(code),
                delta,
            });
        }
        for pair in &self.material {
            let (code, delta) = outreach::parse_pair(pair)?;
            taps.push(Tap {
                what: Counter::Material(code),
                delta,
            });
        }
        outreach::check_taps(&taps)
    }
}

#[derive(Debug, Subcommand)]
pub enum GroupCmd {
    /// Add a group session; prints its id.
    Add {
        /// The outreach record id.
        id: String,
        /// The topic: rights, job_placement_protocol, health, housing, documents,
        /// safety_at_work, other.
        #[arg(long)]
        topic: String,
        /// How many attended.
        #[arg(long)]
        attendance: u32,
        /// Of them, women.
        #[arg(long)]
        women: Option<u32>,
        /// Of them, men.
        #[arg(long)]
        men: Option<u32>,
        /// Of them, minors.
        #[arg(long)]
        minors: Option<u32>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// A person who asked for an individual follow-up: link their quick contact
    /// (PERSON), or record one now at the session's place (--alias); prints the
    /// person's id.
    FollowUp {
        /// The outreach record id.
        id: String,
        /// The group session's id.
        group: String,
        /// The person's record id (a quick contact already recorded).
        #[arg(required_unless_present = "alias", conflicts_with = "alias")]
        person: Option<String>,
        /// Record a new quick contact: the name the person gave, or a description.
        #[arg(long)]
        alias: Option<String>,
        /// The new contact's language: a language tag (pa, pa-Guru, wo...).
        #[arg(long, value_name = "TAG", requires = "alias")]
        language: Option<String>,
        /// Agrees to be contacted again: yes or no, as the person answered. Not given:
        /// not asked, and nothing is recorded (never a yes).
        #[arg(long, value_name = "yes|no", requires = "alias")]
        recontact: Option<String>,
        /// How the new contact agreed to be contacted again (only with --recontact
        /// yes): at_place, phone, mediator, sportello; comma separated or repeated.
        #[arg(long, value_delimiter = ',', value_name = "WAYS", requires = "alias")]
        recontact_how: Vec<String>,
        /// The new contact's phone number (only with --recontact-how phone).
        #[arg(long, value_name = "NUMBER", requires = "alias")]
        phone: Option<String>,
        /// The day (YYYY-MM-DD; default today).
        #[arg(long, requires = "alias")]
        date: Option<String>,
        /// Who met the person (default: this device's name in its team).
        #[arg(long, requires = "alias")]
        by: Option<String>,
    },
}

fn counts_json(id: &str, c: &OutreachCounts) -> Value {
    json!({
        "outreach": id,
        "people_met": {
            "total": c.total,
            "women": c.women,
            "men": c.men,
            "not_stated": c.not_stated,
            "sex_not_counted": c.sex_not_counted,
            "minors": c.minors,
        },
        "nationalities": c.nationalities,
        "materials": c.materials,
    })
}

pub fn outreach(home: &Path, cmd: OutreachCmd) -> Outcome {
    match cmd {
        OutreachCmd::Record(cmd) => record_cmd(home, Kind::Outreach, cmd),
        OutreachCmd::Tally(args) => {
            parse_id(&args.id)?;
            let taps = args.taps()?;
            let mut store = unlock(home)?;
            let counts = outreach::tally(&mut store, &args.id, &taps)?;
            print_json(&counts_json(args.id.trim(), &counts))
        }
        OutreachCmd::Counts { id } => {
            parse_id(&id)?;
            let mut store = unlock(home)?;
            let counts = outreach::counts(&mut store, &id)?;
            print_json(&counts_json(id.trim(), &counts))
        }
        OutreachCmd::Members { id, devices } => {
            parse_id(&id)?;
            let mut store = unlock(home)?;
            let members = outreach::set_members(&mut store, &id, &devices)?;
            let rows: Vec<Value> = members
                .iter()
                .map(|m| json!({"device": m.device, "name": m.name}))
                .collect();
            print_json(&json!({"outreach": id.trim(), "members": rows}))
        }
        OutreachCmd::Group(GroupCmd::Add {
            id,
            topic,
            attendance,
            women,
            men,
            minors,
            note,
        }) => {
            parse_id(&id)?;
            let group = Group {
                topic: &topic,
                attendance,
                women,
                men,
                minors,
                note: note.as_deref(),
            };
            outreach::check_group(&group)?;
            let mut store = unlock(home)?;
            let entry = outreach::add_group(&mut store, &id, &group)?;
            print_json(&json!({"outreach": id.trim(), "group": entry}))
        }
        OutreachCmd::Group(GroupCmd::FollowUp {
            id,
            group,
            person,
            alias,
            language,
            recontact,
            recontact_how,
            phone,
            date,
            by,
        }) => {
            parse_id(&id)?;
            let person = match (person, alias) {
                (Some(person), _) => {
                    parse_id(&person)?;
                    let mut store = unlock(home)?;
                    outreach::link_follow_up(&mut store, &id, &group, &person)?;
                    person.trim().to_owned()
                }
                (None, alias) => {
                    let recontact = recontact
                        .as_deref()
                        .map(ponte_device::contact::recontact)
                        .transpose()?;
                    let contact = FollowUpContact {
                        alias: alias.as_deref().unwrap_or_default(),
                        language: language.as_deref(),
                        recontact,
                        recontact_how: &recontact_how,
                        phone: phone.as_deref(),
                        date: date.as_deref(),
                        by: by.as_deref(),
                    };
                    outreach::check_follow_up_contact(&contact)?;
                    let mut store = unlock(home)?;
                    outreach::follow_up_contact(&mut store, &id, &group, &contact)?.to_hex()
                }
            };
            print_json(&json!({"outreach": id.trim(), "group": group, "person": person}))
        }
    }
}

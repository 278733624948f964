//! Outreach counting at the pick-up point: the tally's taps and counts, the team
//! members picked from the roster, and the group sessions of an outreach session.
//!
//! The rules (what a tap does to the total, the floor at 0, which device ids are in
//! the team) are `ponte_device::outreach`'s; these are the types that cross IPC.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What one tally button counts.
///
/// On the wire: `"women"`, `"men"`, `"not_stated"`, `"minors"`,
/// `{"nationality": "NG"}` (ISO 3166-1 alpha-2), `{"material": "rights_leaflet"}` (a
/// code of `ponte_model::vocab::MATERIALS`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counter {
    /// A woman met: also one more person met (`people_met.total`).
    Women,
    /// A man met: also one more person met.
    Men,
    /// A person met whose sex was not stated: also one more person met.
    NotStated,
    /// Of the people met, a minor (not a new person: tap the sex as well).
    Minors,
    /// A person of this nationality seen (main nationalities; not tied to the total).
    Nationality(String),
    /// This material handed out.
    Material(String),
}

/// One tap: a counter and how much it moves (`+1`, `-1`; any step up to the count's
/// limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tap {
    /// What is counted.
    pub what: Counter,
    /// By how much: positive adds, negative takes away (never below 0).
    pub delta: i64,
}

/// Arguments of `outreach_tally`: the taps are applied together, in one write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyArgs {
    /// The outreach record id (hex).
    pub id: String,
    /// The taps (usually one).
    pub taps: Vec<Tap>,
}

/// An outreach session's counts, after a tally or as they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OutreachCounts {
    /// People met (`people_met.total`).
    pub total: u32,
    /// Women.
    pub women: u32,
    /// Men.
    pub men: u32,
    /// Sex not stated (tapped as such).
    pub not_stated: u32,
    /// People met counted without their sex (a total typed as one number):
    /// `total - women - men - not_stated`.
    pub sex_not_counted: u32,
    /// Minors among the people met.
    pub minors: u32,
    /// Main nationalities seen: country code -> count.
    pub nationalities: BTreeMap<String, u32>,
    /// Materials handed out: material code -> count.
    pub materials: BTreeMap<String, u32>,
}

/// Arguments of `outreach_members`: the session's team, as picked from the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersArgs {
    /// The outreach record id (hex).
    pub id: String,
    /// The device ids of the members who were there (from `team_members`); replaces
    /// the session's list.
    pub devices: Vec<String>,
}

/// A member of the team as the signed roster on this device names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Device id (hex).
    pub device: String,
    /// The device's name in the team.
    pub name: String,
    /// It is this device.
    pub this_device: bool,
}

/// Arguments of `outreach_group_add`: a group session held during an outreach session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupAddArgs {
    /// The outreach record id (hex).
    pub id: String,
    /// The topic: a code of `ponte_model::vocab::GROUP_TOPICS` (rights,
    /// job_placement_protocol, health, housing, documents, safety_at_work, other).
    pub topic: String,
    /// How many attended.
    pub attendance: u32,
    /// Of them, women (optional).
    #[serde(default)]
    pub women: Option<u32>,
    /// Of them, men (optional).
    #[serde(default)]
    pub men: Option<u32>,
    /// Of them, minors (optional).
    #[serde(default)]
    pub minors: Option<u32>,
    /// A note (optional).
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `outreach_group_follow_up`: a person who asked for an individual
/// follow-up at a group session, linked by the id of their person record (a quick
/// contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFollowUpArgs {
    /// The outreach record id (hex).
    pub id: String,
    /// The group session's entry id (a key of the outreach's `groups`).
    pub group: String,
    /// The person record id (hex).
    pub person: String,
}

/// Arguments of a group session's follow-up recorded there and then: a person who asked
/// for an individual follow-up, written as a new quick contact at the session's place
/// and linked to the group (`ponte_device::outreach::follow_up_contact`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GroupFollowUpContactArgs {
    /// The outreach record id (hex).
    pub id: String,
    /// The group session's entry id (a key of the outreach's `groups`).
    pub group: String,
    /// The name the person gave, or a description: 1..80.
    pub alias: String,
    /// The language spoken: a language tag, if said.
    #[serde(default)]
    pub language: Option<String>,
    /// Agrees to be contacted again, as the person answered when asked. Absent or
    /// `None`: not asked, and nothing is recorded (never a yes).
    #[serde(default)]
    pub recontact: Option<bool>,
    /// How the person agreed to be contacted again: `recontact_ways` codes, only with
    /// `recontact: Some(true)`; empty when not said.
    #[serde(default)]
    pub recontact_how: Vec<String>,
    /// The person's phone number, kept as the person's `phone`; only when
    /// `recontact_how` holds `phone`.
    #[serde(default)]
    pub phone: Option<String>,
    /// The day (`YYYY-MM-DD`); `None` is today.
    #[serde(default)]
    pub date: Option<String>,
}

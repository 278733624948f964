//! Quick contacts and the team's places: the arguments of `quick_contact`,
//! `contact_intake` (an [`IdArgs`](crate::cmd::IdArgs)) and `place_retire`.
//!
//! Places themselves are records of kind `place`, listed with `list`
//! (`Query { kind: Some(Kind::Place), .. }`) and added or edited with `create` and
//! `edit`, like services. The rules (the place exists and is in use, the language and
//! material codes, the answer to "contacted again?" and how, the phone number) are the
//! core's
//! (`ponte_device::contact`): these types only carry what a screen chose.

use serde::{Deserialize, Serialize};

/// Arguments of `quick_contact`: a first meeting without a full interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct QuickContactArgs {
    /// The name the person gave, or a description ("man in the red cap"): 1..80.
    pub alias: String,
    /// Where: the record id (hex) of a place of the team's list that is not retired.
    #[serde(default)]
    pub place_id: Option<String>,
    /// The language spoken: a language tag (`pa`, `pa-Guru`, `wo`).
    #[serde(default)]
    pub language: Option<String>,
    /// What was handed out: `materials` codes (`rights_leaflet`, `helpline_card`...).
    #[serde(default)]
    pub given: Vec<String>,
    /// What was said, as a short note.
    #[serde(default)]
    pub said: Option<String>,
    /// Agrees to be contacted again; `None` (not answered) is refused
    /// (`contact-no-recontact`): the screen must ask.
    #[serde(default)]
    pub recontact: Option<bool>,
    /// How the person agreed to be contacted again: `recontact_ways` codes (`at_place`,
    /// `phone`, `mediator`, `sportello`). Only with `recontact: Some(true)`
    /// (`contact-way-without-yes`); empty when not said.
    #[serde(default)]
    pub recontact_how: Vec<String>,
    /// The person's phone number (up to 40 characters), kept as the person's `phone`.
    /// Only when `recontact_how` holds `phone` (`contact-phone-without-way`).
    #[serde(default)]
    pub phone: Option<String>,
    /// The day (`YYYY-MM-DD`); `None` is today.
    #[serde(default)]
    pub date: Option<String>,
}

/// Arguments of `place_retire`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRetireArgs {
    /// The place's record id (hex).
    pub id: String,
    /// `true`: retire it from today (kept, so old records still name it; new quick
    /// contacts refuse it). `false`: put it back in use.
    pub retired: bool,
}

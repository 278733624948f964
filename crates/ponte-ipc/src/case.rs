//! The case flow's arguments and answers: taking a case in charge, its goals, closing
//! and reopening, a referral's outcome steps and its sheets, follow-ups done or moved,
//! what is due, the person's timeline, a consent withdrawn.
//!
//! Every step names the person and the entry by their ids; who did it is this
//! device's name in its team (the core's default), when is today unless a date is
//! given. The rules (which outcome may follow which, which reason closes a case) are
//! the core's: these types only carry what a screen chose.

use serde::{Deserialize, Serialize};

/// A step recorded: as the core answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDone {
    /// The entry id of the step (a case event, an outcome step, a goal, a follow-up).
    pub entry: String,
    /// Its date (`YYYY-MM-DD`).
    pub date: String,
    /// Who did it.
    pub by: String,
}

/// Arguments of `case_take`: take the case in charge with `operator` responsible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The operator responsible: a team member's name, picked from the team.
    pub operator: String,
}

/// Arguments of `case_goal_add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalAddArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The goal's text.
    pub text: String,
}

/// Arguments of `case_goal_done`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDoneArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The goal's id (a key of the person's `case_goals`).
    pub goal: String,
}

/// Arguments of `case_goal_drop`: an open goal given up, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDropArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The goal's id (a key of the person's `case_goals`).
    pub goal: String,
    /// A note on the step (why it was dropped).
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `case_close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The closing reason (`ponte_model::vocab::CLOSE_REASONS`).
    pub reason: String,
    /// A note on the closing.
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `case_reopen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenArgs {
    /// The person's record id (hex).
    pub person: String,
}

/// Arguments of `referral_outcome`: the referral's next outcome, with its date and a
/// note; earlier steps are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The referral's entry id (a key of the person's `referrals`).
    pub referral: String,
    /// The outcome (`ponte_model::vocab::REFERRAL_OUTCOMES`).
    pub outcome: String,
    /// The day (`YYYY-MM-DD`); today when `None`.
    #[serde(default)]
    pub date: Option<String>,
    /// A note on the step.
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `followup_done`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupDoneArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The follow-up's entry id (a key of the person's `followups`).
    pub followup: String,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `followup_move`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupMoveArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The follow-up's entry id.
    pub followup: String,
    /// The new due date (`YYYY-MM-DD`).
    pub due: String,
}

/// One person with an open follow-up (`followups_due`), the earliest due first: the
/// overdue ones come first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRow {
    /// The person's record id (hex).
    pub person: String,
    /// The person's alias.
    pub title: String,
    /// The earliest open follow-up's due date (`YYYY-MM-DD`).
    pub due: String,
    /// It is past.
    pub overdue: bool,
    /// What that follow-up is, when a rule made it (a `followup_kinds` code, e.g.
    /// `permit_renewal`); `None` for one added by hand.
    #[serde(default)]
    pub kind: Option<String>,
}

/// One line of a person's timeline, oldest first: a case event (`what` `case`), a
/// referral's outcome step (`referral`), a follow-up done (`followup_done`), a consent
/// withdrawn (`consent_withdrawn`) or a quick contact's first meeting
/// (`first_contact`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineLine {
    /// The day (`YYYY-MM-DD`).
    pub date: String,
    /// `case`, `referral_made` (a referral made), `referral` (a referral's outcome
    /// step), `followup_done`, `consent_withdrawn` or `first_contact` (a quick contact).
    pub what: String,
    /// The entry id in its collection.
    pub entry: String,
    /// A case event's kind (`ponte_model::vocab::CASE_EVENT_KINDS`).
    #[serde(default)]
    pub kind: Option<String>,
    /// Who did it.
    #[serde(default)]
    pub by: Option<String>,
    /// The operator a case was taken in charge by.
    #[serde(default)]
    pub operator: Option<String>,
    /// The reason a case was closed.
    #[serde(default)]
    pub reason: Option<String>,
    /// The goal a goal event is about (a key of `case_goals`).
    #[serde(default)]
    pub goal: Option<String>,
    /// The referral made, or the one an outcome step is about (a key of `referrals`).
    #[serde(default)]
    pub referral: Option<String>,
    /// The outcome of a referral step.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The follow-up's due date, for a follow-up done.
    #[serde(default)]
    pub due: Option<String>,
    /// The consent withdrawn (a key of `consents`).
    #[serde(default)]
    pub consent: Option<String>,
    /// The withdrawn consent's purpose (`consent_purposes` code).
    #[serde(default)]
    pub purpose: Option<String>,
    /// Where to (`service_types` code): a referral made's, or a withdrawn referral
    /// consent's.
    #[serde(default)]
    pub destination: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `referral_sheet`. No path: the shell writes the sheet into the app's
/// exports folder, and an argument it does not know (an `out` a page script adds) is
/// refused rather than ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The referral's entry id.
    pub referral: String,
    /// `None`: the receiving service's sheet, in Italian; `Some(lang)`: the worker's
    /// copy in that worker language.
    #[serde(default)]
    pub worker: Option<String>,
}

/// A sheet written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetMade {
    /// The file written.
    pub path: String,
    /// The language it is written in.
    pub language: String,
}

/// Arguments of `referral_sender`: the referring team printed on every sheet. All
/// `None`: just show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SenderArgs {
    /// The organisation or team that refers.
    #[serde(default)]
    pub team: Option<String>,
    /// The operator who follows referrals, if one is named.
    #[serde(default)]
    pub operator: Option<String>,
    /// How the service and the worker reach the team (phone, e-mail).
    #[serde(default)]
    pub contact: Option<String>,
}

/// The referring team printed on sheets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderView {
    /// The organisation or team.
    pub team: String,
    /// The operator, if named.
    pub operator: Option<String>,
    /// The contact.
    pub contact: String,
}

/// Arguments of `consent_withdraw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The consent's entry id (a key of the person's `consents`).
    pub consent: String,
    /// The day (`YYYY-MM-DD`); today when `None`.
    #[serde(default)]
    pub date: Option<String>,
}

/// Arguments of `followup_add`: an open follow-up due on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FollowupAddArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The due date (`YYYY-MM-DD`).
    pub due: String,
}

/// Arguments of `encounter_add`: a meeting with the person at today's listening point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EncounterAddArgs {
    /// The person's record id (hex).
    pub person: String,
    /// The day (`YYYY-MM-DD`); today when `None`.
    #[serde(default)]
    pub date: Option<String>,
}

/// Arguments of `consent_add`: a consent given today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConsentAddArgs {
    /// The person's record id (hex).
    pub person: String,
    /// `intake` or `referral` (`ponte_model::vocab::CONSENT_PURPOSES`).
    pub purpose: String,
    /// A referral consent's destination (`service_types` code).
    #[serde(default)]
    pub destination: Option<String>,
    /// The worker language the consent text was read in.
    pub language: String,
    /// A referral consent: the fields ticked of `ponte_model::vocab::SHARE_FIELDS`
    /// (the name and languages are always shared).
    #[serde(default)]
    pub share: Vec<String>,
}

/// Arguments of `intake_create`: a new person and the intake consent given for the
/// interview, recorded together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IntakeCreateArgs {
    /// The person's fields (as `create` takes them).
    pub fields: serde_json::Value,
    /// The worker language the intake consent was read in.
    pub language: String,
}

/// The appointment a service gave, as typed (blank fields are left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Appointment {
    /// The day (`YYYY-MM-DD`).
    #[serde(default)]
    pub date: Option<String>,
    /// The time.
    #[serde(default)]
    pub time: Option<String>,
    /// Whom to ask for.
    #[serde(default)]
    pub ask_for: Option<String>,
    /// What to bring.
    #[serde(default)]
    pub bring: Option<String>,
}

/// Arguments of `referral_add`: refer the person today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReferralAddArgs {
    /// The person's record id (hex).
    pub person: String,
    /// Where to (`service_types` code).
    pub destination: String,
    /// The service of the directory (its record id), if one was picked.
    #[serde(default)]
    pub service: Option<String>,
    /// The appointment the service gave.
    #[serde(default)]
    pub appointment: Appointment,
    /// A note for the service.
    #[serde(default)]
    pub note: Option<String>,
}

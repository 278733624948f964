//! The IPC contract: every command the shell offers, with its one argument struct and
//! its answer.
//!
//! A command is a type implementing [`Command`]. The shell declares each function as
//! `fn name(app, args: Args<cmd::Name>) -> Reply<cmd::Name>`, and the screens call
//! `ipc::call::<cmd::Name>(args)`, which sends `{"args": <the struct>}` under
//! [`Command::NAME`]. A command whose types change on one side no longer compiles on
//! the other; a name or a registration that drifts is caught by the shell's tests,
//! which call every entry of [`ALL`] through Tauri's mock runtime.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::{Zeroize, ZeroizeOnDrop};

use ponte_model::Kind;
use ponte_model::summary::Query;

use crate::audit;
use crate::case;
use crate::conflict;
use crate::contact;
use crate::outreach;
use crate::programme;
use crate::restrict;
use crate::{
    Approved, DeviceRow, Invite, IpcError, RecoveryKit, ReportView, Role, Row, Status,
    TeamSettingsView,
};

/// One command of the contract.
pub trait Command {
    /// The command's name, as the shell registers it.
    const NAME: &'static str;
    /// Its one argument, sent as `{"args": ...}`.
    type Args: Serialize + DeserializeOwned;
    /// What it answers on success.
    type Output: Serialize + DeserializeOwned;
}

/// The argument type of command `C`.
pub type Args<C> = <C as Command>::Args;
/// The answer of command `C`, or an [`IpcError`].
pub type Reply<C> = Result<<C as Command>::Output, IpcError>;

/// The name of the single parameter every shell command takes.
pub const ARGS_KEY: &str = "args";

macro_rules! commands {
    ($( $(#[$doc:meta])* $ty:ident = $name:literal ($args:ty) -> $out:ty; )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $ty {}
            impl Command for $ty {
                const NAME: &'static str = $name;
                type Args = $args;
                type Output = $out;
            }
        )*
        /// Every command's name, in the order the shell registers them.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

commands! {
    /// Where the app is and how sync stands.
    GetStatus = "status" (NoArgs) -> Status;
    /// Change preferences (language, auto-lock, today's listening point).
    SetPrefs = "set_prefs" (Prefs) -> Status;
    /// Create this device's encrypted store.
    Init = "init" (PassphraseArgs) -> Status;
    /// Unlock the store.
    Unlock = "unlock" (PassphraseArgs) -> Status;
    /// Lock: drop every key from memory.
    Lock = "lock" (NoArgs) -> Status;
    /// Create a team on a relay; this device becomes its supervisor.
    CreateTeam = "create_team" (CreateTeamArgs) -> Status;
    /// Ask to join a team with an invite code.
    JoinTeam = "join_team" (JoinTeamArgs) -> Status;
    /// The invite code in a QR picture (PNG).
    DecodeQr = "decode_qr" (QrImageArgs) -> String;
    /// A one-time invite for a new device (supervisor).
    MakeInvite = "invite" (NoArgs) -> Invite;
    /// Approve every device waiting whose invite checks (supervisor).
    Approve = "approve" (NoArgs) -> Vec<Approved>;
    /// The team's devices.
    Devices = "devices" (NoArgs) -> Vec<DeviceRow>;
    /// Remove a device and rotate the team key (supervisor).
    Revoke = "revoke" (DeviceArgs) -> ();
    /// Sync now.
    SyncNow = "sync_now" (NoArgs) -> Status;
    /// List records (summaries only).
    List = "list" (ListArgs) -> Vec<Row>;
    /// One record's fields.
    Get = "get" (IdArgs) -> Value;
    /// Create a record; answers its id.
    Create = "create" (CreateArgs) -> String;
    /// Merge-patch a record.
    Edit = "edit" (EditArgs) -> ();
    /// Erase a person everywhere (supervisor in a team).
    Erase = "erase" (IdArgs) -> ();
    /// The funder report for a period, labelled (supervisor; audited).
    Report = "report" (PeriodArgs) -> ReportView;
    /// The funder report as a workbook; answers the file written (supervisor; audited).
    ReportExport = "report_export" (PeriodArgs) -> String;
    /// Panic wipe: destroy the store (key first, then files) without the passphrase,
    /// locked or not; the app is then on its first run.
    Panic = "panic" (NoArgs) -> Status;
    /// Set a short PIN for the working day (unlocked): a lock (quick lock, idle,
    /// window hidden, the worker's screen) then keeps the keys sealed in memory under
    /// it, so the PIN reopens the app until the day ends or 5 wrong PINs.
    SetPin = "set_pin" (PinArgs) -> Status;
    /// Set (or replace) the duress passphrase (unlocked): entered at unlock, it
    /// destroys this store and opens an empty one (`ponte duress set`).
    SetDuress = "set_duress" (PassphraseArgs) -> Status;
    /// Forget the PIN: a lock drops every key again.
    ClearPin = "clear_pin" (NoArgs) -> Status;
    /// Reopen with the PIN (only while `Status::pin_ready`).
    UnlockPin = "unlock_pin" (PinArgs) -> Status;
    /// Hand the device to the worker: lock (keys sealed under the PIN, or dropped) and
    /// show only the worker's screen in `lang` until the PIN or the passphrase.
    HandToWorker = "hand_to_worker" (WorkerArgs) -> Status;
    /// The person is using the app (a tap, a key): the shell's idle timer starts over.
    Activity = "activity" (NoArgs) -> ();
    /// The team rules (unlock attempt limit, key lease): shown with empty arguments
    /// (any device in a team); changed by the supervisor, signed into a new roster on
    /// the relay. Every device applies them at its next sync.
    TeamSettings = "team_settings" (TeamSettingsArgs) -> TeamSettingsView;
    /// Take a person's case in charge with the operator responsible (a team member).
    CaseTake = "case_take" (case::TakeArgs) -> case::StepDone;
    /// Add a goal to a person's case plan; `entry` of the answer is the goal's id.
    CaseGoalAdd = "case_goal_add" (case::GoalAddArgs) -> case::StepDone;
    /// Mark an open goal done.
    CaseGoalDone = "case_goal_done" (case::GoalDoneArgs) -> case::StepDone;
    /// Drop an open goal (state `dropped`), with an optional note.
    CaseGoalDrop = "case_goal_drop" (case::GoalDropArgs) -> case::StepDone;
    /// Close a case with a reason from the vocabulary.
    CaseClose = "case_close" (case::CloseArgs) -> case::StepDone;
    /// Reopen a closed case.
    CaseReopen = "case_reopen" (case::ReopenArgs) -> case::StepDone;
    /// A referral's next outcome, with its date and a note (kept as history).
    ReferralOutcome = "referral_outcome" (case::OutcomeArgs) -> case::StepDone;
    /// Mark a follow-up done, with a note.
    FollowupDone = "followup_done" (case::FollowupDoneArgs) -> case::StepDone;
    /// Move an open follow-up to a new due date; answers the date.
    FollowupMove = "followup_move" (case::FollowupMoveArgs) -> String;
    /// Add an open follow-up due on a day; answers its entry id.
    FollowupAdd = "followup_add" (case::FollowupAddArgs) -> String;
    /// Record an encounter (today, at today's listening point); answers its entry id.
    EncounterAdd = "encounter_add" (case::EncounterAddArgs) -> String;
    /// Record a consent given today (intake, or a referral's with what is shared);
    /// answers its entry id.
    ConsentAdd = "consent_add" (case::ConsentAddArgs) -> String;
    /// Create a person with the intake consent given before the record existed, in one
    /// write; answers the new record's id.
    IntakeCreate = "intake_create" (case::IntakeCreateArgs) -> String;
    /// Refer a person today: refused without a consent covering the destination or on
    /// a closed case; the status becomes `referred` unless the case moved further.
    /// Answers the referral's entry id.
    ReferralAdd = "referral_add" (case::ReferralAddArgs) -> String;
    /// The people with an open follow-up, the earliest due first (overdue first).
    FollowupsDue = "followups_due" (NoArgs) -> Vec<case::DueRow>;
    /// A person's timeline: case steps, referral outcomes, follow-ups done, with who
    /// and when, oldest first.
    Timeline = "timeline" (IdArgs) -> Vec<case::TimelineLine>;
    /// Write a referral's sheet as PDF (the service's in Italian, or the worker's copy
    /// in a worker language) into the app's exports folder, never elsewhere: the page
    /// names no path; answers the file written (audited by the core).
    ReferralSheet = "referral_sheet" (case::SheetArgs) -> case::SheetMade;
    /// The referring team printed on sheets: shown with empty arguments, else set.
    ReferralSender = "referral_sender" (case::SenderArgs) -> Option<case::SenderView>;
    /// Withdraw a consent (GDPR art. 7(3)); answers the day it was withdrawn.
    ConsentWithdraw = "consent_withdraw" (case::WithdrawArgs) -> String;
    /// Outreach tally: apply +1 / -1 taps to an outreach session's counts in one
    /// write; answers the new counts.
    OutreachTally = "outreach_tally" (outreach::TallyArgs) -> outreach::OutreachCounts;
    /// An outreach session's counts as they stand.
    OutreachCounts = "outreach_counts" (IdArgs) -> outreach::OutreachCounts;
    /// The team's members from the signed roster on this device (offline), to pick
    /// an outreach session's team from.
    TeamMembers = "team_members" (NoArgs) -> Vec<outreach::TeamMember>;
    /// Set an outreach session's team members (device ids from the roster; another
    /// id is refused); answers them with their names.
    OutreachMembers = "outreach_members" (outreach::MembersArgs) -> Vec<outreach::TeamMember>;
    /// Add a group session to an outreach session; answers its entry id.
    OutreachGroupAdd = "outreach_group_add" (outreach::GroupAddArgs) -> String;
    /// Link a person (a quick contact) who asked for an individual follow-up to a
    /// group session.
    OutreachGroupFollowUp = "outreach_group_follow_up" (outreach::GroupFollowUpArgs) -> ();
    /// Record a quick contact (a first meeting without a full interview): a new person
    /// shown as a contact (`Summary::stage` `contact`); answers its record id.
    QuickContact = "quick_contact" (contact::QuickContactArgs) -> String;
    /// Turn a quick contact into an intake: the interview continues on the same record
    /// (`intake_started` and a timeline step); refused if it is one already.
    ContactToIntake = "contact_intake" (IdArgs) -> ();
    /// Retire a place of the team's list, or put it back in use.
    PlaceRetire = "place_retire" (contact::PlaceRetireArgs) -> ();
    /// The fields of a record that two or more devices set while apart, each value
    /// with the device that wrote it (audited as a view); empty when none.
    Conflicts = "conflicts" (IdArgs) -> Vec<conflict::Conflict>;
    /// Keep one value of a conflict (a device's, or another): written over every
    /// value, so the conflict ends on every device after sync; audited as an edit.
    Resolve = "resolve" (conflict::ResolveArgs) -> ();
    /// Approve the devices waiting (all, or the one named) whose invite checks, in a
    /// role (supervisor).
    ApproveAs = "approve_as" (ApproveAsArgs) -> Vec<Approved>;
    /// Give a device of the team a role (supervisor): `supervisor` makes a deputy.
    SetRole = "set_role" (RoleArgs) -> ();
    /// Hand the supervisor role to another device (supervisor); this one becomes an
    /// operator.
    Handover = "handover" (DeviceArgs) -> ();
    /// Make a new recovery kit (supervisor): the old one stops working. The device
    /// keeps it, sealed, until it is marked printed.
    RecoveryKitNew = "recovery_kit_new" (NoArgs) -> RecoveryKit;
    /// The recovery kit made on this device and not yet marked printed, if any.
    RecoveryKitPending = "recovery_kit_pending" (NoArgs) -> Option<RecoveryKit>;
    /// The recovery kit is printed and in the safe: the device forgets it.
    RecoveryKitPrinted = "recovery_kit_printed" (NoArgs) -> Status;
    /// Take over the supervisor role of a team with its recovery kit (a device in no
    /// team); the new kit is then pending ([`RecoveryKitPending`]).
    RecoverTeam = "recover_team" (RecoverArgs) -> Status;
    /// The programme this coordinator's device holds: its teams and the periods
    /// received from each.
    ProgrammeList = "programme_list" (NoArgs) -> programme::Overview;
    /// The programme's report for a period: the teams' exact counts added up, small
    /// counts suppressed, labelled (audited).
    ProgrammeReport = "programme_report" (PeriodArgs) -> programme::ProgrammeView;
    /// Make this device (in no team) a programme's coordinator, with keys of its own;
    /// answers its public code.
    ProgrammeInit = "programme_init" (programme::InitArgs) -> programme::CoordinatorKey;
    /// The coordinator's public code and its QR code, for the teams' supervisors.
    ProgrammeKey = "programme_key" (NoArgs) -> programme::CoordinatorKey;
    /// Pin a team by its supervisor's team code, so that its packages are accepted.
    ProgrammeAddTeam = "programme_add_team" (programme::AddTeamArgs) -> programme::TeamRow;
    /// Import team packages picked in the screen (their bytes, never a path) into this
    /// coordinator's store; all are checked first, and nothing is kept if one fails.
    ProgrammeImportFiles = "programme_import_files" (programme::ImportFilesArgs) -> Vec<programme::Imported>;
    /// The programme's report for a period as a workbook; answers the file written
    /// (audited).
    ProgrammeExport = "programme_export" (PeriodArgs) -> String;
    /// This team supervisor's team code and its QR code, for the programme coordinator
    /// (audited).
    ProgrammeTeamCode = "programme_team_code" (programme::TeamCodeArgs) -> programme::TeamCodeView;
    /// The team's exact counts for a period, sealed to the programme coordinator of the
    /// code given and signed by this supervisor's device: a package file written beside
    /// the exported reports (audited).
    ProgrammePublish = "programme_publish" (programme::PublishArgs) -> programme::PublishedPackage;
    /// Restrict a person's record to named team devices, or open it again
    /// (supervisor); answers who reads it now.
    Restrict = "restrict" (restrict::RestrictArgs) -> restrict::Access;
    /// Who reads a record: the whole team, or the devices it is restricted to.
    Readers = "readers" (IdArgs) -> restrict::Access;
    /// Every device's audit trail, its state and its entries, newest first (supervisor;
    /// audited once).
    AuditReview = "audit_review" (audit::AuditReviewArgs) -> audit::AuditReview;
}

/// No arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NoArgs {}

/// Preferences kept outside the encrypted store (nothing about people). `None` leaves
/// a preference as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Prefs {
    /// UI language.
    pub locale: Option<String>,
    /// Auto-lock after this many idle minutes.
    pub autolock_minutes: Option<u32>,
    /// Today's listening point (kept in the store, sealed; needs an unlocked store).
    pub listening_point: Option<String>,
}

/// A passphrase (init, unlock). Zeroized when dropped, on both sides.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct PassphraseArgs {
    /// The passphrase.
    pub passphrase: String,
}

impl std::fmt::Debug for PassphraseArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PassphraseArgs(<redacted>)")
    }
}

/// A PIN (set, unlock). Zeroized when dropped, on both sides.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct PinArgs {
    /// The PIN: digits only.
    pub pin: String,
}

impl std::fmt::Debug for PinArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinArgs(<redacted>)")
    }
}

/// Arguments of `hand_to_worker`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerArgs {
    /// The worker's language (a UI language tag), for the worker's screen.
    pub lang: String,
}

/// Arguments of `create_team`. Zeroized when dropped, on both sides: the relay code
/// is a secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct CreateTeamArgs {
    /// Relay URL.
    pub relay: String,
    /// This device's name, shown to the team.
    pub device_name: String,
    /// The relay code (the relay's team-creation code), given by whoever runs the
    /// relay; `None` or blank if none was given.
    #[serde(default)]
    pub relay_code: Option<String>,
}

impl std::fmt::Debug for CreateTeamArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateTeamArgs")
            .field("relay", &self.relay)
            .field("device_name", &self.device_name)
            .field(
                "relay_code",
                &self.relay_code.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Arguments of `join_team`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct JoinTeamArgs {
    /// The invite code (`ponte1:...`): it carries a one-time secret.
    pub code: String,
    /// This device's name, shown to the team.
    pub device_name: String,
}

impl std::fmt::Debug for JoinTeamArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoinTeamArgs")
            .field("code", &"<redacted>")
            .field("device_name", &self.device_name)
            .finish()
    }
}

/// A picture that should hold a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrImageArgs {
    /// The file's bytes (PNG).
    pub image: Vec<u8>,
}

/// A device of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceArgs {
    /// Device id (hex).
    pub device: String,
}

/// Arguments of `approve_as`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproveAsArgs {
    /// The waiting device to approve (hex); `None`: every device waiting.
    #[serde(default)]
    pub device: Option<String>,
    /// Its role.
    pub role: Role,
}

/// Arguments of `set_role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleArgs {
    /// Device id (hex).
    pub device: String,
    /// Its new role: `supervisor` (a deputy), `operator` or `mediator`.
    pub role: Role,
}

/// Arguments of `recover_team`. Zeroized when dropped, on both sides: the kit's code
/// takes over the team.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct RecoverArgs {
    /// The recovery kit's code (`ponterec1:...`).
    pub code: String,
    /// This device's name, shown to the team.
    pub device_name: String,
}

impl std::fmt::Debug for RecoverArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoverArgs")
            .field("code", &"<redacted>")
            .field("device_name", &self.device_name)
            .finish()
    }
}

/// Arguments of `list`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListArgs {
    /// The filter.
    pub query: Query,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdArgs {
    /// Record id (hex).
    pub id: String,
}

/// Arguments of `create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateArgs {
    /// Kind of record.
    pub kind: Kind,
    /// Its fields.
    pub fields: Value,
}

/// Arguments of `edit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditArgs {
    /// Record id (hex).
    pub id: String,
    /// JSON merge patch (RFC 7396) of its fields.
    pub patch: Value,
}

/// Arguments of `team_settings`: each value as typed, `None` to leave it as it is
/// (both `None`: just show them). Checked by the core, as `ponte team settings` is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TeamSettingsArgs {
    /// Wrong passphrases in a row after which a device erases itself: a number, or
    /// `off`.
    #[serde(default)]
    pub unlock_attempts: Option<String>,
    /// Days without a completed sync after which a device is erased at its next
    /// unlock (the key lease).
    #[serde(default)]
    pub lease_days: Option<String>,
}

/// A period of days, both included (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodArgs {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for name in ALL {
            assert!(seen.insert(*name), "{name} twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }

    #[test]
    fn the_page_names_no_path_on_the_device() {
        // A script that got into the page must not choose where a personal-data PDF
        // is written, nor have the shell read files it names.
        assert!(!ALL.contains(&"programme_import"));
        let with_out = r#"{"person": "00", "referral": "r1", "out": "/tmp/x.pdf"}"#;
        assert!(serde_json::from_str::<case::SheetArgs>(with_out).is_err());
        let plain = r#"{"person": "00", "referral": "r1"}"#;
        assert!(serde_json::from_str::<case::SheetArgs>(plain).is_ok());
    }

    #[test]
    fn secrets_do_not_print() {
        let p = PassphraseArgs {
            passphrase: "correct horse".into(),
        };
        assert!(!format!("{p:?}").contains("horse"));
        let pin = PinArgs { pin: "4711".into() };
        assert!(!format!("{pin:?}").contains("4711"));
        let j = JoinTeamArgs {
            code: "ponte1:secret".into(),
            device_name: "van".into(),
        };
        assert!(!format!("{j:?}").contains("secret"));
        let c = CreateTeamArgs {
            relay: "https://relay.example.org".into(),
            device_name: "van".into(),
            relay_code: Some("relay-secret".into()),
        };
        assert!(!format!("{c:?}").contains("secret"));
        let r = RecoverArgs {
            code: "ponterec1:secret".into(),
            device_name: "van".into(),
        };
        assert!(!format!("{r:?}").contains("secret"));
    }

    #[test]
    fn the_relay_code_is_optional_on_the_wire() {
        let args: CreateTeamArgs =
            serde_json::from_str(r#"{"relay": "https://r.example", "device_name": "van"}"#)
                .unwrap();
        assert_eq!(args.relay_code, None);
    }
}

# Ponte app: the screens operators, mediators and supervisors use.
# Worker-facing text (consent, rights card, interview questions and options) is in worker.ftl.

## Frame and navigation
nav-label = Main menu
nav-home = Today
nav-people = People
nav-intake = New intake
nav-outreach = Outreach
nav-services = Services
nav-team = Team
nav-settings = Settings
quick-lock = Lock
sync-status-label = Sync status
sync-no-team = Not in a team: records stay on this device
sync-waiting-approval = Waiting for the supervisor's approval
sync-pending = { $count ->
    [0] nothing to send
    [one] 1 change to send
   *[other] { $count } changes to send
}
sync-running = Syncing…
sync-failed = Sync failed: { $error }
sync-last = Synced at { $time }
sync-never = Not synced yet
sync-title = Sync
sync-detail = Sync server: { $relay }. { $count ->
    [0] Every change is on the sync server.
    [one] 1 change waits to be sent.
   *[other] { $count } changes wait to be sent.
}
sync-now = Sync now
offline-note = Ponte works without a network. Changes are sent when the sync server can be reached.

## First run, unlock, settings
welcome-title = Welcome to Ponte
welcome-text = Records stay encrypted on this device. Choose your language, then a passphrase that only you know.
choose-language = Language
passphrase-new = New passphrase
passphrase-hint = At least 8 characters. There is no way to recover a lost passphrase.
passphrase-confirm = Repeat the passphrase
passphrase-set = Create the encrypted store
passphrase = Passphrase
unlock = Unlock
unlock-text = Enter your passphrase to open the records.
settings-title = Settings
autolock-label = Lock automatically after
autolock-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
revoked-title = This device was removed from the team
revoked-text = Its records have been erased. Ask your supervisor for a new invite.

## Team set-up
team-setup-title = Join or create a team
team-setup-text = A team shares its records through a sync server that only ever sees encrypted data.
device-name = Name of this device
team-join-title = Join a team
invite-code = Invite code
invite-qr-image = Or choose a picture of the invite QR code (PNG)
team-join = Join the team
team-create-title = Create a team (supervisor)
relay-url = Sync server address
relay-code = Sync server code
relay-code-hint = Given by whoever runs the sync server; leave empty if none.
team-create = Create the team
team-later = Later: work on this device only
team-title = Team and devices
team-none = This device is not in a team yet.
team-role = Role
role-supervisor = Supervisor
role-member = Team member
lease-exempt = This is the supervisor's device: it is exempt from the key lease (its keys do not expire without a sync).
this-device = This device
invite-title = Invite a device
invite-text = The new device scans this code or types it. It can join only until it is used or expires (24 hours).
invite-create = Create an invite
invite-qr = Invite QR code
approve-title = Devices waiting
approve-all = Approve waiting devices
approved-count = { $count ->
    [0] No device was waiting.
    [one] 1 device approved.
   *[other] { $count } devices approved.
}
devices-title = Devices of the team
revoke = Remove
revoke-confirm = Remove for good

## Home
home-title = Today
lease-days-left = { $days ->
    [one] 1 day left to sync this device: after that, its records are erased at the next unlock.
   *[other] { $days } days left to sync this device: after that, its records are erased at the next unlock.
}
listening-point-today = Today's listening point
listening-point-placeholder = e.g. lp-sabaudia
save = Save
saved = Saved
add = Add
cancel = Cancel
back = Back
choose = Choose…
action-intake = New intake
action-outreach = Log outreach
action-handout = Hand to the worker
action-people = People
followups-due = Follow-ups due this week
followups-none = No follow-ups due.

## Intake
intake-title = Intake interview
worker-language = Worker's language
translation-draft = Draft translation
steps-label = Interview steps
step-consent = Consent
step-profile = Profile
step-work = Work
step-living = Living
step-screening = Screening
step-needs = Needs
step-summary = Summary
consent-in-my-language = Consent text in my language
consent-refused = The person said no: nothing is recorded. You can still hand them the rights card.
save-next = Save and continue
finish = Finish
not-stated = Not stated
screening-603bis = Signs of exploitation (art. 603-bis)
screening-aggravating = Aggravating circumstances
screening-ilo = ILO indicators of forced labour
risk-derived = Risk level (a guide, not a verdict):
risk-guide = The level comes from the answers given: a guide for the team, not a judgement.
risk-overridden = (derived: { $derived })
intake-finish-hint = Finishing records today's encounter and marks the person as interviewed.
intake-resume = Continue the interview

## People
people-title = People
search = Search
filter-all = All
people-count = { $count ->
    [0] Nothing found
    [one] 1 found
   *[other] { $count } found
}
timeline = Timeline
timeline-encounter = Encounter
timeline-referral = Referral
timeline-followup-open = Follow-up due
timeline-followup-done = Follow-up done
timeline-first-contact = First contact
timeline-consent-withdrawn = Consent withdrawn
followup-add = New follow-up, due on
referral-title = Refer to a service
referral-destination = Service type
referral-consent-ok = The person agreed to this referral.
referral-consent-needed = No consent for this referral yet. Read this to the person:
referral-consent-given = The person agreed: record the consent
referral-service = Service of the directory
referral-service-none = None in particular
referral-send = Refer
erase-title = Erase this person
erase-text = Erases the record on every device of the team. This cannot be undone.
erase = Erase…
erase-confirm-text = Are you sure? The record will be gone on every device.
erase-confirm = Yes, erase for good

## Outreach
outreach-title = Outreach session
outreach-recent = Recent sessions
field-date = Date
field-outreach-type = Type of session
field-place = Place
field-place-type = Type of place
field-team-members = Team members present (separated by commas)
field-people-met = People met (counts only, no names)
met-total = Total
met-women = Women
met-men = Men
field-languages = Languages spoken
field-materials = Materials handed out

## Services
services-title = Services directory
service-add = Add a service
field-name = Name
field-service-type = Type of service
field-address = Address
field-contact = Contact
field-hours = Opening hours

## Hand to the worker
handout-title = Hand to the worker
handout-text = Choose the worker's language, then hand them the device.

## Fields
field-nationality = Nationality
field-sector = Sector
field-housing = Housing
field-needs = Needs
field-notes = Notes
field-status = Status
field-risk = Risk
field-listening-point = Listening point

## Codes shown only to the team
person-status-contacted = Contacted
person-status-interviewed = Interviewed
person-status-in_charge = Taken in charge
person-status-referred = Referred
person-status-follow_up = Follow-up
person-status-closed = Closed
risk-level-not_screened = Not screened
risk-level-low = Low
risk-level-medium = Medium
risk-level-high = High
referral-outcome-pending = Pending
referral-outcome-accepted = Accepted
referral-outcome-completed = Completed
referral-outcome-declined = Declined
referral-outcome-no_show = Did not go
outreach-type-street = Street outreach
outreach-type-fixed_desk = Fixed desk
outreach-type-group_session = Group session
outreach-type-accompaniment = Accompaniment
place-type-pickup_point = Pick-up point
place-type-farm = Farm
place-type-informal_settlement = Informal settlement
place-type-reception_centre = Reception centre
place-type-listening_point = Listening point
place-type-workplace = Workplace
place-type-other = Other
material-rights_leaflet = Rights leaflets
material-helpline_card = Helpline cards
material-legal_info = Legal information
material-health_kit = Health kits
material-food = Food
material-water = Water
material-protective_equipment = Protective equipment
material-other = Other materials
recontact-way-at_place = At the place on the next round
recontact-way-phone = By phone
recontact-way-mediator = Through the mediator
recontact-way-sportello = Comes to the listening point
country-IN = India
country-PK = Pakistan
country-BD = Bangladesh
country-MA = Morocco
country-TN = Tunisia
country-EG = Egypt
country-SN = Senegal
country-GM = Gambia
country-ML = Mali
country-NG = Nigeria
country-GH = Ghana
country-CI = Côte d'Ivoire
country-SD = Sudan
country-RO = Romania
country-AL = Albania
country-UA = Ukraine
language-pa = Punjabi
language-hi = Hindi
language-ur = Urdu
language-bn = Bengali
language-ar = Arabic
language-fr = French
language-en = English
language-wo = Wolof
language-ff = Fula
language-bm = Bambara
language-tw = Twi
language-ro = Romanian
language-sq = Albanian
language-it = Italian

## Errors of the app
error-alias-required = Write a name (any name the person chooses).
error-bad-relay = The sync server address must start with https:// (plain http:// only for a sync server on this device, such as http://127.0.0.1:8787).
error-consent-missing = This referral needs the person's consent first.
error-date-required = Choose a date.
error-ipc = The app could not complete the request. Try again.
error-locked = Ponte is locked. Unlock it first.
error-qr-unreadable = No invite QR code found in that picture.
error-unknown = Something went wrong ({ $code }).

## Reports (supervisor)
nav-reports = Reports
reports-title = Reports for the funder
reports-text = Indicators for a period, computed on this device. Small counts of people are hidden, and so are the cells that would give them back. Every report is written to the audit log.
reports-from = From
reports-to = To
reports-show = Show the report
reports-export = Export a workbook (XLSX)
reports-exported = Workbook written:
reports-hidden-note = Counts of people under { $threshold } are hidden (x): { $count ->
    [0] no cell hidden.
    [one] 1 cell hidden.
   *[other] { $count } cells hidden.
}
reports-total = Total

## Panic wipe (every screen)
panic-open = Emergency wipe
panic-title = Wipe this device now?
panic-text = Every record, key and setting on this device is destroyed at once. This cannot be undone; records already synced stay with the team.
panic-hold = Hold to wipe
panic-hint = Press and hold for 2 seconds. Let go to stop.
panic-progress = Wipe progress
panic-wiping = Wiping…
panic-cancel = Cancel

# worker screen and PIN
erased-title = The records on this device were erased.
worker-return = Operator: back to the app
worker-return-title = Back to the app
worker-return-passphrase = No PIN is set for today: enter the passphrase.
worker-return-cancel = Back to the worker's screen
handover-button = Hand the device to the worker
handover-hint = The device locks: the worker sees only this text and the helpline, and can reach nothing else.
handover-no-pin = No PIN is set for today: taking the app back from the worker will need your full passphrase.
handover-set-pin = Set a PIN for today first
pin-title = PIN for today
pin-explain = A short PIN reopens the app after a lock until the end of the working day. After 5 wrong PINs only the passphrase opens it.
pin-new = New PIN (6 to 12 digits)
pin-confirm = Repeat the PIN
pin-set = Set the PIN
pin-until = The PIN works until { $time }.
pin-forget = Forget the PIN
pin-unlock-text = Enter today's PIN.
pin-enter = PIN
pin-tries-left = { $count ->
    [one] 1 try left, then only the passphrase.
   *[other] { $count } tries left, then only the passphrase.
}
pin-keys = PIN keys
pin-delete = Delete the last digit
pin-ok = Open
pin-use-passphrase = Use the passphrase instead
pin-use-pin = Use today's PIN
error-pin-mismatch = The two PINs are not the same.

# duress notice
device-duress-used = Duress passphrase used on { $date }. Treat this device as in someone else's hands: remove it.

# screen fixes
nav-more = More
date-placeholder = e.g. 24 Nov 2026
sync-short-last = Synced { $time }
sync-short-never = Not synced yet
sync-short-failed = Sync failed
sync-short-no-team = On this device only
sync-short-waiting = Waiting for approval
sync-short-pending = { $count } to send

# team rules
team-rules-title = Team rules
team-rules-intro = You set these for every device of the team. The other devices apply a change at their next sync.
team-rules-read-only = The supervisor sets these for every device of the team. Only the supervisor can change them.
team-rules-attempts-label = Wrong passphrases before erasing
team-rules-attempts-text = After this many wrong passphrases in a row, a device erases everything it holds, so whoever took it cannot keep guessing. Off: a device never erases itself for this.
team-rules-attempts-value = { $count ->
    [one] Erased after 1 wrong passphrase
   *[other] Erased after { $count } wrong passphrases in a row
}
team-rules-attempts-off = Off: never erased for wrong passphrases
team-rules-off = Off
team-rules-default = { $value } (default)
team-rules-other = Another number, from { $min } to { $max }
team-rules-lease-label = Days without sync
team-rules-lease-text = A device that has not synced for this many days is erased the next time it is unlocked, so a lost device does not keep the team's records for long. Sync at least this often. This applies to supervisors' devices too: a lost one is replaced with the recovery kit (a team made before kits existed keeps its supervisor's device exempt).
team-rules-lease-value = { $count ->
    [one] Erased after 1 day without sync
   *[other] Erased after { $count } days without sync
}
team-rules-lease-other = Number of days, from { $min } to { $max }
team-rules-save = Save the team rules
team-rules-saving = Saving…
team-rules-saved = Saved. The other devices apply the new rules at their next sync.

# outreach counting
group-topic-rights = Workers' rights
group-topic-job_placement_protocol = Job placement protocol
group-topic-health = Health
group-topic-housing = Housing
group-topic-documents = Documents and permits
group-topic-safety_at_work = Safety at work
group-topic-other = Other

# case flow
case-title = Case
case-closed-because = Closed: { $reason }
case-operator = Operator responsible:
case-since = in charge since { $date }
case-take = Take in charge
case-change-operator = Change the operator responsible
case-pick-operator = Who is responsible for this case?
case-members-loading = Loading the team…
case-goals = Goals of the plan
case-goals-none = No goals yet.
case-goal-new = New goal
case-goal-done = Reached
case-close = Close the case…
case-close-reason = Why is the case closed?
case-close-confirm = Close the case
case-reopen = Reopen the case
case-event-taken_in_charge = Taken in charge
case-event-goal_set = Goal set
case-event-goal_done = Goal reached
case-event-closed = Case closed
case-event-reopened = Case reopened
case-event-intake_started = Interview started
close-reason-goal_reached = Goal reached, autonomy
close-reason-moved_away = Moved away
close-reason-lost_contact = Lost contact
close-reason-declined = Refused further support
close-reason-other = Other reason
close-reason-referred_on = Referred on to another project
close-reason-deceased = Deceased
goal-state-open = Open
goal-state-done = Reached
goal-state-dropped = Dropped
followup-kind-permit_renewal = Permit renewal
followup-kind-referral_check = How did the referral appointment go?
followups-title = Follow-ups
followups-open-none = No open follow-ups.
followup-overdue = Overdue
followup-done = Done
followup-move = Move
followup-done-note = What was done (optional)
followup-done-save = Mark as done
followup-move-to = New date
followup-move-save = Move to this date
referrals-title = Referrals
referral-made = sent on { $date }
referral-step = What happened next?
referral-step-date = On
referral-step-note = Note (optional)
referral-step-save = Save
timeline-by = by { $name }
timeline-outcome = Referral outcome
sheet-title = Referral sheet (PDF)
sheet-service = Sheet for the service (Italian)
sheet-worker = Copy for the worker
sheet-saved = Sheet saved in the app's export folder:
sender-needed = The sheets name the referring team. Enter it once:
sender-team = Organisation or team
sender-contact = Contact (phone or e-mail)
sender-operator = Operator who follows referrals (optional)
sender-save = Save and make the sheet
consents-title = Consents
consents-none = No consent recorded.
consent-purpose-intake = Interview
consent-purpose-referral = Referral
consent-purpose-reporting = Reports
consent-given-on = given on { $date }
consent-withdrawn-on = withdrawn on { $date }
consent-withdraw = Withdraw
consent-withdraw-text = Referrals already made stay on record as made; no new referral and no sheet for a service under this consent.
consent-withdraw-confirm = Withdraw the consent

# quick contacts, places, outreach tally, conflicts (screens)
action-contact = Quick contact
contact-title = Quick contact
contact-text = A first meeting, without an interview. It can become an interview later.
contact-alias = Name given, or a description
contact-place = Where
contact-language = Language spoken
contact-given = Handed out
contact-said = What was said (optional)
contact-recontact = May the team contact this person again?
contact-save = Save the contact
contact-quick-on = Quick contact on { $date }, no interview yet.
contact-to-intake = Start the interview
contact-badge = Quick contact
contact-recontact-how = How may the team contact them?
contact-phone = Their phone number
field-recontact-how = Contact again
nav-places = Places
places-title = The team's places
places-text = Listening points, pick-up points and other places, shared with the team. Records pick a place from this list.
place-municipality = Municipality (optional)
place-add = Add the place
places-list = Places
place-none = No place chosen
place-all = All places
place-retired = No longer used
place-retire = Stop using
place-restore = Use again
outreach-start = Start counting
outreach-continue = Go on counting
outreach-counting = Counting
outreach-total = People met: { $count }
tally-women = Women
tally-men = Men
tally-not-stated = Sex not stated
tally-minors = Of whom minors
outreach-nationalities = Main nationalities seen
outreach-nationality-add = Another nationality
outreach-members = Team members present
outreach-done = Done counting
group-title = Group sessions
group-topic = Topic
group-attendance = People attending
group-attendance-n = { $count ->
    [one] { $count } person attending
   *[other] { $count } people attending
}
group-follow-up-n = { $count ->
    [one] { $count } asked for a follow-up
   *[other] { $count } asked for a follow-up
}
group-follow-up = Someone asked for a follow-up
group-add = Add the group session
conflicts-title = Two devices wrote different values
conflicts-text = While apart, two devices changed the same field. The app kept one value; choose the right one.
conflict-field = Field
conflict-empty = (empty)
conflict-written-by = written on { $name }
conflict-unknown-device = written on a device no longer in the team
conflict-kept = shown now
conflict-keep = Keep this value
field-phone = Phone
field-alias = Name
field-birth-year = Year of birth
field-permit = Residence permit
field-permit-expiry = Permit expiry
field-employer-area = Where the work is
field-sex = Sex

# roles, handover and the recovery kit (screens)
role-operator = Operator
role-mediator = Mediator
approve-role = Role of the devices approved
roles-explain = Operator: interviews, cases and referral sheets. Mediator: interviews and quick contacts only; no cases taken in charge, no referral sheets. Supervisor: also reports, erasure and the team.
role-change = Change role
role-change-label = New role of { $name }
role-change-ask = { $name } will have the role { $role }. The change is signed into the team's list of devices; every device applies it at its next sync.
role-deputy-hint = A second supervisor (a deputy) can do everything the supervisor does.
role-change-save = Change the role
role-changed = Role changed. Every device applies it at its next sync.
handover = Hand over the supervisor role
handover-ask = { $name } becomes the supervisor and this device becomes an operator's: it can no longer approve or remove devices or change roles.
handover-confirm = Hand over to { $name }
handover-done = The supervisor role was handed over. This device is now an operator's.
recovery-kit-title = Recovery kit
recovery-kit-text = Print this page and put it in an envelope in the office safe. If every supervisor's device is lost, a new device takes over the team with this kit. Anyone who holds it can do the same: keep it locked away.
recovery-kit-once = It is shown only until you mark it printed: then this device forgets it.
recovery-kit-qr = QR code of the recovery kit
recovery-kit-code = Recovery code
recovery-kit-print = Print
recovery-kit-printed = Printed and stored
recovery-kit-later = Later
recovery-kit-banner = The recovery kit has not been printed yet. Print it and put it in the office safe.
recovery-kit-show = Show the recovery kit
recovery-kit-new-text = If the kit may have been seen, or is lost, make a new one: the old one stops working at once.
recovery-kit-new = Make a new recovery kit
recovery-kit-new-confirm = Make it: the old kit stops working
recoveries-title = Recoveries of the team
recovered-line = The supervisor role was taken over with the recovery kit on { $date } by { $name }.
team-recover-title = Recover the team with the recovery kit
team-recover-text = Only if every supervisor's device is lost: this device takes over the supervisor role with the code of the kit kept in the office safe.
recovery-kit-qr-image = Or choose a picture of the kit's QR code (PNG)
team-recover = Recover the team

# the supervisor's key lease once the team has a recovery kit
lease-supervisor = { $days ->
    [one] Like every device of the team, this supervisor's device must sync: 1 day left before its keys expire. If it is lost, the recovery kit brings a new supervisor.
   *[other] Like every device of the team, this supervisor's device must sync: { $days } days left before its keys expire. If it is lost, the recovery kit brings a new supervisor.
}

# programme screen
nav-programme = Programme
programme-title = Programme coordinator
programme-setup-text = This device can collect the reports of the teams of one programme (one team per district or province) and add them up. It receives only each team's counts for a period, sealed to this device: no record, no name. A device that coordinates cannot also be in a team.
programme-name = Name of the programme
programme-init = Coordinate the programme from this device
programme-intro = The teams' supervisors send this device their counts for a period as a package file. Here you add the teams, import their packages and see the programme's report.
programme-fingerprint = Coordinator fingerprint:
programme-key-title = Coordinator code for the teams
programme-key-text = Give this code, or its QR code printed, to each team's supervisor: their device seals the team's counts to it. It holds no secret.
programme-key-show = Show the coordinator code
programme-key-qr = QR code of the coordinator code
programme-key-code = Coordinator code
programme-teams-title = Teams of the programme
programme-no-teams = No team yet: add each team with the team code its supervisor gives you.
programme-team-nothing = Nothing received yet.
programme-team-sent = { $count ->
    [one] 1 period received:
   *[other] { $count } periods received:
}
programme-period = { $from } – { $to }
programme-add-team-title = Add a team
programme-add-team-text = The team's supervisor gives you the team code from their device. Only packages signed by that device are accepted for the team.
programme-team-code = Team code
programme-team-name = Name of the team in the programme (optional)
programme-add-team = Add the team
programme-team-added = { $name } added to the programme.
programme-import-title = Import the teams' packages
programme-import-text = Choose the package files the teams sent (several at once). Each is checked before any is kept: if one fails, nothing is imported.
programme-import-pick = Choose package files
programme-imported-line = { $name }, { $period }: { $status }
programme-import-added = added
programme-import-replaced = replaces an older package
programme-import-older = not kept, a newer one is already here
programme-report-title = Programme report
programme-report-text = The teams' counts for the period, added up. In the sum, counts of people under the threshold are hidden.
programme-periods-label = Periods received
programme-included-title = Teams in this report
programme-team-in = included
programme-team-missing = no package for this period
programme-option-title = Programme coordinator
programme-option-text = A device in no team can collect the counts of a programme's teams and combine their reports.
programme-open = Open the programme
programme-init-open = Set up as coordinator
programme-send-title = Send to the programme
programme-send-text = If your team reports to a programme coordinator (for the prefecture or the region), send them the team's counts for the period chosen above. Only counts leave this device, sealed so that only the coordinator can open them: no record, no name.
programme-send-code-title = Team code for the coordinator
programme-send-code-text = Give this code once, or its QR code printed, to the programme coordinator: with it, they accept only counts signed by this device.
programme-send-code-show = Show the team code
programme-send-code-qr = QR code of the team code
programme-send-package-title = Counts for { $from } – { $to }
programme-send-package-text = Paste the code the coordinator gave you (it starts with ponteprog1:). A file is saved on this device: send it to the coordinator.
programme-send-publish = Save the counts for the coordinator
programme-send-done = Saved for { $programme }. Send this file to the coordinator:
programme-send-check = Check that this fingerprint is the one the coordinator gave you.

# restrict
restrict-title = Who can read this record
restrict-open-now = Every member of the team can read it.
restrict-only = Only these members can read it:
restrict-start = Restrict to some members
restrict-change = Change who can read it
restrict-lift = Open to the whole team
restrict-pick = Choose the members who may read this record:
restrict-always = This device and the team's supervisors always keep it.
restrict-next = Continue
restrict-ask = Only { $names } and the team's supervisors will be able to read this record. The other devices lose it at their next sync.
restrict-confirm = Restrict the record
restrict-done = The record is restricted.
restrict-lift-ask = Every member of the team will be able to read this record again after their next sync.
restrict-lift-confirm = Open to the whole team
restrict-lifted = The whole team can read the record again.

# audit review
audit-title = Audit review
audit-text = What each device of the team did, from its own tamper-evident log, which reaches the supervisors sealed at each of its syncs. A log that is broken or has not arrived is shown first in red, a device that refused entries from the sync server in orange. Tap a device to see its entries.
audit-team-text = Who opened, changed or exported what, device by device, and whether each device's log is intact.
audit-open = Review the devices' logs
audit-back = All devices
audit-device-title = Log of { $name }
audit-former-device = Former device { $id }
audit-state-ok = Log intact
audit-state-broken = Log broken
audit-state-missing = Log not received
audit-entries = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
audit-last = last on { $date }
audit-no-entries = No entries.
audit-problem-wrong-trail-id = The log arrived under another device's identity.
audit-problem-written-by-another-device = Another device wrote into this device's log.
audit-problem-gap = Entries are missing, from entry { $n }.
audit-problem-altered = The log was altered at entry { $n }.
audit-problem-audit-broken = The device's own log was deleted or altered (found at entry { $n }).
audit-problem-trail-restarted = The device lost its log and started a new one (at entry { $n }).
audit-problem-unreadable-entries = { $n } parts of the log cannot be read.
audit-problem-no-trail-received = No log has arrived from this device: it has not synced since it joined, or its log was deleted.
audit-problem-unknown = The log has a problem this version of the app cannot describe.
audit-refused = { $count ->
    [one] It refused one entry from the sync server that the team did not write (forged or unreadable): the server may have been breached.
   *[other] It refused { $count } entries from the sync server that the team did not write (forged or unreadable): the server may have been breached.
}
audit-action-create = Created
audit-action-view = Opened
audit-action-edit = Changed
audit-action-erase = Erased
audit-action-export = Exported
audit-action-refused = Refused
audit-action-team = Team action
audit-action-search = Searched
audit-action-quarantine = Entries refused
audit-action-referral_sheet = Referral sheet
audit-action-audit-broken = Log broken
audit-action-trail-restarted = Log restarted
audit-action-withheld = Copy removed (no longer a reader)
audit-record-title = Who opened this record
audit-record-text = Every device's views, changes and exports of this record, newest first, as far as their logs have reached this device.
audit-record-show = Show who opened it

# errors as the app words them (no CLI commands)
app-error-not-initialized = The encrypted store is no longer on this device: it was wiped or replaced. Nothing was opened.
app-error-usage = Something is missing or not accepted (a device name, for example, needs 1 to 64 characters). Check what you entered and try again. Nothing was changed.
app-error-no-team = This device is not in a team. Create one or join one on the Team screen.
app-error-report-bad-date = The period needs two dates: choose both From and To.
app-error-sheet-no-sender = The sheets name the referring team: enter it first (organisation or team, and a contact), then make the sheet again. Nothing was written.
app-error-case-no-operator = This device is in no team, so it has no name to record who did this: join a team on the Team screen first. Nothing was changed.
app-error-case-date-future = This records something already done: choose today or an earlier day. Nothing was changed.
app-error-contact-no-recontact = Answer whether the team may contact this person again. Nothing was changed.
app-error-contact-way-without-yes = How to contact the person again is kept only when they agreed to be contacted again: answer Yes. Nothing was changed.
app-error-contact-phone-without-way = A phone number is kept only when the person agreed to a call or a message: choose "By phone". Nothing was changed.
app-error-place-unknown = That place is not in the team's list of places (see the Places screen). Nothing was changed.
app-error-conflict-none = This field has no conflict any more (it may have been resolved already). Nothing was changed.
app-error-conflict-unknown-device = None of the conflict's values was written on that device: open the record again and keep one of the values it shows. Nothing was changed.
app-error-programme-not-coordinator = This device is not a programme coordinator: set it up first on the Team screen ("Set up as coordinator").
app-error-programme-name-taken = Another team of the programme is already called { $name }: give this team another name. Nothing was changed.
app-error-restrict-unknown-device = The device { $device } is no longer in the team's list of devices: choose the members again. Nothing was changed.
app-error-restrict-no-devices = Choose at least one member who may read this record, or open it to the whole team. Nothing was changed.
app-error-restrict-ambiguous-device = More than one device of the team is called { $device }: choose the members again from the list. Nothing was changed.
app-error-audit-trail-record = This record is a device's audit log: only the audit review shows it ("Review the devices' logs" on the Team screen), and nobody edits or erases it. Nothing was changed.
app-error-audit-unknown-device = No device of the team, and no audit log, is named { $device }: go back to all devices and choose one from the list. Nothing was shown.

duress-title = Duress passphrase
duress-explain = A second passphrase for when someone forces you to open the app. Typed at unlock, it silently erases every record on this device and opens an empty app. Choose one you will remember under stress, different from your passphrase.
duress-new = Duress passphrase
duress-confirm = Repeat the duress passphrase
duress-set = Save the duress passphrase
duress-saved = Saved. It replaces any duress passphrase set before.
error-duress-mismatch = The two duress passphrases are not the same.

referral-share = Besides the name and languages, the person agrees to share with this service:
referral-appointment = Appointment (if the service gave one)
referral-appointment-date = Day
referral-appointment-time = Time
referral-appointment-ask-for = Ask for
referral-appointment-bring = Bring
referral-note = Note for the service (optional)

## Places from the team's list, team members from the roster (app wording)
app-error-place-unknown-name = There is no place in use named "{ $name }" in the team's list: choose a place of the list (see the Places screen), or add it there first. Nothing was changed.
app-error-place-mismatch = This names two different places of the team's list: choose one place. Nothing was changed.
app-error-outreach-member-unknown = A team member typed by name is not in the team: pick the members from the team's list. Nothing was changed.

## A goal dropped; what a follow-up due is
case-goal-drop = Drop
case-event-goal_dropped = Goal dropped
due-followup = Follow-up

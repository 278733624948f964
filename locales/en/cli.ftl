# Messages of the `ponte` command line and of store errors shared with the app.
# Arguments are never record content: only counts, line numbers and field paths.

error-internal = Internal error. Nothing was shown of your data; please report it to the team's supervisor.
error-not-initialized = There is no Ponte store in this home directory. Run "ponte init" first.
error-already-initialized = A Ponte store already exists in this home directory.
error-passphrase-too-short = The passphrase is too short: use at least { $min } characters.
error-duress-same-as-passphrase = The duress passphrase must differ from the passphrase that unlocks this device. Nothing was changed.
error-wrong-passphrase = Wrong passphrase. Nothing was changed.
error-wrong-passphrase-final-tries = Wrong passphrase. { $left ->
    [one] 1 try left
   *[other] { $left } tries left
} before this device erases itself.
error-unlock-delayed = Too many wrong passphrases. Wait { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
} before trying again; this attempt was not counted.
error-erased-after-failures = This device's store was erased after { $attempts } wrong passphrases in a row. Its records are gone; to work again, create a new store and ask the supervisor to enrol this device.
error-corrupt = The store is damaged or has been tampered with. Nothing was changed; restore from another device by syncing.
error-store-newer-version = This store was made by a newer version of Ponte: update Ponte to open it. Nothing was changed.
error-not-found = No record with this id.
error-wrong-kind = This id belongs to a record of another kind.
error-invalid = The record is not valid ({ $count ->
    [one] one problem
   *[other] { $count } problems
  }): { $problems }
error-audit-broken = The audit log does not verify (entry { $seq }): it may have been tampered with.
error-busy = The store is in use by another program. Try again.
error-too-large-to-sync = This change is too large to send to the team (more than 1 MiB at once). Nothing was saved: make it in smaller parts.
error-io = A file could not be read or written.
error-database = The database reported an error.
error-bad-id = That is not a record id (32 hexadecimal characters).
error-bad-json = The input is not valid JSON (line { $line }, column { $column }).
error-bad-json-line = not valid JSON
error-not-an-object = not a JSON object
error-bad-kind = unknown record kind
error-read-input = The input could not be read.
error-write-output = The output could not be written.
error-no-passphrase = No passphrase: set PONTE_PASSPHRASE or run in a terminal.
error-passphrase-mismatch = The two passphrases differ. Nothing was created.
error-bad-filter = Unknown filter value.
error-import = Nothing was imported: { $count ->
    [one] one line has
   *[other] { $count } lines have
  } problems. { $lines }
import-line = line { $line }: { $problem }

## Validation problems (ponte-model ErrorCode), shown after the field path.
validation-not-an-object = must be a JSON object
validation-unknown-field = is not a known field
validation-required = is required
validation-wrong-type = has the wrong type
validation-too-long = is too long
validation-empty = must not be empty
validation-invalid-code = is not a known code
validation-invalid-date = is not a valid date (YYYY-MM-DD)
validation-invalid-time = is not a valid time (HH:MM, 24-hour clock)
validation-out-of-range = is out of range
validation-referral-without-consent = has no matching referral consent given on or before its date (and not withdrawn before it)
validation-override-reason-required = needs a reason for the override
validation-invalid-id = is not a valid id
validation-too-many = has too many items
validation-not-allowed = is not allowed here
validation-kept-as-history = is kept as history: it may be sent back unchanged, not changed or removed (add a new entry instead)
error-usage = Wrong arguments: see "ponte --help".

## Team and sync
error-network = The relay cannot be reached. Your records are safe on this device; sync again when there is a network.
error-protocol = The relay sent an answer this version does not understand. Nothing was changed.
error-relay-answer-too-large = The relay sent an answer larger than the protocol allows; this device stopped reading it. Nothing was changed. Tell your supervisor: the relay may be compromised.
error-no-team = This device is not in a team. Create one ("ponte team create") or join one ("ponte join").
error-already-in-team = This device is already in a team.
error-not-supervisor = Only the team's supervisor can do this.
error-bad-invite = That is not a valid invite code.
error-invite-bad-ttl = An invite must stay valid for at least 1 second and at most { $max_days } days. Nothing was sent.
error-bad-relay-code = That is not a valid relay code: 1 to 256 characters (Latin letters, digits, signs), without spaces.
error-not-approved = The supervisor has not approved this device yet. Sync again after the approval.
error-bad-roster = The team's device list does not follow from the one this device holds: not signed by a supervisor of the team, or older. Nothing was changed.
error-no-such-device = No such device is waiting or enrolled.
error-revoked = This device was removed from the team. Its records have been erased from it.
error-lease-expired = This device had not synced with its team for more than { $days } days: its keys and records have been erased. To work again, create a new store and ask the supervisor to enrol this device again.
error-relay-malformed = The relay refused a malformed request.
error-relay-too-large = The relay refused a request that is too large.
error-relay-rate-limited = The relay is getting too many requests from this device or its network. Try again later.
error-relay-bad-signature = The relay refused the request's signature.
error-relay-stale-request = The relay refused the request time: check this device's clock.
error-relay-replayed-request = The relay refused a repeated request.
error-relay-unknown-device = The relay does not know this device in this team.
error-relay-request-timeout = The relay gave up waiting for this device's request. Sync again.
error-relay-device-revoked = This device was removed from the team.
error-relay-not-supervisor = The relay accepts this only from the supervisor.
error-relay-team-exists = A team with this id already exists on the relay.
error-relay-team-creation-closed = This relay creates a team only with its relay code: none was given, or it is wrong. Ask whoever runs the relay for the code and create the team again with it.
error-relay-invite-exists = This invite already exists.
error-relay-bad-roster = The relay refused the device list.
error-relay-bad-roster-signature = The relay refused the device list's signature.
error-relay-stale-roster = A newer device list exists: sync and try again.
error-relay-roster-behind = The team's device list changed since this device last synced: sync again.
error-relay-bad-covers = The relay refused a snapshot.
error-relay-bad-token = The relay does not know this invite.
error-relay-token-used = This invite was already used by another device.
error-relay-invite-expired = This invite has expired: ask the supervisor for a new one.
error-relay-device-exists = This device is already in the team.
error-relay-record-erased = The record was erased by the supervisor.
error-relay-not-found = The relay does not offer this.
error-relay-method-not-allowed = The relay does not offer this.
error-relay-internal = The relay failed. Your records are safe on this device; try again later.
error-relay-unknown = The relay refused the request.
error-qr = The invite could not be drawn as a QR code.

## Reports (ponte report)
error-report-bad-date = The period needs two dates as YYYY-MM-DD (--from and --to).
error-report-bad-period = The period ends before it starts.
error-report-period-range = A report's period must lie within the years { $first } to { $last }. Nothing was written.
error-report-no-font = The charts need a TrueType font: install fonts-dejavu-core or pass --font FILE. Nothing was written.
error-report-font = That font cannot be used for the charts. Nothing was written.
error-report-xlsx = The spreadsheet could not be built. Nothing was written.
error-report-chart = A chart could not be drawn. Nothing was written.
error-report-json = The report could not be built. Nothing was written.
error-report-write = The report could not be written to that place.

# Device services (ponte-device)
error-qr-too-large = That picture is too large to read (at most 16 MB and 25 megapixels).
error-report-bad-threshold = The suppression threshold can be at most { $max }.
error-report-low-threshold = The suppression threshold must be at least { $min }: smaller counts of people could single someone out. Nothing was written.
error-bad-setting = That setting is too long.
error-bad-unlock-attempts = Unlock attempts must be a number from { $min } to { $max }, or off. Nothing was changed.
error-bad-lease-days = The key lease must be a number of days from { $min } to { $max }. Nothing was changed.
error-removed-from-team = This device was removed from the team (the supervisor's signed list of devices says so).
error-revocation-unproven = The relay says this device was removed from the team, but it could not show the supervisor's signed list of devices. Nothing was deleted; sync is stopped. Tell your supervisor.
error-erasure-unproven = The relay refused changes to a record it says was erased, but showed no erasure signed by the supervisor. Nothing was deleted: the changes wait on this device; sync is stopped. Tell your supervisor.

# lock and PIN
error-pin-too-short = The PIN is too short: use at least { $min } digits.
error-pin-too-long = The PIN is too long: use at most { $max } digits.
error-pin-not-digits = The PIN may only have the digits 0 to 9.
error-pin-too-simple = This PIN is too easy to guess (one digit repeated, or digits in a row). Choose another.
error-pin-same-as-passphrase = The PIN must not be the passphrase. Choose another.
error-wrong-pin = Wrong PIN. { $left ->
    [one] 1 try left
   *[other] { $left } tries left
} before only the passphrase opens the app.
error-pin-tries-spent = Too many wrong PINs: the PIN no longer works today. Enter the passphrase.
error-pin-expired = Today's PIN no longer works: the working day is over. Enter the passphrase.
error-pin-not-set = No PIN is set for today. Enter the passphrase.

# duress notice
error-relay-notice-limit = The relay already keeps the most notices it takes from this device.

# referral sheet
error-sheet-unknown-person = No person with this id. Nothing was written.
error-sheet-unknown-referral = This person has no referral with that id. Nothing was written.
error-sheet-no-service = This referral names no service of the directory: add its service_id first. Nothing was written.
error-sheet-unknown-service = The service this referral names is not in the directory. Nothing was written.
error-sheet-no-consent = No consent of this person covers this referral (a referral consent given for this type of service, on or before the referral). Nothing was written.
error-sheet-consent-withdrawn = The person withdrew the consent this referral was made under: nothing more is shared with the service. Nothing was written.
error-sheet-bad-language = The worker's copy can be made in it, en, fr, ar, pa, ur or bn. Nothing was written.
error-sheet-no-sender = Set the referring team first: ponte referral sender --team NAME --contact PHONE. Nothing was written.
error-sheet-bad-sender = The team and the contact must not be empty, and each at most 200 characters.
error-sheet-pdf = The sheet could not be built. Nothing was written.
error-consent-unknown = This person has no consent with that id.
error-consent-bad-date = The date must be YYYY-MM-DD.
error-consent-already-withdrawn = This consent is withdrawn already: a withdrawal is not moved or undone. If the person agrees again, record a new consent. Nothing was changed.
error-consent-bad-share = Field { $item } to share ({ $share }) is not one a referral consent may name (birth_year, sex, nationality, phone, permit, sector, employer_area, housing, needs, screening, referral_note). Nothing was written.
error-consent-not-referral = Only a referral consent names a service type and fields to share; an { $purpose } consent does not ({ $value }). Nothing was written.

# case flow
error-case-unknown-person = No person with this id. Nothing was changed.
error-case-bad-date = The date must be a real day written YYYY-MM-DD. Nothing was changed.
error-case-date-before = This step cannot be dated before the step it follows. Nothing was changed.
error-case-date-future = This step records something already done: it cannot be dated after today. Nothing was changed.
error-case-no-operator = Say who did it with --by NAME (this device is in no team, so it has no name). Nothing was changed.
error-case-bad-operator = The name must not be empty, and at most 80 characters. Nothing was changed.
error-case-bad-reason = The closing reason must be one of goal_reached, moved_away, lost_contact, declined, referred_on, deceased, other. Nothing was changed.
error-case-closed = The case is closed: reopen it first. Nothing was changed.
error-case-not-closed = The case is not closed, so it cannot be reopened. Nothing was changed.
error-case-bad-goal = The goal must not be empty, and at most 2,000 characters. Nothing was changed.
error-case-unknown-goal = This person has no goal with that id. Nothing was changed.
error-case-goal-not-open = This goal is already done or dropped. Nothing was changed.
error-referral-unknown = This person has no referral with that id. Nothing was changed.
error-referral-bad-outcome = The outcome must be one of pending, accepted, completed, declined, no_show. Nothing was changed.
error-referral-bad-step = The referral cannot move to this outcome from the one it has (pending leads to accepted, declined or no_show; accepted to completed, declined or no_show; no_show back to pending; completed and declined are final). Nothing was changed.
error-followup-unknown = This person has no follow-up with that id. Nothing was changed.
error-followup-already-done = This follow-up is already done. Nothing was changed.

# outreach counting
error-outreach-unknown = There is no outreach session with that id. Nothing was changed.
error-outreach-bad-tap = A count must be given as +N or -N (for example +1 or -1), a nationality or material as CODE=+N. Nothing was changed.
error-outreach-bad-nationality = The nationality must be a country code of two letters (ISO 3166-1, for example NG or IN). Nothing was changed.
error-outreach-bad-material = The material must be one of rights_leaflet, helpline_card, legal_info, health_kit, food, water, protective_equipment, other. Nothing was changed.
error-outreach-count-too-large = A count cannot go above 10,000 people (100,000 for a material). Nothing was changed.
error-outreach-minors-over-total = There cannot be more minors than people met: count the person first (woman, man or not stated), then as a minor. Nothing was changed.
error-outreach-no-roster = This device has no team list yet: join a team and sync once after approval. Nothing was changed.
error-outreach-not-in-team = Device { $device } is not a member of the team. Nothing was changed.
error-outreach-bad-topic = The topic must be one of rights, job_placement_protocol, health, housing, documents, safety_at_work, other. Nothing was changed.
error-outreach-bad-group = Women and men together, and minors, cannot be more than the attendance, and the note can be at most 20,000 characters. Nothing was changed.
error-outreach-unknown-group = This outreach session has no group session with that id. Nothing was changed.
error-outreach-unknown-person = There is no person with that id on this device. Nothing was changed.

# quick contacts and places
error-contact-bad-alias = Give a name or a short description of the person (at most 80 characters). Nothing was changed.
error-contact-no-recontact = Say whether the person agrees to be contacted again: --recontact yes or --recontact no. Nothing was changed.
error-contact-bad-recontact = The answer to "may we contact you again?" must be yes or no. Nothing was changed.
error-contact-bad-language = The language must be a language code of the list (for example pa, pa-Guru, wo, ar). Nothing was changed.
error-contact-bad-material = Item { $item } of what was given is not a material of the list (rights_leaflet, helpline_card, legal_info, health_kit, food, water, protective_equipment, other). Nothing was changed.
error-contact-bad-way = Item { $item } of how to contact the person again is not a way of the list (at_place, phone, mediator, sportello). Nothing was changed.
error-contact-way-without-yes = How to contact the person again is kept only when they agreed to be contacted again: --recontact yes. Nothing was changed.
error-contact-bad-phone = The phone number is too long (at most 40 characters). Nothing was changed.
error-contact-phone-without-way = A phone number is kept only when the person agreed to a call or a message: add phone to --recontact-how. Nothing was changed.
error-contact-unknown-person = There is no person with that id on this device. Nothing was changed.
error-contact-already-intake = This person is already an intake, not a quick contact. Nothing was changed.
error-place-unknown = There is no place with that id in the team's list (see ponte place list). Nothing was changed.
error-place-retired = This place is retired: choose a place in use, or put it back in use first. Nothing was changed.
error-place-duplicate-name = A place in use in the team's list has this name already (names are compared without case and extra spaces): use that place, or choose another name. Nothing was changed.

# Conflicting edits of one field
error-conflict-none = This record has no conflict at that field path (it may have been resolved already; see show). Nothing was changed.
error-conflict-unknown-device = No value of that conflict was written by that device (give a device id or name that show lists for it). Nothing was changed.

# programme reports
error-report-combine = The teams' reports cannot be added up (not of the same period or format, or two teams with one name). Nothing was written.
error-programme-not-coordinator = This device is not a programme coordinator: run ponte programme init --name NAME first.
error-programme-already = This device is already a programme coordinator. Nothing was changed.
error-programme-in-team = A team's device cannot be a programme coordinator: use a store of its own, in no team. Nothing was changed.
error-programme-bad-name = The name must have 1 to 80 characters, without control characters. Nothing was changed.
error-programme-bad-code = That is not a coordinator code (it starts with ponteprog1:). Nothing was written.
error-programme-bad-team-code = That is not a team code (it starts with ponteteam1:). Nothing was changed.
error-programme-no-team = This device is in no team: only a team's supervisor can publish to a programme.
error-programme-name-taken = Another team of the programme is already called { $name }: choose another name with --name. Nothing was changed.
error-programme-bad-package = { $file } is not a programme package, or it was altered. Nothing was imported.
error-programme-unknown-team = { $file } comes from a team this programme does not know: add the team first with its team code. Nothing was imported.
error-programme-bad-signature = { $file } is not signed by a supervisor device pinned for its team: it may be forged or altered. Nothing was imported.
error-programme-other-coordinator = { $file } was sealed to another programme coordinator. Nothing was imported.
error-programme-no-packages = No team has sent a report for exactly { $from } to { $to }. Nothing was written.
error-programme-too-few = The team reached fewer than { $min } people in this period: a package would describe single people. Choose a longer period. Nothing was written.
error-programme-period-closed = { $file }: the programme's report for { $from } to { $to } was already made with the packages received then. A package arriving later cannot change it (two versions of it would give a team's hidden counts away by subtraction). Nothing was imported.
error-programme-period-reported = The programme's report for { $from } to { $to } was already made, with threshold { $threshold } and the packages received then: a report of that period can only repeat it (two versions of it would give a team's hidden counts away by subtraction). Nothing was written.

# roles, deputies and recovery
error-bad-role = There is no such role: use one of { $roles }. Nothing was changed.
error-role-refused = A device with the role { $role } cannot do this: ask an operator or the supervisor.
error-bad-recovery-kit = This is not a recovery kit's code: check it against the printed sheet (it starts with ponterec1:).
error-recovery-kit-retired = This recovery kit no longer works: a newer kit replaced it, or it was used already. Nothing was changed.
error-last-supervisor = The team would be left without a supervisor. Nothing was changed.

# need-to-know records
error-restrict-unknown-device = The device { $device } is not in the team's list of devices (see ponte devices). Nothing was changed.
error-restrict-no-devices = Name at least one device to restrict the record to, or use --open to lift the restriction. Nothing was changed.
error-restrict-ambiguous-device = More than one device of the team is called { $device }: give its id instead (see ponte devices). Nothing was changed.
error-not-in-roster = A device named is not in the team's list of devices. Nothing was changed.
error-too-many-readers = A record can be restricted to at most 64 devices. Nothing was changed.

# audit review
error-audit-trail-record = This record is a device's audit trail: only the audit review shows it (ponte audit review), and nobody edits or erases it. Nothing was changed.
error-audit-unknown-device = No device of the team, and no audit trail, is named { $device } (see ponte devices). Nothing was shown.

## Places from the team's list, team members from the roster
error-place-unknown-name = There is no place in use named "{ $name }" in the team's list: choose a place of the list (see ponte place list), or add it to the list first. Nothing was changed.
error-place-mismatch = This names two different places of the team's list: give one place. Nothing was changed.
error-outreach-member-unknown = A team member typed by name is not in the team's roster: pick the members from the team (see ponte outreach members). Nothing was changed.

# Messages of the `ponte` command line and of store errors shared with the app.
# Arguments are never record content: only counts, line numbers and field paths.

error-internal = Internal error. Nothing was shown of your data; please report it to the team's supervisor.
error-not-initialized = There is no Ponte store in this home directory. Run "ponte init" first.
error-already-initialized = A Ponte store already exists in this home directory.
error-passphrase-too-short = The passphrase is too short: use at least { $min } characters.
error-wrong-passphrase = Wrong passphrase. Nothing was changed.
error-corrupt = The store is damaged or has been tampered with. Nothing was changed; restore from another device by syncing.
error-not-found = No record with this id.
error-wrong-kind = This id belongs to a record of another kind.
error-invalid = The record is not valid ({ $count ->
    [one] one problem
   *[other] { $count } problems
  }): { $problems }
error-audit-broken = The audit log does not verify (entry { $seq }): it may have been tampered with.
error-busy = The store is in use by another program. Try again.
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
validation-out-of-range = is out of range
validation-referral-without-consent = has no matching referral consent given on or before its date
validation-override-reason-required = needs a reason for the override
validation-invalid-id = is not a valid id
validation-too-many = has too many items
validation-not-allowed = is not allowed here
error-not-empty = This device already holds records: only a new device can join a team.

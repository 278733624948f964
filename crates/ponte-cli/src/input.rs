//! Reading input from a file or stdin, and the passphrase.

use std::io::Read as _;
use std::path::Path;

use ponte_device::Failure;
use zeroize::Zeroizing;

/// Text from `FILE` or `-` (stdin).
pub fn read_source(source: &str) -> Result<String, Failure> {
    let mut text = String::new();
    if source == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|_| Failure::code("read-input"))?;
    } else {
        text = std::fs::read_to_string(source).map_err(|_| Failure::code("read-input"))?;
    }
    Ok(text)
}

/// Most bytes read for an invite code: a code is a few hundred characters.
const MAX_INVITE_CODE_BYTES: u64 = 16 * 1024;

/// Most bytes read for a relay code: a code is at most 256 characters, and a file may
/// add blanks and a newline.
const MAX_RELAY_CODE_BYTES: u64 = 4 * 1024;

/// A secret given as an argument (`-` for standard input) or in a file, read into
/// memory that is zeroed when dropped: at most `max` bytes of UTF-8, else `too_long`.
/// `None` if neither was given; both at once is a usage error.
fn secret(
    arg: Option<&str>,
    file: Option<&Path>,
    max: u64,
    too_long: &str,
) -> Result<Option<Zeroizing<String>>, Failure> {
    let read = |reader: &mut dyn std::io::Read| {
        let mut bytes = Zeroizing::new(Vec::new());
        reader
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Failure::code("read-input"))?;
        if bytes.len() as u64 > max {
            // Far longer than any such secret: not one.
            return Err(Failure::code(too_long));
        }
        std::str::from_utf8(&bytes)
            .map(|text| Some(Zeroizing::new(text.to_owned())))
            .map_err(|_| Failure::code(too_long))
    };
    match (arg, file) {
        (None, None) => Ok(None),
        (Some("-"), None) => read(&mut std::io::stdin().lock()),
        (Some(text), None) => Ok(Some(Zeroizing::new(text.to_owned()))),
        (None, Some(path)) => {
            let mut file = std::fs::File::open(path).map_err(|_| Failure::code("read-input"))?;
            read(&mut file)
        }
        _ => Err(Failure::usage()),
    }
}

/// The invite code of `ponte join`: the argument itself, `-` for standard input, or
/// the file `--code-file` names. Kept in memory that is zeroed when dropped (the code
/// holds the invite secret); checked by `ponte_device::team::check_join`, not here.
pub fn invite_code(arg: Option<&str>, file: Option<&Path>) -> Result<Zeroizing<String>, Failure> {
    secret(arg, file, MAX_INVITE_CODE_BYTES, "bad-invite")?.ok_or_else(Failure::usage)
}

/// The recovery kit's code of `ponte team recover`: `-` (standard input, the default),
/// or the file `--kit-file` names. Never an argument: it is the team's master secret.
/// Zeroed when dropped; checked by `ponte_device::team::check_recover`, not here.
pub fn recovery_kit(file: Option<&Path>) -> Result<Zeroizing<String>, Failure> {
    let arg = if file.is_some() { None } else { Some("-") };
    secret(arg, file, MAX_INVITE_CODE_BYTES, "bad-recovery-kit")?.ok_or_else(Failure::usage)
}

/// The relay code of `ponte team create`, if one was given: `--relay-code CODE`, `-`
/// for standard input, or the file `--relay-code-file` names; zeroed when dropped.
/// Checked by `ponte_device::team::check_create`, not here.
pub fn relay_code(
    arg: Option<&str>,
    file: Option<&Path>,
) -> Result<Option<Zeroizing<String>>, Failure> {
    secret(arg, file, MAX_RELAY_CODE_BYTES, "bad-relay-code")
}

/// The passphrase: `PONTE_PASSPHRASE`, else a prompt on the terminal (twice when
/// `confirm`).
pub fn passphrase(confirm: bool) -> Result<Zeroizing<String>, Failure> {
    if let Ok(p) = std::env::var("PONTE_PASSPHRASE") {
        return Ok(Zeroizing::new(p));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|_| Failure::code("no-passphrase"))
    };
    let first = ask("Passphrase: ")?;
    if confirm && *ask("Passphrase (again): ")? != *first {
        return Err(Failure::code("passphrase-mismatch"));
    }
    Ok(first)
}

/// The duress passphrase of `ponte duress set`: `PONTE_DURESS_PASSPHRASE`, else a
/// prompt on the terminal, twice. Checked by the store, not here.
pub fn duress_passphrase() -> Result<Zeroizing<String>, Failure> {
    if let Ok(p) = std::env::var("PONTE_DURESS_PASSPHRASE") {
        return Ok(Zeroizing::new(p));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|_| Failure::code("no-passphrase"))
    };
    let first = ask("Duress passphrase: ")?;
    if *ask("Duress passphrase (again): ")? != *first {
        return Err(Failure::code("passphrase-mismatch"));
    }
    Ok(first)
}

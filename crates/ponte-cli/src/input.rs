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

/// The invite code of `ponte join`: the argument itself, `-` for standard input, or
/// the file `--code-file` names. Kept in memory that is zeroed when dropped (the code
/// holds the invite secret); checked by `ponte_device::team::check_join`, not here.
pub fn invite_code(arg: Option<&str>, file: Option<&Path>) -> Result<Zeroizing<String>, Failure> {
    let read = |reader: &mut dyn std::io::Read| {
        let mut bytes = Zeroizing::new(Vec::new());
        reader
            .take(MAX_INVITE_CODE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| Failure::code("read-input"))?;
        if bytes.len() as u64 > MAX_INVITE_CODE_BYTES {
            // Far longer than any code: not one.
            return Err(Failure::code("bad-invite"));
        }
        std::str::from_utf8(&bytes)
            .map(|text| Zeroizing::new(text.to_owned()))
            .map_err(|_| Failure::code("bad-invite"))
    };
    match (arg, file) {
        (Some("-"), None) => read(&mut std::io::stdin().lock()),
        (Some(code), None) => Ok(Zeroizing::new(code.to_owned())),
        (None, Some(path)) => {
            let mut file = std::fs::File::open(path).map_err(|_| Failure::code("read-input"))?;
            read(&mut file)
        }
        _ => Err(Failure::usage()),
    }
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

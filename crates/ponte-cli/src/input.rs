//! Reading input from a file or stdin, and the passphrase.

use std::io::Read as _;

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

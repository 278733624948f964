//! Reading JSON and JSONL from a file or stdin, and the passphrase.

use std::io::Read as _;

use serde_json::Value;
use zeroize::Zeroizing;

use crate::failure::Failure;

/// Bytes from `FILE` or `-` (stdin).
pub fn read_source(source: &str) -> Result<String, Failure> {
    let mut text = String::new();
    if source == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|_| Failure::msg("read-input"))?;
    } else {
        text = std::fs::read_to_string(source).map_err(|_| Failure::msg("read-input"))?;
    }
    Ok(text)
}

/// Parse JSON; a syntax error reports its line and column, never the text.
pub fn parse_json(text: &str) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|e| {
        Failure::Message(
            "bad-json",
            vec![("line", e.line().into()), ("column", e.column().into())],
        )
    })
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
            .map_err(|_| Failure::msg("no-passphrase"))
    };
    let first = ask("Passphrase: ")?;
    if confirm && *ask("Passphrase (again): ")? != *first {
        return Err(Failure::msg("passphrase-mismatch"));
    }
    Ok(first)
}

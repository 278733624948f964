//! The `ponte` binary as a script meets it before any store exists: its command list,
//! and a clear, translated refusal (exit status 1, one line, nothing created) for a
//! home that holds no store. The behaviour of each command is tested end to end in
//! `tests/tests/` against a real relay.
//!
//! (Having a test here also makes `cargo test --workspace` build the `ponte` binary
//! with the suite's features, the one `tests/tests/` runs.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn ponte() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ponte"));
    cmd.env_remove("PONTE_HOME")
        .env_remove("PONTE_LANG")
        .env_remove("PONTE_PASSPHRASE");
    cmd
}

#[test]
fn help_names_the_commands_scripts_are_written_against() {
    let out = ponte().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for command in [
        "init",
        "person",
        "outreach",
        "service",
        "place",
        "contact",
        "audit",
        "batch",
        "team",
        "invite",
        "join",
        "approve",
        "sync",
        "status",
        "devices",
        "revoke",
        "report",
        "programme",
        "referral",
        "consent",
        "case",
        "followup",
        "panic",
        "duress",
    ] {
        assert!(
            text.lines()
                .any(|line| line.trim_start().starts_with(&format!("{command} "))),
            "`ponte --help` does not list `{command}`:\n{text}"
        );
    }
}

#[test]
fn a_home_without_a_store_is_refused_in_the_chosen_language_and_left_empty() {
    let home = tempfile_dir();
    for (lang, words) in [("en", "ponte init"), ("it", "ponte init")] {
        let out = ponte()
            .args(["--home", home.to_str().unwrap(), "--lang", lang, "status"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{lang}: {err}");
        assert!(err.contains(words), "{lang}: {err}");
        assert!(out.stdout.is_empty(), "{lang}");
    }
    let en = ponte()
        .args(["--home", home.to_str().unwrap(), "--lang", "en", "status"])
        .output()
        .unwrap();
    let it = ponte()
        .args(["--home", home.to_str().unwrap(), "--lang", "it", "status"])
        .output()
        .unwrap();
    assert_ne!(en.stderr, it.stderr, "the refusal is not translated");
    assert_eq!(
        std::fs::read_dir(&home).unwrap().count(),
        0,
        "a file was created"
    );
    std::fs::remove_dir_all(&home).unwrap();
}

/// A fresh empty directory (no dev-dependency for one temporary directory).
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "ponte-cli-usage-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir(&dir).unwrap();
    dir
}

//! `ponte`: a headless Ponte device over the same crates as the app.
//!
//! Everything a device can do, this binary can do: scripts at base, tests and
//! benchmarks drive it. It only parses arguments, reads input, calls the device
//! services (`ponte-device`) and prints JSON; errors are printed as one translated line
//! on stderr with a non-zero exit status, and never contain a record's content.

mod case;
mod cli;
mod contact;
mod input;
mod outreach;
mod programme;
mod referral;
mod report;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use ponte_device::Failure;
use ponte_i18n::Translator;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let lang = args.lang.clone().or_else(|| std::env::var("LANG").ok());
    let tr = Translator::new(lang.as_deref());
    install_panic_hook(lang);
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let line = failure.message(&tr);
            let _ = writeln!(std::io::stderr(), "ponte: {line}");
            ExitCode::from(exit_code(&failure))
        }
    }
}

/// The exit status scripts test for: 2 usage, 3 wrong passphrase (or an attempt
/// refused within the delay), 4 damaged store or audit log, 5 removed from the team,
/// erased after too many wrong passphrases or after the key lease expired, 1 anything
/// else.
fn exit_code(failure: &Failure) -> u8 {
    match failure.as_code() {
        "usage" | "bad-id" => 2,
        "wrong-passphrase" | "wrong-passphrase-final-tries" | "unlock-delayed" => 3,
        "erased-after-failures" | ponte_device::lease::LEASE_EXPIRED => 5,
        "corrupt" | "audit-broken" => 4,
        ponte_device::sync::REVOKED => 5,
        _ => 1,
    }
}

/// A panic is a bug; its message may hold anything, so print a fixed translated line
/// and nothing of the payload or backtrace.
fn install_panic_hook(lang: Option<String>) {
    std::panic::set_hook(Box::new(move |_| {
        let tr = Translator::new(lang.as_deref());
        let _ = writeln!(std::io::stderr(), "ponte: {}", tr.t("error-internal", &[]));
    }));
}

//! `ponte`: a headless Ponte device over the same crates as the app.
//!
//! Everything a device can do, this binary can do: scripts at base, tests and
//! benchmarks drive it. It only parses arguments, reads input, calls `ponte-store`
//! and prints JSON; errors are printed as one translated line on stderr with a
//! non-zero exit status, and never contain a record's content.

mod cli;
mod failure;
mod input;
mod qr;
mod report;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use ponte_i18n::Translator;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let lang = args.lang.clone().or_else(|| std::env::var("LANG").ok());
    let tr = Translator::new(lang.as_deref());
    install_panic_hook(lang);
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let line = failure.render(&tr);
            let _ = writeln!(std::io::stderr(), "ponte: {line}");
            ExitCode::from(failure.exit_code())
        }
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

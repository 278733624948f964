//! The relay's integration suite: the real HTTP server, in-process for most
//! cases and as the real binary for the process-level ones. Every backend-generic
//! case runs on SQLite (a temp file) and on PostgreSQL (a throwaway cluster the
//! fixture starts and stops itself); see `support.rs`.
//!
//! One test binary for all of it: one link instead of one per file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod architecture;
mod auth;
mod chain;
mod enrol;
mod limits;
mod notices;
mod process;
mod support;
mod sync;

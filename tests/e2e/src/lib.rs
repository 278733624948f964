//! The app end to end, in real WebKit windows: the test is `tests/app_e2e.rs`, with the
//! helpers of `ponte-tests`. This package holds nothing else, so that `scripts/test`
//! can run it beside the other suites (it mostly waits on WebKit and the relay).

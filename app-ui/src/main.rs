//! Ponte's screens: a Leptos client-side app compiled to wasm32 and shown by the Tauri
//! shell (`crates/ponte-app`). Mobile first: one column, large tap targets, the sync
//! status and the quick-lock always on screen. Every text is a Fluent message
//! (`locales/*/app.ftl`, `worker.ftl`); worker-facing text is shown in the operator's
//! language and the worker's language side by side.

mod app;
mod i18n;
mod ipc;
mod screens;
mod util;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

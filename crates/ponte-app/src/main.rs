//! Ponte's app: a Tauri v2 window showing the Leptos screens of `app-ui`, and thin typed
//! commands over the core crates (store, sync, team).
//!
//! The shell keeps the unlocked store in memory while the app is unlocked and drops it
//! (zeroizing every key) on lock. Sync runs in the background on a second handle of the
//! same store (see [`ponte_store::Store::reopen`]), so screens never wait for the network.
//! Errors cross IPC as codes and arguments ([`ponte_ipc::IpcError`]) and are translated
//! by the screens; nothing here logs or returns record content.
//!
//! Usage: `ponte-app [--data-dir DIR]` (or `PONTE_HOME`); without either, the platform's
//! app data directory.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod prefs;
mod qr;
mod report;
mod state;

use std::path::PathBuf;

use tauri::Manager;

fn data_dir_from_args() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    std::env::var_os("PONTE_HOME").map(PathBuf::from)
}

fn main() {
    let requested = data_dir_from_args();
    let result = tauri::Builder::default()
        .setup(move |app| {
            let home = match requested.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let state = state::App::new(home);
            app.manage(state);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(state::background_sync(handle));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::status,
            commands::set_prefs,
            commands::init,
            commands::unlock,
            commands::lock,
            commands::create_team,
            commands::join_team,
            commands::decode_qr,
            commands::invite,
            commands::approve,
            commands::devices,
            commands::revoke,
            commands::sync_now,
            commands::list,
            commands::get,
            commands::create,
            commands::edit,
            commands::erase,
            commands::report,
            commands::report_export,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        // Tauri's own start-up errors (no display, no WebKit): no record content here.
        eprintln!("ponte-app: {e}");
        std::process::exit(1);
    }
}

//! Ponte's app: a Tauri v2 window showing the Leptos screens of `app-ui`, and thin typed
//! commands (one per entry of the IPC contract, [`ponte_ipc::cmd`]) over the device
//! services of `ponte-device`.
//!
//! The shell keeps the unlocked store in memory while the app is unlocked and drops it
//! (zeroizing every key) on lock, or seals its master key under the working day's PIN
//! (`ponte_store::pin`). The shell enforces the lock itself, not the screens: a task
//! checks every 2 s for idle time, a hidden or minimized window and a suspend
//! (`ponte_device::lock`), and a phone's app going to the background locks at once.
//! Sync runs in the background on a second handle of the
//! same store (see [`ponte_store::Store::reopen`]), so screens never wait for the network.
//! Errors cross IPC as codes and arguments ([`ponte_ipc::IpcError`]) and are translated
//! by the screens; nothing here logs or returns record content.
//!
//! The library is the app: [`run`] is the entry point of the desktop binary and of a
//! phone build (Tauri's mobile entry attribute); [`app_builder`] puts Ponte's state,
//! background sync and commands on any runtime's builder, which is how the commands are
//! tested on Tauri's mock runtime without WebKit (`tests/commands.rs`).
//!
//! Usage on a desktop: `ponte-app [--data-dir DIR]` (or `PONTE_HOME`); without either,
//! and always on a phone, the platform's app data directory.

pub mod commands;
mod state;

use std::path::PathBuf;

use tauri::{Builder, Context, Manager, Runtime};

pub use state::App;

macro_rules! ponte_commands {
    ($($name:ident),* $(,)?) => {
        /// The commands the shell registers, by name, in order (the tests hold it
        /// equal to [`ponte_ipc::cmd::ALL`]).
        pub const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}

ponte_commands![
    status,
    set_prefs,
    init,
    unlock,
    lock,
    create_team,
    join_team,
    decode_qr,
    invite,
    approve,
    devices,
    revoke,
    sync_now,
    list,
    get,
    create,
    edit,
    erase,
    report,
    report_export,
    panic,
    set_pin,
    set_duress,
    clear_pin,
    unlock_pin,
    hand_to_worker,
    activity,
    team_settings,
    case_take,
    case_goal_add,
    case_goal_done,
    case_goal_drop,
    case_close,
    case_reopen,
    referral_outcome,
    followup_done,
    followup_move,
    followup_add,
    encounter_add,
    consent_add,
    intake_create,
    referral_add,
    followups_due,
    timeline,
    referral_sheet,
    referral_sender,
    consent_withdraw,
    outreach_tally,
    outreach_counts,
    team_members,
    outreach_members,
    outreach_group_add,
    outreach_group_follow_up,
    quick_contact,
    contact_intake,
    place_retire,
    conflicts,
    resolve,
    approve_as,
    set_role,
    handover,
    recovery_kit_new,
    recovery_kit_pending,
    recovery_kit_printed,
    recover_team,
    programme_list,
    programme_report,
    programme_init,
    programme_key,
    programme_add_team,
    programme_import_files,
    programme_export,
    programme_team_code,
    programme_publish,
    restrict,
    readers,
    audit_review,
];

/// Ponte on `builder`: its state (the store in `data_dir`, else the platform's app
/// data directory), the background sync, and every command of the contract.
pub fn app_builder<R: Runtime>(builder: Builder<R>, data_dir: Option<PathBuf>) -> Builder<R> {
    // A given directory is managed at once (the state exists before the event loop
    // starts, as the mock runtime's tests need); the platform's directory is known only
    // once the app is set up.
    let known = data_dir.is_some();
    let builder = match data_dir {
        Some(dir) => builder.manage(App::new(dir)),
        None => builder,
    };
    builder
        .setup(move |app| {
            if !known {
                app.manage(App::new(app.path().app_data_dir()?));
            }
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(state::background_sync(handle));
            tauri::async_runtime::spawn(state::enforce_lock(app.handle().clone()));
            Ok(())
        })
        .on_window_event(on_window_event)
        .invoke_handler(handler())
}

/// A phone's app going to the background (Android `onPause`, iOS
/// `applicationWillResignActive`) locks at once. A desktop has no such event for a
/// minimized window: the background check polls the window instead
/// ([`state::enforce_lock`]).
#[cfg(mobile)]
fn on_window_event<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    if matches!(event, tauri::WindowEvent::Suspended) {
        let handle = window.app_handle().clone();
        tauri::async_runtime::spawn(async move {
            let app = handle.state::<App>();
            let now = ponte_device::lock::Now::system();
            app.lock_at(ponte_device::lock::Reason::Hidden, None, now)
                .await;
        });
    }
}

#[cfg(desktop)]
fn on_window_event<R: Runtime>(_window: &tauri::Window<R>, _event: &tauri::WindowEvent) {}

/// Build and run Ponte on `builder` with `context` until the last window closes.
pub fn run_app<R: Runtime>(
    builder: Builder<R>,
    context: Context<R>,
    data_dir: Option<PathBuf>,
) -> tauri::Result<()> {
    app_builder(builder, data_dir).run(context)
}

/// `--data-dir DIR` or `PONTE_HOME` (desktop only: a phone has one app data
/// directory and no command line).
#[cfg(desktop)]
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

#[cfg(mobile)]
fn data_dir_from_args() -> Option<PathBuf> {
    None
}

/// Run the app (the desktop binary's `main`, and the phone's entry point).
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let result = run_app(
        tauri::Builder::default(),
        tauri::generate_context!(),
        data_dir_from_args(),
    );
    if let Err(e) = result {
        // Tauri's own start-up errors (no display, no WebKit): no record content here.
        // On iOS the entry point sends stderr to the system log; on Android it reaches
        // no log (docs/mobile.md, section 1).
        eprintln!("ponte-app: {e}");
        // A desktop process ends with a failure status. On a phone the operating
        // system owns the process and its event loop: the entry point just returns.
        #[cfg(desktop)]
        std::process::exit(1);
    }
}

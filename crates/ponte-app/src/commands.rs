//! The commands the screens call, one per entry of the IPC contract
//! ([`ponte_ipc::cmd`]): each takes that command's argument struct and answers its
//! type. Each is thin: take the unlocked store, call the device services
//! (`ponte-device`), return the answer; every rule is there, not here.
//!
//! Every command but `status` (which the screens poll) is activity: it starts the
//! shell's idle timer over ([`App::touch`]).

use ponte_device::lock::{self, Now, Reason};
use ponte_device::{Failure, records, report, session, settings, team};
use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, Args, NoArgs, Reply};
use ponte_store::Store;
use tauri::State;
use tokio::sync::MutexGuard;

use crate::prefs::{self, MAX_AUTOLOCK_MINUTES};
use crate::state::App;

/// The unlocked store, or `locked`.
async fn unlocked(app: &App) -> Result<MutexGuard<'_, Option<Store>>, IpcError> {
    let guard = app.store.lock().await;
    if guard.is_none() {
        return Err(IpcError::code("locked"));
    }
    Ok(guard)
}

/// `locked` while the worker's screen shows: nothing but the PIN, the passphrase, the
/// worker's screen itself and the panic wipe until then.
fn refuse_in_worker_mode(app: &App) -> Result<(), IpcError> {
    if app.with_lock(|l| l.worker().is_some()) {
        return Err(IpcError::code("locked"));
    }
    Ok(())
}

fn store_of<'a>(guard: &'a mut MutexGuard<'_, Option<Store>>) -> Result<&'a mut Store, IpcError> {
    guard.as_mut().ok_or_else(|| IpcError::code("locked"))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn status(app: State<'_, App>, args: Args<cmd::GetStatus>) -> Reply<cmd::GetStatus> {
    let NoArgs {} = args;
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_prefs(app: State<'_, App>, args: Args<cmd::SetPrefs>) -> Reply<cmd::SetPrefs> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    let mut current = app.prefs();
    if let Some(locale) = args.locale {
        if !lock::is_language_tag(&locale) {
            return Err(IpcError::code("usage"));
        }
        current.locale = locale;
    }
    if let Some(minutes) = args.autolock_minutes {
        if !(1..=MAX_AUTOLOCK_MINUTES).contains(&minutes) {
            return Err(IpcError::code("usage"));
        }
        current.autolock_minutes = minutes;
    }
    if let Some(point) = args.listening_point {
        let mut guard = unlocked(&app).await?;
        settings::set_listening_point(store_of(&mut guard)?, &point)?;
    }
    prefs::save(&app.home, &current).map_err(|_| IpcError::code("io"))?;
    if let Ok(mut p) = app.prefs.lock() {
        *p = current;
    }
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn init(app: State<'_, App>, args: Args<cmd::Init>) -> Reply<cmd::Init> {
    app.touch();
    let store = session::init(&app.home, &args.passphrase)?;
    drop(args);
    // The preferences chosen before the store existed go beside it.
    prefs::save(&app.home, &app.prefs()).map_err(|_| IpcError::code("io"))?;
    *app.store.lock().await = Some(store);
    let now = Now::system();
    app.with_lock(|l| l.opened_with_passphrase(now));
    app.revoked
        .store(false, std::sync::atomic::Ordering::Relaxed);
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn unlock(app: State<'_, App>, args: Args<cmd::Unlock>) -> Reply<cmd::Unlock> {
    app.touch();
    // A duress unlock (a new store in place of the real one) removes the workbooks
    // exported from the real one too.
    let store = session::unlock_with_files(&app.home, &args.passphrase, &[app.exports_dir()])?;
    drop(args);
    *app.store.lock().await = Some(store);
    let now = Now::system();
    app.with_lock(|l| l.opened_with_passphrase(now));
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn lock(app: State<'_, App>, args: Args<cmd::Lock>) -> Reply<cmd::Lock> {
    app.touch();
    let NoArgs {} = args;
    // Sealed under the day's PIN, or dropped (zeroizing its keys); a sync under way
    // is stopped, dropping its handle.
    app.lock_at(Reason::Asked, None, Now::system()).await;
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_team(
    app: State<'_, App>,
    args: Args<cmd::CreateTeam>,
) -> Reply<cmd::CreateTeam> {
    app.touch();
    {
        let mut guard = unlocked(&app).await?;
        team::create(
            store_of(&mut guard)?,
            &args.relay,
            &args.device_name,
            args.relay_code.as_deref(),
        )
        .await?;
    }
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn join_team(app: State<'_, App>, args: Args<cmd::JoinTeam>) -> Reply<cmd::JoinTeam> {
    app.touch();
    {
        let mut guard = unlocked(&app).await?;
        team::join(store_of(&mut guard)?, &args.code, &args.device_name).await?;
    }
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn decode_qr(app: State<'_, App>, args: Args<cmd::DecodeQr>) -> Reply<cmd::DecodeQr> {
    app.touch();
    Ok(ponte_device::qr::decode_png(&args.image)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn invite(app: State<'_, App>, args: Args<cmd::MakeInvite>) -> Reply<cmd::MakeInvite> {
    app.touch();
    let NoArgs {} = args;
    let mut guard = unlocked(&app).await?;
    let (invite, _expires) =
        team::invite(store_of(&mut guard)?, team::DEFAULT_INVITE_TTL_MS).await?;
    Ok(invite)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn approve(app: State<'_, App>, args: Args<cmd::Approve>) -> Reply<cmd::Approve> {
    app.touch();
    let NoArgs {} = args;
    let mut guard = unlocked(&app).await?;
    Ok(team::approve(store_of(&mut guard)?, None).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn devices(app: State<'_, App>, args: Args<cmd::Devices>) -> Reply<cmd::Devices> {
    app.touch();
    let NoArgs {} = args;
    let mut guard = unlocked(&app).await?;
    Ok(team::devices(store_of(&mut guard)?).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn revoke(app: State<'_, App>, args: Args<cmd::Revoke>) -> Reply<cmd::Revoke> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    team::revoke(store_of(&mut guard)?, &args.device).await?;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sync_now(app: State<'_, App>, args: Args<cmd::SyncNow>) -> Reply<cmd::SyncNow> {
    app.touch();
    let NoArgs {} = args;
    app.sync_once().await;
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list(app: State<'_, App>, args: Args<cmd::List>) -> Reply<cmd::List> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    Ok(records::rows(store_of(&mut guard)?, &args.query)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get(app: State<'_, App>, args: Args<cmd::Get>) -> Reply<cmd::Get> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    Ok(records::fields(store_of(&mut guard)?, &args.id, None)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create(app: State<'_, App>, args: Args<cmd::Create>) -> Reply<cmd::Create> {
    app.touch();
    let id = {
        let mut guard = unlocked(&app).await?;
        records::create(store_of(&mut guard)?, args.kind, &args.fields)?
    };
    app.kick.notify_one();
    Ok(id.to_hex())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn edit(app: State<'_, App>, args: Args<cmd::Edit>) -> Reply<cmd::Edit> {
    app.touch();
    {
        let mut guard = unlocked(&app).await?;
        records::edit(store_of(&mut guard)?, &args.id, None, &args.patch)?;
    }
    app.kick.notify_one();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn erase(app: State<'_, App>, args: Args<cmd::Erase>) -> Reply<cmd::Erase> {
    app.touch();
    {
        let mut guard = unlocked(&app).await?;
        records::erase(
            store_of(&mut guard)?,
            &args.id,
            Some(ponte_model::Kind::Person),
        )?;
    }
    app.kick.notify_one();
    Ok(())
}

/// The report request of a period at the threshold every screen report uses.
fn period(args: &cmd::PeriodArgs) -> Result<report::Request, Failure> {
    report::request(&args.from, &args.to, report::DEFAULT_THRESHOLD)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report(app: State<'_, App>, args: Args<cmd::Report>) -> Reply<cmd::Report> {
    app.touch();
    let request = period(&args)?;
    let locale = app.prefs().locale;
    let mut guard = unlocked(&app).await?;
    Ok(report::view(store_of(&mut guard)?, &request, &locale)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report_export(
    app: State<'_, App>,
    args: Args<cmd::ReportExport>,
) -> Reply<cmd::ReportExport> {
    app.touch();
    let request = period(&args)?;
    let locale = app.prefs().locale;
    let export = {
        let mut guard = unlocked(&app).await?;
        // Not held across an await: a Fluent bundle is not `Send`.
        let tr = ponte_i18n::Translator::new(Some(&locale));
        report::export(
            store_of(&mut guard)?,
            &request,
            report::Format::Xlsx,
            &tr,
            None,
        )?
    };
    // Where an exported workbook goes: `<home>/exports/`.
    let path = app
        .exports_dir()
        .join(format!("ponte-report-{}-{}.xlsx", request.from, request.to));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|_| IpcError::code("report-write"))?;
    }
    std::fs::write(&path, export.body).map_err(|_| IpcError::code("report-write"))?;
    Ok(path.display().to_string())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn panic(app: State<'_, App>, args: Args<cmd::Panic>) -> Reply<cmd::Panic> {
    app.touch();
    let NoArgs {} = args;
    // No store (already wiped, or never made) is the first run already.
    match app.panic_wipe().await {
        Ok(_) => {}
        Err(e) if e.as_code() == "not-initialized" => {}
        Err(e) => return Err(e.into()),
    }
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_pin(app: State<'_, App>, args: Args<cmd::SetPin>) -> Reply<cmd::SetPin> {
    app.touch();
    {
        let guard = unlocked(&app).await?;
        let store = guard.as_ref().ok_or_else(|| IpcError::code("locked"))?;
        let now = Now::system();
        app.with_lock(|l| l.set_pin(store, &args.pin, now))?;
    }
    drop(args);
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn clear_pin(app: State<'_, App>, args: Args<cmd::ClearPin>) -> Reply<cmd::ClearPin> {
    app.touch();
    let NoArgs {} = args;
    refuse_in_worker_mode(&app)?;
    app.with_lock(|l| l.clear_pin());
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_pin(app: State<'_, App>, args: Args<cmd::UnlockPin>) -> Reply<cmd::UnlockPin> {
    app.touch();
    let mut guard = app.store.lock().await;
    if guard.is_none() {
        let now = Now::system();
        let store = app.with_lock(|l| l.unlock_pin(&app.home, &args.pin, now))?;
        *guard = Some(store);
    }
    drop(guard);
    drop(args);
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn hand_to_worker(
    app: State<'_, App>,
    args: Args<cmd::HandToWorker>,
) -> Reply<cmd::HandToWorker> {
    app.touch();
    let lang = lock::worker_lang(&args.lang)?;
    app.lock_at(Reason::Worker, Some(lang), Now::system()).await;
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn activity(app: State<'_, App>, args: Args<cmd::Activity>) -> Reply<cmd::Activity> {
    app.touch();
    let NoArgs {} = args;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn team_settings(
    app: State<'_, App>,
    args: Args<cmd::TeamSettings>,
) -> Reply<cmd::TeamSettings> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    // Checked as typed before the store is touched, as `ponte team settings` does.
    let change = team::check_settings(args.unlock_attempts.as_deref(), args.lease_days.as_deref())?;
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let settings = team::settings(store, change).await?;
    Ok(team::settings_view(store, &settings))
}

#[cfg(test)]
mod tests {
    #[test]
    fn locale_tags_are_checked() {
        for good in ["it", "en", "ar", "pa-Guru"] {
            assert!(ponte_device::lock::is_language_tag(good), "{good}");
        }
        for bad in ["", "x", "../../etc", "it it", "abcdefghijklmnopq"] {
            assert!(!ponte_device::lock::is_language_tag(bad), "{bad}");
        }
    }
}

//! The commands the screens call. Each is thin: check the state, call a core crate,
//! turn its answer into an IPC type and its error into an [`IpcError`] code.

use ponte_ipc::cmd::Prefs as PrefsPatch;
use ponte_ipc::{Approved, DeviceRow, Invite, IpcError, ReportView, Row, Status};
use ponte_model::Kind;
use ponte_model::summary::Query;
use ponte_store::{InitOptions, RecordId, Store};
use serde_json::Value;
use tauri::State;
use tokio::sync::MutexGuard;

use crate::prefs::{self, MAX_AUTOLOCK_MINUTES};
use crate::qr;
use crate::state::{App, store_error, sync_error};

type Answer<T> = Result<T, IpcError>;

/// The unlocked store, or `locked`.
async fn unlocked(app: &App) -> Answer<MutexGuard<'_, Option<Store>>> {
    let guard = app.store.lock().await;
    if guard.is_none() {
        return Err(IpcError::code("locked"));
    }
    Ok(guard)
}

fn store_of<'a>(guard: &'a mut MutexGuard<'_, Option<Store>>) -> Answer<&'a mut Store> {
    guard.as_mut().ok_or_else(|| IpcError::code("locked"))
}

fn record_id(id: &str) -> Answer<RecordId> {
    RecordId::parse(id).ok_or_else(|| IpcError::code("bad-id"))
}

/// A UI language tag: 2 to 8 ASCII letters, optionally with a subtag.
fn is_locale_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 16
        && tag.split('-').all(|part| {
            (2..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn status(app: State<'_, App>) -> Answer<Status> {
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_prefs(app: State<'_, App>, prefs: PrefsPatch) -> Answer<Status> {
    let mut current = app.prefs();
    if let Some(locale) = prefs.locale {
        if !is_locale_tag(&locale) {
            return Err(IpcError::code("usage"));
        }
        current.locale = locale;
    }
    if let Some(minutes) = prefs.autolock_minutes {
        if !(1..=MAX_AUTOLOCK_MINUTES).contains(&minutes) {
            return Err(IpcError::code("usage"));
        }
        current.autolock_minutes = minutes;
    }
    if let Some(point) = prefs.listening_point {
        let point = point.trim();
        if point.chars().count() > 64 {
            return Err(IpcError::code("usage"));
        }
        let mut guard = unlocked(&app).await?;
        store_of(&mut guard)?
            .set_setting("listening_point", point.as_bytes())
            .map_err(store_error)?;
    }
    prefs::save(&app.home, &current).map_err(|_| IpcError::code("io"))?;
    if let Ok(mut p) = app.prefs.lock() {
        *p = current;
    }
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn init(app: State<'_, App>, passphrase: String) -> Answer<Status> {
    let store =
        Store::init(&app.home, &passphrase, &InitOptions::default()).map_err(store_error)?;
    // The preferences chosen before the store existed go beside it.
    prefs::save(&app.home, &app.prefs()).map_err(|_| IpcError::code("io"))?;
    *app.store.lock().await = Some(store);
    app.revoked
        .store(false, std::sync::atomic::Ordering::Relaxed);
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn unlock(app: State<'_, App>, passphrase: String) -> Answer<Status> {
    let store = Store::open(&app.home, &passphrase).map_err(store_error)?;
    *app.store.lock().await = Some(store);
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn lock(app: State<'_, App>) -> Answer<Status> {
    // Dropping the store zeroizes its keys; a sync under way keeps its own handle
    // until it ends.
    app.store.lock().await.take();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_team(
    app: State<'_, App>,
    relay: String,
    device_name: String,
) -> Answer<Status> {
    let relay = relay.trim();
    if !(relay.starts_with("http://") || relay.starts_with("https://")) {
        return Err(IpcError::code("bad-relay"));
    }
    {
        let mut guard = unlocked(&app).await?;
        let store = store_of(&mut guard)?;
        ponte_sync::team::create(store, relay, device_name.trim())
            .await
            .map_err(sync_error)?;
    }
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn join_team(app: State<'_, App>, code: String, device_name: String) -> Answer<Status> {
    let invite = ponte_sync::invite::Invite::from_code(&code).map_err(sync_error)?;
    {
        let mut guard = unlocked(&app).await?;
        let store = store_of(&mut guard)?;
        ponte_sync::team::join(store, &invite, device_name.trim())
            .await
            .map_err(sync_error)?;
    }
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn decode_qr(image: Vec<u8>) -> Answer<String> {
    qr::decode_png(&image)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn invite(app: State<'_, App>) -> Answer<Invite> {
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let invite = ponte_sync::team::invite(store, ponte_sync::team::DEFAULT_INVITE_TTL_MS)
        .await
        .map_err(sync_error)?;
    let code = invite.to_code();
    let (qr_width, qr_modules) = qr::modules(&code)?;
    Ok(Invite {
        code: code.to_string(),
        qr_width,
        qr_modules,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn approve(app: State<'_, App>) -> Answer<Vec<Approved>> {
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let done = ponte_sync::team::approve(store, None)
        .await
        .map_err(sync_error)?;
    Ok(done
        .into_iter()
        .map(|a| Approved {
            id: a.device,
            name: a.name,
            approved: a.approved,
        })
        .collect())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn devices(app: State<'_, App>) -> Answer<Vec<DeviceRow>> {
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let me = hex_of(&store.device_id());
    let list = ponte_sync::team::devices(store).await.map_err(sync_error)?;
    Ok(list
        .into_iter()
        .map(|(id, name, supervisor)| DeviceRow {
            this_device: id == me,
            id,
            name,
            supervisor,
        })
        .collect())
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn revoke(app: State<'_, App>, device: String) -> Answer<()> {
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    ponte_sync::team::revoke(store, &device)
        .await
        .map_err(sync_error)?;
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sync_now(app: State<'_, App>) -> Answer<Status> {
    app.sync_once().await;
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list(app: State<'_, App>, query: Query) -> Answer<Vec<Row>> {
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let rows = store.list(&query).map_err(store_error)?;
    Ok(rows
        .into_iter()
        .map(|l| Row {
            id: l.id.to_hex(),
            summary: l.summary,
        })
        .collect())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get(app: State<'_, App>, id: String) -> Answer<Value> {
    let id = record_id(&id)?;
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    Ok(store.get(&id, None).map_err(store_error)?.json)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create(app: State<'_, App>, kind: Kind, fields: Value) -> Answer<String> {
    let id = {
        let mut guard = unlocked(&app).await?;
        let store = store_of(&mut guard)?;
        store.create(kind, &fields).map_err(store_error)?
    };
    app.kick.notify_one();
    Ok(id.to_hex())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn edit(app: State<'_, App>, id: String, patch: Value) -> Answer<()> {
    let id = record_id(&id)?;
    {
        let mut guard = unlocked(&app).await?;
        let store = store_of(&mut guard)?;
        store.edit(&id, None, &patch).map_err(store_error)?;
    }
    app.kick.notify_one();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn erase(app: State<'_, App>, id: String) -> Answer<()> {
    let id = record_id(&id)?;
    {
        let mut guard = unlocked(&app).await?;
        let store = store_of(&mut guard)?;
        ponte_sync::team::erase(store, &id, Some(Kind::Person)).map_err(sync_error)?;
    }
    app.kick.notify_one();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report(app: State<'_, App>, from: String, to: String) -> Answer<ReportView> {
    let locale = app.prefs().locale;
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let published = crate::report::published(store, &from, &to, "screen")?;
    Ok(crate::report::view(&published, &locale))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn report_export(app: State<'_, App>, from: String, to: String) -> Answer<String> {
    let locale = app.prefs().locale;
    let mut guard = unlocked(&app).await?;
    let store = store_of(&mut guard)?;
    let published = crate::report::published(store, &from, &to, "xlsx")?;
    let tr = ponte_i18n::Translator::new(Some(&locale));
    let bytes =
        ponte_report::render::to_xlsx(&published, &tr).map_err(|e| IpcError::code(e.code()))?;
    let path = crate::report::export_path(&app.home, &from, &to);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|_| IpcError::code("report-write"))?;
    }
    std::fs::write(&path, bytes).map_err(|_| IpcError::code("report-write"))?;
    Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn locale_tags_are_checked() {
        for good in ["it", "en", "ar", "pa-Guru"] {
            assert!(super::is_locale_tag(good), "{good}");
        }
        for bad in ["", "x", "../../etc", "it it", "abcdefghijklmnopq"] {
            assert!(!super::is_locale_tag(bad), "{bad}");
        }
    }
}

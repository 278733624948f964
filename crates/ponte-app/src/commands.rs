//! The commands the screens call, one per entry of the IPC contract
//! ([`ponte_ipc::cmd`]): each takes that command's argument struct and answers its
//! type. Each is thin: take the unlocked store, call the device services
//! (`ponte-device`), return the answer; every rule is there, not here.
//!
//! Every command but `status` (which the screens poll) is activity: it starts the
//! shell's idle timer over ([`App::touch`]).

use ponte_device::lock::{self, Now, Reason};
use ponte_device::outreach;
use ponte_device::{Failure, case, records, referral, report, session, settings, team};
use ponte_device::{conflict, contact, place, programme};
use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, Args, NoArgs, Reply};
use ponte_store::Store;
use tauri::State;
use tokio::sync::MutexGuard;

use crate::state::App;
use ponte_device::prefs;

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
    let current = app.prefs().with(args.locale, args.autolock_minutes)?;
    if let Some(point) = args.listening_point {
        let mut guard = unlocked(&app).await?;
        settings::set_listening_point(store_of(&mut guard)?, &point)?;
    }
    prefs::save(&app.home, &current)?;
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
    prefs::save(&app.home, &app.prefs())?;
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
    let store = session::unlock(&app.home, &args.passphrase)?;
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
        app.unless_halted(team::create(
            store_of(&mut guard)?,
            &args.relay,
            &args.device_name,
            args.relay_code.as_deref(),
        ))
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
        app.unless_halted(team::join(
            store_of(&mut guard)?,
            &args.code,
            &args.device_name,
        ))
        .await?;
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
    let (invite, _expires) = app
        .unless_halted(team::invite(
            store_of(&mut guard)?,
            team::DEFAULT_INVITE_TTL_MS,
        ))
        .await?;
    Ok(invite)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn approve(app: State<'_, App>, args: Args<cmd::Approve>) -> Reply<cmd::Approve> {
    app.touch();
    let NoArgs {} = args;
    let mut guard = unlocked(&app).await?;
    app.unless_halted(team::approve(store_of(&mut guard)?, None, None))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn devices(app: State<'_, App>, args: Args<cmd::Devices>) -> Reply<cmd::Devices> {
    app.touch();
    let NoArgs {} = args;
    let mut guard = unlocked(&app).await?;
    app.unless_halted(team::devices(store_of(&mut guard)?))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn revoke(app: State<'_, App>, args: Args<cmd::Revoke>) -> Reply<cmd::Revoke> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    app.unless_halted(team::revoke(store_of(&mut guard)?, &args.device))
        .await?;
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
    write_export(
        &app,
        &format!("ponte-report-{}-{}.xlsx", request.from, request.to),
        &export.body,
    )
}

/// Writes an export (a workbook, a programme package) where exports go:
/// `<home>/exports/<name>`, which a duress unlock removes with the store; answers its
/// path, or `report-write`.
fn write_export(app: &App, name: &str, bytes: &[u8]) -> Result<String, IpcError> {
    let dir = app.exports_dir();
    std::fs::create_dir_all(&dir).map_err(|_| IpcError::code("report-write"))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|_| IpcError::code("report-write"))?;
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
pub async fn set_duress(app: State<'_, App>, args: Args<cmd::SetDuress>) -> Reply<cmd::SetDuress> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    {
        let mut guard = unlocked(&app).await?;
        session::set_duress(store_of(&mut guard)?, &args.passphrase)?;
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
    let settings = app.unless_halted(team::settings(store, change)).await?;
    Ok(team::settings_view(store, &settings))
}

// The case flow: thin calls of `ponte_device::case` and `ponte_device::referral`. Who
// did a step is this device's name in its team (the core's default); when is today
// unless the screen gives a date.

fn step_done(s: case::Step) -> ponte_ipc::case::StepDone {
    ponte_ipc::case::StepDone {
        entry: s.entry,
        date: s.date.to_string(),
        by: s.by,
    }
}

/// Who and when of a step taken on this device: its name in the team, on `date`
/// (today when `None`), with `note` (trimmed by the core, `case::note`).
fn by<'a>(date: Option<&'a str>, note: Option<&'a str>) -> case::By<'a> {
    case::By {
        by: None,
        date,
        note,
    }
}

/// Run a step on the unlocked store (refused while the worker's screen shows), then
/// wake the sync.
async fn case_step<T>(
    app: &App,
    step: impl FnOnce(&mut Store) -> Result<T, Failure>,
) -> Result<T, IpcError> {
    app.touch();
    refuse_in_worker_mode(app)?;
    let out = {
        let mut guard = unlocked(app).await?;
        step(store_of(&mut guard)?)?
    };
    app.kick.notify_one();
    Ok(out)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_take(app: State<'_, App>, args: Args<cmd::CaseTake>) -> Reply<cmd::CaseTake> {
    case_step(&app, |s| {
        case::take(s, &args.person, &args.operator, &by(None, None)).map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_goal_add(
    app: State<'_, App>,
    args: Args<cmd::CaseGoalAdd>,
) -> Reply<cmd::CaseGoalAdd> {
    case_step(&app, |s| {
        case::add_goal(s, &args.person, &args.text, &by(None, None)).map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_goal_done(
    app: State<'_, App>,
    args: Args<cmd::CaseGoalDone>,
) -> Reply<cmd::CaseGoalDone> {
    case_step(&app, |s| {
        case::goal_done(s, &args.person, &args.goal, &by(None, None)).map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_goal_drop(
    app: State<'_, App>,
    args: Args<cmd::CaseGoalDrop>,
) -> Reply<cmd::CaseGoalDrop> {
    case_step(&app, |s| {
        case::goal_drop(s, &args.person, &args.goal, &by(None, args.note.as_deref())).map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_close(app: State<'_, App>, args: Args<cmd::CaseClose>) -> Reply<cmd::CaseClose> {
    case::check_reason(&args.reason)?;
    case_step(&app, |s| {
        case::close(
            s,
            &args.person,
            &args.reason,
            &by(None, args.note.as_deref()),
        )
        .map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn case_reopen(
    app: State<'_, App>,
    args: Args<cmd::CaseReopen>,
) -> Reply<cmd::CaseReopen> {
    case_step(&app, |s| {
        case::reopen(s, &args.person, &by(None, None)).map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn referral_outcome(
    app: State<'_, App>,
    args: Args<cmd::ReferralOutcome>,
) -> Reply<cmd::ReferralOutcome> {
    case::check_outcome(&args.outcome)?;
    case::check_date(args.date.as_deref())?;
    case_step(&app, |s| {
        case::outcome(
            s,
            &args.person,
            &args.referral,
            &args.outcome,
            &by(args.date.as_deref(), args.note.as_deref()),
        )
        .map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn followup_done(
    app: State<'_, App>,
    args: Args<cmd::FollowupDone>,
) -> Reply<cmd::FollowupDone> {
    case_step(&app, |s| {
        case::followup_done(
            s,
            &args.person,
            &args.followup,
            &by(None, args.note.as_deref()),
        )
        .map(step_done)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn followup_move(
    app: State<'_, App>,
    args: Args<cmd::FollowupMove>,
) -> Reply<cmd::FollowupMove> {
    case::check_date(Some(&args.due))?;
    case_step(&app, |s| {
        case::followup_move(s, &args.person, &args.followup, &args.due).map(|d| d.to_string())
    })
    .await
}

// Entries added to a person (a follow-up, an encounter, a consent, a referral): the
// core names each entry (time and random digits) and holds every rule.

#[tauri::command(rename_all = "snake_case")]
pub async fn followup_add(
    app: State<'_, App>,
    args: Args<cmd::FollowupAdd>,
) -> Reply<cmd::FollowupAdd> {
    case::check_date(Some(&args.due))?;
    case_step(&app, |s| case::followup_add(s, &args.person, &args.due)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn encounter_add(
    app: State<'_, App>,
    args: Args<cmd::EncounterAdd>,
) -> Reply<cmd::EncounterAdd> {
    case::check_date(args.date.as_deref())?;
    case_step(&app, |s| {
        case::encounter_add(s, &args.person, args.date.as_deref())
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn consent_add(
    app: State<'_, App>,
    args: Args<cmd::ConsentAdd>,
) -> Reply<cmd::ConsentAdd> {
    case_step(&app, |s| {
        referral::consent_add(
            s,
            &args.person,
            &referral::NewConsent {
                purpose: &args.purpose,
                destination: args.destination.as_deref(),
                language: &args.language,
                share: &args.share,
            },
        )
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn intake_create(
    app: State<'_, App>,
    args: Args<cmd::IntakeCreate>,
) -> Reply<cmd::IntakeCreate> {
    app.touch();
    let id = {
        let mut guard = unlocked(&app).await?;
        referral::intake_create(store_of(&mut guard)?, &args.fields, &args.language)?
    };
    app.kick.notify_one();
    Ok(id.to_hex())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn referral_add(
    app: State<'_, App>,
    args: Args<cmd::ReferralAdd>,
) -> Reply<cmd::ReferralAdd> {
    let a = &args.appointment;
    let new = case::NewReferral {
        destination: &args.destination,
        service: args.service.as_deref(),
        appointment: case::NewReferral::appointment(
            a.date.as_deref(),
            a.time.as_deref(),
            a.ask_for.as_deref(),
            a.bring.as_deref(),
        ),
        note: args.note.as_deref(),
        by: None,
    };
    case_step(&app, |s| case::referral_add(s, &args.person, &new)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn followups_due(
    app: State<'_, App>,
    args: Args<cmd::FollowupsDue>,
) -> Reply<cmd::FollowupsDue> {
    app.touch();
    let NoArgs {} = args;
    let today = case::check_date(None)?;
    let mut guard = unlocked(&app).await?;
    Ok(case::due(store_of(&mut guard)?, today)?
        .into_iter()
        .map(|d| ponte_ipc::case::DueRow {
            person: d.person,
            title: d.title,
            due: d.due.to_string(),
            overdue: d.overdue,
            kind: d.kind,
        })
        .collect())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn timeline(app: State<'_, App>, args: Args<cmd::Timeline>) -> Reply<cmd::Timeline> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    Ok(case::timeline(store_of(&mut guard)?, &args.id)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn referral_sheet(
    app: State<'_, App>,
    args: Args<cmd::ReferralSheet>,
) -> Reply<cmd::ReferralSheet> {
    let copy = match args.worker.as_deref() {
        Some(lang) => referral::Recipient::Worker(lang),
        None => referral::Recipient::Service,
    };
    referral::check_recipient(copy)?;
    // A sheet goes only into `<home>/exports/` (emptied by a duress unlock and the
    // panic wipe, like the workbooks). The folder is checked writable before the
    // sheet is made: the core audits a sheet as made, so a write that could not
    // happen must fail first, as the CLI's does.
    let dir = app.exports_dir();
    writable(&dir)?;
    let made = case_step(&app, |s| {
        referral::sheet(s, &args.person, &args.referral, copy)
    })
    .await?;
    let path = referral::sheet_path(&dir, copy, made.language)?;
    referral::write_sheet(&path, &made.pdf)?;
    Ok(ponte_ipc::case::SheetMade {
        path: path.display().to_string(),
        language: made.language.to_owned(),
    })
}

/// Checks that the folder `dir` takes a file (made if missing, then a probe file
/// written and removed), or `write-output`.
fn writable(dir: &std::path::Path) -> Result<(), IpcError> {
    let failed = |_| IpcError::code("write-output");
    std::fs::create_dir_all(dir).map_err(failed)?;
    let probe = dir.join(format!(".ponte-write-check-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(failed)?;
    std::fs::remove_file(&probe).map_err(failed)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn referral_sender(
    app: State<'_, App>,
    args: Args<cmd::ReferralSender>,
) -> Reply<cmd::ReferralSender> {
    case_step(&app, |s| {
        if args.team.is_some() || args.contact.is_some() || args.operator.is_some() {
            referral::set_sender(
                s,
                args.team.as_deref().unwrap_or_default(),
                args.operator.as_deref(),
                args.contact.as_deref().unwrap_or_default(),
            )?;
        }
        Ok(referral::sender(s).map(|f| ponte_ipc::case::SenderView {
            team: f.team,
            operator: f.operator,
            contact: f.contact,
        }))
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn consent_withdraw(
    app: State<'_, App>,
    args: Args<cmd::ConsentWithdraw>,
) -> Reply<cmd::ConsentWithdraw> {
    case_step(&app, |s| {
        referral::withdraw_consent(s, &args.person, &args.consent, args.date.as_deref())
            .map(|d| d.to_string())
    })
    .await
}

/// Run an outreach action on the unlocked store (refused while the worker's screen
/// shows); a write wakes the sync.
async fn outreach_step<T>(
    app: &App,
    writes: bool,
    step: impl FnOnce(&mut Store) -> Result<T, Failure>,
) -> Result<T, IpcError> {
    app.touch();
    refuse_in_worker_mode(app)?;
    let out = {
        let mut guard = unlocked(app).await?;
        step(store_of(&mut guard)?)?
    };
    if writes {
        app.kick.notify_one();
    }
    Ok(out)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outreach_tally(
    app: State<'_, App>,
    args: Args<cmd::OutreachTally>,
) -> Reply<cmd::OutreachTally> {
    outreach_step(&app, true, |s| outreach::tally(s, &args.id, &args.taps)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outreach_counts(
    app: State<'_, App>,
    args: Args<cmd::OutreachCounts>,
) -> Reply<cmd::OutreachCounts> {
    outreach_step(&app, false, |s| outreach::counts(s, &args.id)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn team_members(
    app: State<'_, App>,
    args: Args<cmd::TeamMembers>,
) -> Reply<cmd::TeamMembers> {
    let NoArgs {} = args;
    outreach_step(&app, false, |s| outreach::roster(s)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outreach_members(
    app: State<'_, App>,
    args: Args<cmd::OutreachMembers>,
) -> Reply<cmd::OutreachMembers> {
    outreach_step(&app, true, |s| {
        outreach::set_members(s, &args.id, &args.devices)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outreach_group_add(
    app: State<'_, App>,
    args: Args<cmd::OutreachGroupAdd>,
) -> Reply<cmd::OutreachGroupAdd> {
    let group = outreach::Group {
        topic: &args.topic,
        attendance: args.attendance,
        women: args.women,
        men: args.men,
        minors: args.minors,
        note: args.note.as_deref(),
    };
    outreach_step(&app, true, |s| outreach::add_group(s, &args.id, &group)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn outreach_group_follow_up(
    app: State<'_, App>,
    args: Args<cmd::OutreachGroupFollowUp>,
) -> Reply<cmd::OutreachGroupFollowUp> {
    outreach_step(&app, true, |s| {
        outreach::link_follow_up(s, &args.id, &args.group, &args.person)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn quick_contact(
    app: State<'_, App>,
    args: Args<cmd::QuickContact>,
) -> Reply<cmd::QuickContact> {
    let contact = contact::QuickContact {
        alias: &args.alias,
        place: args.place_id.as_deref(),
        language: args.language.as_deref(),
        given: &args.given,
        said: args.said.as_deref(),
        recontact: args.recontact,
        recontact_how: &args.recontact_how,
        phone: args.phone.as_deref(),
        date: args.date.as_deref(),
        by: None,
    };
    case_step(&app, |s| contact::add(s, &contact).map(|id| id.to_hex())).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn contact_intake(
    app: State<'_, App>,
    args: Args<cmd::ContactToIntake>,
) -> Reply<cmd::ContactToIntake> {
    case_step(&app, |s| {
        contact::intake(s, &args.id, None, None).map(|_| ())
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn place_retire(
    app: State<'_, App>,
    args: Args<cmd::PlaceRetire>,
) -> Reply<cmd::PlaceRetire> {
    case_step(&app, |s| {
        if args.retired {
            place::retire(s, &args.id, None).map(|_| ())
        } else {
            place::reinstate(s, &args.id)
        }
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn conflicts(app: State<'_, App>, args: Args<cmd::Conflicts>) -> Reply<cmd::Conflicts> {
    app.touch();
    let mut guard = unlocked(&app).await?;
    Ok(conflict::list(store_of(&mut guard)?, &args.id, None)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn resolve(app: State<'_, App>, args: Args<cmd::Resolve>) -> Reply<cmd::Resolve> {
    let choice = conflict::Choice::from_parts(args.value_of, args.value)?;
    case_step(&app, |s| {
        conflict::resolve(s, &args.id, None, &args.path, &choice).map(|_| ())
    })
    .await
}

// Roles, handover and the recovery kit: thin calls of `ponte_device::team`, which
// holds every rule (who may, which roles exist, the kit kept sealed until printed).

#[tauri::command(rename_all = "snake_case")]
pub async fn approve_as(app: State<'_, App>, args: Args<cmd::ApproveAs>) -> Reply<cmd::ApproveAs> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    team::check_role(args.role.as_str())?;
    let approved = {
        let mut guard = unlocked(&app).await?;
        team::approve(
            store_of(&mut guard)?,
            args.device.as_deref(),
            Some(args.role.as_str()),
        )
        .await?
    };
    app.kick.notify_one();
    Ok(approved)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_role(app: State<'_, App>, args: Args<cmd::SetRole>) -> Reply<cmd::SetRole> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    team::check_role(args.role.as_str())?;
    {
        let mut guard = unlocked(&app).await?;
        app.unless_halted(team::set_role(
            store_of(&mut guard)?,
            &args.device,
            args.role.as_str(),
        ))
        .await?;
    }
    app.kick.notify_one();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn handover(app: State<'_, App>, args: Args<cmd::Handover>) -> Reply<cmd::Handover> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    {
        let mut guard = unlocked(&app).await?;
        app.unless_halted(team::handover(store_of(&mut guard)?, &args.device))
            .await?;
    }
    app.kick.notify_one();
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_kit_new(
    app: State<'_, App>,
    args: Args<cmd::RecoveryKitNew>,
) -> Reply<cmd::RecoveryKitNew> {
    app.touch();
    let NoArgs {} = args;
    refuse_in_worker_mode(&app)?;
    let mut guard = unlocked(&app).await?;
    app.unless_halted(team::new_recovery_kit(store_of(&mut guard)?))
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_kit_pending(
    app: State<'_, App>,
    args: Args<cmd::RecoveryKitPending>,
) -> Reply<cmd::RecoveryKitPending> {
    app.touch();
    let NoArgs {} = args;
    refuse_in_worker_mode(&app)?;
    let mut guard = unlocked(&app).await?;
    Ok(team::pending_recovery_kit(store_of(&mut guard)?)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recovery_kit_printed(
    app: State<'_, App>,
    args: Args<cmd::RecoveryKitPrinted>,
) -> Reply<cmd::RecoveryKitPrinted> {
    app.touch();
    let NoArgs {} = args;
    refuse_in_worker_mode(&app)?;
    {
        let mut guard = unlocked(&app).await?;
        team::recovery_kit_printed(store_of(&mut guard)?)?;
    }
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn recover_team(
    app: State<'_, App>,
    args: Args<cmd::RecoverTeam>,
) -> Reply<cmd::RecoverTeam> {
    app.touch();
    // The code and the name are checked before the store is touched, as by
    // `ponte team recover`.
    team::check_recover(&args.code, &args.device_name)?;
    {
        let mut guard = unlocked(&app).await?;
        // The new kit stays sealed on the device until marked printed; the screens
        // read it with `recovery_kit_pending`.
        app.unless_halted(team::recover(
            store_of(&mut guard)?,
            &args.code,
            &args.device_name,
        ))
        .await?;
    }
    drop(args);
    app.kick.notify_one();
    Ok(app.status().await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_list(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeList>,
) -> Reply<cmd::ProgrammeList> {
    app.touch();
    let NoArgs {} = args;
    refuse_in_worker_mode(&app)?;
    let mut guard = unlocked(&app).await?;
    Ok(programme::list(store_of(&mut guard)?)?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_report(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeReport>,
) -> Reply<cmd::ProgrammeReport> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    let request = period(&args)?;
    let locale = app.prefs().locale;
    let mut guard = unlocked(&app).await?;
    Ok(programme::view(store_of(&mut guard)?, &request, &locale)?)
}

/// The coordinator's public code with its QR code, as the screens show it.
fn coordinator_key(
    code: &programme::CoordinatorCode,
) -> Result<ponte_ipc::programme::CoordinatorKey, Failure> {
    let text = code.encode();
    let (qr_width, qr_modules) = ponte_device::qr::modules(&text)?;
    Ok(ponte_ipc::programme::CoordinatorKey {
        name: code.name.clone(),
        fingerprint: code.fingerprint(),
        code: text,
        qr_width,
        qr_modules,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_init(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeInit>,
) -> Reply<cmd::ProgrammeInit> {
    outreach_step(&app, false, |s| {
        coordinator_key(&programme::init(s, &args.name)?)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_key(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeKey>,
) -> Reply<cmd::ProgrammeKey> {
    let NoArgs {} = args;
    outreach_step(&app, false, |s| coordinator_key(&programme::key(s)?)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_add_team(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeAddTeam>,
) -> Reply<cmd::ProgrammeAddTeam> {
    let name = args.name.as_deref().filter(|n| !n.trim().is_empty());
    outreach_step(&app, false, |s| programme::add_team(s, &args.code, name)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_import_files(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeImportFiles>,
) -> Reply<cmd::ProgrammeImportFiles> {
    // The same size rule as a package read from a path, before the store is touched.
    let mut files = Vec::new();
    for file in args.files {
        let size = u64::try_from(file.bytes.len()).unwrap_or(u64::MAX);
        programme::check_package(&file.name, size)?;
        files.push((file.name, file.bytes));
    }
    outreach_step(&app, false, |s| programme::import(s, &files)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_export(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeExport>,
) -> Reply<cmd::ProgrammeExport> {
    let request = period(&args)?;
    let locale = app.prefs().locale;
    let export = outreach_step(&app, false, |s| {
        // Not held across an await: a Fluent bundle is not `Send`.
        let tr = ponte_i18n::Translator::new(Some(&locale));
        programme::report(s, &request, report::Format::Xlsx, &tr, None)
    })
    .await?;
    write_export(
        &app,
        &format!("ponte-programme-{}-{}.xlsx", request.from, request.to),
        &export.body,
    )
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_team_code(
    app: State<'_, App>,
    args: Args<cmd::ProgrammeTeamCode>,
) -> Reply<cmd::ProgrammeTeamCode> {
    outreach_step(&app, false, |s| {
        let code = programme::team_code(s, &args.name)?;
        let text = code.encode();
        let (qr_width, qr_modules) = ponte_device::qr::modules(&text)?;
        Ok(ponte_ipc::programme::TeamCodeView {
            team: code.team,
            code: text,
            qr_width,
            qr_modules,
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn programme_publish(
    app: State<'_, App>,
    args: Args<cmd::ProgrammePublish>,
) -> Reply<cmd::ProgrammePublish> {
    let request = programme::package_period(&args.from, &args.to)?;
    let package = outreach_step(&app, false, |s| {
        programme::publish(s, &args.coordinator, &request)
    })
    .await?;
    // Beside the team's exported reports, the period's days as `YYYYMMDD` (the screen
    // shows the name; its dates are shown in the UI's format).
    let compact = |d: &dyn std::fmt::Display| d.to_string().replace('-', "");
    let path = write_export(
        &app,
        &format!(
            "ponte-programme-package-{}-{}.json",
            compact(&request.from),
            compact(&request.to)
        ),
        &package.bytes,
    )?;
    Ok(ponte_ipc::programme::PublishedPackage {
        path,
        programme: package.programme,
        fingerprint: package.coordinator,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restrict(app: State<'_, App>, args: Args<cmd::Restrict>) -> Reply<cmd::Restrict> {
    outreach_step(&app, true, |s| {
        let id = ponte_device::restrict::restrict(
            s,
            &args.id,
            Some(ponte_model::Kind::Person),
            args.devices.as_deref(),
        )?;
        ponte_device::restrict::access(s, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn readers(app: State<'_, App>, args: Args<cmd::Readers>) -> Reply<cmd::Readers> {
    outreach_step(&app, false, |s| {
        let id = ponte_device::records::parse_id(&args.id)?;
        ponte_device::restrict::access(s, &id)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn audit_review(
    app: State<'_, App>,
    args: Args<cmd::AuditReview>,
) -> Reply<cmd::AuditReview> {
    app.touch();
    refuse_in_worker_mode(&app)?;
    let mut guard = unlocked(&app).await?;
    Ok(ponte_device::audit_review::review(
        store_of(&mut guard)?,
        args.device.as_deref(),
        args.record.as_deref(),
    )?)
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

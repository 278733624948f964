//! The frame around every screen: status polling, language and direction, the top bar
//! (sync status, quick-lock) and the navigation; the worker's screen instead of all of
//! it while the shell holds the worker mode.
//!
//! Auto-lock is the shell's (idle time, window hidden, system suspend): the screens
//! only tell it that the person is using the app ([`cmd::Activity`], at most every
//! [`ACTIVITY_EVERY_MS`]), and the status poll shows a lock the shell made.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::{IpcError, Status, cmd};

use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens;
use crate::util;
use ponte_ipc::cmd::NoArgs;

/// Where the user is, once unlocked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Today: listening point, quick actions, follow-ups, sync.
    Home,
    /// People list with search and filters.
    People,
    /// One person: profile, timeline, referrals, follow-ups.
    Person(String),
    /// The intake interview; `Some(id)` resumes an existing person's.
    Intake(Option<String>),
    /// Log an outreach session.
    Outreach,
    /// Hand the device to the worker: consent and rights card.
    Handout(Option<String>),
    /// Services directory.
    Services,
    /// Team and devices.
    Team,
    /// Preferences: language, auto-lock.
    Settings,
    /// Funder reports (supervisor).
    Reports,
    /// A quick contact: a first meeting without a full interview.
    QuickContact,
    /// The team's places.
    Places,
    /// A programme's coordinator: its teams, their packages, the combined report.
    Programme,
    /// The devices' audit logs (supervisor).
    Audit,
}

/// Shared by every screen.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// The shell's status, refreshed every two seconds.
    pub status: RwSignal<Status>,
    /// The current screen.
    pub screen: RwSignal<Screen>,
    /// The user chose to set up the team later.
    pub team_later: RwSignal<bool>,
    /// This device (in no team) is a programme's coordinator: the menu offers the
    /// programme screen, and not the interview and outreach a team does.
    pub coordinator: RwSignal<bool>,
}

impl Ctx {
    /// Go to a screen.
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Take a new status (the answer of a command).
    pub fn apply(&self, s: Status) {
        if i18n::locale().get_untracked() != s.locale && !s.locale.is_empty() {
            i18n::locale().set(s.locale.clone());
        }
        // Only a real change notifies: the poll must not re-render the screens.
        if self.status.with_untracked(|cur| *cur != s) {
            self.status.set(s);
        }
    }
}

/// Which top-level screen the status calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The worker holds the phone: nothing else is reachable.
    Worker,
    Revoked,
    FirstRun,
    Locked,
    TeamSetup,
    Unlocked,
}

fn phase(s: &Status, team_later: bool) -> Phase {
    if s.worker_mode.is_some() {
        Phase::Worker
    } else if s.revoked && !s.initialized {
        Phase::Revoked
    } else if !s.initialized {
        Phase::FirstRun
    } else if !s.unlocked {
        Phase::Locked
    } else if s.team.is_none() && !team_later {
        Phase::TeamSetup
    } else {
        Phase::Unlocked
    }
}

/// The context.
pub fn ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Lock now: the shell drops its keys, the screens drop what they show.
pub fn lock_now(ctx: Ctx) {
    spawn_local(async move {
        if let Ok(s) = call::<cmd::Lock>(&NoArgs {}).await {
            ctx.screen.set(Screen::Home);
            ctx.apply(s);
        }
    });
}

fn sync_line(s: &Status) -> (String, &'static str) {
    let Some(team) = &s.team else {
        return (t("sync-no-team"), "muted");
    };
    if !team.approved {
        return (t("sync-waiting-approval"), "warn");
    }
    let pending = ta("sync-pending", &[("count", s.sync.pending.into())]);
    if s.sync.running {
        return (format!("{} · {pending}", t("sync-running")), "muted");
    }
    if let Some(code) = &s.sync.error {
        let what = i18n::error_text(&IpcError::code(code.clone()));
        return (
            format!(
                "{} · {pending}",
                ta("sync-failed", &[("error", what.into())])
            ),
            "warn",
        );
    }
    match s.sync.last_ok_ms {
        Some(ms) => (
            format!(
                "{} · {pending}",
                ta("sync-last", &[("time", util::clock(ms).into())])
            ),
            "ok",
        ),
        None => (format!("{} · {pending}", t("sync-never")), "muted"),
    }
}

/// Tell the shell of the person's activity at most this often (ms): its idle timer
/// counts minutes, so a tap every few seconds adds nothing but IPC traffic.
pub const ACTIVITY_EVERY_MS: f64 = 5_000.0;

#[component]
pub fn App() -> impl IntoView {
    let locale = i18n::install("it");
    let ctx = Ctx {
        status: RwSignal::new(Status::default()),
        screen: RwSignal::new(Screen::Home),
        team_later: RwSignal::new(false),
        coordinator: RwSignal::new(false),
    };
    provide_context(ctx);
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(s) = call::<cmd::GetStatus>(&NoArgs {}).await {
            ctx.apply(s);
        }
        loaded.set(true);
    });
    // Keep <html lang dir> in step with the UI language.
    Effect::new(move |_| {
        let lang = locale.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", &lang);
            let _ = root.set_attribute("dir", i18n::dir_of(&lang));
        }
    });
    // Poll the status: sync progress, and a lock the shell made (idle, window hidden,
    // suspend, another screen's quick-lock): the screens then drop what they show.
    set_interval(
        move || {
            spawn_local(async move {
                if let Ok(s) = call::<cmd::GetStatus>(&NoArgs {}).await {
                    ctx.apply(s);
                }
            });
        },
        Duration::from_secs(2),
    );
    // Taps and keys restart the shell's idle timer, throttled. Only while unlocked:
    // locked (or the worker holding the phone) there is nothing for it to keep open.
    let last_sent = StoredValue::new(f64::NEG_INFINITY);
    let touch = move || {
        let now = util::now_ms();
        if !ctx.status.with_untracked(|s| s.unlocked)
            || now - last_sent.get_value() < ACTIVITY_EVERY_MS
        {
            return;
        }
        last_sent.set_value(now);
        spawn_local(async move {
            let _ = call::<cmd::Activity>(&NoArgs {}).await;
        });
    };
    let _a = window_event_listener(ev::pointerdown, move |_| touch());
    let _b = window_event_listener(ev::keydown, move |_| touch());

    let current = Memo::new(move |_| phase(&ctx.status.get(), ctx.team_later.get()));
    view! {
        <Show when=move || loaded.get() fallback=|| view! { <div class="splash">"Ponte"</div> }>
            // Outside the frame (lock, team setup), the panic wipe sits in a bar of its
            // own above the screen; inside it, in the top bar. On the worker's screen,
            // only on the operator's way back (see `screens::worker`).
            <Show when=move || {
                let s = ctx.status.get();
                s.initialized && !matches!(current.get(), Phase::Unlocked | Phase::Worker)
            }>
                <div class="chrome-bar">
                    <screens::panic::PanicButton />
                </div>
            </Show>
            {move || match current.get() {
                Phase::Worker => view! { <screens::worker::WorkerScreen /> }.into_any(),
                Phase::Revoked => view! { <screens::setup::Revoked /> }.into_any(),
                Phase::FirstRun => view! { <screens::setup::FirstRun /> }.into_any(),
                Phase::Locked => view! { <screens::setup::Unlock /> }.into_any(),
                Phase::TeamSetup => view! { <screens::setup::TeamSetup /> }.into_any(),
                Phase::Unlocked => view! { <Frame /> }.into_any(),
            }}
        </Show>
    }
}

/// The status in a few words for a phone's top bar: the time of the last sync in
/// full, the pending count only when there is one (the long line would be cut).
fn sync_short(s: &Status) -> String {
    let Some(team) = &s.team else {
        return t("sync-short-no-team");
    };
    if !team.approved {
        return t("sync-short-waiting");
    }
    let head = if s.sync.running {
        t("sync-running")
    } else if s.sync.error.is_some() {
        t("sync-short-failed")
    } else if let Some(ms) = s.sync.last_ok_ms {
        ta("sync-short-last", &[("time", util::clock(ms).into())])
    } else {
        t("sync-short-never")
    };
    if s.sync.pending > 0 {
        format!(
            "{head} · {}",
            ta("sync-short-pending", &[("count", s.sync.pending.into())])
        )
    } else {
        head
    }
}

#[component]
fn Frame() -> impl IntoView {
    let ctx = ctx();
    // The "more" sheet of the phone's bottom bar.
    let more = RwSignal::new(false);
    // A device in no team may be a programme's coordinator: asked once per unlock (a
    // team's device never is, and is not asked).
    if ctx.status.with_untracked(|s| s.team.is_none()) {
        spawn_local(async move {
            let is = call::<cmd::ProgrammeList>(&NoArgs {}).await.is_ok();
            ctx.coordinator.set(is);
        });
    } else {
        ctx.coordinator.set(false);
    }
    let coordinator = move || ctx.coordinator.get() && ctx.status.with(|s| s.team.is_none());
    let nav = move |id: &'static str, label: &'static str, screen: Screen| {
        let target = screen.clone();
        let active = move || {
            let cur = ctx.screen.get();
            std::mem::discriminant(&cur) == std::mem::discriminant(&target)
        };
        let go = screen.clone();
        view! {
            <button id=id class="nav-item" class:active=active.clone() aria-current=move || active().then_some("page")
                on:click=move |_| { more.set(false); ctx.go(go.clone()); }>
                {move || t(label)}
            </button>
        }
    };
    // The screens behind "more" on a phone: it shows as active when one of them is.
    let in_more = move || {
        matches!(
            ctx.screen.get(),
            Screen::Services
                | Screen::Places
                | Screen::Team
                | Screen::Settings
                | Screen::Reports
                | Screen::Audit
        )
    };
    view! {
        <div class="frame">
            <header class="top">
                <span class="brand">"Ponte"</span>
                <button
                    id="sync-status"
                    class=move || format!("sync-pill {}", sync_line(&ctx.status.get()).1)
                    on:click=move |_| ctx.go(Screen::Home)
                    title=move || t("sync-status-label")
                >
                    <span class="sync-long">{move || sync_line(&ctx.status.get()).0}</span>
                    <span class="sync-short">{move || sync_short(&ctx.status.get())}</span>
                </button>
                <button id="quick-lock" class="lock" on:click=move |_| lock_now(ctx)>
                    <span aria-hidden="true">"🔒 "</span>
                    {move || t("quick-lock")}
                </button>
                <screens::panic::PanicButton />
            </header>
            // A phone: a bar at the bottom with the four most used screens and "more",
            // which opens a sheet with the rest. From 900 px: all of them at the side.
            // A coordinator's device holds no records: its bar has the programme in
            // place of the people, the interview and outreach, and its sheet no
            // services, places or team report, which are a team's work.
            <nav class="nav" class:more-open=move || more.get() class:coordinator=coordinator aria-label=move || t("nav-label")>
                {nav("nav-home", "nav-home", Screen::Home)}
                <Show when=coordinator fallback=move || view! {
                    {nav("nav-people", "nav-people", Screen::People)}
                    {nav("nav-intake", "nav-intake", Screen::Intake(None))}
                    {nav("nav-outreach", "nav-outreach", Screen::Outreach)}
                }>
                    {nav("nav-programme", "nav-programme", Screen::Programme)}
                </Show>
                <button id="nav-more" class="nav-item nav-more" class:active=in_more
                    aria-expanded=move || if more.get() { "true" } else { "false" }
                    aria-controls="nav-rest"
                    on:click=move |_| more.update(|m| *m = !*m)>
                    {move || t("nav-more")}
                </button>
                <div class="nav-rest" id="nav-rest">
                    <Show when=move || !coordinator()>
                        {nav("nav-services", "nav-services", Screen::Services)}
                        {nav("nav-places", "nav-places", Screen::Places)}
                    </Show>
                    {nav("nav-team", "nav-team", Screen::Team)}
                    <Show when=move || screens::team::may(ponte_ipc::Action::ExportReport) && !coordinator()>
                        {nav("nav-reports", "nav-reports", Screen::Reports)}
                    </Show>
                    {nav("nav-settings", "nav-settings", Screen::Settings)}
                </div>
            </nav>
            <Show when=move || more.get()>
                <div class="nav-scrim" on:click=move |_| more.set(false)></div>
            </Show>
            <main class="content">
                {move || match ctx.screen.get() {
                    Screen::Home => view! { <screens::home::Home /> }.into_any(),
                    Screen::People => view! { <screens::people::People /> }.into_any(),
                    Screen::Person(id) => view! { <screens::people::Person id=id /> }.into_any(),
                    Screen::Intake(id) => view! { <screens::intake::Intake id=id /> }.into_any(),
                    Screen::Outreach => view! { <screens::outreach::Outreach /> }.into_any(),
                    Screen::Handout(lang) => view! { <screens::handout::Handout lang=lang /> }.into_any(),
                    Screen::Services => view! { <screens::services::Services /> }.into_any(),
                    Screen::Team => view! { <screens::team::TeamScreen /> }.into_any(),
                    Screen::Settings => view! { <screens::setup::Settings /> }.into_any(),
                    Screen::Reports => view! { <screens::reports::Reports /> }.into_any(),
                    Screen::QuickContact => view! { <screens::contact::QuickContact /> }.into_any(),
                    Screen::Places => view! { <screens::places::Places /> }.into_any(),
                    Screen::Programme => view! { <screens::programme::Programme /> }.into_any(),
                    Screen::Audit => view! { <screens::audit::AuditScreen /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// A translated error line (empty when there is none).
#[component]
pub fn ErrorLine(error: RwSignal<Option<IpcError>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <p class="error" id="error" role="alert">
                {move || error.get().map(|e| i18n::error_text(&e)).unwrap_or_default()}
            </p>
        </Show>
    }
}

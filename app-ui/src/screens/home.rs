//! Today: the listening point, quick actions, follow-ups due, sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::case::DueRow;
use ponte_ipc::cmd::Prefs;
use ponte_ipc::{IpcError, cmd};

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::places::PlacePicker;
use crate::util;
use ponte_ipc::cmd::NoArgs;

/// People with an open follow-up overdue or due within a week, the overdue ones first
/// (the core's order: earliest due first).
pub async fn followups_due() -> Result<Vec<DueRow>, IpcError> {
    let rows = call::<cmd::FollowupsDue>(&NoArgs {}).await?;
    let horizon = {
        let d = js_sys::Date::new_0();
        d.set_date(d.get_date() + 7);
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    };
    Ok(rows
        .into_iter()
        .filter(|r| r.overdue || r.due.as_str() <= horizon.as_str())
        .collect())
}

/// The days left on this device's key lease, when fewer than three remain.
fn lease_warning(status: &ponte_ipc::Status) -> Option<u32> {
    status
        .team
        .as_ref()
        .and_then(|t| t.lease_days_left)
        .filter(|days| *days < 3)
}

/// What a follow-up due is, in the UI language: its kind's label when a rule made it
/// (a permit renewal), else a follow-up.
fn due_kind(kind: Option<&str>) -> String {
    match kind {
        Some(kind) => i18n::code_label("followup-kind", kind),
        None => t("due-followup"),
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let ctx = ctx();
    let point = RwSignal::new(
        ctx.status
            .get_untracked()
            .listening_point
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<IpcError>);
    let saved = RwSignal::new(false);
    let due = RwSignal::new(Vec::<DueRow>::new());
    spawn_local(async move {
        match followups_due().await {
            Ok(rows) => due.set(rows),
            Err(e) => error.set(Some(e)),
        }
    });
    // A new pick is not saved yet.
    Effect::new(move |first: Option<()>| {
        point.track();
        if first.is_some() {
            saved.set(false);
        }
    });
    let save_point = move || {
        spawn_local(async move {
            let prefs = Prefs {
                listening_point: Some(point.get_untracked()),
                ..Prefs::default()
            };
            match call::<cmd::SetPrefs>(&prefs).await {
                Ok(s) => {
                    saved.set(true);
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let sync_now = move || {
        spawn_local(async move {
            match call::<cmd::SyncNow>(&NoArgs {}).await {
                Ok(s) => ctx.apply(s),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let today = util::today();
    view! {
        <div id="home" class="stack">
            <section class="card">
                <h1>{move || t("home-title")}</h1>
                <p class="muted" id="today">{move || util::date(&today)}</p>
                {move || {
                    lease_warning(&ctx.status.get()).map(|days| {
                        view! { <p class="notice" id="lease-days-left" role="alert">{move || ta("lease-days-left", &[("days", i64::from(days).into())])}</p> }
                    })
                }}
                <PlacePicker id="listening-point" label="listening-point-today" value=point />
                <div class="row">
                    <button id="save-point" class="secondary" on:click=move |_| save_point()>
                        {move || if saved.get() { t("saved") } else { t("save") }}
                    </button>
                </div>
            </section>
            <section class="actions">
                <button id="action-intake" class="action primary" on:click=move |_| ctx.go(Screen::Intake(None))>
                    {move || t("action-intake")}
                </button>
                <button id="action-contact" class="action primary" on:click=move |_| ctx.go(Screen::QuickContact)>
                    {move || t("action-contact")}
                </button>
                <button id="action-outreach" class="action" on:click=move |_| ctx.go(Screen::Outreach)>
                    {move || t("action-outreach")}
                </button>
                <button id="action-handout" class="action" on:click=move |_| ctx.go(Screen::Handout(None))>
                    {move || t("action-handout")}
                </button>
                <button id="action-people" class="action" on:click=move |_| ctx.go(Screen::People)>
                    {move || t("action-people")}
                </button>
            </section>
            <section class="card" id="followups">
                <h2>{move || t("followups-due")}</h2>
                <Show
                    when=move || !due.get().is_empty()
                    fallback=move || view! { <p class="muted">{move || t("followups-none")}</p> }
                >
                    <ul class="list" id="followups-due">
                        {move || {
                            due.get()
                                .into_iter()
                                .map(|r| {
                                    let id = r.person.clone();
                                    let date = r.due.clone();
                                    let overdue = r.overdue;
                                    let kind = r.kind.clone();
                                    view! {
                                        <li>
                                            <button class="row-button due-row" class:overdue-row=overdue data-overdue=overdue.to_string() on:click=move |_| ctx.go(Screen::Person(id.clone()))>
                                                <span class="title">{r.title.clone()}</span>
                                                <span class="muted due-kind">{move || due_kind(kind.as_deref())}</span>
                                                {overdue.then(|| view! { <span class="badge overdue-badge">{move || t("followup-overdue")}</span> })}
                                                <span class="date" class:overdue=overdue>{move || util::date(&date)}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </section>
            <section class="card" id="sync-card">
                <h2>{move || t("sync-title")}</h2>
                <p id="sync-detail">
                    {move || {
                        let s = ctx.status.get();
                        match &s.team {
                            None => t("sync-no-team"),
                            Some(team) => ta(
                                "sync-detail",
                                &[
                                    ("relay", team.relay.clone().into()),
                                    ("count", s.sync.pending.into()),
                                ],
                            ),
                        }
                    }}
                </p>
                <button id="sync-now" class="secondary" on:click=move |_| sync_now()>
                    {move || t("sync-now")}
                </button>
            </section>
            <ErrorLine error=error />
            <p class="muted small">{move || i18n::t("offline-note")}</p>
        </div>
    }
}

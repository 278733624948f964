//! Today: the listening point, quick actions, follow-ups due, sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{ListArgs, Prefs};
use ponte_ipc::{IpcError, Row, cmd};
use ponte_model::Kind;
use ponte_model::summary::Query;

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::util;
use ponte_ipc::cmd::NoArgs;

/// People with an open follow-up due within a week (or overdue), earliest first.
pub async fn followups_due() -> Result<Vec<Row>, IpcError> {
    let query = Query {
        kind: Some(Kind::Person),
        ..Query::default()
    };
    let rows: Vec<Row> = call::<cmd::List>(&ListArgs { query }).await?;
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
    let mut due: Vec<Row> = rows
        .into_iter()
        .filter(|r| {
            r.summary
                .next_followup
                .as_deref()
                .is_some_and(|d| d <= horizon.as_str())
        })
        .collect();
    due.sort_by(|a, b| a.summary.next_followup.cmp(&b.summary.next_followup));
    Ok(due)
}

/// The days left on this device's key lease, when fewer than three remain.
fn lease_warning(status: &ponte_ipc::Status) -> Option<u32> {
    status
        .team
        .as_ref()
        .and_then(|t| t.lease_days_left)
        .filter(|days| *days < 3)
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
    let due = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        match followups_due().await {
            Ok(rows) => due.set(rows),
            Err(e) => error.set(Some(e)),
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
                <label for="listening-point">{move || t("listening-point-today")}</label>
                <div class="row">
                    <input
                        id="listening-point"
                        placeholder=move || t("listening-point-placeholder")
                        prop:value=move || point.get()
                        on:input=move |ev| {
                            saved.set(false);
                            point.set(event_target_value(&ev));
                        }
                    />
                    <button id="save-point" class="secondary" on:click=move |_| save_point()>
                        {move || if saved.get() { t("saved") } else { t("save") }}
                    </button>
                </div>
            </section>
            <section class="actions">
                <button id="action-intake" class="action primary" on:click=move |_| ctx.go(Screen::Intake(None))>
                    {move || t("action-intake")}
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
                    <ul class="list">
                        {move || {
                            let today = util::today();
                            due.get()
                                .into_iter()
                                .map(|r| {
                                    let id = r.id.clone();
                                    let date = r.summary.next_followup.clone().unwrap_or_default();
                                    let overdue = date.as_str() < today.as_str();
                                    view! {
                                        <li>
                                            <button class="row-button" on:click=move |_| ctx.go(Screen::Person(id.clone()))>
                                                <span class="title">{r.summary.title.clone()}</span>
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

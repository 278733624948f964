//! Audit review (supervisor): every device of the team with the state of its audit log
//! as it reached this device (a broken or missing log stands out, with the reason in
//! words); a device tapped shows its entries, newest first; and on a person's page,
//! "who opened this record" (every device's entries about it).
//!
//! The review is the core's (`ponte_device::audit_review`), audited there; the screen
//! shows what it answers. An entry's detail (the device's own log text) is not shown:
//! the action, the time, the device and the record's name say what a supervisor needs.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::audit::{AuditReview, AuditReviewArgs, AuditRow, AuditTrailStatus};
use ponte_ipc::cmd::ListArgs;
use ponte_ipc::{IpcError, cmd};
use ponte_model::summary::Query;

use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::case::CardError;
use crate::util;

/// A device's name, or the start of its id when the roster does not name it (a device
/// no longer in the team).
fn device_name(name: Option<&str>, device: &str) -> String {
    match name {
        Some(n) if !n.is_empty() => n.to_owned(),
        _ => ta(
            "audit-former-device",
            &[("id", device.chars().take(8).collect::<String>().into())],
        ),
    }
}

/// A trail's problem in words: the core names it with a code first (`gap`,
/// `altered`, `audit-broken`, ...) and the entry where it was found (`n=...`).
fn problem_text(problem: &str) -> String {
    let code = problem.split_whitespace().next().unwrap_or_default();
    let n = problem
        .split_whitespace()
        .find_map(|w| w.strip_prefix("n=").or_else(|| w.strip_prefix("count=")))
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let id = format!("audit-problem-{code}");
    let text = ta(&id, &[("n", n.into())]);
    if text == id {
        t("audit-problem-unknown")
    } else {
        text
    }
}

/// An entry's action in words. A device taken off a restricted record's readers logs
/// the removal of its copy as an erasure with the detail `restricted`: shown as what it
/// is, not as an erasure the device made.
fn action_label(action: &str, detail: Option<&str>) -> String {
    let action = match (action, detail) {
        ("erase", Some("restricted")) => "withheld",
        _ => action,
    };
    i18n::code_label("audit-action", action)
}

/// The names of the records this device holds, by id: an entry about a record is
/// shown by its name (never the entry's own text).
async fn record_names() -> HashMap<String, String> {
    call::<cmd::List>(&ListArgs {
        query: Query::default(),
    })
    .await
    .map(|rows| rows.into_iter().map(|r| (r.id, r.summary.title)).collect())
    .unwrap_or_default()
}

#[component]
pub fn AuditScreen() -> impl IntoView {
    let review = RwSignal::new(None::<AuditReview>);
    let selected = RwSignal::new(None::<AuditTrailStatus>);
    let entries = RwSignal::new(None::<Vec<AuditRow>>);
    let names = RwSignal::new(HashMap::<String, String>::new());
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(true);
    spawn_local(async move {
        names.set(record_names().await);
        match call::<cmd::AuditReview>(&AuditReviewArgs::default()).await {
            Ok(mut r) => {
                // A broken or missing log first (a stable sort: the roster's order
                // otherwise).
                r.devices.sort_by_key(|d| d.state == "ok" && d.refused == 0);
                review.set(Some(r));
            }
            Err(e) => error.set(Some(e)),
        }
        busy.set(false);
    });
    let open = move |status: AuditTrailStatus| {
        error.set(None);
        busy.set(true);
        entries.set(None);
        let args = AuditReviewArgs {
            device: Some(status.device.clone()),
            record: None,
        };
        selected.set(Some(status));
        spawn_local(async move {
            match call::<cmd::AuditReview>(&args).await {
                Ok(r) => entries.set(Some(r.entries)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    view! {
        <div id="audit" class="stack" aria-busy=move || if busy.get() { "true" } else { "false" }>
            <CardError error=error />
            {move || match selected.get() {
                None => view! {
                    <section class="card">
                        <h1>{move || t("audit-title")}</h1>
                        <p class="hint">{move || t("audit-text")}</p>
                        <ul class="list" id="audit-devices">
                            {move || review.get().map(|r| r.devices.into_iter().map(|d| {
                                let status = d.clone();
                                view! { <li class="plain"><DeviceRow status=d on_open=Callback::new(move |()| open(status.clone())) /></li> }
                            }).collect_view())}
                        </ul>
                    </section>
                }.into_any(),
                Some(d) => {
                    let name = device_name(d.name.as_deref(), &d.device);
                    view! {
                        <section class="card" id="audit-device" data-state=d.state.clone()>
                            <button id="audit-back" class="secondary" on:click=move |_| { selected.set(None); entries.set(None); }>
                                {move || t("audit-back")}
                            </button>
                            <h1>{let n = name.clone(); move || ta("audit-device-title", &[("name", n.clone().into())])}</h1>
                            <TrailState status=d.clone() />
                            {move || entries.get().map(|list| view! { <EntryList entries=list names=names show_device=false /> })}
                        </section>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// A trail's state: a badge, the count and the last entry, the problem in words.
#[component]
fn TrailState(status: AuditTrailStatus) -> impl IntoView {
    let state = status.state.clone();
    let s2 = state.clone();
    let entries = usize::try_from(status.entries).unwrap_or(usize::MAX);
    let last = status.last_at_ms;
    let problem = status.problem.clone();
    let refused = usize::try_from(status.refused).unwrap_or(usize::MAX);
    view! {
        <p class="trail-state">
            <span class=format!("badge state-badge state-{state}")>{move || i18n::code_label("audit-state", &s2)}</span>
            " "
            <span class="muted">{move || ta("audit-entries", &[("count", entries.into())])}</span>
            {last.map(|ms| view! { " · " <span class="muted">{move || ta("audit-last", &[("date", util::date_time(ms).into())])}</span> })}
        </p>
        {problem.map(|p| view! { <p class="error trail-problem" role="alert">{move || problem_text(&p)}</p> })}
        {(refused > 0).then(|| view! { <p class="notice trail-refused" role="alert">{move || ta("audit-refused", &[("count", refused.into())])}</p> })}
    }
}

/// One device of the review, as a large button that opens its entries.
#[component]
fn DeviceRow(status: AuditTrailStatus, on_open: Callback<()>) -> impl IntoView {
    let name = device_name(status.name.as_deref(), &status.device);
    let role = status.role;
    let state = status.state.clone();
    let short: String = status.device.chars().take(8).collect();
    let device = status.device.clone();
    let refused = status.refused;
    let warned = refused > 0;
    view! {
        <div class="audit-device-row" class:trail-bad=state != "ok" class:trail-refused-row=warned data-state=state.clone() data-device=device data-refused=refused.to_string()>
            <button class="audit-device" on:click=move |_| on_open.run(())>
                <span class="title">{name}</span>
                " "
                <bdi class="muted mono" dir="ltr">{short}</bdi>
                {role.map(|r| view! { " " <span class="badge">{move || i18n::code_label("role", r.as_str())}</span> })}
            </button>
            <TrailState status=status />
        </div>
    }
}

/// Entries, newest first: when (in the UI language's format), what, which record (by
/// its name on this device), and by which device if asked.
#[component]
fn EntryList(
    entries: Vec<AuditRow>,
    names: RwSignal<HashMap<String, String>>,
    show_device: bool,
) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="muted" id="audit-no-entries">{move || t("audit-no-entries")}</p> }
            .into_any();
    }
    view! {
        <ol class="list audit-entries" id="audit-entries">
            {entries.into_iter().map(|e| {
                let when = e.at_ms;
                let action = e.action.clone();
                let detail = e.detail.clone();
                let record = e.record.clone().and_then(|r| names.with_untracked(|n| n.get(&r).cloned()));
                let who = show_device.then(|| device_name(e.name.as_deref(), &e.device));
                // What and when on the first line; on which record and by whom on the
                // second, so that no separator is left hanging where a line wraps.
                let about: Vec<String> = record.into_iter().chain(who).collect();
                view! {
                    <li class="plain audit-row" data-action=e.action.clone() data-at=when.to_string()>
                        <span class="date">{move || util::date_time(when)}</span>
                        " "
                        <strong>{move || action_label(&action, detail.as_deref())}</strong>
                        {(!about.is_empty()).then(|| view! {
                            <span class="audit-about muted">{about.join(" · ")}</span>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// On a person's page (supervisor): every device's entries about this record, newest
/// first, as far as their logs have reached this device.
#[component]
pub fn RecordAudit(person: StoredValue<String>) -> impl IntoView {
    let entries = RwSignal::new(None::<Vec<AuditRow>>);
    let names = RwSignal::new(HashMap::<String, String>::new());
    let error = RwSignal::new(None::<IpcError>);
    let shown = RwSignal::new(false);
    let load = move || {
        error.set(None);
        shown.set(true);
        let args = AuditReviewArgs {
            device: None,
            record: Some(person.get_value()),
        };
        spawn_local(async move {
            match call::<cmd::AuditReview>(&args).await {
                // The record's own name says nothing more on its own page.
                Ok(r) => entries.set(Some(r.entries)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" id="record-audit" aria-busy=move || if shown.get() && entries.with(Option::is_none) && error.with(Option::is_none) { "true" } else { "false" }>
            <h2>{move || t("audit-record-title")}</h2>
            <p class="hint">{move || t("audit-record-text")}</p>
            <Show when=move || !shown.get()>
                <button id="record-audit-show" class="secondary" on:click=move |_| load()>{move || t("audit-record-show")}</button>
            </Show>
            {move || entries.get().map(|list| view! { <EntryList entries=list names=names show_device=true /> })}
            <CardError error=error />
        </section>
    }
}

//! The people list (search, filters) and one person's page: profile, risk, timeline of
//! encounters, referrals and follow-ups; referral only with a matching consent; erase
//! (supervisor).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::ListArgs;
use ponte_ipc::{IpcError, Row, cmd};
use ponte_model::record::{codes, entries, has_referral_consent, str_at};
use ponte_model::screening::{RISK_LEVELS, RiskLevel, effective_risk};
use ponte_model::summary::Query;
use ponte_model::vocab;
use ponte_model::{Date, Kind};
use serde_json::{Value, json};

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::widgets::{DateInput, RiskBadge};
use crate::util;
use ponte_ipc::cmd::{EditArgs, IdArgs};

/// How long typing must pause before the people list is searched.
const SEARCH_PAUSE_MS: u64 = 400;

#[component]
pub fn People() -> impl IntoView {
    let ctx = ctx();
    // What is typed, and the search it settles into (see `settled`).
    let typed = RwSignal::new(String::new());
    let text = settled(typed);
    let status = RwSignal::new(String::new());
    let risk = RwSignal::new(String::new());
    let typed_point = RwSignal::new(String::new());
    let point = settled(typed_point);
    let rows = RwSignal::new(Vec::<Row>::new());
    let error = RwSignal::new(None::<IpcError>);
    Effect::new(move |_| {
        let query = Query {
            kind: Some(Kind::Person),
            text: Some(text.get()).filter(|s| !s.trim().is_empty()),
            status: Some(status.get()).filter(|s| !s.is_empty()),
            risk: RiskLevel::parse(&risk.get()),
            listening_point: Some(point.get()).filter(|s| !s.trim().is_empty()),
            nationality: None,
        };
        spawn_local(async move {
            match call::<cmd::List>(&ListArgs { query }).await {
                Ok(mut r) => {
                    r.sort_by(|a, b| {
                        a.summary
                            .title
                            .to_lowercase()
                            .cmp(&b.summary.title.to_lowercase())
                    });
                    rows.set(r);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    view! {
        <div id="people" class="stack">
            <section class="card">
                <h1>{move || t("people-title")}</h1>
                <label for="search">{move || t("search")}</label>
                <input id="search" type="search" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                <div class="filters">
                    <div class="field">
                        <label for="filter-status">{move || t("field-status")}</label>
                        <select id="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="">{move || t("filter-all")}</option>
                            {vocab::PERSON_STATUSES.iter().map(|c| view! { <option value=*c>{move || i18n::code_label("person-status", c)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-risk">{move || t("field-risk")}</label>
                        <select id="filter-risk" on:change=move |ev| risk.set(event_target_value(&ev))>
                            <option value="">{move || t("filter-all")}</option>
                            {RISK_LEVELS.iter().map(|c| view! { <option value=*c>{move || i18n::code_label("risk-level", c)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-point">{move || t("field-listening-point")}</label>
                        <input id="filter-point" prop:value=move || typed_point.get() on:input=move |ev| typed_point.set(event_target_value(&ev)) />
                    </div>
                </div>
            </section>
            <ErrorLine error=error />
            <p class="muted" id="people-count">{move || ta("people-count", &[("count", rows.get().len().into())])}</p>
            <ul class="list" id="people-list">
                {move || rows.get().into_iter().map(|r| {
                    let id = r.id.clone();
                    let s = r.summary;
                    let risk = s.risk.unwrap_or_default().as_str();
                    let status = s.status.clone().unwrap_or_default();
                    view! {
                        <li>
                            <button class="row-button person-row" on:click=move |_| ctx.go(Screen::Person(id.clone()))>
                                <span class="title">{s.title.clone()}</span>
                                <RiskBadge level=risk />
                                <span class="muted">{move || i18n::code_label("person-status", &status)}</span>
                                <span class="muted">{s.listening_point.clone().unwrap_or_default()}</span>
                                <span class="date">{let due = s.next_followup.clone().unwrap_or_default(); move || util::date(&due)}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A text a search is made of, following what is `typed` once typing pauses for
/// [`SEARCH_PAUSE_MS`]: every search is audited on the device, so the list is asked
/// for once per search, not at every keystroke.
fn settled(typed: RwSignal<String>) -> RwSignal<String> {
    let text = RwSignal::new(typed.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let now = typed.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        if now.trim() == text.get_untracked().trim() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || text.set(now),
            std::time::Duration::from_millis(SEARCH_PAUSE_MS),
        )
        .ok();
        pending.set_value(handle);
    });
    text
}

/// The text at `path` of a record, or "".
fn text(v: &Value, path: &str) -> String {
    str_at(v, path).unwrap_or_default().to_owned()
}

/// One timeline line: date, kind id, text.
fn timeline(v: &Value) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for (_, e) in entries(v, "encounters") {
        let what = [str_at(e, "listening_point"), str_at(e, "note")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        out.push((text(e, "date"), "timeline-encounter", what));
    }
    for (_, r) in entries(v, "referrals") {
        let destination = str_at(r, "destination").unwrap_or_default();
        let mut what = i18n::code_label("service-type", destination);
        if let Some(outcome) = str_at(r, "outcome") {
            what = format!("{what} · {}", i18n::code_label("referral-outcome", outcome));
        }
        out.push((text(r, "date"), "timeline-referral", what));
    }
    for (_, f) in entries(v, "followups") {
        let id = if str_at(f, "done").is_none() {
            "timeline-followup-open"
        } else {
            "timeline-followup-done"
        };
        out.push((text(f, "due"), id, text(f, "note")));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0));
    out
}

/// Whether this person may be referred to `destination` by a referral dated `day`
/// (`YYYY-MM-DD`): the model's consent rule, the one validation applies.
fn may_refer(v: &Value, destination: &str, day: &str) -> bool {
    Date::parse(day).is_some_and(|on| has_referral_consent(v, destination, on))
}

#[component]
pub fn Person(id: String) -> impl IntoView {
    let ctx = ctx();
    let record = RwSignal::new(None::<Value>);
    let error = RwSignal::new(None::<IpcError>);
    let pid = StoredValue::new(id);
    let load = move || {
        spawn_local(async move {
            match call::<cmd::Get>(&IdArgs {
                id: pid.get_value(),
            })
            .await
            {
                Ok(v) => record.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let patch = move |p: Value| {
        spawn_local(async move {
            match call::<cmd::Edit>(&EditArgs {
                id: pid.get_value(),
                patch: p,
            })
            .await
            {
                Ok(()) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let followup_due = RwSignal::new(String::new());
    let destination = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let services = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        let query = Query {
            kind: Some(Kind::Service),
            ..Query::default()
        };
        if let Ok(rows) = call::<cmd::List>(&ListArgs { query }).await {
            services.set(rows);
        }
    });
    let consent_lang = RwSignal::new(String::from("en"));
    let confirm_erase = RwSignal::new(false);
    let add_followup = move || {
        let due = followup_due.get_untracked();
        if due.is_empty() {
            error.set(Some(IpcError::code("date-required")));
            return;
        }
        let f = util::entry_id('f');
        patch(json!({"followups": {f: {"due": due}}, "status": {"code": "follow_up"}}));
        followup_due.set(String::new());
    };
    let refer = move || {
        let dest = destination.get_untracked();
        if dest.is_empty() {
            return;
        }
        let today = util::today();
        let allowed =
            record.with_untracked(|r| r.as_ref().is_some_and(|v| may_refer(v, &dest, &today)));
        if !allowed {
            error.set(Some(IpcError::code("consent-missing")));
            return;
        }
        let r = util::entry_id('r');
        patch(
            json!({"referrals": {r: {"destination": dest, "date": today, "outcome": "pending"}}, "status": {"code": "referred"}}),
        );
    };
    let record_consent = move || {
        let dest = destination.get_untracked();
        if dest.is_empty() {
            return;
        }
        let c = util::entry_id('c');
        patch(json!({"consents": {c: {
            "purpose": "referral", "destination": dest, "given": true,
            "language": consent_lang.get_untracked(), "text_version": "consent-referral-v1",
            "date": util::today()
        }}}));
    };
    let erase = move || {
        spawn_local(async move {
            match call::<cmd::Erase>(&IdArgs {
                id: pid.get_value(),
            })
            .await
            {
                Ok(()) => ctx.go(Screen::People),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let is_supervisor = move || ctx.status.get().team.as_ref().is_none_or(|t| t.supervisor);
    view! {
        <div id="person" class="stack">
            <ErrorLine error=error />
            {move || record.get().map(|v| {
                let (risk, derived) = effective_risk(&v);
                let alias = text(&v, "alias");
                let lines = timeline(&v);
                let today = util::today();
                let consented: Vec<&'static str> = vocab::SERVICE_TYPES
                    .iter()
                    .copied()
                    .filter(|d| may_refer(&v, d, &today))
                    .collect();
                view! {
                    <section class="card">
                        <h1 id="person-alias">{alias}</h1>
                        <p>
                            <RiskBadge level=risk.as_str() />
                            {(risk != derived).then(|| view! { <span class="muted">{move || ta("risk-overridden", &[("derived", i18n::code_label("risk-level", derived.as_str()).into())])}</span> })}
                            " "
                            <span class="muted">{i18n::code_label("person-status", str_at(&v, "status.code").unwrap_or_default())}</span>
                        </p>
                        <dl class="facts">
                            <dt>{move || t("field-nationality")}</dt>
                            <dd>{i18n::code_label("country", str_at(&v, "nationality").unwrap_or_default())}</dd>
                            <dt>{move || t("field-sector")}</dt>
                            <dd>{i18n::code_label("sector", str_at(&v, "sector").unwrap_or_default())}</dd>
                            <dt>{move || t("field-listening-point")}</dt>
                            <dd>{text(&v, "listening_point")}</dd>
                            <dt>{move || t("field-needs")}</dt>
                            <dd>{codes(&v, "needs").iter().map(|c| i18n::code_label("need", c)).collect::<Vec<_>>().join(", ")}</dd>
                        </dl>
                        <button id="resume-intake" class="secondary" on:click=move |_| ctx.go(Screen::Intake(Some(pid.get_value())))>
                            {move || t("intake-resume")}
                        </button>
                    </section>
                    <section class="card">
                        <h2>{move || t("timeline")}</h2>
                        <ol class="timeline" id="timeline">
                            {lines.into_iter().map(|(date, kind, text)| view! {
                                <li class=kind><span class="date">{move || util::date(&date)}</span> " " <strong>{move || t(kind)}</strong> " " <span>{text}</span></li>
                            }).collect_view()}
                        </ol>
                        <label for="followup-due">{move || t("followup-add")}</label>
                        <div class="row">
                            <DateInput id="followup-due" value=followup_due on_pick=Callback::new(move |d| followup_due.set(d)) />
                            <button id="add-followup" class="secondary" on:click=move |_| add_followup()>{move || t("add")}</button>
                        </div>
                    </section>
                    <section class="card" id="referral">
                        <h2>{move || t("referral-title")}</h2>
                        <label for="destination">{move || t("referral-destination")}</label>
                        <select id="destination" on:change=move |ev| {
                            service.set(String::new());
                            destination.set(event_target_value(&ev));
                        }>
                            <option value="">{move || t("choose")}</option>
                            {vocab::SERVICE_TYPES.iter().map(|c| view! { <option value=*c selected=move || destination.get() == *c>{move || i18n::code_label("service-type", c)}</option> }).collect_view()}
                        </select>
                        {move || {
                            let dest = destination.get();
                            if dest.is_empty() {
                                ().into_any()
                            } else if consented.contains(&dest.as_str()) {
                                let matching: Vec<Row> = services
                                    .get()
                                    .into_iter()
                                    .filter(|r| r.summary.service_type.as_deref() == Some(dest.as_str()))
                                    .collect();
                                view! {
                                    <p class="ok">{move || t("referral-consent-ok")}</p>
                                    <label for="referral-service">{move || t("referral-service")}</label>
                                    <select id="referral-service" on:change=move |ev| service.set(event_target_value(&ev))>
                                        <option value="">{move || t("referral-service-none")}</option>
                                        {matching.into_iter().map(|r| view! { <option value=r.id.clone()>{r.summary.title.clone()}</option> }).collect_view()}
                                    </select>
                                    <button id="refer" class="primary" on:click=move |_| refer()>{move || t("referral-send")}</button>
                                }.into_any()
                            } else {
                                view! {
                                    <p class="notice" id="consent-needed">{move || t("referral-consent-needed")}</p>
                                    <crate::screens::widgets::WorkerLanguage worker=consent_lang />
                                    <div class="handout" lang=move || consent_lang.get() dir=move || i18n::dir_of(&consent_lang.get())>
                                        <p class="big">{move || i18n::twa(&consent_lang.get(), "consent-referral-text", &[("destination", i18n::tw(&consent_lang.get(), &format!("service-type-{}", destination.get())).into())])}</p>
                                        <p class="big strong">{move || i18n::tw(&consent_lang.get(), "consent-ask")}</p>
                                    </div>
                                    <button id="record-consent" class="secondary" on:click=move |_| record_consent()>{move || t("referral-consent-given")}</button>
                                }.into_any()
                            }
                        }}
                    </section>
                    <Show when=is_supervisor>
                        <section class="card danger-zone">
                            <h2>{move || t("erase-title")}</h2>
                            <p>{move || t("erase-text")}</p>
                            <Show when=move || !confirm_erase.get() fallback=move || view! {
                                <p class="notice">{move || t("erase-confirm-text")}</p>
                                <div class="row">
                                    <button id="erase-cancel" class="secondary" on:click=move |_| confirm_erase.set(false)>{move || t("cancel")}</button>
                                    <button id="erase-confirm" class="danger" on:click=move |_| erase()>{move || t("erase-confirm")}</button>
                                </div>
                            }>
                                <button id="erase" class="danger" on:click=move |_| confirm_erase.set(true)>{move || t("erase")}</button>
                            </Show>
                        </section>
                    </Show>
                }
            })}
        </div>
    }
}

//! The intake interview: consent -> profile -> work -> living -> screening -> needs ->
//! summary. Every question and option is shown in the operator's language and the
//! worker's side by side. Each step is saved when the operator moves on, so an
//! interrupted interview resumes from the person's page with nothing lost.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::{IpcError, cmd};
use ponte_model::Kind;
use ponte_model::record;
use ponte_model::screening::{AGGRAVATING_603BIS, ILO_INDICATORS, INDICES_603BIS, effective_risk};
use ponte_model::vocab;
use serde_json::{Value, json};

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t};
use crate::ipc::call;
use crate::screens::widgets::{Bi, Chips, CodeSelect, DateInput, RiskBadge, WorkerLanguage};
use crate::util;
use ponte_ipc::case::{ConsentAddArgs, EncounterAddArgs, IntakeCreateArgs};
use ponte_ipc::cmd::{CreateArgs, EditArgs, IdArgs};

/// Nationalities met most often in the field, offered first (others are typed as codes).
pub const COMMON_COUNTRIES: &[&str] = &[
    "IN", "PK", "BD", "MA", "TN", "EG", "SN", "GM", "ML", "NG", "GH", "CI", "SD", "RO", "AL", "UA",
];
/// Languages met most often in the field.
pub const COMMON_LANGUAGES: &[&str] = &[
    "pa", "hi", "ur", "bn", "ar", "fr", "en", "wo", "ff", "bm", "tw", "ro", "sq", "it",
];

const STEPS: &[&str] = &[
    "step-consent",
    "step-profile",
    "step-work",
    "step-living",
    "step-screening",
    "step-needs",
    "step-summary",
];

/// Save the draft: create the person the first time (with the intake consent given
/// on the first step, in the same write, then forgotten so it is recorded once), then
/// merge the draft into it.
async fn save(
    id: RwSignal<Option<String>>,
    consent_given: RwSignal<Option<String>>,
    draft: Value,
) -> Result<(), IpcError> {
    match id.get_untracked() {
        None => {
            let fields = strip_nulls(draft);
            let new: String = match consent_given.get_untracked() {
                Some(language) => {
                    call::<cmd::IntakeCreate>(&IntakeCreateArgs { fields, language }).await?
                }
                None => {
                    call::<cmd::Create>(&CreateArgs {
                        kind: Kind::Person,
                        fields,
                    })
                    .await?
                }
            };
            consent_given.set(None);
            id.set(Some(new));
        }
        Some(existing) => {
            call::<cmd::Edit>(&EditArgs {
                id: existing,
                patch: draft,
            })
            .await?;
        }
    }
    Ok(())
}

/// What the core adds once the draft is saved: an intake consent given for a person who
/// already existed (a new person gets it with its creation, [`save`]; then forgotten,
/// so it is recorded once), and at the end of the interview an encounter today at
/// today's place.
async fn after_save(
    id: RwSignal<Option<String>>,
    consent_given: RwSignal<Option<String>>,
    finished: bool,
) -> Result<(), IpcError> {
    let Some(person) = id.get_untracked() else {
        return Ok(());
    };
    if let Some(language) = consent_given.get_untracked() {
        call::<cmd::ConsentAdd>(&ConsentAddArgs {
            person: person.clone(),
            purpose: "intake".into(),
            destination: None,
            language,
            share: Vec::new(),
        })
        .await?;
        consent_given.set(None);
    }
    if finished {
        call::<cmd::EncounterAdd>(&EncounterAddArgs { person, date: None }).await?;
    }
    Ok(())
}

/// A new record is sent without the `null`s that mark cleared fields in the draft.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}

#[component]
pub fn Intake(id: Option<String>) -> impl IntoView {
    let ctx = ctx();
    let resuming = id.is_some();
    let id = RwSignal::new(id);
    let draft = RwSignal::new(json!({}));
    let step = RwSignal::new(if resuming { 1usize } else { 0 });
    let worker = RwSignal::new(String::from("en"));
    let error = RwSignal::new(None::<IpcError>);
    let refused = RwSignal::new(false);
    // The intake consent given on the first step, in the worker language it was read
    // in: recorded by the core once the person exists (the first save).
    let consent_given = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    if let Some(existing) = id.get_untracked() {
        spawn_local(async move {
            match call::<cmd::Get>(&IdArgs { id: existing }).await {
                Ok(v) => {
                    if let Some(lang) = record::entries(&v, "consents")
                        .into_iter()
                        .find_map(|(_, c)| record::str_at(c, "language"))
                    {
                        let base = lang.split('-').next().unwrap_or(lang).to_owned();
                        if ponte_i18n::WORKER_LOCALES.contains(&base.as_str()) {
                            worker.set(base);
                        }
                    }
                    draft.set(v);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let set = move |path: &'static str, value: Value| {
        draft.update(|d| util::set_at(d, path, value));
    };
    let text =
        move |path: &'static str| Signal::derive(move || draft.with(|d| util::text_at(d, path)));
    let next = move || {
        error.set(None);
        let current = step.get_untracked();
        if current == 1 && draft.with_untracked(|d| util::text_at(d, "/alias").trim().is_empty()) {
            error.set(Some(IpcError::code("alias-required")));
            return;
        }
        if current == 0 {
            step.set(1);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let mut d = draft.get_untracked();
            if current == STEPS.len() - 1 {
                util::set_at(&mut d, "/status/code", json!("interviewed"));
            }
            let saved = match save(id, consent_given, d.clone()).await {
                Ok(()) => after_save(id, consent_given, current == STEPS.len() - 1).await,
                Err(e) => Err(e),
            };
            match saved {
                Ok(()) => {
                    draft.set(d);
                    if current == STEPS.len() - 1 {
                        if let Some(pid) = id.get_untracked() {
                            ctx.go(Screen::Person(pid));
                        }
                    } else {
                        step.set(current + 1);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let consent = move |given: bool| {
        if !given {
            refused.set(true);
            return;
        }
        consent_given.set(Some(worker.get_untracked()));
        draft.update(|d| {
            if d.get("created").is_none() {
                util::set_at(d, "/created", json!(util::today()));
                util::set_at(d, "/status/code", json!("contacted"));
                // Today's place, from the team's list (a label typed before places
                // were a list is not written on a new record).
                if let Some(point) = ctx
                    .status
                    .get_untracked()
                    .listening_point
                    .filter(|p| util::is_record_id(p))
                {
                    util::set_at(d, "/place_id", json!(point));
                }
            }
        });
        step.set(1);
    };

    let step_view = move || {
        match step.get() {
        0 => view! {
            <div class="handout" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
                <h2>{move || i18n::tw(&worker.get(), "consent-intake-title")}</h2>
                <p class="big">{move || i18n::tw(&worker.get(), "consent-intake-text")}</p>
                <p class="big strong">{move || i18n::tw(&worker.get(), "consent-ask")}</p>
            </div>
            <details class="op-copy">
                <summary>{move || t("consent-in-my-language")}</summary>
                <p>{move || t("consent-intake-text")}</p>
            </details>
            <Show when=move || refused.get()>
                <p class="notice" id="consent-refused">{move || t("consent-refused")}</p>
                <button class="secondary" on:click=move |_| ctx.go(Screen::Handout(Some(worker.get_untracked())))>
                    {move || t("action-handout")}
                </button>
            </Show>
            <div class="consent-answers">
                <button id="consent-yes" class="primary" on:click=move |_| consent(true)>
                    <Bi id="consent-yes" worker=worker />
                </button>
                <button id="consent-no" class="secondary" on:click=move |_| consent(false)>
                    <Bi id="consent-no" worker=worker />
                </button>
            </div>
        }
        .into_any(),
        1 => view! {
            <div class="field">
                <label for="alias"><Bi id="q-alias" worker=worker /></label>
                <input id="alias" prop:value=text("/alias") on:input=move |ev| set("/alias", json!(event_target_value(&ev))) />
            </div>
            <Question id="q-sex" worker=worker />
            <Options list="sex" codes=vocab::SEXES path="/sex" draft=draft worker=worker />
            <div class="field">
                <label for="birth-year"><Bi id="q-birth-year" worker=worker /></label>
                <input
                    id="birth-year"
                    type="number"
                    inputmode="numeric"
                    min="1900"
                    max="2100"
                    prop:value=move || draft.with(|d| record::int_at(d, "birth_year").map(|y| y.to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set("/birth_year", v.trim().parse::<i64>().map_or(Value::Null, |y| json!(y)));
                    }
                />
            </div>
            <Question id="q-nationality" worker=worker />
            <CodeSelect
                id="nationality"
                label="field-nationality"
                list="country"
                codes=COMMON_COUNTRIES
                value=text("/nationality")
                on_pick=Callback::new(move |v: String| set("/nationality", json!(v)))
            />
            <Question id="q-languages" worker=worker />
            <LanguageChips draft=draft />
            <div class="field">
                <label for="phone"><Bi id="q-phone" worker=worker /></label>
                <input id="phone" type="tel" prop:value=text("/phone") on:input=move |ev| set("/phone", json!(event_target_value(&ev))) />
            </div>
        }
        .into_any(),
        2 => view! {
            <Question id="q-sector" worker=worker />
            <Options list="sector" codes=vocab::SECTORS path="/sector" draft=draft worker=worker />
            <div class="field">
                <label for="employer-area"><Bi id="q-employer-area" worker=worker /></label>
                <input id="employer-area" prop:value=text("/employer_area") on:input=move |ev| set("/employer_area", json!(event_target_value(&ev))) />
            </div>
            <Question id="q-permit" worker=worker />
            <Options list="permit-status" codes=vocab::PERMIT_STATUSES path="/permit/status" draft=draft worker=worker />
            <div class="field">
                <label for="permit-expiry"><Bi id="q-permit-expiry" worker=worker /></label>
                <DateInput id="permit-expiry" value=text("/permit/expiry") on_pick=Callback::new(move |d: String| set("/permit/expiry", json!(d))) />
            </div>
        }
        .into_any(),
        3 => view! {
            <Question id="q-housing" worker=worker />
            <Options list="housing" codes=vocab::HOUSING path="/housing" draft=draft worker=worker />
        }
        .into_any(),
        4 => view! {
            <h2>{move || t("screening-603bis")}</h2>
            {INDICES_603BIS.iter().map(|i| view! { <Screening group="s603" qprefix="q-s603" item=i draft=draft worker=worker /> }).collect_view()}
            <h2>{move || t("screening-aggravating")}</h2>
            {AGGRAVATING_603BIS.iter().map(|i| view! { <Screening group="aggravating" qprefix="q-aggravating" item=i draft=draft worker=worker /> }).collect_view()}
            <h2>{move || t("screening-ilo")}</h2>
            {ILO_INDICATORS.iter().map(|i| view! { <Screening group="ilo" qprefix="q-ilo" item=i draft=draft worker=worker /> }).collect_view()}
        }
        .into_any(),
        5 => view! {
            <Question id="q-needs" worker=worker />
            <Chips
                id="needs"
                list="need"
                codes=vocab::NEEDS
                worker=worker
                selected=Signal::derive(move || draft.with(|d| util::codes(d, "needs")))
                on_toggle=Callback::new(move |c: String| draft.update(|d| toggle(d, "needs", &c)))
            />
        }
        .into_any(),
        _ => view! { <Summary draft=draft /> }.into_any(),
    }
    };

    view! {
        <div id="intake" class="stack">
            <section class="card">
                <h1>{move || t("intake-title")}</h1>
                <WorkerLanguage worker=worker />
                <ol class="steps" aria-label=move || t("steps-label")>
                    {STEPS
                        .iter()
                        .enumerate()
                        .map(|(i, s)| view! {
                            <li class:current=move || step.get() == i class:done=move || { step.get() > i }
                                aria-current=move || (step.get() == i).then_some("step")>
                                <span class="step-n">{i + 1}</span>
                                <span class="step-name">{move || t(s)}</span>
                            </li>
                        })
                        .collect_view()}
                </ol>
            </section>
            <section class="card" id=move || format!("intake-step-{}", step.get())>
                <h2 class="step-title">{move || t(STEPS[step.get().min(STEPS.len() - 1)])}</h2>
                {step_view}
                <ErrorLine error=error />
                <Show when=move || { step.get() > 0 }>
                    <div class="row nav-row">
                        <button id="back" class="secondary" on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>
                            {move || t("back")}
                        </button>
                        <button id="next" class="primary" disabled=move || busy.get() on:click=move |_| next()>
                            {move || if step.get() == STEPS.len() - 1 { t("finish") } else { t("save-next") }}
                        </button>
                    </div>
                </Show>
            </section>
        </div>
    }
}

fn toggle(d: &mut Value, key: &str, code: &str) {
    let mut set = util::codes(d, key);
    if let Some(pos) = set.iter().position(|c| c == code) {
        set.remove(pos);
    } else {
        set.push(code.to_owned());
    }
    util::set_at(d, &format!("/{key}"), json!(set));
}

/// A question in both languages, as a heading of its options.
#[component]
fn Question(#[prop(into)] id: String, worker: RwSignal<String>) -> impl IntoView {
    view! { <p class="question"><Bi id=id worker=worker /></p> }
}

/// One-of options as buttons, each label in both languages.
#[component]
fn Options(
    list: &'static str,
    codes: &'static [&'static str],
    path: &'static str,
    draft: RwSignal<Value>,
    worker: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="options" role="radiogroup" data-path=path>
            {codes
                .iter()
                .map(|c| {
                    let c: &'static str = c;
                    let on = move || draft.with(|d| util::text_at(d, path) == c);
                    view! {
                        <button
                            class="option-button"
                            data-code=c
                            role="radio"
                            class:selected=on
                            aria-checked=move || if on() { "true" } else { "false" }
                            on:click=move |_| {
                                let value = if on() { Value::Null } else { json!(c) };
                                draft.update(|d| util::set_at(d, path, value));
                            }
                        >
                            <Bi id=format!("{list}-{c}") worker=worker />
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn LanguageChips(draft: RwSignal<Value>) -> impl IntoView {
    view! {
        <div class="chips" id="languages" role="group">
            {COMMON_LANGUAGES
                .iter()
                .map(|c| {
                    let c: &'static str = c;
                    let on = move || draft.with(|d| record::codes(d, "languages").contains(&c));
                    view! {
                        <button
                            class="chip"
                            data-code=c
                            class:selected=on
                            aria-pressed=move || if on() { "true" } else { "false" }
                            on:click=move |_| draft.update(|d| toggle(d, "languages", c))
                        >
                            // One name, in the operator's language (a worker language
                            // without its own texts would show another language's name).
                            {move || i18n::code_label("language", c)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// One screening item: the question in both languages, yes / no / don't know.
#[component]
fn Screening(
    group: &'static str,
    qprefix: &'static str,
    item: &'static str,
    draft: RwSignal<Value>,
    worker: RwSignal<String>,
) -> impl IntoView {
    let path = StoredValue::new(format!("/screening/{group}/{item}/answer"));
    view! {
        <div class="screening-item" data-item=format!("{group}.{item}")>
            <p class="question"><Bi id=format!("{qprefix}-{item}") worker=worker /></p>
            <div class="options three" role="radiogroup">
                {ponte_model::screening::ANSWERS
                    .iter()
                    .map(|a| {
                        let a: &'static str = a;
                        let on = move || draft.with(|d| path.with_value(|p| util::text_at(d, p)) == a);
                        view! {
                            <button
                                class=format!("option-button answer-{a}")
                                data-answer=a
                                role="radio"
                                class:selected=on
                                aria-checked=move || if on() { "true" } else { "false" }
                                on:click=move |_| draft.update(|d| path.with_value(|p| util::set_at(d, p, json!(a))))
                            >
                                <Bi id=format!("answer-{a}") worker=worker />
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

#[component]
fn Summary(draft: RwSignal<Value>) -> impl IntoView {
    let risk = move || draft.with(effective_risk);
    view! {
        <div id="intake-summary">
            <p class="big">{move || draft.with(|d| util::text_at(d, "/alias"))}</p>
            <p>
                {move || t("risk-derived")} " "
                {move || view! { <RiskBadge level=risk().1.as_str() /> }}
            </p>
            <p class="hint">{move || t("risk-guide")}</p>
            <dl class="facts">
                <dt>{move || t("field-sector")}</dt>
                <dd>{move || draft.with(|d| i18n::code_label("sector", &util::text_at(d, "/sector")))}</dd>
                <dt>{move || t("field-housing")}</dt>
                <dd>{move || draft.with(|d| i18n::code_label("housing", &util::text_at(d, "/housing")))}</dd>
                <dt>{move || t("field-needs")}</dt>
                <dd>{move || draft.with(|d| record::codes(d, "needs").iter().map(|c| i18n::code_label("need", c)).collect::<Vec<_>>().join(", "))}</dd>
            </dl>
            <label for="notes">{move || t("field-notes")}</label>
            <textarea
                id="notes"
                rows="4"
                prop:value=move || draft.with(|d| util::text_at(d, "/notes"))
                on:input=move |ev| draft.update(|d| util::set_at(d, "/notes", json!(event_target_value(&ev))))
            ></textarea>
            <DraftNote />
        </div>
    }
}

#[component]
fn DraftNote() -> impl IntoView {
    view! { <p class="hint">{move || t("intake-finish-hint")}</p> }
}

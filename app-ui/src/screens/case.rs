//! The case on a person's page: taken in charge (the operator picked from the team),
//! the plan's goals, closing with a reason and reopening; each referral with its
//! outcome history, the next step, and its sheets (the service's in Italian, the
//! worker's copy in their language); the open follow-ups, done or moved; the consents,
//! withdrawn at any time. Every change is one command of the shell, which asks the
//! core; the screens hold no rule but which buttons to offer (the model's
//! `outcome_allowed`, the same the core checks; a mediator's device is not offered
//! taking a case in charge, closing or reopening it, nor referral sheets, which its
//! core refuses).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::case::{
    CloseArgs, FollowupAddArgs, FollowupDoneArgs, FollowupMoveArgs, GoalAddArgs, GoalDoneArgs,
    GoalDropArgs, OutcomeArgs, ReopenArgs, SenderArgs, SheetArgs, SheetMade, TakeArgs,
    TimelineLine, WithdrawArgs,
};
use ponte_ipc::cmd::{self, Command, NoArgs};
use ponte_ipc::{IpcError, Row};
use ponte_model::record::{entries, str_at};
use ponte_model::{case, vocab};
use serde_json::Value;

use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::team::may;
use crate::screens::widgets::{DateInput, WorkerLanguage};
use crate::util;
use ponte_ipc::Action;

/// A translated error inside a card, beside what failed (the page's own error line
/// may be off screen on a phone).
#[component]
pub fn CardError(error: RwSignal<Option<IpcError>>) -> impl IntoView {
    view! {
        <Show when=move || error.get().is_some()>
            <p class="error card-error" role="alert">
                {move || error.get().map(|e| i18n::error_text(&e)).unwrap_or_default()}
            </p>
        </Show>
    }
}

/// Call command `C`; on success clear `error` and run `done`, else show the error.
fn run<C: Command>(
    args: C::Args,
    error: RwSignal<Option<IpcError>>,
    done: impl FnOnce(C::Output) + 'static,
) where
    C::Args: 'static,
{
    spawn_local(async move {
        match call::<C>(&args).await {
            Ok(out) => {
                error.set(None);
                done(out);
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// The text at `path`, or "".
fn text(v: &Value, path: &str) -> String {
    str_at(v, path).unwrap_or_default().to_owned()
}

/// The case: status, the operator responsible, the plan's goals, close and reopen.
#[component]
pub fn CaseCard(person: StoredValue<String>, record: Value, reload: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let closed = case::is_closed(&record);
    let status = text(&record, "status.code");
    let reason = text(&record, "status.reason");
    let operator = text(&record, "plan.assigned_to");
    let since = text(&record, "plan.taken_in_charge");
    let goals: Vec<(String, String, String)> = entries(&record, "case_goals")
        .into_iter()
        .map(|(id, g)| (id.to_owned(), text(g, "text"), text(g, "state")))
        .collect();
    // The team's members, read when "take in charge" is tapped.
    let members = RwSignal::new(None::<Vec<String>>);
    let picking = RwSignal::new(false);
    let closing = RwSignal::new(false);
    let close_reason = RwSignal::new(String::new());
    let goal_text = RwSignal::new(String::new());
    let open_picker = move || {
        picking.set(true);
        // The team from the signed roster kept on this device: offline too.
        run::<cmd::TeamMembers>(NoArgs {}, error, move |rows| {
            let mut names: Vec<(bool, String)> =
                rows.into_iter().map(|d| (!d.this_device, d.name)).collect();
            // This device's operator first: the usual choice.
            names.sort();
            members.set(Some(names.into_iter().map(|(_, n)| n).collect()));
        });
    };
    let take = move |name: String| {
        let args = TakeArgs {
            person: person.get_value(),
            operator: name,
        };
        run::<cmd::CaseTake>(args, error, move |_| reload.run(()));
    };
    let add_goal = move || {
        let text = goal_text.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let args = GoalAddArgs {
            person: person.get_value(),
            text,
        };
        run::<cmd::CaseGoalAdd>(args, error, move |_| reload.run(()));
    };
    let goal_done = move |goal: String| {
        let args = GoalDoneArgs {
            person: person.get_value(),
            goal,
        };
        run::<cmd::CaseGoalDone>(args, error, move |_| reload.run(()));
    };
    let goal_drop = move |goal: String| {
        let args = GoalDropArgs {
            person: person.get_value(),
            goal,
            note: None,
        };
        run::<cmd::CaseGoalDrop>(args, error, move |_| reload.run(()));
    };
    let close = move || {
        let reason = close_reason.get_untracked();
        if reason.is_empty() {
            return;
        }
        let args = CloseArgs {
            person: person.get_value(),
            reason,
            note: None,
        };
        run::<cmd::CaseClose>(args, error, move |_| reload.run(()));
    };
    let reopen = move || {
        let args = ReopenArgs {
            person: person.get_value(),
        };
        run::<cmd::CaseReopen>(args, error, move |_| reload.run(()));
    };
    let has_operator = !operator.is_empty();
    view! {
        <section class="card" id="case">
            <h2>{move || t("case-title")}</h2>
            <p id="case-state">
                <span class="badge">{move || i18n::code_label("person-status", &status)}</span>
                {(closed && !reason.is_empty()).then(|| {
                    let reason = reason.clone();
                    view! { " " <span id="case-reason">{move || ta("case-closed-because", &[("reason", i18n::code_label("close-reason", &reason).into())])}</span> }
                })}
            </p>
            {has_operator.then(|| {
                let operator = operator.clone();
                let since = since.clone();
                view! {
                    <p id="case-operator">
                        <strong>{move || t("case-operator")}</strong> " " <span>{operator}</span>
                        {(!since.is_empty()).then(|| {
                            let since = since.clone();
                            view! { " · " <span class="muted">{move || ta("case-since", &[("date", util::date(&since).into())])}</span> }
                        })}
                    </p>
                }
            })}
            {move || if !may(Action::CaseCharge) {
                ().into_any()
            } else if closed {
                view! {
                    <button id="case-reopen" class="secondary" on:click=move |_| reopen()>{move || t("case-reopen")}</button>
                }.into_any()
            } else {
                view! {
                    <Show when=move || !picking.get() fallback=move || view! {
                        <p class="field-title">{move || t("case-pick-operator")}</p>
                        {move || match members.get() {
                            None => view! { <p class="muted" aria-busy="true">{move || t("case-members-loading")}</p> }.into_any(),
                            Some(names) => view! {
                                <div class="choices" id="case-operators">
                                    {names.into_iter().map(|n| {
                                        let pick = n.clone();
                                        view! { <button class="choice operator-choice" on:click=move |_| take(pick.clone())>{n}</button> }
                                    }).collect_view()}
                                    <button class="link" on:click=move |_| picking.set(false)>{move || t("cancel")}</button>
                                </div>
                            }.into_any(),
                        }}
                    }>
                        <button id="case-take" class=if has_operator { "secondary" } else { "primary" } on:click=move |_| open_picker()>
                            {move || if has_operator { t("case-change-operator") } else { t("case-take") }}
                        </button>
                    </Show>
                }.into_any()
            }}
            <h3>{move || t("case-goals")}</h3>
            {goals.is_empty().then(|| view! { <p class="muted">{move || t("case-goals-none")}</p> })}
            <ul class="list" id="case-goals">
                {goals.into_iter().map(|(id, text, state)| {
                    let open = state == "open" && !closed;
                    let done_id = id.clone();
                    let drop_id = id.clone();
                    let drop_elem = format!("goal-drop-{id}");
                    view! {
                        <li class="plain goal" data-state=state.clone()>
                            <span class="title">{text}</span>
                            <span class="badge">{let state = state.clone(); move || i18n::code_label("goal-state", &state)}</span>
                            {open.then(|| view! {
                                <button class="secondary goal-done" on:click=move |_| goal_done(done_id.clone())>{move || t("case-goal-done")}</button>
                                <button id=drop_elem class="secondary goal-drop" on:click=move |_| goal_drop(drop_id.clone())>{move || t("case-goal-drop")}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!closed).then(|| view! {
                <label for="goal-text">{move || t("case-goal-new")}</label>
                <div class="row">
                    <input id="goal-text" prop:value=move || goal_text.get() on:input=move |ev| goal_text.set(event_target_value(&ev)) />
                    <button id="goal-add" class="secondary" on:click=move |_| add_goal()>{move || t("add")}</button>
                </div>
                <Show when=move || closing.get() && may(Action::CaseCharge) fallback=move || may(Action::CaseCharge).then(|| view! {
                    <button id="case-close-open" class="secondary close-open" on:click=move |_| closing.set(true)>{move || t("case-close")}</button>
                })>
                    <label for="close-reason">{move || t("case-close-reason")}</label>
                    <select id="close-reason" on:change=move |ev| close_reason.set(event_target_value(&ev))>
                        <option value="">{move || t("choose")}</option>
                        {vocab::CLOSE_REASONS.iter().map(|c| view! { <option value=*c selected=move || close_reason.get() == *c>{move || i18n::code_label("close-reason", c)}</option> }).collect_view()}
                    </select>
                    <div class="row buttons">
                        <button class="secondary" on:click=move |_| closing.set(false)>{move || t("cancel")}</button>
                        <button id="case-close" class="danger" disabled=move || close_reason.get().is_empty() on:click=move |_| close()>{move || t("case-close-confirm")}</button>
                    </div>
                </Show>
            })}
            <CardError error=error />
        </section>
    }
}

/// The open follow-ups, each done (with a note) or moved; a new one.
#[component]
pub fn Followups(
    person: StoredValue<String>,
    record: Value,
    reload: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let today = util::today();
    let mut open: Vec<(String, String, String, String)> = entries(&record, "followups")
        .into_iter()
        .filter(|(_, f)| str_at(f, "done").is_none())
        .map(|(id, f)| {
            (
                text(f, "due"),
                id.to_owned(),
                text(f, "note"),
                text(f, "kind"),
            )
        })
        .collect();
    open.sort();
    // Which follow-up has its "done" or "move" form open.
    let doing = RwSignal::new(None::<(String, bool)>);
    let note = RwSignal::new(String::new());
    let new_due = RwSignal::new(String::new());
    let add_due = RwSignal::new(String::new());
    let done = move |followup: String| {
        let n = note.get_untracked();
        let args = FollowupDoneArgs {
            person: person.get_value(),
            followup,
            note: Some(n).filter(|n| !n.trim().is_empty()),
        };
        run::<cmd::FollowupDone>(args, error, move |_| reload.run(()));
    };
    let move_to = move |followup: String| {
        let due = new_due.get_untracked();
        if due.is_empty() {
            error.set(Some(IpcError::code("date-required")));
            return;
        }
        let args = FollowupMoveArgs {
            person: person.get_value(),
            followup,
            due,
        };
        run::<cmd::FollowupMove>(args, error, move |_| reload.run(()));
    };
    let add = move || {
        let due = add_due.get_untracked();
        if due.is_empty() {
            error.set(Some(IpcError::code("date-required")));
            return;
        }
        let args = FollowupAddArgs {
            person: person.get_value(),
            due,
        };
        run::<cmd::FollowupAdd>(args, error, move |_| reload.run(()));
    };
    view! {
        <section class="card" id="followups-card">
            <h2>{move || t("followups-title")}</h2>
            {open.is_empty().then(|| view! { <p class="muted">{move || t("followups-open-none")}</p> })}
            <ul class="list" id="followup-list">
                {open.into_iter().map(|(due, id, fnote, kind)| {
                    let overdue = due.as_str() < today.as_str();
                    let (id_done, id_move, id_a, id_b, id_c) = (id.clone(), id.clone(), id.clone(), id.clone(), id);
                    let shown = move |is_done: bool| {
                        let id = id_a.clone();
                        doing.get().is_some_and(|(f, d)| f == id && d == is_done)
                    };
                    let shown2 = shown.clone();
                    let due_text = due.clone();
                    view! {
                        <li class="plain followup" data-overdue=overdue.to_string()>
                            <span class="date" class:overdue=overdue>{move || util::date(&due_text)}</span>
                            {overdue.then(|| view! { <span class="badge overdue-badge">{move || t("followup-overdue")}</span> })}
                            <span class="title">
                                {(!kind.is_empty()).then(|| { let kind = kind.clone(); view! { <span>{move || i18n::code_label("followup-kind", &kind)}</span> " " } })}
                                {fnote}
                            </span>
                            <div class="row buttons">
                                <button class="secondary followup-done-open" on:click=move |_| { note.set(String::new()); doing.set(Some((id_b.clone(), true))); }>{move || t("followup-done")}</button>
                                <button class="secondary followup-move-open" on:click=move |_| { new_due.set(String::new()); doing.set(Some((id_c.clone(), false))); }>{move || t("followup-move")}</button>
                            </div>
                            <Show when=move || shown(true)>
                                <div class="inline-form">
                                    <label for="followup-note">{move || t("followup-done-note")}</label>
                                    <input id="followup-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                                    <div class="row buttons">
                                        <button class="secondary" on:click=move |_| doing.set(None)>{move || t("cancel")}</button>
                                        <button id="followup-done-save" class="primary" on:click={let id = id_done.clone(); move |_| done(id.clone())}>{move || t("followup-done-save")}</button>
                                    </div>
                                </div>
                            </Show>
                            <Show when=move || shown2(false)>
                                <div class="inline-form">
                                    <label for="followup-new-due">{move || t("followup-move-to")}</label>
                                    <DateInput id="followup-new-due" value=new_due on_pick=Callback::new(move |d| new_due.set(d)) />
                                    <div class="row buttons">
                                        <button class="secondary" on:click=move |_| doing.set(None)>{move || t("cancel")}</button>
                                        <button id="followup-move-save" class="primary" on:click={let id = id_move.clone(); move |_| move_to(id.clone())}>{move || t("followup-move-save")}</button>
                                    </div>
                                </div>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label for="followup-due">{move || t("followup-add")}</label>
            <div class="row">
                <DateInput id="followup-due" value=add_due on_pick=Callback::new(move |d| add_due.set(d)) />
                <button id="add-followup" class="secondary" on:click=move |_| add()>{move || t("add")}</button>
            </div>
            <CardError error=error />
        </section>
    }
}

/// One referral as the page shows it.
#[derive(Debug, Clone)]
struct ReferralView {
    id: String,
    date: String,
    destination: String,
    service: Option<String>,
    outcome: Option<String>,
    /// The outcome steps, oldest first: (date, outcome, by, note).
    steps: Vec<(String, String, String, String)>,
}

fn referrals(record: &Value, services: &[Row]) -> Vec<ReferralView> {
    let mut out: Vec<ReferralView> = entries(record, "referrals")
        .into_iter()
        .map(|(id, r)| {
            let mut steps: Vec<(String, String, String, String, String)> = entries(r, "outcomes")
                .into_iter()
                .map(|(sid, o)| {
                    (
                        text(o, "date"),
                        sid.to_owned(),
                        text(o, "outcome"),
                        text(o, "by"),
                        text(o, "note"),
                    )
                })
                .collect();
            steps.sort();
            let service = str_at(r, "service_id").map(|sid| {
                services
                    .iter()
                    .find(|s| s.id == sid)
                    .map(|s| s.summary.title.clone())
                    .unwrap_or_default()
            });
            ReferralView {
                id: id.to_owned(),
                date: text(r, "date"),
                destination: text(r, "destination"),
                service: service.filter(|s| !s.is_empty()),
                outcome: str_at(r, "outcome").map(str::to_owned),
                steps: steps
                    .into_iter()
                    .map(|(d, _, o, b, n)| (d, o, b, n))
                    .collect(),
            }
        })
        .collect();
    // Newest first.
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    out
}

/// The person's referrals: each with its outcome history, the next steps the model
/// allows, and its sheets.
#[component]
pub fn Referrals(
    person: StoredValue<String>,
    record: Value,
    services: RwSignal<Vec<Row>>,
    reload: Callback<()>,
) -> impl IntoView {
    let list = RwSignal::new(referrals(&record, &services.get_untracked()));
    // The services list arrives after the record: the names follow it.
    let record = StoredValue::new(record);
    Effect::new(move |_| {
        let rows = services.get();
        list.set(record.with_value(|r| referrals(r, &rows)));
    });
    view! {
        <Show when=move || !list.get().is_empty()>
            <section class="card" id="referrals">
                <h2>{move || t("referrals-title")}</h2>
                <ul class="list">
                    {move || list.get().into_iter().map(|r| view! { <ReferralItem person=person referral=r reload=reload /> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn ReferralItem(
    person: StoredValue<String>,
    referral: ReferralView,
    reload: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let rid = StoredValue::new(referral.id.clone());
    let current = referral.outcome.clone();
    let next: Vec<&'static str> = vocab::REFERRAL_OUTCOMES
        .iter()
        .copied()
        .filter(|o| case::outcome_allowed(current.as_deref(), o))
        .collect();
    // The step being recorded, with its date and note.
    let stepping = RwSignal::new(None::<&'static str>);
    let step_date = RwSignal::new(util::today());
    let step_note = RwSignal::new(String::new());
    let save_step = move || {
        let Some(outcome) = stepping.get_untracked() else {
            return;
        };
        let args = OutcomeArgs {
            person: person.get_value(),
            referral: rid.get_value(),
            outcome: outcome.to_owned(),
            date: Some(step_date.get_untracked()).filter(|d| !d.is_empty()),
            note: Some(step_note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        run::<cmd::ReferralOutcome>(args, error, move |_| reload.run(()));
    };
    // Sheets.
    let worker = RwSignal::new(String::from("en"));
    let made = RwSignal::new(None::<SheetMade>);
    let need_sender = RwSignal::new(false);
    let pending_copy = RwSignal::new(None::<Option<String>>);
    let sender_team = RwSignal::new(String::new());
    let sender_contact = RwSignal::new(String::new());
    let sender_operator = RwSignal::new(String::new());
    let sheet = move |copy: Option<String>| {
        made.set(None);
        let args = SheetArgs {
            person: person.get_value(),
            referral: rid.get_value(),
            worker: copy.clone(),
        };
        spawn_local(async move {
            match call::<cmd::ReferralSheet>(&args).await {
                Ok(m) => {
                    error.set(None);
                    need_sender.set(false);
                    made.set(Some(m));
                }
                // The referring team printed on sheets is asked for here, once.
                Err(e) if e.code == "sheet-no-sender" => {
                    error.set(None);
                    pending_copy.set(Some(copy));
                    need_sender.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_sender = move || {
        let operator = sender_operator.get_untracked();
        let args = SenderArgs {
            team: Some(sender_team.get_untracked()),
            contact: Some(sender_contact.get_untracked()),
            operator: Some(operator).filter(|o| !o.trim().is_empty()),
        };
        run::<cmd::ReferralSender>(args, error, move |_| {
            if let Some(copy) = pending_copy.get_untracked() {
                sheet(copy);
            }
        });
    };
    let (service, dest) = (referral.service.clone(), referral.destination.clone());
    let title = move || match &service {
        Some(name) => name.clone(),
        None => i18n::code_label("service-type", &dest),
    };
    let destination = referral.destination.clone();
    let date = referral.date.clone();
    let has_service = referral.service.is_some();
    view! {
        <li class="referral" data-outcome=current.clone().unwrap_or_default()>
            <div class="referral-head">
                <strong class="title">{title}</strong>
                {has_service.then(|| view! { <span class="muted">{move || i18n::code_label("service-type", &destination)}</span> })}
                <span class="date">{move || ta("referral-made", &[("date", util::date(&date).into())])}</span>
                {current.clone().map(|o| { let class = format!("badge outcome outcome-{o}"); view! { <span class=class>{move || i18n::code_label("referral-outcome", &o)}</span> } })}
            </div>
            <ol class="timeline outcome-steps">
                {referral.steps.into_iter().map(|(d, o, by, note)| view! {
                    <li>
                        <span class="date">{move || util::date(&d)}</span> " "
                        <strong>{move || i18n::code_label("referral-outcome", &o)}</strong>
                        {(!by.is_empty()).then(|| { let by = by.clone(); view! { " " <span class="muted">{move || ta("timeline-by", &[("name", by.clone().into())])}</span> } })}
                        {(!note.is_empty()).then(|| view! { <span class="note">{note.clone()}</span> })}
                    </li>
                }).collect_view()}
            </ol>
            {(!next.is_empty()).then(|| view! {
                <p class="field-title">{move || t("referral-step")}</p>
                <div class="choices outcome-choices">
                    {next.iter().map(|o| {
                        let o: &'static str = o;
                        view! {
                            <button class="choice outcome-step" data-outcome=o class:selected=move || stepping.get() == Some(o)
                                aria-pressed=move || if stepping.get() == Some(o) { "true" } else { "false" }
                                on:click=move |_| stepping.set(Some(o))>
                                {move || i18n::code_label("referral-outcome", o)}
                            </button>
                        }
                    }).collect_view()}
                </div>
                <Show when=move || stepping.get().is_some()>
                    <div class="inline-form">
                        <label for="step-date">{move || t("referral-step-date")}</label>
                        <DateInput id="step-date" value=step_date on_pick=Callback::new(move |d| step_date.set(d)) />
                        <label for="step-note">{move || t("referral-step-note")}</label>
                        <input id="step-note" prop:value=move || step_note.get() on:input=move |ev| step_note.set(event_target_value(&ev)) />
                        <div class="row buttons">
                            <button class="secondary" on:click=move |_| stepping.set(None)>{move || t("cancel")}</button>
                            <button id="step-save" class="primary" on:click=move |_| save_step()>{move || t("referral-step-save")}</button>
                        </div>
                    </div>
                </Show>
            })}
            <Show when=move || has_service && may(Action::ReferralSheet)>
                <div class="sheets">
                    <p class="field-title">{move || t("sheet-title")}</p>
                    <button class="secondary sheet-service" on:click=move |_| sheet(None)>{move || t("sheet-service")}</button>
                    <WorkerLanguage worker=worker id=format!("sheet-lang-{}", rid.get_value()) />
                    <button class="secondary sheet-worker" on:click=move |_| sheet(Some(worker.get_untracked()))>{move || t("sheet-worker")}</button>
                    <Show when=move || need_sender.get()>
                        <div class="inline-form" id="sender-form">
                            <p class="notice">{move || t("sender-needed")}</p>
                            <label for="sender-team">{move || t("sender-team")}</label>
                            <input id="sender-team" prop:value=move || sender_team.get() on:input=move |ev| sender_team.set(event_target_value(&ev)) />
                            <label for="sender-contact">{move || t("sender-contact")}</label>
                            <input id="sender-contact" prop:value=move || sender_contact.get() on:input=move |ev| sender_contact.set(event_target_value(&ev)) />
                            <label for="sender-operator">{move || t("sender-operator")}</label>
                            <input id="sender-operator" prop:value=move || sender_operator.get() on:input=move |ev| sender_operator.set(event_target_value(&ev)) />
                            <button id="sender-save" class="primary" on:click=move |_| save_sender()>{move || t("sender-save")}</button>
                        </div>
                    </Show>
                    {move || made.get().map(|m| view! {
                        <p class="ok sheet-made" role="status">{move || t("sheet-saved")}</p>
                        <p class="mono small sheet-path" dir="ltr">{m.path.clone()}</p>
                    })}
                </div>
            </Show>
            <CardError error=error />
        </li>
    }
}

/// The person's consents: what each covers, when given, and withdrawal (GDPR art.
/// 7(3)) with a confirmation.
#[component]
pub fn Consents(person: StoredValue<String>, record: Value, reload: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let confirm = RwSignal::new(None::<String>);
    let list: Vec<(String, String, String, String, String)> = entries(&record, "consents")
        .into_iter()
        .filter(|(_, c)| c.get("given").and_then(Value::as_bool) != Some(false))
        .map(|(id, c)| {
            (
                id.to_owned(),
                text(c, "purpose"),
                text(c, "destination"),
                text(c, "date"),
                text(c, "withdrawn"),
            )
        })
        .collect();
    let withdraw = move |consent: String| {
        let args = WithdrawArgs {
            person: person.get_value(),
            consent,
            date: None,
        };
        run::<cmd::ConsentWithdraw>(args, error, move |_| reload.run(()));
    };
    view! {
        <section class="card" id="consents">
            <h2>{move || t("consents-title")}</h2>
            {list.is_empty().then(|| view! { <p class="muted">{move || t("consents-none")}</p> })}
            <ul class="list">
                {list.into_iter().map(|(id, purpose, destination, given, withdrawn)| {
                    let (id_open, id_ok, id_show) = (id.clone(), id.clone(), id);
                    let is_withdrawn = !withdrawn.is_empty();
                    let purpose_attr = purpose.clone();
                    view! {
                        <li class="plain consent" data-purpose=purpose_attr data-withdrawn=is_withdrawn.to_string()>
                            <span class="title">
                                {move || i18n::code_label("consent-purpose", &purpose)}
                                {(!destination.is_empty()).then(|| { let d = destination.clone(); view! { " · " {move || i18n::code_label("service-type", &d)} } })}
                            </span>
                            <span class="date">{move || ta("consent-given-on", &[("date", util::date(&given).into())])}</span>
                            {if is_withdrawn {
                                let withdrawn = withdrawn.clone();
                                view! { <span class="badge withdrawn">{move || ta("consent-withdrawn-on", &[("date", util::date(&withdrawn).into())])}</span> }.into_any()
                            } else {
                                view! {
                                    <Show when={let id = id_show.clone(); move || confirm.get().as_deref() == Some(id.as_str())} fallback={let id = id_open.clone(); move || { let id = id.clone(); view! {
                                        <button class="secondary consent-withdraw" on:click=move |_| confirm.set(Some(id.clone()))>{move || t("consent-withdraw")}</button>
                                    }}}>
                                        <p class="notice">{move || t("consent-withdraw-text")}</p>
                                        <div class="row buttons">
                                            <button class="secondary" on:click=move |_| confirm.set(None)>{move || t("cancel")}</button>
                                            <button class="danger consent-withdraw-confirm" on:click={let id = id_ok.clone(); move |_| withdraw(id.clone())}>{move || t("consent-withdraw-confirm")}</button>
                                        </div>
                                    </Show>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <CardError error=error />
        </section>
    }
}

/// A case timeline line as the page shows it: the label and the detail, in the UI
/// language; the goal's text and the referral's service looked up in the record.
pub fn line_text(line: &TimelineLine, record: &Value) -> (String, String) {
    let goal_text = |g: &str| {
        entries(record, "case_goals")
            .into_iter()
            .find(|(id, _)| *id == g)
            .map(|(_, e)| text(e, "text"))
            .unwrap_or_default()
    };
    match line.what.as_str() {
        "case" => {
            let kind = line.kind.clone().unwrap_or_default();
            let label = i18n::code_label("case-event", &kind);
            let mut detail = Vec::new();
            if let Some(op) = &line.operator {
                detail.push(op.clone());
            }
            if let Some(r) = &line.reason {
                detail.push(i18n::code_label("close-reason", r));
            }
            if let Some(g) = &line.goal {
                detail.push(goal_text(g));
            }
            (label, detail.join(" · "))
        }
        "referral" => {
            let dest = line
                .referral
                .as_deref()
                .and_then(|r| {
                    entries(record, "referrals")
                        .into_iter()
                        .find(|(id, _)| *id == r)
                })
                .map(|(_, e)| i18n::code_label("service-type", &text(e, "destination")))
                .unwrap_or_default();
            let outcome = i18n::code_label(
                "referral-outcome",
                line.outcome.as_deref().unwrap_or_default(),
            );
            (t("timeline-outcome"), format!("{dest} · {outcome}"))
        }
        "referral_made" => (
            t("timeline-referral"),
            line.destination
                .as_deref()
                .map(|d| i18n::code_label("service-type", d))
                .unwrap_or_default(),
        ),
        "first_contact" => (t("timeline-first-contact"), String::new()),
        "consent_withdrawn" => {
            let mut detail = Vec::new();
            if let Some(p) = &line.purpose {
                detail.push(i18n::code_label("consent-purpose", p));
            }
            if let Some(d) = &line.destination {
                detail.push(i18n::code_label("service-type", d));
            }
            (t("timeline-consent-withdrawn"), detail.join(" · "))
        }
        _ => (t("timeline-followup-done"), String::new()),
    }
}

/// The case timeline of a person, from the shell.
pub async fn load_timeline(person: String) -> Result<Vec<TimelineLine>, IpcError> {
    call::<cmd::Timeline>(&ponte_ipc::cmd::IdArgs { id: person }).await
}

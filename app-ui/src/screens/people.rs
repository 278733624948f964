//! The people list (search, filters) and one person's page: profile, risk, timeline of
//! encounters, referrals and follow-ups; referral only with a matching consent; erase
//! (supervisor).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::ListArgs;
use ponte_ipc::{Action, IpcError, Row, cmd};
use ponte_model::record::{codes, entries, has_referral_consent, str_at};
use ponte_model::screening::{RISK_LEVELS, RiskLevel, effective_risk};
use ponte_model::summary::Query;
use ponte_model::vocab;
use ponte_model::{Date, Kind};
use serde_json::Value;

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::case;
use crate::screens::widgets::RiskBadge;
use crate::util;
use ponte_ipc::case::TimelineLine;
use ponte_ipc::case::{Appointment, ConsentAddArgs, ReferralAddArgs};
use ponte_ipc::cmd::IdArgs;

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
    // A place of the team's list (its id), "" for all.
    let point = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let error = RwSignal::new(None::<IpcError>);
    let places = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        if let Ok(r) = crate::screens::places::places().await {
            places.set(r);
        }
    });
    Effect::new(move |_| {
        let query = Query {
            kind: Some(Kind::Person),
            text: Some(text.get()).filter(|s| !s.trim().is_empty()),
            status: Some(status.get()).filter(|s| !s.is_empty()),
            risk: RiskLevel::parse(&risk.get()),
            listening_point: None,
            place_id: None,
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
    // The place filter applies to the rows at hand (records name a place by its id).
    let shown = move || -> Vec<Row> {
        let p = point.get();
        rows.get()
            .into_iter()
            .filter(|r| p.is_empty() || r.summary.place_id.as_deref() == Some(p.as_str()))
            .collect()
    };
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
                    <crate::screens::places::PlacePicker id="filter-point" label="field-listening-point" value=point none="place-all" />
                </div>
            </section>
            <ErrorLine error=error />
            <p class="muted" id="people-count">{move || ta("people-count", &[("count", shown().len().into())])}</p>
            <ul class="list" id="people-list">
                {move || shown().into_iter().map(|r| {
                    let id = r.id.clone();
                    let s = r.summary;
                    let risk = s.risk.unwrap_or_default().as_str();
                    let status = s.status.clone().unwrap_or_default();
                    view! {
                        <li>
                            <button class="row-button person-row" on:click=move |_| ctx.go(Screen::Person(id.clone()))>
                                <span class="title">{s.title.clone()}</span>
                                {(s.stage.as_deref() == Some(ponte_model::summary::STAGE_CONTACT)).then(|| view! {
                                    <span class="badge contact-badge">{move || t("contact-badge")}</span>
                                })}
                                <RiskBadge level=risk />
                                <span class="muted">{move || i18n::code_label("person-status", &status)}</span>
                                <span class="muted">{
                                    let point = s.listening_point.clone().unwrap_or_default();
                                    let pid = s.place_id.clone();
                                    move || pid.as_deref().and_then(|pid| places.with(|p| p.iter().find(|r| r.id == pid).map(|r| r.summary.title.clone()))).unwrap_or_else(|| point.clone())
                                }</span>
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

/// How a quick contact agreed to be contacted again (the ways, and the phone number
/// when one of them is a call or a message), as facts of the person's page; nothing
/// when no way was said.
fn recontact_facts(v: &Value) -> Option<impl IntoView + use<>> {
    let ways: Vec<String> = codes(v, "first_contact.recontact_how")
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    if ways.is_empty() {
        return None;
    }
    let phone = ways
        .iter()
        .any(|w| w == "phone")
        .then(|| text(v, "phone"))
        .filter(|p| !p.is_empty());
    Some(view! {
        <dt>{move || t("field-recontact-how")}</dt>
        <dd id="person-recontact-how">{move || ways.iter().map(|c| i18n::code_label("recontact-way", c)).collect::<Vec<_>>().join(", ")}</dd>
        {phone.map(|phone| view! {
            <dt>{move || t("field-phone")}</dt>
            <dd id="person-phone"><bdi dir="ltr">{phone}</bdi></dd>
        })}
    })
}

/// The text at `path` of a record, or "".
fn text(v: &Value, path: &str) -> String {
    str_at(v, path).unwrap_or_default().to_owned()
}

/// The timeline, newest first: encounters and follow-ups due from the record, and the
/// case's steps with who did them (`case_lines`, from the shell: the referrals made
/// among them): one line is (date, class, label, text, who).
fn timeline(
    v: &Value,
    case_lines: &[TimelineLine],
    places: &[Row],
) -> Vec<(String, String, String, String, String)> {
    let mut out: Vec<(String, String, String, String, String)> = Vec::new();
    // The case's steps newest first, so that on one day the latest comes first.
    for line in case_lines.iter().rev() {
        let (label, mut what) = case::line_text(line, v);
        if let Some(note) = line.note.as_deref().filter(|n| !n.is_empty()) {
            what = if what.is_empty() {
                note.to_owned()
            } else {
                format!("{what} · {note}")
            };
        }
        // A referral made keeps the class its line always had.
        let class = match line.what.as_str() {
            "referral_made" => "timeline-referral".to_owned(),
            what => format!("timeline-{}", what.replace('_', "-")),
        };
        out.push((
            line.date.clone(),
            class,
            label,
            what,
            line.by.clone().unwrap_or_default(),
        ));
    }
    for (_, e) in entries(v, "encounters") {
        let place = str_at(e, "place_id")
            .and_then(|pid| places.iter().find(|p| p.id == pid))
            .map(|p| p.summary.title.as_str());
        let what = [place.or(str_at(e, "listening_point")), str_at(e, "note")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        out.push((
            text(e, "date"),
            "timeline-encounter".into(),
            t("timeline-encounter"),
            what,
            String::new(),
        ));
    }
    // Open follow-ups here; the ones done are case steps, with who did them.
    for (_, f) in entries(v, "followups") {
        if str_at(f, "done").is_none() {
            out.push((
                text(f, "due"),
                "timeline-followup-open".into(),
                t("timeline-followup-open"),
                text(f, "note"),
                String::new(),
            ));
        }
    }
    // Newest first (a stable sort: on one day, case steps newest first, then the
    // encounter).
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
    let case_lines = RwSignal::new(Vec::<TimelineLine>::new());
    let error = RwSignal::new(None::<IpcError>);
    let pid = StoredValue::new(id);
    let load = move || {
        spawn_local(async move {
            let got = call::<cmd::Get>(&IdArgs {
                id: pid.get_value(),
            })
            .await;
            // The timeline first, so that the page is drawn once with both.
            if let Ok(lines) = case::load_timeline(pid.get_value()).await {
                case_lines.set(lines);
            }
            match got {
                Ok(v) => record.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let reload = Callback::new(move |()| load());
    load();
    // An entry the core adds to the person (a referral, a consent), then the page
    // again.
    fn add<C: cmd::Command>(
        args: C::Args,
        error: RwSignal<Option<IpcError>>,
        load: impl Fn() + 'static,
    ) where
        C::Args: 'static,
    {
        spawn_local(async move {
            match call::<C>(&args).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    }
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
    let places = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        if let Ok(rows) = crate::screens::places::places().await {
            places.set(rows);
        }
    });
    let consent_lang = RwSignal::new(String::from("en"));
    // What the person agrees to share with the service, beyond the name and languages
    // every sheet carries (`vocab::SHARE_FIELDS`): asked, nothing ticked beforehand.
    let share = RwSignal::new(Vec::<&'static str>::new());
    // The appointment the service gave, and a note for it: all optional.
    let appt_date = RwSignal::new(String::new());
    let appt_time = RwSignal::new(String::new());
    let appt_ask = RwSignal::new(String::new());
    let appt_bring = RwSignal::new(String::new());
    let referral_note = RwSignal::new(String::new());
    let confirm_erase = RwSignal::new(false);
    let refer = move || {
        let dest = destination.get_untracked();
        if dest.is_empty() {
            return;
        }
        // The consent rule, the closed case and the status are the core's
        // (`case::referral_add`): the form sends what was typed.
        let typed = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let args = ReferralAddArgs {
            person: pid.get_value(),
            destination: dest,
            service: typed(service),
            appointment: Appointment {
                date: typed(appt_date),
                time: typed(appt_time),
                ask_for: typed(appt_ask),
                bring: typed(appt_bring),
            },
            note: typed(referral_note),
        };
        for field in [appt_date, appt_time, appt_ask, appt_bring, referral_note] {
            field.set(String::new());
        }
        add::<cmd::ReferralAdd>(args, error, load);
    };
    let record_consent = move || {
        let dest = destination.get_untracked();
        if dest.is_empty() {
            return;
        }
        let chosen = share.get_untracked();
        share.set(Vec::new());
        add::<cmd::ConsentAdd>(
            ConsentAddArgs {
                person: pid.get_value(),
                purpose: "referral".into(),
                destination: Some(dest),
                language: consent_lang.get_untracked(),
                share: chosen.iter().map(|f| (*f).to_owned()).collect(),
            },
            error,
            load,
        );
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
    let to_intake = move || {
        spawn_local(async move {
            match call::<cmd::ContactToIntake>(&IdArgs {
                id: pid.get_value(),
            })
            .await
            {
                Ok(()) => ctx.go(Screen::Intake(Some(pid.get_value()))),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let may = crate::screens::team::may;
    view! {
        <div id="person" class="stack">
            <ErrorLine error=error />
            // Drawn again when the record changes, not when the language does (the
            // labels follow it by themselves): a form left open stays open.
            {move || record.get().map(|v| untrack(|| {
                let (risk, derived) = effective_risk(&v);
                let alias = text(&v, "alias");
                let lines_v = v.clone();
                let lines = move || timeline(&lines_v, &case_lines.get_untracked(), &places.get());
                // A quick contact not yet an interview: "start the interview" instead.
                let is_contact = v.get("first_contact").is_some() && str_at(&v, "intake_started").is_none();
                let contact_date = text(&v, "first_contact.date");
                let (case_v, followups_v, referrals_v, consents_v) = (v.clone(), v.clone(), v.clone(), v.clone());
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
                            <span class="muted">{let s = text(&v, "status.code"); move || i18n::code_label("person-status", &s)}</span>
                        </p>
                        <dl class="facts">
                            <dt>{move || t("field-nationality")}</dt>
                            <dd>{let c = text(&v, "nationality"); move || i18n::code_label("country", &c)}</dd>
                            <dt>{move || t("field-sector")}</dt>
                            <dd>{let c = text(&v, "sector"); move || i18n::code_label("sector", &c)}</dd>
                            <dt>{move || t("field-listening-point")}</dt>
                            <dd>{let point = text(&v, "listening_point"); let pid = text(&v, "place_id"); move || {
                                places.with(|p| p.iter().find(|r| !pid.is_empty() && r.id == pid).map(|r| r.summary.title.clone())).unwrap_or_else(|| point.clone())
                            }}</dd>
                            <dt>{move || t("field-needs")}</dt>
                            <dd>{let needs: Vec<String> = codes(&v, "needs").iter().map(|c| (*c).to_owned()).collect(); move || needs.iter().map(|c| i18n::code_label("need", c)).collect::<Vec<_>>().join(", ")}</dd>
                            {recontact_facts(&v)}
                        </dl>
                        {if is_contact {
                            view! {
                                <p class="muted" id="quick-contact-note">{move || ta("contact-quick-on", &[("date", util::date(&contact_date).into())])}</p>
                                <button id="contact-to-intake" class="primary" on:click=move |_| to_intake()>
                                    {move || t("contact-to-intake")}
                                </button>
                            }.into_any()
                        } else {
                            view! {
                                <button id="resume-intake" class="secondary" on:click=move |_| ctx.go(Screen::Intake(Some(pid.get_value())))>
                                    {move || t("intake-resume")}
                                </button>
                            }.into_any()
                        }}
                    </section>
                    <crate::screens::conflicts::ConflictsCard person=pid reload=reload />
                    <case::CaseCard person=pid record=case_v reload=reload />
                    <case::Followups person=pid record=followups_v reload=reload />
                    <case::Referrals person=pid record=referrals_v services=services reload=reload />
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
                                    <fieldset class="appointment">
                                        <legend>{move || t("referral-appointment")}</legend>
                                        <div class="field">
                                            <label for="appointment-date">{move || t("referral-appointment-date")}</label>
                                            <crate::screens::widgets::DateInput id="appointment-date" value=appt_date on_pick=Callback::new(move |d| appt_date.set(d)) />
                                        </div>
                                        <div class="field">
                                            <label for="appointment-time">{move || t("referral-appointment-time")}</label>
                                            <input id="appointment-time" type="time" dir="ltr" prop:value=move || appt_time.get() on:input=move |ev| appt_time.set(event_target_value(&ev)) />
                                        </div>
                                        <div class="field">
                                            <label for="appointment-ask-for">{move || t("referral-appointment-ask-for")}</label>
                                            <input id="appointment-ask-for" prop:value=move || appt_ask.get() on:input=move |ev| appt_ask.set(event_target_value(&ev)) />
                                        </div>
                                        <div class="field">
                                            <label for="appointment-bring">{move || t("referral-appointment-bring")}</label>
                                            <input id="appointment-bring" prop:value=move || appt_bring.get() on:input=move |ev| appt_bring.set(event_target_value(&ev)) />
                                        </div>
                                    </fieldset>
                                    <div class="field">
                                        <label for="referral-note">{move || t("referral-note")}</label>
                                        <input id="referral-note" prop:value=move || referral_note.get() on:input=move |ev| referral_note.set(event_target_value(&ev)) />
                                    </div>
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
                                    <fieldset class="choices" id="share-fields">
                                        <legend>{move || t("referral-share")}</legend>
                                        {vocab::SHARE_FIELDS.iter().filter(|f| !matches!(**f, "alias" | "languages")).map(|f| {
                                            let field: &'static str = f;
                                            let on = move || share.with(|s| s.contains(&field));
                                            view! {
                                                <button id=format!("share-{field}") class="choice" class:selected=on aria-pressed=move || if on() { "true" } else { "false" }
                                                    on:click=move |_| share.update(|s| if let Some(at) = s.iter().position(|x| *x == field) { s.remove(at); } else { s.push(field); })>
                                                    {move || i18n::tw(&i18n::locale().get(), &format!("share-field-{field}"))}
                                                </button>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <button id="record-consent" class="secondary" on:click=move |_| record_consent()>{move || t("referral-consent-given")}</button>
                                }.into_any()
                            }
                        }}
                    </section>
                    <case::Consents person=pid record=consents_v reload=reload />
                    <section class="card">
                        <h2>{move || t("timeline")}</h2>
                        <ol class="timeline" id="timeline">
                            {move || lines().into_iter().map(|(date, class, label, text, who)| view! {
                                <li class=class>
                                    <span class="date">{move || util::date(&date)}</span> " " <strong>{label}</strong> " " <span>{text}</span>
                                    {(!who.is_empty()).then(|| view! { " " <span class="muted by">{move || ta("timeline-by", &[("name", who.clone().into())])}</span> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    </section>
                    // Need-to-know: a team's supervisor restricts who reads the record.
                    <Show when=move || may(Action::ManageTeam) && ctx.status.with(|s| s.team.is_some())>
                        <crate::screens::restrict::RestrictCard person=pid />
                    </Show>
                    <Show when=move || may(Action::ReviewAudit) && ctx.status.with(|s| s.team.is_some())>
                        <crate::screens::audit::RecordAudit person=pid />
                    </Show>
                    <Show when=move || may(Action::Erase)>
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
            }))}
        </div>
    }
}

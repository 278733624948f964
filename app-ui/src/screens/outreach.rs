//! Outreach at the pick-up point: a session started in two taps (the place from the
//! team's list), then counted as people come by with big +1 / -1 buttons (women, men,
//! sex not stated, of whom minors; the main nationalities seen; materials handed out),
//! never named; the team members present picked from the team; group sessions held
//! (topic, attendance, who asked for an individual follow-up, as a quick contact).
//! Every tap is one command the core applies (`outreach_tally`), so two operators
//! counting on two phones add up after sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{self, CreateArgs, IdArgs, ListArgs, NoArgs};
use ponte_ipc::contact::QuickContactArgs;
use ponte_ipc::outreach::{
    Counter, GroupAddArgs, GroupFollowUpArgs, MembersArgs, OutreachCounts, TallyArgs, Tap,
    TeamMember,
};
use ponte_ipc::{IpcError, Row};
use ponte_model::Kind;
use ponte_model::record::{entries, str_at};
use ponte_model::summary::Query;
use ponte_model::vocab;
use serde_json::{Value, json};

use crate::app::ErrorLine;
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::intake::COMMON_COUNTRIES;
use crate::screens::places::PlacePicker;
use crate::screens::widgets::{CodeSelect, DateInput, Recontact, RecontactChoice};
use crate::util;

#[component]
pub fn Outreach() -> impl IntoView {
    // The session being counted.
    let current = RwSignal::new(None::<String>);
    view! {
        <div id="outreach" class="stack">
            {move || match current.get() {
                None => view! { <StartSession current=current /> }.into_any(),
                Some(id) => view! { <Tally id=id current=current /> }.into_any(),
            }}
        </div>
    }
}

/// A new session (date, type, place), and the recent ones to go on counting.
#[component]
fn StartSession(current: RwSignal<Option<String>>) -> impl IntoView {
    let date = RwSignal::new(util::today());
    let outreach_type = RwSignal::new(String::from("street"));
    // Today's listening point, when it is a place of the list.
    let place = RwSignal::new(
        crate::app::ctx()
            .status
            .get_untracked()
            .listening_point
            .filter(|p| crate::util::is_record_id(p))
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<IpcError>);
    let sessions = RwSignal::new(Vec::<Row>::new());
    let places = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        let query = Query {
            kind: Some(Kind::Outreach),
            ..Query::default()
        };
        if let Ok(mut rows) = call::<cmd::List>(&ListArgs { query }).await {
            rows.sort_by(|a, b| b.summary.date.cmp(&a.summary.date));
            rows.truncate(10);
            sessions.set(rows);
        }
        if let Ok(rows) = crate::screens::places::places().await {
            places.set(rows);
        }
    });
    let start = move || {
        let mut fields = json!({
            "date": date.get_untracked(),
            "outreach_type": outreach_type.get_untracked(),
            "people_met": {"total": 0},
        });
        let p = place.get_untracked();
        if !p.is_empty() {
            fields["place_id"] = json!(p);
        }
        spawn_local(async move {
            match call::<cmd::Create>(&CreateArgs {
                kind: Kind::Outreach,
                fields,
            })
            .await
            {
                Ok(id) => current.set(Some(id)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card">
            <h1>{move || t("outreach-title")}</h1>
            <div class="field">
                <label for="outreach-date">{move || t("field-date")}</label>
                <DateInput id="outreach-date" value=date on_pick=Callback::new(move |d| date.set(d)) />
            </div>
            <CodeSelect id="outreach-type" label="field-outreach-type" list="outreach-type" codes=vocab::OUTREACH_TYPES value=outreach_type.into() on_pick=Callback::new(move |v| outreach_type.set(v)) />
            <PlacePicker id="outreach-place" label="field-place" value=place />
            <ErrorLine error=error />
            <button id="start-outreach" class="primary" on:click=move |_| start()>{move || t("outreach-start")}</button>
        </section>
        <section class="card">
            <h2>{move || t("outreach-recent")}</h2>
            <ul class="list" id="outreach-list">
                {move || sessions.get().into_iter().map(|r| {
                    let day = r.summary.date.clone().unwrap_or_default();
                    // The place's name from the list; an old session's typed place as it was.
                    let place = r.summary.place_id.as_deref()
                        .and_then(|pid| places.with(|p| p.iter().find(|x| x.id == pid).map(|x| x.summary.title.clone())))
                        .unwrap_or_else(|| r.summary.title.strip_prefix(day.as_str()).unwrap_or(&r.summary.title).trim().to_owned());
                    let id = r.id.clone();
                    view! {
                        <li>
                            <button class="row-button outreach-row" on:click=move |_| current.set(Some(id.clone()))>
                                <span class="date">{move || util::date(&day)}</span>
                                <span class="title">{place}</span>
                                <span class="muted">{move || t("outreach-continue")}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One counter: its label, the count, and big -1 / +1 buttons.
fn counter_row(
    key: String,
    label: Signal<String>,
    count: Signal<u32>,
    tap: impl Fn(i64) + Copy + 'static,
) -> impl IntoView {
    view! {
        <div class="tally-row" data-counter=key>
            <button class="tally-minus" dir="ltr" aria-label=move || format!("{} −1", label.get()) on:click=move |_| tap(-1)>"−1"</button>
            <span class="tally-label">{move || label.get()}</span>
            <span class="tally-count" aria-live="polite">{move || count.get()}</span>
            <button class="tally-plus primary" dir="ltr" aria-label=move || format!("{} +1", label.get()) on:click=move |_| tap(1)>"+1"</button>
        </div>
    }
}

/// A counter of people by sex (or of minors): its label, what a tap counts, its count.
type SexRow = (&'static str, Counter, fn(&OutreachCounts) -> u32);

/// Counting one session.
#[component]
fn Tally(id: String, current: RwSignal<Option<String>>) -> impl IntoView {
    let sid = StoredValue::new(id);
    let counts = RwSignal::new(OutreachCounts::default());
    let record = RwSignal::new(Value::Null);
    let members = RwSignal::new(Vec::<TeamMember>::new());
    let error = RwSignal::new(None::<IpcError>);
    let load = move || {
        spawn_local(async move {
            let args = IdArgs {
                id: sid.get_value(),
            };
            match call::<cmd::OutreachCounts>(&args).await {
                Ok(c) => counts.set(c),
                Err(e) => error.set(Some(e)),
            }
            if let Ok(v) = call::<cmd::Get>(&args).await {
                record.set(v);
            }
        });
    };
    load();
    // The team from the roster kept on this device (offline); outside a team none.
    spawn_local(async move {
        if let Ok(m) = call::<cmd::TeamMembers>(&NoArgs {}).await {
            members.set(m);
        }
    });
    let tap = move |what: Counter, delta: i64| {
        let args = TallyArgs {
            id: sid.get_value(),
            taps: vec![Tap { what, delta }],
        };
        spawn_local(async move {
            match call::<cmd::OutreachTally>(&args).await {
                Ok(c) => {
                    error.set(None);
                    counts.set(c);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let present = move || -> Vec<String> {
        record.with(|r| {
            r.get("members")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let toggle_member = move |device: String| {
        let mut now = present();
        if let Some(p) = now.iter().position(|d| *d == device) {
            now.remove(p);
        } else {
            now.push(device);
        }
        let args = MembersArgs {
            id: sid.get_value(),
            devices: now,
        };
        spawn_local(async move {
            match call::<cmd::OutreachMembers>(&args).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let sex_rows: [SexRow; 4] = [
        ("tally-women", Counter::Women, |c| c.women),
        ("tally-men", Counter::Men, |c| c.men),
        ("tally-not-stated", Counter::NotStated, |c| c.not_stated),
        ("tally-minors", Counter::Minors, |c| c.minors),
    ];
    let nationality = RwSignal::new(String::new());
    let place_name = RwSignal::new(String::new());
    Effect::new(move |_| {
        let pid = record.with(|r| str_at(r, "place_id").map(str::to_owned));
        if let Some(pid) = pid {
            spawn_local(async move {
                if let Ok(rows) = crate::screens::places::places().await
                    && let Some(p) = rows.into_iter().find(|p| p.id == pid)
                {
                    place_name.set(p.summary.title);
                }
            });
        }
    });
    view! {
        <section class="card" id="tally">
            <h1>{move || t("outreach-counting")}</h1>
            <p class="muted">
                <span class="date">{move || util::date(&record.with(|r| str_at(r, "date").unwrap_or_default().to_owned()))}</span>
                " " <span id="tally-place">{move || place_name.get()}</span>
            </p>
            <p class="tally-total" id="tally-total">{move || ta("outreach-total", &[("count", i64::from(counts.get().total).into())])}</p>
            {sex_rows.into_iter().map(|(label, what, get)| {
                let what = StoredValue::new(what);
                counter_row(
                    label.to_owned(),
                    Signal::derive(move || t(label)),
                    Signal::derive(move || get(&counts.get())),
                    move |d| tap(what.get_value(), d),
                )
            }).collect_view()}
            <CardError error=error />
        </section>
        <section class="card" id="tally-nationalities">
            <h2>{move || t("outreach-nationalities")}</h2>
            {move || counts.get().nationalities.into_keys().map(|code| {
                let c = code.clone();
                let key = code.clone();
                counter_row(
                    format!("nationality-{code}"),
                    Signal::derive(move || i18n::code_label("country", &c)),
                    Signal::derive(move || counts.get().nationalities.get(&key).copied().unwrap_or(0)),
                    {
                        let code = StoredValue::new(code);
                        move |d| tap(Counter::Nationality(code.get_value()), d)
                    },
                )
            }).collect_view()}
            <label for="tally-nationality">{move || t("outreach-nationality-add")}</label>
            <div class="row">
                <select id="tally-nationality" on:change=move |ev| nationality.set(event_target_value(&ev))>
                    <option value="">{move || t("choose")}</option>
                    {COMMON_COUNTRIES.iter().map(|c| {
                        let c: &'static str = c;
                        view! { <option value=c>{move || i18n::code_label("country", c)}</option> }
                    }).collect_view()}
                </select>
                <button id="tally-nationality-add" class="primary" on:click=move |_| {
                    let c = nationality.get_untracked();
                    if !c.is_empty() {
                        tap(Counter::Nationality(c), 1);
                    }
                }>"+1"</button>
            </div>
        </section>
        <section class="card" id="tally-materials">
            <h2>{move || t("field-materials")}</h2>
            {vocab::MATERIALS.iter().map(|m| {
                let m: &'static str = m;
                counter_row(
                    format!("material-{m}"),
                    Signal::derive(move || i18n::code_label("material", m)),
                    Signal::derive(move || counts.get().materials.get(m).copied().unwrap_or(0)),
                    move |d| tap(Counter::Material(m.to_owned()), d),
                )
            }).collect_view()}
        </section>
        <Show when=move || !members.get().is_empty()>
            <section class="card" id="tally-members">
                <h2>{move || t("outreach-members")}</h2>
                <div class="chips">
                    {move || members.get().into_iter().map(|m| {
                        let device = m.device.clone();
                        let d2 = m.device.clone();
                        let on = move || present().contains(&d2);
                        view! {
                            <button class="chip member-chip" class:selected=on.clone() aria-pressed=move || if on() { "true" } else { "false" }
                                on:click=move |_| toggle_member(device.clone())>
                                {m.name.clone()}
                            </button>
                        }
                    }).collect_view()}
                </div>
            </section>
        </Show>
        <Groups sid=sid record=record reload=Callback::new(move |()| load()) />
        <button id="outreach-done" class="primary wide" on:click=move |_| current.set(None)>{move || t("outreach-done")}</button>
    }
}

use crate::screens::case::CardError;

/// The group sessions held during the session, and a new one.
#[component]
fn Groups(
    sid: StoredValue<String>,
    record: RwSignal<Value>,
    reload: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let topic = RwSignal::new(String::new());
    let attendance = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let add = move || {
        let Ok(n) = attendance.get_untracked().trim().parse::<u32>() else {
            error.set(Some(IpcError::code("outreach-bad-group")));
            return;
        };
        let args = GroupAddArgs {
            id: sid.get_value(),
            topic: topic.get_untracked(),
            attendance: n,
            women: None,
            men: None,
            minors: None,
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        spawn_local(async move {
            match call::<cmd::OutreachGroupAdd>(&args).await {
                Ok(_) => {
                    error.set(None);
                    attendance.set(String::new());
                    note.set(String::new());
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // Who asked for an individual follow-up: a quick contact, linked to the group.
    let asking = RwSignal::new(None::<String>);
    let alias = RwSignal::new(String::new());
    // Asked, never assumed: the person says whether the team may contact them again.
    let recontact = Recontact::new();
    let follow_up = move |group: String| {
        let place = record.with_untracked(|r| str_at(r, "place_id").map(str::to_owned));
        let contact = QuickContactArgs {
            alias: alias.get_untracked().trim().to_owned(),
            place_id: place,
            recontact: recontact.answer.get_untracked(),
            recontact_how: recontact.ways_to_send(),
            phone: recontact.phone_to_send(),
            ..QuickContactArgs::default()
        };
        spawn_local(async move {
            let person = match call::<cmd::QuickContact>(&contact).await {
                Ok(p) => p,
                Err(e) => return error.set(Some(e)),
            };
            let link = GroupFollowUpArgs {
                id: sid.get_value(),
                group,
                person,
            };
            match call::<cmd::OutreachGroupFollowUp>(&link).await {
                Ok(()) => {
                    error.set(None);
                    alias.set(String::new());
                    recontact.clear();
                    asking.set(None);
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" id="groups">
            <h2>{move || t("group-title")}</h2>
            <ul class="list" id="group-list">
                {move || record.with(|r| entries(r, "groups").into_iter().map(|(gid, g)| {
                    let topic = str_at(g, "topic").unwrap_or_default().to_owned();
                    let n = g.get("attendance").and_then(Value::as_i64).unwrap_or(0);
                    let asked = g.get("follow_up").and_then(Value::as_array).map_or(0, Vec::len);
                    let gid = gid.to_owned();
                    let g2 = gid.clone();
                    let g3 = gid.clone();
                    view! {
                        <li class="plain group-row">
                            <span class="title">{move || i18n::code_label("group-topic", &topic)}</span>
                            <span class="muted">{move || ta("group-attendance-n", &[("count", n.into())])}</span>
                            <span class="muted">{move || ta("group-follow-up-n", &[("count", asked.into())])}</span>
                            <Show when=move || asking.get().as_deref() == Some(g2.as_str()) fallback={
                                let gid = gid.clone();
                                move || { let gid = gid.clone(); view! {
                                    <button class="secondary group-ask" on:click=move |_| asking.set(Some(gid.clone()))>{move || t("group-follow-up")}</button>
                                }}
                            }>
                                <div class="inline-form">
                                    <label for="group-alias">{move || t("contact-alias")}</label>
                                    <input id="group-alias" prop:value=move || alias.get() on:input=move |ev| alias.set(event_target_value(&ev)) />
                                    <RecontactChoice id="group" value=recontact />
                                    <div class="row buttons">
                                        <button class="secondary" on:click=move |_| asking.set(None)>{move || t("cancel")}</button>
                                        <button id="group-follow-up-save" class="primary" disabled=move || alias.get().trim().is_empty() || !recontact.answered() on:click={let g = g3.clone(); move |_| follow_up(g.clone())}>{move || t("save")}</button>
                                    </div>
                                </div>
                            </Show>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <CodeSelect id="group-topic" label="group-topic" list="group-topic" codes=vocab::GROUP_TOPICS value=topic.into() on_pick=Callback::new(move |v| topic.set(v)) />
            <div class="field">
                <label for="group-attendance">{move || t("group-attendance")}</label>
                <input id="group-attendance" type="number" inputmode="numeric" min="0" prop:value=move || attendance.get() on:input=move |ev| attendance.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="group-note">{move || t("field-notes")}</label>
                <input id="group-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </div>
            <button id="group-add" class="secondary" disabled=move || topic.get().is_empty() on:click=move |_| add()>{move || t("group-add")}</button>
            <CardError error=error />
        </section>
    }
}

//! Need-to-know on a person's page (supervisor): who reads the record (the whole
//! team, or the members named), restricted to members picked from the team (never
//! typed ids), the list changed, or the restriction lifted; each change asked first.
//!
//! The rules are the core's (`ponte_device::restrict`): this device and every
//! supervisor always read the record; a device not in the roster is refused.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{IdArgs, NoArgs};
use ponte_ipc::outreach::TeamMember;
use ponte_ipc::restrict::{Access, RestrictArgs};
use ponte_ipc::{IpcError, cmd};

use crate::i18n::{t, ta};
use crate::ipc::call;
use crate::screens::case::CardError;

/// What the card shows: the readers, the members being picked, or a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Shown,
    Pick,
    Confirm,
    Lift,
}

/// A member's name, or the start of its id when the roster does not name it.
fn member_name(m: &TeamMember) -> String {
    if m.name.is_empty() {
        m.device.chars().take(8).collect()
    } else {
        m.name.clone()
    }
}

#[component]
pub fn RestrictCard(person: StoredValue<String>) -> impl IntoView {
    let access = RwSignal::new(None::<Access>);
    let members = RwSignal::new(Vec::<TeamMember>::new());
    let picked = RwSignal::new(Vec::<String>::new());
    let step = RwSignal::new(Step::Shown);
    let done = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<IpcError>);
    spawn_local(async move {
        let got = call::<cmd::Readers>(&IdArgs {
            id: person.get_value(),
        })
        .await;
        if let Ok(m) = call::<cmd::TeamMembers>(&NoArgs {}).await {
            members.set(m);
        }
        match got {
            Ok(a) => access.set(Some(a)),
            Err(e) => error.set(Some(e)),
        }
    });
    // This device always reads it: picked from the start, and not to be unpicked.
    let me = move || {
        members.with(|m| {
            m.iter()
                .find(|m| m.this_device)
                .map(|m| m.device.clone())
                .unwrap_or_default()
        })
    };
    let open_pick = move || {
        done.set(None);
        error.set(None);
        let mut now: Vec<String> = access.with_untracked(|a| {
            a.as_ref()
                .map(|a| a.readers.iter().map(|r| r.device.clone()).collect())
                .unwrap_or_default()
        });
        let mine = me();
        if !mine.is_empty() && !now.contains(&mine) {
            now.push(mine);
        }
        picked.set(now);
        step.set(Step::Pick);
    };
    let toggle = move |device: String| {
        if device == me() {
            return;
        }
        picked.update(|p| {
            if let Some(i) = p.iter().position(|d| *d == device) {
                p.remove(i);
            } else {
                p.push(device);
            }
        });
    };
    let names_picked = move || {
        let picked = picked.get();
        members.with(|m| {
            m.iter()
                .filter(|m| picked.contains(&m.device))
                .map(member_name)
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let apply = move |devices: Option<Vec<String>>, message: &'static str| {
        busy.set(true);
        error.set(None);
        let args = RestrictArgs {
            id: person.get_value(),
            devices,
        };
        spawn_local(async move {
            match call::<cmd::Restrict>(&args).await {
                Ok(a) => {
                    access.set(Some(a));
                    step.set(Step::Shown);
                    done.set(Some(message));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let restricted = move || access.with(|a| a.as_ref().is_some_and(|a| a.restricted));
    view! {
        <section class="card" id="restrict" aria-busy=move || if access.with(Option::is_none) && error.with(Option::is_none) { "true" } else { "false" }>
            <h2>{move || t("restrict-title")}</h2>
            {move || access.get().map(|a| if a.restricted {
                view! {
                    <p class="notice" id="access-restricted">{move || t("restrict-only")}</p>
                    <ul class="list" id="readers">
                        {a.readers.iter().map(|r| {
                            let name = member_name(r);
                            let me = r.this_device;
                            view! {
                                <li class="plain reader-row">
                                    <span class="title">{name}</span>
                                    {me.then(|| view! { " " <span class="badge">{move || t("this-device")}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            } else {
                view! { <p id="access-open">{move || t("restrict-open-now")}</p> }.into_any()
            })}
            {move || match step.get() {
                Step::Shown => view! {
                    <div class="row buttons">
                        <Show when=restricted fallback=move || view! {
                            <button id="restrict-open" class="secondary" on:click=move |_| open_pick()>{move || t("restrict-start")}</button>
                        }>
                            <button id="restrict-change" class="secondary" on:click=move |_| open_pick()>{move || t("restrict-change")}</button>
                            <button id="restrict-lift" class="secondary" on:click=move |_| { done.set(None); step.set(Step::Lift); }>{move || t("restrict-lift")}</button>
                        </Show>
                    </div>
                }.into_any(),
                Step::Pick => view! {
                    <div class="inline-form" id="restrict-form">
                        <p class="hint" id="restrict-pick-label">{move || t("restrict-pick")}</p>
                        <div class="chips" id="restrict-members" role="group" aria-labelledby="restrict-pick-label">
                            {move || members.get().into_iter().map(|m| {
                                let device = m.device.clone();
                                let d2 = m.device.clone();
                                let on = move || picked.with(|p| p.contains(&d2));
                                let on2 = on.clone();
                                let mine = m.this_device;
                                view! {
                                    <button class="chip member-chip" class:selected=on aria-pressed=move || if on2() { "true" } else { "false" }
                                        aria-disabled=if mine { "true" } else { "false" }
                                        on:click=move |_| toggle(device.clone())>
                                        {member_name(&m)}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                        <p class="hint">{move || t("restrict-always")}</p>
                        <div class="row buttons">
                            <button class="secondary" on:click=move |_| step.set(Step::Shown)>{move || t("cancel")}</button>
                            <button id="restrict-next" class="primary" disabled=move || picked.with(Vec::is_empty) on:click=move |_| step.set(Step::Confirm)>
                                {move || t("restrict-next")}
                            </button>
                        </div>
                    </div>
                }.into_any(),
                Step::Confirm => view! {
                    <div class="inline-form">
                        <p class="notice" id="restrict-ask">{move || ta("restrict-ask", &[("names", names_picked().into())])}</p>
                        <div class="row buttons">
                            <button class="secondary" on:click=move |_| step.set(Step::Pick)>{move || t("back")}</button>
                            <button id="restrict-confirm" class="danger" disabled=move || busy.get()
                                on:click=move |_| apply(Some(picked.get_untracked()), "restrict-done")>
                                {move || t("restrict-confirm")}
                            </button>
                        </div>
                    </div>
                }.into_any(),
                Step::Lift => view! {
                    <div class="inline-form">
                        <p class="notice" id="lift-ask">{move || t("restrict-lift-ask")}</p>
                        <div class="row buttons">
                            <button class="secondary" on:click=move |_| step.set(Step::Shown)>{move || t("cancel")}</button>
                            <button id="lift-confirm" class="primary" disabled=move || busy.get()
                                on:click=move |_| apply(None, "restrict-lifted")>
                                {move || t("restrict-lift-confirm")}
                            </button>
                        </div>
                    </div>
                }.into_any(),
            }}
            {move || done.get().map(|id| view! { <p class="ok" id="restrict-done" role="status">{move || t(id)}</p> })}
            <CardError error=error />
        </section>
    }
}

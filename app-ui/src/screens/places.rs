//! The team's places (listening points, pick-up points, farms, ...): a list every
//! device of the team keeps up (synced like the services), so that records name a
//! place of the list instead of typing it, and reports do not split on typos. Places
//! are added, and retired or put back in use; a retired place stays on the records
//! that name it but is no longer offered. [`PlacePicker`] is the field other screens
//! pick a place with.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{self, CreateArgs, ListArgs};
use ponte_ipc::contact::PlaceRetireArgs;
use ponte_ipc::{IpcError, Row};
use ponte_model::summary::Query;
use ponte_model::{Kind, vocab};
use serde_json::json;

use crate::app::ErrorLine;
use crate::i18n::{self, t};
use crate::ipc::call;
use crate::screens::widgets::CodeSelect;

/// The team's places, by name (retired ones too: a record may still name one).
pub async fn places() -> Result<Vec<Row>, IpcError> {
    let query = Query {
        kind: Some(Kind::Place),
        ..Query::default()
    };
    let mut rows = call::<cmd::List>(&ListArgs { query }).await?;
    rows.sort_by(|a, b| {
        a.summary
            .title
            .to_lowercase()
            .cmp(&b.summary.title.to_lowercase())
    });
    Ok(rows)
}

/// A place of the team's list, picked by name (`value`: its record id, "" for none);
/// retired places are not offered, unless it is the one already chosen. The places are
/// grouped by type, so an option is a name alone and fits a phone's width. `none` is
/// the label of the empty choice (default `place-none`; a filter says "all places").
#[component]
pub fn PlacePicker(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] none: Option<String>,
) -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    spawn_local(async move {
        if let Ok(r) = places().await {
            rows.set(r);
        }
    });
    let for_id = id.clone();
    let none = none.unwrap_or_else(|| "place-none".to_owned());
    view! {
        <div class="field">
            <label for=for_id>{move || t(&label)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                <option value="" selected=move || value.get().is_empty()>{move || t(&none)}</option>
                {move || {
                    let chosen = value.get_untracked();
                    let offered: Vec<Row> = rows.get().into_iter()
                        .filter(|r| !r.summary.retired || r.id == chosen)
                        .collect();
                    let mut kinds: Vec<String> = offered.iter()
                        .map(|r| r.summary.place_type.clone().unwrap_or_default())
                        .collect();
                    kinds.sort_by_key(|k| vocab::PLACE_TYPES.iter().position(|c| c == k).unwrap_or(usize::MAX));
                    kinds.dedup();
                    kinds.into_iter().map(|kind| {
                        let group: Vec<Row> = offered.iter()
                            .filter(|r| r.summary.place_type.clone().unwrap_or_default() == kind)
                            .cloned()
                            .collect();
                        view! {
                            <optgroup label=move || i18n::code_label("place-type", &kind)>
                                {group.into_iter().map(|r| {
                                    let pid = r.id.clone();
                                    view! {
                                        <option value=r.id.clone() selected=move || value.get() == pid>
                                            {r.summary.title.clone()}
                                        </option>
                                    }
                                }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view()
                }}
            </select>
        </div>
    }
}

#[component]
pub fn Places() -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    let error = RwSignal::new(None::<IpcError>);
    let name = RwSignal::new(String::new());
    let place_type = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let load = move || {
        spawn_local(async move {
            match places().await {
                Ok(r) => rows.set(r),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let add = move || {
        let mut fields =
            json!({"name": name.get_untracked().trim(), "type": place_type.get_untracked()});
        let m = municipality.get_untracked();
        if !m.trim().is_empty() {
            fields["municipality"] = json!(m.trim());
        }
        spawn_local(async move {
            match call::<cmd::Create>(&CreateArgs {
                kind: Kind::Place,
                fields,
            })
            .await
            {
                Ok(_) => {
                    error.set(None);
                    name.set(String::new());
                    municipality.set(String::new());
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let retire = move |id: String, retired: bool| {
        spawn_local(async move {
            match call::<cmd::PlaceRetire>(&PlaceRetireArgs { id, retired }).await {
                Ok(()) => load(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div id="places" class="stack">
            <section class="card">
                <h1>{move || t("places-title")}</h1>
                <p class="muted">{move || t("places-text")}</p>
                <div class="field">
                    <label for="place-name">{move || t("field-name")}</label>
                    <input id="place-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <CodeSelect id="new-place-type" label="field-place-type" list="place-type" codes=vocab::PLACE_TYPES value=place_type.into() on_pick=Callback::new(move |v| place_type.set(v)) />
                <div class="field">
                    <label for="place-municipality">{move || t("place-municipality")}</label>
                    <input id="place-municipality" prop:value=move || municipality.get() on:input=move |ev| municipality.set(event_target_value(&ev)) />
                </div>
                <button id="add-place" class="primary" on:click=move |_| add()>{move || t("place-add")}</button>
                <ErrorLine error=error />
            </section>
            <section class="card">
                <h2>{move || t("places-list")}</h2>
                <ul class="list" id="place-list">
                    {move || rows.get().into_iter().map(|r| {
                        let retired = r.summary.retired;
                        let kind = r.summary.place_type.clone().unwrap_or_default();
                        let id = r.id.clone();
                        view! {
                            <li class="plain place-row" data-retired=retired.to_string()>
                                <span class="title">{r.summary.title.clone()}</span>
                                <span class="muted">{move || i18n::code_label("place-type", &kind)}</span>
                                {retired.then(|| view! { <span class="badge withdrawn">{move || t("place-retired")}</span> })}
                                <button class="secondary place-retire" on:click=move |_| retire(id.clone(), !retired)>
                                    {move || if retired { t("place-restore") } else { t("place-retire") }}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

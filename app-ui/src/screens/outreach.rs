//! Log an outreach session: place, team, people met (counted, never named), languages,
//! materials.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::ListArgs;
use ponte_ipc::{IpcError, Row, cmd};
use ponte_model::Kind;
use ponte_model::summary::Query;
use ponte_model::vocab;
use serde_json::{Value, json};

use crate::app::{ErrorLine, ctx};
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::intake::COMMON_LANGUAGES;
use crate::screens::widgets::{CodeSelect, DateInput};
use crate::util;
use ponte_ipc::cmd::CreateArgs;

fn count(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok()
}

#[component]
pub fn Outreach() -> impl IntoView {
    let ctx = ctx();
    let date = RwSignal::new(util::today());
    let place = RwSignal::new(String::new());
    let place_type = RwSignal::new(String::new());
    let outreach_type = RwSignal::new(String::from("street"));
    let team = RwSignal::new(String::new());
    let total = RwSignal::new(String::new());
    let women = RwSignal::new(String::new());
    let men = RwSignal::new(String::new());
    let languages = RwSignal::new(Vec::<String>::new());
    let leaflets = RwSignal::new(String::new());
    let cards = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let saved = RwSignal::new(false);
    let sessions = RwSignal::new(Vec::<Row>::new());
    let load = move || {
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
        });
    };
    load();
    let save = move || {
        error.set(None);
        let mut fields = json!({
            "date": date.get_untracked(),
            "outreach_type": outreach_type.get_untracked(),
            "people_met": {"total": count(&total.get_untracked()).unwrap_or(0)},
        });
        if let Some(n) = count(&women.get_untracked()) {
            fields["people_met"]["women"] = json!(n);
        }
        if let Some(n) = count(&men.get_untracked()) {
            fields["people_met"]["men"] = json!(n);
        }
        for (key, sig) in [
            ("place", place),
            ("place_type", place_type),
            ("notes", notes),
        ] {
            let v = sig.get_untracked();
            if !v.trim().is_empty() {
                fields[key] = json!(v);
            }
        }
        let members: Vec<String> = team
            .get_untracked()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if !members.is_empty() {
            fields["team"] = json!(members);
        }
        let langs = languages.get_untracked();
        if !langs.is_empty() {
            fields["languages"] = json!(langs);
        }
        let mut materials = serde_json::Map::new();
        if let Some(n) = count(&leaflets.get_untracked()) {
            materials.insert("rights_leaflet".into(), json!(n));
        }
        if let Some(n) = count(&cards.get_untracked()) {
            materials.insert("helpline_card".into(), json!(n));
        }
        if !materials.is_empty() {
            fields["materials"] = Value::Object(materials);
        }
        if let Some(point) = ctx
            .status
            .get_untracked()
            .listening_point
            .filter(|p| !p.is_empty())
        {
            fields["listening_point"] = json!(point);
        }
        spawn_local(async move {
            match call::<cmd::Create>(&CreateArgs {
                kind: Kind::Outreach,
                fields,
            })
            .await
            {
                Ok(_) => {
                    saved.set(true);
                    for s in [place, total, women, men, leaflets, cards, notes] {
                        s.set(String::new());
                    }
                    languages.set(Vec::new());
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let num = move |id: &'static str, label: &'static str, sig: RwSignal<String>| {
        view! {
            <div class="field small-field">
                <label for=id>{move || t(label)}</label>
                <input id=id type="number" inputmode="numeric" min="0" prop:value=move || sig.get() on:input=move |ev| { saved.set(false); sig.set(event_target_value(&ev)); } />
            </div>
        }
    };
    view! {
        <div id="outreach" class="stack">
            <section class="card">
                <h1>{move || t("outreach-title")}</h1>
                <div class="field">
                    <label for="outreach-date">{move || t("field-date")}</label>
                    <DateInput id="outreach-date" value=date on_pick=Callback::new(move |d| date.set(d)) />
                </div>
                <CodeSelect id="outreach-type" label="field-outreach-type" list="outreach-type" codes=vocab::OUTREACH_TYPES value=outreach_type.into() on_pick=Callback::new(move |v| outreach_type.set(v)) />
                <div class="field">
                    <label for="place">{move || t("field-place")}</label>
                    <input id="place" prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev)) />
                </div>
                <CodeSelect id="place-type" label="field-place-type" list="place-type" codes=vocab::PLACE_TYPES value=place_type.into() on_pick=Callback::new(move |v| place_type.set(v)) />
                <div class="field">
                    <label for="team-members">{move || t("field-team-members")}</label>
                    <input id="team-members" prop:value=move || team.get() on:input=move |ev| team.set(event_target_value(&ev)) />
                </div>
                <fieldset>
                    <legend>{move || t("field-people-met")}</legend>
                    <div class="row wrap">
                        {num("met-total", "met-total", total)}
                        {num("met-women", "met-women", women)}
                        {num("met-men", "met-men", men)}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{move || t("field-languages")}</legend>
                    <div class="chips" id="outreach-languages">
                        {COMMON_LANGUAGES.iter().map(|c| {
                            let c: &'static str = c;
                            let on = move || languages.get().iter().any(|l| l == c);
                            view! {
                                <button class="chip" data-code=c class:selected=on aria-pressed=move || if on() { "true" } else { "false" }
                                    on:click=move |_| languages.update(|l| if let Some(p) = l.iter().position(|x| x == c) { l.remove(p); } else { l.push(c.to_owned()); })>
                                    {move || i18n::code_label("language", c)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{move || t("field-materials")}</legend>
                    <div class="row wrap">
                        {num("material-leaflets", "material-rights_leaflet", leaflets)}
                        {num("material-cards", "material-helpline_card", cards)}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="outreach-notes">{move || t("field-notes")}</label>
                    <textarea id="outreach-notes" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <ErrorLine error=error />
                <Show when=move || saved.get()><p class="ok" id="outreach-saved">{move || t("saved")}</p></Show>
                <button id="save-outreach" class="primary" on:click=move |_| save()>{move || t("save")}</button>
            </section>
            <section class="card">
                <h2>{move || t("outreach-recent")}</h2>
                <ul class="list" id="outreach-list">
                    {move || sessions.get().into_iter().map(|r| {
                        // The title is "<date> <place>": the date shown as the UI writes it.
                        let day = r.summary.date.clone().unwrap_or_default();
                        let place = r.summary.title.strip_prefix(day.as_str()).unwrap_or(&r.summary.title).trim().to_owned();
                        view! { <li class="plain"><span class="date">{move || util::date(&day)}</span> <span class="title">{place}</span></li> }
                    }).collect_view()}
                </ul>
                <p class="muted">{move || ta("people-count", &[("count", sessions.get().len().into())])}</p>
            </section>
        </div>
    }
}

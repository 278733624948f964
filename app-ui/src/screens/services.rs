//! The team's services directory: where people can be referred.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::ListArgs;
use ponte_ipc::{IpcError, Row, cmd};
use ponte_model::Kind;
use ponte_model::summary::Query;
use ponte_model::vocab;
use serde_json::json;

use crate::app::ErrorLine;
use crate::i18n::{self, t};
use crate::ipc::call;
use crate::screens::widgets::CodeSelect;
use ponte_ipc::cmd::CreateArgs;

#[component]
pub fn Services() -> impl IntoView {
    let rows = RwSignal::new(Vec::<Row>::new());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let load = move || {
        spawn_local(async move {
            let query = Query {
                kind: Some(Kind::Service),
                ..Query::default()
            };
            match call::<cmd::List>(&ListArgs { query }).await {
                Ok(mut r) => {
                    r.sort_by(|a, b| a.summary.title.cmp(&b.summary.title));
                    rows.set(r);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    load();
    let add = move || {
        error.set(None);
        let mut fields = json!({"name": name.get_untracked(), "type": kind.get_untracked()});
        for (key, sig) in [("address", address), ("contact", contact), ("hours", hours)] {
            let v = sig.get_untracked();
            if !v.trim().is_empty() {
                fields[key] = json!(v);
            }
        }
        spawn_local(async move {
            match call::<cmd::Create>(&CreateArgs {
                kind: Kind::Service,
                fields,
            })
            .await
            {
                Ok(_) => {
                    for s in [name, address, contact, hours] {
                        s.set(String::new());
                    }
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let text = move |id: &'static str, label: &'static str, sig: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{move || t(label)}</label>
                <input id=id prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <div id="services" class="stack">
            <section class="card">
                <h1>{move || t("services-title")}</h1>
                <div class="helpline">
                    <span>{move || i18n::code_label("service-type", "antitrafficking_helpline")}</span>
                    <a class="phone" href=format!("tel:{}", vocab::NUMERO_VERDE_ANTITRATTA.replace(' ', ""))>{vocab::NUMERO_VERDE_ANTITRATTA}</a>
                </div>
                <ul class="list" id="service-list">
                    {move || rows.get().into_iter().map(|r| {
                        let kind = r.summary.service_type.clone().unwrap_or_default();
                        view! {
                            <li class="plain service-row">
                                <span class="title">{r.summary.title.clone()}</span>
                                <span class="muted">{move || i18n::code_label("service-type", &kind)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{move || t("service-add")}</h2>
                {text("service-name", "field-name", name)}
                <CodeSelect id="service-type" label="field-service-type" list="service-type" codes=vocab::SERVICE_TYPES value=kind.into() on_pick=Callback::new(move |v| kind.set(v)) />
                {text("service-address", "field-address", address)}
                {text("service-contact", "field-contact", contact)}
                {text("service-hours", "field-hours", hours)}
                <ErrorLine error=error />
                <button id="add-service" class="primary" on:click=move |_| add()>{move || t("add")}</button>
            </section>
        </div>
    }
}

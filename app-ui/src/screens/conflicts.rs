//! Concurrent edits on a person's page: the fields two devices wrote while apart, where
//! the merge kept one value; each value with the device that wrote it, and "keep this
//! value", which writes it again so every device agrees after the next sync.

use leptos::prelude::*;
use ponte_ipc::IpcError;
use ponte_ipc::cmd::{self, IdArgs};
use ponte_ipc::conflict::{Conflict, ResolveArgs};
use serde_json::Value;

use crate::i18n::{self, t, ta};
use crate::screens::case::CardError;
use crate::util;

/// The code list a coded field's values come from (its labels `<list>-<code>`).
fn list_of(field: &str) -> Option<&'static str> {
    Some(match field {
        "sex" => "sex",
        "nationality" => "country",
        "sector" => "sector",
        "housing" => "housing",
        "needs" => "need",
        "languages" => "language",
        "status" | "code" => "person-status",
        "outcome" => "referral-outcome",
        "reason" => "close-reason",
        "destination" => "service-type",
        _ => return None,
    })
}

/// The field's last name in `path` (`permit.expiry` -> `expiry`), and its label: the
/// screens' own label for it where there is one, else the question of the interview,
/// else a general word (never the path itself).
fn field_label(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let last = parts.last().copied().unwrap_or_default();
    let name = match (parts.first().copied(), last) {
        (Some("permit"), "status") => "permit".to_owned(),
        (Some("permit"), "expiry") => "permit-expiry".to_owned(),
        (Some("status"), "code") => "status".to_owned(),
        _ => last.replace('_', "-"),
    };
    for id in [format!("field-{name}"), format!("q-{name}")] {
        let text = i18n::t_or(&id, "");
        if !text.is_empty() {
            return text;
        }
    }
    t("conflict-field")
}

/// A value as the page shows it: a date in the UI language's format, a code by its
/// label, a list joined. (Shown in a `<bdi>`, left to right unless it has right-to-left
/// letters: a phone number keeps its order in a right-to-left page.)
fn value_text(path: &str, v: &Value) -> String {
    let field = path.rsplit('.').next().unwrap_or_default();
    let list = if path.starts_with("permit.") && field == "status" {
        Some("permit-status")
    } else {
        list_of(field)
    };
    match v {
        Value::Null => t("conflict-empty"),
        Value::String(s) => match list {
            Some(list) => i18n::code_label(list, s),
            None => util::date(s),
        },
        Value::Array(items) => items
            .iter()
            .map(|i| value_text(path, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(true) => t("answer-yes"),
        Value::Bool(false) => t("answer-no"),
        other => other.to_string(),
    }
}

/// The conflicts of a person's record, with "keep this value"; nothing when there
/// are none.
#[component]
pub fn ConflictsCard(person: StoredValue<String>, reload: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let list = RwSignal::new(Vec::<Conflict>::new());
    let checked = RwSignal::new(false);
    let load = move || {
        leptos::task::spawn_local(async move {
            let args = IdArgs {
                id: person.get_value(),
            };
            match crate::ipc::call::<cmd::Conflicts>(&args).await {
                Ok(c) => list.set(c),
                Err(e) => error.set(Some(e)),
            }
            checked.set(true);
        });
    };
    load();
    let keep = move |path: String, device: String| {
        let args = ResolveArgs {
            id: person.get_value(),
            path,
            value_of: Some(device),
            value: None,
        };
        leptos::task::spawn_local(async move {
            match crate::ipc::call::<cmd::Resolve>(&args).await {
                Ok(()) => {
                    error.set(None);
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        // For a test to know the page has asked (nothing shows when there is none).
        <Show when=move || checked.get()>
            <span id="conflicts-checked" hidden></span>
        </Show>
        <Show when=move || !list.get().is_empty() || error.get().is_some()>
            <section class="card conflicts" id="conflicts" role="region">
                <h2>{move || t("conflicts-title")}</h2>
                <p class="notice">{move || t("conflicts-text")}</p>
                <ul class="list">
                    {move || list.get().into_iter().map(|c| {
                        let label = field_label(&c.path);
                        let path = c.path.clone();
                        view! {
                            <li class="conflict" data-path=c.path.clone()>
                                <h3>{label}</h3>
                                <ul class="list">
                                    {c.values.into_iter().enumerate().map(|(i, v)| {
                                        let shown = value_text(&path, &v.value);
                                        // A value without right-to-left letters (a phone number, a
                                        // date, a Latin name) reads left to right, also in Arabic.
                                        let dir = if shown.chars().any(|c| matches!(c, '\u{0590}'..='\u{08ff}')) { "rtl" } else { "ltr" };
                                        let kept = i == 0;
                                        let who = v.name.clone();
                                        let (path, device) = (path.clone(), v.device.clone());
                                        view! {
                                            <li class="plain conflict-value" data-kept=kept.to_string()>
                                                <span class="title"><bdi dir=dir>{shown}</bdi></span>
                                                <span class="muted">{move || match &who {
                                                    Some(name) => ta("conflict-written-by", &[("name", name.clone().into())]),
                                                    None => t("conflict-unknown-device"),
                                                }}</span>
                                                {kept.then(|| view! { <span class="badge">{move || t("conflict-kept")}</span> })}
                                                <button class="secondary conflict-keep" on:click=move |_| keep(path.clone(), device.clone())>
                                                    {move || t("conflict-keep")}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <CardError error=error />
            </section>
        </Show>
    }
}

//! A quick contact: a first meeting without a full interview, in a few taps (a name
//! or a description, the place from the team's list, the language, what was handed out
//! or said, and whether the person may be contacted again and how). It becomes a
//! person the team can find, and later an interview on the same record.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::IpcError;
use ponte_ipc::cmd;
use ponte_ipc::contact::QuickContactArgs;
use ponte_model::vocab;

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, t};
use crate::ipc::call;
use crate::screens::intake::COMMON_LANGUAGES;
use crate::screens::places::PlacePicker;
use crate::screens::widgets::{Recontact, RecontactChoice};

#[component]
pub fn QuickContact() -> impl IntoView {
    let ctx = ctx();
    let alias = RwSignal::new(String::new());
    // Today's listening point, when it is a place of the list.
    let place = RwSignal::new(
        crate::app::ctx()
            .status
            .get_untracked()
            .listening_point
            .filter(|p| crate::util::is_record_id(p))
            .unwrap_or_default(),
    );
    let language = RwSignal::new(String::new());
    let given = RwSignal::new(Vec::<String>::new());
    let said = RwSignal::new(String::new());
    let recontact = Recontact::new();
    let error = RwSignal::new(None::<IpcError>);
    let save = move || {
        let args = QuickContactArgs {
            alias: alias.get_untracked().trim().to_owned(),
            place_id: Some(place.get_untracked()).filter(|p| !p.is_empty()),
            language: Some(language.get_untracked()).filter(|l| !l.is_empty()),
            given: given.get_untracked(),
            said: Some(said.get_untracked()).filter(|s| !s.trim().is_empty()),
            recontact: recontact.answer.get_untracked(),
            recontact_how: recontact.ways_to_send(),
            phone: recontact.phone_to_send(),
            date: None,
        };
        spawn_local(async move {
            match call::<cmd::QuickContact>(&args).await {
                Ok(id) => ctx.go(Screen::Person(id)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div id="quick-contact" class="stack">
            <section class="card">
                <h1>{move || t("contact-title")}</h1>
                <p class="muted">{move || t("contact-text")}</p>
                <div class="field">
                    <label for="contact-alias">{move || t("contact-alias")}</label>
                    <input id="contact-alias" autocomplete="off" prop:value=move || alias.get() on:input=move |ev| alias.set(event_target_value(&ev)) />
                </div>
                <PlacePicker id="contact-place" label="contact-place" value=place />
                <div class="field">
                    <label for="contact-language">{move || t("contact-language")}</label>
                    <select id="contact-language" on:change=move |ev| language.set(event_target_value(&ev)) prop:value=move || language.get()>
                        <option value="">{move || t("not-stated")}</option>
                        {COMMON_LANGUAGES.iter().map(|c| {
                            let c: &'static str = c;
                            view! { <option value=c selected=move || language.get() == c>{move || i18n::code_label("language", c)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset>
                    <legend>{move || t("contact-given")}</legend>
                    <div class="chips" id="contact-given">
                        {vocab::MATERIALS.iter().map(|c| {
                            let c: &'static str = c;
                            let on = move || given.get().iter().any(|g| g == c);
                            view! {
                                <button class="chip" data-code=c class:selected=on aria-pressed=move || if on() { "true" } else { "false" }
                                    on:click=move |_| given.update(|g| if let Some(p) = g.iter().position(|x| x == c) { g.remove(p); } else { g.push(c.to_owned()); })>
                                    {move || i18n::code_label("material", c)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="contact-said">{move || t("contact-said")}</label>
                    <textarea id="contact-said" rows="2" prop:value=move || said.get() on:input=move |ev| said.set(event_target_value(&ev))></textarea>
                </div>
                <RecontactChoice id="contact" value=recontact />
                <ErrorLine error=error />
                <button id="contact-save" class="primary" disabled=move || alias.get().trim().is_empty() || !recontact.answered() on:click=move |_| save()>
                    {move || t("contact-save")}
                </button>
            </section>
        </div>
    }
}

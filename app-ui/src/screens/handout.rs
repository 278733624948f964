//! "Hand to the worker": the consent text and the rights card in the worker's language,
//! large type, right to left where the language needs it.

use leptos::prelude::*;
use ponte_model::vocab::NUMERO_VERDE_ANTITRATTA;

use crate::i18n::{self, t};
use crate::screens::widgets::{DraftBadge, WorkerLanguage};

#[component]
pub fn Handout(lang: Option<String>) -> impl IntoView {
    let worker = RwSignal::new(lang.unwrap_or_else(|| String::from("en")));
    let tw = move |id: &'static str| move || i18n::tw(&worker.get(), id);
    view! {
        <div id="handout" class="stack">
            <section class="card no-print">
                <h1>{move || t("handout-title")}</h1>
                <p class="hint">{move || t("handout-text")}</p>
                <WorkerLanguage worker=worker />
            </section>
            <article class="card handout" id="rights-card" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
                <DraftBadge worker=worker />
                <h2 class="huge">{tw("rights-title")}</h2>
                <ul class="rights">
                    <li>{tw("rights-pay")}</li>
                    <li>{tw("rights-hours")}</li>
                    <li>{tw("rights-safety")}</li>
                    <li>{tw("rights-documents")}</li>
                    <li>{tw("rights-permit")}</li>
                    <li>{tw("rights-union")}</li>
                </ul>
                <p class="helpline big">
                    {move || i18n::twa(&worker.get(), "rights-helpline", &[("number", NUMERO_VERDE_ANTITRATTA.into())])}
                </p>
                <p class="phone-big" dir="ltr">{NUMERO_VERDE_ANTITRATTA}</p>
            </article>
            <article class="card handout" id="consent-card" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
                <h2>{tw("consent-intake-title")}</h2>
                <p class="big">{tw("consent-intake-text")}</p>
            </article>
        </div>
    }
}

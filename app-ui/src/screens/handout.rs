//! "Hand to the worker": the consent text and the rights card in the worker's language,
//! large type, right to left where the language needs it; and the hand-over itself,
//! which locks the app into the worker's screen (`screens::worker`) until the PIN or
//! the passphrase. The two cards are shared with the worker's screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::WorkerArgs;
use ponte_ipc::{IpcError, cmd};
use ponte_model::vocab::NUMERO_VERDE_ANTITRATTA;

use crate::app::{ErrorLine, ctx};
use crate::i18n::{self, t};
use crate::ipc::call;
use crate::screens::pin::PinSetForm;
use crate::screens::widgets::{DraftBadge, WorkerLanguage};

/// The Numero Verde as a `tel:` address (digits only).
fn helpline_href() -> String {
    let digits: String = NUMERO_VERDE_ANTITRATTA
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("tel:{digits}")
}

/// The rights card in the worker's language: the Numero Verde first, as a large link
/// that calls it, then the rights.
#[component]
pub fn RightsCard(#[prop(into)] worker: Signal<String>) -> impl IntoView {
    let tw = move |id: &'static str| move || i18n::tw(&worker.get(), id);
    view! {
        <article class="card handout" id="rights-card" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
            <DraftBadge worker=worker />
            <h2 class="huge">{tw("rights-title")}</h2>
            <p class="helpline big">
                {move || i18n::twa(&worker.get(), "rights-helpline", &[("number", NUMERO_VERDE_ANTITRATTA.into())])}
            </p>
            <a id="helpline-call" class="call-big" href=helpline_href() dir="ltr">
                <svg class="call-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
                    <path
                        d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
                        fill="currentColor"
                    />
                </svg>
                <span>{NUMERO_VERDE_ANTITRATTA}</span>
            </a>
            <ul class="rights">
                <li>{tw("rights-pay")}</li>
                <li>{tw("rights-hours")}</li>
                <li>{tw("rights-safety")}</li>
                <li>{tw("rights-documents")}</li>
                <li>{tw("rights-permit")}</li>
                <li>{tw("rights-union")}</li>
            </ul>
        </article>
    }
}

/// The intake consent text in the worker's language.
#[component]
pub fn ConsentCard(#[prop(into)] worker: Signal<String>) -> impl IntoView {
    view! {
        <article class="card handout" id="consent-card" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
            <h2>{move || i18n::tw(&worker.get(), "consent-intake-title")}</h2>
            <p class="big">{move || i18n::tw(&worker.get(), "consent-intake-text")}</p>
        </article>
    }
}

#[component]
pub fn Handout(lang: Option<String>) -> impl IntoView {
    let ctx = ctx();
    let worker = RwSignal::new(lang.unwrap_or_else(|| String::from("en")));
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let hand_over = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let args = WorkerArgs {
                lang: worker.get_untracked(),
            };
            match call::<cmd::HandToWorker>(&args).await {
                // The status now names the worker's language: the app shows only the
                // worker's screen.
                Ok(s) => ctx.apply(s),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let no_pin = move || ctx.status.get().pin_until_ms.is_none();
    view! {
        <div id="handout" class="stack">
            <section class="card no-print">
                <h1>{move || t("handout-title")}</h1>
                <p class="hint">{move || t("handout-text")}</p>
                <WorkerLanguage worker=worker />
                // Without a PIN, only the passphrase gets the app back from the worker:
                // say so before, and offer to set one here.
                <Show when=no_pin>
                    <p class="notice" id="handover-no-pin">{move || t("handover-no-pin")}</p>
                    <details class="op-copy" id="handover-pin">
                        <summary>{move || t("handover-set-pin")}</summary>
                        <PinSetForm />
                    </details>
                </Show>
                <ErrorLine error=error />
                <button id="hand-to-worker" class="primary wide" disabled=move || busy.get() on:click=move |_| hand_over()>
                    {move || t("handover-button")}
                </button>
                <p class="hint">{move || t("handover-hint")}</p>
            </section>
            <RightsCard worker=worker />
            <ConsentCard worker=worker />
        </div>
    }
}

//! The worker's screen: while the shell holds the worker mode ([`Status::worker_mode`])
//! the app shows this and nothing else, full screen, in the worker's language and
//! direction: the rights card with the Numero Verde as a link that calls it, and the
//! consent text.
//!
//! No top bar, no navigation, no back: the app keeps no history to go back through,
//! and Escape or a reload land here again because the mode is the shell's (the keys
//! are already dropped, or sealed under the PIN), not this screen's. Nothing of other
//! people is in the page. One discreet control, in the operator's language, leads to
//! the PIN pad (or the passphrase when no PIN is ready); Escape there comes back here.
//!
//! No panic button on the worker's card itself: the worker holds the phone, and a wipe
//! by accident (a curious thumb on an unknown icon) must be impossible. It is on the
//! operator's way back, one discreet tap away and in the operator's language: someone
//! hostile arriving while the worker holds the phone is one tap and a two-second hold
//! from an unreadable store, with no PIN or passphrase to type first.
//!
//! [`Status::worker_mode`]: ponte_ipc::Status::worker_mode

use leptos::ev;
use leptos::prelude::*;
use ponte_ipc::IpcError;

use crate::app::ctx;
use crate::i18n::{self, t};
use crate::screens::handout::{ConsentCard, RightsCard};
use crate::screens::panic::PanicButton;
use crate::screens::pin::PinPad;
use crate::screens::setup::PassphraseForm;

#[component]
pub fn WorkerScreen() -> impl IntoView {
    let ctx = ctx();
    let lang = Signal::derive(move || {
        ctx.status
            .get()
            .worker_mode
            .unwrap_or_else(|| String::from("en"))
    });
    let returning = RwSignal::new(false);
    view! {
        <div id="worker-screen" class="worker" data-lang=move || lang.get()>
            <Show
                when=move || returning.get()
                fallback=move || {
                    view! {
                        <div class="worker-bar">
                            <button id="worker-return" class="worker-return" on:click=move |_| returning.set(true)>
                                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                                    <rect x="5" y="11" width="14" height="10" rx="2" fill="currentColor" />
                                    <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2" />
                                </svg>
                                <span>{move || t("worker-return")}</span>
                            </button>
                        </div>
                        <div class="stack worker-text" lang=move || lang.get() dir=move || i18n::dir_of(&lang.get())>
                            <RightsCard worker=lang />
                            <ConsentCard worker=lang />
                        </div>
                    }
                }
            >
                <ReturnToOperator returning=returning />
            </Show>
        </div>
    }
}

/// The operator's way back: the PIN pad, or the passphrase.
#[component]
fn ReturnToOperator(returning: RwSignal<bool>) -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    let use_passphrase = RwSignal::new(false);
    let back = move || returning.set(false);
    let esc = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" {
            returning.set(false);
        }
    });
    on_cleanup(move || esc.remove());
    view! {
        <div class="card narrow" id="worker-unlock">
            <h1>{move || t("worker-return-title")}</h1>
            <Show
                when=move || ctx.status.get().pin_ready && !use_passphrase.get()
                fallback=move || {
                    view! {
                        <p>{move || t("worker-return-passphrase")}</p>
                        <PassphraseForm error=error />
                    }
                }
            >
                <PinPad error=error on_passphrase=Callback::new(move |()| use_passphrase.set(true)) />
            </Show>
            <button id="worker-return-cancel" class="secondary wide" on:click=move |_| back()>
                {move || t("worker-return-cancel")}
            </button>
            <div class="chrome-bar">
                <PanicButton />
            </div>
        </div>
    }
}

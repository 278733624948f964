//! The working day's PIN: the pad that reopens the app (the lock screen and the way
//! back from the worker's screen) and the form that sets it (Settings, and the
//! hand-over when none is set).
//!
//! The shell keeps the keys sealed under the PIN while locked, until the day ends or
//! five wrong PINs ([`Status::pin_ready`], [`Status::pin_tries_left`]); after that only
//! the passphrase opens, and the screens fall back to it by themselves (the status says
//! the PIN is no longer ready). The pad is a phone's: large keys in the usual order,
//! left to right in every language, and the field takes a keyboard too (without
//! raising the phone's own keyboard over the pad).
//!
//! [`Status::pin_ready`]: ponte_ipc::Status::pin_ready
//! [`Status::pin_tries_left`]: ponte_ipc::Status::pin_tries_left

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{NoArgs, PinArgs};
use ponte_ipc::{IpcError, cmd};

use crate::app::{ErrorLine, ctx};
use crate::i18n::{t, ta};
use crate::ipc::call;

/// The longest PIN the fields take (the shell decides what it accepts).
const MAX_DIGITS: usize = 12;
/// From how many tries left the count is shown as a warning.
const WARN_TRIES_LEFT: u32 = 2;

/// Only the digits of what was typed, at most [`MAX_DIGITS`].
fn digits(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_digit)
        .take(MAX_DIGITS)
        .collect()
}

/// The PIN pad. A right PIN applies the shell's answer (the app, or the screen it
/// was on, comes back); a wrong one shows the shell's error and the tries left.
/// `error` is the caller's, so the last error stays on screen when five wrong PINs
/// send the caller to the passphrase.
#[component]
pub fn PinPad(error: RwSignal<Option<IpcError>>, on_passphrase: Callback<()>) -> impl IntoView {
    let ctx = ctx();
    let pin = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move || {
        if busy.get_untracked() || pin.with_untracked(String::is_empty) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let args = PinArgs {
                pin: pin.get_untracked(),
            };
            pin.set(String::new());
            match call::<cmd::UnlockPin>(&args).await {
                Ok(s) => {
                    error.set(None);
                    ctx.apply(s);
                }
                Err(e) => {
                    error.set(Some(e));
                    // The tries left, or the PIN gone after the last one.
                    if let Ok(s) = call::<cmd::GetStatus>(&NoArgs {}).await {
                        ctx.apply(s);
                    }
                }
            }
            busy.set(false);
        });
    };
    let press = move |d: char| {
        pin.update(|p| {
            if p.len() < MAX_DIGITS {
                p.push(d);
            }
        });
    };
    let left = move || ctx.status.get().pin_tries_left;
    let wrong_pin = move || error.with(|e| e.as_ref().is_some_and(|e| e.code == "wrong-pin"));
    let key = move |d: char| {
        view! {
            <button type="button" class="pin-key" data-digit=d.to_string() on:click=move |_| press(d)>
                {d.to_string()}
            </button>
        }
    };
    view! {
        <form
            id="pin-pad"
            class="pin-pad"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label for="pin">{move || t("pin-enter")}</label>
            <input
                id="pin"
                class="pin-field"
                type="password"
                inputmode="none"
                autocomplete="off"
                dir="ltr"
                maxlength=MAX_DIGITS.to_string()
                prop:value=move || pin.get()
                on:input=move |ev| pin.set(digits(&event_target_value(&ev)))
            />
            // A wrong PIN's error says how many tries are left: not twice.
            <Show when=move || !wrong_pin()>
                <p id="pin-tries" class="pin-tries" class:notice=move || left() <= WARN_TRIES_LEFT role="status">
                    {move || ta("pin-tries-left", &[("count", i64::from(left()).into())])}
                </p>
            </Show>
            <ErrorLine error=error />
            <div class="pin-keys" dir="ltr" role="group" aria-label=move || t("pin-keys")>
                {['1', '2', '3', '4', '5', '6', '7', '8', '9'].into_iter().map(key).collect_view()}
                <button
                    type="button"
                    id="pin-delete"
                    class="pin-key pin-delete"
                    aria-label=move || t("pin-delete")
                    title=move || t("pin-delete")
                    on:click=move |_| {
                        pin.update(|p| {
                            p.pop();
                        });
                    }
                >
                    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
                        <path d="M9 5h11v14H9l-6-7z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
                        <path d="M12 9l5 6M17 9l-5 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                    </svg>
                </button>
                {key('0')}
                <button id="pin-ok" class="pin-key primary" type="submit" disabled=move || busy.get()>
                    {move || t("pin-ok")}
                </button>
            </div>
            <button id="use-passphrase" type="button" class="link" on:click=move |_| on_passphrase.run(())>
                {move || t("pin-use-passphrase")}
            </button>
        </form>
    }
}

/// Set the working day's PIN: typed twice, digits only.
#[component]
pub fn PinSetForm() -> impl IntoView {
    let ctx = ctx();
    let pin = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if pin.get_untracked() != confirm.get_untracked() {
            error.set(Some(IpcError::code("pin-mismatch")));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let args = PinArgs {
                pin: pin.get_untracked(),
            };
            match call::<cmd::SetPin>(&args).await {
                Ok(s) => {
                    pin.set(String::new());
                    confirm.set(String::new());
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form
            id="pin-set-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <PinField id="pin-new" label="pin-new" value=pin />
            <PinField id="pin-confirm" label="pin-confirm" value=confirm />
            <ErrorLine error=error />
            <button id="pin-set" class="secondary" type="submit" disabled=move || busy.get()>
                {move || t("pin-set")}
            </button>
        </form>
    }
}

/// A labelled field for a new PIN (digits only; a phone shows its number keys).
#[component]
fn PinField(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label for=id>{move || t(label)}</label>
        <input
            id=id
            class="pin-field"
            type="password"
            inputmode="numeric"
            pattern="[0-9]*"
            autocomplete="off"
            dir="ltr"
            maxlength=MAX_DIGITS.to_string()
            prop:value=move || value.get()
            on:input=move |ev| value.set(digits(&event_target_value(&ev)))
        />
    }
}

/// Forget the PIN: from now on a lock drops every key again.
pub fn forget(error: RwSignal<Option<IpcError>>) {
    let ctx = ctx();
    spawn_local(async move {
        match call::<cmd::ClearPin>(&NoArgs {}).await {
            Ok(s) => ctx.apply(s),
            Err(e) => error.set(Some(e)),
        }
    });
}

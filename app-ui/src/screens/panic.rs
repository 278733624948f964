//! The panic wipe, on every screen (the top bar once unlocked, a bar above the lock,
//! team-setup and other screens otherwise): a small, quiet button with a spoken label
//! opens a dialog whose one action must be pressed and held for [`HOLD_MS`] (the bar
//! fills while it is held; letting go stops it), so no ordinary tap can wipe. No
//! passphrase: it works from the lock screen. Afterwards the app is on its first run.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::NoArgs;
use ponte_ipc::{IpcError, cmd};

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::t;
use crate::ipc::call;
use crate::util;

/// How long the wipe button must be held.
pub const HOLD_MS: f64 = 2000.0;
const TICK: Duration = Duration::from_millis(40);

/// The button that opens the panic dialog.
#[component]
pub fn PanicButton() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button
            id="panic"
            class="panic-open"
            type="button"
            aria-haspopup="dialog"
            aria-label=move || t("panic-open")
            title=move || t("panic-open")
            on:click=move |_| open.set(true)
        >
            <svg class="panic-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path d="M12 3v8" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
                <path d="M7.2 6.3a8 8 0 1 0 9.6 0" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
            </svg>
        </button>
        <Show when=move || open.get()>
            <PanicDialog open=open />
        </Show>
    }
}

#[component]
fn PanicDialog(open: RwSignal<bool>) -> impl IntoView {
    let ctx = ctx();
    let progress = RwSignal::new(0.0_f64);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<IpcError>);
    let started = StoredValue::new(None::<f64>);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop_timer = move || {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let _ = timer.try_set_value(None);
        let _ = started.try_set_value(None);
    };
    on_cleanup(stop_timer);
    let release = move || {
        stop_timer();
        if !busy.get_untracked() {
            progress.set(0.0);
        }
    };
    let fire = move || {
        stop_timer();
        busy.set(true);
        spawn_local(async move {
            match call::<cmd::Panic>(&NoArgs {}).await {
                Ok(status) => {
                    open.set(false);
                    ctx.team_later.set(false);
                    ctx.screen.set(Screen::Home);
                    ctx.apply(status);
                }
                Err(e) => {
                    busy.set(false);
                    progress.set(0.0);
                    error.set(Some(e));
                }
            }
        });
    };
    let press = move || {
        if busy.get_untracked() || started.get_value().is_some() {
            return;
        }
        started.set_value(Some(util::now_ms()));
        let handle = set_interval_with_handle(
            move || {
                let Some(t0) = started.try_get_value().flatten() else {
                    return;
                };
                let p = ((util::now_ms() - t0) / HOLD_MS).clamp(0.0, 1.0);
                progress.set(p);
                if p >= 1.0 {
                    fire();
                }
            },
            TICK,
        )
        .ok();
        timer.set_value(handle);
    };
    let is_hold_key = |e: &ev::KeyboardEvent| matches!(e.key().as_str(), " " | "Enter");
    let close = move || {
        release();
        if !busy.get_untracked() {
            open.set(false);
        }
    };
    let percent = move || (progress.get() * 100.0).round();
    view! {
        <div
            class="panic-backdrop"
            on:keydown=move |e: ev::KeyboardEvent| {
                if e.key() == "Escape" {
                    close();
                }
            }
        >
            <div
                id="panic-dialog"
                class="panic-dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="panic-title"
                aria-describedby="panic-text"
            >
                <h2 id="panic-title">{move || t("panic-title")}</h2>
                <p id="panic-text">{move || t("panic-text")}</p>
                <button
                    id="panic-hold"
                    class="danger panic-hold"
                    type="button"
                    aria-describedby="panic-hint"
                    disabled=move || busy.get()
                    on:pointerdown=move |e: ev::PointerEvent| {
                        e.prevent_default();
                        press();
                    }
                    on:mousedown=move |_| press()
                    on:pointerup=move |_| release()
                    on:mouseup=move |_| release()
                    on:pointerleave=move |_| release()
                    on:pointercancel=move |_| release()
                    on:contextmenu=move |e: ev::MouseEvent| e.prevent_default()
                    on:keydown=move |e: ev::KeyboardEvent| {
                        if is_hold_key(&e) {
                            e.prevent_default();
                            if !e.repeat() {
                                press();
                            }
                        }
                    }
                    on:keyup=move |e: ev::KeyboardEvent| {
                        if is_hold_key(&e) {
                            release();
                        }
                    }
                >
                    {move || if busy.get() { t("panic-wiping") } else { t("panic-hold") }}
                </button>
                <div
                    id="panic-progress"
                    class="panic-meter"
                    role="progressbar"
                    aria-label=move || t("panic-progress")
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || percent().to_string()
                >
                    <div class="panic-meter-fill" style:inline-size=move || format!("{}%", percent())></div>
                </div>
                <p id="panic-hint" class="hint">{move || t("panic-hint")}</p>
                <ErrorLine error=error />
                <button id="panic-cancel" type="button" autofocus disabled=move || busy.get() on:click=move |_| close()>
                    {move || t("panic-cancel")}
                </button>
            </div>
        </div>
    }
}

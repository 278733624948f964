//! First run (language, passphrase; why the last store was erased, if it was), unlock
//! (PIN or passphrase), team set-up (create, join, or recover the team with its
//! recovery kit), settings (language, auto-lock, the working day's PIN).

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{
    CreateTeamArgs, JoinTeamArgs, PassphraseArgs, Prefs, QrImageArgs, RecoverArgs,
};
use ponte_ipc::{IpcError, cmd};
use wasm_bindgen::JsCast;

use crate::app::{ErrorLine, Screen, ctx};
use crate::i18n::{self, UI_LANGUAGES, t, ta};
use crate::ipc::call;
use crate::screens::pin::{self, PinPad, PinSetForm};
use crate::util;

/// Language buttons; choosing one saves it and switches the UI at once.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    let choose = move |lang: &'static str| {
        i18n::locale().set(lang.to_owned());
        spawn_local(async move {
            let prefs = Prefs {
                locale: Some(lang.to_owned()),
                ..Prefs::default()
            };
            match call::<cmd::SetPrefs>(&prefs).await {
                Ok(s) => ctx.apply(s),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <fieldset class="choices">
            <legend>{move || t("choose-language")}</legend>
            {UI_LANGUAGES
                .iter()
                .map(|lang| {
                    let lang: &'static str = lang;
                    view! {
                        <button
                            id=format!("lang-{lang}")
                            class="choice"
                            class:selected=move || i18n::locale().get() == lang
                            lang=lang
                            dir=i18n::dir_of(lang)
                            on:click=move |_| choose(lang)
                        >
                            {i18n::tw(lang, "language-name")}
                        </button>
                    }
                })
                .collect_view()}
        </fieldset>
        <ErrorLine error=error />
    }
}

#[component]
pub fn FirstRun() -> impl IntoView {
    let ctx = ctx();
    view! {
        <div class="card narrow" id="first-run">
            <h1>{move || t("welcome-title")}</h1>
            // The store was destroyed (too many wrong passphrases, the key lease): say
            // why before offering a new one.
            {move || {
                ctx.status.get().erased.map(|why| {
                    view! {
                        <div class="notice erased" id="erased-reason" role="alert">
                            <p class="strong">{move || t("erased-title")}</p>
                            <p>{move || i18n::error_text(&why)}</p>
                        </div>
                    }
                })
            }}
            <p>{move || t("welcome-text")}</p>
            <LanguagePicker />
            <NewPassphrase texts=&FIRST_PASSPHRASE />
        </div>
    }
}

/// The lock screen: the PIN pad while the working day's PIN can reopen the app, else
/// (or on request, or after five wrong PINs) the passphrase.
#[component]
pub fn Unlock() -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    let use_passphrase = RwSignal::new(false);
    let pin = move || ctx.status.get().pin_ready && !use_passphrase.get();
    view! {
        <div class="card narrow" id="unlock-screen">
            <h1>"Ponte"</h1>
            <Show
                when=pin
                fallback=move || {
                    view! {
                        <p>{move || t("unlock-text")}</p>
                        <PassphraseForm error=error />
                        <Show when=move || ctx.status.get().pin_ready>
                            <button id="use-pin" class="link" on:click=move |_| use_passphrase.set(false)>
                                {move || t("pin-use-pin")}
                            </button>
                        </Show>
                    }
                }
            >
                <p>{move || t("pin-unlock-text")}</p>
                <PinPad error=error on_passphrase=Callback::new(move |()| use_passphrase.set(true)) />
            </Show>
            <LanguagePicker />
        </div>
    }
}

/// The passphrase and its button: reopens the app (and ends the worker's screen).
#[component]
pub fn PassphraseForm(error: RwSignal<Option<IpcError>>) -> impl IntoView {
    let ctx = ctx();
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let args = PassphraseArgs {
                passphrase: pass.get_untracked(),
            };
            match call::<cmd::Unlock>(&args).await {
                Ok(s) => {
                    pass.set(String::new());
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <label for="passphrase">{move || t("passphrase")}</label>
            <input
                id="passphrase"
                type="password"
                autocomplete="current-password"
                prop:value=move || pass.get()
                on:input=move |ev| pass.set(event_target_value(&ev))
            />
            <UnlockError error=error />
            <button id="unlock" class="primary" type="submit" disabled=move || busy.get()>
                {move || t("unlock")}
            </button>
        </form>
    }
}

/// An unlock's error; the warning that the device erases itself after the next few
/// wrong passphrases stands out (larger, with a sign), so it is read before the
/// next try.
#[component]
fn UnlockError(error: RwSignal<Option<IpcError>>) -> impl IntoView {
    let final_tries = move || {
        error.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.code == "wrong-passphrase-final-tries")
        })
    };
    view! {
        <Show when=move || error.get().is_some()>
            <p class="error" class:final-tries=final_tries id="error" role="alert">
                <Show when=final_tries>
                    <svg class="warn-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
                        <path d="M12 3L2 21h20z" fill="currentColor" />
                        <path d="M12 10v5" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
                        <circle cx="12" cy="18" r="1.3" fill="#fff" />
                    </svg>
                </Show>
                <span>{move || error.get().map(|e| i18n::error_text(&e)).unwrap_or_default()}</span>
            </p>
        </Show>
    }
}

/// Read the chosen file of an `<input type=file>` and decode the QR code in it.
fn read_qr(ev: leptos::ev::Event, code: RwSignal<String>, error: RwSignal<Option<IpcError>>) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let Ok(buffer) = buffer else {
            error.set(Some(IpcError::code("qr-unreadable")));
            return;
        };
        let image = js_sys::Uint8Array::new(&buffer).to_vec();
        match call::<cmd::DecodeQr>(&QrImageArgs { image }).await {
            Ok(text) => code.set(text),
            Err(e) => error.set(Some(e)),
        }
    });
}

#[component]
pub fn TeamSetup() -> impl IntoView {
    let ctx = ctx();
    let relay = RwSignal::new(String::from("http://127.0.0.1:8787"));
    let relay_code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let kit_code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    // Shown beside the recovery's button: the page's error line is far above it on a
    // phone.
    let recover_error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let create = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            // Blank means no code: the device services decide.
            let args = CreateTeamArgs {
                relay: relay.get_untracked(),
                device_name: name.get_untracked(),
                relay_code: Some(relay_code.get_untracked()),
            };
            match call::<cmd::CreateTeam>(&args).await {
                Ok(s) => {
                    relay_code.set(String::new());
                    // The team's recovery kit is shown first, to print.
                    ctx.go(Screen::Team);
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let join = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let args = JoinTeamArgs {
                code: code.get_untracked(),
                device_name: name.get_untracked(),
            };
            match call::<cmd::JoinTeam>(&args).await {
                Ok(s) => {
                    code.set(String::new());
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let recover = move || {
        busy.set(true);
        error.set(None);
        recover_error.set(None);
        spawn_local(async move {
            let args = RecoverArgs {
                code: kit_code.get_untracked(),
                device_name: name.get_untracked(),
            };
            match call::<cmd::RecoverTeam>(&args).await {
                Ok(s) => {
                    kit_code.set(String::new());
                    // The new recovery kit (the one used stops working), to print.
                    ctx.go(Screen::Team);
                    ctx.apply(s);
                }
                Err(e) => recover_error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="card narrow" id="team-setup">
            <h1>{move || t("team-setup-title")}</h1>
            <p>{move || t("team-setup-text")}</p>
            <label for="device-name">{move || t("device-name")}</label>
            <input
                id="device-name"
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <ErrorLine error=error />
            <section class="option">
                <h2>{move || t("team-join-title")}</h2>
                <label for="invite-code">{move || t("invite-code")}</label>
                <textarea
                    id="invite-code"
                    rows="3"
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                ></textarea>
                <div class="file-pick">
                    <input
                        id="qr-file"
                        type="file"
                        accept="image/png"
                        on:change=move |ev| read_qr(ev, code, error)
                    />
                    <label for="qr-file" class="file-label">{move || t("invite-qr-image")}</label>
                </div>
                <button id="join-team" class="primary" disabled=move || busy.get() on:click=move |_| join()>
                    {move || t("team-join")}
                </button>
            </section>
            <section class="option">
                <h2>{move || t("team-create-title")}</h2>
                <label for="relay">{move || t("relay-url")}</label>
                <input
                    id="relay"
                    type="url"
                    prop:value=move || relay.get()
                    on:input=move |ev| relay.set(event_target_value(&ev))
                />
                <label for="relay-code">{move || t("relay-code")}</label>
                <input
                    id="relay-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby="relay-code-hint"
                    prop:value=move || relay_code.get()
                    on:input=move |ev| relay_code.set(event_target_value(&ev))
                />
                <p class="hint" id="relay-code-hint">{move || t("relay-code-hint")}</p>
                <button id="create-team" class="secondary" disabled=move || busy.get() on:click=move |_| create()>
                    {move || t("team-create")}
                </button>
            </section>
            <section class="option" id="recover-option">
                <h2>{move || t("team-recover-title")}</h2>
                <p class="hint" id="team-recover-hint">{move || t("team-recover-text")}</p>
                <label for="recovery-code">{move || t("recovery-kit-code")}</label>
                <textarea
                    id="recovery-code"
                    dir="ltr"
                    rows="3"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby="team-recover-hint"
                    prop:value=move || kit_code.get()
                    on:input=move |ev| kit_code.set(event_target_value(&ev))
                ></textarea>
                <div class="file-pick">
                    <input
                        id="kit-qr-file"
                        type="file"
                        accept="image/png"
                        on:change=move |ev| read_qr(ev, kit_code, recover_error)
                    />
                    <label for="kit-qr-file" class="file-label">{move || t("recovery-kit-qr-image")}</label>
                </div>
                <button id="recover-team" class="secondary" disabled=move || busy.get() on:click=move |_| recover()>
                    {move || t("team-recover")}
                </button>
                <Show when=move || recover_error.with(Option::is_some)>
                    <p class="error" id="recover-error" role="alert">
                        {move || recover_error.get().map(|e| i18n::error_text(&e)).unwrap_or_default()}
                    </p>
                </Show>
            </section>
            <button id="skip-team" class="link" on:click=move |_| ctx.team_later.set(true)>
                {move || t("team-later")}
            </button>
        </div>
    }
}

#[component]
pub fn Revoked() -> impl IntoView {
    view! {
        <div class="card narrow" id="revoked">
            <h1>{move || t("revoked-title")}</h1>
            <p>{move || t("revoked-text")}</p>
        </div>
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    let set_minutes = move |minutes: u32| {
        spawn_local(async move {
            let prefs = Prefs {
                autolock_minutes: Some(minutes),
                ..Prefs::default()
            };
            match call::<cmd::SetPrefs>(&prefs).await {
                Ok(s) => ctx.apply(s),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" id="settings">
            <h1>{move || t("settings-title")}</h1>
            <LanguagePicker />
            <fieldset class="choices">
                <legend>{move || t("autolock-label")}</legend>
                {[1u32, 2, 5, 10, 30]
                    .into_iter()
                    .map(|m| {
                        view! {
                            <button
                                id=format!("autolock-{m}")
                                class="choice"
                                class:selected=move || ctx.status.get().autolock_minutes == m
                                on:click=move |_| set_minutes(m)
                            >
                                {move || i18n::ta("autolock-minutes", &[("count", (m as usize).into())])}
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <ErrorLine error=error />
            <PinSettings />
            <DuressSettings />
        </section>
    }
}

/// "Duress passphrase": typed twice; entered at unlock, it destroys this device's
/// records and opens an empty app. Whether one is set is never shown: the settings
/// screen of a device opened under threat must not tell.
#[component]
fn DuressSettings() -> impl IntoView {
    view! {
        <section class="option" id="duress-settings">
            <h2>{move || t("duress-title")}</h2>
            <p class="hint">{move || t("duress-explain")}</p>
            <NewPassphrase texts=&DURESS_PASSPHRASE />
        </section>
    }
}

/// The element ids and message ids of a form that sets a passphrase, and what it sets.
pub struct PassphraseTexts {
    /// `true`: the duress passphrase (`set_duress`); `false`: the store's (`init`).
    duress: bool,
    /// The form's id, if the tests name it.
    form: Option<&'static str>,
    /// The two fields' and the button's element ids.
    ids: [&'static str; 3],
    /// The two fields' and the button's labels.
    labels: [&'static str; 3],
    /// The hint under the first field.
    hint: Option<&'static str>,
    /// The error when the two differ.
    mismatch: &'static str,
    /// The fields' `autocomplete`.
    autocomplete: &'static str,
    /// The button's class.
    button: &'static str,
    /// The element id and message shown once it is set (the first run moves on instead).
    saved: Option<(&'static str, &'static str)>,
}

/// The first run's passphrase.
const FIRST_PASSPHRASE: PassphraseTexts = PassphraseTexts {
    duress: false,
    form: None,
    ids: ["new-passphrase", "confirm-passphrase", "init"],
    labels: ["passphrase-new", "passphrase-confirm", "passphrase-set"],
    hint: Some("passphrase-hint"),
    mismatch: "passphrase-mismatch",
    autocomplete: "new-password",
    button: "primary",
    saved: None,
};

/// The duress passphrase (never offered to a password manager).
const DURESS_PASSPHRASE: PassphraseTexts = PassphraseTexts {
    duress: true,
    form: Some("duress-form"),
    ids: ["duress-new", "duress-confirm", "duress-set"],
    labels: ["duress-new", "duress-confirm", "duress-set"],
    hint: None,
    mismatch: "duress-mismatch",
    autocomplete: "off",
    button: "secondary",
    saved: Some(("duress-saved", "duress-saved")),
};

/// A passphrase typed twice, then sent; the status it answers is applied and both
/// fields are emptied.
#[component]
fn NewPassphrase(texts: &'static PassphraseTexts) -> impl IntoView {
    let ctx = ctx();
    let pass = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move || {
        saved.set(false);
        if pass.get_untracked() != confirm.get_untracked() {
            error.set(Some(IpcError::code(texts.mismatch)));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let args = PassphraseArgs {
                passphrase: pass.get_untracked(),
            };
            let sent = if texts.duress {
                call::<cmd::SetDuress>(&args).await
            } else {
                call::<cmd::Init>(&args).await
            };
            match sent {
                Ok(s) => {
                    pass.set(String::new());
                    confirm.set(String::new());
                    saved.set(true);
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let [new_id, confirm_id, button_id] = texts.ids;
    let [new_label, confirm_label, button_label] = texts.labels;
    view! {
        <form
            id=texts.form
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <label for=new_id>{move || t(new_label)}</label>
            <input
                id=new_id
                type="password"
                autocomplete=texts.autocomplete
                prop:value=move || pass.get()
                on:input=move |ev| pass.set(event_target_value(&ev))
            />
            {texts.hint.map(|hint| view! { <p class="hint">{move || t(hint)}</p> })}
            <label for=confirm_id>{move || t(confirm_label)}</label>
            <input
                id=confirm_id
                type="password"
                autocomplete=texts.autocomplete
                prop:value=move || confirm.get()
                on:input=move |ev| confirm.set(event_target_value(&ev))
            />
            <ErrorLine error=error />
            {texts.saved.map(|(id, label)| view! {
                <Show when=move || saved.get()>
                    <p class="ok" id=id role="status">{move || t(label)}</p>
                </Show>
            })}
            <button id=button_id class=texts.button type="submit" disabled=move || busy.get()>
                {move || t(button_label)}
            </button>
        </form>
    }
}

/// "PIN for today": set it (twice), or see until when it works and forget it.
#[component]
fn PinSettings() -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    view! {
        <section class="option" id="pin-settings">
            <h2>{move || t("pin-title")}</h2>
            {move || match ctx.status.get().pin_until_ms {
                Some(ms) => view! {
                    <p class="ok" id="pin-until">{move || ta("pin-until", &[("time", util::until(ms).into())])}</p>
                    <p class="hint">{move || t("pin-explain")}</p>
                    <button id="pin-clear" class="secondary" on:click=move |_| pin::forget(error)>
                        {move || t("pin-forget")}
                    </button>
                    <ErrorLine error=error />
                }
                .into_any(),
                None => view! {
                    <p class="hint">{move || t("pin-explain")}</p>
                    <PinSetForm />
                }
                .into_any(),
            }}
        </section>
    }
}

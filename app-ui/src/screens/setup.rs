//! First run (language, passphrase), unlock, team set-up (create or join), settings.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{CreateTeamArgs, JoinTeamArgs, PassphraseArgs, Prefs, QrImageArgs};
use ponte_ipc::{IpcError, cmd};
use wasm_bindgen::JsCast;

use crate::app::{ErrorLine, ctx};
use crate::i18n::{self, UI_LANGUAGES, t};
use crate::ipc::call;

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
    let pass = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let submit = move || {
        if pass.get_untracked() != confirm.get_untracked() {
            error.set(Some(IpcError::code("passphrase-mismatch")));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let args = PassphraseArgs {
                passphrase: pass.get_untracked(),
            };
            match call::<cmd::Init>(&args).await {
                Ok(s) => {
                    pass.set(String::new());
                    confirm.set(String::new());
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="card narrow" id="first-run">
            <h1>{move || t("welcome-title")}</h1>
            <p>{move || t("welcome-text")}</p>
            <LanguagePicker />
            <form on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }>
                <label for="new-passphrase">{move || t("passphrase-new")}</label>
                <input
                    id="new-passphrase"
                    type="password"
                    autocomplete="new-password"
                    prop:value=move || pass.get()
                    on:input=move |ev| pass.set(event_target_value(&ev))
                />
                <p class="hint">{move || t("passphrase-hint")}</p>
                <label for="confirm-passphrase">{move || t("passphrase-confirm")}</label>
                <input
                    id="confirm-passphrase"
                    type="password"
                    autocomplete="new-password"
                    prop:value=move || confirm.get()
                    on:input=move |ev| confirm.set(event_target_value(&ev))
                />
                <ErrorLine error=error />
                <button id="init" class="primary" type="submit" disabled=move || busy.get()>
                    {move || t("passphrase-set")}
                </button>
            </form>
        </div>
    }
}

#[component]
pub fn Unlock() -> impl IntoView {
    let ctx = ctx();
    let pass = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
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
                    ctx.last_active.set(crate::util::now_ms());
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="card narrow" id="unlock-screen">
            <h1>"Ponte"</h1>
            <p>{move || t("unlock-text")}</p>
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
                <ErrorLine error=error />
                <button id="unlock" class="primary" type="submit" disabled=move || busy.get()>
                    {move || t("unlock")}
                </button>
            </form>
            <LanguagePicker />
        </div>
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
    let error = RwSignal::new(None::<IpcError>);
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
        </section>
    }
}

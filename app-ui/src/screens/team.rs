//! Team and devices: this device's place in the team; for the supervisor, invites
//! (code and QR), approval of waiting devices, revocation, and the warning on a device
//! whose duress passphrase was used (its "duress used" notice), with its removal one
//! click away; the team rules (wrong passphrases before a device erases itself, days
//! without sync before it is erased), which the supervisor changes and members read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{DeviceArgs, NoArgs, TeamSettingsArgs};
use ponte_ipc::{Approved, DeviceRow, Invite, IpcError, TeamSettingsView, cmd};

use crate::app::{ErrorLine, ctx};

/// The kind of a device's notice saying its duress passphrase was used
/// (`ponte_ipc::DeviceNotice::kind`).
const DURESS: &str = "duress";

use crate::i18n::{self, t, ta};
use crate::ipc::call;

/// The relay URL with a line-break opportunity after each `/`, `.`, `:`, `?`, `&` and
/// `=`, so a long one wraps at its punctuation (CSS breaks a part too long anyway).
fn url_parts(url: &str) -> impl IntoView {
    let mut parts = Vec::new();
    let mut part = String::new();
    for c in url.chars() {
        part.push(c);
        if matches!(c, '/' | '.' | ':' | '?' | '&' | '=') {
            parts.push(std::mem::take(&mut part));
        }
    }
    parts.push(part);
    parts
        .into_iter()
        .map(|p| view! { {p}<wbr /> })
        .collect_view()
}

/// The QR code as SVG (dark modules as one path), with a quiet zone.
fn qr_svg(invite: &Invite) -> String {
    let w = invite.qr_width;
    let mut path = String::new();
    for (i, dark) in invite.qr_modules.iter().enumerate() {
        if *dark {
            path.push_str(&format!("M{},{}h1v1h-1z", i % w + 4, i / w + 4));
        }
    }
    let side = w + 8;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" role=\"img\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[component]
pub fn TeamScreen() -> impl IntoView {
    let ctx = ctx();
    let devices = RwSignal::new(Vec::<DeviceRow>::new());
    let invite = RwSignal::new(None::<Invite>);
    let approved = RwSignal::new(None::<Vec<Approved>>);
    let confirm = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<IpcError>);
    let load = move || {
        spawn_local(async move {
            match call::<cmd::Devices>(&NoArgs {}).await {
                Ok(d) => devices.set(d),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    if ctx.status.get_untracked().team.is_some() {
        load();
    }
    let make_invite = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::MakeInvite>(&NoArgs {}).await {
                Ok(i) => invite.set(Some(i)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let approve = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::Approve>(&NoArgs {}).await {
                Ok(a) => {
                    approved.set(Some(a));
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let revoke = move |device: String| {
        spawn_local(async move {
            match call::<cmd::Revoke>(&DeviceArgs { device }).await {
                Ok(()) => {
                    confirm.set(None);
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let supervisor = move || ctx.status.get().team.as_ref().is_some_and(|t| t.supervisor);
    view! {
        <div id="team" class="stack">
            <section class="card">
                <h1>{move || t("team-title")}</h1>
                {move || match ctx.status.get().team {
                    None => view! {
                        <p>{move || t("team-none")}</p>
                        <button id="setup-team" class="primary" on:click=move |_| ctx.team_later.set(false)>{move || t("team-setup-title")}</button>
                    }.into_any(),
                    Some(team) => view! {
                        <dl class="facts">
                            <dt>{move || t("device-name")}</dt><dd id="my-device-name">{team.device_name.clone()}</dd>
                            <dt>{move || t("team-role")}</dt>
                            <dd id="my-role">{move || if supervisor() { t("role-supervisor") } else { t("role-member") }}</dd>
                            <dt>{move || t("relay-url")}</dt>
                            <dd id="relay-address" class="url" title=team.relay.clone()><bdi>{url_parts(&team.relay)}</bdi></dd>
                        </dl>
                        {(!team.approved).then(|| view! { <p class="notice" id="waiting-approval">{move || t("sync-waiting-approval")}</p> })}
                        {team.supervisor.then(|| view! { <p class="hint" id="lease-exempt">{move || t("lease-exempt")}</p> })}
                    }.into_any(),
                }}
            </section>
            <ErrorLine error=error />
            <Show when=supervisor>
                <section class="card" id="invite-card">
                    <h2>{move || t("invite-title")}</h2>
                    <p class="hint">{move || t("invite-text")}</p>
                    <button id="invite" class="primary" on:click=move |_| make_invite()>{move || t("invite-create")}</button>
                    {move || invite.get().map(|i| view! {
                        <div class="qr" inner_html=qr_svg(&i) aria-label=move || t("invite-qr")></div>
                        <label for="invite-code-out">{move || t("invite-code")}</label>
                        <textarea id="invite-code-out" class="mono" rows="3" readonly=true prop:value=i.code.clone()></textarea>
                    })}
                </section>
                <section class="card">
                    <h2>{move || t("approve-title")}</h2>
                    <button id="approve" class="secondary" on:click=move |_| approve()>{move || t("approve-all")}</button>
                    {move || approved.get().map(|list| view! {
                        <p id="approved-count">{move || ta("approved-count", &[("count", list.iter().filter(|a| a.approved).count().into())])}</p>
                    })}
                </section>
            </Show>
            <section class="card">
                <h2>{move || t("devices-title")}</h2>
                <ul class="list" id="device-list">
                    {move || devices.get().into_iter().map(|d| {
                        let id = d.id.clone();
                        let short = d.id.chars().take(8).collect::<String>();
                        let can_revoke = supervisor() && !d.supervisor && !d.this_device;
                        // The duress passphrase was used on this device: say so on its
                        // row, with the removal one click away.
                        let duress: Vec<i64> = d.notices.iter().filter(|n| n.kind == DURESS).map(|n| n.at_ms).collect();
                        let under_duress = !duress.is_empty();
                        let ask = id.clone();
                        let go = id.clone();
                        view! {
                            <li class="plain device-row" class:duress=under_duress>
                                <span class="title">{d.name.clone()}</span>
                                <span class="muted mono">{short}</span>
                                {d.supervisor.then(|| view! { <span class="badge">{move || t("role-supervisor")}</span> })}
                                {d.this_device.then(|| view! { <span class="badge">{move || t("this-device")}</span> })}
                                {duress.into_iter().map(|at| {
                                    let when = crate::util::date_time(at);
                                    view! { <p class="notice duress-notice" role="alert">{move || ta("device-duress-used", &[("date", when.clone().into())])}</p> }
                                }).collect_view()}
                                {can_revoke.then(|| view! {
                                    <Show when=move || under_duress || confirm.get().as_deref() == Some(ask.as_str()) fallback={
                                        let id = id.clone();
                                        move || { let id = id.clone(); view! { <button class="danger small" on:click=move |_| confirm.set(Some(id.clone()))>{move || t("revoke")}</button> } }
                                    }>
                                        {
                                            let go = go.clone();
                                            view! { <button class="danger small revoke-confirm" on:click=move |_| revoke(go.clone())>{move || t("revoke-confirm")}</button> }
                                        }
                                    </Show>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            // Last: the rules change rarely; the invite and the devices are the daily
            // work (and nothing above them moves when the rules arrive).
            <Show when=move || ctx.status.get().team.is_some_and(|t| t.approved)>
                <TeamRules />
            </Show>
        </div>
    }
}

/// What the unlock attempt limit's field holds when the limit is off.
const OFF: &str = "off";
/// The unlock attempt limits offered as buttons (besides off and a number typed).
const ATTEMPT_CHOICES: [u32; 4] = [5, 10, 20, 50];
/// The key leases offered as buttons, in days (besides a number typed).
const LEASE_CHOICES: [u32; 3] = [7, 14, 30];

/// The unlock attempt limit as the field holds it: a number, or [`OFF`].
fn attempts_text(limit: Option<u32>) -> String {
    limit.map_or_else(|| OFF.to_owned(), |n| n.to_string())
}

/// The team rules: the supervisor changes them (buttons for the usual values, a field
/// for any other), a member reads them; each with what it does, in plain words. The
/// values are checked by the core, whose error is shown as it is translated.
#[component]
fn TeamRules() -> impl IntoView {
    let rules = RwSignal::new(None::<TeamSettingsView>);
    // As chosen or typed, not yet saved.
    let attempts = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<IpcError>);
    let show = move |v: TeamSettingsView| {
        attempts.set(attempts_text(v.unlock_attempts));
        days.set(v.lease_days.to_string());
        rules.set(Some(v));
    };
    spawn_local(async move {
        match call::<cmd::TeamSettings>(&TeamSettingsArgs::default()).await {
            Ok(v) => show(v),
            Err(e) => error.set(Some(e)),
        }
    });
    // What differs from the rules in force (`None`: unchanged).
    let change = move || {
        rules.with(|r| {
            r.as_ref().map(|r| {
                let a = attempts.get().trim().to_owned();
                let d = days.get().trim().to_owned();
                TeamSettingsArgs {
                    unlock_attempts: (a != attempts_text(r.unlock_attempts)).then_some(a),
                    lease_days: (d != r.lease_days.to_string()).then_some(d),
                }
            })
        })
    };
    let changed = move || change().is_some_and(|c| c != TeamSettingsArgs::default());
    let save = move || {
        let Some(args) = change() else { return };
        error.set(None);
        saved.set(false);
        saving.set(true);
        spawn_local(async move {
            match call::<cmd::TeamSettings>(&args).await {
                Ok(v) => {
                    show(v);
                    saved.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
            saving.set(false);
        });
    };
    let edit = move |sig: RwSignal<String>, value: String| {
        saved.set(false);
        error.set(None);
        sig.set(value);
    };
    let can_change = move || rules.with(|r| r.as_ref().is_some_and(|r| r.can_change));
    view! {
        <section class="card" id="team-rules" aria-busy=move || if rules.with(Option::is_none) && error.with(Option::is_none) { "true" } else { "false" }>
            <h2>{move || t("team-rules-title")}</h2>
            <p class="hint">{move || if can_change() { t("team-rules-intro") } else { t("team-rules-read-only") }}</p>
            {move || rules.get().map(|r| {
                let default_attempts = r.unlock_attempts_default;
                let default_days = r.lease_days_default;
                let (a_min, a_max) = (r.unlock_attempts_min, r.unlock_attempts_max);
                let (d_min, d_max) = (r.lease_days_min, r.lease_days_max);
                let attempts_value = r.unlock_attempts.map_or_else(
                    || t("team-rules-attempts-off"),
                    |n| ta("team-rules-attempts-value", &[("count", (n as usize).into())]),
                );
                let days_value = ta("team-rules-lease-value", &[("count", (r.lease_days as usize).into())]);
                let choice = move |sig: RwSignal<String>, value: String, label: String, id: String| {
                    let on = {
                        let value = value.clone();
                        move || sig.get().trim() == value
                    };
                    let on2 = on.clone();
                    view! {
                        <button
                            id=id
                            class="choice"
                            class:selected=on
                            aria-pressed=move || if on2() { "true" } else { "false" }
                            on:click=move |_| edit(sig, value.clone())
                        >
                            {label}
                        </button>
                    }
                };
                let label = move |n: u32, default: u32| {
                    if n == default {
                        ta("team-rules-default", &[("value", (n as usize).into())])
                    } else {
                        n.to_string()
                    }
                };
                view! {
                    <div class="rule" id="rule-attempts">
                        <h3 id="attempts-title">{move || t("team-rules-attempts-label")}</h3>
                        <p class="hint">{move || t("team-rules-attempts-text")}</p>
                        {if r.can_change {
                            view! {
                                <fieldset class="choices" id="unlock-attempts" aria-labelledby="attempts-title">
                                    {choice(attempts, OFF.to_owned(), t("team-rules-off"), "attempts-off".to_owned())}
                                    {ATTEMPT_CHOICES.into_iter().map(|n| choice(attempts, n.to_string(), label(n, default_attempts), format!("attempts-{n}"))).collect_view()}
                                </fieldset>
                                <label for="unlock-attempts-number">{move || ta("team-rules-other", &[("min", (a_min as usize).into()), ("max", (a_max as usize).into())])}</label>
                                <input
                                    id="unlock-attempts-number"
                                    type="number"
                                    inputmode="numeric"
                                    min=a_min.to_string()
                                    max=a_max.to_string()
                                    prop:value=move || { let a = attempts.get(); if a == OFF { String::new() } else { a } }
                                    on:input=move |ev| edit(attempts, event_target_value(&ev))
                                />
                            }.into_any()
                        } else {
                            view! { <p class="rule-value" id="unlock-attempts-value">{attempts_value}</p> }.into_any()
                        }}
                    </div>
                    <div class="rule" id="rule-lease">
                        <h3 id="lease-title">{move || t("team-rules-lease-label")}</h3>
                        <p class="hint">{move || t("team-rules-lease-text")}</p>
                        {if r.can_change {
                            view! {
                                <fieldset class="choices" id="lease-days" aria-labelledby="lease-title">
                                    {LEASE_CHOICES.into_iter().map(|n| choice(days, n.to_string(), label(n, default_days), format!("lease-{n}"))).collect_view()}
                                </fieldset>
                                <label for="lease-days-number">{move || ta("team-rules-lease-other", &[("min", (d_min as usize).into()), ("max", (d_max as usize).into())])}</label>
                                <input
                                    id="lease-days-number"
                                    type="number"
                                    inputmode="numeric"
                                    min=d_min.to_string()
                                    max=d_max.to_string()
                                    prop:value=move || days.get()
                                    on:input=move |ev| edit(days, event_target_value(&ev))
                                />
                            }.into_any()
                        } else {
                            view! { <p class="rule-value" id="lease-days-value">{days_value}</p> }.into_any()
                        }}
                    </div>
                    {r.can_change.then(|| view! {
                        <button
                            id="save-team-rules"
                            class="primary"
                            disabled=move || saving.get() || !changed()
                            on:click=move |_| save()
                        >
                            {move || if saving.get() { t("team-rules-saving") } else { t("team-rules-save") }}
                        </button>
                    })}
                }
            })}
            <Show when=move || saved.get()>
                <p class="ok" id="team-rules-saved" role="status">{move || t("team-rules-saved")}</p>
            </Show>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" id="team-rules-error" role="alert">
                    {move || error.get().map(|e| i18n::error_text(&e)).unwrap_or_default()}
                </p>
            </Show>
        </section>
    }
}

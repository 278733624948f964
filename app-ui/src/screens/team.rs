//! Team and devices: this device's place in the team; for the supervisor, invites
//! (code and QR), approval of waiting devices, revocation, and the warning on a device
//! whose duress passphrase was used (its "duress used" notice), with its removal one
//! click away.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{DeviceArgs, NoArgs};
use ponte_ipc::{Approved, DeviceRow, Invite, IpcError, cmd};

use crate::app::{ErrorLine, ctx};

/// The kind of a device's notice saying its duress passphrase was used
/// (`ponte_ipc::DeviceNotice::kind`).
const DURESS: &str = "duress";

/// `YYYY-MM-DD HH:MM`, local time, of a moment in ms since the Unix epoch.
fn moment(ms: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
use crate::i18n::{t, ta};
use crate::ipc::call;

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
                            <dt>{move || t("relay-url")}</dt><dd class="mono">{team.relay.clone()}</dd>
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
                                    let when = moment(at);
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
        </div>
    }
}

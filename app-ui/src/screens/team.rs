//! Team and devices: this device's place and role in the team; for the supervisor,
//! invites (code and QR), approval of waiting devices in a role, each device's role
//! changed (a second supervisor is a deputy) or the supervisor role handed over, both
//! confirmed first, revocation, and the warning on a device whose duress passphrase
//! was used (its "duress used" notice), with its removal one click away; the team's
//! recovery kit (shown until marked printed, a banner while it is not, a new one on
//! request) and every recovery of the team this device saw; the team rules (wrong
//! passphrases before a device erases itself, days without sync before it is erased),
//! which the supervisor changes and members read.
//!
//! What a role may not do is hidden here and on the other screens ([`may`], reading
//! the actions the device core lists in the status), and the core decides again: a
//! refusal is shown translated.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{ApproveAsArgs, DeviceArgs, NoArgs, RoleArgs, TeamSettingsArgs};
use ponte_ipc::{
    Action, Approved, DeviceRow, Invite, IpcError, RecoveryKit, Role, TeamSettingsView, cmd,
};

use crate::app::{ErrorLine, ctx};
use crate::screens::case::CardError;

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

/// A role's name in the UI language.
fn role_label(role: Role) -> String {
    i18n::code_label("role", role.as_str())
}

/// The role a `<select>` picked (its option values are [`Role::as_str`]).
fn picked_role(ev: &leptos::ev::Event) -> Option<Role> {
    Role::named(&event_target_value(ev))
}

/// This device may do `action` (reactive), as the device core says in the status
/// (`ponte_ipc::Status::actions`, worked out from the role by `ponte_device::roles`):
/// the screens never work it out themselves.
pub fn may(action: Action) -> bool {
    ctx().status.with(|s| s.actions.contains(&action))
}

/// The QR code as SVG (dark modules as one path), with a quiet zone.
pub(crate) fn qr_svg(width: usize, modules: &[bool]) -> String {
    let w = width;
    let mut path = String::new();
    for (i, dark) in modules.iter().enumerate() {
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
    let approve_role = RwSignal::new(Role::Operator);
    let confirm = RwSignal::new(None::<String>);
    // A device whose role is being changed, or to whom the supervisor role is being
    // handed (its id), and the role picked for it.
    let changing = RwSignal::new(None::<String>);
    let handing = RwSignal::new(None::<String>);
    let new_role = RwSignal::new(Role::Operator);
    let role_done = RwSignal::new(None::<&'static str>);
    // The recovery kit on screen (made here and not yet marked printed).
    let kit = RwSignal::new(None::<RecoveryKit>);
    let asking_kit = RwSignal::new(false);
    let error = RwSignal::new(None::<IpcError>);
    // A refused role change, handover or new kit, shown in its card (the page's error
    // line may be off screen on a phone).
    let role_error = RwSignal::new(None::<IpcError>);
    let kit_error = RwSignal::new(None::<IpcError>);
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
    let show_kit = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::RecoveryKitPending>(&NoArgs {}).await {
                Ok(k) => kit.set(k),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // A kit made here and not printed yet (the team just created or recovered, a new
    // kit): shown at once.
    let unprinted = move || {
        ctx.status
            .with(|s| s.team.as_ref().is_some_and(|t| t.recovery_kit_unprinted))
    };
    if ctx
        .status
        .with_untracked(|s| s.team.as_ref().is_some_and(|t| t.recovery_kit_unprinted))
    {
        show_kit();
    }
    let new_kit = move || {
        kit_error.set(None);
        spawn_local(async move {
            match call::<cmd::RecoveryKitNew>(&NoArgs {}).await {
                Ok(k) => {
                    asking_kit.set(false);
                    kit.set(Some(k));
                    if let Ok(s) = call::<cmd::GetStatus>(&NoArgs {}).await {
                        ctx.apply(s);
                    }
                }
                Err(e) => kit_error.set(Some(e)),
            }
        });
    };
    // The last change's message goes when another change starts.
    Effect::new(move |_| {
        if changing.with(Option::is_some) || handing.with(Option::is_some) {
            role_done.set(None);
        }
    });
    let set_role = move |device: String| {
        role_error.set(None);
        role_done.set(None);
        let args = RoleArgs {
            device,
            role: new_role.get_untracked(),
        };
        spawn_local(async move {
            match call::<cmd::SetRole>(&args).await {
                Ok(()) => {
                    changing.set(None);
                    role_done.set(Some("role-changed"));
                    load();
                }
                Err(e) => role_error.set(Some(e)),
            }
        });
    };
    let hand_over = move |device: String| {
        role_error.set(None);
        role_done.set(None);
        spawn_local(async move {
            match call::<cmd::Handover>(&DeviceArgs { device }).await {
                Ok(()) => {
                    handing.set(None);
                    role_done.set(Some("handover-done"));
                    if let Ok(s) = call::<cmd::GetStatus>(&NoArgs {}).await {
                        ctx.apply(s);
                    }
                    load();
                }
                Err(e) => role_error.set(Some(e)),
            }
        });
    };
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
            let args = ApproveAsArgs {
                device: None,
                role: approve_role.get_untracked(),
            };
            match call::<cmd::ApproveAs>(&args).await {
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
    // The team's administration needs the team's keys: none while waiting for approval.
    let in_team = move || {
        ctx.status
            .with(|s| s.team.as_ref().is_some_and(|t| t.approved))
    };
    let supervisor = move || in_team() && may(Action::ManageTeam);
    let reviewer = move || in_team() && may(Action::ReviewAudit);
    view! {
        <div id="team" class="stack">
            {move || kit.get().map(|k| view! { <RecoveryKitCard kit=k shown=kit /> })}
            <Show when=move || unprinted() && kit.with(Option::is_none)>
                <div class="notice banner" id="kit-unprinted" role="alert">
                    <p class="strong">{move || t("recovery-kit-banner")}</p>
                    <button id="kit-show" class="secondary" on:click=move |_| show_kit()>{move || t("recovery-kit-show")}</button>
                </div>
            </Show>
            <section class="card">
                <h1>{move || t("team-title")}</h1>
                {move || match ctx.status.get().team {
                    None => view! {
                        <p>{move || t("team-none")}</p>
                        <button id="setup-team" class="primary" on:click=move |_| ctx.team_later.set(false)>{move || t("team-setup-title")}</button>
                        // A device in no team may coordinate a programme of teams
                        // instead (a team's device is never offered it).
                        <div class="option" id="programme-option">
                            <h2>{move || t("programme-option-title")}</h2>
                            <p class="hint">{move || t("programme-option-text")}</p>
                            <button id="to-programme" class="secondary" on:click=move |_| ctx.go(crate::app::Screen::Programme)>
                                {move || if ctx.coordinator.get() { t("programme-open") } else { t("programme-init-open") }}
                            </button>
                        </div>
                    }.into_any(),
                    Some(team) => view! {
                        <dl class="facts">
                            <dt>{move || t("device-name")}</dt><dd id="my-device-name">{team.device_name.clone()}</dd>
                            <dt>{move || t("team-role")}</dt>
                            <dd id="my-role">{
                                let role = team.role;
                                move || role.map_or_else(|| t("sync-waiting-approval"), role_label)
                            }</dd>
                            <dt>{move || t("relay-url")}</dt>
                            <dd id="relay-address" class="url" title=team.relay.clone()><bdi>{url_parts(&team.relay)}</bdi></dd>
                        </dl>
                        {(!team.approved).then(|| view! { <p class="notice" id="waiting-approval">{move || t("sync-waiting-approval")}</p> })}
                        {match (team.supervisor, team.lease_days_left) {
                            // A team without a recovery kit: the supervisor's device is exempt.
                            (true, None) => Some(view! { <p class="hint" id="lease-exempt">{move || t("lease-exempt")}</p> }.into_any()),
                            (true, Some(days)) => Some(view! {
                                <p class="hint" id="lease-supervisor">{move || ta("lease-supervisor", &[("days", i64::from(days).into())])}</p>
                            }.into_any()),
                            (false, _) => None,
                        }}
                    }.into_any(),
                }}
            </section>
            // Every recovery this device saw: who took over the supervisor role with
            // the recovery kit, and when.
            {move || {
                let rows = ctx.status.get().team.map(|t| t.recoveries).unwrap_or_default();
                (!rows.is_empty()).then(|| view! {
                    <section class="card" id="recoveries">
                        <h2>{move || t("recoveries-title")}</h2>
                        <ul class="list">
                            {rows.into_iter().map(|r| {
                                let when = crate::util::date_time(r.at_ms);
                                let name = if r.by_name.is_empty() { r.by.chars().take(8).collect() } else { r.by_name.clone() };
                                view! {
                                    <li class="notice recovery-row">{move || ta("recovered-line", &[("date", when.clone().into()), ("name", name.clone().into())])}</li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }}
            <ErrorLine error=error />
            <Show when=supervisor>
                <section class="card" id="invite-card">
                    <h2>{move || t("invite-title")}</h2>
                    <p class="hint">{move || t("invite-text")}</p>
                    <button id="invite" class="primary" on:click=move |_| make_invite()>{move || t("invite-create")}</button>
                    {move || invite.get().map(|i| view! {
                        <div class="qr" inner_html=qr_svg(i.qr_width, &i.qr_modules) aria-label=move || t("invite-qr")></div>
                        <label for="invite-code-out">{move || t("invite-code")}</label>
                        <textarea id="invite-code-out" class="mono" rows="3" readonly=true prop:value=i.code.clone()></textarea>
                    })}
                </section>
                <section class="card">
                    <h2>{move || t("approve-title")}</h2>
                    <label for="approve-role">{move || t("approve-role")}</label>
                    <select id="approve-role" on:change=move |ev| if let Some(r) = picked_role(&ev) { approve_role.set(r) }>
                        {Role::CHOICES.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || approve_role.get() == r>{move || role_label(r)}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint">{move || t("roles-explain")}</p>
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
                        // A supervisor changes another device's role, or hands it the
                        // supervisor role; both are confirmed first.
                        let can_change = supervisor() && !d.this_device;
                        let role = d.role;
                        let name = d.name.clone();
                        // The duress passphrase was used on this device: say so on its
                        // row, with the removal one click away.
                        let duress: Vec<i64> = d.notices.iter().filter(|n| n.kind == DURESS).map(|n| n.at_ms).collect();
                        let under_duress = !duress.is_empty();
                        let ask = id.clone();
                        let go = id.clone();
                        view! {
                            <li class="plain device-row" class:duress=under_duress data-role=role.as_str()>
                                <span class="title">{d.name.clone()}</span>
                                <span class="muted mono">{short}</span>
                                <span class="badge role-badge" data-role=role.as_str()>{
                                    move || role_label(role)
                                }</span>
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
                                {can_change.then(|| view! {
                                    <RoleControls
                                        id=id.clone()
                                        name=name.clone()
                                        role=role
                                        changing=changing
                                        handing=handing
                                        new_role=new_role
                                        on_role=Callback::new(set_role)
                                        on_handover=Callback::new(hand_over)
                                    />
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || role_done.get().map(|id| view! { <p class="ok" id="role-done" role="status">{move || t(id)}</p> })}
                <CardError error=role_error />
            </section>
            <Show when=reviewer>
                <section class="card" id="audit-card">
                    <h2>{move || t("audit-title")}</h2>
                    <p class="hint">{move || t("audit-team-text")}</p>
                    <button id="to-audit" class="secondary" on:click=move |_| ctx.go(crate::app::Screen::Audit)>{move || t("audit-open")}</button>
                </section>
            </Show>
            <Show when=supervisor>
                <section class="card" id="recovery-card">
                    <h2>{move || t("recovery-kit-title")}</h2>
                    <p class="hint">{move || t("recovery-kit-new-text")}</p>
                    <Show when=move || asking_kit.get() fallback=move || view! {
                        <button id="kit-new" class="secondary" on:click=move |_| asking_kit.set(true)>{move || t("recovery-kit-new")}</button>
                    }>
                        <div class="row buttons">
                            <button class="secondary" on:click=move |_| asking_kit.set(false)>{move || t("cancel")}</button>
                            <button id="kit-new-confirm" class="danger" on:click=move |_| new_kit()>{move || t("recovery-kit-new-confirm")}</button>
                        </div>
                    </Show>
                    <CardError error=kit_error />
                </section>
            </Show>
            // Last: the rules change rarely; the invite and the devices are the daily
            // work (and nothing above them moves when the rules arrive).
            <Show when=move || ctx.status.get().team.is_some_and(|t| t.approved)>
                <TeamRules />
            </Show>
        </div>
    }
}

/// A device's role controls on the supervisor's device: "change role" opens a choice
/// of the roles with what the change means and a confirmation; "hand over" asks
/// before this device gives up the supervisor role.
#[component]
fn RoleControls(
    id: String,
    name: String,
    role: Role,
    changing: RwSignal<Option<String>>,
    handing: RwSignal<Option<String>>,
    new_role: RwSignal<Role>,
    on_role: Callback<String>,
    on_handover: Callback<String>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let name = StoredValue::new(name);
    let short: String = id.get_value().chars().take(8).collect();
    let select_id = format!("role-select-{short}");
    let is_changing = move || changing.get().as_deref() == Some(id.get_value().as_str());
    let is_handing = move || handing.get().as_deref() == Some(id.get_value().as_str());
    let open_change = move || {
        handing.set(None);
        // The usual change first: another role than the one it has.
        let other = Role::CHOICES
            .into_iter()
            .find(|r| *r != role)
            .unwrap_or(Role::Operator);
        new_role.set(other);
        changing.set(Some(id.get_value()));
    };
    let open_handover = move || {
        changing.set(None);
        handing.set(Some(id.get_value()));
    };
    let label_for = select_id.clone();
    view! {
        <div class="role-controls">
            <Show when=move || !is_changing() && !is_handing()>
                <div class="row buttons">
                    <button class="secondary role-change" on:click=move |_| open_change()>{move || t("role-change")}</button>
                    <button class="secondary handover" on:click=move |_| open_handover()>{move || t("handover")}</button>
                </div>
            </Show>
            <Show when=is_changing>
                <div class="inline-form role-form">
                    <label for=label_for.clone()>{move || ta("role-change-label", &[("name", name.get_value().into())])}</label>
                    <select id=select_id.clone() class="role-select" on:change=move |ev| if let Some(r) = picked_role(&ev) { new_role.set(r) }>
                        {Role::CHOICES.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || new_role.get() == r>{move || role_label(r)}</option>
                        }).collect_view()}
                    </select>
                    <p class="notice role-ask">{move || {
                        let r = new_role.get();
                        let what = ta("role-change-ask", &[("name", name.get_value().into()), ("role", role_label(r).into())]);
                        if r == Role::Supervisor { format!("{what} {}", t("role-deputy-hint")) } else { what }
                    }}</p>
                    <div class="row buttons">
                        <button class="secondary" on:click=move |_| changing.set(None)>{move || t("cancel")}</button>
                        <button
                            class="primary role-confirm"
                            disabled=move || new_role.get() == role
                            on:click=move |_| on_role.run(id.get_value())
                        >
                            {move || t("role-change-save")}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=is_handing>
                <div class="inline-form handover-form">
                    <p class="notice handover-ask">{move || ta("handover-ask", &[("name", name.get_value().into())])}</p>
                    <div class="row buttons">
                        <button class="secondary" on:click=move |_| handing.set(None)>{move || t("cancel")}</button>
                        <button class="danger handover-confirm" on:click=move |_| on_handover.run(id.get_value())>
                            {move || ta("handover-confirm", &[("name", name.get_value().into())])}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}

/// The team's recovery kit, to print for the office safe: the instruction in plain
/// words, the QR code and the code, large; "printed and stored" makes the device
/// forget it (it is shown only until then).
#[component]
fn RecoveryKitCard(kit: RecoveryKit, shown: RwSignal<Option<RecoveryKit>>) -> impl IntoView {
    let ctx = ctx();
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let printed = move || {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match call::<cmd::RecoveryKitPrinted>(&NoArgs {}).await {
                Ok(s) => {
                    shown.set(None);
                    ctx.apply(s);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let print = move || {
        let _ = window().print();
    };
    // The kit comes first on the team screen: shown from its start, whatever was
    // scrolled on the screen before (the team set-up's buttons are far down).
    Effect::new(move |_| window().scroll_to_with_x_and_y(0.0, 0.0));
    view! {
        <section class="card recovery-kit" id="recovery-kit" aria-labelledby="recovery-kit-title">
            <h1 id="recovery-kit-title">{move || t("recovery-kit-title")}</h1>
            <p class="strong">{move || t("recovery-kit-text")}</p>
            <p class="notice">{move || t("recovery-kit-once")}</p>
            <div class="qr qr-large" inner_html=qr_svg(kit.qr_width, &kit.qr_modules) role="img" aria-label=move || t("recovery-kit-qr")></div>
            <label for="kit-code">{move || t("recovery-kit-code")}</label>
            <textarea id="kit-code" class="mono kit-code" dir="ltr" rows="4" readonly=true prop:value=kit.code.clone()></textarea>
            <div class="row buttons">
                <button id="kit-print" class="secondary" on:click=move |_| print()>{move || t("recovery-kit-print")}</button>
                <button id="kit-printed" class="primary" disabled=move || busy.get() on:click=move |_| printed()>{move || t("recovery-kit-printed")}</button>
            </div>
            <button id="kit-later" class="link" on:click=move |_| shown.set(None)>{move || t("recovery-kit-later")}</button>
            <CardError error=error />
        </section>
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

//! The programme coordinator's screen, on a device in no team: make the device a
//! programme's coordinator; its public code (and QR code) for the teams' supervisors;
//! the teams pinned, with the periods each has sent; team codes pinned; the teams'
//! package files imported; the combined report of a period (small counts of the sum
//! hidden, the teams without a package named) shown as the team reports are, and
//! exported as a workbook.
//!
//! Reached from the menu only on a coordinator's device ([`crate::app::Ctx::coordinator`])
//! and, to become one, from the team screen of a device in no team: a team's device
//! never sees it. Every rule is the core's (`ponte_device::programme`): a refusal is
//! shown translated.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::{NoArgs, PeriodArgs};
use ponte_ipc::programme::{
    AddTeamArgs, CoordinatorKey, ImportFilesArgs, Imported, InitArgs, Overview, PackageBytes,
    Period, ProgrammeView,
};
use ponte_ipc::{IpcError, cmd};
use wasm_bindgen::JsCast;

use crate::app::ctx;
use crate::i18n::{self, t, ta};
use crate::ipc::call;
use crate::screens::case::CardError;
use crate::screens::reports::ReportBody;
use crate::screens::widgets::{CodeInput, DateInput, ShownCode, reshow_on_language_change};
use crate::util;

/// The code the core answers on a device that is not a coordinator.
pub const NOT_COORDINATOR: &str = "programme-not-coordinator";

/// A period as the UI language writes it: `01/01/2026 – 31/03/2026`.
fn period_text(from: &str, to: &str) -> String {
    ta(
        "programme-period",
        &[
            ("from", util::date(from).into()),
            ("to", util::date(to).into()),
        ],
    )
}

/// An error's `from` and `to` (a period, `YYYY-MM-DD`) as the UI language writes dates.
fn with_dates(mut e: IpcError) -> IpcError {
    for (key, value) in &mut e.args {
        if key == "from" || key == "to" {
            *value = util::date(value);
        }
    }
    e
}

/// The first 8 characters of an id, to tell two teams of the same name apart.
fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

#[component]
pub fn Programme() -> impl IntoView {
    let ctx = ctx();
    let overview = RwSignal::new(None::<Overview>);
    let not_coordinator = RwSignal::new(false);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<IpcError>);
    let load = move || {
        spawn_local(async move {
            match call::<cmd::ProgrammeList>(&NoArgs {}).await {
                Ok(o) => {
                    not_coordinator.set(false);
                    ctx.coordinator.set(true);
                    overview.set(Some(o));
                }
                Err(e) if e.code == NOT_COORDINATOR => not_coordinator.set(true),
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    load();
    let reload = Callback::new(move |()| load());
    // The code made by "become a coordinator", shown at once.
    let key = RwSignal::new(None::<CoordinatorKey>);
    let fresh_key = RwSignal::new(false);
    // What the last import and the last team added gave: kept here, as the cards are
    // drawn again with what the programme holds after each.
    let imported = RwSignal::new(None::<Vec<Imported>>);
    let added = RwSignal::new(None::<String>);
    // Just set up here: the code to hand to the teams comes first.
    let fresh = Signal::derive(move || key.with(Option::is_some) && fresh_key.get());
    view! {
        <div id="programme" class="stack" aria-busy=move || if loading.get() { "true" } else { "false" }>
            <CardError error=error />
            <Show when=move || not_coordinator.get()>
                <ProgrammeSetup key=key fresh=fresh_key reload=reload />
            </Show>
            {move || overview.get().map(|o| view! {
                <section class="card" id="programme-head">
                    <h1 id="programme-name">{o.name.clone()}</h1>
                    <p class="hint">{move || t("programme-intro")}</p>
                    <p class="muted">
                        {move || t("programme-fingerprint")} " "
                        <bdi class="mono" dir="ltr" id="programme-fingerprint">{o.fingerprint.chars().take(16).collect::<String>()}</bdi>
                    </p>
                </section>
                // The daily work first (import, report); the code for the teams
                // last, but first just after set-up, when it is what comes next.
                <Show when=move || fresh.get()>
                    <KeyCard key=key />
                </Show>
                <ImportCard done=imported reload=reload />
                <ReportCard overview=o.clone() />
                <TeamsCard overview=o added=added reload=reload />
                <Show when=move || !fresh.get()>
                    <KeyCard key=key />
                </Show>
            })}
        </div>
    }
}

/// Make this device a programme's coordinator: its name, one button.
#[component]
fn ProgrammeSetup(
    key: RwSignal<Option<CoordinatorKey>>,
    fresh: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<IpcError>);
    let init = move || {
        busy.set(true);
        error.set(None);
        let args = InitArgs {
            name: name.get_untracked(),
        };
        spawn_local(async move {
            match call::<cmd::ProgrammeInit>(&args).await {
                Ok(k) => {
                    key.set(Some(k));
                    fresh.set(true);
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" id="programme-setup">
            <h1>{move || t("programme-title")}</h1>
            <p>{move || t("programme-setup-text")}</p>
            <label for="programme-new-name">{move || t("programme-name")}</label>
            <input
                id="programme-new-name"
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <button id="programme-init" class="primary" disabled=move || busy.get() on:click=move |_| init()>
                {move || t("programme-init")}
            </button>
            <CardError error=error />
        </section>
    }
}

/// The coordinator's public code for the teams' supervisors: shown on request (or at
/// once after set-up), as a QR code and as text.
#[component]
fn KeyCard(key: RwSignal<Option<CoordinatorKey>>) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let show = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::ProgrammeKey>(&NoArgs {}).await {
                Ok(k) => key.set(Some(k)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" id="programme-key-card">
            <h2>{move || t("programme-key-title")}</h2>
            <p class="hint">{move || t("programme-key-text")}</p>
            {move || match key.get() {
                None => view! {
                    <button id="programme-key-show" class="secondary" on:click=move |_| show()>{move || t("programme-key-show")}</button>
                }.into_any(),
                Some(k) => view! {
                    <ShownCode id="programme-code" label="programme-key-code" qr_label="programme-key-qr"
                        code=k.code qr_width=k.qr_width qr_modules=k.qr_modules />
                }.into_any(),
            }}
            <CardError error=error />
        </section>
    }
}

/// The pinned teams, each with the periods it sent; a team pinned by its code.
#[component]
fn TeamsCard(
    overview: Overview,
    added: RwSignal<Option<String>>,
    reload: Callback<()>,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let add = move || {
        busy.set(true);
        error.set(None);
        added.set(None);
        let args = AddTeamArgs {
            code: code.get_untracked(),
            name: Some(name.get_untracked()),
        };
        spawn_local(async move {
            match call::<cmd::ProgrammeAddTeam>(&args).await {
                Ok(row) => {
                    code.set(String::new());
                    name.set(String::new());
                    added.set(Some(row.name));
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let empty = overview.teams.is_empty();
    view! {
        <section class="card" id="programme-teams">
            <h2>{move || t("programme-teams-title")}</h2>
            {empty.then(|| view! { <p class="muted" id="programme-no-teams">{move || t("programme-no-teams")}</p> })}
            <ul class="list" id="programme-team-list">
                {overview.teams.into_iter().map(|team| {
                    let periods = team.periods.clone();
                    view! {
                        <li class="plain programme-team" data-team=team.team.clone()>
                            <span class="title">{team.name.clone()}</span>
                            " "
                            <bdi class="muted mono" dir="ltr">{short(&team.team)}</bdi>
                            {if periods.is_empty() {
                                view! { <p class="notice team-nothing">{move || t("programme-team-nothing")}</p> }.into_any()
                            } else {
                                view! {
                                    <p class="team-periods">
                                        <span class="muted">{let n = periods.len(); move || ta("programme-team-sent", &[("count", n.into())])}</span>
                                        {periods.iter().map(|p| {
                                            let (from, to) = (p.from.clone(), p.to.clone());
                                            view! { " " <span class="badge period-badge">{move || period_text(&from, &to)}</span> }
                                        }).collect_view()}
                                    </p>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>{move || t("programme-add-team-title")}</h3>
            <p class="hint">{move || t("programme-add-team-text")}</p>
            <label for="team-code">{move || t("programme-team-code")}</label>
            <CodeInput id="team-code" value=code />
            <label for="team-name">{move || t("programme-team-name")}</label>
            <input
                id="team-name"
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <button id="add-team" class="secondary" disabled=move || busy.get() || code.get().trim().is_empty() on:click=move |_| add()>
                {move || t("programme-add-team")}
            </button>
            {move || added.get().map(|n| view! { <p class="ok" id="team-added" role="status">{move || ta("programme-team-added", &[("name", n.clone().into())])}</p> })}
            <CardError error=error />
        </section>
    }
}

/// What became of an imported package, in the UI language.
fn imported_line(i: &Imported) -> String {
    ta(
        "programme-imported-line",
        &[
            ("name", i.name.clone().into()),
            ("period", period_text(&i.from, &i.to).into()),
            (
                "status",
                i18n::code_label("programme-import", &i.status).into(),
            ),
        ],
    )
}

/// The teams' package files, picked on the device (several at once): all are checked
/// before any is kept.
#[component]
fn ImportCard(done: RwSignal<Option<Vec<Imported>>>, reload: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        // The same file picked again must fire `change` again.
        input.set_value("");
        if files.is_empty() {
            return;
        }
        busy.set(true);
        error.set(None);
        done.set(None);
        spawn_local(async move {
            let mut packages = Vec::new();
            for file in files {
                let name = file.name();
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => packages.push(PackageBytes {
                        name,
                        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
                    }),
                    Err(_) => {
                        error.set(Some(IpcError::with_args("read-input", &[("file", name)])));
                        busy.set(false);
                        return;
                    }
                }
            }
            match call::<cmd::ProgrammeImportFiles>(&ImportFilesArgs { files: packages }).await {
                Ok(list) => {
                    done.set(Some(list));
                    reload.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" id="programme-import" aria-busy=move || if busy.get() { "true" } else { "false" }>
            <h2>{move || t("programme-import-title")}</h2>
            <p class="hint">{move || t("programme-import-text")}</p>
            <div class="file-pick">
                <input id="package-files" type="file" multiple=true accept=".json,application/json" on:change=pick />
                <label for="package-files" class="file-label">{move || t("programme-import-pick")}</label>
            </div>
            {move || done.get().map(|list| view! {
                <ul class="list" id="imported" role="status">
                    {list.into_iter().map(|i| view! {
                        <li class="plain imported-row" data-status=i.status.clone()>{
                            let i = i.clone();
                            move || imported_line(&i)
                        }</li>
                    }).collect_view()}
                </ul>
            })}
            <CardError error=error />
        </section>
    }
}

/// The combined report of a period: picked among the periods the teams sent (one
/// tap), or typed; shown with the teams in it and those missing; exported.
#[component]
fn ReportCard(overview: Overview) -> impl IntoView {
    // Every period some team sent, newest first.
    let periods: Vec<Period> = overview
        .teams
        .iter()
        .flat_map(|t| t.periods.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .rev()
        .collect();
    let (first_from, first_to) = periods
        .first()
        .map_or_else(util::this_month, |p| (p.from.clone(), p.to.clone()));
    let from = RwSignal::new(first_from);
    let to = RwSignal::new(first_to);
    let view_ = RwSignal::new(None::<ProgrammeView>);
    let exported = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let period = move || PeriodArgs {
        from: from.get_untracked(),
        to: to.get_untracked(),
    };
    let show = move || {
        error.set(None);
        exported.set(None);
        busy.set(true);
        spawn_local(async move {
            match call::<cmd::ProgrammeReport>(&period()).await {
                Ok(v) => view_.set(Some(v)),
                Err(e) => {
                    view_.set(None);
                    error.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    reshow_on_language_change(move || view_.get_untracked().is_some(), show);
    let export = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::ProgrammeExport>(&period()).await {
                Ok(path) => exported.set(Some(path)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let has_periods = !periods.is_empty();
    view! {
        <section class="card" id="programme-report" aria-busy=move || if busy.get() { "true" } else { "false" }>
            <h2>{move || t("programme-report-title")}</h2>
            <p class="hint">{move || t("programme-report-text")}</p>
            {has_periods.then(|| view! {
                <div class="chips" id="programme-periods" role="group" aria-label=move || t("programme-periods-label")>
                    {periods.into_iter().map(|p| {
                        let (f, tt) = (p.from.clone(), p.to.clone());
                        let (f2, t2) = (p.from.clone(), p.to.clone());
                        let on = move || from.get() == f2 && to.get() == t2;
                        let on2 = on.clone();
                        view! {
                            <button class="chip period-choice" data-from=f.clone() class:selected=on aria-pressed=move || if on2() { "true" } else { "false" }
                                on:click=move |_| { from.set(f.clone()); to.set(tt.clone()); show(); }>
                                {let (a, b) = (p.from.clone(), p.to.clone()); move || period_text(&a, &b)}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
            <div class="row wrap">
                <div class="field small-field">
                    <label for="programme-from">{move || t("reports-from")}</label>
                    <DateInput id="programme-from" value=from on_pick=Callback::new(move |d| from.set(d)) />
                </div>
                <div class="field small-field">
                    <label for="programme-to">{move || t("reports-to")}</label>
                    <DateInput id="programme-to" value=to on_pick=Callback::new(move |d| to.set(d)) />
                </div>
            </div>
            <div class="row wrap">
                <button id="programme-show" class="primary" disabled=move || busy.get() on:click=move |_| show()>{move || t("reports-show")}</button>
                <Show when=move || view_.with(Option::is_some)>
                    <button id="programme-export" class="secondary" on:click=move |_| export()>{move || t("reports-export")}</button>
                </Show>
            </div>
            {move || exported.get().map(|p| view! { <p class="ok" id="programme-exported">{move || t("reports-exported")} " " <bdi class="mono" dir="ltr">{p.clone()}</bdi></p> })}
            // A period named in an error is written as the UI language writes dates.
            <Show when=move || error.with(Option::is_some)>
                <p class="error card-error" id="programme-report-error" role="alert">
                    {move || error.get().map(|e| i18n::error_text(&with_dates(e))).unwrap_or_default()}
                </p>
            </Show>
        </section>
        {move || view_.get().map(|v| view! {
            <section class="card" id="programme-included">
                <h2>{move || t("programme-included-title")}</h2>
                <ul class="list">
                    {v.teams.iter().map(|team| {
                        let included = team.included;
                        view! {
                            <li class="plain included-row" data-included=if included { "true" } else { "false" }>
                                <span class="title">{team.name.clone()}</span>
                                " "
                                <span class="badge" class:missing-badge=!included>{move || if included { t("programme-team-in") } else { t("programme-team-missing") }}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <ReportBody report=v.report />
        })}
    }
}

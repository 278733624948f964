//! Reports (supervisor): the funder's indicators for a period, computed on this device,
//! small counts hidden; shown as tables and exported as a workbook. A team's supervisor
//! also sends the period's counts to the programme coordinator from here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::PeriodArgs;
use ponte_ipc::programme::{PublishArgs, PublishedPackage, TeamCodeArgs, TeamCodeView};
use ponte_ipc::{IpcError, ReportView, cmd};

use crate::app::{ErrorLine, ctx};
use crate::i18n::{t, ta};
use crate::ipc::call;
use crate::screens::case::CardError;
use crate::screens::widgets::{CodeInput, DateInput, ShownCode, reshow_on_language_change};
use crate::util;

#[component]
pub fn Reports() -> impl IntoView {
    let (first, today) = util::this_month();
    let from = RwSignal::new(first);
    let to = RwSignal::new(today);
    let report = RwSignal::new(None::<ReportView>);
    let exported = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let period = move || PeriodArgs {
        from: from.get_untracked(),
        to: to.get_untracked(),
    };
    let show = move || {
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match call::<cmd::Report>(&period()).await {
                Ok(r) => report.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    reshow_on_language_change(move || report.get_untracked().is_some(), show);
    let export = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::ReportExport>(&period()).await {
                Ok(path) => exported.set(Some(path)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <div id="reports" class="stack" aria-busy=move || if busy.get() { "true" } else { "false" }>
            <section class="card">
                <h1>{move || t("reports-title")}</h1>
                <p class="hint">{move || t("reports-text")}</p>
                <div class="row wrap">
                    <div class="field small-field">
                        <label for="report-from">{move || t("reports-from")}</label>
                        <DateInput id="report-from" value=from on_pick=Callback::new(move |d| from.set(d)) />
                    </div>
                    <div class="field small-field">
                        <label for="report-to">{move || t("reports-to")}</label>
                        <DateInput id="report-to" value=to on_pick=Callback::new(move |d| to.set(d)) />
                    </div>
                </div>
                <div class="row wrap">
                    <button id="report-show" class="primary" disabled=move || busy.get() on:click=move |_| show()>{move || t("reports-show")}</button>
                    // Only a supervisor exports (the core refuses anyone else).
                    <Show when=|| crate::screens::team::may(ponte_ipc::Action::ExportReport)>
                        <button id="report-export" class="secondary" on:click=move |_| export()>{move || t("reports-export")}</button>
                    </Show>
                </div>
                <ErrorLine error=error />
                {move || exported.get().map(|p| view! { <p class="ok" id="report-exported">{move || t("reports-exported")} " " <span class="mono">{p.clone()}</span></p> })}
            </section>
            {move || report.get().map(|r| view! { <ReportBody report=r /> })}
            <Show when=move || ctx().status.with(|s| s.team.as_ref().is_some_and(|t| t.supervisor))>
                <ProgrammeSend from=from to=to />
            </Show>
        </div>
    }
}

/// A team supervisor's side of the programme: the team code the coordinator pins once,
/// and, for the period chosen above, a package of the team's exact counts sealed to the
/// coordinator (a file beside the exported reports, to send them). The rules (who may,
/// what the package holds, the audit) are the core's.
#[component]
fn ProgrammeSend(from: RwSignal<String>, to: RwSignal<String>) -> impl IntoView {
    let code = RwSignal::new(None::<TeamCodeView>);
    let coordinator = RwSignal::new(String::new());
    let published = RwSignal::new(None::<PublishedPackage>);
    let error = RwSignal::new(None::<IpcError>);
    let busy = RwSignal::new(false);
    let show_code = move || {
        error.set(None);
        spawn_local(async move {
            match call::<cmd::ProgrammeTeamCode>(&TeamCodeArgs::default()).await {
                Ok(c) => code.set(Some(c)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let publish = move || {
        error.set(None);
        published.set(None);
        busy.set(true);
        let args = PublishArgs {
            coordinator: coordinator.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
        };
        spawn_local(async move {
            match call::<cmd::ProgrammePublish>(&args).await {
                Ok(p) => published.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" id="programme-send">
            <h2>{move || t("programme-send-title")}</h2>
            <p class="hint">{move || t("programme-send-text")}</p>
            <h3>{move || t("programme-send-code-title")}</h3>
            <p class="hint">{move || t("programme-send-code-text")}</p>
            {move || match code.get() {
                None => view! {
                    <button id="programme-team-code-show" class="secondary" on:click=move |_| show_code()>{move || t("programme-send-code-show")}</button>
                }.into_any(),
                Some(c) => view! {
                    <ShownCode id="programme-team-code" label="programme-team-code" qr_label="programme-send-code-qr"
                        code=c.code qr_width=c.qr_width qr_modules=c.qr_modules />
                }.into_any(),
            }}
            <h3 id="programme-send-period">
                {move || ta("programme-send-package-title", &[("from", util::date(&from.get()).into()), ("to", util::date(&to.get()).into())])}
            </h3>
            <p class="hint">{move || t("programme-send-package-text")}</p>
            <label for="publish-coordinator">{move || t("programme-key-code")}</label>
            <CodeInput id="publish-coordinator" value=coordinator />
            <button id="programme-publish" class="primary" disabled=move || busy.get() || coordinator.get().trim().is_empty() on:click=move |_| publish()>
                {move || t("programme-send-publish")}
            </button>
            {move || published.get().map(|p| view! {
                <div class="ok" id="programme-published" role="status">
                    <p>{move || ta("programme-send-done", &[("programme", p.programme.clone().into())])}</p>
                    <p class="mono" dir="ltr">{p.path.clone()}</p>
                    // As the coordinator's screen shows it (its first 16 digits).
                    <p>{move || t("programme-fingerprint")} " " <bdi class="mono" dir="ltr" id="published-fingerprint">{p.fingerprint.chars().take(16).collect::<String>()}</bdi></p>
                    <p class="hint">{move || t("programme-send-check")}</p>
                </div>
            })}
            <CardError error=error />
        </section>
    }
}

/// A report's body as a screen shows it: how many small counts are hidden, the charts,
/// and the tables with hidden cells marked (`x`). The team's report and the
/// programme's use it.
#[component]
pub fn ReportBody(report: ReportView) -> impl IntoView {
    let r = report;
    view! {
        <p class="notice" id="report-hidden">
            {ta("reports-hidden-note", &[("threshold", (r.threshold as usize).into()), ("count", r.hidden.into())])}
        </p>
        <section class="card charts" id="report-charts">
            {r.charts.into_iter().map(|(title, url)| view! {
                <figure class="chart">
                    <div class="chart-scroll">
                        <img src=url alt=title.clone() />
                    </div>
                    <figcaption>{title.clone()}</figcaption>
                </figure>
            }).collect_view()}
        </section>
        {r.tables.into_iter().map(|table| view! {
            <section class="card report-table" data-table=table.id.clone()>
                <h2>{table.title.clone()}</h2>
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col"></th>
                                {table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                                <th scope="col">{move || t("reports-total")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {table.rows.iter().map(|(label, cells, total)| view! {
                                <tr>
                                    <th scope="row">{label.clone()}</th>
                                    {cells.iter().map(|c| view! { <td class:hidden-cell=c == "x">{c.clone()}</td> }).collect_view()}
                                    <td class="total">{total.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }).collect_view()}
    }
}

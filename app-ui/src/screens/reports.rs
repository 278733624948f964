//! Reports (supervisor): the funder's indicators for a period, computed on this device,
//! small counts hidden; shown as tables and exported as a workbook.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ponte_ipc::cmd::PeriodArgs;
use ponte_ipc::{IpcError, ReportView, cmd};

use crate::app::ErrorLine;
use crate::i18n::{t, ta};
use crate::ipc::call;
use crate::screens::widgets::DateInput;
use crate::util;

#[component]
pub fn Reports() -> impl IntoView {
    let today = util::today();
    let from = RwSignal::new(format!("{}-01", &today[..7]));
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
    // A report on screen follows the UI language: its labels and charts are made in it.
    Effect::new(move |previous: Option<String>| {
        let lang = crate::i18n::locale().get();
        if previous.is_some_and(|p| p != lang) && report.get_untracked().is_some() {
            show();
        }
        lang
    });
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
                    <Show when=crate::screens::team::is_supervisor>
                        <button id="report-export" class="secondary" on:click=move |_| export()>{move || t("reports-export")}</button>
                    </Show>
                </div>
                <ErrorLine error=error />
                {move || exported.get().map(|p| view! { <p class="ok" id="report-exported">{move || t("reports-exported")} " " <span class="mono">{p.clone()}</span></p> })}
            </section>
            {move || report.get().map(|r| view! { <ReportBody report=r /> })}
        </div>
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

//! Pieces shared by screens: bilingual labels, code pickers, chips, draft badge, codes
//! handed over and pasted, a report that follows the UI language, the answer to "may
//! the team contact this person again?" and how.

use leptos::prelude::*;
use ponte_model::vocab;

use crate::i18n::{self, t};
use crate::util;

/// Languages with worker-facing content, for the worker-language picker.
pub fn worker_languages() -> &'static [&'static str] {
    ponte_i18n::WORKER_LOCALES
}

/// A message in the operator's language, and beside it in the worker's (when they
/// differ), marked with the worker language's `lang` and `dir`.
#[component]
pub fn Bi(
    #[prop(into)] id: String,
    worker: RwSignal<String>,
    #[prop(optional)] big: bool,
) -> impl IntoView {
    let id_w = id.clone();
    view! {
        <span class="bi" class:big=big>
            <span class="op">{move || t(&id)}</span>
            <Show when=move || worker.get() != i18n::locale().get()>
                <span class="wk" lang=move || worker.get() dir=move || i18n::dir_of(&worker.get())>
                    {
                        let id_w = id_w.clone();
                        move || i18n::tw(&worker.get(), &id_w)
                    }
                </span>
            </Show>
        </span>
    }
}

/// "Draft translation" badge for a worker language not reviewed by a native speaker.
#[component]
pub fn DraftBadge(#[prop(into)] worker: Signal<String>) -> impl IntoView {
    view! {
        <Show when=move || i18n::is_draft(&worker.get())>
            <span class="badge draft" id="draft-badge">{move || t("translation-draft")}</span>
        </Show>
    }
}

/// Picker of the worker's language.
#[component]
pub fn WorkerLanguage(
    worker: RwSignal<String>,
    /// The picker's element id (default `worker-lang`): two on one page need two.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| "worker-lang".to_owned());
    view! {
        <div class="field">
            <label for=id.clone()>{move || t("worker-language")}</label>
            <select
                id=id
                on:change=move |ev| worker.set(event_target_value(&ev))
                prop:value=move || worker.get()
            >
                {worker_languages()
                    .iter()
                    .map(|l| {
                        let l: &'static str = l;
                        view! {
                            <option value=l selected=move || worker.get() == l>
                                {i18n::tw(l, "language-name")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <DraftBadge worker=worker />
        </div>
    }
}

/// A `<select>` over a code list; labels are `<list>-<code>`; an empty first option
/// means "not stated".
#[component]
pub fn CodeSelect(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    list: &'static str,
    codes: &'static [&'static str],
    value: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let for_id = id.clone();
    view! {
        <div class="field">
            <label for=for_id>{move || t(&label)}</label>
            <select id=id on:change=move |ev| on_pick.run(event_target_value(&ev)) prop:value=move || value.get()>
                <option value="" selected=move || value.get().is_empty()>{move || t("not-stated")}</option>
                {codes
                    .iter()
                    .map(|c| {
                        let c: &'static str = c;
                        view! {
                            <option value=c selected=move || value.get() == c>
                                {move || i18n::code_label(list, c)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Toggle chips over a code list, each label in both languages.
#[component]
pub fn Chips(
    #[prop(into)] id: String,
    list: &'static str,
    codes: &'static [&'static str],
    worker: RwSignal<String>,
    selected: Signal<Vec<String>>,
    on_toggle: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="chips" id=id role="group">
            {codes
                .iter()
                .map(|c| {
                    let c: &'static str = c;
                    let on = move || selected.get().iter().any(|s| s == c);
                    view! {
                        <button
                            class="chip"
                            data-code=c
                            class:selected=on
                            aria-pressed=move || if on() { "true" } else { "false" }
                            on:click=move |_| on_toggle.run(c.to_owned())
                        >
                            <Bi id=format!("{list}-{c}") worker=worker />
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A date field in the UI language's format ([`util::date`]), read back with
/// [`util::parse_date`]: `value` and what `on_pick` gets are `YYYY-MM-DD` ("" when
/// emptied). Not `<input type=date>`: WebKit draws that in the system's format
/// (`11/24/2026` under an Italian UI), not the UI language's.
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into)] value: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    // What the person is typing, until it is a date again (then shown reformatted).
    let typed = RwSignal::new(None::<String>);
    let invalid = move || {
        typed
            .get()
            .is_some_and(|t| !t.trim().is_empty() && util::parse_date(&t).is_none())
    };
    view! {
        <input
            id=id
            class="date-input"
            autocomplete="off"
            placeholder=move || t("date-placeholder")
            aria-invalid=move || if invalid() { "true" } else { "false" }
            prop:value=move || typed.get().unwrap_or_else(|| util::date(&value.get()))
            on:input=move |ev| {
                let text = event_target_value(&ev);
                if text.trim().is_empty() {
                    on_pick.run(String::new());
                } else if let Some(iso) = util::parse_date(&text) {
                    on_pick.run(iso);
                }
                typed.set(Some(text));
            }
            on:blur=move |_| {
                if !invalid() {
                    typed.set(None);
                }
            }
        />
    }
}

/// A risk badge.
#[component]
pub fn RiskBadge(#[prop(into)] level: String) -> impl IntoView {
    let class = format!("badge risk-{level}");
    view! { <span class=class>{move || i18n::code_label("risk-level", &level)}</span> }
}

/// A code to paste (a coordinator's or a team's code): left to right, no autocorrect,
/// bound to `value`.
#[component]
pub fn CodeInput(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <textarea
            id=id
            dir="ltr"
            rows="3"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        ></textarea>
    }
}

/// A code to hand over: its QR code (named by the message `qr_label`) and its text,
/// read-only, under the message `label`.
#[component]
pub fn ShownCode(
    id: &'static str,
    label: &'static str,
    qr_label: &'static str,
    code: String,
    qr_width: usize,
    qr_modules: Vec<bool>,
) -> impl IntoView {
    view! {
        <div class="qr" inner_html=crate::screens::team::qr_svg(qr_width, &qr_modules) role="img" aria-label=move || t(qr_label)></div>
        <label for=id>{move || t(label)}</label>
        <textarea id=id class="mono" dir="ltr" rows="3" readonly=true prop:value=code></textarea>
    }
}

/// Runs `show` again when the UI language changes while `shown` holds: a report's
/// labels and charts are made in the UI language.
pub fn reshow_on_language_change(shown: impl Fn() -> bool + 'static, show: impl Fn() + 'static) {
    Effect::new(move |previous: Option<String>| {
        let lang = i18n::locale().get();
        if previous.is_some_and(|p| p != lang) && shown() {
            show();
        }
        lang
    });
}

/// What a person answered to "may the team contact you again?": yes or no (`None`
/// until asked), and after a yes how (`recontact_ways` codes) and, for a call or a
/// message, their phone number. The screen that records the contact owns it and
/// shows it with [`RecontactChoice`].
#[derive(Debug, Clone, Copy)]
pub struct Recontact {
    /// Yes or no; `None` until the person answered.
    pub answer: RwSignal<Option<bool>>,
    /// The ways picked, in the order tapped.
    pub ways: RwSignal<Vec<String>>,
    /// The phone number as typed.
    pub phone: RwSignal<String>,
}

impl Recontact {
    /// Nothing answered yet.
    pub fn new() -> Self {
        Self {
            answer: RwSignal::new(None),
            ways: RwSignal::new(Vec::new()),
            phone: RwSignal::new(String::new()),
        }
    }

    /// Whether the person answered, yes or no (a contact is saved only then).
    pub fn answered(&self) -> bool {
        self.answer.with(Option::is_some)
    }

    /// Whether `way` is among the ways picked.
    fn has(&self, way: &str) -> bool {
        self.ways.with(|w| w.iter().any(|x| x == way))
    }

    /// The ways to send: those picked after a yes, none after a no (picked, then the
    /// answer changed).
    pub fn ways_to_send(&self) -> Vec<String> {
        if self.answer.get_untracked() == Some(true) {
            self.ways.get_untracked()
        } else {
            Vec::new()
        }
    }

    /// The phone number to send: typed with the way `phone` after a yes, else none.
    pub fn phone_to_send(&self) -> Option<String> {
        let phone = self.phone.get_untracked().trim().to_owned();
        let by_phone = self.answer.get_untracked() == Some(true)
            && self.ways.with_untracked(|w| w.iter().any(|x| x == "phone"));
        (by_phone && !phone.is_empty()).then_some(phone)
    }

    /// Back to nothing answered (the form is saved or left).
    pub fn clear(&self) {
        self.answer.set(None);
        self.ways.set(Vec::new());
        self.phone.set(String::new());
    }
}

impl Default for Recontact {
    fn default() -> Self {
        Self::new()
    }
}

/// "May the team contact this person again?": yes and no as two large buttons
/// (`<id>-recontact-yes`, `<id>-recontact-no`); after a yes, how as toggle chips
/// (`#<id>-recontact-how [data-code=...]`), and with the way `phone` the person's
/// number (`<id>-phone`).
#[component]
pub fn RecontactChoice(
    /// The prefix of the element ids (`contact`, `group`).
    id: &'static str,
    /// The answer, owned by the screen.
    value: Recontact,
) -> impl IntoView {
    let yes_no = move |suffix: &'static str, label: &'static str, answer: bool| {
        let on = move || value.answer.get() == Some(answer);
        view! {
            <button id=format!("{id}-recontact-{suffix}") class="choice" class:selected=on
                aria-pressed=move || if on() { "true" } else { "false" }
                on:click=move |_| value.answer.set(Some(answer))>
                {move || t(label)}
            </button>
        }
    };
    let toggle = move |way: &'static str| {
        value.ways.update(|w| {
            if let Some(at) = w.iter().position(|x| x == way) {
                w.remove(at);
            } else {
                w.push(way.to_owned());
            }
        });
    };
    view! {
        <fieldset id=format!("{id}-recontact")>
            <legend>{move || t("contact-recontact")}</legend>
            <div class="consent-answers">
                {yes_no("yes", "answer-yes", true)}
                {yes_no("no", "answer-no", false)}
            </div>
            <Show when=move || value.answer.get() == Some(true)>
                <fieldset>
                    <legend>{move || t("contact-recontact-how")}</legend>
                    <div class="chips" id=format!("{id}-recontact-how") role="group">
                        {vocab::RECONTACT_WAYS.iter().map(|c| {
                            let c: &'static str = c;
                            let on = move || value.has(c);
                            view! {
                                <button class="chip" data-code=c class:selected=on
                                    aria-pressed=move || if on() { "true" } else { "false" }
                                    on:click=move |_| toggle(c)>
                                    {move || i18n::code_label("recontact-way", c)}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <Show when=move || value.has("phone")>
                    <div class="field">
                        <label for=format!("{id}-phone")>{move || t("contact-phone")}</label>
                        <input id=format!("{id}-phone") type="tel" inputmode="tel" dir="ltr" autocomplete="off"
                            maxlength="40" prop:value=move || value.phone.get()
                            on:input=move |ev| value.phone.set(event_target_value(&ev)) />
                    </div>
                </Show>
            </Show>
        </fieldset>
    }
}

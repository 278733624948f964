//! Translations on screen: the UI language (reactive) and worker languages (side by
//! side with it). Everything shown is a Fluent id from `locales/`; codes from records
//! are shown through their `<list>-<code>` ids.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use ponte_i18n::{Arg, Translator};

/// Languages the UI itself can be shown in.
pub const UI_LANGUAGES: &[&str] = &["it", "en", "ar"];

thread_local! {
    static LOCALE: RefCell<Option<RwSignal<String>>> = const { RefCell::new(None) };
    static BUNDLES: RefCell<HashMap<String, Translator>> = RefCell::new(HashMap::new());
}

/// Set up the UI language signal (once, at start).
pub fn install(initial: &str) -> RwSignal<String> {
    let signal = RwSignal::new(initial.to_owned());
    LOCALE.with(|l| *l.borrow_mut() = Some(signal));
    signal
}

/// The UI language signal.
pub fn locale() -> RwSignal<String> {
    LOCALE
        .with(|l| *l.borrow())
        .unwrap_or_else(|| install("it"))
}

/// A message of `lang` as shown: in a right-to-left language its Latin runs are
/// isolated ([`crate::util::isolate_latin`]), so "(Numero Verde Antitratta)" keeps its
/// order and brackets inside Arabic text.
fn shown(lang: &str, text: String) -> String {
    if ponte_i18n::is_rtl(lang) {
        crate::util::isolate_latin(&text)
    } else {
        text
    }
}

fn with_bundle<R>(lang: &str, f: impl FnOnce(&Translator) -> R) -> R {
    BUNDLES.with(|b| {
        let mut map = b.borrow_mut();
        let tr = map
            .entry(lang.to_owned())
            .or_insert_with(|| Translator::with_isolation(Some(lang), true));
        f(tr)
    })
}

/// The UI message `id` (re-rendered when the UI language changes).
pub fn t(id: &str) -> String {
    let lang = locale().get();
    shown(&lang, with_bundle(&lang, |tr| tr.t(id, &[])))
}

/// The UI message `id` with arguments.
pub fn ta(id: &str, args: &[(&str, Arg)]) -> String {
    let lang = locale().get();
    shown(&lang, with_bundle(&lang, |tr| tr.t(id, args)))
}

fn has(lang: &str, id: &str) -> bool {
    with_bundle(lang, |tr| tr.has(id))
}

/// The UI message `id` if it exists, else `fallback` (for codes without a label, such
/// as a country code outside the common list).
pub fn t_or(id: &str, fallback: &str) -> String {
    let lang = locale().get();
    if has(&lang, id) || has("en", id) {
        shown(&lang, with_bundle(&lang, |tr| tr.t(id, &[])))
    } else {
        fallback.to_owned()
    }
}

/// The message `id` in a worker's language `lang` (not the UI's).
pub fn tw(lang: &str, id: &str) -> String {
    shown(lang, with_bundle(lang, |tr| tr.t(id, &[])))
}

/// The message `id` in `lang`, with arguments.
pub fn twa(lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
    shown(lang, with_bundle(lang, |tr| tr.t(id, args)))
}

/// `rtl` or `ltr`, for a `dir` attribute.
pub fn dir_of(lang: &str) -> &'static str {
    if ponte_i18n::is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Whether the worker-facing text of `lang` still waits for a native speaker's review.
pub fn is_draft(lang: &str) -> bool {
    ponte_i18n::is_draft(lang)
}

/// Label of a coded value: the Fluent id `<list>-<code>`.
pub fn code_label(list: &str, code: &str) -> String {
    t_or(&format!("{list}-{code}"), code)
}

/// An error from the shell, in the UI language, as the app words it (the rendering
/// shared with the CLI, without its commands and flags:
/// [`ponte_ipc::IpcError::message_in_app`]).
pub fn error_text(e: &ponte_ipc::IpcError) -> String {
    let lang = locale().get();
    // A role named in an error (`role-refused`) is shown by its name in the UI
    // language.
    let mut e = e.clone();
    for (key, value) in &mut e.args {
        let id = format!("role-{value}");
        if key == "role" && has(&lang, &id) {
            *value = with_bundle(&lang, |tr| tr.t(&id, &[]));
        }
    }
    with_bundle(&lang, |tr| e.message_in_app(tr))
}

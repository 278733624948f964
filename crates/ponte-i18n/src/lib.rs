//! Ponte's translations: Fluent bundles over the workspace's `locales/` folder.
//!
//! Every `locales/<lang>/*.ftl` file is embedded at build time (see `build.rs`), so
//! nothing here reads the file system. A [`Translator`] holds the bundle of one locale
//! with English as the fallback for ids the locale lacks; the test suite makes sure no
//! UI-complete locale lacks any.
//!
//! What people see is always a message id plus arguments translated here; code never
//! shows an English `Display` string to a person. This crate does not decide which
//! language to use beyond [`negotiate`]: binaries read the environment and pass it in.
//!
//! Worker-facing content (consent texts, the rights card, interview questions and answer
//! options) is `worker.ftl`, in more locales than the UI ([`WORKER_LOCALES`]). Each such
//! locale says in its `translation-status` message whether a native speaker has reviewed
//! it; [`is_draft`] reads that, and the app marks draft text as such
//! (`docs/translations.md`).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Locales whose UI is complete: every message id of `en` exists in them. Every
/// language the app offers for its screens is one (the locale tests hold the app's
/// list equal to this one).
pub const UI_LOCALES: &[&str] = &["it", "en", "ar"];
/// Locales with worker-facing content (`worker.ftl`): consent, rights card, interview
/// questions and options.
pub const WORKER_LOCALES: &[&str] = &["it", "en", "fr", "ar", "pa", "ur", "bn"];
/// Right-to-left locales.
pub const RTL_LOCALES: &[&str] = &["ar", "ur", "fa", "ps", "he"];
/// The locale used when nothing else matches.
pub const DEFAULT_LOCALE: &str = "en";

/// A problem found in the embedded Fluent sources.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum I18nError {
    /// A file does not parse.
    #[error("{locale}/{file} does not parse: {detail}")]
    Parse {
        locale: String,
        file: String,
        detail: String,
    },
    /// A locale misses an id that the English file defines.
    #[error("{locale}/{file} misses message {id}")]
    Missing {
        locale: String,
        file: String,
        id: String,
    },
    /// Two files of one locale define the same id with different text: a bundle keeps
    /// only one of them, so the other file's text would never be shown.
    #[error("{locale}: {id} is defined in {first} and in {second} with different text")]
    Duplicate {
        locale: String,
        id: String,
        first: String,
        second: String,
    },
}

/// Locales that have at least one file.
pub fn locales() -> Vec<&'static str> {
    let mut out: Vec<&str> = FILES.iter().map(|(l, _, _)| *l).collect();
    out.dedup();
    out
}

/// Whether text in `locale` runs right to left.
pub fn is_rtl(locale: &str) -> bool {
    let base = locale.split(['-', '_']).next().unwrap_or(locale);
    RTL_LOCALES.contains(&base)
}

/// The message that says how far a locale's translation is: `source` (the English
/// reference), `draft` (no native speaker has checked it) or `reviewed`.
const TRANSLATION_STATUS: &str = "translation-status";

/// Whether `locale` (as [`locales`] names it) is a draft translation: true unless the
/// locale's own files set `translation-status` to `source` or `reviewed`. English behind
/// it does not count, so a locale without the message (without `worker.ftl`), or with no
/// files at all, is a draft.
pub fn is_draft(locale: &str) -> bool {
    let own = bundle(locale, false);
    let status = own
        .get_message(TRANSLATION_STATUS)
        .and_then(|m| m.value())
        .map(|pattern| {
            own.format_pattern(pattern, None, &mut Vec::new())
                .into_owned()
        });
    !matches!(status.as_deref(), Some("source" | "reviewed"))
}

/// Pick the best embedded locale for a requested tag such as `it_IT.UTF-8` or `pa-Arab`.
pub fn negotiate(requested: Option<&str>) -> &'static str {
    let available = locales();
    let Some(req) = requested else {
        return DEFAULT_LOCALE;
    };
    let tag = req.split('.').next().unwrap_or(req).replace('_', "-");
    if let Some(found) = available.iter().find(|l| l.eq_ignore_ascii_case(&tag)) {
        return found;
    }
    let base = tag.split('-').next().unwrap_or(&tag).to_ascii_lowercase();
    available
        .iter()
        .find(|l| **l == base)
        .copied()
        .unwrap_or(DEFAULT_LOCALE)
}

/// Message ids (and `-term` ids) defined by one Fluent source.
fn ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

fn parse(locale: &str, file: &str, source: &str) -> Result<FluentResource, I18nError> {
    FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| I18nError::Parse {
        locale: locale.to_owned(),
        file: file.to_owned(),
        detail: errors
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// The ids two files of one locale define with different text (value or attributes),
/// as [`I18nError::Duplicate`]: one bundle holds every file of a locale and keeps the
/// first definition, so the other would never be shown (the referral sheet once
/// printed the app's button label as its title that way).
pub fn duplicates(files: &[(&str, &str, &str)]) -> Vec<I18nError> {
    use fluent_syntax::ast::{Entry, Message, Term};
    type Text<'s> = (
        Option<&'s fluent_syntax::ast::Pattern<&'s str>>,
        &'s [fluent_syntax::ast::Attribute<&'s str>],
    );
    let resources: Vec<(&str, &str, FluentResource)> = files
        .iter()
        .filter_map(|(l, f, src)| parse(l, f, src).ok().map(|r| (*l, *f, r)))
        .collect();
    let mut seen: Vec<(&str, String, &str, Text<'_>)> = Vec::new();
    let mut problems = Vec::new();
    for (locale, file, res) in &resources {
        for entry in res.entries() {
            let (id, text): (String, Text<'_>) = match entry {
                Entry::Message(Message {
                    id,
                    value,
                    attributes,
                    ..
                }) => (id.name.to_string(), (value.as_ref(), attributes)),
                Entry::Term(Term {
                    id,
                    value,
                    attributes,
                    ..
                }) => (format!("-{}", id.name), (Some(value), attributes)),
                _ => continue,
            };
            match seen.iter().find(|(l, i, _, _)| l == locale && *i == id) {
                Some((_, _, first, before)) if *before != text => {
                    problems.push(I18nError::Duplicate {
                        locale: (*locale).to_owned(),
                        id: id.clone(),
                        first: (*first).to_owned(),
                        second: (*file).to_owned(),
                    });
                }
                Some(_) => {}
                None => seen.push((locale, id, file, text)),
            }
        }
    }
    problems
}

/// Check every embedded file: it parses, every locale that has a file defines every
/// id that the English file of the same name defines (UI-complete locales,
/// [`UI_LOCALES`], must have every English file), and no id is defined in two files of
/// one locale with different text ([`duplicates`]). Returns all problems found.
pub fn check_all() -> Vec<I18nError> {
    let mut problems = duplicates(FILES);
    let mut english: Vec<(&str, Vec<String>)> = Vec::new();
    for (locale, file, source) in FILES {
        match parse(locale, file, source) {
            Ok(res) if *locale == DEFAULT_LOCALE => english.push((file, ids(&res))),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    for locale in locales() {
        for (file, wanted) in &english {
            let source = FILES
                .iter()
                .find(|(l, f, _)| *l == locale && f == file)
                .map(|(_, _, s)| *s);
            let have = match source {
                Some(src) => parse(locale, file, src)
                    .map(|r| ids(&r))
                    .unwrap_or_default(),
                None if UI_LOCALES.contains(&locale) => Vec::new(),
                None => continue,
            };
            for id in wanted.iter().filter(|id| !have.contains(id)) {
                problems.push(I18nError::Missing {
                    locale: locale.to_owned(),
                    file: (*file).to_owned(),
                    id: id.clone(),
                });
            }
        }
    }
    problems
}

/// One locale's messages, English behind it for anything missing.
pub struct Translator {
    locale: &'static str,
    primary: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("locale", &self.locale)
            .finish()
    }
}

fn bundle(locale: &str, isolate: bool) -> FluentBundle<FluentResource> {
    let langid: LanguageIdentifier = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![langid]);
    bundle.set_use_isolating(isolate);
    for (l, file, source) in FILES.iter().filter(|(l, _, _)| *l == locale) {
        if let Ok(res) = parse(l, file, source) {
            // On an id defined twice the first file wins: check_all refuses an id two
            // files of a locale define with different text (`duplicates`).
            let _ = bundle.add_resource(res);
        }
    }
    bundle
}

/// Arguments of a message: name and value, strings or numbers.
pub type Args<'a> = [(&'a str, Arg)];

/// One message argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as is.
    Str(String),
    /// A number, formatted and used for plural selection.
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Arg::Num(n as f64)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        #[allow(clippy::cast_precision_loss)]
        Arg::Num(n as f64)
    }
}

impl Translator {
    /// Messages for `requested` (negotiated), without Unicode isolation marks
    /// (for terminals and logs).
    pub fn new(requested: Option<&str>) -> Self {
        Self::with_isolation(requested, false)
    }

    /// As [`Translator::new`]; `isolate` wraps arguments in bidi isolation marks, which
    /// a screen mixing right-to-left and left-to-right text needs.
    pub fn with_isolation(requested: Option<&str>, isolate: bool) -> Self {
        let locale = negotiate(requested);
        Translator {
            locale,
            primary: bundle(locale, isolate),
            fallback: bundle(DEFAULT_LOCALE, isolate),
        }
    }

    /// The negotiated locale.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// Whether the locale has `id` itself (not through the fallback).
    pub fn has(&self, id: &str) -> bool {
        self.primary.has_message(id)
    }

    /// The message `id` with `args`; the id itself if no bundle has it (which the
    /// locale tests make impossible for the ids the code uses).
    pub fn t(&self, id: &str, args: &Args<'_>) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.clone())),
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        for bundle in [&self.primary, &self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
                return text.into_owned();
            }
        }
        id.to_owned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_parses_and_is_complete() {
        let problems = check_all();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn an_id_two_files_define_differently_is_reported() {
        let files = [
            (
                "it",
                "app.ftl",
                "sheet-title = Scheda di invio (PDF)\nsame = Sì\n",
            ),
            (
                "it",
                "sheet.ftl",
                "sheet-title = Scheda di invio\nsame = Sì\n",
            ),
            ("en", "sheet.ftl", "sheet-title = Referral sheet\n"),
        ];
        assert_eq!(
            duplicates(&files),
            [I18nError::Duplicate {
                locale: "it".into(),
                id: "sheet-title".into(),
                first: "app.ftl".into(),
                second: "sheet.ftl".into(),
            }]
        );
        assert!(duplicates(FILES).is_empty(), "{:#?}", duplicates(FILES));
    }

    #[test]
    fn ui_locales_are_embedded() {
        for l in UI_LOCALES {
            assert!(locales().contains(l), "{l} missing");
        }
    }

    #[test]
    fn negotiation_falls_back_sensibly() {
        assert_eq!(negotiate(Some("it_IT.UTF-8")), "it");
        assert_eq!(negotiate(Some("en-GB")), "en");
        assert_eq!(negotiate(Some("xx")), "en");
        assert_eq!(negotiate(None), "en");
        assert!(is_rtl("ar") && is_rtl("ur-PK") && !is_rtl("it"));
    }

    #[test]
    fn missing_id_is_reported_with_its_locale() {
        // A broken file is caught by the same parser the checker uses.
        assert!(matches!(
            parse("xx", "bad.ftl", "= no id\n"),
            Err(I18nError::Parse { .. })
        ));
    }

    #[test]
    fn every_worker_locale_has_worker_content() {
        for l in WORKER_LOCALES {
            assert!(
                FILES.iter().any(|(fl, f, _)| fl == l && *f == "worker.ftl"),
                "{l} has no worker.ftl"
            );
        }
    }

    #[test]
    fn english_is_the_source_and_unreviewed_translations_are_drafts() {
        assert!(!is_draft("en"));
        // Until a native speaker reviews the Arabic file and sets it to `reviewed`.
        assert!(is_draft("ar"));
        assert!(is_draft("xx"), "a locale with no files is a draft");
    }

    #[test]
    fn arabic_and_urdu_run_right_to_left() {
        assert!(is_rtl("ar") && is_rtl("ur"));
        assert!(!is_rtl("pa") && !is_rtl("bn") && !is_rtl("fr"));
    }

    #[test]
    fn referral_consent_names_the_destination_in_every_worker_locale() {
        for l in WORKER_LOCALES {
            let tr = Translator::new(Some(l));
            assert_eq!(tr.locale(), *l);
            assert!(tr.has("consent-referral-text"), "{l}");
            let text = tr.t(
                "consent-referral-text",
                &[("destination", "FLAI-CGIL".into())],
            );
            assert!(text.contains("FLAI-CGIL"), "{l}: {text}");
        }
    }

    #[test]
    fn helpline_number_is_isolated_in_right_to_left_text() {
        // Unisolated, "800 290 290" in an Arabic line displays its groups right to left.
        let tr = Translator::with_isolation(Some("ar"), true);
        let text = tr.t("rights-helpline", &[("number", "800 290 290".into())]);
        assert!(text.contains("\u{2068}800 290 290\u{2069}"), "{text:?}");
    }

    #[test]
    fn italian_translation_differs_from_english() {
        let it = Translator::new(Some("it"));
        let en = Translator::new(Some("en"));
        let id = "error-wrong-passphrase";
        assert!(it.has(id) && en.has(id));
        assert_ne!(it.t(id, &[]), en.t(id, &[]));
    }
}

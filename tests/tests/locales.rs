//! Every code the core can return has a message in every UI locale, every code a worker
//! is asked about or shown has a message in every worker locale, and every Fluent file
//! parses and is complete. "Every UI locale" is one list, `ponte_i18n::UI_LOCALES`,
//! which the first test holds equal to the languages the app offers.

#![allow(clippy::unwrap_used, clippy::panic)]

use ponte_i18n::{Translator, UI_LOCALES, WORKER_LOCALES};
use ponte_model::{screening, vocab};

/// The languages the app's screens offer (`UI_LANGUAGES` in `app-ui/src/i18n.rs`, read
/// from its source: the screens build for wasm32 only).
fn languages_the_app_offers() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../app-ui/src/i18n.rs");
    let src = std::fs::read_to_string(path).unwrap();
    let decl = "pub const UI_LANGUAGES: &[&str] = &[";
    let at = src
        .find(decl)
        .unwrap_or_else(|| panic!("no `{decl}` in {path}"));
    let list = &src[at + decl.len()..];
    let list = &list[..list.find(']').unwrap()];
    list.split(',')
        .map(|l| l.trim().trim_matches('"').to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_ui_locales_checked_are_the_languages_the_app_offers() {
    let mut offered = languages_the_app_offers();
    let mut checked: Vec<String> = UI_LOCALES.iter().map(|l| (*l).to_owned()).collect();
    offered.sort();
    checked.sort();
    assert_eq!(
        offered, checked,
        "app-ui's UI_LANGUAGES and ponte_i18n::UI_LOCALES differ: every language the app \
         offers must be checked here"
    );
    assert!(checked.contains(&"ar".to_owned()), "{checked:?}");
}

#[test]
fn every_fluent_file_parses_and_no_locale_misses_an_id() {
    let problems = ponte_i18n::check_all();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// One bundle holds every file of a locale and keeps the first definition of an id, so
/// an id two files define differently shows one file's text in the other's place (the
/// Italian referral sheet once printed the app's "Scheda di invio (PDF)" as its title).
#[test]
fn no_id_is_defined_in_two_files_of_a_locale_with_different_text() {
    let duplicates = ponte_i18n::duplicates(ponte_i18n::FILES);
    assert!(duplicates.is_empty(), "{duplicates:#?}");
    let it = Translator::new(Some("it"));
    assert_eq!(it.t("sheet-heading", &[]), "Scheda di invio");
    assert_eq!(it.t("sheet-service-name", &[]), "Servizio");
    assert_eq!(it.t("sheet-title", &[]), "Scheda di invio (PDF)");
}

/// Every `error-<code>` a device can show: each crate's list of its own codes, every
/// relay code (`relay-<code>`), and every code the CLI, the shell, the device services
/// and the screens name literally (`code("...")`).
fn error_codes() -> Vec<(String, String)> {
    let mut codes: Vec<(String, String)> = Vec::new();
    let mut add = |from: &str, code: &str| codes.push((from.to_owned(), code.to_owned()));
    for code in ponte_store::StoreError::CODES {
        add("ponte-store", code);
    }
    for code in ponte_store::pin::PinError::CODES {
        add("ponte-store", code);
    }
    for code in ponte_sync::SyncError::CODES {
        add("ponte-sync", code);
    }
    for code in ponte_report::ReportError::CODES {
        add("ponte-report", code);
    }
    for code in ponte_sheet::SheetError::CODES {
        add("ponte-sheet", code);
    }
    for code in ponte_device::CODES {
        add("ponte-device", code);
    }
    // Modules that keep their own list (until the crate's list is built from them).
    for code in ponte_device::programme::CODES {
        add("ponte-device programme", code);
    }
    for code in ponte_device::report::CODES {
        add("ponte-device report", code);
    }
    for code in ponte_proto::ErrorCode::ALL {
        add("ponte-proto", &format!("relay-{}", code.as_str()));
    }
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    for dir in [
        "crates/ponte-cli/src",
        "crates/ponte-app/src",
        "crates/ponte-device/src",
        "app-ui/src",
    ] {
        for (path, bytes) in ponte_tests::files_under(&root.join(dir)) {
            let src = String::from_utf8(bytes).unwrap();
            // Unit tests name codes that must not exist; they come after `#[cfg(test)]`.
            let mut rest = src.split("#[cfg(test)]").next().unwrap_or_default();
            while let Some(at) = rest.find("code(\"") {
                rest = &rest[at + 6..];
                let code = &rest[..rest.find('"').unwrap_or(0)];
                if code.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !code.is_empty() {
                    add(&path.display().to_string(), code);
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

/// The `error-<code>` messages missing in `locale` (with where the code comes from).
fn missing_error_messages(locale: &str, codes: &[(String, String)]) -> Vec<String> {
    let tr = Translator::new(Some(locale));
    codes
        .iter()
        .filter(|(_, code)| !tr.has(&format!("error-{code}")))
        .map(|(from, code)| format!("error-{code} (from {from})"))
        .collect()
}

#[test]
fn every_error_and_validation_code_is_translated_in_every_ui_locale() {
    let codes = error_codes();
    assert!(
        codes.len() > 80,
        "the scanner found only {} codes",
        codes.len()
    );
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        assert_eq!(tr.locale(), *locale);
        let mut missing = missing_error_messages(locale, &codes);
        for code in ponte_model::ErrorCode::ALL {
            let id = format!("validation-{}", code.as_str());
            if !tr.has(&id) {
                missing.push(id);
            }
        }
        assert!(missing.is_empty(), "{locale} misses {missing:#?}");
    }
}

#[test]
fn a_code_without_a_message_is_reported() {
    // The check above, shown to fail: a code no locale has is named, with its origin.
    let codes = vec![(
        "a deliberately bad input".to_owned(),
        "no-such-code-anywhere".to_owned(),
    )];
    for locale in UI_LOCALES {
        assert_eq!(
            missing_error_messages(locale, &codes),
            ["error-no-such-code-anywhere (from a deliberately bad input)"]
        );
    }
}

#[test]
fn every_worker_facing_code_has_a_message_in_the_english_worker_file() {
    let source = ponte_i18n::FILES
        .iter()
        .find(|(locale, file, _)| *locale == "en" && *file == "worker.ftl")
        .map(|(_, _, source)| *source)
        .unwrap_or_else(|| panic!("locales/en/worker.ftl is not embedded"));
    // A message starts at the beginning of a line with `id =`; check_all has parsed it.
    let ids: Vec<&str> = source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
        .collect();
    // Fluent id prefix (`_` of the list name written `-`) and the codes, as stored.
    let lists: [(&str, &[&str]); 11] = [
        ("sex", vocab::SEXES),
        ("share-field", vocab::SHARE_FIELDS),
        ("sector", vocab::SECTORS),
        ("permit-status", vocab::PERMIT_STATUSES),
        ("housing", vocab::HOUSING),
        ("need", vocab::NEEDS),
        ("service-type", vocab::SERVICE_TYPES),
        ("answer", screening::ANSWERS),
        ("q-s603", screening::INDICES_603BIS),
        ("q-aggravating", screening::AGGRAVATING_603BIS),
        ("q-ilo", screening::ILO_INDICATORS),
    ];
    let translators: Vec<Translator> = WORKER_LOCALES
        .iter()
        .map(|l| Translator::new(Some(l)))
        .collect();
    let mut missing = Vec::new();
    for (prefix, codes) in lists {
        for code in codes {
            let id = format!("{prefix}-{code}");
            if !ids.contains(&id.as_str()) {
                missing.push(format!("en/worker.ftl: {id}"));
            }
            for tr in translators.iter().filter(|tr| !tr.has(&id)) {
                missing.push(format!("{}: {id}", tr.locale()));
            }
        }
    }
    assert!(missing.is_empty(), "missing {missing:#?}");
}

/// The message ids the app's screens name literally: `t("id")`, `ta("id", ..)`,
/// `t_or("id", ..)`, `tw(lang, "id")`, `<Bi id="id">`, `label="id"`, and the step and
/// navigation tables.
fn ids_named_by_the_screens() -> Vec<(String, String)> {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../app-ui/src"));
    let mut out = Vec::new();
    for (path, bytes) in ponte_tests::files_under(dir) {
        let src = String::from_utf8(bytes).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        // (what precedes the id, the part of the id inside that text)
        let needles: &[(&str, &str)] = &[
            (" t(\"", ""),
            ("(t(\"", ""),
            (" ta(\"", ""),
            ("(ta(\"", ""),
            ("t_or(\"", ""),
            ("Bi id=\"", ""),
            ("label=\"", ""),
            ("    \"step-", "step-"),
            ("nav(\"nav-", "nav-"),
            (", \"rights-", "rights-"),
            (", \"consent-", "consent-"),
            (", \"language-", "language-"),
        ];
        for (needle, kept) in needles {
            let mut rest = src.as_str();
            while let Some(at) = rest.find(needle) {
                rest = &rest[at + needle.len()..];
                let end = rest.find('"').unwrap_or(0);
                let id = format!("{kept}{}", &rest[..end]);
                if id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && id.contains('-')
                {
                    out.push((file.clone(), id));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_message_the_screens_name_exists_in_every_ui_language() {
    let ids = ids_named_by_the_screens();
    assert!(ids.len() > 100, "the scanner found only {} ids", ids.len());
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        let missing: Vec<_> = ids.iter().filter(|(_, id)| !tr.has(id)).collect();
        assert!(missing.is_empty(), "{locale} misses {missing:?}");
    }
}

#[test]
fn every_code_the_screens_show_has_a_label_in_every_ui_language() {
    let lists: &[(&str, &[&str])] = &[
        ("person-status", vocab::PERSON_STATUSES),
        ("risk-level", screening::RISK_LEVELS),
        ("referral-outcome", vocab::REFERRAL_OUTCOMES),
        ("outreach-type", vocab::OUTREACH_TYPES),
        ("place-type", vocab::PLACE_TYPES),
        ("sector", vocab::SECTORS),
        ("housing", vocab::HOUSING),
        ("need", vocab::NEEDS),
        ("service-type", vocab::SERVICE_TYPES),
        ("sex", vocab::SEXES),
        ("permit-status", vocab::PERMIT_STATUSES),
        ("answer", screening::ANSWERS),
        ("close-reason", vocab::CLOSE_REASONS),
        ("case-event", vocab::CASE_EVENT_KINDS),
        ("goal-state", vocab::GOAL_STATES),
        ("followup-kind", vocab::FOLLOWUP_KINDS),
        ("consent-purpose", vocab::CONSENT_PURPOSES),
        ("material", vocab::MATERIALS),
        ("group-topic", vocab::GROUP_TOPICS),
        ("recontact-way", vocab::RECONTACT_WAYS),
    ];
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        let mut missing = Vec::new();
        for (list, codes) in lists {
            for code in *codes {
                let id = format!("{list}-{code}");
                if !tr.has(&id) {
                    missing.push(id);
                }
            }
        }
        assert!(missing.is_empty(), "{locale} misses {missing:?}");
    }
}

/// Codes only the CLI returns: their texts may tell the user to type its commands and
/// flags. Every other code can reach a screen and must be worded for the app there.
const CLI_ONLY_CODES: &[&str] = &[
    // The CLI reads the passphrase from PONTE_PASSPHRASE or the terminal; the app asks
    // for it on its own screen and never returns this code.
    "no-passphrase",
    // Only `report --charts` and the programme report with charts ask for a font (the
    // CLI's `--font FILE`); the app's report screen just shows no charts without one.
    "report-no-font",
];

/// What the app's screens show for `code` in `tr`'s language: `app-error-<code>` where
/// the locales word it for the app, else `error-<code>` (the one rendering, shared with
/// the screens).
fn shown_in_app(tr: &Translator, code: &str) -> String {
    ponte_device::Failure::code(code)
        .as_ipc()
        .message_in_app(tr)
}

/// Whether `text` tells the user to type a CLI command or flag.
fn names_cli_command(text: &str) -> bool {
    text.contains("ponte ") || text.contains("--")
}

#[test]
fn no_error_the_app_shows_names_a_cli_command_or_flag() {
    let codes = error_codes();
    for code in CLI_ONLY_CODES {
        assert!(
            codes.iter().any(|(_, c)| c == code),
            "{code} is no longer an error code: drop it from CLI_ONLY_CODES"
        );
    }
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        assert_eq!(tr.locale(), *locale);
        let wrong: Vec<String> = codes
            .iter()
            .filter(|(_, code)| !CLI_ONLY_CODES.contains(&code.as_str()))
            .map(|(from, code)| (from, code, shown_in_app(&tr, code)))
            .filter(|(_, _, text)| names_cli_command(text))
            .map(|(from, code, text)| format!("{code} (from {from}): {text}"))
            .collect();
        assert!(
            wrong.is_empty(),
            "{locale}: give these an app-error-<code> text in app.ftl: {wrong:#?}"
        );
    }
}

#[test]
fn the_cli_keeps_its_commands_where_the_app_words_an_error_apart() {
    // The check above, shown to bite: the shared texts it replaces name commands.
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        for code in ["restrict-ambiguous-device", "programme-not-coordinator"] {
            let cli = ponte_device::Failure::code(code).as_ipc().message(&tr);
            assert!(names_cli_command(&cli), "{locale} {code}: {cli}");
            assert!(
                !names_cli_command(&shown_in_app(&tr, code)),
                "{locale} {code}"
            );
        }
    }
}

#[test]
fn every_app_error_text_names_a_known_error_code() {
    let codes = error_codes();
    let mut orphans = Vec::new();
    let mut found = 0;
    for (locale, file, source) in ponte_i18n::FILES {
        for line in source.lines() {
            let Some(rest) = line.strip_prefix("app-error-") else {
                continue;
            };
            let code = rest.split_once(" =").map_or(rest, |(c, _)| c).trim();
            found += 1;
            if !codes.iter().any(|(_, c)| c == code) {
                orphans.push(format!("{locale}/{file}: app-error-{code}"));
            }
        }
    }
    assert!(found >= 3 * 15, "found only {found} app-error texts");
    assert!(orphans.is_empty(), "no such error code: {orphans:#?}");
}

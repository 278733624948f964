//! Every code the core can return has a message in every UI locale, and every
//! Fluent file parses and is complete.

#![allow(clippy::unwrap_used, clippy::panic)]

use ponte_i18n::{Translator, UI_LOCALES};

#[test]
fn every_fluent_file_parses_and_no_locale_misses_an_id() {
    let problems = ponte_i18n::check_all();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_error_and_validation_code_is_translated_in_every_ui_locale() {
    for locale in UI_LOCALES {
        let tr = Translator::new(Some(locale));
        assert_eq!(tr.locale(), *locale);
        let mut missing = Vec::new();
        for code in ponte_store::StoreError::CODES {
            let id = format!("error-{code}");
            if !tr.has(&id) {
                missing.push(id);
            }
        }
        for code in ponte_model::ErrorCode::ALL {
            let id = format!("validation-{}", code.as_str());
            if !tr.has(&id) {
                missing.push(id);
            }
        }
        assert!(missing.is_empty(), "{locale} misses {missing:?}");
    }
}

//! What a sheet says: the rules of a referral sheet, before any PDF.
//!
//! The service's sheet carries the referral, the referring team and the fields the
//! covering consent lets the team share ([`ponte_model::record::shared_fields`]), and
//! nothing else of the person: no notes, no screening notes, no field the consent does
//! not name. The worker's copy carries the service, the appointment, the team's phone
//! and the Numero Verde, and nothing of the person at all (a paper found on a worker
//! should say as little as possible about them).

use ponte_i18n::{Arg, Translator};
use ponte_model::record::{self, codes, date_at, entries, int_at, str_at};
use ponte_model::screening::{self, Answer};
use ponte_model::{Date, vocab};
use serde_json::Value;

use crate::SheetError;

/// One piece of a sheet, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The sheet's title.
    Title(String),
    /// A section heading.
    Heading(String),
    /// A label and its value.
    Field {
        /// What it is.
        label: String,
        /// The value, as printed.
        value: String,
    },
    /// A paragraph.
    Text(String),
    /// A paragraph in small print (the footer).
    Small(String),
}

/// A sheet's content in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The locale it is written in.
    pub locale: &'static str,
    /// Whether it runs right to left (Arabic, Urdu).
    pub rtl: bool,
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
}

impl Sheet {
    /// All the text of the sheet, one block a line (what tests and a preview read).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Title(t) | Block::Heading(t) | Block::Text(t) | Block::Small(t) => {
                    out.push_str(t);
                }
                Block::Field { label, value } => {
                    out.push_str(label);
                    out.push_str(": ");
                    out.push_str(value);
                }
            }
            out.push('\n');
        }
        out
    }
}

/// The referring team, as the device's settings hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The organisation or team that refers.
    pub team: String,
    /// The operator who follows the referral, if named.
    pub operator: Option<String>,
    /// How the service and the worker reach the team (a phone, an e-mail).
    pub contact: String,
}

/// A referral with what it stands on: the entry, the consent that covers it, the
/// service it goes to.
struct Resolved<'a> {
    referral: &'a Value,
    destination: &'a str,
    date: Date,
    consent: &'a Value,
}

/// The referral `referral_id` of `person` and the consent covering it (the consent
/// rule, `ponte_model::record::covering_consent`), checked against `service`: the
/// service must be of the referral's type, since a consent names a type of service.
fn resolve<'a>(
    person: &'a Value,
    referral_id: &str,
    service: &Value,
) -> Result<Resolved<'a>, SheetError> {
    let (_, referral) = entries(person, "referrals")
        .into_iter()
        .find(|(id, _)| *id == referral_id)
        .ok_or(SheetError::UnknownReferral)?;
    let destination = str_at(referral, "destination").ok_or(SheetError::NoConsent)?;
    let date = date_at(referral, "date").ok_or(SheetError::NoConsent)?;
    if str_at(service, "type") != Some(destination) {
        return Err(SheetError::NoConsent);
    }
    let (_, consent) =
        record::covering_consent(person, destination, date).ok_or(SheetError::NoConsent)?;
    Ok(Resolved {
        referral,
        destination,
        date,
        consent,
    })
}

/// A date as people in Italy write it: `02/12/2026`.
fn day(d: Date) -> String {
    let s = d.to_string();
    match (s.get(0..4), s.get(5..7), s.get(8..10)) {
        (Some(y), Some(m), Some(dd)) => format!("{dd}/{m}/{y}"),
        _ => s,
    }
}

/// The appointment of a referral as `02/12/2026 09:30`, if it has one.
fn appointment(referral: &Value) -> Option<String> {
    let date = date_at(referral, "appointment.date")?;
    Some(match str_at(referral, "appointment.time") {
        Some(time) => format!("{} {time}", day(date)),
        None => day(date),
    })
}

/// The label of a code in `tr`'s language: `<prefix>-<code>` when the locale has it,
/// otherwise the code (countries and languages beyond the app's short lists).
fn label(tr: &Translator, prefix: &str, code: &str) -> String {
    let id = format!("{prefix}-{code}");
    if tr.has(&id) {
        tr.t(&id, &[])
    } else {
        code.to_owned()
    }
}

fn t(tr: &Translator, id: &str) -> String {
    tr.t(id, &[])
}

fn field(label: String, value: String) -> Block {
    Block::Field { label, value }
}

/// The base of a language tag (`pa` of `pa-Guru`).
fn base(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The service's sheet, in Italian: the referral, the service, the referring team, the
/// fields the covering consent lets the team share and that consent itself. Refused
/// without a covering consent ([`SheetError::NoConsent`]) and once that consent is
/// withdrawn ([`SheetError::ConsentWithdrawn`]): nothing of the person leaves after a
/// withdrawal, though the referral stays on record as made.
pub fn service_sheet(
    person: &Value,
    referral_id: &str,
    service: &Value,
    sender: &Sender,
    made_on: Date,
) -> Result<Sheet, SheetError> {
    let r = resolve(person, referral_id, service)?;
    if str_at(r.consent, "withdrawn").is_some() {
        return Err(SheetError::ConsentWithdrawn);
    }
    let tr = Translator::new(Some("it"));
    let mut b = vec![
        Block::Title(t(&tr, "sheet-heading")),
        Block::Text(t(&tr, "sheet-subtitle")),
        Block::Heading(t(&tr, "sheet-section-referral")),
        field(t(&tr, "sheet-referral-date"), day(r.date)),
        field(
            t(&tr, "sheet-destination"),
            label(&tr, "service-type", r.destination),
        ),
        field(
            t(&tr, "sheet-service-name"),
            str_at(service, "name").unwrap_or_default().to_owned(),
        ),
    ];
    if let Some(address) = str_at(service, "address") {
        b.push(field(t(&tr, "sheet-address"), address.to_owned()));
    }
    b.push(field(
        t(&tr, "sheet-appointment"),
        appointment(r.referral).unwrap_or_else(|| t(&tr, "sheet-appointment-none")),
    ));
    if let Some(ask_for) = str_at(r.referral, "appointment.ask_for") {
        b.push(field(t(&tr, "sheet-ask-for"), ask_for.to_owned()));
    }
    b.push(Block::Heading(t(&tr, "sheet-section-sender")));
    b.push(field(t(&tr, "sheet-team"), sender.team.clone()));
    if let Some(operator) = &sender.operator {
        b.push(field(t(&tr, "sheet-operator"), operator.clone()));
    }
    b.push(field(t(&tr, "sheet-contact"), sender.contact.clone()));

    b.push(Block::Heading(t(&tr, "sheet-section-person")));
    let shared = record::shared_fields(r.consent);
    for &f in &shared {
        if let Some(value) = shared_value(&tr, person, r.referral, f) {
            b.push(field(label(&tr, "share-field", f), value));
        }
        if f == "languages" {
            b.push(field(
                t(&tr, "sheet-mediator"),
                mediator(&tr, person, service),
            ));
        }
    }

    b.push(Block::Heading(t(&tr, "sheet-section-consent")));
    b.push(field(
        t(&tr, "sheet-consent-purpose"),
        t(&tr, "sheet-consent-purpose-referral"),
    ));
    if let Some(d) = date_at(r.consent, "date") {
        b.push(field(t(&tr, "sheet-consent-date"), day(d)));
    }
    if let Some(lang) = str_at(r.consent, "language") {
        b.push(field(
            t(&tr, "sheet-consent-language"),
            label(&tr, "language", base(lang)),
        ));
    }
    if let Some(v) = str_at(r.consent, "text_version") {
        b.push(field(t(&tr, "sheet-consent-text-version"), v.to_owned()));
    }
    let names: Vec<String> = shared
        .iter()
        .map(|f| label(&tr, "share-field", f))
        .collect();
    b.push(field(t(&tr, "sheet-consent-shared"), names.join(", ")));
    b.push(Block::Small(
        tr.t("sheet-footer", &[("date", Arg::Str(day(made_on)))]),
    ));
    Ok(Sheet {
        locale: "it",
        rtl: false,
        blocks: b,
    })
}

/// The value of shared field `f`, as printed, or `None` when the record has none.
fn shared_value(tr: &Translator, person: &Value, referral: &Value, f: &str) -> Option<String> {
    let list = |prefix: &str, items: Vec<&str>| -> Option<String> {
        let labels: Vec<String> = items.iter().map(|c| label(tr, prefix, c)).collect();
        (!labels.is_empty()).then(|| labels.join(", "))
    };
    match f {
        "alias" => str_at(person, "alias").map(str::to_owned),
        "languages" => list("language", codes(person, "languages")),
        "birth_year" => int_at(person, "birth_year").map(|y| y.to_string()),
        "sex" => str_at(person, "sex").map(|c| label(tr, "sex", c)),
        "nationality" => str_at(person, "nationality").map(|c| label(tr, "country", c)),
        "phone" => str_at(person, "phone").map(str::to_owned),
        "permit" => {
            let status = str_at(person, "permit.status").map(|c| label(tr, "permit-status", c));
            let expiry = date_at(person, "permit.expiry")
                .map(|d| tr.t("sheet-permit-expiry", &[("date", Arg::Str(day(d)))]));
            match (status, expiry) {
                (Some(s), Some(e)) => Some(format!("{s} ({e})")),
                (s, e) => s.or(e),
            }
        }
        "sector" => str_at(person, "sector").map(|c| label(tr, "sector", c)),
        "employer_area" => str_at(person, "employer_area").map(str::to_owned),
        "housing" => str_at(person, "housing").map(|c| label(tr, "housing", c)),
        "needs" => list("need", codes(person, "needs")),
        "screening" => Some(screening_yes(tr, person)),
        "referral_note" => str_at(referral, "note").map(str::to_owned),
        _ => None,
    }
}

/// The screening items answered `yes` (labels only; never a screening note).
fn screening_yes(tr: &Translator, person: &Value) -> String {
    let Some(s) = record::at(person, "screening") else {
        return t(tr, "sheet-screening-none");
    };
    let groups: [(&str, &[&str]); 3] = [
        (screening::GROUP_603BIS, screening::INDICES_603BIS),
        (screening::GROUP_AGGRAVATING, screening::AGGRAVATING_603BIS),
        (screening::GROUP_ILO, screening::ILO_INDICATORS),
    ];
    let yes: Vec<String> = groups
        .iter()
        .flat_map(|(group, items)| items.iter().map(move |item| (*group, *item)))
        .filter(|(group, item)| record::answer(s, group, item) == Some(Answer::Yes))
        .map(|(_, item)| label(tr, "report-item", item))
        .collect();
    if yes.is_empty() {
        t(tr, "sheet-screening-none")
    } else {
        yes.join(", ")
    }
}

/// Whether the service needs a language mediator: none of the person's languages is
/// one the service works in.
fn mediator(tr: &Translator, person: &Value, service: &Value) -> String {
    let theirs = codes(service, "languages");
    if theirs.is_empty() {
        return t(tr, "sheet-mediator-unknown");
    }
    let names: Vec<String> = theirs
        .iter()
        .map(|c| label(tr, "language", base(c)))
        .collect();
    let args = [("languages", Arg::Str(names.join(", ")))];
    let shared = codes(person, "languages")
        .iter()
        .any(|l| theirs.iter().any(|s| base(s) == base(l)));
    if shared {
        tr.t("sheet-mediator-not-needed", &args)
    } else {
        tr.t("sheet-mediator-needed", &args)
    }
}

/// The worker's copy in `lang` (one of `ponte_i18n::WORKER_LOCALES`): where to go,
/// when, who to ask for, what to bring, the team's phone and the Numero Verde. Nothing
/// of the person is on it. It needs the referral to stand on a consent like the
/// service's sheet, but not one still in force: it shares nothing with anyone.
pub fn worker_copy(
    person: &Value,
    referral_id: &str,
    service: &Value,
    sender: &Sender,
    lang: &str,
) -> Result<Sheet, SheetError> {
    let Some(&locale) = ponte_i18n::WORKER_LOCALES.iter().find(|l| **l == lang) else {
        return Err(SheetError::BadLanguage);
    };
    let r = resolve(person, referral_id, service)?;
    // Arguments isolated: the Numero Verde keeps its order inside Arabic or Urdu text.
    let tr = Translator::with_isolation(Some(locale), true);
    let mut b = vec![
        Block::Title(t(&tr, "sheet-worker-title")),
        Block::Text(t(&tr, "sheet-worker-intro")),
        Block::Heading(t(&tr, "sheet-worker-where")),
        Block::Text(str_at(service, "name").unwrap_or_default().to_owned()),
    ];
    if let Some(address) = str_at(service, "address") {
        b.push(Block::Text(address.to_owned()));
    }
    if let Some(hours) = str_at(service, "hours") {
        b.push(field(t(&tr, "sheet-worker-hours"), hours.to_owned()));
    }
    b.push(Block::Heading(t(&tr, "sheet-worker-when")));
    b.push(Block::Text(
        appointment(r.referral).unwrap_or_else(|| t(&tr, "sheet-worker-no-appointment")),
    ));
    if let Some(ask_for) = str_at(r.referral, "appointment.ask_for") {
        b.push(field(t(&tr, "sheet-worker-ask-for"), ask_for.to_owned()));
    }
    if let Some(bring) = str_at(r.referral, "appointment.bring") {
        b.push(field(t(&tr, "sheet-worker-bring"), bring.to_owned()));
    }
    b.push(Block::Heading(t(&tr, "sheet-worker-team")));
    b.push(Block::Text(sender.team.clone()));
    b.push(field(
        t(&tr, "sheet-worker-team-phone"),
        sender.contact.clone(),
    ));
    // A proper name, the same on every copy; then what it is, in their language.
    b.push(Block::Heading("Numero Verde Antitratta".to_owned()));
    b.push(Block::Text(tr.t(
        "rights-helpline",
        &[(
            "number",
            Arg::Str(vocab::NUMERO_VERDE_ANTITRATTA.to_owned()),
        )],
    )));
    Ok(Sheet {
        locale,
        rtl: ponte_i18n::is_rtl(locale),
        blocks: b,
    })
}

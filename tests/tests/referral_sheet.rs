//! Referral sheets and consent withdrawal, end to end through the `ponte` binary.
//!
//! The service's sheet carries the service and the fields the person consented to share
//! and none of the others (read back with `pdftotext`, and searched in the PDF's
//! inflated streams); the worker's copies in Punjabi (Gurmukhi), Arabic and Urdu carry
//! their script and are saved as PNG pages (`pdftoppm`) under
//! `target/screenshots/referral-sheet/` for a person to look at; every sheet is audited;
//! refusals are one translated line and write no file. A consent withdrawn after a
//! referral leaves that referral valid and refuses a new one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use ponte_tests::{Device, count_occurrences, one_line_error};
use serde_json::{Value, json};

/// Fields the consent shares.
const SHARED: &[&str] = &["ZQXALIASMARK", "ZQXPHONEMARK"];
/// Fields it does not: none may reach the service's sheet.
const NOT_SHARED: &[&str] = &[
    "ZQXNOTESMARK",
    "ZQXAREAMARK",
    "ZQXSCREENNOTEMARK",
    "ZQXREFNOTEMARK",
    "ZQXGOALSMARK",
    "ZQXENCOUNTERMARK",
];

fn service() -> Value {
    json!({"name": "FLAI-CGIL Latina", "type": "trade_union", "address": "Via Roma 12, Latina",
           "hours": "lun-ven 9:00-13:00", "languages": ["it", "pa"], "contact": "0773 000000"})
}

fn person(service_id: &str) -> Value {
    json!({
        "alias": "ZQXALIASMARK",
        "phone": "ZQXPHONEMARK",
        "nationality": "IN",
        "languages": ["pa"],
        "birth_year": 1991,
        "employer_area": "ZQXAREAMARK",
        "notes": "ZQXNOTESMARK",
        "plan": {"goals": "ZQXGOALSMARK"},
        "needs": ["wage_claim"],
        "screening": {"s603": {"pay": {"answer": "yes", "note": "ZQXSCREENNOTEMARK"}}},
        "encounters": {"e1": {"date": "2026-11-20", "note": "ZQXENCOUNTERMARK"}},
        "consents": {
            "c1": {"purpose": "referral", "destination": "trade_union", "given": true,
                   "language": "pa", "text_version": "consent-referral-v1",
                   "date": "2026-11-20", "share": ["phone", "needs"]}
        },
        "referrals": {
            "r1": {"destination": "trade_union", "service_id": service_id, "date": "2026-11-25",
                   "outcome": "pending", "note": "ZQXREFNOTEMARK",
                   "appointment": {"date": "2026-12-02", "time": "09:30",
                                   "ask_for": "Maria", "bring": "busta paga"}}
        }
    })
}

/// A device set up to refer: a service, a person with markers, a referral; the team.
fn setup() -> (Device, String) {
    let device = Device::new();
    let service_id = device.add("service", &service());
    let id = device.add("person", &person(&service_id));
    device.json(
        &[
            "referral",
            "sender",
            "--team",
            "Équipe Sabaudia",
            "--contact",
            "+39 333 111 2222",
            "--operator",
            "Anna",
        ],
        None,
    );
    (device, id)
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils, scripts/setup): {e}"))
}

fn pdftotext(pdf: &Path) -> String {
    let out = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every stream of the PDF inflated (what a reader of the raw file could decode).
fn inflated_streams(pdf: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(at) = rest.windows(6).position(|w| w == b"stream") {
        let mut body = &rest[at + 6..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        body = body.strip_prefix(b"\n").unwrap_or(body);
        let end = body
            .windows(9)
            .position(|w| w == b"endstream")
            .unwrap_or(body.len());
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end])
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.extend_from_slice(&inflated);
        } else {
            out.extend_from_slice(&body[..end]);
        }
        rest = &body[end.min(body.len())..];
    }
    out
}

/// Where the PNG pages of the worker's copies go, to be looked at.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots/referral-sheet");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_service_sheet_has_the_consented_fields_and_nothing_else() {
    let (device, id) = setup();
    let out = device.home().join("sheet-it.pdf");
    let answer = device.json(
        &[
            "referral",
            "sheet",
            &id,
            "r1",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(answer["copy"], "service");
    assert_eq!(answer["language"], "it");
    let text = pdftotext(&out);
    // The sheet's own title and service label, not the app's button labels of the same
    // ids ("Scheda di invio (PDF)", "Scheda per il servizio (italiano)").
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert_eq!(
        lines.iter().find(|l| !l.is_empty()),
        Some(&"Scheda di invio"),
        "{text}"
    );
    assert!(lines.contains(&"Servizio: FLAI-CGIL Latina"), "{text}");
    assert!(
        !text.contains("(PDF)") && !text.contains("Scheda per il servizio"),
        "{text}"
    );
    for present in [
        "Scheda di invio",
        "FLAI-CGIL Latina",
        "Via Roma 12, Latina",
        "Sindacato",
        "02/12/2026 09:30",
        "Équipe Sabaudia",
        "+39 333 111 2222",
        "consent-referral-v1",
        "20/11/2026",
        "Mediazione linguistica: non necessaria",
    ]
    .iter()
    .chain(SHARED)
    {
        assert!(text.contains(present), "{present} missing from:\n{text}");
    }
    let pdf = std::fs::read(&out).unwrap();
    let streams = inflated_streams(&pdf);
    for marker in NOT_SHARED {
        assert_eq!(
            count_occurrences(text.as_bytes(), marker.as_bytes()),
            0,
            "{marker} in text"
        );
        assert_eq!(
            count_occurrences(&pdf, marker.as_bytes()),
            0,
            "{marker} in the PDF"
        );
        assert_eq!(
            count_occurrences(&streams, marker.as_bytes()),
            0,
            "{marker} in an inflated stream"
        );
    }
    // The year of birth and the screening answers were not consented either.
    assert!(
        !text.contains("1991") && !text.contains("Retribuzione"),
        "{text}"
    );
    // The file is the owner's only: it holds personal data.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
    // Audited: which referral, which copy, which language; no content.
    let audit = device.json(&["audit"], None);
    let entries = audit["entries"].as_array().unwrap();
    let sheets: Vec<&Value> = entries
        .iter()
        .filter(|e| e["action"] == "referral_sheet")
        .collect();
    assert_eq!(sheets.len(), 1, "{audit:#}");
    assert_eq!(sheets[0]["record"], id.as_str());
    let detail = sheets[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("referral=r1")
            && detail.contains("copy=service")
            && detail.contains("language=it"),
        "{detail}"
    );
    assert!(
        !audit.to_string().contains("ZQX"),
        "record content in the audit log"
    );
}

#[test]
fn the_worker_copies_render_gurmukhi_arabic_and_urdu() {
    let (device, id) = setup();
    let shots = screenshots();
    // Letters of each script the copy must carry (its title and labels).
    let gurmukhi = '\u{0A00}'..='\u{0A7F}';
    let arabic = '\u{0600}'..='\u{06FF}';
    let scripts = [("pa", &gurmukhi), ("ar", &arabic), ("ur", &arabic)];
    for (lang, in_script) in scripts {
        let out = device.home().join(format!("sheet-{lang}.pdf"));
        let answer = device.json(
            &[
                "referral",
                "sheet",
                &id,
                "r1",
                "--out",
                out.to_str().unwrap(),
                "--worker",
                lang,
            ],
            None,
        );
        assert_eq!(answer["language"], lang);
        let text = pdftotext(&out);
        assert!(
            text.chars().filter(|c| in_script.contains(c)).count() > 20,
            "{lang}: no script text in:\n{text}"
        );
        for present in [
            "FLAI-CGIL Latina",
            "Via Roma 12, Latina",
            "800 290 290",
            "Maria",
            "busta paga",
        ] {
            assert!(
                text.contains(present),
                "{lang}: {present} missing from:\n{text}"
            );
        }
        for marker in SHARED.iter().chain(NOT_SHARED) {
            assert!(
                !text.contains(marker),
                "{lang}: {marker} on the worker's copy"
            );
        }
        let prefix = shots.join(format!("worker-{lang}"));
        let png = tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "110",
                out.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        assert!(
            png.status.success(),
            "{}",
            String::from_utf8_lossy(&png.stderr)
        );
    }
    let it = device.home().join("sheet-service.pdf");
    device.json(
        &[
            "referral",
            "sheet",
            &id,
            "r1",
            "--out",
            it.to_str().unwrap(),
        ],
        None,
    );
    let png = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "110",
            it.to_str().unwrap(),
            shots.join("service-it").to_str().unwrap(),
        ],
    );
    assert!(png.status.success());
    let audit = device.json(&["audit"], None);
    let copies = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "referral_sheet")
        .count();
    assert_eq!(copies, 4);
}

#[test]
fn refusals_are_one_translated_line_and_write_no_file() {
    let (device, id) = setup();
    let out = device.home().join("refused.pdf");
    let o = out.to_str().unwrap();
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["referral", "sheet", &id, "r9", "--out", o],
            "no referral with that id",
        ),
        (
            vec!["referral", "sheet", &id, "r1", "--out", o, "--worker", "de"],
            "can be made in it, en, fr, ar, pa, ur or bn",
        ),
        (
            vec![
                "referral",
                "sheet",
                "0123456789abcdef0123456789abcdef",
                "r1",
                "--out",
                o,
            ],
            "No person with this id",
        ),
        (
            vec![
                "referral",
                "sheet",
                &id,
                "r1",
                "--out",
                "/nonexistent-dir/x.pdf",
            ],
            "could not be written",
        ),
        (
            vec!["--lang", "it", "referral", "sheet", &id, "r9", "--out", o],
            "non ha un invio con quell'identificativo",
        ),
    ];
    for (args, expected) in cases {
        let line = one_line_error(&device.run(&args, None));
        assert!(line.contains(expected), "{args:?}: {line}");
        assert!(!line.contains("ZQX"), "{line}");
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    // A referral whose service is not in the directory, and one that names none.
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(
            &json!({"referrals": {
                "r2": {"destination": "trade_union", "date": "2026-11-26",
                       "service_id": "fedcba9876543210fedcba9876543210"},
                "r3": {"destination": "trade_union", "date": "2026-11-26"}}})
            .to_string(),
        ),
    );
    let line = one_line_error(&device.run(&["referral", "sheet", &id, "r2", "--out", o], None));
    assert!(line.contains("not in the directory"), "{line}");
    let line = one_line_error(&device.run(&["referral", "sheet", &id, "r3", "--out", o], None));
    assert!(line.contains("names no service"), "{line}");
    assert!(!out.exists());
    // No temporary file left behind either.
    let left: Vec<_> = std::fs::read_dir(device.home())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("ponte-sheet"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_device_without_a_referring_team_is_told_to_set_one() {
    let device = Device::new();
    let service_id = device.add("service", &service());
    let id = device.add("person", &person(&service_id));
    let out = device.home().join("x.pdf");
    let line = one_line_error(&device.run(
        &[
            "referral",
            "sheet",
            &id,
            "r1",
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    ));
    assert!(line.contains("ponte referral sender"), "{line}");
    assert!(!out.exists());
}

#[test]
fn a_consent_withdrawn_after_a_referral_keeps_it_and_refuses_new_ones() {
    let (device, id) = setup();
    // A withdrawal dated before a referral made under the consent is refused: it would
    // undo what was done while the consent held.
    let line = one_line_error(&device.run(
        &["consent", "withdraw", &id, "c1", "--date", "2026-11-22"],
        None,
    ));
    assert!(line.contains("referrals.r1"), "{line}");
    let withdrawn = device.json(
        &["consent", "withdraw", &id, "c1", "--date", "2026-11-28"],
        None,
    );
    assert_eq!(withdrawn["withdrawn"], "2026-11-28");

    // The referral made under it is still on record, as made, and the record is valid:
    // what `show` prints goes back through `person edit` unchanged.
    let shown = device.json(&["person", "show", &id], None);
    assert_eq!(shown["consents"]["c1"]["withdrawn"], "2026-11-28");
    assert_eq!(shown["referrals"]["r1"]["date"], "2026-11-25");
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&shown.to_string()),
    );

    // A new referral under it, after the withdrawal: refused, nothing changes.
    let new = json!({"referrals": {"r2": {"destination": "trade_union", "date": "2026-11-29"}}});
    let line = one_line_error(&device.run(
        &["person", "edit", &id, "--json", "-"],
        Some(&new.to_string()),
    ));
    assert!(
        line.contains("referrals.r2") && line.contains("no matching referral consent"),
        "{line}"
    );
    assert!(device.json(&["person", "show", &id], None)["referrals"]["r2"].is_null());

    // Nothing more of the person goes to the service: its sheet is refused and audited;
    // the worker's own copy, which shares nothing, is still made.
    let out = device.home().join("after.pdf");
    let o = out.to_str().unwrap();
    let line = one_line_error(&device.run(&["referral", "sheet", &id, "r1", "--out", o], None));
    assert!(line.contains("withdrew the consent"), "{line}");
    assert!(!out.exists());
    device.json(
        &["referral", "sheet", &id, "r1", "--out", o, "--worker", "ur"],
        None,
    );
    let audit = device.json(&["audit"], None);
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "refused"
                && e["detail"]
                    .as_str()
                    .is_some_and(|d| d.contains("sheet-consent-withdrawn"))),
        "{audit:#}"
    );

    let line = one_line_error(&device.run(&["consent", "withdraw", &id, "c9"], None));
    assert!(line.contains("no consent with that id"), "{line}");
}

/// The service's sheet of referral r1 is refused: the consent is withdrawn.
fn sheet_refused(device: &Device, id: &str) {
    let out = device.home().join("again.pdf");
    let o = out.to_str().unwrap();
    let line = one_line_error(&device.run(&["referral", "sheet", id, "r1", "--out", o], None));
    assert!(line.contains("withdrew the consent"), "{line}");
    assert!(!out.exists());
}

/// A withdrawal is for good (GDPR art. 7(3)): a second `consent withdraw` does not move
/// its date, and no `person edit` revives, re-dates or deletes it; so the service's
/// sheet stays refused. Who withdrew is recorded and the timeline shows it; a person
/// who agrees again gives a new consent.
#[test]
fn a_withdrawn_consent_is_neither_withdrawn_again_nor_revived() {
    let (device, id) = setup();
    let answer = device.json(
        &[
            "consent",
            "withdraw",
            &id,
            "c1",
            "--date",
            "2026-12-01",
            "--by",
            "Bruno Operatore",
        ],
        None,
    );
    assert_eq!(answer["withdrawn"], "2026-12-01");
    let shown = device.json(&["person", "show", &id], None);
    assert_eq!(shown["consents"]["c1"]["withdrawn_by"], "Bruno Operatore");
    let line = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["what"] == "consent_withdrawn")
        .cloned();
    assert_eq!(
        line,
        Some(
            json!({"date": "2026-12-01", "what": "consent_withdrawn", "entry": "c1",
                    "consent": "c1", "purpose": "referral", "destination": "trade_union",
                    "by": "Bruno Operatore"})
        )
    );

    // Withdrawn again, later: refused, in the operator's language; the date stays.
    let line = one_line_error(&device.run(
        &["consent", "withdraw", &id, "c1", "--date", "2026-12-03"],
        None,
    ));
    assert!(line.contains("withdrawn already"), "{line}");
    let mut it = device.command(&["consent", "withdraw", &id, "c1", "--date", "2026-12-03"]);
    it.env("PONTE_LANG", "it");
    let line = one_line_error(&ponte_tests::run_with(it, None));
    assert!(line.contains("già stato revocato"), "{line}");

    // Revived, re-dated, its author changed or deleted through `person edit`: refused.
    for (patch, path) in [
        (
            json!({"consents": {"c1": {"withdrawn": null}}}),
            "consents.c1.withdrawn",
        ),
        (
            json!({"consents": {"c1": {"withdrawn": "2026-12-05"}}}),
            "consents.c1.withdrawn",
        ),
        (
            json!({"consents": {"c1": {"withdrawn_by": "Altro"}}}),
            "consents.c1.withdrawn_by",
        ),
        (json!({"consents": {"c1": null}}), "consents.c1.withdrawn"),
    ] {
        let line = one_line_error(&device.run(
            &["person", "edit", &id, "--json", "-"],
            Some(&patch.to_string()),
        ));
        assert!(
            line.contains(path) && line.contains("kept as history"),
            "{patch}: {line}"
        );
    }
    let now = device.json(&["person", "show", &id], None);
    assert_eq!(now["consents"], shown["consents"]);
    sheet_refused(&device, &id);

    // The record as shown is still accepted back whole.
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&shown.to_string()),
    );
    sheet_refused(&device, &id);

    // Agreeing again is a new consent, a new entry; a new referral goes under it.
    let again = json!({
        "consents": {"c2": {"purpose": "referral", "destination": "trade_union", "given": true,
                            "language": "pa", "date": "2026-12-04"}},
        "referrals": {"r2": {"destination": "trade_union", "date": "2026-12-04"}}
    });
    device.json(
        &["person", "edit", &id, "--json", "-"],
        Some(&again.to_string()),
    );
    sheet_refused(&device, &id);
}

//! The app end to end, in real WebKit windows: two instances of the Tauri app under
//! Xvfb, driven through tauri-driver and WebKitWebDriver, against a real relay.
//!
//! A supervisor creates the team and is shown its recovery kit, to print (a banner
//! while it is not marked printed); invites; a second instance joins and is approved as
//! a mediator; an intake is done in Italian with the worker's language Arabic; after
//! sync the second instance finds the person, and is offered nothing a mediator may not
//! do. The supervisor changes the mediator's role (confirmed first), is asked before a
//! handover, makes a new recovery kit; once its device is wiped, a new device takes the
//! team over with the kit (the old kit refused), and shows the recovery. Quick-lock hides everything; a wrong passphrase shows the
//! translated error. On the way, every screen is saved as a screenshot at phone size
//! (360x740) and desktop size (1280x800) in Italian, English and Arabic, into
//! `target/screenshots/` (under `CARGO_TARGET_DIR` if set; `scripts/keep-screenshots`
//! copies them to `docs/screenshots/`), and checked for raw message ids, missing
//! labels, small tap targets and the page direction.
//!
//! A second test, run in parallel with its own display and driver, holds the locks:
//! the worker's screen has no way out but the PIN or the passphrase (no menu, no
//! back, no Escape, no reload), the working day's PIN (set, wrong, five wrong, then
//! the passphrase), the shell's auto-lock after a minute without input, the warning
//! before the last passphrase tries, the panic wipe from the home and interview
//! screens, and the first-run screen saying why a store was erased.
//!
//! It waits for events, never for a time: an element, a text, the page's language, a
//! frame drawn after a change, the end of a sync round in the shell's status.
//!
//! Needs `app-ui/dist` (built by `scripts/build-ui`, which `scripts/test` runs first),
//! Xvfb, tauri-driver and WebKitWebDriver; it fails, naming what is missing, without them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::{Duration, Instant};

use ponte_i18n::Translator;
use ponte_tests::ui::{Display, Driver, ESCAPE, Session, tools_available};
use ponte_tests::{Relay, workspace_bin};
use serde_json::{Value, json};

const PASS_A: &str = "supervisore passphrase 1";
const PASS_B: &str = "mediatore passphrase 2";
const ALIAS: &str = "Karim Testaverde";
const T: Duration = Duration::from_secs(30);
/// How long [`sync_until`] may take, over all its rounds.
const SYNC_T: Duration = Duration::from_secs(90);
/// How long the panic wipe's action must be held (`HOLD_MS` in app-ui's `panic.rs`).
const PANIC_HOLD: Duration = Duration::from_millis(2000);
const SIZES: &[(u32, u32)] = &[(360, 740), (1280, 800)];
const LANGS: &[&str] = &["it", "en", "ar"];

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Where the screenshots go: `screenshots/` in the workspace's target directory,
/// `CARGO_TARGET_DIR` if set (a relative one from the workspace root, as the scripts
/// read it). Never into `docs/`: a person decides, with `scripts/keep-screenshots`,
/// which run's screenshots the documentation shows.
fn shots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| root().join("target"), |dir| root().join(dir));
    target.join("screenshots")
}

/// Empty the screenshot folder once per run, before either test saves one: this run's
/// screenshots only, none left from an earlier run or with a name no screen has any
/// more, for `scripts/keep-screenshots` to copy. (Both tests run at once in this
/// process; the first to get here empties it.)
fn clean_shots() {
    static CLEAN: Once = Once::new();
    CLEAN.call_once(|| {
        let _ = std::fs::remove_dir_all(shots_dir());
    });
}

/// Switch the UI language through the shell (as the language buttons do) and wait
/// until the page shows it.
fn set_lang(s: &Session, lang: &str) {
    s.exec(
        "const prefs = {locale: arguments[0]};\
         return window.__TAURI__.core.invoke('set_prefs', {args: prefs}).then(() => true);",
        vec![json!(lang)],
    );
    s.wait_for(&format!("page language {lang}"), T, |s| {
        let v = s.exec(
            "return document.documentElement.lang + '/' + document.documentElement.dir;",
            vec![],
        );
        let want = format!("{lang}/{}", if lang == "ar" { "rtl" } else { "ltr" });
        (v.as_str() == Some(want.as_str())).then_some(())
    });
    // The screen re-renders in the new language and may reload what it shows (a
    // report is made in the UI language): the effects doing it run before the next
    // frame, so once a frame is drawn a reload under way shows as `aria-busy`.
    settle(s, &format!("the screen to finish loading in {lang}"));
}

/// Wait until the page has drawn a frame after its last change, nothing on it is
/// loading (`aria-busy`) and every image on it is decoded (the report's charts).
fn settle(s: &Session, what: &str) {
    s.wait_for(what, T, |s| {
        s.next_frame();
        let ready = s.exec(
            "return document.querySelector('[aria-busy=\"true\"]') === null \
               && [...document.images].every((img) => img.complete);",
            vec![],
        );
        ready == Value::Bool(true)
    });
}

/// Problems a screen must not have: raw message ids, unlabelled inputs, tap targets
/// under 44 px, text overflowing the window, low contrast, a date not written as the UI
/// language writes it ([`ponte_tests::ui::misformatted_dates`]).
fn audit(s: &Session) -> Vec<String> {
    let v = s.exec(
        r#"
        const out = [];
        const text = document.body.innerText;
        const raw = text.match(/\b(error|nav|sync|step|field|team|invite|q|consent|rights|answer|person-status|risk-level|timeline|referral|erase|outreach|place-type|material|service-type|sector|housing|need|permit-status|sex)-[a-z0-9_-]+\b/g) || [];
        for (const r of raw) { if (!/^[a-z]+-[0-9]/.test(r)) out.push('raw id: ' + r); }
        for (const el of document.querySelectorAll('input, select, textarea')) {
          if (el.type === 'hidden') continue;
          const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.getAttribute('aria-label') || el.closest('label');
          if (!labelled) out.push('unlabelled: ' + (el.id || el.outerHTML.slice(0, 60)));
        }
        for (const el of document.querySelectorAll('button, input, select, textarea, summary')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (el.type === 'file') continue;
          if (r.height < 43.5 || r.width < 43.5) out.push('small target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ': ' + (el.id || el.className || el.tagName));
        }
        if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('horizontal overflow: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
        // Contrast (WCAG AA): every element with its own text, against the background
        // composed from its ancestors; 4.5:1, or 3:1 for large text.
        const rgba = (c) => { const m = c.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
        const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
        const background = (el) => {
          const layers = [];
          for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
          }
          let bg = [255, 255, 255];
          for (const c of layers.reverse()) bg = [0, 1, 2].map((i) => c[i] * c[3] + bg[i] * (1 - c[3]));
          return bg;
        };
        for (const el of document.querySelectorAll('body *')) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
          if (!own) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const st = getComputedStyle(el);
          if (st.visibility === 'hidden' || +st.opacity === 0) continue;
          const fg = rgba(st.color);
          const bg = background(el);
          const f = [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
          const [a, b] = [lum(f), lum(bg)];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
          const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
          const disabled = el.closest('button:disabled');
          if (ratio < need && !disabled) out.push('contrast ' + ratio.toFixed(2) + ': ' + (el.id || el.className || el.tagName) + ' "' + el.textContent.trim().slice(0, 30) + '"');
        }
        return out;
        "#,
        vec![],
    );
    let mut problems: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect();
    // Dates in the UI language's format: the visible text and what the fields show.
    let shown = s.exec(
        r#"
        const values = [...document.querySelectorAll('input, textarea')]
          .filter((el) => el.type !== 'hidden' && el.type !== 'password' && el.getClientRects().length > 0)
          .map((el) => el.value);
        return [document.documentElement.lang, document.body.innerText + '\n' + values.join('\n')];
        "#,
        vec![],
    );
    let lang = shown[0].as_str().unwrap_or_default();
    problems.extend(ponte_tests::ui::misformatted_dates(
        lang,
        shown[1].as_str().unwrap_or_default(),
    ));
    problems
}

/// Save `name` in every language and size, checking each; the app is left in `back_to`.
fn shoot(s: &Session, name: &str, back_to: &str, problems: &mut Vec<String>) {
    for lang in LANGS {
        set_lang(s, lang);
        shoot_sizes(s, &format!("{name}-{lang}"), problems);
    }
    set_lang(s, back_to);
}

/// Save the screen as it is at every size as `name-WxH.png`, checking each.
fn shoot_sizes(s: &Session, name: &str, problems: &mut Vec<String>) {
    for (w, h) in SIZES {
        s.set_size(*w, *h);
        // Laid out and painted at the new size before the audit and the shot.
        settle(s, &format!("{name} to be drawn at {w}x{h}"));
        for p in audit(s) {
            problems.push(format!("{name} {w}x{h}: {p}"));
        }
        s.screenshot(&shots_dir().join(format!("{name}-{w}x{h}.png")));
    }
}

/// A phone's navigation: the bottom bar's "more" opens a sheet with the other screens
/// above the bar (checked and saved in every language), and closes again. Left at
/// desktop size, Italian.
fn shoot_more_sheet(s: &Session, problems: &mut Vec<String>) {
    for lang in LANGS {
        set_lang(s, lang);
        s.set_size(360, 740);
        settle(s, "the bottom bar at phone size");
        s.click("#nav-more");
        s.wait("#nav-rest #nav-settings", T);
        settle(s, "the more sheet to open");
        let shown = s.exec(
            "const r = document.querySelector('#nav-settings').getBoundingClientRect(); \
             const bar = document.querySelector('#nav-more').getBoundingClientRect(); \
             return r.height > 0 && r.bottom <= bar.top + 1;",
            vec![],
        );
        if shown != Value::Bool(true) {
            problems.push(format!(
                "nav-more-{lang}: the sheet is not shown above the bar"
            ));
        }
        for p in audit(s) {
            problems.push(format!("nav-more-{lang} 360x740: {p}"));
        }
        s.screenshot(&shots_dir().join(format!("nav-more-{lang}-360x740.png")));
        s.click("#nav-more");
        settle(s, "the more sheet to close");
    }
    s.set_size(1280, 800);
    set_lang(s, "it");
}

fn value_of(s: &Session, css: &str) -> String {
    s.prop(css, "value").as_str().unwrap_or_default().to_owned()
}

fn start(driver: &Driver, app: &Path, home: &Path) -> Session {
    let mut s = Session::new(
        driver,
        app,
        &["--data-dir".to_owned(), home.display().to_string()],
    );
    s.set_timeout(T);
    s.set_size(1280, 800);
    s
}

/// The shell's status (the `status` command the screens poll): `sync` has `running`,
/// `last_ok_ms`, `error` and `pending`.
fn shell_status(s: &Session) -> Value {
    // Commands called from here send their one argument struct under `args`, as the
    // screens do (the IPC contract, ponte-ipc's `cmd`).
    s.exec(
        "return window.__TAURI__.core.invoke('status', {args: {}});",
        vec![],
    )
}

/// Press "sync now" and wait for the end of the round it asked for: the shell's
/// status records a newer successful sync, or a new error. (If a background round was
/// already running, the button does not start another: that round's end is awaited.)
fn sync_round(s: &Session) {
    let before = shell_status(s)["sync"].clone();
    s.click("#sync-now");
    let mut last = before.clone();
    let over = ponte_tests::poll_until(T, Duration::from_millis(100), || {
        last = shell_status(s)["sync"].clone();
        last["running"] == false
            && (last["last_ok_ms"] != before["last_ok_ms"] || last["error"] != before["error"])
    });
    if over.is_err() {
        s.fail(&format!(
            "the sync round asked for by #sync-now did not end within {T:?}: the shell's \
             sync status went from {before} to {last}"
        ));
    }
}

/// Sync, one awaited round at a time, until `done` holds (the relay may need a few
/// rounds: approval, keys).
fn sync_until(s: &Session, what: &str, mut done: impl FnMut(&Session) -> bool) {
    s.wait_for(&format!("sync to reach: {what}"), SYNC_T, |s| {
        s.click("#nav-home");
        sync_round(s);
        done(s)
    });
}

#[test]
fn two_apps_sync_an_intake_through_a_real_relay() {
    if let Err(missing) = tools_available() {
        panic!("{missing}");
    }
    let dist = root().join("app-ui/dist/ponte-app-ui_bg.wasm");
    assert!(
        dist.is_file(),
        "{} missing: run scripts/build-ui first",
        dist.display()
    );
    let app = workspace_bin("ponte-app");
    clean_shots();
    let mut relay = Relay::start();
    let homes = tempfile::tempdir().unwrap();
    let (home_a, home_b) = (homes.path().join("a"), homes.path().join("b"));
    let display = Display::start();
    let driver_a = Driver::start(&display);
    let driver_b = Driver::start(&display);
    let mut problems = Vec::new();
    let it = Translator::with_isolation(Some("it"), true);

    // Supervisor's device: first run in Italian, passphrase, create the team.
    let a = start(&driver_a, &app, &home_a);
    a.wait("#first-run", T);
    a.click("#lang-it");
    shoot(&a, "first-run", "it", &mut problems);
    a.type_into("#new-passphrase", PASS_A);
    a.type_into("#confirm-passphrase", PASS_A);
    a.click("#init");
    a.wait("#team-setup", T);
    shoot(&a, "team-setup", "it", &mut problems);
    a.type_into("#device-name", "Anna supervisore");
    a.type_into("#relay", &relay.url);
    // The test relay is closed to team creation: the supervisor gives its code.
    a.type_into("#relay-code", ponte_tests::RELAY_CODE);
    a.click("#create-team");
    let first_kit = recovery_kit(&a, &mut problems);
    a.click("#nav-home");
    a.wait("#home", T);
    // The team's places: a pick-up point added to the list; today's listening point
    // then picked from it (not typed), as the quick contact's and the outreach
    // session's place later.
    a.click("#nav-places");
    a.type_into("#place-name", "Borgo Hermada");
    a.select("#new-place-type", "pickup_point");
    a.click("#add-place");
    a.wait_text("#place-list", "Borgo Hermada", T);
    shoot(&a, "places", "it", &mut problems);
    a.click("#nav-home");
    a.wait_for("the places in the picker", T, |s| {
        s.text("#listening-point")
            .contains("Borgo Hermada")
            .then_some(())
    });
    select_text(&a, "#listening-point", "Borgo Hermada");
    a.click("#save-point");
    a.wait_for("today's listening point saved", T, |s| {
        shell_status(s)["listening_point"]
            .as_str()
            .is_some_and(|p| p.len() == 32)
            .then_some(())
    });
    shoot(&a, "home", "it", &mut problems);
    shoot_more_sheet(&a, &mut problems);

    // Invite.
    a.click("#nav-team");
    a.click("#invite");
    a.wait("#invite-code-out", T);
    let code = a.wait_for("invite code", T, |s| {
        let v = value_of(s, "#invite-code-out");
        v.starts_with("ponte1:").then_some(v)
    });
    shoot(&a, "team", "it", &mut problems);

    // Second device joins with the code.
    let b = start(&driver_b, &app, &home_b);
    b.wait("#first-run", T);
    b.click("#lang-it");
    b.type_into("#new-passphrase", PASS_B);
    b.type_into("#confirm-passphrase", PASS_B);
    b.click("#init");
    b.wait("#team-setup", T);
    b.type_into("#device-name", "Harjit mediatore");
    b.type_into("#invite-code", &code);
    b.click("#join-team");
    b.wait("#home", T);
    b.click("#nav-team");
    b.wait("#waiting-approval", T);
    shoot(&b, "team-member-waiting", "it", &mut problems);

    // The supervisor approves it as a mediator; the device list names it, with its
    // role.
    a.select("#approve-role", "mediator");
    a.click("#approve");
    a.wait_text("#approved-count", "1", T);
    a.wait_text("#device-list", "Harjit mediatore", T);
    a.wait_text(
        ".device-row[data-role=mediator] .role-badge",
        it.t("role-mediator", &[]).trim(),
        T,
    );

    // Intake in Italian, the worker's language Arabic.
    a.click("#nav-intake");
    a.wait("#intake-step-0", T);
    a.select("#worker-lang", "ar");
    a.wait_for("consent text in Arabic", T, |s| {
        s.attr(".handout", "lang").filter(|l| l == "ar").map(|_| ())
    });
    assert_eq!(a.attr(".handout", "dir").as_deref(), Some("rtl"));
    let consent_ar = Translator::with_isolation(Some("ar"), true).t("consent-intake-title", &[]);
    a.wait_text(".handout h2", consent_ar.trim(), T);
    shoot(&a, "intake-consent", "it", &mut problems);
    a.click("#consent-yes");
    a.wait("#intake-step-1", T);
    a.type_into("#alias", ALIAS);
    // Side by side: the Italian question and the Arabic one.
    let q_it = it.t("q-alias", &[]);
    let q_ar = Translator::with_isolation(Some("ar"), true).t("q-alias", &[]);
    let label = a.text("label[for=alias]");
    assert!(
        label.contains(q_it.trim()) && label.contains(q_ar.trim()),
        "{label}"
    );
    a.click("[data-path='/sex'] [data-code=male]");
    a.select("#nationality", "MA");
    a.click("#languages [data-code=ar]");
    shoot(&a, "intake-profile", "it", &mut problems);
    a.click("#next");
    a.wait("#intake-step-2", T);
    a.click("[data-path='/sector'] [data-code=agriculture]");
    a.click("[data-path='/permit/status'] [data-code=none]");
    shoot(&a, "intake-work", "it", &mut problems);
    a.click("#next");
    a.wait("#intake-step-3", T);
    a.click("[data-path='/housing'] [data-code=informal_settlement]");
    shoot(&a, "intake-living", "it", &mut problems);
    a.click("#next");
    a.wait("#intake-step-4", T);
    a.click("[data-item='s603.pay'] [data-answer=yes]");
    a.click("[data-item='s603.hours'] [data-answer=yes]");
    a.click("[data-item='ilo.retention_of_documents'] [data-answer=yes]");
    a.click("[data-item='s603.safety'] [data-answer=unknown]");
    shoot(&a, "intake-screening", "it", &mut problems);
    a.click("#next");
    a.wait("#intake-step-5", T);
    a.click("#needs [data-code=legal_aid]");
    shoot(&a, "intake-needs", "it", &mut problems);
    a.click("#next");
    a.wait("#intake-step-6", T);
    a.wait_text("#intake-summary .badge", &it.t("risk-level-high", &[]), T);
    shoot(&a, "intake-summary", "it", &mut problems);
    a.click("#next");
    a.wait_text("#person-alias", ALIAS, T);
    shoot(&a, "person", "it", &mut problems);

    // People list, outreach, services, hand-out, settings: one look each.
    a.click("#nav-people");
    a.wait_text("#people-list", ALIAS, T);
    shoot(&a, "people", "it", &mut problems);
    // A quick contact and an outreach session at the place of the list.
    quick_contact(&a, &mut problems);
    outreach_tally(&a, &mut problems);
    a.click("#nav-services");
    a.type_into("#service-name", "CGIL Latina");
    a.select("#service-type", "trade_union");
    a.click("#add-service");
    a.wait_text("#service-list", "CGIL Latina", T);
    shoot(&a, "services", "it", &mut problems);

    // A referral needs the matching consent: none yet, so no "refer" button; the
    // consent text read in Arabic is recorded, then the referral goes to the directory's
    // trade union.
    a.click("#nav-people");
    a.click(".person-row");
    a.wait_text("#person-alias", ALIAS, T);
    a.select("#destination", "trade_union");
    a.wait("#consent-needed", T);
    assert!(
        a.find("#refer").is_none(),
        "referral offered without consent"
    );
    a.select("#worker-lang", "ar");
    // What the person agrees to share, asked: nothing ticked beforehand.
    assert_eq!(a.count("#share-fields .choice[aria-pressed=true]"), 0);
    a.click("#share-phone");
    a.click("#share-needs");
    shoot_at(
        &a,
        "person-referral-consent",
        "#referral",
        "it",
        &mut problems,
    );
    a.click("#record-consent");
    a.wait("#refer", T);
    // The appointment the service gave, for both sheets: the day typed as the UI
    // writes dates, the time as a time field holds it.
    a.type_into("#appointment-date", "02/03/2099");
    a.exec(
        "const e = document.querySelector('#appointment-time'); e.value = '09:30'; \
         e.dispatchEvent(new Event('input', {bubbles: true})); return true;",
        vec![],
    );
    a.type_into("#appointment-ask-for", "Giulia");
    shoot_at(
        &a,
        "person-referral-appointment",
        "#referral",
        "it",
        &mut problems,
    );
    let service = a.exec(
        "return [...document.querySelectorAll('#referral-service option')].find(o => o.textContent.includes('CGIL')).value;",
        vec![],
    );
    a.select("#referral-service", service.as_str().unwrap());
    a.click("#refer");
    a.wait_text("#timeline", &it.t("timeline-referral", &[]), T);

    // The case moves on, on the person's page: taken in charge by a member picked from
    // the team (not typed), a goal set and reached, the referral accepted on a date
    // with a note, a follow-up overdue (first on the home screen), one moved and one
    // done, the referral's sheets (the service's, the worker's copy in Punjabi),
    // closed with a reason and reopened, a consent withdrawn. Each step is in the
    // timeline with who and when.
    case_flow(&a, &home_a, &it, &mut problems);
    a.click("#nav-home");
    a.click("#action-handout");
    a.select("#worker-lang", "ar");
    a.wait_for("rights card in Arabic", T, |s| {
        s.attr("#rights-card", "dir")
            .filter(|d| d == "rtl")
            .map(|_| ())
    });
    assert!(a.text("#rights-card").contains("800 290 290"));
    a.wait("#draft-badge", T);
    shoot(&a, "handout-ar", "it", &mut problems);
    a.select("#worker-lang", "ur");
    a.wait_for("rights card in Urdu", T, |s| {
        s.attr("#rights-card", "lang")
            .filter(|d| d == "ur")
            .map(|_| ())
    });
    shoot(&a, "handout-ur", "it", &mut problems);
    a.click("#nav-settings");
    a.wait("#settings", T);
    shoot(&a, "settings", "it", &mut problems);

    // Sync: the supervisor's changes go up; the second device gets the keys and the person.
    sync_until(&a, "nothing pending on the supervisor's device", |s| {
        s.text("#sync-detail").contains(&it.t(
            "sync-detail",
            &[
                ("relay", relay.url.as_str().into()),
                ("count", 0usize.into()),
            ],
        ))
    });
    sync_until(&b, "the person on the second device", |s| {
        s.click("#nav-people");
        s.find(".person-row").is_some() && s.text("#people-list").contains(ALIAS)
    });
    b.click(".person-row");
    b.wait_text("#person-alias", ALIAS, T);
    // A team member cannot erase; the supervisor can. A mediator is offered no case
    // in charge, closing or reopening, and no referral sheet.
    assert!(b.find("#erase").is_none(), "a team member is offered erase");
    assert_eq!(shell_status(&b)["team"]["role"], "mediator");
    b.wait("#case", T);
    for css in [
        "#case-take",
        "#case-reopen",
        "#case-close-open",
        ".sheet-service",
    ] {
        assert!(b.find(css).is_none(), "a mediator is offered {css}");
    }
    concurrent_edit(&a, &b, &mut problems);
    // Need-to-know: the supervisor restricts the person to members picked from the
    // team, changes the list (the mediator's device then has no row for the person),
    // and lifts it (the person back there).
    restrict_person(&a, &b, &mut problems);
    // A breached relay serves the team a change nobody wrote: every device refuses it.
    relay.forge_garbage_change();
    // The mediator's device pulls it and refuses it, then ships its log at its next
    // round.
    for _ in 0..2 {
        b.click("#nav-home");
        sync_round(&b);
    }
    // Audit review: the mediator's log reaches the supervisor, intact, with its view
    // of the person and the entry it refused; the person's page says who opened the
    // record.
    audit_review(&a, &mut problems);

    // Quick-lock hides everything.
    a.click("#nav-people");
    a.wait_text("#people-list", ALIAS, T);
    a.click("#quick-lock");
    a.wait("#unlock-screen", T);
    let body = a.body_text();
    assert!(
        !body.contains(ALIAS) && !body.contains("Borgo"),
        "locked screen shows data: {body}"
    );
    assert!(a.find("#people-list").is_none() && a.find(".nav").is_none());
    // The shell dropped the store too: a command for records is refused.
    let refused = a.exec(
        "return window.__TAURI__.core.invoke('list', {args: {query: {}}})\
           .then(() => 'ok', e => e.code);",
        vec![],
    );
    assert_eq!(refused, Value::from("locked"));

    // A wrong passphrase: the translated error, and still locked.
    a.type_into("#passphrase", "not the passphrase");
    a.click("#unlock");
    let wrong = it.t("error-wrong-passphrase", &[]);
    a.wait_text("#error", wrong.trim(), T);
    shoot(&a, "unlock-error", "it", &mut problems);
    a.type_into("#passphrase", PASS_A);
    a.click("#unlock");
    a.wait("#home", T);

    // Reports: the supervisor's; the member has no such screen. Neither team device
    // is offered the programme coordinator's screen.
    assert!(
        b.find("#nav-reports").is_none(),
        "a team member is offered reports"
    );
    for s in [&a, &b] {
        assert!(
            s.find("#nav-programme").is_none(),
            "a team device is offered the programme screen"
        );
    }
    a.click("#nav-reports");
    a.click("#report-show");
    a.wait("#reports [data-table='persons.sex']", T);
    a.wait("#report-hidden", T);
    assert_eq!(
        a.count("#report-charts img"),
        3,
        "three charts on the Reports screen"
    );
    shoot(&a, "reports", "it", &mut problems);
    a.click("#report-export");
    a.wait("#report-exported", T);
    let exports: Vec<_> = std::fs::read_dir(home_a.join("exports"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .collect();
    assert_eq!(exports.len(), 1, "one workbook exported");

    // The supervisor erases the person (with confirmation); the erasure reaches the
    // other device.
    a.click("#nav-people");
    a.click(".person-row");
    a.wait_text("#person-alias", ALIAS, T);
    a.click("#erase");
    a.wait("#erase-confirm", T);
    shoot(&a, "person-erase-confirm", "it", &mut problems);
    a.click("#erase-confirm");
    a.wait("#people", T);
    a.wait_for("the person gone from the list", T, |s| {
        (!s.text("#people-list").contains(ALIAS)).then_some(())
    });
    sync_until(&a, "the erasure sent", |s| {
        s.text("#sync-detail").contains(&it.t(
            "sync-detail",
            &[
                ("relay", relay.url.as_str().into()),
                ("count", 0usize.into()),
            ],
        ))
    });
    sync_until(&b, "the person erased on the second device", |s| {
        s.click("#nav-people");
        s.wait("#people-count", T);
        !s.text("#people-list").contains(ALIAS)
    });

    // Nothing about the person in any file of either home, or on the relay.
    for (path, bytes) in ponte_tests::files_under(homes.path())
        .into_iter()
        .chain(relay.storage_bytes())
    {
        assert_eq!(
            ponte_tests::count_occurrences(&bytes, b"Testaverde"),
            0,
            "plaintext in {}",
            path.display()
        );
    }

    // The supervisor removes the second device (with confirmation); at its next sync it
    // wipes itself and says so. First its role, a handover asked and cancelled, and a
    // new recovery kit.
    a.click("#nav-team");
    a.wait_text("#device-list", "Harjit mediatore", T);
    let kit = roles_and_new_kit(&a, &it, &first_kit, &mut problems);
    a.click(".device-row .danger");
    a.click(".revoke-confirm");
    a.wait_for("the device gone from the list", T, |s| {
        (!s.text("#device-list").contains("Harjit")).then_some(())
    });
    b.click("#nav-home");
    b.exec(
        "return window.__TAURI__.core.invoke('sync_now', {args: {}}).then(() => true, () => true);",
        vec![],
    );
    b.wait("#revoked", T);
    shoot(&b, "revoked", "it", &mut problems);
    assert!(
        !ponte_store::Store::exists(&home_b),
        "the revoked device kept its store"
    );

    // A third device, in no team, becomes a programme's coordinator from the app,
    // pins three teams (one of them this app's, whose supervisor sends its counts from
    // the reports screen), imports two teams' packages and shows and exports the
    // combined report.
    let driver_c = Driver::start(&display);
    programme_coordinator(
        &driver_c,
        &app,
        &homes.path().join("c"),
        &relay,
        (&a, &home_a),
        &mut problems,
    );

    // Panic wipe, last (it ends the supervisor's device). From the interview screen:
    // the quiet, labelled button in the top bar opens a dialog; an ordinary tap on its
    // action wipes nothing; held for 2 s it wipes, and the app is on its first run.
    a.click("#nav-intake");
    a.wait("#intake-step-0", T);
    assert_eq!(
        a.attr("#panic", "aria-label").as_deref().map(str::trim),
        Some(it.t("panic-open", &[]).trim())
    );
    a.click("#panic");
    a.wait("#panic-dialog", T);
    shoot(&a, "panic-confirm", "it", &mut problems);
    a.click("#panic-hold");
    // Watched for longer than a hold: the meter stays empty, the dialog open, the store
    // there (a failure shows at once).
    let watched = Instant::now();
    while watched.elapsed() < PANIC_HOLD + Duration::from_millis(500) {
        assert!(
            a.find("#panic-dialog").is_some()
                && ponte_store::Store::exists(&home_a)
                && a.attr("#panic-progress", "aria-valuenow").as_deref() == Some("0"),
            "a tap started or made the wipe"
        );
    }
    a.press_and_hold("#panic-hold", PANIC_HOLD + Duration::from_millis(600));
    a.wait("#first-run", T);
    assert!(!ponte_store::Store::exists(&home_a), "the store survived");
    let left = ponte_tests::files_under(&home_a);
    assert!(
        left.is_empty(),
        "files left after the panic wipe: {:?}",
        left.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    // The first run makes a new, empty store; from the home screen (cancel first, then
    // hold) and from the lock screen (no passphrase) the wipe works the same.
    let fresh = |s: &Session| {
        s.type_into("#new-passphrase", PASS_A);
        s.type_into("#confirm-passphrase", PASS_A);
        s.click("#init");
        s.wait("#team-setup", T);
        s.click("#skip-team");
        s.wait("#home", T);
    };
    recover_team(&a, &it, &first_kit, &kit, &mut problems);
    a.click("#panic");
    a.wait("#panic-dialog", T);
    a.click("#panic-cancel");
    a.wait_gone("#panic-dialog", T);
    assert!(ponte_store::Store::exists(&home_a));
    a.click("#panic");
    a.press_and_hold("#panic-hold", PANIC_HOLD + Duration::from_millis(600));
    a.wait("#first-run", T);
    assert!(!ponte_store::Store::exists(&home_a));
    fresh(&a);
    a.click("#quick-lock");
    a.wait("#unlock-screen", T);
    a.click("#panic");
    a.wait("#panic-dialog", T);
    shoot(&a, "panic-confirm-locked", "it", &mut problems);
    a.press_and_hold("#panic-hold", PANIC_HOLD + Duration::from_millis(600));
    a.wait("#first-run", T);
    assert!(!ponte_store::Store::exists(&home_a));

    assert!(
        problems.is_empty(),
        "screen problems:\n{}",
        problems.join("\n")
    );
}

/// The recovery kit shown after the team is made (or a new kit, or a recovery): its
/// code and QR code, saved in every language and size; "later" leaves a banner on the
/// team screen, which shows it again; "printed and stored" makes the device forget it.
/// Answers the kit's code.
fn recovery_kit(a: &Session, problems: &mut Vec<String>) -> String {
    a.wait("#recovery-kit", T);
    let code = a.wait_for("the recovery kit's code", T, |s| {
        let v = value_of(s, "#kit-code");
        v.starts_with("ponterec1:").then_some(v)
    });
    assert!(a.find("#recovery-kit .qr svg").is_some(), "no QR code");
    assert_eq!(shell_status(a)["team"]["recovery_kit_unprinted"], true);
    shoot_at(a, "recovery-kit", "#recovery-kit", "it", problems);
    a.click("#kit-later");
    a.wait("#kit-unprinted", T);
    // With a kit, the supervisor's device has a key lease like every other device.
    assert!(a.find("#lease-supervisor").is_some(), "no lease line");
    assert!(
        a.find("#lease-exempt").is_none(),
        "exempt although a kit exists"
    );
    shoot_at(a, "team-kit-unprinted", "#kit-unprinted", "it", problems);
    a.click("#kit-show");
    a.wait_for("the same kit again", T, |s| {
        (value_of(s, "#kit-code") == code).then_some(())
    });
    a.click("#kit-printed");
    a.wait_gone("#recovery-kit", T);
    a.wait_gone("#kit-unprinted", T);
    assert_eq!(shell_status(a)["team"]["recovery_kit_unprinted"], false);
    let pending = a.exec(
        "return window.__TAURI__.core.invoke('recovery_kit_pending', {args: {}});",
        vec![],
    );
    assert_eq!(pending, Value::Null, "the device kept the printed kit");
    code
}

/// On the team screen of the supervisor's device `a`: the second device's role changed
/// from mediator to operator (the choice and its confirmation saved in every language
/// and size), a handover asked (saved) and cancelled, and a new recovery kit made
/// (confirmed first) and marked printed. Answers the new kit's code.
fn roles_and_new_kit(
    a: &Session,
    it: &Translator,
    old_kit: &str,
    problems: &mut Vec<String>,
) -> String {
    a.click(".device-row[data-role=mediator] .role-change");
    a.wait(".role-form .role-select", T);
    a.select(".role-form .role-select", "operator");
    a.wait_text(".role-ask", "Harjit mediatore", T);
    shoot_at(
        a,
        "team-role-change",
        ".device-row[data-role=mediator]",
        "it",
        problems,
    );
    a.click(".role-form .role-confirm");
    a.wait("#role-done", T);
    a.wait_text(
        ".device-row[data-role=operator] .role-badge",
        it.t("role-operator", &[]).trim(),
        T,
    );
    assert!(a.find(".device-row[data-role=mediator]").is_none());
    a.click(".device-row[data-role=operator] .handover");
    a.wait(".handover-ask", T);
    shoot_at(
        a,
        "team-handover-confirm",
        ".device-row[data-role=operator]",
        "it",
        problems,
    );
    click_text(a, ".handover-form button", it.t("cancel", &[]).trim());
    a.wait_gone(".handover-form", T);
    assert_eq!(shell_status(a)["team"]["role"], "supervisor");

    a.click("#kit-new");
    a.click("#kit-new-confirm");
    a.wait("#recovery-kit", T);
    let code = a.wait_for("the new kit's code", T, |s| {
        let v = value_of(s, "#kit-code");
        v.starts_with("ponterec1:").then_some(v)
    });
    assert_ne!(code, old_kit, "the new kit is the old one");
    a.click("#kit-printed");
    a.wait_gone("#recovery-kit", T);
    code
}

/// The supervisor's device is lost (wiped): a new one takes the team over with the
/// recovery kit. The kit replaced by a newer one is refused, with the translated
/// error; the current one brings the supervisor role and a new kit (shown, then marked
/// printed), and the team screen says who recovered the team and when (saved).
fn recover_team(
    a: &Session,
    it: &Translator,
    old_kit: &str,
    kit: &str,
    problems: &mut Vec<String>,
) {
    a.type_into("#new-passphrase", PASS_A);
    a.type_into("#confirm-passphrase", PASS_A);
    a.click("#init");
    a.wait("#team-setup", T);
    a.type_into("#device-name", "Anna nuovo telefono");
    a.type_into("#recovery-code", old_kit);
    a.click("#recover-team");
    a.wait_text(
        "#recover-error",
        it.t("error-recovery-kit-retired", &[]).trim(),
        T,
    );
    shoot_at(
        a,
        "team-setup-recover-error",
        "#recover-option",
        "it",
        problems,
    );
    a.type_into("#recovery-code", kit);
    a.click("#recover-team");
    a.wait("#recovery-kit", T);
    let new = value_of(a, "#kit-code");
    assert!(new.starts_with("ponterec1:") && new != kit, "no new kit");
    a.click("#kit-printed");
    a.wait_gone("#recovery-kit", T);
    a.wait_text("#recoveries", "Anna nuovo telefono", T);
    assert_eq!(shell_status(a)["team"]["role"], "supervisor");
    shoot_at(a, "team-recovered", "#recoveries", "it", problems);
    a.click("#nav-home");
    a.wait("#home", T);
}

/// Like [`shoot`], with the window scrolled so that `css` starts at the top of the
/// screen (below the sticky top bar): a long page's lower cards are looked at too.
fn shoot_at(s: &Session, name: &str, css: &str, back_to: &str, problems: &mut Vec<String>) {
    for lang in LANGS {
        set_lang(s, lang);
        for (w, h) in SIZES {
            s.set_size(*w, *h);
            settle(s, &format!("{name}-{lang} to be drawn at {w}x{h}"));
            s.exec(
                "const el = document.querySelector(arguments[0]); \
                 const top = document.querySelector('.top'); \
                 el.scrollIntoView({block: 'start'}); \
                 window.scrollBy(0, -(top ? top.getBoundingClientRect().height + 8 : 0)); \
                 return true;",
                vec![json!(css)],
            );
            settle(s, &format!("{name}-{lang} scrolled to {css}"));
            for p in audit(s) {
                problems.push(format!("{name}-{lang} {w}x{h}: {p}"));
            }
            s.screenshot(&shots_dir().join(format!("{name}-{lang}-{w}x{h}.png")));
        }
    }
    set_lang(s, back_to);
}

/// Click the first element matching `css` whose text contains `text`.
fn click_text(s: &Session, css: &str, text: &str) {
    let found = s.exec(
        "const el = [...document.querySelectorAll(arguments[0])]\
           .find((e) => e.textContent.includes(arguments[1])); \
         if (!el) return false; el.scrollIntoView({block: 'center'}); el.click(); return true;",
        vec![json!(css), json!(text)],
    );
    assert_eq!(found, Value::Bool(true), "no {css} with text {text}");
}

/// The option of the `<select>` matching `css` whose text contains `text`, chosen.
fn select_text(s: &Session, css: &str, text: &str) {
    let value = s.exec(
        "const o = [...document.querySelectorAll(arguments[0] + ' option')]\
           .find((o) => o.textContent.includes(arguments[1])); return o ? o.value : null;",
        vec![json!(css), json!(text)],
    );
    let value = value
        .as_str()
        .unwrap_or_else(|| panic!("no option {text} in {css}"))
        .to_owned();
    s.select(css, &value);
}

/// A quick contact from the home screen in a few taps: a description, the place from
/// the team's list, the language, what was handed out, yes to a new contact, at the
/// place and by phone with the number. It is a person whose page shows how to contact
/// them again and offers to start the interview.
fn quick_contact(a: &Session, problems: &mut Vec<String>) {
    a.click("#nav-home");
    a.click("#action-contact");
    a.wait("#quick-contact", T);
    a.type_into("#contact-alias", "Uomo con la giacca blu");
    a.wait_for("the places in the picker", T, |s| {
        s.text("#contact-place")
            .contains("Borgo Hermada")
            .then_some(())
    });
    select_text(a, "#contact-place", "Borgo Hermada");
    a.select("#contact-language", "pa");
    a.click("#contact-given [data-code=helpline_card]");
    // How is asked only after a yes; the number only for a call or a message.
    assert!(a.find_all("#contact-recontact-how").is_empty());
    a.click("#contact-recontact-yes");
    a.wait("#contact-recontact-how", T);
    a.click("#contact-recontact-how [data-code=at_place]");
    assert!(a.find_all("#contact-phone").is_empty());
    a.click("#contact-recontact-how [data-code=phone]");
    a.wait(
        "#contact-recontact-how [data-code=phone][aria-pressed=true]",
        T,
    );
    a.type_into("#contact-phone", PHONE);
    shoot(a, "quick-contact", "it", problems);
    shoot_at(
        a,
        "quick-contact-recontact",
        "#contact-recontact",
        "it",
        problems,
    );
    a.click("#contact-save");
    a.wait_text("#person-alias", "Uomo con la giacca blu", T);
    a.wait("#contact-to-intake", T);
    assert!(
        a.text("#person").contains("Borgo Hermada"),
        "the place by its name"
    );
    let it = Translator::new(Some("it"));
    let ways = a.wait_text(
        "#person-recontact-how",
        &it.t("recontact-way-phone", &[]),
        T,
    );
    assert!(
        ways.contains(&it.t("recontact-way-at_place", &[])),
        "{ways}"
    );
    assert!(a.text("#person-phone").contains(PHONE));
    shoot(a, "person-contact", "it", problems);
}

/// The phone number the quick contact gives (a call or a message agreed).
const PHONE: &str = "+39 333 555 0101";

/// An outreach session at the place of the list, counted with +1 / -1 (a tap too
/// many taken back), a nationality, a material, a member of the team picked, and a
/// group session where someone asked for a follow-up.
fn outreach_tally(a: &Session, problems: &mut Vec<String>) {
    a.click("#nav-outreach");
    a.wait("#start-outreach", T);
    a.wait_for("the places in the picker", T, |s| {
        s.text("#outreach-place")
            .contains("Borgo Hermada")
            .then_some(())
    });
    select_text(a, "#outreach-place", "Borgo Hermada");
    a.click("#start-outreach");
    a.wait("#tally", T);
    let total = |n: i64| {
        Translator::with_isolation(Some("it"), true).t("outreach-total", &[("count", n.into())])
    };
    for (counter, taps) in [("tally-women", 2), ("tally-men", 4), ("tally-minors", 1)] {
        for _ in 0..taps {
            a.click(&format!("[data-counter={counter}] .tally-plus"));
        }
    }
    a.click("[data-counter=tally-men] .tally-minus");
    a.wait_text("#tally-total", &total(5), T);
    a.wait_text("[data-counter=tally-men] .tally-count", "3", T);
    a.wait_text("[data-counter=tally-minors] .tally-count", "1", T);
    a.select("#tally-nationality", "IN");
    a.click("#tally-nationality-add");
    a.wait_text("[data-counter=nationality-IN] .tally-count", "1", T);
    a.click("[data-counter=material-rights_leaflet] .tally-plus");
    a.wait_text(
        "[data-counter=material-rights_leaflet] .tally-count",
        "1",
        T,
    );
    a.wait_text("#tally-members", "Harjit mediatore", T);
    click_text(a, "#tally-members .member-chip", "Harjit mediatore");
    a.wait("#tally-members .member-chip[aria-pressed=true]", T);
    shoot_at(a, "outreach-tally", "#tally", "it", problems);
    a.select("#group-topic", "rights");
    a.type_into("#group-attendance", "6");
    a.click("#group-add");
    a.wait("#group-list .group-row", T);
    a.click("#group-list .group-ask");
    a.type_into("#group-alias", "Uomo con il cappello rosso");
    // Saved only once the person said whether the team may contact them again.
    assert_eq!(a.prop("#group-follow-up-save", "disabled"), json!(true));
    a.click("#group-recontact-yes");
    a.wait("#group-recontact-how", T);
    a.click("#group-recontact-how [data-code=mediator]");
    a.wait(
        "#group-recontact-how [data-code=mediator][aria-pressed=true]",
        T,
    );
    shoot_at(a, "outreach-group-ask", "#group-recontact", "it", problems);
    a.click("#group-follow-up-save");
    let asked = Translator::with_isolation(Some("it"), true)
        .t("group-follow-up-n", &[("count", 1i64.into())]);
    a.wait_text("#group-list", asked.trim(), T);
    shoot_at(a, "outreach-groups", "#groups", "it", problems);
    a.click("#outreach-done");
    a.wait("#outreach-list .outreach-row", T);
    assert!(a.text("#outreach-list").contains("Borgo Hermada"));
    shoot(a, "outreach", "it", problems);
}

/// Two devices write the same field of the person while apart: after sync, the
/// person's page shows the conflict with both values and who wrote them; "keep this
/// value" ends it.
fn concurrent_edit(a: &Session, b: &Session, problems: &mut Vec<String>) {
    let id = a.exec(
        "const alias = arguments[0]; \
         return window.__TAURI__.core.invoke('list', {args: {query: {}}}).then((rows) => { \
           const r = rows.find((r) => r.summary.t === alias); \
           return r ? r.id : 'none of ' + rows.map((r) => r.summary.t).join(', '); });",
        vec![json!(ALIAS)],
    );
    let id = id.as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32, "{id}");
    // Both edits before either device syncs (each sync waits for more edits first).
    let edit = "return window.__TAURI__.core.invoke('edit', {args: {id: arguments[0], \
                patch: {phone: arguments[1]}}}).then(() => true);";
    a.exec(edit, vec![json!(id), json!("+39 333 000 1111")]);
    b.exec(edit, vec![json!(id), json!("+39 333 000 2222")]);
    sync_until(a, "a's edit on the relay", |s| {
        shell_status(s)["sync"]["pending"] == 0
    });
    sync_until(b, "b's edit on the relay", |s| {
        shell_status(s)["sync"]["pending"] == 0
    });
    sync_until(a, "the conflict on the supervisor's device", |s| {
        s.click("#nav-people");
        s.click(".person-row");
        s.wait_text("#person-alias", ALIAS, T);
        s.wait("#conflicts-checked", T);
        s.find("#conflicts").is_some()
    });
    let shown = a.text("#conflicts");
    assert!(
        shown.contains("+39 333 000 1111") && shown.contains("+39 333 000 2222"),
        "{shown}"
    );
    assert!(shown.contains("Harjit mediatore"), "{shown}");
    shoot_at(a, "person-conflict", "#conflicts", "it", problems);
    a.click("#conflicts .conflict-value[data-kept=false] .conflict-keep");
    a.wait_gone("#conflicts", T);
}

/// The case flow on the person's page of [`ALIAS`] (open on `a`, in Italian, the
/// referral to the directory's trade union just made): see the caller.
fn case_flow(a: &Session, home: &Path, it: &Translator, problems: &mut Vec<String>) {
    let label = |id: &str| it.t(id, &[]).trim().to_owned();
    // Taken in charge: "take in charge", then the member's name.
    a.click("#case-take");
    a.wait("#case-operators .operator-choice", T);
    assert!(
        a.text("#case-operators").contains("Anna supervisore"),
        "the team's members are offered"
    );
    click_text(a, "#case-operators .operator-choice", "Harjit mediatore");
    a.wait_text("#case-operator", "Harjit mediatore", T);
    // A goal set.
    a.type_into("#goal-text", "Rinnovo del permesso");
    a.click("#goal-add");
    a.wait_text("#case-goals", "Rinnovo del permesso", T);
    // A second goal, later dropped.
    a.type_into("#goal-text", "Corso di italiano");
    a.click("#goal-add");
    a.wait_text("#case-goals", "Corso di italiano", T);
    // The referral's next step: accepted, with a note (the date is today's).
    a.click(".referral .outcome-step[data-outcome=accepted]");
    a.wait("#step-save", T);
    a.type_into("#step-note", "Appuntamento fissato");
    shoot_at(a, "person-referral-step", "#referrals", "it", problems);
    a.click("#step-save");
    a.wait(".referral[data-outcome=accepted]", T);
    a.wait_text(".referral .outcome-steps", "Appuntamento fissato", T);
    // Two follow-ups: one overdue, one next week or later.
    a.type_into("#followup-due", "02/11/2026");
    a.click("#add-followup");
    a.wait(".followup[data-overdue=true]", T);
    a.type_into("#followup-due", "15/01/2099");
    a.click("#add-followup");
    a.wait_for("two follow-ups", T, |s| {
        (s.count(".followup") == 2).then_some(())
    });
    shoot_at(a, "person-case", "#case", "it", problems);
    // The home screen: the overdue follow-up first, marked as such.
    a.click("#nav-home");
    a.wait("#followups-due .due-row[data-overdue=true]", T);
    assert!(a.text("#followups-due").contains(ALIAS));
    shoot_at(a, "home-followups", "#followups", "it", problems);
    a.click("#followups-due .due-row");
    a.wait_text("#person-alias", ALIAS, T);
    // The overdue one done with a note; the other moved.
    a.click(".followup[data-overdue=true] .followup-done-open");
    a.type_into("#followup-note", "Chiamato, tutto bene");
    a.click("#followup-done-save");
    a.wait_for("one follow-up left", T, |s| {
        (s.count(".followup") == 1).then_some(())
    });
    a.click(".followup .followup-move-open");
    a.type_into("#followup-new-due", "20/02/2099");
    a.click("#followup-move-save");
    a.wait_text("#followup-list", "20/02/2099", T);
    // The sheets: the referring team asked for once, then the service's sheet and
    // the worker's copy in Punjabi, written to the exports folder.
    a.click(".referral .sheet-service");
    a.wait("#sender-form", T);
    a.type_into("#sender-team", "Équipe Sabaudia");
    a.type_into("#sender-contact", "+39 333 111 2222");
    a.click("#sender-save");
    a.wait(".referral .sheet-made", T);
    a.select(".referral .sheets select", "pa");
    a.click(".referral .sheet-worker");
    a.wait_for("the worker's copy", T, |s| {
        s.text(".referral .sheet-path")
            .contains("-worker-pa-")
            .then_some(())
    });
    let sheets: Vec<String> = std::fs::read_dir(home.join("exports"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    assert!(sheets.iter().all(|n| !n.contains("Karim")), "{sheets:?}");
    // The service's sheet made in the app carries what the person agreed to share and
    // the appointment (read back as text).
    let service_sheet = sheets.iter().find(|n| !n.contains("-worker-")).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(home.join("exports").join(service_sheet))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup)");
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in ["Telefono", "Bisogni", "09:30", "Giulia"] {
        assert!(
            text.contains(needle),
            "{needle} not on the service's sheet:\n{text}"
        );
    }
    shoot_at(a, "person-sheets", ".referral .sheets", "it", problems);
    // The goal reached; closed with a reason; reopened.
    a.click("#case-goals .goal-done");
    a.wait("#case-goals .goal[data-state=done]", T);
    a.click("#case-goals .goal[data-state=open] .goal-drop");
    a.wait("#case-goals .goal[data-state=dropped]", T);
    a.click("#case-close-open");
    a.select("#close-reason", "goal_reached");
    a.click("#case-close");
    a.wait("#case-reopen", T);
    a.wait_text("#case-reason", &label("close-reason-goal_reached"), T);
    a.click("#case-reopen");
    a.wait("#case-take", T);
    // A consent withdrawn (the referral's): the referral stays as made.
    a.click(".consent[data-purpose=referral] .consent-withdraw");
    a.click(".consent[data-purpose=referral] .consent-withdraw-confirm");
    a.wait(".consent[data-purpose=referral][data-withdrawn=true]", T);
    assert!(a.find(".referral[data-outcome=accepted]").is_some());
    // The timeline: every step, with who (this device's name in the team).
    let timeline = a.text("#timeline");
    for id in [
        "case-event-taken_in_charge",
        "case-event-goal_set",
        "case-event-goal_done",
        "case-event-goal_dropped",
        "case-event-closed",
        "case-event-reopened",
        "timeline-outcome",
        "timeline-followup-done",
    ] {
        assert!(
            timeline.contains(&label(id)),
            "{id} not in the timeline: {timeline}"
        );
    }
    assert!(timeline.contains("Anna supervisore"), "{timeline}");
    assert!(timeline.contains("Chiamato, tutto bene"), "{timeline}");
    shoot_at(a, "person-timeline", "#consents", "it", problems);
}

const PASS_W: &str = "operatrice passphrase 3";
const PIN: &str = "246810";
/// Wrong, but within the PIN rule (a PIN the rule refuses is not a try).
const WRONG_PIN: &str = "975312";
const WRONG_PASS: &str = "not the passphrase at all";
const WORKER_ALIAS: &str = "Bilal Lontanodaqui";
/// The tel: link of the Numero Verde Antitratta (800 290 290).
const HELPLINE_HREF: &str = "tel:800290290";
/// The smallest auto-lock delay, and how long a test waits for the shell's lock.
const IDLE_LOCK_T: Duration = Duration::from_secs(150);
const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// Invoke the shell's command `name` with `args` as the screens do; `Ok(answer)` or
/// `Err(error code)`.
fn invoke(s: &Session, name: &str, args: &Value) -> Result<Value, String> {
    let v = s.exec(
        "return window.__TAURI__.core.invoke(arguments[0], {args: arguments[1]})\
           .then((ok) => ({ok}), (e) => ({err: (e && e.code) || String(e)}));",
        vec![json!(name), args.clone()],
    );
    match v.get("err") {
        Some(code) => Err(code.as_str().unwrap_or_default().to_owned()),
        None => Ok(v["ok"].clone()),
    }
}

/// The worker's screen in `lang` is all there is: no menu, bar, panic or lock button
/// (the panic wipe only on the operator's way back), nothing of `alias` in the page
/// (shown or not), the Numero Verde a `tel:` link; the shell holds the lock and the
/// mode, and refuses records.
fn assert_worker_only(s: &Session, lang: &str, alias: &str) {
    s.wait("#worker-screen", T);
    for css in [
        "nav",
        "header",
        ".nav",
        ".top",
        "#quick-lock",
        "#home",
        "#people-list",
        "#sync-status",
    ] {
        assert!(s.find(css).is_none(), "{css} on the worker's screen");
    }
    let panic_outside = s.exec(
        "return [...document.querySelectorAll('#panic')].some(e => !e.closest('#worker-unlock'));",
        vec![],
    );
    assert_eq!(
        panic_outside,
        json!(false),
        "a panic button on the worker's card"
    );
    let body = s.body_text();
    assert!(!body.contains(alias), "the worker's screen shows {alias}");
    let html = s.exec("return document.documentElement.outerHTML;", vec![]);
    assert!(
        !html.as_str().unwrap_or_default().contains(alias),
        "{alias} is in the worker's page"
    );
    // The worker's text, unless the operator's way back (PIN pad, passphrase) is open.
    if s.find("#worker-unlock").is_none() {
        assert_eq!(s.attr("#rights-card", "lang").as_deref(), Some(lang));
        assert_eq!(
            s.attr("#helpline-call", "href").as_deref(),
            Some(HELPLINE_HREF)
        );
    }
    let status = shell_status(s);
    assert_eq!(status["unlocked"], false, "{status}");
    assert_eq!(status["worker_mode"], lang, "{status}");
    let list = invoke(s, "list", &json!({"query": {}}));
    assert!(list.is_err(), "records listed on the worker's screen");
}

/// Escape, the history's back and a reload all leave the worker's screen up.
fn try_the_ways_out(s: &Session, lang: &str, alias: &str) {
    s.press_key(ESCAPE);
    s.next_frame();
    assert_worker_only(s, lang, alias);
    s.exec("history.back(); return true;", vec![]);
    // Had it found a page to go back to, a navigation would now be under way.
    s.wait_for("the page after history.back()", T, |s| {
        s.try_exec("return document.readyState === 'complete';", vec![])
            .is_ok_and(|v| v == true)
    });
    s.next_frame();
    assert_worker_only(s, lang, alias);
    s.exec(
        "window.__ponteBeforeReload = true; setTimeout(() => location.reload(), 0); return true;",
        vec![],
    );
    s.wait_for("the page to reload", T, |s| {
        s.try_exec(
            "return window.__ponteBeforeReload === undefined \
               && document.querySelector('#worker-screen') !== null;",
            vec![],
        )
        .is_ok_and(|v| v == true)
    });
    assert_worker_only(s, lang, alias);
}

/// Submit `passphrase` on the unlock form and wait for the answer: the text of the
/// error it brought (a new error element), or `None` when the app opened (with the
/// team set-up put off, for a device in no team).
fn unlock_attempt(s: &Session, passphrase: &str) -> Option<String> {
    let before = s.find("#error");
    s.type_into("#passphrase", passphrase);
    s.click("#unlock");
    s.wait_for("the answer to an unlock", T, |s| {
        if s.find(".nav").is_some() {
            return Some(None);
        }
        // A device in no team asks again after a reload (the choice to set it up
        // later is the screens' own): later again.
        if s.find("#team-setup").is_some() {
            s.click("#skip-team");
            return Some(None);
        }
        let now = s.find("#error");
        (now.is_some() && now != before).then(|| Some(s.text("#error")))
    })
}

/// Fresh first run in Italian with `PASS_W`, no team: ends on the home screen.
fn first_run(s: &Session) {
    s.wait("#first-run", T);
    s.click("#lang-it");
    s.type_into("#new-passphrase", PASS_W);
    s.type_into("#confirm-passphrase", PASS_W);
    s.click("#init");
    s.wait("#team-setup", T);
    s.click("#skip-team");
    s.wait("#home", T);
}

/// A home whose store `ponte` erased after 10 wrong passphrases (its clock moved a
/// minute ahead for each try, past the growing delay, as `unlock_limit.rs` does).
fn erased_home() -> ponte_tests::Device {
    assert!(
        Path::new(LIBFAKETIME).exists(),
        "libfaketime is missing: run scripts/setup (Debian package faketime)"
    );
    let device = ponte_tests::Device::new();
    for n in 1..=10u64 {
        let mut cmd = device.command(&["person", "list"]);
        cmd.env("PONTE_PASSPHRASE", WRONG_PASS)
            .env("LD_PRELOAD", LIBFAKETIME)
            .env("FAKETIME", format!("+{}s", n * 61))
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1");
        let out = ponte_tests::run_with(cmd, None);
        assert!(!out.status.success(), "a wrong passphrase opened the store");
    }
    assert_eq!(
        ponte_store::unlock::erased_after(device.home()),
        Some(10),
        "the store was not erased"
    );
    device
}

/// The worker's screen and its PIN pad in each language, at each size: the shell
/// takes no preferences from the worker's screen, so the app is handed over anew in
/// each (the worker's language the UI's), and the PIN brings it back each time.
fn shoot_worker(s: &Session, problems: &mut Vec<String>) {
    for lang in LANGS {
        set_lang(s, lang);
        invoke(s, "hand_to_worker", &json!({"lang": lang})).unwrap();
        s.wait("#worker-screen", T);
        shoot_sizes(s, &format!("worker-{lang}"), problems);
        s.click("#worker-return");
        s.wait("#pin-pad", T);
        shoot_sizes(s, &format!("worker-pin-{lang}"), problems);
        s.type_into("#pin", PIN);
        s.click("#pin-ok");
        s.wait(".nav", T);
    }
    set_lang(s, "it");
}

#[test]
fn the_worker_screen_has_no_way_out_and_the_shell_locks() {
    if let Err(missing) = tools_available() {
        panic!("{missing}");
    }
    let dist = root().join("app-ui/dist/ponte-app-ui_bg.wasm");
    assert!(
        dist.is_file(),
        "{} missing: run scripts/build-ui first",
        dist.display()
    );
    let app = workspace_bin("ponte-app");
    clean_shots();
    let erased = erased_home();
    let homes = tempfile::tempdir().unwrap();
    let home = homes.path().join("w");
    let display = Display::start();
    let driver = Driver::start(&display);
    let mut problems = Vec::new();
    let it = Translator::with_isolation(Some("it"), true);
    let t_it = |id: &str| it.t(id, &[]).trim().to_owned();

    let s = start(&driver, &app, &home);
    first_run(&s);
    // A person on the device: nothing of them may reach the worker's screen.
    invoke(
        &s,
        "create",
        &json!({"kind": "person", "fields": {"alias": WORKER_ALIAS}}),
    )
    .unwrap();
    s.click("#nav-people");
    s.wait_text("#people-list", WORKER_ALIAS, T);

    // Hand over without a PIN: the operator is told that only the passphrase will
    // bring the app back.
    s.click("#nav-home");
    s.click("#action-handout");
    s.wait("#handover-no-pin", T);
    s.select("#worker-lang", "ar");
    s.wait_for("rights card in Arabic", T, |s| {
        s.attr("#rights-card", "dir")
            .filter(|d| d == "rtl")
            .map(|_| ())
    });
    assert_eq!(
        s.attr("#helpline-call", "href").as_deref(),
        Some(HELPLINE_HREF)
    );
    shoot(&s, "handout-no-pin", "it", &mut problems);
    s.click("#hand-to-worker");
    assert_worker_only(&s, "ar", WORKER_ALIAS);
    assert_eq!(
        s.attr("#worker-screen .worker-text", "dir").as_deref(),
        Some("rtl")
    );
    try_the_ways_out(&s, "ar", WORKER_ALIAS);

    // The way back, without a PIN: the passphrase. Escape there returns to the
    // worker's screen; a wrong passphrase keeps it.
    s.click("#worker-return");
    s.wait("#worker-unlock", T);
    assert!(s.find("#pin-pad").is_none(), "a PIN pad without a PIN");
    // The panic wipe is on the operator's way back, one tap from the worker's screen.
    assert!(
        s.find("#worker-unlock #panic").is_some(),
        "no panic on the way back"
    );
    s.wait("#passphrase", T);
    // The shell takes no preferences from the worker's screen: this one in Italian.
    shoot_sizes(&s, "worker-return-passphrase-it", &mut problems);
    s.press_key(ESCAPE);
    s.wait_gone("#worker-unlock", T);
    assert_worker_only(&s, "ar", WORKER_ALIAS);
    s.click("#worker-return");
    let wrong = unlock_attempt(&s, WRONG_PASS).expect("a wrong passphrase opened the app");
    assert!(wrong.contains(&t_it("error-wrong-passphrase")), "{wrong}");
    assert_worker_only(&s, "ar", WORKER_ALIAS);
    assert_eq!(unlock_attempt(&s, PASS_W), None);
    let status = shell_status(&s);
    assert_eq!(status["unlocked"], true, "{status}");
    assert_eq!(status["worker_mode"], Value::Null, "{status}");

    // The working day's PIN in Settings: typed twice; until when it works.
    s.click("#nav-settings");
    s.wait("#pin-settings", T);
    s.type_into("#pin-new", PIN);
    s.type_into("#pin-confirm", "13579");
    s.click("#pin-set");
    s.wait_text("#pin-settings #error", &t_it("error-pin-mismatch"), T);
    s.type_into("#pin-confirm", PIN);
    s.click("#pin-set");
    s.wait("#pin-until", T);
    let until = shell_status(&s)["pin_until_ms"].clone();
    assert!(until.is_i64(), "no end to the PIN: {until}");
    shoot(&s, "settings-pin", "it", &mut problems);

    // The duress passphrase in Settings, as `ponte duress set`: typed twice; saved
    // with no trace of whether one was set before.
    s.type_into("#duress-new", "sotto minaccia all'alba");
    s.type_into("#duress-confirm", "sotto minaccia");
    s.click("#duress-set");
    s.wait_text("#duress-settings #error", &t_it("error-duress-mismatch"), T);
    s.type_into("#duress-confirm", "sotto minaccia all'alba");
    s.click("#duress-set");
    s.wait("#duress-saved", T);
    assert_eq!(s.prop("#duress-new", "value"), json!(""));
    shoot_at(
        &s,
        "settings-duress",
        "#duress-settings",
        "it",
        &mut problems,
    );

    // With a PIN, the hand-over has no warning, and the PIN brings the app back; a
    // wrong one keeps the worker's screen and counts.
    s.click("#nav-home");
    s.click("#action-handout");
    s.wait("#hand-to-worker", T);
    assert!(
        s.find("#handover-no-pin").is_none(),
        "warned with a PIN set"
    );
    s.select("#worker-lang", "en");
    s.click("#hand-to-worker");
    assert_worker_only(&s, "en", WORKER_ALIAS);
    s.click("#worker-return");
    s.wait("#pin-pad", T);
    for d in WRONG_PIN.chars() {
        s.click(&format!("#pin-pad [data-digit='{d}']"));
    }
    assert_eq!(
        s.prop("#pin", "value").as_str().unwrap_or_default(),
        WRONG_PIN
    );
    s.click("#pin-ok");
    s.wait_for("one try fewer", T, |s| {
        shell_status(s)["pin_tries_left"] == 4
    });
    s.wait_text("#pin-pad #error", "4", T);
    assert!(s.find("#pin-tries").is_none(), "the tries left said twice");
    assert_worker_only(&s, "en", WORKER_ALIAS);
    s.type_into("#pin", PIN);
    s.click("#pin-ok");
    s.wait(".nav", T);
    let status = shell_status(&s);
    assert_eq!(status["unlocked"], true, "{status}");
    assert_eq!(status["worker_mode"], Value::Null, "{status}");
    shoot_worker(&s, &mut problems);

    // The lock screen with a PIN: the pad, the passphrase on request; five wrong PINs
    // and only the passphrase opens.
    s.click("#quick-lock");
    s.wait("#unlock-screen #pin-pad", T);
    assert_eq!(shell_status(&s)["pin_ready"], true);
    s.click("#use-passphrase");
    s.wait("#passphrase", T);
    s.click("#use-pin");
    s.wait("#pin-pad", T);
    let mut wrong_pins = 0;
    while shell_status(&s)["pin_ready"] == true {
        assert!(wrong_pins < 5, "a sixth wrong PIN was taken");
        let left = shell_status(&s)["pin_tries_left"].clone();
        s.type_into("#pin", WRONG_PIN);
        s.click("#pin-ok");
        s.wait_for("the answer to a wrong PIN", T, |s| {
            let now = shell_status(s);
            (now["pin_tries_left"] != left || now["pin_ready"] == false).then_some(())
        });
        wrong_pins += 1;
        if shell_status(&s)["pin_tries_left"] == 2 {
            s.wait_text("#pin-pad #error", "2", T);
            shoot(&s, "unlock-pin-tries", "it", &mut problems);
        }
    }
    s.wait("#unlock-screen #passphrase", T);
    assert!(s.find("#pin-pad").is_none() && s.find("#use-pin").is_none());
    assert_eq!(unlock_attempt(&s, PASS_W), None);

    // The passphrase began a new day without a PIN: the hand-over offers to set one
    // right there.
    s.click("#nav-home");
    s.click("#action-handout");
    s.wait("#handover-no-pin", T);
    s.click("#handover-pin summary");
    s.type_into("#pin-new", PIN);
    s.type_into("#pin-confirm", PIN);
    s.click("#pin-set");
    s.wait_gone("#handover-no-pin", T);
    assert!(shell_status(&s)["pin_until_ms"].is_i64());

    // Auto-lock by the shell: a minute without input (the minimum), with a PIN set;
    // the lock screen comes by itself and the PIN reopens.
    s.click("#nav-settings");
    s.wait("#pin-until", T);
    s.click("#autolock-1");
    s.wait_for("auto-lock at one minute", T, |s| {
        shell_status(s)["autolock_minutes"] == 1
    });
    let idle_from = Instant::now();
    s.wait_for("the shell's lock after a minute idle", IDLE_LOCK_T, |s| {
        s.find("#unlock-screen")
    });
    let idle = idle_from.elapsed();
    assert!(
        idle >= Duration::from_secs(50),
        "locked after only {idle:?} without input"
    );
    let status = shell_status(&s);
    assert_eq!(status["unlocked"], false, "{status}");
    assert!(s.find(".nav").is_none() && !s.body_text().contains(WORKER_ALIAS));
    s.wait("#pin-pad", T);
    s.type_into("#pin", PIN);
    s.click("#pin-ok");
    s.wait(".nav", T);

    // The last tries before the device erases itself: a warning that stands out. The
    // PIN forgotten first, so the lock asks for the passphrase.
    s.click("#nav-settings");
    s.click("#pin-clear");
    s.wait("#pin-set-form", T);
    assert_eq!(shell_status(&s)["pin_until_ms"], Value::Null);
    s.click("#autolock-5");
    s.click("#quick-lock");
    s.wait("#unlock-screen #passphrase", T);
    let final_tries = it
        .t(
            "error-wrong-passphrase-final-tries",
            &[("left", 3i64.into())],
        )
        .trim()
        .to_owned();
    let delayed = t_it("error-unlock-delayed");
    let delayed_start: String = delayed.chars().take(12).collect();
    s.wait_for("the final-tries warning", Duration::from_secs(120), |s| {
        let text = unlock_attempt(s, WRONG_PASS).expect("a wrong passphrase opened the app");
        assert!(
            text.contains(&t_it("error-wrong-passphrase"))
                || text.contains(&delayed_start)
                || text.contains(&final_tries),
            "{text}"
        );
        text.contains(&final_tries).then_some(())
    });
    s.wait("#error.final-tries", T);
    shoot(&s, "unlock-final-tries", "it", &mut problems);
    s.wait_for(
        "the right passphrase after the delay",
        Duration::from_secs(90),
        |s| unlock_attempt(s, PASS_W).is_none(),
    );

    // Panic from the home screen, then from the interview: the first run, which says
    // nothing of a wipe (whoever looks at the phone learns nothing).
    s.click("#nav-home");
    s.wait("#home", T);
    s.click("#panic");
    s.press_and_hold("#panic-hold", Duration::from_millis(2600));
    s.wait("#first-run", T);
    assert!(s.find("#erased-reason").is_none());
    assert!(!ponte_store::Store::exists(&home), "the store survived");
    first_run(&s);
    s.click("#nav-intake");
    s.wait("#intake-step-0", T);
    s.click("#panic");
    s.press_and_hold("#panic-hold", Duration::from_millis(2600));
    s.wait("#first-run", T);
    assert!(s.find("#erased-reason").is_none());
    assert!(!ponte_store::Store::exists(&home), "the store survived");
    drop(s);

    // A store erased after 10 wrong passphrases: the first run says why.
    let s = start(&driver, &app, erased.home());
    s.wait("#first-run #erased-reason", T);
    let status = shell_status(&s);
    assert_eq!(
        status["erased"]["code"], "erased-after-failures",
        "{status}"
    );
    let why = it
        .t("error-erased-after-failures", &[("attempts", 10i64.into())])
        .trim()
        .to_owned();
    s.wait_text("#erased-reason", &why, T);
    shoot(&s, "first-run-erased", "it", &mut problems);

    assert!(
        problems.is_empty(),
        "screen problems:\n{}",
        problems.join("\n")
    );
}

/// Need-to-know on the person's page of [`ALIAS`] (supervisor `a`, mediator `b`): the
/// record restricted to members picked from the team (the pick, the question and the
/// readers saved in every language and size), the mediator then taken off the list (its
/// device has no row for the person after sync), and the restriction lifted, asked
/// first (the person back on the mediator's device).
fn restrict_person(a: &Session, b: &Session, problems: &mut Vec<String>) {
    let open_person = |s: &Session| {
        s.click("#nav-people");
        s.click(".person-row");
        s.wait_text("#person-alias", ALIAS, T);
    };
    open_person(a);
    a.wait("#access-open", T);
    a.click("#restrict-open");
    a.wait("#restrict-members .member-chip", T);
    // This device is picked from the start; the mediator is picked by name.
    a.wait("#restrict-members .member-chip[aria-pressed=true]", T);
    click_text(a, "#restrict-members .member-chip", "Harjit mediatore");
    a.wait_for("both members picked", T, |s| {
        (s.count("#restrict-members .member-chip[aria-pressed=true]") == 2).then_some(())
    });
    shoot_at(a, "person-restrict-pick", "#restrict", "it", problems);
    a.click("#restrict-next");
    a.wait_text("#restrict-ask", "Harjit mediatore", T);
    shoot_at(a, "person-restrict-confirm", "#restrict", "it", problems);
    a.click("#restrict-confirm");
    a.wait("#access-restricted", T);
    a.wait_text("#readers", "Harjit mediatore", T);
    a.wait_text("#readers", "Anna supervisore", T);
    shoot_at(a, "person-restricted", "#restrict", "it", problems);

    // The mediator taken off the list: after sync its device has no row for the
    // person.
    a.click("#restrict-change");
    a.wait("#restrict-members .member-chip", T);
    click_text(a, "#restrict-members .member-chip", "Harjit mediatore");
    a.wait_for("only this device picked", T, |s| {
        (s.count("#restrict-members .member-chip[aria-pressed=true]") == 1).then_some(())
    });
    a.click("#restrict-next");
    a.click("#restrict-confirm");
    a.wait("#access-restricted", T);
    a.wait_for("the mediator off the readers", T, |s| {
        (!s.text("#readers").contains("Harjit")).then_some(())
    });
    sync_until(a, "the restriction on the relay", |s| {
        shell_status(s)["sync"]["pending"] == 0
    });
    sync_until(b, "the person gone from the mediator's device", |s| {
        s.click("#nav-people");
        s.wait("#people-count", T);
        !s.text("#people-list").contains(ALIAS)
    });

    // Lifted, asked first: the whole team reads it again.
    open_person(a);
    a.click("#restrict-lift");
    a.wait("#lift-ask", T);
    a.click("#lift-confirm");
    a.wait("#access-open", T);
    a.wait("#restrict-done", T);
    sync_until(a, "the lifted restriction on the relay", |s| {
        shell_status(s)["sync"]["pending"] == 0
    });
    sync_until(b, "the person back on the mediator's device", |s| {
        s.click("#nav-people");
        s.wait("#people-count", T);
        s.text("#people-list").contains(ALIAS)
    });
}

/// The programme's period in the coordinator's test.
const PROGRAMME_FROM: &str = "2026-01-01";
const PROGRAMME_TO: &str = "2026-03-31";

/// A team made with the `ponte` binary on `relay`, whose supervisor records one person
/// per sex given, each met once in the programme's period; answers the supervisor's
/// device and its team code naming the team `name`.
fn cli_team(relay: &Relay, name: &str, sexes: &[&str]) -> (ponte_tests::Device, String) {
    let devices = ponte_tests::team(relay, 0);
    let supervisor = devices.into_iter().next().unwrap();
    if !sexes.is_empty() {
        let lines: Vec<String> = sexes
            .iter()
            .enumerate()
            .map(|(i, sex)| {
                json!({
                    "alias": format!("{name} {i}"),
                    "sex": sex,
                    "nationality": "MA",
                    "encounters": {"e0": {"date": "2026-02-10"}},
                })
                .to_string()
            })
            .collect();
        let imported = supervisor.json(
            &["person", "import", "--jsonl", "-"],
            Some(&(lines.join("\n") + "\n")),
        );
        assert_eq!(imported["created"], sexes.len());
    }
    let code = supervisor.json(&["programme", "team-code", "--name", name], None)["code"]
        .as_str()
        .unwrap()
        .to_owned();
    (supervisor, code)
}

/// Package files (`.json`) in `dir` (0 when it does not exist).
fn packages_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .count()
    })
}

/// A device in no team becomes a programme's coordinator from the app (offered from
/// the team screen, not in the menu before), shows its code to hand to the teams, pins
/// three teams by their codes (one from the supervisor app `sup`'s reports screen,
/// whose store is in `sup_home`),
/// imports the packages two of them sent (picked as files: one made by `sup` from its
/// reports screen for the current month, refused first with a code that is not a
/// coordinator's), shows the combined report of a period with one tap (the teams
/// without a package for it named, small counts of the sum hidden) and exports it.
/// Each step saved in every language and size.
fn programme_coordinator(
    driver: &Driver,
    app: &Path,
    home: &Path,
    relay: &Relay,
    (sup, sup_home): (&Session, &Path),
    problems: &mut Vec<String>,
) {
    let c = start(driver, app, home);
    c.wait("#first-run", T);
    c.click("#lang-it");
    c.type_into("#new-passphrase", PASS_B);
    c.type_into("#confirm-passphrase", PASS_B);
    c.click("#init");
    c.wait("#team-setup", T);
    c.click("#skip-team");
    c.wait("#home", T);
    assert!(
        c.find("#nav-programme").is_none(),
        "the programme screen in the menu before the device coordinates one"
    );
    c.click("#nav-team");
    c.wait("#programme-option", T);
    c.click("#to-programme");
    c.wait("#programme-setup", T);
    shoot(&c, "programme-setup", "it", problems);
    c.type_into("#programme-new-name", "FAMI Lazio");
    c.click("#programme-init");
    let code = c.wait_for("the coordinator code", T, |s| {
        s.find("#programme-code")?;
        let v = value_of(s, "#programme-code");
        v.starts_with("ponteprog1:").then_some(v)
    });
    assert!(
        c.find("#programme-key-card .qr svg").is_some(),
        "no QR code"
    );
    // Now a coordinator: the programme in the menu, the interview and outreach not.
    c.wait("#nav-programme", T);
    assert!(c.find("#nav-intake").is_none() && c.find("#nav-outreach").is_none());
    shoot_at(&c, "programme-key", "#programme-key-card", "it", problems);

    // Two teams pinned; only one sends its package.
    let (latina, latina_code) = cli_team(
        relay,
        "Latina",
        &[
            "female", "female", "female", "female", "male", "male", "male", "other",
        ],
    );
    let (_fondi, fondi_code) = cli_team(relay, "Fondi", &[]);
    for (name, team_code) in [("Latina", &latina_code), ("Fondi", &fondi_code)] {
        c.type_into("#team-code", team_code);
        c.type_into("#team-name", name);
        c.click("#add-team");
        c.wait_text("#programme-team-list", name, T);
    }
    c.wait(".programme-team .team-nothing", T);

    // The app's own team: its supervisor shows the team code on the reports screen;
    // the coordinator pins it.
    sup.click("#nav-reports");
    sup.wait("#programme-send", T);
    sup.click("#programme-team-code-show");
    let sup_code = sup.wait_for("the team code", T, |s| {
        s.find("#programme-team-code")?;
        let v = value_of(s, "#programme-team-code");
        v.starts_with("ponteteam1:").then_some(v)
    });
    assert!(
        sup.find("#programme-send .qr svg").is_some(),
        "no QR code of the team code"
    );
    c.type_into("#team-code", &sup_code);
    c.type_into("#team-name", "Roma");
    c.click("#add-team");
    c.wait_text("#programme-team-list", "Roma", T);
    // A code that is not a coordinator's is refused, in words, and nothing is saved.
    let exports = sup_home.join("exports");
    sup.type_into("#publish-coordinator", &sup_code);
    sup.click("#programme-publish");
    sup.wait("#programme-send .card-error", T);
    assert!(
        !sup.text("#programme-send .card-error")
            .contains("programme-bad-code"),
        "an error code shown instead of words"
    );
    assert_eq!(packages_in(&exports), 0, "a package saved for a bad code");
    // A package leaves a team only for a period in which it reached 5 people or more
    // (the counts of one or two people are their profile): five more people met today.
    for i in 0..5 {
        invoke(
            sup,
            "create",
            &json!({"kind": "person", "fields": {"alias": format!("Roma {i}")}}),
        )
        .unwrap();
    }
    // The coordinator's code: the current month's counts saved, sealed for it.
    sup.type_into("#publish-coordinator", &code);
    sup.click("#programme-publish");
    sup.wait("#programme-published", T);
    // The fingerprint as the coordinator's screen shows it, to compare.
    let fingerprint = c.text("#programme-fingerprint");
    assert_eq!(fingerprint.trim().len(), 16, "{fingerprint}");
    assert!(
        sup.text("#programme-published")
            .contains(fingerprint.trim()),
        "the coordinator's fingerprint not shown as its screen shows it"
    );
    let saved = packages_in(&exports);
    assert_eq!(saved, 1, "one package saved");
    shoot_at(sup, "programme-send", "#programme-send", "it", problems);
    shoot_at(
        sup,
        "programme-sent",
        "#programme-published",
        "it",
        problems,
    );
    let roma_package = std::fs::read_dir(&exports)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    assert!(
        sup.text("#programme-published")
            .contains(roma_package.file_name().unwrap().to_str().unwrap()),
        "the file's place not shown"
    );

    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("latina.ponte-programme.json");
    latina.json(
        &[
            "programme",
            "publish",
            "--coordinator",
            &code,
            "--from",
            PROGRAMME_FROM,
            "--to",
            PROGRAMME_TO,
            "--out",
            package.to_str().unwrap(),
        ],
        None,
    );
    // Both picked at once in the screen's file picker (the files' bytes, as WebKit
    // hands them to the page).
    let file = |path: &Path| -> Value {
        Value::Array(
            std::fs::read(path)
                .unwrap()
                .into_iter()
                .map(Value::from)
                .collect(),
        )
    };
    let picked = c.exec(
        "const input = document.querySelector('#package-files'); \
         const dt = new DataTransfer(); \
         for (const [bytes, name] of arguments[0]) { \
           dt.items.add(new File([new Uint8Array(bytes)], name, {type: 'application/json'})); \
         } \
         input.files = dt.files; \
         const picked = input.files.length; \
         input.dispatchEvent(new Event('change', {bubbles: true})); \
         return picked;",
        vec![json!([
            [file(&package), "latina.ponte-programme.json"],
            [file(&roma_package), "roma.ponte-programme.json"]
        ])],
    );
    assert_eq!(picked, json!(2), "the packages not picked");
    c.wait_for("both packages added", T, |s| {
        (s.count("#imported .imported-row[data-status=added]") == 2).then_some(())
    });
    c.wait(".programme-team .period-badge", T);
    shoot_at(
        &c,
        "programme-imported",
        "#programme-import",
        "it",
        problems,
    );
    shoot_at(&c, "programme-teams", "#programme-teams", "it", problems);

    // The report of Latina's period, one tap (Roma's, the current month, is offered
    // too): Latina in it, Fondi and Roma named as missing; 8 people met, each sex
    // under 5 in the sum (hidden).
    assert_eq!(c.count("#programme-periods .period-choice"), 2);
    c.click(&format!(
        "#programme-periods .period-choice[data-from='{PROGRAMME_FROM}']"
    ));
    c.wait("#programme-included", T);
    c.wait("#programme [data-table='programme.team']", T);
    assert!(
        c.text("#programme-included [data-included=true]")
            .contains("Latina"),
        "Latina not in the report"
    );
    let missing = c
        .exec(
            "return [...document.querySelectorAll('#programme-included [data-included=false]')]\
               .map((e) => e.textContent).join(' | ');",
            vec![],
        )
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        missing.contains("Fondi") && missing.contains("Roma"),
        "Fondi and Roma not named as missing: {missing}"
    );
    assert!(
        c.count("#programme [data-table='persons.sex'] td.hidden-cell") > 0,
        "small counts of the sum not hidden"
    );
    assert_eq!(
        c.count("#programme [data-table='programme.team'] td.total"),
        c.count("#programme [data-table='programme.team'] tbody tr")
    );
    shoot_at(&c, "programme-report", "#programme-report", "it", problems);
    shoot_at(
        &c,
        "programme-report-teams",
        "#programme-included",
        "it",
        problems,
    );
    c.click("#programme-export");
    c.wait("#programme-exported", T);
    let workbook = home.join("exports").join(format!(
        "ponte-programme-{PROGRAMME_FROM}-{PROGRAMME_TO}.xlsx"
    ));
    assert!(workbook.is_file(), "no workbook at {}", workbook.display());
}

/// The supervisor's audit review on `a`: after sync the mediator's log is there and
/// intact (the list, the mediator's entries newest first with its view of the person,
/// and the person's "who opened this record", each saved in every language and size).
fn audit_review(a: &Session, problems: &mut Vec<String>) {
    // A device row's `data-state` and `data-refused`, found by the device's name.
    let row_of = |s: &Session, name: &str| {
        s.exec(
            "const row = [...document.querySelectorAll('#audit-devices .audit-device-row')]\
               .find((r) => r.textContent.includes(arguments[0])); \
             return row ? [row.dataset.state, row.dataset.refused] : null;",
            vec![json!(name)],
        )
    };
    // The mediator's log says it refused the relay's forged entry (its log intact).
    sync_until(a, "the mediator's log in the review", |s| {
        s.click("#nav-team");
        // The team screen loads its devices from the relay: the button once it is
        // settled (a click during the load can land on a button being replaced).
        settle(s, "the team screen");
        s.click("#to-audit");
        s.wait("#audit-devices .audit-device-row", T);
        settle(s, "the audit review");
        row_of(s, "Harjit mediatore") == json!(["ok", "1"])
    });
    assert!(
        a.find("#audit-devices .trail-refused").is_some(),
        "no word of the refused entry"
    );
    shoot(a, "audit", "it", problems);
    click_text(a, ".audit-device", "Harjit mediatore");
    a.wait("#audit-device", T);
    a.wait("#audit-entries .audit-row[data-action=view]", T);
    assert!(
        a.text("#audit-entries").contains(ALIAS),
        "the mediator's view not named by the person's name"
    );
    // Newest first.
    let times: Vec<i64> = a
        .exec(
            "return [...document.querySelectorAll('#audit-entries .audit-row')].map((r) => +r.dataset.at);",
            vec![],
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    assert!(times.len() > 1, "{times:?}");
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {times:?}"
    );
    shoot(a, "audit-device", "it", problems);
    a.click("#audit-back");
    a.wait("#audit-devices", T);

    a.click("#nav-people");
    a.click(".person-row");
    a.wait_text("#person-alias", ALIAS, T);
    a.click("#record-audit-show");
    a.wait("#record-audit .audit-row[data-action=view]", T);
    a.wait_text("#record-audit", "Harjit mediatore", T);
    shoot_at(a, "person-audit", "#record-audit", "it", problems);
}

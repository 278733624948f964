//! The UI test harness itself (`ponte_tests::ui`): Xvfb displays, tauri-driver
//! instances side by side, and a WebDriver session on WebKitGTK's MiniBrowser (a
//! stand-in application, so these tests need no Ponte app build). Missing tools fail
//! the tests with a message naming them; nothing is skipped.

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use ponte_tests::ui::{self, Display, Driver, Session};
use serde_json::json;

fn tools() {
    ui::tools_available().unwrap_or_else(|e| panic!("{e}"));
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| !r.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

#[test]
fn displays_are_distinct_and_cleaned_up() {
    tools();
    let a = Display::start();
    let b = Display::start();
    assert_ne!(a.name(), b.name());
    for d in [&a, &b] {
        assert!(Path::new(&format!("/tmp/.X11-unix/X{}", d.number())).exists());
    }
    let (n, pid) = (a.number(), a.pid());
    drop(a);
    assert!(!alive(pid), "Xvfb {pid} survived its Display");
    // Xvfb was stopped politely, so it removed its lock file (another process may
    // already have started a new server on :n, hence the pid check).
    let lock = std::fs::read_to_string(format!("/tmp/.X{n}-lock")).unwrap_or_default();
    assert_ne!(lock.trim(), pid.to_string(), "lock file left behind");
}

#[test]
fn two_drivers_run_at_once() {
    tools();
    let display = Display::start();
    let one = Driver::start(&display);
    let two = Driver::start(&display);
    let ports = [one.port(), one.native_port(), two.port(), two.native_port()];
    for (i, p) in ports.iter().enumerate() {
        assert!(
            !ports[i + 1..].contains(p),
            "port {p} used twice: {ports:?}"
        );
    }
    for d in [&one, &two] {
        let status = d.status();
        assert_eq!(status["value"]["ready"], true, "{status}");
    }
    let pids = [one.pid(), two.pid()];
    drop(one);
    // The other one is unaffected.
    assert_eq!(two.status()["value"]["ready"], true);
    drop(two);
    for pid in pids {
        assert!(!alive(pid), "tauri-driver {pid} survived its Driver");
    }
}

const PAGE: &str = r##"<!doctype html><meta charset="utf-8"><title>harness</title>
<body>
<h1 id="title">Hello</h1>
<input id="name" value="old">
<button id="go" onclick="document.getElementById('out').textContent = 'Hi ' + document.getElementById('name').value; setTimeout(() => document.getElementById('later').remove(), 300)">Go</button>
<p id="out"></p>
<p id="later">going away</p>
<select id="kind" onchange="document.getElementById('picked').textContent = 'picked ' + this.value">
  <option value="a">A</option><option value="b">B</option>
</select>
<p id="picked"></p>
<a id="link" href="#x" data-role="nav">link</a>
<ul><li class="i">1</li><li class="i">2</li><li class="i">3</li></ul>
</body>"##;

#[test]
fn session_on_mini_browser() {
    tools();
    let browser = ui::mini_browser_path()
        .expect("WebKitGTK MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/");
    let display = Display::start();
    let driver = Driver::start(&display);
    let s = Session::new(&driver, &browser, &["--automation".to_owned()]);
    let t = Duration::from_secs(10);

    let url = format!("data:text/html;charset=utf-8,{}", percent(PAGE));
    s.goto(&url);
    s.wait("#title", t);
    assert_eq!(s.text("#title"), "Hello");
    assert!(s.find("#nope").is_none());
    assert_eq!(s.count("li.i"), 3);
    assert_eq!(s.count("li.nope"), 0);
    assert_eq!(s.attr("#link", "data-role").as_deref(), Some("nav"));
    assert_eq!(s.attr("#link", "nope"), None);
    assert_eq!(s.prop("#name", "value"), json!("old"));

    s.type_into("#name", "Zoë");
    assert_eq!(s.prop("#name", "value"), json!("Zoë"));
    s.click("#go");
    assert_eq!(s.wait_text("#out", "Hi", t), "Hi Zoë");
    s.wait_gone("#later", t);

    s.select("#kind", "b");
    s.wait_text("#picked", "picked b", t);
    assert_eq!(s.prop("#kind", "value"), json!("b"));

    let sum = s.exec(
        "return arguments[0] + arguments[1];",
        vec![json!(2), json!(3)],
    );
    assert_eq!(sum, json!(5));
    let tag = s.exec(
        "return arguments[0].tagName;",
        vec![ui::element_ref(&s.wait("#title", t))],
    );
    assert_eq!(tag, json!("H1"));
    assert!(s.body_text().contains("Hello"), "{}", s.body_text());

    // MiniBrowser's toolbar keeps its window at least ~450 px wide, so test with
    // sizes above that.
    s.set_size(800, 600);
    let rect = s.window_rect();
    assert_eq!(
        (rect["width"].clone(), rect["height"].clone()),
        (json!(800), json!(600)),
        "{rect}"
    );
    assert_eq!(s.exec("return window.innerWidth;", vec![]), json!(800));
    s.set_size(1280, 800);
    assert_eq!(s.exec("return window.innerWidth;", vec![]), json!(1280));

    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("nested/dir/shot.png");
    s.screenshot(&shot);
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");

    // A timeout panics with the selector and the page text.
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        s.wait("#never", Duration::from_millis(300));
    }))
    .unwrap_err();
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("#never") && msg.contains("Hello"), "{msg}");
}

/// Percent-encode for a data: URL.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b" -_.~=/:;,()'!*".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Live (non-zombie) processes in process group `pgid`, with their names.
fn group(pgid: u32) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some((_, rest))) = (stat.find('('), stat.rsplit_once(')')) else {
            continue;
        };
        // After "comm)": state ppid pgrp ...
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.len() > 2 && fields[0] != "Z" && fields[2] == pgid.to_string() {
            let comm = &stat[open + 1..stat.len() - rest.len() - 1];
            out.push(comm.to_owned());
        }
    }
    out
}

#[test]
fn dropping_the_driver_kills_the_app_too() {
    tools();
    let browser = ui::mini_browser_path()
        .expect("WebKitGTK MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/");
    let display = Display::start();
    let driver = Driver::start(&display);
    let s = Session::new(&driver, &browser, &["--automation".to_owned()]);
    let pgid = driver.pid();
    let before = group(pgid);
    assert!(
        before.iter().any(|c| c == "MiniBrowser") && before.iter().any(|c| c == "WebKitWebDriver"),
        "app and WebKitWebDriver should be in the driver's process group: {before:?}"
    );
    // As if the session's drop never ran (e.g. leaked): the driver's drop still
    // takes the application down.
    std::mem::forget(s);
    drop(driver);
    let start = std::time::Instant::now();
    while !group(pgid).is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(group(pgid), Vec::<String>::new(), "left running");
}

/// WebKitWebDriver chooses the app's inspector port by binding port 0 and closing it;
/// when another process takes the port first, the app logs an error and the session
/// request would hang. The harness kills that app and tries again. Simulated with a
/// wrapper that fails like that once, then runs MiniBrowser.
#[test]
fn session_survives_a_lost_inspector_port() {
    use std::os::unix::fs::PermissionsExt as _;
    tools();
    let browser = ui::mini_browser_path()
        .expect("WebKitGTK MiniBrowser not found under /usr/lib/*/webkit2gtk-4.1/");
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("failed-once");
    let app = dir.path().join("flaky-app");
    std::fs::write(
        &app,
        format!(
            "#!/bin/sh\n\
             if [ ! -e '{marker}' ]; then\n\
               touch '{marker}'\n\
               echo '** (app): WARNING **: Failed to start remote inspector server on \
             127.0.0.1:1: Address already in use' >&2\n\
               exec sleep 600\n\
             fi\n\
             exec '{browser}' \"$@\"\n",
            marker = marker.display(),
            browser = browser.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o755)).unwrap();
    let display = Display::start();
    let driver = Driver::start(&display);
    let start = std::time::Instant::now();
    let s = Session::new(&driver, &app, &["--automation".to_owned()]);
    assert!(marker.exists(), "the first attempt did not run");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    s.goto("data:text/html,<p id=ok>ok</p>");
    assert_eq!(s.text("#ok"), "ok");
    let group = group(driver.pid());
    assert!(
        !group.iter().any(|c| c == "sleep"),
        "the failed app was not killed: {group:?}"
    );
}

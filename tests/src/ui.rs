//! A small blocking W3C WebDriver harness for end-to-end UI tests of the Tauri app:
//! a virtual X display ([`Display`], Xvfb), a WebDriver server ([`Driver`],
//! tauri-driver, which starts WebKitWebDriver itself) and a browsing session on an
//! application binary ([`Session`]).
//!
//! Everything is killed on drop. Declare them in this order so they drop in reverse:
//!
//! ```no_run
//! use ponte_tests::ui::{Display, Driver, Session};
//! use std::time::Duration;
//! ponte_tests::ui::tools_available().unwrap();
//! let display = Display::start();
//! let driver = Driver::start(&display);
//! let app = ponte_tests::workspace_bin("ponte-app");
//! let s = Session::new(&driver, &app, &[]);
//! s.click("button#save");
//! s.wait_text("#status", "Saved", Duration::from_secs(10));
//! ```
//!
//! Failures panic with the CSS selector, the page's visible text and the tail of the
//! driver's log (which includes the application's stderr).

#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key under which W3C WebDriver puts an element's id ("web element identifier"
/// in the spec). WebKitWebDriver uses exactly this one.
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The WebDriver key code of Escape, for [`Session::press_key`].
pub const ESCAPE: &str = "\u{E00C}";

/// How long element look-ups wait when a method takes no timeout of its own
/// (`click`, `text`, `attr`, ...), unless changed with [`Session::set_timeout`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// How long `POST /session` may take (the application has to start and connect).
const SESSION_START_TIMEOUT: Duration = Duration::from_secs(90);

/// Per-request timeout for every other WebDriver command.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// Polling interval of every `wait*`.
const POLL: Duration = Duration::from_millis(100);

type Log = Arc<Mutex<Vec<u8>>>;

// ---------------------------------------------------------------------------------
// Tools

/// An executable called `name` in `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The `Xvfb` binary.
pub fn xvfb_path() -> Option<PathBuf> {
    which("Xvfb")
}

/// The `tauri-driver` binary: in `PATH`, else `~/.cargo/bin/tauri-driver`.
pub fn tauri_driver_path() -> Option<PathBuf> {
    which("tauri-driver").or_else(|| {
        let home = std::env::var_os("HOME")?;
        let p = PathBuf::from(home).join(".cargo/bin/tauri-driver");
        is_executable(&p).then_some(p)
    })
}

/// The `WebKitWebDriver` binary (Debian package `webkit2gtk-driver`).
pub fn webkit_webdriver_path() -> Option<PathBuf> {
    which("WebKitWebDriver")
}

/// WebKitGTK's `MiniBrowser` (shipped with `libwebkit2gtk-4.1-0`, which
/// `webkit2gtk-driver` depends on): a stand-in application for testing the harness
/// itself. It must be started with the argument `--automation`.
pub fn mini_browser_path() -> Option<PathBuf> {
    let dirs = std::fs::read_dir("/usr/lib").ok()?;
    dirs.flatten()
        .map(|d| d.path().join("webkit2gtk-4.1/MiniBrowser"))
        .find(|p| is_executable(p))
}

/// `Ok` when Xvfb, tauri-driver and WebKitWebDriver are all installed; otherwise an
/// error naming each missing one and how to install it. UI tests call this first and
/// fail (never skip) on `Err`.
pub fn tools_available() -> Result<(), String> {
    let mut missing = Vec::new();
    if xvfb_path().is_none() {
        missing.push("Xvfb (apt-get install xvfb)");
    }
    if tauri_driver_path().is_none() {
        missing.push("tauri-driver (cargo install tauri-driver --locked)");
    }
    if webkit_webdriver_path().is_none() {
        missing.push("WebKitWebDriver (apt-get install webkit2gtk-driver)");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "UI test tools missing: {} (see /work/shared/TOOLCHAIN.md)",
            missing.join(", ")
        ))
    }
}

// ---------------------------------------------------------------------------------
// Processes

/// Copy everything `reader` produces into `log`, on a thread of its own, which ends
/// at the end of the stream.
fn collect(reader: impl std::io::Read + Send + 'static, log: &Log) -> JoinHandle<()> {
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        let mut reader = reader;
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            log.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .extend_from_slice(&buf[..n]);
        }
    })
}

/// Wait until the [`collect`] threads of a process that exited have copied all it
/// wrote (they reach the end of their pipes), so its log is complete. Gives up after
/// 5 s: a descendant of the process may still hold a pipe open; the log is then read
/// as it is.
fn drain(readers: &[JoinHandle<()>]) {
    let _ = crate::poll_until(Duration::from_secs(5), Duration::from_millis(10), || {
        readers.iter().all(JoinHandle::is_finished)
    });
}

/// The last `max` bytes of a log, as text.
fn log_tail(log: &Log, max: usize) -> String {
    log_tail_since(log, 0, max)
}

/// The last `max` bytes of what a log got from byte `from` on, as text.
fn log_tail_since(log: &Log, from: usize, max: usize) -> String {
    let log = log
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let start = log.len().saturating_sub(max).max(from.min(log.len()));
    String::from_utf8_lossy(&log[start..]).into_owned()
}

/// Send `signal` (e.g. "-TERM", "-KILL") to `target` (a pid, or `-pgid` for a
/// process group) with `kill(1)`: the workspace forbids `unsafe`, so no `libc::kill`.
fn send_signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([signal, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn pid_alive(pid: u32) -> bool {
    // A zombie still has /proc/<pid>; its state is 'Z'.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| !rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// Wait up to `timeout` for `child` to exit.
fn wait_exit(child: &mut Child, timeout: Duration) -> bool {
    crate::poll_until(timeout, Duration::from_millis(20), || {
        matches!(child.try_wait(), Ok(Some(_)) | Err(_))
    })
    .is_ok()
}

/// `(pid, ppid)` of every live (non-zombie) process.
fn processes() -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let (Some(state), Some(ppid)) = (fields.next(), fields.next()) else {
            continue;
        };
        if state != "Z"
            && let Ok(ppid) = ppid.parse()
        {
            out.push((pid, ppid));
        }
    }
    out
}

/// The applications ("browsers") WebKitWebDriver started: grandchildren of the
/// tauri-driver process `driver`.
fn browsers(driver: u32) -> Vec<u32> {
    let procs = processes();
    let native: Vec<u32> = procs
        .iter()
        .filter(|(_, ppid)| *ppid == driver)
        .map(|(pid, _)| *pid)
        .collect();
    procs
        .iter()
        .filter(|(_, ppid)| native.contains(ppid))
        .map(|(pid, _)| *pid)
        .collect()
}

/// SIGKILL each of `roots` and all their descendants.
fn kill_trees(roots: &[u32]) {
    let procs = processes();
    let mut doomed = roots.to_vec();
    let mut i = 0;
    while i < doomed.len() {
        let parent = doomed[i];
        doomed.extend(
            procs
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    for pid in doomed {
        send_signal("-KILL", &pid.to_string());
    }
}

/// What WebKit logs when the app cannot bind the inspector port WebKitWebDriver
/// chose for it.
const INSPECTOR_FAILED: &str = "Failed to start remote inspector server";
/// What the app's toolkit says when it cannot open the display.
const GTK_FAILED: &str = "Failed to initialize GTK";

// ---------------------------------------------------------------------------------
// Display

/// An Xvfb server on a display number of its own (`:90` and up), 1280x800x24.
/// Stopped on drop.
#[derive(Debug)]
pub struct Display {
    number: u32,
    child: Child,
    log: Log,
}

/// Next display number this process tries; displays started in parallel by tests of
/// one process never race for the same number.
static NEXT_DISPLAY: Mutex<u32> = Mutex::new(90);

fn lock_file(n: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X{n}-lock"))
}

fn socket_file(n: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/.X11-unix/X{n}"))
}

/// The pid recorded in an X lock file.
fn lock_pid(n: u32) -> Option<u32> {
    std::fs::read_to_string(lock_file(n))
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// Display `n` looks taken: a socket, or a lock file naming a live process.
fn display_taken(n: u32) -> bool {
    let lock = lock_file(n);
    if lock.exists() {
        // Xvfb removes a stale lock itself (its pid is dead), so only a live owner counts.
        return lock_pid(n).is_none_or(pid_alive);
    }
    socket_file(n).exists()
}

impl Display {
    /// Start Xvfb on the first free display from `:90` up and wait until its socket is
    /// there. Panics if Xvfb is missing or no display starts.
    pub fn start() -> Display {
        let xvfb = xvfb_path().unwrap_or_else(|| panic!("{}", tools_available().unwrap_err()));
        let mut last_log = String::new();
        for _ in 0..100 {
            let n = {
                let mut next = NEXT_DISPLAY
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                while display_taken(*next) {
                    *next += 1;
                }
                let n = *next;
                *next += 1;
                n
            };
            let log = Log::default();
            let mut child = Command::new(&xvfb)
                .arg(format!(":{n}"))
                .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("spawn {}: {e}", xvfb.display()));
            let reader = collect(child.stderr.take().unwrap(), &log);
            let start = Instant::now();
            let ready = loop {
                if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
                    break false; // lost a race for :n with another process, or broken
                }
                // Ours, not another server's: the lock names our pid.
                if socket_file(n).exists() && lock_pid(n) == Some(child.id()) {
                    break true;
                }
                if start.elapsed() > Duration::from_secs(15) {
                    let _ = child.kill();
                    let _ = child.wait();
                    break false;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            if ready {
                return Display {
                    number: n,
                    child,
                    log,
                };
            }
            let _ = child.wait();
            drain(&[reader]);
            last_log = log_tail(&log, 2000);
        }
        panic!("no Xvfb display would start; last Xvfb said:\n{last_log}");
    }

    /// The display's name for `DISPLAY`, e.g. `":90"`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// The display number.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Xvfb's pid.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What Xvfb wrote on stderr.
    pub fn log(&self) -> String {
        log_tail(&self.log, usize::MAX)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM first: Xvfb then removes its lock file and socket. SIGKILL leaves
        // them behind (harmless to us, but litter).
        send_signal("-TERM", &self.child.id().to_string());
        if !wait_exit(&mut self.child, Duration::from_secs(3)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if lock_pid(self.number) == Some(self.child.id()) {
            let _ = std::fs::remove_file(lock_file(self.number));
            let _ = std::fs::remove_file(socket_file(self.number));
        }
    }
}

// ---------------------------------------------------------------------------------
// Driver

/// Ports handed out in this process, never handed out twice (two drivers must not
/// share a WebKitWebDriver port: the second would silently talk to the first's).
static USED_PORTS: Mutex<Vec<u16>> = Mutex::new(Vec::new());

/// Two distinct free loopback ports, never returned before in this process.
fn two_free_ports() -> (u16, u16) {
    let mut used = USED_PORTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut held = Vec::new(); // keep listeners bound so the kernel gives distinct ports
    let mut ports = Vec::new();
    while ports.len() < 2 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        if !used.contains(&port) {
            used.push(port);
            ports.push(port);
        }
        held.push(listener);
    }
    (ports[0], ports[1])
}

fn http_client(timeout: Duration) -> reqwest::blocking::Client {
    // ponte-sync turns on reqwest's `rustls-no-provider`, and Cargo unifies features:
    // in any build that contains ponte-sync (every ponte-tests test binary), building a
    // reqwest client panics unless a rustls crypto provider is installed. Plain http
    // only here, but the provider is still required.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .timeout(timeout)
        .no_proxy() // an http_proxy in the environment must not capture 127.0.0.1
        .build()
        .unwrap()
}

/// A tauri-driver (and the WebKitWebDriver it starts) on ports of its own, with
/// `DISPLAY` set to a [`Display`]. Its whole process group is killed on drop.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    url: String,
    port: u16,
    native_port: u16,
    log: Log,
    /// Length of `log` when the driver became ready: what came before is start-up
    /// noise (tauri-driver complains while WebKitWebDriver is not listening yet).
    ready_at: usize,
    client: reqwest::blocking::Client,
}

impl Driver {
    /// Start tauri-driver on `display` and wait until `GET /status` answers ready.
    pub fn start(display: &Display) -> Driver {
        Driver::start_with_env(display, &[])
    }

    /// [`Driver::start`] with extra environment variables. The application started
    /// by a [`Session`] inherits them (tauri-driver -> WebKitWebDriver -> app), so
    /// this is how two app instances get, e.g., different data directories.
    pub fn start_with_env(display: &Display, env: &[(&str, &str)]) -> Driver {
        tools_available().unwrap_or_else(|e| panic!("{e}"));
        let tauri_driver = tauri_driver_path().unwrap();
        let native = webkit_webdriver_path().unwrap();
        let mut last_log = String::new();
        for _attempt in 0..3 {
            let (port, native_port) = two_free_ports();
            // Built before spawning: nothing may panic between spawn and `Driver`
            // owning the child, or the processes would outlive the test.
            let client = http_client(COMMAND_TIMEOUT);
            let quick = http_client(Duration::from_secs(2));
            let log = Log::default();
            let mut cmd = Command::new(&tauri_driver);
            cmd.arg("--port")
                .arg(port.to_string())
                .arg("--native-port")
                .arg(native_port.to_string())
                .arg("--native-driver")
                .arg(&native)
                .env("DISPLAY", display.name())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                // Own process group: drop kills tauri-driver, WebKitWebDriver and the
                // applications they started in one go.
                .process_group(0);
            for (k, v) in env {
                cmd.env(k, v);
            }
            let mut child = cmd
                .spawn()
                .unwrap_or_else(|e| panic!("spawn {}: {e}", tauri_driver.display()));
            let readers = [
                collect(child.stdout.take().unwrap(), &log),
                collect(child.stderr.take().unwrap(), &log),
            ];
            let mut driver = Driver {
                child,
                url: format!("http://127.0.0.1:{port}"),
                port,
                native_port,
                log,
                ready_at: 0,
                client,
            };
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                if matches!(driver.child.try_wait(), Ok(Some(_)) | Err(_)) {
                    break;
                }
                let status = quick
                    .get(format!("{}/status", driver.url))
                    .send()
                    .and_then(reqwest::blocking::Response::json::<Value>);
                // `ready` comes from WebKitWebDriver (tauri-driver proxies /status), so
                // this also proves the native driver is up.
                if status.is_ok_and(|v| v["value"]["ready"] == true) {
                    driver.ready_at = driver.log.lock().map(|l| l.len()).unwrap_or(0);
                    return driver;
                }
                std::thread::sleep(POLL);
            }
            driver.stop();
            drain(&readers);
            last_log = log_tail(&driver.log, 4000);
        }
        panic!("tauri-driver did not become ready; its log:\n{last_log}");
    }

    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// tauri-driver's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// WebKitWebDriver's port.
    pub fn native_port(&self) -> u16 {
        self.native_port
    }

    /// tauri-driver's pid (also its process group id).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `GET /status`, the whole response body.
    pub fn status(&self) -> Value {
        self.client
            .get(format!("{}/status", self.url))
            .send()
            .and_then(reqwest::blocking::Response::json::<Value>)
            .unwrap_or_else(|e| panic!("GET {}/status: {e}", self.url))
    }

    /// Everything tauri-driver, WebKitWebDriver and the applications wrote on stdout
    /// and stderr so far.
    pub fn log(&self) -> String {
        log_tail(&self.log, usize::MAX)
    }

    fn stop(&mut self) {
        send_signal("-KILL", &format!("-{}", self.child.id()));
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

// ---------------------------------------------------------------------------------
// Session

/// An error a WebDriver command answered with (or a transport failure).
#[derive(Debug, Clone)]
pub struct WdError {
    /// HTTP status, 0 for a transport failure.
    pub status: u16,
    /// The W3C error code, e.g. `no such element`; `transport` for a transport failure.
    pub error: String,
    /// The driver's message.
    pub message: String,
}

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.error, self.status, self.message)
    }
}

/// A WebDriver session on an application; deleted on drop (which closes the app).
#[derive(Debug)]
pub struct Session {
    client: reqwest::blocking::Client,
    /// `http://127.0.0.1:P/session/<id>`.
    base: String,
    id: String,
    log: Log,
    log_from: usize,
    timeout: Duration,
}

/// A W3C element reference for script arguments.
pub fn element_ref(id: &str) -> Value {
    json!({ ELEMENT_KEY: id })
}

/// The element id in a W3C element reference.
fn element_id(v: &Value) -> Option<String> {
    let obj = v.as_object()?;
    obj.get(ELEMENT_KEY)
        .or_else(|| {
            obj.iter()
                .find(|(k, _)| k.starts_with("element-6066") || *k == "ELEMENT")
                .map(|(_, v)| v)
        })?
        .as_str()
        .map(str::to_owned)
}

fn send(
    client: &reqwest::blocking::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&Value>,
) -> Result<Value, WdError> {
    let mut req = client.request(method, url);
    if let Some(body) = body {
        req = req.json(body);
    }
    let transport = |e: reqwest::Error| WdError {
        status: 0,
        error: "transport".into(),
        message: format!("{url}: {e}"),
    };
    let resp = req.send().map_err(transport)?;
    let status = resp.status();
    let text = resp.text().map_err(transport)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| WdError {
        status: status.as_u16(),
        error: "bad response".into(),
        message: format!("{url}: {e}: {text:.500}"),
    })?;
    let value = v.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() && value.get("error").is_none() {
        Ok(value)
    } else {
        Err(WdError {
            status: status.as_u16(),
            error: value["error"]
                .as_str()
                .unwrap_or("unknown error")
                .to_owned(),
            message: value["message"].as_str().unwrap_or(&text).to_owned(),
        })
    }
}

impl Session {
    /// Start `app` with `args` in a new session (`tauri:options`) and wait until it
    /// is connected. Panics with the driver's log if it does not start.
    pub fn new(driver: &Driver, app: &Path, args: &[String]) -> Session {
        assert!(
            is_executable(app),
            "application binary {} does not exist or is not executable",
            app.display()
        );
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": app, "args": args }
                }
            }
        });
        let url = format!("{}/session", driver.url);
        let log_len = || driver.log.lock().map(|l| l.len()).unwrap_or(0);
        for attempt in 1..=3 {
            let mark = log_len();
            let before = browsers(driver.pid());
            // On a thread, so that a doomed attempt can be abandoned (a blocking
            // request cannot be cancelled); WebKitWebDriver accepts a new
            // `POST /session` while an earlier one is still pending.
            let (tx, rx) = std::sync::mpsc::channel();
            let (thread_url, thread_caps) = (url.clone(), caps.clone());
            std::thread::spawn(move || {
                let client = http_client(SESSION_START_TIMEOUT);
                let _ = tx.send(send(
                    &client,
                    reqwest::Method::POST,
                    &thread_url,
                    Some(&thread_caps),
                ));
            });
            let result = loop {
                match rx.recv_timeout(POLL) {
                    Ok(result) => break Some(result),
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                        panic!("session thread died")
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                }
                // WebKitWebDriver picks the app's inspector port by binding port 0
                // and closing it; if something else takes the port before the app
                // binds it, the app starts without an inspector and the session
                // request hangs forever. Kill that app and try again.
                if log_tail_since(&driver.log, mark, usize::MAX).contains(INSPECTOR_FAILED) {
                    break None;
                }
            };
            match result {
                Some(Ok(value)) => {
                    let id = value["sessionId"]
                        .as_str()
                        .unwrap_or_else(|| panic!("no sessionId in {value}"))
                        .to_owned();
                    return Session {
                        client: driver.client.clone(),
                        base: format!("{url}/{id}"),
                        id,
                        log: Arc::clone(&driver.log),
                        log_from: mark,
                        timeout: DEFAULT_TIMEOUT,
                    };
                }
                // The app died opening the display (seen once on a loaded machine, as
                // a new app started on the display a closed one had just left): start
                // it again.
                Some(Err(e))
                    if attempt < 3
                        && log_tail_since(&driver.log, mark, usize::MAX).contains(GTK_FAILED) =>
                {
                    eprintln!(
                        "ponte_tests::ui: attempt {attempt} to start {} could not open the \
                         display ({e}); retrying",
                        app.display()
                    );
                    std::thread::sleep(Duration::from_secs(1));
                }
                Some(Err(e)) => panic!(
                    "could not start a session on {}: {e}\n--- driver log (tail) ---\n{}",
                    app.display(),
                    log_tail_since(&driver.log, mark, 4000)
                ),
                None => {
                    let stray: Vec<u32> = browsers(driver.pid())
                        .into_iter()
                        .filter(|p| !before.contains(p))
                        .collect();
                    kill_trees(&stray);
                    eprintln!(
                        "ponte_tests::ui: attempt {attempt} to start {} lost its inspector \
                         port; retrying",
                        app.display()
                    );
                }
            }
        }
        panic!(
            "could not start a session on {}: three attempts failed (the inspector port \
             taken, or the display not opened)\n\
             --- driver log (tail) ---\n{}",
            app.display(),
            log_tail_since(&driver.log, driver.ready_at, 4000)
        );
    }

    /// The session id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The timeout of methods that wait implicitly (`click`, `text`, ...).
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Send a command relative to the session (`path` like `/element`), returning its
    /// `value` or the WebDriver error.
    pub fn try_command(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, WdError> {
        // POSTs need a JSON body even without parameters.
        let empty = json!({});
        let body = match (&method, body) {
            (&reqwest::Method::POST, None) => Some(&empty),
            (_, b) => b,
        };
        send(&self.client, method, &format!("{}{path}", self.base), body)
    }

    /// [`Session::try_command`], panicking on an error.
    pub fn command(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Value {
        self.try_command(method.clone(), path, body)
            .unwrap_or_else(|e| self.fail(&format!("{method} {path} failed: {e}")))
    }

    /// Panic with `what`, the page's visible text and the driver log's tail.
    pub fn fail(&self, what: &str) -> ! {
        let page = match self.try_body_text() {
            Ok(t) => t.chars().take(2000).collect::<String>(),
            Err(e) => format!("(could not read the page: {e})"),
        };
        panic!(
            "{what}\n--- page text (first 2000 chars) ---\n{page}\n--- driver log (tail) ---\n{}",
            log_tail_since(&self.log, self.log_from, 3000)
        );
    }

    /// Navigate to `url` (`POST /url`).
    pub fn goto(&self, url: &str) {
        self.command(reqwest::Method::POST, "/url", Some(&json!({ "url": url })));
    }

    /// The id of the first element matching `css`, if any (no waiting).
    pub fn find(&self, css: &str) -> Option<String> {
        let body = json!({ "using": "css selector", "value": css });
        self.retry_stale(&format!("find {css:?}"), || {
            match self.try_command(reqwest::Method::POST, "/element", Some(&body)) {
                Ok(v) => Ok(Some(
                    element_id(&v).unwrap_or_else(|| panic!("no element id in {v}")),
                )),
                Err(e) if e.error == "no such element" => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    /// Ids of every element matching `css` (no waiting).
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let body = json!({ "using": "css selector", "value": css });
        let v = self.retry_stale(&format!("find all {css:?}"), || {
            self.try_command(reqwest::Method::POST, "/elements", Some(&body))
        });
        v.as_array()
            .unwrap_or_else(|| panic!("find_all {css:?}: not an array: {v}"))
            .iter()
            .map(|e| element_id(e).unwrap_or_else(|| panic!("no element id in {e}")))
            .collect()
    }

    /// WebKitWebDriver can answer a *find* with "stale element reference" when a
    /// matching element is removed from the page during the search: try again.
    fn retry_stale<T>(&self, what: &str, f: impl Fn() -> Result<T, WdError>) -> T {
        let mut tries = 0;
        loop {
            match f() {
                Ok(t) => return t,
                Err(e) if e.error == "stale element reference" && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(e) => self.fail(&format!("{what}: {e}")),
            }
        }
    }

    /// How many elements match `css` (no waiting).
    pub fn count(&self, css: &str) -> usize {
        self.find_all(css).len()
    }

    /// Poll `f` every 100 ms until it returns `Some` (or `true`), for up to
    /// `timeout`; panics with `what` and the page text otherwise.
    pub fn wait_for<C: crate::Condition>(
        &self,
        what: &str,
        timeout: Duration,
        mut f: impl FnMut(&Session) -> C,
    ) -> C::Value {
        crate::poll_until(timeout, POLL, || f(self)).unwrap_or_else(|waited| {
            self.fail(&format!("timed out after {waited:?} waiting for {what}"))
        })
    }

    /// Return once the page has drawn a frame after everything it had queued (DOM
    /// updates, the microtasks that make them, the layout after a resize): two
    /// animation frames, the second of which starts after the first was painted.
    pub fn next_frame(&self) {
        self.try_exec(
            "return new Promise((done) => \
               requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
            vec![],
        )
        .unwrap_or_else(|e| self.fail(&format!("waiting for the page to draw a frame: {e}")));
    }

    /// Wait until an element matches `css`; its id.
    pub fn wait(&self, css: &str, timeout: Duration) -> String {
        self.wait_for(&format!("element {css:?}"), timeout, |s| s.find(css))
    }

    /// Wait until the first element matching `css` has a text containing `needle`;
    /// that text.
    pub fn wait_text(&self, css: &str, needle: &str, timeout: Duration) -> String {
        let mut last = None;
        crate::poll_until(timeout, POLL, || {
            let text = self.find(css).and_then(|id| self.element_text(&id).ok())?;
            if text.contains(needle) {
                return Some(text);
            }
            last = Some(text);
            None
        })
        .unwrap_or_else(|waited| {
            self.fail(&format!(
                "timed out after {waited:?} waiting for {css:?} to contain {needle:?}; \
                 its text was {last:?}"
            ))
        })
    }

    /// Wait until no element matches `css`.
    pub fn wait_gone(&self, css: &str, timeout: Duration) {
        self.wait_for(&format!("{css:?} to disappear"), timeout, |s| {
            s.find(css).is_none().then_some(())
        });
    }

    /// Retry `f` on the element matching `css` (waited for) while it is stale or not
    /// yet interactable, up to the session timeout.
    fn on_element<T>(&self, css: &str, what: &str, f: impl Fn(&str) -> Result<T, WdError>) -> T {
        let start = Instant::now();
        loop {
            let id = self.wait(css, self.timeout.saturating_sub(start.elapsed()));
            match f(&id) {
                Ok(t) => return t,
                Err(e)
                    if matches!(
                        e.error.as_str(),
                        "stale element reference"
                            | "element not interactable"
                            | "element click intercepted"
                    ) && start.elapsed() < self.timeout =>
                {
                    std::thread::sleep(POLL);
                }
                Err(e) => self.fail(&format!("{what} {css:?}: {e}")),
            }
        }
    }

    fn element_text(&self, id: &str) -> Result<String, WdError> {
        self.try_command(reqwest::Method::GET, &format!("/element/{id}/text"), None)
            .map(|v| v.as_str().unwrap_or_default().to_owned())
    }

    /// Click the element matching `css` (waited for).
    pub fn click(&self, css: &str) {
        self.on_element(css, "click", |id| {
            // Centre it first: scrolled to the top edge, a sticky header would cover it
            // and the click would be intercepted.
            self.try_exec(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'}); return true;",
                vec![element_ref(id)],
            )?;
            self.try_command(reqwest::Method::POST, &format!("/element/{id}/click"), None)
        });
    }

    /// Press the element matching `css` (waited for, centred) with the pointer, hold it
    /// for `hold`, then release it: W3C pointer actions, as a finger kept on a button.
    pub fn press_and_hold(&self, css: &str, hold: Duration) {
        self.on_element(css, "press and hold", |id| {
            self.try_exec(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'}); return true;",
                vec![element_ref(id)],
            )?;
            let actions = serde_json::json!({"actions": [{
                "type": "pointer",
                "id": "finger",
                "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "origin": element_ref(id), "x": 0, "y": 0},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pause", "duration": u64::try_from(hold.as_millis()).unwrap_or(u64::MAX)},
                    {"type": "pointerUp", "button": 0},
                ],
            }]});
            let done = self.try_command(reqwest::Method::POST, "/actions", Some(&actions));
            let _ = self.try_command(reqwest::Method::DELETE, "/actions", None);
            done
        });
    }

    /// Press and release `key` where the focus is (W3C key actions): a character, or
    /// a WebDriver key code such as [`ESCAPE`].
    pub fn press_key(&self, key: &str) {
        let actions = json!({"actions": [{
            "type": "key",
            "id": "keyboard",
            "actions": [
                {"type": "keyDown", "value": key},
                {"type": "keyUp", "value": key},
            ],
        }]});
        self.command(reqwest::Method::POST, "/actions", Some(&actions));
        let _ = self.try_command(reqwest::Method::DELETE, "/actions", None);
    }

    /// Clear the input matching `css` (waited for), then type `text` into it.
    pub fn type_into(&self, css: &str, text: &str) {
        self.on_element(css, "type into", |id| {
            self.try_command(reqwest::Method::POST, &format!("/element/{id}/clear"), None)?;
            self.try_command(
                reqwest::Method::POST,
                &format!("/element/{id}/value"),
                Some(&json!({ "text": text })),
            )
        });
    }

    /// The rendered text of the element matching `css` (waited for).
    pub fn text(&self, css: &str) -> String {
        self.on_element(css, "text of", |id| self.element_text(id))
    }

    /// An attribute of the element matching `css` (waited for); `None` if absent.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.on_element(css, "attribute of", |id| {
            self.try_command(
                reqwest::Method::GET,
                &format!("/element/{id}/attribute/{name}"),
                None,
            )
        })
        .as_str()
        .map(str::to_owned)
    }

    /// A DOM property (e.g. `value`, `checked`, `disabled`) of the element matching
    /// `css` (waited for).
    pub fn prop(&self, css: &str, name: &str) -> Value {
        self.on_element(css, "property of", |id| {
            self.try_command(
                reqwest::Method::GET,
                &format!("/element/{id}/property/{name}"),
                None,
            )
        })
    }

    /// Run `script` as a function body (`arguments[i]` are `args`; use
    /// [`element_ref`] to pass an element) and return what it returns.
    pub fn try_exec(&self, script: &str, args: Vec<Value>) -> Result<Value, WdError> {
        self.try_command(
            reqwest::Method::POST,
            "/execute/sync",
            Some(&json!({ "script": script, "args": args })),
        )
    }

    /// [`Session::try_exec`], panicking on an error.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Value {
        self.try_exec(script, args)
            .unwrap_or_else(|e| self.fail(&format!("script failed: {e}\n{script}")))
    }

    /// Set the value of the `<select>` matching `css` (waited for) to `value` and
    /// fire bubbling `input` and `change` events. Panics if no option has `value`.
    pub fn select(&self, css: &str, value: &str) {
        let ok = self.on_element(css, "select", |id| {
            self.try_exec(
                "const [el, v] = arguments;\
                 el.value = v;\
                 el.dispatchEvent(new Event('input', { bubbles: true }));\
                 el.dispatchEvent(new Event('change', { bubbles: true }));\
                 return el.value === v;",
                vec![element_ref(id), json!(value)],
            )
        });
        if ok != true {
            self.fail(&format!("select {css:?}: no option with value {value:?}"));
        }
    }

    /// The page's `document.body.innerText`, or the error.
    pub fn try_body_text(&self) -> Result<String, WdError> {
        self.try_exec(
            "return document.body ? document.body.innerText : '';",
            vec![],
        )
        .map(|v| v.as_str().unwrap_or_default().to_owned())
    }

    /// The page's `document.body.innerText`.
    pub fn body_text(&self) -> String {
        self.try_body_text()
            .unwrap_or_else(|e| panic!("could not read the page text: {e}"))
    }

    /// Resize the window (`POST /window/rect`) and wait (up to 5 s) until the page
    /// sees the new width: the command returns before the web process has resized.
    /// The window manager (here: none) or the app may refuse a size: MiniBrowser,
    /// for one, stays at least ~450 px wide. Check [`Session::window_rect`] if it
    /// matters.
    pub fn set_size(&self, width: u32, height: u32) {
        let inner = || self.exec("return window.innerWidth;", vec![]);
        let before = inner();
        let rect = self.command(
            reqwest::Method::POST,
            "/window/rect",
            Some(&json!({ "width": width, "height": height })),
        );
        let want = rect["width"].clone();
        let start = Instant::now();
        let mut last = before.clone();
        let mut stable = 0;
        while start.elapsed() < Duration::from_secs(5) {
            let now = inner();
            if now == want {
                break;
            }
            // Not the window's width (decorations?) but settled on a new value.
            stable = if now == last { stable + 1 } else { 0 };
            if now != before && stable >= 5 {
                break;
            }
            last = now;
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The window's rectangle (`GET /window/rect`): `x`, `y`, `width`, `height`.
    pub fn window_rect(&self) -> Value {
        self.command(reqwest::Method::GET, "/window/rect", None)
    }

    /// Save a PNG screenshot of the window to `path`, creating parent directories.
    pub fn screenshot(&self, path: &Path) {
        let v = self.command(reqwest::Method::GET, "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("screenshot is not base64: {e}"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let quick = http_client(Duration::from_secs(10));
        let _ = send(&quick, reqwest::Method::DELETE, &self.base, None);
    }
}

// ---------------------------------------------------------------------------------
// Checks of what a screen shows

/// English month abbreviations, as the app writes an English date (`24 Nov 2026`).
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The right-to-left mark after each number of an Arabic date (CLDR's `d‏/M‏/y`).
const RLM: char = '\u{200f}';

/// The dates in `text` (what a screen shows) that are not written as the UI language
/// `lang` writes them: `it` `24/11/2026`, `en` `24 Nov 2026`, `ar` `24‏/11‏/2026`
/// (a right-to-left mark after day and month, so the day reads first from the right).
/// A stored date (`2026-11-24`), a month-first or year-first date (`11/24/2026`,
/// `2026/24/11`) and another language's format are each a problem.
pub fn misformatted_dates(lang: &str, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize| {
        let mut end = from;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        end
    };
    let number = |from: usize, to: usize| -> u32 {
        chars[from..to]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let a_end = digits(i);
        let (a_len, a) = (a_end - i, number(i, a_end));
        // `2026-11-24`
        if chars.get(a_end) == Some(&'-') {
            let b_end = digits(a_end + 1);
            if chars.get(b_end) == Some(&'-') {
                let c_end = digits(b_end + 1);
                if a_len == 4 && b_end - a_end - 1 == 2 && c_end - b_end - 1 == 2 {
                    let shown: String = chars[i..c_end].iter().collect();
                    out.push(format!("stored date {shown:?} shown as it is (UI {lang})"));
                    i = c_end;
                    continue;
                }
            }
        }
        // `24/11/2026`, `24‏/11‏/2026`, `11/24/2026`, `2026/24/11`
        let mut j = a_end;
        let rlm_a = chars.get(j) == Some(&RLM);
        if rlm_a {
            j += 1;
        }
        if chars.get(j) == Some(&'/') {
            let b_start = j + 1;
            let b_end = digits(b_start);
            let mut k = b_end;
            let rlm_b = chars.get(k) == Some(&RLM);
            if rlm_b {
                k += 1;
            }
            if b_end > b_start && chars.get(k) == Some(&'/') {
                let c_start = k + 1;
                let c_end = digits(c_start);
                if c_end > c_start {
                    let (b, c_len) = (number(b_start, b_end), c_end - c_start);
                    let day_month = a_len == 2
                        && b_end - b_start == 2
                        && c_len == 4
                        && (1..=31).contains(&a)
                        && (1..=12).contains(&b);
                    let ok = match lang {
                        "it" => day_month && !rlm_a && !rlm_b,
                        "ar" => day_month && rlm_a && rlm_b,
                        _ => false,
                    };
                    if !ok {
                        let shown: String = chars[i..c_end].iter().filter(|c| **c != RLM).collect();
                        out.push(format!("date {shown:?} not in the {lang} format"));
                    }
                    i = c_end;
                    continue;
                }
            }
        }
        // `24 Nov 2026`
        if a_len <= 2 && chars.get(a_end) == Some(&' ') {
            let word: String = chars.iter().skip(a_end + 1).take(3).collect();
            let y_start = a_end + 5;
            if EN_MONTHS.contains(&word.as_str())
                && chars.get(a_end + 4) == Some(&' ')
                && digits(y_start) - y_start == 4
            {
                let y_end = digits(y_start);
                if lang != "en" {
                    let shown: String = chars[i..y_end].iter().collect();
                    out.push(format!("date {shown:?} not in the {lang} format"));
                }
                i = y_end;
                continue;
            }
        }
        i = a_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::misformatted_dates;

    #[test]
    fn dates_must_be_in_the_ui_languages_format() {
        // (language, text on screen, problems): the first rows are what the screens
        // showed before issue 15 (stored dates; WebKit's month-first date field).
        let check = |lang: &str, text: &str, problems: usize| {
            let found = misformatted_dates(lang, text);
            assert_eq!(found.len(), problems, "{lang} {text:?}: {found:?}");
        };
        check("it", "Oggi\n2026-11-24\nPunto di ascolto", 1);
        check("it", "Dal 11/24/2026", 1);
        check("ar", "من 2026/24/11", 1);
        check("en", "Follow-ups 2026-11-24 and 2026-12-01", 2);
        check("en", "Today 24/11/2026", 1);
        check("it", "Oggi 24 Nov 2026", 1);
        check("ar", "اليوم 24/11/2026", 1);
        // As the screens write them now.
        check("it", "Oggi 24/11/2026 · PIN fino alle 01/12/2026 08:00", 0);
        check("en", "Today 24 Nov 2026, then 1 Dec 2026", 0);
        check("ar", "اليوم 24\u{200f}/11\u{200f}/2026", 0);
        // Not dates: months of a report, times, counts, version numbers.
        check(
            "it",
            "2026-11 · 17:46 · 12 persone · 1.2.3 · 800 290 290",
            0,
        );
    }
}

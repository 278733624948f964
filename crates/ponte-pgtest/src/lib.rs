//! Test support (never linked into a shipped binary): a PostgreSQL cluster of its
//! own for a test, so the relay's PostgreSQL backend is tested against a real server
//! that the test starts itself.
//!
//! Needs Debian's `postgresql` package (`scripts/setup` installs it); as root, the
//! server runs as user `postgres` through `runuser`, since initdb refuses root.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use tempfile::TempDir;

/// A PostgreSQL cluster of its own in a temporary directory, on a free loopback
/// port, stopped when dropped. Made by copying a cluster `initdb` made once (kept
/// under cargo's target tmp dir), so each test pays only for a start.
#[derive(Debug)]
pub struct PgCluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    // Dropped after `drop` stopped the server.
    _dir: TempDir,
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// Runs a PostgreSQL program as the `postgres` user when we are root (initdb and
/// the server refuse to run as root).
fn pg_command(bin: &Path, program: &str) -> Command {
    let program = bin.join(program);
    if is_root() {
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("runuser (util-linux) is needed to run PostgreSQL as root: run scripts/setup");
        let mut command = Command::new(runuser);
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn chown_to_postgres(path: &Path) {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success(), "chown {}", path.display());
    }
}

/// The newest `/usr/lib/postgresql/*/bin` holding `initdb` and `pg_ctl`.
fn pg_bin() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("pg_ctl").exists()).then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin. \
             The relay's test suite runs against PostgreSQL too: run scripts/setup \
             (apt-get install postgresql) and run the tests again."
        ),
    }
}

/// The cluster `initdb` made, shared by every test of this run (and later runs).
fn template() -> &'static (PathBuf, PathBuf) {
    static TEMPLATE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let bin = pg_bin();
        let version = bin
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|v| v.to_str())
            .unwrap_or("x")
            .to_owned();
        let root = template_root().join(format!("ponte-pg{version}-template"));
        let data = root.join("data");
        if data.join("PG_VERSION").exists() {
            return (bin, data);
        }
        // Build in a scratch directory and rename, so a run killed midway never
        // leaves a half-made template behind.
        let scratch = root.with_extension(format!("tmp{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(scratch.join("data")).unwrap();
        chown_to_postgres(&scratch);
        let output = pg_command(&bin, "initdb")
            .arg("-D")
            .arg(scratch.join("data"))
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let _ = std::fs::remove_dir_all(&root);
        std::fs::rename(&scratch, &root).unwrap();
        (bin, data)
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl PgCluster {
    /// Starts a fresh cluster (blocking: call from `spawn_blocking`).
    pub fn start() -> Self {
        let (bin, template) = template();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let status = Command::new("cp")
            .arg("-a")
            .arg(template)
            .arg(&data)
            .status()
            .unwrap();
        assert!(status.success(), "copying the template cluster");
        chown_to_postgres(dir.path());
        let mut last_error = String::new();
        // A free port can be taken between our probe and the server's bind: retry.
        for _ in 0..5 {
            let port = free_port();
            let options = format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
                 -c synchronous_commit=off -c shared_buffers=16MB -c max_connections=60",
                dir.path().display()
            );
            let output = pg_command(bin, "pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(dir.path().join("server.log"))
                .args(["-o", &options, "-w", "-t", "60", "start"])
                .stdin(Stdio::null())
                .output()
                .unwrap();
            if output.status.success() {
                return Self {
                    bin: bin.clone(),
                    data,
                    port,
                    _dir: dir,
                };
            }
            last_error = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
        }
        panic!("cannot start PostgreSQL: {last_error}");
    }

    /// Connection URL for the superuser (trust auth on loopback).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// The `psql` of the PostgreSQL this cluster runs on (a client: it needs no
    /// `runuser`, even as root).
    pub fn psql_path(&self) -> PathBuf {
        self.bin.join("psql")
    }

    /// The cluster's data directory (to search its files).
    pub fn data_dir(&self) -> &Path {
        &self.data
    }

    /// Run SQL through `psql` (as the cluster's superuser) and return its output:
    /// unaligned, tuples only.
    pub fn psql(&self, sql: &str) -> String {
        let output = pg_command(&self.bin, "psql")
            .args([
                "-X",
                "-A",
                "-t",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-c")
            .arg(sql)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "psql failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = pg_command(&self.bin, "pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "-w", "stop"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// Where the `initdb`-made template cluster is kept between runs: beside the build
/// (`target/tmp`), found from the running test binary's path.
fn template_root() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.ancestors()
        .find(|p| p.file_name().is_some_and(|n| n == "target"))
        .map_or_else(std::env::temp_dir, |t| t.join("tmp"))
}

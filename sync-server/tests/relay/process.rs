//! The real `sync-server` binary: what it logs, how it stops, and several
//! processes on one PostgreSQL database.

use std::collections::BTreeSet;
use std::process::Command;

use ponte_proto::{EntryKind, InviteToken, PendingJoins, RecordId, SyncRequest, encode, paths};
use sync_server::Clock;
use tempfile::TempDir;

use crate::support::{
    Backend, Client, Device, PgCluster, RelayProcess, TEAM_CREATION_CODE, Team, change, entry,
    idle, join, join_request, on_both_backends, random, renderings, seqs, sha256,
};

on_both_backends!(
    the_binary_never_logs_content,
    a_device_id_copied_into_another_team_leaves_its_owner_alone,
    a_stranger_cannot_create_a_team_on_a_default_relay,
    only_a_configured_team_creation_code_creates_a_team,
);

/// Everything at trace, including the crates that could quote SQL parameters or
/// protocol bytes: the relay caps those itself.
const LOUDEST: &str =
    "trace,tokio_postgres=trace,postgres_protocol=trace,hyper=trace,hyper_util=trace";

const MARKER: &str = "ZQXRELAYLOGMARKER-caporale-via-roma-12";

/// Where a spawned relay keeps its data, kept alive as long as the test.
enum Db {
    Sqlite(TempDir),
    Postgres(PgCluster),
}

impl Db {
    async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => Self::Sqlite(tempfile::tempdir().unwrap()),
            Backend::Postgres => {
                Self::Postgres(tokio::task::spawn_blocking(PgCluster::start).await.unwrap())
            }
        }
    }

    fn url(&self) -> String {
        match self {
            Self::Sqlite(dir) => format!("sqlite:{}", dir.path().join("relay.sqlite3").display()),
            Self::Postgres(cluster) => cluster.url(),
        }
    }
}

/// Rate limits and nonces belong to a device *of a team*. Someone who learnt a device's
/// id makes a team of its own with that id (and a key of its own), exhausts its rate
/// limit there and spends, there, the nonce the real device's next request carries:
/// the real device, in its own team, is neither rate-limited nor told "replayed".
/// Against the real binary, with a small rate limit from its configuration file.
async fn a_device_id_copied_into_another_team_leaves_its_owner_alone(backend: Backend) {
    let db = Db::new(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("relay.toml");
    std::fs::write(&config, "[limits]\nrate_burst = 4\nrate_per_second = 1\n").unwrap();
    let (url, config) = (db.url(), config.display().to_string());
    let relay = tokio::task::spawn_blocking(move || {
        RelayProcess::spawn(&url, &[("PONTE_CONFIG", config.as_str())])
    })
    .await
    .unwrap();
    let c = Client::new(relay.url.clone(), Clock::system());
    let victim = Team::create(&c).await;
    let copy = Team::create_as(&c, Device::with_id(victim.supervisor.id)).await;
    assert_eq!(copy.supervisor.id, victim.supervisor.id);

    // The victim's next request, signed now: the attacker spends its nonce first.
    let body = idle(victim.id);
    let next = victim
        .supervisor
        .sign_request("POST", paths::SYNC, c.clock.now_ms(), &body);
    let copy_body = idle(copy.id);
    let same_nonce = copy.supervisor.sign_request_with_nonce(
        "POST",
        paths::SYNC,
        c.clock.now_ms(),
        &copy_body,
        next.nonce,
    );
    c.send_signed("POST", paths::SYNC, &same_nonce, copy_body.clone())
        .await
        .assert_status(200);
    // ... and floods until its own bucket is empty.
    let mut limited = false;
    for _ in 0..10 {
        let reply = c
            .send(&copy.supervisor, "POST", paths::SYNC, copy_body.clone())
            .await;
        if reply.status == 429 {
            reply.assert_refused(429, "rate-limited");
            limited = true;
            break;
        }
        reply.assert_status(200);
    }
    assert!(
        limited,
        "the copy was never rate-limited: the limit is not in force"
    );

    // The device whose id was copied carries on in its own team.
    c.send_signed("POST", paths::SYNC, &next, body.clone())
        .await
        .assert_status(200);
    for _ in 0..2 {
        c.send(&victim.supervisor, "POST", paths::SYNC, body.clone())
            .await
            .assert_status(200);
    }
}

/// DESIGN.md and ARCHITECTURE.md: no record content, key, token or nonce reaches a
/// log line. Drives every endpoint through the real binary at `RUST_LOG=trace`,
/// successes and failures, with a marker in every opaque field and in the places a
/// careless log would pick up (query string, headers), then searches stderr.
async fn the_binary_never_logs_content(backend: Backend) {
    let db = Db::new(backend).await;
    let url = db.url();
    let relay =
        tokio::task::spawn_blocking(move || RelayProcess::spawn(&url, &[("RUST_LOG", LOUDEST)]))
            .await
            .unwrap();
    let c = Client::new(relay.url.clone(), Clock::system());
    let marker = MARKER.as_bytes();
    let mut secrets: Vec<Vec<u8>> = vec![marker.to_vec(), TEAM_CREATION_CODE.as_bytes().to_vec()];
    // A team-creation code that is not the relay's, refused.
    let wrong_code = format!("{MARKER}-code");
    secrets.push(wrong_code.clone().into_bytes());
    create(&c.with_creation_code(Some(&wrong_code)), &new_team())
        .await
        .assert_refused(403, "team-creation-closed");

    let mut team = Team::create(&c).await;
    let token = team.invite(&c, 60_000).await;
    secrets.push(token.as_bytes().to_vec());
    let newcomer = Device::new();
    let mut request = join_request(team.id, token, &newcomer);
    request.name_sealed = [marker, b" sealed name"].concat();
    secrets.push(request.mac.as_bytes().to_vec());
    c.send(&newcomer, "POST", paths::JOIN, encode(&request).unwrap())
        .await
        .assert_status(202);
    let pending: PendingJoins = c
        .send(&team.supervisor, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert_eq!(pending.joins.len(), 1);
    let mut member = newcomer.roster_entry(ponte_proto::Role::Operator);
    member.name_sealed = [marker, b" sealed name"].concat();
    team.members.push(member);
    team.publish(&c).await.assert_status(204);

    let (r, s) = (RecordId(random()), RecordId(random()));
    let big = MARKER.repeat(500);
    let push = vec![
        change(r, format!("{MARKER} change")),
        change(r, big.clone()),
        entry(
            r,
            EntryKind::Snapshot { covers: 2 },
            format!("{MARKER} snapshot"),
        ),
        entry(
            RecordId(newcomer.id.0),
            EntryKind::Key,
            format!("{MARKER} sealed team key"),
        ),
        change(s, format!("{MARKER} other")),
    ];
    let body = encode(&SyncRequest {
        team_id: team.id,
        cursor: 0,
        push,
        pull_limit: 100,
    })
    .unwrap();
    let auth = team
        .supervisor
        .sign_request("POST", paths::SYNC, c.clock.now_ms(), &body);
    secrets.push(auth.nonce.as_bytes().to_vec());
    secrets.push(auth.signature.as_bytes().to_vec());
    c.send_signed("POST", paths::SYNC, &auth, body.clone())
        .await
        .assert_status(200);
    // Failures: a replay, a forged signature, garbage, an unknown route with the
    // marker in its query, a marker in a header.
    c.send_signed("POST", paths::SYNC, &auth, body.clone())
        .await
        .assert_refused(401, "replayed-request");
    let mut forged = Device::new().sign_request("POST", paths::SYNC, c.clock.now_ms(), &body);
    forged.device = newcomer.id;
    c.send_signed("POST", paths::SYNC, &forged, body.clone())
        .await
        .assert_refused(401, "bad-signature");
    let garbage = [marker, b"\xff\xff"].concat();
    c.send(&newcomer, "POST", paths::SYNC, garbage.clone())
        .await
        .assert_refused(400, "malformed");
    c.send(&newcomer, "POST", paths::JOIN, garbage)
        .await
        .assert_refused(400, "malformed");
    c.send(
        &newcomer,
        "GET",
        &format!("{}?team={MARKER}", paths::ROSTER),
        vec![],
    )
    .await
    .assert_refused(400, "malformed");
    c.get_unsigned(&format!("/v1/{MARKER}?q={MARKER}"))
        .await
        .assert_refused(404, "not-found");
    let headers = vec![
        ("x-ponte-device".to_owned(), MARKER.to_owned()),
        ("x-ponte-extra".to_owned(), MARKER.to_owned()),
    ];
    c.send_raw("POST", paths::SYNC, &headers, body)
        .await
        .assert_refused(401, "bad-signature");

    // Pulls (the ciphertext goes out), erasure, a roster read.
    let pulled = c.pull_all(&newcomer, team.id, 0).await;
    assert!(
        pulled
            .iter()
            .any(|e| e.ciphertext.windows(marker.len()).any(|w| w == marker))
    );
    c.sync(
        &team.supervisor,
        team.id,
        5,
        vec![entry(r, EntryKind::Tombstone, format!("{MARKER} tomb"))],
        0,
    )
    .await;
    c.send(&newcomer, "GET", &team.roster_target(), vec![])
        .await
        .assert_status(200);

    let log = tokio::task::spawn_blocking(move || relay.terminate())
        .await
        .unwrap();
    // The log is there, with what it should have...
    assert!(log.contains(r#"route="/v2/sync""#), "{log}");
    assert!(log.contains(&team.id.to_string()), "team ids are logged");
    assert!(
        log.contains("code=\"replayed-request\"") || log.contains("code=replayed-request"),
        "{log}"
    );
    // ...and none of what it must not.
    for secret in &secrets {
        for rendering in renderings(secret) {
            assert!(
                !log.contains(&rendering),
                "the relay logged {rendering:?}:\n{log}"
            );
        }
    }
    drop(db);
}

/// A team nobody has created yet, with its supervisor.
fn new_team() -> Team {
    Team {
        id: ponte_proto::TeamId(random()),
        supervisor: Device::new(),
        members: vec![],
        version: 1,
        epoch: 1,
    }
}

/// `POST /v1/teams` for `team`, presenting whatever code `c` presents.
async fn create(c: &Client, team: &Team) -> crate::support::Reply {
    c.send(
        &team.supervisor,
        "POST",
        paths::TEAMS,
        encode(&team.create_body()).unwrap(),
    )
    .await
}

/// The relay knows nothing of `team`: its supervisor is refused as unknown wherever it
/// authenticates.
async fn assert_no_team(c: &Client, team: &Team) {
    c.send(&team.supervisor, "GET", &team.roster_target(), vec![])
        .await
        .assert_refused(401, "unknown-device");
    c.send(&team.supervisor, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_refused(401, "unknown-device");
}

/// Security finding F5: anybody who could reach a relay could create teams on it. A
/// relay started with the defaults (no team-creation code, not open) creates none: a
/// stranger's request, signed and well-formed, with no code or a guessed one, is
/// refused 403 `team-creation-closed` and leaves no team behind. The relay says at
/// start that no team can be created.
async fn a_stranger_cannot_create_a_team_on_a_default_relay(backend: Backend) {
    let db = Db::new(backend).await;
    let url = db.url();
    let relay = tokio::task::spawn_blocking(move || {
        RelayProcess::spawn(&url, &[("PONTE_TEAM_CREATION_CODES", "")])
    })
    .await
    .unwrap();
    let stranger = Client::new(relay.url.clone(), Clock::system());
    let team = new_team();
    for code in [None, Some(TEAM_CREATION_CODE), Some("guess")] {
        create(&stranger.with_creation_code(code), &team)
            .await
            .assert_refused(403, "team-creation-closed");
    }
    assert_no_team(&stranger, &team).await;
    let log = tokio::task::spawn_blocking(move || relay.terminate())
        .await
        .unwrap();
    assert!(
        log.contains("no team-creation code is configured"),
        "the relay did not say creation is closed: {log}"
    );
    assert!(log.contains("team-creation-closed"), "{log}");
    drop(db);
}

/// Codes from the settings file (as codes and as SHA-256 digests) and from
/// `PONTE_TEAM_CREATION_CODES`: each creates a team; no code, a wrong one, one a
/// character off, or a configured code's digest presented as the code, do not, and
/// leave nothing behind. No code reaches the log.
async fn only_a_configured_team_creation_code_creates_a_team(backend: Backend) {
    const IN_FILE: &str = "file-code-Zq8sL1vN0pXc4Rt7";
    const AS_DIGEST: &str = "digest-code-Hn3Wd9Kf2Bm6Yy5";
    const IN_ENV: &str = "env-code-Ua7Tq2Ge8Lc1Jr4";
    let db = Db::new(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("relay.toml");
    let digest = hex::encode(sha256(AS_DIGEST.as_bytes()));
    std::fs::write(
        &config,
        format!(
            "team_creation_codes = [\"{IN_FILE}\"]\n\
             team_creation_code_sha256 = [\"{digest}\"]\n\
             [limits]\nteam_creations_per_hour = 30\n"
        ),
    )
    .unwrap();
    let (url, config) = (db.url(), config.display().to_string());
    let relay = tokio::task::spawn_blocking(move || {
        RelayProcess::spawn(
            &url,
            &[
                ("PONTE_CONFIG", config.as_str()),
                (
                    "PONTE_TEAM_CREATION_CODES",
                    &format!("{IN_ENV}, extra-code-0000000000"),
                ),
            ],
        )
    })
    .await
    .unwrap();
    let c = Client::new(relay.url.clone(), Clock::system());

    let refused = new_team();
    let one_off = format!("{}X", &IN_FILE[..IN_FILE.len() - 1]);
    for code in [
        None,
        Some(TEAM_CREATION_CODE),
        Some(one_off.as_str()),
        Some(digest.as_str()),
        Some(&IN_FILE[1..]),
    ] {
        create(&c.with_creation_code(code), &refused)
            .await
            .assert_refused(403, "team-creation-closed");
    }
    assert_no_team(&c, &refused).await;

    // Each configured code creates a team (the refused one too, now), and a team
    // created so works like any other.
    for code in [IN_FILE, AS_DIGEST, IN_ENV] {
        let team = new_team();
        create(&c.with_creation_code(Some(code)), &team)
            .await
            .assert_status(201);
        c.send(&team.supervisor, "POST", paths::SYNC, idle(team.id))
            .await
            .assert_status(200);
    }
    create(&c.with_creation_code(Some(IN_ENV)), &refused)
        .await
        .assert_status(201);
    // A code creates as many teams as its holder needs; an id stays taken.
    create(&c.with_creation_code(Some(IN_ENV)), &refused)
        .await
        .assert_refused(409, "team-exists");

    let log = tokio::task::spawn_blocking(move || relay.terminate())
        .await
        .unwrap();
    for secret in [
        IN_FILE,
        AS_DIGEST,
        IN_ENV,
        TEAM_CREATION_CODE,
        one_off.as_str(),
    ] {
        for rendering in renderings(secret.as_bytes()) {
            assert!(
                !log.contains(&rendering),
                "the relay logged {rendering:?}:\n{log}"
            );
        }
    }
    assert!(
        !log.contains(&digest[..16]),
        "the relay logged a digest:\n{log}"
    );
    drop(db);
}

/// `--open-team-creation`: anyone may create a team, and the relay warns so at start.
/// Open with codes configured is a mistake the binary refuses to start with.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_relay_creates_teams_for_anyone_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("relay.sqlite3").display());
    let url = db.clone();
    let relay = tokio::task::spawn_blocking(move || {
        RelayProcess::spawn_with(
            &url,
            &["--open-team-creation"],
            &[("PONTE_TEAM_CREATION_CODES", "")],
        )
    })
    .await
    .unwrap();
    let anyone = Client::new(relay.url.clone(), Clock::system()).with_creation_code(None);
    let team = new_team();
    create(&anyone, &team).await.assert_status(201);
    anyone
        .send(&team.supervisor, "POST", paths::SYNC, idle(team.id))
        .await
        .assert_status(200);
    let log = tokio::task::spawn_blocking(move || relay.terminate())
        .await
        .unwrap();
    let warning = log
        .lines()
        .find(|l| l.contains("team creation is OPEN"))
        .unwrap_or_else(|| panic!("no warning that creation is open: {log}"));
    assert!(warning.starts_with("WARNING"), "{warning}");

    // Open and codes at once: no start.
    let config = dir.path().join("open.toml");
    std::fs::write(&config, "team_creation = \"open\"\n").unwrap();
    for (args, env) in [
        (vec!["--open-team-creation"], vec![]),
        (vec![], vec![("PONTE_CONFIG", config.to_str().unwrap())]),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_sync-server"))
            .args(["--db", &db, "--listen", "127.0.0.1:0"])
            .args(&args)
            .env_remove("PONTE_CONFIG")
            .env("PONTE_TEAM_CREATION_CODES", TEAM_CREATION_CODE)
            .envs(env)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stdout.contains("listening on"), "{args:?}: {stdout}");
        assert!(stderr.contains("open"), "{stderr}");
        assert!(!stderr.contains(TEAM_CREATION_CODE), "{stderr}");
    }
}

/// Team creation is rate-limited per client address, with a valid code and on an
/// open relay alike: the sixth attempt within the hour (the default allows 5) gets 429
/// `rate-limited`, refused attempts count too (so codes cannot be guessed at speed),
/// another address is not affected, and the teams created go on syncing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_creation_is_rate_limited_per_client_address() {
    let dir = tempfile::tempdir().unwrap();
    for open in [false, true] {
        let db = format!(
            "sqlite:{}",
            dir.path().join(format!("relay-{open}.sqlite3")).display()
        );
        let relay = tokio::task::spawn_blocking(move || {
            if open {
                RelayProcess::spawn_with(
                    &db,
                    &["--open-team-creation"],
                    &[("PONTE_TEAM_CREATION_CODES", "")],
                )
            } else {
                RelayProcess::spawn(&db, &[])
            }
        })
        .await
        .unwrap();
        let here = Client::from_address(
            relay.url.clone(),
            Clock::system(),
            "127.0.0.1".parse().unwrap(),
        );
        let mut created = Vec::new();
        // One refused attempt (a wrong code; on the open relay a malformed roster)...
        let wrong = new_team();
        if open {
            let mut body = wrong.create_body();
            body.team_id = ponte_proto::TeamId(random());
            here.send(
                &wrong.supervisor,
                "POST",
                paths::TEAMS,
                encode(&body).unwrap(),
            )
            .await
            .assert_refused(400, "bad-roster");
        } else {
            create(
                &here.with_creation_code(Some("a-wrong-code-000000000")),
                &wrong,
            )
            .await
            .assert_refused(403, "team-creation-closed");
        }
        // ...and four that create: five in all.
        for _ in 0..4 {
            let team = new_team();
            create(&here, &team).await.assert_status(201);
            created.push(team);
        }
        // The sixth within the hour is refused before anything else is looked at.
        let sixth = new_team();
        create(&here, &sixth)
            .await
            .assert_refused(429, "rate-limited");
        create(
            &here.with_creation_code(Some("another-wrong-code-0000")),
            &sixth,
        )
        .await
        .assert_refused(429, "rate-limited");
        assert_no_team(&here, &sixth).await;
        // Another address has its own allowance.
        let there = Client::from_address(
            relay.url.clone(),
            Clock::system(),
            "127.0.0.2".parse().unwrap(),
        );
        create(&there, &sixth).await.assert_status(201);
        // Teams already created are not slowed down: the limit is on creation only.
        for team in &created {
            for _ in 0..3 {
                here.send(&team.supervisor, "POST", paths::SYNC, idle(team.id))
                    .await
                    .assert_status(200);
            }
        }
        tokio::task::spawn_blocking(move || relay.terminate())
            .await
            .unwrap();
    }
}

/// Several relay processes behind one load balancer share one PostgreSQL
/// database: concurrent pushes through both get distinct, strictly increasing
/// seqs, each process serves what the other stored, and a request replayed to the
/// other process is still refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_relay_processes_share_one_postgres_log() {
    let cluster = tokio::task::spawn_blocking(PgCluster::start).await.unwrap();
    // Started together, so they also race to create the schema.
    let (url_a, url_b) = (cluster.url(), cluster.url());
    let a = std::thread::spawn(move || RelayProcess::spawn(&url_a, &[]));
    let b = std::thread::spawn(move || RelayProcess::spawn(&url_b, &[]));
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    let via_a = Client::new(a.url.clone(), Clock::system());
    let via_b = Client::new(b.url.clone(), Clock::system());

    let mut team = Team::create(&via_a).await;
    let mut devices = Vec::new();
    for _ in 0..4 {
        // Rosters through B, for a team created through A.
        devices.push(team.member(&via_b).await);
    }
    let devices = std::sync::Arc::new(devices);

    const PUSHES: usize = 8;
    const BATCH: usize = 5;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..devices.len() {
        let client = if i % 2 == 0 {
            via_a.clone()
        } else {
            via_b.clone()
        };
        let devices = std::sync::Arc::clone(&devices);
        let team_id = team.id;
        tasks.spawn(async move {
            let device = &devices[i];
            let record = RecordId(random());
            let mut batches = Vec::new();
            for p in 0..PUSHES {
                let push = (0..BATCH)
                    .map(|e| change(record, format!("device {i} push {p} entry {e}")))
                    .collect();
                batches.push(seqs(&client.sync(device, team_id, 0, push, 0).await));
            }
            (i, batches)
        });
    }
    let mut all = BTreeSet::new();
    let mut own: Vec<BTreeSet<u64>> = vec![BTreeSet::new(); devices.len()];
    while let Some(done) = tasks.join_next().await {
        let (i, batches) = done.unwrap();
        for batch in batches {
            assert!(
                batch.windows(2).all(|w| w[0] < w[1]),
                "seqs of one push must increase: {batch:?}"
            );
            for seq in batch {
                assert!(all.insert(seq), "seq {seq} given twice");
                own[i].insert(seq);
            }
        }
    }
    let total = (devices.len() * PUSHES * BATCH) as u64;
    assert_eq!(all, (1..=total).collect::<BTreeSet<_>>());

    // Each process serves everything, whichever process stored it.
    for (i, client) in [(0, &via_b), (1, &via_a)] {
        let pulled = client.pull_all(&devices[i], team.id, 0).await;
        let got: Vec<u64> = pulled.iter().map(|e| e.seq).collect();
        assert!(got.windows(2).all(|w| w[0] < w[1]));
        let expected: Vec<u64> = all.difference(&own[i]).copied().collect();
        assert_eq!(
            got, expected,
            "device {i} sees every other device's entries"
        );
    }
    let supervisor_view = via_a.pull_all(&team.supervisor, team.id, 0).await;
    assert_eq!(supervisor_view.len() as u64, total);

    // A request replayed to the other process is refused: nonces live in the database.
    let body = encode(&SyncRequest {
        team_id: team.id,
        cursor: 0,
        push: vec![],
        pull_limit: 1,
    })
    .unwrap();
    let auth = devices[0].sign_request("POST", paths::SYNC, via_a.clock.now_ms(), &body);
    via_a
        .send_signed("POST", paths::SYNC, &auth, body.clone())
        .await
        .assert_status(200);
    via_b
        .send_signed("POST", paths::SYNC, &auth, body)
        .await
        .assert_refused(401, "replayed-request");
    // An invite made through one process is used through the other, once.
    let token: InviteToken = team.invite(&via_a, 60_000).await;
    join(&via_b, team.id, token, &Device::new())
        .await
        .assert_status(202);
    join(&via_a, team.id, token, &Device::new())
        .await
        .assert_refused(409, "token-used");

    tokio::task::spawn_blocking(move || {
        a.terminate();
        b.terminate();
    })
    .await
    .unwrap();
    drop(cluster);
}

/// A database location that is neither `sqlite:` nor `postgres://` stops the
/// binary with an error before it listens; so does an SQLite path it cannot create.
#[test]
fn the_binary_refuses_a_bad_database() {
    for db in [
        "mysql://localhost/ponte",
        "sqlite:/nonexistent-dir/relay.sqlite3",
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_sync-server"))
            .args(["--db", db, "--listen", "127.0.0.1:0"])
            .output()
            .unwrap();
        assert!(!output.status.success(), "{db}");
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains("listening on"),
            "{db}"
        );
    }
}

//! Hostile and broken input: every endpoint answers 4xx with a code, and the
//! relay keeps serving.

use std::io::{Read as _, Write as _};

use ponte_proto::{
    CreateInvite, ErrorBody, ErrorCode, PutRoster, RecordId, RequestAuth, SyncRequest, TokenHash,
    encode, paths,
};
use sync_server::Limits;

use crate::support::{
    Backend, Device, Team, TestRelay, change, join_request, on_both_backends, random,
};

on_both_backends!(
    every_endpoint_refuses_bad_input_and_keeps_serving,
    push_and_pull_limits,
    an_oversized_chunked_body_is_refused,
    unknown_routes_and_methods_answer_with_a_code,
    slow_and_surplus_connections_are_closed,
);

const BODY_LIMIT: usize = 64 * 1024;

/// One endpoint, with a request that would succeed, made by `signer`.
struct Valid<'a> {
    name: &'static str,
    method: &'static str,
    target: String,
    body: Vec<u8>,
    signer: &'a Device,
}

/// One bad request and the answer it must get.
struct Case {
    what: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    status: u16,
    code: &'static str,
}

fn headers(auth: &RequestAuth) -> Vec<(String, String)> {
    auth.headers()
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

async fn every_endpoint_refuses_bad_input_and_keeps_serving(backend: Backend) {
    let limits = Limits {
        max_body_bytes: BODY_LIMIT,
        ..Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    let joiner = Device::new();
    let token = team.invite(c, 60_000).await;
    let newcomer = Team {
        id: ponte_proto::TeamId(random()),
        supervisor: Device::new(),
        members: vec![],
        version: 1,
        epoch: 1,
    };
    let invite = CreateInvite {
        team_id: team.id,
        token_hash: TokenHash(random()),
        expires_at: c.clock.now_ms() + 60_000,
    };
    let roster = PutRoster {
        team_id: team.id,
        roster: team.signed_roster(team.version + 1),
    };
    let sync = SyncRequest {
        team_id: team.id,
        cursor: 0,
        push: vec![change(RecordId(random()), "x")],
        pull_limit: 10,
    };

    let endpoints = [
        Valid {
            name: "sync",
            method: "POST",
            target: paths::SYNC.into(),
            body: encode(&sync).unwrap(),
            signer: &member,
        },
        Valid {
            name: "teams",
            method: "POST",
            target: paths::TEAMS.into(),
            body: encode(&newcomer.create_body()).unwrap(),
            signer: &newcomer.supervisor,
        },
        Valid {
            name: "invites",
            method: "POST",
            target: paths::INVITES.into(),
            body: encode(&invite).unwrap(),
            signer: &team.supervisor,
        },
        Valid {
            name: "join",
            method: "POST",
            target: paths::JOIN.into(),
            body: encode(&join_request(team.id, token, &joiner)).unwrap(),
            signer: &joiner,
        },
        Valid {
            name: "pending",
            method: "GET",
            target: team.pending_target(),
            body: vec![],
            signer: &team.supervisor,
        },
        Valid {
            name: "put roster",
            method: "POST",
            target: paths::ROSTER.into(),
            body: encode(&roster).unwrap(),
            signer: &team.supervisor,
        },
        Valid {
            name: "get roster",
            method: "GET",
            target: team.roster_target(),
            body: vec![],
            signer: &member,
        },
        Valid {
            name: "get rosters",
            method: "GET",
            target: team.rosters_target(0),
            body: vec![],
            signer: &member,
        },
    ];

    for endpoint in &endpoints {
        let Valid {
            name,
            method,
            target,
            body,
            signer,
        } = endpoint;
        let now = c.clock.now_ms();
        let mut cases = Vec::new();
        let case =
            |what: &str, target: &str, auth: Option<&RequestAuth>, body: Vec<u8>, status, code| {
                Case {
                    what: what.to_owned(),
                    target: target.to_owned(),
                    headers: auth.map(headers).unwrap_or_default(),
                    body,
                    status,
                    code,
                }
            };

        // Malformed: garbage body, cut body, or a bad query, all properly signed.
        if *method == "POST" {
            let mut longer = body.clone();
            longer.push(0);
            for (what, bad) in [
                ("garbage", vec![0xff; 7]),
                ("truncated", body[..body.len() - 1].to_vec()),
                ("empty", vec![]),
                ("trailing byte", longer),
            ] {
                let auth = signer.sign_request(method, target, now, &bad);
                cases.push(case(what, target, Some(&auth), bad, 400, "malformed"));
            }
        } else {
            let path = target.split('?').next().unwrap();
            for query in ["", "?team=zz", "?team=", "?other=1", "?team=00&team=11"] {
                let bad = format!("{path}{query}");
                let auth = signer.sign_request(method, &bad, now, &[]);
                cases.push(case(
                    &format!("query {query:?}"),
                    &bad,
                    Some(&auth),
                    vec![],
                    400,
                    "malformed",
                ));
            }
        }
        // Oversized, whatever the signature.
        let big = vec![0u8; BODY_LIMIT + 1];
        let auth = signer.sign_request(method, target, now, &big);
        cases.push(case(
            "oversized",
            target,
            Some(&auth),
            big,
            413,
            "too-large",
        ));
        // Wrongly signed: another key in the signer's name; no signature at all.
        let mut forged = Device::new().sign_request(method, target, now, body);
        forged.device = signer.id;
        cases.push(case(
            "forged",
            target,
            Some(&forged),
            body.clone(),
            401,
            "bad-signature",
        ));
        cases.push(case(
            "unsigned",
            target,
            None,
            body.clone(),
            401,
            "bad-signature",
        ));
        // Signed long ago.
        let stale = signer.sign_request(method, target, now - 3_600_000, body);
        cases.push(case(
            "stale",
            target,
            Some(&stale),
            body.clone(),
            401,
            "stale-request",
        ));

        for Case {
            what,
            target,
            headers,
            body,
            status,
            code,
        } in cases
        {
            let reply = c.send_raw(method, &target, &headers, body).await;
            assert_eq!(
                (reply.status, reply.code()),
                (status, code.to_owned()),
                "{name}: {what}: {:?}",
                String::from_utf8_lossy(&reply.body)
            );
            relay.assert_healthy().await;
        }

        // Replayed: the valid request goes through once, then never again.
        let auth = signer.sign_request(method, target, c.clock.now_ms(), body);
        let first = c.send_signed(method, target, &auth, body.clone()).await;
        assert!(
            (200..300).contains(&first.status),
            "{name}: valid request got {first:?}"
        );
        c.send_signed(method, target, &auth, body.clone())
            .await
            .assert_refused(401, "replayed-request");
        relay.assert_healthy().await;
    }
}

async fn push_and_pull_limits(backend: Backend) {
    let limits = Limits {
        max_push_entries: 5,
        max_ciphertext_bytes: 100,
        max_pull_limit: 3,
        ..Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let (a, b) = (team.member(c).await, team.member(c).await);
    let r = RecordId(random());
    let request = |push| SyncRequest {
        team_id: team.id,
        cursor: 0,
        push,
        pull_limit: 100,
    };

    let six = (0..6).map(|i| change(r, format!("{i}"))).collect();
    c.sync_reply(&a, &request(six))
        .await
        .assert_refused(413, "too-large");
    c.sync_reply(&a, &request(vec![change(r, vec![1; 101])]))
        .await
        .assert_refused(413, "too-large");
    c.sync_reply(&a, &request(vec![change(r, vec![])]))
        .await
        .assert_refused(400, "malformed");
    // A cursor or a `covers` beyond what a seq can be is bad input, not a relay error.
    let far = SyncRequest {
        cursor: u64::MAX,
        ..request(vec![])
    };
    c.sync_reply(&a, &far)
        .await
        .assert_refused(400, "malformed");
    let covers = request(vec![crate::support::entry(
        r,
        ponte_proto::EntryKind::Snapshot { covers: u64::MAX },
        "snapshot",
    )]);
    c.sync_reply(&team.supervisor, &covers)
        .await
        .assert_refused(400, "malformed");
    let beyond_head = request(vec![crate::support::entry(
        r,
        ponte_proto::EntryKind::Snapshot { covers: 1 << 40 },
        "snapshot",
    )]);
    c.sync_reply(&team.supervisor, &beyond_head)
        .await
        .assert_refused(400, "bad-covers");
    // Nothing of the refused batches was stored.
    assert_eq!(c.sync(&b, team.id, 0, vec![], 100).await.head, 0);

    let five = (0..5).map(|i| change(r, vec![i; 100])).collect();
    c.sync_reply(&a, &request(five)).await.assert_status(200);
    // pull_limit is capped at 3.
    let page = c.sync(&b, team.id, 0, vec![], 1000).await;
    assert_eq!((page.entries.len(), page.more, page.cursor), (3, true, 3));
    relay.assert_healthy().await;
}

/// Without a content-length the limit is hit while reading the body.
async fn an_oversized_chunked_body_is_refused(backend: Backend) {
    let limits = Limits {
        max_body_bytes: BODY_LIMIT,
        ..Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits).await;
    let host = relay.client.base.trim_start_matches("http://").to_owned();
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&host).unwrap();
        let head = format!(
            "POST {} HTTP/1.1\r\nhost: {host}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
            paths::SYNC
        );
        stream.write_all(head.as_bytes()).unwrap();
        // A little more than the limit, and no final chunk: the relay must answer
        // without waiting for the end of the body. Everything sent is read by the
        // relay, so it closes cleanly.
        let chunk = vec![b'a'; 16 * 1024];
        for _ in 0..(BODY_LIMIT / chunk.len() + 1) {
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(&chunk);
            framed.extend_from_slice(b"\r\n");
            stream.write_all(&framed).unwrap();
        }
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        response
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.ends_with(r#"{"code":"too-large"}"#), "{text}");
    relay.assert_healthy().await;
}

async fn unknown_routes_and_methods_answer_with_a_code(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let reply = c.get_unsigned("/v1/nothing").await;
    reply.assert_refused(404, "not-found");
    let reply = c.send_raw("DELETE", paths::SYNC, &[], vec![]).await;
    reply.assert_refused(405, "method-not-allowed");
    let reply = c.send_raw("GET", paths::SYNC, &[], vec![]).await;
    reply.assert_refused(405, "method-not-allowed");
    // The error body is exactly the code.
    let body: ErrorBody = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(body.code, ErrorCode::MethodNotAllowed);
    assert_eq!(reply.body, br#"{"code":"method-not-allowed"}"#);
    relay.assert_healthy().await;
}

/// What a connection held open by a slow client ends as: `None` if the relay closed
/// it without an answer, else the start of the answer. Waits at most `within`.
fn outcome_of(stream: &mut std::net::TcpStream, within: std::time::Duration) -> Option<String> {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                panic!("the relay kept a slow connection open past {within:?}")
            }
            // Reset or aborted: the relay closed it with our bytes unread.
            Err(_) => break,
        }
    }
    (!answer.is_empty()).then(|| String::from_utf8_lossy(&answer).into_owned())
}

/// Slow-loris and connection floods: a head that never ends, and a body that trickles,
/// are cut off; connections over the per-address cap are closed at once; and the relay
/// answers a well-behaved client throughout.
async fn slow_and_surplus_connections_are_closed(backend: Backend) {
    let limits = Limits {
        header_read_timeout_ms: 300,
        request_timeout_ms: 600,
        max_connections_per_address: 4,
        ..Limits::default()
    };
    let relay = TestRelay::start_with(backend, limits).await;
    let host = relay.client.base.trim_start_matches("http://").to_owned();
    let within = std::time::Duration::from_secs(20);
    let h = host.clone();
    tokio::task::spawn_blocking(move || {
        // A head that never ends: closed, without an answer or with 408.
        let mut slow_head = std::net::TcpStream::connect(&h).unwrap();
        slow_head
            .write_all(format!("POST {} HTTP/1.1\r\nhost: {h}\r\nx-slow: ", paths::SYNC).as_bytes())
            .unwrap();
        if let Some(answer) = outcome_of(&mut slow_head, within) {
            assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        }
        // A whole head, then a body that never comes: 408 request-timeout.
        let mut slow_body = std::net::TcpStream::connect(&h).unwrap();
        slow_body
            .write_all(
                format!(
                    "POST {} HTTP/1.1\r\nhost: {h}\r\ncontent-length: 1000\r\n\r\nab",
                    paths::SYNC
                )
                .as_bytes(),
            )
            .unwrap();
        let answer = outcome_of(&mut slow_body, within).unwrap_or_default();
        assert!(
            answer.starts_with("HTTP/1.1 408") && answer.contains("request-timeout"),
            "{answer}"
        );
    })
    .await
    .unwrap();

    // Four idle connections from this address fill its share: a fifth is closed at once.
    let h = host.clone();
    let held = tokio::task::spawn_blocking(move || {
        // Accepted in the order they connect: these four before the fifth.
        let held: Vec<_> = (0..4)
            .map(|_| std::net::TcpStream::connect(&h).unwrap())
            .collect();
        let mut fifth = std::net::TcpStream::connect(&h).unwrap();
        let _ = fifth.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n");
        assert_eq!(
            outcome_of(&mut fifth, within),
            None,
            "a fifth connection was served"
        );
        held
    })
    .await
    .unwrap();
    drop(held);
    // Once they are gone (the head deadline closes idle ones too), the relay serves
    // this address again.
    tokio::task::spawn_blocking(move || {
        let deadline = std::time::Instant::now() + within;
        loop {
            let mut probe = std::net::TcpStream::connect(&host).unwrap();
            let _ =
                probe.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
            if outcome_of(&mut probe, within).is_some_and(|a| a.starts_with("HTTP/1.1 200")) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the address stayed shut out"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    })
    .await
    .unwrap();
    relay.assert_healthy().await;
}

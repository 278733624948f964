//! Teams, invites, joins and rosters: the relay can be asked to let a device in,
//! but only a roster the supervisor signed does it.

use ponte_proto::{
    CreateInvite, CreateTeam, EntryKind, InviteToken, PendingJoins, PutRoster, RecordId, Role,
    SignedRoster, TokenHash, encode, paths,
};

use crate::support::{
    Backend, Client, Device, Reply, Team, TestRelay, entry, join, join_request, on_both_backends,
    random, sha256,
};

on_both_backends!(
    a_device_joins_with_an_invite_and_is_approved,
    a_wrong_token_is_refused,
    a_used_token_is_refused_but_its_device_may_retry,
    an_expired_invite_is_refused,
    invites_must_expire_soon_and_be_unique,
    an_enrolled_device_cannot_join_again,
    rosters_must_be_signed_newer_and_well_formed,
    team_creation_rules,
);

async fn a_device_joins_with_an_invite_and_is_approved(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let token = team.invite(c, 60_000).await;
    let newcomer = Device::new();

    // Not enrolled yet: it may not sync, but it may read the roster to learn when
    // it is approved.
    c.send(&newcomer, "GET", &team.roster_target(), vec![])
        .await
        .assert_refused(401, "unknown-device");
    let request = join_request(team.id, token, &newcomer);
    c.send(&newcomer, "POST", paths::JOIN, encode(&request).unwrap())
        .await
        .assert_status(202);
    let roster: SignedRoster = c
        .send(&newcomer, "GET", &team.roster_target(), vec![])
        .await
        .decode();
    assert_eq!(roster.version, 1);
    assert!(roster.decode_body().unwrap().device(&newcomer.id).is_none());
    let sync = ponte_proto::SyncRequest {
        team_id: team.id,
        cursor: 0,
        push: vec![],
        pull_limit: 10,
    };
    c.sync_reply(&newcomer, &sync)
        .await
        .assert_refused(401, "unknown-device");

    // The supervisor sees the request with everything needed to check the MAC.
    let pending: PendingJoins = c
        .send(&team.supervisor, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert_eq!(pending.joins.len(), 1);
    let join = &pending.joins[0];
    assert_eq!(
        (join.device_id, join.signing_pk, join.agreement_pk),
        (newcomer.id, newcomer.signing_pk(), newcomer.agreement_pk)
    );
    assert_eq!(
        (join.mac, &join.name_sealed),
        (request.mac, &request.name_sealed)
    );
    assert_eq!(join.token_hash, TokenHash(sha256(token.as_bytes())));

    // Approve: a new roster with the device, and the team key sealed to it.
    team.add(c, &newcomer).await;
    let sealed = c
        .sync(
            &team.supervisor,
            team.id,
            0,
            vec![entry(
                RecordId(newcomer.id.0),
                EntryKind::Key,
                "team key for it",
            )],
            0,
        )
        .await;
    assert_eq!(sealed.roster_version, 2);

    let roster: SignedRoster = c
        .send(&newcomer, "GET", &team.roster_target(), vec![])
        .await
        .decode();
    assert_eq!(roster.version, 2);
    assert_eq!(
        roster
            .decode_body()
            .unwrap()
            .device(&newcomer.id)
            .unwrap()
            .role,
        Role::Operator
    );
    let pulled = c.sync(&newcomer, team.id, 0, vec![], 10).await;
    assert_eq!(pulled.entries.len(), 1);
    assert_eq!(pulled.entries[0].ciphertext, b"team key for it");
    let pending: PendingJoins = c
        .send(&team.supervisor, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert!(
        pending.joins.is_empty(),
        "an approved join is no longer pending"
    );
}

async fn a_wrong_token_is_refused(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let team = Team::create(c).await;
    let _real = team.invite(c, 60_000).await;
    let device = Device::new();
    join(c, team.id, InviteToken(random()), &device)
        .await
        .assert_refused(403, "bad-token");
    // A token of another team is wrong here too.
    let other = Team::create(c).await;
    let theirs = other.invite(c, 60_000).await;
    join(c, team.id, theirs, &device)
        .await
        .assert_refused(403, "bad-token");
    // And a team that does not exist says the same.
    join(c, ponte_proto::TeamId(random()), theirs, &device)
        .await
        .assert_refused(403, "bad-token");
    let pending: PendingJoins = c
        .send(&team.supervisor, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert!(pending.joins.is_empty());
}

async fn a_used_token_is_refused_but_its_device_may_retry(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let team = Team::create(c).await;
    let token = team.invite(c, 60_000).await;
    let (first, second) = (Device::new(), Device::new());
    join(c, team.id, token, &first).await.assert_status(202);
    join(c, team.id, token, &second)
        .await
        .assert_refused(409, "token-used");
    // The first device lost the answer and asks again: same outcome.
    join(c, team.id, token, &first).await.assert_status(202);
    let pending: PendingJoins = c
        .send(&team.supervisor, "GET", &team.pending_target(), vec![])
        .await
        .decode();
    assert_eq!(
        pending
            .joins
            .iter()
            .map(|j| j.device_id)
            .collect::<Vec<_>>(),
        [first.id]
    );
}

async fn an_expired_invite_is_refused(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let team = Team::create(c).await;
    let token = team.invite(c, 60_000).await;
    // Two minutes later (the relay's clock and the client's move together).
    relay.clock.advance(120_000);
    join(c, team.id, token, &Device::new())
        .await
        .assert_refused(410, "invite-expired");
}

async fn invites_must_expire_soon_and_be_unique(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let team = Team::create(c).await;
    let now = c.clock.now_ms();
    let hash = TokenHash(random());
    let invite = |expires_at| {
        encode(&CreateInvite {
            team_id: team.id,
            token_hash: hash,
            expires_at,
        })
        .unwrap()
    };
    let month = ponte_proto::limits::MAX_INVITE_LIFETIME_MS;
    for expires_at in [now - 1, 0, now + month + 60_000, u64::MAX] {
        c.send(&team.supervisor, "POST", paths::INVITES, invite(expires_at))
            .await
            .assert_refused(400, "malformed");
    }
    c.send(
        &team.supervisor,
        "POST",
        paths::INVITES,
        invite(now + 60_000),
    )
    .await
    .assert_status(201);
    c.send(
        &team.supervisor,
        "POST",
        paths::INVITES,
        invite(now + 90_000),
    )
    .await
    .assert_refused(409, "invite-exists");
}

async fn an_enrolled_device_cannot_join_again(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    let token = team.invite(c, 60_000).await;
    join(c, team.id, token, &member)
        .await
        .assert_refused(409, "device-exists");
    // A revoked device cannot sneak back in with an invite either.
    team.remove(c, &member).await;
    let token = team.invite(c, 60_000).await;
    join(c, team.id, token, &member)
        .await
        .assert_refused(409, "device-exists");
}

async fn rosters_must_be_signed_newer_and_well_formed(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;
    let mut team = Team::create(c).await;
    let member = team.member(c).await;
    let put = |roster: SignedRoster| {
        encode(&PutRoster {
            team_id: team.id,
            roster,
        })
        .unwrap()
    };
    let send = |roster: SignedRoster| c.send(&team.supervisor, "POST", paths::ROSTER, put(roster));

    // Not newer.
    send(team.signed_roster(team.version))
        .await
        .assert_refused(409, "stale-roster");
    send(team.signed_roster(1))
        .await
        .assert_refused(409, "stale-roster");
    // Signed by someone else (a member, or a relay operator with a key of its own).
    let next = team.version + 1;
    send(team.sign_body(&team.roster_body(next), &Device::new()))
        .await
        .assert_refused(400, "bad-roster-signature");
    // Signed, but malformed in a way the relay can check.
    let mut body = team.roster_body(next);
    body.team_id = ponte_proto::TeamId(random());
    send(team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    let mut body = team.roster_body(next);
    body.devices.retain(|d| d.role != Role::Supervisor);
    send(team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    let mut body = team.roster_body(next);
    body.recovered_by = Some(team.supervisor.id);
    send(team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    let mut body = team.roster_body(next);
    let dup = body.devices[1].clone();
    body.devices.push(dup);
    send(team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    let mut signed = team.signed_roster(next);
    signed.version += 1;
    send(signed).await.assert_refused(400, "bad-roster");
    let mut signed = team.signed_roster(next);
    signed.body.push(0);
    send(signed).await.assert_refused(400, "bad-roster");
    let mut body = team.roster_body(next);
    body.settings_sealed = vec![7; ponte_proto::limits::MAX_SETTINGS_SEALED_BYTES + 1];
    send(team.sign_body(&body, &team.supervisor))
        .await
        .assert_refused(400, "bad-roster");
    // None of that changed anything: the member still syncs, the roster is as was.
    let roster: SignedRoster = c
        .send(&member, "GET", &team.roster_target(), vec![])
        .await
        .decode();
    assert_eq!(roster.version, team.version);
    // A roster may not skip versions: the chain has no gaps.
    send(team.signed_roster(team.version + 10))
        .await
        .assert_refused(400, "bad-roster");
    // A roster in the layout signed before team settings existed (no settings field)
    // is still taken and served as it was signed; it reads as the default settings.
    let body = team.roster_body(team.version + 1);
    let old = ponte_proto::RosterBodyV1 {
        team_id: body.team_id,
        version: body.version,
        epoch: body.epoch,
        supervisor: body.signer,
        devices: body.devices,
    };
    let bytes = encode(&old).unwrap();
    let signed = SignedRoster {
        version: old.version,
        signature: team
            .supervisor
            .sign(&ponte_proto::roster_signing_input(&bytes)),
        body: bytes,
    };
    send(signed.clone()).await.assert_status(204);
    let served: SignedRoster = c
        .send(&member, "GET", &team.roster_target(), vec![])
        .await
        .decode();
    assert_eq!(served, signed);
    assert!(served.decode_body().unwrap().settings_sealed.is_empty());
}

async fn team_creation_rules(backend: Backend) {
    let relay = TestRelay::start(backend).await;
    let c = &relay.client;

    // Closed: without the relay's code, or with another, nothing is created, whatever
    // the request's signature (the code is checked first).
    let first = unregistered_team();
    for code in [None, Some("not-the-relay-team-creation-code"), Some("")] {
        let stranger = c.with_creation_code(code);
        create(&stranger, &first.create_body(), &first.supervisor)
            .await
            .assert_refused(403, "team-creation-closed");
        create(&stranger, &first.create_body(), &Device::new())
            .await
            .assert_refused(403, "team-creation-closed");
    }
    // Nothing of it is stored: the supervisor is unknown, and the same team can still
    // be created with the code.
    c.send(&first.supervisor, "GET", &first.roster_target(), vec![])
        .await
        .assert_refused(401, "unknown-device");
    create(c, &first.create_body(), &first.supervisor)
        .await
        .assert_status(201);

    let team = Team::create(c).await;

    // The id is taken (even by someone else).
    let mut again = Team::create(c).await;
    again.id = team.id;
    create(c, &again.create_body(), &again.supervisor)
        .await
        .assert_refused(409, "team-exists");

    let fresh = unregistered_team();
    let mut body = fresh.create_body();
    body.team_id = ponte_proto::TeamId(random());
    // The roster must be for this team...
    create(c, &body, &fresh.supervisor)
        .await
        .assert_refused(400, "bad-roster");
    // ...signed by the key the request presents...
    let impostor = Device::new();
    let mut body = impostor_body(&fresh, &impostor);
    body.roster = fresh.signed_roster(1);
    create(c, &body, &impostor)
        .await
        .assert_refused(400, "bad-roster-signature");
    // ...and the request must be signed by the device it names.
    let body = fresh.create_body();
    create(c, &body, &impostor)
        .await
        .assert_refused(401, "bad-signature");
    // The agreement key in the body and the roster must agree.
    let other = unregistered_team();
    let mut body = other.create_body();
    body.agreement_pk = ponte_proto::AgreementPublicKey(random());
    create(c, &body, &other.supervisor)
        .await
        .assert_refused(400, "bad-roster");
    create(c, &other.create_body(), &other.supervisor)
        .await
        .assert_status(201);
    // The first roster names the creating device as its signer, and no recovery.
    let fresh = unregistered_team();
    let deputy = Device::new();
    let kit = Device::new();
    let mut body = fresh.roster_body(1);
    body.devices.push(deputy.roster_entry(Role::Supervisor));
    body.devices.push(kit.roster_entry(Role::Recovery));
    let with_roster = |body: &ponte_proto::RosterBody| CreateTeam {
        roster: fresh.sign_body(body, &fresh.supervisor),
        ..fresh.create_body()
    };
    let by_deputy = ponte_proto::RosterBody {
        signer: deputy.id,
        ..body.clone()
    };
    let recovered = ponte_proto::RosterBody {
        recovered_by: Some(fresh.supervisor.id),
        ..body.clone()
    };
    for bad in [by_deputy, recovered] {
        create(c, &with_roster(&bad), &fresh.supervisor)
            .await
            .assert_refused(400, "bad-roster");
    }
    // A deputy and a recovery kit from the start: taken, and both known.
    create(c, &with_roster(&body), &fresh.supervisor)
        .await
        .assert_status(201);
    for device in [&deputy, &kit] {
        c.send(device, "GET", &fresh.roster_target(), vec![])
            .await
            .assert_status(200);
    }
    relay.assert_healthy().await;
}

async fn create(c: &Client, body: &CreateTeam, signer: &Device) -> Reply {
    c.send(signer, "POST", paths::TEAMS, encode(body).unwrap())
        .await
}

fn unregistered_team() -> Team {
    Team {
        id: ponte_proto::TeamId(random()),
        supervisor: Device::new(),
        members: vec![],
        version: 1,
        epoch: 1,
    }
}

fn impostor_body(team: &Team, impostor: &Device) -> CreateTeam {
    CreateTeam {
        team_id: ponte_proto::TeamId(random()),
        device_id: impostor.id,
        signing_pk: impostor.signing_pk(),
        agreement_pk: impostor.agreement_pk,
        roster: team.signed_roster(1),
    }
}

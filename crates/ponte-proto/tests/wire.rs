//! Wire round trips (proptest) and fixed encodings: a change to a type that would
//! break devices already in the field fails here first.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ponte_proto::*;
use proptest::prelude::*;

fn bytes16() -> impl Strategy<Value = [u8; 16]> {
    any::<[u8; 16]>()
}

fn bytes32() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>()
}

fn signature() -> impl Strategy<Value = Signature> {
    prop::collection::vec(any::<u8>(), 64).prop_map(|v| Signature::from_slice(&v).unwrap())
}

fn blob() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..300)
}

fn kind() -> impl Strategy<Value = EntryKind> {
    prop_oneof![
        Just(EntryKind::Change),
        any::<u64>().prop_map(|covers| EntryKind::Snapshot { covers }),
        Just(EntryKind::Tombstone),
        Just(EntryKind::Key),
    ]
}

fn new_entry() -> impl Strategy<Value = NewEntry> {
    (bytes16(), kind(), blob()).prop_map(|(r, kind, ciphertext)| NewEntry {
        record_id: RecordId(r),
        kind,
        ciphertext,
    })
}

fn entry() -> impl Strategy<Value = Entry> {
    (any::<u64>(), bytes16(), bytes16(), kind(), blob()).prop_map(
        |(seq, r, d, kind, ciphertext)| Entry {
            seq,
            record_id: RecordId(r),
            author_device: DeviceId(d),
            kind,
            ciphertext,
        },
    )
}

fn pushed() -> impl Strategy<Value = Pushed> {
    prop_oneof![
        any::<u64>().prop_map(|seq| Pushed::Stored { seq }),
        Just(Pushed::RecordErased)
    ]
}

fn roster_device() -> impl Strategy<Value = RosterDevice> {
    (
        bytes16(),
        bytes32(),
        bytes32(),
        0..Role::ALL.len(),
        blob(),
        blob(),
    )
        .prop_map(|(d, s, a, role, name_sealed, keys_sealed)| RosterDevice {
            device_id: DeviceId(d),
            signing_pk: SigningPublicKey(s),
            agreement_pk: AgreementPublicKey(a),
            role: Role::ALL[role],
            name_sealed,
            keys_sealed,
        })
}

fn signed_roster() -> impl Strategy<Value = SignedRoster> {
    (any::<u64>(), blob(), signature()).prop_map(|(version, body, signature)| SignedRoster {
        version,
        body,
        signature,
    })
}

fn round_trip<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let bytes = encode(value).unwrap();
    assert_eq!(&decode::<T>(&bytes).unwrap(), value);
    // Any strict prefix is refused, never silently decoded into something else.
    if !bytes.is_empty() {
        assert!(decode::<T>(&bytes[..bytes.len() - 1]).is_err());
    }
}

proptest! {
    #[test]
    fn sync_request_round_trips(team in bytes16(), cursor in any::<u64>(), push in prop::collection::vec(new_entry(), 0..5), pull_limit in any::<u32>()) {
        round_trip(&SyncRequest { team_id: TeamId(team), cursor, push, pull_limit });
    }

    #[test]
    fn sync_response_round_trips(pushed in prop::collection::vec(pushed(), 0..5), entries in prop::collection::vec(entry(), 0..5), more in any::<bool>(), cursor in any::<u64>(), head in any::<u64>(), roster_version in any::<u64>()) {
        round_trip(&SyncResponse { pushed, entries, more, cursor, head, roster_version });
    }

    #[test]
    fn roster_body_round_trips(team in bytes16(), version in any::<u64>(), epoch in any::<u64>(), sup in bytes16(), devices in prop::collection::vec(roster_device(), 0..4), at in any::<u64>(), by in prop::option::of(bytes16()), vouched in prop::collection::vec(bytes16(), 0..4)) {
        round_trip(&RosterBody { team_id: TeamId(team), version, epoch, signer: DeviceId(sup), devices, settings_sealed: vec![], signed_at_ms: at, recovered_by: by.map(DeviceId), vouched_erasures: vouched.into_iter().map(RecordId).collect() });
    }

    #[test]
    fn team_messages_round_trip(team in bytes16(), device in bytes16(), s in bytes32(), a in bytes32(), roster in signed_roster(), h in bytes32(), expires_at in any::<u64>(), name in blob()) {
        round_trip(&CreateTeam { team_id: TeamId(team), device_id: DeviceId(device), signing_pk: SigningPublicKey(s), agreement_pk: AgreementPublicKey(a), roster: roster.clone() });
        round_trip(&CreateInvite { team_id: TeamId(team), token_hash: TokenHash(h), expires_at });
        round_trip(&JoinRequest { team_id: TeamId(team), token: InviteToken(h), device_id: DeviceId(device), signing_pk: SigningPublicKey(s), agreement_pk: AgreementPublicKey(a), name_sealed: name.clone(), mac: JoinMac(h) });
        round_trip(&PendingJoins { joins: vec![PendingJoin { device_id: DeviceId(device), signing_pk: SigningPublicKey(s), agreement_pk: AgreementPublicKey(a), name_sealed: name, mac: JoinMac(h), token_hash: TokenHash(h) }] });
        round_trip(&PutRoster { team_id: TeamId(team), roster });
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_decoder(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode::<SyncRequest>(&bytes);
        let _ = decode::<CreateTeam>(&bytes);
        let _ = decode::<JoinRequest>(&bytes);
        let _ = decode::<PutRoster>(&bytes);
        let _ = decode::<RosterBody>(&bytes);
    }
}

/// The exact bytes of a sync exchange (`/v2`: compact entry lists). If this changes,
/// the wire changed: bump the protocol version (paths under `/v3`) instead of editing
/// the fixture.
#[test]
fn sync_encoding_is_fixed() {
    let request = SyncRequest {
        team_id: TeamId([0x11; 16]),
        cursor: 300,
        push: vec![
            NewEntry {
                record_id: RecordId([0x22; 16]),
                kind: EntryKind::Snapshot { covers: 5 },
                ciphertext: vec![0xc0, 0xde],
            },
            NewEntry {
                record_id: RecordId([0x22; 16]),
                kind: EntryKind::Key,
                ciphertext: vec![0xee],
            },
        ],
        pull_limit: 500,
    };
    let expected = [
        "11".repeat(16),
        "ac02".into(),
        "02".into(),
        "01".to_owned() + &"22".repeat(16) + "0105" + "02c0de",
        "00".to_owned() + "03" + "01ee",
        "f403".into(),
    ]
    .concat();
    assert_eq!(hex::encode(encode(&request).unwrap()), expected);
    assert_eq!(
        decode::<SyncRequest>(&encode(&request).unwrap()).unwrap(),
        request
    );

    let response = SyncResponse {
        pushed: vec![Pushed::Stored { seq: 301 }, Pushed::RecordErased],
        entries: vec![
            Entry {
                seq: 7,
                record_id: RecordId([0x33; 16]),
                author_device: DeviceId([0x44; 16]),
                kind: EntryKind::Key,
                ciphertext: vec![0xff],
            },
            Entry {
                seq: 8,
                record_id: RecordId([0x33; 16]),
                author_device: DeviceId([0x44; 16]),
                kind: EntryKind::Change,
                ciphertext: vec![0xaa],
            },
            Entry {
                seq: 12,
                record_id: RecordId([0x55; 16]),
                author_device: DeviceId([0x44; 16]),
                kind: EntryKind::Change,
                ciphertext: vec![0xbb],
            },
        ],
        more: false,
        cursor: 302,
        head: 302,
        roster_version: 3,
    };
    let expected = [
        "02".to_owned() + "00ad02" + "01",
        "03".into(),
        "07".to_owned() + "01" + &"33".repeat(16) + "01" + &"44".repeat(16) + "03" + "01ff",
        "01".to_owned() + "00" + "00" + "00" + "01aa",
        "04".to_owned() + "01" + &"55".repeat(16) + "00" + "00" + "01bb",
        "00".into(),
        "ae02ae02".into(),
        "03".into(),
    ]
    .concat();
    assert_eq!(hex::encode(encode(&response).unwrap()), expected);
    assert_eq!(
        decode::<SyncResponse>(&encode(&response).unwrap()).unwrap(),
        response
    );
}

/// A compact list must name the first entry's record (and author): "same as the
/// previous one" on the first entry is malformed, not a zero id.
#[test]
fn a_first_entry_without_ids_does_not_decode() {
    // team, cursor 0, one entry: record None, kind Change, 1 byte; pull_limit 0.
    let request = [
        "11".repeat(16),
        "00".into(),
        "01".into(),
        "00000101".into(),
        "00".into(),
    ]
    .concat();
    assert!(decode::<SyncRequest>(&hex::decode(request).unwrap()).is_err());
    // pushed [], one entry: seq 1, record Some, author None.
    let response = [
        "00".to_owned(),
        "01".into(),
        "01".to_owned() + "01" + &"33".repeat(16) + "00" + "00" + "0101",
        "00".into(),
        "000000".into(),
    ]
    .concat();
    assert!(decode::<SyncResponse>(&hex::decode(response).unwrap()).is_err());
}

/// DESIGN.md: reconnecting with nothing changed costs one round trip under 1 KiB
/// each way. The bodies are a few dozen bytes; headers make up the rest.
#[test]
fn an_idle_sync_is_tiny() {
    let request = SyncRequest {
        team_id: TeamId([1; 16]),
        cursor: u64::from(u32::MAX),
        push: vec![],
        pull_limit: 2000,
    };
    assert!(encode(&request).unwrap().len() < 32);
    let response = SyncResponse {
        pushed: vec![],
        entries: vec![],
        more: false,
        cursor: 1 << 40,
        head: 1 << 40,
        roster_version: 1000,
    };
    assert!(encode(&response).unwrap().len() < 24);
}

/// A change entry's framing overhead: seq, record id, author, kind, length. What a
/// 130-byte Automerge change costs on the wire beyond its ciphertext.
#[test]
fn entry_overhead_is_small() {
    let entry = Entry {
        seq: 1 << 20,
        record_id: RecordId([1; 16]),
        author_device: DeviceId([2; 16]),
        kind: EntryKind::Change,
        ciphertext: vec![0; 160],
    };
    let overhead = encode(&entry).unwrap().len() - 160;
    assert!(overhead <= 40, "overhead {overhead}");
}

//! What a breached relay holds, read from its SQLite file as an attacker with the disk
//! would: every entry, in log order, as the relay would serve them.

use ponte_store::RecordId;
use ponte_store::sync::{EntryKind, Incoming};
use ponte_tests::Relay;

/// Every entry the relay holds, in log order.
pub fn relay_entries(relay: &Relay) -> Vec<Incoming> {
    let conn = rusqlite::Connection::open_with_flags(
        relay.db(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT seq, record_id, author, kind, covers, ciphertext FROM entries ORDER BY seq",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let covers = r.get::<_, Option<i64>>(4)?.map(|c| c as u64);
        let kind = EntryKind::from_code(r.get(3)?, covers).expect("a kind the relay stores");
        Ok(Incoming {
            seq: r.get::<_, i64>(0)? as u64,
            record_id: RecordId(r.get(1)?),
            author: r.get(2)?,
            kind,
            ciphertext: r.get(5)?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// A record id from its hex form.
pub fn record_id(hex: &str) -> RecordId {
    RecordId::parse(hex).unwrap()
}

/// The entries of a device's audit trail the relay holds (team and device ids in hex),
/// in log order.
#[allow(dead_code)] // not every test that reads the relay looks at audit trails
pub fn audit_trail_entries(relay: &Relay, team_hex: &str, device_hex: &str) -> Vec<Incoming> {
    let bytes = |hex: &str| -> [u8; 16] { record_id(hex).0 };
    let id = ponte_store::trail_id(&bytes(team_hex), &bytes(device_hex));
    relay_entries(relay)
        .into_iter()
        .filter(|e| e.record_id == id)
        .collect()
}

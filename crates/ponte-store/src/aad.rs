//! Associated data for every value the store seals: binds each ciphertext to its
//! place (what it is, which record, which epoch), so none can be moved to another.

use ponte_crypto as crypto;
use ponte_model::Kind;

use crate::RecordId;

fn aad(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// The device master key in `meta`, bound to the device.
pub(crate) fn master_aad(device_id: &[u8; 16]) -> Vec<u8> {
    aad(&[b"ponte/master/v1", device_id])
}

/// A keyring entry (key or setting), bound to its name and epoch.
pub(crate) fn keyring_aad(name: &str, epoch: u32) -> Vec<u8> {
    aad(&[
        b"ponte/keyring/v1/",
        name.as_bytes(),
        b"/",
        &epoch.to_be_bytes(),
    ])
}

/// A record's summary, bound to the record and its kind.
pub(crate) fn summary_aad(id: &RecordId, kind: Kind) -> Vec<u8> {
    aad(&[b"ponte/summary/v1", &id.0, &[kind.as_u8()]])
}

/// A change or snapshot entry, bound to the record, its kind and epoch.
pub(crate) fn change_aad(id: &RecordId, kind: Kind, epoch: u32) -> Vec<u8> {
    aad(&[
        b"ponte/change/v1",
        &crypto::record_aad(&id.0, kind.as_u8(), epoch),
    ])
}

/// A key entry (a record's data key under a team key), bound to the record and epoch.
pub(crate) fn key_entry_aad(id: &RecordId, epoch: u32) -> Vec<u8> {
    [
        b"ponte/key-entry/v1".as_slice(),
        &id.0,
        &epoch.to_be_bytes(),
    ]
    .concat()
}

/// A restricted record's data key sealed to one listed device, bound to the record,
/// the generation's epoch and access serial, and the device.
pub(crate) fn reader_aad(id: &RecordId, epoch: u32, serial: u32, device: &[u8; 16]) -> Vec<u8> {
    [
        b"ponte/reader-key/v1".as_slice(),
        &id.0,
        &epoch.to_be_bytes(),
        &serial.to_be_bytes(),
        device,
    ]
    .concat()
}

/// A record's access (serial and readers) in `records.access`, bound to the record.
pub(crate) fn access_aad(id: &RecordId) -> Vec<u8> {
    [b"ponte/access/v1".as_slice(), &id.0].concat()
}

/// A tombstone's signature, bound to the record.
pub(crate) fn tombstone_aad(id: &RecordId) -> Vec<u8> {
    [b"ponte/tombstone/v1".as_slice(), &id.0].concat()
}

//! Who may erase a record or change who reads it. The store does not know the
//! roster; the sync engine does, and hands [`Store::sync_commit`](crate::Store::sync_commit)
//! an [`Authority`] built from the chain it verified.
//!
//! Every key entry that is not the compact form of a record open to the team (one that
//! restricts a record, changes its list, lifts a restriction, or starts a generation
//! of a record whose access ever changed) carries an Ed25519 signature of its author
//! inside the team-key seal, over [`access_signing_input`]: the record, the team epoch
//! it is sealed under and the whole entry (kind, serial, readers and their wrapped
//! keys, or the data key itself). A device takes it only when
//!
//! - a supervisor signed it ([`Authority::decides_access`]: the roster's, or a former
//!   one's for a record a roster vouched for, as for erasures), or the device whose
//!   audit trail the record is (a trail is restricted to the supervisors by its own
//!   device); or
//! - it keeps the access the device holds (same serial, no reader added but the
//!   roster's supervisors) and a member it lists signed it ([`Authority::member_signed`]):
//!   the new generation a reader starts after a team key rotation, wrapped for the
//!   supervisors named since too.
//!
//! So a member holding the team key (a mediator, a revoked phone's copy with a breached
//! relay) cannot make other devices drop a record, nor lift a restriction with a key it
//! chose to read what is written next.

use crate::RecordId;

/// The roster's word on signed erasures and changes of access (built by the sync
/// engine from the chain it verified).
pub trait Authority: Sync {
    /// Whether `signature` (of [`super::tombstone_signing_input`]) erases record `id`
    /// for the team.
    fn erases(&self, id: &RecordId, signature: &[u8]) -> bool;
    /// Whether `signature` of `input` ([`access_signing_input`]) is a decision on who
    /// reads record `id`: a supervisor's, or that of the device whose audit trail `id`
    /// is.
    fn decides_access(&self, id: &RecordId, input: &[u8], signature: &[u8]) -> bool;
    /// Whether `signature` of `input` is by a device of the roster, one of `listed`
    /// when given.
    fn member_signed(&self, listed: Option<&[[u8; 16]]>, input: &[u8], signature: &[u8]) -> bool;
    /// Whether `device` is a supervisor of the roster.
    fn is_supervisor(&self, device: &[u8; 16]) -> bool;
}

/// What the author of a key entry signs: binds the record, the team epoch it is sealed
/// under and every byte of the entry's `plain` before the signature.
pub fn access_signing_input(id: &RecordId, epoch: u32, plain: &[u8]) -> Vec<u8> {
    [
        b"ponte/access/v1".as_slice(),
        &id.0,
        &epoch.to_be_bytes(),
        plain,
    ]
    .concat()
}

/// An [`Authority`] for stores that hold no roster (tests and benchmarks of the store
/// alone): erasures as `erases` says, and every well-formed signed change of access
/// taken as authorised. The sync engine never uses it.
pub fn without_roster<F>(erases: F) -> impl Authority
where
    F: Fn(&RecordId, &[u8]) -> bool + Sync,
{
    struct NoRoster<F>(F);
    impl<F: Fn(&RecordId, &[u8]) -> bool + Sync> Authority for NoRoster<F> {
        fn erases(&self, id: &RecordId, signature: &[u8]) -> bool {
            (self.0)(id, signature)
        }
        fn decides_access(&self, _: &RecordId, _: &[u8], _: &[u8]) -> bool {
            true
        }
        fn member_signed(&self, _: Option<&[[u8; 16]]>, _: &[u8], _: &[u8]) -> bool {
            true
        }
        fn is_supervisor(&self, _: &[u8; 16]) -> bool {
            false
        }
    }
    NoRoster(erases)
}

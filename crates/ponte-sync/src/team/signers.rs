//! Who this device takes as the team's authority on erasures and on who may read a
//! record, from the roster chain it verified; and what a roster that removes a
//! supervisor vouches for.

use super::*;

/// Who this device takes as the team's authority on erasures and on who may read a
/// record ([`ponte_store::sync::Authority`]), from the roster chain it verified.
///
/// An erasure, or a change of who may read a record, signed by a supervisor of the
/// latest roster it verified is taken; one signed by a supervisor of an earlier roster
/// of its chain (removed or demoted since) only for a record a roster vouched for. So
/// a supervisor's key that left the team (a seized phone, say) cannot erase records or
/// restrict them away through a breached relay, while the erasures it made before it
/// left still apply where the roster that removed it vouched for them. A member's key
/// (a mediator's, a revoked phone's copy) decides nothing: it may only restrict its
/// own audit trail to the supervisors, and start the next generation of a record it
/// reads, keeping its access.
#[derive(Debug, Clone)]
pub struct Signers {
    team_id: [u8; 16],
    current: Vec<[u8; 32]>,
    former: Vec<[u8; 32]>,
    vouched: std::collections::HashSet<[u8; 16]>,
    /// Every device of the roster: its id and signing key.
    members: Vec<([u8; 16], [u8; 32])>,
    /// The supervisors of the roster, by device id.
    supervisor_ids: Vec<[u8; 16]>,
}

impl Signers {
    fn signed_by(keys: &[[u8; 32]], input: &[u8], signature: &[u8]) -> bool {
        keys.iter()
            .any(|key| crypto::verify_signature(key, input, signature).is_ok())
    }

    /// Whether a supervisor may sign for record `id`: one of the roster, or a former
    /// one for a vouched record.
    fn by_supervisor(&self, id: &RecordId, input: &[u8], signature: &[u8]) -> bool {
        Self::signed_by(&self.current, input, signature)
            || (self.vouched.contains(&id.0) && Self::signed_by(&self.former, input, signature))
    }
}

impl ponte_store::sync::Authority for Signers {
    fn erases(&self, id: &RecordId, signature: &[u8]) -> bool {
        let input = ponte_store::sync::tombstone_signing_input(&self.team_id, id);
        self.by_supervisor(id, &input, signature)
    }

    fn decides_access(&self, id: &RecordId, input: &[u8], signature: &[u8]) -> bool {
        self.by_supervisor(id, input, signature)
            || self.members.iter().any(|(device, key)| {
                ponte_store::trail_id(&self.team_id, device) == *id
                    && crypto::verify_signature(key, input, signature).is_ok()
            })
    }

    fn member_signed(&self, listed: Option<&[[u8; 16]]>, input: &[u8], signature: &[u8]) -> bool {
        self.members
            .iter()
            .filter(|(device, _)| listed.is_none_or(|l| l.contains(device)))
            .any(|(_, key)| crypto::verify_signature(key, input, signature).is_ok())
    }

    fn is_supervisor(&self, device: &[u8; 16]) -> bool {
        self.supervisor_ids.contains(device)
    }
}

/// The [`Signers`] of this device: the supervisors of the roster it holds (the anchor
/// before it holds one), the other supervisors of its chain, the vouched records and
/// the roster's devices.
pub fn signers(store: &Store, state: &TeamState) -> Result<Signers> {
    let team_id = state.team_id()?;
    let roster = match local_roster(store)? {
        Some(signed) => Some(roster::kept(&signed, &team_id)?),
        None => None,
    };
    let current: Vec<[u8; 32]> = match &roster {
        Some(body) => body.supervisors().map(|d| d.signing_pk.0).collect(),
        None => vec![state.supervisor_pk()?],
    };
    let members = roster
        .iter()
        .flat_map(|body| body.devices.iter())
        .map(|d| (d.device_id.0, d.signing_pk.0))
        .collect();
    let supervisor_ids = roster
        .iter()
        .flat_map(|body| body.supervisors())
        .map(|d| d.device_id.0)
        .collect();
    let former = state
        .chain_supervisor_keys()
        .into_iter()
        .filter(|k| !current.contains(k))
        .collect();
    let vouched = state
        .vouched_erasures
        .iter()
        .filter_map(|id| ponte_proto::RecordId::from_hex(id).ok())
        .map(|id| id.0)
        .collect();
    Ok(Signers {
        team_id,
        current,
        former,
        vouched,
        members,
        supervisor_ids,
    })
}

/// The erasures a roster that removes or demotes supervisors vouches for: those this
/// device made or accepted that one of the departing supervisors signed (the latest
/// [`ponte_proto::limits::MAX_VOUCHED_ERASURES`]). Empty when every supervisor of
/// `previous` stays one in `members`.
pub(super) fn vouch(
    store: &Store,
    team_id: &[u8; 16],
    previous: &RosterBody,
    members: &[Member],
) -> Result<Vec<ponte_proto::RecordId>> {
    let departing: Vec<[u8; 32]> = previous
        .supervisors()
        .map(|d| d.signing_pk.0)
        .filter(|pk| {
            !members
                .iter()
                .any(|m| m.role == Role::Supervisor && m.signing_pk == *pk)
        })
        .collect();
    if departing.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<ponte_proto::RecordId> = store
        .signed_erasures()?
        .into_iter()
        .filter(|(id, signature)| {
            let input = ponte_store::sync::tombstone_signing_input(team_id, id);
            departing
                .iter()
                .any(|key| crypto::verify_signature(key, &input, signature).is_ok())
        })
        .map(|(id, _)| ponte_proto::RecordId(id.0))
        .collect();
    let skip = ids
        .len()
        .saturating_sub(ponte_proto::limits::MAX_VOUCHED_ERASURES);
    ids.drain(..skip);
    Ok(ids)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_former_supervisor_erases_only_what_a_roster_vouched_for() {
        use ponte_store::sync::Authority as _;
        let team_id = [3u8; 16];
        let (current, former, stranger) = (
            crypto::SigningKey::generate().unwrap(),
            crypto::SigningKey::generate().unwrap(),
            crypto::SigningKey::generate().unwrap(),
        );
        let (vouched, other) = (RecordId([1; 16]), RecordId([2; 16]));
        let rule = Signers {
            team_id,
            current: vec![current.public_key()],
            former: vec![former.public_key()],
            vouched: [vouched.0].into_iter().collect(),
            members: vec![([9; 16], stranger.public_key())],
            supervisor_ids: Vec::new(),
        };
        let sign = |key: &crypto::SigningKey, id: &RecordId| {
            key.sign(&ponte_store::sync::tombstone_signing_input(&team_id, id))
        };
        assert!(rule.erases(&other, &sign(&current, &other)));
        assert!(rule.erases(&vouched, &sign(&current, &vouched)));
        assert!(rule.erases(&vouched, &sign(&former, &vouched)));
        assert!(!rule.erases(&other, &sign(&former, &other)));
        assert!(!rule.erases(&vouched, &sign(&stranger, &vouched)));
        // A signature for one record does not erase another.
        assert!(!rule.erases(&other, &sign(&current, &vouched)));
    }

    #[test]
    fn only_a_supervisor_or_a_trail_s_own_device_decides_who_reads() {
        use ponte_store::sync::Authority as _;
        let team_id = [3u8; 16];
        let (supervisor, member, former) = (
            crypto::SigningKey::generate().unwrap(),
            crypto::SigningKey::generate().unwrap(),
            crypto::SigningKey::generate().unwrap(),
        );
        let member_id = [7u8; 16];
        let rule = Signers {
            team_id,
            current: vec![supervisor.public_key()],
            former: vec![former.public_key()],
            vouched: std::collections::HashSet::new(),
            members: vec![
                ([8; 16], supervisor.public_key()),
                (member_id, member.public_key()),
            ],
            supervisor_ids: vec![[8; 16]],
        };
        let record = RecordId([1; 16]);
        let input = ponte_store::sync::access_signing_input(&record, 2, b"entry");
        assert!(rule.decides_access(&record, &input, &supervisor.sign(&input)));
        // A member decides nothing on another record, nor a supervisor since removed.
        assert!(!rule.decides_access(&record, &input, &member.sign(&input)));
        assert!(!rule.decides_access(&record, &input, &former.sign(&input)));
        // A member restricts its own audit trail, and nothing else.
        let trail = ponte_store::trail_id(&team_id, &member_id);
        let on_trail = ponte_store::sync::access_signing_input(&trail, 2, b"entry");
        assert!(rule.decides_access(&trail, &on_trail, &member.sign(&on_trail)));
        assert!(!rule.decides_access(&trail, &on_trail, &former.sign(&on_trail)));
        // A generation keeping the access: signed by a listed device, or any member
        // for a record open to the team.
        let by_member = member.sign(&input);
        assert!(rule.member_signed(None, &input, &by_member));
        assert!(rule.member_signed(Some(&[member_id]), &input, &by_member));
        assert!(!rule.member_signed(Some(&[[8; 16]]), &input, &by_member));
        assert!(!rule.member_signed(None, &input, &former.sign(&input)));
        assert!(rule.is_supervisor(&[8; 16]) && !rule.is_supervisor(&member_id));
    }
}

//! Team settings: what the supervisor decides for every device of the team, carried in
//! the signed roster sealed with the team key (the relay neither reads nor can change
//! them), and applied by each device from every roster it verifies.

use ponte_crypto::{self as crypto, SecretKey};
use ponte_store::unlock::{DEFAULT_UNLOCK_ATTEMPTS, UNLOCK_ATTEMPTS};
use serde::{Deserialize, Serialize};

use crate::{Result, SyncError};

/// The days a key lease may last.
pub const LEASE_DAYS: std::ops::RangeInclusive<u16> = 1..=365;
/// The lease when the team set none.
pub const DEFAULT_LEASE_DAYS: u16 = 14;
/// Sealed settings are padded to a multiple of this many bytes, so their size does
/// not tell the relay which values were chosen.
const PAD: usize = 128;

/// The team's settings. A missing field reads as its default, an unknown one is
/// ignored, so devices of another version read what they know of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamSettings {
    /// Consecutive wrong passphrases after which a device erases itself
    /// (`ponte_store::unlock::UNLOCK_ATTEMPTS`), or `None`: no limit.
    pub unlock_attempts: Option<u8>,
    /// Days without a completed sync after which a device's keys expire (the key
    /// lease; carried for devices that enforce it).
    pub lease_days: u16,
}

impl Default for TeamSettings {
    fn default() -> Self {
        TeamSettings {
            unlock_attempts: Some(DEFAULT_UNLOCK_ATTEMPTS),
            lease_days: DEFAULT_LEASE_DAYS,
        }
    }
}

fn aad(team_id: &[u8; 16]) -> Vec<u8> {
    [b"ponte/team-settings/v1".as_slice(), team_id].concat()
}

impl TeamSettings {
    /// Whether every value is within its range.
    pub fn is_valid(&self) -> bool {
        self.unlock_attempts
            .is_none_or(|n| UNLOCK_ATTEMPTS.contains(&n))
            && LEASE_DAYS.contains(&self.lease_days)
    }

    /// JSON, padded with spaces, sealed with the team key.
    pub fn seal(&self, team_key: &SecretKey, team_id: &[u8; 16]) -> Result<Vec<u8>> {
        let mut plain = serde_json::to_vec(self).map_err(|_| SyncError::Protocol)?;
        plain.resize(plain.len().div_ceil(PAD) * PAD, b' ');
        Ok(crypto::seal(team_key, &aad(team_id), &plain)?)
    }

    /// Opens what [`TeamSettings::seal`] made with any of `keys`; empty is the
    /// defaults (a roster from before team settings). Anything else that does not
    /// open, or holds a value out of range, is a bad roster.
    pub fn open(keys: &[(u32, SecretKey)], team_id: &[u8; 16], sealed: &[u8]) -> Result<Self> {
        if sealed.is_empty() {
            return Ok(TeamSettings::default());
        }
        let settings = keys
            .iter()
            .find_map(|(_, k)| crypto::open(k, &aad(team_id), sealed).ok())
            .and_then(|plain| serde_json::from_slice::<TeamSettings>(&plain).ok())
            .ok_or(SyncError::BadRoster)?;
        if !settings.is_valid() {
            return Err(SyncError::BadRoster);
        }
        Ok(settings)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sealed_settings_round_trip_and_hide_their_values_size() {
        let key = SecretKey::generate().unwrap();
        let keys = [(1, SecretKey::from_bytes(*key.expose()))];
        let team = [3; 16];
        let off = TeamSettings {
            unlock_attempts: None,
            lease_days: 365,
        };
        let a = off.seal(&key, &team).unwrap();
        let b = TeamSettings::default().seal(&key, &team).unwrap();
        assert_eq!(a.len(), b.len());
        assert_eq!(TeamSettings::open(&keys, &team, &a).unwrap(), off);
        assert_eq!(
            TeamSettings::open(&keys, &team, &[]).unwrap(),
            TeamSettings::default()
        );
        assert!(TeamSettings::open(&keys, &[4; 16], &a).is_err());
        let bad = TeamSettings {
            unlock_attempts: Some(4),
            lease_days: 14,
        };
        let sealed = bad.seal(&key, &team).unwrap();
        assert!(TeamSettings::open(&keys, &team, &sealed).is_err());
        // Fields this version does not know are ignored, missing ones are defaults.
        let plain = br#"{"lease_days": 30, "future": true}"#;
        let sealed = crypto::seal(&key, &aad(&team), plain).unwrap();
        let read = TeamSettings::open(&keys, &team, &sealed).unwrap();
        assert_eq!(read.lease_days, 30);
        assert_eq!(read.unlock_attempts, Some(DEFAULT_UNLOCK_ATTEMPTS));
    }
}

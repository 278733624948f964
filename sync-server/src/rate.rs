//! Per-device request rate limit: a token bucket per device of a team, in memory.
//!
//! Keyed by the *authenticated* device (checked after the signature) *and its team*,
//! so nobody can exhaust another device's bucket by sending requests in its name, nor
//! by copying its device id into a team of its own (where that id signs with another
//! key). Per
//! process: with several relay processes a device gets a bucket in each, which is
//! fine for its purpose (one runaway device cannot starve the others). Floods of
//! unauthenticated garbage are the business of the proxy in front.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use ponte_proto::{DeviceId, TeamId};

/// Past this many tracked devices, buckets that are full again are dropped: they
/// hold no information a fresh bucket would not.
const MAX_TRACKED: usize = 50_000;

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated_ms: u64,
}

/// Token buckets of every device that made a request recently.
#[derive(Debug)]
pub struct RateLimiter {
    burst: f64,
    per_ms: f64,
    buckets: Mutex<HashMap<(TeamId, DeviceId), Bucket>>,
}

impl RateLimiter {
    /// A limiter allowing `burst` requests at once and `per_second` after that.
    pub fn new(burst: u32, per_second: u32) -> Self {
        Self {
            burst: f64::from(burst),
            per_ms: f64::from(per_second) / 1000.0,
            buckets: Mutex::default(),
        }
    }

    /// Takes one token from the bucket of `device` in `team`; `false` if it is empty.
    pub fn allow(&self, team: TeamId, device: DeviceId, now_ms: u64) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED {
            let (burst, per_ms) = (self.burst, self.per_ms);
            buckets.retain(|_, b| refill(b, burst, per_ms, now_ms) < burst);
        }
        let bucket = buckets.entry((team, device)).or_insert(Bucket {
            tokens: self.burst,
            updated_ms: now_ms,
        });
        bucket.tokens = refill(bucket, self.burst, self.per_ms, now_ms);
        bucket.updated_ms = bucket.updated_ms.max(now_ms);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[allow(clippy::cast_precision_loss)] // milliseconds elapsed: far below 2^52
fn refill(bucket: &Bucket, burst: f64, per_ms: f64, now_ms: u64) -> f64 {
    let elapsed = now_ms.saturating_sub(bucket.updated_ms) as f64;
    (bucket.tokens + elapsed * per_ms).min(burst)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn burst_then_refill() {
        let limiter = RateLimiter::new(3, 10);
        let (team, device) = (TeamId([7; 16]), DeviceId([1; 16]));
        assert!((0..3).all(|_| limiter.allow(team, device, 1000)));
        assert!(!limiter.allow(team, device, 1000));
        // Another device has its own bucket, and so has the same id in another team.
        assert!(limiter.allow(team, DeviceId([2; 16]), 1000));
        assert!(limiter.allow(TeamId([8; 16]), device, 1000));
        // 10 per second: one token back after 100 ms.
        assert!(limiter.allow(team, device, 1100));
        assert!(!limiter.allow(team, device, 1100));
        // Never more than the burst, however long the wait.
        assert_eq!(
            (0..10)
                .filter(|_| limiter.allow(team, device, 1_000_000))
                .count(),
            3
        );
    }
}

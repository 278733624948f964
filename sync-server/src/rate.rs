//! Per-device request rate limit: a token bucket per device, in memory.
//!
//! Keyed by the *authenticated* device (checked after the signature), so nobody
//! can exhaust another device's bucket by sending requests in its name. Per
//! process: with several relay processes a device gets a bucket in each, which is
//! fine for its purpose (one runaway device cannot starve the others). Floods of
//! unauthenticated garbage are the business of the proxy in front.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use ponte_proto::DeviceId;

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
    buckets: Mutex<HashMap<DeviceId, Bucket>>,
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

    /// Takes one token from `device`'s bucket; `false` if it is empty.
    pub fn allow(&self, device: DeviceId, now_ms: u64) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED {
            let (burst, per_ms) = (self.burst, self.per_ms);
            buckets.retain(|_, b| refill(b, burst, per_ms, now_ms) < burst);
        }
        let bucket = buckets.entry(device).or_insert(Bucket {
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
        let device = DeviceId([1; 16]);
        assert!((0..3).all(|_| limiter.allow(device, 1000)));
        assert!(!limiter.allow(device, 1000));
        // Another device has its own bucket.
        assert!(limiter.allow(DeviceId([2; 16]), 1000));
        // 10 per second: one token back after 100 ms.
        assert!(limiter.allow(device, 1100));
        assert!(!limiter.allow(device, 1100));
        // Never more than the burst, however long the wait.
        assert_eq!(
            (0..10).filter(|_| limiter.allow(device, 1_000_000)).count(),
            3
        );
    }
}

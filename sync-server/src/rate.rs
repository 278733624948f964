//! Request rate limits: token buckets in memory.
//!
//! Per device of a team ([`RateLimiter::new`], the default key): keyed by the
//! *authenticated* device (checked after the signature) *and its team*, so nobody can
//! exhaust another device's bucket by sending requests in its name, nor by copying its
//! device id into a team of its own (where that id signs with another key). Per
//! process: with several relay processes a device gets a bucket in each, which is
//! fine for its purpose (one runaway device cannot starve the others). Floods of
//! unauthenticated garbage are the business of the proxy in front.
//!
//! Per client address ([`RateLimiter::per_hour`] keyed by [`client_key`]): team
//! creation, which nobody is authenticated for yet.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr};
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

/// Token buckets of every key (a device of a team, by default) that made a request
/// recently.
#[derive(Debug)]
pub struct RateLimiter<K = (TeamId, DeviceId)> {
    burst: f64,
    per_ms: f64,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Hash + Eq> RateLimiter<K> {
    /// A limiter allowing `burst` requests at once and `per_second` after that.
    pub fn new(burst: u32, per_second: u32) -> Self {
        Self {
            burst: f64::from(burst),
            per_ms: f64::from(per_second) / 1000.0,
            buckets: Mutex::default(),
        }
    }

    /// A limiter allowing `count` requests at once, regained evenly over an hour.
    pub fn per_hour(count: u32) -> Self {
        Self {
            burst: f64::from(count),
            per_ms: f64::from(count) / 3_600_000.0,
            buckets: Mutex::default(),
        }
    }

    /// Takes one token from the bucket of `key`; `false` if it is empty.
    pub fn allow(&self, key: K, now_ms: u64) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_TRACKED {
            let (burst, per_ms) = (self.burst, self.per_ms);
            buckets.retain(|_, b| refill(b, burst, per_ms, now_ms) < burst);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
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

/// The key a client address is counted under: an IPv4 address (also written as an
/// IPv4-mapped IPv6 address) as it is, an IPv6 address by its /64, the block one
/// host usually holds whole.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
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
        assert!((0..3).all(|_| limiter.allow((team, device), 1000)));
        assert!(!limiter.allow((team, device), 1000));
        // Another device has its own bucket, and so has the same id in another team.
        assert!(limiter.allow((team, DeviceId([2; 16])), 1000));
        assert!(limiter.allow((TeamId([8; 16]), device), 1000));
        // 10 per second: one token back after 100 ms.
        assert!(limiter.allow((team, device), 1100));
        assert!(!limiter.allow((team, device), 1100));
        // Never more than the burst, however long the wait.
        assert_eq!(
            (0..10)
                .filter(|_| limiter.allow((team, device), 1_000_000))
                .count(),
            3
        );
    }

    #[test]
    fn per_hour_per_address() {
        let limiter = RateLimiter::per_hour(5);
        let here = client_key("192.0.2.1".parse().unwrap());
        assert_eq!((0..6).filter(|_| limiter.allow(here, 0)).count(), 5);
        // Another address has its own bucket.
        assert!(limiter.allow(client_key("192.0.2.2".parse().unwrap()), 0));
        // One token back after a fifth of an hour, not before.
        assert!(!limiter.allow(here, 719_000));
        assert!(limiter.allow(here, 720_000));
        assert!(!limiter.allow(here, 720_000));
    }

    #[test]
    fn an_ipv6_host_counts_by_its_64_and_a_mapped_ipv4_as_ipv4() {
        let key = |s: &str| client_key(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:bbbb::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.7"), key("192.0.2.7"));
        assert_ne!(key("192.0.2.7"), key("192.0.2.8"));
    }
}

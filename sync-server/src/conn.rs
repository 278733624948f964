//! Admission of connections: a cap on connections open at once, in all and per
//! client address, an IPv6 address counted by its /64 as team creations are
//! ([`crate::rate::client_key`]): one host holds a whole /64 and could otherwise fill
//! the relay from addresses of its own. A ticket holds a place until the connection
//! ends.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

/// Counts open connections, in all and per address.
#[derive(Debug)]
pub(crate) struct Gate {
    max_total: usize,
    max_per_address: usize,
    open: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_address: HashMap<IpAddr, usize>,
}

/// A place taken by one open connection; given back when dropped.
#[derive(Debug)]
pub(crate) struct Ticket {
    gate: Arc<Gate>,
    address: IpAddr,
}

impl Gate {
    /// At most `max_total` connections, and `max_per_address` from one address (0: no
    /// per-address cap).
    pub(crate) fn new(max_total: usize, max_per_address: usize) -> Self {
        Self {
            max_total,
            max_per_address,
            open: Mutex::default(),
        }
    }

    /// A place for a connection from `address`, or `None` over a cap.
    pub(crate) fn admit(self: &Arc<Self>, address: IpAddr) -> Option<Ticket> {
        let address = crate::rate::client_key(address);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let from_here = open.per_address.get(&address).copied().unwrap_or(0);
        if open.total >= self.max_total
            || (self.max_per_address > 0 && from_here >= self.max_per_address)
        {
            return None;
        }
        open.total += 1;
        open.per_address.insert(address, from_here + 1);
        Some(Ticket {
            gate: Arc::clone(self),
            address,
        })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self
            .gate
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        open.total = open.total.saturating_sub(1);
        if let Some(n) = open.per_address.get_mut(&self.address) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.per_address.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn caps_in_all_and_per_address_and_places_come_back() {
        let gate = Arc::new(Gate::new(3, 2));
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let a1 = gate.admit(a).unwrap();
        let _a2 = gate.admit(a).unwrap();
        assert!(gate.admit(a).is_none(), "per-address cap");
        let _b1 = gate.admit(b).unwrap();
        assert!(gate.admit(b).is_none(), "total cap");
        drop(a1);
        let b2 = gate.admit(b);
        assert!(b2.is_some(), "a place came back");
        let open = gate.open.lock().unwrap();
        assert_eq!(open.total, 3);
    }

    /// Review finding: the per-address cap keyed the full IPv6 address, so one host
    /// with a /64 filled the relay's connections alone.
    #[test]
    fn an_ipv6_host_is_counted_by_its_64_and_a_mapped_ipv4_as_itself() {
        let gate = Arc::new(Gate::new(100, 2));
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let mut held = vec![
            gate.admit(ip("2001:db8:1:2::1")).unwrap(),
            gate.admit(ip("2001:db8:1:2:ffff:0:0:9")).unwrap(),
        ];
        assert!(gate.admit(ip("2001:db8:1:2:abcd::7")).is_none(), "same /64");
        held.push(gate.admit(ip("2001:db8:1:3::1")).unwrap());
        held.push(gate.admit(ip("192.0.2.1")).unwrap());
        held.push(gate.admit(ip("::ffff:192.0.2.1")).unwrap());
        assert!(
            gate.admit(ip("192.0.2.1")).is_none(),
            "mapped IPv4 is the same"
        );
        drop(held);
        assert!(gate.open.lock().unwrap().per_address.is_empty());
    }

    #[test]
    fn no_per_address_cap_when_zero() {
        let gate = Arc::new(Gate::new(10, 0));
        let a = IpAddr::from([127, 0, 0, 1]);
        let tickets: Vec<_> = (0..10).map(|_| gate.admit(a).unwrap()).collect();
        assert!(gate.admit(a).is_none());
        drop(tickets);
        assert!(gate.open.lock().unwrap().per_address.is_empty());
    }
}

//! Where a delivery came from, checked like its signature: whether its
//! caller's address is inside the ranges its provider publishes for its
//! deliveries (the verdict shown and recorded with each delivery), and
//! whether `--allow-from` lets it in at all.

use super::{Delivery, Source};
use crate::netlist::{self, NetList};

/// A caller's address against its provider's published ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Inside one of the ranges.
    Published,
    /// Inside none: not sent from the provider's machines (a test sent by
    /// the developer, or someone replaying or forging a delivery).
    Outside,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Published => "published",
            Origin::Outside => "outside",
        }
    }
}

/// Only a delivery that arrived over the network has a caller to judge: a
/// replay from the store or a `hooks check` request was made by hooks.
fn from_network(d: &Delivery) -> bool {
    matches!(d.source, Source::Local | Source::Relay)
}

/// The verdict for a delivery checked for `provider`; `None` when there is
/// nothing to say: no provider, one that publishes no ranges, a caller
/// address that is unknown or unreadable, or a delivery hooks made itself.
pub fn verdict(d: &Delivery, provider: Option<&str>) -> Option<Origin> {
    if !from_network(d) {
        return None;
    }
    let ranges = NetList::published(provider?)?;
    let ip = netlist::caller_ip(d.remote.as_deref()?)?;
    Some(if ranges.contains(ip) {
        Origin::Published
    } else {
        Origin::Outside
    })
}

/// Whether `--allow-from` lets a delivery in. A caller whose address is
/// unknown is not let in: a list that only some callers are checked
/// against would protect nothing. Deliveries hooks made itself (replays,
/// `hooks check`) have no caller and are always let in.
pub fn allowed(d: &Delivery, list: &NetList) -> bool {
    !from_network(d)
        || d.remote
            .as_deref()
            .and_then(netlist::caller_ip)
            .is_some_and(|ip| list.contains(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(source: Source, remote: Option<&str>) -> Delivery {
        Delivery {
            method: "POST".into(),
            path: "/".into(),
            headers: vec![],
            body: bytes::Bytes::new(),
            received_at: std::time::SystemTime::now(),
            source,
            remote: remote.map(str::to_string),
            forwarding: None,
            oversized: None,
        }
    }

    #[test]
    fn the_verdict_says_whether_the_caller_is_in_the_providers_ranges() {
        let from = |remote| delivery(Source::Local, remote);
        let workestra = Some("workestra");
        assert_eq!(
            verdict(&from(Some("203.0.113.9:443")), workestra),
            Some(Origin::Published)
        );
        assert_eq!(
            verdict(&from(Some("[::ffff:198.51.100.2]:443")), workestra),
            Some(Origin::Published),
            "an IPv4-mapped IPv6 caller is its IPv4 address"
        );
        assert_eq!(
            verdict(&from(Some("127.0.0.1:5000")), workestra),
            Some(Origin::Outside)
        );
        assert_eq!(
            verdict(&delivery(Source::Relay, Some("198.51.101.1")), workestra),
            Some(Origin::Outside)
        );
        // Nothing to say.
        assert_eq!(verdict(&from(None), workestra), None);
        assert_eq!(verdict(&from(Some("not an address")), workestra), None);
        assert_eq!(verdict(&from(Some("127.0.0.1:5000")), Some("github")), None);
        assert_eq!(verdict(&from(Some("127.0.0.1:5000")), None), None);
        assert_eq!(
            verdict(&delivery(Source::Replay, Some("127.0.0.1:5000")), workestra),
            None
        );
    }

    #[test]
    fn allow_from_lets_in_listed_callers_and_no_unknown_one() {
        let list = NetList::parse("10.0.0.0/8,::1").unwrap();
        let local = |remote| delivery(Source::Local, remote);
        assert!(allowed(&local(Some("10.2.3.4:80")), &list));
        assert!(allowed(&local(Some("[::1]:80")), &list));
        assert!(allowed(&local(Some("[::ffff:10.0.0.1]:80")), &list));
        assert!(!allowed(&local(Some("127.0.0.1:80")), &list));
        assert!(!allowed(&local(None), &list));
        assert!(!allowed(&local(Some("garbage")), &list));
        assert!(!allowed(&delivery(Source::Relay, None), &list));
        assert!(allowed(&delivery(Source::Replay, None), &list));
        assert!(allowed(&delivery(Source::Check, None), &list));
    }
}

//! Lists of networks given on the command line (`--trusted-proxies`,
//! `--allow-from`): `CIDR,CIDR,…`, a bare address meaning itself alone, and
//! a provider's name meaning the ranges it publishes for its deliveries
//! (see [`provider_ranges`]).

use ipnet::IpNet;
use std::fmt;
use std::net::IpAddr;

/// A parsed list of networks, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetList {
    nets: Vec<IpNet>,
    /// How the user wrote it, for messages.
    text: String,
}

/// The networks a provider publishes as the sources of its deliveries
/// (shared/design/PROVIDERS.md); `None` for a provider that publishes none.
pub fn provider_ranges(provider: &str) -> Option<&'static [&'static str]> {
    match provider {
        "workestra" => Some(&["203.0.113.0/24", "198.51.100.0/24"]),
        _ => None,
    }
}

impl NetList {
    /// The ranges `provider` publishes for its deliveries, as a list;
    /// `None` for a provider that publishes none.
    pub fn published(provider: &str) -> Option<NetList> {
        provider_ranges(provider)
            .map(|ranges| NetList::parse(&ranges.join(",")).expect("the static ranges parse"))
    }

    /// Parses `a,b,…` where each item is a CIDR (`10.0.0.0/8`, `::1/128`),
    /// a bare address, or a provider name with published ranges. The error
    /// says which item is wrong and what is accepted.
    pub fn parse(text: &str) -> Result<NetList, String> {
        let mut nets = Vec::new();
        for item in text.split(',').map(str::trim) {
            if item.is_empty() {
                continue;
            }
            if let Some(ranges) = provider_ranges(&item.to_ascii_lowercase()) {
                nets.extend(ranges.iter().map(|r| r.parse::<IpNet>().expect("static")));
                continue;
            }
            let net = match item.parse::<IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match item.parse::<IpAddr>() {
                    Ok(ip) => IpNet::from(ip),
                    Err(_) => {
                        return Err(format!(
                            "'{}' is not an address, a CIDR (e.g. 10.0.0.0/8, ::1/128) or a provider with published ranges (workestra)",
                            item.escape_debug()
                        ))
                    }
                },
            };
            nets.push(net);
        }
        if nets.is_empty() {
            return Err("the list is empty; give addresses or CIDRs separated by commas".into());
        }
        Ok(NetList {
            nets,
            text: text.to_string(),
        })
    }

    /// Parses the value of `given` (a flag, or a profile key), with a usage
    /// error (exit 2) that names it and the bad item, escaped: clap's own
    /// error would echo the value raw.
    pub fn from_flag(text: &str, given: &str) -> crate::Result<NetList> {
        NetList::parse(text).map_err(|e| {
            crate::Error::usage(format!("bad {given}: {e}")).with_hint(format!(
                "give addresses or CIDRs separated by commas, or a provider's name, e.g. {given} 10.0.0.0/8,workestra"
            ))
        })
    }

    /// Whether `ip` is in one of the networks. An IPv4-mapped IPv6 address
    /// (`::ffff:10.0.0.1`, what a dual-stack socket reports) is matched as
    /// the IPv4 address it carries.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|n| n.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }
}

/// The IP address of a caller as `Delivery.remote` holds it (`ip:port`,
/// `[v6]:port`, or a bare address), canonical (see [`canonical`]); `None`
/// when it is none of these, so that an address hooks cannot read is never
/// taken for one it could match.
pub fn caller_ip(remote: &str) -> Option<IpAddr> {
    remote
        .parse::<std::net::SocketAddr>()
        .map(|a| a.ip())
        .or_else(|_| remote.parse::<IpAddr>())
        .ok()
        .map(canonical)
}

/// `ip`, with an IPv4-mapped IPv6 address turned into its IPv4 address.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

impl fmt::Display for NetList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_cidrs_addresses_and_providers() {
        let list = NetList::parse("10.0.0.0/8, 192.168.1.7,::1,workestra").unwrap();
        assert!(list.contains(ip("10.200.3.4")));
        assert!(list.contains(ip("192.168.1.7")));
        assert!(!list.contains(ip("192.168.1.8")));
        assert!(list.contains(ip("::1")));
        assert!(list.contains(ip("203.0.113.9")));
        assert!(list.contains(ip("198.51.100.250")));
        assert!(!list.contains(ip("198.51.101.1")));
        assert!(list.contains(ip("::ffff:10.1.2.3")), "mapped IPv4");
        // Host bits set are accepted as the network they belong to.
        assert!(NetList::parse("10.1.2.3/8")
            .unwrap()
            .contains(ip("10.9.9.9")));
    }

    #[test]
    fn reads_the_callers_address_in_every_form_remote_takes() {
        assert_eq!(caller_ip("127.0.0.1:5000"), Some(ip("127.0.0.1")));
        assert_eq!(caller_ip("203.0.113.7"), Some(ip("203.0.113.7")));
        assert_eq!(caller_ip("[::1]:80"), Some(ip("::1")));
        assert_eq!(caller_ip("::1"), Some(ip("::1")));
        assert_eq!(caller_ip("[::ffff:10.1.2.3]:443"), Some(ip("10.1.2.3")));
        for unreadable in ["", "localhost:80", "10.0.0.1:x", "10.0.0.0/8"] {
            assert_eq!(caller_ip(unreadable), None, "{unreadable}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_network() {
        for bad in ["", " , ", "10.0.0.0/33", "example.com", "10.0.0", "stripe"] {
            let err = NetList::parse(bad).unwrap_err();
            assert!(!err.is_empty(), "{bad}");
        }
        let err = NetList::parse("10.0.0.0/8,\u{1b}[2J").unwrap_err();
        assert!(!err.contains('\u{1b}'), "escaped: {err}");
    }
}

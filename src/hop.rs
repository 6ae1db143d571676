//! The rules every hop follows, written once: the listener's forwarder
//! (`hooks listen --forward`), the relay's public side and the relay client
//! (`hooks relay connect`, `hooks listen --relay`) all use this module
//! (shared/design/INTERMEDIARY.md, RFC 9110 §7.6, RFC 9112 §3.2 and §6).
//!
//! - What a hop refuses in a request head ([`check_request`]).
//! - Which fields are the connection's own and never cross a hop
//!   ([`HopFields`]): the fixed list and every field `Connection` names.
//! - Framing is derived from the bytes a hop sends: `Content-Length` and
//!   `Transfer-Encoding` are never copied ([`is_framing`]); a far side's
//!   `Content-Length` is only a claim, checked against its bytes
//!   ([`declared_length`]).
//! - The request target passes byte for byte; under a path prefix, one that
//!   would climb above it is refused ([`climbs`]).
//! - Who sent a request: `X-Forwarded-For` keeps every line and gains the
//!   peer; the client is the rightmost address not in `--trusted-proxies`
//!   ([`Forwarding`]).

use crate::netlist::NetList;
use std::net::IpAddr;

/// A request a hop will not pass on: the status and why, for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub why: String,
}

impl Refusal {
    fn new(status: u16, why: impl Into<String>) -> Refusal {
        Refusal {
            status,
            why: why.into(),
        }
    }
}

/// What RFC 9112 has an intermediary refuse in a request head hyper has
/// parsed: no `Host` (HTTP/1.1) or more than one, or an invalid one (400,
/// §3.2); a transfer coding other than `chunked` (501, §6.1: hooks decodes
/// none, and passing the body on without its coding would change it);
/// `Content-Length` beside `Transfer-Encoding` (400, as nginx answers).
/// hyper itself refuses differing or malformed `Content-Length` lines and
/// a last coding that is not `chunked`.
pub fn check_request(version: http::Version, headers: &http::HeaderMap) -> Result<(), Refusal> {
    let mut hosts = headers.get_all(http::header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (None, _) if version >= http::Version::HTTP_11 => {
            return Err(Refusal::new(
                400,
                "the request has no Host header (RFC 9112 §3.2)",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(Refusal::new(
                400,
                "the request has more than one Host header (RFC 9112 §3.2)",
            ))
        }
        (Some(host), None) if !host.is_empty() && !valid_host(host.as_bytes()) => {
            return Err(Refusal::new(
                400,
                "the request's Host header is not a host[:port] (RFC 9112 §3.2)",
            ))
        }
        _ => {}
    }
    let mut codings = 0;
    for value in headers.get_all(http::header::TRANSFER_ENCODING) {
        for coding in value.as_bytes().split(|&b| b == b',') {
            let coding = coding.trim_ascii();
            if coding.is_empty() {
                continue;
            }
            codings += 1;
            if !coding.eq_ignore_ascii_case(b"chunked") || codings > 1 {
                return Err(Refusal::new(
                    501,
                    format!(
                        "the transfer coding '{}' is not supported; send the body with Content-Length or chunked alone",
                        String::from_utf8_lossy(coding).escape_debug()
                    ),
                ));
            }
        }
    }
    if codings > 0 && headers.contains_key(http::header::CONTENT_LENGTH) {
        return Err(Refusal::new(
            400,
            "the request has both Content-Length and Transfer-Encoding (RFC 9112 §6.1)",
        ));
    }
    Ok(())
}

/// Whether the connection closes after answering this request: one with
/// `Transfer-Encoding`. hyper reads a request that has both
/// `Transfer-Encoding: chunked` and `Content-Length` by its chunks alone and
/// hides the length from its caller, so [`check_request`] cannot always
/// refuse it; RFC 9112 §6.1 then asks that the connection be closed after
/// the answer, so that no bytes a front proxy framed differently are read
/// as a next request.
pub fn closes_after(headers: &http::HeaderMap) -> bool {
    headers.contains_key(http::header::TRANSFER_ENCODING)
}

/// Marks an answer so that hyper closes the connection after it.
pub fn close_after(headers: &mut http::HeaderMap) {
    headers.insert(
        http::header::CONNECTION,
        http::HeaderValue::from_static("close"),
    );
}

/// `host[:port]` as RFC 3986 allows in `Host`: a reg-name, an IPv4 address
/// or a bracketed IPv6 literal, and digits after the colon.
fn valid_host(host: &[u8]) -> bool {
    http::uri::Authority::try_from(host).is_ok_and(|a| !a.as_str().contains('@'))
}

/// The fields that belong to one connection and are dropped at every hop
/// (RFC 9110 §7.6.1): the fixed list, and every field the message's own
/// `Connection` lines name.
#[derive(Debug, Default)]
pub struct HopFields {
    /// Lowercased names listed in `Connection`.
    named: Vec<Vec<u8>>,
}

/// Always hop-by-hop, whatever `Connection` says.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

impl HopFields {
    /// Reads the `Connection` lines among `headers`.
    pub fn of<'a>(headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> HopFields {
        let mut named = Vec::new();
        for (name, value) in headers {
            if name.eq_ignore_ascii_case(b"connection") {
                for token in value.split(|&b| b == b',') {
                    let token = token.trim_ascii();
                    if !token.is_empty() {
                        named.push(token.to_ascii_lowercase());
                    }
                }
            }
        }
        HopFields { named }
    }

    /// Whether `name` stays on this hop: the fixed list, a field named in
    /// `Connection`, or framing ([`is_framing`]), which each hop derives.
    pub fn drops(&self, name: &[u8]) -> bool {
        is_hop_by_hop(name)
            || is_framing(name)
            || self.named.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

/// Whether `name` is in the fixed hop-by-hop list (RFC 9110 §7.6.1),
/// whatever `Connection` says.
pub fn is_hop_by_hop(name: &[u8]) -> bool {
    HOP_BY_HOP
        .iter()
        .any(|h| h.as_bytes().eq_ignore_ascii_case(name))
}

/// `Content-Length` or `Transfer-Encoding`: how a message's body is framed
/// on one connection, which the hop that sends it decides from the bytes
/// it sends, never copied from the other side (a copied length that is
/// not the body's would let the surplus be read as the next response).
pub fn is_framing(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"content-length") || name.eq_ignore_ascii_case(b"transfer-encoding")
}

/// The body length a far side's response head declares, checked: `Ok(None)`
/// when it declares none, an error for several differing values, a value
/// that is not digits, or `Transfer-Encoding` beside it (a broken response,
/// RFC 9112 §6.3). The caller compares it with the bytes that come.
pub fn declared_length<'a>(
    headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
) -> Result<Option<u64>, String> {
    let (mut length, mut chunked) = (None::<u64>, false);
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(b"transfer-encoding") {
            chunked = true;
        } else if name.eq_ignore_ascii_case(b"content-length") {
            for part in value.split(|&b| b == b',') {
                let part = part.trim_ascii();
                let n = std::str::from_utf8(part)
                    .ok()
                    .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|s| s.parse::<u64>().ok())
                    .ok_or("a Content-Length that is not a number")?;
                if length.is_some_and(|l| l != n) {
                    return Err("Content-Length lines that differ".into());
                }
                length = Some(n);
            }
        }
    }
    if chunked && length.is_some() {
        return Err("both Content-Length and Transfer-Encoding".into());
    }
    Ok(length)
}

/// Whether the part of a path that hooks puts under a `--forward` (or
/// `--path`) prefix could reach outside it: a `.` or `..` segment, in any
/// of its percent-encoded forms (`%2e`), or an encoded slash or a
/// backslash (`%2f`, `%5c`, `\`), which some frameworks read as a
/// separator. Such a target is refused, never sent.
pub fn climbs(path: &[u8]) -> bool {
    let path = match path.iter().position(|&b| b == b'?') {
        Some(i) => &path[..i],
        None => path,
    };
    let lower = path.to_ascii_lowercase();
    if lower.contains(&b'\\') || lower.windows(3).any(|w| w == b"%2f" || w == b"%5c") {
        return true;
    }
    lower.split(|&b| b == b'/').any(|segment| {
        let mut dots = 0;
        let mut rest = segment;
        while !rest.is_empty() {
            if rest[0] == b'.' {
                rest = &rest[1..];
            } else if rest.starts_with(b"%2e") {
                rest = &rest[3..];
            } else {
                return false;
            }
            dots += 1;
        }
        dots == 1 || dots == 2
    })
}

/// Who sent a request, as one hop sees it, and the forwarding fields it
/// passes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forwarding {
    /// The client: the rightmost address of the `X-Forwarded-For` chain
    /// (the peer last) that is not a trusted proxy; the leftmost when all
    /// are trusted. Without trusted proxies, the peer.
    pub client: IpAddr,
    /// Every `X-Forwarded-For` line joined, then the peer.
    pub forwarded_for: Vec<u8>,
    /// The scheme the caller used: a trusted peer's `X-Forwarded-Proto`,
    /// else this hop's own.
    pub proto: Vec<u8>,
    /// The host the caller used: a trusted peer's `X-Forwarded-Host`, else
    /// `Host`.
    pub host: Option<Vec<u8>>,
}

/// The forwarding fields, removed from a request by the hop that sets
/// them anew ([`Forwarding::of`]).
pub fn is_forwarding(name: &[u8]) -> bool {
    ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"]
        .iter()
        .any(|h| h.as_bytes().eq_ignore_ascii_case(name))
}

impl Forwarding {
    /// What a hop that accepted `headers` from `peer` over `scheme`
    /// (`http` or `https`) passes on.
    pub fn of<'a>(
        headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>,
        peer: IpAddr,
        trusted: Option<&NetList>,
        scheme: &str,
    ) -> Forwarding {
        let peer = crate::netlist::canonical(peer);
        let is_trusted = |ip: IpAddr| trusted.is_some_and(|t| t.contains(ip));
        let mut forwarded_for = Vec::new();
        let (mut proto, mut host, mut own_host) = (None, None, None);
        for (name, value) in headers {
            if name.eq_ignore_ascii_case(b"x-forwarded-for") {
                if !forwarded_for.is_empty() {
                    forwarded_for.extend_from_slice(b", ");
                }
                forwarded_for.extend_from_slice(value.trim_ascii());
            } else if name.eq_ignore_ascii_case(b"x-forwarded-proto") {
                proto.get_or_insert(value);
            } else if name.eq_ignore_ascii_case(b"x-forwarded-host") {
                host.get_or_insert(value);
            } else if name.eq_ignore_ascii_case(b"host") {
                own_host.get_or_insert(value);
            }
        }
        let mut client = peer;
        if is_trusted(peer) {
            for item in forwarded_for.rsplit(|&b| b == b',') {
                let Some(ip) = parse_ip(item.trim_ascii()) else {
                    // Not an address: nothing left of it can be trusted.
                    break;
                };
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
        }
        if !forwarded_for.is_empty() {
            forwarded_for.extend_from_slice(b", ");
        }
        forwarded_for.extend_from_slice(peer.to_string().as_bytes());
        let from_proxy = is_trusted(peer);
        Forwarding {
            client,
            forwarded_for,
            proto: proto
                .filter(|_| from_proxy)
                .map(|p| p.trim_ascii().to_vec())
                .unwrap_or_else(|| scheme.as_bytes().to_vec()),
            host: host
                .filter(|_| from_proxy)
                .or(own_host)
                .map(|h| h.trim_ascii().to_vec()),
        }
    }

    /// The three fields as a hop sends them.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
        [
            ("x-forwarded-for", Some(self.forwarded_for.as_slice())),
            ("x-forwarded-proto", Some(self.proto.as_slice())),
            ("x-forwarded-host", self.host.as_deref()),
        ]
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
    }
}

/// An address in `X-Forwarded-For`: `1.2.3.4`, `1.2.3.4:5`, `::1`,
/// `[::1]:5`.
pub fn parse_ip(text: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(text).ok()?;
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(crate::netlist::canonical(ip));
    }
    text.parse::<std::net::SocketAddr>()
        .ok()
        .map(|a| crate::netlist::canonical(a.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> http::HeaderMap {
        let mut m = http::HeaderMap::new();
        for (n, v) in pairs {
            m.append(
                http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        m
    }

    #[test]
    fn refuses_what_rfc_9112_refuses() {
        let v11 = http::Version::HTTP_11;
        let status =
            |pairs: &[(&str, &str)]| check_request(v11, &map(pairs)).err().map(|r| r.status);
        assert_eq!(status(&[("host", "a")]), None);
        assert_eq!(status(&[("host", "a:8080")]), None);
        assert_eq!(status(&[("host", "[::1]:8080")]), None);
        assert_eq!(status(&[("host", "")]), None, "empty Host is allowed");
        assert_eq!(status(&[]), Some(400));
        assert_eq!(check_request(http::Version::HTTP_10, &map(&[])), Ok(()));
        assert_eq!(status(&[("host", "a"), ("host", "b")]), Some(400));
        assert_eq!(status(&[("host", "a b")]), Some(400));
        assert_eq!(
            status(&[("host", "a"), ("transfer-encoding", "chunked")]),
            None
        );
        assert_eq!(
            status(&[("host", "a"), ("transfer-encoding", "gzip, chunked")]),
            Some(501)
        );
        assert_eq!(
            status(&[
                ("host", "a"),
                ("transfer-encoding", "chunked"),
                ("transfer-encoding", "chunked")
            ]),
            Some(501)
        );
        assert_eq!(
            status(&[
                ("host", "a"),
                ("transfer-encoding", "chunked"),
                ("content-length", "3")
            ]),
            Some(400)
        );
        let why = check_request(
            v11,
            &map(&[("host", "a"), ("transfer-encoding", "gzip, chunked")]),
        )
        .unwrap_err()
        .why;
        assert!(why.contains("'gzip'"), "{why}");
    }

    #[test]
    fn hop_fields_include_those_connection_names() {
        let headers = [
            (&b"Connection"[..], &b"close, X-Secret"[..]),
            (b"connection", b"keep-alive"),
        ];
        let hop = HopFields::of(headers);
        for name in [
            "connection",
            "x-secret",
            "X-SECRET",
            "keep-alive",
            "te",
            "upgrade",
            "content-length",
            "transfer-encoding",
            "proxy-authorization",
        ] {
            assert!(hop.drops(name.as_bytes()), "{name}");
        }
        for name in ["x-other", "host", "content-type", "x-hooks-signature"] {
            assert!(!hop.drops(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn declared_lengths_are_checked() {
        let one = |n: &str, v: &str| declared_length([(n.as_bytes(), v.as_bytes())]);
        assert_eq!(one("content-length", "72"), Ok(Some(72)));
        assert_eq!(one("x", "1"), Ok(None));
        assert!(one("content-length", "2, 3").is_err());
        assert_eq!(one("content-length", "2, 2"), Ok(Some(2)));
        assert!(one("content-length", "-1").is_err());
        assert!(one("content-length", "+1").is_err());
        assert!(declared_length([
            (&b"content-length"[..], &b"2"[..]),
            (b"transfer-encoding", b"chunked")
        ])
        .is_err());
    }

    #[test]
    fn targets_that_climb() {
        for bad in [
            "/..",
            "/../admin",
            "/x/../../admin",
            "/%2e%2e/admin",
            "/%2E%2e/a",
            "/.%2e/a",
            "/./a",
            "/a/.",
            "/a%2f..%2fb",
            "/a%2F",
            "/a\\..\\b",
            "/a%5cb",
            "/.?x",
        ] {
            assert!(climbs(bad.as_bytes()), "{bad}");
        }
        for good in [
            "/",
            "/a/b",
            "/a..b",
            "/...",
            "/a/.well-known",
            "/x?path=../../etc",
            "/%252e%252e/a",
            "",
        ] {
            assert!(!climbs(good.as_bytes()), "{good}");
        }
    }

    #[test]
    fn forwarding_appends_the_peer_and_trusts_only_the_configured() {
        let peer: IpAddr = "10.0.0.5".parse().unwrap();
        let headers = [
            (&b"host"[..], &b"relay.example"[..]),
            (b"x-forwarded-for", b"10.9.8.7"),
            (b"X-Forwarded-For", b"203.0.113.9, 10.0.0.4"),
            (b"x-forwarded-proto", b"https"),
            (b"x-forwarded-host", b"evil.example"),
        ];
        // Untrusted peer: forged values kept in the chain, not believed.
        let f = Forwarding::of(headers, peer, None, "http");
        assert_eq!(f.client, peer);
        assert_eq!(
            f.forwarded_for,
            b"10.9.8.7, 203.0.113.9, 10.0.0.4, 10.0.0.5"
        );
        assert_eq!(f.proto, b"http");
        assert_eq!(f.host.as_deref(), Some(&b"relay.example"[..]));
        // The peer and 10.0.0.4 are proxies: the client is 203.0.113.9.
        let trusted = NetList::parse("10.0.0.0/29").unwrap();
        let f = Forwarding::of(headers, peer, Some(&trusted), "http");
        assert_eq!(f.client, "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(f.proto, b"https");
        assert_eq!(f.host.as_deref(), Some(&b"evil.example"[..]));
        // Garbage in the chain stops the walk at the last trusted address.
        let junk = [(&b"x-forwarded-for"[..], &b"1.2.3.4, junk, 10.0.0.4"[..])];
        let f = Forwarding::of(junk, peer, Some(&trusted), "https");
        assert_eq!(f.client, "10.0.0.4".parse::<IpAddr>().unwrap());
        assert_eq!(f.host, None);
        // A mapped IPv4 peer is written and matched as IPv4.
        let mapped: IpAddr = "::ffff:10.0.0.5".parse().unwrap();
        let f = Forwarding::of([], mapped, Some(&trusted), "http");
        assert_eq!(f.forwarded_for, b"10.0.0.5");
    }
}

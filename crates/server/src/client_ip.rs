//! Who the client is, for the per-IP rate limit.
//!
//! The TCP peer, unless the peer is one of the trusted proxies (`serve
//! --trusted-proxy CIDR`). Then `X-Forwarded-For` is read right to left, as
//! each proxy appends the address it was reached from: the client is the
//! first address that is not itself a trusted proxy (or, when all are, the
//! left-most). What lies further left was written by the client or by
//! someone before it, and is never read. An absent header, or one malformed
//! where it is read (an entry that is not a bare IP address), leaves the peer.
//!
//! IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, as a dual-stack listener
//! sees IPv4 peers) count as the IPv4 address.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The request header proxies append the client's address to.
pub const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The client of a request from `peer` with these `headers`, given the
/// `trusted` proxies; see the module docs.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    forwarded(headers, is_trusted).unwrap_or(peer)
}

/// The right-most address of `X-Forwarded-For` (all its lines, in order)
/// that is not trusted, else its left-most; `None` when the header is
/// absent or an entry read is not an address.
fn forwarded(headers: &HeaderMap, is_trusted: impl Fn(&IpAddr) -> bool) -> Option<IpAddr> {
    let mut furthest = None;
    for line in headers.get_all(X_FORWARDED_FOR).iter().rev() {
        for entry in line.as_bytes().rsplit(|b| *b == b',') {
            let ip = std::str::from_utf8(entry)
                .ok()?
                .trim()
                .parse::<IpAddr>()
                .ok()?
                .to_canonical();
            if !is_trusted(&ip) {
                return Some(ip);
            }
            furthest = Some(ip);
        }
    }
    furthest
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    /// The client of a request from `peer` carrying these header lines,
    /// behind proxies in 10.0.0.0/8 and fd00::/8.
    fn client(peer: &str, lines: &[&[u8]]) -> IpAddr {
        let trusted = [
            "10.0.0.0/8".parse().expect("net"),
            "fd00::/8".parse().expect("net"),
        ];
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(
                X_FORWARDED_FOR,
                HeaderValue::from_bytes(line).expect("a header value"),
            );
        }
        client_ip(ip(peer), &headers, &trusted)
    }

    #[test]
    fn a_peer_that_is_not_trusted_is_the_client_whatever_it_sends() {
        assert_eq!(client("203.0.113.9", &[b"198.51.100.1"]), ip("203.0.113.9"));
        assert_eq!(client("203.0.113.9", &[]), ip("203.0.113.9"));
        assert_eq!(client("2001:db8::1", &[b"198.51.100.1"]), ip("2001:db8::1"));
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_address_is_the_client() {
        assert_eq!(client("10.0.0.1", &[b"198.51.100.1"]), ip("198.51.100.1"));
        // Through two proxies of ours.
        assert_eq!(
            client("10.0.0.1", &[b"198.51.100.1, 10.0.0.2"]),
            ip("198.51.100.1")
        );
        // Spoofed entries to the left of the client are never read.
        assert_eq!(
            client("10.0.0.1", &[b"1.2.3.4, 10.9.9.9, 198.51.100.1"]),
            ip("198.51.100.1")
        );
        assert_eq!(
            client("10.0.0.1", &[b"not an address, \xff\xfe,198.51.100.1"]),
            ip("198.51.100.1")
        );
        // Several lines are one list, in order.
        assert_eq!(
            client("10.0.0.1", &[b"1.2.3.4", b"198.51.100.1, 10.0.0.2"]),
            ip("198.51.100.1")
        );
        assert_eq!(
            client("10.0.0.1", &[b"198.51.100.1", b"10.0.0.2"]),
            ip("198.51.100.1")
        );
        // IPv6, and a proxy reached over IPv6.
        assert_eq!(
            client("fd00::1", &[b"2001:db8:1:2::7"]),
            ip("2001:db8:1:2::7")
        );
        // A chain of trusted proxies only: the furthest of them.
        assert_eq!(client("10.0.0.1", &[b"10.0.0.3, 10.0.0.2"]), ip("10.0.0.3"));
    }

    #[test]
    fn an_absent_or_malformed_header_leaves_the_peer() {
        for lines in [
            &[][..],
            &[b"".as_slice()],
            &[b"198.51.100.1, "],
            &[b"198.51.100.1:4711"],
            &[b"[2001:db8::7]"],
            &[b"198.51.100.1, unknown"],
            &[b"198.51.100.1, 10.0.0.2, \xff"],
            &[b"198.51.100.1", b""],
        ] {
            assert_eq!(client("10.0.0.1", lines), ip("10.0.0.1"), "{lines:?}");
        }
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4() {
        assert_eq!(client("::ffff:203.0.113.9", &[]), ip("203.0.113.9"));
        // A trusted proxy seen through a dual-stack listener.
        assert_eq!(
            client("::ffff:10.0.0.1", &[b"::ffff:198.51.100.1"]),
            ip("198.51.100.1")
        );
    }
}

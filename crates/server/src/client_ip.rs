//! Who the client is, for the per-IP rate limit and the request log.
//!
//! The TCP peer, unless the peer is one of the trusted proxies (`serve
//! --trusted-proxy CIDR`). Then `X-Forwarded-For` is read right to left, as
//! each proxy appends the address it was reached from: the client is the
//! first address that is not itself a trusted proxy (or, when all are, the
//! left-most). What lies further left was written by the client or by
//! someone before it, and is never read. An entry is an IP address, with or
//! without a port (`198.51.100.1:4711`, `[2001:db8::1]:443`, as some load
//! balancers write it). An absent header leaves the peer; so does one
//! malformed where it is read (an entry that is no address), with a warning
//! the first time, as that is a proxy to fix.
//!
//! IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, as a dual-stack listener
//! sees IPv4 peers) count as the IPv4 address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};
use ipnet::IpNet;

/// The request header proxies append the client's address to.
pub const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// Whether this process has warned of a malformed header yet.
static WARNED: AtomicBool = AtomicBool::new(false);

/// The client of a request from `peer` with these `headers`, given the
/// `trusted` proxies; see the module docs.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    client_ip_warning_once(peer, headers, trusted, &WARNED)
}

/// The client of a request with these `extensions` and `headers`: its
/// peer is the `ConnectInfo` the accept loop adds (without one, all
/// requests share the unspecified address).
pub fn of_request(extensions: &Extensions, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    client_ip(peer, headers, trusted)
}

/// [`client_ip`], warning of a malformed header unless `warned` is set,
/// and setting it.
fn client_ip_warning_once(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &[IpNet],
    warned: &AtomicBool,
) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    match forwarded(headers, is_trusted) {
        Ok(client) => client.unwrap_or(peer),
        Err(Malformed) => {
            if !warned.load(Ordering::Relaxed) && !warned.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    proxy = %peer,
                    "a trusted proxy sent an X-Forwarded-For that is not a list of \
                     IP addresses; its clients share its per-IP rate limit \
                     (warned once)"
                );
            }
            peer
        }
    }
}

/// An `X-Forwarded-For` entry read that is no address.
struct Malformed;

/// The right-most address of `X-Forwarded-For` (all its lines, in order)
/// that is not trusted, else its left-most; `None` when the header is
/// absent.
fn forwarded(
    headers: &HeaderMap,
    is_trusted: impl Fn(&IpAddr) -> bool,
) -> Result<Option<IpAddr>, Malformed> {
    let mut furthest = None;
    for line in headers.get_all(X_FORWARDED_FOR).iter().rev() {
        for entry in line.as_bytes().rsplit(|b| *b == b',') {
            let ip = address(entry).ok_or(Malformed)?;
            if !is_trusted(&ip) {
                return Ok(Some(ip));
            }
            furthest = Some(ip);
        }
    }
    Ok(furthest)
}

/// The address of an entry: an IP address, or one with a port, between
/// optional spaces.
fn address(entry: &[u8]) -> Option<IpAddr> {
    let entry = std::str::from_utf8(entry).ok()?.trim();
    let ip = entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()?;
    Some(ip.to_canonical())
}

#[cfg(test)]
mod fuzz;

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
            &[b"[2001:db8::7]"],
            &[b"2001:db8::7]:443"],
            &[b"198.51.100.1:99999"],
            &[b"198.51.100.1, unknown"],
            &[b"198.51.100.1, 10.0.0.2, \xff"],
            &[b"198.51.100.1", b""],
        ] {
            assert_eq!(client("10.0.0.1", lines), ip("10.0.0.1"), "{lines:?}");
        }
    }

    #[test]
    fn a_port_after_an_address_is_ignored() {
        assert_eq!(
            client("10.0.0.1", &[b"198.51.100.1:4711"]),
            ip("198.51.100.1")
        );
        assert_eq!(
            client("10.0.0.1", &[b"[2001:db8::7]:443"]),
            ip("2001:db8::7")
        );
        // Proxies with ports of their own are still proxies.
        assert_eq!(
            client(
                "10.0.0.1",
                &[b"198.51.100.1:4711, 10.0.0.2:80, [fd00::3]:443"]
            ),
            ip("198.51.100.1")
        );
        assert_eq!(
            client("10.0.0.1", &[b"[::ffff:198.51.100.1]:4711"]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_malformed_header_from_a_trusted_proxy_is_warned_of_once() {
        use std::sync::{Arc, Mutex};

        #[derive(Clone, Default)]
        struct Log(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Log {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().expect("log").extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }

        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let warned = AtomicBool::new(false);
        let trusted = ["10.0.0.0/8".parse().expect("net")];
        let send = |peer: &str, line: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(X_FORWARDED_FOR, HeaderValue::from_static(line));
            client_ip_warning_once(ip(peer), &headers, &trusted, &warned)
        };
        tracing::subscriber::with_default(subscriber, || {
            // Well-formed, or from a peer that is not trusted: no warning.
            assert_eq!(send("10.0.0.1", "198.51.100.1:4711"), ip("198.51.100.1"));
            assert_eq!(send("203.0.113.9", "secret-ish"), ip("203.0.113.9"));
            assert!(log.0.lock().expect("log").is_empty());
            assert_eq!(send("10.0.0.1", "secret-ish"), ip("10.0.0.1"));
            assert_eq!(send("10.0.0.2", "unknown"), ip("10.0.0.2"));
        });
        let text = String::from_utf8(log.0.lock().expect("log").clone()).expect("utf-8");
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("WARN") && text.contains("10.0.0.1"), "{text}");
        // What the header said is not logged.
        assert!(!text.contains("secret-ish"), "{text}");
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

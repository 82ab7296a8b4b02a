//! Fuzzing the reading of `X-Forwarded-For`: any peer, any trusted
//! networks, and header lines of addresses (trusted or not, IPv4-mapped,
//! with ports, between spaces) mixed with any bytes a header can carry.
//! The client is the peer when the peer is not trusted, else the right-most
//! entry that is not a trusted proxy, never one further left (a client
//! cannot pass for another by writing one in); a trusted proxy only when
//! every entry is one; the peer again when an entry read is no address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::http::{HeaderMap, HeaderValue};
use ipnet::IpNet;
use keyslot_fuzz::proptest::prelude::*;
use keyslot_fuzz::{check, header_value};

use super::{X_FORWARDED_FOR, client_ip};

/// The networks a case may trust; addresses are drawn mostly from them.
const NETS: &[&str] = &[
    "10.0.0.0/8",
    "192.0.2.0/24",
    "fd00::/8",
    "2001:db8::/32",
    "0.0.0.0/0",
];

fn address() -> BoxedStrategy<IpAddr> {
    let v4 = any::<u32>().prop_map(Ipv4Addr::from);
    prop_oneof![
        any::<[u8; 3]>().prop_map(|[a, b, c]| IpAddr::from([10, a, b, c])),
        any::<u8>().prop_map(|d| IpAddr::from([192, 0, 2, d])),
        any::<u128>().prop_map(|n| IpAddr::from(Ipv6Addr::from((0xfd << 120) | (n >> 8)))),
        any::<u128>().prop_map(|n| IpAddr::from(Ipv6Addr::from((0x2001_0db8 << 96) | (n >> 32)))),
        v4.clone().prop_map(IpAddr::from),
        v4.prop_map(|ip| IpAddr::from(ip.to_ipv6_mapped())),
        any::<u128>().prop_map(|n| IpAddr::from(Ipv6Addr::from(n))),
    ]
    .boxed()
}

/// One entry as written: an address (with a port now and then, spaces
/// around), else anything a header value can hold (commas included).
fn entry() -> BoxedStrategy<Vec<u8>> {
    let written = (
        address(),
        prop::option::of(any::<u16>()),
        " {0,2}",
        " {0,2}",
    )
        .prop_map(|(ip, port, before, after)| {
            let ip = match port {
                Some(port) => SocketAddr::new(ip, port).to_string(),
                None => ip.to_string(),
            };
            format!("{before}{ip}{after}").into_bytes()
        });
    prop_oneof![
        8 => written,
        1 => header_value(),
        1 => prop::sample::select(&["", "unknown", "[2001:db8::1]", "1.2.3.4:"][..])
            .prop_map(|s| s.as_bytes().to_vec()),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct Case {
    peer: IpAddr,
    trusted: Vec<IpNet>,
    /// The header's lines, each a list of entries.
    lines: Vec<Vec<Vec<u8>>>,
}

fn cases() -> impl Strategy<Value = Case> {
    let nets: Vec<IpNet> = NETS.iter().map(|n| n.parse().expect("net")).collect();
    let lines = prop::collection::vec(prop::collection::vec(entry(), 1..5), 0..4);
    (
        address(),
        prop::sample::subsequence(nets, 0..=NETS.len()),
        lines,
    )
        .prop_map(|(peer, trusted, lines)| Case {
            peer,
            trusted,
            lines,
        })
}

/// An entry's address, as the docs define it: an IP address, or a socket
/// address (the port is dropped), between spaces; IPv4-mapped is IPv4.
fn spec_address(entry: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(entry).ok()?.trim();
    let ip = match text.parse::<SocketAddr>() {
        Ok(socket) => socket.ip(),
        Err(_) => text.parse::<IpAddr>().ok()?,
    };
    Some(ip.to_canonical())
}

#[test]
fn fuzz_client_ip() {
    check(cases(), |case| {
        let mut headers = HeaderMap::new();
        for line in &case.lines {
            let value = HeaderValue::from_bytes(&line.join(&b","[..])).expect("a header value");
            headers.append(X_FORWARDED_FOR, value);
        }
        let client = client_ip(case.peer, &headers, &case.trusted);

        let peer = case.peer.to_canonical();
        let is_trusted = |ip: &IpAddr| case.trusted.iter().any(|net| net.contains(ip));
        // Every entry of every line, in order, as the header lists them.
        let entries: Vec<Option<IpAddr>> = case
            .lines
            .iter()
            .map(|line| line.join(&b","[..]))
            .flat_map(|line| {
                line.split(|b| *b == b',')
                    .map(spec_address)
                    .collect::<Vec<_>>()
            })
            .collect();
        let proxy = |entry: &Option<IpAddr>| entry.as_ref().is_some_and(is_trusted);

        if !is_trusted(&peer) {
            prop_assert_eq!(client, peer, "an untrusted peer is the client");
            return Ok(());
        }
        prop_assert!(
            client == peer || entries.contains(&Some(client)),
            "the client is the peer or an address of the header"
        );
        if client != peer && is_trusted(&client) {
            prop_assert!(
                entries.iter().all(proxy),
                "a trusted proxy is the client only when every entry is one"
            );
        }
        // The right-most entry that is not a proxy's decides.
        let expected = match entries.iter().rposition(|e| !proxy(e)) {
            Some(at) => entries[at].unwrap_or(peer),
            None => entries.first().copied().flatten().unwrap_or(peer),
        };
        prop_assert_eq!(client, expected, "the right-most entry not a proxy's");
        Ok(())
    });
}

//! The client's address, as recorded in the Activity Log and used for limits, and
//! whether its request arrived over HTTPS.
//!
//! Forwarding headers are believed only from configured proxies. The client is the
//! right-most address of the chain that is not a trusted proxy: everything to its left
//! was written by the client itself and may be anything.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;
use ipnet::IpNet;

/// The client's address as the configured proxies report it.
pub fn client_addr(req: &HttpRequest, trusted: &[IpNet]) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    match peer {
        Some(peer) => client_ip(peer, req.headers(), trusted).to_string(),
        None => "unknown".to_string(),
    }
}

/// The key limits and sign-in throttling count a client under: its IPv4 address, or
/// the /64 network of its IPv6 address (one subscriber gets a whole /64 and could
/// otherwise take a fresh address per request). The Activity Log keeps the full one.
pub fn limit_key(addr: &str) -> String {
    match addr.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => addr.to_string(),
    }
}

/// The browser's own description of itself (shown with its session on My Account).
pub fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Whether the request reached Sellerdesk over HTTPS: directly, or through a trusted
/// proxy that says so.
pub fn is_https(req: &HttpRequest, trusted: &[IpNet]) -> bool {
    if req.uri().scheme_str() == Some("https") || req.app_config().secure() {
        return true;
    }
    let from_proxy = req.peer_addr().is_some_and(|a| is_trusted(a.ip(), trusted));
    from_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    let ip = ip.to_canonical();
    trusted.iter().any(|net| net.contains(&ip))
}

/// Walks `X-Forwarded-For` from the right while each hop is a trusted proxy.
fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let mut client = peer.to_canonical();
    if !is_trusted(client, trusted) {
        return client;
    }
    let hops = headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    for hop in hops.into_iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            // A hop that is no address: nothing further left can be believed.
            break;
        };
        client = ip.to_canonical();
        if !is_trusted(client, trusted) {
            break;
        }
    }
    client
}

/// An address as proxies write it: bare, with a port, or bracketed IPv6.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, _port) = hop.rsplit_once(':')?;
    host.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in xff {
            map.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        let peer: IpAddr = "10.0.0.5".parse().unwrap();
        // The client wrote "6.6.6.6" itself; the proxy appended what it saw.
        let got = client_ip(peer, &headers(&["6.6.6.6, 203.0.113.9"]), &trusted);
        assert_eq!(got.to_string(), "203.0.113.9");
        // Two proxies in a row are both skipped.
        let got = client_ip(
            peer,
            &headers(&["6.6.6.6", "203.0.113.9, 10.0.0.7"]),
            &trusted,
        );
        assert_eq!(got.to_string(), "203.0.113.9");
    }

    #[test]
    fn forwarding_headers_from_anyone_else_are_ignored() {
        let trusted = nets(&["10.0.0.0/8"]);
        let peer: IpAddr = "198.51.100.1".parse().unwrap();
        let got = client_ip(peer, &headers(&["6.6.6.6"]), &trusted);
        assert_eq!(got.to_string(), "198.51.100.1");
        assert_eq!(
            client_ip(peer, &headers(&["6.6.6.6"]), &[]).to_string(),
            "198.51.100.1"
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_network() {
        assert_eq!(limit_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(limit_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(limit_key("203.0.113.9"), "203.0.113.9");
        assert_eq!(limit_key("unknown"), "unknown");
    }

    #[test]
    fn hops_with_ports_and_garbage() {
        assert_eq!(parse_hop("[::1]:5555").unwrap().to_string(), "::1");
        assert_eq!(parse_hop("192.0.2.1:80").unwrap().to_string(), "192.0.2.1");
        assert_eq!(parse_hop("::1").unwrap().to_string(), "::1");
        assert!(parse_hop("unknown").is_none());
        let trusted = nets(&["127.0.0.1/32"]);
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        // An unparsable hop stops the walk at the last trusted one.
        assert_eq!(
            client_ip(peer, &headers(&["junk"]), &trusted).to_string(),
            "127.0.0.1"
        );
    }
}

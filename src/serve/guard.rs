//! Who may talk to the preview server. A page on another site can make a reader's browser
//! open a WebSocket to `127.0.0.1`, and a domain re-pointed at `127.0.0.1` (DNS rebinding)
//! can read the preview, drafts included. So requests must name this server in `Host` (a
//! loopback name or the `--interface` address, with its port), and WebSocket upgrades from a
//! browser must come from one of its own pages (`Origin`).

use std::net::{IpAddr, SocketAddr};

/// The names this server answers to.
#[derive(Debug, Clone)]
pub struct Guard {
    port: u16,
    names: Vec<String>,
    /// Listening on every interface (`0.0.0.0`, `::`): any address of this machine is its own.
    any_address: bool,
}

impl Guard {
    /// The guard for a server listening at `address`.
    pub fn new(address: SocketAddr) -> Guard {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .map(String::from)
            .to_vec();
        names.push(host_name(address.ip()));
        Guard {
            port: address.port(),
            names,
            any_address: address.ip().is_unspecified(),
        }
    }

    /// Whether a `Host` header (`127.0.0.1:1111`) names this server.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
            _ => (host.as_str(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let is_address = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok();
        self.names.iter().any(|n| n == name) || (self.any_address && is_address)
    }

    /// Whether an `Origin` header (`http://127.0.0.1:1111`) is one of this server's pages.
    pub fn allows_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| !host.contains('/') && self.allows_host(host))
    }
}

/// An address as it is written in a `Host` header (IPv6 in brackets).
fn host_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_the_interface_with_the_port() {
        let guard = Guard::new("192.168.1.5:1111".parse().unwrap());
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
            "192.168.1.5:1111",
        ] {
            assert!(guard.allows_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost.evil.example:1111",
            "10.0.0.1:1111",
            "",
        ] {
            assert!(!guard.allows_host(bad), "{bad}");
        }
        assert!(guard.allows_origin("http://localhost:1111"));
        for bad in [
            "https://evil.example",
            "null",
            "http://evil.example:1111",
            "http://127.0.0.1:1111/x",
        ] {
            assert!(!guard.allows_origin(bad), "{bad}");
        }
    }

    #[test]
    fn every_address_when_listening_on_all() {
        let guard = Guard::new("0.0.0.0:8000".parse().unwrap());
        assert!(guard.allows_host("10.0.0.7:8000"));
        assert!(guard.allows_host("[fe80::1]:8000"));
        assert!(!guard.allows_host("rebound.evil.example:8000"));
        let port_80 = Guard::new("127.0.0.1:80".parse().unwrap());
        assert!(port_80.allows_host("localhost"));
    }
}

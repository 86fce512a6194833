//! `briefgen check --external`: whether the addresses a site links to still answer — every
//! briefing's `source` url and the http(s) links and images of its body.
//!
//! Each address is asked once per run, however many briefings link to it ([`collect`]);
//! addresses found alive recently are not asked again ([`cache`]); the rest are asked by a pool
//! of threads that keeps at most a few requests at once in flight to any one host, so that a
//! site with thousands of links to one outlet does not hammer it ([`probe`] for how one
//! address is asked). Broken links are reported at every place they are written.

pub mod cache;
pub mod collect;
pub mod probe;

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::content::model::Briefing;
use crate::error::Diagnostic;
use cache::Cache;
use probe::{ProbeOptions, Verdict};

/// How external links are checked.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// How each address is asked.
    pub probe: ProbeOptions,
    /// Requests in flight at once to one host (host and port), at most.
    pub per_host: usize,
    /// Requests in flight at once in all.
    pub jobs: usize,
    /// How long an address found alive is not asked again; zero asks every address.
    pub max_age: Duration,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            probe: ProbeOptions::default(),
            per_host: 4,
            jobs: 32,
            max_age: Duration::from_secs(7 * 86_400),
        }
    }
}

/// What a check of external links found.
#[derive(Debug, Clone, Default)]
pub struct LinkReport {
    /// Links written in the briefings.
    pub links: usize,
    /// Distinct addresses among them.
    pub addresses: usize,
    /// Addresses asked (the others were fresh in the cache).
    pub asked: usize,
    /// Addresses found broken.
    pub broken_addresses: usize,
    /// One per place a broken address is written.
    pub broken: Vec<Diagnostic>,
    /// The cache could not be read or written (the check still counts): warnings on its file.
    pub cache_warnings: Vec<Diagnostic>,
    /// How long it took.
    pub elapsed: Duration,
}

impl LinkReport {
    /// One line about it: `External links: 3 broken of 120 addresses in 150 links (100 from
    /// the cache, 20 asked) in 1.20 s`.
    pub fn summary(&self) -> String {
        format!(
            "External links: {} broken of {} addresses in {} links ({} from the cache, {} asked) in {:.2} s",
            self.broken_addresses,
            self.addresses,
            self.links,
            self.addresses - self.asked,
            self.asked,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Checks the external links of `briefings` (of the site at `root`).
pub fn check(root: &Path, briefings: &[Arc<Briefing>], options: &LinkOptions) -> LinkReport {
    let started = Instant::now();
    let links = collect::links(root, briefings);
    let mut places: HashMap<&str, Vec<&collect::Link>> = HashMap::new();
    let mut addresses: Vec<&str> = Vec::new();
    for link in &links {
        let entry = places.entry(link.url.as_str()).or_default();
        if entry.is_empty() {
            addresses.push(link.url.as_str());
        }
        entry.push(link);
    }
    let cache_file = Path::new(crate::source::layout::CACHE_DIR).join(cache::CACHE_FILE);
    let (mut cache, unread) = Cache::load(root);
    let mut cache_warnings: Vec<Diagnostic> = unread
        .into_iter()
        .map(|why| Diagnostic::new(&cache_file, format!("the link cache was not used: {why}")))
        .collect();
    let now = jiff::Timestamp::now().as_second();
    let to_ask: Vec<&str> = addresses
        .iter()
        .copied()
        .filter(|url| !cache.is_fresh(url, now, options.max_age))
        .collect();
    let verdicts = ask_all(&to_ask, options);
    let mut broken = Vec::new();
    let mut broken_addresses = 0;
    for (url, verdict) in to_ask.iter().zip(verdicts) {
        match verdict {
            Verdict::Alive(status) => cache.alive(url, status, now),
            Verdict::Broken(why) => {
                cache.broken(url);
                broken_addresses += 1;
                for link in places.get(url).into_iter().flatten() {
                    broken.push(broken_link(link, &why));
                }
            }
        }
    }
    crate::source::parse::sort_diagnostics(&mut broken);
    if let Err(e) = cache.save(root, now, options.max_age) {
        cache_warnings.push(Diagnostic::new(
            &cache_file,
            format!("the link cache was not written: {e}"),
        ));
    }
    LinkReport {
        links: links.len(),
        addresses: addresses.len(),
        asked: to_ask.len(),
        broken_addresses,
        broken,
        cache_warnings,
        elapsed: started.elapsed(),
    }
}

fn broken_link(link: &collect::Link, why: &str) -> Diagnostic {
    let what = if link.is_source {
        "source url"
    } else {
        "link to"
    };
    Diagnostic::at(
        &link.file,
        link.line,
        link.column,
        format!("{what} `{}` is broken: {why}", link.url),
    )
    .with_hint(format!(
        "update it, or point it at an archived copy (https://web.archive.org/web/{})",
        link.url
    ))
}

/// The addresses waiting to be asked, by host, and how many requests each host has in flight.
struct Queues {
    hosts: Vec<(VecDeque<usize>, usize)>,
    waiting: usize,
    /// Where the next search for a host with room starts, so that hosts take turns.
    turn: usize,
}

impl Queues {
    /// The next address (its host and index) whose host has room, if one has.
    fn take(&mut self, per_host: usize) -> Option<(usize, usize)> {
        let n = self.hosts.len();
        for step in 0..n {
            let host = (self.turn + step) % n;
            let (queue, in_flight) = &mut self.hosts[host];
            if *in_flight < per_host
                && let Some(index) = queue.pop_front()
            {
                *in_flight += 1;
                self.waiting -= 1;
                self.turn = (host + 1) % n;
                return Some((host, index));
            }
        }
        None
    }
}

/// Which server each address is on, numbered from 0 in the order they are first met: one per
/// host and port, except that a host named by its IP address and a host name that resolves to
/// it are one server (`127.0.0.1` and `localhost`), so that the per-host limit holds however a
/// site spells its hosts. Names are looked up only when the site links to an IP address, and
/// two names that share an address stay apart (sites behind one CDN are not one server).
fn servers(urls: &[&str]) -> Vec<usize> {
    use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
    let host_port = |url: &str| {
        url::Url::parse(url).ok().map(|u| {
            let host = u.host_str().unwrap_or("").trim_matches(['[', ']']);
            (host.to_string(), u.port_or_known_default().unwrap_or(0))
        })
    };
    let named: Vec<Option<(String, u16)>> = urls.iter().map(|u| host_port(u)).collect();
    let literal = |(host, port): &(String, u16)| {
        host.parse::<IpAddr>()
            .ok()
            .map(|ip| SocketAddr::new(ip, *port))
    };
    let literals: std::collections::HashSet<SocketAddr> =
        named.iter().flatten().filter_map(literal).collect();
    // The IP address a host stands for, where the site also links to that address.
    let mut stands_for: HashMap<&(String, u16), Option<SocketAddr>> = HashMap::new();
    let mut servers: HashMap<String, usize> = HashMap::new();
    named
        .iter()
        .map(|name| {
            let key = match name {
                None => String::new(),
                Some(name) => {
                    let address = *stands_for.entry(name).or_insert_with(|| {
                        literal(name).or_else(|| {
                            if literals.is_empty() {
                                return None;
                            }
                            (name.0.as_str(), name.1)
                                .to_socket_addrs()
                                .ok()?
                                .find(|a| literals.contains(a))
                        })
                    });
                    address.map_or_else(|| format!("{}:{}", name.0, name.1), |a| a.to_string())
                }
            };
            let next = servers.len();
            *servers.entry(key).or_insert(next)
        })
        .collect()
}

/// Asks every address, at most `per_host` at once per host and `jobs` in all; the verdicts in
/// the addresses' order.
fn ask_all(urls: &[&str], options: &LinkOptions) -> Vec<Verdict> {
    let servers = servers(urls);
    let mut hosts: Vec<(VecDeque<usize>, usize)> = Vec::new();
    for (index, &server) in servers.iter().enumerate() {
        if server == hosts.len() {
            hosts.push((VecDeque::new(), 0));
        }
        hosts[server].0.push_back(index);
    }
    let per_host = options.per_host.max(1);
    let queues = Mutex::new(Queues {
        hosts,
        waiting: urls.len(),
        turn: 0,
    });
    let room = Condvar::new();
    let agent = probe::agent(&options.probe);
    let workers = options.jobs.max(1).min(urls.len());
    // The next address whose host has room, waiting while every host with addresses left is
    // full; `None` when none is left.
    let next = || {
        let mut queues = queues.lock().ok()?;
        loop {
            if queues.waiting == 0 {
                return None;
            }
            if let Some(next) = queues.take(per_host) {
                return Some(next);
            }
            queues = room.wait(queues).ok()?;
        }
    };
    let mut verdicts: Vec<Option<Verdict>> = vec![None; urls.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut asked = Vec::new();
                    while let Some((host, index)) = next() {
                        asked.push((index, probe::probe(&agent, urls[index], &options.probe)));
                        if let Ok(mut queues) = queues.lock() {
                            queues.hosts[host].1 -= 1;
                        }
                        room.notify_all();
                    }
                    asked
                })
            })
            .collect();
        for (index, verdict) in handles.into_iter().filter_map(|h| h.join().ok()).flatten() {
            verdicts[index] = Some(verdict);
        }
    });
    verdicts
        .into_iter()
        .map(|v| v.unwrap_or_else(|| Verdict::Broken("not checked".to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_and_its_address_are_one_server_and_ports_apart() {
        let urls = [
            "http://127.0.0.1:8000/a",
            "http://localhost:8000/b",
            "http://127.0.0.1:9000/c",
            "http://localhost:8000/d",
            "not an address",
        ];
        assert_eq!(servers(&urls), [0, 0, 1, 0, 2]);
        // Without an address among them, names are not looked up: each is its own server.
        assert_eq!(
            servers(&["http://localhost:8000/", "http://localhost:8001/"]),
            [0, 1]
        );
    }
}

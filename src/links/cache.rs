//! The link checker's results, kept between runs in `.briefgen/links.json` so that a daily CI
//! run only asks about new addresses and those last found alive more than `max_age` ago.
//! Only addresses found alive are kept: a broken one is asked about again on every run, so a
//! fixed link, or a server that was down for a moment, clears at once. The file is only a
//! cache: one that cannot be read is started afresh (and the curator told so, once), and it is
//! written whole, then renamed.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::source::layout::CACHE_DIR;

/// The cache file, in the site's cache folder.
pub const CACHE_FILE: &str = "links.json";

/// The format this version writes; another is started afresh.
const VERSION: u32 = 1;

/// Addresses found alive, and when.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    links: BTreeMap<String, Entry>,
    /// Whether it differs from the file it was read from.
    #[serde(skip)]
    changed: bool,
}

/// One address's last check.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Entry {
    /// When, in seconds since 1970 (UTC).
    checked: i64,
    /// The status it answered with.
    status: u16,
}

/// Where a site's cache is.
pub fn path(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join(CACHE_FILE)
}

impl Cache {
    /// The site's cache; empty if there is none, or if it cannot be read — then with why, for
    /// the curator to hear once (the check goes on, asking every address).
    pub fn load(root: &Path) -> (Cache, Option<String>) {
        let bytes = match std::fs::read(path(root)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Cache::default(), None),
            Err(e) => return (Cache::default(), Some(format!("it could not be read: {e}"))),
        };
        match serde_json::from_slice::<Cache>(&bytes) {
            Ok(cache) if cache.version == VERSION => (cache, None),
            Ok(cache) => (
                Cache::default(),
                Some(format!(
                    "it is of format {}, not {VERSION}, so it was started afresh",
                    cache.version
                )),
            ),
            Err(e) => (
                Cache::default(),
                Some(format!("it is damaged ({e}), so it was started afresh")),
            ),
        }
    }

    /// Whether `url` was found alive within `max_age` of `now` (seconds since 1970).
    pub fn is_fresh(&self, url: &str, now: i64, max_age: Duration) -> bool {
        self.links
            .get(url)
            .is_some_and(|entry| is_within(entry.checked, now, max_age))
    }

    /// Records `url` found alive with `status` at `now`.
    pub fn alive(&mut self, url: &str, status: u16, now: i64) {
        self.changed = true;
        self.links.insert(
            url.to_string(),
            Entry {
                checked: now,
                status,
            },
        );
    }

    /// Forgets `url` (found broken).
    pub fn broken(&mut self, url: &str) {
        self.changed |= self.links.remove(url).is_some();
    }

    /// Writes the cache into the site, leaving out entries older than `max_age` — unless it
    /// is as it was read.
    pub fn save(mut self, root: &Path, now: i64, max_age: Duration) -> std::io::Result<()> {
        let before = self.links.len();
        self.links
            .retain(|_, entry| is_within(entry.checked, now, max_age));
        if !self.changed && self.links.len() == before && self.version == VERSION {
            return Ok(());
        }
        self.version = VERSION;
        let file = path(root);
        let dir = file.parent().unwrap_or(root);
        std::fs::create_dir_all(dir)?;
        let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
        // One write: serde_json writes piecemeal, a system call a value on a bare file.
        temporary.write_all(&serde_json::to_vec_pretty(&self)?)?;
        temporary.persist(&file).map_err(|e| e.error)?;
        Ok(())
    }
}

fn is_within(checked: i64, now: i64, max_age: Duration) -> bool {
    let age = now.saturating_sub(checked);
    (0..i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX)).contains(&age)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_entries_are_kept_and_old_ones_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let day = Duration::from_secs(86_400);
        let (mut cache, problem) = Cache::load(dir.path());
        assert_eq!(problem, None);
        assert!(!cache.is_fresh("https://a.example/", 1_000_000, day));
        cache.alive("https://a.example/", 200, 1_000_000);
        cache.alive("https://b.example/", 200, 1_000_000 - 2 * 86_400);
        assert!(cache.is_fresh("https://a.example/", 1_000_000 + 3600, day));
        assert!(!cache.is_fresh("https://b.example/", 1_000_000, day));
        cache.save(dir.path(), 1_000_000, day).unwrap();
        // Saved without the old entry, which no longer counts even with a longer age.
        let (again, problem) = Cache::load(dir.path());
        assert_eq!(problem, None);
        assert!(again.is_fresh("https://a.example/", 1_000_000, day));
        assert!(!again.is_fresh("https://b.example/", 1_000_000, 30 * day));
        std::fs::write(path(dir.path()), "{ not json").unwrap();
        let (damaged, problem) = Cache::load(dir.path());
        assert!(!damaged.is_fresh("https://a.example/", 1_000_000, day));
        assert!(problem.unwrap().starts_with("it is damaged"));
    }
}

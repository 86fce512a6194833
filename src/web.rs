//! The HTTP client of the commands that reach the web (`import URL`, `check --external`), set
//! up in one place: a whole-request timeout, a bounded number of redirects, statuses given back
//! rather than turned into errors (each command words them itself), and a user agent naming
//! briefgen and what it is doing.

use std::time::Duration;

/// A client whose requests each take at most `timeout`, redirects included, following at most
/// `max_redirects`; `purpose` goes in its user agent (`briefgen/0.1.0 (import)`).
pub fn agent(timeout: Duration, max_redirects: u32, purpose: &str) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(max_redirects)
        .http_status_as_error(false)
        .user_agent(format!(
            "briefgen/{} ({purpose})",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .into()
}

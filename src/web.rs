//! The HTTP client of the commands that reach the web (`import URL`, `check --external`), set
//! up in one place: a whole-request timeout, statuses given back rather than turned into
//! errors (each command words them itself), and a user agent naming briefgen and what it is
//! doing.
//!
//! Redirects are followed here, not by the client, so that every hop is checked as the first
//! address was: only http and https (a `Location: file:///etc/passwd` is refused, where the
//! client would ask for it as a path on the same host), no user name or password carried into
//! the address a command reports, and the one timeout kept across all hops. A request that
//! fails on a connection the client kept open from an earlier answer (the server closed it
//! without saying `Connection: close`) is asked once more on a fresh connection.

use std::time::{Duration, Instant};

use ureq::http::{Method, Response};
use ureq::{Agent, Body};

/// A client whose requests each take at most `timeout`; `purpose` goes in its user agent
/// (`briefgen/0.1.0 (import)`). It follows no redirect itself: [`ask`] does.
pub fn agent(timeout: Duration, purpose: &str) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(format!(
            "briefgen/{} ({purpose})",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .into()
}

/// Why an address gave no answer.
#[derive(Debug)]
pub enum Failure {
    /// It redirected more than the number of times allowed.
    TooManyRedirects(u32),
    /// It redirected to an address that is not http or https (or not an address at all).
    NotWeb(String),
    /// The request itself failed.
    Request(ureq::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::TooManyRedirects(n) => write!(f, "more than {n} redirects"),
            Failure::NotWeb(to) => {
                write!(
                    f,
                    "redirected to `{to}`, which is not an http or https address"
                )
            }
            Failure::Request(e) => write!(f, "{e}"),
        }
    }
}

/// An answer: the response, and the address it came from after redirects (without a user
/// name or password).
pub struct Answer {
    pub response: Response<Body>,
    pub url: url::Url,
}

/// Asks `address` with `method` (HEAD or GET), following at most `max_redirects` redirects,
/// all within the agent's timeout; `accept` is the `Accept` header, if any.
pub fn ask(
    agent: &Agent,
    method: &Method,
    address: &url::Url,
    max_redirects: u32,
    accept: Option<&str>,
) -> Result<Answer, Failure> {
    let timeout = agent.config().timeouts().global;
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut url = without_credentials(address.clone());
    let mut redirects = 0;
    loop {
        let response = once(agent, method, &url, deadline, accept)?;
        let location = response
            .status()
            .is_redirection()
            .then(|| response.headers().get("location"))
            .flatten()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let Some(location) = location else {
            return Ok(Answer { response, url });
        };
        if redirects == max_redirects {
            return Err(Failure::TooManyRedirects(max_redirects));
        }
        redirects += 1;
        url = match url.join(location.trim()) {
            Ok(next) if matches!(next.scheme(), "http" | "https") => without_credentials(next),
            _ => return Err(Failure::NotWeb(location)),
        };
    }
}

/// One request, asked again on a fresh connection when a kept one turns out closed.
fn once(
    agent: &Agent,
    method: &Method,
    url: &url::Url,
    deadline: Option<Instant>,
    accept: Option<&str>,
) -> Result<Response<Body>, Failure> {
    let send = |agent: &Agent| {
        let mut request = ureq::http::Request::builder()
            .method(method.clone())
            .uri(url.as_str());
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        let request = request
            .body(())
            .map_err(|e| Failure::Request(ureq::Error::Http(e)))?;
        let mut request = agent.configure_request(request);
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Failure::Request(ureq::Error::Timeout(
                    ureq::Timeout::Global,
                )));
            }
            request = request.timeout_global(Some(left));
        }
        agent.run(request.build()).map_err(Failure::Request)
    };
    match send(agent) {
        Err(Failure::Request(ureq::Error::Io(e))) if closed_under_us(&e) => {
            // A new agent has no kept connections.
            send(&Agent::new_with_config(agent.config().clone()))
        }
        other => other,
    }
}

/// Whether an error is a connection closed by the server before it answered: what a kept
/// connection gives when the server has closed it since.
fn closed_under_us(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof};
    matches!(
        error.kind(),
        ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
    )
}

/// The address without a user name or password.
pub fn without_credentials(mut url: url::Url) -> url::Url {
    // Both fail only for addresses that cannot have them (no host), which have none.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_dropped() {
        let url = url::Url::parse("https://user:secret@example.org/a?b#c").unwrap();
        assert_eq!(
            without_credentials(url).as_str(),
            "https://example.org/a?b#c"
        );
    }
}

//! Asks a server whether an address still answers: HEAD first (no body sent), GET when HEAD is
//! refused or fails (many servers answer HEAD with 403, 404 or 405 for pages that are there);
//! redirects followed a few times, each to an http or https address only; a timeout for each
//! whole request; a 429's `Retry-After` waited out, a few times, when it asks for less than
//! [`ProbeOptions::longest_wait`].

use std::time::Duration;

/// How a link is checked.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// How long one request may take, redirects included.
    pub timeout: Duration,
    /// How many redirects are followed.
    pub max_redirects: u32,
    /// How many times a 429 answer is retried after its `Retry-After`.
    pub retries: u32,
    /// A `Retry-After` is waited out only when it asks for less than this; one that asks for
    /// this long or longer ends the checks of that address.
    pub longest_wait: Duration,
}

impl Default for ProbeOptions {
    fn default() -> Self {
        ProbeOptions {
            timeout: Duration::from_secs(10),
            max_redirects: 5,
            retries: 2,
            longest_wait: Duration::from_secs(60),
        }
    }
}

/// What a server said of an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It answered with this success status (after redirects).
    Alive(u16),
    /// It did not: why, in words ("the server answered 404 Not Found").
    Broken(String),
}

/// The HTTP client shared by every check of a run (it keeps connections to each host open).
pub fn agent(options: &ProbeOptions) -> ureq::Agent {
    crate::web::agent(options.timeout, "link checker")
}

/// Checks one address.
pub fn probe(agent: &ureq::Agent, url: &str, options: &ProbeOptions) -> Verdict {
    let mut tries = 0;
    loop {
        let answer = ask(agent, url, options);
        let Answer::Status(429, retry_after) = answer else {
            return answer.verdict(options);
        };
        let wait = retry_after.unwrap_or(Duration::from_secs(1));
        if tries == options.retries || wait >= options.longest_wait {
            return Verdict::Broken(format!(
                "the server answered 429 Too Many Requests{}",
                if tries > 0 {
                    format!(" {} times", tries + 1)
                } else {
                    format!(" and asked to wait {} s", wait.as_secs())
                }
            ));
        }
        tries += 1;
        std::thread::sleep(wait);
    }
}

/// One answer to an address: HEAD's, or GET's when HEAD's was not a success.
enum Answer {
    /// A status, with the wait a `Retry-After` asked for.
    Status(u16, Option<Duration>),
    /// Nothing within the timeout.
    Silent,
    /// No answer, for this reason.
    Failed(String),
}

impl Answer {
    fn verdict(self, options: &ProbeOptions) -> Verdict {
        match self {
            Answer::Status(code, _) if (200..300).contains(&code) => Verdict::Alive(code),
            Answer::Status(code, _) => {
                let reason = ureq::http::StatusCode::from_u16(code)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .map_or_else(String::new, |r| format!(" {r}"));
                Verdict::Broken(format!("the server answered {code}{reason}"))
            }
            Answer::Silent => Verdict::Broken(format!(
                "no answer within {} s",
                options.timeout.as_secs_f64()
            )),
            Answer::Failed(why) => Verdict::Broken(why),
        }
    }
}

fn ask(agent: &ureq::Agent, url: &str, options: &ProbeOptions) -> Answer {
    let Ok(parsed) = url::Url::parse(url) else {
        return Answer::Failed(format!("`{url}` is not an address"));
    };
    let send = |method: &ureq::http::Method| {
        send(crate::web::ask(
            agent,
            method,
            &parsed,
            options.max_redirects,
            None,
        ))
    };
    // HEAD refused or failed: GET. (A server that never answers is not waited for twice.)
    match send(&ureq::http::Method::HEAD) {
        Answer::Status(code, _) if !(200..300).contains(&code) && code != 429 => {
            send(&ureq::http::Method::GET)
        }
        Answer::Failed(_) => send(&ureq::http::Method::GET),
        answer => answer,
    }
}

fn send(result: Result<crate::web::Answer, crate::web::Failure>) -> Answer {
    use crate::web::Failure;
    match result {
        Ok(crate::web::Answer { response, .. }) => {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(retry_after);
            Answer::Status(response.status().as_u16(), retry_after)
        }
        Err(Failure::Request(ureq::Error::Timeout(_))) => Answer::Silent,
        Err(Failure::Request(ureq::Error::HostNotFound)) => {
            Answer::Failed("the host was not found".to_string())
        }
        Err(Failure::Request(ureq::Error::Io(e))) => {
            Answer::Failed(format!("could not connect: {e}"))
        }
        Err(other) => Answer::Failed(other.to_string()),
    }
}

/// A `Retry-After` value: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = at.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}

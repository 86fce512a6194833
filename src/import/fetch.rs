//! `briefgen import https://…`: fetches the page to clip. Only http and https; a whole-request
//! timeout; at most [`MAX_REDIRECTS`] redirects, and the address it ends at is the briefing's
//! `url`; at most [`MAX_PAGE_BYTES`] read; only HTML accepted. Each refusal says what was
//! asked and what came back, so that a curator can save the page from a browser instead.

use std::time::Duration;

/// The largest page read, after decompression.
pub const MAX_PAGE_BYTES: u64 = 25 * 1024 * 1024;

/// How many redirects are followed.
pub const MAX_REDIRECTS: u32 = 5;

/// How long the whole request may take, redirects and body included.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the page was found, after redirects.
    pub url: String,
    /// The `Content-Type` the server sent.
    pub content_type: Option<String>,
    /// The page's bytes.
    pub bytes: Vec<u8>,
}

/// Why a page was not fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// What was asked for is not an http or https address: a usage error.
    NotWeb(String),
    /// The server could not be reached, or what it sent cannot be clipped: an error about
    /// the address.
    Failed(String),
}

impl FetchError {
    /// As a command's error: a usage error (exit 2) for an address that is not a web one, a
    /// network error about the address (exit 1) otherwise.
    pub fn into_build_error(self, address: &str) -> crate::error::BuildError {
        match self {
            FetchError::NotWeb(message) => crate::error::BuildError::usage(address, message),
            FetchError::Failed(message) => crate::error::BuildError::Network {
                address: address.to_string(),
                message,
            },
        }
    }
}

/// Fetches the page at `address` (an http or https address), within `timeout`.
pub fn fetch(address: &str, timeout: Duration) -> Result<Fetched, FetchError> {
    let parsed = url::Url::parse(address)
        .map_err(|e| FetchError::NotWeb(format!("`{address}` is not an address: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::NotWeb(format!(
            "`{address}` is not an http or https address"
        )));
    }
    fetch_web(address, &parsed, timeout).map_err(FetchError::Failed)
}

/// Fetches a page at an http or https address.
fn fetch_web(address: &str, parsed: &url::Url, timeout: Duration) -> Result<Fetched, String> {
    let agent = crate::web::agent(timeout, "import");
    let crate::web::Answer { mut response, url } = crate::web::ask(
        &agent,
        &ureq::http::Method::GET,
        parsed,
        MAX_REDIRECTS,
        Some("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
    )
    .map_err(|e| failed(address, timeout, e))?;
    let url = url.to_string();
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "{address}: the server answered {status}{}",
            if url == crate::web::without_credentials(parsed.clone()).as_str() {
                String::new()
            } else {
                format!(" (at {url})")
            }
        ));
    }
    // A header that is not text (`application/pdf\xff`) is read as far as it can be, never
    // taken for an absent one.
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let media = content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if let Some(media) = media
        .as_deref()
        .filter(|m| !matches!(*m, "text/html" | "application/xhtml+xml"))
    {
        return Err(not_html(address, media));
    }
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .filter(|&n| n > MAX_PAGE_BYTES)
    {
        return Err(too_large(address, Some(length)));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_PAGE_BYTES)
        .read_to_vec()
        .map_err(|e| failed(address, timeout, crate::web::Failure::Request(e)))?;
    // Said to be HTML, or not said at all: the bytes must be text all the same.
    if is_binary(&bytes) {
        return Err(not_html(
            address,
            &media.map_or_else(
                || "no Content-Type, and binary".to_string(),
                |m| format!("{m}, but binary"),
            ),
        ));
    }
    Ok(Fetched {
        url,
        content_type,
        bytes,
    })
}

/// Whether a body is not text: a NUL byte, or many control bytes, in its first 4 KiB (the
/// rule of the WHATWG MIME sniffing standard for "binary data", which no HTML page breaks).
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let binary = |b: &u8| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F);
    head.contains(&0) || head.iter().filter(|b| binary(b)).count() * 20 > head.len().max(1)
}

fn not_html(address: &str, what: &str) -> String {
    format!(
        "{address}: not an HTML page ({what}); save it from the browser, or copy its text into a file"
    )
}

/// What went wrong with a request, in words for the curator.
fn failed(address: &str, timeout: Duration, failure: crate::web::Failure) -> String {
    match failure {
        crate::web::Failure::Request(ureq::Error::Timeout(_)) => {
            format!("{address}: no whole answer within {} s", timeout.as_secs())
        }
        crate::web::Failure::Request(ureq::Error::BodyExceedsLimit(_)) => too_large(address, None),
        other => format!("{address}: {other}"),
    }
}

fn too_large(address: &str, length: Option<u64>) -> String {
    let size = length.map_or_else(String::new, |n| format!(" ({} MB)", n / (1024 * 1024)));
    format!(
        "{address}: the page is larger than {} MB{size}",
        MAX_PAGE_BYTES / (1024 * 1024)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_bodies_are_told_from_text() {
        assert!(is_binary(b"%PDF-1.7\n\x00\x01\x02binary"));
        assert!(is_binary(&[
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0
        ]));
        assert!(!is_binary(
            "<html><body>\tTexte é 中\r\n</body></html>".as_bytes()
        ));
        assert!(!is_binary(b""));
    }

    #[test]
    fn only_web_addresses_are_fetched() {
        for address in ["file:///etc/passwd", "ftp://example.org/page.html"] {
            assert!(
                matches!(
                    fetch(address, TIMEOUT),
                    Err(FetchError::NotWeb(m)) if m.contains("is not an http or https address")
                ),
                "{address}"
            );
        }
    }
}

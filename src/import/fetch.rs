//! `briefgen import https://…`: fetches the page to clip. Only http and https; a whole-request
//! timeout; at most [`MAX_REDIRECTS`] redirects, and the address it ends at is the briefing's
//! `url`; at most [`MAX_PAGE_BYTES`] read; only HTML accepted. Each refusal says what was
//! asked and what came back, so that a curator can save the page from a browser instead.

use std::time::Duration;

use ureq::ResponseExt;

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

/// Fetches the page at `address` (an http or https address), within `timeout`.
pub fn fetch(address: &str, timeout: Duration) -> Result<Fetched, String> {
    let parsed =
        url::Url::parse(address).map_err(|e| format!("`{address}` is not an address: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("`{address}` is not an http or https address"));
    }
    let mut response = crate::web::agent(timeout, MAX_REDIRECTS, "import")
        .get(parsed.as_str())
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        .call()
        .map_err(|e| failed(address, timeout, e))?;
    let url = response.get_uri().to_string();
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "{address}: the server answered {status}{}",
            if url == parsed.as_str() {
                String::new()
            } else {
                format!(" (at {url})")
            }
        ));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let media = content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if let Some(media) =
        media.filter(|m| !matches!(m.as_str(), "text/html" | "application/xhtml+xml"))
    {
        return Err(format!(
            "{address}: not an HTML page ({media}); save it from the browser, or copy its text into a file"
        ));
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
        .map_err(|e| failed(address, timeout, e))?;
    Ok(Fetched {
        url,
        content_type,
        bytes,
    })
}

/// What went wrong with a request, in words for the curator.
fn failed(address: &str, timeout: Duration, error: ureq::Error) -> String {
    match error {
        ureq::Error::TooManyRedirects => format!("{address}: more than {MAX_REDIRECTS} redirects"),
        ureq::Error::Timeout(_) => {
            format!("{address}: no whole answer within {} s", timeout.as_secs())
        }
        ureq::Error::BodyExceedsLimit(_) => too_large(address, None),
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
    fn only_web_addresses_are_fetched() {
        for address in ["file:///etc/passwd", "ftp://example.org/page.html"] {
            assert!(
                fetch(address, TIMEOUT)
                    .unwrap_err()
                    .contains("is not an http or https address"),
                "{address}"
            );
        }
    }
}

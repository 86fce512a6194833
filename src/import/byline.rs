//! Bylines and datelines: who wrote a clipping (`By Kim Soo-yeon`, `Reporting by …`) and for
//! which outlet, as the lines under a headline give them.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{at_most_words, regex};

static BYLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:By|BY|by)\s+(.+?)(?:\s*(?:,|\||–|—|-)\s*([A-Z][\w&.' -]+?))?\.?$")
});

static BYLINE_NAME_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^((?:[A-Z][\w'’.-]+)(?:[ -][A-Z][\w'’.-]+){1,3}), ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,5})\.?$",
    )
});

/// A wire dateline: "SEOUL (Reuters) -", "SEOUL, June 11 (Reuters) -", "SEOUL, South Korea
/// (AP) —", "SEOUL, June 12 (Yonhap) --".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,3})?(?:, [A-Z][a-z]+\.? \d{1,2})?\s*\(([A-Z][\w .&-]+)\)\s*(?:--|-|–|—)",
    )
});

/// A byline naming where the writer is: "Jane Doe in Seoul", "Jane Doe and John Roe in Tokyo".
static BYLINE_IN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3}(?: and (?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3})?) in [A-Z][\w-]+(?: [A-Z][\w-]+)?$",
    )
});

/// A byline: "By Jane Doe, Reuters", "By Jane Doe and John Roe", "Kim Bum-soo, KBS World
/// Radio News." Gives the writers and the outlet when named.
pub(super) fn byline(text: &str) -> Option<(Vec<String>, Option<String>)> {
    if !at_most_words(text, 14) {
        return None;
    }
    if let Some(c) = BYLINE_BY.captures(text) {
        let names = split_names(c.get(1)?.as_str());
        if names.is_empty() {
            return None;
        }
        let outlet = c
            .get(2)
            .map(|m| m.as_str().trim().trim_end_matches('.').to_string());
        return Some((names, outlet));
    }
    if let Some(c) = BYLINE_IN.captures(text) {
        return Some((split_names(c.get(1)?.as_str()), None));
    }
    let c = BYLINE_NAME_OUTLET.captures(text)?;
    Some((
        vec![c.get(1)?.as_str().to_string()],
        Some(c.get(2)?.as_str().trim().trim_end_matches('.').to_string()),
    ))
}

pub(super) fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().trim_end_matches('.').trim().to_string())
        .filter(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (2..=4).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
        .collect()
}

/// The outlet of a dateline: "SEOUL (Reuters) -" → Reuters; "(AP) —" → Associated Press.
pub(super) fn dateline_outlet(text: &str) -> Option<String> {
    let outlet = DATELINE.captures(text)?.get(1)?.as_str().trim().to_string();
    Some(match outlet.as_str() {
        "AP" => "Associated Press".to_string(),
        "AFP" => "Agence France-Presse".to_string(),
        _ => outlet,
    })
}

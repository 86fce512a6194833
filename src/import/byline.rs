//! Bylines and datelines: who wrote a clipping (`By Kim Soo-yeon`, `Reporting by …`) and for
//! which outlet, as the lines under a headline give them.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{at_most_words, regex};

static BYLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:By|BY|by)\s+(.+?)(?:\s*(?:,|\||–|—|-)\s*([A-Z][\w&.' -]+?))?\.?$")
});

/// A wire dateline: "SEOUL (Reuters) -", "SEOUL, June 11 (Reuters) -", "SEOUL, South Korea
/// (AP) —", "SEOUL, June 12 (Yonhap) --". (The place's words are told by what they are not,
/// which builds ten times faster than Unicode's word class four times over.)
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^[A-Z][A-Z .'-]+(?:, [A-Z][^\s,()]*(?: [A-Z][^\s,()]*){0,3})?(?:, [A-Z][a-z]+\.? [0-9]{1,2})?\s*\(([A-Z][\w .&-]+)\)\s*(?:--|-|–|—)",
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
    if let Some(names) = names_in_a_place(text) {
        return Some((split_names(names), None));
    }
    let (name, outlet) = name_and_outlet(text)?;
    Some((
        vec![name.to_string()],
        Some(outlet.trim().trim_end_matches('.').to_string()),
    ))
}

// The two forms below are read word by word, not by a pattern: Unicode's word class repeated
// for each word made their patterns take 4 ms each to build, in every `import` process.

/// A word of a name or an outlet: an ASCII capital, then at least `rest` more of letters,
/// digits and `also`.
fn capitalised(word: &str, rest: usize, also: &[char]) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars
            .map(|c| c.is_alphanumeric() || c == '_' || also.contains(&c))
            .try_fold(0, |n, ok| ok.then_some(n + 1))
            .is_some_and(|n| n >= rest)
}

/// A name of two to four capitalised words ("Jane Doe", "Kim Bum-soo"), the words parted by
/// single spaces (or, with `hyphens`, by a hyphen before a capital: "Jean-Pierre Roe").
fn is_name(text: &str, also: &[char], hyphens: bool) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let most = words.len()
        + if hyphens {
            words.iter().map(|w| capitals_after_hyphens(w)).sum()
        } else {
            0
        };
    words.len() <= 4 && most >= 2 && words.iter().all(|w| capitalised(w, 1, also))
}

/// How many words more a word is when parted at its hyphens before a capital ("Jean-Pierre": one
/// more; "Bum-soo": none), each part two letters or more.
fn capitals_after_hyphens(word: &str) -> usize {
    let parts: Vec<&str> = word.split('-').collect();
    parts
        .windows(2)
        .filter(|pair| {
            pair[0].chars().count() >= 2
                && pair[1].chars().count() >= 2
                && pair[1].starts_with(|c: char| c.is_ascii_uppercase())
        })
        .count()
}

/// A byline naming where the writer is: "Jane Doe in Seoul", "Jane Doe and John Roe in Tokyo"
/// gives "Jane Doe and John Roe".
fn names_in_a_place(text: &str) -> Option<&str> {
    let (names, place) = text.split_once(" in ")?;
    let place_words: Vec<&str> = place.split(' ').collect();
    let place_ok = place_words.len() <= 2 && place_words.iter().all(|w| capitalised(w, 1, &['-']));
    let names_ok = names
        .splitn(3, " and ")
        .enumerate()
        .all(|(i, n)| i < 2 && is_name(n, &['\'', '’', '-'], false));
    (place_ok && names_ok).then_some(names)
}

/// A name and an outlet: "Kim Bum-soo, KBS World Radio News." (one to six words).
fn name_and_outlet(text: &str) -> Option<(&str, &str)> {
    let (name, outlet) = text.split_once(", ")?;
    let outlet_words: Vec<&str> = outlet.split(' ').collect();
    (is_name(name, &['\'', '’', '.', '-'], true)
        && outlet_words.len() <= 6
        && outlet_words
            .iter()
            .all(|w| capitalised(w, 0, &['&', '\'', '’', '.', '-'])))
    .then_some((name, outlet))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns the word-by-word readers replaced, kept here to compare with.
    const NAMES_IN_A_PLACE: &str = r"^((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3}(?: and (?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){1,3})?) in [A-Z][\w-]+(?: [A-Z][\w-]+)?$";
    const NAME_AND_OUTLET: &str = r"^((?:[A-Z][\w'’.-]+)(?:[ -][A-Z][\w'’.-]+){1,3}), ((?:[A-Z][\w&'’.-]*)(?: [A-Z][\w&'’.-]*){0,5})\.?$";

    #[test]
    fn bylines_read_word_by_word_as_their_patterns_read_them() {
        let in_a_place = regex(NAMES_IN_A_PLACE);
        let and_outlet = regex(NAME_AND_OUTLET);
        for line in [
            "Jane Doe in Seoul",
            "Jane Doe and John Roe in Tokyo",
            "Jane Doe and John Roe and Max Moe in Tokyo",
            "Hana Lindqvist in New York",
            "Hana Lindqvist in New York City",
            "Jane in Seoul",
            "Jane Mary Anne Doe Roe in Seoul",
            "José Núñez O’Neill in Ciudad-Real",
            "Jane Doe in seoul",
            "Jane  Doe in Seoul",
            "Kim Bum-soo, KBS World Radio News.",
            "Kim Bum-soo, KBS World Radio News",
            "Bum-soo, KBS",
            "Jean-Pierre, AFP",
            "A-Bc, AFP",
            "Jean-Pierre Roe-Smith, Le Monde",
            "Jane Doe, Reuters & Partners Ltd. Co. Group",
            "Jane Doe, Reuters & Partners Ltd. Co. Group Seven",
            "Jane Doe, reuters",
            "Jane Doe, A",
            "Jane Doe, The New York Times, Seoul",
            "One Two Three Four Five, Reuters",
            "J. R. Doe, Reuters",
            "Jane Doe,Reuters",
            "Seoul, South Korea",
            "In Seoul, Jane Doe said",
        ] {
            let want = in_a_place
                .captures(line)
                .map(|c| c.get(1).map(|m| m.as_str()));
            assert_eq!(names_in_a_place(line).map(Some), want, "{line}");
            // The pattern leaves a final full stop out of the outlet when it can; the caller
            // trims it either way.
            let want = and_outlet
                .captures(line)
                .map(|c| (c[1].to_string(), c[2].trim_end_matches('.').to_string()));
            let got = name_and_outlet(line)
                .map(|(n, o)| (n.to_string(), o.trim_end_matches('.').to_string()));
            assert_eq!(got, want, "{line}");
        }
    }
}

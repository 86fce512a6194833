//! Languages: a briefing's `language` (a BCP 47 tag, the site's `language` by default) is its
//! page's `lang`, its feed entry's `xml:lang`, its JSON-LD `inLanguage` and its row's
//! `language` in the data files; a translation is offered under its language's own name
//! ("한국어", "English").

/// Whether `tag` is a well-formed BCP 47 language tag as sites write them: a language of two
/// or three letters, then subtags of one to eight letters or digits (`ko`, `en-GB`,
/// `zh-Hant-TW`), separated by hyphens.
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A tag's primary language, lower-cased (`ko` for `ko-KR`): what words, dates and a draft's
/// language are matched by.
pub fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// A language's name in itself, for "Also in": the languages a curator of this material is
/// likely to keep, else the tag as written.
pub fn own_name(tag: &str) -> &str {
    let language = primary(tag);
    match language.as_str() {
        "en" => "English",
        "ko" => "한국어",
        "ja" => "日本語",
        "zh" => "中文",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "ru" => "Русский",
        "vi" => "Tiếng Việt",
        _ => tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_by_their_shape() {
        for good in ["ko", "en", "en-GB", "zh-Hant-TW", "ko-KR", "yue"] {
            assert!(is_tag(good), "{good}");
        }
        for bad in [
            "",
            "k",
            "korean",
            "en_GB",
            "en-",
            "ko KR",
            "한국어",
            "en-toolongsubtag",
        ] {
            assert!(!is_tag(bad), "{bad}");
        }
        assert_eq!(own_name("ko-KR"), "한국어");
        assert_eq!(own_name("xx"), "xx");
    }
}

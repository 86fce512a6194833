//! The theme's words in each language: the default theme's `i18n/en.toml` and `i18n/ko.toml`
//! (embedded), which a site overrides key by key, or adds a language to, in its own
//! `i18n/<language>.toml`. A page gets the words of its language (a briefing's own, else the
//! site's): the language's, else its primary language's (`ko` for `ko-KR`), else English. A
//! key the English file does not have is an error at its line, with the nearest key.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{BuildError, Diagnostic};
use crate::source::layout::I18N_DIR;

/// The default theme's files: (language, text).
const DEFAULTS: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.toml")),
    ("ko", include_str!("../../themes/default/i18n/ko.toml")),
];

/// Every language's words, by language, then by key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Strings {
    by_language: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// The default theme's words, and the site's `i18n/*.toml` over them.
    pub fn load(root: &Path) -> Result<Strings, BuildError> {
        let mut strings = Strings::defaults();
        let dir = root.join(I18N_DIR);
        if !dir.is_dir() {
            return Ok(strings);
        }
        let mut errors = Vec::new();
        let files = crate::source::files::walk(root, &dir).map_err(BuildError::Content)?;
        for (relative, path) in files {
            let file = Path::new(I18N_DIR).join(&relative);
            let Some(language) = relative.strip_suffix(".toml").filter(|l| !l.contains('/')) else {
                errors.push(Diagnostic::new(
                    file,
                    "only the theme's words belong in i18n/, each language in a file `i18n/<language>.toml` (`i18n/ko.toml`)",
                ));
                continue;
            };
            if !crate::source::language::is_tag(language) {
                errors.push(Diagnostic::new(
                    file,
                    format!("`{language}` is not a BCP 47 language tag: name the file after one, e.g. `i18n/ko.toml`"),
                ));
                continue;
            }
            let text = match crate::source::files::read_text(root, &path) {
                Ok((_, text)) => text,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            match strings.read(language, &file, &text) {
                Ok(()) => {}
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(strings)
        } else {
            Err(BuildError::Content(errors))
        }
    }

    /// The default theme's words alone.
    pub fn defaults() -> Strings {
        let mut strings = Strings::default();
        for (language, text) in DEFAULTS {
            let table: toml::Table = toml::from_str(text).unwrap_or_default();
            let words = strings.by_language.entry(language.to_string()).or_default();
            for (key, value) in table {
                if let toml::Value::String(value) = value {
                    words.insert(key, value);
                }
            }
        }
        strings
    }

    /// Reads one file of words over those of its language.
    fn read(&mut self, language: &str, file: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |span| {
                text[..span.start.min(text.len())].lines().count().max(1)
            });
            vec![Diagnostic::at_line(
                file,
                line,
                format!("not TOML: {}", e.message()),
            )]
        })?;
        let known: Vec<&str> = self.by_language["en"].keys().map(String::as_str).collect();
        let mut errors = Vec::new();
        let mut words = BTreeMap::new();
        for (key, value) in table {
            let line = crate::source::config::key_line(text, &key);
            if !known.contains(&key.as_str()) {
                let hint = crate::source::config::nearest(&key, &known)
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                errors.push(Diagnostic::at_line(
                    file,
                    line,
                    format!("`{key}` is not one of the theme's words{hint}"),
                ));
                continue;
            }
            match value {
                toml::Value::String(value) => {
                    words.insert(key, value);
                }
                _ => errors.push(Diagnostic::at_line(
                    file,
                    line,
                    format!("`{key}` must be text in quotes"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.by_language
            .entry(language.to_string())
            .or_default()
            .extend(words);
        Ok(())
    }

    /// The tables a page in `language` takes its words from, strongest first: its own, its
    /// primary language's (`ko` for `ko-KR`), English.
    fn tables(&self, language: &str) -> impl Iterator<Item = &BTreeMap<String, String>> {
        let primary = crate::source::language::primary(language);
        [language, primary.as_str(), "en"]
            .into_iter()
            .filter_map(|tag| self.by_language.get(tag))
            .collect::<Vec<_>>()
            .into_iter()
    }

    /// The words of a page in `language`: each key from the strongest table that has it.
    pub fn of(&self, language: &str) -> BTreeMap<&str, &str> {
        let mut words = BTreeMap::new();
        for table in self.tables(language) {
            for (key, value) in table {
                words.entry(key.as_str()).or_insert(value.as_str());
            }
        }
        words
    }

    /// One word of a page in `language`, from the strongest table that has it.
    pub fn word(&self, language: &str, key: &str) -> &str {
        self.tables(language)
            .find_map(|table| table.get(key))
            .map_or("", String::as_str)
    }

    /// A date as a page in `language` shows it: `12 June 2025`, `2025년 6월 12일`.
    pub fn date(&self, language: &str, date: jiff::civil::Date) -> String {
        const MONTHS: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let month = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0).min(11)];
        self.word(language, "date")
            .replace("{day}", &date.day().to_string())
            .replace("{month}", self.word(language, month))
            .replace("{year}", &date.year().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_theme_has_every_english_word() {
        let strings = Strings::defaults();
        let english: Vec<&str> = strings.by_language["en"]
            .keys()
            .map(String::as_str)
            .collect();
        assert!(english.len() > 20);
        for (language, words) in &strings.by_language {
            let keys: Vec<&str> = words.keys().map(String::as_str).collect();
            assert_eq!(keys, english, "{language}");
        }
        assert_eq!(strings.of("ko-KR")["search"], "검색");
        assert_eq!(strings.of("fr")["search"], "Search");
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let strings = Strings::defaults();
        let day = jiff::civil::date(2025, 6, 12);
        assert_eq!(strings.date("en", day), "12 June 2025");
        assert_eq!(strings.date("ko", day), "2025년 6월 12일");
        assert_eq!(strings.date("ko-KR", day), "2025년 6월 12일");
        assert_eq!(strings.date("de", day), "12 June 2025");
    }

    #[test]
    fn a_site_overrides_a_word_and_an_unknown_key_is_an_error_at_its_line() {
        let mut strings = Strings::defaults();
        let file = Path::new("i18n/ko.toml");
        strings.read("ko", file, "search = \"찾기\"\n").unwrap();
        assert_eq!(strings.of("ko")["search"], "찾기");
        let errors = strings
            .read("ko", file, "search = \"찾기\"\nserach = \"x\"\n")
            .unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].message.contains("did you mean `search`"),
            "{errors:?}"
        );
    }
}

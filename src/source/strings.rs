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
    /// primary language's (`ko` for `ko-KR`), English. Without allocating: every page asks
    /// for some words, and every listed briefing for its date.
    fn tables(&self, language: &str) -> impl Iterator<Item = &BTreeMap<String, String>> {
        let own = self.by_language.get(language);
        let primary = language.split_once('-').and_then(|_| {
            self.by_language
                .get(&crate::source::language::primary(language))
        });
        let english = (language != "en")
            .then(|| self.by_language.get("en"))
            .flatten();
        [own, primary, english].into_iter().flatten()
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
        fill(
            self.word(language, "date"),
            &[
                ("{day}", &date.day().to_string()),
                ("{month}", self.month(language, date.month())),
                ("{year}", &date.year().to_string()),
            ],
        )
    }

    /// A month's name, 1 to 12 (`June`, `6월`).
    pub fn month(&self, language: &str, month: i8) -> &str {
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
        self.word(
            language,
            MONTHS[usize::try_from(month - 1).unwrap_or(0).min(11)],
        )
    }

    /// A month's short name: its first three letters (`Jun`; `6월`, `12월`).
    pub fn short_month(&self, language: &str, month: i8) -> String {
        self.month(language, month).chars().take(3).collect()
    }

    /// What a narrow calendar shows of a month: its name's first letter, or its number where
    /// the name starts with one (`J`; `10` for `10월`, where a first letter would be `1`).
    pub fn month_initial(&self, language: &str, month: i8) -> String {
        let name = self.month(language, month);
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            name.chars().take(1).collect()
        } else {
            digits
        }
    }

    /// A month of a year (`June 2025`, `2025년 6월`).
    pub fn month_year(&self, language: &str, year: i16, month: i8) -> String {
        fill(
            self.word(language, "month_year"),
            &[
                ("{month}", self.month(language, month)),
                ("{year}", &year.to_string()),
            ],
        )
    }

    /// A word said of a number `n` (`n_briefings`: `12 briefings`, `브리핑 12건`), as
    /// [`counted`] says.
    pub fn count(&self, language: &str, key: &str, n: usize) -> String {
        counted(self.word(language, key), n)
    }
}

/// A word said of a number: the form before `|` for one, the one after it for any other
/// number (the only form where there is no `|`), `{count}` the number.
pub fn counted(word: &str, n: usize) -> String {
    let form = match word.split_once('|') {
        Some((one, _)) if n == 1 => one,
        Some((_, other)) => other,
        None => word,
    };
    fill(form, &[("{count}", &n.to_string())])
}

/// A word with its `{…}` filled in, in one pass (a `{name}` not among `values` is kept).
pub fn fill(word: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(word.len() + 16);
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open..];
        let close = after.find('}').map_or(after.len(), |c| c + 1);
        let key = &after[..close];
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => filled.push_str(value),
            None => filled.push_str(key),
        }
        rest = &after[close..];
    }
    filled.push_str(rest);
    filled
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
        assert_eq!(strings.month_year("ko", 2025, 10), "2025년 10월");
        assert_eq!(strings.short_month("en", 6), "Jun");
        assert_eq!(strings.short_month("ko", 12), "12월");
        assert_eq!(strings.month_initial("en", 6), "J");
        assert_eq!(strings.month_initial("ko", 10), "10");
    }

    #[test]
    fn words_are_filled_in_and_counted() {
        assert_eq!(
            fill(
                "{day} {month} {year}",
                &[("{year}", "2025"), ("{day}", "12"), ("{month}", "June")]
            ),
            "12 June 2025"
        );
        assert_eq!(fill("{a} and {b", &[("{a}", "x")]), "x and {b");
        assert_eq!(fill("no braces", &[("{a}", "x")]), "no braces");
        assert_eq!(
            counted("{count} briefing|{count} briefings", 1),
            "1 briefing"
        );
        assert_eq!(
            counted("{count} briefing|{count} briefings", 0),
            "0 briefings"
        );
        assert_eq!(counted("브리핑 {count}건", 1), "브리핑 1건");
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

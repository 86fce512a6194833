//! Code highlighting with syntect: fenced code becomes HTML with CSS classes, and the site's
//! stylesheet for them is generated from the `highlight_theme` setting. The syntax and theme
//! sets are loaded once per process, on first use.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The theme used when `site.toml` names none.
pub const DEFAULT_THEME: &str = "InspiredGitHub";

/// The output path of the generated stylesheet.
pub const CSS_PATH: &str = crate::content::urls::HIGHLIGHT_CSS;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Whether syntect knows a theme of this name.
pub fn has_theme(name: &str) -> bool {
    themes().themes.contains_key(name)
}

/// The names of the known themes, sorted.
pub fn theme_names() -> Vec<&'static str> {
    themes().themes.keys().map(String::as_str).collect()
}

/// The stylesheet for the highlighting classes in the named theme.
pub fn theme_css(name: &str) -> Option<String> {
    let theme = themes().themes.get(name)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
}

/// The first word of a fence's info string: ```` ```rust,ignore ```` → `rust`.
pub fn fence_language(info: &str) -> &str {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .unwrap_or("")
}

/// Highlights `code` as `language`, giving the inner HTML of a `<code>` element; `None` when
/// the language is unknown.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    if language.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn theme_css_is_generated() {
        assert!(has_theme(DEFAULT_THEME));
        let css = theme_css(DEFAULT_THEME).unwrap();
        assert!(css.contains(".hl-"), "{css}");
    }

    #[test]
    fn fence_language_takes_the_first_word() {
        assert_eq!(fence_language("rust,ignore"), "rust");
        assert_eq!(fence_language("json title=x"), "json");
        assert_eq!(fence_language(""), "");
    }
}

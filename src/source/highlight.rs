//! Code highlighting with syntect: fenced code becomes HTML with CSS classes, and the site's
//! stylesheet for them is generated from the `highlight_theme` and `highlight_theme_dark`
//! settings, one per colour scheme. Every theme shipped with syntect has colours too faint to
//! read on some background (comments at about 3:1), so each colour is darkened or lightened
//! until it reads at WCAG AA (4.5:1) on the default theme's background for its scheme. The
//! syntax and theme sets are loaded once per process, on first use.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The theme used in light mode when `site.toml` names none.
pub const DEFAULT_THEME: &str = "InspiredGitHub";

/// The theme used in dark mode when `site.toml` names none.
pub const DEFAULT_DARK_THEME: &str = "base16-ocean.dark";

/// The default theme's page background in light mode (`--background` in `style.css`).
const LIGHT_BACKGROUND: Rgb = Rgb(0xfd, 0xfd, 0xfb);

/// The default theme's page background in dark mode.
const DARK_BACKGROUND: Rgb = Rgb(0x16, 0x17, 0x1a);

/// The contrast every colour of code is brought to: WCAG AA for body text, with a margin
/// for rounding.
const READABLE: f64 = 4.6;

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

/// The stylesheet for the highlighting classes: the `light` theme, and the `dark` one for
/// `prefers-color-scheme: dark`, each with its colours made readable on its background.
pub fn theme_css(light: &str, dark: &str) -> Option<String> {
    let css = |name: &str| {
        let theme = themes().themes.get(name)?;
        css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
    };
    let light_css = readable(&css(light)?, LIGHT_BACKGROUND);
    let dark_css = readable(&css(dark)?, DARK_BACKGROUND);
    Some(format!(
        "/* Code highlighting: {light} (light), {dark} (dark), colours brought to 4.5:1 contrast.\n   Each theme under its own scheme: the two name different scopes, and a light rule left\n   in force in dark mode would win wherever it is the more specific. */\n@media not all and (prefers-color-scheme: dark) {{\n{light_css}\n}}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn parse(hex: &str) -> Option<Rgb> {
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours.
    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved `t` (0 to 1) of the way to `target`.
    fn toward(self, target: Rgb, t: f64) -> Rgb {
        let mix = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // In range by construction: a blend of two bytes.
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            mix(self.0, target.0),
            mix(self.1, target.1),
            mix(self.2, target.2),
        )
    }

    /// The nearest colour along the way to black (on a light background) or white (on a dark
    /// one) that reads on `background`.
    fn readable_on(self, background: Rgb) -> Rgb {
        let target = if background.luminance() > 0.5 {
            Rgb(0, 0, 0)
        } else {
            Rgb(255, 255, 255)
        };
        (0..=20)
            .map(|step| self.toward(target, f64::from(step) / 20.0))
            .find(|c| c.contrast(background) >= READABLE)
            .unwrap_or(target)
    }
}

/// A theme's stylesheet with every text colour readable on `background`; the theme's own
/// background colours are dropped, so that code sits on the page's background.
fn readable(css: &str, background: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for line in css.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("background-color:") {
            continue;
        }
        match trimmed
            .strip_prefix("color: #")
            .and_then(|rest| rest.get(..6))
            .and_then(Rgb::parse)
        {
            Some(colour) => {
                let Rgb(r, g, b) = colour.readable_on(background);
                out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
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
        assert!(has_theme(DEFAULT_DARK_THEME));
        let css = theme_css(DEFAULT_THEME, DEFAULT_DARK_THEME).unwrap();
        assert!(css.contains(".hl-"), "{css}");
        assert!(css.contains("@media (prefers-color-scheme: dark)"), "{css}");
        // The light theme is out of force in dark mode: where the two themes name different
        // scopes, its more specific rules would otherwise win over the dark ones.
        let light = css
            .split("@media not all and (prefers-color-scheme: dark) {")
            .nth(1)
            .and_then(|rest| rest.split("@media (prefers-color-scheme: dark)").next())
            .unwrap_or_default();
        assert!(light.contains(".hl-"), "{css}");
        let before_any_block = css.split("@media").next().unwrap_or_default();
        assert!(!before_any_block.contains(".hl-"), "{css}");
    }

    /// Every colour of every known theme, light or dark, reads at AA on both backgrounds.
    #[test]
    fn every_colour_of_every_theme_reads_on_its_background() {
        for name in theme_names() {
            for background in [LIGHT_BACKGROUND, DARK_BACKGROUND] {
                let theme = &themes().themes[name];
                let css = readable(
                    &css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap(),
                    background,
                );
                assert!(!css.contains("background-color"), "{name}");
                let colours: Vec<Rgb> = css
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("color: #"))
                    .filter_map(Rgb::parse)
                    .collect();
                assert!(!colours.is_empty(), "{name}");
                for c in colours {
                    assert!(
                        c.contrast(background) >= 4.5,
                        "{name}: {c:?} on {background:?} is {:.2}:1",
                        c.contrast(background)
                    );
                }
            }
        }
    }

    #[test]
    fn contrast_is_wcags() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 0.01);
        assert!((Rgb(0x76, 0x76, 0x76).contrast(white) - 4.54).abs() < 0.01);
        // A faint comment grey is darkened only as far as it must be.
        let grey = Rgb(0x96, 0x98, 0x96);
        let fixed = grey.readable_on(LIGHT_BACKGROUND);
        assert!(fixed.contrast(LIGHT_BACKGROUND) >= 4.5);
        assert!(fixed.contrast(LIGHT_BACKGROUND) < 6.0, "{fixed:?}");
    }

    #[test]
    fn fence_language_takes_the_first_word() {
        assert_eq!(fence_language("rust,ignore"), "rust");
        assert_eq!(fence_language("json title=x"), "json");
        assert_eq!(fence_language(""), "");
    }
}

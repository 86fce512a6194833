//! Which characters text may carry, in one place: those XML cannot carry even escaped (dropped
//! from every rendered file), control characters (dropped from imported articles), and those
//! that show nothing (a title of them alone is refused).

use std::borrow::Cow;

/// Whether XML 1.0 cannot carry a character: the C0 controls other than tab, line feed and
/// carriage return, and U+FFFE and U+FFFF.
pub fn unencodable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The text without the characters XML cannot carry (borrowed when it has none).
pub fn without_unencodable(text: &str) -> Cow<'_, str> {
    // Looked for fast (every rendered file passes here): a C0 control is one byte in UTF-8,
    // found 64 bytes at a time with no branch (the compiler turns it into vector code); U+FFFE
    // and U+FFFF by substring search.
    let control = text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |seen, &b| {
            seen | ((b < b' ') & (b != b'\t') & (b != b'\n') & (b != b'\r'))
        })
    });
    let found = control || text.contains('\u{FFFE}') || text.contains('\u{FFFF}');
    if found {
        without(text, unencodable)
    } else {
        Cow::Borrowed(text)
    }
}

/// The text without control characters (C0, DEL, C1), tab, line feed and carriage return
/// aside (borrowed when it has none).
pub fn without_controls(text: &str) -> Cow<'_, str> {
    let stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    without(text, stray)
}

/// The text without the characters `drop` picks (borrowed when it picks none).
fn without(text: &str, drop: impl Fn(char) -> bool) -> Cow<'_, str> {
    if text.chars().any(&drop) {
        Cow::Owned(text.chars().filter(|&c| !drop(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether text shows nothing: only white space (no-break spaces included), controls, and
/// characters with no glyph (zero-width spaces and joiners, the byte order mark, soft
/// hyphens, direction marks).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{061C}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{17B4}'
                    | '\u{17B5}'
                    | '\u{180B}'..='\u{180F}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{3164}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
                    | '\u{FFA0}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_white_space_stays() {
        assert_eq!(
            without_unencodable("a\u{1}b\u{b}c\0d\te\r\nf\u{FFFF}"),
            "abcd\te\r\nf"
        );
        assert!(matches!(
            without_unencodable("plain é 中"),
            Cow::Borrowed(_)
        ));
        assert_eq!(without_controls("a\u{1}b\u{7f}c\u{85}d\te\n"), "abcd\te\n");
    }
}

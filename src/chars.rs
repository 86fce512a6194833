//! Characters that XML cannot carry, even escaped (HTML calls them parse errors too): the one
//! rule used wherever text from outside reaches an output.

use std::borrow::Cow;

/// Whether XML 1.0 cannot carry a character: the C0 controls other than tab, line feed and
/// carriage return, and U+FFFE and U+FFFF.
pub fn unencodable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The text without the characters XML cannot carry (borrowed when it has none).
pub fn without_unencodable(text: &str) -> Cow<'_, str> {
    if text.chars().any(unencodable) {
        Cow::Owned(text.chars().filter(|&c| !unencodable(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
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
    }
}

//! Which characters text may carry, in one place: those XML cannot carry even escaped (dropped
//! from every rendered file), control characters (dropped from imported articles), and those
//! that show nothing (a title of them alone is refused); how text too long for its place is
//! cut ([`cut_at_word`]); and how text is written inside a JSON string, with no `<` in it
//! ([`json_without_markup`], [`push_json_string`]).

use std::borrow::Cow;

/// Whether XML 1.0 cannot carry a character: the C0 controls other than tab, line feed and
/// carriage return, and U+FFFE and U+FFFF.
pub fn unencodable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// JSON with `<` written `\u003c`, which means the same inside a JSON string (the only place
/// `<` can be): no `</script>` ends a JSON-LD script early, and no file of the site holds
/// markup that is not escaped. Most JSON has no `<`, and is given back as it is.
pub fn json_without_markup(json: String) -> String {
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

/// What a JSON string written by [`push_json_string`] carries: text as it is, or text that is
/// HTML inside the string (TimelineJS shows its strings as HTML), escaped as pages escape
/// body text (`&`, `<`, `>`) or an attribute's value (`"` and `'` too), with
/// `pulldown_cmark_escape`'s entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonText {
    /// Text as it is.
    Plain,
    /// Text escaped for HTML's body text: `&`, `<`, `>`.
    Html,
    /// Text escaped for an HTML attribute's value: `"` and `'` too.
    HtmlAttribute,
}

/// Writes `text` as a JSON string, quotes and all, as serde_json writes one after
/// [`json_without_markup`] (`<` as `\u003c`), escaping it for HTML first where `as_` says:
/// for JSON of a fixed shape written straight into one string, not as a tree of values and
/// then a copy of the whole without `<` (a story's timeline of hundreds of events, say).
pub fn push_json_string(out: &mut String, text: &str, as_: JsonText) {
    out.push('"');
    push_json_text(out, text, as_);
    out.push('"');
}

/// Writes `text` as [`push_json_string`] does, without the quotes: a piece of a string.
pub fn push_json_text(out: &mut String, text: &str, as_: JsonText) {
    let bytes = text.as_bytes();
    let mut done = 0;
    // Most text has nothing to escape: it is looked through 32 bytes at a time with no
    // branch (vector code), one monomorphic loop for each kind of text.
    let next = |from: usize| match as_ {
        JsonText::Plain => first_escaped(&bytes[from..], |b| is_escaped(b, JsonText::Plain)),
        JsonText::Html => first_escaped(&bytes[from..], |b| is_escaped(b, JsonText::Html)),
        JsonText::HtmlAttribute => {
            first_escaped(&bytes[from..], |b| is_escaped(b, JsonText::HtmlAttribute))
        }
    };
    while let Some(at) = next(done) {
        let i = done + at;
        let b = bytes[i];
        // Every byte escaped is ASCII, so `i` and `i + 1` are boundaries of characters.
        out.push_str(&text[done..i]);
        done = i + 1;
        let escaped = match (b, as_) {
            (b'"', JsonText::HtmlAttribute) => "&quot;",
            (b'\'', JsonText::HtmlAttribute) => "&#39;",
            (b'&', _) => "&amp;",
            (b'<', JsonText::Plain) => "\\u003c",
            (b'<', _) => "&lt;",
            (b'>', _) => "&gt;",
            (b'"', _) => "\\\"",
            (b'\\', _) => "\\\\",
            (b'\n', _) => "\\n",
            (b'\r', _) => "\\r",
            (b'\t', _) => "\\t",
            (0x08, _) => "\\b",
            (0x0c, _) => "\\f",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
                continue;
            }
        };
        out.push_str(escaped);
    }
    out.push_str(&text[done..]);
}

/// Whether [`push_json_text`] escapes the byte `b` in text of the kind `as_`.
#[inline(always)]
const fn is_escaped(b: u8, as_: JsonText) -> bool {
    let json = (b < 0x20) | (b == b'"') | (b == b'\\') | (b == b'<');
    let html = !matches!(as_, JsonText::Plain) & ((b == b'&') | (b == b'>'));
    let attribute = matches!(as_, JsonText::HtmlAttribute) & (b == b'\'');
    json | html | attribute
}

/// Where the first byte `hit` picks is: each 32 bytes tested whole with `|` (no branch, so
/// vector code), then the one that holds a hit byte by byte.
#[inline(always)]
fn first_escaped(bytes: &[u8], hit: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut start = 0;
    for chunk in bytes.chunks(32) {
        if chunk.iter().fold(false, |any, &b| any | hit(b)) {
            return chunk.iter().position(|&b| hit(b)).map(|i| start + i);
        }
        start += chunk.len();
    }
    None
}

/// A writer of JSON that writes each `<` as `\\u003c`, as [`json_without_markup`] does, as the
/// JSON goes by: for a file too large to write twice.
pub struct JsonWithoutMarkup<W>(pub W);

impl<W: std::io::Write> std::io::Write for JsonWithoutMarkup<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = memchr::memchr(b'<', rest) {
            self.0.write_all(&rest[..at])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The text without the characters XML cannot carry (borrowed when it has none).
pub fn without_unencodable(text: &str) -> Cow<'_, str> {
    // Looked for in one pass (every rendered file passes here, 150 MB for 10,000 briefings),
    // 64 bytes at a time with no branch, which the compiler turns into vector code: a C0
    // control is one byte in UTF-8, and U+FFFE and U+FFFF begin with the byte 0xEF — as do
    // other characters from U+F000 on, so only then are the two looked for by substring.
    let (mut control, mut ef) = (false, false);
    for chunk in text.as_bytes().chunks(64) {
        let (c, e) = chunk.iter().fold((false, false), |(c, e), &b| {
            (
                c | ((b < b' ') & (b != b'\t') & (b != b'\n') & (b != b'\r')),
                e | (b == 0xEF),
            )
        });
        control |= c;
        ef |= e;
        if control {
            break;
        }
    }
    let found = control || (ef && (text.contains('\u{FFFE}') || text.contains('\u{FFFF}')));
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

/// The text cut to at most `max` characters, at the end of a word, with `…` in place of what
/// was cut (borrowed as it is when it fits). A first word longer than `max` is cut inside.
pub fn cut_at_word(text: &str, max: usize) -> Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return Cow::Borrowed(text);
    };
    // Room for the ellipsis, then back to the last white space before the cut.
    let keep = text[..end]
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(end, |(i, _)| i);
    let head = &text[..keep];
    let at_word = match head.rfind(char::is_whitespace) {
        Some(i) if !head[..i].trim().is_empty() => &head[..i],
        _ => head,
    };
    let at_word = at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c));
    Cow::Owned(format!("{at_word}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_loses_its_markup_and_nothing_else() {
        let json = serde_json::to_string(&"a </script> b").unwrap();
        let safe = json_without_markup(json);
        assert_eq!(safe, r#""a \u003c/script> b""#);
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a </script> b"
        );
        assert_eq!(json_without_markup("[1]".to_string()), "[1]");
        let mut written = Vec::new();
        serde_json::to_writer(JsonWithoutMarkup(&mut written), &"a </script> b").unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), safe);
    }

    /// What `push_json_string` writes, the long way: escaped for HTML by the escapers pages
    /// use (`pulldown_cmark_escape`'s, as `source::markdown` calls them), through serde_json,
    /// then without markup.
    fn json_string_the_long_way(text: &str, as_: JsonText) -> String {
        let mut escaped = String::new();
        match as_ {
            JsonText::Plain => escaped.push_str(text),
            JsonText::Html => {
                pulldown_cmark_escape::escape_html_body_text(&mut escaped, text).unwrap()
            }
            JsonText::HtmlAttribute => {
                pulldown_cmark_escape::escape_html(&mut escaped, text).unwrap()
            }
        }
        let text = escaped;
        json_without_markup(serde_json::to_string(&text).unwrap())
    }

    fn pushed(text: &str, as_: JsonText) -> String {
        let mut out = String::from("x");
        push_json_string(&mut out, text, as_);
        out.split_off(1)
    }

    #[test]
    fn a_json_string_is_written_as_serde_json_writes_it() {
        for text in [
            "",
            "plain",
            "a \"quoted\" <b>bold</b> & 'single' \\ back",
            "lines\nand\ttabs\r\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "김정은 — «Ханой» 中",
        ] {
            for as_ in [JsonText::Plain, JsonText::Html, JsonText::HtmlAttribute] {
                assert_eq!(
                    pushed(text, as_),
                    json_string_the_long_way(text, as_),
                    "{text:?} {as_:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in "\\PC*|[\\x00-\\x7f]*") {
            for as_ in [JsonText::Plain, JsonText::Html, JsonText::HtmlAttribute] {
                proptest::prop_assert_eq!(pushed(&text, as_), json_string_the_long_way(&text, as_));
            }
        }
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(cut_at_word("short", 10), "short");
        assert!(matches!(cut_at_word("exactly10!", 10), Cow::Borrowed(_)));
        assert_eq!(cut_at_word("one two three four", 10), "one two…");
        assert_eq!(cut_at_word("one, two three", 9), "one…");
        assert_eq!(cut_at_word("unbreakableword", 6), "unbre…");
        assert_eq!(cut_at_word("김정은 위원장이 말했다", 8), "김정은…");
        for max in 1..30 {
            assert!(
                cut_at_word("a few words, then more words here", max)
                    .chars()
                    .count()
                    <= max
            );
        }
    }

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
        // Characters from U+F000 on share U+FFFF's first byte; they stay, and the two go
        // wherever they are, past the first 64 bytes too.
        let wide = format!("{}，\u{F8FF}", "x".repeat(100));
        assert!(matches!(without_unencodable(&wide), Cow::Borrowed(_)));
        assert_eq!(
            without_unencodable(&format!("{wide}\u{FFFE}y\u{1}")),
            format!("{wide}y")
        );
        assert_eq!(without_controls("a\u{1}b\u{7f}c\u{85}d\te\n"), "abcd\te\n");
    }
}

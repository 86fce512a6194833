//! The text of a clipping's bytes, in the encoding it is written in: a byte order mark first,
//! then the charset the server sent, then UTF-8 when the bytes are UTF-8 with some non-ASCII
//! in them, then the page's own `<meta charset>` or `http-equiv` declaration, and otherwise a
//! guess from the bytes (`chardetng`, the detector Firefox uses).
//!
//! This is a browser's order but for one step: valid UTF-8 beats the page's declaration,
//! because a page saved from a browser is often written out as UTF-8 while keeping its
//! original `charset=gb2312` line, and text in a legacy encoding is almost never valid UTF-8
//! by chance. A page of pure ASCII follows its declaration (ISO-2022-JP is 7-bit).

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

/// How far into a page its charset declaration is looked for (browsers look at 1024 bytes;
/// pages saved by tools often put a long comment first).
const PRESCAN: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)"#)
        .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

/// The encoding a `Content-Type` value names (`text/html; charset=Shift_JIS`).
fn from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let (_, charset) = content_type.split_once("charset=")?;
    let label = charset
        .trim_start_matches(['"', '\''])
        .split([';', '"', '\'', ' '])
        .next()?;
    Encoding::for_label(label.trim().as_bytes())
}

/// The encoding a page declares in its first bytes.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = META_CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(label)?;
    // A page that says UTF-16 was read as bytes with ASCII in it, so it is not UTF-16.
    Some(if encoding.output_encoding() == UTF_8 {
        UTF_8
    } else {
        encoding
    })
}

/// Which encoding `bytes` are in, in the order the module's text gives.
pub fn detect(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if let Some(encoding) = content_type.and_then(from_content_type) {
        return encoding;
    }
    let ascii = bytes.is_ascii();
    if !ascii && std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    // A page that declares UTF-8 but is not (a re-saved Latin-1 page) is guessed instead.
    if let Some(encoding) = declared(bytes).filter(|&e| e != UTF_8) {
        return encoding;
    }
    if ascii {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The text of `bytes`, decoded as `detect` finds; bytes that do not decode become U+FFFD.
pub fn decode<'b>(bytes: &'b [u8], content_type: Option<&str>) -> Cow<'b, str> {
    let encoding = detect(bytes, content_type);
    // `decode` takes a byte order mark off, whichever encoding it names.
    let (text, _, _) = encoding.decode(bytes);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_found_from_the_bom_the_server_the_bytes_and_the_page() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><p>caf\xe9</p>";
        assert_eq!(
            decode(latin1, None),
            "<html><head><meta charset=\"iso-8859-1\"></head><p>café</p>"
        );
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(decode(equiv, None).ends_with("<p>Привет</p>"));
        // The server's word wins over the page's.
        let said = b"<meta charset=utf-8><p>\x93quoted\x94</p>";
        assert!(decode(said, Some("text/html; charset=windows-1252")).contains("“quoted”"));
        // A byte order mark wins over everything.
        let bom = b"\xef\xbb\xbf<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>";
        assert!(decode(bom, None).ends_with("<p>café</p>"));
        // Nothing declared: UTF-8 when it is, else a guess from the bytes.
        assert_eq!(decode("<p>café</p>".as_bytes(), None), "<p>café</p>");
        let sjis = b"<p>\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd\x81\x41\x90\xa2\x8a\x45\x81\x42\x93\xfa\x96\x7b\x8c\xea\x82\xcc\x95\xb6\x8f\xcd\x82\xc5\x82\xb7\x81\x42</p>";
        assert_eq!(
            decode(sjis, None),
            "<p>こんにちは、世界。日本語の文章です。</p>"
        );
        // Declared UTF-8 that is not: guessed.
        let mislabelled = b"<meta charset=utf-8><p>Les \xe9l\xe8ves du lyc\xe9e fran\xe7ais</p>";
        assert!(decode(mislabelled, None).contains("Les élèves du lycée français"));
        // Declared GB2312 but saved as UTF-8 by a browser: UTF-8.
        let resaved = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>人工智能</p>";
        assert!(decode(resaved.as_bytes(), None).ends_with("<p>人工智能</p>"));
    }
}

//! Words as search sees them. The index is written from these words and the reader's query is
//! cut into words by `search.js` with the same rules, so the two must stay in step:
//!
//! - a word is a run of letters and digits (Unicode `Alphabetic` or `Numeric`); anything else,
//!   an HTML tag or an entity, separates words (`Jae-myung` is `jae` and `myung`);
//! - it is lower-cased, and Latin letters lose their accents (`Zürich` is `zurich`): for a
//!   character from U+00C0 to U+024F or U+1E00 to U+1EFF, its canonical decomposition
//!   without combining marks (U+0300 to U+036F);
//! - it keeps its first [`MAX_WORD_CHARS`] characters;
//! - a single ASCII letter or digit, and the [`STOPWORDS`], are not words: they are in nearly
//!   every English briefing, so their lists would be the largest in the index and tell results
//!   apart the least.
//!
//! Nothing is stemmed: a query word also finds the words it begins (`sanction` finds
//! `sanctions`), which serves names and English alike without a stemmer on each side.

use unicode_normalization::UnicodeNormalization;

/// The most characters of a word that are kept.
pub const MAX_WORD_CHARS: usize = 40;

/// Words left out of the index and of queries, sorted.
pub const STOPWORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her",
    "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to",
    "was", "were", "which", "will", "with",
];

/// Whether a word (already folded) is a stopword. (A `match`, not a search of [`STOPWORDS`]:
/// it is asked of every word of every briefing.)
pub fn is_stopword(word: &str) -> bool {
    matches!(
        word,
        "an" | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "for"
            | "from"
            | "has"
            | "have"
            | "he"
            | "her"
            | "his"
            | "in"
            | "is"
            | "it"
            | "its"
            | "of"
            | "on"
            | "or"
            | "that"
            | "the"
            | "their"
            | "they"
            | "this"
            | "to"
            | "was"
            | "were"
            | "which"
            | "will"
            | "with"
    )
}

/// Whether a character is one of the Latin letters whose accents are dropped: Latin-1,
/// Latin Extended-A and -B (U+00C0 to U+024F) and Latin Extended Additional (U+1E00 to
/// U+1EFF, Vietnamese among them).
fn is_latin_with_accents(c: char) -> bool {
    ('\u{C0}'..='\u{24F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// A word being read.
struct Word<F> {
    text: String,
    chars: usize,
    each: F,
}

impl<F: FnMut(&str)> Word<F> {
    fn push(&mut self, c: char) {
        if self.chars < MAX_WORD_CHARS {
            self.text.push(c);
            self.chars += 1;
        }
    }

    /// Ends the word, giving it to `each` unless it is not a word.
    fn finish(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let single_ascii = self.chars == 1 && self.text.is_ascii();
        if !single_ascii && !is_stopword(&self.text) {
            (self.each)(&self.text);
        }
        self.text.clear();
        self.chars = 0;
    }

    /// Gives `each` a whole word of ASCII letters and digits, unless it is not a word.
    fn ascii(&mut self, run: &[u8]) {
        let run = &run[..run.len().min(MAX_WORD_CHARS)];
        if run.len() < 2 {
            return;
        }
        let mut lower = [0u8; MAX_WORD_CHARS];
        let lower = &mut lower[..run.len()];
        lower.copy_from_slice(run);
        lower.make_ascii_lowercase();
        if let Ok(word) = std::str::from_utf8(lower)
            && !is_stopword(word)
        {
            (self.each)(word);
        }
    }
}

/// Calls `each` with every word of `text`, in order (repeats included). With `html`, the text
/// is HTML: tags and character references separate words and are not read.
pub fn for_each_word(text: &str, html: bool, each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = Word {
        text: String::new(),
        chars: 0,
        each,
    };
    let mut i = 0;
    // Bytes, with words of ASCII read whole (nearly every word of an English briefing): this
    // runs over every body of the site.
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if word.text.is_empty() && bytes.get(i).is_none_or(|&next| next < 0x80) {
                word.ascii(&bytes[start..i]);
            } else {
                // Part of a word with other letters (`Nguyễn`): read character by character.
                for &c in &bytes[start..i] {
                    word.push(char::from(c.to_ascii_lowercase()));
                }
            }
        } else if b == b'<' && html {
            word.finish();
            i = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |end| i + end + 1);
        } else if b == b'&' && html {
            // A character reference (`&amp;`, `&#39;`): pulldown-cmark writes every other
            // character as itself, and these are all punctuation.
            word.finish();
            let window = &bytes[i..bytes.len().min(i + 12)];
            i = memchr::memchr(b';', window).map_or(i + 1, |end| i + end + 1);
        } else if b < 0x80 {
            word.finish();
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if !c.is_alphanumeric() {
                word.finish();
                continue;
            }
            for lower in c.to_lowercase() {
                if is_latin_with_accents(lower) {
                    for d in std::iter::once(lower).nfd() {
                        if !('\u{300}'..='\u{36F}').contains(&d) {
                            word.push(d);
                        }
                    }
                } else {
                    word.push(lower);
                }
            }
        }
    }
    word.finish();
}

/// The words of a text, in order: for tests and for the query side's rules in one place.
pub fn words(text: &str, html: bool) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, html, |w| out.push(w.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_all_matched() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("summit") && !is_stopword("a"));
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(
            words(
                "Lee Jae-myung met the PM in Zürich; Ærø & São Paulo's 5 G7",
                false
            ),
            [
                "lee", "jae", "myung", "met", "pm", "zurich", "ærø", "sao", "paulo", "g7"
            ]
        );
        assert_eq!(words("한국 경제 東京", false), ["한국", "경제", "東京"]);
        assert_eq!(
            words("Nguyễn Văn An, DÉJÀ vu, x é", false),
            ["nguyen", "van", "deja", "vu"]
        );
    }

    #[test]
    fn html_tags_and_references_are_not_words() {
        assert_eq!(
            words(
                "<p class=\"x\">Kim&#39;s <em>summit</em>&amp;talks<br>done &nbsp;now</p>",
                true
            ),
            ["kim", "summit", "talks", "done", "now"]
        );
        // A lone ampersand is punctuation, and the text after it is still read.
        assert_eq!(words("R&D; budget & more", true), ["budget", "more"]);
    }

    #[test]
    fn long_words_keep_their_first_characters() {
        let long = "a".repeat(100);
        assert_eq!(words(&long, false), ["a".repeat(MAX_WORD_CHARS)]);
        let accented = "é".repeat(100);
        assert_eq!(words(&accented, false), ["e".repeat(MAX_WORD_CHARS)]);
    }
}

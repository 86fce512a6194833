//! Words as search sees them, a leaf every stage may use: the parse stage cuts each body into
//! words as it renders it, and the search index is written from them. The reader's query is
//! cut into words by `search.js` with the same rules, so the two must stay in step:
//!
//! - a word is a run of letters and digits (Unicode `Alphabetic` or `Numeric`); anything else
//!   separates words (`Jae-myung` is `jae` and `myung`);
//! - it is lower-cased, and Latin letters lose their accents (`Zürich` is `zurich`): for a
//!   character from U+00C0 to U+024F or U+1E00 to U+1EFF, its canonical decomposition
//!   without combining marks (U+0300 to U+036F);
//! - it keeps its first [`MAX_WORD_CHARS`] characters;
//! - a single ASCII letter or digit, and the [`STOPWORDS`], are not words: they are in nearly
//!   every English briefing, so their lists would be the largest in the index and tell results
//!   apart the least;
//! - a word of Hangul syllables loses the particle Korean attaches to a noun (`서울에서`,
//!   `서울은` are `서울`): the longest of [`KOREAN_PARTICLES`] it ends in, when at least two
//!   syllables are left (`국가` stays `국가`).
//!
//! A briefing's body is read into [`Distinct`] words while its Markdown is rendered (the text
//! is at hand there, and each word is then met once by the index). Nothing is stemmed: a
//! query word also finds the words it begins (`sanction` finds `sanctions`), which serves
//! names and English alike without a stemmer on each side.

use unicode_normalization::UnicodeNormalization;

/// The most characters of a word that are kept.
pub const MAX_WORD_CHARS: usize = 40;

/// The particles Korean attaches to a noun, longest first: a word of Hangul loses the first it
/// ends in ([`korean_stem`]).
pub const KOREAN_PARTICLES: &[&str] = &[
    "에서는",
    "으로는",
    "에서",
    "에게",
    "으로",
    "까지",
    "부터",
    "처럼",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "로",
    "와",
    "과",
    "도",
    "만",
];

/// A word of Hangul syllables without the particle it ends in, when two syllables or more are
/// left; any other word as it is.
pub fn korean_stem(word: &str) -> &str {
    if !word.chars().all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        return word;
    }
    for particle in KOREAN_PARTICLES {
        if let Some(stem) = word.strip_suffix(particle)
            && stem.chars().count() >= 2
        {
            return stem;
        }
    }
    word
}

/// Words left out of the index and of queries, sorted.
pub const STOPWORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her",
    "his", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to",
    "was", "were", "which", "will", "with",
];

/// A word of up to 8 bytes as a number (its bytes, the first the most significant): words of
/// one length sort as their numbers do, and shorter words below longer ones.
const fn packed(word: &[u8]) -> u64 {
    let mut value = 0u64;
    let mut i = 0;
    while i < word.len() {
        value = value << 8 | word[i] as u64;
        i += 1;
    }
    value
}

/// The [`STOPWORDS`] as numbers, sorted.
const STOPWORD_CODES: [u64; STOPWORDS.len()] = {
    let mut codes = [0u64; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        codes[i] = packed(STOPWORDS[i].as_bytes());
        i += 1;
    }
    // Insertion sort, at compile time.
    let mut j = 1;
    while j < codes.len() {
        let mut k = j;
        while k > 0 && codes[k - 1] > codes[k] {
            let t = codes[k];
            codes[k] = codes[k - 1];
            codes[k - 1] = t;
            k -= 1;
        }
        j += 1;
    }
    codes
};

/// Whether a word (already folded) is a stopword. (A search among numbers, not strings: it is
/// asked of every word of every briefing.)
pub fn is_stopword(word: &str) -> bool {
    (2..=5).contains(&word.len())
        && STOPWORD_CODES
            .binary_search(&packed(word.as_bytes()))
            .is_ok()
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
            (self.each)(korean_stem(&self.text));
        }
        self.text.clear();
        self.chars = 0;
    }

    /// Gives `each` a whole word of ASCII letters and digits, unless it is not a word: as it
    /// is when it is lower-case already (most words are), else lower-cased on the stack.
    fn ascii(&mut self, word: &str) {
        let word = &word[..word.len().min(MAX_WORD_CHARS)];
        if word.len() < 2 {
            return;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            let mut lower = [0u8; MAX_WORD_CHARS];
            for (to, from) in lower.iter_mut().zip(word.bytes()) {
                *to = from.to_ascii_lowercase();
            }
            if let Ok(lower) = std::str::from_utf8(&lower[..word.len()])
                && !is_stopword(lower)
            {
                (self.each)(lower);
            }
        } else if !is_stopword(word) {
            (self.each)(word);
        }
    }
}

/// Which bytes are ASCII letters and digits, looked up: one load a byte in the loop that runs
/// over every body of the site, where the range tests took twice the instructions.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Calls `each` with every word of `text`, in order (repeats included).
pub fn for_each_word(text: &str, each: impl FnMut(&str)) {
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
        if ASCII_ALNUM[usize::from(b)] {
            let start = i;
            i += bytes[i..]
                .iter()
                .position(|&b| !ASCII_ALNUM[usize::from(b)])
                .unwrap_or(bytes.len() - i);
            if word.text.is_empty() && bytes.get(i).is_none_or(|&next| next < 0x80) {
                // ASCII bytes: `start..i` lies on character boundaries.
                word.ascii(&text[start..i]);
            } else {
                // Part of a word with other letters (`Nguyễn`): read character by character.
                for &c in &bytes[start..i] {
                    word.push(char::from(c.to_ascii_lowercase()));
                }
            }
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

/// The distinct words of texts read one after another, each once, in the order first met.
pub struct Distinct {
    seen: rustc_hash::FxHashSet<(u64, usize)>,
    lines: String,
}

/// How many distinct words a briefing's set has room for at first: most have fewer, so that
/// the set seldom grows while it is filled.
const DISTINCT_ROOM: usize = 512;

impl Default for Distinct {
    fn default() -> Distinct {
        Distinct::new()
    }
}

impl Distinct {
    /// An empty set.
    pub fn new() -> Distinct {
        Distinct {
            seen: rustc_hash::FxHashSet::with_capacity_and_hasher(
                DISTINCT_ROOM,
                rustc_hash::FxBuildHasher,
            ),
            lines: String::new(),
        }
    }

    /// Reads the words of a text (not HTML).
    pub fn read(&mut self, text: &str) {
        use std::hash::BuildHasher;
        let Distinct { seen, lines } = self;
        for_each_word(text, |word| {
            // By hash and length: two words of one length share a 64-bit hash about once in
            // 2^64 pairs.
            if seen.insert((rustc_hash::FxBuildHasher.hash_one(word), word.len())) {
                lines.push_str(word);
                lines.push('\n');
            }
        });
    }

    /// The words, one per line (without the room the text grew into: a briefing's words are
    /// held until the search index is made).
    pub fn into_lines(mut self) -> String {
        self.lines.shrink_to_fit();
        self.lines
    }
}

/// The words of a text, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_all_matched() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
        assert!(!is_stopword("summit") && !is_stopword("a") && !is_stopword("thee"));
        assert!(!is_stopword("witha") && !is_stopword("") && !is_stopword("whichever"));
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(
            words("Lee Jae-myung met the PM in Zürich; Ærø & São Paulo's 5 G7"),
            [
                "lee", "jae", "myung", "met", "pm", "zurich", "ærø", "sao", "paulo", "g7"
            ]
        );
        assert_eq!(words("한국 경제 東京"), ["한국", "경제", "東京"]);
        // Korean particles go when two syllables are left.
        assert_eq!(
            words("서울에서 서울은 이재명이 국가가 북한으로는 나는"),
            ["서울", "서울", "이재명", "국가", "북한", "나는"]
        );
        assert_eq!(
            words("Nguyễn Văn An, DÉJÀ vu, x é"),
            ["nguyen", "van", "deja", "vu"]
        );
    }

    #[test]
    fn distinct_words_are_kept_once_in_the_order_met() {
        let mut distinct = Distinct::new();
        distinct.read("Kim met Moon; Moon met KIM");
        distinct.read("again, kim");
        assert_eq!(distinct.into_lines(), "kim\nmet\nmoon\nagain\n");
    }

    #[test]
    fn long_words_keep_their_first_characters() {
        let long = "a".repeat(100);
        assert_eq!(words(&long), ["a".repeat(MAX_WORD_CHARS)]);
        let accented = "é".repeat(100);
        assert_eq!(words(&accented), ["e".repeat(MAX_WORD_CHARS)]);
    }
}

//! Bounded nesting for HTML that comes from outside: a linear scan of its tags that tells how
//! deeply elements nest, and drops the tags nested past a limit.
//!
//! Why: html5ever's tree builder checks the open elements on every tag, so its time grows with
//! the square of the depth (100,000 nested `<div>` took 104 s), and recursive walks over the
//! tree it builds overflow the stack (40,000 nested `<b>`). No article nests more than a few
//! dozen levels, so a page is flattened below [`MAX_DEPTH`] before it is parsed: the text stays,
//! only the tags too deep are left out. The scan knows the HTML rules that matter for depth
//! (void elements, comments, raw text such as `<script>`, elements a sibling closes, such as
//! `<p>` and `<li>`) and nothing more: where it is unsure, it counts an element as open, which
//! can only flatten a little early.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

/// How deeply elements may nest in HTML that is parsed.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound",
];

/// Elements whose text is not markup, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that a start tag of the same name closes (`<li>` after `<li>`).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot", "rb", "rt", "rp",
];

/// A tag found by the scan: where it is in the text, its name in lower case, and whether it
/// is an end tag.
struct TagAt {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    self_closing: bool,
}

/// The elements open at a point of an HTML text, as far as depth is concerned.
#[derive(Debug, Default)]
pub struct OpenElements {
    open: Vec<String>,
}

impl OpenElements {
    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Takes a start tag: closes what it closes (an open `<p>` before a `<div>`, an `<li>`
    /// before the next), and says whether it opens an element (void ones do not).
    fn closes_before(&mut self, tag: &TagAt) -> bool {
        if tag.self_closing || VOID.contains(&tag.name.as_str()) {
            return false;
        }
        if SELF_CLOSING_SIBLINGS.contains(&tag.name.as_str()) {
            // Only a sibling: the open one of that name, with nothing above it but elements
            // that close as siblings do (`<li>` closes `<li><p>`). Past any other element it
            // is a new, nested one: `<tr>` in `<table><tr><td><table>` closes nothing.
            let near = self.open.len().saturating_sub(3);
            if let Some(at) = self.open[near..].iter().rposition(|n| *n == tag.name)
                && self.open[near + at + 1..]
                    .iter()
                    .all(|n| SELF_CLOSING_SIBLINGS.contains(&n.as_str()))
            {
                self.open.truncate(near + at);
            }
        } else if self.open.last().is_some_and(|top| top == "p") && closes_p(&tag.name) {
            self.open.pop();
        }
        true
    }

    /// Takes an end tag: closes its element and everything opened inside it; a stray one
    /// changes nothing.
    fn close(&mut self, name: &str) {
        if let Some(at) = self.open.iter().rposition(|n| n == name) {
            self.open.truncate(at);
        }
    }

    /// Takes the tags of `fragment`, which continues what was taken before; returns the
    /// deepest the nesting went in it.
    pub fn take(&mut self, fragment: &str) -> usize {
        let mut deepest = self.depth();
        for tag in Tags::new(fragment) {
            if tag.closing {
                self.close(&tag.name);
            } else if self.closes_before(&tag) {
                self.open.push(tag.name);
                deepest = deepest.max(self.depth());
            }
        }
        deepest
    }
}

/// How deeply elements nest in HTML made by briefgen itself (a highlighted code block): balanced
/// start and end tags, no void element, comment or raw text, and `<` nowhere else (text is
/// escaped) — so each `<` opens an element or, before `/`, closes one. What
/// [`OpenElements::take`] returns for such HTML from no open element, in one `memchr` pass
/// (`take` spent 144,000 instructions on a 12-line block).
pub fn balanced_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for at in memchr::memchr_iter(b'<', bytes) {
        if bytes.get(at + 1) == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The HTML with every start and end tag nested deeper than `limit` left out (borrowed as it is
/// when nothing is that deep).
pub fn flatten(html: &str, limit: usize) -> Cow<'_, str> {
    let mut open = OpenElements::default();
    let mut dropped_open: FxHashMap<String, usize> = FxHashMap::default();
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for tag in Tags::new(html) {
        if tag.closing {
            // Elements left out are deeper than every open one: their end tags come first.
            if let Some(count) = dropped_open.get_mut(&tag.name).filter(|c| **c > 0) {
                *count -= 1;
                drop.push((tag.start, tag.end));
            } else {
                open.close(&tag.name);
            }
        } else if open.closes_before(&tag) {
            if open.depth() >= limit {
                *dropped_open.entry(tag.name).or_default() += 1;
                drop.push((tag.start, tag.end));
            } else {
                open.open.push(tag.name);
            }
        }
    }
    if drop.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut kept = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in drop {
        kept.push_str(&html[from..start]);
        from = end;
    }
    kept.push_str(&html[from..]);
    Cow::Owned(kept)
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "div"
            | "dl"
            | "fieldset"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
    )
}

/// The tags of an HTML text, in order, skipping comments, doctypes and raw text.
struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Tags { html, at: 0 }
    }
}

impl Iterator for Tags<'_> {
    type Item = TagAt;

    fn next(&mut self) -> Option<TagAt> {
        let bytes = self.html.as_bytes();
        loop {
            let start = self.at + memchr(b'<', &bytes[self.at..])?;
            let rest = &self.html[start..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.at = comment
                    .find("-->")
                    .map_or(self.html.len(), |i| start + 4 + i + 3);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.at = rest.find('>').map_or(self.html.len(), |i| start + i + 1);
                continue;
            }
            let closing = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                self.at = start + 1;
                continue;
            }
            let end = tag_end(bytes, name_start + name_len);
            let name = self.html[name_start..name_start + name_len].to_ascii_lowercase();
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            self.at = end;
            if !closing && RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                let after = &self.html[end..];
                self.at = find_ignoring_case(after, &close).map_or(self.html.len(), |i| end + i);
            }
            return Some(TagAt {
                start,
                end,
                name,
                closing,
                self_closing,
            });
        }
    }
}

/// Where a tag whose attributes start at `from` ends (just after its `>`), with quoted
/// attribute values skipped.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_left_as_it_is() {
        let html = "<html><body><p>One<p>Two<ul><li>a<li>b</ul><img src=x><br/>\
                    <script>if (a<b) { x('<div>') }</script><!-- <div> --></body></html>";
        assert!(matches!(flatten(html, 4), Cow::Borrowed(_)));
        let mut open = OpenElements::default();
        assert_eq!(open.take(html), 4);
        assert_eq!(open.depth(), 0);
    }

    #[test]
    fn tags_past_the_limit_are_dropped_and_the_text_kept() {
        let html = format!("{}deep{}", "<div>".repeat(10), "</div>".repeat(10));
        let flat = flatten(&html, 3);
        assert_eq!(flat, "<div><div><div>deep</div></div></div>");
        let bold = format!("{}x", "<b>".repeat(40_000));
        let flat = flatten(&bold, MAX_DEPTH);
        assert_eq!(flat.matches("<b>").count(), MAX_DEPTH);
        assert!(flat.ends_with('x'));
    }

    #[test]
    fn nested_tables_and_lists_nest() {
        // Regression: a nested `<tr>` or `<li>` was taken for a sibling of the outer one, so
        // 20,000 nested tables counted 4 deep and reached the parser whole.
        for (open, close, per_level) in [
            ("<table><tr><td>", "</td></tr></table>", 3),
            ("<table><tbody><tr><td>", "</td></tr></tbody></table>", 4),
            ("<ul><li>", "</li></ul>", 2),
            // `<ol>` closes the open `<p>`, as in HTML.
            ("<ol><li><p>", "</p></li></ol>", 2),
            ("<dl><dd>", "</dd></dl>", 2),
        ] {
            let html = format!("{}x{}", open.repeat(1_000), close.repeat(1_000));
            let mut elements = OpenElements::default();
            assert!(elements.take(&html) >= 1_000 * per_level, "{open}");
            assert!(elements.take(&flatten(&html, 64)) <= 64, "{open}");
        }
        // Siblings still close each other.
        let mut elements = OpenElements::default();
        let rows = "<table><tr><td>a<td>b<tr><td>c</table><ul><li><p>a<li>b</ul>";
        assert_eq!(elements.take(rows), 3);
        assert_eq!(elements.depth(), 0);
    }

    #[test]
    fn quoted_angle_brackets_and_paragraphs_do_not_nest() {
        let html = "<a title=\"x>y\" href='>'>l</a>".repeat(500) + &"<p>para".repeat(1_000);
        assert!(matches!(flatten(&html, 8), Cow::Borrowed(_)));
    }
}

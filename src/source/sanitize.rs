//! The one boundary between a briefing's HTML and its readers: an allow-list of elements,
//! attributes and address schemes that every body passes on its way to a page or a feed
//! (unless the site sets `allow_raw_html`), whatever the Markdown options let through.
//!
//! Why two parts: ammonia enforces the allow-list by parsing and re-serializing the HTML,
//! which cost a third of a 10,000-briefing build (1.08 → 1.44 s) when every body went through
//! it. Most bodies hold only what the Markdown renderer writes: for those, a linear scan first
//! checks whether the HTML is already inside a strict subset of the allow-list (the renderer's
//! own elements and attributes, addresses with allowed schemes), and only HTML that is not is
//! handed to ammonia. The scan can only say "clean" for HTML that ammonia would keep as it is,
//! so both paths reach readers with the same allow-list. A body with raw HTML always goes
//! through ammonia, which also closes the elements the author left open.

use std::sync::LazyLock;

/// Address schemes a link or image may use (ammonia's defaults, set explicitly so that the
/// fast check and ammonia read one list). Relative addresses are allowed too.
const SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// The elements the Markdown renderer writes (with highlighting and footnotes): the subset of
/// the allow-list that the fast check accepts.
const RENDERER_ELEMENTS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ol",
    "ul",
    "li",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "span",
    "input",
    "hr",
    "br",
];

/// Removes from HTML everything outside the allow-list: scripts, event handlers, styles
/// (table column alignment aside), addresses with other schemes; and balances its elements.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// [`sanitize`] for HTML that the Markdown renderer wrote alone, with no raw HTML from the
/// author in it: its elements are balanced already, so when the linear check finds it inside
/// the allow-list it is kept as it is, and only otherwise parsed and cleaned.
pub fn sanitize_rendered(html: String) -> String {
    if within_renderer_subset(&html) {
        html
    } else {
        sanitize(&html)
    }
}

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(SCHEMES.iter().copied().collect())
        .add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("pre", ["data-lang", "tabindex"])
        .add_tag_attributes("div", ["tabindex"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(|element, attribute, value| {
            let kept = match attribute {
                "style" => is_table_alignment(element, value),
                // What the renderer writes on a region that scrolls sideways, so that a
                // keyboard can scroll it; no other order of focus.
                "tabindex" => value == "0",
                _ => true,
            };
            kept.then_some(value.into())
        })
        .link_rel(None);
    builder
});

/// Whether a `style` attribute is the column alignment the Markdown renderer writes on table
/// cells (`text-align: center`), the one style content may carry.
fn is_table_alignment(element: &str, style: &str) -> bool {
    matches!(element, "th" | "td")
        && matches!(
            style,
            "text-align: left" | "text-align: center" | "text-align: right"
        )
}

/// Whether an attribute (with its value, as written between double quotes) is one the
/// renderer writes on `element`, with a safe value.
fn renderer_attribute(element: &str, name: &str, value: &str) -> bool {
    match (element, name) {
        (_, "id" | "class") => true,
        ("a", "title") | ("img", "alt" | "title") | ("ol", "start") | ("pre", "data-lang") => true,
        ("a", "href") | ("img", "src") => allowed_address(value),
        ("th" | "td", "style") => is_table_alignment(element, value),
        ("div" | "pre", "tabindex") => value == "0",
        ("input", "type") => value == "checkbox",
        ("input", "checked" | "disabled") => value.is_empty(),
        _ => false,
    }
}

/// Whether an address (an attribute value as written, `&amp;` and all) is relative or has an
/// allowed scheme, read as browsers read it (tabs, new lines and controls ignored). Any other
/// character reference makes it "not sure", which sends the HTML to ammonia.
fn allowed_address(value: &str) -> bool {
    if value.replace("&amp;", "").contains('&') {
        return false;
    }
    let cleaned: String = value
        .replace("&amp;", "&")
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            SCHEMES.contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// Whether HTML holds only the renderer's elements and attributes, each tag written as the
/// renderer writes it (`<name attr="value">`, `</name>`, `<name ... />`), and no comment or
/// other markup. Linear, and allocates only for addresses with character references.
fn within_renderer_subset(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        at += usize::from(closing);
        let name = name_at(bytes, at);
        if !RENDERER_ELEMENTS.contains(&&html[at..at + name]) {
            return false;
        }
        let element = &html[at..at + name];
        at += name;
        if closing {
            if bytes.get(at) != Some(&b'>') {
                return false;
            }
            continue;
        }
        // Attributes: ` name="value"` or ` name`, then `>` or ` />`.
        loop {
            match bytes.get(at) {
                Some(b'>') => break,
                Some(b' ') => at += 1,
                Some(b'/') if bytes.get(at + 1) == Some(&b'>') => {
                    at += 1;
                    break;
                }
                Some(_) => {
                    let attribute_len = bytes[at..]
                        .iter()
                        .take_while(|b| b.is_ascii_lowercase() || **b == b'-')
                        .count();
                    if attribute_len == 0 {
                        return false;
                    }
                    let attribute = &html[at..at + attribute_len];
                    at += attribute_len;
                    let value = if bytes[at..].starts_with(b"=\"") {
                        let start = at + 2;
                        let Some(len) = memchr::memchr(b'"', &bytes[start..]) else {
                            return false;
                        };
                        at = start + len + 1;
                        &html[start..start + len]
                    } else {
                        ""
                    };
                    if !renderer_attribute(element, attribute, value) {
                        return false;
                    }
                }
                None => return false,
            }
        }
    }
    true
}

/// The length of the element name (lower-case letters and digits) starting at `at`.
fn name_at(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count()
}

/// The scheme of a link that can run code or read local files (`javascript:`, `vbscript:`,
/// `data:`, `file:`), as browsers read it: control characters and spaces ignored, any case.
pub fn unsafe_scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file").then_some(scheme)
}

/// The parts of an HTML fragment that could run script: script-like elements, event-handler
/// (`on…`), `style` (table alignment aside), `srcdoc` and `autofocus` (which fires a handler
/// without a click) attributes, and addresses with a scheme that runs code. Empty for
/// everything the sanitizer lets through; for tests and fuzzing to hold it to that.
pub fn scripted_parts(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_fragment(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        let scripted_element = matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "style" | "form" | "base" | "meta" | "link"
        );
        if scripted_element {
            found.push(format!("<{name}>"));
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            let address = matches!(
                attribute.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "srcset"
            );
            if attribute.starts_with("on")
                || (attribute == "style" && !is_table_alignment(name, value))
                || attribute == "srcdoc"
                || attribute == "autofocus"
                || (address && unsafe_scheme(value).is_some())
            {
                found.push(format!("<{name} {attribute}={value:?}>"));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_renderers_own_html_passes_as_it_is() {
        let html = "<h2 id=\"x\" class=\"lead\">T</h2>\n<p><a href=\"https://e.org/?a=1&amp;b=2\" title=\"t\">l</a> \
                    <img src=\"../map.png\" alt=\"m\" /> <code>x</code></p>\n<ol start=\"3\"><li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\ndone</li></ol>\n\
                    <table><thead><tr><th style=\"text-align: center\">a</th></tr></thead></table>\n\
                    <pre class=\"code\" data-lang=\"rust\"><code class=\"language-rust\"><span class=\"hl-x\">fn</span> &lt;a&gt;</code></pre>\n\
                    <sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup><hr /><br />";
        assert!(within_renderer_subset(html));
        assert_eq!(sanitize_rendered(html.to_string()), html);
    }

    #[test]
    fn anything_else_goes_through_ammonia() {
        for html in [
            "<p onclick=\"x()\">a</p>",
            "<h1 onfocus=\"alert(1)\" autofocus=\"\">a</h1>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"java&#09;script:alert(1)\">x</a>",
            "<a href=\"JAVA\tSCRIPT:alert(1)\">x</a>",
            "<img src=\"data:text/html,x\" />",
            "<a href=\"foo:bar\">x</a>",
            "<script>alert(1)</script>",
            "<td style=\"color: red\">x</td>",
            "<p>a<!-- c --></p>",
            "<p title='x'>a</p>",
            "<input type=\"text\" />",
            "<iframe src=\"https://e.org/\"></iframe>",
            "<p>a</p",
        ] {
            assert!(!within_renderer_subset(html), "{html}");
            let clean = sanitize_rendered(html.to_string());
            assert!(scripted_parts(&clean).is_empty(), "{html} → {clean}");
        }
    }
}

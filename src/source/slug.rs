//! URL slugs: ASCII, lower case, hyphenated, made from names as people write them.

/// The longest slug, in bytes. A slug names a folder of the output (`tags/<slug>/`), and file
/// systems take at most 255 bytes a name: a longer one is cut, with a hash of the whole so
/// that two long names that start alike keep two addresses.
pub const MAX_SLUG_BYTES: usize = 120;

/// The slug of a name: `Nguyễn Phú Trọng` → `nguyen-phu-trong`, `Nuclear Policy` →
/// `nuclear-policy`. Empty when the name has no letters or digits; at most
/// [`MAX_SLUG_BYTES`].
pub fn slugify(name: &str) -> String {
    bounded(unbounded(name))
}

/// A slug cut to [`MAX_SLUG_BYTES`] at a hyphen, ending in 8 hex digits of its whole text's
/// FNV-1a hash (stable across runs and versions, unlike the standard library's hasher).
fn bounded(slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let hash = slug.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    // A slug is ASCII: any byte is a character boundary.
    let head = &slug[..MAX_SLUG_BYTES - 9];
    let head = head
        .rfind('-')
        .filter(|&i| i > 0)
        .map_or(head, |i| &head[..i]);
    format!("{head}-{hash:08x}")
}

fn unbounded(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_hyphen = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Whether a name (a person, tag or source) gives a page address: it has a letter or digit.
pub fn names_a_page(name: &str) -> bool {
    // An ASCII letter or digit stays in the slug (transliteration keeps ASCII as it is): only
    // names without one are transliterated to see.
    name.bytes().any(|b| b.is_ascii_alphanumeric()) || !slugify(name).is_empty()
}

/// Whether `segment` can stand as one segment of a URL path as it is: not empty, not `.` or
/// `..`, and only letters, digits, `-`, `_`, `.` and `~`.
pub fn is_plain_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lower_case_and_hyphenated() {
        assert_eq!(slugify("Kim Jong-un"), "kim-jong-un");
        assert_eq!(slugify("Nguyễn Phú Trọng"), "nguyen-phu-trong");
        assert_eq!(slugify("Nuclear Policy"), "nuclear-policy");
        assert_eq!(slugify("  U.S.–North Korea  "), "u-s-north-korea");
        assert_eq!(slugify("김정은"), "gimjeongeun");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn long_slugs_are_cut_and_stay_apart() {
        let a = slugify(&format!("{} one", "Very long name ".repeat(20)));
        let b = slugify(&format!("{} two", "Very long name ".repeat(20)));
        assert!(
            a.len() <= MAX_SLUG_BYTES && b.len() <= MAX_SLUG_BYTES,
            "{a}"
        );
        assert_ne!(a, b);
        assert!(a.starts_with("very-long-name-very-long-name-"), "{a}");
        assert_eq!(a, slugify(&format!("{} one", "Very long name ".repeat(20))));
        let cjk = slugify(&"김정은".repeat(100));
        assert!(cjk.len() <= MAX_SLUG_BYTES, "{cjk}");
    }

    #[test]
    fn a_name_names_a_page_when_its_slug_has_a_letter_or_digit() {
        for name in ["Kim", "G7", "김정은", "€", "Ærø"] {
            assert!(names_a_page(name), "{name}");
            assert_eq!(names_a_page(name), !slugify(name).is_empty(), "{name}");
        }
        for name in ["—", " ", "!?", ""] {
            assert!(!names_a_page(name), "{name:?}");
        }
    }

    #[test]
    fn plain_segments() {
        assert!(is_plain_segment("trump-kim_2.0"));
        for bad in ["", ".", "..", "a/b", "a\\b", "a b", "a?b", "%2e"] {
            assert!(!is_plain_segment(bad), "{bad}");
        }
    }
}

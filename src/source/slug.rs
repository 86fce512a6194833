//! URL slugs: ASCII, lower case, hyphenated, made from names as people write them.

/// The slug of a name: `Nguyễn Phú Trọng` → `nguyen-phu-trong`, `Nuclear Policy` →
/// `nuclear-policy`. Empty when the name has no letters or digits.
pub fn slugify(name: &str) -> String {
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
    !slugify(name).is_empty()
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
    fn plain_segments() {
        assert!(is_plain_segment("trump-kim_2.0"));
        for bad in ["", ".", "..", "a/b", "a\\b", "a b", "a?b", "%2e"] {
            assert!(!is_plain_segment(bad), "{bad}");
        }
    }
}

//! Front matter and Markdown parsing must never panic, hang or blow up memory, whatever the
//! bytes: every input is either a briefing or a list of diagnostics, and a briefing's HTML
//! never carries anything that runs script (event handlers, `javascript:` addresses, …).
#![no_main]

use libfuzzer_sys::fuzz_target;
use site_config::CONFIG;

mod site_config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match briefgen::content::briefing::parse_one("2025/2025-06-12-fuzz.md", text, &CONFIG) {
        Ok(briefing) => {
            assert!(!briefing.slug.is_empty());
            let html = briefing.html.text();
            let scripted = briefgen::source::sanitize::scripted_parts(&html);
            assert!(scripted.is_empty(), "{scripted:?} in {html}");
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty()),
    }
});

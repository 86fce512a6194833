//! `import` must never panic, hang or blow up memory on any page or clipping, and what it
//! writes must be a briefing that builds, with no script in its HTML. The first byte picks
//! how the input is read (HTML or copied text); the rest is the clipping's bytes, decoded as
//! a file's are (byte order mark, declared charset, or a guess).
#![no_main]

use briefgen::import::{ImportOptions, import};
use libfuzzer_sys::fuzz_target;
use site_config::CONFIG;

mod site_config;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = briefgen::import::decode(rest, None);
    let options = ImportOptions {
        html: Some(mode % 2 == 0),
        ..ImportOptions::default()
    };
    let draft = import(&text, &options, &CONFIG.timezone);
    let written = draft.to_text(&draft.date_or_now(&CONFIG.timezone));
    match briefgen::content::briefing::parse_one("2025/2025-06-12-fuzz.md", &written, &CONFIG) {
        Ok(briefing) => {
            let html = briefing.html.text();
            let scripted = briefgen::source::sanitize::scripted_parts(&html);
            assert!(scripted.is_empty(), "{scripted:?} in {html}");
        }
        Err(diagnostics) => panic!("the draft does not build: {diagnostics:?}\n{written}"),
    }
});

//! Times `import` inside one process, page after page, as Python's extractors are timed when
//! `bench/import_eval.py` scores them beside briefgen (a call per page, the interpreter and the
//! library already loaded). The `briefgen import` process does more per page: it starts, and
//! builds its patterns, every time. The first page here builds the patterns too.
//!
//! Usage: import_time FILE...   Prints a line per file: its path, a tab, microseconds.

use std::time::Instant;

use briefgen::import::{ImportOptions, decode, import};

fn main() {
    let zone = jiff::tz::TimeZone::UTC;
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let options = ImportOptions {
            html: path.ends_with(".html").then_some(true),
            ..ImportOptions::default()
        };
        let start = Instant::now();
        let text = decode(&bytes, None);
        let draft = import(&text, &options, &zone);
        let elapsed = start.elapsed();
        // Used, so that nothing of the import is left out by the optimizer.
        std::hint::black_box(draft);
        println!("{path}\t{}", elapsed.as_micros());
    }
}

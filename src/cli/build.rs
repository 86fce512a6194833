//! `briefgen build`: builds the site and prints one line about it.

use std::path::Path;

use briefgen::BuildError;

use super::{BuildArgs, print_warnings};

/// Runs `briefgen build`.
pub fn run(root: &Path, args: BuildArgs) -> Result<(), BuildError> {
    let timings = args.timings;
    let report = briefgen::build(&args.options(root))?;
    print_warnings(&report.warnings, root);
    println!("{}", report.summary("Built"));
    if timings {
        eprintln!("timings: {}", report.timings);
    }
    Ok(())
}

//! `briefgen build`: builds the site and prints one line about it.

use std::path::PathBuf;

use briefgen::BuildError;

use super::{BuildArgs, print_warnings};

/// Runs `briefgen build`.
pub fn run(root: PathBuf, args: BuildArgs) -> Result<(), BuildError> {
    let timings = args.timings;
    let report = briefgen::build(&args.options(root))?;
    print_warnings(&report.warnings);
    println!("{}", report.summary("Built"));
    if timings {
        eprintln!("timings: {}", report.timings);
    }
    Ok(())
}

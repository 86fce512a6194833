//! `briefgen build`: builds the site and prints one line about it.

use std::path::Path;

use briefgen::BuildError;

use super::{BuildArgs, Printer};

/// Runs `briefgen build`.
pub fn run(root: &Path, args: BuildArgs, printer: &Printer) -> Result<(), BuildError> {
    let timings = args.timings;
    let report = briefgen::build(&args.options(root))?;
    printer.warnings(&report.warnings);
    printer.summary(&report.summary("Built"));
    if timings {
        eprintln!("timings: {}", report.timings);
    }
    Ok(())
}

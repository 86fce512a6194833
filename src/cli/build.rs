//! `briefgen build`: builds the site and prints one line about it.

use std::path::Path;

use briefgen::{BuildError, BuildOptions};

use super::progress::Terminal;
use super::{BuildArgs, Printer};

/// Runs `briefgen build`.
pub fn run(root: &Path, args: BuildArgs, printer: &Printer) -> Result<(), BuildError> {
    let (timings, sizes) = (args.timings, args.sizes);
    let terminal = Terminal::on_stderr();
    let options = BuildOptions {
        progress: terminal.progress(),
        ..args.options(root)
    };
    // An error drops the line on its way out, before it is printed.
    let report = briefgen::build(&options)?;
    terminal.finish();
    printer.warnings(&report.warnings);
    printer.summary(&report.summary("Built"));
    if timings {
        eprintln!("timings: {}", report.timings);
    }
    if sizes {
        let groups = briefgen::output::sizes::sizes(&report.output_dir)
            .map_err(|e| BuildError::io("measuring the output", e))?;
        eprint!(
            "{}",
            briefgen::output::sizes::table(&groups, report.briefings)
        );
    }
    Ok(())
}

//! `briefgen build`: builds the site and prints one line about it.

use std::path::Path;

use briefgen::BuildError;

use super::progress::Terminal;
use super::{BuildArgs, Printer};

/// Runs `briefgen build`.
pub fn run(root: &Path, args: BuildArgs, printer: &Printer) -> Result<(), BuildError> {
    let timings = args.timings;
    let terminal = Terminal::on_stderr();
    let mut options = args.options(root);
    if let Some(terminal) = &terminal {
        options.progress = terminal.progress();
    }
    let report = briefgen::build(&options);
    if let Some(terminal) = &terminal {
        terminal.finish();
    }
    let report = report?;
    printer.warnings(&report.warnings);
    printer.summary(&report.summary("Built"));
    if timings {
        eprintln!("timings: {}", report.timings);
    }
    Ok(())
}

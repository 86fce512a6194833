//! `briefgen check`: runs the build without writing, to find every problem.

use std::path::Path;

use briefgen::{BuildError, BuildOptions};

use super::{CheckArgs, Printer};

/// Runs `briefgen check`.
pub fn run(root: &Path, args: CheckArgs, printer: &Printer) -> Result<(), BuildError> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        ..BuildOptions::default()
    };
    let report = briefgen::check(&options)?;
    printer.warnings(&report.warnings);
    let mut summary = format!(
        "Checked {} briefings, {} tags, {} people, {} sources: no errors ({:.2} s)",
        report.briefings,
        report.tags,
        report.people,
        report.sources,
        report.elapsed.as_secs_f64()
    );
    if let Some(line) = report.left_out() {
        summary.push('\n');
        summary.push_str(&line);
    }
    printer.summary(&summary);
    Ok(())
}

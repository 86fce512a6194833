//! `briefgen check`: runs the build without writing, to find every problem.

use std::path::PathBuf;

use briefgen::{BuildError, BuildOptions};

use super::{CheckArgs, print_warnings};

/// Runs `briefgen check`.
pub fn run(root: PathBuf, args: CheckArgs) -> Result<(), BuildError> {
    let options = BuildOptions {
        root,
        base_url: args.base_url,
        drafts: args.drafts,
        ..BuildOptions::default()
    };
    let report = briefgen::check(&options)?;
    print_warnings(&report.warnings);
    println!(
        "Checked {} briefings, {} tags, {} people, {} sources: no errors ({:.2} s)",
        report.briefings,
        report.tags,
        report.people,
        report.sources,
        report.elapsed.as_secs_f64()
    );
    Ok(())
}

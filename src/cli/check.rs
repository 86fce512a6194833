//! `briefgen check`: runs the build without writing, to find every problem.

use std::path::Path;

use briefgen::{BuildError, BuildOptions};

use super::{CheckArgs, print_warnings};

/// Runs `briefgen check`.
pub fn run(root: &Path, args: CheckArgs) -> Result<(), BuildError> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        ..BuildOptions::default()
    };
    let report = briefgen::check(&options)?;
    print_warnings(&report.warnings, root);
    println!(
        "Checked {} briefings, {} tags, {} people, {} sources: no errors ({:.2} s)",
        report.briefings,
        report.tags,
        report.people,
        report.sources,
        report.elapsed.as_secs_f64()
    );
    if let Some(line) = report.left_out() {
        println!("{line}");
    }
    Ok(())
}

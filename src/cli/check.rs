//! `briefgen check`: runs the build without writing, to find every problem.

use std::path::Path;
use std::time::Duration;

use briefgen::links::LinkOptions;
use briefgen::{BuildError, BuildOptions};

use super::{CheckArgs, ExternalArgs, Printer};

/// Runs `briefgen check`.
pub fn run(root: &Path, args: CheckArgs, printer: &Printer) -> Result<(), BuildError> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        ..BuildOptions::default()
    };
    let (report, links) = if args.external.external {
        let (report, links) = briefgen::check_external(&options, &args.external.options()?)?;
        (report, Some(links))
    } else {
        (briefgen::check(&options)?, None)
    };
    printer.warnings(&report.warnings);
    let mut summary = format!(
        "Checked {} briefings, {} tags, {} people, {} sources{}: no errors ({:.2} s)",
        report.briefings,
        report.tags,
        report.people,
        report.sources,
        report.stories_counted(),
        report.elapsed.as_secs_f64()
    );
    if let Some(line) = report.left_out() {
        summary.push('\n');
        summary.push_str(&line);
    }
    if let Some(links) = links {
        printer.warnings(&links.cache_warnings);
        if args.external.strict && !links.broken.is_empty() {
            return Err(BuildError::Content(links.broken));
        }
        printer.warnings(&links.broken);
        summary.push('\n');
        summary.push_str(&links.summary());
    }
    printer.summary(&summary);
    Ok(())
}

impl ExternalArgs {
    fn options(&self) -> Result<LinkOptions, BuildError> {
        let seconds = |value: f64, name: &str| {
            Duration::try_from_secs_f64(value).map_err(|_| {
                BuildError::usage(
                    format!("--{name}"),
                    format!("--{name} must be a number of 0 or more"),
                )
            })
        };
        let defaults = LinkOptions::default();
        Ok(LinkOptions {
            max_age: seconds(self.max_age * 86_400.0, "max-age")?,
            per_host: self.per_host.max(1),
            probe: briefgen::links::probe::ProbeOptions {
                timeout: seconds(self.timeout, "timeout")?,
                ..defaults.probe
            },
            ..defaults
        })
    }
}

//! `briefgen import FILE|-`: turns a clipped article into a draft briefing, written into the
//! site (its path printed) or to standard output.

use std::io::Read;
use std::path::Path;

use briefgen::BuildError;
use briefgen::import::{ImportOptions, import};
use briefgen::source::config::SiteConfig;

use super::ImportArgs;

/// Runs `briefgen import`.
pub fn run(root: &Path, args: ImportArgs) -> Result<(), BuildError> {
    if let Some(url) = args
        .url
        .as_deref()
        .filter(|u| !briefgen::source::frontmatter::is_web_url(u))
    {
        return Err(BuildError::Usage(format!(
            "--url `{url}` is not an http or https address"
        )));
    }
    let from_stdin = args.file == Path::new("-");
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| BuildError::io("reading standard input".to_string(), e))?;
        bytes
    } else {
        std::fs::read(&args.file)
            .map_err(|e| BuildError::io(format!("reading {}", args.file.display()), e))?
    };
    let text = String::from_utf8_lossy(&bytes);
    // An .html file is HTML; anything else is HTML if it looks like it.
    let extension = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    let named_html = matches!(extension.as_deref(), Some("html" | "htm"));
    let options = ImportOptions {
        url: args.url,
        html: named_html.then_some(true),
    };
    if args.stdout {
        // Outside a site, dates without an offset are read as UTC.
        let zone = SiteConfig::load(root).map_or(jiff::tz::TimeZone::UTC, |l| l.config.timezone);
        let briefing = import(&text, &options, &zone);
        warn_undated(&briefing);
        print!("{}", briefing.to_text(&briefing.date_or_now(&zone)));
        return Ok(());
    }
    let config = SiteConfig::load(root)?.config;
    let briefing = import(&text, &options, &config.timezone);
    warn_undated(&briefing);
    let path = briefing.write_into(root, &config)?;
    println!("{}", root.join(path).display());
    eprintln!(
        "A draft: check its title, date, source, people and tags, then set draft: false to publish."
    );
    Ok(())
}

/// Says on standard error that the draft's date is the import time, not the article's.
fn warn_undated(briefing: &briefgen::scaffold::DraftBriefing) {
    if briefing.date.is_none() {
        eprintln!(
            "warning: no date found in the clipping; the draft's date is the import time (its `date:` line says so): set the article's date"
        );
    }
}

//! `briefgen import FILE|-`: turns a clipped article into a draft briefing, written into the
//! site (its path printed) or to standard output.

use std::io::Read;
use std::path::Path;

use briefgen::BuildError;
use briefgen::config::SiteConfig;
use briefgen::import::{ImportOptions, import};

use super::ImportArgs;

/// Runs `briefgen import`.
pub fn run(root: &Path, args: ImportArgs) -> Result<(), BuildError> {
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
    let extension = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    let options = ImportOptions {
        url: args.url,
        html: extension
            .map(|e| e == "html" || e == "htm")
            .filter(|is| *is),
    };
    // Outside a site (with --stdout), dates without an offset are read as UTC.
    let config = match SiteConfig::load(root) {
        Ok(loaded) => Some(loaded.config),
        Err(_) if args.stdout => None,
        Err(e) => return Err(e),
    };
    let zone = config
        .as_ref()
        .map_or(jiff::tz::TimeZone::UTC, |c| c.timezone.clone());
    let briefing = import(&text, &options, &zone);
    if args.stdout {
        let date = briefing.date_or_now(&zone);
        print!("{}", briefing.to_text(&date));
        return Ok(());
    }
    let path = briefing.write_into(root)?;
    println!("{}", root.join(path).display());
    eprintln!(
        "A draft: check its title, date, source, people and tags, then set draft: false to publish."
    );
    Ok(())
}

//! `briefgen import FILE|-`: turns a clipped article into a draft briefing, written into the
//! site (its path printed) or to standard output.

use std::io::Read;
use std::path::Path;

use briefgen::BuildError;
use briefgen::import::{ImportOptions, decode, fetch, import};
use briefgen::source::config::SiteConfig;
use briefgen::source::people::People;

use super::progress::Terminal;
use super::{ImportArgs, write_stdout};

/// Runs `briefgen import`.
pub fn run(root: &Path, args: ImportArgs) -> Result<(), BuildError> {
    if let Some(url) = args
        .url
        .as_deref()
        .filter(|u| !briefgen::source::frontmatter::is_web_url(u))
    {
        return Err(BuildError::usage(
            "--url",
            format!("--url `{url}` is not an http or https address"),
        ));
    }
    // Wiped when dropped: an error on the way out is printed on a clean line.
    let terminal = Terminal::on_stderr();
    let arg = args.file.to_string_lossy().to_string();
    // An address is fetched; `fetch` refuses any but http and https.
    let (text, options) = if arg.contains("://") {
        terminal.show(&format!("Fetching {arg}…"));
        let page = fetch::fetch(&arg, fetch::TIMEOUT).map_err(|e| e.into_build_error(&arg))?;
        let text = decode(&page.bytes, page.content_type.as_deref()).into_owned();
        let options = ImportOptions {
            // The address it was found at, after redirects, unless told otherwise.
            url: args.url.or(Some(page.url)),
            html: Some(true),
            ..ImportOptions::default()
        };
        (text, options)
    } else {
        let bytes = read_clipping(&args.file)?;
        // An .html file is HTML; anything else is HTML if it looks like it.
        let extension = args
            .file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        let named_html = matches!(extension.as_deref(), Some("html" | "htm"));
        let options = ImportOptions {
            url: args.url,
            html: named_html.then_some(true),
            ..ImportOptions::default()
        };
        (decode(&bytes, None).into_owned(), options)
    };
    // The site's people file maps spellings onto its names ("Kim Jong Un" → "Kim Jong-un").
    // A file with errors maps nothing here: `build` reports them.
    terminal.show("Reading the article…");
    let people = People::load(root).unwrap_or_default();
    // A draft in another language than the site's says so (`language: ko`).
    let site_language = SiteConfig::load(root).ok().map(|l| l.config.language);
    let options = ImportOptions {
        people,
        site_language,
        ..options
    };
    if args.stdout {
        // Outside a site, dates without an offset are read as UTC.
        let zone = SiteConfig::load(root).map_or(jiff::tz::TimeZone::UTC, |l| l.config.timezone);
        let mut briefing = import(&text, &options, &zone);
        briefing.stories = args.story;
        terminal.finish();
        warn_undated(&briefing);
        let text = briefing.to_text(&briefing.date_or_now(&zone));
        return write_stdout(text.as_bytes());
    }
    let config = SiteConfig::load(root)?.config;
    let mut briefing = import(&text, &options, &config.timezone);
    briefing.stories = args.story;
    terminal.finish();
    warn_undated(&briefing);
    let path = briefing.write_into(root, &config)?;
    println!("{}", root.join(path).display());
    eprintln!(
        "A draft: check its title, date, source, people and tags, then set draft: false to publish."
    );
    Ok(())
}

/// The clipping's bytes, from its file or standard input (`-`).
fn read_clipping(file: &Path) -> Result<Vec<u8>, BuildError> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| BuildError::io("reading standard input".to_string(), e))?;
        Ok(bytes)
    } else {
        std::fs::read(file).map_err(|e| BuildError::io(format!("reading {}", file.display()), e))
    }
}

/// Says on standard error when the draft's date is not the article's own (the import time) or
/// not from its text (its source), as its `date:` line does.
fn warn_undated(briefing: &briefgen::scaffold::DraftBriefing) {
    match briefing.date_note.as_deref() {
        Some(briefgen::import::NO_DATE) => eprintln!(
            "warning: no date found in the clipping; the draft's date is the import time (its `date:` line says so): set the article's date"
        ),
        Some(_) => eprintln!(
            "warning: the draft's date was found only in the page's source, not its text (its `date:` line says so): check it"
        ),
        None => {}
    }
}

//! `briefgen new "Title"`: writes a new briefing and prints its path.

use std::path::Path;

use briefgen::BuildError;
use briefgen::scaffold::{DraftBriefing, split_list};
use briefgen::source::config::SiteConfig;

use super::NewArgs;

/// Runs `briefgen new`.
pub fn run(root: &Path, args: NewArgs) -> Result<(), BuildError> {
    let config = SiteConfig::load(root)?.config;
    let date = args
        .date
        .as_deref()
        .map(|d| briefgen::source::dates::parse_date(d, &config.timezone))
        .transpose()
        .map_err(|e| BuildError::usage("--date", format!("--date: {e}")))?;
    if args.title.trim().is_empty() {
        return Err(BuildError::usage("TITLE", "the title is empty"));
    }
    let briefing = DraftBriefing {
        title: args.title.trim().to_string(),
        date,
        date_note: None,
        source: args.source,
        url: args.url,
        people: args.people.as_deref().map(split_list).unwrap_or_default(),
        tags: args.tags.as_deref().map(split_list).unwrap_or_default(),
        summary: None,
        draft: true,
        body: "Write the briefing here.".to_string(),
        stories: args.story,
        language: None,
    };
    let path = briefing.write_into(root, &config)?;
    println!("{}", root.join(path).display());
    Ok(())
}

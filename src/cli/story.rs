//! `briefgen story new "Title"`: writes a new story and prints its path.

use std::path::Path;

use briefgen::BuildError;

use super::StoryNewArgs;

/// Runs `briefgen story new`.
pub fn new(root: &Path, args: StoryNewArgs) -> Result<(), BuildError> {
    if !root.join(briefgen::source::layout::CONFIG_FILE).is_file() {
        return Err(BuildError::usage(
            "--root",
            format!(
                "{} holds no site.toml: run it in a site's folder, or pass --root",
                root.display()
            ),
        ));
    }
    let path = briefgen::scaffold::new_story(root, &args.title, args.summary.as_deref())?;
    println!("{}", root.join(path).display());
    Ok(())
}

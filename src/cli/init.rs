//! `briefgen init [DIR]`: writes a new site and says what to do next.

use std::path::Path;

use briefgen::BuildError;

use super::InitArgs;

/// Runs `briefgen init`.
pub fn run(root: &Path, args: InitArgs) -> Result<(), BuildError> {
    let dir = args.dir.as_deref().unwrap_or(root);
    let today = jiff::ZonedDateTime::now();
    let written = briefgen::scaffold::init_site(dir, &today)?;
    println!("Created a briefing site in {}:", dir.display());
    for path in &written {
        println!("  {}", path.display());
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    println!("Next: {cd}briefgen serve   (preview), or briefgen build   (into public/)");
    Ok(())
}

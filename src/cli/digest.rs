//! `briefgen digest [PERIOD] [--format html|text]`: prints a period's digest email, exactly as
//! the build writes it, for pasting into a mail tool.

use std::path::Path;

use briefgen::{BuildError, BuildOptions, DigestFormat};

use super::{DigestArgs, DigestFormatArg, write_stdout};

/// Runs `briefgen digest`.
pub fn run(root: &Path, args: DigestArgs) -> Result<(), BuildError> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url: args.base_url,
        ..BuildOptions::default()
    };
    let format = match args.format {
        DigestFormatArg::Html => DigestFormat::Html,
        DigestFormatArg::Text => DigestFormat::Text,
    };
    let bytes = briefgen::digest(&options, args.period.as_deref(), format)?;
    write_stdout(&bytes)
}

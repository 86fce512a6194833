//! `briefgen completions <shell>` and `briefgen man`: shell completions and a man page,
//! generated from the command-line definition itself, so they never fall behind it.

use clap::CommandFactory;

use briefgen::BuildError;

use super::{Cli, CompletionsArgs, ManArgs, write_stdout};

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs) -> Result<(), BuildError> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "briefgen", &mut out);
    write_stdout(&out)
}

/// Prints the man page (roff), for `man -l -` or a `man1` folder; with a folder, writes a page
/// per command into it (`briefgen.1`, `briefgen-build.1`, …).
pub fn man(args: ManArgs) -> Result<(), BuildError> {
    if let Some(dir) = args.out {
        std::fs::create_dir_all(&dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir))
            .map_err(|e| BuildError::io(format!("writing man pages to {}", dir.display()), e))?;
        println!("Wrote the man pages to {}", dir.display());
        return Ok(());
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| BuildError::io("writing the man page", e))?;
    write_stdout(&out)
}

//! The commands, one module each. They parse nothing themselves and print little: the work is
//! done by the library.

mod build;
mod check;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use briefgen::{BuildError, BuildOptions, Diagnostic};

/// A static site generator for curated briefing pages.
#[derive(Debug, Parser)]
#[command(name = "briefgen", version, about)]
pub struct Cli {
    /// The site folder (holding site.toml); default: the current folder.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Builds the site into its output folder (public/ unless site.toml says otherwise).
    Build(BuildArgs),
    /// Checks everything a build would (front matter, slugs, links, templates), writing nothing.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Replaces base_url for this build (e.g. the GitHub Pages address).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Writes to this folder instead of output_dir.
    #[arg(long, short = 'o', value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Builds drafts too.
    #[arg(long)]
    drafts: bool,
    /// Replaces an output folder that briefgen did not write.
    #[arg(long)]
    force: bool,
    /// Prints how long each stage took.
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Checks with this base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Checks drafts too.
    #[arg(long)]
    drafts: bool,
}

/// Runs the command.
pub fn run(cli: Cli) -> Result<(), BuildError> {
    match cli.command {
        Command::Build(args) => build::run(cli.root, args),
        Command::Check(args) => check::run(cli.root, args),
    }
}

fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

impl BuildArgs {
    fn options(self, root: PathBuf) -> BuildOptions {
        BuildOptions {
            root,
            base_url: self.base_url,
            output_dir: self.output_dir,
            drafts: self.drafts,
            force: self.force,
        }
    }
}

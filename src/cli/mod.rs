//! The commands, one module each. They parse nothing themselves and print little: the work is
//! done by the library.

mod build;
mod check;
mod completions;
mod deploy;
mod digest;
mod import;
mod init;
mod messages;
mod new;
mod progress;
mod serve;
mod story;

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use briefgen::BuildOptions;
use messages::{FormatArgs, MessageFormat, Printer};

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
    /// Serves the site locally and rebuilds it on every save, updating open pages in place.
    Serve(ServeArgs),
    /// Builds the site and publishes it on a branch of its git repository (gh-pages), for
    /// GitHub Pages' "Deploy from a branch".
    Deploy(DeployArgs),
    /// Creates a new site (site.toml, an example briefing, a GitHub Pages workflow) in DIR.
    Init(InitArgs),
    /// Writes a new briefing, content/YYYY/YYYY-MM-DD-slug.md, and prints its path.
    New(NewArgs),
    /// Turns a clipped article (copied text or a saved HTML page) into a draft briefing.
    Import(ImportArgs),
    /// Works with stories: `briefgen story new "Title"` writes stories/<slug>.md.
    #[command(subcommand)]
    Story(StoryCommand),
    /// Prints a period's digest as an email (HTML, or plain text) to paste into a mail tool:
    /// the latest complete period unless one is named (`2025-W24`).
    Digest(DigestArgs),
    /// Prints the completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Prints the man page (roff), or writes one per command into a folder.
    Man(ManArgs),
}

#[derive(Debug, Args)]
struct DeployArgs {
    /// The remote to push to.
    #[arg(long, default_value = "origin")]
    remote: String,
    /// The branch to publish on.
    #[arg(long, default_value = "gh-pages")]
    branch: String,
    /// The site's address; default: the cname domain if site.toml sets one, else the GitHub
    /// Pages address of the remote (https://OWNER.github.io/REPO/), else base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Deploys although the sources have uncommitted changes.
    #[arg(long)]
    allow_dirty: bool,
}

#[derive(Debug, Args)]
struct DigestArgs {
    /// The period, as its digest's address names it: `2025-W24` (weekly digests),
    /// `2025-06-14` (daily), `2025-06` (monthly). Default: the latest complete one.
    period: Option<String>,
    /// What to print: the email's HTML, or its plain text.
    #[arg(long, value_enum, default_value = "html")]
    format: DigestFormatArg,
    /// The site's address, in place of site.toml's base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum DigestFormatArg {
    /// email.html.
    Html,
    /// email.txt.
    Text,
}

#[derive(Debug, Args)]
struct ManArgs {
    /// Writes briefgen.1 and a page per command (briefgen-build.1, …) into this folder
    /// (e.g. ~/.local/share/man/man1) instead of printing briefgen.1.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to create the site in (created if missing); default: --root.
    dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The briefing's title.
    title: String,
    /// The source's name (the outlet).
    #[arg(long)]
    source: Option<String>,
    /// The article's address.
    #[arg(long)]
    url: Option<String>,
    /// People, comma-separated: "Kim Jong-un, Donald Trump".
    #[arg(long)]
    people: Option<String>,
    /// Tags, comma-separated: "diplomacy, North Korea".
    #[arg(long)]
    tags: Option<String>,
    /// The date (2025-06-12, 2025-06-12 15:18 or RFC 3339); default: now, in the site's
    /// time zone.
    #[arg(long)]
    date: Option<String>,
    /// A story the briefing joins, by its slug (the file name in stories/); repeat for more.
    #[arg(long, value_name = "SLUG")]
    story: Vec<String>,
}

#[derive(Debug, Subcommand)]
enum StoryCommand {
    /// Writes a new story, stories/<slug>.md (the slug made from the title), and prints its
    /// path.
    New(StoryNewArgs),
}

#[derive(Debug, Args)]
struct StoryNewArgs {
    /// The story's title.
    title: String,
    /// The editor's summary, in a sentence or two.
    #[arg(long)]
    summary: Option<String>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The clipping: a text file, an HTML file, an http or https address to fetch, or - for
    /// standard input.
    file: PathBuf,
    /// The article's address, when the clipping does not give it.
    #[arg(long)]
    url: Option<String>,
    /// Prints the briefing instead of writing it into the site.
    #[arg(long)]
    stdout: bool,
    /// A story the briefing joins, by its slug (the file name in stories/); repeat for more.
    #[arg(long, value_name = "SLUG")]
    story: Vec<String>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The port to serve on; 0, or a taken port, picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    interface: std::net::IpAddr,
    /// Serves drafts too.
    #[arg(long)]
    drafts: bool,
    /// Serves briefings dated in the future too.
    #[arg(long)]
    future: bool,
    /// Opens the site in a browser.
    #[arg(long)]
    open: bool,
    /// Prints how long each step of a rebuild took.
    #[arg(long)]
    timings: bool,
    /// When a briefing is saved, open pages go to that briefing's page.
    #[arg(long)]
    follow: bool,
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
    /// Builds briefings dated in the future too.
    #[arg(long)]
    future: bool,
    /// Replaces an output folder that briefgen did not write.
    #[arg(long)]
    force: bool,
    /// Prints how long each stage took.
    #[arg(long)]
    timings: bool,
    /// Prints the files and bytes of each part of the output (briefing pages, each taxonomy,
    /// home, feeds …), with bytes per briefing.
    #[arg(long)]
    sizes: bool,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Checks with this base_url.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Checks drafts too.
    #[arg(long)]
    drafts: bool,
    /// Checks briefings dated in the future too.
    #[arg(long)]
    future: bool,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    external: ExternalArgs,
}

#[derive(Debug, Args)]
struct ExternalArgs {
    /// Also asks whether every source url and external link still answers (over HTTP).
    #[arg(long)]
    external: bool,
    /// Broken external links are errors (exit code 1), not warnings.
    #[arg(long, requires = "external")]
    strict: bool,
    /// Asks again about addresses found alive more than DAYS days ago (0: about every one);
    /// the results are kept in .briefgen/links.json.
    #[arg(
        long,
        value_name = "DAYS",
        default_value_t = 7.0,
        requires = "external"
    )]
    max_age: f64,
    /// Requests in flight to one host at once, at most.
    #[arg(long, value_name = "N", default_value_t = 4, requires = "external")]
    per_host: usize,
    /// How long one address may take to answer, redirects included, in seconds.
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 10.0,
        requires = "external"
    )]
    timeout: f64,
}

/// Runs the command and returns the exit code, having printed any error.
pub fn run(cli: Cli) -> u8 {
    let root = cli.root.clone();
    let format = match &cli.command {
        Command::Build(BuildArgs { format, .. }) | Command::Check(CheckArgs { format, .. }) => {
            format.message_format
        }
        _ => MessageFormat::Human,
    };
    let printer = Printer::new(&root, format);
    let result = match cli.command {
        Command::Build(args) => build::run(&root, args, &printer),
        Command::Check(args) => check::run(&root, args, &printer),
        Command::Serve(args) => serve::run(&root, args),
        Command::Deploy(args) => deploy::run(&root, args),
        Command::Init(args) => init::run(&root, args),
        Command::New(args) => new::run(&root, args),
        Command::Import(args) => import::run(&root, args),
        Command::Story(StoryCommand::New(args)) => story::new(&root, args),
        Command::Digest(args) => digest::run(&root, args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    };
    match result {
        Ok(()) => 0,
        Err(error) => {
            printer.error(&error);
            u8::try_from(error.exit_code()).unwrap_or(1)
        }
    }
}

impl BuildArgs {
    fn options(self, root: &Path) -> BuildOptions {
        BuildOptions {
            root: root.to_path_buf(),
            base_url: self.base_url,
            output_dir: self.output_dir,
            drafts: self.drafts,
            future: self.future,
            force: self.force,
            ..BuildOptions::default()
        }
    }
}

/// Writes `bytes` to standard output; a reader that stops early (`| head`) is no error.
fn write_stdout(bytes: &[u8]) -> Result<(), briefgen::BuildError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(briefgen::BuildError::io("writing to standard output", e))
        }
        _ => Ok(()),
    }
}

//! The `briefgen` command line: parses arguments and hands each command to its module.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    ExitCode::from(cmd::run(cmd::Cli::parse()))
}

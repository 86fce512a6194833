//! The `briefgen` command line: parses arguments and hands each command to its module.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: a build allocates and frees many small strings
/// and template values on every core, where glibc's malloc spent a tenth of the CPU time
/// (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(cli::run(cli::Cli::parse()))
}

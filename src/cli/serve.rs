//! `briefgen serve`: a preview that follows every save.

use std::path::Path;

use briefgen::BuildError;
use briefgen::serve::ServeOptions;

use super::ServeArgs;

/// Runs `briefgen serve` until Ctrl-C.
pub fn run(root: &Path, args: ServeArgs) -> Result<(), BuildError> {
    briefgen::serve::serve(ServeOptions {
        root: root.to_path_buf(),
        interface: args.interface,
        port: args.port,
        drafts: args.drafts,
        future: args.future,
        open: args.open,
        timings: args.timings,
        follow: args.follow,
    })
}

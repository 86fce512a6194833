//! `briefgen deploy`: builds the site, publishes it on a branch, and says what it pushed.

use std::path::Path;

use briefgen::BuildError;
use briefgen::deploy::DeployOptions;

use super::DeployArgs;

/// Runs `briefgen deploy`.
pub fn run(root: &Path, args: DeployArgs) -> Result<(), BuildError> {
    let report = briefgen::deploy::deploy(&DeployOptions {
        remote: args.remote,
        branch: args.branch,
        base_url: args.base_url,
        allow_dirty: args.allow_dirty,
        ..DeployOptions::new(root)
    })?;
    println!("{}", report.summary());
    Ok(())
}

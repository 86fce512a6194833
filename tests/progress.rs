//! Progress on a terminal: shown on stderr when stderr is a terminal (a pseudo-terminal from
//! `script` here), never in a pipe or a CI log, and wiped before the summary.

mod common;

use std::process::Command;

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let site = common::generated_site(1500);
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("Rendering"), "{}", run.stderr);
    assert!(!run.stderr.contains('\r') && !run.stderr.contains('\x1b'));
    assert!(
        run.stdout.starts_with("Built 1500 briefings"),
        "{}",
        run.stdout
    );
}

/// Runs a build of `site` under `script`, which gives it a pseudo-terminal for its output.
fn build_on_a_terminal(site: &common::Site, ci: Option<&str>) -> String {
    let command = format!(
        "{} build --root {}",
        env!("CARGO_BIN_EXE_briefgen"),
        site.root().display()
    );
    let mut script = Command::new("script");
    script
        .args(["-q", "-e", "-f", "-c", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("CI");
    if let Some(ci) = ci {
        script.env("CI", ci);
    }
    let output = script.output().expect("script (util-linux) runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn progress_on_a_terminal_and_not_in_ci() {
    // Large enough that a debug build takes well past the moment before progress shows.
    let site = common::generated_site(1500);
    let shown = build_on_a_terminal(&site, None);
    assert!(shown.contains("\x1b[2KRendering: "), "{shown:?}");
    assert!(shown.contains(" of "), "{shown:?}");
    // The line is wiped before the summary, which starts a line of its own.
    assert!(shown.contains("\r\x1b[2KBuilt 1500 briefings"), "{shown:?}");
    // A CI runner's log is never a place for it, even on a pseudo-terminal.
    let in_ci = build_on_a_terminal(&site, Some("true"));
    assert!(!in_ci.contains("Rendering"), "{in_ci:?}");
    assert!(in_ci.starts_with("Built 1500 briefings"), "{in_ci:?}");
}

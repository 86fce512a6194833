//! Shell completions and man pages: generated for every shell, bash's loaded by bash and
//! completing a command, the man pages readable by `man`.

mod common;

use std::process::Command;

fn briefgen_output(args: &[&str]) -> common::Run {
    let run: common::Run = common::briefgen().args(args).output().unwrap().into();
    run.assert_ok();
    run
}

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _briefgen"),
        ("zsh", "#compdef briefgen"),
        ("fish", "complete -c briefgen"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[briefgen]"),
    ] {
        let run = briefgen_output(&["completions", shell]);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        for command in ["build", "check", "serve", "import", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
    }
    let run: common::Run = common::briefgen()
        .args(["completions", "tcsh"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2, "an unknown shell is a usage error");
}

#[test]
fn bash_loads_its_completions_and_completes_commands_and_options() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("briefgen.bash");
    std::fs::write(&script, briefgen_output(&["completions", "bash"]).stdout).unwrap();
    let complete = |words: &str| -> String {
        let program = format!(
            "set -e; source \"$1\"; complete -p briefgen >/dev/null; \
             COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _briefgen briefgen \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let output = Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &program, "_"])
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "bash: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let commands = complete("briefgen bu");
    assert_eq!(commands.trim(), "build", "{commands}");
    let options = complete("briefgen check --mess");
    assert_eq!(options.trim(), "--message-format", "{options}");
    let values = complete("briefgen build --message-format j");
    assert_eq!(values.trim(), "json", "{values}");
}

#[test]
fn man_pages_are_generated_and_read_by_man() {
    let page = briefgen_output(&["man"]).stdout;
    assert!(page.contains(".TH briefgen 1"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    briefgen_output(&["man", "--out", out.to_str().unwrap()]);
    for command in ["", "-build", "-check", "-serve", "-import", "-completions"] {
        let file = out.join(format!("briefgen{command}.1"));
        assert!(file.is_file(), "{} missing", file.display());
    }
    // Where `man` is installed, the page must render without complaint.
    let Ok(output) = Command::new("man")
        .env("MANWIDTH", "80")
        .arg("-l")
        .arg(out.join("briefgen-check.1"))
        .output()
    else {
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("--message-format"), "{text}");
}

//! One fixture per kind of bad input. For each: the exit code, a message that names the file
//! and line (and column where known), and the previous output left byte-for-byte as it was.

mod common;

use common::{SITE_TOML, Site, front, snapshot};

/// A change made to a good site that has been built once.
enum Change {
    /// Writes a file (relative to the site root).
    Write(&'static str, &'static [u8]),
    /// Writes a file whose text is made at run time.
    WriteText(&'static str, String),
    /// Makes a symlink at the first path pointing at the second (relative to the site root,
    /// or absolute).
    Symlink(&'static str, &'static str),
}

struct Case {
    name: &'static str,
    changes: Vec<Change>,
    code: i32,
    /// Each must appear in stderr; the first names the file and line.
    expect: &'static [&'static str],
}

fn good_site() -> Site {
    let site = Site::new(SITE_TOML);
    site.briefing(
        "2019/2019-02-28-hanoi.md",
        &front("Hanoi", "2019-02-28", &["Summits"], &["Kim Jong-un"]),
        "Body.\n",
    );
    site
}

fn alias_bomb() -> String {
    let mut yaml = String::from(
        "title: X\ndate: 2025-01-01\nsource: KBS\nextra:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        yaml.push_str(&format!("  {}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    format!("---\n{yaml}---\nBody.\n")
}

fn cases() -> Vec<Case> {
    use Change::*;
    vec![
        Case {
            name: "front matter not closed",
            changes: vec![Write("content/x.md", b"---\ntitle: X\n\nBody.\n")],
            code: 1,
            expect: &["content/x.md:1: front matter opened on line 1 is never closed"],
        },
        Case {
            name: "no front matter",
            changes: vec![Write("content/x.md", b"# Just Markdown\n")],
            code: 1,
            expect: &["content/x.md:1: no front matter"],
        },
        Case {
            name: "YAML syntax error, at its line in the file",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\n  people: [a\n---\nBody.\n")],
            code: 1,
            expect: &["content/x.md:5:", "front matter:"],
        },
        Case {
            name: "required fields missing",
            changes: vec![Write("content/x.md", b"---\ntags: [a]\n---\nBody.\n")],
            code: 1,
            expect: &[
                "content/x.md:1: front matter has no `title`",
                "content/x.md:1: front matter has no `date`",
                "content/x.md:1: front matter has no `source`",
            ],
        },
        Case {
            name: "required field mistyped",
            changes: vec![Write("content/x.md", b"---\ntitle: [a, b]\ndate: 2025-01-01\nsource: KBS\n---\n")],
            code: 1,
            expect: &["content/x.md:2:8: title must be text"],
        },
        Case {
            name: "source mistyped",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: [KBS]\n---\n")],
            code: 1,
            expect: &["content/x.md:4:9: source must be a name or a map with a name and a url"],
        },
        Case {
            name: "impossible date",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-13-45\nsource: KBS\n---\n")],
            code: 1,
            expect: &["content/x.md:3:7: date: `2025-13-45` is not a date", "2025-06-12T15:18:48+09:00"],
        },
        Case {
            name: "a word for a date",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: yesterday\nsource: KBS\n---\n")],
            code: 1,
            expect: &["content/x.md:3:7: date: `yesterday` is not a date"],
        },
        Case {
            name: "people not a list",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\npeople: Kim Jong-un\n---\n")],
            code: 1,
            expect: &["content/x.md:5:9: people must be a list of names"],
        },
        Case {
            name: "tags not strings",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\ntags: [{a: b}]\n---\n")],
            code: 1,
            expect: &["content/x.md:5:7: tags: entry 1 must be a name written as text (it is a map)"],
        },
        Case {
            name: "unknown front matter key",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\npeopel: [Kim]\n---\n")],
            code: 1,
            // At the key (issue 25: it was at the value); see the caret test below.
            expect: &["content/x.md:5:1: unknown front matter key `peopel`; did you mean `people`?"],
        },
        Case {
            name: "several problems in one file",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-13-45\nsource: KBS\npeople: Kim Jong-un\n---\n")],
            code: 1,
            expect: &["content/x.md:3:7: date:", "content/x.md:5:9: people must be a list", "2 errors found"],
        },
        Case {
            name: "not UTF-8",
            changes: vec![Write("content/x.md", b"---\ntitle: Caf\xe9\n---\n")],
            code: 1,
            expect: &["content/x.md:2:11: the file is not UTF-8 text"],
        },
        Case {
            name: "empty file",
            changes: vec![Write("content/x.md", b"")],
            code: 1,
            expect: &["content/x.md:1: the file is empty"],
        },
        Case {
            name: "YAML alias bomb",
            changes: vec![WriteText("content/x.md", alias_bomb())],
            code: 1,
            expect: &["content/x.md:", "repetition limit exceeded"],
        },
        Case {
            name: "very deep nesting",
            changes: vec![WriteText(
                "content/x.md",
                format!("---\ntitle: X\ndate: 2025-01-01\nsource: KBS\nextra: {}{}\n---\n", "[".repeat(10_000), "]".repeat(10_000)),
            )],
            code: 1,
            expect: &["content/x.md:5:", "nested too deeply"],
        },
        Case {
            name: "front matter over 64 KiB",
            changes: vec![WriteText("content/x.md", format!("---\ntitle: X\n{}---\n", "# padding\n".repeat(7_000)))],
            code: 1,
            expect: &["content/x.md:1: front matter is larger than 64 KiB"],
        },
        Case {
            name: "duplicate slugs",
            changes: vec![WriteText("content/2020/2020-01-01-hanoi.md", format!("---\n{}---\n", front("Other", "2020-01-01", &[], &[])))],
            code: 1,
            expect: &["content/2020/2020-01-01-hanoi.md:1: slug `hanoi` is also the slug of content/2019/2019-02-28-hanoi.md"],
        },
        Case {
            name: "slug not a plain path segment",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\nslug: a/../../b\n---\n")],
            code: 1,
            expect: &["content/x.md:5: slug `a/../../b` is not a plain path segment"],
        },
        Case {
            name: "broken link between briefings",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\n---\nIntro.\n\nSee [it](@/2019/nope.md).\n")],
            code: 1,
            expect: &["content/x.md:8:5: link to `@/2019/nope.md`: there is no content/2019/nope.md"],
        },
        Case {
            name: "source URL that is not http",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: { name: KBS, url: \"javascript:alert(1)\" }\n---\n")],
            code: 1,
            expect: &["content/x.md:4:9: source: url `javascript:alert(1)` is not an http or https address"],
        },
        Case {
            name: "script link in the body",
            changes: vec![Write("content/x.md", b"---\ntitle: X\ndate: 2025-01-01\nsource: KBS\n---\n[click](javascript:alert(1))\n")],
            code: 1,
            expect: &["content/x.md:6:1: link to `javascript:alert(1)`: javascript: links can run code"],
        },
        Case {
            name: "Tera syntax error",
            changes: vec![Write("templates/briefing.html", b"{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n")],
            code: 1,
            expect: &["templates/briefing.html:3:"],
        },
        Case {
            name: "Tera runtime error, with the nearest field",
            changes: vec![Write("templates/briefing.html", b"{% extends \"base.html\" %}\n{% block main %}\n{{ briefing.titel }}\n{% endblock main %}\n")],
            code: 1,
            expect: &["templates/briefing.html:3:", "did you mean `title`?"],
        },
        Case {
            name: "unknown filter",
            changes: vec![Write("templates/index.html", b"{% extends \"base.html\" %}\n{% block main %}\n{{ config.title | uppr }}\n{% endblock main %}\n")],
            code: 1,
            expect: &["templates/index.html:3:", "did you mean `upper`?"],
        },
        Case {
            name: "bad site.toml value",
            changes: vec![Write("site.toml", b"title = \"T\"\nbase_url = \"https://example.org/\"\npaginate_by = -3\n")],
            code: 1,
            expect: &["site.toml:3: paginate_by must be a whole number of 1 or more"],
        },
        Case {
            name: "site.toml syntax error",
            changes: vec![Write("site.toml", b"title = \"T\nbase_url = \"https://example.org/\"\n")],
            code: 1,
            expect: &["site.toml:1:"],
        },
        Case {
            name: "unknown theme",
            changes: vec![Write("site.toml", b"title = \"T\"\nbase_url = \"https://example.org/\"\ntheme = \"nope\"\n")],
            code: 1,
            expect: &["site.toml: theme `nope` not found"],
        },
        Case {
            name: "symlink out of the site",
            changes: vec![Symlink("content/outside.md", "/etc/hostname")],
            code: 1,
            expect: &["content/outside.md: symlink leads outside the site folder"],
        },
        Case {
            name: "symlink loop",
            changes: vec![Symlink("content/2019/loop", "content")],
            code: 1,
            expect: &["content/2019/loop: symlink loop"],
        },
        Case {
            name: "a briefing names a story that does not exist",
            changes: vec![
                Write("stories/hanoi-summit.md", b"---\ntitle: Hanoi\n---\n"),
                Write("content/y.md", b"---\ntitle: Y\ndate: 2019-02-28\nsource: KBS\nstory: hanoi-sumit\n---\nBody.\n"),
            ],
            code: 1,
            expect: &["content/y.md:5: no story `hanoi-sumit`: there is no stories/hanoi-sumit.md", "did you mean `hanoi-summit`?"],
        },
        Case {
            name: "a story without a title",
            changes: vec![Write("stories/hanoi.md", b"---\nsummary: S\n---\nText.\n")],
            code: 1,
            expect: &["stories/hanoi.md:1: front matter has no `title`"],
        },
        Case {
            name: "a story with an unknown status",
            changes: vec![Write("stories/hanoi.md", b"---\ntitle: Hanoi\nstatus: finished\n---\n")],
            code: 1,
            expect: &["stories/hanoi.md:3:9: status `finished` is not one: a story is `developing` or `concluded`"],
        },
        Case {
            name: "a story with an unknown key",
            changes: vec![Write("stories/hanoi.md", b"---\ntitle: Hanoi\nsumary: S\n---\n")],
            code: 1,
            expect: &["stories/hanoi.md:3:1: unknown front matter key `sumary`", "did you mean `summary`?"],
        },
        Case {
            name: "a story file named in a second spelling of a slug",
            changes: vec![Write("stories/Hanoi Summit.md", b"---\ntitle: Hanoi\n---\n")],
            code: 1,
            expect: &["stories/Hanoi Summit.md: a story's file name is its slug", "rename it `stories/hanoi-summit.md`"],
        },
        Case {
            name: "a briefing names one story twice, in two spellings",
            changes: vec![
                Write("stories/hanoi-summit.md", b"---\ntitle: Hanoi\n---\n"),
                Write("content/y.md", b"---\ntitle: Y\ndate: 2019-02-28\nsource: KBS\nstory: hanoi-summit\nstories: [Hanoi Summit]\n---\nBody.\n"),
            ],
            code: 1,
            expect: &["content/y.md:6:10: stories: the story `hanoi-summit` is named twice; name each story once"],
        },
        Case {
            name: "something other than a story in stories/",
            changes: vec![Write("stories/map.png", b"PNG")],
            code: 1,
            expect: &["stories/map.png: only stories belong in stories/"],
        },
        Case {
            name: "output folder that is the site",
            changes: vec![Write("site.toml", b"title = \"T\"\nbase_url = \"https://example.org/\"\noutput_dir = \".\"\n")],
            code: 2,
            expect: &["refusing to write the site to"],
        },
    ]
}

fn apply(site: &Site, change: &Change) {
    match change {
        Change::Write(path, bytes) => {
            let path = site.path(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Change::WriteText(path, text) => {
            site.write(path, text);
        }
        Change::Symlink(link, target) => {
            let target = if target.starts_with('/') {
                std::path::PathBuf::from(target)
            } else {
                site.path(target)
            };
            std::os::unix::fs::symlink(target, site.path(link)).unwrap();
        }
    }
}

/// A good site, built once, then changed as the case says.
fn prepared(case: &Case) -> Site {
    let site = good_site();
    site.build().assert_ok();
    for change in &case.changes {
        apply(&site, change);
    }
    site
}

/// Runs briefgen on `site` as a GitHub Actions job would, the site being the workspace.
fn in_github_actions(site: &Site, args: &[&str]) -> common::Run {
    common::briefgen()
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", site.root())
        .output()
        .unwrap()
        .into()
}

#[test]
fn every_kind_of_bad_input_is_named_and_nothing_is_lost() {
    let mut failures = Vec::new();
    for case in cases() {
        let site = prepared(&case);
        // No change touches the output folder: this is the output of the good site.
        let before = snapshot(&site.path("public"));
        let root_entries = || {
            let mut names: Vec<_> = std::fs::read_dir(site.root())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            names
        };
        let entries_before = root_entries();
        let run = site.build();
        let mut problems = Vec::new();
        if run.code != case.code {
            problems.push(format!("exit code {} instead of {}", run.code, case.code));
        }
        for expected in case.expect {
            if !run.stderr.contains(expected) {
                problems.push(format!("no {expected:?}"));
            }
        }
        if run.stderr.contains("panicked") {
            problems.push("panicked".to_string());
        }
        if snapshot(&site.path("public")) != before {
            problems.push("the previous output changed".to_string());
        }
        if root_entries() != entries_before {
            problems.push("files were left beside the output".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\nstderr:\n{}",
                case.name,
                problems.join("; "),
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The file, line and column an expected message names (`content/x.md:5:9: …`), as far as it
/// names them, and the message after them; `None` when it names no file.
fn expected_place(expected: &str) -> Option<(String, Option<u64>, Option<u64>, &str)> {
    let (place, rest) = expected.split_once(": ").unwrap_or((expected, ""));
    let mut parts = place.trim_end_matches(':').split(':');
    let file = parts.next()?.to_string();
    if !(file.starts_with("content/")
        || file.starts_with("templates/")
        || file.starts_with("stories/")
        || file == "site.toml")
    {
        return None;
    }
    let mut number = || parts.next().and_then(|n| n.parse().ok());
    Some((file, number(), number(), rest))
}

#[test]
fn every_kind_of_bad_input_as_json_and_as_github_workflow_commands() {
    let mut failures = Vec::new();
    for case in cases() {
        let site = prepared(&case);
        let run = in_github_actions(&site, &["build", "--message-format", "json"]);
        let mut problems = Vec::new();
        if run.code != case.code {
            problems.push(format!("exit code {} instead of {}", run.code, case.code));
        }
        let objects: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .filter_map(|line| match serde_json::from_str(line) {
                Ok(value) => Some(value),
                Err(e) => {
                    problems.push(format!("not JSON ({e}): {line}"));
                    None
                }
            })
            .collect();
        let Some((summary, diagnostics)) = objects.split_last() else {
            failures.push(format!("{}: no JSON at all", case.name));
            continue;
        };
        if summary["type"] != "summary" || summary["success"] != false {
            problems.push(format!("no failed summary last: {summary}"));
        }
        if !diagnostics.iter().all(|d| d["type"] == "diagnostic") {
            problems.push("a line before the summary is no diagnostic".to_string());
        }
        let texts: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                let hint = d["hint"].as_str().map(|h| format!("; {h}"));
                format!(
                    "{}{}",
                    d["message"].as_str().unwrap_or(""),
                    hint.unwrap_or_default()
                )
            })
            .collect();
        for expected in case.expect {
            let Some((file, line, column, rest)) = expected_place(expected) else {
                // The count of errors is the summary's; anything else a diagnostic's.
                let said = summary["message"].as_str().unwrap_or("").contains(expected)
                    || texts.iter().any(|t| t.contains(expected));
                if !said {
                    problems.push(format!("no message with {expected:?}"));
                }
                continue;
            };
            let placed = diagnostics.iter().zip(&texts).any(|(d, text)| {
                d["severity"] == "error"
                    && d["file"] == file.as_str()
                    && line.is_none_or(|l| d["line"] == l)
                    && column.is_none_or(|c| d["column"] == c)
                    && text.starts_with(rest)
            });
            if !placed {
                problems.push(format!("no error at {file}:{line:?}:{column:?} {rest:?}"));
            }
            let mut command = format!("::error file={file}");
            if let Some(line) = line {
                command.push_str(&format!(",line={line}"));
            }
            if let Some(column) = column {
                command.push_str(&format!(",col={column}"));
            }
            if !run.stderr.lines().any(|l| l.starts_with(&command)) {
                problems.push(format!("no workflow command {command:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\nstdout:\n{}\nstderr:\n{}",
                case.name,
                problems.join("; "),
                run.stdout,
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = good_site();
    site.briefing("a.md", "title: A\ndate: yesterday\nsource: KBS\n", "x\n");
    site.briefing(
        "b.md",
        "title: B\ndate: 2025-01-01\nsource: KBS\npeople: Kim\n",
        "x\n",
    );
    site.write("content/c.md", "no front matter here\n");
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    for expected in [
        "content/a.md:3:7:",
        "content/b.md:5:9:",
        "content/c.md:1:",
        "templates/term.html:1:",
        "4 errors found; nothing was written",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
}

#[test]
fn errors_show_the_offending_line_with_a_caret() {
    let site = good_site();
    site.write(
        "content/x.md",
        "---\ntitle: X\ndate: 2025-13-45\nsource: KBS\n---\n",
    );
    let run = site.build();
    assert!(
        run.stderr
            .contains("3 │ date: 2025-13-45\n  │       ^^^^^^^^^^"),
        "{}",
        run.stderr
    );
    // Issue 25: an unknown key is underlined itself, not its value.
    site.write(
        "content/x.md",
        "---\ntitle: X\ndate: 2025-01-01\nsource: KBS\npeopel: [Kim]\n---\n",
    );
    let run = site.build();
    assert!(
        run.stderr.contains("5 │ peopel: [Kim]\n  │ ^^^^^^\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn config_warnings_name_the_nearest_key_and_do_not_stop_the_build() {
    let site = good_site();
    site.write("site.toml", &format!("{SITE_TOML}paginte_by = 5\n"));
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "site.toml:3: unknown key `paginte_by` is ignored; did you mean `paginate_by`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn warnings_are_json_and_workflow_commands_too_and_human_output_stays() {
    let site = good_site();
    site.write("site.toml", &format!("{SITE_TOML}paginte_by = 5\n"));
    let run = in_github_actions(&site, &["check", "--message-format", "json"]);
    run.assert_ok();
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(lines[0]["severity"], "warning");
    assert_eq!(lines[0]["file"], "site.toml");
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[0]["message"], "unknown key `paginte_by` is ignored");
    assert_eq!(lines[0]["hint"], "did you mean `paginate_by`?");
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["success"], true);
    assert!(
        lines[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("Checked 1 briefings")
    );
    // Human output is as it was, with the workflow command after it.
    let run = in_github_actions(&site, &["build"]);
    run.assert_ok();
    assert!(run.stdout.starts_with("Built 1 briefing"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "site.toml:3: unknown key `paginte_by` is ignored; did you mean `paginate_by`?"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.lines().any(|l| l
            == "::warning file=site.toml,line=3,title=briefgen::unknown key `paginte_by` is ignored; did you mean `paginate_by`?"),
        "{}",
        run.stderr
    );
    // Outside GitHub Actions, no workflow commands.
    assert!(!site.build().stderr.contains("::warning"));
}

#[test]
fn a_missing_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let run: common::Run = common::briefgen()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no site.toml"), "{}", run.stderr);
    // Every command that needs a site says the same (serve exited 1 with another message).
    for command in [&["check"][..], &["serve", "--port", "0"], &["new", "T"]] {
        let other = common::run_in(dir.path(), command);
        assert_eq!(other.code, 2, "{command:?}: {}", other.stderr);
        assert_eq!(other.stderr, run.stderr, "{command:?}");
    }
    let run: common::Run = common::briefgen().arg("biuld").output().unwrap().into();
    assert_eq!(run.code, 2, "unknown commands are usage errors");
}

/// Errors by kind: a usage error (exit 2) names the file, folder or flag it concerns; a
/// server that cannot be reached is an error about its address (exit 1), not a usage error.
#[test]
fn errors_are_by_kind_and_name_what_they_concern() {
    let site = good_site();
    let unreachable = "http://127.0.0.1:1/x";
    let missing = tempfile::tempdir().unwrap();
    let refused = good_site();
    refused.write(
        "site.toml",
        &format!("{}output_dir = \".\"\n", common::SITE_TOML),
    );
    let cases: [(&str, common::Run, i32, String); 4] = [
        (
            "import from nothing listening",
            site.run(&["import", unreachable]),
            1,
            unreachable.to_string(),
        ),
        (
            "import of an ftp address",
            site.run(&["import", "ftp://example.org/x"]),
            2,
            "ftp://example.org/x".to_string(),
        ),
        (
            "no site.toml",
            common::run_in(missing.path(), &["build"]),
            2,
            "site.toml".to_string(),
        ),
        (
            "the site folder as output",
            refused.build(),
            2,
            refused.root().display().to_string(),
        ),
    ];
    for (what, run, code, named) in cases {
        assert_eq!(run.code, code, "{what}: {}", run.stderr);
        assert!(
            run.stderr.contains(&named),
            "{what} does not name {named}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_folder_briefgen_did_not_write_is_kept_unless_forced() {
    let site = good_site();
    site.write("public/thesis.docx", "precious");
    let run = site.build();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.path("public/thesis.docx")).unwrap(),
        "precious"
    );
    site.run(&["build", "--force"]).assert_ok();
    assert!(site.has_output("briefings/hanoi/index.html"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_build() {
    let site = good_site();
    site.write("content/win.md", "\u{feff}---\r\ntitle: Windows\r\ndate: 2025-01-01\r\nsource: KBS\r\n---\r\nSaved on Windows.\r\n");
    site.build().assert_ok();
    let html = site.output("briefings/win/index.html");
    assert!(
        html.contains("<h1>Windows</h1>") && html.contains("Saved on Windows."),
        "{html}"
    );
}

#[test]
fn pasted_scripts_do_not_reach_readers() {
    let site = good_site();
    site.briefing(
        "pasted.md",
        &front("Pasted", "2025-01-01", &[], &[]),
        "Text <script>alert(1)</script> and <img src=\"x.png\" onerror=\"alert(1)\">.\n\n<iframe src=\"https://evil.example/\"></iframe>\n",
    );
    site.build().assert_ok();
    let html = site.output("briefings/pasted/index.html");
    assert!(
        !html.contains("<script>alert") && !html.contains("onerror") && !html.contains("<iframe"),
        "{html}"
    );

    site.write("site.toml", &format!("{SITE_TOML}allow_raw_html = true\n"));
    site.build().assert_ok();
    assert!(
        site.output("briefings/pasted/index.html")
            .contains("<iframe")
    );
}

#[test]
fn an_error_after_the_first_batch_is_written_leaves_nothing_behind() {
    // More than 1,024 files, so that the briefing pages are rendered and written into the
    // staging folder before the sitemap (the last file) fails.
    let site = Site::new(SITE_TOML);
    for i in 0..1100 {
        site.briefing(
            &format!("2020/2020-01-01-item-{i}.md"),
            &front(&format!("Item {i}"), "2020-01-01", &["T"], &["P"]),
            "Text.\n",
        );
    }
    site.build().assert_ok();
    let before = snapshot(&site.path("public"));
    // An error only rendering finds (the template itself is sound).
    site.write("templates/sitemap.xml", "{{ entries | first | int }}");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/sitemap.xml:1:22"),
        "{}",
        run.stderr
    );
    assert!(
        snapshot(&site.path("public")) == before,
        "the previous output changed"
    );
    let beside = site.staging_leftovers();
    assert!(beside.is_empty(), "staging folders left: {beside:?}");
}

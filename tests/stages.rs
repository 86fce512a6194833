//! The stages of `src/` depend one way: a module may use a module of its own stage or of an
//! earlier one, never of a later one. The order is written once, in [`STAGES`]; this test
//! reads every file of `src/` and names each import that reaches forward.

use std::path::Path;

/// The top-level modules of `src/`, stage by stage, in pipeline order. The first line holds
/// the leaves every stage may use (diagnostics, text helpers, the HTTP client, a made file,
/// how text is cut into words, texts held in a temporary file).
const STAGES: &[&[&str]] = &[
    &[
        "error", "chars", "nesting", "web", "rendered", "words", "spill",
    ],
    // Read and parse files.
    &["source"],
    // The model and its URLs.
    &["content"],
    // What is made from the model.
    &["search", "render", "links"],
    // The cached state of a site, rendered into a sink.
    &["engine"],
    // What drives the engine and writes or serves what it makes.
    &[
        "output", "build", "serve", "cli", "deploy", "report", "scaffold", "import",
    ],
];

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|stage| stage.contains(&module))
}

/// The top-level modules a file's code names through `crate::` (comments left out).
fn imports(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::b, c}`: the first name of each item at the group's own depth.
            let mut depth = 0;
            let mut item_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && depth == 0 && (c.is_alphanumeric() || c == '_') => {
                        name.push(c)
                    }
                    _ if item_start && !name.is_empty() => {
                        found.push(std::mem::take(&mut name));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.push(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// Every import among `files` (path under `src/`, text) that reaches a later stage, or a
/// module no stage lists, one line each.
fn forward_imports(files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in files {
        let module = path
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = stage_of(module) else {
            problems.push(format!("src/{path}: module `{module}` is in no stage"));
            continue;
        };
        for used in imports(text) {
            if used == module || used.is_empty() {
                continue;
            }
            match stage_of(&used) {
                Some(stage) if stage <= own => {}
                Some(_) => problems.push(format!(
                    "src/{path}: `{module}` uses `crate::{used}`, of a later stage"
                )),
                None => problems.push(format!(
                    "src/{path}: `crate::{used}` is in no stage of this test"
                )),
            }
        }
    }
    problems
}

fn source_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let path = e.path().strip_prefix(&src).unwrap();
            (
                path.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn no_module_imports_from_a_later_stage() {
    let files = source_files();
    assert!(files.len() > 50, "src/ was read");
    let problems = forward_imports(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_import_from_a_later_stage_is_named() {
    let files = vec![
        (
            "source/parse.rs".to_string(),
            "use crate::content::model::Briefing;\nuse crate::error::Diagnostic;\n".to_string(),
        ),
        (
            "render/mod.rs".to_string(),
            "// crate::engine in a comment is not an import\nuse crate::{\n    content::urls,\n    engine::{Engine, Sink},\n};\n".to_string(),
        ),
        (
            "search/mod.rs".to_string(),
            "let x = crate::serve::Session::open;".to_string(),
        ),
    ];
    assert_eq!(
        forward_imports(&files),
        [
            "src/source/parse.rs: `source` uses `crate::content`, of a later stage",
            "src/render/mod.rs: `render` uses `crate::engine`, of a later stage",
            "src/search/mod.rs: `search` uses `crate::serve`, of a later stage",
        ]
    );
}

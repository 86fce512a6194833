//! The one place that parses YAML. serde_yaml is deprecated upstream; its maintained fork
//! (serde_norway) has the same API, so moving to it is a change to this file alone.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Diagnostic;

mod simple;

/// Any YAML value, for free-form maps such as a briefing's `extra`.
pub type Value = serde_yaml::Value;
/// A YAML map.
pub type Mapping = serde_yaml::Mapping;

/// A YAML error with its place in the YAML text.
#[derive(Debug)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line in the YAML text, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
}

impl YamlError {
    /// The error as a diagnostic of `file`, whose YAML starts on line `first_line` (2 in front
    /// matter, after the opening `---`), its message after `what` (`front matter: …`) and in
    /// plain words where the parser's are obscure.
    pub fn diagnostic(&self, file: &Path, first_line: usize, what: &str) -> Diagnostic {
        let message = format!("{what}: {}", plain_message(&self.message));
        let offset = first_line - 1;
        match (self.line, self.column) {
            (Some(line), Some(column)) => Diagnostic::at(file, line + offset, column, message),
            (Some(line), None) => Diagnostic::at_line(file, line + offset, message),
            // Where the YAML opens: front matter's `---`, or a data file's first line.
            _ => Diagnostic::at_line(file, offset.max(1), message),
        }
    }
}

/// The YAML parser's wording for the limits it enforces, in plain words.
fn plain_message(message: &str) -> String {
    if message.contains("repetition limit exceeded") {
        "YAML aliases here expand into too many values (repetition limit exceeded); write the \
         values out instead of repeating aliases"
            .to_string()
    } else if message.contains("recursion limit exceeded") {
        "the YAML is nested too deeply (recursion limit exceeded); a few levels are all it needs"
            .to_string()
    } else {
        message.to_string()
    }
}

/// How deeply flow collections (`[…]`, `{…}`) may nest; the parser refuses deeper values
/// anyway (its recursion limit is 128), but only after work that grows with the square of the
/// depth (2.4 s for 32,000 levels in 64 KiB), so deeper text is refused before it is parsed.
const MAX_FLOW_DEPTH: usize = 128;

/// Deserializes `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_flow_depth(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the caller reports the place itself.
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })
}

/// Parses `text` as a YAML value: the simple front matter most files have in one pass of its
/// own ([`simple`]), anything else with serde_yaml (which reports the errors).
pub fn value(text: &str) -> Result<Value, YamlError> {
    match simple::parse(text) {
        Some(value) => Ok(value),
        None => from_str(text),
    }
}

/// Refuses text whose flow collections nest deeper than [`MAX_FLOW_DEPTH`], in one pass: `[`
/// and `{` count where YAML reads them as the start of a collection (at the start of a value,
/// or inside a collection), not inside quoted strings, comments or plain text.
fn check_flow_depth(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut after_indicator = true; // at the start of a value: line start, `: `, `- `, `? `
    let mut previous = '\n';
    let (mut line, mut column) = (1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
        }
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
                column += 1;
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek() == Some(&'\'') {
                    chars.next();
                    column += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => match c {
                '#' if previous.is_whitespace() => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            (line, column) = (line + 1, 0);
                            break;
                        }
                    }
                    after_indicator = true;
                    previous = '\n';
                    continue;
                }
                '"' | '\'' if after_indicator || depth > 0 => quote = Some(c),
                '[' | '{' if after_indicator || depth > 0 => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(YamlError {
                            message: "recursion limit exceeded".to_string(),
                            line: Some(line),
                            column: Some(column),
                        });
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ => {}
            },
        }
        after_indicator = match c {
            '\n' => true,
            ' ' | '\t' => after_indicator || matches!(previous, ':' | '-' | '?' | ','),
            '[' | '{' | ',' => depth > 0,
            _ => false,
        };
        previous = c;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let deep = format!("a: {}{}", "[".repeat(32_000), "]".repeat(32_000));
        let error = from_str::<Value>(&deep).unwrap_err();
        assert_eq!(error.message, "recursion limit exceeded");
        assert_eq!(
            (error.line, error.column),
            (Some(1), Some(4 + MAX_FLOW_DEPTH))
        );
        let deep_maps = format!("a:\n  b: {}1{}", "{x: ".repeat(200), "}".repeat(200));
        assert_eq!(from_str::<Value>(&deep_maps).unwrap_err().line, Some(2));
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let many = "[".repeat(MAX_FLOW_DEPTH + 10);
        let yaml = format!(
            "title: Kim {many}\nquoted: \"{many}\"\nsingle: '{many}'' {many}'\nlist: [\"{many}\", '{many}']\n# {many}\nnested: [[[1]], {{a: [2]}}]\n"
        );
        let value: Value = from_str(&yaml).unwrap();
        assert_eq!(
            value["title"].as_str(),
            Some(format!("Kim {many}").as_str())
        );
    }
}

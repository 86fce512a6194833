//! The one place that parses YAML. serde_yaml is deprecated upstream; its maintained fork
//! (serde_norway) has the same API, so moving to it is a change to this file alone.

use serde::de::DeserializeOwned;

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

/// Deserializes `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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

//! The load and parse stages: what a site's files are and what they say.
//!
//! - load: [`layout`] says where things live and which files count; [`config`] reads
//!   `site.toml`; [`files`] finds and reads the content; [`theme`] finds the templates and
//!   static files; [`stories`] reads `stories/`.
//! - parse: [`parse`] turns a briefing file into a briefing, through [`frontmatter`] (with
//!   [`yaml`], [`dates`], [`slug`]) and [`markdown`] (with [`highlight`] and [`sanitize`]).

pub mod config;
pub mod dates;
pub mod digest_notes;
pub mod files;
pub mod frontmatter;
pub mod highlight;
pub mod language;
pub mod layout;
pub mod markdown;
pub mod parse;
pub mod people;
pub mod period;
pub mod sanitize;
pub mod slug;
pub mod stories;
pub mod strings;
pub mod theme;
pub mod yaml;

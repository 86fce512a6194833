//! briefgen: a static site generator for curated briefing pages.
//!
//! A site is a folder with `site.toml` and `content/` (Markdown briefings with YAML front
//! matter). The build is a pipeline of stages, each a module with one job:
//!
//! - load: [`config`] reads `site.toml`; [`load`] finds and reads the files; [`theme`] finds
//!   the templates and static files.
//! - parse: [`frontmatter`] (via [`yaml`], [`dates`], [`slug`]) and [`markdown`] (via
//!   [`highlight`]), driven by [`parse`].
//! - model: [`model`] — briefings, taxonomies, chronology.
//! - render: [`render`] through [`templates`], in parallel.
//! - write: [`write`], atomically.
//!
//! [`site`] runs the stages in order. Beside the pipeline, [`scaffold`] writes new sites and
//! briefings, and [`import`] turns clipped articles into draft briefings.

pub mod chars;
pub mod config;
pub mod dates;
pub mod error;
pub mod frontmatter;
pub mod highlight;
pub mod ignore;
pub mod import;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod nesting;
pub mod parse;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slug;
pub mod templates;
pub mod theme;
pub mod write;
pub mod yaml;

pub use error::{BuildError, Diagnostic};
pub use site::{BuildOptions, BuildReport, build, check};

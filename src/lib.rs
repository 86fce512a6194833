//! briefgen: a static site generator for curated briefing pages.
//!
//! A site is a folder with `site.toml` and `content/` (Markdown briefings with YAML front
//! matter). The modules follow the pipeline, in its order:
//!
//! - [`source`] — load and parse: where things live ([`source::layout`]), the settings, the
//!   files, the theme; front matter and Markdown.
//! - [`content`] — the model (briefings, taxonomies, chronology) and every URL of the site.
//! - [`render`] — each output file as a job with one typed input value, rendered through Tera.
//! - [`engine`] — the cached state of a site, shared by `build`, `check` and `serve`, and the
//!   sinks it renders into.
//! - [`search`] — the search index, written from the model beside the pages.
//! - [`output`] — the output folder, written through a staging folder swapped in at the end.
//! - [`serve`] — the preview server over a live engine.
//!
//! Beside the pipeline, [`deploy`] publishes a built site as a branch of its git repository,
//! [`scaffold`] writes new sites and briefings, [`import`] turns clipped
//! articles into draft briefings, [`links`] checks the addresses a site links to
//! (`check --external`) — both through the one HTTP client of [`web`] — and [`report`] prints
//! diagnostics.

pub mod build;
pub mod chars;
pub mod content;
pub mod deploy;
pub mod engine;
pub mod error;
pub mod import;
pub mod links;
pub mod nesting;
pub mod output;
pub mod render;
pub mod rendered;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod source;
pub mod web;
pub mod words;

pub use build::{BuildOptions, BuildReport, build, check, check_external};
pub use error::{BuildError, Diagnostic};

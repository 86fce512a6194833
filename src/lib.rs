//! briefgen: a static site generator for curated briefing pages.
//!
//! A site is a folder with `site.toml` and `content/` (Markdown briefings with YAML front
//! matter). The modules follow the pipeline, in its order; none uses a later one
//! (`tests/stages.rs` holds the order):
//!
//! - leaves any stage uses: [`error`] (diagnostics), [`chars`], [`nesting`], [`web`] (the one
//!   HTTP client), [`rendered`] (a made file), [`words`] (how text is cut into words),
//!   [`spill`] (texts a build holds until later, in a temporary file past a budget).
//! - [`source`] — load and parse: where things live ([`source::layout`]), the settings, the
//!   files, the theme; front matter and Markdown.
//! - [`content`] — the model (briefings, taxonomies, chronology) and every URL of the site.
//! - [`render`] — each output file as a job of a page kind ([`render::kinds`]) with one typed
//!   input value, rendered through Tera; [`search`] — the search index, from the model;
//!   [`links`] — the addresses a site links to (`check --external`).
//! - [`engine`] — the cached state of a site, shared by `build`, `check` and `serve`: its
//!   input caches, the plan, the scheduler and the transaction over them.
//! - [`output`] — the output folder, written through a staging folder swapped in at the end;
//!   [`build`](mod@build) — the `build` and `check` commands over the engine; [`serve`] — the preview
//!   server over a live engine; [`deploy`] publishes a built site as a branch of its git
//!   repository, [`scaffold`] writes new sites and briefings, [`import`] turns clipped
//!   articles into draft briefings, and [`report`] prints diagnostics.

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
pub mod spill;
pub mod web;
pub mod words;

pub use build::{BuildOptions, BuildReport, DigestFormat, build, check, check_external, digest};
pub use error::{BuildError, Diagnostic};

//! The engine's cache of the model: the site built from the parse cache's briefings, each
//! briefing's template values and the plan — patched in place when an edit moves no briefing,
//! made again otherwise.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::digest::Note;
use crate::content::model::{Briefing, Edit, Placement, Site};
use crate::content::story::Story;
use crate::engine::parse_cache::ParseCache;
use crate::engine::plan::{plan, plan_key};
use crate::render::templates::Templates;
use crate::render::views::PreparedBriefing;
use crate::render::{self, Job};
use crate::source::config::SiteConfig;

/// The model of the last render and what was worked out from it.
pub(super) struct Model {
    /// Shared with `serve`'s search indexer while it indexes it: an edit then copies it
    /// ([`Arc::make_mut`]), and otherwise changes it in place.
    pub(super) site: Arc<Site>,
    /// Each briefing's template values, in `site.briefings` order.
    pub(super) prepared: Vec<Arc<PreparedBriefing>>,
    /// Every job of the site and its output path.
    pub(super) plan: Vec<(Job, String)>,
    /// The plan's key ([`plan_key`]).
    pub(super) plan_key: u64,
}

/// Brings the model up to date with the bodies rendered since it was last, and with the
/// stories and the notes on digests: patched in place when no briefing moved, built again otherwise. Each briefing's
/// template values are made again only where the briefing changed; new stories make again
/// only what is worked out for stories, and the plan.
pub(super) fn update_model(
    model: &mut Option<Model>,
    parse_cache: &mut ParseCache,
    stories: Vec<Arc<Story>>,
    notes: Vec<Arc<Note>>,
    config: &SiteConfig,
    templates: &Templates,
) {
    let fresh = parse_cache.take_fresh();
    let Some(current) = model.as_mut() else {
        let mut site = Site::with_stories(parse_cache.briefings().cloned().collect(), stories);
        site.set_digest_notes(notes);
        let prepared = render::prepare_all(&site, config);
        let plan = plan(&site, config, templates, &prepared);
        *model = Some(Model {
            site: Arc::new(site),
            prepared,
            plan_key: plan_key(&plan),
            plan,
        });
        return;
    };
    let mut edits: Vec<Edit> = fresh
        .rendered
        .iter()
        .filter_map(|path| parse_cache.body(path).cloned().map(Edit::Put))
        .collect();
    if fresh.moved {
        // Briefings that are no longer published, or no longer render.
        edits.extend(
            current
                .site
                .briefings
                .iter()
                .filter(|b| parse_cache.body(&b.content_path).is_none())
                .map(|b| Edit::Remove(b.content_path.clone())),
        );
    }
    if current.site.digest_notes() != notes.as_slice() {
        // A note changes what its digest's pages show, never which files there are.
        Arc::make_mut(&mut current.site).set_digest_notes(notes);
    }
    let stories_changed = current.site.story_files() != stories.as_slice();
    if stories_changed {
        Arc::make_mut(&mut current.site).set_stories(stories);
    }
    if edits.is_empty() {
        if stories_changed {
            replan(current, config, templates);
        }
        return;
    }
    let old_briefings: Vec<Arc<Briefing>> = current.site.briefings.clone();
    let old_prepared = std::mem::take(&mut current.prepared);
    match Arc::make_mut(&mut current.site).apply(edits) {
        Placement::InPlace(positions) => {
            let mut prepared = old_prepared;
            // A few briefings: each makes its own term values (sharing them saves memory across
            // thousands; making the site's on every save would be work on the preview's path).
            let terms = render::TermValues::default();
            let made: Vec<(usize, Arc<PreparedBriefing>)> = positions
                .par_iter()
                .map(|&i| {
                    let b = &current.site.briefings[i];
                    (i, Arc::new(render::prepare_briefing(b, config, &terms)))
                })
                .collect();
            for (i, p) in made {
                prepared[i] = p;
            }
            current.prepared = prepared;
            if stories_changed {
                replan(current, config, templates);
            }
        }
        Placement::Reindexed => {
            let site = &current.site;
            let terms = render::TermValues::of(site, config);
            let old_positions: FxHashMap<&str, usize> = old_briefings
                .iter()
                .enumerate()
                .map(|(i, b)| (b.content_path.as_str(), i))
                .collect();
            current.prepared = site
                .briefings
                .par_iter()
                .map(|b| {
                    let reused = old_positions.get(b.content_path.as_str()).and_then(|&i| {
                        Arc::ptr_eq(&old_briefings[i], b).then(|| old_prepared[i].clone())
                    });
                    reused.unwrap_or_else(|| Arc::new(render::prepare_briefing(b, config, &terms)))
                })
                .collect();
            replan(current, config, templates);
        }
    }
}

/// Makes the plan again, for a model whose outputs may have changed.
fn replan(current: &mut Model, config: &SiteConfig, templates: &Templates) {
    current.plan = plan(&current.site, config, templates, &current.prepared);
    current.plan_key = plan_key(&current.plan);
}

//! The rule `serve` lives by, for any sequence of edits: after every save, the site it serves
//! is, file by file and byte by byte, what `briefgen build` makes of the same folder.
//!
//! A property test drives a live engine through random sequences of edits — briefings added,
//! retitled, redated, retagged, drafted, deleted, renamed, broken and fixed; templates, the
//! settings and static files changed; editor leftovers saved and removed; a deletion saved with a broken
//! template; `site.toml` removed and put back; stories added, retitled, concluded, deleted while
//! briefings still name them (an error, then fixed), and briefings moved between them; notes on
//! digests written, deleted and misnamed; translations made, of themselves and of briefings
//! then renamed, drafted or deleted — and
//! after each step compares what a server
//! would serve (the first site, then every good update's changes applied to it) with a full
//! build of the same folder into a temporary folder. A build that fails must be an update
//! that fails, with the same errors. Saves arrive as the watcher hands them to `serve`'s
//! session: alone, or started early and then kept, or overtaken by another save while they
//! render (thrown away, and the whole batch saved). The cases of issue 11 are fixed sequences
//! beside it.

mod common;

use std::fs;

use common::{Live, Site, front};
use proptest::prelude::*;

const BASE: &str = "http://127.0.0.1:1111/";

/// One save.
#[derive(Debug, Clone)]
enum Edit {
    Add(u8),
    Retitle(u8, u8),
    Redate(u8, u8),
    Retag(u8, u8),
    Draft(u8, bool),
    Body(u8, u8),
    Delete(u8),
    Rename(u8),
    Break(u8),
    Template(u8),
    Settings(u8),
    /// A briefing deleted, saved together with a template that fails to render.
    DeleteWhileBroken(u8),
    /// `site.toml` removed (and put back by the next repair).
    RemoveSettings,
    Static(u8, bool),
    Leftover(u8),
    /// A story written (or written again), by number.
    StoryAdd(u8),
    /// A story retitled.
    StoryRetitle(u8, u8),
    /// A story concluded, or developing again.
    StoryStatus(u8, bool),
    /// A briefing moved to another story (or out of any, for a number past the stories).
    Join(u8, u8),
    /// A story file deleted: an error while briefings name it, fixed by the next repair.
    StoryDelete(u8),
    /// An editor's note on a week's digest written, rewritten or deleted; or a note named
    /// after no week (an error, removed by the next repair).
    Note(u8, u8),
    /// A briefing made a Korean translation of another (of itself: an error, undone by the
    /// next repair, as is one whose original is deleted, renamed or drafted).
    Translate(u8, u8),
    /// The site's Korean words written (one overridden, or one wrong: an error, removed by
    /// the next repair) or deleted.
    Words(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<u8>().prop_map(Edit::Add),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Retitle(a, b)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Redate(a, b)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Retag(a, b)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Edit::Draft(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Body(a, b)),
        1 => any::<u8>().prop_map(Edit::Delete),
        1 => any::<u8>().prop_map(Edit::Rename),
        1 => any::<u8>().prop_map(Edit::Break),
        1 => any::<u8>().prop_map(Edit::Template),
        1 => any::<u8>().prop_map(Edit::Settings),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Edit::Static(a, b)),
        1 => any::<u8>().prop_map(Edit::Leftover),
        1 => any::<u8>().prop_map(Edit::DeleteWhileBroken),
        1 => Just(Edit::RemoveSettings),
        1 => any::<u8>().prop_map(Edit::StoryAdd),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::StoryRetitle(a, b)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Edit::StoryStatus(a, b)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Join(a, b)),
        1 => any::<u8>().prop_map(Edit::StoryDelete),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Note(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Edit::Translate(a, b)),
        1 => any::<u8>().prop_map(Edit::Words),
    ]
}

/// The site's Korean words (`i18n/ko.toml`).
const WORDS: &str = "i18n/ko.toml";

/// A note named after no period: an error until removed.
const BAD_NOTE: &str = "digests/week-one.md";

/// How many story slugs the edits use (`s0` … `s2`).
const STORIES: u8 = 3;

const TAGS: &[&str] = &["Summits", "DMZ", "Sanctions", "Talks"];
const PEOPLE: &[&str] = &["Kim Jong-un", "Moon Jae-in", "Donald Trump"];
const SETTINGS: &[&str] = &[
    "timezone = \"Asia/Seoul\"\n",
    "paginate_by = 1\npaginate_terms_by = 1\n",
    "paginate_by = 3\npaginate_terms_by = 3\n",
    "title = \"Other Title\"\n",
    "base_url = \"https://user.github.io/repo/\"\n",
    "",
];

/// The briefings of the site, by relative path under `content/`, as the test wrote them.
struct State {
    site: Site,
    files: Vec<String>,
    counter: u32,
    /// The settings written last (`key = value\n`, or nothing), for putting them back.
    settings: &'static str,
    /// The stories, by slug: their title and whether concluded (kept when a file is deleted,
    /// to put it back).
    stories: std::collections::BTreeMap<String, (String, bool)>,
    /// The story each briefing is in, by its path under `content/`.
    joined: std::collections::HashMap<String, String>,
    /// The briefing each translation translates, by their paths under `content/`.
    translated: std::collections::HashMap<String, String>,
}

impl State {
    fn new() -> State {
        let site = Site::new(&settings(""));
        let mut state = State {
            site,
            files: Vec::new(),
            counter: 0,
            settings: "",
            stories: Default::default(),
            joined: Default::default(),
            translated: Default::default(),
        };
        for n in 0..3 {
            state.add(n);
        }
        state.write_story("s0", "Story zero", false);
        state
            .site
            .write("static/style.css", "body { color: black }");
        state
    }

    fn pick(&self, n: u8) -> Option<String> {
        (!self.files.is_empty()).then(|| self.files[usize::from(n) % self.files.len()].clone())
    }

    fn write_briefing(&self, path: &str, title: &str, day: u8, tag: u8, draft: bool, body: &str) {
        let mut fm = front(
            title,
            &format!("2019-{:02}-{:02}", day % 12 + 1, day % 28 + 1),
            &[TAGS[usize::from(tag) % TAGS.len()]],
            &[PEOPLE[usize::from(tag) % PEOPLE.len()]],
        );
        if draft {
            fm.push_str("draft: true\n");
        }
        if let Some(story) = self.joined.get(path) {
            fm.push_str(&format!("story: {story}\n"));
        }
        if let Some(original) = self.translated.get(path) {
            fm.push_str(&format!("language: ko\ntranslation_of: {original}\n"));
        }
        self.site.briefing(path, &fm, body);
    }

    fn write_story(&mut self, slug: &str, title: &str, concluded: bool) -> String {
        let status = if concluded { "concluded" } else { "developing" };
        let path = format!("stories/{slug}.md");
        self.site.write(
            &path,
            &format!("---\ntitle: {title:?}\nstatus: {status}\n---\nThe story of {title}.\n"),
        );
        self.stories
            .insert(slug.to_string(), (title.to_string(), concluded));
        path
    }

    /// Rewrites a briefing as it was, but for its story.
    fn rewrite(&self, path: &str) {
        self.write_briefing(path, &format!("Briefing {path}"), 1, 1, false, "Text.\n");
    }

    fn add(&mut self, n: u8) {
        self.counter += 1;
        let path = format!("2019/b{}.md", self.counter);
        self.write_briefing(
            &path,
            &format!("Briefing {}", self.counter),
            n,
            n,
            false,
            "Text.\n",
        );
        self.files.push(path);
    }

    /// Applies an edit; returns the paths saved (relative to the site).
    fn apply(&mut self, edit: &Edit) -> Vec<String> {
        let content = |p: &str| format!("content/{p}");
        match *edit {
            Edit::Add(n) => {
                self.add(n);
                vec![content(self.files.last().map_or("", String::as_str))]
            }
            Edit::Retitle(i, t) | Edit::Redate(i, t) | Edit::Retag(i, t) | Edit::Body(i, t) => {
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                let (title, day, tag, body) = match edit {
                    Edit::Retitle(..) => (format!("Title {t}"), i, i, "Text.\n".to_string()),
                    Edit::Redate(..) => (format!("Briefing {path}"), t, i, "Text.\n".to_string()),
                    Edit::Retag(..) => (format!("Briefing {path}"), i, t, "Text.\n".to_string()),
                    _ => (format!("Briefing {path}"), i, i, format!("Body {t}.\n")),
                };
                self.write_briefing(&path, &title, day, tag, false, &body);
                vec![content(&path)]
            }
            Edit::Draft(i, draft) => {
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                self.write_briefing(&path, &format!("Briefing {path}"), i, i, draft, "Text.\n");
                vec![content(&path)]
            }
            Edit::Delete(i) => {
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                let _ = fs::remove_file(self.site.path(&content(&path)));
                self.files.retain(|p| *p != path);
                self.joined.remove(&path);
                self.translated.remove(&path);
                vec![content(&path)]
            }
            Edit::Rename(i) => {
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                self.counter += 1;
                let to = format!("2019/r{}.md", self.counter);
                fs::rename(
                    self.site.path(&content(&path)),
                    self.site.path(&content(&to)),
                )
                .unwrap();
                self.files.retain(|p| *p != path);
                self.files.push(to.clone());
                if let Some(story) = self.joined.remove(&path) {
                    self.joined.insert(to.clone(), story);
                }
                if let Some(original) = self.translated.remove(&path) {
                    self.translated.insert(to.clone(), original);
                }
                vec![content(&path), content(&to)]
            }
            Edit::Break(i) => {
                // Broken, then fixed in the next save.
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                self.site
                    .write(&content(&path), "---\ntitle: [unclosed\n---\nx\n");
                vec![content(&path)]
            }
            Edit::Template(n) => {
                // A page of its own, or one that shows a paginator's every field.
                let (path, text) = match n % 4 {
                    0 => (
                        "templates/404.html",
                        format!("<!doctype html><title>Lost {n}</title>"),
                    ),
                    1 => ("templates/404.html", String::new()),
                    2 => ("templates/index.html", PAGINATOR_TEMPLATE.to_string()),
                    _ => ("templates/index.html", String::new()),
                };
                if text.is_empty() {
                    let _ = fs::remove_file(self.site.path(path));
                } else {
                    self.site.write(path, &text);
                }
                vec![path.to_string()]
            }
            Edit::Settings(n) => {
                self.settings = SETTINGS[usize::from(n) % SETTINGS.len()];
                self.site.write("site.toml", &settings(self.settings));
                vec!["site.toml".to_string()]
            }
            Edit::DeleteWhileBroken(i) => {
                let mut saved = self.apply(&Edit::Delete(i));
                self.site
                    .write(BROKEN_TEMPLATE, "{{ entries | first | int }}");
                saved.push(BROKEN_TEMPLATE.to_string());
                saved
            }
            Edit::RemoveSettings => {
                let _ = fs::remove_file(self.site.path("site.toml"));
                vec!["site.toml".to_string()]
            }
            Edit::Static(n, present) => {
                let path = format!("static/file{}.txt", n % 3);
                if present {
                    self.site.write(&path, &format!("static {n}"));
                } else {
                    let _ = fs::remove_file(self.site.path(&path));
                }
                vec![path]
            }
            Edit::Leftover(n) => {
                let path = match n % 3 {
                    0 => "content/2019/b1.md~".to_string(),
                    1 => "content/2019/#b1.md#".to_string(),
                    _ => "static/style.css.swp".to_string(),
                };
                // Saved, or removed when it is there.
                if self.site.path(&path).exists() {
                    fs::remove_file(self.site.path(&path)).unwrap();
                } else {
                    self.site.write(&path, "secret draft text");
                }
                vec![path]
            }
            Edit::StoryAdd(n) => {
                let slug = format!("s{}", n % STORIES);
                vec![self.write_story(&slug, &format!("Story {n}"), false)]
            }
            Edit::StoryRetitle(n, _) | Edit::StoryStatus(n, _) => {
                let slug = format!("s{}", n % STORIES);
                let Some((title, concluded)) = self.stories.get(&slug).cloned() else {
                    return vec![];
                };
                if !self.site.path(&format!("stories/{slug}.md")).exists() {
                    return vec![];
                }
                let (title, concluded) = match *edit {
                    Edit::StoryStatus(_, c) => (title, c),
                    Edit::StoryRetitle(_, t) => (format!("Story retitled {t}"), concluded),
                    _ => (title, concluded),
                };
                vec![self.write_story(&slug, &title, concluded)]
            }
            Edit::Join(i, n) => {
                let Some(path) = self.pick(i) else {
                    return vec![];
                };
                let slug = format!("s{}", n % (STORIES + 1));
                if self.stories.contains_key(&slug) {
                    self.joined.insert(path.clone(), slug);
                } else {
                    self.joined.remove(&path);
                }
                self.rewrite(&path);
                vec![content(&path)]
            }
            Edit::StoryDelete(n) => {
                let path = format!("stories/s{}.md", n % STORIES);
                if fs::remove_file(self.site.path(&path)).is_err() {
                    return vec![];
                }
                vec![path]
            }
            Edit::Translate(i, j) => {
                let (Some(path), Some(original)) = (self.pick(i), self.pick(j)) else {
                    return vec![];
                };
                self.translated.insert(path.clone(), original);
                self.rewrite(&path);
                vec![content(&path)]
            }
            Edit::Words(k) => {
                match k % 4 {
                    0 | 1 => {
                        self.site
                            .write(WORDS, &format!("search = \"찾기 {k}\"\nalso_in = \"또\"\n"));
                    }
                    2 => {
                        if fs::remove_file(self.site.path(WORDS)).is_err() {
                            return vec![];
                        }
                    }
                    _ => {
                        self.site.write(WORDS, "serach = \"찾기\"\n");
                    }
                }
                vec![WORDS.to_string()]
            }
            Edit::Note(n, k) => {
                // The weeks of the first briefings' dates, and one without briefings.
                let week = ["2019-W01", "2019-W05", "2019-W09", "2019-W30"][usize::from(n) % 4];
                let path = format!("digests/{week}.md");
                match k % 4 {
                    0 | 1 => {
                        let text =
                            format!("---\ntitle: Note {k}\n---\nThe week, *in short* {k}.\n");
                        self.site.write(&path, &text);
                    }
                    2 => {
                        if fs::remove_file(self.site.path(&path)).is_err() {
                            return vec![];
                        }
                    }
                    _ => {
                        self.site.write(BAD_NOTE, "---\ntitle: No week\n---\n");
                        return vec![BAD_NOTE.to_string()];
                    }
                }
                vec![path]
            }
        }
    }

    /// Fixes what an edit left broken, so that a good state follows every broken one.
    fn repair(&mut self) -> Vec<String> {
        let mut saved = Vec::new();
        if self.site.path(BROKEN_TEMPLATE).exists() {
            fs::remove_file(self.site.path(BROKEN_TEMPLATE)).unwrap();
            saved.push(BROKEN_TEMPLATE.to_string());
        }
        if self.site.path(BAD_NOTE).exists() {
            fs::remove_file(self.site.path(BAD_NOTE)).unwrap();
            saved.push(BAD_NOTE.to_string());
        }
        if fs::read_to_string(self.site.path(WORDS)).is_ok_and(|t| t.contains("serach")) {
            fs::remove_file(self.site.path(WORDS)).unwrap();
            saved.push(WORDS.to_string());
        }
        if !self.site.path("site.toml").exists() {
            self.site.write("site.toml", &settings(self.settings));
            saved.push("site.toml".to_string());
        }
        // A deleted story that briefings still name is written again; one that none names is
        // gone for good.
        for (slug, (title, concluded)) in self.stories.clone() {
            let path = format!("stories/{slug}.md");
            if self.site.path(&path).exists() {
                continue;
            }
            if self.joined.values().any(|s| *s == slug) {
                saved.push(self.write_story(&slug, &title, concluded));
            } else {
                self.stories.remove(&slug);
            }
        }
        // A translation of itself, or of a briefing gone, renamed or drafted, is one no more.
        for (path, original) in self.translated.clone() {
            let text = fs::read_to_string(self.site.path(&format!("content/{original}")));
            let gone = original == path || text.map_or(true, |t| t.contains("draft: true"));
            if gone {
                self.translated.remove(&path);
                self.rewrite(&path);
                saved.push(format!("content/{path}"));
            }
        }
        for path in self.files.clone() {
            let file = self.site.path(&format!("content/{path}"));
            if fs::read_to_string(&file).is_ok_and(|t| t.contains("[unclosed")) {
                self.write_briefing(&path, &format!("Briefing {path}"), 3, 3, false, "Fixed.\n");
                saved.push(format!("content/{path}"));
            }
        }
        saved
    }
}

/// `site.toml` with one setting (`key = value\n`, or nothing) replacing the usual one.
fn settings(extra: &str) -> String {
    let key = extra.split(" =").next().unwrap_or_default();
    let usual = [
        "title = \"Test Briefings\"\n",
        "base_url = \"https://example.org/\"\n",
        "paginate_by = 2\npaginate_terms_by = 2\n",
    ];
    let kept: String = usual
        .iter()
        .filter(|line| key.is_empty() || !line.starts_with(key))
        .copied()
        .collect();
    format!("{kept}{extra}")
}

/// A home page that shows every field of its paginator.
const PAGINATOR_TEMPLATE: &str = "{{ paginator.current_index }}/{{ paginator.number_pagers }} of {{ paginator.total_briefings }} by {{ paginator.paginate_by }}: {% for b in briefings %}{{ b.title }} {% endfor %}{{ paginator.previous }} {{ paginator.next }}";

/// A template whose render fails (the sitemap is rendered with it).
const BROKEN_TEMPLATE: &str = "templates/sitemap.xml";

/// Saves `paths` (relative to the site) to the engine; then checks it.
fn saved_and_checked(live: &mut Live, state: &State, paths: &[String], step: &str) {
    let paths: Vec<_> = paths.iter().map(|p| state.site.path(p)).collect();
    let update = live.update(&paths);
    checked(live, state, &update, step);
}

/// Checks that an update failed exactly when a fresh build fails, with the same errors, and
/// that what is served is otherwise what the build writes.
fn checked(live: &Live, state: &State, update: &common::Saved, step: &str) {
    match common::try_built(state.site.root(), BASE) {
        Ok(built) => {
            assert!(
                update.errors.is_empty(),
                "after {step}: serve has errors a build has not: {:?}",
                update.errors
            );
            common::assert_served_is(live, &built, step);
        }
        Err(error) => {
            let mut expected = error.diagnostics();
            let mut found = update.errors.clone();
            for list in [&mut expected, &mut found] {
                list.iter_mut().for_each(|d| {
                    d.message = d
                        .message
                        .replace(&state.site.root().display().to_string(), "ROOT")
                });
            }
            assert_eq!(
                found, expected,
                "after {step}: serve's errors are not the build's"
            );
        }
    }
}

/// How a save reaches the session, as the watcher hands it over.
#[derive(Debug, Clone)]
enum Arrival {
    /// A batch of events, saved once they are over.
    Alone,
    /// Started as soon as it completed; nothing came while it rendered, so it is kept.
    Kept,
    /// Started as soon as it completed; this edit was saved while it rendered, so it is
    /// thrown away and the whole batch saved.
    Overtaken(Edit),
}

fn arrival() -> impl Strategy<Value = Arrival> {
    prop_oneof![
        2 => Just(Arrival::Alone),
        1 => Just(Arrival::Kept),
        1 => edit().prop_map(Arrival::Overtaken),
    ]
}

/// Runs one sequence of edits, each saved as it arrives, each followed by its repair when it
/// left the site broken.
fn run_arriving(steps: &[(Edit, Arrival)]) {
    let mut state = State::new();
    let (mut live, first) = Live::open(state.site.root(), BASE);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    for (n, (edit, arrival)) in steps.iter().enumerate() {
        let step = format!("step {n}: {edit:?}, {arrival:?}");
        let saved = state.apply(edit);
        let paths: Vec<_> = saved.iter().map(|p| state.site.path(p)).collect();
        let update = match arrival {
            Arrival::Alone => live.update(&paths),
            Arrival::Kept => live.update_overlapped(&paths, || None),
            // An event came, even when the edit named no file (nothing to delete).
            Arrival::Overtaken(next) => live.update_overlapped(&paths, || {
                Some(
                    state
                        .apply(next)
                        .iter()
                        .map(|p| state.site.path(p))
                        .collect(),
                )
            }),
        };
        checked(&live, &state, &update, &step);
        let repaired = state.repair();
        if !repaired.is_empty() {
            saved_and_checked(&mut live, &state, &repaired, &format!("{step}, repaired"));
            assert!(live.errors.is_empty(), "{:?}", live.errors);
        }
    }
}

/// Runs one sequence of edits, each saved alone, each followed by its repair when it left
/// the site broken.
fn run(edits: &[Edit]) {
    let steps: Vec<(Edit, Arrival)> = edits.iter().map(|e| (e.clone(), Arrival::Alone)).collect();
    run_arriving(&steps);
}

/// The cases of issue 11, each as the sequence of edits that showed it.
#[test]
fn the_cases_of_issue_11_stay_fixed() {
    // 1. A new time zone: briefings whose text did not change kept the old offsets.
    run(&[Edit::Settings(0)]);
    // 2. A home page whose paginator's total changed, but not its briefings or page count.
    run(&[Edit::Template(2), Edit::Add(0)]);
    // 3. A deletion in an update that failed to render stayed served.
    run(&[Edit::DeleteWhileBroken(0), Edit::Add(1)]);
    // 4. No site.toml: serve's error is the build's (a usage error, exit 2, in the CLI).
    run(&[Edit::RemoveSettings]);
    // Issue 27: a story added, joined, retitled, concluded; a briefing moved between stories;
    // a story deleted while a briefing names it (an error), then put back.
    run(&[
        Edit::StoryAdd(1),
        Edit::Join(0, 1),
        Edit::Join(1, 0),
        Edit::StoryRetitle(1, 5),
        Edit::StoryStatus(0, true),
        Edit::Join(0, 0),
        Edit::StoryDelete(0),
        Edit::Join(1, 3),
    ]);
    // Settings removed, and a briefing broken in the same batch: only the settings are
    // reported, as a build stops at them (found by the property test's sequences of issue 30).
    run_arriving(&[(Edit::RemoveSettings, Arrival::Overtaken(Edit::Break(1)))]);
    // Issue 31: a translation made, its original renamed (an error, then undone), one of
    // itself (an error), one whose original is then retitled and redated.
    run(&[
        Edit::Translate(0, 1),
        Edit::Rename(1),
        Edit::Translate(2, 2),
        Edit::Translate(0, 2),
        Edit::Retitle(2, 4),
        Edit::Redate(2, 9),
        Edit::Delete(2),
    ]);
    // Issue 31: a translation of itself, among briefings two of which are as near to its
    // path: the hint named one in a build and the other in serve (found by the property
    // test under another seed); the nearest is now the first in byte order among equals.
    run(&[
        Edit::Add(0),
        Edit::Draft(185, true),
        Edit::Translate(44, 20),
    ]);
    // Issue 31: the site's Korean words written on a site with a Korean translation, one
    // unknown to the theme (an error, then removed), written again, deleted.
    run(&[
        Edit::Translate(0, 1),
        Edit::Words(0),
        Edit::Words(3),
        Edit::Words(1),
        Edit::Retitle(1, 2),
        Edit::Words(2),
    ]);
    // Issue 30: a note on a week's digest written, rewritten, one on a week without briefings,
    // a note named after no week (an error, then removed), a note deleted; a briefing redated
    // into another week.
    run(&[
        Edit::Note(0, 0),
        Edit::Note(0, 1),
        Edit::Note(3, 0),
        Edit::Note(1, 3),
        Edit::Redate(0, 7),
        Edit::Note(0, 2),
    ]);
    // 5. Editor leftovers under content/ and static/ are neither built nor served.
    run(&[
        Edit::Leftover(0),
        Edit::Leftover(1),
        Edit::Leftover(2),
        Edit::Leftover(0),
    ]);
    // 6. A fallback swap killed halfway left the old output aside (`<staging>.old`) and the
    //    new one in its staging folder, and no output: the next build leaves one complete
    //    site, what serve serves, and nothing else. (Forcing the fallback itself is the output
    //    folder's test: src/output, `the_fallback_swap_leaves_nothing_behind`.)
    let state = State::new();
    let (live, _) = Live::open(state.site.root(), BASE);
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    common::try_built_in(state.site.root(), BASE, &output).unwrap();
    let staging = out.path().join(".public.briefgen-Xy12Ab");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("index.html"), "half a site").unwrap();
    fs::write(staging.join(".briefgen"), "written by briefgen").unwrap();
    fs::rename(&output, out.path().join(".public.briefgen-Xy12Ab.old")).unwrap();
    let built = common::try_built_in(state.site.root(), BASE, &output).unwrap();
    common::assert_served_is(&live, &built, "a build after a killed fallback swap");
    let left: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["public"]);
}

proptest! {
    // A fixed seed: the same 256 sequences in every run, so that CI is never red by chance;
    // change the seed to explore others.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_250_612),
        ..ProptestConfig::default()
    })]

    #[test]
    fn serve_after_any_edits_is_a_fresh_build(
        steps in proptest::collection::vec((edit(), arrival()), 1..8)
    ) {
        run_arriving(&steps);
    }
}

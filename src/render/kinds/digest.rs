//! Digests: a period's briefings (an ISO week by default, [`crate::content::digest`]) as a page
//! (`digests/2025-W24/`), as an email a curator sends — HTML (`email.html`: one 600-px column,
//! tables, every style inline, absolute links) and plain text (`email.txt`) — and the index of
//! them (`digests/`) with its feed (`digests/atom.xml`, each entry an email's HTML, for
//! services that mail a feed's new entries). The page, the emails and the feed entry are made
//! from one [`DigestPage`]: the editor's note, the most-mentioned people, and the briefings
//! grouped by story, then by tag for the rest, each group oldest first.

use std::borrow::Cow;

use serde::Serialize;

use super::{At, Job, PageKind};
use crate::content::digest::{Note, Period};
use crate::content::model::TaxonomyKind;
use crate::content::urls;
use crate::render::pages::{Body, SitemapItem};
use crate::render::parts::{Made, parts, plain_parts};
use crate::render::views::Paginator;
use crate::render::{Renderer, count_of_briefings, numbered};
use crate::source::dates::rfc3339;
use crate::source::markdown::escape_text;

/// How many people a digest names as the most mentioned.
pub const DIGEST_PEOPLE: usize = 5;

/// A period as links to its digest show it.
#[derive(Serialize, Hash)]
pub struct DigestLink {
    /// `2025-W24`.
    name: String,
    /// `Week 24, 2025`.
    title: String,
    /// `9–15 June 2025`.
    span: String,
    /// Its first and last days (`2025-06-09`).
    start: String,
    end: String,
    /// How many briefings.
    count: usize,
    /// Its page, and its emails (when they are written: for the newest `digest_emails`
    /// periods).
    url: String,
    email_url: Option<String>,
    text_url: Option<String>,
}

/// An editor's note, as the digest shows it.
#[derive(Serialize, Hash)]
pub struct NoteView<'a> {
    title: Option<&'a str>,
    /// As HTML.
    html: &'a str,
    /// As HTML for an email: no classes (a mail client has no style sheet to give them
    /// meaning), links coloured inline.
    email_html: String,
    /// As plain text.
    text: &'a str,
}

/// The colour of links in the email, on its white column.
pub const EMAIL_LINK_COLOUR: &str = "#0b4f9c";

/// A note's HTML as an email carries it: `class` attributes dropped, and every link given its
/// colour inline.
fn email_html(html: &str) -> String {
    static CLASS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#" class="[^"]*""#)
            .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
    });
    CLASS
        .replace_all(html, "")
        .replace("<a ", &format!("<a style=\"color:{EMAIL_LINK_COLOUR};\" "))
}

/// A person of a digest, with how many of its briefings name them.
#[derive(Serialize, Hash)]
pub struct PersonCount<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

plain_parts!(DigestLink, NoteView<'_>, PersonCount<'_>);

parts! {
    /// A group of a digest's briefings: a story's, or a tag's.
    pub struct DigestGroup<'a> {
        /// `story`, `tag`, or `other` (briefings without a tag).
        kind: &'static str,
        /// The story's title, or the tag.
        name: String,
        /// The story's or the tag's page; empty for `other`.
        url: String,
        /// Its briefings, oldest first.
        briefings: Vec<&'a Made>,
    }
}

parts! {
    /// A period's digest: its page, its emails and its feed entry.
    pub struct DigestPage<'a> {
        /// The period.
        digest: DigestLink,
        /// The editor's note, if the period has one.
        note: Option<NoteView<'a>>,
        /// The people its briefings name most, most first.
        people: Vec<PersonCount<'a>>,
        /// Its briefings, by story, then by tag.
        groups: Vec<DigestGroup<'a>>,
        /// The period before, with briefings.
        previous: Option<DigestLink>,
        /// The period after, with briefings.
        next: Option<DigestLink>,
        /// The digests' feed.
        feed_url: String,
    }
}

parts! {
    /// A page of the digests' index.
    pub struct DigestsPage {
        /// Its periods, newest first.
        digests: Vec<DigestLink>,
        /// Where the page is in the index.
        paginator: Paginator,
        /// The digests' feed.
        feed_url: String,
    }
}

impl Renderer<'_> {
    /// Period `p` (of [`Renderer::digests`]) as links show it.
    fn digest_link(&self, p: usize) -> DigestLink {
        let period = &self.digests[p];
        DigestLink {
            title: self.digest_names[p].0.clone(),
            span: self.digest_names[p].1.clone(),
            start: period.start.to_string(),
            end: period.end.to_string(),
            count: period.briefings.len(),
            url: self.config.link_for(&urls::digest(&period.name)),
            email_url: (p < self.config.digest_emails)
                .then(|| self.config.link_for(&urls::digest_email(&period.name))),
            text_url: (p < self.config.digest_emails)
                .then(|| self.config.link_for(&urls::digest_text(&period.name))),
            name: period.name.clone(),
        }
    }

    /// The editor's note on a period, if there is one.
    fn note_of(&self, period: &Period) -> Option<&Note> {
        self.site
            .digest_notes()
            .iter()
            .find(|n| n.period == period.name)
            .map(AsRef::as_ref)
    }

    /// Everything period `p`'s digest shows.
    fn digest_page(&self, p: usize) -> DigestPage<'_> {
        let period = &self.digests[p];
        DigestPage {
            digest: self.digest_link(p),
            note: self.note_of(period).map(|n| NoteView {
                title: n.title.as_deref(),
                html: &n.html,
                email_html: email_html(&n.html),
                text: &n.text,
            }),
            people: self.most_mentioned(&period.briefings),
            groups: self.digest_groups(&period.briefings),
            previous: (p + 1 < self.digests.len()).then(|| self.digest_link(p + 1)),
            next: p.checked_sub(1).map(|n| self.digest_link(n)),
            feed_url: self.config.link_for(&urls::feed_of(urls::DIGESTS)),
        }
    }

    /// The people `members` name most, with how many of them name each: most first, ties A–Z.
    fn most_mentioned(&self, members: &[usize]) -> Vec<PersonCount<'_>> {
        let mut counts: Vec<(&str, &str, usize)> = Vec::new();
        for &i in members {
            let b = &self.site.briefings[i];
            for (name, slug) in TaxonomyKind::People.terms_of(b) {
                match counts.iter_mut().find(|(_, s, _)| *s == slug) {
                    Some((_, _, n)) => *n += 1,
                    None => counts.push((name, slug, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        counts
            .into_iter()
            .take(DIGEST_PEOPLE)
            .map(|(name, slug, count)| PersonCount {
                name,
                url: self
                    .config
                    .link_for(&urls::term(TaxonomyKind::People, slug)),
                count,
            })
            .collect()
    }

    /// `members` (newest first) grouped: by the first story each belongs to, then by the first
    /// tag of the rest, then those without a tag. Groups with more briefings first (ties by
    /// name); each group's briefings oldest first, as a week is read.
    fn digest_groups(&self, members: &[usize]) -> Vec<DigestGroup<'_>> {
        // (kind's order, key, name, url, members)
        let mut groups: Vec<(u8, &str, String, String, Vec<usize>)> = Vec::new();
        for &i in self.one_per_story(members).iter().rev() {
            let b = &self.site.briefings[i];
            let story = self.site.stories.of_briefing.get(i).and_then(|s| s.first());
            let (order, key, name, url) = if let Some(&(s, _)) = story {
                let t = &self.site.stories.timelines[s];
                (
                    0,
                    t.story.slug.as_str(),
                    t.story.title.clone(),
                    self.config.link_for(&t.story.path()),
                )
            } else if let (Some(tag), Some(slug)) = (b.tags.first(), b.slugs.tags.first()) {
                (
                    1,
                    slug.as_str(),
                    tag.clone(),
                    self.config.link_for(&urls::term(TaxonomyKind::Tags, slug)),
                )
            } else {
                (2, "", "Other briefings".to_string(), String::new())
            };
            match groups.iter_mut().find(|g| g.0 == order && g.1 == key) {
                Some(group) => group.4.push(i),
                None => groups.push((order, key, name, url, vec![i])),
            }
        }
        groups.sort_by(|a, b| {
            (a.0, std::cmp::Reverse(a.4.len()), &a.2).cmp(&(
                b.0,
                std::cmp::Reverse(b.4.len()),
                &b.2,
            ))
        });
        groups
            .into_iter()
            .map(|(order, _, name, url, briefings)| DigestGroup {
                kind: ["story", "tag", "other"][usize::from(order)],
                name,
                url,
                briefings: briefings.iter().map(|&i| self.summary(i)).collect(),
            })
            .collect()
    }

    /// The title of period `p`'s digest, as its pages and its email's subject line give it.
    fn digest_title(&self, p: usize) -> String {
        let period = &self.digests[p];
        let title = &self.digest_names[p].0;
        match self.note_of(period).and_then(|n| n.title.as_deref()) {
            Some(note) => format!("{title}: {note}"),
            None => title.clone(),
        }
    }
}

/// The digests' index, a page of [`PERIODS_PER_PAGE`] periods: `At::page` from 1.
pub struct Digests;

/// How many periods a page of the digests' index lists.
pub const PERIODS_PER_PAGE: usize = 100;

impl PageKind for Digests {
    fn name(&self) -> &'static str {
        "digests"
    }

    fn template(&self) -> Option<&'static str> {
        Some("digests.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        if !r.digests.is_empty() {
            let pages = r.digests.len().div_ceil(PERIODS_PER_PAGE);
            out.extend((1..=pages).map(At::page));
        }
    }

    fn site_path(&self, _r: &Renderer<'_>, at: At) -> String {
        urls::page(urls::DIGESTS, at.page)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        (
            Cow::Owned(format!(
                "{} · {}",
                numbered(r, r.word("digests"), at.page),
                r.config.title
            )),
            Cow::Borrowed(r.word(match r.config.digest {
                crate::source::config::DigestEvery::Daily => "digests_description_daily",
                crate::source::config::DigestEvery::Monthly => "digests_description_monthly",
                _ => "digests_description_weekly",
            })),
        )
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        let start = (at.page - 1) * PERIODS_PER_PAGE;
        let end = (start + PERIODS_PER_PAGE).min(r.digests.len());
        Body::of(DigestsPage {
            digests: (start..end).map(|p| r.digest_link(p)).collect(),
            paginator: r.paginator(urls::DIGESTS, r.digests.len(), at.page, PERIODS_PER_PAGE),
            feed_url: r.config.link_for(&urls::feed_of(urls::DIGESTS)),
        })
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        // Its first page, as the home list's and a term's.
        (at.page == 1).then(|| r.sitemap_page(self.site_path(r, at), None))
    }
}

/// A period's digest page: `At::item` is the period, by index into the periods (newest
/// first).
pub struct Digest;

/// Every period's output, for the kinds made one per period.
fn each_period(r: &Renderer<'_>, out: &mut Vec<At>) {
    out.extend((0..r.digests.len()).map(|p| At::of(0, p)));
}

/// The newest `digest_emails` periods' outputs, for the emails: a curator sends this week's
/// digest, and ten years of weekly emails would cost an archive a third of its bytes.
fn recent_periods(r: &Renderer<'_>, out: &mut Vec<At>) {
    out.extend((0..r.digests.len().min(r.config.digest_emails)).map(|p| At::of(0, p)));
}

/// The title and description every output of a period's digest has.
fn digest_title<'r>(r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
    let period = &r.digests[at.item];
    (
        Cow::Owned(format!("{} · {}", r.digest_title(at.item), r.config.title)),
        Cow::Owned(r.words(
            "digest_description",
            &[
                (
                    "{briefings}",
                    &count_of_briefings(r, period.briefings.len()),
                ),
                ("{span}", &r.digest_names[at.item].1),
            ],
        )),
    )
}

impl PageKind for Digest {
    fn name(&self) -> &'static str {
        "digest"
    }

    fn template(&self) -> Option<&'static str> {
        Some("digest.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        each_period(r, out);
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::digest(&r.digests[at.item].name)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        digest_title(r, at)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        Body::of(r.digest_page(at.item))
    }

    fn sitemap<'r>(&self, r: &'r Renderer<'_>, at: At) -> Option<SitemapItem<'r>> {
        let newest = r.digests[at.item].briefings.first().map(|&i| {
            let b = &r.site.briefings[i];
            rfc3339(b.updated.as_ref().unwrap_or(&b.date))
        });
        Some(r.sitemap_page(self.site_path(r, at), newest))
    }
}

/// A period's digest as an email's HTML: its `<title>` is the subject line.
pub struct DigestEmail;

impl PageKind for DigestEmail {
    fn name(&self) -> &'static str {
        "digest-email"
    }

    fn template(&self) -> Option<&'static str> {
        Some("digest-email.html")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        recent_periods(r, out);
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::digest_email(&r.digests[at.item].name)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        subject(r, at)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        Body::of(r.digest_page(at.item))
    }
}

/// An email's subject line: the site's title, then the period's.
fn subject<'r>(r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
    let (_, description) = digest_title(r, at);
    (
        Cow::Owned(format!("{} — {}", r.config.title, r.digest_title(at.item))),
        description,
    )
}

/// A period's digest as an email's plain text.
pub struct DigestText;

impl PageKind for DigestText {
    fn name(&self) -> &'static str {
        "digest-text"
    }

    fn template(&self) -> Option<&'static str> {
        Some("digest-email.txt")
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        recent_periods(r, out);
    }

    fn site_path(&self, r: &Renderer<'_>, at: At) -> String {
        urls::digest_text(&r.digests[at.item].name)
    }

    fn title<'r>(&self, r: &'r Renderer<'_>, at: At) -> (Cow<'r, str>, Cow<'r, str>) {
        subject(r, at)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, at: At) -> Body<'r> {
        Body::of(r.digest_page(at.item))
    }
}

/// The digests' Atom feed (`digests/atom.xml`): an entry per period, newest first, up to the
/// site's `feed_limit`, each with its email's HTML as content — what a feed-to-email service
/// sends unattended. Its fingerprint is the emails' own.
pub struct DigestFeed;

impl PageKind for DigestFeed {
    fn name(&self) -> &'static str {
        "digest-feed"
    }

    fn template(&self) -> Option<&'static str> {
        None
    }

    fn outputs(&self, r: &Renderer<'_>, out: &mut Vec<At>) {
        if !r.digests.is_empty() {
            out.push(At::default());
        }
    }

    fn site_path(&self, _r: &Renderer<'_>, _at: At) -> String {
        urls::feed_of(urls::DIGESTS)
    }

    fn body<'r>(&self, r: &'r Renderer<'_>, _at: At) -> Body<'r> {
        use std::hash::{Hash, Hasher};
        let emails: Vec<Job> = (0..r.digests.len().min(r.config.feed_limit))
            .map(|p| Job {
                kind: &DigestEmail,
                at: At::of(0, p),
            })
            .collect();
        let mut h = rustc_hash::FxHasher::default();
        r.config_value.hash.hash(&mut h);
        for &job in &emails {
            r.fingerprint(&r.page(job)).hash(&mut h);
        }
        Body::Hashed {
            hash: h.finish(),
            text: Box::new(move || digest_feed(r, &emails)),
        }
    }
}

/// The digests' feed, of the emails `emails` (newest first).
fn digest_feed(r: &Renderer<'_>, emails: &[Job]) -> String {
    use std::fmt::Write;
    let config = r.config;
    let self_url = config.url_for(&urls::feed_of(urls::DIGESTS));
    let updated = emails
        .first()
        .and_then(|job| r.digests[job.at.item].briefings.first())
        .map_or_else(
            || "1970-01-01T00:00:00+00:00".to_string(),
            |&i| rfc3339(&r.site.briefings[i].date),
        );
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{} — {}</title>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<generator>briefgen</generator>\n",
        escape_text(&config.language),
        escape_text(&config.title),
        escape_text(r.word("digests")),
        escape_text(&self_url),
        escape_text(&config.url_for(urls::DIGESTS)),
        escape_text(&self_url),
        updated,
        escape_text(&config.title),
    );
    for &job in emails {
        let p = job.at.item;
        let period = &r.digests[p];
        let page = r.page(job);
        // An email that does not render is reported at its own file; its entry is left out.
        let Ok(email) = r.render_page(job, &page) else {
            continue;
        };
        let url = config.url_for(&urls::digest(&period.name));
        let newest = period
            .briefings
            .first()
            .map(|&i| rfc3339(&r.site.briefings[i].date))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape_text(&r.digest_title(p)),
            escape_text(&url),
            escape_text(&url),
            newest,
            escape_text(&page.common.page_description),
            escape_text(&String::from_utf8_lossy(&email.bytes)),
        );
    }
    out.push_str("</feed>\n");
    out
}

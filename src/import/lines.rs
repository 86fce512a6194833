//! Copied text has no markup to say where the article is, and the chrome around it differs from
//! site to site, so its lines are scored the way jusText scores a page's blocks rather than
//! matched against known phrases: a line's length and its share of the language's stopwords
//! make it good (prose), near-good, short or bad (menus, link lists, footers); a short or
//! near-good line takes the class of its neighbours. The article is its good lines, with the
//! few lines right above the first, where the headline, the date and the byline are; readers'
//! comments, which read as prose too, end it at their first header.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::Block;

/// A line shorter than this (in characters, a CJK character counting as three) is short.
const LENGTH_LOW: usize = 70;
/// A line longer than this with enough stopwords is good whatever its neighbours.
const LENGTH_HIGH: usize = 200;
/// A share of stopwords at or above this makes a long enough line near-good …
const STOPWORDS_LOW: f32 = 0.30;
/// … and at or above this, good when long.
const STOPWORDS_HIGH: f32 = 0.32;
/// How many lines above the first good one are kept as the article's head (section, headline,
/// standfirst, byline, date).
const HEAD_LINES: usize = 10;
/// Below this share of stopwords over the whole text, the text's language has no list here
/// (or no spaces between words): a line's prose is told by its sentence punctuation instead.
const KNOWN_LANGUAGE: f32 = 0.12;

/// How many of the text's first words are read to tell its language.
const LANGUAGE_SAMPLE: usize = 5000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// Every stopword list the `stop-words` crate has, each as a set.
static STOPWORDS: LazyLock<Vec<HashSet<&'static str>>> = LazyLock::new(|| {
    stop_words::available_languages()
        .iter()
        .filter_map(|code| stop_words::lookup(code))
        .map(|words| words.iter().copied().collect())
        .collect()
});

/// The words of a line, lowercased.
fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The stopword list that covers most of the text's words, when it covers enough of them.
fn language_of(lines: &[&str]) -> Option<&'static HashSet<&'static str>> {
    // A sample of the text tells its language as well as all of it would.
    let all: Vec<String> = lines
        .iter()
        .flat_map(|l| words(l))
        .take(LANGUAGE_SAMPLE)
        .collect();
    if all.is_empty() {
        return None;
    }
    let (best, hits) = STOPWORDS
        .iter()
        .map(|list| {
            (
                list,
                all.iter().filter(|w| list.contains(w.as_str())).count(),
            )
        })
        .max_by_key(|&(_, hits)| hits)?;
    (hits as f32 >= all.len() as f32 * KNOWN_LANGUAGE).then_some(best)
}

/// A line's length, a CJK character counting as three (as many bytes, about a short word).
fn length(line: &str) -> usize {
    line.chars()
        .map(|c| if is_cjk(c) { 3 } else { 1 })
        .sum::<usize>()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// The share of a line that reads as running text: its stopwords, or where the language has
/// no list, whether it ends a sentence.
fn prose_share(line: &str, stopwords: Option<&HashSet<&str>>) -> f32 {
    match stopwords {
        Some(list) => {
            let (mut hits, mut all) = (0usize, 0usize);
            for word in words(line) {
                all += 1;
                hits += usize::from(list.contains(word.as_str()));
            }
            if all == 0 {
                0.0
            } else {
                hits as f32 / all as f32
            }
        }
        None => f32::from(u8::from(ends_a_sentence(line))),
    }
}

/// Whether a line ends as a sentence does, after any closing quote or bracket.
fn ends_a_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '»', ')', '」', '』'])
        .ends_with(['.', '!', '?', '。', '！', '？', '…', ':'])
}

/// A line's class on its own.
fn context_free(line: &str, stopwords: Option<&HashSet<&str>>) -> Class {
    let lower = line.to_lowercase();
    if lower.contains('©') || lower.contains("copyright") || lower.contains("all rights reserved")
    {
        return Class::Bad;
    }
    let length = length(line);
    if length < LENGTH_LOW {
        return Class::Short;
    }
    let share = prose_share(line, stopwords);
    if share >= STOPWORDS_HIGH {
        if length > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if share >= STOPWORDS_LOW {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// The class of the nearest line before (`step` −1) or after (+1) `i` that is neither short
/// nor, when `skip_near_good`, near-good; the text's edges count as bad.
fn neighbour(classes: &[Class], i: usize, step: isize, skip_near_good: bool) -> Class {
    let mut at = i as isize + step;
    while at >= 0 && (at as usize) < classes.len() {
        match classes[at as usize] {
            Class::Short => {}
            Class::NearGood if skip_near_good => {}
            class => return class,
        }
        at += step;
    }
    Class::Bad
}

/// Each line good (the article's) or not, after its neighbours have had their say.
fn good_lines(lines: &[&str]) -> Vec<bool> {
    let stopwords = language_of(lines);
    let mut first: Vec<Class> = lines.iter().map(|l| context_free(l, stopwords)).collect();
    // A short clipping (a wire story of a few paragraphs) may have no line long enough to be
    // good on its own: its near-good lines are then the article.
    if !first.contains(&Class::Good) {
        for class in &mut first {
            if *class == Class::NearGood {
                *class = Class::Good;
            }
        }
    }
    // Near-good lines first, from the context-free classes …
    let mut second = first.clone();
    for (i, class) in first.iter().enumerate() {
        if *class == Class::NearGood {
            let (prev, next) = (
                neighbour(&first, i, -1, true),
                neighbour(&first, i, 1, true),
            );
            second[i] = if prev == Class::Bad && next == Class::Bad {
                Class::Bad
            } else {
                Class::Good
            };
        }
    }
    // … then short ones, between the lines around them.
    let mut third = second.clone();
    for (i, class) in second.iter().enumerate() {
        if *class != Class::Short {
            continue;
        }
        let (prev, next) = (
            neighbour(&second, i, -1, true),
            neighbour(&second, i, 1, true),
        );
        third[i] = match (prev, next) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ => {
                let near = |step| neighbour(&first, i, step, false) == Class::NearGood;
                if (prev == Class::Bad && near(-1)) || (next == Class::Bad && near(1)) {
                    Class::Good
                } else {
                    Class::Bad
                }
            }
        };
    }
    // A short sentence right after the article's line is its last word ("Park reported from
    // Seoul, Okafor from Tokyo."), not a menu's.
    for i in 1..third.len() {
        if third[i] == Class::Bad
            && first[i] == Class::Short
            && third[i - 1] == Class::Good
            && ends_a_sentence(lines[i])
            && lines[i].split_whitespace().count() >= 3
        {
            third[i] = Class::Good;
        }
    }
    third.into_iter().map(|c| c == Class::Good).collect()
}

/// The article's blocks of copied text — its good lines and the head above the first of them
/// — and the lines outside it, nearest first (those below it, then those above). A text with
/// no good line (a few short lines) is kept whole.
pub fn article_lines(blocks: Vec<Block>) -> (Vec<Block>, Vec<Block>) {
    let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
    let good = good_lines(&texts);
    let Some(first) = good.iter().position(|&g| g) else {
        return (blocks, Vec::new());
    };
    // Readers' comments read as prose too; what gives them away is their headers.
    let end = comments_start(&texts, &good, first).unwrap_or(texts.len());
    // The head's lines are counted without the chrome among them ("Share on Facebook").
    let head = (0..first)
        .rev()
        .filter(|&i| !super::clean::is_chrome(texts[i]))
        .nth(HEAD_LINES - 1)
        .unwrap_or(0);
    let (mut article, mut below, mut above) = (Vec::new(), Vec::new(), Vec::new());
    for (i, block) in blocks.into_iter().enumerate() {
        if (head..first).contains(&i) || (good[i] && i < end) {
            article.push(block);
        } else if i < head {
            above.push(block);
        } else {
            below.push(block);
        }
    }
    below.extend(above.into_iter().rev());
    (article, below)
}

/// Where readers' comments start after the article: the first of three or more short lines
/// of one shape — each with a date or a time ("2 days ago at 07:52 am", "Milan Griffes on
/// September 12, 2018 at 4:47 pm said:"), or each ending in the same word and a colon
/// ("thelastchargersfan says:") — a few paragraphs apart, after some of the article, and
/// under a line that names a comment section.
fn comments_start(lines: &[&str], good: &[bool], first: usize) -> Option<usize> {
    #[derive(PartialEq, Eq, Hash, Clone)]
    enum Shape {
        Dated,
        Ends(String),
    }
    let shape = |line: &str| {
        if length(line) >= LENGTH_LOW {
            return None;
        }
        let line = line.trim();
        if let Some(head) = line.strip_suffix(':')
            && let Some(last) = head.split_whitespace().last()
            && (2..=10).contains(&head.split_whitespace().count())
        {
            return Some(Shape::Ends(last.to_lowercase()));
        }
        (TIME.is_match(line)
            || super::dates::date_in_line(line, &jiff::tz::TimeZone::UTC).is_some())
        .then_some(Shape::Dated)
    };
    // For each shape: where its lines are (one counted only with prose since the last) and
    // the count of good lines when the last was seen.
    let mut seen: std::collections::HashMap<Shape, (Vec<(usize, usize)>, usize)> =
        Default::default();
    let named = |at: usize| {
        lines[at.saturating_sub(6)..at]
            .iter()
            .any(|l| length(l) < LENGTH_LOW && COMMENTS.is_match(l))
    };
    let mut good_so_far = 0;
    for (i, line) in lines.iter().enumerate().skip(first) {
        if good[i] && length(line) >= LENGTH_LOW {
            good_so_far += 1;
            continue;
        }
        if good_so_far < 2 {
            continue;
        }
        let Some(shape) = shape(line) else {
            continue;
        };
        let (at, last) = seen.entry(shape).or_insert((Vec::new(), usize::MAX));
        if *last == good_so_far {
            continue;
        }
        at.push((i, good_so_far));
        *last = good_so_far;
        // … a few paragraphs apart (not the articles of a weekly edition, each under its
        // date), the first under a line that names them ("34 responses to …", "Top Rated
        // Comments").
        if let Some(&(start, prose_then)) = at.iter().rev().nth(2)
            && good_so_far - prose_then <= 8
            && named(start)
        {
            return Some(start);
        }
    }
    None
}

/// A line that names a comment section, in the common languages.
static COMMENTS: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::clean::regex(
        r"(?i)\b(comments?|responses?|replies|reactions|discussion|kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties|(komentarz|коммент|комент|yorum)\w*)\b|댓글|コメント|评论|評論",
    )
});

static TIME: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::clean::regex(
        r"(?i)\b\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\b|\b\d+\s+(minutes?|hours?|days?|weeks?|months?)\s+ago\b",
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<String> {
        let blocks = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Block::Paragraph(l.trim().to_string()))
            .collect();
        article_lines(blocks)
            .0
            .iter()
            .map(|b| b.text().to_string())
            .collect()
    }

    #[test]
    fn menus_and_link_lists_around_the_article_go_and_its_short_lines_stay() {
        let text = "\
Home
World
Business
Markets slide as chip stocks fall for a third day in a row on Wall Street
Headline of the story
By A Writer
The council voted on Tuesday to close the old bridge to traffic for two years while it is rebuilt, a decision that had been put off for most of the last decade because of its cost.
It said the work would start in the spring.
Residents who live on the far side of the river will have to take a ferry or drive around through the next town, which the council said would add about twenty minutes to the trip.
Most read
Ten things to do this weekend in the city centre
Another story about something else entirely
Terms of use
Privacy
";
        let kept = kept(text);
        assert!(kept.contains(&"It said the work would start in the spring.".to_string()));
        assert!(kept.iter().any(|l| l.starts_with("Residents")));
        assert!(kept.contains(&"Headline of the story".to_string()));
        for chrome in [
            "Ten things",
            "Another story",
            "Terms of use",
            "Privacy",
            "Most read",
        ] {
            assert!(
                !kept.iter().any(|l| l.starts_with(chrome)),
                "{chrome} kept: {kept:#?}"
            );
        }
    }

    #[test]
    fn readers_comments_after_the_article_go_by_their_headers() {
        let paragraph = "The council voted on Tuesday to close the old bridge to traffic for two years while it is rebuilt, a decision that had been put off for most of the last decade because of its cost to the town.";
        let comment = "I have crossed that bridge every day for twenty years and I think the council is right to close it before it falls down on somebody.";
        let mut text = format!(
            "Headline of the story\n{paragraph}\n{paragraph}\nShare this:\n12 responses to Headline of the story\n"
        );
        for (name, time) in [
            ("reader1", "6:34 am"),
            ("reader2", "6:44 am"),
            ("reader3", "7:02 am"),
        ] {
            text += &format!("{name} says:\nNovember 19, 2019 at {time}\n{comment}\n");
        }
        let article = kept(&text);
        assert_eq!(
            article
                .iter()
                .filter(|l| l.starts_with("The council"))
                .count(),
            2
        );
        assert!(
            !article.iter().any(|l| l.starts_with("I have crossed")),
            "{article:#?}"
        );
        // The articles of a weekly edition, each under its date, are not comments.
        let mut edition = String::new();
        for day in ["March 25, 2015", "March 26, 2015", "March 27, 2015"] {
            edition += &format!("Comments (3 posted)\nA story\n{day}\n");
            for _ in 0..10 {
                edition += &format!("{paragraph}\n");
            }
        }
        assert_eq!(
            kept(&edition)
                .iter()
                .filter(|l| l.starts_with("The council"))
                .count(),
            30
        );
    }

    #[test]
    fn a_text_of_short_lines_only_is_kept_whole() {
        assert_eq!(kept("One line\nAnother line"), ["One line", "Another line"]);
    }

    #[test]
    fn a_language_without_a_list_is_told_by_its_sentences() {
        // Korean: particles stick to the words, so no stopword list covers the text.
        let text = "\
정치
경제
사회
서울시는 7일 한강 다리 가운데 하나를 2년 동안 닫고 새로 짓기로 했다고 밝혔다. 시는 공사가 봄에 시작된다고 말했다.
강 건너에 사는 주민들은 배를 타거나 옆 도시로 돌아가야 하며, 시는 이 때문에 이동 시간이 20분쯤 늘어날 것이라고 설명했다.
많이 본 뉴스
다른 기사 제목 하나
";
        let kept = kept(text);
        assert!(kept.iter().any(|l| l.starts_with("강 건너에")));
        assert!(!kept.iter().any(|l| l.starts_with("다른 기사")));
    }
}

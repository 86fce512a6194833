//! Suggestions for the curator: the people an article names, and tags. Names are runs of two
//! to four capitalised words (`Kim Jong-un`, `Karoline Leavitt`) once titles (`President`)
//! are taken off the front, leaving out runs with words of places and institutions
//! (`White House`, `North Korea`) and the article's own writers. A name's later mentions by
//! one of its words (`Trump`) count towards it. Tags come from the page's keywords and
//! section, then from the places and institutions the article names most.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::Block;
use super::clean::Article;

/// Words that start a run but are not part of a name: titles, nationalities, sentence
/// openers.
#[rustfmt::skip]
const LEADING_WORDS: &[&str] = &[
    "President", "Vice", "Prime", "Minister", "Secretary", "Spokesperson", "Spokesman",
    "Spokeswoman", "Leader", "Chairman", "Chairwoman", "Chair", "Senator", "Sen", "Rep",
    "Representative", "Governor", "Gov", "Mayor", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame",
    "King", "Queen", "Prince", "Princess", "Pope", "General", "Gen", "Admiral", "Colonel",
    "Foreign", "Defense", "Defence", "Unification", "Finance", "Trade", "Chief", "Former",
    "Acting", "Ambassador", "Envoy", "Justice", "Judge", "Chancellor", "Premier", "Speaker",
    "Director", "Deputy", "First", "Lady", "Commander", "Supreme", "Lawmaker", "Professor",
    "Prof", "CEO", "Analyst", "Reporter", "Correspondent", "Anchor", "Report", "U.S.", "US",
    "UN", "U.N.", "EU", "Korean", "American", "Chinese", "Japanese", "Russian", "British",
    "French", "German", "Ukrainian", "Israeli", "Iranian", "South", "North", "Sound", "Bite",
    // The end of a role with "of" in it: "Secretary of State", "Minister of Health".
    "State", "Health", "Defense", "Homeland", "Treasury", "Interior", "Commerce", "Labor",
    "Labour", "Education", "Energy", "Agriculture", "Transportation", "Veterans", "Staff",
    "Attorney", "Solicitor", "Officer", "Executive", "Secretary-General", "Founder",
    "Co-founder", "Spokesperson", "Coach", "Manager", "Captain", "Detective", "Inspector",
    "Sergeant", "Lieutenant", "Major", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Imam",
    "Father", "Sister", "Brother", "Saint", "Baron", "Lord", "Duke", "Duchess", "Emperor",
    "Empress", "Sheikh", "Crown", "Opposition", "Conservative", "Republican",
    "Democrat", "Democratic", "Liberal", "Independent", "Mr.", "Mrs.", "Ms.", "Dr.",
];

/// Words that open a sentence, and so a run of capitalised words.
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "As", "By", "For", "From", "To", "With", "After",
    "Before", "Despite", "While", "When", "But", "And", "Or", "If", "Citing", "Asked",
    "Speaking", "According", "Meanwhile", "However", "Earlier", "Later", "Last", "This", "That",
    "Then", "Both", "Neither", "His", "Her", "Their", "Its",
];

/// Words of places, institutions, days and months: a run with one is not a person's name.
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "House", "Korea", "Korean", "Koreas", "Nations", "United", "States", "Kingdom", "News",
    "Agency", "Court", "Assembly", "Party", "Ministry", "Office", "Council", "Department",
    "University", "Radio", "World", "Times", "Post", "Press", "Reuters", "Yonhap", "Street",
    "City", "Republic", "People's", "Democratic", "Union", "European", "Commission",
    "Parliament", "Congress", "Senate", "Pentagon", "Kremlin", "Bank", "Group", "Electronics",
    "Energy", "Solution", "Summit", "Village", "Island", "Islands", "Sea", "Ocean", "River",
    "Airport", "Station", "Square", "Palace", "Hall", "Center", "Centre", "Institute",
    "Foundation", "Committee", "Force", "Forces", "Army", "Navy", "Command", "Service",
    "Network", "Channel", "Television", "Daily", "Journal", "Herald", "Tribune", "Guardian",
    "Broadcasting", "Corporation", "Company", "Inc", "Ltd", "Association", "Organization",
    "Organisation", "Treaty", "Agreement", "Declaration", "Act", "Law", "War", "Peninsula",
    "Zone", "Security", "Affairs", "Government", "Administration", "Cabinet", "Embassy",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "New", "York", "Washington", "Seoul", "Pyongyang", "Tokyo",
    "Beijing", "Moscow", "London", "Paris", "Brussels", "Geneva", "Stockholm", "Singapore",
    "Hanoi", "America", "China", "Japan", "Russia", "Britain", "France", "Germany", "Europe",
    "Asia", "Pacific", "Atlantic", "Middle", "East", "West", "Central", "Olympics", "Games",
    "Cup", "Day", "Year", "Week", "Anchor", "Report", "Photo", "Editor's", "Pick", "Menu",
    "Content", "Top", "Close", "Times", "Economist", "Bloomberg", "Politics", "Business",
    "Sports", "Opinion", "Updated", "Written", "Published", "Joint", "Chiefs", "Staff", "State",
];

static CAPITALISED_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[A-Z][\p{L}'’]*\.?(?:-[\p{L}]+)*)(?:\s+(?:[A-Z][\p{L}'’]*\.?(?:-[\p{L}]+)*))+")
        .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

static CAPITALISED_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][\p{L}'’]*(?:-[\p{L}]+)*\b")
        .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
});

/// A run of capitalised words without the titles in front (`U.S. President Donald Trump`
/// → `Donald Trump`, `State Marco Rubio` of "Secretary of State Marco Rubio" → `Marco Rubio`).
fn without_leading_words<'t>(words: &[&'t str]) -> Vec<&'t str> {
    let mut skip = words
        .iter()
        .take_while(|w| {
            let bare = w.trim_end_matches('.');
            // And possessives: "Japan's Prime Minister Ishiba Shigeru".
            LEADING_WORDS.contains(&bare)
                || OPENERS.contains(&bare)
                || w.ends_with("'s")
                || w.ends_with("’s")
        })
        .count();
    // "Defence Minister Gen Nakatani": a title that is also a given name, written without its
    // full stop just before a lone surname, is the given name ("Gen. Nakatani" and "Gen Mark
    // Milley" keep it a title).
    if skip > 0 && words.len() == skip + 1 && TITLES_THAT_ARE_NAMES.contains(&words[skip - 1]) {
        skip -= 1;
    }
    words[skip..].to_vec()
}

/// Abbreviated titles that are also given names.
const TITLES_THAT_ARE_NAMES: &[&str] = &["Gen"];

/// A run without the sentence openers in front (`The White House` → `White House`).
fn without_openers(run: &str) -> Vec<&str> {
    let words: Vec<&str> = run.split_whitespace().collect();
    let skip = words.iter().take_while(|w| OPENERS.contains(w)).count();
    words[skip..].to_vec()
}

/// The body's text for finding names: unescaped, acronyms without their dots (`U.S.` →
/// `US`), link addresses apart from their text. Headlines are left out: in title case every
/// word is capitalised.
pub fn plain_text(blocks: &[Block]) -> String {
    static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
            .unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
    });
    let mut text = String::new();
    for block in blocks {
        text.push_str(&block.text().replace('\\', ""));
        text.push_str(".\n");
    }
    ACRONYM.replace_all(&text, "$1$2$3").replace("](", "] (")
}

/// The people an article names, most mentioned first (at most eight), leaving out `writers`.
/// `text` is the body's [`plain_text`].
pub fn suggest_people(text: &str, writers: &[String]) -> Vec<String> {
    let runs: Vec<Vec<&str>> = CAPITALISED_RUN
        .find_iter(text)
        .flat_map(|run| sentences_of(run.as_str()))
        .map(|words| without_leading_words(&words))
        .collect();
    let mut names: Vec<String> = Vec::new();
    for words in &runs {
        let is_name = (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                !NOT_NAME_WORDS.contains(&w.trim_end_matches(['.', '\'', '’']))
                    && !w.ends_with("'s")
                    && !w.ends_with("’s")
                    && w.chars().filter(|c| c.is_uppercase()).count() <= 2
            });
        let name = words.join(" ");
        if is_name && !names.contains(&name) && !writers.iter().any(|w| w == &name) {
            names.push(name);
        }
    }
    // Mentions: the whole name, then one of its words on its own ("Mr Lee", "Trump") where
    // the whole name is not. Both in one pass over the text, whatever the number of names.
    let mut mentions = vec![0usize; names.len()];
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    // A word leads to the first name that has it.
    let mut by_word: HashMap<&str, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        for word in name.split_whitespace() {
            by_word.entry(word).or_insert(i);
        }
    }
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for found in whole_names(&names).iter().flat_map(|n| n.find_iter(text)) {
        if let Some(&i) = index.get(found.as_str()) {
            mentions[i] += 1;
        }
        rest.push_str(&text[last..found.start()]);
        rest.push(' ');
        last = found.end();
    }
    rest.push_str(&text[last..]);
    for word in CAPITALISED_WORD.find_iter(&rest) {
        if let Some(&i) = by_word.get(word.as_str()) {
            mentions[i] += 1;
        }
    }
    let mut ranked: Vec<(usize, usize, &String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (mentions[i], i, n))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked
        .into_iter()
        .take(8)
        .map(|(_, _, n)| n.clone())
        .collect()
}

/// A pattern that finds any of `names`, the longest where two start at one place; `None` for
/// no names (or, past the regex's size limit, so many that whole mentions go uncounted).
fn whole_names(names: &[String]) -> Option<Regex> {
    if names.is_empty() {
        return None;
    }
    let mut longest_first: Vec<&String> = names.iter().collect();
    longest_first.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alternatives: Vec<String> = longest_first.iter().map(|n| regex::escape(n)).collect();
    Regex::new(&alternatives.join("|")).ok()
}

/// Abbreviations that end in a full stop inside a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Prof", "Lt", "Col",
    "Sgt", "Capt",
];

/// A run of capitalised words split where a sentence ends inside it ("Kassel. In" → `Kassel`,
/// `In`), each part without its closing full stop ("Kim Jong Un." → `Kim Jong Un`). A single
/// letter with a stop is an initial, and `Mr.` an abbreviation: neither ends a sentence.
fn sentences_of(run: &str) -> Vec<Vec<&str>> {
    let mut parts = vec![Vec::new()];
    for word in run.split_whitespace() {
        let bare = word.trim_end_matches('.');
        let ends_sentence = word.ends_with('.')
            && bare.chars().count() > 1
            && !ABBREVIATIONS.contains(&bare)
            && !bare.contains('.');
        if let Some(part) = parts.last_mut() {
            part.push(if ends_sentence { bare } else { word });
        }
        if ends_sentence {
            parts.push(Vec::new());
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// Tags: the page's keywords and section, then the places and institutions the article
/// names most (at least twice, or once when nothing else was found); at most five, none of
/// them one of `people`.
/// `text` is the body's [`plain_text`].
pub fn suggest_tags(article: &Article, text: &str, people: &[String]) -> Vec<String> {
    const GENERIC_SECTIONS: &[&str] =
        &["news", "all news", "world", "world news", "home", "latest"];
    let mut tags: Vec<String> = article.keywords.iter().take(5).cloned().collect();
    if let Some(section) = &article.section
        && !GENERIC_SECTIONS.contains(&section.to_lowercase().as_str())
    {
        tags.push(section.clone());
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for run in CAPITALISED_RUN.find_iter(text) {
        let words = without_openers(run.as_str());
        let phrase = words
            .join(" ")
            .trim_end_matches(['.', '’', '\''])
            .to_string();
        let adjective = words.last().is_some_and(|w| NATIONALITIES.contains(w));
        let institution = words.len() >= 2
            && !adjective
            && words.iter().any(|w| NOT_NAME_WORDS.contains(w))
            && !people.iter().any(|p| phrase.contains(p.as_str()))
            && words.iter().all(|w| !MONTHS_AND_DAYS.contains(w));
        if !institution {
            continue;
        }
        match counts.iter_mut().find(|(p, _)| *p == phrase) {
            Some((_, n)) => *n += 1,
            None => counts.push((phrase, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let least = if tags.is_empty() { 1 } else { 2 };
    tags.extend(
        counts
            .into_iter()
            .filter(|(_, n)| *n >= least)
            .take(3)
            .map(|(p, _)| p),
    );
    let mut unique: Vec<String> = Vec::new();
    for tag in tags {
        let duplicate = unique.iter().any(|t| t.eq_ignore_ascii_case(&tag));
        if !duplicate && !people.contains(&tag) {
            unique.push(tag);
        }
    }
    unique.truncate(5);
    unique
}

/// Adjectives of nations: `North Korean` describes, it is not a tag.
#[rustfmt::skip]
const NATIONALITIES: &[&str] = &[
    "Korean", "American", "Chinese", "Japanese", "Russian", "British", "French", "German",
    "Ukrainian", "Israeli", "Iranian", "European", "Asian",
];

#[rustfmt::skip]
const MONTHS_AND_DAYS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_whole_without_titles_sentence_ends_or_groups() {
        let text = "The summit was held in Kassel. In a statement, Secretary of State Marco Rubio \
            said talks went well. Analysts doubt Kim Jong Un. Despite that, Japan's Prime Minister \
            Ishiba Shigeru was hopeful. Islamic State claimed the attack. Rubio left on Monday. \
            Mr. Lee Jae-myung and J. R. Smith spoke.";
        let people = suggest_people(text, &[]);
        assert_eq!(
            people,
            [
                "Marco Rubio",
                "Kim Jong Un",
                "Ishiba Shigeru",
                "Lee Jae-myung",
                "J. R. Smith"
            ]
        );
        // Issue 25: "Gen" before a lone surname is a given name, before a full name a title.
        assert_eq!(
            suggest_people(
                "Japanese Defence Minister Gen Nakatani spoke on Monday.",
                &[]
            ),
            ["Gen Nakatani"]
        );
        assert_eq!(
            suggest_people("Gen. Mark Milley and Gen Charles Brown met.", &[]),
            ["Mark Milley", "Charles Brown"]
        );
        assert_eq!(
            sentences_of("Kassel. In"),
            vec![vec!["Kassel"], vec!["In"]],
            "a sentence's end splits a run"
        );
        assert_eq!(sentences_of("Mr. Lee"), vec![vec!["Mr.", "Lee"]]);
    }
}

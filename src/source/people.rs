//! The site's curated facts about people, from `data/people.yaml`: the name to show, a role, a
//! short note, and aliases — other spellings that are the same person ("Yi Jae-myeong" and
//! "Lee Jae-myung"). Checked like front matter, with every error at its file and line.
//!
//! Aliases are applied when a briefing is parsed: its people become the names shown here, so
//! that every page, feed and link of the site agrees on one page per person. The file is part
//! of the settings: a change to it rebuilds everything, as a change to `site.toml` does.
//!
//! ```yaml
//! Lee Jae-myung:
//!   role: President of South Korea
//!   note: Took office in June 2025.
//!   aliases: ["Yi Jae-myeong", "Lee Jae-myeong"]
//! Donald Trump:
//!   sort_as: Trump, Donald  # the people index goes by this, not the name as written
//! Kim Jong-un:            # a name alone is allowed
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{BuildError, Diagnostic};
use crate::source::slug::{names_a_page, slugify};
use crate::source::yaml;

/// Where the people's facts are, from the site's root.
pub const PEOPLE_FILE: &str = "data/people.yaml";

/// The keys an entry may have.
const KNOWN_KEYS: &[&str] = &["role", "note", "aliases", "sort_as"];

/// One person's facts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Person {
    /// The name every page shows.
    pub name: String,
    /// What they are (`President of South Korea`).
    pub role: Option<String>,
    /// A sentence or two about them.
    pub note: Option<String>,
    /// Other spellings of the name, as written in the file.
    pub aliases: Vec<String>,
    /// How the people index sorts them (`Trump, Donald`), when not by the name as written.
    pub sort_as: Option<String>,
}

/// Every person of the data file, and the slugs that lead to each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct People {
    /// The people, in the file's order.
    people: Vec<Person>,
    /// The slug of each name and alias, to the person's index (ordered, so that it hashes).
    by_slug: BTreeMap<String, usize>,
}

impl People {
    /// Reads the site's data file; a site without one has no curated people.
    pub fn load(root: &Path) -> Result<People, BuildError> {
        let path = root.join(PEOPLE_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => People::parse(&text).map_err(BuildError::Content),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(People::default()),
            Err(e) => Err(BuildError::io(format!("reading {}", path.display()), e)),
        }
    }

    /// Parses and checks the text of the data file, collecting every problem.
    pub fn parse(text: &str) -> Result<People, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: yaml::Value = yaml::from_str(text)
            .map_err(|e| vec![e.diagnostic(Path::new(PEOPLE_FILE), 1, "people")])?;
        let mut errors = Vec::new();
        let mut people = People::default();
        let map = match value {
            yaml::Value::Null => return Ok(people),
            yaml::Value::Mapping(map) => map,
            _ => {
                return Err(vec![Diagnostic::at_line(
                    PEOPLE_FILE,
                    1,
                    "the people file must map each name to its facts, e.g.\nLee Jae-myung:\n  role: President of South Korea\n  aliases: [\"Yi Jae-myeong\"]",
                )]);
            }
        };
        for (key, facts) in &map {
            let Some(name) = key.as_str().map(str::trim).filter(|n| names_a_page(n)) else {
                let shown = key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_string);
                errors.push(at(
                    text,
                    &shown,
                    None,
                    format!(
                        "`{shown}` is not a name: a person's name is text with a letter or digit"
                    ),
                ));
                continue;
            };
            let person = read_facts(text, name, facts, &mut errors);
            // Every spelling leads to one person: those of the people before this one are
            // taken, and this one's own repeats (an alias equal to the name) are harmless.
            let index = people.people.len();
            for (spelling, field) in std::iter::once((name, None))
                .chain(person.aliases.iter().map(|a| (a.as_str(), Some("aliases"))))
            {
                match people.by_slug.entry(slugify(spelling)) {
                    std::collections::btree_map::Entry::Vacant(entry) => {
                        entry.insert(index);
                    }
                    std::collections::btree_map::Entry::Occupied(entry)
                        if *entry.get() != index =>
                    {
                        errors.push(at(
                            text,
                            name,
                            field,
                            format!(
                                "`{spelling}` is already {}'s: one spelling can lead to one person only",
                                people.people[*entry.get()].name
                            ),
                        ));
                    }
                    std::collections::btree_map::Entry::Occupied(_) => {}
                }
            }
            people.people.push(person);
        }
        if errors.is_empty() {
            Ok(people)
        } else {
            Err(errors)
        }
    }

    /// Whether the file names no one.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The person a name (or an alias) is, by any spelling with the same slug.
    pub fn find(&self, name: &str) -> Option<&Person> {
        self.by_slug_of(&slugify(name))
    }

    /// The person whose page has this slug.
    pub fn by_slug_of(&self, slug: &str) -> Option<&Person> {
        self.by_slug.get(slug).map(|&i| &self.people[i])
    }

    /// A briefing's people as the site shows them: each alias replaced by the person's name,
    /// and a person named twice (by two spellings) kept once, in the order written.
    pub fn canonical(&self, names: &[String]) -> Vec<String> {
        if self.is_empty() {
            return names.to_vec();
        }
        let mut seen = std::collections::HashSet::new();
        names
            .iter()
            .map(|n| self.find(n).map_or_else(|| n.clone(), |p| p.name.clone()))
            .filter(|n| seen.insert(slugify(n)))
            .collect()
    }

    /// The people a text names by their name or an alias, as their name, most mentions first
    /// (ties in the file's order): what `import` suggests of the site's own people, in
    /// whatever script the article writes them. A spelling counts where a word starts with it
    /// and, for a spelling in Latin letters, where a word ends with it too; a Hangul one may
    /// have a particle after it (`이재명은`, `이재명 대통령의`).
    pub fn mentioned_in(&self, text: &str) -> Vec<String> {
        let is_word = |c: char| c.is_alphanumeric();
        let mut counted: Vec<(usize, usize)> = Vec::new();
        for (i, person) in self.people.iter().enumerate() {
            let mut count = 0;
            for spelling in std::iter::once(&person.name).chain(&person.aliases) {
                let spelling = spelling.trim();
                if spelling.is_empty() {
                    continue;
                }
                let latin = spelling.is_ascii();
                count += text
                    .match_indices(spelling)
                    .filter(|(at, _)| {
                        let before = text[..*at].chars().next_back();
                        let after = text[at + spelling.len()..].chars().next();
                        let starts = !before.is_some_and(is_word);
                        let ends = !latin || !after.is_some_and(is_word);
                        starts && ends
                    })
                    .count();
            }
            if count > 0 {
                counted.push((count, i));
            }
        }
        counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        counted
            .into_iter()
            .map(|(_, i)| self.people[i].name.clone())
            .collect()
    }
}

/// One person's facts (`facts` is what follows their name), every problem recorded in
/// `errors` at its line.
fn read_facts(text: &str, name: &str, facts: &yaml::Value, errors: &mut Vec<Diagnostic>) -> Person {
    let mut person = Person {
        name: name.to_string(),
        role: None,
        note: None,
        aliases: Vec::new(),
        sort_as: None,
    };
    let facts = match facts {
        yaml::Value::Null => return person,
        yaml::Value::Mapping(facts) => facts,
        _ => {
            errors.push(at(
                text,
                name,
                None,
                format!("{name}: the facts must be a map, e.g. role: \"…\", aliases: [\"…\"]"),
            ));
            return person;
        }
    };
    for (field, value) in facts {
        let field_name = field.as_str().unwrap_or_default();
        let mut error = |message: String| errors.push(at(text, name, Some(field_name), message));
        let text_value = value.as_str().map(str::trim).filter(|v| names_a_page(v));
        let text_value = || text_value.map(str::to_string);
        match field_name {
            "role" | "note" | "sort_as" if text_value().is_none() => error(format!(
                "{name}: {field_name} must be text, e.g. {field_name}: \"…\""
            )),
            "role" => person.role = text_value(),
            "note" => person.note = text_value(),
            "sort_as" => person.sort_as = text_value(),
            "aliases" => {
                let aliases: Option<Vec<String>> = value.as_sequence().and_then(|items| {
                    items
                        .iter()
                        .map(|item| item.as_str().map(str::trim).filter(|a| names_a_page(a)))
                        .map(|alias| alias.map(str::to_string))
                        .collect()
                });
                match aliases {
                    Some(aliases) => person.aliases = aliases,
                    None => error(format!(
                        "{name}: aliases must be a list of names written as text, e.g. aliases: [\"Yi Jae-myeong\"]"
                    )),
                }
            }
            other => {
                let fields = "a person has a role, a note, aliases and sort_as";
                let hint = match crate::source::config::nearest(other, KNOWN_KEYS) {
                    Some(near) => format!("did you mean `{near}`? ({fields})"),
                    None => fields.to_string(),
                };
                let message = format!("{name}: unknown key `{other}`");
                errors.push(at(text, name, Some(field_name), message).with_hint(hint));
            }
        }
    }
    person
}

/// A diagnostic at a person's entry, or at one of its fields, in the data file.
fn at(text: &str, person: &str, field: Option<&str>, message: String) -> Diagnostic {
    match place(text, person, field) {
        Some((line, column)) => Diagnostic::at(PEOPLE_FILE, line, column, message),
        None => Diagnostic::new(PEOPLE_FILE, message),
    }
}

/// Where a person's entry (a line at the margin starting with the name, quoted or not) or one
/// of its fields (an indented `field:` line below it) is: 1-based line and column.
fn place(text: &str, person: &str, field: Option<&str>) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let starts_entry = |line: &str| {
        let unquoted = line
            .strip_prefix(['"', '\''])
            .and_then(|l| l.strip_prefix(person))
            .and_then(|l| l.strip_prefix(['"', '\'']))
            .or_else(|| line.strip_prefix(person));
        unquoted.is_some_and(|rest| rest.trim_start().starts_with(':'))
    };
    let entry = lines.iter().position(|l| starts_entry(l))?;
    let Some(field) = field else {
        return Some((entry + 1, 1));
    };
    for (offset, line) in lines[entry + 1..].iter().enumerate() {
        if !line.is_empty() && !line.starts_with([' ', '\t']) && !line.starts_with('#') {
            break;
        }
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(field)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            let column = line.len() - trimmed.len() + 1;
            return Some((entry + offset + 2, column));
        }
    }
    Some((entry + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "Lee Jae-myung:\n  role: President of South Korea\n  note: Took office in June 2025.\n  aliases: [\"Yi Jae-myeong\", \"Lee Jae-myeong\"]\n\"Kim Jong-un\":\n";

    #[test]
    fn aliases_lead_to_one_person() {
        let people = People::parse(FILE).unwrap();
        let lee = people.find("yi jae-myeong").unwrap();
        assert_eq!(lee.name, "Lee Jae-myung");
        assert_eq!(lee.role.as_deref(), Some("President of South Korea"));
        assert_eq!(
            people.find("Kim Jong-un").unwrap().aliases,
            Vec::<String>::new()
        );
        let named = people.canonical(&[
            "Yi Jae-myeong".into(),
            "Donald Trump".into(),
            "Lee Jae-myung".into(),
        ]);
        assert_eq!(named, ["Lee Jae-myung", "Donald Trump"]);
        assert!(People::parse("").unwrap().is_empty());
    }

    #[test]
    fn people_are_found_in_a_text_by_any_spelling_with_a_particle_after_a_hangul_one() {
        let people = People::parse(
            "Lee Jae-myung:\n  aliases: [\"이재명\"]\nKim Jong-un:\n  aliases: [\"김정은\"]\nKim Yo-jong:\n",
        )
        .unwrap();
        let text = "이재명 대통령은 김정은 위원장에게 말했다. 이재명은 또 Kim Jong-un's 답을 기다렸다. 박이재명 아님. Kim Yo-jongs";
        assert_eq!(
            people.mentioned_in(text),
            ["Lee Jae-myung", "Kim Jong-un"],
            "two of Lee (박이재명 is another word), two of Kim, none of Kim Yo-jong"
        );
        assert!(people.mentioned_in("Nothing here.").is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("Lee:\n  role: [a]\n", 2, "role must be text"),
            ("Lee:\n  rol: President\n", 2, "did you mean `role`?"),
            ("Lee:\n  aliases: Yi\n", 2, "aliases must be a list"),
            ("Lee:\n  aliases: [Yi]\nYi:\n", 3, "`Yi` is already Lee's"),
            (
                "Lee:\n  role: x\nKim:\n  aliases: [\"lee\"]\n",
                4,
                "`lee` is already Lee's",
            ),
            ("- Lee\n", 1, "must map each name"),
            ("Lee: [1]\n", 1, "must be a map"),
            ("Lee:\n  role: \"open\n", 3, "quoted scalar"),
        ];
        for (text, line, needle) in cases {
            let errors = People::parse(text).unwrap_err();
            let shown = format!("{errors:?}");
            assert!(
                errors.iter().any(|e| e.line == Some(*line)),
                "{text}: {shown}"
            );
            assert!(shown.contains(needle), "{text}: {shown}");
        }
    }
}

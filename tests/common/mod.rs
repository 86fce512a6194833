//! Fixture sites in temp folders, built with the real `briefgen` binary.
#![allow(dead_code)]

pub mod browser;
pub mod http;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for something that should happen at once; a bound, not a measurement.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A site folder in a temp dir.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What a run of briefgen did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The briefgen binary, run as outside CI whatever runs the tests (no GitHub workflow
/// commands in its output unless a test asks for them).
pub fn briefgen() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefgen"));
    command.env_remove("GITHUB_ACTIONS");
    command
}

/// Every output the engine plans for the site at `root` (built for `base_url`), in order:
/// its page kind's name and its path in the output folder. The kinds are those of
/// `briefgen::render::KINDS`, so a test that goes through these goes through every kind.
pub fn planned(root: &Path, base_url: &str) -> Vec<(String, String)> {
    let options = briefgen::engine::EngineOptions {
        base_url: Some(base_url.to_string()),
        ..Default::default()
    };
    let mut engine = briefgen::engine::Engine::open(root, options).expect("the site opens");
    engine
        .render(&mut briefgen::engine::Discard)
        .expect("the site renders");
    engine
        .outputs()
        .into_iter()
        .map(|(kind, path)| (kind.to_string(), path.to_string()))
        .collect()
}

/// Runs briefgen with `args` and `--root` set to `root`.
pub fn run_in(root: &Path, args: &[&str]) -> Run {
    briefgen()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
        .into()
}

/// Runs `briefgen init DIR`.
pub fn init(dir: &Path) -> Run {
    briefgen().arg("init").arg(dir).output().unwrap().into()
}

pub const SITE_TOML: &str = "title = \"Test Briefings\"\nbase_url = \"https://example.org/\"\n";

impl Site {
    /// A site with the given `site.toml` and an empty `content/`.
    pub fn new(site_toml: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("site.toml", site_toml);
        fs::create_dir_all(site.path("content")).unwrap();
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) -> &Site {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Writes a briefing under `content/`.
    pub fn briefing(&self, relative: &str, front_matter: &str, body: &str) -> &Site {
        self.write(
            &format!("content/{relative}"),
            &format!("---\n{front_matter}---\n{body}"),
        )
    }

    /// Runs briefgen with `args` and `--root` set to this site.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    /// Runs `briefgen import FILE --stdout` on a file of this site (by its relative path); the
    /// draft is the run's stdout.
    pub fn import_to_stdout(&self, relative: &str) -> Run {
        let file = self.path(relative);
        self.run(&["import", &file.to_string_lossy(), "--stdout"])
    }

    /// Runs briefgen with `args`, `--root` set to this site, and `input` on standard input.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = briefgen()
            .args(args)
            .arg("--root")
            .arg(self.root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
        drop(stdin);
        child.wait_with_output().unwrap().into()
    }

    /// Staging folders a build left in the site folder (there should be none).
    pub fn staging_leftovers(&self) -> Vec<String> {
        fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("briefgen-"))
            .collect()
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// A file of the output folder.
    pub fn output(&self, relative: &str) -> String {
        let path = self.path("public").join(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn has_output(&self, relative: &str) -> bool {
        self.path("public").join(relative).exists()
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The values of every `href="…"` and `src="…"` attribute in `html`.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// A briefing's front matter with the usual fields.
pub fn front(title: &str, date: &str, tags: &[&str], people: &[&str]) -> String {
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "title: {title:?}\ndate: {date}\nsource: {{ name: \"KBS World Radio News\", url: \"https://world.kbs.co.kr/\" }}\ntags: [{}]\npeople: [{}]\n",
        list(tags),
        list(people)
    )
}

/// Says that the running test did not do its check, and why, where plain `cargo test` shows
/// it: straight to the terminal's standard error, past the harness's capture of a passing
/// test's output (`SKIPPED page_checks::…: why`). When the environment variable `required` is
/// set (`.ci/run` sets them, having installed every tool), the test fails instead.
pub fn skipped(required: &str, why: &str) {
    assert!(
        std::env::var_os(required).is_none(),
        "{required} is set, but {why}"
    );
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let binary = std::env::args()
        .next()
        .and_then(|a| {
            let name = Path::new(&a).file_name()?.to_string_lossy().into_owned();
            Some(
                name.rsplit_once('-')
                    .map_or(name.clone(), |(n, _)| n.to_string()),
            )
        })
        .unwrap_or_default();
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {binary}::{test}: {why}");
}

/// A running `briefgen serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// The URL it serves at, ending in `/`.
    pub url: String,
    /// The lines it has printed on standard output so far.
    stdout: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until the server has printed a line containing `text` on standard output after
    /// the first `after` lines; how many lines it has printed then.
    pub fn wait_for_line(&self, text: &str, after: usize) -> usize {
        let started = std::time::Instant::now();
        loop {
            if let Ok(lines) = self.stdout.lock()
                && lines.iter().skip(after).any(|l| l.contains(text))
            {
                return lines.len();
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the server never printed {text:?}: {:?}",
                self.stdout.lock().map(|l| l.clone()).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many lines the server has printed on standard output.
    pub fn lines_printed(&self) -> usize {
        self.stdout.lock().map(|l| l.len()).unwrap_or(0)
    }

    /// `host:port` of the server.
    pub fn address(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    }
}

/// Sends `request` as it is over a fresh connection and reads the response until the server
/// closes it (or [`PATIENCE`] passes); returns the status and the whole response.
pub fn raw_request(address: &str, request: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `briefgen serve` on a free port for `site` and waits for its URL.
pub fn serve(site: &Site, args: &[&str]) -> Server {
    let port: &[&str] = if args.contains(&"--port") {
        &[]
    } else {
        &["--port", "0"]
    };
    let mut command = briefgen();
    command
        .arg("serve")
        .args(port)
        .arg("--root")
        .arg(site.root())
        .args(args);
    start_server(command)
}

/// Starts a server and waits for the first `http://` URL it prints on standard output.
pub fn start_server(mut command: Command) -> Server {
    // Standard error is not read: a full pipe would stop the server.
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    let printed: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let lines = printed.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(i) = line.find("http://") {
                let url = line[i..].split_whitespace().next().unwrap_or("");
                let _ = sender.send(url.trim_end_matches(')').to_string());
            }
            if let Ok(mut lines) = lines.lock() {
                lines.push(line);
            }
        }
    });
    let url = receiver
        .recv_timeout(PATIENCE)
        .expect("the server printed no URL");
    Server {
        child,
        url,
        stdout: printed,
    }
}

/// `serve`'s session, driven as its watcher drives it; the search index is made at once after
/// each good save (the server makes it on its own thread, from the same call).
pub struct Live {
    pub session: briefgen::serve::Session,
    /// The errors of the last update; empty when it was good.
    pub errors: Vec<briefgen::Diagnostic>,
}

pub use briefgen::serve::Saved;

impl Live {
    /// Opens a session on `root` with `base_url`, which renders the whole site.
    pub fn open(root: &Path, base_url: &str) -> (Live, Saved) {
        let (session, first) = briefgen::serve::Session::open(
            root,
            briefgen::engine::EngineOptions {
                base_url: Some(base_url.to_string()),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("the engine did not open: {e}"));
        let errors = first.errors.clone();
        (Live { session, errors }, first)
    }

    /// Saves these paths, as a batch of events with nothing started early.
    pub fn update(&mut self, paths: &[PathBuf]) -> Saved {
        self.settle(None, false, paths)
    }

    /// Saves `first` as the watcher does when a save completes before its events are over:
    /// started at once; then `meanwhile` runs and returns the paths of the events that came
    /// while it rendered (`None` when none came), and the batch is settled — the early save
    /// kept when nothing came, else thrown away and the whole batch saved.
    pub fn update_overlapped(
        &mut self,
        first: &[PathBuf],
        meanwhile: impl FnOnce() -> Option<Vec<PathBuf>>,
    ) -> Saved {
        let started = self.session.start(first);
        let more = meanwhile();
        let mut all = first.to_vec();
        all.extend(more.iter().flatten().cloned());
        self.settle(Some(started), more.is_none(), &all)
    }

    /// Settles a batch as the watcher does ([`briefgen::serve::Session::settle`]), then makes
    /// the search index.
    pub fn settle(
        &mut self,
        started: Option<briefgen::serve::session::Started>,
        still_good: bool,
        paths: &[PathBuf],
    ) -> Saved {
        let saved = self.session.settle(started, still_good, paths);
        if saved.errors.is_empty() {
            self.session.index_now();
        }
        self.errors = saved.errors.clone();
        saved
    }

    /// What is served now (a copy: the session keeps changing its own).
    pub fn served(&self) -> briefgen::serve::Served {
        self.session.read().clone()
    }

    /// Every file served, by output path, with its bytes (copied files read from disk).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let served = self.served();
        let mut files: BTreeMap<String, Vec<u8>> = served
            .files
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect();
        for (path, source) in &served.copies {
            let bytes = match source {
                briefgen::source::files::CopyFrom::Embedded(bytes) => bytes.to_vec(),
                briefgen::source::files::CopyFrom::Disk(from) => fs::read(from).unwrap_or_default(),
            };
            files.entry(path.clone()).or_insert(bytes);
        }
        files
    }
}

/// Every file a full build of the folder (`briefgen::build`, into a temporary folder) writes,
/// by output path, its marker aside; or why the build failed.
pub fn try_built(
    root: &Path,
    base_url: &str,
) -> Result<BTreeMap<String, Vec<u8>>, briefgen::BuildError> {
    let out = tempfile::tempdir().unwrap();
    try_built_in(root, base_url, &out.path().join("public"))
}

/// As [`try_built`], into `output`.
pub fn try_built_in(
    root: &Path,
    base_url: &str,
    output: &Path,
) -> Result<BTreeMap<String, Vec<u8>>, briefgen::BuildError> {
    briefgen::build(&briefgen::BuildOptions {
        root: root.to_path_buf(),
        base_url: Some(base_url.to_string()),
        output_dir: Some(output.to_path_buf()),
        drafts: false,
        future: false,
        force: true,
        ..Default::default()
    })?;
    let mut files = snapshot(output);
    files.remove(".briefgen");
    Ok(files)
}

/// Asserts that what `live` serves is, file by file and byte by byte, what a fresh build of
/// the same folder writes.
pub fn assert_served_is_built(live: &Live, root: &Path, base_url: &str, step: &str) {
    let built = try_built(root, base_url).unwrap_or_else(|e| panic!("the build failed: {e}"));
    assert_served_is(live, &built, step);
}

/// Asserts that what `live` serves is `built`, file by file and byte by byte.
pub fn assert_served_is(live: &Live, built: &BTreeMap<String, Vec<u8>>, step: &str) {
    let served = live.files();
    let mut paths: Vec<&String> = served.keys().chain(built.keys()).collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        assert!(
            served.get(path) == built.get(path),
            "after {step}: {path} is {} in serve and {} in a build",
            served
                .get(path)
                .map_or("missing".to_string(), |b| format!("{} bytes", b.len())),
            built
                .get(path)
                .map_or("missing".to_string(), |b| format!("{} bytes", b.len())),
        );
    }
}

/// A site whose own language is Korean, every briefing written in Korean: with a story and
/// weekly digests, so that every page kind is written. The theme's words on it are all Korean.
pub fn korean_site() -> Site {
    let site = Site::new(
        "title = \"한반도 브리핑\"\nbase_url = \"https://example.org/\"\nlanguage = \"ko\"\ndigest = \"weekly\"\n",
    );
    site.write(
        "stories/summit.md",
        "---\ntitle: 정상회담\nsummary: 남북 정상회담의 흐름.\n---\n회담의 경과.\n",
    );
    for (i, date) in [
        "2024-12-30",
        "2025-01-02",
        "2025-06-09",
        "2025-06-12",
        "2025-06-12",
        "2025-06-30",
        "2025-07-02",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/k{i}.md"),
            &format!(
                "---\ntitle: \"서울에서 회담 {i}\"\ndate: {date}\nsource: 연합뉴스\npeople: [이재명, 김정은]\ntags: [외교, 정상회담]\nstory: summit\n---\n서울에서 남북 회담이 열렸다. 양측은 협력을 논의했다.\n"
            ),
        );
    }
    site
}

/// Briefings whose slugs a search fragment writes in each of its forms (`search::ShownSlug`):
/// `(file, title, date, slug)`. Every title has "harbour"; the first three share a date, so
/// that two entries write theirs as the one before it.
pub const SHORTENED_SLUGS: [(&str, &str, &str, &str); 6] = [
    // The title's slug whole, then a start of it, then a start with more after.
    (
        "harbour-talks-resume-in-busan.md",
        "Harbour Talks Resume in Busan",
        "2025-06-12",
        "harbour-talks-resume-in-busan",
    ),
    (
        "harbour-talks-resume.md",
        "Harbour Talks Resume After a Pause",
        "2025-06-12",
        "harbour-talks-resume",
    ),
    (
        "harbour-talks-resume-in-busan-2.md",
        "Harbour Talks Resume in Busan Again",
        "2025-06-12",
        "harbour-talks-resume-in-busan-2",
    ),
    // A slug of other words, written whole.
    (
        "port-deal.md",
        "Harbour Deal Signed",
        "2025-06-11",
        "port-deal",
    ),
    // A transliterated title: the script's title slug has no "e" for "ễ", so it parts early.
    (
        "2025-06-10-nguyen-harbour.md",
        "Nguyễn Visits the Harbour",
        "2025-06-10",
        "nguyen-harbour",
    ),
    // A title with no ASCII letters but one word.
    (
        "busan-harbour-ko.md",
        "부산 항구 harbour 회담",
        "2025-06-09",
        "busan-harbour-ko",
    ),
];

/// A site of [`SHORTENED_SLUGS`].
pub fn shortened_slugs_site() -> Site {
    let site = Site::new(SITE_TOML);
    for (file, title, date, _) in SHORTENED_SLUGS {
        site.write(
            &format!("content/{file}"),
            &format!("---\ntitle: \"{title}\"\ndate: {date}\nsource: Yonhap\n---\nThe harbour.\n"),
        );
    }
    site
}

/// A generated site of `count` briefings, the same for the same count: 60 people, 30 tags and
/// 12 sources with uneven popularity, dates over ten years with several offsets, bodies with
/// headings, lists, quotes, links, and now and then code, a wide table or a long URL — what
/// the page checks look at as a reader would.
pub fn generated_site(count: usize) -> Site {
    const FIRST: [&str; 10] = [
        "Aiko", "Min-jun", "Elena", "Carlos", "Da-eun", "Omar", "Lucía", "Ji-ho", "Priya", "Tomasz",
    ];
    const LAST: [&str; 6] = ["Ahn", "Dubois", "Suzuki", "Okafor", "Nguyễn", "Müller"];
    const TAGS: [&str; 30] = [
        "Diplomacy",
        "Sanctions",
        "Summits",
        "Elections",
        "Trade",
        "Semiconductors",
        "Energy",
        "Climate",
        "Courts",
        "Defense",
        "Alliances",
        "Human rights",
        "Migration",
        "Health",
        "Labor",
        "Housing",
        "Markets",
        "Shipping",
        "Space",
        "AI",
        "Media",
        "Education",
        "Tourism",
        "Agriculture",
        "Fisheries",
        "Cybersecurity",
        "Nuclear policy",
        "DMZ",
        "Aid",
        "Sport",
    ];
    const SOURCES: [&str; 12] = [
        "KBS World Radio News",
        "Yonhap",
        "Reuters",
        "Associated Press",
        "NHK World",
        "The Korea Herald",
        "BBC News",
        "Le Monde",
        "Financial Times",
        "Nikkei Asia",
        "South China Morning Post",
        "Al Jazeera",
    ];
    const OFFSETS: [&str; 4] = ["+09:00", "Z", "+01:00", "-05:00"];
    let site = Site::new(SITE_TOML);
    // A small linear congruential generator: the same site for the same count, everywhere.
    let mut state: u64 = 20250612;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // Squared, so that low numbers (the popular names) come up more often.
        let r = ((state >> 33) as f64) / ((1u64 << 31) as f64);
        ((r * r) * n as f64) as usize
    };
    for i in 0..count {
        let day = i * 3650 / count.max(1);
        let (year, month, dom) = (2016 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
        let person = |k: usize| format!("{} {}", FIRST[k % 10], LAST[k / 10 % 6]);
        let mut people: Vec<String> = (0..1 + i % 3).map(|_| person(next(60))).collect();
        people.dedup();
        let mut tags: Vec<&str> = (0..1 + i % 4).map(|_| TAGS[next(30)]).collect();
        tags.sort_unstable();
        tags.dedup();
        let source = SOURCES[next(12)];
        let title = format!(
            "{} {} as {} talks on {} resume ({i})",
            people[0],
            ["warns", "meets", "visits", "welcomes", "questions"][i % 5],
            source.split(' ').next().unwrap_or("Wire"),
            tags[0].to_lowercase()
        );
        let mut body = format!(
            "{} said the talks on {} would resume next week, according to {source}.\n\n## What happened\n\nOfficials met for three hours. The statement named {} and said more meetings were planned.\n\n- A first point about {}.\n- A second point, with [a link](https://example.com/story/{i}).\n\n> \"We will keep talking,\" a spokesperson said.\n",
            people[0],
            tags[0].to_lowercase(),
            people.join(", "),
            tags[0]
        );
        if i % 10 == 3 {
            body.push_str("\n```rust\nfn main() {\n    let talks = vec![\"Seoul\", \"Tokyo\"];\n    println!(\"{talks:?}\");\n}\n```\n");
        }
        if i % 50 == 7 {
            let header: Vec<String> = (1..=10).map(|c| format!("Column {c}")).collect();
            body.push_str(&format!(
                "\n| {} |\n|{}\n| {} |\n",
                header.join(" | "),
                "---|".repeat(10),
                header.join(" | ")
            ));
            body.push_str(&format!(
                "\nSee https://example.com/a/very/long/address/that/goes/on/{}/and/on\n",
                "x".repeat(120)
            ));
        }
        site.write(
            &format!("content/{year}/{year}-{month:02}-{dom:02}-b{i}.md"),
            &format!(
                "---\ntitle: {title:?}\ndate: {year}-{month:02}-{dom:02}T{:02}:{:02}:00{}\nsource: {{ name: {source:?}, url: \"https://news.example.com/{i}\" }}\npeople: {people:?}\ntags: {tags:?}\n---\n\n{body}",
                i % 24,
                i * 7 % 60,
                OFFSETS[i % 4]
            ),
        );
    }
    site
}

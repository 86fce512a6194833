//! The search benchmark's browser half (`bench/search.sh` runs it; not part of the test
//! suite): opens the search page of a built site in headless Chromium for each query of
//! `bench/search-queries.txt`, from a cold start each time, and prints one line per query —
//! the results found, what the page fetched of the index, and how long it took to answer.
//! When the site also holds a Pagefind index (`pagefind/`), the same query is put to Pagefind
//! in the same browser, with its results, bytes and the overlap of the two top tens.
//!
//!   BRIEFGEN_SEARCH_SITE=<site built for http://127.0.0.1:18080/> \
//!     cargo test --release --test search_bench -- --ignored
//!
//! (`BRIEFGEN_SEARCH_PORT` serves another port.)

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::browser::browser;
use common::start_server;

/// The page paths of a list of result addresses.
fn page_paths(addresses: &serde_json::Value) -> Vec<String> {
    addresses
        .as_array()
        .unwrap()
        .iter()
        .map(|v| page_path(v.as_str().unwrap_or("")))
        .collect()
}

/// The path of a result's page, without `index.html`.
fn page_path(url: &str) -> String {
    url.trim_end_matches("index.html").to_string()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn search_queries_on_a_built_site() {
    let Some(site) = std::env::var_os("BRIEFGEN_SEARCH_SITE").map(PathBuf::from) else {
        panic!("set BRIEFGEN_SEARCH_SITE to a built site");
    };
    // BRIEFGEN_SEARCH_QUERIES names another file of queries (bench/search-queries-ko.txt).
    let queries = std::fs::read_to_string(std::env::var_os("BRIEFGEN_SEARCH_QUERIES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/search-queries.txt"),
        PathBuf::from,
    ))
    .unwrap();
    let port = std::env::var("BRIEFGEN_SEARCH_PORT").map_or(18080, |p| p.parse().unwrap());
    let mut python = Command::new("python3");
    python
        .args(["-u", "-m", "http.server", &port.to_string(), "--bind"])
        .arg("127.0.0.1")
        .arg("--directory")
        .arg(&site);
    let server = start_server(python);
    let base = format!("http://127.0.0.1:{port}/");
    let pagefind = site.join("pagefind/pagefind.js").exists();
    println!(
        "query\tbriefgen results\tbriefgen KB fetched\tbriefgen ms{}",
        if pagefind {
            "\tpagefind results\tpagefind KB fetched\tpagefind ms\ttop-10 overlap"
        } else {
            ""
        }
    );
    for query in queries
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        // A fresh browser for each query: nothing of the index is cached.
        let (_driver, client, _profile) = browser().await;
        let started = Instant::now();
        client
            .goto(&format!("{base}search/?{query}"))
            .await
            .unwrap();
        let found = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const status = document.getElementById('search-status');
                 const check = () => {
                   const text = status.textContent;
                   if (text && text !== 'Searching…') {
                     done([text, Number(document.getElementById('search').dataset.fetched || 0),
                           [...document.querySelectorAll('#search-results a')].slice(0, 10)
                             .map(a => a.getAttribute('href'))]);
                   } else setTimeout(check, 5);
                 };
                 check();",
                vec![],
            )
            .await
            .unwrap();
        let ours_ms = started.elapsed().as_millis();
        let status = found[0].as_str().unwrap_or("").to_string();
        let count: String = status
            .split(' ')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let kb = found[1].as_f64().unwrap_or(0.0) / 1000.0;
        let ours = page_paths(&found[2]);
        let mut line = format!(
            "{query}\t{}\t{kb:.1}\t{ours_ms}",
            if count.is_empty() { "0" } else { &count }
        );
        if pagefind {
            // Pagefind's own API, in a fresh browser, the words of the query alone.
            let words: String = query
                .split('&')
                .find_map(|p| p.strip_prefix("q="))
                .unwrap_or("")
                .replace('+', " ");
            let (_driver, client, _profile) = browser().await;
            client.goto(&format!("{base}404.html")).await.unwrap();
            let started = Instant::now();
            let theirs = client
                .execute_async(
                    "const [words, done] = arguments;
                     import('/pagefind/pagefind.js').then(async pf => {
                       const r = await pf.search(words);
                       const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
                       const bytes = performance.getEntriesByType('resource')
                         .filter(e => e.name.includes('/pagefind/'))
                         .reduce((n, e) => n + e.decodedBodySize, 0);
                       done([r.results.length, bytes, top.map(d => d.url)]);
                     }, e => done([0, 0, [String(e)]]));",
                    vec![serde_json::Value::String(words)],
                )
                .await
                .unwrap();
            let their_ms = started.elapsed().as_millis();
            let top = page_paths(&theirs[2]);
            let overlap = top.iter().filter(|u| ours.contains(u)).count();
            if std::env::var_os("BRIEFGEN_SEARCH_DEBUG").is_some() {
                eprintln!("{query}\n  ours: {ours:?}\n  theirs: {top:?}");
            }
            line.push_str(&format!(
                "\t{}\t{:.1}\t{their_ms}\t{overlap}/{}",
                theirs[0],
                theirs[1].as_f64().unwrap_or(0.0) / 1000.0,
                top.len().min(10).max(ours.len().min(10))
            ));
            client.close().await.unwrap();
        }
        println!("{line}");
        client.close().await.unwrap();
    }
    drop(server);
}

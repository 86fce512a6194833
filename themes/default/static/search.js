// The search page's script: reads the index briefgen writes under search/data/ (see
// src/search/mod.rs for its format) and fetches only what a query needs — meta.json, the word
// files its words fall in, and the fragments of the results shown. No server, no WebAssembly.
(() => {
  "use strict";
  const root = document.getElementById("search");
  if (!root) return;
  const indexPath = root.dataset.index;
  const base = root.dataset.base;
  // The theme's words in the page's language (the search page's `data-words`).
  const W = JSON.parse(root.dataset.words || "{}");
  const say = (key, values = {}) =>
    Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, v), W[key] ?? key);
  const form = root.querySelector("form");
  const input = form.elements.q;
  const yearSelect = form.elements.year;
  const orderSelect = form.elements.order;
  // The language filter, on a site of two languages or more: a language is a word (`l:ko`).
  const languageSelect = form.elements.language;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const FILTERS = { person: "people", tag: "tags", source: "sources" };
  // The story filter, on a site with stories: its terms come from stories.json.
  if (form.elements.story) FILTERS.story = "stories";
  const storyBox = document.getElementById("search-stories");
  const PER_PAGE = 10;
  const WEIGHTS = [6, 3, 1]; // title, people, tags and source; summary; body
  const PREFIX_WEIGHT = 0.5; // a word the query word only begins
  const PREFIX_FROM = 3; // the shortest query word that finds the words it begins
  const MAX_WORD_CHARS = 40;
  const STOPWORDS = new Set(("an and are as at be but by for from has have he her his in is it " +
    "its of on or that the their they this to was were which will with").split(" "));

  let fetched = 0; // bytes fetched since the page opened (the benchmark reads it)
  const count = (n) => { fetched += n; root.dataset.fetched = String(fetched); };

  // Words by the rules of src/search/words.rs.
  function latinWithAccents(cp) {
    return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff);
  }
  // A word of Hangul syllables without the particle it ends in, when two syllables or more
  // are left (words.rs's korean_stem, with its KOREAN_PARTICLES).
  const KOREAN_PARTICLES = ["에서는", "으로는", "에서", "에게", "으로", "까지", "부터", "처럼", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만"];
  function koreanStem(word) {
    if (!/^[\uac00-\ud7a3]+$/.test(word)) return word;
    for (const particle of KOREAN_PARTICLES) {
      if (word.endsWith(particle) && Array.from(word).length - Array.from(particle).length >= 2) {
        return word.slice(0, word.length - particle.length);
      }
    }
    return word;
  }
  function words(text) {
    const out = [];
    for (const match of text.matchAll(/[\p{Alphabetic}\p{N}]+/gu)) {
      let word = "";
      let chars = 0;
      for (const c of match[0]) {
        for (const lower of c.toLowerCase()) {
          const parts = latinWithAccents(lower.codePointAt(0))
            ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
            : lower;
          for (const part of parts) {
            if (chars < MAX_WORD_CHARS) { word += part; chars += 1; }
          }
        }
      }
      if (chars === 1 && word.charCodeAt(0) < 0x80) continue;
      if (STOPWORDS.has(word)) continue;
      out.push(koreanStem(word));
    }
    return out;
  }

  // Strings in the index's order (by code point, as Rust sorts UTF-8).
  function compare(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }

  async function get(path, kind) {
    const response = await fetch(path, kind === "meta" ? { cache: "no-cache" } : {});
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const buffer = await response.arrayBuffer();
    count(buffer.byteLength);
    return kind === "bytes" ? new Uint8Array(buffer) : JSON.parse(new TextDecoder().decode(buffer));
  }

  let metaPromise = null;
  function meta() {
    metaPromise ??= get(indexPath + "meta.json", "meta").then((m) => {
      // Each briefing's year, from the runs.
      m.yearOf = new Int16Array(m.briefings);
      m.yearList = [];
      let doc = 0;
      for (const [year, run] of m.years) {
        m.yearOf.fill(year, doc, doc + run);
        doc += run;
        if (!m.yearList.includes(year)) m.yearList.push(year);
      }
      m.yearList.sort((a, b) => b - a);
      return m;
    });
    return metaPromise;
  }
  const versioned = (m, path) => `${indexPath}${path}?v=${m.version}`;

  let facetsPromise = null;
  function facets() {
    facetsPromise ??= meta().then(async (m) => {
      const f = await get(versioned(m, "facets.json"), "json");
      if (FILTERS.story) {
        const s = await stories(m);
        f.stories = { prefix: "st:", terms: s.map((story) => [story.t, story.s, story.n]) };
      }
      return f;
    });
    return facetsPromise;
  }
  let storiesPromise = null;
  function stories(m) {
    storiesPromise ??= m.stories ? get(versioned(m, "stories.json"), "json") : Promise.resolve([]);
    return storiesPromise;
  }

  // The stories whose titles hold every word of the query, shown above the briefings.
  async function showStories(m, mine) {
    if (!storyBox) return;
    const found = queryWords.length && m.stories
      ? (await stories(m)).filter((story) => {
        const title = words(story.t);
        return queryWords.every((w) => title.some((t) => t === w || (Array.from(w).length >= PREFIX_FROM && t.startsWith(w))));
      })
      : [];
    if (mine !== run) return;
    const items = found.map((story) => {
      const li = document.createElement("li");
      li.className = "story-item";
      const a = document.createElement("a");
      a.className = "briefing-link";
      a.href = base + story.u;
      a.append(marked(story.t, queryWords));
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = `${W.story} · ${W[story.st] ?? story.st} · ${plural(story.n)}`;
      li.append(a, meta);
      if (story.x) {
        const summary = document.createElement("p");
        summary.className = "briefing-summary";
        summary.textContent = story.x;
        li.append(summary);
      }
      return li;
    });
    storyBox.querySelector("ul").replaceChildren(...items);
    storyBox.hidden = !items.length;
  }

  // Word files, read into a map of word -> [bytes, offset of its lists].
  const wordFiles = new Map();
  function readVarint(bytes, at) {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at.i++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
  function wordFile(m, n) {
    if (!wordFiles.has(n)) {
      wordFiles.set(n, get(versioned(m, `w/${n}.bin`), "bytes").then((bytes) => {
        const entries = new Map();
        const at = { i: 0 };
        const decoder = new TextDecoder();
        while (at.i < bytes.length) {
          const length = readVarint(bytes, at);
          const word = decoder.decode(bytes.subarray(at.i, at.i + length));
          at.i += length;
          const size = readVarint(bytes, at);
          entries.set(word, [bytes, at.i]);
          at.i += size;
        }
        return entries;
      }));
    }
    return wordFiles.get(n);
  }
  // The three lists of a word (title and names; summary; body), as arrays of briefings.
  function lists([bytes, offset]) {
    const at = { i: offset };
    const out = [];
    for (let field = 0; field < 3; field++) {
      const head = readVarint(bytes, at);
      const n = Math.floor(head / 2);
      const docs = [];
      if (head % 2 === 1) {
        const first = readVarint(bytes, at);
        const length = readVarint(bytes, at);
        for (let k = 0; k < length; k++) {
          const byte = bytes[at.i + k];
          if (byte === 0) continue;
          for (let j = 0; j < 8; j++) if (byte & (1 << j)) docs.push(first + k * 8 + j);
        }
        at.i += length;
      } else {
        let doc = 0;
        for (let i = 0; i < n; i++) {
          const gap = readVarint(bytes, at);
          doc = i === 0 ? gap : doc + gap;
          docs.push(doc);
        }
      }
      out.push(docs);
    }
    return out;
  }
  // The word file a word falls in.
  function fileOf(m, word) {
    let low = 0;
    let high = m.words.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (compare(m.words[mid], word) <= 0) low = mid; else high = mid - 1;
    }
    return low;
  }
  // The briefings a query word finds, with their scores: the word itself, and (for a word of
  // PREFIX_FROM characters or more) the words it begins that are in its file, and the next
  // two when they run on into them.
  async function matches(m, word) {
    const scores = new Map();
    if (!m.words.length) return scores;
    const prefix = Array.from(word).length >= PREFIX_FROM;
    const first = fileOf(m, word);
    let last = first;
    while (prefix && last + 1 < m.words.length && last < first + 2 && m.words[last + 1].startsWith(word)) last++;
    for (let n = first; n <= last; n++) {
      const entries = await wordFile(m, n);
      for (const [term, entry] of entries) {
        if (term !== word && (!prefix || !term.startsWith(word) || term.includes(":"))) continue;
        const scale = term === word ? 1 : PREFIX_WEIGHT;
        lists(entry).forEach((docs, field) => {
          const score = WEIGHTS[field] * scale;
          for (const doc of docs) if ((scores.get(doc) ?? 0) < score) scores.set(doc, score);
        });
      }
    }
    return scores;
  }
  // The briefings of a person, tag or source (its own word, `p:<slug>`).
  async function facetDocs(m, term) {
    if (!m.words.length) return new Set();
    const entries = await wordFile(m, fileOf(m, term));
    const entry = entries.get(term);
    return new Set(entry ? lists(entry).flat() : []);
  }

  const fragments = new Map();
  function shown(m, doc) {
    const n = Math.floor(doc / m.fragment_briefings);
    if (!fragments.has(n)) fragments.set(n, get(versioned(m, `f/${n}.json`), "json"));
    // An entry is [title, slug, date, source, summary, people, language if not the site's];
    // the slug and the date may be written short (search::ShownSlug in the Rust source).
    return fragments.get(n).then((f) => {
      let i = doc % m.fragment_briefings;
      const e = f[i];
      if (!e) return e;
      // A date the entry before it has is 0.
      while (i > 0 && f[i][2] === 0) i--;
      return { t: e[0], u: m.briefing_page.replace("{slug}", slug(e[0], e[1])), d: f[i][2], s: e[3], x: e[4], p: e[5], l: e[6] };
    });
  }
  // A result's slug: written whole, or as where it parts from its title's own slug — n for the
  // first n characters of that, [n, "rest"] for those and more.
  function slug(title, u) {
    if (typeof u === "string") return u;
    const made = titleSlug(title);
    return typeof u === "number" ? made.slice(0, u) : made.slice(0, u[0]) + u[1];
  }
  // The title's ASCII letters and digits, lower-cased, each run of anything else one hyphen:
  // search::title_slug, byte for byte.
  function titleSlug(title) {
    return title.split(/[^A-Za-z0-9]+/).filter(Boolean).join("-").toLowerCase();
  }

  // Text with the words a query word begins marked.
  function marked(text, queryWords) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(/[\p{Alphabetic}\p{N}]+/gu)) {
      const [w] = words(match[0]);
      if (!w || !queryWords.some((q) => w.startsWith(q))) continue;
      out.append(text.slice(last, match.index));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      out.append(mark);
      last = match.index + match[0].length;
    }
    out.append(text.slice(last));
    return out;
  }

  function resultItem(entry, queryWords) {
    const item = document.createElement("li");
    item.className = "briefing-item";
    const time = document.createElement("time");
    time.textContent = entry.d;
    const link = document.createElement("a");
    link.className = "briefing-link";
    link.href = base + entry.u;
    link.append(marked(entry.t, queryWords));
    const source = document.createElement("span");
    source.className = "briefing-source";
    source.textContent = entry.s;
    item.append(time, " ", link, " ", source);
    // A briefing in another language than the site's says so (`l`), as lists do.
    if (entry.l) link.lang = entry.l;
    if (entry.x) {
      const summary = document.createElement("p");
      summary.className = "briefing-summary";
      if (entry.l) summary.lang = entry.l;
      summary.append(marked(entry.x, queryWords));
      item.append(summary);
    }
    if (entry.p.length) {
      const people = document.createElement("p");
      people.className = "search-people";
      people.textContent = say("with_people", { people: entry.p.join(", ") });
      item.append(people);
    }
    return item;
  }

  let results = [];
  let showing = 0;
  let queryWords = [];
  let run = 0;

  async function showMore(m, mine) {
    const page = results.slice(showing, showing + PER_PAGE);
    const entries = await Promise.all(page.map((doc) => shown(m, doc)));
    if (mine !== run) return;
    for (const entry of entries) if (entry) list.append(resultItem(entry, queryWords));
    showing += page.length;
    more.hidden = showing >= results.length;
  }

  // A number of briefings in words: the form before "|" for one, the last for any other
  // (strings::counted in the Rust source).
  function plural(n) {
    const forms = (W.n_briefings ?? "{count}").split("|");
    return (n === 1 ? forms[0] : forms[forms.length - 1]).replaceAll("{count}", n.toLocaleString("en"));
  }

  async function search() {
    const mine = ++run;
    const m = await meta();
    fillYears(m);
    const params = new URLSearchParams();
    const q = input.value.trim();
    if (q) params.set("q", q);
    queryWords = [...new Set(words(q))];
    const wanted = [];
    let facetList = null;
    for (const [param, kind] of Object.entries(FILTERS)) {
      const value = form.elements[param].value.trim();
      if (!value) continue;
      params.set(param, value);
      facetList ??= await facets();
      const facet = facetList[kind];
      const folded = value.toLowerCase();
      const term = facet.terms.find(([name, slug]) => name.toLowerCase() === folded || slug === folded);
      wanted.push(term ? facet.prefix + term[1] : null);
      if (!term) {
        if (mine !== run) return;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = say("no_such_filter", { filter: W["filter_" + param], value });
        return;
      }
    }
    const language = languageSelect ? languageSelect.value : "";
    if (language) {
      params.set("language", language);
      wanted.push("l:" + language);
    }
    const storiesShown = showStories(m, mine).catch(failed);
    const year = Number(yearSelect.value) || null;
    if (year) params.set("year", String(year));
    if (orderSelect.value === "newest") params.set("order", "newest");
    const url = params.toString() ? `?${params}` : location.pathname;
    history.replaceState(null, "", url);

    if (!queryWords.length && !wanted.length) {
      if (mine !== run) return;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = q
        ? say("too_common", { query: q })
        : say("type_words");
      updateYearCounts(m, null);
      return;
    }
    status.textContent = say("searching");
    const [wordScores, facetSets] = await Promise.all([
      Promise.all(queryWords.map((w) => matches(m, w))),
      Promise.all(wanted.map((term) => facetDocs(m, term))),
    ]);
    if (mine !== run) return;
    // Briefings every word finds (and every filter holds), with their summed scores.
    let candidates;
    if (wordScores.length) {
      wordScores.sort((a, b) => a.size - b.size);
      candidates = new Map();
      for (const [doc, score] of wordScores[0]) {
        let total = score;
        for (const other of wordScores.slice(1)) {
          const s = other.get(doc);
          if (s === undefined) { total = -1; break; }
          total += s;
        }
        if (total >= 0) candidates.set(doc, total);
      }
    } else {
      const [smallest] = [...facetSets].sort((a, b) => a.size - b.size);
      candidates = new Map([...smallest].map((doc) => [doc, 0]));
    }
    for (const set of facetSets) for (const doc of candidates.keys()) if (!set.has(doc)) candidates.delete(doc);
    updateYearCounts(m, candidates);
    let found = [...candidates];
    if (year) found = found.filter(([doc]) => m.yearOf[doc] === year);
    const newest = orderSelect.value === "newest";
    found.sort((a, b) => (newest ? 0 : b[1] - a[1]) || a[0] - b[0]);
    results = found.map(([doc]) => doc);
    showing = 0;
    list.replaceChildren();
    const what = [q && `“${q}”`, ...Object.keys(FILTERS).filter((p) => form.elements[p].value.trim())
      .map((p) => `${W["filter_" + p]} ${form.elements[p].value.trim()}`), year && say("in_what", { what: year }),
      language && say("in_what", { what: languageSelect.selectedOptions[0].textContent })].filter(Boolean).join(", ");
    await showMore(m, mine);
    await storiesShown;
    // Said once the first results (and the stories above them) are shown, so that a reader
    // (and a test) told of them finds them there.
    if (mine !== run) return;
    status.textContent = results.length
      ? say("found_for", { briefings: plural(results.length), what })
      : say("none_for", { what });
  }

  let yearsFilled = false;
  function fillYears(m) {
    if (yearsFilled) return;
    yearsFilled = true;
    const wanted = new URLSearchParams(location.search).get("year");
    for (const year of m.yearList) {
      const option = document.createElement("option");
      option.value = String(year);
      option.textContent = String(year);
      if (String(year) === wanted) option.selected = true;
      yearSelect.append(option);
    }
  }
  // Each year's option says how many of the briefings found (before the year filter) are of
  // that year.
  function updateYearCounts(m, candidates) {
    const counts = new Map();
    if (candidates) for (const doc of candidates.keys()) counts.set(m.yearOf[doc], (counts.get(m.yearOf[doc]) ?? 0) + 1);
    for (const option of yearSelect.options) {
      if (!option.value) continue;
      option.textContent = candidates ? `${option.value} (${counts.get(Number(option.value)) ?? 0})` : option.value;
    }
  }

  let fillingFacets = false;
  async function fillFacets() {
    if (fillingFacets) return;
    fillingFacets = true;
    const f = await facets();
    for (const [param, kind] of Object.entries(FILTERS)) {
      const datalist = document.getElementById(form.elements[param].getAttribute("list"));
      for (const [name, , n] of f[kind].terms) {
        const option = document.createElement("option");
        option.value = name;
        option.label = plural(n);
        datalist.append(option);
      }
    }
  }

  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(() => search().catch(failed), 200); };
  const failed = (error) => { status.textContent = say("search_failed", { error: error.message }); };
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); search().catch(failed); });
  input.addEventListener("input", soon);
  for (const param of Object.keys(FILTERS)) {
    form.elements[param].addEventListener("focus", () => fillFacets().catch(failed));
    form.elements[param].addEventListener("change", soon);
  }
  yearSelect.addEventListener("change", soon);
  if (languageSelect) languageSelect.addEventListener("change", soon);
  orderSelect.addEventListener("change", soon);
  more.addEventListener("click", () => meta().then((m) => showMore(m, run)).catch(failed));

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const param of Object.keys(FILTERS)) form.elements[param].value = params.get(param) ?? "";
  orderSelect.value = params.get("order") === "newest" ? "newest" : "relevance";
  if (languageSelect) languageSelect.value = params.get("language") ?? "";
  search().catch(failed);
})();

"""Scores `briefgen import` (and trafilatura, when installed) on saved pages with the article
expected from each, as ../shared/import-eval/README.md describes:

- body: bag-of-words precision, recall and F1 between the imported text and the text of
  `expected.html` (lowercased, NFKC, one token per CJK character);
- title: equal after ignoring case, whitespace and punctuation ("exact"), or one containing
  the other ("contained", the issue's measure);
- source: equal to `siteName` where present; date: the same calendar day as `publishedTime`
  where present; "silent now": the draft's date is the import day with no warning;
- time per page (the whole `briefgen import FILE --stdout` process), crashes and hangs (20 s);
  with `--in-process`, also the time per page inside one process, page after page
  (`examples/import_time.rs`), as trafilatura and htmldate are timed (a call per page);
- where a page gives its marked body as text (`expected.txt`, Zyte's benchmark), the body by
  that benchmark's own scoring: shared, extra and missing 4-word shingles, each page's over
  their sum, precision and recall from the sums over all pages.

    python3 bench/import_eval.py PAGES_DIR BRIEFGEN [--per-page OUT.tsv] [--no-trafilatura]
        [--in-process target/release/examples/import_time]

A suite without `expected.html` (htmldate's news pages) is scored on dates alone.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter

import lxml.html

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD = re.compile(r"\w+")


def tokens(text):
    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for word in WORD.findall(text):
        if CJK.search(word):
            run = ""
            for c in word:
                if CJK.match(c):
                    if run:
                        out.append(run)
                        run = ""
                    out.append(c)
                else:
                    run += c
            if run:
                out.append(run)
        else:
            out.append(word)
    return out


def f1(got, want):
    got, want = Counter(tokens(got)), Counter(tokens(want))
    common = sum((got & want).values())
    if not got and not want:
        return 1.0, 1.0, 1.0
    if common == 0:
        return 0.0, 0.0, 0.0
    p, r = common / sum(got.values()), common / sum(want.values())
    return p, r, 2 * p * r / (p + r)


def shingles(text):
    """Zyte's benchmark's units: runs of 4 consecutive word tokens (`\\w+`, case kept)."""
    words = WORD.findall(text)
    return Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def shingle_share(got, want):
    """One page's shared, extra and missing shingles, each over their sum (so that every page
    weighs the same), as Zyte's benchmark scores a page; None when neither side has one."""
    got, want = shingles(got), shingles(want)
    tp, fp, fn = sum((got & want).values()), sum((got - want).values()), sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else None


def html_text(html):
    if not html.strip():
        return ""
    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    return doc.text_content()


def markdown_text(md):
    md = re.sub(r"!\[([^\]]*)\]\([^)\s]*\)", r"\1", md)
    # Link targets: briefgen writes `)` in an address as %29, so none holds one.
    md = re.sub(r"\]\([^)\s]*\)", "]", md)
    md = re.sub(r"\\(.)", r"\1", md)
    return md


def plain(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s or "").lower() if c.isalnum())


# Month names, or their first letters, in the suites' languages: enough to tell whether a
# page's copied text writes its date at all (`written_date`).
MONTH_WORDS = {
    1: "jan janv januar enero gennaio janeiro stycz січ янв ocak يناير",
    2: "feb févr fevr februar febrero febbraio fevereiro lut лют фев şubat subat فبراير",
    3: "mar märz marz mars marzo março marc берез мар مارس",
    4: "apr avr abril aprile kwi квіт апр nisan أبريل",
    5: "may mai mayo maggio maio maj трав мая май mayıs مايو",
    6: "jun juin junio giugno junho czerw черв июн haziran يونيو",
    7: "jul juil julio luglio julho lip лип июл temmuz يوليو",
    8: "aug août aout agosto sierp серп авг ağustos أغسطس",
    9: "sep sept septiembre settembre setembro wrz верес сен eylül سبتمبر",
    10: "oct okt octubre ottobre outubro paź жовт окт ekim أكتوبر",
    11: "nov noviembre novembre novembro lis листоп ноя kasım نوفمبر",
    12: "dec déc dez diciembre dicembre dezembro gru груд дек aralık ديسمبر",
}


def written_date(text, day):
    """Whether `text` writes the day `day` (YYYY-MM-DD) in a common form: in numbers
    (2020-07-03, 03.07.2020, 7/3/20, 2020年07月03日) or with its month's name and the year
    near it. What copied text does not write, no reader of it can find."""
    try:
        y, m, d = int(day[:4]), int(day[5:7]), int(day[8:10])
    except ValueError:
        return False
    text = text.lower()
    yy = f"({y}|{y % 100:02d})"
    numeric = [
        rf"{y}\s*[-/.년年]\s*0?{m}\s*[-/.월月]\s*0?{d}(?!\d)",
        rf"(?<!\d)0?{d}\s*[-/.]\s*0?{m}\s*[-/.]\s*{yy}(?!\d)",
        rf"(?<!\d)0?{m}\s*[-/.]\s*0?{d}\s*[-/.]\s*{yy}(?!\d)",
        rf"{y}{m:02d}{d:02d}",
    ]
    if any(re.search(p, text) for p in numeric):
        return True
    for word in MONTH_WORDS[m].split():
        for found in re.finditer(re.escape(word), text):
            near = text[max(0, found.start() - 25):found.end() + 25]
            wider = text[max(0, found.start() - 60):found.end() + 60]
            if re.search(rf"(?<!\d)0?{d}(?!\d)", near) and str(y) in wider:
                return True
    return False


def title_checks(got, want):
    g, w = plain(got), plain(want)
    if not w:
        return None, None
    return g == w, bool(g) and (g in w or w in g)


def front_matter(text):
    """The draft's front matter fields we score, read line by line (the draft's own layout)."""
    fields = {}
    if not text.startswith("---\n"):
        return fields, text
    head, _, body = text[4:].partition("\n---\n")
    for line in head.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "title":
            fields["title"] = json.loads(value) if value.startswith('"') else value
        elif key == "date":
            fields["date"] = value.split("#")[0].strip()
            fields["date_comment"] = "#" in value
        elif key == "source":
            m = re.search(r'name:\s*("(?:[^"\\]|\\.)*")', value)
            if m:
                fields["source"] = json.loads(m.group(1))
            elif value and not value.startswith("{"):
                fields["source"] = json.loads(value) if value.startswith('"') else value
    return fields, body


def run_briefgen(binary, page, cwd):
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [binary, "import", page, "--stdout"],
            capture_output=True, timeout=20, cwd=cwd,
        )
    except subprocess.TimeoutExpired:
        return None, 20.0, "hang", ""
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        return None, elapsed, "crash", proc.stderr.decode("utf-8", "replace")
    fields, body = front_matter(proc.stdout.decode("utf-8", "replace"))
    fields["body"] = markdown_text(body)
    return fields, elapsed, None, proc.stderr.decode("utf-8", "replace")


def run_trafilatura(html):
    import trafilatura

    start = time.perf_counter()
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    elapsed = time.perf_counter() - start
    if doc is None:
        return {"body": "", "title": "", "source": ""}, elapsed
    d = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return {
        "title": d.get("title") or "",
        "date": d.get("date") or "",
        "source": d.get("sitename") or "",
        "body": d.get("text") or "",
    }, elapsed


def run_htmldate(html):
    """htmldate's date alone, as its README scores it: the original date, extensive search."""
    import htmldate

    start = time.perf_counter()
    date = htmldate.find_date(html, original_date=True, extensive_search=True)
    return {"date": date or "", "body": ""}, time.perf_counter() - start


def score(name, got, meta, expected_text, today, expected_plain=None, source_text=None):
    # A suite that marks no body (htmldate's pages: dates only) scores none.
    p, r, f = f1(got.get("body", ""), expected_text) if expected_text is not None else (None, None, None)
    # A tool that gives no title or source (htmldate: dates alone) is not scored on them.
    exact, contained = title_checks(got["title"], meta.get("title") or "") if "title" in got else (None, None)
    row = {"page": name, "p": p, "r": r, "f1": f, "title": exact, "title_in": contained}
    # Zyte's own scoring, where the suite gives the marked body as text (`expected.txt`).
    row["shingles"] = shingle_share(got.get("body", ""), expected_plain) if expected_plain is not None else None
    if meta.get("siteName") and "source" in got:
        row["source"] = plain(got.get("source", "")) == plain(meta["siteName"])
    if meta.get("publishedTime") not in (None, ""):
        # A page whose day was not marked (`NaN` in htmldate's set) counts as wrong, as there.
        row["date"] = (got.get("date") or "")[:10] == str(meta["publishedTime"])[:10]
        if source_text is not None:
            row["date_written"] = written_date(source_text, str(meta["publishedTime"])[:10])
    row["silent_now"] = (got.get("date") or "")[:10] == today and not got.get("date_comment")
    return row


def summary(rows, times, call_times=None):
    def share(key):
        seen = [r[key] for r in rows if r.get(key) is not None]
        return f"{100 * sum(seen) / len(seen):.1f} % ({sum(seen)}/{len(seen)})" if seen else "-"

    f1s = [r["f1"] for r in rows if r["f1"] is not None]
    shares = [r["shingles"] for r in rows if r.get("shingles") is not None]
    shingle_f1 = "-"
    if shares:
        tp, fp, fn = (sum(s[k] for s in shares) for k in range(3))
        sp, sr = tp / (tp + fp), tp / (tp + fn)
        shingle_f1 = f"{2 * sp * sr / (sp + sr):.4f} (P {sp:.4f}, R {sr:.4f})"
    return {
        "body F1, Zyte's shingle scoring (P, R)": shingle_f1,
        "body F1: mean (pages below 0.5)": f"{statistics.mean(f1s):.3f} ({sum(f < 0.5 for f in f1s)})" if f1s else "-",
        "body F1: median": f"{statistics.median(f1s):.3f}" if f1s else "-",
        "title equal": share("title"),
        "title, one containing the other": share("title_in"),
        "source right": share("source"),
        "date right": share("date"),
        "date written in the copied text": share("date_written"),
        "no date found": str(sum(bool(r.get("no_date")) for r in rows)),
        "import time written silently": str(sum(r["silent_now"] for r in rows)),
        "time per page: median (max)": f"{1000 * statistics.median(times):.1f} ms ({1000 * max(times):.0f} ms)",
        "time per page, in one process: median": (
            f"{1000 * statistics.median(call_times):.1f} ms" if call_times else "-"
        ),
    }


def in_process_times(binary, sources):
    """Seconds per page of `import` inside one process (examples/import_time.rs), in order."""
    proc = subprocess.run([binary, *sources], capture_output=True, text=True, check=True)
    return [int(line.rsplit("\t", 1)[1]) / 1e6 for line in proc.stdout.splitlines()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("briefgen")
    ap.add_argument("--per-page")
    ap.add_argument("--json", help="also write each tool's figures to this file")
    ap.add_argument("--no-trafilatura", action="store_true",
                    help="score briefgen alone (no trafilatura, no htmldate)")
    ap.add_argument("--text", action="store_true",
                    help="score the copied text of each page (`source.txt`, bench/clip_text.py)")
    ap.add_argument("--in-process", metavar="IMPORT_TIME",
                    help="also time import inside one process with this examples/import_time binary")
    args = ap.parse_args()
    source_name = "source.txt" if args.text else "source.html"
    try:
        import trafilatura  # noqa: F401

        with_trafilatura = not args.no_trafilatura and not args.text
    except ImportError:
        with_trafilatura = False
    today = datetime.date.today().isoformat()
    binary = os.path.abspath(args.briefgen)
    names = sorted(n for n in os.listdir(args.pages) if os.path.isfile(os.path.join(args.pages, n, source_name)))
    results = {"briefgen": ([], []), "trafilatura": ([], []), "htmldate": ([], [])}
    failures = []
    cwd = tempfile.mkdtemp()  # outside any site: dates without an offset read as UTC
    for name in names:
        folder = os.path.join(args.pages, name)
        source = os.path.join(folder, source_name)
        meta = json.load(open(os.path.join(folder, "expected-metadata.json"), encoding="utf-8"))
        expected = os.path.join(folder, "expected.html")
        expected_text = html_text(open(expected, encoding="utf-8").read()) if os.path.exists(expected) else None
        plain = os.path.join(folder, "expected.txt")
        expected_plain = open(plain, encoding="utf-8").read() if os.path.exists(plain) else None
        got, elapsed, failure, stderr = run_briefgen(binary, source, cwd)
        if failure:
            failures.append(f"{name}: {failure} {stderr.strip()[:200]}")
            got = {"body": "", "title": "", "source": ""}
        rows, times = results["briefgen"]
        source_text = open(source, encoding="utf-8").read() if args.text else None
        row = score(name, got, meta, expected_text, today, expected_plain, source_text)
        row["warned"] = "no date" in stderr.lower()
        row["no_date"] = row["warned"]
        rows.append(row)
        times.append(elapsed)
        if with_trafilatura:
            html = open(source, "rb").read()
            tgot, telapsed = run_trafilatura(html)
            rows, times = results["trafilatura"]
            rows.append(score(name, tgot, meta, expected_text, today, expected_plain))
            times.append(telapsed)
            hgot, helapsed = run_htmldate(html)
            rows, times = results["htmldate"]
            rows.append(score(name, hgot, meta, None, today))
            times.append(helapsed)
    tools = ["briefgen"] + (["trafilatura", "htmldate"] if with_trafilatura else [])
    # Python's tools are timed a call per page already.
    call_times = {t: results[t][1] for t in tools if t != "briefgen"}
    if args.in_process:
        sources = [os.path.join(args.pages, n, source_name) for n in names]
        call_times["briefgen"] = in_process_times(os.path.abspath(args.in_process), sources)
    table = {t: summary(*results[t], call_times.get(t)) for t in tools}
    print(f"\n{len(names)} pages from {args.pages}\n")
    print("| | " + " | ".join(tools) + " |")
    print("|---|" + "---|" * len(tools))
    for key in table["briefgen"]:
        print(f"| {key} | " + " | ".join(table[t][key] for t in tools) + " |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"pages": len(names), "tools": table}, out, ensure_ascii=False)
    if failures:
        print("\nfailures:\n" + "\n".join(failures))
    if args.per_page:
        with open(args.per_page, "w", encoding="utf-8") as out:
            out.write("page\ttool\tf1\tprecision\trecall\ttitle\tsource\tdate\n")
            for t in tools:
                for r in results[t][0]:
                    scores = "\t".join("" if r[k] is None else f"{r[k]:.3f}" for k in ("f1", "p", "r"))
                    out.write(f"{r['page']}\t{t}\t{scores}\t{r['title']}\t{r.get('source', '')}\t{r.get('date', '')}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

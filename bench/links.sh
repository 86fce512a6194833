#!/usr/bin/env bash
# `briefgen check --external` on a generated site, every link served from 127.0.0.1: the plain
# `check`, a first run (no cache: every address asked) and a second run (every address fresh in
# .briefgen/links.json), alternating run by run, medians.
#
#   bench/links.sh [COUNT]        (default: 10000)
#
# Each host of the corpus (world.kbs.co.kr, …) becomes a port of one local server
# (bench/link_server.py), so the per-host limit works as it would against the real outlets.
# Env: RUNS (default 5), WORK (default a temporary folder), PER_HOST (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
count=${1:-10000}
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}
per_host=${PER_HOST:-4}

cargo build --release --quiet
briefgen=$repo/target/release/briefgen
site=$work/links-$count
[ -d "$site/content" ] || python3 "$gen" --count "$count" --out "$site" >/dev/null

# Hosts of the corpus, then a server port for each.
hosts=$(grep -rhoE 'https?://[^/" )]+' "$site/content" | sort -u)
n=$(echo "$hosts" | wc -l)
ports=$work/ports
rm -f "$ports"
python3 bench/link_server.py "$ports" "$n" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$ports" ] && [ "$(wc -l < "$ports")" -eq "$n" ] && break; sleep 0.1; done
# Every address of a host, onto its port (a copy of the corpus is rewritten once).
python3 - "$site/content" "$ports" <<PY
import pathlib, sys
hosts = """$hosts""".split()
ports = open(sys.argv[2]).read().split()
mapping = dict(zip(hosts, (f"http://127.0.0.1:{p}" for p in ports)))
for path in pathlib.Path(sys.argv[1]).rglob("*.md"):
    text = path.read_text(encoding="utf-8")
    new = text
    for host, local in mapping.items():
        new = new.replace(host, local)
    if new != text:
        path.write_text(new, encoding="utf-8")
PY

[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
timed() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 \
        || { cat "$work/out.txt"; exit 1; }
    printf '%s\t%s\n' "$label" "$(tr ' ' '\t' < "$work/time.txt")" >> "$work/runs.tsv"
}
: > "$work/runs.tsv"
"$briefgen" check --root "$site" > /dev/null # warm-up
for _ in $(seq "$runs"); do
    timed check "$briefgen" check --root "$site"
    rm -rf "$site/.briefgen"
    timed first "$briefgen" check --external --per-host "$per_host" --root "$site"
    timed cached "$briefgen" check --external --per-host "$per_host" --root "$site"
done
grep "External links" "$work/out.txt"

echo "machine: $(nproc) cores; $n hosts, per-host limit $per_host; briefgen $("$briefgen" --version | cut -d' ' -f2)"
python3 - "$work/runs.tsv" "$runs" <<'PY'
import statistics, sys
from collections import defaultdict
times = defaultdict(list)
for line in open(sys.argv[1]):
    label, wall, user, system = line.split()
    times[label].append((float(wall), float(user) + float(system)))
print(f"\n| {sys.argv[2]} runs each, medians | wall | CPU (user+sys) |\n|---|---:|---:|")
for label, text in (("check", "`check`"), ("first", "`check --external`, no cache (every address asked)"),
                    ("cached", "`check --external`, second run (every address from the cache)")):
    wall = statistics.median(t[0] for t in times[label])
    cpu = statistics.median(t[1] for t in times[label])
    print(f"| {text} | {wall:.2f} s | {cpu:.2f} s |")
PY

"""Medians of bench/build.sh runs, as a Markdown table per corpus size."""
import os
import statistics
import sys
from collections import defaultdict

times = defaultdict(list)  # (count, tool) -> [(wall, cpu, rss_kb)]
files = {}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if parts[0] == "files":
        files[(parts[1], parts[2])] = int(parts[3])
        continue
    tool, count, _run, wall, user, system, rss = parts
    times[(count, tool)].append((float(wall), float(user) + float(system), int(rss)))

def hugo_version(variable):
    """`0.168.0` of `hugo v0.168.0-e27a…+extended`, as bench/build.sh exports it."""
    return os.environ.get(variable, "").removeprefix("hugo v").split("-")[0].split("+")[0]

def median(count, tool, i):
    return statistics.median(t[i] for t in times[(count, tool)])

for count in sorted({c for c, _ in times}, key=int):
    print(f"\n### {int(count):,} briefings ({len(times[(count, 'briefgen')])} runs each, medians)\n")
    print("| | wall | CPU (user+sys) | peak RSS | files |")
    print("|---|---:|---:|---:|---:|")
    for tool in ("before", "briefgen", "stories", "hugo", "hugo2", "cp"):
        if (count, tool) not in times:
            continue
        label = {"cp": "`cp -r` of briefgen's output", "before": "briefgen before ($BEFORE)",
                 "hugo": f"hugo {hugo_version('HUGO_VERSION')}".rstrip(),
                 "hugo2": f"hugo {hugo_version('HUGO2_VERSION')}".rstrip(),
                 "stories": f"briefgen, the same site with {os.environ.get('STORIES', 'its')} stories"}.get(tool, tool)
        print(f"| {label} | {median(count, tool, 0):.2f} s | {median(count, tool, 1):.2f} s "
              f"| {median(count, tool, 2) / 1024:.0f} MB | {files.get((count, tool), '')} |")
    b, h, c = (median(count, t, 0) for t in ("briefgen", "hugo", "cp"))
    print(f"\nHugo {hugo_version('HUGO_VERSION')} / briefgen: {h / b:.1f}×; briefgen / `cp -r` floor: {b / c:.2f}×; "
          f"peak RSS briefgen / Hugo: {median(count, 'briefgen', 2) / median(count, 'hugo', 2):.2f}")
    if (count, "hugo2") in times:
        print(f"Hugo {hugo_version('HUGO2_VERSION')} / briefgen: {median(count, 'hugo2', 0) / b:.1f}×")
    if (count, "stories") in times:
        print(f"with stories / without: wall {median(count, 'stories', 0) / b:.3f}×, "
              f"CPU {median(count, 'stories', 1) / median(count, 'briefgen', 1):.3f}×")
        # Each stories run beside the run without them in the same round: a machine that slows
        # down for a while then slows both. The spread says how far one run can be trusted.
        for i, name in ((0, "wall"), (1, "CPU")):
            ratios = sorted(s[i] / p[i] for p, s in zip(times[(count, "briefgen")], times[(count, "stories")]))
            print(f"  run by run, {name}: median {statistics.median(ratios):.3f}× "
                  f"(from {ratios[0]:.3f}× to {ratios[-1]:.3f}×)")
        walls = sorted(t[0] for t in times[(count, "briefgen")])
        print(f"  the runs without stories alone took {walls[0]:.2f} s to {walls[-1]:.2f} s")
    if (count, "before") in times:
        print(f"briefgen / before: wall {b / median(count, 'before', 0):.2f}×, "
              f"peak RSS {median(count, 'briefgen', 2) / median(count, 'before', 2):.2f}×")

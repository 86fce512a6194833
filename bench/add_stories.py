#!/usr/bin/env python3
"""Adds stories to a corpus made by ../shared/bench/gen_corpus.py (plain flavor), in place.

    add_stories.py --stories N DIR [--long M] [--seed S]

Writes DIR/stories/story-<k>.md (title, summary, status: a third concluded, people, tags)
and joins each briefing to one story by a deterministic rule: briefings are taken in file
order and dealt to stories in runs, so that a story's briefings sit together in time as a
real story's do, each story in turn (so every story gets some), and about four briefings in
five join one. `--long M` makes story-0 hold M
briefings (the page-size check of issue 27). The same DIR, N, M and seed give the same site.
"""
import argparse
import os
import random
import re

parser = argparse.ArgumentParser()
parser.add_argument("--stories", type=int, required=True)
parser.add_argument("--long", type=int, default=0)
parser.add_argument("--seed", type=int, default=27)
parser.add_argument("dir")
args = parser.parse_args()
rng = random.Random(args.seed)

files = []
for folder, _, names in os.walk(os.path.join(args.dir, "content")):
    files.extend(os.path.join(folder, n) for n in names if n.endswith(".md"))
files.sort()

WORDS = ["summit", "talks", "sanctions", "election", "launches", "trade", "alliance",
         "court", "strike", "visit", "inquiry", "budget", "treaty", "crisis", "reform"]
os.makedirs(os.path.join(args.dir, "stories"), exist_ok=True)
for k in range(args.stories):
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    status = "concluded" if k % 3 == 2 else "developing"
    with open(os.path.join(args.dir, "stories", f"story-{k}.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: \"The {a} and the {b}, part {k}\"\n"
                f"summary: \"How the {a} led to the {b}: story {k} of the bench corpus.\"\n"
                f"status: {status}\ntags: [\"{a.title()}\"]\n---\n\n"
                f"The editor's account of story {k}: what happened, and what to watch.\n")

story_line = re.compile(r"^(stories|story):", re.M)
order = list(range(args.stories))
rng.shuffle(order)
run, turn, story = 0, 0, 0
for i, path in enumerate(files):
    if args.long and i < args.long:
        joined = 0
    elif args.stories and rng.random() < 0.8:
        if run == 0:
            story, run = order[turn % len(order)], rng.randrange(5, 80)
            turn += 1
        run -= 1
        joined = story
    else:
        continue
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if story_line.search(text):
        continue
    # After the opening `---`, before the closing one.
    end = text.index("\n---", 3)
    text = text[:end] + f"\nstory: story-{joined}" + text[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
print(f"{args.stories} stories, {len(files)} briefings in {args.dir}")

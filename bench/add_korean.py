#!/usr/bin/env python3
"""Turns a third of a corpus made by ../shared/bench/gen_corpus.py (plain flavor) into Korean,
in place: the search index's size and what a query fetches with Korean beside English
(issue 31).

    add_korean.py DIR [--every N] [--seed S]

Every N-th briefing in file order (default 3) gets `language: ko` and a Korean title, summary
and body: each paragraph, heading and list item is replaced by Korean sentences of about as
many words, drawn from a vocabulary of news nouns (with the particles Korean attaches to
them: 은/는/이/가/을/를/의/에/에서/으로…) and verb endings, so that the index meets what real
Korean text gives it — many spellings of one noun, which the search folds into one word.
Code blocks, people, tags and sources are left as they are (names stay in their site
spelling). The same DIR, N and seed give the same site.
"""
import argparse
import os
import random
import re

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--every", type=int, default=3)
parser.add_argument("--seed", type=int, default=31)
args = parser.parse_args()
rng = random.Random(args.seed)

NOUNS = (
    "서울 평양 워싱턴 베이징 도쿄 모스크바 부산 인천 개성 판문점 "
    "대통령 총리 장관 외교부 국방부 통일부 국회 정부 여당 야당 대변인 위원장 특사 대사관 "
    "정상회담 회담 협상 합의 제재 비핵화 미사일 발사 군사 훈련 동맹 안보 평화 전쟁 휴전 "
    "경제 수출 수입 관세 반도체 무역 시장 금리 물가 환율 투자 기업 산업 일자리 예산 "
    "태풍 지진 홍수 폭염 재난 구호 인도적 지원 식량 난민 "
    "선거 투표 여론조사 후보 공약 개헌 탄핵 재판 법원 검찰 수사 "
    "기자 발표 성명 보고서 자료 통계 전문가 관계자 소식통 주민 시민 학생 "
    "북한 남한 미국 중국 일본 러시아 우크라이나 유럽 유엔 한반도 "
    "올해 지난해 내년 이번 주 오늘 어제 최근 현재 앞으로"
).split()
PARTICLES = ["", "", "은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "와", "과", "도", "만", "에게", "까지", "부터"]
VERBS = (
    "밝혔다 말했다 전했다 발표했다 강조했다 지적했다 설명했다 덧붙였다 보도했다 "
    "열렸다 합의했다 논의했다 요구했다 거부했다 제안했다 경고했다 우려했다 "
    "늘었다 줄었다 올랐다 내렸다 이어졌다 시작됐다 끝났다"
).split()
ADVERBS = "또 다시 이미 아직 크게 곧 함께 특히 다만 한편".split()


def sentence(words):
    out = []
    while len(out) < max(words - 1, 2):
        if rng.random() < 0.12:
            out.append(rng.choice(ADVERBS))
        else:
            out.append(rng.choice(NOUNS) + rng.choice(PARTICLES))
    out.append(rng.choice(VERBS))
    return " ".join(out) + "."


def korean(words):
    text = []
    left = max(words, 3)
    while left > 0:
        n = min(left, rng.randint(6, 14))
        text.append(sentence(n))
        left -= n
    return " ".join(text)


def title():
    return " ".join(rng.choice(NOUNS) + rng.choice(["", "", "의", "에서", "과"]) for _ in range(rng.randint(3, 5)))


files = []
for folder, _, names in os.walk(os.path.join(args.dir, "content")):
    files.extend(os.path.join(folder, n) for n in names if n.endswith(".md"))
files.sort()

changed = 0
for i, path in enumerate(files):
    if i % args.every:
        continue
    with open(path, encoding="utf-8") as f:
        text = f.read()
    _, front, body = text.split("---\n", 2)
    lines = []
    for line in front.splitlines():
        if line.startswith("title:"):
            line = 'title: "%s"' % title()
        elif line.startswith("summary:"):
            line = 'summary: "%s"' % korean(rng.randint(15, 30))
        lines.append(line)
    lines.append("language: ko")
    out = []
    in_code = False
    for line in body.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
            out.append(line)
        elif in_code or not line.strip():
            out.append(line)
        elif line.startswith("#"):
            out.append(line.split(" ", 1)[0] + " " + title())
        elif re.match(r"^(> |- |\* |\d+\. )", line):
            mark = line.split(" ", 1)[0]
            out.append(mark + " " + korean(len(line.split()) - 1))
        else:
            out.append(korean(len(line.split())))
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n" + "\n".join(lines) + "\n---\n" + "\n".join(out))
    changed += 1
print(f"{changed} of {len(files)} briefings made Korean")

"""The editor's audit (../shared/AUDIT.md): lint a fixed sample of real health articles and write a judging sheet.

    python tests/benchmarks/audit_sample.py --sample tune|measure [--out DIR] [--data FILE] [--jobs N]
    python tests/benchmarks/audit_sample.py --score SHEET

--sample draws, with a fixed seed, 40 news stories and 20 press releases of 300 to 2,000 words
from the health-news data set (by default ../shared/data/health-news/articles.jsonl.gz beside
the repository). The tune and measure samples never overlap, and each keeps its articles from
run to run: the data set is halved by a hash of each article's id (tune draws from one half,
measure from the other, so rules tuned on the first half are measured on articles never looked
at), and each sample takes the first articles of each kind in an order seeded by SEED. The
articles are written as Markdown drafts (`# title`, blank line, text) to OUT/drafts,
`claimcheck check --format json` runs once over them (report in OUT/report.json), and
OUT/sheet.jsonl gets one line per finding to judge: every finding of the
claim categories (overclaim, unhedged-claim, uncited-study, missing-doctor-advice,
missing-practitioner-advice) and a seeded sample of 30 plain-language and readability findings.
Each line holds the article id and kind, the category, rule, message, matched words, the
sentence and paragraph around them, and empty `verdict` and `why` fields to fill in:
verdict is correct, wrong or debatable; why says in a few words what makes it so.

--score reads a judged sheet and prints, per category, the findings, how many are correct,
wrong and debatable, and precision = correct / (correct + wrong).

The articles belong to their publishers: OUT must be outside the repository, so that no
article's text is ever copied into it.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "health-news" / "articles.jsonl.gz"
SEED = "claimcheck-audit-1"
SAMPLES = ("tune", "measure")
PER_SAMPLE = {"news story": 40, "press release": 20}
MIN_WORDS, MAX_WORDS = 300, 2000
CLAIM_CATEGORIES = (
    "overclaim",
    "unhedged-claim",
    "uncited-study",
    "missing-doctor-advice",
    "missing-practitioner-advice",
)
OTHER_CATEGORIES = ("plain-language", "readability")
OTHER_SAMPLE_SIZE = 30
VERDICTS = ("correct", "wrong", "debatable")
# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by a space and a
# capital, digit or opening quote, unless the full stop ends an abbreviation ("U.S.", "Dr.").
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
ABBREVIATIONS = frozenset("Dr Mr Mrs Ms St vs No Jr Sr al Inc Co Corp Ltd Prof Calif Mass Fig etc".split())


def find_claimcheck() -> str | None:
    """The claimcheck script installed next to this Python, else the one on PATH."""
    for name in ("claimcheck", "claimcheck.exe"):
        beside = Path(sys.executable).parent / name
        if beside.is_file():
            return str(beside)
    return shutil.which("claimcheck")


def rank(article_id: str) -> str:
    """The article's place in the seeded order: a hash of the seed and its id."""
    return hashlib.sha256(f"{SEED}:{article_id}".encode()).hexdigest()


def pool(article_id: str) -> str:
    """Which half of the data set an article belongs to: rules are tuned on one, measured on the other."""
    return SAMPLES[int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2]


def draw(data: Path, sample: str) -> list[dict]:
    """The articles of one sample: per kind, the first eligible articles of the sample's half, in seeded order."""
    eligible: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["kind"] not in PER_SAMPLE or pool(article["id"]) != sample:
                continue
            if MIN_WORDS <= len(article["text"].split()) <= MAX_WORDS:
                eligible[article["kind"]].append(article)
    chosen = []
    for kind, size in PER_SAMPLE.items():
        ordered = sorted(eligible[kind], key=lambda article: rank(article["id"]))
        if len(ordered) < size:
            raise ValueError(f"{data}: only {len(ordered)} {kind} articles of {MIN_WORDS}-{MAX_WORDS} words")
        chosen.extend(ordered[:size])
    return chosen


def lint(claimcheck: str, drafts: Path, jobs: int) -> dict:
    """claimcheck's JSON report on every draft in the folder (run from it, so no config applies)."""
    done = subprocess.run(
        [claimcheck, "check", "--format", "json", "--fail-on", "none", "--jobs", str(jobs), "."],
        cwd=drafts,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as err:
        raise RuntimeError(f"claimcheck exited {done.returncode} without a JSON report: {done.stderr.strip()}") from err


def paragraph_at(lines: list[str], line: int) -> tuple[int, str]:
    """The paragraph (run of non-blank lines) holding 1-based `line`: its first line number and text."""
    index = min(max(line - 1, 0), len(lines) - 1)
    start = index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = index
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return start + 1, "\n".join(lines[start : end + 1])


def sentence_at(paragraph: str, offset: int, length: int) -> str:
    """The sentence(s) of the paragraph that hold characters offset to offset + length (a plain split, for the reader)."""
    start, stop = 0, len(paragraph)
    for end in SENTENCE_END.finditer(paragraph):
        word = re.search(r"(\w+)$", paragraph[: end.start()])
        if paragraph[end.start()] == "." and word and (len(word[1]) == 1 or word[1] in ABBREVIATIONS):
            continue
        if end.end() <= offset:
            start = end.end()
        elif end.end() > offset + length:
            stop = end.end()
            break
    return paragraph[start:stop].strip()


def sheet_row(article: dict, text: str, finding: dict, sampled: bool) -> dict:
    """One line of the judging sheet for one finding."""
    lines = text.splitlines()
    if finding["scope"] == "document":
        sentence, paragraph = "", "(the whole article: read it in the draft)"
    else:
        first, paragraph = paragraph_at(lines, finding["line"])
        para_lines = paragraph.splitlines()
        offset = sum(len(line) + 1 for line in para_lines[: finding["line"] - first]) + finding["column"] - 1
        sentence = sentence_at(paragraph, offset, len(finding["match"]))
    return {
        "article": article["id"],
        "kind": article["kind"],
        "title": article["title"],
        "category": finding["category"],
        "rule": finding["rule"],
        "level": finding["level"],
        "line": finding["line"],
        "column": finding["column"],
        "match": finding["match"],
        "message": finding["message"],
        "sentence": sentence,
        "paragraph": paragraph,
        "sampled": sampled,
        "verdict": "",
        "why": "",
    }


def inside(path: Path, folder: Path) -> bool:
    """The path is the folder or inside it."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def make_sheet(args: argparse.Namespace) -> int:
    """Draw the sample, lint it and write the judging sheet."""
    if not args.data.is_file():
        print(
            f"audit_sample: the health-news data set is not at {args.data}; give its path with --data",
            file=sys.stderr,
        )
        return 2
    out: Path = args.out or Path(tempfile.gettempdir()) / f"audit-{args.sample}"
    if inside(out, ROOT):
        print(f"audit_sample: --out {out} is inside the repository; articles must not be copied into it", file=sys.stderr)
        return 2
    claimcheck = find_claimcheck()
    if claimcheck is None:
        print("audit_sample: no claimcheck next to this Python or on PATH", file=sys.stderr)
        return 2
    try:
        articles = draw(args.data, args.sample)
    except (OSError, ValueError) as error:
        print(f"audit_sample: {error}", file=sys.stderr)
        return 2

    drafts = out / "drafts"
    if drafts.exists():
        shutil.rmtree(drafts)
    drafts.mkdir(parents=True)
    texts = {}
    for article in articles:
        texts[article["id"]] = f"# {article['title']}\n\n{article['text']}\n"
        (drafts / f"{article['id']}.md").write_text(texts[article["id"]], encoding="utf-8")
    (out / "sample.txt").write_text("".join(f"{a['id']}\t{a['kind']}\n" for a in articles), encoding="utf-8")

    try:
        report = lint(claimcheck, drafts, args.jobs)
    except (OSError, RuntimeError) as error:
        print(f"audit_sample: {error}", file=sys.stderr)
        return 2
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    by_id = {article["id"]: article for article in articles}
    claims, others = [], []
    counts: Counter[str] = Counter()
    for item in sorted(report["files"], key=lambda item: item["path"]):
        article_id = Path(item["path"]).stem
        if "error" in item:
            print(f"audit_sample: claimcheck could not read {article_id}: {item['error']}", file=sys.stderr)
            continue
        for finding in item["findings"]:
            counts[finding["category"]] += 1
            if finding["category"] in CLAIM_CATEGORIES:
                claims.append((article_id, finding))
            elif finding["category"] in OTHER_CATEGORIES:
                others.append((article_id, finding))
    others.sort(key=lambda pair: (pair[0], pair[1]["line"], pair[1]["column"], pair[1]["rule"]))
    picked = random.Random(SEED).sample(others, min(OTHER_SAMPLE_SIZE, len(others)))
    picked.sort(key=lambda pair: (pair[0], pair[1]["line"], pair[1]["column"], pair[1]["rule"]))
    rows = [sheet_row(by_id[a], texts[a], f, sampled=False) for a, f in claims]
    rows += [sheet_row(by_id[a], texts[a], f, sampled=True) for a, f in picked]
    sheet = out / "sheet.jsonl"
    with sheet.open("w", encoding="utf-8") as handle:
        for number, row in enumerate(rows, 1):
            handle.write(json.dumps({"n": number, **row}, ensure_ascii=False) + "\n")

    kinds = Counter(article["kind"] for article in articles)
    print(f"{args.sample} sample: {kinds['news story']} news stories, {kinds['press release']} press releases")
    print(f"drafts in {drafts}, report in {out / 'report.json'}")
    for category in CLAIM_CATEGORIES + OTHER_CATEGORIES:
        print(f"  {category:<28} {counts[category]:>5} findings")
    print(f"sheet: {sheet}: {len(claims)} claim-category findings and {len(picked)} of {len(others)} others")
    return 0


def score(path: Path) -> int:
    """Print per category the verdicts of a judged sheet and the precision."""
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as error:
        print(f"audit_sample: cannot read the sheet {path}: {error}", file=sys.stderr)
        return 2
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    wrong_why: Counter[tuple[str, str]] = Counter()
    for row in rows:
        verdict = (row.get("verdict") or "").strip().lower()
        if verdict and verdict not in VERDICTS:
            print(f"audit_sample: line {row.get('n')}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}", file=sys.stderr)
            return 2
        category = row["category"] + (" (sample)" if row.get("sampled") else "")
        tally[category]["findings"] += 1
        tally[category][verdict or "unjudged"] += 1
        if verdict == "wrong":
            wrong_why[(row["category"], (row.get("why") or "").strip() or "(no why)")] += 1
    order = [c for c in CLAIM_CATEGORIES if c in tally] + sorted(c for c in tally if c not in CLAIM_CATEGORIES)
    print(f"{'category':<30}{'findings':>9}{'correct':>9}{'wrong':>7}{'debatable':>11}{'unjudged':>10}  precision")
    for category in order:
        t = tally[category]
        judged = t["correct"] + t["wrong"]
        precision = f"{t['correct'] / judged:.2f}" if judged else "-"
        print(
            f"{category:<30}{t['findings']:>9}{t['correct']:>9}{t['wrong']:>7}{t['debatable']:>11}"
            f"{t['unjudged']:>10}  {precision}"
        )
    if wrong_why:
        print("\nwrong findings by why:")
        for (category, why), count in sorted(wrong_why.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {count:>4}  {category}: {why}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Make a judging sheet for a sample, or score a judged sheet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--sample", choices=SAMPLES, help="draw this sample, lint it and write its sheet")
    action.add_argument("--score", type=Path, metavar="SHEET", help="score a judged sheet")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="articles.jsonl.gz of the health-news data set")
    parser.add_argument("--out", type=Path, help="folder for drafts, report and sheet (default: TMPDIR/audit-SAMPLE)")
    parser.add_argument("--jobs", type=int, default=1, help="processes claimcheck may use (default 1)")
    args = parser.parse_args(argv)
    if args.score:
        return score(args.score)
    return make_sheet(args)


if __name__ == "__main__":
    sys.exit(main())

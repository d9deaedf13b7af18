"""Benchmark: how well the claim rules find direct causal claims in PubMed conclusion sentences.

Each sentence of the causal-pubmed data set (labelled none, correlational, conditional or
direct) is linted as its own paragraph. A sentence counts as flagged when it draws an
unhedged-claim or overclaim finding. Prints precision, recall and F1 of flagging the direct
sentences, and how many sentences of each other class were flagged.

    python tests/benchmarks/causal_pubmed.py [--data PATH] [--show N] [--config FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claimcheck.analysis.context import NEGATIONS
from claimcheck.nlp.pipeline import analyze_one
from claimcheck.ruleset.config import Config, load_config
from claimcheck.run.lint import lint_text
from claimcheck.run.load import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "causal-pubmed" / "sentences.csv"
HIT_CATEGORIES = frozenset({"unhedged-claim", "overclaim"})
POSITIVE = "direct"
# The claim-strength rules are off by default and apply only to drafts that speak to their
# readers; a sentence of an abstract does neither, so they are turned on for every sentence.
CLAIM_STRENGTH = Config(rules={rule: {"addressed": False} for rule in ("evidence.unhedged", "evidence.can-claim")})


@dataclass(frozen=True)
class Scores:
    """Counts and scores of one run."""

    flagged: Counter[str]
    totals: Counter[str]

    @property
    def precision(self) -> float:
        """Share of flagged sentences that are direct claims."""
        flagged = sum(self.flagged.values())
        return self.flagged[POSITIVE] / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        """Share of direct claims that were flagged."""
        return self.flagged[POSITIVE] / self.totals[POSITIVE] if self.totals[POSITIVE] else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_sentences(path: Path) -> list[tuple[str, str]]:
    """(sentence, strength) rows of the data set."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["sentence"], row["strength"]) for row in csv.DictReader(handle)]


def has_negation(sentence: str) -> bool:
    """The sentence holds a negation word: claimcheck does not report negated claims, by design."""
    return any(t.lower_ in NEGATIONS or t.lemma_ in NEGATIONS for t in analyze_one(sentence))


def main(argv: list[str] | None = None) -> int:
    """Lint every sentence and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the sentences.csv file")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="also print N misses and N false alarms")
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="a .claimcheck.yaml to lint with (default: the claim-strength rules on, for every sentence)",
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"benchmark: data set not found: {args.data}", file=sys.stderr)
        return 2
    rows = read_sentences(args.data)
    ruleset = load_ruleset(load_config(args.config) if args.config else CLAIM_STRENGTH)
    flagged: Counter[str] = Counter()
    negated: Counter[str] = Counter()
    misses, alarms = [], []
    started = time.perf_counter()
    for sentence, strength in rows:
        report = lint_text("sentence.txt", sentence, ruleset)
        hit = any(f.category in HIT_CATEGORIES for f in report.findings)
        flagged[strength] += hit
        if strength == POSITIVE and has_negation(sentence):
            negated["total"] += 1
            negated["flagged"] += hit
        if strength == POSITIVE and not hit:
            misses.append(sentence)
        elif strength != POSITIVE and hit:
            alarms.append(f"[{strength}] {sentence}")
    elapsed = time.perf_counter() - started
    scores = Scores(flagged, Counter(strength for _, strength in rows))
    print(f"{len(rows)} sentences from {args.data} in {elapsed:.1f} s")
    print(f"direct: precision {scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}")
    for strength in sorted(scores.totals):
        print(f"  {strength:<14} flagged {flagged[strength]:>4} of {scores.totals[strength]:>4}")
    print(
        f"  of the direct sentences, {negated['total']} hold a negation ('did not improve'), which the"
        f" rules leave alone by design; {negated['flagged']} of them were flagged"
    )
    for title, items in (("misses", misses), ("false alarms", alarms)):
        if args.show:
            print(f"\n{title}:")
            print("\n".join(f"  {item}" for item in items[: args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

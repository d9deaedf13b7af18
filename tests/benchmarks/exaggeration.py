"""Benchmark: how well `compare` tells a claim that says more than its source from one that does not.

Each pair of tests/benchmarks/exaggeration_pairs.yml is a sentence of a press release or a
news story and the abstract conclusion it reports, labelled stronger, same or weaker by hand.
Every pair is read with the project's pipeline and compared with
`claimcheck.analysis.strength.compare`; prints the accuracy, the confusion matrix and, with
`--show`, the pairs it gets wrong. Prints, does not gate.

    python tests/benchmarks/exaggeration.py [--pairs PATH] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from claimcheck.analysis.strength import Comparison, compare, strength_of
from claimcheck.nlp.pipeline import analyze_one

HERE = Path(__file__).resolve().parent
DEFAULT_PAIRS = HERE / "exaggeration_pairs.yml"
LABELS = tuple(comparison.value for comparison in Comparison)


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(claim, source, label) of every pair in the file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(pair["claim"], pair["source"], pair["label"]) for pair in data["pairs"]]


def main(argv: list[str] | None = None) -> int:
    """Compare every pair and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="the pairs file (YAML)")
    parser.add_argument("--show", action="store_true", help="print the pairs compare gets wrong")
    args = parser.parse_args(argv)
    if not args.pairs.is_file():
        print(f"exaggeration: pairs file not found: {args.pairs}", file=sys.stderr)
        return 2
    pairs = read_pairs(args.pairs)
    confusion: Counter[tuple[str, str]] = Counter()
    wrong = []
    for claim_text, source_text, label in pairs:
        claim, source = analyze_one(claim_text)[:], analyze_one(source_text)[:]
        found = compare(claim, source).value
        confusion[(label, found)] += 1
        if found != label:
            wrong.append(
                f"[{label} as {found}] claim ({strength_of(claim).value}): {claim_text}\n"
                f"      source ({strength_of(source).value}): {source_text}"
            )
    right = sum(confusion[(label, label)] for label in LABELS)
    print(f"{len(pairs)} pairs from {args.pairs}")
    print(f"accuracy {right / len(pairs):.3f} ({right} of {len(pairs)})\n")
    print("confusion (rows: label, columns: compare)")
    print(" " * 10 + "".join(f"{name:>10}" for name in LABELS))
    for label in LABELS:
        print(f"{label:<10}" + "".join(f"{confusion[(label, found)]:>10}" for found in LABELS))
    if args.show and wrong:
        print(f"\nwrong ({len(wrong)}):")
        print("\n".join(f"  {item}" for item in wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: how well `strength_of` tells the four classes of the causal-pubmed data set apart.

Every sentence of the data set (labelled none, correlational, conditional or direct) is read
with the project's pipeline and classed by `claimcheck.analysis.strength.strength_of`. Prints
macro-F1, precision, recall and F1 of each class and the confusion matrix. The data set is cut
in two halves by the SHA-1 of each sentence: the cue lists were tuned on the even half
(`--split tune`) and are measured on the odd half (`--split measure`, the default), whose
errors were never looked at while tuning. `--show N` prints N errors, of the tune half only.

    python tests/benchmarks/claim_strength.py [--split measure|tune|all] [--data PATH] [--show N]

For scale: a fine-tuned BioBERT reaches macro-F1 0.88 on the four classes (5-fold
cross-validation, Yu, Li and Wang 2019); a five-line regex gets the direct class to F1 about 0.45.
The figures of the measure half are recorded in docs/performance.md: macro-F1 0.743 (none 0.805,
correlational 0.807, conditional 0.643, direct 0.716), against 0.337 for the four word sets before.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

from claimcheck.analysis.strength import Strength, strength_of
from claimcheck.nlp.pipeline import analyze_one

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "causal-pubmed" / "sentences.csv"
CLASSES = tuple(strength.value for strength in Strength)
SPLITS = ("measure", "tune", "all")


def half(sentence: str) -> str:
    """The half a sentence belongs to: 'tune' when the SHA-1 of its text is even, else 'measure'."""
    return "tune" if int(hashlib.sha1(sentence.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "measure"


def read_rows(path: Path, split: str) -> list[tuple[str, str]]:
    """(sentence, strength) rows of the data set that belong to `split`."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(row["sentence"], row["strength"]) for row in csv.DictReader(handle)]
    return [row for row in rows if split == "all" or half(row[0]) == split]


def classify(sentence: str) -> str:
    """The class `strength_of` gives the text's first sentence (a conclusion is read as one sentence)."""
    doc = analyze_one(sentence)
    return strength_of(doc[:]).value


def scores(confusion: Counter[tuple[str, str]]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall and F1 of each class, from (gold, predicted) counts."""
    result = {}
    for name in CLASSES:
        true = confusion[(name, name)]
        predicted = sum(n for (_, p), n in confusion.items() if p == name)
        gold = sum(n for (g, _), n in confusion.items() if g == name)
        precision = true / predicted if predicted else 0.0
        recall = true / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = (precision, recall, f1)
    return result


def report(confusion: Counter[tuple[str, str]]) -> str:
    """The scores and the confusion matrix as printed text."""
    per_class = scores(confusion)
    total = sum(confusion.values())
    right = sum(confusion[(name, name)] for name in CLASSES)
    macro = sum(f1 for _, _, f1 in per_class.values()) / len(CLASSES)
    lines = [f"macro-F1 {macro:.3f}  accuracy {right / total if total else 0:.3f}", ""]
    lines.append(f"{'class':<14} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for name, (p, r, f) in per_class.items():
        support = sum(n for (g, _), n in confusion.items() if g == name)
        lines.append(f"{name:<14} {p:>9.3f} {r:>7.3f} {f:>6.3f} {support:>8}")
    lines += ["", "confusion (rows: label, columns: strength_of)"]
    lines.append(" " * 14 + "".join(f"{name[:13]:>14}" for name in CLASSES))
    for gold in CLASSES:
        lines.append(f"{gold:<14}" + "".join(f"{confusion[(gold, p)]:>14}" for p in CLASSES))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Class every sentence of the chosen half and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the sentences.csv file")
    parser.add_argument("--split", choices=SPLITS, default="measure", help="which half to score (default: measure)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N errors (tune half only)")
    args = parser.parse_args(argv)
    # A wrong request is refused before the data is looked for, with or without it.
    if args.show and args.split != "tune":
        print("claim_strength: --show prints errors of the tune half only (--split tune)", file=sys.stderr)
        return 2
    if not args.data.is_file():
        print(f"claim_strength: data set not found: {args.data} (it lives in ../shared beside the repository)", file=sys.stderr)
        return 2
    rows = read_rows(args.data, args.split)
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    started = time.perf_counter()
    for sentence, gold in rows:
        predicted = classify(sentence)
        confusion[(gold, predicted)] += 1
        if predicted != gold:
            errors.append(f"[{gold} as {predicted}] {sentence}")
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} sentences ({args.split} half) from {args.data} in {elapsed:.1f} s\n")
    print(report(confusion))
    if args.show:
        print(f"\nerrors ({len(errors)}):")
        print("\n".join(f"  {item}" for item in errors[: args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

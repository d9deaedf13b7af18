"""Benchmark: does claimcheck report the overclaiming sentences of the hype set, and leave the careful ones alone?

    python tests/benchmarks/hype.py [--set FILE] [--show] [--jobs N]

Each sentence of tests/benchmarks/hype_set.yml is written as its own small draft in a temporary
folder, and `claimcheck check --format json` runs once over the folder (the claimcheck next to
this Python, else the one on PATH). A sentence counts as reported when it draws any finding of
category overclaim or unhedged-claim; uncited-study findings are counted apart, as they say
something else. Prints, per expected class, how many sentences were reported and how many were
quiet, the recall on the hype sentences and the false alarms on the careful ones; --show also
lists the misses and false alarms with their `why` tags.

It measures and does not gate: the exit status is 0 whatever the figures, and 2 only when the
measurement cannot be made (no set file, no claimcheck, no readable report).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from audit_sample import find_claimcheck
from audit_sample import lint as lint_folder

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE / "hype_set.yml"
CLAIM_CATEGORIES = frozenset({"overclaim", "unhedged-claim"})
CITATION_CATEGORY = "uncited-study"
CLASSES = ("report", "quiet")


def read_set(path: Path) -> list[dict]:
    """The entries of the set, checked for the three keys and a known class."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of entries")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) != {"sentence", "expected", "why"}:
            raise ValueError(f"{path}: entry {number} needs exactly: sentence, expected, why")
        if entry["expected"] not in CLASSES:
            raise ValueError(f"{path}: entry {number}: expected must be one of {', '.join(CLASSES)}")
    return entries


def lint(claimcheck: str, entries: list[dict], jobs: int) -> dict[int, list[dict]]:
    """Findings of each entry (by index), from one claimcheck run over one draft per sentence."""
    with tempfile.TemporaryDirectory(prefix="hype-set-") as folder:
        drafts = Path(folder)
        for index, entry in enumerate(entries):
            (drafts / f"{index:04d}.md").write_text(entry["sentence"] + "\n", encoding="utf-8")
        report = lint_folder(claimcheck, drafts, jobs)
    findings: dict[int, list[dict]] = {}
    for item in report["files"]:
        if "error" in item:
            raise RuntimeError(f"claimcheck could not read {item['path']}: {item['error']}")
        findings[int(Path(item["path"]).stem)] = item["findings"]
    return findings


def main(argv: list[str] | None = None) -> int:
    """Lint the set and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the hype set (YAML)")
    parser.add_argument("--show", action="store_true", help="also list the misses and the false alarms")
    parser.add_argument("--jobs", type=int, default=1, help="processes claimcheck may use (default 1)")
    args = parser.parse_args(argv)
    claimcheck = find_claimcheck()
    if claimcheck is None:
        print("hype: no claimcheck next to this Python or on PATH", file=sys.stderr)
        return 2
    try:
        entries = read_set(args.set)
        findings = lint(claimcheck, entries, args.jobs)
    except (OSError, ValueError, RuntimeError) as error:
        print(f"hype: {error}", file=sys.stderr)
        return 2

    reported: Counter[str] = Counter()
    cited: Counter[str] = Counter()
    totals: Counter[str] = Counter(entry["expected"] for entry in entries)
    misses, alarms = [], []
    for index, entry in enumerate(entries):
        found = findings.get(index, [])
        hits = sorted({f["rule"] for f in found if f["category"] in CLAIM_CATEGORIES})
        cited[entry["expected"]] += any(f["category"] == CITATION_CATEGORY for f in found)
        reported[entry["expected"]] += bool(hits)
        if entry["expected"] == "report" and not hits:
            misses.append(f"  [{entry['why']}] {entry['sentence']}")
        elif entry["expected"] == "quiet" and hits:
            alarms.append(f"  [{entry['why']}] {entry['sentence']}  ({', '.join(hits)})")

    print(f"{len(entries)} sentences from {args.set.name}, linted by {claimcheck}")
    print(f"{'expected':<10}{'sentences':>10}{'reported':>10}{'quiet':>8}{'uncited-study':>15}")
    for name in CLASSES:
        total = totals[name]
        print(f"{name:<10}{total:>10}{reported[name]:>10}{total - reported[name]:>8}{cited[name]:>15}")
    recall = reported["report"] / totals["report"] if totals["report"] else 0.0
    alarm_rate = reported["quiet"] / totals["quiet"] if totals["quiet"] else 0.0
    print(f"recall on the hype sentences: {reported['report']}/{totals['report']} = {recall:.1%}")
    print(f"false alarms on the careful sentences: {reported['quiet']}/{totals['quiet']} = {alarm_rate:.1%}")
    if args.show:
        for title, lines in (("misses", misses), ("false alarms", alarms)):
            print(f"\n{title} ({len(lines)}):")
            if lines:
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

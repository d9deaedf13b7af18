"""A content-hash cache of file reports, so re-linting an unchanged archive costs almost nothing.

An entry's key hashes the draft's path and bytes together with a fingerprint of everything
that could change its findings: claimcheck's version and code, the active rules as loaded
(after config overrides) and the config. Entries are written atomically; an entry that
cannot be read back as a report is ignored and overwritten, never an error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.core.atomic import write_atomically
from claimcheck.core.findings import FileReport, Finding, Fix
from claimcheck.core.reading import ReadingLevel
from claimcheck.ruleset.config import Config
from claimcheck.run.load import RuleSet

FORMAT = 1


@dataclass(frozen=True)
class Cache:
    """A folder of cached reports, valid for one fingerprint of rules, config and code."""

    folder: Path
    fingerprint: str

    def key(self, path: str, data: bytes) -> str:
        """The entry key of a draft: its path and bytes under this fingerprint."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(os.fsencode(path) + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> FileReport | None:
        """The cached report, or None when there is none or it cannot be used."""
        try:
            return _from_json(json.loads(self._entry(key).read_bytes()))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def put(self, key: str, report: FileReport) -> None:
        """Store a report; a cache that cannot be written is skipped, never fatal."""
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(str(entry), json.dumps(_to_json(report), ensure_ascii=False).encode("utf-8"))
        except (OSError, TypeError, ValueError):
            pass

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def open_cache(folder: Path, ruleset: RuleSet, config: Config) -> Cache:
    """A cache in `folder` for this run's rules and config."""
    return Cache(folder, fingerprint(ruleset, config))


def fingerprint(ruleset: RuleSet, config: Config) -> str:
    """A hash of what decides a report besides the draft: code, version, rules and config."""
    digest = hashlib.sha256(f"claimcheck {__version__} cache {FORMAT}\n".encode())
    digest.update(_code_digest())
    for rule in ruleset.rules:
        digest.update(repr(rule).encode())
    digest.update(repr(dataclasses.replace(config, path=None)).encode())
    return digest.hexdigest()


def _code_digest() -> bytes:
    # Hashing the package's own files, not just its version number, keeps the cache honest
    # in a checkout where the code changes without a release.
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _to_json(report: FileReport) -> dict[str, Any]:
    # Every field of the report, so fields added later are cached too.
    data = {field.name: getattr(report, field.name) for field in dataclasses.fields(report)}
    data["findings"] = [_finding_json(finding) for finding in report.findings]
    if report.readability is not None:
        data["readability"] = dataclasses.asdict(report.readability)
    return data


_FINDING_FIELDS = tuple(field.name for field in dataclasses.fields(Finding))
_FIX_FIELDS = tuple(field.name for field in dataclasses.fields(Fix))


def _finding_json(finding: Finding) -> dict[str, Any]:
    # Field by field, one level deep: dataclasses.asdict deep-copies every value, and that
    # was a tenth of a first run with --cache.
    data = {name: getattr(finding, name) for name in _FINDING_FIELDS}
    if finding.fix is not None:
        data["fix"] = {name: getattr(finding.fix, name) for name in _FIX_FIELDS}
    data["more_fixes"] = [{name: getattr(fix, name) for name in _FIX_FIELDS} for fix in finding.more_fixes]
    return data


def _from_json(data: dict[str, Any]) -> FileReport:
    findings = tuple(
        Finding(**{**item, "fix": Fix(**item["fix"]) if item.get("fix") else None,
                   "more_fixes": tuple(Fix(**fix) for fix in item.get("more_fixes", ()))})
        for item in data.pop("findings")
    )
    if not all(isinstance(f.line, int) and isinstance(f.column, int) and isinstance(f.match, str) for f in findings):
        raise ValueError("not a cached report")
    level = data.pop("readability")
    report = FileReport(findings=findings, readability=ReadingLevel.from_plain(level) if level is not None else None, **data)
    if not isinstance(report.path, str) or report.error is not None:
        raise ValueError("not a cached report")
    return report

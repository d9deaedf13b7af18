"""A content-hash cache of file reports, so re-linting an unchanged archive costs almost nothing.

An entry's key hashes the draft's path and bytes together with a fingerprint of everything
that could change its findings: claimcheck's version and code, the active rules as loaded
(after config overrides) and the config. Entries are written atomically; an entry that
cannot be read back as a report is ignored and overwritten, never an error.

A cache is local state, never to be committed: anyone who can write to it decides what
`check --cache` reports, and its keys are computable from the drafts and rules. So each
entry is signed with an HMAC under a secret of the user's own, kept outside every
repository (see `secret_path`): an entry written, copied or edited by anyone else fails
the check and is ignored, and the draft is linted again. Entries are also checked field
by field, so that no entry can crash a formatter.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck import __version__
from claimcheck.core.atomic import write_atomically
from claimcheck.core.findings import LEVELS, CitedSource, FileReport, Finding, Fix
from claimcheck.core.reading import ReadingLevel
from claimcheck.ruleset.config import Config
from claimcheck.run.load import RuleSet
from claimcheck.source.references import sidecar_bytes

FORMAT = 2
SECRET_BYTES = 32


@dataclass(frozen=True)
class Cache:
    """A folder of cached reports, valid for one fingerprint of rules, config and code."""

    folder: Path
    fingerprint: str
    secret: bytes = dataclasses.field(default=b"", repr=False)

    def key(self, path: str, data: bytes) -> str:
        """The entry key of a draft: its path and bytes under this fingerprint."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(os.fsencode(path) + b"\0")
        digest.update(data)
        # A draft's sidecar sources decide its report too.
        digest.update(b"\0sidecars\0" + sidecar_bytes(path))
        return digest.hexdigest()

    def get(self, key: str) -> FileReport | None:
        """The cached report, or None when there is none or it cannot be used."""
        try:
            entry = json.loads(self._entry(key).read_bytes())
            if not isinstance(entry, dict) or not isinstance(entry.get("mac"), str) or not isinstance(entry.get("report"), str):
                return None
            if not hmac.compare_digest(entry["mac"], self._mac(key, entry["report"])):
                return None  # not written by this user's claimcheck: forged, copied or edited
            return _from_json(json.loads(entry["report"]))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def _mac(self, key: str, report: str) -> str:
        return hmac.new(self.secret, f"{key}\0{report}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def put(self, key: str, report: FileReport) -> None:
        """Store a report; a cache that cannot be written is skipped, never fatal."""
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(_to_json(report), ensure_ascii=False)
            signed = json.dumps({"mac": self._mac(key, text), "report": text}, ensure_ascii=False)
            write_atomically(str(entry), signed.encode("utf-8"))
        except (OSError, TypeError, ValueError):
            pass

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def open_cache(folder: Path, ruleset: RuleSet, config: Config) -> Cache:
    """A cache in `folder` for this run's rules and config, signed with the user's secret."""
    return Cache(folder, fingerprint(ruleset, config), user_secret())


def secret_path() -> Path:
    """Where the user's cache secret lives: $CLAIMCHECK_CACHE_SECRET, else
    $XDG_CONFIG_HOME/claimcheck/cache-secret (~/.config by default), outside any repository."""
    named = os.environ.get("CLAIMCHECK_CACHE_SECRET")
    if named:
        return Path(named)
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config_home) / "claimcheck" / "cache-secret"


def user_secret() -> bytes:
    """The user's cache secret, made (random, mode 0600) on first use.

    Where none can be read or made, a secret for this run alone: the cache then only
    misses, which is slower but never wrong.
    """
    path = secret_path()
    try:
        secret = path.read_bytes()
        if len(secret) >= SECRET_BYTES:
            return secret
    except OSError:
        pass
    secret = os.urandom(SECRET_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        return secret
    except FileExistsError:
        try:  # another run made it meanwhile
            return path.read_bytes() if len(path.read_bytes()) >= SECRET_BYTES else secret
        except OSError:
            return secret
    except OSError:
        return secret


def fingerprint(ruleset: RuleSet, config: Config) -> str:
    """A hash of what decides a report besides the draft: code, version, rules and config."""
    digest = hashlib.sha256(f"claimcheck {__version__} cache {FORMAT}\n".encode())
    digest.update(_code_digest())
    for rule in ruleset.rules:
        digest.update(repr(rule).encode())
    digest.update(repr(dataclasses.replace(config, path=None)).encode())
    digest.update(repr(ruleset.references).encode())
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
    if finding.source is not None:
        data["source"] = finding.source.as_json()
    return data


# The type every field must have; a field of another type makes the entry unusable.
_Types = tuple[type, ...]
_TEXT: _Types = (str,)
_NUMBER: _Types = (int,)
_MAYBE_TEXT: _Types = (str, type(None))
_FINDING_TYPES: dict[str, _Types] = {
    "rule": _TEXT, "category": _TEXT, "level": _TEXT, "message": _TEXT, "line": _NUMBER, "column": _NUMBER,
    "end_line": _NUMBER, "end_column": _NUMBER, "match": _TEXT, "suggestion": _MAYBE_TEXT, "scope": _TEXT, "sentence": _TEXT,
    "more_fixes": (list,), "strength": _MAYBE_TEXT,
}
_FIX_TYPES: dict[str, _Types] = {"start": _NUMBER, "end": _NUMBER, "text": _TEXT}
_SOURCE_TYPES: dict[str, _Types] = {"key": _TEXT, "conclusion": _TEXT}
_REPORT_TYPES: dict[str, _Types] = {
    "path": _TEXT, "findings": (list,), "readability": (dict, type(None)), "error": (type(None),), "baselined": _NUMBER,
    "hidden": _NUMBER,
    "source": _MAYBE_TEXT,
}


def _typed(data: Any, types: dict[str, tuple[type, ...]], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`data` if it is a mapping of exactly these fields, each of its type (bool is no number)."""
    if not isinstance(data, dict) or not set(types) - optional <= set(data) <= set(types) | optional:
        raise ValueError("not a cached report")
    for name, value in data.items():
        allowed = types.get(name)
        if allowed is not None and (not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed)):
            raise ValueError("not a cached report")
    return data


def _finding_from_json(item: Any) -> Finding:
    fields = _typed(item, _FINDING_TYPES, frozenset({"fix", "source"}))
    if fields["level"] not in LEVELS:
        raise ValueError("not a cached report")
    fix = fields.get("fix")
    more = tuple(Fix(**_typed(other, _FIX_TYPES)) for other in fields["more_fixes"])
    source = fields.get("source")
    cited = CitedSource(**_typed(source, _SOURCE_TYPES)) if source is not None else None
    return Finding(**{**fields, "fix": Fix(**_typed(fix, _FIX_TYPES)) if fix is not None else None, "more_fixes": more, "source": cited})


def _from_json(data: Any) -> FileReport:
    fields = _typed(data, _REPORT_TYPES)
    findings = tuple(_finding_from_json(item) for item in fields["findings"])
    level = fields["readability"]
    readability = ReadingLevel.from_plain(level) if level is not None else None
    return FileReport(**{**fields, "findings": findings, "readability": readability})

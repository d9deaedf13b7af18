"""`.claimcheck.yaml`: found by walking up from a draft's folder (see run/configs.py), merged only through `extends:`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import LEVELS
from claimcheck.ruleset.reading import settings_from

CONFIG_NAMES = (".claimcheck.yaml", ".claimcheck.yml")
# Where `check --cache` keeps its reports unless told otherwise.
DEFAULT_CACHE_FOLDER = ".claimcheck-cache"
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")
KEYS = {
    "extends": "another config file to start from (this file's settings win)",
    "packs": "built-in rule packs to use (default: all)",
    "rule-paths": "folders of your own rule packs, each laid out as <pack>/<rule>.yml",
    "rules": "per-rule settings: off, a level, or a mapping of options",
    "exclude": "glob patterns of paths not to lint",
    "extensions": "file suffixes that directories are walked for",
    "fail-on": "lowest level that makes the run fail: error, warning, info or none",
    "readability": "reading-level settings",
    "sources": "CSL-JSON or BibTeX files, or folders of abstracts, holding the studies drafts cite (paths relative to this file)",
}
FAIL_LEVELS = (*LEVELS, "none")


@dataclass(frozen=True)
class Config:
    """Settings for one run; the defaults are those of a run without a config file."""

    path: str | None = None
    packs: tuple[str, ...] | None = None
    rule_paths: tuple[Path, ...] = ()
    rules: Mapping[str, Any] = field(default_factory=dict)
    # Where each of `rules` was set: the config file, and the line of the rule's id in it.
    # Only for error messages: left out of the repr that fingerprints a cache.
    rule_origins: Mapping[str, tuple[str, int | None]] = field(default_factory=dict, compare=False, repr=False)
    exclude: tuple[str, ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    fail_on: str = "error"
    readability: Mapping[str, Any] = field(default_factory=dict)
    # Files or folders of the studies drafts cite (`sources:` and `--sources`), resolved.
    sources: tuple[Path, ...] = ()


def find_config(start: Path) -> Path | None:
    """The nearest `.claimcheck.yaml` in `start` or a folder above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path | None, _seen: tuple[Path, ...] = ()) -> Config:
    """Read and validate a config file (or return the defaults when there is none)."""
    if path is None:
        return Config()
    path = path.resolve()
    name = str(path)
    if path in _seen:
        raise ClaimcheckError("'extends' loops back to this file", name)
    if not path.is_file():
        raise ClaimcheckError("config file not found", name)
    # Imported here so that importing the config (as --help does) does not load YAML.
    from claimcheck.ruleset.parse import load_yaml


    data = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ClaimcheckError("a config file must be a mapping of keys", name, 1)
    lines = getattr(data, "lines", {})
    for key in data:
        if key not in KEYS:
            raise ClaimcheckError(f"unknown key '{key}' (known: {', '.join(KEYS)})", name, lines.get(key))
    base = Config()
    if "extends" in data:
        parent = _text(data, "extends", name, lines)
        base = load_config(path.parent / parent, (*_seen, path))
    return _merge(base, data, path, lines)


def _merge(base: Config, data: Mapping[str, Any], path: Path, lines: Mapping[str, int]) -> Config:

    name = str(path)
    fail_on = data.get("fail-on", base.fail_on)
    if fail_on not in FAIL_LEVELS:
        raise ClaimcheckError(f"'fail-on' must be one of: {', '.join(FAIL_LEVELS)}", name, lines.get("fail-on"))
    rules, origins = dict(base.rules), dict(base.rule_origins)
    settings = _mapping(data, "rules", name, lines)
    setting_lines = getattr(settings, "lines", {})
    for rule_id, setting in settings.items():
        origins[str(rule_id)] = (name, setting_lines.get(str(rule_id), lines.get("rules")))
        rules[str(rule_id)] = _rule_setting(rule_id, setting, *origins[str(rule_id)])
    packs = _strings(data, "packs", name, lines)
    extensions = _strings(data, "extensions", name, lines)
    readability = _mapping(data, "readability", name, lines)
    settings_from(readability, name, getattr(readability, "lines", {}))  # fail early, naming the line
    return Config(
        path=name,
        packs=packs if packs is not None else base.packs,
        rule_paths=base.rule_paths + tuple(path.parent / p for p in _strings(data, "rule-paths", name, lines) or ()),
        rules=rules,
        rule_origins=origins,
        exclude=base.exclude + tuple(_strings(data, "exclude", name, lines) or ()),
        extensions=tuple(e if e.startswith(".") else f".{e}" for e in extensions) if extensions else base.extensions,
        fail_on=fail_on,
        readability={**base.readability, **readability},
        sources=base.sources + _sources(data, path, lines),
    )


def _sources(data: Mapping[str, Any], path: Path, lines: Mapping[str, int]) -> tuple[Path, ...]:
    """`sources:`, a path or a list of paths, each resolved against the config's folder and required to exist."""
    name = str(path)
    if "sources" not in data:
        return ()
    value = data["sources"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(item, str) and item for item in items):
        raise ClaimcheckError("'sources' must be a path or a list of paths", name, lines.get("sources"))
    found = []
    for item in items:
        where = path.parent / item
        if not where.exists():
            raise ClaimcheckError(f"'sources': '{item}' not found (paths are relative to the config file)", name, lines.get("sources"))
        found.append(where)
    return tuple(found)


def _rule_setting(rule_id: Any, setting: Any, name: str, line: int | None) -> Any:
    if setting is False or setting == "off" or setting in LEVELS or isinstance(setting, dict):
        return "off" if setting is False else setting
    raise ClaimcheckError(f"rule '{rule_id}': use off, a level ({', '.join(LEVELS)}) or a mapping of options", name, line)


def _text(data: Mapping[str, Any], key: str, name: str, lines: Mapping[str, int]) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise ClaimcheckError(f"'{key}' must be text", name, lines.get(key))
    return value


def _strings(data: Mapping[str, Any], key: str, name: str, lines: Mapping[str, int]) -> tuple[str, ...] | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ClaimcheckError(f"'{key}' must be a list of text", name, lines.get(key))
    return tuple(value)


def _mapping(data: Mapping[str, Any], key: str, name: str, lines: Mapping[str, int]) -> Mapping[str, Any]:
    value = data.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ClaimcheckError(f"'{key}' must be a mapping", name, lines.get(key))
    return value

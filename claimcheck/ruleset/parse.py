"""Reading rules: YAML files under `<pack>/<rule>.yml`, validated into Rule values with the line of each key."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import CATEGORIES, LEVELS
from claimcheck.core.regular_file import read_regular_text
from claimcheck.core.rule import Rule, located_error
from claimcheck.ruleset.bounds import MAX_DEPTH, TooLarge, check_bounds

HEADER_KEYS = ("extends", "category", "level", "message", "description", "link", "scope", "enabled", "examples")
REQUIRED_KEYS = ("extends", "category", "level", "message", "description")
SCOPES = ("text", "document")


class LineDict(dict):
    """A mapping from YAML that remembers the 1-based line of each key."""

    lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """Line of `key` in its file, if known."""
        return self.lines.get(key)


# libyaml's parser when PyYAML was built with it: rules load on every run, and the pure
# Python parser costs a noticeable share of a cold start.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader (no object construction) that records key lines and refuses duplicates."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise ClaimcheckError("mapping keys must be plain words", None, key_node.start_mark.line + 1)
            if key in mapping:
                raise ClaimcheckError(f"duplicate key '{key}'", None, key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.lines[str(key)] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
# YAML 1.2 booleans: only true/false. Under YAML 1.1 a term list such as [no, never] or a
# rule set to `off` would silently turn into booleans.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _LineLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def load_yaml(path: Path | str, text: str | None = None) -> Any:
    """Parse a YAML file safely; any problem becomes a one-line ClaimcheckError naming file and line."""
    name = str(path)
    if text is None:
        try:
            text = read_regular_text(name)
        except (OSError, UnicodeDecodeError) as error:
            raise ClaimcheckError(f"cannot read: {getattr(error, 'strerror', None) or error}", name) from None
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
        check_bounds(document)
        return document
    except TooLarge as error:
        raise ClaimcheckError(f"invalid YAML: {error}", name) from None
    except RecursionError:
        raise ClaimcheckError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", name) from None
    except ClaimcheckError as error:
        raise ClaimcheckError(error.reason, name, error.line) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ClaimcheckError(f"invalid YAML: {problem}", name, mark.line + 1 if mark else None) from None


def builtin_rules_dir() -> Path:
    """The rule packs that ship with claimcheck (inside the package, or beside it in a checkout)."""
    package = Path(__file__).resolve().parent.parent
    # An installed wheel carries the packs as claimcheck/packs; a checkout has them at rules/.
    for candidate in (package / "packs", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ClaimcheckError("built-in rules not found; reinstall claimcheck")


def discover(folder: Path) -> Iterable[tuple[str, Path]]:
    """(id, path) of every rule file in a folder of packs: `<pack>/<rule>.yml` → `pack.rule`."""
    for path in sorted(folder.glob("*/*.y*ml")):
        if path.suffix in (".yml", ".yaml"):
            yield f"{path.parent.name}.{path.stem}", path


PACKS_FILE = "packs.yml"


def optional_packs(folder: Path) -> frozenset[str]:
    """The packs of a folder that are used only when a config names them (its `packs.yml`, key `optional`)."""
    path = folder / PACKS_FILE
    if not path.is_file():
        return frozenset()
    data = load_yaml(path)
    names = data.get("optional", []) if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ClaimcheckError("'optional' must be a list of pack names", str(path), 1)
    return frozenset(names)


def parse_rule(
    rule_id: str,
    path: Path,
    data: Any,
    overrides: Mapping[str, Any] | None = None,
    origin: tuple[str, int | None] | None = None,
) -> Rule:
    """Validate the shared header of a rule's YAML and split off its kind's options.

    `overrides` are the rule's settings from a config file, `origin` that file and the line
    of the rule's id in it: an error in a setting names the config file, not the rule's.
    """
    name = str(path)
    if not isinstance(data, dict):
        raise ClaimcheckError("a rule file must be a mapping of keys", name, 1)
    lines = dict(getattr(data, "lines", {}))
    overrides = overrides or {}
    setting_lines = getattr(overrides, "lines", {})
    config, id_line = origin or (name, None)
    configured = {str(key): (config, setting_lines.get(str(key), id_line)) for key in overrides}
    merged = {**data, **overrides}

    def error(reason: str, key: str) -> ClaimcheckError:
        return located_error(rule_id, name, lines, configured, reason, key)

    for key in REQUIRED_KEYS:
        if key not in merged:
            raise ClaimcheckError(f"missing required key '{key}'", name, 1)
    for key in ("extends", "category", "level", "message", "description", "link", "scope"):
        if key in merged and not isinstance(merged[key], str):
            raise error("must be text", key)
    if not isinstance(data.get("enabled", True), bool):
        raise error("must be true or false", "enabled")
    rule = Rule(
        id=rule_id,
        path=name,
        extends=merged["extends"],
        category=merged["category"],
        level=merged["level"],
        message=merged["message"].strip(),
        description=" ".join(merged["description"].split()),
        link=merged.get("link", ""),
        scope=merged.get("scope", "text"),
        enabled=data.get("enabled", True),
        examples=_examples(merged.get("examples"), lambda reason: error(reason, "examples")),
        options={k: v for k, v in merged.items() if k not in HEADER_KEYS},
        lines=lines,
        configured=configured,
    )
    if rule.level not in LEVELS:
        raise rule.error(f"unknown level '{rule.level}' (use one of: {', '.join(LEVELS)})", "level")
    if rule.category not in CATEGORIES:
        raise rule.error(f"unknown category '{rule.category}' (use one of: {', '.join(CATEGORIES)})", "category")
    if rule.scope not in SCOPES:
        raise rule.error(f"unknown scope '{rule.scope}' (use one of: {', '.join(SCOPES)})", "scope")
    return rule


def _examples(value: Any, error: Callable[[str], ClaimcheckError]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - {"fail", "pass"}:
        raise error("must be a mapping with 'fail' and 'pass' lists")
    result = {}
    for key, items in value.items():
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise error(f"'{key}' must be a list of text")
        result[key] = tuple(items)
    return result

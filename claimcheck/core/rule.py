"""A rule as data: its shared header, its kind's options, and where each of its keys was set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from claimcheck.core.errors import ClaimcheckError

# How every output titles a rule's `fail` and `pass` examples.
EXAMPLE_TITLES = (("fail", "Reported"), ("pass", "Not reported"))


@dataclass(frozen=True)
class Rule:
    """A rule's shared header plus the kind-specific options its check compiles."""

    id: str
    path: str
    extends: str
    category: str
    level: str
    message: str
    description: str
    link: str = ""
    scope: str = "text"
    # False: the rule runs only where a config names it under `rules:` (see load_ruleset).
    enabled: bool = True
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The keys a config file sets for this rule, with that file and the key's line in it.
    configured: Mapping[str, tuple[str, int | None]] = field(default_factory=dict, compare=False, repr=False)

    def where(self, key: str | None) -> tuple[str, int | None]:
        """The file, and line, that gives `key` its value: the config file that sets it, or the rule's own."""
        return where_set(self.path, self.lines, self.configured, key)

    def error(self, reason: str, key: str | None = None) -> ClaimcheckError:
        """A load error about this rule, pointing at the line that set `key`."""
        return located_error(self.id, self.path, self.lines, self.configured, reason, key)

    @property
    def summary(self) -> str:
        """The first sentence of the description, for lists and short descriptions."""
        end = self.description.find(". ")
        return self.description if end < 0 else self.description[: end + 1]

    def example_groups(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(key, title, examples) of the rule's `fail` and `pass` examples, skipping empty ones."""
        return [(key, title, self.examples[key]) for key, title in EXAMPLE_TITLES if self.examples.get(key)]

    def format_message(self, match: str) -> str:
        """The message with `{match}` filled in."""
        return self.message.replace("{match}", match)


def located_error(
    rule_id: str,
    path: str,
    lines: Mapping[str, int],
    configured: Mapping[str, tuple[str, int | None]],
    reason: str,
    key: str | None,
) -> ClaimcheckError:
    """An error about a rule's `key`, at the line that set it; one in a config file names the rule too."""
    file, line = where_set(path, lines, configured, key)
    if key is None:
        return ClaimcheckError(reason, file)
    named = f"rule '{rule_id}': " if key in configured else ""
    return ClaimcheckError(f"{named}'{key}': {reason}", file, line)


def where_set(
    path: str, lines: Mapping[str, int], configured: Mapping[str, tuple[str, int | None]], key: str | None
) -> tuple[str, int | None]:
    if key is not None and key in configured:
        return configured[key]
    return path, lines.get(key) if key else None

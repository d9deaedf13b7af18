"""Building the rule set a run uses: built-in packs as the config selects them, the user's folders, compiled."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimcheck.checks import Check, compile_rule
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.rule import Rule
from claimcheck.ruleset.config import Config
from claimcheck.ruleset.parse import builtin_rules_dir, discover, load_yaml, optional_packs, parse_rule
from claimcheck.ruleset.reading import Settings, settings_from
from claimcheck.source.references import Reference, load_sources, merged


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules of one run, in id order."""

    rules: tuple[Rule, ...]
    # Each rule's check, compiled from it once (empty until `compile_ruleset`).
    compiled: Mapping[str, Check] = field(default_factory=dict, repr=False)
    # Ids of every rule found, also those a config turned off: a directive may name them.
    known: frozenset[str] = frozenset()
    # Reading-level settings (target, formula, thresholds) that the readability rules judge by.
    readability: Settings | None = None
    # The sources the config and `--sources` give every draft (a draft's sidecar adds its own).
    references: tuple[Reference, ...] = ()

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, if active."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def ids(self) -> set[str]:
        """The ids of every rule in the set."""
        return {rule.id for rule in self.rules}


def load_ruleset(config: Config, *, compiled: bool = True) -> RuleSet:
    """Every active rule: built-in packs (as selected), then the user's folders, with config applied.

    With `compiled=False` the rules are read and checked as YAML but not compiled (no spaCy):
    enough to fingerprint a cache, and `compile_ruleset` finishes the job when a draft needs it.
    """
    builtin = dict(discover(builtin_rules_dir()))
    sources = dict(_builtin_sources(builtin, config))
    for folder in config.rule_paths:
        if not folder.is_dir():
            raise ClaimcheckError("rule folder not found (from 'rule-paths')", str(folder))
        sources.update(discover(folder))
    unknown = sorted(set(config.rules) - set(sources))
    if unknown:
        where = config.rule_origins.get(unknown[0], (config.path, None))
        if unknown[0] in builtin:
            pack = unknown[0].split(".")[0]
            raise ClaimcheckError(f"'rules' sets '{unknown[0]}', but its pack '{pack}' is not in 'packs'", *where)
        raise ClaimcheckError(f"'rules' names an unknown rule '{unknown[0]}'", *where)
    rules = []
    for rule_id, path in sorted(sources.items()):
        setting = config.rules.get(rule_id)
        if setting == "off":
            continue
        overrides = {"level": setting} if isinstance(setting, str) else setting
        rule = parse_rule(rule_id, path, load_yaml(path), overrides, config.rule_origins.get(rule_id))
        # A rule that is off by default runs once a config names it (a level or options).
        if rule.enabled or setting is not None:
            rules.append(rule)
    known = frozenset(sources) | frozenset(builtin)
    references = merged(reference for path in config.sources for reference in load_sources(path))
    ruleset = RuleSet(tuple(rules), {}, known, settings_from(config.readability, config.path), references)
    return compile_ruleset(ruleset) if compiled else ruleset


def compile_ruleset(ruleset: RuleSet) -> RuleSet:
    """The rule set with every rule compiled; a rule that cannot compile is a load error."""
    if len(ruleset.compiled) == len(ruleset.rules):
        return ruleset
    return replace(ruleset, compiled={rule.id: compile_rule(rule) for rule in ruleset.rules})


def _builtin_sources(builtin: dict[str, Path], config: Config) -> Iterator[tuple[str, Path]]:
    """The built-in rules (id -> file) of the packs the config selects (by default, the general ones)."""
    packs = {rule_id.split(".")[0] for rule_id in builtin}
    for pack in config.packs or ():
        if pack not in packs:
            raise ClaimcheckError(f"'packs' names an unknown pack '{pack}' (known: {', '.join(sorted(packs))})", config.path)
    # Without `packs:`, every pack but those about one condition or therapy (see rules/packs.yml).
    chosen = set(config.packs) if config.packs is not None else packs - optional_packs(builtin_rules_dir())
    for rule_id, path in builtin.items():
        if rule_id.split(".")[0] in chosen:
            yield rule_id, path

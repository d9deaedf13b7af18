"""A rule explained as an editor would want it: what it reports, why, and examples of both ways."""

from __future__ import annotations

import textwrap

from claimcheck.core.rule import Rule


def explain(rule: Rule) -> str:
    """A rule as an editor would want it explained: what, why, and examples."""
    lines = [rule.id, "", f"  category: {rule.category}", f"  level:    {rule.level}", f"  kind:     {rule.extends}"]
    if rule.link:
        lines.append(f"  more:     {rule.link}")
    lines += ["", _wrap(rule.description, "  ")]
    for _, title, examples in rule.example_groups():
        lines += ["", f"  {title}:"]
        lines += [_wrap(example, "    - ", "      ") for example in examples]
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str, rest: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent=first, subsequent_indent=rest or first)

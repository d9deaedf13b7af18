"""Bounds on what a YAML or JSON document may unfold into, checked before anything reads it.

YAML aliases share one value among many places: ten lines of them ("billion laughs") stand
for billions of values once something walks them (a `repr`, a hash, a validation pass),
and a document nested thousands deep overflows Python's stack in whatever walks it next.
"""

from __future__ import annotations

from typing import Any

# Far beyond any real rule, config or baseline, and cheap to walk.
MAX_VALUES = 1_000_000
MAX_DEPTH = 64


class TooLarge(ValueError):
    """A document that unfolds into too many values or nests too deeply; the message says which."""


def check_bounds(document: Any) -> None:
    """Raise TooLarge when `document`, with every alias expanded, holds more than MAX_VALUES
    values or nests more than MAX_DEPTH deep.

    Each shared value is measured once (by identity) and its size counted wherever it is
    used, so the check costs the document as written, not as expanded. Iterative, so that a
    deep document cannot overflow the stack here either.
    """
    sizes: dict[int, int] = {}
    # (value, depth, children measured yet)
    stack: list[tuple[Any, int, bool]] = [(document, 1, False)]
    while stack:
        value, depth, measured = stack.pop()
        if depth > MAX_DEPTH:
            raise TooLarge(f"nested more than {MAX_DEPTH} levels deep")
        children = _children(value)
        if not children or id(value) in sizes:
            continue
        if not measured:
            stack.append((value, depth, True))
            stack.extend((child, depth + 1, False) for child in children if _children(child) and id(child) not in sizes)
            continue
        size = 1 + sum(sizes.get(id(child), 1) for child in children)
        if size > MAX_VALUES:
            raise TooLarge(f"unfolds into more than {MAX_VALUES:,} values (through aliases?)")
        sizes[id(value)] = size


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return []

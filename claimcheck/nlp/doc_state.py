"""What claimcheck works out once for a block's Doc and reads many times, as typed fields in one place.

spaCy's Doc carries one free-form `user_data` dict; claimcheck keeps a single DocState there,
under one key that only this module knows, instead of string keys written from many modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "claimcheck"

# One value per token for each attribute patterns read (see claimcheck.match.matcher.ATTRS).
Columns = tuple[Sequence[int], ...]


@dataclass(eq=False)
class DocState:
    """Per-Doc results. A cache built from a registry that only grows holds the registry's size then."""

    # Token offsets where each sentence starts, then the Doc's length (set by the pipeline).
    sentence_bounds: tuple[int, ...] | None = None
    # The CORE_ATTRS columns the pipeline worked out while annotating.
    core_columns: Columns | None = None
    # (number of extra attributes read then, every column patterns read).
    columns: tuple[int, Columns] | None = None
    # Per word column: (number of anchor words then, where each anchor word occurs).
    positions: dict[int, tuple[int, dict[int, list[int]]]] = field(default_factory=dict)
    # (number of wanted words then, the wanted words the Doc holds).
    words: tuple[int, frozenset[int]] | None = None
    # Each sentence's (first, last) character, for quoting a finding's sentence.
    sentence_chars: list[tuple[int, int]] | None = None


def state(doc: Doc) -> DocState:
    """The Doc's state, made empty on first use."""
    found: DocState | None = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = DocState()
    return found

"""Small English helpers for rewriting a word in place: inflection, case and a/an."""

from __future__ import annotations

import re

# Forms that regular rules get wrong. A verb whose past tense and past participle differ
# ("showed"/"shown") has no entry for "ed": "was demonstrated" → "was showed" would be wrong,
# so such a match is left for the writer.
IRREGULAR: dict[str, dict[str, str]] = {
    "person": {"s": "people"},
    "tell": {"ed": "told"},
    "find": {"ed": "found"},
    "buy": {"ed": "bought"},
    "stop": {"ed": "stopped", "ing": "stopping"},
    "plan": {"ed": "planned", "ing": "planning"},
    "get": {"ing": "getting"},
    "do": {"s": "does"},
}
NO_REGULAR_PAST = frozenset({"show", "get", "give", "take", "do", "see", "go", "begin", "write"})
_LINKERS = frozenset("of to with that not in into under by for from on".split())
_VOWEL_SOUND = re.compile(r"(?i)^(?:[aeio]|u(?!s[eu]|ni|r[aeiou]|ti)|hour|honest|m[sr]\b|nhs\b)")


def inflection(form: str, lemma: str) -> str | None:
    """How `form` inflects `lemma`: "" (base form), "s", "ed" or "ing"; None if irregular."""
    form, lemma = form.lower(), lemma.lower()
    if form == lemma:
        return ""
    for suffix in ("ing", "ed", "s"):
        if form.endswith(suffix if suffix != "ed" else "d") and form.startswith(lemma[:-1] or lemma):
            return suffix
    return None


def inflect(word: str, suffix: str) -> str | None:
    """`word` with a regular "s", "ed" or "ing" ending (None when English would not be regular)."""
    if not suffix:
        return word
    if suffix in IRREGULAR.get(word.lower(), {}):
        return IRREGULAR[word.lower()][suffix]
    if suffix == "ed" and word.lower() in NO_REGULAR_PAST:
        return None
    if suffix == "s":
        if re.search(r"(?:s|x|z|ch|sh)$", word):
            return word + "es"
        return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"
    if suffix == "ed":
        if word.endswith("e"):
            return word + "d"
        return word[:-1] + "ied" if re.search(r"[^aeiou]y$", word) else word + "ed"
    return word[:-1] + "ing" if word.endswith("e") and not word.endswith("ee") else word + "ing"


def inflect_phrase(phrase: str, suffix: str, head_first: bool) -> str | None:
    """Inflect the head word of a phrase: the first of a verb phrase, else the noun before any
    linking word ("reason not to have it" → "reasons not to have it"), else the last word."""
    words = phrase.split(" ")
    at = 0 if head_first else _noun_head(words)
    if not head_first and suffix == "s" and words[at].endswith("s"):
        return phrase  # already plural, or a mass noun such as "stiffness"
    changed = inflect(words[at], suffix)
    if changed is None:
        return None
    words[at] = changed
    return " ".join(words)


def _noun_head(words: list[str]) -> int:
    linker = next((i for i, word in enumerate(words) if word.lower() in _LINKERS), len(words))
    return max(linker - 1, 0)


def keep_case(original: str, replacement: str) -> str:
    """Give `replacement` the case of `original`: "Utilize" → "Use", "UTILIZE" → "USE"."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def article_for(word: str) -> str:
    """"a" or "an" before `word`, by its first sound as far as spelling tells."""
    return "an" if _VOWEL_SOUND.match(word) else "a"

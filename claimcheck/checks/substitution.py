"""`substitution`: a swap map from jargon to plainer words, with a reason and a fix for each.

A term is not reported where the writer already explains it (the sentence also has one of
its plain words, as in "spasticity (muscle stiffness)"), nor after that explanation, nor
inside a quotation (the speaker's words) or a name, nor in a heading that asks about it ("What is spasticity?").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from claimcheck.analysis import claims, context
from claimcheck.analysis.draft import Analysis, sentence_bounds, sentence_of
from claimcheck.checks.base import Hit, require_type
from claimcheck.checks.patterns import PatternSet, covered, term_docs
from claimcheck.core.findings import Fix
from claimcheck.core.rule import Rule
from claimcheck.match.matcher import ATTRS, columns
from claimcheck.nlp import wording
from claimcheck.source.document import Block

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LEMMA = ATTRS.index("LEMMA")
ENTRY_KEYS = {
    "use": "the plainer word or phrase, or a list of them (the first is what --fix writes)",
    "reason": "why the plainer word is better, shown with every finding",
    "also": "other spellings or forms of the term that the lemma table does not know",
    "verb": "true when the term is a verb: the first word of the alternative takes its ending",
    "fix": "false when the alternative cannot simply replace the term (the sentence needs rewording)",
    "except": "longer phrases in which the term is fine (a name, a fixed phrase): 'informed consent'",
}


@dataclass(frozen=True)
class Entry:
    """One swap: a term, its plainer alternatives and why."""

    term: str
    use: tuple[str, ...]
    reason: str
    verb: bool = False
    fix: bool = True
    also: tuple[str, ...] = ()

    def inflection(self, word: str) -> str | None:
        """How a matched word inflects the term or one of its other forms (None if irregular)."""
        # "hematomas" is listed as another form, yet it is "hematoma" with an "s".
        found = {wording.inflection(word, form.split()[-1]) for form in (self.term, *self.also)}
        return next((suffix for suffix in ("s", "ed", "ing", "") if suffix in found), None)


class Substitution:
    """Report each listed term with its plainer alternatives; messages may use {match}, {suggestion}, {reason}."""

    keys: ClassVar[dict[str, str]] = {
        "swap": "a mapping of term → {use, reason[, also, verb, fix]}; terms match every inflection",
        "once": "true to report each term once per draft, at its first use, with a count of the other uses "
        "(--fix still fixes every use); default false",
    }

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.once: bool = require_type(rule, "once", rule.options.get("once", False), bool, "true or false")
        swap = require_type(rule, "swap", rule.options.get("swap"), dict, "a mapping of terms to {use, reason}")
        if not swap:
            raise rule.error("needs at least one term", "swap")
        self.entries: dict[str, Entry] = {}
        terms: list[str] = []
        fine: list[str] = []
        entries = []
        for term, spec in swap.items():
            fine += self._texts(term, spec, "except")
            entry = self._entry(term, spec)
            entries += [(form, entry) for form in (entry.term, *entry.also)]
        # Every term and alternative analysed in one batch up front.
        term_docs([form for form, _ in entries] + [use for _, entry in entries for use in entry.use])
        for form, entry in entries:
            self.entries[_lemmas(term_docs([form])[0])] = entry
            terms.append(form)
        self.find = PatternSet(rule, {"terms": terms}, "swap")
        self.fine = PatternSet(rule, {"terms": fine}, "swap") if fine else None
        self._check_alternatives()
        self.plain = {entry: tuple(f" {_lemmas(doc)} " for doc in term_docs(list(entry.use))) for entry in set(self.entries.values())}

    def _entry(self, term: Any, spec: Any) -> Entry:
        if not isinstance(term, str) or not term.strip():
            raise self.rule.error("every term must be non-empty text", "swap")
        if not isinstance(spec, dict) or "use" not in spec or "reason" not in spec:
            raise self.rule.error(f"'{term}' needs 'use' and 'reason'", "swap")
        unknown = sorted(set(spec) - set(ENTRY_KEYS))
        if unknown:
            raise self.rule.error(f"'{term}': unknown key '{unknown[0]}' (known: {', '.join(ENTRY_KEYS)})", "swap")
        use = [spec["use"]] if isinstance(spec["use"], str) else spec["use"]
        if not isinstance(use, list) or not use or not all(isinstance(u, str) and u.strip() for u in use):
            raise self.rule.error(f"'{term}': 'use' must be text or a list of text", "swap")
        if not isinstance(spec["reason"], str) or not spec["reason"].strip():
            raise self.rule.error(f"'{term}': 'reason' must be text", "swap")
        flags = {key: spec.get(key, default) for key, default in (("verb", False), ("fix", True))}
        if not all(isinstance(value, bool) for value in flags.values()):
            raise self.rule.error(f"'{term}': 'verb' and 'fix' must be true or false", "swap")
        reason = " ".join(spec["reason"].split())
        return Entry(term.strip(), tuple(u.strip() for u in use), reason, flags["verb"], flags["fix"], self._texts(term, spec, "also"))

    def _texts(self, term: str, spec: dict[str, Any], key: str) -> tuple[str, ...]:
        value = spec.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
            raise self.rule.error(f"'{term}': '{key}' must be text or a list of text", "swap")
        return tuple(a.strip() for a in value)

    def _check_alternatives(self) -> None:
        # A fix must never write a word that the same rule would report again.
        for entry in set(self.entries.values()):
            for alternative in entry.use:
                if self.find.find(term_docs([alternative])[0]):
                    raise self.rule.error(f"'{entry.term}': the alternative '{alternative}' uses a listed term", "swap")

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        """Yield a hit, with suggestion and (where safe) a fix, per reported term."""
        explained: set[Entry] = set()
        for index, block, doc, matches in self.find.matches(analysis):
            fine = self.fine.offsets(doc) if self.fine else []
            for match in matches:
                entry = self.entries.get(_lemmas(doc, match.start, match.end))
                if entry is None or entry in explained:
                    continue
                if covered(match.start, match.end, fine):
                    continue
                if self._explains(doc, sentence_bounds(doc, match.start, match.end), entry):
                    explained.add(entry)
                    continue
                # A speaker's words cannot be reworded, nor can a name ("the Journal of Neuropathic Pain").
                before = context.speaker_context(analysis.document.blocks, index)
                if context.quoted(block.text, match.start_char, match.end_char) or context.named(block, match):
                    continue
                if claims.quoted_speech(block.text, match.start_char, before):
                    continue
                if block.kind == "heading" and context.asked(sentence_of(match), block):
                    continue
                yield self._hit(index, block, doc, match, entry)

    def _explains(self, doc: Doc, sentence: tuple[int, int], entry: Entry) -> bool:
        """The sentence (token offsets) gives the plain word too: the term is being explained, not used as jargon."""
        text = f" {_lemmas(doc, *sentence)} "
        return any(plain in text for plain in self.plain[entry])

    def _hit(self, index: int, block: Block, doc: Doc, match: Span, entry: Entry) -> Hit:
        """The hit for a match in a block (whose text is what its Doc was made from)."""
        text = block.text
        # Sliced from the block's text: Span.text and Doc.text rebuild it token by token.
        matched = text[match.start_char : match.end_char]
        suffix = entry.inflection(match[-1].text)
        forms = [_form(alternative, suffix, entry) for alternative in entry.use]
        suggestion = keep(matched, " or ".join([form for form in forms if form is not None] or entry.use))
        message = self.rule.message.replace("{match}", matched).replace("{suggestion}", suggestion)
        message = message.replace("{reason}", entry.reason)
        # Quoted words are the speaker's: reported, but never rewritten into a misquotation.
        first = forms[0]
        fixable = entry.fix and first is not None and not context.in_quotation(block, match.start_char, match.end_char)
        fix = _fix(text, doc, match, matched, first) if fixable and first is not None else None
        return Hit(index, match.start_char, match.end_char, suggestion, message, fix, entry.term if self.once else None)


def keep(original: str, replacement: str) -> str:
    """The replacement in the case of the original."""
    return wording.keep_case(original, replacement)


def _form(alternative: str, suffix: str | None, entry: Entry) -> str | None:
    if suffix is None:
        return None
    if suffix and not entry.verb and suffix != "s":
        return None
    return wording.inflect_phrase(alternative, suffix, head_first=entry.verb)


def _fix(text: str, doc: Doc, match: Span, matched: str, replacement: str) -> Fix:
    """Replace the match (`matched`, in its block's `text`); a preceding "a"/"an" changes with it if the new word needs the other."""
    kept = keep(matched, replacement)
    if match.start > 0:
        before = doc[match.start - 1]
        if before.lower_ in ("a", "an") and before.lower_ != wording.article_for(replacement):
            article = keep(before.text, wording.article_for(replacement))
            return Fix(before.idx, match.end_char, article + text[before.idx + len(before.text) : match.start_char] + kept)
    return Fix(match.start_char, match.end_char, kept)


def _lemmas(doc: Doc, start: int = 0, end: int | None = None) -> str:
    """The lemmas of tokens start to end of `doc`, space-separated (read from its columns, not its Tokens)."""
    strings = doc.vocab.strings
    return " ".join([strings[lemma] for lemma in columns(doc)[LEMMA][start:end]])


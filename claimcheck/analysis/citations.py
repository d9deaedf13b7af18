"""The citations of a draft's sentences, resolved to the sources it was given, and each source's conclusion.

A sentence cites a source by (each looked for in the sentence's source text, markup included,
up to the next sentence):

- a numbered marker `[2]`, `[1, 3]`, `[2-4]` or a footnote `[^2]`: its entry in the draft's
  reference list or its footnote, itself resolved by the DOI, PMID or link it holds, else by
  its first author's family name and year, else by the source's title;
- `(Smith, 2020)`, `(Smith et al., 2020)`, `(Smith and Lee 2020; Jones, 2019)`,
  `Smith et al. (2020)`, `Smith (2020)`: first author's family name and year;
- a key, pandoc style: `[@smith2020]` (or a footnote labelled with the key, `[^smith2020]`);
- a DOI (`doi:10.1001/...`, `https://doi.org/10.1001/...`) or a PMID (`PMID: 31234567`,
  `https://pubmed.ncbi.nlm.nih.gov/31234567/`), written out or as a link's address.

A source's conclusion is its abstract's section labelled CONCLUSION(S), CONCLUSIONS AND
RELEVANCE, INTERPRETATION (or "Conclusion:" in any case), up to the next label; when no
section is labelled, its last two sentences (its last one when it has fewer than three).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.analysis.draft import Analysis
from claimcheck.nlp.pipeline import analyze_one, sentences
from claimcheck.source.references import Reference, doi_file_name, normal_doi

if TYPE_CHECKING:
    from spacy.tokens import Span

    from claimcheck.source.document import Block

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>\])]+)")
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b|pubmed\.ncbi\.nlm\.nih\.gov/(\d{1,9})\b|ncbi\.nlm\.nih\.gov/pubmed/(\d{1,9})\b", re.IGNORECASE)
_NUMBERED = re.compile(r"\[\[?(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]?\]")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]{1,60})\]")
_KEY = re.compile(r"\[-?@([\w:.#$%&+?<>~/-]{1,80})")
_NAME = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
_YEAR = r"((?:19|20)\d\d)[a-z]?"
# (Smith, 2020), (Smith et al. 2020; Lee and Park, 2019): one author-year in a parenthesis.
_PAREN_GROUP = re.compile(r"\(([^()]{1,300})\)")
_AUTHOR_YEAR = re.compile(rf"({_NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+({_NAME}))?,?\s+{_YEAR}")
# Smith et al. (2020), Smith and Lee (2020), Smith (2020).
_NARRATIVE = re.compile(rf"({_NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+({_NAME}))?\s+\({_YEAR}\)")
_ENTRY = re.compile(r"^\s*(?:>\s*)?(?:[-*+]\s+)?\[?(\d{1,3})[\].):]\s*(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]{1,60})\]:\s*(.*)$", re.MULTILINE)
_ENTRY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_FIRST_NAME = re.compile(r"[A-Z][\w'\u2019-]+")
_WIDEST_RANGE = 50

_CONCLUSION_LABEL = re.compile(
    r"(?:^|(?<=[\s.]))(?:CONCLUSIONS? AND (?:RELEVANCE|IMPLICATIONS)|CONCLUSIONS?|INTERPRETATION|"
    r"Conclusions? and (?:relevance|implications)|Conclusions?|Interpretation)\s*[:.]\s+"
)
# The labels that can end a conclusion section.
_NEXT_LABEL = re.compile(
    r"(?:^|(?<=[\s.]))(?:[A-Z][A-Z ]{2,40}|Funding|Trial registration|Registration|Keywords|Clinical trial registration|"
    r"Level of evidence|Systematic review registration)\s*:\s+"
)
_SENTENCE_END = re.compile(r"(?<!\bal)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)[.!?](?=\s+[A-Z(\d])")


@dataclass(frozen=True)
class Citation:
    """One citation in a sentence: what the draft wrote and the source it names (None: not among the sources)."""

    text: str
    reference: Reference | None


@dataclass(frozen=True)
class Library:
    """The sources a draft was given, looked up by key, DOI, PMID, and first author with year."""

    references: tuple[Reference, ...]

    def by_key(self, key: str) -> Reference | None:
        """The source with this key (case kept aside)."""
        return next((r for r in self.references if r.key.lower() == key.lower()), None)

    def by_doi(self, doi: str) -> Reference | None:
        """The source with this DOI, also as a folder of abstracts names it."""
        wanted = doi_file_name(doi)
        return next((r for r in self.references if r.doi and doi_file_name(r.doi) == wanted or r.key.lower() == wanted), None)

    def by_pmid(self, pmid: str) -> Reference | None:
        """The source with this PMID."""
        return next((r for r in self.references if r.pmid == pmid), None)

    def by_author(self, family: str, year: int, second: str | None = None) -> Reference | None:
        """The one source whose first author (and second, when given) and year these are; None when none or several."""
        found = [
            r for r in self.references
            if r.year == year and r.authors and _same_name(r.authors[0], family)
            and (second is None or (len(r.authors) > 1 and _same_name(r.authors[1], second)))
        ]
        return found[0] if len(found) == 1 else None

    def by_entry(self, text: str) -> Reference | None:
        """The source a reference-list entry or footnote describes: by its DOI, PMID, first author and year, or title."""
        doi = _DOI.search(text)
        if doi and self.by_doi(_trim_doi(doi.group(1))):
            return self.by_doi(_trim_doi(doi.group(1)))
        pmid = _PMID.search(text)
        if pmid and self.by_pmid(next(g for g in pmid.groups() if g)):
            return self.by_pmid(next(g for g in pmid.groups() if g))
        year = _ENTRY_YEAR.search(text)
        name = _FIRST_NAME.search(text)
        if year and name:
            found = self.by_author(name.group(), int(year.group(1)))
            if found:
                return found
        folded = _fold(text)
        titled = [r for r in self.references if len(r.title) > 15 and _fold(r.title) in folded]
        return titled[0] if len(titled) == 1 else None


def _same_name(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _trim_doi(doi: str) -> str:
    return normal_doi(doi).rstrip(".,;:")


def library(analysis: Analysis) -> Library:
    """The draft's sources as a library."""
    return Library(analysis.references)


def cited(analysis: Analysis, index: int, sentence: Span, sources: Library) -> list[Citation]:
    """The citations of one sentence of prose block `index`, each resolved (or not) to a source."""
    text = _sentence_source(analysis, index, sentence)
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], reference: Reference | None, group: int = 0) -> None:
        if any(start < match.end(group) and match.start(group) < end for start, end in taken):
            return
        taken.append((match.start(group), match.end(group)))
        found.append(Citation(match.group(group), reference))

    for match in _KEY.finditer(text):
        add(match, sources.by_key(match.group(1)))
    for match in _DOI.finditer(text):
        add(match, sources.by_doi(_trim_doi(match.group(1))))
    for match in _PMID.finditer(text):
        add(match, sources.by_pmid(next(g for g in match.groups() if g)))
    entries = _entries(analysis)
    for match in _FOOTNOTE.finditer(text):
        label = match.group(1)
        note = entries.get(f"^{label}")
        add(match, sources.by_entry(note) if note else sources.by_key(label))
    for match in _NUMBERED.finditer(text):
        for number in _numbers(match.group(1)):
            entry = entries.get(str(number))
            add(match, sources.by_entry(entry) if entry else None)
            taken.pop()  # each number of "[1, 3]" is a citation of its own
        taken.append((match.start(), match.end()))
    for group in _PAREN_GROUP.finditer(text):
        if any(start < group.end() and group.start() < end for start, end in taken):
            continue
        for author in _AUTHOR_YEAR.finditer(group.group(1)):
            found.append(Citation(author.group(), sources.by_author(author.group(1), int(author.group(3)), author.group(2))))
            taken.append((group.start(), group.end()))
    for match in _NARRATIVE.finditer(text):
        add(match, sources.by_author(match.group(1), int(match.group(3)), match.group(2)))
    return found


def _numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", text):
        bounds = [int(n) for n in re.split(r"\s*[\u2013-]\s*", part) if n]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _WIDEST_RANGE:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def _sentence_source(analysis: Analysis, index: int, sentence: Span) -> str:
    """The source text of a sentence, markup included, up to the next sentence (or its line's end)."""
    block = analysis.document.blocks[index]
    source = analysis.document.source
    start = block.source_offset(sentence.start_char)
    if sentence.end_char < len(block.text):
        end = block.source_offset(sentence.end_char)
    else:
        last = block.source_offset(len(block.text) - 1) + 1
        line_end = source.find("\n", last)
        end = len(source) if line_end < 0 else line_end
    return source[start:end]


def _entries(analysis: Analysis) -> dict[str, str]:
    """The draft's own reference list ('1' → its entry) and footnotes ('^1' → the note)."""
    document = analysis.document
    entries: dict[str, str] = {}
    for block in document.blocks:
        if block.in_references and block.kind != "heading" and block.text:
            for line in _block_lines(analysis, block):
                entry = _ENTRY.match(line)
                if entry:
                    entries.setdefault(entry.group(1), entry.group(2))
    for note in _FOOTNOTE_DEF.finditer(document.source):
        entries.setdefault(f"^{note.group(1)}", note.group(2))
    return entries


def _block_lines(analysis: Analysis, block: Block) -> Iterator[str]:
    if block.ordinal:
        yield f"{block.ordinal}. {block.text}"
        return
    document = analysis.document
    first, _ = document.position(block.source_offset(0))
    last, _ = document.position(block.source_offset(len(block.text) - 1))
    for line in range(first, last + 1):
        yield document.line_text(line)


def conclusion(reference: Reference) -> str:
    """The abstract's conclusion: its labelled section, else its last two sentences (the last when it has fewer than three)."""
    return _conclusion(reference.abstract)


@lru_cache(maxsize=512)
def _conclusion(abstract: str) -> str:
    abstract = " ".join(abstract.split())
    labels = list(_CONCLUSION_LABEL.finditer(abstract))
    if labels:
        start = labels[-1].end()
        following = _NEXT_LABEL.search(abstract, start)
        return abstract[start : following.start() if following else len(abstract)].strip()
    parts = split_sentences(abstract)
    return " ".join(parts[-2:] if len(parts) >= 3 else parts[-1:])


def split_sentences(text: str) -> list[str]:
    """A plain text's sentences, cut after '.', '!' or '?' before a capital (not after 'et al.' or 'e.g.')."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        parts.append(text[start : end.end()].strip())
        start = end.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


@lru_cache(maxsize=512)
def conclusion_sentences(text: str) -> tuple[Span, ...]:
    """The conclusion's sentences, analysed (its words are compared with the draft's)."""
    return tuple(sentences(analyze_one(text))) if text else ()


def closest(claim: Span, candidates: Sequence[Span]) -> Span:
    """The candidate that shares most content words with the claim (the first on a tie): the one it reports."""
    wanted = _content(claim)
    return max(candidates, key=lambda sentence: (len(wanted & _content(sentence)), -candidates.index(sentence)))


def _content(span: Span) -> set[str]:
    return {token.lemma_.lower() or token.lower_ for token in span if token.is_alpha and not token.is_stop and len(token) > 2}

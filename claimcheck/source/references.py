"""The studies a draft cites, read from files: CSL-JSON, BibTeX, or a folder of plain-text abstracts.

Nothing is fetched: a source is only what these files say about it. A file that cannot be
read as its format is a `ClaimcheckError` naming the file, the line and the reason.

A folder of abstracts holds one `.txt` (or `.md`) file per entry, named by what the draft cites
it with: its key (`smith2020.txt`), its PMID (`31234567.txt`) or its DOI with every `/`
written as `_` (`10.1001_jama.2020.1234.txt` for doi:10.1001/jama.2020.1234). A folder file
that shares a key, DOI or PMID with an entry of a CSL-JSON or BibTeX file gives that entry
its abstract when it has none.

A draft's sidecar is `<draft stem>.bib` or `<draft stem>.references.json` beside it (both are
read when both exist): `article.md` takes its sources from `article.bib` and
`article.references.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.regular_file import read_regular_text
from claimcheck.ruleset.bounds import TooLarge, check_bounds

# Bounds: a source file larger than this, or with more entries, is refused, not read slowly.
MAX_BYTES = 8_000_000
MAX_ENTRIES = 20_000
MAX_BRACE_DEPTH = 32
ABSTRACT_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIXES = (".bib", ".references.json")

_PMID = re.compile(r"^\d{1,9}$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Reference:
    """One cited work as its source file describes it."""

    key: str
    doi: str = ""
    pmid: str = ""
    authors: tuple[str, ...] = ()  # family names, in order
    year: int | None = None
    title: str = ""
    abstract: str = ""
    origin: str = ""  # the file it was read from

    @property
    def label(self) -> str:
        """How a finding names it: 'Smith 2020', 'Smith and Lee 2020', 'Smith et al. 2020', else its key."""
        if not self.authors:
            return self.key
        names = self.authors[0] if len(self.authors) == 1 else (
            f"{self.authors[0]} and {self.authors[1]}" if len(self.authors) == 2 else f"{self.authors[0]} et al."
        )
        return f"{names} {self.year}" if self.year else names


def normal_doi(doi: str) -> str:
    """A DOI as compared: lower case, without a resolver or `doi:` in front, nor trailing punctuation."""
    doi = doi.strip().lower()
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi)
    return doi.rstrip(".,;)")


def doi_file_name(doi: str) -> str:
    """The name (without suffix) of a DOI's file in a folder of abstracts: every '/' as '_'."""
    return normal_doi(doi).replace("/", "_")


def load_sources(path: Path) -> tuple[Reference, ...]:
    """The references of a CSL-JSON file, a BibTeX file or a folder of abstracts."""
    name = str(path)
    if path.is_dir():
        return _abstract_folder(path)
    if not path.exists():
        raise ClaimcheckError("sources file or folder not found", name)
    text = _read(path)
    if path.suffix.lower() == ".bib":
        return parse_bibtex(text, name)
    if path.suffix.lower() == ".json":
        return parse_csl_json(text, name)
    raise ClaimcheckError("sources must be a .bib or CSL-JSON .json file, or a folder of abstracts", name)


def sidecars(draft: str) -> list[Path]:
    """The sidecar files beside a draft that exist (see the module's docstring)."""
    path = Path(draft)
    if not path.name or path.name == "-":
        return []
    found = []
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.stem + suffix)
        if candidate != path and candidate.is_file():
            found.append(candidate)
    return found


def sidecar_bytes(draft: str) -> bytes:
    """The sidecars' contents, for a cache key that changes when they do."""
    parts = []
    for path in sidecars(draft):
        try:
            parts.append(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            parts.append(path.name.encode() + b"\0unreadable")
    return b"\0".join(parts)


def merged(references: Iterable[Reference]) -> tuple[Reference, ...]:
    """References with those that share a key, DOI or PMID folded into the first (its blanks filled)."""
    kept: list[Reference] = []
    index: dict[str, int] = {}
    for reference in references:
        names = _identities(reference)
        at = next((index[n] for n in names if n in index), None)
        if at is None:
            at = len(kept)
            kept.append(reference)
        else:
            kept[at] = _fill(kept[at], reference)
        for n in _identities(kept[at]):
            index.setdefault(n, at)
    return tuple(kept)


def _identities(reference: Reference) -> list[str]:
    names = [f"key:{reference.key.lower()}"]
    if reference.doi:
        names.append(f"doi:{doi_file_name(reference.doi)}")
    if reference.pmid:
        names.append(f"pmid:{reference.pmid}")
    return names


def _fill(first: Reference, other: Reference) -> Reference:
    return replace(
        first,
        doi=first.doi or other.doi,
        pmid=first.pmid or other.pmid,
        authors=first.authors or other.authors,
        year=first.year or other.year,
        title=first.title or other.title,
        abstract=first.abstract or other.abstract,
    )


def _read(path: Path) -> str:
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ClaimcheckError(f"larger than {MAX_BYTES:,} bytes", name)
        return read_regular_text(name).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise ClaimcheckError("not UTF-8 text", name, line) from None
    except OSError as error:
        raise ClaimcheckError(f"cannot be read ({error.strerror or error})", name) from None


def _abstract_folder(folder: Path) -> tuple[Reference, ...]:
    references: list[Reference] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in ABSTRACT_SUFFIXES or not path.is_file():
            continue
        if len(references) >= MAX_ENTRIES:
            raise ClaimcheckError(f"more than {MAX_ENTRIES} abstracts", str(folder))
        abstract = " ".join(_read(path).split())
        stem = path.stem
        if _PMID.match(stem):
            references.append(Reference(key=stem, pmid=stem, abstract=abstract, origin=str(path)))
        elif stem.startswith("10.") and "_" in stem:
            doi = stem.replace("_", "/", 1)  # the first '/' of a DOI ends its prefix, which has no '_'
            references.append(Reference(key=stem, doi=doi, abstract=abstract, origin=str(path)))
        else:
            references.append(Reference(key=stem, abstract=abstract, origin=str(path)))
    return tuple(references)


# --- CSL-JSON ---------------------------------------------------------------------------


def parse_csl_json(text: str, name: str) -> tuple[Reference, ...]:
    """The items of a CSL-JSON export (a list of objects), each validated with its line."""
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if at >= len(text) or text[at] != "[":
        raise ClaimcheckError("CSL-JSON must be a list of items ('[' expected)", name, _line(text, at))
    at = _skip_space(text, at + 1)
    references: list[Reference] = []
    # Item by item, so that an item's errors can name its line.
    while at < len(text) and text[at] != "]":
        if len(references) >= MAX_ENTRIES:
            raise ClaimcheckError(f"more than {MAX_ENTRIES} entries", name, _line(text, at))
        start = at
        try:
            item, at = decoder.raw_decode(text, at)
            check_bounds(item)
        except json.JSONDecodeError as error:
            raise ClaimcheckError(f"not valid JSON: {error.msg}", name, error.lineno) from None
        except (RecursionError, TooLarge) as error:
            reason = str(error) if isinstance(error, TooLarge) else "nested too deeply"
            raise ClaimcheckError(f"an item is {reason}", name, _line(text, start)) from None
        references.append(_csl_item(item, name, _line(text, start)))
        at = _skip_space(text, at)
        if at < len(text) and text[at] == ",":
            at = _skip_space(text, at + 1)
        elif at < len(text) and text[at] != "]":
            raise ClaimcheckError("not valid JSON: ',' or ']' expected", name, _line(text, at))
    if at >= len(text):
        raise ClaimcheckError("not valid JSON: the list is not closed with ']'", name, _line(text, at))
    if _skip_space(text, at + 1) < len(text):
        raise ClaimcheckError("not valid JSON: text after the list", name, _line(text, _skip_space(text, at + 1)))
    return tuple(references)


def _csl_item(item: Any, name: str, line: int) -> Reference:
    if not isinstance(item, dict):
        raise ClaimcheckError("each CSL-JSON item must be an object", name, line)
    key = item.get("id")
    if isinstance(key, int) and not isinstance(key, bool):
        key = str(key)
    if not isinstance(key, str) or not key.strip():
        raise ClaimcheckError("a CSL-JSON item needs an 'id' (text)", name, line)
    fields = {}
    for field in ("DOI", "PMID", "title", "abstract"):
        value = item.get(field, "")
        if isinstance(value, int) and not isinstance(value, bool) and field == "PMID":
            value = str(value)
        if not isinstance(value, str):
            raise ClaimcheckError(f"item '{key}': '{field}' must be text", name, line)
        fields[field] = " ".join(value.split())
    return Reference(
        key=key.strip(),
        doi=normal_doi(fields["DOI"]) if fields["DOI"] else "",
        pmid=_pmid(fields["PMID"], f"item '{key}'", name, line),
        authors=_csl_authors(item.get("author", []), key, name, line),
        year=_csl_year(item.get("issued"), key, name, line),
        title=fields["title"],
        abstract=fields["abstract"],
        origin=name,
    )


def _csl_authors(value: Any, key: str, name: str, line: int) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ClaimcheckError(f"item '{key}': 'author' must be a list", name, line)
    families = []
    for author in value:
        if not isinstance(author, dict):
            raise ClaimcheckError(f"item '{key}': each author must be an object", name, line)
        family = author.get("family", author.get("literal", ""))
        if not isinstance(family, str):
            raise ClaimcheckError(f"item '{key}': an author's 'family' must be text", name, line)
        if family.strip():
            families.append(family.strip())
    return tuple(families)


def _csl_year(value: Any, key: str, name: str, line: int) -> int | None:
    if value is None:
        return None
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if isinstance(value, dict) and parts is None:
        literal = value.get("raw", value.get("literal", ""))
        found = _YEAR.search(literal) if isinstance(literal, str) else None
        return int(found.group(1)) if found else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] else None
    year = first[0] if first else None
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool):
        raise ClaimcheckError(f"item '{key}': 'issued' must hold date-parts such as [[2020, 5]]", name, line)
    return year


def _pmid(value: str, what: str, name: str, line: int) -> str:
    value = value.strip()
    if value and not _PMID.match(value):
        raise ClaimcheckError(f"{what}: a PMID is a number, not '{value[:40]}'", name, line)
    return value


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


# --- BibTeX ------------------------------------------------------------------------------

_ENTRY_TYPE = re.compile(r"@\s*([A-Za-z]+)\s*")
_NAME = re.compile(r"[^\s=,{}()\"#%]+")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\s*|\\.")


def parse_bibtex(text: str, name: str) -> tuple[Reference, ...]:
    """The entries of a BibTeX file; @string, @comment, @preamble and text between entries are ignored."""
    return tuple(_BibReader(text, name).entries())


class _BibReader:
    """A small recursive-descent reader of BibTeX: entries, fields, braces and quotes."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.at = 0

    def fail(self, reason: str, at: int | None = None) -> ClaimcheckError:
        return ClaimcheckError(reason, self.name, _line(self.text, self.at if at is None else at))

    def entries(self) -> Iterator[Reference]:
        count = 0
        text = self.text
        while True:
            at = text.find("@", self.at)
            if at < 0:
                return
            # Text outside entries is a comment in BibTeX; so is a line starting with '%'.
            line_start = text.rfind("\n", 0, at) + 1
            if text[line_start:at].lstrip().startswith("%"):
                self.at = at + 1
                continue
            found = _ENTRY_TYPE.match(text, at)
            if not found or found.end() >= len(text) or text[found.end()] not in "{(":
                # Not an entry ("write to a@b.org" between entries): text outside entries is a comment.
                self.at = at + 1
                continue
            kind = found.group(1).lower()
            self.at = found.end()
            if kind == "comment":
                self._skip_group(optional=True)
                continue
            if kind in ("string", "preamble"):
                self._skip_group()
                continue
            count += 1
            if count > MAX_ENTRIES:
                raise self.fail(f"more than {MAX_ENTRIES} entries", at)
            yield self._entry(at)

    def _open(self) -> str:
        self._space()
        if self.at >= len(self.text) or self.text[self.at] not in "{(":
            raise self.fail("'{' expected after the entry type")
        opener = self.text[self.at]
        self.at += 1
        return "}" if opener == "{" else ")"

    def _skip_group(self, optional: bool = False) -> None:
        self._space()
        if optional and (self.at >= len(self.text) or self.text[self.at] not in "{("):
            return
        start = self.at
        closer = self._open()
        if closer == "}":
            self.at -= 1
            self._braced()
            return
        end = self.text.find(")", self.at)
        if end < 0:
            raise self.fail("the entry is not closed", start)
        self.at = end + 1

    def _entry(self, start: int) -> Reference:
        closer = self._open()
        self._space()
        key = _NAME.match(self.text, self.at)
        if not key:
            raise self.fail("an entry needs a citation key before the first ','")
        self.at = key.end()
        fields: dict[str, str] = {}
        lines: dict[str, int] = {}
        while True:
            self._space()
            if self.at >= len(self.text):
                raise self.fail("the entry is not closed", start)
            char = self.text[self.at]
            if char == closer:
                self.at += 1
                break
            if char != ",":
                raise self.fail("',' or the end of the entry expected")
            self.at += 1
            self._space()
            if self.at < len(self.text) and self.text[self.at] == closer:
                continue  # a trailing comma
            field = _NAME.match(self.text, self.at)
            if not field:
                raise self.fail("a field name expected")
            lines[field.group().lower()] = _line(self.text, self.at)
            self.at = field.end()
            self._space()
            if self.at >= len(self.text) or self.text[self.at] != "=":
                raise self.fail(f"'=' expected after '{field.group()}'")
            self.at += 1
            fields[field.group().lower()] = self._value()
        authors = _bib_authors(fields.get("author", ""))
        cleaned = {field: _clean(value) for field, value in fields.items()}
        return self._reference(key.group(), cleaned, authors, lines, _line(self.text, start))

    def _value(self) -> str:
        parts = []
        while True:
            self._space()
            if self.at >= len(self.text):
                raise self.fail("a field value expected")
            char = self.text[self.at]
            if char == "{":
                parts.append(self._braced())
            elif char == '"':
                parts.append(self._quoted())
            else:
                word = _NAME.match(self.text, self.at)
                if not word:
                    raise self.fail("a field value must be {...}, \"...\" or a number")
                # A number, or an @string name (not expanded: its text is not a source's words).
                parts.append(word.group() if word.group().isdigit() else "")
                self.at = word.end()
            self._space()
            if self.at < len(self.text) and self.text[self.at] == "#":
                self.at += 1
                continue
            return "".join(parts)

    def _braced(self) -> str:
        """A {...} value, nested braces kept balanced and counted (no deeper than MAX_BRACE_DEPTH)."""
        start = self.at
        depth = 0
        text = self.text
        at = self.at
        while at < len(text):
            char = text[at]
            if char == "\\":
                at += 2
                continue
            if char == "{":
                depth += 1
                if depth > MAX_BRACE_DEPTH:
                    raise self.fail(f"braces nested more than {MAX_BRACE_DEPTH} deep", at)
            elif char == "}":
                depth -= 1
                if depth == 0:
                    self.at = at + 1
                    return text[start + 1 : at]
            at += 1
        raise self.fail("a '{' is never closed", start)

    def _quoted(self) -> str:
        start = self.at
        depth = 0
        at = start + 1
        text = self.text
        while at < len(text):
            char = text[at]
            if char == "\\":
                at += 2
                continue
            if char == "{":
                depth += 1
                if depth > MAX_BRACE_DEPTH:
                    raise self.fail(f"braces nested more than {MAX_BRACE_DEPTH} deep", at)
            elif char == "}":
                depth -= 1
                if depth < 0:
                    raise self.fail("a '}' without its '{' in a quoted value", at)
            elif char == '"' and depth == 0:
                self.at = at + 1
                return text[start + 1 : at]
            at += 1
        raise self.fail('a \'"\' is never closed', start)

    def _space(self) -> None:
        text = self.text
        while self.at < len(text):
            if text[self.at] in " \t\r\n":
                self.at += 1
            elif text[self.at] == "%":  # a comment to the end of the line
                end = text.find("\n", self.at)
                self.at = len(text) if end < 0 else end + 1
            else:
                return

    def _reference(self, key: str, fields: dict[str, str], authors: tuple[str, ...], lines: dict[str, int], line: int) -> Reference:
        year = None
        if fields.get("year"):
            found = _YEAR.search(fields["year"])
            if not found:
                raise ClaimcheckError(f"entry '{key}': 'year' must be a year, not '{fields['year'][:40]}'", self.name, lines["year"])
            year = int(found.group(1))
        pmid = fields.get("pmid", "")
        return Reference(
            key=key,
            doi=normal_doi(fields.get("doi", "")) if fields.get("doi") else "",
            pmid=_pmid(pmid, f"entry '{key}'", self.name, lines.get("pmid", line)),
            authors=authors,
            year=year,
            title=fields.get("title", ""),
            abstract=fields.get("abstract", ""),
            origin=self.name,
        )


def _clean(value: str) -> str:
    """A field's words: braces and LaTeX commands dropped, white space folded."""
    value = _LATEX_COMMAND.sub(lambda m: m.group()[1:] if len(m.group()) == 2 and not m.group()[1].isalpha() else "", value)
    return " ".join(value.replace("{", "").replace("}", "").replace("~", " ").split())


def _bib_authors(value: str) -> tuple[str, ...]:
    """Family names of 'Smith, John and Lee, Ann' or 'John Smith and Ann Lee'; '{World Health Organization}' whole."""
    families = []
    for author in _split_names(value):
        author = author.strip()
        if author.startswith("{") and author.endswith("}"):
            families.append(_clean(author))
            continue
        author = _clean(author)
        if not author or author.lower() == "others":
            continue
        families.append(author.split(",")[0].strip() if "," in author else author.split()[-1])
    return tuple(families)


def _split_names(value: str) -> list[str]:
    """A BibTeX name list split at each ' and ' outside braces."""
    names, depth, start = [], 0, 0
    lower = value.lower()
    at = 0
    while at < len(value):
        char = value[at]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isspace() and lower.startswith("and", at + 1) and at + 4 < len(value) and value[at + 4].isspace():
            names.append(value[start:at])
            at += 4
            start = at
            continue
        at += 1
    names.append(value[start:])
    return names

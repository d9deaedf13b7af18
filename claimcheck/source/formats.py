"""Which reader reads a draft: the one place that goes by a file's suffix.

Markdown (and any text file whose suffix names no other format, as before), plain text, HTML
and Word .docx are read. A file in another known document format (.pdf, .odt, .rtf, ...), or
binary data under a suffix that names no format, is refused with the list of what is read:
never read as Markdown and passed for clean.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from claimcheck.core.errors import ClaimcheckError
from claimcheck.source.document import MARKDOWN_SUFFIXES, Document, parse
from claimcheck.source.docx import DOCX_SUFFIXES, read_docx
from claimcheck.source.html import HTML_SUFFIXES, read_html


@dataclass(frozen=True)
class Format:
    """A kind of draft claimcheck reads."""

    name: str
    suffixes: tuple[str, ...]
    # Read from text (UTF-8) rather than from bytes.
    text: bool = True
    # `--fix` and `--diff` may rewrite it: its findings sit at offsets of the file itself.
    fixable: bool = False
    # Each source line is a paragraph (the review page shows it so).
    paragraph_lines: bool = False


MARKDOWN = Format("Markdown", tuple(sorted(MARKDOWN_SUFFIXES, key=lambda s: (s != ".md", s))), fixable=True)
PLAIN = Format("plain text", (".txt",), fixable=True)
HTML = Format("HTML", tuple(sorted(HTML_SUFFIXES, key=lambda s: (s != ".html", s))))
WORD = Format("Word", tuple(sorted(DOCX_SUFFIXES)), text=False, paragraph_lines=True)
FORMATS = (MARKDOWN, PLAIN, HTML, WORD)
_BY_SUFFIX = {suffix: form for form in FORMATS for suffix in form.suffixes}

# Formats an editor may hand over that claimcheck does not read: refused by suffix alone, since
# some of them (RTF, a PDF without binary streams) are plain ASCII and would read as "text".
FOREIGN_SUFFIXES = frozenset(
    {
        ".pdf", ".odt", ".ott", ".fodt", ".rtf", ".doc", ".dot", ".docm", ".dotx", ".dotm", ".wpd", ".pages",
        ".epub", ".mobi", ".ps", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".key", ".numbers",
        ".zip", ".gz", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".tif", ".tiff",
    }
)
# How other document formats begin: zip (.odt, .epub, .xlsx), OLE (.doc), PDF and RTF.
_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-", b"{\\rtf")


def suffix_of(path: str) -> str:
    """The lower-case suffix of a path ('.md'), '' when it has none."""
    return os.path.splitext(path)[1].lower()


def format_of(path: str) -> Format:
    """The format a draft is read in: by its suffix, Markdown when the suffix names none (and for stdin)."""
    return _BY_SUFFIX.get(suffix_of(path), MARKDOWN)


def known_formats() -> str:
    """The formats read, for messages: 'Markdown (.md, ...), plain text (.txt), HTML (...) and Word (.docx)'."""
    named = [f"{form.name} ({', '.join(form.suffixes)})" for form in FORMATS]
    return ", ".join(named[:-1]) + f" and {named[-1]}"


def refuse_unknown(path: str, data: bytes) -> None:
    """Raise for a file in no format claimcheck reads: a foreign suffix, or binary data under an unknown one."""
    suffix = suffix_of(path)
    if suffix in _BY_SUFFIX:
        return
    if suffix in FOREIGN_SUFFIXES:
        raise ClaimcheckError(f"'{suffix}' is not a format claimcheck reads; it reads {known_formats()}", path)
    if data.startswith(_MAGIC) or b"\x00" in data[:8192]:
        raise ClaimcheckError(f"binary data in no format claimcheck reads; it reads {known_formats()}", path)


# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)


def decode_text(data: bytes, path: str) -> str:
    """Decode a text draft's bytes as UTF-8 (a BOM is allowed), refusing binary files."""
    # UTF-16 and UTF-32 text is full of NUL bytes: named for what it is, not called binary.
    for bom, name in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise ClaimcheckError(f"{name} text; claimcheck reads UTF-8 (convert it, e.g. iconv -f {name} -t UTF-8)", path)
    if b"\x00" in data[:8192]:
        raise ClaimcheckError("binary file, not a text draft", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ClaimcheckError(f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})", path) from None


def parse_text(path: str, source: str) -> Document:
    """Parse a draft given as text, with the reader its path's format calls for."""
    form = format_of(path)
    if form is HTML:
        return read_html(path, source)
    if not form.text:
        raise ClaimcheckError(f"a {form.name} file is read from its bytes, not as text", path)
    return parse(path, source, markdown=form is MARKDOWN)


def read_document(path: str, data: bytes) -> Document:
    """Parse a draft file's bytes with the reader its format calls for; one-line errors otherwise."""
    refuse_unknown(path, data)
    if format_of(path) is WORD:
        return read_docx(path, data)
    return parse_text(path, decode_text(data, path))

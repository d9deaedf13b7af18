"""Make the HTML and Word test drafts from the Markdown corpus, byte for byte the same each run.

    python tools/make_format_fixtures.py            # writes tests/fixtures/formats/
    python tools/make_format_fixtures.py --check    # exit 1 if the files there differ

Each corpus draft becomes:
- `NAME.html`: a CMS-like page, the article (rendered by markdown-it, its line breaks kept)
  inside a site with a head, styles, scripts, navigation, a banner, a sidebar, a newsletter
  form, a cookie notice and a footer, whose words (cures, 100% safe, ...) must not be read;
- `NAME.docx`: a Word file laid out as Google Docs exports one (File > Download > Microsoft
  Word): the first heading in the "Title" style, the others "Heading N" (style ids Heading1...),
  lists as paragraphs with `w:numPr` pointing at numbering.xml, links as `w:hyperlink` with a
  relationship, italics as run properties. It is built from the OOXML parts directly; no
  export from a real Google account could be fetched where these tests are made.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
OUT = ROOT / "tests" / "fixtures" / "formats"
DRAFTS = ("clinic-hype", "well-sourced")
# A fixed time for every zip entry, so the .docx bytes do not depend on when they were made.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _body(markdown: str) -> str:
    """The Markdown without its front matter."""
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4)
        return markdown[end + 5 :]
    return markdown


def _tokens(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").parse(_body(markdown))


# -- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Health Hub</title>
<meta name="description" content="Acupuncture cures MS, 100% safe.">
<style>
  body {{ font-family: Georgia, serif; }} .promo::after {{ content: "Guaranteed cure"; }}
</style>
<script>window.dataLayer = [{{"event": "cures MS", "claim": "100% safe"}}];</script>
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">Health Hub</a>
  <p class="tagline">Natural remedies that cure everything, 100% safe.</p>
</header>
<nav aria-label="Main">
  <ul><li><a href="/cures">Miracle cures</a></li><li><a href="/safe">100% safe therapies</a></li></ul>
</nav>
<div class="cookie-banner" hidden><p>This miracle site uses cookies.</p></div>
<main>
<article class="post">
{article}
</article>
<aside class="sidebar">
  <h3>Trending</h3>
  <p>This herb cures MS. It is 100% safe and has no side effects.</p>
</aside>
</main>
<form class="newsletter" action="/subscribe">
  <label>Miracle cures in your inbox <input name="email"></label>
  <button>Guaranteed results</button>
</form>
<footer class="site-footer">
  <p>&copy; 2026 Health Hub. Our remedies are 100% safe and cure fatigue.</p>
</footer>
<script src="/analytics.js"></script>
<template id="share"><p>Acupuncture cures MS!</p></template>
</body>
</html>
"""


def make_html(markdown: str) -> str:
    """A CMS page around the article: the draft rendered as HTML, its lines as they were."""
    article = MarkdownIt("commonmark").render(_body(markdown)).rstrip("\n")
    title = next(t.content for t in _tokens(markdown) if t.type == "inline")
    return PAGE.format(title=escape(title), article=article)


# -- Word, laid out as a Google Docs export ------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Google Docs writes its fonts and sizes on every run.
RUN_FONT = '<w:rFonts w:ascii="Arial" w:cs="Arial" w:eastAsia="Arial" w:hAnsi="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/>'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default ContentType="application/xml" Extension="xml"/>\
<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>\
<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" PartName="/word/document.xml"/>\
<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml" PartName="/word/styles.xml"/>\
<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml" PartName="/word/numbering.xml"/>\
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
</Relationships>"""


def _style(ident: str, name: str, outline: int | None = None, size: int = 22) -> str:
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{ident}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
        f'<w:next w:val="Normal"/><w:pPr><w:keepNext w:val="1"/><w:keepLines w:val="1"/>{level}</w:pPr>'
        f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>'
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    f"<w:docDefaults><w:rPrDefault><w:rPr>{RUN_FONT}<w:lang w:val=\"en\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="normal"/><w:qFormat/></w:style>'
    + "".join(_style(f"Heading{n}", f"heading {n}", n - 1, 40 - 4 * n) for n in range(1, 7))
    + _style("Title", "Title", None, 52)
    + _style("Subtitle", "Subtitle", None, 30)
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
    "</w:styles>"
)


def _levels(ordered: bool) -> str:
    levels = []
    for level in range(9):
        if ordered:
            fmt, text = "decimal", f"%{level + 1}."
        else:
            fmt, text = "bullet", "●○■"[level % 3]
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:hanging="360" w:left="{720 * (level + 1)}"/></w:pPr></w:lvl>'
        )
    return "".join(levels)


class _Docx:
    """Builds document.xml from markdown-it tokens, as Google Docs lays a document out."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.links: list[str] = []
        self.lists: list[bool] = []  # one numbering instance per list: ordered?
        self.titled = False

    def build(self, tokens: list[Token]) -> None:
        style: str | None = None
        numbering: int | None = None
        stack: list[int] = []
        for token in tokens:
            if token.type in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(token.type == "ordered_list_open")
                stack.append(len(self.lists))
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                stack.pop()
            elif token.type == "heading_open":
                level = int(token.tag[1])
                style = "Title" if level == 1 and not self.titled else f"Heading{level}"
                self.titled = True
            elif token.type == "inline":
                numbering = stack[-1] if stack else None
                self.paragraphs.append(self._paragraph(token, style, numbering, len(stack) - 1))
                style = None

    def _paragraph(self, token: Token, style: str | None, numbering: int | None, depth: int) -> str:
        properties = ""
        if style:
            properties += f'<w:pStyle w:val="{style}"/>'
        if numbering is not None:
            properties += f'<w:numPr><w:ilvl w:val="{depth}"/><w:numId w:val="{numbering}"/></w:numPr>'
        properties += '<w:spacing w:after="0" w:before="0" w:line="276" w:lineRule="auto"/>'
        runs: list[str] = []
        italic = False
        link: str | None = None
        for child in token.children or []:
            if child.type in ("text", "softbreak", "code_inline"):
                text = " " if child.type == "softbreak" else child.content
                run = self._run(text, italic, link is not None)
                if link is not None:
                    run = f'<w:hyperlink r:id="{link}">{run}</w:hyperlink>'
                runs.append(run)
            elif child.type == "em_open":
                italic = True
            elif child.type == "em_close":
                italic = False
            elif child.type == "link_open":
                self.links.append(str(child.attrs["href"]))
                link = f"rId{len(self.links) + 10}"
            elif child.type == "link_close":
                link = None
        return f"<w:p><w:pPr>{properties}</w:pPr>{''.join(runs)}</w:p>"

    @staticmethod
    def _run(text: str, italic: bool, linked: bool) -> str:
        extra = "<w:i w:val=\"1\"/><w:iCs w:val=\"1\"/>" if italic else ""
        if linked:
            extra += '<w:color w:val="1155cc"/><w:u w:val="single"/>'
        return f'<w:r><w:rPr>{RUN_FONT}{extra}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def document(self) -> str:
        section = '<w:sectPr><w:pgSz w:h="15840" w:w="12240" w:orient="portrait"/></w:sectPr>'
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}">'
            f"<w:body>{''.join(self.paragraphs)}{section}</w:body></w:document>"
        )

    def numbering(self) -> str:
        abstract = "".join(
            f'<w:abstractNum w:abstractNumId="{n}"><w:nsid w:val="{n:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f"{_levels(ordered)}</w:abstractNum>"
            for n, ordered in enumerate(self.lists, start=1)
        )
        nums = "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>' for n in range(1, len(self.lists) + 1))
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>'

    def relationships(self) -> str:
        kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        fixed = (
            f'<Relationship Id="rId1" Type="{kinds}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{kinds}/numbering" Target="numbering.xml"/>'
        )
        links = "".join(
            f'<Relationship Id="rId{n + 10}" Type="{HYPERLINK}" Target={quoteattr(url)} TargetMode="External"/>'
            for n, url in enumerate(self.links, start=1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{fixed}{links}</Relationships>'
        )


def make_docx(markdown: str) -> bytes:
    """A .docx of the draft, laid out as a Google Docs export."""
    doc = _Docx()
    doc.build(_tokens(markdown))
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": doc.document(),
        "word/styles.xml": STYLES,
        "word/numbering.xml": doc.numbering(),
        "word/_rels/document.xml.rels": doc.relationships(),
    }
    return zip_parts(parts)


def zip_parts(parts: dict[str, str]) -> bytes:
    """A zip of text parts with fixed times, so that the same parts give the same bytes."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def fixtures() -> dict[str, bytes]:
    """File name -> bytes of every fixture."""
    made: dict[str, bytes] = {}
    for name in DRAFTS:
        markdown = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
        made[f"{name}.html"] = make_html(markdown).encode("utf-8")
        made[f"{name}.docx"] = make_docx(markdown)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files in place")
    args = parser.parse_args(argv)
    stale = []
    for name, data in fixtures().items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    for name in stale:
        print(f"out of date: {OUT / name}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

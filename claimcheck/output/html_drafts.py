"""The review page's view of drafts that are not Markdown: an HTML page's prose, a Word file's paragraphs.

Each takes the draft's source with the page's marker characters already in it (see
claimcheck.output.html) and returns escaped HTML in which the markers still stand, so the
findings are placed by offset as in a Markdown draft.
"""

from __future__ import annotations

import re
from html import escape

from claimcheck.source.document import Block
from claimcheck.source.html import read_html

_LIST_KINDS = ("list_item",)


def render_html_prose(marked: str, path: str) -> str:
    """The prose of an HTML page as its reader reads it: headings, paragraphs, list items, cells, quotes."""
    out: list[str] = []
    open_list = open_table = False
    row = -1
    for block in read_html(path, marked).blocks:
        if open_list and block.kind != "list_item":
            out.append("</ul>")
            open_list = False
        if open_table and block.kind != "table_cell":
            out.append("</tr></table>")
            open_table = False
        if block.kind == "list_item" and not open_list:
            out.append("<ul>")
            open_list = True
        if block.kind == "table_cell":
            if not open_table:
                out.append("<table><tr>")
                open_table, row = True, block.group
            elif block.group != row:
                out.append("</tr><tr>")
                row = block.group
        out.append(_block(block))
    out.append("</ul>" if open_list else "")
    out.append("</tr></table>" if open_table else "")
    return "\n".join(part for part in out if part)


def _block(block: Block) -> str:
    text = escape(block.text, quote=False)
    if block.kind == "heading":
        html = f"<h{block.heading_level}>{text}</h{block.heading_level}>"
    elif block.kind == "list_item":
        return f"<li>{text}</li>"
    elif block.kind == "table_cell":
        return f"<td>{text}</td>"
    else:
        html = f"<p>{text}</p>"
    return f"<blockquote>{html}</blockquote>" if block.quoted else html


def render_paragraph_lines(marked: str) -> str:
    """A Word draft's paragraphs (one a source line), each numbered as its findings are."""
    lines = re.split(r"\r\n|\r|\n", marked)
    return "\n".join(
        f'<p class="plain" data-paragraph="{number}">{escape(line, quote=False)}</p>'
        for number, line in enumerate(lines, start=1)
        if line.strip()
    )

"""The category names and colours of the HTML review page, and its style sheet and script (review.css, review.js)."""

from __future__ import annotations

from pathlib import Path

CATEGORY_LABELS = {
    "overclaim": "overclaim",
    "unhedged-claim": "unhedged claim",
    "uncited-study": "uncited study",
    "missing-doctor-advice": "no doctor advice",
    "missing-practitioner-advice": "no practitioner advice",
    "readability": "reading level",
    "plain-language": "plain language",
}

# One hue per category (background, strong edge); the text names the category too, so
# colour is never the only cue.
_COLOURS = {
    "overclaim": ("#fbd3d0", "#b3261e"),
    "unhedged-claim": ("#fde0c2", "#b85400"),
    "uncited-study": ("#e6dbf8", "#6b3fb3"),
    "missing-doctor-advice": ("#d3e5fa", "#1c62a8"),
    "missing-practitioner-advice": ("#ccede6", "#12796a"),
    "readability": ("#fbeeb0", "#8a6d00"),
    "plain-language": ("#d8f0cf", "#2f7a24"),
}

_CATEGORY_CSS = "\n".join(
    f".c-{name}{{--bg:{bg};--edge:{edge}}}" for name, (bg, edge) in _COLOURS.items()
)

# The page's style sheet and script are real files beside this module, read once.
_FOLDER = Path(__file__).resolve().parent
_CATEGORY_MARKER = "/* category colours: one rule per category, made from _COLOURS in html_assets.py */"
STYLE = "\n" + (_FOLDER / "review.css").read_text(encoding="utf-8").replace(_CATEGORY_MARKER, _CATEGORY_CSS)
# The script records its own errors (and any blocked content) on <html data-js-errors>, so a
# headless browser test can read them back from the DOM.
SCRIPT = "\n" + (_FOLDER / "review.js").read_text(encoding="utf-8")

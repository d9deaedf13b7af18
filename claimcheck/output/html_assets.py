"""The style sheet, script and category names of the HTML review page (kept apart from the markup code)."""

from __future__ import annotations

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

STYLE = (
    """
:root{--bg:#eceff3;--edge:#5b6472;--ink:#1d232b;--muted:#5b6472;--line:#d6dbe2;--paper:#fff;--focus:#0b57d0;
  color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f5f6f8}
"""
    + _CATEGORY_CSS
    + """
body{margin:0;padding:0 1.5rem 3rem;line-height:1.5}
main{max-width:1240px;margin:0 auto}
a{color:#0b57d0}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.muted{color:var(--muted);font-weight:normal}
.page-head{padding:1.2rem 0 .4rem;border-bottom:1px solid var(--line)}
.page-head h1{margin:0;font-size:1.4rem}
.totals{margin:.2rem 0 .6rem;color:var(--muted)}
.file-list{margin:.2rem 0 .8rem;padding-left:1.4rem}
.file-list li{margin:.15rem 0}
.draft-file{margin-top:1.6rem}
.file-title{font-size:1.25rem;margin:.4rem 0 .6rem;word-break:break-all}
.verdict{display:inline-block;font-size:.8rem;font-weight:600;padding:.1rem .55rem;border-radius:1rem;vertical-align:middle;word-break:normal}
.verdict-ready{background:#d8f0cf;color:#1f5a17}
.verdict-work{background:#fbd3d0;color:#8c1d16}
.verdict-error{background:#e3e6ea;color:#333}
.summary{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin-bottom:1rem}
.summary h3{font-size:1rem;margin:.8rem 0 .3rem}
.counts{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;margin:0;padding:0}
.chip{display:inline-block;background:var(--bg);border:1px solid var(--edge);color:var(--ink);border-radius:1rem;padding:0 .55rem;font-size:.82rem;white-space:nowrap}
.reading p{margin:.6rem 0 .3rem}
.gauge{position:relative;height:.7rem;max-width:28rem;background:#e3e6ea;border-radius:.35rem}
.gauge-fill{position:absolute;left:0;top:0;bottom:0;background:#2f7a24;border-radius:.35rem}
.gauge-fill.over{background:#b3261e}
.gauge-target{position:absolute;top:-.25rem;bottom:-.25rem;width:3px;background:var(--ink)}
.doc-findings,.finding-list{list-style:none;margin:0;padding:0}
.doc-finding{border-left:4px solid var(--edge);background:var(--bg);padding:.3rem .7rem;margin:.35rem 0;border-radius:0 6px 6px 0}
.doc-finding p,.detail p{margin:.15rem 0}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:1.2rem;align-items:start}
.draft{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1rem 2rem;
  font-family:Georgia,"Times New Roman",serif;font-size:1.06rem;line-height:1.65;overflow-wrap:anywhere}
.draft h1,.draft h2,.draft h3,.draft h4{font-family:system-ui,sans-serif;line-height:1.25}
.draft table{border-collapse:collapse}
.draft td,.draft th{border:1px solid var(--line);padding:.2rem .5rem}
.draft pre{background:#f3f4f6;padding:.6rem;overflow:auto;white-space:pre-wrap}
.draft blockquote{border-left:4px solid var(--line);margin-left:0;padding-left:1rem;color:#3d4550}
.plain{white-space:pre-line}
.image{color:var(--muted);font-style:italic}
.front-matter{font-family:system-ui,sans-serif;font-size:.85rem;color:var(--muted);margin:.5rem 0}
mark.hl{background:var(--bg);color:inherit;border-bottom:2px solid var(--edge);padding:0 .05em;border-radius:2px;cursor:help}
mark.hl.lv-error{border-bottom-width:3px}
mark.hl.lv-info{border-bottom-style:dashed}
mark.hl mark.hl{border-bottom-style:double;border-bottom-width:4px}
mark.hl:focus-visible,mark.hl.current{outline:3px solid var(--focus);outline-offset:1px}
.findings{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto;background:var(--paper);
  border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
.findings h3{margin:.1rem 0 .5rem;font-size:1rem}
.finding-list li{border-left:4px solid var(--edge);padding:.25rem .5rem;margin:.4rem 0;background:#fafbfc;border-radius:0 6px 6px 0}
.finding-list li.current{background:var(--bg)}
.jump{display:block;text-decoration:none;color:var(--ink)}
.jump:hover q{text-decoration:underline}
.num{display:inline-block;min-width:1.5em;font-weight:700;color:var(--edge)}
.where{color:var(--muted);font-size:.85rem}
.detail{font-size:.88rem}
.suggestion{color:#1f5a17}
.meta{font-size:.8rem;color:var(--muted)}
.meta a{white-space:nowrap}
.level{text-transform:uppercase;font-size:.72rem;letter-spacing:.04em;font-weight:700}
.lv-error.level{color:#b3261e}.lv-warning.level{color:#9a5b00}.lv-info.level{color:#1c62a8}
#tip{position:absolute;z-index:10;max-width:26rem;background:#fff;border:1px solid #aab2bd;border-radius:8px;
  box-shadow:0 6px 24px rgba(0,0,0,.18);padding:.5rem .75rem;font-size:.9rem}
#tip .tip-item{border-left:4px solid var(--edge);padding-left:.5rem;margin:.3rem 0}
#tip p{margin:.15rem 0}
.appendix{margin-top:2rem;border-top:1px solid var(--line)}
.rule{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.4rem 1rem;margin:.8rem 0}
.rule:target{outline:3px solid var(--focus)}
.rule h3{font-size:1rem}
.rule h4{font-size:.85rem;margin:.5rem 0 .1rem;color:var(--muted)}
.rule li{white-space:pre-line}
.ex-fail li::marker{content:"✗ "}.ex-pass li::marker{content:"✓ "}
.error{color:#8c1d16}
@media (max-width:900px){.columns{grid-template-columns:1fr}.findings{position:static;max-height:none}}
@media print{
  body{background:#fff;padding:0}
  .skip,#tip{display:none!important}
  .columns{display:block}
  .findings{position:static;max-height:none;overflow:visible;border:0;padding:0;margin-top:1rem}
  .draft,.summary,.rule{border:0;padding:0}
  mark.hl,.chip,.doc-finding,.finding-list li,.gauge-fill{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  mark.hl[data-n]::after{content:"[" attr(data-n) "]";font-size:.7em;vertical-align:super;color:var(--edge)}
  .finding-list li,.rule{break-inside:avoid}
  a{color:inherit}
}
"""
)

# The script records its own errors (and any blocked content) on <html data-js-errors>, so a
# headless browser test can read them back from the DOM.
SCRIPT = """
(function () {
  "use strict";
  var root = document.documentElement;
  var errors = [];
  function record(text) { errors.push(text); root.setAttribute("data-js-errors", errors.join(" | ")); }
  window.addEventListener("error", function (event) { record(String(event.message || event.type)); });
  document.addEventListener("securitypolicyviolation", function (event) {
    record("blocked " + event.violatedDirective + " " + (event.blockedURI || ""));
  });
  root.setAttribute("data-js-errors", "");
  var tip = document.getElementById("tip");
  var hideTimer = null;

  function findingIds(mark) {
    var ids = [];
    for (var node = mark; node && node.tagName === "MARK"; node = node.parentElement) {
      if (node.getAttribute("data-f") && ids.indexOf(node.getAttribute("data-f")) < 0) {
        ids.unshift(node.getAttribute("data-f"));
      }
    }
    return ids;
  }

  function setCurrent(ids) {
    document.querySelectorAll(".current").forEach(function (node) { node.classList.remove("current"); });
    ids.forEach(function (id) {
      var item = document.getElementById(id + "-d");
      if (item) { item.classList.add("current"); }
      document.querySelectorAll('mark[data-f="' + id + '"]').forEach(function (node) { node.classList.add("current"); });
    });
  }

  function show(mark) {
    clearTimeout(hideTimer);
    var ids = findingIds(mark);
    tip.textContent = "";
    ids.forEach(function (id) {
      var item = document.getElementById(id + "-d");
      var detail = item && item.querySelector(".detail");
      if (!detail) { return; }
      var box = document.createElement("div");
      box.className = "tip-item " + item.className.replace("current", "");
      box.appendChild(detail.cloneNode(true));
      tip.appendChild(box);
    });
    if (!tip.firstChild) { return; }
    tip.hidden = false;
    var rect = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
    setCurrent(ids);
  }

  function hideSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(function () { tip.hidden = true; }, 250); }

  document.addEventListener("mouseover", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark) { show(mark); } else if (event.target.closest && event.target.closest("#tip")) { clearTimeout(hideTimer); }
  });
  document.addEventListener("mouseout", function (event) {
    if (event.target.closest && (event.target.closest("mark.hl") || event.target.closest("#tip"))) { hideSoon(); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark) { show(mark); } else { tip.hidden = true; }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { tip.hidden = true; }
  });
  document.querySelectorAll("a.jump").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var mark = document.getElementById(link.getAttribute("data-f"));
      if (!mark) { return; }
      event.preventDefault();
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
      show(mark);
    });
  });
  // A link to a finding (review.html#file-1-f3) opens with that finding explained; this runs
  // after the browser's own jump to the fragment, which would hide the summary needlessly.
  function openFragment() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.matches("mark.hl")) { return; }
    var bottom = target.getBoundingClientRect().bottom + window.scrollY;
    if (bottom < window.innerHeight - 160) { window.scrollTo(0, 0); } else { target.scrollIntoView({ block: "center" }); }
    target.focus({ preventScroll: true });
    show(target);
  }
  window.addEventListener("load", function () { setTimeout(openFragment, 0); });
  root.setAttribute("data-marks", String(document.querySelectorAll("mark.hl[tabindex]").length));
  root.setAttribute("data-ready", "true");
})();
"""

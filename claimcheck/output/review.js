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
    var id = location.hash.slice(1);
    // A malformed escape in the fragment (#%E0%A4%A) must not stop the page's script.
    try { id = decodeURIComponent(id); } catch (error) { return; }
    var target = id && document.getElementById(id);
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

/* G60 Corridor Atlas: a figure's source opens its quote in place.
 *
 * Each citation is a link (a.atlas-cite) to its note under References, which quotes the article and links
 * to the line it comes from. Without this script the link leads to the note. With it, hovering the link
 * (with a mouse), tapping it or pressing Enter on it shows the note beside the link; Escape, a tap
 * elsewhere or Close hides it and gives the focus back. Nothing here builds HTML from text: the note's
 * own nodes are copied. */
(function () {
  "use strict";
  var panel = null;
  var owner = null;
  var hoverTimer = 0;
  var hideTimer = 0;

  function noteOf(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").replace(/^#/, ""));
    return id ? document.getElementById(id) : null;
  }

  function makePanel() {
    panel = document.createElement("span");
    panel.className = "atlas-cite-panel";
    panel.id = "atlas-cite-panel";
    panel.setAttribute("role", "dialog");
    panel.tabIndex = -1;
    panel.hidden = true;
    panel.addEventListener("pointerenter", function () { window.clearTimeout(hideTimer); });
    panel.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && !panel.dataset.pinned) { hideSoon(); }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); hide(true); }
    });
    panel.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && !panel.contains(next) && next !== owner) { hide(false); }
    });
  }

  function place() {
    if (!owner || panel.hidden) { return; }
    var rect = owner.getBoundingClientRect();
    var margin = 8;
    var width = Math.min(panel.offsetWidth, window.innerWidth - 2 * margin);
    var left = Math.max(margin, Math.min(rect.left, window.innerWidth - width - margin));
    var below = window.innerHeight - rect.bottom;
    var top = below >= panel.offsetHeight + margin || below > rect.top
      ? rect.bottom + 4 : rect.top - panel.offsetHeight - 4;
    panel.style.left = left + "px";
    panel.style.top = Math.max(margin, top) + "px";
  }

  function show(link, pinned) {
    var note = noteOf(link);
    if (!note) { return; }
    window.clearTimeout(hideTimer);
    if (owner && owner !== link) { owner.setAttribute("aria-expanded", "false"); }
    if (!panel) { makePanel(); }
    owner = link;
    panel.replaceChildren();
    var quote = document.createElement("span");
    quote.className = "atlas-cite-panel__note";
    Array.prototype.forEach.call(note.childNodes, function (node) { quote.appendChild(node.cloneNode(true)); });
    panel.appendChild(quote);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "atlas-cite-panel__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { hide(true); });
    panel.appendChild(close);
    panel.setAttribute("aria-label", "Quote from " + link.textContent);
    link.after(panel);
    panel.hidden = false;
    if (pinned) { panel.dataset.pinned = "1"; } else { delete panel.dataset.pinned; }
    link.setAttribute("aria-expanded", "true");
    place();
    if (pinned) { panel.focus(); }
  }

  function hide(giveFocusBack) {
    window.clearTimeout(hoverTimer);
    window.clearTimeout(hideTimer);
    if (!panel || panel.hidden) { return; }
    panel.hidden = true;
    if (owner) {
      owner.setAttribute("aria-expanded", "false");
      if (giveFocusBack) { owner.focus(); }
    }
    owner = null;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () { hide(false); }, 300);
  }

  function setUp() {
    var links = document.querySelectorAll("a.atlas-cite");
    if (!links.length) { return; }
    Array.prototype.forEach.call(links, function (link) {
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-expanded", "false");
      link.setAttribute("aria-controls", "atlas-cite-panel");
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.atlas-cite");
      if (link) {
        event.preventDefault();
        if (owner === link && panel && !panel.hidden && panel.dataset.pinned) { hide(true); } else { show(link, true); }
        return;
      }
      if (panel && !panel.hidden && !panel.contains(event.target)) { hide(false); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel && !panel.hidden) { hide(true); }
    });
    /* Hover is a mouse's: a touch also sends pointer events, and its tap is a click. */
    document.addEventListener("pointerover", function (event) {
      var link = event.pointerType === "mouse" && event.target.closest && event.target.closest("a.atlas-cite");
      if (!link || (panel && panel.dataset.pinned && !panel.hidden)) { return; }
      window.clearTimeout(hoverTimer);
      hoverTimer = window.setTimeout(function () { show(link, false); }, 150);
    });
    document.addEventListener("pointerout", function (event) {
      var link = event.pointerType === "mouse" && event.target.closest && event.target.closest("a.atlas-cite");
      if (!link) { return; }
      window.clearTimeout(hoverTimer);
      if (panel && !panel.hidden && !panel.dataset.pinned) { hideSoon(); }
    });
    document.addEventListener("scroll", place, { capture: true, passive: true });
    window.addEventListener("resize", place);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

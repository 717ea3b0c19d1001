/* G60 Corridor Atlas: narrow the timeline to one city or one type, in the browser, no server.

   The page (templates/timeline.md.j2) lists every event as <li data-city data-type> under a <h2> per year,
   with the filter form, the note on paged timelines and the "no match" message hidden: without this script
   the whole list shows. The filter lives in the address (?city=ID&type=TYPE, history.replaceState), so a
   filtered view can be shared and reloaded, and it is carried on the links to newer and older events.
   Values from the address are only ever compared with the options' values; nothing is built from them, and
   no HTML is built at all (textContent, attributes and `hidden` only).

   Set-up runs through Material's document$, which emits once a page is loaded: once per page as
   mkdocs.yml is now (no navigation.instant, every page a full load), and again after each page change
   should navigation.instant be turned on. Without the theme's script, DOMContentLoaded. setUp does
   nothing twice on one form. */
(function () {
  "use strict";

  var PARAMS = ["city", "type"];

  /* Select the option whose value is exactly `value`, else the first ("All ..."): an unknown value from
     the address never leaves a select with nothing selected. Returns whether it was found. */
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (value && select.options[i].value === value) {
        select.selectedIndex = i;
        return true;
      }
    }
    select.selectedIndex = 0;
    return !value;
  }

  function setUp() {
    var form = document.getElementById("timeline-filter");
    if (!form || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var selects = {city: document.getElementById("timeline-city"), type: document.getElementById("timeline-type")};
    var count = document.getElementById("timeline-count");
    var note = document.getElementById("timeline-pages");
    var empty = document.getElementById("timeline-empty");
    var clear = document.getElementById("timeline-clear");
    var items = Array.prototype.slice.call(document.querySelectorAll(".md-content li[data-type]"));
    var paged = !!note;
    var pageLinks = Array.prototype.slice.call(document.querySelectorAll(".md-content a.atlas-timeline-page"));
    pageLinks.forEach(function (link) { link.dataset.base = link.getAttribute("href"); });

    /* Each year: its heading, its list, and its entries in the table of contents (Material's sidebar, and
       the copy in the phone's drawer), matched by the heading's id. */
    var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link"));
    var years = [];
    document.querySelectorAll(".md-content h2[id]").forEach(function (heading) {
      var list = heading.nextElementSibling;
      if (!list || list.tagName !== "UL" || !list.querySelector("li[data-type]")) { return; }
      var toc = tocLinks.filter(function (a) { return a.getAttribute("href") === "#" + heading.id; })
        .map(function (a) { return a.closest("li") || a; });
      years.push({heading: heading, list: list, toc: toc});
    });
    var tocs = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary")).filter(function (nav) {
      return years.some(function (year) { return year.toc.some(function (li) { return nav.contains(li); }); });
    });

    /* The filter as a query string: "?city=hefei&type=company", "" when nothing is chosen. Other
       parameters of the address are kept. */
    function query(search) {
      var params = new URLSearchParams(search);
      PARAMS.forEach(function (name) {
        params.delete(name);
        if (selects[name].value) { params.set(name, selects[name].value); }
      });
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function remember() {
      var search = query(window.location.search);
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
      }
      pageLinks.forEach(function (link) { link.setAttribute("href", link.dataset.base + query("")); });
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var match = (!selects.city.value || item.dataset.city === selects.city.value) &&
                    (!selects.type.value || item.dataset.type === selects.type.value);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      years.forEach(function (year) {
        var visible = year.list.querySelector("li[data-type]:not([hidden])") !== null;
        year.heading.hidden = !visible;
        year.list.hidden = !visible;
        year.toc.forEach(function (li) { li.hidden = !visible; });
      });
      tocs.forEach(function (nav) {
        nav.hidden = !nav.querySelector("li.md-nav__item:not([hidden]) > a.md-nav__link");
      });
      count.textContent = shown + " of " + items.length + " events" + (paged ? " on this page" : "");
      empty.hidden = shown > 0 || items.length === 0;
      remember();
    }

    function load() {
      var params = new URLSearchParams(window.location.search);
      PARAMS.forEach(function (name) { choose(selects[name], params.get(name)); });
      apply();  // an unknown value is dropped from the address here
    }

    PARAMS.forEach(function (name) { selects[name].addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    clear.addEventListener("click", function () {
      PARAMS.forEach(function (name) { selects[name].selectedIndex = 0; });
      apply();
      selects.city.focus();  // the button hides itself: focus goes back to the first control of the filter
    });
    form.hidden = false;
    if (note) { note.hidden = false; }
    load();
  }

  if (typeof window.document$ !== "undefined" && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

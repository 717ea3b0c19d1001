/* G60 Corridor Atlas: search over the Pagefind index in /pagefind/, in the theme's search box.
 *
 * The index and its script load on the first keystroke, and only the index chunks a query needs. Results
 * are ranked as a reader expects: a page whose name or alias is the query (any case, spacing or hyphens,
 * English or Chinese) first, then names that start with it, then names holding it as a word, then the
 * pages that mention it (Pagefind's own order); among names alike, the page that more pages link to.
 * Each result shows its kind and city.
 * Keys: type (or paste, or commit a word with an input method) to search; Down and Up move through the
 * results; Escape goes back to the box, and from the box closes the search.
 */
(function () {
  "use strict";
  var SHOWN = 8;

  function compact(text) {
    return (text || "").normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function words(text) {
    return (text || "").normalize("NFKC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function tier(query, names) {
    /* 0: a name is the query; 1: a name starts with it; 2: a word of a name does; 3: the page mentions it */
    var q = compact(query);
    var best = 3;
    names.forEach(function (name) {
      if (!q) { return; }
      var whole = compact(name);
      if (whole === q) { best = Math.min(best, 0); }
      else if (whole.indexOf(q) === 0) { best = Math.min(best, 1); }
      else if (words(name).some(function (w) { return w.indexOf(q) === 0; })) { best = Math.min(best, 2); }
    });
    return best;
  }

  function setUp(box) {
    var input = box.querySelector("input");
    var list = box.querySelector(".md-search-result__list");
    var meta = box.querySelector(".md-search-result__meta");
    var toggle = document.getElementById("__search");
    var engine = null;
    var latest = 0;
    var timer = null;

    function load() {
      if (!engine) {
        engine = import(new URL(box.dataset.pagefind, document.baseURI).href).then(function (pagefind) {
          return pagefind.options({ baseUrl: new URL(box.dataset.base, document.baseURI).pathname })
            .then(function () { return pagefind; });
        });
      }
      return engine;
    }

    function open(state) {
      if (toggle && toggle.checked !== state) {
        toggle.checked = state;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function render(query, found) {
      list.textContent = "";
      found.slice(0, SHOWN).forEach(function (result) {
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = result.url;
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var title = document.createElement("h2");
        title.className = "md-search-result__title";
        title.textContent = result.meta.title || result.url;
        var kind = document.createElement("p");
        kind.className = "atlas-search__kind";
        kind.textContent = [result.meta.type, result.meta.city].filter(Boolean).join(" · ");
        var teaser = document.createElement("p");
        teaser.className = "md-search-result__teaser";
        teaser.textContent = result.meta.summary || "";
        article.appendChild(title);
        if (kind.textContent) { article.appendChild(kind); }
        article.appendChild(teaser);
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
      });
      var count = found.length;
      meta.textContent = !query ? "Type a name, in English or Chinese, or a figure" :
        count === 0 ? "No page matches “" + query + "”" :
        count === 1 ? "1 matching page" : count + " matching pages" + (count > SHOWN ? ", the first " + SHOWN + " shown" : "");
    }

    function search(query) {
      var ticket = ++latest;
      query = query.trim();
      if (!query) { render("", []); return; }
      load().then(function (pagefind) {
        var forms = [query];
        var joined = compact(query);
        if (joined && joined !== query.toLowerCase()) { forms.push(joined); }  // "i flytek", "Huihe Health care"
        return Promise.all(forms.map(function (form) { return pagefind.search(form); }))
          .then(function (answers) {
            var byId = {};
            answers.forEach(function (answer) {
              (answer && answer.results || []).forEach(function (result) {
                if (!byId[result.id] || byId[result.id].score < result.score) { byId[result.id] = result; }
              });
            });
            var results = Object.keys(byId).map(function (id) { return byId[id]; })
              .sort(function (a, b) { return b.score - a.score; });
            return Promise.all(results.slice(0, SHOWN * 2).map(function (result) {
              return result.data().then(function (data) { data.score = result.score; return data; });
            })).then(function (found) {
              found.forEach(function (data) {
                data.tier = tier(query, (data.meta.names || data.meta.title || "").split("|"));
              });
              found.sort(function (a, b) {  // names first; among names alike, the page more pages link to
                return a.tier - b.tier || (a.tier < 3 ? (+b.meta.links || 0) - (+a.meta.links || 0) : 0) ||
                  b.score - a.score;
              });
              return found.concat(results.slice(SHOWN * 2));
            });
          });
      }).then(function (found) {
        if (ticket === latest) { render(query, found); }
      }).catch(function () {
        if (ticket === latest) { meta.textContent = "Search is not available here (the index is built by make site)"; }
      });
    }

    function later(event) {
      if (event && event.isComposing) { return; }  // an input method is still composing: wait for its word
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 120);
    }

    input.addEventListener("input", later);
    input.addEventListener("compositionend", later);
    input.addEventListener("focus", function () { open(true); load(); if (input.value) { later(); } });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { first.click(); }
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (at >= 0) { input.focus(); } else { open(false); input.blur(); }
      }
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== input) { input.focus(); }
      });
    }
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-atlas-search]").forEach(function (box) {
      if (!box.dataset.ready) { box.dataset.ready = "1"; setUp(box); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

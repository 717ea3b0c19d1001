/* G60 Corridor Atlas: narrow the timeline to one city or one type, in the browser, no server. */
(function () {
  "use strict";
  function setUp() {
    var form = document.getElementById("timeline-filter");
    if (!form || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var city = document.getElementById("timeline-city");
    var type = document.getElementById("timeline-type");
    var count = document.getElementById("timeline-count");
    var items = Array.prototype.slice.call(document.querySelectorAll("li[data-type]"));
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var match = (!city.value || item.dataset.city === city.value) &&
                    (!type.value || item.dataset.type === type.value);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      document.querySelectorAll(".md-content h2").forEach(function (heading) {
        var list = heading.nextElementSibling;
        if (list && list.tagName === "UL" && list.querySelector("li[data-type]")) {
          var visible = list.querySelector("li[data-type]:not([hidden])") !== null;
          heading.hidden = !visible;
          list.hidden = !visible;
        }
      });
      count.textContent = shown + " of " + items.length + " events";
    }
    city.addEventListener("change", apply);
    type.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

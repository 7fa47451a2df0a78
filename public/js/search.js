// Search page enhancement: results update as you type (debounced, stale requests cancelled), facets apply
// on click, facet values can be searched, and the URL always holds the whole state (back button works).
// Without this script the page is a plain GET form and works the same, one submit at a time.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.DOMParser || !window.AbortController || !window.history.pushState)
    return;
  var DEBOUNCE_MS = 250;
  var controller = null;
  var timer = null;
  var lastShown = window.location.pathname + window.location.search;

  function currentUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value !== "string" || value === "") return;
      if (key === "sort" && value === "relevance") return;
      params.append(key, value);
    });
    var qs = params.toString();
    return qs ? "/search?" + qs : "/search";
  }

  function setBusy(busy) {
    var results = document.getElementById("search-results");
    if (results) results.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function swap(doc, whole) {
    var title = doc.querySelector("title");
    if (title) document.title = title.textContent;
    var h1 = doc.querySelector("main h1");
    var myH1 = document.querySelector("main h1");
    if (h1 && myH1) myH1.textContent = h1.textContent;
    if (whole) {
      // The filters panel is replaced with the form: close it first, or its backdrop would stay.
      var panel = document.getElementById("search-filters");
      var Offcanvas = window.bootstrap && window.bootstrap.Offcanvas;
      var open = panel && Offcanvas && Offcanvas.getInstance(panel);
      if (open) open.hide();
      var newForm = doc.getElementById("search-form");
      if (newForm) form.innerHTML = newForm.innerHTML;
    } else {
      // While typing, keep the search box itself (caret, focus); replace facets and results.
      ["search-results"].forEach(function (id) {
        var mine = document.getElementById(id);
        var theirs = doc.getElementById(id);
        if (mine && theirs) mine.innerHTML = theirs.innerHTML;
      });
      var facets = form.querySelector(".atl-facets");
      var newFacets = doc.querySelector(".atl-facets");
      if (facets && newFacets) facets.innerHTML = newFacets.innerHTML;
      var errors = document.getElementById("search-errors");
      var newErrors = doc.getElementById("search-errors");
      if (errors && !newErrors) errors.remove();
    }
    enhanceFacets();
  }

  /** Loads `url` and shows it; history: "push", "replace" or "none". */
  function load(url, history, whole) {
    if (controller) controller.abort();
    controller = new AbortController();
    setBusy(true);
    return fetch(url, {
      headers: { accept: "text/html" },
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then(function (res) {
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (history === "push") window.history.pushState({ search: true }, "", url);
        else if (history === "replace") window.history.replaceState({ search: true }, "", url);
        lastShown = window.location.pathname + window.location.search;
        swap(doc, whole);
        setBusy(false);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        setBusy(false);
        window.location.assign(url); // fall back to a normal page load
      });
  }

  function enhanceFacets() {
    var boxes = form.querySelectorAll(".atl-facet-search");
    Array.prototype.forEach.call(boxes, function (box) {
      box.hidden = false;
      var input = box.querySelector("input");
      var list = box.parentNode.querySelector(".atl-facet-values");
      if (!input || !list || input.dataset.enhanced) return;
      input.dataset.enhanced = "1";
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        Array.prototype.forEach.call(list.children, function (li) {
          var text = li.textContent.toLowerCase();
          var checked = li.querySelector("input:checked");
          li.hidden = needle !== "" && !checked && text.indexOf(needle) === -1;
        });
      });
    });
    var apply = form.querySelector(".atl-apply");
    if (apply) apply.hidden = true;
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (!target || target.id !== "search-q") return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      load(currentUrl(), "replace", false);
    }, DEBOUNCE_MS);
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.name || target.id === "search-q") return;
    if (target.closest && target.closest(".atl-facet-search")) return;
    clearTimeout(timer);
    load(currentUrl(), "push", false);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    load(currentUrl(), "push", false);
  });

  // Links inside the form (remove a filter, pages, popular tags) stay on the page.
  form.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href^='/search']") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    load(link.getAttribute("href"), "push", true).then(function () {
      var results = document.getElementById("search-results");
      if (results && results.scrollIntoView) results.scrollIntoView({ block: "start" });
    });
  });

  window.addEventListener("popstate", function () {
    // A change of the #fragment alone (a skip link, say) is no new search: reloading the form would
    // take the focus away from where the link put it.
    var shown = window.location.pathname + window.location.search;
    if (window.location.pathname === "/search" && shown !== lastShown) load(shown, "none", true);
  });

  window.history.replaceState({ search: true }, "", window.location.pathname + window.location.search);
  enhanceFacets();
})();

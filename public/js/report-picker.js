// Report editor, progressive enhancement: a search box over published notes and projects (the public
// search API) that inserts the citation syntax ([@nota:ID] or [@progetto:slug]) at the caret of the last
// section text the coordinator worked in. Without this file the syntax typed by hand works the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-report-picker]");
  if (!box) return;
  var input = box.querySelector("input[type=search]");
  var results = box.querySelector("[data-results]");
  var target = null;
  var timer = null;
  var seq = 0;
  box.hidden = false;
  document.addEventListener("focusin", function (e) {
    var el = e.target;
    if (
      el &&
      el.tagName === "TEXTAREA" &&
      el.form &&
      /\/reports\//.test(el.form.getAttribute("action") || "")
    ) {
      target = el;
    }
  });

  function insert(text) {
    var el =
      target || document.querySelector("form textarea[name=body]") || document.querySelector("#f-summary");
    if (!el) return;
    var start = el.selectionStart || el.value.length;
    var end = el.selectionEnd || start;
    el.value = el.value.slice(0, start) + text + el.value.slice(end);
    el.focus();
    el.selectionStart = el.selectionEnd = start + text.length;
  }

  function show(hits) {
    results.textContent = "";
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.textContent = box.getAttribute("data-none");
      results.appendChild(none);
      return;
    }
    hits.forEach(function (h) {
      var li = document.createElement("li");
      li.className = "mb-1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link p-0 text-start";
      var code = h.type === "note" ? "[@nota:" + h.id + "]" : "[@progetto:" + h.slug + "]";
      button.textContent = box.getAttribute("data-insert") + ": " + h.title + " " + code;
      button.addEventListener("click", function () {
        insert(code);
      });
      li.appendChild(button);
      results.appendChild(li);
    });
  }

  function search() {
    var q = input.value.trim();
    var mine = ++seq;
    if (q.length < 2) {
      results.textContent = "";
      return;
    }
    fetch("/api/v1/search?limit=8&q=" + encodeURIComponent(q), { headers: { accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : { hits: [] };
      })
      .then(function (data) {
        if (mine === seq) show((data && data.hits) || []);
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
})();

// Notes form, progressive enhancement: a live preview rendered by the server's sanitiser, and the
// guiding questions narrowed to the chosen working table. The form works without this file.
(function () {
  "use strict";
  var form = document.querySelector("form.atl-note-form");
  if (!form) return;
  var body = form.querySelector("#f-body");
  var preview = document.getElementById("note-preview");
  var csrf = form.querySelector('input[name="_csrf"]');
  var url = form.getAttribute("data-preview");
  var timer = null;
  var seq = 0;

  function refresh() {
    if (!body || !preview || !url || !csrf) return;
    var mine = ++seq;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": csrf.value },
      body: JSON.stringify({ body: body.value.slice(0, 10000) }),
    })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (data) {
        // The HTML comes from the server's Markdown sanitiser, the same one published notes go through.
        if (data && mine === seq) preview.innerHTML = data.html;
      })
      .catch(function () {
        /* the preview button still works */
      });
  }

  if (body) {
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
  }

  var theme = form.querySelector("#f-theme");
  var question = form.querySelector("#f-question");
  function narrow() {
    if (!theme || !question) return;
    var groups = question.querySelectorAll("optgroup");
    for (var i = 0; i < groups.length; i++) {
      var show = !theme.value || groups[i].getAttribute("data-theme") === theme.value;
      groups[i].hidden = !show;
      groups[i].disabled = !show;
    }
    var selected = question.options[question.selectedIndex];
    if (selected && selected.parentNode && selected.parentNode.disabled) question.value = "";
  }
  if (theme) theme.addEventListener("change", narrow);
  narrow();
})();

// The facilitator's live view, progressive enhancement: contributions arrive through server-sent events
// and are added on top of the list. Without this file (or without EventSource) the "refresh" link and a
// reload show them.
(function () {
  "use strict";
  var list = document.getElementById("contributions");
  if (!list || !window.EventSource) return;
  var url = list.getAttribute("data-live");
  var after = list.getAttribute("data-after");
  if (!url) return;
  var count = document.getElementById("contributions-count");
  var none = document.getElementById("contributions-none");
  var announce = document.getElementById("live-announce");
  var auto = document.querySelector(".atl-live-auto");
  var seen = {};
  Array.prototype.forEach.call(list.querySelectorAll("[data-id]"), function (el) {
    seen[el.getAttribute("data-id")] = true;
  });
  var source = new EventSource(after ? url + "?after=" + encodeURIComponent(after) : url);
  source.addEventListener("open", function () {
    if (auto) auto.classList.remove("d-none");
  });
  source.addEventListener("contribution", function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data || !data.id || seen[data.id]) return;
    seen[data.id] = true;
    // The HTML is rendered by the server (escaped by preact, the body through the Markdown sanitiser).
    list.insertAdjacentHTML("afterbegin", data.html);
    if (none) none.remove();
    if (count) count.textContent = String(Number(count.textContent || "0") + 1);
    if (announce) announce.textContent = announce.getAttribute("data-text") || "";
  });
})();

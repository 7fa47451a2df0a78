// Progressive enhancement shared by every page. Pages work without it. Loaded in <head>, not deferred:
// the "js" class must be on <html> before the first paint (app.css shows menus open without it).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // The Bootstrap Italia bundle carries video.js, which would inject a <style> element that the CSP
  // (style-src 'self') refuses, with an error in the console on every page. Atlante shows no video.
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;

  // Skip links move the focus to their target (Bootstrap Italia's scripts take over in-page links and
  // only scroll): the next Tab then continues from there, e.g. at the first search result.
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest('.skiplinks a[href^="#"]') : null;
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    setTimeout(function () {
      target.focus();
    }, 0);
  });

  // The account menu (<details>) closes on Escape and when focus or a click goes elsewhere.
  function closeMenus(except) {
    var open = document.querySelectorAll("details.atl-account-menu[open]");
    for (var i = 0; i < open.length; i++) if (open[i] !== except) open[i].removeAttribute("open");
  }
  document.addEventListener("click", function (e) {
    var menu = e.target && e.target.closest ? e.target.closest("details.atl-account-menu") : null;
    closeMenus(menu);
  });
  document.addEventListener("focusin", function (e) {
    var menu = e.target && e.target.closest ? e.target.closest("details.atl-account-menu") : null;
    closeMenus(menu);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var menu = document.querySelector("details.atl-account-menu[open]");
    if (!menu) return;
    menu.removeAttribute("open");
    var summary = menu.querySelector("summary");
    if (summary) summary.focus();
  });
})();

// Progressive enhancement shared by every page. Pages work without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();

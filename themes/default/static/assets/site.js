// gongkai default theme: progressive enhancements only. Every page works
// without this script; it adds the large-text toggle (大字模式, remembered in
// localStorage on this device, no network) and the print button.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "gk-large";
  var toggle = document.getElementById("text-size");
  if (toggle) {
    var sync = function () {
      // the label stays the same; aria-pressed carries the state
      toggle.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
    };
    toggle.hidden = false;
    sync();
    toggle.addEventListener("click", function () {
      var on = !root.classList.contains("large-text");
      root.classList.toggle("large-text", on);
      try {
        if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); }
      } catch (e) { /* storage blocked: the toggle still works on this page */ }
      sync();
    });
    // keep other open tabs of the site in step
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) { root.classList.toggle("large-text", e.newValue === "1"); sync(); }
    });
  }
  var buttons = document.querySelectorAll(".print-button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();

// gongkai default theme: progressive enhancements only. Every page works
// without this script; it adds the large-text toggle and the print button.
(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.getElementById("text-size");
  if (toggle) {
    var sync = function () {
      var on = root.classList.contains("large-text");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? toggle.getAttribute("data-on") : toggle.getAttribute("data-off");
    };
    toggle.hidden = false;
    sync();
    toggle.addEventListener("click", function () {
      root.classList.toggle("large-text");
      try { localStorage.setItem("gk-large", root.classList.contains("large-text") ? "1" : "0"); } catch (e) { /* private mode: toggle still works for this page */ }
      sync();
    });
  }
  var buttons = document.querySelectorAll(".print-button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();

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

// == validity ==
// The page was built with the status of its build date; the site may be
// rebuilt only weekly. When the reader's date (China time, as the build
// judges dates) has passed the document's `expires` or, for 尚未生效, its
// `effective` day, show the banner the build prepared (hidden until now) and
// correct the badge to the state the build names for that banner (the
// page's gk-strings block: key and name by data-flip). Without JavaScript,
// or without that block, the built status shows.
(function () {
  "use strict";
  var article = document.querySelector("article[data-status]");
  if (!article) { return; }
  var states;
  try { states = JSON.parse(document.getElementById("gk-strings").textContent).flips; } catch (e) { return; }
  var today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  var flips = article.querySelectorAll(".status-flip[data-from]");
  var shown = null;
  for (var i = 0; i < flips.length; i++) {
    var from = flips[i].getAttribute("data-from");
    // an expiry outranks taking effect: a rule past both is no longer valid
    if (from && today >= from && (!shown || flips[i].getAttribute("data-flip") === "expired")) {
      shown = flips[i];
    }
  }
  var state = shown && states && states[shown.getAttribute("data-flip")];
  if (!state) { return; }
  var built = article.querySelectorAll(".status-banner:not(.status-flip)");
  for (var j = 0; j < built.length; j++) { built[j].hidden = true; }
  shown.hidden = false;
  article.setAttribute("data-status", state.key);
  var badge = article.querySelector('td[headers="m-validity"] .badge');
  if (badge) {
    badge.className = "badge status-" + state.key;
    badge.textContent = state.name;
  }
})();

// gongkai default theme: progressive enhancements only. Every page works
// without this script; it adds the 长者模式 toggle (remembered in localStorage
// on this device, no network), the phone menu button, read-aloud and the
// print button. The words it shows come from the page's gk-strings block.
(function () {
  "use strict";
  var root = document.documentElement;

  // == 长者模式 ==
  // base.html's head script has already applied the stored choice (no flash);
  // this button changes it. Without a script the header's #elder link does
  // the same for the page it is on (site.css, :target).
  var KEY = "gk-elder";
  var toggle = document.getElementById("elder-toggle");
  if (toggle) {
    var sync = function () {
      // the label stays the same; aria-pressed carries the state
      toggle.setAttribute("aria-pressed", root.classList.contains("elder") ? "true" : "false");
    };
    toggle.hidden = false;
    sync();
    toggle.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      root.classList.toggle("elder", on);
      try {
        if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); }
      } catch (e) { /* storage blocked: the toggle still works on this page */ }
      // an address ending in #elder keeps the mode on through :target: move off it
      if (!on && location.hash === "#elder") { location.replace("#standard"); }
      sync();
    });
    // keep other open tabs of the site in step
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) { root.classList.toggle("elder", e.newValue === "1"); sync(); }
    });
  }

  // == phone menu ==
  // site.css folds the main navigation behind this button on narrow screens
  // when the page has a script (html.js); Escape closes it again.
  var menuButton = document.getElementById("menu-toggle");
  var nav = document.getElementById("main-nav");
  if (menuButton && nav) {
    var setOpen = function (open) {
      nav.classList.toggle("is-open", open);
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    };
    menuButton.addEventListener("click", function () { setOpen(!nav.classList.contains("is-open")); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && nav.classList.contains("is-open")) { setOpen(false); menuButton.focus(); }
    });
  }

  // == print ==
  var buttons = document.querySelectorAll(".print-button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();

// == read-aloud ==
// The 朗读 controls (partials/read_aloud.html) stay hidden unless the browser
// can speak. The article is read block by block (title, abstract, each
// paragraph, list, table of the body), long blocks cut at sentence ends:
// some browsers stop a single utterance after about 15 seconds. One button
// starts, pauses and resumes (aria-pressed: reading now); the second stops.
(function () {
  "use strict";
  var box = document.querySelector(".read-aloud");
  var synth = window.speechSynthesis;
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var article = box.closest("article") || document.querySelector("main");
  var play = box.querySelector(".read-button");
  var stop = box.querySelector(".read-stop");
  var status = box.querySelector(".read-status");
  if (!article || !play || !stop || !status) { return; }
  var strings = {};
  try { strings = JSON.parse(document.getElementById("gk-strings").textContent).t || {}; } catch (e) { /* statuses stay silent */ }
  var lang = document.documentElement.lang || "zh-CN";

  // the text, in pieces of at most about 120 characters, each with the block it is from
  function pieces() {
    var out = [];
    var blocks = article.querySelectorAll("h1, .abstract, .body > *");
    for (var i = 0; i < blocks.length; i++) {
      var text = (blocks[i].textContent || "").replace(/\s+/g, " ").trim();
      while (text.length > 120) {
        var cut = -1;
        for (var j = 120; j > 40 && cut < 0; j--) { if (/[。！？；.!?;]/.test(text.charAt(j - 1))) { cut = j; } }
        if (cut < 0) { cut = 120; }
        out.push({ text: text.slice(0, cut), block: blocks[i] });
        text = text.slice(cut).trim();
      }
      if (text) { out.push({ text: text, block: blocks[i] }); }
    }
    return out;
  }
  function voice() {
    var want = lang.toLowerCase().replace("_", "-");
    var voices = synth.getVoices ? synth.getVoices() : [];
    var best = null;
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (v === want) { return voices[i]; }
      if (!best && v.split("-")[0] === want.split("-")[0]) { best = voices[i]; }
    }
    return best;
  }

  var state = "idle";  // idle | playing | paused
  var current = null;  // the block marked as being read
  function mark(block, mine) {
    return function () {
      if (mine !== session) { return; }
      if (current) { current.classList.remove("reading-now"); }
      current = block;
      block.classList.add("reading-now");
    };
  }
  var session = 0;     // utterances of a stopped reading must not end the next one
  function show(next, message) {
    state = next;
    if (next === "idle" && current) { current.classList.remove("reading-now"); current = null; }
    play.setAttribute("aria-pressed", next === "playing" ? "true" : "false");
    stop.hidden = next === "idle";
    status.textContent = message ? (strings[message] || "") : "";
  }
  function start() {
    var list = pieces();
    if (!list.length) { return; }
    synth.cancel();
    var mine = ++session;
    var v = voice();
    for (var i = 0; i < list.length; i++) {
      var u = new window.SpeechSynthesisUtterance(list[i].text);
      // the block being read is marked, so a reader can follow it with the eye
      u.onstart = mark(list[i].block, mine);
      u.lang = lang;
      if (v) { u.voice = v; }
      if (i === list.length - 1) {
        u.onend = function () { if (mine === session) { show("idle", "read_done"); } };
      }
      // "interrupted"/"canceled" are our own stop; anything else (no voice, a synthesis failure) is said
      u.onerror = function (e) {
        if (mine === session && !(e && /interrupted|canceled/.test(e.error))) { session++; synth.cancel(); show("idle", "read_failed"); }
      };
      synth.speak(u);
    }
    show("playing", "read_playing");
  }
  box.hidden = false;
  play.addEventListener("click", function () {
    if (state === "idle") { start(); }
    else if (state === "playing") { synth.pause(); show("paused", "read_paused"); }
    else { synth.resume(); show("playing", "read_playing"); }
  });
  stop.addEventListener("click", function () {
    session++;
    synth.cancel();
    show("idle", "read_stopped");
    play.focus();  // the stop button has just been hidden
  });
  // leaving the page ends the reading (some browsers would go on speaking)
  window.addEventListener("pagehide", function () { session++; synth.cancel(); });
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

// Added by `gongkai serve` to every HTML page it sends (never to the built
// files): reloads the page after a rebuild that changed it or the styles and
// scripts, and shows build errors over the page until they are fixed.
(function () {
  "use strict";
  var seen = null;
  var OVERLAY = "gongkai-overlay";

  function outputPath(prefix) {
    var p = decodeURIComponent(location.pathname);
    if (p.indexOf(prefix) === 0) p = p.slice(prefix.length);
    else if (p + "/" === prefix) p = "";
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  function affectsThisPage(m) {
    var mine = outputPath(m.prefix);
    return m.changed.some(function (c) {
      return c === mine || /\.(css|js)$/.test(c);
    });
  }

  function hide() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function show(errors) {
    hide();
    var box = document.createElement("section");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY + "-title");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
      "z-index:2147483647;background:#fff;color:#1a1a1a;border-top:4px solid #b00020;" +
      "box-shadow:0 -4px 16px rgba(0,0,0,.3);padding:1rem 1.25rem;font:16px/1.6 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.id = OVERLAY + "-title";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.125rem;color:#b00020";
    title.textContent = "生成失败：" + errors.length + " 个错误（预览显示的是上次成功生成的网站）";
    box.appendChild(title);
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding-left:1.5rem";
    errors.forEach(function (text) {
      var item = document.createElement("li");
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.25rem 0;font:inherit";
      pre.textContent = text;
      item.appendChild(pre);
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }

  var events = new EventSource("/__gongkai/events");
  events.onmessage = function (e) {
    var m = JSON.parse(e.data);
    var fresh = seen !== null && m.build > seen;
    seen = m.build;
    if (!m.ok) {
      if (m.build > 0) show(m.errors);
      return;
    }
    hide();
    // the "still building" page: any good build means the site is there now
    if (document.querySelector("[data-gongkai-placeholder]")) location.reload();
    else if (fresh && affectsThisPage(m)) location.reload();
  };
})();

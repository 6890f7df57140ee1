// Live reload for guide serve. The development server adds this script to
// the HTML pages it serves; guide build never publishes it.
//
// It listens on /_guide/events. "reload" reloads the page and puts it back
// at the same scroll position; "css" swaps the changed stylesheets without a
// reload; "hello", sent when the stream opens, reloads a page that was
// served before the latest build.
(function () {
  "use strict";

  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var key = "guide-serve-scroll:" + location.pathname;

  // Back to where the reader was before a reload.
  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(key) || "null");
    sessionStorage.removeItem(key);
  } catch (e) {
    saved = null;
  }
  if (saved && typeof saved.x === "number" && typeof saved.y === "number") {
    if ("scrollRestoration" in history) {
      history.scrollRestoration = "manual";
    }
    var restore = function () {
      window.scrollTo(saved.x, saved.y);
    };
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Private windows may refuse storage; the reload still happens.
    }
    location.reload();
  }

  // swap replaces the stylesheets whose paths are listed; the old one goes
  // when the new one has loaded, so the page never shows unstyled.
  function swap(paths, next) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || paths.indexOf(url.pathname) < 0) {
        return;
      }
      url.searchParams.set("guide-build", next);
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      var done = function () {
        link.remove();
      };
      fresh.addEventListener("load", done, { once: true });
      fresh.addEventListener("error", done, { once: true });
      link.after(fresh);
    });
  }

  if (window.EventSource) {
    var events = new EventSource("/_guide/events");
    events.addEventListener("hello", function (e) {
      if (build && JSON.parse(e.data).build !== build) {
        reload();
      }
    });
    events.addEventListener("reload", reload);
    events.addEventListener("css", function (e) {
      var data = JSON.parse(e.data);
      swap(data.css || [], data.build);
      build = data.build;
    });
  }

  // The close buttons of the overlay and the banner, and Escape.
  function dismiss(box) {
    if (box) {
      box.hidden = true;
    }
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-guide-dismiss]");
    if (button) {
      dismiss(button.closest("[data-guide-box]"));
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      dismiss(document.getElementById("guide-overlay"));
    }
  });
  // Focus the overlay's close button, so that keyboard and screen reader
  // users land on the problems.
  var overlay = document.getElementById("guide-overlay");
  if (overlay) {
    var close = overlay.querySelector("[data-guide-dismiss]");
    if (close) {
      close.focus({ preventScroll: true });
    }
  }
})();

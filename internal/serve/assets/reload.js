// Live reload for guide serve. The development server adds this script to
// the HTML pages it serves; guide build never publishes it.
//
// The server tells the pages about rebuilds on the event stream
// /_guide/events: "reload" reloads the page and puts it back at the same
// scroll position; "css" swaps the changed stylesheets without a reload
// (a stylesheet that changed is published under a new name, which carries
// the hash of its content: the event says which name replaces which);
// "hello", sent when the stream opens, names the current build, and a page
// served before it reloads.
//
// A browser opens at most six connections to one server, and each stream
// holds one for good, so the tabs of the guide share one stream: the tab
// that holds the lock "guide-serve-events" listens and passes every event on
// to the others over a BroadcastChannel. Where those are missing (an
// address other than localhost is not a secure context, and has no locks),
// every tab listens for itself.
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

  var reloading = false;
  function reload() {
    if (reloading) {
      return;
    }
    reloading = true;
    try {
      sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Private windows may refuse storage; the reload still happens.
    }
    location.reload();
  }

  // swap replaces the stylesheets listed in swaps, each {from, to}: a link
  // to the path from is replaced by one to the path to, or to from again,
  // loaded anew, when the name did not change. The old link goes when the
  // new stylesheet has loaded, so the page never shows unstyled.
  function swap(swaps, next) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      var to = null;
      swaps.forEach(function (s) {
        if (s.from === url.pathname) {
          to = s.to;
        }
      });
      if (url.origin !== location.origin || to === null) {
        return;
      }
      if (to === url.pathname) {
        url.searchParams.set("guide-build", next);
      } else {
        url = new URL(to, location.href);
      }
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

  // handle acts on one event of the stream.
  function handle(name, data) {
    if (!data || data.build === build) {
      return;
    }
    if (name === "css") {
      swap(data.css || [], data.build);
      build = data.build;
      return;
    }
    // "hello" with another build, or "reload".
    reload();
  }

  var names = ["hello", "reload", "css"];
  function listen(pass) {
    var events = new EventSource("/_guide/events");
    names.forEach(function (name) {
      events.addEventListener(name, function (e) {
        var data = JSON.parse(e.data);
        if (pass) {
          pass(name, data);
        }
        handle(name, data);
      });
    });
  }

  if (window.BroadcastChannel && navigator.locks) {
    var channel = new BroadcastChannel("guide-serve");
    // The leader's latest build, for tabs that ask: a page served before
    // it reloads, whatever the event was.
    var last = null;
    channel.onmessage = function (e) {
      var m = e.data || {};
      if (m.ask) {
        if (last) {
          channel.postMessage(last);
        }
        return;
      }
      handle(m.name, m.data);
    };
    // A tab that opens while another listens asks it for the current
    // build, in case a rebuild finished since this page was served.
    channel.postMessage({ ask: true });
    navigator.locks.request("guide-serve-events", function () {
      listen(function (name, data) {
        last = { name: "hello", data: data };
        channel.postMessage({ name: name, data: data });
      });
      // Hold the lock as long as the page lives.
      return new Promise(function () {});
    });
  } else if (window.EventSource) {
    listen(null);
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

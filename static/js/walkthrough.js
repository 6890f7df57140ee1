// Walkthrough pages: a tap on a frame's image opens it in a zoom view, a
// modal dialog, instead of leaving the page. Without this script the image
// is a plain link to the full-size file.
//
// The view shows the picture as wide as the screen, markers included, so
// that a reader on a phone sees the whole screen first; the buttons zoom
// in and out around the middle of the view, and the reader pans by
// scrolling (the browser's own pinch zoom works too). The markers and
// outlines are in the picture's SVG, so they zoom with it.
//
// The dialog is a <dialog> opened with showModal(): the browser keeps focus
// inside it and closes it on Escape. Focus goes to the dialog itself, and
// back to the link that opened it when it closes. It does not go to the
// close button: the Enter key that opened the dialog would then press that
// button too, as its keypress follows the keydown that opened the dialog.
//
// Written in ES5 with nothing newer than the browsers that have <dialog>:
// readers open the guide in old in-app browsers.
"use strict";
(function () {
  if (typeof HTMLDialogElement !== "function") {
    return;
  }
  // The zoom levels, as multiples of the width that fits the screen.
  var levels = [1, 1.5, 2, 3];

  function button(cls, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  function open(link) {
    var dialog = document.createElement("dialog");
    dialog.className = "zoom-dialog";
    dialog.setAttribute("aria-label", link.getAttribute("data-title") || "");
    dialog.tabIndex = -1;
    // A new image, not a copy: a copy keeps the density that the srcset of
    // the original chose, and would be shown at the original's size.
    var shot = link.querySelector("[data-shot]").cloneNode(true);
    var old = shot.querySelector("img");
    var img = document.createElement("img");
    img.alt = old.alt;
    img.setAttribute("width", old.getAttribute("width"));
    img.setAttribute("height", old.getAttribute("height"));
    img.src = link.href;
    old.parentNode.replaceChild(img, old);
    // The pane scrolls when the picture is zoomed: it takes focus, so that
    // a keyboard can scroll it too.
    var pane = document.createElement("div");
    pane.className = "zoom-pane";
    pane.tabIndex = 0;
    pane.setAttribute("role", "group");
    pane.setAttribute("aria-label", link.getAttribute("data-title") || "");
    pane.appendChild(shot);

    var level = 0;
    var natural = +old.getAttribute("width") || 0;
    var zoomOut, zoomIn;
    // zoom shows the picture at levels[to] times the width of the pane,
    // keeping the point in the middle of the view where it was.
    function zoom(to) {
      var fit = Math.min(pane.clientWidth, natural || pane.clientWidth);
      var before = shot.offsetWidth || fit;
      var cx = (pane.scrollLeft + pane.clientWidth / 2) / before;
      var cy = (pane.scrollTop + pane.clientHeight / 2) / (shot.offsetHeight || 1);
      level = to;
      // A style property set from script, which the Content Security
      // Policy allows; a style attribute it would refuse.
      shot.style.width = Math.round(fit * levels[level]) + "px";
      pane.scrollLeft = cx * shot.offsetWidth - pane.clientWidth / 2;
      pane.scrollTop = cy * shot.offsetHeight - pane.clientHeight / 2;
      zoomOut.disabled = level === 0;
      zoomIn.disabled = level === levels.length - 1;
    }
    var bar = document.createElement("div");
    bar.className = "zoom-bar";
    bar.appendChild(button("zoom-close", link.getAttribute("data-close") || "×", function () {
      dialog.close();
    }));
    zoomOut = button("zoom-out", link.getAttribute("data-zoom-out") || "−", function () {
      zoom(Math.max(level - 1, 0));
    });
    zoomIn = button("zoom-in", link.getAttribute("data-zoom-in") || "+", function () {
      zoom(Math.min(level + 1, levels.length - 1));
    });
    bar.appendChild(zoomOut);
    bar.appendChild(zoomIn);
    dialog.appendChild(bar);
    dialog.appendChild(pane);
    // A click on the backdrop (the dialog element itself) closes it too.
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      window.removeEventListener("resize", refit);
      dialog.parentNode.removeChild(dialog);
      link.focus();
    });
    function refit() {
      zoom(level);
    }
    window.addEventListener("resize", refit);
    document.body.appendChild(dialog);
    dialog.showModal();
    zoom(0);
    dialog.focus();
  }

  document.addEventListener("click", function (e) {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
      return; // a new tab or window, as the reader asked
    }
    // The link and its picture are found by attributes that a page's text
    // cannot give an element.
    var link = e.target.closest && e.target.closest("a[data-zoom]");
    if (!link || !link.querySelector("[data-shot]")) {
      return;
    }
    e.preventDefault();
    open(link);
  });
})();

// Walkthrough pages: a tap on a frame's image opens it full size, with its
// numbered markers, in a modal dialog instead of leaving the page. Without
// this script the image is a plain link to the full-size file.
//
// The dialog is a <dialog> opened with showModal(): the browser keeps focus
// inside it and closes it on Escape. Focus goes to its close button, and
// back to the link that opened it when it closes.
"use strict";
(function () {
  if (typeof HTMLDialogElement !== "function") {
    return;
  }
  function open(link) {
    var dialog = document.createElement("dialog");
    dialog.className = "zoom-dialog";
    dialog.setAttribute("aria-label", link.dataset.title || "");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "zoom-close";
    close.textContent = link.dataset.close || "×";
    close.addEventListener("click", function () {
      dialog.close();
    });
    var shot = link.querySelector(".shot").cloneNode(true);
    var img = shot.querySelector("img");
    img.removeAttribute("srcset");
    img.removeAttribute("sizes");
    img.removeAttribute("loading");
    img.src = link.href;
    dialog.append(close, shot);
    // A click on the backdrop (the dialog element itself) closes it too.
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) {
        dialog.close();
      }
    });
    dialog.addEventListener("close", function () {
      dialog.remove();
      link.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    close.focus();
  }
  document.addEventListener("click", function (e) {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
      return; // a new tab or window, as the reader asked
    }
    var link = e.target.closest && e.target.closest("a.zoom");
    if (!link || !link.querySelector(".shot")) {
      return;
    }
    e.preventDefault();
    open(link);
  });
})();

// Walkthrough pages: a tap on a frame's image opens it full size, with its
// numbered markers, in a modal dialog instead of leaving the page. Without
// this script the image is a plain link to the full-size file.
//
// The dialog is a <dialog> opened with showModal(): the browser keeps focus
// inside it and closes it on Escape. Focus goes to the dialog itself, and
// back to the link that opened it when it closes. It does not go to the
// close button: the Enter key that opened the dialog would then press that
// button too, as its keypress follows the keydown that opened the dialog.
"use strict";
(function () {
  if (typeof HTMLDialogElement !== "function") {
    return;
  }
  function open(link) {
    var dialog = document.createElement("dialog");
    dialog.className = "zoom-dialog";
    dialog.setAttribute("aria-label", link.dataset.title || "");
    dialog.tabIndex = -1;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "zoom-close";
    close.textContent = link.dataset.close || "×";
    close.addEventListener("click", function () {
      dialog.close();
    });
    // A new image, not a copy: a copy keeps the density that the srcset of
    // the original chose, and would be shown at the original's size.
    var shot = link.querySelector("[data-shot]").cloneNode(true);
    var old = shot.querySelector("img");
    var img = document.createElement("img");
    img.alt = old.alt;
    img.setAttribute("width", old.getAttribute("width"));
    img.setAttribute("height", old.getAttribute("height"));
    img.src = link.href;
    old.replaceWith(img);
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

// Package serve is guide serve, the development server for editors: it
// builds the guide in memory with the pipeline of guide build (package
// site, in Dev mode), serves it, rebuilds it whenever a source file changes
// (package watch) and makes the open browser pages follow.
//
// # What is served
//
// The server holds the files of the last good build in memory and serves
// nothing else: no file of the disk, no folder listing. A change to
// Markdown renders only the pages it affects (site.Site.Update); the new
// files replace the old ones in one step once the whole update is done, and
// only then are the browsers told, so a page is never reloaded into a half
// built site.
//
// # Reloading
//
// Every HTML page gets, at response time and only from this server, a
// script (/_guide/reload.js) and a stylesheet (/_guide/overlay.css); build
// output never contains them. The script listens on a server-sent-events
// stream (/_guide/events) and reloads the page, keeping the scroll
// position, when a rebuild finishes; when only stylesheets changed it swaps
// them without a reload. Both files are embedded in the program and need no
// inline script or style, so pages keep working under the site's strict
// Content-Security-Policy, which the server sends too.
//
// # Errors
//
// When a source file is broken, the last good build stays served, and every
// page carries an overlay naming each problem as file:line:col with the
// message and the lines of the file around it; the terminal shows the same.
// Saving a fix rebuilds and the overlay goes away by itself. Warnings that
// serve lets through (a missing translation) show as a small banner. The
// terminal's lines, the overlay and the banner are in the language guide
// serve was started in (Options.Lang, from guide's -lang flag or the
// computer's language; see package messages).
//
// # Safety
//
// The server listens on 127.0.0.1 unless told otherwise. It answers only
// requests whose Host is a loopback name, a name given with -host
// (Options.Hosts) or, when it listens elsewhere than loopback, one of this
// computer's own names and addresses; requests that carry another site's
// Origin are refused. Both defeat DNS rebinding: a page of another site
// cannot use any of those names. It answers GET and HEAD only, refuses very
// long URLs and paths with ".." segments (encoded or not), and bounds the
// number of browsers listening for reloads and how long each stream lives.
//
// The reload markup goes where the page's head ends and its body starts,
// found by reading the page's tags as a browser's tokenizer does, so that
// "</head>" in an attribute or the title cannot move it. SVG pictures are
// sent with a policy under which they run no script and load nothing. Every
// line printed, in the terminal and in the overlay, goes through
// diag.Printable: control characters and text-direction marks from file
// names and content show as escapes.
package serve

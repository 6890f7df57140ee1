// Package site is the guide's one pipeline, shared by guide build, guide
// check and guide serve:
//
//	load content → parse front matter → validate → render Markdown →
//	apply layouts → minify → write
//
// Load reads content/, layouts/ and static/ into a Site, reporting every
// problem it finds. Site.Build renders every page in parallel and hands each
// finished file to an Output as soon as it is ready, so that memory holds
// one rendered page per worker, not the whole site; links between pages are
// checked once every page's anchors are known. An Output is a folder being
// built beside public/ (package publish) or the development server's
// memory.
//
// Layout lookup: a page's front matter may name its layout; otherwise the
// home page uses "home", a folder's _index page "section", a page with
// steps "procedure" and any other page "page".
package site

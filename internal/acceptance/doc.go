// Package acceptance holds the tests of what every reader of the guide gets,
// checked on every published page, in both languages, in a real browser. It
// has no code of its own: this file and the tests.
//
// The guide is public-service information, read mostly on phones in
// mainland China, on slow or filtered networks, by some with a screen
// reader, and printed by others. So every page must have these properties,
// and the tests prove them on the pages that the real guide builds, so that
// no later change of a layout, the stylesheet, a script or the content can
// quietly break one.
//
//   - Accessible (WCAG 2.2 AA, which China's GB/T 37668 follows): axe-core
//     finds no violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules; a skip
//     link is the first thing Tab reaches and moves focus to the main
//     content; Tab reaches every link, button and field, each shows a focus
//     indicator and none is hidden under a fixed or sticky element; headings
//     start at h1 and never skip a level, and a step's "or"/"and" is never a
//     heading (the audit failure of GOV.UK's step-by-step pattern); every
//     target is at least 24 by 24 CSS pixels, except where WCAG 2.5.8 exempts
//     it (a link inside a sentence, or a small target with room around it);
//     the page reflows at 320 CSS pixels without horizontal scrolling; and at
//     200% text size, 640 CSS pixels wide, nothing scrolls sideways and no
//     text is cut off.
//   - No third-party hosts: every request a page makes, including those of
//     its scripts while a reader uses them, stays on the site's origin.
//   - A strict Content Security Policy: every page carries default-src
//     'self' without 'unsafe-inline' or 'unsafe-eval', has no inline script,
//     style element or style attribute, and logs no CSP violation and no
//     console error. The test server also sends the policy as a header.
//   - Light: every page's HTML with its CSS and JavaScript, gzipped, fits the
//     budget of internal/site (14 KB, one network round trip).
//   - Printable: printed, a procedure page leaves out the navigation and the
//     language switcher, shows the "last confirmed" date, prints the address
//     of every external link and turns the checklist of documents into boxes
//     to tick.
//   - Followable: the "what changed" page and the Atom feed of each language
//     list the changes of the pages, and each page shows its last update.
//   - Findable: every page carries its title and its description, a
//     canonical URL that is its own address, hreflang alternates that point
//     at each other and at pages that exist; robots.txt names the sitemap,
//     and the sitemap lists every page of both languages.
//
// What these properties ask of the content (a title of its own, a
// description, headings in order, words for every picture and link, the
// page weight) is checked by guide check (internal/site, checks.go and
// weight.go; docs/checks.md), and the tests hold the real guide to those
// checks and to nothing stricter: what they check beyond is about the
// layouts, the stylesheet and the scripts. Every expectation about the
// content itself, such as the paths through the eligibility checker, is
// read from content/ as it is.
//
// # How the tests run
//
// TestMain builds the real guide twice with the pipeline of guide build
// (site.Load with cli.Extensions): once at the root of a loopback server and
// once under the sub-path /visa/, as the office publishes it. A small HTTP
// server serves each build as a static host does (404.html for a missing
// page) and sends the page's Content Security Policy as a header too. The
// pages under test are those of sitemap.xml, plus 404.html.
//
// The browser tests share one headless Chromium, from
// guide/internal/browsertest. Without Chromium they are skipped, except
// under CI=true, where they fail. Each page is opened once, in its own tab,
// and every property is checked in that visit, as a subtest of its own:
//
//	go test ./internal/acceptance -run 'TestPages/en.waiver/'
//	go test ./internal/acceptance -run 'TestPages/.*/axe'
//
// The checks that run inside the page are in testdata/checks.js; tests in
// defects_test.go run them on a page with known defects, to prove that each
// check can fail.
//
// # What the tests need
//
// axe-core comes from the npm registry, pinned in package.json and
// package-lock.json at the root of the repository: run "npm ci" there
// (.ci/run does). Without node_modules/axe-core the accessibility audit is
// skipped, except under CI=true, where it fails. The print test reads the
// text of the PDF with pdftotext (Debian's poppler-utils); without it, the
// test checks the print stylesheet in the browser only, except under CI=true,
// where it fails.
//
// Lighthouse is not part of the tests: tools/lighthouse.sh runs it on the
// main pages of both languages. docs/readers.md describes it all for
// editors and engineers.
package acceptance

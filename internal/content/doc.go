// Package content loads the guide's sources from content/: the site
// settings and the Markdown pages with their front matter.
//
// # Files
//
// content/site.yaml holds the site settings: the base URL, the date the
// procedures were last confirmed, and the languages, the first of which is
// served at the site's root and every other under its own prefix (/en/).
//
// Every other page is a Markdown file named NAME.LANG.md. The files of one
// page in its languages pair by NAME, so interview.zh.md and interview.en.md
// are one page in two languages. A folder's own page is _index.LANG.md. URLs
// are pretty: content/interview.zh.md is served at /interview/,
// content/interview.en.md at /en/interview/, and content/_index.zh.md at /.
//
// # Front matter
//
// A page starts with YAML front matter between two lines of three dashes.
// The keys are those of the Page type. A procedure page lists its steps
// under steps:, each with an id that is the same in every language; the
// step's prose sits in the Markdown body under a level-2 heading carrying
// that id, as in "## 填写 DS-160 表格 {#ds160}". The body is cut out of the
// file so that its line numbers stay those of the file.
//
// Other files beside the pages (images, PDFs) are assets, published at the
// same path.
package content

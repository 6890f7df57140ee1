// Package walkthrough publishes screenshot walkthroughs: pages that show
// the screens of a website one after another, each with numbered markers
// on the image and, below it, a numbered list that says what to choose in
// each field.
//
// # Pages and frames
//
// A walkthrough is a page with "layout: walkthrough" in its front matter,
// in every language as any page (content/booking/interview.zh.md and
// .en.md), whose title, summary and Markdown body are its prose. Its
// frames are written once for all languages, in the frames file beside it,
// named after the page: content/booking/interview.frames.yaml. The file
// holds the ordered list frames; a frame has
//
//   - id: its anchor on the page (/booking/interview/#delivery), which a
//     procedure step may link to;
//   - title, alt and instruction: texts per language ({zh: …, en: …});
//   - image: a PNG, JPEG or SVG file under content/, relative to the frames
//     file, and optionally imageFor: {en: …}, an image of the same
//     proportions for some languages, such as an English-language screen;
//   - illustration: true when the image is drawn rather than a screenshot;
//   - callouts: the numbered markers. A callout has its number n, the
//     centre x, y of its marker in percent of the image's width and height
//     from the top left corner, optionally a box {x, y, w, h} in percent
//     that outlines the field, and a caption per language.
//
// A frame may instead be "use: FILE#ID", the frame ID of another frames
// file, so that screens shared by two walkthroughs are written once.
//
// Every text must be given in every language of the site; coordinates
// must lie between 0 and 100; callout numbers must differ within a frame;
// images must exist under content/ and decode. Each problem is reported
// with the file, line and column of the value at fault.
//
// # Links between steps and frames
//
// A step of a procedure page may name its walkthrough with the key
// walkthrough ("booking/interview.zh.md" or "booking/interview.zh.md#delivery");
// the site checks that link like any other and the procedure layout shows
// it. Each frame links back to the steps that link to it or to its page.
//
// # Images
//
// Extend reads each image once, on all cores. Raster images are decoded in
// full once (so that a corrupt file is an error at build time) and copies
// narrower than the image are written at the widths of Options.Widths,
// resampled with the Catmull-Rom filter of golang.org/x/image/draw and,
// for a PNG with a palette, drawn in its palette, for the srcset of the
// image; the image itself is published as it is and is the full-size view.
// The site publishes each under a name with its hash (site.Asset). The copies are kept in Options.CacheDir under the
// SHA-256 of the image's bytes, so that a rebuild reads them instead of
// resizing again. SVG images are published as they are, minified by the
// site.
//
// # Rendering
//
// The Extension attaches a *View to each walkthrough page, which
// layouts/walkthrough.html renders: a figure per frame, the image with
// width and height, the markers as an SVG overlay whose viewBox spans the
// image in ViewWidth units (marks.go), so that circles, outlines and
// leader lines scale with the image (no inline styles, for a strict
// Content Security Policy), and the ordered list of captions. The build
// refuses a marker that covers its field, measured in those units, which
// makes it true at every width. static/js/walkthrough.js opens the image
// in a zoom view that fits the screen and zooms; without it the image is
// a link to the full-size file.
package walkthrough

package site

import (
	"strings"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/markdown"
)

// This file holds the checks of what readers, screen readers and search
// engines get from the content, rather than from the layouts: a title of
// its own for every page, a description that says what the page is, and
// in the text headings in order and words for every image and link.
// build, check and serve all run them, and the acceptance tests hold the
// real guide to them and to nothing stricter. docs/checks.md lists them
// for editors.
//
// How serious each is: a page whose title another page has, a heading
// out of order, an image or a link without words are unfinished work
// (serve shows the page with a warning; build and check refuse it) or
// errors; a description that is missing, short or shared is advice (a
// warning, which stops nothing).

// MinDescription is the fewest characters a page's description may have:
// search engines show it under the title, and fewer say too little about
// the page. A Chinese sentence of twenty characters says what a page is
// for; an English one needs more, but twenty catch the empty and the
// placeholder.
const MinDescription = 20

// pageMessages are the messages of the page checks, one set for the pages
// written in content/ and one for the pages extensions make from their
// own files (a question of the checker), whose fix lies in that file.
type pageMessages struct {
	sameTitle, noDescription, shortDescription, sameDescription string
}

var (
	markdownMessages = pageMessages{
		sameTitle:        "the title %q is also the title of %s; give every page in a language a title of its own, so that readers and search engines can tell them apart",
		noDescription:    "the page has no description for search engines: add a summary: of one sentence, of at least %[1]d characters, to its front matter",
		shortDescription: "the page's description %q has %d characters; search engines show it under the title, so write a summary: of at least %d that says what the page is for",
		sameDescription:  "the page's description %q is also the description of %s; write a summary: of its own for each page",
	}
	madeMessages = pageMessages{
		sameTitle:        "the page made from this text has the title %q, which is also the title of %s; make the text differ",
		noDescription:    "the page made from this text has no description for search engines; it needs a text of at least %[1]d characters",
		shortDescription: "the page made from this text has the description %q, of %d characters; search engines show it under the title, so it needs at least %d",
		sameDescription:  "the page made from this text has the description %q, which is also the description of %s; make the text differ",
	}
)

// checkPages checks the titles and descriptions of the published pages,
// within each language.
func (s *Site) checkPages() diag.List {
	var errs diag.List
	type key struct{ lang, text string }
	titles := map[key]*content.Page{}
	descriptions := map[key]*content.Page{}
	for _, p := range s.pages {
		msg, pos := markdownMessages, p.At("title")
		if p.Path == "" {
			msg, pos = madeMessages, s.madeAt(p)
		}
		if other, ok := titles[key{p.Lang, p.Title}]; ok {
			errs.Unfinished(pos, msg.sameTitle, p.Title, s.pageName(other))
		} else {
			titles[key{p.Lang, p.Title}] = p
		}
		d := p.Description()
		if p.Path != "" {
			pos = p.At("summary")
			if p.Summary == "" {
				pos = diag.Pos{File: "content/" + p.Path, Line: p.BodyLine}
			}
		}
		switch n := utf8.RuneCountInString(d); {
		case d == "":
			errs.Warn(pos, msg.noDescription, MinDescription)
		case n < MinDescription:
			errs.Warn(pos, msg.shortDescription, d, n, MinDescription)
		default:
			if other, ok := descriptions[key{p.Lang, d}]; ok {
				errs.Warn(pos, msg.sameDescription, d, s.pageName(other))
			} else {
				descriptions[key{p.Lang, d}] = p
			}
		}
	}
	return errs
}

// madeAt is where a page made by an extension comes from: the position
// the extension gave it, or else its address.
func (s *Site) madeAt(p *content.Page) diag.Pos {
	if p.Pos.File != "" {
		return p.Pos
	}
	return diag.Pos{File: s.URLPath(p)}
}

// pageName names a page in a message: its file, or the address of a page
// made by an extension.
func (s *Site) pageName(p *content.Page) string {
	if p.Path != "" {
		return "content/" + p.Path
	}
	return s.URLPath(p)
}

// checkOutline checks the headings, images and links of a page's text.
// The page's title is its one level-1 heading, so the text's headings
// start at level 2 ("##") and go down one level at a time; a heading is
// never only the word that joins two steps ("or"), which a step's logic:
// shows; every image has an alternative text and every link words to
// click.
func (s *Site) checkOutline(p *content.Page, o markdown.Outline) diag.List {
	var errs diag.List
	at := func(line, col int) diag.Pos {
		return diag.Pos{File: "content/" + p.Path, Line: p.BodyLine + line - 1, Col: col}
	}
	joins := s.joinWords(p.Lang)
	prev := 1
	for _, h := range o.Headings {
		pos := at(h.Line, h.Col)
		switch {
		case h.Level == 1:
			errs.Add(pos, "a level-1 heading in the text: the page's title is its one level-1 heading; begin this line with ## instead of #")
		case h.Level > prev+1:
			errs.Add(pos, "a level-%d heading after a level-%d heading skips a level, which screen readers move by; begin this line with %s", h.Level, prev, strings.Repeat("#", prev+1))
		}
		for _, w := range joins {
			if strings.EqualFold(strings.Trim(h.Text, " :：()（）"), w) {
				errs.Add(pos, "the heading %q is only the word %q; to join two steps, write logic: on the second step in the front matter, and the page shows the word", h.Text, w)
			}
		}
		prev = max(h.Level, 1)
	}
	for _, img := range o.Images {
		if strings.TrimSpace(img.Alt) == "" {
			errs.Add(at(img.Line, img.Col), "the image %q has no alternative text for readers who cannot see it: write what it shows between the brackets, as in ![the first page of the form](%s)", img.Dest, img.Dest)
		}
	}
	for _, l := range o.Links {
		if strings.TrimSpace(l.Text) == "" {
			errs.Add(at(l.Line, l.Col), "the link to %q has no words to click: write them between the brackets, as in [the DS-160 form](%s)", l.Dest, l.Dest)
		}
	}
	return errs
}

// joinWords are the words of a language that join two steps ("or",
// "and"): the interface strings "or" and "and".
func (s *Site) joinWords(lang string) []string {
	var out []string
	for _, k := range []string{"or", "and"} {
		if w, err := s.Layouts.String(lang, k); err == nil && strings.TrimSpace(w) != "" {
			out = append(out, strings.TrimSpace(w))
		}
	}
	return out
}

// ContentProblems runs the page checks of this file on a loaded site and
// returns every problem, whatever its level, so that a test can hold a
// site to exactly what guide check holds it to. The checks of the pages'
// texts need the pages rendered; Build runs them.
func (s *Site) ContentProblems() diag.List { return s.checkPages() }

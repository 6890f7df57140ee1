package content

import (
	"html"
	"regexp"
	"strings"
)

// Description returns the page's summary or, when it has none, the text of
// the first paragraph of its body, shortened to about 160 characters. It is
// plain text: Markdown and HTML are taken out, and no "<" or ">" is left,
// so that it can stand in any attribute, even one that a tool reads
// without parsing the HTML.
func (p *Page) Description() string {
	if p.description != nil {
		return *p.description
	}
	if s := plainText(p.Summary); s != "" {
		return s
	}
	return firstParagraph(p.Body, 160)
}

// KeepDescription makes the page's description once, so that Description
// returns it without reading the Body, which a build that renders the page
// only once then lets go of. It must be called before the page is read
// from several goroutines, and again if its Summary or Body change.
func (p *Page) KeepDescription() {
	p.description = nil
	d := p.Description()
	p.description = &d
}

// Release lets go of what a build that renders the page only once needs
// no more after rendering it: its Markdown, and the positions of the keys
// of its front matter, which only messages about the page use (At then
// gives the position of the front matter). KeepDescription must have kept
// the description that other pages show.
func (p *Page) Release() {
	p.Body, p.Keys = nil, nil
	for i := range p.Changes {
		p.Changes[i].Keys = nil
	}
	for i := range p.Steps {
		p.Steps[i].Keys = nil
		for j := range p.Steps[i].Links {
			p.Steps[i].Links[j].Keys = nil
		}
	}
}

var (
	mdAutoLink = regexp.MustCompile(`<((?:https?|mailto|tel):[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>`)
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?`)
	mdTag      = regexp.MustCompile(`<[/!?A-Za-z][^<>]*>`)
	mdEscape   = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
	mdMarks    = regexp.MustCompile("[*_`~]+")
	mdSpaces   = regexp.MustCompile(`\s+`)
	angles     = strings.NewReplacer("<", " ", ">", " ")
)

// firstParagraph returns the plain text of the first paragraph of a
// Markdown body, cut at a word or character boundary after max runes.
func firstParagraph(body []byte, limit int) string {
	var para []string
	for line := range strings.Lines(string(body)) {
		t := strings.TrimSpace(line)
		switch {
		case t == "" && len(para) > 0:
			return shorten(strings.Join(para, " "), limit)
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "!["), strings.HasPrefix(t, "---"):
			continue
		}
		para = append(para, t)
	}
	return shorten(strings.Join(para, " "), limit)
}

// plainText turns a line of Markdown into plain text: escaped characters
// become themselves, links and addresses their text, tags and emphasis go,
// character references become characters, and any "<" or ">" left becomes
// a space. Each pattern is tried only on a text that holds the character
// it starts with, as most summaries hold none.
func plainText(s string) string {
	if strings.Contains(s, `\`) {
		s = mdEscape.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<") {
		s = mdAutoLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "[") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<") {
		s = mdTag.ReplaceAllString(s, " ")
	}
	if strings.ContainsAny(s, "*_`~") {
		s = mdMarks.ReplaceAllString(s, "")
	}
	s = angles.Replace(html.UnescapeString(s))
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n\f\r") {
		s = mdSpaces.ReplaceAllString(s, " ")
	}
	return strings.TrimSpace(s)
}

func shorten(s string, limit int) string {
	s = plainText(s)
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	cut := limit
	for i := limit; i > limit*2/3; i-- {
		if r[i] == ' ' || r[i] == '。' || r[i] == '，' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ，,") + "…"
}

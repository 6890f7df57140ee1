package preview

import (
	"bytes"
	"html"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// blocks are the elements that start a line of a page's text.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hr": true, "legend": true,
	"li": true, "main": true, "nav": true, "ol": true, "option": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "td": true, "th": true, "title": true,
	"tr": true, "ul": true,
}

// hidden are the elements whose content is not text a reader sees.
var hidden = map[string]bool{"script": true, "style": true, "template": true, "noscript": true}

// Text returns the text a reader sees on an HTML page, one line per block
// element (a paragraph, a heading, a list item, a table cell), with its
// white space collapsed; the title is the first line. Scripts, styles and
// pictures have no text.
func Text(page []byte) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(cur.String()), " "); s != "" {
			lines = append(lines, s)
		}
		cur.Reset()
	}
	l := htmllex.NewLexer(parse.NewInputBytes(page))
	skip := ""
	for {
		tt, data := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			flush()
			return lines
		case htmllex.StartTagToken, htmllex.EndTagToken:
			name := string(bytes.ToLower(l.Text()))
			switch {
			case skip != "":
				if tt == htmllex.EndTagToken && name == skip {
					skip = ""
				}
			case hidden[name] && tt == htmllex.StartTagToken:
				skip = name
			case blocks[name]:
				flush()
			}
		case htmllex.TextToken:
			if skip == "" {
				cur.WriteString(html.UnescapeString(string(data)))
			}
		}
	}
}

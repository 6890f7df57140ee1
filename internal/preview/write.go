package preview

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"guide/internal/messages"
)

// Limits of what Write shows, so that the report of a large change stays
// short enough to read: the changed lines of the first MaxPages changed
// pages, at most MaxLines of each, and the names of at most MaxPages
// pages added and removed.
const (
	MaxPages = 5
	MaxLines = 10
	// maxWidth is the most characters of a line shown.
	maxWidth = 100
)

// Write prints the report for an editor, in the language of p: the counts
// first, then the changed lines of the first few changed pages, and the
// pages added and removed. folder names the published folder ("public/").
func (rp *Report) Write(w io.Writer, p messages.Printer, folder string) {
	pages := len(rp.Added) + len(rp.Changed) + rp.Markup + rp.Unchanged
	switch {
	case !rp.Published:
		p.Fprintf(w, "nothing is published in %s yet: the build adds %d %s and %d other %s\n",
			folder, pages, messages.Plural(pages, "page", "pages"), rp.Files.Added, messages.Plural(rp.Files.Added, "file", "files"))
		return
	case rp.Empty():
		p.Fprintf(w, "the build changes nothing in %s\n", folder)
		return
	}
	p.Fprintf(w, "what the build changes in %s: %d %s changed, %d added, %d removed, %d unchanged\n",
		folder, len(rp.Changed), messages.Plural(len(rp.Changed), "page", "pages"), len(rp.Added), len(rp.Removed), rp.Unchanged)
	var also []string
	if rp.Markup > 0 {
		also = append(also, p.Sprintf("%d %s changed in markup only, not in text", rp.Markup, messages.Plural(rp.Markup, "page", "pages")))
	}
	if f := rp.Files; f.Added+f.Removed+f.Changed > 0 {
		also = append(also, p.Sprintf("other files: %d changed, %d added, %d removed", f.Changed, f.Added, f.Removed))
	}
	if len(also) > 0 {
		p.Fprintf(w, "  (%s)\n", strings.Join(also, p.Sprintf("; ")))
	}
	rp.writeChanged(w, p)
	names(w, p, rp.Added, "added %s\n", "… and %d more added %s\n")
	names(w, p, rp.Removed, "removed %s\n", "… and %d more removed %s\n")
}

// writeChanged prints the changed lines of the first MaxPages changed
// pages.
func (rp *Report) writeChanged(w io.Writer, p messages.Printer) {
	for i, pg := range rp.Changed {
		if i == MaxPages {
			n := len(rp.Changed) - i
			p.Fprintf(w, "… and %d more changed %s\n", n, messages.Plural(n, "page", "pages"))
			return
		}
		p.Fprintf(w, "changed %s\n", URLPath(pg.Name))
		for j, l := range pg.Lines {
			if j == MaxLines {
				n := len(pg.Lines) - j
				p.Fprintf(w, "  … and %d more changed %s\n", n, messages.Plural(n, "line", "lines"))
				break
			}
			sign := "-"
			if l.Added {
				sign = "+"
			}
			fmt.Fprintf(w, "  %s %s\n", sign, shorten(l.Text))
		}
	}
}

// names prints the pages of a list, each as line says it ("added %s"),
// at most MaxPages of them, and then how many more there are, as more
// says it.
func names(w io.Writer, p messages.Printer, list []string, line, more string) {
	for i, name := range list {
		if i == MaxPages {
			n := len(list) - i
			p.Fprintf(w, more, n, messages.Plural(n, "page", "pages"))
			return
		}
		p.Fprintf(w, line, URLPath(name))
	}
}

// URLPath returns the address below the site's root of the page written
// to name: "/en/waiver/" for "en/waiver/index.html".
func URLPath(name string) string {
	if dir, ok := strings.CutSuffix(name, "index.html"); ok {
		return "/" + dir
	}
	return "/" + name
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxWidth {
		return s
	}
	r := []rune(s)
	return string(r[:maxWidth-1]) + "…"
}

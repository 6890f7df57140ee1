package preview

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
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

// Write prints the report for an editor: the counts first, then the
// changed lines of the first few changed pages, and the pages added and
// removed. folder names the published folder ("public/").
func (rp *Report) Write(w io.Writer, folder string) {
	pages := len(rp.Added) + len(rp.Changed) + rp.Markup + rp.Unchanged
	switch {
	case !rp.Published:
		fmt.Fprintf(w, "nothing is published in %s yet: the build adds %d %s and %d other %s\n",
			folder, pages, plural(pages, "page", "pages"), rp.Files.Added, plural(rp.Files.Added, "file", "files"))
		return
	case rp.Empty():
		fmt.Fprintf(w, "the build changes nothing in %s\n", folder)
		return
	}
	fmt.Fprintf(w, "what the build changes in %s: %d %s changed, %d added, %d removed, %d unchanged\n",
		folder, len(rp.Changed), plural(len(rp.Changed), "page", "pages"), len(rp.Added), len(rp.Removed), rp.Unchanged)
	var also []string
	if rp.Markup > 0 {
		also = append(also, fmt.Sprintf("%d %s changed in markup only, not in text", rp.Markup, plural(rp.Markup, "page", "pages")))
	}
	if f := rp.Files; f.Added+f.Removed+f.Changed > 0 {
		also = append(also, fmt.Sprintf("other files: %d changed, %d added, %d removed", f.Changed, f.Added, f.Removed))
	}
	if len(also) > 0 {
		fmt.Fprintf(w, "  (%s)\n", strings.Join(also, "; "))
	}
	for i, p := range rp.Changed {
		if i == MaxPages {
			fmt.Fprintf(w, "… and %d more changed %s\n", len(rp.Changed)-i, plural(len(rp.Changed)-i, "page", "pages"))
			break
		}
		fmt.Fprintf(w, "changed %s\n", URLPath(p.Name))
		for j, l := range p.Lines {
			if j == MaxLines {
				fmt.Fprintf(w, "  … and %d more changed %s\n", len(p.Lines)-j, plural(len(p.Lines)-j, "line", "lines"))
				break
			}
			sign := "-"
			if l.Added {
				sign = "+"
			}
			fmt.Fprintf(w, "  %s %s\n", sign, shorten(l.Text))
		}
	}
	names(w, "added", rp.Added)
	names(w, "removed", rp.Removed)
}

// names prints the pages of a list, at most MaxPages of them.
func names(w io.Writer, verb string, list []string) {
	for i, name := range list {
		if i == MaxPages {
			fmt.Fprintf(w, "… and %d more %s %s\n", len(list)-i, verb, plural(len(list)-i, "page", "pages"))
			return
		}
		fmt.Fprintf(w, "%s %s\n", verb, URLPath(name))
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

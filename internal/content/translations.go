package content

import (
	"slices"
	"sort"
	"strings"

	"guide/internal/diag"
)

// validate checks what involves more than one page: translations.
func (c *Content) validate() diag.List {
	var errs diag.List
	byKey := c.ByKey()
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if c.broken[k] {
			continue
		}
		tr := byKey[k]
		var first *Page
		for _, l := range c.Site.Languages {
			p := tr[l.Code]
			if p == nil {
				var some *Page
				for _, q := range tr {
					if some == nil || q.Path < some.Path {
						some = q
					}
				}
				errs.Unfinished(diag.Pos{File: "content/" + some.Path}, "the %s translation is missing: add %s.%s.md", l.Name, k, l.Code)
				continue
			}
			if src := tr[c.Site.Languages[0].Code]; src != nil && p != src && p.Translated != "" {
				errs = append(errs, stale(src, p)...)
			}
			if first == nil {
				first = p
				continue
			}
			if a, b := stepIDs(first), stepIDs(p); !slices.Equal(a, b) {
				errs.Add(p.At("steps"), "the steps differ from those of %s: %s has step ids [%s], %s has [%s]; translations must have the same steps in the same order",
					first.Path, first.Path, strings.Join(a, " "), p.Path, strings.Join(b, " "))
			}
		}
	}
	return errs
}

func stepIDs(p *Page) []string {
	ids := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		ids[i] = s.ID
	}
	return ids
}

package walkthrough_test

import (
	"testing"

	"guide/internal/site"
	"guide/internal/walkthrough"
)

// realPages returns the addresses (URL paths) of the walkthrough pages of
// the guide s in the language lang, or of every language when lang is "",
// with at least min frames each, in the order of its pages. The browser
// tests that run on the real guide take their pages from it rather than
// naming them, so that an editor may add, rename or remove a walkthrough;
// they skip when the guide has none.
func realPages(t *testing.T, s *site.Site, lang string, min int) []string {
	t.Helper()
	var out []string
	for _, p := range s.Pages() {
		v, ok := p.Data.(*walkthrough.View)
		if ok && (lang == "" || p.Lang == lang) && len(v.Frames) >= min {
			out = append(out, s.URLPath(p))
		}
	}
	if len(out) == 0 {
		t.Skipf("the guide has no walkthrough page in %q with %d frames or more", lang, min)
	}
	return out
}

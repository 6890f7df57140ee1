package walkthrough_test

import (
	"regexp"
	"strings"
	"testing"
)

// wantSrcset is the srcset of TestImageNamesInSrcset: the names carry the
// hashes of the files.
var wantSrcset = regexp.MustCompile(`srcset="/visa/booking/screen%20shot%2C%201-360w\.[0-9a-f]{8}\.jpg 360w, /visa/booking/screen%20shot%2C%201-720w\.[0-9a-f]{8}\.jpg 720w, /visa/booking/screen%20shot%2C%201\.[0-9a-f]{8}\.jpg 1000w"`)

// TestImageNamesInSrcset builds a walkthrough whose picture's file name has
// a space and a comma: the page lists the picture and its copies in the
// srcset, percent-encoded, instead of html/template's #ZgotmplZ.
func TestImageNamesInSrcset(t *testing.T) {
	root, _, _ := fixture(t, "testdata/names.txtar")
	out, _, _, err := build(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	page := string(out.Files["en/booking/screens/index.html"])
	if !wantSrcset.MatchString(page) || strings.Contains(page, "ZgotmplZ") {
		t.Errorf("the page's picture:\n%s\nwant %s", between(page, "<img", ">"), wantSrcset)
	}
	copies := 0
	for name := range out.Files {
		if strings.HasPrefix(name, "booking/screen shot, 1-360w.") {
			copies++
		}
	}
	if copies != 1 {
		t.Errorf("the 360 px copy was not published under its own name")
	}
}

// between returns the first part of s from start to the end mark after it.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j+len(end)]
}

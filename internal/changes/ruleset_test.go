package changes

import (
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"guide/internal/checker"
	"guide/internal/filetree"
	"guide/internal/site"
	"guide/internal/txtarsite"
)

// ruleSite reads testdata/ruleset.txtar with the repository's layouts and
// static files, which the checker's pages need.
func ruleSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := txtarsite.Read(t, nil, filepath.Join("testdata", "ruleset.txtar")).Root
	for _, dir := range []string{"layouts", "static"} {
		for name, data := range filetree.MustRead(t, filepath.Join("../..", dir)) {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

func buildOn(t *testing.T, fsys fs.FS, today checker.Day) map[string]string {
	t.Helper()
	ext := &checker.Extension{Root: fsys, Today: func() checker.Day { return today }}
	s, errs := site.Load(site.Options{Root: fsys, Extensions: []site.Extension{ext, Extension{}}})
	if s == nil {
		t.Fatalf("the site does not load:\n%v", errs)
	}
	out := &mem{}
	if _, err := s.Build(context.Background(), out); err != nil {
		t.Fatalf("the site does not build:\n%v", err)
	}
	files := map[string]string{}
	for name, data := range out.Files {
		files[name] = string(data)
	}
	return files
}

var tags = regexp.MustCompile(`<[^>]*>`)

// text returns the text of a page without its tags.
func text(html string) string { return tags.ReplaceAllString(html, "") }

// TestRuleSetIsAChange checks that a rule set with a change: text is
// listed, with its date, note and source, on the list of changes and in
// the feeds, and is the last change of the checker's page and of the pages
// of the routes its outcomes lead to; that the oldest rule set, without
// one, and a rule set not yet in force are not; and that a page's text
// shows the thresholds of the rules in force.
func TestRuleSetIsAChange(t *testing.T) {
	files := buildOn(t, ruleSite(t), checker.Day{Y: 2025, M: 7, D: 1})
	for _, c := range []struct {
		file     string
		want     []string
		dontWant []string
	}{
		{"changes/index.html",
			[]string{"2025-06-01 免面谈资格自查", "签证过期 24 个月内可以免面谈。", "涉及：免面谈的流程", "来源：新公告", "2025-01-01 免面谈的流程旧的变化。"},
			[]string{"将来的变化", "旧通知", "涉及：免面谈的流程、面谈的流程"}},
		{"en/changes/index.html",
			[]string{"The waiver is open within 24 months of the expiry.", "Also concerns: The waiver route", "Source: The new announcement"},
			[]string{"A change to come"}},
		{"eligibility/index.html", []string{"2025-06-01 — 签证过期 24 个月内可以免面谈。"}, nil},
		{"waiver/index.html", []string{"2025-06-01 — 签证过期 24 个月内可以免面谈。", "签证过期不超过 24 个月的"}, nil},
		{"en/waiver/index.html", []string{"2025-06-01 — The waiver is open within 24 months of the expiry.", "Within 24 months of its expiry."}, nil},
		// The interview route is no outcome of the rules of 2025-06-01.
		{"interview/index.html", []string{"2025-01-01 — 面谈的旧变化。"}, []string{"2025-06-01"}},
	} {
		got := text(files[c.file])
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s does not contain %q:\n%s", c.file, w, got)
			}
		}
		for _, w := range c.dontWant {
			if strings.Contains(got, w) {
				t.Errorf("%s contains %q:\n%s", c.file, w, got)
			}
		}
	}
	if w := `<a href="https://travel.state.gov/update.html" rel="external">新公告</a>`; !strings.Contains(files["changes/index.html"], w) {
		t.Errorf("changes/index.html does not link the source: %s", files["changes/index.html"])
	}
	feed := files["en/feed.xml"]
	for _, w := range []string{
		`<link href="https://example.gov.cn/visa/en/eligibility/"/>`,
		`<summary type="text">The waiver is open within 24 months of the expiry.</summary>`,
		`<content type="text">The waiver is open within 24 months of the expiry.&#10;&#10;The new announcement https://travel.state.gov/update.html</content>`,
	} {
		if !strings.Contains(feed, w) {
			t.Errorf("en/feed.xml does not contain %q:\n%s", w, feed)
		}
	}
	if w := "<loc>https://example.gov.cn/visa/waiver/</loc><lastmod>2025-06-01</lastmod>"; !strings.Contains(files["sitemap.xml"], w) {
		t.Errorf("sitemap.xml does not contain %q:\n%s", w, files["sitemap.xml"])
	}
}

// On the day a rule set takes effect, it is the last change, and the
// texts show its thresholds.
func TestRuleSetTakesEffect(t *testing.T) {
	files := buildOn(t, ruleSite(t), checker.Day{Y: 2099, M: 1, D: 1})
	for file, w := range map[string]string{
		"changes/index.html": "2099-01-01 免面谈资格自查将来的变化。",
		"waiver/index.html":  "签证过期不超过 48 个月的",
	} {
		if got := text(files[file]); !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", file, w, got)
		}
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTranslated runs guide translated on a translation, then changes the
// page it is translated from: check warns, naming the section, until the
// command is run again.
func TestTranslated(t *testing.T) {
	dir := newSite(t)
	en := filepath.Join(dir, "content", "a.en.md")
	code, out, errs := run("translated", "-src", dir, en)
	if code != 0 || out != "content/a.en.md: recorded as in line with its 中文 page\n" {
		t.Fatalf("translated: exit %d\n%s%s", code, out, errs)
	}
	data, _ := os.ReadFile(en)
	if !strings.HasPrefix(string(data), "---\ntitle: Steps\nsummary: Summary.\ntranslated: \"front:") || !strings.HasSuffix(string(data), "\"\n---\nText.\n") {
		t.Errorf("a.en.md = %q; want only a translated: line added", data)
	}
	const warning = "content/a.en.md:4:13: warning: content/a.zh.md has changed in intro since this page was translated from it: bring this page in line with it, then run guide translated content/a.en.md"
	if _, _, errs := run("check", "-src", dir); strings.Contains(errs, "has changed") {
		t.Errorf("check right after: %s", errs)
	}
	write(t, filepath.Join(dir, "content/a.zh.md"), "---\ntitle: 流程\nsummary: 摘要。\n---\n新的正文。\n")
	if code, _, errs := run("check", "-src", dir); code != 0 || !strings.Contains(errs, warning) {
		t.Errorf("check after a change: exit %d; got\n%s\nwant the warning\n%s", code, errs, warning)
	}
	// The name may also be given from content/.
	if code, _, errs := run("translated", "-src", dir, "a.en.md"); code != 0 {
		t.Fatalf("translated a.en.md: exit %d\n%s", code, errs)
	}
	if _, _, errs := run("check", "-src", dir); strings.Contains(errs, "has changed") {
		t.Errorf("check after guide translated: %s", errs)
	}
}

func TestTranslatedRefuses(t *testing.T) {
	dir := newSite(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"translated", "-src", dir}, 2, "guide translated: name the translations that are in line with their pages, as in: guide translated content/waiver.en.md\n"},
		{[]string{"translated", "-src", dir, filepath.Join(dir, "content", "a.zh.md")}, 1, "guide translated: content/a.zh.md is in the site's first language"},
		{[]string{"translated", "-src", dir, filepath.Join(dir, "layouts", "home.html")}, 1, "is not a page under"},
		{[]string{"translated", "-src", dir, "nothing.en.md"}, 1, "guide translated: nothing.en.md: "},
	} {
		code, _, errs := run(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("guide %s: exit %d, %q; want exit %d and %q", strings.Join(c.args, " "), code, errs, c.code, c.want)
		}
	}
}

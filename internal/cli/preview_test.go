package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishPreview checks that check, build -dry-run and build print
// what the build changes in the published folder, and that only build
// writes it.
func TestPublishPreview(t *testing.T) {
	dir := newSite(t)
	pub := filepath.Join(dir, "public")
	if code, out, errs := run("build", "-src", dir); code != 0 || !strings.Contains(out, "nothing is published in "+pub+string(filepath.Separator)+" yet: the build adds 4 pages") {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errs)
	}
	write(t, filepath.Join(dir, "content/a.zh.md"), "---\ntitle: 流程\nsummary: 摘要。\n---\n新的正文。\n")
	want := "what the build changes in " + pub + string(filepath.Separator) + ": 1 page changed, 0 added, 0 removed, 3 unchanged\nchanged /a/\n  - 正文。\n  + 新的正文。\n"
	for _, args := range [][]string{{"check", "-src", dir}, {"build", "-dry-run", "-src", dir}} {
		code, out, errs := run(args...)
		if code != 0 || !strings.HasSuffix(out, want) {
			t.Errorf("guide %s: exit %d; got\n%s%s\nwant it to end with\n%s", strings.Join(args, " "), code, out, errs, want)
		}
		page, err := os.ReadFile(filepath.Join(pub, "a", "index.html"))
		if err != nil || strings.Contains(string(page), "新的正文") {
			t.Errorf("guide %s wrote the published folder", strings.Join(args, " "))
		}
	}
	if code, out, errs := run("build", "-src", dir); code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("build: exit %d; got\n%s%s\nwant it to end with\n%s", code, out, errs, want)
	}
	if code, out, _ := run("check", "-src", dir); code != 0 || !strings.HasSuffix(out, "the build changes nothing in "+pub+string(filepath.Separator)+"\n") {
		t.Errorf("check after the build: exit %d\n%s", code, out)
	}
	// -out names another published folder to compare with.
	other := filepath.Join(t.TempDir(), "site")
	if code, out, _ := run("check", "-src", dir, "-out", other); code != 0 || !strings.Contains(out, "nothing is published in "+other+string(filepath.Separator)+" yet") {
		t.Errorf("check -out: exit %d\n%s", code, out)
	}
}

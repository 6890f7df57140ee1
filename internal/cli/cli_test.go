package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"guide/internal/filetree"
)

// newSite writes a small two-language site into a temporary folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/site.yaml":    "baseURL: https://example.gov.cn/\nconfirmed: 2025-04-08\nlanguages:\n  - {code: zh, tag: zh-CN, name: 中文, title: 指南, cjk: true}\n  - {code: en, tag: en, name: English, title: Guide}\n",
		"content/_index.zh.md": "---\ntitle: 首页\nsummary: 摘要。\n---\n见[流程](a.zh.md)。\n",
		"content/_index.en.md": "---\ntitle: Home\nsummary: Summary.\n---\nSee [the steps](a.en.md).\n",
		"content/a.zh.md":      "---\ntitle: 流程\nsummary: 摘要。\n---\n正文。\n",
		"content/a.en.md":      "---\ntitle: Steps\nsummary: Summary.\n---\nText.\n",
		"layouts/base.html":    `<!DOCTYPE html><html lang="{{.Lang.Tag}}"><head><title>{{.Page.Title}}</title><link rel="stylesheet" href="{{.Asset "/site.css"}}"></head><body>{{block "main" .}}{{end}}</body></html>` + "\n",
		"layouts/home.html":    `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Intro}}{{end}}`,
		"layouts/page.html":    `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Intro}}{{end}}`,
		"layouts/i18n/zh.yaml": "x: 甲\n",
		"layouts/i18n/en.yaml": "x: a\n",
		"static/site.css":      "body {\n  color : black;\n}\n",
	}
	for name, data := range files {
		write(t, filepath.Join(dir, name), data)
	}
	return dir
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// hashedCSS finds the name of the stylesheet published with its hash.
var hashedCSS = regexp.MustCompile(`site\.[0-9a-f]{8}\.css`)

func TestBuild(t *testing.T) {
	dir := newSite(t)
	code, out, errs := run("build", "-src", dir, "-base-url", "https://example.gov.cn/visa/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "built 4 pages (zh 2, en 2), 1 static files in ") {
		t.Errorf("summary = %q", out)
	}
	pub := filetree.MustRead(t, filepath.Join(dir, "public"))
	// The stylesheet is published under a name with the hash of its
	// content.
	css := hashedCSS.FindString(pub["index.html"])
	for _, name := range []string{"index.html", "a/index.html", "en/index.html", "en/a/index.html", "sitemap.xml", "robots.txt", css} {
		if _, ok := pub[name]; !ok {
			t.Errorf("public/%s is missing", name)
		}
	}
	if !strings.Contains(pub["index.html"], `href="/visa/a/"`) || !strings.Contains(pub["index.html"], `href="/visa/`+css+`"`) {
		t.Errorf("links are not rewritten for the base URL's path:\n%s", pub["index.html"])
	}
	if pub[css] != "body{color:#000}" {
		t.Errorf("site.css = %q; want it minified", pub[css])
	}
	if !strings.Contains(pub["sitemap.xml"], "<loc>https://example.gov.cn/visa/en/a/</loc>") {
		t.Errorf("sitemap lacks the English page:\n%s", pub["sitemap.xml"])
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.guide", "tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestFailedBuildKeepsPublic checks that a broken page stops the build with
// file:line:col and leaves the published folder byte for byte as it was.
func TestFailedBuildKeepsPublic(t *testing.T) {
	dir := newSite(t)
	if code, _, errs := run("build", "-src", dir); code != 0 {
		t.Fatal(errs)
	}
	before := filetree.MustRead(t, filepath.Join(dir, "public"))
	write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\nsumary: typo\n---\n[x](/nowhere/)\n")
	code, _, errs := run("build", "-src", dir)
	if code != 1 {
		t.Fatalf("exit %d; want 1", code)
	}
	if !strings.Contains(errs, `content/a.en.md:3:1: unknown key "sumary", did you mean "summary"?`) {
		t.Errorf("stderr = %q", errs)
	}
	after := filetree.MustRead(t, filepath.Join(dir, "public"))
	if len(after) != len(before) {
		t.Fatalf("public/ has %d files; had %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("public/%s changed after a failed build", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.guide", "tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestDeletedPageDoesNotLinger checks that the files of a page removed from
// content/ are gone from public/ after the next build.
func TestDeletedPageDoesNotLinger(t *testing.T) {
	dir := newSite(t)
	if code, _, errs := run("build", "-src", dir); code != 0 {
		t.Fatal(errs)
	}
	write(t, filepath.Join(dir, "content/_index.zh.md"), "---\ntitle: 首页\nsummary: 摘要。\n---\n")
	write(t, filepath.Join(dir, "content/_index.en.md"), "---\ntitle: Home\nsummary: Summary.\n---\n")
	os.Remove(filepath.Join(dir, "content/a.zh.md"))
	os.Remove(filepath.Join(dir, "content/a.en.md"))
	if code, _, errs := run("build", "-src", dir); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/a/index.html")); err == nil {
		t.Error("public/a/index.html lingers after its page was deleted")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := newSite(t)
	code, out, errs := run("check", "-src", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.HasPrefix(out, "checked 4 pages") {
		t.Errorf("stdout = %q", out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "content" && e.Name() != "layouts" && e.Name() != "static" {
			t.Errorf("check wrote %s", e.Name())
		}
	}
}

func TestBadUsage(t *testing.T) {
	dir := newSite(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "Usage:"},
		{[]string{"bild"}, 2, `unknown command "bild"`},
		{[]string{"build", "-src", t.TempDir()}, 1, "has no content/ folder"},
		{[]string{"build", "-src", dir, "-base-url", "example.gov.cn"}, 1, "must be an absolute http:// or https:// address"},
		{[]string{"build", "-src", dir, "-out", filepath.Join(dir, "missing", "public")}, 1, "does not exist"},
	}
	for _, tt := range tests {
		code, _, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("guide %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, errs, tt.code, tt.want)
		}
	}
}

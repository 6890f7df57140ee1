package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileContent feeds the build content that must never reach
// readers and checks that each is refused with a clear, positioned error,
// and public/ is left as it was.
func TestHostileContent(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"symlink to a file outside the site", func(t *testing.T, dir string) {
			os.Symlink("/etc/passwd", filepath.Join(dir, "content/passwd.png"))
		}, "content/passwd.png: not a regular file (a symbolic link or device); only plain files are published"},
		{"symlink to a folder outside the site", func(t *testing.T, dir string) {
			os.Symlink("/etc", filepath.Join(dir, "content/etc"))
		}, "content/etc: not a regular file (a symbolic link or device); only plain files are published"},
		{"symlinked static file", func(t *testing.T, dir string) {
			os.Symlink("/etc/hostname", filepath.Join(dir, "static/host.css"))
		}, "static/host.css: not a regular file (a symbolic link or device); only plain files are published"},
		{"enormous page", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.zh.md"), "---\ntitle: 大\n---\n"+strings.Repeat("很长的正文。", 300_000))
		}, "content/a.zh.md: cannot read: file is larger than 4 MiB"},
		{"deeply nested Markdown", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.zh.md"), "---\ntitle: 深\n---\n\n"+strings.Repeat("> ", 200)+"深\n")
		}, "content/a.zh.md:5:"},
		{"image outside content", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\n---\n![x](../../../etc/passwd.png)\n")
		}, `content/a.en.md:4:1: image "../../../etc/passwd.png" points outside content/`},
		{"absolute file path", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\n---\n[x](/etc/passwd)\n")
		}, `content/a.en.md:4:1: link "/etc/passwd" points to no page of the guide`},
		{"front matter not a mapping", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.en.md"), "---\n- title\n---\n")
		}, "content/a.en.md:2:1: the value must be a mapping (key: value lines), not a list"},
		{"YAML alias bomb", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: &a [x, x]\nsummary: *a\n---\n")
		}, "content/a.en.md:2:8: YAML anchors and aliases (& and *) are not allowed; write the value out"},
		{"invalid UTF-8", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\n---\nbad \xc3\x28 byte\n")
		}, "content/a.en.md:4:5: the file is not valid UTF-8 text; save it as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			if code, _, errs := run("build", "-src", dir); code != 0 {
				t.Fatal(errs)
			}
			before := treeHash(t, filepath.Join(dir, "public"))
			tt.setup(t, dir)
			code, _, stderr := run("build", "-src", dir)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, tt.want)
			}
			if treeHash(t, filepath.Join(dir, "public")) != before {
				t.Fatal("public/ changed after a refused build")
			}
		})
	}
}

// TestRawHTMLIsNotPublished checks that script and markup written in a
// page never reach the published HTML.
func TestRawHTMLIsNotPublished(t *testing.T) {
	dir := newSite(t)
	write(t, filepath.Join(dir, "content/a.en.md"), "---\ntitle: Steps\n---\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> and <a href=\"javascript:alert(3)\">x</a>.\n\n<iframe src=\"https://evil.example/\"></iframe>\n")
	if code, _, errs := run("build", "-src", dir); code != 0 {
		t.Fatal(errs)
	}
	html, err := os.ReadFile(filepath.Join(dir, "public/en/a/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "alert(", "onerror", "javascript:", "<iframe", "evil.example"} {
		if strings.Contains(string(html), bad) {
			t.Errorf("the page contains %q:\n%s", bad, html)
		}
	}
	if !strings.Contains(string(html), "Text") {
		t.Errorf("the page lost its text:\n%s", html)
	}
}

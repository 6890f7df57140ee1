package content

import (
	"strings"
	"testing"
)

// TestFrontMatterLimit checks that a front matter over MaxFrontMatter is
// refused before the YAML decoder reads it, with its size, at its first
// line.
func TestFrontMatterLimit(t *testing.T) {
	site := &Site{Languages: []Language{{Code: "zh"}}}
	tests := []struct {
		name string
		fm   string
		want string
	}{
		{"at the limit", "title: 页\nsummary: " + strings.Repeat("长", (MaxFrontMatter-21)/3) + "\n", ""},
		{"over the limit", "title: 页\nsummary: " + strings.Repeat("长", MaxFrontMatter/3) + "\n",
			"content/x.zh.md:2:1: the front matter is 33 KB; it may be at most 32 KB: move long text into the page's body"},
		{"1 MB of YAML with a syntax error at its end", strings.Repeat("- id: a\n  title: bb\n", 1<<20/20) + "  : : [\n",
			"content/x.zh.md:2:1: the front matter is 1024 KB; it may be at most 32 KB: move long text into the page's body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParsePage("x.zh.md", []byte("---\n"+tt.fm+"---\n正文。\n"), site)
			if got := strings.TrimSpace(errs.Error()); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// hostile are the sequences that content must not get to a terminal: clear
// the screen, set the window's title, a C1 control, a line break that
// would fake another message, and a right-to-left override that reorders
// what is shown.
const hostile = "\x1b[2J\x1b]0;owned\x07\u009b31m\r\n\u202e"

// TestCheckPrintsNoControls runs check on sites whose file names and text
// carry terminal escape sequences (problems found when the sources are
// read, and when the pages are built), and checks that stderr shows them
// as visible escapes and holds none of them raw.
func TestCheckPrintsNoControls(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"sources", map[string]string{
			"b" + hostile + ".zh.md": "---\ntitle: 乙\n---\n",
			// YAML's escapes put the controls in a key, which the
			// message quotes.
			"c.zh.md": "---\ntitle: 丙\nsummary: 摘要。\n\"sum\\e[2J\\e]0;owned\\a\\u202emary\": x\n---\n",
		}, []string{
			`content/b\x1b[2J\x1b]0;owned\x07\u009b31m\x0d\x0a\u202e.zh.md: `,
			`content/c.zh.md:4:1: unknown key "sum\x1b[2J\x1b]0;owned\a\u202emary"`,
		}},
		{"pages", map[string]string{
			// A link's target holds them as they are.
			"d.zh.md": "---\ntitle: 丁\nsummary: 摘要。\n---\n见[乙](<nope\x1b[2J\u202e\u009b.zh.md>)。\n",
			"d.en.md": "---\ntitle: D\nsummary: Summary.\n---\nText.\n",
		}, []string{
			`content/d.zh.md:5:2: `,
			`nope\x1b[2J\u202e\u009b.zh.md`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newSite(t)
			for name, data := range tt.files {
				write(t, filepath.Join(dir, "content", name), data)
			}
			code, stdout, stderr := run("check", "-src", dir)
			if code != 1 {
				t.Fatalf("exit %d; want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			assertPrintable(t, stdout, stderr)
		})
	}
}

// assertPrintable fails if the output of check holds a control character
// or a direction mark, or a line of stderr that is neither a message about
// a file nor the summary (one that a line break in a name would make).
func assertPrintable(t *testing.T, stdout, stderr string) {
	t.Helper()
	for _, out := range []string{stdout, stderr} {
		if i := strings.IndexAny(out, "\x1b\x07\r\u009b\u202e"); i >= 0 {
			t.Errorf("a control character reaches the terminal at byte %d:\n%q", i, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !strings.HasPrefix(line, "content/") && !strings.HasPrefix(line, "check failed:") {
			t.Errorf("stderr has a line that is not a message: %q", line)
		}
	}
}

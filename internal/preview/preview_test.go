package preview

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"guide/internal/messages"
)

func TestText(t *testing.T) {
	for _, c := range []struct {
		name, html string
		want       []string
	}{
		{"blocks are lines", "<title>T</title><h1>Head</h1><p>One <b>two</b>\n three</p><ul><li>a<li>b</ul>", []string{"T", "Head", "One two three", "a", "b"}},
		{"cells and breaks", "<table><tr><td>x</td><td>y</td></tr></table><p>l1<br>l2</p>", []string{"x", "y", "l1", "l2"}},
		{"scripts and styles are not text", "<style>p{}</style><p>a</p><script>if (a < b) {}</script><noscript><p>no</p></noscript><p>b</p>", []string{"a", "b"}},
		{"entities", "<p>R&amp;D &lt;b&gt; 5&nbsp;元</p>", []string{"R&D <b> 5 元"}},
		{"inline elements join", "<p>费用：<strong>110</strong>元</p>", []string{"费用：110元"}},
	} {
		if got := Text([]byte(c.html)); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q; want %q", c.name, got, c.want)
		}
	}
}

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		a, b, want string // lines separated by "|"; want as -x +y
	}{
		{"a|b|c", "a|b|c", ""},
		{"a|b|c", "a|x|c", "-b +x"},
		{"a|b|c", "a|c", "-b"},
		{"a|c", "a|b|c", "+b"},
		{"a|b|c|d", "b|d|e", "-a -c +e"},
		{"", "x|y", "+x +y"},
		{"x|y", "", "-x -y"},
		{"a|b|a|b", "b|a|b|a", "-a +a"},
	} {
		var got []string
		for _, l := range Diff(split(c.a), split(c.b)) {
			sign := "-"
			if l.Added {
				sign = "+"
			}
			got = append(got, sign+l.Text)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Diff(%s, %s) = %q; want %q", c.a, c.b, g, c.want)
		}
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// A diff of more lines than the table may hold is every line removed and
// added, rather than a table too large for memory.
func TestDiffTooLarge(t *testing.T) {
	a := make([]string, 3000)
	b := make([]string, 3000)
	for i := range a {
		a[i], b[i] = fmt.Sprint("a", i), fmt.Sprint("b", i)
	}
	b[1500] = a[1500]
	if got := len(Diff(a, b)); got != 6000 {
		t.Errorf("got %d lines; want 6000", got)
	}
}

// TestReport builds each archive of testdata: the files under published/
// are the published folder (none: it does not exist), those under build/
// are written through a Recorder, want is the report, and want.zh the
// report in Chinese.
func TestReport(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no archives")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			published, build, want, wantZh := fstest.MapFS{}, map[string][]byte{}, "", ""
			for _, f := range ar.Files {
				switch name := f.Name; {
				case name == "want":
					want = string(f.Data)
				case name == "want.zh":
					wantZh = string(f.Data)
				case strings.HasPrefix(name, "published/"):
					published[strings.TrimPrefix(name, "published/")] = &fstest.MapFile{Data: f.Data}
				case strings.HasPrefix(name, "build/"):
					build[strings.TrimPrefix(name, "build/")] = f.Data
				}
			}
			var pub fs.FS = published
			var sums map[string][sha256.Size]byte
			var missing *openLog
			if len(published) == 0 {
				missing = &openLog{FS: os.DirFS(filepath.Join(t.TempDir(), "public"))}
				pub = missing
			} else {
				sums = sumsOf(published)
			}
			// The report is the same whether the published files are
			// read or compared by their sums.
			for _, withSums := range []bool{false, true} {
				out := fstest.MapFS{}
				if missing != nil {
					missing.names = nil
				}
				r := New(pub, mapOutput(out))
				if withSums {
					r.CompareSums(sums)
				}
				for name, data := range build {
					if err := r.WriteFile(name, data); err != nil {
						t.Fatal(err)
					}
				}
				if len(out) != len(build) {
					t.Errorf("the output received %d files; want %d", len(out), len(build))
				}
				// A folder that does not exist is looked at once, not
				// once for each file of a build that may have thousands.
				if missing != nil && len(missing.names) > 1 {
					t.Errorf("the recorder opened %q in a folder that does not exist; want only %q", missing.names, ".")
				}
				var b strings.Builder
				r.Report().Write(&b, messages.Printer{}, "public/")
				if got := b.String(); got != want {
					t.Errorf("with sums %v, got:\n%s\nwant:\n%s", withSums, got, want)
				}
				b.Reset()
				r.Report().Write(&b, messages.Printer{Lang: messages.Chinese}, "public/")
				if got := b.String(); wantZh != "" && got != wantZh {
					t.Errorf("with sums %v, in Chinese, got:\n%s\nwant:\n%s", withSums, got, wantZh)
				}
			}
		})
	}
}

// sumsOf returns the SHA-256 of each file of fsys, as publish.Sums does.
func sumsOf(fsys fstest.MapFS) map[string][sha256.Size]byte {
	sums := map[string][sha256.Size]byte{}
	for name, f := range fsys {
		sums[name] = sha256.Sum256(f.Data)
	}
	return sums
}

// With the published files' sums, a file is read only when it is a page
// whose sum differs, and the files removed are found among the sums: here
// the published folder says otherwise, and the sums are believed.
func TestCompareSums(t *testing.T) {
	published := fstest.MapFS{
		"same/index.html":    {Data: []byte("<p>not what the sum says")},
		"changed/index.html": {Data: []byte("<p>old")},
		"site.css":           {Data: []byte("p{}")},
	}
	r := New(published, nil)
	r.CompareSums(map[string][sha256.Size]byte{
		"same/index.html":    sha256.Sum256([]byte("<p>same")),
		"changed/index.html": sha256.Sum256([]byte("<p>older")),
		"gone/index.html":    sha256.Sum256([]byte("<p>gone")),
	})
	for name, data := range map[string]string{"same/index.html": "<p>same", "changed/index.html": "<p>new", "site.css": "p{}"} {
		if err := r.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	rp := r.Report()
	if rp.Unchanged != 1 || len(rp.Changed) != 1 || rp.Files.Added != 1 || !slices.Equal(rp.Removed, []string{"gone/index.html"}) {
		t.Fatalf("got %d unchanged, %d changed, %d other files added, removed %v; want 1, 1, 1, [gone/index.html]", rp.Unchanged, len(rp.Changed), rp.Files.Added, rp.Removed)
	}
	var lines []string
	for _, l := range rp.Changed[0].Lines {
		lines = append(lines, fmt.Sprintf("%v %s", l.Added, l.Text))
	}
	if want := []string{"false old", "true new"}; !slices.Equal(lines, want) {
		t.Errorf("the changed page's lines are %q; want %q", lines, want)
	}
}

// openLog is a file system that keeps the names opened in it.
type openLog struct {
	fs.FS
	names []string
}

func (l *openLog) Open(name string) (fs.File, error) {
	l.names = append(l.names, name)
	return l.FS.Open(name)
}

type mapOutput fstest.MapFS

func (m mapOutput) WriteFile(name string, data []byte) error {
	m[name] = &fstest.MapFile{Data: append([]byte(nil), data...)}
	return nil
}

// The report of a large change shows the first pages and lines, and says
// how many more there are.
func TestReportLimits(t *testing.T) {
	published := fstest.MapFS{}
	r := New(published, nil)
	page := func(lines ...string) []byte {
		return []byte("<p>" + strings.Join(lines, "<p>"))
	}
	var old, changed []string
	for i := range MaxLines + 2 {
		old, changed = append(old, fmt.Sprint("old ", i)), append(changed, fmt.Sprint("new ", i))
	}
	for i := range MaxPages + 2 {
		name := fmt.Sprintf("p%d/index.html", i)
		published[name] = &fstest.MapFile{Data: page(old...)}
		if err := r.WriteFile(name, page(changed...)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range MaxPages + 1 {
		if err := r.WriteFile(fmt.Sprintf("n%d/index.html", i), page("new")); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	r.Report().Write(&b, messages.Printer{}, "public/")
	got := b.String()
	for _, w := range []string{
		"7 pages changed, 6 added, 0 removed",
		"changed /p4/\n",
		"  - old 9\n  … and 14 more changed lines\n",
		"… and 2 more changed pages\n",
		"added /n4/\n… and 1 more added page\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("the report does not contain %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "changed /p5/") || strings.Contains(got, "old 10") {
		t.Errorf("the report shows more than its limits:\n%s", got)
	}
}

// A file the output refuses is reported, and not counted.
func TestWriteError(t *testing.T) {
	r := New(fstest.MapFS{}, failing{})
	if err := r.WriteFile("index.html", []byte("<p>x")); err == nil || err.Error() != "disk full" {
		t.Errorf("err = %v; want the output's error", err)
	}
	if rp := r.Report(); len(rp.Added) != 0 {
		t.Errorf("added %v; want nothing", rp.Added)
	}
}

type failing struct{}

func (failing) WriteFile(string, []byte) error { return errors.New("disk full") }

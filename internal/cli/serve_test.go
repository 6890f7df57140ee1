package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"guide/internal/site"
)

// lockedBuffer is a bytes.Buffer for output written while a test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs guide serve until its context ends, as Ctrl-C
// ends it.
func TestServeCommand(t *testing.T) {
	dir := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() { code <- Main(ctx, []string{"serve", "-src", dir, "-addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "serving the guide at http://127.0.0.1:") {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no address printed after 30 s:\n%s\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(stdout.String(), "(Ctrl-C to stop)") {
		t.Errorf("output: %q", stdout.String())
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after the context ended; want 0\n%s", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("guide serve did not stop 10 s after its context ended")
	}
}

func TestServeCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-src", t.TempDir()}, "has no content/ folder"},
		{[]string{"serve", "extra"}, "unexpected arguments"},
		{[]string{"serve", "-poll", "often"}, `the flag -poll cannot be "often"`},
	}
	for _, tt := range tests {
		code, _, errs := run(tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("guide %s: exit %d, %q; want a failure saying %q", strings.Join(tt.args, " "), code, errs, tt.want)
		}
	}
}

// TestUpdateWithExtensions edits a copy of the repository's guide and
// checks after each edit that site.Update, with the extensions of guide
// build, leaves every file as a full build does. It is the test of
// incremental rebuilds for the real pipeline: the checker, the
// walkthroughs and the "what changed" page. The edits are chosen from the
// guide as it is (guideEdits).
func TestUpdateWithExtensions(t *testing.T) {
	t.Setenv("GUIDE_CACHE_DIR", t.TempDir())
	dir := t.TempDir()
	for _, d := range []string{"content", "layouts", "static"} {
		if out, err := exec.Command("cp", "-r", filepath.Join("../..", d), filepath.Join(dir, d)).CombinedOutput(); err != nil {
			t.Fatalf("cp: %v\n%s", err, out)
		}
	}
	root := os.DirFS(dir)
	opts := site.Options{Root: root, Dev: true, Extensions: Extensions(root)}
	s, errs := site.Load(opts)
	if s == nil {
		t.Fatal(errs.Err())
	}
	served := &memFiles{}
	if _, err := s.Build(context.Background(), served); err != nil {
		t.Fatal(err)
	}
	steps := guideEdits(t, dir, s)
	var dirty []string
	for _, st := range steps {
		st.change()
		dirty = append(dirty, st.paths...)
		staged := &memFiles{}
		ns, ch, err := s.Update(context.Background(), staged, dirty)

		want := &memFiles{}
		full, lerrs := site.Load(opts)
		var wantErr error
		if full == nil {
			wantErr = lerrs.Err()
		} else {
			_, wantErr = full.Build(context.Background(), want)
		}
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s: Update: %v\nBuild: %v", st.name, err, wantErr)
		}
		if err != nil {
			t.Logf("%s: both fail:\n%v", st.name, err)
			continue
		}
		if ch.Full {
			served = staged
		} else {
			for name, data := range staged.Files {
				served.Files[name] = data
			}
			for _, name := range ch.Removed {
				delete(served.Files, name)
			}
		}
		t.Logf("%s: full %v, rendered %v, wrote %v, removed %v", st.name, ch.Full, ch.Pages, ch.Files, ch.Removed)
		for name, w := range want.Files {
			if g, ok := served.Files[name]; !ok {
				t.Errorf("%s: %s is missing", st.name, name)
			} else if !bytes.Equal(g, w) {
				t.Errorf("%s: %s differs from a full build", st.name, name)
			}
		}
		for name := range served.Files {
			if _, ok := want.Files[name]; !ok {
				t.Errorf("%s: %s is stale", st.name, name)
			}
		}
		s, dirty = ns, nil
	}
}

// memFiles keeps the files of a build.
type memFiles = site.Memory

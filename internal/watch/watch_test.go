package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"guide/internal/messages"
)

// These tests use real folders and real file events.

type harness struct {
	t       *testing.T
	root    string
	batches chan Batch
	logMu   sync.Mutex
	logs    []string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "layouts", "static"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := &harness{t: t, root: root, batches: make(chan Batch, 1000)}
	h.write("content/a.zh.md", "a")
	h.write("content/sec/b.zh.md", "b")
	return h
}

func (h *harness) opts() Options {
	return Options{Root: h.root, Dirs: []string{"content", "layouts", "static"}, Log: h.log}
}

func (h *harness) log(msg messages.Text) {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	h.logs = append(h.logs, msg.String())
}

func (h *harness) logged() string {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	return strings.Join(h.logs, "\n")
}

// start starts w and stops it when the test ends.
func (h *harness) start(w *Watcher) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := w.Run(ctx, func(b Batch) { h.batches <- b }); err != nil {
			h.t.Errorf("Run: %v", err)
		}
	}()
	h.t.Cleanup(func() {
		cancel()
		<-done
	})
}

func (h *harness) watch() { h.t.Helper(); h.watchWith(h.opts()) }

// watchWith starts a watcher made with opts.
func (h *harness) watchWith(opts Options) *Watcher {
	h.t.Helper()
	w, err := New(opts)
	if err != nil {
		h.t.Fatal(err)
	}
	h.start(w)
	return w
}

func (h *harness) path(rel string) string { return filepath.Join(h.root, filepath.FromSlash(rel)) }

func (h *harness) write(rel, data string) {
	h.t.Helper()
	p := h.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) do(err error) {
	h.t.Helper()
	if err != nil {
		h.t.Fatal(err)
	}
}

// expect waits until the batches have named every path of want, or asked
// for everything to be looked at again, and returns the batches.
func (h *harness) expect(want ...string) []Batch {
	h.t.Helper()
	var got []Batch
	seen := map[string]bool{}
	timeout := time.After(10 * time.Second)
	for {
		missing := 0
		for _, w := range want {
			if !seen[w] {
				missing++
			}
		}
		if missing == 0 {
			return got
		}
		select {
		case b := <-h.batches:
			got = append(got, b)
			for _, p := range b.Paths {
				seen[p] = true
			}
			if b.All {
				for _, w := range want {
					seen[w] = true
				}
			}
		case <-timeout:
			h.t.Fatalf("after 10 s, the batches %v do not name all of %v", got, want)
		}
	}
}

// expectNone checks that no batch arrives for a while. It has to wait in
// real time, since the events come from the system.
func (h *harness) expectNone(d time.Duration) {
	h.t.Helper()
	select {
	case b := <-h.batches:
		h.t.Errorf("got batch %v; want none", b.Paths)
	case <-time.After(d):
	}
}

func TestWatchEditCreateDelete(t *testing.T) {
	h := newHarness(t)
	h.watch()

	h.write("content/a.zh.md", "changed")
	if b := h.expect("content/a.zh.md"); len(b) != 1 || !slices.Equal(b[0].Paths, []string{"content/a.zh.md"}) {
		t.Errorf("edit: got %v; want one batch [content/a.zh.md]", b)
	}
	h.write("content/new.en.md", "new")
	h.expect("content/new.en.md")
	h.do(os.Remove(h.path("content/new.en.md")))
	h.expect("content/new.en.md")
	h.do(os.Rename(h.path("content/a.zh.md"), h.path("content/z.zh.md")))
	h.expect("content/a.zh.md", "content/z.zh.md")
	h.write("layouts/base.html", "x")
	h.expect("layouts/base.html")
	h.write("static/css/site.css", "x")
	h.expect("static/css")
	h.write("static/css/site.css", "y")
	h.expect("static/css/site.css")
}

func TestWatchIgnoresOtherFolders(t *testing.T) {
	h := newHarness(t)
	h.watch()
	h.write("public/index.html", "x")
	h.write("notes.txt", "x")
	h.expectNone(300 * time.Millisecond)
}

// TestWatchAtomicSaves replays how editors save, and checks that each
// save is one batch that names the page alone.
func TestWatchAtomicSaves(t *testing.T) {
	saves := map[string]func(h *harness){
		"temporary file renamed over": func(h *harness) {
			h.write("content/.a.zh.md.tmp.1234", "new")
			h.do(os.Rename(h.path("content/.a.zh.md.tmp.1234"), h.path("content/a.zh.md")))
		},
		"vim": func(h *harness) {
			h.write("content/4913", "")
			h.do(os.Remove(h.path("content/4913")))
			h.do(os.Rename(h.path("content/a.zh.md"), h.path("content/a.zh.md~")))
			h.write("content/.a.zh.md.swp", "swap")
			h.write("content/a.zh.md", "new")
			h.do(os.Remove(h.path("content/a.zh.md~")))
		},
		"jetbrains": func(h *harness) {
			h.write("content/a.zh.md___jb_tmp___", "new")
			h.do(os.Rename(h.path("content/a.zh.md"), h.path("content/a.zh.md___jb_old___")))
			h.do(os.Rename(h.path("content/a.zh.md___jb_tmp___"), h.path("content/a.zh.md")))
			h.do(os.Remove(h.path("content/a.zh.md___jb_old___")))
		},
		"emacs": func(h *harness) {
			h.do(os.Symlink("user@host.1234:1700000000", h.path("content/.#a.zh.md")))
			h.write("content/#a.zh.md#", "autosave")
			h.write("content/a.zh.md", "new")
			h.do(os.Remove(h.path("content/.#a.zh.md")))
			h.do(os.Remove(h.path("content/#a.zh.md#")))
		},
	}
	for name, save := range saves {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			// An editor's save takes microseconds; the test's steps, on a
			// machine busy with other tests, can take far longer than the
			// 10 ms quiet time, which would split the save in two.
			opts := h.opts()
			opts.Quiet = 250 * time.Millisecond
			h.watchWith(opts)
			save(h)
			b := h.expect("content/a.zh.md")
			if len(b) != 1 || !slices.Equal(b[0].Paths, []string{"content/a.zh.md"}) {
				t.Errorf("got batches %v; want one batch [content/a.zh.md]", b)
			}
			h.expectNone(300 * time.Millisecond)
		})
	}
}

func TestWatchEditorFilesAlone(t *testing.T) {
	h := newHarness(t)
	h.watch()
	for _, name := range []string{".a.zh.md.swp", ".a.zh.md.swx", "4913", "a.zh.md~", ".#a.zh.md", "#a.zh.md#", "a.zh.md___jb_tmp___", ".DS_Store", "Thumbs.db", ".goutputstream-XYZ12"} {
		h.write("content/"+name, "x")
		h.do(os.Remove(h.path("content/" + name)))
	}
	h.expectNone(300 * time.Millisecond)
}

func TestWatchNewFolder(t *testing.T) {
	h := newHarness(t)
	h.watch()
	// mkdir -p and a file at once, faster than a watch can be added.
	h.write("content/x/y/z/p.zh.md", "p")
	h.expect("content/x")
	// The new folders are watched.
	h.write("content/x/y/z/p.zh.md", "changed")
	h.expect("content/x/y/z/p.zh.md")
	h.write("content/x/y/q.en.md", "q")
	h.expect("content/x/y/q.en.md")
}

func TestWatchFolderDeletedAndRecreated(t *testing.T) {
	h := newHarness(t)
	h.watch()
	h.do(os.RemoveAll(h.path("content/sec")))
	h.expect("content/sec")
	h.write("content/sec/b.zh.md", "again")
	h.expect("content/sec")
	h.write("content/sec/b.zh.md", "changed")
	h.expect("content/sec/b.zh.md")

	// The watched folder itself.
	h.do(os.RemoveAll(h.path("content")))
	h.expect("content")
	h.write("content/a.zh.md", "back")
	h.expect("content")
	h.write("content/sec/c.zh.md", "c")
	h.expect("content/sec")
	h.write("content/sec/c.zh.md", "changed")
	h.expect("content/sec/c.zh.md")
}

func TestWatchFolderRenamed(t *testing.T) {
	h := newHarness(t)
	h.write("content/sec/deep/d.zh.md", "d")
	h.watch()
	h.do(os.Rename(h.path("content/sec"), h.path("content/moved")))
	h.expect("content/sec", "content/moved")
	h.write("content/moved/deep/d.zh.md", "changed")
	b := h.expect("content/moved/deep/d.zh.md")
	for _, batch := range b {
		for _, p := range batch.Paths {
			if strings.HasPrefix(p, "content/sec") {
				t.Errorf("event under the old name %s", p)
			}
		}
	}
	// Moved out of the watched folders and back in.
	outside := filepath.Join(t.TempDir(), "out")
	h.do(os.Rename(h.path("content/moved"), outside))
	h.expect("content/moved")
	h.do(os.WriteFile(filepath.Join(outside, "deep/d.zh.md"), []byte("outside"), 0o644))
	h.expectNone(200 * time.Millisecond)
	h.do(os.Rename(outside, h.path("content/back")))
	h.expect("content/back")
	h.write("content/back/deep/d.zh.md", "in again")
	h.expect("content/back/deep/d.zh.md")
}

func TestWatchFileReplacedByFolder(t *testing.T) {
	h := newHarness(t)
	h.watch()
	h.do(os.Remove(h.path("content/a.zh.md")))
	h.write("content/a.zh.md/inner.zh.md", "inner")
	h.expect("content/a.zh.md")
	h.write("content/a.zh.md/inner.zh.md", "changed")
	h.expect("content/a.zh.md/inner.zh.md")
}

// TestWatchBurst writes 500 files as fast as a git checkout does and
// checks that they make one or two batches.
func TestWatchBurst(t *testing.T) {
	h := newHarness(t)
	h.watch()
	var want []string
	for i := range 500 {
		p := fmt.Sprintf("content/sec/p%03d.zh.md", i)
		want = append(want, p)
		h.write(p, "x")
	}
	b := h.expect(want...)
	if len(b) > 2 {
		t.Errorf("500 files made %d batches; want 1 or 2", len(b))
	}
}

// TestWatchFlood writes 10,000 times to a few files and checks that the
// watcher keeps up with few batches.
func TestWatchFlood(t *testing.T) {
	h := newHarness(t)
	h.watch()
	start := time.Now()
	for i := range 10000 {
		h.write(fmt.Sprintf("content/sec/f%d.zh.md", i%10), fmt.Sprint(i))
	}
	writing := time.Since(start)
	b := h.expect("content/sec/f0.zh.md", "content/sec/f9.zh.md")
	time.Sleep(700 * time.Millisecond)
	for len(h.batches) > 0 {
		b = append(b, <-h.batches)
	}
	// One batch per MaxWait of writing and one for the rest, give or take
	// pauses of a loaded machine: far fewer than the events.
	if max := int(writing/(100*time.Millisecond)) + 5; len(b) > max {
		t.Errorf("%v of writing made %d batches; want at most %d", writing, len(b), max)
	}
}

// TestWatchLimit replays the system's limit of watched folders (ENOSPC),
// when starting and for a folder created later, and checks that the
// watcher falls back to polling and still sees changes.
func TestWatchLimit(t *testing.T) {
	for _, when := range []string{"at start", "later"} {
		t.Run(when, func(t *testing.T) {
			h := newHarness(t)
			limit := 1
			if when == "later" {
				limit = 100
			}
			var mu sync.Mutex
			calls := 0
			w, err := newWatcher(h.opts(), func(add addFunc) addFunc {
				return func(p string) error {
					mu.Lock()
					defer mu.Unlock()
					calls++
					if calls > limit || strings.Contains(p, "toomany") {
						return syscall.ENOSPC
					}
					return add(p)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			h.start(w)
			if when == "later" {
				h.write("content/toomany/x.zh.md", "x")
			}
			h.write("content/a.zh.md", "changed")
			h.expect("content/a.zh.md")
			if !strings.Contains(h.logged(), "max_user_watches") {
				t.Errorf("log %q does not explain the fallback", h.logged())
			}
			h.write("content/sec/b.zh.md", "changed again")
			h.expect("content/sec/b.zh.md")
		})
	}
}

// TestWatchOverflow checks that lost events make a batch that asks for
// everything to be rebuilt.
func TestWatchOverflow(t *testing.T) {
	h := newHarness(t)
	w := h.watchWith(h.opts())
	w.src.(*notifier).w.Errors <- fsnotify.ErrEventOverflow
	select {
	case b := <-h.batches:
		if !b.All {
			t.Errorf("got %+v; want All", b)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch after an overflow")
	}
}

func TestWatchPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not apply to root")
	}
	h := newHarness(t)
	h.write("content/private/x.zh.md", "x")
	h.do(os.Chmod(h.path("content/private"), 0))
	t.Cleanup(func() { os.Chmod(h.path("content/private"), 0o755) })
	h.watch()
	if !strings.Contains(h.logged(), "content/private") {
		t.Errorf("log %q does not name content/private", h.logged())
	}
	h.write("content/a.zh.md", "changed")
	h.expect("content/a.zh.md")
}

func TestWatchPoll(t *testing.T) {
	h := newHarness(t)
	opts := h.opts()
	opts.Poll = 20 * time.Millisecond
	h.watchWith(opts)
	h.write("content/a.zh.md", "changed, and longer")
	h.expect("content/a.zh.md")
	h.write("content/n/new.zh.md", "new")
	h.expect("content/n", "content/n/new.zh.md")
	h.do(os.RemoveAll(h.path("content/sec")))
	h.expect("content/sec", "content/sec/b.zh.md")
	h.write("content/.a.zh.md.swp", "swap")
	h.write("content/a.zh.md~", "backup")
	h.expectNone(200 * time.Millisecond)
}

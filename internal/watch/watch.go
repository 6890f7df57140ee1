package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"guide/internal/messages"
)

// Options configure a Watcher.
type Options struct {
	// Root is the folder that holds Dirs.
	Root string
	// Dirs are the folders below Root to watch, with every folder inside
	// them: "content", "layouts", "static". A folder that does not exist
	// yet is watched once it is created.
	Dirs []string
	// Poll, when positive, makes the watcher look at the files every Poll
	// instead of waiting for file events.
	Poll time.Duration
	// Quiet is how long no event may arrive before a batch is sent; 10 ms
	// when zero. It grows in a burst of events, up to 25 times.
	Quiet time.Duration
	// MaxWait bounds how long changes are held back while events keep
	// arriving; 2 s when zero.
	MaxWait time.Duration
	// Log receives what the user should know: a switch to polling, a
	// folder that cannot be read, as a message that the package messages
	// says in the user's language. Nil discards it.
	Log func(msg messages.Text)
}

// DefaultPoll is the interval of polling when the watcher falls back to it
// by itself.
const DefaultPoll = time.Second

// Watcher watches the source folders. Create it with New, before the
// first build, so that no change made during the build is missed; then
// call Run.
type Watcher struct {
	opts Options
	b    *batcher
	// src is the source of events: a *notifier or a *poller.
	src interface {
		run(ctx context.Context) error
		close()
	}
	closeOnce sync.Once
}

// errLimit is returned by a notifier that cannot watch more folders.
var errLimit = errors.New("the system's limit of watched folders is reached")

// New sets up the watches, or takes the first look at the files when
// polling. The Watcher holds system resources until Run returns or Close is
// called.
func New(opts Options) (*Watcher, error) { return newWatcher(opts, nil) }

// addFunc watches one folder.
type addFunc func(dir string) error

// newWatcher is New for tests, which wrap fsnotify's Add to make it fail.
func newWatcher(opts Options, wrap func(addFunc) addFunc) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 2 * time.Second
	}
	if opts.Log == nil {
		opts.Log = func(messages.Text) {}
	}
	w := &Watcher{opts: opts, b: newBatcher(opts.Quiet, opts.MaxWait)}
	if opts.Poll > 0 {
		w.src = newPoller(opts, opts.Poll, w.b)
		return w, nil
	}
	n, err := newNotifier(opts, w.b, wrap)
	if errors.Is(err, errLimit) {
		opts.Log(fallbackMessage(err))
		w.src = newPoller(opts, DefaultPoll, w.b)
		return w, nil
	}
	if err != nil {
		return nil, err
	}
	w.src = n
	return w, nil
}

func fallbackMessage(err error) messages.Text {
	return messages.Sprintf("cannot watch the folders for changes (%v); looking for changes every %v instead. On Linux, raise the limit with: sudo sysctl fs.inotify.max_user_watches=524288", err, DefaultPoll)
}

// Run sends the batches of changes to fn, one call at a time, until ctx is
// done; changes that arrive while fn runs go into the next batch. It
// releases the watcher's resources before it returns.
func (w *Watcher) Run(ctx context.Context, fn func(Batch)) error {
	defer w.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		err := w.src.run(ctx)
		if errors.Is(err, errLimit) && ctx.Err() == nil {
			w.opts.Log(fallbackMessage(err))
			w.src.close()
			p := newPoller(w.opts, DefaultPoll, w.b)
			// Changes made while switching are not seen by the
			// poller's first look.
			w.b.lose()
			err = p.run(ctx)
		}
		if err != nil && ctx.Err() == nil {
			w.opts.Log(messages.Sprintf("%v", err))
		}
	})
	for {
		b, ok := w.b.next(ctx)
		if !ok {
			return nil
		}
		fn(b)
	}
}

// Close releases the watcher's resources; Run calls it.
func (w *Watcher) Close() {
	w.closeOnce.Do(func() { w.src.close() })
}

// ignoredName reports whether a file's events are of no interest: editors'
// temporary files and hidden files, which no build reads.
func ignoredName(name string) bool {
	return IsTempFile(name) || strings.HasPrefix(name, ".")
}

// notifier is the source of events from fsnotify.
type notifier struct {
	opts Options
	w    *fsnotify.Watcher
	b    *batcher
	// add watches one folder: w.Add, wrapped in tests.
	add addFunc
	// watched are the folders watched, by their path.
	watched map[string]bool
}

func newNotifier(opts Options, b *batcher, wrap func(addFunc) addFunc) (*notifier, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
			return nil, fmt.Errorf("%w: %v", errLimit, err)
		}
		return nil, err
	}
	n := &notifier{opts: opts, w: fw, b: b, add: fw.Add, watched: map[string]bool{}}
	if wrap != nil {
		n.add = wrap(fw.Add)
	}
	// The root itself, for the watched folders being created, removed or
	// replaced.
	if err := n.watch(opts.Root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range opts.Dirs {
		if err := n.watchTree(filepath.Join(opts.Root, d)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return n, nil
}

func (n *notifier) close() { n.w.Close() }

func (n *notifier) watch(dir string) error {
	if err := n.add(dir); err != nil {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
			return fmt.Errorf("%w: %v", errLimit, err)
		}
		return err
	}
	n.watched[dir] = true
	return nil
}

// watchTree watches dir and every folder inside it. Folders that cannot be
// read are reported and left out; only reaching the system's limit is an
// error.
func (n *notifier) watchTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				n.opts.Log(messages.Sprintf("cannot watch %s: %v", n.rel(p), err))
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if err := n.watch(p); err != nil {
			if errors.Is(err, errLimit) {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				n.opts.Log(messages.Sprintf("cannot watch %s: %v", n.rel(p), err))
			}
			return fs.SkipDir
		}
		return nil
	})
}

// unwatch stops watching dir and the folders below it, which were removed
// or moved away; their watches would report events under the old names.
func (n *notifier) unwatch(dir string) {
	for p := range n.watched {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			_ = n.w.Remove(p)
			delete(n.watched, p)
		}
	}
}

func (n *notifier) rel(p string) string {
	r, err := filepath.Rel(n.opts.Root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

func (n *notifier) run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-n.w.Events:
			if !ok {
				return nil
			}
			if err := n.handle(ev); err != nil {
				return err
			}
		case err, ok := <-n.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were dropped: rebuild everything and
				// look for folders created in the meantime.
				n.b.lose()
				for _, d := range n.opts.Dirs {
					if err := n.watchTree(filepath.Join(n.opts.Root, d)); err != nil {
						return err
					}
				}
				continue
			}
			n.opts.Log(messages.Sprintf("watching the folders: %v", err))
		}
	}
}

func (n *notifier) handle(ev fsnotify.Event) error {
	rel := n.rel(ev.Name)
	if rel == "." || strings.HasPrefix(rel, "../") {
		return nil
	}
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(n.opts.Dirs, top) {
		return nil // another file of the root, such as public/
	}
	isDir := false
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			isDir = true
			if err := n.watchTree(ev.Name); err != nil {
				return err
			}
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		isDir = n.watched[ev.Name]
		n.unwatch(ev.Name)
	}
	if !isDir && ignoredName(filepath.Base(ev.Name)) {
		return nil
	}
	n.b.add(rel)
	return nil
}

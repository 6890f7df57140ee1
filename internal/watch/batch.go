package watch

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Batch is the set of paths that changed since the last batch.
type Batch struct {
	// Paths are slash-separated and relative to the root, sorted. A path
	// may name a file or a folder that was created, written, removed or
	// renamed.
	Paths []string
	// All is set when events were lost (the system's event queue
	// overflowed, or the watcher switched to polling): anything may have
	// changed.
	All bool
	// First is when the first change of the batch was seen.
	First time.Time
	// Events counts the file events gathered into the batch.
	Events int
}

// burst is the number of events from which a batch counts as a burst: a
// program (git, a copy, a formatter) is writing many files. The quiet time
// grows with the events of a burst, by one quiet time per burst of events,
// up to maxQuiet quiet times, because such programs pause now and then
// between files, the more so on a busy machine; waiting a little longer at
// the end of a burst costs less than a rebuild in the middle of it.
const (
	burst    = 16
	maxQuiet = 25
)

// batcher gathers changes until the folders are quiet. Sources call add
// and lose from their goroutines; next runs in the goroutine that handles
// the batches.
type batcher struct {
	quiet, maxWait time.Duration

	mu          sync.Mutex
	paths       map[string]bool
	all         bool
	events      int
	first, last time.Time
	wake        chan struct{} // has a value when something arrived
}

func newBatcher(quiet, maxWait time.Duration) *batcher {
	return &batcher{quiet: quiet, maxWait: maxWait, paths: map[string]bool{}, wake: make(chan struct{}, 1)}
}

// add records a change to path.
func (b *batcher) add(path string) {
	b.mu.Lock()
	b.note()
	b.paths[path] = true
	b.mu.Unlock()
	b.signal()
}

// lose records that changes may have been missed.
func (b *batcher) lose() {
	b.mu.Lock()
	b.note()
	b.all = true
	b.mu.Unlock()
	b.signal()
}

// note counts an event; b.mu is held.
func (b *batcher) note() {
	now := time.Now()
	if b.events == 0 {
		b.first = now
	}
	b.events++
	b.last = now
}

func (b *batcher) signal() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// next waits for changes and for the quiet that ends them, and returns
// them as a batch. It returns false when ctx is done.
func (b *batcher) next(ctx context.Context) (Batch, bool) {
	for {
		b.mu.Lock()
		events, first, last := b.events, b.first, b.last
		b.mu.Unlock()
		if events == 0 {
			select {
			case <-ctx.Done():
				return Batch{}, false
			case <-b.wake:
				continue
			}
		}
		quiet := b.quiet * time.Duration(min(1+events/burst, maxQuiet))
		due := last.Add(quiet)
		if limit := first.Add(b.maxWait); limit.Before(due) {
			due = limit
		}
		wait := time.Until(due)
		if wait <= 0 {
			return b.take(), true
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return Batch{}, false
		case <-t.C:
		case <-b.wake:
			t.Stop()
		}
	}
}

func (b *batcher) take() Batch {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := Batch{All: b.all, First: b.first, Events: b.events}
	for p := range b.paths {
		out.Paths = append(out.Paths, p)
	}
	slices.Sort(out.Paths)
	b.paths = map[string]bool{}
	b.all, b.events = false, 0
	return out
}

package watch

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"time"

	"guide/internal/messages"
)

// poller is the source of changes for file systems that send no events:
// it compares what the folders hold at each tick with the tick before.
type poller struct {
	opts  Options
	every time.Duration
	b     *batcher
	last  map[string]fileState
	// reported are the paths that could not be read at the last look,
	// so that each failure is reported once.
	reported map[string]bool
}

// fileState is what the poller compares to see a change. The size catches
// writes within the resolution of a file system's modification times.
type fileState struct {
	mod  time.Time
	size int64
	mode fs.FileMode
}

func newPoller(opts Options, every time.Duration, b *batcher) *poller {
	p := &poller{opts: opts, every: every, b: b, reported: map[string]bool{}}
	p.last = p.scan()
	return p
}

func (p *poller) close() {}

func (p *poller) run(ctx context.Context) error {
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		now := p.scan()
		for path, st := range now {
			if old, ok := p.last[path]; !ok || old != st {
				p.b.add(path)
			}
		}
		for path := range p.last {
			if _, ok := now[path]; !ok {
				p.b.add(path)
			}
		}
		p.last = now
	}
}

// scan records the state of every file and folder below the watched
// folders, by slash-separated path relative to the root.
func (p *poller) scan() map[string]fileState {
	files := map[string]fileState{}
	failed := map[string]bool{}
	defer func() { p.reported = failed }()
	for _, d := range p.opts.Dirs {
		root := filepath.Join(p.opts.Root, d)
		_ = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			rel, rerr := filepath.Rel(p.opts.Root, path)
			if rerr != nil {
				return nil
			}
			rel = filepath.ToSlash(rel)
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					failed[rel] = true
					if !p.reported[rel] {
						p.opts.Log(messages.Sprintf("cannot look at %s: %v", rel, err))
					}
				}
				return nil
			}
			if !e.IsDir() && ignoredName(e.Name()) {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			st := fileState{mod: info.ModTime(), size: info.Size(), mode: info.Mode()}
			if e.IsDir() {
				// A folder's time changes with every file added or
				// removed in it; its files report those changes.
				st = fileState{mode: info.Mode()}
			}
			files[rel] = st
			return nil
		})
	}
	return files
}

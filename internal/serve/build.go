package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/site"
	"guide/internal/watch"
)

// state is one version of what the server serves. It is never changed
// once stored; a rebuild makes a new one.
type state struct {
	// version counts the states that the browsers were told about, and
	// build names it for them: the server's id and the version.
	version int
	build   string
	// files are the files of the last good build by their path below
	// the root ("en/interview/index.html"); nil before the first one.
	files map[string]*file
	// problems are the errors of the last build when it failed.
	problems diag.List
	// warnings are what Dev mode let through in the last good build.
	warnings diag.List
	// overlay and banner are the HTML added to every page for the
	// problems and the warnings, rendered once per state.
	overlay, banner []byte
}

// file is one file of the built site.
type file struct {
	data  []byte
	ctype string
	etag  string
}

func newFile(name string, data []byte) *file {
	h := fnv.New64a()
	h.Write(data)
	return &file{data: data, ctype: contentType(name, data), etag: fmt.Sprintf(`"%x"`, h.Sum64())}
}

// event is what the browsers are told after a rebuild.
type event struct {
	// kind is "reload" or "css".
	kind  string
	build string
	// css are the stylesheets to swap, for "css".
	css []swap
}

// swap is a stylesheet to load again: the URL path a page links, and the
// one to link instead. They differ when the stylesheet is published under
// a new name, which carries the hash of its content.
type swap struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// rebuild builds the site again after the changes of b, from the last good
// build, replaces what is served and tells the browsers. The first call,
// with b.All, builds everything.
func (s *Server) rebuild(ctx context.Context, b watch.Batch) {
	start := time.Now()
	ns, ch, out, err := s.build(ctx, b)
	if ctx.Err() != nil {
		return
	}
	took := time.Since(start)
	old := s.state.Load()
	next := &state{version: old.version + 1, files: old.files}
	next.build = fmt.Sprintf("%s-%d", s.id, next.version)
	if err != nil {
		s.fail(old, next, describe(b), err)
		return
	}

	s.good, s.dirty = ns, map[string]bool{}
	var changed []string
	next.files, changed = merge(old.files, out.Files, ch)
	next.warnings = ns.Warnings
	next.banner = s.renderBanner(ns.Warnings)
	// The warnings are compared by their fields, not as printed: a site
	// of thousands of pages may have thousands of warnings, and printing
	// them all twice on every save would cost more than the build.
	warningsChanged := !slices.EqualFunc(ns.Warnings, old.warnings, diag.Same)
	ev := tell(old, next, ch, changed, warningsChanged)
	if ev.kind == "" {
		next.version, next.build = old.version, old.build
	}
	ev.build = next.build
	s.state.Store(next)
	if ev.kind != "" {
		s.hub.broadcast(ev)
	}

	line := s.p.Text(summarize(describe(b), ch, len(ns.Pages()), took))
	if old.files == nil && ch.Result != nil {
		// The first build: "built 28 pages (zh 14, en 14), 12 static
		// files in 126 ms".
		line = s.p.Text(ch.Result.Summary(messages.Sprintf("built"), ns.Content.Site.Languages))
	}
	if len(old.problems) > 0 {
		line = s.p.Sprintf("%s (fixed)", line)
	}
	s.printf(s.opts.Stdout, "%s\n", line)
	if warningsChanged && len(ns.Warnings) > 0 {
		s.printf(s.opts.Stderr, "%s", s.terminalReport(ns.Warnings))
	}
}

// build builds the site after the changes of b: in full the first time,
// else as an update of the last good build. The files it writes are kept
// aside in out until the whole build is done.
func (s *Server) build(ctx context.Context, b watch.Batch) (*site.Site, *site.Changes, *site.Memory, error) {
	paths := b.Paths
	if b.All {
		paths = []string{"."}
	}
	// Update starts from the last good build, so it needs every path
	// changed since, not just those of this batch.
	for _, p := range paths {
		s.dirty[p] = true
	}
	out := &site.Memory{Files: map[string][]byte{}}
	if s.good != nil {
		ns, ch, err := s.good.Update(ctx, out, slices.Sorted(maps.Keys(s.dirty)))
		return ns, ch, out, err
	}
	ch := &site.Changes{Full: true}
	ns, errs := site.Load(s.opts.Site)
	if ns == nil {
		return nil, ch, out, errs.Err()
	}
	var err error
	ch.Result, err = ns.Build(ctx, out)
	return ns, ch, out, err
}

// fail stores next, the state of a build that failed with err: the last
// good build with the problems over it. It tells the browsers and prints
// the problems.
func (s *Server) fail(old, next *state, what messages.Text, err error) {
	var list diag.List
	if !errors.As(err, &list) {
		list = diag.List{{Msg: err.Error(), Format: "%v", Args: []any{err}}}
	}
	next.problems, next.warnings = list, old.warnings
	next.overlay = s.renderOverlay(list)
	next.banner = old.banner
	s.state.Store(next)
	s.hub.broadcast(event{kind: "reload", build: next.build})
	last := messages.Sprintf("still serving the last good build")
	if old.files == nil {
		last = messages.Sprintf("nothing to serve until it is fixed")
	}
	if len(list) == 1 {
		s.printf(s.opts.Stderr, "%s: 1 problem; %s:\n%s", what, last, s.terminalReport(list))
	} else {
		s.printf(s.opts.Stderr, "%s: %d problems; %s:\n%s", what, len(list), last, s.terminalReport(list))
	}
}

// tell returns the event that brings the browsers from the state old to
// next: a reload, new stylesheets, or nothing (an event without kind).
func tell(old, next *state, ch *site.Changes, changed []string, warningsChanged bool) event {
	switch {
	case len(old.problems) > 0 || warningsChanged:
		return event{kind: "reload"}
	case len(changed) == 0:
		// A save without changes: nothing to show.
		return event{}
	case allCSS(changed):
		ev := event{kind: "css"}
		for _, name := range changed {
			ev.css = append(ev.css, swap{"/" + name, "/" + name})
		}
		slices.SortFunc(ev.css, func(a, b swap) int { return strings.Compare(a.From, b.From) })
		return ev
	}
	if swaps, ok := renamedCSS(ch.Renamed, changed, old.files, next.files); ok {
		return event{kind: "css", css: swaps}
	}
	return event{kind: "reload"}
}

// merge makes the files of the new state from the old ones and those
// that a rebuild wrote, and returns the names of the files that changed.
// Unchanged files keep their old values, ETags included.
func merge(old map[string]*file, written map[string][]byte, ch *site.Changes) (map[string]*file, []string) {
	files := make(map[string]*file, len(old)+len(written))
	var changed []string
	if !ch.Full {
		for name, f := range old {
			files[name] = f
		}
		for _, name := range ch.Removed {
			if files[name] != nil {
				delete(files, name)
				changed = append(changed, name)
			}
		}
	} else {
		// A full build wrote every file there is.
		for name := range old {
			if written[name] == nil {
				changed = append(changed, name)
			}
		}
	}
	for name, data := range written {
		if f := old[name]; f != nil && bytes.Equal(f.data, data) {
			files[name] = f
			continue
		}
		files[name] = newFile(name, data)
		changed = append(changed, name)
	}
	return files, changed
}

// renamedCSS reports whether a rebuild changed nothing but stylesheets that
// are published under new names, with the pages that name them; it returns
// the swaps that bring a page up to date. A page changed by nothing else
// is the old page with the old names replaced by the new.
func renamedCSS(renamed map[string]string, changed []string, old, next map[string]*file) ([]swap, bool) {
	if len(renamed) == 0 {
		return nil, false
	}
	var swaps []swap
	var pairs []string
	names := map[string]bool{}
	for from, to := range renamed {
		if path.Ext(from) != ".css" {
			return nil, false
		}
		swaps = append(swaps, swap{"/" + from, "/" + to})
		pairs = append(pairs, from, to)
		names[from], names[to] = true, true
	}
	replace := strings.NewReplacer(pairs...)
	for _, name := range changed {
		if names[name] {
			continue
		}
		o, n := old[name], next[name]
		if o == nil || n == nil || replace.Replace(string(o.data)) != string(n.data) {
			return nil, false
		}
	}
	slices.SortFunc(swaps, func(a, b swap) int { return strings.Compare(a.From, b.From) })
	return swaps, true
}

func allCSS(names []string) bool {
	for _, n := range names {
		if path.Ext(n) != ".css" {
			return false
		}
	}
	return true
}

// describe says what changed, for the line printed after a rebuild:
// "content/interview.zh.md changed". A file's name may hold anything but
// a slash, and is made printable.
func describe(b watch.Batch) messages.Text {
	paths := make([]string, len(b.Paths))
	for i, p := range b.Paths {
		paths[i] = diag.Printable(p)
	}
	switch {
	case b.All && b.Events == 0:
		return messages.Sprintf("the first build")
	case b.All:
		return messages.Sprintf("files changed (events were lost, so everything was read again)")
	case len(paths) <= 3:
		return messages.Sprintf("%s changed", strings.Join(paths, ", "))
	}
	return messages.Sprintf("%d files changed (%s, …)", len(paths), strings.Join(paths[:2], ", "))
}

// summarize says what a rebuild after the change what did: "content/a.zh.md
// changed: rebuilt 2 pages in 4 ms".
func summarize(what messages.Text, ch *site.Changes, total int, took time.Duration) messages.Text {
	ms := took.Milliseconds()
	if ch.Full {
		return messages.Sprintf("%s: rebuilt all %d pages in %d ms", what, total, ms)
	}
	// The sitemap is written after every change to pages; other files
	// are written when they changed.
	files := 0
	for _, f := range ch.Files {
		if f != "sitemap.xml" && f != "robots.txt" && f != "404.html" {
			files++
		}
	}
	pages := len(ch.Pages)
	switch {
	case pages > 0 && files > 0:
		return messages.Sprintf("%s: rebuilt %d %s, updated %d %s in %d ms", what, pages, messages.Plural(pages, "page", "pages"), files, messages.Plural(files, "file", "files"), ms)
	case pages > 0:
		return messages.Sprintf("%s: rebuilt %d %s in %d ms", what, pages, messages.Plural(pages, "page", "pages"), ms)
	case files > 0:
		return messages.Sprintf("%s: updated %d %s in %d ms", what, files, messages.Plural(files, "file", "files"), ms)
	}
	return messages.Sprintf("%s: no page changed in %d ms", what, ms)
}

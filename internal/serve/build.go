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
	paths := b.Paths
	if b.All {
		paths = []string{"."}
	}
	// Update starts from the last good build, so it needs every path
	// changed since, not just those of this batch.
	for _, p := range paths {
		s.dirty[p] = true
	}
	// The files of a rebuild are kept aside until the whole build is done.
	out := &site.Memory{Files: map[string][]byte{}}

	var ns *site.Site
	var ch *site.Changes
	var err error
	if s.good == nil {
		ch = &site.Changes{Full: true}
		var errs diag.List
		if ns, errs = site.Load(s.opts.Site); ns == nil {
			err = errs.Err()
		} else {
			ch.Result, err = ns.Build(ctx, out)
		}
	} else {
		ns, ch, err = s.good.Update(ctx, out, slices.Sorted(maps.Keys(s.dirty)))
	}
	if ctx.Err() != nil {
		return
	}
	took := time.Since(start)
	old := s.state.Load()
	next := &state{version: old.version + 1, files: old.files}
	next.build = fmt.Sprintf("%s-%d", s.id, next.version)

	what := describe(b)
	if err != nil {
		var list diag.List
		if !errors.As(err, &list) {
			list = diag.List{{Msg: err.Error()}}
		}
		next.problems, next.warnings = list, old.warnings
		next.overlay = s.renderOverlay(list)
		next.banner = old.banner
		s.state.Store(next)
		s.hub.broadcast(event{kind: "reload", build: next.build})
		last := "still serving the last good build"
		if old.files == nil {
			last = "nothing to serve until it is fixed"
		}
		s.printf(s.opts.Stderr, "%s: %d %s; %s:\n%s", what, len(list), plural(len(list), "problem", "problems"), last, s.terminalReport(list))
		return
	}

	s.good, s.dirty = ns, map[string]bool{}
	var changed []string
	next.files, changed = merge(old.files, out.Files, ch)
	next.warnings = ns.Warnings
	next.banner = s.renderBanner(ns.Warnings)
	warningsChanged := ns.Warnings.Error() != old.warnings.Error()

	var ev event
	switch {
	case len(old.problems) > 0 || warningsChanged:
		ev = event{kind: "reload"}
	case len(changed) == 0:
		// A save without changes: nothing to show.
	case allCSS(changed):
		ev = event{kind: "css"}
		for _, name := range changed {
			ev.css = append(ev.css, swap{"/" + name, "/" + name})
		}
		slices.SortFunc(ev.css, func(a, b swap) int { return strings.Compare(a.From, b.From) })
	default:
		ev = event{kind: "reload"}
		if swaps, ok := renamedCSS(ch.Renamed, changed, old.files, next.files); ok {
			ev = event{kind: "css", css: swaps}
		}
	}
	if ev.kind == "" {
		next.version, next.build = old.version, old.build
	}
	ev.build = next.build
	s.state.Store(next)
	if ev.kind != "" {
		s.hub.broadcast(ev)
	}

	line := what + ": " + summarize(ch, len(ns.Pages()), took)
	if old.files == nil && ch.Result != nil {
		// The first build: "built 28 pages (zh 14, en 14), 12 static
		// files in 126 ms".
		line = ch.Result.Summary(messages.Sprintf("built"), ns.Content.Site.Languages).String()
	}
	if len(old.problems) > 0 {
		line += " (fixed)"
	}
	s.printf(s.opts.Stdout, "%s\n", line)
	if warningsChanged && len(ns.Warnings) > 0 {
		s.printf(s.opts.Stderr, "%s", s.terminalReport(ns.Warnings))
	}
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
func describe(b watch.Batch) string {
	return diag.Printable(describePaths(b))
}

func describePaths(b watch.Batch) string {
	switch {
	case b.All && b.Events == 0:
		return "the first build"
	case b.All:
		return "files changed (events were lost, so everything was read again)"
	case len(b.Paths) == 1:
		return b.Paths[0] + " changed"
	case len(b.Paths) <= 3:
		return strings.Join(b.Paths, ", ") + " changed"
	}
	return fmt.Sprintf("%d files changed (%s, …)", len(b.Paths), strings.Join(b.Paths[:2], ", "))
}

// summarize says what a rebuild did: "rebuilt 2 pages in 4 ms".
func summarize(ch *site.Changes, total int, took time.Duration) string {
	ms := fmt.Sprintf("in %d ms", took.Milliseconds())
	if ch.Full {
		return fmt.Sprintf("rebuilt all %d pages %s", total, ms)
	}
	var parts []string
	if n := len(ch.Pages); n > 0 {
		parts = append(parts, fmt.Sprintf("rebuilt %d %s", n, plural(n, "page", "pages")))
	}
	// The sitemap is written after every change to pages; other files
	// are written when they changed.
	files := 0
	for _, f := range ch.Files {
		if f != "sitemap.xml" && f != "robots.txt" && f != "404.html" {
			files++
		}
	}
	if files > 0 {
		parts = append(parts, fmt.Sprintf("updated %d %s", files, plural(files, "file", "files")))
	}
	if len(parts) == 0 {
		return "no page changed " + ms
	}
	return strings.Join(parts, ", ") + " " + ms
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

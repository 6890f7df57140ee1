package site

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/watch"
)

// Changes reports what Site.Update did.
type Changes struct {
	// Full is set when the whole site was loaded and built again: out
	// received every file of the site, and a file it did not receive no
	// longer exists.
	Full bool
	// Pages are the output paths of the pages rendered again.
	Pages []string
	// Files are the output paths of the other files written: static files
	// and assets copied, files made by extensions, the sitemap.
	Files []string
	// Removed are the output paths of files that no longer exist.
	Removed []string
	// Renamed are the files published under a new name because their
	// content changed (assets.go), by their old output path, with the
	// new one. The old names are also in Removed, unless the build was
	// full; the pages that load the files were rendered again.
	Renamed map[string]string
	// Result counts what was written, as for Build.
	Result *Result
}

// Update brings a built site up to date with changes to its sources and
// returns the new site; s stays as it was, so that a caller may keep
// serving it when the new one has errors. changed are the paths that
// changed since s was built, slash-separated and relative to Options.Root
// ("content/interview.zh.md", "static/css", "layouts/base.html"); a path
// may name a folder, or a file or folder that no longer exists. out
// receives only the files that the changes affect.
//
// A change to a layout, an interface string, the site settings, a YAML data
// file, a picture (which extensions may read: the walkthroughs resize them)
// or the set of assets and static files loads and builds everything again
// (Changes.Full), and so does a change to a stylesheet or script, which is
// published under a new name that every page that loads it must name.
// Another changed static file or asset is copied alone. A change to
// Markdown files reads those files again and renders:
//
//   - the pages whose source changed (a save without changes renders
//     nothing);
//   - the pages whose translations appeared or disappeared, for their
//     language switcher and hreflang links;
//   - the home and folder pages whose list of children changed: a title,
//     description, weight or number of steps, or a page added or removed;
//   - the pages that link to a page that no longer exists, so that the
//     broken link is reported;
//   - the pages whose text shows a fact of a page whose steps changed,
//     came or went ("{interview#return.fee}", facts.go);
//   - the pages whose extension data changed.
//
// The links to anchors are checked again across all pages, with the anchors
// each page had when it was last rendered. The sitemap, robots.txt and the
// 404 page are written again when a front matter changed or pages came or
// went. This is sound as long as layouts see other pages only through
// PageData's Translations and Children, as the layouts of this repository
// do; TestUpdateMatchesBuild compares the result with a full build.
//
// Update must not be called on a site before Build returned without error,
// and calls for one site must not overlap.
func (s *Site) Update(ctx context.Context, out Output, changed []string) (*Site, *Changes, error) {
	start := time.Now()
	plan := s.plan(changed)
	if plan.full || s.built == nil || s.opts.Once {
		return s.rebuild(ctx, out)
	}
	ch := &Changes{Result: &Result{Pages: map[string]int{}, Sizes: map[string]int{}, Warnings: s.Warnings}}
	ns := s
	if len(plan.content) > 0 {
		var full bool
		var err error
		ns, full, err = s.updatePages(ctx, out, plan.content, ch)
		if full {
			return s.rebuild(ctx, out)
		}
		if err != nil {
			return nil, ch, err
		}
	}
	var errs diag.List
	for _, p := range plan.copies {
		if _, rest, _ := strings.Cut(p, "/"); hashed(rest) {
			// Its new name is in pages that are not rendered here.
			return s.rebuild(ctx, out)
		}
	}
	for _, p := range plan.copies {
		name, err := ns.copyFile(out, p)
		if err != nil {
			errs.Append(err)
			continue
		}
		ch.Files = append(ch.Files, name)
		ch.Result.Static++
	}
	ch.Result.Duration = time.Since(start)
	if len(errs) > 0 {
		return nil, ch, errs.Sort()
	}
	return ns, ch, nil
}

// rebuild loads and builds the whole site again.
func (s *Site) rebuild(ctx context.Context, out Output) (*Site, *Changes, error) {
	ch := &Changes{Full: true}
	ns, errs := Load(s.opts)
	if ns == nil {
		return nil, ch, errs.Err()
	}
	res, err := ns.Build(ctx, out)
	ch.Result = res
	if err != nil {
		return nil, ch, err
	}
	ch.Renamed = s.Renamed(ns)
	return ns, ch, nil
}

// updatePlan sorts changed paths into what Update must do with them.
type updatePlan struct {
	full bool
	// content are paths under content/ to read again.
	content []string
	// copies are static files and assets to copy, relative to the root.
	copies []string
}

func (s *Site) plan(changed []string) updatePlan {
	var pl updatePlan
	for _, p := range changed {
		p = path.Clean(p)
		top, rest, _ := strings.Cut(p, "/")
		name := path.Base(p)
		hiddenOrTemp := strings.HasPrefix(name, ".") || watch.IsTempFile(name)
		switch {
		case top == "." || rest == "" && (top == "content" || top == "layouts" || top == "static"):
			pl.full = true
		case top == "layouts":
			if !hiddenOrTemp {
				pl.full = true
			}
		case top == "content":
			switch ext := strings.ToLower(path.Ext(rest)); {
			case hiddenOrTemp:
			case rest == content.SiteFile, ext == ".yaml" || ext == ".yml":
				// Extensions may read any YAML file.
				pl.full = true
			case content.Ignored(rest):
			case isImage(rest) && len(s.opts.Extensions) > 0:
				// An extension may read a picture (the walkthroughs
				// publish resized copies and its size), so a changed
				// picture builds everything again.
				pl.full = true
			case slices.Contains(s.Content.Assets, rest) && isFile(s.opts.Root, p):
				pl.copies = append(pl.copies, p)
			default:
				// Pages, folders, paths that are gone and new
				// files: Reload sorts them out, and updatePages
				// falls back to a full build when assets or data
				// files appeared or disappeared.
				pl.content = append(pl.content, rest)
			}
		case top == "static":
			switch {
			case watch.IsTempFile(name):
			case slices.Contains(s.Static, rest) && isFile(s.opts.Root, p):
				pl.copies = append(pl.copies, p)
			case strings.HasPrefix(name, ".") && isFile(s.opts.Root, p):
				// Hidden files are not published; hidden folders
				// such as .well-known are.
			default:
				// A static file added or removed changes the
				// addresses that links may point to.
				pl.full = true
			}
		}
	}
	return pl
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

func isFile(fsys fs.FS, name string) bool {
	info, err := fs.Lstat(fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// copyFile copies one static file or asset, given by its path under the
// root, to out, as Build does.
func (s *Site) copyFile(out Output, p string) (string, error) {
	_, name, _ := strings.Cut(p, "/")
	data, err := fs.ReadFile(s.opts.Root, p)
	if err != nil {
		return "", &diag.Error{Pos: diag.Pos{File: p}, Msg: "cannot read: " + err.Error()}
	}
	if data, err = minifyFile(p, data); err != nil {
		return "", err
	}
	if err := out.WriteFile(name, data); err != nil {
		return "", &diag.Error{Pos: diag.Pos{File: name}, Msg: "cannot write: " + err.Error()}
	}
	return name, nil
}

// updatePages reads the Markdown files at paths (under content/) again and
// renders what depends on them. full reports that the change needs a full
// build instead.
func (s *Site) updatePages(ctx context.Context, out Output, paths []string, ch *Changes) (ns *Site, full bool, err error) {
	contentFS, err := fs.Sub(s.opts.Root, "content")
	if err != nil {
		return nil, true, nil
	}
	c, errs := s.Content.Reload(contentFS, paths)
	if !slices.Equal(c.Assets, s.Content.Assets) || !slices.Equal(c.Data, s.Content.Data) {
		return nil, true, nil
	}

	saved, restore := s.detachData(c)
	ns = &Site{opts: s.opts, Content: c, Layouts: s.Layouts, baseURL: s.baseURL, renderer: s.renderer,
		byURL: make(map[string]*content.Page, len(s.byURL)), byPath: make(map[string]*content.Page, len(s.byPath)),
		assets: make(map[string]bool, len(s.assets)), static: make(map[string]bool, len(s.static)), files: make(map[string][]byte, len(s.files))}
	s.shareNamed(ns)
	if _, errs = ns.index(errs, true); len(errs) > 0 {
		restore()
		return nil, false, errs.Sort()
	}
	if !sameKeys(ns.assets, s.assets) {
		restore()
		return nil, true, nil
	}

	olds := s.oldIndexes(ns)
	render, extras := s.dependents(ns, saved, olds)
	built := make([]pageResult, len(ns.pages))
	for i := range ns.pages {
		if !render[i] {
			built[i] = s.built[olds[i]]
		}
	}
	errs = ns.renderChanged(ctx, out, render, built, ch)
	if err := ctx.Err(); err != nil {
		restore()
		return nil, false, err
	}
	errs = append(errs, ns.checkRefs(built)...)
	for u := range s.byURL {
		if ns.byURL[u] == nil {
			ch.Removed = append(ch.Removed, strings.TrimPrefix(u, "/")+"index.html")
		}
	}
	errs = append(errs, ns.writeChangedFiles(s, out, ch)...)
	if len(errs) == 0 && extras {
		rec := &recordingOutput{out: out}
		errs = append(errs, ns.writeExtras(rec)...)
		ch.Files = append(ch.Files, rec.names...)
	}
	if len(errs) > 0 {
		restore()
		return nil, false, errs.Sort()
	}
	ns.built = built
	ns.Warnings = append(ns.Warnings[:ns.indexed:ns.indexed], pageWarnings(built)...)
	ch.Result.Warnings = ns.Warnings
	return ns, false, nil
}

// detachData takes the data that extensions attached off the pages of s
// and c, the content after an update. Extensions attach data to pages, and
// the pages of unchanged files are shared with s; Load starts with pages
// without data, and so must the extensions run in an update. It returns
// the data of the pages of s, and the function that gives it back to them
// when the update fails.
func (s *Site) detachData(c *content.Content) (saved map[*content.Page]any, restore func()) {
	saved = map[*content.Page]any{}
	for _, p := range s.Content.Pages {
		if p.Data != nil {
			saved[p] = p.Data
		}
	}
	restore = func() {
		for _, p := range c.Pages {
			p.Data = nil
		}
		for p, d := range saved {
			p.Data = d
		}
	}
	for _, p := range c.Pages {
		p.Data = nil
	}
	return saved, restore
}

// oldIndexes returns the index in s.pages of the page at the address of
// each page of ns, the site after an update, or -1. URLPath costs more
// than it seems when a site has thousands of pages, so each address is
// worked out once.
func (s *Site) oldIndexes(ns *Site) []int {
	oldIndex := make(map[*content.Page]int, len(s.pages))
	for i, p := range s.pages {
		oldIndex[p] = i
	}
	olds := make([]int, len(ns.pages))
	for i, q := range ns.pages {
		olds[i] = -1
		if old := s.byURL[ns.URLPath(q)]; old != nil {
			olds[i] = oldIndex[old]
		}
	}
	return olds
}

// writeChangedFiles writes the files of the extensions of ns that differ
// from those of s, under their published names, and notes the files of s
// that ns no longer publishes, or publishes under another name. The pages
// that name a renamed file were rendered again: the name is in the
// extension's data for the page, which changed with it.
func (ns *Site) writeChangedFiles(s *Site, out Output, ch *Changes) diag.List {
	var errs diag.List
	for _, p := range slices.Sorted(maps.Keys(ns.files)) {
		if old, ok := s.files[p]; ok && bytes.Equal(old, ns.files[p]) {
			continue
		}
		name, data, err := ns.publishedFile(p)
		if err != nil {
			errs.Append(err)
			continue
		}
		if err := out.WriteFile(name, data); err != nil {
			errs.Add(diag.Pos{File: name}, "%v", err)
			continue
		}
		ch.Files = append(ch.Files, name)
		ch.Result.Static++
		if _, ok := s.files[p]; ok {
			if oldName := s.AssetName(p); oldName != name {
				ch.Removed = append(ch.Removed, oldName)
				if ch.Renamed == nil {
					ch.Renamed = map[string]string{}
				}
				ch.Renamed[oldName] = name
			}
		}
	}
	for p := range s.files {
		if _, ok := ns.files[p]; !ok {
			ch.Removed = append(ch.Removed, s.AssetName(p))
		}
	}
	return errs
}

// dependents marks the pages of ns that must be rendered again because
// they differ from those of s or show something of a page that changed.
// saved holds the extension data the pages of s had, and olds the index in
// s.pages of the page at the address of each page of ns, or -1. extras
// reports whether the files made from the whole site (the sitemap, the 404
// page) may have changed.
func (s *Site) dependents(ns *Site, saved map[*content.Page]any, olds []int) (render []bool, extras bool) {
	render = make([]bool, len(ns.pages))
	removed := map[string]bool{}
	setChanged := false
	for u := range s.byURL {
		if ns.byURL[u] == nil {
			removed[u] = true
			setChanged = true
		}
	}
	for u := range ns.byURL {
		if s.byURL[u] == nil {
			setChanged = true
		}
	}
	// The pages that changed themselves. Lists of pages show only the
	// front matter and the description of a page, so a change to the
	// text alone leaves every other page as it was.
	listed := setChanged
	for i, q := range ns.pages {
		var old *content.Page
		if olds[i] >= 0 {
			old = s.pages[olds[i]]
		}
		switch {
		case old == nil:
			render[i] = true
		case old != q:
			// Read again, or made again by an extension.
			render[i] = !samePage(old, q, old.Data)
			if render[i] && (!reflect.DeepEqual(old.Meta, q.Meta) || old.Description() != q.Description()) {
				listed = true
			}
		default:
			render[i] = !reflect.DeepEqual(saved[old], q.Data)
		}
	}
	s.factReaders(ns, olds, removed, render)
	if !listed {
		return render, false
	}
	// The pages that show them.
	for i, q := range ns.pages {
		if render[i] {
			continue
		}
		old := s.pages[olds[i]]
		if q.IsIndex() && !slices.Equal(s.childList(old), ns.childList(q)) {
			render[i] = true
			continue
		}
		if !setChanged {
			continue
		}
		for _, l := range ns.Content.Site.Languages {
			t := ns.urlFor(q.Key, l.Code)
			if (s.byURL[t] == nil) != (ns.byURL[t] == nil) {
				render[i] = true
				break
			}
		}
		if render[i] {
			continue
		}
		for _, r := range s.built[olds[i]].refs {
			if removed[r.target] {
				render[i] = true
				break
			}
		}
	}
	return render, true
}

// samePage reports whether two readings of a page are the same; data is
// the extension data a had.
func samePage(a, b *content.Page, data any) bool {
	return a.Path == b.Path && a.Key == b.Key && a.Lang == b.Lang && a.BodyLine == b.BodyLine &&
		bytes.Equal(a.Body, b.Body) && reflect.DeepEqual(a.Meta, b.Meta) && reflect.DeepEqual(data, b.Data)
}

// renderChanged renders the pages marked in which, with Build's worker
// pool, and records them in ch.
func (s *Site) renderChanged(ctx context.Context, out Output, which []bool, results []pageResult, ch *Changes) diag.List {
	var mu sync.Mutex
	errs := s.renderPages(ctx, out, which, results, func(p *content.Page, name string, html []byte, _ pageResult) {
		mu.Lock()
		defer mu.Unlock()
		ch.Pages = append(ch.Pages, name)
		ch.Result.Pages[p.Lang]++
		ch.Result.Sizes[name] = len(html)
	})
	slices.Sort(ch.Pages)
	return errs
}

func sameKeys(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// recordingOutput passes files on to out and notes their names.
type recordingOutput struct {
	out   Output
	names []string
}

func (r *recordingOutput) WriteFile(name string, data []byte) error {
	if err := r.out.WriteFile(name, data); err != nil {
		return err
	}
	r.names = append(r.names, name)
	return nil
}

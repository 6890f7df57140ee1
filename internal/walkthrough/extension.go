package walkthrough

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/site"
)

// Layout is the layout of a walkthrough page.
const Layout = "walkthrough"

// Sizes is the sizes attribute of a frame's image: the width of the
// page's column (layouts/base.html: .wrap, 42rem less 1rem of padding on
// either side), or of the screen less that padding on narrower screens.
const Sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// EnvCacheDir is the environment variable that overrides the folder of
// the resized images, for DefaultCacheDir.
const EnvCacheDir = "GUIDE_CACHE_DIR"

// Options configure the Extension.
type Options struct {
	// CacheDir is the folder that keeps the resized copies of images
	// between builds, by the hash of the image's content. Empty means no
	// cache: every build resizes again.
	CacheDir string
	// Widths are the widths of the smaller copies; nil means
	// DefaultWidths.
	Widths []int
}

// DefaultCacheDir returns the folder for Options.CacheDir: $GUIDE_CACHE_DIR,
// or else guide/images in the user's cache folder ($XDG_CACHE_HOME or
// ~/.cache on Linux), or "" when there is none.
func DefaultCacheDir() string {
	if d := os.Getenv(EnvCacheDir); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "guide", "images")
}

// Extension publishes the walkthroughs of a site: for every page with
// layout walkthrough it reads the frames file beside it, checks the frames
// and their images, publishes smaller copies of the images, and attaches a
// View to the page.
type Extension struct {
	// Root is the folder that holds content/, as in site.Options.
	Root fs.FS
	Options

	mu    sync.Mutex
	stats Stats
}

// New returns the extension for the sources in root.
func New(root fs.FS, opts Options) *Extension { return &Extension{Root: root, Options: opts} }

// Stats returns what the image processing of the last Extend did.
func (e *Extension) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.stats
}

// View is what the layout of a walkthrough page sees as .Page.Data: the
// frames in the page's language.
type View struct {
	Frames []FrameView
	// Sizes is the sizes attribute of the images.
	Sizes string
	// MarkerR is the radius of the markers, in the user units of the
	// frames' ViewBox (marks.go).
	MarkerR int
	// PhoneBytes is the most the pictures weigh on a phone, as guide
	// check counts them against the budget.
	PhoneBytes int
}

// FrameView is one frame in one language.
type FrameView struct {
	// ID is the frame's anchor; Number counts the frames from 1, of Count.
	ID            string
	Number, Count int
	Title         string
	Instruction   string
	Alt           string
	Illustration  bool
	Image         ImageView
	// ViewBox is the viewBox of the SVG of markers over the image: its
	// width is ViewWidth user units, its height in proportion.
	ViewBox string
	// Lazy is set on every frame but the first: its image loads when the
	// reader scrolls near it.
	Lazy     bool
	Callouts []CalloutView
	// Back links to the steps of procedures that link to this frame or to
	// its page.
	Back []Link
}

// ImageView is a frame's image as published.
type ImageView struct {
	// Src and Full are the address of the image as it is; SrcSet lists
	// it with its smaller copies, and is empty when it has none.
	Src, Full, SrcSet string
	Width, Height     int
}

// CalloutView is a callout in one language. X and Y, the centre of its
// marker, are in the user units of the frame's ViewBox, as are its box and
// leader line.
type CalloutView struct {
	N    int
	X, Y string
	// Box is the outline drawn around the field, outside the box the
	// frames file gives; Leader the line from the marker to it, when the
	// marker stands apart.
	Box     *BoxView
	Leader  *LineView
	Caption string
}

// BoxView is the outline of a callout's field.
type BoxView struct{ X, Y, W, H string }

// LineView is a leader line from a marker to its field.
type LineView struct{ X1, Y1, X2, Y2 string }

// Link is a link back to a step.
type Link struct{ URL, Text string }

// walkthrough is one walkthrough page in all its languages.
type walkthrough struct {
	key    string
	pages  []*content.Page
	frames []*Frame
}

// Extend implements site.Extension.
func (e *Extension) Extend(s *site.Site) diag.List {
	var errs diag.List
	contentFS, err := fs.Sub(e.Root, "content")
	if err != nil {
		errs.Add(diag.Pos{File: "content"}, "%v", err)
		return errs
	}
	var langs []string
	for _, l := range s.Content.Site.Languages {
		langs = append(langs, l.Code)
	}
	files := &fileSet{fsys: contentFS, langs: langs, parsed: map[string]*parsed{}}
	for _, d := range s.Content.Data {
		if strings.HasSuffix(d, FramesSuffix) {
			files.names = append(files.names, d)
		}
	}
	wts, byKey := walkthroughs(s, langs)
	used := map[string]bool{}
	errs = append(errs, files.resolveAll(wts, used)...)
	errs = append(errs, unusedFrames(s.Content.Pages, files.names, used)...)

	// The images: every one is checked and processed once, on all cores.
	// They are checked even when the frames have problems, so that one
	// run reports them all.
	uses := collectImages(wts)
	errs = append(errs, uses.errs...)
	images, ierrs := e.processImages(s, contentFS, uses)
	errs = append(errs, ierrs...)
	errs = append(errs, checkFrameImages(wts, images)...)
	errs = append(errs, checkPhoneWeight(wts, images, phoneBudget(s.Content.Site))...)
	if len(errs.Errors()) > 0 {
		return errs
	}
	for _, p := range uses.paths {
		for _, v := range images[p].Variants {
			s.AddFile(v.Path, v.data)
		}
	}

	back := backLinks(s, byKey)
	for _, w := range wts {
		for _, p := range w.pages {
			p.Data = w.view(s, p.Lang, images, back[p])
		}
	}
	return errs
}

// walkthroughs returns the walkthrough pages, by key, in the order of
// their keys; each has its pages in the order of the site's languages.
func walkthroughs(s *site.Site, langs []string) ([]*walkthrough, map[string]*walkthrough) {
	var wts []*walkthrough
	byKey := map[string]*walkthrough{}
	for _, l := range langs {
		for _, p := range s.Pages() {
			if p.Layout != Layout || p.Lang != l {
				continue
			}
			w := byKey[p.Key]
			if w == nil {
				w = &walkthrough{key: p.Key}
				byKey[p.Key] = w
				wts = append(wts, w)
			}
			w.pages = append(w.pages, p)
		}
	}
	sort.SliceStable(wts, func(i, j int) bool { return wts[i].key < wts[j].key })
	return wts, byKey
}

// resolveAll reads the frames file of every walkthrough and writes out its
// frames. It marks the files used in used.
func (set *fileSet) resolveAll(wts []*walkthrough, used map[string]bool) diag.List {
	var errs diag.List
	for _, w := range wts {
		name := framesName(w.key)
		used[name] = true
		if !slices.Contains(set.names, name) {
			errs.Add(w.pages[0].Meta.Pos, "a page with layout %q shows the frames of content/%s, which does not exist; write the frames there (see docs/walkthrough.md)", Layout, name)
			continue
		}
		pf := set.get(name)
		errs = append(errs, set.take(name)...)
		if pf == nil {
			continue
		}
		var ferrs diag.List
		w.frames, ferrs = set.resolve(pf, used)
		errs = append(errs, ferrs...)
	}
	return errs
}

// unusedFrames reports the frames files, of names, that no page shows:
// they are most likely misnamed. used holds the files that walkthroughs
// use; the frames files of pages with layout walkthrough are added to it.
func unusedFrames(pages []*content.Page, names []string, used map[string]bool) diag.List {
	var errs diag.List
	keys := map[string]bool{}
	for _, p := range pages {
		keys[p.Key] = true
		if p.Layout == Layout {
			used[framesName(p.Key)] = true
		}
	}
	for _, name := range names {
		if used[name] {
			continue
		}
		key := strings.TrimSuffix(name, FramesSuffix)
		if keys[key] {
			errs.Add(diag.Pos{File: "content/" + name}, "no page shows these frames: add \"layout: %s\" to the front matter of the pages content/%s.LANG.md", Layout, key)
		} else {
			errs.Add(diag.Pos{File: "content/" + name}, "no page shows these frames: there is no page content/%s.LANG.md with layout %q beside it, and no frames file uses its frames", key, Layout)
		}
	}
	return errs
}

// imageUse is the first use of an image, which its messages name.
type imageUse struct {
	pos   diag.Pos
	frame string
}

// imageUses holds the images that frames show, each once.
type imageUses struct {
	// paths are the images' paths under content/, in the order of
	// their first use.
	paths []string
	first map[string]imageUse
	// errs are the images written that are not files under content/.
	errs diag.List
}

// collectImages sets the paths under content/ of the images of the frames
// of wts, and returns them.
func collectImages(wts []*walkthrough) *imageUses {
	uses := &imageUses{first: map[string]imageUse{}}
	for _, w := range wts {
		for _, f := range w.frames {
			f.ImagePath = uses.add(f, f.Image, f.loc.at("image"))
			f.ImagePathFor = map[string]string{}
			for lang, img := range f.ImageFor {
				f.ImagePathFor[lang] = uses.add(f, img, f.loc.at("imageFor."+lang))
			}
		}
	}
	return uses
}

// add records the image written in frame f at pos and returns its path
// under content/, or "" when it is not a file under content/.
func (uses *imageUses) add(f *Frame, written string, pos diag.Pos) string {
	p, ok := contentPath(f.File, written)
	if !ok {
		uses.errs.Add(pos, "frame %q: image %q must be a file under content/, written relative to content/%s", f.ID, written, f.File)
		return ""
	}
	if _, seen := uses.first[p]; !seen {
		uses.first[p] = imageUse{pos, f.ID}
		uses.paths = append(uses.paths, p)
	}
	return p
}

// processImages checks and processes the images of uses, on all cores,
// keeps what it did for Stats, and reports the images that cannot be
// published.
func (e *Extension) processImages(s *site.Site, contentFS fs.FS, uses *imageUses) (map[string]*Image, diag.List) {
	pr := &processor{fsys: contentFS, read: s.ReadContentFile, cacheDir: e.CacheDir, widths: e.Widths}
	if pr.widths == nil {
		pr.widths = DefaultWidths
	}
	images, bad := pr.process(uses.paths)
	st := Stats{Images: len(images), Resized: int(pr.resized.Load()), Cached: int(pr.cached.Load()), Decoded: int(pr.decoded.Load())}
	for _, img := range images {
		st.Variants += len(img.Variants)
	}
	e.mu.Lock()
	e.stats = st
	e.mu.Unlock()
	var errs diag.List
	assets := map[string]bool{}
	for _, a := range s.Content.Assets {
		assets[a] = true
	}
	for _, p := range uses.paths {
		u := uses.first[p]
		if err := bad[p]; err != nil {
			errs.Add(u.pos, "frame %q: image: %v", u.frame, err)
			continue
		}
		if !assets[p] {
			errs.Add(u.pos, "frame %q: image content/%s is in a folder that is not published (its name starts with _ or .); move the image", u.frame, p)
			continue
		}
		for _, v := range images[p].Variants {
			if assets[v.Path] {
				errs.Add(u.pos, "frame %q: the smaller copy of the image is published as %s, but content/%s is already there; rename one of them", u.frame, v.Path, v.Path)
			}
		}
	}
	return images, errs
}

// checkFrameImages reports, now that the images' sizes are known, the
// markers that cover the field they point at, and the frames whose image
// in some language has other proportions than their image.
func checkFrameImages(wts []*walkthrough, images map[string]*Image) diag.List {
	var errs diag.List
	checked := map[string]bool{}
	for _, w := range wts {
		for _, f := range w.frames {
			img := images[f.ImagePath]
			if key := f.File + "#" + f.ID; img != nil && !checked[key] {
				// A frame used by two walkthroughs is checked once.
				checked[key] = true
				errs = append(errs, checkCovers(f, img)...)
			}
			for lang, p := range f.ImagePathFor {
				if o := images[p]; o != nil && img != nil && !sameShape(img, o) {
					errs.Add(f.loc.at("imageFor."+lang), "frame %q: imageFor: the %s image is %d×%d pixels and the image %d×%d; the callouts fit both only when they have the same proportions", f.ID, lang, o.Width, o.Height, img.Width, img.Height)
				}
			}
		}
	}
	return errs
}

// framesName returns the name of the frames file of the page key.
func framesName(key string) string { return key + FramesSuffix }

// fileSet reads the frames files of a site, each once.
type fileSet struct {
	fsys   fs.FS
	langs  []string
	names  []string // the frames files under content/
	parsed map[string]*parsed
	// reported are the files whose problems were returned by take.
	reported map[string]bool
}

// get reads and checks the frames file name, once; it returns nil when the
// file cannot be read or decoded.
func (set *fileSet) get(name string) *parsed {
	if pf, ok := set.parsed[name]; ok {
		return pf
	}
	pf := &parsed{name: name}
	data, err := readLimited(set.fsys, name, content.MaxFileSize)
	if err != nil {
		pf.errs.Add(diag.Pos{File: "content/" + name}, "cannot read: %v", unwrapPathError(err))
	} else {
		pf = parse(name, data, set.langs)
	}
	set.parsed[name] = pf
	return pf
}

// take returns the problems of the file name the first time it is called
// for it, and nothing after, so that a file shared by two walkthroughs is
// reported once.
func (set *fileSet) take(name string) diag.List {
	if set.reported == nil {
		set.reported = map[string]bool{}
	}
	if set.reported[name] {
		return nil
	}
	set.reported[name] = true
	return set.parsed[name].errs
}

// resolve writes out the frames of pf: a frame with use becomes the frame
// it names. It marks the files used in used.
func (set *fileSet) resolve(pf *parsed, used map[string]bool) ([]*Frame, diag.List) {
	var errs diag.List
	var out []*Frame
	type idUse struct {
		line int
		used bool
	}
	ids := map[string]idUse{}
	for i, spec := range pf.frames {
		if pf.bad[i] {
			continue // reported by parse
		}
		loc := pf.locator(i, spec.Pos)
		f := &Frame{FrameSpec: spec, File: pf.name, loc: loc}
		if spec.Use != "" {
			file, id, err := splitUse(spec.Use)
			if err != nil {
				continue // reported by parse
			}
			name, ok := contentPath(pf.name, file)
			if !ok {
				errs.Add(loc.at("use"), "use %q: the frames file must be under content/", spec.Use)
				continue
			}
			if !slices.Contains(set.names, name) {
				if sug := diag.Suggest(name, set.names); sug != "" {
					errs.Add(loc.at("use"), "use %q: there is no frames file content/%s, did you mean %q?", spec.Use, name, relTo(pf.name, sug))
				} else {
					errs.Add(loc.at("use"), "use %q: there is no frames file content/%s", spec.Use, name)
				}
				continue
			}
			used[name] = true
			other := set.get(name)
			errs = append(errs, set.take(name)...)
			var found *Frame
			var known []string
			for j, o := range other.frames {
				if o.Use == "" && o.ID != "" {
					known = append(known, o.ID)
				}
				if o.ID == id && found == nil {
					found = &Frame{FrameSpec: o, File: name, loc: other.locator(j, o.Pos)}
				}
			}
			switch {
			case found == nil:
				if sug := diag.Suggest(id, known); sug != "" {
					errs.Add(loc.at("use"), "use %q: content/%s has no frame %q, did you mean %q?", spec.Use, name, id, sug)
				} else {
					errs.Add(loc.at("use"), "use %q: content/%s has no frame %q", spec.Use, name, id)
				}
				continue
			case found.Use != "":
				errs.Add(loc.at("use"), "use %q: that frame uses another frame itself; name the frame it uses instead", spec.Use)
				continue
			}
			f = found
		}
		if f.ID == "" {
			continue // reported by parse
		}
		// Two frames written in this file with the same id are reported
		// by parse.
		if first, ok := ids[f.ID]; ok && (spec.Use != "" || first.used) {
			errs.Add(spec.Pos, "frame id %q is used twice on this page (first on line %d); frame ids are the page's anchors", f.ID, first.line)
			continue
		}
		ids[f.ID] = idUse{spec.Pos.Line, spec.Use != ""}
		out = append(out, f)
	}
	return out, errs
}

// relTo writes the path name (under content/) relative to the folder of
// the file from.
func relTo(from, name string) string {
	dir := path.Dir(from)
	if dir == "." {
		return name
	}
	if rest, ok := strings.CutPrefix(name, dir+"/"); ok {
		return rest
	}
	return "/" + name
}

// backLinks finds the steps whose walkthrough key links to a walkthrough
// page, and returns the links back to them by page and frame id; the id
// "" holds the steps that link to the page as a whole.
func backLinks(s *site.Site, byKey map[string]*walkthrough) map[*content.Page]map[string][]Link {
	byPath := map[string]*content.Page{}
	for _, p := range s.Pages() {
		byPath[p.Path] = p
	}
	out := map[*content.Page]map[string][]Link{}
	for _, p := range s.Pages() {
		for _, st := range p.Steps {
			if st.Walkthrough == "" {
				continue
			}
			target, frag := linkTarget(s, byPath, p, st.Walkthrough)
			if target == nil || byKey[target.Key] == nil || target.Layout != Layout {
				continue
			}
			if out[target] == nil {
				out[target] = map[string][]Link{}
			}
			out[target][frag] = append(out[target][frag], Link{
				URL:  s.Rel(s.URLPath(p)) + "#" + st.ID,
				Text: p.Title + " › " + st.Title,
			})
		}
	}
	return out
}

// linkTarget returns the page and fragment a link written in page p points
// to, as the site resolves it: a Markdown file relative to p's file, or a
// page address. It returns nil for anything else; the site reports links
// that lead nowhere.
func linkTarget(s *site.Site, byPath map[string]*content.Page, p *content.Page, dest string) (*content.Page, string) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return nil, ""
	}
	if strings.HasSuffix(u.Path, ".md") {
		var name string
		if strings.HasPrefix(u.Path, "/") {
			name = path.Clean(strings.TrimPrefix(u.Path, "/"))
		} else {
			name = path.Join(path.Dir(p.Path), u.Path)
		}
		return byPath[name], u.Fragment
	}
	target := u.Path
	if !strings.HasPrefix(target, "/") {
		target = path.Join(s.URLPath(p), target)
	}
	target = path.Clean(target)
	if target != "/" {
		target += "/"
	}
	return s.Page(target), u.Fragment
}

// view makes the View of the walkthrough in language lang.
func (w *walkthrough) view(s *site.Site, lang string, images map[string]*Image, back map[string][]Link) *View {
	v := &View{Sizes: Sizes, MarkerR: MarkerR}
	v.PhoneBytes, _ = w.phoneBytes(lang, images)
	for i, f := range w.frames {
		imgPath := f.ImagePath
		if p, ok := f.ImagePathFor[lang]; ok {
			imgPath = p
		}
		img := images[imgPath]
		// The images are published under names that carry their hash.
		full := s.Asset("/" + img.Path)
		fv := FrameView{
			ID: f.ID, Number: i + 1, Count: len(w.frames),
			Title: f.Title[lang], Instruction: f.Instruction[lang], Alt: f.Alt[lang],
			Illustration: f.Illustration, Lazy: i > 0,
			Image: ImageView{Src: full, Full: full, SrcSet: img.srcset(func(p string) string { return escapePath(s.Asset("/" + p)) }), Width: img.Width, Height: img.Height},
		}
		fv.Back = append(fv.Back, back[f.ID]...)
		fv.Back = append(fv.Back, back[""]...)
		g := newGeometry(img.Width, img.Height)
		fv.ViewBox = g.viewBox()
		callouts := slices.Clone(f.Callouts)
		sort.SliceStable(callouts, func(i, j int) bool { return callouts[i].N < callouts[j].N })
		for _, c := range callouts {
			x, y := g.point(c.X, c.Y)
			cv := CalloutView{N: c.N, X: num(x), Y: num(y), Caption: c.Caption[lang]}
			if c.Box.IsSet() {
				bx, by, bw, bh := g.outline(c.Box)
				cv.Box = &BoxView{X: num(bx), Y: num(by), W: num(bw), H: num(bh)}
				cv.Leader = g.leader(c)
			}
			fv.Callouts = append(fv.Callouts, cv)
		}
		v.Frames = append(v.Frames, fv)
	}
	return v
}

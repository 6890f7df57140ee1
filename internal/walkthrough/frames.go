package walkthrough

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/yamlfile"
)

// FramesSuffix ends the name of a frames file: the frames of the page
// content/booking/interview.LANG.md are in content/booking/interview.frames.yaml.
const FramesSuffix = ".frames.yaml"

// File is a frames file as written.
type File struct {
	Frames []FrameSpec `yaml:"frames,required"`
	Pos    diag.Pos    `yaml:"-"`
}

// FrameSpec is one frame as written in a frames file. A frame is either
// written out, or names a frame of another frames file with use.
type FrameSpec struct {
	// Use is "FILE#ID": the frame ID of the frames file FILE, relative to
	// this file. A frame with use has no other keys.
	Use string `yaml:"use"`
	// ID is the frame's anchor on the page: /booking/interview/#delivery.
	ID    string `yaml:"id"`
	Title Text   `yaml:"title"`
	// Image is the picture, relative to the frames file, and ImageFor a
	// picture of the same screen for some languages (an English-language
	// screenshot), which must have the image's proportions.
	Image    string            `yaml:"image"`
	ImageFor map[string]string `yaml:"imageFor"`
	// Illustration labels the image as drawn, not a screenshot.
	Illustration bool      `yaml:"illustration"`
	Alt          Text      `yaml:"alt"`
	Instruction  Text      `yaml:"instruction"`
	Callouts     []Callout `yaml:"callouts"`
	Pos          diag.Pos  `yaml:"-"`
}

// Callout is a numbered marker on a frame's image.
type Callout struct {
	// N is the number shown on the marker and in the list below the image.
	N int `yaml:"n,required"`
	// X and Y place the marker's centre, in percent of the image's width
	// and height from its top left corner.
	X float64 `yaml:"x,required"`
	Y float64 `yaml:"y,required"`
	// Box optionally outlines the field the marker is about.
	Box     Box      `yaml:"box"`
	Caption Text     `yaml:"caption,required"`
	Pos     diag.Pos `yaml:"-"`
}

// Box is a rectangle on an image, in percent of its width and height.
type Box struct {
	X   float64  `yaml:"x,required"`
	Y   float64  `yaml:"y,required"`
	W   float64  `yaml:"w,required"`
	H   float64  `yaml:"h,required"`
	Pos diag.Pos `yaml:"-"`
}

// IsSet reports whether the box was written.
func (b Box) IsSet() bool { return b.Pos.File != "" }

// Text is a text in every language of the site, by language code.
type Text map[string]string

// Frame is a frame ready to be shown: a FrameSpec written out, with the
// file it was written in.
type Frame struct {
	FrameSpec
	// File is the frames file under content/ the frame is written in;
	// Image and ImageFor are relative to it.
	File string
	// ImagePath and ImagePathFor are the images' paths under content/.
	ImagePath    string
	ImagePathFor map[string]string
	// loc finds the positions of the frame's keys and values.
	loc locator
}

// parsed is a frames file read and checked on its own.
type parsed struct {
	name   string // path under content/
	frames []FrameSpec
	// positions of the values, by their path ("frames.0.callouts.1.x").
	pos  map[string]diag.Pos
	errs diag.List
	// bad marks the frames with "use" that have problems, which are not
	// resolved, so that their problems are not reported again.
	bad map[int]bool
}

// reservedIDs are the ids that the layouts give to other parts of a page.
var reservedIDs = []string{"main", "contents"}

// parse reads a frames file. name is its path under content/ and langs
// the site's language codes. Every problem found is in the result's errs;
// frames holds the frames that can be shown.
func parse(name string, data []byte, langs []string) *parsed {
	file := "content/" + name
	pf := &parsed{name: name, bad: map[int]bool{}}
	var f File
	root, errs := yamlfile.DecodeTree(file, data, 1, &f)
	if pf.errs = errs; len(pf.errs) > 0 {
		return pf
	}
	pf.pos = positions(file, root)
	if len(f.Frames) == 0 {
		pf.errs.Add(locator{pf.pos, "", f.Pos}.at("frames"), "frames: list at least one frame")
	}
	ids := map[string]diag.Pos{}
	for i, fr := range f.Frames {
		loc := pf.locator(i, fr.Pos)
		ferrs := checkFrame(fr, loc, langs)
		pf.errs = append(pf.errs, ferrs...)
		pf.frames = append(pf.frames, fr)
		if fr.Use != "" && len(ferrs) > 0 {
			pf.bad[i] = true
		}
		if fr.Use != "" || fr.ID == "" {
			continue
		}
		if first, ok := ids[fr.ID]; ok {
			pf.errs.Add(loc.at("id"), "frame id %q is used twice in this file (first on line %d)", fr.ID, first.Line)
		}
		ids[fr.ID] = fr.Pos
	}
	return pf
}

// locator finds the positions of the keys of one mapping.
type locator struct {
	pos    map[string]diag.Pos
	prefix string   // "frames.2."
	self   diag.Pos // the mapping's own position
}

func (pf *parsed) locator(i int, self diag.Pos) locator {
	return locator{pf.pos, "frames." + strconv.Itoa(i) + ".", self}
}

// at returns the position of the value of key, or the mapping's own when
// the key was not written.
func (l locator) at(key string) diag.Pos {
	if p, ok := l.pos[l.prefix+key]; ok {
		return p
	}
	return l.self
}

// has reports whether key was written.
func (l locator) has(key string) bool {
	_, ok := l.pos[l.prefix+key]
	return ok
}

// checkFrame checks one frame on its own; loc finds its keys.
func checkFrame(fr FrameSpec, loc locator, langs []string) diag.List {
	if fr.Use != "" {
		return checkUse(fr, loc)
	}
	var errs diag.List
	at := loc.at
	var missing []string
	for _, k := range []string{"id", "title", "image", "alt", "instruction"} {
		if !loc.has(k) {
			missing = append(missing, strconv.Quote(k))
		}
	}
	if len(missing) > 0 {
		errs.Add(fr.Pos, "missing required %s %s", messages.Plural(len(missing), "key", "keys"), strings.Join(missing, ", "))
	}
	name := fr.ID
	if name == "" {
		name = strings.TrimSuffix(loc.prefix, ".")
	}
	if fr.ID != "" {
		switch {
		case !content.ValidID(fr.ID):
			errs.Add(at("id"), "frame id %q must be lowercase letters, digits and hyphens, as in \"visa-options\"", fr.ID)
		case slices.Contains(reservedIDs, fr.ID):
			errs.Add(at("id"), "frame id %q is taken by the page's layout; choose another", fr.ID)
		}
	}
	checkText := func(k string, t Text, what messages.Text) {
		if loc.has(k) {
			errs = append(errs, t.check(langs, at(k), messages.Sprintf("frame %q: %s", name, what))...)
		}
	}
	checkText("title", fr.Title, messages.Sprintf("title"))
	checkText("alt", fr.Alt, messages.Sprintf("alt text"))
	checkText("instruction", fr.Instruction, messages.Sprintf("instruction"))
	for lang := range fr.ImageFor {
		if !slices.Contains(langs, lang) {
			errs.Add(at("imageFor."+lang), "frame %q: imageFor: %q is not a language of the site (%s)", name, lang, strings.Join(langs, ", "))
		}
	}
	seen := map[int]int{}
	for j, c := range fr.Callouts {
		ck := fmt.Sprintf("callouts.%d.", j)
		switch {
		case !loc.has(ck + "n"):
			// yamlfile reported the missing number.
		case c.N < 1:
			errs.Add(at(ck+"n"), "frame %q: callout number %d must be 1 or more", name, c.N)
		case seen[c.N] != 0:
			errs.Add(at(ck+"n"), "frame %q: callout number %d is used twice (first on line %d); number the callouts 1, 2, 3 …", name, c.N, seen[c.N])
		default:
			seen[c.N] = c.Pos.Line
		}
		errs = append(errs, checkCallout(c, loc, ck, messages.Sprintf("frame %q, callout %d", name, c.N), langs)...)
	}
	return errs
}

// checkUse checks a frame with use, which must have no other key.
func checkUse(fr FrameSpec, loc locator) diag.List {
	var errs diag.List
	at := loc.at
	var extra []string
	for k := range fieldNames {
		if k != "use" && loc.has(k) {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		// At the first of the keys to remove.
		first := at(extra[0])
		quoted := make([]string, len(extra))
		for i, k := range extra {
			if p := at(k); p.Line < first.Line || p.Line == first.Line && p.Col < first.Col {
				first = p
			}
			quoted[i] = strconv.Quote(k)
		}
		errs.Add(first, "a frame with \"use\" takes its keys from the frame it names; remove %s", strings.Join(quoted, ", "))
	}
	if _, _, err := splitUse(fr.Use); err != nil {
		errs.Add(at("use"), "use %q: %v", fr.Use, err)
	}
	return errs
}

// checkCallout checks the place, box and caption of the callout c, whose
// keys start with prefix ("callouts.2."); what names it in messages.
func checkCallout(c Callout, loc locator, prefix string, what messages.Text, langs []string) diag.List {
	var errs diag.List
	at := loc.at
	percent := func(k string, v float64) {
		if v < 0 || v > 100 || math.IsNaN(v) {
			errs.Add(at(prefix+k), "%s: %s is %s, outside the image: write a percentage from 0 to 100", what, k, strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	percent("x", c.X)
	percent("y", c.Y)
	if b := c.Box; b.IsSet() {
		percent("box.x", b.X)
		percent("box.y", b.Y)
		switch {
		case b.W <= 0 || b.H <= 0:
			errs.Add(at(prefix+"box"), "%s: the box's width w and height h must be more than 0", what)
		case b.X+b.W > 100.05 || b.Y+b.H > 100.05:
			errs.Add(at(prefix+"box"), "%s: the box reaches beyond the image: x + w and y + h must be 100 or less", what)
		}
	}
	return append(errs, c.Caption.check(langs, at(prefix+"caption"), messages.Sprintf("%s: caption", what))...)
}

// fieldNames are the keys of a frame, for the check of frames with use.
var fieldNames = map[string]bool{"use": true, "id": true, "title": true, "image": true, "imageFor": true,
	"illustration": true, "alt": true, "instruction": true, "callouts": true}

// check reports a language of langs that t lacks or leaves empty, and a
// language that is not the site's.
func (t Text) check(langs []string, pos diag.Pos, what messages.Text) diag.List {
	var errs diag.List
	for _, l := range langs {
		if strings.TrimSpace(t[l]) == "" {
			if _, ok := t[l]; ok {
				errs.Add(pos, "%s: the %s text is empty", what, l)
			} else {
				errs.Add(pos, "%s: the %s text is missing; write it as \"%s: …\"", what, l, l)
			}
		}
	}
	var extra []string
	for l := range t {
		if !slices.Contains(langs, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	for _, l := range extra {
		errs.Add(pos, "%s: %q is not a language of the site (%s)", what, l, strings.Join(langs, ", "))
	}
	return errs
}

// splitUse splits "FILE#ID".
func splitUse(use string) (file, id string, err error) {
	file, id, ok := strings.Cut(use, "#")
	switch {
	case !ok || file == "" || id == "":
		return "", "", messages.Errorf("write the frames file and the frame's id, as in \"interview.frames.yaml#delivery\"")
	case !strings.HasSuffix(file, FramesSuffix):
		return "", "", messages.Errorf("%q is not a frames file (NAME%s)", file, FramesSuffix)
	}
	return file, id, nil
}

// contentPath turns a path written in the file name (under content/) into
// a path under content/. It is relative to the file's folder, or to
// content/ when it starts with a slash. ok is false when the path is an
// address of another site or leaves content/.
func contentPath(name, p string) (string, bool) {
	if p == "" || strings.Contains(p, "\\") || strings.Contains(p, "//") {
		return "", false
	}
	if u, err := url.Parse(p); err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	var joined string
	if strings.HasPrefix(p, "/") {
		joined = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		joined = path.Join(path.Dir(name), p)
	}
	if joined == "." || joined == ".." || strings.HasPrefix(joined, "../") {
		return "", false
	}
	return joined, true
}

// positions maps the path of every value of a YAML document ("frames",
// "frames.0.callouts.1.x") to its position. yamlfile gives the positions
// of mappings only; the checks of a frames file point at the value at
// fault.
func positions(file string, root *yaml.Node) map[string]diag.Pos {
	m := map[string]diag.Pos{}
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		if key != "" {
			m[key] = diag.Pos{File: file, Line: n.Line, Col: n.Column}
		}
		prefix := key
		if prefix != "" {
			prefix += "."
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], prefix+n.Content[i].Value)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, prefix+strconv.Itoa(i))
			}
		}
	}
	walk(root, "")
	return m
}

// Package layout loads the html/template layouts of layouts/ and the
// interface strings of layouts/i18n/.
//
// layouts/base.html is the skeleton of every page; it calls blocks that
// each layout fills ({{define "main"}}…{{end}}). Every other top-level
// file NAME.html is a layout called NAME; layouts/partials/*.html are shared
// pieces included with {{template "partials/NAME.html" .}}, or rendered once
// per language with {{.Shared "partials/NAME.html"}} (see site.PageData).
// Each layout is parsed once, together with the base and the partials.
//
// layouts/i18n/LANG.yaml maps keys to the interface strings ("next step",
// "what to bring") of one language. Every language must have every key.
package layout

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/yamlfile"
)

// Base is the name of the skeleton layout.
const Base = "base.html"

// Set is the parsed layouts and interface strings.
type Set struct {
	layouts map[string]*template.Template
	strings map[string]map[string]string // lang → key → text
}

// Load parses every layout of fsys (the layouts/ folder) and the interface
// strings of the languages langs. funcs are the template functions layouts
// may call.
func Load(fsys fs.FS, langs []string, funcs template.FuncMap) (*Set, diag.List) {
	s := &Set{layouts: map[string]*template.Template{}, strings: map[string]map[string]string{}}
	shared, errs := readShared(fsys)
	if len(errs) > 0 {
		return nil, errs
	}
	root, errs := parseShared(shared, funcs)
	if len(errs) > 0 {
		return nil, errs
	}
	var names []string
	all, _ := fs.Glob(fsys, "*.html")
	for _, name := range all {
		if name != Base {
			names = append(names, name)
		}
	}
	// Each layout is parsed into a copy of the base and the partials.
	// html/template makes one copy at a time of a template, so each worker
	// copies a skeleton of its own, parsed from the same sources.
	parsed := make([]*template.Template, len(names))
	perrs := make([]diag.List, len(names))
	workers := min(runtime.GOMAXPROCS(0), len(names))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			skeleton := root
			if w > 0 {
				skeleton, _ = parseShared(shared, funcs) // the sources parsed without error above
			}
			for i := w; i < len(names); i += workers {
				parsed[i], perrs[i] = parseLayout(fsys, names[i], skeleton)
			}
		})
	}
	wg.Wait()
	for i, name := range names {
		errs = append(errs, perrs[i]...)
		if parsed[i] != nil {
			s.layouts[strings.TrimSuffix(name, ".html")] = parsed[i]
		}
	}
	errs = append(errs, s.loadStrings(fsys, langs)...)
	return s, errs
}

// source is the text of a file of layouts/.
type source struct{ name, text string }

// readShared reads the base layout and the partials, which every layout
// is parsed with.
func readShared(fsys fs.FS) ([]source, diag.List) {
	var errs diag.List
	src, err := fs.ReadFile(fsys, Base)
	if err != nil {
		errs.Add(diag.Pos{File: "layouts/" + Base}, "cannot read the base layout: %v", err)
		return nil, errs
	}
	shared := []source{{Base, string(src)}}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	for _, p := range partials {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Pos{File: "layouts/" + p}, "cannot read: %v", err)
			continue
		}
		shared = append(shared, source{p, string(src)})
	}
	return shared, errs
}

// parseShared parses the base layout and the partials into one template.
func parseShared(shared []source, funcs template.FuncMap) (*template.Template, diag.List) {
	var errs diag.List
	root := template.New(Base).Funcs(funcs)
	if _, err := root.Parse(shared[0].text); err != nil {
		errs.Append(Error(err))
		return nil, errs
	}
	for _, p := range shared[1:] {
		if _, err := root.New(p.name).Parse(p.text); err != nil {
			errs.Append(Error(err))
		}
	}
	return root, errs
}

// parseLayout parses the layout name into a copy of skeleton.
func parseLayout(fsys fs.FS, name string, skeleton *template.Template) (*template.Template, diag.List) {
	var errs diag.List
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		errs.Add(diag.Pos{File: "layouts/" + name}, "cannot read: %v", err)
		return nil, errs
	}
	t, err := skeleton.Clone()
	if err == nil {
		_, err = t.New(name).Parse(string(src))
	}
	if err != nil {
		errs.Append(Error(err))
		return nil, errs
	}
	return t, nil
}

func (s *Set) loadStrings(fsys fs.FS, langs []string) diag.List {
	var errs diag.List
	files := map[string]string{}
	for _, lang := range langs {
		name := "i18n/" + lang + ".yaml"
		file := "layouts/" + name
		files[lang] = file
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs.Add(diag.Pos{File: file}, "cannot read the %s interface strings: %v", lang, err)
			continue
		}
		m := map[string]string{}
		errs = append(errs, yamlfile.Decode(file, src, 1, &m)...)
		s.strings[lang] = m
	}
	if len(errs) > 0 {
		return errs
	}
	for _, a := range langs {
		for _, b := range langs {
			var missing []string
			for k := range s.strings[a] {
				if _, ok := s.strings[b][k]; !ok {
					missing = append(missing, k)
				}
			}
			sort.Strings(missing)
			for _, k := range missing {
				errs.Add(diag.Pos{File: files[b]}, "interface string %q is missing (%s has it)", k, files[a])
			}
		}
	}
	return errs
}

// Has reports whether a layout called name exists.
func (s *Set) Has(name string) bool { return s.layouts[name] != nil }

// Names lists the layouts.
func (s *Set) Names() []string {
	var names []string
	for n := range s.layouts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// String returns the interface string key in language lang.
func (s *Set) String(lang, key string) (string, error) {
	t, ok := s.strings[lang][key]
	if !ok {
		return "", messages.Errorf("no interface string %q in layouts/i18n/%s.yaml", key, lang)
	}
	return t, nil
}

// Execute renders the layout called name with data into w.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	return s.ExecuteTemplate(w, name, Base, data)
}

// ExecuteTemplate renders the template called tmpl, a partial
// ("partials/office.html") or the base, as the layout called layout has it,
// with data into w.
func (s *Set) ExecuteTemplate(w io.Writer, layout, tmpl string, data any) error {
	t := s.layouts[layout]
	if t == nil {
		return fmt.Errorf("no layout %q", layout)
	}
	if err := t.ExecuteTemplate(w, tmpl, data); err != nil {
		return Error(err)
	}
	return nil
}

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// Error turns an html/template error such as
// "template: procedure.html:12:3: executing ..." into a positioned error
// naming the file under layouts/.
func Error(err error) error {
	// An error of a partial that a method of the data rendered, such as
	// .Shared, is already positioned in the partial.
	var inner *diag.Error
	if errors.As(err, &inner) {
		return inner
	}
	msg := err.Error()
	m := templateErr.FindStringSubmatch(msg)
	if m == nil {
		return &diag.Error{Pos: diag.Pos{File: "layouts"}, Msg: msg}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	text := m[4]
	// "executing "base.html" at <.Foo>: can't evaluate field Foo" names the
	// template again; keep what is useful.
	if rest, ok := strings.CutPrefix(text, "executing "); ok {
		if i := strings.Index(rest, " at "); i >= 0 {
			text = strings.TrimPrefix(rest[i+1:], "at ")
		}
	}
	if text == "unexpected EOF" {
		text = "the file ends before an {{end}} closes every {{if}}, {{range}}, {{with}}, {{block}} and {{define}}"
	}
	return &diag.Error{Pos: diag.Pos{File: path.Join("layouts", m[1]), Line: line, Col: col}, Msg: text}
}

// Package layout loads the html/template layouts of layouts/ and the
// interface strings of layouts/i18n/.
//
// layouts/base.html is the skeleton of every page; it calls blocks that
// each layout fills ({{define "main"}}…{{end}}). Every other top-level
// file NAME.html is a layout called NAME; layouts/partials/*.html are shared
// pieces included with {{template "partials/NAME.html" .}}. Each layout is
// parsed once, together with the base and the partials.
//
// layouts/i18n/LANG.yaml maps keys to the interface strings ("next step",
// "what to bring") of one language. Every language must have every key.
package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"guide/internal/diag"
	"guide/internal/yamlfile"
)

// Base is the name of the skeleton layout.
const Base = "base.html"

// Set is the parsed layouts and interface strings.
type Set struct {
	layouts map[string]*template.Template
	strings map[string]map[string]string // lang → key → text
	funcs   template.FuncMap
	// compiled holds each layout's compiled program (compiled.go).
	compiled map[string]*compiledLayout
	// Interpret makes every page render through html/template's own
	// evaluator, never a compiled program; the tests that compare the
	// two set it.
	Interpret bool
	// ran counts the pages rendered by compiled programs and by
	// html/template.
	ran [2]atomic.Int64
}

// compiledLayout is a layout's compiled program, made after html/template
// has rendered the layout once (and so escaped it).
type compiledLayout struct {
	once sync.Once
	prog atomic.Pointer[program]
	// why says why the layout was not compiled, or why its program
	// was not used.
	why atomic.Pointer[error]
}

// Load parses every layout of fsys (the layouts/ folder) and the interface
// strings of the languages langs. funcs are the template functions layouts
// may call.
func Load(fsys fs.FS, langs []string, funcs template.FuncMap) (*Set, diag.List) {
	var errs diag.List
	s := &Set{layouts: map[string]*template.Template{}, strings: map[string]map[string]string{}, funcs: funcs, compiled: map[string]*compiledLayout{}}
	root := template.New(Base).Funcs(funcs)
	src, err := fs.ReadFile(fsys, Base)
	if err != nil {
		errs.Add(diag.Pos{File: "layouts/" + Base}, "cannot read the base layout: %v", err)
		return nil, errs
	}
	if _, err := root.Parse(string(src)); err != nil {
		errs.Append(Error(err))
		return nil, errs
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	for _, p := range partials {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Pos{File: "layouts/" + p}, "cannot read: %v", err)
			continue
		}
		if _, err := root.New(p).Parse(string(src)); err != nil {
			errs.Append(Error(err))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	names, _ := fs.Glob(fsys, "*.html")
	for _, name := range names {
		if name == Base {
			continue
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs.Add(diag.Pos{File: "layouts/" + name}, "cannot read: %v", err)
			continue
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(name).Parse(string(src))
		}
		if err != nil {
			errs.Append(Error(err))
			continue
		}
		s.layouts[strings.TrimSuffix(name, ".html")] = t
		s.compiled[strings.TrimSuffix(name, ".html")] = &compiledLayout{}
	}
	errs = append(errs, s.loadStrings(fsys, langs)...)
	return s, errs
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
		return "", fmt.Errorf("no interface string %q in layouts/i18n/%s.yaml", key, lang)
	}
	return t, nil
}

// Execute renders the layout called name with data into w.
//
// Into a *bytes.Buffer, a layout that html/template has rendered once runs
// as a compiled program (compiled.go); when the program meets what it does
// not evaluate, or with any other writer, html/template renders the page.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	t := s.layouts[name]
	if t == nil {
		return fmt.Errorf("no layout %q", name)
	}
	c := s.compiled[name]
	buf, _ := w.(*bytes.Buffer)
	if p := c.prog.Load(); p != nil && buf != nil && !s.Interpret {
		start := buf.Len()
		if p.execute(buf, data) == nil {
			s.ran[0].Add(1)
			return nil
		}
		buf.Truncate(start)
	}
	start := 0
	if buf != nil {
		start = buf.Len()
	}
	if err := t.ExecuteTemplate(w, Base, data); err != nil {
		return Error(err)
	}
	s.ran[1].Add(1)
	if buf != nil && !s.Interpret {
		c.once.Do(func() { c.compile(t, s.funcs, buf.Bytes()[start:], data) })
	}
	return nil
}

// compile compiles the layout t, which has just rendered want from data,
// and keeps the program if it renders the same.
func (c *compiledLayout) compile(t *template.Template, funcs template.FuncMap, want []byte, data any) {
	p, err := compile(t, Base, funcs)
	if err == nil {
		var got bytes.Buffer
		if err = p.execute(&got, data); err != nil {
			err = fmt.Errorf("the compiled program did not render the first page: %v", err)
		} else if !bytes.Equal(got.Bytes(), want) {
			err = errors.New("the compiled program rendered the first page differently from html/template")
		}
	}
	if err != nil {
		c.why.Store(&err)
		return
	}
	c.prog.Store(p)
}

// Compiled reports whether the layout called name runs as a compiled
// program, and if not, why. A layout is compiled once html/template has
// rendered a page with it into a *bytes.Buffer.
func (s *Set) Compiled(name string) error {
	c := s.compiled[name]
	if c == nil {
		return fmt.Errorf("no layout %q", name)
	}
	if c.prog.Load() != nil {
		return nil
	}
	if why := c.why.Load(); why != nil {
		return *why
	}
	return ErrNotRendered
}

// ErrNotRendered is Compiled's answer for a layout no page has used yet.
var ErrNotRendered = errors.New("no page has been rendered with the layout yet")

// Rendered returns how many pages compiled programs rendered, and how many
// html/template did.
func (s *Set) Rendered() (compiled, interpreted int64) {
	return s.ran[0].Load(), s.ran[1].Load()
}

var templateErr = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// Error turns an html/template error such as
// "template: procedure.html:12:3: executing ..." into a positioned error
// naming the file under layouts/.
func Error(err error) error {
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

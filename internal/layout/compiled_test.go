package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// page is test data with the kinds of values layouts meet: fields, methods
// with and without arguments and errors, pointers, slices, maps and typed
// HTML.
type page struct {
	Title   string
	Count   int
	Big     int64
	Draft   bool
	Body    template.HTML
	Link    template.URL
	Tags    []string
	Steps   []step
	Meta    map[string]string
	Next    *page
	Any     any
	When    date
	strings map[string]string
}

type step struct {
	ID, Text string
	Number   int
}

// Label has a pointer receiver: text/template finds it on addressable
// values (elements of a slice) through their address.
func (s *step) Label(prefix string) string { return prefix + s.ID }

type date struct{ y, m, d int }

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

func (p *page) T(key string) (string, error) {
	if s, ok := p.strings[key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("no string %q", key)
}

func (p *page) Upper() string { return strings.ToUpper(p.Title) }

func (p *page) Sum(a, b int) int { return a + b }

func (p *page) Join(sep string, parts ...string) string { return strings.Join(parts, sep) }

func (p *page) Panics() string { panic("boom") }

var testFuncs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"has": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
}

func samplePage() *page {
	return &page{
		Title: `Fees & "forms" <b>'now'</b> + more`, Count: 3, Big: 1 << 40, Body: "<p>Body &amp; soul</p>",
		Link: "javascript:trusted()", Tags: []string{"a", "b&c", "d"},
		Steps: []step{{"s1", "First <step>", 1}, {"s2", "Second", 2}, {"s3", "", 2}},
		Meta:  map[string]string{"where": "北京 & 上海", "empty": ""},
		Next:  &page{Title: "next", Steps: []step{{"n1", "x", 1}}, Next: &page{Title: "last"}},
		Any:   "where", When: date{2025, 4, 8},
		strings: map[string]string{"step": "Step %d", "where": "Where", "s1_note": "note <1>", "next": "Next"},
	}
}

// setWith loads a layout set whose base is src and whose one layout,
// "page", adds nothing.
func setWith(t *testing.T, src string) *Set {
	t.Helper()
	s, errs := Load(fstest.MapFS{
		"base.html":    {Data: []byte(src)},
		"page.html":    {Data: []byte(`{{define "unused"}}{{end}}`)},
		"i18n/en.yaml": {Data: []byte("k: v\n")},
	}, []string{"en"}, testFuncs)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", src, errs)
	}
	return s
}

// render renders data with s, as the build does, into a buffer.
func render(s *Set, data any) (string, error) {
	var b bytes.Buffer
	b.WriteString("before|")
	err := s.Execute(&b, "page", data)
	return b.String(), err
}

// TestCompiledMatchesHTMLTemplate renders templates covering what the
// compiled layouts evaluate twice with the same set (the first render is
// html/template's, and compiles the layout; the second is the compiled
// program's) and compares both with a set that only interprets.
func TestCompiledMatchesHTMLTemplate(t *testing.T) {
	cases := []string{
		`<h1 title="{{.Title}}">{{.Title}}</h1>{{.Body}}<p>{{.Count}} {{.Big}} {{.Draft}} {{.When}} {{.Any}}</p>`,
		`<a href="{{.Link}}">x</a><a href="/p/{{.Title}}?q={{.Title}}#{{.Title}}">y</a><a href="{{.Meta.where}}">z</a>`,
		`<a href="javascript:alert(1)">a</a><a href="{{.Any}}">b</a><a href="{{printf "javascript:%s" .Title}}">c</a>`,
		`<img srcset="{{printf "/a.png 1x, /b c.png 2x, javascript:x 3x"}}" alt="{{.Body | printf "%s"}}">`,
		`{{if .Draft}}draft{{else if .Tags}}tags{{else}}none{{end}}|{{with .Next}}{{.Title}}{{else}}no next{{end}}|{{with .Meta.missing}}x{{else with .Meta.where}}{{.}}{{end}}`,
		`{{range $i, $s := .Steps}}{{if $i}}, {{end}}{{$i}}:{{$s.ID}}={{.Text}}{{else}}empty{{end}}|{{range .Tags}}[{{.}}]{{end}}|{{range .Next.Tags}}x{{else}}none{{end}}`,
		`{{range .Steps}}{{if eq .ID "s2"}}{{continue}}{{end}}{{if eq .ID "s3"}}{{break}}{{end}}{{.ID}}{{end}}`,
		`{{$n := 0}}{{range .Steps}}{{$n = add $n .Number}}{{end}}{{$n}} {{$t := .Title}}{{with .Next}}{{$t}}/{{.Title}}{{end}}`,
		`{{define "item"}}<li id="{{.ID}}">{{.Text}} {{$}}</li>{{end}}<ul>{{range .Steps}}{{template "item" .}}{{end}}</ul>{{template "item" index .Steps 0}}{{block "b" .Tags}}{{len .}}{{end}}`,
		`{{.T "where"}}: {{.Meta.where}} {{printf (.T "step") .Count}} {{.Upper}} {{.Sum 2 .Count}} {{.Join "-" "a" .Title}} {{.Count | .Sum 1}}`,
		`{{range .Steps}}{{.Label "#"}} {{$.T (printf "%s_note" .ID) | printf "%q"}}{{break}}{{end}}`,
		`{{and .Draft .Title}}|{{or .Draft .Meta.empty .Title}}|{{not .Tags}}|{{and 1 0}}|{{or "" 0}}|{{.Title | and 1}}`,
		`{{eq .Count 3}} {{eq .Title "x" "y" .Title}} {{ne .Count 4}} {{eq .Draft false}} {{index .Meta "where"}} {{index .Meta "none"}} {{index .Tags 1}} {{len .Tags}} {{len .Meta}}`,
		`{{.T .Any}} {{has .Tags "b&c"}} {{has .Tags "x"}} {{.Meta.none}}|{{.Meta.none.deeper}}|{{printf "%d-%s-%v" .Count .Title .Tags}}`,
		`<title>{{.Title}} {{.Body}}</title><textarea>{{.Body}}</textarea>`,
		`{{/* a comment */}}{{- .Title -}}  {{ "literal" }} {{ 42 }} {{ true }}`,
	}
	for _, src := range cases {
		want, err := render(func() *Set { s := setWith(t, src); s.Interpret = true; return s }(), samplePage())
		if err != nil {
			t.Errorf("%s: html/template: %v", src, err)
			continue
		}
		s := setWith(t, src)
		first, err1 := render(s, samplePage())
		second, err2 := render(s, samplePage())
		if err1 != nil || err2 != nil {
			t.Errorf("%s: %v, %v", src, err1, err2)
			continue
		}
		if err := s.Compiled("page"); err != nil {
			t.Errorf("%s: not compiled: %v", src, err)
		}
		if compiled, interpreted := s.Rendered(); compiled != 1 || interpreted != 1 {
			t.Errorf("%s: %d pages compiled and %d interpreted, want 1 and 1", src, compiled, interpreted)
		}
		if first != want || second != want {
			t.Errorf("%s:\ncompiled:      %s\nhtml/template: %s", src, second, want)
		}
	}
}

// TestCompiledFallsBack checks that what the compiled program does not
// evaluate is rendered, or refused with its error, by html/template
// exactly as before, without losing what the buffer held.
func TestCompiledFallsBack(t *testing.T) {
	cases := []struct {
		name, src string
		// then is the data of the second render, after a first that
		// compiles the layout with samplePage.
		then func(p *page)
		// notCompiled is set when the layout cannot be compiled.
		notCompiled bool
	}{
		{name: "typed HTML in an attribute", src: `<p title="{{.Any}}">x</p>`, then: func(p *page) { p.Any = template.HTML("<b>bold</b> & more") }},
		{name: "a method's error", src: `{{with .Next}}{{$.T .Title}}{{end}}`, then: func(p *page) { p.Next.Title = "missing" }},
		{name: "a nil pointer", src: `{{with .Next}}{{.Next.Title}}{{end}}`, then: func(p *page) { p.Next = &page{} }},
		{name: "a panic in a method", src: `{{if .Draft}}{{.Panics}}{{end}}`, then: func(p *page) { p.Draft = true }},
		{name: "range over a map", src: `{{range .Next.Any}}{{.}}{{end}}`, then: func(p *page) { p.Next.Any = map[string]int{"b": 2, "a": 1} }},
		{name: "eq of different kinds", src: `{{if eq .Any "x"}}yes{{end}}`, then: func(p *page) { p.Any = 1.5 }},
		{name: "a pointer to escape", src: `{{.Any}}`, then: func(p *page) { s := "pointed <to>"; p.Any = &s }},
		{name: "a function it does not know", src: `{{urlquery .Title}} {{js .Title}}`, notCompiled: true},
		{name: "JavaScript", src: `<script>var t = {{.Title}};</script>`, notCompiled: true},
		{name: "a float literal", src: `{{printf "%v" 1.5}}`, notCompiled: true},
		{name: "an unquoted attribute", src: `<p class={{.Title}}>x</p>`, notCompiled: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := samplePage()
			if c.then == nil {
				c.then = func(*page) {}
			}
			ref := setWith(t, c.src)
			ref.Interpret = true
			render(ref, samplePage())
			c.then(data)
			want, wantErr := render(ref, data)

			s := setWith(t, c.src)
			if _, err := render(s, samplePage()); err != nil {
				t.Fatal(err)
			}
			if err := s.Compiled("page"); (err != nil) != c.notCompiled {
				t.Fatalf("compiled: %v, want an error: %v", err, c.notCompiled)
			}
			got, err := render(s, data)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("error %v, want %v", err, wantErr)
			}
			if wantErr == nil && got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if compiled, _ := s.Rendered(); compiled != 0 {
				t.Errorf("%d pages rendered by the compiled program, want 0", compiled)
			}
		})
	}
}

// TestCompiledNeedsABuffer checks that a layout renders into any writer:
// only a *bytes.Buffer, which can be cut back, is given to the compiled
// program.
func TestCompiledNeedsABuffer(t *testing.T) {
	s := setWith(t, `<p>{{.Title}}</p>`)
	render(s, samplePage())
	var b strings.Builder
	if err := s.Execute(&b, "page", samplePage()); err != nil {
		t.Fatal(err)
	}
	if want := "<p>Fees &amp; &#34;forms&#34; &lt;b&gt;&#39;now&#39;&lt;/b&gt; &#43; more</p>"; b.String() != want {
		t.Errorf("got %s, want %s", b.String(), want)
	}
	if compiled, interpreted := s.Rendered(); compiled != 0 || interpreted != 2 {
		t.Errorf("%d compiled, %d interpreted; want 0 and 2", compiled, interpreted)
	}
}

// escapingContexts put one value in each place html/template escapes
// differently, each in its own template: trusted HTML, which falls back in
// an attribute, is still compared in the others.
var escapingContexts = []string{
	`<p title="{{.}}">x</p>`, `<p>{{.}}</p>`, `<a href="{{.}}">a</a>`, `<a href='/x/{{.}}?q={{.}}#{{.}}'>b</a>`,
	`<img srcset="{{.}}" alt="">`, `<title>{{.}}</title>`, `<textarea>{{.}}</textarea>`,
	`<style>p { background: url({{.}}) }</style>`, `<meta http-equiv="refresh" content="0; url={{.}}">`,
}

// FuzzCompiledEscaping compares the compiled escapers with html/template's
// on arbitrary text, plain and typed as trusted HTML or URL.
func FuzzCompiledEscaping(f *testing.F) {
	for _, s := range []string{
		"", "plain", `<script>"x" & 'y' + z</script>`, "\x00nul", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.c",
		"http://例子.cn/路径?a=b&c=d#frag", "/a b/%41%zz%4", "a.png 1x, b.png 2x", " a.png 100w ,javascript:x, c d e",
		"\xff\xfe invalid", "data:text/html,x", "//host/path:colon", "!#$&*+,/:;=?@[]'()", "&amp; &lt;", "\t\n\f\r ",
	} {
		for kind := range 3 {
			f.Add(s, kind)
		}
	}
	var refs []*template.Template
	for _, src := range escapingContexts {
		refs = append(refs, template.Must(template.New("").Parse(src)))
	}
	f.Fuzz(func(t *testing.T, s string, kind int) {
		var data any = s
		switch kind % 3 {
		case 1:
			data = template.HTML(s)
		case 2:
			data = template.URL(s)
		}
		for i, ref := range refs {
			var want bytes.Buffer
			if err := ref.Execute(&want, data); err != nil {
				t.Skip(err)
			}
			p, err := compile(ref, "", nil)
			if err != nil {
				t.Fatalf("%s: %v", escapingContexts[i], err)
			}
			var got bytes.Buffer
			if err := p.execute(&got, data); err != nil {
				if errors.Is(err, errFallback) && kind%3 == 1 && strings.Contains(escapingContexts[i], `"{{.}}"`) {
					// Trusted HTML in an attribute: html/template's.
					continue
				}
				t.Fatalf("%s: %q: %v", escapingContexts[i], s, err)
			}
			if got.String() != want.String() {
				t.Errorf("%s: %q (kind %d):\ncompiled:      %s\nhtml/template: %s", escapingContexts[i], s, kind%3, got.String(), want.String())
			}
		}
	})
}

package layout

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// files is a small set of layouts: the base, one layout, a partial and the
// interface strings of two languages.
func files() fstest.MapFS {
	return fstest.MapFS{
		"base.html":          {Data: []byte(`<title>{{.Title}}</title>{{block "main" .}}{{end}}`)},
		"page.html":          {Data: []byte(`{{define "main"}}<a href="{{.URL}}" title="{{.Title}}">{{shout .Title}}</a>{{template "partials/note.html" .}}{{end}}`)},
		"partials/note.html": {Data: []byte(`<script>var t = {{.Title}};</script>`)},
		"i18n/zh.yaml":       {Data: []byte("next: 下一步\n")},
		"i18n/en.yaml":       {Data: []byte("next: Next\n")},
	}
}

var funcs = template.FuncMap{"shout": strings.ToUpper}

// TestExecute checks that a layout renders through html/template, escaped
// for each context: text, attribute, URL and script.
func TestExecute(t *testing.T) {
	s, errs := Load(files(), []string{"zh", "en"}, funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	data := map[string]string{"Title": `a<b & "c"`, "URL": "javascript:alert(1)"}
	var buf bytes.Buffer
	if err := s.Execute(&buf, "page", data); err != nil {
		t.Fatal(err)
	}
	want := `<title>a&lt;b &amp; &#34;c&#34;</title>` +
		`<a href="#ZgotmplZ" title="a&lt;b &amp; &#34;c&#34;">A&lt;B &amp; &#34;C&#34;</a>` +
		`<script>var t = "a\u003cb \u0026 \"c\"";</script>`
	if got := buf.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if err := s.Execute(&buf, "nothing", data); err == nil || err.Error() != `no layout "nothing"` {
		t.Errorf("Execute of a missing layout: got %v; want no layout \"nothing\"", err)
	}
	if got := s.Names(); len(got) != 1 || got[0] != "page" {
		t.Errorf("Names() = %v; want [page]", got)
	}
	if got, err := s.String("en", "next"); got != "Next" || err != nil {
		t.Errorf(`String("en", "next") = %q, %v; want "Next"`, got, err)
	}
}

// TestExecuteError checks that an error while rendering names the layout
// file, line and column.
func TestExecuteError(t *testing.T) {
	fsys := files()
	fsys["page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n  {{.Missing.Field}}{{end}}")}
	s, errs := Load(fsys, []string{"zh", "en"}, funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	err := s.Execute(&bytes.Buffer{}, "page", struct{ Title string }{"x"})
	want := "layouts/page.html:2:12: <.Missing.Field>: can't evaluate field Missing in type struct { Title string }"
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %s", err, want)
	}
}

// TestLoadErrors checks the problems Load reports, each naming its file.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		change fstest.MapFS
		remove string
		want   string
	}{
		{
			name:   "syntax",
			change: fstest.MapFS{"page.html": {Data: []byte("{{define \"main\"}}\n{{if .Title}}")}},
			want:   "layouts/page.html:2: the file ends before an {{end}} closes every {{if}}, {{range}}, {{with}}, {{block}} and {{define}}",
		},
		{
			name:   "missing string",
			change: fstest.MapFS{"i18n/en.yaml": {Data: []byte("other: x\n")}},
			want:   `layouts/i18n/en.yaml: interface string "next" is missing (layouts/i18n/zh.yaml has it)`,
		},
		{
			name:   "no base",
			remove: "base.html",
			want:   "layouts/base.html: cannot read the base layout",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := files()
			for name, f := range tt.change {
				fsys[name] = f
			}
			delete(fsys, tt.remove)
			_, errs := Load(fsys, []string{"zh", "en"}, funcs)
			if !strings.Contains(errs.Error(), tt.want) {
				t.Errorf("got %v; want an error containing %q", errs, tt.want)
			}
		})
	}
}

// TestLayoutsApart checks that each of many layouts, parsed on several
// cores, fills the base's blocks with its own definitions, whichever
// worker parsed it: no layout's definitions reach another's copy of the
// base.
func TestLayoutsApart(t *testing.T) {
	fsys := files()
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		fsys[name+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + name + `{{template "partials/note.html" .}}{{end}}`)}
	}
	s, errs := Load(fsys, []string{"zh", "en"}, funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, name := range s.Names() {
		var buf bytes.Buffer
		if err := s.Execute(&buf, name, map[string]string{"Title": "t", "URL": "/"}); err != nil {
			t.Fatal(err)
		}
		if name != "page" && buf.String() != `<title>t</title>`+name+`<script>var t = "t";</script>` {
			t.Errorf("layout %s: got %s; want its own main", name, buf.String())
		}
	}
	if n := len(s.Names()); n != 8 {
		t.Errorf("%d layouts; want 8", n)
	}
}

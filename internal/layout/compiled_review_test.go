package layout

import (
	"fmt"
	"html/template"
	"reflect"
	"testing"
)

// lenner has a Len method, as reflect.Value has.
type lenner struct{}

func (lenner) Len() int { return 7 }

// grower adds to its Tags, while they are ranged over, when N says so.
type grower struct {
	Tags []string
	N    int
}

func (g *grower) More() string {
	if g.N > 0 {
		g.N--
		g.Tags = append(g.Tags, "more")
	}
	return ""
}

// TestCompiledMatchesOnSecondPage renders a layout with a first value,
// which compiles it, then with another, which the compiled program must
// render as html/template does (or leave to html/template).
func TestCompiledMatchesOnSecondPage(t *testing.T) {
	cases := []struct {
		name, src string
		// first and then make the data of each render.
		first, then func() any
		// notCompiled is set when the layout must not be compiled.
		notCompiled bool
	}{
		{
			// An imaginary literal is a complex number, even when zero.
			name: "imaginary literal", src: `{{if .}}{{0i}} {{1+0i}} {{printf "%v" 0i}} {{eq 0i 0}}{{end}}`,
			first: func() any { return false }, then: func() any { return true }, notCompiled: true,
		},
		{
			// A {{break}} in the {{else}} of an inner range stops that
			// range only: text/template recovers it there.
			name: "break in a range's else", src: `{{range .}}{{range .}}{{.}}{{else}}{{break}}{{end}};{{end}}`,
			first: func() any { return [][]string{{"a"}} }, then: func() any { return [][]string{{}, {"b"}} },
		},
		{
			// text/template takes a reflect.Value given as data for
			// the value it holds.
			name: "reflect.Value as data", src: `{{.}}`,
			first: func() any { return "x" }, then: func() any { return reflect.ValueOf(template.HTML("<b>bold</b>")) },
		},
		{
			name: "reflect.Value as data, method", src: `{{.Len}}`,
			first: func() any { return lenner{} }, then: func() any { return reflect.ValueOf("abc") },
		},
		{
			// text/template reads a slice's length at each step.
			name: "range over a growing slice", src: `{{range .Tags}}{{.}}{{$.More}}{{end}}`,
			first: func() any { return &grower{Tags: []string{"a"}} }, then: func() any { return &grower{Tags: []string{"a"}, N: 1} },
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ref := setWith(t, c.src)
			ref.Interpret = true
			render(ref, c.first())
			want, wantErr := render(ref, c.then())

			s := setWith(t, c.src)
			if _, err := render(s, c.first()); err != nil {
				t.Fatal(err)
			}
			if err := s.Compiled("page"); (err != nil) != c.notCompiled {
				t.Fatalf("compiled: %v, want an error: %v", err, c.notCompiled)
			}
			got, err := render(s, c.then())
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Errorf("error %v, want %v", err, wantErr)
			}
			if wantErr == nil && got != want {
				t.Errorf("compiled:      %s\nhtml/template: %s", got, want)
			}
		})
	}
}

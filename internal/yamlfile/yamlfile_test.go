package yamlfile

import (
	"fmt"
	"strings"
	"testing"

	"guide/internal/diag"
)

type link struct {
	Text string   `yaml:"text,required"`
	URL  string   `yaml:"url,required"`
	Pos  diag.Pos `yaml:"-"`
}

type doc struct {
	Title  string            `yaml:"title,required"`
	Weight int               `yaml:"weight"`
	Ratio  float64           `yaml:"ratio"`
	Draft  bool              `yaml:"draft"`
	Tags   []string          `yaml:"tags"`
	Links  []link            `yaml:"links"`
	Names  map[string]string `yaml:"names"`
}

func TestDecode(t *testing.T) {
	var d doc
	src := "title: Apply\nweight: 3\nratio: 0.5\ndraft: true\ntags: [a, b]\nlinks:\n  - text: DS-160\n    url: https://ceac.state.gov/GENNIV/\nnames: {zh: 中文}\n"
	if errs := Decode("f.yaml", []byte(src), 1, &d); len(errs) > 0 {
		t.Fatal(errs)
	}
	if d.Title != "Apply" || d.Weight != 3 || d.Ratio != 0.5 || !d.Draft || len(d.Tags) != 2 || d.Names["zh"] != "中文" {
		t.Errorf("decoded %+v", d)
	}
	if len(d.Links) != 1 || d.Links[0].URL != "https://ceac.state.gov/GENNIV/" || d.Links[0].Pos.String() != "f.yaml:7:5" {
		t.Errorf("links = %+v; want one link at f.yaml:7:5", d.Links)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		first     int
		want      string
	}{
		{"unknown key with suggestion", "title: x\ntilte: y\n", 1, `f.yaml:2:1: unknown key "tilte", did you mean "title"?`},
		{"unknown key without suggestion", "title: x\ncolour: red\n", 1, `f.yaml:2:1: unknown key "colour"; the keys allowed here are draft, links, names, ratio, tags, title, weight`},
		{"missing required", "weight: 1\n", 1, `f.yaml:1:1: missing required key "title"`},
		{"missing required in a list item", "title: x\nlinks:\n  - text: a\n", 1, `f.yaml:3:5: missing required key "url"`},
		{"line offset of front matter", "title: x\nweight: many\n", 2, `f.yaml:3:9: "weight" must be a whole number, not "many"`},
		{"not a number", "title: x\nratio: half\n", 1, `f.yaml:2:8: "ratio" must be a number, not "half"`},
		{"not a bool", "title: x\ndraft: yes\n", 1, `f.yaml:2:8: "draft" must be true or false, not "yes"`},
		{"text expected", "title: [a]\n", 1, `f.yaml:1:8: "title" must be text, not a list`},
		{"empty text", "title:\n", 1, `f.yaml:1:7: "title" must be text, not nothing`},
		{"list expected", "title: x\ntags: a\n", 1, `f.yaml:2:7: "tags" must be a list (lines starting with "- "), not "a"`},
		{"not a mapping", "- a\n- b\n", 1, `f.yaml:1:1: the value must be a mapping (key: value lines), not a list`},
		{"duplicate key", "title: x\ntitle: y\n", 1, `f.yaml:2:1: key "title" appears twice`},
		{"anchors refused", "title: &a x\ntags: [*a]\n", 1, `f.yaml:1:8: YAML anchors and aliases (& and *) are not allowed; write the value out`},
		{"syntax error line", "title: x\ntags: [a\nweight: 1\n", 1, `f.yaml:2:1: invalid YAML: did not find expected ',' or ']'`},
		{"tab indentation", "title: x\nlinks:\n\t- text: a\n", 1, `f.yaml:3:1: a tab: YAML needs spaces for indentation; use spaces, not a tab`},
		{"missing required keys", "links:\n  - {}\n", 1, `f.yaml:2:5: missing required keys "text", "url"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			errs := Decode("f.yaml", []byte(tt.src), tt.first, &d)
			if len(errs) == 0 {
				t.Fatalf("no error; want %s", tt.want)
			}
			if got := errs[0].Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestAliasBomb checks that a "billion laughs" document is refused quickly
// instead of being expanded.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	var m map[string][]string
	errs := Decode("bomb.yaml", []byte(b.String()), 1, &m)
	if len(errs) == 0 || !strings.Contains(errs[0].Msg, "aliases") && !strings.Contains(errs[0].Msg, "excessive aliasing") {
		t.Fatalf("errs = %v; want the aliases refused", errs)
	}
}

// TestSyntaxErrorInALongDocument checks that the line of a syntax error is
// found deep in a long document.
func TestSyntaxErrorInALongDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString("names:\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	b.WriteString("  broken: [x\n  after: y\n")
	var d struct {
		Names map[string]string `yaml:"names"`
	}
	errs := Decode("long.yaml", []byte(b.String()), 1, &d)
	if len(errs) != 1 || errs[0].Pos.Line != 5002 || errs[0].Pos.Col != 3 {
		t.Fatalf("errs = %v; want one at long.yaml:5002:3", errs)
	}
}

// TestTooLarge checks that a huge document is refused before it is parsed.
func TestTooLarge(t *testing.T) {
	var d struct {
		Names []string `yaml:"names"`
	}
	data := "names:\n" + strings.Repeat("  - x\n", MaxBytes/6+1)
	errs := Decode("big.yaml", []byte(data), 3, &d)
	if len(errs) != 1 || errs[0].Error() != "big.yaml:3: the YAML is larger than 256 KiB; a guide's settings never are, so split it up" {
		t.Fatalf("errs = %v", errs)
	}
}

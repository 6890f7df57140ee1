package yamlfile

import (
	"strings"
	"testing"
)

// TestTypingMistakes pins the message of each mistake that typing on a
// Chinese keyboard makes in YAML, at the mistake's own line and column,
// and checks that the same characters inside values are left alone.
func TestTypingMistakes(t *testing.T) {
	const (
		tab     = `a tab: YAML needs spaces for indentation; use spaces, not a tab`
		colon   = `full-width colon "：" after the key %q: YAML needs the ASCII colon ":" followed by a space`
		comma   = `full-width comma "，": YAML needs the ASCII comma "," followed by a space between values`
		quotes  = `full-width quotation marks "“" and "”": YAML needs the ASCII quotation mark '"' at both ends of the text`
		dash    = `full-width dash "－" before a list item: YAML needs the ASCII hyphen "-" followed by a space`
		space   = `a full-width space: YAML needs an ASCII space here; delete it and type a space`
		bracket = `full-width bracket "【": a list on one line needs the ASCII bracket "["`
		closing = `full-width bracket "】": a list on one line needs the ASCII bracket "]"`
	)
	key := func(k string) string { return strings.Replace(colon, "%q", `"`+k+`"`, 1) }
	tests := []struct {
		name, src string
		first     int
		want      []string
	}{
		{"tab before a list item", "title: x\nlinks:\n\t- text: a\n\t  url: b\n", 1, []string{"3:1: " + tab, "4:1: " + tab}},
		{"tab after spaces", "title: x\nlinks:\n  - text: a\n  \turl: b\n", 1, []string{"4:3: " + tab}},
		{"tab in front matter", "title: x\n\tweight: 2\n", 2, []string{"3:1: " + tab}},
		{"colon, then another key", "title：申请\nweight: 2\n", 1, []string{"1:6: " + key("title")}},
		{"colon, after another key", "title: 申请\nweight：2\n", 1, []string{"2:7: " + key("weight")}},
		{"colon, the only key", "title：申请\n", 1, []string{"1:6: " + key("title")}},
		{"colon with a space after it", "title： 申请\nweight: 2\n", 1, []string{"1:6: " + key("title")}},
		{"two colons", "title：申请\nweight：2\n", 1, []string{"1:6: " + key("title"), "2:7: " + key("weight")}},
		{"colon in a list item", "title: x\nlinks:\n  - text：a\n    url: b\n", 1, []string{"3:9: " + key("text")}},
		{"colon in a mapping on one line", "title: x\nlinks:\n  - {text：a, url: b}\n", 1, []string{"3:10: " + key("text")}},
		{"colon in quotes is text", "title: \"注意：带护照\"\nweight：2\n", 1, []string{"2:7: " + key("weight")}},
		{"comma in a mapping on one line", "title: x\nlinks:\n  - {text: a，url: b}\n", 1, []string{"3:13: " + comma}},
		{"quotation marks", "title: “注意: 带护照”\n", 1, []string{"1:8: " + quotes}},
		{"dash before list items", "title: x\ntags:\n  － a\n  － b\n", 1, []string{"3:3: " + dash, "4:3: " + dash}},
		{"dash before a mapping", "title: x\nlinks:\n  － text: a\n    url: b\n", 1, []string{"3:3: " + dash}},
		{"full-width space before a key", "title: x\n\u3000weight: 2\n", 1, []string{"2:1: " + space}},
		{"full-width space after a colon", "title:\u3000申请\nweight: 2\n", 1, []string{"1:7: " + space}},
		{"full-width brackets", "title: x\ntags: 【a, b】\n", 1, []string{"2:7: " + bracket, "2:12: " + closing}},
		{"other mistakes stay yaml.v3's", "tags:\n  - 护照：原件\ntitle: [x\n", 1, []string{`3:1: invalid YAML: did not find expected ',' or ']'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			errs := Decode("f.yaml", []byte(tt.src), tt.first, &d)
			var got []string
			for _, e := range errs {
				got = append(got, strings.TrimPrefix(e.Error(), "f.yaml:"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestFullWidthInValues checks that full-width punctuation inside values
// of a valid document is text, not a mistake.
func TestFullWidthInValues(t *testing.T) {
	src := "title: 注意：带护照，照片\ntags:\n  - 护照：原件\n  - “一带一路”项目\n  - 【重要】（见下文）\nnames: {zh: 中文：简体}\n"
	var d doc
	if errs := Decode("f.yaml", []byte(src), 1, &d); len(errs) > 0 {
		t.Fatalf("got %v; want no problem", errs)
	}
	if d.Title != "注意：带护照，照片" || d.Tags[0] != "护照：原件" || d.Names["zh"] != "中文：简体" {
		t.Errorf("decoded %+v", d)
	}
}

// FuzzTypingMistakes checks that no document, however mistyped, makes the
// decoder fail or point outside the document.
func FuzzTypingMistakes(f *testing.F) {
	f.Add("title：申请\nweight：2\n")
	f.Add("title: x\nlinks:\n\t- {text: a，url: “b: c”}\n\u3000－ x\n")
	f.Add("tags: 【a, b】\nsummary: |\n\tcode：x\n")
	f.Fuzz(func(t *testing.T, src string) {
		var d doc
		// YAML breaks lines at "\r" and at U+0085, U+2028 and U+2029
		// too.
		lines := 1 + strings.Count(src, "\n") + strings.Count(src, "\r") +
			strings.Count(src, "\u0085") + strings.Count(src, "\u2028") + strings.Count(src, "\u2029")
		for _, e := range Decode("f.yaml", []byte(src), 1, &d) {
			// yaml.v3 places the end of a document on the line after it.
			if e.Pos.Line > lines+1 || e.Pos.Line < 0 {
				t.Fatalf("%v points outside a document of %d lines", e, lines)
			}
		}
	})
}

package yamlfile

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameTree describes the first difference between two node trees in what
// the decoder reads of them (kind, tag, style, value, position, children),
// or returns "".
func sameTree(a, b *yaml.Node, at string) string {
	switch {
	case a.Kind != b.Kind:
		return fmt.Sprintf("%s: kind %v, yaml.v3 %v", at, a.Kind, b.Kind)
	case a.Tag != b.Tag || a.Style != b.Style || a.Value != b.Value:
		return fmt.Sprintf("%s: %s %v %q, yaml.v3 %s %v %q", at, a.Tag, a.Style, a.Value, b.Tag, b.Style, b.Value)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s %q: at %d:%d, yaml.v3 %d:%d", at, a.Value, a.Line, a.Column, b.Line, b.Column)
	case a.Anchor != b.Anchor || a.Alias != b.Alias:
		return fmt.Sprintf("%s: anchors differ", at)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d children, yaml.v3 %d", at, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// agree checks that where parseFast parses data, yaml.v3 parses it to the
// same tree.
func agree(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	got, p := parseFast(data)
	if got == nil {
		return false
	}
	// The parser is released, so that the next call parses into the
	// same nodes: a node left over from a document must not show in the
	// next.
	defer p.release()
	var want yaml.Node
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Fatalf("parseFast accepts what yaml.v3 refuses (%v):\n%s", err, data)
	}
	if d := sameTree(got, &want, "doc"); d != "" {
		t.Fatalf("parseFast and yaml.v3 differ: %s\n%s", d, data)
	}
	return true
}

// TestParseFastAgrees checks the fast parser on the shapes front matter,
// site settings and walkthrough frames take, and on what it must leave to
// yaml.v3: where it parses, it parses as yaml.v3 does.
func TestParseFastAgrees(t *testing.T) {
	fast := []string{
		"title: Hello\n",
		"title: \"Say \\\"hi\\\" \\\\ now\\n\"\nweight: 3\n",
		"title: 'It''s'  # a comment\ndraft: true\nn: ~\nf: 1.5\nd: 2025-04-08\n",
		"# head\n\nsteps:\n  - id: a\n    title: A\n    bring:\n      - passport\n      - \"photo\"\n    links:\n      - text: Form\n        url: https://example.org/a\n  - id: b\n    title: B\n",
		"list:\n- a\n- b\nnext: x\n",
		"title: 中文标题\nsummary: 说明：全角冒号不算\n",
		"a:\n  b:\n    c: d\n  e: f\n",
		"key: value # comment\n",
		"url: https://example.org/a#b\n",
		"frames:\n  - callouts:\n      - box: {x: 7.5, y: -17.5, w: 63.3, h: 1e3}  # box\n        n: {}\n",
		// A procedure page's front matter, as the guide's pages write it.
		"title: 免面谈代签\nsummary: 符合条件的申请人可以不面谈。\nweight: 2\nchanges:\n  - date: 2025-09-02\n    what: 免面谈的条件收紧。\n" +
			"steps:\n  - id: ds160\n    title: 填写 DS-160 表格\n    where: 网上\n    fee: 免费\n    time: 约 1 小时\n    optional: false\n" +
			"    links:\n      - text: DS-160\n        url: https://ceac.state.gov/genniv/\n  - id: dropoff\n    logic: or\n    bring:\n      - 护照\n      - DS-160 确认页\n",
		// Long texts, as the checker's rules write them.
		"a:\n  - b: >-\n      x\n      y\n\n  # a comment\n  - c\n",
		"note:\n  zh: >-\n    领事馆仍可能要求您面谈。\n    请选择签证类型。\n  en: >-\n    The consulate may still\n    ask: you \"to\" attend # not a comment\nnext: x\n",
		"list:\n- id: a\n  text: |-\n     first line\n     - second: line\n- id: b\n",
		// Site settings.
		"baseURL: https://example.gov.cn/visa/\nconfirmed: 2025-04-08\nlanguages:\n  - code: zh\n    tag: zh-CN\n    cjk: true\n  - code: en\n    tag: en\n",
	}
	slow := []string{
		"",
		"title: |\n  block\n",
		"title: [a, b]\n",
		"box: {x: a b}\n",
		"box: {x: 1, x: 2}\n",
		"box: {x: 1,}\n",
		"a: &x 1\nb: *x\n",
		"title: a\n  continued\n",
		"title: a\ntitle: b\n",
		"title:\n",
		"title: \"open\n",
		"title: \"\\u00e9\"\n",
		"title: \"a\\/b\"\n", // yaml.v3 refuses \/
		"\ttitle: a\n",
		"title: !!str 3\n",
		"- a\n- b\n",
		"a: b: c\n",
		"---\ntitle: a\n",
		"  title: a\n",
		"steps:\n  - id: a\n     title: b\n",
		"a: >\n  kept line break\n",
		"a: |+\n  kept\n\n",
		"a: >2-\n   indented\n",
		"a: >-\n  x\n\n  y\n",    // a blank line
		"a: >-\n  x\n  # text\n", // a comment is text here
		"a: >-\n  x\n\n  # text\nb: c\n",
		"a: >-\n\n  x\n",      // a leading blank line
		"a: >-\n  x\n    y\n", // a more indented line
		"a: >-\n  x \n  y\n",  // a space at a line's end
		"a: >-\nb: c\n",       // empty
		"a: >- # note\n  x\n",
	}
	for _, s := range fast {
		if !agree(t, []byte(s)) {
			t.Errorf("parseFast left to yaml.v3:\n%s", s)
		}
	}
	for _, s := range slow {
		if agree(t, []byte(s)) {
			t.Errorf("parseFast parsed what it should leave to yaml.v3:\n%s", s)
		}
	}
}

// TestParserReused checks that a parser released after decoding parses the
// next document as a new one would, and that what was decoded from the
// first document is unchanged by the second: the values do not refer to
// the nodes that the second document reuses.
func TestParserReused(t *testing.T) {
	type step struct {
		ID    string   `yaml:"id"`
		Bring []string `yaml:"bring"`
	}
	type page struct {
		Title string `yaml:"title"`
		Steps []step `yaml:"steps"`
	}
	long := "title: \"First\"\nsteps:\n"
	for i := range 100 { // more nodes than a slab holds
		long += fmt.Sprintf("  - id: s%d\n    bring:\n      - 'passport %d'\n      - photo\n", i, i)
	}
	var first page
	if errs := Decode("a.yaml", []byte(long), 1, &first); len(errs) > 0 {
		t.Fatal(errs)
	}
	short := "title: Second\nsteps:\n  - id: x\n"
	if !agree(t, []byte(short)) {
		t.Error("a reused parser left the second document to yaml.v3")
	}
	var second page
	if errs := Decode("b.yaml", []byte(short), 1, &second); len(errs) > 0 {
		t.Fatal(errs)
	}
	if second.Title != "Second" || len(second.Steps) != 1 || second.Steps[0].ID != "x" || second.Steps[0].Bring != nil {
		t.Errorf("the second document decoded as %+v", second)
	}
	if first.Title != "First" || len(first.Steps) != 100 || first.Steps[99].ID != "s99" || first.Steps[99].Bring[0] != "passport 99" || first.Steps[0].Bring[1] != "photo" {
		t.Errorf("the first document changed after the second was decoded: %+v", first.Steps[99])
	}
}

// FuzzParseFast checks that whatever the fast parser accepts, yaml.v3
// parses to the same tree.
func FuzzParseFast(f *testing.F) {
	f.Add([]byte("title: \"A\"\nsteps:\n  - id: a\n    bring:\n      - x\n    links:\n      - text: T\n        url: https://e.org/#x\n"))
	f.Add([]byte("a: 'b''c' # d\nlist:\n- 1\n- true\n- ~\n"))
	f.Add([]byte("title: 中文\nweight: -3\n"))
	f.Add([]byte("- box: {x: 7.5, y: 17.5}\n"))
	f.Add([]byte("a:\n  - b: {x: -1, y: +2.5e3, z: .inf}\n    c: {}\n"))
	f.Add([]byte("a:\n  b: >-\n    x: y\n    'z'\n  c: |-\n   - d\n   e\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
	})
}

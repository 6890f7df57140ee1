package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"guide/internal/diag"
)

// A page's text may show a fact that its front matter or other data holds
// instead of copying it, so that the fact is written once:
//
//	{dropoff.fee}           the fee of step "dropoff" of this page
//	{interview#return.fee}  the fee of step "return" of the page "interview"
//	{rules.expiry-months}   the threshold "expiry-months" of the rules in force
//	{rules.max-age+1}       one more than it
//
// A reference is a name, a dot and a field between braces, optionally after
// a page's name and "#", and optionally followed by + or - and a number.
// What the names mean is the Resolver's business (FactResolver); this file
// finds the references and puts their values in the rendered text. Text in
// braces that does not have this shape is left alone, and so is a
// reference written after a backslash (\{dropoff.fee}) or in code. The
// braces, the dot and the "#" may also be the full-width ones a Chinese
// input method types (｛dropoff。fee｝).
//
// A reference is replaced in the parsed text, not in the source, so that a
// value is always shown as it is written: a fee with a "*" in it cannot
// start an emphasis, nor one with "<" a tag.

// Ref is a reference to a fact, as written in a page's text.
type Ref struct {
	// Written is the reference as written, braces included.
	Written string
	// Page is the name written before "#", or "".
	Page string
	// Name is what comes before the dot, and Field what comes after it.
	Name, Field string
	// Offset is the number written after + or -, with its sign; HasOffset
	// says whether one is written.
	Offset    int
	HasOffset bool
}

// String returns the reference in its plain form: "{interview#return.fee}".
func (r Ref) String() string {
	s := r.Name + "." + r.Field
	if r.Page != "" {
		s = r.Page + "#" + s
	}
	switch {
	case r.HasOffset && r.Offset < 0:
		s += "-" + strconv.Itoa(-r.Offset)
	case r.HasOffset:
		s += "+" + strconv.Itoa(r.Offset)
	}
	return "{" + s + "}"
}

// A FactResolver is a Resolver that also gives the values of the references
// to facts. When the Resolver passed to Render is one, Render replaces
// every reference by the value Fact returns; otherwise references stay as
// they are written. line and col locate the reference's opening brace in
// the page body. Fact records its own errors and returns ok false for a
// reference it cannot resolve, which then stays as written.
type FactResolver interface {
	Fact(ref Ref, line, col int) (value string, ok bool)
}

// factPattern matches a reference, and the backslash that may escape it.
var factPattern = regexp.MustCompile(`(\\*)[{｛]\s*(?:([A-Za-z0-9_/-]+)[#＃])?([A-Za-z0-9_-]+)[.。．]([A-Za-z0-9_-]+)\s*(?:([+\-＋－])\s*([0-9]{1,3}))?\s*[}｝]`)

// parseRefs returns the references in b with their offsets in b, leaving
// out the escaped ones.
func parseRefs(b []byte) (refs []Ref, starts, ends []int) {
	// Most texts have no brace, which the pattern needs, and are spared
	// the regular expression.
	if bytes.IndexByte(b, '{') < 0 && !bytes.Contains(b, []byte("｛")) {
		return nil, nil, nil
	}
	for _, m := range factPattern.FindAllSubmatchIndex(b, -1) {
		if (m[3]-m[2])%2 == 1 {
			continue // \{…}: written to be shown as it is
		}
		r := Ref{Written: string(b[m[3]:m[1]]), Name: string(b[m[6]:m[7]]), Field: string(b[m[8]:m[9]])}
		if m[4] >= 0 {
			r.Page = string(b[m[4]:m[5]])
		}
		if m[10] >= 0 {
			r.Offset, _ = strconv.Atoi(string(b[m[12]:m[13]]))
			if sign := string(b[m[10]:m[11]]); sign == "-" || sign == "－" {
				r.Offset = -r.Offset
			}
			r.HasOffset = true
		}
		refs, starts, ends = append(refs, r), append(starts, m[3]), append(ends, m[1])
	}
	return refs, starts, ends
}

// kindFact is the kind of the node that shows a fact's value.
var kindFact = ast.NewNodeKind("Fact")

// factNode is a reference replaced by the value of its fact.
type factNode struct {
	ast.BaseInline
	value string
}

func (n *factNode) Kind() ast.NodeKind { return kindFact }

func (n *factNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": n.value}, nil)
}

// factRenderer writes a fact's value as text, escaped.
type factRenderer struct{}

func (factRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFact, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(html.EscapeString(n.(*factNode).value))
		}
		return ast.WalkContinue, nil
	})
}

// isText reports whether t is text as the reader sees it: not code, nor
// raw HTML.
func isText(t *ast.Text) bool {
	if t.IsRaw() {
		return false
	}
	for p := t.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindCodeSpan {
			return false
		}
	}
	return true
}

// noteText adds t to texts, and to the text that Repeats searches, when it
// is text as the reader sees it.
func (d *Doc) noteText(texts []*ast.Text, t *ast.Text) []*ast.Text {
	if !isText(t) {
		return texts
	}
	d.runs = append(d.runs, textRun{block: blockOf(t), start: t.Segment.Start, end: t.Segment.Stop})
	return append(texts, t)
}

// replaceAllFacts replaces the references in texts when res is a
// FactResolver.
func replaceAllFacts(texts []*ast.Text, src []byte, lines *diag.Offsets, res Resolver) {
	if facts, ok := res.(FactResolver); ok {
		for _, t := range texts {
			replaceFacts(t, src, lines, facts)
		}
	}
}

// replaceFacts replaces the references in the text node t by the values
// that facts gives.
func replaceFacts(t *ast.Text, src []byte, lines *diag.Offsets, facts FactResolver) {
	seg := t.Segment
	refs, starts, ends := parseRefs(seg.Value(src))
	if len(refs) == 0 {
		return
	}
	parent := t.Parent()
	at := seg.Start
	var last ast.Node
	insert := func(n ast.Node) {
		parent.InsertBefore(parent, t, n)
		last = n
	}
	for i, r := range refs {
		line, col := lines.Pos(seg.Start + starts[i])
		value, ok := facts.Fact(r, line, col)
		if !ok {
			continue
		}
		if seg.Start+starts[i] > at {
			insert(ast.NewTextSegment(text.NewSegment(at, seg.Start+starts[i])))
		}
		insert(&factNode{value: value})
		at = seg.Start + ends[i]
	}
	if last == nil {
		return // nothing resolved: the text stays as written
	}
	if at < seg.Stop {
		rest := ast.NewTextSegment(text.NewSegment(at, seg.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		insert(rest)
	} else if t.SoftLineBreak() || t.HardLineBreak() {
		// The line break belongs after the value.
		brk := ast.NewTextSegment(text.NewSegment(seg.Stop, seg.Stop))
		brk.SetSoftLineBreak(t.SoftLineBreak())
		brk.SetHardLineBreak(t.HardLineBreak())
		insert(brk)
	}
	parent.RemoveChild(parent, t)
}

// textRun is a piece of a page's text as written, for Doc.Repeats.
type textRun struct {
	// block is the paragraph, heading, list item or table cell the
	// piece is in; pieces of one block are searched together.
	block      ast.Node
	start, end int
}

// Position is a line and column of a page body, counted from 1.
type Position struct{ Line, Col int }

// Repeats returns where the page's text, as written, contains s, white
// space aside ("110元" is found in "110 元"): the position of each
// occurrence in the body. Code and the references to facts are not text;
// a value shorter than three characters is never looked for.
func (d *Doc) Repeats(s string) []Position {
	want := squeeze(nil, []byte(s))
	if utf8.RuneCount(want) < 3 {
		return nil
	}
	t := d.searchable()
	var out []Position
	begin := 0
	for _, b := range t.blocks {
		for from := begin; from < b.end; {
			i := bytes.Index(t.text[from:b.end], want)
			if i < 0 {
				break
			}
			line, col := d.lines.Pos(d.sourceOffset(b.run, from+i-begin))
			out = append(out, Position{Line: line, Col: col})
			from += i + len(want)
		}
		begin = b.end
	}
	return out
}

// searchText is the page's text as Repeats searches it: the text of its
// blocks without white space.
type searchText struct {
	text []byte
	// blocks are the blocks' texts in text, which are searched one by
	// one: an occurrence never spans two blocks.
	blocks []searchBlock
}

// searchBlock is the text of a block in a searchText: it ends at end in
// the text, and starts with the text run run of the Doc.
type searchBlock struct{ end, run int }

// squeeze appends b to dst without its white space, the text between two
// spaces at once.
func squeeze(dst, b []byte) []byte {
	run := 0 // where the text that is not white space before i starts
	for i := 0; i < len(b); {
		// Most bytes are neither white space nor the start of a
		// character that can be (spaceAt), and are stepped over here.
		if c := b[i]; ' ' < c && c < utf8.RuneSelf || utf8.RuneSelf <= c && c != 0xC2 && (c < 0xE1 || 0xE3 < c) {
			i++
			continue
		}
		n, space := spaceAt(b[i:])
		if space {
			dst = append(dst, b[run:i]...)
			run = i + n
		}
		i += n
	}
	return append(dst, b[run:]...)
}

// spaceAt reports whether b starts with white space, and how many bytes
// to step over. Beyond ASCII, only the characters whose UTF-8 starts with
// the byte 0xC2, 0xE1, 0xE2 or 0xE3 can be white space (TestSpaceAt), so
// only those are decoded; any other byte is stepped over alone, which
// finds the same white space as decoding every character, and faster.
func spaceAt(b []byte) (n int, space bool) {
	switch c := b[0]; {
	case c < utf8.RuneSelf:
		return 1, c == ' ' || '\t' <= c && c <= '\r'
	case c == 0xC2 || 0xE1 <= c && c <= 0xE3:
		r, n := utf8.DecodeRune(b)
		return n, unicode.IsSpace(r)
	}
	return 1, false
}

// sourceOffset returns the offset in the source of byte n of the searched
// text of the block that starts with text run run. It walks the block's
// runs again rather than keep an offset for each piece of text between two
// spaces: occurrences are few, and the pieces of a page many.
func (d *Doc) sourceOffset(run, n int) int {
	for _, r := range d.runs[run:] {
		b := d.src[r.start:r.end]
		for j := 0; j < len(b); {
			k, space := spaceAt(b[j:])
			if !space {
				if n < k {
					return r.start + j + n
				}
				n -= k
			}
			j += k
		}
	}
	return len(d.src)
}

// searchable returns the text of the page's blocks without white space,
// made once per Doc.
func (d *Doc) searchable() *searchText {
	if d.search != nil {
		return d.search
	}
	size := 0
	for _, r := range d.runs {
		size += r.end - r.start
	}
	t := &searchText{text: make([]byte, 0, size)}
	first := 0 // the first run of the block
	for i, r := range d.runs {
		if i > 0 && r.block != d.runs[i-1].block {
			t.blocks = append(t.blocks, searchBlock{end: len(t.text), run: first})
			first = i
		}
		t.text = squeeze(t.text, d.src[r.start:r.end])
	}
	t.blocks = append(t.blocks, searchBlock{end: len(t.text), run: first})
	d.search = t
	return t
}

// blockOf returns the block that holds an inline node.
func blockOf(n ast.Node) ast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			return p
		}
	}
	return nil
}

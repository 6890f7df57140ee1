package yamlfile

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseFast parses the plain block YAML that front matter and settings
// files are written in into the same tree of nodes yaml.v3 makes. Loading
// decodes the front matter of every page, and in a large site yaml.v3's
// general parser is most of that cost; this one reads only that subset,
// line by line. It handles mappings with simple keys, lists, one-line
// scalars (plain, "double-quoted" with the common escapes, and
// 'single-quoted'), the simplest block scalars (blockStyles) and one-line
// mappings of words and numbers ({x: 7.5}), indented with spaces, with
// comments. For anything else (flow lists, other flow mappings, other
// block scalars, anchors, tags, a value over several lines, a key given
// twice, an empty value, a syntax error) it returns nil,
// and yaml.v3 parses the document and reports its errors. FuzzParseFast
// checks that the two agree.
//
// The nodes belong to the parser returned with them, which the caller
// releases once it no longer needs the tree (the decoded values do not
// refer to it). The next document is then parsed into the same memory: a
// large site's front matter makes hundreds of thousands of nodes, each
// needed only while its page's front matter is decoded.
func parseFast(data []byte) (*yaml.Node, *fastParser) {
	if !printable(data) {
		return nil, nil
	}
	p := parsers.Get().(*fastParser)
	for n, line := 1, string(data); len(line) > 0; n++ {
		var text string
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			text, line = line[:i], line[i+1:]
		} else {
			text, line = line, ""
		}
		text = strings.TrimSuffix(text, "\r")
		// A lone carriage return breaks a line too, and a tab may
		// indent a line, or not: yaml.v3 sorts them out.
		if strings.IndexByte(text, '\t') >= 0 || strings.IndexByte(text, '\r') >= 0 {
			p.release()
			return nil, nil
		}
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		if indent == len(text) || text[indent] == '#' {
			// Blank or a comment; a block scalar may take it as text.
			p.skipped = append(p.skipped, fastLine{n: n, indent: indent, text: text[indent:]})
			continue
		}
		p.lines = append(p.lines, fastLine{n: n, indent: indent, text: text})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		p.release()
		return nil, nil
	}
	root, ok := p.block(0)
	if !ok || p.i != len(p.lines) || root.Kind != yaml.MappingNode {
		p.release()
		return nil, nil
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, p
}

// printable reports whether data is UTF-8 of the characters YAML allows,
// with no byte order mark, and breaks lines only with "\n" and "\r".
func printable(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' && c != '\t' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		// U+0085, U+2028 and U+2029 break lines in YAML; the rest are
		// characters YAML refuses.
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

type fastLine struct {
	n, indent int
	text      string
}

type fastParser struct {
	lines []fastLine
	i     int
	// slabs hold the nodes, a slab of slabSize at a time, filled up to
	// slabs[full].
	slabs [][]yaml.Node
	full  int
	// skipped are the blank lines and the comments, which are not in
	// lines.
	skipped []fastLine
}

const slabSize = 64

// parsers keeps released parsers for the next document.
var parsers = sync.Pool{New: func() any { return new(fastParser) }}

// release gives p back for the next document; its tree must no longer be
// used.
func (p *fastParser) release() {
	for i, slab := range p.slabs {
		// A kept parser holds nothing of the document but the arrays of
		// its nodes' children, which the next document's nodes reuse.
		for j := range slab {
			slab[j] = yaml.Node{Content: slab[j].Content[:0]}
		}
		p.slabs[i] = slab[:0]
	}
	clear(p.lines)
	clear(p.skipped)
	*p = fastParser{lines: p.lines[:0], slabs: p.slabs, skipped: p.skipped[:0]}
	parsers.Put(p)
}

// node returns a new node.
func (p *fastParser) node(kind yaml.Kind, tag, value string, style yaml.Style, line, col int) *yaml.Node {
	if p.full < len(p.slabs) && len(p.slabs[p.full]) == slabSize {
		p.full++
	}
	if p.full == len(p.slabs) {
		p.slabs = append(p.slabs, make([]yaml.Node, 0, slabSize))
	}
	slab := p.slabs[p.full]
	slab = slab[:len(slab)+1]
	p.slabs[p.full] = slab
	n := &slab[len(slab)-1]
	n.Kind, n.Tag, n.Value, n.Style, n.Line, n.Column = kind, tag, value, style, line, col
	return n
}

// block parses the mapping or list that starts at the current line, whose
// indentation is indent.
func (p *fastParser) block(indent int) (*yaml.Node, bool) {
	l := p.lines[p.i]
	if l.indent != indent {
		return nil, false
	}
	if isItem(l.text[indent:]) {
		return p.list(indent)
	}
	return p.mapping(indent, indent)
}

func isItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// mapping parses key: value lines at indentation indent. The first key may
// start further right (col), after the "- " of a list item.
func (p *fastParser) mapping(indent, col int) (*yaml.Node, bool) {
	l := p.lines[p.i]
	m := p.node(yaml.MappingNode, "!!map", "", 0, l.n, col+1)
	seen := map[string]bool{}
	for first := true; p.i < len(p.lines); first = false {
		l = p.lines[p.i]
		start := col
		if !first {
			if l.indent < indent {
				break
			}
			if l.indent > indent || isItem(l.text[indent:]) {
				return nil, false
			}
			start = indent
		}
		rest := l.text[start:]
		colon := keyEnd(rest)
		if colon < 0 {
			return nil, false
		}
		key := rest[:colon]
		if seen[key] {
			return nil, false // yaml.v3 reports it
		}
		seen[key] = true
		k := p.node(yaml.ScalarNode, plainTag(key), key, 0, l.n, start+1)
		value := strings.TrimLeft(rest[colon+1:], " ")
		vcol := start + colon + 1 + (len(rest[colon+1:]) - len(value)) + 1 // the value's column
		p.i++
		var v *yaml.Node
		if value == "" || value[0] == '#' {
			if len(rest) > colon+1 && value == "" && rest[colon+1:] != "" {
				return nil, false // trailing spaces: let yaml.v3 decide
			}
			// The value is the block below, more indented, or a list at
			// the key's own indentation.
			if p.i == len(p.lines) {
				return nil, false
			}
			next := p.lines[p.i]
			switch {
			case next.indent > start:
				v, _ = p.block(next.indent)
			case next.indent == start && isItem(next.text[start:]):
				v, _ = p.list(start)
			}
			if v == nil {
				return nil, false
			}
		} else if style, ok := blockStyles[value]; ok {
			if v = p.blockScalar(start, style, l.n, vcol); v == nil {
				return nil, false
			}
		} else {
			if v = p.inline(value, l.n, vcol); v == nil {
				return nil, false
			}
			// A more indented line after a scalar continues it.
			if p.i < len(p.lines) && p.lines[p.i].indent > start {
				return nil, false
			}
		}
		m.Content = append(m.Content, k, v)
	}
	return m, true
}

// list parses "- item" lines at indentation indent.
func (p *fastParser) list(indent int) (*yaml.Node, bool) {
	l := p.lines[p.i]
	s := p.node(yaml.SequenceNode, "!!seq", "", 0, l.n, indent+1)
	for p.i < len(p.lines) {
		l = p.lines[p.i]
		if l.indent < indent || l.indent == indent && !isItem(l.text[indent:]) {
			break // the caller decides whether the line may follow
		}
		if l.indent > indent {
			return nil, false
		}
		rest := l.text[indent+1:]
		item := strings.TrimLeft(rest, " ")
		col := indent + 1 + len(rest) - len(item)
		if item == "" || item[0] == '#' || col != indent+2 {
			return nil, false
		}
		var v *yaml.Node
		if keyEnd(item) >= 0 {
			m, ok := p.mapping(col, col)
			if !ok {
				return nil, false
			}
			v = m
		} else {
			if v = p.inline(item, l.n, col+1); v == nil {
				return nil, false
			}
			p.i++
			if p.i < len(p.lines) && p.lines[p.i].indent > indent {
				return nil, false
			}
		}
		s.Content = append(s.Content, v)
	}
	return s, true
}

// blockStyles are the block scalars the fast parser reads: folded or
// literal, with the final line break stripped. A long text of the guide's
// settings is written so:
//
//	note: >-
//	  The consulate may still ask you
//	  to attend an interview.
var blockStyles = map[string]yaml.Style{">-": yaml.FoldedStyle, "|-": yaml.LiteralStyle}

// blockScalar parses the lines of a block scalar whose indicator ends the
// line before, at line and col, for a key at indentation parent. Its lines
// must be more indented than the key, all alike, with no blank or comment
// line among them and no space at their ends; folded, they are joined by
// spaces, and literal, by line breaks. Anything else (a more indented
// line, which folding treats apart, or an empty block) is left to yaml.v3.
func (p *fastParser) blockScalar(parent int, style yaml.Style, line, col int) *yaml.Node {
	sep := " "
	if style == yaml.LiteralStyle {
		sep = "\n"
	}
	var b strings.Builder
	indent, prev := -1, line
	for ; p.i < len(p.lines) && p.lines[p.i].indent > parent; p.i++ {
		l := p.lines[p.i]
		if indent < 0 {
			indent = l.indent
		} else {
			b.WriteString(sep)
		}
		// Lines that are not in lines (blank, or comments, which a
		// block scalar keeps as text) leave a gap in the numbers.
		if l.indent != indent || l.n != prev+1 || strings.HasSuffix(l.text, " ") {
			return nil
		}
		b.WriteString(l.text[indent:])
		prev = l.n
	}
	if indent < 0 {
		return nil
	}
	// A comment after the block's lines is its text too unless it is
	// less indented, and so are the spaces of a blank line beyond the
	// block's indentation.
	for _, l := range p.skipped {
		after := l.n > prev && (p.i == len(p.lines) || l.n < p.lines[p.i].n)
		if after && (l.text != "" && l.indent >= indent || l.indent > indent) {
			return nil
		}
	}
	return p.node(yaml.ScalarNode, "!!str", b.String(), style, line, col)
}

// keyEnd returns the index of the colon after a simple key at the start of
// s ("title: x", "steps:"), or -1.
func keyEnd(s string) int {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] == '_' || s[i] == '-' && i > 0) {
		i++
	}
	// YAML allows a key without a "? " at most 1024 characters long.
	if i == 0 || i > 256 || i == len(s) || s[i] != ':' || i+1 < len(s) && s[i+1] != ' ' {
		return -1
	}
	return i
}

// inline parses a scalar that fills the rest of a line, with an optional
// comment after it; col is its column.
func (p *fastParser) inline(s string, line, col int) *yaml.Node {
	switch s[0] {
	case '{':
		return p.flowMapping(s, line, col)
	case '"':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			switch c := s[i]; c {
			case '"':
				if !endsLine(s[i+1:]) {
					return nil
				}
				return p.node(yaml.ScalarNode, "!!str", b.String(), yaml.DoubleQuotedStyle, line, col)
			case '\\':
				if i+1 == len(s) {
					return nil
				}
				i++
				switch s[i] {
				case '"', '\\':
					b.WriteByte(s[i])
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					return nil
				}
			default:
				b.WriteByte(c)
			}
		}
		return nil
	case '\'':
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] != '\'' {
				b.WriteByte(s[i])
				continue
			}
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			if !endsLine(s[i+1:]) {
				return nil
			}
			return p.node(yaml.ScalarNode, "!!str", b.String(), yaml.SingleQuotedStyle, line, col)
		}
		return nil
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>%@`", rune(s[0])) {
		return nil
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " ")
	if strings.Contains(s, ": ") || strings.HasSuffix(s, ":") {
		return nil
	}
	return p.node(yaml.ScalarNode, plainTag(s), s, 0, line, col)
}

// flowMapping parses a mapping written on one line of simple keys and
// values that are words or numbers: {x: 7.5, y: 17.5}.
func (p *fastParser) flowMapping(s string, line, col int) *yaml.Node {
	m := p.node(yaml.MappingNode, "!!map", "", yaml.FlowStyle, line, col)
	var keys []string
	i := 1
	skip := func() {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	for skip(); ; skip() {
		if i < len(s) && s[i] == '}' && len(m.Content) == 0 {
			i++
			break
		}
		k := i
		for i < len(s) && (isWordByte(s[i]) || s[i] == '-' && i > k) {
			i++
		}
		if i == k || i+1 >= len(s) || s[i] != ':' || s[i+1] != ' ' || slices.Contains(keys, s[k:i]) {
			return nil
		}
		keys = append(keys, s[k:i])
		key := p.node(yaml.ScalarNode, plainTag(s[k:i]), s[k:i], 0, line, col+k)
		i += 2
		skip()
		v := i
		if i+1 < len(s) && (s[i] == '-' || s[i] == '+') && s[i+1] >= '0' && s[i+1] <= '9' {
			i++
		}
		for i < len(s) && (isWordByte(s[i]) || s[i] == '.' || i > v && (s[i] == '-' || s[i] == '+')) {
			i++
		}
		if i == v {
			return nil
		}
		m.Content = append(m.Content, key, p.node(yaml.ScalarNode, plainTag(s[v:i]), s[v:i], 0, line, col+v))
		skip()
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		if i < len(s) && s[i] == '}' {
			i++
			break
		}
		return nil
	}
	if !endsLine(s[i:]) {
		return nil
	}
	return m
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// endsLine reports whether s, the rest of a line after a value, holds at
// most spaces and a comment.
func endsLine(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// plainTag returns the tag yaml.v3 gives the plain scalar v.
func plainTag(v string) string {
	if v != "" && (v[0] >= 'a' && v[0] <= 'z' || v[0] >= 'A' && v[0] <= 'Z' || v[0] >= utf8.RuneSelf) {
		// Most values are words, of which yaml.v3 reads these few as
		// something else than text.
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool"
		case "null", "Null", "NULL":
			return "!!null"
		}
		return "!!str"
	}
	n := yaml.Node{Kind: yaml.ScalarNode, Value: v}
	return n.ShortTag()
}

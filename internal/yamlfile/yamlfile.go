// Package yamlfile decodes YAML into Go structs strictly, reporting every
// problem with its file, line and column.
//
// The guide's editors are not programmers, so the decoder is stricter and
// more talkative than yaml.v3's own: an unknown key is an error that suggests
// the key that was probably meant, a missing required key names the mapping
// that lacks it, a value of the wrong kind says what kind was expected, and
// anchors and aliases are refused (they are never needed in the guide and
// are the vector of "billion laughs" documents).
//
// Struct fields are matched by their `yaml:"name"` tag; the option
// `yaml:"name,required"` makes a key mandatory. A field of type diag.Pos
// tagged `yaml:"-"` receives the position of the mapping it was decoded
// from, so that later validation can point at it, and a field of type
// diag.Keys tagged `yaml:"-"` the position of the value of each key the
// mapping has, so that a message can point at the key it is about. Types
// that implement encoding.TextUnmarshaler decode from a scalar.
package yamlfile

import (
	"bytes"
	"encoding"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"guide/internal/diag"
	"guide/internal/messages"
)

// MaxBytes bounds the size of one YAML document. The guide's largest is a
// few kilobytes; the YAML scanner's cost grows faster than the size for
// some inputs, so a document this large is refused before it is parsed.
const MaxBytes = 256 << 10

// MaxNodes bounds the number of YAML nodes one document may have, so that a
// hostile or accidental giant document cannot exhaust memory.
const MaxNodes = 100_000

// Decode parses data as a single YAML document and decodes it into v, which
// must be a pointer to a struct. file names the source in messages, and
// firstLine is the line of the file on which data starts (1 for a whole file,
// more for front matter), so that positions are those of the file.
func Decode(file string, data []byte, firstLine int, v any) diag.List {
	_, errs := decode(file, data, firstLine, v, false)
	return errs
}

// DecodeTree is Decode that also returns the document's top node, with the
// positions of the values in data (not shifted by firstLine), or nil when
// data is not YAML.
func DecodeTree(file string, data []byte, firstLine int, v any) (*yaml.Node, diag.List) {
	return decode(file, data, firstLine, v, true)
}

// decode is DecodeTree. Unless keep is set, the tree is released when
// decode returns (see parseFast), and the caller must not use it.
func decode(file string, data []byte, firstLine int, v any, keep bool) (*yaml.Node, diag.List) {
	d := &decoder{file: file, lineOff: firstLine - 1, src: data}
	if len(data) > MaxBytes {
		d.errs.Add(diag.Pos{File: file, Line: firstLine}, "the YAML is larger than %d KiB; a guide's settings never are, so split it up", MaxBytes>>10)
		return nil, d.errs
	}
	root, p := parseFast(data)
	if p != nil && !keep {
		defer p.release()
	}
	if root == nil {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			// A tab or a full-width character is reported as what it
			// is, instead of as the token yaml.v3 could not read.
			if !d.typingMistakes(data) {
				d.syntax(data, err)
			}
			return nil, d.errs
		}
		root = &doc
	}
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			root = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		} else {
			root = root.Content[0]
		}
	} else if root.Kind == 0 {
		root = &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	if d.count(root) > MaxNodes {
		d.add(root, "document has more than %d values; split it up", MaxNodes)
		return root, d.errs
	}
	if d.hasAliases(root) {
		return root, d.errs
	}
	d.value(root, reflect.ValueOf(v).Elem(), "")
	return root, d.errs
}

type decoder struct {
	file    string
	lineOff int
	errs    diag.List
	// src is the document, and lines its lines once a message needs
	// them.
	src   []byte
	lines []string
}

// typeInfo is what the decoder needs of a struct type: its fields by key,
// the keys in order, and the fields that receive the mapping's position.
type typeInfo struct {
	pos    []int
	keys   []int
	fields map[string]field
	names  []string
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line + d.lineOff, Col: n.Column}
}

func (d *decoder) add(n *yaml.Node, format string, args ...any) {
	d.errs.Add(d.pos(n), format, args...)
}

// syntax turns a yaml.v3 syntax error into a positioned one. yaml.v3 names
// a line, but often the line where the enclosing construct starts, counted
// from zero, rather than the line at fault. The line at fault is found
// instead as the first line at which the document, read up to that line,
// stops being valid YAML; the column is that of the line's first character.
func (d *decoder) syntax(data []byte, err error) {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if _, err := strconv.Atoi(rest[:i]); err == nil {
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	line, col := faultLine(data)
	pos := diag.Pos{File: d.file}
	if line > 0 {
		pos.Line, pos.Col = line+d.lineOff, col
	}
	var reason any = msg
	if t, ok := reasons[msg]; ok {
		reason = t
	}
	d.errs.Add(pos, "invalid YAML: %s", reason)
}

// reasons are yaml.v3's words for the syntax errors that editors' typing
// makes most, as messages that a Printer says in the editor's language.
// Their English is yaml.v3's; a reason not listed is said in it too.
var reasons = map[string]messages.Text{
	"mapping values are not allowed in this context":         messages.Sprintf("mapping values are not allowed in this context"),
	"did not find expected key":                              messages.Sprintf("did not find expected key"),
	"did not find expected '-' indicator":                    messages.Sprintf("did not find expected '-' indicator"),
	"did not find expected ',' or ']'":                       messages.Sprintf("did not find expected ',' or ']'"),
	"did not find expected ',' or '}'":                       messages.Sprintf("did not find expected ',' or '}'"),
	"did not find expected node content":                     messages.Sprintf("did not find expected node content"),
	"did not find expected hexdecimal number":                messages.Sprintf("did not find expected hexdecimal number"),
	"found unknown escape character":                         messages.Sprintf("found unknown escape character"),
	"found unexpected end of stream":                         messages.Sprintf("found unexpected end of stream"),
	"found character that cannot start any token":            messages.Sprintf("found character that cannot start any token"),
	"found a tab character that violates indentation":        messages.Sprintf("found a tab character that violates indentation"),
	"could not find expected ':'":                            messages.Sprintf("could not find expected ':'"),
	"block sequence entries are not allowed in this context": messages.Sprintf("block sequence entries are not allowed in this context"),
}

// faultLine returns the line (and the column of its first character) at
// which data, read from its start, stops being valid YAML, or 0 when it
// cannot tell. The line is found by bisection over the document's lines,
// so a long document costs a few parses, not one per line.
func faultLine(data []byte) (line, col int) {
	const maxBytes = 1 << 20
	if len(data) > maxBytes {
		return 0, 0
	}
	// ends[i] is the end of line i+1, so that data[:ends[i]] holds the
	// first i+1 lines.
	var ends []int
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	valid := func(n int) bool {
		var v yaml.Node
		return yaml.Unmarshal(data[:ends[n-1]], &v) == nil
	}
	if valid(len(ends)) {
		return 0, 0
	}
	// The first line is valid when it is empty of YAML errors on its
	// own; bisect between a valid prefix (lo lines) and an invalid one.
	lo, hi := 0, len(ends)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if valid(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	start := 0
	if hi > 1 {
		start = ends[hi-2]
	}
	text := string(data[start:ends[hi-1]])
	return hi, 1 + len([]rune(text)) - len([]rune(strings.TrimLeft(text, " \t")))
}

func (d *decoder) count(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += d.count(k)
		if c > MaxNodes {
			return c
		}
	}
	return c
}

func (d *decoder) hasAliases(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.add(n, "YAML anchors and aliases (& and *) are not allowed; write the value out")
		return true
	}
	for _, k := range n.Content {
		if d.hasAliases(k) {
			return true
		}
	}
	return false
}

var (
	posType       = reflect.TypeFor[diag.Pos]()
	keysType      = reflect.TypeFor[diag.Keys]()
	unmarshalType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// kindName says what kind of value n is, for messages, in words that the
// package messages says in the editor's language.
func kindName(n *yaml.Node) messages.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return messages.Sprintf("a mapping (key: value lines)")
	case yaml.SequenceNode:
		return messages.Sprintf("a list")
	}
	if n.Tag == "!!null" {
		return messages.Sprintf("nothing")
	}
	return messages.Sprintf("%q", n.Value)
}

// value decodes n into v; name is the key that holds n, for messages.
func (d *decoder) value(n *yaml.Node, v reflect.Value, name string) {
	what := messages.Sprintf("the value")
	if name != "" {
		what = messages.Sprintf("%q", name)
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalType) {
		if n.Kind != yaml.ScalarNode {
			d.add(n, "%s must be a single value, not %s", what, kindName(n))
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.add(n, "%s: %v", what, err)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.notMapping(n, what)
			return
		}
		d.mapping(n, v)
	case reflect.Slice:
		d.list(n, v, name, what)
	case reflect.Map:
		d.textMap(n, v, what)
	default:
		d.scalar(n, v, what)
	}
}

// notMapping reports that n, the value what, is not the mapping it must
// be, unless mappingTypo finds and reports a mistyped mapping.
func (d *decoder) notMapping(n *yaml.Node, what messages.Text) {
	if !d.mappingTypo(n) {
		d.add(n, "%s must be a mapping (key: value lines), not %s", what, kindName(n))
	}
}

// list decodes the sequence n into the slice v; an empty value leaves v
// nil. name and what are as in value.
func (d *decoder) list(n *yaml.Node, v reflect.Value, name string, what messages.Text) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		if d.listTypo(n) {
			return
		}
		d.add(n, "%s must be a list (lines starting with \"- \"), not %s", what, kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, s.Index(i), name)
	}
	v.Set(s)
}

// textMap decodes the mapping n into the map v, whose keys are strings.
func (d *decoder) textMap(n *yaml.Node, v reflect.Value, what messages.Text) {
	if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String {
		d.notMapping(n, what)
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, k.Value)
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

// scalar decodes n into v, a text, a truth value or a number.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, what messages.Text) {
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.add(n, "%s must be text, not %s", what, kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, ok := map[string]bool{"true": true, "false": false}[n.Value]
		if n.Kind != yaml.ScalarNode || !ok {
			d.add(n, "%s must be true or false, not %s", what, kindName(n))
			return
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64, reflect.Int32:
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if n.Kind != yaml.ScalarNode || err != nil || v.OverflowInt(i) {
			d.add(n, "%s must be a whole number, not %s", what, kindName(n))
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.add(n, "%s must be a number, not %s", what, kindName(n))
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("yamlfile: unsupported field type %s", v.Type()))
	}
}

type field struct {
	index    int
	required bool
}

// types caches the typeInfo of the struct types decoded into.
var types sync.Map

func infoOf(t reflect.Type) *typeInfo {
	if info, ok := types.Load(t); ok {
		return info.(*typeInfo)
	}
	info := &typeInfo{fields: map[string]field{}}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if f.Type == posType && tag == "-" {
			info.pos = append(info.pos, i)
		}
		if f.Type == keysType && tag == "-" {
			info.keys = append(info.keys, i)
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		info.fields[name] = field{index: i, required: opts == "required"}
		info.names = append(info.names, name)
	}
	types.Store(t, info)
	return info
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	info := infoOf(t)
	for _, i := range info.pos {
		v.Field(i).Set(reflect.ValueOf(d.pos(n)))
	}
	if len(info.keys) > 0 {
		keys := make(diag.Keys, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			at := d.pos(n.Content[i+1])
			keys = append(keys, diag.KeyPos{Key: n.Content[i].Value, Line: at.Line, Col: at.Col})
		}
		for _, i := range info.keys {
			v.Field(i).Set(reflect.ValueOf(keys))
		}
	}
	known, names := info.fields, info.names
	seen := map[string]bool{}
	// typo is set when a key was mistyped, and the keys that seem
	// missing are probably the ones mistyped.
	typo := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.add(k, "a key must be a plain word, not %s", kindName(k))
			continue
		}
		f, ok := known[k.Value]
		if !ok {
			typo = d.keyTypo(k) || typo
			if !typo {
				d.unknownKey(k, names)
			}
			continue
		}
		if seen[k.Value] {
			d.add(k, "key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		d.value(val, v.Field(f.index), k.Value)
	}
	var missing []string
	for _, name := range names {
		if known[name].required && !seen[name] {
			missing = append(missing, fmt.Sprintf("%q", name))
		}
	}
	switch {
	case typo:
	case len(missing) == 1:
		d.add(n, "missing required key %s", missing[0])
	case len(missing) > 1:
		d.add(n, "missing required keys %s", strings.Join(missing, ", "))
	}
}

// unknownKey reports a key that the mapping may not have, with the key
// that was probably meant, or the keys that it may have.
func (d *decoder) unknownKey(k *yaml.Node, names []string) {
	if s := diag.Suggest(k.Value, names); s != "" {
		d.add(k, "unknown key %q, did you mean %q?", k.Value, s)
		return
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	d.add(k, "unknown key %q; the keys allowed here are %s", k.Value, strings.Join(sorted, ", "))
}

// IsEmpty reports whether data holds no YAML content at all (only blank
// lines and comments).
func IsEmpty(data []byte) bool {
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' {
			return false
		}
	}
	return true
}

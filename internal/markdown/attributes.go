package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"guide/internal/diag"
)

// checkAttributes allows a heading the attributes written after it in
// braces only when they are an id ({#ds160}) and classes ({.note}), named
// with letters, digits, "-" and "_". Any other attribute (style, hidden,
// data-…, on…) could take over an element that the layout or its scripts
// use, so it is an error.
func checkAttributes(h *ast.Heading, src []byte, lines *diag.Offsets) Errors {
	var errs Errors
	add := func(off int, format string, args ...any) {
		line, col := lines.Pos(off)
		errs = append(errs, newError(line, col, format, args...))
	}
	for _, a := range h.Attributes() {
		name := string(a.Name)
		value, isText := a.Value.([]byte)
		switch {
		case name != "id" && name != "class":
			add(attributeOffset(h, src, name), "heading attribute %q is not allowed: a heading may have only an id, written {#id}, and classes, written {.class}", name)
		case !isText:
			add(attributeOffset(h, src, ""), "heading %s %v must be a name of letters, digits, \"-\" and \"_\", written {#id} or {.class}", name, a.Value)
		case name == "id" && !isName(string(value)):
			add(attributeOffset(h, src, ""), "heading id %q may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {#ds160}", value)
		case name == "class":
			for _, c := range strings.Fields(string(value)) {
				if !isName(c) {
					add(attributeOffset(h, src, ""), "heading class %q may only have letters, digits, \"-\" and \"_\", and must start with a letter or digit: {.note}", c)
				}
			}
		}
	}
	return errs
}

// isName reports whether s is a name that an id or class may have: letters
// and digits of any script, "-" and "_", starting with a letter or digit.
// Such a name needs no escaping in HTML, in a URL fragment or in CSS.
func isName(s string) bool {
	for i, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !ok && (i == 0 || r != '-' && r != '_') {
			return false
		}
	}
	return s != ""
}

// attributeOffset returns where a heading's attributes are written: the
// attribute name in them, or their "{" when name is "" or not found.
func attributeOffset(h *ast.Heading, src []byte, name string) int {
	start := headingOffset(h, src)
	if n := h.Lines().Len(); n > 0 {
		start = h.Lines().At(n - 1).Stop
	}
	end := start + bytes.IndexByte(src[start:], '\n')
	if end < start {
		end = len(src)
	}
	attrs := src[start:end]
	if i := bytes.IndexByte(attrs, '{'); i >= 0 {
		attrs, start = attrs[i:], start+i
	}
	if i := bytes.Index(attrs, []byte(name)); name != "" && i >= 0 {
		return start + i
	}
	return start
}

// headingOffset returns the offset of a heading's text in src.
func headingOffset(h *ast.Heading, src []byte) int {
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return offsetOf(h, src)
}

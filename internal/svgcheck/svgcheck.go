// Package svgcheck decides which SVG pictures the guide publishes, and
// publishes of each only what it allows.
//
// An SVG file is a document as much as a picture: opened from the site (a
// reader taps an image, or follows its address), its scripts run with the
// site's rights, its links lead anywhere and its references load from
// other hosts. So every SVG that the build publishes, from content/ or
// static/, is read as XML and checked against an allow-list: the SVG
// elements that draw (shapes, text, gradients, clipping, masks, filters,
// animation) and the attributes that place and paint them.
//
// Anything that can run script or load from elsewhere is refused, with a
// message at its file:line:col: <script>, <foreignObject>, <a>, <iframe>,
// <embed>, <object>, event attributes (onload=…), an href that is neither
// "#id" within the picture nor an embedded PNG, JPEG, GIF or WebP image,
// javascript: in any attribute or style, url( to anything but a part of
// the picture, @import and expression( in styles, animations of links or
// event attributes, <!DOCTYPE> and entity declarations, and processing
// instructions other than the XML declaration. Elements and attributes the
// list does not know are refused too, so that a feature of SVG is
// published only once someone has looked at it.
//
// What a drawing program keeps for itself (Inkscape's and Sodipodi's
// elements and attributes, Illustrator's, <metadata>, comments) shows
// nothing and is dropped without a word. The picture is published as Clean
// writes it again from what it allowed, never as it came, so that a trick
// of XML the check did not foresee cannot reach the file readers get.
package svgcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"guide/internal/diag"
	"guide/internal/messages"
)

// Clean reads the SVG picture data of file (the name the problems give,
// such as content/booking/map.svg) and returns it written again with only
// what the guide allows; or, when it holds anything that is refused, every
// problem found.
func Clean(file string, data []byte) ([]byte, diag.List) {
	c := &cleaner{file: file, src: data, offsets: diag.NewOffsets(data)}
	d := xml.NewDecoder(bytes.NewReader(data))
	for !c.fatal {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.add(off, "the picture cannot be read as XML: %s; export it again from the drawing program", xmlMessage(err))
			break
		}
		c.token(tok, off, int(d.InputOffset()))
	}
	if !c.seenRoot && len(c.errs) == 0 {
		c.add(0, "the file holds no <svg> element; export the picture again as SVG")
	}
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return c.bytes(), nil
}

// cleaner is the state of one Clean.
type cleaner struct {
	file    string
	src     []byte
	offsets *diag.Offsets
	errs    diag.List
	// fatal stops reading: the file is not an SVG picture at all.
	fatal    bool
	seenRoot bool
	// stack holds the names of the open elements as they are written out,
	// "" for an element left out with all it holds.
	stack []string
	out   bytes.Buffer
	// xlinkAt is where the root element's namespace declarations end in
	// out, and xlink whether an xlink:href was written, which needs one
	// more declaration there.
	xlinkAt int
	xlink   bool
}

// add records a problem at the byte offset off of the file.
func (c *cleaner) add(off int, format string, args ...any) {
	line, col := c.offsets.Pos(off)
	c.errs.Add(diag.Pos{File: c.file, Line: line, Col: col}, format, args...)
}

// token checks one token of the file, which spans src[off:end], and
// writes out what is kept of it. Comments are dropped.
func (c *cleaner) token(tok xml.Token, off, end int) {
	switch t := tok.(type) {
	case xml.StartElement:
		c.startElement(t, off, end)
	case xml.EndElement:
		if name := c.stack[len(c.stack)-1]; name != "" {
			c.out.WriteString("</" + name + ">")
		}
		c.stack = c.stack[:len(c.stack)-1]
	case xml.CharData:
		c.text(t, off, end)
	case xml.ProcInst:
		if t.Target != "xml" {
			c.add(off, "<?%s …?> is not allowed in a picture: an instruction such as xml-stylesheet loads something from elsewhere; remove it", t.Target)
		}
	case xml.Directive:
		if word, _, _ := strings.Cut(string(t), " "); strings.EqualFold(word, "DOCTYPE") {
			c.add(off, "<!DOCTYPE …> is not allowed in a picture: it can declare entities that change what the picture holds; delete the <!DOCTYPE …> line, or export the picture again as plain SVG")
		} else {
			c.add(off, "<!%s …> is not allowed in a picture: a declaration can change what the picture holds; remove it", word)
		}
	}
}

// startElement checks an element's start tag, src[off:end], and its
// attributes, and writes out what is kept.
func (c *cleaner) startElement(t xml.StartElement, off, end int) {
	if n := len(c.stack); n > 0 && c.stack[n-1] == "" {
		c.stack = append(c.stack, "")
		return
	}
	root := len(c.stack) == 0
	if root {
		switch {
		case c.seenRoot:
			c.add(off, "the picture has a second top-level element <%s>; an SVG file holds one <svg> element", t.Name.Local)
			c.fatal = true
			return
		case t.Name.Space != svgNS || t.Name.Local != "svg":
			c.add(off, "the file is not an SVG picture: its first element is <%s>, not <svg xmlns=%q>; export the picture again as SVG", t.Name.Local, svgNS)
			c.fatal = true
			return
		}
		c.seenRoot = true
	}
	name := c.element(t.Name, off)
	c.stack = append(c.stack, name)
	if name == "" {
		return
	}
	attrs := c.attrs(t, off, end)
	c.out.WriteString("<" + name)
	if root {
		c.out.WriteString(` xmlns="` + svgNS + `"`)
		c.xlinkAt = c.out.Len()
	}
	for _, a := range attrs {
		c.xlink = c.xlink || a.Name.Space == xlinkNS
		c.out.WriteString(" " + attrName(a.Name) + `="` + attrEscaper.Replace(a.Value) + `"`)
	}
	c.out.WriteByte('>')
}

// element returns the name an element is written out with, or "" when it
// is left out: silently for editors' data, else with a problem.
func (c *cleaner) element(name xml.Name, off int) string {
	switch {
	case name.Space == svgNS && elements[name.Local]:
		return name.Local
	case name.Space == svgNS && dropped[name.Local], editorNS[name.Space]:
	case name.Space == svgNS && refused[name.Local].Format != "":
		c.add(off, "<%s> is not allowed in a picture: %s", name.Local, refused[name.Local])
	case name.Space == svgNS:
		c.add(off, "<%s> is not an SVG element the guide publishes in pictures; remove it, or export the picture again as plain SVG", name.Local)
	case name.Space == "":
		c.add(off, "<%s> is outside the SVG namespace: only SVG elements are published in pictures; export the picture again as plain SVG", name.Local)
	default:
		c.add(off, "<%s> of the namespace %q is not allowed in a picture: only SVG elements are published; export the picture again as plain SVG", name.Local, name.Space)
	}
	return ""
}

// attrs checks the attributes of an element whose start tag is
// src[off:end], and returns those to write out.
func (c *cleaner) attrs(t xml.StartElement, off, end int) []xml.Attr {
	var out []xml.Attr
	seen := map[xml.Name]bool{}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" || editorNS[a.Name.Space] {
			// Namespaces are declared anew on the root.
			continue
		}
		at, next := c.attrOffset(off, end, a.Name.Local)
		if seen[a.Name] {
			// Point at the second.
			at, _ = c.attrOffset(next, end, a.Name.Local)
			c.add(at, "attribute %s appears twice on <%s>; keep one", attrName(a.Name), t.Name.Local)
			continue
		}
		seen[a.Name] = true
		if problem, found := attrProblem(t.Name.Local, a); problem.Format != "" {
			if found != "" {
				at = c.find(at, end, found)
			}
			c.add(at, "%s", problem)
			continue
		}
		out = append(out, a)
	}
	return out
}

// text checks and writes the text src[off:end] of the current element.
// Text outside the root and in elements left out is dropped.
func (c *cleaner) text(t xml.CharData, off, end int) {
	n := len(c.stack)
	if n == 0 || c.stack[n-1] == "" {
		return
	}
	if c.stack[n-1] == "style" {
		if found, problem := cssProblem(string(t)); problem.Format != "" {
			c.add(c.find(off, end, found), "the <style> of the picture is not allowed: %s", problem)
		} else if hasScript(string(t)) {
			c.add(c.find(off, end, "script"), "the <style> of the picture is not allowed: it holds a javascript: address, which runs script on the site; remove it")
		}
	}
	c.out.WriteString(textEscaper.Replace(string(t)))
}

// bytes returns the picture as written out, with the xlink namespace
// declared on the root if it is used.
func (c *cleaner) bytes() []byte {
	out := c.out.Bytes()
	if !c.xlink {
		return out
	}
	decl := ` xmlns:xlink="` + xlinkNS + `"`
	return append(append(append([]byte(nil), out[:c.xlinkAt]...), decl...), out[c.xlinkAt:]...)
}

// attrOffset returns where the attribute named local is written in the
// start tag src[off:end]: the first place the name stands after a blank
// or a prefix (which it then points at) and before an equals sign, or off
// if it is not found; and the offset just after the name.
func (c *cleaner) attrOffset(off, end int, local string) (at, after int) {
	tag := c.src[off:end]
	for i := 1; i < len(tag); i++ {
		rest, ok := bytes.CutPrefix(tag[i:], []byte(local))
		if !ok || !isBlank(tag[i-1]) && tag[i-1] != ':' || !bytes.HasPrefix(bytes.TrimLeft(rest, " \t\r\n"), []byte("=")) {
			continue
		}
		start := i
		for start > 0 && !isBlank(tag[start-1]) {
			start--
		}
		return off + start, off + i + len(local)
	}
	return off, off
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// find returns the offset of the first occurrence of what, ignoring case,
// in src[off:end], or off.
func (c *cleaner) find(off, end int, what string) int {
	if i := bytes.Index(bytes.ToLower(c.src[off:end]), []byte(strings.ToLower(what))); i >= 0 {
		return off + i
	}
	return off
}

// attrProblem says what is wrong with an attribute of the element el, and
// the text of its value to point at, or returns "" when it may be
// published.
func attrProblem(el string, a xml.Attr) (problem messages.Text, found string) {
	name := attrName(a.Name)
	switch {
	case a.Name.Space == "" && strings.HasPrefix(strings.ToLower(a.Name.Local), "on"):
		return messages.Sprintf("%s= on <%s> is not allowed in a picture: an event handler runs script on the site; export the picture again without scripts", name, el), ""
	case a.Name.Local == "href" && (a.Name.Space == "" || a.Name.Space == xlinkNS):
		if p := hrefProblem(a.Value); p.Format != "" {
			return messages.Sprintf("%s=%q on <%s> is not allowed: %s", name, clip(a.Value), el, p), ""
		}
		return messages.Text{}, ""
	case !knownAttr(a.Name):
		return messages.Sprintf("attribute %s on <%s> is not one the guide publishes in pictures; remove it, or export the picture again as plain SVG", name, el), ""
	case hasScript(a.Value):
		return messages.Sprintf("%s on <%s> holds a javascript: address, which runs script on the site; remove it", name, el), "script"
	}
	return valueProblem(el, a)
}

// valueProblem checks the value of a known attribute.
func valueProblem(el string, a xml.Attr) (problem messages.Text, found string) {
	v := a.Value
	switch a.Name.Local {
	case "style":
		if found, p := cssProblem(v); p.Format != "" {
			return messages.Sprintf("the style of <%s> is not allowed: %s", el, p), found
		}
	case "attributeName":
		target := v[strings.LastIndex(v, ":")+1:]
		lower := strings.ToLower(target)
		if lower == "href" || strings.HasPrefix(lower, "on") {
			return messages.Sprintf("<%s attributeName=%q> is not allowed in a picture: an animation may not change links or event handlers; remove it", el, v), ""
		}
		if !attributes[target] {
			return messages.Sprintf("<%s attributeName=%q> is not allowed in a picture: it animates an attribute the guide does not publish in pictures; remove it", el, v), ""
		}
	case "type":
		if el == "style" && v != "" && !strings.EqualFold(v, "text/css") {
			return messages.Sprintf("<style type=%q> is not allowed in a picture: only CSS styles are published", v), ""
		}
	}
	if found, p := urlProblem(flatCSS(v)); p.Format != "" {
		return messages.Sprintf("%s=%q on <%s> is not allowed: %s", a.Name.Local, clip(v), el, p), found
	}
	return messages.Text{}, ""
}

// knownAttr reports whether an attribute is on the allow-list.
func knownAttr(n xml.Name) bool {
	switch n.Space {
	case "":
		return attributes[n.Local] || n.Local == "style" || n.Local == "attributeName" ||
			strings.HasPrefix(n.Local, "data-") || strings.HasPrefix(n.Local, "aria-")
	case xmlNS:
		return n.Local == "space" || n.Local == "lang"
	}
	return false
}

// attrName returns an attribute's name as written: xlink:href, xml:space,
// or the plain name, and for other namespaces (which are never published)
// the name with its namespace.
func attrName(n xml.Name) string {
	switch n.Space {
	case "":
		return n.Local
	case xlinkNS:
		return "xlink:" + n.Local
	case xmlNS:
		return "xml:" + n.Local
	}
	return fmt.Sprintf("%s (of the namespace %q)", n.Local, n.Space)
}

// xmlMessage returns the text of a reading error without the package's
// "xml:" prefix and line number, which the position already gives.
func xmlMessage(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return strings.TrimPrefix(err.Error(), "xml: ")
}

// clip shortens a long value (an embedded image) for a message.
func clip(v string) string {
	if r := []rune(v); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return v
}

var (
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\t", "&#9;", "\n", "&#10;", "\r", "&#13;")
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
)

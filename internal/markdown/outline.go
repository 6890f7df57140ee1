package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"guide/internal/diag"
)

// Outline is what a screen reader finds in a page's text besides its
// words: the headings it moves by, with their levels, and the words that
// stand for each image and link. The site checks it (internal/site,
// checks.go), so that these rules are rules of guide check.
type Outline struct {
	Headings []Heading
	Images   []Image
	Links    []Link
}

// Heading is a heading of the text: its level (1 for "#"), its plain
// text, and the position of its text in the page body.
type Heading struct {
	Level     int
	Text      string
	Line, Col int
}

// Image is an image of the text: its alternative text, the destination
// as written, and the position of its "![" in the page body.
type Image struct {
	Alt, Dest string
	Line, Col int
}

// Link is a link of the text: the words a reader sees for it (the alt
// text of an image inside it counts), the destination as written, and
// the position of its "[" in the page body. Addresses written in angle
// brackets are their own text and are not listed.
type Link struct {
	Text, Dest string
	Line, Col  int
}

// outline reads the outline of a parsed page body, before its
// destinations are resolved.
func outline(root ast.Node, src []byte, lines *diag.Offsets) Outline {
	var o Outline
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			line, col := lines.Pos(headingOffset(n, src))
			o.Headings = append(o.Headings, Heading{Level: n.Level, Text: plainText(n, src), Line: line, Col: col})
		case *ast.Image:
			alt := plainText(n, src)
			line, col := lines.Pos(bracketOffset(n, src, alt))
			o.Images = append(o.Images, Image{Alt: alt, Dest: string(n.Destination), Line: line, Col: col})
		case *ast.Link:
			text := plainText(n, src)
			line, col := lines.Pos(bracketOffset(n, src, text))
			o.Links = append(o.Links, Link{Text: text, Dest: string(n.Destination), Line: line, Col: col})
		}
		return ast.WalkContinue, nil
	})
	return o
}

// bracketOffset finds the offset of a link's "[" or an image's "![". A
// link or image with text is found from its text (offsetOf); one without
// is looked for as "](destination" in its paragraph, which offsetOf alone
// would give only the start of.
func bracketOffset(n ast.Node, src []byte, text string) int {
	off := offsetOf(n, src)
	if text != "" {
		return off
	}
	var dest []byte
	switch n := n.(type) {
	case *ast.Link:
		dest = n.Destination
	case *ast.Image:
		dest = n.Destination
	}
	i := bytes.Index(src[off:], append([]byte("]("), dest...))
	if i < 1 || src[off+i-1] != '[' {
		return off
	}
	off += i - 1
	if _, ok := n.(*ast.Image); ok && off > 0 && src[off-1] == '!' {
		off--
	}
	return off
}

// Package markdown turns a page's Markdown body into HTML with goldmark.
//
// Pages are written in GitHub Flavoured Markdown (tables, task lists,
// autolinks, strikethrough). Raw HTML in the source is never published.
// Chinese pages use goldmark's CJK extension, so that a line break inside a
// Chinese sentence adds no space; other languages keep theirs. Headings get
// ids that keep Chinese characters ("## 注意事项" becomes id="注意事项"), and
// "{#id}" after a heading sets its id, "{.class}" a class; a heading may
// have no other attribute (attributes.go). "{dropoff.fee}" in the text
// shows a fact that the front matter or other data holds (facts.go).
//
// A page is checked against limits on its size and shape (limits.go)
// before it is parsed, so that no page, however written, costs more than a
// fraction of a second.
//
// Every link and image destination goes through a Resolver, which checks it
// and returns what to publish; links to other sites are marked
// rel="external". The result is split into sections at the level-2
// headings, so that a layout can place a procedure's step metadata beside
// the step's own prose.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"guide/internal/diag"
	"guide/internal/messages"
)

// Kind says what a destination belongs to.
type Kind int

const (
	// KindLink is the destination of a link: [text](dest).
	KindLink Kind = iota
	// KindImage is the source of an image: ![alt](dest).
	KindImage
)

// Resolver checks a destination written in a page and returns the address
// to publish. line and col locate the destination in the page body (1-based,
// relative to the body). A Resolver records its own errors.
type Resolver interface {
	Resolve(kind Kind, dest string, line, col int) (href string, external bool)
}

// Section is a part of a page that starts at a level-2 heading, or the part
// before the first one.
type Section struct {
	// ID is the heading's id; "" for the part before the first heading.
	ID string
	// Heading is the heading's content (without the <h2> element).
	Heading template.HTML
	// HeadingText is the heading's plain text.
	HeadingText string
	// Line is the heading's line in the body.
	Line int
	// Body is the HTML between this heading and the next level-2 one.
	Body template.HTML
}

// Doc is a rendered page body.
type Doc struct {
	Sections []Section
	// Anchors are the ids of all the headings, which links may target,
	// with the headings' positions.
	Anchors []Anchor
	// Outline holds the headings, images and links, for the checks of
	// the site (outline.go).
	Outline Outline

	// src, lines and runs are the page's text as written, and search
	// the same without white space, for Repeats (facts.go).
	src    []byte
	lines  *diag.Offsets
	runs   []textRun
	search *searchText
}

// Anchor is the id of a heading, and the line and column of the heading
// in the page body.
type Anchor struct {
	ID        string
	Line, Col int
}

// Error is a problem with a page's Markdown, at a line and column of the
// page body (1-based).
type Error struct {
	Line, Col int
	// Text is the message, to be said in the editor's language by the
	// package messages.
	Text messages.Text
}

// newError returns the problem at line and col whose message is format
// and args.
func newError(line, col int, format string, args ...any) *Error {
	return &Error{Line: line, Col: col, Text: messages.Sprintf(format, args...)}
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Text) }

// Errors are the problems found in a page's Markdown; Render returns them
// as its error.
type Errors []*Error

func (l Errors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Renderer renders the Markdown of one language. It is safe for concurrent
// use.
type Renderer struct {
	md     goldmark.Markdown
	cjk    bool
	labels Labels
	// writers reuses the buffered writers that goldmark would otherwise
	// allocate for every block it renders.
	writers sync.Pool
}

// Labels are the words a page's language gives to parts of the rendered
// Markdown that have none of their own, for screen readers.
type Labels struct {
	// TaskDone and TaskOpen label the boxes of a task list ("- [x] …").
	TaskDone, TaskOpen string
	// Table labels the scrolling region around a table.
	Table string
}

// New returns a Renderer; cjk selects East Asian line breaking, and
// labels the words of the page's language for parts without words (empty
// labels are English).
func New(cjk bool, labels Labels) *Renderer {
	if labels.TaskDone == "" {
		labels.TaskDone = "done"
	}
	if labels.TaskOpen == "" {
		labels.TaskOpen = "not done"
	}
	if labels.Table == "" {
		labels.Table = "table"
	}
	exts := []goldmark.Extender{extension.GFM}
	if cjk {
		// Line breaks are handled by joinWide, whose rule fits mixed
		// Chinese and English text better than goldmark's two styles.
		exts = append(exts, extension.NewCJK(extension.WithEscapedSpace()))
	}
	return &Renderer{cjk: cjk, labels: labels, md: goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&taskBoxRenderer{labels: labels}, 100),
			util.Prioritized(factRenderer{}, 100))),
	)}
}

// taskBoxRenderer renders the box of a task list item as a disabled
// checkbox with a label, which goldmark's own leaves without one.
type taskBoxRenderer struct{ labels Labels }

func (r *taskBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		label, checked := r.labels.TaskOpen, ""
		if n.(*extast.TaskCheckBox).IsChecked {
			label, checked = r.labels.TaskDone, " checked"
		}
		fmt.Fprintf(w, `<input type="checkbox" disabled%s aria-label="%s"> `, checked, html.EscapeString(label))
		return ast.WalkContinue, nil
	})
}

// Render renders src, resolving every destination through res, and every
// reference to a fact ("{dropoff.fee}", facts.go) when res is a
// FactResolver. A page that exceeds one of the limits (limits.go) is
// refused before it is parsed; that and every other problem with the
// Markdown itself is returned as Errors.
func (r *Renderer) Render(src []byte, res Resolver) (*Doc, error) {
	if errs := checkShape(src); len(errs) > 0 {
		return nil, errs
	}
	ids := &headingIDs{used: map[string]bool{}, next: map[string]int{}}
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	lines := diag.NewOffsets(src)
	doc := Doc{Outline: outline(root, src, lines), src: src, lines: lines}
	var texts []*ast.Text
	var errs Errors
	links := 0
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			if links++; links > MaxLinks {
				line, col := lines.Pos(offsetOf(n, src))
				errs = append(errs, newError(line, col, "this is link or image number %d of the page; a page may have at most %d: split it into several pages", links, MaxLinks))
				return ast.WalkStop, nil
			}
		}
		switch n := n.(type) {
		case *ast.Text:
			if r.cjk && n.SoftLineBreak() {
				joinWide(n, src)
			}
			texts = doc.noteText(texts, n)
		case *ast.Heading:
			errs = append(errs, checkAttributes(n, src, lines)...)
			if id, ok := n.AttributeString("id"); ok {
				line, col := lines.Pos(headingOffset(n, src))
				doc.Anchors = append(doc.Anchors, Anchor{ID: string(id.([]byte)), Line: line, Col: col})
			}
		case *ast.Link:
			line, col := lines.Pos(offsetOf(n, src))
			href, ext := res.Resolve(KindLink, string(n.Destination), line, col)
			n.Destination = []byte(href)
			if ext {
				n.SetAttributeString("rel", []byte("external"))
				if plainText(n, src) == href {
					n.SetAttributeString("class", []byte("bare"))
				}
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				line, col := lines.Pos(offsetOf(n, src))
				url := string(n.URL(src))
				if href, ext := res.Resolve(KindLink, url, line, col); ext && href == url {
					n.SetAttributeString("rel", []byte("external"))
					// The address is the link's text: print needs
					// not repeat it.
					n.SetAttributeString("class", []byte("bare"))
				}
			}
		case *ast.Image:
			line, col := lines.Pos(offsetOf(n, src))
			href, _ := res.Resolve(KindImage, string(n.Destination), line, col)
			n.Destination = []byte(href)
			n.SetAttributeString("loading", []byte("lazy"))
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// The references are replaced once the walk is over, since it would
	// not visit the nodes that take a text's place.
	replaceAllFacts(texts, src, lines, res)
	doc.Sections, err = r.sections(root, src, lines)
	return &doc, err
}

// sections renders the top-level blocks, split at level-2 headings.
func (r *Renderer) sections(root ast.Node, src []byte, lines *diag.Offsets) ([]Section, error) {
	var out []Section
	var body bytes.Buffer
	cur := Section{}
	flush := func() {
		cur.Body = template.HTML(body.String())
		out = append(out, cur)
		body.Reset()
	}
	rend := r.md.Renderer()
	w, _ := r.writers.Get().(*bufio.Writer)
	if w == nil {
		w = bufio.NewWriterSize(nil, 4096)
	}
	defer r.writers.Put(w)
	names := newTableNames(r.labels.Table, r.cjk)
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			names.heading = strings.TrimSpace(plainText(h, src))
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			cur = Section{Line: 1}
			if id, ok := h.AttributeString("id"); ok {
				cur.ID = string(id.([]byte))
			}
			if h.Lines().Len() > 0 {
				cur.Line, _ = lines.Pos(h.Lines().At(0).Start)
			}
			var hb bytes.Buffer
			w.Reset(&hb)
			for c := h.FirstChild(); c != nil; c = c.NextSibling() {
				if err := rend.Render(w, src, c); err != nil {
					return nil, err
				}
			}
			cur.Heading = template.HTML(hb.String())
			cur.HeadingText = plainText(h, src)
			continue
		}
		// A table too wide for a phone scrolls in a region of its own,
		// which a keyboard can reach and a screen reader names, by a
		// name no other region of the page has.
		table := n.Kind() == extast.KindTable
		if table {
			fmt.Fprintf(&body, `<div class="table" role="region" tabindex="0" aria-label="%s">`, html.EscapeString(names.next()))
		}
		w.Reset(&body)
		if err := rend.Render(w, src, n); err != nil {
			return nil, err
		}
		if table {
			body.WriteString("</div>\n")
		}
	}
	flush()
	return out, nil
}

func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		if s, ok := c.(*ast.String); ok && entering {
			b.Write(s.Value)
		}
		if f, ok := c.(*factNode); ok && entering {
			b.WriteString(f.value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// joinWide removes a line break inside a paragraph when the character
// before or after it is a wide (Chinese, Japanese, Korean or full-width)
// character, so that a Chinese sentence broken across lines is not split by
// a space, while "Visa Type:" and "Non-Immigrant" on two lines keep theirs.
func joinWide(t *ast.Text, src []byte) {
	before, _ := utf8.DecodeLastRune(t.Segment.Value(src))
	next, ok := t.NextSibling().(*ast.Text)
	if !ok {
		return
	}
	after, _ := utf8.DecodeRune(next.Segment.Value(src))
	if isWide(before) || isWide(after) {
		t.SetSoftLineBreak(false)
	}
}

func isWide(r rune) bool {
	switch util.EastAsianWidth(r) {
	case "F", "W":
		return true
	}
	return false
}

// offsetOf finds the byte offset of an inline node from its first text
// descendant, or from its enclosing block.
func offsetOf(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		// Point at the opening bracket of a link or image, before any
		// emphasis markers of its text.
		if _, ok := n.(*ast.AutoLink); !ok {
			for i := off - 1; i >= 0 && i >= off-8; i-- {
				if src[i] == '[' {
					off = i
					if i > 0 && src[i-1] == '!' {
						off = i - 1
					}
					break
				}
				if !strings.ContainsRune("*_~`", rune(src[i])) {
					break
				}
			}
		}
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// headingIDs generates heading ids that keep letters of every script, so
// that Chinese headings get meaningful ids, and keeps them unique.
type headingIDs struct {
	used map[string]bool
	// next is the last number appended to each id made from a heading's
	// text, so that a thousand headings of the same text cost no more
	// than a thousand different ones.
	next map[string]int
}

func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b []byte
	dash := false
	for len(value) > 0 {
		r, n := utf8.DecodeRune(value)
		value = value[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case r == '-' || r == '_' || unicode.IsSpace(r):
			dash = true
		}
	}
	if len(b) == 0 {
		b = []byte("section")
	}
	base := string(b)
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return []byte(id)
}

func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

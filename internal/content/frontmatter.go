package content

import (
	"bytes"
	"strings"

	"guide/internal/diag"
)

// FrontMatterError is a problem with the front matter's fences.
type FrontMatterError struct {
	Line int
	Msg  string
}

func (e *FrontMatterError) Error() string { return e.Msg }

// SplitFrontMatter cuts the YAML front matter out of a page's source. The
// front matter sits between a first line of "---" and the next line of
// "---"; fm is what lies between them (starting on line 2 of the file), and
// body what follows, starting on line bodyLine. A leading byte-order mark
// and Windows line endings are accepted.
func SplitFrontMatter(src []byte) (fm, body []byte, bodyLine int, err *FrontMatterError) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, ok := cutLine(src)
	if !isFence(first) {
		return nil, nil, 0, &FrontMatterError{Line: 1, Msg: "a page must start with front matter: a line \"---\", the page's title, summary and other keys, and another line \"---\""}
	}
	if !ok {
		return nil, nil, 0, &FrontMatterError{Line: 1, Msg: "the front matter is not closed: add a line \"---\" after it"}
	}
	line := 2
	start := len(src) - len(rest)
	for pos := start; ; {
		l, next, more := cutLine(src[pos:])
		if isFence(l) {
			return src[start:pos], next, line + 1, nil
		}
		if !more {
			return nil, nil, 0, &FrontMatterError{Line: 1, Msg: "the front matter is not closed: add a line \"---\" after it"}
		}
		pos = len(src) - len(next)
		line++
	}
}

func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "---"
}

// check validates one page's front matter on its own. Each problem points
// at the value of the key it is about.
func (p *Page) check() diag.List {
	var errs diag.List
	if strings.TrimSpace(p.Title) == "" {
		errs.Add(p.At("title"), "title must not be empty")
	}
	ids := map[string]bool{}
	for i := range p.Steps {
		s := &p.Steps[i]
		switch {
		case !ValidID(s.ID):
			errs.Add(s.At("id"), "step id %q must be lowercase letters, digits and hyphens, as in \"ds160\"", s.ID)
		case ids[s.ID]:
			errs.Add(s.At("id"), "step id %q is used twice on this page", s.ID)
		}
		ids[s.ID] = true
		if strings.TrimSpace(s.Title) == "" {
			errs.Add(s.At("title"), "step %q: title must not be empty", s.ID)
		}
		if s.Logic != "" && s.Logic != "and" && s.Logic != "or" {
			errs.Add(s.At("logic"), "step %q: logic must be \"and\" or \"or\", not %q", s.ID, s.Logic)
		}
	}
	if len(p.Steps) > 0 && p.Steps[0].Logic == "or" {
		errs.Add(p.Steps[0].At("logic"), "step %q: the first step cannot be an alternative (\"or\") to a step before it", p.Steps[0].ID)
	}
	for i := range p.Changes {
		if c := &p.Changes[i]; strings.TrimSpace(c.Note) == "" {
			errs.Add(c.At("note"), "change of %s: note must not be empty", c.Date)
		}
	}
	return errs
}

// At returns the position of the value of key in the front matter, or
// that of the front matter when the key is not written.
func (m *Meta) At(key string) diag.Pos { return m.Keys.At(key, m.Pos) }

// At returns the position of the value of key in the step, or that of the
// step when the key is not written.
func (s *Step) At(key string) diag.Pos { return s.Keys.At(key, s.Pos) }

// At returns the position of the value of key in the change, or that of
// the change when the key is not written.
func (c *Change) At(key string) diag.Pos { return c.Keys.At(key, c.Pos) }

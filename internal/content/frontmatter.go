package content

import (
	"bytes"
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

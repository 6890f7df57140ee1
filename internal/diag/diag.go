// Package diag reports problems in the guide's sources as file:line:col
// messages, modelled on go/scanner.ErrorList: every stage of the pipeline
// collects all the problems it finds instead of stopping at the first, so an
// editor sees every typo of a save in one run.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file. Line and Col count from 1; a zero Line
// means the whole file and a zero Col the whole line.
type Pos struct {
	File string
	Line int
	Col  int
}

// Keys are the positions of the values of a mapping's keys, in the
// mapping's order, for messages that point at the value they are about
// (yamlfile fills a field of this type). A page's front matter has a few
// keys to a mapping and a large site tens of thousands of mappings, so
// they are a list rather than a map.
type Keys []KeyPos

// KeyPos is the line and column of the value of the key Key.
type KeyPos struct {
	Key       string
	Line, Col int
}

// At returns the position of the value of key, in the file of mapping, the
// position of the mapping; or mapping itself when it has no such key.
func (k Keys) At(key string, mapping Pos) Pos {
	for _, kp := range k {
		if kp.Key == key {
			return Pos{File: mapping.File, Line: kp.Line, Col: kp.Col}
		}
	}
	return mapping
}

// String formats the position as file:line:col, leaving out the parts that
// are unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem at one position.
type Error struct {
	Pos Pos
	// Msg is the message in English, as tests and logs read it.
	Msg string
	// Level says what the problem stops.
	Level Level
	// Format and Args are what Msg was made from, fmt.Sprintf(Format,
	// Args...), kept so that the package messages can say the problem in
	// the editor's language. Format is empty for a problem made with Msg
	// alone.
	Format string
	Args   []any
}

// Level is how serious a problem is: what it stops.
type Level int

const (
	// LevelError stops build and check. The development server keeps
	// serving the last good build and shows the problem over it.
	LevelError Level = iota
	// LevelUnfinished marks work in progress, such as a page whose
	// translation is not written yet: the development server shows it as
	// a warning and serves the site, while build and check refuse it.
	LevelUnfinished
	// LevelWarning is advice, such as an English page that may be out of
	// date: build, check and serve print it, and nothing stops.
	LevelWarning
)

// Error implements the error interface as "file:line:col: message", made
// safe to print (see Printable): file names and messages quote content.
func (e *Error) Error() string {
	if e.Pos.File == "" {
		return Printable(e.Msg)
	}
	return Printable(e.Pos.String() + ": " + e.Msg)
}

// List is a list of problems. Its zero value is an empty list ready to use.
type List []*Error

// Add appends a problem at pos, formatting the message like fmt.Sprintf.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.add(pos, LevelError, format, args)
}

// Reword changes the message of e to format and args, formatted like
// fmt.Sprintf.
func (e *Error) Reword(format string, args ...any) {
	e.Msg, e.Format, e.Args = fmt.Sprintf(format, args...), format, args
}

// Unfinished appends a problem of work in progress at pos: see
// LevelUnfinished.
func (l *List) Unfinished(pos Pos, format string, args ...any) {
	l.add(pos, LevelUnfinished, format, args)
}

// Warn appends a warning at pos: see LevelWarning.
func (l *List) Warn(pos Pos, format string, args ...any) {
	l.add(pos, LevelWarning, format, args)
}

func (l *List) add(pos Pos, level Level, format string, args []any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Level: level, Format: format, Args: args})
}

// Append adds every problem of other, or wraps a plain error as a problem
// without a position.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var other List
	if errors.As(err, &other) {
		*l = append(*l, other...)
		return
	}
	var one *Error
	if errors.As(err, &one) {
		*l = append(*l, one)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Format: "%v", Args: []any{err}})
}

// Sort orders the list by file, line and column, keeping the order of
// problems at the same position, and drops exact repeats.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && Same(e, l[i-1]) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Same reports whether two problems say the same at the same position,
// with the same level: whether they would be printed alike.
func Same(a, b *Error) bool {
	return a.Pos == b.Pos && a.Msg == b.Msg && a.Level == b.Level
}

// Errors returns the problems of LevelError, which stop even the
// development server from showing a new build.
func (l List) Errors() List { return l.level(LevelError) }

// Warnings returns the problems of LevelWarning, which stop nothing.
func (l List) Warnings() List { return l.level(LevelWarning) }

func (l List) level(level Level) List {
	var out List
	for _, e := range l {
		if e.Level == level {
			out = append(out, e)
		}
	}
	return out
}

// Error prints one problem per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.Level != LevelError {
			b.WriteString(Printable(e.Pos.String() + ": warning: " + e.Msg))
			continue
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Printable returns s made safe to print as one line of a terminal, or of
// a page: what content puts in a file name or a message must not clear the
// screen, set the window's title, start a new line that looks like another
// message, or reorder the characters shown. Control characters (C0 but
// the tab, DEL and C1), line and paragraph separators, and the Unicode
// marks, embeddings, overrides and isolates that change the direction of
// text are written as visible escapes, "\x1b" or "\u202e", as are bytes
// that are not UTF-8; a tab becomes a space.
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isHidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsEscape reports whether Printable would change s.
func needsEscape(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError || isHidden(r) {
			return true
		}
	}
	return false
}

// isHidden reports whether r is a C1 control, a line or paragraph
// separator, or a mark that changes the direction of text.
func isHidden(r rune) bool {
	return r >= 0x80 && r <= 0x9f ||
		r == 0x061c || r == 0x200e || r == 0x200f ||
		r == 0x2028 || r == 0x2029 ||
		r >= 0x202a && r <= 0x202e ||
		r >= 0x2066 && r <= 0x2069
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sort()
}

// Suggest returns the candidate closest to word, for "did you mean"
// messages, or "" when none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	// A third of the word's length, and at least two edits, catches
	// "step" for "steps" and "tilte" for "title" without suggesting
	// unrelated keys.
	limit := max(2, len([]rune(word))/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance,
// so that a swap of two letters counts as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Offsets maps byte offsets of a source text to lines and columns. Columns
// count characters (runes), as editors show them.
type Offsets struct {
	src   []byte
	lines []int // byte offset of the start of each line
}

// NewOffsets indexes the line starts of src.
func NewOffsets(src []byte) *Offsets {
	o := &Offsets{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			o.lines = append(o.lines, i+1)
		}
	}
	return o
}

// Pos returns the 1-based line and column of the byte offset off.
func (o *Offsets) Pos(off int) (line, col int) {
	off = max(0, min(off, len(o.src)))
	i := sort.Search(len(o.lines), func(i int) bool { return o.lines[i] > off }) - 1
	col = 1 + len([]rune(string(o.src[o.lines[i]:off])))
	return i + 1, col
}

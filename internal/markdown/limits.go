package markdown

import (
	"bytes"
	"math"

	"guide/internal/messages"
)

// Limits on the Markdown of one page. The time goldmark takes to parse some
// shapes of text grows with the square of their size: runs of "[", "*" or
// "_" that nothing closes, links whose "(" is never closed, many link
// labels in a row, "{" after "{" in a heading, quotes and lists nested
// hundreds deep. A page is therefore checked against these limits in one
// pass over its text, before it is parsed, and refused when it exceeds one.
// Real pages stay far below them: the guide's largest page is 6 KB, its
// longest stretch of lines without a blank line under 1 KB.
// BenchmarkHostileShapes parses the worst shapes found at the limits.
const (
	// MaxBytes bounds the size of a page's Markdown, after its front
	// matter.
	MaxBytes = 128 << 10
	// MaxBlock bounds a stretch of lines with no blank line between them:
	// a paragraph, a list or a table. The worst shapes cost time with the
	// square of a paragraph's size, so this bound, more than MaxBytes,
	// keeps a page's cost in proportion to its size.
	MaxBlock = 8 << 10
	// MaxNesting bounds how deeply block quotes and lists may nest. Real
	// pages nest two or three levels.
	MaxNesting = 32
	// MaxBrackets bounds how deeply the "[" of links and images may nest
	// in a paragraph: [![photo](a.png)](b.md) nests two deep.
	MaxBrackets = 8
	// MaxBraces bounds the "{" on the line of a heading, where goldmark
	// looks for attributes ({#id}) at every one of them.
	MaxBraces = 8
	// MaxCells bounds the cells of the tables of a page, each table's
	// rows times its columns: goldmark gives every row as many cells as
	// the table has columns, so a wide table of short rows costs far more
	// than its text.
	MaxCells = 10_000
	// MaxLinks bounds the links and images of a page. A link to a
	// reference ("[form]", with "[form]: https://…" once anywhere in the
	// page) repeats the reference's address, however long, every time it
	// is used; this bound is checked after parsing and before any address
	// is checked or rendered.
	MaxLinks = 1000
)

// scanner checks the shape of a page's Markdown against the limits, one
// line at a time, for checkShape.
type scanner struct {
	errs Errors
	// reported marks the limits already reported: each is reported at
	// its first breach only, as one fix usually mends the others.
	reported map[string]bool

	line, blockLine, blockBytes int
	// brackets is the depth of "[" in the current block.
	brackets int
	// prev is the line before in the block, after its containers, which
	// a setext underline ("===") makes a heading; prevLine is the whole
	// line.
	prev, prevLine []byte
	// columns and rows measure the table of the current block, from its
	// header row, when columns > 0; cells counts those of the tables
	// before it.
	columns, rows, tableLine, cells int
}

// checkShape checks src against the limits before it is parsed and returns
// a problem for each limit it exceeds.
func checkShape(src []byte) Errors {
	if len(src) > MaxBytes {
		return Errors{newError(1, 1, "the page's text is %s; a page may be at most %s: split it into several pages", size(len(src)), size(MaxBytes))}
	}
	s := &scanner{reported: map[string]bool{}}
	for rest := src; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		s.line++
		s.scanLine(line)
	}
	s.endBlock()
	return s.errs
}

func (s *scanner) report(kind string, line, col int, format string, args ...any) {
	if s.reported[kind] {
		return
	}
	s.reported[kind] = true
	s.errs = append(s.errs, newError(line, col, format, args...))
}

func (s *scanner) scanLine(line []byte) {
	if len(bytes.Trim(line, " \t\r")) == 0 {
		s.endBlock()
		return
	}
	if s.blockBytes == 0 {
		s.blockLine = s.line
	}
	s.blockBytes += len(line) + 1
	if s.blockBytes > MaxBlock {
		s.report("block", s.blockLine, 1, "the text from this line on has no blank line for more than %s; a paragraph, list or table may be at most %s: add blank lines between paragraphs, or split the list or table", size(MaxBlock), size(MaxBlock))
	}
	body := s.containers(line)
	s.scanBrackets(line)
	switch {
	case isATXHeading(body):
		s.scanHeading(s.line, line, body)
	case isSetextUnderline(body) && s.prev != nil:
		s.scanHeading(s.line-1, s.prevLine, s.prev)
	}
	s.prev, s.prevLine = body, line
	s.scanTable(body)
}

// endBlock ends the current stretch of lines at a blank line or the end of
// the page.
func (s *scanner) endBlock() {
	if s.cells += s.columns * s.rows; s.cells > MaxCells {
		s.report("cells", s.tableLine, 1, "this table has %d columns and %d rows; the tables of a page may have at most %d cells in all, and this one brings them to %d: split the table or the page", s.columns, s.rows, MaxCells, s.cells)
	}
	s.blockBytes, s.brackets, s.columns, s.rows = 0, 0, 0, 0
	s.prev, s.prevLine = nil, nil
}

// containers skips the markers of the block quotes and list items that
// open a line, and the indentation that nests lists, and returns the rest
// of the line. It reports a line nested deeper than MaxNesting, counting
// each marker and every two columns of indentation as a level: an
// estimate that is never below goldmark's own nesting.
func (s *scanner) containers(line []byte) []byte {
	depth, col, i := 0, 0, 0
	for {
		// Indentation: a tab moves to the next multiple of four columns.
		indent := 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			if line[i] == '\t' {
				indent += 4 - (col+indent)%4
			} else {
				indent++
			}
		}
		col += indent
		depth += indent / 2
		n := marker(line[i:])
		if n > 0 {
			depth++
		}
		if depth > MaxNesting {
			s.report("nesting", s.line, i+1, "block quotes and lists are nested more than %d levels deep here (each \">\", each list marker and every two spaces of indentation count as a level); nest them less deeply", MaxNesting)
			return line[i:]
		}
		if n == 0 {
			return line[i:]
		}
		i += n
		col += n
	}
}

// marker returns the length of the block quote marker (">" and one space)
// or list marker ("-", "*", "+", "1." or "1)" and one space) that b starts
// with, or 0.
func marker(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	n := 0
	switch c := b[0]; {
	case c == '>':
		if len(b) > 1 && b[1] == ' ' {
			return 2
		}
		return 1
	case c == '-' || c == '*' || c == '+':
		n = 1
	case '0' <= c && c <= '9':
		for n < len(b) && n < 10 && '0' <= b[n] && b[n] <= '9' {
			n++
		}
		if n == 10 || n == len(b) || b[n] != '.' && b[n] != ')' {
			return 0
		}
		n++
	default:
		return 0
	}
	switch {
	case n == len(b):
		return n
	case b[n] == ' ' || b[n] == '\t':
		return n + 1
	}
	return 0
}

// scanHeading checks the line of a heading, n, where goldmark looks for
// attributes ({#id .class}): it tries every "{" to the end of the line, and
// fails on an id whose value is not text (id=5, id=true), which only a
// value in quotes rules out.
func (s *scanner) scanHeading(n int, line, body []byte) {
	if braces := bytes.Count(body, []byte("{")); braces > MaxBraces {
		s.report("braces", n, 1, "this heading has %d \"{\"; a heading may have at most %d: its attributes are written once, at its end, as in {#id}", braces, MaxBraces)
	}
	if bytes.IndexByte(body, '{') < 0 {
		return
	}
	off := len(line) - len(body)
	for i := 0; i+2 < len(body); i++ {
		if body[i] != 'i' || body[i+1] != 'd' || i > 0 && !bytes.ContainsRune([]byte("{ \t,"), rune(body[i-1])) {
			continue
		}
		rest := bytes.TrimLeft(body[i+2:], " \t")
		if len(rest) == 0 || rest[0] != '=' {
			continue
		}
		if rest = bytes.TrimLeft(rest[1:], " \t"); len(rest) > 0 && rest[0] != '"' {
			s.report("id", n, runeCol(line, off+i), "a heading's id must be written {#name}, or id=\"name\" in quotes")
		}
	}
}

// scanBrackets follows the depth of "[" in the current block, whatever
// the brackets turn out to be (links, images, text, code), and reports
// nesting deeper than MaxBrackets.
func (s *scanner) scanBrackets(line []byte) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			s.brackets++
			if s.brackets > MaxBrackets && !s.reported["brackets"] {
				s.report("brackets", s.line, runeCol(line, i), "\"[\" is nested more than %d levels deep here; links and images nest at most two levels, as in [![photo](a.png)](b.md): close the brackets, or write \\[ for a bracket that is only text", MaxBrackets)
			}
		case ']':
			s.brackets = max(0, s.brackets-1)
		}
	}
}

// scanTable counts the cells of a table: from a delimiter row ("|---|:--|")
// on, every line of the block is taken as a row of the table.
func (s *scanner) scanTable(body []byte) {
	if s.columns > 0 {
		s.rows++
		return
	}
	if n := delimiterColumns(body); n > 0 {
		// The header row and the delimiter row.
		s.columns, s.rows, s.tableLine = n, 2, max(s.blockLine, s.line-1)
	}
}

// delimiterColumns returns the number of columns of a table's delimiter
// row, such as "| --- | :-: |", or 0 when line is not one.
func delimiterColumns(line []byte) int {
	t := bytes.Trim(line, " \t\r")
	if bytes.IndexByte(t, '|') < 0 || bytes.IndexByte(t, '-') < 0 {
		return 0
	}
	for _, c := range t {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	t = bytes.TrimPrefix(t, []byte("|"))
	t = bytes.TrimSuffix(t, []byte("|"))
	return bytes.Count(t, []byte("|")) + 1
}

// isATXHeading reports whether a line, after its containers, is a heading
// written with "#".
func isATXHeading(b []byte) bool {
	n := 0
	for n < len(b) && n < 7 && b[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(b) || b[n] == ' ' || b[n] == '\t' || b[n] == '\r')
}

// isSetextUnderline reports whether a line, after its containers, is a row
// of "=" or "-" that makes the line before it a heading.
func isSetextUnderline(b []byte) bool {
	t := bytes.TrimRight(b, " \t\r")
	if len(t) == 0 || t[0] != '=' && t[0] != '-' {
		return false
	}
	return len(bytes.Trim(t, string(t[:1]))) == 0
}

// runeCol returns the 1-based column, in characters, of byte i of line.
func runeCol(line []byte, i int) int {
	return 1 + len([]rune(string(line[:i])))
}

// size formats a number of bytes as editors read it, rounded up so that
// a size over a limit never reads as the limit: "900 bytes", "129 KB",
// "1.1 MB".
func size(n int) messages.Text {
	switch {
	case n < 1<<10:
		return messages.Sprintf("%d bytes", n)
	case n < 1<<20:
		return messages.Sprintf("%d KB", (n+1<<10-1)>>10)
	}
	return messages.Sprintf("%.1f MB", math.Ceil(float64(n)/(1<<20)*10)/10)
}

package serve

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"guide/internal/content"
	"guide/internal/diag"
)

// maxShown bounds the problems the overlay lists; the terminal lists all.
const maxShown = 20

// excerpt are the lines of a source file around a problem.
type excerpt struct {
	Lines []sourceLine
}

// sourceLine is one line of an excerpt. On the line of the problem,
// Before, At and After split the text at the problem's column.
type sourceLine struct {
	N                 int
	Text              string
	Err               bool
	Before, At, After string
	Col               int
}

// problem is a diag.Error with its excerpt, as the overlay shows it.
type problem struct {
	Pos, Msg string
	Source   *excerpt
}

// excerptOf reads the lines around a problem from the source folder, made
// safe to show by diag.Printable. It returns nil when the problem has no
// line or its file cannot be read.
func (s *Server) excerptOf(e *diag.Error) *excerpt {
	if e.Pos.Line <= 0 || !fs.ValidPath(e.Pos.File) {
		return nil
	}
	src, err := fs.ReadFile(s.opts.Site.Root, e.Pos.File)
	if err != nil || len(src) > content.MaxFileSize || !utf8.Valid(src) {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if e.Pos.Line > len(lines) {
		return nil
	}
	ex := &excerpt{}
	for n := max(1, e.Pos.Line-2); n <= min(len(lines), e.Pos.Line+2); n++ {
		l := sourceLine{N: n, Text: clip(diag.Printable(lines[n-1])), Err: n == e.Pos.Line}
		if l.Err {
			l.Col = e.Pos.Col
			r := []rune(lines[n-1])
			col := min(max(e.Pos.Col, 1), len(r)+1)
			if e.Pos.Col == 0 {
				l.Before = l.Text
			} else {
				l.Before = diag.Printable(string(r[:col-1]))
				if col <= len(r) {
					l.At, l.After = diag.Printable(string(r[col-1])), clip(diag.Printable(string(r[col:])))
				} else {
					l.At = " "
				}
			}
		}
		ex.Lines = append(ex.Lines, l)
	}
	return ex
}

// clip shortens a very long line (a minified file, a paragraph on one
// line) for display.
func clip(s string) string {
	const most = 200
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}

// parseOverlay parses the templates of the overlay and the banner.
func parseOverlay() *template.Template {
	return template.Must(template.ParseFS(assets, "assets/overlay.html"))
}

// renderOverlay renders the overlay that every page shows while the
// sources are broken.
func (s *Server) renderOverlay(list diag.List) []byte {
	return s.renderProblems("overlay", list)
}

// renderBanner renders the banner of warnings that Dev mode let through.
// The unfinished work, which guide build refuses, comes first, so that the
// banner can say which warnings stop the build.
func (s *Server) renderBanner(list diag.List) []byte {
	if len(list) == 0 {
		return nil
	}
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b *diag.Error) int { return cmp.Compare(a.Level, b.Level) })
	return s.renderProblems("banner", list)
}

// panel is what the overlay and the banner templates show: their words,
// in the server's language, and the problems.
type panel struct {
	// Lang is the language tag of the words, for the lang attribute.
	Lang string
	// Heading counts the problems; Note says what they mean and what to
	// do; More, when some are left out, how many.
	Heading, Note, More string
	// Close labels the close button.
	Close    string
	Problems []problem
}

func (s *Server) renderProblems(name string, list diag.List) []byte {
	pn := panel{Lang: s.p.Lang.Tag(), Close: s.p.Sprintf("Close")}
	for i, e := range list {
		if i == maxShown {
			break
		}
		pos := e.Pos.String()
		if e.Pos.File == "" {
			pos = ""
		}
		pn.Problems = append(pn.Problems, problem{Pos: diag.Printable(pos), Msg: diag.Printable(s.p.Message(e)), Source: s.excerptOf(e)})
	}
	if more := len(list) - len(pn.Problems); more > 0 {
		pn.More = s.p.Sprintf("… and %d more; the terminal lists them all.", more)
	}
	if name == "overlay" {
		pn.Heading, pn.Note = s.overlayWords(len(list))
	} else {
		pn.Heading, pn.Note = s.bannerWords(list)
	}
	var b bytes.Buffer
	if err := s.overlay.ExecuteTemplate(&b, name, pn); err != nil {
		// The template is part of the program and tested.
		return []byte("<p>" + template.HTMLEscapeString(s.p.List(list)) + "</p>")
	}
	return b.Bytes()
}

// overlayWords returns the heading and the note of the overlay of n
// problems.
func (s *Server) overlayWords(n int) (heading, note string) {
	if n == 1 {
		heading = s.p.Sprintf("1 problem in the guide's files")
	} else {
		heading = s.p.Sprintf("%d problems in the guide's files", n)
	}
	return heading, s.p.Sprintf("The page below is the last good build. Fix the file and save it: this message goes away by itself.")
}

// bannerWords returns the heading and the note of the banner of warnings,
// the unfinished work first: what they stop depends on how many are
// unfinished work, which guide build refuses, and how many advice.
func (s *Server) bannerWords(list diag.List) (heading, note string) {
	if len(list) == 1 {
		heading = s.p.Sprintf("1 warning")
	} else {
		heading = s.p.Sprintf("%d warnings", len(list))
	}
	unfinished := 0
	for _, e := range list {
		if e.Level == diag.LevelUnfinished {
			unfinished++
		}
	}
	switch {
	case unfinished == len(list):
		return heading, s.p.Sprintf(": guide serve shows the page, but guide build will refuse it until this is done.")
	case unfinished == 1:
		return heading, s.p.Sprintf(": guide serve shows the page, but guide build will refuse it until the first is done; the others are advice.")
	case unfinished > 1:
		return heading, s.p.Sprintf(": guide serve shows the page, but guide build will refuse it until the first %d are done; the others are advice.", unfinished)
	}
	return heading, s.p.Sprintf(": advice only; guide build publishes the guide all the same.")
}

// terminalReport writes the problems as the terminal shows them: each as
// file:line:col: message, with the lines around it and a caret under the
// column; printf makes each line safe for the terminal.
func (s *Server) terminalReport(list diag.List) string {
	var b strings.Builder
	for _, e := range list {
		fmt.Fprintf(&b, "%s\n", s.p.Problem(e))
		ex := s.excerptOf(e)
		if ex == nil {
			continue
		}
		width := len(fmt.Sprint(ex.Lines[len(ex.Lines)-1].N))
		for _, l := range ex.Lines {
			mark := " "
			if l.Err {
				mark = ">"
			}
			fmt.Fprintf(&b, "  %s %*d | %s\n", mark, width, l.N, l.Text)
			if l.Err && l.Col > 0 {
				fmt.Fprintf(&b, "    %*s | %s^\n", width, "", caretPad(l.Before))
			}
		}
	}
	return b.String()
}

// caretPad returns blanks as wide on a terminal as s, text that
// diag.Printable made (which has no tabs), so that a caret after it stands
// under the next character. Chinese characters take two columns.
func caretPad(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case isWide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// isWide reports whether a terminal shows r in two columns: the East Asian
// wide and fullwidth characters.
func isWide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F ||
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F ||
		r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 ||
		r >= 0xFFE0 && r <= 0xFFE6 ||
		r >= 0x1F300 && r <= 0x1FAFF ||
		r >= 0x20000 && r <= 0x3FFFD
}

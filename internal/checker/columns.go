package checker

import (
	"bytes"
	"io"
	"strings"
	"unicode"
)

// columns lines up tab-separated cells, as text/tabwriter does, but
// measures a cell by the columns it takes on a terminal, where a Chinese
// character takes two: text/tabwriter counts it as one, which shifts every
// column after a Chinese heading. Write buffers the lines; Flush writes
// them, each cell but the last padded to the widest of its column plus two
// spaces.
type columns struct {
	w    io.Writer
	text bytes.Buffer
}

func newColumns(w io.Writer) *columns { return &columns{w: w} }

func (c *columns) Write(p []byte) (int, error) { return c.text.Write(p) }

// Flush writes the lines written so far, lined up.
func (c *columns) Flush() error {
	var rows [][]string
	var widths []int
	for line := range strings.Lines(c.text.String()) {
		cells := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		for i, cell := range cells[:len(cells)-1] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], screenWidth(cell))
		}
		rows = append(rows, cells)
	}
	c.text.Reset()
	var out strings.Builder
	for _, cells := range rows {
		for i, cell := range cells {
			out.WriteString(cell)
			if i < len(cells)-1 {
				out.WriteString(strings.Repeat(" ", widths[i]-screenWidth(cell)+2))
			}
		}
		out.WriteString("\n")
	}
	_, err := io.WriteString(c.w, out.String())
	return err
}

// screenWidth returns the columns s takes on a terminal: two for each
// wide character (Chinese, Japanese and Korean characters, and full-width
// forms), one for any other.
func screenWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return true
	}
	// Full-width punctuation and forms: 、。「」（）：，…
	return 0x3000 <= r && r <= 0x303f || 0xff00 <= r && r <= 0xff60 || 0xffe0 <= r && r <= 0xffe6
}

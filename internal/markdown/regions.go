package markdown

import "strconv"

// tableNames names the scrolling regions around a page's tables, each with
// a name of its own, as a screen reader's list of regions needs: the text
// of the heading above the table and the word for a table ("Visa options,
// table (scrolls sideways)"), and a number after the first when the same
// name comes again (two tables under one heading, or two headings alike).
type tableNames struct {
	// label is the word for a table and sep what joins it to a heading.
	label, sep string
	// heading is the text of the last heading, "" before the first.
	heading string
	used    map[string]int
}

func newTableNames(label string, cjk bool) *tableNames {
	sep := ", "
	if cjk {
		sep = "，"
	}
	return &tableNames{label: label, sep: sep, used: map[string]int{}}
}

// next returns the name of the next table's region.
func (t *tableNames) next() string {
	name := t.label
	if t.heading != "" {
		name = t.heading + t.sep + t.label
	}
	t.used[name]++
	if n := t.used[name]; n > 1 {
		name += " " + strconv.Itoa(n)
	}
	return name
}

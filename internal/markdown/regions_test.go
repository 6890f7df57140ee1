package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// keepLinks publishes every destination as it is written.
type keepLinks struct{}

func (keepLinks) Resolve(kind Kind, dest string, line, col int) (string, bool) { return dest, false }

var regionName = regexp.MustCompile(`<div class="table" role="region" tabindex="0" aria-label="([^"]*)">`)

// TestTableRegionNames checks that every table's scrolling region on a
// page has a name of its own, made from the heading above it: two tables
// on one page once shared the name "table", which screen readers list as
// two regions alike (axe landmark-unique).
func TestTableRegionNames(t *testing.T) {
	const table = "\n| a | b |\n| - | - |\n| 1 | 2 |\n"
	tests := []struct {
		name string
		cjk  bool
		src  string
		want []string
	}{
		{"a table before any heading", false, table, []string{"table"}},
		{"a table under each heading", false, "## Steps\n" + table + "\n### Visa options\n" + table + "\n### Mailing address\n" + table,
			[]string{"Steps, table", "Visa options, table", "Mailing address, table"}},
		{"two tables under one heading", false, "## Fees\n" + table + "\ntext\n" + table,
			[]string{"Fees, table", "Fees, table 2"}},
		{"two headings alike", false, "## Fees\n" + table + "\n## Fees\n" + table,
			[]string{"Fees, table", "Fees, table 2"}},
		{"a heading with markup", false, "### The *visa* `options`\n" + table,
			[]string{"The visa options, table"}},
		{"Chinese", true, "### 签证选项\n" + table + "\n### 邮寄地址\n" + table,
			[]string{"签证选项，table", "邮寄地址，table"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := New(tt.cjk, Labels{}).Render([]byte(tt.src), keepLinks{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Sections {
				for _, m := range regionName.FindAllStringSubmatch(string(s.Body), -1) {
					got = append(got, m[1])
				}
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("got regions %q; want %q", got, tt.want)
			}
		})
	}
}

package messages_test

import (
	"fmt"
	"strings"
	"testing"

	"guide/internal/diag"
	"guide/internal/messages"
)

// TestWriteList: the warnings of a build go to the terminal through
// WriteList, which must print what List says, a line per problem, in the
// editor's language, however many problems there are.
func TestWriteList(t *testing.T) {
	for _, n := range []int{0, 1, 3, 70000} {
		var l diag.List
		for i := range n {
			l.Warn(diag.Pos{File: "content/page.zh.md", Line: i + 1, Col: 2}, "the page's description %q has %d characters", fmt.Sprint("text\x1b", i), i)
		}
		for _, p := range []messages.Printer{{Lang: messages.English}, {Lang: messages.Chinese}} {
			var b strings.Builder
			if err := p.WriteList(&b, l); err != nil {
				t.Fatal(err)
			}
			want := ""
			if n > 0 {
				want = p.List(l) + "\n"
			}
			if b.String() != want {
				t.Errorf("%d problems, %v: WriteList wrote %d bytes, List says %d bytes", n, p.Lang, b.Len(), len(want))
			}
			if n > 0 && strings.Count(b.String(), "\n") != n {
				t.Errorf("%d problems, %v: %d lines", n, p.Lang, strings.Count(b.String(), "\n"))
			}
		}
	}
}

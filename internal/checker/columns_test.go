package checker

import (
	"strings"
	"testing"
)

// TestColumns checks that columns line up on a terminal when a cell holds
// Chinese characters, which take two columns each.
func TestColumns(t *testing.T) {
	var b strings.Builder
	c := newColumns(&b)
	c.Write([]byte("  #\t答案\t结果\t办理方式\n"))
	c.Write([]byte("  1\tlost-passport=yes\tinterview-lost\tinterview\n"))
	c.Write([]byte("  2\tlost=no\t免面谈\twaiver\n"))
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"  #  答案               结果            办理方式\n" +
		"  1  lost-passport=yes  interview-lost  interview\n" +
		"  2  lost=no            免面谈          waiver\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

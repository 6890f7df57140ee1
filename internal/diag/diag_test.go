package diag

import (
	"fmt"
	"testing"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"content/interview.zh.md", "content/interview.zh.md"},
		{"面谈 (interview) ✓ \uFFFD", "面谈 (interview) ✓ \uFFFD"},
		{"clear\x1b[2Jscreen", `clear\x1b[2Jscreen`},
		{"\x1b]0;owned\x07title", `\x1b]0;owned\x07title`},
		{"a\tb", "a b"},
		{"line\nfake.md:1:1: error\r", `line\x0afake.md:1:1: error\x0d`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b2J", `c1 \u009b2J`},
		{"txt.\u202egpj", `txt.\u202egpj`},
		{"\u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069 \u200e\u200f\u061c \u2028\u2029", `\u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069 \u200e\u200f\u061c \u2028\u2029`},
		{"bad \xc3\x28 byte \xff", `bad \xc3( byte \xff`},
	}
	for _, tt := range tests {
		got := Printable(tt.in)
		if got != tt.want {
			t.Errorf("Printable(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if again := Printable(got); again != got {
			t.Errorf("Printable(%q) = %q; want it unchanged", got, again)
		}
	}
}

// TestErrorPrintable checks that every line an error list prints is safe
// for a terminal, whatever its file names and messages hold.
func TestErrorPrintable(t *testing.T) {
	var l List
	l.Add(Pos{File: "content/\x1b[2J.zh.md", Line: 3, Col: 1}, "unknown key %q", "\x1b]0;owned\x07")
	l.Warn(Pos{File: "content/\u202eevil.en.md"}, "text \u009b31m \x9b")
	l.Append(fmt.Errorf("plain \x1b[1m"))
	want := `content/\x1b[2J.zh.md:3:1: unknown key "\x1b]0;owned\a"` + "\n" +
		`content/\u202eevil.en.md: warning: text \u009b31m \x9b` + "\n" +
		`plain \x1b[1m`
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, want := l[0].Error(), `content/\x1b[2J.zh.md:3:1: unknown key "\x1b]0;owned\a"`; got != want {
		t.Errorf("got %s; want %s", got, want)
	}
}

// TestKeysAt checks that a message about a key points at the key's value,
// in the mapping's file, and at the mapping when the key is not written.
func TestKeysAt(t *testing.T) {
	mapping := Pos{File: "content/a.zh.md", Line: 4, Col: 5}
	keys := Keys{{Key: "title", Line: 4, Col: 12}, {Key: "fee", Line: 7, Col: 10}}
	if got, want := keys.At("fee", mapping), (Pos{File: "content/a.zh.md", Line: 7, Col: 10}); got != want {
		t.Errorf("fee at %v, want %v", got, want)
	}
	if got := keys.At("time", mapping); got != mapping {
		t.Errorf("time, not written, at %v, want the mapping's %v", got, mapping)
	}
	if got := Keys(nil).At("fee", mapping); got != mapping {
		t.Errorf("no keys: fee at %v, want the mapping's %v", got, mapping)
	}
}

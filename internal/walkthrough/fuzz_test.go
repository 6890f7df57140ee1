package walkthrough

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that no frames file, however broken, makes the parser
// panic, and that every problem it reports names the file and a line.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"../../content/booking/interview.frames.yaml", "../../content/booking/waiver.frames.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("frames:\n  - use: a.frames.yaml#b\n    id: c\n"))
	f.Add([]byte("frames:\n  - id: a\n    callouts:\n      - {n: 1, x: 101, y: -1, box: {x: 0, y: 0, w: 0, h: 0}, caption: {zh: \"\"}}\n"))
	f.Add([]byte("frames: [{id: a, title: {zh: x, fr: y}}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf := parse("booking/x.frames.yaml", data, []string{"zh", "en"})
		for _, e := range pf.errs {
			if e.Pos.File != "content/booking/x.frames.yaml" || !strings.Contains(e.Error(), "x.frames.yaml") {
				t.Errorf("problem without its file: %v", e)
			}
		}
	})
}

package walkthrough

import (
	"path/filepath"
	"strings"
	"testing"

	"guide/internal/txtarsite"
)

// FuzzParse checks that no frames file, however broken, makes the parser
// panic, and that every problem it reports names the file and a line.
func FuzzParse(f *testing.F) {
	// The frames files of the test sites are the seeds, rather than the
	// guide's, which editors change.
	archives, err := filepath.Glob(filepath.Join("testdata", "*", "*.txtar"))
	if err != nil || len(archives) == 0 {
		f.Fatalf("no test sites in testdata: %v", err)
	}
	for _, name := range archives {
		for file, data := range txtarsite.Read(f, nil, name).Root {
			if strings.HasSuffix(file, ".frames.yaml") {
				f.Add(data.Data)
			}
		}
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

package walkthrough_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/image/draw"

	"guide/internal/site"
	"guide/internal/txtarsite"
	"guide/internal/walkthrough"
)

// repoRoot is the repository's folder, which holds the real layouts and
// content.
const repoRoot = "../.."

// fixture reads a txtar archive of testdata into a file system laid out as
// the guide's folder:
//
//   - the files of testdata/common.txtar come first (the site settings and
//     the home pages), then the archive's own, which may replace them;
//   - layouts/ holds the small test layouts of testdata/layouts and the
//     repository's own walkthrough layout, partials and interface strings,
//     so that the tests render the real walkthrough markup;
//   - a file whose text is "generate KIND WxH" is replaced by an image made
//     by the test (see genImage), so that archives stay text;
//   - want/NAME are the expected output files, and "errors" the expected
//     problems.
func fixture(t testing.TB, file string) (root fstest.MapFS, want map[string]string, wantErrs string) {
	t.Helper()
	a := txtarsite.Read(t, func(data []byte) []byte {
		if spec, ok := bytes.CutPrefix(bytes.TrimSpace(data), []byte("generate ")); ok {
			return genImage(t, string(spec))
		}
		return data
	}, "testdata/common.txtar", file)
	addLayouts(t, a.Root)
	return a.Root, a.Want, a.Errors
}

// addLayouts puts the test layouts and the repository's walkthrough
// layout, partials and interface strings into root.
func addLayouts(t testing.TB, root fstest.MapFS) {
	t.Helper()
	add := func(dir, pattern, under string) {
		names, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil || len(names) == 0 {
			t.Fatalf("no files %s in %s", pattern, dir)
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			root[path.Join(under, filepath.Base(n))] = &fstest.MapFile{Data: data}
		}
	}
	add("testdata/layouts", "*.html", "layouts")
	add(filepath.Join(repoRoot, "layouts"), "walkthrough.html", "layouts")
	add(filepath.Join(repoRoot, "layouts", "partials"), "*.html", "layouts/partials")
	add(filepath.Join(repoRoot, "layouts", "i18n"), "*.yaml", "layouts/i18n")
}

// genImage makes the image that spec describes: "png 800x500",
// "jpeg 800x500", or "truncated-png 800x500" and "truncated-jpeg 800x500",
// valid images cut off after their header.
func genImage(t testing.TB, spec string) []byte {
	t.Helper()
	var kind string
	var w, h int
	if _, err := fmt.Sscanf(spec, "%s %dx%d", &kind, &w, &h); err != nil {
		t.Fatalf("generate %q: %v", spec, err)
	}
	img := pattern(w, h, 1)
	var b bytes.Buffer
	switch strings.TrimPrefix(kind, "truncated-") {
	case "png":
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
	case "jpeg":
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("generate %q: unknown kind", spec)
	}
	if strings.HasPrefix(kind, "truncated-") {
		return b.Bytes()[:b.Len()/2]
	}
	return b.Bytes()
}

// pattern draws a w×h picture that looks a little like a screenshot: a
// light background with rows of dark, text-like strokes, drawn at twice
// the size and scaled down so that their edges are smoothed as those of
// text on a screen. Its resized copies compress as those of real
// screenshots do. seed varies it.
func pattern(w, h int, seed uint32) *image.RGBA {
	big := patternSharp(2*w, 2*h, seed)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(img, img.Bounds(), big, big.Bounds(), draw.Src, nil)
	return img
}

func patternSharp(w, h int, seed uint32) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x := seed*2654435761 + 1
	next := func() uint32 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return x
	}
	bg := color.RGBA{R: 238, G: 241, B: 244, A: 255}
	for py := range h {
		for px := range w {
			img.SetRGBA(px, py, bg)
		}
	}
	ink := color.RGBA{R: 27, G: 31, B: 36, A: 255}
	// Short lines of text, as the labels and values of a form.
	for row := 12; row+14 < h; row += 48 {
		end := w/5 + int(next()%uint32(w/4))
		for px := 16 + int(next()%40); px+12 < end; {
			glyph := 6 + int(next()%8)
			// A glyph: a frame of strokes two pixels wide, open on one
			// side.
			open := int(next() % 4)
			for gx := px; gx < px+glyph; gx++ {
				for gy := row; gy < row+14; gy++ {
					l, r, t, b := gx < px+2, gx >= px+glyph-2, gy < row+2, gy >= row+12
					if l && open != 0 || r && open != 1 || t && open != 2 || b && open != 3 || gy == row+6 || gy == row+7 {
						img.SetRGBA(gx, gy, ink)
					}
				}
			}
			px += glyph + 3 + int(next()%6)
		}
	}
	return img
}

// memOutput keeps the files of a test build in memory.
type memOutput = site.Memory

// dirOutput is a site.Output that writes into a folder.
type dirOutput string

func (d dirOutput) WriteFile(name string, data []byte) error {
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// build loads and builds the site in root with the walkthrough extension
// alone, keeping resized images in cacheDir.
func build(root fs.FS, cacheDir string) (*memOutput, *site.Site, *walkthrough.Extension, error) {
	ext := walkthrough.New(root, walkthrough.Options{CacheDir: cacheDir, Widths: []int{360, 720}})
	s, errs := site.Load(site.Options{Root: root, Extensions: []site.Extension{ext}})
	if s == nil {
		return nil, nil, ext, errs.Err()
	}
	out := &memOutput{}
	_, err := s.Build(context.Background(), out)
	return out, s, ext, err
}

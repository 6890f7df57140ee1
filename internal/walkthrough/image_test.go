package walkthrough

import (
	"bytes"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// photo makes a w×h image with smooth gradients, whose smaller copies are
// always smaller in bytes, so that every copy made is kept.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: uint8((x + y) * 255 / (w + h)), A: 255})
		}
	}
	return img
}

func encode(t testing.TB, img image.Image, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 95})
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestResizeSizes checks the widths of the copies, that their proportions
// are the image's, that no image is enlarged and that no copy is made
// nearly as wide as the image.
func TestResizeSizes(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		wantWidths []int
	}{
		{"wide.jpg", 1300, 793, []int{360, 720, 1080}},
		{"odd.jpg", 1001, 333, []int{360, 720}},
		{"illustration.jpg", 1200, 800, []int{360, 720, 1080}}, // 1080 is 90% of 1200
		{"near.jpg", 1150, 800, []int{360, 720}},               // 1080 is 94% of 1150
		{"exact.jpg", 720, 480, []int{360}},
		{"small.jpg", 300, 200, nil},
		{"tall.png", 600, 1800, []int{360}},
	}
	fsys := fstest.MapFS{}
	var paths []string
	for _, tt := range tests {
		format := "jpeg"
		if filepath.Ext(tt.name) == ".png" {
			format = "png"
		}
		fsys[tt.name] = &fstest.MapFile{Data: encode(t, photo(tt.w, tt.h), format)}
		paths = append(paths, tt.name)
	}
	pr := &processor{fsys: fsys, widths: DefaultWidths}
	images, bad := pr.process(paths)
	if len(bad) > 0 {
		t.Fatalf("process: %v", bad)
	}
	for _, tt := range tests {
		img := images[tt.name]
		if img.Width != tt.w || img.Height != tt.h {
			t.Errorf("%s: size %d×%d; want %d×%d", tt.name, img.Width, img.Height, tt.w, tt.h)
		}
		var widths []int
		for _, v := range img.Variants {
			widths = append(widths, v.Width)
			cfg, _, err := image.DecodeConfig(bytes.NewReader(v.data))
			if err != nil {
				t.Errorf("%s: copy %s does not decode: %v", tt.name, v.Path, err)
				continue
			}
			if cfg.Width != v.Width || cfg.Height != v.Height {
				t.Errorf("%s: copy %s is %d×%d; it says %d×%d", tt.name, v.Path, cfg.Width, cfg.Height, v.Width, v.Height)
			}
			// The height is rounded to whole pixels: the proportions
			// may differ by half a pixel of the copy's height.
			wantH := float64(tt.h) * float64(v.Width) / float64(tt.w)
			if math.Abs(float64(cfg.Height)-wantH) > 0.5 {
				t.Errorf("%s: copy %s is %d×%d; its height should be %.1f to keep the proportions", tt.name, v.Path, cfg.Width, cfg.Height, wantH)
			}
		}
		if !equalInts(widths, tt.wantWidths) {
			t.Errorf("%s: copies of widths %v; want %v", tt.name, widths, tt.wantWidths)
		}
	}
	if v := images["wide.jpg"].Variants[1]; v.Path != "wide-720w.jpg" {
		t.Errorf("the copy of wide.jpg of 720 px is %s; want wide-720w.jpg", v.Path)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCache checks that a second run reads the copies from the cache
// without decoding or resizing, that the copies are the same, and that a
// changed image is resized again.
func TestCache(t *testing.T) {
	cache := t.TempDir()
	fsys := fstest.MapFS{
		"a.jpg": {Data: encode(t, photo(1000, 600), "jpeg")},
		"b.png": {Data: encode(t, photo(1000, 400), "png")},
	}
	paths := []string{"a.jpg", "b.png"}
	run := func() (*processor, map[string]*Image) {
		pr := &processor{fsys: fsys, cacheDir: cache, widths: []int{360, 720}}
		images, bad := pr.process(paths)
		if len(bad) > 0 {
			t.Fatalf("process: %v", bad)
		}
		return pr, images
	}
	cold, first := run()
	if got := cold.resized.Load(); got != 4 {
		t.Errorf("cold run: %d copies resized; want 4", got)
	}
	if got := cold.decoded.Load(); got != 2 {
		t.Errorf("cold run: %d images decoded; want 2", got)
	}
	warm, second := run()
	if r, c, d := warm.resized.Load(), warm.cached.Load(), warm.decoded.Load(); r != 0 || c != 4 || d != 0 {
		t.Errorf("second run: resized %d, cached %d, decoded %d; want 0, 4, 0", r, c, d)
	}
	for _, p := range paths {
		for i, v := range first[p].Variants {
			if !bytes.Equal(v.data, second[p].Variants[i].data) {
				t.Errorf("%s: the cached copy %s differs from the one made", p, v.Path)
			}
		}
	}

	fsys["a.jpg"] = &fstest.MapFile{Data: encode(t, photo(1000, 500), "jpeg")}
	changed, images := run()
	if r, c := changed.resized.Load(), changed.cached.Load(); r != 2 || c != 2 {
		t.Errorf("after a change of a.jpg: resized %d, cached %d; want 2, 2", r, c)
	}
	if h := images["a.jpg"].Variants[0].Height; h != 180 {
		t.Errorf("after a change of a.jpg: its copy of 360 px is %d px high; want 180", h)
	}

	// Without a cache, every run decodes and resizes.
	pr := &processor{fsys: fsys, widths: []int{360, 720}}
	pr.process(paths)
	pr.process(paths)
	if got := pr.resized.Load(); got != 8 {
		t.Errorf("without a cache, two runs resized %d copies; want 8", got)
	}
	if entries, _ := os.ReadDir(cache); len(entries) == 0 {
		t.Error("the cache folder is empty")
	}
}

// TestCorruptImageNotCached checks that an image that does not decode
// leaves nothing in the cache, so that it is reported on every build.
func TestCorruptImageNotCached(t *testing.T) {
	cache := t.TempDir()
	data := encode(t, photo(400, 300), "png")
	fsys := fstest.MapFS{"cut.png": {Data: data[:len(data)/2]}}
	for range 2 {
		pr := &processor{fsys: fsys, cacheDir: cache, widths: []int{360}}
		if _, bad := pr.process([]string{"cut.png"}); bad["cut.png"] == nil {
			t.Fatal("a cut-off PNG was accepted")
		}
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("the cache holds %d entries after a corrupt image; want none", len(entries))
	}
}

func TestWorthIt(t *testing.T) {
	v := func(w, size int) Variant { return Variant{Width: w, data: make([]byte, size)} }
	tests := []struct {
		name   string
		vs     []Variant
		size   int
		widths []int
	}{
		{"all smaller", []Variant{v(360, 10), v(720, 40), v(1080, 80)}, 100, []int{360, 720, 1080}},
		{"widest larger", []Variant{v(360, 20), v(720, 70), v(1080, 120)}, 100, []int{360, 720}},
		{"barely smaller", []Variant{v(360, 20), v(720, 95)}, 100, []int{360}},
		{"against the kept", []Variant{v(360, 60), v(720, 65)}, 100, []int{720}},
		{"none", []Variant{v(360, 100)}, 100, nil},
	}
	for _, tt := range tests {
		var got []int
		for _, k := range worthIt(tt.vs, tt.size) {
			got = append(got, k.Width)
		}
		if !equalInts(got, tt.widths) {
			t.Errorf("%s: kept %v; want %v", tt.name, got, tt.widths)
		}
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		svg  string
		w, h int
		err  bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"/>`, 640, 480, false},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="48.4px"/>`, 64, 48, false},
		{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><g/></svg>`, 300, 150, false},
		{`<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0,30,15"/>`, 30, 15, false},
		{`<?xml version="1.0"?><!-- c --><svg viewBox="0 0 1 1"/>`, 1, 1, false},
		{`<svg xmlns="http://www.w3.org/2000/svg"/>`, 0, 0, true},
		{`<html/>`, 0, 0, true},
		{`<svg viewBox="0 0 1 1"><circle onclick="x()"/></svg>`, 0, 0, true},
		{`<svg viewBox="0 0 1 1"><foreignObject/></svg>`, 0, 0, true},
		{`<svg viewBox="0 0 1 1">`, 0, 0, true},
		{``, 0, 0, true},
	}
	for _, tt := range tests {
		w, h, err := svgSize([]byte(tt.svg))
		if (err != nil) != tt.err || w != tt.w || h != tt.h {
			t.Errorf("svgSize(%q) = %d, %d, %v; want %d, %d, error %v", tt.svg, w, h, err, tt.w, tt.h, tt.err)
		}
	}
}

// TestPalettedCopies checks that the copies of a PNG image with a palette,
// as cmd/illustrate draws them, are drawn in the same palette, and that
// those of a full-colour image are not.
func TestPalettedCopies(t *testing.T) {
	src := photo(1200, 800)
	pal := image.NewPaletted(src.Bounds(), palette.Plan9)
	draw.Draw(pal, pal.Bounds(), src, image.Point{}, draw.Src)
	fsys := fstest.MapFS{"drawn.png": {Data: encode(t, pal, "png")}, "photo.png": {Data: encode(t, src, "png")}}
	pr := &processor{fsys: fsys, widths: DefaultWidths}
	images, bad := pr.process([]string{"drawn.png", "photo.png"})
	if len(bad) > 0 {
		t.Fatalf("process: %v", bad)
	}
	drawn := images["drawn.png"]
	if len(drawn.Variants) == 0 {
		t.Fatal("no copies of drawn.png")
	}
	for _, v := range drawn.Variants {
		img, err := png.Decode(bytes.NewReader(v.data))
		if err != nil {
			t.Fatal(err)
		}
		p, ok := img.(*image.Paletted)
		if !ok || len(p.Palette) != len(palette.Plan9) {
			t.Errorf("%s decodes as %T; want the image's palette of %d colours", v.Path, img, len(palette.Plan9))
		}
	}
	for _, v := range images["photo.png"].Variants {
		if img, _ := png.Decode(bytes.NewReader(v.data)); img != nil {
			if _, ok := img.(*image.Paletted); ok {
				t.Errorf("%s, a copy of a full-colour image, has a palette", v.Path)
			}
		}
	}
}

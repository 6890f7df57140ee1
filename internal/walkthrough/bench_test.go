package walkthrough

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// screenshots returns n distinct screenshots of 1200 px made from the
// illustrations of content/booking, each with a pixel changed so that no
// two have the same hash.
func screenshots(b *testing.B, n int) (fstest.MapFS, []string) {
	b.Helper()
	files, _ := filepath.Glob("../../content/booking/*.png")
	if len(files) == 0 {
		b.Fatal("no illustrations in content/booking")
	}
	var srcs []*image.RGBA
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, image.Point{}, draw.Src)
		srcs = append(srcs, rgba)
	}
	fsys := fstest.MapFS{}
	var paths []string
	for i := range n {
		img := srcs[i%len(srcs)]
		img.Pix[4*i] ^= 0xff
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			b.Fatal(err)
		}
		img.Pix[4*i] ^= 0xff
		name := fmt.Sprintf("shot%02d.png", i)
		fsys[name] = &fstest.MapFile{Data: buf.Bytes()}
		paths = append(paths, name)
	}
	return fsys, paths
}

// BenchmarkImages processes 50 screenshots of 1200 px as a build does:
// cold, with an empty cache, so that every copy is resized, encoded and
// written to the cache; and cached, when every copy is read from it.
//
//	go test ./internal/walkthrough -run '^$' -bench Images -benchtime 5x
func BenchmarkImages(b *testing.B) {
	const n = 50
	fsys, paths := screenshots(b, n)
	run := func(b *testing.B, cache string) {
		pr := &processor{fsys: fsys, cacheDir: cache, widths: DefaultWidths}
		if _, bad := pr.process(paths); len(bad) > 0 {
			b.Fatal(bad)
		}
	}
	// The processor time is reported beside the wall time, which depends
	// on how many cores are free.
	report := func(b *testing.B, cpu time.Duration) {
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/build")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*n), "ms/image")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N*n), "cpu-ms/image")
	}
	b.Run("cold", func(b *testing.B) {
		root := b.TempDir()
		i := 0
		start := cpuTime()
		for b.Loop() {
			i++
			run(b, filepath.Join(root, fmt.Sprint(i)))
		}
		report(b, cpuTime()-start)
	})
	b.Run("cached", func(b *testing.B) {
		cache := b.TempDir()
		run(b, cache)
		start := cpuTime()
		for b.Loop() {
			run(b, cache)
		}
		report(b, cpuTime()-start)
	})
}

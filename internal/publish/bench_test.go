package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWrite measures writing a site of 2,000 pages of 12 KB and
// swapping it in for the previous one, as guide build does: "rebuild"
// writes over the spare that the build before left, as every build after
// the first does; "fresh" removes the spare first, so that every file and
// folder is created anew.
func BenchmarkWrite(b *testing.B) {
	const pages = 2000
	page := bytes.Repeat([]byte("<p>正文内容 text </p>"), 12*1024/24)
	for _, fresh := range []bool{false, true} {
		name := "rebuild"
		if fresh {
			name = "fresh"
		}
		b.Run(name, func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			for b.Loop() {
				if fresh {
					b.StopTimer()
					os.RemoveAll(filepath.Join(filepath.Dir(dest), ".public.guide", "prev"))
					b.StartTimer()
				}
				d, err := Begin(dest)
				if err != nil {
					b.Fatal(err)
				}
				for i := range pages {
					if err := d.WriteFile(fmt.Sprintf("s%d/page-%04d/index.html", i%8, i), page); err != nil {
						b.Fatal(err)
					}
				}
				if err := d.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(len(page)), "bytes/page")
		})
	}
}

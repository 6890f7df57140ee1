package publish

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkWrite measures writing a site of 2,000 pages of 12 KB into a
// new folder and swapping it in for the previous one, as guide build does.
func BenchmarkWrite(b *testing.B) {
	const pages = 2000
	page := bytes.Repeat([]byte("<p>正文内容 text </p>"), 12*1024/24)
	dest := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
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
}

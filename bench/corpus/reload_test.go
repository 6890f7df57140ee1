package corpus_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"guide/internal/cli"
	"guide/internal/serve"
)

// BenchmarkSaveToReload measures what an editor of a large site waits for:
// from the moment a page of the corpus is saved to the moment the reload
// event reaches the browser, through the real watcher, the pipeline with
// the extensions of guide build, and the event stream. It reports the
// median and the 90th percentile; run it with a fixed count:
//
//	go test -run '^$' -bench SaveToReload -benchtime 40x ./corpus
func BenchmarkSaveToReload(b *testing.B) {
	dir := layOut(b, 1000)
	page := filepath.Join(dir, "content", "residence", "apply-child-benefit-00016.zh.md")
	original, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	b.Setenv("GUIDE_CACHE_DIR", b.TempDir())
	var out, errOut lockedBuffer
	events := startServe(b, dir, &out, &errOut)
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		edited := fmt.Appendf(bytes.Clone(original), "\n\n编辑第 %d 次。Edit number %d.\n", i, i)
		t0 := time.Now()
		if err := os.WriteFile(page, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if ev := nextEvent(b, events); ev != "reload" {
			b.Fatalf("event %q; want reload\n%s", ev, errOut.String())
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "ms-median")
	b.ReportMetric(ms(took[len(took)*9/10]), "ms-p90")
}

// startServe serves dir as guide serve does, until the benchmark ends, and
// returns the names of the events of its event stream, the first (hello)
// already read.
func startServe(b *testing.B, dir string, stdout, stderr *lockedBuffer) <-chan string {
	ctx, cancel := context.WithCancel(context.Background())
	opts := serve.Options{Dir: dir, Addr: "127.0.0.1:0", Stdout: stdout, Stderr: stderr}
	opts.Site.Extensions = cli.Extensions(os.DirFS(dir))
	ready := make(chan string, 1)
	opts.Ready = func(url string) { ready <- url }
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, opts) }()
	b.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			b.Errorf("serve.Run: %v", err)
		}
	})
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		b.Fatalf("serve.Run: %v\n%s", err, stderr.String())
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"_guide/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	events := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
	}()
	if ev := nextEvent(b, events); ev != "hello" {
		b.Fatalf("first event %q; want hello", ev)
	}
	return events
}

// nextEvent waits for the next event's name. A minute is far more than a
// rebuild of the corpus ever takes; it only keeps a broken server from
// hanging the benchmark.
func nextEvent(b *testing.B, events <-chan string) string {
	b.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			b.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(time.Minute):
		b.Fatal("no event after a minute")
	}
	return ""
}

// lockedBuffer is a bytes.Buffer the server may write from several
// goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

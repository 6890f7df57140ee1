package serve_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"guide/internal/serve"
)

// TestServeThousandClients opens 1,000 connections at once on loopback,
// half of them asking for pages and half for the event stream, and checks
// that the server answers every page, accepts no more streams than its
// limit (the rest get 503 at once), keeps its memory bounded, and still
// serves afterwards.
func TestServeThousandClients(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 connections; skipped in -short")
	}
	const clients, limit = 1000, 100
	g := start(t, fixture, serve.Options{MaxClients: limit})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 60 * time.Second}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var counts loadCounts
	var opened sync.WaitGroup
	var done sync.WaitGroup
	for i := range clients {
		opened.Add(1)
		done.Go(func() {
			if i%2 == 0 {
				defer opened.Done()
				counts.getPage(client, g.url)
				return
			}
			counts.openStream(ctx, client, g.url+"_guide/events", opened.Done)
		})
	}
	opened.Wait()
	var during runtime.MemStats
	runtime.ReadMemStats(&during)
	if n := counts.streams.Load(); n > limit {
		t.Errorf("%d event streams open at once; want at most %d", n, limit)
	}
	if counts.pages.Load() != clients/2 || counts.failed.Load() != 0 {
		t.Errorf("pages %d of %d, failed %d", counts.pages.Load(), clients/2, counts.failed.Load())
	}
	if counts.streams.Load()+counts.refused.Load() != clients/2 {
		t.Errorf("streams %d + refused %d; want %d", counts.streams.Load(), counts.refused.Load(), clients/2)
	}
	// Both ends of every connection live in this process; a few
	// kilobytes each is expected, a megabyte each would be a leak.
	if grown := int64(during.HeapInuse) - int64(before.HeapInuse); grown > 64<<20 {
		t.Errorf("the heap grew by %d MB with %d clients", grown>>20, clients)
	}
	cancel()
	done.Wait()

	// The streams are closed, so new ones are accepted again.
	g.listen()
	resp, err := http.Get(g.url)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("after the clients: %v %v", resp, err)
	}
	resp.Body.Close()
	t.Logf("%d pages served, %d streams accepted, %d refused with 503", counts.pages.Load(), counts.streams.Load(), counts.refused.Load())
}

// loadCounts counts what the clients of TestServeThousandClients got.
type loadCounts struct {
	pages, streams, refused, failed atomic.Int32
}

// getPage fetches the page at url.
func (n *loadCounts) getPage(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err != nil {
		n.failed.Add(1)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		n.pages.Add(1)
	} else {
		n.failed.Add(1)
	}
}

// openStream opens the event stream at url, calls opened once the server
// has answered, and reads the stream until ctx is done.
func (n *loadCounts) openStream(ctx context.Context, client *http.Client, url string, opened func()) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := client.Do(req)
	opened()
	if err != nil {
		n.failed.Add(1)
		return
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		n.streams.Add(1)
		io.Copy(io.Discard, resp.Body) // until the test cancels
	case http.StatusServiceUnavailable:
		n.refused.Add(1)
	default:
		n.failed.Add(1)
	}
}

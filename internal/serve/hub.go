package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// hub is the set of browser pages listening for reloads. It is a value of
// the Server; each stream's lifetime is its request's context.
type hub struct {
	max     int
	mu      sync.Mutex
	clients map[*client]bool
}

func newHub(max int) *hub { return &hub{max: max, clients: map[*client]bool{}} }

// client is one event stream. Events that arrive faster than the stream
// sends them are merged: a reload covers everything before it.
type client struct {
	mu      sync.Mutex
	pending *event
	ready   chan struct{}
}

// join adds a client, or returns nil when there are too many.
func (h *hub) join() *client {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.clients) >= h.max {
		return nil
	}
	c := &client{ready: make(chan struct{}, 1)}
	h.clients[c] = true
	return c
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// count returns the number of clients.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// broadcast tells every client about a finished rebuild.
func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.push(ev)
	}
}

func (c *client) push(ev event) {
	c.mu.Lock()
	switch {
	case c.pending == nil, ev.kind == "reload":
		c.pending = &ev
	case c.pending.kind == "reload":
		// A reload already pending shows the newer build too.
		c.pending.build = ev.build
	default:
		c.pending = &event{kind: "css", build: ev.build, css: mergeSwaps(c.pending.css, ev.css)}
	}
	c.mu.Unlock()
	select {
	case c.ready <- struct{}{}:
	default:
	}
}

// mergeSwaps returns the swaps of two stylesheet events, one after the
// other: a page that still links the first name of a stylesheet renamed
// twice goes straight to the last.
func mergeSwaps(first, then []swap) []swap {
	merged := slices.Clone(first)
	for i, m := range merged {
		for _, t := range then {
			if t.From == m.To {
				merged[i].To = t.To
			}
		}
	}
	for _, t := range then {
		if !slices.ContainsFunc(merged, func(m swap) bool { return m.From == t.From }) {
			merged = append(merged, t)
		}
	}
	slices.SortFunc(merged, func(a, b swap) int { return strings.Compare(a.From, b.From) })
	return merged
}

func (c *client) take() *event {
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := c.pending
	c.pending = nil
	return ev
}

// heartbeat is how often an idle stream sends a comment, so that the
// browser and anything between notice a dead connection.
const heartbeat = 25 * time.Second

// serveEvents streams the rebuilds to one browser page as server-sent
// events: "hello" with the current build when the stream opens, then
// "reload" or "css" after each rebuild.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	c := s.hub.join()
	if c == nil {
		w.Header().Set("Retry-After", "10")
		http.Error(w, "too many pages are listening for reloads; close some tabs", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.leave(c)
	ctx, cancel := context.WithTimeout(r.Context(), maxStream)
	defer cancel()

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// The browser reconnects a second after the stream ends.
	if _, err := fmt.Fprintf(w, "retry: 1000\n\n"); err != nil {
		return
	}
	if writeEvent(w, "hello", event{build: s.state.Load().build}) != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		case <-c.ready:
			ev := c.take()
			if ev == nil {
				continue
			}
			if writeEvent(w, ev.kind, *ev) != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, kind string, ev event) error {
	data, err := json.Marshal(struct {
		Build string `json:"build"`
		CSS   []swap `json:"css,omitempty"`
	}{ev.build, ev.css})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", kind, data)
	return err
}

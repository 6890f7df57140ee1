package watch

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// collect runs b.next in the bubble and records each batch with the time
// it was sent, relative to start.
func collect(ctx context.Context, b *batcher, start time.Time) *[]sent {
	var out []sent
	go func() {
		for {
			batch, ok := b.next(ctx)
			if !ok {
				return
			}
			out = append(out, sent{at: time.Since(start), batch: batch})
		}
	}()
	return &out
}

type sent struct {
	at    time.Duration
	batch Batch
}

func TestBatcher(t *testing.T) {
	const quiet, maxWait = 10 * time.Millisecond, 500 * time.Millisecond
	tests := []struct {
		name string
		// events are (delay before, path) pairs.
		events []any
		want   []string // per batch: "at paths"
	}{
		{
			name:   "one save",
			events: []any{0, "content/a.zh.md"},
			want:   []string{"10ms [content/a.zh.md]"},
		},
		{
			name: "atomic save is one change",
			events: []any{
				0, "content/.a.zh.md.tmp", // write the temporary file
				1 * time.Millisecond, "content/.a.zh.md.tmp", // rename it away
				0, "content/a.zh.md", // over the page
			},
			want: []string{"11ms [content/.a.zh.md.tmp content/a.zh.md]"},
		},
		{
			name:   "two saves apart",
			events: []any{0, "content/a.zh.md", 50 * time.Millisecond, "content/b.zh.md"},
			want:   []string{"10ms [content/a.zh.md]", "60ms [content/b.zh.md]"},
		},
		{
			name:   "same file twice",
			events: []any{0, "content/a.zh.md", 5 * time.Millisecond, "content/a.zh.md"},
			want:   []string{"15ms [content/a.zh.md]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				b := newBatcher(quiet, maxWait)
				start := time.Now()
				got := collect(ctx, b, start)
				for i := 0; i < len(tt.events); i += 2 {
					switch d := tt.events[i].(type) {
					case int:
						time.Sleep(time.Duration(d))
					case time.Duration:
						time.Sleep(d)
					}
					b.add(tt.events[i+1].(string))
				}
				time.Sleep(time.Second)
				synctest.Wait()
				var lines []string
				for _, s := range *got {
					lines = append(lines, fmt.Sprintf("%v %v", s.at, s.batch.Paths))
				}
				if !slices.Equal(lines, tt.want) {
					t.Errorf("got batches %q; want %q", lines, tt.want)
				}
			})
		})
	}
}

// TestBatcherBurst checks that a git checkout of 500 files, written fast
// with pauses now and then, as on a busy machine, makes one batch, or two
// when it pauses before the batcher can tell it is a burst.
func TestBatcherBurst(t *testing.T) {
	tests := []struct {
		name string
		// pauses are the pauses after some files, by file number.
		pauses map[int]time.Duration
		want   []int // the sizes of the batches
	}{
		{"no pause", nil, []int{500}},
		{"pauses shorter than the growing quiet time", map[int]time.Duration{20: 15 * time.Millisecond, 99: 60 * time.Millisecond, 399: 200 * time.Millisecond}, []int{500}},
		{"a pause before the burst shows", map[int]time.Duration{2: 15 * time.Millisecond, 99: 60 * time.Millisecond}, []int{3, 497}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				b := newBatcher(10*time.Millisecond, 2*time.Second)
				got := collect(ctx, b, time.Now())
				for i := range 500 {
					b.add(fmt.Sprintf("content/p%03d.zh.md", i))
					if d, ok := tt.pauses[i]; ok {
						time.Sleep(d)
					} else {
						time.Sleep(100 * time.Microsecond)
					}
				}
				time.Sleep(5 * time.Second)
				synctest.Wait()
				var sizes []int
				for _, s := range *got {
					sizes = append(sizes, len(s.batch.Paths))
				}
				if !slices.Equal(sizes, tt.want) {
					t.Errorf("got batches of %v paths; want %v", sizes, tt.want)
				}
			})
		})
	}
}

// TestBatcherMaxWait checks that events that never stop still make a batch
// every MaxWait, and that a flood of 10,000 events costs no more than
// that.
func TestBatcherMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		b := newBatcher(10*time.Millisecond, 500*time.Millisecond)
		got := collect(ctx, b, time.Now())
		for i := range 10000 {
			b.add(fmt.Sprintf("content/log%d", i%7))
			time.Sleep(200 * time.Microsecond) // 2 s of events
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if n := len(*got); n < 4 || n > 6 {
			t.Errorf("got %d batches for 2 s of events; want one every 500 ms", n)
		}
		total := 0
		for _, s := range *got {
			total += s.batch.Events
			if len(s.batch.Paths) > 7 {
				t.Errorf("batch with %d paths; want each of the 7 paths once", len(s.batch.Paths))
			}
		}
		if total != 10000 {
			t.Errorf("the batches count %d events; want 10000", total)
		}
	})
}

// TestBatcherWhileBusy checks that changes that arrive while a batch is
// being handled make exactly one more batch.
func TestBatcherWhileBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		b := newBatcher(10*time.Millisecond, 500*time.Millisecond)
		var batches []Batch
		go func() {
			for {
				batch, ok := b.next(ctx)
				if !ok {
					return
				}
				batches = append(batches, batch)
				time.Sleep(300 * time.Millisecond) // a slow rebuild
			}
		}()
		b.add("content/a.zh.md")
		time.Sleep(50 * time.Millisecond)
		for i := range 100 {
			b.add(fmt.Sprintf("content/b%d.zh.md", i))
			time.Sleep(time.Millisecond)
		}
		time.Sleep(2 * time.Second)
		synctest.Wait()
		if len(batches) != 2 || len(batches[1].Paths) != 100 {
			t.Fatalf("got %d batches; want 2, the second with the 100 paths changed during the first", len(batches))
		}
	})
}

func TestBatcherLose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		b := newBatcher(10*time.Millisecond, 500*time.Millisecond)
		got := collect(ctx, b, time.Now())
		b.lose()
		time.Sleep(time.Second)
		synctest.Wait()
		if len(*got) != 1 || !(*got)[0].batch.All {
			t.Fatalf("got %+v; want one batch with All set", *got)
		}
	})
}

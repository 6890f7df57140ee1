package lategc

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

var sink []byte

func setting(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestStartDelaysTheFirstCollection checks that no collection runs before
// the heap reaches the floor, and that after the first one the collector
// is back to its settings.
func TestStartDelaysTheFirstCollection(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: Start leaves the collector alone")
	}
	percent, limit := setting("/gc/gogc:percent"), setting("/gc/gomemlimit:bytes")
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Start(64 << 20)
	// 24 MiB of garbage, six times what starts a collection by default.
	for range 24 * 1024 {
		sink = make([]byte, 1024)
	}
	runtime.ReadMemStats(&after)
	if after.NumGC != before.NumGC {
		t.Errorf("%d collections ran below the floor", after.NumGC-before.NumGC)
	}
	// Past the floor, the collector runs and its settings come back.
	for range 128 * 1024 {
		sink = make([]byte, 1024)
	}
	deadline := time.Now().Add(10 * time.Second)
	for setting("/gc/gogc:percent") != percent || setting("/gc/gomemlimit:bytes") != limit {
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection GOGC is %d and the memory limit %d; want %d and %d",
				setting("/gc/gogc:percent"), setting("/gc/gomemlimit:bytes"), percent, limit)
		}
		runtime.Gosched()
		sink = make([]byte, 1024)
	}
}

// TestSetPercent checks that SetPercent sets the collector's percentage as
// runtime/debug.SetGCPercent does, and returns the previous setting: it
// reaches the runtime by a name (go:linkname) that a release of Go could
// change in meaning.
func TestSetPercent(t *testing.T) {
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	if got := SetPercent(70); got != 150 {
		t.Errorf("SetPercent(70) returned %d; want the setting before it, 150", got)
	}
	if got := setting("/gc/gogc:percent"); got != 70 {
		t.Errorf("after SetPercent(70), /gc/gogc:percent is %d; want 70", got)
	}
	if got := SetPercent(-1); got != 70 {
		t.Errorf("SetPercent(-1) returned %d; want 70", got)
	}
	if got := debug.SetGCPercent(old); got != -1 {
		t.Errorf("after SetPercent(-1), debug.SetGCPercent returned %d; want -1 (off)", got)
	}
}

// TestPercentFor checks the GOGC that puts the first collection at the
// floor, whatever the heap holds when Start is called.
func TestPercentFor(t *testing.T) {
	const floor = 64 << 20
	for _, c := range []struct {
		live int64
		want int
	}{
		{0, 1600},        // the 4 MiB minimum, scaled to the floor
		{1 << 20, 1600},  // a small heap: the minimum decides
		{8 << 20, 700},   // 8 MiB held: 8 MiB × (1 + 700/100) = 64 MiB
		{48 << 20, 100},  // no less than the default
		{128 << 20, 100}, // past the floor already
	} {
		if got := percentFor(floor, c.live); got != c.want {
			t.Errorf("percentFor(64 MiB, %d MiB) = %d; want %d", c.live>>20, got, c.want)
		}
	}
}

// TestStartCountsTheHeapHeld checks that the first collection comes at the
// floor even when the heap holds more than the 4 MiB Go first collects at:
// scaled for 4 MiB, GOGC would put it at 17 times what the heap holds.
func TestStartCountsTheHeapHeld(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: Start leaves the collector alone")
	}
	percent := setting("/gc/gogc:percent")
	held := make([][]byte, 16<<10) // 16 MiB
	for i := range held {
		held[i] = make([]byte, 1024)
	}
	runtime.GC()
	cycles := setting("/gc/cycles/total:gc-cycles")
	Start(64 << 20)
	allocated := 0
	for setting("/gc/cycles/total:gc-cycles") == cycles && allocated < 400<<20 {
		for range 1024 {
			sink = make([]byte, 1024)
		}
		allocated += 1 << 20
	}
	runtime.KeepAlive(held)
	// 48 MiB of garbage take the heap to the floor; scaled for 4 MiB, the
	// collection would come after 256.
	if allocated > 96<<20 {
		t.Errorf("the first collection came after %d MiB of garbage, with 16 MiB held and a floor of 64 MiB; want about 48", allocated>>20)
	}
	deadline := time.Now().Add(10 * time.Second)
	for setting("/gc/gogc:percent") != percent {
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection GOGC is %d; want %d", setting("/gc/gogc:percent"), percent)
		}
		runtime.Gosched()
		sink = make([]byte, 1024)
	}
}

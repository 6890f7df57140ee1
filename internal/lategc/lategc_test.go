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

package main

import (
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRelease builds the program for this machine's system, as the
// release does for each of its systems, and checks the stamped version
// and the checksums.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the guide program")
	}
	out := t.TempDir()
	host := target{runtime.GOOS, runtime.GOARCH}
	if err := release(context.Background(), "v9.8.7-test", out, []target{host}, io.Discard); err != nil {
		t.Fatal(err)
	}
	prog := filepath.Join(out, host.name())
	got, err := exec.Command(prog, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("guide v9.8.7-test (%s/%s)\n", runtime.GOOS, runtime.GOARCH); string(got) != want {
		t.Errorf("%s version: got %q; want %q", host.name(), got, want)
	}
	// Built without cgo, the program needs no C library at run time and
	// keeps no per-thread allocator arenas that a memory limit (ulimit -v)
	// makes fail on a large site.
	info, err := buildinfo.ReadFile(prog)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range info.Settings {
		if s.Key == "CGO_ENABLED" && s.Value != "0" {
			t.Errorf("%s is built with CGO_ENABLED=%s; want 0", host.name(), s.Value)
		}
	}
	data, err := os.ReadFile(prog)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%x  %s\n", sha256.Sum256(data), host.name()); string(sums) != want {
		t.Errorf("SHA256SUMS: got %q; want %q", sums, want)
	}
}

func TestBadVersion(t *testing.T) {
	err := release(context.Background(), `1.0 -X main.x="y"`, t.TempDir(), nil, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "may hold only") {
		t.Errorf("got %v; want the version refused", err)
	}
}

func TestNames(t *testing.T) {
	var names []string
	for _, tg := range targets() {
		names = append(names, tg.name())
	}
	want := "guide-windows-amd64.exe guide-windows-arm64.exe guide-darwin-arm64 guide-darwin-amd64 guide-linux-amd64 guide-linux-arm64"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got %s; want %s", got, want)
	}
}

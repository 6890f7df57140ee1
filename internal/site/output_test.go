package site

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// fullDisk is an Output whose disk fills up after a number of files.
type fullDisk struct {
	mu   sync.Mutex
	room int
}

func (f *fullDisk) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.room == 0 {
		return &fs.PathError{Op: "write", Path: "/tmp/out/" + name, Err: syscall.ENOSPC}
	}
	f.room--
	return nil
}

// TestFullDiskIsOneProblem builds a site onto a disk that fills up after
// two files: the build fails with one message that says the disk is full
// and how many files were lost, not one message per file.
func TestFullDiskIsOneProblem(t *testing.T) {
	root, _, _ := fixture(t, "testdata/golden/procedure.txtar")
	s, errs := Load(Options{Root: root})
	if s == nil {
		t.Fatal(errs.Err())
	}
	res, err := s.Build(context.Background(), &fullDisk{room: 2})
	if err == nil {
		t.Fatal("the build onto a full disk succeeded")
	}
	got := err.Error()
	if strings.Contains(got, "\n") || !strings.HasPrefix(got, "cannot write the site: ") ||
		!strings.Contains(got, " files could not be written, the first ") ||
		!strings.HasSuffix(got, ": the disk is full; free some space and build again") {
		t.Fatalf("the build reported:\n%s\nwant one line that says the disk is full and how many files were lost", got)
	}
	written := res.Static
	for _, n := range res.Pages {
		written += n
	}
	if written != 2 {
		t.Errorf("the result counts %d written files; want the 2 that fit", written)
	}
}

package site

import (
	"errors"
	"sync"
	"syscall"

	"guide/internal/diag"
	"guide/internal/messages"
)

// errNotWritten is what a writeLog returns for a failed write, which it
// reports itself.
var errNotWritten = errors.New("not written")

// writeLog passes a build's files on to its Output and reports the writes
// that failed as one problem: when the disk is full every write after the
// first fails too, and one message says more than hundreds.
type writeLog struct {
	out Output

	mu     sync.Mutex
	failed int
	first  string
	err    error
}

func (w *writeLog) WriteFile(name string, data []byte) error {
	err := w.out.WriteFile(name, data)
	if err == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failed == 0 {
		w.first, w.err = name, err
	}
	w.failed++
	return errNotWritten
}

// problems returns the one problem that says what could not be written,
// or nothing.
func (w *writeLog) problems() diag.List {
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs diag.List
	if w.failed == 0 {
		return nil
	}
	var cause any = w.err
	if errors.Is(w.err, syscall.ENOSPC) {
		cause = messages.Sprintf("the disk is full; free some space and build again")
	}
	if w.failed == 1 {
		errs.Add(diag.Pos{}, "cannot write the site: 1 file could not be written, %s: %v", w.first, cause)
	} else {
		errs.Add(diag.Pos{}, "cannot write the site: %d files could not be written, the first %s: %v", w.failed, w.first, cause)
	}
	return errs
}

// reportWrite adds the error of a write that failed other than through a
// writeLog, which reports its own.
func reportWrite(errs *diag.List, name string, err error) {
	if !errors.Is(err, errNotWritten) {
		errs.Add(diag.Pos{File: name}, "cannot write: %v", err)
	}
}

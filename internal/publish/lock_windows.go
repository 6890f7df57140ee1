//go:build windows

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"

	"guide/internal/messages"
)

// lockFile takes an exclusive lock on path. Windows releases it when the
// process exits, so a killed build never leaves a stale lock; the file
// itself stays, empty, in the state folder.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, messages.Errorf("cannot create the lock file %s: %v", path, err)
	}
	var ol windows.Overlapped
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, ErrLocked
		}
		return nil, messages.Errorf("cannot lock %s: %v", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File) {
	var ol windows.Overlapped
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
	f.Close()
}

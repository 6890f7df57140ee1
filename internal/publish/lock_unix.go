//go:build unix

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"

	"guide/internal/messages"
)

// lockFile takes an exclusive advisory lock on path. The kernel releases it
// when the process exits, so a killed build never leaves a stale lock.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, messages.Errorf("cannot create the lock file %s: %v", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, messages.Errorf("cannot lock %s: %v", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File) {
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	f.Close()
}

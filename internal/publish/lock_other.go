//go:build !unix && !windows

package publish

import (
	"os"

	"guide/internal/messages"
)

// lockFile creates the lock file exclusively. Unlike the Unix and Windows
// versions, a build killed on such a system leaves the file behind; delete
// it by hand.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if os.IsExist(err) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, messages.Errorf("cannot create the lock file %s: %v", path, err)
	}
	return f, nil
}

func unlockFile(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

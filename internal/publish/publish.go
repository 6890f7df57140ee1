// Package publish writes a build into a folder atomically.
//
// The office publishes whatever public/ holds, so a build never writes into
// it. It writes into a new hidden folder beside it (.public.tmp-*) and, only
// when the whole site is there, swaps the two folders in one step
// (renameat2 with RENAME_EXCHANGE on Linux; two renames elsewhere). A failed
// or interrupted build leaves public/ exactly as it was. A lock file beside
// public/ keeps two builds from swapping at once, and leftovers of builds
// that were killed are removed by the next one.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Dir is a build being written beside its destination folder.
type Dir struct {
	dest string
	tmp  string
	lock *os.File
	// made holds the folders already created in tmp, so that each is
	// created once however many files it holds.
	made sync.Map
}

// ErrLocked is returned by Begin when another build holds the lock.
var ErrLocked = errors.New("another guide build is writing this folder right now; wait for it to finish and try again")

// Begin prepares to build into dest: it checks that dest's parent folder
// exists and is writable, takes the lock, removes leftovers of killed builds
// and creates the temporary folder.
func Begin(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	st, err := os.Stat(parent)
	if err != nil {
		return nil, fmt.Errorf("cannot build into %s: the folder %s does not exist", dest, parent)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("cannot build into %s: %s is not a folder", dest, parent)
	}
	if st, err := os.Lstat(dest); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("cannot build into %s: it exists and is not a folder", dest)
	}
	lock, err := lockFile(filepath.Join(parent, "."+filepath.Base(dest)+".lock"))
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("cannot build into %s: %v", dest, err)
	}
	d := &Dir{dest: dest, lock: lock}
	d.removeLeftovers()
	d.tmp, err = os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		d.unlock()
		return nil, fmt.Errorf("cannot build into %s: %v", dest, err)
	}
	return d, nil
}

func (d *Dir) removeLeftovers() {
	pattern := filepath.Join(filepath.Dir(d.dest), "."+filepath.Base(d.dest)+".tmp-*")
	old, _ := filepath.Glob(pattern)
	for _, o := range old {
		os.RemoveAll(o)
	}
}

// Path returns the temporary folder being written.
func (d *Dir) Path() string { return d.tmp }

// WriteFile writes one file of the site; name is slash-separated and
// relative. It refuses names that would escape the folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	clean := filepath.FromSlash(name)
	if !filepath.IsLocal(clean) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if err := d.mkdirs(filepath.Dir(clean)); err != nil {
		return err
	}
	return writeFile(filepath.Join(d.tmp, clean), data)
}

// mkdirs creates the folder rel of the build and its parents, each once.
func (d *Dir) mkdirs(rel string) error {
	if rel == "." {
		return nil
	}
	if _, ok := d.made.Load(rel); ok {
		return nil
	}
	if err := d.mkdirs(filepath.Dir(rel)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(d.tmp, rel), 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	d.made.Store(rel, true)
	return nil
}

// Commit swaps the finished build in for the destination, removes the old
// site and releases the lock.
func (d *Dir) Commit() error {
	defer d.unlock()
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(d.dest); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return fmt.Errorf("cannot publish the build: %v", err)
		}
		return nil
	}
	if err := exchange(d.tmp, d.dest); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot publish the build: %v", err)
	}
	// d.tmp now holds the old site.
	return os.RemoveAll(d.tmp)
}

// Abort removes the unfinished build and releases the lock, leaving the
// destination untouched.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
	d.unlock()
}

func (d *Dir) unlock() {
	if d.lock != nil {
		unlockFile(d.lock)
		d.lock = nil
	}
}

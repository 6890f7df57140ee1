// Package publish writes a build into a folder atomically.
//
// The office publishes whatever public/ holds, so a build never writes into
// it. It writes into a hidden folder beside it (.public.tmp-*) and, only
// when the whole site is there, swaps the two folders in one step
// (renameat2 with RENAME_EXCHANGE on Linux; two renames elsewhere). A failed
// or interrupted build leaves public/ exactly as it was. A lock file beside
// public/ keeps two builds from swapping at once, and leftovers of builds
// that were killed are removed by the next one.
//
// The site a build replaces is kept beside public/ as .public.prev, and
// the next build writes into it instead of into a new folder: it
// overwrites the files it makes again, removes those it no longer makes,
// and creates only the new ones. Creating thousands of files and folders
// and deleting as many costs a file system far more than overwriting them
// (ext4 scans its recently freed inodes on every creation), so a rebuild
// of a large site spends a fraction of the time writing that a fresh one
// does. The price is a second copy of the site on disk.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is a build being written beside its destination folder.
type Dir struct {
	dest string
	tmp  string
	lock *os.File

	mu sync.Mutex
	// dirs holds the folders that exist in tmp, each true once the build
	// has put something in it; files holds the files found in a reused
	// site that the build has not written (yet).
	dirs  map[string]bool
	files map[string]bool
	// ready is closed when the inventory of a reused site is done, with
	// its error in err; it is nil for a new folder.
	ready chan struct{}
	err   error
}

// ErrLocked is returned by Begin when another build holds the lock.
var ErrLocked = errors.New("another guide build is writing this folder right now; wait for it to finish and try again")

// Begin prepares to build into dest: it checks that dest's parent folder
// exists and is writable, takes the lock, removes leftovers of killed builds
// and takes over the spare site, or creates a new temporary folder.
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
	lock, err := lockFile(beside(dest, ".lock"))
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("cannot build into %s: %v", dest, err)
	}
	d := &Dir{dest: dest, lock: lock, dirs: map[string]bool{".": true}, files: map[string]bool{}}
	d.removeLeftovers()
	if err := d.reuse(); err != nil {
		d.tmp, err = os.MkdirTemp(parent, "."+filepath.Base(dest)+".tmp-")
		if err != nil {
			d.unlock()
			return nil, fmt.Errorf("cannot build into %s: %v", dest, err)
		}
	}
	return d, nil
}

// beside names a hidden file or folder beside dest: beside("site/public",
// ".lock") is "site/.public.lock".
func beside(dest, suffix string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+suffix)
}

func (d *Dir) removeLeftovers() {
	old, _ := filepath.Glob(beside(d.dest, ".tmp-*"))
	for _, o := range old {
		os.RemoveAll(o)
	}
}

// spare is where the site that the last build replaced is kept.
func (d *Dir) spare() string { return beside(d.dest, ".prev") }

// reuse moves the spare site to a temporary name and takes stock of it:
// its folders and files, so that writing needs no test of what exists.
// Anything else in it (a link, a device) is removed. It fails when there
// is no usable spare.
func (d *Dir) reuse() error {
	spare := d.spare()
	st, err := os.Lstat(spare)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		os.Remove(spare)
		return errors.New("the spare is not a folder")
	}
	// The name matches the leftovers' pattern: if this build is killed,
	// the half-written folder is removed by the next.
	d.tmp = beside(d.dest, fmt.Sprintf(".tmp-prev%d", os.Getpid()))
	if err := os.Rename(spare, d.tmp); err != nil {
		return err
	}
	// The folder itself is set to 0755 when it is published; until then
	// nobody else needs to read it.
	if err := os.Chmod(d.tmp, 0o700); err != nil {
		os.RemoveAll(d.tmp)
		return err
	}
	// Taking stock of a large site takes a while; the build reads its
	// sources meanwhile, and the first write waits for it.
	d.ready = make(chan struct{})
	go func() {
		defer close(d.ready)
		d.err = d.inventory()
	}()
	return nil
}

// inventory records the folders and files of the reused site in d.tmp. If
// it cannot, it empties d.tmp, and the build starts from nothing.
func (d *Dir) inventory() error {
	err := filepath.WalkDir(d.tmp, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.tmp, p)
		switch {
		case e.IsDir():
			d.dirs[rel] = false
		case e.Type().IsRegular():
			d.files[rel] = true
		default:
			return os.Remove(p)
		}
		return nil
	})
	d.dirs["."] = true
	if err == nil {
		return nil
	}
	d.dirs, d.files = map[string]bool{".": true}, map[string]bool{}
	if err := os.RemoveAll(d.tmp); err != nil {
		return err
	}
	return os.Mkdir(d.tmp, 0o700)
}

// wait waits for the inventory of a reused site, and returns its error.
func (d *Dir) wait() error {
	if d.ready != nil {
		<-d.ready
	}
	return d.err
}

// WriteFile writes one file of the site; name is slash-separated and
// relative. It refuses names that would escape the folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	clean := filepath.FromSlash(name)
	if !filepath.IsLocal(clean) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if err := d.wait(); err != nil {
		return err
	}
	if err := d.mkdirs(filepath.Dir(clean)); err != nil {
		return err
	}
	d.mu.Lock()
	existed := d.files[clean]
	err := d.claimFile(clean)
	d.mu.Unlock()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(d.tmp, clean), data, existed)
}

// mkdirs makes sure the folder rel of the build and its parents exist,
// creating those that do not, and marks them as used. Folders are created
// without holding d.mu, so that the workers writing pages do not wait for
// one another's system calls; two creating the same folder is harmless.
func (d *Dir) mkdirs(rel string) error {
	d.mu.Lock()
	used, known := d.dirs[rel]
	d.mu.Unlock()
	if used {
		return nil
	}
	if err := d.mkdirs(filepath.Dir(rel)); err != nil {
		return err
	}
	full := filepath.Join(d.tmp, rel)
	if !known {
		d.mu.Lock()
		if d.files[rel] {
			// A file of the reused site where the build needs a
			// folder: replaced under the lock, which is rare.
			delete(d.files, rel)
			err := os.Remove(full)
			if err == nil {
				err = os.Mkdir(full, 0o755)
			}
			if err == nil {
				d.dirs[rel] = true
			}
			d.mu.Unlock()
			return err
		}
		d.mu.Unlock()
		if err := os.Mkdir(full, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
	}
	d.mu.Lock()
	d.dirs[rel] = true
	d.mu.Unlock()
	return nil
}

// claimFile marks the file rel as written by the build, removing a folder
// of the reused site that stands where it goes. d.mu is held.
func (d *Dir) claimFile(rel string) error {
	delete(d.files, rel)
	if _, ok := d.dirs[rel]; !ok {
		return nil
	}
	if err := os.RemoveAll(filepath.Join(d.tmp, rel)); err != nil {
		return err
	}
	prefix := rel + string(filepath.Separator)
	for p := range d.dirs {
		if p == rel || strings.HasPrefix(p, prefix) {
			delete(d.dirs, p)
		}
	}
	for p := range d.files {
		if strings.HasPrefix(p, prefix) {
			delete(d.files, p)
		}
	}
	return nil
}

// prune removes what the reused site held and this build did not write.
func (d *Dir) prune() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for p := range d.files {
		if err := os.Remove(filepath.Join(d.tmp, p)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	d.files = map[string]bool{}
	for p, used := range d.dirs {
		if !used {
			if err := os.RemoveAll(filepath.Join(d.tmp, p)); err != nil {
				return err
			}
			delete(d.dirs, p)
		}
	}
	return nil
}

// Commit swaps the finished build in for the destination, keeps the site
// it replaces as the spare for the next build, and releases the lock.
func (d *Dir) Commit() error {
	defer d.unlock()
	err := d.wait()
	if err == nil {
		err = d.prune()
	}
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot publish the build: %v", err)
	}
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
	d.keep()
	return nil
}

// Abort leaves the destination untouched and releases the lock. What the
// build wrote is kept as the spare, as good as any other for the next
// build to overwrite.
func (d *Dir) Abort() {
	if d.lock != nil {
		d.wait()
		d.keep()
	}
	d.unlock()
}

// keep makes the folder at d.tmp the spare, or removes it.
func (d *Dir) keep() {
	if err := os.Rename(d.tmp, d.spare()); err != nil {
		os.RemoveAll(d.tmp)
	}
}

func (d *Dir) unlock() {
	if d.lock != nil {
		unlockFile(d.lock)
		d.lock = nil
	}
}

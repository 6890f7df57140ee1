// Package publish writes a build into a folder atomically, and only into
// a folder that is guide's to write.
//
// The office publishes whatever public/ holds, so a build never writes into
// it. It writes the new site into a folder of its own and, only when the
// whole site is there, swaps the two in one step (renameat2 with
// RENAME_EXCHANGE on Linux; two renames elsewhere). A failed or interrupted
// build leaves public/ exactly as it was.
//
// # Whose folder
//
// A build writes only into a folder that does not exist yet, an empty one,
// or one that guide built before and that holds nothing else; anything
// else is refused with a message naming the folder. It never builds into,
// over or around the folders it reads its sources from (Begin's protect
// argument). Everything guide keeps for a destination lies in one hidden
// folder beside it, its state folder, ".public.guide" for "public":
//
//	README.txt   says what the folder is
//	lock         held while a build runs (two builds of one folder refuse)
//	manifest     the files and folders of the site now in public/, which
//	             is how the next build knows public/ is guide's
//	sums         the SHA-256 of each file of public/ (sums.go)
//	prev/        the site the last build replaced (the spare)
//	tmp-*/       a build in progress; removed by the next build if killed
//
// The next build writes into the spare instead of into a new folder: it
// overwrites the files it makes again, removes those it no longer makes and
// creates only the new ones, because creating and deleting thousands of
// files costs a file system far more than overwriting them. The spare only
// ever holds a site guide wrote, so that is all it deletes.
package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"guide/internal/messages"
)

// Dir is a build being written beside its destination folder.
type Dir struct {
	dest  string
	state string // the state folder: see the package comment
	tmp   string
	lock  *os.File

	mu sync.Mutex
	// dirs holds the folders that exist in tmp, each true once the build
	// has put something in it; files holds the files found in a reused
	// site that the build has not written (yet), and written those it
	// has.
	dirs    map[string]bool
	files   map[string]bool
	written map[string]bool
	// sums are the SHA-256 of the files written, for the sums file.
	sums map[string]Sum
	// failed is set when a write failed: what the build wrote is then
	// incomplete, and Abort removes it rather than keep it as the spare.
	failed bool
	// ready is closed when the inventory of a reused site is done, with
	// its error in err; it is nil for a new folder.
	ready chan struct{}
	err   error
}

// ErrLocked is returned by Begin when another build holds the lock.
var ErrLocked = messages.Errorf("another guide build is writing this folder right now; wait for it to finish and try again")

// readme is the text of README.txt in a state folder.
const readme = `This folder belongs to "guide build". It keeps, for the folder beside it
whose name it carries, the lock of a running build, the list of the files
guide published there, and the site the last build replaced, which the
next build writes over. It may be deleted when no build is running; the
next build then starts from nothing, and builds again only into an empty
or new folder.
`

// Begin prepares to build into dest. It refuses a dest that is, lies
// inside or contains one of the folders protect (the sources), and a dest
// that is not empty and not guide's (see the package comment). It takes
// the lock, removes leftovers of killed builds and takes over the spare
// site, or creates a new folder to build into.
func Begin(dest string, protect ...string) (*Dir, error) {
	// Messages name the folder as it was given; the checks use its
	// absolute path.
	shown := filepath.Clean(dest)
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, messages.Errorf("cannot build into %s: %v", shown, err)
	}
	if err := checkParent(shown, dest); err != nil {
		return nil, err
	}
	if err := checkProtected(shown, dest, protect); err != nil {
		return nil, err
	}
	state := stateDir(dest)
	if err := checkDest(shown, dest, state); err != nil {
		return nil, err
	}
	if err := makeState(state); err != nil {
		return nil, messages.Errorf("cannot build into %s: %v", shown, err)
	}
	lock, err := lockFile(filepath.Join(state, "lock"))
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	if err != nil {
		return nil, messages.Errorf("cannot build into %s: %v", shown, err)
	}
	d := &Dir{dest: dest, state: state, lock: lock, dirs: map[string]bool{".": true}, files: map[string]bool{}, written: map[string]bool{}, sums: map[string]Sum{}}
	d.removeLeftovers()
	if err := d.reuse(); err != nil {
		d.tmp, err = os.MkdirTemp(state, "tmp-")
		if err != nil {
			d.unlock()
			return nil, messages.Errorf("cannot build into %s: %v", shown, err)
		}
	}
	return d, nil
}

// stateDir names the state folder of dest: "site/.public.guide" for
// "site/public".
func stateDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".guide")
}

// checkParent checks that dest's parent folder exists; shown is dest as
// the messages name it.
func checkParent(shown, dest string) error {
	parent := filepath.Dir(dest)
	if parent == dest {
		return messages.Errorf("cannot build into %s: it is the root of the file system; build into a new or empty folder, such as public/", shown)
	}
	st, err := os.Stat(parent)
	if err != nil {
		return messages.Errorf("cannot build into %s: the folder %s does not exist", shown, filepath.Dir(shown))
	}
	if !st.IsDir() {
		return messages.Errorf("cannot build into %s: %s is not a folder", shown, filepath.Dir(shown))
	}
	return nil
}

// makeState creates the state folder, or checks that the one there is
// guide's.
func makeState(state string) error {
	st, err := os.Lstat(state)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(state, 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(state, "README.txt"), []byte(readme), 0o644)
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return messages.Errorf("%s is in the way: guide keeps its own files there, but it is not a folder; move it away", state)
	}
	if _, err := os.Stat(filepath.Join(state, "README.txt")); err != nil {
		return messages.Errorf("%s is in the way: guide keeps its own files there, but that folder is not guide's; move it away", state)
	}
	return nil
}

func (d *Dir) removeLeftovers() {
	old, _ := filepath.Glob(filepath.Join(d.state, "tmp-*"))
	for _, o := range old {
		os.RemoveAll(o)
	}
}

// spare is where the site that the last build replaced is kept.
func (d *Dir) spare() string { return filepath.Join(d.state, "prev") }

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
		return messages.Errorf("the spare is not a folder")
	}
	// The name matches the leftovers' pattern: if this build is killed,
	// the half-written folder is removed by the next.
	d.tmp = filepath.Join(d.state, fmt.Sprintf("tmp-prev%d", os.Getpid()))
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
	return d.WriteSummed(name, data, sha256.Sum256(data))
}

// WriteSummed is WriteFile for a caller that has the file's SHA-256
// already (the publish preview), which the folder records for the next
// build's preview instead of hashing the file again.
func (d *Dir) WriteSummed(name string, data []byte, sum Sum) error {
	clean := filepath.FromSlash(name)
	if !filepath.IsLocal(clean) {
		return messages.Errorf("refusing to write %q outside the output folder", name)
	}
	if err := d.wait(); err != nil {
		return err
	}
	err := d.mkdirs(filepath.Dir(clean))
	if err == nil {
		d.mu.Lock()
		existed := d.files[clean]
		err = d.claimFile(clean)
		d.mu.Unlock()
		if err == nil {
			err = writeFile(filepath.Join(d.tmp, clean), data, existed)
		}
		if err == nil {
			d.noteSum(clean, sum)
		}
	}
	if err != nil {
		d.mu.Lock()
		d.failed = true
		d.mu.Unlock()
	}
	return err
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
	d.written[rel] = true
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
	if err == nil {
		// The manifest of the new site is written before the swap, so
		// that a build killed right after it still finds public/ listed.
		err = d.writeManifest(manifestNext)
	}
	if err == nil {
		err = d.writeSums(sumsNext)
	}
	if err == nil {
		err = os.Remove(filepath.Join(d.state, sumsName))
		if errors.Is(err, os.ErrNotExist) {
			err = nil
		}
	}
	if err == nil {
		err = os.Chmod(d.tmp, 0o755)
	}
	if err != nil {
		os.RemoveAll(d.tmp)
		return messages.Errorf("cannot publish the build into %s: %v", d.dest, err)
	}
	_, err = os.Lstat(d.dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		err = os.Rename(d.tmp, d.dest)
	case err == nil:
		err = exchange(d.tmp, d.dest)
	}
	if err != nil {
		os.RemoveAll(d.tmp)
		return messages.Errorf("cannot publish the build into %s: %v", d.dest, err)
	}
	// The new site is published: its manifest becomes the manifest, and
	// d.tmp, which now holds the old site if there was one, the spare.
	os.Rename(filepath.Join(d.state, manifestNext), filepath.Join(d.state, manifestName))
	os.Rename(filepath.Join(d.state, sumsNext), filepath.Join(d.state, sumsName))
	d.keep()
	return nil
}

// Abort leaves the destination untouched and releases the lock. What the
// build wrote is kept as the spare, as good as any other for the next
// build to overwrite, unless a write failed (a full disk): then it is
// removed, so that a failed build does not keep the disk full.
func (d *Dir) Abort() {
	if d.lock != nil {
		d.wait()
		d.mu.Lock()
		failed := d.failed
		d.mu.Unlock()
		if failed {
			os.RemoveAll(d.tmp)
		} else {
			d.keep()
		}
	}
	d.unlock()
}

// keep makes the folder at d.tmp the spare, or removes it.
func (d *Dir) keep() {
	if _, err := os.Lstat(d.tmp); err != nil {
		return
	}
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

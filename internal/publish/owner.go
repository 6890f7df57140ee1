package publish

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"guide/internal/messages"
)

// The manifest lists, one slash-separated path a line, the files and
// folders of the site guide last published into the destination. A build
// writes the next site's list as manifestNext before the swap and renames
// it after, so that a build killed in between leaves a list that covers
// whichever site the destination then holds.
const (
	manifestName = "manifest"
	manifestNext = "manifest.next"
)

// checkProtected refuses a dest that is one of the folders protect, lies
// inside one or contains one. Folders are compared with os.SameFile, so
// that links and letter case on case-insensitive file systems do not hide
// a match.
func checkProtected(shown, dest string, protect []string) error {
	for _, p := range protect {
		pst, err := os.Stat(p)
		if err != nil {
			continue
		}
		if a := existingAncestor(dest, pst); a != "" {
			if a == dest {
				return messages.Errorf("cannot build into %s: it is the folder %s, which holds the guide's sources; build into a new or empty folder, such as public/", shown, p)
			}
			return messages.Errorf("cannot build into %s: it is inside %s, which holds the guide's sources; build into a folder outside content/, layouts/ and static/, such as public/", shown, p)
		}
		if dst, err := os.Stat(dest); err == nil {
			if existingAncestor(mustAbs(p), dst) != "" {
				return messages.Errorf("cannot build into %s: it contains %s, which holds the guide's sources, and publishing replaces the whole folder; build into a new or empty folder, such as public/", shown, p)
			}
		}
	}
	return nil
}

// existingAncestor returns the first of path and its parent folders that
// is the same file as target, or "".
func existingAncestor(path string, target fs.FileInfo) string {
	for p := path; ; p = filepath.Dir(p) {
		if st, err := os.Stat(p); err == nil && os.SameFile(st, target) {
			return p
		}
		if filepath.Dir(p) == p {
			return ""
		}
	}
}

func mustAbs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// checkDest refuses a dest that is not a folder guide may write: one that
// does not exist, an empty folder, or a folder that holds only what the
// manifests in the state folder list.
func checkDest(shown, dest, state string) error {
	st, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return messages.Errorf("cannot build into %s: %v", shown, err)
	}
	switch {
	case st.Mode()&fs.ModeSymlink != 0:
		return messages.Errorf("cannot build into %s: it is a symbolic link, which publishing would replace; give the folder it points to with -out, or build into a new folder", shown)
	case !st.IsDir():
		return messages.Errorf("cannot build into %s: it exists and is not a folder", shown)
	}
	listed, marked := readManifests(state)
	var foreign []string
	err = filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dest {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		if !listed[filepath.ToSlash(rel)] {
			foreign = append(foreign, filepath.ToSlash(rel))
			if e.IsDir() {
				return fs.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		return messages.Errorf("cannot build into %s: %v", shown, err)
	}
	if len(foreign) == 0 {
		return nil
	}
	if !marked {
		return messages.Errorf("cannot build into %s: the folder is not empty (it holds %s) and guide did not build it; guide builds only into a new folder, an empty one, or one it built before, because publishing replaces the whole folder. Choose another folder with -out, or empty this one first", shown, sample(foreign))
	}
	return messages.Errorf("cannot build into %s: it holds %s, which guide did not write there, and publishing replaces the whole folder; move them out of %s and build again", shown, sample(foreign), shown)
}

// sample names up to three paths, and how many more there are.
func sample(paths []string) messages.Text {
	sort.Strings(paths)
	n := min(3, len(paths))
	s := strings.Join(paths[:n], ", ")
	if len(paths) > n {
		return messages.Sprintf("%s and %d more", s, len(paths)-n)
	}
	return messages.Sprintf("%s", s)
}

// readManifests returns the paths the state folder's manifests list, and
// whether there is a manifest at all.
func readManifests(state string) (map[string]bool, bool) {
	listed := map[string]bool{}
	marked := false
	for _, name := range []string{manifestName, manifestNext} {
		data, err := os.ReadFile(filepath.Join(state, name))
		if err != nil {
			continue
		}
		marked = true
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			listed[sc.Text()] = true
		}
	}
	return listed, marked
}

// writeManifest lists the files and folders of the build in the state
// folder's file name.
func (d *Dir) writeManifest(name string) error {
	d.mu.Lock()
	paths := make([]string, 0, len(d.dirs)+len(d.written))
	for p := range d.dirs {
		if p != "." {
			paths = append(paths, filepath.ToSlash(p))
		}
	}
	for p := range d.written {
		paths = append(paths, filepath.ToSlash(p))
	}
	d.mu.Unlock()
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(d.state, name), b.Bytes(), 0o644)
}

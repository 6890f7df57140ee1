package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The sums file gives the SHA-256 of every file of the site guide last
// published into the destination, in the format of sha256sum (the sum in
// hexadecimal, two spaces, the slash-separated path), so that
// "sha256sum -c ../.public.guide/sums" run in public/ checks it. The
// preview of the next build compares its files with these sums instead of
// reading the published files (Sums); it trusts that public/ holds what
// guide wrote there, as publishing does, so a file edited by hand in
// public/ since is not seen as such. A build writes the next site's sums
// as sumsNext and removes the old sums before the swap, and renames
// sumsNext after it: a build killed in between leaves no sums, and the next
// preview reads the published files.
const (
	sumsName = "sums"
	sumsNext = "sums.next"
)

// Sum is the SHA-256 of a file.
type Sum = [sha256.Size]byte

// noteSum records the sum of the file rel that the build wrote.
func (d *Dir) noteSum(rel string, sum Sum) {
	d.mu.Lock()
	d.sums[rel] = sum
	d.mu.Unlock()
}

// writeSums writes the sums of the files of the build in the state
// folder's file name, sorted by path. A file whose write failed has no
// sum; the next preview reads it.
func (d *Dir) writeSums(name string) error {
	d.mu.Lock()
	paths := make([]string, 0, len(d.sums))
	for p := range d.written {
		if _, ok := d.sums[p]; ok {
			paths = append(paths, filepath.ToSlash(p))
		}
	}
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		sum := d.sums[filepath.FromSlash(p)]
		b.WriteString(hex.EncodeToString(sum[:]))
		b.WriteString("  ")
		b.WriteString(p)
		b.WriteByte('\n')
	}
	d.mu.Unlock()
	return os.WriteFile(filepath.Join(d.state, name), b.Bytes(), 0o644)
}

// Sums returns the SHA-256 of each file of the site guide last published
// into dest, by slash-separated path, as its sums file gives them; nil when
// dest is not a folder (it was moved or deleted, and the sums describe
// nothing), when there is no sums file (a folder guide has not published
// into since it began writing sums, or a build was killed during its
// swap), or when a line cannot be read.
func Sums(dest string) map[string]Sum {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil
	}
	if st, err := os.Lstat(abs); err != nil || !st.IsDir() {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(stateDir(abs), sumsName))
	if err != nil {
		return nil
	}
	sums := map[string]Sum{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		h, p, ok := strings.Cut(sc.Text(), "  ")
		var sum Sum
		if n, err := hex.Decode(sum[:], []byte(h)); !ok || err != nil || n != len(sum) || p == "" {
			return nil
		}
		sums[p] = sum
	}
	if sc.Err() != nil {
		return nil
	}
	return sums
}

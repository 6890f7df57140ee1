package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// A published build leaves the SHA-256 of each of its files, in
// sha256sum's format; an aborted build leaves the sums of the site it did
// not replace; a folder moved away, or a sums file that cannot be read,
// gives no sums.
func TestSums(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if got := Sums(dest); got != nil {
		t.Fatalf("Sums before any build = %v; want nil", got)
	}
	sumsOf := func(files map[string]string) map[string]Sum {
		out := map[string]Sum{}
		for name, data := range files {
			out[name] = sha256.Sum256([]byte(data))
		}
		return out
	}
	first := map[string]string{"a/index.html": "one", "css/site.css": "p{}"}
	second := map[string]string{"b/index.html": "two"}
	for _, step := range []struct {
		files  map[string]string
		commit bool
		want   map[string]string
	}{
		{first, true, first},
		{second, false, first},
		{second, true, second},
	} {
		if step.commit {
			build(t, dest, step.files)
		} else {
			begin(t, dest, step.files).Abort()
		}
		if got, want := Sums(dest), sumsOf(step.want); !maps.Equal(got, want) {
			t.Errorf("after building %v (commit %v), Sums = %x; want %x", step.files, step.commit, got, want)
		}
	}
	sum := sha256.Sum256([]byte("two"))
	file := filepath.Join(filepath.Dir(dest), ".public.guide", "sums")
	if got, _ := os.ReadFile(file); string(got) != hex.EncodeToString(sum[:])+"  b/index.html\n" {
		t.Errorf("the sums file holds %q; want sha256sum's line for b/index.html", got)
	}
	aside := dest + ".aside"
	os.Rename(dest, aside)
	if got := Sums(dest); got != nil {
		t.Errorf("Sums of a folder moved away = %v; want nil", got)
	}
	os.Rename(aside, dest)
	os.WriteFile(file, []byte("not a sum  b/index.html\n"), 0o644)
	if got := Sums(dest); got != nil {
		t.Errorf("Sums of a broken sums file = %v; want nil", got)
	}
}

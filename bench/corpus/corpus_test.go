package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestPyRandom checks the generator against numbers Python 3.11 drew:
//
//	r = random.Random("42-page-0")
//	r.random(), r.randint(430, 880), r.sample(range(16), 4), r.randrange(1 << 16)
//	x = list(range(10)); r.shuffle(x)
func TestPyRandom(t *testing.T) {
	r := newPyRandom("42-page-0")
	if got, want := strconv.FormatFloat(r.random(), 'g', -1, 64), "0.8024322510122015"; got != want {
		t.Errorf("random() = %s; want %s", got, want)
	}
	if got := r.intn(430, 880); got != 508 {
		t.Errorf("randint(430, 880) = %d; want 508", got)
	}
	if got, want := r.sample(16, 4), []int{10, 3, 13, 6}; !equal(got, want) {
		t.Errorf("sample(range(16), 4) = %v; want %v", got, want)
	}
	if got := r.below(1 << 16); got != 23237 {
		t.Errorf("randrange(1 << 16) = %d; want 23237", got)
	}
	x := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	if r.shuffle(x); !equal(x, []int{4, 9, 0, 6, 8, 1, 3, 2, 7, 5}) {
		t.Errorf("shuffle = %v; want [4 9 0 6 8 1 3 2 7 5]", x)
	}
	if got, want := strconv.FormatFloat(newPyRandom("").random(), 'g', -1, 64), "0.9602256525641875"; got != want {
		t.Errorf(`Random("").random() = %s; want %s`, got, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGenerateSameAsPython checks that the corpus of 10 pages per language
// is the one gencorpus.py wrote (python3 gencorpus.py -n 10): the digest
// below is the SHA-256 of that script's files, each as its path, a NUL and
// its bytes, in the order of filepath.WalkDir.
func TestGenerateSameAsPython(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, 10, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != 2*len(sections)+2*10 {
		t.Errorf("wrote %d files; want %d", st.Files, 2*len(sections)+2*10)
	}
	h := sha256.New()
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hex.EncodeToString(h.Sum(nil)), pythonDigest10; got != want {
		t.Errorf("digest of the corpus %s; want %s", got, want)
	}
}

const pythonDigest10 = "134c2c1f4e93c3cdbea34042be4912d5c1081ce188586c6aecd27926e7e14352"

// TestQuote checks the YAML scalars against Python's json.dumps with
// ensure_ascii=False.
func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`办理 "x"`:   `"办理 \"x\""`,
		`a\b`:      `"a\\b"`,
		"a\nb\x01": `"a\nb\u0001"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s; want %s", in, got, want)
		}
	}
}

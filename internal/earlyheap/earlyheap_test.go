package earlyheap

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeapFor checks the heap a build reserves in huge pages: floor for a
// small site such as the guide (no more is mapped than it needs), enough
// for the 10,000-page benchmark corpus, whose build peaks at about 330 MiB,
// and never more than 512 MiB.
func TestHeapFor(t *testing.T) {
	if got := heapFor(40); got < floor || got > floor+4<<20 {
		t.Errorf("heapFor(40) = %d MiB, want about %d MiB: the guide's build stays under the collection floor", got>>20, floor>>20)
	}
	if got := heapFor(10_019); got < 330<<20 {
		t.Errorf("heapFor(10019) = %d MiB, want at least 330 MiB, the peak heap of the 5,000-page corpus", got>>20)
	}
	if got := heapFor(1_000_000); got != 512<<20 {
		t.Errorf("heapFor(1000000) = %d MiB, want the 512 MiB cap", got>>20)
	}
	for files := 0; files < 20_000; files += 97 {
		if heapFor(files+97) < heapFor(files) {
			t.Fatalf("heapFor(%d) < heapFor(%d): a larger site must not get less", files+97, files)
		}
	}
}

// TestInitializedBeforeTheLibraries builds the guide command and checks,
// with GODEBUG=inittrace=1, that earlyheap is initialized before the
// libraries that allocate at initialization: an import added to earlyheap,
// hugeheap or lategc could make it wait for them (runtime/debug or strings
// would), and their memory would be in small pages again (5 ms of the
// guide's build for yaml.v3, regexp, encoding/xml and the like; 9 ms more
// for goldmark and minify).
func TestInitializedBeforeTheLibraries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "guide")
	build := exec.Command("go", "build", "-o", bin, "guide/cmd/guide")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("guide help: %v\n%s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	self, ok := order["guide/internal/earlyheap"]
	if !ok {
		t.Fatalf("earlyheap is not initialized at all:\n%s", out)
	}
	for _, lib := range []string{
		"go.yaml.in/yaml/v3",
		"regexp",
		"encoding/xml",
		"guide/internal/content",
		"github.com/yuin/goldmark/util",
		"github.com/yuin/goldmark/parser",
		"github.com/yuin/goldmark/extension",
		"github.com/tdewolff/minify/v2/html",
	} {
		i, ok := order[lib]
		if !ok {
			t.Errorf("%s is not initialized: update this test's list", lib)
		} else if i < self {
			t.Errorf("%s is initialized before earlyheap: its allocations miss the huge pages", lib)
		}
	}
}

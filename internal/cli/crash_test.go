package cli

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"guide/internal/filetree"
	"guide/internal/publish"
)

// TestMain lets the tests run the command in a child process: with
// GUIDE_TEST_MAIN set, the test binary is the guide command, its arguments
// separated by newlines in that variable.
func TestMain(m *testing.M) {
	if args := os.Getenv("GUIDE_TEST_MAIN"); args != "" {
		os.Exit(Main(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// command returns the guide command as a child process.
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GUIDE_TEST_MAIN="+strings.Join(args, "\n"))
	return cmd
}

// treeHash sums every file name and content under dir; "" when dir does
// not exist.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return ""
	}
	files := filetree.MustRead(t, dir)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00%s", n, len(files[n]), files[n])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// bigSite adds pages to a test site, labelled with version, so that a
// build takes long enough to be killed while it writes.
func bigSite(t *testing.T, dir, version string) {
	t.Helper()
	var zh, en strings.Builder
	zh.WriteString("---\ntitle: 首页 " + version + "\nsummary: 摘要。\n---\n")
	en.WriteString("---\ntitle: Home " + version + "\nsummary: Summary.\n---\n")
	for i := range 120 {
		write(t, filepath.Join(dir, fmt.Sprintf("content/p/%03d.zh.md", i)), fmt.Sprintf("---\ntitle: 第 %d 页 %s\nsummary: 摘要。\n---\n%s\n", i, version, strings.Repeat("正文内容。", 200)))
		write(t, filepath.Join(dir, fmt.Sprintf("content/p/%03d.en.md", i)), fmt.Sprintf("---\ntitle: Page %d %s\nsummary: Summary.\n---\n%s\n", i, version, strings.Repeat("Body text. ", 200)))
	}
	write(t, filepath.Join(dir, "content/_index.zh.md"), zh.String())
	write(t, filepath.Join(dir, "content/_index.en.md"), en.String())
}

// TestKilledBuildLeavesOldOrNew kills builds with SIGKILL at random moments
// and checks that public/ is then, every time, either the whole old site or
// the whole new one, and that the next build succeeds and cleans up.
func TestKilledBuildLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds; skipped in -short")
	}
	dir := newSite(t)
	pub := filepath.Join(dir, "public")
	build := func() {
		t.Helper()
		if out, err := command("build", "-src", dir).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	bigSite(t, dir, "v2")
	start := time.Now()
	build()
	took := time.Since(start)
	newHash := treeHash(t, pub)
	bigSite(t, dir, "v1")
	build()
	oldHash := treeHash(t, pub)
	if oldHash == newHash {
		t.Fatal("the two versions build the same site")
	}

	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := range 8 {
		bigSite(t, dir, "v2")
		cmd := command("build", "-src", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(took) * 6 / 5))
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch treeHash(t, pub) {
		case oldHash:
			outcomes["old"]++
		case newHash:
			outcomes["new"]++
		default:
			t.Fatalf("run %d, killed after %v: public/ is neither the old site nor the new one", i, delay)
		}
		// Put the old site back for the next run.
		bigSite(t, dir, "v1")
		build()
		if treeHash(t, pub) != oldHash {
			t.Fatalf("run %d: the build after a killed one did not produce the site", i)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".public.guide", "tmp-*")); len(left) > 0 {
			t.Fatalf("run %d: a build after a killed one left %v", i, left)
		}
	}
	t.Logf("killed 8 builds (a build takes %v): public/ was the old site %d times, the new one %d times", took, outcomes["old"], outcomes["new"])
}

// TestConcurrentBuildIsRefused checks that a second build of the same
// public/ stops with a clear message while the first holds the lock.
func TestConcurrentBuildIsRefused(t *testing.T) {
	dir := newSite(t)
	first, err := publish.Begin(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	code, _, stderr := run("build", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "another guide build is writing this folder right now") {
		t.Fatalf("exit %d, stderr %q; want 1 and the lock explained", code, stderr)
	}
}

// TestUnwritableOutput checks that an output folder that cannot be
// created fails before any work, with the folder named. /sys refuses new
// folders even to root, which tests in CI run as.
func TestUnwritableOutput(t *testing.T) {
	if _, err := os.Stat("/sys/kernel"); err != nil {
		t.Skip("no /sys on this system")
	}
	dir := newSite(t)
	code, _, stderr := run("build", "-src", dir, "-out", "/sys/kernel/guide-public")
	if code != 1 || !strings.Contains(stderr, "cannot build into /sys/kernel/guide-public") {
		t.Fatalf("exit %d, stderr %q; want 1 and the folder named", code, stderr)
	}
	if _, err := os.Stat("/sys/kernel/guide-public"); err == nil {
		t.Fatal("the folder was created")
	}
}

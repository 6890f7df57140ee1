// Command compare-hugo measures guide against Hugo on the same content, on
// the same machine, in the same run.
//
// For each size it generates the benchmark corpus with
// ../shared/bench/gencorpus.py (N pages per language), lays it out once as a
// guide site (the repository's layouts, static files and site settings) and
// once as a Hugo site (bench/hugo: a minimal bilingual layout that renders
// the same things: title, steps with their metadata, body, language
// switcher), then builds both alternately, several times, with minification,
// going through all the sizes in each round, and prints the median wall
// time, the peak memory (RSS) and the output size of each, with the ratios
// guide/Hugo, and guide's time per page, with its ratio to the smaller
// size's. It also times whole builds of the repository's own guide.
//
// Each size is measured two ways. "fresh": every build starts with no
// output folder (for guide, not its spare either), so that every file and
// folder is created anew; the previous outputs are set aside, and deleted
// when all is measured (see setAside). "rebuild": every build writes over
// the output of the build before it, as an editor's builds do; Hugo
// overwrites its files in place, guide writes over the site it replaced
// last time (see package internal/publish). Before each build the files the
// builds before it wrote are flushed to disk, untimed (see measure).
//
// Run it from the repository's root:
//
//	go run ./cmd/compare-hugo                      # sizes 100, 1000, 5000
//	go run ./cmd/compare-hugo -sizes 1000 -runs 3
//
// Hugo is Debian's package; when it is missing the command installs it with
// apt-get (as root), without recommended packages, which would pull in
// Debian's own Go.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"guide/internal/benchcorpus"
)

func main() {
	sizes := flag.String("sizes", "100,1000,5000", "comma-separated corpus sizes, in pages per language")
	runs := flag.Int("runs", 5, "builds of each generator per size")
	keep := flag.Bool("keep", false, "keep the generated sites (their folder is printed)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *sizes, *runs, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "compare-hugo:", err)
		os.Exit(1)
	}
}

// result is one build's measurements.
type result struct {
	wall  time.Duration
	rssKB int64
	bytes int64
}

func run(ctx context.Context, sizeList string, runs int, keep bool) error {
	if _, err := os.Stat("content/site.yaml"); err != nil {
		return errors.New("run me from the repository's root (content/site.yaml not found)")
	}
	if _, err := os.Stat(benchcorpus.Generator); err != nil {
		return fmt.Errorf("corpus generator: %v", err)
	}
	if err := ensureHugo(ctx); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "compare-hugo-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("sites in", work)
	} else {
		defer os.RemoveAll(work)
	}
	guide := filepath.Join(work, "guide")
	// Built as a release would be: without cgo, which guide does not
	// need (it only links the C library for the network's name lookups),
	// so the binary starts without the dynamic loader.
	compile := exec.CommandContext(ctx, "go", "build", "-o", guide, "./cmd/guide")
	compile.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := compile.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	hugoVersion, _ := exec.CommandContext(ctx, "hugo", "version").Output()
	fmt.Printf("%s; %d runs each, alternating; medians; N pages per language, ratios guide/Hugo\n\n", strings.TrimSpace(string(hugoVersion)), runs)

	// The repository's own guide, start to exit: 40 ms, so more runs, after
	// one untimed build that reads the new binary and the guide's files
	// into memory as any build after the first finds them.
	out := filepath.Join(work, "own-public")
	if _, err := measure(ctx, out, guide, "build", "-src", ".", "-out", out); err != nil {
		return err
	}
	setAside(work, out)
	for _, fresh := range []bool{true, false} {
		var own []result
		for range max(runs, 21) {
			if fresh {
				setAside(work, out)
			}
			r, err := measure(ctx, out, guide, "build", "-src", ".", "-out", out)
			if err != nil {
				return err
			}
			own = append(own, r)
		}
		lo, hi := own[0].wall, own[0].wall
		for _, r := range own {
			lo, hi = min(lo, r.wall), max(hi, r.wall)
		}
		fmt.Printf("the real guide, %-7s: guide build in %s (median of %d; %s to %s), peak RSS %d MB\n", mode(fresh), median(own).wall.Round(100*time.Microsecond), len(own), lo.Round(100*time.Microsecond), hi.Round(100*time.Microsecond), median(own).rssKB>>10)
		setAside(work, out)
	}
	fmt.Println()

	// All sizes are laid out first, and each round of builds goes through
	// all of them: the machine's speed drifts by a quarter over minutes
	// here, and measured one size after the other, the drift between the
	// sizes' blocks went into the time per page compared across sizes.
	type size struct {
		n      int
		builds [2]build // guide's, Hugo's
	}
	var sizes []size
	for _, field := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return fmt.Errorf("bad size %q", field)
		}
		gsite, hsite, err := prepare(work, n)
		if err != nil {
			return err
		}
		gout, hout := filepath.Join(work, fmt.Sprintf("gout%d", n)), filepath.Join(work, fmt.Sprintf("hout%d", n))
		sizes = append(sizes, size{n, [2]build{
			{gout, []string{guide, "build", "-src", gsite, "-out", gout}},
			{hout, []string{"hugo", "--minify", "--quiet", "-s", hsite, "-d", hout}},
		}})
	}
	fmt.Printf("%7s %-7s | %-9s %9s %9s | %-9s %9s %9s | %6s %6s | %s\n", "N", "", "guide", "RSS", "output", "Hugo", "RSS", "output", "time", "memory", "guide µs/page (× smaller N's)")
	for _, fresh := range []bool{true, false} {
		for _, sz := range sizes {
			for _, b := range sz.builds {
				setAside(work, b.out)
				if !fresh {
					// The first build of each makes the output that
					// the timed ones write over.
					if _, err := measure(ctx, b.out, b.cmd[0], b.cmd[1:]...); err != nil {
						return err
					}
				}
			}
		}
		results := make([][2][]result, len(sizes))
		for i := range runs {
			for _, k := range rotated(len(sizes), i) {
				// Alternate which goes first, so that neither always runs
				// on a machine warmed (or loaded) by the other.
				order := []int{0, 1}
				if i%2 == 1 {
					order = []int{1, 0}
				}
				for _, j := range order {
					b := sizes[k].builds[j]
					if fresh {
						setAside(work, b.out)
					}
					r, err := measure(ctx, b.out, b.cmd[0], b.cmd[1:]...)
					if err != nil {
						return err
					}
					results[k][j] = append(results[k][j], r)
				}
			}
		}
		var perPage float64
		for k, sz := range sizes {
			mg, mh := median(results[k][0]), median(results[k][1])
			us := float64(mg.wall.Microseconds()) / float64(2*sz.n)
			scaling := ""
			if k > 0 {
				scaling = fmt.Sprintf(" (%.2f)", us/perPage)
			}
			perPage = us
			fmt.Printf("%7d %-7s | %-9s %6d MB %6.1f MB | %-9s %6d MB %6.1f MB | %6.2f %6.2f | %.0f%s\n",
				sz.n, mode(fresh), mg.wall.Round(time.Millisecond), mg.rssKB>>10, float64(mg.bytes)/(1<<20),
				mh.wall.Round(time.Millisecond), mh.rssKB>>10, float64(mh.bytes)/(1<<20),
				float64(mg.wall)/float64(mh.wall), float64(mg.rssKB)/float64(mh.rssKB), us, scaling)
		}
	}
	return nil
}

// build is one generator's command for one size, and the folder it writes.
type build struct {
	out string
	cmd []string
}

// rotated returns the indexes 0 to n-1 starting at round%n, so that each
// size in turn is built first in a round.
func rotated(n, round int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = (round + i) % n
	}
	return order
}

func mode(fresh bool) string {
	if fresh {
		return "fresh"
	}
	return "rebuild"
}

// setAside moves an output folder, with what guide keeps beside it (its
// spare and lock), out of the way into work/set-aside, so that the next
// build starts from nothing. They are deleted with work, when all is
// measured: ext4 creates files markedly more slowly for some seconds after
// many were deleted, which would time the benchmark's cleaning, not the
// build.
func setAside(work, out string) {
	dir := filepath.Join(work, "set-aside")
	os.MkdirAll(dir, 0o755)
	entries, _ := os.ReadDir(dir)
	n := len(entries)
	names, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*"))
	for _, p := range append(names, out) {
		n++
		os.Rename(p, filepath.Join(dir, fmt.Sprint(n)))
	}
}

// ensureHugo installs Debian's hugo when it is not on PATH.
func ensureHugo(ctx context.Context) error {
	if _, err := exec.LookPath("hugo"); err == nil {
		return nil
	}
	fmt.Println("hugo is missing: installing Debian's package")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "--no-install-recommends", "hugo"}} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %v", strings.Join(args, " "), err)
		}
	}
	return nil
}

// prepare lays out the corpus of n pages per language as a guide site
// (package benchcorpus) and as a Hugo site with the same content.
func prepare(work string, n int) (gsite, hsite string, err error) {
	base := filepath.Join(work, fmt.Sprint(n))
	gsite, hsite = filepath.Join(base, "guide"), filepath.Join(base, "hugo")
	if err := benchcorpus.Site(".", gsite, n); err != nil {
		return "", "", err
	}
	for _, c := range [][2]string{
		{filepath.Join(gsite, "content"), hsite + "/content"},
		{"bench/hugo", hsite},
		{"static", hsite + "/static"},
	} {
		if err := copyDir(c[0], c[1]); err != nil {
			return "", "", err
		}
	}
	// Hugo's settings are in bench/hugo; guide's would be a stray file.
	return gsite, hsite, os.Remove(filepath.Join(hsite, "content", "site.yaml"))
}

// copyDir copies a file or a folder tree.
func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

// measure runs a command and returns its wall time, its peak RSS and the
// size of the folder it wrote. It first waits, untimed, for the system to
// write to disk what the builds before wrote: otherwise each build would
// be slowed by its predecessor's writeback, by an amount that depends on
// which tool ran before it and how much it wrote.
func measure(ctx context.Context, out string, name string, args ...string) (result, error) {
	syscall.Sync()
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	r := result{wall: wall, bytes: dirSize(out)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rssKB = ru.Maxrss
	}
	return r, nil
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// median returns the run with the median wall time, with the median peak
// memory of all runs.
func median(rs []result) result {
	byWall := slices.Clone(rs)
	slices.SortFunc(byWall, func(a, b result) int { return int(a.wall - b.wall) })
	m := byWall[len(byWall)/2]
	rss := make([]int64, len(rs))
	for i, r := range rs {
		rss[i] = r.rssKB
	}
	slices.Sort(rss)
	m.rssKB = rss[len(rss)/2]
	return m
}

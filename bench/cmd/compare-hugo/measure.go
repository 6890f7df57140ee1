package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"guide/bench/corpus"
)

// result is one build's measurements.
type result struct {
	wall  time.Duration
	rssKB int64
	bytes int64
}

// The two kinds of build, as indexes.
const (
	fresh = iota
	rebuild
)

var kindNames = [2]string{"fresh", "rebuild"}

// ownRuns is how many times the repository's own guide, which builds in
// tens of milliseconds, is built at least per kind and guide.
const ownRuns = 21

// measureOwn times builds of the repository's own guide by each guide:
// own[g][kind] are guide g's builds. Each guide first builds it once,
// untimed, which reads the binary and the sources into memory as any
// build after the first finds them.
func measureOwn(ctx context.Context, work string, guides []tool, runs int) ([][2][]result, error) {
	own := make([][2][]result, len(guides))
	outs := make([]string, len(guides))
	for j, g := range guides {
		outs[j] = filepath.Join(work, "own-"+g.name)
	}
	for kind := range 2 {
		for j, g := range guides {
			setAside(work, outs[j])
			if _, err := measure(ctx, outs[j], g.path, "build", "-src", g.src, "-out", outs[j]); err != nil {
				return nil, err
			}
		}
		for i := range max(runs, ownRuns) {
			for _, j := range rotated(len(guides), i) {
				if kind == fresh {
					setAside(work, outs[j])
				}
				r, err := measure(ctx, outs[j], guides[j].path, "build", "-src", guides[j].src, "-out", outs[j])
				if err != nil {
					return nil, err
				}
				own[j][kind] = append(own[j][kind], r)
			}
		}
	}
	return own, nil
}

// size is the measurements of one size of corpus.
type size struct {
	n int
	// builds are each tool's command, the guides' first and Hugo's last,
	// and out the folders they write.
	builds [][]string
	outs   []string
	// runs[kind][tool] are the builds measured.
	runs [2][][]result
}

// measureSizes lays out the corpus at each size and builds it with every
// tool, runs times per kind of build.
func measureSizes(ctx context.Context, work string, cfg config, guides []tool) ([]*size, error) {
	var sizes []*size
	for _, n := range cfg.sizes {
		sz, err := prepare(work, cfg.repo, guides, n)
		if err != nil {
			return nil, err
		}
		sizes = append(sizes, sz)
	}
	for kind := range 2 {
		for _, sz := range sizes {
			sz.runs[kind] = make([][]result, len(sz.builds))
			for j, b := range sz.builds {
				setAside(work, sz.outs[j])
				if kind == rebuild {
					// The first build of each makes the output that
					// the timed ones write over.
					if _, err := measure(ctx, sz.outs[j], b[0], b[1:]...); err != nil {
						return nil, err
					}
				}
			}
		}
		for i := range cfg.runs {
			if err := measureRound(ctx, work, sizes, kind, i); err != nil {
				return nil, err
			}
		}
	}
	return sizes, nil
}

// measureRound builds every size with every tool once. Each round starts
// with another size, and another tool, so that none always runs on a
// machine warmed (or loaded) by the same other.
func measureRound(ctx context.Context, work string, sizes []*size, kind, round int) error {
	for _, k := range rotated(len(sizes), round) {
		sz := sizes[k]
		for _, j := range rotated(len(sz.builds), round) {
			if kind == fresh {
				setAside(work, sz.outs[j])
			}
			r, err := measure(ctx, sz.outs[j], sz.builds[j][0], sz.builds[j][1:]...)
			if err != nil {
				return err
			}
			sz.runs[kind][j] = append(sz.runs[kind][j], r)
		}
	}
	return nil
}

// rotated returns the indexes 0 to n-1 starting at round%n.
func rotated(n, round int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = (round + i) % n
	}
	return order
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

// prepare lays out the corpus of n pages per language as a guide site for
// each tree the guides build (corpus.Site) and as a Hugo site with the same
// content, and returns the size with the commands that build them.
func prepare(work, repo string, guides []tool, n int) (*size, error) {
	base := filepath.Join(work, fmt.Sprint(n))
	sz := &size{n: n}
	sites := map[string]string{} // tree → its guide site
	for _, g := range guides {
		gsite, ok := sites[g.src]
		if !ok {
			gsite = filepath.Join(base, fmt.Sprintf("guide%d", len(sites)))
			if err := corpus.Site(g.src, gsite, n); err != nil {
				return nil, err
			}
			sites[g.src] = gsite
		}
		out := filepath.Join(work, fmt.Sprintf("out-%d-%s", n, g.name))
		sz.builds = append(sz.builds, []string{g.path, "build", "-src", gsite, "-out", out})
		sz.outs = append(sz.outs, out)
	}
	hsite := filepath.Join(base, "hugo")
	for _, c := range [][2]string{
		{filepath.Join(sites[guides[0].src], "content"), filepath.Join(hsite, "content")},
		{"hugo", hsite},
		{filepath.Join(repo, "static"), filepath.Join(hsite, "static")},
	} {
		if err := os.CopyFS(c[1], os.DirFS(c[0])); err != nil {
			return nil, err
		}
	}
	// Hugo's settings are in hugo/hugo.toml; guide's would be a stray file.
	if err := os.Remove(filepath.Join(hsite, "content", "site.yaml")); err != nil {
		return nil, err
	}
	out := filepath.Join(work, fmt.Sprintf("out-%d-hugo", n))
	sz.builds = append(sz.builds, []string{"hugo", "--minify", "--quiet", "-s", hsite, "-d", out})
	sz.outs = append(sz.outs, out)
	return sz, nil
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

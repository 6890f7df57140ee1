// Command compare-hugo measures guide against Hugo on the same content, on
// the same machine, in the same run, and can compare two or more guide
// binaries with each other in that run.
//
// For each size it generates the benchmark corpus (package
// guide/bench/corpus, N pages per language), lays it out once as a guide
// site (the repository's layouts, static files and site settings) and once
// as a Hugo site (bench/hugo: a minimal bilingual layout that renders the
// same things: title, steps with their metadata, body, language switcher),
// then builds it with each guide and with Hugo, several times, with
// minification. Each round of builds goes through all the sizes, and the
// tools take turns going first, so that the machine's drift over minutes
// spreads evenly. It prints, per size and kind of build, each tool's median
// wall time and peak memory (RSS), the ratios of each guide to Hugo, each
// guide's time per page at the largest size over that at the smallest, the
// start-to-exit time of a build of the repository's own guide, and whether
// each target of issue 18 holds.
//
// Each size is measured two ways. "fresh": every build starts with no
// output folder (for guide, not its spare either), so that every file and
// folder is created anew; the previous outputs are set aside, and deleted
// when all is measured (see setAside). "rebuild": every build writes over
// the output of the build before it, as an editor's builds do; Hugo
// overwrites its files in place, guide writes over the site it replaced
// last time (see package guide/internal/publish). Before each build the
// files the builds before it wrote are flushed to disk, untimed (see
// measure).
//
// Run it from the bench folder, on Linux:
//
//	go run ./cmd/compare-hugo                      # sizes 100, 1000, 5000
//	go run ./cmd/compare-hugo -sizes 1000 -runs 3
//	go run ./cmd/compare-hugo -guide before=/tmp/guide-old -guide after=..
//
// A -guide NAME=PATH names a guide binary, or a folder holding a tree of
// the repository, whose cmd/guide is then built as a release is (without
// cgo). A guide built from a tree builds that tree's sources: the corpus
// laid out with its layouts, static files and site settings, and its own
// guide; a guide given as a binary builds -repo's, as does Hugo. Without
// -guide, -repo's tree is built and measured.
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
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
)

// config is what the command line asks for.
type config struct {
	repo   string
	sizes  []int
	runs   int
	keep   bool
	guides guideFlags
}

// tool is one generator measured: a guide binary, or Hugo.
type tool struct {
	name string
	path string
	// src is the root of the tree whose sources a guide builds.
	src string
}

// guideFlags are the -guide flags, in order.
type guideFlags []tool

func (g *guideFlags) String() string { return fmt.Sprint(*g) }

func (g *guideFlags) Set(v string) error {
	name, path, ok := strings.Cut(v, "=")
	if !ok || name == "" || path == "" {
		return errors.New("want NAME=PATH, PATH a guide binary or the folder of its module")
	}
	for _, t := range *g {
		if t.name == name {
			return fmt.Errorf("two guides named %q", name)
		}
	}
	*g = append(*g, tool{name: name, path: path})
	return nil
}

func main() {
	var cfg config
	sizes := flag.String("sizes", "100,1000,5000", "comma-separated corpus sizes, in pages per language")
	flag.StringVar(&cfg.repo, "repo", "..", "the repository's root: its layouts, static files and guide are built")
	flag.IntVar(&cfg.runs, "runs", 5, "builds of each tool per size")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the generated sites (their folder is printed)")
	flag.Var(&cfg.guides, "guide", "NAME=PATH: a guide binary, or a folder holding its module, to measure (repeatable; default: the repository's tree)")
	flag.Parse()
	for _, field := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "compare-hugo: bad size %q\n", field)
			os.Exit(2)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.runs < 1 {
		fmt.Fprintln(os.Stderr, "compare-hugo: -runs must be at least 1")
		os.Exit(2)
	}
	if len(cfg.guides) == 0 {
		cfg.guides = guideFlags{{name: "guide", path: cfg.repo}}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "compare-hugo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) error {
	if _, err := os.Stat(filepath.Join(cfg.repo, "content", "site.yaml")); err != nil {
		return fmt.Errorf("-repo %s is not the repository's root: %v", cfg.repo, err)
	}
	if _, err := os.Stat(filepath.Join("hugo", "hugo.toml")); err != nil {
		return errors.New("run me from the bench folder (hugo/hugo.toml not found)")
	}
	if err := ensureHugo(ctx); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "compare-hugo-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Println("sites in", work)
	} else {
		defer os.RemoveAll(work)
	}
	guides, err := binaries(ctx, work, cfg.repo, cfg.guides)
	if err != nil {
		return err
	}
	hugoVersion, _ := exec.CommandContext(ctx, "hugo", "version").Output()
	fmt.Printf("%s; %d runs each, taking turns; medians; N pages per language\n", strings.TrimSpace(string(hugoVersion)), cfg.runs)
	for _, g := range guides {
		fmt.Printf("%s: %s, building %s\n", g.name, g.path, g.src)
	}
	fmt.Println()
	own, err := measureOwn(ctx, work, guides, cfg.runs)
	if err != nil {
		return err
	}
	printOwn(guides, own)
	sizes, err := measureSizes(ctx, work, cfg, guides)
	if err != nil {
		return err
	}
	printSizes(guides, sizes)
	printScaling(guides, sizes)
	printTargets(guides, own, sizes)
	return nil
}

// binaries returns the guide binaries to measure, building those given as
// a tree, and the sources each builds.
func binaries(ctx context.Context, work, repo string, guides guideFlags) ([]tool, error) {
	var out []tool
	for _, g := range guides {
		path, err := filepath.Abs(g.path)
		if err == nil {
			repo, err = filepath.Abs(repo)
		}
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("-guide %s=%s: %v", g.name, g.path, err)
		}
		if !info.IsDir() {
			out = append(out, tool{g.name, path, repo})
			continue
		}
		bin := filepath.Join(work, "bin", g.name)
		// Built as a release would be: without cgo, which guide does not
		// need (it only links the C library for the network's name
		// lookups), so the binary starts without the dynamic loader.
		compile := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/guide")
		compile.Dir = path
		compile.Env = append(os.Environ(), "CGO_ENABLED=0")
		if msg, err := compile.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build in %s: %v\n%s", path, err, msg)
		}
		out = append(out, tool{g.name, bin, path})
	}
	return out, nil
}

package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"guide/internal/checker"
	"guide/internal/messages"
	"guide/internal/preview"
	"guide/internal/publish"
	"guide/internal/site"
)

// build runs guide build (write) or guide check: it builds the site, into
// the folder -out for build, and prints what it built, what the build
// changes in -out, and the warnings.
func build(ctx context.Context, args []string, t term, write bool) error {
	f, err := parseBuild(args, t, write)
	if err != nil {
		return err
	}
	stop, err := startProfile()
	if err != nil {
		return err
	}
	defer stop()

	// The output folder is checked, and taken, while the sources are read:
	// checking that a large published site holds only what guide wrote
	// there walks all of it. Nothing is written before both are done.
	var dir *publish.Dir
	begun := make(chan error, 1)
	if write && !f.dryRun {
		// The build may not write into, over or around its sources.
		protect := []string{filepath.Join(f.src, "content"), filepath.Join(f.src, "layouts"), filepath.Join(f.src, "static")}
		go func() {
			var err error
			dir, err = publish.Begin(f.out, protect...)
			begun <- err
		}()
	} else {
		begun <- nil
	}
	root := os.DirFS(f.src)
	s, errs := site.Load(site.Options{Root: root, BaseURL: f.baseURL, Extensions: Extensions(root), Once: true})
	if err := <-begun; err != nil {
		return err
	}
	var output site.Output = discard{}
	if dir != nil {
		defer dir.Abort()
		output = dir
	}
	if s == nil {
		return errs.Err()
	}
	// Every file is compared with the published one, for the preview of
	// what the build changes.
	recorder := preview.New(os.DirFS(f.out), output)
	recorder.CompareSums(publish.Sums(f.out))
	res, err := s.Build(ctx, recorder)
	if err != nil {
		return err
	}
	// The published folder is compared before the new site replaces it.
	changed := recorder.Report()
	// Warnings stop nothing, but the editor should see them.
	if w := res.Warnings.Warnings(); len(w) > 0 {
		// A terminal that went away stops nothing, as with the other
		// lines printed.
		_ = t.p.WriteList(t.stderr, w.Sort())
	}
	if dir != nil {
		if err := dir.Commit(); err != nil {
			return err
		}
	}
	return f.report(t, s, res, changed)
}

// report prints what the build or check did, and what it changes in the
// published folder; with -paths, every path through the eligibility
// checker.
func (f *buildFlags) report(t term, s *site.Site, res *site.Result, changed *preview.Report) error {
	langs := s.Content.Site.Languages
	switch {
	case f.write && !f.dryRun:
		t.p.Fprintf(t.stdout, "%s into %s\n", res.Summary(messages.Sprintf("built"), langs), f.out)
	case f.write:
		t.p.Fprintf(t.stdout, "%s, writing nothing (-dry-run)\n", res.Summary(messages.Sprintf("built"), langs))
	default:
		t.p.Fprintf(t.stdout, "%s\n", res.Summary(messages.Sprintf("checked"), langs))
	}
	t.p.Fprintf(t.stdout, "%s\n", res.Heaviest(3))
	changed.Write(t.stdout, t.p, filepath.Clean(f.out)+string(filepath.Separator))
	if !f.paths {
		return nil
	}
	fmt.Fprintln(t.stdout)
	n, err := checker.WriteTables(t.stdout, t.p, s)
	if err != nil {
		return err
	}
	if n == 0 {
		t.p.Fprintf(t.stdout, "the site has no eligibility checker: no page has layout: checker\n")
	}
	return nil
}

// discard is the Output of guide check.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

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

	// The output folder is checked before any work is done.
	var dir *publish.Dir
	var output site.Output = discard{}
	if write && !f.dryRun {
		// The build may not write into, over or around its sources.
		protect := []string{filepath.Join(f.src, "content"), filepath.Join(f.src, "layouts"), filepath.Join(f.src, "static")}
		if dir, err = publish.Begin(f.out, protect...); err != nil {
			return err
		}
		defer dir.Abort()
		output = dir
	}
	// Every file is compared with the published one, for the preview of
	// what the build changes.
	recorder := preview.New(os.DirFS(f.out), output)
	recorder.CompareSums(publish.Sums(f.out))
	root := os.DirFS(f.src)
	s, errs := site.Load(site.Options{Root: root, BaseURL: f.baseURL, Extensions: Extensions(root), Once: true})
	if s == nil {
		return errs.Err()
	}
	res, err := s.Build(ctx, recorder)
	if err != nil {
		return err
	}
	// The published folder is compared before the new site replaces it.
	changed := recorder.Report()
	// Warnings stop nothing, but the editor should see them.
	if w := res.Warnings.Warnings(); len(w) > 0 {
		fmt.Fprintln(t.stderr, t.p.List(w.Sort()))
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

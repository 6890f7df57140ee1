// Package cli is the guide command's command line: it parses the
// subcommand and its flags, runs the pipeline and prints the outcome.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"

	"guide/internal/changes"
	"guide/internal/checker"
	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/preview"
	"guide/internal/publish"
	"guide/internal/serve"
	"guide/internal/site"
	"guide/internal/walkthrough"
)

// Main runs the guide command with args (without the program name) and
// returns the process's exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = build(ctx, args[1:], stdout, stderr, true)
	case "check":
		err = build(ctx, args[1:], stdout, stderr, false)
	case "serve":
		err = serveCommand(ctx, args[1:], stdout, stderr)
	case "translated":
		err = translatedCommand(args[1:], stdout)
	case "version":
		printVersion(stdout, "")
		return 0
	case "help", "-h", "-help", "--help":
		return help(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "guide: %v\n", unknownCommand(args[0]))
		return 2
	}
	var usageErr *usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0 // the help is printed
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "guide %s: %v\n", args[0], err)
		return 2
	}
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintf(stderr, "%s failed: %d %s\n", args[0], len(list), plural(len(list), "problem", "problems"))
		} else {
			fmt.Fprintf(stderr, "guide %s: %v\n", args[0], err)
		}
		return 1
	}
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func build(ctx context.Context, args []string, stdout, stderr io.Writer, write bool) error {
	name := "check"
	if write {
		name = "build"
	}
	fs := newFlags(name)
	src := fs.String("src", ".", "the `folder` holding content/, layouts/ and static/")
	outHelp := "the `folder` to build into (default SRC/public)"
	if !write {
		outHelp = "the published `folder` to compare the site with (default SRC/public)"
	}
	out := fs.String("out", "", outHelp)
	baseURL := fs.String("base-url", "", "the absolute `URL` the site is published at (default: baseURL of content/site.yaml)")
	paths := new(bool)
	dryRun := new(bool)
	if write {
		dryRun = fs.Bool("dry-run", false, "build, and show what the build would change in -out, without writing anything")
	}
	if !write {
		paths = fs.Bool("paths", false, "also print every path through the eligibility checker and the outcome it reaches")
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *baseURL != "" {
		if err := content.CheckBaseURL(ensureSlash(*baseURL)); err != nil {
			return fmt.Errorf("-base-url: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(*src, "content")); err != nil {
		return fmt.Errorf("%s has no content/ folder; run guide in the guide's folder or pass -src", *src)
	}
	if *out == "" {
		*out = filepath.Join(*src, "public")
	}

	stop, err := startProfile()
	if err != nil {
		return err
	}
	defer stop()

	// Check the output location before any work is done.
	var dir *publish.Dir
	var output site.Output = discard{}
	if write && !*dryRun {
		var err error
		// The build may not write into, over or around its sources.
		protect := []string{filepath.Join(*src, "content"), filepath.Join(*src, "layouts"), filepath.Join(*src, "static")}
		if dir, err = publish.Begin(*out, protect...); err != nil {
			return err
		}
		defer dir.Abort()
		output = dir
	}
	// Every file is compared with the published one, for the preview of
	// what the build changes.
	recorder := preview.New(os.DirFS(*out), output)
	root := os.DirFS(*src)
	s, errs := site.Load(site.Options{Root: root, BaseURL: *baseURL, Extensions: Extensions(root)})
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
		fmt.Fprintln(stderr, w.Sort().Error())
	}
	if write && !*dryRun {
		if err := dir.Commit(); err != nil {
			return err
		}
	}
	printSummary(stdout, res, s.Content.Site.Languages, write, *dryRun, *out)
	changed.Write(stdout, filepath.Clean(*out)+string(filepath.Separator))
	if *paths {
		fmt.Fprintln(stdout)
		n, err := checker.WriteTables(stdout, s)
		if err != nil {
			return err
		}
		if n == 0 {
			fmt.Fprintln(stdout, "the site has no eligibility checker: no page has layout: checker")
		}
	}
	return nil
}

// printSummary prints what was built or checked, and the heaviest pages.
func printSummary(w io.Writer, res *site.Result, langs []content.Language, write, dryRun bool, out string) {
	switch {
	case write && !dryRun:
		fmt.Fprintf(w, "%s into %s\n", res.Summary(messages.Sprintf("built"), langs), out)
	case write:
		fmt.Fprintf(w, "%s, writing nothing (-dry-run)\n", res.Summary(messages.Sprintf("built"), langs))
	default:
		fmt.Fprintln(w, res.Summary(messages.Sprintf("checked"), langs))
	}
	fmt.Fprintln(w, res.Heaviest(3))
}

// Extensions returns the extensions of the pipeline for the sources in
// root, the folder that holds content/. Every command that loads the site
// (build, check and serve) passes them in site.Options, so that all three
// publish the same pages.
func Extensions(root iofs.FS) []site.Extension {
	// The changes extension comes last: it lists the changes of the pages
	// the others add.
	return []site.Extension{checker.New(root), walkthrough.New(root, walkthrough.Options{CacheDir: walkthrough.DefaultCacheDir()}), changes.Extension{}}
}

func ensureSlash(u string) string {
	if len(u) > 0 && u[len(u)-1] != '/' {
		return u + "/"
	}
	return u
}

// discard is the Output of guide check.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// serveCommand runs guide serve.
func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve")
	src := fs.String("src", ".", "the `folder` holding content/, layouts/ and static/")
	addr := fs.String("addr", serve.DefaultAddr, "the `address` to listen on; 127.0.0.1 keeps the guide on this computer")
	poll := fs.Duration("poll", 0, "look for changed files every `DURATION` (such as 500ms) instead of waiting for file events, for network drives, WSL and container mounts")
	var hosts []string
	fs.Func("host", "also answer requests for the host `NAME` (repeat the flag, or separate names with commas); with -addr 0.0.0.0:1313, guide serve answers for this computer's own names and addresses only", func(v string) error {
		hosts = append(hosts, v)
		return nil
	})
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if _, err := os.Stat(filepath.Join(*src, "content")); err != nil {
		return fmt.Errorf("%s has no content/ folder; run guide in the guide's folder or pass -src", *src)
	}
	root := os.DirFS(*src)
	return serve.Run(ctx, serve.Options{Dir: *src, Addr: *addr, Hosts: hosts, Poll: *poll,
		Site: site.Options{Root: root, Extensions: Extensions(root)}, Stdout: stdout, Stderr: stderr})
}

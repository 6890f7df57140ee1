// Package cli is the guide command's command line: it parses the
// subcommand and its flags, runs the pipeline and prints the outcome, in
// the editor's language (package messages).
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
	"strings"

	"guide/internal/changes"
	"guide/internal/checker"
	"guide/internal/content"
	"guide/internal/diag"
	"guide/internal/messages"
	"guide/internal/serve"
	"guide/internal/site"
	"guide/internal/walkthrough"
)

// Main runs the guide command with args (without the program name) and
// returns the process's exit status. It speaks English, or the language
// that -lang names in args; Program.Run, the command as the operating
// system starts it, also asks the environment.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return dispatch(ctx, args, term{stdout: stdout, stderr: stderr}, "")
}

// term is where a command prints, and the language it speaks there.
type term struct {
	stdout, stderr io.Writer
	p              messages.Printer
}

// dispatch runs the command of args, speaking t.p's language unless args name
// another with -lang. version is the version stamped into the program, if
// any (see printVersion).
func dispatch(ctx context.Context, args []string, t term, version string) int {
	args, lang, err := takeLang(args, t.p.Lang)
	t.p.Lang = lang
	if err != nil {
		fmt.Fprintf(t.stderr, "guide: %s\n", t.p.Error(err))
		return 2
	}
	if len(args) == 0 {
		printUsage(t.stderr, t.p)
		return 2
	}
	switch args[0] {
	case "build":
		err = build(ctx, args[1:], t, true)
	case "check":
		err = build(ctx, args[1:], t, false)
	case "serve":
		err = serveCommand(ctx, args[1:], t)
	case "translated":
		err = translatedCommand(args[1:], t)
	case "version":
		printVersion(t.stdout, t.p, version)
		return 0
	case "help", "-h", "-help", "--help":
		return help(ctx, args[1:], t)
	default:
		fmt.Fprintf(t.stderr, "guide: %s\n", t.p.Error(unknownCommand(args[0])))
		return 2
	}
	return t.report(args[0], err)
}

// report prints the error a command ended with, if any, and returns the
// process's exit status.
func (t term) report(name string, err error) int {
	var usageErr *usageError
	var list diag.List
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0 // the help is printed
	case errors.As(err, &usageErr):
		fmt.Fprintf(t.stderr, "guide %s: %s\n", name, t.p.Error(usageErr.err))
		return 2
	case errors.As(err, &list):
		_ = t.p.WriteList(t.stderr, list)
		if len(list) == 1 {
			t.p.Fprintf(t.stderr, "%s failed: 1 problem\n", name)
		} else {
			t.p.Fprintf(t.stderr, "%s failed: %d problems\n", name, len(list))
		}
	default:
		fmt.Fprintf(t.stderr, "guide %s: %s\n", name, t.p.Error(err))
	}
	return 1
}

// takeLang returns args without the flag -lang, and the language the
// flag names, or def without it. The flag may stand anywhere before "--",
// even before the command; it is taken out before the command's flags are
// parsed, so that a mistake in those is said in the language asked for.
func takeLang(args []string, def messages.Lang) ([]string, messages.Lang, error) {
	lang := def
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return nil, lang, messages.Errorf("the flag -lang needs a value: -lang zh for Chinese, -lang en for English")
			}
			i++
			value = args[i]
		}
		l, err := messages.Parse(value)
		if err != nil {
			return nil, lang, err
		}
		lang = l
	}
	return rest, lang, nil
}

// buildFlags are the flags of guide build and guide check.
type buildFlags struct {
	src, out, baseURL string
	// write is true for build, which writes into out unless dryRun;
	// paths asks check for the paths through the eligibility checker.
	write, dryRun, paths bool
}

// parseBuild parses the flags of guide build (write) or guide check, and
// checks the folder and the address they name.
func parseBuild(args []string, t term, write bool) (*buildFlags, error) {
	name := "check"
	if write {
		name = "build"
	}
	f := &buildFlags{write: write}
	fs := newFlags(name, t.p)
	fs.StringVar(&f.src, "src", ".", t.p.Sprintf("the `folder` holding content/, layouts/ and static/"))
	outHelp := t.p.Sprintf("the `folder` to build into (default SRC/public)")
	if !write {
		outHelp = t.p.Sprintf("the published `folder` to compare the site with (default SRC/public)")
	}
	fs.StringVar(&f.out, "out", "", outHelp)
	fs.StringVar(&f.baseURL, "base-url", "", t.p.Sprintf("the absolute `URL` the site is published at (default: baseURL of content/site.yaml)"))
	if write {
		fs.BoolVar(&f.dryRun, "dry-run", false, t.p.Sprintf("build, and show what the build would change in -out, without writing anything"))
	} else {
		fs.BoolVar(&f.paths, "paths", false, t.p.Sprintf("also print every path through the eligibility checker and the outcome it reaches"))
	}
	if err := parseFlags(fs, args, t); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, messages.Errorf("unexpected arguments %q", fs.Args())
	}
	if f.baseURL != "" {
		if err := content.CheckBaseURL(ensureSlash(f.baseURL)); err != nil {
			return nil, messages.Errorf("-base-url: %v", err)
		}
	}
	if err := hasContent(f.src); err != nil {
		return nil, err
	}
	if f.out == "" {
		f.out = filepath.Join(f.src, "public")
	}
	return f, nil
}

// hasContent returns an error when src holds no folder content/.
func hasContent(src string) error {
	if _, err := os.Stat(filepath.Join(src, "content")); err != nil {
		return messages.Errorf("%s has no content/ folder; run guide in the guide's folder or pass -src", src)
	}
	return nil
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

// serveCommand runs guide serve.
func serveCommand(ctx context.Context, args []string, t term) error {
	fs := newFlags("serve", t.p)
	src := fs.String("src", ".", t.p.Sprintf("the `folder` holding content/, layouts/ and static/"))
	addr := fs.String("addr", serve.DefaultAddr, t.p.Sprintf("the `address` to listen on; 127.0.0.1 keeps the guide on this computer"))
	poll := fs.Duration("poll", 0, t.p.Sprintf("look for changed files every `DURATION` (such as 500ms) instead of waiting for file events, for network drives, WSL and container mounts"))
	var hosts []string
	fs.Func("host", t.p.Sprintf("also answer requests for the host `NAME` (repeat the flag, or separate names with commas); with -addr 0.0.0.0:1313, guide serve answers for this computer's own names and addresses only"), func(v string) error {
		hosts = append(hosts, v)
		return nil
	})
	if err := parseFlags(fs, args, t); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return messages.Errorf("unexpected arguments %q", fs.Args())
	}
	if err := hasContent(*src); err != nil {
		return err
	}
	root := os.DirFS(*src)
	return serve.Run(ctx, serve.Options{Dir: *src, Addr: *addr, Hosts: hosts, Poll: *poll, Lang: t.p.Lang,
		Site: site.Options{Root: root, Extensions: Extensions(root)}, Stdout: t.stdout, Stderr: t.stderr})
}

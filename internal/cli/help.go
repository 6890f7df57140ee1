package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"guide/internal/diag"
	"guide/internal/messages"
)

// subcommand is one of the guide command's subcommands, as its help shows it.
type subcommand struct {
	name string
	// summary is the line of the overview; about the paragraph that
	// starts the command's own help.
	summary, about string
	// advanced are the flags that few editors need, listed after the
	// others.
	advanced []string
}

// commands are the subcommands, in the order the overview lists them.
var commands = []subcommand{
	{name: "serve", summary: "show the guide in your browser, rebuilt on every save",
		about:    "Serves the guide in the folder -src at http://127.0.0.1:1313, rebuilds it on\nevery save and shows any problem in the browser. Stop it with Ctrl-C.",
		advanced: []string{"addr", "host", "poll"}},
	{name: "check", summary: "check every page, link and rule, writing nothing",
		about:    "Runs every check of build on the guide in the folder -src and writes nothing;\nit prints what a build would change in -out. Run it before you publish.",
		advanced: []string{"paths"}},
	{name: "build", summary: "build the site into public/, ready to publish",
		about: "Builds the guide in the folder -src into the folder -out, ready to publish,\nand prints what the build changed there. A build that fails leaves -out as it was."},
	{name: "translated", summary: "record that a translation is in line with its page again",
		about: "Records in the front matter of each translation named (translated:) that it is in line with\nits page in the first language as that page is now; check and serve then warn when\na section of that page changes. It changes no other line of the file.\nName the translations after the flags: guide translated content/waiver.en.md"},
	{name: "version", summary: "print the version of guide",
		about: "Prints the version of guide and the system it is built for."},
	{name: "help", summary: "show the help of a command: guide help build",
		about: "Shows the help of a command: guide help build."},
}

// usage is the overview of the guide command.
const usage = `guide makes the bilingual procedure guide: it checks the pages, builds the
site, and shows it in your browser while you edit.

Usage: guide COMMAND [flags]

Commands:
%s
Started without a command in a guide's folder (the folder that holds
content/), guide serves the guide and opens it in your browser.
Run "guide help COMMAND" for the flags of a command.
`

// printUsage writes the overview of the guide command to w, in the
// language of p.
func printUsage(w io.Writer, p messages.Printer) {
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.name, p.Sprintf(c.summary))
	}
	p.Fprintf(w, usage, b.String())
}

// lookup returns the command named name, or nil.
func lookup(name string) *subcommand {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// unknownCommand is the error of a command the guide command does not
// have, with the nearest one.
func unknownCommand(name string) error {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	if s := diag.Suggest(name, names); s != "" {
		return messages.Errorf("unknown command %q; did you mean %q?", name, s)
	}
	return messages.Errorf("unknown command %q; run \"guide help\" for the commands", name)
}

// newFlags returns the flag set of the command name, with the flag -lang
// that every command has. It prints nothing: parseFlags reports its
// errors, once, and prints the help in the language of p.
func newFlags(name string, p messages.Printer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	// takeLang takes -lang out of the arguments before they are parsed:
	// the flag is defined for the help, which lists it.
	fs.String("lang", "", p.Sprintf("the `language` guide speaks: zh for Chinese, en for English (default: your computer's language)"))
	return fs
}

// usageError is an error in how a command was called: guide reports it
// once, with the exit status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }

func (e *usageError) Unwrap() error { return e.err }

// parseFlags parses args into fs. For -h it prints the command's help to
// t.stdout and returns flag.ErrHelp; a flag fs lacks is reported with the
// nearest one it has.
func parseFlags(fs *flag.FlagSet, args []string, t term) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		printHelp(t.stdout, t.p, fs)
		return err
	}
	// The flag package's errors are stable text: their forms are part of
	// its documented behaviour since Go 1.
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := diag.Suggest(strings.TrimLeft(name, "-"), names); s != "" {
			return &usageError{messages.Errorf("unknown flag -%s; did you mean -%s?", name, s)}
		}
		return &usageError{messages.Errorf("unknown flag -%s; run \"guide help %s\" for the flags", name, fs.Name())}
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag needs an argument: -"); ok {
		return &usageError{messages.Errorf("the flag -%[1]s needs a value, as in -%[1]s VALUE", name)}
	}
	if m := invalidValue.FindStringSubmatch(err.Error()); m != nil {
		return &usageError{messages.Errorf("the flag -%s cannot be %s; see \"guide help %s\" for what it takes", m[2], m[1], fs.Name())}
	}
	return &usageError{err}
}

// invalidValue matches the flag package's error for a value a flag does
// not take: "invalid value "x" for flag -poll: parse error", or "invalid
// boolean value "maybe" for -dry-run: parse error". It gives the quoted
// value and the flag's name.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-([^:]+): `)

// help runs guide help: the overview, or the help of the command args
// names.
func help(ctx context.Context, args []string, t term) int {
	switch {
	case len(args) == 0:
		printUsage(t.stdout, t.p)
		return 0
	case lookup(args[0]) == nil:
		fmt.Fprintf(t.stderr, "guide help: %s\n", t.p.Error(unknownCommand(args[0])))
		return 2
	case args[0] == "help" || args[0] == "version":
		c := lookup(args[0])
		t.p.Fprintf(t.stdout, "Usage: guide %s\n\n%s\n", c.name, t.p.Sprintf(c.about))
		return 0
	}
	// The command prints its own help, with its flags.
	return dispatch(ctx, []string{args[0], "-h"}, t, "")
}

// printHelp writes the help of the command whose flags are fs, in the
// language of p: what it does and its flags, the advanced ones last.
func printHelp(w io.Writer, p messages.Printer, fs *flag.FlagSet) {
	c := lookup(fs.Name())
	p.Fprintf(w, "Usage: guide %s [flags]\n\n%s\n", fs.Name(), p.Sprintf(c.about))
	var common, advanced strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		b := &common
		for _, a := range c.advanced {
			if a == f.Name {
				b = &advanced
			}
		}
		arg, text := flag.UnquoteUsage(f)
		if arg != "" {
			arg = " " + arg
		}
		fmt.Fprintf(b, "  -%s%s\n        %s", f.Name, arg, text)
		if f.DefValue != "" && f.DefValue != "0s" && f.DefValue != "false" && f.DefValue != "[]" {
			p.Fprintf(b, " (default %s)", f.DefValue)
		}
		b.WriteString("\n")
	})
	if common.Len() > 0 {
		p.Fprintf(w, "\nFlags:\n%s", common.String())
	}
	if advanced.Len() > 0 {
		p.Fprintf(w, "\nFlags few editors need:\n%s", advanced.String())
	}
}

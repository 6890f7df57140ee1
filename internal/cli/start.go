package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"

	"guide/internal/messages"
	"guide/internal/serve"
	"guide/internal/site"
)

// Program is the guide command as the operating system starts it: what
// Main needs, and what starting it without a command needs besides.
type Program struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Version is the version the release build stamped into the program,
	// or "" (see printVersion).
	Version string
	// Dir is the working folder, and Exe the path of the program itself:
	// a program double-clicked on Windows starts in its own folder, a
	// shortcut may start it elsewhere.
	Dir, Exe string
	// OpenBrowser opens an address in the computer's browser.
	OpenBrowser func(ctx context.Context, url string) error
	// OwnConsole reports whether the program's console window closes
	// when it ends, as a program double-clicked on Windows has: guide
	// then waits for Enter, so that its message can be read.
	OwnConsole func() bool
	// Addr is the address to serve at when started without a command;
	// when empty, serve's usual one, or a free port when it is taken.
	Addr string
	// Getenv reads the environment, where the language of the messages
	// is found when no -lang is given (messages.FromEnv); nil speaks
	// English.
	Getenv func(string) string
}

// NewProgram returns the guide command of this process.
func NewProgram(version string) *Program {
	exe, _ := os.Executable()
	return &Program{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Version: version,
		Dir: ".", Exe: exe, OpenBrowser: openBrowser, OwnConsole: ownConsole, Getenv: os.Getenv}
}

// Run runs the guide command with args (without the program name) and
// returns the process's exit status. It speaks the language that -lang
// names, or else that of the environment.
func (p *Program) Run(ctx context.Context, args []string) int {
	t := term{stdout: p.Stdout, stderr: p.Stderr}
	if p.Getenv != nil {
		t.p.Lang = messages.FromEnv(p.Getenv)
	}
	if len(args) == 0 {
		return p.start(ctx, t.p)
	}
	return dispatch(ctx, args, t, p.Version)
}

// notAGuide is what guide says when it is started without a command
// outside a guide's folder.
const notAGuide = `guide shows, checks and builds a bilingual procedure guide.

There is no guide in this folder (%s): a guide's folder holds the
folder content/. Put guide in the guide's folder and start it there (on
Windows, double-click guide.exe), and it shows the guide in your browser.

Usage: guide COMMAND [flags]; "guide help" lists the commands.
`

// start runs guide started without a command: it serves the guide of the
// working folder, or of the program's own, and opens it in the browser.
// Outside a guide's folder it says what guide is and how to use it. It
// speaks the language of pr.
func (p *Program) start(ctx context.Context, pr messages.Printer) int {
	dir := p.guideDir()
	if dir == "" {
		abs, _ := filepath.Abs(p.Dir)
		pr.Fprintf(p.Stdout, notAGuide, abs)
		p.waitForEnter(pr)
		return 2
	}
	addr := p.Addr
	if addr == "" {
		addr = freeAddr()
	}
	root := os.DirFS(dir)
	err := serve.Run(ctx, serve.Options{Dir: dir, Addr: addr, Stdout: p.Stdout, Stderr: p.Stderr, Lang: pr.Lang,
		Site: site.Options{Root: root, Extensions: Extensions(root)},
		Ready: func(url string) {
			if err := p.OpenBrowser(ctx, url); err != nil {
				pr.Fprintf(p.Stderr, "guide: cannot open the browser (%v); open %s yourself\n", err, url)
				return
			}
			pr.Fprintf(p.Stdout, "opened %s in your browser; to stop guide, press Ctrl-C or close this window\n", url)
		}})
	if err != nil {
		fmt.Fprintf(p.Stderr, "guide: %s\n", pr.Error(err))
		p.waitForEnter(pr)
		return 1
	}
	return 0
}

// guideDir returns the working folder when it holds a guide, else the
// program's folder when it does, else "".
func (p *Program) guideDir() string {
	dirs := []string{p.Dir}
	if p.Exe != "" {
		dirs = append(dirs, filepath.Dir(p.Exe))
	}
	for _, d := range dirs {
		if info, err := os.Stat(filepath.Join(d, "content")); err == nil && info.IsDir() {
			return d
		}
	}
	return ""
}

// waitForEnter waits until Enter is pressed when the program's console
// window would close at its end.
func (p *Program) waitForEnter(pr messages.Printer) {
	if p.OwnConsole == nil || !p.OwnConsole() {
		return
	}
	pr.Fprintf(p.Stdout, "Press Enter to close this window.\n")
	// One byte at a time, so that nothing after the line is read.
	var b [1]byte
	for {
		n, err := p.Stdin.Read(b[:])
		if err != nil || n == 1 && b[0] == '\n' {
			return
		}
	}
}

// freeAddr returns serve's usual address, or, when another program (such
// as a guide started before) uses it, an address with a free port.
func freeAddr() string {
	ln, err := net.Listen("tcp", serve.DefaultAddr)
	if err != nil {
		return "127.0.0.1:0"
	}
	ln.Close()
	return serve.DefaultAddr
}

package serve

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"guide/internal/site"
	"guide/internal/watch"
)

// DefaultAddr is the address guide serve listens on by default.
const DefaultAddr = "127.0.0.1:1313"

// Options configure Run.
type Options struct {
	// Dir is the folder holding content/, layouts/ and static/.
	Dir string
	// Addr is the address to listen on, DefaultAddr when empty. Port 0
	// picks a free port.
	Addr string
	// Poll, when positive, makes the server look for changed files every
	// Poll instead of waiting for file events.
	Poll time.Duration
	// Site are the options of the pipeline, as guide build uses them;
	// the server sets Root, BaseURL and Dev.
	Site site.Options
	// Stdout receives the address and a line per rebuild, Stderr the
	// problems found. Nil discards them.
	Stdout, Stderr io.Writer
	// MaxClients bounds the number of browser pages that listen for
	// reloads at once; 100 when zero.
	MaxClients int
	// Ready, if set, is called with the server's URL once it listens and
	// the first build is done.
	Ready func(url string)
}

// maxStream bounds how long one event stream lives. The browser opens a
// new one by itself, so the bound costs nothing and keeps a forgotten tab
// from holding a connection for ever.
const maxStream = 10 * time.Minute

// Server builds and serves the guide. It implements http.Handler.
type Server struct {
	opts    Options
	baseURL string
	// anyHost is set when the server was bound to a non-loopback address
	// on purpose, and so answers for any Host.
	anyHost bool
	// id tells this run of the server from the one before, so that a page
	// loaded from an earlier run reloads when its stream reconnects.
	id  string
	hub *hub
	// overlay is the template of the problems shown on every page.
	overlay *template.Template

	// state is what is served; a rebuild replaces it in one step.
	state atomic.Pointer[state]

	// The fields below belong to the goroutine that builds: the last
	// good build, and the paths changed since.
	good  *site.Site
	dirty map[string]bool

	logMu sync.Mutex
}

// newServer returns a server for the site at baseURL ("http://host:port/").
func newServer(opts Options, baseURL string, anyHost bool) *Server {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.MaxClients <= 0 {
		opts.MaxClients = 100
	}
	opts.Site.Root = os.DirFS(opts.Dir)
	opts.Site.BaseURL = baseURL
	opts.Site.Dev = true
	s := &Server{opts: opts, baseURL: baseURL, anyHost: anyHost,
		id: strconv.FormatInt(time.Now().UnixNano(), 36), hub: newHub(opts.MaxClients), overlay: parseOverlay(),
		dirty: map[string]bool{}}
	s.state.Store(&state{build: s.id + "-0"})
	return s
}

// Run serves the guide of opts.Dir until ctx is done.
func Run(ctx context.Context, opts Options) error {
	addr := opts.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("cannot listen on %s: another program (perhaps another guide serve) uses it; stop it or pass another -addr, such as -addr 127.0.0.1:1314", addr)
		}
		return fmt.Errorf("cannot listen on %s: %v", addr, err)
	}
	defer ln.Close()
	tcp := ln.Addr().(*net.TCPAddr)
	host := tcp.IP.String()
	anyHost := !tcp.IP.IsLoopback()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	url := "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)) + "/"
	s := newServer(opts, url, anyHost)

	// Watch before the first build, so that no change made during it is
	// missed.
	w, err := watch.New(watch.Options{Root: opts.Dir, Dirs: []string{"content", "layouts", "static"}, Poll: opts.Poll,
		Log: func(msg string) { s.printf(s.opts.Stderr, "%s\n", msg) }})
	if err != nil {
		return fmt.Errorf("cannot watch %s for changes: %v", opts.Dir, err)
	}
	defer w.Close()

	s.rebuild(ctx, watch.Batch{All: true, First: time.Now()})
	if ctx.Err() != nil {
		return nil
	}

	srv := &http.Server{
		Handler:           s,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var serveErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			serveErr = err
			cancel()
		}
	})
	s.printf(s.opts.Stdout, "serving the guide at %s (Ctrl-C to stop)\n", url)
	if anyHost {
		s.printf(s.opts.Stdout, "listening on %s, not only on this computer: anyone who can reach it can read the guide, drafts included\n", ln.Addr())
	}
	if opts.Ready != nil {
		opts.Ready(url)
	}

	err = w.Run(ctx, func(b watch.Batch) { s.rebuild(ctx, b) })

	// The event streams end with ctx; give other requests a moment.
	shutdown, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	_ = srv.Shutdown(shutdown)
	wg.Wait()
	if serveErr != nil {
		return serveErr
	}
	return err
}

// printf writes a line for the user; rebuilds and the watcher print from
// different goroutines.
func (s *Server) printf(w io.Writer, format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(w, format, args...)
}

package serve

import (
	"context"
	"errors"
	"html/template"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"guide/internal/diag"
	"guide/internal/messages"
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
	// Hosts are more names (or addresses) that the server answers for,
	// besides the loopback names and, when Addr is not a loopback address,
	// this computer's names and addresses (see hostNames). An entry may
	// list several, separated by commas, as the -host flag takes them.
	Hosts []string
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
	// Lang is the language of what the server says, in the terminal and
	// in the overlay and banner of the pages; English when empty.
	Lang messages.Lang
}

// maxStream bounds how long one event stream lives. The browser opens a
// new one by itself, so the bound costs nothing and keeps a forgotten tab
// from holding a connection for ever.
const maxStream = 10 * time.Minute

// Server builds and serves the guide. It implements http.Handler.
type Server struct {
	opts    Options
	baseURL string
	// hosts are the names besides the loopback ones that requests may
	// ask for in their Host header, as hostName writes them.
	hosts map[string]bool
	// id tells this run of the server from the one before, so that a page
	// loaded from an earlier run reloads when its stream reconnects.
	id  string
	hub *hub
	// overlay is the template of the problems shown on every page.
	overlay *template.Template
	// p says the server's messages in the language of opts.Lang.
	p messages.Printer

	// state is what is served; a rebuild replaces it in one step.
	state atomic.Pointer[state]

	// The fields below belong to the goroutine that builds: the last
	// good build, and the paths changed since.
	good  *site.Site
	dirty map[string]bool

	logMu sync.Mutex
}

// newServer returns a server for the site at baseURL ("http://host:port/")
// that answers for the loopback names and hosts.
func newServer(opts Options, baseURL string, hosts []string) *Server {
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
	s := &Server{opts: opts, baseURL: baseURL, hosts: map[string]bool{},
		id: strconv.FormatInt(time.Now().UnixNano(), 36), hub: newHub(opts.MaxClients), overlay: parseOverlay(),
		dirty: map[string]bool{}, p: messages.Printer{Lang: opts.Lang}}
	for _, h := range hosts {
		s.hosts[hostName(h)] = true
	}
	s.state.Store(&state{build: s.id + "-0"})
	return s
}

// Run serves the guide of opts.Dir until ctx is done.
func Run(ctx context.Context, opts Options) error {
	ln, url, names, err := listen(opts)
	if err != nil {
		return err
	}
	defer ln.Close()
	s := newServer(opts, url, names)

	// Watch before the first build, so that no change made during it is
	// missed.
	w, err := watch.New(watch.Options{Root: opts.Dir, Dirs: []string{"content", "layouts", "static"}, Poll: opts.Poll,
		Log: func(msg messages.Text) { s.printf(s.opts.Stderr, "%s\n", msg) }})
	if err != nil {
		return messages.Errorf("cannot watch %s for changes: %v", opts.Dir, err)
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
	if !ln.Addr().(*net.TCPAddr).IP.IsLoopback() {
		s.printf(s.opts.Stdout, "listening on %s, not only on this computer: anyone who can reach it can read the guide, drafts included\n", ln.Addr())
	}
	if len(names) > 0 {
		s.printf(s.opts.Stdout, "answering for localhost and %s; to answer for another name, start guide serve with -host NAME\n", strings.Join(names, ", "))
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

// listen listens on the address of opts and returns the listener, the
// server's URL and the names it answers for besides loopback (hostNames).
func listen(opts Options) (ln net.Listener, url string, names []string, err error) {
	addr := opts.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	extra, err := parseHosts(opts.Hosts)
	if err != nil {
		return nil, "", nil, err
	}
	ln, err = net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, "", nil, messages.Errorf("cannot listen on %s: another program (perhaps another guide serve) uses it; stop it or pass another -addr, such as -addr 127.0.0.1:1314", addr)
		}
		return nil, "", nil, messages.Errorf("cannot listen on %s: %v", addr, err)
	}
	tcp := ln.Addr().(*net.TCPAddr)
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	addrHost, _, _ := net.SplitHostPort(addr)
	url = "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)) + "/"
	return ln, url, hostNames(addrHost, tcp.IP.IsLoopback(), extra), nil
}

// hostNames returns the names a server answers for besides the loopback
// ones, sorted: the extra names given (-host); and when it listens on an
// address other than loopback, addrHost (the host of -addr) when it names
// one host, this computer's name with and without ".local", and its
// addresses. A page of another site cannot use any of them, so a name of
// that site that its owner points at this computer (DNS rebinding) is
// still refused.
func hostNames(addrHost string, loopback bool, extra []string) []string {
	set := map[string]bool{}
	add := func(name string) {
		if n := hostName(name); n != "" && !isLoopbackName(n) {
			set[n] = true
		}
	}
	for _, h := range extra {
		add(h)
	}
	if !loopback {
		if ip := net.ParseIP(addrHost); ip == nil || !ip.IsUnspecified() {
			add(addrHost)
		}
		if name, err := os.Hostname(); err == nil {
			base := strings.TrimSuffix(strings.ToLower(name), ".local")
			add(base)
			add(base + ".local")
		}
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipnet, ok := a.(*net.IPNet); ok {
					add(ipnet.IP.String())
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// parseHosts splits the values of -host at commas and checks each name.
func parseHosts(values []string) ([]string, error) {
	var names []string
	for _, v := range values {
		for h := range strings.SplitSeq(v, ",") {
			h = strings.TrimSpace(h)
			if !validHostName(h) {
				return nil, messages.Errorf("-host %q is not a host name: give a name such as guide.office.lan, or an address such as 192.168.1.20, without a port", h)
			}
			names = append(names, h)
		}
	}
	return names, nil
}

// validHostName reports whether name, given with -host, is an IP address
// or a plain host name.
func validHostName(name string) bool {
	if net.ParseIP(strings.Trim(name, "[]")) != nil {
		return true
	}
	if name == "" || len(name) > 253 {
		return false
	}
	for _, c := range strings.ToLower(name) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// printf writes lines for the user, in the server's language, each made
// safe for a terminal by diag.Printable: they name files and quote their
// content. Rebuilds and the watcher print from different goroutines.
func (s *Server) printf(w io.Writer, format string, args ...any) {
	lines := strings.Split(s.p.Sprintf(format, args...), "\n")
	for i, l := range lines {
		lines[i] = diag.Printable(l)
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	io.WriteString(w, strings.Join(lines, "\n"))
}

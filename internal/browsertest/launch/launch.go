// Package launch finds a Chromium-based browser on this machine and starts it
// in headless mode for chromedp, with the flags that the browser tests and the
// illustration program of this repository share.
//
// The package does not import the package testing, so that a program such as
// cmd/illustrate can use it. The package browsertest builds its test harness
// on it.
package launch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// EnvChromePath is the name of the environment variable that names the
// browser executable. Its value is a path, or a name to look up on PATH.
const EnvChromePath = "CHROME_PATH"

// ErrNotFound is the error that FindBrowser wraps when it finds no browser.
var ErrNotFound = errors.New("no browser found")

// browserNames are the executable names that FindBrowser looks up on PATH, in
// order. The first is the name of Debian's package chromium.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome"}

// FindBrowser returns the path of the browser executable.
//
// When the environment variable CHROME_PATH is set, FindBrowser uses it and
// nothing else: a value that does not name an executable file is an error, so
// that a typing mistake does not silently pick another browser. Otherwise it
// looks up the names chromium, chromium-browser and google-chrome on PATH, in
// this order. Every error that it returns wraps ErrNotFound.
func FindBrowser() (string, error) {
	if p, ok := os.LookupEnv(EnvChromePath); ok && p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w: %s=%q: %v", ErrNotFound, EnvChromePath, p, err)
		}
		return found, nil
	}
	for _, name := range browserNames {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	return "", fmt.Errorf("%w: %s is not set and none of %q is on PATH", ErrNotFound, EnvChromePath, browserNames)
}

// AllocatorOptions returns the options for chromedp.NewExecAllocator that
// start the browser at execPath in headless mode.
//
// They are chromedp.DefaultExecAllocatorOptions and these flags: headless,
// no-sandbox (the tests run as root in containers), disable-gpu,
// disable-dev-shm-usage, disable-background-networking,
// disable-component-update, disable-sync, no-first-run and disable-quic. The
// last flags keep the browser from making requests of its own, so that a test
// sees only the requests of the page.
//
// userDataDir is the profile directory, which should be new and empty. When it
// is empty, chromedp makes a temporary directory and removes it when the
// allocator ends.
func AllocatorOptions(execPath, userDataDir string) []chromedp.ExecAllocatorOption {
	opts := make([]chromedp.ExecAllocatorOption, 0, len(chromedp.DefaultExecAllocatorOptions)+12)
	opts = append(opts, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts,
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	)
	if userDataDir != "" {
		opts = append(opts, chromedp.UserDataDir(userDataDir))
	}
	return opts
}

// Start starts the browser at execPath with AllocatorOptions and opens its
// first tab. It returns a chromedp context for that tab, and a func that
// closes the browser and waits until the process has ended.
//
// The browser lives until parent ends or until the func is called, so parent
// should have no deadline: use a child context with a timeout for the actions.
// A child context made with chromedp.NewContext opens another tab in the same
// browser.
func Start(parent context.Context, execPath, userDataDir string) (context.Context, context.CancelFunc, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, AllocatorOptions(execPath, userDataDir)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	stop := func() {
		cancelCtx()
		cancelAlloc()
	}
	// The first Do starts the browser and binds it to ctx, which has no
	// deadline.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting the browser %s: %w", execPath, err)
	}
	return ctx, stop, nil
}

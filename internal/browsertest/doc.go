// Package browsertest is the harness that the browser tests of this
// repository share. It starts a headless Chromium with chromedp, serves a
// directory over HTTP on 127.0.0.1, records what a page does on the network
// and in its console, and takes screenshots.
//
// # Finding the browser
//
// The harness uses the browser that the environment variable CHROME_PATH
// names, or else the first of chromium, chromium-browser and google-chrome on
// PATH. On Debian, install it with "apt-get install chromium". When there is
// no browser, a test that asks for one is skipped, except when the environment
// variable CI is "true": then the test fails, so that a CI machine cannot pass
// by skipping every browser test. A CHROME_PATH that names no executable counts
// as no browser.
//
// A skip is easy to miss: go test ./... prints nothing of a package that
// passes. So the test TestBrowserTools of this package fails when a browser
// check would be skipped for want of its tools (Chromium, axe-core from npm
// ci, pdftotext), with one line that names them and the command that
// installs them. With GUIDE_BROWSER=skip (EnvBrowser) a developer skips the
// browser tests on purpose: New skips without looking for a browser, and
// TestBrowserTools passes. Under CI=true, GUIDE_BROWSER is ignored.
//
// # One browser for a package
//
// New starts a browser for one test and closes it when the test ends. That is
// simple, but the start costs about a second. A package with many browser
// tests can share one browser: declare a Browser in the test package and close
// it in TestMain.
//
//	var browser browsertest.Browser
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		browser.Close()
//		os.Exit(code)
//	}
//
//	func TestHome(t *testing.T) {
//		ctx := browser.New(t) // a new tab; the browser starts on first use
//		rec := browsertest.Record(t, ctx)
//		base := browsertest.Serve(t, "testdata/site")
//		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
//			t.Fatal(err)
//		}
//		rec.WaitIdle(ctx, 300*time.Millisecond)
//		rec.AssertNoRequestsOutside(t, base)
//		rec.AssertNoErrors(t)
//	}
//
// Each call of New returns the context of a new tab, with a timeout, and it
// closes the tab when the test ends. The tabs of one Browser are independent,
// so tests that call t.Parallel can share it.
//
// The code that finds and starts the browser is in the package
// guide/internal/browsertest/launch, which does not import the package
// testing, so that programs such as cmd/illustrate can use it too.
package browsertest

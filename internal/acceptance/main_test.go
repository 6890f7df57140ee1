package acceptance

import (
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guide/internal/browsertest"
	"guide/internal/cli"
	"guide/internal/publish"
	"guide/internal/site"
)

// repoRoot is the folder holding content/, layouts/, static/ and
// node_modules/, seen from this package's folder, where go test runs.
const repoRoot = "../.."

// browser is the one Chromium of this test binary, as the doc of
// browsertest recommends; TestMain closes it.
var browser browsertest.Browser

// The two builds of the real guide, made once by TestMain and only read by
// the tests: at the root of its server, and under the sub-path /visa/.
var guide, subpath *build

// build is one build of the guide, served on loopback.
type build struct {
	// name tells the builds apart in messages.
	name string
	// dir is the folder the guide was built into.
	dir string
	// base is the address the guide was built for and is served at, with a
	// slash at the end: "http://127.0.0.1:41234/" or ".../visa/".
	base string
	// site is the loaded guide, and res what its Build returned.
	site *site.Site
	res  *site.Result
	// pages are the HTML pages: those of sitemap.xml, then 404.html.
	pages []page
	// policy is the Content Security Policy of the home page's meta
	// element, which the server also sends as a header.
	policy string
	srv    *httptest.Server
}

// page is one published HTML page.
type page struct {
	// rel is its address below the base: "" for the home page,
	// "en/waiver/", "404.html".
	rel string
	// lang is the language code of its address: "zh" or "en"; 404.html
	// is in the first language, with the others below it.
	lang string
}

// name is the name of the page's subtests: "index", "en", "en.waiver",
// "404.html". It has no slash, so that -run can select a page.
func (p page) name() string {
	switch p.rel {
	case "":
		return "index"
	}
	return strings.ReplaceAll(strings.TrimSuffix(p.rel, "/"), "/", ".")
}

// url is the page's absolute address.
func (b *build) url(p page) string { return b.base + p.rel }

// origin is the scheme, host and port of the build's server.
func (b *build) origin() string { return b.srv.URL }

// find returns the page at rel, or fails the test.
func (b *build) find(t testing.TB, rel string) page {
	t.Helper()
	for _, p := range b.pages {
		if p.rel == rel {
			return p
		}
	}
	t.Fatalf("%s build: no page %q in the sitemap", b.name, rel)
	return page{}
}

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := run(m)
	if err != nil {
		fmt.Fprintf(os.Stderr, "acceptance: %v\n", err)
		code = 1
	}
	os.Exit(code)
}

// run builds and serves the guide, runs the tests and cleans up.
func run(m *testing.M) (int, error) {
	tmp, err := os.MkdirTemp("", "guide-acceptance-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	defer browser.Close()
	for _, b := range []struct {
		to     **build
		name   string
		prefix string
	}{{&guide, "root", "/"}, {&subpath, "sub-path", "/visa/"}} {
		bd, err := buildGuide(repoRoot, filepath.Join(tmp, b.name), b.name, b.prefix)
		if err != nil {
			return 0, fmt.Errorf("building the guide at %s: %w", b.prefix, err)
		}
		defer bd.srv.Close()
		*b.to = bd
	}
	return m.Run(), nil
}

// buildGuide builds the guide in src (the folder holding content/,
// layouts/ and static/) into dir, as guide build does, for a loopback
// server under prefix, and starts that server.
func buildGuide(src, dir, name, prefix string) (*build, error) {
	// The address must be known before the build, which writes it into the
	// pages, so the listener comes first.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &build{name: name, dir: dir, base: "http://" + ln.Addr().String() + prefix}
	root := os.DirFS(src)
	s, errs := site.Load(site.Options{Root: root, BaseURL: b.base, Extensions: cli.Extensions(root)})
	if s == nil {
		ln.Close()
		return nil, errs.Err()
	}
	out, err := publish.Begin(dir)
	if err != nil {
		ln.Close()
		return nil, err
	}
	defer out.Abort()
	b.site = s
	if b.res, err = s.Build(context.Background(), out); err != nil {
		ln.Close()
		return nil, err
	}
	if err := out.Commit(); err != nil {
		ln.Close()
		return nil, err
	}
	if b.policy, err = metaPolicy(filepath.Join(dir, "index.html")); err != nil {
		ln.Close()
		return nil, err
	}
	if b.pages, err = b.sitemapPages(); err != nil {
		ln.Close()
		return nil, err
	}
	b.pages = append(b.pages, page{rel: "404.html", lang: b.languages()[0].code})

	b.srv = httptest.NewUnstartedServer(browsertest.StaticHost(dir, prefix, b.policy))
	b.srv.Listener.Close()
	b.srv.Listener = ln
	b.srv.Start()
	return b, nil
}

var metaCSP = regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"`)

// metaPolicy returns the Content Security Policy of the page's meta element.
func metaPolicy(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	m := metaCSP.FindSubmatch(data)
	if m == nil {
		return "", fmt.Errorf("%s has no Content-Security-Policy meta element", file)
	}
	return string(m[1]), nil
}

// sitemap is the part of sitemap.xml the tests read.
type sitemap struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"url"`
}

func readSitemap(dir string) (*sitemap, error) {
	data, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	var sm sitemap
	if err := xml.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %w", err)
	}
	return &sm, nil
}

// sitemapPages lists the pages of the build's sitemap, in its order.
func (b *build) sitemapPages() ([]page, error) {
	sm, err := readSitemap(b.dir)
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, u := range sm.URLs {
		rel, ok := strings.CutPrefix(u.Loc, b.base)
		if !ok {
			return nil, fmt.Errorf("sitemap.xml: %s is not under %s", u.Loc, b.base)
		}
		pages = append(pages, page{rel: rel, lang: b.langOf(u.Loc)})
	}
	if len(pages) == 0 {
		return nil, errors.New("sitemap.xml lists no page")
	}
	return pages, nil
}

// ciMust reports whether a missing tool must fail the test rather than
// skip it: under CI=true nothing may pass by being skipped.
func ciMust() bool { return os.Getenv("CI") == "true" }

// need skips or, under CI=true, fails the test because what is missing.
func need(t testing.TB, what, fix string) {
	t.Helper()
	if ciMust() {
		t.Fatalf("CI=true: %s is missing; %s", what, fix)
	}
	t.Skipf("skipping: %s is missing (%s)", what, fix)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

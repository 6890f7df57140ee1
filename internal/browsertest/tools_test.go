package browsertest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"guide/internal/browsertest/launch"
)

// tool is a program the browser checks need, and what installs it.
type tool struct {
	// name is the tool as the line names it; apt the Debian packages
	// that install it, npm whether npm ci does.
	name string
	apt  []string
	npm  bool
}

// The tools of the browser checks. The CJK fonts come with Chromium: the
// screenshots and the print checks need them.
var (
	chromium  = tool{name: "Chromium", apt: []string{"chromium", "fonts-noto-cjk"}}
	axe       = tool{name: "axe-core (npm ci)", npm: true}
	pdftotext = tool{name: "pdftotext", apt: []string{"poppler-utils"}}
)

// missingTools returns the tools of the browser checks that this machine
// lacks: a browser (launch.FindBrowser), axe-core in the repository's
// node_modules (npm ci) and pdftotext on PATH (Debian's poppler-utils).
func missingTools() []tool {
	var missing []tool
	if _, err := launch.FindBrowser(); err != nil {
		missing = append(missing, chromium)
	}
	// go test runs in the package's folder, two below the repository's.
	if _, err := os.Stat(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")); errors.Is(err, os.ErrNotExist) {
		missing = append(missing, axe)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing = append(missing, pdftotext)
	}
	return missing
}

// skipLine is the one line that says which tools are missing and the one
// command that installs them.
func skipLine(missing []tool) string {
	var names, apt []string
	npm := false
	for _, t := range missing {
		names = append(names, t.name)
		apt = append(apt, t.apt...)
		npm = npm || t.npm
	}
	// The packages in the order of the README's install line.
	order := map[string]int{"chromium": 0, "poppler-utils": 1, "fonts-noto-cjk": 2}
	slices.SortFunc(apt, func(a, b string) int { return order[a] - order[b] })
	var install []string
	if len(apt) > 0 {
		install = append(install, "sudo apt-get install -y "+strings.Join(apt, " "))
	}
	if npm {
		install = append(install, "npm ci")
	}
	verb, pronoun := "are", "them"
	if len(missing) == 1 {
		verb, pronoun = "is", "it"
	}
	return "browser checks skipped: " + list(names) + " " + verb + " missing; install " + pronoun + " with: " + strings.Join(install, " && ")
}

// list joins names as English lists them: "a", "a and b", "a, b and c".
func list(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// TestBrowserTools fails, with one line that names what is missing and the
// command that installs it, when the browser checks of go test ./... are
// skipped for want of their tools: go test prints nothing of a package
// that passes, so a skip that passes goes unseen. A developer who means
// to skip them sets GUIDE_BROWSER=skip, and the test passes. Under
// CI=true it fails whatever GUIDE_BROWSER says, as every browser test
// does.
func TestBrowserTools(t *testing.T) {
	missing := missingTools()
	if len(missing) == 0 {
		return
	}
	if SkipAsked() {
		t.Skipf("%s (%s=skip)", skipLine(missing), EnvBrowser)
	}
	t.Fatal(skipLine(missing))
}

// TestSkipLine pins the line of TestBrowserTools for what may be missing.
func TestSkipLine(t *testing.T) {
	for _, tt := range []struct {
		missing []tool
		want    string
	}{
		{[]tool{chromium, axe, pdftotext}, "browser checks skipped: Chromium, axe-core (npm ci) and pdftotext are missing; install them with: sudo apt-get install -y chromium poppler-utils fonts-noto-cjk && npm ci"},
		{[]tool{chromium}, "browser checks skipped: Chromium is missing; install it with: sudo apt-get install -y chromium fonts-noto-cjk"},
		{[]tool{axe}, "browser checks skipped: axe-core (npm ci) is missing; install it with: npm ci"},
		{[]tool{axe, pdftotext}, "browser checks skipped: axe-core (npm ci) and pdftotext are missing; install them with: sudo apt-get install -y poppler-utils && npm ci"},
		{[]tool{chromium, pdftotext}, "browser checks skipped: Chromium and pdftotext are missing; install them with: sudo apt-get install -y chromium poppler-utils fonts-noto-cjk"},
	} {
		if got := skipLine(tt.missing); got != tt.want {
			t.Errorf("skipLine(%v):\ngot  %s\nwant %s", tt.missing, got, tt.want)
		}
	}
}

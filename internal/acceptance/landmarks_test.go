package acceptance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guide/internal/browsertest"
)

// twoRegionsAlike is a page whose two scrolling tables are regions of the
// same name, as /interview/ once had: a screen reader's list of regions
// shows two alike, and axe's best practices (landmark-unique) refuse it.
const twoRegionsAlike = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Two regions alike</title></head>
<body><main><h1>Two regions alike</h1>
<div class="table" role="region" tabindex="0" aria-label="table"><table><tr><th>a</th></tr><tr><td>1</td></tr></table></div>
<div class="table" role="region" tabindex="0" aria-label="table"><table><tr><th>b</th></tr><tr><td>2</td></tr></table></div>
</main></body></html>
`

// TestAxeRunsBestPractices checks that the audit of every page (axe, with
// axeTags) includes axe's best practices, by running it on a page whose
// two regions share one name: every landmark and region of the guide's
// pages must have a name of its own.
func TestAxeRunsBestPractices(t *testing.T) {
	src, err := axeSource()
	if err != nil {
		need(t, "node_modules/axe-core", "run npm ci at the root of the repository")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(twoRegionsAlike), 0o644); err != nil {
		t.Fatal(err)
	}
	tb := openTab(t, browsertest.Serve(t, dir)+"/")
	got := strings.Join(axeViolations(tb, src), "\n")
	if !strings.Contains(got, "axe landmark-unique") {
		t.Errorf("the audit does not report two regions named alike (axe landmark-unique); it reports:\n%s", got)
	}
}

package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// newerSyntax returns the syntax newer than ES2017 that a minifier could
// write into a script: an optional catch binding (ES2019), optional
// chaining and the nullish operators (ES2020), and object spread and rest
// (ES2018). It is a net under the minifier's Version option; es-check, run
// by .ci/run on the published scripts, is the full parser.
func newerSyntax(t *testing.T, name string, src []byte) []string {
	t.Helper()
	ast, err := js.Parse(parse.NewInputBytes(src), js.Options{})
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	v := &syntaxFinder{}
	js.Walk(v, ast)
	return v.found
}

// syntaxFinder collects what newerSyntax looks for.
type syntaxFinder struct{ found []string }

func (v *syntaxFinder) Enter(n js.INode) js.IVisitor {
	switch n := n.(type) {
	case *js.TryStmt:
		if n.Catch != nil && n.Binding == nil {
			v.found = append(v.found, "catch without a binding (ES2019)")
		}
	case *js.DotExpr:
		v.optional(n.Optional)
	case *js.IndexExpr:
		v.optional(n.Optional)
	case *js.CallExpr:
		v.optional(n.Optional)
	case *js.BinaryExpr:
		if n.Op == js.NullishToken || n.Op == js.NullishEqToken {
			v.found = append(v.found, "?? (ES2020)")
		}
	case *js.ObjectExpr:
		for _, p := range n.List {
			if p.Spread {
				v.found = append(v.found, "object spread (ES2018)")
			}
		}
	case *js.BindingObject:
		if n.Rest != nil {
			v.found = append(v.found, "object rest (ES2018)")
		}
	}
	return v
}

func (v *syntaxFinder) optional(opt bool) {
	if opt {
		v.found = append(v.found, "?. (ES2020)")
	}
}

func (v *syntaxFinder) Exit(js.INode) {}

// TestNewerSyntaxFound proves that newerSyntax finds each construct it
// looks for, and nothing in ES2017 code.
func TestNewerSyntaxFound(t *testing.T) {
	tests := map[string]string{
		"try{f()}catch{g()}": "catch without a binding (ES2019)",
		"a?.b":               "?. (ES2020)",
		"a?.[0]":             "?. (ES2020)",
		"f?.()":              "?. (ES2020)",
		"a??b":               "?? (ES2020)",
		"x={...a}":           "object spread (ES2018)",
		"const{a,...r}=o":    "object rest (ES2018)",
		"try{f()}catch(e){g()};f(...a);[...b];async function h(){await 1}": "",
	}
	for src, want := range tests {
		got := strings.Join(newerSyntax(t, src, []byte(src)), ", ")
		if got != want {
			t.Errorf("%s: got %q; want %q", src, got, want)
		}
	}
}

// TestScriptsMinifiedAsES2017 minifies the guide's scripts, and code that
// the minifier would shorten with newer syntax, and checks that what it
// writes is ES2017.
func TestScriptsMinifiedAsES2017(t *testing.T) {
	names, err := filepath.Glob("../../static/js/*.js")
	if err != nil || len(names) == 0 {
		t.Fatalf("no scripts in static/js: %v", err)
	}
	sources := map[string][]byte{
		// An unused catch binding, which the minifier drops in ES2019.
		"unused-binding.js": []byte(`try { JSON.parse(s); } catch (e) { ok = false; }`),
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		sources[filepath.Base(n)] = data
	}
	for name, src := range sources {
		out, err := minifyFile(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if found := newerSyntax(t, name, out); len(found) > 0 {
			t.Errorf("%s minified holds syntax newer than ES%d: %s\n%s", name, ScriptVersion, strings.Join(found, ", "), out)
		}
	}
}

var (
	// newerCSS finds the properties and selectors that old in-app
	// browsers lack; cssComment finds a comment.
	newerCSS   = regexp.MustCompile(`(?m)(^|[;{\s])(gap|row-gap|column-gap|inset)\s*:|:has\(`)
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// TestStylesheetsForOldEngines checks the guide's stylesheets for what the
// old in-app browsers that many readers use do not have, and without which
// a page would fall apart rather than look plainer: flex and grid gap
// (Chrome 84, iOS 14.5), :has() and inset.
func TestStylesheetsForOldEngines(t *testing.T) {
	names, err := filepath.Glob("../../static/css/*.css")
	if err != nil || len(names) == 0 {
		t.Fatalf("no stylesheets in static/css: %v", err)
	}
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		// Comments may name what the rules avoid.
		code := cssComment.ReplaceAll(data, nil)
		for _, m := range newerCSS.FindAll(code, -1) {
			t.Errorf("%s uses %q, which old in-app browsers lack; use margins or positioning instead", filepath.Base(n), strings.TrimSpace(string(m)))
		}
	}
}

package messages

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestCatalog checks that the Chinese catalog has every message guide can
// say to an editor, and nothing else. It reads the Go sources of the
// module (every file but the tests under internal/ and cmd/guide) and
// finds the calls that make messages: the methods Add, Warn and
// Unfinished of diag.List, this package's Sprintf and Errorf, the
// Printer's Sprintf and Fprintf, the flags' descriptions, and every
// function that passes its format on to one of them (found by the test
// itself). A message whose format has no Chinese, a format the test cannot
// read, and an entry of the catalog that no code uses any more all fail.
func TestCatalog(t *testing.T) {
	w := newWalker(t, moduleRoot(t))
	w.walk()
	for _, u := range w.unreadable {
		t.Errorf("%s: the test cannot tell which format this message has: write it as a constant, or as a field given constants", u)
	}
	for _, f := range w.sortedFormats() {
		if _, ok := zh[f]; !ok && needsWords(f) {
			t.Errorf("%s: no Chinese for %q; add it to zh.go", w.formats[f], f)
		}
	}
	var unused []string
	for f := range zh {
		if _, ok := w.formats[f]; !ok {
			unused = append(unused, f)
		}
	}
	slices.Sort(unused)
	for _, f := range unused {
		t.Errorf("zh.go: no code says %q any more; remove it from the catalog", f)
	}
}

// TestCatalogVerbs checks that every Chinese format takes the arguments of
// its English one: the same verbs, in the same number, where a Chinese
// format may number them to put them in another order.
func TestCatalogVerbs(t *testing.T) {
	for en, cn := range zh {
		got, want := verbs(cn), verbs(en)
		if !slices.Equal(got, want) {
			t.Errorf("zh[%q] = %q takes %v; want %v", en, cn, got, want)
		}
	}
}

// verbs returns the verbs of a format for each argument, in the order of
// the arguments: "%[2]q %[1]s" gives [s q].
func verbs(format string) []string {
	byArg := map[int]string{}
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, _ = strconv.Atoi(format[i+1 : i+end])
			n--
			i += end + 1
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0 {
			if format[i] == '*' {
				byArg[n] = "*"
				n++
			}
			i++
		}
		if i < len(format) {
			byArg[n] = string(format[i])
			n++
		}
	}
	out := make([]string, len(byArg))
	for i := range out {
		out[i] = byArg[i]
	}
	return out
}

// needsWords reports whether a format has words to translate: "%q" and
// "%s: %v" have none.
func needsWords(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] == '%' {
			i++
			for i < len(format) && !unicode.IsLetter(rune(format[i])) {
				i++
			}
			continue
		}
		if unicode.IsLetter(rune(format[i])) || format[i] >= 0x80 {
			return true
		}
	}
	return false
}

func moduleRoot(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// pkg is one package of the module, as the walker reads it.
type pkg struct {
	dir   string // relative to the module root, with slashes
	files []*ast.File
	// consts are the string constants of the package, and fields the
	// constant strings given to each struct field in its composite
	// literals.
	consts map[string]string
	fields map[string][]string
}

// sink is a function that makes a message of its argument number arg.
type sink struct {
	// dir is the package's, "" for a method of any package, and the
	// package's with localFunc for a function literal given a name.
	dir, name string
	arg       int
}

// localFunc marks the sinks that are function literals.
const localFunc = "#local"

// walker finds the formats of the module's messages.
type walker struct {
	t     *testing.T
	fset  *token.FileSet
	pkgs  map[string]*pkg // by dir
	sinks map[sink]bool
	// formats are the formats found, each with the first place it is
	// made at; unreadable the places whose format is not constant.
	formats    map[string]string
	unreadable []string
}

func newWalker(t *testing.T, root string) *walker {
	w := &walker{t: t, fset: token.NewFileSet(), pkgs: map[string]*pkg{}, sinks: map[sink]bool{}}
	for _, top := range []string{"internal", "cmd/guide"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			if strings.Contains(filepath.ToSlash(p), "/testdata/") {
				return nil
			}
			f, err := parser.ParseFile(w.fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			dir := filepath.ToSlash(rel)
			if w.pkgs[dir] == nil {
				w.pkgs[dir] = &pkg{dir: dir, consts: map[string]string{}, fields: map[string][]string{}}
			}
			w.pkgs[dir].files = append(w.pkgs[dir].files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range w.pkgs {
		p.collect()
	}
	// The makers of messages, before those the walk finds.
	for _, name := range []string{"Add", "Warn", "Unfinished"} {
		w.sinks[sink{"", name, 1}] = true
	}
	w.sinks[sink{"", "Sprintf", 0}] = true
	w.sinks[sink{"", "Fprintf", 1}] = true
	w.sinks[sink{"", "Reword", 0}] = true
	w.sinks[sink{"internal/messages", "Sprintf", 0}] = true
	w.sinks[sink{"internal/messages", "Errorf", 0}] = true
	return w
}

// collect finds the package's string constants and the constant strings
// of its composite literals' fields.
func (p *pkg) collect() {
	for range 2 { // twice, for constants made of constants
		for _, f := range p.files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ValueSpec:
					for i, name := range n.Names {
						if i < len(n.Values) {
							if s, ok := p.constant(n.Values[i]); ok {
								p.consts[name.Name] = s
							}
						}
					}
				}
				return true
			})
		}
	}
	for _, f := range p.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok {
					if s, ok := p.constant(kv.Value); ok {
						p.fields[key.Name] = append(p.fields[key.Name], s)
					}
				}
			}
			return true
		})
	}
}

// constant returns the value of a constant string expression: a literal,
// a constant of the package, or a sum of them.
func (p *pkg) constant(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := p.consts[e.Name]
		return s, ok
	case *ast.ParenExpr:
		return p.constant(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := p.constant(e.X)
		b, ok2 := p.constant(e.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

// walk finds every message made in the module, and the functions that
// pass their format on, until it finds no more of them.
func (w *walker) walk() {
	for {
		n := len(w.sinks)
		w.formats, w.unreadable = map[string]string{}, nil
		dirs := make([]string, 0, len(w.pkgs))
		for dir := range w.pkgs {
			dirs = append(dirs, dir)
		}
		slices.Sort(dirs)
		for _, dir := range dirs {
			for _, f := range w.pkgs[dir].files {
				w.file(w.pkgs[dir], f)
			}
		}
		if len(w.sinks) == n {
			return
		}
	}
}

// file finds the messages made in f, a file of p.
func (w *walker) file(p *pkg, f *ast.File) {
	imports := map[string]string{}
	for _, im := range f.Imports {
		ip, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(ip)
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = ip
	}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if call, ok := n.(*ast.CallExpr); ok {
			for _, arg := range w.sinkArgs(p, imports, call) {
				w.message(p, imports, stack, call.Args[arg])
			}
		}
		return true
	})
}

// sinkArgs returns the numbers of the arguments that hold a format, when
// call makes a message: more than one when the function chooses between
// formats (one with a suggestion, one without).
func (w *walker) sinkArgs(p *pkg, imports map[string]string, call *ast.CallExpr) []int {
	var keys []sink
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		keys = []sink{{dir: p.dir, name: fn.Name}, {dir: p.dir + localFunc, name: fn.Name}}
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && imports[x.Name] != "" {
			dir, ok := strings.CutPrefix(imports[x.Name], "guide/")
			if !ok {
				return nil
			}
			keys = []sink{{dir: dir, name: fn.Sel.Name}}
		} else {
			keys = []sink{{dir: "", name: fn.Sel.Name}, {dir: p.dir, name: fn.Sel.Name}}
		}
	}
	for _, k := range keys {
		var args []int
		for arg := range len(call.Args) {
			k.arg = arg
			if w.sinks[k] {
				args = append(args, arg)
			}
		}
		if len(args) > 0 {
			return args
		}
	}
	return nil
}

// message records the format e of a message made at the innermost node
// of stack: its constant value, or the function it is a parameter of,
// which then makes messages itself.
func (w *walker) message(p *pkg, imports map[string]string, stack []ast.Node, e ast.Expr) {
	where := w.fset.Position(e.Pos())
	where.Filename = p.dir + "/" + filepath.Base(where.Filename)
	if s, ok := p.constant(e); ok {
		w.found(s, where.String())
		return
	}
	switch e := e.(type) {
	case *ast.Ident:
		if w.forwarder(p, stack, e.Name) {
			return
		}
		if values, ok := localValues(p, stack, e.Name); ok {
			for _, s := range values {
				w.found(s, where.String())
			}
			return
		}
	case *ast.SelectorExpr:
		if e.Sel.Name == "Format" {
			// The format of a message made before (diag.Error,
			// Text), passed on: it was found where that was made.
			return
		}
		if x, ok := e.X.(*ast.Ident); ok && imports[x.Name] != "" {
			if dir, ok := strings.CutPrefix(imports[x.Name], "guide/"); ok && w.pkgs[dir] != nil {
				if s, ok := w.pkgs[dir].consts[e.Sel.Name]; ok {
					w.found(s, where.String())
					return
				}
			}
		} else if values := p.fields[e.Sel.Name]; len(values) > 0 {
			for _, s := range values {
				w.found(s, where.String())
			}
			return
		}
	case *ast.UnaryExpr, *ast.CompositeLit, *ast.BasicLit, *ast.FuncLit:
		return // not a string: a call of another function of the same name
	}
	w.unreadable = append(w.unreadable, fmt.Sprintf("%s: %s", where, exprString(w.fset, e)))
}

func (w *walker) found(format, where string) {
	if _, ok := w.formats[format]; !ok {
		w.formats[format] = where
	}
}

// forwarder reports whether name is a parameter of the function that
// encloses the call, and then records that function as a maker of
// messages.
func (w *walker) forwarder(p *pkg, stack []ast.Node, name string) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		var typ *ast.FuncType
		var fname string
		dir := p.dir
		switch fn := stack[i].(type) {
		case *ast.FuncDecl:
			typ, fname = fn.Type, fn.Name.Name
		case *ast.FuncLit:
			typ, dir = fn.Type, p.dir+localFunc
			// A function literal is found by the name it is given.
			if i > 0 {
				if as, ok := stack[i-1].(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
					if id, ok := as.Lhs[0].(*ast.Ident); ok {
						fname = id.Name
					}
				}
			}
		default:
			continue
		}
		n := 0
		for _, field := range typ.Params.List {
			for _, pn := range field.Names {
				if pn.Name == name && fname != "" {
					w.sinks[sink{dir: dir, name: fname, arg: n}] = true
					if ast.IsExported(fname) && dir == p.dir {
						w.sinks[sink{dir: "", name: fname, arg: n}] = true
					}
					return true
				}
				n++
			}
		}
		return false
	}
	return false
}

// localValues returns the constant values assigned to the variable name
// in the function that encloses the call, when all of them are constant.
func localValues(p *pkg, stack []ast.Node, name string) ([]string, bool) {
	var body ast.Node
	for i := len(stack) - 1; i >= 0 && body == nil; i-- {
		if fn, ok := stack[i].(*ast.FuncDecl); ok {
			body = fn.Body
		}
	}
	if body == nil {
		return nil, false
	}
	var values []string
	all := true
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == name {
				s, ok := p.constant(as.Rhs[i])
				all = all && ok
				values = append(values, s)
			}
		}
		return true
	})
	return values, all && len(values) > 0
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		return fmt.Sprintf("%T", e)
	}
	return b.String()
}

func (w *walker) sortedFormats() []string {
	out := make([]string, 0, len(w.formats))
	for f := range w.formats {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

package layout

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// A layout is compiled, after html/template has escaped it, into a tree
// of Go closures that produce the same bytes as html/template's evaluator.
//
// Why: html/template runs a layout with text/template's evaluator, which
// calls every escaping function it inserted (one to three per action)
// through reflect.Value.Call, with a variadic slice built for each call,
// and looks every field and method up by name at every use. That was a
// third of a build's CPU time. The compiled program calls the escapers
// directly (escape.go) and remembers where each field or method of a type
// is.
//
// It is exact by construction or not used: anything it does not evaluate
// exactly as text/template does (a value of an unexpected kind, a nil
// pointer, an error from a method, a function it does not know) makes it
// stop with errFallback, and Set.Execute renders the page again with
// html/template, which gives the page or the error it always gave. A
// layout using what cannot be compiled at all is never compiled. Each
// compiled layout's output is compared with html/template's on the first
// page it renders before it is used, and TestCompiledMatchesHTMLTemplate
// and the site's tests compare the two on every page of the guide and of
// the benchmark corpus.

// errFallback stops the compiled program; the page is rendered by
// html/template instead.
var errFallback = errors.New("not evaluated by the compiled layout")

// errBreak and errContinue carry {{break}} and {{continue}} to their range.
var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

// program is a compiled layout.
type program struct{ run execFn }

// execute renders data into w. On an error, w holds part of the page.
func (p *program) execute(w *bytes.Buffer, data any) (err error) {
	defer func() {
		// A panic in a method or function a layout calls, or in
		// reflect: html/template reports it properly.
		if recover() != nil {
			err = errFallback
		}
	}()
	if _, ok := data.(reflect.Value); ok {
		// text/template takes a reflect.Value for the value it holds.
		return errFallback
	}
	dot := reflect.ValueOf(data)
	st := &state{w: w, vars: make([]variable, 1, 16)}
	st.vars[0] = variable{"$", dot}
	return p.run(st, dot)
}

type state struct {
	w *bytes.Buffer
	// vars is the stack of variables; those of the running template
	// start at base (templates do not see their caller's variables).
	vars  []variable
	base  int
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

func (st *state) lookup(name string) (reflect.Value, error) {
	for i := len(st.vars) - 1; i >= st.base; i-- {
		if st.vars[i].name == name {
			return st.vars[i].value, nil
		}
	}
	return reflect.Value{}, errFallback
}

func (st *state) assign(name string, v reflect.Value) error {
	for i := len(st.vars) - 1; i >= st.base; i-- {
		if st.vars[i].name == name {
			st.vars[i].value = v
			return nil
		}
	}
	return errFallback
}

type (
	// execFn runs a node with dot.
	execFn func(st *state, dot reflect.Value) error
	// pipeFn evaluates a pipeline (declaring its variables).
	pipeFn func(st *state, dot reflect.Value) (reflect.Value, error)
	// cmdFn evaluates a command; final is the value piped into it,
	// when piped is true.
	cmdFn func(st *state, dot, final reflect.Value, piped bool) (reflect.Value, error)
	// argFn evaluates an argument for a parameter of type typ;
	// rawValue asks for the value itself, as the builtins take it.
	argFn func(st *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error)
)

// compiler compiles the templates of one layout's set.
type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	// tmpls holds each template compiled, through a pointer filled in
	// when its body is, so that templates may call themselves.
	tmpls map[string]*execFn
}

// compile compiles the escaped tree of the template name of set (which
// html/template must have executed), with funcs, the functions the layouts
// were parsed with.
func compile(set *template.Template, name string, funcs template.FuncMap) (*program, error) {
	c := &compiler{set: set, funcs: funcs, tmpls: map[string]*execFn{}}
	fn, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &program{run: func(st *state, dot reflect.Value) error { return (*fn)(st, dot) }}, nil
}

func (c *compiler) template(name string) (*execFn, error) {
	if fn, ok := c.tmpls[name]; ok {
		return fn, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		// A template html/template derived for another context
		// ("name$htmltemplate_…") is not in the set's public names.
		return nil, fmt.Errorf("template %q is not available", name)
	}
	fn := new(execFn)
	c.tmpls[name] = fn
	body, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	*fn = body
	return fn, nil
}

func (c *compiler) list(l *parse.ListNode) (execFn, error) {
	var fns []execFn
	for _, n := range l.Nodes {
		fn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if fn != nil {
			fns = append(fns, fn)
		}
	}
	return func(st *state, dot reflect.Value) error {
		for _, fn := range fns {
			if err := fn(st, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (execFn, error) {
	switch n := n.(type) {
	case *parse.ListNode:
		return c.list(n)
	case *parse.TextNode:
		text := n.Text
		return func(st *state, _ reflect.Value) error {
			st.w.Write(text)
			return nil
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.branch(&n.BranchNode, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) error { return errContinue }, nil
	}
	return nil, fmt.Errorf("%s: %T is not compiled", n, n)
}

// action compiles {{pipeline}}. An action that prints ends, in an escaped
// tree, in escapers: they run on the string directly, and write it.
func (c *compiler) action(n *parse.ActionNode) (execFn, error) {
	if len(n.Pipe.Decl) > 0 {
		pipe, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(st *state, dot reflect.Value) error {
			_, err := pipe(st, dot)
			return err
		}, nil
	}
	cmds := n.Pipe.Cmds
	var escs []escaper
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 || escapers[id.Ident] == nil {
			break
		}
		escs = append([]escaper{escapers[id.Ident]}, escs...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(escs) == 0 {
		last := n.Pipe.Cmds[len(n.Pipe.Cmds)-1].Args[0]
		if id, ok := last.(*parse.IdentifierNode); ok && strings.HasPrefix(id.Ident, "_html_template_") {
			return nil, fmt.Errorf("%s: %s is not compiled", n, id.Ident)
		}
		return nil, fmt.Errorf("%s: an action without an escaper is not compiled", n)
	}
	pipe, err := c.pipe(&parse.PipeNode{NodeType: parse.NodePipe, Cmds: cmds})
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value) error {
		v, err := pipe(st, dot)
		if err != nil {
			return err
		}
		s, kind, err := escapeInput(v)
		if err != nil {
			return err
		}
		for _, esc := range escs {
			if s, err = esc(s, kind); err != nil {
				return err
			}
			// An escaper returns a plain string.
			kind = plainText
		}
		st.w.WriteString(s)
		return nil
	}, nil
}

// branchParts compiles the pipeline, the body and the else-list (nil
// when there is none) of an if, with or range.
func (c *compiler) branchParts(b *parse.BranchNode) (pipe pipeFn, list, elseList execFn, err error) {
	if pipe, err = c.pipe(b.Pipe); err != nil {
		return nil, nil, nil, err
	}
	if list, err = c.list(b.List); err != nil {
		return nil, nil, nil, err
	}
	if b.ElseList != nil {
		if elseList, err = c.list(b.ElseList); err != nil {
			return nil, nil, nil, err
		}
	}
	return pipe, list, elseList, nil
}

func (c *compiler) branch(b *parse.BranchNode, with bool) (execFn, error) {
	pipe, list, elseList, err := c.branchParts(b)
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value) error {
		mark := len(st.vars)
		v, err := pipe(st, dot)
		if err == nil {
			truth, ok := isTrue(indirectInterface(v))
			switch {
			case !ok:
				err = errFallback
			case truth && with:
				err = list(st, v)
			case truth:
				err = list(st, dot)
			case elseList != nil:
				err = elseList(st, dot)
			}
		}
		st.vars = st.vars[:mark]
		return err
	}, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (execFn, error) {
	if r.Pipe.IsAssign && len(r.Pipe.Decl) > 0 {
		return nil, fmt.Errorf("%s: range assigning to variables is not compiled", r)
	}
	pipe, list, elseList, err := c.branchParts(&r.BranchNode)
	if err != nil {
		return nil, err
	}
	decl := len(r.Pipe.Decl)
	return func(st *state, dot reflect.Value) error {
		mark := len(st.vars)
		defer func() { st.vars = st.vars[:mark] }()
		v, err := pipe(st, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			if v.Len() == 0 {
				break
			}
			// The pipeline pushed the variables: $elem, or $index
			// and $elem.
			top := len(st.vars)
			// The length is read at each step, as text/template
			// does: a method called in the body may change it.
			for i := 0; i < v.Len(); i++ {
				elem := v.Index(i)
				if decl > 0 {
					st.vars[top-1].value = elem
				}
				if decl > 1 {
					st.vars[top-2].value = reflect.ValueOf(i)
				}
				err := list(st, elem)
				st.vars = st.vars[:top]
				if err == errBreak {
					break
				}
				if err != nil && err != errContinue {
					return err
				}
			}
			return nil
		case reflect.Invalid:
			// Nothing to range over (a missing map entry).
		default:
			// Maps, channels, integers, functions: html/template.
			return errFallback
		}
		if elseList != nil {
			// A {{break}} in the else of a range inside another
			// range is stopped by text/template at this range,
			// not at the one it names: html/template renders it.
			if err := elseList(st, dot); err != errBreak {
				return err
			}
			return errFallback
		}
		return nil
	}, nil
}

func (c *compiler) templateCall(n *parse.TemplateNode) (execFn, error) {
	fn, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	var pipe pipeFn
	if n.Pipe != nil {
		if pipe, err = c.pipe(n.Pipe); err != nil {
			return nil, err
		}
	}
	return func(st *state, dot reflect.Value) error {
		var v reflect.Value
		if pipe != nil {
			var err error
			if v, err = pipe(st, dot); err != nil {
				return err
			}
		}
		if st.depth > 10000 {
			return errFallback
		}
		// The template sees only $, its dot.
		base, top := st.base, len(st.vars)
		st.vars = append(st.vars, variable{"$", v})
		st.base = top
		st.depth++
		err := (*fn)(st, v)
		st.depth--
		st.vars, st.base = st.vars[:top], base
		return err
	}, nil
}

func (c *compiler) pipe(p *parse.PipeNode) (pipeFn, error) {
	if p == nil {
		return func(*state, reflect.Value) (reflect.Value, error) { return reflect.Value{}, nil }, nil
	}
	cmds := make([]cmdFn, len(p.Cmds))
	for i, cmd := range p.Cmds {
		fn, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		cmds[i] = fn
	}
	var names []string
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			return nil, fmt.Errorf("%s: variable %s is not compiled", p, d)
		}
		names = append(names, d.Ident[0])
	}
	assign := p.IsAssign
	return func(st *state, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for i, cmd := range cmds {
			var err error
			if v, err = cmd(st, dot, v, i > 0); err != nil {
				return v, err
			}
			// A value of type any is replaced by what it holds.
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = reflect.ValueOf(v.Interface())
			}
		}
		for _, name := range names {
			if assign {
				if err := st.assign(name, v); err != nil {
					return v, err
				}
			} else {
				st.vars = append(st.vars, variable{name, v})
			}
		}
		return v, nil
	}, nil
}

// constant returns the value of a literal command or argument.
func constant(n parse.Node) (reflect.Value, bool) {
	switch n := n.(type) {
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), true
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), true
	case *parse.NumberNode:
		// Integers only; text/template's rules for the others
		// (floats, complex, runes) are not reproduced. An
		// imaginary zero such as 0i is an integer too, but
		// text/template makes it a complex number.
		if n.IsInt && !n.IsComplex && !strings.ContainsAny(n.Text, ".eEpP'") && int64(int(n.Int64)) == n.Int64 {
			return reflect.ValueOf(int(n.Int64)), true
		}
	}
	return reflect.Value{}, false
}

func (c *compiler) command(cmd *parse.CommandNode) (cmdFn, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		chain, err := c.fieldChain(n.Ident, cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		return func(st *state, dot, final reflect.Value, piped bool) (reflect.Value, error) {
			return chain(st, dot, dot, final, piped)
		}, nil
	case *parse.VariableNode:
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			if len(cmd.Args) > 1 {
				return nil, fmt.Errorf("%s: arguments to a variable", cmd)
			}
			return func(st *state, _, _ reflect.Value, piped bool) (reflect.Value, error) {
				if piped {
					return reflect.Value{}, errFallback
				}
				return st.lookup(name)
			}, nil
		}
		chain, err := c.fieldChain(n.Ident[1:], cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		return func(st *state, dot, final reflect.Value, piped bool) (reflect.Value, error) {
			v, err := st.lookup(name)
			if err != nil {
				return v, err
			}
			return chain(st, dot, v, final, piped)
		}, nil
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args[1:])
	case *parse.PipeNode:
		if len(cmd.Args) > 1 {
			return nil, fmt.Errorf("%s: arguments to a pipeline", cmd)
		}
		pipe, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return func(st *state, dot, _ reflect.Value, piped bool) (reflect.Value, error) {
			if piped {
				return reflect.Value{}, errFallback
			}
			return pipe(st, dot)
		}, nil
	case *parse.DotNode:
		if len(cmd.Args) > 1 {
			return nil, fmt.Errorf("%s: arguments to dot", cmd)
		}
		return func(_ *state, dot, _ reflect.Value, piped bool) (reflect.Value, error) {
			if piped {
				return reflect.Value{}, errFallback
			}
			return dot, nil
		}, nil
	}
	if v, ok := constant(cmd.Args[0]); ok && len(cmd.Args) == 1 {
		return func(_ *state, _, _ reflect.Value, piped bool) (reflect.Value, error) {
			if piped {
				return reflect.Value{}, errFallback
			}
			return v, nil
		}, nil
	}
	return nil, fmt.Errorf("%s: command is not compiled", cmd)
}

// rawValue as a parameter type asks an argument for its value as it is;
// text/template's builtins take reflect.Value parameters.
var rawValue = reflect.TypeFor[reflect.Value]()

func (c *compiler) arg(n parse.Node) (argFn, error) {
	var eval pipeFn
	switch n := n.(type) {
	case *parse.DotNode:
		eval = func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	case *parse.FieldNode:
		chain, err := c.fieldChain(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		eval = func(st *state, dot reflect.Value) (reflect.Value, error) {
			return chain(st, dot, dot, reflect.Value{}, false)
		}
	case *parse.VariableNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return nil, err
		}
		eval = func(st *state, dot reflect.Value) (reflect.Value, error) { return cmd(st, dot, reflect.Value{}, false) }
	case *parse.PipeNode:
		pipe, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		eval = pipe
	case *parse.IdentifierNode:
		fn, err := c.function(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		eval = func(st *state, dot reflect.Value) (reflect.Value, error) { return fn(st, dot, reflect.Value{}, false) }
	default:
		v, ok := constant(n)
		if !ok {
			return nil, fmt.Errorf("%s: argument is not compiled", n)
		}
		return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
			switch {
			case typ == rawValue || typ == v.Type() || typ.Kind() == reflect.Interface && typ.NumMethod() == 0:
				return v, nil
			case typ.Kind() == v.Kind() && v.Kind() == reflect.String:
				return v.Convert(typ), nil
			}
			return reflect.Value{}, errFallback
		}, nil
	}
	return func(st *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		v, err := eval(st, dot)
		if err != nil {
			return v, err
		}
		return validate(v, typ)
	}, nil
}

// validate checks that v may be passed as a parameter of type typ.
func validate(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	switch {
	case !v.IsValid():
		if typ != rawValue && canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
	case typ == rawValue || v.Type().AssignableTo(typ):
		return v, nil
	case v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(typ):
		return v.Elem(), nil
	}
	return reflect.Value{}, errFallback
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}

// fieldFn evaluates .A.B.C on receiver; the last may be a method, given
// the command's other arguments and the piped value.
type fieldFn func(st *state, dot, receiver, final reflect.Value, piped bool) (reflect.Value, error)

func (c *compiler) fieldChain(idents []string, args []parse.Node) (fieldFn, error) {
	steps := make([]*field, len(idents))
	for i, name := range idents {
		steps[i] = &field{name: name}
	}
	argFns := make([]argFn, len(args))
	for i, a := range args {
		fn, err := c.arg(a)
		if err != nil {
			return nil, err
		}
		argFns[i] = fn
	}
	last := len(steps) - 1
	return func(st *state, dot, v, final reflect.Value, piped bool) (reflect.Value, error) {
		var err error
		for _, f := range steps[:last] {
			if v, err = f.eval(st, dot, v, nil, reflect.Value{}, false); err != nil {
				return v, err
			}
		}
		return steps[last].eval(st, dot, v, argFns, final, piped)
	}, nil
}

// field is one name of a chain, with where it was found on the type it
// was last evaluated on.
type field struct {
	name string
	last atomic.Pointer[fieldPlan]
}

type fieldKind int

const (
	structField fieldKind = iota
	methodField
	mapEntry
)

// fieldPlan is how a name is found on a receiver of one type (and
// addressability): through how many pointers, then a struct field, a
// method or a map entry.
type fieldPlan struct {
	typ      reflect.Type
	canAddr  bool
	derefs   int
	kind     fieldKind
	index    []int
	method   int
	takeAddr bool
	mtype    reflect.Type
	key      reflect.Value
}

func (f *field) eval(st *state, dot, v reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	if !v.IsValid() {
		// As text/template: a name on nothing (a missing map entry)
		// is nothing.
		return reflect.Value{}, nil
	}
	p := f.last.Load()
	if p == nil || p.typ != v.Type() || p.canAddr != v.CanAddr() {
		var cacheable bool
		if p, cacheable = plan(v, f.name); p == nil {
			return reflect.Value{}, errFallback
		}
		if cacheable {
			f.last.Store(p)
		}
	}
	for range p.derefs {
		if v.IsNil() {
			return reflect.Value{}, errFallback
		}
		v = v.Elem()
	}
	if p.kind == methodField {
		if p.takeAddr {
			v = v.Addr()
		}
		return call(st, dot, v.Method(p.method), p.mtype, args, final, piped)
	}
	if len(args) > 0 || piped {
		return reflect.Value{}, errFallback
	}
	if p.kind == mapEntry {
		return v.MapIndex(p.key), nil
	}
	if len(p.index) == 1 {
		return v.Field(p.index[0]), nil
	}
	r, err := v.FieldByIndexErr(p.index)
	if err != nil {
		return reflect.Value{}, errFallback
	}
	return r, nil
}

// plan finds name on v as text/template does: a method of *T or T, else a
// field of a struct, else an entry of a map with string keys. It returns
// nil for what text/template reports as an error. A plan found through an
// interface depends on the value inside, and is not kept.
func plan(v reflect.Value, name string) (*fieldPlan, bool) {
	p := &fieldPlan{typ: v.Type(), canAddr: v.CanAddr()}
	cacheable := true
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		if v.Kind() == reflect.Interface {
			cacheable = false
		}
		v = v.Elem()
		p.derefs++
	}
	ptr := v
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr, p.takeAddr = ptr.Addr(), true
	}
	if m, ok := ptr.Type().MethodByName(name); ok {
		p.kind, p.method, p.mtype = methodField, m.Index, ptr.Method(m.Index).Type()
		return p, cacheable
	}
	switch v.Kind() {
	case reflect.Struct:
		sf, ok := v.Type().FieldByName(name)
		if !ok || !sf.IsExported() {
			return nil, false
		}
		p.kind, p.index = structField, sf.Index
		return p, cacheable
	case reflect.Map:
		key := reflect.ValueOf(name)
		if !key.Type().AssignableTo(v.Type().Key()) {
			return nil, false
		}
		p.kind, p.key = mapEntry, key
		return p, cacheable
	}
	return nil, false
}

var errorType = reflect.TypeFor[error]()

// call calls fn, of type typ, with the arguments args and the piped value,
// as text/template calls a method or a function of the FuncMap.
func call(st *state, dot, fn reflect.Value, typ reflect.Type, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	n := len(args)
	if piped {
		n++
	}
	fixed := len(args)
	if typ.IsVariadic() {
		fixed = typ.NumIn() - 1
		if n < fixed {
			return reflect.Value{}, errFallback
		}
	} else if n != typ.NumIn() {
		return reflect.Value{}, errFallback
	}
	if !(typ.NumOut() == 1 || typ.NumOut() == 2 && typ.Out(1) == errorType) {
		return reflect.Value{}, errFallback
	}
	var small [4]reflect.Value
	argv := small[:0]
	if n > len(small) {
		argv = make([]reflect.Value, 0, n)
	}
	for i, a := range args {
		var t reflect.Type
		if i < fixed {
			t = typ.In(i)
		} else {
			t = typ.In(typ.NumIn() - 1).Elem()
		}
		v, err := a(st, dot, t)
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	if piped {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if n-1 < fixed {
				t = typ.In(n - 1)
			} else {
				t = t.Elem()
			}
		}
		v, err := validate(final, t)
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, errFallback
	}
	v := out[0]
	if v.Type() == rawValue {
		v = v.Interface().(reflect.Value)
	}
	return v, nil
}

// function compiles a call of the function name: a FuncMap function, or
// one of text/template's builtins that layouts use (and, or, not, eq, ne,
// index, len, printf).
func (c *compiler) function(name string, args []parse.Node) (cmdFn, error) {
	if strings.HasPrefix(name, "_html_template_") {
		// An escaper as an argument, or one not reproduced.
		return nil, fmt.Errorf("%s is not compiled", name)
	}
	argFns := make([]argFn, len(args))
	for i, a := range args {
		fn, err := c.arg(a)
		if err != nil {
			return nil, err
		}
		argFns[i] = fn
	}
	if f, ok := c.funcs[name]; ok {
		fn := reflect.ValueOf(f)
		if fn.Kind() != reflect.Func {
			return nil, fmt.Errorf("%s is not a function", name)
		}
		typ := fn.Type()
		return func(st *state, dot, final reflect.Value, piped bool) (reflect.Value, error) {
			return call(st, dot, fn, typ, argFns, final, piped)
		}, nil
	}
	b, ok := builtins[name]
	if !ok {
		return nil, fmt.Errorf("function %s is not compiled", name)
	}
	return func(st *state, dot, final reflect.Value, piped bool) (reflect.Value, error) {
		return b(st, dot, argFns, final, piped)
	}, nil
}

type builtin func(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error)

var builtins = map[string]builtin{
	"and": func(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
		return andOr(st, dot, args, final, piped, false)
	},
	"or": func(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
		return andOr(st, dot, args, final, piped, true)
	},
	"eq": func(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
		return compare(st, dot, args, final, piped, true)
	},
	"ne": func(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
		return compare(st, dot, args, final, piped, false)
	},
	"not":    notBuiltin,
	"index":  indexBuiltin,
	"len":    lenBuiltin,
	"printf": printfBuiltin,
}

// rawArgs evaluates a builtin's arguments and the piped value.
func rawArgs(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) ([]reflect.Value, error) {
	vals := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		v, err := a(st, dot, rawValue)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	if piped {
		if !final.IsValid() {
			return nil, errFallback
		}
		vals = append(vals, final)
	}
	return vals, nil
}

// andOr returns the first argument that is false (and) or true (or), or
// the last; the arguments after it are not evaluated.
func andOr(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped, or bool) (reflect.Value, error) {
	if len(args) == 0 && !piped {
		return reflect.Value{}, errFallback
	}
	var v reflect.Value
	for _, a := range args {
		var err error
		if v, err = a(st, dot, rawValue); err != nil {
			return v, err
		}
		if truth, _ := isTrue(indirectInterface(v)); truth == or {
			return v, nil
		}
	}
	if piped {
		if !final.IsValid() {
			return reflect.Value{}, errFallback
		}
		v = final
	}
	return v, nil
}

func notBuiltin(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	vals, err := rawArgs(st, dot, args, final, piped)
	if err != nil || len(vals) != 1 {
		return reflect.Value{}, errFallback
	}
	truth, _ := isTrue(indirectInterface(vals[0]))
	return reflect.ValueOf(!truth), nil
}

// compare is eq (or ne) for strings, integers of the same signedness and
// booleans; html/template compares anything else.
func compare(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped, eq bool) (reflect.Value, error) {
	vals, err := rawArgs(st, dot, args, final, piped)
	if err != nil || len(vals) < 2 || !eq && len(vals) != 2 {
		return reflect.Value{}, errFallback
	}
	a := indirectInterface(vals[0])
	for _, b := range vals[1:] {
		b = indirectInterface(b)
		var same bool
		switch {
		case isString(a) && isString(b):
			same = a.String() == b.String()
		case isInt(a) && isInt(b):
			same = a.Int() == b.Int()
		case a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
			same = a.Bool() == b.Bool()
		default:
			return reflect.Value{}, errFallback
		}
		if same {
			return reflect.ValueOf(eq), nil
		}
	}
	return reflect.ValueOf(!eq), nil
}

func isString(v reflect.Value) bool { return v.Kind() == reflect.String }

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// indexBuiltin is index with one key: an entry of a map (the zero value
// when missing) or an element of a slice or array.
func indexBuiltin(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	vals, err := rawArgs(st, dot, args, final, piped)
	if err != nil || len(vals) != 2 {
		return reflect.Value{}, errFallback
	}
	item, isNil := indirect(indirectInterface(vals[0]))
	key := indirectInterface(vals[1])
	if isNil || !item.IsValid() || !key.IsValid() {
		return reflect.Value{}, errFallback
	}
	switch item.Kind() {
	case reflect.Map:
		if !key.Type().AssignableTo(item.Type().Key()) {
			return reflect.Value{}, errFallback
		}
		if v := item.MapIndex(key); v.IsValid() {
			return v, nil
		}
		return reflect.Zero(item.Type().Elem()), nil
	case reflect.Slice, reflect.Array:
		if !isInt(key) || key.Int() < 0 || key.Int() >= int64(item.Len()) {
			return reflect.Value{}, errFallback
		}
		return item.Index(int(key.Int())), nil
	}
	return reflect.Value{}, errFallback
}

func lenBuiltin(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	vals, err := rawArgs(st, dot, args, final, piped)
	if err != nil || len(vals) != 1 {
		return reflect.Value{}, errFallback
	}
	item, isNil := indirect(vals[0])
	if isNil {
		return reflect.Value{}, errFallback
	}
	switch item.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(item.Len()), nil
	}
	return reflect.Value{}, errFallback
}

var anyType = reflect.TypeFor[any]()

func printfBuiltin(st *state, dot reflect.Value, args []argFn, final reflect.Value, piped bool) (reflect.Value, error) {
	if len(args) == 0 {
		return reflect.Value{}, errFallback
	}
	format, err := args[0](st, dot, stringType)
	if err != nil {
		return format, err
	}
	vals := make([]any, 0, len(args))
	for _, a := range args[1:] {
		v, err := a(st, dot, anyType)
		if err != nil {
			return v, err
		}
		vals = append(vals, valueInterface(v))
	}
	if piped {
		vals = append(vals, valueInterface(final))
	}
	return reflect.ValueOf(fmt.Sprintf(format.String(), vals...)), nil
}

// valueInterface is what a function with an any parameter receives.
func valueInterface(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// isTrue is text/template's truth: false for zero numbers, empty strings
// and collections, nil pointers and nothing. ok is false for a value that
// has no truth (a struct is true).
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// indirect follows pointers and interfaces to the value, stopping at nil.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns what an interface value holds.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

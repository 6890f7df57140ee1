package messages

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"guide/internal/diag"
)

// Printer says messages in one language. Its zero value speaks English.
type Printer struct {
	Lang Lang
}

// Sprintf formats a message in the printer's language: the format as the
// catalog gives it, and the arguments that are messages (Text, Error,
// diag.Error, diag.List) each said in the language too. Other arguments,
// such as a file name or a quoted value, are formatted as they are.
func (p Printer) Sprintf(format string, args ...any) string {
	return p.say(format, args)
}

// say is Sprintf, for the formats that the messages themselves carry.
func (p Printer) say(format string, args []any) string {
	if p.Lang != Chinese {
		return fmt.Sprintf(format, args...)
	}
	if zh, ok := zh[format]; ok {
		format = zh
	}
	said := make([]any, len(args))
	for i, a := range args {
		said[i] = p.arg(a)
	}
	// A format made for Errorf may wrap with %w, which only Errorf
	// knows; printed, it is %v.
	return fmt.Sprintf(strings.ReplaceAll(format, "%w", "%v"), said...)
}

// Text returns the message t in the printer's language.
func (p Printer) Text(t Text) string {
	return p.say(t.Format, t.Args)
}

// Fprintf writes a message in the printer's language to w.
func (p Printer) Fprintf(w io.Writer, format string, args ...any) {
	io.WriteString(w, p.Sprintf(format, args...))
}

// arg returns an argument of a message as the language says it.
func (p Printer) arg(a any) any {
	switch a := a.(type) {
	case Text:
		return p.say(a.Format, a.Args)
	case error:
		return p.Error(a)
	}
	return a
}

// Error returns the message of err in the printer's language: that of an
// Error, of a problem (diag.Error, as its Error method writes it) or of a
// list of problems, one per line (as diag.List writes it). Any other
// error, such as one of the operating system, is said as it says itself.
func (p Printer) Error(err error) string {
	switch e := err.(type) {
	case *Error:
		if p.Lang != Chinese {
			return e.Error()
		}
		return p.say(e.Format, e.Args)
	case *diag.Error:
		if e.Pos.File == "" {
			return diag.Printable(p.Message(e))
		}
		return diag.Printable(e.Pos.String() + ": " + p.Message(e))
	case diag.List:
		return p.List(e)
	}
	return err.Error()
}

// Message returns the message of a problem in the printer's language,
// without its position.
func (p Printer) Message(e *diag.Error) string {
	if p.Lang != Chinese || e.Format == "" {
		return e.Msg
	}
	return p.say(e.Format, e.Args)
}

// Problem returns a problem as one line of a list: file:line:col: message,
// with "warning: " before the message of a problem that stops nothing
// here, made safe to print by diag.Printable.
func (p Printer) Problem(e *diag.Error) string {
	msg := p.Message(e)
	if e.Level != diag.LevelError {
		msg = p.Sprintf("warning: %s", msg)
	}
	if e.Pos.File == "" {
		return diag.Printable(msg)
	}
	return diag.Printable(e.Pos.String() + ": " + msg)
}

// List returns the problems of l, one per line, as Problem writes them.
func (p Printer) List(l diag.List) string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = p.Problem(e)
	}
	return strings.Join(lines, "\n")
}

// WriteList writes the problems of l to w, each as Problem writes it on a
// line of its own. A large site can have tens of thousands of warnings:
// they go out through a small buffer rather than as one string.
func (p Printer) WriteList(w io.Writer, l diag.List) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, e := range l {
		bw.WriteString(p.Problem(e))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

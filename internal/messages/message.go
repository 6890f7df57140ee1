package messages

import (
	"fmt"
)

// Text is a message before it is said in a language: a format for
// fmt.Sprintf, in English, and its arguments. Formatted with %s or %v, as
// an argument of an English message, it says itself in English; a Printer
// says it in its language.
type Text struct {
	Format string
	Args   []any
}

// Sprintf returns the message of format and args, to be said later in
// the editor's language.
func Sprintf(format string, args ...any) Text {
	return Text{Format: format, Args: args}
}

// String returns the message in English.
func (t Text) String() string {
	return fmt.Sprintf(t.Format, t.Args...)
}

// Error is an error whose message a Printer can say in the editor's
// language: its text in English is that of fmt.Errorf(Format, Args...),
// and like that error it wraps the arguments given for %w.
type Error struct {
	Format string
	Args   []any
	// err is fmt.Errorf(Format, Args...), which gives the English text
	// and the wrapped errors.
	err error
}

// Errorf returns the error of format and args, as fmt.Errorf does, with
// the format and the arguments kept for a Printer.
func Errorf(format string, args ...any) error {
	return &Error{Format: format, Args: args, err: fmt.Errorf(format, args...)}
}

// Error returns the message in English.
func (e *Error) Error() string { return e.err.Error() }

// Unwrap returns the errors that the format wraps with %w.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// Plural returns the word for n things, one or many ("page" or "pages"),
// as a Text that a Printer says in its language: in Chinese, which has no
// plural, both are the same word.
func Plural(n int, one, many string) Text {
	if n == 1 {
		return Sprintf(one)
	}
	return Sprintf(many)
}

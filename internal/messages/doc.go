// Package messages says what guide tells an editor in the editor's
// language: English, or Chinese.
//
// Every message is written once, in English, as a format for fmt.Sprintf
// ("unknown key %q, did you mean %q?"), where the code finds the problem.
// The Chinese catalog (zh.go) maps each such format to its Chinese format,
// with the same verbs; where Chinese puts the arguments in another order,
// the Chinese format numbers them (%[2]q). A Printer for a language formats
// a message in it: the format is looked up in the catalog, and so are the
// arguments that are messages themselves (a Text, an Error, a diag.Error).
// A format the catalog lacks is said in English; the test of the catalog
// keeps that from happening, by finding every format in the sources.
//
// What carries a message to the Printer:
//
//   - diag.Error, the problems of the content, which keeps the format and
//     the arguments that its English Msg was made from;
//   - Error, made by Errorf, for the errors outside the content (a folder
//     that cannot be built into, a flag given a wrong value);
//   - Text, made by Sprintf, for a part of a message that is itself words
//     ("a list", "the value") and for lines printed later.
//
// The language comes from the -lang flag, or else from the environment
// (FromEnv): LC_ALL, LC_MESSAGES and LANG as on every Unix, and on Windows,
// where editors have no LANG, the language of the user's Windows.
package messages

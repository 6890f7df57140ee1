//go:build !windows

package messages

// userLanguage returns "": outside Windows, the locale's environment
// variables say the user's language.
func userLanguage() string { return "" }

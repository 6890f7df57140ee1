//go:build !windows

package cli

// ownConsole reports whether the program's console window closes when it
// ends. Outside Windows, a program started from a file manager has no
// window to keep open, and one started from a terminal keeps its terminal.
func ownConsole() bool { return false }

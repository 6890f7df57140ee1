package cli

import (
	"syscall"
	"unsafe"
)

// ownConsole reports whether this process is the only one attached to its
// console: then Windows made the console for it, as when guide.exe is
// double-clicked, and closes the window when guide ends. Started from a
// command prompt, the prompt shares the console.
func ownConsole() bool {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var ids [2]uint32
	// GetConsoleProcessList(list, count) returns the number of
	// processes attached to the console.
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}

// Package hugeheap asks Linux to back a short-lived process's heap with
// 2 MiB pages.
//
// A build touches every page of its heap for the first time, and each
// first touch of a 4 KiB page is a page fault. On the virtual machines
// builds often run on, where the host keeps the guest's page tables, a
// fault costs ten microseconds or more: the guide's own build spent about
// a third of its time in the kernel, faulting in 2,600 pages, and a build
// of 10,000 pages faulted in 90,000. With Reserve, one fault maps 2 MiB.
//
// The Go runtime maps its heap in pieces as it grows and does not ask for
// huge pages itself. Reserve makes it map a range at once, by allocating
// and freeing one large block, advises that range, and returns the pages
// to the allocator unused, so the heap grows into them.
package hugeheap

// This package imports no more than os and the runtime, so that
// internal/earlyheap, which imports it, is initialized early (see
// lategc.SetPercent): hence contains, index and trimSpace below, not
// package strings'.
import (
	"os"
	"runtime"
)

// Plan is what Reserve will do on this machine: how many bytes of heap it
// maps and advises, or why it does nothing.
type Plan struct {
	Bytes  int64  // bytes to map and advise; 0 when Reason is set
	Reason string // why nothing is done, for the tests and for debugging
}

// Machine is what a Plan depends on, read from the running system.
type Machine struct {
	THP        string // contents of /sys/kernel/mm/transparent_hugepage/enabled
	Overcommit string // contents of /proc/sys/vm/overcommit_memory
	GODEBUG    string
	RAM        int64 // physical memory in bytes; 0 if unknown
	// AddressLimited is set when the process's address space is limited
	// (ulimit -v): a mapping the runtime cannot make is a crash.
	AddressLimited bool
}

// PlanFor decides how much of a requested reservation of want bytes to make
// on machine m. It reserves nothing when transparent huge pages are off or
// unknown, when the kernel refuses to overcommit memory (the mapping would
// count against the commit limit even though it is never touched), when
// GODEBUG=disablethp=1 asks the runtime for small pages, or when the
// process's address space is limited; and never more than a quarter of
// physical memory.
func PlanFor(m Machine, want int64) Plan {
	switch {
	case want <= 0:
		return Plan{Reason: "nothing asked"}
	case !contains(m.THP, "[always]") && !contains(m.THP, "[madvise]"):
		return Plan{Reason: "transparent huge pages are not available"}
	case trimSpace(m.Overcommit) == "2":
		return Plan{Reason: "the kernel does not overcommit memory"}
	case godebugSet(m.GODEBUG, "disablethp", "1"):
		return Plan{Reason: "GODEBUG=disablethp=1"}
	case m.AddressLimited:
		return Plan{Reason: "the address space is limited"}
	}
	if m.RAM > 0 {
		want = min(want, m.RAM/4)
	}
	// Whole huge pages only.
	want &^= hugePage - 1
	if want <= 0 {
		return Plan{Reason: "too little memory"}
	}
	return Plan{Bytes: want}
}

const hugePage = 2 << 20

func godebugSet(godebug, key, value string) bool {
	set := false
	for godebug != "" {
		kv := godebug
		if i := index(godebug, ','); i >= 0 {
			kv, godebug = godebug[:i], godebug[i+1:]
		} else {
			godebug = ""
		}
		kv = trimSpace(kv)
		if i := index(kv, '='); i >= 0 && kv[:i] == key {
			set = kv[i+1:] == value // the last setting wins, as in the runtime
		}
	}
	return set
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func index(s string, c byte) int {
	for i := range len(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func trimSpace(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}

// Reserve maps up to want bytes of heap and asks for huge pages on it, as
// PlanFor decides for this machine. It runs a garbage collection, so it
// belongs at the start of a process, before the heap holds anything of
// size, and with the collector off (GOGC=off, or lategc.SetPercent(-1)):
// otherwise allocating the block starts a collection of its own, before the
// block is garbage, and Reserve takes two. It may be called once more to
// reserve more. It reports what it did.
func Reserve(want int64) Plan {
	plan := PlanFor(readMachine(), want)
	if plan.Bytes == 0 {
		return plan
	}
	err := reserve(plan.Bytes)
	// The block is garbage now: collect it. Its pages stay mapped and
	// advised, free for the heap to grow into, and cost no memory until
	// they are touched. (Returning them to the system would cost a
	// system call and a TLB flush per 4 MiB, for nothing.)
	runtime.GC()
	if err != nil {
		return Plan{Reason: err.Error()}
	}
	return plan
}

func readMachine() Machine {
	read := func(name string) string {
		b, _ := os.ReadFile(name)
		return string(b)
	}
	return Machine{
		THP:            read("/sys/kernel/mm/transparent_hugepage/enabled"),
		Overcommit:     read("/proc/sys/vm/overcommit_memory"),
		GODEBUG:        os.Getenv("GODEBUG"),
		RAM:            physicalMemory(),
		AddressLimited: addressLimited(),
	}
}
